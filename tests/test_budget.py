"""Tests of analysis.budget: time and memory budgets around one piece of work."""

from __future__ import annotations

import signal
import sys
import threading
import time

import pytest

from analysis.budget import OverBudget, memory_budget, time_budget


def _spin(seconds: float) -> int:
    """A pure-Python loop (no sleep, no system call) for about ``seconds``."""
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
    return n


def test_a_pure_python_loop_is_stopped():
    started = time.monotonic()
    with pytest.raises(OverBudget, match="counting took longer than 0.1 s") as caught:
        with time_budget(0.1, "counting"):
            _spin(5)
    assert time.monotonic() - started < 2
    assert caught.value.what == "counting" and caught.value.seconds == 0.1


def test_work_within_its_budget_is_left_alone_and_the_timer_is_restored():
    handler = signal.getsignal(signal.SIGALRM)
    with time_budget(5, "summing"):
        total = sum(range(1000))
    assert total == 499500
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


@pytest.mark.parametrize("seconds", [None, 0, -1])
def test_no_budget(seconds):
    with time_budget(seconds):
        time.sleep(0.05)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_broad_except_cannot_swallow_it():
    swallowed = False
    with pytest.raises(OverBudget):
        with time_budget(0.05):
            try:
                _spin(5)
            except Exception:  # noqa: BLE001 - the point of the test
                swallowed = True
    assert not swallowed


def test_an_inner_budget_never_extends_the_outer_one():
    started = time.monotonic()
    with pytest.raises(OverBudget):
        with time_budget(0.2, "outer"):
            with time_budget(30, "inner"):
                _spin(5)
    assert time.monotonic() - started < 2


def test_the_outer_budget_is_rearmed_after_an_inner_block():
    with pytest.raises(OverBudget, match="outer"):
        with time_budget(0.3, "outer"):
            with time_budget(10, "inner"):
                pass
            _spin(5)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_it_does_nothing():
    errors = []

    def work():
        try:
            with time_budget(0.01, "in a thread"):
                time.sleep(0.1)
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory_budget works on Linux only (elsewhere a no-op)")
def test_an_allocation_beyond_the_memory_budget_fails_and_the_limit_is_restored():
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(MemoryError):
        with memory_budget(50):
            bytearray(500_000_000)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(100_000_000)) == 100_000_000  # the limit is gone again


@pytest.mark.parametrize("megabytes", [None, 0])
def test_no_memory_budget(megabytes):
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with memory_budget(megabytes):
        assert resource.getrlimit(resource.RLIMIT_AS) == before
