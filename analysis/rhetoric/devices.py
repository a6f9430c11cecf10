"""Parallelism, repetition and quoted material: rule-based detectors.

Chinese political reporting builds its argument from *parallel* clauses
(排比): a frame repeated with new content (``把……起来`` three times), a
run of quoted coinages (“尖刀班”“突击队”“先锋队”“战斗队”), and quoted
material of several kinds (a slogan, a number formula such as 四不两直, a
coined unit name, reported speech, a title in 《》).  The rules here use
only characters and punctuation, so they work on any report of the genre,
not only on the Wuhai text.

Clause frames (:func:`parallelisms`)
    A paragraph is cut into clauses at ``，；：、`` and sentence ends.  A
    *frame* ``A…B`` holds in a run of consecutive clauses when every clause
    contains the marker ``A`` (1–4 Han characters) starting within its
    first three characters, and ``B`` (1–3 characters, optional) somewhere
    after it.  A run counts when it has ``min_repeats`` (default 3) clauses
    and either a two-character marker, a ``B``, or clauses of equal length
    (``包片、包户、包人``); two clauses are enough when both ``A`` and
    ``B`` are present and together have four or more characters
    (``每个…都成为…``).  When the marker opens every clause and there is no
    ``B``, the run is called ``anaphora``; otherwise ``frame``.

Quotations (:func:`quotations`)
    Quotation marks are matched with a stack, so the inner ‘…’ of
    “……把‘外防输入、内防扩散’落到实处。” is its own row (``depth`` 1, with
    ``parent`` pointing to the outer quotation).  Cue words (speech verbs,
    slogan carriers such as 横幅, unit-name endings such as 队 班 岗) are
    read from ``data/lexicons/quotation_cues.csv``.
"""

from __future__ import annotations

import bisect
import functools
import logging
import os
import re
from collections import Counter
from pathlib import Path
from typing import Literal

import pandas as pd

from .. import paths, resources
from ..errors import ReportError
from ._common import check_report

LOGGER = logging.getLogger(__name__)

__all__ = [
    "PARALLELISM_COLUMNS",
    "QUOTATION_COLUMNS",
    "QUOTATION_KINDS",
    "load_quotation_cues",
    "parallelisms",
    "quotations",
    "titles",
]

QUOTATION_CUES = paths.LEXICONS_DIR / "quotation_cues.csv"

#: Columns of :func:`parallelisms`.
PARALLELISM_COLUMNS = [
    "kind", "pattern", "n", "items", "paragraph_id", "sentence_id", "section",
    "start", "end", "raw_start", "raw_end", "text",
]
#: Columns of :func:`quotations`.
QUOTATION_COLUMNS = [
    "quote_id", "text", "kind", "marks", "depth", "parent", "paragraph_id",
    "sentence_id", "section", "start", "end", "raw_start", "raw_end",
]
#: The kinds :func:`quotations` assigns, in the order the rules try them.
QUOTATION_KINDS = (
    "title", "oath", "reported_speech", "slogan", "number_formula", "coined_name", "marked_term", "other",
)

#: Quotation marks nested deeper than this are plain characters (real text nests two or three deep).
MAX_QUOTE_DEPTH = 6

_OPEN_TO_CLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_CLOSE_TO_OPEN = {v: k for k, v in _OPEN_TO_CLOSE.items()}
_TITLE_MARKS = {"《", "〈"}
_CLAUSE_BREAK = re.compile(r"[，,；;：:、。！？!?…]+")
_SEGMENT_BREAK = re.compile(r"[，,、；;]")
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万两双]")
_HAN_ONLY = re.compile(f"^[{resources.HAN}]+$")
_SENTENCE_END = re.compile(f"[{resources.SENTENCE_END}]")
_QUOTED_ITEM = r"[“「『][^“”「」『』，。！？]{1,15}[”」』]"
_QUOTED_RUN = re.compile(rf"(?:{_QUOTED_ITEM}、?)+")
_NEXT_QUOTED = re.compile(r"(?:[、，和及与]|、?以及)?[“「『][^“”「」『』]{1,15}[”」』]")  # 、“乙”和“丙” (round 13)


@functools.lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    from .idioms import load_idioms

    return load_idioms()


# -- shared helpers --------------------------------------------------------------


