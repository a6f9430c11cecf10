"""Who is named in a report: people, places and organisations, with their evidence.

One recognition for the whole package: :func:`analysis.frequency.entities`
(counts per entity), :func:`analysis.rhetoric.actors` (mentions with titles)
and corpus mode call :func:`text_entities` / :func:`mentions`, so the
notebooks, the command line and the corpus tables agree.

Methods (``method=``), compared on held-out People's Daily 1998 paragraphs by
:func:`analysis.evaluation.entities.entity_scores`:

``jieba``
    jieba's tags alone (``nr`` person, ``ns`` place, ``nt`` organisation;
    consecutive ``nr`` tokens are one person).
``rules``
    jieba's tags, cleaned and completed by the rules of this module: a
    ``nr`` token that is a common word of jieba's dictionary (关怀, 祝贺, 明星)
    is a person only with a title beside it; a name is found from a title or
    role before or after it (``市委书记孙伟``, ``习近平总书记``, ``护士周婷婷``),
    a foreign name from its ``·``; a proper noun with a place suffix
    (白沙 + 村, 柳溪镇) is a place, not a person; a name whose surname the
    segmenter glued to the department word before it is taken back when a
    person or a title follows (``微检科班慧和赵紫东``: jieba cuts 科班 | 慧和).
``crf`` (the default)
    the character CRF of :mod:`analysis.entity_model`, trained on the
    development part of People's Daily 1998, with the same title rules
    (and the glued-name rule) on top.

With every method the names of the tokenizer's report, suggested and user
dictionaries win over the model (evidence ``dictionary``), and a person
needs a plausible form (a surname, a ``·`` name, a title beside it, or a
dictionary entry).  Media names (新华社, 央视网) are organisations with the
role ``source``: they are cited, not acting.

The second half proposes a report's names before any dictionary exists
(:func:`suggest_user_dict`), from the text itself; :meth:`Tokenizer.for_report`
adds the accepted suggestions, and :func:`write_user_dict` saves them as a
dictionary file the user can edit.

The cue words (titles, roles, place and organisation suffixes, media) are in
``data/dictionaries/name_cues.tsv`` and the surnames in
``data/dictionaries/surnames.txt``.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from . import paths
from .errors import ReportError
from .inputs import is_report

LOGGER = logging.getLogger(__name__)

__all__ = [
    "Method", "DEFAULT_METHOD", "ENTITY_TYPES", "MENTION_COLUMNS", "SUGGESTION_COLUMNS", "text_entities",
    "mentions", "mention_keys", "load_resources", "suggest_user_dict", "write_user_dict", "name_cues", "surnames",
    "corpus_person_span",
]

Method = Literal["jieba", "rules", "crf"]
#: The method used when none is given (chosen from the held-out figures: see the README).
DEFAULT_METHOD: Method = "crf"
#: Entity types, in display order.
ENTITY_TYPES = ("person", "place", "organisation")
#: Columns of :func:`mentions`.
MENTION_COLUMNS = [
    "mention_id", "entity", "type", "role", "evidence", "part", "paragraph_id", "sentence_id", "section",
    "start", "end", "raw_start", "raw_end", "caption_id",
]
#: Columns of :func:`suggest_user_dict`.
SUGGESTION_COLUMNS = ["word", "pos", "count", "evidence", "accept", "offsets"]

_TYPE_OF_TAG = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "organisation"}
_POS_OF_TYPE = {"person": "nr", "place": "ns", "organisation": "nt"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_FOREIGN = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·•・][\u4e00-\u9fff]{1,8})+")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
#: Single-character tokens with these tags do not start a name (向李书记: 向 is a preposition here).
_NOT_NAME_START = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "v", "f", "m", "q", "y", "e", "zg"}


# -- data ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def name_cues() -> pd.DataFrame:
    """The cue words of ``data/dictionaries/name_cues.tsv`` (``cue, kind, note``).

    >>> sorted(set(name_cues()["kind"]))
    ['address', 'media', 'org_suffix', 'place_suffix', 'title_after', 'title_before', 'unit_suffix', 'verb_after']
    """
    path = paths.DICTIONARIES_DIR / "name_cues.tsv"
    if not path.is_file():
        raise ReportError(f"{path} is missing: restore it from the project's data/dictionaries folder")
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


@functools.cache
def _cues(kind: str) -> tuple[str, ...]:
    table = name_cues()
    return tuple(sorted(set(table.loc[table["kind"] == kind, "cue"]), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Surnames of ``data/dictionaries/surnames.txt``.

    >>> {"习", "欧阳"} <= surnames()
    True
    """
    from .datafiles import read_lines

    words = set()
    for line in read_lines(paths.DICTIONARIES_DIR / "surnames.txt", what="surname list"):
        words.update(line.split())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def _jieba_frequencies() -> dict[str, tuple[int, str]]:
    """jieba's main dictionary: word → (frequency, tag), read once."""
    from . import jieba_dict

    tags = jieba_dict.tags()
    return {word: (count, tags[word]) for word, count in jieba_dict.frequency_dict().items()}


def _common_word(word: str, threshold: int = 100) -> bool:
    """A word of jieba's dictionary with at least ``threshold`` occurrences (关怀, 祝贺, 强调, 洪水)."""
    freq, _ = _jieba_frequencies().get(word, (0, ""))
    return freq >= threshold  # jieba tags 洪水, 高明 … ``nr`` in its own dictionary: the tag is no evidence


def _surname_at(text: str, i: int) -> int:
    """Length of the surname starting at ``text[i]`` (2 for 欧阳), 0 if none."""
    names = surnames()
    if text[i:i + 2] in names:
        return 2
    return 1 if text[i:i + 1] in names else 0


def _plausible_person(word: str) -> bool:
    """A form a Chinese or foreign personal name can have: surname + 1–2 characters, or a ``·`` name."""
    if "·" in word or "•" in word or "・" in word:
        return True
    k = _surname_at(word, 0)
    return bool(k) and 1 <= len(word) - k <= 2 and all(_HAN.match(c) for c in word)


def _transliterated(tokens: _Tokens, start: int, end: int) -> bool:
    """The span is one token jieba tags as a transliterated name (``nrt``: 柴可夫斯基)."""
    token = tokens.token_at(start)
    return token is not None and token[3] == end and token[1] == "nrt"


def _too_long_for_a_name(word: str) -> bool:
    """Surname + three or more characters, without ``·``: not a Han name (张贴标语; 阿拉腾图亚 comes from a dictionary)."""
    k = _surname_at(word, 0)
    return bool(k) and len(word) - k > 2 and not any(d in word for d in "·•・")


# -- token geometry ----------------------------------------------------------------


def _spans(tagged: Sequence[tuple[str, str]]) -> list[tuple[str, str, int, int]]:
    out, position = [], 0
    for word, tag in tagged:
        out.append((word, tag, position, position + len(word)))
        position += len(word)
    return out


class _Tokens:
    """Token boundaries and tags of one text, for the rules."""

    def __init__(self, tagged: Sequence[tuple[str, str]]):
        self.items = _spans(tagged)
        self.starts = {s: k for k, (_, _, s, _) in enumerate(self.items)}
        self.ends = {e: k for k, (_, _, _, e) in enumerate(self.items)}
        self.end_list = [e for _, _, _, e in self.items]  # increasing: tokens are in text order

    def first_ending_after(self, i: int) -> int:
        """Index of the first token that ends after offset ``i``."""
        return bisect.bisect_right(self.end_list, i)

    def boundary(self, i: int) -> bool:
        return i in self.starts or i in self.ends

    def token_at(self, i: int):
        k = self.starts.get(i)
        return self.items[k] if k is not None else None


def _name_tokens_ok(tokens: _Tokens, start: int, end: int) -> bool:
    """No token inside a candidate name is a function word or a common word (谢谢丁, 包的, 刘宇摄)."""
    # start at the first token that reaches into the name (a scan from the text's start is quadratic)
    for k in range(tokens.first_ending_after(start), len(tokens.items)):
        word, tag, s, e = tokens.items[k]
        if s >= end:
            break
        if s < start or e > end:
            return False  # the name would cut a word
        if s == start and word in surnames():
            continue  # 欧阳 (tagged a place by jieba) opening 欧阳婷婷
        if tag in _NOT_NAME_START:
            return False
        if len(word) >= 2 and not tag.startswith("nr") and _common_word(word, 50):
            return False
    return True


