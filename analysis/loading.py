"""Load a Chinese news report from OCR text, repair it, and expose its parts.

The raw text is never modified.  Everything the loader does to it is a
*repair* recorded in ``Report.repairs`` with the raw character offsets it
touches, so every character of the repaired text can be traced back to the
raw file, and every non-whitespace raw character is accounted for
(``Report.unaccounted()`` is empty).

The repairs are general rules about how OCR of a printed newspaper page goes
wrong, not facts about one report:

``column_break_join``
    A body line that does not end with paragraph-final punctuation was cut by
    a column break: it is joined to the next body line (captions and sidebars
    in between are set aside, headings stop the join).
``layout`` (evidence, no row of its own)
    Where most lines share one width (a text export that keeps a column's
    typeset lines) a line filling the column continues its paragraph and a
    shorter one ends it, whatever it ends with; where paragraphs open with
    one indent (``　　``, 2–4 spaces) an indented line opens a paragraph and
    a line without leading whitespace continues one; a line wider than its
    column by exactly a string doubled across a column break holds the OCR
    copy (see :mod:`analysis.repairs.layout`).  Decided per document and
    recorded in ``Report.layout``; absent evidence changes nothing.
``duplicate_at_join``
    The same character (or string of up to four) ends one column and starts
    the next (``病毒`` / ``毒核酸``) and real text says the doubling is an OCR
    artefact (see :mod:`analysis.repairs.doubling`): one copy is dropped.
``suspected_duplicate``
    A string doubled across a break that real text doubles too
    (``美国`` / ``国会``, ``工作`` / ``作风``, names): both copies are kept and
    the row changes nothing (``before == after``), so no real character is
    ever deleted on a guess.
``space_removed``
    A space between two Chinese characters or marks inside a paragraph.
``punctuation``
    Half-width ``, ; : ! ? ( )`` next to Chinese text become full-width;
    straight double quotes become paired curly quotes.
``lost_quotation``
    Speech whose quotation marks were lost: an exclamation followed by an
    attribution (``一定要站好最后一班岗!这是……说得最多的一句话``), or a
    paragraph that opens in the first person and is then attributed
    (``面对疫情,我们……落到实处。……杨明轩说,``).  Quotation marks are
    inserted and logged.
``orphan_attribution``
    A paragraph that opens with a bare attribution (``祝婕说。``) whose
    quotation is missing from the page: set aside, not counted as body text.
``caption`` / ``sidebar``
    Photo captions with a credit (``… 石历增 摄``, ``…孟德龙摄（人民视觉）``,
    ``… 新华社记者 李贺 摄``, also split over lines) and short scrambled
    sidebar lines are set aside in ``Report.captions``.
``dateline`` / ``editor`` / ``end_mark``
    The dateline (``新华社北京2月29日电（记者 …）``, ``本报讯``,
    ``央视网消息（新闻联播）：``) is taken out of the first paragraph into
    ``Report.dateline``; editor lines (``责任编辑``) and end marks (``（完）``)
    are set aside; all are rows of ``Report.parts`` (see
    :mod:`analysis.newsparts`).
``page_header`` / ``jump``
    Page furniture: running heads and folios (``2020年2月5日 星期三 第3版``,
    ``第3版``, ``A3``, ``- 3 -``, the paper's name with a date, ``要闻``,
    ``第三版：政治``) and jump lines (``（下转第二版）``, ``（上接第一版）``),
    whole lines, and bracketed jump marks opening or closing a body line
    (``…要求（下转第二版）``: :func:`split_jump_marks`), are set aside as rows
    of ``Report.parts``; a paragraph cut by one continues across it when the
    text before does not end a paragraph (the column-break rule), on clean
    text as well.  A section name alone (``要闻``) stays the title when it is
    the item's first line and its dateline or byline follows.
``source_line`` / ``original_title`` / ``web_tools`` / ``label`` (parts, every source mode)
    The frame of a web page or database export — ``来源：新华网``,
    ``2020-03-10 19:13:25 来源：人民网``, ``原标题：…``, ``【字号 大 中 小】 打印
    分享到：``, ``【专题】`` (:func:`analysis.newsparts.web_frame`) — whole lines,
    never joined to the body; a dateline after them is still the dateline.
``control_character`` / ``invisible_character``
    C0/C1 controls other than tab and line breaks, zero-width and bidi
    characters are removed (a NUL never merges paragraphs).

The headline block (引题, 主题, 副题) of any length is recognised from its
position and form (``Report.kicker``, ``Report.headline``,
``Report.subtitle``).  ``load_report(path, source="clean")`` runs only the
rules safe on clean text (no joins, duplicates, sidebars or restored
quotations), ``source="auto"`` (the default) decides from the text and
records it in ``Report.source_kind``; ``repairs=[...]`` runs only the named
steps of :data:`REPAIR_STEPS`.

The loader is a short pipeline (:func:`_parse`): invisible characters are
masked, lines are split and classified, the parts of the item are laid out
(:func:`_lay_out`), and each paragraph is joined from its lines and passed
through the repair steps of :mod:`analysis.repairs.steps`
(:func:`paragraph_pipeline`), one at a time.  Offsets back to the raw text
are run-length maps (:mod:`analysis.repairs.offsets`), not lists per
character: loading takes about 5–7 MB of memory per MB of text.
"""

from __future__ import annotations

import bisect
import codecs
import logging
import re
import unicodedata
import weakref
from array import array
from collections import Counter
from itertools import chain, repeat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from . import newsparts, paths, resources
from .errors import ReportError
from .repairs import steps as repair_steps
from .repairs.doubling import SURNAMES, dictionary_words
from .repairs.layout import NO_LAYOUT, ColumnLayout, column_layout
from .repairs.offsets import OffsetTable
from .repairs.steps import RE_INVISIBLE, Repair  # noqa: F401  (RE_INVISIBLE: public here before the steps moved)

#: What ``source=`` / ``kind=`` accept, and what "auto" resolves to (:attr:`Report.source_kind`).
SourceKind = Literal["auto", "ocr", "clean"]
ResolvedKind = Literal["ocr", "clean"]

LOGGER = logging.getLogger(__name__)

__all__ = ["Report", "load_report", "parse_report", "read_text", "REPAIR_STEPS", "caption_parts"]

_LEAD_TITLE = "导语"


# ---------------------------------------------------------------------------
# Reading bytes
# ---------------------------------------------------------------------------


