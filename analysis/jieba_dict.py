"""jieba's main dictionary (``jieba/dict.txt``), parsed once per process.

The dictionary of the installed jieba (349,046 lines ``word freq tag`` in
0.42.1, total frequency 60,101,967) is used as evidence in several places:
the keyness reference list, common words that are never names, and the
doubled-character test of the loader.  It is read here once, from the
installed package (never copied into the project), and every caller shares
the result.  One word (``B超``) has two lines: its frequencies are summed
(the total is the sum of every line) and its tag is the last line's, as in
jieba's own ``FREQ`` and ``posseg`` tables.

>>> bool(frequencies()["党员"] > 1000), total()
(True, 60101967)
>>> tags()["党员"]
'n'
"""

from __future__ import annotations

import csv
import functools
import importlib.util
from pathlib import Path

import pandas as pd

from . import _compat
from .errors import ReportError

__all__ = ["dictionary_path", "table", "frequencies", "frequency_dict", "tags", "total"]


def dictionary_path() -> Path:
    """Path of ``dict.txt`` inside the installed jieba (its version checked, see :mod:`analysis._compat`)."""
    _compat.require("jieba")
    spec = importlib.util.find_spec("jieba")
    path = Path(list(spec.submodule_search_locations)[0]) / "dict.txt"
    if not path.is_file():
        raise ReportError(f"{path} not found: reinstall jieba (pip install --force-reinstall -r requirements.lock)")
    return path


@functools.cache
def table() -> pd.DataFrame:
    """Every line of the dictionary: columns ``word`` (str), ``freq`` (int64), ``tag`` (str).

    The frame is shared between callers: do not modify it.
    """
    return pd.read_csv(dictionary_path(), sep=" ", header=None, names=["word", "freq", "tag"],
                       quoting=csv.QUOTE_NONE, dtype={"word": str, "freq": "int64", "tag": str},
                       keep_default_na=False, encoding="utf-8")


@functools.cache
def frequencies() -> pd.Series:
    """Word → frequency (summed over duplicate lines), a Series named ``freq`` indexed by ``word``.

    ``attrs`` holds ``source`` and ``total``.  Shared between callers: do not modify it.
    """
    frame = table()
    series = frame.groupby("word", sort=True)["freq"].sum().rename("freq")
    series.attrs.update(source="jieba dict.txt", total=int(series.sum()))
    return series


@functools.cache
def frequency_dict() -> dict[str, int]:
    """:func:`frequencies` as a plain dict (fast lookups in loops).  Do not modify it."""
    return frequencies().to_dict()


@functools.cache
def tags() -> dict[str, str]:
    """Word → jieba's POS tag (the last line of a duplicated word).  Do not modify it."""
    frame = table()
    return dict(zip(frame["word"].tolist(), frame["tag"].tolist()))  # lists: iterating the Series is 3x slower


def total() -> int:
    """Sum of all frequencies of the dictionary."""
    return int(frequencies().attrs["total"])
