"""Tests for analysis.frequency and analysis.keyness: hand-computed statistics,
reconciliation of counts, and a small crafted report."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import ReportError, Tokenizer, parse_report
from analysis.frequency import (
    POS_GROUPS, gries_dp, juilland_d, keyness, pos_group, running_words, term_table,
)
from analysis.keyness import chi2_p_value, g2, log_ratio, pmi

CRAFTED = """乌海党员战疫情

□张三 李四

疫情发生以来，党员冲在一线。党员干部坚守岗位。

全面动员 吹响战斗号角

市委书记王小明要求，党员要站好岗。党员值守在社区。

疫情就是命令。党员发挥先锋作用。

支部前移 筑牢防控堡垒

社区党支部组织党员排查疫情。

党员带头 勇敢冲在一线

党员值守，群众安心。疫情防控见成效。
"""


@pytest.fixture(scope="session")
def crafted_tokenizer():
    return Tokenizer(stopwords={"的", "在", "了", "就是", "要"}, extra_words=[("王小明", "nr")])


@pytest.fixture(scope="session")
def crafted(crafted_tokenizer):
    return parse_report(CRAFTED)


@pytest.fixture(scope="session")
def crafted_tokens(crafted, crafted_tokenizer):
    return crafted_tokenizer.tokens(crafted)


# -- hand-computed statistics ------------------------------------------------

@pytest.mark.parametrize("cells, expected", [
    # perfectly associated: every E = 5, G2 = 2 * (10 ln 2 + 10 ln 2) = 40 ln 2
    ((10, 0, 0, 10), 40 * math.log(2)),
    # no association: observed = expected
    ((5, 5, 5, 5), 0.0),
    ((3, 30, 97, 970), 0.0),
    # word 10/100 in the target, 10/1000 in the reference; N = 1100.
    # E11 = 100*20/1100 = 1.8182, E12 = 18.1818, E21 = 98.1818, E22 = 981.8182
    ((10, 10, 90, 990), 2 * (10 * math.log(10 / (100 * 20 / 1100)) + 10 * math.log(10 / (1000 * 20 / 1100))
                             + 90 * math.log(90 / (100 * 1080 / 1100)) + 990 * math.log(990 / (1000 * 1080 / 1100)))),
])
def test_g2_2x2(cells, expected):
    assert g2(*cells) == pytest.approx(expected, abs=1e-9)


def test_g2_worked_value():
    # The last case above, by hand: 10 ln 5.5 = 17.04748, 10 ln 0.55 = -5.97837,
    # 90 ln(90/98.1818) = -7.83102, 990 ln(990/981.818) = 8.21581; sum 11.45390, x 2:
    assert g2(10, 10, 90, 990) == pytest.approx(22.9078, abs=1e-4)


@pytest.mark.parametrize("count, size, ref_count, ref_size, expected", [
    (10, 100, 10, 1000, math.log2(10)),    # 0.1 vs 0.01
    (5, 1000, 10, 1000, -1.0),             # half as frequent
    (2, 100, 0, 100, 2.0),                 # zero -> 0.5: 0.02 / 0.005 = 4
    (0, 100, 4, 100, -3.0),                # 0.005 / 0.04 = 1/8
])
def test_log_ratio(count, size, ref_count, ref_size, expected):
    assert log_ratio(count, size, ref_count, ref_size) == pytest.approx(expected)


@pytest.mark.parametrize("observed, expected_count, value", [
    (2, 0.5, 2.0),
    (1, 1, 0.0),
    (3, 24, -3.0),
])
def test_pmi(observed, expected_count, value):
    assert pmi(observed, expected_count) == pytest.approx(value)


@pytest.mark.parametrize("statistic, p", [(0.0, 1.0), (3.841459, 0.05), (6.634897, 0.01), (10.827566, 0.001)])
def test_chi2_p_value(statistic, p):
    assert chi2_p_value(statistic) == pytest.approx(p, rel=1e-4)


@pytest.mark.parametrize("counts, sizes, expected", [
    ([1, 1, 1, 1], None, 1.0),
    ([4, 0, 0, 0], None, 0.0),       # sd = sqrt(3), mean 1, V = sqrt(3) = sqrt(n-1)
    # [2, 0]: mean 1, sd 1, V = 1, n - 1 = 1 -> D = 0
    ([2, 0], None, 0.0),
    # [3, 1]: mean 2, sd 1, V = 0.5 -> D = 0.5
    ([3, 1], None, 0.5),
    # [2, 0, 1]: mean 1, sd sqrt(2/3), V = 0.8165, sqrt(2) = 1.4142 -> D = 1 - 0.57735
    ([2, 0, 1], None, 1 - math.sqrt(2 / 3) / math.sqrt(2)),
    # parts of unequal size: 2/20 and 1/10 are the same rate -> D = 1
    ([2, 1], [20, 10], 1.0),
    ([0, 0, 0], None, float("nan")),
])
def test_juilland_d(counts, sizes, expected):
    value = juilland_d(counts, sizes)
    if math.isnan(expected):
        assert math.isnan(value)
    else:
        assert value == pytest.approx(expected)


@pytest.mark.parametrize("counts, sizes, expected", [
    ([2, 2], [10, 10], 0.0),
    ([4, 0], [10, 10], 0.5),
    # proportions 1, 0, 0 vs 0.5, 0.25, 0.25 -> 0.5 * (0.5 + 0.25 + 0.25)
    ([3, 0, 0], [2, 1, 1], 0.5),
])
def test_gries_dp(counts, sizes, expected):
    assert gries_dp(counts, sizes) == pytest.approx(expected)


# -- POS groups ---------------------------------------------------------------

def test_pos_groups_are_disjoint_and_have_required_names():
    required = {"nouns", "verbs", "adjectives", "people", "places", "organisations", "numerals"}
    assert required <= set(POS_GROUPS)
    seen: set[str] = set()
    for tags in POS_GROUPS.values():
        assert not (seen & tags)
        seen |= tags


@pytest.mark.parametrize("tag, group", [
    ("n", "nouns"), ("nz", "nouns"), ("nr", "people"), ("nrt", "people"), ("ns", "places"),
    ("nt", "organisations"), ("v", "verbs"), ("vn", "verbs"), ("a", "adjectives"), ("b", "adjectives"),
    ("m", "numerals"), ("mq", "numerals"), ("uj", "function_words"), ("i", "idioms"), ("x", "other"),
    ("nxyz", "nouns"),
])
def test_pos_group(tag, group):
    assert pos_group(tag) == group


# -- term table ---------------------------------------------------------------

def test_term_table_counts_crafted_report(crafted_tokens):
    table = term_table(crafted_tokens).set_index("word")
    # 党员 by reading the text: 1 + 2 + 1 + 1 + 1 in paragraphs 1-5 (党员干部 is its own word)
    assert table.loc["党员", "count"] == 6
    assert table.loc["党员", "n_paragraphs"] == 5
    assert table.loc["疫情", "count"] == 4
    assert table.loc["王小明", "pos_group"] == "people"
    assert table.loc["党员", "first_paragraph_id"] == 1
    # stopwords of the crafted tokenizer are gone
    assert not {"在", "要", "就是"} & set(table.index)


def test_term_table_reconciles_with_kept_tokens(tokens):
    table = term_table(tokens)
    kept = tokens[~tokens["is_punct"] & ~tokens["is_stopword"]]
    single_function = kept["word"].str.len().eq(1) & ~kept["pos"].map(pos_group).isin(
        {"nouns", "verbs", "adjectives", "people", "places", "organisations"})
    assert table["count"].sum() == len(kept) - single_function.sum() == table.attrs["n_kept"]
    assert table.attrs["n_tokens"] == running_words(tokens) == (~tokens["is_punct"]).sum()
    assert table["per_1000"].sum() == pytest.approx(table["count"].sum() / table.attrs["n_tokens"] * 1000)


def test_term_table_is_sorted(tokens):
    table = term_table(tokens)
    order = table.sort_values(["count", "word"], ascending=[False, True]).index
    assert list(order) == list(table.index)
    assert {"word", "pos", "pos_group", "count", "per_1000", "n_paragraphs", "juilland_d"} <= set(table.columns)


@pytest.mark.parametrize("keep, has_single", [(True, True), (False, False)])
def test_keep_single_chars_switch(tokens, keep, has_single):
    table = term_table(tokens, keep_single_chars=keep, drop_stopwords=False)
    assert (table["word"].str.len() == 1).any() == has_single


def test_keep_single_chars_default_keeps_content_characters(crafted_tokens):
    words = set(term_table(crafted_tokens)["word"])
    dropped = set(term_table(crafted_tokens, keep_single_chars=False)["word"])
    assert "岗" in words and "岗" not in dropped          # noun
    explicit = set(term_table(crafted_tokens, keep_single_chars={"岗"})["word"])
    assert "岗" in explicit


def test_pos_group_filter(tokens):
    people = term_table(tokens, pos_groups=["people"])
    assert set(people["pos_group"]) == {"people"}
    assert "史万钧" in set(people["word"])
    both = term_table(tokens, pos_groups=["nouns", "verbs"])
    assert set(both["pos_group"]) <= {"nouns", "verbs"}


def test_term_table_errors(tokens):
    with pytest.raises(ReportError, match="unknown POS group"):
        term_table(tokens, pos_groups=["nounz"])
    with pytest.raises(ReportError, match="keep_single_chars"):
        term_table(tokens, keep_single_chars="maybe")
    with pytest.raises(ReportError, match="token table"):
        term_table(42)
    with pytest.raises(ReportError, match="'word'"):
        term_table(pd.DataFrame({"x": [1]}))


# -- keyness ---------------------------------------------------------------

def test_keyness_matches_hand_computation():
    # target: 党员 x3, 的 x1 (N = 4); reference: 党员 1, 的 99 (N = 100)
    target = pd.DataFrame({"word": ["党员", "党员", "党员", "的"]})
    table = keyness(target, reference={"党员": 1, "的": 99}, min_count=1, drop_stopwords=False).set_index("word")
    assert table.loc["党员", "g2"] == pytest.approx(g2(3, 1, 1, 99))
    # by hand: E11 = 4*4/104, E12 = 100*4/104, E21 = 4*100/104, E22 = 100*100/104
    by_hand = 2 * (3 * math.log(3 / (16 / 104)) + 1 * math.log(1 / (400 / 104))
                   + 1 * math.log(1 / (400 / 104)) + 99 * math.log(99 / (10000 / 104)))
    assert table.loc["党员", "g2"] == pytest.approx(by_hand)
    assert table.loc["党员", "log_ratio"] == pytest.approx(math.log2((3 / 4) / (1 / 100)))
    assert table.loc["党员", "direction"] == "over"
    assert table.loc["的", "direction"] == "under"
    assert table.loc["党员", "p_value"] == pytest.approx(math.erfc(math.sqrt(by_hand / 2)))


def test_keyness_default_reference_is_jieba(tokens):
    table = keyness(tokens)
    assert table.attrs["ref_total"] == 60101967
    assert {"word", "count", "ref_count", "g2", "log_ratio", "p_value", "direction"} <= set(table.columns)
    assert table["g2"].is_monotonic_decreasing
    top = set(table.head(10)["word"])
    assert {"疫情", "防控"} <= top
    assert (table["count"] >= 2).all()


def test_keyness_term_table_input_equals_token_input(tokens):
    from_tokens = keyness(tokens, drop_stopwords=False).set_index("word")
    from_table = keyness(term_table(tokens, drop_stopwords=False, keep_single_chars=True)).set_index("word")
    assert from_table.attrs["n_tokens"] == from_tokens.attrs["n_tokens"]
    common = from_table.index.intersection(from_tokens.index)
    assert len(common) > 50
    pd.testing.assert_series_equal(from_table.loc[common, "g2"], from_tokens.loc[common, "g2"])


def test_keyness_against_another_corpus(crafted_tokens, tokens):
    # the crafted report against the Wuhai report as reference: a token table as reference
    table = keyness(crafted_tokens, reference=tokens, min_count=2).set_index("word")
    ref_counts = tokens.loc[~tokens["is_punct"], "word"].value_counts()
    assert table.loc["党员", "ref_count"] == ref_counts["党员"]
    assert table.attrs["ref_total"] == (~tokens["is_punct"]).sum()


def test_keyness_include_absent_finds_under_use(tokens):
    table = keyness(tokens, include_absent=True, reference={"疫情": 10, "股票": 5000, "的": 5000})
    row = table.set_index("word").loc["股票"]
    assert row["count"] == 0 and row["direction"] == "under" and row["g2"] > 10


def test_keyness_errors(tokens):
    with pytest.raises(ReportError, match="reference"):
        keyness(tokens, reference=42)
    with pytest.raises(ReportError, match="empty"):
        keyness(tokens, reference={})
    with pytest.raises(ReportError, match="min_count"):
        keyness(tokens, min_count=0)


# -- by section ---------------------------------------------------------------

def test_section_counts_reconcile_with_term_table(report, tokens):
    from analysis.frequency import section_counts

    counts = section_counts(tokens, report=report)
    table = term_table(tokens).set_index("word")
    per_word = counts.groupby("word")["count"].sum()
    pd.testing.assert_series_equal(per_word.sort_index(), table["count"].sort_index(), check_names=False)
    sizes = counts.drop_duplicates("segment_id")["segment_tokens"]
    assert sizes.sum() == table.attrs["n_tokens"]
    assert counts["segment"].drop_duplicates().tolist()[0] == "导语"
    assert counts["segment"].drop_duplicates().tolist()[-1] == "结尾"


def test_section_counts_crafted(crafted, crafted_tokens):
    from analysis.frequency import section_counts, section_matrix

    counts = section_counts(crafted_tokens, report=crafted, split_closing=False)
    matrix = section_matrix(counts, value="count")
    # 党员 per section by reading CRAFTED: lead 1, section 1: 2 + 1, section 2: 1, section 3: 1
    assert matrix.loc["党员"].tolist() == [1, 3, 1, 1]
    assert list(matrix.columns) == ["导语", "全面动员 吹响战斗号角", "支部前移 筑牢防控堡垒", "党员带头 勇敢冲在一线"]


def test_section_heatmap_draws(report, tokens):
    import matplotlib.pyplot as plt
    from analysis.frequency import section_counts, section_heatmap

    fig = section_heatmap(section_counts(tokens, report=report), top=5)
    assert len(fig.axes[0].get_yticklabels()) == 5
    plt.close(fig)


# -- n-grams and collocations -------------------------------------------------

def test_ngrams_do_not_cross_punctuation_or_sentences():
    from analysis.frequency import ngrams

    tokens = pd.DataFrame({"word": ["疫情", "防控", "，", "疫情", "防控", "疫情"], "sentence_id": [1, 1, 1, 1, 1, 2]})
    table = ngrams(tokens, n=2, min_count=1)
    assert dict(zip(table["ngram"], table["count"])) == {"疫情防控": 2}


def test_ngrams_on_report(tokens):
    from analysis.frequency import ngrams

    bigrams = ngrams(tokens, n=2).set_index("ngram")
    assert bigrams.loc["疫情防控", "count"] >= 10
    assert (bigrams["count"] >= 2).all()


def test_collocations_hand_computed():
    from analysis.keyness import collocations

    # A B C A B D, window 1: windows of A are {B} and {C, B}: R = 3 positions, N = 6.
    tokens = pd.DataFrame({"word": list("ABCABD"), "paragraph_id": 1})
    table = collocations(tokens, "A", window=1, min_count=1).set_index("word")
    assert table.attrs["window_positions"] == 3
    b = table.loc["B"]
    assert (b["count"], b["left"], b["right"], b["word_count"]) == (2, 0, 2, 2)
    assert b["expected"] == pytest.approx(3 * 2 / 6)
    assert b["pmi"] == pytest.approx(math.log2(2 / 1))
    # 2x2: B in windows 2, B elsewhere 0, others in windows 1, others elsewhere 6 - 3 - 0 = 3
    assert b["g2"] == pytest.approx(g2(2, 0, 1, 3))
    c = table.loc["C"]
    assert c["pmi"] == pytest.approx(math.log2(1 / (3 * 1 / 6)))


def test_collocations_stay_in_paragraph():
    from analysis.keyness import collocations

    tokens = pd.DataFrame({"word": ["A", "B", "C"], "paragraph_id": [1, 2, 2]})
    with pytest.raises(KeyError):
        collocations(tokens, "A", window=2, min_count=1).set_index("word").loc["B"]


def test_collocations_of_report(tokens):
    from analysis.keyness import collocations

    table = collocations(tokens, "疫情")
    assert table.iloc[0]["word"] == "防控"
    with pytest.raises(ReportError, match="does not occur"):
        collocations(tokens, "股票")


# -- keywords with the project tokenizer ---------------------------------------

KEYWORD_TEXT = "红袖标志愿队守在小区门口。红袖标志愿队登记外来车辆。居民感谢红袖标志愿队。红袖标志愿队不怕冷。"


def test_user_dictionary_word_can_be_a_keyword(plain_tokenizer):
    from analysis.keyness import keywords

    # plain jieba splits the made-up name, so it cannot be a keyword there
    assert "红袖标志愿队" not in plain_tokenizer.cut(KEYWORD_TEXT)
    ours = Tokenizer(extra_words=[("红袖标志愿队", "n")])
    for method in ("tfidf", "textrank"):
        assert keywords(KEYWORD_TEXT, method=method, tokenizer=ours)["word"].iloc[0] == "红袖标志愿队"
        assert "红袖标志愿队" not in set(keywords(KEYWORD_TEXT, method=method, tokenizer=plain_tokenizer)["word"])


def test_keywords_do_not_touch_global_jieba():
    import jieba

    from analysis.keyness import keyword_extractors

    tfidf, textrank = keyword_extractors(Tokenizer(extra_words=[("红袖标志愿队", "n")]))
    assert tfidf.tokenizer is not jieba.dt and textrank.tokenizer is not jieba.posseg.dt
    assert "红袖标志愿队" not in jieba.dt.FREQ


def test_keywords_of_report(report):
    from analysis.keyness import keyword_comparison, keywords

    both = keyword_comparison(report, top=10)
    assert len(both) == 10 and both.loc[0, "tfidf_word"] == "疫情"
    with pytest.raises(ReportError, match="method"):
        keywords(report, method="lda")


# -- KWIC and dispersion ------------------------------------------------------

def test_kwic_token_match_agrees_with_term_table(tokens):
    from analysis.concordance import kwic

    lines = kwic(tokens, "党员", window=5)
    assert len(lines) == term_table(tokens).set_index("word").loc["党员", "count"]
    assert (lines["node"] == "党员").all()


def test_kwic_lines_point_back_to_raw_text(report, tokens):
    from analysis.concordance import kwic

    lines = kwic(tokens, "疫情", window=4)
    paragraphs = report.paragraphs.set_index("paragraph_id")["text"]
    for row in lines.itertuples():
        assert paragraphs[row.paragraph_id][row.start:row.end] == "疫情"
        assert paragraphs[row.paragraph_id][row.start - len(row.left):row.start] == row.left
        # the raw file may hold layout between the two characters; without it they match
        assert report.raw[row.raw_start:row.raw_end].replace("\n", "").replace(" ", "") == "疫情"


def test_kwic_crafted_substring_and_tokens(crafted_tokens):
    from analysis.concordance import kwic, render_kwic

    token_lines = kwic(crafted_tokens, "党员", window=2, unit="tokens")
    sub_lines = kwic(crafted_tokens, "党员", window=2, match="substring")
    assert len(sub_lines) == len(token_lines) + 1      # + 党员干部
    first = token_lines.iloc[0]
    assert (first["paragraph_id"], first["sentence_id"], first["left"], first["right"]) == (1, 1, "以来，", "冲在")
    text = render_kwic(sub_lines)
    assert text.count("【党员】") == len(sub_lines)
    with pytest.raises(ReportError, match="unit"):
        kwic(crafted_tokens, "党员", unit="words")


def test_render_kwic_aligns_node_column():
    from analysis.concordance import display_width, render_kwic

    lines = pd.DataFrame({"paragraph_id": [1, 2], "sentence_id": [1, 3],
                          "left": ["全市3万", "在"], "node": ["党员", "党员"], "right": ["", ""]})
    rows = render_kwic(lines).splitlines()
    assert {display_width(r.split("【")[0]) for r in rows} == {display_width(rows[0].split("【")[0])}


def test_dispersion_positions_and_plot(report, tokens):
    import matplotlib.pyplot as plt
    from analysis.concordance import dispersion_plot, dispersion_positions

    hits = dispersion_positions(tokens, ["党员", "疫情"])
    assert (hits["word"] == "疫情").sum() == (tokens["word"] == "疫情").sum() > 0
    assert hits["relative"].between(0, 1).all()
    fig = dispersion_plot(tokens, ["党员", "疫情"], report=report)
    assert len(fig.axes[0].get_yticklabels()) == 2
    plt.close(fig)


# -- named entities ----------------------------------------------------------

@pytest.mark.parametrize("name, title, affiliation", [
    ("史万钧", "市委书记", "乌海"),
    ("刘海军", "医生", "乌海市妇幼保健院"),
    ("杨明轩", "第一书记", "团结新村"),
    ("康伟", "党委书记", "海勃湾区东北社区"),
    ("班慧", "", "乌海市疾控中心微检科"),
])
def test_entity_titles(tokens, name, title, affiliation):
    from analysis.frequency import entities

    row = entities(tokens).set_index("entity").loc[name]
    assert (row["type"], row["title"], row["affiliation"], bool(row["in_user_dict"])) == (
        "person", title, affiliation, True)


def test_entities_crafted(crafted_tokens, crafted_tokenizer):
    from analysis.frequency import entities

    table = entities(crafted_tokens, tokenizer=crafted_tokenizer).set_index("entity")
    assert table.loc["王小明", "title"] == "市委书记"
    assert table.loc["王小明", "first_paragraph_id"] == 2
    assert bool(table.loc["王小明", "in_user_dict"])
    assert table.loc["王小明", "count"] == 1
