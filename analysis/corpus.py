"""Corpus mode: the same analysis for a folder of reports, in parallel.

:func:`analyse_corpus` loads every report of a folder (or glob, or list of
files) with :func:`analysis.load_report`, POS-tags the sentences of its body
with the project :class:`~analysis.tokenize.Tokenizer` and returns one row
per document plus the corpus's term counts.  :func:`compare_corpora` (one
corpus against another) and :func:`compare_report` (one report against a
corpus) turn those counts into keyness tables with
:func:`analysis.frequency.keyness`.

How it scales:

* **Streaming, bounded memory.**  Only file *names* are listed up front.
  Files are read by the workers, a batch at a time, and at most
  ``2 × workers`` batches are in flight; a worker returns per-batch
  *aggregates* (summary rows and word counts), never token lists or texts.
  Memory therefore grows with the vocabulary and the number of documents
  (one summary row each), not with the size of the text.
* **Backends**, the same call with ``backend=``: ``"processes"`` (default;
  a persistent pool of local worker processes, started on first use and
  reused by later calls), ``"serial"`` (one process, no pool) and
  ``"dask"`` (``dask.distributed``: a persistent ``LocalCluster``, or pass
  ``client=`` to use a cluster that spans machines; its workers must be
  able to read the files at the same paths).  Merging counts is
  commutative and every table is sorted on all its key columns at the end,
  so all backends give identical results (``tests/test_corpus.py``).
* **A bad file is not fatal.**  A file the loader rejects (empty, binary,
  undecodable, no Chinese …) becomes a row of ``documents`` with its
  one-line ``error`` and no counts; the run goes on.  An unexpected
  exception in one file is recorded the same way (``error`` starts with
  ``"unexpected"``) and logged as a warning.
* **Budgets per file.**  A file that takes longer than ``file_timeout``
  seconds, or (in worker processes) needs more than ``file_memory_mb`` of
  extra memory, becomes an error row (:mod:`analysis.budget`).  A worker
  process that dies (killed by the system for memory, or crashing) is
  replaced; the files it had in hand are retried once, one at a time, and
  the one that kills a worker again becomes an error row.  Every other
  file's result is kept.

What is counted: the body of each report (the sentences of
``Report.sentences``; headline, byline and captions are left out), one
token per ``(word, pos)`` as :meth:`Tokenizer.tag` cuts it, exactly as
:meth:`Tokenizer.tokens` would (``tests/test_corpus.py`` checks this).

Which tokenizer, and who is named: the same choice as the command line and
the notebooks.  With ``tokenizer=None`` (the default) every document gets
its own :meth:`Tokenizer.for_report` (the genre dictionary, the report's
own dictionaries, the names suggested from its text unless
``suggest=False``, and ``user_dict`` on top), built in the worker that
analyses it; pass a ``tokenizer`` to use that one for the whole corpus
instead (faster: no suggestion step; every file cut the same way).  With
``entities=True`` (the default) each document's persons, places and
organisations are recognised with :func:`analysis.entities.mentions` on
the same tokens, counted in ``documents`` (``n_persons, n_places,
n_organisations``) and listed in :attr:`Corpus.entities`.
``entities=False`` skips recognition (its cost: see ``analyse_corpus``).
"""

from __future__ import annotations

import contextlib
import glob as globbing
import logging
import os
import stat
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from .budget import OverBudget, memory_budget, time_budget
from .errors import ReportError
from .loading import Report, load_report
from .tokenize import SIDECAR_SUFFIX, Tokenizer, default_tokenizer, is_punctuation

LOGGER = logging.getLogger(__name__)

__all__ = [
    "Corpus", "DOCUMENT_COLUMNS", "TERM_COLUMNS", "ENTITY_COLUMNS", "Workers", "corpus_files", "analyse_corpus",
    "document_counts", "tag_texts", "compare_corpora", "compare_report", "start_workers", "shutdown",
]

Backend = Literal["processes", "serial", "dask"]

#: Columns of :attr:`Corpus.documents`.
DOCUMENT_COLUMNS = [
    "doc_id", "path", "name", "encoding", "headline", "authors", "n_sections", "n_paragraphs",
    "n_sentences", "n_chars", "n_tokens", "n_types", "n_repairs", "n_captions",
    "n_persons", "n_places", "n_organisations", "error",
]
#: Columns of :attr:`Corpus.terms`.
TERM_COLUMNS = ["word", "pos", "count", "n_docs", "is_stopword", "is_punct"]
#: Columns of :attr:`Corpus.entities`.
ENTITY_COLUMNS = ["doc_id", "entity", "type", "role", "part", "count"]
_ENTITY_TYPES = {"person": "n_persons", "place": "n_places", "organisation": "n_organisations"}

_INT_COLUMNS = [c for c in DOCUMENT_COLUMNS if c.startswith("n_")]

#: Default time budget of one file, in seconds (``file_timeout``).
FILE_TIMEOUT = 300.0
#: Default memory budget of one file in a worker process, in MB of address
#: space added while it is analysed (``file_memory_mb``).
FILE_MEMORY_MB = 4000.0

#: The ``error`` of a file whose worker process died twice.
DEAD_WORKER = ("the worker process died while analysing this file (out of memory, or killed), also when retried "
               "alone: analyse it on its own, or split it")


