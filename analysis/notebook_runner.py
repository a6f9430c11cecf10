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

__all__ = ["embed_cjk_font", "execute_notebook", "run_notebooks"]


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


# The embedded subset holds only the page's non-ASCII characters, so naming it first
# changes nothing for Latin text, which falls through to the usual fonts.
_FONT_VARIABLES = """
:root {
  --jp-content-font-family: "ReportCJK", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  --jp-ui-font-family: "ReportCJK", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  --jp-code-font-family: "ReportCJK", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
"""


def embed_cjk_font(page: str) -> str:
    """Embed the glyphs a rendered notebook needs from the project's Chinese font.

    A browser on a machine without Chinese fonts draws the Chinese text of
    tables and prose as empty boxes; figures are PNGs and unaffected.  The
    page gets an ``@font-face`` with a subset of the font
    (:func:`analysis.fonts.find_cjk_font`) holding only the non-ASCII
    characters the page uses, named first in the page's font lists (it has
    no Latin glyphs, so Latin text keeps the usual fonts).

    Args:
        page: A complete HTML page (with ``</head>``).

    Returns:
        The page with the font rule added (unchanged if the font cannot be
        subset or the page has no ``</head>``).
    """
    from .fonts import find_cjk_font
    from .html_report import font_face

    characters = {c for c in page if ord(c) > 0x2E7F}
    if not characters or "</head>" not in page:
        return page
    rule = font_face("".join(sorted(characters)), find_cjk_font())
    if not rule:
        return page
    return page.replace("</head>", f"<style>{rule}{_FONT_VARIABLES}</style>\n</head>", 1)


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
        body = embed_cjk_font(body)
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
