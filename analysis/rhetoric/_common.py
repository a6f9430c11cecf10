"""Small helpers shared by the rhetoric detectors."""

from __future__ import annotations

import collections
import functools

from ..errors import ReportError
from ..inputs import is_report


def check_report(report):
    """Return ``report`` if it is a loaded report, else raise a clear :class:`ReportError`.

    >>> check_report("text")
    Traceback (most recent call last):
    ...
    analysis.errors.ReportError: expected a Report (from load_report(path) or parse_report(text)), got str
    """
    if not is_report(report):
        raise ReportError(
            f"expected a Report (from load_report(path) or parse_report(text)), got {type(report).__name__}"
        )
    return report


def tokenizer_or_default(tokenizer):
    """The tokenizer given, or the project's default one (:func:`analysis.inputs.as_tokenizer`)."""
    from ..inputs import as_tokenizer

    return as_tokenizer(tokenizer)


def token_spans(tagged: list[tuple[str, str]]) -> list[tuple[str, str, int, int]]:
    """``(word, tag)`` pairs with their character offsets: ``(word, tag, start, end)``.

    >>> token_spans([("党员", "n"), ("冲", "v")])
    [('党员', 'n', 0, 2), ('冲', 'v', 2, 3)]
    """
    out, position = [], 0
    for word, tag in tagged:
        out.append((word, tag, position, position + len(word)))
        position += len(word)
    return out


@functools.lru_cache(maxsize=256)
def _row_type(fields: tuple[str, ...]):
    return collections.namedtuple("Pandas", fields, rename=True)


def rows(frame, index: bool = True):
    """The rows of a DataFrame as named tuples, like ``frame.itertuples(index=index)``, without its cost per call.

    ``itertuples`` builds a named-tuple type and reads every column through
    ``iloc`` on each call, about a millisecond even for an empty frame; the
    detectors call it once per paragraph, so it dominated their time on a
    corpus.  The values are the same (Python scalars, as ``tolist`` gives).

    >>> import pandas as pd
    >>> f = pd.DataFrame({"word": ["党员", "冲"], "start": [0, 2]})
    >>> [tuple(r) for r in rows(f)] == [tuple(r) for r in f.itertuples()]
    True
    >>> next(rows(f, index=False)).word
    '党员'
    """
    names = list(frame.columns)
    if not len(frame):
        columns = [[] for _ in names]
    elif frame.columns.is_unique:
        columns = [frame[name].tolist() for name in names]
    else:
        columns = [frame.iloc[:, k].tolist() for k in range(len(names))]
    if index:
        names, columns = ["Index", *names], [frame.index.tolist(), *columns]
    return map(_row_type(tuple(map(str, names)))._make, zip(*columns)) if columns else iter(())
