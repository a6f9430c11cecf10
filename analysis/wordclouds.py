"""Word clouds that are right for Chinese, drawn from a frequency table.

The usual ways a word cloud of Chinese goes wrong are silent: glyphs drawn
as empty boxes because the font has no Chinese (amueller/word_cloud #101,
#363), whole clauses drawn as one "word" because ``WordCloud.generate``
splits on ``\\w+`` (#59), a word drawn twice because of collocations
(#273), and 的/在 dominating.  So this module never takes raw text: every
cloud is drawn from a table with a ``word`` column and a weight column that
you name (a term table, a keyness table, anything), with

* the project's Chinese font (:func:`analysis.fonts.find_cjk_font`), and a
  check that it has a glyph for every character drawn;
* ``collocations=False`` and no text processing by ``wordcloud`` at all;
* a fixed seed (:data:`analysis.display.SEED`): same table, same picture;
* exactly the top ``top_n`` rows of the table, and a record of which were
  placed (a word that does not fit is reported, never dropped silently);
* a caption that says what was counted and what the sizes mean.

Sizes follow ``wordcloud``'s rule: the largest word gets the largest font and
each next word's size is scaled by ``relative_scaling`` (1 = proportional to
weight, 0 = by rank only).  A word cloud shows ranks roughly, not numbers:
pair it with :func:`bar_chart` of the same words.
"""

from __future__ import annotations

import logging
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from . import fonts
from .display import SEED
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "Cloud", "PALETTE", "top_words", "render_cloud", "placed_words", "cloud_figure", "small_multiples",
    "keyness_cloud", "bar_chart", "shape_mask", "load_mask", "caption_line",
]

#: Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: Colour of words when no grouping is asked for (a dark blue, darker = heavier).
_BASE_RGB = (8, 48, 107)
#: Dots per inch at which a cloud's pixels map one-to-one onto a saved figure.
FIGURE_DPI = 200
#: Narrowest cloud accepted for a saved, print-quality figure.
PRINT_WIDTH = 1600

Duplicates = Literal["error", "sum", "max", "first"]


@dataclass
class Cloud:
    """A rendered word cloud and what it shows.

    Attributes:
        image: The picture, an RGB array of shape (height, width, 3).
        words: The words asked for, one row each, in rank order: ``rank,
            word, weight, group, colour, placed, font_size, x, y, vertical``
            (see :func:`placed_words`).
        caption: One line saying what was counted and what sizes mean.
        legend: Group name -> colour, in the order of the legend; empty when
            colour only shades the weight.
        font: The font file used.
        wordcloud: The ``wordcloud.WordCloud`` object (its ``layout_`` lists
            every word drawn).
    """

    image: np.ndarray
    words: pd.DataFrame
    caption: str
    legend: dict[str, str] = field(default_factory=dict)
    font: Path | None = None
    wordcloud: object | None = None

    @property
    def n_placed(self) -> int:
        """How many of the requested words were drawn."""
        return int(self.words["placed"].sum())

    @property
    def width(self) -> int:
        """Width of the picture in pixels."""
        return int(self.image.shape[1])


# ---------------------------------------------------------------------------
# Choosing the words
# ---------------------------------------------------------------------------


