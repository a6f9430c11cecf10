"""Cross-validate and rebuild the paragraph-move CRF shipped in data/models/moves_crf.crfsuite.

    python benchmarks/train_move_model.py --cv      # the grid of feature groups and regularisation: 5 folds by
                                                    # item (current rules), and parts 1-3 -> part 4 with the rules
                                                    # of commit 006bb76 (unseen by them on part 4)
    python benchmarks/train_move_model.py           # train the shipped model (analysis.rhetoric.move_model.GROUPS,
                                                    # CRF_PARAMS) on every seen dev item (+ the Wuhai report)

    python benchmarks/train_move_model.py --lopo    # leave-one-part-out over parts 1-7 (current rules) and parts
                                                    # 1-6 -> part 7 with the rules of commit 951e1c8 (unseen on 7)
    python benchmarks/train_move_model.py --lopo-quick  # leave-one-part-out over parts 1-11 (current rules), six
                                                    # settings (round 10: the shipped one and five neighbours)
    python benchmarks/train_move_model.py --forward # forward in time, k = 7..11: the CRF trained on parts < k
                                                    # (with and without the rules' answer) against the rules of
                                                    # part k's first scoring, both unseen on part k

Training data: the hand labels of the seen development parts (``split_of(item, "moves") == "dev"``: parts 1-11,
CCTV xwlb 2020 and People's Daily Jan 1998 articles) and the Wuhai report's 19 paragraphs
(data/annotations/paragraph_moves.csv). The held-out part (12) is never read here. Needs ../shared/dev-corpus/xwlb.
Deterministic (L-BFGS; same labels, rules, jieba and python-crfsuite give the same model).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from analysis.rhetoric import move_model as mm  # noqa: E402

#: The grid: feature groups x (c1, c2).
GROUP_GRID = (
    ("rules",),
    ("rules", "shape"),
    ("rules", "shape", "cues"),
    ("rules", "shape", "cues", "context"),
    ("rules", "shape", "cues", "context", "open"),
    ("shape", "cues", "context"),
)
PARAM_GRID = ({"c1": 0.0, "c2": 0.01}, {"c1": 0.05, "c2": 0.01}, {"c1": 0.1, "c2": 0.1}, {"c1": 0.5, "c2": 0.01},
              {"c1": 0.0, "c2": 1.0}, {"c1": 0.2, "c2": 0.5})


def dev_data() -> dict:
    """item -> (moves, cover, gold) for every seen dev item with move labels."""
    from analysis.evaluation.rhetoric import load_labels, split_of

    labels = load_labels("moves")
    labels = labels[[split_of(i, "moves") == "dev" for i in labels["item"]]]
    data = {}
    for item, group in labels.groupby("item", sort=True):
        moves, cover = mm.item_frame(item)
        data[item] = (moves, cover, {int(b): m for b, m in zip(group["block"], group["move"])})
    return data


def wuhai_sequence(groups) -> tuple[list[list[str]], list[str]]:
    """The Wuhai report's paragraphs with their hand labels (in-sample for the rules)."""
    from analysis.loading import load_report
    from analysis.rhetoric.moves import load_move_annotations, paragraph_moves

    moves = paragraph_moves(load_report(), method="rules").reset_index(drop=True)
    gold = dict(zip(load_move_annotations()["paragraph_id"], load_move_annotations()["move"]))
    labels = [gold.get(int(p), m) for p, m in zip(moves["paragraph_id"], moves["move"])]
    return mm.paragraph_tokens(moves, groups), labels


#: The rules as they were when the fourth part was scored (commit 006bb76: before its errors were read; 0.695 on it).
OLD_RULES_COMMIT = "006bb76"
_DUMP_OLD = """
import pickle, sys
import pandas as pd
import analysis
assert analysis.__file__.startswith(sys.argv[3]), analysis.__file__
from analysis.evaluation import rhetoric as ev
from analysis.loading import load_report
from analysis.tokenize import default_tokenizer
from analysis.rhetoric.moves import paragraph_moves
out = {}
for item in sys.argv[1].split(","):
    path = ev._pd_file(item) if item.startswith("pd1998_") else ev.dev_corpus_dir() / f"{item}.txt"
    report = load_report(str(path))
    moves = paragraph_moves(report, tokenizer=default_tokenizer()).reset_index(drop=True)
    spans = ev.block_spans(report.raw)
    rows = []
    for position, para in enumerate(report.paragraphs[["raw_start", "raw_end"]].itertuples(index=False)):
        for block, (start, end) in enumerate(spans):
            overlap = min(end, int(para.raw_end)) - max(start, int(para.raw_start))
            if overlap > 0:
                rows.append((position, block, overlap))
    out[item] = (moves, pd.DataFrame(rows, columns=["position", "block", "overlap"]))
cues = {}
for group in (sys.argv[4].split(",") if len(sys.argv) > 4 else ()):
    try:
        from analysis.rhetoric import _data
        cues[group] = tuple(_data.cue_words(group))
    except Exception:  # a cue list (or the module) that did not exist at that commit
        cues[group] = ()
out["__cues__"] = cues
pickle.dump(out, open(sys.argv[2], "wb"))
"""


