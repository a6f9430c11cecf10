"""Figures of the bundled report that the README quotes and no other module gives.

All measured on ``data/raw/wuhai_report.txt`` with the functions notebooks 01
and 05 call:

* what the loader finds and repairs (paragraphs, sentences, captions, repairs
  by kind, unaccounted characters): counts that must not change unless a
  change of the loader is explained;
* Cohen's kappa of the paragraph moves of :func:`analysis.rhetoric.paragraph_moves`
  against the hand labels (``data/annotations/paragraph_moves.csv``; the
  agreement itself is :mod:`analysis.evaluation.rhetoric`'s): in-sample, the
  rules were written after reading the report;
* war-metaphor density (:func:`analysis.rhetoric.metaphor_density`), all
  lexicon entries and ``clear`` entries only: a description, not a score, so
  it must stay within its tolerance either way;
* the number of numeric claims (:func:`analysis.rhetoric.numeric_claims`): a
  regression count (the report has no gold for them).

A module of this package that gives the same metric first (e.g. the
loader's or the rhetoric module's own) wins: :func:`analysis.evaluation.collect`
keeps the first row of each metric.  ``quick`` changes nothing (about a second).
"""

from __future__ import annotations

from .. import rhetoric
from ..loading import load_report
from ..tokenize import default_tokenizer

COMMAND = "python -m analysis evaluate --only bundled"
SAMPLE = "bundled report data/raw/wuhai_report.txt"

#: (metric, label, quoted count) of the loader on the bundled report.
_LOADER_COUNTS = [
    ("paragraphs", "paragraphs", 19),
    ("sentences", "sentences", 43),
    ("captions", "captions set aside", 5),
    ("sidebars", "sidebars set aside", 1),
    ("column_break_join", "column-break joins", 8),
    ("duplicate_at_join", "duplicates dropped at a join", 1),
    ("lost_quotation", "inserted quotation marks", 4),
    ("orphan_attribution", "orphan attributions set aside", 1),
    ("unaccounted", "unaccounted raw characters", 0),
]


def figures(quick: bool = False) -> list[dict]:
    """Loader counts, move agreement, war-metaphor density and numeric claims of the bundled report.

    Returns:
        Figure rows (see :mod:`analysis.evaluation`).
    """
    report = load_report()
    tokenizer = default_tokenizer(report)  # Tokenizer.for_report, as in the notebooks
    repairs = report.repairs["kind"].value_counts()
    captions = report.captions["kind"].value_counts()
    found = {
        "paragraphs": len(report.paragraphs), "sentences": len(report.sentences),
        "captions": captions.get("caption", 0), "sidebars": captions.get("sidebar", 0),
        "unaccounted": len(report.unaccounted()),
        **{kind: repairs.get(kind, 0) for kind in ("column_break_join", "duplicate_at_join", "lost_quotation",
                                                   "orphan_attribution")},
    }
    rows = [
        {"metric": f"loader.bundled.{key}", "label": f"loader: {label}", "value": float(found[key]), "target": target,
         "tolerance": 0, "higher": None, "digits": 0, "sample": SAMPLE,
         "command": COMMAND}
        for key, label, target in _LOADER_COUNTS
    ]

    moves = rhetoric.paragraph_moves(report, tokenizer=tokenizer)
    agreement = rhetoric.move_agreement(moves, rhetoric.load_move_annotations()).iloc[0]
    in_sample = f"{int(agreement['n'])} hand-labelled paragraphs of the bundled report (in-sample: rules written after reading it)"
    rows.append({
        "metric": "rhetoric.bundled.moves.kappa", "label": "paragraph moves: Cohen's kappa, rules vs hand labels",
        "value": float(agreement["kappa"]), "target": 1.0, "tolerance": 0, "higher": True,
        "sample": in_sample, "command": COMMAND,
    })

    hits = rhetoric.war_metaphors(report, tokenizer=tokenizer)
    # 50.8 and 32.5 before the lexicon grew from the CCTV dev set (d58e9b8: 最前沿, 坚守岗位 … one more body hit)
    for clear_only, target, suffix, label in ((False, 51.8, "", "all entries"), (True, 33.5, "_clear", "clear entries")):
        density = rhetoric.metaphor_density(
            report, hits=None if clear_only else hits, tokenizer=tokenizer, clear_only=clear_only
        )
        body = density[(density["category"] == "all") & (density["section_title"] == "全文")].iloc[0]
        rows.append({
            "metric": f"rhetoric.bundled.war_metaphor_per_1000{suffix}",
            "label": f"war-metaphor hits per 1,000 words of the body, {label}",
            "value": float(body["per_1000"]), "target": target, "tolerance": 1.0, "higher": None, "digits": 1,
            "sample": f"{SAMPLE}, body ({int(body['n_tokens'])} words)", "command": COMMAND,
        })

    claims = rhetoric.numeric_claims(report, tokenizer=tokenizer)
    rows.append({
        "metric": "rhetoric.bundled.numeric_claims", "label": "numeric claims found (regression count, no gold)",
        "value": float(len(claims)), "target": 32, "tolerance": 0, "higher": None, "digits": 0,
        "sample": SAMPLE, "command": COMMAND,
    })
    return rows
