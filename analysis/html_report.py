"""Build the one-page HTML report that ``python -m analysis report`` writes.

The page is a list of :class:`Section` objects, each a title and a list of
HTML blocks made by the small builders here (:func:`text_block`,
:func:`table_block`, :func:`figure_block`, :func:`note_block`,
:func:`file_links`).  Every piece of text that comes from the input (the
report, its tables, file names) goes through :func:`html.escape`, so a
report containing ``<script>`` shows those characters and never runs them;
the page also carries a Content-Security-Policy that forbids scripts.

The page is self-contained: figures are embedded as base64 ``data:`` URIs
and styles are inline, so ``index.html`` still works when its folder is
moved, zipped or mailed.  The CSV and PNG files written beside it are
linked with relative addresses.  So that Chinese renders even on a machine
without a Chinese font, the page embeds a subset of the project's CJK font
(:func:`analysis.fonts.find_cjk_font`; Noto Sans SC is under the SIL Open
Font License) holding just the characters the page uses (about 200 kB).
Control characters and invisible format characters (bidi overrides,
zero-width spaces) in the input are shown as visible marks such as
``[U+202E]`` (:func:`analysis.outputs.visible_html`), never passed through.
"""

from __future__ import annotations

import base64
import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from .outputs import visible_html

LOGGER = logging.getLogger(__name__)

__all__ = ["Section", "text_block", "table_block", "figure_block", "note_block", "file_links", "font_face", "build_page"]

#: Scripts, network requests, frames and forms are all forbidden; images only
#: from ``data:`` URIs or files beside the page; inline styles allowed.
CSP = ("default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'; font-src data:; "
       "base-uri 'none'; form-action 'none'")

_STYLE = """
body{font-family:"ReportCJK","Noto Sans SC","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;margin:0;color:#1d1d1f;background:#fafafa;line-height:1.6}
header{background:#8b1a1a;color:#fff;padding:1.2em 2em}
header h1{margin:0 0 .2em 0;font-size:1.7em}
header p{margin:.1em 0;opacity:.9}
nav{background:#fff;border-bottom:1px solid #ddd;padding:.5em 2em;position:sticky;top:0;z-index:1}
nav a{margin-right:1.2em;color:#8b1a1a;text-decoration:none;white-space:nowrap}
main{max-width:1100px;margin:0 auto;padding:1em 2em 3em}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.6em 1.4em 1em;margin:1.2em 0}
h2{color:#8b1a1a;border-bottom:2px solid #f0d5d5;padding-bottom:.2em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em;width:auto;max-width:100%}
th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f6eeee}
tr:nth-child(even) td{background:#fcfafa}
.tablewrap{overflow-x:auto}
figure{margin:1em 0;text-align:center}
figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9em;color:#555;margin-top:.3em}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.4em .8em;font-size:.92em}
.skipped{color:#777;font-style:italic}
.files{font-size:.9em}
details{margin:.6em 0}
.para{margin:.4em 0}
.pid{color:#999;font-size:.8em;margin-right:.4em}
.invisible{color:#b00;background:#fee;border:1px dotted #b00;font-size:.75em;font-family:monospace}
footer{color:#777;font-size:.85em;text-align:center;padding:1em}
"""


@dataclass
class Section:
    """One section of the page.

    Attributes:
        anchor: The ``id`` used for the navigation link (ASCII).
        title: The heading shown (plain text; escaped when rendered).
        blocks: HTML fragments made by the ``*_block`` builders.
        files: Files written for this section, relative to the page.
    """

    anchor: str
    title: str
    blocks: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _e(value) -> str:
    """Escape text for HTML; control and invisible characters are shown visibly."""
    return visible_html(html.escape(str(value), quote=True))


def text_block(text: str, *, tag: str = "p", css: str | None = None) -> str:
    """A paragraph of plain text, escaped.

    Args:
        text: Any text (from the report or written by the program).
        tag: The HTML element: ``p``, ``li``, ``h3`` or ``div``.
        css: An optional class name.

    Returns:
        The HTML fragment.

    >>> text_block("<script>alert(1)</script>")
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    """
    if tag not in {"p", "li", "h3", "div", "span"}:
        raise ValueError(f"tag must be p, li, h3, div or span, not {tag!r}")
    cls = f' class="{_e(css)}"' if css else ""
    return f"<{tag}{cls}>{_e(text)}</{tag}>"


def note_block(text: str) -> str:
    """A highlighted note (limits, warnings), escaped.

    >>> note_block("a & b")
    '<p class="note">a &amp; b</p>'
    """
    return text_block(text, css="note")


