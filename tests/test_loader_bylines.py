"""The byline and inline-caption sample of the loader's evaluation (analysis.evaluation.loader.bylined_documents)."""

from __future__ import annotations

from analysis.evaluation.loader import BYLINE_POSITIONS, BYLINE_STYLES, bylined_documents, evaluate_documents

NAMES = ["张建华", "李小平", "王强", "胥大江", "喻小兵", "赵敏", "刘德明", "陈静"]


def test_the_sample_has_every_style_and_position_and_known_truth(generated_paragraphs):
    docs = bylined_documents(generated_paragraphs(60), NAMES, n_docs=80, seed=4)
    assert {d["style"] for d in docs} == set(BYLINE_STYLES)
    assert {d["position"] for d in docs} == set(BYLINE_POSITIONS)
    for doc in docs:
        assert doc["authors"] and set(doc["authors"]) <= set(NAMES)
        assert all(name in doc["text"] for name in doc["authors"] + doc["photographers"])
        assert all(p.replace("，", "")[:3] in doc["text"].replace("\n", "").replace("，", "") for p in doc["paragraphs"])


def test_the_same_seed_gives_the_same_documents(generated_paragraphs):
    assert bylined_documents(generated_paragraphs(30), NAMES, n_docs=5, seed=9) == bylined_documents(generated_paragraphs(30), NAMES, n_docs=5, seed=9)


def test_the_loader_finds_bylines_and_inline_captions(generated_paragraphs):
    docs = bylined_documents(generated_paragraphs(60), NAMES, n_docs=40, seed=5, break_rate=0.0)
    scores = evaluate_documents(docs)
    assert scores["authors"] > 40 and scores["authors_found"] == scores["authors"] and scores["authors_false"] == 0
    assert scores["captions"] > 10 and scores["captions_right"] == scores["captions"]
    assert scores["documents_exact"] == scores["documents"] and scores["chars_deleted"] == 0


def test_the_other_samples_have_no_author_scores(generated_paragraphs):
    from analysis.evaluation.loader import damaged_documents

    assert "authors" not in evaluate_documents(damaged_documents(generated_paragraphs(30), n_docs=3, seed=1))
