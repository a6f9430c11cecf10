"""Tests of the benchmark results: the committed files agree with each other and with the README's block."""

from __future__ import annotations

import doctest
import importlib.util
import json

import pandas as pd
import pytest

from analysis import paths

BENCHMARKS = paths.PROJ_ROOT / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("run_benchmarks", BENCHMARKS / "run_benchmarks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


META = {"date": "2026-12-01 14:00 UTC", "command": "make benchmarks", "cpus": 2, "load_start": 5.25,
        "load_end": 7.5, "cpu_pressure": 0.4, "run_cores": 1.234, "wall_seconds": 301.4, "rounds": 3,
        "commit": "abc1234"}


def _rows(bench):
    busy = bench.row("2 corpus mode", "serial", "processes | 2 workers", "chars/s", values=([10.0, 11, 12], [9.0, 10, 30]),
                     ratios=[0.9, 0.91, 2.5], target=">= 1.7")
    busy["warning"] = "BUSY: processes got 0.90 of the cores it could use"
    skipped = bench.row("8 Dask vs pool", "processes", "dask", "chars/s", note="dask.distributed not installed: skipped")
    skipped["note"] = "skipped: dask.distributed not installed"
    alone = bench.row("5 make report: fixed cost", "", "load_report()", "s", values=([], [1.0, 1.2, 1.1]))
    return pd.DataFrame([busy, skipped, alone])


def test_markdown_gives_median_spread_target_and_warnings(bench):
    text = bench.results_markdown(META, _rows(bench))
    lines = text.splitlines()
    assert lines[0].startswith("Run of 2026-12-01 14:00 UTC at commit abc1234: `make benchmarks`, 3 rounds; 2 CPUs, "
                              "load average 5.2")
    assert "CPU pressure 40%" in lines[0] and "1.23 cores" in lines[0]
    corpus = next(line for line in lines if line.startswith("| 2 corpus mode"))
    assert "0.91 (0.90–2.50)" in corpus and "| >= 1.7 | **no** |" in corpus and "BUSY" in corpus
    assert "processes \\| 2 workers vs serial" in corpus  # a | in a cell does not split the row
    assert corpus.count(" | ") == 6  # seven cells
    assert "skipped: dask.distributed not installed" in next(line for line in lines if line.startswith("| 8 Dask"))
    assert "| 1.10 (1.00–1.20) s |" in next(line for line in lines if "load_report" in line)
    assert text.endswith("|\n")


def test_results_round_trip_through_the_files(bench, tmp_path):
    table = _rows(bench)
    bench.write_results(tmp_path, META, table)
    assert json.loads((tmp_path / "latest.json").read_text(encoding="utf-8")) == META
    again = bench.results_markdown(META, pd.read_csv(tmp_path / "latest.csv", keep_default_na=False))
    assert (tmp_path / "latest.md").read_text(encoding="utf-8") == again == bench.results_markdown(META, table)


def test_readme_block_is_read_between_the_markers(bench):
    readme = f"intro\n{bench.README_START}\n| a |\n{bench.README_END}\nrest"
    assert bench.readme_block(readme) == "| a |\n"
    assert bench.readme_block("no markers here") is None


def test_missing_sibling_benchmark_gives_a_skipped_line(bench, monkeypatch):
    monkeypatch.setattr(bench, "sibling", lambda name: None)
    assert bench.bench_loader(3, (0.1,))[0]["note"].startswith("skipped: benchmarks/loader_memory.py")
    assert bench.bench_tokens(3, 0.1)[0]["note"].startswith("skipped: benchmarks/tokenizer_ratio.py")


def test_doctests_of_the_script(bench):
    assert doctest.testmod(bench, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE).failed == 0


def test_committed_results_agree_with_each_other_and_the_readme(bench):
    folder = bench.RESULTS_DIR
    meta = json.loads((folder / "latest.json").read_text(encoding="utf-8"))
    table = pd.read_csv(folder / "latest.csv", keep_default_na=False)
    markdown = (folder / "latest.md").read_text(encoding="utf-8")
    assert markdown == bench.results_markdown(meta, table), "latest.md was edited by hand: rerun the benchmarks"
    assert set(table["date"]) == {meta["date"][:10]}
    block = bench.readme_block((paths.PROJ_ROOT / "README.md").read_text(encoding="utf-8"))
    assert block is not None, "README.md has no <!-- benchmarks:start/end --> block: paste benchmarks/results/latest.md"
    assert block == markdown, "README's benchmark block differs from benchmarks/results/latest.md: paste it again"
