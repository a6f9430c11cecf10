"""What the analysis functions accept, coerced in one place: a report, a token table, a tokenizer.

Every public function that takes "a report" accepts a
:class:`~analysis.loading.Report` (from ``load_report(path)`` or
``parse_report(text)``); many also take the report's text or a token table.
Instead of each module testing ``hasattr(x, "paragraphs")`` its own way,
they call:

* :func:`is_report` — ``isinstance(obj, Report)``;
* :func:`as_report` — a Report, or a text parsed with ``parse_report``;
  anything else is a one-line :class:`~analysis.errors.ReportError`;
* :func:`as_tokens` — a token table (``Tokenizer.tokens`` columns, missing
  optional columns filled in), tokenizing a Report or a text if needed;
* :func:`as_tokenizer` — the tokenizer given, or the one default tokenizer
  (:func:`analysis.tokenize.default_tokenizer`, per report).

>>> as_report("标题\\n\\n□记者\\n\\n党员冲在一线。").headline
'标题'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import ReportError
from .loading import Report, parse_report

if TYPE_CHECKING:  # pragma: no cover
    from typing import TypeGuard

    from .tokenize import Tokenizer

__all__ = ["ReportLike", "TokensLike", "is_report", "as_report", "as_tokens", "as_tokenizer"]

#: A report, or its text.
ReportLike = Report | str
#: A token table, a report, or its text.
TokensLike = pd.DataFrame | Report | str

_OPTIONAL_TOKEN_COLUMNS = ("pos", "is_punct", "is_stopword", "token_id", "sentence_id", "paragraph_id", "section")


def is_report(obj: object) -> TypeGuard[Report]:
    """True for a :class:`~analysis.loading.Report`.

    >>> is_report("text"), is_report(parse_report("标题\\n\\n正文。"))
    (False, True)
    """
    return isinstance(obj, Report)


def as_report(data: ReportLike, *, what: str = "a Report") -> Report:
    """A Report as is; a text parsed with :func:`~analysis.loading.parse_report`.

    Raises:
        ReportError: ``data`` is neither.

    >>> as_report(3.5)
    Traceback (most recent call last):
    ...
    analysis.errors.ReportError: expected a Report (from load_report(path) or parse_report(text)), got float
    """
    if isinstance(data, Report):
        return data
    if isinstance(data, str):
        return parse_report(data)
    raise ReportError(f"expected {what} (from load_report(path) or parse_report(text)), got {type(data).__name__}")


def as_tokenizer(tokenizer: Tokenizer | None = None, report: Report | None = None) -> Tokenizer:
    """The tokenizer given, or the default one (for ``report``, if given)."""
    if tokenizer is not None:
        return tokenizer
    from .tokenize import default_tokenizer

    return default_tokenizer(report)


def as_tokens(data: TokensLike, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """A token table for a token table, a Report or a text.

    A token table is passed through, with missing optional columns filled in
    (``pos`` ``"x"``, ``is_punct`` computed, ``is_stopword`` False, ids 1,
    section 0); a Report is tokenized with ``tokenizer`` (default
    :func:`as_tokenizer`); a text is parsed first.

    Raises:
        ReportError: ``data`` is none of these, or a DataFrame without ``word``.

    >>> as_tokens("标题\\n\\n□记者\\n\\n党员冲在一线。")["word"].tolist()
    ['党员', '冲', '在', '一线', '。']
    >>> as_tokens(pd.DataFrame({"word": ["党员", "。"]}))[["word", "is_punct", "token_id"]].values.tolist()
    [['党员', False, 1], ['。', True, 2]]
    """
    if isinstance(data, pd.DataFrame):
        if "word" not in data.columns:
            raise ReportError("the token table has no 'word' column: pass Tokenizer().tokens(report)")
        missing = [c for c in _OPTIONAL_TOKEN_COLUMNS if c not in data.columns]
        if not missing:
            return data
        from .tokenize import is_punctuation

        frame = data.copy()
        fill = {"pos": "x", "is_stopword": False, "sentence_id": 1, "paragraph_id": 1, "section": 0}
        for column in missing:
            if column == "is_punct":
                frame[column] = frame["word"].map(is_punctuation)
            elif column == "token_id":
                frame[column] = np.arange(1, len(frame) + 1)
            else:
                frame[column] = fill[column]
        return frame
    if not isinstance(data, (Report, str)):
        raise ReportError(
            f"expected a token table (Tokenizer().tokens(report)), a Report or a text, not {type(data).__name__}"
        )
    report = as_report(data)
    return as_tokenizer(tokenizer, report).tokens(report)
