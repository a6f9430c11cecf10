"""Word segmentation and POS tagging with a project-owned jieba instance.

jieba keeps a module-level tokenizer behind global functions (``jieba.lcut``,
``jieba.add_word``): a user dictionary added anywhere changes every caller in
the process, and ``jieba.analyse`` silently uses that global instance.  The
:class:`Tokenizer` here owns its own ``jieba.Tokenizer`` and
``jieba.posseg.POSTokenizer``, loads the project's dictionaries in layers
(the genre dictionary ``data/dictionaries/genre_dict.txt`` by default; a
report's own dictionary, names suggested from its text and the user's
dictionary through :meth:`Tokenizer.for_report`) and the stopword lists
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

Caching.  The detectors of a report tag the same paragraphs and sentences
many times (on a 2 MB line without punctuation about 13 passes): each
Tokenizer keeps the results of :meth:`Tokenizer.tag`, :meth:`Tokenizer.cut`
and :meth:`Tokenizer.tag_many` in a least-recently-used store keyed by the
text, bounded by an estimate of its memory (``cache_mb``, default 128 MB;
``0`` turns it off), emptied by :meth:`Tokenizer.add_word` and
:meth:`Tokenizer.clear_cache`.  Each call returns a new list of immutable
tuples, so a caller cannot change what the next caller gets.  The parsed
dictionary files (keyed by path, modification time and size) and the jieba
tables of each set of dictionary files (jieba's own dictionary plus the
genre and report layers) are built once per process and never changed: a
tokenizer that adds nothing to them (no suggested, user or extra words)
shares them, one that adds words with frequencies reads them through small
tables of its own words (:mod:`analysis.jieba_layers`: no copy, the same
tags), and any other copies them and adds only its own words.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import paths, resources
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "Tokenizer", "default_tokenizer", "load_stopwords", "TOKEN_COLUMNS", "is_punctuation", "read_user_dict",
    "sidecar_dictionary", "is_bundled_report", "GENRE_DICT", "WUHAI_REPORT_DICT",
]

#: Columns of :meth:`Tokenizer.tokens`.
TOKEN_COLUMNS = [
    "token_id", "sentence_id", "paragraph_id", "section", "word", "pos",
    "start", "end", "raw_start", "raw_end", "is_stopword", "is_punct",
]

#: The genre dictionary, loaded by every Tokenizer unless ``genre=False``.
GENRE_DICT = paths.DICTIONARIES_DIR / "genre_dict.txt"
#: The bundled Wuhai report's own dictionary (names, places, organisations, titles).
WUHAI_REPORT_DICT = paths.DICTIONARIES_DIR / "wuhai_report_dict.txt"
#: Kept for older callers: the bundled report's dictionary.
DEFAULT_USER_DICT = WUHAI_REPORT_DICT
#: jieba frequency given to suggested names (the tier of names in the report dictionaries).
SUGGESTED_FREQ = 20
#: File-name ending of a sidecar dictionary: ``report.txt`` → ``report_user_dict.txt``.
SIDECAR_SUFFIX = "_user_dict.txt"


def read_user_dict(path: str | Path) -> list[tuple[str, int | None, str | None]]:
    """The entries of a jieba user dictionary: ``(word, freq, pos)``.

    One entry per line, ``word [freq] [pos]`` separated by spaces (jieba's
    format); blank lines and lines starting with ``#`` are skipped (jieba
    itself has no comment syntax: the project reads the file and adds the
    words).  ``freq``/``pos`` are ``None`` when missing.  Parsed by
    :func:`analysis.datafiles.read_user_dict`, the one rule for user
    dictionaries (the command line checks ``--user-dict`` with it too).

    Raises:
        ReportError: The file is missing, not UTF-8, or a line is not
            ``word [freq] [pos]``.

    >>> read_user_dict(GENRE_DICT)[0]
    ('新冠肺炎', 10, 'nz')
    """
    path = Path(path)
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = None  # let the reader report the problem
    return list(_parsed_user_dict(str(path), stamp))


@functools.lru_cache(maxsize=64)
def _parsed_user_dict(path: str, stamp) -> tuple[tuple[str, int | None, str | None], ...]:
    """:func:`read_user_dict` of one version of a file (``stamp``: modification time and size), parsed once."""
    from .datafiles import read_user_dict as read_entries

    entries = read_entries(path)
    return tuple(zip(entries["word"], entries["freq"], entries["pos"]))


def is_bundled_report(report) -> bool:
    """True if ``report`` was loaded from the bundled ``data/raw/wuhai_report.txt``."""
    source = getattr(report, "source", None)
    if source is None:
        return False
    try:
        return Path(source).resolve() == paths.DEFAULT_REPORT.resolve()
    except OSError:
        return False


def sidecar_dictionary(source: str | Path | None) -> Path | None:
    """The dictionary file that sits beside a report file, if there is one.

    Convention: for ``folder/name.txt`` the file ``folder/name_user_dict.txt``;
    failing that, the longest ``folder/prefix_user_dict.txt`` whose prefix
    starts the report's name followed by ``_`` (``qinghe_user_dict.txt``
    serves ``qinghe_flood_relief.txt``, and a series ``qinghe_*.txt``).

    >>> sidecar_dictionary(paths.DATA_DIR / "examples" / "qinghe_flood_relief.txt").name
    'qinghe_user_dict.txt'
    >>> sidecar_dictionary(paths.DEFAULT_REPORT) is None
    True
    """
    if source is None:
        return None
    source = Path(source)
    exact = source.with_name(source.stem + SIDECAR_SUFFIX)
    if exact.is_file():
        return exact
    folder = source.parent
    if not folder.is_dir():
        return None
    best = None
    for candidate in folder.glob("*" + SIDECAR_SUFFIX):
        prefix = candidate.name[: -len(SIDECAR_SUFFIX)]
        if prefix and source.stem.startswith(prefix + "_") and (best is None or len(prefix) > len(best[0])):
            best = (prefix, candidate)
    return best[1] if best else None


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
    files = sorted(folder.glob("*.txt"))
    try:
        return _stopwords_of(tuple(_file_stamp(path) for path in files))  # read once per version of the files
    except OSError:
        return _stopwords_of.__wrapped__(tuple((str(path), 0, 0) for path in files))  # let the reader report it


@functools.lru_cache(maxsize=8)
def _stopwords_of(files: tuple[tuple[str, int, int], ...]) -> frozenset[str]:
    words: set[str] = set()
    kept: set[str] = set()
    from .datafiles import read_lines

    for path, _, _ in files:
        for line in read_lines(path, what="stopword list"):
            if line.startswith("!") and len(line) > 1:
                kept.add(line[1:])
            else:
                words.add(line)
    return frozenset(words - kept)


@functools.lru_cache(maxsize=1)
def _jieba_base():
    """A ``jieba.Tokenizer`` with jieba's own dictionary only, initialised once (read-only: copied, never changed)."""
    import jieba

    base = jieba.Tokenizer()
    with _quiet_jieba():
        base.initialize()
    return base


