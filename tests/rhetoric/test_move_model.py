"""Tests for analysis.rhetoric.move_model: the paragraph-sequence CRF over the rules' moves (opt-in)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import ReportError, parse_report
from analysis.rhetoric import move_model as mm
from analysis.rhetoric.moves import MOVES, paragraph_moves

#: Invented paragraphs (no text of any corpus).
CRAFTED = """某县召开防汛工作会议

新华社某地电 某县昨天召开防汛工作会议，部署今年的防汛工作。

县委书记王建国强调，各级党组织要把群众组织起来，把防线筑牢。

全县已储备编织袋12万条、救生衣3000件，组建抢险队45支、队员2100人。

“大家放心，有我们在！”村民刘洋说，他和乡亲们一起加固了堤坝。

防汛工作只有起点，没有终点。
"""


def test_feature_strings_are_short_and_hold_no_text():
    moves = paragraph_moves(parse_report(CRAFTED), method="rules")
    tokens = mm.paragraph_tokens(moves, mm.ALL_GROUPS)
    assert len(tokens) == len(moves)
    for feats in tokens:
        assert feats[0] == "bias"
        # no feature carries a span of the text longer than the two opening characters
        for f in feats:
            value = f.split("=", 1)[-1]
            if f.startswith("open="):
                assert len(value) <= 2
            elif not f.startswith(("rule=", "prev:rule=", "next:rule=")):
                assert not any("\u4e00" <= ch <= "\u9fff" for ch in value), f
    assert "prev:none" in tokens[0] and "next:none" in tokens[-1]


def test_rule_key_drops_numbers_and_names():
    assert mm._rule_key("named person: 王建国") == "named person"
    assert mm._rule_key("speech-like quotation covers 35%") == "speech-like quotation covers #"


def test_unknown_group_and_method_are_report_errors():
    with pytest.raises(ReportError):
        mm.paragraph_tokens(pd.DataFrame([dict(move="LEAD", rule="x", text="某")]), ("words",))
    with pytest.raises(ReportError):
        paragraph_moves(parse_report(CRAFTED), method="neural")


def test_shipped_model_loads_is_deterministic_and_documented():
    digest = hashlib.sha256(mm.MODEL_PATH.read_bytes()).hexdigest()
    assert digest in (Path(mm.MODEL_PATH).parent / "README.md").read_text(encoding="utf-8")
    report = parse_report(CRAFTED)
    first = paragraph_moves(report, method="crf")
    second = paragraph_moves(report, method="crf")
    assert first["move"].tolist() == second["move"].tolist()
    assert set(first["move"]) <= set(MOVES) | {"HEADING", "DATELINE"}
    assert first["rule_move"].tolist() == paragraph_moves(report, method="rules")["move"].tolist()
    assert first["rule"].str.startswith("move model (rules: ").all()


def test_default_method_is_the_model():
    """Issue 12 round 12: forward in time the model was ahead of the rules on four of five parts (the guidelines)."""
    report = parse_report(CRAFTED)
    default, model = paragraph_moves(report), paragraph_moves(report, method="crf")
    assert "rule_move" in default.columns and default["move"].tolist() == model["move"].tolist()
    assert "rule_move" not in paragraph_moves(report, method="rules").columns


#: An invented report with subheadings (the loader's ``report.headings``), like a long feature: outside the training
#: data of the model (2 of its 270 items have a subheading).
SECTIONED = """某县党员干部战洪水

某县广大党员冲锋在前，筑起防汛的坚固堤坝。

一、党旗飘扬在大堤上

县委书记王建国强调，各级党组织要把群众组织起来，把防线筑牢。

全县已储备编织袋12万条、救生衣3000件，组建抢险队45支、队员2100人。

二、群众心连心

“大家放心，有我们在！”村民刘洋说，他和乡亲们一起加固了堤坝。