def part_of(item: str) -> int:
    """The labelling part of a seen dev item (1 xwlb; People's Daily lines 36-147: 2, 400-4999: 3, 5000-5885: 4,
    5886-7104: 5, 7105-7870: 6, 7871-8967: 7, 8968-9565: 8, 9566-10137: 9, 10138-11089: 10, 11090-12022: 11,
    12023-12803: 12; part 13, from 12804, is held out and never read here: :func:`dev_data` reads the seen items
    only)."""
    if not item.startswith("pd1998_"):
        return 1
    first = int(item.split("_")[1])
    return (2 if first < 400 else 3 if first < 5000 else 4 if first < 5886 else 5 if first < 7105 else 6
            if first < 7871 else 7 if first < 8968 else 8 if first < 9566 else 9 if first < 10138 else 10
            if first < 11090 else 11 if first < 12023 else 12 if first < 12804 else 13)


#: The rules as they were when the sixth part was scored the second time (commit c28e0dc: written on parts 1-5,
#: part 6 unseen by them): the temporal check of this round trains on parts 1-5 and tests on part 6 with them.
SIXTH_RULES_COMMIT = "c28e0dc"
#: The rules as they were when the seventh part was scored the second time (commit 951e1c8 = the move rules of
#: 9385b56, written on parts 1-6, part 7 unseen by them): the temporal check of round 8 trains on parts 1-6 and
#: tests on part 7 with them.
SEVENTH_RULES_COMMIT = "951e1c8"
#: The part of the temporal check (trained on the parts before it, with the rules of :data:`SEVENTH_RULES_COMMIT`).
TEMPORAL_PART = 7
#: Feature groups and parameters tried in the leave-one-part-out grid (a subset of the 5-fold grid).
LOPO_GROUPS = (("rules",), ("rules", "shape"), ("rules", "shape", "cues"), ("rules", "shape", "cues", "context"),
               ("rules", "cues", "context"))
LOPO_PARAMS = ({"c1": 0.05, "c2": 0.01}, {"c1": 0.5, "c2": 0.01}, {"c1": 0.2, "c2": 0.5}, {"c1": 1.0, "c2": 0.1})


def run_lopo(out: Path) -> pd.DataFrame:
    """Leave-one-part-out over the seen parts 1-7 (current rules, in-sample on every part) and the temporal check
    parts 1-6 -> part 7 with the rules of :data:`SEVENTH_RULES_COMMIT` (unseen by them on part 7)."""
    from analysis.evaluation.rhetoric import NOT_MOVES
    import tempfile

    data = dev_data()
    old = old_rules_data(data, SEVENTH_RULES_COMMIT)
    rows = []
    for groups in LOPO_GROUPS:
        for params in LOPO_PARAMS:
            for guard in (False, True):
                table = mm.cross_validate(data, groups=groups, params=params, fold=part_of, guard=guard)
                rules, model = mm.scores(table, "rules"), mm.scores(table, "model")
                per_part = {f"part{p}": float((g["gold"] == g["model"]).mean()) for p, g in
                            table.assign(part=table["item"].map(part_of)).groupby("part")}
                with tempfile.TemporaryDirectory() as tmp:
                    train = [mm.training_sequence(m, c, g, groups) for i, (m, c, g) in sorted(old.items())
                             if part_of(i) < TEMPORAL_PART]
                    path = mm.train(train, Path(tmp) / "temporal.crfsuite", params)
                    mm.load_model.cache_clear()
                    temporal = []
                    for item, (moves, cover, gold) in sorted(old.items()):
                        if part_of(item) != TEMPORAL_PART:
                            continue
                        predicted = mm.tag(mm.paragraph_tokens(moves, groups), path)
                        if guard:
                            predicted = mm.guarded(predicted, list(moves["move"]))
                        model_blocks = mm.block_predictions(predicted, cover)
                        rule_blocks = mm.block_predictions(list(moves["move"]), cover)
                        temporal += [dict(gold=label, rules=rule_blocks.get(b, "NONE"), model=model_blocks.get(b, "NONE"))
                                     for b, label in gold.items() if label not in NOT_MOVES]
                    mm.load_model.cache_clear()
                t_rules, t_model = mm.scores(pd.DataFrame(temporal), "rules"), mm.scores(pd.DataFrame(temporal), "model")
                rows.append(dict(groups="+".join(groups), c1=params["c1"], c2=params["c2"], guard=guard, n=model["n"],
                                 rules_agreement=rules["agreement"], rules_leader_recall=rules["leader_recall"],
                                 model_agreement=model["agreement"], model_leader_recall=model["leader_recall"],
                                 model_leader_precision=model["leader_precision"], **per_part,
                                 **{f"part{TEMPORAL_PART}_old_rules": t_rules["agreement"],
                                    f"part{TEMPORAL_PART}_old_rules_recall": t_rules["leader_recall"],
                                    f"part{TEMPORAL_PART}_model": t_model["agreement"],
                                    f"part{TEMPORAL_PART}_model_recall": t_model["leader_recall"]}))
                print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in rows[-1].items()}, flush=True)
    frame = pd.DataFrame(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False, float_format="%.4f")
    return frame


