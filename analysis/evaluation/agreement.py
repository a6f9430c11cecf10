"""Inter-annotator agreement: the first reader of the rhetoric parts against a second, blind reader.

The first reader's labels are the project's ``data/annotations/dev_heldout11_*.csv`` (part 11: moves, numbers,
quotations, war metaphors) and ``dev_heldout10_quotations.csv`` (part 10's quotations); the second reader's are
``data/annotations/second_reader/*.csv`` (same items and spans, labelled blind; protocol in that folder's README).
For each task the script prints raw agreement and Cohen's kappa of the two readers, the detectors' agreement
(today's defaults, :func:`analysis.evaluation.rhetoric.predictions`) with each reader and on the items where the two
readers agree, and a confusion table reader 1 × reader 2.  Part 11 was the held-out part when the second reader
labelled it; it has since been read for errors and trained on (rounds 11–12: the move CRF and the quotation-kind
model of the defaults learn from it), so the detector rows are now **in-sample**; the figures of the time it was
unseen are in ``data/annotations/second_reader/README.md``.

Run: ``python -m analysis.evaluation.agreement [--task moves|quotations_p10|quotations_p11|numbers|metaphors]
[--no-detectors]`` (markdown on stdout).  :func:`figures` gives the two readers' agreement (no detector run) to
``python -m analysis evaluate``, so a change to either reader's labels shows as a moved figure.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from .. import paths
from . import rhetoric as ev

SECOND = paths.ANNOTATIONS_DIR / "second_reader"
#: Task → (first reader's file, second reader's file, key columns).
PAIRS = {
    "moves": ("dev_heldout11_paragraph_moves.csv", "moves_p11.csv", ["item", "block"]),
    "quotations_p10": ("dev_heldout10_quotations.csv", "quotations_p10.csv", ["item", "block", "start", "end"]),
    "quotations_p11": ("dev_heldout11_quotations.csv", "quotations_p11.csv", ["item", "block", "start", "end"]),
    "numbers": ("dev_heldout11_numeric_claims.csv", "numbers_p11.csv", ["item", "block", "start", "end"]),
    "metaphors": ("dev_heldout11_war_metaphors.csv", "war_metaphors_p11.csv", ["item", "block", "start", "end"]),
}
NOT_MOVE = "NOT_MOVE"


def cohen_kappa(first, second) -> float:
    """Cohen's kappa of two readers' labels of the same items: (p_o − p_e) / (1 − p_e).

    ``p_o`` is the share of items given the same label, ``p_e`` the agreement expected by chance from each
    reader's label distribution. 1 when both readers give every item one and the same label (nothing to disagree on).

    >>> round(cohen_kappa(["a"] * 20 + ["a"] * 5 + ["b"] * 10 + ["b"] * 15,
    ...                   ["a"] * 20 + ["b"] * 5 + ["a"] * 10 + ["b"] * 15), 3)
    0.4
    """
    a, b = pd.Series(list(first), dtype=object), pd.Series(list(second), dtype=object)
    if len(a) != len(b) or not len(a):
        raise ValueError("cohen_kappa needs two equally long, non-empty label lists")
    observed = float((a.values == b.values).mean())
    pa, pb = a.value_counts(normalize=True), b.value_counts(normalize=True)
    expected = float(sum(pa.get(k, 0.0) * pb.get(k, 0.0) for k in set(pa.index) | set(pb.index)))
    return 1.0 if expected == 1.0 else (observed - expected) / (1.0 - expected)


def confusion(first, second) -> pd.DataFrame:
    """Counts of reader 1's label (rows) × reader 2's label (columns).

    >>> confusion(["x", "x", "y"], ["x", "y", "y"]).values.tolist()
    [[1, 1], [0, 1]]
    """
    table = pd.crosstab(pd.Series(list(first), name="reader 1"), pd.Series(list(second), name="reader 2"))
    return table.astype(int)


def _read(path) -> pd.DataFrame:
    frame = pd.read_csv(path, keep_default_na=False, dtype={"item": str})
    for column in ("block", "start", "end", "unit_start", "unit_end", "counted_start", "counted_end"):
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


def load_pair(task: str) -> pd.DataFrame:
    """Both readers' rows of one task joined on their keys (suffixes ``_1`` first reader, ``_2`` second).

    For war metaphors (hits, not items) the frame is the outer join of the two readers' spans, matched by overlap
    in the same block: columns ``item, block, start_1, end_1, start_2, end_2``.
    """
    first_file, second_file, keys = PAIRS[task]
    first, second = _read(paths.ANNOTATIONS_DIR / first_file), _read(SECOND / second_file)
    if task == "metaphors":
        return _match_spans(first, second)
    merged = first.merge(second, on=keys, how="outer", suffixes=("_1", "_2"), indicator=True)
    if (merged["_merge"] != "both").any():
        raise ValueError(f"{task}: the two readers' rows differ ({(merged['_merge'] != 'both').sum()} unmatched)")
    return merged.drop(columns="_merge")


def _match_spans(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    rows, used = [], set()
    for f in first.itertuples():
        match = next((s for s in second.itertuples() if s.Index not in used and s.item == f.item
                      and s.block == f.block and s.start < f.end and s.end > f.start), None)
        if match is not None:
            used.add(match.Index)
        rows.append(dict(item=f.item, block=int(f.block), start_1=int(f.start), end_1=int(f.end),
                         start_2=int(match.start) if match is not None else pd.NA,
                         end_2=int(match.end) if match is not None else pd.NA))
    for s in second.itertuples():
        if s.Index not in used:
            rows.append(dict(item=s.item, block=int(s.block), start_1=pd.NA, end_1=pd.NA,
                             start_2=int(s.start), end_2=int(s.end)))
    return pd.DataFrame(rows, columns=["item", "block", "start_1", "end_1", "start_2", "end_2"])


def _block(item: str, block: int, _cache: dict = {}) -> str:  # noqa: B006 - a per-process text cache
    if item not in _cache:
        text = ev.pd_article_text(item)
        _cache[item] = [text[s:e] for s, e in ev.block_spans(text)]
    return _cache[item][block]


def _move(label: str) -> str:
    return NOT_MOVE if label in ev.NOT_MOVES else label


def _span(block: str, start, end) -> str:
    return block[int(start):int(end)] if pd.notna(start) and pd.notna(end) else ""


def number_fields(pair: pd.DataFrame) -> pd.DataFrame:
    """Per numeric expression, each reader's kind, value+unit, counted thing; and whether the readers agree.

    Returns:
        DataFrame with columns ``item, block, start, end, kind_1, kind_2, value_unit_1, value_unit_2,
        counted_1, counted_2, kind_agree, value_unit_agree`` (both quantities) ``, counted_exact,
        counted_head`` (both ``count``; head: one ends with the other, as the project scores a detector).
    """
    rows = []
    for r in pair.itertuples():
        block = _block(r.item, int(r.block))
        vu = []
        for k in ("1", "2"):
            value = getattr(r, f"value_{k}")
            unit = _span(block, getattr(r, f"unit_start_{k}"), getattr(r, f"unit_end_{k}"))
            vu.append((round(float(value), 4), ev._unit(unit)) if str(value) != "" else None)
        counted = [_span(block, getattr(r, f"counted_start_{k}"), getattr(r, f"counted_end_{k}")) for k in "12"]
        quantities = r.kind_1 in ev.QUANTITY_KINDS and r.kind_2 in ev.QUANTITY_KINDS
        counts = r.kind_1 == "count" and r.kind_2 == "count"
        rows.append(dict(item=r.item, block=int(r.block), start=int(r.start), end=int(r.end),
                         kind_1=r.kind_1, kind_2=r.kind_2, value_unit_1=vu[0], value_unit_2=vu[1],
                         counted_1=counted[0], counted_2=counted[1], kind_agree=r.kind_1 == r.kind_2,
                         value_unit_agree=(vu[0] == vu[1]) if quantities else pd.NA,
                         counted_exact=(counted[0] == counted[1]) if counts else pd.NA,
                         counted_head=ev._head_match(*counted) if counts else pd.NA))
    return pd.DataFrame(rows)


def _rate(series) -> tuple[float, int]:
    series = pd.Series(series).dropna().astype(bool)
    return (float(series.mean()) if len(series) else float("nan")), int(len(series))


def detector_moves(pair: pd.DataFrame) -> pd.Series:
    """The rule detector's move of each block (``NONE`` when the loader made no paragraph there)."""
    out = []
    for r in pair.itertuples():
        moves = ev.predictions(r.item)["moves"].drop_duplicates("block").set_index("block")
        out.append(moves.loc[r.block, "move"] if r.block in moves.index else "NONE")
    return pd.Series(out, index=pair.index)


