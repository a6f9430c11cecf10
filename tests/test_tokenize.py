"""Tests of analysis.tokenize: the project Tokenizer and its data."""

from __future__ import annotations

import pickle

import pytest

from analysis import ReportError, Tokenizer, parse_report
from analysis.resources import HALF_TO_FULL
from analysis.segmentation import load_segmentation_gold, names_kept_whole, segmentation_scores
from analysis.tokenize import TOKEN_COLUMNS, is_punctuation, load_stopwords


@pytest.mark.parametrize(
    "text, expected",
    [
        ("乌海市委书记史万钧要求", ["乌海", "市委书记", "史万钧", "要求"]),
        ("海勃湾区新华街道党员阿拉腾图亚带领家人", ["海勃湾区", "新华街道", "党员", "阿拉腾图亚", "带领", "家人"]),
        ("在海勃湾区千里山镇团结新村", ["在", "海勃湾区", "千里山镇", "团结新村"]),
        ("乌海市疾控中心微检科班慧和赵紫东", ["乌海市疾控中心", "微检科", "班慧", "和", "赵紫东"]),
        ("采取“四不两直”方式", ["采取", "“", "四不两直", "”", "方式"]),
    ],
)
def test_names_and_coinages_kept_whole(tokenizer, text, expected):
    assert tokenizer.cut(text) == expected


@pytest.mark.parametrize(
    "text, word, tag",
    [("班慧坚守在实验室", "班慧", "nr"), ("巴音陶亥镇成立临时党支部", "巴音陶亥镇", "ns"), ("勇做逆行者", "逆行者", "n")],
)
def test_user_dictionary_tags(tokenizer, text, word, tag):
    assert (word, tag) in tokenizer.tag(text)


@pytest.mark.parametrize("text", ["", "abc 123", "新型冠状病毒\r\n毒核酸", "《致全市家长、广大师生的一封信》", "  空格  "])
def test_tokens_concatenate_back_to_the_input(tokenizer, text):
    assert "".join(tokenizer.cut(text)) == text
    assert "".join(w for w, _ in tokenizer.tag(text)) == text


def test_every_person_and_place_of_the_report_kept_whole(report, tokenizer):
    names = names_kept_whole(report.sentences.text, {"project": tokenizer.cut}, tags=("nr", "ns"))
    assert len(names) >= 15
    assert (names["project"] == names["occurrences"]).all(), names[names["project"] != names["occurrences"]]


def test_project_tokenizer_beats_plain_jieba_on_report_and_not_worse_on_general(tokenizer, plain_tokenizer):
    gold = load_segmentation_gold()
    assert (gold.source == "report").sum() >= 15 and (gold.source == "general").sum() >= 5
    project = segmentation_scores(gold, tokenizer.cut, name="project").set_index("source")
    plain = segmentation_scores(gold, plain_tokenizer.cut, name="plain").set_index("source")
    assert project.loc["report", "word_f1"] > plain.loc["report", "word_f1"]
    assert project.loc["general", "word_f1"] >= plain.loc["general", "word_f1"]
    assert project.loc["report", "boundary_f1"] > plain.loc["report", "boundary_f1"]


def test_global_jieba_state_is_untouched(tokenizer):
    import jieba

    tokenizer.cut("阿拉腾图亚")
    tokenizer.add_word("测试专用新词", "nz")
    assert "测试专用新词" not in jieba.dt.FREQ
    assert "阿拉腾图亚" not in jieba.dt.FREQ
    assert "测试专用新词" not in Tokenizer().cut("测试专用新词")


def test_token_table_offsets_point_back(report, tokens):
    assert list(tokens.columns) == TOKEN_COLUMNS
    texts = report.paragraphs.set_index("paragraph_id").text
    for row in tokens.sample(200, random_state=0).itertuples():
        assert texts[row.paragraph_id][row.start : row.end] == row.word
        if row.word not in "“”‘’":  # inserted quotation marks have no raw character
            raw = "".join(report.raw[row.raw_start : row.raw_end].split())  # a word may span a column break
            assert "".join(HALF_TO_FULL.get(c, c) for c in raw) == row.word


def test_token_table_covers_every_sentence(report, tokens):
    joined = tokens.groupby("sentence_id").word.apply("".join)
    assert joined.tolist() == report.sentences.text.tolist()


def test_drop_options(report, tokenizer, tokens):
    kept = tokenizer.tokens(report, drop_stopwords=True, drop_punct=True)
    assert not kept.is_stopword.any() and not kept.is_punct.any()
    assert len(kept) == int((~tokens.is_stopword & ~tokens.is_punct).sum())


def test_tokens_of_a_sentence_table(tokenizer):
    import pandas as pd

    table = tokenizer.tokens(pd.DataFrame({"text": ["党员冲在一线。"]}))
    assert table.word.tolist() == ["党员", "冲", "在", "一线", "。"]


def test_tokens_rejects_other_input(tokenizer):
    with pytest.raises(ReportError, match="takes a Report or a DataFrame"):
        tokenizer.tokens("党员冲在一线")


def test_stopwords():
    stopwords = load_stopwords()
    for word in ["的", "了", "和", "摄"]:
        assert word in stopwords
    for word in ["党", "战", "疫", "党员", "疫情", "冲"]:
        assert word not in stopwords


def test_stopword_exclusion_lines(tmp_path):
    (tmp_path / "base.txt").write_text("的\n冲\n# comment\n", encoding="utf-8")
    (tmp_path / "project.txt").write_text("!冲\n摄\n", encoding="utf-8")
    assert load_stopwords(tmp_path) == {"的", "摄"}


@pytest.mark.parametrize("word, expected", [("，", True), ("“", True), ("党员", False), ("2020", False), ("PCR", False)])
def test_is_punctuation(word, expected):
    assert is_punctuation(word) is expected


def test_tokenizer_pickles_for_worker_processes(tokenizer):
    clone = pickle.loads(pickle.dumps(tokenizer))
    assert clone.cut("阿拉腾图亚带领家人") == tokenizer.cut("阿拉腾图亚带领家人")


def test_missing_user_dictionary_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError, match="user dictionary"):
        Tokenizer(tmp_path / "none.txt")


def test_tokenizer_on_a_crafted_report(tokenizer):
    report = parse_report("标题\n\n党员王强带领群众，加固堤坝。")
    table = tokenizer.tokens(report)
    assert "".join(table.word) == report.paragraphs.text.iloc[0]
