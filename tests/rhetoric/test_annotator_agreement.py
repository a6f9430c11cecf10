"""Tests of analysis.evaluation.agreement and of the second reader's label files."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from analysis import paths
from analysis.evaluation import rhetoric as ev

BLIND = paths.PROJ_ROOT.parent / "devlabels" / "blind"


@pytest.fixture(scope="module")
def agreement():
    from analysis.evaluation import agreement as module

    return module


def test_doctests(agreement):
    assert doctest.testmod(agreement).failed == 0


def test_kappa_on_crafted_tables(agreement):
    # 2 × 2 table [[20, 5], [10, 15]]: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = 0.4.
    first = ["a"] * 25 + ["b"] * 25
    second = ["a"] * 20 + ["b"] * 5 + ["a"] * 10 + ["b"] * 15
    assert agreement.cohen_kappa(first, second) == pytest.approx(0.4)
    assert agreement.confusion(first, second).values.tolist() == [[20, 5], [10, 15]]
    # Perfect agreement on two labels: 1; agreement exactly at chance: 0; systematic swap: −1.
    assert agreement.cohen_kappa(["x", "y", "x"], ["x", "y", "x"]) == pytest.approx(1.0)
    assert agreement.cohen_kappa(["x", "x", "y", "y"], ["x", "y", "x", "y"]) == pytest.approx(0.0)
    assert agreement.cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)
    # Three labels: [[4, 1, 0], [1, 3, 1], [0, 0, 5]]: p_o = 12/15, p_e = (5·5 + 5·4 + 5·6) / 225 = 1/3.
    first = ["a"] * 5 + ["b"] * 5 + ["c"] * 5
    second = ["a"] * 4 + ["b"] + ["a"] + ["b"] * 3 + ["c"] + ["c"] * 5
    assert agreement.cohen_kappa(first, second) == pytest.approx((12 / 15 - 1 / 3) / (1 - 1 / 3))
    with pytest.raises(ValueError):
        agreement.cohen_kappa(["a"], ["a", "b"])


def test_precision_recall_one_to_one(agreement):
    ref = pd.DataFrame(dict(item=["a"], block=[1], start=[0], end=[4]))
    other = pd.DataFrame(dict(item=["a", "a"], block=[1, 1], start=[0, 2], end=[2, 4]))
    assert agreement.precision_recall(ref, other) == (0.5, 1.0, 1, 2)


@pytest.mark.parametrize("task", ["moves", "quotations_p10", "quotations_p11", "numbers"])
def test_second_reader_rows_are_the_first_readers(agreement, task):
    first_file, second_file, keys = agreement.PAIRS[task]
    first = agreement._read(paths.ANNOTATIONS_DIR / first_file)
    second = agreement._read(agreement.SECOND / second_file)
    assert list(second.columns) == list(first.columns), "the second reader's file needs the project's columns"
    assert sorted(map(tuple, second[keys].astype(str).values)) == sorted(map(tuple, first[keys].astype(str).values))
    assert agreement.load_pair(task).shape[0] == len(first)


@pytest.mark.skipif(not BLIND.is_dir(), reason="the blind item lists /work/devlabels/blind are absent")
@pytest.mark.parametrize("task, blind", [("moves", "moves_p11.csv"), ("quotations_p10", "quotations_p10.csv"),
                                         ("quotations_p11", "quotations_p11.csv"), ("numbers", "numbers_p11.csv")])
def test_second_reader_items_are_the_blind_lists(agreement, task, blind):
    listed = pd.read_csv(BLIND / blind, dtype=str)
    labelled = pd.read_csv(agreement.SECOND / agreement.PAIRS[task][1], dtype=str)
    assert labelled[list(listed.columns)].values.tolist() == listed.values.tolist()


def test_war_metaphor_hits_are_in_part_11_items(agreement):
    hits = agreement._read(agreement.SECOND / "war_metaphors_p11.csv")
    assert list(hits.columns) == ["item", "block", "start", "end", "split"]
    assert set(hits["item"]) <= set(ev.HELDOUT11_METAPHOR_ITEMS)
    assert (hits["block"] >= 1).all() and (hits["end"] > hits["start"]).all()


def test_readers_only_report(agreement):
    rows, table = agreement.report("quotations_p10", detectors=False)
    assert rows[0]["n"] == 63 and -1.0 <= rows[0]["kappa"] <= 1.0
    pair = agreement.load_pair("quotations_p10")
    assert rows[0]["raw"] == pytest.approx(float((pair["kind_1"] == pair["kind_2"]).mean()))
    assert table.startswith("| reader 1 \\ reader 2 |")