def detector_quotations(pair: pd.DataFrame) -> pd.Series:
    """The detector's kind of each quotation (``""`` when it found none starting there)."""
    out = []
    for r in pair.itertuples():
        quotes = ev.predictions(r.item)["quotations"]
        here = quotes[(quotes["block"] == r.block) & (quotes["offset"] == r.start)]
        out.append(here.iloc[0]["kind"] if len(here) else "")
    return pd.Series(out, index=pair.index)


def detector_numbers(fields: pd.DataFrame) -> pd.DataFrame:
    """The detector's claim at each expression scored against each reader, as ``numeric_table`` scores it.

    Returns:
        DataFrame with columns ``value_unit_ok_1, value_unit_ok_2`` (the reader says a quantity) ``,
        counted_ok_1, counted_ok_2`` (the reader says ``count``) ``, false_quantity_1, false_quantity_2``
        (the reader says a non-quantity and the detector reports a quantity).
    """
    rows = []
    for r in fields.itertuples():
        claims = ev.predictions(r.item)["numbers"]
        here = claims[(claims["block"] == r.block) & (claims["offset"] < r.end) & (claims["offset_end"] > r.start)]
        claim = here.iloc[0] if len(here) else None
        row = {}
        for k in "12":
            kind, vu, counted = getattr(r, f"kind_{k}"), getattr(r, f"value_unit_{k}"), getattr(r, f"counted_{k}")
            row[f"value_unit_ok_{k}"] = pd.NA
            row[f"counted_ok_{k}"] = pd.NA
            row[f"false_quantity_{k}"] = pd.NA
            if kind in ev.QUANTITY_KINDS:
                row[f"value_unit_ok_{k}"] = claim is not None and vu is not None and (
                    abs(float(claim["value"]) - vu[0]) <= 1e-6 * max(1.0, abs(vu[0]))
                    and ev._unit(str(claim["unit"])) == vu[1])
                if kind == "count":
                    row[f"counted_ok_{k}"] = claim is not None and ev._head_match(str(claim["counted"]), counted)
            else:
                row[f"false_quantity_{k}"] = claim is not None and claim["kind"] not in ("date", "indefinite")
        rows.append(row)
    return pd.DataFrame(rows, index=fields.index)


