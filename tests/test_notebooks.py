"""Every notebook in notebooks/ runs top to bottom on a fresh kernel."""

from __future__ import annotations

import json

import pytest

from analysis import paths
from analysis.notebook_runner import execute_notebook

NOTEBOOKS = sorted((paths.PROJ_ROOT / "notebooks").glob("[0-9]*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 1


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path):
    notebook = execute_notebook(path)
    errors = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_clean_and_narrated(path):
    """Saved without outputs; first code cell sets up the notebook; prose outnumbers code."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    markdown = [c for c in cells if c["cell_type"] == "markdown"]
    assert all(not c.get("outputs") for c in code), "commit notebooks without outputs (make report renders them)"
    assert "setup_notebook()" in "".join(code[0]["source"])
    assert len(markdown) >= len(code)
    assert not any("!pip" in "".join(c["source"]) for c in code)
