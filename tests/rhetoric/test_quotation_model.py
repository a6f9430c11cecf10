"""The learned quotation-kind decision (analysis.rhetoric.quotation_model) on invented data."""

import pytest

from analysis.rhetoric import quotation_model as qm


def test_frame_features_read_the_marks_context():
    text = "他们开展“清河行动”，效果明显。"
    start = text.index("“")
    feats = qm.frame_features(text, start, text.index("”") + 1, "marked_term", repeats=2)
    assert "b2=开展" in feats and "a1=，" in feats and "rule=marked_term" in feats
    assert "rep=2" in feats and "last=动" in feats and "len=4" in feats


def test_training_is_deterministic_and_learns_a_frame():
    samples = [["rule=marked_term", "a1=活"], ["rule=marked_term", "a1=。"], ["rule=marked_term", "a1=活"],
               ["rule=marked_term", "a1=，"]]
    labels = ["coined_name", "marked_term", "coined_name", "marked_term"]
    first, second = qm.train(samples, labels), qm.train(samples, labels)
    assert first == second
    model = qm.QuotationModel(first)
    assert model.predict(["rule=marked_term", "a1=活"]) == "coined_name"
    assert model.predict(["rule=marked_term", "a1=。"]) == "marked_term"
    assert 0.5 < model.probability(["rule=marked_term", "a1=活"]) <= 1.0


def test_shipped_model_provenance():
    import json

    data = json.loads(qm.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["groups"] == list(qm.GROUPS) and data["rule_kinds"] == list(qm.RULE_KINDS)
    assert data["parts"] == list(range(1, 12))  # the seen parts of round 12: the held-out twelfth part is not read
    assert not any(f.startswith("rule=") for f in data["model"]["weights"])  # no plain rules' kind feature


def _kinds(body, method="model"):
    from analysis import parse_report
    from analysis.rhetoric import quotations

    return [tuple(r) for r in quotations(parse_report("标题\n\n□记者\n\n" + body), method=method)[["text", "kind"]].values]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("阅读《清河日报》。", [("清河日报", "title")]),  # the rules keep titles, formulas, reported speech
        ("坚持“三个一”工作法。", [("三个一", "number_formula")]),
        ("他说：“我们一定能赢。”", [("我们一定能赢。", "reported_speech")]),
        ("村口挂着“勤洗手、戴口罩”的横幅。", [("勤洗手、戴口罩", "slogan")]),  # a cue word at the marks: kept
        ("开展“清河行动”活动。", [("清河行动", "coined_name")]),
    ],
)
def test_the_default_keeps_what_the_rules_decide_by_marks_and_cues(body, expected):
    assert _kinds(body) == expected == _kinds(body, "rules")


def test_the_model_reads_a_list_of_columns_as_names():
    # invented, of the form of the eleventh part's errors (a newspaper's columns after 主要内容有): the rules read a
    # run of four-character quotations as mottos, the model as the names they are
    body = "报纸主要内容有：“股海观潮”、“理财技巧”、“健康指南”、“读书天地”等。"
    assert {kind for _, kind in _kinds(body, "rules")} == {"slogan"}
    assert {kind for _, kind in _kinds(body)} == {"coined_name"}


def test_unknown_method():
    from analysis import ReportError, parse_report
    from analysis.rhetoric import quotations

    with pytest.raises(ReportError):
        quotations(parse_report("标题\n\n□记者\n\n开展“清河行动”活动。"), method="crf")
