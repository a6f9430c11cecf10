"""Every quoted figure is recomputed and within its tolerance (analysis.evaluation).

The figures are computed once per test session in full mode (the same as
``python -m analysis evaluate``, the figures the README publishes): one test
per plug-in module says which figure drifted, by how much, and the command
that reproduces it, and one test compares them with the README's table.
"""

from __future__ import annotations

import importlib.machinery
import sys
import types

import pandas as pd
import pytest

from analysis import evaluation, paths
from analysis.evaluation import cli

MODULES = evaluation.available_modules()


@pytest.fixture(scope="session")
def figures() -> pd.DataFrame:
    # full mode once: the quick mode's samples are subsets of the full ones, so checking the full figures
    # against their tolerances and the README costs one evaluation instead of two
    return evaluation.evaluate(quick=False)


@pytest.mark.parametrize("module", MODULES)
def test_figures_within_tolerance(figures, module):
    rows = figures[figures["module"] == module].to_dict("records")
    assert rows, f"evaluation module {module} gave no figure"
    failed = [
        f"{r['metric']} = {r['value']:.4f}, expected {evaluation._bound(r)} (reproduce: {r['command']})"
        for r in rows if not r["passed"]
    ]
    assert not failed, "figures drifted beyond their tolerance:\n" + "\n".join(failed)


@pytest.mark.parametrize("module", ["loader", "entities"])
def test_quick_variant_is_within_its_own_tolerances(module):
    """``--quick`` (smaller samples, their own quoted values) of the modules that have one."""
    quick = evaluation.evaluate(quick=True, modules=[module])
    assert len(quick) and quick["passed"].all(), quick.loc[~quick["passed"], ["metric", "value", "target"]].to_string()


def test_rows_are_complete(figures):
    assert figures["metric"].is_unique
    assert figures["sample"].str.len().gt(0).all()
    assert figures["command"].str.match(r"(python|make) ").all(), "each figure names the command reproducing it"
    assert figures["value"].notna().all()
    assert set(figures["higher"].dropna()) <= {True, False}


def test_every_module_of_the_package_is_registered():
    from pathlib import Path

    folder = Path(evaluation.__file__).parent
    plugins = {p.stem for p in folder.glob("*.py") if p.stem not in {"__init__", "__main__", "cli"}}
    assert plugins <= set(evaluation.MODULES), "add the new module to analysis.evaluation.MODULES"


@pytest.mark.parametrize(
    "value, target, tolerance, higher, expected",
    [
        (0.751, 0.751, 0.005, True, True),
        (0.760, 0.751, 0.005, True, True),     # better is fine
        (0.745, 0.751, 0.005, True, False),    # worse beyond tolerance fails
        (0.30, 0.31, 0.005, False, True),      # lower is better
        (0.32, 0.31, 0.005, False, False),
        (19, 19, 0, None, True),               # a count stays put
        (20, 19, 0, None, False),
        (18, 19, 0, None, False),
        (float("nan"), 0.5, 1, True, False),
    ],
)
def test_passed(value, target, tolerance, higher, expected):
    assert evaluation.passed({"value": value, "target": target, "tolerance": tolerance, "higher": higher}) is expected


def _fake_module(monkeypatch, name, rows):
    full = f"analysis.evaluation.{name}"
    module = types.ModuleType(full)
    module.__spec__ = importlib.machinery.ModuleSpec(full, None)
    module.figures = lambda quick: [dict(r) for r in rows]
    monkeypatch.setitem(sys.modules, full, module)
    return name


ROW = {"metric": "fake.f1", "value": 0.5, "target": 0.6, "tolerance": 0.01, "sample": "crafted", "command": "python -m analysis evaluate"}


def test_collect_keeps_the_first_row_of_a_metric_and_fills_defaults(monkeypatch):
    one = _fake_module(monkeypatch, "fake_one", [ROW])
    two = _fake_module(monkeypatch, "fake_two", [{**ROW, "value": 0.9}, {**ROW, "metric": "fake.count", "digits": 0}])
    frame = evaluation.evaluate(modules=[one, two])
    assert frame["metric"].tolist() == ["fake.f1", "fake.count"]
    assert frame["value"].tolist() == [0.5, 0.5]
    assert frame["passed"].tolist() == [False, False]
    assert frame.loc[0, "label"] == "fake.f1" and frame.loc[0, "digits"] == 3 and frame.loc[0, "higher"]


def test_collect_rejects_an_incomplete_row(monkeypatch):
    bad = _fake_module(monkeypatch, "fake_bad", [{"metric": "x", "value": 1}])
    with pytest.raises(ValueError, match="lacks"):
        evaluation.collect(modules=[bad])


