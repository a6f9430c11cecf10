"""The loader's repairs: the evidence behind them and views of the repair log.

* :mod:`analysis.repairs.views` — summaries, raw-versus-repaired tables and
  highlighted HTML of ``Report.repairs``.
* :mod:`analysis.repairs.doubling` — whether a string doubled across a
  column break is an OCR artefact (evidence from real text).
"""

from __future__ import annotations

from .views import KIND_DESCRIPTIONS, part_counts, repair_summary, repairs_html, side_by_side

__all__ = ["repair_summary", "side_by_side", "repairs_html", "part_counts", "KIND_DESCRIPTIONS"]
