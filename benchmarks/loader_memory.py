"""Peak memory and time of the loader (``parse_report``) at 0.1, 1 and 10 MB of realistic text (issue 15, item 2).

Each measurement runs in a fresh Python process: the package is imported and
warmed on the bundled report (dictionaries and People's Daily evidence
loaded) and the doubling rule's word model and jieba's tag table (read by
the learned doubling decision, whose module is imported too) built (one-time costs per process: about
0.9 s and 50 MB at its peak, 15.5 MB kept, and 0.1 s), the text is built, then ``parse_report`` runs once while the peak
resident memory is tracked (Linux ``VmHWM`` reset through
``/proc/self/clear_refs``; a 10 ms sampling thread elsewhere).  The growth of
the peak over the resident memory just before the call, divided by the
size of the text, is the figure issue 15 bounds (≤ 10 MB per MB on top of
the interpreter, ≤ 0.3 s per MB).

The text is the bundled report (OCR damage as printed: column breaks,
half-width punctuation, captions, a sidebar), then its body and People's
Daily 1998 paragraphs with synthetic column breaks, doublings and captions
(:func:`analysis.evaluation.loader.damaged_documents`, fixed seed) in turn
until the size is reached: one long report, as a user who passes a whole
file would load it.

    python benchmarks/loader_memory.py                 # 0.1, 1, 10 MB, 3 rounds each
    python benchmarks/loader_memory.py --sizes 0.1 1 --rounds 1
    python benchmarks/loader_memory.py --root /path/to/other/checkout   # same measurement of another copy

``make benchmarks`` calls :func:`loader_memory` (rows in the format of
``run_benchmarks.row``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Issue 15's bounds for the loader.
TARGET_MB_PER_MB = 10.0
TARGET_S_PER_MB = 0.3


def realistic_text(megabytes: float, *, seed: int = 0) -> str:
    """A report of about ``megabytes`` MB (UTF-8): the bundled report, then its body and damaged PD paragraphs in turn.

    >>> len(realistic_text(0.01).encode("utf-8")) >= 10_000
    True
    """
    from analysis import paths, peoples_daily
    from analysis.evaluation.loader import damaged_documents

    raw = paths.DEFAULT_REPORT.read_text(encoding="utf-8")
    body = raw.split("全面动员 吹响战斗号角", 1)[1]
    news = [text for _, text in peoples_daily.paragraphs("all")]
    docs = [d["text"].split("\n\n", 1)[1] for d in damaged_documents(news, n_docs=400, seed=seed)] if news else [body]
    target = int(megabytes * 1e6)
    pieces, size, k = [raw], len(raw.encode("utf-8")), 0
    while size < target:
        piece = "\n\n" + (body if k % 2 == 0 else docs[(k // 2) % len(docs)])
        pieces.append(piece)
        size += len(piece.encode("utf-8"))
        k += 1
    return "".join(pieces)


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Peak:
    """Peak RSS of this process during a block: the kernel's high-water mark, reset first (sampled if that fails)."""

    def __enter__(self):
        self.before = _rss()
        self.kernel = False
        try:
            with open("/proc/self/clear_refs", "w") as handle:
                handle.write("5")  # reset VmHWM to the current RSS
            self.kernel = self._hwm() is not None
        except OSError:
            pass
        self.peak = self.before
        self._stop = threading.Event()
        if not self.kernel:
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            self._stop.wait(0.01)

    @staticmethod
    def _hwm() -> int | None:
        try:
            with open("/proc/self/status") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            return None
        return None

    def __exit__(self, *exc):
        self._stop.set()
        if self.kernel:
            self.peak = max(self.peak, self._hwm() or 0)
        else:
            self._thread.join()
            self.peak = max(self.peak, _rss())


def probe(megabytes: float, *, traced: bool = False) -> dict:
    """Measure one ``parse_report`` call in this process (call it in a fresh one).

    Returns:
        Dict with ``bytes, chars, seconds, cpu_seconds, rss_before, rss_peak, growth`` (bytes),
        ``traced_peak`` (tracemalloc peak, only if ``traced``), ``paragraphs,
        repairs, unaccounted``.
    """
    import gc
    import logging

    logging.disable(logging.WARNING)
    from analysis import paths
    from analysis.loading import parse_report

    parse_report(paths.DEFAULT_REPORT.read_text(encoding="utf-8"))  # warm: dictionaries, evidence, regexes
    from analysis import peoples_daily

    peoples_daily.evidence().words()  # and the doubling rule's word model (built once per process, on first need)
    from analysis import jieba_dict

    jieba_dict.tags()  # and jieba's tag table, which the learned doubling decision reads (once per process, on first need)
    try:
        from analysis.repairs import doubling_model  # noqa: F401  (that decision's module, imported on first need)
    except ImportError:
        pass
    text = realistic_text(megabytes)
    gc.collect()
    out = dict(bytes=len(text.encode("utf-8")), chars=len(text))
    if traced:
        import tracemalloc

        tracemalloc.start()
    with _Peak() as peak:
        started, cpu = time.perf_counter(), time.process_time()
        report = parse_report(text)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if traced:
        out["traced_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    out.update(seconds=seconds, cpu_seconds=cpu, rss_before=peak.before, rss_peak=peak.peak, growth=peak.peak - peak.before,
               paragraphs=len(report.paragraphs), repairs=len(report.repairs), unaccounted=len(report.unaccounted()))
    return out


