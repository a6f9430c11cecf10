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


def test_install_jupyter_font_keeps_the_users_css_and_settings(tmp_path):
    import json

    (tmp_path / "custom").mkdir()
    (tmp_path / "custom" / "custom.css").write_text(".mine { color: red; }\n", encoding="utf-8")
    (tmp_path / "jupyter_lab_config.json").write_text('{"LabApp": {"collaborative": false}}', encoding="utf-8")
    css = fonts.install_jupyter_font(tmp_path)
    fonts.install_jupyter_font(tmp_path)  # twice: the project's block is replaced, not repeated
    text = css.read_text(encoding="utf-8")
    assert text.count("@font-face") == 2 and text.count(".mine") == 1
    assert json.loads((tmp_path / "jupyter_lab_config.json").read_text()) == {"LabApp": {"collaborative": False, "custom_css": True}}
    assert json.loads((tmp_path / "jupyter_notebook_config.json").read_text()) == {"JupyterNotebookApp": {"custom_css": True}}
    subset = tmp_path / "custom" / "analysis-cjk-common.woff"
    assert subset.stat().st_size < 3_000_000
    assert fonts.font_covers(subset, "乌海党旗下誓言铮铮战疫魔，。“”！")  # GB2312 and Chinese punctuation
    assert fonts.font_covers(tmp_path / "custom" / "analysis-cjk-full.otf", "乌海党旗下誓言铮铮战疫魔")


def test_jupyter_font_css_limits_the_font_to_chinese():
    css = fonts.jupyter_font_css(full="full.otf")
    assert css.count("unicode-range: U+2E80-9FFF") == 2  # Latin text keeps the usual fonts
    assert '"AnalysisCJK", "AnalysisCJKFull"' in css
