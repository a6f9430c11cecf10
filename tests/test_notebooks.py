"""Every notebook in notebooks/ runs top to bottom on a fresh kernel, on the bundled report and on others.

The notebooks follow the parameters-cell convention of
:mod:`analysis.notebook_runner`: the runner injects ``REPORT_PATH`` and
``USER_DICT`` after the cell tagged ``parameters``.  Each notebook is run on
the bundled report, on every example report of ``data/examples/`` and on a
short report written below for this test (no headings, no byline, no
captions: the plainest report of the genre).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from analysis import paths
from analysis.notebook_runner import (
    PARAMETERS, RENDERED_DIR, comparable_outputs, dev_corpus_leaks, execute_notebook, relative_paths,
)

NOTEBOOKS = sorted((paths.PROJ_ROOT / "notebooks").glob("[0-9]*.ipynb"))
EXAMPLES = sorted(p for p in (paths.DATA_DIR / "examples").glob("*.txt") if not p.stem.endswith("_dict"))

# Invented for this test (not a real report): a headline and three paragraphs on spring ploughing.
WRITTEN_REPORT = """春耕时节 党员先行

本报讯 连日来，石桥镇各村党支部组织党员干部下田入户，帮助农户备种备肥、维修农机，确保春耕生产不误农时。

镇农技站的技术员深入田间地头，为群众讲解科学施肥和病虫害防治知识，累计培训农户600余人次。

“党员带头干，群众跟着干。”南岭村党支部书记说，今年全村新增高标准农田300亩，大家信心十足。
"""


def outputs_text(notebook) -> str:
    return "\n".join(
        output.get("text", "") if output.get("output_type") == "stream" else json.dumps(output.get("data", {}), ensure_ascii=False)
        for cell in notebook.cells for output in cell.get("outputs", [])
    )


def errors_of(notebook) -> list:
    return [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 1 and EXAMPLES


@pytest.fixture(scope="module")
def written_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("written") / "spring_ploughing.txt"
    path.write_text(WRITTEN_REPORT, encoding="utf-8")
    return path


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path):
    """Runs on the bundled report, and prints what its committed rendered copy shows (else: `make rendered`)."""
    notebook = execute_notebook(path)
    assert errors_of(notebook) == []
    assert "skipped: the" not in outputs_text(notebook), "on the bundled report no hand-label comparison is skipped"
    rendered = RENDERED_DIR / path.name
    dev_corpus_absent = not (paths.PROJ_ROOT.parent / "shared" / "dev-corpus").is_dir()
    if dev_corpus_absent and "dev-corpus" in path.read_text(encoding="utf-8"):
        return  # its outputs differ without ../shared (they say so); the copy was rendered with it
    if rendered.is_file():  # a missing copy fails test_rendered_copy_is_of_this_notebook
        notebook = relative_paths(notebook, Path(os.environ["ANALYSIS_REPORTS_DIR"]).resolve())
        expected = comparable_outputs(nbformat.read(rendered, as_version=4))
        assert comparable_outputs(notebook) == expected, f"notebooks/rendered/{path.name} is stale: run `make rendered`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_rendered_copy_is_of_this_notebook(path):
    """The committed rendered copy has exactly the notebook's cells, every code cell executed, no error."""
    rendered = RENDERED_DIR / path.name
    assert rendered.is_file(), f"no notebooks/rendered/{path.name}: run `make rendered` and commit it"
    source, copy = nbformat.read(path, as_version=4), nbformat.read(rendered, as_version=4)
    assert [(c.cell_type, c.source) for c in copy.cells] == [(c.cell_type, c.source) for c in source.cells], (
        f"notebooks/rendered/{path.name} is stale: run `make rendered`")
    assert all(c.execution_count for c in copy.cells if c.cell_type == "code" and c.source.strip())
    assert errors_of(copy) == []


def test_rendered_copies_hold_no_development_corpus_text():
    if not (paths.PROJ_ROOT.parent / "shared" / "dev-corpus").is_dir():
        pytest.skip("../shared/dev-corpus is absent (it exists only on the developers' machines)")
    for rendered in sorted(RENDERED_DIR.glob("*.ipynb")):
        assert dev_corpus_leaks(nbformat.read(rendered, as_version=4)) == [], rendered.name


@pytest.mark.notebooks
@pytest.mark.parametrize("report", [*EXAMPLES, "written"], ids=[*(p.stem for p in EXAMPLES), "written"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_another_report(path, report, written_report):
    report = written_report if report == "written" else report
    notebook = execute_notebook(path, report=report)
    assert errors_of(notebook) == []
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(report) in injected[0].source
    text = outputs_text(notebook)
    for line in text.splitlines():
        if line.startswith("skipped: "):
            assert "bundled Wuhai report" in line, line  # one line that says why
    uses_hand_labels = any("hand_labelled(" in c.source for c in notebook.cells)
    assert ("skipped: the" in text) == uses_hand_labels


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_clean_and_narrated(path):
    """Saved without outputs; a parameters cell, then set-up; prose outnumbers code."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    markdown = [c for c in cells if c["cell_type"] == "markdown"]
    assert all(not c.get("outputs") for c in code), "commit notebooks without outputs (make report renders them)"
    parameters = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parameters) == 1 and parameters[0] is code[0], "the first code cell is the one tagged 'parameters'"
    source = "".join(parameters[0]["source"])
    for name in PARAMETERS:
        assert f"{name} = None" in source
    assert "setup_notebook()" in "".join(code[1]["source"])
    assert len(markdown) >= len(code)
    assert not any("!pip" in "".join(c["source"]) for c in code)
