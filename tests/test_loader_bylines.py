"""The byline and inline-caption sample of the loader's evaluation (analysis.evaluation.loader.bylined_documents)."""

from __future__ import annotations

import random

from analysis.evaluation.loader import BYLINE_POSITIONS, BYLINE_STYLES, bylined_documents, evaluate_documents

CHARS = "党员群众干部防控工作社区医院检查组织建设发展经济生产企业农村学校教育科技创新改革开放服务保障安全"
NAMES = ["张建华", "李小平", "王强", "胥大江", "喻小兵", "赵敏", "刘德明", "陈静"]


def _paragraphs(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = "，".join("".join(rng.choice(CHARS) for _ in range(rng.randint(5, 12))) for _ in range(rng.randint(2, 5)))
        out.append("".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1]) + "。")
    return out


def test_the_sample_has_every_style_and_position_and_known_truth():
    docs = bylined_documents(_paragraphs(60), NAMES, n_docs=80, seed=4)
    assert {d["style"] for d in docs} == set(BYLINE_STYLES)
    assert {d["position"] for d in docs} == set(BYLINE_POSITIONS)
    for doc in docs:
        assert doc["authors"] and set(doc["authors"]) <= set(NAMES)
        assert all(name in doc["text"] for name in doc["authors"] + doc["photographers"])
        assert all(p.replace("，", "")[:3] in doc["text"].replace("\n", "").replace("，", "") for p in doc["paragraphs"])


def test_the_same_seed_gives_the_same_documents():
    assert bylined_documents(_paragraphs(30), NAMES, n_docs=5, seed=9) == bylined_documents(_paragraphs(30), NAMES, n_docs=5, seed=9)


def test_the_loader_finds_bylines_and_inline_captions():
    docs = bylined_documents(_paragraphs(60), NAMES, n_docs=40, seed=5, break_rate=0.0)
    scores = evaluate_documents(docs)
    assert scores["authors"] > 40 and scores["authors_found"] == scores["authors"] and scores["authors_false"] == 0
    assert scores["captions"] > 10 and scores["captions_right"] == scores["captions"]
    assert scores["documents_exact"] == scores["documents"] and scores["chars_deleted"] == 0


def test_the_other_samples_have_no_author_scores():
    from analysis.evaluation.loader import damaged_documents

    assert "authors" not in evaluate_documents(damaged_documents(_paragraphs(30), n_docs=3, seed=1))
