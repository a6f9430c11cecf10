"""Where words occur: KWIC concordances and dispersion plots.

Every concordance line carries the paragraph and sentence ids and the raw
character offsets of its node, so a reader can check it in the original.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Literal, get_args

import numpy as np
import pandas as pd

from .errors import ReportError
from .inputs import is_report
from .frequency import as_tokens, segments

LOGGER = logging.getLogger(__name__)

__all__ = ["kwic", "render_kwic", "display_width", "dispersion_positions", "dispersion_plot"]

KWIC_COLUMNS = ["paragraph_id", "sentence_id", "section", "token_id", "start", "end", "raw_start", "raw_end",
                "left", "node", "right"]


#: Context measured in characters or in tokens.
Unit = Literal["chars", "tokens"]
#: How the node is matched: a whole token, anywhere in the text, or as a regular expression.
Match = Literal["token", "substring", "regex"]


def display_width(text: str) -> int:
    """Columns a string takes in a monospaced font (Chinese characters take two).

    >>> display_width("党员"), display_width("PCR"), display_width("党员 3")
    (4, 3, 6)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _paragraph_texts(tokens: pd.DataFrame) -> dict[int, str]:
    """Each paragraph's text, rebuilt from its tokens (they concatenate back to it)."""
    ordered = tokens.sort_values("token_id")
    return {int(pid): "".join(group["word"]) for pid, group in ordered.groupby("paragraph_id", sort=False)}


def kwic(
    tokens,
    node: str,
    *,
    window: int = 10,
    unit: Unit = "chars",
    match: Match = "token",
) -> pd.DataFrame:
    """Key word in context: every occurrence of ``node`` with its left and right context.

    Context stays inside the node's paragraph.

    Args:
        tokens: Token table (``Tokenizer().tokens(report)``) or a Report.
        node: The word to look up.
        window: Context size on each side, in ``unit``.
        unit: ``"chars"`` or ``"tokens"``.
        match: ``"token"`` (the node is a whole token: the occurrences the
            term table counts), ``"substring"`` (anywhere in the text, e.g.
            党员 inside 党员干部) or ``"regex"`` (``node`` is a regular expression).

    Returns:
        DataFrame in text order, one row per occurrence: ``paragraph_id,
        sentence_id, section, token_id`` (the token where the node starts),
        ``start, end`` (offsets in the paragraph text), ``raw_start,
        raw_end`` (offsets in the raw file; for a substring inside a token,
        those of the whole token), ``left, node, right``.

    Raises:
        ReportError: Bad ``unit``/``match``/``window`` or an invalid regex.

    >>> k = kwic("标题\\n\\n□记者\\n\\n党员冲在一线，党员干部值守。", "党员", window=3, match="substring")
    >>> k[["left", "node", "right"]].values.tolist()
    [['', '党员', '冲在一'], ['一线，', '党员', '干部值']]
    """
    if unit not in get_args(Unit):
        raise ReportError(f"unit={unit!r}: use 'chars' or 'tokens'")
    if match not in get_args(Match):
        raise ReportError(f"match={match!r}: use 'token', 'substring' or 'regex'")
    if not isinstance(window, int) or window < 0:
        raise ReportError(f"window={window!r}: pass a whole number of at least 0")
    if not node:
        raise ReportError("node is empty: pass the word to look up")
    tokens = as_tokens(tokens).sort_values("token_id").reset_index(drop=True)
    if "start" not in tokens.columns:
        tokens = tokens.copy()
        tokens["start"] = tokens.groupby("paragraph_id")["word"].transform(lambda s: s.str.len().cumsum() - s.str.len())
        tokens["end"] = tokens["start"] + tokens["word"].str.len()
    for column in ("raw_start", "raw_end"):
        if column not in tokens.columns:
            tokens[column] = tokens["start" if column == "raw_start" else "end"]
    texts = _paragraph_texts(tokens)
    rows = []
    if match == "token":
        hits = [(int(i), int(tokens.at[i, "start"]), int(tokens.at[i, "end"])) for i in np.flatnonzero(tokens["word"] == node)]
    else:
        try:
            pattern = re.compile(node if match == "regex" else re.escape(node))
        except re.error as exc:
            raise ReportError(f"invalid regular expression {node!r}: {exc}") from None
        hits = []
        for pid, text in texts.items():
            para = tokens.index[tokens["paragraph_id"] == pid]
            starts = tokens.loc[para, "start"].to_numpy()
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                # the token where the match starts
                hits.append((int(para[np.searchsorted(starts, m.start(), side="right") - 1]), m.start(), m.end()))
    for i, start, end in hits:
        pid = int(tokens.at[i, "paragraph_id"])
        text = texts[pid]
        if unit == "chars":
            left, right = text[max(0, start - window):start], text[end:end + window]
        else:
            para = tokens[tokens["paragraph_id"] == pid]
            before = para[para["end"] <= start].tail(window)
            after = para[para["start"] >= end].head(window)
            left, right = "".join(before["word"]), "".join(after["word"])
        last = tokens.index[(tokens["paragraph_id"] == pid) & (tokens["start"] < end)].max()
        raw_start = int(tokens.at[i, "raw_start"]) + (start - int(tokens.at[i, "start"]) if match == "token" else 0)
        rows.append((pid, int(tokens.at[i, "sentence_id"]), int(tokens.at[i, "section"]), int(tokens.at[i, "token_id"]),
                     start, end, raw_start, int(tokens.at[last, "raw_end"]), left, text[start:end], right))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def render_kwic(lines: pd.DataFrame, *, ids: bool = True, bracket: str = "【】") -> str:
    """Format a :func:`kwic` table as aligned text: contexts right/left aligned around the node.

    Widths are measured in display columns (a Chinese character is two), so
    the node column lines up in a monospaced font.

    Args:
        lines: Output of :func:`kwic`.
        ids: Start each line with ``¶paragraph_id s sentence_id``.
        bracket: Two characters put around the node.

    Returns:
        One string, a line per occurrence.

    >>> print(render_kwic(pd.DataFrame({"paragraph_id": [1, 12], "sentence_id": [1, 30],
    ...     "left": ["全市", "在"], "node": ["党员", "党员"], "right": ["挺身而出", "带头"]})))
    ¶1  s1  全市【党员】挺身而出
    ¶12 s30   在【党员】带头
    """
    if lines.empty:
        return ""
    missing = {"left", "node", "right"} - set(lines.columns)
    if missing:
        raise ReportError(f"render_kwic needs a kwic() table (missing {sorted(missing)})")
    width = max(display_width(s) for s in lines["left"])
    out = []
    labels = [f"¶{p} s{s}" for p, s in zip(lines.get("paragraph_id", [""] * len(lines)),
                                           lines.get("sentence_id", [""] * len(lines)))] if ids else [""] * len(lines)
    label_width = max(len(label) for label in labels)
    for label, left, node, right in zip(labels, lines["left"], lines["node"], lines["right"]):
        pad = " " * (width - display_width(left))
        prefix = f"{label:<{label_width}} " if ids else ""
        out.append(f"{prefix}{pad}{left}{bracket[0]}{node}{bracket[-1]}{right}")
    return "\n".join(out)


