"""Word segmentation and POS tagging with a project-owned jieba instance.

jieba keeps a module-level tokenizer behind global functions (``jieba.lcut``,
``jieba.add_word``): a user dictionary added anywhere changes every caller in
the process, and ``jieba.analyse`` silently uses that global instance.  The
:class:`Tokenizer` here owns its own ``jieba.Tokenizer`` and
``jieba.posseg.POSTokenizer``, loads the project user dictionary
(``data/dictionaries/user_dict.txt``) and stopword lists
(``data/stopwords/*.txt``), and never touches jieba's global state.
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

    Args:
        folder: Folder holding the lists.

    Returns:
        The union of all lists.
    """
    folder = Path(folder) if folder is not None else paths.STOPWORDS_DIR
    words: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(line)
    return frozenset(words)


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


@functools.lru_cache(maxsize=4)
def default_tokenizer() -> Tokenizer:
    """The project tokenizer with default settings, built once per process."""
    return Tokenizer()