def top_words(
    table: pd.DataFrame,
    *,
    weight: str = "count",
    top_n: int | None = 100,
    duplicates: Duplicates = "error",
    group: str | None = None,
) -> pd.DataFrame:
    """The rows a cloud will draw: the ``top_n`` heaviest words of a table.

    Rows are ordered by weight, heaviest first; ties keep the order they have
    in the table (a term table sorted by count then word stays so), so the
    cut-off is reproducible.  Rows with weight 0 cannot be drawn and are left
    out; negative or missing weights are an error (filter the table first,
    e.g. keep ``log_ratio > 0`` of a keyness table).

    Args:
        table: Any DataFrame with a ``word`` column and the weight column.
        weight: Name of the column that sizes the words.
        top_n: How many words to keep; ``None`` keeps all.
        duplicates: What to do with a word that has several rows (e.g. one
            per POS tag): ``"error"``, or combine them by ``"sum"`` (right
            for counts), ``"max"`` (right for scores such as G²) or
            ``"first"``.  The group of the heaviest row is kept.
        group: Optional column to carry along (for colouring).

    Returns:
        DataFrame with columns ``rank`` (1-based), ``word``, ``weight`` and,
        if ``group`` is given, ``group``; ``attrs["n_candidates"]`` is the
        number of drawable words in the table and ``attrs["n_tied_out"]``
        the number of words left out that tie with the last word kept.

    Raises:
        ReportError: The table is empty, lacks a column, or has words or
            weights that cannot be drawn.

    >>> t = pd.DataFrame({"word": ["疫情", "防控", "党员", "社区"], "count": [32, 25, 16, 6]})
    >>> top_words(t, top_n=2)[["rank", "word", "weight"]].to_dict("records")
    [{'rank': 1, 'word': '疫情', 'weight': 32.0}, {'rank': 2, 'word': '防控', 'weight': 25.0}]
    """
    if not isinstance(table, pd.DataFrame):
        raise ReportError(f"a word cloud is drawn from a DataFrame with 'word' and '{weight}' columns, not {type(table).__name__}: "
                          "make one with analysis.frequency.term_table(tokens)")
    for column in ("word", weight) + ((group,) if group else ()):
        if column not in table.columns:
            raise ReportError(f"the table has no '{column}' column (it has {', '.join(map(str, table.columns))}): "
                              f"pass weight=/colour_by= naming one of its columns")
    if table.empty:
        raise ReportError("the table is empty, so there is nothing to draw: check the filters that made it "
                          "(stopwords, POS group, section) or pass a table with at least one row")
    if top_n is not None and (not isinstance(top_n, (int, np.integer)) or top_n < 1):
        raise ReportError(f"top_n must be a positive whole number or None, not {top_n!r}")
    columns = ["word", weight] + ([group] if group else [])
    frame = table[columns].copy()
    frame.columns = ["word", "weight"] + (["group"] if group else [])
    bad_words = frame["word"].map(lambda w: not isinstance(w, str) or not w.strip())
    if bad_words.any():
        raise ReportError(f"{int(bad_words.sum())} row(s) have an empty or non-text word: drop them before drawing")
    weights = pd.to_numeric(frame["weight"], errors="coerce")
    if weights.isna().any() or (weights < 0).any() or np.isinf(weights).any():
        raise ReportError(f"column '{weight}' has missing, infinite or negative values, which cannot size a word: "
                          f"keep only rows with {weight} >= 0 (e.g. the over-used words of a keyness table)")
    frame["weight"] = weights.astype(float)
    frame = frame[frame["weight"] > 0]
    if frame["word"].duplicated().any():
        if duplicates == "error":
            repeated = frame.loc[frame["word"].duplicated(), "word"].unique()[:3]
            raise ReportError(f"some words have several rows ({'、'.join(repeated)} …), e.g. one per POS tag: "
                              "pass duplicates='sum' for counts or 'max' for scores, or aggregate by word first")
        if duplicates not in ("sum", "max", "first"):
            raise ReportError(f"duplicates must be 'error', 'sum', 'max' or 'first', not {duplicates!r}")
        order = frame.sort_values("weight", ascending=False, kind="stable")
        combined = order.groupby("word", sort=False).agg(
            weight=("weight", {"sum": "sum", "max": "max", "first": "first"}[duplicates]),
            **({"group": ("group", "first")} if group else {}),
        )
        position = frame.drop_duplicates("word").reset_index(drop=True).reset_index().set_index("word")["index"]
        frame = combined.loc[position.index].reset_index()
    if frame.empty:
        raise ReportError(f"every row has {weight} = 0, so there is nothing to draw: check the table")
    frame = frame.sort_values("weight", ascending=False, kind="stable").reset_index(drop=True)
    n_candidates = len(frame)
    kept = frame if top_n is None else frame.head(int(top_n))
    tied_out = 0
    if len(kept) < n_candidates:
        tied_out = int((frame["weight"].iloc[len(kept):] == kept["weight"].iloc[-1]).sum())
    kept = kept.copy()
    kept.insert(0, "rank", np.arange(1, len(kept) + 1))
    kept.attrs.update(n_candidates=n_candidates, n_tied_out=tied_out, weight_column=weight)
    return kept


# ---------------------------------------------------------------------------
# Colours
# ---------------------------------------------------------------------------


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{int(round(c)):02x}" for c in rgb)


def _group_colours(groups: Sequence[str], palette: Sequence[str] | Mapping[str, str] | None) -> dict[str, str]:
    """Group -> colour: a mapping's own order, else order of first appearance (heaviest first)."""
    order = list(dict.fromkeys(str(g) for g in groups))
    if isinstance(palette, Mapping):
        missing = [g for g in order if g not in palette]
        if missing:
            raise ReportError(f"the palette has no colour for {', '.join(missing)}: add them to the mapping")
        return {g: c for g, c in palette.items() if g in set(order)}  # the mapping's order
    colours = list(palette or PALETTE)
    if len(order) > len(colours):
        raise ReportError(f"{len(order)} groups but only {len(colours)} colours: pass palette= with more colours "
                          "or merge small groups into one")
    return dict(zip(order, colours))


