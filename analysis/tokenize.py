"""Word segmentation and POS tagging with a project-owned jieba instance.

jieba keeps a module-level tokenizer behind global functions (``jieba.lcut``,
``jieba.add_word``): a user dictionary added anywhere changes every caller in
the process, and ``jieba.analyse`` silently uses that global instance.  The
:class:`Tokenizer` here owns its own ``jieba.Tokenizer`` and
``jieba.posseg.POSTokenizer``, loads the project user dictionary
(``data/dictionaries/user_dict.txt``) and stopword lists
(``data/stopwords/*.txt``), and never touches jieba's global state.

POS tagging (:meth:`Tokenizer.tag`) gives exactly the output of
``jieba.posseg`` but runs several times faster.  Profiling
``jieba.posseg.lcut`` on varied news text (``benchmarks/README.md``) shows
about four fifths of its time in ``jieba.posseg.viterbi``: the HMM that
segments and tags runs of characters the dictionary does not know, over 256
(position, tag) states, scoring every previous state against every next one
in a Python generator although each state has only a handful of possible
predecessors.  :func:`_posseg_viterbi` computes the same maximum over only
the predecessors that have a transition (the others score ``-inf`` and can
never win), and the cutting around it builds tuples instead of ``pair``
objects.  The dictionary path (jieba's DAG and route) is jieba's own code.
Nothing is cached between calls.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import paths, resources
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = ["Tokenizer", "default_tokenizer", "load_stopwords", "TOKEN_COLUMNS", "is_punctuation"]

#: Columns of :meth:`Tokenizer.tokens`.
TOKEN_COLUMNS = [
    "token_id", "sentence_id", "paragraph_id", "section", "word", "pos",
    "start", "end", "raw_start", "raw_end", "is_stopword", "is_punct",
]

DEFAULT_USER_DICT = paths.DICTIONARIES_DIR / "user_dict.txt"


def is_punctuation(word: str) -> bool:
    """True if a token is only punctuation, symbols or whitespace.

    >>> is_punctuation("，"), is_punctuation("党员"), is_punctuation("“")
    (True, False, True)
    """
    return all(c in resources.PUNCTUATION or c in resources.WHITESPACE or not c.isalnum() for c in word)


def load_stopwords(folder: str | Path | None = None) -> frozenset[str]:
    """Read every ``*.txt`` stopword list in a folder (default ``data/stopwords``).

    One word per line; blank lines and lines starting with ``#`` are ignored.
    A line ``!word`` removes ``word`` again (from any list), so a project can
    keep a word that a cited base list treats as a stopword without editing
    that list.

    Args:
        folder: Folder holding the lists.

    Returns:
        The union of all lists.
    """
    folder = Path(folder) if folder is not None else paths.STOPWORDS_DIR
    words: set[str] = set()
    kept: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("!") and len(line) > 1:
                kept.add(line[1:])
            elif line and not line.startswith("#"):
                words.add(line)
    return frozenset(words - kept)


@contextlib.contextmanager
def _quiet_jieba():
    """Silence jieba's "Building prefix dict…" messages for one call."""
    import jieba

    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Tokenizer:
    """A jieba tokenizer with the project's user dictionary and stopwords.

    The jieba dictionary is loaded lazily on first use and kept for the life
    of the object.  Nothing here reads or changes jieba's global tokenizer.

    Args:
        user_dict: A jieba user dictionary (``word [freq] [pos]`` per line);
            ``None`` uses ``data/dictionaries/user_dict.txt``; ``False`` uses
            none (plain jieba behaviour, for comparison).
        stopwords: A set of stopwords; ``None`` loads ``data/stopwords``.
        extra_words: More ``(word, pos)`` or words to add, e.g. names of the
            user's own report.
        hmm: Use jieba's HMM to guess words that are not in the dictionary.

    >>> tok = Tokenizer()
    >>> tok.cut("乌海市委书记史万钧要求")
    ['乌海', '市委书记', '史万钧', '要求']
    """

    def __init__(
        self,
        user_dict: str | Path | None | bool = None,
        *,
        stopwords: Iterable[str] | None = None,
        extra_words: Iterable[str | tuple[str, str]] = (),
        hmm: bool = True,
    ) -> None:
        if user_dict is None:
            user_dict = DEFAULT_USER_DICT
        if user_dict is not False:
            user_dict = Path(user_dict)
            if not user_dict.is_file():
                raise ReportError(f"user dictionary {user_dict} not found: pass an existing file or user_dict=False")
        self.user_dict: Path | None = user_dict or None
        self.stopwords = frozenset(stopwords) if stopwords is not None else load_stopwords()
        self.extra_words = [w if isinstance(w, tuple) else (w, None) for w in extra_words]
        self.hmm = hmm
        self._jieba = None
        self._pos = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Tokenizer(user_dict={str(self.user_dict) if self.user_dict else None!r}, stopwords={len(self.stopwords)}, hmm={self.hmm})"

    def __getstate__(self) -> dict:
        # jieba's tokenizer holds a lock and is rebuilt in the child process.
        state = self.__dict__.copy()
        state["_jieba"] = None
        state["_pos"] = None
        state["_lock"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    # -- the jieba instances -------------------------------------------------

    @property
    def jieba(self):
        """This object's own ``jieba.Tokenizer`` (initialised on first use)."""
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    import jieba

                    instance = jieba.Tokenizer()
                    with _quiet_jieba():
                        instance.initialize()
                        if self.user_dict is not None:
                            instance.load_userdict(str(self.user_dict))
                        for word, pos in self.extra_words:
                            instance.add_word(word, tag=pos)
                    self._jieba = instance
        return self._jieba

    @property
    def pos_tokenizer(self):
        """A ``jieba.posseg.POSTokenizer`` bound to this object's jieba."""
        if self._pos is None:
            import jieba.posseg

            tokenizer = self.jieba
            with self._lock:
                if self._pos is None:
                    with _quiet_jieba():
                        self._pos = jieba.posseg.POSTokenizer(tokenizer)
        return self._pos

    def add_word(self, word: str, pos: str | None = None, freq: int | None = None) -> None:
        """Add a word to this tokenizer only (not to jieba's global one)."""
        self.jieba.add_word(word, freq=freq, tag=pos)
        self.extra_words.append((word, pos))
        if self._pos is not None and pos:
            self._pos.word_tag_tab[word] = pos

    # -- segmentation ----------------------------------------------------------

    def cut(self, text: str) -> list[str]:
        """Segment text into words; the words concatenate back to ``text``.

        >>> Tokenizer().cut("新冠肺炎疫情")
        ['新冠肺炎', '疫情']
        """
        return list(self.jieba.cut(text, HMM=self.hmm))

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Segment and POS-tag text (jieba/ICTCLAS tag set: n, v, nr, ns, nt …).

        >>> Tokenizer().tag("班慧坚守在实验室")[0]
        ('班慧', 'nr')
        """
        pos = self.pos_tokenizer
        if not self.hmm:
            return [(pair.word, pair.flag) for pair in pos.cut(text, HMM=False)]
        pos.makesure_userdict_loaded()
        return _posseg_cut(text, pos.tokenizer, pos.word_tag_tab)

    def tag_many(self, texts: Iterable[str]) -> list[list[tuple[str, str]]]:
        """:meth:`tag` for many texts (one list of ``(word, pos)`` per text).

        >>> Tokenizer().tag_many(["党员", "值守"])
        [[('党员', 'n')], [('值守', 'v')]]
        """
        pos = self.pos_tokenizer
        if not self.hmm:
            return [self.tag(text) for text in texts]
        pos.makesure_userdict_loaded()
        tokenizer, word_tag_tab = pos.tokenizer, pos.word_tag_tab
        return [_posseg_cut(text, tokenizer, word_tag_tab) for text in texts]

    def tag_posseg(self, text: str) -> list[tuple[str, str]]:
        """:meth:`tag` computed by ``jieba.posseg`` itself (the slow reference).

        :meth:`tag` returns exactly this, faster; this method is kept to check
        that claim (``tests/test_corpus.py``, ``benchmarks/``).

        >>> t = Tokenizer(); t.tag_posseg("乌海市党员值守") == t.tag("乌海市党员值守")
        True
        """
        return [(pair.word, pair.flag) for pair in self.pos_tokenizer.cut(text, HMM=self.hmm)]

    def is_stopword(self, word: str) -> bool:
        """True if ``word`` is in this tokenizer's stopword list."""
        return word in self.stopwords

    def tokens(
        self,
        report_or_sentences,
        *,
        drop_stopwords: bool = False,
        drop_punct: bool = False,
    ) -> pd.DataFrame:
        """One row per token of a report's body, pointing back to the text.

        Args:
            report_or_sentences: A :class:`~analysis.loading.Report`, or a
                DataFrame of sentences with at least ``text`` (and optionally
                ``sentence_id, paragraph_id, section, start`` and the
                report's raw offsets).
            drop_stopwords: Leave out stopwords.
            drop_punct: Leave out punctuation tokens.

        Returns:
            DataFrame with columns ``token_id`` (1-based, numbered before any
            rows are dropped), ``sentence_id, paragraph_id, section, word,
            pos`` (jieba tag), ``start, end`` (offsets in the paragraph text),
            ``raw_start, raw_end`` (offsets in the raw file; equal to
            ``start``/``end`` for a plain sentence table), ``is_stopword,
            is_punct``.
        """
        report = None
        if hasattr(report_or_sentences, "sentences") and hasattr(report_or_sentences, "raw_span"):
            report = report_or_sentences
            sentences = report.sentences
        elif isinstance(report_or_sentences, pd.DataFrame):
            sentences = report_or_sentences
            if "text" not in sentences.columns:
                raise ReportError("the sentence table has no 'text' column: pass report.sentences or a DataFrame with 'text'")
        else:
            raise ReportError("tokens() takes a Report or a DataFrame of sentences; for a plain string use tag() or cut()")
        rows = []
        token_id = 0
        for i, sentence in enumerate(sentences.itertuples(index=False)):
            offset = getattr(sentence, "start", 0)
            sid = getattr(sentence, "sentence_id", i + 1)
            pid = getattr(sentence, "paragraph_id", sid)
            section = getattr(sentence, "section", 0)
            position = offset
            for word, pos in self.tag(sentence.text):
                token_id += 1
                start, end = position, position + len(word)
                position = end
                if report is not None:
                    raw_start, raw_end = report.raw_span(pid, start, end)
                else:
                    raw_start, raw_end = start, end
                rows.append((token_id, sid, pid, section, word, pos, start, end, raw_start, raw_end,
                             word in self.stopwords, is_punctuation(word)))
        frame = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
        if drop_stopwords:
            frame = frame[~frame["is_stopword"]]
        if drop_punct:
            frame = frame[~frame["is_punct"]]
        return frame.reset_index(drop=True)


# -- jieba.posseg, same output, less time ---------------------------------------
#
# The functions below mirror ``jieba.posseg.POSTokenizer.__cut_internal`` and
# the functions it calls (jieba 0.42.1), line for line, except that the HMM
# (``_posseg_viterbi``) only scores transitions that exist and words are
# returned as ``(word, tag)`` tuples.  ``tests/test_corpus.py`` and the
# benchmark compare them with jieba.posseg on varied text.

_MIN_FLOAT = -3.14e100


class _PossegModel:
    """jieba.posseg's HMM tables as arrays, states ordered largest first.

    ``trans[i, j]`` is the log-probability of state ``j`` after state ``i``
    (``-inf`` where jieba has no transition).  Index 0 is the largest state
    tuple and state indices are kept in ascending order, so ``argmax``
    (first maximum) breaks ties the way jieba's ``max((prob, state), …)``
    does (largest state).
    """

    def __init__(self) -> None:
        import numpy as np
        from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

        self.names = sorted(trans_P, reverse=True)
        self.index = {state: i for i, state in enumerate(self.names)}
        n = len(self.names)
        self.trans = np.full((n, n), -np.inf)
        for before, row in trans_P.items():
            for after, prob in row.items():
                self.trans[self.index[before], self.index[after]] = prob
        self.start = np.array([start_P[state] for state in self.names])
        self.emit_p = emit_P
        self.everything = np.arange(n)
        # The states each known character can be in, as arrays (model data,
        # the same for every text; about 0.1 s to build).
        self.table = {char: self.arrays(char, states) for char, states in char_state_tab_P.items()}

    def arrays(self, char: str, states):
        """Indices (ascending) of ``states`` and their emission log-probabilities for ``char``."""
        import numpy as np

        index = np.unique(np.fromiter((self.index[state] for state in states), dtype=np.intp))
        emit = np.fromiter((self.emit_p[self.names[i]].get(char, _MIN_FLOAT) for i in index), dtype=float)
        return index, emit

    def candidates(self, char: str):
        """:meth:`arrays` of the states ``char`` can be in (all states for an unknown character)."""
        known = self.table.get(char)
        return known if known is not None else self.arrays(char, self.names)


@functools.lru_cache(maxsize=1)
def _posseg_model() -> _PossegModel:
    return _PossegModel()


def _posseg_viterbi(obs: str) -> list:
    """``jieba.posseg.viterbi.viterbi(obs, …)[1]``: the best state per character.

    jieba's version takes, for each state ``y`` at step ``t``, the maximum of
    ``(V[t-1][y0] + trans[y0].get(y, -inf) + emit[y][obs[t]], y0)`` over the
    previous states ``y0``, in a Python generator.  Here the same sums, in
    the same order, are one array operation per step.  Every ``V`` value
    jieba keeps is finite (start, transition and emission log-probabilities
    are finite; a missing emission is ``-3.14e100``), so ``-inf`` marks
    "no transition" without changing any maximum; a state no previous state
    leads to is left out, as jieba does, and when no candidate is reachable
    every reachable state is tried, as jieba does.
    """
    import numpy as np

    model = _posseg_model()
    trans = model.trans
    live, emit = model.candidates(obs[0])
    scores = model.start[live] + emit
    steps = []
    for t in range(1, len(obs)):
        index, emit = model.candidates(obs[t])
        total = scores[:, None] + trans[live][:, index]
        top = total.max(axis=0)
        keep = top > -np.inf
        if not keep.any():  # jieba: no candidate reachable, use every reachable state
            reachable = model.everything[(trans[live] > -np.inf).any(axis=0)]
            if not len(reachable):
                raise ValueError("max() arg is an empty sequence")  # what jieba raises here
            index, emit = model.arrays(obs[t], [model.names[i] for i in reachable])
            total = scores[:, None] + trans[live][:, index]
            top = total.max(axis=0)
            keep = top > -np.inf
        total += emit
        best = total.argmax(axis=0)
        scores = total.max(axis=0)
        if not keep.all():
            index, best, scores = index[keep], best[keep], scores[keep]
        steps.append((index, live[best]))
        live = index
    position = int(scores.argmax())
    route = [None] * len(obs)
    state = int(live[position])
    for i in range(len(obs) - 1, 0, -1):
        route[i] = model.names[state]
        index, back = steps[i - 1]
        state = int(back[np.searchsorted(index, state)])
    route[0] = model.names[state]
    return route


def _posseg_hmm(text: str) -> list[tuple[str, str]]:
    """``POSTokenizer.__cut``: segment and tag a run of Han characters by HMM."""
    route = _posseg_viterbi(text)
    out, begin, nexti = [], 0, 0
    for i, (position, tag) in enumerate(route):
        if position == "B":
            begin = i
        elif position == "E":
            out.append((text[begin : i + 1], tag))
            nexti = i + 1
        elif position == "S":
            out.append((text[i], tag))
            nexti = i + 1
    if nexti < len(text):
        out.append((text[nexti:], route[nexti][1]))
    return out


def _posseg_detail(text: str) -> list[tuple[str, str]]:
    """``POSTokenizer.__cut_detail``: a run of characters not in the dictionary."""
    from jieba.posseg import re_eng, re_han_detail, re_num, re_skip_detail

    out = []
    for block in re_han_detail.split(text):
        if re_han_detail.match(block):
            out.extend(_posseg_hmm(block))
        else:
            for piece in re_skip_detail.split(block):
                if piece:
                    if re_num.match(piece):
                        out.append((piece, "m"))
                    elif re_eng.match(piece):
                        out.append((piece, "eng"))
                    else:
                        out.append((piece, "x"))
    return out


def _posseg_buffer(buf: str, tokenizer, word_tag_tab: dict, out: list) -> None:
    """The single characters ``__cut_DAG`` buffers between dictionary words."""
    if len(buf) == 1:
        out.append((buf, word_tag_tab.get(buf, "x")))
    elif not tokenizer.FREQ.get(buf):
        out.extend(_posseg_detail(buf))
    else:
        out.extend((char, word_tag_tab.get(char, "x")) for char in buf)


def _posseg_dag(block: str, tokenizer, word_tag_tab: dict, out: list) -> None:
    """``POSTokenizer.__cut_DAG``: the dictionary route, HMM for unknown runs."""
    dag = tokenizer.get_DAG(block)
    route: dict = {}
    tokenizer.calc(block, dag, route)
    x, n, buf = 0, len(block), ""
    while x < n:
        y = route[x][1] + 1
        word = block[x:y]
        if y - x == 1:
            buf += word
        else:
            if buf:
                _posseg_buffer(buf, tokenizer, word_tag_tab, out)
                buf = ""
            out.append((word, word_tag_tab.get(word, "x")))
        x = y
    if buf:
        _posseg_buffer(buf, tokenizer, word_tag_tab, out)


def _posseg_cut(text: str, tokenizer, word_tag_tab: dict) -> list[tuple[str, str]]:
    """``POSTokenizer.cut(text, HMM=True)`` as a list of ``(word, tag)``."""
    from jieba.posseg import re_eng, re_han_internal, re_num, re_skip_internal

    out: list[tuple[str, str]] = []
    for block in re_han_internal.split(text):
        if re_han_internal.match(block):
            _posseg_dag(block, tokenizer, word_tag_tab, out)
        else:
            for piece in re_skip_internal.split(block):
                if re_skip_internal.match(piece):
                    out.append((piece, "x"))
                else:
                    for char in piece:
                        if re_num.match(char):
                            out.append((char, "m"))
                        elif re_eng.match(piece):
                            out.append((char, "eng"))
                        else:
                            out.append((char, "x"))
    return out


@functools.lru_cache(maxsize=4)
def default_tokenizer() -> Tokenizer:
    """The project tokenizer with default settings, built once per process."""
    return Tokenizer()