@functools.lru_cache(maxsize=1)
def _jieba_word_tags() -> dict[str, str]:
    """jieba.posseg's word → tag table of jieba's own dictionary, read once (copied per tokenizer)."""
    import jieba.posseg

    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.load_word_tag(_jieba_base().get_dict_file())
    return pos.word_tag_tab


def _file_stamp(path: Path) -> tuple[str, int, int]:
    info = Path(path).stat()
    return str(path), info.st_mtime_ns, info.st_size


@functools.lru_cache(maxsize=8)
def _layer_tables(layers: tuple[tuple[str, int, int], ...]):
    """``(jieba.Tokenizer, POSTokenizer)`` with jieba's dictionary and the dictionary files ``layers``, built once.

    Read-only: shared by every :class:`Tokenizer` that adds nothing to these
    layers, copied by one that does.
    """
    import jieba
    import jieba.posseg

    instance = jieba.Tokenizer()
    base = _jieba_base()
    # jieba's own dictionary, read once per process and copied:
    # ``initialize()`` on every Tokenizer cost about a second each
    instance.FREQ, instance.total = dict(base.FREQ), base.total
    instance.initialized = True
    with _quiet_jieba():
        for path, _, _ in layers:
            for word, freq, pos in read_user_dict(path):
                instance.add_word(word, freq=freq, tag=pos)
    return instance, _pos_tokenizer(instance, dict(_jieba_word_tags()))