#: The settings of the quick leave-one-part-out check of round 10 (the shipped setting and five neighbours).
QUICK_SETTINGS = ((("rules", "shape", "cues"), {"c1": 1.0, "c2": 0.1}, True),
                  (("rules", "shape", "cues"), {"c1": 1.0, "c2": 0.1}, False),
                  (("rules", "shape"), {"c1": 1.0, "c2": 0.1}, True),
                  (("rules", "shape", "cues", "context"), {"c1": 1.0, "c2": 0.1}, True),
                  (("rules", "cues", "context"), {"c1": 0.2, "c2": 0.5}, True),
                  (("rules", "shape", "cues"), {"c1": 0.2, "c2": 0.5}, True))


def run_lopo_quick(out: Path) -> pd.DataFrame:
    """Leave-one-part-out over every seen part (1-9) with the current rules (in-sample on every part), for the
    settings of :data:`QUICK_SETTINGS` only, with each part's rules and model agreement (about 3 minutes)."""
    data = dev_data()
    rows = []
    for groups, params, guard in QUICK_SETTINGS:
        table = mm.cross_validate(data, groups=groups, params=params, fold=part_of, guard=guard)
        rules, model = mm.scores(table, "rules"), mm.scores(table, "model")
        per_part = {}
        for part, group in table.assign(part=table["item"].map(part_of)).groupby("part"):
            per_part[f"part{part}_rules"] = float((group["gold"] == group["rules"]).mean())
            per_part[f"part{part}_model"] = float((group["gold"] == group["model"]).mean())
        rows.append(dict(groups="+".join(groups), c1=params["c1"], c2=params["c2"], guard=guard, n=model["n"],
                         rules_agreement=rules["agreement"], rules_leader_recall=rules["leader_recall"],
                         model_agreement=model["agreement"], model_leader_recall=model["leader_recall"],
                         model_leader_precision=model["leader_precision"], **per_part))
        print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in rows[-1].items()}, flush=True)
    frame = pd.DataFrame(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False, float_format="%.4f")
    return frame


#: Each part's first scoring (``data/annotations/dev_rhetoric_guidelines.md``): the rules of that commit were written
#: before the part was read, so on part k they are out of sample, as a model trained on parts < k is.
FIRST_SCORING_COMMITS = {7: "8e72665", 8: "3185770", 9: "ab13568", 10: "30d5307", 11: "2f8200d"}
#: The settings of the forward-chained check: the shipped one, with and without the rules' answer (``rules``).
FORWARD_SETTINGS = ((("rules", "shape", "cues"), {"c1": 1.0, "c2": 0.1}),
                    (("rules", "shape", "cues", "context"), {"c1": 1.0, "c2": 0.1}),
                    (("shape", "cues"), {"c1": 1.0, "c2": 0.1}),
                    (("shape", "cues", "context"), {"c1": 1.0, "c2": 0.1}))


