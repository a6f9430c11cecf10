"""Tests for analysis.rhetoric.idioms: idioms and four-character expressions."""

from __future__ import annotations

import pytest

from analysis import ReportError
from analysis.rhetoric.idioms import (
    EXPRESSION_COLUMNS,
    four_character_expressions,
    idiom_density,
    load_idioms,
)


@pytest.fixture(scope="session")
def expressions(report, tokenizer):
    return four_character_expressions(report, tokenizer=tokenizer)


def test_columns(expressions):
    assert list(expressions.columns) == EXPRESSION_COLUMNS


@pytest.mark.parametrize(
    "word, expected",
    [("沧海横流", True), ("因地制宜", True), ("争分夺秒", True), ("履职尽责", False), ("疫情防控", False)],
)
def test_idiom_list(word, expected):
    assert (word in load_idioms()) is expected


def test_canghai_hengliu_is_an_idiom(expressions, report):
    row = expressions[expressions["expression"] == "沧海横流"].iloc[0]
    assert row["is_idiom"] and row["kind"] == "chengyu"
    assert "idiom_list" in row["source"]
    assert row["part"] == "closing" and row["paragraph_id"] == report.paragraphs.paragraph_id.max()
    assert report.raw[row["raw_start"] : row["raw_end"]] == "沧海横流"


@pytest.mark.parametrize(
    "expression, is_idiom, source_part",
    [
        ("因地制宜", True, "idiom_list"),
        ("履职尽责", False, "jieba_tag"),   # jieba tags it l: not proof of idiom status
        ("坚守岗位", False, "clause"),
        ("全面动员", False, "clause"),      # the first half of a heading
    ],
)
def test_sources(expressions, expression, is_idiom, source_part):
    rows = expressions[expressions["expression"] == expression]
    assert len(rows) >= 1
    assert rows["is_idiom"].iloc[0] is is_idiom or bool(rows["is_idiom"].iloc[0]) == is_idiom
    assert any(source_part in s for s in rows["source"])


def test_spans(expressions, report):
    texts = dict(zip(report.paragraphs.paragraph_id, report.paragraphs.text))
    body = expressions[expressions["paragraph_id"] > 0]
    for row in body.itertuples():
        assert texts[row.paragraph_id][row.start : row.end] == row.expression
    assert (expressions["expression"].str.len() == 4).all()
    assert not expressions.duplicated(["part", "paragraph_id", "section", "start"]).any()


@pytest.mark.parametrize(
    "body, expected",
    [
        ("今天我们去公园散步了吗。", []),
        ("沧海横流，方显英雄本色。", [("沧海横流", True), ("英雄本色", True)]),
        ("作为从警41年的老党员。", []),                # digits next to it: not a clause
        ("轮流值班，坚守岗位。", [("轮流值班", False), ("坚守岗位", False)]),
        ("大家都在轮流值班。", []),                    # not a clause of its own, not in the list
    ],
)
def test_crafted(body, expected, tokenizer, crafted):
    found = four_character_expressions(crafted(body), tokenizer=tokenizer, include_titles=False)
    assert list(zip(found["expression"], found["is_idiom"])) == expected


def test_custom_list_and_errors(tokenizer, crafted):
    found = four_character_expressions(crafted("我们去公园散步了。"), tokenizer=tokenizer,
                                       idioms=frozenset({"公园散步"}), include_titles=False)
    assert found["expression"].tolist() == ["公园散步"]
    with pytest.raises(ReportError):
        load_idioms("/nonexistent/idioms.txt")
    with pytest.raises(ReportError):
        four_character_expressions(["not", "a", "report"])


def test_density(report, expressions):
    d = idiom_density(report, expressions=expressions).set_index("section_title")
    sections = [d.loc[t] for t in report.section_titles.values()]
    assert sum(s["n_expressions"] for s in sections) == d.loc["全文", "n_expressions"]
    assert d.loc["全文", "n_expressions"] == int((expressions["paragraph_id"] > 0).sum())
    assert d.loc["全文", "n_idioms"] == int(expressions.loc[expressions["paragraph_id"] > 0, "is_idiom"].sum())
    n_han = sum(len([c for c in t if "\u4e00" <= c <= "\u9fff"]) for t in report.paragraphs.text)
    assert d.loc["全文", "n_han"] == n_han
    assert d.loc["全文", "per_1000_chars"] == round(1000 * d.loc["全文", "n_expressions"] / n_han, 2)
    assert 0 < d.loc["全文", "coverage"] < 1
