"""Key word in context and dispersion (analysis.concordance), on small crafted reports."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import ReportError, parse_report
from analysis.concordance import dispersion_plot, dispersion_positions, display_width, kwic, render_kwic

TEXT = "标题\n\n□记者\n\n党员冲在一线，党员干部值守。\n\n全体党员坚守岗位。"


@pytest.fixture(scope="module")
def crafted_report():
    return parse_report(TEXT)


@pytest.fixture(scope="module")
def tokens(crafted_report, plain_tokenizer):
    return plain_tokenizer.tokens(crafted_report)


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        # a whole token only: 党员干部 is another token
        ({"window": 3}, [(1, "", "党员", "冲在一"), (2, "全体", "党员", "坚守岗")]),
        ({"window": 2, "unit": "tokens"}, [(1, "", "党员", "冲在"), (2, "全体", "党员", "坚守岗位。")]),
        ({"window": 3, "match": "substring"},
         [(1, "", "党员", "冲在一"), (1, "一线，", "党员", "干部值"), (2, "全体", "党员", "坚守岗")]),
        ({"window": 0}, [(1, "", "党员", ""), (2, "", "党员", "")]),
    ],
)
def test_kwic(tokens, kwargs, expected):
    lines = kwic(tokens, "党员", **kwargs)
    assert list(lines[["paragraph_id", "left", "node", "right"]].itertuples(index=False, name=None)) == expected


def test_context_stays_in_the_paragraph(tokens):
    lines = kwic(tokens, "全体", window=50)
    assert lines.loc[0, "left"] == "" and lines.loc[0, "right"] == "党员坚守岗位。"


def test_regex_and_raw_offsets(tokens, crafted_report):
    lines = kwic(tokens, r"党员.?干部", match="regex")
    assert lines["node"].tolist() == ["党员干部"]
    for row in kwic(tokens, "党员").itertuples():
        assert crafted_report.raw[row.raw_start:row.raw_end] == "党员"


def test_a_report_and_its_tokens_give_the_same_lines(crafted_report, tokens):
    # the default tokenizer and plain jieba cut this text alike
    assert kwic(crafted_report, "党员")["node"].tolist() == kwic(tokens, "党员")["node"].tolist()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"unit": "words"}, "unit="),
        ({"match": "glob"}, "match="),
        ({"window": -1}, "window="),
        ({"window": 2.5}, "window="),
        ({"match": "regex", "node": "党员("}, "invalid regular expression"),
        ({"node": ""}, "node is empty"),
    ],
)
def test_kwic_refuses(tokens, kwargs, message):
    node = kwargs.pop("node", "党员")
    with pytest.raises(ReportError, match=message):
        kwic(tokens, node, **kwargs)


def test_no_occurrence_is_an_empty_table(tokens):
    lines = kwic(tokens, "群众")
    assert lines.empty and {"left", "node", "right", "raw_start"} <= set(lines.columns)
    assert render_kwic(lines) == ""


@pytest.mark.parametrize("text, width", [("党员", 4), ("PCR", 3), ("党员 3", 6), ("", 0), ("，", 2)])
def test_display_width(text, width):
    assert display_width(text) == width


def test_render_kwic_aligns_the_node_in_display_columns(tokens):
    text = render_kwic(kwic(tokens, "党员", window=3, match="substring"), ids=False)
    columns = [display_width(line.split("【")[0]) for line in text.splitlines()]
    assert len(set(columns)) == 1
    with pytest.raises(ReportError, match="kwic"):
        render_kwic(pd.DataFrame({"node": ["x"]}))


def test_dispersion_positions_count_running_words(tokens):
    found = dispersion_positions(tokens, ["党员", "坚守岗位"])
    assert found["word"].tolist() == ["党员", "党员", "坚守岗位"]
    assert found["position"].tolist() == [0, 7, 8]  # punctuation is not a running word
    assert found["relative"].between(0, 1).all()


def test_dispersion_plot_draws_a_tick_per_occurrence(tokens, crafted_report):
    fig = dispersion_plot(tokens, ["党员", "一线"], report=crafted_report)
    try:
        ax = fig.axes[0]
        ticks = sum(len(c.get_segments()) for c in ax.collections)
        assert ticks == 3
        assert [t.get_text() for t in ax.get_yticklabels()] == ["党员 (2)", "一线 (1)"]
    finally:
        plt.close(fig)
    with pytest.raises(ReportError):
        dispersion_plot(tokens, [])
