"""The development-set evaluation of the rhetoric detectors (issue 12)."""

from __future__ import annotations

import pytest

from analysis.evaluation import rhetoric as ev

NEEDS_CORPUS = pytest.mark.skipif(ev.dev_corpus_dir() is None,
                                  reason="../shared/dev-corpus/xwlb is absent (the dev corpus is not part of the project)")


@pytest.mark.parametrize("name", sorted(ev.LABELS))
def test_label_files_hold_ids_and_offsets_only(name):
    labels = ev.load_labels(name)
    assert {"item", "block", "split"} <= set(labels.columns)
    assert not {"text", "sentence", "counted", "unit", "context"} & set(labels.columns)
    # every free-text-looking column is a closed vocabulary of labels
    for column in labels.columns:
        if labels[column].dtype == object and column != "item":
            assert labels[column].str.fullmatch(r"[A-Za-z_]*|[0-9.]*").all(), column
    assert (labels["split"] == labels["item"].map(ev.split_of)).all()


def test_split_is_fixed_and_keeps_a_third_aside():
    items = ev.load_labels("moves")["item"].unique()
    share = sum(ev.split_of(i) == "heldout" for i in items) / len(items)
    assert 0.2 <= share <= 0.45


@pytest.mark.parametrize("text, spans", [("a\n\n b\n\n\nc", [(0, 1), (4, 5), (8, 9)]), ("标题", [(0, 2)])])
def test_block_spans(text, spans):
    assert ev.block_spans(text) == spans


@NEEDS_CORPUS
def test_labels_point_into_the_corpus():
    folder = ev.dev_corpus_dir()
    numbers = ev.load_labels("numbers")
    for row in numbers.head(40).itertuples():
        raw = (folder / f"{row.item}.txt").read_text(encoding="utf-8")
        start, end = ev.block_spans(raw)[row.block]
        assert 0 <= row.start < row.end <= end - start


@NEEDS_CORPUS
def test_figures_are_computed_on_both_parts():
    for split in ("dev", "heldout"):
        table = ev.detector_figures(split)
        assert set(table["detector"]) == {"moves", "numeric_claims", "quotations", "war_metaphors"}
        assert table["value"].between(0, 1000).all() and (table["n"] > 0).all()


def test_quick_figures_have_the_wuhai_row():
    rows = ev.figures(quick=True)
    assert rows[0]["metric"] == "rhetoric.wuhai.moves.agreement" and "in-sample" in rows[0]["sample"]