def detector_metaphor_hits(items) -> pd.DataFrame:
    """The war-metaphor detector's counted hits (``by_guideline``) in the body blocks of ``items``.

    Blocks 0 (title) and the blocks either reader of the moves calls a heading are left out, as in
    :func:`analysis.evaluation.rhetoric.metaphor_table`.
    """
    moves = ev.load_labels("moves")
    headings = set(zip(moves.loc[moves["move"] == "HEADING", "item"], moves.loc[moves["move"] == "HEADING", "block"]))
    rows = []
    for item in items:
        hits = ev.predictions(item)["metaphors"]
        hits = hits[hits["by_guideline"].astype(bool)]
        for h in hits.itertuples():
            if h.block >= 1 and (item, h.block) not in headings:
                rows.append(dict(item=item, block=int(h.block), start=int(h.offset), end=int(h.offset_end)))
    return pd.DataFrame(rows, columns=["item", "block", "start", "end"])


def precision_recall(reference: pd.DataFrame, other: pd.DataFrame) -> tuple[float, float, int, int]:
    """Precision and recall of ``other``'s spans against ``reference``'s (overlap in the same block, one-to-one).

    >>> ref = pd.DataFrame(dict(item=["a", "a"], block=[1, 1], start=[0, 5], end=[2, 7]))
    >>> oth = pd.DataFrame(dict(item=["a", "a"], block=[1, 2], start=[1, 0], end=[3, 2]))
    >>> precision_recall(ref, oth)
    (0.5, 0.5, 2, 2)
    """
    matched = _match_spans(reference, other)
    both = int((matched["start_1"].notna() & matched["start_2"].notna()).sum())
    n_ref, n_other = int(matched["start_1"].notna().sum()), int(matched["start_2"].notna().sum())
    return (both / n_other if n_other else float("nan")), (both / n_ref if n_ref else float("nan")), n_ref, n_other


def _pct(value: float) -> str:
    return "—" if value != value else f"{value:.3f}"


def _markdown(table: pd.DataFrame) -> str:
    header = "| reader 1 \\ reader 2 | " + " | ".join(map(str, table.columns)) + " |"
    lines = [header, "|" + "---|" * (len(table.columns) + 1)]
    lines += ["| " + str(i) + " | " + " | ".join(str(v) for v in row) + " |" for i, row in zip(table.index,
                                                                                             table.values)]
    return "\n".join(lines)