def read_bytes_bounded(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, refusing devices, FIFOs, sockets and files over ``max_bytes``.

    The limit is applied while reading (at most ``max_bytes + 1`` bytes are
    read), never trusting the size the file system reports, and the file
    type is checked on the opened descriptor, so a FIFO or ``/dev/zero``
    (also behind a symlink) is refused at once instead of blocking or
    filling memory.

    Args:
        path: The file.
        max_bytes: Largest size accepted; ``None`` for no limit.

    Returns:
        The bytes.

    Raises:
        ReportError: Missing, a folder, not a regular file, unreadable or too large.

    >>> read_bytes_bounded("/dev/null")
    Traceback (most recent call last):
    analysis.errors.ReportError: /dev/null is a character device, not a regular file: pass the path of a text file
    """
    import os
    import stat

    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ReportError(
            f"{path}: no such file; check the path (call load_report() with no argument for the bundled report)"
        ) from None
    except OSError as exc:
        raise ReportError(f"{path}: cannot be read ({exc.strerror}); check the path and its permissions") from None
    if stat.S_ISDIR(mode):
        raise ReportError(f"{path} is a folder, not a text file; pass the path of one report file")
    kinds = {stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device",
             stat.S_ISSOCK: "a socket"}
    for test, kind in kinds.items():
        if test(mode):
            raise ReportError(f"{path} is {kind}, not a regular file: pass the path of a text file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReportError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced between stat and open
            raise ReportError(f"{path} is not a regular file: pass the path of a text file")
        try:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        except OSError as exc:
            raise ReportError(f"{path}: cannot be read ({exc.strerror}); check the file") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise ReportError(
            f"{path} is over {max_bytes / 1e6:g} MB, too large for one report (limit {max_bytes / 1e6:g} MB; a news "
            "report is usually under 50 kB): split it into one file per report and use analysis.corpus, "
            "or pass max_bytes=None to load it anyway"
        )
    return data


def read_text(path: str | Path, max_bytes: int | None = None) -> tuple[str, str]:
    """Read a text file and decode it, detecting the encoding.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32).  Without one, the
    bytes are tried as strict UTF-8, then as UTF-16 if they have the pattern
    of zero bytes that UTF-16 Chinese text has, then as GB18030 (a superset
    of GBK and GB2312) when ``charset_normalizer`` agrees the bytes are a
    Chinese encoding or GB18030 decodes them strictly into mostly Chinese
    text, and last as Big5 (traditional Chinese).

    Args:
        path: The file to read (a regular file; see :func:`read_bytes_bounded`).
        max_bytes: Refuse files larger than this (applied while reading).

    Returns:
        ``(text, encoding)``: the decoded text, line endings untouched, and
        the name of the encoding used.

    Raises:
        ReportError: The file is missing, a folder, empty, binary, or in an
            encoding that cannot be decoded.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "gbk.txt")
    >>> _ = open(p, "wb").write("党旗下的誓言".encode("gbk"))
    >>> read_text(p)
    ('党旗下的誓言', 'gb18030')
    """
    path = Path(path)
    data = read_bytes_bounded(path, max_bytes)
    return decode_bytes(data, name=str(path))


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode the bytes of a report; see :func:`read_text` for the rules.

    Args:
        data: The raw bytes.
        name: What to call the input in error messages.

    Returns:
        ``(text, encoding)``.

    Raises:
        ReportError: Empty, binary or undecodable input.

    >>> decode_bytes("乌海".encode("utf-16"))
    ('乌海', 'utf-16')
    """
    if not data:
        raise ReportError(f"{name} is empty: pass a file that contains the report text")
    text, encoding = _decode(data, name)
    _warn_if_ambiguous(data, text, encoding, name)
    if not text.strip(resources.WHITESPACE):
        raise ReportError(f"{name} contains only whitespace: pass a file that contains the report text")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if controls > max(2, len(text) // 100):
        raise ReportError(
            f"{name} looks like a binary file, not text ({controls} control characters): pass a plain-text (.txt) report"
        )
    return text, encoding


#: Inputs shorter than this (bytes) are checked for a second Chinese reading.
AMBIGUOUS_BYTES = 200


def _warn_if_ambiguous(data: bytes, text: str, encoding: str, name: str) -> str | None:
    """Warn when a short GB18030 input also reads as Big5 Chinese (or the reverse); return the other reading.

    Short GBK and Big5 byte strings often decode both ways into Chinese
    characters; the loader picks GB18030 but says what the other reading is.

    >>> _warn_if_ambiguous("党员".encode("gbk"), "党员", "gb18030", "x")
    '絨埜'
    """
    if len(data) >= AMBIGUOUS_BYTES or encoding not in ("gb18030", "big5hkscs"):
        return None
    other_encoding = "big5hkscs" if encoding == "gb18030" else "gb18030"
    try:
        other = data.decode(other_encoding)
    except UnicodeDecodeError:
        return None
    if other == text or not _mostly_chinese_or_ascii(other):
        return None
    LOGGER.warning("%s is short and ambiguous: read as %s %r, but as %s it reads %r; re-save it as UTF-8 if the "
                   "second reading is the right one", name, encoding.upper(), text[:40], other_encoding.upper(), other[:40])
    return other


def _decode(data: bytes, name: str) -> tuple[str, str]:
    boms = [
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ]
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ReportError(
                    f"{name} starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}: "
                    "re-save it as UTF-8"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _guess_utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    # A 0x00 byte is a NUL character in GB18030 and Big5 too (never part of a
    # multi-byte character): read it as in UTF-8, and let decode_bytes count
    # control characters and the parser remove it, whatever the encoding.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _mostly_chinese_or_ascii(text):
        guess = _charset_normalizer_guess(data)
        if guess in (None, "gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950"):
            if guess in ("big5", "big5hkscs", "cp950"):
                try:
                    return data.decode("big5hkscs"), "big5hkscs"
                except UnicodeDecodeError:
                    pass
            return text, "gb18030"
        if guess is not None and _mostly_chinese_or_ascii(text):
            # charset_normalizer prefers another code page, but GB18030 gives
            # well-formed Chinese text: trust the Chinese reading.
            return text, "gb18030"
    try:  # Big5 (traditional Chinese, Hong Kong and Taiwan) when GB18030 cannot read the bytes
        big5 = data.decode("big5hkscs")
        if _mostly_chinese_or_ascii(big5):
            return big5, "big5hkscs"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ReportError(f"{name} looks like a binary file, not text (it contains NUL bytes): pass a plain-text (.txt) report")
    raise ReportError(
        f"{name} is not text in a supported encoding (UTF-8, UTF-16, GB18030/GBK, Big5): "
        "re-save it as UTF-8 or check that it is a text file"
    )


def _guess_utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = len(data) // 2
    # ASCII characters in UTF-16 have one zero byte; Chinese text has few
    # zero bytes but decodes strictly.  Require a clear pattern.
    if odd_zeros > half * 0.2 and even_zeros < half * 0.05:
        return "utf-16-le"
    if even_zeros > half * 0.2 and odd_zeros < half * 0.05:
        return "utf-16-be"
    if b"\x00" in data:
        # Mostly-Chinese UTF-16 has few zero bytes (only its ASCII has them):
        # accept a byte order that decodes strictly into Chinese text.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_chinese_or_ascii(text) and "\x00" not in text:
                return encoding
    return None


def _mostly_chinese_or_ascii(text: str) -> bool:
    if not text:
        return False
    han = len(resources.RE_HAN.findall(text))
    ascii_printable = sum(1 for c in text if " " <= c <= "~" or c in "\r\n\t")
    punct = sum(1 for c in text if c in resources.PUNCTUATION or c in resources.WHITESPACE)
    return han > 0 and (han + ascii_printable + punct) >= 0.9 * len(text)


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency of the project
        return None
    best = from_bytes(data).best()
    return best.encoding if best is not None else None


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@dataclass
class Report:
    """A news report: its raw text, its parts, its repaired body, its repairs.

    Paragraph and sentence ids start at 1; section 0 is the lead (导语), the
    text before the first heading.  Offsets ``start``/``end`` index the
    repaired paragraph text; ``raw_start``/``raw_end`` index ``raw`` (the
    decoded file), so ``raw[raw_start:raw_end]`` is where a row came from.

    Attributes:
        raw: The decoded file, unmodified.
        encoding: The encoding the file was read with.
        source: The path it came from, or ``None`` for a string.
        headline: The headline.
        authors: Names from the byline, markers (□, 记者) removed.
        headings: Section headings in order.
        captions: One row per caption or sidebar set aside; columns
            ``caption_id, kind`` (caption|sidebar) ``, text, photographer,
            raw_text, raw_start, raw_end, after_paragraph``.
        paragraphs: Columns ``paragraph_id, section, section_title, part``
            (lead|body|closing) ``, heading, text, n_chars, n_sentences,
            raw_start, raw_end``.
        sentences: Columns ``sentence_id, paragraph_id, section,
            section_title, part, position, text, start, end, raw_start,
            raw_end, n_chars``.
        repairs: Columns ``repair_id, kind, raw_start, raw_end, before,
            after, paragraph_id, note``.
        script: The script of the text as read (see
            :func:`analysis.script.detect_script`): ``simplified``,
            ``traditional``, ``mixed``, ``neutral``, ``none`` or ``unknown``
            (OpenCC not installed).
        converted: True if traditional characters were converted to
            simplified (``convert_traditional=True``); each converted run is
            a ``script_conversion`` repair and ``raw`` keeps the original.
        source_kind: ``"ocr"`` or ``"clean"``: the rules that ran (see
            :func:`load_report`'s ``source``; ``"auto"`` records its decision).
        date: The item's date when the source gives one (a CSV/JSON
            column, see :mod:`analysis.sources`), else ``""``.
        dateline: The dateline (``新华社北京2月29日电（记者 张三）``,
            ``本报讯``, ``央视网消息（新闻联播）：``) set aside from the first
            paragraph: keys ``text, agency, place, date, kind, reporters,
            note, raw_start, raw_end``; empty if there is none.
        parts: The parts of the news item that are not body text, one row
            each: columns ``part`` (kicker|title|subtitle|byline|dateline|
            editor|end_mark|page_header|jump, and the frame of a web page or
            export: source_line|original_title|web_tools|label, see
            :func:`mark_web_frame`) ``, text, raw_start, raw_end``.
        layout: What the lines' layout said (:class:`analysis.repairs.layout.ColumnLayout`:
            ``width``, ``measure``, ``indent``, ``describe()``): a fixed column width
            and a paragraph indent decide paragraph ends where found; false
            (:data:`~analysis.repairs.layout.NO_LAYOUT`) when there is no such evidence.
    """

    raw: str
    encoding: str
    source: Path | None
    headline: str
    authors: list[str]
    headings: list[str]
    captions: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    repairs: pd.DataFrame
    script: str = "simplified"
    converted: bool = False
    source_kind: ResolvedKind = "ocr"
    date: str = ""
    dateline: dict = field(default_factory=dict)
    parts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["part", "text", "raw_start", "raw_end"]))
    layout: ColumnLayout = NO_LAYOUT
    _offsets: OffsetTable = field(default_factory=OffsetTable, repr=False)
    _spans: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def __repr__(self) -> str:
        return (
            f"Report(headline={self.headline!r}, authors={self.authors}, "
            f"sections={len(self.headings)}, paragraphs={len(self.paragraphs)}, "
            f"sentences={len(self.sentences)}, captions={len(self.captions)}, repairs={len(self.repairs)})"
        )

    @property
    def kicker(self) -> str:
        """The 引题 above the title (``""`` if none)."""
        return " ".join(self.parts.loc[self.parts.part == "kicker", "text"])

    @property
    def subtitle(self) -> str:
        """The 副题 below the title (``""`` if none)."""
        return " ".join(self.parts.loc[self.parts.part == "subtitle", "text"])

    @property
    def text(self) -> str:
        """The repaired body text, one paragraph per line."""
        return "\n".join(self.paragraphs["text"])

    @property
    def section_titles(self) -> dict[int, str]:
        """Section number → title (``0`` → ``导语`` for the lead)."""
        titles = {0: _LEAD_TITLE}
        titles.update({i + 1: h for i, h in enumerate(self.headings)})
        return titles

    def raw_span(self, paragraph_id: int, start: int, end: int) -> tuple[int, int]:
        """Map a span of a repaired paragraph back to raw offsets (a bisection in the paragraph's runs).

        Characters inserted by a repair (quotation marks) have no raw
        position; the span is widened to the nearest raw characters.

        Args:
            paragraph_id: The paragraph.
            start: Start offset in the paragraph text.
            end: End offset (exclusive).

        Returns:
            ``(raw_start, raw_end)``.
        """
        return self._offsets.raw_span(paragraph_id, start, end)

    def raw_positions(self, paragraph_id: int) -> list[int]:
        """Raw offset of every character of a paragraph (−1 for inserted ones), built on demand.

        The report keeps offsets as runs (:class:`analysis.repairs.offsets.OffsetTable`);
        this list costs a machine word per character, so ask for one paragraph at a time.
        """
        return self._offsets.positions(paragraph_id)

    def unaccounted(self) -> list[tuple[int, str]]:
        """Non-whitespace raw characters not found in any part or repair.

        The loader's no-loss promise is that this list is empty: every
        character of the file is in the headline, byline, captions,
        headings, paragraphs, or a logged repair.

        Returns:
            ``(raw_offset, character)`` pairs.
        """
        covered = bytearray(len(self.raw))
        for start, end in self._spans:
            covered[start:end] = b"\x01" * (end - start)
        for start, end in self._offsets.raw_runs():
            covered[start:end] = b"\x01" * (end - start)
        for row in self.repairs.itertuples():
            if row.before and row.raw_end > row.raw_start:
                covered[row.raw_start : row.raw_end] = b"\x01" * (row.raw_end - row.raw_start)
        out, raw, i = [], self.raw, covered.find(0)
        while i >= 0:  # jump from one uncovered character to the next (mostly whitespace between lines)
            if raw[i] not in resources.WHITESPACE:
                out.append((i, raw[i]))
            i = covered.find(0, i + 1)
        return out


