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


# --- dictionary layers ---------------------------------------------------------


def test_default_tokenizer_has_the_genre_dictionary_only():
    tok = Tokenizer()
    assert [p.name for p in tok.dictionaries] == ["genre_dict.txt"]
    assert tok.cut("勇做逆行者，落实四不两直") == ["勇", "做", "逆行者", "，", "落实", "四不两直"]
    # the Wuhai names are not in it: plain jieba splits them as before
    assert "阿拉腾图亚" not in tok.cut("党员阿拉腾图亚带领家人")


def test_for_report_gives_the_bundled_report_its_names(report):
    tok = Tokenizer.for_report(report)
    assert [p.name for p in tok.dictionaries] == ["genre_dict.txt", "wuhai_report_dict.txt"]
    assert tok.cut("乌海市委书记史万钧要求") == ["乌海", "市委书记", "史万钧", "要求"]


def test_for_report_reads_a_sidecar_dictionary():
    from analysis import load_report, paths

    qinghe = load_report(paths.DATA_DIR / "examples" / "qinghe_flood_relief.txt")
    tok = Tokenizer.for_report(qinghe, suggest=False)
    assert [p.name for p in tok.dictionaries] == ["genre_dict.txt", "qinghe_user_dict.txt"]
    assert "河湾村" in tok.cut("河湾村村民赵大爷说")


def test_sidecar_convention(tmp_path):
    from analysis.tokenize import sidecar_dictionary

    (tmp_path / "flood.txt").write_text("x", encoding="utf-8")
    assert sidecar_dictionary(tmp_path / "flood.txt") is None
    (tmp_path / "flood_user_dict.txt").write_text("周立群 20 nr\n", encoding="utf-8")
    (tmp_path / "flood_day2.txt").write_text("x", encoding="utf-8")
    assert sidecar_dictionary(tmp_path / "flood_day2.txt").name == "flood_user_dict.txt"  # a series
    assert sidecar_dictionary(tmp_path / "floods.txt") is None  # not a prefix followed by _


def test_for_report_adds_suggested_names_and_the_user_dictionary_on_top(tmp_path):
    report = parse_report("标题\n\n县委书记周立群要求，护士欧阳婷婷说，大家辛苦了。")
    tok = Tokenizer.for_report(report)
    assert ("周立群", "nr", 20) in tok.suggested
    assert "欧阳婷婷" in tok.cut("护士欧阳婷婷说")
    user = tmp_path / "mine.txt"
    user.write_text("# my names\n周立群 20 nz\n", encoding="utf-8")
    tok = Tokenizer.for_report(report, user_dict=user)
    assert ("周立群", "nz") in tok.tag("周立群要求")  # the user's entry wins
    assert Tokenizer.for_report(report, suggest=False).suggested == ()


def test_user_dictionary_comments_and_bad_lines(tmp_path):
    from analysis.tokenize import read_user_dict

    path = tmp_path / "d.txt"
    path.write_text("# comment\n\n张三 20 nr\n李四\n王五 nz\n", encoding="utf-8")
    assert read_user_dict(path) == [("张三", 20, "nr"), ("李四", None, None), ("王五", None, "nz")]
    path.write_text("张三 many nr\n", encoding="utf-8")
    with pytest.raises(ReportError, match="line 1"):
        read_user_dict(path)


def test_default_tokenizer_is_one_per_report(report):
    from analysis.tokenize import default_tokenizer

    assert default_tokenizer(report) is default_tokenizer(report)
    assert default_tokenizer() is not default_tokenizer(report)
    assert "史万钧" in default_tokenizer(report).cut("史万钧")


def test_plain_tokenizer_has_no_dictionary(plain_tokenizer):
    assert plain_tokenizer.dictionaries == () and plain_tokenizer.user_dict is None
