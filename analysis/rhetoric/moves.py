"""Outline, paragraph moves and subheadings of a work report (工作通讯).

The move scheme (defined in ``data/annotations/paragraph_moves_guidelines.md``
and notebook 05) refines van Dijk's news schema for the Chinese typical
report: ``LEAD``, ``GENERAL_CLAIM``, ``LEADER_DIRECTIVE``,
``INSTITUTIONAL_ACTION``, ``STATISTICAL_EVIDENCE``, ``EXEMPLAR``,
``QUOTATION``, ``CLOSING_EVALUATION``.

:func:`paragraph_moves` labels each paragraph with transparent rules over
features from :func:`paragraph_features`, tried in this order (the first
that fires wins; the ``rule`` column says which):

1. ``LEAD``: the paragraph is before the first heading.
2. ``CLOSING_EVALUATION``: the loader marks it as the closing paragraph, or
   it is the last paragraph and has an evaluation cue (必胜, 本色 …).
3. ``LEADER_DIRECTIVE``: a person with a leader title is followed within
   a few characters by a directive verb (要求, 强调, 部署 …).
4. ``QUOTATION``: speech or slogans in “…” (quotes with inner punctuation
   or of 8+ characters) cover at least ``min_quote_share`` of the paragraph.
5. ``EXEMPLAR``: a named person (with title or role) appears.
6. ``STATISTICAL_EVIDENCE``: at least ``min_numbers`` numeric claims and at
   least ``min_numbers_per_100`` per 100 characters.
7. ``INSTITUTIONAL_ACTION``: a named organisation appears, or two or more
   measure verbs (成立, 建立, 制定 …).
8. ``GENERAL_CLAIM``: anything else.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import ReportError
from ..loading import Report
from . import _data
from ._common import check_report, token_spans, tokenizer_or_default, rows as _rows
from .actors import actors
from .numbers import numeric_claims

LOGGER = logging.getLogger(__name__)

__all__ = [
    "MOVES", "outline", "subheadings", "paragraph_features", "paragraph_moves",
    "load_move_annotations", "move_agreement", "move_confusion", "quoted_spans",
]

#: The move labels, in the order the notebook presents them.
MOVES = [
    "LEAD", "GENERAL_CLAIM", "LEADER_DIRECTIVE", "INSTITUTIONAL_ACTION",
    "STATISTICAL_EVIDENCE", "EXEMPLAR", "QUOTATION", "CLOSING_EVALUATION",
]
DEFAULT_ANNOTATIONS = paths.ANNOTATIONS_DIR / "paragraph_moves.csv"
#: Label of a paragraph that is only a dateline (not a move, not in :data:`MOVES`).
DATELINE = "DATELINE"
#: Not a move either: a sub-title before the lead, a photo caption, a caption marker such as （Ａ、Ｂ）.
HEADING = "HEADING"


def outline(report: Report) -> pd.DataFrame:
    """The parts of a report in reading order: headline, byline, lead, headings, paragraphs, captions.

    Args:
        report: A parsed report.

    Returns:
        DataFrame with columns ``part_id, part`` (headline | byline | lead |
        heading | body | closing | caption | sidebar) ``, section,
        section_title, paragraph_id, text, n_chars, raw_start, raw_end``,
        sorted by ``raw_start``.

    >>> from analysis import load_report
    >>> outline(load_report()).part.tolist()[:3]
    ['headline', 'byline', 'lead']
    """
    report = check_report(report)
    raw = report.raw
    rows = []
    head_pos = _find(raw, report.headline.split()[0] if report.headline else "", 0)
    if report.headline:
        rows.append(dict(part="headline", section=None, section_title="", paragraph_id=None,
                         text=report.headline, raw_start=head_pos, raw_end=_line_end(raw, head_pos)))
    if report.authors:
        pos = _find(raw, report.authors[0], 0)
        rows.append(dict(part="byline", section=None, section_title="", paragraph_id=None,
                         text=" ".join(report.authors), raw_start=pos, raw_end=_line_end(raw, pos)))
    search = 0
    for number, heading in enumerate(report.headings, start=1):
        pos = _find(raw, heading.split()[0], search)
        search = max(search, pos + 1)
        rows.append(dict(part="heading", section=number, section_title=heading, paragraph_id=None,
                         text=heading, raw_start=pos, raw_end=_line_end(raw, pos)))
    for p in _rows(report.paragraphs):
        rows.append(dict(part=p.part, section=p.section, section_title=p.section_title,
                         paragraph_id=p.paragraph_id, text=p.text, raw_start=p.raw_start, raw_end=p.raw_end))
    for c in _rows(report.captions):
        rows.append(dict(part=c.kind, section=None, section_title="", paragraph_id=None, text=c.text,
                         raw_start=c.raw_start, raw_end=c.raw_end))
    frame = pd.DataFrame(rows).sort_values("raw_start", kind="stable").reset_index(drop=True)
    frame["n_chars"] = frame["text"].str.replace(r"\s", "", regex=True).str.len()
    frame.insert(0, "part_id", range(1, len(frame) + 1))
    frame["section"] = frame["section"].astype("Int64")
    frame["paragraph_id"] = frame["paragraph_id"].astype("Int64")
    return frame[["part_id", "part", "section", "section_title", "paragraph_id", "text", "n_chars",
                  "raw_start", "raw_end"]]


def _find(raw: str, needle: str, start: int) -> int:
    pos = raw.find(needle, start) if needle else -1
    return pos if pos >= 0 else start


def _line_end(raw: str, pos: int) -> int:
    end = raw.find("\n", pos)
    return len(raw.rstrip()) if end < 0 else len(raw[:end].rstrip())


def subheadings(report: Report, *, tokenizer=None) -> pd.DataFrame:
    """Analyse each section heading as a pair: an action phrase + an image.

    Two-part headings (``全面动员 吹响战斗号角``) are split at the space;
    each half gets its length, its POS pattern, a structure
    (``subject-predicate`` n+v, ``adverb-verb`` d+v, ``verb-object`` v…n,
    ``other``) and the image words it contains from
    ``data/lexicons/rhetoric/heading_images.tsv`` with their domain (war |
    mobilisation).

    Args:
        report: A parsed report.
        tokenizer: A :class:`analysis.Tokenizer`.

    Returns:
        DataFrame with columns ``section, heading, paired, first, second,
        pattern`` (e.g. ``4+6``) ``, first_pos, second_pos,
        first_structure, second_structure, first_images, second_images,
        first_domain, second_domain`` (war | mobilisation | war+mobilisation
        | none).

    >>> from analysis import load_report
    >>> subheadings(load_report())["pattern"].tolist()
    ['4+6', '4+6', '4+6']
    """
    report = check_report(report)
    tokenizer = tokenizer_or_default(tokenizer)
    images = _data.read_table("heading_images.tsv")
    rows = []
    for section, heading in enumerate(report.headings, start=1):
        parts = heading.split()
        paired = len(parts) == 2
        first, second = (parts[0], parts[1]) if paired else (heading.replace(" ", ""), "")
        row = dict(section=section, heading=heading, paired=paired, first=first, second=second,
                   pattern=f"{len(first)}+{len(second)}" if paired else str(len(first)))
        for name, half in (("first", first), ("second", second)):
            tags = tokenizer.tag(half) if half else []
            found = [(w, d) for w, d in zip(images["word"], images["domain"]) if w and w in half]
            found = [(w, d) for w, d in found if not any(w != o and w in o for o, _ in found)]
            domains = sorted({d for _, d in found}, key=["war", "mobilisation"].index)
            row[f"{name}_pos"] = " ".join(t for _, t in tags)
            row[f"{name}_structure"] = _structure([t for _, t in tags])
            row[f"{name}_images"] = "、".join(w for w, _ in found)
            row[f"{name}_domain"] = "+".join(domains) or "none"
        rows.append(row)
    columns = ["section", "heading", "paired", "first", "second", "pattern", "first_pos", "second_pos",
               "first_structure", "second_structure", "first_images", "second_images",
               "first_domain", "second_domain"]
    return pd.DataFrame(rows, columns=columns)


def _structure(tags: list[str]) -> str:
    if not tags:
        return "none"
    verbs = [i for i, t in enumerate(tags) if t.startswith("v")]
    nouns = [i for i, t in enumerate(tags) if t.startswith("n")]
    if not verbs:
        return "nominal"
    if nouns and nouns[0] < verbs[0]:
        return "subject-predicate"
    if nouns and nouns[-1] > verbs[0]:
        return "verb-object"
    if tags[0] in ("d", "ad", "a") or verbs[0] > 0:
        return "adverb-verb"
    return "verb"


def quoted_spans(text: str) -> pd.DataFrame:
    """Outermost “…” quotations of a text, marking speech-like ones.

    A quotation is *speech-like* (reported speech or a slogan, not a coined
    name) if it holds inner punctuation or has 8 or more characters.

    Returns:
        DataFrame with columns ``start, end, text, speech_like``.

    >>> quoted_spans("组建“尖刀班”，他说“我们一定要站好岗！”")[["text", "speech_like"]].values.tolist()
    [['尖刀班', False], ['我们一定要站好岗！', True]]
    """
    rows = []
    for m in re.finditer(r"“([^“”]*)”", text):
        inner = m.group(1)
        speech = bool(re.search(r"[，。！？；、,!?;]", inner)) or len(inner) >= 8
        if text[max(0, m.start() - 2):m.start()] in ("题为", "名为"):  # the title of a report, not speech
            speech = False
        rows.append(dict(start=m.start(), end=m.end(), text=inner, speech_like=speech))
    return pd.DataFrame(rows, columns=["start", "end", "text", "speech_like"])


@functools.lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern:
    patterns = _data.read_table("datelines.tsv")["pattern"].tolist()
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def dateline(text: str) -> tuple[int, int] | None:
    """Span of a dateline or source line (央视网消息（新闻联播）：, 新华社…电, 本报讯) near the start of a text.

    The dateline is looked for in the first 80 characters, so a headline
    that the loader joined to the first paragraph does not hide it.
    Patterns are read from ``data/lexicons/rhetoric/datelines.tsv``.

    >>> dateline("央视网消息（新闻联播）：连日来，各地……")
    (0, 12)
    >>> dateline("新华社北京1月7日电（记者张三）会议指出") is not None
    True
    >>> dateline("连日来，各地……") is None
    True
    """
    match = _dateline_pattern().search(text[:80])
    return (match.start(), match.end()) if match else None


def _namesakes(texts: dict | None) -> frozenset[str]:
    """Names of ``leaders.tsv`` that this report gives to someone else: a company head (周某总经理,
    总经理周某), a grassroots role (队员周某, 周某老师) or an age (41岁的周某) next to the name.

    Linear: each listed name is searched once per paragraph (a fixed list).

    >>> sorted(_namesakes({1: "中国石油天然气总公司工作会议上，周永康总经理作了报告。", 2: "41岁的李长春年龄最大。"}))
    ['周永康', '李长春']
    >>> sorted(_namesakes({1: "李长春在会上强调，要做好工作。"}))
    []
    """
    if not texts:
        return frozenset()
    titles = _data.read_table("titles.tsv")
    others = tuple(titles.loc[titles["level"] != "leader", "title"]) + _data.cue_words("company_title")
    found = set()
    for name in _data.read_table("leaders.tsv")["name"]:
        for text in texts.values():
            position = text.find(name)
            while position >= 0:
                before, after = text[max(0, position - 8):position], text[position + len(name):position + len(name) + 6]
                if after.startswith(others) or before.endswith((*others, "岁的")):
                    found.add(name)
                    break
                position = text.find(name, position + 1)
    return frozenset(found)


def _leader_names(mentions: pd.DataFrame, texts: dict | None = None, *, window: int = 20) -> frozenset[str]:
    """Names of top leaders: ``leaders.tsv``, plus anyone the report introduces with a national title.

    The people come from :func:`analysis.rhetoric.actors` (the shared
    recognition, :func:`analysis.entities.mentions`).  The list stays as a
    fallback: on the dev part of the development set the recognition (plain or
    the report's tokenizer) misses one of the 19 listed leaders present in an
    item, in a body paragraph; keeping only recognised names leaves the dev
    move figures unchanged but loses that leader.
    """
    names = set(_data.read_table("leaders.tsv")["name"]) - _namesakes(texts)
    national = _data.cue_words("national_title")
    people = mentions[mentions["kind"] == "person"]
    # ... not the chair of a democratic party or of the federation of industry (民建中央主席成思危 speaks as a guest).
    parties = _data.cue_words("not_national_affiliation")
    # ... nor a foreign head named by a title that China uses too (巴勒斯坦民族权力机构主席阿拉法特, 执委会总书记
    # 阿布·马赞): a name that is not Chinese (:func:`_chinese_name`) is a leader by title only when its clause
    # names a Chinese body (``chinese_body`` cues: 自治区, 国务院, 全国 …; 西藏自治区政府副主席泽仁桑珠).
    offices = _data.cue_words("national_office")
    foreign = _foreign_people(people, texts, window=window)
    names.update(m.actor for m in _rows(people)
                 if m.title and str(m.title).endswith(national) and not str(m.affiliation).startswith(parties)
                 and m.actor not in foreign)
    # A person named right after a national office in the same clause (中共中央政治局委员李铁映,
    # 国家环保局局长解振华; not 南非外交部长恩佐): ``national_office`` cues, a bounded window before the name.
    members = _data.cue_words("not_office")  # ... not a member of a body (全国政协委员, 全国人大代表) nor a company's post
    if texts and offices:
        for m in _rows(people):
            text = texts.get(m.paragraph_id, "")
            name_at = int(m.end) - len(m.actor)  # the mention may include its title (国家环保局局长解振华)
            before = text[max(0, name_at - window):name_at]
            cut = max(before.rfind(c) for c in "。！？；，和与同")
            clause = before[cut + 1:]
            if any(o in clause for o in offices) and not any(a in clause for a in parties + members):
                names.add(m.actor)
    return frozenset(n for n in names if n)


def _foreign_people(mentions: pd.DataFrame, texts: dict | None, *, window: int = 20) -> frozenset[str]:
    """People whose name is not Chinese (:func:`_chinese_name`) and whom no mention ties to a Chinese body
    (``chinese_body`` cues in the affiliation or the clause before the name: 西藏自治区政府副主席某某 is Chinese):
    a title China uses too (主席, 总书记) does not make them a Chinese leader.  Linear: a bounded window per mention.

    >>> people = pd.DataFrame(dict(kind="person", actor=["卡鲁姆", "泽仁桑珠"], affiliation="", paragraph_id=1,
    ...                            end=[13, 29]))
    >>> sorted(_foreign_people(people, {1: "某国民族权力机构主席卡鲁姆说，西藏自治区政府副主席泽仁桑珠说，"}))
    ['卡鲁姆']
    """
    chinese = _data.cue_words("chinese_body")
    candidates, tied = set(), set()
    for m in _rows(mentions[mentions["kind"] == "person"]):
        if _chinese_name(str(m.actor)):
            continue
        candidates.add(m.actor)
        clause = _clause_before((texts or {}).get(m.paragraph_id, ""), int(m.end) - len(m.actor), window)
        if any(c in str(getattr(m, "affiliation", "")) + clause for c in chinese):
            tied.add(m.actor)
    return frozenset(candidates - tied)


def _clause_before(text: str, at: int, window: int = 20, cuts: str = "。！？；，和与同") -> str:
    """The clause before offset ``at`` (at most ``window`` characters, cut at the last of ``cuts``).

    >>> _clause_before("今天，国务院副总理王明说，", 9)
    '国务院副总理'
    """
    before = text[max(0, at - window):at]
    cut = max(before.rfind(c) for c in cuts)
    return before[cut + 1:]


def _chinese_name(name: str) -> bool:
    """A Chinese personal name: 2–4 characters opening with a surname, no ``·`` (威廉·佩里, 内塔尼亚胡 are not).

    >>> _chinese_name("王明"), _chinese_name("欧阳华"), _chinese_name("威廉·佩里"), _chinese_name("内塔尼亚胡")
    (True, True, False, False)
    """
    from ..entities import surnames

    return 2 <= len(name) <= 4 and "·" not in name and (name[:1] in surnames() or name[:2] in surnames())


def _officials(mentions: pd.DataFrame, texts: dict | None, leaders: frozenset[str] = frozenset(), *,
               window: int = 20, chinese: bool = True, extra_markers: tuple[str, ...] = ()) -> frozenset[str]:
    """People who hold a Party or state office by the words right before their name.

    A person whose clause before the name (bounded window, cut at ``，、。；``
    and 和/与/同/及) holds an ``office_marker`` cue (部长, 市长, 省委书记,
    委副主任, 局长 …) speaks and acts in office, whoever the person is: a
    minister, a provincial or city head, the head of a Party or state body.
    Not (with ``chinese``, for speech): a name that is not Chinese (a foreign
    minister, 威廉·佩里; an official of any country still acts in office,
    never as an exemplar: ``chinese=False``); and never: a clause
    with a ``not_office`` cue (村委, 社区, 公司: a village head, a company
    head), a democratic party's chair (``not_national_affiliation``), and the
    top leaders, who are leaders already.  ``extra_markers`` are offices that
    count too (the ``foreign_office`` cues, 总统, 秘书长 …, for the people who
    are never an exemplar).  Linear: each mention looks at a bounded window.

    >>> people = pd.DataFrame(dict(kind="person", actor=["王明", "李红", "威廉·佩里"], paragraph_id=1,
    ...                            end=[10, 20, 34]))
    >>> texts = {1: "国家经贸委副主任王明说，社区党委书记李红说，美国前国防部长威廉·佩里说，"}
    >>> sorted(_officials(people, texts)), sorted(_officials(people, texts, chinese=False))
    (['王明'], ['威廉·佩里', '王明'])
    """
    markers = _data.cue_words("office_marker") + tuple(extra_markers)
    if not texts or not markers:
        return frozenset()
    excluded = (_data.cue_words("not_office") + _data.cue_words("not_national_affiliation")
                + _data.cue_words("international_body"))
    found = set()
    persons = mentions[mentions["kind"] == "person"]
    ends = {pid: sorted(group["end"].astype(int)) for pid, group in persons.groupby("paragraph_id", sort=False)}
    # A name that is not Chinese in form is foreign unless a Chinese body ties it to China (西藏自治区体委主任某某,
    # a Tibetan official: :func:`_foreign_people`, as for the leaders by title; issue 12 round 11, from dev).
    foreign = _foreign_people(persons, texts, window=window) if chinese else frozenset()
    for m in _rows(persons):
        if m.actor in leaders or m.actor in foreign:
            continue
        text = texts.get(m.paragraph_id, "")
        name_at = int(m.end) - len(m.actor)  # the mention may include its title
        clause = _clause_before(text, name_at, window, "。！？；，、和与同及")
        # A chain of titles (中央政法委书记、中国法学会会长某某; 世界银行…高级顾问、…代理局长某某) is one clause when no
        # other person is named in it: its first title counts too (bounded window, no scan of the text).
        chain = _clause_before(text, name_at, 2 * window, "。！？；，：:")
        paragraph_ends = ends.get(m.paragraph_id, [])
        if bisect.bisect_left(paragraph_ends, name_at - len(chain)) < bisect.bisect_left(paragraph_ends, name_at):
            chain = clause  # another person ends inside the chain: a list of people, not of titles
        if (any(o in chain for o in markers) and not any(x in chain for x in excluded)):
            found.add(m.actor)
    return frozenset(found)


def _titled_after(mentions: pd.DataFrame, texts: dict | None, titles: tuple[str, ...]) -> frozenset[str]:
    """People named right before an office (阿萨德总统, 布莱尔首相 …: ``foreign_office`` cues) somewhere in the item:
    they act in office, never as an exemplar.  Linear: one look after each mention.

    >>> people = pd.DataFrame(dict(kind="person", actor=["阿某", "王明"], paragraph_id=1, end=[2, 9]))
    >>> sorted(_titled_after(people, {1: "阿某总统会见了王明同志。"}, ("总统",)))
    ['阿某']
    """
    if not texts or not titles:
        return frozenset()
    return frozenset(m.actor for m in _rows(mentions[mentions["kind"] == "person"])
                     if texts.get(m.paragraph_id, "").startswith(titles, int(m.end)))


def _international(mentions: pd.DataFrame, texts: dict | None, *, window: int = 40) -> frozenset[str]:
    """People named after a title of an international body (``international_body`` cues: 世界银行…代理局长某某):
    no Chinese office holder and no local leader, whatever their title (their words are reported speech).

    Linear: each mention looks at a bounded window (the chain of titles before it, cut at ，。；：).

    >>> people = pd.DataFrame(dict(kind="person", actor=["鲍某", "王明"], paragraph_id=1, end=[16, 27]))
    >>> sorted(_international(people, {1: "世界银行东亚地区高级顾问、代理局长鲍某说，国家体委主任王明说，"}))
    ['鲍某']
    """
    bodies = _data.cue_words("international_body")
    if not texts or not bodies:
        return frozenset()
    return frozenset(m.actor for m in _rows(mentions[mentions["kind"] == "person"])
                     if any(b in _clause_before(texts.get(m.paragraph_id, ""), int(m.end) - len(m.actor), window,
                                                "。！？；，：:") for b in bodies))


_SENTENCE_BREAK = re.compile(r"[。！？；!?;]")
#: A free leader verb followed by one of these does not introduce a directive (提出的理念, 会上提出来, 首次提出“…”).
_NOT_AFTER_FREE_VERB = ("的", "来", "过", "“")


def _speech_spans(text: str, speakers: list[tuple[int, int]], verbs: tuple[str, ...], free: tuple[str, ...],
                  *, max_gap: int = 30) -> list[int]:
    """Offsets where a speaker (span) is followed, in the same clause, by a speech verb.

    Verbs in ``verbs`` must be followed by ``，``/``：`` (``强调，``); verbs in
    ``free`` need no punctuation (``要求全党…``).  Between the speaker and the
    verb: at most ``max_gap`` characters and no punctuation (``习近平在…会议上强调，``).
    Linear in the text: each speaker looks at a bounded window.
    """
    found = []
    for _start, end in speakers:
        window = text[end:end + max_gap + 8]
        stop = re.search(r"[，,。！？；：:!?;、“”]", window)
        window = window[: stop.start() + 1] if stop else window
        for verb in verbs + free:
            position = window.find(verb)
            while 0 <= position <= max_gap:
                after = window[position + len(verb): position + len(verb) + 1]
                if (verb in free and after not in _NOT_AFTER_FREE_VERB) or after in ("，", ",", "：", ":"):
                    found.append(end + position)
                    break
                position = window.find(verb, position + 1)
            else:
                continue
            break
    return found


#: An adverbial of place or time that may open a sentence before its subject (在大厅里，…; １月８日，…).
_ADVERBIAL = re.compile(r"(?:[在当从于]|随后|接着|之后|会上|会后)[^，。！？；]{0,20}|[^，。！？；]{0,20}"
                        r"(?:[时后前上中里间日月年午晨晚夜]|期间|以来)")


def _opens_sentence(text: str, start: int, *, max_lead: int = 10, max_title: int = 30) -> bool:
    """Whether the speaker at ``start`` opens its sentence: at most ``max_lead`` characters before it in the
    sentence, without a comma, or one adverbial of place or time and its comma before those; or, instead of those
    characters, a chain of titles of at most ``max_title`` that ends with an office (``office_marker``,
    ``national_title`` cues: 中共中央政治局委员、中央国家机关工委书记某某; 出席庆典的中国驻法大使某某) — the subject.

    >>> _opens_sentence("李华说，好。", 0), _opens_sentence("在大厅里，李华向大家问好。", 5)
    (True, True)
    >>> _opens_sentence("记者看到，李华向大家问好。", 5), _opens_sentence("１月８日，李华来到厂里。", 5)
    (False, True)
    >>> _opens_sentence("１月８日上午，中共中央政治局委员、省委书记李华来到厂里。", 21)
    True
    >>> _opens_sentence("１月８日上午，来自全国各地的许多热心的观众和李华来到厂里。", 22)
    False
    """
    reach = 2 * max_lead + 12 + max_title
    before = text[max(0, start - reach):start]
    cut = max(before.rfind(c) for c in "。！？；")
    if cut >= 0:
        lead = before[cut + 1:]
    elif start <= reach:
        lead = before
    else:
        return False
    head, comma, rest = lead.rpartition("，")
    if comma and ("，" in head or _ADVERBIAL.fullmatch(head) is None):
        return False
    return len(rest) <= max_lead or (len(rest) <= max_title and rest.endswith(_subject_titles()))


@functools.lru_cache(maxsize=1)
def _subject_titles() -> tuple[str, ...]:
    return _data.cue_words("office_marker") + _data.cue_words("national_title")


_CLAUSE_OPENERS = ("并且", "同时", "并", "还", "又", "也", "更")


def _carried_speech(text: str, speakers: list[tuple[int, int]], verbs: tuple[str, ...], free: tuple[str, ...], *,
                    max_span: int = 200) -> bool:
    """A later clause of the speaker's sentence opens with a leader verb: the subject carries over the comma.

    ``张某参观了展览，称赞了…成就，认为…`` (invented): the speaker opens the
    sentence (:func:`_opens_sentence`) and a clause after a comma opens with
    ``称赞``/``希望``/``强调，`` … (after 并/还/又 at most), with no subject of
    its own.  Linear: each speaker looks at a bounded window of its sentence.

    >>> _carried_speech("张某参观了展览，称赞了建设成就。", [(0, 2)], ("指出",), ("称赞",))
    True
    >>> _carried_speech("张某参观了展览，工人们称赞了他。", [(0, 2)], ("指出",), ("称赞",))
    False
    >>> _carried_speech("记者看到，张某参观了展览，称赞了成就。", [(5, 7)], ("指出",), ("称赞",))
    False
    >>> _carried_speech("张某受县委的委托，在会上发表讲话说，要学习他。", [(0, 2)], ("指出",), ())
    True
    >>> _carried_speech("张某来到会场，在会上工人们说，要学习他。", [(0, 2)], ("指出",), ())
    False
    """
    for start, end in speakers:
        if not _opens_sentence(text, start):
            continue
        window = text[end:end + max_span]
        stop = _SENTENCE_BREAK.search(window)
        sentence = window[: stop.start()] if stop else window
        for clause in sentence.split("，")[1:]:
            for opener in _CLAUSE_OPENERS:
                if clause.startswith(opener):
                    clause = clause[len(opener):]
                    break
            for verb in free:
                if clause.startswith(verb) and clause[len(verb):len(verb) + 1] not in _NOT_AFTER_FREE_VERB:
                    return True
            if any(clause == verb for verb in verbs):  # 强调， (the clause is the verb alone)
                return True
            if _SPEECH_CLAUSE.fullmatch(clause):  # 在会上发表讲话说， (the occasion, then the verb)
                return True
    return False


#: A clause without a subject that gives the occasion of a speech and its verb (在会上发表讲话说, 在致辞中指出).
#: A leader's thanks or wish right after the name (最后祝大家…, 感谢…的支持; issue 12 round 12, from dev).
_THANKS = re.compile(r"(?:还|也|又|最后|首先|再次|特别)?(?:衷心|诚挚地)?(?:感谢|祝愿|祝贺|祝)")
_SPEECH_CLAUSE = re.compile(r"在[^，。；！？“”]{1,16}?[上中时里](?:发表|作)?了?(?:讲话|致辞|报告)?(?:说|指出|强调|表示)")


def _greeting(text: str, speakers: list[tuple[int, int]], greetings: tuple[str, ...], *,
              max_lead: int = 10, max_span: int = 160) -> bool:
    """A leader who opens a sentence and, in it, 向…表示/致以 a greeting (祝贺, 敬意, 问候 …).

    The genre's greeting in a speech: ``张明在讲话中代表市委、市政府，向受表彰的先进集体表示热烈祝贺``,
    ``李华代表县委，向…致以诚挚的问候`` (invented examples) — the comma before 向 hides it from :func:`_speech_spans`.
    Linear: each speaker looks at a bounded window of its sentence.

    >>> _greeting("李克强代表国务院，向大家表示热烈祝贺。", [(0, 3)], ("祝贺",))
    True
    >>> _greeting("记者看到，李克强向大家表示祝贺。", [(5, 8)], ("祝贺",))
    False
    >>> _greeting("李克强转达了国家主席对大家的问候。", [(0, 3)], ("问候",))
    True
    >>> _greeting("在大厅里，李克强向大家表示亲切问候。", [(5, 8)], ("问候",))
    True
    >>> _greeting("某国王请李克强转达他对大家的问候。", [(4, 7)], ("问候",))
    False
    >>> _greeting("李克强在致辞时首先转达了国家主席的问候。", [(0, 3)], ("问候",))
    True
    >>> _greeting("李克强到达后，客人转达了国王的问候。", [(0, 3)], ("问候",))
    False
    >>> _greeting("李克强最后祝大家新春快乐。", [(0, 3)], ()), _greeting("李克强感谢各国的支持。", [(0, 3)], ())
    (True, True)
    >>> _greeting("李克强对代表团的工作给予了高度评价。", [(0, 3)], ("高度评价",))
    True
    """
    for start, end in speakers:
        if not _opens_sentence(text, start, max_lead=max_lead):
            continue
        window = text[end:end + max_span]
        stop = _SENTENCE_BREAK.search(window)
        sentence = window[: stop.start()] if stop else window
        to = min((i for i in (sentence.find("向"), sentence.find("对")) if i >= 0), default=-1)
        if to >= 0 and re.search("(?:表示|致以|给予)", sentence[to:]) and any(g in sentence[to:] for g in greetings):
            return True  # 向…表示祝贺, 对…来访表示欢迎, 对…的努力表示赞赏, 对…给予了高度评价
        if _THANKS.match(window):  # the verb right after the name: 某某最后祝大家新春快乐, 某某感谢各国的支持
            return True
        conveys = sentence.find("转达")  # conveys another leader's greeting (转达了…的亲切问候)
        asked = text[max(0, start - 1):start] in ("请", "托", "让")  # 某国王请李某转达他的问候: the guest's greeting
        # ... right after the name, or later in the speaker's first clause (李某在致答谢辞时首先转达了…的问候)
        if 0 <= conveys <= 20 and "，" not in sentence[:conveys] and not asked \
                and any(g in sentence[conveys:] for g in greetings):
            return True
    return False


def paragraph_features(report: Report, *, tokenizer=None) -> pd.DataFrame:
    """The features the move rules read, one row per paragraph.

    Returns:
        DataFrame with columns ``paragraph_id, section, part, position``
        (first | middle | last of the report) ``, n_chars, n_numbers``
        (quantities only: dates and durations are not counted) ``,
        numbers_per_100, quote_share, speech_share`` (share of the
        characters from a non-leader's ``说，``/``表示，`` to the end of its
        sentence and the sentences after it; 1 for a greeting, 向…致以问候, by someone who is not a leader) ``, n_people, people`` (named
        people other than top leaders) ``, n_leaders`` (top leaders named)
        ``, n_local_leaders`` (people with a leader title: 市委书记, 局长 …) ``, leader_directive,
        dateline_only, attendance, n_organisations, n_place_agents``
        (place or organisation names followed by a verb: 湖南实现了…) ``, n_institution_agents`` (the same
        without bare place names: 县委、县政府…, 医院…)
        (place or organisation names followed by a verb: 湖南实现了…)
        ``, n_measure_verbs, n_evaluation_cues, exclamation, text``.

    >>> from analysis import load_report
    >>> f = paragraph_features(load_report())
    >>> bool(f.loc[f.paragraph_id == 2, "leader_directive"].iloc[0])
    True
    """
    report = check_report(report)
    names_tokenizer = _names_tokenizer(report, tokenizer)
    tokenizer = tokenizer_or_default(tokenizer)
    claims = numeric_claims(report, tokenizer=tokenizer)
    claims = claims[claims["kind"].isin(_EVIDENCE_KINDS)]
    mentions = actors(report, tokenizer=names_tokenizer)
    leaders = _leader_names(mentions, dict(zip(report.paragraphs["paragraph_id"], report.paragraphs["text"])))
    texts = dict(zip(report.paragraphs["paragraph_id"], report.paragraphs["text"]))
    office_holders = _officials(mentions, texts, leaders)
    diplomats = frozenset(mentions.loc[mentions["affiliation"].astype(str).str.contains("外交")
                                       & ~mentions["actor"].isin(leaders | office_holders), "actor"])
    # Heads of a region (省委书记, 省长, 市长 …), office holders (a minister, the head of a Party or state body)
    # and diplomats act in office: their visits are institutional action, not an exemplar's deed.
    in_office = _officials(mentions, texts, leaders, chinese=False, extra_markers=_data.cue_words("foreign_office"))
    officials = (frozenset(mentions.loc[mentions["title"].isin(_data.cue_words("regional_head")), "actor"])
                 | diplomats | in_office | _titled_after(mentions, texts, _data.cue_words("foreign_office")))
    # Officials who are no Chinese leader (a foreign head of state, a UN secretary-general): their 要求/呼吁 is
    # reported speech, not a directive (the genre quotes them; guidelines: foreign leaders are QUOTATION).
    foreign_officials = in_office - office_holders - leaders
    international = _international(mentions, texts)
    foreign_people = _foreign_people(mentions, texts)  # ... nor is a foreign head a local leader (某国…主席某某强调)
    exemplar_names = _exemplar_names(mentions, leaders | officials)
    leader_pattern = re.compile("|".join(map(re.escape, sorted(leaders, key=len, reverse=True)))) if leaders else None
    directives = _data.cue_words("directive_verb")
    measures = _data.cue_words("measure_verb")
    evaluations = _data.cue_words("evaluation")
    leader_verbs, leader_free = _data.cue_words("leader_verb"), _data.cue_words("leader_verb_free")
    speech_verbs = _data.cue_words("reported_speech_verb")
    speech_free = _data.cue_words("reported_speech_free")
    bodies = _data.cue_words("leading_body") + _data.cue_words("leader_title")
    attendance_verbs = _data.cue_words("attendance_verb")
    greetings = _data.cue_words("leader_greeting")
    documents = _data.cue_words("document_speaker")
    company_titles = frozenset(_data.cue_words("company_title"))
    ministries = _ministry_pattern(_data.cue_words("ministry_suffix"), _data.cue_words("directive_verb"))
    ministry_names = _ministry_name_pattern(_data.cue_words("ministry_suffix"))
    national = _data.cue_words("national_title")
    titles = _data.read_table("titles.tsv")
    leader_titles = tuple(sorted(titles.loc[titles["level"] == "leader", "title"], key=len, reverse=True))
    local_bodies = _data.cue_words("local_leading_body")
    owners = bodies + _data.cue_words("national_office") + local_bodies  # who can own a directive document
    org_words = frozenset(_data.cue_words("org_suffix"))
    last = int(report.paragraphs["paragraph_id"].max())
    first_id = int(report.paragraphs["paragraph_id"].min()) if len(report.paragraphs) else 0
    # Group once (a filter per paragraph would be quadratic in the number of paragraphs).
    persons = mentions[mentions["kind"] == "person"]
    people_of = {pid: group for pid, group in persons.groupby("paragraph_id", sort=False)}
    empty_people = persons.iloc[0:0]
    numbers_of = claims["paragraph_id"].value_counts().to_dict()
    organisations_of = mentions.loc[mentions["kind"] == "organisation", "paragraph_id"].value_counts().to_dict()
    rows = []
    for p in _rows(report.paragraphs):
        text = p.text
        line = dateline(text) if p.paragraph_id == first_id else None
        content = text[line[1]:] if line else text
        quotes = quoted_spans(text)
        quoted = int((quotes["end"] - quotes["start"])[quotes["speech_like"]].sum()) if len(quotes) else 0
        people = people_of.get(p.paragraph_id, empty_people)
        source = _source_end(text)
        if source:  # the reporters of a dispatch's source line (本报汉城…电记者某某报道：) are no people of the news
            people = people[people["start"].astype(int) >= source]
        leader_mentions = people[people["actor"].isin(leaders)]
        others = people[~people.index.isin(leader_mentions.index)]
        # the paragraph's recognised people (its mentions), not every string that spells a name
        named = sorted(set(people["actor"]) & exemplar_names)
        # Leaders are found by name as well (the tokenizer may not tag an untitled 习近平 as a name).
        speakers = [(m.start(), m.end()) for m in leader_pattern.finditer(text)] if leader_pattern else []
        n_leaders = len({m for m in (leader_pattern.findall(text) if leader_pattern else [])})
        # ... a body is not the speaker of 会议上说 / 会议期间表示 (said at the meeting)
        speakers += [(m.start(), m.end()) for m in _body_pattern(bodies).finditer(text)
                     if text[m.end():m.end() + 1] not in _AT_THE_BODY]
        speakers += [(m.start(), m.end()) for m in _TITLE_MARKS.finditer(text)]
        opening_document = _opening_document(text, documents, leader_pattern, owners, ministries=ministry_names)
        speakers += opening_document
        # ... or named again right after its sender sent it (某某副总理为会议发来贺信，贺信指出，…)
        speakers += _sent_document(text, documents, speakers)
        # ... whose words follow 是：/为： (a leader's inscription: 王某总理的题词是：“…”)
        inscription = any(text[end:end + 2] in ("是：", "为：") for _, end in opening_document)
        # An office holder speaking in office (民政部部长王某对记者说，…) speaks like a leader.
        speakers += [(int(m.start), int(m.end)) for m in _rows(others) if m.actor in office_holders]
        speakers += _minister_spans(text)
        # A title right after the name (王春明副总理强调, 张立新书记要求): the name is a leader's or a local leader's.
        titled_after = [(int(m.start), int(m.end), text[int(m.end):int(m.end) + 6]) for m in _rows(others)]
        speakers += [(start, end + len(next(t for t in national if after.startswith(t))))
                     for start, end, after in titled_after if after.startswith(national)]
        # A leader who is the one received (…会见到访的中国副总理某某时说，) is not the speaker, nor one whose words
        # others carry out (按照党中央的要求，各地…: the paragraph reports what they did).
        speakers = [span for span in speakers if not _received(text, span[0]) and not _complied_with(text, span[0])]
        first_other = min((int(m.start) for m in _rows(others)), default=len(text))
        leader_opens = bool(speakers) and min(s for s, _ in speakers) <= min(25, first_other)
        if leader_opens:
            # 他/她 continues a leader who opens the paragraph (not one named after another person:
            # 温敏…欢迎习近平主席…他表示 is the foreign president speaking).
            first = min(s for s, _ in speakers)
            speakers += [(m.start(), m.end()) for m in _PRONOUN.finditer(text) if m.start() > first]
        else:
            # 他/她 opening a sentence whose previous sentence opens with a leader (温家宝在农民家中询问…。他说，…).
            speakers += _sentence_pronouns(text, speakers, tuple(sorted(int(m.start) for m in _rows(others))))
        # A local leader (市委书记, 局长 …) directs only with a directive verb (要求, 强调, 部署 …).
        # ... but not a foreign minister (南非外交部长恩佐强调): a Chinese one is a leader by national office.
        local = [(int(m.start), int(m.end)) for m in _rows(others)
                 if m.level == "leader" and m.actor not in diplomats and m.title not in company_titles
                 and m.actor not in international and m.actor not in foreign_people]
        local += [(start, end + len(next(t for t in leader_titles if after.startswith(t))))
                  for start, end, after in titled_after if after.startswith(leader_titles)
                  and not after.startswith(national)]
        leader_directive = bool(_speech_spans(text, speakers, leader_verbs, leader_free)
                                or _speech_spans(text, local, (), directives, max_gap=6)
                                or _speech_spans(text, _spans_of(text, local_bodies), (), directives, max_gap=0)
                                or _speech_spans(text, [m.span() for m in ministries.finditer(text)], (), directives,
                                                 max_gap=0)
                                or _greeting(text, speakers, greetings) or inscription
                                or _carried_speech(text, speakers, leader_verbs, leader_free))
        speech_share = _speech_share(text, speech_verbs, speech_free)
        if not leader_directive and speech_share == 0 and len(others):
            asks = _speech_spans(text, [(int(m.start), int(m.end)) for m in _rows(others)
                                        if m.actor in foreign_officials], (), _FOREIGN_ASKS)
            if asks:  # 韩国当选总统某某…要求…, 联合国秘书长某某…劝告…: what a foreign official asks is reported speech
                speech_share = (len(text) - min(asks)) / max(len(text), 1)
        if not leader_directive and speech_share == 0 and len(others):
            # A greeting by someone who is not a leader (民建中央主席…。他代表…向…致以问候) is reported speech.
            guests = [(int(m.start), int(m.end)) for m in _rows(others)]
            if _greeting(text, guests + _sentence_pronouns(text, guests), greetings):  # the guest opens the sentence
                speech_share = 1.0
        tagged = token_spans(tokenizer.tag(text))
        verbs = [w for w, t, _, _ in tagged if t.startswith("v")]
        n_numbers = int(numbers_of.get(p.paragraph_id, 0))
        n_chars = max(p.n_chars, 1)
        rows.append(dict(
            paragraph_id=p.paragraph_id, section=p.section, part=p.part,
            position="first" if p.paragraph_id == 1 else "last" if p.paragraph_id == last else "middle",
            n_chars=p.n_chars, n_numbers=n_numbers, numbers_per_100=100 * n_numbers / n_chars,
            quote_share=quoted / n_chars, speech_share=speech_share,
            n_people=len(named), people="、".join(named),
            n_leaders=n_leaders, n_local_leaders=int(others.loc[others["level"] == "leader", "actor"].nunique()),
            leader_directive=leader_directive, leader_opens=leader_opens,
            pronoun_speech=_PRONOUN_SPEECH.match(content.strip()) is not None
            and content.strip()[_PRONOUN_SPEECH.match(content.strip()).end():][:1] in ("，", "：", ",", ":"),
            dateline_only=bool(line) and not re.search(f"[{_HAN}]", content),
            attendance=p.n_chars <= 120 and ((any(v in text for v in attendance_verbs) and people.actor.nunique() >= 2)
                                             or _INVITATION.search(text) is not None),
            announces_document=_ANNOUNCES_BODY.search(content.strip()) is not None
            and bool(_spans_of(text, owners) or speakers or ministries.search(text + "要求")),
            document_article=_DOCUMENT_ARTICLE.search(text) is not None,
            n_organisations=int(organisations_of.get(p.paragraph_id, 0)),
            n_place_agents=_place_agents(tagged, org_words),
            n_institution_agents=_place_agents(tagged, org_words, places=False),
            n_measure_verbs=sum(v in measures for v in verbs),
            n_evaluation_cues=sum(text.count(c) for c in evaluations),
            exclamation="！" in content or "!" in content, text=text,
        ))
    return pd.DataFrame(rows)


_REPORTERS = re.compile(r"[^，。；！？\n]{0,40}?报道[：:]")


def _source_end(text: str) -> int:
    """End of a dispatch's source line in any paragraph: its dateline (:func:`dateline`) and the reporters'
    line right after it (``记者某某报道：``); 0 when the paragraph has none.

    A second dispatch printed in the same item opens a later paragraph with its own source line; the
    reporters named there are not people of the news (issue 12, round 10, from dev part 9's errors).

    >>> _source_end("本报汉城１月１４日电记者王明报道：韩国股市回升。")
    17
    >>> _source_end("新华社北京１月７日电（记者张三）会议指出，…"), _source_end("王明报道：今天下雨。")
    (16, 0)
    """
    line = dateline(text)
    if line is None or line[0] > 2:
        return 0
    reporters = _REPORTERS.match(text, line[1])
    return reporters.end() if reporters and "记者" in reporters.group() else line[1]


def _names_tokenizer(report: Report, tokenizer):
    """The tokenizer the people of a report are recognised with.

    The one given, unless it is none or the plain default (``Tokenizer()``,
    which knows no name of this report): then the report's own,
    :meth:`analysis.Tokenizer.for_report` (its dictionaries and the names
    :func:`analysis.entities.suggest_user_dict` proposes).  Measured on the
    dev part of the development set (plain tokenizer passed): move agreement
    0.838 → 0.844, LEADER_DIRECTIVE recall unchanged, Wuhai 19/19.
    """
    from ..tokenize import default_tokenizer

    if tokenizer is None or tokenizer is default_tokenizer():
        return default_tokenizer(report)
    return tokenizer


#: Numeric claim kinds that count as evidence (dates and durations do not).
_EVIDENCE_KINDS = ("count", "money", "percent", "measure", "ratio")
_HAN = "\u4e00-\u9fff"
_TITLE_MARKS = re.compile(r"《[^《》\n]{1,60}》")
#: After a leading body's name, the body is where the words were said, not the speaker (会议上说, 会议期间表示).
_AT_THE_BODY = frozenset("上中期间后时前")
#: A visit line: …一行是应…邀请来访的, or the occasion of words reported before (…时作上述表示的): an institutional
#: act, like an attendance line.
_INVITATION = re.compile(r"应[^，。；！？]{1,40}?邀请|[作发提]出?上述(?:表示|呼吁|讲话|反应|劝告|评论|谈话)")
#: A paragraph that announces the body of a decision, a rule or a notice (国务院决定对…作如下修改：, 现通知如下：).
_ANNOUNCES_BODY = re.compile(r"(?:如下|以下)[^，。；：:]{0,4}[：:]$")
#: An article of a directive document or an amendment of one (第X条, 第X项, 修改为, 删去, 本决定, 条文).
_DOCUMENT_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇0-9０-９]+[条款项]|修改为|删去|增加一[款项条]|条文"
                               r"|本(?:决定|条例|办法|规定|通知|细则|意见|法)(?![律院])")
#: Verbs of receiving someone: a person named after them in the clause is the one received.
_RECEIVING = re.compile(r"会见|会晤|接见|拜会|拜见|宴请|看望")


def _received(text: str, start: int, *, window: int = 40) -> bool:
    """Whether the person at ``start`` is the object of a receiving verb in the same clause.

    >>> _received("总理会见到访的中国副总理王某时说，", 11), _received("王某在会见客人时说，", 0)
    (True, False)
    """
    before = text[max(0, start - window):start]
    cut = max(before.rfind(c) for c in "。！？；，")
    return _RECEIVING.search(before[cut + 1:]) is not None
_PRONOUN = re.compile(r"(?<![他她])[他她](?![们])")


@functools.lru_cache(maxsize=4)
def _ministry_pattern(suffixes: tuple[str, ...], verbs: tuple[str, ...] = ("要求", "强调", "部署")) -> re.Pattern:
    """A national ministry or commission by its name's end (水利部, 国家计委) right before a directive verb,
    bounded length (linear matching).

    The verbs are the genre's directive verbs (``directive_verb`` cues: 要求, 强调, 指出, 提出 …): a ministry that
    states the year's tasks at its work conference speaks as a leading body (issue 12, round 11: the lookahead
    knew 要求, 强调, 部署 only, so 国家某委提出，… was an institutional action).

    >>> [m.group() for m in _ministry_pattern(("部", "委")).finditer("水利部要求各地抗旱，国家计委强调节水")]
    ['水利部', '国家计委']
    >>> [m.group() for m in _ministry_pattern(("部", "委"), ("提出",)).finditer("铁道部提出，要保证安全")]
    ['铁道部']
    >>> [m.group() for m in _ministry_pattern(("部", "委")).finditer("群众对干部要求很高")]
    []
    """
    if not suffixes or not verbs:
        return re.compile(r"(?!x)x")
    ends = "|".join(map(re.escape, suffixes))
    after = "|".join(map(re.escape, sorted(verbs, key=len, reverse=True)))
    # not 干部, 全部, 内部, 东部 …: 部 there is no ministry
    return re.compile(rf"(?:国家[{_HAN}]{{1,6}}?(?:{ends})|[{_HAN}]{{1,3}}(?<![干全内外局东西南北中总各俱])部)"
                      rf"(?={after})")


def _ministry_name_pattern(suffixes: tuple[str, ...]) -> re.Pattern:
    """A national ministry or commission's name alone (the names of :func:`_ministry_pattern`, without its verb).

    >>> bool(_ministry_name_pattern(("部", "委")).fullmatch("国家计委")), bool(_ministry_name_pattern(("部",)).fullmatch("干部"))
    (True, False)
    """
    if not suffixes:
        return re.compile(r"(?!x)x")
    ends = "|".join(map(re.escape, suffixes))
    return re.compile(rf"国家[{_HAN}]{{1,6}}?(?:{ends})|[{_HAN}]{{1,3}}(?<![干全内外局东西南北中总各俱])部")


def _minister_spans(text: str) -> list[tuple[int, int]]:
    """A national minister named by ministry and title at the start of a clause or after ``的`` (``陪同前往的某某部部长
    某某对记者说``: invented; issue 12, round 13, from dev's errors): he speaks in office even when his name is not
    recognised. Not a foreign minister (``南非外交部长``: the ministry's name must start the clause, not follow the
    ``、`` of another title; no transliterated name with ``·`` after it). Linear.

    >>> _minister_spans("陪同前往的民政部部长某某对记者说，")
    [(5, 10)]
    >>> _minister_spans("南非外交部长某某说，"), _minister_spans("全部部长说，"), _minister_spans("特使，财政部副部长劳伦斯·某某说")
    ([], [], [])
    """
    return [m.span() for m in _MINISTER.finditer(text)]


def _spans_of(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the words in a text (longest first, one regular-expression pass)."""
    return [(m.start(), m.end()) for m in _body_pattern(words).finditer(text)] if words else []


#: A national minister by ministry and title (民政部部长, 某某部副部长), opening a clause or after 的.
_MINISTER = re.compile(r"(?:^|(?<=[的，。；：“]))[\u4e00-\u9fff]{1,3}(?<![干全内外局东西南北中总各俱])部副?部长"
                       r"(?![^，。；]{0,8}·)")
_DOCUMENT_DETERMINERS = ("", "该", "这", "此", "这份", "这个", "上述")


def _opening_document(text: str, documents: tuple[str, ...], leaders: re.Pattern | None = None,
                      bodies: tuple[str, ...] = (), *, max_owner: int = 12,
                      ministries: re.Pattern | None = None) -> list[tuple[int, int]]:
    """The document a paragraph opens with (``慰问信说，``, ``通知要求``, ``该决定指出``) as a speaker span.

    A document the item reports on speaks in the paragraphs that open with it
    (or with 该/这/此 and it, or with its author and 的: a leading body's or a
    leader's document, ``中央军委的慰问电说，``, ``张某总理的题词是：“…”``); one
    named further in (``记者从通知中了解到``) is not taken as the speaker.

    >>> _opening_document("慰问信最后说，让我们团结一致。", ("慰问信", "通知"))
    [(0, 3)]
    >>> _opening_document("记者从通知中了解到，……", ("通知",))
    []
    >>> _opening_document("省委的慰问电说，……", ("慰问电",), None, ("省委",))
    [(3, 6)]
    >>> _opening_document("王某总理的题词是：“……”", ("题词",), re.compile("王某"))
    [(5, 7)]
    >>> _opening_document("一位老人的题词是：“……”", ("题词",), re.compile("王某"))
    []

    A national ministry (or several, ``、``) that opens the paragraph and speaks in its document (``某某部、某某部在慰问
    信中说，…``: invented names; issue 12, round 13, from the twelfth part's errors) speaks through it too:

    >>> _opening_document("水利部、农业部在慰问信中说，……", ("慰问信",), ministries=_ministry_name_pattern(("部",)))
    [(8, 11)]
    >>> _opening_document("干部们在慰问信中说，……", ("慰问信",), ministries=_ministry_name_pattern(("部",)))
    []
    """
    if not documents:
        return []
    match = _body_pattern(documents).search(text[: max_owner + 2 + max(map(len, documents))])
    if match is None:
        return []
    before = text[: match.start()]
    if before not in _DOCUMENT_DETERMINERS:
        owned = (len(before) <= max_owner + 1 and before.endswith("的") and "，" not in before
                 and ((leaders is not None and leaders.match(before) is not None)
                      or (bool(bodies) and _body_pattern(bodies).match(before) is not None)))
        in_document = (ministries is not None and len(before) <= max_owner + 1 and before.endswith("在")
                       and text[match.end():match.end() + 1] == "中"
                       and all(ministries.fullmatch(name) for name in before[:-1].split("、")))
        if not (owned or in_document):
            return []
    return [(match.start(), match.end())]


def _sent_document(text: str, documents: tuple[str, ...], senders: list[tuple[int, int]], *,
                   max_lead: int = 40) -> list[tuple[int, int]]:
    """A document named at the start of a clause (after ``，``) when a speaker (a leader, a leading body) opens the
    sentence before it within ``max_lead`` characters: ``王某副总理为会议发来贺信，贺信指出，…`` (invented).

    Linear: one pass over the clause starts.

    >>> _sent_document("王某副总理为会议发来贺信，贺信指出，成绩显著。", ("贺信",), [(0, 2)])
    [(13, 15)]
    >>> _sent_document("代表们读了贺信，贺信指出，成绩显著。", ("贺信",), [])
    []
    """
    if not documents or not senders:
        return []
    found = []
    pattern = _body_pattern(documents)
    for m in re.finditer("，", text):
        doc = pattern.match(text, m.end())
        if doc is None:
            continue
        start = max(text.rfind(c, 0, m.start()) for c in "。！？；") + 1
        if any(start <= s < m.start() and s - start <= max_lead for s, _ in senders):
            found.append(doc.span())
    return found


def _sentence_pronouns(text: str, speakers: list[tuple[int, int]], others: tuple[int, ...] = (), *,
                       max_lead: int = 10) -> list[tuple[int, int]]:
    """他/她 opening a sentence whose previous sentence opens with a speaker (a leader) within ``max_lead``
    (after an adverbial of place or time too, :func:`_opens_sentence`), no other person (``others``: their start offsets) named before the speaker in that sentence.

    Linear: one pass over the sentence starts, the speakers sorted once.

    >>> _sentence_pronouns("李鹏在车间询问生产情况。他说，要保证安全。", [(0, 2)])
    [(12, 13)]
    >>> _sentence_pronouns("记者在车间看到，李鹏询问生产情况。他说，要保证安全。", [(8, 10)])
    []
    >>> _sentence_pronouns("王国王对李鹏的来访表示欢迎。他说，两国友好。", [(4, 6)], (0,))
    []
    >>> _sentence_pronouns("在大厅里，李鹏向职工问好。他还说，要保证安全。", [(5, 7)])
    [(13, 14)]
    """
    if not speakers:
        return []
    starts = sorted(s for s, _ in speakers)
    found, previous, index = [], 0, 0
    for m in re.finditer(r"[。！？；]", text):
        begin = m.end()
        while index < len(starts) and starts[index] < previous:
            index += 1
        opens = index < len(starts) and starts[index] < begin and _opens_sentence(text, starts[index], max_lead=max_lead) \
            and not any(previous <= o < starts[index] for o in others[bisect.bisect_left(others, previous):][:3])
        if opens and re.match(r"[他她](?![们])", text[begin:begin + 2]):
            found.append((begin, begin + 1))
        previous = begin
    return found


@functools.lru_cache(maxsize=4)
def _body_pattern(bodies: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(b) for b in sorted(bodies, key=len, reverse=True)))


def _speech_share(text: str, verbs: tuple[str, ...], free: tuple[str, ...] = ()) -> float:
    """Share of the text from the first ``说，``/``表示：`` (any speaker) — or a verb of ``free`` that needs no
    punctuation after it (呼吁, 劝告, 警告 …; not before 的) — to the end.

    >>> _speech_share("该组织呼吁各国采取措施。", ("说",), ("呼吁",)), _speech_share("他的呼吁得到响应。", ("说",), ("呼吁",))
    (0.75, 0.0)
    """
    if not text:
        return 0.0
    pattern = _speech_verb_pattern(verbs, free)
    match = pattern.search(text)
    return (len(text) - match.start()) / len(text) if match else 0.0


@functools.lru_cache(maxsize=4)
def _speech_verb_pattern(verbs: tuple[str, ...], free: tuple[str, ...] = ()) -> re.Pattern:
    # Not after 据 (据…介绍) and not 说明/表示感谢: the verb must be followed by ，/：. Not after 我/我们: the author's
    # own claim in an essay (我认为，…) reports nobody's speech (issue 12 round 11, from the tenth part's errors).
    pattern = "(?<!我)(?<!我们)(?:" + "|".join(re.escape(v) for v in verbs) + ")[，：,:]"
    if free:  # ... a free verb opens the words it reports (该组织呼吁…), not a noun phrase (呼吁的, 呼吁书)
        pattern += "|(?<![的])(?:" + "|".join(re.escape(v) for v in free) + ")(?![的书声])"
    return re.compile(pattern)


#: Tags of the token after a place or body that acts (verb, adverb, preposition, auxiliary).
_AGENT_NEXT = frozenset("vdpct")
#: A place or body opening a clause is its subject (国家统计局今天发布…; 全省各地…).
_CLAUSE_START = frozenset(["", "，", "。", "；", "：", "！", "？", "、"])
_NOT_AGENT_AFTER = frozenset(["的", "全市", "全省", "全区", "全县", "全国", "”", "’", "」"])


def _place_agents(tagged, org_words: frozenset[str] = frozenset(), *, places: bool = True) -> int:
    """Places and institutions that can act: place or organisation names, institution words
    standing alone (医院, 政府, 派出所 … from the ``org_suffix`` cues) and 我国 — not
    when followed by 的 or a numeral, and not unnamed collectives (党组织, 群众).  With ``places=False``
    only institutions (``nt`` names and institution words: 县委, 政府), not bare place names (``ns``, 我国)."""
    collectives = frozenset(_data.cue_words("collective"))
    count = 0
    previous = ""
    for (word, tag, _, _), (nxt, ntag, _, _) in zip(tagged, list(tagged[1:]) + [("", "", 0, 0)]):
        opens, previous = previous in _CLAUSE_START, word
        if nxt in _NOT_AGENT_AFTER or ntag == "m" or word in collectives:
            # 武汉的医务人员, 乌海市1900多个党组织, 乌海全市3万余名党员, “突击队”: people,
            # a count or a coined name, not an acting institution
            continue
        acting = tag in ("ns", "nt") or word in org_words or word == "我国" if places else \
            tag == "nt" or (word in org_words and tag != "ns")
        if acting and (opens or ntag[:1] in _AGENT_NEXT):
            count += 1  # the place or body acts: a verb, an adverb or a preposition follows (湖南实现了, 我国已…)
    return count


def _exemplar_names(mentions: pd.DataFrame, leaders: frozenset[str]) -> frozenset[str]:
    """People who can make an exemplar: named with a title or role somewhere in the report,
    or mentioned twice or more; top leaders never.  The people come from
    :func:`analysis.rhetoric.actors` (the shared recognition), and a
    paragraph's exemplars are its recognised mentions of these people.  On the
    dev part of the development set that agrees with the hand labels as well
    as or better than finding the names as strings in the text only when the
    people are recognised with the report's tokenizer (0.844 against 0.838;
    with the plain tokenizer 0.825): see :func:`_names_tokenizer`."""
    people = mentions[(mentions["kind"] == "person") & ~mentions["actor"].isin(leaders)]
    titled = set(people.loc[people["title"] != "", "actor"])
    repeated = set(people["actor"].value_counts().loc[lambda s: s >= 2].index)
    return frozenset(n for n in titled | repeated if len(n) >= 2)


def _dateline_alone(report: Report) -> bool:
    """Whether the loader set aside a dateline that stood on a line of its own (a roundup's opening)."""
    line = getattr(report, "dateline", None)
    if not isinstance(line, dict) or line.get("raw_end") is None or not line.get("text"):
        return False
    paragraphs = getattr(report, "paragraphs", None)
    if paragraphs is not None and len(paragraphs) and int(line["raw_end"]) > int(paragraphs["raw_start"].min()):
        return False  # a closing dateline alone (（新华社北京１月１３日电） under the text) opens no roundup
    after = report.raw[int(line["raw_end"]):int(line["raw_end"]) + 1]
    return after in ("", "\n", "\r")


_SENTENCE_FINAL = tuple("。！？!?…”’」』")


def _not_a_move(text: str, *, before_lead: bool, max_subtitle: int = 40) -> bool:
    """A photo caption (``…（新华社记者…摄）``), a caption marker (``（Ａ、Ｂ）``), or, before the
    lead, a sub-title: short, without sentence-final punctuation or a colon (the newspaper's 副题),
    or a deck of points marked ``●``; anywhere, a short numbered point (``一、…``).

    >>> _not_a_move("（Ａ、Ｂ）", before_lead=False), _not_a_move("向职工祝贺新年", before_lead=True)
    (True, True)
    >>> _not_a_move("向职工祝贺新年", before_lead=False), _not_a_move("今天下雨了。", before_lead=True)
    (False, False)
    >>> _not_a_move("会议强调：●要稳定粮食生产，这是第一位的任务●要增加农民收入，这是工作的出发点", before_lead=True)
    True
    """
    text = text.strip()
    if not text:
        return False
    if re.fullmatch(r"[（(][^（）()]{0,30}[）)]", text) or text.endswith(("摄）", "摄)")):
        return True
    if before_lead and "●" in text:  # the newspaper's deck under the title (江泽民强调：●…●…)
        return True
    if len(text) <= max_subtitle and re.match(r"[一二三四五六七八九十]{1,3}、", text):
        return True  # a numbered point of a document or speech (一、进一步稳定和加强农业的基础地位。)
    return before_lead and len(text) <= max_subtitle and not text.endswith(_SENTENCE_FINAL) \
        and "：" not in text and ":" not in text


#: What a foreign official asks, urges or advises (no punctuation needed after the verb): reported speech.
_FOREIGN_ASKS = ("要求", "呼吁", "劝告", "敦促", "强调", "指出", "希望")
_COMPLYING = re.compile(r"(?:按照|根据|遵照|依照|贯彻|落实)[^，。；！？：]{0,8}$")


def _complied_with(text: str, start: int) -> bool:
    """Whether the speaker at ``start`` is the one whose request others carry out: 按照/根据/遵照 … right before
    the name in its clause (按照中央领导同志的要求，各地…).

    >>> _complied_with("按照党中央的要求，各地行动起来。", 2), _complied_with("党中央要求各地行动起来。", 0)
    (True, False)
    """
    return _COMPLYING.search(text[max(0, start - 10):start]) is not None


#: A paragraph that opens with 他/她 (还, 又 …) and a speech verb: the speaker is the one of the paragraph before.
_PRONOUN_SPEECH = re.compile(r"[他她](?:还|又|也|同时|接着|随后|最后|进一步)?(?:说|指出|强调|表示|认为|介绍说|告诉记者)")
#: Directive modals (要 not in 要求, 重要, 主要, 需要, 只要, 要素, 纲要, 要点, 要闻, 要是, 将要, 想要).
_DIRECTIVE_MODAL = re.compile(r"(?:必须|务必|应当|(?<![重主需只纲将想])要(?![求素点闻是]))")


def _continues_directive(text: str, subjects: tuple[str, ...],
                         speech: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()), max_subject: int = 20, *,
                         modals: bool = True) -> bool:
    """The paragraph goes on with the directive before it.

    A directive document or speech continues over paragraphs that do not name
    the speaker again: they open with the addressee and 要 (``各级党委（党组）要…``; or a
    sentence of theirs does),
    with 要/必须 alone (the document's next instruction), with 希望 (the speaker's
    expectation: 希望大家…, not 希望工程), or with 他/她 and a
    leader verb (``他说，`` ``他指出，``), or it holds two directive modals or more
    (要, 必须, 应当, 务必; ``modals``: the caller passes ``False`` when the
    paragraph names a person or reports speech).  The rule applies only right after a
    ``LEADER_DIRECTIVE`` paragraph (or a lead reporting a leader's words).

    >>> _continues_directive("各级党委（党组）要带领群众守住大堤。", ("各级",))
    True
    >>> _continues_directive("各级党委组织了培训。", ("各级",))
    False
    >>> _continues_directive("投入最重要。各级政府要继续加大投入。", ("各级",))
    True
    >>> _continues_directive("要加快建设步伐，确保按期完工。", ())
    True
    >>> _continues_directive("他说，这项工作很重要。", (), (("说",), ()))
    True
    >>> _continues_directive("他们说，这项工作很重要。", (), (("说",), ()))
    False
    >>> _continues_directive("历史表明，基础最重要。各地一定要抓紧落实，必须保证质量。", ())
    True
    >>> _continues_directive("这是最重要的工作，也是主要的任务。", ())
    False
    >>> _continues_directive("希望大家继续努力。", ()), _continues_directive("希望工程资助了学生。", ())
    (True, False)
    >>> _continues_directive("今年要加快改革。", ()), _continues_directive("今年要在车上过年。", (), modals=False)
    (True, False)
    >>> _continues_directive("二、加强学习。要教育干部学习英模的精神。", (), modals=False)
    True
    >>> _continues_directive("二、工厂去年盈利三百万元。", (), modals=False)
    False
    """
    if re.match(r"(?:同时，)?(?:要|必须|务必|一定要)(?![求素点闻是])", text):
        return True
    # a time adverbial, then the instruction (今年要…, 今后要…): only where the paragraph names no one and reports no
    # speech (``modals``; a worker's 今年要在车上过春节 is no instruction)
    if modals and re.match(r"(?:今年|明年|今后|当前|下一步|新的一年)，?(?:要|必须|务必|一定要)(?![求素点闻是])", text):
        return True
    # the next numbered point of the document (二、… （三）… 第四，…) that instructs (要, 必须 …): the document's
    # structure goes on, whoever its point names (学雷锋, 江主席的要求)
    if re.match(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[，、是])",
                text) and _DIRECTIVE_MODAL.search(text):
        return True
    if re.match(r"(?:他|她)?(?:还|并)?希望(?!工程|小学|之)", text):  # the speaker's expectation goes on (希望大家…)
        return True
    if modals and len(_DIRECTIVE_MODAL.findall(text)) >= 2 and not re.search("[“”]", text[:2]):
        return True  # the document's instructions go on (…。各地一定要…。要坚定不移地…)
    if re.match(r"[他她](?![们])", text) and _speech_spans(text, [(0, 1)], *speech, max_gap=12):
        return True
    if not subjects:
        return False
    # a sentence that opens with the addressee and 要 (…。各级政府和有关部门要继续…), at the start or further in
    for start in [0] + [m.end() for m in re.finditer(r"[。；！？]", text)]:
        if text.startswith(subjects, start):
            clause = re.split(r"[，。；：！？]", text[start:start + max_subject + 2], maxsplit=1)[0]
            if re.search(r"要(?![求素点闻])", clause) is not None:
                return True
    return False