#: Largest file :func:`load_report` reads by default (40 MB).  Loading costs
#: about 5–7 MB of peak memory and 0.2–0.5 s per MB of text (a 40 MB file:
#: 276 MB, 9 s of CPU; ``python benchmarks/loader_memory.py --sizes 40``), so
#: the limit is set by time, not memory (it was 10 MB at 57 MB per MB).  A
#: newspaper report is usually under 50 kB; a bigger file is almost always
#: many reports joined together, which :mod:`analysis.corpus` handles.
MAX_BYTES = 40_000_000


def load_report(
    path: str | Path | None = None,
    *,
    convert_traditional: bool = False,
    max_bytes: int | None = MAX_BYTES,
    source: SourceKind = "auto",
    repairs=None,
) -> Report:
    """Load and repair a report file (default: the bundled Wuhai report).

    Args:
        path: A plain-text report in UTF-8, UTF-8 with BOM, UTF-16 or
            GB18030/GBK, any line endings.  ``None`` loads
            ``data/raw/wuhai_report.txt``.
        convert_traditional: Convert traditional characters to simplified
            with OpenCC before parsing (see :func:`parse_report`).
        max_bytes: Refuse files larger than this (default
            :data:`MAX_BYTES`, 40 MB); ``None`` for no limit.  Parsing
            takes about 0.2–0.5 s and 5–7 MB of peak memory per MB of text
            (``python benchmarks/loader_memory.py``).
        source: ``"auto"``, ``"ocr"`` or ``"clean"`` (see :func:`parse_report`'s ``kind``).
        repairs: Names of the repair steps to run (:data:`REPAIR_STEPS`),
            e.g. every step but ``"duplicates"``; ``None`` for all the
            steps of the source kind.  The paragraph steps are the
            functions of :mod:`analysis.repairs.steps`
            (:func:`paragraph_pipeline` composes them); a function
            ``Paragraph -> Paragraph`` in the list runs after them on every
            paragraph (build its edits with
            :func:`analysis.repairs.steps.apply_edits` and log them as
            :class:`~analysis.repairs.steps.Repair` rows, so offsets and
            ``unaccounted()`` stay right).

    Returns:
        The :class:`Report`.

    Raises:
        ReportError: The file is missing, empty, binary, undecodable, has
            no Chinese text, or is larger than ``max_bytes``.

    >>> report = load_report()
    >>> report.headings[0]
    '全面动员 吹响战斗号角'
    """
    path = Path(path) if path is not None else paths.DEFAULT_REPORT
    if max_bytes is not None and path.is_file():
        size = path.stat().st_size
        if size > max_bytes:
            raise ReportError(
                f"{path} is {size / 1e6:.1f} MB, too large for one report (limit {max_bytes / 1e6:g} MB; a news report "
                "is usually under 50 kB): split it into one file per report and use analysis.corpus, "
                "or pass max_bytes=None to load it anyway (loading takes about 0.3 s and 7 MB of memory per MB)"
            )
    text, encoding = read_text(path, max_bytes)
    return parse_report(text, encoding=encoding, source=path, convert_traditional=convert_traditional, kind=source,
                        repairs=repairs)


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    start: int  # raw offset of first non-whitespace character
    end: int  # raw offset after the last non-whitespace character
    text: str
    block: int  # index of the blank-line separated block
    kind: str = "body"
    lead: str = ""  # the whitespace before ``text`` on its line (an indent; at most 16 characters kept)


_dictionary_words = dictionary_words


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    previous_blank = True
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw):
        segment = match.group(0)
        if not segment:
            continue
        content = segment.rstrip("\r\n")
        stripped = content.strip(resources.WHITESPACE)
        if not stripped:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        lead = len(content) - len(content.lstrip(resources.WHITESPACE))
        start = match.start() + lead
        lines.append(_Line(start, start + len(stripped), stripped, block, lead=content[:min(lead, 16)] if lead else ""))
        previous_blank = False
    return lines


def merge_split_credits(lines: list[_Line]) -> list[_Line]:
    """Rejoin a caption whose credit was split over lines (``…鼓劲。`` / ``新华社记者`` / ``张 龙摄``).

    A short line ending in ``摄`` that is not a caption alone is tried
    together with the one or two lines before it (each at most 80
    characters); if the joined text is a caption with text, the lines
    become one caption line spanning their raw offsets (the caption text
    must end like a sentence, so a scrambled sidebar is not taken for one).
    A caption run onto the end of a paragraph after a picture word
    (:func:`analysis.newsparts.inline_caption_start`) is split from it.
    """
    out: list[_Line] = []
    for line in lines:
        text = line.text
        if len(text) <= 16 and "摄" in text[-4:] and out:
            alone = caption_parts(text)
            if alone is None or not alone[0]:
                for back in (1, 2):
                    if len(out) < back or any(len(p.text) > 80 for p in out[-back:]):
                        break
                    pieces = out[-back:] + [line]
                    joined = caption_parts(" ".join(p.text for p in pieces))
                    if joined is not None and joined[0] and joined[0][-1] in "。！？”）)":
                        del out[-back:]
                        line = _Line(pieces[0].start, line.end, " ".join(p.text for p in pieces), pieces[0].block,
                                     lead=pieces[0].lead)
                        break
        out.extend(_split_inline_caption(line))
    return out


def _split_inline_caption(line: _Line) -> list[_Line]:
    """A paragraph with a caption run onto its end (``…出席了会议。图为会议现场。 张三 摄``): body line, caption line."""
    parts = caption_parts(line.text) if "摄" in line.text[-20:] else None
    k = newsparts.inline_caption_start(parts[0]) if parts and parts[0] else None
    if not k:
        return [line]
    body = line.text[:k].rstrip(resources.WHITESPACE)
    return [_Line(line.start, line.start + len(body), body, line.block, lead=line.lead),
            _Line(line.start + k, line.end, line.text[k:], line.block)]


def split_jump_marks(lines: list[_Line]) -> list[_Line]:
    """Split a jump mark that opens or closes a body line (``…要求（下转第二版）``, ``（上接第一版）各地…``) off as a
    line of its own, with its raw offsets (:func:`analysis.newsparts.inline_jump_marks`); the furniture step then
    sets it aside as a ``jump`` part and the paragraph continues across it.  Other lines are returned unchanged.
    """
    out: list[_Line] = []
    for line in lines:
        marks = newsparts.inline_jump_marks(line.text) if line.kind == "body" and "版" in line.text else []
        if not marks:
            out.append(line)
            continue
        cuts = sorted({0, len(line.text), *(k for span in marks for k in span)})
        for a, b in zip(cuts, cuts[1:]):
            piece = line.text[a:b]
            text = piece.strip(resources.WHITESPACE)
            if not text:
                continue
            start = line.start + a + (len(piece) - len(piece.lstrip(resources.WHITESPACE)))
            out.append(_Line(start, start + len(text), text, line.block, lead=line.lead if a == 0 else ""))
    return out


def _has_punct(text: str, marks: str = "，。！？；：,.!?;:、") -> bool:
    return any(c in marks for c in text)


def _is_two_part_heading(text: str) -> bool:
    parts = text.split()
    if len(parts) != 2 or _has_punct(text, "，。！？；：,.!?;:、“”\"「」()（）"):
        return False
    return all(re.fullmatch(f"[{resources.HAN}]{{2,12}}", p) for p in parts) and len(text) <= 26


def _is_sidebar_like(text: str) -> bool:
    if text in ("摄", "图", "文"):
        return True
    compact = re.sub(r"\s", "", text)
    if len(compact) > 12 or _has_punct(text, "，。！？；,.!?;"):
        return False
    parts = text.split()
    return len(parts) >= 2 and (
        any(len(p) == 1 for p in parts) or any(c in text for c in "「」『』【】")
    ) or len(compact) <= 3


def _is_byline(text: str) -> bool:
    if newsparts.parse_dateline(text) is not None or _has_punct(text, "，。！？：；,!?:;《》"):
        return False
    if resources.BYLINE_MARKERS.search(text) and len(text) <= 40:
        # what the markers leave are names (本报记者 张三 通讯员 李四, □王五), not the start of a sentence (本报一…);
        # 本报 alone is the start of a dateline cut by a column break
        return newsparts.byline_names(text) is not None
    parts = text.split()
    return 1 < len(parts) <= 5 and all(re.fullmatch(f"[{resources.HAN}]{{2,4}}", p) for p in parts)


def _headline_lines(lines: list[_Line], layout: ColumnLayout = NO_LAYOUT) -> int:
    """How many lines at the top form the headline block (引题, 主题, 副题).

    With a column ``layout``, a line opening with the paragraph indent or
    filling the column is a paragraph of the body, not a subtitle (``———从…``).
    """
    if len(lines) < 2:
        return 0
    first_block = [ln for ln in lines if ln.block == lines[0].block]
    more_blocks = len(first_block) < len(lines)
    if more_blocks and len(first_block) <= 3 and all(newsparts.looks_like_title(ln.text) for ln in first_block) \
            and not (len(first_block) > 1 and _is_byline(first_block[-1].text)):
        n = len(first_block)
    elif len(lines[0].text) <= 40 and not _has_punct(lines[0].text[:-1], "。，,;；"):
        n = 1
    else:
        return 0
    # a subtitle in its own block right after the title (——……)
    if n < len(lines) and lines[n].text.startswith(("——", "—", "－－")) and newsparts.looks_like_title(lines[n].text) \
            and resources.RE_HAN.search(lines[n].text) and not _has_punct(lines[n].text, "。！？") \
            and not (layout and (layout.opens(lines[n].lead) or layout.fills(lines[n].lead, lines[n].text))) \
            and not (n + 1 < len(lines) and _continues_next(lines[n], lines[n + 1], layout)):
        # (not ———第二个１０年 / ，各项体育事业… or ———完 / 善计算机…: the first paragraph opening with a dash, cut by
        # a column break)
        # not a dash alone, or sentences opening with a dash (———确保…增加。地区…经 / 费已由…) cut by a break
        n += 1
    return n


