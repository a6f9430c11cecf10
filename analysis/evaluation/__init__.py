"""Every validation figure the project quotes, recomputed by one command.

``python -m analysis evaluate [--quick]`` (and ``make evaluate``) calls
:func:`evaluate`, writes ``reports/evaluation.csv`` and prints a table; the
README's figures table is the ``--markdown`` output, and
``tests/test_evaluation.py`` asserts every figure within its tolerance, so a
change that makes a number worse fails CI.

Plug-in convention
------------------
Each module of this package that measures something exposes::

    def figures(quick: bool) -> list[dict]: ...

returning one row per figure with the keys of :data:`COLUMNS`:

``metric``
    Stable identifier, e.g. ``"sentiment.recommended.macro_f1"`` (``area.what.measure``).
``value``
    The figure just computed (a float; a count is a float too).
``target``
    The figure the project quotes (README / docs); the row fails when
    ``value`` falls more than ``tolerance`` below it (or, when ``higher`` is
    ``False``, rises more than ``tolerance`` above it).
``tolerance``
    How far ``value`` may drift from ``target`` in the bad direction.
``sample``
    What it was measured on, e.g. ``"PD 1998 held-out, 9,620 paragraphs"``;
    say ``in-sample`` where the method was tuned on the same data.
``command``
    The shell command that reproduces the figure.
``higher`` (optional, default ``True``)
    Whether a larger value is better.  Use ``None`` for a figure that must
    stay within ``tolerance`` of ``target`` either way (a count, a density,
    a baseline such as plain jieba or SnowNLP).
``label`` (optional, default ``metric``)
    A short human description, shown in the printed table and the README.
``digits`` (optional, default 3)
    Decimals shown in the table and the README (0 for a count).
``goal`` (optional)
    A target the project aims at but does not yet reach (e.g. an issue's
    "F1 ≥ 0.90"): shown beside the figure, never checked.  ``target`` and
    ``tolerance`` guard what has been reached, so CI fails on a regression,
    not on work still to do.

``quick=True`` must keep the module's figures cheap (seconds, not minutes):
sample or skip the expensive corpora and say so in ``sample``; the test suite
runs the quick mode.  The modules are the package's own, named in
:data:`MODULES` and imported by name (a missing one is an ``ImportError``,
a module that raises is an error); when two modules give the same metric the
first one's row is kept (a warning is logged).

A module may also expose ``tables(frame) -> dict[str, str]``: markdown
tables built from the evaluated figures (title → table), printed by
``python -m analysis evaluate --tables`` (e.g. the entity engines side by
side, :func:`analysis.evaluation.entities.tables`).

The README's figures table sits between ``<!-- evaluation:start -->`` and
``<!-- evaluation:end -->`` and is the output of
``python -m analysis evaluate --markdown``; :func:`readme_mismatches` compares
it with fresh figures (``tests/test_evaluation.py`` runs it).

>>> passed({"value": 0.74, "target": 0.751, "tolerance": 0.005, "higher": True})
False
>>> passed({"value": 19, "target": 19, "tolerance": 0, "higher": None})
True
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import math
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .. import paths

LOGGER = logging.getLogger(__name__)

__all__ = ["MODULES", "COLUMNS", "available_modules", "collect", "evaluate", "passed", "table_text",
           "markdown", "extra_tables", "write_csv", "readme_block", "readme_mismatches"]

#: The modules :func:`collect` asks for figures, in report order (the first row of a metric wins).
MODULES = ("loader", "segmentation", "entities", "sentiment", "rhetoric", "agreement", "bundled")

#: Keys of a figure row (``label``, ``higher``, ``digits`` and ``goal`` are optional in a module's rows).
COLUMNS = ("metric", "label", "value", "target", "tolerance", "higher", "digits", "goal", "sample", "command")
_REQUIRED = ("metric", "value", "target", "tolerance", "sample", "command")

README_START = "<!-- evaluation:start -->"
README_END = "<!-- evaluation:end -->"


def available_modules(names: Iterable[str] = MODULES) -> list[str]:
    """The plug-in modules' names (each one must exist: they are the package's own).

    Raises:
        ImportError: A name is not a module of this package.

    >>> available_modules()[:2]
    ['loader', 'segmentation']
    """
    names = list(names)
    missing = [name for name in names if importlib.util.find_spec(f"{__name__}.{name}") is None]
    if missing:
        raise ImportError(f"no evaluation module {', '.join(missing)} in {__name__}")
    return names


def collect(quick: bool = False, modules: Iterable[str] | None = None) -> list[dict]:
    """Figure rows from every plug-in module, with ``module`` and the keys of :data:`COLUMNS`.

    Args:
        quick: Ask each module for its cheap variant (the test suite's).
        modules: Only these plug-in modules (default :data:`MODULES`).

    Raises:
        ValueError: A module's row lacks a required key.
    """
    rows: list[dict] = []
    seen: dict[str, str] = {}
    for name in available_modules(MODULES if modules is None else modules):
        module = importlib.import_module(f"{__name__}.{name}")
        for row in module.figures(quick):
            missing = [key for key in _REQUIRED if key not in row]
            if missing:
                raise ValueError(f"{name}.figures() row {row.get('metric')!r} lacks {missing}")
            if row["metric"] in seen:
                LOGGER.warning("%s: metric %s already given by %s; kept the first", name, row["metric"], seen[row["metric"]])
                continue
            seen[row["metric"]] = name
            row = {"label": row["metric"], "higher": True, "digits": 3, "goal": None, **row}
            rows.append({"module": name, **{key: row[key] for key in COLUMNS}})
    return rows


def passed(row: dict) -> bool:
    """Whether a figure is within its tolerance of its target (in the bad direction only, if it has one)."""
    value, target, tolerance = float(row["value"]), float(row["target"]), float(row["tolerance"])
    if math.isnan(value):
        return False
    slack = 1e-9
    if row.get("higher") is None:
        return abs(value - target) <= tolerance + slack
    if row["higher"]:
        return value >= target - tolerance - slack
    return value <= target + tolerance + slack


def evaluate(quick: bool = False, modules: Iterable[str] | None = None) -> pd.DataFrame:
    """Every figure, with whether it passed.

    Returns:
        DataFrame with columns ``module`` (the plug-in that gave the row),
        those of :data:`COLUMNS`, and ``passed`` (bool).
    """
    frame = pd.DataFrame(collect(quick, modules), columns=["module", *COLUMNS])
    frame["passed"] = [passed(row) for row in frame.to_dict("records")]
    return frame


def extra_tables(frame: pd.DataFrame) -> dict[str, str]:
    """The markdown tables of the modules of ``frame`` that expose ``tables(frame)`` (title → table)."""
    out: dict[str, str] = {}
    for name in dict.fromkeys(frame["module"]):
        module = importlib.import_module(f"{__name__}.{name}")
        if hasattr(module, "tables"):
            out.update(module.tables(frame[frame["module"] == name]))
    return out


def _fmt(value: float, digits: int) -> str:
    text = f"{float(value):.{int(digits)}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # no "-0.000"


def _bound(row: dict) -> str:
    target, tolerance, digits = row["target"], row["tolerance"], int(row["digits"])
    if row["higher"] is None:
        return _fmt(target, digits) + (f" ± {float(tolerance):g}" if float(tolerance) else "")
    sign = "≥" if row["higher"] else "≤"
    limit = float(target) - float(tolerance) if row["higher"] else float(target) + float(tolerance)
    return f"{sign} {_fmt(limit, max(digits, 3) if float(tolerance) else digits)}"


def _goal(row: dict) -> str:
    goal = row.get("goal")
    if goal is None or (isinstance(goal, float) and math.isnan(goal)):
        return ""
    if isinstance(goal, str):
        return goal
    sign = {True: "≥ ", False: "≤ "}.get(row["higher"], "")
    return sign + _fmt(goal, row["digits"])


def table_text(frame: pd.DataFrame) -> str:
    """A plain-text table for the terminal: metric, value, bound, ok, goal, sample."""
    records = frame.to_dict("records")
    lines = [(r["metric"], _fmt(r["value"], r["digits"]), _bound(r), "ok" if r["passed"] else "FAIL", _goal(r),
              r["sample"]) for r in records]
    header = ("metric", "value", "bound", "", "goal", "sample")
    widths = [max(len(str(x[i])) for x in [header, *lines]) for i in range(5)]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(header[:5], widths)) + "  " + header[5]]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(line[:5], widths)) + "  " + line[5] for line in lines]
    failed = int((~frame["passed"]).sum())
    out.append(f"{len(frame) - failed} passed, {failed} failed")
    return "\n".join(out)


def markdown(frame: pd.DataFrame) -> str:
    """The README's figures table (between the evaluation markers), one row per figure."""
    lines = ["| figure | value | checked | goal | measured on | metric |", "|---|---|---|---|---|---|"]
    for r in frame.to_dict("records"):
        cells = [r["label"], _fmt(r["value"], r["digits"]), _bound(r), _goal(r), r["sample"], f"`{r['metric']}`"]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def write_csv(frame: pd.DataFrame, path: str | Path | None = None) -> Path:
    """Write the figures to ``reports/evaluation.csv`` (or ``path``); return the path."""
    path = Path(path) if path is not None else paths.REPORTS_DIR / "evaluation.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8")
    return path