def paragraph_moves(
    report: Report,
    *,
    tokenizer=None,
    min_quote_share: float = 0.25,
    min_speech_share: float = 0.4,
    min_numbers: int = 3,
    min_numbers_per_100: float = 2.0,
    method: str = "crf",
) -> pd.DataFrame:
    """Label every paragraph with its rhetorical move by transparent rules.

    Rules, in order (the first that fires wins; ``rule`` says which):

    1. ``DATELINE`` (not a move): the first paragraph is only a dateline
       (``央视网消息（新闻联播）：``); such a report (or one whose dateline
       the loader set aside from a line of its own, ``report.dateline``) is
       a roundup of items with no lead.
    2. ``LEAD``: the first paragraph with content (a dateline prefix is ignored).
    3. ``CLOSING_EVALUATION``: the loader marks the closing paragraph, or the
       last paragraph evaluates (an evaluation cue or an exclamation) and
       has no numbers, no named person and no reported speech.
    4. ``LEADER_DIRECTIVE``: a leader (a name in ``leaders.tsv``, a person
       introduced with a leader title, a title such as 总书记, or 他/她 after
       one), a leading body (会议, 党中央 …) or a document in 《》 is followed in
       the same clause by a leader verb with ``，``/``：`` (指出， 强调， 表示，)
       or by 要求 / 作出重要指示 / 批示 / 希望; a leading body's decision that
       announces its articles (``…作如下修改：``), and after a directive the
       articles and amendments of its document (``第X条``, ``修改为``, ``删去``,
       ``本决定…``: tried before the heading rule) or a paragraph that goes on
       with it (``各级党委要…``, ``他说，``, ``希望…``); ``他说，``/``他指出，``
       opening a paragraph right after one that opens with a leader (his
       activity: ``李鹏向客人介绍了…。``).
    5. ``QUOTATION``: speech-like quotations cover ``min_quote_share`` of the
       paragraph, or reported speech (``说，`` ``表示，``) runs over
       ``min_speech_share`` of it (what a foreign official, ``foreign_office``
       cues, asks in the same clause, ``某国总统某某要求…``, is reported speech;
       so is what follows a ``reported_speech_free`` verb, 呼吁, 警告 …).
    6. ``INSTITUTIONAL_ACTION`` for an attendance line (``…等出席会议``).
    7. ``EXEMPLAR``: a named person who is not a leader, in a paragraph that
       names no top leader (a leader meeting or honouring someone is the
       leader's activity, rule 9).
    8. ``STATISTICAL_EVIDENCE``: ``min_numbers`` quantities (not dates) at
       ``min_numbers_per_100`` per 100 characters.
    9. ``INSTITUTIONAL_ACTION``: a named organisation, a place as agent (a
       bare place only in a dispatch, an item with a dateline: in an essay or
       a feature it is the scene), a leader's activity without speech (a top
       leader, or anyone with a leader title who is not an exemplar: the head
       of a region visiting), or two measure verbs.
    10. ``GENERAL_CLAIM``: anything else.

    Args:
        report: A parsed report.
        tokenizer: A :class:`analysis.Tokenizer`.
        min_quote_share: Share of characters in speech-like quotations that
            makes a ``QUOTATION`` paragraph.
        min_speech_share: Share of the paragraph in reported speech that
            makes a ``QUOTATION`` paragraph.
        min_numbers: Numeric claims needed for ``STATISTICAL_EVIDENCE``.
        min_numbers_per_100: ... and their density per 100 characters.
        method: ``"crf"`` (default since issue 12 round 12) or ``"rules"``:
            with ``"crf"`` the paragraph-sequence CRF of
            :mod:`analysis.rhetoric.move_model` relabels the rules' moves (it
            keeps their answer in ``rule_move``/``rule_rule``, and keeps the
            rules' move where it would turn a move into a heading or back, and
            in a report with subheadings, outside its training data: 2 of 270
            development items have any).  Forward in time — trained on the
            parts labelled before part k, scored on part k against the rules
            as they were when part k was first scored — it was ahead on four
            of five parts (7–11: 0.749/0.840/0.685/0.841/0.694 against the
            rules' 0.740/0.817/0.678/0.750/0.736; ``python
            benchmarks/train_move_model.py --forward``), and on the twelfth
            part's first scoring (0.861 against 0.820); see
            ``data/annotations/dev_rhetoric_guidelines.md``.  ``"rules"``
            gives the rules alone (every rule above is theirs).

    Returns:
        The columns of :func:`paragraph_features` plus ``move`` (one of
        :data:`MOVES`, or ``DATELINE`` for a dateline-only paragraph),
        ``rule`` (the rule that fired, in words) and ``sectioned`` (the report
        has subheadings: the model keeps the rules' moves there); with
        ``"crf"`` also ``rule_move`` and ``rule_rule`` (the rules' answer).

    >>> from analysis import load_report
    >>> m = paragraph_moves(load_report())
    >>> m.move.iloc[0], m.move.iloc[-1]
    ('LEAD', 'CLOSING_EVALUATION')
    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n央视网消息（新闻联播）：各地行动起来。\\n\\n习近平总书记强调，要坚定信心。")
    >>> paragraph_moves(r).move.tolist(), paragraph_moves(r, method="rules").move.tolist()
    (['LEAD', 'LEADER_DIRECTIVE'], ['LEAD', 'LEADER_DIRECTIVE'])
    """
    if method not in ("rules", "crf"):
        raise ReportError(f"unknown move method {method!r}: use 'rules' or 'crf'")
    features = paragraph_features(report, tokenizer=tokenizer)
    subjects = _data.cue_words("directive_subject")
    speech = (_data.cue_words("leader_verb"), _data.cue_words("leader_verb_free"))
    moves, rules = [], []
    directive_before = False
    leader_subject_before = False  # the paragraph before opens with a leader (习近平向客人介绍了…。 / 他说，…)
    # A roundup (国内联播快讯) opens with a dateline on a line of its own; the loader may have set it aside
    # (report.dateline), so the first paragraph left is already an item: no lead.
    lead_done = _dateline_alone(report)
    sectioned = len(report.headings) > 0 and not features["dateline_only"].any() and not lead_done
    dispatch = _dispatch(report, features)
    for f in _rows(features):
        if f.dateline_only and not lead_done:
            # A roundup (国内联播快讯): dateline, then items each with its own moves; no lead.
            move, rule = DATELINE, "dateline only: not a move"
            lead_done = True
        elif directive_before and f.document_article:
            # the decision's articles and amendments (一、第二条修改为：“…”, 删去第二十条。, 本决定自发布之日起施行。)
            move, rule = "LEADER_DIRECTIVE", "an article of the directive document before it (第X条, 修改为, 本决定…)"
        elif _not_a_move(f.text, before_lead=not lead_done):
            move, rule = HEADING, "sub-title, photo caption or caption marker: not a move"
        elif not lead_done:
            move, rule = "LEAD", "first paragraph with content"
        elif (sectioned and f.part == "closing") or (f.position == "last" and (f.n_evaluation_cues > 0 or f.exclamation)
                                     and f.n_numbers == 0 and f.n_people == 0 and f.speech_share == 0
                                     and not f.leader_directive):
            move, rule = "CLOSING_EVALUATION", "closing paragraph"
        elif f.leader_directive:
            move, rule = "LEADER_DIRECTIVE", "leader, leading body or document + directive verb"
        elif f.announces_document:
            move, rule = "LEADER_DIRECTIVE", "a leading body announces its decision's articles (…作如下修改：)"
        elif directive_before and _continues_directive(f.text, subjects, speech,
                                                       modals=f.n_people == 0 and f.speech_share == 0):
            move, rule = "LEADER_DIRECTIVE", "continues the directive before it (各级党委要…, 他说，…, 要…)"
        elif leader_subject_before and f.pronoun_speech:
            move, rule = "LEADER_DIRECTIVE", "他说，… after a paragraph that opens with a leader (his activity or words)"
        elif f.quote_share >= min_quote_share:
            move, rule = "QUOTATION", f"speech-like quotation covers {f.quote_share:.0%}"
        elif f.speech_share >= min_speech_share:
            move, rule = "QUOTATION", f"reported speech covers {f.speech_share:.0%}"
        elif f.attendance:
            move, rule = "INSTITUTIONAL_ACTION", "attendance line"
        elif f.n_people > 0 and f.n_leaders == 0:
            # (a paragraph that names a top leader and no speech is the leader's activity, rule 9)
            move, rule = "EXEMPLAR", f"named person: {f.people}"
        elif f.n_numbers >= min_numbers and f.numbers_per_100 >= min_numbers_per_100:
            move, rule = "STATISTICAL_EVIDENCE", f"{f.n_numbers} numeric claims ({f.numbers_per_100:.1f} per 100 chars)"
        elif (f.n_organisations > 0 or (f.n_place_agents > 0 and dispatch) or f.n_institution_agents > 0
              or f.n_leaders > 0 or f.n_local_leaders > 0 or f.n_measure_verbs >= 2):
            # (in an item without a dateline, a signed essay or a feature, a bare place is the scene or the topic:
            # 成都的母亲河…, 话剧在我国生根…; it acts only in a dispatch; an institution acts anywhere: 县委、县政府…)
            move, rule = "INSTITUTIONAL_ACTION", (f"{f.n_organisations} named organisations, {f.n_place_agents} "
                                                  f"places as agents, {f.n_leaders + f.n_local_leaders} leaders, "
                                                  f"{f.n_measure_verbs} measure verbs")
        else:
            move, rule = "GENERAL_CLAIM", "no specific actor, number or quotation"
        lead_done = lead_done or move == "LEAD"
        # A heading (一、…) inside a directive does not end it; a lead that reports a leader's words starts one.
        if move != HEADING:
            leader_subject_before = move in ("LEADER_DIRECTIVE", "INSTITUTIONAL_ACTION", "LEAD") and bool(
                f.leader_opens) or (move == "LEADER_DIRECTIVE" and leader_subject_before and bool(f.pronoun_speech))
            directive_before = move == "LEADER_DIRECTIVE" or (move == "LEAD" and bool(f.leader_directive
                                                                                      or f.announces_document))
        moves.append(move)
        rules.append(rule)
    features["move"] = moves
    features["rule"] = rules
    features["sectioned"] = bool(sectioned)
    if method == "crf":
        from .move_model import apply_model

        return apply_model(features)
    return features