def _bigram_bound(a: str, b: str) -> bool:
    """True if ``a b`` occurs in real text (People's Daily dev part) at least 3 times and 20× more than chance."""
    from . import peoples_daily

    if not (resources.RE_HAN.match(a) and resources.RE_HAN.match(b)):
        return False
    evidence = peoples_daily.evidence()
    if not evidence.n_chars:
        return False
    known = _BOUND_PAIRS.get(evidence)
    if known is None or len(known) > 100_000:
        known = _BOUND_PAIRS[evidence] = {}
    pair = a + b
    bound = known.get(pair)
    if bound is None:
        joint = evidence.count(pair)
        bound = known[pair] = joint >= 3 and joint * evidence.n_chars >= 20 * evidence.count(a) * evidence.count(b)
    return bound


#: Evidence → character pair → :func:`_bigram_bound` (pairs recur at line ends: 的|人, 了|一).
_BOUND_PAIRS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _continues_next(line: _Line, following: _Line | None, layout: ColumnLayout = NO_LAYOUT) -> bool:
    """Evidence that a short line is the start of a paragraph cut by a column break, not a heading.

    Where the document has a column layout (:mod:`analysis.repairs.layout`),
    a line that fills the column continues into the next (unless that one
    is indented); otherwise:

    A heading does not end in a digit or Latin letter, its last character
    and the next line's first are not a pair that real text binds together
    (pointwise mutual information from the People's Daily development part),
    no dictionary word runs across its end into the next line, and the next
    line does not open with a comma-like mark.
    """
    if following is None or following.kind != "body":
        return False
    if layout and layout.continues((line.lead, line.text), (following.lead, following.text)) \
            and layout.fills(line.lead, line.text):
        return True
    text, head = line.text, following.text
    if text[-1].isdigit() or text[-1].isascii() and text[-1].isalpha():
        return True
    if head[:1] in "，、；：,;:）)”’" or newsparts.opens_mid_sentence(head):
        return True  # the next line opens with a comma-like mark or a particle (流传 / 着：“…)
    if newsparts.cut_dateline(text, head):
        return True  # 据新华社耶路撒冷 / １月８日电…: a dateline cut by a column break
    if head[:1] == text[-1] and resources.RE_HAN.match(head[:1]):
        return True  # the character doubled across the break, as OCR doubles it at a column break (经|经济)
    if _bigram_bound(text[-1], head[0]):
        return True  # the two characters across the break go together in real text far more than by chance
    words = dictionary_words()
    if any(text[-i:] + head[:j] in words for i in (1, 2) for j in (1, 2, 3) if i + j >= 3):
        return True  # a word of three or more characters runs across (医|疗队)
    # a two-character word across, unless the line already ends with a whole word
    return text[-2:] not in words and text[-1:] + head[:1] in words


def _continued(lines: list[_Line], i: int, layout: ColumnLayout) -> bool:
    """The layout says line ``i`` is inside a paragraph: it fills the column, or the body line before it does.

    Such a line is not a heading or sidebar candidate (the last, short line of a paragraph is not a heading).
    """
    line = lines[i]
    if not layout:
        return False
    if layout.fills(line.lead, line.text) and not layout.opens(line.lead) and i + 1 < len(lines) \
            and layout.continues((line.lead, line.text), (lines[i + 1].lead, lines[i + 1].text)):
        return True
    previous = lines[i - 1] if i else None
    return previous is not None and previous.kind == "body" and \
        bool(layout.continues((previous.lead, previous.text), (line.lead, line.text)))


def mark_page_furniture(lines: list[_Line]) -> list[_Line]:
    """Label running heads, folios and jump lines (:func:`analysis.newsparts.page_furniture`); the other lines.

    A line that is a bare number is a folio unless the document also has
    bare ``1`` and ``2`` (its parts are numbered in series: :func:`analysis.newsparts.lone_number`);
    ``- 3 -`` and ``—3—`` are folios always; nor is a bare number that runs on into the lines around it
    (:func:`analysis.newsparts.number_runs_on`: ``每桶`` / ``１`` / ``８·５６美元``).
    The lines returned are the document without its furniture: the headline
    block, the dateline and the paragraphs are read from them, so a
    paragraph cut by a running head continues across it.

    A section name alone (``要闻``, ``综合新闻``: :func:`analysis.newsparts.is_section_name`)
    is a running head, except as the first line of the item when the next
    line (furniture aside) opens the item with its dateline or byline: then
    it is the only headline the item has, and stays the title.
    """
    bare = {ln.text: newsparts.lone_number(ln.text) for ln in lines if len(ln.text) <= 3 and ln.text.isdigit()}
    numbered = {1, 2} <= set(bare.values())  # - 3 - and —3— are folios always
    content = []
    for i, line in enumerate(lines):
        kind = newsparts.page_furniture(line.text) if line.kind == "body" else None
        if kind is not None and line.text in bare and (numbered or newsparts.number_runs_on(
                lines[i - 1].text if i else "", line.text, lines[i + 1].text if i + 1 < len(lines) else "")):
            kind = None  # a number of the text cut by column breaks (每桶 / １ / ８·５６美元), or numbered parts
        if kind == "page_header" and not content and newsparts.is_section_name(line.text) \
                and _opens_item(next((ln for ln in lines[i + 1:] if newsparts.page_furniture(ln.text) is None), None)):
            kind = None  # 要闻 / 本报讯…: the item's own title, the only headline it has
        if kind is not None:
            line.kind = kind
        else:
            content.append(line)
    return content


def mark_web_frame(lines: list[_Line]) -> list[_Line]:
    """Label the frame of a web page or database export (:func:`analysis.newsparts.web_frame`); the other lines.

    Source lines (``来源：新华网``, ``2020-03-10 19:13:25 来源：…``), the
    original title (``原标题：…``), page tools (``【字号 大 中 小】 打印``) and
    bracketed labels are parts of their own in every source mode: never
    joined to the body, never deleted.  An editor line (``责编：张三``) is
    left to :func:`analysis.newsparts.is_editor_line`.  The lines returned
    are the document without its frame, so the headline block and the
    dateline after a frame are read as they are without it.
    """
    content = []
    for line in lines:
        kind = newsparts.web_frame(line.text) if line.kind == "body" and not newsparts.is_editor_line(line.text) else None
        if kind is not None:
            line.kind = kind
        else:
            content.append(line)
    return content


def _opens_item(line: _Line | None) -> bool:
    """A line that opens an item under its headline: a dateline (``本报讯``, ``新华社北京2月29日电``) or a byline."""
    return line is not None and line.kind == "body" and (
        newsparts.parse_dateline(line.text[:80]) is not None or _is_byline(line.text)
        or newsparts.is_byline_line(line.text))


def _classify(lines: list[_Line], steps: frozenset[str] = frozenset(), layout: ColumnLayout = NO_LAYOUT) -> None:
    """Label each line: page_header, jump, headline, byline, dateline, caption, sidebar, heading, editor, end_mark, body.

    With ``furniture`` among the steps, page furniture is labelled first and
    the rest is read without it (:func:`mark_page_furniture`).  With a column
    ``layout``, a line inside a paragraph (:func:`_continued`) is no heading or sidebar.
    """
    if "furniture" in steps:
        lines = mark_page_furniture(lines)
    lines = mark_web_frame(lines)
    if not lines:
        return
    n_head = _headline_lines(lines, layout)
    for line in lines[:n_head]:
        line.kind = "headline"
    if n_head and n_head < len(lines) - 1 and _is_byline(lines[n_head].text):
        lines[n_head].kind = "byline"
    for i, line in enumerate(lines):
        if line.kind != "body":
            continue
        text = line.text
        dateline = newsparts.parse_dateline(text)
        if dateline is not None and dateline["end"] >= len(text) and i <= n_head + 2 \
                and not (i + 1 < len(lines) and newsparts.cut_dateline(text, lines[i + 1].text)) \
                and not any(ln.kind == "body" for ln in lines[:i]):  # the dateline opens the first paragraph
            line.kind = "dateline"
        elif newsparts.is_editor_line(text):
            line.kind = "editor"
        elif (note := newsparts.closing_note(text)) is not None and _after_paragraph(lines, i):
            line.kind = note[0]  # （韦耀中）, （新华社北京１月１日电）: an item closed by its reporters or dateline
        elif newsparts.is_end_mark(text):
            line.kind = "end_mark"
        elif newsparts.is_byline_line(text) and i + 1 < len(lines) and not _runs_through(lines, i):
            line.kind = "byline"  # a byline further down (a second item, or under the kicker and dateline)
        elif "captions" in steps and caption_parts(text) is not None:
            line.kind = "caption"
        elif "headings" in steps and _is_two_part_heading(text) and not _continued(lines, i, layout):
            line.kind = "heading"
        elif "sidebars" in steps and _is_sidebar_like(text) and not _continues_next(line, _next_body(lines, i), layout) \
                and (_is_sidebar_part(text) or _has_sidebar_neighbour(lines, i)) and not _continued(lines, i, layout):
            line.kind = "sidebar"
    if "headings" not in steps:
        return
    # single-part headings: short, unpunctuated, between complete paragraphs
    single: list[_Line] = []
    for i, line in enumerate(lines):
        if line.kind != "body" or i == len(lines) - 1:
            continue
        text = line.text
        if 4 <= len(text) <= 16 and not _has_punct(text, "，。！？；：,.!?;:") and (re.fullmatch(
            f"[{resources.HAN}\\s]+", text
        ) or _NUMBERED_HEADING.match(text)):
            previous_body = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].kind in ("body", "heading")), None)
            if previous_body is not None and previous_body.kind == "body" and previous_body.text[-1] in resources.PARAGRAPH_END:
                if lines[i + 1].kind == "body" and _single_heading_form(text) \
                        and not _continues_next(line, lines[i + 1], layout) and not _continued(lines, i, layout):
                    line.kind = "heading"
                    single.append(line)
    # subheadings come in series: a one-part heading needs another heading in the report, a numbered one another
    # line numbered in its style (（三） after （一）（二）) or the number one; else it is the first piece of a cut
    # paragraph
    if not single:
        return
    headings = sum(ln.kind == "heading" for ln in lines)
    styles = Counter(newsparts.number_style(ln.text) for ln in lines)
    for line in single:
        style = newsparts.number_style(line.text)
        if (headings < 2 if style is None else styles[style] < 2 and not _FIRST_NUMBER.match(line.text)):
            line.kind = "body"


