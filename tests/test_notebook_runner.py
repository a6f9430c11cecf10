"""Tests of analysis.notebook_runner: rendered notebooks carry their Chinese glyphs."""

from __future__ import annotations

import base64
import io
import re

from analysis.notebook_runner import embed_cjk_font


def test_embedded_font_covers_every_chinese_character_of_the_page():
    from fontTools.ttLib import TTFont

    page = "<html><head><title>t</title></head><body><td>乌海 党旗下 誓言铮铮战疫魔！</td><p>abc</p></body></html>"
    out = embed_cjk_font(page)
    match = re.search(r'font-family:"ReportCJK";src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)', out)
    assert match, "no embedded @font-face"
    font = TTFont(io.BytesIO(base64.b64decode(match.group(1))))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "乌海党旗下誓言铮铮战疫魔！")
    assert '"ReportCJK"' in out.split("</style>")[0]
    assert out.endswith("<p>abc</p></body></html>")


def test_page_without_chinese_is_unchanged():
    page = "<html><head></head><body>plain</body></html>"
    assert embed_cjk_font(page) == page