def _dispatch(report: Report, features: pd.DataFrame, *, first: int = 3) -> bool:
    """Whether the item is a news dispatch: a dateline set aside by the loader, or one of its first paragraphs
    opens with a dateline or source (:func:`dateline`: 新华社…电, 本报讯, 央视网消息).

    An item without one is a signed essay, a feature or a literary piece of the newspaper's supplement; on dev
    parts 1–9 its paragraphs with a place as the only agent are general claims 13 times, institutional actions 7
    (issue 12, round 10).

    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n新华社北京１月７日电　会议召开。\\n\\n会议要求各地落实。")
    >>> _dispatch(r, paragraph_features(r))
    True
    >>> r = parse_report("标题\\n\\n江南的水乡总是这样安静。\\n\\n小镇迎来了春天。")
    >>> _dispatch(r, paragraph_features(r))
    False
    """
    line = getattr(report, "dateline", None)
    if isinstance(line, dict) and line.get("text"):
        return True
    return any(dateline(text) is not None for text in features["text"].head(first))


def load_move_annotations(path: str | Path | None = None) -> pd.DataFrame:
    """Read hand-labelled paragraph moves (default ``data/annotations/paragraph_moves.csv``).

    Returns:
        DataFrame with columns ``paragraph_id, move, secondary_move,
        annotator, note, text``.

    Raises:
        ReportError: The file is missing, lacks columns, or uses a label
            not in :data:`MOVES`.

    >>> load_move_annotations().move.iloc[0]
    'LEAD'
    """
    path = Path(path) if path is not None else DEFAULT_ANNOTATIONS
    if not path.is_file():
        raise ReportError(f"{path}: no such annotation file; pass the path of a CSV with paragraph_id, move, text")
    frame = pd.read_csv(path, dtype={"paragraph_id": int}, keep_default_na=False)
    missing = {"paragraph_id", "move", "text"} - set(frame.columns)
    if missing:
        raise ReportError(f"{path} lacks columns {sorted(missing)}: it needs paragraph_id, move and text")
    unknown = sorted(set(frame["move"]) - set(MOVES))
    if unknown:
        raise ReportError(f"{path} uses unknown move labels {unknown}: use one of {MOVES}")
    return frame


