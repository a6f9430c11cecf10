"""Tests for analysis.rhetoric.counted_model: the learned reader of the counted thing (invented sentences only)."""

from __future__ import annotations

import hashlib
import re

import pytest

from analysis import ReportError, parse_report
from analysis import paths
from analysis.rhetoric import counted_model as cm
from analysis.rhetoric.numbers import numeric_claims

README = paths.DATA_DIR / "models" / "README.md"
TOKENS = [("共", "d", 0, 1), ("派出", "v", 1, 3), ("40", "m", 3, 5), ("名", "q", 5, 6), ("医生", "n", 6, 8),
          ("，", "x", 8, 9), ("前往", "v", 9, 11), ("灾区", "n", 11, 13)]
BEGINS = [t[2] for t in TOKENS]


def test_the_window_stays_inside_the_clause():
    picked = cm.window(TOKENS, BEGINS, 3, 6)
    assert picked == [(0, "B"), (1, "B"), (2, "C"), (3, "C"), (4, "A")]  # not across the comma


def test_features_carry_the_rules_answer_and_the_measure_word():
    picked = cm.window(TOKENS, BEGINS, 3, 6)
    feats = cm.features(TOKENS, picked, 3, 6, "名", "医生", {"医生": 7})
    assert "rule=in" in feats[-1] and "head=5" in feats[-1] and "u=名" in feats[-1]
    assert all("rule=out" in f for f in feats[:-1])
    none = cm.features(TOKENS, picked, 3, 6, "名", "")
    assert all("rule=none" in f for f in none)


def test_labels_and_decoding_round_trip():
    picked = cm.window(TOKENS, BEGINS, 3, 6)
    tags = cm.labels(TOKENS, picked, (6, 8))
    assert tags == ["O", "O", "O", "O", "I"]
    assert cm.decode(TOKENS, picked, tags, 6, "名") == "医生"
    assert cm.decode(TOKENS, picked, ["O"] * 5, 6, "名") == ""


def test_decoding_prefers_the_run_after_the_number_and_cuts_a_straddling_token():
    tokens = [("卡点", "n", 0, 2), ("设", "v", 2, 3), ("5", "m", 3, 4), ("类产品", "n", 4, 7)]
    picked = cm.window(tokens, [0, 2, 3, 4], 3, 5)
    assert [side for _, side in picked] == ["B", "B", "C", "C"]
    assert cm.decode(tokens, picked, ["I", "O", "O", "I"], 5, "类") == "产品"  # the rest of 类产品 after the claim
    assert cm.decode(tokens, picked, ["I", "O", "O", "O"], 5, "类") == "卡点"  # only before: the noun before


def test_a_reader_sees_every_count_with_the_rules_answer():
    report = parse_report("标题\n\n全县共设立卡点120个，发放口罩5万只，投入资金300万元。")
    seen = []

    def reader(tokens, token_begins, start, end, unit, rule, **_):
        seen.append((unit, rule))
        return "某物"

    claims = numeric_claims(report, counted=reader)
    assert seen == [("个", "卡点"), ("只", "口罩")]  # money is no count: the reader is not asked
    assert claims["counted"].tolist() == ["某物", "某物", ""]


def test_an_unknown_reader_is_refused():
    with pytest.raises(ReportError):
        numeric_claims(parse_report("标题\n\n共有3个村。"), counted="bert")


def test_the_default_is_the_rules():
    report = parse_report("标题\n\n全县共设立卡点120个，排查群众3万余人，派出40名医生。")
    assert numeric_claims(report)["counted"].tolist() == numeric_claims(report, counted="rules")["counted"].tolist()


def test_the_model_keeps_plain_answers_of_the_rules():
    report = parse_report("标题\n\n全县共设立卡点120个，派出40名医生，发放口罩5万只，新建3所学校。")
    assert numeric_claims(report, counted="crf")["counted"].tolist() == ["卡点", "医生", "口罩", "学校"]


def test_the_shipped_model_is_the_one_its_readme_describes():
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("`counted_crf.crfsuite`"):]
    digest = re.search(r"sha256 `([0-9a-f]{64})`", section)
    assert digest, "data/models/README.md states the counted model's sha256"
    assert hashlib.sha256(cm.MODEL_PATH.read_bytes()).hexdigest() == digest.group(1)
    assert f"threshold {cm.THRESHOLD}" in section and f"c1 = {cm.CRF_PARAMS['c1']}" in section
