"""Compact maps from repaired text back to raw offsets: runs instead of one list entry per character.

:class:`Offsets` maps one paragraph's text to the raw text as runs of
``(clean_start, raw_start)`` in two ``array('l')`` (8 bytes a run; inserted
characters are a run with raw offset −1); :class:`OffsetTable` holds the
runs of every paragraph of a report in one pair of arrays.  Lookups bisect,
so mapping a span costs ``O(log runs)``, and a paragraph whose characters
all come from one raw line costs one run.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable

__all__ = ["Offsets", "OffsetTable"]




def _raw_span_runs(starts, raws, lo: int, hi: int, n: int, start: int, end: int) -> tuple[int, int]:
    """:meth:`Offsets.raw_span` on the runs ``lo:hi`` of (possibly shared) arrays; ``n`` is the text length."""
    if lo == hi:
        return 0, 0
    if hi - lo == 1 and end > start >= starts[lo] and raws[lo] >= 0:  # one raw run (a paragraph all from one line): no search
        return raws[lo] + start - starts[lo], raws[lo] + min(end, n) - starts[lo]
    # first raw character in [start, end)
    first = last = -1
    if end > start:
        k = bisect.bisect_right(starts, start, lo, hi) - 1
        while k < hi and starts[k] < end:
            if raws[k] >= 0:
                first = raws[k] + max(start - starts[k], 0)
                break
            k += 1
        if first >= 0:
            k = bisect.bisect_right(starts, end - 1, lo, hi) - 1
            while k >= lo:
                run_end = starts[k + 1] if k + 1 < hi else n
                if raws[k] >= 0:
                    last = raws[k] + (min(end, run_end) - 1 - starts[k])
                    break
                k -= 1
            return first, last + 1
    # only inserted characters (or an empty span): the next raw character, else just after the previous one
    if end < n:
        k = bisect.bisect_right(starts, end, lo, hi) - 1
        while k < hi:
            if raws[k] >= 0:
                return (raws[k] + max(end - starts[k], 0),) * 2
            k += 1
    if start > 0:
        k = bisect.bisect_right(starts, min(start, n) - 1, lo, hi) - 1
        while k >= lo:
            run_end = starts[k + 1] if k + 1 < hi else n
            if raws[k] >= 0:
                point = raws[k] + (min(start, run_end) - 1 - starts[k]) + 1
                return point, point
            k -= 1
    return 0, 0


class Offsets:
    """Where each character of a paragraph's text comes from in the raw text, as runs.

    Run ``k`` covers text offsets ``starts[k]`` up to the next run's start
    (or ``length``) and maps them to ``raws[k], raws[k] + 1, …``; a run with
    ``raws[k] == -1`` is text inserted by a repair (quotation marks).
    Adjacent runs that continue each other are merged, so two maps of the
    same correspondence are equal.

    >>> o = Offsets([0, 3, 4], [10, -1, 20], 6)   # 3 raw chars at 10, 1 inserted, 2 raw chars at 20
    >>> o.positions()
    [10, 11, 12, -1, 20, 21]
    >>> o.raw_span(2, 5), o.raw_at(3)
    ((12, 21), -1)
    """

    __slots__ = ("starts", "raws", "length")

    def __init__(self, starts: Iterable[int] = (), raws: Iterable[int] = (), length: int = 0) -> None:
        self.starts = array("l", starts)
        self.raws = array("l", raws)
        self.length = length

    @classmethod
    def identity(cls, raw_start: int, length: int) -> Offsets:
        """Text that is ``raw[raw_start:raw_start + length]`` unchanged."""
        return cls((0,), (raw_start,), length) if length else cls()

    def __len__(self) -> int:
        return self.length

    def __eq__(self, other) -> bool:
        return isinstance(other, Offsets) and (self.starts, self.raws, self.length) == (other.starts, other.raws,
                                                                                        other.length)

    def __repr__(self) -> str:
        return f"Offsets({list(self.starts)}, {list(self.raws)}, {self.length})"

    def __reduce__(self):
        return (Offsets, (self.starts, self.raws, self.length))

    def runs(self) -> Iterable[tuple[int, int, int]]:
        """``(clean_start, raw_start, length)`` per run (``raw_start == -1`` for inserted text)."""
        starts, raws = self.starts, self.raws
        for k in range(len(starts)):
            end = starts[k + 1] if k + 1 < len(starts) else self.length
            yield starts[k], raws[k], end - starts[k]

    def raw_at(self, i: int) -> int:
        """Raw offset of text character ``i`` (−1 if inserted)."""
        k = bisect.bisect_right(self.starts, i) - 1
        raw = self.raws[k]
        return raw + i - self.starts[k] if raw >= 0 else -1

    def raws_at(self, indices: list[int]) -> list[int]:
        """:meth:`raw_at` of each of the increasing text offsets ``indices`` (one walk over the runs).

        >>> Offsets([0, 3, 4], [10, -1, 20], 6).raws_at([0, 3, 5])
        [10, -1, 21]
        """
        starts, raws = self.starts, self.raws
        if len(starts) == 1:
            raw = raws[0]
            return [raw + i - starts[0] for i in indices] if raw >= 0 else [-1] * len(indices)
        out = []
        k, last = 0, len(starts) - 1
        for i in indices:
            while k < last and starts[k + 1] <= i:
                k += 1
            raw = raws[k]
            out.append(raw + i - starts[k] if raw >= 0 else -1)
        return out

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the text span ``[start, end)``; inserted characters are skipped.

        A span of inserted characters only is the empty raw span at the next
        raw character (or just after the previous one at the end of a
        paragraph), the point where the repair log records the insertion.
        """
        return _raw_span_runs(self.starts, self.raws, 0, len(self.starts), self.length, start, end)

    def raw_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`raw_span` of each ``(start, end)`` (the sentences of a paragraph, in one call).

        >>> Offsets([0, 3], [10, 20], 5).raw_spans([(0, 2), (2, 5)]), Offsets.identity(7, 4).raw_spans([(0, 2), (2, 4)])
        ([(10, 12), (12, 22)], [(7, 9), (9, 11)])
        """
        starts, raws, n = self.starts, self.raws, self.length
        if len(starts) == 1 and raws[0] >= 0:  # one raw run: no search
            raw, first = raws[0] - starts[0], starts[0]
            return [(raw + start, raw + min(end, n)) if end > start >= first
                    else _raw_span_runs(starts, raws, 0, 1, n, start, end) for start, end in spans]
        return [_raw_span_runs(starts, raws, 0, len(starts), n, start, end) for start, end in spans]

    def positions(self, start: int = 0, end: int | None = None) -> list[int]:
        """The raw offset of every character of ``[start, end)`` (−1 for inserted ones), built on demand."""
        end = self.length if end is None else min(end, self.length)
        out: list[int] = []
        if end <= start:
            return out
        starts, raws = self.starts, self.raws
        k = bisect.bisect_right(starts, start) - 1
        while k < len(starts) and starts[k] < end:
            run_end = starts[k + 1] if k + 1 < len(starts) else self.length
            a, b = max(start, starts[k]), min(end, run_end)
            raw = raws[k]
            out.extend(range(raw + a - starts[k], raw + b - starts[k]) if raw >= 0 else [-1] * (b - a))
            k += 1
        return out


class _OffsetsBuilder:
    """Append runs, merging a run that continues the previous one."""

    __slots__ = ("starts", "raws", "length")

    def __init__(self) -> None:
        self.starts, self.raws, self.length = array("l"), array("l"), 0

    def add(self, raw: int, n: int) -> None:
        if n <= 0:
            return
        if self.raws:
            last = self.raws[-1]
            if (last < 0 and raw < 0) or (last >= 0 and raw >= 0 and last + self.length - self.starts[-1] == raw):
                self.length += n
                return
        self.starts.append(self.length)
        self.raws.append(raw if raw >= 0 else -1)
        self.length += n

    def copy_from(self, offsets: Offsets, start: int, end: int) -> None:
        """Append the runs of ``offsets`` for text ``[start, end)``."""
        if end <= start:
            return
        starts, raws = offsets.starts, offsets.raws
        k = bisect.bisect_right(starts, start) - 1
        while k < len(starts) and starts[k] < end:
            run_end = starts[k + 1] if k + 1 < len(starts) else offsets.length
            a, b = max(start, starts[k]), min(end, run_end)
            self.add(raws[k] + (a - starts[k]) if raws[k] >= 0 else -1, b - a)
            k += 1

    def build(self) -> Offsets:
        out = Offsets()
        out.starts, out.raws, out.length = self.starts, self.raws, self.length
        return out


class OffsetTable:
    """The :class:`Offsets` of every paragraph of a report, by paragraph id, in one pair of arrays.

    >>> table = OffsetTable()
    >>> table.add(1, Offsets.identity(10, 3))
    >>> table.add(2, Offsets([0, 1], [-1, 20], 3))
    >>> table.raw_span(2, 0, 3), table.positions(2), table.offsets(1)
    ((20, 22), [-1, 20, 21], Offsets([0], [10], 3))
    """

    __slots__ = ("starts", "raws", "first", "lengths", "ids")

    def __init__(self) -> None:
        self.starts, self.raws = array("l"), array("l")
        # per paragraph, in increasing id order: its id, the index of its first run, its text length
        self.ids, self.first, self.lengths = array("l"), array("l"), array("l")

    def add(self, paragraph_id: int, offsets: Offsets) -> None:
        """Store a paragraph's offsets (ids increasing: paragraphs are added in order)."""
        if self.ids and paragraph_id <= self.ids[-1]:
            raise ValueError(f"paragraph {paragraph_id} added after paragraph {self.ids[-1]}: add them in order")
        self.ids.append(paragraph_id)
        self.first.append(len(self.starts))
        self.lengths.append(offsets.length)
        self.starts.extend(offsets.starts)
        self.raws.extend(offsets.raws)

    def _index(self, paragraph_id) -> int:
        k = bisect.bisect_left(self.ids, paragraph_id)
        if k == len(self.ids) or self.ids[k] != paragraph_id:
            raise KeyError(paragraph_id)  # as a dict would
        return k

    def __contains__(self, paragraph_id) -> bool:
        try:
            self._index(paragraph_id)
        except (KeyError, TypeError):
            return False
        return True

    def __len__(self) -> int:
        return len(self.ids)

    def _bounds(self, paragraph_id: int) -> tuple[int, int, int]:
        k = self._index(paragraph_id)
        hi = self.first[k + 1] if k + 1 < len(self.first) else len(self.starts)
        return self.first[k], hi, self.lengths[k]

    def raw_span(self, paragraph_id: int, start: int, end: int) -> tuple[int, int]:
        """See :meth:`Offsets.raw_span`."""
        lo, hi, n = self._bounds(paragraph_id)
        return _raw_span_runs(self.starts, self.raws, lo, hi, n, start, end)

    def offsets(self, paragraph_id: int) -> Offsets:
        """One paragraph's :class:`Offsets` (a copy)."""
        lo, hi, n = self._bounds(paragraph_id)
        return Offsets(self.starts[lo:hi], self.raws[lo:hi], n)

    def positions(self, paragraph_id: int) -> list[int]:
        """Raw offset of every character of a paragraph (−1 for inserted ones), built on demand."""
        return self.offsets(paragraph_id).positions()

    def raw_runs(self) -> Iterable[tuple[int, int]]:
        """``(raw_start, raw_end)`` of every run that comes from the raw text, all paragraphs."""
        starts, raws, first, lengths = self.starts, self.raws, self.first, self.lengths
        for p in range(len(first)):
            lo = first[p]
            hi = first[p + 1] if p + 1 < len(first) else len(starts)
            for k in range(lo, hi):
                if raws[k] >= 0:
                    end = starts[k + 1] if k + 1 < hi else lengths[p]
                    yield raws[k], raws[k] + end - starts[k]
