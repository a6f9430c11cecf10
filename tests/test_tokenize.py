"""Tests of analysis.tokenize: the project Tokenizer and its data."""

from __future__ import annotations

import pickle

import pytest

from analysis import ReportError, Tokenizer, parse_report
from analysis.resources import HALF_TO_FULL
from analysis.segmentation import load_segmentation_gold, names_kept_whole, segmentation_scores
from analysis.tokenize import TOKEN_COLUMNS, WUHAI_REPORT_DICT, is_punctuation, load_stopwords


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


# -- the result cache and the shared dictionary tables (issue 16, issue 11) -----


def _scratch_tables(tok):
    """jieba's tables built the way every Tokenizer once built them: jieba's dictionary, then every entry in order."""
    import jieba

    from analysis.tokenize import _jieba_base, _jieba_word_tags

    instance = jieba.Tokenizer()
    instance.FREQ, instance.total, instance.initialized = dict(_jieba_base().FREQ), _jieba_base().total, True
    tags = dict(_jieba_word_tags())
    for word, pos, freq, _ in tok.dictionary_entries():
        instance.add_word(word, freq=freq, tag=pos)
    tags.update(instance.user_word_tag_tab)
    return instance.FREQ, instance.total, tags


@pytest.mark.parametrize("options", [
    {}, {"user_dict": False}, {"suggested": [("周婷婷", "nr", 20), ("柳溪镇", "ns", None)]},
    {"extra_words": ["河湾村", ("王小明", "nr")]},
])
def test_shared_or_copied_tables_equal_a_build_from_scratch(report, options):
    tok = Tokenizer(**options) if "user_dict" in options else Tokenizer(report_dicts=[WUHAI_REPORT_DICT], **options)
    freq, total, tags = _scratch_tables(tok)
    assert tok.jieba.FREQ == freq and tok.jieba.total == total and tok.pos_tokenizer.word_tag_tab == tags


def test_tokenizers_with_the_same_files_share_tables_until_one_adds_a_word():
    a, b = Tokenizer(), Tokenizer()
    assert a.jieba is b.jieba  # nothing of their own: the process's read-only tables
    a.add_word("乌海湾", "ns")
    assert a.jieba is not b.jieba and "乌海湾" in a.jieba.FREQ and "乌海湾" not in b.jieba.FREQ
    assert Tokenizer().tag("乌海湾") != a.tag("乌海湾") == [("乌海湾", "ns")]
    c = Tokenizer(suggested=[("周婷婷", "nr", 20)])
    assert c.jieba is not b.jieba and "周婷婷" not in b.jieba.FREQ


def test_cached_results_are_the_same_and_cannot_be_changed_by_a_caller():
    tok, fresh = Tokenizer(), Tokenizer(cache_mb=0)
    text = "乌海市委书记史万钧在抗疫一线看望党员干部"
    first = tok.tag(text)
    first.append(("x", "x"))  # a caller changing its list
    first[0] = ("改", "v")
    assert tok.tag(text) == fresh.tag(text) == tok.tag_many([text])[0]
    words = tok.cut(text)
    words.clear()
    assert tok.cut(text) == fresh.cut(text) and tok.cut(text)
    assert tok.tag(text) is not tok.tag(text)  # a new list each call
    assert fresh._cache.size == 0 and tok._cache.size > 0


def test_cache_is_bounded_and_forgets_on_add_word():
    tok = Tokenizer(cache_mb=0.01)  # 10 kB
    texts = [f"第{i}个党员值守在社区卡点" for i in range(500)]
    for text in texts:
        tok.tag(text)
    assert 0 < tok._cache.size <= 10_000 and len(tok._cache.items) < 500
    tok.tag("党员值守")
    tok.add_word("员值", "n", 100000)
    assert tok._cache.size == 0 and tok.tag("党员值守") != Tokenizer().tag("党员值守")
    with pytest.raises(ReportError, match="cache_mb"):
        Tokenizer(cache_mb=float("nan"))


def test_cache_survives_pickling_empty_and_threads_agree():
    from concurrent.futures import ThreadPoolExecutor

    tok = Tokenizer()
    tok.tag("党员值守")
    copy = pickle.loads(pickle.dumps(tok))
    assert copy._cache.size == 0 and copy.tag("党员值守") == tok.tag("党员值守")
    texts = [f"社区{i % 7}号卡点的党员值守" for i in range(200)]
    expected = [Tokenizer(cache_mb=0).tag(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(tok.tag, texts)) == expected
