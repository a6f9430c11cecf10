"""The learned quotation-kind decision (analysis.rhetoric.quotation_model) on invented data."""

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
