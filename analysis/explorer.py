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
    from IPython.display import display

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
    dispersion_view = widgets.Output()
    collocates_view = widgets.Output()
    for widget, name in [(search, "search"), (match, "match"), (status, "status"), (kwic_view, "kwic"),
                         (dispersion_view, "dispersion"), (collocates_view, "collocates")]:
        widget.add_class(f"analysis-explorer-{name}")

    def update(*_):
        found = explore_word(tokens, search.value, match=match.value)
        status.value = f"<b>{html.escape(found.message)}</b>"
        text = render_kwic(found.kwic) if not found.kwic.empty else ""
        kwic_view.value = f'<pre style="line-height:1.5">{html.escape(text)}</pre>' if text else ""
        dispersion_view.clear_output(wait=True)
        collocates_view.clear_output(wait=True)
        if found.positions.empty:
            return
        with dispersion_view:
            fig = dispersion_plot(tokens, [found.word], report=report)
            fig.set_size_inches(10, 2.2)
            display(fig)
            plt.close(fig)
        with collocates_view:
            if found.collocates.empty:
                print(f"no collocate of {found.word} seen twice within five running words")
            else:
                display(found.collocates.head(10))

    search.observe(update, names="value")
    match.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([search, match]), status, kwic_view, dispersion_view,
                         widgets.Label("collocates (within five running words, at least twice)"), collocates_view])
