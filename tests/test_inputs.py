"""One coercion of what the functions accept (analysis.inputs)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import ReportError, Tokenizer, inputs, parse_report

TEXT = "标题\n\n□记者\n\n党员冲在一线。"


@pytest.mark.parametrize("data, expected", [(TEXT, True), (3, False), (None, False), (pd.DataFrame(), False)])
def test_as_report(data, expected):
    if expected:
        assert inputs.is_report(inputs.as_report(data))
    else:
        with pytest.raises(ReportError, match="expected a Report"):
            inputs.as_report(data)


def test_as_report_passes_a_report_through():
    report = parse_report(TEXT)
    assert inputs.as_report(report) is report


def test_as_tokens_of_report_text_and_table_agree(plain_tokenizer):
    report = parse_report(TEXT)
    from_report = inputs.as_tokens(report, tokenizer=plain_tokenizer)
    from_text = inputs.as_tokens(TEXT, tokenizer=plain_tokenizer)
    assert from_report["word"].tolist() == from_text["word"].tolist() == ["党员", "冲", "在", "一线", "。"]
    assert inputs.as_tokens(from_report) is from_report  # a complete table is passed through


@pytest.mark.parametrize("bad", [pd.DataFrame({"token": ["a"]}), 3, ["党员"]])
def test_as_tokens_refuses(bad):
    with pytest.raises(ReportError):
        inputs.as_tokens(bad)


def test_as_tokenizer():
    mine = Tokenizer(user_dict=False)
    assert inputs.as_tokenizer(mine) is mine
    assert inputs.as_tokenizer() is inputs.as_tokenizer()
