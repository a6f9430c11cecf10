"""Notebook set-up and saving of figures and tables.

Every notebook's first code cell calls :func:`setup_notebook`, which sets
the Chinese font for matplotlib, fixed random seeds and pandas display
options, and creates ``reports/figures`` and ``reports/tables``.
"""

from __future__ import annotations

import logging
import random
import sys
from pathlib import Path

from . import fonts, paths
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = ["SEED", "setup_notebook", "save_figure", "save_table"]

#: The one random seed used everywhere (word-cloud layout, resampling).
SEED = 42


def setup_notebook(*, seed: int = SEED) -> Path:
    """Prepare a notebook session: font, seeds, display options, output folders.

    Args:
        seed: Seed for ``random`` and ``numpy.random``.

    Returns:
        The path of the Chinese font matplotlib now uses.
    """
    import matplotlib
    import numpy as np
    import pandas as pd

    font = fonts.configure_matplotlib()
    matplotlib.rcParams["figure.dpi"] = 110
    matplotlib.rcParams["savefig.dpi"] = 200
    matplotlib.rcParams["savefig.bbox"] = "tight"
    random.seed(seed)
    np.random.seed(seed)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 160)
    pd.set_option("display.unicode.east_asian_width", True)
    paths.ensure_output_dirs()
    _short_errors_in_ipython()
    return font


def _short_errors_in_ipython() -> None:
    """In a notebook, show a :class:`ReportError` as its one-line message, not a traceback.

    A ReportError is a user mistake (wrong path, empty file, no Chinese font)
    whose message already says what to do; other exceptions keep their
    tracebacks.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with jupyterlab
        return
    shell = get_ipython()
    if shell is None:
        return

    def show(shell, etype, value, tb, tb_offset=None):
        print(f"ReportError: {value}", file=sys.stderr)
        return None

    shell.set_custom_exc((ReportError,), show)


def save_figure(fig, name: str, *, dpi: int = 200) -> Path:
    """Save a matplotlib figure as ``reports/figures/<name>.png``.

    Written to a temporary file first and renamed, so a failure never
    leaves a half-written PNG.

    Returns:
        The path written.
    """
    paths.ensure_output_dirs()
    target = paths.FIGURES_DIR / f"{name}.png"
    partial = target.with_name(target.name + ".part")
    fig.savefig(partial, dpi=dpi, format="png", bbox_inches="tight")
    partial.replace(target)
    return target


def save_table(frame, name: str) -> Path:
    """Save a DataFrame as ``reports/tables/<name>.csv`` (UTF-8 with BOM, so Excel reads Chinese)."""
    paths.ensure_output_dirs()
    target = paths.TABLES_DIR / f"{name}.csv"
    partial = target.with_name(target.name + ".part")
    frame.to_csv(partial, index=False, encoding="utf-8-sig")
    partial.replace(target)
    return target
