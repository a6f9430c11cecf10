"""Shared fixtures: expensive objects are built once per test session."""

from __future__ import annotations

import gc
import time

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def report():
    from analysis import load_report

    return load_report()


@pytest.fixture(scope="session")
def tokenizer(report):
    # the bundled report's tokenizer: genre dictionary + the report's names (Tokenizer.for_report)
    from analysis import Tokenizer

    return Tokenizer.for_report(report)


@pytest.fixture(scope="session")
def plain_tokenizer():
    from analysis import Tokenizer

    return Tokenizer(user_dict=False)


@pytest.fixture(scope="session")
def tokens(report, tokenizer):
    return tokenizer.tokens(report)


def _crafted(body: str, *, headline: str = "标题", byline: str = "□记者"):
    from analysis import parse_report

    return parse_report(f"{headline}\n\n{byline}\n\n{body}")


@pytest.fixture(scope="session")
def crafted():
    """Build a small report around a crafted body: ``crafted("党员冲在一线。")``.

    The body (paragraphs separated by blank lines) gets a headline ``标题`` and
    a byline ``□记者`` (both keyword-overridable), so it parses as a report.
    """
    return _crafted


def _best_seconds(function, *args) -> float:
    """The best of three timed calls of ``function(*args)`` in CPU seconds of this process (steady on a shared machine), collector paused as timeit does."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            for arg in args:  # a Tokenizer keeps the texts it tagged: each call pays for its own tagging
                getattr(arg, "clear_cache", lambda: None)()
            start = time.process_time()
            function(*args)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


@pytest.fixture(scope="session")
def best_seconds():
    """The growth tests' timer: ``best_seconds(function, *args) -> seconds``."""
    return _best_seconds