def run_forward(out: Path) -> pd.DataFrame:
    """Forward in time: for each part k of :data:`FIRST_SCORING_COMMITS`, the rules and cue lists of the commit of
    part k's first scoring run on parts 1..k; a CRF trained on parts < k (the settings of :data:`FORWARD_SETTINGS`,
    guarded) is scored on part k beside those rules (both out of sample there). The hand labels are today's."""
    import tempfile

    from analysis.evaluation.rhetoric import NOT_MOVES

    data = dev_data()
    rows = []
    for part, commit in FIRST_SCORING_COMMITS.items():
        old, cues = old_rules_and_cues({i: d for i, d in data.items() if part_of(i) <= part}, commit)
        original = mm._cues
        frozen = tuple((group, tuple(cues.get(group, ()))) for group in mm.CUE_GROUPS)  # that commit's cue lists
        mm._cues = lambda frozen=frozen: frozen
        try:
            for groups, params in FORWARD_SETTINGS:
                train = [mm.training_sequence(m, c, g, groups) for i, (m, c, g) in sorted(old.items())
                         if part_of(i) < part]
                table = []
                with tempfile.TemporaryDirectory() as tmp:
                    path = mm.train(train, Path(tmp) / f"forward{part}.crfsuite", params)
                    for item, (moves, cover, gold) in sorted(old.items()):
                        if part_of(item) != part:
                            continue
                        rules = list(moves["move"])
                        predicted = mm.guarded(mm.tag(mm.paragraph_tokens(moves, groups), path), rules)
                        model_blocks, rule_blocks = mm.block_predictions(predicted, cover), mm.block_predictions(rules, cover)
                        table += [dict(gold=label, rules=rule_blocks.get(b, "NONE"), model=model_blocks.get(b, "NONE"))
                                  for b, label in gold.items() if label not in NOT_MOVES]
                    mm.load_model.cache_clear()
                table = pd.DataFrame(table)
                r, m = mm.scores(table, "rules"), mm.scores(table, "model")
                rows.append(dict(part=part, commit=commit, groups="+".join(groups), c1=params["c1"], c2=params["c2"],
                                 n=r["n"], n_leader=r["n_leader"], rules_agreement=r["agreement"],
                                 rules_leader_recall=r["leader_recall"], model_agreement=m["agreement"],
                                 model_leader_recall=m["leader_recall"], model_leader_precision=m["leader_precision"]))
                print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in rows[-1].items()}, flush=True)
        finally:
            mm._cues = original
    frame = pd.DataFrame(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False, float_format="%.4f")
    return frame


def old_rules_data(data: dict, commit: str = OLD_RULES_COMMIT) -> dict:
    """The same items with the moves of the rules of ``commit`` (archived from git into a temporary folder)."""
    return old_rules_and_cues(data, commit)[0]


def old_rules_and_cues(data: dict, commit: str) -> tuple[dict, dict[str, tuple[str, ...]]]:
    """:func:`old_rules_data` and the cue lists of ``move_cues.tsv`` as they were at ``commit`` (group → words)."""
    import os
    import pickle
    import subprocess
    import tempfile

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", commit, "analysis", "data", "pyproject.toml"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        out = Path(tmp) / "moves.pkl"
        env = {**os.environ, "PYTHONPATH": tmp}
        subprocess.run([sys.executable, "-c", _DUMP_OLD, ",".join(sorted(data)), str(out), tmp,
                        ",".join(mm.CUE_GROUPS)], check=True, cwd=tmp, env=env)
        with open(out, "rb") as handle:
            old = pickle.load(handle)
    return {item: (*old[item], gold) for item, (_, _, gold) in data.items()}, old.get("__cues__", {})


def temporal_check(data: dict) -> pd.DataFrame:
    """Train on parts 1-3 and test on part 4 with the rules of :data:`OLD_RULES_COMMIT` (unseen by them on part 4).

    This mirrors the use of the model: trained on parts where the rules are in-sample, applied where they are not.
    """
    from analysis.evaluation.rhetoric import NOT_MOVES
    import tempfile

    old = old_rules_data(data)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for groups in GROUP_GRID:
            for params in PARAM_GRID:
                train = [mm.training_sequence(m, c, g, groups) for i, (m, c, g) in sorted(old.items()) if part_of(i) < 4]
                path = mm.train(train, Path(tmp) / "temporal.crfsuite", params)
                mm.load_model.cache_clear()
                out = []
                for item, (moves, cover, gold) in sorted(old.items()):
                    if part_of(item) != 4:
                        continue
                    model = mm.block_predictions(mm.tag(mm.paragraph_tokens(moves, groups), path), cover)
                    rules = mm.block_predictions(list(moves["move"]), cover)
                    out += [dict(gold=label, rules=rules.get(b, "NONE"), model=model.get(b, "NONE"))
                            for b, label in gold.items() if label not in NOT_MOVES]
                table = pd.DataFrame(out)
                r, m = mm.scores(table, "rules"), mm.scores(table, "model")
                rows.append(dict(groups="+".join(groups), c1=params["c1"], c2=params["c2"], n=r["n"],
                                 rules_agreement=r["agreement"], rules_leader_recall=r["leader_recall"],
                                 model_agreement=m["agreement"], model_leader_recall=m["leader_recall"],
                                 n_leader=r["n_leader"]))
                print(rows[-1], flush=True)
    return pd.DataFrame(rows)