def _runs_through(lines: list[_Line], i: int) -> bool:
    """A sentence runs through line ``i``: the line before ends with an open bracket or a comma-like mark, or the
    line after opens with a comma-like or closing mark (``据新华社北京１月１３日电（`` / ``记者孙茂庆`` /
    ``、徐壮志）记者近日…``).

    A line that stands alone, as a byline does, is cut from neither neighbour.  A particle opening the line
    after is no evidence here: the body may open so (``本报通讯员 魏德运`` / ``着最短女上衣的是…``, a line of the
    People's Daily corpus).
    """
    before = lines[i - 1].text if i else ""
    after = lines[i + 1].text.lstrip() if i + 1 < len(lines) else ""
    return before[-1:] in "（(，、,：:“" or after[:1] in newsparts.CLOSING_MARKS


def _is_sidebar_part(text: str) -> bool:
    """A line with the scrambled form of a sidebar by itself (several parts, one-character parts or 「」 marks)."""
    parts = text.split()
    return text in ("摄", "图", "文") or len(parts) >= 2 and (any(len(p) == 1 for p in parts) or any(c in text for c in "「」『』【】"))


def _has_sidebar_neighbour(lines: list[_Line], i: int) -> bool:
    """A very short line is a sidebar piece only next to another sidebar-like line.

    A photo caption with its credit (``… 新华社记者 张三 摄``) is not one: a
    caption stands between the pieces of a cut paragraph (``本报讯`` / caption /
    ``河南省`` / ``首家…``) as often as next to a sidebar.
    """
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and (lines[j].kind == "sidebar" or lines[j].kind != "caption"
                                    and _is_sidebar_part(lines[j].text) and caption_parts(lines[j].text) is None):
            return True
    return False


_FIRST_NUMBER = re.compile(r"^(?:[（(][一1１][）)]|[一1１][、．.])")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,2}[、．.])")


def _single_heading_form(text: str) -> bool:
    """The form of a one-part subheading: numbered (``一、``, ``（二）``, ``3.``) or 7–8 characters
    not ending in a function word (the genre's 7-character lines); a piece cut off a paragraph rarely has it."""
    if newsparts.opens_unclosed(text):
        return False  # 三、大力开展“… : a quotation or bracket left open runs on into the next line
    if newsparts.opens_article(text) or newsparts.ends_mid_phrase(text):
        return False  # 第十五条为保障… / （三）不得… / 这就出现了一个… : a paragraph opening, not a heading
    if _NUMBERED_HEADING.match(text):
        return True
    return len(text.replace(" ", "")) in (7, 8)


def _after_paragraph(lines: list[_Line], i: int) -> bool:
    """The line follows a complete body paragraph (the last body line before it ends a paragraph)."""
    previous = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].kind == "body"), None)
    return previous is not None and previous.text[-1:] in resources.PARAGRAPH_END


def _next_body(lines: list[_Line], i: int) -> _Line | None:
    """The next line, a caption set between the pieces of a cut paragraph skipped (``本报比`` / caption / ``勒陀利亚…``)."""
    for j in range(i + 1, min(len(lines), i + 3)):
        if lines[j].kind != "caption" and caption_parts(lines[j].text) is None:
            return lines[j]
    return None


#: The repair steps, in the order they run.  ``load_report(path, repairs=[...])``
#: runs only the steps named (the parts of the item — headline, byline,
#: dateline lines, editor lines, end marks — and invisible characters are
#: always recognised).  The first three classify lines (:func:`_classify`);
#: the others are the functions of :mod:`analysis.repairs.steps`, each
#: ``Paragraph -> Paragraph`` and testable alone.
REPAIR_STEPS = (
    "furniture",  # running heads, folios and jump lines set aside: newsparts.page_furniture
    "captions",  # photo captions with a credit set aside
    "sidebars",  # short scrambled sidebar lines set aside
    "headings",  # section headings recognised
    "layout",  # column width and paragraph indent decide paragraph ends where they agree: repairs.layout
    "column_breaks",  # lines cut by a column break joined: steps.join_column_breaks
    "sentence_ends",  # … also right after a sentence end, on strong evidence of the genre: join_sentence_end_breaks
    "duplicates",  # strings doubled across a break dropped on evidence: join_column_breaks(duplicates=True)
    "dateline",  # the dateline set aside from the first paragraph: steps.set_aside_dateline
    "spaces",  # spaces inside Chinese text removed: steps.remove_inner_spaces
    "punctuation",  # half-width and straight punctuation made full-width: steps.normalise_punctuation
    "lost_quotations",  # quotation marks restored around attributed speech: steps.restore_lost_quotations
    "orphan_attributions",  # bare attributions without their quotation set aside: steps.set_aside_orphan_attribution
)
#: Steps that only make sense on OCR of a printed page; ``source="clean"`` skips them.
OCR_ONLY_STEPS = frozenset({"sidebars", "layout", "column_breaks", "sentence_ends", "duplicates", "lost_quotations",
                            "orphan_attributions"})


def resolve_repairs(source_kind: ResolvedKind, repairs=None) -> frozenset[str]:
    """The steps to run for a source kind and an optional explicit list.

    >>> sorted(resolve_repairs("clean"))[:4]
    ['captions', 'dateline', 'furniture', 'headings']
    """
    if source_kind not in ("ocr", "clean"):
        raise ReportError(f"source must be 'auto', 'ocr' or 'clean', not {source_kind!r}")
    if repairs is not None:
        names = [r for r in repairs if not callable(r)]  # functions are steps of the user's own (see load_report)
        unknown = sorted(map(str, set(names) - set(REPAIR_STEPS)))
        if unknown:
            raise ReportError(f"unknown repair step(s) {unknown}: choose from {list(REPAIR_STEPS)}, "
                              "or pass a function Paragraph -> Paragraph")
        return frozenset(names)
    return frozenset(REPAIR_STEPS) - (OCR_ONLY_STEPS if source_kind == "clean" else frozenset())


def detect_source_kind(lines) -> ResolvedKind:
    """``"ocr"`` when body lines are cut mid-word or mid-sentence by column breaks, else ``"clean"``.

    A clean export (database, transcript) ends every paragraph with final
    punctuation; a line without it there is a title or subheading.  OCR of a
    page cuts lines anywhere: a line counts as cut when it ends in a Han
    character or comma-like mark and a dictionary word runs across into the
    next line, or the next line opens with a comma-like mark.  Two cut lines
    (or one in ten) make the text OCR; with fewer than five body lines of
    12+ characters the answer is ``"ocr"`` (too little to tell, and the OCR
    rules leave clean text alone).
    """
    body = [ln for ln in lines[1:] if len(ln.text) >= 12]
    if len(body) < 5:
        return "ocr"
    cut = 0
    for line, following in zip(lines[1:], lines[2:]):
        end = line.text[-1]
        if end in resources.PARAGRAPH_END:
            continue
        if end in "，、," or _continues_next(line, following):
            cut += 1
            if cut >= 2:
                return "ocr"  # decided: the rest of the document cannot change it
    return "ocr" if cut >= 2 or cut / len(body) > 0.1 else "clean"


def parse_report(
    text: str,
    *,
    encoding: str = "utf-8",
    source: str | Path | None = None,
    convert_traditional: bool = False,
    kind: SourceKind = "auto",
    repairs=None,
) -> Report:
    """Recognise the parts of a report in decoded text and repair its body.

    The script is always detected (``report.script``); a traditional or
    mixed text is logged as a warning.  With ``convert_traditional=True`` the
    text is converted to simplified with OpenCC before parsing: headline,
    paragraphs, sentences and captions are simplified, ``raw`` stays the
    original text (the conversion keeps offsets), and every converted run
    of characters is a ``script_conversion`` repair.

    Args:
        text: The decoded report text (any line endings).
        encoding: Recorded on the report.
        source: Recorded on the report.
        convert_traditional: Convert traditional characters to simplified.
        kind: ``"ocr"`` (every repair rule), ``"clean"`` (a database export
            or transcript: no column-break joins, duplicates, sidebars or
            restored quotations) or ``"auto"`` (decided from the text, see
            :func:`detect_source_kind`; the decision is ``report.source_kind``).
        repairs: Names of the steps to run (see :data:`REPAIR_STEPS`), and
            any functions ``Paragraph -> Paragraph`` of your own to run
            after them (see :func:`load_report`); ``None`` for all the steps
            of the source kind.

    Returns:
        The :class:`Report`.

    Raises:
        ReportError: The text is blank or has no Chinese characters.

    >>> r = parse_report("标题\\n\\n□张三\\n\\n第一段写到一半,在机\\n\\n场结束。")
    >>> r.paragraphs.text.tolist()
    ['第一段写到一半，在机场结束。']
    >>> parse_report("標題\\n\\n□張三\\n\\n黨員衝在前面。", convert_traditional=True).paragraphs.text.tolist()
    ['党员冲在前面。']
    """
    name = str(source) if source is not None else "the text"
    if not text.strip(resources.WHITESPACE):
        raise ReportError(f"{name} contains only whitespace: pass a file that contains the report text")
    profile = _script_profile(text)
    if convert_traditional and profile.n_traditional:
        from .script import to_simplified

        converted = to_simplified(text)
        report = _parse(converted, encoding=encoding, source=source, source_kind=kind, repairs_to_run=repairs)
        _log_conversion(report, text, converted)
        report.raw = text
        report.converted = True
    else:
        report = _parse(text, encoding=encoding, source=source, source_kind=kind, repairs_to_run=repairs)
        if profile.label in ("traditional", "mixed"):
            LOGGER.warning(
                "%s is written in %s Chinese (%d traditional characters): the dictionaries and lexicons are "
                "simplified; load it with convert_traditional=True", name, profile.label, profile.n_traditional,
            )
    report.script = profile.label
    return report


