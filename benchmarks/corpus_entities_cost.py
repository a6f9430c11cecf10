"""Cost per MB of entity recognition and per-document tokenizers in corpus mode.

Builds a corpus of about ``--mb`` MB in a temporary folder and times
:func:`analysis.corpus.analyse_corpus` serially (CPU time of this process,
so other load on the machine counts less) with:

* one tokenizer for the corpus, recognition off / on;
* ``Tokenizer.for_report`` per document (the command line's choice),
  without and with suggested names, recognition off / on.

Corpora (``--corpus``): ``copies`` (default; copies of the bundled report and
``data/examples/*.txt``, nothing from outside the repository) or ``varied``
(the files of ``benchmarks/run_benchmarks.py``: People's Daily 1998
paragraphs with the project's own, every file different, so no cache can
profit from repeated documents).  Every configuration is run ``--rounds``
times, interleaved (round 1 of each, then round 2 …), and reported as
median (min–max) CPU seconds per MB.

Run: ``python benchmarks/corpus_entities_cost.py [--mb 1] [--rounds 3] [--corpus varied]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from analysis import Tokenizer, paths
from analysis.corpus import analyse_corpus

RUNS = [
    ("one tokenizer, recognition off", dict(tokenizer="one", entities=False)),
    ("one tokenizer, recognition on", dict(tokenizer="one", entities=True)),
    ("per document, no suggestions, recognition off", dict(suggest=False, entities=False)),
    ("per document, no suggestions, recognition on", dict(suggest=False, entities=True)),
    ("per document (default), recognition off", dict(entities=False)),
    ("per document (default), recognition on", dict(entities=True)),
]


def build_sources() -> list[Path]:
    """The bundled report and the example reports (not their sidecar dictionaries: a dictionary is no report)."""
    examples = sorted(p for p in (paths.DATA_DIR / "examples").glob("*.txt") if not p.name.endswith("_user_dict.txt"))
    return [paths.DEFAULT_REPORT, *examples]


def build(folder: Path, megabytes: float) -> float:
    """Copies of the bundled report and the example reports until ``megabytes``; returns the MB written."""
    sources = build_sources()
    size, i = 0, 0
    while size < megabytes * 1e6:
        source = sources[i % len(sources)]
        target = folder / f"{i:05d}_{source.name}"
        shutil.copyfile(source, target)
        size += target.stat().st_size
        i += 1
    return size / 1e6


def build_varied(folder: Path, megabytes: float) -> float:
    """The varied files of ``run_benchmarks.build_corpus`` (fixed seed); returns the MB written."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run_benchmarks import build_corpus

    files = build_corpus(folder, target_bytes=int(megabytes * 1e6))
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", choices=("copies", "varied"), default="copies")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mb = (build_varied if args.corpus == "varied" else build)(folder, args.mb)
        # load every dictionary and model once (the example's model people also read the People's Daily word list)
        analyse_corpus([paths.DEFAULT_REPORT, *build_sources()[1:]], backend="serial", progress=False)
        n_files = len(list(folder.glob("*.txt")))
        load = os.getloadavg()[0]
        print(f"corpus ({args.corpus}): {n_files} files, {mb:.2f} MB; serial, CPU seconds of this process per MB, "
              f"median (min–max) of {args.rounds} rounds; load average {load:.1f} at the start")
        seconds: dict[str, list[float]] = {name: [] for name, _ in RUNS}
        for _ in range(args.rounds):
            for name, options in RUNS:
                options = dict(options)
                if options.get("tokenizer") == "one":
                    options["tokenizer"] = Tokenizer()
                started = time.process_time()
                corpus = analyse_corpus(folder, backend="serial", progress=False, file_timeout=None, **options)
                seconds[name].append(time.process_time() - started)
                assert corpus.errors.empty
        for name, values in seconds.items():
            per_mb = [s / mb for s in values]
            print(f"{name:48s} {statistics.median(per_mb):6.2f} s/MB ({min(per_mb):.2f}–{max(per_mb):.2f})")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