def _shade(weights: pd.Series) -> list[str]:
    """Darker for heavier words: lightness from 55 % (lightest) to 0 % of white mixed in."""
    top = weights.max()
    share = (weights / top).clip(0, 1) if top > 0 else weights * 0 + 1
    return [_hex(tuple(c + (255 - c) * 0.55 * (1 - s) for c in _BASE_RGB)) for s in share]


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def render_cloud(
    table: pd.DataFrame,
    *,
    weight: str = "count",
    top_n: int | None = 100,
    width: int = PRINT_WIDTH,
    height: int = 900,
    mask: np.ndarray | None = None,
    colour_by: str | None = None,
    palette: Sequence[str] | Mapping[str, str] | None = None,
    font: str | Path | None = None,
    seed: int = SEED,
    relative_scaling: float = 0.5,
    prefer_horizontal: float = 1.0,
    max_font_size: int | None = None,
    min_font_size: int | None = None,
    background: str = "white",
    duplicates: Duplicates = "error",
    counted: str | None = None,
    layout_scale: int | None = None,
) -> Cloud:
    """Draw a word cloud of the ``top_n`` heaviest words of a table.

    Args:
        table: A DataFrame with ``word`` and the ``weight`` column (e.g. from
            :func:`analysis.frequency.term_table`).  Never raw text.
        weight: Column that sizes the words (``count``, ``per_1000``,
            ``g2``, ``log_ratio`` …).
        top_n: How many of the heaviest words to draw (``None``: all).
        width, height: Canvas size in pixels (ignored when ``mask`` is given:
            the mask's size is used).  1600 px wide is print quality.
        mask: A mask from :func:`load_mask` or :func:`shape_mask`: words are
            drawn where it is 0, not where it is 255.
        colour_by: Column of categories to colour by (``pos_group``,
            ``section_title`` …), shown in a legend; ``None`` shades words by
            weight in one colour.
        palette: Colours for the groups: a list (given out heaviest group
            first) or a group -> colour mapping (the legend keeps its order).
        font: A font file; default :func:`analysis.fonts.find_cjk_font`.
        seed: Seed of the layout: the same table and seed give the same pixels.
        relative_scaling: 1 makes font size proportional to weight, 0 to rank.
        prefer_horizontal: Share of words set horizontally (Chinese reads
            well vertically too; 1.0 keeps every word horizontal).
        max_font_size, min_font_size: Font size bounds in pixels; by default
            chosen from the canvas (the smallest is about 1/200 of the width,
            so every word stays legible when printed).
        background: Background colour.
        duplicates: See :func:`top_words`.
        counted: What the table counts, for the caption (e.g. "content
            words, stopwords and punctuation removed"); default
            ``table.attrs["counted"]`` if the table carries it.
        layout_scale: Lay the words out on a canvas this many times
            smaller and draw them at full size (``WordCloud(scale=...)``):
            the same sharp glyphs, about three times faster.  Default 2 for
            canvases at least 1200 px wide, else 1.  Font sizes and
            positions reported are in pixels of the final picture.

    Returns:
        A :class:`Cloud` with the picture, the words (placed or not) and the
        caption.  A word that did not fit is logged and marked
        ``placed=False``; the caption says so.

    Raises:
        ReportError: Empty table, missing column, bad weights, or a word with
            a character the font cannot draw.

    >>> t = pd.DataFrame({"word": ["疫情", "防控", "党员"], "count": [32, 25, 16]})
    >>> cloud = render_cloud(t, width=300, height=150)
    >>> cloud.words[["word", "placed"]].values.tolist()
    [['疫情', True], ['防控', True], ['党员', True]]
    """
    from wordcloud import WordCloud

    words = top_words(table, weight=weight, top_n=top_n, duplicates=duplicates, group=colour_by)
    font_path = fonts.find_cjk_font(font)
    missing = fonts.missing_characters(font_path, "".join(words["word"]))
    if missing:
        bad = [w for w in words["word"] if any(c in w for c in missing)][:5]
        raise ReportError(f"the font {font_path.name} has no glyph for {''.join(missing)!r} (in {'、'.join(bad)}): "
                          "pass font= a font that covers these characters, or drop those words")
    if colour_by:
        legend = _group_colours(words["group"], palette)
        words["colour"] = [legend[str(g)] for g in words["group"]]
    else:
        legend = {}
        words["colour"] = _shade(words["weight"])
    colour_of = dict(zip(words["word"], words["colour"]))

    if mask is not None:
        mask = _check_mask(mask)
        height, width = mask.shape[:2]
    if width < 50 or height < 50:
        raise ReportError(f"a {width}x{height} px canvas is too small for a word cloud: use at least 50x50 (1600 wide for print)")
    if not 0 <= relative_scaling <= 1:
        raise ReportError(f"relative_scaling must be between 0 and 1, not {relative_scaling}")
    scale = layout_scale or (2 if width >= 1200 else 1)
    if not isinstance(scale, (int, np.integer)) or scale < 1 or width // scale < 50 or height // scale < 50:
        raise ReportError(f"layout_scale must be a whole number >= 1 that leaves at least 50x50 px, not {layout_scale!r}")
    if min_font_size is None:
        min_font_size = max(4, round(width / 200))
    if mask is not None and scale > 1:
        # a layout pixel is open only if every picture pixel it stands for is open
        h, w = mask.shape[0] // scale * scale, mask.shape[1] // scale * scale
        mask = mask[:h, :w].reshape(h // scale, scale, w // scale, scale).max(axis=(1, 3))
    # wordcloud opens the font once per size it tries: a subset of the table's characters draws the same pixels faster
    drawing = fonts.drawing_font(font_path, set("".join(table["word"].astype(str))) | set("".join(words["word"])))
    cloud = WordCloud(
        font_path=str(drawing), width=width // scale, height=height // scale, mask=mask, scale=scale,
        background_color=background, random_state=seed, collocations=False, max_words=len(words),
        relative_scaling=relative_scaling, prefer_horizontal=prefer_horizontal,
        max_font_size=None if max_font_size is None else max(1, round(max_font_size / scale)),
        min_font_size=max(1, round(min_font_size / scale)),
        color_func=lambda word, **_: colour_of[word], margin=max(2, width // scale // 400), repeat=False,
        normalize_plurals=False, include_numbers=True, stopwords=set(), mode="RGB",
    )
    try:
        cloud.generate_from_frequencies(dict(zip(words["word"], words["weight"])))
    except ValueError as exc:  # wordcloud: "Couldn't find space to draw"
        raise ReportError(f"no room to draw any word ({exc}): use a larger canvas or a mask with more open area") from None
    layout = _layout_frame(cloud)
    attrs = dict(words.attrs)
    words = words.merge(layout, on="word", how="left")
    words["placed"] = words["font_size"].notna()
    words["font_size"] = words["font_size"].astype("Int64")
    words["x"] = words["x"].astype("Int64")
    words["y"] = words["y"].astype("Int64")
    words["vertical"] = words["vertical"].astype("boolean")
    if not words["placed"].all():
        LOGGER.warning("%d of %d words did not fit on the %dx%d canvas (smallest font %d px)",
                       (~words["placed"]).sum(), len(words), width, height, min_font_size)
    image = np.asarray(cloud.to_image().convert("RGB"))
    columns = ["rank", "word", "weight"] + (["group"] if colour_by else []) + ["colour", "placed", "font_size", "x", "y", "vertical"]
    words = words[columns]
    words.attrs.update(attrs)
    counted = counted if counted is not None else table.attrs.get("counted")
    caption = caption_line(table, words, weight=weight, top_n=top_n, counted=counted, colour_by=colour_by,
                           relative_scaling=relative_scaling, seed=seed)
    return Cloud(image=image, words=words, caption=caption, legend=legend, font=font_path, wordcloud=cloud)


def _layout_frame(cloud) -> pd.DataFrame:
    k = cloud.scale
    rows = [(word, int(size * k), int(pos[1] * k), int(pos[0] * k), orientation is not None)
            for (word, _freq), size, pos, orientation, _colour in cloud.layout_]
    return pd.DataFrame(rows, columns=["word", "font_size", "x", "y", "vertical"])


def placed_words(cloud: Cloud) -> pd.DataFrame:
    """The words actually drawn, read from ``WordCloud.layout_``.

    Args:
        cloud: A rendered :class:`Cloud`.

    Returns:
        DataFrame in drawing order with columns ``word, relative_weight``
        (weight / largest weight), ``font_size`` (px), ``x, y`` (top-left
        corner in px), ``vertical`` (rotated 90°), ``colour``; pixels are
        those of the picture (layout pixels times ``layout_scale``).

    >>> t = pd.DataFrame({"word": ["疫情", "党员"], "count": [4, 2]})
    >>> placed_words(render_cloud(t, width=200, height=100))[["word", "relative_weight"]].values.tolist()
    [['疫情', 1.0], ['党员', 0.5]]
    """
    k = cloud.wordcloud.scale
    rows = [(word, freq, int(size * k), int(pos[1] * k), int(pos[0] * k), orientation is not None, colour)
            for (word, freq), size, pos, orientation, colour in cloud.wordcloud.layout_]
    return pd.DataFrame(rows, columns=["word", "relative_weight", "font_size", "x", "y", "vertical", "colour"])


# ---------------------------------------------------------------------------
# Captions and figures
# ---------------------------------------------------------------------------


def caption_line(
    table: pd.DataFrame,
    words: pd.DataFrame,
    *,
    weight: str,
    top_n: int | None,
    counted: str | None = None,
    colour_by: str | None = None,
    relative_scaling: float = 0.5,
    seed: int = SEED,
) -> str:
    """One line saying what a cloud counts, which words it shows and how.

    Args:
        table: The table the cloud was drawn from.
        words: The cloud's words (``Cloud.words``).
        weight: The weight column.
        top_n: The ``top_n`` asked for.
        counted: What the table counts (tokens kept, filters).
        colour_by: The colour column, if any.
        relative_scaling: As given to :func:`render_cloud`.
        seed: The layout seed.

    Returns:
        The caption.

    >>> t = pd.DataFrame({"word": ["疫情", "防控", "党员"], "count": [32, 25, 16]})
    >>> w = top_words(t, top_n=2).assign(placed=True)
    >>> caption_line(t, w, weight="count", top_n=2, counted="content words")
    'Counted: content words; 73 tokens, 3 distinct words in the table. Size: count (relative_scaling 0.5); top 2 of 3 words, all drawn. Layout seed 42.'
    """
    parts = []
    what = counted or "the rows of the table passed in"
    if "n_kept" in table.attrs and "n_tokens" in table.attrs:
        what += (f"; {table.attrs['n_kept']} of {table.attrs['n_tokens']} running words kept, "
                 f"{table['word'].nunique()} distinct words in the table")
    elif "count" in table.columns and pd.api.types.is_numeric_dtype(table["count"]):
        what += f"; {int(table['count'].sum())} tokens, {table['word'].nunique()} distinct words in the table"
    parts.append(f"Counted: {what}.")
    n_candidates = words.attrs.get("n_candidates")
    if n_candidates is None:
        n_candidates = int(table.loc[pd.to_numeric(table[weight], errors="coerce") > 0, "word"].nunique())
    shown = f"top {len(words)}" if top_n is not None and len(words) < n_candidates else f"all {len(words)}"
    placed = int(words["placed"].sum()) if "placed" in words else len(words)
    drawn = "all drawn" if placed == len(words) else f"only {placed} drawn (the rest did not fit)"
    tied = words.attrs.get("n_tied_out", 0)
    ties = f"; {tied} more tie with the last word kept and are left out" if tied else ""
    colour = f" Colour: {colour_by}." if colour_by else ""
    parts.append(f"Size: {weight} (relative_scaling {relative_scaling:g}); {shown} of {n_candidates} words, {drawn}{ties}.{colour}")
    parts.append(f"Layout seed {seed}.")
    return " ".join(parts)


def _font_properties(cloud_font: Path | None, size: float):
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(cloud_font or fonts.find_cjk_font()), size=size)


def _opaque(image: np.ndarray) -> np.ndarray:
    """The RGB picture with an opaque alpha channel: matplotlib adds one at every draw otherwise (same pixels)."""
    if image.ndim == 3 and image.shape[2] == 3 and image.dtype == np.uint8:
        return np.dstack([image, np.full(image.shape[:2], 255, dtype=np.uint8)])
    return image


def _draw_on(ax, cloud: Cloud, *, title: str | None, title_size: float, legend: bool) -> None:
    from matplotlib.patches import Patch

    ax.imshow(_opaque(cloud.image), interpolation="nearest")
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontproperties=_font_properties(cloud.font, title_size), pad=6)
    if legend and cloud.legend:
        handles = [Patch(facecolor=colour, label=name) for name, colour in cloud.legend.items()]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.005, 1.0), frameon=False,
                  prop=_font_properties(cloud.font, 8), title=None)


