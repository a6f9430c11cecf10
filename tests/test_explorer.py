"""Tests of analysis.explorer: one word's KWIC lines, positions and collocates, and the widget around them."""

from __future__ import annotations

import pytest

from analysis import Tokenizer
from analysis.explorer import explore_word


@pytest.fixture(scope="module")
def crafted_tokens(crafted):
    report = crafted("党员带头，党员先行。\n\n群众支持党员，党员服务群众。\n\n村民自治。")
    return Tokenizer().tokens(report)


def test_a_word_in_two_paragraphs(crafted_tokens):
    found = explore_word(crafted_tokens, " 党员 ", min_count=1)
    assert found.word == "党员"
    assert len(found.kwic) == 4 and len(found.positions) == 4
    assert found.message == "党员: 4 occurrences as a whole token in 2 paragraphs"
    assert {"群众", "先行", "带头"} <= set(found.collocates["word"]) and set(found.collocates["node"]) == {"党员"}


def test_no_occurrence_suggests_substrings(crafted_tokens):
    found = explore_word(crafted_tokens, "党")
    assert found.kwic.empty and found.message == "党: no occurrence as a whole token; try substring matches"
    inside = explore_word(crafted_tokens, "党", match="substring")
    assert len(inside.kwic) == 4 and inside.message.endswith("in the text in 2 paragraphs")


def test_an_empty_search(crafted_tokens):
    found = explore_word(crafted_tokens, "  ")
    assert found.message == "type a word" and found.kwic.empty and found.collocates.empty


def test_the_widget_has_its_views(crafted_tokens):
    pytest.importorskip("ipywidgets", reason="ipywidgets comes with the [lab] extra")
    from analysis.explorer import explorer

    def widgets(box):
        yield box
        for child in getattr(box, "children", ()):
            yield from widgets(child)

    found = {c: w for w in widgets(explorer(crafted_tokens, word="党员")) for c in getattr(w, "_dom_classes", ())}
    assert {"analysis-explorer-search", "analysis-explorer-match", "analysis-explorer-status", "analysis-explorer-kwic",
            "analysis-explorer-dispersion", "analysis-explorer-collocates"} <= set(found)
    assert "4 occurrences" in found["analysis-explorer-status"].value
    assert "党员" in found["analysis-explorer-kwic"].value
    assert found["analysis-explorer-dispersion"].value.startswith('<img alt="dispersion of 党员" src="data:image/png;base64,')
    assert "<table" in found["analysis-explorer-collocates"].value or "no collocate" in found["analysis-explorer-collocates"].value
    # no Output widget: nbclient mirrors one with shell-channel messages that can hang a run (jupyter/nbclient#312)
    assert not any(type(w).__name__ == "Output" for w in widgets(explorer(crafted_tokens, word="党员")))
    found["analysis-explorer-search"].value = "没有的词"
    assert found["analysis-explorer-dispersion"].value == "" and "no occurrence" in found["analysis-explorer-status"].value
