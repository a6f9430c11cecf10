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
    assert (labels["split"] == labels["item"].map(lambda item: ev.split_of(item, name))).all()


def _current_part_labelled(name: str) -> bool:
    return (ev.paths.ANNOTATIONS_DIR / ev.CURRENT_LABELS[name]).is_file()


@pytest.mark.parametrize("name, least", [("moves", 120), ("numbers", 50), ("quotations", 25), ("metaphors", 5)])
def test_new_held_out_part_is_big_enough_and_apart(name, least):
    if not _current_part_labelled(name):
        pytest.skip(f"{ev.CURRENT_LABELS[name]} is not labelled yet (the part is labelled task by task)")
    labels = ev.load_labels(name)
    held = labels[labels["split"] == "heldout"]
    if name == "moves":
        held = held[~held["move"].isin(ev.NOT_MOVES)]
        assert (held["move"] == "LEADER_DIRECTIVE").sum() >= 30
    assert len(held) >= least
    assert not set(held["item"]) & set(labels.loc[labels["split"] == "dev", "item"])
    assert held["item"].nunique() >= (2 if name == "metaphors" else 3)
    if name == "metaphors":  # an item may have no war metaphor; metaphor_table still reads it
        assert set(held["item"]) <= set(ev.HELDOUT_XWLB_METAPHOR_ITEMS)


def test_a_missing_part_file_of_the_current_part_is_skipped(monkeypatch):
    monkeypatch.setattr(ev, "OPTIONAL_LABELS", ev.OPTIONAL_LABELS | {"no_such_file.csv"})
    current = ev.HELDOUT_PART["quotations"] - 2  # LATER_LABELS starts with part 2
    monkeypatch.setitem(ev.LATER_LABELS[current], "quotations", "no_such_file.csv")
    quotes = ev.load_labels("quotations")
    assert len(quotes) > 0 and not (quotes["split"] == "heldout").any()


def _moves_parts():
    """(first line, last line, split) of the line-range parts of the moves, from the table of parts."""
    ranged = [p for p in ev.PARTS if "moves" in p.tasks and p.first_line.get("moves") is not None]
    ends = ev.load_labels("moves")["item"].map(lambda i: int(i.split("_")[2]) if i.startswith(ev.PD_PREFIX) else -1)
    for here, after in zip(ranged, [*ranged[1:], None]):
        # a part ends before the next part's first line; the newest one with its last labelled article
        last = after.first_line["moves"] - 1 if after is not None else int(ends.max())
        yield here.first_line["moves"], last, "heldout" if here.number == ev.HELDOUT_PART["moves"] else "dev"


@pytest.mark.parametrize("first, last, part", list(_moves_parts()))
def test_the_line_range_parts_moves_follow_the_selection_rule(first, last, part):
    taken = ev.part4_candidates(first, last)
    taken = taken[taken["taken"]]
    moves = ev.load_labels("moves")
    lines = moves["item"].map(lambda i: int(i.split("_")[1]) if i.startswith(ev.PD_PREFIX) else -1)
    held = moves[lines.between(first, last)]
    assert (held["split"] == part).all()
    assert set(held["item"]) == set(taken["item"])  # every taken article, in order, and only those
    for item, group in held.groupby("item"):
        assert sorted(group["block"]) == list(range(len(ev.block_spans(ev.pd_article_text(item)))))


