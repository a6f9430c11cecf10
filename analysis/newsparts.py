"""The parts of a Chinese news item, as the genre writes them.

General rules of the genre (no strings of one text):

* the **headline block** — 引题 (kicker) above the 主题 (main title), and a
  副题 (subtitle), often opened by ``——``; of any length, with internal
  punctuation, ending without a full stop;
* the **byline** — ``本报记者 张三``, ``记者 张三 通讯员 李四``, ``□张三``;
* the **dateline** opening the first paragraph — ``新华社北京2月29日电（记者
  张三）``, ``本报讯（记者 张三）``, ``央视网消息（新闻联播）：`` — with its
  place, date, agency and reporters;
* **editor lines** (``（责任编辑：张三）``) and **end marks** (``（完）``).

Each function takes a line or paragraph of text and returns plain data;
:mod:`analysis.loading` uses them and logs what it sets aside.
"""

from __future__ import annotations

import re
import unicodedata

from . import resources
from .resources import HAN

__all__ = ["parse_dateline", "is_editor_line", "is_end_mark", "headline_roles", "looks_like_title", "opens_mid_sentence",
           "continues_paragraph", "ends_open", "is_number_label", "number_style", "ends_mid_phrase", "opens_article", "cut_dateline", "opens_unclosed", "is_byline_line", "byline_names", "closing_note", "inline_caption_start", "is_agency", "page_furniture", "inline_jump_marks", "is_section_name", "lone_number", "number_runs_on",
           "web_frame", "WEB_FRAME_KINDS", "RE_DATELINE", "RE_NUMBER_LABEL"]

_DIGITS = "0-9０-９一二三四五六七八九十〇零"
_AGENCIES = (
    "新华社|中新社|中国新闻社|本报|人民日报|央视网消息|央视新闻|人民网|新华网|中国新闻网|光明日报|经济日报|解放军报|"
    f"法制日报|中国日报|环球时报|央广网|国际在线|中国青年报|工人日报|农民日报|[{HAN}]{{2,6}}日报|[{HAN}]{{2,4}}晚报"
)

def _dateline_pattern(place: bool) -> re.Pattern:
    """The dateline regex, with or without a place between the agency and the rest."""
    place_part = (rf"(?:(?P<place>[{HAN}]{{2,8}}?)(?:[（(](?P<country>[{HAN}]{{2,6}})[）)])?)?" if place
                  else r"(?P<place>)(?P<country>)")
    return re.compile(
        rf"^(?:来源[：:]\s{{0,2}}(?P<source>[{HAN}A-Za-z]{{2,12}})\s{{0,2}}|"
        rf"据?(?P<agency>{_AGENCIES})"
        + place_part +
        rf"(?P<date>(?:[{_DIGITS}]{{1,4}}年)?[{_DIGITS}]{{1,3}}月[{_DIGITS}]{{1,3}}日)?"
        rf"(?P<kind>专电|电|讯|消息)?"
        rf"(?:[（(](?P<who>[^（）()\n]{{1,40}})[）)]|(?P<says>(?:本报|特约|实习)?记者[{HAN}、\s]{{2,16}}?报道)(?=[：:]))?"
        # the dateline ends with its dispatch word, date, brackets or colon, never inside the body text
        rf"(?<=[电讯息日道）):：])(?P<colon>[：:])?\s{{0,2}})"
    )


#: A dateline at the start of a paragraph.  Bounded quantifiers only.
RE_DATELINE = _dateline_pattern(place=True)
#: The same without a place (``本报讯`` followed directly by the body).
_RE_DATELINE_NO_PLACE = _dateline_pattern(place=False)

_REPORTER_MARKERS = re.compile(r"(?:特约|实习|本报|新华社|见习)?(?:记者|通讯员|摄影记者|编辑)|[□■]")


_AGENCY = re.compile(rf"^据?(?:{_AGENCIES})$")


def is_agency(text: str) -> bool:
    """A news agency or paper and nothing else (``本报``, ``新华社``): the start of a dateline cut off by a break.

    >>> is_agency("本报"), is_agency("本报记者 张三")
    (True, False)
    """
    return _AGENCY.match(text.strip()) is not None