def test_markdown_round_trips_through_the_readme_check(monkeypatch):
    name = _fake_module(monkeypatch, "fake_md", [ROW, {**ROW, "metric": "fake.count", "value": 19, "target": 19,
                                                       "tolerance": 0, "higher": None, "digits": 0}])
    frame = evaluation.evaluate(modules=[name])
    block = evaluation.markdown(frame)
    readme = f"intro\n{evaluation.README_START}\n{block}\n{evaluation.README_END}\nrest"
    assert evaluation.readme_block(readme) == block
    assert evaluation.readme_mismatches(frame, block) == []
    changed = frame.assign(value=[0.4, 19])
    assert evaluation.readme_mismatches(changed, block) == ["fake.f1: README.md says 0.500, evaluation gives 0.400"]
    assert evaluation.readme_block("no markers here") is None


def test_cli_writes_csv_and_exits_1_on_a_failed_figure(monkeypatch, tmp_path, capsys):
    name = _fake_module(monkeypatch, "fake_cli", [ROW])
    monkeypatch.setattr(cli, "MODULES", (*evaluation.MODULES, name))
    out = tmp_path / "evaluation.csv"
    assert cli.main(["--quick", "--only", name, "--csv", str(out)]) == 1
    assert pd.read_csv(out)["metric"].tolist() == ["fake.f1"]
    assert "0 passed, 1 failed" in capsys.readouterr().out


SHARED = paths.PROJ_ROOT.parent / "shared"


def test_readme_quotes_the_evaluated_figures(figures):
    """The README's table is what `python -m analysis evaluate --markdown` prints (full mode, as published)."""
    block = evaluation.readme_block()
    if block is None:
        pytest.skip("README.md has no figures block between <!-- evaluation:start --> and <!-- evaluation:end -->; "
                    "paste `python -m analysis evaluate --markdown` there")
    problems = evaluation.readme_mismatches(figures, block)
    absent = [p for p in problems if "not computed" in p]
    wrong = [p for p in problems if p not in absent or SHARED.is_dir()]
    assert not wrong, "README.md's figures table is stale:\n" + "\n".join(wrong)
    if absent:
        pytest.skip(f"{len(absent)} README figures need ../shared (the development corpus), absent beside this checkout")


def test_figures_of_the_development_corpus_are_computed(figures):
    if not (SHARED / "dev-corpus").is_dir():
        pytest.skip("../shared/dev-corpus is absent beside this checkout: its figures are not computed")
    assert figures["sample"].str.contains("xwlb|CCTV").any(), "no figure measured on the development corpus"


def test_a_goal_is_shown_but_not_checked(monkeypatch):
    name = _fake_module(monkeypatch, "fake_goal", [{**ROW, "value": 0.7, "goal": 0.9}])
    frame = evaluation.evaluate(modules=[name])
    assert frame["passed"].tolist() == [True]
    assert "| ≥ 0.590 | ≥ 0.900 |" in evaluation.markdown(frame)
    assert "≥ 0.900" in evaluation.table_text(frame)


def test_an_unknown_module_is_an_error_not_skipped():
    with pytest.raises(ImportError, match="no evaluation module nonexistent"):
        evaluation.collect(modules=["nonexistent"])


def test_entity_engines_are_compared_on_the_held_out_part(figures):
    from analysis.evaluation import entities

    rows = figures[figures["metric"].str.startswith("entities.pd_heldout.")]
    expected = {f"entities.pd_heldout.{e}.{t}.{m}" for e in entities.ENGINES
                for t in ("person", "place", "organisation") for m in entities.MEASURES}
    assert set(rows["metric"]) == expected
    assert rows["sample"].str.contains("held-out").all()
    value = rows.set_index("metric")["value"]
    for kind in ("person", "place"):  # the default engine is the best one on persons and places
        assert value[f"entities.pd_heldout.crf.{kind}.f1"] > value[f"entities.pd_heldout.rules.{kind}.f1"]
    assert value["entities.pd_heldout.rules.person.precision"] > value["entities.pd_heldout.jieba.person.precision"]
    table = entities.comparison(rows)
    assert table["method"].tolist() == list(entities.ENGINES.values())
    assert table.set_index("method").loc["CRF (the default method)", "person"].endswith(
        f"{value['entities.pd_heldout.crf.person.f1']:.3f}")


def test_cli_prints_the_modules_tables(monkeypatch, capsys):
    name = _fake_module(monkeypatch, "fake_tables", [ROW])
    sys.modules[f"analysis.evaluation.{name}"].tables = lambda frame: {"Fake table": f"| n |\n|---|\n| {len(frame)} |"}
    monkeypatch.setattr(cli, "MODULES", (*evaluation.MODULES, name))
    assert cli.main(["--only", name, "--tables", "--csv", "/dev/null"]) == 1
    out = capsys.readouterr().out
    assert "Fake table\n\n| n |\n|---|\n| 1 |" in out