def cloud_figure(cloud: Cloud, *, title: str | None = None, caption: bool = True):
    """A matplotlib figure of one cloud with its title, legend and caption.

    One pixel of the cloud is one pixel of the figure when it is saved at
    200 dpi (:func:`analysis.display.save_figure`), so a 1600 px cloud gives
    a PNG at least 1600 px wide.

    Args:
        cloud: A rendered :class:`Cloud`.
        title: Title above the cloud (Chinese is fine).
        caption: Print the caption line under the cloud.

    Returns:
        The ``matplotlib.figure.Figure``.

    >>> t = pd.DataFrame({"word": ["疫情", "防控"], "count": [3, 2]})
    >>> fig = cloud_figure(render_cloud(t, width=400, height=200), title="实词")
    >>> fig.get_size_inches().tolist(), fig.axes[0].get_title()
    ([2.0, 1.0], '实词')
    """
    import matplotlib.pyplot as plt

    height, width = cloud.image.shape[:2]
    fig, ax = plt.subplots(figsize=(width / FIGURE_DPI, height / FIGURE_DPI))
    fig.subplots_adjust(0, 0, 1, 1)
    _draw_on(ax, cloud, title=title, title_size=12, legend=True)
    if caption:
        _add_caption(fig, ax, cloud.caption, width_inches=width / FIGURE_DPI)
    return fig