def parse_dateline(text: str) -> dict | None:
    """The dateline opening a paragraph, with its parts, or ``None``.

    Args:
        text: The paragraph text.

    Returns:
        ``None``, or a dict with keys ``text`` (the dateline as written),
        ``end`` (its length in ``text``), ``agency``, ``place``, ``date``,
        ``kind`` (电, 讯, 消息 …), ``reporters`` (list of names) and
        ``note`` (other words in the brackets, e.g. the programme).

    >>> d = parse_dateline("新华社北京2月29日电（记者 张三、李四）国务院今天发布……")
    >>> d["agency"], d["place"], d["date"], d["reporters"], d["text"]
    ('新华社', '北京', '2月29日', ['张三', '李四'], '新华社北京2月29日电（记者 张三、李四）')
    >>> parse_dateline("央视网消息（新闻联播）：今天……")["note"]
    '新闻联播'
    >>> parse_dateline("本报讯（记者 王五）近日……")["kind"], parse_dateline("本报记者走进村里。") is None
    ('讯', True)
    >>> parse_dateline("新华社布宜诺斯艾利斯１月２日电今天……")["place"], parse_dateline("本报讯某县近日召开……")["text"]
    ('布宜诺斯艾利斯', '本报讯')
    >>> parse_dateline("本报北京４月１１日讯（１）为简便征收……")["text"]
    '本报北京４月１１日讯'
    >>> d = parse_dateline("本报东京１月２日电记者张三报道：今天……")
    >>> d["text"], d["reporters"]
    ('本报东京１月２日电记者张三报道：', ['张三'])
    """
    match = RE_DATELINE.match(text)
    if match is not None and match.group("place") and not match.group("date") and not (
            match.group("kind") and (match.group("who") or match.group("says") or match.group("colon"))):
        match = None  # 本报讯今日…, 新华社是…通讯…: the "place" ran into the body; try without a place
    if match is None:
        match = _RE_DATELINE_NO_PLACE.match(text)
    if match is None or not match.group(0).strip():
        return None
    if match.group("source"):
        return dict(text=match.group(0).strip(), end=match.end(), agency=match.group("source"), place="", date="",
                    kind="来源", reporters=[], note="")
    agency, place, date, kind, who = (match.group(g) or "" for g in ("agency", "place", "date", "kind", "who"))
    who = who or (match.group("says") or "").removesuffix("报道")
    colon = match.group("colon")
    end = match.end()
    if match.group("who") and re.fullmatch(f"[{_DIGITS}]{{1,3}}", match.group("who")):
        end = match.start("who") - 1  # 本报北京４月１１日讯（１）为…: the number opens the body's first item
        if text[end - 1:end] not in ("电", "讯", "息", "日"):
            return None
        who, colon = "", None
    # 本报/新华社 alone is not a dateline: it needs a dispatch word, a date, brackets or a colon
    if not (kind or date or who or colon):
        return None
    if agency.endswith("消息") and not (who or colon):
        return None
    if place and not (kind or date):
        return None  # 本报记者… : "记者" is not a place
    reporters, note = [], ""
    if who:
        if _REPORTER_MARKERS.search(who):
            names = _REPORTER_MARKERS.sub(" ", who)
            reporters = [n for n in re.split(r"[\s、，,/]+", names) if n]
        else:
            note = who
    return dict(text=text[:end].strip(), end=end, agency=agency, place=place, date=date, kind=kind,
                reporters=reporters, note=note)


_ROLE = rf"(?:本报|新华社|中新社)?(?:驻[{HAN}]{{1,8}}?)?(?:特约|实习|见习)?(?:摄影记者|记者|通讯员|实习生)"
#: What introduces the names of a byline: a reporter role, a box mark, ``文/``, ``图/``, ``摄影``, ``本报``.
_BYLINE_MARKER = re.compile(rf"{_ROLE}|[□■◇◆○●]|文/|图/|摄影|本报")
_LINE_ROLE = re.compile(rf"^(?:{_ROLE}|[□■])")
_NAME_TOKEN = re.compile(r"[^\s、，,/]+")
_SPACES = " \t\u3000、，,"
_PADDED_NAME = re.compile(rf"(?<![{HAN}])([{HAN}])[ \u3000]([{HAN}])(?![{HAN}])")


#: Function words that do not end a given name.
_NOT_IN_NAME = frozenset("的了着就把被")


def _is_byline_name(name: str, spaced: bool) -> bool:
    """A name of a byline: foreign with ``·``; a surname (``data/dictionaries/surnames.txt``) and a given name of
    1–2 characters (not 张三报道); or, set off by spaces, 2–3 Han characters not opening with a word."""
    from .entities import surnames  # read once, cached there
    from .repairs.doubling import dictionary_words

    if "·" in name:
        return re.fullmatch(f"[{HAN}·]{{3,12}}", name) is not None
    if not re.fullmatch(f"[{HAN}]{{2,4}}", name) or name[-1] in _NOT_IN_NAME:
        return False  # 记者曾就 / 这个问题… : a sentence cut by a column break, not 记者 曾就
    known = surnames()
    if name[:2] in known or name[0] in known and len(name) <= 3:  # a surname and a given name of 1–2 characters
        return True
    return spaced and len(name) <= 3 and name[:2] not in dictionary_words()


def byline_names(text: str) -> list[str] | None:
    """The names of a byline line (``本报记者 张三 通讯员 李四``, ``□张三 李四``, ``新华社记者 张三``), or ``None``
    (``[]`` for markers alone: ``□记者``).

    A marker (:data:`_BYLINE_MARKER`) must introduce names, and everything
    else on the line must be names: each opens with a surname of
    ``data/dictionaries/surnames.txt``, or, set off by spaces or a box mark as
    bylines set them (``□王保初 葭北剑``), is 2–3 characters that do not open
    with a dictionary word, or is names run together, each opening with a
    surname — so ``本报今年`` / ``记者了解到`` (a sentence cut by a
    column break) are not bylines.

    >>> byline_names("新华社记者 张三"), byline_names("□王五 葭北剑"), byline_names("记者了解到")
    (['张三'], ['王五', '葭北剑'], None)
    >>> byline_names("□葭北剑"), byline_names("本报今年"), byline_names("记者 张 龙")
    (['葭北剑'], None, ['张龙'])

    People's Daily also posts reporters abroad and runs names together:

    >>> byline_names("本报驻埃及记者王五"), byline_names("本报记者张建国李小平")
    (['王五'], ['张建国', '李小平'])
    """
    text = text.strip()
    if not text or len(text) > 40 or is_agency(text) or not _BYLINE_MARKER.search(text):
        return None
    names = []
    pieces = [_PADDED_NAME.sub(r"\1\2", piece) for piece in _BYLINE_MARKER.split(text)]  # 张 龙: a name padded
    boxes = [m.group() in "□■◇◆○●" for m in _BYLINE_MARKER.finditer(text)]
    for k, piece in enumerate(pieces):
        for match in _NAME_TOKEN.finditer(piece):
            a, b = match.span()
            before = piece[a - 1] in _SPACES if a > 0 else k > 0 and boxes[k - 1]  # a box mark sets a name off too
            spaced = before and (b == len(piece) or piece[b] in _SPACES)
            if _is_byline_name(match.group(), spaced):
                names.append(match.group())
                continue
            glued = _glued_names(match.group())
            if glued is None:
                return None
            names += glued
    return names  # [] for markers alone (□记者)