def dispersion_positions(tokens, words) -> pd.DataFrame:
    """Where each of ``words`` occurs, as a position in the running text.

    Args:
        tokens: Token table (or Report).
        words: A word or list of words (matched as whole tokens).

    Returns:
        DataFrame in text order: ``word, token_id, position`` (index among
        running words, from 0), ``relative`` (position / number of running
        words, 0–1), ``paragraph_id, sentence_id, section``.

    >>> dispersion_positions(pd.DataFrame({"word": ["党员", "，", "疫情", "党员"]}), "党员")["position"].tolist()
    [0, 2]
    """
    words = [words] if isinstance(words, str) else list(words)
    tokens = as_tokens(tokens).sort_values("token_id")
    running = tokens[~tokens["is_punct"].astype(bool)].reset_index(drop=True)
    running["position"] = np.arange(len(running))
    running["relative"] = running["position"] / max(1, len(running))
    hits = running[running["word"].isin(words)]
    return hits[["word", "token_id", "position", "relative", "paragraph_id", "sentence_id", "section"]].reset_index(drop=True)


def dispersion_plot(tokens, words, *, report=None, ax=None, split_closing: bool = True):
    """Dispersion plot: one row per word, a tick at each occurrence, segments marked.

    The x axis is the position in running words.  Vertical lines mark where
    each segment (lead, sections, closing) starts; with ``report`` they are
    labelled with the section titles.

    Args:
        tokens: Token table (or Report).
        words: Words to plot (top row first).
        report: The Report, for segment titles and the closing paragraph.
        ax: A matplotlib Axes (default: a new figure).
        split_closing: See :func:`analysis.frequency.segments`.

    Returns:
        The matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    if report is None and is_report(tokens):
        report = tokens
    words = [words] if isinstance(words, str) else list(words)
    if not words:
        raise ReportError("dispersion_plot needs at least one word")
    tokens = as_tokens(tokens).sort_values("token_id")
    running = tokens[~tokens["is_punct"].astype(bool)].reset_index(drop=True)
    hits = dispersion_positions(tokens, words)
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, 0.45 * len(words) + 1.6))
    else:
        fig = ax.figure
    for row, word in enumerate(words):
        x = hits.loc[hits["word"] == word, "position"].to_numpy()
        ax.vlines(x, row - 0.35, row + 0.35, color="#b2182b", linewidth=1.4)
    if report is not None:
        seg = segments(report, split_closing=split_closing).set_index("paragraph_id")
        running["segment_id"] = running["paragraph_id"].map(seg["segment_id"])
        running["segment"] = running["paragraph_id"].map(seg["segment"])
    else:
        running["segment_id"] = running["section"]
        running["segment"] = "section " + running["section"].astype(str)
    starts = running.groupby("segment_id").agg(start=("segment_id", lambda s: s.index.min()), segment=("segment", "first"))
    for start, title in zip(starts["start"], starts["segment"]):
        ax.axvline(start - 0.5, color="0.5", linestyle="--", linewidth=0.8)
        ax.text(start, -0.6, title.replace(" ", "\n"), fontsize=8, va="bottom", ha="left", color="0.3")
    ax.set_yticks(range(len(words)), [f"{w} ({(hits['word'] == w).sum()})" for w in words])
    ax.set_ylim(len(words) - 0.5, -0.5)
    ax.set_xlim(-1, len(running))
    ax.set_xlabel("position in the report (running words)")
    ax.set_title("Dispersion: each tick is one occurrence; dashed lines start a segment", fontsize=10, pad=42)
    return fig
