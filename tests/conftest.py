"""Shared fixtures: expensive objects are built once per test session."""

from __future__ import annotations

import gc
import time

import matplotlib
import pytest

matplotlib.use("Agg")


def pytest_collection_modifyitems(config, items):
    """Every test that times code is marked ``timing`` (those using ``best_seconds`` are found here; the others
    carry the mark): `make test` runs them on their own after the rest, which runs on several cores, so a
    neighbour's load cannot make linear code look quadratic."""
    for item in items:
        if "best_seconds" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timing)


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
    from analysis.tokenize import _posseg_detail_cached

    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            for arg in args:  # a Tokenizer keeps the texts it tagged: each call pays for its own tagging
                getattr(arg, "clear_cache", lambda: None)()
            # ... and so does the HMM's process-wide memo of unknown runs: a small text timed after its own warm-up
            # would find every run there, a large one only some (the ratio would then depend on the memo's size)
            _posseg_detail_cached.cache_clear()
            start = time.process_time()
            function(*args)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


#: Characters of generated paragraphs (a few common words of the genre).
GENERATED_CHARS = "党员群众干部防控工作社区医院检查组织建设发展经济生产企业农村学校教育科技创新改革开放服务保障安全"


def _generated_paragraphs(n: int, seed: int = 3) -> list[str]:
    """Generated paragraphs without two equal adjacent characters (random text is not real text: whether a
    doubling in it is natural cannot be judged from real text)."""
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = "，".join("".join(rng.choice(GENERATED_CHARS) for _ in range(rng.randint(5, 12)))
                        for _ in range(rng.randint(2, 5)))
        out.append("".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1]) + "。")
    return out


@pytest.fixture(scope="session")
def generated_paragraphs():
    """``generated_paragraphs(n, seed=3)``: paragraphs for the loader's damage generators."""
    return _generated_paragraphs


@pytest.fixture(scope="session")
def best_seconds():
    """The growth tests' timer: ``best_seconds(function, *args) -> seconds``."""
    return _best_seconds


def _lost_characters(report, paragraphs, *, dropped_copies_count: bool = False):
    """The Han characters of ``paragraphs`` that ``report`` neither keeps nor visibly sets aside (a ``Counter``).

    Kept: the body's paragraphs. Set aside, visibly: a repair row that removed text (``before`` without ``after``)
    other than a dropped doubled copy, a caption (raw text), a heading, a recognised part (byline, dateline, page
    furniture, jump mark …). A dropped copy (``duplicate_at_join``) counts as kept only with
    ``dropped_copies_count=True`` (for texts that may hold doublings: the doubling tests check those drops).
    Every no-loss property counts the same way through this one function.
    """
    from collections import Counter

    from analysis.resources import RE_HAN

    def han(texts):
        return Counter(c for t in texts for c in t if RE_HAN.match(c))

    rows = list(report.repairs.itertuples())
    kept = han(report.paragraphs.text)
    kept += han(r.before for r in rows if r.kind != "duplicate_at_join" and r.before and not r.after)
    kept += han([*report.captions.raw_text, *report.headings, *report.parts.text])
    if dropped_copies_count:
        kept += han(r.before for r in rows if r.kind == "duplicate_at_join")
    return han(paragraphs) - kept


@pytest.fixture(scope="session")
def lost_characters():
    """``lost_characters(report, paragraphs, dropped_copies_count=False)``: see :func:`_lost_characters`."""
    return _lost_characters