def test_the_third_part_is_now_seen():
    assert ev.split_of("pd1998_00406_00421") == "dev" and ev.split_of("pd1998_10832_10835") == "heldout"
    assert ev.split_of("pd1998_05975_05979") == "dev"  # the fifth part's numbers and quotations were scored twice
    assert ev.split_of("pd1998_06223_06234", "moves") == "dev"  # the fifth part's moves were scored once
    assert ev.split_of("pd1998_05125_05161") == "dev"  # the fourth part's numbers and quotations were scored twice
    assert ev.split_of("pd1998_05125_05161", "moves") == "dev"  # the fourth part's moves were scored twice
    assert ev.split_of("xwlb_20200401_01", "metaphors") == "dev"
    assert ev.split_of("pd1998_07105_07109", "moves") == "dev"  # the sixth part's moves were scored twice
    assert ev.split_of("pd1998_07105_07109", "numbers") == "dev"  # ... and its numbers, quotations, war metaphors
    assert ev.split_of("pd1998_07871_07873", "moves") == "dev"  # the seventh part for moves (from line 7871) was scored twice
    assert ev.split_of("pd1998_08982_08994", "moves") == "dev"  # the eighth part's moves were scored twice
    assert ev.split_of("pd1998_09614_09629", "moves") == "dev"  # the ninth part's moves were scored twice
    assert ev.split_of("pd1998_10138_10140", "moves") == "dev"  # the tenth part's moves were scored twice
    assert ev.split_of("pd1998_11090_11093", "moves") == "dev"  # the eleventh part's moves were scored twice
    assert ev.split_of("pd1998_12078_12090", "moves") == "dev"  # the twelfth part's moves were scored twice
    assert ev.split_of("pd1998_12804_12807", "moves") == "heldout"  # the thirteenth part for moves (from line 12804)
    assert ev.split_of("pd1998_07871_07873", "numbers") == "dev"  # ... for the other tasks from line 8086
    assert ev.split_of("pd1998_08093_08098", "numbers") == "dev"  # the seventh part's numbers were scored twice
    assert ev.split_of("pd1998_08684_08691", "numbers") == "dev"  # the eighth part's numbers were scored twice
    assert ev.split_of("pd1998_08801_08803", "numbers") == "dev"  # the ninth part's numbers were scored twice
    assert ev.split_of("pd1998_09059_09067", "numbers") == "dev"  # the tenth part's numbers were scored twice
    assert ev.split_of("pd1998_09490_09493", "numbers") == "dev"  # the eleventh part's numbers were scored twice
    assert ev.split_of("pd1998_09722_09726", "numbers") == "dev"  # the twelfth part's numbers were scored twice
    assert ev.split_of("pd1998_10530_10538", "numbers") == "dev"  # the thirteenth part's numbers were scored twice
    assert ev.split_of("pd1998_10832_10835", "numbers") == "heldout"  # the fourteenth part for numbers (from line 10775)


def test_every_labelled_part_is_read():
    moves = ev.load_labels("moves")
    assert {"xwlb_20200210_01", "pd1998_00036_00044", "pd1998_00406_00421"} <= set(moves["item"])


def test_the_first_held_out_third_is_now_part_of_dev():
    items = ev.load_labels("moves")["item"]
    first = {i for i in items if i.startswith("xwlb_") and ev.first_split_of(i) == "heldout"}
    assert len(first) == 9 and all(ev.split_of(i) == "dev" for i in first)


def test_people_daily_items_are_corpus_lines():
    text = ev.pd_article_text("pd1998_00036_00038")
    assert len(ev.block_spans(text)) == 3
    with pytest.raises(ev.ReportError, match="pd1998_SSSSS_EEEEE"):
        ev.pd_article_text("pd1998_x")


def test_people_daily_labels_point_into_their_lines():
    for name in ("numbers", "quotations"):
        labels = ev.load_labels(name)
        for item, group in labels[labels["item"].str.startswith(ev.PD_PREFIX)].groupby("item"):
            spans = ev.block_spans(ev.pd_article_text(item))
            for row in group.itertuples():
                start, end = spans[row.block]
                assert 0 <= row.start < row.end <= end - start


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
    labelled = {"moves": "moves", "numeric_claims": "numbers", "quotations": "quotations", "war_metaphors": "metaphors"}
    for split in ("dev", "heldout"):
        table = ev.detector_figures(split)
        assert set(table["detector"]) == set(labelled)
        if split == "heldout":  # the current part is labelled task by task
            table = table[[_current_part_labelled(labelled[d]) for d in table["detector"]]]
        table = table[table["measure"] != "LEADER_DIRECTIVE precision"]
        assert table["value"].between(0, 1000).all() and (table["n"] > 0).all()


def test_quick_figures_have_the_wuhai_row():
    rows = ev.figures(quick=True)
    assert rows[0]["metric"] == "rhetoric.wuhai.moves.agreement" and "in-sample" in rows[0]["sample"]
