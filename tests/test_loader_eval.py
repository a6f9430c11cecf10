"""The loader's evaluation harness (analysis.evaluation.loader) on generated paragraphs."""

from __future__ import annotations

from analysis.evaluation.loader import damaged_documents, evaluate_documents


def test_damage_has_known_truth_and_loader_deletes_nothing(generated_paragraphs):
    docs = damaged_documents(generated_paragraphs(80), n_docs=20, seed=5, doubling_rate=0.0)
    assert all("\n\n" in d["text"] for d in docs)
    scores = evaluate_documents(docs)
    assert scores["documents"] == 20 and scores["errors"] == 0
    assert scores["chars_deleted"] == 0
    assert scores["captions_right"] == scores["captions"] > 0
    assert scores["paragraphs_exact"] >= 0.8 * scores["paragraphs"]


def test_undamaged_documents_come_back_exactly(generated_paragraphs):
    docs = damaged_documents(generated_paragraphs(40), n_docs=10, seed=2, break_rate=0.0, caption_rate=0.0)
    scores = evaluate_documents(docs)
    assert scores["documents_exact"] == 10
