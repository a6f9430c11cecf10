"""The genre in numbers: every rhetoric detector over many reports, one row per report.

:func:`report_profile` runs the detectors on one report and sums them up
(war-metaphor density, numeric-claim density, the move sequence, leaders
versus grassroots); :func:`genre_table` does it for a folder or a list of
files, one row per file (a file that cannot be read becomes a row with its
error, the others are kept).  For thousands of files use
:mod:`analysis.corpus`, whose worker processes can call
:func:`report_profile` per file.

>>> from analysis import load_report
>>> row = report_profile(load_report(), name="wuhai")
>>> row["name"], row["n_paragraphs"], row["leader_directives"] >= 1
('wuhai', 19, True)
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from ..errors import ReportError
from ._common import check_report, tokenizer_or_default
from .metaphor import war_metaphors
from .moves import MOVES, paragraph_moves
from .numbers import numeric_claims

LOGGER = logging.getLogger(__name__)

__all__ = ["PROFILE_COLUMNS", "MOVE_ABBREVIATIONS", "report_profile", "genre_table", "move_shares"]

#: One letter per move, for compact move sequences (L G D I S E Q C; ``-`` a dateline).
MOVE_ABBREVIATIONS = {"LEAD": "L", "GENERAL_CLAIM": "G", "LEADER_DIRECTIVE": "D", "INSTITUTIONAL_ACTION": "I",
                      "STATISTICAL_EVIDENCE": "S", "EXEMPLAR": "E", "QUOTATION": "Q", "CLOSING_EVALUATION": "C",
                      "DATELINE": "-"}
#: Columns of :func:`report_profile` rows and :func:`genre_table`.
PROFILE_COLUMNS = [
    "name", "n_paragraphs", "n_chars", "n_tokens", "war_hits", "war_per_1000_tokens", "numeric_claims",
    "claims_per_1000_chars", "leader_directives", "exemplars", "leader_mentions", "exemplar_mentions",
    "leader_share", "move_sequence", *[f"share_{m}" for m in MOVES], "error",
]


def report_profile(report, *, tokenizer=None, name: str = "") -> dict:
    """Sum up the rhetoric of one report in one row.

    Args:
        report: A parsed report.
        tokenizer: A :class:`analysis.Tokenizer` (default: the shared one).
        name: A label for the row (e.g. the file name).

    Returns:
        Dict with the keys of :data:`PROFILE_COLUMNS`: body war-metaphor hits
        and their density per 1,000 tokens (punctuation left out), numeric
        claims (not dates, not 一 + classifier) per 1,000 characters,
        paragraphs of each move (``share_*``) and the move sequence
        (:data:`MOVE_ABBREVIATIONS`), leader directives versus exemplars
        (paragraphs), leader mentions (top leaders, and people with a leader
        title such as 市委书记) versus grassroots mentions (other named
        people) and ``leader_share`` = leaders / (leaders + grassroots).
    """
    report = check_report(report)
    tokenizer = tokenizer_or_default(tokenizer)
    moves = paragraph_moves(report, tokenizer=tokenizer)
    hits = war_metaphors(report, tokenizer=tokenizer, include_titles=False)
    claims = numeric_claims(report, tokenizer=tokenizer)
    claims = claims[~claims["kind"].isin(["date", "indefinite"])]
    tokens = tokenizer.tokens(report, drop_punct=True)
    n_chars = int(report.paragraphs["n_chars"].sum())
    counted = moves[moves["move"].isin(MOVES)]
    leaders = int(moves["n_leaders"].sum()) + int(moves["n_local_leaders"].sum())
    exemplars = max(int(moves["n_people"].sum()) - int(moves["n_local_leaders"].sum()), 0)
    row = dict(
        name=name, n_paragraphs=len(report.paragraphs), n_chars=n_chars, n_tokens=len(tokens),
        war_hits=len(hits), war_per_1000_tokens=1000 * len(hits) / len(tokens) if len(tokens) else float("nan"),
        numeric_claims=len(claims), claims_per_1000_chars=1000 * len(claims) / n_chars if n_chars else float("nan"),
        leader_directives=int((moves["move"] == "LEADER_DIRECTIVE").sum()),
        exemplars=int((moves["move"] == "EXEMPLAR").sum()),
        leader_mentions=leaders, exemplar_mentions=exemplars,
        leader_share=leaders / (leaders + exemplars) if leaders + exemplars else float("nan"),
        move_sequence="".join(MOVE_ABBREVIATIONS.get(m, "?") for m in moves["move"]), error="",
    )
    for move in MOVES:
        row[f"share_{move}"] = float((counted["move"] == move).mean()) if len(counted) else 0.0
    return row


def genre_table(files, *, tokenizer=None, names: list[str] | None = None) -> pd.DataFrame:
    """Run :func:`report_profile` on every file: a folder (its ``*.txt``), a list of paths, or reports.

    Args:
        files: A folder, or an iterable of paths or of parsed reports.
        tokenizer: Shared by every report (default: the project tokenizer).
        names: Row names (default: file stems, or ``report_1`` …).

    Returns:
        DataFrame with :data:`PROFILE_COLUMNS`, one row per input in order; a
        file that cannot be loaded has only ``name`` and ``error`` (its
        one-line :class:`~analysis.errors.ReportError` message).

    Raises:
        ReportError: A folder with no ``.txt`` file.
    """
    from ..loading import load_report

    if isinstance(files, (str, Path)):
        folder = Path(files)
        if not folder.is_dir():
            raise ReportError(f"{folder} is not a folder: pass a folder of .txt reports or a list of files")
        files = sorted(p for p in folder.glob("*.txt") if not p.stem.endswith("_dict"))
        if not files:
            raise ReportError(f"{folder} holds no .txt report: put one report per .txt file there")
    files = list(files)
    tokenizer = tokenizer_or_default(tokenizer)
    rows = []
    for index, item in enumerate(files):
        name = names[index] if names else (Path(item).stem if isinstance(item, (str, Path)) else f"report_{index + 1}")
        try:
            report = load_report(item) if isinstance(item, (str, Path)) else item
            rows.append(report_profile(report, tokenizer=tokenizer, name=name))
        except ReportError as error:
            LOGGER.warning("%s: %s", name, error)
            rows.append(dict(name=name, error=str(error)))
    return pd.DataFrame(rows).reindex(columns=PROFILE_COLUMNS)


def move_shares(table: pd.DataFrame) -> pd.DataFrame:
    """The ``share_*`` columns of :func:`genre_table` as a report × move table (for a stacked bar chart).

    >>> t = pd.DataFrame([{"name": "a", **{f"share_{m}": 0.0 for m in MOVES}, "share_LEAD": 1.0}])
    >>> float(move_shares(t).loc["a", "LEAD"])
    1.0
    """
    shares = table.set_index("name")[[f"share_{m}" for m in MOVES]]
    shares.columns = MOVES
    return shares