def _glued_names(token: str) -> list[str] | None:
    """Names run together without spaces (``李济国贾建舟``, ``贾永蔡晖``): split into 2–3 character names each opening
    with a surname (three-character names tried first), or ``None``."""
    from .entities import surnames

    known = surnames()
    if not 4 <= len(token) <= 9 or not re.fullmatch(f"[{HAN}]+", token):
        return None

    def split(rest: str) -> list[str] | None:
        if not rest:
            return []
        for n in (3, 2):
            if len(rest) >= n and rest[0] in known:
                tail = split(rest[n:])
                if tail is not None:
                    return [rest[:n], *tail]
        return None

    return split(token)


def is_byline_line(text: str) -> bool:
    """A line that is a byline and nothing else: ``本报记者 张三 通讯员 李四``, ``□张三``.

    Stricter than the byline under the headline (a list of names alone is
    not taken): a reporter role (记者, 通讯员, 实习生, □) must open the line
    and the rest be names (:func:`byline_names`).

    >>> is_byline_line("本报记者 张三 通讯员 李四"), is_byline_line("□王五"), is_byline_line("本报记者走进村里")
    (True, True, False)
    """
    text = text.strip()
    return _LINE_ROLE.match(text) is not None and bool(byline_names(text))


#: A position in a photo (左二, 右一, 中): not a name.
_POSITION = re.compile(r"[左右前后中][一二三四五六七八九十]?|前排[左右中]?[一二三四五六七八九十]?")
_BRACKETED = re.compile(r"^[（(][ \u3000]{0,2}([^（）()\n]{2,40}?)[ \u3000]{0,2}[）)]$")


def closing_note(text: str) -> tuple[str, list[str]] | None:
    """A bracketed line that closes an article the way the genre closes one, or ``None``.

    People's Daily and Xinhua end an item with its reporters' names or its
    dateline in brackets on a line of their own (``（韦耀中）``,
    ``（尹家骅钱友荣郭凯）``, ``（本报记者 张三）``, ``（新华社北京１月１日电）``):
    not body text.  Returns ``("byline", names)`` when every name opens with
    a surname (:func:`byline_names` rules, or names run together) and
    ``("dateline", [])`` for a whole dateline; photo credits (``…摄``) are
    captions and are left to them.

    >>> closing_note("（韦耀中）"), closing_note("（尹家骅钱友荣郭凯）"), closing_note("（新华社北京１月１日电）")
    (('byline', ['韦耀中']), ('byline', ['尹家骅', '钱友荣', '郭凯']), ('dateline', []))
    >>> closing_note("（本报记者 张三）"), closing_note("（传真照片）"), closing_note("（左二）"), closing_note("（赵亚光摄）")
    (('byline', ['张三']), None, None, None)
    >>> closing_note("（黄金）"), closing_note("（完）"), closing_note("（三）")
    (None, None, None)
    """
    match = _BRACKETED.match(text.strip())
    if match is None:
        return None
    inner = match.group(1)
    if "摄" in inner:
        return None
    found = parse_dateline(inner)
    if found is not None and found["end"] >= len(inner) and found.get("kind") in ("电", "讯"):
        return "dateline", []
    names = byline_names(inner)
    if names:
        return "byline", names
    if names is not None or not re.fullmatch(f"[{HAN} \u3000、]+", inner):
        return None
    from .entities import surnames

    from .jieba_dict import tags

    known, pos, out = surnames(), tags(), []
    for token in re.split(r"[ \u3000、]+", inner):
        if not token:
            continue
        if _POSITION.fullmatch(token) or pos.get(token, "nr") != "nr":
            return None  # （左二） marks a person in a photo; （黄金） is a word
        if 2 <= len(token) <= 3 and token[0] in known and token[-1] not in _NOT_IN_NAME:
            out.append(token)
            continue
        glued = _glued_names(token)
        if glued is None:
            return None
        out += glued
    return ("byline", out) if out else None


_CAPTION_OPENING = re.compile(r"(?<=[。！？”])\s{0,2}(?=(?:图为|图：|图:|上图|下图|左图|右图|图一|图二)[^。！？]{2})")


def inline_caption_start(text: str) -> int | None:
    """Where the caption begins in the text of a line that ends with a photo credit, if body text comes first.

    A caption run onto the end of a paragraph (``…代表们出席了会议。图为会议现场。
    张三 摄``) opens with a picture word (图为, 上图 …) after a full sentence;
    the body before it is not part of the caption.

    >>> inline_caption_start("会议今天召开。图为会议现场。"), inline_caption_start("图为会议现场。")
    (7, None)
    """
    found = None
    for match in _CAPTION_OPENING.finditer(text):  # the last opening
        found = match
    if found is None:
        return None
    start = found.end()
    return start if start > 0 and resources.RE_HAN.search(text[:start]) else None


_EDITOR = re.compile(r"^[（(\[【]?\s{0,2}(?:本版)?(?:责任编辑|责编|编辑|校对|审核|监制)\s{0,2}[：:]\s{0,2}[^。\n]{1,30}?[）)\]】]?$")
_END_MARK = re.compile(r"^[（(【\[]\s{0,2}(?:完|全文完|终|本文完)\s{0,2}[）)】\]]$")


def is_editor_line(text: str) -> bool:
    """``（责任编辑：张三）`` and the like.

    >>> is_editor_line("（责任编辑：张三）"), is_editor_line("编辑工作很辛苦。"), is_editor_line("本版编辑：李四")
    (True, False, True)
    """
    return len(text) <= 40 and _EDITOR.match(text) is not None


def is_end_mark(text: str) -> bool:
    """``（完）`` and the like.

    >>> is_end_mark("（完）"), is_end_mark("完成任务。")
    (True, False)
    """
    return _END_MARK.match(text.strip()) is not None