防汛工作只有起点，没有终点，我们一定能够战胜洪水！
"""


def test_a_report_with_subheadings_keeps_the_rules():
    report = parse_report(SECTIONED)
    assert report.headings
    rules, model = paragraph_moves(report, method="rules"), paragraph_moves(report, method="crf")
    assert rules["sectioned"].all() and model["move"].tolist() == rules["move"].tolist()
    assert model["rule"].tolist() == rules["rule"].tolist() and model["rule_move"].tolist() == rules["move"].tolist()
    assert not paragraph_moves(parse_report(CRAFTED), method="rules")["sectioned"].any()


def test_missing_model_is_a_report_error(tmp_path):
    with pytest.raises(ReportError, match="train_move_model"):
        mm.tag([["bias"]], tmp_path / "none.crfsuite")


def _fixture() -> dict:
    """Four invented items: the rules' moves, how paragraphs cover blocks, and hand labels that differ from the rules
    in a learnable way (a paragraph the rules call QUOTATION after a LEADER_DIRECTIVE is one too)."""
    data = {}
    for n in range(12):
        rules = ["LEAD", "LEADER_DIRECTIVE", "QUOTATION", "INSTITUTIONAL_ACTION", "QUOTATION"]
        gold = ["LEAD", "LEADER_DIRECTIVE", "LEADER_DIRECTIVE", "INSTITUTIONAL_ACTION", "QUOTATION"]
        moves = pd.DataFrame(dict(move=rules, rule=["r"] * 5, text=["某地开展工作。"] * 5, n_chars=[7] * 5))
        cover = pd.DataFrame(dict(position=range(5), block=range(1, 6), overlap=[7] * 5))
        data[f"item{n:02d}"] = (moves, cover, {b: g for b, g in zip(range(1, 6), gold)})
    return data


def test_cross_validation_runs_on_a_small_fixture_and_learns_the_context(tmp_path):
    table = mm.cross_validate(_fixture(), groups=("rules", "context"), params={"c1": 0.0, "c2": 0.01}, k=3,
                              workdir=tmp_path)
    assert len(table) == 12 * 5
    assert set(table["fold"]) == {0, 1, 2}
    rules, model = mm.scores(table, "rules"), mm.scores(table, "model")
    assert rules["agreement"] == pytest.approx(0.8)
    assert model["agreement"] == pytest.approx(1.0)  # the context feature (prev:rule_move) fixes the directive
    assert model["leader_recall"] == 1.0 and rules["leader_recall"] == 0.5


def test_training_is_deterministic(tmp_path):
    data = _fixture()
    sequences = [mm.training_sequence(m, c, g, ("rules", "context")) for m, c, g in data.values()]
    a = mm.train(sequences, tmp_path / "a.crfsuite")
    b = mm.train(sequences, tmp_path / "b.crfsuite")
    assert a.read_bytes() == b.read_bytes()


def test_training_sequence_labels_paragraphs_by_their_block():
    moves = pd.DataFrame(dict(move=["LEAD", "EXEMPLAR"], rule=["a", "b"], text=["甲。", "乙。"]))
    cover = pd.DataFrame(dict(position=[0, 1, 1], block=[1, 2, 3], overlap=[2, 1, 5]))
    _, labels = mm.training_sequence(moves, cover, {1: "LEAD", 3: "QUOTATION"}, ("rules",))
    assert labels == ["LEAD", "QUOTATION"]
    assert mm.block_predictions(["LEAD", "QUOTATION"], cover) == {1: "LEAD", 2: "QUOTATION", 3: "QUOTATION"}


def test_benchmark_script_parts():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import train_move_model

    assert train_move_model.part_of("xwlb_20200107_05") == 1
    assert train_move_model.part_of("pd1998_00036_00040") == 2
    assert train_move_model.part_of("pd1998_05125_05161") == 4
    assert train_move_model.part_of("pd1998_06223_06225") == 5 and train_move_model.part_of("pd1998_07105_07109") == 6
    assert train_move_model.part_of("pd1998_07980_07984") == 7 and train_move_model.part_of("pd1998_08957_08967") == 7
    assert train_move_model.part_of("pd1998_08982_08994") == 8 and train_move_model.part_of("pd1998_09614_09629") == 9
    assert train_move_model.part_of("pd1998_10125_10137") == 9 and train_move_model.part_of("pd1998_10138_10140") == 10
    assert train_move_model.part_of("pd1998_12016_12022") == 11
    assert train_move_model.part_of("pd1998_12799_12803") == 12  # the last seen part (13, from line 12804, is held out)
    assert train_move_model.part_of("pd1998_12804_12807") == 13
    assert set(train_move_model.FIRST_SCORING_COMMITS) == {7, 8, 9, 10, 11}


def test_leave_one_part_out_folds_and_the_guard(tmp_path):
    data = _fixture()
    table = mm.cross_validate(data, groups=("rules", "context"), params={"c1": 0.0, "c2": 0.01}, workdir=tmp_path,
                              fold=lambda item: int(item[-2:]) % 4, guard=True)
    assert set(table["fold"]) == {0, 1, 2, 3} and len(table) == 12 * 5
    assert mm.guarded(["HEADING", "LEAD"], ["EXEMPLAR", "LEAD"]) == ["EXEMPLAR", "LEAD"]


def test_move_table_method_is_checked():
    from analysis.evaluation.rhetoric import move_table

    with pytest.raises(ReportError):
        move_table("dev", method="neural")
