"""The package's one exception type for user mistakes."""

from __future__ import annotations


class ReportError(ValueError):
    """A problem with the input a user gave (file, text, font, option).

    The message is one line that says what is wrong and what to do about it.
    Command-line entry points and notebooks print it without a traceback.

    >>> raise ReportError("report.txt is empty: pass a file that contains the report text")
    Traceback (most recent call last):
    ...
    analysis.errors.ReportError: report.txt is empty: pass a file that contains the report text
    """