#: Marks that close or continue a sentence: a paragraph never opens with one.
CLOSING_MARKS = frozenset("，、；：。！？）)”」』》】,;:!?")  # not ’: it opens ’９８ (1998)


#: Particles that never open a sentence (的, 了, 得, 们, 么, 吗, 呢, 吧, 着).
TRAILING_PARTICLES = frozenset("的了得们么吗呢吧着")


def opens_mid_sentence(line: str) -> bool:
    """A line opening with a comma-like or closing mark, or a particle, continues the paragraph before it.

    Of the 19,484 paragraphs of the People's Daily 1998 corpus none opens
    with one of these marks and three with one of the particles (against
    80,000 uses inside paragraphs), while a column break falls before them
    all the time (``…就是“劳动课”`` / ``，也许是由于…``, ``…莫迟疑”`` / ``的号召``),
    whatever the previous line ends with.  A particle that begins a
    dictionary word (``的确``, ``了解``) is not taken as one.

    >>> opens_mid_sentence("，也许是由于他们生性好动。"), opens_mid_sentence("“我们一定办好。”")
    (True, False)
    >>> opens_mid_sentence("的号召，踊跃登记。"), opens_mid_sentence("的确，情况有了变化。")
    (True, False)
    """
    line = line.lstrip()
    if not line:
        return False
    if line[0] in CLOSING_MARKS:
        return True
    if line[0] in TRAILING_PARTICLES:
        from .repairs.doubling import dictionary_words

        words = dictionary_words()
        return not any(line[:k] in words for k in range(2, 5))
    return False


_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("「", "」"), ("『", "』"))


def opens_unclosed(text: str) -> bool:
    """A quotation mark or bracket opened in ``text`` and not closed (the line runs on).

    >>> opens_unclosed("三、大力开展“讲文明"), opens_unclosed("他说：“好。”"), opens_unclosed("（二）措施")
    (True, False, False)
    """
    return any(text.count(a) > text.count(b) for a, b in _PAIRS)


#: A list or article number opening a line: ``一、``, ``（三）``, ``3.``, ``第十五条``.
RE_NUMBER_LABEL = re.compile(
    rf"^(?:[一二三四五六七八九十]{{1,3}}[、．.]|[（(][{_DIGITS}]{{1,3}}[）)]|[0-9０-９]{{1,2}}[、．.]|"
    rf"第[{_DIGITS}百]{{1,4}}[条章节款])"
)


def is_number_label(text: str) -> bool:
    """A list or article number and nothing else (``（三）``, ``二、``, ``第十五条``): the text follows it.

    >>> is_number_label("（三）"), is_number_label("（三）加强领导")
    (True, False)
    """
    match = RE_NUMBER_LABEL.match(text.strip())
    return match is not None and match.end() == len(text.strip())


