"""The frame of web pages and database exports (source lines, original title, page tools, labels): recognised as
parts, never joined to the body, never deleted; a dateline after them is still the dateline.

All texts are invented here.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import parse_report
from analysis.newsparts import WEB_FRAME_KINDS, web_frame

_BODY = ("新华社武汉3月10日电 中共中央总书记习近平10日专门赴湖北省武汉市考察疫情防控工作。\n\n"
         "他强调，要坚决打赢这场疫情防控的人民战争。\n")
_TITLE = "习近平在湖北省考察新冠肺炎疫情防控工作"


@pytest.mark.parametrize("line, expected", [
    ("来源：新华网", "source_line"),
    ("来源: 人民网-人民日报", "source_line"),
    ("来源：人民网－中国共产党新闻网", "source_line"),
    ("2020-03-10 19:13:25 来源：新华网", "source_line"),
    ("2020年03月10日19:13  来源：人民网-人民日报", "source_line"),
    ("发布时间：2020-03-10 19:13:25 | 来源：央视网", "source_line"),
    ("作者：张三", "source_line"),
    ("作者：张三 来源：光明日报 发布时间：2020年03月10日", "source_line"),
    ("日期：1998-01-05 版次：1 作者：王五", "source_line"),
    ("来源：央视网 | 2020年03月10日 19:13", "source_line"),
    ("原标题：习近平赴湖北考察", "original_title"),
    ("（原标题：某地召开会议）", "original_title"),
    ("【字号 大 中 小】 打印 分享到：", "web_tools"),
    ("【字号：大 中 小】【打印】【关闭】", "web_tools"),
    ("打印本页 关闭窗口", "web_tools"),
    ("扫一扫，分享到微信", "web_tools"),
    ("点击进入专题：众志成城 抗击疫情", "web_tools"),
    ("分享到：", "web_tools"),
    ("【专题】", "label"),
    ("[视频]", "label"),
])
def test_web_frame_lines(line, expected):
    assert web_frame(line) == expected


@pytest.mark.parametrize("line", [
    "来源于群众的智慧。",
    "来源：新华网。",  # a sentence, with its full stop
    "他说，消息的来源很可靠",
    "2020年3月10日，会议在北京召开。",
    "2020-03-10",  # a date alone is a running head's or the document's
    "打印机厂今天投产",
    "时间：上午九时",  # a time field needs a date or a time of the clock
    "分享经验是一种美德",
    "（完）",
    "作者是一位老党员，他说：",
])
def test_body_lines_are_not_frame(line):
    assert web_frame(line) is None


@pytest.mark.parametrize("kind", ["auto", "ocr", "clean"])
def test_source_line_is_not_joined_to_the_dateline(kind):
    """The defect of 2026-12-02: ``来源：新华网`` joined to the dateline paragraph gave the dateline
    ``来源：新华网新华社武汉`` and a body opening ``3月10日电…``."""
    report = parse_report(f"{_TITLE}\n\n来源：新华网\n\n{_BODY}", kind=kind)
    assert report.dateline["text"] == "新华社武汉3月10日电"
    assert report.paragraphs.text.iloc[0].startswith("中共中央总书记")
    parts = report.parts.set_index("part").text
    assert parts["source_line"] == "来源：新华网" and parts["title"] == _TITLE
    assert not report.unaccounted()


@pytest.mark.parametrize("kind", ["auto", "ocr", "clean"])
def test_web_header_block_is_not_joined_into_the_first_paragraph(kind):
    """The second defect: a header block of 原标题, source line and page tools before the dateline paragraph was
    joined into it, dateline included."""
    text = (f"{_TITLE}\n原标题：习近平赴湖北考察\n来源：新华网 2020年03月10日 19:13\n【字号 大 中 小】 打印 分享到：\n\n"
            f"{_BODY}\n（完）\n责任编辑：张三\n")
    report = parse_report(text, kind=kind)
    assert report.headline == _TITLE
    assert report.dateline["text"] == "新华社武汉3月10日电"
    assert report.paragraphs.text.tolist()[0].startswith("中共中央总书记")
    assert len(report.paragraphs) == 2
    kinds = report.parts.part.tolist()
    assert kinds == ["title", "original_title", "source_line", "web_tools", "dateline", "end_mark", "editor"]
    for row in report.parts.itertuples():  # raw offsets kept: each part is the raw text it came from
        assert text[row.raw_start:row.raw_end].strip() == row.text
    assert not report.repairs.kind.eq("column_break_join").any()
    assert not report.unaccounted()


def test_a_source_line_alone_is_still_the_dateline():
    """With no dateline of an agency, ``来源：…`` on its own line is the only dateline the item has (as before)."""
    report = parse_report(f"{_TITLE}\n\n来源：人民网\n\n中共中央总书记习近平10日专门赴湖北省武汉市考察疫情防控工作。\n",
                          kind="clean")
    assert report.dateline["agency"] == "人民网"
    assert report.parts.part.tolist() == ["title", "source_line"]


def test_frame_lines_inside_one_block_are_not_joined_in_ocr_mode():
    """Lines of a header block without blank lines between them (as a copied web page gives them)."""
    text = (f"{_TITLE}\n2020-03-10 19:13:25 来源：新华网\n作者：张三\n新华社武汉3月10日电 中共中央总书记习近平10日专门赴湖北省武汉市"
            "考察疫情防控\n工作。他强调，要坚决打赢这场疫情防控的人民战争。\n扫一扫，分享到微信\n关闭窗口\n")
    report = parse_report(text, kind="ocr")
    assert report.paragraphs.text.tolist() == ["中共中央总书记习近平10日专门赴湖北省武汉市考察疫情防控工作。他强调，要坚决打赢这场疫情防控的人民战争。"]
    assert report.dateline["text"] == "新华社武汉3月10日电"
    assert [p for p in report.parts.part if p in WEB_FRAME_KINDS] == ["source_line", "source_line", "web_tools", "web_tools"]


def test_label_and_tools_at_the_end():
    text = f"{_TITLE}\n\n【专题】\n\n{_BODY}\n点击进入专题：众志成城 抗击疫情\n\n（责编：李四、王五）\n"
    report = parse_report(text)
    assert report.parts.part.tolist() == ["title", "label", "dateline", "web_tools", "editor"]
    assert len(report.paragraphs) == 2


def test_body_sentence_mentioning_a_source_stays_body():
    report = parse_report(f"{_TITLE}\n\n{_BODY}\n来源于群众，服务于群众，这是我们的工作方法。\n", kind="clean")
    assert report.paragraphs.text.iloc[-1] == "来源于群众，服务于群众，这是我们的工作方法。"


_FRAMES = st.sampled_from([
    "来源：新华网", "2020-03-10 19:13:25 来源：人民网-人民日报", "原标题：某地召开会议", "【字号 大 中 小】 打印 分享到：",
    "作者：张三 发布时间：2020年03月10日", "扫一扫，分享到微信", "关闭窗口", "【专题】", "责任编辑：李四", "（完）",
])
_PARAGRAPHS = st.sampled_from([
    "全县党员干部奋战在防汛第一线，守护群众的生命财产安全。",
    "会议强调，要把思想和行动统一到中央的决策部署上来。",
    "今年以来，全市经济运行总体平稳，稳中有进。",
    "他说：“我们一定把这件事办好。”",
    "各地区各部门要切实加强领导，狠抓落实。",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(_PARAGRAPHS, min_size=1, max_size=4), frames=st.lists(_FRAMES, min_size=1, max_size=4),
       where=st.lists(st.integers(0, 4), min_size=4, max_size=4), blank=st.booleans(),
       kind=st.sampled_from(["auto", "ocr", "clean"]))
def test_no_character_lost_with_random_frames(lost_characters, paragraphs, frames, where, blank, kind):
    """Frame lines anywhere between the paragraphs (with or without blank lines): no Han character is lost, and
    every frame line is set aside whole."""
    sep = "\n\n" if blank else "\n"
    blocks = [_TITLE, *paragraphs]
    for frame, at in zip(frames, where):
        blocks.insert(min(at, len(blocks) - 1) + 1, frame)
    report = parse_report(sep.join(blocks) + "\n", kind=kind)
    assert not lost_characters(report, blocks)
    assert not report.unaccounted()
    body = "".join(report.paragraphs.text)
    for frame in frames:
        assert frame not in body


@pytest.mark.parametrize("line, expected", [
    ("央视网 2020年03月10日 19:13", "source_line"),  # a site and a time stamp, no label
    ("人民日报 | 1998-01-05 | 第1版 | 政治", "source_line"),  # an export's fields set off by |
    ("人民日报海外版 | 2018-03-05 | 第3版 | 要闻 | 张三", "source_line"),
    ("乌海日报", None),  # a paper's name alone may be a headline
    ("人民网", None),
    ("人民日报 2020年3月10日", None),  # a paper and a date without a clock: a running head's (page_furniture)
    ("会议 | 讨论 | 决定", None),  # pieces without a date or a paper
    ("人民日报 | 1998-01-05 | 今天，会议召开。", None),
])
def test_site_time_stamp_and_export_fields(line, expected):
    assert web_frame(line) == expected


def test_export_field_line_above_the_title_is_not_the_title():
    text = "人民日报 | 1998-01-05 | 第1版 | 政治\n某地召开全县党员干部大会\n\n全县党员干部奋战在防汛第一线，守护群众的生命财产安全。\n"
    report = parse_report(text)
    assert report.headline == "某地召开全县党员干部大会"
    assert report.parts.part.tolist()[:2] == ["source_line", "title"]


def test_clean_source_never_joins_lines():
    """On clean text only the safe rules run: no line is joined to another, frame or body."""
    text = f"{_TITLE}\n来源：新华网\n全县党员干部奋战在防汛第一线，守护群众的\n生命财产安全。\n关闭窗口\n"
    report = parse_report(text, kind="clean")
    assert report.paragraphs.text.tolist() == ["全县党员干部奋战在防汛第一线，守护群众的", "生命财产安全。"]
    assert not report.repairs.kind.eq("column_break_join").any()
    assert report.parts.part.tolist() == ["title", "source_line", "web_tools"]
