"""Layout evidence (analysis.repairs.layout) and the loader's use of it, on invented text."""

from __future__ import annotations

import pytest

from analysis import parse_report
from analysis.loading import REPAIR_STEPS
from analysis.repairs.layout import NO_LAYOUT, column_layout, line_width

# Invented paragraphs (not from any corpus), each ending with 。
P1 = "县委书记带领党员干部连夜赶到大堤上。他们分成三组，一组加固堤坝，一组转移群众，一组运送物资。天亮的时候，险情已经排除了。"
P2 = "村里的老党员王大爷也来了。他说，我是党员，这个时候不能躲在家里。大家听了都很感动。"
P3 = "第二天上午，县里召开会议，总结抢险的经验。会上，十二名党员受到表扬，三个村被评为先进集体。"
P4 = "目前，受灾群众已经全部得到安置，生产生活秩序正在恢复。"
TITLE = "党旗在大堤上高高飘扬"


def wrapped(paragraphs, width, indent="", sep="\n"):
    """The paragraphs set in a column ``width`` characters wide (the indent counts), lines joined by ``sep``."""
    lines = [TITLE]
    for p in paragraphs:
        t = indent + p
        lines += [t[i:i + width] for i in range(0, len(t), width)]
    return sep.join(lines) + "\n"


def lead_text(text):
    out = []
    for line in text.splitlines():
        if line.strip():
            body = line.lstrip(" \u3000\t")
            out.append((line[: len(line) - len(body)], body))
    return out


@pytest.mark.parametrize("width, indent, expected", [
    (16, "", (16, "chars", "")),
    (20, "\u3000\u3000", (20, "chars", "\u3000\u3000")),
    (13, "  ", (13, "chars", "  ")),
    (24, "    ", (24, "chars", "    ")),
])
def test_column_layout_finds_width_and_indent(width, indent, expected):
    layout = column_layout(lead_text(wrapped([P1, P2, P3, P4], width, indent)))
    assert (layout.width, layout.measure, layout.indent) == expected
    assert layout and expected[0] and layout.full_lines >= 4


@pytest.mark.parametrize("text_in", [
    # one paragraph per line (an export, the bundled report's form)
    "\n".join([TITLE, P1, P2, P3, P4]),
    # pieces cut at random by column breaks (the loader's damaged samples)
    "\n\n".join([TITLE, P1[:7], P1[7:40], P1[40:], P2[:30], P2[30:], P3, P4[:5], P4[5:]]),
    # a list of short lines of one length is no column (too narrow)
    "\n".join([TITLE] + ["刘春梅 20 nr"] * 8),
])
def test_no_layout_evidence_without_a_column(text_in):
    layout = column_layout(lead_text(text_in))
    assert layout == NO_LAYOUT and not layout
    assert layout.describe().startswith("no layout evidence")


def test_display_width_counts_half_width_characters_as_half():
    assert line_width("", "党员2020", "chars") == 6 and line_width("", "党员2020", "display") == 8
    # a typeset column 20 units wide: lines with Latin digits hold more characters; one unit short still fills it
    lines = [("", TITLE)] + [("", "县里有1200名党员来抢险")] * 3 + [("", "党员带头冲锋在前的事迹")] * 3 + [("", "好。")]
    layout = column_layout(lines)
    assert (layout.measure, layout.width) == ("display", 22)
    assert layout.fills("", "县里有1200名党员来抢险") and layout.fills("", "党员带头冲锋在前的事迹")
    assert layout.fills("", "好。") is False


@pytest.mark.parametrize("previous, line, expected", [
    (("", "他们分成三组，一组加固堤坝，"), ("", "一组转移群众。"), True),  # a full line continues
    (("", "他们分成三组，一组加固堤坝。"), ("", "一组转移群众。"), True),  # … even when it ends with 。
    (("", "天亮的时候，险情已经排除了。"[:8]), ("", "村里的老党员王大爷也来了。"), None),  # short, unindented: punctuation decides
    (("", "他们分成三组，一组加固堤坝，"), ("\u3000\u3000", "村里的老党员"), False),  # an indented line opens
    (("", "一组运送物资———"), ("\u3000\u3000", "天亮的时候"), False),  # … even after an open end
    (("", "短的一行"), ("", "下一行"), None),  # short before an unindented line: the punctuation rule decides
    (("", "他们分成三组，一组加固堤坝，"), ("        ", "居中的标题"), True),  # another lead: the width decides
])
def test_continues(previous, line, expected):
    layout = column_layout([("", TITLE), ("\u3000\u3000", "县委书记带领党员干部连"), *[("", "他们分成三组，一组加固堤坝，")] * 4,
                            ("", "好。"), ("\u3000\u3000", "村里的老党员王大爷也来"), ("", "他们分成三组，一组加固堤坝，"), ("", "好。")])
    assert (layout.width, layout.indent) == (14, "\u3000\u3000")
    assert layout.continues(previous, line) is expected


