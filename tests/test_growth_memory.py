"""Issue 16: peak memory is linear in the size of the input, for the loader, tokenizer, detectors and sentiment.

The memory twin of the time growth tests (tests/rhetoric/test_growth.py,
tests/test_entities_growth.py, tests/test_loading_hostile.py): each function
runs on a pathological input at two sizes, the second ten times the first,
and the peak of the memory it allocates (``tracemalloc``: Python objects and
numpy arrays allocated during the call, above what was allocated before it)
may grow at most twelvefold.  The smaller peak is floored at 256 kB, so a
call whose small run allocates almost nothing cannot fail on noise.  Each
function is called once first on another short text (lexicons, models and
the tokenizer's dictionaries are loaded then, not counted; the measured
texts are new to any per-text cache).  The tokenizer's
result cache is off (``cache_mb=0``): it is bounded by its own budget
(tests/test_tokenize.py), and a full cache would hide the call's own growth.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from analysis import Tokenizer, parse_report, rhetoric, sentiment

SMALL = 2_000
FLOOR = 256 * 1024
GROWTH = 12


def _bodies(n: int) -> dict[str, str]:
    return {
        "no_punctuation": ("党员干部坚守在抗疫一线群众安心" * (n // 15 + 1))[:n],
        "spaces_between": "党" + " " * (n - 3) + "员。",
        "comma_lines": "党员冲在一线，\n" * (n // 8),
        "lost_quotations": "加油！这是他说的话。" * (n // 10),
        "nested_quotes": "他说：" + "“‘" * (n // 4) + "好" + "’”" * (n // 4) + "。",
        "repeated_counts": ("3个" * 50 + "，") * (n // 101) + "。",
        "clause_frames": "把群众组织起来，" * (n // 8) + "。",
        "titled_speakers": "市委书记张三说，要坚定信心。" * (n // 14),
        "sentences": "党员冲在一线，群众很安心。" * (n // 13),
    }


def _report(body: str):
    return parse_report("标题\n\n□记者\n\n" + body)


@pytest.fixture(scope="module")
def uncached():
    return Tokenizer(cache_mb=0)


FUNCTIONS = {
    "loader": (lambda body, tok: _report(body), ("spaces_between", "comma_lines", "lost_quotations", "nested_quotes")),
    "tag": (lambda body, tok: tok.tag(body), ("no_punctuation", "repeated_counts")),
    "tokens": (lambda report, tok: tok.tokens(report), ("no_punctuation", "sentences")),
    "quotations": (lambda report, tok: rhetoric.quotations(report), ("nested_quotes",)),
    "numeric_claims": (lambda report, tok: rhetoric.numeric_claims(report, tokenizer=tok), ("repeated_counts",)),
    "paragraph_moves": (lambda report, tok: rhetoric.paragraph_moves(report, tokenizer=tok), ("repeated_counts",)),
    "parallelisms": (lambda report, tok: rhetoric.parallelisms(report), ("clause_frames",)),
    "actors": (lambda report, tok: rhetoric.actors(report, tokenizer=tok), ("titled_speakers",)),
    "sentence_polarity": (lambda report, tok: sentiment.sentence_polarity(report, tokenizer=tok),
                          ("no_punctuation", "sentences")),
}
#: Text for the first, unmeasured call.
WARM_UP = "市委书记张三说：“党员冲在一线，3个社区群众安心。”"
#: Functions that take the text itself, not a parsed report.
ON_TEXT = {"loader", "tag"}
CASES = [pytest.param(name, body, id=f"{name}-{body}") for name, (_, bodies) in FUNCTIONS.items() for body in bodies]


def _peak_bytes(function, *args) -> int:
    """Peak bytes allocated by ``function(*args)`` above those allocated before the call."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = function(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak - before


@pytest.mark.parametrize("name, body", CASES)
def test_peak_memory_grows_linearly(name, body, uncached):
    function = FUNCTIONS[name][0]
    small_body, large_body = _bodies(SMALL)[body], _bodies(10 * SMALL)[body]
    if name in ON_TEXT:
        small, large = small_body, large_body
    else:
        small, large = _report(small_body), _report(large_body)
    # load lexicons, models, dictionaries on another text (a function that keeps results per text,
    # as sentiment does, must pay for the measured texts)
    function(WARM_UP if name in ON_TEXT else _report(WARM_UP), uncached)
    small_peak, large_peak = _peak_bytes(function, small, uncached), _peak_bytes(function, large, uncached)
    assert large_peak <= GROWTH * max(small_peak, FLOOR), (
        f"{name} on {body}: peak {small_peak / 1e6:.2f} MB → {large_peak / 1e6:.2f} MB")


def test_the_peak_is_measured():
    # the probe sees an allocation that grows with the input (a test that cannot fail would prove nothing)
    assert _peak_bytes(lambda n: [str(i) for i in range(n)], 200_000) > 10 * _peak_bytes(
        lambda n: [str(i) for i in range(n)], 10_000)
