"""The loader's repairs: the steps, their offsets, the evidence behind them, and views of the repair log.

* :mod:`analysis.repairs.steps` — each paragraph repair as a small function
  ``Paragraph -> Paragraph`` (column-break join, dateline, inner spaces,
  punctuation, lost quotation marks, orphan attributions, invisible
  characters), composed by :func:`~analysis.repairs.steps.make_pipeline`;
  :func:`analysis.loading.load_report` runs them by name (``repairs=[...]``).
* :mod:`analysis.repairs.offsets` — run-length maps from repaired text back
  to raw offsets (:class:`~analysis.repairs.offsets.Offsets`, and one
  :class:`~analysis.repairs.offsets.OffsetTable` per report).
* :mod:`analysis.repairs.views` — summaries, raw-versus-repaired tables and
  highlighted HTML of ``Report.repairs``.
* :mod:`analysis.repairs.doubling` — whether a string doubled across a
  column break is an OCR artefact (evidence from real text).
* :mod:`analysis.repairs.layout` — a fixed column width and a paragraph
  indent, decided per document, as evidence on paragraph ends and doublings.
* :mod:`analysis.repairs.continuation` — whether a paragraph goes on after a
  sentence end at a column break (evidence of the genre, learned at run time).
"""

from __future__ import annotations

from .views import KIND_DESCRIPTIONS, part_counts, repair_summary, repairs_html, side_by_side

__all__ = ["repair_summary", "side_by_side", "repairs_html", "part_counts", "KIND_DESCRIPTIONS"]
