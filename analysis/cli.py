"""Command line: the whole analysis of any Chinese report, as one web page.

``python -m analysis report PATH --out DIR`` (or the installed script
``wuhai-analysis report PATH --out DIR``) loads a report file, runs every
analysis the package has, and writes::

    DIR/index.html        one self-contained page (figures embedded)
    DIR/tables/*.csv      every table the page shows, in full (UTF-8 with BOM)
    DIR/figures/*.png     every figure the page shows

Sections appear as their modules exist: outline and repairs (always), term
table (:mod:`analysis.frequency`), keyness (:mod:`analysis.keyness`),
sentiment arc (:mod:`analysis.sentiment`), word cloud
(:mod:`analysis.wordclouds`) and rhetorical devices (:mod:`analysis.rhetoric`).
A section whose module is missing is listed as skipped; one that fails on
this text shows its error in the page and on stderr, and the others go on.

Bad input (missing, empty, binary or undecodable file, no Chinese text, too
large, an existing non-empty DIR without ``--force``) ends with exit status 2
and a one-line message on stderr.  The output is built in a temporary folder
beside DIR and renamed into place only when complete, so no half-written
DIR is ever left behind.  With ``--force`` an existing DIR is replaced (the
old one is removed only after the new one is complete).

Exit status: 0 done, 1 internal error (a bug: rerun with ``--debug``),
2 bad input or usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import ReportError
from .outputs import (
    Terminated, check_output, is_output_error, output_folder, output_path, visible_html, write_csv,
)
from .html_report import Section, build_page, figure_block, note_block, table_block, text_block

LOGGER = logging.getLogger(__name__)

__all__ = ["main", "build_report"]


# ---------------------------------------------------------------------------
# What every section builder gets
# ---------------------------------------------------------------------------


class _Skipped(Exception):
    """A section cannot be built because an optional module is missing."""


@dataclass
class _Context:
    report: object
    out: Path
    files: list[str] = field(default_factory=list)
    _cache: dict = field(default_factory=dict)
    user_tokenizer: object = None

    def once(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def tokenizer(self):
        from .tokenize import default_tokenizer

        return self.user_tokenizer if self.user_tokenizer is not None else default_tokenizer()

    @property
    def tokens(self):
        return self.once("tokens", lambda: self.tokenizer.tokens(self.report))

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


def _optional(module: str):
    """Import an optional analysis module or skip the section."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise _Skipped(f"{module} is not available ({exc})") from None


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
    try:
        from .repairs import repair_summary
    except ImportError:
        repair_summary = None
    if repair_summary is not None:
        summary = repair_summary(r)
    else:
        summary = r.repairs.groupby("kind", as_index=False).agg(n=("repair_id", "size"))
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
    frequency = _optional("analysis.frequency")
    terms = ctx.once("terms", lambda: frequency.term_table(ctx.tokens))
    rel = ctx.table(terms, "term_table")
    return Section("terms", "词频 Term table", [
        text_block("Content words (stopwords and punctuation left out), most frequent first; "
                   "dispersion columns say how evenly a word spreads over the paragraphs."),
        table_block(_columns(terms, ("word", "pos", "pos_group", "count", "per_1000", "n_paragraphs", "juilland_d")),
                    max_rows=30, caption=f"Top terms ({rel}, with more columns)"),
    ])


def _keyness(ctx: _Context) -> Section:
    keyness = _optional("analysis.keyness")
    table = keyness.keyness(ctx.tokens)
    rel = ctx.table(table, "keyness")
    over = table[table["direction"] == "over"] if "direction" in table else table
    return Section("keyness", "关键词 Keyness", [
        text_block("Words this report uses more often than general Chinese (jieba's dictionary frequencies), "
                   "ranked by log-likelihood G²."),
        table_block(_columns(over, ("word", "pos", "count", "per_1000", "ref_per_1000", "g2", "log_ratio")),
                    max_rows=30, caption=f"Over-used words ({rel}, with more columns)"),
    ])


def _sentiment(ctx: _Context) -> Section:
    import matplotlib.pyplot as plt

    sentiment = _optional("analysis.sentiment")
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
    wordclouds = _optional("analysis.wordclouds")
    frequency = _optional("analysis.frequency")
    terms = ctx.once("terms", lambda: frequency.term_table(ctx.tokens))
    cloud = wordclouds.render_cloud(terms, weight="count", top_n=100, width=1200, height=700,
                                    duplicates="sum", counted="content words")
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
    rhetoric = _optional("analysis.rhetoric")
    blocks = []
    for name, title, columns in RHETORIC:
        function = getattr(rhetoric, name, None)
        blocks.append(text_block(title, tag="h3"))
        if function is None:
            blocks.append(text_block(f"analysis.rhetoric.{name} is not available.", css="skipped"))
            continue
        try:
            table = _call(function, ctx.report, ctx)
        except Exception as exc:  # one device failing must not lose the others
            LOGGER.warning("rhetoric.%s failed: %s", name, exc)
            _progress(ctx, f"  warning: rhetoric.{name} failed: {type(exc).__name__}: {exc}")
            blocks.append(note_block(f"Could not be computed for this text: {type(exc).__name__}: {exc}"))
            continue
        rel = ctx.table(table, name)
        blocks.append(table_block(_columns(table, columns), max_rows=20, caption=f"{len(table)} rows ({rel})"))
    return Section("rhetoric", "修辞 Rhetorical devices", blocks)


