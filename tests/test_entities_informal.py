"""Informal names of ordinary people (小陈, 老张, 王大爷) and verbs the model took into a name (陈说).

Invented sentences only (no corpus text).
"""

import pytest

from analysis import Tokenizer, parse_report
from analysis.entities import corpus_person_span, mentions, text_entities


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


def people(text, tokenizer, method="crf"):
    return [(text[s:e], evidence) for s, e, kind, evidence in text_entities(text, tokenizer=tokenizer, method=method)
            if kind == "person"]


@pytest.mark.parametrize("text, name, evidence", [
    ("90后护士小陈说，穿上防护服就是战士。", "小陈", "familiar name"),
    ("党员老张告诉我们，物资已经送到。", "老张", "familiar name"),
    ("张大妈和小刘也加入了志愿者队伍。", "小刘", "familiar name"),
    ("小周介绍，村里共有十二户。", "小周", "familiar name"),
    ("居民李阿姨说，心里踏实多了。", "李阿姨", "address term"),
    ("快递员张师傅每天往返三趟。", "张师傅", "address term"),
    ("村口的孙大爷笑着说，日子好了。", "孙大爷", "address term"),
    ("市民高先生表示满意。", "高先生", "address term"),
    ("医生小马告诉记者，病人已经出院。", "小马", "familiar name"),
    ("王大妈的儿子小李说，妈妈是党员。", "小李", "familiar name"),
])
@pytest.mark.parametrize("method", ["crf", "rules"])
def test_informal_names_are_people(text, name, evidence, method, tokenizer):
    found = people(text, tokenizer, method)
    assert name in [n for n, _ in found], found
    assert not any(n != name and (name in n or n in name) for n, _ in found), found  # no longer or shorter span
    assert dict(found)[name] in (evidence, "model", "title", "jieba"), found  # the rule's, or found already


@pytest.mark.parametrize("text, not_a_person", [
    ("90后护士小陈说，穿上防护服就是战士。", "陈说"),
    ("老师说，孩子们都回家了。", "老师"),
    ("小时候他常来这里。", "小时"),
    ("他的老家在山里，小组长说过。", "老家"),
    ("这位女士表示感谢。", "位女士"),
    ("邓小平同志说过，发展是硬道理。", "小平"),  # 邓小平 is found, whole
    ("每个小组都有人值班。", "小组"),
    ("老百姓说，日子越过越红火。", "老百"),
    ("小王子的故事很动人。", "小王"),
    ("各位先生女士，大家好。", "位先生"),
    ("两位老师介绍，学生都到齐了。", "位老师"),
    ("老将出马，一个顶俩。", "老将"),
    ("陈说利害，众人信服。", "陈说"),
])
def test_words_and_verbs_are_no_people(text, not_a_person, tokenizer):
    found = [n for n, _ in people(text, tokenizer)]
    assert not_a_person not in found and not any(n.endswith("说") for n in found), found


def test_a_full_name_before_an_address_term_stays_the_name(tokenizer):
    found = [n for n, _ in people("社区书记李秀英老师介绍，共有志愿者120多人。", tokenizer)]
    assert found == ["李秀英"]


def test_listed_familiar_names(tokenizer):
    found = [n for n, _ in people("护士小赵和老李一起清点物资。", tokenizer)]
    assert {"小赵", "老李"} <= set(found), found


def test_corpus_span_of_an_address_term():
    assert corpus_person_span("王大爷说", 0, 3) == (0, 1)
    assert corpus_person_span("李秀英说", 0, 3) == (0, 3)
    assert corpus_person_span("小陈说", 0, 2) == (0, 2)


def test_the_probe_report_without_a_dictionary():
    text = ("“大家放心，有我们在！”老党员王大爷说。今年68岁的他每天都到小区门口值守。\n"
            "张大妈和小刘也加入了志愿者队伍。社区书记李秀英介绍，全社区共有志愿者120多人。\n"
            "90后护士小陈说：“穿上防护服，我就是战士。”\n"
            "居民赵先生感慨地说，有党员在，心里踏实。\n")
    report = parse_report(text, kind="ocr")
    m = mentions(report, tokenizer=Tokenizer.for_report(report))
    persons = set(m.loc[m.type == "person", "entity"])
    assert persons == {"王大爷", "张大妈", "小刘", "李秀英", "小陈", "赵先生"}


def test_informal_names_are_listed_for_review_in_the_suggestions():
    from analysis.entities import suggest_user_dict

    report = parse_report("志愿者\n\n90后护士小陈说，张大妈和小刘也来了。", kind="ocr")
    table = suggest_user_dict(report).set_index("word")
    assert {"小陈", "小刘", "张大妈"} <= set(table.index)
    assert not table.loc[["小陈", "小刘", "张大妈"], "accept"].any()
    assert "familiar name" in table.loc["小陈", "evidence"] and "address term" in table.loc["张大妈", "evidence"]


def test_corpus_mode_counts_the_same_informal_names():
    from analysis.entities import mention_keys

    report = parse_report("志愿者\n\n90后护士小陈说，张大妈和小刘也来了。居民赵先生感慨地说，心里踏实。", kind="ocr")
    tokenizer = Tokenizer.for_report(report)
    m = mentions(report, tokenizer=tokenizer)
    assert mention_keys(report, tokenizer=tokenizer) == list(zip(m["entity"], m["type"], m["role"]))
    assert {"小陈", "小刘", "张大妈", "赵先生"} <= set(m.loc[m.type == "person", "entity"])
