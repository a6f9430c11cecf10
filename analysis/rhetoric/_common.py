"""Small helpers shared by the rhetoric detectors."""

from __future__ import annotations

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
