"""Tests of analysis.repairs.steps and analysis.repairs.offsets: each repair step alone, text_in → expected.

Every input here is written for the test (no corpus text).
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import parse_report
from analysis.loading import REPAIR_STEPS, paragraph_pipeline
from analysis.repairs.offsets import Offsets, OffsetTable
from analysis.repairs.steps import (
    PARAGRAPH_STEPS, Paragraph, apply_edits, drop_raw_positions, invisible_repairs, join_column_breaks,
    make_pipeline, mask_invisible, normalise_punctuation, paragraph, remove_inner_spaces, restore_lost_quotations,
    sentence_spans, set_aside_dateline, set_aside_orphan_attribution,
)


def kinds(para: Paragraph) -> list[str]:
    return [r.kind for r in para.repairs]


def assert_traceable(para: Paragraph, raw: str) -> None:
    """Every character with a raw offset is that raw character, or a logged substitution of it."""
    substituted = {r.raw_start: r.after for r in para.repairs if r.before and r.after and r.raw_end == r.raw_start + 1}
    positions = para.offsets.positions()
    assert len(positions) == len(para.text)
    real = [p for p in positions if p >= 0]
    assert real == sorted(set(real)), "raw offsets must increase"
    for c, p in zip(para.text, positions):
        if p >= 0:
            assert c == raw[p] or substituted.get(p) == c, (c, p, raw[p])


# -- offsets --------------------------------------------------------------------


@pytest.mark.parametrize(
    "starts, raws, length, span, expected",
    [
        ([0], [10], 5, (1, 3), (11, 13)),
        ([0, 2], [10, -1], 3, (2, 3), (12, 12)),  # only an inserted character at the end: just after the last raw one
        ([0, 1], [-1, 20], 3, (0, 1), (20, 20)),  # only an inserted character first: at the next raw one
        ([0, 1, 2], [5, -1, 9], 3, (0, 3), (5, 10)),  # a span across an insertion
        ([0, 1, 2], [5, -1, 9], 3, (1, 1), (9, 9)),  # empty span: the next raw character
        ([], [], 0, (0, 0), (0, 0)),
    ],
)
def test_offsets_raw_span(starts, raws, length, span, expected):
    offsets = Offsets(starts, raws, length)
    assert offsets.raw_span(*span) == expected
    table = OffsetTable()
    table.add(7, offsets)
    assert table.raw_span(7, *span) == expected


def test_offsets_positions_and_runs():
    offsets = Offsets([0, 2, 3], [4, -1, 8], 5)
    assert offsets.positions() == [4, 5, -1, 8, 9]
    assert offsets.positions(1, 4) == [5, -1, 8]
    assert list(offsets.runs()) == [(0, 4, 2), (2, -1, 1), (3, 8, 2)]
    assert [offsets.raw_at(i) for i in range(5)] == [4, 5, -1, 8, 9]
    assert pickle.loads(pickle.dumps(offsets)) == offsets


def test_offset_table_is_one_pair_of_arrays():
    table = OffsetTable()
    table.add(1, Offsets.identity(0, 4))
    table.add(2, Offsets([0, 2], [10, -1], 3))
    assert list(table.raw_runs()) == [(0, 4), (10, 12)]
    assert table.positions(2) == [10, 11, -1]
    assert len(table.starts) == 3
    with pytest.raises(KeyError):
        table.raw_span(3, 0, 1)
    copy = pickle.loads(pickle.dumps(table))
    assert copy.positions(2) == [10, 11, -1]


@pytest.mark.parametrize(
    "text, edits, expected_text, expected_positions",
    [
        ("abcdef", [(1, 3, "")], "adef", [0, 3, 4, 5]),
        ("abc", [(0, 0, "“"), (3, 3, "”")], "“abc”", [-1, 0, 1, 2, -1]),
        ("a,b", [(1, 2, "，")], "a，b", [0, 1, 2]),  # a substitution keeps the raw offset
        ("abcd", [(1, 2, ""), (2, 3, "")], "ad", [0, 3]),
        ("abc", [], "abc", [0, 1, 2]),
    ],
)
def test_apply_edits(text, edits, expected_text, expected_positions):
    out = apply_edits(paragraph(text), edits)
    assert out.text == expected_text
    assert out.offsets.positions() == expected_positions


def test_apply_edits_merges_runs():
    out = apply_edits(paragraph("abc"), [(1, 1, "")])  # inserting nothing leaves one run
    assert out.offsets == Offsets.identity(0, 3)


def test_apply_edits_refuses_overlaps_and_length_changes():
    with pytest.raises(ValueError):
        apply_edits(paragraph("abcd"), [(0, 2, ""), (1, 3, "")])
    with pytest.raises(ValueError):
        apply_edits(paragraph("abcd"), [(0, 2, "x")])


# -- invisible characters -----------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected, expected_kinds",
    [
        ("党员\u200b冲在前", "党员冲在前", ["invisible_character"]),
        ("好。\x00下一句。", "好。下一句。", ["control_character"]),
        ("\ufeff党员", "党员", ["invisible_character"]),
        ("党员冲在前", "党员冲在前", []),
    ],
)
def test_invisible_characters(text_in, expected, expected_kinds):
    masked, positions = mask_invisible(text_in)
    assert len(masked) == len(text_in)
    rows = invisible_repairs(text_in, positions)
    assert [r.kind for r in rows] == expected_kinds
    out = drop_raw_positions(paragraph(masked), positions)
    assert out.text == expected
    assert_traceable(out, masked)


# -- column breaks ------------------------------------------------------------------


def _spans(raw: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in raw.split("\n"):
        if line.strip():
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


@pytest.mark.parametrize(
    "text_in, expected, expected_kinds",
    [
        ("第一段写到一半，在机\n\n场结束。", "第一段写到一半，在机场结束。", ["column_break_join"]),
        ("一行\n两行\n三行。", "一行两行三行。", ["column_break_join", "column_break_join"]),
        ("实验室对病毒\n\n毒核酸进行检测。", "实验室对病毒核酸进行检测。", ["column_break_join", "duplicate_at_join"]),
        ("他访问了美国\n\n国会。", "他访问了美国国会。", ["column_break_join", "suspected_duplicate"]),
        ("只有一行。", "只有一行。", []),
    ],
)
def test_join_column_breaks(text_in, expected, expected_kinds):
    out = join_column_breaks(text_in, _spans(text_in), number=3)
    assert out.text == expected
    assert kinds(out) == expected_kinds
    assert {r.paragraph_id for r in out.repairs} <= {3}
    assert_traceable(out, text_in)
    gap = out.repairs[0] if out.repairs else None
    if gap is not None:
        assert text_in[gap.raw_start : gap.raw_end] == gap.before and not gap.before.strip()


@pytest.mark.parametrize(
    "text_in, over, expected, expected_kinds",
    [
        # a column 8 characters wide: the line after the break is one wider, by exactly the repeated 国 (a copy)
        ("他访问了美国\n\n国会议员代表团成员。", 1, "他访问了美国会议员代表团成员。", ["column_break_join", "duplicate_at_join"]),
        # the line has the column's width exactly: no room for a copy, so the doubling is real text (kept)
        ("实验室对病毒\n\n毒核酸进行检测。", 0, "实验室对病毒毒核酸进行检测。", ["column_break_join", "suspected_duplicate"]),
        # wider by two characters, not by the repeated one: no evidence, the rule of real text stands
        ("他访问了美国\n\n国会议员代表团成员们。", 2, "他访问了美国国会议员代表团成员们。", ["column_break_join", "suspected_duplicate"]),
        # nothing repeated: the width changes nothing
        ("他访问了美国\n\n议会。", 1, "他访问了美国议会。", ["column_break_join"]),
    ],
)
def test_join_column_breaks_with_the_column_width(text_in, over, expected, expected_kinds):
    from analysis.repairs.layout import ColumnLayout

    spans = _spans(text_in)
    out = join_column_breaks(text_in, spans, column=ColumnLayout(width=8, measure="chars"), excess={spans[1][0]: over})
    assert out.text == expected and kinds(out) == expected_kinds
    assert_traceable(out, text_in)
    if over in (0, 1) and len(kinds(out)) > 1:
        assert "column's width" in out.repairs[1].note or "wider than its column" in out.repairs[1].note


def test_join_without_the_duplicates_rule_keeps_both_copies():
    raw = "实验室对病毒\n\n毒核酸进行检测。"
    out = join_column_breaks(raw, _spans(raw), duplicates=False)
    assert out.text == "实验室对病毒毒核酸进行检测。" and kinds(out) == ["column_break_join"]


# -- dateline, orphan attribution ------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected, agency",
    [
        ("新华社北京2月29日电（记者 张三）国务院今天发布通知。", "国务院今天发布通知。", "新华社"),
        ("本报讯（记者 王五） 近日，村里通了路。", "近日，村里通了路。", "本报"),
        ("本报记者走进村里。", "本报记者走进村里。", None),
    ],
)
def test_set_aside_dateline(text_in, expected, agency):
    out = set_aside_dateline(paragraph(text_in, 100))
    assert out.text == expected
    if agency is None:
        assert out.dateline is None and out.repairs == ()
    else:
        row = out.repairs[0]
        assert row.kind == "dateline" and out.dateline["agency"] == agency
        assert (row.raw_start, row.raw_end) == (out.dateline["raw_start"], out.dateline["raw_end"])
        assert text_in[row.raw_start - 100 : row.raw_end - 100] == row.before
        assert out.offsets.raw_at(0) == 100 + text_in.index(expected[:2])


def test_dateline_over_two_raw_runs_gives_one_row_per_run():
    para = drop_raw_positions(paragraph("本报讯 （记者 王五）近日，村里通了路。"), [3])  # a removed character inside
    out = set_aside_dateline(para)
    assert out.text == "近日，村里通了路。"
    assert [(r.raw_start, r.raw_end, r.before) for r in out.repairs] == [(0, 3, "本报讯"), (4, 11, "（记者 王五）")]
    assert (out.dateline["raw_start"], out.dateline["raw_end"]) == (0, 11)


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("祝婕说。在这场战争中，党员冲在前面。", "在这场战争中，党员冲在前面。"),
        ("他说！大家好。", "大家好。"),
        ("他说，大家好。", "他说，大家好。"),
        ("今天下雨了。他说。", "今天下雨了。他说。"),
    ],
)
def test_set_aside_orphan_attribution(text_in, expected):
    out = set_aside_orphan_attribution(paragraph(text_in))
    assert out.text == expected
    assert kinds(out) == ([] if expected == text_in else ["orphan_attribution"])
    assert_traceable(out, text_in)


# -- spaces and punctuation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected, n_rows",
    [
        ("党员 冲在一线", "党员冲在一线", 1),
        ("党员\u3000\u3000冲在一线", "党员冲在一线", 2),
        ("在 PCR 实验室", "在 PCR 实验室", 0),
        ("数字 2020 年", "数字 2020 年", 0),
        ("好， 很好。 对", "好，很好。对", 2),
        (" 开头的空格", " 开头的空格", 0),
    ],
)
def test_remove_inner_spaces(text_in, expected, n_rows):
    out = remove_inner_spaces(paragraph(text_in))
    assert out.text == expected
    assert kinds(out) == ["space_removed"] * n_rows
    for row in out.repairs:
        assert text_in[row.raw_start] == row.before
    assert_traceable(out, text_in)


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("党员们,冲在一线!", "党员们，冲在一线！"),
        ("共1,900人,10:30出发", "共1,900人，10:30出发"),
        ("书记(左二)检查", "书记（左二）检查"),
        ("版本(v2)发布", "版本(v2)发布"),
        ('他说"好"', "他说“好”"),
        ('他说"好', '他说"好'),  # an unpaired straight quote is left alone
        ("English, only.", "English, only."),
        ("真的?!", "真的？！"),  # the second mark sees the first one already full-width
    ],
)
def test_normalise_punctuation(text_in, expected):
    out = normalise_punctuation(paragraph(text_in))
    assert out.text == expected
    assert len(out.repairs) == sum(a != b for a, b in zip(text_in, expected))
    assert out.offsets == paragraph(text_in).offsets  # substitutions keep every raw offset
    assert_traceable(out, text_in)


# -- lost quotations -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("我们一定守住大堤！这是党员王强说得最多的一句话。",
         "“我们一定守住大堤！”这是党员王强说得最多的一句话。"),
        ("面对洪水，我们要守住家园。县委书记张建国说，大家辛苦了。",
         "“面对洪水，我们要守住家园。”县委书记张建国说，大家辛苦了。"),
        ("面对洪水，我们要守住“大堤”。张建国说，好。", "“面对洪水，我们要守住‘大堤’。”张建国说，好。"),
        ("洪水来了！这是大家没想到的。", "洪水来了！这是大家没想到的。"),  # no 说: not speech
        ("面对洪水，大家守住家园。张建国说，好。", "面对洪水，大家守住家园。张建国说，好。"),  # not first person
        # the opening names the speaker: reported in the third person, no quotation lost
        ("张建国在会上回顾了我们县一年的工作。张建国说，明年要再接再厉。",
         "张建国在会上回顾了我们县一年的工作。张建国说，明年要再接再厉。"),
        ("一句话。", "一句话。"),
    ],
)
def test_restore_lost_quotations(text_in, expected):
    out = restore_lost_quotations(paragraph(text_in, 50))
    assert out.text == expected
    inserted = [r for r in out.repairs if r.kind == "lost_quotation"]
    assert len(inserted) == 2 * (expected != text_in)
    for row in inserted:
        assert row.raw_start == row.raw_end and row.before == ""
    positions = out.offsets.positions()
    assert [p - 50 for p in positions if p >= 0] == list(range(len(text_in)))  # nothing removed, all in order


def test_restore_two_exclamations_in_one_paragraph():
    text = "顶住！这是他说的。冲啊！这是她说的。"
    out = restore_lost_quotations(paragraph(text))
    assert out.text == "“顶住！”这是他说的。“冲啊！”这是她说的。"
    assert out.offsets.positions() == [-1, 0, 1, 2, -1] + list(range(3, 9)) + [-1, 9, 10, 11, -1] + list(range(12, 18))


# -- the pipeline ---------------------------------------------------------------------


def test_paragraph_steps_are_named_repair_steps():
    assert set(PARAGRAPH_STEPS) <= set(REPAIR_STEPS)
    order = [name for name in REPAIR_STEPS if name in PARAGRAPH_STEPS]
    assert list(PARAGRAPH_STEPS) == order


def test_make_pipeline_runs_steps_in_order():
    text = "祝婕说。我们 一定做到!这是大家说的话。"
    full = paragraph_pipeline()(paragraph(text))
    assert full.text == "“我们一定做到！”这是大家说的话。"
    assert kinds(full) == ["space_removed", "punctuation", "lost_quotation", "lost_quotation", "orphan_attribution"]
    by_hand = make_pipeline(remove_inner_spaces, normalise_punctuation, restore_lost_quotations,
                            set_aside_orphan_attribution)(paragraph(text))
    assert by_hand == full


@pytest.mark.parametrize(
    "left_out, kept_text",
    [
        ("spaces", "党员 冲在一线，守护群众。"),
        ("punctuation", "党员冲在一线,守护群众。"),
        ("column_breaks", None),
    ],
)
def test_load_with_a_step_left_out(left_out, kept_text):
    text = "标题\n\n□记者\n\n党员 冲在一线,守护\n\n群众。\n"
    report = parse_report(text, kind="ocr", repairs=[s for s in REPAIR_STEPS if s != left_out])
    if kept_text is None:
        assert report.paragraphs.text.tolist() == ["党员冲在一线，守护", "群众。"]
    else:
        assert report.paragraphs.text.tolist() == [kept_text]
    assert report.unaccounted() == []


# -- properties -------------------------------------------------------------------------

ALPHABET = "党员冲在一线守护群众我们说这是好，。！？,!?: \u3000\"“”()（）"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=60), start=st.integers(0, 1000))
def test_every_step_keeps_every_character_traceable(text, start):
    raw = " " * start + text
    para = paragraph(text, start)
    for step in PARAGRAPH_STEPS.values():
        out = step(para)
        assert_traceable(out, raw)
        kept = {p for p in out.offsets.positions() if p >= 0}
        logged = {i for r in out.repairs if r.before for i in range(r.raw_start, r.raw_end)}
        lost = set(range(start, start + len(text))) - kept - logged
        assert all(raw[i] in " \u3000" for i in lost), (step.__name__, sorted(lost))  # only whitespace goes unlogged
        para = out
    assert sentence_spans(para.text) == sorted(sentence_spans(para.text))


def _ascii_digits(para: Paragraph) -> Paragraph:
    """A user's own step: full-width digits become ASCII, each logged."""
    from analysis.repairs.steps import Repair

    edits, rows = [], []
    for i, c in enumerate(para.text):
        if "０" <= c <= "９":
            ascii_digit = chr(ord(c) - ord("０") + ord("0"))
            raw = para.offsets.raw_at(i)
            edits.append((i, i + 1, ascii_digit))
            rows.append(Repair("digits", raw, raw + 1, c, ascii_digit, para.number, "full-width digit"))
    return apply_edits(para, edits, rows)