def report(task: str, detectors: bool = True) -> tuple[list[dict], str]:
    """Figures and the confusion table (markdown) of one task."""
    pair = load_pair(task)
    rows = []
    if task == "moves":
        first, second = pair["move_1"].map(_move), pair["move_2"].map(_move)
        keep = (first != NOT_MOVE) | (second != NOT_MOVE)
        first, second = first[keep], second[keep]
        agree = first == second
        rows.append(dict(task="moves (part 11)", measure="move", n=int(keep.sum()), raw=float(agree.mean()),
                         kappa=cohen_kappa(first, second)))
        sec_1 = pair.loc[keep, "secondary_move_1"].astype(str)
        sec_2 = pair.loc[keep, "secondary_move_2"].astype(str)
        rows.append(dict(task="moves (part 11)", measure="secondary move (empty counts)", n=int(keep.sum()),
                         raw=float((sec_1 == sec_2).mean()), kappa=cohen_kappa(sec_1, sec_2)))
        if detectors:
            predicted = detector_moves(pair)[keep]
            for name, mask in (("vs reader 1", first != NOT_MOVE), ("vs reader 2", second != NOT_MOVE),
                               ("where readers agree", agree & (first != NOT_MOVE))):
                gold = first if name != "vs reader 2" else second
                rows.append(dict(task="moves (part 11)", measure=f"detector {name}", n=int(mask.sum()),
                                 raw=float((predicted[mask] == gold[mask]).mean()), kappa=float("nan")))
        return rows, _markdown(confusion(first, second))
    if task.startswith("quotations"):
        first, second = pair["kind_1"], pair["kind_2"]
        agree = first == second
        label = f"quotations (part {task[-2:]})"
        rows.append(dict(task=label, measure="kind", n=len(pair), raw=float(agree.mean()),
                         kappa=cohen_kappa(first, second)))
        if detectors:
            predicted = detector_quotations(pair)
            for name, gold, mask in (("vs reader 1", first, agree | ~agree), ("vs reader 2", second, agree | ~agree),
                                     ("where readers agree", first, agree)):
                rows.append(dict(task=label, measure=f"detector {name}", n=int(mask.sum()),
                                 raw=float((predicted[mask] == gold[mask]).mean()), kappa=float("nan")))
        return rows, _markdown(confusion(first, second))
    if task == "numbers":
        fields = number_fields(pair)
        label = "numbers (part 11)"
        rows.append(dict(task=label, measure="kind", n=len(fields), raw=float(fields["kind_agree"].mean()),
                         kappa=cohen_kappa(fields["kind_1"], fields["kind_2"])))
        quantity_1 = fields["kind_1"].isin(ev.QUANTITY_KINDS)
        quantity_2 = fields["kind_2"].isin(ev.QUANTITY_KINDS)
        rows.append(dict(task=label, measure="quantity or not", n=len(fields),
                         raw=float((quantity_1 == quantity_2).mean()), kappa=cohen_kappa(quantity_1, quantity_2)))
        for measure, column in (("value+unit (both quantities)", "value_unit_agree"),
                                ("counted span exact (both count)", "counted_exact"),
                                ("counted head match (both count)", "counted_head")):
            raw, n = _rate(fields[column])
            rows.append(dict(task=label, measure=measure, n=n, raw=raw, kappa=float("nan")))
        if detectors:
            scored = detector_numbers(fields)
            agree_vu = fields["value_unit_agree"].fillna(False).astype(bool)
            agree_counted = fields["counted_exact"].fillna(False).astype(bool)
            for k in "12":
                for measure, column in (("value+unit", "value_unit_ok"), ("counted", "counted_ok"),
                                        ("non-quantity reported as quantity", "false_quantity")):
                    raw, n = _rate(scored[f"{column}_{k}"])
                    rows.append(dict(task=label, measure=f"detector {measure} vs reader {k}", n=n, raw=raw,
                                     kappa=float("nan")))
            for measure, column, mask in (("value+unit", "value_unit_ok_1", agree_vu),
                                          ("counted", "counted_ok_1", agree_counted)):
                raw, n = _rate(scored.loc[mask, column])
                rows.append(dict(task=label, measure=f"detector {measure} where readers agree", n=n, raw=raw,
                                 kappa=float("nan")))
        return rows, _markdown(confusion(fields["kind_1"], fields["kind_2"]))
    # war metaphors
    first = _read(paths.ANNOTATIONS_DIR / PAIRS[task][0])
    second = _read(SECOND / PAIRS[task][1])
    p, r, n1, n2 = precision_recall(first, second)
    label = "war metaphors (part 11, 43 items)"
    rows.append(dict(task=label, measure=f"reader 2 against reader 1 (hits {n1} / {n2})", n=n1 + n2,
                     raw=float("nan"), kappa=float("nan"), precision=p, recall=r))
    both = _match_spans(first, second)
    both = both[both["start_1"].notna() & both["start_2"].notna()]
    common = pd.DataFrame(dict(item=both["item"], block=both["block"], start=both["start_1"].astype(int),
                               end=both["end_1"].astype(int)))
    if detectors:
        hits = detector_metaphor_hits(ev.HELDOUT11_METAPHOR_ITEMS)
        for name, reference in (("vs reader 1", first), ("vs reader 2", second), ("vs hits both marked", common)):
            p, r, n_ref, n_hits = precision_recall(reference, hits)
            rows.append(dict(task=label, measure=f"detector {name} ({n_ref} hits; {n_hits} found)", n=n_ref,
                             raw=float("nan"), kappa=float("nan"), precision=p, recall=r))
    matched = _match_spans(first, second)
    one, two = matched["start_1"].notna(), matched["start_2"].notna()
    table = pd.DataFrame({"marked by reader 2": [int((one & two).sum()), int((~one & two).sum())],
                          "not marked by reader 2": [int((one & ~two).sum()), 0]},
                         index=["marked by reader 1", "not marked by reader 1"])
    return rows, _markdown(table)