def _script_profile(text: str):
    from .script import ScriptProfile, detect_script

    try:
        return detect_script(text)
    except ReportError:  # OpenCC missing: detection is a courtesy, not a requirement
        return ScriptProfile("unknown", 0, 0, 0)


def _log_conversion(report: Report, original: str, converted: str) -> None:
    """Add one ``script_conversion`` repair per run of converted characters."""
    rows = []
    starts = report.paragraphs["raw_start"].tolist()
    ends = report.paragraphs["raw_end"].tolist()
    ids = report.paragraphs["paragraph_id"].tolist()
    i, n = 0, len(original)
    while i < n:
        if original[i] == converted[i]:
            i += 1
            continue
        j = i
        while j < n and original[j] != converted[j]:
            j += 1
        k = bisect.bisect_right(starts, i) - 1
        pid = ids[k] if k >= 0 and i < ends[k] else None
        rows.append(dict(kind="script_conversion", raw_start=i, raw_end=j, before=original[i:j], after=converted[i:j],
                         paragraph_id=pid, note="traditional characters converted to simplified (OpenCC t2s)"))
        i = j
    if not rows:
        return
    extra = pd.DataFrame(rows)
    repairs = pd.concat([report.repairs.drop(columns="repair_id"), extra], ignore_index=True)
    repairs = repairs.sort_values(["raw_start", "raw_end"], kind="stable").reset_index(drop=True)
    repairs.insert(0, "repair_id", range(1, len(repairs) + 1))
    repairs["paragraph_id"] = repairs["paragraph_id"].astype("Int64")
    report.repairs = repairs


@dataclass
class _Layout:
    """What the line loop finds: the parts of the item, what is set aside, and the lines of each paragraph."""

    headline: str = ""
    authors: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    parts: list[dict] = field(default_factory=list)
    dateline: dict = field(default_factory=dict)
    closing_dateline: dict = field(default_factory=dict)  # （新华社北京１月１日电） closing an item: used if no other
    source_dateline: dict = field(default_factory=dict)  # 来源：… on a line of its own: used if no other dateline
    captions: list[dict] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # raw spans of parts set aside without a repair row
    repairs: list[Repair] = field(default_factory=list)
    groups: list[tuple[int, list[tuple[int, int]]]] = field(default_factory=list)  # (section, raw line spans)
    excess: dict[int, int] = field(default_factory=dict)  # raw start of a full body line → its width over the column


def _lay_out(lines: list[_Line], raw: str, original: str, steps: frozenset[str],
             layout: ColumnLayout = NO_LAYOUT) -> _Layout:
    """Sort classified lines into headline, byline, parts, captions, sidebars, headings and paragraphs.

    Consecutive body lines form one paragraph (with ``column_breaks``) while
    the paragraph so far does not end with paragraph-final punctuation, or
    where the column ``layout`` decides (:meth:`ColumnLayout.continues`: a
    line filling the column continues, an indented line opens a paragraph);
    the lines are joined later by :func:`analysis.repairs.steps.join_column_breaks`.
    """
    out = _Layout()
    headline_lines = [ln for ln in lines if ln.kind == "headline"]
    roles = dict(zip(map(id, headline_lines), newsparts.headline_roles([ln.text for ln in headline_lines])))
    section = 0
    group: list[tuple[int, int]] | None = None
    pending_sidebar: list[_Line] = []
    join = "column_breaks" in steps
    last_body: _Line | None = None  # the body line before, for the layout's verdict
    across = False  # page furniture since the last body line: the paragraph may continue across it, in any source

    def flush_sidebar() -> None:
        if not pending_sidebar:
            return
        start, end = pending_sidebar[0].start, pending_sidebar[-1].end
        texts = [ln.text for ln in pending_sidebar]
        out.captions.append(
            dict(kind="sidebar", text=" / ".join(texts), photographer=_sidebar_photographer(texts), raw_text=raw[start:end],
                 raw_start=start, raw_end=end, after_paragraph=len(out.groups) or None)
        )
        out.repairs.append(Repair("sidebar", start, end, original[start:end], "", None, "short unpunctuated lines (a "
                                  "scrambled sidebar or box) set aside as caption material, not body text"))
        out.spans.append((start, end))
        pending_sidebar.clear()

    for line in lines:
        if line.kind != "sidebar":
            flush_sidebar()
        if line.kind == "headline":
            role = roles[id(line)]
            if role == "title":
                out.headline = re.sub(r"\s+", " ", line.text)
            out.parts.append(dict(part=role, text=re.sub(r"\s+", " ", line.text), raw_start=line.start, raw_end=line.end))
            out.spans.append((line.start, line.end))
        elif line.kind == "byline":
            names = newsparts.byline_names(line.text)  # None: names alone (张三 李四) under the headline
            note = newsparts.closing_note(line.text) if names is None else None
            if note is not None:
                names = note[1]  # （韦耀中） closing an item
            if names is None:
                names = re.split(r"[\s、，,/]+", resources.BYLINE_MARKERS.sub(" ", line.text))
            out.authors += [n for n in names if n and n not in out.authors]
            out.parts.append(dict(part="byline", text=line.text, raw_start=line.start, raw_end=line.end))
            out.spans.append((line.start, line.end))
        elif line.kind in ("dateline", "editor", "end_mark", "page_header", "jump", *newsparts.WEB_FRAME_KINDS):
            if line.kind == "source_line" and not out.source_dateline:
                found = newsparts.parse_dateline(line.text)
                if found is not None and found["end"] >= len(line.text.rstrip()):
                    out.source_dateline = _dateline_record(found, line.start, line.end)  # 来源：… and nothing else
            if line.kind == "dateline" and not out.dateline:
                found = newsparts.parse_dateline(line.text)
                if found is not None:
                    out.dateline = _dateline_record(found, line.start, line.end)
                elif not out.closing_dateline:  # （新华社北京１月１日电） closing an item
                    out.closing_dateline = _dateline_record(newsparts.parse_dateline(line.text.strip()[1:-1]),
                                                        line.start, line.end)
            out.parts.append(dict(part=line.kind, text=line.text, raw_start=line.start, raw_end=line.end))
            out.repairs.append(Repair(line.kind, line.start, line.end, original[line.start:line.end], "", None,
                                      f"{_PART_NOTES[line.kind]} set aside from the body"))
            out.spans.append((line.start, line.end))
            across = across or line.kind in ("page_header", "jump")
        elif line.kind == "caption":
            caption_text, photographer, _agency = caption_parts(line.text)
            out.captions.append(
                dict(kind="caption", text=_normalise_simple(caption_text), photographer=photographer,
                     raw_text=raw[line.start:line.end], raw_start=line.start, raw_end=line.end,
                     after_paragraph=len(out.groups) or None)
            )
            out.repairs.append(Repair("caption", line.start, line.end, original[line.start:line.end], "", None,
                                      "photo caption with photographer credit (… 摄) set aside from the body"))
            out.spans.append((line.start, line.end))
        elif line.kind == "sidebar":
            pending_sidebar.append(line)
        elif line.kind == "heading":
            out.headings.append(re.sub(r"\s+", " ", line.text))
            section = len(out.headings)
            out.spans.append((line.start, line.end))
            group = None
        elif (join or across) and group is not None and _joins(last_body, line, raw, group, layout):
            group.append((line.start, line.end))  # body line continuing a paragraph cut by a column break
            last_body, across = line, False
            if layout.width and (over := layout.excess(line.lead, line.text)) is not None:
                out.excess[line.start] = over
        else:  # body line opening a paragraph
            group = [(line.start, line.end)]
            out.groups.append((section, group))
            last_body, across = line, False
    flush_sidebar()
    return out


def _joins(previous: _Line | None, line: _Line, raw: str, group: list[tuple[int, int]], layout: ColumnLayout) -> bool:
    """Does body ``line`` continue the paragraph ``group`` (whose last line is ``previous``)?

    The column layout decides where it has evidence (but a line opening
    with a dateline after a sentence end opens a paragraph); otherwise a paragraph
    continues while it does not end with paragraph-final punctuation, or
    the line opens mid-sentence (:func:`analysis.newsparts.continues_paragraph`).
    """
    if layout and previous is not None:
        verdict = layout.continues((previous.lead, previous.text), (line.lead, line.text))
        if verdict and previous.text[-1] in resources.PARAGRAPH_END and newsparts.parse_dateline(line.text[:80]):
            return False  # a dateline after a sentence end opens an item (本报讯…, 新华社南京１月１９日电…)
        if verdict is not None:
            return verdict
    return (raw[group[-1][1] - 1] not in resources.PARAGRAPH_END
            or newsparts.continues_paragraph(raw[group[-1][0]:group[-1][1]], line.text))


def _gap_is_blank(raw: str, start: int, end: int, set_aside: list[tuple[int, int]]) -> bool:
    """Only whitespace, and captions set aside (``set_aside``: sorted raw spans, not overlapping), between ``start``
    and ``end``."""
    at = start
    for k in range(max(0, bisect.bisect_left(set_aside, (start, start)) - 1), len(set_aside)):
        a, b = set_aside[k]
        if a >= end:
            break
        if b <= at:
            continue
        if raw[at:a].strip(resources.WHITESPACE):
            return False
        at = max(at, b)
    return not raw[at:end].strip(resources.WHITESPACE)


