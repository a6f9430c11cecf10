"""Tests of analysis.display: notebook set-up and atomic saving of outputs."""

from __future__ import annotations

import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import display, paths


def test_save_table_and_figure_write_complete_files(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "figures")
    monkeypatch.setattr(paths, "TABLES_DIR", tmp_path / "tables")
    table = display.save_table(pd.DataFrame({"词": ["党员"], "n": [3]}), "t")
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese
    assert pd.read_csv(table, encoding="utf-8-sig").to_dict("list") == {"词": ["党员"], "n": [3]}
    fig, ax = plt.subplots()
    figure = display.save_figure(fig, "f")
    plt.close(fig)
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.notebooks
def test_report_error_in_a_notebook_is_one_line_not_a_traceback(tmp_path):
    from nbclient import NotebookClient

    notebook = new_notebook()
    notebook.cells = [
        new_code_cell("from analysis import load_report, setup_notebook\nsetup_notebook()"),
        new_code_cell("load_report('no-such-report.txt')"),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(notebook, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = notebook.cells[1].outputs
    assert [o.get("output_type") for o in outputs] == ["stream"]
    assert outputs[0]["text"].strip().splitlines() == [
        "ReportError: no-such-report.txt: no such file; check the path "
        "(call load_report() with no argument for the bundled report)"
    ]


def test_table_html_left_aligns_text_columns_only():
    frame = pd.DataFrame({"n": [1, 2], "词": ["党员", "群众"], "share": [0.5, 0.5]})
    page = display.table_html(frame)
    style, table = page.split("</style>", 1)
    css_class = style.split("{")[0].split()[0].lstrip("<style>.")
    assert style.count("nth-child") == 2 and "td:nth-child(3)" in style  # index th, n, 词
    assert f'class="dataframe {css_class}"' in table and "党员" in table


def test_table_html_keeps_pandas_truncation():
    frame = pd.DataFrame({"词": [f"词{i}" for i in range(500)]})
    with pd.option_context("display.max_rows", 60, "display.min_rows", 10):
        page = display.table_html(frame)
    assert page.count("<tr>") < 20 and "词499" in page and "词250" not in page