def _name_after_title(text: str, tokens: _Tokens, at: int) -> int:
    """End of a name that starts at ``at`` (right after a title), or -1."""
    k = _surname_at(text, at)
    if not k:
        return -1
    first = tokens.token_at(at)
    if first is not None and len(first[0]) == 1 and first[1] in _NOT_NAME_START and first[0] not in surnames():
        return -1
    best = -1
    for length in (2, 1):
        end = at + k + length
        if end > len(text) or not all(_HAN.match(c) for c in text[at:end]) or not tokens.boundary(end):
            continue
        if length == 2:
            third = tokens.token_at(end - 1)
            if third is not None and len(third[0]) == 1 and not third[1].startswith("nr"):
                continue  # 孙伟说, 刘宇摄: the third character is a word of its own
        if not _name_tokens_ok(tokens, at, end):
            continue
        best = end
        break
    if best < 0 or _common_word(text[at:best], 50) or all(c in _NUMERALS for c in text[at + k:best]):
        return -1
    return best


def _name_before_title(text: str, tokens: _Tokens, end: int) -> int:
    """Start of a name that ends at ``end`` (right before a title), or -1."""
    for length in (3, 2, 4):
        start = end - length
        if start < 0 or not tokens.boundary(start):
            continue
        k = _surname_at(text, start)
        if not k or not 1 <= length - k <= 2 or not all(_HAN.match(c) for c in text[start:end]):
            continue
        first = tokens.token_at(start)
        if first is not None and len(first[0]) == 1 and first[1] in _NOT_NAME_START and first[0] not in surnames():
            continue
        if first is not None and first[3] > end or not _name_tokens_ok(tokens, start, end):
            continue
        word = text[start:end]
        if _common_word(word, 50) or all(c in _NUMERALS for c in word[k:]):
            continue
        return start
    return -1


def title_names(text: str, tagged: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Names the text introduces with a title or role: ``(start, end, cue)``.

    A title before the name (``市委书记孙伟``, ``护士周婷婷``, ``记者王涛``) or
    after it (``习近平总书记``, ``孙伟书记``); the name is a surname plus one
    or two characters ending (or starting) at a word boundary of the tagger.

    >>> from analysis import Tokenizer
    >>> text = "市委书记孙伟要求，护士周婷婷说"
    >>> [text[s:e] for s, e, _ in title_names(text, Tokenizer().tag(text))]
    ['孙伟', '周婷婷']
    """
    return _title_names(text, tagged)


def _title_names(text: str, tagged, tokens: _Tokens | None = None) -> list[tuple[int, int, str]]:
    """:func:`title_names`, with the text's :class:`_Tokens` when the caller has them already."""
    before, after = _cue_pattern("title_before"), _cue_pattern("title_after")
    if not before.search(text) and not after.search(text):
        return []
    tokens = tokens if tokens is not None else _Tokens(tagged)
    found: dict[tuple[int, int], str] = {}
    index = _SpanIndex()  # "is this offset inside a name found already?" without a scan of them all
    for match in before.finditer(text):  # longest cue first at each position (市委书记 before 书记)
        end = _name_after_title(text, tokens, match.end())
        if end > 0 and not index.overlaps((match.end(), match.end() + 1)) and (match.end(), end) not in found:
            found[match.end(), end] = "title before: " + match.group()
            index.add((match.end(), end))
    for match in after.finditer(text):
        start = _name_before_title(text, tokens, match.start())
        if start >= 0 and not index.overlaps((start, start + 1)) and (start, match.start()) not in found:
            found[start, match.start()] = "title after: " + match.group()
            index.add((start, match.start()))
    return sorted((s, e, cue) for (s, e), cue in found.items())


@functools.cache
def _cue_pattern(kind: str) -> re.Pattern:
    """One regular expression for all cues of a kind, longest first."""
    return re.compile("|".join(re.escape(c) for c in _cues(kind)))


_DOTS = "·•・"


def _foreign_names(text: str, tagged: Sequence[tuple[str, str]] | None = None) -> list[tuple[int, int]]:
    """Foreign names joined by ``·`` (米格尔·里瓦斯): the word on each side of every dot.

    Each part is one token of the tagger that is a name, a foreign word or
    unknown to the dictionary (not 主题 in 大展·主题).
    """
    if not any(d in text for d in _DOTS):
        return []
    if tagged is None:
        return [(m.start(), m.end()) for m in _FOREIGN.finditer(text)]
    items = _spans(tagged)
    out = []
    k = 0
    while k < len(items):
        word, tag, start, end = items[k]
        if _name_part(word, tag) and k + 2 < len(items) and items[k + 1][0] in _DOTS and _name_part(*items[k + 2][:2]):
            m = k + 2
            while m + 2 < len(items) and items[m + 1][0] in _DOTS and _name_part(*items[m + 2][:2]):
                m += 2
            out.append((start, items[m][3]))
            k = m + 1
            continue
        # a dot jieba kept inside a token (穆罕默德·拉斐克)
        if any(d in word for d in _DOTS) and _FOREIGN.fullmatch(word):
            out.append((start, end))
        k += 1
    return out


def _name_part(word: str, tag: str) -> bool:
    return bool(_HAN.match(word[:1])) and (tag.startswith(("nr", "x", "eng")) or not _common_word(word, 5))


def _place_suffix_spans(tokens: _Tokens, text: str) -> list[tuple[int, int, str]]:
    """``白沙 + 村``, ``柳溪镇`` (tagged as a person): proper noun + place suffix → place."""
    suffixes = _cues("place_suffix")
    out = []
    items = tokens.items
    for k, (word, tag, start, end) in enumerate(items):
        if tag.startswith("nr") and len(word) >= 3 and word.endswith(suffixes) and word not in surnames():
            out.append((start, end, "place suffix: " + next(s for s in suffixes if word.endswith(s))))
        elif (tag.startswith(("nr", "ns", "nz")) or tag == "x") and len(word) >= 2 and k + 1 < len(items):
            nxt = items[k + 1]
            if nxt[0] in suffixes and _HAN.match(word[0]):
                out.append((start, nxt[3], "place suffix: " + nxt[0]))
    return out


# -- recognition of one text ------------------------------------------------------


def _glued_tokens_ok(tokens: _Tokens, start: int, end: int, *, glued: bool = True) -> bool:
    """The token that swallowed the surname is no name itself (军委纪委/nt), and no token inside is a function word (所任 | 的)."""
    k = tokens.first_ending_after(start)
    word, tag, s, e = tokens.items[k]
    if glued and tag in _TYPE_OF_TAG:
        return False
    items = tokens.items
    for m in range(k + int(glued), len(items)):  # by index: a slice of the rest would copy it (quadratic)
        _word, tag, s, e = items[m]
        if s >= end:
            break
        if e <= end and not tag.startswith("nr") and (tag in _NOT_NAME_START or tag == "b"):
            return False
    return True


#: Characters that join two names of a list (班慧和赵紫东, 刘芳与李华, 王丽、张强).
_LIST_JOINS = set("和与及、")


def _glued_names(text: str, tokens: _Tokens, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, list]]:
    """Names the segmenter glued to the department word before them: ``(start, end, cue, replaced)``.

    jieba cuts ``微检科班慧和赵紫东`` as ``微检 | 科班 | 慧和 | 赵紫东``: the
    surname is swallowed by a word that ends in a department suffix (科, 处,
    室, 中心 …: ``unit_suffix`` of ``name_cues.tsv``), so neither the model
    nor the title rules see a name start there.  A name is taken back when

    * it starts right after a department suffix, inside a token (or at a
      word boundary, then only in a list with a person: ``医务处方明与王丽``);
    * it has a name's form (surname + one or two characters, not a common
      word of jieba's dictionary or of People's Daily, not a numeral), and
      no token inside it is a function word;
    * and what follows it names a person too: ``和/与/及/、`` and a person
      found in the text (``…和赵紫东``), or a title after a name (``同志``,
      ``先生`` …: ``title_after`` cues).

    A person the model found in the same place with a wrong edge (玉洁 of
    ``检验科班玉洁、刘洋``, 科班慧 of ``信息科班慧同志``) is ``replaced``
    (the spans of ``found`` to drop); any other overlap keeps the found span.

    >>> from analysis import Tokenizer
    >>> text = "疾控中心微检科班慧和赵紫东两位党员"
    >>> tokens = _Tokens(Tokenizer().tag(text))
    >>> [text[s:e] for s, e, _, _ in _glued_names(text, tokens, [(10, 13, "person", "model")])]
    ['班慧']
    """
    after = _cue_pattern("title_after")
    ordered = sorted(found)  # not overlapping: starts and ends both ascend
    ends = [sp[1] for sp in ordered]
    person_starts = {sp[0] for sp in ordered if sp[2] == "person"}
    out = []
    for match in _cue_pattern("unit_suffix").finditer(text, 0, len(text) - 2):
        start, suffix = match.end(), match.group()
        k = _surname_at(text, start)
        if not k:
            continue  # a surname right after a department word
        glued = start not in tokens.starts  # the segmenter hid the name's start inside a token
        for length in (k + 2, k + 1):
            end = start + length
            word = text[start:end]
            if end > len(text) or not all(_HAN.match(c) for c in word):
                continue
            first = bisect.bisect_right(ends, start)
            replaced = []
            for m in range(first, len(ordered)):  # by index, not a copy of the rest
                sp = ordered[m]
                if sp[0] >= end:
                    break
                replaced.append(sp)
            if replaced and not glued or any(sp[2] != "person" or sp[3] not in ("model", "jieba")
                                             or sp[0] < start - len(suffix) or sp[1] > end for sp in replaced):
                continue  # a name of the dictionary or a title, or a longer span, stays
            if _common_word(word, 50) or word in _not_names() or all(c in _NUMERALS for c in word[k:]):
                continue
            if not _glued_tokens_ok(tokens, start, end, glued=glued):
                continue
            if text[end:end + 1] in _LIST_JOINS and end + 1 in person_starts:
                cue = "listed with a person: " + text[end]
            elif not glued:
                continue  # a name at a word boundary the title rules have seen already
            else:
                title = after.match(text, end)
                if title is None or not tokens.boundary(end):
                    continue
                cue = "title after: " + title.group()
            out.append((start, end, cue, replaced))
            break
    return out




