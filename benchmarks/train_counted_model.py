"""Train the counted-thing CRF (``data/models/counted_crf.crfsuite``) on the seen development parts.

Usage::

    ANALYSIS_DEV_CORPUS=/work/shared/dev-corpus/xwlb python benchmarks/train_counted_model.py [--lopo] [--no-write]

Reads the hand-labelled counts of the parts whose numbers are seen (``split == "dev"``: parts 1-9 in round 10), never
the held-out part.  ``--lopo`` prints the leave-one-part-out table (the counted thing right, as ``numeric_table``
scores it: same head, two characters or more) for the rules, the model without the rules' answer as a feature, and
the model with it at several confidence thresholds (below it the rules' answer is kept).  Without ``--no-write`` the
model is trained on every seen part and written, with its sha256.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.evaluation import rhetoric as ev  # noqa: E402
from analysis.loading import load_report  # noqa: E402
from analysis.rhetoric import counted_model as cm  # noqa: E402
from analysis.rhetoric.numbers import classifier_heads, numeric_claims  # noqa: E402

THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def part_files() -> dict[int, str]:
    """Part number → label file of its numbers (part 1 is ``dev_numeric_claims.csv``)."""
    files = {1: ev.LABELS["numbers"]}
    for p in ev.PARTS:
        if "numbers" in p.tasks:
            files[p.number] = p.file("numbers")
    return files


def seen_counts() -> pd.DataFrame:
    """The seen counts, with the part they come from."""
    frames = []
    for number, name in part_files().items():
        path = ev.paths.ANNOTATIONS_DIR / name
        if not path.is_file():
            continue
        frame = pd.read_csv(path, keep_default_na=False, dtype={"item": str})
        frame = frame[(frame["kind"] == "count") & (frame["split"] == "dev")].copy()
        frame["part"] = number
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    for c in ("block", "start", "end", "counted_start", "counted_end"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("Int64")
    return out


def _path(item: str) -> Path:
    if item.startswith(ev.PD_PREFIX):
        return ev._pd_file(item)
    folder = ev.dev_corpus_dir()
    if folder is None:
        raise SystemExit("the development corpus is absent: set ANALYSIS_DEV_CORPUS")
    return folder / f"{item}.txt"


def examples(gold: pd.DataFrame) -> list[dict]:
    """One example per gold count: the rules' answer, the gold string and (when the claim is a count) its window."""
    heads = classifier_heads()
    out = []
    for item, group in gold.groupby("item", sort=True):
        report = load_report(str(_path(item)))
        spans = ev.block_spans(report.raw)
        contexts = {}

        def collect(tokens, token_begins, start, end, unit, rule, paragraph_id=None, contexts=contexts):
            contexts[(paragraph_id, start)] = (tokens, token_begins, start, end, unit, rule)
            return rule

        claims = numeric_claims(report, counted=collect)
        for g in group.itertuples():
            base = spans[int(g.block)][0]
            lo, hi = base + int(g.start), base + int(g.end)
            gold_text = report.raw[base + int(g.counted_start):base + int(g.counted_end)] if pd.notna(g.counted_start) else ""
            here = claims[(claims["raw_start"] < hi) & (claims["raw_end"] > lo)]
            row = dict(item=item, part=int(g.part), gold=gold_text, rule=None, feats=None, labels=None, ctx=None)
            if len(here):
                claim = here.iloc[0]
                row["rule"] = str(claim["counted"])
                ctx = contexts.get((claim["paragraph_id"], claim["start"]))
                if ctx is not None:
                    tokens, token_begins, start, end, unit, rule = ctx
                    picked = cm.window(tokens, token_begins, start, end)
                    key = unit[1:] if unit.startswith("个") and len(unit) > 1 else unit
                    row["feats"] = cm.features(tokens, picked, start, end, unit, rule, heads.get(key))
                    pid = int(claim["paragraph_id"])
                    if pd.notna(g.counted_start):
                        c_lo, c_hi = base + int(g.counted_start), base + int(g.counted_end)
                    else:
                        c_lo = c_hi = -1
                    row["labels"] = []
                    for i, _ in picked:
                        s, e = report.raw_span(pid, tokens[i][2], tokens[i][3])
                        row["labels"].append("I" if s < c_hi and e > c_lo else "O")
                    row["ctx"] = (tokens, picked, end, unit)
            out.append(row)
    return out


def _strip_rule(feats):
    return [[f for f in token if not f.startswith("rule")] for token in feats]


def predict(tagger, row, threshold: float, use_rule: bool = True) -> str:
    import pycrfsuite

    if row["feats"] is None:
        return row["rule"] or ""
    feats = row["feats"] if use_rule else _strip_rule(row["feats"])
    tagger.set(pycrfsuite.ItemSequence(feats))
    tags = tagger.tag()
    confidence = min(tagger.marginal(t, k) for k, t in enumerate(tags))
    if confidence < threshold:
        return row["rule"]
    tokens, picked, end, unit = row["ctx"]
    return cm.decode(tokens, picked, tags, end, unit)


def _right(predicted, gold) -> bool:
    return predicted is not None and ev._head_match(str(predicted), gold)


def lopo(rows: list[dict], folder: Path) -> pd.DataFrame:
    import pycrfsuite

    parts = sorted({r["part"] for r in rows})
    table = []
    for part in parts:
        train_rows = [r for r in rows if r["part"] != part and r["feats"] is not None]
        test = [r for r in rows if r["part"] == part]
        line = {"part": part, "n": len(test), "rules": sum(_right(r["rule"], r["gold"]) for r in test)}
        for use_rule in (False, True):
            feats = (lambda r: r["feats"]) if use_rule else (lambda r: _strip_rule(r["feats"]))
            path = cm.train([(feats(r), r["labels"]) for r in train_rows], folder / f"p{part}_{int(use_rule)}.crfsuite")
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            for threshold in (THRESHOLDS if use_rule else (0.0,)):
                name = f"crf{'+rules' if use_rule else ''}@{threshold}"
                line[name] = sum(_right(predict(tagger, r, threshold, use_rule), r["gold"]) for r in test)
        table.append(line)
    frame = pd.DataFrame(table)
    total = frame.sum(numeric_only=True)
    total["part"] = 0
    frame = pd.concat([frame, total.to_frame().T], ignore_index=True)
    for c in frame.columns:
        if c not in ("part", "n"):
            frame[c] = (frame[c] / frame["n"]).round(3)
    return frame


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lopo", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--out", default=str(cm.MODEL_PATH))
    args = parser.parse_args(argv)
    began = time.process_time()
    rows = examples(seen_counts())
    print(f"{len(rows)} seen counts, {sum(r['feats'] is not None for r in rows)} with a window "
          f"({time.process_time() - began:.1f} s CPU)", file=sys.stderr)
    if args.lopo:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            print(lopo(rows, Path(folder)).to_string(index=False))
    if not args.no_write:
        began = time.process_time()
        path = cm.train([(r["feats"], r["labels"]) for r in rows if r["feats"] is not None], args.out)
        data = Path(path).read_bytes()
        print(f"wrote {path}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()} "
              f"({time.process_time() - began:.2f} s CPU to train)")


if __name__ == "__main__":
    main()
