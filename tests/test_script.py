"""Detecting traditional characters and converting them (OpenCC)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.script import ScriptProfile, detect_script, to_simplified


@pytest.mark.parametrize("text, label, n_traditional, n_simplified", [
    ("党旗下的誓言铮铮战疫魔", "simplified", 0, 4),        # 党 铮 铮 战; 旗 誓 疫 魔 … are shared
    ("黨旗下的誓言錚錚戰疫魔", "traditional", 4, 0),        # 黨 錚 錚 戰
    ("党员黨員", "mixed", 2, 2),
    ("人民在一起", "neutral", 0, 0),
    ("no Chinese at all", "none", 0, 0),
    ("", "none", 0, 0),
])
def test_detect_script(text, label, n_traditional, n_simplified):
    profile = detect_script(text)
    assert profile.label == label
    assert (profile.n_traditional, profile.n_simplified) == (n_traditional, n_simplified)


def test_traditional_share():
    assert ScriptProfile("mixed", 4, 1, 3).traditional_share == 0.25
    assert ScriptProfile("none", 0, 0, 0).traditional_share == 0.0


@pytest.mark.parametrize("text, expected", [
    ("黨員衝在防控一線", "党员冲在防控一线"),
    ("頭髮乾淨", "头发干净"),              # phrase-aware: 髮 → 发, 乾淨 → 干净
    ("已經是簡體的党员", "已经是简体的党员"),
    ("第一行\r\n第二行\r第三行\n", "第一行\r\n第二行\r第三行\n"),  # line endings kept
    ("", ""),
])
def test_to_simplified(text, expected):
    converted = to_simplified(text)
    assert converted == expected
    assert len(converted) == len(text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200) | st.text(alphabet="党員黨员 a\U00020000\ud800", max_size=80))
def test_character_counts_are_a_counters(text):
    """The numpy count behind detect_script gives what collections.Counter gives, on any text (lone surrogates,
    characters beyond the BMP, the empty text)."""
    from collections import Counter

    from analysis.script import _char_counts

    assert _char_counts(text) == dict(Counter(text))


def test_character_counts_across_chunks(monkeypatch):
    from collections import Counter

    from analysis import script

    monkeypatch.setattr(script, "_CHUNK", 3)
    assert script._char_counts("党员党员黨黨黨a") == dict(Counter("党员党员黨黨黨a"))