def join_sentence_end_breaks(out: _Layout, raw: str) -> dict[int, str]:
    """Join paragraphs that a column break cut right after a sentence end, where the genre's evidence is strong.

    Two consecutive paragraphs of one section, the first ending with
    ``。！？”`` and only blank lines or captions between them, are one
    paragraph cut by a column break when the evidence is strong
    (:func:`analysis.repairs.continuation.strong`): the document's prior
    (:func:`~analysis.repairs.continuation.prior_log_odds`: how many column
    breaks it has in mid-sentence, how many such paragraph ends) plus the
    genre's evidence (:func:`~analysis.repairs.continuation.continuation_evidence`:
    how the next piece opens, how the paragraph ends, the lengths either
    side), with a cue at the break itself.  A document without breaks in mid-sentence is never joined.
    ``out.groups`` (and the captions' ``after_paragraph``) are changed in place.

    Returns:
        Raw start of each line joined → the evidence, for its ``column_break_join`` row's note.
    """
    from .repairs import continuation

    groups = out.groups
    if len(groups) < 2:
        return {}
    breaks = sum(len(spans) - 1 for _, spans in groups)
    if not breaks:
        return {}
    set_aside = sorted((c["raw_start"], c["raw_end"]) for c in out.captions if c["kind"] == "caption")

    def text_of(spans: list[tuple[int, int]]) -> str:
        return "".join(raw[a:b] for a, b in spans)

    texts = [text_of(spans) for _, spans in groups]
    candidates = [g for g in range(len(groups) - 1) if groups[g][0] == groups[g + 1][0]
                  and continuation.sentence_end(texts[g])
                  and _gap_is_blank(raw, groups[g][1][-1][1], groups[g + 1][1][0][0], set_aside)]
    if not candidates:
        return {}
    prior = continuation.prior_log_odds(breaks, len(candidates))
    notes: dict[int, str] = {}
    merged: list[tuple[int, list[tuple[int, int]]]] = [groups[0]]
    into = [0]  # old paragraph index → new
    tail, length = texts[0][-120:], len(texts[0])  # the paragraph so far: its end and its length (no copies)
    chosen = set(candidates)
    for g in range(1, len(groups)):
        if g - 1 in chosen:
            evidence = continuation.continuation_evidence(tail, texts[g][:120], lengths=(length, len(texts[g])))
            if continuation.strong(evidence, prior):
                start = groups[g][1][0][0]
                notes[start] = (f"after a sentence end, on the genre's evidence ({evidence.describe()}; log-likelihood "
                                f"ratio {evidence.llr:+.1f}) and the document's prior (log-odds {prior:+.1f}: {breaks} "
                                f"breaks in mid-sentence, {len(candidates)} paragraph ends after a sentence end)")
                LOGGER.debug("joined across a sentence end at %d: %s", start, notes[start])
                merged[-1][1].extend(groups[g][1])
                tail, length = (tail + texts[g])[-120:], length + len(texts[g])
                into.append(len(merged) - 1)
                continue
        merged.append(groups[g])
        tail, length = texts[g][-120:], len(texts[g])
        into.append(len(merged) - 1)
    if notes:
        out.groups[:] = merged
        for caption in out.captions:
            if caption["after_paragraph"]:
                caption["after_paragraph"] = into[caption["after_paragraph"] - 1] + 1
    return notes


def paragraph_pipeline(steps=REPAIR_STEPS):
    """The paragraph repairs among ``steps`` (names of :data:`REPAIR_STEPS`), in the loader's order, as one function.

    The function takes and returns an :class:`analysis.repairs.steps.Paragraph`
    (see :data:`analysis.repairs.steps.PARAGRAPH_STEPS`); ``dateline`` is left
    out (it applies to the first paragraph only).  Functions among ``steps``
    run after the named ones, in the order given.

    >>> from analysis.repairs.steps import paragraph
    >>> paragraph_pipeline(["spaces", "punctuation"])(paragraph("党员 冲在一线,守护群众。")).text
    '党员冲在一线，守护群众。'
    >>> paragraph_pipeline(["spaces"])(paragraph("党员 冲在一线,守护群众。")).text
    '党员冲在一线,守护群众。'
    """
    chosen = set(steps)
    own = [step for step in steps if callable(step)]
    return repair_steps.make_pipeline(*(function for name, function in repair_steps.PARAGRAPH_STEPS.items()
                                        if name in chosen and name != "dateline"), *own)


def _parse(text: str, *, encoding: str, source: str | Path | None, source_kind: str = "auto",
           repairs_to_run: frozenset[str] | None = None) -> Report:
    """The loader as a pipeline: mask invisible characters, classify lines, lay out the parts, repair each paragraph."""
    name = str(source) if source is not None else "the text"
    if not text.strip(resources.WHITESPACE):
        raise ReportError(f"{name} contains only whitespace: pass a file that contains the report text")
    if not resources.RE_HAN.search(text):
        raise ReportError(
            f"{name} has no Chinese characters: this package analyses Chinese reports; check the file or its encoding"
        )
    raw, invisible = repair_steps.mask_invisible(text)  # same length: offsets unchanged
    lines = _split_lines(raw)
    if source_kind == "auto":  # page furniture is no evidence of OCR either way
        source_kind = detect_source_kind([ln for ln in lines if newsparts.page_furniture(ln.text) is None
                                          and newsparts.web_frame(ln.text) is None])  # nor is a web page's frame
    steps = resolve_repairs(source_kind, repairs_to_run)
    columns = column_layout((ln.lead, ln.text) for ln in lines) if "layout" in steps else NO_LAYOUT
    if columns:
        LOGGER.info("%s: %s", name, columns.describe())
    if "captions" in steps:
        lines = merge_split_credits(lines)
    if "furniture" in steps:
        lines = split_jump_marks(lines)
    _classify(lines, steps, columns)
    layout = _lay_out(lines, raw, text, steps, columns)
    del lines
    notes = join_sentence_end_breaks(layout, raw) if {"column_breaks", "sentence_ends"} <= steps and not columns else {}
    layout.repairs[:0] = repair_steps.invisible_repairs(text, invisible)
    tables = _Tables(layout)
    pipeline = paragraph_pipeline([*steps, *(r for r in repairs_to_run or () if callable(r))])
    for number, (section, spans) in enumerate(layout.groups, start=1):
        para = repair_steps.join_column_breaks(raw, spans, duplicates="duplicates" in steps, number=number,
                                               column=columns, excess=layout.excess, notes=notes)
        para = repair_steps.drop_raw_positions(para, invisible)
        if number == 1 and section == 0 and not layout.dateline and "dateline" in steps:
            para = repair_steps.set_aside_dateline(para)
            if para.dateline:
                layout.dateline = para.dateline
                layout.parts.append(dict(part="dateline", text=para.dateline["text"],
                                         raw_start=para.dateline["raw_start"], raw_end=para.dateline["raw_end"]))
        tables.add(pipeline(para), section)
    if not layout.dateline and layout.closing_dateline:
        layout.dateline = layout.closing_dateline
    if not layout.dateline and layout.source_dateline:
        layout.dateline = layout.source_dateline  # 来源：人民网 alone: the only dateline the item has
    report = tables.report(raw=text, encoding=encoding, source=source, source_kind=source_kind)
    report.layout = columns
    if report.paragraphs.empty:
        raise ReportError(f"{name} has no body paragraphs after captions and headings were set aside; check that it is a report text")
    LOGGER.debug("parsed %r", report)
    return report


_PARAGRAPH_COLUMNS = ["paragraph_id", "section", "section_title", "part", "heading", "text", "n_chars", "n_sentences",
                      "raw_start", "raw_end"]
_SENTENCE_COLUMNS = ["sentence_id", "paragraph_id", "section", "section_title", "part", "position", "text", "start",
                     "end", "raw_start", "raw_end", "n_chars"]
_REPAIR_COLUMNS = ["kind", "raw_start", "raw_end", "before", "after", "paragraph_id", "note"]


