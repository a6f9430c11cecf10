"""Read the rhetoric word lists in ``data/lexicons/rhetoric/`` (cached).

The lists are data files with a README next to them; this module only reads
them.  Tab-separated files have a header row; ``.txt`` files hold one entry
per line, ``#`` starts a comment.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import ReportError

LOGGER = logging.getLogger(__name__)

#: Folder of the rhetoric lexicons.
RHETORIC_LEXICONS_DIR = paths.LEXICONS_DIR / "rhetoric"


def lexicon_path(name: str) -> Path:
    """Path of a rhetoric lexicon file, checked to exist.

    >>> lexicon_path("titles.tsv").name
    'titles.tsv'
    """
    path = RHETORIC_LEXICONS_DIR / name
    if not path.is_file():
        raise ReportError(f"lexicon {path} is missing: restore it from the project's data/lexicons/rhetoric folder")
    return path


@functools.cache
def read_table(name: str) -> pd.DataFrame:
    """A tab-separated lexicon as a DataFrame of strings (read once).

    >>> "市委书记" in set(read_table("titles.tsv")["title"])
    True
    """
    frame = pd.read_csv(lexicon_path(name), sep="\t", dtype=str, keep_default_na=False, comment=None)
    return frame


@functools.cache
def read_list(name: str) -> tuple[str, ...]:
    """A one-entry-per-line lexicon (``#`` comments and blank lines skipped).

    >>> "一次性" in read_list("numeral_exclusions.txt")
    True
    """
    from ..datafiles import read_lines

    return tuple(read_lines(lexicon_path(name), what="lexicon"))


def cue_words(feature: str) -> tuple[str, ...]:
    """Cue words of one feature in ``move_cues.tsv``, longest first.

    >>> words = cue_words("directive_verb")
    >>> "要求" in words, [len(w) for w in words] == sorted(map(len, words), reverse=True)
    (True, True)
    """
    table = read_table("move_cues.tsv")
    words = table.loc[table["feature"] == feature, "cue"].tolist()
    return tuple(sorted(words, key=len, reverse=True))