def _add_caption(fig, ax, text: str, *, width_inches: float) -> None:
    chars = max(40, int(width_inches * 72 / 7 * 1.7))
    ax.text(0.0, -0.015, textwrap.fill(text, chars), transform=ax.transAxes, ha="left", va="top",
            fontproperties=_font_properties(None, 7), color="#333333")


def small_multiples(
    table: pd.DataFrame,
    *,
    by: str,
    weight: str = "count",
    top_n: int = 30,
    order: Sequence[str] | None = None,
    ncols: int = 2,
    panel_width: int = 900,
    panel_height: int = 560,
    shared_scale: bool = True,
    colour_by: str | None = None,
    palette: Sequence[str] | Mapping[str, str] | None = None,
    font: str | Path | None = None,
    seed: int = SEED,
    counted: str | None = None,
    suptitle: str | None = None,
    duplicates: Duplicates = "error",
):
    """One cloud per group (section, POS group …) on one figure, titled by group.

    Args:
        table: A long table: ``word``, the weight and a ``by`` column, e.g.
            term tables of each section stacked with a ``section_title``.
        by: The column whose values become the panels and their titles.
        weight, top_n, colour_by, palette, font, seed, duplicates: As in
            :func:`render_cloud`, for each panel.
        order: Panel order (default: order of first appearance).
        ncols: Panels per row.
        panel_width, panel_height: Size of each panel in pixels.
        shared_scale: Size words on one scale across panels: the heaviest
            word of a panel gets a font in proportion to its weight against
            the heaviest word of all panels, so a small section does not look
            as rich as a large one.  ``False`` fills every panel.
        counted: What is counted, for the caption.
        suptitle: Title over all panels.

    Returns:
        ``(figure, clouds)``: the figure and a dict group -> :class:`Cloud`.

    Raises:
        ReportError: Missing ``by`` column, unknown groups in ``order``, or
            a panel that cannot be drawn (see :func:`render_cloud`).

    >>> t = pd.DataFrame({"word": ["疫情", "防控", "党员", "社区"], "count": [6, 3, 4, 1],
    ...                   "section_title": ["全面动员", "全面动员", "党员带头", "党员带头"]})
    >>> fig, clouds = small_multiples(t, by="section_title", panel_width=200, panel_height=120)
    >>> {title: cloud.words["word"].tolist() for title, cloud in clouds.items()}
    {'全面动员': ['疫情', '防控'], '党员带头': ['党员', '社区']}
    """
    import matplotlib.pyplot as plt

    if not isinstance(table, pd.DataFrame) or by not in table.columns:
        raise ReportError(f"small_multiples needs a DataFrame with a '{by}' column naming each panel")
    if table.empty:
        raise ReportError("the table is empty, so there is nothing to draw: check the filters that made it")
    groups = list(dict.fromkeys(table[by])) if order is None else list(order)
    unknown = [g for g in groups if g not in set(table[by])]
    if unknown:
        raise ReportError(f"no rows for {', '.join(map(str, unknown))} in column '{by}': check order=")
    panels = {g: table[table[by] == g] for g in groups}
    peaks = {g: top_words(p, weight=weight, top_n=1, duplicates=duplicates)["weight"].iloc[0] for g, p in panels.items()}
    overall = max(peaks.values())
    if colour_by and not isinstance(palette, Mapping):
        # one colour per group across all panels, heaviest group first
        totals = table.groupby(colour_by, sort=False)[weight].sum().sort_values(ascending=False, kind="stable")
        palette = _group_colours([str(g) for g in totals.index], palette)
    base = int(panel_height * 0.42)
    clouds = {}
    for g, panel in panels.items():
        size = max(int(panel_width / 60), int(base * math.sqrt(peaks[g] / overall))) if shared_scale else None
        clouds[g] = render_cloud(panel, weight=weight, top_n=top_n, width=panel_width, height=panel_height,
                                 colour_by=colour_by, palette=palette, font=font, seed=seed, max_font_size=size,
                                 min_font_size=max(4, panel_width // 120), duplicates=duplicates, counted=counted)
    nrows = math.ceil(len(clouds) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * panel_width / FIGURE_DPI, nrows * (panel_height / FIGURE_DPI + 0.35)),
                             squeeze=False)
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, (g, cloud) in zip(axes.flat, clouds.items()):
        _draw_on(ax, cloud, title=str(g), title_size=11, legend=False)
        ax.set_frame_on(True)
    if suptitle:
        fig.suptitle(suptitle, fontproperties=_font_properties(None, 13))
    fig.tight_layout()
    height_in = fig.get_figheight()
    legend = {}
    for cloud in clouds.values():
        legend.update(cloud.legend)
    legend = {g: c for g, c in palette.items() if g in legend} if isinstance(palette, Mapping) else legend
    below = 0.0
    if legend:
        from matplotlib.patches import Patch

        fig.legend(handles=[Patch(facecolor=c, label=n) for n, c in legend.items()], loc="upper center",
                   bbox_to_anchor=(0.5, 0.0), ncols=min(len(legend), 6), frameon=False, prop=_font_properties(None, 8))
        below = 0.3 / height_in
    scale = "one size scale across panels (font ∝ √ of each panel's top weight)" if shared_scale else "each panel scaled to fill"
    what = counted or table.attrs.get("counted") or "the rows of the table passed in"
    per_panel = "; ".join(f"{g}: {c.n_placed} of top {len(c.words)}" for g, c in clouds.items())
    text = (f"Counted: {what}. Size: {weight}, {scale}. Words drawn per panel — {per_panel}. Layout seed {seed}.")
    fig.text(0.01, -below, textwrap.fill(text, int(ncols * panel_width / FIGURE_DPI * 17)), ha="left",
             va="top", fontproperties=_font_properties(None, 7), color="#333333")
    return fig, clouds


def keyness_cloud(
    table: pd.DataFrame,
    *,
    weight: Literal["g2", "log_ratio"] = "g2",
    top_n: int = 60,
    max_p: float | None = 0.05,
    counted: str | None = None,
    **options,
) -> Cloud:
    """A cloud of the words over-used against a reference corpus.

    Keeps the rows of a keyness table (:func:`analysis.frequency.keyness`)
    whose ``direction`` marks over-use (``"over"``/``"+"``, or a positive
    ``log_ratio`` if there is no ``direction`` column) and, if ``max_p`` is
    given, whose ``p_value`` is at most ``max_p``; sizes them by G²
    (log-likelihood: how sure) or log ratio (how much more often).

    Args:
        table: A keyness table with ``word``, ``g2``, ``log_ratio`` and
            optionally ``direction``, ``p_value``.
        weight: ``"g2"`` or ``"log_ratio"``.
        top_n: How many key words to draw.
        max_p: Keep only words with ``p_value <= max_p`` (``None``: all).
        counted: What the table compares, for the caption.
        **options: Passed on to :func:`render_cloud`.

    Returns:
        The :class:`Cloud`.

    Raises:
        ReportError: Not a keyness table, or no over-used word is left.

    >>> k = pd.DataFrame({"word": ["防控", "的", "党员"], "g2": [90.0, 40.0, 60.0],
    ...                   "log_ratio": [5.1, -2.0, 3.2], "direction": ["over", "under", "over"]})
    >>> keyness_cloud(k, width=300, height=150).words["word"].tolist()
    ['防控', '党员']
    """
    if weight not in ("g2", "log_ratio"):
        raise ReportError(f"a keyness cloud is sized by 'g2' or 'log_ratio', not {weight!r}")
    if not isinstance(table, pd.DataFrame) or not {"word", weight}.issubset(table.columns):
        raise ReportError(f"keyness_cloud needs a keyness table with 'word' and '{weight}': make one with analysis.frequency.keyness")
    if "direction" in table.columns:
        over = table["direction"].astype(str).str.lower().isin({"over", "+", "overuse", "over-used", "overused", "positive"})
    else:
        over = pd.to_numeric(table["log_ratio"] if "log_ratio" in table.columns else table[weight], errors="coerce") > 0
    keep = over
    if max_p is not None and "p_value" in table.columns:
        keep = keep & (pd.to_numeric(table["p_value"], errors="coerce") <= max_p)
    key = table[keep]
    if key.empty:
        raise ReportError("no word is over-used in this keyness table"
                          + (f" at p <= {max_p}" if max_p is not None else "") + ": relax max_p or min_count")
    if counted is None:
        counted = table.attrs.get("counted", f"words over-used against {table.attrs.get('reference', 'the reference')}")
    if max_p is not None and "p_value" in table.columns:
        counted += f" (p <= {max_p:g})"
    return render_cloud(key, weight=weight, top_n=top_n, counted=counted, **options)


def bar_chart(cloud_or_table: Cloud | pd.DataFrame, *, weight: str = "count", top_n: int = 30, title: str | None = None,
              colour_by: str | None = None):
    """A horizontal bar chart of the same top words, to read exact values.

    Args:
        cloud_or_table: A :class:`Cloud` (its words, in its colours) or a
            table (``word`` and ``weight``).
        weight: The weight column (for a table).
        top_n: How many bars (the heaviest first, at the top).
        title: Figure title.
        colour_by: Group column for a table.

    Returns:
        The ``matplotlib.figure.Figure``.

    >>> t = pd.DataFrame({"word": ["疫情", "防控", "党员"], "count": [32, 25, 16]})
    >>> [label.get_text() for label in bar_chart(t, top_n=2).axes[0].get_yticklabels()]
    ['疫情', '防控']
    """
    import matplotlib.pyplot as plt

    if isinstance(cloud_or_table, Cloud):
        words = cloud_or_table.words.head(top_n)
        label = cloud_or_table.words.attrs.get("weight_column", "weight")
        present = set(words["group"].astype(str)) if "group" in words else set()
        legend = {g: c for g, c in cloud_or_table.legend.items() if g in present}
    else:
        words = top_words(cloud_or_table, weight=weight, top_n=top_n, group=colour_by)
        legend = _group_colours(words["group"], None) if colour_by else {}
        words["colour"] = [legend[str(g)] for g in words["group"]] if colour_by else _shade(words["weight"])
        label = weight
    fig, ax = plt.subplots(figsize=(8.2, 0.8 + 0.26 * len(words)))
    prop = _font_properties(None, 9)
    ax.barh(np.arange(len(words)), words["weight"], color=list(words["colour"]))
    ax.set_yticks(np.arange(len(words)), list(words["word"]))
    for tick in ax.get_yticklabels():
        tick.set_fontproperties(prop)
    ax.invert_yaxis()
    ax.set_xlabel(label)
    for i, value in enumerate(words["weight"]):
        ax.text(value, i, f" {value:g}" if float(value).is_integer() else f" {value:.1f}", va="center", fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    if legend:
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(facecolor=c, label=n) for n, c in legend.items()], prop=_font_properties(None, 8),
                  loc="lower right", frameon=False)
    if title:
        ax.set_title(title, fontproperties=_font_properties(None, 11))
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------
# Masks
# ---------------------------------------------------------------------------


