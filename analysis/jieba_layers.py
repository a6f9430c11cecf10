"""jieba tables with a few words of one's own on top of shared read-only ones, without copying them.

A :class:`~analysis.Tokenizer` that adds words to its dictionary files (the
names suggested from one report, in corpus mode one set per document) used
to copy the process's shared tables first: jieba's frequency table (about
500,000 entries with the prefixes) and the POS tag table (350,000), about
12 ms per document, more than tagging a short report.  :func:`layered_tables`
gives the same tokenizer without the copy: a ``jieba.Tokenizer`` and a
``jieba.posseg.POSTokenizer`` that read the shared tables and keep only
their own words (and the prefixes jieba adds for them) in small dictionaries.

Exactly the same results as the copy with the words added by
``jieba.Tokenizer.add_word``, because the only places where an added word
can change jieba's dictionary route are known:

* ``get_DAG``: a word added at position ``k`` of a block adds an edge there;
  a prefix jieba adds for it (frequency 0) only lets the scan go on, and a
  longer word of the shared table has its own prefixes in that table.  So
  the shared table's DAG is exact except where an added word starts; there
  the scan is redone, as jieba does it, over both tables.
* ``calc``: the same expression as jieba's (``log(freq or 1) - log(total) +
  route``, in the same order), with the tokenizer's own ``total`` (the
  shared one plus the added frequencies, as ``add_word`` keeps it); in a
  block where no added word occurs, every looked-up frequency is the shared
  table's.
* the frequency of a buffered run and the POS tag of a word: the own
  dictionaries first, then the shared tables (:attr:`LayeredJieba.freq_get`,
  :attr:`LayeredPos.fast_tags`).

Anything else that reads ``FREQ`` or ``word_tag_tab`` (jieba's own ``cut``,
``add_word`` later on) gets a full merged copy, made once on first use, and
from then on the object is an ordinary copy.  Only words with a positive
integer frequency are layered (``add_word`` with frequency 0 or none runs
jieba's own logic: :func:`layered_tables` returns ``None`` and the caller
copies).  ``tests/test_jieba_layers.py`` checks the identity against the
copy on random texts and on People's Daily paragraphs.
"""

from __future__ import annotations

import re
from math import log

import jieba
import jieba.posseg

__all__ = ["LayeredJieba", "LayeredPos", "layered_tables"]

#: Up to this many own words, one regular expression finds them; above, a lookup per substring length.
_REGEX_WORDS = 64