def _about(ctx: _Context) -> Section:
    return Section("about", "说明 About this page", [
        text_block(f"Written by wuhai-report-analysis {__version__} (python -m analysis report). "
                   "Every table shown is in tables/ as CSV (UTF-8 with BOM, opens in Excel); figures are in figures/."),
        text_block("Segmentation uses jieba with the project's user dictionary, written for the Wuhai report: "
                   "names and terms of another report may be split wrongly. Add them to a user dictionary "
                   "(see notebooks/06_your_own_text.ipynb)."),
    ])


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
                 only: tuple[str, ...] | None = None, tokenizer=None) -> list[str]:
    """Write the page, tables and figures of a loaded report into an empty folder.

    Args:
        report: A :class:`~analysis.loading.Report`.
        out: An existing, empty folder.
        quiet: Do not print progress on stderr.
        debug: Let a failing section raise instead of noting the error.
        only: Build only these section anchors (default: all).
        tokenizer: The :class:`~analysis.tokenize.Tokenizer` every section
            uses (default: the project tokenizer).

    Returns:
        Notes on sections that were skipped or failed (empty if all worked).
    """
    import matplotlib

    matplotlib.use("Agg")
    from .fonts import configure_matplotlib

    font = configure_matplotlib()
    ctx = _Context(report=report, out=Path(out), user_tokenizer=tokenizer)
    ctx.quiet = quiet
    chosen = [s for s in SECTIONS if only is None or s[0] in only]
    sections, problems = [], []
    for number, (anchor, title, builder) in enumerate(chosen, start=1):
        started = time.perf_counter()
        before = len(ctx.files)
        try:
            section = builder(ctx)
            status = "done"
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


def _run_report(args) -> int:
    from .loading import load_report

    out = output_path(args.out)
    only = None
    if args.sections:
        only = tuple(s.strip() for s in args.sections.split(",") if s.strip())
        unknown = sorted(set(only) - {s[0] for s in SECTIONS})
        if unknown:
            raise ReportError(f"unknown section(s) {', '.join(unknown)}: choose from {', '.join(s[0] for s in SECTIONS)}")
    source = Path(args.path)
    inputs = [source] + ([Path(args.user_dict)] if args.user_dict else [])
    check_output(out, force=args.force, inputs=inputs)
    tokenizer = None
    if args.user_dict:
        from .tokenize import Tokenizer

        tokenizer = Tokenizer(user_dict=args.user_dict)
        tokenizer.cut("检查")  # reads the dictionary now: a bad file fails before any output
    started = time.perf_counter()
    max_bytes = None if args.max_mb <= 0 else int(args.max_mb * 1_000_000)
    if max_bytes is not None and source.is_file() and source.stat().st_size > max_bytes:
        raise ReportError(
            f"{source} is {source.stat().st_size / 1e6:.1f} MB, too large for one report (limit {args.max_mb:g} MB): "
            "split it into one file per report, or pass --max-mb 0 to analyse it anyway (about 4 s and 70 MB of memory per MB)"
        )
    report = load_report(args.path, convert_traditional=args.convert_traditional, max_bytes=max_bytes)
    _progress(args.quiet, f"loaded {args.path}: {report!r}")
    if report.script in ("traditional", "mixed") and not report.converted:
        _progress(args.quiet, f"  note: the text is in {report.script} characters; --convert-traditional converts it")

    with output_folder(out, force=args.force, inputs=inputs, manifest={"input": str(source)}) as partial:
        problems = build_report(report, partial, quiet=args.quiet, debug=args.debug, only=only, tokenizer=tokenizer)
    for problem in problems:
        _progress(args.quiet, f"  note: {problem}")
    _progress(args.quiet, f"wrote {out / 'index.html'} in {time.perf_counter() - started:.1f} s")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Analyse a Chinese news report and write a self-contained HTML page with tables and figures.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rep = sub.add_parser("report", help="analyse one report file and write DIR/index.html, tables and figures",
                         description=__doc__.split("\n\n")[1])
    rep.add_argument("path", metavar="PATH", help="the report: a plain-text file (UTF-8, GB18030/GBK, UTF-16)")
    rep.add_argument("--out", required=True, metavar="DIR", help="output folder (created; must be new or empty)")
    rep.add_argument("--force", action="store_true", help="replace DIR if it exists and is not empty")
    rep.add_argument("--user-dict", default=None, metavar="FILE",
                     help="jieba user dictionary (word [freq] [pos] per line) for this report's names; "
                          "replaces the project dictionary, which is written for the Wuhai report")
    rep.add_argument("--convert-traditional", action="store_true",
                     help="convert traditional characters to simplified (OpenCC) before the analysis")
    rep.add_argument("--max-mb", type=float, default=10.0,
                     help="refuse files larger than this many MB (default 10; 0 = no limit)")
    rep.add_argument("--sections", default=None, metavar="LIST",
                     help="comma-separated sections to build (default all): " + ",".join(s[0] for s in SECTIONS))
    rep.add_argument("--quiet", "-q", action="store_true", help="no progress messages")
    rep.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: Arguments without the program name (default ``sys.argv[1:]``).

    Returns:
        0 on success, 1 on an internal error, 2 on bad input or usage, 130
        when interrupted.

    >>> main(["report", "no/such/file.txt", "--out", "/tmp/never-written", "--quiet"])
    2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors are 2, --help is 0
        return int(exc.code or 0)
    try:
        if args.command == "report":
            return _run_report(args)
        return 2  # pragma: no cover - argparse rejects other commands
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print("interrupted: nothing was written", file=sys.stderr)
        return 128 + exc.signum if isinstance(exc, Terminated) else 130
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(f"internal error: {message} (a bug: rerun with --debug for the traceback and report it)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
