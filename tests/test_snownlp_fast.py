"""analysis.snownlp_fast gives exactly snownlp's scores and words: compared with ``==`` (not approx)
against snownlp itself on the report, the development corpus (when present) and random strings."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ReportError, snownlp_fast
from analysis.paths import PROJ_ROOT

DEV_CORPUS = PROJ_ROOT.parent / "shared" / "dev-corpus" / "xwlb"


def reference(text: str) -> float:
    """snownlp's own score (``SnowNLP('')`` divides by zero in its BM25, so '' goes to the classifier it calls)."""
    import snownlp

    return snownlp.SnowNLP(text).sentiments if text else snownlp.sentiment.classify(text)


def reference_words(text: str) -> list[str]:
    from snownlp import seg

    return seg.seg(text)


@pytest.fixture(scope="module")
def model():
    return snownlp_fast.SnowNLPModel()


def assert_identical(model, texts):
    got = model.sentiments(texts)
    for text, value in zip(texts, got):
        assert value == reference(text), text[:30]  # equal to the last bit
    words = model.words(texts)
    for text, cut in zip(texts, words):
        assert cut == reference_words(text), text[:30]


def test_report_sentences_and_paragraphs(model, report):
    texts = list(report.sentences["text"]) + list(report.paragraphs["text"]) + [report.headline]
    assert_identical(model, texts)


def test_report_titles_and_captions(model, report):
    texts = list(report.headings) + list(report.captions["text"]) + list(report.captions["raw_text"])
    assert len(texts) > 5
    assert_identical(model, texts)


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="development corpus ../shared/dev-corpus/xwlb not present")
def test_development_corpus(model):
    texts = []
    for path in sorted(DEV_CORPUS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            texts += [s for s in re.split(r"(?<=[。！？])", paragraph) if s.strip()]
    assert len(texts) > 300
    assert_identical(model, texts)


COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经党员疫情防控乌海社区群众坚守"
RARE = "丨丶丿乂乜乩亍亓亟亠亢亵亹亻仂仉仝仞仡仫仨龘龠鿏鿐"  # rare and recent CJK (some unseen by the model)
OTHER = "abcXYZ 0123456789，。！？、；：“”（）,.!?;:()\u3000\t\n-—…·%％\U00020000ㄅあアイ가éü"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.sampled_from(COMMON + RARE + OTHER), max_size=40), min_size=1, max_size=8))
def test_random_strings(model, texts):
    assert_identical(model, texts)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(RARE + "的了"), min_size=1, max_size=12))
def test_unseen_characters(model, text):
    # characters the model never saw: SnowNLP keeps the last predecessor, not the best one
    assert_identical(model, [text])


@pytest.mark.parametrize("text", ["", " ", "\n", "。", "abc 123", "！！！", "的的的的的的的的的的", "乌" * 300])
def test_edge_cases(model, text):
    assert_identical(model, [text])


def test_batch_and_single_agree(model, report):
    texts = list(report.sentences["text"])
    batch = snownlp_fast.SnowNLPModel().sentiments(texts)
    assert batch == [snownlp_fast.SnowNLPModel().sentiments([t])[0] for t in texts[:5]] + batch[5:]
    assert snownlp_fast.snownlp_sentiments(texts) == batch


def test_rejects_non_strings():
    with pytest.raises(ReportError, match="strings"):
        snownlp_fast.snownlp_sentiments(["好", 3])


def test_model_properties_the_lookups_rely_on():
    # only trigrams whose two bigrams have counts are looked up, and only bigrams of counted unigrams matter
    from snownlp import seg

    model = seg.segger.segger
    assert all(model.bi.d.get((x, y)) and model.bi.d.get((y, z)) for x, y, z in model.tri.d)
    assert all(model.uni.d.get(x) and model.uni.d.get(y) for x, y in model.bi.d)


def test_log_probabilities_equal_snownlps(model):
    # the table entries are snownlp's log_prob for every tag triple, at every position of a run
    from snownlp import seg

    snow = seg.segger.segger
    run = "乌海市党员干部坚守在疫情防控第一线丨仂"
    table, unseen = model._tables([run])
    bos = ("", "BOS")
    for t2, tag2 in enumerate(snownlp_fast.TAGS):
        assert table[0, 0, 0, t2] == snow.log_prob(bos, bos, (run[0], tag2))
        for t1, tag1 in enumerate(snownlp_fast.TAGS):
            assert table[1, 0, t1, t2] == snow.log_prob(bos, (run[0], tag1), (run[1], tag2))
    for i in range(2, len(run)):
        for t0, tag0 in enumerate(snownlp_fast.TAGS):
            for t1, tag1 in enumerate(snownlp_fast.TAGS):
                for t2, tag2 in enumerate(snownlp_fast.TAGS):
                    expected = snow.log_prob((run[i - 2], tag0), (run[i - 1], tag1), (run[i], tag2))
                    assert table[i, t0, t1, t2] == expected, (i, t0, t1, t2)
    assert unseen.tolist() == [all(snow.uni.freq((c, t)) == 0 for t in snownlp_fast.TAGS) for c in run]


def test_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path))
    fresh = snownlp_fast.SnowNLPModel()
    files = list(tmp_path.glob("snownlp-tables-*.npz"))
    assert len(files) == 1
    files[0].write_bytes(b"not a zip file")
    rebuilt = snownlp_fast.SnowNLPModel()
    text = "党员挺身而出，守护群众安全"
    assert fresh.sentiments([text]) == rebuilt.sentiments([text]) == [reference(text)]
    with np.load(files[0]) as data:  # rewritten, readable
        assert "tri_codes" in data.files
