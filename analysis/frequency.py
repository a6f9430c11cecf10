"""Term frequency: what a report talks about, how much, and where.

Every table here is computed from the token table of
:meth:`analysis.tokenize.Tokenizer.tokens`, so each row can be traced back to
the paragraphs, sentences and raw offsets of the tokens it counts.

Counting conventions (the same in every function of the package):

* **Running words** are the tokens that are not punctuation.  Relative
  frequencies (``per_1000``) are per 1,000 running words of the *whole*
  input, stopwords included, so they do not change when a filter hides a row.
* The **term table** counts the tokens that survive the filters (stopwords,
  punctuation, single characters, POS groups); its ``count`` column sums to
  the number of tokens kept (``table.attrs["n_kept"]``).
* **POS groups** gather jieba's ICTCLAS-style tags (see :data:`POS_GROUPS`);
  a word's ``pos`` is its most frequent tag in the input.

Keyness against a reference corpus lives in :mod:`analysis.keyness` and is
re-exported here as :func:`keyness`; concordances and dispersion plots live
in :mod:`analysis.concordance`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import ReportError
from .inputs import is_report

LOGGER = logging.getLogger(__name__)

__all__ = [
    "POS_GROUPS", "CONTENT_GROUPS", "pos_group", "term_table", "content_terms", "keyness",  # noqa: F822 (module __getattr__)
    "juilland_d", "gries_dp", "segments", "section_counts", "section_matrix",
    "section_heatmap", "ngrams", "entities", "as_tokens", "running_words", "user_dictionary_words",
]

#: jieba (ICTCLAS / PKU-style) POS tags gathered into groups.  The sets are
#: disjoint, so every tag belongs to exactly one group; a tag not listed falls
#: back on its first letter (``n…`` → nouns, ``v…`` → verbs …) and then on
#: ``"other"``.
#:
#: * nouns: ``n`` common noun, ``ng`` noun morpheme, ``nz`` other proper noun
#:   (the project dictionary tags 新冠肺炎, 党员先锋岗 as ``nz``), ``nl``, ``g``.
#: * verbs: ``v`` verb, ``vd`` adverbial verb, ``vn`` verbal noun (防控, 检查:
#:   counted with verbs), ``vg`` verb morpheme, ``vi``, ``vq``, ``vl``.
#: * adjectives: ``a`` adjective, ``ad`` adverbial adjective, ``an`` nominal
#:   adjective, ``ag`` morpheme, ``b`` distinguishing word (临时, 一次性),
#:   ``z`` state word.
#: * people: ``nr`` personal name, ``nrfg``, ``nrt`` (transliterated), ``nr1``, ``nr2``.
#: * places: ``ns`` place name, ``nsf``.
#: * organisations: ``nt`` organisation (jieba also tags the generic 党组织 ``nt``).
#: * numerals: ``m`` numeral (also digits), ``mq`` numeral + classifier, ``mg``.
#: * classifiers: ``q``, ``qv``, ``qt``.
#: * idioms: ``i`` chengyu (迎难而上), ``l`` set phrase (外防输入).
#: * abbreviations: ``j`` (两委).
#: * time: ``t`` time word, ``tg``.
#: * localisers: ``f`` locality (中, 下), ``s`` place word (街).
#: * adverbs: ``d``, ``df``, ``dg``.
#: * pronouns: ``r``, ``rr``, ``rz``, ``rg``.
#: * function_words: prepositions ``p``, conjunctions ``c``, particles ``u``
#:   ``uj`` ``ul`` ``uv`` ``ud`` ``ug`` ``uz``, interjections ``e``, modal
#:   ``y``, onomatopoeia ``o``, prefix ``h``, suffix ``k``.
#: * other: ``x`` (punctuation and strings jieba cannot tag), ``eng``
#:   (Latin letters, e.g. PCR), ``zg``.
POS_GROUPS: dict[str, frozenset[str]] = {
    "nouns": frozenset({"n", "ng", "nz", "nl", "g"}),
    "verbs": frozenset({"v", "vd", "vn", "vg", "vi", "vq", "vl", "vshi", "vyou", "vf", "vx"}),
    "adjectives": frozenset({"a", "ad", "an", "ag", "al", "b", "bl", "z"}),
    "people": frozenset({"nr", "nrfg", "nrt", "nr1", "nr2", "nrj", "nrf"}),
    "places": frozenset({"ns", "nsf"}),
    "organisations": frozenset({"nt"}),
    "numerals": frozenset({"m", "mq", "mg"}),
    "classifiers": frozenset({"q", "qv", "qt"}),
    "idioms": frozenset({"i", "l"}),
    "abbreviations": frozenset({"j"}),
    "time": frozenset({"t", "tg"}),
    "localisers": frozenset({"f", "s"}),
    "adverbs": frozenset({"d", "df", "dg"}),
    "pronouns": frozenset({"r", "rr", "rz", "rg", "ry", "rys", "ryt", "ryv", "rzs", "rzt", "rzv"}),
    "function_words": frozenset({"p", "pba", "pbei", "c", "cc", "u", "uj", "ul", "uv", "ud", "ug", "uz",
                                 "ude1", "ude2", "ude3", "ule", "uzhe", "uguo", "e", "y", "o", "h", "k"}),
    "other": frozenset({"x", "eng", "zg", "w"}),
}

#: Groups whose single-character words carry meaning (党, 疫, 战): kept by the
#: default ``keep_single_chars="content"`` of :func:`term_table`.
CONTENT_GROUPS = frozenset({"nouns", "verbs", "adjectives", "people", "places", "organisations"})

_TAG_TO_GROUP = {tag: group for group, tags in POS_GROUPS.items() for tag in tags}
_PREFIX_TO_GROUP = {"n": "nouns", "v": "verbs", "a": "adjectives", "m": "numerals", "q": "classifiers",
                    "t": "time", "d": "adverbs", "r": "pronouns", "p": "function_words",
                    "c": "function_words", "u": "function_words"}

TERM_COLUMNS = [
    "word", "pos", "pos_group", "count", "per_1000", "n_paragraphs", "n_sentences",
    "juilland_d", "dp", "first_token_id", "first_paragraph_id", "first_sentence_id", "pos_tags",
]


def pos_group(tag: str) -> str:
    """The :data:`POS_GROUPS` group of one jieba tag.

    >>> pos_group("nr"), pos_group("vn"), pos_group("uj"), pos_group("nrfg"), pos_group("??")
    ('people', 'verbs', 'function_words', 'people', 'other')
    """
    if tag in _TAG_TO_GROUP:
        return _TAG_TO_GROUP[tag]
    return _PREFIX_TO_GROUP.get(tag[:1], "other")


def as_tokens(data, *, tokenizer=None) -> pd.DataFrame:
    """Return a token table for a token table, a :class:`~analysis.loading.Report` or a text (:func:`analysis.inputs.as_tokens`).

    A token table is passed through (missing ``is_punct``/``is_stopword``/
    ``pos``/ids are filled in); a report is tokenized with ``tokenizer``
    (default: the project tokenizer); a string is parsed with
    :func:`~analysis.loading.parse_report` first.

    Raises:
        ReportError: ``data`` is none of these, or a DataFrame without ``word``.

    >>> as_tokens("标题\\n\\n□记者\\n\\n党员冲在一线。")["word"].tolist()
    ['党员', '冲', '在', '一线', '。']
    """
    from .inputs import as_tokens as coerce

    return coerce(data, tokenizer=tokenizer)


def _check_groups(groups: Iterable[str] | None) -> set[str] | None:
    if groups is None:
        return None
    if isinstance(groups, str):
        groups = [groups]
    groups = set(groups)
    unknown = groups - set(POS_GROUPS)
    if unknown:
        raise ReportError(
            f"unknown POS group(s) {sorted(unknown)}: choose from {', '.join(POS_GROUPS)}"
        )
    return groups


def _filter_tokens(
    tokens: pd.DataFrame,
    *,
    drop_stopwords: bool,
    drop_punct: bool,
    keep_single_chars,
    pos_groups,
) -> pd.DataFrame:
    """The tokens a table counts, with a ``pos_group`` column added."""
    frame = tokens.copy()
    frame["pos_group"] = frame["pos"].map(pos_group)
    keep = pd.Series(True, index=frame.index)
    if drop_punct:
        keep &= ~frame["is_punct"].astype(bool)
    if drop_stopwords:
        keep &= ~frame["is_stopword"].astype(bool)
    single = frame["word"].str.len() == 1
    if keep_single_chars is True:
        pass
    elif keep_single_chars is False:
        keep &= ~single
    elif keep_single_chars == "content":
        keep &= ~single | frame["pos_group"].isin(CONTENT_GROUPS)
    elif isinstance(keep_single_chars, (set, frozenset, list, tuple)):
        keep &= ~single | frame["word"].isin(set(keep_single_chars))
    else:
        raise ReportError(
            f"keep_single_chars={keep_single_chars!r}: use True, False, 'content' or a set of characters to keep"
        )
    groups = _check_groups(pos_groups)
    if groups is not None:
        keep &= frame["pos_group"].isin(groups)
    return frame[keep]


def running_words(tokens: pd.DataFrame) -> int:
    """Number of running words (non-punctuation tokens) in a token table.

    >>> running_words(pd.DataFrame({"word": ["党员", "，", "冲"]}))
    2
    """
    tokens = as_tokens(tokens)
    return int((~tokens["is_punct"].astype(bool)).sum())


def juilland_d(counts: Sequence[float], sizes: Sequence[float] | None = None) -> float:
    """Juilland's D: how evenly a word is spread over ``n`` parts (0 = one part, 1 = even).

    ``D = 1 - V / sqrt(n - 1)`` where ``V`` is the coefficient of variation
    (population standard deviation / mean) of the word's frequency in each
    part.  With ``sizes`` the frequencies are first divided by the part sizes
    (parts of unequal length, e.g. paragraphs), as Gries (2008) recommends.

    Args:
        counts: The word's count in each part.
        sizes: Size of each part (tokens); ``None`` = equal parts.

    Returns:
        D in [0, 1]; NaN for fewer than two parts or a word that never occurs.

    >>> juilland_d([1, 1, 1, 1]), juilland_d([4, 0, 0, 0])
    (1.0, 0.0)
    """
    values = np.asarray(counts, dtype=float)
    if sizes is not None:
        sizes = np.asarray(sizes, dtype=float)
        if sizes.shape != values.shape or (sizes <= 0).any():
            raise ReportError("juilland_d: sizes must be positive and as many as counts")
        values = values / sizes
    n = len(values)
    mean = values.mean() if n else 0.0
    if n < 2 or mean == 0:
        return float("nan")
    variation = values.std(ddof=0) / mean
    return float(min(1.0, max(0.0, 1.0 - variation / math.sqrt(n - 1))))


def gries_dp(counts: Sequence[float], sizes: Sequence[float] | None = None) -> float:
    """Gries' deviation of proportions DP (0 = spread like the parts, near 1 = concentrated).

    ``DP = 0.5 * sum(|count_i / total - size_i / sum(sizes)|)``.

    >>> gries_dp([2, 2], [10, 10]), gries_dp([4, 0], [10, 10])
    (0.0, 0.5)
    """
    values = np.asarray(counts, dtype=float)
    sizes = np.ones_like(values) if sizes is None else np.asarray(sizes, dtype=float)
    if values.sum() == 0:
        return float("nan")
    return float(0.5 * np.abs(values / values.sum() - sizes / sizes.sum()).sum())


def term_table(
    tokens,
    *,
    drop_stopwords: bool = True,
    drop_punct: bool = True,
    keep_single_chars: bool | set[str] | str = "content",
    pos_groups: list[str] | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """One row per word: how often, how widely and where first it occurs.

    Args:
        tokens: Token table from ``Tokenizer().tokens(report)`` (a Report or a
            text is tokenized with the project tokenizer).
        drop_stopwords: Leave out tokens flagged ``is_stopword``.
        drop_punct: Leave out punctuation tokens.
        keep_single_chars: Which one-character words to keep.  Default
            ``"content"``: those tagged as nouns, verbs, adjectives or names
            (党, 疫, 战 stay; 的, 在, 个, 他 go); ``True`` keeps all, ``False``
            none, a set keeps exactly those characters.
        pos_groups: Keep only tokens whose tag is in these :data:`POS_GROUPS`
            (e.g. ``["nouns", "verbs"]``); ``None`` keeps all.
        min_count: Leave out words counted fewer times.

    Returns:
        DataFrame sorted by ``count`` (descending) then ``word``, columns:
        ``word``; ``pos`` (its most frequent jieba tag); ``pos_group``;
        ``count`` (tokens kept); ``per_1000`` (per 1,000 running words of the
        whole input); ``n_paragraphs``, ``n_sentences`` (how many contain
        it); ``juilland_d`` (Juilland's D over paragraphs, weighted by their
        length; NaN with one paragraph); ``dp`` (Gries' DP over paragraphs);
        ``first_token_id``, ``first_paragraph_id``, ``first_sentence_id``;
        ``pos_tags`` (every tag with its count, e.g. ``"n:3 a:1"``).
        ``attrs``: ``n_tokens`` (running words, the per-1,000 base),
        ``n_kept`` (tokens counted; equals ``count.sum()`` when
        ``min_count=1``).

    Raises:
        ReportError: Bad input or an unknown POS group.

    >>> t = term_table("标题\\n\\n□记者\\n\\n党员冲在一线。党员值守。")
    >>> t.loc[0, "word"], int(t.loc[0, "count"]), round(float(t.loc[0, "per_1000"]), 1)
    ('党员', 2, 333.3)
    >>> int(t["count"].sum()) == t.attrs["n_kept"]
    True
    """
    tokens = as_tokens(tokens)
    n_tokens = running_words(tokens)
    kept = _filter_tokens(tokens, drop_stopwords=drop_stopwords, drop_punct=drop_punct,
                          keep_single_chars=keep_single_chars, pos_groups=pos_groups)
    if kept.empty:
        table = pd.DataFrame({c: pd.Series(dtype=object) for c in TERM_COLUMNS})
        table.attrs.update(n_tokens=n_tokens, n_kept=0)
        return table
    grouped = kept.groupby("word", sort=False)
    tag_counts = kept.groupby(["word", "pos"], sort=False).size().reset_index(name="n")
    tag_counts = tag_counts.sort_values(["word", "n", "pos"], ascending=[True, False, True])
    main_tag = tag_counts.drop_duplicates("word").set_index("word")["pos"]
    tags_text = tag_counts.groupby("word", sort=False).apply(
        lambda g: " ".join(f"{p}:{n}" for p, n in zip(g["pos"], g["n"])), include_groups=False)
    table = pd.DataFrame({
        "count": grouped.size(),
        "n_paragraphs": grouped["paragraph_id"].nunique(),
        "n_sentences": grouped["sentence_id"].nunique(),
        "first_token_id": grouped["token_id"].min(),
    })
    first = kept.loc[kept.groupby("word", sort=False)["token_id"].idxmin(), ["word", "paragraph_id", "sentence_id"]]
    first = first.set_index("word")
    table["first_paragraph_id"] = first["paragraph_id"]
    table["first_sentence_id"] = first["sentence_id"]
    table["pos"] = main_tag
    table["pos_group"] = table["pos"].map(pos_group)
    table["pos_tags"] = tags_text
    table["per_1000"] = table["count"] / n_tokens * 1000 if n_tokens else np.nan
    # Dispersion over paragraphs, each weighted by its running words.
    sizes = tokens.loc[~tokens["is_punct"].astype(bool)].groupby("paragraph_id").size()
    by_part = kept.groupby(["word", "paragraph_id"]).size().unstack(fill_value=0)
    by_part = by_part.reindex(columns=sizes.index, fill_value=0)
    size_values = sizes.to_numpy(dtype=float)
    table["juilland_d"] = pd.Series(
        {w: juilland_d(row, size_values) for w, row in zip(by_part.index, by_part.to_numpy())})
    table["dp"] = pd.Series({w: gries_dp(row, size_values) for w, row in zip(by_part.index, by_part.to_numpy())})
    table = table.rename_axis("word").reset_index()
    table = table[table["count"] >= min_count]
    table = table.sort_values(["count", "word"], ascending=[False, True]).reset_index(drop=True)
    table = table[TERM_COLUMNS]
    table.attrs.update(n_tokens=n_tokens, n_kept=int(len(kept)))
    return table


# ---------------------------------------------------------------------------
# By section
# ---------------------------------------------------------------------------

#: Label of the closing paragraph(s) when they are split from their section.
CLOSING_LABEL = "结尾"



def content_terms(tokens, **options) -> pd.DataFrame:
    """The term table of content words: the one definition the command line and notebook 04 share.

    :func:`term_table` restricted to the :data:`CONTENT_GROUPS` (nouns,
    verbs, adjectives and names; numerals, classifiers and function words
    left out), stopwords and punctuation dropped.

    Args:
        tokens: As for :func:`term_table`.
        **options: Other :func:`term_table` options (``min_count`` …).

    Returns:
        The :func:`term_table` columns.

    >>> content_terms("标题\\n\\n党员值守5000个小时，党员很多。")["word"].tolist()
    ['党员', '值守', '小时']
    """
    options.setdefault("pos_groups", sorted(CONTENT_GROUPS))
    return term_table(tokens, **options)

def segments(report, *, split_closing: bool = True) -> pd.DataFrame:
    """Map each paragraph to a segment of the report: lead, each section, closing.

    Args:
        report: A :class:`~analysis.loading.Report`.
        split_closing: Give the closing paragraph(s) (``part == 'closing'``)
            their own segment after the last section.

    Returns:
        DataFrame with one row per paragraph: ``paragraph_id, segment_id``
        (0 = lead, then sections in order, then closing), ``segment`` (the
        section title, ``导语`` for the lead, ``结尾`` for the closing).

    >>> from analysis import load_report
    >>> segments(load_report()).drop_duplicates("segment")["segment"].tolist()
    ['导语', '全面动员 吹响战斗号角', '支部前移 筑牢防控堡垒', '党员带头 勇敢冲在一线', '结尾']
    """
    if not is_report(report):
        raise ReportError("segments() needs a Report (load_report() or parse_report(text))")
    paragraphs = report.paragraphs
    frame = pd.DataFrame({
        "paragraph_id": paragraphs["paragraph_id"].to_numpy(),
        "segment_id": paragraphs["section"].to_numpy(),
        "segment": paragraphs["section_title"].to_numpy(),
    })
    if split_closing and "part" in paragraphs.columns:
        closing = (paragraphs["part"] == "closing").to_numpy()
        if closing.any():
            frame.loc[closing, "segment_id"] = int(paragraphs["section"].max()) + 1
            frame.loc[closing, "segment"] = CLOSING_LABEL
    return frame


def section_counts(
    tokens,
    *,
    report=None,
    split_closing: bool = True,
    drop_stopwords: bool = True,
    drop_punct: bool = True,
    keep_single_chars: bool | set[str] | str = "content",
    pos_groups: list[str] | None = None,
) -> pd.DataFrame:
    """Counts and relative frequencies of every word in every segment of a report.

    Filters are those of :func:`term_table`, so for each word the counts
    over segments sum to its ``count`` in the term table.

    Args:
        tokens: Token table (or Report).
        report: The Report the tokens come from, for section titles and the
            closing paragraph (see :func:`segments`); without it segments
            are the ``section`` numbers.
        split_closing: See :func:`segments`.
        drop_stopwords, drop_punct, keep_single_chars, pos_groups: As in
            :func:`term_table`.

    Returns:
        Long DataFrame, one row per (segment, word) with a non-zero count,
        sorted by ``segment_id`` then ``count`` descending: ``segment_id,
        segment, word, pos_group, count, segment_tokens`` (running words in
        the segment), ``per_1000`` (per 1,000 running words of the segment),
        ``share`` (the segment's share of the word's occurrences).

    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n□记者\\n\\n党员冲在一线。\\n\\n全面动员 吹响战斗号角\\n\\n党员值守。")
    >>> section_counts(r, report=r).query("word == '党员'")[["segment", "count"]].values.tolist()
    [['导语', 1], ['全面动员 吹响战斗号角', 1]]
    """
    if report is None and is_report(tokens):
        report = tokens
    tokens = as_tokens(tokens)
    frame = tokens.copy()
    if report is not None:
        seg = segments(report, split_closing=split_closing).set_index("paragraph_id")
        frame["segment_id"] = frame["paragraph_id"].map(seg["segment_id"])
        frame["segment"] = frame["paragraph_id"].map(seg["segment"])
        if frame["segment_id"].isna().any():
            raise ReportError("some tokens have paragraph ids the report does not have: pass the report they came from")
    else:
        frame["segment_id"] = frame["section"]
        frame["segment"] = "section " + frame["section"].astype(str)
    sizes = frame[~frame["is_punct"].astype(bool)].groupby("segment_id").size()
    kept = _filter_tokens(frame, drop_stopwords=drop_stopwords, drop_punct=drop_punct,
                          keep_single_chars=keep_single_chars, pos_groups=pos_groups)
    if kept.empty:
        return pd.DataFrame(columns=["segment_id", "segment", "word", "pos_group", "count",
                                     "segment_tokens", "per_1000", "share"])
    group = kept.groupby("word")["pos"].agg(lambda s: pos_group(s.mode().iat[0]))
    counts = kept.groupby(["segment_id", "segment", "word"], sort=False).size().reset_index(name="count")
    counts["segment_id"] = counts["segment_id"].astype(int)
    counts["pos_group"] = counts["word"].map(group)
    counts["segment_tokens"] = counts["segment_id"].map(sizes).astype(int)
    counts["per_1000"] = counts["count"] / counts["segment_tokens"] * 1000
    counts["share"] = counts["count"] / counts.groupby("word")["count"].transform("sum")
    counts = counts.sort_values(["segment_id", "count", "word"], ascending=[True, False, True]).reset_index(drop=True)
    return counts[["segment_id", "segment", "word", "pos_group", "count", "segment_tokens", "per_1000", "share"]]


def section_matrix(counts: pd.DataFrame, *, top: int = 20, value: str = "per_1000") -> pd.DataFrame:
    """Wide table of the ``top`` words (by total count) × segments, from :func:`section_counts`.

    Args:
        counts: Output of :func:`section_counts`.
        top: How many words (rows).
        value: ``"per_1000"`` (default: comparable across segments of
            different length), ``"count"`` or ``"share"``.

    Returns:
        DataFrame indexed by word (most frequent first), one column per
        segment in reading order; missing combinations are 0.

    >>> c = pd.DataFrame({"segment_id": [0, 1, 1], "segment": ["导语", "一", "一"], "word": ["党员", "党员", "疫情"],
    ...                   "count": [1, 2, 1], "per_1000": [10.0, 20.0, 10.0]})
    >>> section_matrix(c, value="count").to_dict("index")
    {'党员': {'导语': 1, '一': 2}, '疫情': {'导语': 0, '一': 1}}
    """
    if value not in {"per_1000", "count", "share"}:
        raise ReportError(f"value={value!r}: use 'per_1000', 'count' or 'share'")
    missing = {"segment_id", "segment", "word", "count", value} - set(counts.columns)
    if missing:
        raise ReportError(f"section_matrix needs the output of section_counts (missing {sorted(missing)})")
    totals = counts.groupby("word")["count"].sum()
    words = totals.reset_index().sort_values(["count", "word"], ascending=[False, True])["word"].head(top)
    order = counts.drop_duplicates("segment_id").sort_values("segment_id")["segment"].tolist()
    wide = counts[counts["word"].isin(words)].pivot_table(index="word", columns="segment", values=value,
                                                          aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=list(words), columns=order, fill_value=0)
    wide.columns.name = None
    return wide


def section_heatmap(counts: pd.DataFrame, *, top: int = 20, value: str = "per_1000", ax=None):
    """Heatmap of the top words across segments (rows = words, columns = segments).

    Cells are coloured by ``value`` (default per 1,000 running words of the
    segment) and annotated with the raw count.

    Args:
        counts: Output of :func:`section_counts`.
        top: How many words.
        value: See :func:`section_matrix`.
        ax: A matplotlib Axes to draw on (default: a new figure).

    Returns:
        The matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    matrix = section_matrix(counts, top=top, value=value)
    raw = section_matrix(counts, top=top, value="count")
    if ax is None:
        fig, ax = plt.subplots(figsize=(1.4 * max(3, matrix.shape[1]) + 2, 0.32 * max(4, len(matrix)) + 1.5))
    else:
        fig = ax.figure
    image = ax.imshow(matrix.to_numpy(dtype=float), aspect="auto", cmap="Reds")
    ax.set_xticks(range(matrix.shape[1]), [c.replace(" ", "\n") for c in matrix.columns], fontsize=9)
    ax.set_yticks(range(len(matrix)), matrix.index, fontsize=9)
    peak = float(np.nanmax(matrix.to_numpy(dtype=float))) if matrix.size else 0.0
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            n = int(raw.iat[i, j])
            if n:
                dark = matrix.iat[i, j] > 0.6 * peak
                ax.text(j, i, str(n), ha="center", va="center", fontsize=8, color="white" if dark else "black")
    label = {"per_1000": "per 1,000 running words of the segment", "count": "count", "share": "share of the word"}[value]
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    ax.set_title(f"Top {len(matrix)} words by segment (numbers = counts)")
    return fig


# ---------------------------------------------------------------------------
# N-grams
# ---------------------------------------------------------------------------


def ngrams(
    tokens,
    *,
    n: int = 2,
    min_count: int = 2,
    drop_stopwords: bool = True,
) -> pd.DataFrame:
    """Contiguous word sequences of length ``n`` and how often they occur.

    N-grams never cross a sentence boundary or a punctuation mark; with
    ``drop_stopwords`` an n-gram that contains a stopword is left out (it is
    not bridged: the words around a stopword were not adjacent).

    Args:
        tokens: Token table (or Report).
        n: Length (2 = bigrams, 3 = trigrams).
        min_count: Frequency floor.
        drop_stopwords: See above.

    Returns:
        DataFrame sorted by ``count`` descending then ``ngram``: ``ngram``
        (words joined without space), ``words`` (joined with spaces),
        ``n``, ``count``, ``n_paragraphs``, ``first_token_id``,
        ``first_paragraph_id``.

    >>> ngrams("标题\\n\\n□记者\\n\\n疫情防控很重要。做好疫情防控。", n=2)[["ngram", "count"]].values.tolist()
    [['疫情防控', 2]]
    """
    if not isinstance(n, int) or n < 2:
        raise ReportError(f"n={n!r}: pass 2 for bigrams, 3 for trigrams (a whole number of at least 2)")
    tokens = as_tokens(tokens)
    words = tokens["word"].to_numpy()
    bad = tokens["is_punct"].to_numpy(dtype=bool)
    if drop_stopwords:
        bad = bad | tokens["is_stopword"].to_numpy(dtype=bool)
    sentence = tokens["sentence_id"].to_numpy()
    paragraph = tokens["paragraph_id"].to_numpy()
    token_id = tokens["token_id"].to_numpy()
    rows = []
    for i in range(len(words) - n + 1):
        j = i + n
        if bad[i:j].any() or (sentence[i:j] != sentence[i]).any():
            continue
        rows.append(("".join(words[i:j]), " ".join(words[i:j]), int(paragraph[i]), int(token_id[i])))
    columns = ["ngram", "words", "n", "count", "n_paragraphs", "first_token_id", "first_paragraph_id"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=["ngram", "words", "paragraph_id", "token_id"])
    table = frame.groupby(["ngram", "words"]).agg(
        count=("token_id", "size"), n_paragraphs=("paragraph_id", "nunique"),
        first_token_id=("token_id", "min"), first_paragraph_id=("paragraph_id", "first")).reset_index()
    table["n"] = n
    table = table[table["count"] >= min_count]
    return table.sort_values(["count", "ngram"], ascending=[False, True]).reset_index(drop=True)[columns]


# ---------------------------------------------------------------------------
# Named entities
# ---------------------------------------------------------------------------

_ENTITY_TYPES = {"people": "person", "places": "place", "organisations": "organisation"}


def user_dictionary_words(tokenizer=None) -> set[str]:
    """The words a Tokenizer adds to jieba: every dictionary layer plus ``extra_words``.

    >>> from analysis import Tokenizer, load_report
    >>> "史万钧" in user_dictionary_words(Tokenizer.for_report(load_report()))
    True
    """
    if tokenizer is None:
        from .tokenize import default_tokenizer

        tokenizer = default_tokenizer()
    if hasattr(tokenizer, "dictionary_words"):
        return set(tokenizer.dictionary_words())
    return {w for w, _ in getattr(tokenizer, "extra_words", [])}


_ENTITY_COLUMNS = ["entity", "type", "role", "pos", "count", "n_paragraphs", "first_token_id", "first_paragraph_id",
                   "first_sentence_id", "start", "end", "raw_start", "raw_end", "evidence", "title", "titles",
                   "affiliation", "in_user_dict"]


def entities(tokens, *, tokenizer=None, types: Sequence[str] = ("people", "places", "organisations"),
             max_title_tokens: int = 3, method: str | None = None) -> pd.DataFrame:
    """People, places and organisations with counts, first mention, evidence and the title before a name.

    Entities are recognised by :func:`analysis.entities.mentions` (the same
    recognition as :func:`analysis.rhetoric.actors` and corpus mode): the
    names of the report's dictionaries, titles beside a name, and the
    character model trained on People's Daily 1998 (``method="crf"``, the
    default; ``"jieba"`` and ``"rules"`` for comparison).

    For a person, ``title`` is the run of up to ``max_title_tokens`` noun
    tokens right before the name in the same sentence (乌海 **市委书记**
    史万钧, 老 **民警** 史建强 → 老民警), and ``affiliation`` the run of place
    and organisation tokens before that (**乌海** 市委书记).  Titles *after*
    the name (李占荣是……班长) are not found here (see ``actors``).

    Args:
        tokens: Token table (or Report; then it is tokenized with
            ``Tokenizer.for_report(report)`` unless ``tokenizer`` is given).
        tokenizer: The Tokenizer that made the tokens (its dictionaries are
            evidence).
        types: Which of ``people``, ``places``, ``organisations``.
        max_title_tokens: Longest title, in tokens.
        method: Recognition method (default :data:`analysis.entities.DEFAULT_METHOD`).

    Returns:
        DataFrame sorted by type then ``count`` descending: ``entity, type``
        (person/place/organisation) ``, role`` (actor, or source for media
        such as 新华社) ``, pos`` (nr/ns/nt) ``, count, n_paragraphs,
        first_token_id, first_paragraph_id, first_sentence_id, start, end``
        (offsets of the first mention in its paragraph) ``, raw_start,
        raw_end`` (in the raw file) ``, evidence`` (dictionary | title |
        model | jieba | rule, every kind seen, ``；``-joined) ``, title`` (at
        the first mention that has one), ``titles`` (all distinct titles,
        joined by ``；``), ``affiliation`` (same rule), ``in_user_dict``.

    >>> from analysis import load_report
    >>> e = entities(load_report())
    >>> e.set_index("entity").loc["史万钧", ["type", "title", "affiliation", "evidence"]].tolist()
    ['person', '市委书记', '乌海', 'dictionary']
    """
    from . import entities as recognition
    from .tokenize import default_tokenizer

    unknown = set(types) - set(_ENTITY_TYPES)
    if unknown:
        raise ReportError(f"unknown entity type(s) {sorted(unknown)}: choose from people, places, organisations")
    if isinstance(tokens, str):
        from .loading import parse_report

        tokens = parse_report(tokens)
    given_report = is_report(tokens)
    given = tokenizer
    tokenizer = tokenizer or default_tokenizer(tokens if given_report else None)
    tokens = as_tokens(tokens, tokenizer=tokenizer).reset_index(drop=True)
    found = recognition.mentions(tokens, tokenizer=given if not given_report else tokenizer,
                                 method=method or recognition.DEFAULT_METHOD)
    wanted = {_ENTITY_TYPES[t] for t in types}
    found = found[found["type"].isin(wanted)].reset_index(drop=True)
    if found.empty:
        return pd.DataFrame(columns=_ENTITY_COLUMNS)
    groups = tokens["pos"].map(pos_group).to_numpy()
    words = tokens["word"].to_numpy()
    sentence = tokens["sentence_id"].to_numpy()
    starts = tokens["start"].to_numpy() if "start" in tokens.columns else None
    first_of = {}
    for k, (sid, st) in enumerate(zip(sentence, starts if starts is not None else range(len(tokens)))):
        first_of[(sid, st)] = k
    covered = {}  # token index → type of the mention that covers it (places/organisations as affiliation)
    index_of, titles, affiliations = [], [], []
    for m in found.itertuples():
        i = first_of.get((m.sentence_id, m.start))
        index_of.append(i)
        title = affiliation = ""
        if i is not None and m.type == "person":
            j = i
            while j > 0 and i - j < max_title_tokens and groups[j - 1] == "nouns" and sentence[j - 1] == sentence[i]:
                j -= 1
            title = "".join(words[j:i])
            k = j
            while k > 0 and groups[k - 1] in ("places", "organisations") and sentence[k - 1] == sentence[i]:
                k -= 1
            affiliation = "".join(words[k:j])
        titles.append(title)
        affiliations.append(affiliation)
    del covered
    found["title"], found["affiliation"] = titles, affiliations
    found["token_id"] = [int(tokens.at[i, "token_id"]) if i is not None else -1 for i in index_of]
    found["pos"] = found["type"].map({"person": "nr", "place": "ns", "organisation": "nt"})
    grouped = found.groupby(["entity", "type"], sort=False)

    def _first_nonempty(values: pd.Series) -> str:
        values = values[values != ""]
        return values.iat[0] if len(values) else ""

    table = grouped.agg(
        role=("role", "first"), pos=("pos", "first"), count=("entity", "size"),
        n_paragraphs=("paragraph_id", "nunique"), first_token_id=("token_id", "first"),
        first_paragraph_id=("paragraph_id", "first"), first_sentence_id=("sentence_id", "first"),
        start=("start", "first"), end=("end", "first"), raw_start=("raw_start", "first"), raw_end=("raw_end", "first"),
        evidence=("evidence", lambda s: "；".join(dict.fromkeys(s))),
        title=("title", _first_nonempty),
        titles=("title", lambda s: "；".join(dict.fromkeys(v for v in s if v))),
        affiliation=("affiliation", _first_nonempty),
    ).reset_index()
    known = set(tokens.attrs["dictionary_words"]) if given is None and "dictionary_words" in tokens.attrs \
        else user_dictionary_words(tokenizer)
    table["in_user_dict"] = table["entity"].isin(known)
    order = {t: k for k, t in enumerate(_ENTITY_TYPES.values())}
    table = table.sort_values(["type", "count", "first_token_id"], key=lambda s: s.map(order) if s.name == "type" else s,
                              ascending=[True, False, True]).reset_index(drop=True)
    return table[_ENTITY_COLUMNS]


def __getattr__(name: str):
    # ``keyness`` lives in analysis.keyness; imported lazily to keep the modules independent.
    if name == "keyness":
        from .keyness import keyness

        return keyness
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

