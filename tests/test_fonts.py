"""Tests of analysis.fonts: a font that draws every character of the report."""

from __future__ import annotations

import pytest

from analysis import ReportError, fonts


def test_font_covers_every_character_of_the_report(report):
    font = fonts.find_cjk_font()
    assert fonts.missing_characters(font, report.raw) == []


def test_bundled_font_is_installed_with_the_project():
    font = fonts.bundled_font()
    assert font is not None and font.name == "NotoSansSC-Regular.otf"
    assert fonts.font_covers(font, "乌海党旗下誓言铮铮战疫魔")


def test_missing_characters_detects_gaps(tmp_path):
    dejavu = pytest.importorskip("matplotlib").get_data_path() + "/fonts/ttf/DejaVuSans.ttf"
    assert fonts.missing_characters(dejavu, "ab党员") == ["党", "员"]


def test_explicit_font_without_chinese_is_a_clear_error():
    import matplotlib

    dejavu = matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf"
    with pytest.raises(ReportError, match="no Chinese glyphs"):
        fonts.find_cjk_font(dejavu)


def test_missing_explicit_font(tmp_path):
    with pytest.raises(ReportError, match="not found"):
        fonts.find_cjk_font(tmp_path / "nofont.otf")


def test_no_font_anywhere_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("ANALYSIS_CJK_FONT", raising=False)
    monkeypatch.setattr(fonts, "_SYSTEM_DIRS", ())
    monkeypatch.setattr(fonts, "bundled_font", lambda: None)
    fonts.find_cjk_font.cache_clear()
    try:
        with pytest.raises(ReportError, match="pip install pylopdf-fonts-zh-cn"):
            fonts.find_cjk_font()
    finally:
        fonts.find_cjk_font.cache_clear()


def test_matplotlib_draws_chinese_without_missing_glyph_warnings(recwarn):
    import matplotlib.pyplot as plt

    fonts.configure_matplotlib()
    fig, ax = plt.subplots()
    ax.set_title("乌海 党旗下 誓言铮铮战疫魔！")
    fig.canvas.draw()
    plt.close(fig)
    assert not [w for w in recwarn if "missing from font" in str(w.message)]