def run_cv(out: Path) -> pd.DataFrame:
    started = time.perf_counter()
    data = dev_data()
    print(f"{len(data)} dev items read in {time.perf_counter() - started:.0f} s", flush=True)
    rows = []
    for groups in GROUP_GRID:
        for params in PARAM_GRID:
            for wuhai in (False, True):
                if wuhai and groups not in (GROUP_GRID[0], GROUP_GRID[3]):
                    continue  # the Wuhai report's 19 paragraphs: tried with two feature sets only
                extra = [wuhai_sequence(groups)] if wuhai else []
                table = mm.cross_validate(data, groups=groups, params=params, extra=extra)
                rules, model = mm.scores(table, "rules"), mm.scores(table, "model")
                rows.append(dict(groups="+".join(groups), c1=params["c1"], c2=params["c2"], wuhai=wuhai,
                                 n=model["n"], rules_agreement=rules["agreement"],
                                 rules_leader_recall=rules["leader_recall"], model_agreement=model["agreement"],
                                 model_leader_recall=model["leader_recall"],
                                 model_leader_precision=model["leader_precision"], n_leader=model["n_leader"]))
                print(rows[-1], flush=True)
    frame = pd.DataFrame(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False, float_format="%.4f")
    print(frame.sort_values(["model_agreement", "model_leader_recall"], ascending=False).head(10).to_string())
    temporal = temporal_check(data)
    temporal.to_csv(out.with_name(out.stem + "_temporal.csv"), index=False, float_format="%.4f")
    print(temporal.sort_values(["model_agreement", "model_leader_recall"], ascending=False).head(10).to_string())
    return frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="run the cross-validation grid instead of training")
    parser.add_argument("--cv-out", type=Path, default=Path(__file__).parent / "results" / "move_model_cv.csv")
    parser.add_argument("--lopo", action="store_true",
                        help="leave-one-part-out over parts 1-7 and the temporal check parts 1-6 -> 7")
    parser.add_argument("--lopo-out", type=Path,
                        default=Path(__file__).parent / "results" / "move_model_lopo.csv")
    parser.add_argument("--lopo-quick", action="store_true",
                        help="leave-one-part-out over parts 1-9 for the six settings of QUICK_SETTINGS only")
    parser.add_argument("--lopo-quick-out", type=Path,
                        default=Path(__file__).parent / "results" / "move_model_lopo_quick.csv")
    parser.add_argument("--forward", action="store_true",
                        help="forward in time: CRF trained on parts < k against the rules of part k's first scoring")
    parser.add_argument("--forward-out", type=Path,
                        default=Path(__file__).parent / "results" / "move_model_forward.csv")
    parser.add_argument("--out", type=Path, default=mm.MODEL_PATH, help="where to write the model")
    parser.add_argument("--no-wuhai", action="store_true", help="leave the Wuhai report out of the training data")
    args = parser.parse_args(argv)
    if args.cv:
        run_cv(args.cv_out)
        return 0
    if args.lopo:
        run_lopo(args.lopo_out)
        return 0
    if args.lopo_quick:
        run_lopo_quick(args.lopo_quick_out)
        return 0
    if args.forward:
        run_forward(args.forward_out)
        return 0
    started = time.perf_counter()
    data = dev_data()
    sequences = [mm.training_sequence(m, c, g, mm.GROUPS) for _, (m, c, g) in sorted(data.items())]
    if not args.no_wuhai and mm.TRAIN_WUHAI:
        sequences.append(wuhai_sequence(mm.GROUPS))
    path = mm.train(sequences, args.out)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f"wrote {path} ({path.stat().st_size:,} bytes, sha256 {digest}) from {len(sequences)} sequences "
          f"in {time.perf_counter() - started:.0f} s with groups {mm.GROUPS}, {mm.CRF_PARAMS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
