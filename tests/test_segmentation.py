"""Tests for analysis.segmentation, the gold file and the user dictionary."""

from __future__ import annotations

import logging
import re

import jieba
import jieba.posseg
import pandas as pd
import pytest

from analysis import paths
from analysis.errors import ReportError
from analysis.segmentation import (
    DEFAULT_GOLD,
    boundaries,
    boundary_scores,
    load_segmentation_gold,
    segmentation_scores,
)

USER_DICT = paths.DICTIONARIES_DIR / "wuhai_report_dict.txt"
GENRE_DICT = paths.DICTIONARIES_DIR / "genre_dict.txt"


@pytest.mark.parametrize(
    "tokens, expected",
    [
        (["我", "爱", "北京"], {1, 2}),
        (["我爱", "北京"], {2}),
        (["北京"], set()),
        ([], set()),
        (["乌海", "市委书记", "史万钧"], {2, 6}),
        (["a", "", "bc"], {1}),  # empty tokens are ignored
    ],
)
def test_boundaries(tokens, expected):
    assert boundaries(tokens) == expected


# Hand-computed: gold boundaries, predicted boundaries, correct boundaries;
# gold words, predicted words, correct words (spans).
@pytest.mark.parametrize(
    "gold, predicted, b_counts, b_prf, w_counts, w_prf",
    [
        # gold {1,2} vs {2}: P 1/1, R 1/2, F 2/3;
        # words (0,1)(1,2)(2,4) vs (0,2)(2,4): 1 correct, P 1/2, R 1/3, F 0.4
        (["我", "爱", "北京"], ["我爱", "北京"], (2, 1, 1), (1.0, 0.5, 2 / 3), (3, 2, 1), (0.5, 1 / 3, 0.4)),
        # over-splitting: gold {2} vs {1,2,3}: P 1/3, R 1, F 0.5;
        # words (0,2)(2,4) vs four singles: 0 correct
        (["北京", "大学"], ["北", "京", "大", "学"], (1, 3, 1), (1 / 3, 1.0, 0.5), (2, 4, 0), (0.0, 0.0, 0.0)),
        # identical
        (["他", "说"], ["他", "说"], (1, 1, 1), (1.0, 1.0, 1.0), (2, 2, 2), (1.0, 1.0, 1.0)),
        # one-word text, predicted split: gold has no boundary, predicted {1}:
        # P 0/1 = 0, R 0/0 with a prediction = 0; words 1 vs 2, 0 correct
        (["党员"], ["党", "员"], (0, 1, 0), (0.0, 0.0, 0.0), (1, 2, 0), (0.0, 0.0, 0.0)),
        # one-word text, kept whole: 0/0 boundaries on both sides counts as perfect
        (["党员"], ["党员"], (0, 0, 0), (1.0, 1.0, 1.0), (1, 1, 1), (1.0, 1.0, 1.0)),
        # 乌海|市委书记|史万钧 vs 乌海市|委|书记|史万钧:
        # gold {2,6}, predicted {3,4,6}: 1 correct, P 1/3, R 1/2, F 0.4;
        # words: only (6,9) 史万钧 correct: P 1/4, R 1/3, F 2/7
        (
            ["乌海", "市委书记", "史万钧"],
            ["乌海市", "委", "书记", "史万钧"],
            (2, 3, 1),
            (1 / 3, 0.5, 0.4),
            (3, 4, 1),
            (0.25, 1 / 3, 2 / 7),
        ),
    ],
)
def test_boundary_scores(gold, predicted, b_counts, b_prf, w_counts, w_prf):
    s = boundary_scores(gold, predicted)
    assert (s["boundary_gold"], s["boundary_predicted"], s["boundary_correct"]) == b_counts
    assert (s["word_gold"], s["word_predicted"], s["word_correct"]) == w_counts
    assert (s["boundary_precision"], s["boundary_recall"], s["boundary_f1"]) == pytest.approx(b_prf)
    assert (s["word_precision"], s["word_recall"], s["word_f1"]) == pytest.approx(w_prf)
    assert s["n_chars"] == len("".join(gold))