def _check_mask(mask) -> np.ndarray:
    array = np.asarray(mask)
    if array.ndim not in (2, 3) or array.shape[0] < 50 or array.shape[1] < 50:
        raise ReportError(f"a mask must be an image array of at least 50x50 px, not shape {array.shape}: use load_mask(path)")
    if array.ndim == 3:
        array = array[..., :3].min(axis=2)
    array = np.where(array >= 128, 255, 0).astype(np.uint8)
    if (array == 0).sum() < 0.02 * array.size:
        raise ReportError("the mask leaves less than 2% of the canvas open for words: words go where the mask is dark")
    return array


def load_mask(image, *, width: int = PRINT_WIDTH, threshold: int = 200, invert: bool = False) -> np.ndarray:
    """Turn any image into a word-cloud mask: words fill its dark or opaque shape.

    Transparent pixels and light pixels (grey level above ``threshold``)
    are outside the shape; the image is scaled to ``width`` pixels wide,
    keeping its proportions.

    Args:
        image: A path to an image file (PNG, JPEG …), a ``PIL.Image`` or an
            array.
        width: Width of the mask in pixels (1600 for print).
        threshold: Grey level (0–255) above which a pixel counts as
            background.
        invert: Fill the light part instead (for a light shape on a dark
            background).

    Returns:
        A ``uint8`` array, 0 inside the shape (words go there), 255 outside.

    Raises:
        ReportError: The file is missing or not an image, or the shape is
            (almost) empty.

    >>> m = load_mask(shape_mask("circle", width=200), width=100)
    >>> m.shape, int(m[50, 50]), int(m[0, 0])
    ((100, 100), 0, 255)
    """
    from PIL import Image, UnidentifiedImageError

    if isinstance(image, (str, Path)):
        path = Path(image)
        if not path.is_file():
            raise ReportError(f"mask image {path} not found: pass the path of a PNG or JPEG file")
        try:
            picture = Image.open(path)
            picture.load()
        except (UnidentifiedImageError, OSError):
            raise ReportError(f"{path} cannot be read as an image: pass a PNG or JPEG file") from None
    elif isinstance(image, np.ndarray):
        picture = Image.fromarray(image.astype(np.uint8) if image.dtype != np.uint8 else image)
    elif hasattr(image, "convert"):
        picture = image
    else:
        raise ReportError(f"a mask is made from an image path, a PIL image or an array, not {type(image).__name__}")
    if width < 50:
        raise ReportError(f"mask width must be at least 50 px, not {width}")
    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        grey = Image.alpha_composite(white, rgba).convert("L")
    else:
        grey = picture.convert("L")
    height = max(1, round(grey.height * width / grey.width))
    grey = grey.resize((width, height), Image.Resampling.LANCZOS)
    inside = np.asarray(grey) <= threshold
    if invert:
        inside = ~inside
    mask = np.where(inside, 0, 255).astype(np.uint8)
    if inside.sum() < 0.02 * inside.size:
        raise ReportError("the mask shape covers less than 2% of the image: check threshold= or invert=")
    return mask