def titles(report) -> pd.DataFrame:
    """The headline and the section headings as rows that detectors can scan.

    They are kept apart from ``report.paragraphs`` by the loader; detectors
    that count devices in titles mark these rows with ``part`` ``headline``
    or ``heading`` and ``paragraph_id`` 0, so they never mix with body
    paragraphs in per-section densities.

    Args:
        report: A :class:`~analysis.loading.Report`.

    Returns:
        DataFrame with columns ``part`` (headline|heading), ``section`` (0 for
        the headline, *i* for the heading of section *i*), ``section_title,
        text, raw_start, raw_end`` (``-1`` when the title cannot be found
        verbatim in the raw text).

    >>> from analysis import load_report
    >>> titles(load_report())[["part", "section"]].values.tolist()
    [['headline', 0], ['heading', 1], ['heading', 2], ['heading', 3]]
    """
    check_report(report)
    rows = []
    cursor = 0
    items = [("headline", 0, report.headline)] + [("heading", i + 1, h) for i, h in enumerate(report.headings)]
    for part, section, text in items:
        if not text:
            continue
        raw_start = report.raw.find(text, cursor)
        if raw_start < 0:
            raw_end = -1
        else:
            raw_end = raw_start + len(text)
            cursor = raw_end
        rows.append((part, section, report.section_titles.get(section, ""), text, raw_start, raw_end))
    return pd.DataFrame(rows, columns=["part", "section", "section_title", "text", "raw_start", "raw_end"])




def _sentence_lookup(report):
    """Function (paragraph_id, offset) → sentence_id (bisection: linear overall)."""
    spans: dict[int, tuple[list[int], list[int]]] = {}
    for row in sorted(report.sentences.itertuples(index=False), key=lambda r: (r.paragraph_id, r.start)):
        starts, ids = spans.setdefault(row.paragraph_id, ([], []))
        starts.append(row.start)
        ids.append(row.sentence_id)

    def lookup(paragraph_id: int, offset: int) -> int:
        starts, ids = spans.get(paragraph_id, ([], []))
        index = bisect.bisect_right(starts, offset) - 1
        return ids[index] if index >= 0 else 0

    return lookup


@functools.lru_cache(maxsize=4)
def _read_cues(path: str, mtime: float) -> dict[str, tuple[str, ...]]:
    frame = pd.read_csv(path, dtype=str, comment="#").fillna("")
    missing = {"cue", "role"} - set(frame.columns)
    if missing:
        raise ReportError(f"{path} lacks columns {sorted(missing)}: it needs cue,role,note")
    cues: dict[str, list[str]] = {}
    for cue, role in zip(frame["cue"].str.strip(), frame["role"].str.strip()):
        if cue:
            cues.setdefault(role, []).append(cue)
    # Longest first so that a regex alternation prefers 表示 over 表.
    return {role: tuple(sorted(words, key=len, reverse=True)) for role, words in cues.items()}


