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


def test_wrapped_documents_have_known_truth_and_layout(generated_paragraphs):
    from analysis.evaluation.loader import WRAP_INDENTS, WRAP_MEASURES, wrapped_documents

    docs = wrapped_documents(generated_paragraphs(120), ["张三", "李四", "王五"], n_docs=40, seed=4)
    assert {d["indent"] for d in docs} == set(WRAP_INDENTS) and {d["measure"] for d in docs} == set(WRAP_MEASURES)
    assert all(12 <= d["width"] <= 30 for d in docs)
    for d in docs:  # no body line wider than the column (+ a doubled copy, a hanging mark, half-width indent spaces)
        lines = [ln for ln in d["text"].split("\n")[1:] if ln and not any(n in ln for n in ("摄", "张三", "李四", "王五"))]
        assert max(len(ln) for ln in lines) <= d["width"] + 1 + len(d["indent"]) // 2 + (d["measure"] == "display")
    scores = evaluate_documents(docs)
    assert scores["errors"] == 0 and scores["chars_deleted"] == 0
    assert scores["captions_right"] == scores["captions"]
    assert scores["paragraphs_exact"] >= 0.85 * scores["paragraphs"]
    # the layout step left out, paragraph ends are read from punctuation only: on the indented documents the
    # layout recovers more (without an indent a paragraph ending at the column's edge runs on: a known limit)
    from analysis.loading import REPAIR_STEPS, parse_report

    indented = [d for d in docs if d["indent"]]
    without = sum(parse_report(d["text"], kind="ocr", repairs=[s for s in REPAIR_STEPS if s != "layout"])
                  .paragraphs.text.tolist() == d["paragraphs"] for d in indented)
    assert evaluate_documents(indented)["documents_exact"] > without


def test_furnished_documents_have_known_truth_and_furniture_is_set_aside(generated_paragraphs):
    from analysis.evaluation.loader import FURNITURE_POSITIONS, FURNITURE_STYLES, furnished_documents
    from analysis.loading import REPAIR_STEPS

    docs = furnished_documents(generated_paragraphs(120), n_docs=40, seed=6)
    assert {s for d in docs for s in d["styles"]} == set(FURNITURE_STYLES)
    assert {p for d in docs for p in d["positions"]} == set(FURNITURE_POSITIONS)
    assert all(line in d["text"] for d in docs for line in d["furniture"])
    scores = evaluate_documents(docs)
    assert scores["errors"] == 0 and scores["chars_deleted"] == 0
    assert scores["furniture_found"] >= 0.95 * scores["furniture"]
    assert scores["paragraphs_exact"] >= 0.9 * scores["paragraphs"]
    # the furniture step left out, running heads are glued to the body and no line is set aside
    without = evaluate_documents(docs, repairs=[s for s in REPAIR_STEPS if s != "furniture"])
    assert without["furniture_found"] == 0 and without["documents_exact"] < scores["documents_exact"]


def test_inline_jump_marks_leave_the_other_documents_as_they_were(generated_paragraphs):
    from analysis.evaluation.loader import furnished_documents

    paragraphs = generated_paragraphs(120)
    plain = furnished_documents(paragraphs, n_docs=30, seed=7)
    marked = furnished_documents(paragraphs, n_docs=30, seed=7, inline_jumps=0.8)
    assert [d["paragraphs"] for d in marked] == [d["paragraphs"] for d in plain]  # the same documents otherwise
    marks = [(d, line) for d in marked for line, style in zip(d["furniture"], d["styles"]) if style == "inline_jump"]
    assert 10 <= len(marks) <= 30 and all(line in d["text"] and "\n" + line + "\n" not in d["text"] for d, line in marks)
    assert {p for d in marked for p, s in zip(d["positions"], d["styles"]) if s == "inline_jump"} \
        == {"break_end", "break_start"}
    scores, before = evaluate_documents(marked), evaluate_documents(plain)
    assert scores["errors"] == 0 and scores["chars_deleted"] == 0
    assert scores["furniture_found"] - before["furniture_found"] == len(marks)  # every mark set aside
    assert scores["documents_exact"] == before["documents_exact"]


def test_cut_paragraph_pieces_rebuild_the_paragraph_less_the_doublings():
    import random

    from analysis.evaluation.loader import _cut_paragraph

    paragraph = "党员们冲在抗疫第一线，守护群众的生命安全，工作作风扎实。"
    for seed in range(40):
        rng = random.Random(seed)
        pieces, doublings, natural = _cut_paragraph(rng, paragraph, natural_share=0.5, doubling_rate=0.5)
        at, extra = 0, 0
        for j, piece in enumerate(pieces):
            if not paragraph.startswith(piece, at):  # a doubled copy of the character before the break
                assert j and piece[0] == pieces[j - 1][-1] and paragraph.startswith(piece[1:], at)
                piece, extra = piece[1:], extra + 1
            at += len(piece)
        assert at == len(paragraph) and extra == doublings
        assert len("".join(pieces)) - len(paragraph) == doublings
        assert 2 <= len(pieces) <= 3 and natural <= 1
    assert _cut_paragraph(random.Random(0), "短段落。") == (["短段落。"], 0, 0)
