"""The loader's paragraph repairs as small composable steps, with compact raw offsets.

A paragraph under repair is plain data, a :class:`Paragraph`: its ``text``,
an :class:`Offsets` map from each character of the text back to the raw
file, the :class:`Repair` rows logged so far, and its number.  Each step is
a function ``Paragraph -> Paragraph`` that returns a new paragraph with its
text changed and its repairs appended (the input is never modified), so
steps compose like textacy's ``preprocessing`` functions:

>>> clean = make_pipeline(remove_inner_spaces, normalise_punctuation)
>>> clean(paragraph("党员 冲在一线,守护群众。")).text
'党员冲在一线，守护群众。'

The steps, by the names :func:`analysis.loading.load_report` accepts in
``repairs=[...]`` (:data:`PARAGRAPH_STEPS`; the line-level steps
``captions``, ``sidebars`` and ``headings`` classify lines, see
:mod:`analysis.loading`):

``column_breaks`` — :func:`join_column_breaks`
    The lines of one paragraph cut by column breaks are joined
    (``column_break_join`` rows); with ``duplicates`` a string doubled
    across a break is dropped on evidence (``duplicate_at_join``) or kept
    and flagged (``suspected_duplicate``), see
    :mod:`analysis.repairs.doubling`; where the document has a fixed column
    width (:mod:`analysis.repairs.layout`), a line wider than its column by
    exactly the repeated string drops a copy and a line of the exact width
    keeps both.
``dateline`` — :func:`set_aside_dateline`
    The dateline opening the first paragraph is taken out of the body.
``spaces`` — :func:`remove_inner_spaces`
    Spaces between Chinese characters or marks are removed.
``punctuation`` — :func:`normalise_punctuation`
    Half-width ``, ; : ! ? ( )`` in Chinese text become full-width;
    straight double quotes become paired curly quotes.
``lost_quotations`` — :func:`restore_lost_quotations`
    Quotation marks are restored around attributed speech whose marks OCR
    lost.
``orphan_attributions`` — :func:`set_aside_orphan_attribution`
    A bare opening attribution (``祝婕说。``) whose quotation is missing is
    set aside.

Invisible and control characters are masked in the whole text first
(:func:`mask_invisible`) and dropped from each paragraph
(:func:`drop_raw_positions`); that step always runs.

Offsets are run-length maps (:class:`Offsets`): runs of
``(clean_start, raw_start)`` in two ``array('l')``, a run of inserted
characters having ``raw_start == -1``; a character's raw offset is found by
bisection.  A paragraph costs a few runs, not a list entry per character,
and every step is linear in the paragraph.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import sys
import unicodedata
from typing import NamedTuple
from collections.abc import Callable, Iterable, Sequence

from .. import newsparts, resources
from .doubling import SURNAMES, DoublingDecision, doubling_decision
from .offsets import Offsets, _OffsetsBuilder

LOGGER = logging.getLogger(__name__)

__all__ = [
    "Offsets", "Paragraph", "Repair", "paragraph", "make_pipeline", "apply_edits",
    "mask_invisible", "invisible_repairs", "drop_raw_positions", "join_column_breaks", "set_aside_dateline",
    "remove_inner_spaces", "normalise_punctuation", "restore_lost_quotations", "set_aside_orphan_attribution",
    "sentence_spans", "PARAGRAPH_STEPS", "RE_INVISIBLE",
]


# ---------------------------------------------------------------------------
# Paragraphs and repair rows
# ---------------------------------------------------------------------------


class Repair(NamedTuple):
    """One row of ``Report.repairs`` (before ``repair_id`` is given): what changed, where in the raw text."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    paragraph_id: int | None
    note: str