def readme_block(text: str | None = None) -> str | None:
    """The text between the evaluation markers of README.md, or ``None`` if they are absent."""
    text = (paths.PROJ_ROOT / "README.md").read_text(encoding="utf-8") if text is None else text
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return None
    return text[start + len(README_START):end].strip()


_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")


def _readme_rows(block: str) -> dict[str, dict[str, str]]:
    rows = {}
    for line in block.splitlines():
        match = _ROW.match(line.strip())
        if not match:
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", match.group("cells"))]
        if len(cells) < 4 or not (cells[-1].startswith("`") and cells[-1].endswith("`")):
            continue
        rows[cells[-1].strip("`")] = {"value": cells[1], "sample": cells[-2].replace("\\|", "|")}
    return rows


def readme_mismatches(frame: pd.DataFrame, block: str, *, strict: bool = True) -> list[str]:
    """Differences between the README's figures table and freshly computed figures.

    Args:
        frame: Output of :func:`evaluate`.
        block: Output of :func:`readme_block`.
        strict: Also report figures computed but missing from the README.
            A README row whose ``measured on`` differs from the fresh row's
            (e.g. a quick run measured on a sample) is not compared.

    Returns:
        One line per difference; empty when the README is up to date.

    >>> f = evaluate(modules=[])
    >>> readme_mismatches(f, "| figure | value | checked | goal | measured on | metric |\\n| x | 1 | | | s | `a.b` |")
    ['a.b: in README.md but not computed (stale row? regenerate with `python -m analysis evaluate --markdown`)']
    """
    quoted = _readme_rows(block)
    computed = {r["metric"]: r for r in frame.to_dict("records")}
    problems = []
    for metric, cells in quoted.items():
        row = computed.get(metric)
        if row is None:
            problems.append(f"{metric}: in README.md but not computed (stale row? regenerate with "
                            "`python -m analysis evaluate --markdown`)")
        elif cells["sample"] == row["sample"] and cells["value"] != _fmt(row["value"], row["digits"]):
            problems.append(f"{metric}: README.md says {cells['value']}, evaluation gives "
                            f"{_fmt(row['value'], row['digits'])}")
    if strict:
        problems += [f"{metric}: computed but not in README.md's figures table" for metric in computed
                     if metric not in quoted]
    return problems
