"""Page furniture (running heads, folios, page and section names, jump lines): recognised, set aside, joined across.

All texts are invented here.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import parse_report
from analysis.loading import REPAIR_STEPS
from analysis.newsparts import inline_jump_marks, is_section_name, lone_number, page_furniture


@pytest.mark.parametrize("line, expected", [
    ("2020年2月5日 星期三 第3版", "page_header"),
    ("2020年2月5日星期三第3版", "page_header"),
    ("２０２０年２月５日　星期三", "page_header"),
    ("1998年1月5日 星期一 农历冬月初七", "page_header"),
    ("第3版", "page_header"),
    ("第十二版", "page_header"),
    ("A3", "page_header"),
    ("B12版", "page_header"),
    ("- 3 -", "page_header"),
    ("—12—", "page_header"),
    ("3", "page_header"),
    ("乌海日报 2020年2月5日", "page_header"),
    ("某某晚报 2020-02-05 星期三", "page_header"),
    ("要闻", "page_header"),
    ("综合新闻", "page_header"),
    ("第三版：政治", "page_header"),
    ("第3版 国内要闻", "page_header"),
    ("A2版：经济", "page_header"),
    ("（下转第二版）", "jump"),
    ("（上接第一版）", "jump"),
    ("（转第4版）", "jump"),
    ("下转A2版", "jump"),
    ("(接第3版)", "jump"),
    # not furniture: sentences, headlines and dates of the body
    ("2月5日，市委召开常委会议。", None),
    ("2020年2月5日", None),  # a date alone closes a document (落款): not a running head
    ("2020年全市经济工作会议召开", None),
    ("乌海日报", None),
    ("新闻", None),
    ("第3版刊登了他的文章", None),
    ("下转", None),
    ("三年来全市新建学校12所", None),
    ("星期三", None),
    ("一、加强领导", None),
    ("（三）", None),
    ("记者 张三", None),
    ("新华社北京2020年2月5日电", None),
    ("图片新闻社区志愿者在行动", None),
])
def test_page_furniture_table(line, expected):
    assert page_furniture(line) == expected


def test_lone_number():
    assert (lone_number("3"), lone_number("- 12 -"), lone_number("３"), lone_number("3版"), lone_number("13.5")) \
        == (3, 12, 3, None, None)


_HEAD = "某市召开党员大会\n\n"
_CASES = [
    # a running head between two pieces of a paragraph cut by a page break: set aside, the paragraph joined
    (_HEAD + "党员们冲在抗疫第一线，为居民测量体温、\n2020年2月5日 星期三 第3版\n登记信息，筑起防线。\n",
     ["党员们冲在抗疫第一线，为居民测量体温、登记信息，筑起防线。"], ["page_header"]),
    # a jump line with blank lines around it, inside a paragraph
    (_HEAD + "会议要求，各级党组织要\n\n（下转第二版）\n\n切实加强领导，落实责任。\n",
     ["会议要求，各级党组织要切实加强领导，落实责任。"], ["jump"]),
    # furniture after a paragraph end: set aside, the next line opens a paragraph
    (_HEAD + "会议今天召开。\n第3版\n代表们认真讨论了报告。\n",
     ["会议今天召开。", "代表们认真讨论了报告。"], ["page_header"]),
    # a running head above the title: the title is still the headline
    ("某某日报 2020年2月5日 星期三\n\n某市召开党员大会\n\n会议今天召开。代表们认真讨论了报告。\n",
     ["会议今天召开。代表们认真讨论了报告。"], ["page_header", "title"]),
    # a folio and a section name at once
    (_HEAD + "市里建成三个党群服务中心，\n- 4 -\n要闻\n覆盖全部街道。\n",
     ["市里建成三个党群服务中心，覆盖全部街道。"], ["page_header", "page_header"]),
    # a date opening a sentence is body text
    (_HEAD + "会议今天召开。\n2月5日，代表们认真讨论了报告。\n",
     ["会议今天召开。", "2月5日，代表们认真讨论了报告。"], []),
]


@pytest.mark.parametrize("text, paragraphs, parts", _CASES)
def test_furniture_set_aside_and_joined_across(text, paragraphs, parts):
    report = parse_report(text, kind="ocr")
    assert report.paragraphs.text.tolist() == paragraphs
    furniture = report.parts.part[report.parts.part.isin(["page_header", "jump"])]
    assert sorted(furniture) == sorted(p for p in parts if p != "title")
    assert "title" not in parts or report.headline == "某市召开党员大会"
    for row in report.parts.itertuples():
        assert report.raw[row.raw_start:row.raw_end] == row.text  # raw offsets of each part
    assert report.unaccounted() == []
    without = parse_report(text, kind="ocr", repairs=[s for s in REPAIR_STEPS if s != "furniture"])
    assert not set(without.parts.part) & {"page_header", "jump"}


def test_numbered_parts_left_alone():
    text = _HEAD + "会议今天召开。\n1\n代表们认真讨论了报告。\n2\n大家一致通过决议。\n"
    report = parse_report(text, kind="ocr")
    assert not set(report.parts.part) & {"page_header", "jump"}


def test_a_lone_folio_is_furniture_and_a_dashed_series_too():
    text = _HEAD + "会议要求，各级党组织要\n—1—\n切实加强领导，\n—2—\n落实责任。\n"
    report = parse_report(text, kind="ocr")
    assert report.paragraphs.text.tolist() == ["会议要求，各级党组织要切实加强领导，落实责任。"]
    assert list(report.parts.part) == ["title", "page_header", "page_header"]


def test_probe_keeps_the_other_parts():
    text = ("新春走基层\n党员冲在抗疫最前沿\n——来自某市社区的报道\n\n本报记者 张红军\n\n"
            "本报讯 连日来，某市各社区党员志愿者坚守在疫情防控一线，为居民测量体温、登记信息，\n"
            "筑牢社区防控的第一道防线。\n2020年2月5日 星期三 第3版\n“我是党员，我先上！”社区党支部书记张红说。党员们组成了\n"
            "（下转第二版）\n志愿服务队，日夜值守。\n（责任编辑：李明）\n")
    for kind in ("ocr", "clean", "auto"):
        report = parse_report(text, kind=kind)
        assert (report.kicker, report.headline, report.subtitle) == ("新春走基层", "党员冲在抗疫最前沿", "——来自某市社区的报道")
        assert report.authors == ["张红军"] and report.dateline["text"] == "本报讯"
        assert report.paragraphs.text.tolist()[-1] == "“我是党员，我先上！”社区党支部书记张红说。党员们组成了志愿服务队，日夜值守。"
        assert list(report.parts.part) == ["kicker", "title", "subtitle", "byline", "dateline", "page_header", "jump",
                                           "editor"]
        assert report.unaccounted() == []
        assert not any("星期三" in p or "下转" in p for p in report.paragraphs.text)


CHARS = "党员群众会议领导工作建设发展社区防控服务中心城市农村经济文化教育改革开放人民政府代表报告讨论决定落实责任"
FURNITURE = ["2020年2月5日 星期三 第3版", "第3版", "A3", "- 3 -", "乌海日报 2020年2月5日", "要闻", "第三版：政治",
             "（下转第二版）", "（上接第一版）", "下转A2版"]


@st.composite
def furnished(draw):
    """Paragraphs of clauses, cut at random breaks with page furniture in some of them."""
    paras = []
    for _ in range(draw(st.integers(2, 5))):
        clauses = [draw(st.text(alphabet=CHARS, min_size=4, max_size=16)) for _ in range(draw(st.integers(1, 3)))]
        text = "，".join(clauses)
        paras.append("".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1]) + "。")
    pieces, inserted = [], []
    for para in paras:
        cut = draw(st.integers(1, len(para) - 1))
        pieces.append(para[:cut])
        if draw(st.booleans()):
            line = draw(st.sampled_from(FURNITURE))
            pieces.append(line)
            inserted.append(line)
        pieces.append(para[cut:])
    return paras, pieces, inserted


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=furnished(), blank=st.booleans())
def test_furniture_at_random_breaks_loses_no_character(case, blank, lost_characters):
    paras, pieces, inserted = case
    text = "某市召开党员大会\n\n" + ("\n\n" if blank else "\n").join(pieces) + "\n"
    report = parse_report(text, kind="ocr")
    # copies dropped by the doubled-string rule (中人 / 中人。) are tested elsewhere
    assert not lost_characters(report, paras, dropped_copies_count=True)
    assert report.unaccounted() == []
    found = report.parts[report.parts.part.isin(["page_header", "jump"])].text.tolist()
    assert Counter(found) == Counter(inserted)
    assert not any(line.replace(" ", "") in p for line in inserted if len(line) > 3 for p in report.paragraphs.text)


def test_a_page_editor_line_is_an_editor_line():
    report = parse_report(_HEAD + "会议今天召开。代表们认真讨论了报告。\n本版编辑：李四\n", kind="ocr")
    assert report.paragraphs.text.tolist() == ["会议今天召开。代表们认真讨论了报告。"]
    assert list(report.parts.part) == ["title", "editor"]


@pytest.mark.parametrize("line, expected", [
    ("提出了新的更高的要求（下转第二版）", [(10, 17)]),
    ("提出了新的更高的要求 （下转第2版）", [(11, 18)]),
    ("（上接第一版）各地积极行动。", [(0, 7)]),
    ("（上接A1版）各地积极行动，（转A3版）", [(0, 7), (14, 20)]),
    ("各地积极行动（接 第十二版 ）", [(6, 15)]),
    ("会议要求(转3版)", [(4, 9)]),
    ("（下转第二版）", []),  # a line alone is page_furniture's
    ("会议（第二次）召开。", []),
    ("他说（转引自第二版）", []),
    ("报道（下转第二版）后面还有正文。", []),  # only at the ends of a line
    ("下转第二版后面的文章", []),  # unbracketed inside a line: body text
    ("记者（转载）", []),
    ("本报讯（上接）", []),
])
def test_inline_jump_marks_table(line, expected):
    assert inline_jump_marks(line) == expected


_INLINE = [
    # a jump mark closing a body line, the paragraph continued on the next line (the rest of it, here)
    (_HEAD + "会议指出，新形势对全市各级党组织提出了新的更高的要求（下转第二版）\n切实加强领导，落实责任。\n",
     ["会议指出，新形势对全市各级党组织提出了新的更高的要求切实加强领导，落实责任。"], ["（下转第二版）"]),
    # a jump mark opening a body line
    (_HEAD + "会议要求，各级党组织要\n（上接第一版）切实加强领导，落实责任。\n代表们认真讨论了报告。\n",
     ["会议要求，各级党组织要切实加强领导，落实责任。", "代表们认真讨论了报告。"], ["（上接第一版）"]),
    # both, with blank lines between
    (_HEAD + "市里建成三个（转A3版）\n\n（接A1版）党群服务中心，覆盖全部街道。\n",
     ["市里建成三个党群服务中心，覆盖全部街道。"], ["（转A3版）", "（接A1版）"]),
    # after a sentence end the mark closes the paragraph, and the next line opens one
    (_HEAD + "会议今天召开。（下转第2版）\n代表们认真讨论了报告。\n",
     ["会议今天召开。", "代表们认真讨论了报告。"], ["（下转第2版）"]),
    # a bracket of body text is body text
    (_HEAD + "会议（第二次）召开。\n代表们认真讨论了报告（草案）\n",
     ["会议（第二次）召开。", "代表们认真讨论了报告（草案）"], []),
]


@pytest.mark.parametrize("text, paragraphs, marks", _INLINE)
def test_inline_jump_marks_split_off_and_joined_across(text, paragraphs, marks):
    report = parse_report(text, kind="ocr")
    assert report.paragraphs.text.tolist() == paragraphs
    jumps = report.parts[report.parts.part == "jump"]
    assert jumps.text.tolist() == marks
    for row in jumps.itertuples():
        assert report.raw[row.raw_start:row.raw_end] == row.text  # raw offsets of the mark
    assert report.headline == "某市召开党员大会"
    assert report.unaccounted() == []
    without = parse_report(text, kind="ocr", repairs=[s for s in REPAIR_STEPS if s != "furniture"])
    assert "jump" not in set(without.parts.part)
    assert all(any(mark in p for p in without.paragraphs.text) for mark in marks)  # without the step: body text


def test_is_section_name():
    assert [is_section_name(t) for t in ("要闻", "国内要闻", "综合新闻", "第3版 要闻", "新闻", "要闻集锦")] \
        == [True, True, True, False, False, False]


@pytest.mark.parametrize("text, headline, furniture", [
    # the only headline candidate, before the dateline: the item's title
    ("要闻\n\n本报讯 市委召开常委会议，研究部署工作。\n\n代表们认真讨论了报告。\n", "要闻", []),
    # before the byline
    ("综合新闻\n本报记者 张红军\n市委召开常委会议，研究部署工作。\n", "综合新闻", []),
    # under a running head, still the only candidate
    ("2020年2月5日 星期三 第3版\n要闻\n新华社北京2月4日电 国务院召开常务会议，部署工作。\n", "要闻",
     ["page_header"]),
    # above a real title: a running head
    ("要闻\n\n市委召开常委会议\n\n本报讯 市委召开常委会议，研究部署工作。\n", "市委召开常委会议", ["page_header"]),
    # no dateline or byline after it: no evidence of a title, a running head
    ("要闻\n\n市委召开常委会议，研究部署工作。\n\n代表们认真讨论了报告。\n", "", ["page_header"]),
    # further down (a page break inside the item): a running head
    (_HEAD + "会议要求，各级党组织要\n要闻\n本报讯 切实加强领导，落实责任。\n", "某市召开党员大会", ["page_header"]),
])
def test_a_section_name_is_a_title_only_by_position_and_evidence(text, headline, furniture):
    report = parse_report(text, kind="ocr")
    assert report.headline == headline
    assert report.parts[report.parts.part.isin(["page_header", "jump"])].part.tolist() == furniture
    assert report.unaccounted() == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=furnished(), where=st.lists(st.sampled_from(["end", "start"]), min_size=1, max_size=5),
       mark=st.sampled_from(["（下转第二版）", "（上接第1版）", "（转A2版）", "(接3版)"]))
def test_inline_marks_at_random_breaks_lose_no_character(case, where, mark, lost_characters):
    paras, pieces, _ = case
    pieces = [p for p in pieces if p not in FURNITURE]
    no_layout = [s for s in REPAIR_STEPS if s != "layout"]  # line widths (the marks' too) are the layout's evidence
    plain = parse_report("某市召开党员大会\n\n" + "\n".join(pieces) + "\n", kind="ocr", repairs=no_layout)
    for k, side in zip(range(0, len(pieces) - 1, 2), where):  # at a break inside a paragraph
        if side == "end":
            pieces[k] = pieces[k] + mark
        else:
            pieces[k + 1] = mark + pieces[k + 1]
    text = "某市召开党员大会\n\n" + "\n".join(pieces) + "\n"
    # the marks change nothing but themselves: the paragraphs of the text without them
    assert parse_report(text, kind="ocr", repairs=no_layout).paragraphs.text.tolist() == plain.paragraphs.text.tolist()
    report = parse_report(text, kind="ocr")  # and with every step, every character kept
    assert not any(mark in p for p in report.paragraphs.text)
    assert report.parts.part.tolist().count("jump") == min(len(where), len(range(0, len(pieces) - 1, 2)))
    # in the body or visibly set aside (a one-character line may be a sidebar); copies dropped by the doubled-string
    # rule are tested elsewhere
    assert not lost_characters(report, paras, dropped_copies_count=True)
    assert report.unaccounted() == []
