"""Sentiment figures against the hand labels (``data/annotations/sentiment_labels.csv``).

Computed with the functions notebook 03 calls: :func:`analysis.sentiment.sentence_polarity`,
:func:`~analysis.sentiment.validation_table` and
:func:`~analysis.sentiment.leave_one_paragraph_out`.  The recommended method is
:data:`analysis.sentiment.RECOMMENDED` (lexicon with negation, degree words, the
domain list and the guideline's rules); its domain adjustments were written after
reading the report, so its plain figure is in-sample and the
leave-one-paragraph-out figure is the honest estimate.  SnowNLP is the baseline
(trained on product reviews, nothing tuned).  ``quick`` changes nothing (a few
seconds, mostly SnowNLP).
"""

from __future__ import annotations

from .. import sentiment
from ..loading import load_report
from ..tokenize import default_tokenizer

COMMAND = "python -m analysis evaluate --only sentiment"


def figures(quick: bool = False) -> list[dict]:
    """Macro-F1 of SnowNLP and of the recommended method, in-sample and LOPO.

    Returns:
        Figure rows (see :mod:`analysis.evaluation`).
    """
    report = load_report()
    tokenizer = default_tokenizer(report)  # Tokenizer.for_report, as in the notebooks
    labels = sentiment.load_sentiment_labels(sentences=report.sentences)
    scored = sentiment.sentence_polarity(report.sentences, tokenizer=tokenizer)
    table = sentiment.validation_table(
        scored, labels, methods={"SnowNLP": "snownlp_label", "recommended": sentiment.RECOMMENDED}
    ).set_index("method")
    lopo = sentiment.leave_one_paragraph_out(report, labels, tokenizer=tokenizer)
    held = sentiment.agreement(lopo["gold"], lopo[sentiment.RECOMMENDED])
    n = len(labels)
    sample = f"{n} hand-labelled sentences of the bundled report"

    def row(metric, label, value, target, tolerance, higher, where):
        return {"metric": f"sentiment.{metric}", "label": label, "value": float(value), "target": target,
                "tolerance": tolerance, "higher": higher, "sample": where, "command": COMMAND}

    snow, best = table.loc["SnowNLP"], table.loc["recommended"]
    return [
        row("snownlp.macro_f1", "macro-F1, SnowNLP (baseline)", snow["macro_f1"], 0.315, 0.001, None, sample),
        row("snownlp.accuracy", "accuracy, SnowNLP (baseline)", snow["accuracy"], 0.395, 0.001, None, sample),
        row("recommended.macro_f1", "macro-F1, recommended lexicon method", best["macro_f1"], 0.751, 0.005, True,
            sample + " (in-sample: domain list written after reading them)"),
        row("recommended.macro_f1_lopo", "macro-F1, recommended method, leave-one-paragraph-out",
            held["macro_f1"], 0.683, 0.005, True, sample + ", each paragraph scored without its own adjustments"),
        row("recommended.macro_f1_with_neg", "macro-F1 with the never-gold neg class averaged in",
            best["macro_f1_with_predicted"], 0.501, 0.005, True, sample + " (in-sample)"),
    ]