def _pos_tokenizer(instance, word_tag_tab: dict):
    """A ``jieba.posseg.POSTokenizer`` over ``instance`` with ``word_tag_tab`` (its user tags merged in)."""
    import jieba.posseg

    # POSTokenizer(tokenizer) re-reads dict.txt for its tag table: take the given one instead
    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.tokenizer = instance
    pos.word_tag_tab = word_tag_tab
    pos.makesure_userdict_loaded()
    return pos


def _copy_tables(tables):
    """A private copy of shared ``(jieba.Tokenizer, POSTokenizer)`` tables, to add words to."""
    import jieba

    source, source_pos = tables
    instance = jieba.Tokenizer()
    instance.FREQ, instance.total = dict(source.FREQ), source.total
    instance.initialized = True
    return instance, _pos_tokenizer(instance, dict(source_pos.word_tag_tab))


#: Estimated bytes per token held by a cached result (a tuple, a word object, a slot) and per character of the key.
_TOKEN_BYTES, _CHAR_BYTES = 160, 4


class _TextCache:
    """Results keyed by ``(kind, text)``, least recently used dropped first, bounded by estimated bytes.

    Thread-safe; the values stored must be immutable (tuples).
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        if not self.budget:
            return None
        with self.lock:
            entry = self.items.get(key)
            if entry is None:
                return None
            self.items.move_to_end(key)
            return entry[0]

    def put(self, key, value: tuple) -> None:
        cost = 100 + _CHAR_BYTES * len(key[1]) + _TOKEN_BYTES * len(value)
        if cost > self.budget:
            return
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self.items[key] = (value, cost)
            self.size += cost
            while self.size > self.budget:
                _, (_, dropped) = self.items.popitem(last=False)
                self.size -= dropped

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


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
    """A jieba tokenizer with the project's dictionaries and stopwords.

    Dictionaries come in layers, loaded in this order (a later layer wins
    when two give the same word):

    1. the **genre dictionary** ``data/dictionaries/genre_dict.txt``
       (coinages and set phrases of Party and epidemic reporting: 新冠肺炎,
       逆行者, 双报到 …), on by default;
    2. ``report_dicts``: dictionaries of one report (the bundled Wuhai
       report's names, a sidecar file beside a report);
    3. ``suggested``: ``(word, pos, freq)`` entries proposed from the text
       (:func:`analysis.entities.suggest_user_dict`);
    4. ``user_dict``: the user's own dictionary file(s), on top;
    5. ``extra_words``.

    :meth:`for_report` assembles the right layers for a report; use it for
    any report (``Tokenizer.for_report(load_report())`` gives the bundled
    report its names).  The jieba dictionary is loaded lazily on first use
    and kept for the life of the object.  Nothing here reads or changes
    jieba's global tokenizer.

    Args:
        user_dict: The user's jieba dictionary file or files
            (``word [freq] [pos]`` per line, ``#`` comments allowed), loaded
            on top of the genre dictionary; ``False`` gives plain jieba (no
            dictionary at all, also no genre dictionary), for comparison.
        genre: Load the genre dictionary (``True``), not (``False``), or
            another file in its place.
        report_dicts: Report dictionary files loaded after the genre one.
        suggested: ``(word, pos, freq)`` entries loaded before ``user_dict``.
        stopwords: A set of stopwords; ``None`` loads ``data/stopwords``.
        extra_words: More ``(word, pos)`` or words to add.
        hmm: Use jieba's HMM to guess words that are not in the dictionary.
        cache_mb: Memory (estimated, MB) for the results kept of
            :meth:`tag`, :meth:`cut` and :meth:`tag_many` on texts seen
            before; ``0`` keeps none.
        convention: ``"jieba"`` (jieba's words) or ``"pku"`` (recut the PKU
            way by :func:`analysis.conventions.to_pku_tagged`: ``一 | 座``,
            ``1900多 | 个``, ``居民 | 小区``; dictionary words never recut) or
            ``"project"`` (``pku`` with the hand gold's written departures:
            :func:`analysis.conventions.to_project_tagged`).

    >>> tok = Tokenizer()
    >>> tok.cut("新冠肺炎疫情中的逆行者")
    ['新冠肺炎', '疫情', '中', '的', '逆行者']
    >>> from analysis import load_report
    >>> Tokenizer.for_report(load_report()).cut("乌海市委书记史万钧要求")
    ['乌海', '市委书记', '史万钧', '要求']
    """

    def __init__(
        self,
        user_dict: str | Path | Iterable[str | Path] | None | bool = None,
        *,
        genre: bool | str | Path = True,
        report_dicts: Iterable[str | Path] = (),
        suggested: Iterable[tuple] = (),
        stopwords: Iterable[str] | None = None,
        extra_words: Iterable[str | tuple[str, str]] = (),
        hmm: bool = True,
        cache_mb: float = 128,
        convention: str = "jieba",
    ) -> None:
        if user_dict is False:
            genre, user_dict = False, None
        if user_dict is None or user_dict is True:
            user_files: list[Path] = []
        elif isinstance(user_dict, (str, Path)):
            user_files = [Path(user_dict)]
        else:
            user_files = [Path(p) for p in user_dict]
        genre_file = GENRE_DICT if genre is True else (Path(genre) if genre else None)
        files = ([genre_file] if genre_file else []) + [Path(p) for p in report_dicts]
        for path in files + user_files:
            if not path.is_file():
                raise ReportError(f"user dictionary {path} not found: pass an existing file or user_dict=False")
        self.genre_dict: Path | None = genre_file
        self.report_dicts: tuple[Path, ...] = tuple(Path(p) for p in report_dicts)
        self.user_dicts: tuple[Path, ...] = tuple(user_files)
        self.suggested: tuple[tuple[str, str | None, int | None], ...] = tuple(
            (w[0], w[1] if len(w) > 1 else None, w[2] if len(w) > 2 else None) for w in suggested)
        self.stopwords = frozenset(stopwords) if stopwords is not None else load_stopwords()
        self.extra_words = [w if isinstance(w, tuple) else (w, None) for w in extra_words]
        self.hmm = hmm
        if not cache_mb >= 0:  # also NaN
            raise ReportError(f"cache_mb={cache_mb!r}: pass a number of megabytes, 0 or more")
        self.cache_mb = cache_mb
        if convention not in ("jieba", "pku", "project"):
            raise ReportError(f"convention={convention!r}: choose 'jieba', 'pku' or 'project' (see analysis.conventions)")
        self.convention = convention
        self._jieba = None
        self._pos = None
        self._shared = False  # True while _jieba/_pos are the process's read-only layer tables
        self._entries: tuple | None = None
        self._lock = threading.Lock()
        self._cache = _TextCache(int(cache_mb * 1e6))

    @classmethod
    def for_report(cls, report, user_dict: str | Path | Iterable[str | Path] | None = None, *,
                   suggest: bool = True, **options) -> Tokenizer:
        """The tokenizer that fits one report: every dictionary layer that applies to it.

        Layers: the genre dictionary; ``data/dictionaries/wuhai_report_dict.txt``
        when ``report`` is the bundled report; a *sidecar* dictionary beside
        the report's file (see :func:`sidecar_dictionary`); when ``suggest``,
        the names :func:`analysis.entities.suggest_user_dict` proposes from
        the text (those with strong evidence; see its ``accept`` column);
        then ``user_dict`` on top.

        Args:
            report: A :class:`~analysis.loading.Report`.
            user_dict: The user's own dictionary file(s), loaded last.
            suggest: Add the names suggested from the text.
            **options: Passed to :class:`Tokenizer` (``stopwords``, ``hmm`` …).

        Returns:
            A new Tokenizer.

        >>> from analysis import load_report
        >>> tok = Tokenizer.for_report(load_report())
        >>> [p.name for p in tok.dictionaries]
        ['genre_dict.txt', 'wuhai_report_dict.txt']
        """
        report_dicts = []
        if is_bundled_report(report):
            report_dicts.append(WUHAI_REPORT_DICT)
        sidecar = sidecar_dictionary(getattr(report, "source", None))
        if sidecar is not None and sidecar not in report_dicts:
            report_dicts.append(sidecar)
        suggested: list[tuple[str, str, int]] = []
        if suggest:
            from .entities import suggest_user_dict

            # shares the process's tables of these dictionary files: no copy, no reload
            base = cls(report_dicts=report_dicts, **{k: v for k, v in options.items() if k in ("hmm", "cache_mb")})
            table = suggest_user_dict(report, tokenizer=base)
            known = base.dictionary_words()
            suggested = [(w, p, SUGGESTED_FREQ) for w, p, ok in zip(table["word"], table["pos"], table["accept"])
                         if ok and w not in known]
            if not suggested and user_dict is None and set(options) <= {"hmm", "cache_mb"}:
                return base  # the same tokenizer, with the texts it has tagged already
        return cls(user_dict, report_dicts=report_dicts, suggested=suggested, **options)

    @property
    def dictionaries(self) -> tuple[Path, ...]:
        """The dictionary files this tokenizer loads, in load order."""
        return ((self.genre_dict,) if self.genre_dict else ()) + self.report_dicts + self.user_dicts

    @property
    def user_dict(self) -> tuple[Path, ...] | None:
        """All dictionary files (kept for callers that key on it); ``None`` for plain jieba."""
        return self.dictionaries or None

    def dictionary_entries(self) -> list[tuple[str, str | None, int | None, str]]:
        """Every entry this tokenizer adds to jieba: ``(word, pos, freq, layer)`` in load order.

        ``layer`` is ``genre``, ``report``, ``suggested``, ``user`` or ``extra``.

        >>> ("逆行者", "n", 10, "genre") in Tokenizer().dictionary_entries()
        True
        """
        entries = self._entries
        if entries is None:
            entries = []
            layers = [("genre", self.genre_dict)] if self.genre_dict else []
            layers += [("report", p) for p in self.report_dicts]
            for layer, path in layers:
                entries += [(w, pos, f, layer) for w, f, pos in read_user_dict(path)]
            entries += [(w, pos, f, "suggested") for w, pos, f in self.suggested]
            for path in self.user_dicts:
                entries += [(w, pos, f, "user") for w, f, pos in read_user_dict(path)]
            entries += [(w, pos, None, "extra") for w, pos in self.extra_words]
            entries = self._entries = tuple(entries)
        return list(entries)

    def dictionary_names(self) -> dict[str, str]:
        """Word → ``person``/``place``/``organisation`` of the names the report, suggested, user and extra layers give.

        (The genre dictionary holds terms, not the names of one report.)

        >>> from analysis import load_report
        >>> Tokenizer.for_report(load_report()).dictionary_names()["史万钧"]
        'person'
        """
        kinds = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "organisation"}
        return {w: kinds[pos] for w, pos, _, layer in self.dictionary_entries() if layer != "genre" and pos in kinds}

    def dictionary_words(self, layers: Iterable[str] | None = None) -> dict[str, str]:
        """Word → layer of every dictionary entry (the last layer that gives the word).

        Args:
            layers: Only these layers (default: all).
        """
        wanted = set(layers) if layers is not None else None
        return {w: layer for w, _, _, layer in self.dictionary_entries() if wanted is None or layer in wanted}

    def __repr__(self) -> str:
        names = [p.name for p in self.dictionaries]
        return (f"Tokenizer(dictionaries={names!r}, suggested={len(self.suggested)}, "
                f"stopwords={len(self.stopwords)}, hmm={self.hmm})")

    def __getstate__(self) -> dict:
        # jieba's tokenizer holds a lock and is rebuilt in the child process.
        state = self.__dict__.copy()
        state["_jieba"] = None
        state["_pos"] = None
        state["_shared"] = False
        state["_lock"] = None
        state["_cache"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
        self._cache = _TextCache(int(getattr(self, "cache_mb", 128) * 1e6))
        self.__dict__.setdefault("_entries", None)
        self.__dict__.setdefault("_shared", False)

    def clear_cache(self) -> None:
        """Forget the results kept of texts tagged or cut before (the dictionaries stay loaded)."""
        self._cache.clear()

    # -- the jieba instances -------------------------------------------------

    @property
    def jieba(self):
        """This object's ``jieba.Tokenizer`` (built on first use); read it, change it only through :meth:`add_word`.

        A tokenizer that adds no words of its own to its dictionary files
        shares the process's read-only tables of those files (see the module
        docstring); :meth:`add_word` gives it a private copy first.
        """
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    self._build()
        return self._jieba

    def _build(self) -> None:
        from ._compat import require

        require("jieba")  # every build, not only the cached first one: the tagging mirrors jieba's internals
        layers = tuple(_file_stamp(p) for p in ((self.genre_dict,) if self.genre_dict else ()) + self.report_dicts)
        tables = _layer_tables(layers)
        own = [e for e in self.dictionary_entries() if e[3] not in ("genre", "report")]
        if not own:
            self._pos, self._shared = tables[1], True
            self._jieba = tables[0]
            return
        from .jieba_layers import layered_tables

        layered = layered_tables(tables, [(word, tag, freq) for word, tag, freq, _ in own])
        if layered is not None:  # the shared tables plus this tokenizer's words, no copy (analysis.jieba_layers)
            self._pos, self._shared = layered[1], False
            self._jieba = layered[0]
            return
        instance, pos = _copy_tables(tables)
        with _quiet_jieba():
            for word, tag, freq, _ in own:
                instance.add_word(word, freq=freq, tag=tag)
        pos.makesure_userdict_loaded()
        self._pos, self._shared = pos, False
        self._jieba = instance

    @property
    def pos_tokenizer(self):
        """A ``jieba.posseg.POSTokenizer`` bound to this object's jieba (the same sharing as :attr:`jieba`)."""
        if self._pos is None:
            _ = self.jieba  # builds both
        return self._pos

    def add_word(self, word: str, pos: str | None = None, freq: int | None = None) -> None:
        """Add a word to this tokenizer only (not to jieba's global one, nor to any other Tokenizer)."""
        _ = self.jieba  # built before the lock is taken
        with self._lock:
            if self._shared:
                self._jieba, self._pos = _copy_tables((self._jieba, self._pos))
                self._shared = False
            self._jieba.add_word(word, freq=freq, tag=pos)
            self._pos.makesure_userdict_loaded()
            self.extra_words.append((word, pos))
            self._entries = None
        self.clear_cache()

    # -- segmentation ----------------------------------------------------------

    def cut(self, text: str) -> list[str]:
        """Segment text into words; the words concatenate back to ``text``.

        >>> Tokenizer().cut("新冠肺炎疫情")
        ['新冠肺炎', '疫情']
        """
        key = ("cut", text)
        kept = self._cache.get(key)
        if kept is None:
            kept = tuple(self.jieba.cut(text, HMM=self.hmm))
            if getattr(self, "convention", "jieba") != "jieba":
                kept = tuple(w for w, _ in self._recut([(w, None) for w in kept]))
            self._cache.put(key, kept)
        return list(kept)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Segment and POS-tag text (jieba/ICTCLAS tag set: n, v, nr, ns, nt …).

        >>> Tokenizer().tag("逆行者坚守在实验室")[:2]
        [('逆行者', 'n'), ('坚守', 'v')]
        """
        key = ("tag", text)
        kept = self._cache.get(key)
        if kept is None:
            kept = tuple(self._recut(self._tag(text)))
            self._cache.put(key, kept)
        return list(kept)

    def _tag(self, text: str) -> list[tuple[str, str]]:
        pos = self.pos_tokenizer
        if not self.hmm:
            return [(pair.word, pair.flag) for pair in pos.cut(text, HMM=False)]
        return _posseg_cut(text, pos.tokenizer, _fast_tags(pos))

    def tag_many(self, texts: Iterable[str]) -> list[list[tuple[str, str]]]:
        """:meth:`tag` for many texts (one list of ``(word, pos)`` per text).

        >>> Tokenizer().tag_many(["党员", "值守"])
        [[('党员', 'n')], [('值守', 'v')]]
        """
        if not self.hmm:
            return [self.tag(text) for text in texts]
        pos = self.pos_tokenizer
        tokenizer, word_tag_tab, cache = pos.tokenizer, _fast_tags(pos), self._cache
        out = []
        for text in texts:
            key = ("tag", text)
            kept = cache.get(key)
            if kept is None:
                kept = tuple(self._recut(_posseg_cut(text, tokenizer, word_tag_tab)))
                cache.put(key, kept)
            out.append(list(kept))
        return out

    def _recut(self, pairs: list) -> list:
        """``(word, tag)`` pairs recut by this tokenizer's :attr:`convention` (unchanged for ``jieba``)."""
        if getattr(self, "convention", "jieba") == "jieba":
            return pairs
        from .conventions import to_pku_tagged

        tags = self.pos_tokenizer.word_tag_tab
        return to_pku_tagged([(w, tags.get(w) if t is None else t) for w, t in pairs],
                             keep=frozenset(self.dictionary_words()), tag_of=tags,
                             project=self.convention == "project")

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
        from .inputs import is_report

        if is_report(report_or_sentences):
            report = report_or_sentences
            sentences = report.sentences
        elif isinstance(report_or_sentences, pd.DataFrame):
            sentences = report_or_sentences
            if "text" not in sentences.columns:
                raise ReportError("the sentence table has no 'text' column: pass report.sentences or a DataFrame with 'text'")
        else:
            raise ReportError("tokens() takes a Report or a DataFrame of sentences; for a plain string use tag() or cut()")
        texts = sentences["text"].tolist()
        n = len(texts)
        offsets = sentences["start"].tolist() if "start" in sentences.columns else [0] * n
        sentence_ids = sentences["sentence_id"].tolist() if "sentence_id" in sentences.columns else list(range(1, n + 1))
        paragraph_ids = sentences["paragraph_id"].tolist() if "paragraph_id" in sentences.columns else sentence_ids
        section_ids = sentences["section"].tolist() if "section" in sentences.columns else [0] * n
        frame = _token_frame(texts, self.tag_many(texts), offsets, sentence_ids, paragraph_ids, section_ids, report,
                             self.stopwords)
        # what the dictionaries vouch for, so a token table alone still tells it (analysis.entities)
        frame.attrs["dictionary_names"] = self.dictionary_names()
        frame.attrs["dictionary_words"] = sorted(self.dictionary_words())
        if drop_stopwords:
            frame = frame[~frame["is_stopword"]]
        if drop_punct:
            frame = frame[~frame["is_punct"]]
        return frame.reset_index(drop=True)


def _token_frame(texts, tagged_texts, offsets, sentence_ids, paragraph_ids, section_ids, report, stopwords):
    """The rows of :meth:`Tokenizer.tokens` from the tags of each sentence, built column by column (numpy)."""
    import numpy as np

    words: list[str] = []
    tags: list[str] = []
    counts = np.zeros(len(texts), dtype=np.int64)
    for i, tagged in enumerate(tagged_texts):
        if tagged:
            counts[i] = len(tagged)
            sentence_words, sentence_tags = zip(*tagged)
            words.extend(sentence_words)
            tags.extend(sentence_tags)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths)
    first = np.cumsum(counts) - counts  # index of each sentence's first token
    before = np.zeros(len(texts), dtype=np.int64)  # characters of the tokens before each sentence
    has = counts > 0
    before[has] = ends[first[has]] - lengths[first[has]]
    ends += np.repeat(np.asarray(offsets, dtype=np.int64) - before, counts)
    starts = ends - lengths
    pids = _repeat(paragraph_ids, counts)
    if report is None:
        raw_starts, raw_ends = starts, ends
    else:
        raw_starts, raw_ends = starts.copy(), ends.copy()
        positions_of = getattr(report, "raw_positions", None)
        bounds = np.flatnonzero(pids[1:] != pids[:-1]) + 1  # runs of one paragraph (sentences in paragraph order)
        for a, b in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(pids)]])):
            if a == b:
                continue
            pid = int(pids[a])
            s, e = starts[a:b], ends[a:b]
            ok = np.zeros(b - a, dtype=bool)
            if positions_of is not None:
                positions = np.asarray(positions_of(pid), dtype=np.int64)
                inside = (s >= 0) & (e <= len(positions)) & (e > s)
                first_raw = np.full(b - a, -1, dtype=np.int64)
                last_raw = np.full(b - a, -1, dtype=np.int64)
                first_raw[inside] = positions[s[inside]]
                last_raw[inside] = positions[e[inside] - 1]
                ok = inside & (first_raw >= 0) & (last_raw >= 0)
                raw_starts[a:b][ok] = first_raw[ok]
                raw_ends[a:b][ok] = last_raw[ok] + 1  # = raw_span, without a search
            for j in np.flatnonzero(~ok):
                raw_starts[a + j], raw_ends[a + j] = report.raw_span(pid, int(s[j]), int(e[j]))
    punct: dict[str, bool] = {}  # is_punctuation per distinct word, computed once
    for word in words:
        if word not in punct:
            punct[word] = is_punctuation(word)
    rows = {
        "token_id": np.arange(1, len(words) + 1), "sentence_id": _repeat(sentence_ids, counts),
        "paragraph_id": pids, "section": _repeat(section_ids, counts),
        "word": np.asarray(words, dtype=object), "pos": np.asarray(tags, dtype=object),
        "start": starts, "end": ends, "raw_start": raw_starts, "raw_end": raw_ends,
        "is_stopword": np.fromiter((w in stopwords for w in words), dtype=bool, count=len(words)),
        "is_punct": np.fromiter((punct[w] for w in words), dtype=bool, count=len(words)),
    }
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def _repeat(values: list, counts):
    """``values[i]`` repeated ``counts[i]`` times, as an array (object dtype unless the values are numbers)."""
    import numpy as np

    array = np.asarray(values)
    if array.dtype.kind not in "iufb":
        array = np.empty(len(values), dtype=object)
        array[:] = values
    return np.repeat(array, counts)


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