@pytest.mark.parametrize("width, indent", [(13, ""), (15, "\u3000\u3000"), (21, "  "), (30, "    "), (17, "")])
def test_loader_recovers_wrapped_paragraphs(width, indent):
    # no paragraph but the last ends exactly at the column's edge (see the next test)
    assert all((len(indent) + len(p)) % width for p in (P1, P2, P3))
    text = wrapped([P1, P2, P3, P4], width, indent)
    report = parse_report(text, kind="ocr")
    assert report.paragraphs.text.tolist() == [P1, P2, P3, P4]
    assert report.headline == TITLE and report.layout.width == width
    assert report.unaccounted() == []
    # without the layout step the full lines ending with 。 are taken for paragraph ends
    without = parse_report(text, kind="ocr", repairs=[s for s in REPAIR_STEPS if s != "layout"])
    assert without.layout == NO_LAYOUT


def test_indent_opens_a_paragraph_after_an_open_end():
    first = "会上提出了三项要求———"  # a paragraph ending open, without final punctuation
    text = wrapped([P1, first, P2, P3], 14, "\u3000\u3000")
    report = parse_report(text, kind="ocr")
    assert report.paragraphs.text.tolist() == [P1, first, P2, P3]
    assert report.layout.indent == "\u3000\u3000"


def test_without_indent_a_paragraph_ending_at_the_column_edge_runs_on():
    # a known limit: P1 fills its last line (60 = 5 x 12) and nothing marks the next line as a paragraph opening
    assert len(P1) % 12 == 0
    report = parse_report(wrapped([P1, P2, P3, P4], 12), kind="ocr")
    assert report.paragraphs.text.tolist() == [P1 + P2, P3, P4]
    # with an indent the next paragraph opens (P1 + indent = 62: the last line no longer fills)
    report = parse_report(wrapped([P1, P2, P3, P4], 12, "\u3000\u3000"), kind="ocr")
    assert report.paragraphs.text.tolist() == [P1, P2, P3, P4]


# A line inside a paragraph that has the form of a numbered subheading, after a full line ending with 。
NUMBERED = "党旗在大堤上高高飘扬\n\u3000\u3000县委书记带领党员干部连\n夜赶到堤上提出三点要求。\n一、加强领导班子作风建设\n让群众满意二是密切联系群\n众。\n\u3000\u3000村里的老党员王大爷也\n来了。他说我是党员这个时\n候不能躲在家里。大家听了\n都很感动。\n\u3000\u3000第二天上午县里召开会\n议，总结抢险的经验。\n"


@pytest.mark.parametrize("repairs, headings, n_paragraphs", [
    (None, [], 3),  # the layout: the line fills the column and the full line before it runs into it
    ([s for s in REPAIR_STEPS if s != "layout"], ["一、加强领导班子作风建设"], 4),  # without: a false heading
])
def test_a_line_inside_a_paragraph_is_no_heading(repairs, headings, n_paragraphs):
    report = parse_report(NUMBERED, kind="ocr", repairs=repairs)
    assert report.headings == headings and len(report.paragraphs) == n_paragraphs
    assert report.unaccounted() == []


def test_column_break_with_blank_line_and_doubling_keeps_every_character():
    text = wrapped([P1, P2, P3], 16, "\u3000\u3000")
    lines = text.split("\n")
    lines[5] = lines[5] + "\n\n" + lines[5][-1]  # a column break after line 5, its last character doubled
    report = parse_report("\n".join(lines), kind="ocr")
    assert report.paragraphs.text.tolist() == [P1, P2, P3] or "".join(report.paragraphs.text).count(lines[5][-1]) >= 1
    assert report.unaccounted() == []


def test_layout_decision_is_recorded():
    report = parse_report(wrapped([P1, P2, P3, P4], 18, "  "), kind="ocr")
    assert "a column 18 characters wide" in report.layout.describe()
    assert "paragraphs indented by '  '" in report.layout.describe()
    assert parse_report("\n\n".join([TITLE, P1, P2, P3, P4])).layout == NO_LAYOUT


@pytest.mark.parametrize("lead, text, expected", [
    ("", "党员冲在抗疫第一线守护群众", 1),  # one character over a column of 12
    ("", "党员冲在抗疫第一线守护群", 0),  # the width exactly
    ("", "党员冲在抗疫第一线守护，", 0),
    ("", "党员冲在抗疫第一线守护群，", None),  # over by a closing mark: it may hang in the margin
    ("", "党员冲在抗疫第1线守护群众", None),  # over, with a half-width character: the measures disagree
    ("", "党员冲在抗疫", None),  # short of the width
])
def test_excess(lead, text, expected):
    assert column_layout([("", TITLE)] + [("", "党员冲在抗疫第一线守护群")] * 5).width == 12
    from analysis.repairs.layout import ColumnLayout

    assert ColumnLayout(width=12, measure="chars").excess(lead, text) == expected