_STYLE_OF_LABEL = (("（一）", re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")),
                   ("(1)", re.compile(r"^[（(][0-9０-９]{1,3}[）)]")),
                   ("一、", re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]")),
                   ("1、", re.compile(r"^[0-9０-９]{1,2}[、．.]")),
                   ("第一条", re.compile(rf"^第[{_DIGITS}百]{{1,4}}[条款]")),
                   ("第一章", re.compile(rf"^第[{_DIGITS}百]{{1,4}}[章节]")))
_LABEL_STARTS = frozenset("（(一二三四五六七八九十0123456789０１２３４５６７８９第")


def number_style(text: str) -> str | None:
    """The numbering style of a line's number label (``（一）``, ``一、``, ``1、``, ``第一条`` …), or ``None``.

    Sections and list items are numbered in series, so a numbered heading
    has siblings of its style in the same report.

    >>> number_style("（三）加强领导"), number_style("３．农村从业人员"), number_style("会议结束。")
    ('（一）', '1、', None)
    """
    text = text.lstrip()
    if text[:1] not in _LABEL_STARTS:
        return None  # every label opens with a bracket, a numeral or 第 (most lines are done in one look-up)
    for style, pattern in _STYLE_OF_LABEL:
        if pattern.match(text):
            return style
    return None


def ends_open(previous: str) -> bool:
    """``previous`` ends where a paragraph of the genre does not: a colon, a semicolon, a closing ``》``, or a number
    label alone (``（三）``).

    In the People's Daily 1998 development part a paragraph ends with ``：``
    188 times against 2,415 inside paragraphs, ``；`` 102 against 2,000 and
    ``》`` 28 against 1,532 (most of those ends are headlines or the items of
    a list), and no paragraph is a number label alone; a column break falls
    at any of them.  The items of a list (``如下：`` / ``一、…；`` / ``二、…``)
    are kept apart by :func:`continues_paragraph`.  A ``”`` without a full
    stop before it is not taken: 83 lines of the corpus end with one, nearly
    all headlines (``…要具体分析“买方市场”``), and on damaged development
    documents the rule joined four such lines for one cut it mended.

    >>> ends_open("他说："), ends_open("他说：“好。”"), ends_open("读了《青藏手记》"), ends_open("（三）")
    (True, False, True, True)
    """
    previous = previous.strip()
    if not previous:
        return False
    return previous[-1] in "：:；;》" or is_number_label(previous)


def cut_dateline(line: str, following: str) -> bool:
    """``line`` is the start of a dateline that ``following`` completes (``据新华社耶路撒冷`` / ``１月８日电…``,
    ``新华社北京１月８日电`` / ``（记者 张三）…``), also when OCR doubled the character at the break (``…电`` / ``电（记者…``).

    >>> cut_dateline("据新华社耶路撒冷", "１月８日电（记者 张三）以色列…"), cut_dateline("全面动员", "１月８日，会议召开。")
    (True, False)
    >>> cut_dateline("新华社北京１月８日电", "电（记者 张三）国务院…"), cut_dateline("新华社北京１月８日电", "国务院今天…")
    (True, False)
    """
    line = line.strip()
    following = following.lstrip()
    if not line or not following:
        return False
    rests = (following, following[1:]) if following[0] == line[-1] else (following,)
    for rest in rests:
        found = parse_dateline(line + rest[:60])
        if found is not None and found["end"] > len(line) and (found["date"] or found["kind"]):
            return True
    return False


def continues_paragraph(previous: str, line: str) -> bool:
    """Evidence, whatever ``previous`` ends with, that ``line`` continues its paragraph.

    ``line`` opens mid-sentence (:func:`opens_mid_sentence`); ``previous``
    is a dateline and nothing else (``新华社某地１月２日电（记者 张三）`` cut
    from its body by a column break); or ``previous`` ends open
    (:func:`ends_open`: ``…他说：`` / ``“绿化是衣…”``, ``（三）`` / ``各省…``)
    and ``line`` does not open the next item of a list (:data:`RE_NUMBER_LABEL`).

    An open quotation is no evidence: the genre runs a quotation over
    several paragraphs (each reopens ``“``, only the last closes it; 17
    paragraphs of the development part end inside one), and on 900 damaged
    development documents the rule joined four paragraphs and mended no cut.

    >>> continues_paragraph("新华社北京1月2日电（记者 张三）", "国务院今天发布通知。")
    True
    >>> continues_paragraph("会议结束。", "国务院今天发布通知。"), continues_paragraph("他说：", "“绿化是衣。”")
    (False, True)
    >>> continues_paragraph("措施如下：", "一、加强领导；"), continues_paragraph("（三）", "各省市要加强领导。")
    (False, True)
    """
    if opens_mid_sentence(line):
        return True
    previous = previous.strip()
    if not previous:
        return False
    if ends_open(previous) and RE_NUMBER_LABEL.match(line.lstrip()) is None:
        return True
    found = parse_dateline(previous)
    return found is not None and found["end"] >= len(previous)


#: Function words and particles a heading does not end with: they need a continuation (``…为``, ``…不得``).
NOT_HEADING_END = frozenset("的和与及并而了着是对把被从向为以于等在将让使由其之或但得")
_COUNTED = re.compile(rf"[{_DIGITS}两几这那每各某][个位名项条种件次批些]$")
_ARTICLE = re.compile(rf"^第[{_DIGITS}百]{{1,4}}[条款]\s{{0,2}}(?=\S)")


def ends_mid_phrase(text: str) -> bool:
    """A line ending where a heading cannot: a function word or particle (:data:`NOT_HEADING_END`:
    ``（三）不得`` / ``在江河…``), or a number and a classifier waiting for the noun (``这就出现了一个`` / ``问题…``).

    >>> ends_mid_phrase("（三）不得"), ends_mid_phrase("这就出现了一个"), ends_mid_phrase("二、原因和教训")
    (True, True, False)
    """
    text = text.strip()
    return bool(text) and (text[-1] in NOT_HEADING_END or _COUNTED.search(text) is not None)


def opens_article(text: str) -> bool:
    """A line opening with the number of an article or clause of a law and going on (``第十五条为保障…``).

    An article's number is followed by its text on the same line: a
    paragraph, not a heading (``第一章 总则`` is a heading).  All 446
    numbered lines over 16 characters of the People's Daily development part
    that open with ``第…条`` are articles.

    >>> opens_article("第十五条为保障"), opens_article("第十五条"), opens_article("第一章 总则")
    (True, False, False)
    """
    return _ARTICLE.match(text.strip()) is not None


def looks_like_title(text: str, *, max_chars: int = 250) -> bool:
    """A line that can be part of a headline block: no full stop at its end, not too long.

    >>> looks_like_title("两位专业记者，告诉世界正在发生什么"), looks_like_title("他说，今天很好。")
    (True, False)
    """
    text = text.strip()
    if not text or len(text) > max_chars or text[-1] in "。；;，,、：:":
        return False
    return "。" not in text[:-1] or len(text) <= 60


def headline_roles(block: list[str]) -> list[str]:
    """Roles of the lines of a headline block: ``kicker``, ``title``, ``subtitle``.

    One line is the title; a line opened by ``——`` (or ``—``) is a subtitle;
    of two lines without a dash, the first is the kicker (引题) above the
    title; with three, kicker, title, subtitle.

    >>> headline_roles(["党旗在抗洪一线飘扬", "——记某县党员突击队"])
    ['title', 'subtitle']
    >>> headline_roles(["风雨同舟 共克时艰", "全县党员干部奋战一线", "——来自防汛现场的报道"])
    ['kicker', 'title', 'subtitle']
    """
    roles = ["subtitle" if line.lstrip().startswith(("—", "－－", "--")) else "" for line in block]
    rest = [i for i, r in enumerate(roles) if not r]
    if len(rest) == 1:
        roles[rest[0]] = "title"
    elif rest:
        for i in rest[:-1]:
            roles[i] = "kicker"
        roles[rest[-1]] = "title"
        if len(rest) >= 3:  # kicker, title, subtitle without a dash
            roles[rest[0]], roles[rest[1]] = "kicker", "title"
            for i in rest[2:]:
                roles[i] = "subtitle"
    return roles


# ---------------------------------------------------------------------------
# Page furniture: running heads, folios, jump lines
# ---------------------------------------------------------------------------

_ARABIC = "0-9０-９"
_SEP = re.compile(r"[ \t\u3000|｜丨·•/／]{0,3}")
#: The tokens of a running head, each whole: a date with its year (``2020年2月5日``, ``2020-02-05``), a weekday,
#: a lunar date (``农历庚子年正月十二``), a page (``第3版``, ``A3``, ``A3版``) with its name after a colon or space
#: (``第三版：政治``, ``第3版 要闻``), a paper (``乌海日报``), a section name (``要闻``, ``综合新闻``).
_HEAD_TOKEN = re.compile(
    rf"(?P<date>[{_ARABIC}]{{4}}年[{_ARABIC}]{{1,2}}月[{_ARABIC}]{{1,2}}日"
    rf"|[{_ARABIC}]{{4}}[-./．][{_ARABIC}]{{1,2}}[-./．][{_ARABIC}]{{1,2}}(?![{_ARABIC}])"
    rf"|[〇零一二三四五六七八九]{{4}}年[一二三四五六七八九十]{{1,2}}月[一二三四五六七八九十]{{1,3}}日)"
    rf"|(?P<weekday>(?:星期|礼拜)[一二三四五六日天])"
    rf"|(?P<lunar>农历[{HAN}]{{2,10}}?[初十廿卅][一二三四五六七八九十])"
    rf"|(?P<page>(?:第[{_DIGITS}]{{1,3}}版|[A-HＡ-Ｈ][{_ARABIC}]{{1,2}}版?|[{_ARABIC}]{{1,2}}版)(?![{_ARABIC}])"
    rf"(?:(?:[：:][ \u3000]{{0,2}}|[ \u3000]{{1,3}})[{HAN}]{{2,8}}(?![{HAN}]))?)"
    rf"|(?P<paper>[{HAN}]{{2,6}}?(?:日报|晚报|时报|商报|周报)(?:海外版)?(?![{HAN}]))"
    rf"|(?P<section>(?:[{HAN}]{{0,2}}要闻|[{HAN}]{{2}}新闻)(?![{HAN}]))"
)
_FOLIO = re.compile(rf"^[-—－–~～·\s]{{0,3}}[{_ARABIC}]{{1,3}}[-—－–~～·\s]{{0,3}}$|^[A-HＡ-Ｈ][{_ARABIC}]{{1,2}}$")
_JUMP = re.compile(
    rf"^(?:[（(【〔\[][ \u3000]{{0,2}})?(?:下转|上接|紧接|转|接|续)[ \u3000]{{0,2}}"
    rf"(?:第[{_DIGITS}]{{1,3}}版|[A-HＡ-Ｈ][{_ARABIC}]{{1,2}}版?|[{_ARABIC}]{{1,2}}版)(?:[①-⑩]|[上中下])?"
    rf"(?:[ \u3000]{{0,2}}[）)】〕\]])?$"
)


#: A jump mark inside a line: in brackets always (a bracket of body text never names a page so).
_INLINE_JUMP = (
    rf"[（(【〔][ \u3000]{{0,2}}(?:下转|上接|转|接)[ \u3000]{{0,2}}"
    rf"(?:第[{_DIGITS}]{{1,3}}版|[A-HＡ-Ｈ][{_ARABIC}]{{1,2}}版?|[{_ARABIC}]{{1,2}}版)(?:[①-⑩]|[上中下])?"
    rf"[ \u3000]{{0,2}}[）)】〕]"
)
_JUMP_AT_START = re.compile(rf"^{_INLINE_JUMP}")
_JUMP_AT_END = re.compile(rf"{_INLINE_JUMP}$")


def inline_jump_marks(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the jump marks that open or close a line of body text
    (``…提出了新的更高的要求（下转第二版）``, ``（上接第一版）各地…``), at most one at each end.

    Only bracketed marks of the strict form 下转 / 上接 / 转 / 接 with a page
    (``第二版``, ``第2版``, ``A2版``, ``2版``) count; a line that is a jump mark
    alone is :func:`page_furniture`, and a bracket of body text that names no
    page is never a mark.

    >>> inline_jump_marks("提出了新的更高的要求（下转第二版）"), inline_jump_marks("（上接A1版）各地积极行动。")
    ([(10, 17)], [(0, 7)])
    >>> inline_jump_marks("（下转第二版）"), inline_jump_marks("会议（第二次）召开。"), inline_jump_marks("转第二版的文章")
    ([], [], [])
    """
    spans = []
    if (head := _JUMP_AT_START.match(text)) is not None and text[head.end():].strip():
        spans.append(head.span())
    rest = head.end() if spans else 0
    if (tail := _JUMP_AT_END.search(text, rest)) is not None and text[rest:tail.start()].strip():
        spans.append(tail.span())
    return spans


def _running_head_tokens(text: str) -> list[str] | None:
    """The kinds of the tokens of a running head (``["date", "weekday", "page"]``), or ``None`` if a piece of the
    line is none of them."""
    kinds, pos, n = [], 0, len(text)
    while pos < n:
        match = _HEAD_TOKEN.match(text, pos)
        if match is None or len(kinds) >= 6:
            return None
        kinds.append(match.lastgroup)
        pos = _SEP.match(text, match.end()).end()
    return kinds


def page_furniture(text: str) -> str | None:
    """The kind of page furniture a whole line is — ``"page_header"`` (a running head or folio) or ``"jump"``
    (a jump line) — or ``None`` for anything else.

    Newspaper pages, their OCR and many database exports carry lines that
    are no part of the article: running heads and folios (the date with the
    weekday and page, ``2020年2月5日 星期三 第3版``; a page alone, ``第3版``,
    ``A3``, ``- 3 -``, ``3``; the paper's name with a date or page; a page or
    section name, ``要闻``, ``综合新闻``, ``第三版：政治``) and the jump lines
    of an article continued on another page (``（下转第二版）``,
    ``（上接第一版）``, ``下转A2版``).  Only whole lines are taken, and a date
    counts only with its year and a weekday, page, paper or section beside
    it: a sentence opening with a date (``2月5日，…``), a headline with a
    date, or the date closing a document is not furniture.

    >>> page_furniture("2020年2月5日 星期三 第3版"), page_furniture("第三版：政治"), page_furniture("- 3 -")
    ('page_header', 'page_header', 'page_header')
    >>> page_furniture("乌海日报 2020年2月5日"), page_furniture("综合新闻"), page_furniture("A3")
    ('page_header', 'page_header', 'page_header')
    >>> page_furniture("（下转第二版）"), page_furniture("（上接第一版）"), page_furniture("下转A2版")
    ('jump', 'jump', 'jump')
    >>> page_furniture("2020年2月5日"), page_furniture("2月5日，市委召开会议。"), page_furniture("第3版刊登了文章")
    (None, None, None)
    >>> page_furniture("乌海日报"), page_furniture("2020年全市经济工作会议召开"), page_furniture("新闻")
    (None, None, None)
    """
    text = text.strip()
    if not text or len(text) > 48:
        return None
    if _JUMP.match(text):
        return "jump"
    if _FOLIO.match(text):
        return "page_header"  # see lone_number: a series of numbers from one is not folios
    kinds = _running_head_tokens(text)
    if not kinds:
        return None
    if "page" in kinds or kinds == ["section"]:
        return "page_header"
    if "date" in kinds and len(kinds) >= 2:
        return "page_header"  # a date with its weekday, lunar date, paper or section
    return None


def is_section_name(text: str) -> bool:
    """A line that is a section name alone (``要闻``, ``国内要闻``, ``综合新闻``): a running head on a page, or the
    title of an item that the loader keeps as its headline when nothing else can be (see
    :func:`analysis.loading.mark_page_furniture`).

    >>> is_section_name("综合新闻"), is_section_name("第三版：政治"), is_section_name("市委召开会议")
    (True, False, False)
    """
    return _running_head_tokens(text.strip()) == ["section"]


_LONE_NUMBER = re.compile(rf"^[-—－–~～·\s]{{0,3}}([{_ARABIC}]{{1,3}})[-—－–~～·\s]{{0,3}}$")


def lone_number(text: str) -> int | None:
    """The number of a line that is a number alone (``3``, ``- 3 -``, ``３``), or ``None``.

    A folio stands alone on its line, but so do the numbers of an
    article's parts (``１`` … ``４`` between paragraphs: three articles of the
    People's Daily development part number their parts so).  Parts are
    numbered in series from one: the loader takes a bare number for a folio
    unless the document also has bare ``1`` and ``2`` (``- 3 -`` is a folio always).

    >>> lone_number("- 3 -"), lone_number("１"), lone_number("第3版")
    (3, 1, None)
    """
    match = _LONE_NUMBER.match(text.strip())
    return int(unicodedata.normalize("NFKC", match.group(1))) if match else None


#: What continues a number: digits, a decimal point or per cent, a unit or measure word (``８·５６``, ``个百分点``).
_AFTER_NUMBER = re.compile(rf"^[{_ARABIC}·.．%％‰万亿千百十个位名项条种件次批年月日时分秒号元角岁人户家所座台辆吨米倍余多届期天周份亩公斤]")


def number_runs_on(previous: str, number: str, following: str) -> bool:
    """A number alone on a line that reads as part of the text around it: the line before ends with a digit, or
    the line after opens with a digit, a decimal mark, per cent or a unit (``每桶`` / ``１`` / ``８·５６美元``,
    ``增长`` / ``12`` / ``个百分点``): a number cut by column breaks, not a folio.

    >>> number_runs_on("降为每桶", "１", "８·５６美元。"), number_runs_on("测量体温、", "3", "登记信息。")
    (True, False)
    """
    return bool(previous and previous.rstrip()[-1:].isdigit()) or _AFTER_NUMBER.match(following.lstrip()) is not None


# ---------------------------------------------------------------------------
# The frame of a web page or database export: source lines, original title, page tools
# ---------------------------------------------------------------------------

#: The labelled fields of the metadata lines that news sites (人民网, 新华网, 央视网, local papers' sites) and
#: database exports (CNKI, 慧科 and the like) print around an item: fields with any value (a name, a site), fields
#: whose value is a date or time, fields whose value is a number.
_FIELD_ANY = (r"来源网站|来源|稿源|出处|文章作者|作者单位|作者|责任编辑|责编|栏目|版名|转载自|原文链接|网址|关键词|关键字|"
              r"文章来源|信息来源|新闻来源")
_FIELD_TIME = r"发布时间|发表时间|发布日期|更新时间|出版日期|刊发日期|见报日期|时间|日期"
_FIELD_NUMBER = r"版次|版号|字数|浏览次数|阅读次数|点击数|浏览量|阅读量|期号"
_DATETIME = (rf"(?:[{_ARABIC}]{{4}}[-./年][{_ARABIC}]{{1,2}}[-./月][{_ARABIC}]{{1,2}}日?"
             rf"(?:[ \u3000T]{{0,2}}[{_ARABIC}]{{1,2}}[:：][{_ARABIC}]{{2}}(?:[:：][{_ARABIC}]{{2}})?)?)")
_COLON = r"[ \u3000]{0,2}[：:][ \u3000]{0,2}"
_ANY_LABEL = f"{_FIELD_ANY}|{_FIELD_TIME}|{_FIELD_NUMBER}"
#: One token of a metadata line: ``来源：新华网``, ``作者：张三``, ``2020-03-10 19:13:25``, ``【字号 大 中 小】``.
_FRAME_TOKEN = re.compile(
    rf"(?P<field>(?:{_FIELD_ANY}){_COLON}[^\s：:|｜]{{0,30}}?(?=[\s|｜]|$|(?:{_ANY_LABEL})[：:])"
    rf"|(?:{_FIELD_TIME}){_COLON}{_DATETIME}(?![{_ARABIC}])"
    rf"|(?:{_FIELD_NUMBER}){_COLON}[{_ARABIC}A-Za-z]{{1,10}}(?![{_ARABIC}]))"
    rf"|(?P<datetime>{_DATETIME}(?![{_ARABIC}]))"
    rf"|(?P<site>(?:新华社|央视新闻|[{HAN}]{{1,8}}?(?:网|日报|晚报|时报|商报|周报|电视台|广播电台|客户端)(?:海外版)?)"
    rf"(?:[-－—][{HAN}]{{2,10}}?(?:网|日报|晚报|时报|报|频道))?(?=[\s|｜]|$))"
    rf"|(?P<tools>[【\[]?[ \u3000]{{0,2}}字号[：:]?[ \u3000]{{0,2}}大[ \u3000]{{0,2}}中[ \u3000]{{0,2}}小[ \u3000]{{0,2}}[】\]]?"
    rf"|[【\[](?:打印|关闭|关闭窗口|纠错|收藏|评论|推荐|复制链接|我要纠错|返回顶部)[】\]]"
    rf"|打印本页|打印|关闭窗口|关闭|分享到[：:]?|分享|扫一扫(?:[，,]?[{HAN}]{{0,12}})?|收藏|返回顶部|返回首页|我要纠错|纠错"
    rf"|点击进入专题(?:{_COLON}[^\n]{{0,30}})?$|进入专题|更多精彩(?:内容)?|推荐阅读|相关新闻|相关阅读)"
)
_FRAME_SEP = re.compile(r"[ \t\u3000|｜丨·•/／>＞]{0,4}")
_ORIGINAL_TITLE = re.compile(r"^[（(【\[]?[ \u3000]{0,2}原(?:标)?题[ \u3000]{0,2}[：:][^\n]{1,120}$")
_LABEL_LINE = re.compile(rf"^[【\[][ \u3000]{{0,2}}[{HAN}A-Za-z0-9·]{{2,12}}[ \u3000]{{0,2}}[】\]]$")
_SOURCE_KINDS = frozenset({"field", "datetime"})
#: The kinds :func:`web_frame` gives, as part names of ``Report.parts``.
WEB_FRAME_KINDS = ("source_line", "original_title", "web_tools", "label")


def web_frame(text: str) -> str | None:
    """The kind of web or export frame a whole line is, or ``None`` for anything else.

    The sites of 人民网, 新华网, 央视网 and local Party papers, and database
    exports (CNKI, 慧科 …), print an item inside a frame that a scholar's
    copy keeps: metadata lines of labelled fields and time stamps
    (``来源：新华网``, ``作者：张三``, ``发布时间：2020-03-10``,
    ``2020-03-10 19:13:25 来源：人民网``), the title as first printed
    (``原标题：…``), the page's tools (``【字号 大 中 小】``, ``打印``,
    ``关闭窗口``, ``分享到：``, ``扫一扫``, ``点击进入专题``) and bracketed
    labels alone on their line (``【专题】``, ``[视频]``), a site's name with a time
    stamp (``央视网 2020年03月10日 19:13``), fields set off by ``|`` with a
    date and a paper (``人民日报 | 1998-01-05 | 第1版 | 政治``).  Kinds:
    ``"source_line"``, ``"original_title"``, ``"web_tools"``, ``"label"``.
    Only whole lines are taken: a sentence that mentions a source
    (``来源：新华网。据报道…`` with a full stop, ``他说来源很重要``) is body text.

    >>> web_frame("来源：新华网"), web_frame("2020-03-10 19:13:25 来源：人民网-人民日报"), web_frame("原标题：某某")
    ('source_line', 'source_line', 'original_title')
    >>> web_frame("【字号 大 中 小】 打印 分享到："), web_frame("【专题】"), web_frame("作者：张三 发布时间：2020年03月10日")
    ('web_tools', 'label', 'source_line')
    >>> web_frame("央视网 2020年03月10日 19:13"), web_frame("人民日报 | 1998-01-05 | 第1版 | 政治")
    ('source_line', 'source_line')
    >>> web_frame("来源于群众的智慧。"), web_frame("2020年3月10日，会议召开。"), web_frame("打印机厂今天投产")
    (None, None, None)
    >>> web_frame("乌海日报"), web_frame("人民网"), web_frame("人民日报 2020年3月10日")
    (None, None, None)
    """
    text = text.strip()
    if not text or len(text) > 160:
        return None
    if _ORIGINAL_TITLE.match(text):
        return "original_title"
    if _LABEL_LINE.match(text) and not is_end_mark(text):
        return "label"
    if text[-1] in "。！？；，、":
        return None
    if _export_fields(text):
        return "source_line"
    kinds, pos, n = set(), 0, len(text)
    while pos < n:
        match = _FRAME_TOKEN.match(text, pos)
        if match is None or match.end() == pos or len(kinds) > 12:
            return None
        kinds.add(match.lastgroup)
        pos = _FRAME_SEP.match(text, match.end()).end()
    if kinds & _SOURCE_KINDS:
        if kinds <= {"datetime", "site"} and not re.search(r"[:：]", text):
            return None  # a date alone (2020-03-10), or a paper's name and date, is a running head's (page_furniture)
        return "source_line"
    if "site" in kinds:
        return None  # a site's or paper's name alone (人民网, 乌海日报) may be a headline
    return "web_tools" if kinds else None


def _export_fields(text: str) -> bool:
    """A line of fields set off by ``|`` as database exports print them (``人民日报 | 1998-01-05 | 第1版 | 政治 |
    张三``): three or more short pieces without sentence punctuation, one of them a date and one a paper or site."""
    pieces = [p.strip() for p in re.split(r"[|｜]", text)]
    if len(pieces) < 3 or any(not p or len(p) > 24 or re.search(r"[。！？，；]", p) for p in pieces):
        return False
    dated = any(re.fullmatch(_DATETIME, p) for p in pieces)
    named = any(_FRAME_TOKEN.fullmatch(p) is not None and _FRAME_TOKEN.fullmatch(p).lastgroup in ("site", "field")
                for p in pieces)
    return dated and named