def test_a_users_own_step_runs_after_the_named_ones():
    text = "标题\n\n□记者\n\n全县２０２０年投入３亿元,修好了堤坝。\n"
    report = parse_report(text, repairs=[*REPAIR_STEPS, _ascii_digits])
    assert report.paragraphs.text.tolist() == ["全县2020年投入3亿元，修好了堤坝。"]
    rows = report.repairs[report.repairs.kind == "digits"]
    assert rows.before.tolist() == ["２", "０", "２", "０", "３"] and rows.paragraph_id.tolist() == [1] * 5
    assert all(report.raw[r.raw_start] == r.before for r in rows.itertuples())
    assert report.unaccounted() == []
    assert parse_report(text).paragraphs.text.tolist() == ["全县２０２０年投入３亿元，修好了堤坝。"]


@pytest.mark.parametrize(("text", "quoted"), [
    ("面对困难，我们一起守住了大堤。镇党委书记王强说，这是全镇党员的功劳。", True),   # a named speaker
    ("面对困难，我们一起守住了大堤。村里的不少群众说，这是全镇党员的功劳。", False),  # a crowd: reported speech
    ("所以我们要记住这一天。有位读者来信说，这是全镇党员的功劳。", False),           # no named speaker
])
def test_first_person_opening_is_quoted_only_for_a_named_speaker(text, quoted):
    out = restore_lost_quotations(paragraph(text))
    assert out.text.startswith("“") is quoted
    assert (out.text == text) is not quoted