def load_quotation_cues(path: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """Read the cue words used to classify quotations.

    Args:
        path: A CSV with columns ``cue, role, note``; default
            ``data/lexicons/quotation_cues.csv``.  Roles: ``speech_verb``,
            ``slogan_carrier``, ``unit_suffix``, ``name_carrier`` (also found
            anywhere in the few characters after a short quotation),
            ``name_carrier_direct`` (only right after it: “…”战略), ….

    Returns:
        Role → tuple of cues (longest first).

    Raises:
        ReportError: The file is missing or lacks the columns.

    >>> "说" in load_quotation_cues()["speech_verb"]
    True
    """
    path = Path(path) if path is not None else QUOTATION_CUES
    if not path.is_file():
        raise ReportError(f"quotation cue file {path} not found: pass an existing CSV with columns cue,role,note")
    return _read_cues(str(path), os.path.getmtime(path))


# -- quotations ----------------------------------------------------------------


def _quote_spans(text: str):
    """Yield (start, end, open_mark, depth, parent_index) for balanced quotes.

    Linear in the text: the nearest open mark of each kind is kept in its own
    stack, so a closing mark finds its opener without scanning; marks nested
    deeper than :data:`MAX_QUOTE_DEPTH` are read as plain characters, so every
    character lies inside at most that many quotations.
    """
    stack: list[tuple[str, int, int]] = []  # (open mark, start, index in out)
    by_mark: dict[str, list[int]] = {}  # open mark → positions in ``stack``
    out: list[list] = []
    for i, char in enumerate(text):
        if char in _OPEN_TO_CLOSE:
            if len(stack) >= MAX_QUOTE_DEPTH:
                continue  # deeper than any real text nests: a plain character (keeps the output linear)
            parent = stack[-1][2] if stack else None
            out.append([i, None, char, len(stack), parent])
            by_mark.setdefault(char, []).append(len(stack))
            stack.append((char, i, len(out) - 1))
        elif char in _CLOSE_TO_OPEN:
            positions = by_mark.get(_CLOSE_TO_OPEN[char])
            if not positions:
                LOGGER.debug("unmatched closing mark %r at %d", char, i)
                continue
            depth = positions[-1]
            out[stack[depth][2]][1] = i + 1
            # Close the nearest matching opener and everything opened inside it.
            while len(stack) > depth:
                mark, _, _ = stack.pop()
                by_mark[mark].pop()
    for item in out:
        if item[1] is None:
            LOGGER.info("unclosed quotation mark %r at offset %d: skipped", item[2], item[0])
    return out


_DIGITS_ONLY = re.compile(r"[0-9０-９]{2,6}")
#: A quotation closed right before this one and joined by 和/、 (命名为“…”和“…”).
_QUOTED_NAME_PAIR = re.compile(r"[”」』](?:和|、|及)$")
#: A numeral and a measure word of a numbered set (五项原则, 三个代表, 八条规定), not after 第 (第三个).
_COUNTED_SET = re.compile(r"(?<!第)[两三四五六七八九十][项个条大点](?:原则|规定|代表|意识|自信|必须|要求|措施|纪律|禁令|战略)")
_SPEAKER_USES = re.compile(r"[他她]们?还?用$")
#: A segment that opens with a numeral and 个 (一个中心, 三个着眼于, 两个务必): an item of a numbered formula.
_COUNTED_SEGMENT = re.compile(r"[一二三四五六七八九十两]+个[\u4e00-\u9fff]")
_TRAILING_NOTE = re.compile(r"[（(][^（()）]{1,4}[）)]$")


def _numeral_formula(content: str, idioms: frozenset[str]) -> bool:
    """A number formula: short, opening with a numeral (四个意识, 十三五, 3+1, 两委) or holding two
    Chinese numerals (四不两直, 一带一路); not an idiom, and not a word with a lone 一 (一把手, 一站式).

    >>> [_numeral_formula(w, frozenset()) for w in ("四个意识", "一带一路", "一把手", "最后一公里", "从0到1")]
    [True, True, False, False, False]
    """
    if len(content) > 10 or content in idioms:
        return False
    if _COUNTED_SET.search(content):
        return True  # 和平共处五项原则, 八项规定: a numbered set inside the name
    if len(content) > 8:
        return False
    numerals = _NUMERAL.findall(content)
    chinese = [n for n in numerals if not n.isdigit() and n not in "０１２３４５６７８９"]
    if _NUMERAL.match(content):
        if content[0] in "百千万亿":  # 万隆会议, 百团下基层: a multiplier alone does not open a formula
            return len(chinese) >= 2
        return not (content[0] == "一" and len(numerals) == 1)
    return len(chinese) >= 2


def _carrier_words(cues) -> tuple[str, ...]:
    """Words right after a quotation (or a run of them) that say it names something: 活动, 工程, 主题 …"""
    return tuple(w for w in (*cues.get("name_carrier", ()), *cues.get("name_carrier_direct", ())) if w) or ("\uffff",)


def _apposition_words(cues) -> tuple[str, ...]:
    """Nouns of a kind of thing right before its quoted name (无人探测器“…”, 动物化石“…”): ``apposition`` cues."""
    return tuple(w for w in cues.get("apposition", ()) if w) or ("\uffff",)


def _after_run(paragraph: str, end: int) -> str:
    """Text after a quotation, skipping a run of further quoted items (“数字治堵”、“数字治城”…) and a 的 before an
    honour (“…”的殊荣 reads like “…”称号).

    >>> _after_run("获得“写字基地”的殊荣。", 8), _after_run("“甲”、“乙”活动", 3), _after_run("“甲”、“乙”和“丙”等专栏", 3)
    ('殊荣。', '活动', '专栏')
    """
    position = end
    for _ in range(12):  # bounded: at most a dozen items in a run
        match = _NEXT_QUOTED.match(paragraph, position)
        if not match:
            break
        position = match.end()
    if paragraph.startswith("的", position) and paragraph.startswith(_HONOURS, position + 1):
        position += 1
    elif paragraph.startswith("等", position) and position > end:  # “甲”、“乙”等专栏: the list's carrier (round 13)
        position += 1
    return paragraph[position:position + 8]


#: Honours that a quoted name carries after a 的 (获得“…”的殊荣, 授予“…”的光荣称号).
_HONOURS = ("殊荣", "称号", "光荣称号", "荣誉称号")


def _classify_quote(paragraph: str, start: int, end: int, mark: str, parent_end: int | None, cues,
                    idioms: frozenset[str] = frozenset()) -> str:
    content = paragraph[start + 1 : end - 1]
    if mark in _TITLE_MARKS:
        return "title"
    limit = parent_end - 1 if parent_end is not None else len(paragraph)
    # Bounded windows: what follows (at most 80 characters, inside the enclosing quotation).
    after = paragraph[end:min(limit, end + 80)]
    # The attribution may follow in the next sentence (“……！”这是……说得最多的一句话).
    ends = [m.end() for m in _SENTENCE_END.finditer(after)]
    after = after[: ends[1]] if len(ends) > 1 else after
    after = after[:40]
    before = paragraph[max(0, start - 6) : start]
    near = paragraph[max(0, start - 8) : start] + paragraph[end : end + 8]
    speech = cues.get("speech_verb", ())
    first_person = cues.get("first_person", ())
    if any(c in near for c in cues.get("oath_carrier", ())) or any(p in content for p in cues.get("oath_phrase", ())):
        return "oath"
    segments = [s for s in _SEGMENT_BREAK.split(content) if s]
    bare = _TRAILING_NOTE.sub("", content)  # 模范城（县） → 模范城
    if before.endswith(cues.get("slogan_before", ())) and not _SENTENCE_END.search(content):
        return "slogan"  # 主题为“…”: a theme line
    clause_before = _CLAUSE_BREAK.split(paragraph[max(0, start - 16):start])[-1]
    if len(segments) == 1 and len(bare) <= 20 and (
            any(c in clause_before for c in cues.get("name_before", ())) or _QUOTED_NAME_PAIR.search(clause_before)
            and any(c in paragraph[max(0, start - 40):start] for c in cues.get("name_before", ()))
            or clause_before.endswith(_apposition_words(cues))) \
            and not _numeral_formula(content, idioms):  # 被评为“五好职工” stays a number formula
        # 被命名为(全国和省级)“…”, 命名为“…”和“…”, 他发明的“…”: a name given; 无人探测器“…”: a name in apposition
        return "coined_name"
    if before.endswith(cues.get("speech_before", ())) and len(content) >= 6:
        return "reported_speech"  # 被…誉为“…”: the words of whoever praises
    if before.endswith(cues.get("speech_object", ())) and not _SENTENCE_END.search(content) \
            and not _numeral_formula(content, idioms):
        return "reported_speech"  # 表示“深切忏悔”: what the speaker expressed, in his words, however short
    if not _SENTENCE_END.search(content) and (len(bare) <= 20 or before.endswith(cues.get("title_before", ()))) and (
            before.endswith(cues.get("title_before", ())) or bare.endswith(cues.get("document_suffix", ()))):
        return "title"  # 作了题为“…”的报告, “…管理办法”: a title in quotation marks
    body = cues.get("body_suffix", ())
    if len(segments) == 1 and len(bare) <= 20 and any(bare.endswith(b) and len(bare) > len(b) for b in body):
        return "coined_name"  # “两国集团”, “七国集团”: a numbered group of states is the name of a body, not a formula
    if _listed_name(content, bare, cues, idioms):
        return "coined_name"  # “党务、爱国主义教育、精神文明建设系列”: the name's modifiers listed with 、
    if len(segments) == 1 and len(bare) <= 20 and (bare.endswith(cues.get("name_suffix", ()))
                                                   and not _numeral_formula(content, idioms) or (
            not _SENTENCE_END.search(content) and _after_run(paragraph, end).startswith(_carrier_words(cues))
            and not _numeral_formula(content, idioms))):  # “三下乡”活动 stays a number formula
        return "coined_name"  # “…研讨会”, “…传播活动”, “文明工程”: the name of a meeting, body or programme
    if len(segments) >= 2 and all(_COUNTED_SEGMENT.match(segment) for segment in segments):
        return "number_formula"  # “一个中心、三个着眼于”: every segment a numbered item
    # 他还用“…”: the speaker uses these words (a slogan quoted after 强调， stays a slogan)
    if len(content) >= 6 and _SPEAKER_USES.search(paragraph, max(0, start - 4), start):
        return "reported_speech"
    # A chant or couplet: two or more short segments of equal length (武汉是我家，守护靠大家！).
    chant = [s for s in re.split(r"[，,、；;！!。？?]", content) if s]
    if len(chant) >= 2 and len({len(s) for s in chant}) == 1 and 3 <= len(chant[0]) <= 7 \
            and not any(p in content for p in ("我们", "咱们")):
        return "slogan"
    if before.endswith(("：", ":")) and any(v in before for v in speech):
        return "reported_speech"
    has_sentence_mark = bool(_SENTENCE_END.search(content))
    speaker = len(content) >= 6 and any(p in content for p in first_person)  # not the 我 of 固我长城
    if has_sentence_mark or speaker:
        if any(v in after for v in speech) or speaker or len(content) >= 8:
            return "reported_speech"
    carriers = cues.get("slogan_carrier", ())
    if len(segments) >= 2 and not has_sentence_mark:
        lengths = {len(s) for s in segments}
        if len(lengths) == 1 or all(len(s) == 4 for s in segments) or any(c in near for c in carriers):
            return "slogan"
        if sum(len(s) == 4 for s in segments) >= len(segments) / 2:
            return "slogan"
    if any(v in after[:12] for v in speech) and len(content) >= 6:
        return "reported_speech"
    if _DIGITS_ONLY.fullmatch(content):
        return "coined_name"  # “110”, “12345”: a number that names a service or a system, not a formula
    if len(segments) == 1 and _numeral_formula(content, idioms):
        return "number_formula"
    if len(segments) == 1 and len(content) <= 10 and (
            any(content.endswith(u) and len(content) >= len(u) + 2 for u in cues.get("unit_suffix", ()))
            or any(c in _after_run(paragraph, end) for c in cues.get("name_carrier", ()))):
        return "coined_name"
    if any(c in near for c in carriers) and len(content) >= 4:
        return "slogan"
    plain = _INNER_MARKS.sub("", content)  # “《周易》算命热”: the marks of a title inside are no words of a motto
    if len(segments) == 1 and len(plain) >= 7 and not has_sentence_mark and "的" in content:
        return "reported_speech"  # “良好和紧密的联系”: a descriptive phrase quoted from a speaker, not a motto
    if len(segments) == 1 and len(plain) >= 7 and not has_sentence_mark:
        return "slogan"  # a motto or maxim (绿水青山就是金山银山)
    if len(segments) == 1 and len(content) <= 10 and _in_four_character_run(paragraph, start, end):
        return "slogan"  # “有人管事”、“有钱办事”、“有章理事”: a run of three mottos
    if len(segments) == 1 and len(content) <= 10 and _speaker_earlier(paragraph, start, cues) \
            and paragraph[end:end + 1] in ("，", ",", "。", "；", ";", "下", ""):
        return "reported_speech"  # …指责…的组成“不平衡”: a speaker's words earlier in the sentence
    if len(segments) == 1 and paragraph.startswith("的", end) \
            and paragraph.startswith(cues.get("motto_carrier", ("\uffff",)), end + 1):
        return "slogan"  # 根据中央“稳中求进”的精神, “以土地换和平”的原则: a motto that a principle carries
    if len(segments) == 1 and len(content) <= 10:
        return "marked_term"
    if len(segments) >= 2 and len(content) >= 8:
        # Clauses that are neither a slogan's (equal or four-character segments) nor a list of names: somebody's
        # words (江总书记指出“…”，“…”; 农民称之为“流动的戏台、图书馆、卫生院”) — the genre quotes people, not prose.
        return "reported_speech"
    return "other"


#: Quotation and title marks inside a quotation (not counted in a motto's length).
_INNER_MARKS = re.compile(r"[“”‘’「」『』《》〈〉]")
#: Longest name whose modifiers are listed with 、 (“中南海大事记和相关伟人、名人轶事、手迹以及经典故事系列”: 27).
_MAX_LISTED_NAME = 30


def _listed_name(content: str, bare: str, cues, idioms: frozenset[str]) -> bool:
    """A name whose modifiers are listed with 、 before its ending (“党务、爱国主义教育、精神文明建设系列”): only 、
    between the segments, every segment of two characters or more, a ``name_suffix`` ending, no number formula.

    >>> cues = {"name_suffix": ("系列", "活动")}
    >>> [_listed_name(c, c, cues, frozenset()) for c in ("党务、爱国主义教育、精神文明建设系列", "外防输入、内防扩散", "甲，乙系列")]
    [True, False, False]
    """
    if "、" not in content or _SEGMENT_BREAK.sub("", content) != content.replace("、", "") \
            or len(bare) > _MAX_LISTED_NAME or _SENTENCE_END.search(content):
        return False
    parts = content.split("、")
    return all(len(part) >= 2 for part in parts) and bare.endswith(cues.get("name_suffix", ("\uffff",))) \
        and not _numeral_formula(parts[-1], idioms)


#: Four-character quotations in a run joined by 、 (“有人管事”、“有钱办事”、“有章理事”).
_FOUR_RUN = re.compile(r"(?:“[^“”]{4}”、){2,}“[^“”]{4}”")


def _in_four_character_run(paragraph: str, start: int, end: int) -> bool:
    """The quotation is one of three or more four-character quotations joined by 、 (bounded window)."""
    low = max(0, start - 14)
    return any(m.start() <= start and end <= m.end() for m in _FOUR_RUN.finditer(paragraph, low, min(len(paragraph), end + 14)))


def _speaker_earlier(paragraph: str, start: int, cues) -> bool:
    """A speaker's verb (``speech_before_clause``) earlier in the same sentence, within 30 characters."""
    verbs = cues.get("speech_before_clause", ())
    if not verbs:
        return False
    window = paragraph[max(0, start - 30):start]
    window = _SENTENCE_END.split(window)[-1]
    return "“" not in window and any(v in window for v in verbs)


def quotations(report, *, cues: dict[str, tuple[str, ...]] | None = None,
               method: Literal["model", "rules"] = "model") -> pd.DataFrame:
    """Everything between quotation marks or title marks, classified.

    Kinds, tried in this order:

    ``title``
        Inside 《…》 or 〈…〉.
    ``oath``
        Next to an oath word (誓词, 宣誓, 请战书) or holding a phrase of the
        Party oath (随时准备为党和人民牺牲一切, 永不叛党).
    ``title`` (in quotation marks)
        After 题为 (``title_before`` cues) or ending like a rule's name
        (``document_suffix``: …办法, …条例).
    ``coined_name`` (a name given)
        One segment of at most 20 characters after a cue that gives a name
        (``name_before``: 命名为, 评为, 授予, 他发明的, 我国研制的) or right
        after a noun of a kind of thing (``apposition``: 无人探测器“…”,
        动物化石“…”), unless it is a number formula.
    ``coined_name`` (a long name)
        One segment of at most 20 characters ending like the name of a
        meeting, body or programme (``name_suffix``: …研讨会, …委员会, …活动),
        or like a body even after a numeral (``body_suffix``: “两国集团”).
    ``coined_name`` (a name listed)
        At most 30 characters, segments joined by 、 only, ending like a
        name (“党务、爱国主义教育、精神文明建设系列”: a series and its topics).
    ``reported_speech`` (words a speaker uses)
        Six or more characters right after 他用/他还用 (他还用“…”), and a
        slogan or term that directly follows a reported-speech quotation
        (“…”“…”: the run continues the speaker's words).
    ``slogan`` (chant)
        Two or more short segments of equal length, also with ！ (武汉是我家，
        守护靠大家！ — 武汉加油！湖北加油！).
    ``reported_speech``
        A colon and a speech verb just before it (``说：“…”``); or a
        quotation containing sentence punctuation or a first-person pronoun
        with a speech verb after it (in the same or the next sentence, and
        inside the enclosing quotation for a nested one), or eight or more
        characters long.
    ``slogan``
        Two or more segments separated by ``、，；`` of equal length or
        mostly four characters (外防输入、内防扩散), or next to a slogan
        carrier word (横幅, 标语, 口号 …).
    ``number_formula``
        One segment of at most eight characters opening with a numeral or
        holding two Chinese numerals (四不两直, 双报到, 两委, 一带一路), not an
        idiom and not a word with a lone 一 (一把手, 最后一公里 are terms).
    ``coined_name``
        Digits only (“110”, “12345”: the number of a service or system), or
        one segment of at most ten characters ending like a unit name
        (…队, …班, …岗, …组, …专区 — see the cue file; two characters or more
        before the ending: “尖刀班”, not the word “科班”), or followed by a name
        carrier (“村村响”广播, “广东疾控”等平台).
    ``slogan`` (motto)
        One segment of seven or more characters without sentence
        punctuation (绿水青山就是金山银山; the marks of a title inside are not
        counted: “《周易》算命热” is a term); with a 的 it is a descriptive
        phrase quoted from a speaker (“良好的合作关系”): ``reported_speech``.
    ``slogan`` (a principle's motto)
        One segment right before 的 and a ``motto_carrier`` (中央“稳中求进”的精神,
        “以土地换和平”的原则).
    ``marked_term``
        Any other short term set off by quotation marks (逆行者, 绿色通道).
    ``reported_speech`` (clauses)
        Two or more segments, eight characters or more, that no rule above
        took: somebody's words (江总书记指出“…”，“…”).
    ``other``
        Anything else.

    Then, one sense per discourse: a quotation called a ``marked_term`` whose
    words another quotation of the report names (``coined_name``) is a
    ``coined_name`` too (他发明的“高氏疗法”… 配合按摩的“高氏疗法”), and so is a
    one-phrase ``slogan`` (创建“…模范走廊”… 学习“…模范走廊”); and a
    quotation right after a reported-speech quotation, or after it and a
    comma, continues the speaker's words.

    Args:
        report: A :class:`~analysis.loading.Report` (body paragraphs are
            scanned; the loader has already turned straight quotes into
            curly ones).
        cues: Cue words by role, as returned by :func:`load_quotation_cues`
            (default: the project file).
        method: ``model`` (the default since round 12): the rules above
            keep titles, oaths, number formulas and reported speech, and a
            small learned model (:mod:`analysis.rhetoric.quotation_model`,
            ``data/models/quotation_kind.json``) re-decides names, terms,
            slogans and ``other`` from the frame around the marks; ``rules``:
            the rules alone.

    Returns:
        DataFrame with columns ``quote_id`` (1-based), ``text`` (without
        the marks), ``kind``, ``marks`` (the opening mark), ``depth`` (0 =
        outermost), ``parent`` (``quote_id`` of the enclosing quotation or
        ``<NA>``), ``paragraph_id, sentence_id, section``, ``start, end``
        (offsets of the span *including* the marks in the paragraph text),
        ``raw_start, raw_end``.

    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n□记者\\n\\n采取“四不两直”方式，落实“外防输入、内防扩散”。")
    >>> quotations(r)[["text", "kind"]].values.tolist()
    [['四不两直', 'number_formula'], ['外防输入、内防扩散', 'slogan']]
    """
    check_report(report)
    if method not in ("model", "rules"):
        raise ReportError(f"unknown quotation method {method!r}: use 'model' or 'rules'")
    cues = cues if cues is not None else load_quotation_cues()
    idioms = _idioms() | frozenset(cues.get("numeral_term", ()))  # 四人帮: a numeral inside a lexicalised word
    sentence_of = _sentence_lookup(report)
    rows = []
    texts: list[str] = []  # the paragraph of each row (the same string object, not a copy)
    for para in report.paragraphs.itertuples(index=False):
        spans = _quote_spans(para.text)
        ids: dict[int, int] = {}
        for index, (start, end, mark, depth, parent) in enumerate(spans):
            if end is None:
                continue
            parent_end = spans[parent][1] if parent is not None else None
            kind = _classify_quote(para.text, start, end, mark, parent_end, cues, idioms)
            previous = rows[-1] if rows and rows[-1][6] == para.paragraph_id else None
            if previous is not None and previous[2] == "reported_speech" and kind in ("slogan", "marked_term", "other") \
                    and previous[10] <= start and para.text[previous[10]:start] in ("", "，", ","):
                kind = "reported_speech"  # “…”“…”, “…”，“…”: a run of quotations continues the speaker's words
            texts.append(para.text)
            quote_id = len(rows) + 1
            ids[index] = quote_id
            raw_start, raw_end = report.raw_span(para.paragraph_id, start, end)
            rows.append((
                quote_id, para.text[start + 1 : end - 1], kind, mark, depth,
                ids.get(parent) if parent is not None else pd.NA,
                para.paragraph_id, sentence_of(para.paragraph_id, start), para.section,
                start, end, raw_start, raw_end,
            ))
    # One sense per discourse: words that a frame calls a name (他发明的“高氏疗法”) name the same thing when they are
    # quoted again in the report without a frame (配合穴位按摩的“高氏疗法”), not a term set off.
    names = {row[1] for row in rows if row[2] == "coined_name"}
    rows = [(*row[:2], "coined_name", *row[3:]) if row[1] in names and (
        row[2] == "marked_term" or row[2] == "slogan" and not _SEGMENT_BREAK.search(row[1])) else row for row in rows]
    # A name the report keeps using: short words quoted again and again (“肥力高” four times, each time its subject)
    # are the name of one thing (a product, a campaign), not a term set off once.
    # Words a principle carries (“能力支付”原则, three times) are its content, not a name.
    counts = Counter(row[1] for row in rows)
    principles = {row[1] for row, text in zip(rows, texts) if _carries_principle(text, row[10], cues)}
    rows = [(*row[:2], "coined_name", *row[3:]) if row[2] == "marked_term" and counts[row[1]] >= _NAME_REPEATS
            and len(row[1]) <= 6 and not _SEGMENT_BREAK.search(row[1]) and row[1] not in principles else row
            for row in rows]
    if method == "model" and rows:
        from . import quotation_model

        kinds = quotation_model.relabel([row[2] for row in rows], [row[1] for row in rows], texts,
                                        [row[9] for row in rows], [row[10] for row in rows], cues=cues)
        rows = [(*row[:2], kind, *row[3:]) for row, kind in zip(rows, kinds)]
    frame = pd.DataFrame(rows, columns=QUOTATION_COLUMNS)
    frame["parent"] = frame["parent"].astype("Int64")
    return frame


def _carries_principle(paragraph: str, end: int, cues) -> bool:
    """A principle or an idea right after the quotation (“…”原则, “…”的精神): ``motto_carrier`` cues.

    >>> _carries_principle("遵循“能力支付”原则。", 8, {"motto_carrier": ("原则",)})
    True
    """
    carriers = tuple(w for w in cues.get("motto_carrier", ()) if w)
    if not carriers:
        return False
    after = paragraph[end:end + 6]
    return after.startswith(carriers) or after.startswith("的") and after[1:].startswith(carriers)


#: How often the same short words must be quoted in one report to be read as a name (round 11, from the tenth
#: part's errors: a product quoted four times, each time called a term).
_NAME_REPEATS = 3


# -- parallelism -------------------------------------------------------------------


def _clauses(text: str) -> list[tuple[int, int, str]]:
    """Clauses of a paragraph as (start, end, text), quotation marks trimmed."""
    out = []
    position = 0
    for piece in _CLAUSE_BREAK.split(text):
        start = text.index(piece, position) if piece else position
        end = start + len(piece)
        position = end
        stripped = piece.strip("“”‘’「」『』（）() \u3000")
        if len(stripped) >= 2:
            offset = piece.index(stripped)
            out.append((start + offset, start + offset + len(stripped), stripped))
    return out


def _common_after(clauses: list[str], marker: str, *, max_len: int = 3) -> str:
    """Longest string (≤ max_len) found after ``marker`` in every clause."""
    tails = [c[c.find(marker) + len(marker):] for c in clauses]
    first = tails[0]
    for length in range(max_len, 0, -1):
        for i in range(len(first) - length + 1):
            candidate = first[i : i + length]
            if _HAN_ONLY.match(candidate) and all(candidate in t for t in tails[1:]):
                return candidate
    return ""


def _frame_candidates(clauses, *, min_repeats: int, max_offset: int = 2):
    """Runs of consecutive clauses sharing a marker near their start.

    One pass collects, for every marker (1–4 Han characters starting within
    ``max_offset`` of a clause start), the clauses where its *first*
    occurrence is that early; runs are then read off each marker's sorted
    clause list.  Linear in the number of clauses (at most 12 markers per clause).
    """
    where: dict[str, list[int]] = {}
    for i, (_s, _e, text) in enumerate(clauses):
        seen: set[str] = set()
        for p in range(max_offset + 1):
            for length in range(1, 5):
                chunk = text[p : p + length]
                if len(chunk) == length and chunk not in seen and _HAN_ONLY.match(chunk) and text.find(chunk) == p:
                    seen.add(chunk)
                    where.setdefault(chunk, []).append(i)
    found = []
    for marker, indices in where.items():
        if len(indices) < 2:
            continue
        run = [indices[0]]
        for i in indices[1:] + [-2]:
            if i == run[-1] + 1:
                run.append(i)
                continue
            if len(run) >= 2:
                found.append(_judge_run(clauses, run, marker, min_repeats))
            run = [i]
    return [f for f in found if f is not None]


def _judge_run(clauses, run: list[int], marker: str, min_repeats: int):
    texts = [clauses[i][2] for i in run]
    tail = _common_after(texts, marker)
    equal_lengths = len({len(t) for t in texts}) == 1
    n = len(run)
    ok = (n >= min_repeats and (len(marker) >= 2 or tail or equal_lengths)) or (
        n >= 2 and tail and len(marker) + len(tail) >= 4
    )
    if not ok:
        return None
    n_initial = sum(t.startswith(marker) for t in texts)
    kind = "anaphora" if n_initial == n and not tail else "frame"
    lead = "" if 2 * n_initial >= n else "…"
    if tail and all(t.endswith(tail) for t in texts):
        pattern = f"{lead}{marker}…{tail}"
    elif tail:
        pattern = f"{lead}{marker}…{tail}…"
    else:
        pattern = f"{lead}{marker}…"
    # More clauses first, then more fixed characters, then a longer
    # contiguous marker (就是… rather than 就…是…).
    score = (n, len(marker) + len(tail), len(marker))
    return {"kind": kind, "pattern": pattern, "run": run, "score": score}


def _select(candidates):
    """Best candidates first; drop those sharing a clause with a better one."""
    taken: set[int] = set()
    chosen = []
    for c in sorted(candidates, key=lambda c: (c["score"], -c["run"][0]), reverse=True):
        if taken.isdisjoint(c["run"]):
            chosen.append(c)
            taken.update(c["run"])
    return chosen


def parallelisms(report, *, min_repeats: int = 3, min_items: int = 3) -> pd.DataFrame:
    """Runs of quoted coinages, repeated clause frames and anaphora.

    Args:
        report: A :class:`~analysis.loading.Report`.
        min_repeats: Clauses a frame without a second part must repeat in
            (a two-part frame ``A…B`` needs two; see the module docstring).
        min_items: Quoted items in a row that make a ``quoted_run``.

    Returns:
        DataFrame, one row per device, in text order, with columns ``kind``
        (quoted_run|frame|anaphora), ``pattern`` (``把…起来``, ``就是…``,
        ``“…”`` or ``“党员…岗”`` with the items' shared beginning and end),
        ``n`` (repetitions), ``items`` (list of the varying clauses or
        quoted items), ``paragraph_id, sentence_id, section``, ``start,
        end`` (paragraph-text offsets of the whole run), ``raw_start,
        raw_end, text``.

    Raises:
        ReportError: ``min_repeats`` or ``min_items`` below 2.

    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n□记者\\n\\n要把群众组织起来，把干部动员起来，把责任扛起来。")
    >>> parallelisms(r)[["kind", "pattern", "n"]].values.tolist()
    [['frame', '把…起来', 3]]
    """
    check_report(report)
    if min_repeats < 2 or min_items < 2:
        raise ReportError("min_repeats and min_items must be at least 2: a single clause is not a repetition")
    sentence_of = _sentence_lookup(report)
    rows = []
    for para in report.paragraphs.itertuples(index=False):
        text = para.text
        for match in _QUOTED_RUN.finditer(text):
            items = re.findall(r"[“「『]([^”」』]*)[”」』]", match.group())
            if len(items) < min_items:
                continue
            prefix = os.path.commonprefix(items)
            suffix = os.path.commonprefix([i[::-1] for i in items])[::-1]
            if len(prefix) + len(suffix) >= min(len(i) for i in items):
                prefix, suffix = "", ""
            start, end = match.start(), match.end()
            if text[end - 1] == "、":
                end -= 1
            rows.append(("quoted_run", f"“{prefix}…{suffix}”", len(items), items, para, start, end))
        clauses = _clauses(text)
        for c in _select(_frame_candidates(clauses, min_repeats=min_repeats)):
            start, end = clauses[c["run"][0]][0], clauses[c["run"][-1]][1]
            items = [clauses[i][2] for i in c["run"]]
            rows.append((c["kind"], c["pattern"], len(items), items, para, start, end))
    out = []
    for kind, pattern, n, items, para, start, end in rows:
        raw_start, raw_end = report.raw_span(para.paragraph_id, start, end)
        out.append((kind, pattern, n, items, para.paragraph_id, sentence_of(para.paragraph_id, start),
                    para.section, start, end, raw_start, raw_end, para.text[start:end]))
    frame = pd.DataFrame(out, columns=PARALLELISM_COLUMNS)
    return frame.sort_values(["paragraph_id", "start"], kind="stable").reset_index(drop=True)
