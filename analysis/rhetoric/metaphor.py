"""The EPIDEMIC IS WAR metaphor: lexicon hits on whole tokens, KWIC, density.

Method.  The lexicon ``data/lexicons/war_metaphor.csv`` lists war-domain
words whose *basic meaning* (MIPVU, Steen et al. 2010; Pragglejaz Group
2007: the more concrete, bodily or historically older sense in a
contemporary dictionary) belongs to war, combat or the military, with a
category, a ``strength`` (``clear`` or ``weak``: borderline or highly
conventionalised, such as 一线) and a note.  In a report about an epidemic
their *contextual* meaning is not military, so each hit is a candidate
metaphor-related word.  The human judgement of MIPVU is encoded once, in the
lexicon; the code only finds words, so every hit should be read in its KWIC
line (``left``/``right``) before it is counted as metaphor in a study.

Whole tokens.  Hits are found on the tokens of the project
:class:`~analysis.tokenize.Tokenizer`, never on substrings: 战斗 inside the
token 战斗队 is not a hit for 战斗.  A lexicon entry that the tokenizer
splits (没有硝烟的战争 → 没有/硝烟/的/战争, 来袭 → 来/袭) is matched as a
*sequence* of consecutive tokens whose concatenation equals the entry;
at each position the longest entry wins, so the figure is counted once,
not as 战争 plus more.  This leaves the shared tokenizer unchanged (adding
entries as words would change segmentation for every other analysis).

Titles.  The headline (誓言铮铮战疫魔) and the section headings (吹响战斗号角)
carry the densest war imagery of the page.  They are analysed by default
(``include_titles=True``) as rows with ``part`` ``headline`` or ``heading``
and ``paragraph_id`` 0, and :func:`metaphor_density` counts them in a row
of their own, so body densities stay comparable with body text elsewhere.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import ReportError
from ..tokenize import Tokenizer, default_tokenizer, is_punctuation
from ._common import check_report
from .devices import titles

LOGGER = logging.getLogger(__name__)

__all__ = [
    "WAR_LEXICON",
    "METAPHOR_COLUMNS",
    "DENSITY_COLUMNS",
    "load_war_lexicon",
    "war_metaphors",
    "metaphor_density",
    "title_tokens",
    "unlisted_tokens",
    "WAR_FRAME_COLUMNS",
    "war_frames",
]

WAR_LEXICON = paths.LEXICONS_DIR / "war_metaphor.csv"
#: Words naming serving armed forces: a war word in a sentence with one of them is read literally.
LITERAL_CUES = paths.LEXICONS_DIR / "war_literal_cues.txt"
#: Categories read literally next to a literal cue: the forces and their moves (部队, 战士, 闻令而动, 进驻), not the
#: fighting words (奋战, 一线) that stay metaphors when soldiers fight an epidemic.
LITERAL_CATEGORIES = frozenset({"unit", "soldier", "mobilisation"})
#: Civil tasks, defence verbs and their objects (``war_context_cues.tsv``): soldiers' fighting words stay
#: metaphors only where the sentence names a civil task (官兵奋战在抗疫一线); 筑牢/构筑/守住 need a defence.
CONTEXT_CUES = paths.LEXICONS_DIR / "war_context_cues.tsv"
_LEXICON_COLUMNS = ["word", "category", "strength", "basic_meaning", "note", "guideline"]
_NUMERALS = "一二三四五六七八九十第两"

#: Columns of :func:`war_metaphors`.
METAPHOR_COLUMNS = [
    "word", "category", "strength", "part", "paragraph_id", "sentence_id", "section",
    "start", "end", "raw_start", "raw_end", "n_tokens", "left", "right", "by_guideline", "literal",
]
#: Prefix of a ``guideline`` value that marks an entry the annotation guidelines do not count.
NOT_WAR = "not_war"
#: Columns of :func:`metaphor_density`.
DENSITY_COLUMNS = ["section", "section_title", "category", "n_tokens", "n_hits", "per_1000"]
TITLES_LABEL = "标题"


@functools.lru_cache(maxsize=4)
def _read_lexicon(path: str, mtime: float) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, comment="#").fillna("")
    missing = set(_LEXICON_COLUMNS[:2]) - set(frame.columns)
    if missing:
        raise ReportError(f"{path} lacks columns {sorted(missing)}: a war lexicon needs at least word,category")
    for column in _LEXICON_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame["word"] = frame["word"].str.strip()
    frame = frame[frame["word"] != ""]
    duplicated = frame["word"].duplicated()
    if duplicated.any():
        LOGGER.warning("%s lists %d words twice; the first entry is kept", path, int(duplicated.sum()))
        frame = frame[~duplicated]
    return frame[_LEXICON_COLUMNS].reset_index(drop=True)


def load_war_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read a war-metaphor lexicon (default ``data/lexicons/war_metaphor.csv``).

    Args:
        path: A CSV with columns ``word, category`` and optionally
            ``strength, basic_meaning, note, guideline``.

    Returns:
        DataFrame with columns ``word, category, strength, basic_meaning,
        note, guideline`` (missing optional columns are empty), one row per
        word.  ``guideline`` starting with ``not_war`` marks a word kept in
        the lexicon that the annotation guidelines
        (``data/annotations/dev_rhetoric_guidelines.md``) do not count as a war
        metaphor (动员 in its work sense, demon and hero framing, the name
        指挥部), with the reason.

    Raises:
        ReportError: The file is missing or lacks ``word``/``category``.

    >>> lex = load_war_lexicon()
    >>> lex.set_index("word").loc["疫魔", "category"]
    'enemy'
    """
    path = Path(path) if path is not None else WAR_LEXICON
    if not path.is_file():
        raise ReportError(f"war lexicon {path} not found: pass a CSV with columns word,category,note")
    return _read_lexicon(str(path), os.path.getmtime(path)).copy()