def measure(megabytes: float, *, root: Path = ROOT, traced: bool = False) -> dict:
    """:func:`probe` in a fresh Python process running the package under ``root``."""
    command = [sys.executable, str(Path(__file__).resolve()), "--probe", str(megabytes)] + (["--traced"] if traced else [])
    env = dict(os.environ, PYTHONPATH=str(root))
    run = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env)
    if run.returncode != 0:
        raise RuntimeError(f"loader memory probe failed (exit {run.returncode}): {run.stderr.strip()[-400:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def _spread(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def loader_memory(sizes: tuple[float, ...] = (0.1, 1.0, 10.0), n_rounds: int = 3, *, root: Path = ROOT) -> list[dict]:
    """Benchmark rows: the loader's peak memory growth and time per MB of text, per size.

    Args:
        sizes: Text sizes in MB.
        n_rounds: Fresh-process runs per size (median and min–max reported).
        root: The checkout whose ``analysis`` package is measured.

    Returns:
        Rows with the columns of ``run_benchmarks.row``: ``benchmark,
        baseline, baseline_value, project, project_value, unit, ratio,
        ratio_median, target, met, rounds, cores, load_avg, warning, note``
        — three per size (``MB/MB`` peak RSS growth per MB of text, ``s/MB``
        wall time, ``CPU s/MB``), the target being issue 15's bound,
        ``ratio`` the measured value over the bound, ``cores`` the share of
        a core the call got (CPU ÷ wall).
    """
    rows = []
    for size in sizes:
        runs, loads = [], []
        for _ in range(n_rounds):
            loads.append(os.getloadavg()[0])
            runs.append(measure(size, root=root))
        mb = runs[0]["bytes"] / 1e6
        per_mb = [r["growth"] / 2**20 / mb for r in runs]
        per_s = [r["seconds"] / mb for r in runs]
        cpu_per_s = [r["cpu_seconds"] / mb for r in runs]
        cores = [r["cpu_seconds"] / max(r["seconds"], 1e-9) for r in runs]
        busy = max(loads) > (os.cpu_count() or 1) or statistics.median(cores) < 0.8
        notes = {
            "MB/MB": "peak RSS growth during the call per MB of UTF-8 text (fresh process, warmed on the bundled report; "
                     "below ~1 MB the growth fits in memory the warm-up freed, read the larger sizes)",
            "s/MB": "wall time of the call per MB",
            "CPU s/MB": "CPU time of the call per MB (what the wall time would be on a free core)",
        }
        for unit, values, bound in (("MB/MB", per_mb, TARGET_MB_PER_MB), ("s/MB", per_s, TARGET_S_PER_MB),
                                    ("CPU s/MB", cpu_per_s, TARGET_S_PER_MB)):
            ratios = [v / bound for v in values]
            rows.append({
                "benchmark": "loader memory and time", "baseline": f"issue 15 bound ({bound:g} {unit})",
                "baseline_value": f"{bound:g}", "project": f"parse_report on {mb:.2f} MB",
                "project_value": _spread(values), "unit": unit, "ratio": _spread(ratios),
                "ratio_median": round(statistics.median(ratios), 3), "target": "<= 1", "met": statistics.median(ratios) <= 1,
                "rounds": len(runs), "cores": _spread(cores), "load_avg": _spread(loads, 1),
                "warning": (f"BUSY: load average up to {max(loads):.1f}, the call got {statistics.median(cores):.2f} "
                            "of a core") if busy else "",
                "note": notes[unit],
            })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1.0, 10.0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose analysis package is measured")
    parser.add_argument("--traced", action="store_true", help="also report tracemalloc's peak (slower)")
    parser.add_argument("--probe", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe is not None:
        print(json.dumps(probe(args.probe, traced=args.traced)))
        return 0
    for size in args.sizes:
        for _ in range(args.rounds):
            r = measure(size, root=args.root, traced=args.traced)
            mb = r["bytes"] / 1e6
            traced = f", traced peak {r['traced_peak'] / 2**20 / mb:.1f} MB/MB" if "traced_peak" in r else ""
            print(f"{mb:6.2f} MB: {r['seconds']:7.2f} s ({r['seconds'] / mb:.3f} s/MB; CPU {r['cpu_seconds'] / mb:.3f} s/MB), peak RSS growth "
                  f"{r['growth'] / 2**20:7.1f} MB ({r['growth'] / 2**20 / mb:.1f} MB/MB){traced}; "
                  f"{r['paragraphs']} paragraphs, {r['repairs']} repairs, unaccounted {r['unaccounted']}; "
                  f"load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