class _Tables:
    """The report's tables, filled one repaired paragraph at a time.

    Columns are kept as lists (text) and ``array('l')`` (numbers), repair
    rows are unpacked into columns as they come, and offsets are runs
    (:class:`~analysis.repairs.offsets.OffsetTable`): memory stays a small
    multiple of the text.
    """

    _NUMBERS = ("paragraph_id", "section", "n_chars", "n_sentences", "raw_start", "raw_end", "sentence_id", "position",
                "start", "end")

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.titles = {0: _LEAD_TITLE, **{i + 1: h for i, h in enumerate(layout.headings)}}
        self.paragraphs = {c: array("l") if c in self._NUMBERS else [] for c in _PARAGRAPH_COLUMNS}
        self.sentences = {c: array("l") if c in self._NUMBERS else [] for c in ("text", "start", "end", "raw_start",
                                                                               "raw_end")}
        self.repairs = {c: array("l") if c in ("raw_start", "raw_end", "paragraph_id") else [] for c in _REPAIR_COLUMNS}
        self.renumber = array("l", [-1]) * (len(layout.groups) + 1)  # paragraph number while parsing → id (−1: none)
        self.offsets = OffsetTable()
        self._add_rows(layout.repairs)
        layout.repairs = []

    def _add_rows(self, rows) -> None:
        if not rows:
            return
        r = self.repairs
        kinds, starts, ends, befores, afters, numbers, notes = zip(*rows)  # the rows' columns (Repair's fields)
        r["kind"].extend(kinds)
        r["raw_start"].extend(starts)
        r["raw_end"].extend(ends)
        r["before"].extend(befores)
        r["after"].extend(afters)
        r["paragraph_id"].extend([-1 if number is None else number for number in numbers] if None in numbers else numbers)
        r["note"].extend(notes)

    def add(self, para, section: int) -> None:
        self._add_rows(para.repairs)
        text = para.text
        if not text:  # set aside entirely (a dateline or an orphan attribution alone)
            return
        p, s = self.paragraphs, self.sentences
        pid = len(p["paragraph_id"]) + 1
        self.renumber[para.number] = pid
        self.offsets.add(pid, para.offsets)
        headings = self.layout.headings
        title = self.titles[section]
        part = "lead" if section == 0 and headings else "body"
        spans = repair_steps.sentence_spans(text)
        if spans:  # the sentences' own columns; the paragraph's (id, section, part …) are repeated in sentence_frame
            starts, ends = zip(*spans)
            raw_starts, raw_ends = zip(*para.offsets.raw_spans(spans))
            s["text"].extend([text[start:end] for start, end in spans])
            s["start"].extend(starts)
            s["end"].extend(ends)
            s["raw_start"].extend(raw_starts)
            s["raw_end"].extend(raw_ends)
        raw_start, raw_end = para.offsets.raw_span(0, len(text))
        p["paragraph_id"].append(pid)
        p["section"].append(section)
        p["section_title"].append(title)
        p["part"].append(part)
        p["heading"].append(headings[section - 1] if section else "")
        p["text"].append(text)
        p["n_chars"].append(len(text))
        p["n_sentences"].append(len(spans))
        p["raw_start"].append(raw_start)
        p["raw_end"].append(raw_end)

    def _mark_closing(self) -> None:
        """The last paragraph is the closing part when the last section has two or more paragraphs (its sentences
        take the paragraph's part in :meth:`_sentence_frame`)."""
        p = self.paragraphs
        if not self.layout.headings or not p["section"] or p["section"][-1] == 0:
            return
        last = p["section"][-1]
        size = p["section"].count(last)
        if size < 2:
            return
        p["part"][-1] = "closing"

    def _sentence_frame(self) -> pd.DataFrame:
        """The sentences: their own columns, and their paragraph's id, section, title and part repeated (call it
        before the paragraphs' columns are taken by :meth:`_frame`)."""
        s, p = self.sentences, self.paragraphs
        if not s["text"]:
            return pd.DataFrame([], columns=_SENTENCE_COLUMNS)
        counts = np.frombuffer(p["n_sentences"], dtype=np.int64)
        n = int(counts.sum())
        firsts = np.repeat(np.cumsum(counts) - counts, counts)  # each sentence's paragraph's first sentence
        starts = np.frombuffer(s.pop("start"), dtype=np.int64).copy()
        ends = np.frombuffer(s.pop("end"), dtype=np.int64).copy()
        numbers = counts.tolist()
        data = {
            "sentence_id": np.arange(1, n + 1, dtype=np.int64),
            "paragraph_id": np.repeat(np.frombuffer(p["paragraph_id"], dtype=np.int64), counts),
            "section": np.repeat(np.frombuffer(p["section"], dtype=np.int64), counts),
            "section_title": list(chain.from_iterable(map(repeat, p["section_title"], numbers))),
            "part": list(chain.from_iterable(map(repeat, p["part"], numbers))),
            "position": np.arange(n, dtype=np.int64) - firsts + 1,
            "text": s.pop("text"),
            "start": starts,
            "end": ends,
            "raw_start": np.frombuffer(s.pop("raw_start"), dtype=np.int64).copy(),
            "raw_end": np.frombuffer(s.pop("raw_end"), dtype=np.int64).copy(),
            "n_chars": ends - starts,
        }
        return pd.DataFrame(data, columns=_SENTENCE_COLUMNS)

    @staticmethod
    def _frame(columns: dict, names: list[str]) -> pd.DataFrame:
        """A DataFrame of the columns, emptied one by one as they are copied (numbers as int64)."""
        if not len(columns[names[0]]):
            return pd.DataFrame([], columns=names)
        data = {}
        for name in names:
            values = columns.pop(name)
            data[name] = np.frombuffer(values, dtype=np.int64).copy() if isinstance(values, array) else values
        return pd.DataFrame(data, columns=names)

    def _repairs_frame(self) -> pd.DataFrame:
        r = self.repairs
        n = len(r["kind"])
        if not n:
            frame = pd.DataFrame([], columns=_REPAIR_COLUMNS)
            frame.insert(0, "repair_id", range(1, 1))
            frame["paragraph_id"] = frame["paragraph_id"].astype("Int64")
            return frame
        starts = np.frombuffer(r.pop("raw_start"), dtype=np.int64)
        ends = np.frombuffer(r.pop("raw_end"), dtype=np.int64)
        order = np.lexsort((ends, starts))  # by raw_start, raw_end; stable: rows at one place keep their order
        # paragraph numbers while parsing → paragraph ids (<NA> for a paragraph set aside entirely, or none)
        numbers = np.frombuffer(r.pop("paragraph_id"), dtype=np.int64)[order]
        ids = np.frombuffer(self.renumber, dtype=np.int64)[np.where(numbers >= 0, numbers, 0)]
        ids[numbers < 0] = -1
        data = {"repair_id": np.arange(1, n + 1)}
        for name in _REPAIR_COLUMNS:
            if name == "raw_start":
                data[name] = starts[order]
            elif name == "raw_end":
                data[name] = ends[order]
            elif name == "paragraph_id":
                data[name] = pd.arrays.IntegerArray(np.where(ids >= 0, ids, 0), ids < 0)
            else:
                values = np.empty(n, dtype=object)
                values[:] = r.pop(name)
                data[name] = values[order]
                del values
        return pd.DataFrame(data, columns=["repair_id", *_REPAIR_COLUMNS])

    def report(self, *, raw: str, encoding: str, source, source_kind: str) -> Report:
        self._mark_closing()
        layout = self.layout
        repairs_df = self._repairs_frame()
        captions_df = pd.DataFrame(layout.captions, columns=["kind", "text", "photographer", "raw_text", "raw_start",
                                                             "raw_end", "after_paragraph"])
        captions_df.insert(0, "caption_id", range(1, len(captions_df) + 1))
        captions_df["after_paragraph"] = captions_df["after_paragraph"].astype("Int64")
        sentences = self._sentence_frame()
        paragraphs = self._frame(self.paragraphs, _PARAGRAPH_COLUMNS)
        return Report(
            raw=raw,
            encoding=encoding,
            source=Path(source) if source is not None else None,
            headline=layout.headline,
            authors=layout.authors,
            headings=layout.headings,
            captions=captions_df,
            paragraphs=paragraphs,
            sentences=sentences,
            repairs=repairs_df,
            source_kind=source_kind,
            dateline=layout.dateline,
            parts=pd.DataFrame(sorted(layout.parts, key=lambda p: p["raw_start"]),
                               columns=["part", "text", "raw_start", "raw_end"]),
            _offsets=self.offsets,
            _spans=layout.spans,
        )


def caption_parts(line: str) -> tuple[str, str, str] | None:
    """Split a caption line into its text, photographer(s) and agency, or ``None``.

    Args:
        line: One line of text.

    Returns:
        ``(text, photographer, agency)`` — several photographers joined by
        ``、``; a two-character name padded with a space (``张 龙``) is
        closed up — or ``None`` if the line does not end with a credit.

    >>> caption_parts("市长检查防控工作。 石历增 摄")
    ('市长检查防控工作。', '石历增', '')
    >>> caption_parts("志愿者为群众鼓劲。孟德龙摄（人民视觉）")
    ('志愿者为群众鼓劲。', '孟德龙', '')
    >>> caption_parts("新华社记者 张 龙摄")
    ('', '张龙', '新华社记者')
    >>> caption_parts("他说的话很多。") is None
    True

    Of several photographers, at least half open with a common surname:

    >>> caption_parts("群众观看演出。 王伟、李明 摄")[1], caption_parts("形式多样，有访谈、漫议、图片摄")
    ('王伟、李明', None)
    """
    if "摄" not in line[-20:]:
        return None
    match = resources.RE_CREDIT.search(line, max(0, len(line) - 60))
    if match is None:
        return None
    names = [re.sub(r"[ \u3000]", "", n) for n in re.split(r"[、 \u3000]{1,2}(?=[^ \u3000]{2})", match.group("photographer"))]
    if len(names) > 1 and 2 * sum(n[0] in SURNAMES for n in names) < len(names):
        return None  # …以评述、访谈、漫议、图片摄 / 影等形式: a list of words cut before 摄影, not photographers
    text = line[: match.start()].strip(resources.WHITESPACE).rstrip("（(").strip(resources.WHITESPACE)
    if text and match.group("open") and text.endswith(("（", "(")):
        text = text[:-1]
    if not text and not match.group("agency") and not match.group("source") \
            and not (match.group("open") and match.start() == 0 and line.rstrip()[-1:] in "）)"):
        return None  # a bare "张三 摄" line without context is left to the sidebar rule; （赵亚光摄） is a credit
    return text, "、".join(names), match.group("agency")


def _sidebar_photographer(parts: list[str]) -> str | None:
    """A credit inside a scrambled sidebar: a lone ``摄`` plus a 3-character name."""
    if not any(p.strip() == "摄" or p.endswith(" 摄") for p in parts):
        return None
    candidates = [tok for p in parts for tok in p.split() if re.fullmatch(f"[{resources.HAN}]{{2,3}}", tok)]
    names = [tok for tok in candidates if _looks_like_name(tok)]
    return names[0] if len(names) == 1 else None


def _looks_like_name(token: str) -> bool:
    return token[0] in SURNAMES and token not in _dictionary_words()


_PART_NOTES = {
    "dateline": "dateline (agency, place, date, reporters)",
    "editor": "editor line (责任编辑 …)",
    "end_mark": "end-of-article mark",
    "page_header": "page furniture (running head, folio, page or section name)",
    "jump": "jump line (下转第二版, 上接第一版)",
    "source_line": "source line of a web page or export (来源：, 作者：, 发布时间：)",
    "original_title": "original title of a web page or export (原标题：)",
    "web_tools": "web page tools (【字号 大 中 小】, 打印, 分享到, 关闭窗口)",
    "label": "bracketed label of a web page or export (【专题】)",
}


def _dateline_record(found: dict, raw_start: int, raw_end: int) -> dict:
    record = {key: value for key, value in found.items() if key != "end"}
    record.update(raw_start=raw_start, raw_end=raw_end)
    return record


def _normalise_simple(text: str) -> str:
    """Full-width punctuation in caption text (not logged: captions keep ``raw_text``)."""
    return repair_steps.normalise_punctuation(repair_steps.paragraph(text)).text
