"""Tests of analysis.notebook_runner: rendered notebooks carry their Chinese glyphs."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest

from analysis.notebook_runner import embed_cjk_font


def test_embedded_font_covers_every_chinese_character_of_the_page():
    from fontTools.ttLib import TTFont

    page = "<html><head><title>t</title></head><body><td>乌海 党旗下 誓言铮铮战疫魔！</td><p>abc</p></body></html>"
    out = embed_cjk_font(page)
    match = re.search(r'font-family:"ReportCJK";src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)', out)
    assert match, "no embedded @font-face"
    font = TTFont(io.BytesIO(base64.b64decode(match.group(1))))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "乌海党旗下誓言铮铮战疫魔！")
    assert '"ReportCJK"' in out.split("</style>")[0]
    assert out.endswith("<p>abc</p></body></html>")


def test_page_without_chinese_is_unchanged():
    page = "<html><head></head><body>plain</body></html>"
    assert embed_cjk_font(page) == page


def _notebook_with_output(text: str):
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    cell = new_code_cell("print(x)")
    cell.outputs = [new_output("stream", name="stdout", text=text),
                    new_output("execute_result", data={"text/plain": "<Figure at 0x7f00aa>"}, execution_count=1)]
    return new_notebook(cells=[cell])


def test_dev_corpus_leaks_finds_a_copied_passage(tmp_path):
    from analysis.notebook_runner import dev_corpus_leaks

    corpus = tmp_path / "dev-corpus" / "xwlb"
    corpus.mkdir(parents=True)
    passage = "这是一段只为测试而写的开发语料文字，内容并不真实，也不会出现在项目的任何输出之中。"
    (corpus / "a.txt").write_text("标题\n\n" + passage + "\n", encoding="utf-8")
    assert dev_corpus_leaks(_notebook_with_output("前言" + passage[3:40]), tmp_path / "dev-corpus")
    assert dev_corpus_leaks(_notebook_with_output(passage[:20]), tmp_path / "dev-corpus") == []  # short overlap
    assert dev_corpus_leaks(_notebook_with_output(passage), tmp_path / "no-such-folder") == []


def test_comparable_outputs_ignore_addresses_and_paths(tmp_path):
    from analysis.notebook_runner import comparable_outputs, relative_paths

    notebook = relative_paths(_notebook_with_output(f"saved {tmp_path}/figures/a.png\n"), tmp_path)
    assert comparable_outputs(notebook) == [["saved reports/figures/a.png\n", "<Figure>"]]


@pytest.mark.notebooks
def test_run_notebooks_on_a_report_writes_its_own_folder(tmp_path):
    from analysis import paths
    from analysis.notebook_runner import run_notebooks

    report = paths.DATA_DIR / "examples" / "qinghe_flood_relief.txt"
    out = tmp_path / "qinghe"
    timings = run_notebooks(out=out, report=report, user_dict=paths.DATA_DIR / "examples" / "qinghe_user_dict.txt",
                            only="01_")
    assert [name for name, _ in timings] == ["01_loading_and_cleaning.ipynb"]
    page = (out / "01_loading_and_cleaning.html").read_text(encoding="utf-8")
    assert "青河 洪水退去 党旗更红" in page  # the outputs are of the new report
    tokens = pd.read_csv(out / "tables" / "01_tokens.csv", encoding="utf-8-sig")
    assert "周立群" in set(tokens["word"])  # segmented with the report's own dictionary


def test_run_notebooks_refuses_a_missing_report_before_starting(tmp_path):
    from analysis import ReportError
    from analysis.notebook_runner import run_notebooks

    with pytest.raises(ReportError, match="no such file"):
        run_notebooks(out=tmp_path / "out", report=tmp_path / "missing.txt")
    assert not (tmp_path / "out").exists()


# -- inputs shared by the notebooks of one run --------------------------------------------------------------


def test_shared_inputs_are_made_once_per_run_folder(tmp_path, monkeypatch):
    from analysis.notebook_runner import SHARED_INPUTS, shared_inputs

    calls = []

    def build():
        calls.append(1)
        return {"report": "made", "n": len(calls)}

    monkeypatch.delenv(SHARED_INPUTS, raising=False)
    assert shared_inputs(None, None, build) == {"report": "made", "n": 1}
    assert shared_inputs(None, None, build)["n"] == 2  # no run folder: made every time
    monkeypatch.setenv(SHARED_INPUTS, str(tmp_path))
    first = shared_inputs(None, None, build)
    assert shared_inputs(None, None, build) == first == {"report": "made", "n": 3}
    assert len(calls) == 3
    for saved in tmp_path.glob("inputs-*.pickle"):
        saved.write_bytes(b"not a pickle")  # a damaged file is made again, not an error
    assert shared_inputs(None, None, build)["n"] == 4


def test_shared_inputs_key_follows_report_dictionary_and_code(tmp_path):
    from analysis import paths
    from analysis.notebook_runner import inputs_key

    report = tmp_path / "r.txt"
    report.write_text("标题\n\n正文写的是防控工作。\n", encoding="utf-8")
    key = inputs_key(report)
    assert inputs_key(report) == key
    user_dict = tmp_path / "d.txt"
    user_dict.write_text("防控工作 5 n\n", encoding="utf-8")
    assert inputs_key(report, user_dict) != key
    report.write_text("标题\n\n正文写的是别的工作。\n", encoding="utf-8")
    assert inputs_key(report) != key
    assert inputs_key() == inputs_key(paths.DEFAULT_REPORT)


def test_notebook_inputs_read_back_are_the_same(tmp_path, monkeypatch):
    from analysis.display import notebook_inputs
    from analysis.notebook_runner import SHARED_INPUTS

    monkeypatch.setenv(SHARED_INPUTS, str(tmp_path))
    made = notebook_inputs()
    assert list(tmp_path.glob("inputs-*.pickle"))
    read = notebook_inputs()
    assert read.report is not made.report  # read back from the file
    assert read.report.raw == made.report.raw
    assert read.report.paragraphs.equals(made.report.paragraphs) and read.report.repairs.equals(made.report.repairs)
    assert read.tokenizer.dictionaries == made.tokenizer.dictionaries
    assert read.tokenizer.tokens(read.report).equals(made.tokenizer.tokens(made.report))


def test_a_cell_without_reply_runs_the_notebook_again(tmp_path):
    """A lost kernel message makes a cell time out: the notebook is run again on a new kernel."""
    import nbformat

    from analysis.notebook_runner import execute_notebook

    marker = tmp_path / "first_run_done"
    source = (f"import pathlib, time\nmarker = pathlib.Path({str(marker)!r})\n"
              "if not marker.exists():\n    marker.write_text('x')\n    time.sleep(30)\nprint('ran')")
    path = tmp_path / "slow_once.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), path)
    notebook = execute_notebook(path, timeout=5)
    assert marker.exists()
    assert notebook.cells[0].outputs[0]["text"].strip() == "ran"
    marker.unlink()
    with pytest.raises(Exception, match="(?i)timed? ?out|timeout"):
        execute_notebook(path, timeout=5, attempts=1)
