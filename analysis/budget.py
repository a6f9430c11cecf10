"""Time and memory budgets: stop one piece of work that runs too long or grows too large.

:func:`time_budget` raises :class:`OverBudget` inside a block that runs
longer than its budget (a POSIX interval timer, so it interrupts pure Python
loops and regular-expression matching alike); :func:`memory_budget` caps
the address space the process may add inside a block, so an allocation
beyond it raises :class:`MemoryError` instead of the machine running out of
memory.  Both do nothing where they cannot work (outside the main thread,
on a platform without the timer or resource limits), so code using them
stays portable.  The command line uses them per section
(``--timeout``), corpus mode per file (``file_timeout``, ``file_memory_mb``).
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

__all__ = ["OverBudget", "time_budget", "memory_budget"]


class OverBudget(BaseException):
    """A block ran longer than its time budget (a BaseException, like Ctrl-C, so
    that a broad ``except Exception`` in the work it stops cannot swallow it).

    Attributes:
        what: What was running (for the message).
        seconds: The budget.
    """

    def __init__(self, what: str, seconds: float):
        super().__init__(f"{what} took longer than {seconds:.3g} s")
        self.what = what
        self.seconds = seconds


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(seconds: float | None, what: str = "this step") -> Iterator[None]:
    """Raise :class:`OverBudget` if the block runs longer than ``seconds``.

    Budgets nest: an inner block never extends an outer one's deadline, and
    the outer timer is re-armed with what is left of it afterwards.

    Args:
        seconds: The budget; ``None`` or ``0`` for none.
        what: Named in the exception's message.

    >>> with time_budget(5, "counting"):
    ...     sum(range(1000))
    499500
    >>> import time
    >>> with time_budget(0.05, "sleeping"):
    ...     time.sleep(2)
    Traceback (most recent call last):
    ...
    analysis.budget.OverBudget: sleeping took longer than 0.05 s
    """
    if not seconds or seconds <= 0 or not _can_time():
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()

    def expired(signum, frame):
        raise OverBudget(what, seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))


def _address_space() -> int | None:
    """The process's current virtual memory size in bytes (Linux), or ``None``."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import os

    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def memory_budget(megabytes: float | None) -> Iterator[None]:
    """Let the block grow the process by at most ``megabytes`` of address space.

    Beyond that an allocation fails with :class:`MemoryError` (which the
    caller turns into a clear error) instead of the system's out-of-memory
    killer ending the process.  Linux only; elsewhere it does nothing.

    Args:
        megabytes: The budget; ``None`` or ``0`` for none.

    >>> with memory_budget(200):
    ...     len(bytearray(10_000_000))
    10000000
    """
    if not megabytes or megabytes <= 0:
        yield
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    current = _address_space()
    if current is None:  # pragma: no cover - not Linux
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + int(megabytes * 1_000_000)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - not permitted here
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
