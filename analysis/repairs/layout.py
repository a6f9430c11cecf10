"""Layout evidence: a fixed column width and a paragraph indent, decided per document from its own lines.

The commonest text export of a newspaper column keeps the typeset lines:
every line of a paragraph fills the column's width except the paragraph's
last, and a paragraph often opens with an indent (``　　``, or two to four
spaces).  Where most lines of a document share one width, a line that fills
it continues its paragraph and a shorter line ends it; where paragraphs open
with one indent, an indented line starts a paragraph and a line without
any leading whitespace continues the one before.  Where the evidence is
absent (one paragraph per line, lines cut at random) nothing is decided and
the loader keeps its punctuation rule (a line ending with ``。`` ends its
paragraph).

Widths are measured two ways and the one that fits the document better is
kept: in characters (an export wrapping every N characters) and in display
units (a Chinese character or full-width mark 2, an ASCII or half-width
character 1: a typeset column, where a line with Latin digits holds more
characters).  In display units a line one unit short still fills the column
(no full-width character fits in it); a closing mark may hang in the margin
(up to 2 units, or one character, over the width).

>>> lines = [("", "县里召开党员大会"), ("　　", "党员冲在抗疫第一线，守护"), ("", "群众的生命安全，筑起坚固的防"),
...          ("", "线。党员带头，群众跟上，大家"), ("", "一起守住了村子。"), ("　　", "村里的防控工作做得很细，"),
...          ("", "每一户都有人上门登记。党员带"), ("", "头，群众跟上。")]
>>> layout = column_layout(lines)
>>> layout.width, layout.measure, layout.indent
(14, 'chars', '\u3000\u3000')
>>> layout.continues(("", "群众的生命安全，筑起坚固的防"), ("", "线。党员带头，群众跟上，大家"))
True
>>> layout.continues(("", "一起守住了村子。"), ("　　", "村里的防控工作做得很细，"))
False
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .. import resources

__all__ = ["ColumnLayout", "column_layout", "line_width", "NO_LAYOUT"]

#: Characters one display unit wide: ASCII and the half-width forms; every other character is 2 (Chinese
#: characters, full-width marks and digits, ``“”…—`` as a Chinese font sets them).
RE_NARROW = re.compile("[\x00-\x7f\uff61-\uffdc\uffe8-\uffee]")
#: A paragraph indent: one or two full-width spaces, two to four spaces, or a tab (one space is no indent:
#: OCR leaves stray spaces at line starts).
RE_INDENT = re.compile("\u3000{1,2}| {2,4}|\t")

#: Evidence thresholds (chosen on People's Daily development paragraphs wrapped at random widths, and checked
#: to leave the one-paragraph-per-line report, the damaged samples and the clean transcripts alone):
MIN_FULL_LINES = 4  # lines filling the width, at least
MIN_FULL_SHARE = 0.4  # … and this share of the lines looked at
MAX_LONGER_SHARE = 0.1  # lines longer than the width (plus a hanging mark), at most this share
MIN_WIDTH_CHARS = 10  # a narrower "column" is a run of short lines (a list, a sidebar), not a column
DISPLAY_MARGIN = 0.1  # display units are chosen over characters when this share of the lines more fill them
MIN_INDENTED = 2  # indented lines, at least
MIN_INDENT_SHARE = 0.8  # of the lines with leading whitespace, this share has the one indent
MIN_OPENINGS_SHARE = 0.6  # of the indented lines, this share follows a paragraph end (so indents open paragraphs)

Measure = Literal["chars", "display"]
_CLOSING = frozenset("，、；：。！？）)”’」』》】,;:!?.")


def line_width(lead: str, text: str, measure: Measure = "chars") -> int:
    """The width of a line with its leading whitespace, in characters or display units.

    >>> line_width("　　", "党员2020年", "chars"), line_width("　　", "党员2020年", "display")
    (9, 14)
    """
    n = len(lead) + len(text)
    if measure == "chars":
        return n
    narrow = RE_NARROW.subn("", lead)[1] + RE_NARROW.subn("", text)[1]
    return 2 * n - narrow


@dataclass(frozen=True)
class ColumnLayout:
    """What the layout of a document says about its paragraph ends (see :func:`column_layout`).

    Attributes:
        width: The column width in ``measure`` units; 0 when the lines share no width.
        measure: ``"chars"`` or ``"display"`` (``""`` without a width).
        indent: The paragraph indent (``"\\u3000\\u3000"``, ``"  "`` …); ``""`` when paragraphs open without one
            consistently.
        lines: Lines looked at (all but the first, the title's place).
        full_lines: Of them, lines that fill the width.
        indented_lines: Of them, lines opening with the indent.
    """

    width: int = 0
    measure: str = ""
    indent: str = ""
    lines: int = 0
    full_lines: int = 0
    indented_lines: int = 0

    @property
    def slack(self) -> int:
        """How much narrower than the width a line may be and still fill it (1 display unit, 0 characters)."""
        return 1 if self.measure == "display" else 0

    @property
    def hang(self) -> int:
        """How much wider than the width a line may be (a closing mark in the margin, a doubled character)."""
        return 2 if self.measure == "display" else 1

    def __bool__(self) -> bool:
        return bool(self.width or self.indent)

    def describe(self) -> str:
        """One line saying what was decided.

        >>> ColumnLayout().describe()
        'no layout evidence: paragraph ends are read from punctuation'
        """
        found = []
        if self.width:
            unit = "characters" if self.measure == "chars" else "display units"
            found.append(f"a column {self.width} {unit} wide ({self.full_lines} of {self.lines} lines fill it: "
                         "a full line continues its paragraph, a shorter one ends it)")
        if self.indent:
            found.append(f"paragraphs indented by {self.indent!r} ({self.indented_lines} lines: an indented line "
                         "opens a paragraph, a line without leading whitespace continues one)")
        return "; ".join(found) if found else "no layout evidence: paragraph ends are read from punctuation"

    def fills(self, lead: str, text: str) -> bool | None:
        """Does the line fill the column (True), end short of it (False), or is there no width (None)?

        A line wider than the width plus a hanging mark is no evidence (None).
        """
        if not self.width:
            return None
        w = line_width(lead, text, self.measure)  # type: ignore[arg-type]
        if w > self.width + self.hang:
            return None
        return w >= self.width - self.slack

    def excess(self, lead: str, text: str) -> int | None:
        """How much wider than the column a full line is, in ``measure`` units (0: it has the width exactly).

        A closing mark may hang in the margin: it does not count, and a line
        over the width by just that mark is no evidence (a hanging mark, or
        a copy too many: even where no other line of the document hangs one,
        that one line may);
        nor is a line over the width that holds half-width characters (the
        two measures disagree on it).  ``None`` for a line short of the
        width, or without a width.  A line one character
        wider than its column holds a character too many: at a column break,
        the OCR copy of a doubled character (see
        :func:`analysis.repairs.steps.join_column_breaks`).

        >>> layout = ColumnLayout(width=12, measure="chars")
        >>> layout.excess("", "党员冲在抗疫第一线守护群众"), layout.excess("", "党员冲在抗疫第一线守护群，"), layout.excess("", "短")
        (1, None, None)
        >>> ColumnLayout(width=24, measure="display").excess("", "党员冲在抗疫第一线守护群，")
        >>> ColumnLayout(width=24, measure="display").excess("", "党员冲在抗疫第一线守护群众，")
        2
        """
        if not self.width:
            return None
        over = line_width(lead, text, self.measure) - self.width  # type: ignore[arg-type]
        if over < -self.slack:
            return None
        if over > 0 and (RE_NARROW.search(lead) or RE_NARROW.search(text)):
            return None  # half-width characters: characters and display units disagree, so the excess is unsure
        if over > 0 and text[-1:] in _CLOSING:
            over -= line_width("", text[-1], self.measure)  # type: ignore[arg-type]
            if over == 0:
                return None  # a closing mark in the margin, or a copy too many: no evidence
        return max(over, 0)

    def width_of(self, text: str) -> int:
        """The width of ``text`` in this layout's measure."""
        return line_width("", text, self.measure or "chars")  # type: ignore[arg-type]

    def opens(self, lead: str) -> bool | None:
        """Does the line open a paragraph by its indent (True), continue one (False: no leading whitespace),
        or say nothing (None: no indent evidence, or another lead such as a centred line's)?"""
        if not self.indent:
            return None
        if lead == self.indent:
            return True
        return False if not lead else None

    def continues(self, previous: tuple[str, str], line: tuple[str, str]) -> bool | None:
        """Does ``line`` (``(lead, text)``) continue the paragraph of the body line before it?

        An indented line opens a paragraph; a line without leading whitespace
        continues, unless the line before ends short of a known width (the
        two kinds of evidence disagree: None); without an indent, a full
        line before continues and a short one ends.  ``None``: no evidence,
        the punctuation rule decides.
        """
        opens = self.opens(line[0])
        if opens:
            return False
        full = self.fills(*previous)
        if opens is False:
            return None if full is False else True
        return full


#: The layout of a document without evidence.
NO_LAYOUT = ColumnLayout()


def _indent_of(lead: str) -> str:
    return lead if RE_INDENT.fullmatch(lead) else ""


def column_layout(lines: Iterable[tuple[str, str]]) -> ColumnLayout:
    """The column width and paragraph indent of a document, from its lines (``(leading whitespace, text)``).

    The first line (the title's place) is left out.  A width is found when
    at least :data:`MIN_FULL_LINES` lines and :data:`MIN_FULL_SHARE` of
    them fill one width (of at least :data:`MIN_WIDTH_CHARS` characters)
    and at most :data:`MAX_LONGER_SHARE` are longer; in characters or
    display units, whichever more lines fill.  An indent is found when at
    least :data:`MIN_INDENTED` lines open with it, it is the lead of
    :data:`MIN_INDENT_SHARE` of the lines that have one, and
    :data:`MIN_OPENINGS_SHARE` of the indented lines follow a line that
    ends a paragraph (final punctuation, or short of the width).

    Args:
        lines: ``(lead, text)`` of each non-blank line: its leading
            whitespace and its text without it (trailing whitespace
            stripped).

    Returns:
        A :class:`ColumnLayout` (:data:`NO_LAYOUT` when nothing is found).

    >>> column_layout([("", "标题"), ("", "第一段。"), ("", "第二段写得长一些。"), ("", "第三段。")]).describe()
    'no layout evidence: paragraph ends are read from punctuation'
    """
    lines = list(lines)[1:]
    if len(lines) < MIN_FULL_LINES:
        return NO_LAYOUT
    best = ColumnLayout(lines=len(lines))
    for measure in ("chars", "display"):
        widths = Counter(line_width(lead, text, measure) for lead, text in lines)
        scale = 1 if measure == "chars" else 2
        common = [(n, w) for w, n in widths.items() if w >= MIN_WIDTH_CHARS * scale]
        if not common:
            continue
        width = max(common)[1]  # the commonest width (the wider of two as common)
        if measure == "display" and widths[width + 1] > widths[width] / 2:
            width += 1  # the commonest is one unit short: the column is one wider (lines with a half-width gap)
        candidate = ColumnLayout(width=width, measure=measure, lines=len(lines))
        full = sum(n for w, n in widths.items() if width - candidate.slack <= w <= width + candidate.hang)
        longer = sum(n for w, n in widths.items() if w > width + candidate.hang)
        if full < MIN_FULL_LINES or full < MIN_FULL_SHARE * len(lines) or longer > MAX_LONGER_SHARE * len(lines):
            continue
        if full > best.full_lines + (max(2, DISPLAY_MARGIN * len(lines)) if best.width else 0):
            # display units only where clearly more lines fill them (half-width text); an indent of ASCII
            # spaces makes a first line narrower in display units than the lines of a character-counted column
            best = ColumnLayout(width=width, measure=measure, lines=len(lines), full_lines=full)
    leads = Counter(lead for lead, _ in lines if lead)
    indent = _indent_of(leads.most_common(1)[0][0]) if leads else ""
    indented = leads[indent] if indent else 0
    if indent and indented >= MIN_INDENTED and indented >= MIN_INDENT_SHARE * sum(leads.values()):
        openings = sum(1 for previous, line in zip(lines, lines[1:]) if line[0] == indent and (
            previous[1][-1:] in resources.PARAGRAPH_END or best.fills(*previous) is False))
        if openings >= MIN_OPENINGS_SHARE * (indented - (lines[0][0] == indent)):
            best = ColumnLayout(width=best.width, measure=best.measure, indent=indent, lines=len(lines),
                                full_lines=best.full_lines, indented_lines=indented)
    return best if best else NO_LAYOUT
