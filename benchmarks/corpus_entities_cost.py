"""Cost per MB of entity recognition and per-document tokenizers in corpus mode.

Builds a corpus of about ``--mb`` MB in a temporary folder from the bundled
report and ``data/examples/*.txt`` (copies; nothing from outside the
repository) and times :func:`analysis.corpus.analyse_corpus` serially (CPU
time of this process, so other load on the machine counts less) with:

* one tokenizer for the corpus, recognition off / on;
* ``Tokenizer.for_report`` per document (the command line's choice),
  without and with suggested names, recognition off / on.

Run: ``python benchmarks/corpus_entities_cost.py [--mb 1.5]``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from analysis import Tokenizer, paths
from analysis.corpus import analyse_corpus


def build(folder: Path, megabytes: float) -> float:
    sources = [paths.DEFAULT_REPORT, *sorted((paths.DATA_DIR / "examples").glob("*.txt"))]
    size, i = 0, 0
    while size < megabytes * 1e6:
        source = sources[i % len(sources)]
        target = folder / f"{i:05d}_{source.name}"
        shutil.copyfile(source, target)
        size += target.stat().st_size
        i += 1
    return size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mb = build(folder, args.mb)
        analyse_corpus(paths.RAW_DIR, backend="serial", progress=False)  # load every dictionary and model once
        runs = [
            ("one tokenizer, recognition off", dict(tokenizer=Tokenizer(), entities=False)),
            ("one tokenizer, recognition on", dict(tokenizer=Tokenizer(), entities=True)),
            ("per document, no suggestions, recognition off", dict(suggest=False, entities=False)),
            ("per document, no suggestions, recognition on", dict(suggest=False, entities=True)),
            ("per document (default), recognition off", dict(entities=False)),
            ("per document (default), recognition on", dict(entities=True)),
        ]
        n_files = len(list(folder.glob("*.txt")))
        print(f"corpus: {n_files} files, {mb:.2f} MB; serial, CPU seconds of this process")
        for name, options in runs:
            started = time.process_time()
            corpus = analyse_corpus(folder, backend="serial", progress=False, file_timeout=None, **options)
            seconds = time.process_time() - started
            assert corpus.errors.empty
            print(f"{name:48s} {seconds:7.1f} s  {seconds / mb:6.1f} s/MB")


if __name__ == "__main__":
    main()