def shape_mask(shape: Literal["star", "circle"] = "star", *, width: int = PRINT_WIDTH, height: int | None = None) -> np.ndarray:
    """A mask drawn by the project: a five-pointed star or a circle.

    Args:
        shape: ``"star"`` (the star of the flag) or ``"circle"``.
        width: Width in pixels.
        height: Height in pixels (default: square).

    Returns:
        A ``uint8`` array, 0 inside the shape, 255 outside.

    >>> m = shape_mask("star", width=100)
    >>> m.shape, int(m[50, 50]), int(m[0, 0]), int(m[8, 50]), int(m[8, 30])
    ((100, 100), 0, 255, 0, 255)
    """
    from PIL import Image, ImageDraw

    height = height or width
    if width < 50 or height < 50:
        raise ReportError(f"a mask must be at least 50x50 px, not {width}x{height}")
    picture = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(picture)
    cx, cy = width / 2, height / 2
    if shape == "circle":
        r = min(width, height) / 2 - 1
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=0)
    elif shape == "star":
        # a star of radius R is 2R·sin72° wide and R(1 + cos36°) tall: fit and centre that box
        outer = min(width / (2 * math.sin(math.radians(72))), height / (1 + math.cos(math.radians(36)))) - 1
        inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
        cy = (height - outer * (1 + math.cos(math.radians(36)))) / 2 + outer
        points = []
        for k in range(10):
            r = outer if k % 2 == 0 else inner
            angle = math.radians(-90 + 36 * k)
            points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
        draw.polygon(points, fill=0)
    else:
        raise ReportError(f"shape must be 'star' or 'circle', not {shape!r}")
    return np.asarray(picture, dtype=np.uint8).copy()
