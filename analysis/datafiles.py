"""One reader for the project's data files: word lists, tables and jieba user dictionaries.

Every file in ``data/`` (and a user's own dictionary or word list) follows
the same conventions, applied here once:

* UTF-8, with or without a byte-order mark (Windows editors add one);
* a line whose first non-blank character is ``#`` is a comment, and blank
  lines are ignored; a ``#`` later in a line is data (``#`` never starts an
  inline comment, so a value may contain it);
* tables have a header row; every value is read as text (no ``NaN``: an
  empty cell is ``""``), and a missing column is a :class:`~analysis.errors.ReportError`
  that names the file and the columns it needs.

>>> import io
>>> lines("# a comment\\n党员\\n\\n  # another\\n群众\\n")
['党员', '群众']
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .errors import ReportError

__all__ = ["read_text", "lines", "read_lines", "read_table", "parse_user_dict", "read_user_dict", "USER_DICT_COLUMNS"]

#: Columns of :func:`read_user_dict`.
USER_DICT_COLUMNS = ["word", "freq", "pos", "line"]

_FREQ = re.compile(r"\d+")
_POS = re.compile(r"[A-Za-z]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def read_text(path: str | Path, *, what: str = "data file") -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped; line endings become ``\\n``).

    Raises:
        ReportError: The file is missing or not UTF-8.
    """
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"{what} {path} not found: pass the path of an existing file")
    try:
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as err:
        raise ReportError(f"{what} {path} is not UTF-8 (byte {err.start}): save it as UTF-8") from None


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def lines(text: str) -> list[str]:
    """The content lines of a text: stripped, without blank and comment lines."""
    return [line.strip() for line in text.split("\n") if _is_content(line)]


def read_lines(path: str | Path, *, what: str = "word list") -> list[str]:
    """The content lines of a file (one entry per line), in order.

    Args:
        path: The file.
        what: What the file is, for the error message.

    Returns:
        The stripped lines that are neither blank nor comments.
    """
    return lines(read_text(path, what=what))


def read_table(
    path: str | Path,
    *,
    columns: Sequence[str] = (),
    sep: str = ",",
    what: str = "table",
) -> pd.DataFrame:
    """A table with a header row, every value as text.

    Args:
        path: A CSV (``sep=","``) or TSV (``sep="\\t"``) file.
        columns: Columns the file must have (others are kept).
        sep: The field separator.
        what: What the file is, for the error message.

    Returns:
        DataFrame of str columns (an empty cell is ``""``).

    Raises:
        ReportError: The file is missing, not UTF-8, or lacks a column.

    >>> from analysis import paths
    >>> read_table(paths.ANNOTATIONS_DIR / "sentiment_labels.csv", columns=["sentence_id", "label"])["label"].iloc[0] in {"pos", "neu", "neg"}
    True
    """
    text = "\n".join(line for line in read_text(path, what=what).split("\n") if _is_content(line))
    frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                        quoting=csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReportError(f"{what} {path} lacks the column(s) {', '.join(missing)}: its header must name "
                          + ", ".join(columns))
    return frame


def parse_user_dict(text: str, *, source: str = "user dictionary") -> pd.DataFrame:
    """Parse a jieba user dictionary: one ``word [freq] [pos]`` per line.

    Fields are separated by white space; ``freq`` is a whole number and
    ``pos`` letters, both optional, in that order.  Comment and blank lines
    are skipped (jieba itself would load a ``#`` line as a word: the project
    reads the file and adds the words).  The command line checks a user's
    ``--user-dict`` with the same rule.

    Args:
        text: The dictionary's text.
        source: Its name, for the error message.

    Returns:
        DataFrame with columns ``word`` (str), ``freq`` (int or ``None``),
        ``pos`` (str or ``None``), ``line`` (1-based line number).

    Raises:
        ReportError: A line has another form (a frequency that is not a
            number, a field too many, a control character in the word).

    >>> parse_user_dict("# names\\n班慧 nr\\n乌海市 20 ns\\n新词\\n").values.tolist()
    [['班慧', None, 'nr', 2], ['乌海市', 20, 'ns', 3], ['新词', None, None, 4]]
    >>> parse_user_dict("河湾村 abc ns")
    Traceback (most recent call last):
    ...
    analysis.errors.ReportError: user dictionary, line 1: '河湾村 abc ns' is not 'word [freq] [pos]' (e.g. '河湾村 5 ns'): fix or delete that line
    """
    rows = []
    for number, raw in enumerate(text.split("\n"), 1):
        if not _is_content(raw):
            continue
        word, *rest = raw.split()
        freq = int(rest.pop(0)) if rest and _FREQ.fullmatch(rest[0]) else None
        pos = rest.pop(0) if rest and _POS.fullmatch(rest[0]) else None
        if rest or _CONTROL.search(word):
            raise ReportError(f"{source}, line {number}: {raw.strip()[:40]!r} is not 'word [freq] [pos]' "
                              "(e.g. '河湾村 5 ns'): fix or delete that line")
        rows.append((word, freq, pos, number))
    return pd.DataFrame(rows, columns=USER_DICT_COLUMNS, dtype=object).astype({"word": str, "line": int})


def read_user_dict(path: str | Path) -> pd.DataFrame:
    """Read a jieba user dictionary file (see :func:`parse_user_dict`).

    >>> from analysis import paths
    >>> entries = read_user_dict(paths.DICTIONARIES_DIR / "genre_dict.txt")
    >>> list(entries.columns)
    ['word', 'freq', 'pos', 'line']
    """
    return parse_user_dict(read_text(path, what="user dictionary"), source=str(path))