def _joined(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    merged = predicted[["paragraph_id", "text", "move"]].merge(
        gold[["paragraph_id", "text", "move"]], on=["paragraph_id", "text"], suffixes=("_rules", "_hand")
    )
    if len(merged) < len(gold):
        raise ReportError(
            f"only {len(merged)} of {len(gold)} annotated paragraphs match the report on paragraph_id and text: "
            "the annotations belong to another report or the loader changed; re-check the annotation file"
        )
    return merged


def move_agreement(predicted: pd.DataFrame, gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """Agreement of rule labels with hand labels: accuracy and Cohen's kappa.

    Rows are joined on ``paragraph_id`` **and** ``text``.

    Args:
        predicted: Output of :func:`paragraph_moves`.
        gold: Output of :func:`load_move_annotations` (default file if ``None``).

    Returns:
        One-row DataFrame with columns ``n, agree, accuracy, expected,
        kappa`` (``expected`` is the chance agreement of the two label
        distributions).

    Raises:
        ReportError: The annotations do not match the report's paragraphs.

    >>> p = pd.DataFrame({"paragraph_id": [1, 2], "text": ["a", "b"], "move": ["LEAD", "EXEMPLAR"]})
    >>> move_agreement(p, p).loc[0, ["accuracy", "kappa"]].tolist()
    [1.0, 1.0]
    """
    gold = load_move_annotations() if gold is None else gold
    merged = _joined(predicted, gold)
    n = len(merged)
    agree = int((merged.move_rules == merged.move_hand).sum())
    observed = agree / n if n else 0.0
    p_rules = merged.move_rules.value_counts(normalize=True)
    p_hand = merged.move_hand.value_counts(normalize=True)
    expected = float(sum(p_rules.get(k, 0.0) * p_hand.get(k, 0.0) for k in set(p_rules.index) | set(p_hand.index)))
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return pd.DataFrame([dict(n=n, agree=agree, accuracy=observed, expected=expected, kappa=kappa)])


def move_confusion(predicted: pd.DataFrame, gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """Confusion matrix: hand labels (rows) by rule labels (columns), moves in :data:`MOVES` order.

    >>> p = pd.DataFrame({"paragraph_id": [1], "text": ["a"], "move": ["LEAD"]})
    >>> int(move_confusion(p, p).loc["LEAD", "LEAD"])
    1
    """
    gold = load_move_annotations() if gold is None else gold
    merged = _joined(predicted, gold)
    labels = [m for m in MOVES if m in set(merged.move_hand) | set(merged.move_rules)]
    table = pd.crosstab(merged.move_hand, merged.move_rules).reindex(index=labels, columns=labels, fill_value=0)
    table.index.name, table.columns.name = "hand", "rules"
    return table