def _jieba_spans(tagged) -> list[list]:
    spans: list[list] = []
    for word, tag, start, end in _spans(tagged):
        kind = _TYPE_OF_TAG.get(tag)
        if kind is None:
            continue
        if (kind == "person" and spans and spans[-1][2] == "person" and spans[-1][1] == start
                and spans[-1][1] - spans[-1][0] <= 2 and len(word) <= 3 and spans[-1][3] == "jieba"):
            spans[-1][1] = end  # surname + given name, as in the gold (江/nr 泽民/nr)
            spans[-1][3] = "jieba+"
            continue
        spans.append([start, end, kind, "jieba"])
    for span in spans:
        span[3] = "jieba"
    return spans


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _SpanIndex:
    """Spans, answering "does ``[a, b)`` overlap one of them?" in logarithmic time.

    Spans are kept sorted by start with the running maximum of their ends:
    some span overlaps ``[a, b)`` iff, among those starting before ``b``, the
    largest end is after ``a``.  ``add`` keeps the index exact for spans that
    do not overlap the ones already in it (the only ones the rules add), so a
    scan of every pair (quadratic in the names of one text) is never needed.
    """

    def __init__(self, spans=()):
        ordered = sorted((int(sp[0]), int(sp[1])) for sp in spans)
        self.starts = [a for a, _ in ordered]
        self.reach, best = [], -1
        for _, e in ordered:
            best = max(best, e)
            self.reach.append(best)

    def overlaps(self, span) -> bool:
        a, b = span[0], span[1]
        k = bisect.bisect_left(self.starts, b) - 1
        return k >= 0 and self.reach[k] > a

    def add(self, span) -> None:
        """Add a span (the running maximum stays exact: it is raised up to the first later span reaching as far)."""
        a, b = int(span[0]), int(span[1])
        k = bisect.bisect_left(self.starts, a)
        self.starts.insert(k, a)
        self.reach.insert(k, max(b, self.reach[k - 1] if k else -1))
        for i in range(k + 1, len(self.reach)):  # later spans end after b: nothing changes past them
            if self.reach[i] >= self.reach[k]:
                break
            self.reach[i] = self.reach[k]


def text_entities(
    text: str,
    tagged: Sequence[tuple[str, str]] | None = None,
    *,
    tokenizer=None,
    method: Method = DEFAULT_METHOD,
    dictionary: dict[str, str] | None = None,
    strict: bool = False,
) -> list[tuple[int, int, str, str]]:
    """People, places and organisations in one text: ``(start, end, type, evidence)``.

    Args:
        text: A sentence or paragraph.
        tagged: Its ``(word, tag)`` pairs (computed with ``tokenizer`` if
            ``None``).
        tokenizer: The :class:`~analysis.Tokenizer` (default: ``Tokenizer()``).
        method: ``jieba``, ``rules`` or ``crf`` (see the module docstring).
        dictionary: Word → type of names that always win (default: the
            ``nr``/``ns``/``nt`` entries of the tokenizer's report,
            suggested, user and extra layers).
        strict: Keep a person of the model only in a Chinese name's form
            (surname + one or two characters) or with ``·`` (drops foreign
            names written without ``·``, such as 克林顿).

    Returns:
        Spans sorted by start, not overlapping; ``evidence`` is
        ``dictionary``, ``title``, ``model``, ``jieba``, ``rule``,
        ``familiar name`` (小/老 + surname in a person's context: 护士小陈,
        小陈说, 张大妈和小刘) or ``address term`` (surname + 大爷, 阿姨,
        先生 …: 王大爷).  A person of the model never ends in a speech verb
        (``陈说`` of 小陈说 becomes 小陈).

    >>> from analysis import Tokenizer
    >>> [(s, e, t) for s, e, t, _ in text_entities("中共中央总书记江泽民在北京", tokenizer=Tokenizer())]
    [(0, 4, 'organisation'), (7, 10, 'person'), (11, 13, 'place')]
    """
    if method not in ("jieba", "rules", "crf"):
        raise ReportError(f"unknown method {method!r}: choose jieba, rules or crf")
    if not text:
        return []
    if tagged is None or dictionary is None:
        from .tokenize import default_tokenizer

        tokenizer = tokenizer or default_tokenizer()
        tagged = tokenizer.tag(text) if tagged is None else tagged
        dictionary = _name_dictionary(tokenizer) if dictionary is None else dictionary
    tagged = list(tagged)
    if method == "jieba":
        return [tuple(s) for s in _jieba_spans(tagged)]
    tokens = _Tokens(tagged)
    titled = _title_names(text, tagged, tokens)
    if method == "crf":
        from .entity_model import crf_spans

        spans = [[s, e, t, "model"] for s, e, t in crf_spans(text, tagged)]
    else:
        spans = _jieba_spans(tagged)
        places = _place_suffix_spans(tokens, text)
        place_index = _SpanIndex(places)
        spans = [sp for sp in spans if not place_index.overlaps(sp)]
        spans += [[s, e, "place", "rule"] for s, e, _ in places]
    # names of the report's dictionaries win
    fixed = []
    for word, _tag, start, end in tokens.items:
        kind = dictionary.get(word)
        if kind:
            fixed.append([start, end, kind, "dictionary"])
    fixed_index = _SpanIndex(fixed)  # dictionary words are tokens: they do not overlap
    for s, e in _foreign_names(text, tagged):
        if not fixed_index.overlaps((s, e)):
            fixed.append([s, e, "person", "rule"])
            fixed_index.add((s, e))
    for s, e, _ in titled:
        if not fixed_index.overlaps((s, e)):
            fixed.append([s, e, "person", "title"])
            fixed_index.add((s, e))
    kept = [sp for sp in spans if not fixed_index.overlaps(sp)]
    titled_spans = {(s, e) for s, e, _ in titled}
    out = []
    for sp in kept + fixed:
        start, end, kind, evidence = sp
        word = text[start:end]
        if kind == "person" and evidence in ("model", "jieba") and (start, end) not in titled_spans:
            if method == "rules" and (word in _not_names()
                                      or not _plausible_person(word) and not _transliterated(tokens, start, end)):
                continue  # 关怀, 祝贺, 明星, 广大群众: jieba's dictionary tags them nr
            if method == "crf" and (word in _not_names() or not _HAN.match(word[:1]) or len(word) < 2
                                    or _too_long_for_a_name(word) and not _transliterated(tokens, start, end)
                                    or strict and not _plausible_person(word)):
                continue  # 张贴标语, APP: not the form of a name
        out.append((start, end, kind, evidence))
    glued = _glued_names(text, tokens, out)  # 微检科 | 班慧 和赵紫东
    if glued:
        dropped = {tuple(sp) for *_, replaced in glued for sp in replaced}
        out = [sp for sp in out if sp not in dropped] + [(s, e, "person", "rule") for s, e, _, _ in glued]
    return _informal_names(text, tokens, out)  # 小陈说 → 小陈; 小刘, 王大爷