@pytest.mark.parametrize(("text", "quoted"), [
    ("面对困难，我们一起守住了大堤。镇党委书记王强说，这是全镇党员的功劳。", True),
    # 说： introduces the speech after it (with or without marks), not the opening before it
    ("清晨，我们来到了大堤上。镇党委书记王强说：这是全镇党员的功劳。", False),
    ("清晨，我们来到了大堤上。镇党委书记王强说，“这是全镇党员的功劳。”", False),
    # 我国, 我省 … are the reporter's narrative, not a speaker's first person
    ("近年来我国水利建设加快。镇党委书记王强说，这是全镇党员的功劳。", False),
    ("近年来我省水利建设加快，我们很高兴。镇党委书记王强说，这是全镇党员的功劳。", True),
])
def test_an_attribution_introducing_what_follows_quotes_nothing(text, quoted):
    out = restore_lost_quotations(paragraph(text))
    assert out.text.startswith("“") is quoted
    assert (out.text == text) is not quoted


def _reference_sentence_spans(text: str) -> list[tuple[int, int]]:
    """sentence_spans as first written: resources.RE_SENTENCE, leading whitespace skipped."""
    from analysis import resources

    out = []
    for match in resources.RE_SENTENCE.finditer(text):
        s, e = match.span()
        while s < e and text[s] in resources.WHITESPACE:
            s += 1
        if e > s:
            out.append((s, e))
    return out