#: Runs of unknown characters up to this length have their HMM result remembered (:func:`_posseg_detail_cached`).
_DETAIL_MEMO_CHARS = 64


@functools.lru_cache(maxsize=4096)
def _posseg_detail_cached(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`_posseg_detail` remembered per run (a pure function of the run: no dictionary is read).

    The same unknown runs (names, rare words) come back in every pass over a
    report: :meth:`Tokenizer.for_report` tags it once for the suggested
    names and its tokenizer tags it again with them, and a corpus repeats
    names across documents.  The HMM was most of the second pass's cost;
    about 4,096 short runs (a few MB at most) are kept, least recently used
    dropped first.
    """
    return tuple(_posseg_detail(text))


def _fast_tags(pos):
    """``pos.word_tag_tab``, or what answers for it without merging tables (:mod:`analysis.jieba_layers`)."""
    tags = getattr(pos, "fast_tags", None)
    return tags if tags is not None else pos.word_tag_tab


def _freq_get(tokenizer):
    """``tokenizer.FREQ.get``, or what answers for it without merging tables (:mod:`analysis.jieba_layers`)."""
    get = getattr(tokenizer, "freq_get", None)
    return get if get is not None else tokenizer.FREQ.get


def _posseg_buffer(buf: str, tokenizer, word_tag_tab: dict, out: list) -> None:
    """The single characters ``__cut_DAG`` buffers between dictionary words."""
    if len(buf) == 1:
        out.append((buf, word_tag_tab.get(buf, "x")))
    elif not _freq_get(tokenizer)(buf):
        out.extend(_posseg_detail_cached(buf) if len(buf) <= _DETAIL_MEMO_CHARS else _posseg_detail(buf))
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


_REPORT_TOKENIZERS: dict = {}


def default_tokenizer(report=None) -> Tokenizer:
    """The one default tokenizer: ``Tokenizer()``, or :meth:`Tokenizer.for_report` for a report.

    Built once per process (per report: keyed by its file, text and the
    dictionary files' modification times), so every function that is given
    no tokenizer segments a report the same way.

    >>> default_tokenizer() is default_tokenizer()
    True
    """
    if report is None:
        return _plain_default()
    key = (str(getattr(report, "source", None)), hash(getattr(report, "raw", "")), _dictionary_stamp(report))
    tokenizer = _REPORT_TOKENIZERS.get(key)
    if tokenizer is None:
        if len(_REPORT_TOKENIZERS) >= 8:
            _REPORT_TOKENIZERS.clear()
        tokenizer = _REPORT_TOKENIZERS[key] = Tokenizer.for_report(report)
    return tokenizer


def _dictionary_stamp(report) -> tuple:
    files = [GENRE_DICT, WUHAI_REPORT_DICT, sidecar_dictionary(getattr(report, "source", None))]
    return tuple(f.stat().st_mtime_ns if f is not None and f.is_file() else 0 for f in files)


@functools.lru_cache(maxsize=1)
def _plain_default() -> Tokenizer:
    return Tokenizer()