# -- informal names: 小陈, 老张, 王大爷; a verb the model took into a name -----------------


def _verb_after(text: str, end: int) -> str:
    """The speech or action verb (``verb_after`` cue) starting at ``end``, or ``""``."""
    match = _cue_pattern("verb_after").match(text, end)
    return match.group() if match else ""


def _ends_in_verb(word: str) -> str:
    """The ``verb_after`` cue a person's span ends in (陈说 → 说), if jieba's dictionary has it as a verb."""
    lengths, verbs = _trimmed_verbs()
    for n in lengths:  # longest first: one cue of each length can end the word
        if len(word) > n and word[-n:] in verbs:
            return word[-n:]
    return ""


@functools.cache
def _trimmed_verbs() -> tuple[tuple[int, ...], frozenset[str]]:
    """The lengths (longest first) and the ``verb_after`` cues :func:`_ends_in_verb` trims: jieba's dictionary has
    them as a verb or adverb (说/v, 表示/v), or not at all (笑着: then the cue is the evidence)."""
    frequencies = _jieba_frequencies()
    verbs = frozenset(verb for verb in _cues("verb_after") if verb not in frequencies
                      or frequencies[verb][1].startswith("v") or frequencies[verb][1] == "d")
    return tuple(sorted({len(v) for v in verbs}, reverse=True)), verbs