@pytest.mark.parametrize("text, expected", [
    ("好。他说...行！", [(0, 2), (2, 7), (7, 9)]),  # an ASCII ellipsis ends a sentence
    ("共1.5万人..到了。", [(0, 11)]),  # two dots do not
    ("好…… 行", [(0, 3), (4, 5)]),
    ("没有句号", [(0, 4)]),
])
def test_sentence_spans_table(text, expected):
    assert sentence_spans(text) == expected == _reference_sentence_spans(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="党员好。！？!?….… ”）\u3000a", max_size=40))
def test_sentence_spans_fast_paths_agree_with_the_reference(text):
    assert sentence_spans(text) == _reference_sentence_spans(text)


_RUNS = st.lists(st.tuples(st.integers(1, 5), st.booleans()), min_size=1, max_size=5)


def _offsets_of(runs) -> Offsets:
    starts, raws, at, raw = [], [], 0, 10
    for n, inserted in runs:
        starts.append(at)
        raws.append(-1 if inserted else raw)
        at, raw = at + n, raw + n + 3
    return Offsets(starts, raws, at)


@settings(max_examples=200, deadline=None)
@given(runs=_RUNS, data=st.data())
def test_raws_at_and_raw_spans_agree_with_one_lookup_at_a_time(runs, data):
    offsets = _offsets_of(runs)
    n = len(offsets)
    indices = sorted(set(data.draw(st.lists(st.integers(0, n - 1), max_size=8))))
    assert offsets.raws_at(indices) == [offsets.raw_at(i) for i in indices]
    cuts = sorted(set(data.draw(st.lists(st.integers(0, n), max_size=6))) | {0, n})
    spans = list(zip(cuts, cuts[1:]))
    assert offsets.raw_spans(spans) == [offsets.raw_span(a, b) for a, b in spans]