@pytest.mark.parametrize(
    "gold, predicted",
    [
        (["我", "爱", "北京"], ["我", "爱", "北", "京", "市"]),
        (["新型冠状病毒", "核酸"], ["新型冠状病毒", "毒", "核酸"]),
        (["党员", "，"], ["党员", ","]),
    ],
)
def test_boundary_scores_rejects_different_texts(gold, predicted):
    with pytest.raises(ValueError, match="do not join to the same text"):
        boundary_scores(gold, predicted)
    with pytest.raises(ReportError):
        boundary_scores(gold, predicted)


def _table(rows):
    return pd.DataFrame(rows, columns=["item_id", "source", "text", "gold_tokens"])


def test_segmentation_scores_micro_averages_per_source():
    gold = _table(
        [
            ("r1", "report", "我爱北京", ["我", "爱", "北京"]),
            ("r2", "report", "北京大学", ["北京", "大学"]),
            ("g1", "general", "他说", ["他", "说"]),
        ]
    )
    cut = {"我爱北京": ["我爱", "北京"], "北京大学": ["北", "京", "大", "学"], "他说": ["他", "说"]}.get
    scores = segmentation_scores(gold, cut, name="toy").set_index("source")
    assert list(scores.index) == ["report", "general", "all"]
    assert (scores["system"] == "toy").all()
    assert scores.loc["report", "n_items"] == 2
    assert scores.loc["all", "n_chars"] == 10
    # report: boundaries gold 2+1, predicted 1+3, correct 1+1 -> P 2/4, R 2/3
    assert scores.loc["report", "boundary_precision"] == pytest.approx(0.5)
    assert scores.loc["report", "boundary_recall"] == pytest.approx(2 / 3)
    assert scores.loc["report", "boundary_f1"] == pytest.approx(4 / 7)
    # report: words gold 3+2, predicted 2+4, correct 1+0 -> P 1/6, R 1/5
    assert scores.loc["report", "word_precision"] == pytest.approx(1 / 6)
    assert scores.loc["report", "word_recall"] == pytest.approx(1 / 5)
    # all: words gold 7, predicted 8, correct 3
    assert scores.loc["all", ["word_gold", "word_predicted", "word_correct"]].tolist() == [7, 8, 3]
    assert scores.loc["general", "word_f1"] == pytest.approx(1.0)


def test_segmentation_scores_names_the_bad_item():
    gold = _table([("x1", "report", "我爱北京", ["我", "爱", "北京"])])
    with pytest.raises(ReportError, match="item x1"):
        segmentation_scores(gold, lambda text: [text, "!"], name="broken")


def test_segmentation_scores_rejects_empty_gold():
    with pytest.raises(ReportError, match="no items"):
        segmentation_scores(_table([]), list, name="empty")


# --- The gold file -----------------------------------------------------------


@pytest.fixture(scope="module")
def gold():
    return load_segmentation_gold()


def test_gold_file_is_well_formed(gold):
    assert DEFAULT_GOLD.is_file()
    assert list(gold.columns) == ["item_id", "source", "text", "gold_tokens"]
    assert gold["item_id"].is_unique
    assert set(gold["source"]) == {"report", "general"}
    assert (gold["source"] == "report").sum() >= 20
    assert (gold["source"] == "general").sum() >= 8
    for text, tokens in zip(gold["text"], gold["gold_tokens"]):
        assert "".join(tokens) == text
        assert all(tokens) and not any(" " in t or "\t" in t for t in tokens)


def test_gold_file_raw_lines_use_single_spaces():
    lines = DEFAULT_GOLD.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "item_id\tsource\ttext\tgold"
    for line in lines[1:]:
        fields = line.split("\t")
        assert len(fields) == 4
        assert "  " not in fields[3] and fields[3] == fields[3].strip()


def test_gold_report_items_come_from_the_report(gold):
    raw = paths.DEFAULT_REPORT.read_text(encoding="utf-8")
    repaired = raw.translate(str.maketrans({",": "，", ";": "；", "!": "！", "(": "（", ")": "）"}))
    repaired = re.sub(r"\s+", "", repaired).replace("病毒毒核酸", "病毒核酸")
    for item_id, text in gold.loc[gold["source"] == "report", ["item_id", "text"]].itertuples(index=False):
        assert text in repaired, item_id


