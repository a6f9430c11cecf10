"""Building the HTML page: escaping, tables, figures, links, embedded font."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest

from analysis.html_report import (
    CSP, Section, build_page, figure_block, file_links, font_face, note_block, table_block, text_block,
)


@pytest.mark.parametrize("text_in, expected", [
    ("党员", "<p>党员</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ('他说"好"&走', "<p>他说&quot;好&quot;&amp;走</p>"),
    ("it's", "<p>it&#x27;s</p>"),
    ("", "<p></p>"),
])
def test_text_block_escapes(text_in, expected):
    assert text_block(text_in) == expected


def test_text_block_rejects_unknown_tag():
    with pytest.raises(ValueError):
        text_block("x", tag="script")


def test_note_block_class():
    assert note_block("<b>") == '<p class="note">&lt;b&gt;</p>'


def test_table_block_escapes_headers_and_cells():
    frame = pd.DataFrame({"<th>": ["<td>x</td>", "a&b"], "n": [1, 2]})
    out = table_block(frame)
    assert "<th>&lt;th&gt;</th>" in out
    assert "<td>&lt;td&gt;x&lt;/td&gt;</td>" in out and "<td>a&amp;b</td>" in out


@pytest.mark.parametrize("value, expected", [
    (0.12345, "<td>0.123</td>"),
    (float("nan"), "<td></td>"),
    (None, "<td></td>"),
    (pd.NA, "<td></td>"),
    (7, "<td>7</td>"),
    (True, "<td>True</td>"),
])
def test_table_block_cell_formats(value, expected):
    frame = pd.DataFrame({"v": pd.Series([value], dtype=object)})
    assert expected in table_block(frame)


def test_table_block_truncates_rows_and_long_text():
    frame = pd.DataFrame({"text": ["长" * 200] + ["短"] * 9})
    out = table_block(frame, max_rows=3, max_chars=10)
    assert out.count("<tr><td>") == 3
    assert "长" * 9 + "…" in out and "长" * 10 not in out
    assert "First 3 of 10 rows" in out


def test_figure_block_round_trips_bytes(tmp_path):
    data = b"\x89PNG\r\n\x1a\nrest-of-file"
    path = tmp_path / "f.png"
    path.write_bytes(data)
    for source in (data, path):
        out = figure_block(source, alt="<alt>", caption="图 & 注")
        encoded = re.search(r'base64,([^"]+)"', out).group(1)
        assert base64.b64decode(encoded) == data
        assert 'alt="&lt;alt&gt;"' in out and "<figcaption>图 &amp; 注</figcaption>" in out


@pytest.mark.parametrize("files, expected", [
    ([], ""),
    (["tables/a.csv"], '<p class="files">Files: <a href="tables/a.csv">tables/a.csv</a></p>'),
    (['x"y.csv'], '<p class="files">Files: <a href="x%22y.csv">x&quot;y.csv</a></p>'),
])
def test_file_links(files, expected):
    assert file_links(files) == expected


def test_build_page_structure():
    sections = [Section("one", "第一", [text_block("甲")], files=["tables/one.csv"]), Section("two two", "第二")]
    page = build_page(sections, title="题<目>", subtitle=["作者：张三"], footer="v1")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page and CSP in page
    assert '<a href="#one">第一</a>' in page and '<section id="two-two">' in page
    assert "<h1>题&lt;目&gt;</h1>" in page and "<p>作者：张三</p>" in page
    assert '<a href="tables/one.csv">' in page
    assert "<script" not in page.lower()
    assert "@font-face" not in page  # no font asked for


def test_csp_forbids_scripts_and_network():
    directives = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert directives["default-src"] == "'none'"
    assert "script-src" not in directives  # falls back to default-src 'none'
    assert directives["img-src"] == "data: 'self'"


def test_font_face_embeds_a_subset_with_the_page_characters():
    from fontTools.ttLib import TTFont

    from analysis.fonts import find_cjk_font

    css = font_face("党员冲在一线", find_cjk_font())
    data = base64.b64decode(re.search(r"base64,([^)]+)\)", css).group(1))
    font = TTFont(io.BytesIO(data))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "党员冲在一线")
    assert ord("海") not in cmap  # only what the page uses
    assert len(data) < 50_000


def test_font_face_without_a_usable_font_falls_back(tmp_path):
    bad = tmp_path / "not-a-font.ttf"
    bad.write_bytes(b"nonsense")
    assert font_face("党员", bad) == ""


def test_build_page_with_font_covers_title_and_body():
    from analysis.fonts import find_cjk_font

    page = build_page([Section("a", "概要", [text_block("鲜红的旗帜")])], title="誓言铮铮", font=find_cjk_font())
    assert '@font-face{font-family:"ReportCJK"' in page


def test_invisible_characters_are_marked_in_a_real_browser(tmp_path):
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    page = build_page([Section("a", "概要", [text_block("党\u202e员\u200b说\x07<script>document.title='x'</script>")])],
                      title="标题")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
                            capture_output=True, text=True, timeout=120)
    dom = result.stdout
    assert "<title>标题</title>" in dom  # no script ran
    assert "[U+202E]" in dom and "[U+200B]" in dom and "␇" in dom
    assert "\u202e" not in dom and "\u200b" not in dom and "\x07" not in dom
