"""A small interactive explorer for JupyterLab: type a word, see where and how it is used.

``explorer(tokens, report=report)`` returns an ipywidgets box with a search
field (it suggests the report's most frequent words and takes any other)
and a choice between whole-token and substring matches.  Each search
updates three views, all computed by :func:`explore_word` from the
package's own functions:

* the KWIC lines (:func:`analysis.concordance.kwic`), aligned on the word;
* the dispersion plot (:func:`analysis.concordance.dispersion_plot`);
* the collocates (:func:`analysis.keyness.collocations`).

The widget needs a live kernel; the rendered HTML and a static notebook
show its state at the last search only as text.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

import pandas as pd

from .concordance import Match

LOGGER = logging.getLogger(__name__)

__all__ = ["Exploration", "explore_word", "explorer"]


class Exploration(NamedTuple):
    """What the explorer shows for one word."""

    word: str
    kwic: pd.DataFrame
    positions: pd.DataFrame
    collocates: pd.DataFrame
    message: str


def explore_word(tokens, word: str, *, match: Match = "token", window: int = 12, collocate_window: int = 5,
                 min_count: int = 2) -> Exploration:
    """The KWIC lines, positions and collocates of one word.

    Args:
        tokens: Token table (``tokenizer.tokens(report)``).
        word: The word searched for (surrounding spaces are ignored).
        match: ``"token"`` (whole tokens) or ``"substring"``.
        window: Characters of KWIC context on each side.
        collocate_window: Running words on each side for collocates.
        min_count: Collocates seen fewer times in the windows are left out.

    Returns:
        :class:`Exploration`: ``kwic`` (columns of
        :func:`analysis.concordance.kwic`), ``positions`` (of
        :func:`analysis.concordance.dispersion_positions`; whole tokens
        only), ``collocates`` (of :func:`analysis.keyness.collocations`; whole
        tokens only) and a one-line ``message`` saying what was found.

    >>> from analysis import Tokenizer, parse_report
    >>> report = parse_report("标题\\n\\n党员带头，党员先行。群众支持党员。")
    >>> found = explore_word(Tokenizer().tokens(report), "党员", min_count=1)
    >>> found.message, len(found.kwic), len(found.positions)
    ('党员: 3 occurrences as a whole token in 1 paragraph', 3, 3)
    """
    from .concordance import dispersion_positions, kwic
    from .keyness import collocations

    word = (word or "").strip()
    empty = pd.DataFrame()
    if not word:
        return Exploration(word, empty, empty, empty, "type a word")
    lines = kwic(tokens, word, window=window, match=match)
    positions = dispersion_positions(tokens, word)
    collocates = collocations(tokens, word, window=collocate_window, min_count=min_count) if len(positions) else empty
    kind = "as a whole token" if match == "token" else "in the text"
    if lines.empty:
        hint = "; try substring matches" if match == "token" else ""
        return Exploration(word, lines, positions, collocates, f"{word}: no occurrence {kind}{hint}")
    paragraphs = lines["paragraph_id"].nunique()
    message = (f"{word}: {len(lines)} occurrence{'s' if len(lines) != 1 else ''} {kind} "
               f"in {paragraphs} paragraph{'s' if paragraphs != 1 else ''}")
    return Exploration(word, lines, positions, collocates, message)


def explorer(tokens, *, report=None, word: str | None = None, suggestions: int = 40):
    """An ipywidgets explorer of one report's words (KWIC, dispersion, collocates).

    Args:
        tokens: Token table of the report.
        report: The Report, for the section titles of the dispersion plot.
        word: The word shown first (default: the most frequent content word).
        suggestions: How many frequent words the search field suggests.

    Returns:
        An ``ipywidgets.VBox``; its children carry the CSS classes
        ``analysis-explorer-search``, ``analysis-explorer-match``,
        ``analysis-explorer-status``, ``analysis-explorer-kwic``,
        ``analysis-explorer-dispersion`` and ``analysis-explorer-collocates``.
    """
    import html

    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from .concordance import dispersion_plot, render_kwic
    from .frequency import term_table

    terms = term_table(tokens)
    options = terms["word"].head(suggestions).tolist()
    search = widgets.Combobox(value=word or (options[0] if options else ""), options=options,
                              placeholder="a word, e.g. " + (options[0] if options else "党员"),
                              description="word", ensure_option=False, continuous_update=False)
    match = widgets.ToggleButtons(options=[("whole token", "token"), ("substring", "substring")], value="token")
    status = widgets.HTML()
    kwic_view = widgets.HTML()
    # HTML views only, no ``widgets.Output``: an Output widget is mirrored by nbclient (make report, the tests)
    # with messages on the shell channel that race its wait for the cell's reply, so a run can hang
    # (jupyter/nbclient#312); the picture and the table as HTML also stay in the saved widget state.
    dispersion_view = widgets.HTML()
    collocates_view = widgets.HTML()
    for widget, name in [(search, "search"), (match, "match"), (status, "status"), (kwic_view, "kwic"),
                         (dispersion_view, "dispersion"), (collocates_view, "collocates")]:
        widget.add_class(f"analysis-explorer-{name}")

    def update(*_):
        # the views first, the status line last: it says the search is done (and a reader, or a test, waits for it)
        found = explore_word(tokens, search.value, match=match.value)
        text = render_kwic(found.kwic) if not found.kwic.empty else ""
        kwic_view.value = f'<pre style="line-height:1.5">{html.escape(text)}</pre>' if text else ""
        dispersion_view.value = collocates_view.value = ""
        if not found.positions.empty:
            fig = dispersion_plot(tokens, [found.word], report=report)
            fig.set_size_inches(10, 2.2)
            dispersion_view.value = _png_html(fig, alt=f"dispersion of {found.word}")
            plt.close(fig)
            if found.collocates.empty:
                collocates_view.value = (f"<p>no collocate of {html.escape(found.word)} seen twice within five "
                                         "running words</p>")
            else:
                collocates_view.value = found.collocates.head(10).to_html(index=False, border=0)
        status.value = f"<b>{html.escape(found.message)}</b>"

    search.observe(update, names="value")
    match.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([search, match]), status, kwic_view, dispersion_view,
                         widgets.Label("collocates (within five running words, at least twice)"), collocates_view])


def _png_html(fig, alt: str) -> str:
    """A Matplotlib figure as an ``<img>`` with its PNG inline (the Chinese is drawn into the picture).

    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(1, 1)); html = _png_html(fig, alt="x"); plt.close(fig)
    >>> html.startswith('<img alt="x" src="data:image/png;base64,')
    True
    """
    import base64
    import html
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}" style="max-width:100%">'