def table_block(frame: pd.DataFrame, *, max_rows: int | None = 40, caption: str | None = None,
                float_format: str = "{:.3f}", max_chars: int = 160) -> str:
    """A DataFrame as an HTML table; every cell escaped.

    Args:
        frame: The table.
        max_rows: Show at most this many rows (the CSV holds all of them);
            ``None`` for all.
        caption: Optional text above the table.
        float_format: Format for float cells.
        max_chars: Longer cell text is cut to this many characters and ``…``.

    Returns:
        The HTML fragment; for a table without rows, the caption and
        "none found".

    >>> print(table_block(pd.DataFrame({"词": []}), caption="Quotations"))
    <p>Quotations</p>
    <p class="skipped">none found</p>
    >>> print(table_block(pd.DataFrame({"词": ["<b>党员</b>"], "n": [3]})))
    <div class="tablewrap"><table>
    <thead><tr><th>词</th><th>n</th></tr></thead>
    <tbody>
    <tr><td>&lt;b&gt;党员&lt;/b&gt;</td><td>3</td></tr>
    </tbody></table></div>
    """
    if frame.empty:
        return "\n".join(([text_block(caption)] if caption else []) + [text_block("none found", css="skipped")])
    shown = frame if max_rows is None else frame.head(max_rows)

    def cell(value) -> str:
        if isinstance(value, float):
            return "" if pd.isna(value) else _e(float_format.format(value))
        if value is None or value is pd.NA or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
            return ""
        text = str(value)
        return _e(text if len(text) <= max_chars else text[: max_chars - 1] + "…")

    head = "".join(f"<th>{_e(c)}</th>" for c in shown.columns)
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in shown.itertuples(index=False)
    )
    parts = []
    if caption:
        parts.append(text_block(caption))
    parts.append(f'<div class="tablewrap"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>')
    if max_rows is not None and len(frame) > max_rows:
        parts.append(text_block(f"First {max_rows} of {len(frame)} rows; the CSV file has all of them.", css="skipped"))
    return "\n".join(parts)


def figure_block(png: bytes | str | Path, *, alt: str, caption: str | None = None) -> str:
    """An image embedded in the page as a base64 ``data:`` URI.

    Args:
        png: PNG bytes, or the path of a PNG file.
        alt: Alternative text (what the figure shows).
        caption: Optional caption under the figure.

    Returns:
        The HTML fragment.

    >>> figure_block(b"\\x89PNG", alt="词云")
    '<figure><img src="data:image/png;base64,iVBORw==" alt="词云"></figure>'
    """
    data = png if isinstance(png, bytes) else Path(png).read_bytes()
    encoded = base64.b64encode(data).decode("ascii")
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{encoded}" alt="{_e(alt)}">{cap}</figure>'


def file_links(files: list[str]) -> str:
    """Relative links to files written beside the page.

    >>> file_links(["tables/词频.csv"])
    '<p class="files">Files: <a href="tables/%E8%AF%8D%E9%A2%91.csv">tables/词频.csv</a></p>'
    """
    if not files:
        return ""
    links = ", ".join(f'<a href="{_e(quote(f))}">{_e(f)}</a>' for f in files)
    return f'<p class="files">Files: {links}</p>'


def font_face(text: str, font: str | Path) -> str:
    """A CSS ``@font-face`` rule embedding the glyphs of ``text`` from a font.

    Args:
        text: Every character the page shows.
        font: A TrueType/OpenType font or collection (first font used).

    Returns:
        The CSS rule (font family ``ReportCJK``), or ``""`` if the font
        cannot be subset (the page then falls back to system fonts).
    """
    import io

    try:
        from fontTools import subset

        options = subset.Options()
        options.flavor = "woff"
        options.notdef_outline = True
        options.name_IDs = ["*"]
        options.font_number = 0
        loaded = subset.load_font(str(font), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(text))))
        subsetter.subset(loaded)
        buffer = io.BytesIO()
        subset.save_font(loaded, buffer, options)
    except Exception as exc:  # a font fontTools cannot subset: use system fonts
        LOGGER.warning("could not embed font %s: %s", font, exc)
        return ""
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'@font-face{{font-family:"ReportCJK";src:url(data:font/woff;base64,{encoded}) format("woff");}}'


def build_page(sections: list[Section], *, title: str, subtitle: list[str] = (), footer: str = "",
               font: str | Path | None = None) -> str:
    """Assemble the complete HTML page.

    Args:
        sections: The sections, in order.
        title: The page title (e.g. the report's headline).
        subtitle: Lines under the title (byline, source file).
        footer: A line at the bottom (tool and version).
        font: A font whose glyphs for the page's characters are embedded
            (see :func:`font_face`); ``None`` relies on system fonts.

    Returns:
        The HTML document as a string (UTF-8, no external resources).

    >>> page = build_page([Section("a", "概要", [text_block("正文")])], title="<标题>")
    >>> "<title>&lt;标题&gt;</title>" in page and '<section id="a">' in page
    True
    """
    nav = "".join(f'<a href="#{_e(_anchor(s.anchor))}">{_e(s.title)}</a>' for s in sections)
    body = []
    for s in sections:
        blocks = "\n".join(b for b in s.blocks if b)
        body.append(f'<section id="{_e(_anchor(s.anchor))}">\n<h2>{_e(s.title)}</h2>\n{blocks}\n{file_links(s.files)}\n</section>')
    sub = "".join(f"<p>{_e(line)}</p>" for line in subtitle)
    main = "\n".join(body)
    face = font_face(html.unescape(re.sub(r"<[^>]*>", " ", main)) + title + footer + "".join(subtitle), font) if font else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{face}{_STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{_e(title)}</h1>{sub}</header>\n<nav>{nav}</nav>\n<main>\n"
        + main
        + f"\n</main>\n<footer>{_e(footer)}</footer>\n</body>\n</html>\n"
    )


def _anchor(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text) or "section"
