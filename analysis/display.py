"""Notebook set-up, inputs, and saving of figures and tables.

Every notebook starts with its parameters cell (``REPORT_PATH``,
``USER_DICT``; see :mod:`analysis.notebook_runner`), then calls
:func:`setup_notebook`, which sets the Chinese font for matplotlib, fixed
random seeds and pandas display options (Chinese text left-aligned in
tables), and creates ``reports/figures`` and ``reports/tables``; it shows
nothing.  :func:`notebook_inputs` turns the parameters into a report and its
tokenizer; :func:`hand_labelled` guards the cells that compare with the hand
labels of the bundled report.
"""

from __future__ import annotations

import functools
import itertools
import logging
import random
import sys
from pathlib import Path
from typing import NamedTuple

from . import fonts, paths
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "SEED", "NotebookInputs", "setup_notebook", "notebook_inputs", "is_bundled_report", "hand_labelled",
    "table_html", "save_figure", "save_table",
]

#: The one random seed used everywhere (word-cloud layout, resampling).
SEED = 42


def setup_notebook(*, seed: int = SEED) -> None:
    """Prepare a notebook session: font, seeds, display options, output folders.

    Quiet: it returns nothing, so a notebook's first output is its first
    result (the font in use is :func:`analysis.fonts.find_cjk_font`).

    Args:
        seed: Seed for ``random`` and ``numpy.random``.
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
    _left_aligned_tables_in_ipython()
    LOGGER.info("matplotlib draws Chinese with %s", font)


class NotebookInputs(NamedTuple):
    """What a notebook analyses: the report and the tokenizer made for it."""

    report: object
    tokenizer: object


def notebook_inputs(report_path: str | Path | None = None, user_dict: str | Path | None = None) -> NotebookInputs:
    """The report and tokenizer of a notebook, from its parameters cell.

    Args:
        report_path: ``REPORT_PATH``: a report's text file, or ``None`` for
            the bundled Wuhai report.
        user_dict: ``USER_DICT``: a jieba user dictionary, or ``None`` for
            the default of :class:`analysis.Tokenizer` (``for_report`` where
            it exists).

    Returns:
        ``(report, tokenizer)``.

    Raises:
        ReportError: The file or the dictionary cannot be used.

    >>> report, tokenizer = notebook_inputs()
    >>> report.authors
    ['于海东', '郝颀']
    """
    from .notebook_runner import shared_inputs  # made once per `make report` run, shared by its notebooks

    return shared_inputs(report_path, user_dict, lambda: _notebook_inputs(report_path, user_dict))


def _notebook_inputs(report_path, user_dict) -> NotebookInputs:
    from .loading import load_report
    from .tokenize import Tokenizer

    report = load_report(report_path) if report_path is not None else load_report()
    for_report = getattr(Tokenizer, "for_report", None)
    if for_report is not None:
        tokenizer = for_report(report, user_dict=user_dict)
    else:
        tokenizer = Tokenizer(user_dict=user_dict)
    return NotebookInputs(report, tokenizer)


@functools.lru_cache(maxsize=1)
def _bundled_raw() -> str:
    from .loading import read_text

    return read_text(paths.DEFAULT_REPORT)[0]


def is_bundled_report(report) -> bool:
    """True if ``report`` is the bundled Wuhai report (same text, wherever the file lives).

    >>> from analysis import load_report, parse_report
    >>> is_bundled_report(load_report()), is_bundled_report(parse_report("标题\\n\\n正文写的是防控工作。"))
    (True, False)
    """
    return report.raw == _bundled_raw()


def hand_labelled(report, what: str = "hand labels") -> bool:
    """Whether a comparison with the bundled report's hand labels applies; if not, say so in one line.

    Args:
        report: The notebook's report.
        what: What the comparison uses, for the message.

    Returns:
        True for the bundled report; otherwise False, after printing why
        the cell is skipped.

    >>> from analysis import parse_report
    >>> hand_labelled(parse_report("标题\\n\\n正文写的是防控工作。"), "sentiment labels")
    skipped: the sentiment labels are of the bundled Wuhai report; this cell compares with them only for that report
    False
    """
    if is_bundled_report(report):
        return True
    print(f"skipped: the {what} are of the bundled Wuhai report; this cell compares with them only for that report")
    return False


_TABLE_NUMBERS = itertools.count(1)


def table_html(frame) -> str:
    """A DataFrame as notebook HTML with its text columns left-aligned.

    Numbers stay right-aligned; columns of text (object or string dtype)
    and a text index are left-aligned, which is how Chinese is read.  The
    table respects pandas' ``display.max_rows`` and ``display.max_columns``.

    Returns:
        ``<style>`` for this table, then pandas' own HTML of it.
    """
    import pandas as pd

    number = next(_TABLE_NUMBERS)
    css_class = f"analysis-table-{number}"
    max_rows = pd.get_option("display.max_rows")
    if max_rows and len(frame) > max_rows:  # as pandas' own repr: a long table shows min_rows rows
        max_rows = pd.get_option("display.min_rows") or max_rows
    body = frame.to_html(
        max_rows=max_rows, max_cols=pd.get_option("display.max_columns"),
        show_dimensions=pd.get_option("display.show_dimensions"), notebook=True, classes=css_class, border=1,
    )
    text_columns = [i for i, dtype in enumerate(frame.dtypes) if not pd.api.types.is_numeric_dtype(dtype)
                    and not pd.api.types.is_bool_dtype(dtype)]
    rules = []
    max_cols = pd.get_option("display.max_columns")
    if frame.index.nlevels == 1 and frame.columns.nlevels == 1 and not (max_cols and frame.shape[1] > max_cols):
        rules += [f".{css_class} {part}:nth-child({i + 2})" for i in text_columns for part in ("tbody td", "thead th")]
        if not pd.api.types.is_numeric_dtype(frame.index.dtype):
            rules.append(f".{css_class} tbody th")
    elif text_columns:
        rules.append(f".{css_class} tbody td")
    style = f"<style>{', '.join(rules)} {{text-align: left;}}</style>\n" if rules else ""
    return style + body


def _ipython_shell():
    """The running IPython shell, or ``None`` outside a notebook (or without IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with jupyterlab
        return None
    return get_ipython()


def _left_aligned_tables_in_ipython() -> None:
    """In a notebook, show every DataFrame through :func:`table_html`."""
    shell = _ipython_shell()
    if shell is None:
        return
    import pandas as pd

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


def _short_errors_in_ipython() -> None:
    """In a notebook, show a :class:`ReportError` as its one-line message, not a traceback.

    A ReportError is a user mistake (wrong path, empty file, no Chinese font)
    whose message already says what to do; other exceptions keep their
    tracebacks.
    """
    shell = _ipython_shell()
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
    from .outputs import safe_frame  # no cell starts a spreadsheet formula

    safe_frame(frame).to_csv(partial, index=False, encoding="utf-8-sig")
    partial.replace(target)
    return target