# ---------------------------------------------------------------------------
# Finding the files
# ---------------------------------------------------------------------------


def corpus_files(source, *, pattern: str = "*.txt") -> list[Path]:
    """The report files of a corpus, in a fixed (sorted) order.

    Args:
        source: A folder (its files matching ``pattern``), a glob such as
            ``"news/2020-*/*.txt"``, one file, or an iterable of paths.
        pattern: File pattern inside a folder; ``"**/*.txt"`` also searches
            sub-folders.

    Returns:
        Sorted paths (only names are listed; no file is read).  In a
        folder, sidecar dictionaries (``*_user_dict.txt``, see
        :func:`analysis.tokenize.sidecar_dictionary`) are left out.

    Raises:
        ReportError: Nothing matches.

    >>> from analysis import paths
    >>> [p.name for p in corpus_files(paths.RAW_DIR)]
    ['wuhai_report.txt']
    >>> [p.name for p in corpus_files(paths.DATA_DIR / "examples")]
    ['qinghe_flood_relief.txt']
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():  # every match that is not a folder: a device or broken link becomes an error row
            # a sidecar dictionary (name_user_dict.txt) beside the reports is a dictionary, not a report
            files = sorted(p for p in path.glob(pattern) if not p.is_dir() and not p.name.endswith(SIDECAR_SUFFIX))
            where = f"folder {path} has no files matching {pattern!r}"
        elif path.is_file():
            files = [path]
            where = ""
        else:
            files = sorted(Path(p) for p in globbing.glob(str(source), recursive=True) if not Path(p).is_dir())
            where = f"{source}: no such file, folder or matching files"
    else:
        files = sorted(Path(p) for p in source)
        where = "the list of files is empty"
    if not files:
        raise ReportError(f"{where}: pass a folder of .txt reports, a glob like 'folder/*.txt', or a list of files")
    return files


# ---------------------------------------------------------------------------
# One document (runs in the workers)
# ---------------------------------------------------------------------------


def document_counts(report: Report, *, tokenizer: Tokenizer | None = None) -> Counter:
    """``(word, pos)`` counts of a report's body, punctuation included.

    The same tokens as ``tokenizer.tokens(report)``, counted.

    Args:
        report: A loaded report.
        tokenizer: Default: the project tokenizer.

    Returns:
        A ``Counter`` mapping ``(word, pos)`` to its number of tokens.

    >>> from analysis import parse_report
    >>> document_counts(parse_report("标题\\n\\n党员党员。"))
    Counter({('党员', 'n'): 2, ('。', 'x'): 1})
    """
    tokenizer = tokenizer or default_tokenizer()
    counts: Counter = Counter()
    for tagged in tokenizer.tag_many(report.sentences["text"]):
        counts.update(tagged)
    return counts


@dataclass(frozen=True)
class _Setup:
    """How each document is analysed (sent to the workers with every batch).

    ``tokenizer``: one tokenizer for the whole corpus, or ``None`` for
    :meth:`Tokenizer.for_report` per document (with ``user_dict`` and
    ``suggest``); ``entities``: recognise persons, places, organisations.
    """

    tokenizer: Tokenizer | None = None
    user_dict: tuple[str, ...] = ()
    suggest: bool = True
    entities: bool = True

    def for_document(self, report: Report) -> Tokenizer:
        if self.tokenizer is not None:
            return _worker_tokenizer(self.tokenizer)
        return Tokenizer.for_report(report, list(self.user_dict) or None, suggest=self.suggest)


def _summary(doc_id: int, path: Path, report: Report | None, counts: Counter, error: str | None,
             entities: Counter | None = None) -> dict:
    row = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update(doc_id=doc_id, path=str(path), name=path.stem, error=error)
    if report is not None:
        running: Counter = Counter()
        for (word, _), n in counts.items():
            if not is_punctuation(word):
                running[word] += n
        row.update(
            encoding=report.encoding, headline=report.headline, authors="、".join(report.authors),
            n_sections=len(report.headings), n_paragraphs=len(report.paragraphs),
            n_sentences=len(report.sentences), n_chars=int(report.paragraphs["n_chars"].sum()),
            n_tokens=sum(running.values()), n_types=len(running), n_repairs=len(report.repairs),
            n_captions=len(report.captions),
        )
        if entities is not None:
            for kind, column in _ENTITY_TYPES.items():
                row[column] = sum(n for (_, t, _, _), n in entities.items() if t == kind)
    return row


def _entity_counts(report: Report, tokenizer: Tokenizer) -> Counter:
    """``(entity, type, role, part)`` mention counts of one report (the rows of :func:`analysis.entities.mentions`)."""
    from .entities import mention_keys

    return Counter(mention_keys(report, tokenizer=tokenizer, with_part=True))


def _analyse_document(doc_id: int, path: Path, setup: _Setup,
                      budget: tuple[float | None, float | None] = (None, None)) -> tuple[dict, Counter, list]:
    """One file: its summary row, its ``(word, pos)`` counts and its entity rows."""
    seconds, megabytes = budget
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _summary(doc_id, path, None, Counter(), f"cannot be read ({exc.strerror}): check the path"), Counter(), []
    if not stat.S_ISREG(mode):
        message = "is not a regular file (a device, FIFO or socket): pass text files only"
        return _summary(doc_id, path, None, Counter(), message), Counter(), []
    entities = None
    try:
        with time_budget(seconds, f"{path.name}"), memory_budget(megabytes):
            report = load_report(path)
            tokenizer = setup.for_document(report)
            try:
                counts = document_counts(report, tokenizer=tokenizer)
                if setup.entities:
                    entities = _entity_counts(report, tokenizer)  # tokens() reuses the sentences' tags
            finally:
                tokenizer.clear_cache()  # a corpus-wide tokenizer must not carry one file's tags to the next
    except OverBudget:
        message = f"took longer than {seconds:g} s (file_timeout): split it, or raise the time budget"
        return _summary(doc_id, path, None, Counter(), message), Counter(), []
    except MemoryError:
        message = f"needed more than {megabytes:g} MB of memory (file_memory_mb): split it, or raise the budget"
        return _summary(doc_id, path, None, Counter(), message), Counter(), []
    except ReportError as exc:
        return _summary(doc_id, path, None, Counter(), str(exc)), Counter(), []
    except Exception as exc:  # one broken file must not end a run over hundreds
        LOGGER.warning("%s: unexpected %s while analysing it: %s", path, type(exc).__name__, exc)
        return _summary(doc_id, path, None, Counter(), f"unexpected {type(exc).__name__}: {exc}"), Counter(), []
    rows = [(doc_id, e, t, r, part, n) for (e, t, r, part), n in (entities or {}).items()]
    return _summary(doc_id, path, report, counts, None, entities), counts, rows


_WORKER_TOKENIZERS: dict = {}


def _worker_tokenizer(tokenizer: Tokenizer) -> Tokenizer:
    """The worker's own copy of ``tokenizer``, built once per worker process.

    A tokenizer arrives pickled (without its jieba instance) with every
    batch; its settings are the key, so the jieba dictionary is loaded once
    per worker and settings, not once per batch.
    """
    key = _tokenizer_key(tokenizer)
    cached = _WORKER_TOKENIZERS.get(key)
    if cached is None:
        if len(_WORKER_TOKENIZERS) >= 4:
            _WORKER_TOKENIZERS.clear()
        cached = _WORKER_TOKENIZERS[key] = tokenizer
    return cached


def _tokenizer_key(tokenizer: Tokenizer) -> tuple:
    """The settings of a tokenizer: two tokenizers with the same key cut and tag alike."""
    return (
        type(tokenizer).__module__, type(tokenizer).__qualname__, str(tokenizer.user_dict), tokenizer.hmm,
        tuple(tokenizer.extra_words), tuple(getattr(tokenizer, "suggested", ())), tuple(sorted(tokenizer.stopwords)),
        getattr(tokenizer, "convention", "jieba"), getattr(tokenizer, "cache_mb", None),
    )


#: Setups this process has warmed up already (``_warm`` runs once per process and setup, not once per batch).
_WARMED: set = set()


def _warm(setup: _Setup) -> None:
    """Load the dictionaries and models a document needs, before any file's budget starts.

    Once per process and setup: what it loads is kept by the process (jieba's
    tables, the model, the worker's tokenizer), so warming every batch again
    only repeated the work (a batch of 9 files paid for a tenth, the bundled
    report).  A failure here is only logged: the same failure then shows in
    the rows of the files.
    """
    key = (None if setup.tokenizer is None else _tokenizer_key(setup.tokenizer), setup.user_dict, setup.suggest,
           setup.entities)
    if key in _WARMED:
        return
    if len(_WARMED) >= 16:
        _WARMED.clear()
    _WARMED.add(key)
    try:
        report = load_report()  # the bundled report: a byline, captions, names, so every model is loaded
        tokenizer = setup.for_document(report)
        tokenizer.tag("党员值守")
        if setup.entities:
            from .entities import load_resources

            load_resources()  # the word list of People's Daily is read by the first model person, not by this report
            _entity_counts(report, tokenizer)
    except Exception:
        LOGGER.debug("warming up failed", exc_info=True)


def _analyse_batch(batch: list[tuple[int, str]], setup: _Setup,
                   budget: tuple[float | None, float | None] = (None, None)) -> tuple[list[dict], Counter, Counter, list]:
    """Analyse a batch of files; return its summary rows, aggregate counts and entity rows.

    Module-level (so it pickles by name); the per-batch aggregate is what
    crosses between processes.  ``budget`` is ``(seconds, megabytes)`` per
    file (``None``: no limit).
    """
    if any(budget):  # load the dictionaries first, so that no file's budget pays for them
        _warm(setup)
    rows, counts, docs, entities = [], Counter(), Counter(), []
    for doc_id, path in batch:
        row, document, named = _analyse_document(doc_id, Path(path), setup, budget)
        rows.append(row)
        counts.update(document)
        docs.update(document.keys())
        entities.extend(named)
    return rows, counts, docs, entities


# ---------------------------------------------------------------------------
# Backends: worker pools scoped to a call, or to a ``with Workers()`` block
# ---------------------------------------------------------------------------


def _init_worker(setup: _Setup) -> None:
    """Process-pool initializer: every worker loads its dictionaries and models once, at start-up."""
    _warm(setup)


class Workers:
    """Worker processes (or a Dask cluster) for one or several corpus calls.

    Without one, :func:`analyse_corpus` and :func:`tag_texts` start their
    own workers and stop them before they return.  To pay the start-up
    (a few seconds per worker: the jieba dictionary, the loader's word list,
    the recognition model) once for several calls, open a ``Workers`` block
    and pass it as ``pool=``; its processes stop when the block ends
    (or on :meth:`close`).  No state is kept at module level.

    Args:
        workers: Worker processes (default: the CPUs available).
        backend: ``"processes"`` or ``"dask"``.
        client: A ``dask.distributed.Client`` of your own cluster (backend
            ``"dask"``; it is not closed by :meth:`close`).
        tokenizer: The tokenizer the workers will mostly use (loaded at
            start-up); ``None``: the per-document default.
        entities: Load the recognition model at start-up too.

    >>> from analysis import paths
    >>> with Workers(workers=1, backend="processes") as pool:
    ...     analyse_corpus(paths.RAW_DIR, pool=pool, progress=False).documents.loc[0, "name"]
    'wuhai_report'
    """

    def __init__(self, workers: int | None = None, *, backend: Backend = "processes", client=None,
                 tokenizer: Tokenizer | None = None, entities: bool = True) -> None:
        if backend not in ("processes", "dask"):
            raise ReportError(f"Workers(backend={backend!r}): use 'processes' or 'dask'")
        self.workers = workers or _available_cpus()
        self.backend = backend
        self._setup = _Setup(tokenizer=tokenizer, entities=entities)
        self._executor: ProcessPoolExecutor | None = None
        self._client = client
        self._own_client = client is None
        self._lock = threading.Lock()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if (self._executor or (self._client and self._own_client)) else "idle"
        return f"Workers(workers={self.workers}, backend={self.backend!r}, {state})"

    @property
    def executor(self) -> ProcessPoolExecutor:
        """The process pool (``spawn``: safe with threads), started on first use."""
        import multiprocessing

        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_worker, initargs=(self._setup,),
                )
            return self._executor

    @property
    def client(self):
        """The ``dask.distributed`` client (a local cluster of ``workers`` processes unless one was given)."""
        with self._lock:
            if self._client is None:
                try:
                    from dask.distributed import Client, LocalCluster
                except ImportError:  # pragma: no cover - dask is a project dependency
                    raise ReportError("backend='dask' needs dask.distributed: pip install 'dask[distributed]'") from None
                cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = Client(cluster)
            return self._client

    def start(self) -> int:
        """Start every worker now and load its models; return the number of workers ready."""
        if self.backend == "dask":
            return len(self.client.run(_warm, self._setup))
        executor = self.executor
        try:  # submitted together, each task needs its own new process, which runs the initializer first
            pids = {future.result() for future in [executor.submit(os.getpid) for _ in range(self.workers)]}
        except BrokenProcessPool:
            self.renew()
            raise ReportError(_BROKEN_POOL) from None
        return len(pids)

    def renew(self) -> ProcessPoolExecutor:
        """Replace a broken process pool (its workers died); return the new one."""
        with self._lock:
            old, self._executor = self._executor, None
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)
        return self.executor

    def close(self) -> None:
        """Stop the worker processes (and the local Dask cluster this object started)."""
        with self._lock:
            executor, self._executor = self._executor, None
            client = self._client if self._own_client else None
            if self._own_client:
                self._client = None
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        if client is not None:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


_STARTED: dict[tuple[str, int], Workers] = {}


def start_workers(
    *,
    tokenizer: Tokenizer | None = None,
    backend: Backend = "processes",
    workers: int | None = None,
    client=None,
) -> int:
    """Start workers now that later calls without ``pool=`` reuse, until :func:`shutdown`.

    A thin wrapper kept for scripts and benchmarks: prefer
    ``with Workers(...) as pool: analyse_corpus(..., pool=pool)``.  The
    workers started here are used by :func:`analyse_corpus` and
    :func:`tag_texts` calls with the same ``backend`` and ``workers``;
    call :func:`shutdown` to stop them (nothing stops them at exit but
    Python's own clean-up of child processes).

    Args:
        tokenizer: The tokenizer the workers will use (default: per document).
        backend: ``"processes"`` or ``"dask"`` (``"serial"`` does nothing).
        workers: Worker processes (default: the CPUs available).
        client: A ``dask.distributed.Client`` (backend ``"dask"``).

    Returns:
        The number of workers ready.
    """
    workers = workers or _available_cpus()
    if backend == "serial":
        return 0
    if backend not in ("processes", "dask"):
        raise ReportError(f"unknown backend {backend!r}: use one of {', '.join(_BACKENDS)}")
    pool = _STARTED.get((backend, workers))
    if pool is None:
        pool = _STARTED[(backend, workers)] = Workers(workers, backend=backend, client=client, tokenizer=tokenizer)
    return pool.start()


def shutdown() -> None:
    """Stop the workers :func:`start_workers` started."""
    while _STARTED:
        _, pool = _STARTED.popitem()
        pool.close()


@contextlib.contextmanager
def _workers_for(pool: Workers | None, backend: str, workers: int, client, setup: _Setup):
    """The given pool, one started by :func:`start_workers`, or a pool for this call only."""
    if pool is not None:
        yield pool
        return
    started = _STARTED.get((backend, workers))
    if started is not None and (client is None or started._client is client):
        yield started
        return
    own = Workers(workers, backend=backend, client=client, tokenizer=setup.tokenizer, entities=setup.entities)
    try:
        yield own
    finally:
        own.close()


_BROKEN_POOL = (
    "the worker processes stopped before finishing any work: they were killed (out of memory?) or could not "
    "start; in a script, call analyse_corpus() under `if __name__ == '__main__':` (Python starts workers by "
    "re-importing the script), or pass backend='serial'"
)


def _batches(files: list[Path], size: int) -> Iterator[list[tuple[int, str]]]:
    for start in range(0, len(files), size):
        yield [(start + i + 1, str(path)) for i, path in enumerate(files[start : start + size])]


def _run_serial(batches, setup: _Setup, *, budget=(None, None), **_) -> Iterator:
    for batch in batches:
        yield _analyse_batch(batch, setup, (budget[0], None))  # no memory limit on this process


def _dead(item: tuple[int, str]) -> tuple[list[dict], Counter, Counter, list]:
    doc_id, path = item
    LOGGER.warning("%s: %s", path, DEAD_WORKER)
    return [_summary(doc_id, Path(path), None, Counter(), DEAD_WORKER)], Counter(), Counter(), []


def _run_processes(batches, setup: _Setup, *, pool: Workers, budget=(None, None), **_) -> Iterator:
    """Batches on the worker pool; a dead worker is replaced and its files retried alone, once."""
    workers = pool.workers
    state = {"pool": pool.executor, "finished_any": False, "dead": 0}

    def renew() -> None:
        state["pool"] = pool.renew()

    def alone(item: tuple[int, str]):
        """One file as its own task, so a death names its file."""
        future = state["pool"].submit(_analyse_batch, [item], setup, budget)
        if isinstance(future.exception(), BrokenProcessPool):
            state["dead"] += 1
            if not state["finished_any"] and state["dead"] >= 2:  # two files alone, nothing ever ran:
                pool.renew()  # the workers cannot start at all
                raise ReportError(_BROKEN_POOL)
            renew()
            return _dead(item)
        state["finished_any"] = True
        return future.result()

    pending: dict = {}  # future -> batch
    suspects: list[tuple[int, str]] = []  # files in hand when a worker died
    batches = iter(batches)
    exhausted = False
    while True:
        while not exhausted and len(pending) < 2 * workers:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
            else:
                pending[state["pool"].submit(_analyse_batch, batch, setup, budget)] = batch
        if not pending:
            break
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            batch = pending.pop(future)
            if isinstance(future.exception(), BrokenProcessPool):
                suspects.extend(batch)
                broken = True
            else:
                state["finished_any"] = True
                yield future.result()
        if broken:  # every batch in flight on that pool is lost, except those that finished
            for future, batch in pending.items():
                if future.done() and future.exception() is None:
                    state["finished_any"] = True
                    yield future.result()
                else:
                    suspects.extend(batch)
            pending.clear()
            renew()
            if not state["finished_any"]:  # find out now whether the workers can run at all
                suspects.sort()
                yield alone(suspects.pop(0))
    for item in sorted(suspects):
        yield alone(item)


def _run_dask(batches, setup: _Setup, *, pool: Workers, budget=(None, None), **_) -> Iterator:
    from dask.distributed import as_completed

    client = pool.client
    in_flight = 2 * max(pool.workers, len(client.scheduler_info().get("workers", ())) or 1)
    batches = iter(batches)
    futures = as_completed()
    for batch in batches:
        futures.add(client.submit(_analyse_batch, batch, setup, (budget[0], None), pure=False))
        if futures.count() >= in_flight:
            break
    for future in futures:
        result = future.result()
        future.release()
        yield result
        batch = next(batches, None)
        if batch is not None:
            futures.add(client.submit(_analyse_batch, batch, setup, (budget[0], None), pure=False))


_BACKENDS = {"serial": _run_serial, "processes": _run_processes, "dask": _run_dask}


def _tag_chunk(texts: list[str], tokenizer: Tokenizer) -> list[list[tuple[str, str]]]:
    return _worker_tokenizer(tokenizer).tag_many(texts)


def tag_texts(
    texts: Iterable[str],
    *,
    tokenizer: Tokenizer | None = None,
    workers: int | None = None,
    chunk_size: int = 256,
    pool: Workers | None = None,
) -> list[list[tuple[str, str]]]:
    """POS-tag many texts on worker processes.

    The same result as ``[tokenizer.tag(t) for t in texts]``, in order; use
    it when you need the tagged tokens themselves (``analyse_corpus`` only
    ships counts back).  With one worker it runs in this process.

    Args:
        texts: The texts (e.g. sentences or paragraphs).
        tokenizer: Default: the project tokenizer.
        workers: Worker processes (default: the CPUs available).
        chunk_size: Texts per task.
        pool: A :class:`Workers` to run on (default: workers started for
            this call only, or by :func:`start_workers`).

    Returns:
        One list of ``(word, pos)`` per text.

    >>> tag_texts(["党员值守。"], workers=1)
    [[('党员', 'n'), ('值守', 'v'), ('。', 'x')]]
    """
    tokenizer = tokenizer or default_tokenizer()
    texts = list(texts)
    workers = pool.workers if pool is not None else (workers or _available_cpus())
    if workers == 1 or len(texts) <= chunk_size:
        return tokenizer.tag_many(texts)
    chunks = [texts[i : i + chunk_size] for i in range(0, len(texts), chunk_size)]
    tagged: list[list[tuple[str, str]]] = []
    with _workers_for(pool, "processes", workers, None, _Setup(tokenizer=tokenizer, entities=False)) as pool:
        try:
            for part in pool.executor.map(_tag_chunk, chunks, [tokenizer] * len(chunks)):
                tagged.extend(part)
        except BrokenProcessPool:
            pool.renew()
            raise ReportError(_BROKEN_POOL) from None
    return tagged


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------


@dataclass
class Corpus:
    """The result of :func:`analyse_corpus`.

    Attributes:
        documents: One row per file, sorted by ``doc_id``; columns
            ``doc_id`` (1-based, in path order), ``path, name`` (file stem),
            ``encoding, headline, authors`` (joined with 、), ``n_sections,
            n_paragraphs, n_sentences, n_chars`` (body characters),
            ``n_tokens`` (running words: tokens that are not punctuation),
            ``n_types`` (distinct running words), ``n_repairs, n_captions``,
            ``n_persons, n_places, n_organisations`` (mentions, as
            :func:`analysis.entities.mentions` finds them, byline and
            captions included; missing with ``entities=False``),
            ``error`` (``None``, or why the file was skipped; its counts are
            then missing).
        terms: One row per ``(word, pos)`` over the whole corpus, sorted by
            ``count`` (descending), ``word``, ``pos``; columns ``word, pos,
            count, n_docs`` (documents containing it), ``is_stopword,
            is_punct``.
        entities: One row per document and named ``(entity, type, role,
            part)``, sorted by ``doc_id``, ``count`` (descending), ``entity,
            type, role, part``; columns ``doc_id, entity, type`` (person |
            place | organisation) ``, role`` (actor | source | credit)
            ``, part`` (body | byline | caption: a person named in a photo
            caption's own sentence is an actor of part caption, its
            photographer a credit of part caption) ``, count`` (mentions in
            that document).  Empty with ``entities=False``.
    """

    documents: pd.DataFrame
    terms: pd.DataFrame
    entities: pd.DataFrame = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.entities is None:
            self.entities = _entities_frame([])

    def __repr__(self) -> str:
        return (f"Corpus(documents={len(self.documents)}, errors={len(self.errors)}, "
                f"tokens={self.n_tokens}, terms={len(self.terms)})")

    @property
    def errors(self) -> pd.DataFrame:
        """The rows of ``documents`` that were skipped, with their ``error``."""
        return self.documents[self.documents["error"].notna()]

    @property
    def n_tokens(self) -> int:
        """Running words (tokens that are not punctuation) in the corpus."""
        return int(self.terms.loc[~self.terms["is_punct"], "count"].sum())

    def word_counts(self) -> pd.Series:
        """Running-word counts by word (all tags summed), the reference for keyness."""
        running = self.terms[~self.terms["is_punct"]]
        return running.groupby("word")["count"].sum().rename("count")

    def term_table(self) -> pd.DataFrame:
        """``terms`` without punctuation, with ``attrs['n_tokens']``: the input of ``keyness``."""
        table = self.terms[~self.terms["is_punct"]].reset_index(drop=True)
        table.attrs["n_tokens"] = self.n_tokens
        return table


def _documents_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    for column in _INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    frame["doc_id"] = frame["doc_id"].astype("int64")
    for column in ("encoding", "headline", "authors", "error"):  # missing text is None, not NaN
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame.sort_values("doc_id").reset_index(drop=True)


def _entities_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    frame["doc_id"] = frame["doc_id"].astype("int64")
    frame["count"] = frame["count"].astype("int64")
    for column in ("entity", "type", "role", "part"):
        frame[column] = frame[column].astype(object)
    frame = frame.sort_values(["doc_id", "count", "entity", "type", "role", "part"],
                              ascending=[True, False, True, True, True, True], kind="mergesort")
    return frame.reset_index(drop=True)


def _terms_frame(counts: Counter, docs: Counter, tokenizer: Tokenizer) -> pd.DataFrame:
    if counts:
        words, tags = zip(*counts.keys())
    else:
        words, tags = (), ()
    frame = pd.DataFrame({
        "word": pd.Series(words, dtype=object), "pos": pd.Series(tags, dtype=object),
        "count": pd.Series(list(counts.values()), dtype="int64"),
        "n_docs": pd.Series([docs[key] for key in counts], dtype="int64"),
    })
    frame["is_stopword"] = frame["word"].map(lambda w: w in tokenizer.stopwords).astype(bool)
    frame["is_punct"] = frame["word"].map(is_punctuation).astype(bool)
    frame = frame.sort_values(["count", "word", "pos"], ascending=[False, True, True], kind="mergesort")
    return frame.reset_index(drop=True)[TERM_COLUMNS]


def analyse_corpus(
    source,
    *,
    tokenizer: Tokenizer | None = None,
    backend: Backend = "processes",
    workers: int | None = None,
    batch_size: int | None = None,
    pattern: str = "*.txt",
    progress: bool = True,
    client=None,
    file_timeout: float | None = FILE_TIMEOUT,
    file_memory_mb: float | None = FILE_MEMORY_MB,
    entities: bool = True,
    suggest: bool = True,
    user_dict=None,
    pool: Workers | None = None,
) -> Corpus:
    """Load, tag and count every report of a corpus, in parallel.

    Args:
        source: A folder, a glob, one file or a list of files
            (:func:`corpus_files`), or a :class:`Corpus` (returned as is).
        tokenizer: ``None`` (default): each document gets its own
            :meth:`Tokenizer.for_report`, as on the command line (the genre
            dictionary, the report's dictionaries, the names suggested from
            its text, ``user_dict`` on top).  A tokenizer: used for every
            document (sent to the workers, which build their own jieba
            instance once); ``suggest`` and ``user_dict`` are then ignored.
        backend: ``"processes"`` (local worker processes), ``"serial"`` or
            ``"dask"`` (``dask.distributed``).
        workers: Worker processes (default: the CPUs available).
        batch_size: Files per task; each task returns one aggregate.
            Default: about 16 tasks per worker, 1 to 32 files each (larger
            batches mean less merging in this process, smaller ones a
            better balanced end of the run).
        pattern: File pattern inside a folder (``"**/*.txt"`` for
            sub-folders).
        progress: Show a progress bar (tqdm) on stderr.
        client: A ``dask.distributed.Client`` of your own cluster (backend
            ``"dask"`` only); default: a local cluster of ``workers``
            processes, kept for later calls.
        file_timeout: A file that takes longer (seconds) becomes an error
            row; ``None`` for no limit.  (Not enforced on Dask, whose tasks
            run in threads.)
        file_memory_mb: A file that needs more memory than this (MB of
            address space added in a worker process) becomes an error row;
            ``None`` for no limit.  Only with ``backend="processes"``.
        entities: Recognise persons, places and organisations in each
            document (:func:`analysis.entities.mentions`), counted in
            ``documents`` and listed in ``Corpus.entities``.  Its cost,
            measured with ``python benchmarks/corpus_entities_cost.py --mb 1
            --corpus varied`` (serial, CPU seconds per MB, 382 different
            files of People's Daily and project paragraphs; median of 3
            rounds on a shared 2-core machine, 2026-12-01): one tokenizer
            2.3 → 4.2 s/MB; per document without suggestions 2.7 → 4.2; per
            document with suggestions, the default, 4.5 → 5.9 (before
            suggestions and recognition stopped copying jieba's tables per
            document and building DataFrames per mention: 9.8 → 12.5).
            ``False`` skips it.
        suggest: With ``tokenizer=None``, add the names suggested from each
            text to its tokenizer (``--no-suggest`` on the command line).
        user_dict: With ``tokenizer=None``, the user's dictionary file(s)
            loaded on top of every document's tokenizer.
        pool: A :class:`Workers` to run on (several calls share its start-up);
            default: workers for this call only (or those of
            :func:`start_workers`).

    Returns:
        A :class:`Corpus` with ``documents`` and ``terms`` tables; files the
        loader rejects are rows with an ``error`` and no counts.

    Raises:
        ReportError: No files match, or an unknown backend.

    >>> from analysis import paths
    >>> corpus = analyse_corpus(paths.RAW_DIR, backend="serial", progress=False)
    >>> corpus
    Corpus(documents=1, errors=0, tokens=..., terms=...)
    >>> corpus.documents.loc[0, "name"], int(corpus.documents.loc[0, "n_sections"])
    ('wuhai_report', 3)
    """
    if isinstance(source, Corpus):
        return source
    if backend not in _BACKENDS:
        raise ReportError(f"unknown backend {backend!r}: use one of {', '.join(_BACKENDS)}")
    if batch_size is not None and batch_size < 1:
        raise ReportError(f"batch_size must be at least 1, not {batch_size}")
    for name, value in (("file_timeout", file_timeout), ("file_memory_mb", file_memory_mb)):
        if value is not None and not (isinstance(value, (int, float)) and value >= 0 and value == value
                                      and value != float("inf")):
            raise ReportError(f"{name}={value!r}: pass a finite number of at least 0, or None for no limit")
    budget = (file_timeout or None, file_memory_mb or None)
    files = corpus_files(source, pattern=pattern)
    if user_dict is None or isinstance(user_dict, (str, os.PathLike)):
        user_files = () if user_dict is None else (str(user_dict),)
    else:
        user_files = tuple(str(p) for p in user_dict)
    for name in user_files:
        if not Path(name).is_file():
            raise ReportError(f"user dictionary {name} not found: pass an existing file")
    setup = _Setup(tokenizer=tokenizer, user_dict=user_files, suggest=bool(suggest), entities=bool(entities))
    if pool is not None:
        backend, workers = pool.backend, pool.workers
    workers = workers or _available_cpus()
    if batch_size is None:
        batch_size = max(1, min(32, len(files) // (16 * workers)))
    if backend == "processes" and workers == 1 and pool is None:
        backend = "serial"
    rows: list[dict] = []
    counts: Counter = Counter()
    docs: Counter = Counter()
    named: list[tuple] = []
    from tqdm import tqdm  # plain text bar: no ipywidgets needed in notebooks

    with contextlib.ExitStack() as stack:
        if backend != "serial":
            pool = stack.enter_context(_workers_for(pool, backend, workers, client, setup))
        bar = stack.enter_context(tqdm(total=len(files), unit="doc", desc="corpus", disable=not progress, leave=False))
        for batch_rows, batch_counts, batch_docs, batch_named in _BACKENDS[backend](
            _batches(files, batch_size), setup, pool=pool, budget=budget
        ):
            rows.extend(batch_rows)
            counts.update(batch_counts)
            docs.update(batch_docs)
            named.extend(batch_named)
            bar.update(len(batch_rows))
    documents = _documents_frame(rows)
    n_errors = int(documents["error"].notna().sum())
    if n_errors:
        LOGGER.warning("%d of %d files skipped (see Corpus.errors)", n_errors, len(documents))
    stopwords_of = tokenizer or default_tokenizer()
    return Corpus(documents=documents, terms=_terms_frame(counts, docs, stopwords_of), entities=_entities_frame(named))


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------------------
# Comparisons
# ---------------------------------------------------------------------------


def compare_corpora(
    target,
    reference,
    *,
    min_count: int = 2,
    drop_stopwords: bool = True,
    **options,
) -> pd.DataFrame:
    """Keyness of one corpus against another: what A says more (or less) than B.

    Args:
        target: Corpus A: a :class:`Corpus` or anything
            :func:`analyse_corpus` accepts.
        reference: Corpus B, likewise.
        min_count: Leave out words seen fewer times in A.
        drop_stopwords: Leave stopwords out of the table (they still count
            in the corpus sizes).
        **options: Passed to :func:`analyse_corpus` for a corpus given as
            files (``backend``, ``workers``, ``tokenizer`` …).

    Returns:
        The table of :func:`analysis.frequency.keyness`: ``word, pos, count,
        per_1000, ref_count, ref_per_1000, expected, g2, p_value, log_ratio,
        direction, in_reference``, sorted by ``g2``.
    """
    from .frequency import keyness

    options.setdefault("entities", False)  # keyness needs the counts only
    a = analyse_corpus(target, **options)
    b = analyse_corpus(reference, **options)
    return keyness(a.term_table(), reference=b.word_counts(), min_count=min_count,
                   drop_stopwords=drop_stopwords)


def compare_report(
    report,
    corpus,
    *,
    tokenizer: Tokenizer | None = None,
    min_count: int = 2,
    drop_stopwords: bool = True,
    leave_out_self: bool = True,
    **options,
) -> pd.DataFrame:
    """Keyness of one report against a corpus: what sets this report apart.

    Args:
        report: A :class:`~analysis.loading.Report` or the path of one.
        corpus: A :class:`Corpus` or anything :func:`analyse_corpus` accepts.
        tokenizer: Default: :meth:`Tokenizer.for_report` of the report (and,
            in the corpus, of each document, unless ``corpus`` is a
            :class:`Corpus` made otherwise).
        min_count: Leave out words seen fewer times in the report.
        drop_stopwords: Leave stopwords out of the table.
        leave_out_self: If the report is one of the corpus's files, subtract
            its own counts from the reference (a text compared with a corpus
            that contains it understates its keyness).
        **options: Passed to :func:`analyse_corpus`.

    Returns:
        The :func:`analysis.frequency.keyness` table (see
        :func:`compare_corpora`).

    Raises:
        ReportError: The reference is empty once the report is left out.
    """
    from .frequency import keyness

    if not isinstance(report, Report):
        report = load_report(report)
    own_tokenizer = tokenizer or _Setup(suggest=options.get("suggest", True),
                                        user_dict=tuple(str(p) for p in _as_list(options.get("user_dict")))
                                        ).for_document(report)
    options.setdefault("entities", False)  # keyness needs the counts only
    counts = document_counts(report, tokenizer=own_tokenizer)
    own = _terms_frame(counts, Counter(dict.fromkeys(counts, 1)), own_tokenizer)
    own = own[~own["is_punct"]].reset_index(drop=True)
    own.attrs["n_tokens"] = int(own["count"].sum())
    corpus = analyse_corpus(corpus, tokenizer=tokenizer, **options)
    reference = corpus.word_counts()
    if leave_out_self and report.source is not None:
        documents = corpus.documents
        mine = documents["error"].isna() & documents["path"].map(lambda p: _same_file(p, report.source))
        if mine.any():
            reference = reference.sub(own.groupby("word")["count"].sum(), fill_value=0).astype("int64")
            reference = reference[reference > 0]
    return keyness(own, reference=reference, min_count=min_count, drop_stopwords=drop_stopwords)


def _as_list(paths) -> list:
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    return list(paths)


def _same_file(a, b) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:  # pragma: no cover
        return False