def figures_markdown(rows: list[dict]) -> str:
    """The figures as one markdown table."""
    lines = ["| task | measure | n | raw agreement | Cohen's kappa | precision | recall |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['task']} | {r['measure']} | {r['n']} | {_pct(r['raw'])} | {_pct(r['kappa'])} | "
                     f"{_pct(r.get('precision', float('nan')))} | {_pct(r.get('recall', float('nan')))} |")
    return "\n".join(lines)


#: Reader-against-reader figures quoted by :func:`figures`: (task, measure, column) → (metric, label).
_QUOTED = {
    ("moves", "move", "kappa"): ("moves_kappa", "second reader: moves, Cohen's kappa (part 11)"),
    ("quotations_p10", "kind", "kappa"): ("quotations_p10_kappa", "second reader: quotation kinds, kappa (part 10)"),
    ("quotations_p11", "kind", "kappa"): ("quotations_p11_kappa", "second reader: quotation kinds, kappa (part 11)"),
    ("numbers", "kind", "kappa"): ("numbers_kind_kappa", "second reader: numeric kinds, kappa (part 11)"),
    ("numbers", "value+unit (both quantities)", "raw"): ("numbers_value_unit", "second reader: value and unit agree (part 11)"),
    ("numbers", "counted span exact (both count)", "raw"): ("numbers_counted", "second reader: counted thing agrees (part 11)"),
    ("metaphors", None, "precision"): ("metaphors_precision", "second reader: war-metaphor hits, precision against reader 1 (part 11)"),
    ("metaphors", None, "recall"): ("metaphors_recall", "second reader: war-metaphor hits, recall against reader 1 (part 11)"),
}
#: The values measured on 2026-12-02 (``python -m analysis.evaluation.agreement --no-detectors``).
_MEASURED = {"moves_kappa": 0.937, "quotations_p10_kappa": 0.960, "quotations_p11_kappa": 0.934,
             "numbers_kind_kappa": 0.971, "numbers_value_unit": 1.000, "numbers_counted": 0.985,
             "metaphors_precision": 0.667, "metaphors_recall": 1.000}


def figures(quick: bool) -> list[dict]:
    """Figure rows for :mod:`analysis.evaluation`: the two readers' agreement (labels only, a second or so).

    Both readers follow the same written guidelines; a figure that moves means one reader's labels changed.
    Not a goal of the issue: the ceiling against which the detectors' figures on part 11 are read.
    """
    rows = []
    found = {}
    for task in ("moves", "quotations_p10", "quotations_p11", "numbers", "metaphors"):
        for row in report(task, detectors=False)[0]:
            for (t, measure, column), name in _QUOTED.items():
                if t == task and (measure is None or row["measure"] == measure) and column in row:
                    found[name] = (row[column], row["n"])
    for metric, label in _QUOTED.values():
        value, n = found[(metric, label)]
        rows.append(dict(metric=f"agreement.{metric}", label=label, value=float(value), target=_MEASURED[metric],
                         tolerance=0.01, higher=None,
                         sample=f"a blind second reader against the project's labels, n = {n} (both readers helpers "
                                "of this project following the same guidelines)",
                         command="python -m analysis.evaluation.agreement --no-detectors"))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=list(PAIRS), action="append")
    parser.add_argument("--no-detectors", action="store_true", help="only the two readers")
    args = parser.parse_args(argv)
    rows, tables = [], []
    for task in args.task or list(PAIRS):
        figures, table = report(task, detectors=not args.no_detectors)
        rows += figures
        tables.append(f"**{task}: reader 1 (rows) × reader 2 (columns)**\n\n{table}")
    print(figures_markdown(rows))
    print()
    print("\n\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
