"""jieba's main dictionary, parsed once (analysis.jieba_dict)."""

from __future__ import annotations

from analysis import jieba_dict


def test_parsed_once_and_shared():
    assert jieba_dict.table() is jieba_dict.table()
    assert jieba_dict.frequency_dict() is jieba_dict.frequency_dict()


def test_agrees_with_jiebas_own_tables():
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    table = jieba_dict.table()
    duplicated = set(table.loc[table["word"].duplicated(), "word"])
    assert duplicated == {"B超"}  # the one word with two lines in jieba 0.42.1
    ours = jieba_dict.frequency_dict()
    words = [w for w in table["word"].iloc[::997] if w not in duplicated]  # a spread of about 350 words
    assert all(ours[w] == tokenizer.FREQ[w] for w in words)
    assert jieba_dict.total() == tokenizer.total == int(table["freq"].sum())
    assert len(ours) == len(table) - len(duplicated)


def test_tags_match_posseg():
    import jieba.posseg

    tags = jieba_dict.tags()
    word_tag_tab = jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab
    sample = list(tags)[::1001]
    assert all(tags[w] == word_tag_tab[w] for w in sample)