class Paragraph(NamedTuple):
    """A paragraph under repair: text, raw offsets, the repairs logged so far.

    Attributes:
        text: The current text.
        offsets: Raw offset of each character (:class:`Offsets`).
        repairs: :class:`Repair` rows logged on it, in order.
        number: The paragraph's number while parsing (recorded in its repair rows).
        dateline: The dateline set aside from it (:func:`set_aside_dateline`), or ``None``.
    """

    text: str
    offsets: Offsets
    repairs: tuple = ()
    number: int | None = None
    dateline: dict | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of text ``[start, end)`` (see :meth:`Offsets.raw_span`)."""
        return self.offsets.raw_span(start, end)


def paragraph(text: str, raw_start: int = 0, *, number: int | None = None) -> Paragraph:
    """A paragraph whose text is the raw text at ``raw_start`` unchanged (for a step on a plain string).

    >>> paragraph("好。", 5).raw_span(0, 2)
    (5, 7)
    """
    return Paragraph(text, Offsets.identity(raw_start, len(text)), (), number)


def make_pipeline(*steps: Callable[[Paragraph], Paragraph]) -> Callable[[Paragraph], Paragraph]:
    """One function applying ``steps`` in order (textacy's ``make_pipeline``).

    >>> make_pipeline()(paragraph("好")).text
    '好'
    """

    def pipeline(para: Paragraph) -> Paragraph:
        for step in steps:
            para = step(para)
        return para

    pipeline.steps = steps
    return pipeline


def _intern(s: str) -> str:
    """One shared copy of a short repeated string (a character, a fixed note): the repair log holds thousands."""
    return sys.intern(s)


def apply_edits(para: Paragraph, edits: Sequence[tuple[int, int, str]], rows: Sequence[Repair] = ()) -> Paragraph:
    """Apply non-overlapping text edits in one linear rebuild, keeping the raw offsets right.

    Args:
        para: The paragraph.
        edits: ``(start, end, replacement)`` sorted by position, not
            overlapping.  ``end > start`` with a replacement of the same
            length substitutes characters (each keeps its raw offset);
            with ``""`` deletes them; ``start == end`` inserts the
            replacement (no raw offset).
        rows: Repair rows to append.

    Returns:
        The new paragraph.

    >>> p = apply_edits(paragraph("他说好"), [(0, 0, "“"), (1, 2, ""), (3, 3, "”")])
    >>> p.text, p.offsets.positions()
    ('“他好”', [-1, 0, 2, -1])
    """
    if not edits:
        return para._replace(repairs=para.repairs + tuple(rows)) if rows else para
    text, offsets = para.text, para.offsets
    pieces: list[str] = []
    builder = None  # offsets change only where characters are deleted or inserted
    position = copied = 0  # text copied up to ``position``; offsets up to ``copied``
    for start, end, replacement in edits:
        if start < position or end < start:
            raise ValueError(f"edits overlap or are out of order at {start}:{end}")
        pieces.append(text[position:start])
        if end == start or not replacement:
            if builder is None:
                builder = _OffsetsBuilder()
            builder.copy_from(offsets, copied, start)
            if end == start:
                builder.add(-1, len(replacement))
            copied = end
        elif len(replacement) != end - start:
            raise ValueError("a replacement must delete, insert, or substitute the same number of characters")
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    if builder is not None:
        builder.copy_from(offsets, copied, len(text))
        offsets = builder.build()
    return para._replace(text="".join(pieces), offsets=offsets, repairs=para.repairs + tuple(rows))


# ---------------------------------------------------------------------------
# Invisible and control characters
# ---------------------------------------------------------------------------


#: Characters that are not text: C0/C1 controls other than tab and line
#: breaks, zero-width characters, bidi controls, soft hyphen, a BOM inside
#: the text.
RE_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def mask_invisible(text: str) -> tuple[str, list[int]]:
    """The text with invisible characters replaced by spaces (same length: offsets unchanged), and their offsets.

    A NUL after ``。`` must not hide the paragraph end, and a zero-width
    space must not glue or split words.

    >>> mask_invisible("好。" + chr(0))
    ('好。 ', [2])
    """
    positions = [m.start() for m in RE_INVISIBLE.finditer(text)]
    if not positions:
        return text, positions
    return RE_INVISIBLE.sub(" ", text), positions


def invisible_repairs(text: str, positions: Iterable[int]) -> list[Repair]:
    """One ``control_character`` or ``invisible_character`` row per masked character of the original ``text``.

    >>> [r.kind for r in invisible_repairs("a\\u200bb", [1])]
    ['invisible_character']
    """
    rows = []
    for i in positions:
        char = text[i]
        kind = "control_character" if unicodedata.category(char) == "Cc" else "invisible_character"
        rows.append(Repair(kind, i, i + 1, char, "", None, f"{unicodedata.name(char, 'control')} (U+{ord(char):04X}) "
                           "removed: it is not text and would be invisible or garble the output"))
    return rows


def drop_raw_positions(para: Paragraph, positions: Sequence[int]) -> Paragraph:
    """Remove the characters that come from the (sorted) raw ``positions`` (logged elsewhere: :func:`invisible_repairs`).

    >>> drop_raw_positions(paragraph("好 。"), [1]).text
    '好。'
    """
    if not positions:
        return para
    edits = []
    for clean, raw, n in para.offsets.runs():
        if raw < 0:
            continue
        lo = bisect.bisect_left(positions, raw)
        hi = bisect.bisect_left(positions, raw + n, lo)
        edits.extend((clean + p - raw, clean + p - raw + 1, "") for p in positions[lo:hi])
    return apply_edits(para, edits)


# ---------------------------------------------------------------------------
# Column breaks
# ---------------------------------------------------------------------------


def _with_layout(decision: DoublingDecision, over: int, needed: int, width: int) -> DoublingDecision:
    """The doubling decision overruled by the column's width where it has evidence.

    A full line wider than its column by exactly the repeated string holds
    one copy too many (dropped); a line with exactly the column's width has
    no room for an extra copy (kept).

    >>> _with_layout(DoublingDecision("国", False, "a word"), 1, 1, 20).drop
    True
    >>> _with_layout(DoublingDecision("的", True, "rare doubled"), 0, 1, 20).drop
    False
    """
    piece = decision.piece
    if over == needed and not decision.drop:
        return DoublingDecision(piece, True, f"the line is wider than its column ({width}) by exactly '{piece}': "
                                             f"one copy dropped (overruling: {decision.reason})")
    if over == 0 and decision.drop:
        return DoublingDecision(piece, False, f"the line has its column's width ({width}) exactly, no room for a "
                                              f"copy: kept (overruling: {decision.reason})")
    return decision


def join_column_breaks(raw: str, spans: Sequence[tuple[int, int]], *, duplicates: bool = True,
                       number: int | None = None, column=None, excess: dict[int, int] | None = None,
                       notes: dict[int, str] | None = None) -> Paragraph:
    """One paragraph from the raw lines ``spans`` that a column break cut: the lines joined.

    Each break is logged as a ``column_break_join`` row (the raw gap between
    the lines, removed).  With ``duplicates``, a string that ends one line
    and starts the next is dropped from the second when real text says the
    doubling is an OCR artefact (``duplicate_at_join``), or kept and logged
    as ``suspected_duplicate`` (nothing changed): see
    :func:`analysis.repairs.doubling.doubling_decision`.

    Args:
        raw: The (masked) raw text.
        spans: ``(start, end)`` of each line in ``raw``, in order.
        duplicates: Apply the doubled-string rule.
        number: The paragraph number recorded in the rows.
        column: The document's :class:`analysis.repairs.layout.ColumnLayout`, or ``None``.
        excess: Raw start of a line → how much wider than the column it is
            (:meth:`~analysis.repairs.layout.ColumnLayout.excess`): a line
            wider by exactly the repeated string drops a copy, a line of the
            exact width keeps both.
        notes: Raw start of a line → why it was joined, added to its
            ``column_break_join`` row (a join after a sentence end logs its
            evidence: :func:`analysis.loading.join_sentence_end_breaks`).

    Returns:
        The joined :class:`Paragraph`.

    >>> p = join_column_breaks("在机\\n\\n场结束。", [(0, 2), (4, 8)])
    >>> p.text, [r.kind for r in p.repairs], p.raw_span(1, 3)
    ('在机场结束。', ['column_break_join'], (1, 5))
    """
    pieces: list[str] = []
    builder = _OffsetsBuilder()
    rows: list[Repair] = []
    tail = ""
    previous_end = None
    for line_start, line_end in spans:
        start = line_start
        if previous_end is not None:
            head = raw[line_start:line_end]
            why = f"; {notes[line_start]}" if notes and line_start in notes else ""
            rows.append(Repair("column_break_join", previous_end, line_start, raw[previous_end:line_start], "", number,
                               f"column break joined: '…{tail[-6:]}' + '{head[:6]}…'{why}"))
            decision = doubling_decision(tail[-12:], head[:12]) if duplicates else None
            if decision is not None and decision.piece and excess and line_start in excess:
                decision = _with_layout(decision, excess[line_start], column.width_of(decision.piece), column.width)
            if decision is not None and decision.piece:
                k = len(decision.piece)
                context = f"'{tail[-4:]}' | '{head[:k + 4]}'"
                if decision.drop:
                    rows.append(Repair("duplicate_at_join", line_start, line_start + k, decision.piece, "", number,
                                       f"OCR duplicate: '{decision.piece}' ends one column and starts the next "
                                       f"({context}); {decision.reason}"))
                    start = line_start + k
                else:
                    rows.append(Repair("suspected_duplicate", line_start, line_start + k, decision.piece,
                                       decision.piece, number,
                                       f"'{decision.piece}' ends one column and starts the next ({context}); "
                                       f"nothing changed: {decision.reason}"))
        piece = raw[start:line_end]
        pieces.append(piece)
        builder.add(start, line_end - start)
        tail = (tail + piece)[-16:] if len(piece) < 16 else piece[-16:]
        previous_end = line_end
    return Paragraph("".join(pieces), builder.build(), tuple(rows), number)


# ---------------------------------------------------------------------------
# Parts of the item inside the body
# ---------------------------------------------------------------------------


def set_aside_dateline(para: Paragraph) -> Paragraph:
    """Take the dateline (``新华社北京2月29日电（记者 …）``, ``本报讯``, ``央视网消息（新闻联播）：``) out of the text.

    It is logged as a ``dateline`` row and returned in
    ``Paragraph.dateline`` (keys of :func:`analysis.newsparts.parse_dateline`
    but ``end``, plus ``raw_start, raw_end``); the whitespace after it goes
    too.  A dateline cut by a column break gives one row per raw run.
    Run it before the steps that change characters (``before`` is the text
    as it is).

    >>> p = set_aside_dateline(paragraph("本报讯（记者 王五）近日，村里通了路。"))
    >>> p.text, p.dateline["kind"], p.repairs[0].raw_end
    ('近日，村里通了路。', '讯', 10)
    """
    found = newsparts.parse_dateline(para.text[:80])
    if found is None:
        return para
    k = found["end"]
    pieces = []  # raw runs of the first k characters
    for clean, raw, n in para.offsets.runs():
        if clean >= k:
            break
        if raw >= 0:
            pieces.append((clean, raw, min(n, k - clean)))
    if not pieces:
        return para
    runs: list[list[int]] = []  # contiguous raw runs [raw_start, raw_end, clean_start, clean_end]
    for clean, raw, n in pieces:
        if runs and runs[-1][1] == raw:
            runs[-1][1], runs[-1][3] = raw + n, clean + n
        else:
            runs.append([raw, raw + n, clean, clean + n])
    start, end = runs[0][0], runs[-1][1]
    note = (f"dateline '{found['text']}' set aside from the body (agency {found['agency'] or '-'}, "
            f"place {found['place'] or '-'}, date {found['date'] or '-'})")
    # one row per raw run: a dateline cut by a column break is two runs (the break is the join's row)
    rows = [Repair("dateline", a, b, para.text[c:d], "", para.number, note) for a, b, c, d in runs]
    text = para.text
    cut = k
    while cut < len(text) and text[cut] in resources.WHITESPACE:
        cut += 1
    record = {key: value for key, value in found.items() if key != "end"}
    record.update(raw_start=start, raw_end=end)
    return apply_edits(para, [(0, cut, "")], rows)._replace(dateline=record)


_ORPHAN = re.compile(rf"^[{resources.HAN}·]{{1,12}}说[。！]")


def set_aside_orphan_attribution(para: Paragraph) -> Paragraph:
    """Set aside a paragraph-initial bare attribution (``祝婕说。``) whose quotation is missing from the page.

    >>> p = set_aside_orphan_attribution(paragraph("祝婕说。在这场战争中，党员冲在前面。"))
    >>> p.text, p.repairs[0].kind
    ('在这场战争中，党员冲在前面。', 'orphan_attribution')
    """
    match = _ORPHAN.match(para.text)
    if not match:
        return para
    k = match.end()
    start, end = para.offsets.raw_span(0, k)
    said = para.text[:k]
    row = Repair("orphan_attribution", start, end, said, "", para.number,
                 f"'{said}' attributes a quotation that is missing from the page (lost in OCR or layout); "
                 "set aside so it is not counted as a sentence")
    return apply_edits(para, [(0, k, "")], [row])


# ---------------------------------------------------------------------------
# Spaces and punctuation
# ---------------------------------------------------------------------------

_CJK_CONTEXT = re.compile(f"[{resources.HAN}，。、；：？！“”‘’「」『』（）《》…—]")
_RE_SPACES = re.compile("[" + re.escape(resources.WHITESPACE) + "]+")


def remove_inner_spaces(para: Paragraph) -> Paragraph:
    """Remove whitespace between two Chinese characters or marks (one ``space_removed`` row per character).

    >>> p = remove_inner_spaces(paragraph("党员 冲在 PCR 实验室"))
    >>> p.text, len(p.repairs)
    ('党员冲在 PCR 实验室', 1)
    """
    text = para.text
    edits, rows = [], []
    n = len(text)
    offsets = para.offsets
    for match in _RE_SPACES.finditer(text):
        a, b = match.span()
        left = text[a - 1] if a > 0 else ""
        right = text[b] if b < n else ""
        if not (_CJK_CONTEXT.match(left) and _CJK_CONTEXT.match(right)):
            continue
        edits.append((a, b, ""))
        notes: dict[str, str] = {}
        for c, raw in zip(text[a:b], offsets.positions(a, b)):
            note = notes.get(c)
            if note is None:
                note = notes[c] = _intern(f"space inside Chinese text removed: '{left}{c}{right}'")
            rows.append(Repair("space_removed", raw, raw + 1, _intern(c), "", para.number, note))
    return apply_edits(para, edits, rows) if edits else para


_RE_HALF = re.compile("[" + re.escape("".join(resources.HALF_TO_FULL)) + "]")
_PUNCT_NOTES = {c: _intern(f"half-width '{c}' in Chinese text → full-width '{full}'")
                for c, full in resources.HALF_TO_FULL.items()}
_QUOTE_NOTE = "straight double quote in Chinese text → paired curly quote"


def _bracket_content(text: str, i: int) -> str:
    """Text between a bracket at ``i`` and its partner (empty if unpaired, or more than 60 characters away)."""
    step, opening, closing = (1, "(（", ")）") if text[i] == "(" else (-1, ")）", "(（")
    depth, j = 0, i + step
    while 0 <= j < len(text) and abs(j - i) <= 60:
        if text[j] in opening:
            depth += 1
        elif text[j] in closing:
            if depth == 0:
                return text[min(i, j) + 1 : max(i, j)]
            depth -= 1
        j += step
    return ""


@functools.lru_cache(maxsize=4096)
def _is_cjk_context(char: str) -> bool:
    return _CJK_CONTEXT.match(char) is not None


def normalise_punctuation(para: Paragraph) -> Paragraph:
    """Half-width ``, ; : ! ? ( )`` next to Chinese text become full-width; straight ``"`` pairs become “…”.

    Digits on both sides keep the mark (``1,900``, ``10:30``); brackets are
    Chinese when what they enclose is.  Each change is a ``punctuation`` row;
    characters keep their raw offsets.

    >>> normalise_punctuation(paragraph('他说:"好!"共1,900人(含医生)。')).text
    '他说：“好！”共1,900人（含医生）。'
    """
    text = para.text
    n = len(text)
    offsets, number = para.offsets, para.number
    half_to_full, is_cjk = resources.HALF_TO_FULL, _is_cjk_context
    changed: dict[int, str] = {}
    found = [match.start() for match in _RE_HALF.finditer(text)]
    for i in found:
        c = text[i]
        left = changed.get(i - 1) or (text[i - 1] if i > 0 else "")
        right = text[i + 1] if i + 1 < n else ""
        if left.isdigit() and right.isdigit():
            continue  # 1,900 or 10:30
        if c in "()":
            chinese = bool(resources.RE_HAN.search(_bracket_content(text, i)))  # brackets are Chinese when their content is
        else:
            chinese = is_cjk(left) or is_cjk(right)
        if chinese:
            changed[i] = half_to_full[c]
    marks = list(changed)  # in text order
    make = Repair._make  # tuple.__new__: no Python-level __new__ per row
    rows: list[Repair] = [make(("punctuation", raw, raw + 1, text[i], changed[i], number, _PUNCT_NOTES[text[i]]))
                          for i, raw in zip(marks, offsets.raws_at(marks))]
    if '"' in text:
        quotes = [m.start() for m in re.finditer('"', text)]
        if len(quotes) % 2 == 0 and resources.RE_HAN.search(text):
            for k, (i, raw) in enumerate(zip(quotes, offsets.raws_at(quotes))):
                full = "“" if k % 2 == 0 else "”"
                changed[i] = full
                rows.append(Repair("punctuation", raw, raw + 1, '"', full, number, _QUOTE_NOTE))
    if not changed:
        return para
    pieces, at = [], 0  # substitutions only: the raw offsets stay as they are
    for i in sorted(changed):
        pieces.append(text[at:i])
        pieces.append(changed[i])
        at = i + 1
    pieces.append(text[at:])
    return para._replace(text="".join(pieces), repairs=para.repairs + tuple(rows))


# ---------------------------------------------------------------------------
# Lost quotation marks
# ---------------------------------------------------------------------------


_RE_ANY_SPACE = re.compile("[" + re.escape(resources.WHITESPACE) + "]")
#: :data:`analysis.resources.RE_SENTENCE` for a text without ``...``: a sentence's lazy scan stops at the first
#: ``。！？!?…``, where a greedy one stops too, once the ASCII ellipsis (which it could stop at first) cannot occur
#: (three times faster; ``tests/repairs/test_steps.py`` checks that both give the same sentences).
_RE_SENTENCE_NO_DOTS = re.compile(r"[^。！？!?…]*(?:[。！？!?]+|…{1,2})[”’」』）)》】]*|[^。！？!?…]+$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a paragraph (leading whitespace skipped).

    >>> sentence_spans("好。 他说：“行！”")
    [(0, 2), (3, 10)]
    """
    sentences = resources.RE_SENTENCE if "..." in text else _RE_SENTENCE_NO_DOTS
    if _RE_ANY_SPACE.search(text) is None:  # nothing to skip (most paragraphs): every match is a sentence
        return [match.span() for match in sentences.finditer(text)]
    out = []
    whitespace = resources.WHITESPACE
    for match in sentences.finditer(text):
        s, e = match.span()
        while s < e and text[s] in whitespace:
            s += 1
        if e > s:
            out.append((s, e))
    return out


def _depths(text: str, points: Iterable[int]) -> list[int]:
    """Open “ minus closed ” before each of the increasing ``points`` (counted in C, linear in the text)."""
    out, depth, last = [], 0, 0
    for p in points:
        depth += text.count("“", last, p) - text.count("”", last, p)
        last = p
        out.append(depth)
    return out


#: 我 / 我们 of a speaker; not the institutional 我国, 我军, 我省 … of the reporter's own narrative (我国矿产资源).
_FIRST_PERSON = re.compile(r"我们|我(?![国军省市县区方党])")
_ATTRIBUTION = re.compile(rf"^[{resources.HAN}A-Za-z0-9·]{{2,24}}?说[，,：:]")
_BACK_REFERENCE = re.compile(r"^(这是|这句话|这就是)[^。！？]{0,30}说")


def _names_a_person(attribution: str) -> bool:
    """Does ``…<speaker>说，`` end its speaker with a personal name (a common surname + one or two characters)?

    >>> _names_a_person("团结新村第一书记杨明轩说，"), _names_a_person("长沙市的不少群众说，")
    (True, False)
    """
    speaker = attribution.rstrip("，,：:")[:-1]
    return any(len(speaker) >= n and speaker[-n] in SURNAMES for n in (2, 3))


def _speaker_named_before(attribution: str, opening: str) -> bool:
    """Does the opening already name the speaker of ``…<speaker>说，`` (its last two or three characters, a name)?

    Then the opening reports the speaker in the third person (``胡锦涛在讲话中回顾了…我们党…`` / ``胡锦涛说，…``):
    no quotation was lost.  On the People's Daily 1998 development part (real text, every quotation mark in place)
    this leaves one paragraph of 15,481 changed by the first-person rule instead of two.

    >>> _speaker_named_before("胡锦涛说，", "胡锦涛在讲话中回顾了我们党的历程。"), _speaker_named_before("杨明轩说，", "我们一定守住大堤。")
    (True, False)
    """
    speaker = attribution.rstrip("，,：:")[:-1]
    return any(len(speaker) >= n and speaker[-n:] in opening for n in (2, 3))


def _quote_spans(para: Paragraph, spans: list[tuple[int, int, str]]) -> Paragraph:
    """Quote several non-overlapping spans in one rebuild; quotation marks inside take single marks ‘…’."""
    offsets, text = para.offsets, para.text
    rows: list[Repair] = []
    inserts: dict[int, list[str]] = {}
    inner_edits: list[tuple[int, int, str]] = []
    for start, end, note in spans:
        before_point, after_point = offsets.raw_span(start, start)[0], offsets.raw_span(end, end)[0]
        for i in range(start, end):
            inner = {"“": "‘", "”": "’"}.get(text[i])
            if inner:
                raw = offsets.raw_at(i)
                rows.append(Repair("punctuation", raw, raw + 1, text[i], inner, para.number,
                                   "quotation nested inside a restored quotation takes single marks ‘…’"))
                inner_edits.append((i, i + 1, inner))
        rows.append(Repair("lost_quotation", before_point, before_point, "", "“", para.number, note))
        rows.append(Repair("lost_quotation", after_point, after_point, "", "”", para.number, note))
        inserts.setdefault(start, []).append("“")
        inserts.setdefault(end, []).insert(0, "”")
    edits = sorted([(p, p, "".join(marks)) for p, marks in inserts.items()] + inner_edits)
    return apply_edits(para, edits, rows)


def restore_lost_quotations(para: Paragraph) -> Paragraph:
    """Insert quotation marks around speech whose marks OCR lost, logging ``lost_quotation`` rows.

    Two forms: an exclamation followed by a sentence that refers back to it
    as speech (``……站好最后一班岗！这是……说得最多的一句话``), and a
    paragraph that opens in the first person and is then attributed
    (``面对疫情，我们……落到实处。……杨明轩说，``).

    >>> restore_lost_quotations(paragraph("我们一定守住大堤！这是党员王强说得最多的一句话。")).text
    '“我们一定守住大堤！”这是党员王强说得最多的一句话。'
    """
    # (a) an exclamation followed by "这是……说……" that refers back to it; all found first, quoted in one rebuild
    text = para.text
    if "说" not in text:
        return para  # both forms need a 说 (_BACK_REFERENCE, _ATTRIBUTION): most paragraphs are done in one scan
    spans = sentence_spans(text)
    if len(spans) < 2:
        return para
    opened = _depths(text, [s for s, _ in spans])
    found = []
    for k in range(len(spans) - 1):
        s, e = spans[k]
        if text[e - 1] not in "！？" or opened[k] > 0 or "“" in text[s:e]:
            continue
        ns, ne = spans[k + 1]
        if _BACK_REFERENCE.match(text[ns:ne]):
            found.append((s, e, ns))
    if found:
        para = _quote_spans(para, [
            (s, e, "suspected lost quotation: an exclamation attributed by the next sentence "
                   f"('{text[ns:ns + 12]}…'); quotation marks inserted") for s, e, ns in found])
        text = para.text
        spans = sentence_spans(text)
    # (b) a first-person opening, then "<named speaker>说，"
    if spans and not text.startswith("“"):
        closed = _depths(text, [e for _, e in spans])
        first_person, searched = False, 0  # 我 seen in text[:searched] (searched piece by piece: linear)
        for k in range(len(spans) - 1):
            s, e = spans[k]
            if closed[k] > 0:
                break
            ns, ne = spans[k + 1]
            attribution = _ATTRIBUTION.match(text[ns:ne])
            if attribution and not _names_a_person(attribution.group(0)):
                attribution = None  # 群众说，/ 读者来信说： / 我要说，: not one named speaker, so no lost quotation
            if attribution and (attribution.group(0)[-1] in "：:"
                                or text.startswith(("“", "‘", '"'), ns + attribution.end())):
                attribution = None  # 许军说：… / 许军说，“… : it introduces the speech that follows, not the opening
            if attribution and not first_person:
                first_person, searched = _FIRST_PERSON.search(text, searched, e) is not None, e
            if attribution and first_person and _speaker_named_before(attribution.group(0), text[:e]):
                break  # 胡锦涛在讲话中回顾了…我们党… / 胡锦涛说，: the opening reports the speaker in the third person
            if attribution and first_person:
                return _quote_spans(para, [(0, e, "suspected lost quotation: a first-person opening attributed by "
                                                  f"'{attribution.group(0)}'; quotation marks inserted")])
            if attribution is None and k >= 2:
                break
    return para


#: The paragraph steps by name, in the order the loader runs them (see :data:`analysis.loading.REPAIR_STEPS`).
PARAGRAPH_STEPS: dict[str, Callable[[Paragraph], Paragraph]] = {
    "dateline": set_aside_dateline,
    "spaces": remove_inner_spaces,
    "punctuation": normalise_punctuation,
    "lost_quotations": restore_lost_quotations,
    "orphan_attributions": set_aside_orphan_attribution,
}
