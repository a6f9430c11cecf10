"""Open analysis of a Chinese political news report.

Load, repair, structure and tokenize an OCR'd Chinese news report, then
study its vocabulary, sentiment, word clouds and rhetoric.

>>> from analysis import load_report
>>> load_report().authors
['于海东', '郝颀']
"""

from __future__ import annotations

import logging

from .errors import ReportError
from .loading import Report, load_report, parse_report, read_text
from .tokenize import Tokenizer
from .display import setup_notebook, save_figure, save_table

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Report", "ReportError", "Tokenizer", "load_report", "parse_report", "read_text",
    "setup_notebook", "save_figure", "save_table",
]
__version__ = "0.1.0"
