"""Views of the repair log: summaries, raw-versus-repaired tables, highlights.

The loader (:mod:`analysis.loading`) records every repair with its raw
offsets; these functions only present that log.
"""

from __future__ import annotations

import html
import logging

import pandas as pd

LOGGER = logging.getLogger(__name__)

__all__ = ["repair_summary", "side_by_side", "repairs_html", "part_counts"]

#: What each repair kind means, for tables and figures.
KIND_DESCRIPTIONS = {
    "column_break_join": "line cut by a column break joined to its continuation",
    "duplicate_at_join": "character repeated across a column break dropped (evidence: OCR artefact)",
    "suspected_duplicate": "character repeated across a column break kept (real text doubles it); nothing changed",
    "punctuation": "half-width or straight punctuation made full-width",
    "space_removed": "space inside Chinese text removed",
    "lost_quotation": "quotation mark restored around unmarked speech",
    "orphan_attribution": "attribution whose quotation is missing set aside",
    "caption": "photo caption with credit set aside",
    "dateline": "dateline (agency, place, date, reporters) set aside from the body",
    "editor": "editor line (责任编辑) set aside",
    "end_mark": "end-of-article mark set aside",
    "page_header": "page furniture (running head, folio, page or section name) set aside",
    "jump": "jump line (下转第二版, 上接第一版) set aside",
    "control_character": "control character removed",
    "invisible_character": "zero-width or bidi control character removed",
    "sidebar": "scrambled sidebar lines set aside",
}


def repair_summary(report) -> pd.DataFrame:
    """Count the repairs of each kind.

    Args:
        report: A loaded :class:`~analysis.loading.Report`.

    Returns:
        DataFrame with columns ``kind, n, raw_chars`` (raw characters the
        repairs of that kind touch), ``description``, ordered by ``n``.

    >>> from analysis import parse_report
    >>> repair_summary(parse_report("题目\\n\\n他说,好。")).kind.tolist()
    ['punctuation']
    """
    repairs = report.repairs
    table = (
        repairs.assign(raw_chars=repairs.raw_end - repairs.raw_start)
        .groupby("kind", as_index=False)
        .agg(n=("repair_id", "size"), raw_chars=("raw_chars", "sum"))
        .sort_values(["n", "kind"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    table["description"] = table["kind"].map(KIND_DESCRIPTIONS).fillna("")
    return table


def side_by_side(report) -> pd.DataFrame:
    """Each paragraph's raw span next to its repaired text.

    Args:
        report: A loaded report.

    Returns:
        DataFrame with columns ``paragraph_id, section, raw, repaired,
        n_repairs, kinds`` (comma-separated repair kinds, punctuation
        excluded from the list but counted in ``n_repairs``).
    """
    rows = []
    repairs = report.repairs
    for paragraph in report.paragraphs.itertuples():
        own = repairs[repairs.paragraph_id == paragraph.paragraph_id]
        kinds = sorted(set(own.kind) - {"punctuation"})
        rows.append(
            dict(
                paragraph_id=paragraph.paragraph_id,
                section=paragraph.section,
                raw=report.raw[paragraph.raw_start : paragraph.raw_end],
                repaired=paragraph.text,
                n_repairs=len(own),
                kinds=", ".join(kinds),
            )
        )
    return pd.DataFrame(rows, columns=["paragraph_id", "section", "raw", "repaired", "n_repairs", "kinds"])


def part_counts(report) -> pd.DataFrame:
    """Characters, paragraphs and sentences per section, and in total.

    Returns:
        DataFrame with columns ``section, section_title, paragraphs,
        sentences, characters, han_characters``; the last row is the total
        (section ``-1``, title ``全文``).
    """
    from ..resources import RE_HAN

    p = report.paragraphs
    rows = []
    for section, group in p.groupby("section", sort=True):
        text = "".join(group.text)
        rows.append(
            dict(section=int(section), section_title=group.section_title.iloc[0], paragraphs=len(group),
                 sentences=int(group.n_sentences.sum()), characters=len(text), han_characters=len(RE_HAN.findall(text)))
        )
    table = pd.DataFrame(rows)
    total = dict(section=-1, section_title="全文", paragraphs=int(table.paragraphs.sum()),
                 sentences=int(table.sentences.sum()), characters=int(table.characters.sum()),
                 han_characters=int(table.han_characters.sum()))
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


_COLOURS = {
    "column_break_join": "#fde68a",
    "duplicate_at_join": "#fca5a5",
    "suspected_duplicate": "#fee2e2",
    "punctuation": "#bfdbfe",
    "space_removed": "#e5e7eb",
    "lost_quotation": "#bbf7d0",
    "orphan_attribution": "#fdba74",
    "caption": "#ddd6fe",
    "sidebar": "#f5d0fe",
    "dateline": "#cffafe",
    "editor": "#e0e7ff",
    "end_mark": "#e0e7ff",
    "page_header": "#e0e7ff",
    "jump": "#e0e7ff",
    "control_character": "#fecaca",
    "invisible_character": "#fecaca",
}


def repairs_html(report, *, start: int = 0, end: int | None = None) -> str:
    """The raw text as HTML with every repaired span highlighted.

    Hovering a highlight shows the repair (kind, before → after, note).
    All report text is HTML-escaped.

    Args:
        report: A loaded report.
        start: Raw offset to start from.
        end: Raw offset to stop at (default: end of file).

    Returns:
        An HTML fragment (a ``<div>`` with a legend).
    """
    raw = report.raw
    end = len(raw) if end is None else end
    marks: dict[int, list] = {}
    points: dict[int, list] = {}
    for row in report.repairs.itertuples():
        if row.raw_end > row.raw_start:
            for i in range(row.raw_start, row.raw_end):
                marks.setdefault(i, []).append(row)
        else:
            points.setdefault(row.raw_start, []).append(row)
    out = []
    for i in range(start, end):
        for row in points.get(i, []):
            out.append(
                f'<span style="background:{_COLOURS.get(row.kind, "#eee")};font-weight:bold" '
                f'title="{html.escape(row.kind)}: inserted {html.escape(row.after)}">{html.escape(row.after)}</span>'
            )
        char = raw[i]
        if char == "\n":
            out.append("<br>")
            continue
        rows = marks.get(i)
        if rows:
            row = rows[-1]
            title = f"{row.kind}: {row.before!r} → {row.after!r}. {row.note}"
            shown = "⏎" if char in "\r" else char
            out.append(
                f'<span style="background:{_COLOURS.get(row.kind, "#eee")}" title="{html.escape(title)}">{html.escape(shown)}</span>'
            )
        else:
            out.append(html.escape(char))
    legend = " ".join(
        f'<span style="background:{colour};padding:0 4px">{kind}</span>' for kind, colour in _COLOURS.items()
    )
    return f'<div style="font-size:14px;line-height:1.8">{legend}<hr>{"".join(out)}</div>'