def title_tokens(report, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Tokens of the headline and headings, shaped like ``Tokenizer.tokens``.

    Args:
        report: A :class:`~analysis.loading.Report`.
        tokenizer: Default: the project tokenizer.

    Returns:
        DataFrame with the columns of :meth:`Tokenizer.tokens` (``token_id``
        0, ``sentence_id`` 0, ``paragraph_id`` 0; ``start``/``end`` are
        offsets in the title) plus ``part`` (headline|heading) and
        ``title`` (the title text).

    >>> from analysis import load_report
    >>> t = title_tokens(load_report())
    >>> "疫魔" in set(t.loc[t.part == "headline", "word"])
    True
    """
    tokenizer = tokenizer or default_tokenizer()
    rows = []
    for title in titles(report).itertuples(index=False):
        position = 0
        for word, pos in tokenizer.tag(title.text):
            start, end = position, position + len(word)
            position = end
            raw = (title.raw_start + start, title.raw_start + end) if title.raw_start >= 0 else (-1, -1)
            rows.append((0, 0, 0, title.section, word, pos, start, end, raw[0], raw[1],
                         word in tokenizer.stopwords, is_punctuation(word), title.part, title.text))
    columns = ["token_id", "sentence_id", "paragraph_id", "section", "word", "pos", "start", "end",
               "raw_start", "raw_end", "is_stopword", "is_punct", "part", "title"]
    return pd.DataFrame(rows, columns=columns)


def token_groups(report, *, tokenizer: Tokenizer, include_titles: bool = True) -> list[tuple]:
    """The units a detector scans: each title, then each body paragraph, with its tokens.

    Args:
        report: A :class:`~analysis.loading.Report`.
        tokenizer: The tokenizer.
        include_titles: Start with the headline and headings (:func:`title_tokens`).

    Returns:
        ``(part, text, tokens, paragraph_id)`` tuples in reading order;
        ``paragraph_id`` is ``None`` for a title, ``tokens`` a slice of
        :func:`title_tokens` or of ``tokenizer.tokens(report)``.
    """
    groups = []
    if include_titles:
        for (part, title), group in title_tokens(report, tokenizer=tokenizer).groupby(["part", "title"], sort=False):
            groups.append((part, title, group, None))
    texts = dict(zip(report.paragraphs["paragraph_id"], report.paragraphs["text"]))
    parts = dict(zip(report.paragraphs["paragraph_id"], report.paragraphs["part"]))
    for pid, group in tokenizer.tokens(report).groupby("paragraph_id", sort=True):
        groups.append((parts[pid], texts[pid], group, pid))
    return groups


def _match(words: list[str], entries: dict[str, int], max_tokens: int = 8):
    """Greedy longest match of entries on token sequences: yield (i, k, entry)."""
    i = 0
    while i < len(words):
        best = None
        text = ""
        for k in range(1, min(max_tokens, len(words) - i) + 1):
            text += words[i + k - 1]
            if text in entries:
                best = (k, text)
        if best is not None:
            yield i, best[0], best[1]
            i += best[0]
        else:
            i += 1


@functools.lru_cache(maxsize=4)
def _literal_cue_pattern(path: str, mtime: float) -> re.Pattern | None:
    words = [w.strip() for w in Path(path).read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None


@functools.lru_cache(maxsize=4)
def _context_cues(path: str, mtime: float) -> dict[str, tuple[str, ...]]:
    frame = pd.read_csv(path, sep="\t", dtype=str, comment="#").fillna("")
    return {role: tuple(group["word"]) for role, group in frame.groupby("role")}


def context_cues() -> dict[str, tuple[str, ...]]:
    """Words of ``data/lexicons/war_context_cues.tsv`` by role (``civil_task``, ``defence_verb``, ``defence_object``).

    >>> "防线" in context_cues()["defence_object"]
    True
    """
    if not CONTEXT_CUES.is_file():
        return {}
    return _context_cues(str(CONTEXT_CUES), os.path.getmtime(CONTEXT_CUES))


def literal_cues() -> re.Pattern | None:
    """The words of ``data/lexicons/war_literal_cues.txt`` as one pattern (``None`` when the file is absent)."""
    if not LITERAL_CUES.is_file():
        return None
    return _literal_cue_pattern(str(LITERAL_CUES), os.path.getmtime(LITERAL_CUES))


def _match_with_suffixes(words: list[str], entries: dict[str, int], max_tokens: int = 8,
                         excluded: frozenset[str] | set[str] = frozenset(), names: frozenset[int] = frozenset()):
    """:func:`_match`, plus unlisted 3–4 character tokens ending with an entry of 2+ characters,
    unlisted 4-character tokens opening with an entry of 2 characters that does not start with a numeral
    and is not in ``excluded`` (entries the guidelines do not count), and unlisted 3-character tokens that end
    with 战 (a battle) when 战 is an entry and no numeral opens them (价格战; not 第一战).

    Yields ``(i, k, entry, skip, length)``: ``skip`` characters of the first
    token are not part of the hit (0 for a whole-token match); ``length`` is
    the hit's length in characters when it ends inside the token, else ``None``.

    >>> list(_match_with_suffixes(["日夜奋战", "在", "战斗队", "必胜信念", "一线城市"], {"奋战": 1, "战斗": 1, "必胜": 1, "一线": 1}))
    [(0, 1, '奋战', 2, None), (3, 1, '必胜', 0, 2)]
    >>> list(_match_with_suffixes(["价格战", "第一战", "挑战"], {"战": 1}))
    [(0, 1, '战', 0, None)]
    """
    matched = {i: (i, k, entry) for i, k, entry in _match(words, entries, max_tokens)}
    covered = {j for i, k, _ in matched.values() for j in range(i, i + k)}
    for i, word in enumerate(words):
        if i in matched:
            yield (*matched[i], 0, None)
        elif i not in covered and i not in names and 3 <= len(word) <= 4:  # not a person's name (谭先锋)
            for skip in (1, 2):
                if len(word) - skip >= 2 and word[skip:] in entries:
                    yield i, 1, word[skip:], skip, None
                    break
            else:
                # 必胜信念, 厌战情绪, 前沿技术 (jieba keeps them whole); not 一线城市 (a numeral opens it)
                if len(word) == 4 and word[:2] in entries and word[0] not in _NUMERALS and word[:2] not in excluded:
                    yield i, 1, word[:2], 0, 2
                # 价格战, 广告战, 阵地战: a kind of battle named by the thing fought with or over (round 13)
                elif len(word) == 3 and word[-1] == _BATTLE and _BATTLE in entries and word[0] not in _NUMERALS:
                    yield i, 1, _BATTLE, 0, None


#: The entry of a battle: a 3-character token ending with it names a kind of battle (价格战, 阵地战), see
#: :func:`_match_with_suffixes`; the hit's ``word`` is then the whole token.
_BATTLE = "战"


#: Tokens either side of a defence verb where its defence (防线, 堡垒) is looked for.
_DEFENCE_WINDOW = 12


#: Categories a real war of history makes literal (战争, 战士, 胜利; not the defence words).
_PAST_WAR_CATEGORIES = frozenset({"war", "soldier", "combat"})


def _past_war(text: str, start: int, end: int, before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """A real war named around the word: a cue within four characters before it (老 only right before) or right after.

    >>> _past_war("侵略战争的教训", 2, 4, ("侵略", "老"), ("年代",)), _past_war("老战士", 1, 3, ("老",), ())
    (True, True)
    >>> _past_war("老区的战士", 3, 5, ("老",), ())
    False
    """
    window = text[max(0, start - 4):start]
    if any(c in window for c in before if c != "老") or "老" in before and window.endswith("老"):
        return True
    return text[end:end + 2].startswith(after) if after else False


def _defence_near(words, sentence_ids, i: int, k: int, objects) -> bool:
    """A defence object in the same sentence within a few tokens of the verb (构筑…防线, 把这道防线守住)."""
    sentence = sentence_ids[i]
    low, high = max(0, i - _DEFENCE_WINDOW), min(len(words), i + k + _DEFENCE_WINDOW)
    before = "".join(words[j] for j in range(low, i) if sentence_ids[j] == sentence)
    after = "".join(words[j] for j in range(i + k, high) if sentence_ids[j] == sentence)
    return any(o in before or o in after for o in objects)


def war_metaphors(
    report,
    *,
    tokenizer: Tokenizer | None = None,
    lexicon: pd.DataFrame | None = None,
    include_titles: bool = True,
    window: int = 12,
) -> pd.DataFrame:
    """Every war-lexicon hit in a report, on whole tokens, with its KWIC line.

    Args:
        report: A :class:`~analysis.loading.Report`.
        tokenizer: Default: the project tokenizer.
        lexicon: A table like :func:`load_war_lexicon` (default: the project
            lexicon).
        include_titles: Also scan the headline and headings (rows with
            ``paragraph_id`` 0 and ``part`` headline|heading).
        window: Characters of context on each side for ``left``/``right``.

    Returns:
        DataFrame, one row per hit in text order (titles first), with
        columns ``word`` (the lexicon entry), ``category, strength, part``
        (headline|heading|lead|body|closing), ``paragraph_id,
        sentence_id, section``, ``start, end`` (offsets in the paragraph
        or title text), ``raw_start, raw_end``, ``n_tokens`` (tokens the
        hit spans: 1, or more for a sequence such as 没有硝烟的战争),
        ``left, right`` (context within the paragraph or title),
        ``by_guideline`` (False for an entry marked ``not_war`` in the
        lexicon, or a literal hit: found and shown, but not a war metaphor by
        the annotation guidelines; the development-set figures count only True
        rows), ``literal`` (a word naming the forces or their moves —
        categories :data:`LITERAL_CATEGORIES` — in a sentence that names
        serving armed forces, ``war_literal_cues.txt``: 解放军官兵闻令而动;
        also a word right before a ``name_after`` cue of
        ``war_context_cues.tsv``: 前线话剧团 names a troupe; and a word right
        before an ``adverb_before`` cue: 胜利召开 is "held successfully").

    A 4-character token that is not an entry but opens with an entry of two
    characters (必胜信念, 厌战情绪) is a hit on its first two characters,
    unless the entry starts with a numeral (一线城市).

    A token that is not an entry but ends with an entry of two or more
    characters after a modifier of one or two characters (日夜奋战, 各条战线:
    jieba keeps them whole) is a hit on its last characters, unless the
    token itself is listed.

    Raises:
        ReportError: Not a report, or a lexicon without ``word``/``category``.

    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n□记者\\n\\n党员组成战斗队，战斗在一线。")
    >>> war_metaphors(r)[["word", "category"]].values.tolist()
    [['战斗队', 'unit'], ['战斗', 'combat'], ['一线', 'front_line']]
    >>> war_metaphors(parse_report("标题\\n\\n□记者\\n\\n全面动员，日夜奋战。"))[["word", "by_guideline"]].values.tolist()
    [['动员', False], ['奋战', True]]
    """
    check_report(report)
    tokenizer = tokenizer or default_tokenizer()
    lexicon = load_war_lexicon() if lexicon is None else lexicon
    missing = {"word", "category"} - set(lexicon.columns)
    if missing:
        raise ReportError(f"the lexicon lacks columns {sorted(missing)}: pass a table like load_war_lexicon()")
    info = lexicon.drop_duplicates("word").set_index("word")
    entries = {w: 1 for w in info.index}
    max_tokens = max((len(w) for w in entries), default=1)
    excluded = {w for w, g in info.get("guideline", pd.Series(dtype=str)).items() if str(g).startswith(NOT_WAR)}
    cues = literal_cues()
    context = context_cues()
    civil, defence_verbs, defence_objects = (context.get(r, ()) for r in ("civil_task", "defence_verb", "defence_object"))
    past_before, past_after = context.get("past_war_before", ()), context.get("past_war_after", ())
    name_after = context.get("name_after", ())
    adverb_before = context.get("adverb_before", ())
    named_match = frozenset(context.get("named_match", ()))  # 天元战: a tournament's name, not a kind of battle
    literal_sentence: dict[int, bool] = {}
    civil_paragraph: dict[tuple, bool] = {}
    forces_paragraph: dict[tuple, bool] = {}

    rows = []
    for part, text, group, pid in token_groups(report, tokenizer=tokenizer, include_titles=include_titles):
        unit_key = (pid, text if pid is None else "")
        words = group["word"].tolist()
        poses, sentence_ids = group["pos"].tolist(), group["sentence_id"].tolist()
        # a person's name: an nr token (谭先锋), or a token after a lone surname that jieba split off (谭 | 先锋, zg)
        names = frozenset(i for i, pos in enumerate(poses) if pos in ("nr", "nrfg", "nrt")
                          or i > 0 and poses[i - 1] == "zg" and len(words[i - 1]) == 1)
        for i, k, entry, skip, length in _match_with_suffixes(words, entries, max_tokens, excluded, names):
            if skip == 0 and i in names and poses[i] not in ("nr", "nrfg", "nrt"):
                continue  # 谭 | 先锋: the second half of a name, not the word
            if entry == _BATTLE and words[i] in named_match:
                continue  # 围棋天元战: a tournament named …战 is no battle
            first, last = group.iloc[i], group.iloc[i + k - 1]
            start, end = int(first["start"]) + skip, int(last["end"])
            raw_start = int(first["raw_start"]) + skip if int(first["raw_start"]) >= 0 else -1
            raw_end = int(last["raw_end"])
            if length is not None:  # the hit opens the token (必胜 of 必胜信念)
                end = start + length
                raw_end = raw_start + length if raw_start >= 0 else raw_end
            meta = info.loc[entry]
            sentence_id = int(first["sentence_id"])
            if sentence_id not in literal_sentence:
                # a cue in a token of the sentence that is not a person's name (刘海军 names no navy)
                literal_sentence[sentence_id] = cues is not None and sentence_id > 0 and any(
                    cues.search(w) or j + 1 < len(words) and cues.fullmatch(w + words[j + 1])  # 武装 | 分子
                    for j, (w, sid) in enumerate(zip(words, sentence_ids))
                    if sid == sentence_id and j not in names)  # nor a name jieba split (刘 | 海军)
            if unit_key not in civil_paragraph:  # the civil task may be named anywhere in the paragraph
                civil_paragraph[unit_key] = any(c in text for c in civil)
            # 部队的凝聚力和战斗力, 激战: next to the forces and no civil task, every war word is literal
            if unit_key not in forces_paragraph:  # the forces named anywhere in the paragraph (not in a name)
                forces_paragraph[unit_key] = cues is not None and any(
                    cues.search(w) or j + 1 < len(words) and cues.fullmatch(w + words[j + 1])
                    for j, w in enumerate(words) if j not in names)
            literal = literal_sentence[sentence_id] and (meta["category"] in LITERAL_CATEGORIES
                                                         or not civil_paragraph[unit_key]) \
                or forces_paragraph[unit_key] and not civil_paragraph[unit_key]
            if entry in defence_verbs and not _defence_near(words, sentence_ids, i, k, defence_objects):
                literal = True  # 筑牢底线: a construction verb without a defence is no war word
            if meta["category"] in _PAST_WAR_CATEGORIES and _past_war(text, start, end, past_before, past_after):
                literal = True  # 侵略战争, 战争年代, 革命胜利, 红军老战士: a real war of history
            if name_after and text.startswith(name_after, end):
                literal = True  # 前线话剧团, 战友歌舞团: the war word names a troupe or a publisher, it is no figure
            if adverb_before and text.startswith(adverb_before, end):
                literal = True  # 十五大的胜利召开, 胜利闭幕: an adverb (successfully) before a verb of holding, no victory
            rows.append((
                words[i] if entry == _BATTLE and k == 1 and skip == 0 and length is None else entry, meta["category"], meta.get("strength", ""), part,
                int(first["paragraph_id"]), sentence_id, int(first["section"]),
                start, end, raw_start, raw_end, k,
                text[max(0, start - window) : start], text[end : end + window],
                entry not in excluded and not literal, literal,
            ))
    return pd.DataFrame(rows, columns=METAPHOR_COLUMNS)


def metaphor_density(
    report,
    *,
    hits: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    lexicon: pd.DataFrame | None = None,
    include_titles: bool = True,
    clear_only: bool = False,
) -> pd.DataFrame:
    """Hits per 1,000 tokens for each section, overall and by category.

    Tokens are counted without punctuation (the usual basis of "per 1,000
    words" figures).  A multi-token hit counts as one hit.

    Args:
        report: A :class:`~analysis.loading.Report`.
        hits: The output of :func:`war_metaphors` if already computed (it
            must have been made with the same ``include_titles``).
        tokenizer: Default: the project tokenizer.
        lexicon: Default: the project lexicon.
        include_titles: Add a row for headline + headings (``section``
            ``<NA>``, ``section_title`` 标题).
        clear_only: Count only entries of ``strength`` ``clear`` (leave out
            borderline, highly conventional words such as 一线, 先锋).

    Returns:
        Tidy DataFrame with columns ``section`` (``<NA>`` for the titles and
        the total), ``section_title`` (导语, the heading, 标题, or ``全文``
        for the body total), ``category`` (``all`` or a lexicon category),
        ``n_tokens, n_hits, per_1000``.

    >>> from analysis import load_report
    >>> d = metaphor_density(load_report())
    >>> d[(d.section_title == "全文") & (d.category == "all")].n_hits.item() > 10
    True
    """
    check_report(report)
    tokenizer = tokenizer or default_tokenizer()
    lexicon = load_war_lexicon() if lexicon is None else lexicon
    if hits is None:
        hits = war_metaphors(report, tokenizer=tokenizer, lexicon=lexicon, include_titles=include_titles)
    if clear_only:
        hits = hits[hits["strength"] == "clear"]
    body = tokenizer.tokens(report, drop_punct=True)
    categories = ["all"] + sorted(lexicon["category"].unique())
    units = [(int(s), t, body["section"] == s, hits["part"].isin(["lead", "body", "closing"]) & (hits["section"] == s))
             for s, t in report.section_titles.items()]
    body_hits = hits["part"].isin(["lead", "body", "closing"])
    units.append((pd.NA, "全文", pd.Series(True, index=body.index), body_hits))
    rows = []
    for section, title, token_mask, hit_mask in units:
        n_tokens = int(token_mask.sum())
        rows.extend(_density_rows(section, title, n_tokens, hits[hit_mask], categories))
    if include_titles:
        tt = title_tokens(report, tokenizer=tokenizer)
        n_tokens = int((~tt["is_punct"]).sum())
        rows.extend(_density_rows(pd.NA, TITLES_LABEL, n_tokens, hits[~body_hits], categories))
    frame = pd.DataFrame(rows, columns=DENSITY_COLUMNS)
    frame["section"] = frame["section"].astype("Int64")
    return frame


def _density_rows(section, title, n_tokens, hits, categories):
    for category in categories:
        n = len(hits) if category == "all" else int((hits["category"] == category).sum())
        per = round(1000 * n / n_tokens, 2) if n_tokens else float("nan")
        yield section, title, category, n_tokens, n, per


def unlisted_tokens(
    report,
    *,
    tokenizer: Tokenizer | None = None,
    lexicon: pd.DataFrame | None = None,
    hits: pd.DataFrame | None = None,
    include_titles: bool = True,
) -> pd.DataFrame:
    """Tokens that contain a lexicon word but are not hits: what to review.

    Whole-token matching misses a war word inside a longer token that the
    lexicon does not list (冲锋 inside an unlisted 冲锋在前, 英雄 inside
    英雄本色).  This table lists such tokens so a user can decide, word by
    word, whether to add them to the lexicon; nothing here is counted.

    Args:
        report: A :class:`~analysis.loading.Report`.
        tokenizer: Default: the project tokenizer.
        lexicon: Default: the project lexicon.
        hits: The output of :func:`war_metaphors`, if already computed.
        include_titles: Also look at headline and headings.

    Returns:
        DataFrame with columns ``word`` (the token), ``contains`` (the
        lexicon word inside it), ``category`` (of that word), ``part,
        paragraph_id, section, start, end``.

    >>> from analysis import load_report
    >>> "党员先锋岗" in set(unlisted_tokens(load_report())["word"])
    True
    """
    check_report(report)
    tokenizer = tokenizer or default_tokenizer()
    lexicon = load_war_lexicon() if lexicon is None else lexicon
    if hits is None:
        hits = war_metaphors(report, tokenizer=tokenizer, lexicon=lexicon, include_titles=include_titles)
    covered = {(row.paragraph_id, row.part, i) for row in hits.itertuples() for i in range(row.start, row.end)}
    entries = sorted((w for w in lexicon["word"] if len(w) >= 2), key=len, reverse=True)
    category = dict(zip(lexicon["word"], lexicon["category"]))
    body = tokenizer.tokens(report)
    parts = dict(zip(report.paragraphs["paragraph_id"], report.paragraphs["part"]))
    body["part"] = body["paragraph_id"].map(parts)
    frames = [body]
    if include_titles:
        frames.insert(0, title_tokens(report, tokenizer=tokenizer))
    rows = []
    for frame in frames:
        for tok in frame.itertuples():
            if (tok.paragraph_id, tok.part, tok.start) in covered:
                continue
            inside = next((w for w in entries if w in tok.word and w != tok.word), None)
            if inside:
                rows.append((tok.word, inside, category[inside], tok.part, tok.paragraph_id, tok.section,
                             tok.start, tok.end))
    return pd.DataFrame(rows, columns=["word", "contains", "category", "part", "paragraph_id", "section",
                                       "start", "end"])


#: Columns of :func:`war_frames`.
WAR_FRAME_COLUMNS = ["paragraph_id", "section", "n", "frame", "items", "words", "start", "end", "raw_start", "raw_end"]
_FRAME_BREAK = re.compile(r"[、，,；;。！？!?]")


def war_frames(report, *, hits: pd.DataFrame | None = None, tokenizer: Tokenizer | None = None,
               max_clause: int = 12) -> pd.DataFrame:
    """Parallel war frames: consecutive clauses of one shape, each with a war word.

    ``冲锋在第一线、战斗在最前沿``: two clauses of the same length, each holding
    a lexicon hit, that share the characters that are not hits at the same
    positions (here 在) form the frame ``□□在□□□``.  Runs of two or more
    such clauses (at most ``max_clause`` characters each) are reported.
    Linear: every clause is compared with its neighbour only.

    Args:
        report: A :class:`~analysis.loading.Report`.
        hits: The output of :func:`war_metaphors` (body rows are used).
        tokenizer: Default: the project tokenizer.
        max_clause: Longest clause considered.

    Returns:
        DataFrame with columns ``paragraph_id, section, n`` (clauses)
        ``, frame`` (shared characters, □ for the varying ones) ``, items``
        (the clauses) ``, words`` (the war words) ``, start, end`` (offsets in
        the paragraph) ``, raw_start, raw_end``.

    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n□记者\\n\\n党员冲锋在第一线、战斗在最前沿。")
    >>> war_frames(r)[["frame", "n"]].values.tolist()
    [['□□在□□□', 2]]
    """
    check_report(report)
    tokenizer = tokenizer or default_tokenizer()
    if hits is None:
        hits = war_metaphors(report, tokenizer=tokenizer, include_titles=False)
    hits = hits[hits["paragraph_id"] > 0]
    by_paragraph = {pid: list(zip(g["start"], g["end"], g["word"])) for pid, g in hits.groupby("paragraph_id")}
    rows = []
    for para in report.paragraphs.itertuples(index=False):
        spans = by_paragraph.get(para.paragraph_id, [])
        if len(spans) < 2:
            continue
        text = para.text
        clauses, position = [], 0
        for match in list(_FRAME_BREAK.finditer(text)) + [None]:
            end = match.start() if match else len(text)
            clauses.append((position, end))
            position = match.end() if match else len(text)
        words_in = _words_in_clauses(clauses, spans)
        run: list[int] = []
        for i in range(len(clauses) + 1):
            if i < len(clauses) and words_in[i] and run and _same_shape(text, clauses, run[-1], i, spans, max_clause):
                run.append(i)
                continue
            if len(run) >= 2:
                rows.append(_frame_row(report, para, text, clauses, run, spans, words_in))
            run = [i] if i < len(clauses) and words_in[i] else []
    return pd.DataFrame(rows, columns=WAR_FRAME_COLUMNS)


def _words_in_clauses(clauses, spans):
    """For each clause, the hits inside it (two pointers over sorted lists: linear)."""
    spans = sorted(spans)
    out, j = [], 0
    for start, end in clauses:
        while j < len(spans) and spans[j][0] < start:
            j += 1
        k, inside = j, []
        while k < len(spans) and spans[k][1] <= end:
            inside.append(spans[k])
            k += 1
        out.append(inside)
    return out


def _mask(text, clause, spans) -> str:
    start, end = clause
    chars = list(text[start:end])
    for s, e, _ in spans:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = "□"
    return "".join(chars)


def _same_shape(text, clauses, a, b, spans, max_clause) -> bool:
    """Same shape: the shorter clause, hits masked, equals the end of the longer one (a subject
    may open the first clause: 党员冲锋在第一线、战斗在最前沿), with a shared character."""
    la, lb = clauses[a][1] - clauses[a][0], clauses[b][1] - clauses[b][0]
    if not (3 <= min(la, lb) and max(la, lb) <= max_clause and abs(la - lb) <= 4):
        return False
    n = min(la, lb)
    ma, mb = _mask(text, clauses[a], spans)[-n:], _mask(text, clauses[b], spans)[-n:]
    return ma == mb and any(c != "□" for c in ma) and "□" in ma


def _frame_row(report, para, text, clauses, run, spans, words_in):
    n = min(clauses[i][1] - clauses[i][0] for i in run)
    masks = [_mask(text, clauses[i], spans)[-n:] for i in run]
    frame = "".join(c if all(m[j] == c for m in masks) else "□" for j, c in enumerate(masks[0]))
    start, end = clauses[run[0]][0], clauses[run[-1]][1]
    raw_start, raw_end = report.raw_span(para.paragraph_id, start, end)
    return dict(paragraph_id=para.paragraph_id, section=para.section, n=len(run), frame=frame,
                items=[text[clauses[i][0]:clauses[i][1]] for i in run],
                words=[w for i in run for _, _, w in words_in[i]], start=start, end=end,
                raw_start=raw_start, raw_end=raw_end)