def test_load_segmentation_gold_rejects_bad_rows(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("item_id\tsource\ttext\tgold\nx\treport\t我爱北京\t我 爱 北 京 市\n", encoding="utf-8")
    with pytest.raises(ReportError, match="item x"):
        load_segmentation_gold(bad)
    with pytest.raises(ReportError, match="not found"):
        load_segmentation_gold(tmp_path / "missing.tsv")


# --- The user dictionary against the gold and the report ---------------------


@pytest.fixture(scope="module")
def jieba_plain():
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


@pytest.fixture(scope="module")
def jieba_user(report):
    # the bundled report's tokenizer: genre dictionary + wuhai_report_dict.txt
    from analysis import Tokenizer

    return Tokenizer.for_report(report).jieba


def _entries():
    rows = [line.split(" ") for line in USER_DICT.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert all(len(r) == 3 and r[1].isdigit() for r in rows), "dictionary lines are 'word freq pos'"
    return rows


def test_user_dict_keeps_every_name_and_place_of_the_report_whole(jieba_user):
    text = paths.DEFAULT_REPORT.read_text(encoding="utf-8")
    ends, pos = set(), 0
    for token in jieba_user.lcut(text):
        pos += len(token)
        ends.add(pos)
    # 乌海市 also matches the string 乌海|市委书记 (place + title): not the name.
    title_after = re.compile("乌海市委(?:副)?书记")
    split = []
    for word, _, tag in _entries():
        if tag not in ("nr", "ns"):
            continue
        for m in re.finditer(re.escape(word), text):
            if word == "乌海市" and title_after.match(text, m.start()):
                continue
            if any(i in ends for i in range(m.start() + 1, m.end())):
                split.append((word, m.start()))
    assert split == []


def test_user_dict_tags_names_places_organisations(report):
    # the tags come from the project's tagger (Tokenizer.tag = jieba.posseg's output, faster);
    # the jieba instance alone no longer carries the tag table (it is shared between tokenizers)
    from analysis import Tokenizer

    text = paths.DEFAULT_REPORT.read_text(encoding="utf-8")
    flags = {}
    for word, flag in Tokenizer.for_report(report).tag(text):
        flags.setdefault(word, set()).add(flag)
    for word, _, tag in _entries():
        if tag in ("nr", "ns", "nt") and word in flags:
            assert flags[word] == {tag}, word
    for person in ["史万钧", "唐毅", "刘海军", "班慧", "阿拉腾图亚", "石历增", "孙兴厚"]:
        assert flags[person] == {"nr"}


def test_user_dict_beats_plain_jieba_on_report_and_not_worse_on_general(gold, jieba_plain, jieba_user):
    plain = segmentation_scores(gold, jieba_plain.lcut, name="jieba").set_index("source")
    user = segmentation_scores(gold, jieba_user.lcut, name="jieba+user_dict").set_index("source")
    for level in ("word_f1", "boundary_f1"):
        assert user.loc["report", level] > plain.loc["report", level]
        assert user.loc["general", level] >= plain.loc["general", level]


# --- Dictionary layers on general text: the segmented People's Daily corpus -------


@pytest.fixture(scope="module")
def people_daily_heldout():
    from analysis.segmentation import people_daily_gold

    return people_daily_gold("heldout")


def test_genre_dictionary_does_not_hurt_general_news_text(people_daily_heldout):
    """SIGHAN word F1 on held-out People's Daily 1998 paragraphs: genre dictionary ≥ plain jieba − 0.001."""
    from analysis import Tokenizer

    assert len(people_daily_heldout) > 3000
    plain = segmentation_scores(people_daily_heldout, Tokenizer(user_dict=False).cut, name="plain").iloc[-1]
    genre = segmentation_scores(people_daily_heldout, Tokenizer().cut, name="genre").iloc[-1]
    assert genre["word_f1"] >= plain["word_f1"] - 0.001
    assert plain["word_f1"] > 0.75  # the comparison is on a real segmentation, not on noise


@pytest.mark.parametrize("text", ["北京市委书记", "黄山市财政局", "信阳市财政局局长", "上海市委副书记", "市委书记"])
def test_genre_dictionary_never_splits_a_city_name(text):
    """The default tokenizer cuts city + office as plain jieba does (the Wuhai titles stay in the report layer)."""
    from analysis import Tokenizer

    assert Tokenizer().cut(text) == Tokenizer(user_dict=False).cut(text)


def test_genre_entries_keep_general_text_as_plain_jieba(people_daily_heldout):
    """No genre entry changes how a held-out paragraph without the entry's characters is cut."""
    from analysis import Tokenizer
    from analysis.tokenize import read_user_dict

    words = [w for w, _, _ in read_user_dict(GENRE_DICT)]
    genre, plain = Tokenizer(), Tokenizer(user_dict=False)
    sample = [t for t in people_daily_heldout.text[:600] if not any(w in t for w in words)]
    assert len(sample) > 500
    assert [genre.cut(t) for t in sample] == [plain.cut(t) for t in sample]


def test_pku_convention_beats_jieba_conventions_on_the_hand_gold(gold, report):
    """convention='pku' (counted on People's Daily, never on this gold) is closer to the hand gold, report and general."""
    from analysis import Tokenizer

    pairs = [(Tokenizer(), Tokenizer(convention="pku")),
             (Tokenizer.for_report(report), Tokenizer.for_report(report, convention="pku"))]
    for jieba_way, pku_way in pairs:
        before = segmentation_scores(gold, jieba_way.cut, name="jieba").set_index("source")
        after = segmentation_scores(gold, pku_way.cut, name="pku").set_index("source")
        assert after.loc["report", "word_f1"] > before.loc["report", "word_f1"] + 0.03
        assert after.loc["general", "word_f1"] > before.loc["general", "word_f1"]


def test_project_convention_is_closest_to_the_hand_gold(gold, report):
    """convention='project' (pku + the guidelines' departures from the corpus) beats pku on the gold, both sources."""
    from analysis import Tokenizer

    for options in ({}, {"report": True}):
        make = (lambda c: Tokenizer.for_report(report, convention=c)) if options else (lambda c: Tokenizer(convention=c))
        pku = segmentation_scores(gold, make("pku").cut, name="pku").set_index("source")
        project = segmentation_scores(gold, make("project").cut, name="project").set_index("source")
        assert project.loc["report", "word_f1"] > pku.loc["report", "word_f1"] + 0.01
        assert project.loc["general", "word_f1"] > pku.loc["general", "word_f1"]
    assert project.loc["report", "word_f1"] > 0.99  # the report's tokenizer (in-sample: rules read on this gold)


def test_project_convention_changes_only_what_its_rules_say_on_the_hand_gold(gold, report):
    """The project rules added for guidelines 10, 11 and 15 change the report sentences and not the general ones."""
    from analysis import Tokenizer, conventions

    flags = ("MEASURE_MAJORITY", "UNSEEN_ADVERB_VERB", "SUFFIX_WORDS", "LISTED_SPLIT_SHARE")
    with_rules = segmentation_scores(gold, Tokenizer.for_report(report, convention="project").cut, name="with")
    saved = {flag: getattr(conventions, flag) for flag in flags}
    try:
        for flag in flags:
            setattr(conventions, flag, False)
        without = segmentation_scores(gold, Tokenizer.for_report(report, convention="project").cut, name="without")
    finally:
        for flag, value in saved.items():
            setattr(conventions, flag, value)
    with_rules, without = with_rules.set_index("source"), without.set_index("source")
    assert with_rules.loc["report", "word_f1"] > without.loc["report", "word_f1"]
    assert with_rules.loc["general", "word_f1"] == without.loc["general", "word_f1"]


def test_project_convention_departs_from_people_daily_only_where_the_guidelines_do(people_daily_heldout):
    """On held-out People's Daily the project convention is below pku (by design) but far above plain jieba."""
    from analysis import Tokenizer

    sample = people_daily_heldout.head(400)
    f1 = {c: segmentation_scores(sample, Tokenizer(convention=c).cut, name=c)["word_f1"].iloc[-1]
          for c in ("jieba", "pku", "project")}
    assert f1["pku"] > f1["project"] > f1["jieba"] + 0.08
    assert f1["pku"] - f1["project"] < 0.03