def _verb_trimmed(text: str, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Persons of the model or jieba that end in a verb following a name (``陈说``, ``李秀英介绍``): trimmed or dropped.

    What is left is kept when it still has a name's form (surname + one or
    two characters); a bare surname + the verb is dropped (after 小/老 it is
    then :func:`_familiar_names`'s: ``小陈说`` → ``小陈``).  A span followed
    by a list word (``阿称、``) or whose rest is no name at all is kept.

    >>> _verb_trimmed("护士小陈说，李秀英介绍", [(3, 5, "person", "model"), (6, 11, "person", "model")])
    [(6, 9, 'person', 'model')]
    """
    out = []
    for start, end, kind, evidence in spans:
        word = text[start:end]
        verb = _ends_in_verb(word) if kind == "person" and evidence in ("model", "jieba") else ""
        if not verb:
            out.append((start, end, kind, evidence))
            continue
        rest_end = end - len(verb)
        rest = text[start:rest_end]
        if text[end:end + 1] in _LIST_JOINS:
            out.append((start, end, kind, evidence))  # 阿称、陈昌智: a name in a list, no verb
        elif len(rest) >= 2 and _plausible_person(rest) and rest not in _not_names():
            out.append((start, rest_end, kind, evidence))
        elif not (len(rest) == 1 and rest in surnames()):
            out.append((start, end, kind, evidence))  # what is left is no name either: the span stays
        # else: 陈说 (a bare surname + the verb) is no name
    return out


_FAMILIAR = re.compile("[小老]")


def _familiar_word(word: str) -> bool:
    """小/老 + a one-character surname that is not a common word (老师, 小时, 小组 are words: People's Daily says so)."""
    if len(word) != 2 or word[1] not in surnames() or word in _not_names():
        return False
    freq, tag = _jieba_frequencies().get(word, (0, ""))
    return freq < 1000 or tag.startswith("nr")  # 小学, 老人 (frequent words even if PD never names them)


def _familiar_names(text: str, tokens: _Tokens, spans: list[tuple[int, int, str, str]]) -> list[tuple]:
    """小/老 + surname (``小陈``, ``老张``) where the context says a person: ``(start, end, cue, replaced)``.

    People's Daily 1998 tags ``小许/nr``, ``老张/nr`` as whole persons.  The
    two characters are a person when they are no common word (老师, 小时:
    :func:`_familiar_word`), the segmenter does not make them part of a
    longer word (小王子; 邓小平 is one token), and

    * a role or title comes right before (``护士小陈``, ``党员老张``: a
      ``title_before`` cue), or
    * a speech or action verb follows (``小陈说``, ``老张介绍``: ``verb_after``), or
    * it is listed with another person (``张大妈和小刘``, ``小刘与王芳``).

    Spans of the model or jieba overlapping it from inside or with a list
    word before it (``陈说``, ``和小刘``) are ``replaced``; anything else that
    overlaps it keeps it out.

    >>> from analysis import Tokenizer
    >>> text = "张大妈和小刘也加入了"
    >>> [text[s:e] for s, e, _, _ in _familiar_names(text, _Tokens(Tokenizer().tag(text)), [(0, 3, "person", "model")])]
    ['小刘']
    """
    if not _FAMILIAR.search(text):
        return []
    before = _cue_pattern("title_before")
    ordered = sorted(spans)
    starts = [sp[0] for sp in ordered]
    person_ends = {sp[1] for sp in ordered if sp[2] == "person"}
    person_starts = {sp[0] for sp in ordered if sp[2] == "person"}
    out = []
    for match in _FAMILIAR.finditer(text, 0, max(len(text) - 1, 0)):
        start, end = match.start(), match.start() + 2
        word = text[start:end]
        if not _familiar_word(word):
            continue
        # the segmenter's tokens: none may run across the name, but a name token (和小刘/nr, 陈说/nrfg)
        k = tokens.first_ending_after(start)
        ok = True
        for m in range(k, len(tokens.items)):
            w, tag, s, e = tokens.items[m]
            if s >= end:
                break
            if s < start and not (tag.startswith("nr") and set(text[s:start]) <= _LIST_JOINS):
                ok = False  # 邓小平, 大小王: the character before belongs to the word
            if e > end and not (tag.startswith("nr") and (_verb_after(text, end) or text[end] in _AFTER_NAME)):
                ok = False  # 小王子, 老高兴: the surname starts a word
            if s >= start and e <= end and len(w) == 1 and tag in _NOT_NAME_START and w not in "小老" \
                    and w not in surnames():
                ok = False
        if not ok:
            continue
        # what the other spans say
        replaced, blocked = [], False
        for sp in _overlapping(ordered, starts, start, end, look_from=start - 1):
            if (sp[0], sp[1]) == (start, end):
                blocked = True  # found already
            elif sp[2] == "person" and sp[3] in ("model", "jieba") and (
                    sp[0] >= start or set(text[sp[0]:start]) <= _LIST_JOINS):
                replaced.append(sp)
            else:
                blocked = True
        if blocked:
            continue
        role = next((r for r in before.finditer(text, max(0, start - 6), start) if r.end() == start), None)
        verb = _verb_after(text, end)
        if role is not None:
            cue = "role before: " + role.group()
        elif verb:
            cue = "verb after: " + verb
        elif text[end:end + 1] in _LIST_JOINS and end + 1 in person_starts:
            cue = "listed with a person: " + text[end]
        elif start > 0 and text[start - 1] in _LIST_JOINS and start - 1 in person_ends:
            cue = "listed with a person: " + text[start - 1]
        else:
            continue
        out.append((start, end, "familiar name, " + cue, replaced))
        person_ends.add(end)  # 护士小赵和老李: 老李 is listed with 小赵
    return out


def _overlapping(ordered: list[tuple], starts: list[int], start: int, end: int, look_from: int | None = None):
    """The spans of ``ordered`` (sorted, ``starts`` their starts) that overlap ``[start, end)``, in order.

    The scan begins one span before the first that starts at ``look_from``
    (default ``start``) or later, so a span that opens just before the
    window is seen; it stops at the first span starting at ``end``.

    >>> ordered = [(0, 2, "person"), (3, 5, "place"), (6, 8, "person")]
    >>> list(_overlapping(ordered, [0, 3, 6], 1, 4))
    [(0, 2, 'person'), (3, 5, 'place')]
    """
    for m in range(max(bisect.bisect_left(starts, start if look_from is None else look_from) - 1, 0), len(ordered)):
        span = ordered[m]
        if span[0] >= end:
            break
        if span[1] > start:
            yield span


def _address_names(text: str, tokens: _Tokens, spans: list[tuple[int, int, str, str]]) -> list[tuple]:
    """A bare surname + an address term (``王大爷``, ``李阿姨``, ``赵先生``): ``(start, end, cue, replaced)``.

    The whole form is the person (what a reader counts); People's Daily 1998
    tags the surname alone (``王/nr 大爷/n``): :func:`corpus_person_span`
    maps the span to the corpus's convention for scoring.  The surname
    starts a token (not the last character of 李秀英老师, which the title
    rule finds as 李秀英), is no function word, and the span is no common
    word.  Spans of the model, jieba or a title inside or equal to it
    (张大妈 of the model, 王大爷 after 老党员) are ``replaced``.

    >>> from analysis import Tokenizer
    >>> text = "居民赵先生感慨地说"
    >>> [text[s:e] for s, e, _, _ in _address_names(text, _Tokens(Tokenizer().tag(text)), [])]
    ['赵先生']
    """
    pattern = _cue_pattern("address")
    if not pattern.search(text):
        return []
    ordered = sorted(spans)
    starts = [sp[0] for sp in ordered]
    out = []
    taken_until = -1
    for match in pattern.finditer(text):
        at, end = match.start(), match.end()
        for k in (2, 1):
            start = at - k
            if start < 0 or start < taken_until or text[start:at] not in surnames():
                continue
            if not tokens.boundary(start):
                continue  # 李秀英|老师: 英 ends a name
            token = tokens.token_at(start)
            if token is not None and token[3] <= at and (token[3] != at or token[0] != text[start:at]):
                continue  # the surname is part of a word before the address term
            if token is not None and len(token[0]) == 1 and token[1] in _NOT_NAME_START and token[0] not in surnames():
                continue
            if start > 0:
                prev = tokens.items[tokens.first_ending_after(start - 1)]
                if prev[3] == start and (prev[1] in ("m", "q", "r") or prev[1].startswith("nr") or prev[0] in surnames()):
                    continue  # 两位先生? 这位 | 女士; 李 | 王大爷: a name or a measure before
                if text[start - 1] in "小老":
                    continue  # 老王师傅: the familiar name rule's
            word = text[start:end]
            if _common_word(word, 50) and not _jieba_frequencies()[word][1].startswith("nr"):
                continue
            replaced, blocked = [], False
            for sp in _overlapping(ordered, starts, start, end):
                if sp[2] == "person" and sp[3] in ("model", "jieba", "title") and sp[0] >= start and sp[1] <= end:
                    replaced.append(sp)
                else:
                    blocked = True
            if blocked:
                break
            out.append((start, end, "address term: " + match.group(), replaced))
            taken_until = end
            break
    return out


def corpus_person_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's span as People's Daily 1998 tags it: the surname alone before an address term (王|大爷).

    Every other span is returned unchanged (小陈, 老张 are whole persons there).

    >>> corpus_person_span("王大爷说", 0, 3), corpus_person_span("小陈说", 0, 2)
    ((0, 1), (0, 2))
    """
    word = text[start:end]
    for term in _cues("address"):
        if word.endswith(term) and text[start:end - len(term)] in surnames():
            return start, end - len(term)
    return start, end


def _informal_names(text: str, tokens: _Tokens, spans: list[tuple[int, int, str, str]]) -> list[tuple]:
    """The spans with the verb-trimming, familiar-name and address-term rules applied (sorted)."""
    spans = _verb_trimmed(text, spans)
    for rule, evidence in ((_familiar_names, "familiar name"), (_address_names, "address term")):
        found = rule(text, tokens, spans)
        if found:
            dropped = {tuple(sp) for *_, replaced in found for sp in replaced}
            spans = [sp for sp in spans if tuple(sp) not in dropped] + [(s, e, "person", evidence)
                                                                          for s, e, _, _ in found]
    return sorted(spans)


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Words the development part of People's Daily 1998 uses more often as ordinary words than as names.

    jieba's dictionary tags 洪水, 高明, 关怀, 明星, 祝贺 … ``nr``; the corpus
    shows what they usually are.  Read once (about a second); used by the
    ``rules`` method and to clean the model's people.
    """
    from .entity_model import people_daily

    as_name: Counter = Counter()
    as_word: Counter = Counter()
    for paragraph in people_daily("dev"):
        names = {paragraph.text[s:e] for s, e, t in paragraph.entities if t == "person"}
        as_name.update(names)
        as_word.update(w for w, tag in paragraph.words if not tag.startswith("nr") and len(w) >= 2)
    return frozenset(w for w, n in as_word.items() if n >= 2 and n > as_name[w])


def load_resources(method: Method = DEFAULT_METHOD) -> None:
    """Read now what recognition reads on first use.

    The cue words, surnames, jieba's frequencies, the model and the word list
    of People's Daily (about a second): corpus mode's workers call it before
    any file's budget starts, so that no file pays for it.
    """
    name_cues(), surnames(), _jieba_frequencies(), _media(), _not_names()
    if method == "crf":
        from .entity_model import load_model

        load_model()


def _name_dictionary(tokenizer) -> dict[str, str]:
    """Word → type of the names the tokenizer's report, suggested, user and extra layers give."""
    if tokenizer is None or not hasattr(tokenizer, "dictionary_names"):
        return {}
    return tokenizer.dictionary_names()


# -- a report ------------------------------------------------------------------------


def _is_report(obj) -> bool:
    return is_report(obj)


def mentions(data, *, tokenizer=None, method: Method = DEFAULT_METHOD) -> pd.DataFrame:
    """Every mention of a person, place or organisation in a report's body and captions (or a token table).

    Sentences are recognised one by one from the token table (the words and
    tags the tokenizer gave), so no text is tagged twice.  The byline's names
    are added as people with part ``byline``; each photo caption's own text
    (``代市长唐毅（左二）深入居民小区…``) is recognised like a body sentence
    (part ``caption``, role ``actor``), and its photographers (``杨勇 摄``)
    are people with part ``caption`` and role ``credit``.  Media named in the
    dateline or as a source (新华社, 央视网) get the role ``source``.

    So ``part`` and ``role`` tell four kinds of person apart: ``body`` +
    ``actor`` (the report's people), ``byline`` + ``credit`` (its
    reporters), ``caption`` + ``actor`` (people a photo shows) and
    ``caption`` + ``credit`` (photographers).

    Args:
        data: A :class:`~analysis.loading.Report`, or a token table from
            :meth:`Tokenizer.tokens` (then only the body is seen).
        tokenizer: The tokenizer (default: :func:`analysis.tokenize.default_tokenizer`
            for the report, so the bundled report gets its names; for a
            token table, the names recorded in it by :meth:`Tokenizer.tokens`).
        method: ``jieba``, ``rules`` or ``crf``.

    Returns:
        DataFrame with columns ``mention_id, entity, type`` (person | place |
        organisation) ``, role`` (actor | source | credit) ``, evidence``
        (dictionary | title | model | jieba | rule | familiar name |
        address term | byline | caption: a photo credit) ``, part`` (body | byline | caption) ``, paragraph_id,
        sentence_id, section, start, end`` (offsets in the paragraph; for
        a caption's own names, in the caption's ``text``; missing for
        credits) ``, raw_start, raw_end`` (offsets in the raw file) ``,
        caption_id`` (the row of ``report.captions`` a caption mention
        comes from; missing for body and byline).

    >>> from analysis import load_report
    >>> m = mentions(load_report())
    >>> m.loc[m.entity == "史万钧", ["type", "evidence"]].iloc[0].tolist()
    ['person', 'dictionary']
    >>> m.loc[m.entity.isin(["唐毅", "杨勇"]), ["entity", "part", "role", "caption_id"]].values.tolist()
    [['唐毅', 'caption', 'actor', 2], ['杨勇', 'caption', 'credit', 2]]
    """
    report, rows, extra, sources = _mention_parts(data, tokenizer, method)
    frame = pd.DataFrame(rows, columns=[c for c in MENTION_COLUMNS if c != "mention_id"])
    frame["role"] = _body_roles(frame["entity"], frame["type"])
    if report is not None:
        if extra:
            added = pd.DataFrame(extra, columns=frame.columns)
            for column in ("start", "end"):  # integers, missing for credits (not floats)
                added[column] = pd.Series([r[column] for r in extra], dtype=object)
            frame = pd.concat([frame, added], ignore_index=True)
        if sources is not None:
            frame.loc[frame["entity"].isin(sources), "role"] = "source"
    frame["caption_id"] = frame["caption_id"].astype("Int64")
    frame.insert(0, "mention_id", range(1, len(frame) + 1))
    return frame[MENTION_COLUMNS].reset_index(drop=True)


def mention_keys(report, *, tokenizer, method: Method = DEFAULT_METHOD,
                 with_part: bool = False) -> list[tuple[str, ...]]:
    """``(entity, type, role)`` of every row of :func:`mentions`, in its order, without building the table.

    What corpus mode counts (:mod:`analysis.corpus`): the same recognition
    and the same roles as :func:`mentions`, without the DataFrames (a few
    milliseconds per document, more than recognising a short one).  With
    ``with_part``, ``(entity, type, role, part)``: part body | byline |
    caption, so that people shown in a photo caption can be counted apart
    from those of the body.

    >>> from analysis import Tokenizer, load_report
    >>> r = load_report(); t = Tokenizer.for_report(r)
    >>> m = mentions(r, tokenizer=t)
    >>> mention_keys(r, tokenizer=t) == list(zip(m["entity"], m["type"], m["role"]))
    True
    >>> mention_keys(r, tokenizer=t, with_part=True) == list(zip(m["entity"], m["type"], m["role"], m["part"]))
    True
    """
    if not _is_report(report):
        raise ReportError("mention_keys() takes a Report (from load_report(path) or parse_report(text))")
    dictionary = _name_dictionary(tokenizer)
    texts = report.sentences["text"].tolist()
    # the sentences as the token table of mentions() groups them (its tokens are these tags, joined)
    body = [[text[s:e], kind, evidence] for text, tagged in zip(texts, tokenizer.tag_many(texts)) if text
            for s, e, kind, evidence in text_entities(text, tagged, method=method, dictionary=dictionary)]
    people = {e for e, kind, _ in body if kind == "person"}
    for row in body:
        if _run_on(row[0], row[1], row[2], people):
            row[0] = row[0][:-1]
    entities, types = [r[0] for r in body], [r[1] for r in body]
    keys = [(e, t, role, "body") for e, t, role in zip(entities, types, _body_roles(entities, types))]
    people = {e for e, kind, _ in body if kind == "person"}  # after trimming, as mentions() sees them
    extra, sources = _byline_and_sources(report, tokenizer, dictionary, method, people)
    keys += [(r["entity"], r["type"], r["role"], r["part"]) for r in extra]
    if sources:
        keys = [(e, t, "source" if e in sources else role, part) for e, t, role, part in keys]
    return keys if with_part else [key[:3] for key in keys]


def _body_roles(entities, types) -> list[str]:
    """``source`` for a medium (新华社, …央视网) named as an organisation, else ``actor``."""
    media = _media()
    endings = tuple(media)  # once, not per entity
    return ["source" if t == "organisation" and (e in media or e.endswith(endings)) else "actor"
            for e, t in zip(entities, types)]


@functools.cache
def _media() -> frozenset[str]:
    return frozenset(_cues("media"))


def _mention_parts(data, tokenizer, method):
    """The pieces of :func:`mentions`: ``(report, body rows, byline and credit rows, dateline sources)``.

    Body rows are dicts of the columns of :func:`mentions` but ``mention_id``
    and ``role``, run-on names trimmed; the sources are ``None`` without a
    dateline (or a report).
    """
    from .tokenize import default_tokenizer

    report = data if _is_report(data) else None
    given = tokenizer
    if tokenizer is None:
        tokenizer = default_tokenizer(report)
    if report is not None:
        tokens = tokenizer.tokens(report)
    elif isinstance(data, pd.DataFrame) and {"word", "pos"} <= set(data.columns):
        tokens = data
    else:
        raise ReportError("mentions() takes a Report or a token table (Tokenizer().tokens(report))")
    if given is None and "dictionary_names" in tokens.attrs:
        dictionary = dict(tokens.attrs["dictionary_names"])  # the names of the tokenizer that made the table
    else:
        dictionary = _name_dictionary(tokenizer)
    if tokens.attrs:  # pandas deep-copies attrs on every column read: read the columns of a frame without them
        if report is None:
            tokens = tokens.copy(deep=False)
        tokens.attrs = {}
    rows = _trim_run_on_rows(list(_sentence_entities(tokens, dictionary, method)))
    if report is None:
        return report, rows, [], None
    people = {r["entity"] for r in rows if r["type"] == "person"}
    extra, sources = _byline_and_sources(report, tokenizer, dictionary, method, people)
    return report, rows, extra, sources


def _byline_and_sources(report, tokenizer, dictionary, method, people) -> tuple[list[dict], set[str] | None]:
    """The byline and caption rows of a report, and the media its dateline names (``None``: no dateline).

    ``people`` are the body's persons (a run-on name of a caption is trimmed as in the body).
    """
    dateline = getattr(report, "dateline", None)
    rows = _byline_and_credits(report, tokenizer, dictionary, method, people)
    return rows, ({m for m in _media() if m in str(dateline)} if dateline else None)


#: Characters that follow a name as a word of their own (韩正 + 在, 李强 + 和).
_AFTER_NAME = set("在和与及等说是也还就到同对向为将把被给让称")


def _trim_run_on_rows(rows: list[dict]) -> list[dict]:
    """A model person ``韩正在`` is ``韩正`` when the report names ``韩正`` elsewhere and 在 follows names.

    On the rows (dicts) of the :func:`mentions` table, before it is built.
    """
    people = {r["entity"] for r in rows if r["type"] == "person"}
    for r in rows:
        e = r["entity"]
        if _run_on(e, r["type"], r["evidence"], people):
            r["entity"], r["end"], r["raw_end"] = e[:-1], r["end"] - 1, r["raw_end"] - 1
    return rows


def _run_on(entity: str, kind: str, evidence: str, people: set[str]) -> bool:
    """A model person ``韩正在`` whose name without its last character (a word after names) is a person too."""
    return (kind == "person" and evidence == "model" and len(entity) >= 3 and entity[:-1] in people
            and entity[-1] in _AFTER_NAME)


def _sentence_entities(tokens: pd.DataFrame, dictionary: dict[str, str], method: str):
    """Recognise each sentence of a token table; yield mention rows."""
    if tokens.empty:
        return
    has = set(tokens.columns)
    sid = tokens["sentence_id"].to_numpy() if "sentence_id" in has else [1] * len(tokens)
    words = tokens["word"].tolist()
    tags = tokens["pos"].tolist()
    starts = tokens["start"].tolist() if "start" in has else None
    raw_start = tokens["raw_start"].tolist() if "raw_start" in has else None
    raw_end = tokens["raw_end"].tolist() if "raw_end" in has else None
    pids = tokens["paragraph_id"].tolist() if "paragraph_id" in has else [None] * len(tokens)
    sections = tokens["section"].tolist() if "section" in has else [None] * len(tokens)
    i, n = 0, len(words)
    while i < n:
        j = i
        while j < n and sid[j] == sid[i]:
            j += 1
        # only contiguous tokens (a table with stopwords dropped has gaps)
        pieces, k = [], i
        while k < j:
            m = k + 1
            while m < j and (starts is None or starts[m] == starts[m - 1] + len(words[m - 1])):
                m += 1
            pieces.append((k, m))
            k = m
        for a, b in pieces:
            text = "".join(words[a:b])
            tagged = list(zip(words[a:b], tags[a:b]))
            offset = starts[a] if starts is not None else 0
            ends = []
            position = 0
            for w in words[a:b]:
                position += len(w)
                ends.append(position)
            for start, end, kind, evidence in text_entities(text, tagged, method=method, dictionary=dictionary):
                first = a + _index_at(ends, start)
                last = a + _index_at(ends, end - 1)
                if raw_start is not None:
                    tok_start = starts[first] if starts is not None else 0
                    rs = raw_start[first] + (offset + start - tok_start)
                    tok_end = starts[last] + len(words[last]) if starts is not None else 0
                    re_ = raw_end[last] - (tok_end - (offset + end))
                else:
                    rs, re_ = offset + start, offset + end
                yield dict(entity=text[start:end], type=kind, role="actor", evidence=evidence, part="body",
                           paragraph_id=pids[a], sentence_id=sid[a] if "sentence_id" in has else None,
                           section=sections[a], start=offset + start, end=offset + end, raw_start=rs, raw_end=re_)
        i = j


def _index_at(ends: list[int], position: int) -> int:
    """Index of the token whose span contains ``position`` (``ends`` ascending)."""
    import bisect

    return bisect.bisect_right(ends, position)


def _text(value) -> str:
    """A cell as text: missing values (None, NaN) are empty."""
    return value if isinstance(value, str) else ""


def _byline_and_credits(report, tokenizer, dictionary, method, people) -> list[dict]:
    """The byline's people, then for each caption the names in its text and its photographers.

    A caption's own sentence (``…代市长唐毅（左二）深入…``) is recognised like
    a body sentence, with the same tokenizer and dictionary: its rows have
    part ``caption``, the role of a body mention (actor, or source for a
    medium) and offsets in the caption's text.  Its photographers
    (``杨勇 摄``) are people with part ``caption``, role ``credit`` and
    evidence ``caption``.  Sidebars (scrambled boxes) give only their credit.
    """
    rows = []
    raw = report.raw
    for name in getattr(report, "authors", []) or []:
        at = raw.find(name)
        rows.append(dict(entity=name, type="person", role="credit", evidence="byline", part="byline",
                         paragraph_id=None, sentence_id=None, section=None, start=None, end=None,
                         raw_start=at if at >= 0 else None, raw_end=at + len(name) if at >= 0 else None,
                         caption_id=None))
    captions = getattr(report, "captions", None)
    if captions is None or not len(captions) or "photographer" not in getattr(captions, "columns", []):
        return rows
    n = len(captions)
    column = lambda name: captions[name].tolist() if name in captions.columns else [None] * n  # noqa: E731
    ids, kinds, texts = column("caption_id"), column("kind"), column("text")
    subjects = _caption_subjects([_text(t) if k == "caption" else "" for k, t in zip(kinds, texts)],
                                 tokenizer, dictionary, method, people)
    for k, (cid, photographer, raw_text, base) in enumerate(zip(ids, column("photographer"), column("raw_text"),
                                                              column("raw_start"))):
        raw_text = _text(raw_text)
        text = _text(texts[k])
        to_raw = _han_alignment(text, raw_text) if subjects[k] else None
        for start, end, kind, evidence in subjects[k]:
            rs = re_ = None
            if to_raw is not None and base is not None and start in to_raw and end - 1 in to_raw:
                rs, re_ = base + to_raw[start], base + to_raw[end - 1] + 1
            rows.append(dict(entity=text[start:end], type=kind, role=_body_roles([text[start:end]], [kind])[0],
                             evidence=evidence, part="caption", paragraph_id=None, sentence_id=None, section=None,
                             start=start, end=end, raw_start=rs, raw_end=re_, caption_id=cid))
        for name in re.split(r"[、\s]+", _text(photographer)):
            if not name:
                continue
            at = raw_text.rfind(name)
            rows.append(dict(entity=name, type="person", role="credit", evidence="caption", part="caption",
                             paragraph_id=None, sentence_id=None, section=None, start=None, end=None,
                             raw_start=base + at if base is not None and at >= 0 else None,
                             raw_end=base + at + len(name) if base is not None and at >= 0 else None,
                             caption_id=cid))
    return rows


def _caption_subjects(texts: list[str], tokenizer, dictionary, method, people) -> list[list[tuple]]:
    """The entity spans of each caption text (empty text: none), run-on names trimmed as in the body."""
    if not any(texts):
        return [[] for _ in texts]
    if tokenizer is None:
        from .tokenize import default_tokenizer

        tokenizer = default_tokenizer()
    tagged = tokenizer.tag_many([t for t in texts if t])
    found, k = [], 0
    for text in texts:
        if not text:
            found.append([])
            continue
        found.append([list(sp) for sp in text_entities(text, tagged[k], method=method, dictionary=dictionary)])
        k += 1
    named = set(people) | {text[s:e] for text, spans in zip(texts, found) for s, e, kind, _ in spans
                           if kind == "person"}
    for text, spans in zip(texts, found):
        for sp in spans:
            if _run_on(text[sp[0]:sp[1]], sp[2], sp[3], named):
                sp[1] -= 1
    return [[tuple(sp) for sp in spans] for spans in found]


def _han_alignment(text: str, raw_text: str) -> dict[int, int] | None:
    """Offsets of ``text``'s Chinese characters in ``raw_text`` (a caption's text in its raw line), or ``None``.

    The caption's text is its raw line without the credit, with punctuation
    made full-width: its Chinese characters are a run of the raw line's, in
    order (spaces of the OCR between them are skipped).
    """
    mine = [i for i, c in enumerate(text) if _HAN.match(c)]
    theirs = [j for j, c in enumerate(raw_text) if _HAN.match(c)]
    at = "".join(raw_text[j] for j in theirs).find("".join(text[i] for i in mine))
    if at < 0:
        return None
    return {i: theirs[at + k] for k, i in enumerate(mine)}


# -- suggestions for a dictionary ------------------------------------------------------


def _report_texts(report) -> list[tuple[str, object, str]]:
    """``(part, id, text)`` of every text of a report the suggestions read."""
    texts = []
    if getattr(report, "headline", ""):
        texts.append(("headline", 0, report.headline))
    paragraphs = report.paragraphs  # columns as lists: the same values as itertuples, without a tuple type per call
    texts += [("body", pid, text) for pid, text in zip(paragraphs["paragraph_id"].tolist(), paragraphs["text"].tolist())]
    captions = getattr(report, "captions", None)
    if captions is not None and len(captions):
        texts += [("caption", cid, text) for cid, text in zip(captions["caption_id"].tolist(), captions["text"].tolist())]
    return texts


def suggest_user_dict(report, *, tokenizer=None, min_count: int = 2) -> pd.DataFrame:
    """Names a report introduces, proposed for its dictionary, with the evidence for each.

    Read from the text itself, without any dictionary of the report:

    * a title or role before or after a name (``市委书记孙伟``, ``习近平总书记``,
      ``孙伟书记``, ``护士周婷婷``) — accepted;
    * the byline's names and the photo credits (``王志远 摄``) — accepted;
    * foreign names with ``·`` (米格尔·里瓦斯) — accepted;
    * a name the segmenter glued to the department word before it, listed
      with a person or before a title (``检验科班丽和孙强``: 科班 | 丽) —
      accepted, so the report's tokenizer then cuts it whole;
    * 小/老 + surname after a role, before a speech verb or listed with a
      person (``护士小陈``, ``小陈说``: jieba cuts 小 | 陈说), and a surname +
      address term (``王大爷``, ``李阿姨``) — listed for review, not
      accepted (recognition finds them without a dictionary; as dictionary
      words they cost the suggested engine 4 correct persons of People's
      Daily's held-out part, and 3 false ones on its dev part);
    * a proper noun with a place suffix (白沙 + 村, 柳溪 + 镇) — accepted;
    * a place followed by an organisation suffix (青河县 + 人民医院) — accepted;
    * media in the dateline (新华社, 央视网) — accepted as ``nt`` (sources);
    * a token jieba tags as a name, of a surname + one or two characters,
      repeated at least ``min_count`` times — listed for review, not
      accepted (``accept`` False): repetition alone is weak evidence.

    Args:
        report: A :class:`~analysis.loading.Report`.
        tokenizer: The tokenizer whose tags the rules read (default:
            ``Tokenizer()``, the genre dictionary only).
        min_count: Repetitions needed for the surname rule.

    Returns:
        DataFrame sorted by POS then count, with columns ``word, pos``
        (nr | ns | nt) ``, count`` (occurrences in the report's texts) ``,
        evidence`` (the rules that found it, ``；``-joined) ``, accept``
        (strong evidence: :meth:`Tokenizer.for_report` adds these) ``,
        offsets`` (a list of ``(part, id, start, end)``: part headline |
        body | caption | byline | dateline, the paragraph or caption id, and
        offsets in that text).

    >>> from analysis import parse_report
    >>> r = parse_report("村里来了新书记\\n\\n市委书记孙伟来到白沙村。孙伟说，护士周婷婷辛苦了。")
    >>> suggest_user_dict(r)[["word", "pos", "accept"]].values.tolist()
    [['孙伟', 'nr', True], ['周婷婷', 'nr', True], ['白沙村', 'ns', True]]
    """
    if not _is_report(report):
        raise ReportError("suggest_user_dict() takes a Report (from load_report(path) or parse_report(text))")
    from .tokenize import default_tokenizer

    tokenizer = tokenizer or default_tokenizer()
    found: dict[tuple[str, str], dict] = {}

    def add(word: str, pos: str, evidence: str, where, accept: bool = True) -> None:
        entry = found.setdefault((word, pos), {"evidence": [], "accept": False, "offsets": [], "seen": set()})
        if evidence not in entry["evidence"]:
            entry["evidence"].append(evidence)
        entry["accept"] = entry["accept"] or accept
        if where is not None and where not in entry["seen"]:
            entry["offsets"].append(where)
            entry["seen"].add(where)

    texts = _report_texts(report)
    tagged_texts = [(part, pid, text, tokenizer.tag(text)) for part, pid, text in texts]
    repeated: Counter = Counter()
    for part, pid, text, tagged in tagged_texts:
        tokens = _Tokens(tagged)
        titled = _title_names(text, tagged, tokens)
        for s, e, cue in titled:
            add(text[s:e], "nr", cue, (part, pid, s, e))
        for s, e in _foreign_names(text, tagged):
            add(text[s:e], "nr", "foreign name (·)", (part, pid, s, e))
        seen = _people_seen(tokens, titled)
        for s, e, cue, _ in _glued_names(text, tokens, seen):
            add(text[s:e], "nr", cue + " (after a department word)", (part, pid, s, e))
        for rule in (_familiar_names, _address_names):  # 护士小陈, 小陈说, 张大妈和小刘; 王大爷
            for s, e, cue, _ in rule(text, tokens, seen):  # for review: recognition finds them anyway
                add(text[s:e], "nr", cue, (part, pid, s, e), accept=False)
        for s, e, cue in _place_suffix_spans(tokens, text):
            add(text[s:e], "ns", cue, (part, pid, s, e))
        for word, tag, _s, _e in tokens.items:
            if tag.startswith("nr") and _plausible_person(word) and not _common_word(word, 50) \
                    and len(word) >= 2 and "·" not in word:
                repeated[word] += 1
        for s, e, cue in _org_spans(tokens):
            add(text[s:e], "nt", cue, (part, pid, s, e))
    for name in getattr(report, "authors", []) or []:
        if _HAN.match(name[:1]) and 2 <= len(name) <= 4:
            add(name, "nr", "byline", ("byline", 0, None, None))
    captions = getattr(report, "captions", None)
    if captions is not None and "photographer" in getattr(captions, "columns", []):
        for caption_id, photographer in zip(captions["caption_id"].tolist(), captions["photographer"].tolist()):
            for name in re.split(r"[、\s]+", _text(photographer)):
                if _HAN.match(name[:1]) and 2 <= len(name) <= 4:
                    add(name, "nr", "photo credit", ("caption", caption_id, None, None))
    dateline = getattr(report, "dateline", None)
    if dateline:
        named = [m for m in _cues("media") if m in str(dateline)]
        for medium in named:
            if not any(medium != other and medium in other for other in named):  # 央视网, not also 央视
                add(medium, "nt", "dateline (a source, not an actor)", ("dateline", 0, None, None))
    for word, count in repeated.items():
        if count >= min_count and (word, "nr") not in found:
            add(word, "nr", f"surname + repeated ({count}×)", None, accept=False)
    # counts over all texts, the offsets of every occurrence
    rows = []
    occurrences = _occurrences({word for word, _ in found}, texts)
    for (word, pos), entry in found.items():
        offsets, seen = list(entry["offsets"]), set(entry["seen"])
        count = 0
        for where in occurrences.get(word, ()):
            count += 1
            if where not in seen:
                offsets.append(where)
                seen.add(where)
        count += sum(1 for o in offsets if o[2] is None)
        rows.append(dict(word=word, pos=pos, count=count, evidence="；".join(entry["evidence"]),
                         accept=entry["accept"], offsets=offsets))
    frame = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    # a word inside an accepted longer suggestion of another type is not a name of its own here
    keep = _nested_kept([r["word"] for r in rows], [r["pos"] for r in rows], [r["accept"] for r in rows])
    # sorted by POS (nr, ns, nt), count descending, word: (word, pos) is unique, so the order is total
    # (one take in Python order: the same rows as pandas' filter and sort_values, a fraction of the cost per report)
    order = {"nr": 0, "ns": 1, "nt": 2}
    chosen = sorted((i for i, k in enumerate(keep) if k),
                    key=lambda i: (order[rows[i]["pos"]], -rows[i]["count"], rows[i]["word"]))
    return frame.take(chosen).reset_index(drop=True)


def _people_seen(tokens: _Tokens, titled) -> list[tuple[int, int, str, str]]:
    """Persons the suggestions see in one text: titled names, and jieba's ``nr`` tokens of a name's form."""
    index = _SpanIndex([(s, e) for s, e, _ in titled])
    found = [(s, e, "person", "title") for s, e, _ in titled]
    found += [(s, e, "person", "jieba") for word, tag, s, e in tokens.items
              if tag.startswith("nr") and _plausible_person(word) and not _common_word(word, 50)
              and not index.overlaps((s, e))]
    return sorted(found)


def _occurrences(words: set[str], texts) -> dict[str, list[tuple]]:
    """Non-overlapping occurrences of each word in the texts, leftmost first (as ``re.finditer`` finds them).

    One pass over each text per distinct word length, not one per word (a
    report that proposes many names stays linear in its length).
    """
    lengths = sorted({len(w) for w in words if w})
    out: dict[str, list[tuple]] = {}
    for part, pid, text in texts:
        free_from: dict[str, int] = {}  # where the next match of a word may start
        for i in range(len(text)):
            for n in lengths:
                word = text[i:i + n]
                if len(word) < n:
                    break
                if word in words and i >= free_from.get(word, 0):
                    out.setdefault(word, []).append((part, pid, i, i + n))
                    free_from[word] = i + n
    return out


def _org_spans(tokens: _Tokens) -> list[tuple[int, int, str]]:
    """A place token followed by up to three nouns, the last ending in an organisation suffix."""
    suffixes = _cues("org_suffix")
    out = []
    items = tokens.items
    for k, (word, tag, start, _end) in enumerate(items):
        if tag != "ns" or len(word) < 2:
            continue
        for m in range(k + 1, min(k + 4, len(items))):
            w, t = items[m][0], items[m][1]
            if not (t.startswith("n") or t in ("vn", "j")) or t in ("nr", "nrfg", "nrt", "ns", "nt"):
                break  # a name of its own ends the run (中河区社区 | 党支部)
            if len(w) >= 2 and w.endswith(suffixes):
                suffix = next(s for s in suffixes if w.endswith(s))
                out.append((start, items[m][3], "organisation suffix: " + suffix))
                break
    return out


def _nested_kept(words: list[str], poses: list[str], accepts: list[bool]) -> list[bool]:
    """For each suggestion: False for a person suggestion inside, or equal to, an accepted place or organisation."""
    others = [w for w, p, a in zip(words, poses, accepts) if a and p != "nr"]
    lengths = {len(w) for w, p, a in zip(words, poses, accepts) if p == "nr" and not a}
    # every piece of an accepted place or organisation that has the length of a person suggestion
    pieces = {o[i:i + n] for o in others for n in lengths for i in range(len(o) - n + 1)}
    return [not (pos == "nr" and not accept and word in pieces) for word, pos, accept in zip(words, poses, accepts)]


def write_user_dict(suggestions: pd.DataFrame, path: str | Path, *, only_accepted: bool = True,
                    freq: int | None = None) -> Path:
    """Write suggestions as a dictionary file (``word freq pos``, with the evidence as ``#`` comments).

    The file is read by :class:`~analysis.Tokenizer` (``user_dict=path``) and
    by :meth:`Tokenizer.for_report` when it sits beside the report as
    ``<name>_user_dict.txt``.  Edit it: delete wrong lines, add missing names.

    Args:
        suggestions: Output of :func:`suggest_user_dict`.
        path: The file to write.
        only_accepted: Leave out the suggestions not accepted (they are
            written as comments, for the user to review).
        freq: jieba frequency of each entry (default 20, the project's tier
            for names).

    Returns:
        The path written.
    """
    from .tokenize import SUGGESTED_FREQ

    missing = {"word", "pos", "evidence"} - set(suggestions.columns)
    if missing:
        raise ReportError("write_user_dict() needs the table of suggest_user_dict(report)")
    freq = freq or SUGGESTED_FREQ
    lines = ["# Names suggested from the report's text by analysis.entities.suggest_user_dict.",
             "# Review: delete a wrong line, add a missing name (word freq pos; nr person, ns place, nt organisation).",
             "# Lines starting with # are ignored."]
    for row in suggestions.itertuples():
        accepted = bool(getattr(row, "accept", True))
        line = f"{row.word} {freq} {row.pos}"
        if accepted or not only_accepted:
            lines.append(f"# {row.evidence}")
            lines.append(line)
        else:
            lines.append(f"# not added ({row.evidence}): {line}")
    path = Path(path)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def entity_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Mentions grouped by entity: ``entity, type, count, evidence`` (all kinds, ``；``-joined).

    >>> entity_counts(pd.DataFrame({"entity": ["甲乙", "甲乙"], "type": ["person"] * 2,
    ...                             "evidence": ["title", "model"]})).values.tolist()
    [['甲乙', 'person', 2, 'title；model']]
    """
    if frame.empty:
        return pd.DataFrame(columns=["entity", "type", "count", "evidence"])
    grouped = frame.groupby(["entity", "type"], sort=False)
    table = grouped.agg(count=("entity", "size"),
                        evidence=("evidence", lambda s: "；".join(dict.fromkeys(s)))).reset_index()
    return table
