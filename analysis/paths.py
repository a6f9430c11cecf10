"""Where the project's files live, defined once.

Every other module and every notebook asks this module for paths instead of
writing ``'../data/x.txt'`` strings, so the code works from any working
directory (cookiecutter-data-science convention).
"""

from __future__ import annotations

import os
from pathlib import Path

#: Root of the project checkout (the folder holding ``pyproject.toml``).
PROJ_ROOT = Path(__file__).resolve().parents[1]
#: Data shipped with the project: raw input, dictionaries, lexicons, annotations.
DATA_DIR = PROJ_ROOT / "data"
#: The immutable original of the report, byte-for-byte as received.
RAW_DIR = DATA_DIR / "raw"
DEFAULT_REPORT = RAW_DIR / "wuhai_report.txt"
DICTIONARIES_DIR = DATA_DIR / "dictionaries"
STOPWORDS_DIR = DATA_DIR / "stopwords"
LEXICONS_DIR = DATA_DIR / "lexicons"
ANNOTATIONS_DIR = DATA_DIR / "annotations"
#: Generated outputs (git-ignored). ``ANALYSIS_REPORTS_DIR`` overrides it.
REPORTS_DIR = Path(os.environ.get("ANALYSIS_REPORTS_DIR", PROJ_ROOT / "reports"))
FIGURES_DIR = REPORTS_DIR / "figures"
TABLES_DIR = REPORTS_DIR / "tables"


def ensure_output_dirs() -> None:
    """Create ``reports/figures`` and ``reports/tables`` if they are missing."""
    FIGURES_DIR.mkdir(parents=True, exist_ok=True)
    TABLES_DIR.mkdir(parents=True, exist_ok=True)