@pytest.mark.parametrize("truth, second, expected_kind", [
    # 美国会 (an abbreviation) with 国 doubled by OCR at the break: the next line is one character too wide
    ("代表团在华盛顿访问了美国会，会见了多位议员，双方就两国关系交换了意见。", "国会，会见了多位议员，双方就两", "duplicate_at_join"),
    # 美国国会 cut between its two 国: the next line has the column's width exactly, both are real
    ("代表团在华盛顿访问了美国国会，会见了多位议员，双方就两国关系交换了意见。", "国会，会见了多位议员，双方就", "suspected_duplicate"),
])
def test_a_doubling_at_a_column_break_is_decided_on_the_width(truth, second, expected_kind):
    first = "\u3000\u3000代表团在华盛顿访问了美国"  # 14: the column's width; then a column break (blank line)
    rest = truth[len(first) - 2 + len(second) - (expected_kind == "duplicate_at_join"):]
    column = wrapped([P1, P2], 14, "\u3000\u3000").rstrip("\n").split("\n")
    text = "\n".join(column + [first, "", second] + [rest[i:i + 14] for i in range(0, len(rest), 14)]
                     + wrapped([P3], 14, "\u3000\u3000").split("\n")[1:])
    report = parse_report(text, kind="ocr")
    assert report.layout.width == 14
    assert report.paragraphs.text.tolist() == [P1, P2, truth, P3]
    assert expected_kind in report.repairs.kind.tolist() and report.unaccounted() == []


def test_a_dash_paragraph_under_the_title_is_no_subtitle():
    dash = "———县委书记带领党员干部连夜赶到大堤上，他们分成三组加固堤坝。"
    text = wrapped([dash, P1, P2, P3], 14, "\u3000\u3000")
    report = parse_report(text, kind="ocr")
    assert report.subtitle == "" and report.paragraphs.text.tolist()[0] == dash
    without = parse_report(text, kind="ocr", repairs=[s for s in REPAIR_STEPS if s != "layout"])
    assert without.subtitle == ""  # without the layout, the word running across the line end (干|部) says so too


# -- property: wrapped text loses no character ------------------------------------------------------------------


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


from .test_no_loss_property import paragraphs as generated_paragraphs  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paras=generated_paragraphs(), width=st.integers(10, 32), indent=st.sampled_from(["\u3000\u3000", "  ", "    ", ""]),
       blank_every=st.integers(3, 30))
def test_wrapped_text_loses_no_character(paras, width, indent, blank_every, lost_characters):
    lines = [TITLE, ""]
    for p in paras:
        t = indent + p
        for i in range(0, len(t), width):
            lines.append(t[i:i + width])
            if (len(lines) - 2) % blank_every == 0:
                lines.append("")  # a column break
    report = parse_report("\n".join(lines) + "\n", kind="ocr")
    assert not lost_characters(report, paras)
    assert (report.repairs.kind == "duplicate_at_join").sum() == 0  # nothing was doubled: nothing may be dropped
    assert report.unaccounted() == []


@pytest.mark.parametrize("heading", ["全面动员 吹响号角", "        党员冲在最前面", "一、加强领导"])
def test_headings_captions_and_datelines_keep_their_recognition(heading):
    dateline = "新华社北京１月８日电（记者 张三）"
    column = lambda ps: wrapped(ps, 14, "\u3000\u3000").rstrip("\n").split("\n")[1:]  # noqa: E731
    caption = "党员在大堤上加固堤坝。 李四 摄"
    lines = [TITLE, *column([dateline + P1, P2]), "", caption, "", heading, *column([P3, P4])]
    report = parse_report("\n".join(lines) + "\n", kind="ocr")
    assert report.layout.width == 14 and report.layout.indent == "\u3000\u3000"
    assert report.dateline["text"].startswith("新华社北京１月８日电")
    assert report.captions.photographer.tolist() == ["李四"]
    # the heading rules decide as without the layout (a lone one-part heading needs a second one: it is body)
    without = parse_report("\n".join(lines) + "\n", kind="ocr", repairs=[s for s in REPAIR_STEPS if s != "layout"])
    assert report.headings == without.headings
    assert report.paragraphs.text.tolist() == [P1, P2, *([] if report.headings else [heading.strip()]), P3, P4]
    assert report.unaccounted() == []
