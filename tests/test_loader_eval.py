"""The loader's evaluation harness (analysis.evaluation.loader) on generated paragraphs."""

from __future__ import annotations

import random

from analysis.evaluation.loader import damaged_documents, evaluate_documents

CHARS = "党员群众干部防控工作社区医院检查组织建设发展经济生产企业农村学校教育科技创新改革开放服务保障安全"


def _paragraphs(n: int, seed: int = 3) -> list[str]:
    """Generated paragraphs without two equal adjacent characters (random text is not real text: whether a
    doubling in it is natural cannot be judged from real text)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = "，".join("".join(rng.choice(CHARS) for _ in range(rng.randint(5, 12))) for _ in range(rng.randint(2, 5)))
        out.append("".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1]) + "。")
    return out


def test_damage_has_known_truth_and_loader_deletes_nothing():
    docs = damaged_documents(_paragraphs(80), n_docs=20, seed=5, doubling_rate=0.0)
    assert all("\n\n" in d["text"] for d in docs)
    scores = evaluate_documents(docs)
    assert scores["documents"] == 20 and scores["errors"] == 0
    assert scores["chars_deleted"] == 0
    assert scores["captions_right"] == scores["captions"] > 0
    assert scores["paragraphs_exact"] >= 0.8 * scores["paragraphs"]


def test_undamaged_documents_come_back_exactly():
    docs = damaged_documents(_paragraphs(40), n_docs=10, seed=2, break_rate=0.0, caption_rate=0.0)
    scores = evaluate_documents(docs)
    assert scores["documents_exact"] == 10
