"""Views of the repair log (analysis.repairs.views), on crafted reports and the bundled one."""

from __future__ import annotations

import pytest

from analysis import parse_report
from analysis.repairs import views

CRAFTED = "题目\n\n他说,好<b>。\n\n第二段 文字 继续。"


@pytest.fixture(scope="module")
def crafted_report():
    return parse_report(CRAFTED)


def test_summary_counts_kinds_and_raw_characters(crafted_report):
    table = views.repair_summary(crafted_report)
    assert table[["kind", "n", "raw_chars"]].values.tolist() == [["space_removed", 2, 2], ["punctuation", 1, 1]]
    assert (table["description"] != "").all()


def test_every_kind_of_the_bundled_report_is_described(report):
    kinds = set(report.repairs["kind"])
    assert kinds <= set(views.KIND_DESCRIPTIONS) and kinds <= set(views._COLOURS)
    assert views.repair_summary(report)["n"].sum() == len(report.repairs)


def test_side_by_side_shows_raw_and_repaired(crafted_report):
    table = views.side_by_side(crafted_report)
    assert table[["raw", "repaired", "n_repairs", "kinds"]].values.tolist() == [
        ["他说,好<b>。", "他说，好<b>。", 1, ""],  # punctuation is counted, not listed
        ["第二段 文字 继续。", "第二段文字继续。", 2, "space_removed"],
    ]


def test_side_by_side_raw_is_the_raw_span(report):
    table = views.side_by_side(report)
    assert len(table) == len(report.paragraphs)
    for row, paragraph in zip(table.itertuples(), report.paragraphs.itertuples()):
        assert row.raw == report.raw[paragraph.raw_start:paragraph.raw_end]


def test_part_counts_total_row(report):
    table = views.part_counts(report)
    body, total = table.iloc[:-1], table.iloc[-1]
    assert total["section"] == -1 and total["section_title"] == "全文"
    for column in ("paragraphs", "sentences", "characters", "han_characters"):
        assert total[column] == body[column].sum()
    assert total["paragraphs"] == len(report.paragraphs) and total["sentences"] == len(report.sentences)


def test_repairs_html_escapes_and_highlights(crafted_report):
    html = views.repairs_html(crafted_report)
    assert "<b>" not in html.split("<hr>", 1)[1] and "&lt;b&gt;" in html
    assert html.count('title="space_removed') == 2 and html.count('title="punctuation') == 1


def test_repairs_html_range(crafted_report):
    start = crafted_report.raw.index("第二段")
    html = views.repairs_html(crafted_report, start=start)
    body = html.split("<hr>", 1)[1]
    assert "他说" not in body and body.count('title="space_removed') == 2
