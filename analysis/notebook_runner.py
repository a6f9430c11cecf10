"""Execute the project notebooks on a fresh kernel and write them as HTML.

``python -m analysis.notebook_runner --out reports`` (what ``make report``
runs) executes every ``notebooks/*.ipynb`` in order, top to bottom, each on
a new kernel, and writes ``reports/<name>.html``.  Figures and tables are
written by the notebooks themselves under ``reports/figures`` and
``reports/tables``.  The notebook files in ``notebooks/`` are not modified.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import paths

__all__ = ["execute_notebook", "run_notebooks"]


def execute_notebook(path: str | Path, *, timeout: int = 1200):
    """Execute one notebook on a fresh kernel, in its own folder.

    Args:
        path: The ``.ipynb`` file.
        timeout: Seconds allowed per cell.

    Returns:
        The executed notebook (an ``nbformat`` node); the file is unchanged.

    Raises:
        nbclient.exceptions.CellExecutionError: A cell failed.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # the kernel's own start-up notices (e.g. "running over TCP") are not the notebook's output
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.execute()
    return notebook


def run_notebooks(folder: str | Path | None = None, out: str | Path | None = None) -> list[tuple[str, float]]:
    """Execute every notebook of a folder and write each as HTML.

    Args:
        folder: Folder of notebooks (default ``notebooks/``).
        out: Output folder (default ``reports/``).

    Returns:
        ``(notebook name, seconds)`` for each notebook.
    """
    from nbconvert import HTMLExporter

    folder = Path(folder) if folder is not None else paths.PROJ_ROOT / "notebooks"
    out = Path(out) if out is not None else paths.REPORTS_DIR
    out = out if out.is_absolute() else Path.cwd() / out
    out.mkdir(parents=True, exist_ok=True)
    os.environ["ANALYSIS_REPORTS_DIR"] = str(out)
    timings = []
    exporter = HTMLExporter()
    for notebook_path in sorted(folder.glob("[0-9]*.ipynb")):
        started = time.perf_counter()
        print(f"executing {notebook_path.name} …", flush=True)
        notebook = execute_notebook(notebook_path)
        body, _ = exporter.from_notebook_node(notebook)
        target = out / (notebook_path.stem + ".html")
        partial = target.with_suffix(".html.part")
        partial.write_text(body, encoding="utf-8")
        partial.replace(target)
        seconds = time.perf_counter() - started
        timings.append((notebook_path.name, seconds))
        print(f"  wrote {target.relative_to(out.parent) if out.parent in target.parents else target} ({seconds:.1f} s)", flush=True)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", default=None, help="folder of notebooks (default: notebooks/)")
    parser.add_argument("--out", default=None, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    timings = run_notebooks(args.notebooks, args.out)
    total = sum(seconds for _, seconds in timings)
    print(f"{len(timings)} notebooks executed in {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
