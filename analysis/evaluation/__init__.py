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
    Stable identifier, e.g. ``"segmentation.gold.f1"`` (``module.what.measure``).
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
    stay within ``tolerance`` of ``target`` either way (e.g. a count).

``quick=True`` must keep the module's figures cheap (seconds, not minutes):
sample or skip the expensive corpora and say so in ``sample``; the test suite
runs the quick mode.  Modules are discovered by name from :data:`MODULES`;
a missing module is skipped, a module that raises is an error.

>>> sorted(COLUMNS)[:3]
['command', 'higher', 'metric']
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable

#: The modules :func:`collect` asks for figures, in report order.
MODULES = ("loader", "segmentation", "entities", "sentiment", "rhetoric")

#: Keys of a figure row.
COLUMNS = ("metric", "value", "target", "tolerance", "higher", "sample", "command")


def available_modules(names: Iterable[str] = MODULES) -> list[str]:
    """Names of the plug-in modules that exist in this checkout."""
    return [name for name in names if importlib.util.find_spec(f"{__name__}.{name}") is not None]


def collect(quick: bool = False, modules: Iterable[str] | None = None) -> list[dict]:
    """Figure rows from every plug-in module, each checked for the keys of :data:`COLUMNS`."""
    rows: list[dict] = []
    for name in available_modules(MODULES if modules is None else modules):
        module = importlib.import_module(f"{__name__}.{name}")
        for row in module.figures(quick):
            row = {"higher": True, **row}
            missing = [key for key in COLUMNS if key not in row]
            if missing:
                raise ValueError(f"{name}.figures() row {row.get('metric')!r} lacks {missing}")
            rows.append({key: row[key] for key in COLUMNS})
    return rows