class LayeredJieba(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` over a shared, read-only one, with its own words in a small table.

    Args:
        base: The shared tokenizer (initialised; never changed here).
        entries: ``(word, freq)`` pairs added in this order, as by
            ``add_word`` (each ``freq`` a positive integer).
    """

    def __init__(self, base: jieba.Tokenizer, entries: list[tuple[str, int]]):
        super().__init__()
        self._full = None  # the merged FREQ, once something needs all of it
        self._base = base
        self._base_freq = base.FREQ
        extra: dict[str, int] = {}
        total = base.total
        for word, freq in entries:  # what add_word does, on the small table
            extra[word] = freq
            total += freq
            for end in range(1, len(word)):
                prefix = word[:end]
                if prefix not in extra and prefix not in self._base_freq:
                    extra[prefix] = 0
        self._extra = extra
        self.total = total
        self.initialized = True
        words = sorted({w for w, _ in entries}, key=len, reverse=True)
        self._words = frozenset(words)
        self._lengths = sorted({len(w) for w in words})
        # a few words: one regular expression finds where they start; many (its alternatives are tried one by
        # one at each position): a lookup of the substrings of each length, linear in the text whatever their number
        self._starts = re.compile("(?=(?:" + "|".join(map(re.escape, words)) + "))") if len(words) <= _REGEX_WORDS \
            else None
        self._last = None

    @property
    def FREQ(self) -> dict:  # noqa: N802 - jieba's attribute name
        """The full frequency table (merged on first use: the object is then an ordinary copy)."""
        full = self._full
        if full is None:
            full = dict(self._base_freq)
            full.update(self._extra)
            self._full = full
        return full

    @FREQ.setter
    def FREQ(self, value: dict) -> None:  # noqa: N802
        self._full = value

    @property
    def freq_get(self):
        """``FREQ.get`` without merging the tables."""
        if self._full is not None:
            return self._full.get
        extra, get = self._extra, self._base_freq.get
        return lambda word: extra[word] if word in extra else get(word)

    def _positions(self, sentence: str) -> list[int]:
        """Where an own word starts in ``sentence`` (ascending)."""
        if self._starts is not None:
            return [m.start() for m in self._starts.finditer(sentence)]
        last = self._last  # calc asks about the block get_DAG has just scanned
        if last is not None and last[0] == sentence:
            return last[1]
        words, lengths = self._words, self._lengths
        found = [k for k in range(len(sentence)) if any(sentence[k:k + n] in words for n in lengths)]
        self._last = (sentence, found)
        return found

    def _occurs(self, sentence: str) -> bool:
        if self._starts is not None:
            return self._starts.search(sentence) is not None
        return bool(self._positions(sentence))

    def get_DAG(self, sentence: str) -> dict:  # noqa: N802 - jieba's method name
        if self._full is not None:
            return super().get_DAG(sentence)
        dag = jieba.Tokenizer.get_DAG(self._base, sentence)
        positions = self._positions(sentence)
        extra, base, n = self._extra, self._base_freq, len(sentence)
        for k in positions:  # jieba's scan, over both tables, where an own word starts
            tmplist = []
            i = k
            frag = sentence[k]
            while i < n and (frag in extra or frag in base):
                if extra[frag] if frag in extra else base[frag]:
                    tmplist.append(i)
                i += 1
                frag = sentence[k:i + 1]
            if not tmplist:
                tmplist.append(k)
            dag[k] = tmplist
        return dag

    def calc(self, sentence: str, DAG: dict, route: dict) -> None:  # noqa: N803 - jieba's signature
        if self._full is not None:
            return super().calc(sentence, DAG, route)
        get = self.freq_get if self._occurs(sentence) else self._base_freq.get
        n = len(sentence)
        route[n] = (0, 0)
        logtotal = log(self.total)
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in DAG[idx])
        return None


class _Tags:
    """``dict.get`` over an own tag table, then the shared one."""

    __slots__ = ("extra", "base")

    def __init__(self, extra: dict, base: dict):
        self.extra, self.base = extra, base

    def get(self, word, default=None):
        tag = self.extra.get(word)
        return tag if tag is not None else self.base.get(word, default)


class LayeredPos(jieba.posseg.POSTokenizer):
    """A ``POSTokenizer`` over a :class:`LayeredJieba`, its own tags over a shared tag table."""

    def __init__(self, tokenizer: LayeredJieba, base_tags: dict, extra_tags: dict):
        # POSTokenizer.__init__ re-reads jieba's dict.txt: set the attributes instead
        self.tokenizer = tokenizer
        self._full_tags = None
        self._base_tags = base_tags
        self._extra_tags = extra_tags

    @property
    def word_tag_tab(self) -> dict:
        """The full tag table (merged on first use)."""
        full = self._full_tags
        if full is None:
            full = dict(self._base_tags)
            full.update(self._extra_tags)
            self._full_tags = full
        return full

    @word_tag_tab.setter
    def word_tag_tab(self, value: dict) -> None:
        self._full_tags = value

    @property
    def fast_tags(self):
        """An object with ``get(word, default)`` answering as :attr:`word_tag_tab` does, without merging."""
        if self._full_tags is not None:
            return self._full_tags
        return _Tags(self._extra_tags, self._base_tags) if self._extra_tags else self._base_tags


def layered_tables(tables, entries) -> tuple[LayeredJieba, LayeredPos] | None:
    """The shared ``(jieba.Tokenizer, POSTokenizer)`` ``tables`` with ``entries`` added, without copying.

    Args:
        tables: Shared, read-only tables (never changed).
        entries: ``(word, tag, freq)`` in load order, as ``add_word(word,
            freq=freq, tag=tag)`` would add them.

    Returns:
        The layered pair, or ``None`` when an entry has no positive integer
        frequency or an empty word (then copy and use ``add_word``).

    >>> import jieba
    >>> base = jieba.Tokenizer(); base.FREQ, base.total, base.initialized = {"乌": 5, "海": 5}, 10, True
    >>> pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer); pos.tokenizer = base
    >>> pos.word_tag_tab = {}
    >>> layered, tags = layered_tables((base, pos), [("乌海", "ns", 20)])
    >>> layered.get_DAG("乌海"), layered.total, tags.fast_tags.get("乌海"), "乌海" in base.FREQ
    ({0: [0, 1], 1: [1]}, 30, 'ns', False)
    """
    base, base_pos = tables
    pairs, tags = [], {}
    for word, tag, freq in entries:
        if not word or freq is None or isinstance(freq, bool) or int(freq) != freq or int(freq) <= 0:
            return None
        pairs.append((word, int(freq)))
        if tag:
            tags[word] = tag
    instance = LayeredJieba(base, pairs)
    return instance, LayeredPos(instance, base_pos.word_tag_tab, tags)
