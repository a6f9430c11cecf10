"""Sentence sentiment and emotion, validated against hand labels.

Two methods score every sentence:

SnowNLP
    The naive Bayes classifier shipped with ``snownlp``, trained on product
    reviews.  Its score is the probability that a text is positive,
    computed by :mod:`analysis.snownlp_fast`: the same number as
    ``SnowNLP(text).sentiments`` to the last bit (tested), tens of times
    faster (``benchmarks/README.md``).  Labels: ``pos`` if the score is at least 0.6, ``neg`` if at most
    0.4, else ``neu`` (a symmetric neutral band around 0.5, chosen before
    looking at the hand labels).
Lexicon
    DUTIR + HowNet polarity (see :mod:`analysis.lexicons`) with HowNet
    negation and degree words and the project's domain adjustments.  Rules:

    * a text is cut into words by the project :class:`~analysis.Tokenizer`;
      the *scope* of negation and degree words is the clause (it ends at
      ``，。；：！？``) and runs from the previous sentiment word to the next;
    * an odd number of negation words before a sentiment word flips its
      polarity; degree words multiply it (weights in
      ``data/lexicons/sentiment/degree_weights.csv``);
    * words tagged by jieba as function words (conjunctions, prepositions,
      particles, locatives, measure words, numerals, pronouns, time words)
      do not score: HowNet lists rare senses of 和, 对, 中, 次;
    * a one-character word scores only when DUTIR and HowNet agree on it
      (or the domain file decides it): single characters are too ambiguous;
    * a word of four or more characters that the lexicon lacks (often a
      compound from the user dictionary, e.g. 积极参与) is scored by its
      longest lexicon sub-words of two or more characters;
    * a word not in the lexicon scores 0.

    The sentence score is the sum of word scores.  Labels: ``pos`` if the
    score is at least 1, ``neg`` if at most -1, else ``neu`` (chosen before
    looking at the hand labels: one plain sentiment word decides).

Labels from the lexicon scores, two ways:

``lexicon_label``
    The net score against the thresholds.
``rule_label`` (recommended, :data:`RECOMMENDED`)
    The annotation guideline's own rules
    (``data/annotations/sentiment_guidelines.md``): words after a
    requirement or purpose marker (要求, 要, 确保, 激励 …;
    ``scope_markers.csv``) do not count, and praise wins over threat:
    ``pos`` when the positive words reach the positive threshold, whatever
    the negative ones; ``neg`` only without praise.

The recommendation rests on the validation against
``data/annotations/sentiment_labels.csv`` shown in notebook 03.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .datafiles import read_table
from .errors import ReportError
from .inputs import is_report
from .lexicons import (
    DUTIR_CATEGORIES,
    SENTIMENT_LEXICON_DIR,
    Lexicon,
    apply_adjustments,
    load_adjustments,
    load_lexicon,
)

LOGGER = logging.getLogger(__name__)

__all__ = [
    "LABELS",
    "RECOMMENDED",
    "SNOWNLP_THRESHOLDS",
    "LEXICON_THRESHOLDS",
    "snownlp_score",
    "snownlp_scores",
    "word_scores",
    "lexicon_score",
    "sentence_polarity",
    "paragraph_polarity",
    "emotion_profile",
    "load_sentiment_labels",
    "agreement",
    "agreement_interval",
    "scope_markers",
    "confusion_matrix",
    "validation_table",
    "leave_one_paragraph_out",
    "load_target_terms",
    "text_target",
    "clause_polarity",
    "target_split",
]

#: The three labels, in display order.
LABELS = ("pos", "neu", "neg")
#: ``(negative at most, positive at least)`` for SnowNLP's probability.
SNOWNLP_THRESHOLDS = (0.4, 0.6)
#: ``(negative at most, positive at least)`` for the lexicon score.
LEXICON_THRESHOLDS = (-1.0, 1.0)
#: The method whose labels fill the ``label`` column of :func:`sentence_polarity`.
RECOMMENDED = "rule_label"
#: The hand labels shipped with the project.
DEFAULT_LABELS = paths.ANNOTATIONS_DIR / "sentiment_labels.csv"
DEFAULT_TARGET_TERMS = SENTIMENT_LEXICON_DIR / "target_terms.csv"

#: jieba POS tags of function words, which never score.
FUNCTION_POS = frozenset({"c", "p", "u", "uj", "ul", "uz", "ud", "ug", "uv", "f", "q", "m", "mq", "r", "t", "x", "w", "y", "e", "o", "zg"})
#: jieba POS tags of unknown compounds that are read by their sub-words
#: (idioms, fixed expressions, verbs, adjectives, adverbs; not names).
COMPOUND_POS = frozenset({"i", "l", "v", "vn", "a", "ad", "an", "d"})
#: Characters that close the scope of negation and degree words.
CLAUSE_BREAKS = frozenset("，。；：！？,;:!?")

_WORD_COLUMNS = ["position", "word", "pos", "polarity", "negations", "degree", "score", "in_scope", "emotions"]
DEFAULT_SCOPE_MARKERS = SENTIMENT_LEXICON_DIR / "scope_markers.csv"
#: Characters that end a sentence (and a requirement/purpose scope).
_SENTENCE_ENDS = frozenset("。！？!?")


# ---------------------------------------------------------------------------
# SnowNLP
# ---------------------------------------------------------------------------


def snownlp_scores(texts: Sequence[str]) -> list[float]:
    """SnowNLP's probability that each text is positive (0.5 for a blank text).

    Equal to ``SnowNLP(text).sentiments`` to the last bit
    (:mod:`analysis.snownlp_fast`); scoring many texts in one call is fastest.

    >>> [round(p, 3) for p in snownlp_scores(["很好", " "])]
    [0.78, 0.5]
    """
    from .snownlp_fast import snownlp_sentiments

    texts = list(texts)
    bad = [type(t).__name__ for t in texts if not isinstance(t, str)]
    if bad:
        raise ReportError(f"snownlp_scores() takes strings, got {bad[0]}")
    blank = [not t.strip() for t in texts]
    scores = iter(snownlp_sentiments([t for t, b in zip(texts, blank) if not b]))
    return [0.5 if b else float(next(scores)) for b in blank]


def snownlp_score(text: str) -> float:
    """SnowNLP's probability that a text is positive (0–1).

    Args:
        text: A sentence or paragraph.

    Returns:
        The probability; 0.5 for an empty text.

    >>> 0.0 <= snownlp_score("党员挺身而出") <= 1.0
    True
    """
    if not isinstance(text, str):
        raise ReportError(f"snownlp_score() takes a string, got {type(text).__name__}")
    return snownlp_scores([text])[0]


# ---------------------------------------------------------------------------
# Lexicon scoring
# ---------------------------------------------------------------------------


def _label(score: float, thresholds: tuple[float, float]) -> str:
    low, high = thresholds
    if score >= high:
        return "pos"
    if score <= low:
        return "neg"
    return "neu"


def _rule_label(positive: float, negative: float, thresholds: tuple[float, float]) -> str:
    """The guideline's rules: praise wins over threat; requirement/purpose scopes do not count."""
    low, high = thresholds
    if positive >= high:
        return "pos"
    if negative <= low:
        return "neg"
    return "neu"


def _subwords(word: str, lexicon: Lexicon) -> list[str]:
    """Longest-first lexicon words (2+ characters) inside an unknown compound."""
    found, i = [], 0
    while i < len(word):
        for j in range(len(word), i + 1, -1):
            if word[i:j] in lexicon.polarity:
                found.append(word[i:j])
                i = j
                break
        else:
            i += 1
    return found


def _word_polarity(word: str, pos: str, lexicon: Lexicon) -> tuple[int, list[str]]:
    """Polarity of one token and the lexicon words it was read as."""
    if pos in FUNCTION_POS:
        return 0, []
    value = lexicon.polarity.get(word, 0)
    if value:
        if len(word) == 1 and lexicon.sources.get(word) not in ("both agree", "domain adjustment"):
            return 0, []
        return value, [word]
    if len(word) >= 4 and pos in COMPOUND_POS and word not in lexicon.sources:
        parts = _subwords(word, lexicon)
        total = sum(lexicon.polarity[p] for p in parts)
        return (1 if total > 0 else -1 if total < 0 else 0), parts
    return 0, []


def _token_rows(tagged, lexicon: Lexicon, markers: frozenset[str], polarities: dict, *,
                emotions: bool = True) -> list[tuple]:
    """The rows of :func:`word_scores` for one tagged text (``emotions=False``: ``""`` in that column).

    ``polarities`` caches :func:`_word_polarity` by ``(word, pos)`` for one lexicon.
    """
    rows = []
    negations, degree, in_scope = 0, 1.0, False
    negation_words, degrees, categories = lexicon.negations, lexicon.degrees, lexicon.emotions
    for position, (word, pos) in enumerate(tagged):
        feeling = "/".join(categories.get(word, ())) if emotions else ""
        if word in markers:
            in_scope = True
        if word in CLAUSE_BREAKS or word in _SENTENCE_ENDS:
            negations, degree = 0, 1.0
            in_scope = in_scope and word not in _SENTENCE_ENDS
            rows.append((position, word, pos, 0, 0, 1.0, 0.0, in_scope, ""))
            continue
        if word in negation_words:
            negations += 1
            rows.append((position, word, pos, 0, 0, 1.0, 0.0, in_scope, feeling))
            continue
        if word in degrees:
            degree *= degrees[word]
            rows.append((position, word, pos, 0, 0, 1.0, 0.0, in_scope, feeling))
            continue
        key = (word, pos)
        polarity = polarities.get(key)
        if polarity is None:
            polarity = polarities[key] = _word_polarity(word, pos, lexicon)[0]
        if polarity:
            score = polarity * degree * (-1 if negations % 2 else 1)
            rows.append((position, word, pos, polarity, negations, degree, float(score), in_scope, feeling))
            negations, degree = 0, 1.0
        else:
            rows.append((position, word, pos, 0, 0, 1.0, 0.0, in_scope, feeling))
    return rows


def _sum(values: list[float]) -> float:
    """Sum as pandas' ``Series.sum`` computes it (numpy's pairwise summation), 0.0 for none."""
    return float(np.asarray(values, dtype=float).sum()) if values else 0.0


def _tag_many(tokenizer, texts: list[str]) -> list[list[tuple[str, str]]]:
    tag_many = getattr(tokenizer, "tag_many", None)
    return tag_many(texts) if tag_many is not None else [tokenizer.tag(t) for t in texts]


def _lexicon_columns(texts: list[str], lexicon: Lexicon, tokenizer) -> dict[str, list]:
    """The lexicon columns of :func:`sentence_polarity`, computed over plain lists (no frame per sentence)."""
    markers, polarities = scope_markers(), {}
    columns: dict[str, list] = {name: [] for name in ("lexicon_score", "n_positive", "n_negative", "lexicon_words",
                                                      "positive", "negative")}
    for tagged in _tag_many(tokenizer, texts):
        hits = [(row[1], row[6], row[7]) for row in _token_rows(tagged, lexicon, markers, polarities, emotions=False)
                if row[6] != 0]
        scores = [score for _, score, _ in hits]
        factual = [score for _, score, in_scope in hits if not in_scope]
        columns["lexicon_score"].append(_sum(scores))
        columns["positive"].append(_sum([v for v in factual if v > 0]))
        columns["negative"].append(_sum([v for v in factual if v < 0]))
        columns["n_positive"].append(sum(v > 0 for v in scores))
        columns["n_negative"].append(sum(v < 0 for v in scores))
        columns["lexicon_words"].append(" ".join(f"{w}{v:+g}" for w, v, _ in hits))
    return columns


def _lexicon_columns_reference(texts: list[str], lexicon: Lexicon, tokenizer) -> dict[str, list]:
    """The lexicon columns as :func:`sentence_polarity` computed them before they were vectorised.

    One :func:`word_scores` frame and pandas filtering per sentence: the
    baseline of ``benchmarks/run_benchmarks.py`` and the reference of
    ``tests/test_sentiment.py`` (same output, several times slower).
    """
    scores, n_pos, n_neg, words, factual_pos, factual_neg = [], [], [], [], [], []
    for text in texts:
        table = word_scores(text, lexicon=lexicon, tokenizer=tokenizer)
        hits = table[table["score"] != 0]
        scores.append(float(hits["score"].sum()))
        factual = hits[~hits["in_scope"]]["score"]
        factual_pos.append(float(factual[factual > 0].sum()))
        factual_neg.append(float(factual[factual < 0].sum()))
        n_pos.append(int((hits["score"] > 0).sum()))
        n_neg.append(int((hits["score"] < 0).sum()))
        words.append(" ".join(f"{w}{s:+g}" for w, s in zip(hits["word"], hits["score"])))
    return {"lexicon_score": scores, "n_positive": n_pos, "n_negative": n_neg, "lexicon_words": words,
            "positive": factual_pos, "negative": factual_neg}


def word_scores(text: str, *, lexicon: Lexicon | None = None, tokenizer=None) -> pd.DataFrame:
    """Score each word of a text with the lexicon method (for explanation).

    Args:
        text: A sentence.
        lexicon: A :class:`~analysis.lexicons.Lexicon` (default:
            :func:`~analysis.lexicons.load_lexicon` with the domain
            adjustments).
        tokenizer: A :class:`~analysis.Tokenizer` (default: the project one).

    Returns:
        DataFrame with one row per token: ``position`` (0-based token index),
        ``word``, ``pos`` (jieba tag), ``polarity`` (-1, 0, 1 from the
        lexicon), ``negations`` (negation words in its scope), ``degree``
        (product of the degree weights in its scope), ``score``
        (polarity × degree, sign flipped when ``negations`` is odd; 0 for
        words without polarity), ``in_scope`` (the word is a requirement or
        purpose marker, or follows one in the same sentence: see
        :func:`scope_markers`), ``emotions`` (DUTIR categories joined by
        ``/``, empty if none).

    >>> word_scores("他们不勇敢")[["word", "score"]].values.tolist()
    [['他们', 0.0], ['不', 0.0], ['勇敢', -1.0]]
    """
    if not isinstance(text, str):
        raise ReportError(f"word_scores() takes a string, got {type(text).__name__}")
    lexicon = lexicon if lexicon is not None else load_lexicon()
    tokenizer = tokenizer if tokenizer is not None else _tokenizer()
    rows = _token_rows(tokenizer.tag(text), lexicon, scope_markers(), {})
    return pd.DataFrame(rows, columns=_WORD_COLUMNS)


@functools.lru_cache(maxsize=4)
def scope_markers(path: str | Path | None = None) -> frozenset[str]:
    """Words that open a requirement or purpose scope (``scope_markers.csv``).

    Sentiment words after such a word, up to the end of the sentence, say what
    should happen or what something is for; the guideline-rule label ignores
    them.

    >>> "要求" in scope_markers()
    True
    """
    path = Path(path) if path is not None else DEFAULT_SCOPE_MARKERS
    words = read_table(path, columns=["word"], what="CSV of scope markers (word,kind,reason)")["word"].str.strip()
    return frozenset(words[words != ""])


def lexicon_score(text: str, *, lexicon: Lexicon | None = None, tokenizer=None) -> float:
    """Sum of the word scores of a text (see :func:`word_scores`).

    >>> lexicon_score("很勇敢"), lexicon_score("不勇敢"), lexicon_score("桌子")
    (3.0, -1.0, 0.0)
    """
    return float(word_scores(text, lexicon=lexicon, tokenizer=tokenizer)["score"].sum())


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from .inputs import as_tokenizer

    return as_tokenizer()


def _sentence_frame(sentences) -> pd.DataFrame:
    if is_report(sentences):
        return sentences.sentences.copy()
    if isinstance(sentences, str):
        raise ReportError("pass a list of sentences or a DataFrame with a 'text' column, not one string (wrap it: [text])")
    if isinstance(sentences, pd.DataFrame):
        if "text" not in sentences.columns:
            raise ReportError("the sentence table has no 'text' column: pass report.sentences or a DataFrame with 'text'")
        frame = sentences.copy()
    elif isinstance(sentences, Iterable):
        items = list(sentences)
        bad = [type(s).__name__ for s in items if not isinstance(s, str)]
        if bad:
            raise ReportError(f"every sentence must be a string, got {bad[0]}: pass a list of str")
        frame = pd.DataFrame({"text": items})
    else:
        raise ReportError(f"sentence_polarity() takes a Report, a DataFrame or a list of strings, got {type(sentences).__name__}")
    if "sentence_id" not in frame.columns:
        frame.insert(0, "sentence_id", range(1, len(frame) + 1))
    return frame.reset_index(drop=True)


def sentence_polarity(
    sentences,
    *,
    lexicon: Lexicon | None = None,
    tokenizer=None,
    snownlp_thresholds: tuple[float, float] = SNOWNLP_THRESHOLDS,
    lexicon_thresholds: tuple[float, float] = LEXICON_THRESHOLDS,
) -> pd.DataFrame:
    """Score sentences with SnowNLP and the lexicon method.

    Args:
        sentences: ``report.sentences`` (or a :class:`~analysis.Report`), any
            DataFrame with a ``text`` column, or a list of strings.
        lexicon: Lexicon for the lexicon method (default: with the domain
            adjustments; ``load_lexicon(adjustments=False)`` for the
            published lexicons as they are).
        tokenizer: Tokenizer (default: the project one).
        snownlp_thresholds: ``(neg at most, pos at least)`` for SnowNLP.
        lexicon_thresholds: ``(neg at most, pos at least)`` for the lexicon.

    Returns:
        The input columns (a ``sentence_id`` 1…n is added if missing) plus
        ``snownlp`` (probability positive), ``snownlp_label``,
        ``lexicon_score``, ``n_positive`` and ``n_negative`` (words scoring
        above / below 0), ``lexicon_words`` (the scoring words with their
        scores, e.g. ``勇敢+1 威胁-1``), ``lexicon_label`` (from the net
        score), ``positive`` and ``negative`` (sums of the positive and of the
        negative word scores outside requirement/purpose scopes),
        ``rule_label`` (the guideline's rules: ``pos`` if ``positive`` reaches
        the positive threshold, whatever the threat words, else ``neg`` if
        ``negative`` reaches the negative one, else ``neu``), and ``label``:
        the recommended method's ``pos``/``neu``/``neg`` (:data:`RECOMMENDED`).

    Raises:
        ReportError: The input is not sentences.

    >>> sentence_polarity(["党员勇敢坚守。", "召开会议。"])[["text", "lexicon_score", "label"]].values.tolist()
    [['党员勇敢坚守。', 2.0, 'pos'], ['召开会议。', 0.0, 'neu']]
    """
    frame = _sentence_frame(sentences)
    lexicon = lexicon if lexicon is not None else load_lexicon()
    tokenizer = tokenizer if tokenizer is not None else _tokenizer()
    texts = list(frame["text"])
    snow = snownlp_scores(texts)
    lexical = _lexicon_columns(texts, lexicon, tokenizer)
    frame["snownlp"] = snow
    frame["snownlp_label"] = [_label(s, snownlp_thresholds) for s in snow]
    for name in ("lexicon_score", "n_positive", "n_negative", "lexicon_words"):
        frame[name] = lexical[name]
    frame["lexicon_label"] = [_label(s, lexicon_thresholds) for s in lexical["lexicon_score"]]
    frame["positive"] = factual_pos = lexical["positive"]
    frame["negative"] = factual_neg = lexical["negative"]
    frame["rule_label"] = [_rule_label(p, n, lexicon_thresholds) for p, n in zip(factual_pos, factual_neg)]
    frame["label"] = frame[RECOMMENDED]
    return frame


def paragraph_polarity(report, *, lexicon: Lexicon | None = None, tokenizer=None) -> pd.DataFrame:
    """Score whole paragraphs: SnowNLP on the paragraph text, lexicon summed over it.

    Args:
        report: A :class:`~analysis.Report`.

    Returns:
        ``report.paragraphs`` columns ``paragraph_id, section, section_title,
        part, text`` plus the score columns of :func:`sentence_polarity`.
    """
    if not is_report(report):
        raise ReportError("paragraph_polarity() takes a Report: call load_report() or parse_report(text) first")
    paragraphs = report.paragraphs[["paragraph_id", "section", "section_title", "part", "text"]]
    return sentence_polarity(paragraphs, lexicon=lexicon, tokenizer=tokenizer).drop(columns="sentence_id")


# ---------------------------------------------------------------------------
# Emotion profile
# ---------------------------------------------------------------------------


def emotion_profile(sentences, *, by: str | None = "section", lexicon: Lexicon | None = None, tokenizer=None) -> pd.DataFrame:
    """Count the words of each DUTIR emotion category, per group and overall.

    A word listed in two DUTIR categories counts in both.  Words the domain
    adjustment file sets to polarity 0 (war metaphors, routine verbs) are not
    counted, so the profile agrees with the lexicon method.

    Args:
        sentences: A Report, ``report.sentences`` or a list of strings.
        by: Column to group by (``section``, ``paragraph_id``, ``part`` …) or
            ``None`` for the whole text only.
        lexicon: Lexicon (default: with the domain adjustments).
        tokenizer: Tokenizer (default: the project one).

    Returns:
        One row per group plus a last row ``group = "全文"`` (the whole
        text): ``group``, ``title`` (the section title where known),
        ``n_words`` (non-punctuation tokens), one count column per category
        乐 好 怒 哀 惧 恶 惊, and ``emotion_words`` (how many tokens carry
        any category).

    >>> emotion_profile(["他很快乐。", "他很害怕。"], by=None)[["乐", "惧"]].values.tolist()
    [[1, 1]]
    """
    from .tokenize import is_punctuation

    frame = _sentence_frame(sentences)
    lexicon = lexicon if lexicon is not None else load_lexicon()
    tokenizer = tokenizer if tokenizer is not None else _tokenizer()
    if by is not None and by not in frame.columns:
        raise ReportError(f"cannot group by {by!r}: the sentences have columns {', '.join(frame.columns)}")
    neutralised = {w for w, s in lexicon.sources.items() if s == "domain adjustment" and w not in lexicon.polarity}
    rows = []
    for _, sentence in frame.iterrows():
        counts = dict.fromkeys(DUTIR_CATEGORIES, 0)
        words = [w for w in tokenizer.cut(sentence["text"]) if not is_punctuation(w)]
        emotional = 0
        for word in words:
            categories = () if word in neutralised else lexicon.emotions.get(word, ())
            emotional += bool(categories)
            for category in categories:
                counts[category] += 1
        rows.append({"group": sentence[by] if by else "全文", "n_words": len(words), **counts, "emotion_words": emotional})
    table = pd.DataFrame(rows)
    columns = ["n_words", *DUTIR_CATEGORIES, "emotion_words"]
    total = table[columns].sum().to_frame().T
    total.insert(0, "group", "全文")
    if by:
        grouped = table.groupby("group", sort=True)[columns].sum().reset_index()
        out = pd.concat([grouped, total], ignore_index=True)
    else:
        out = total
    titles = {}
    if by == "section" and "section_title" in frame.columns:
        titles = dict(zip(frame["section"], frame["section_title"]))
    out.insert(1, "title", [titles.get(g, "全文" if g == "全文" else "") for g in out["group"]])
    return out.astype({c: int for c in columns})


# ---------------------------------------------------------------------------
# Validation against the hand labels
# ---------------------------------------------------------------------------


def load_sentiment_labels(path: str | Path | None = None, *, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read the hand labels and check them against the loader's sentences.

    Args:
        path: The labels CSV (default ``data/annotations/sentiment_labels.csv``).
        sentences: ``report.sentences``; when given, every label must match a
            sentence on both ``sentence_id`` and ``text``, and every sentence
            must have a label.

    Returns:
        DataFrame with columns ``sentence_id, text, label, target, note``.

    Raises:
        ReportError: The file is missing or malformed, a label is not
            pos/neu/neg, or the labels do not match the sentences (the loader
            changed: re-check the labels).

    >>> bool(load_sentiment_labels()["label"].isin(["pos", "neu", "neg"]).all())
    True
    """
    path = Path(path) if path is not None else DEFAULT_LABELS
    if not path.is_file():
        raise ReportError(f"{path} not found: pass the CSV of hand labels (sentence_id,text,label,target,note)")
    labels = pd.read_csv(path, dtype={"text": str, "label": str, "target": str, "note": str}, keep_default_na=False)
    required = ["sentence_id", "text", "label", "target", "note"]
    missing = [c for c in required if c not in labels.columns]
    if missing:
        raise ReportError(f"{path} lacks the column(s) {', '.join(missing)}")
    bad = labels[~labels["label"].isin(LABELS)]
    if len(bad):
        raise ReportError(f"{path}: sentence {bad['sentence_id'].iloc[0]} has label {bad['label'].iloc[0]!r}; use pos, neu or neg")
    bad = labels[~labels["target"].isin(["epidemic", "party", "both", "other"])]
    if len(bad):
        raise ReportError(f"{path}: sentence {bad['sentence_id'].iloc[0]} has target {bad['target'].iloc[0]!r}; use epidemic, party, both or other")
    if sentences is not None:
        merged = labels.merge(sentences[["sentence_id", "text"]], on=["sentence_id", "text"], how="outer", indicator=True)
        if (merged["_merge"] != "both").any():
            first = merged[merged["_merge"] != "both"].iloc[0]
            raise ReportError(
                f"the hand labels do not match the report's sentences (first mismatch: sentence {first['sentence_id']}, "
                f"{first['text'][:20]!r}): the loader's sentence split changed; re-check {path.name} against report.sentences"
            )
    return labels[required]


def confusion_matrix(gold: Sequence[str], predicted: Sequence[str], *, labels: Sequence[str] = LABELS) -> pd.DataFrame:
    """Counts of (gold, predicted) label pairs.

    Returns:
        DataFrame indexed by gold label (rows, ``gold_…``) with one column per
        predicted label (``pred_…``).

    >>> confusion_matrix(["pos", "neu"], ["pos", "pos"]).values.tolist()
    [[1, 0, 0], [1, 0, 0], [0, 0, 0]]
    """
    gold, predicted = list(gold), list(predicted)
    if len(gold) != len(predicted):
        raise ReportError(f"{len(gold)} gold labels but {len(predicted)} predictions: score the same sentences")
    table = pd.DataFrame(0, index=[f"gold_{lab}" for lab in labels], columns=[f"pred_{lab}" for lab in labels])
    for g, p in zip(gold, predicted):
        table.loc[f"gold_{g}", f"pred_{p}"] += 1
    return table


def agreement(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float | int]:
    """Accuracy, per-class F1 and two macro-F1 averages against gold labels.

    ``macro_f1`` is the unweighted mean F1 over the labels that occur in the
    gold labels (scikit-learn's ``labels=`` set to the gold classes): a
    prediction of a label no sentence has still counts as an error, through
    the recall of the true label.  ``macro_f1_with_predicted`` also averages
    in, with F1 0, every label that only the predictions use (scikit-learn's
    default).  They differ when a method predicts ``neg`` and the gold
    labels have no ``neg`` sentence, as in this report.  F1 of a label is 0
    when it has no true positives.

    Returns:
        Dict with ``n``, ``accuracy``, ``macro_f1``,
        ``macro_f1_with_predicted``, ``f1_pos``, ``f1_neu``, ``f1_neg``
        (NaN for a label in neither gold nor predictions).

    >>> a = agreement(["pos", "pos", "neu"], ["pos", "neg", "neu"])
    >>> a["macro_f1"], round(a["macro_f1_with_predicted"], 3)
    (0.8333333333333333, 0.556)
    """
    gold, predicted = list(gold), list(predicted)
    if len(gold) != len(predicted) or not gold:
        raise ReportError("agreement() needs the same, non-zero number of gold labels and predictions")
    out: dict[str, float | int] = {"n": len(gold), "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold)}
    f1: dict[str, float] = {}
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        f1[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    in_gold = [lab for lab in LABELS if lab in gold]
    in_either = [lab for lab in LABELS if lab in gold or lab in predicted]
    out["macro_f1"] = sum(f1[lab] for lab in in_gold) / len(in_gold)
    out["macro_f1_with_predicted"] = sum(f1[lab] for lab in in_either) / len(in_either)
    for label in LABELS:
        out[f"f1_{label}"] = f1[label] if label in in_either else float("nan")
    return out


def agreement_interval(gold: Sequence[str], predicted: Sequence[str], *, n_resamples: int = 2000,
                       seed: int = 42, level: float = 0.95) -> dict[str, tuple[float, float]]:
    """Bootstrap percentile intervals of accuracy and macro-F1 (sentences resampled).

    With a few dozen sentences one disagreement moves the scores by several
    points; the interval shows how much.

    Returns:
        ``{"accuracy": (low, high), "macro_f1": (low, high)}``.

    >>> low, high = agreement_interval(["pos", "neu"] * 10, ["pos", "neu"] * 10)["accuracy"]
    >>> low == high == 1.0
    True
    """
    import numpy as np

    gold, predicted = np.asarray(list(gold)), np.asarray(list(predicted))
    rng = np.random.default_rng(seed)
    accuracy, macro = [], []
    for _ in range(n_resamples):
        index = rng.integers(0, len(gold), len(gold))
        scores = agreement(gold[index].tolist(), predicted[index].tolist())
        accuracy.append(scores["accuracy"])
        macro.append(scores["macro_f1"])
    tail = (1 - level) / 2 * 100
    return {name: (float(np.percentile(v, tail)), float(np.percentile(v, 100 - tail)))
            for name, v in (("accuracy", accuracy), ("macro_f1", macro))}


def validation_table(scored: pd.DataFrame, labels: pd.DataFrame, *, methods: dict[str, str] | None = None) -> pd.DataFrame:
    """Agreement of each method with the hand labels.

    Args:
        scored: Output of :func:`sentence_polarity` (with ``sentence_id`` and ``text``).
        labels: Output of :func:`load_sentiment_labels`.
        methods: ``{display name: label column of scored}``; default SnowNLP
            and the lexicon method.

    Returns:
        One row per method: the keys of :func:`agreement` (``method, n,
        accuracy, macro_f1, macro_f1_with_predicted, f1_pos, f1_neu,
        f1_neg``) and ``macro_f1_low``/``macro_f1_high`` (95 % bootstrap
        interval, :func:`agreement_interval`); plus a baseline
        row "always pos" (the majority label) for scale.

    Raises:
        ReportError: The scored sentences and the labels do not join on
            ``sentence_id`` and ``text``.
    """
    methods = methods or {"SnowNLP": "snownlp_label", "lexicon (net score)": "lexicon_label",
                          "lexicon + guideline rules": "rule_label"}
    merged = labels.merge(scored, on=["sentence_id", "text"], how="inner", suffixes=("_gold", ""))
    if len(merged) != len(labels):
        raise ReportError(f"only {len(merged)} of {len(labels)} labelled sentences were scored: score report.sentences")
    gold = merged["label_gold"] if "label_gold" in merged.columns else merged["label"]
    majority = gold.value_counts().idxmax()
    predictions = {name: list(merged[column]) for name, column in methods.items()}
    predictions[f"always {majority}"] = [majority] * len(gold)
    rows = []
    for name, predicted in predictions.items():
        interval = agreement_interval(gold, predicted)["macro_f1"]
        rows.append({"method": name, **agreement(gold, predicted), "macro_f1_low": interval[0], "macro_f1_high": interval[1]})
    return pd.DataFrame(rows)


def leave_one_paragraph_out(report, labels: pd.DataFrame, *, adjustments: pd.DataFrame | None = None,
                            tokenizer=None) -> pd.DataFrame:
    """Estimate how the lexicon method generalises beyond the words it was fitted to.

    The domain adjustments marked ``origin = report`` were written after
    reading this report.  For each paragraph in turn, those adjustments whose
    word occurs in no *other* paragraph are dropped (they could only have
    been learned from the held-out paragraph), and the held-out paragraph's
    sentences are scored with what remains.  Thresholds are fixed
    (:data:`LEXICON_THRESHOLDS`), so nothing else is tuned.

    Args:
        report: The report the labels belong to.
        labels: Output of :func:`load_sentiment_labels`.
        adjustments: Domain adjustments (default: the project file).
        tokenizer: Tokenizer (default: the project one).

    Returns:
        One row per sentence: ``sentence_id, paragraph_id, text, gold,
        rule_label, lexicon_label`` (the two lexicon labels, scored without
        the held-out paragraph's own adjustments), ``dropped`` (those
        adjustments, space-separated).
    """
    tokenizer = tokenizer if tokenizer is not None else _tokenizer()
    adjustments = adjustments if adjustments is not None else load_adjustments()
    base = load_lexicon(adjustments=False)
    sentences = report.sentences
    words_by_paragraph = {
        pid: set(tokenizer.cut("".join(group["text"]))) | {"".join(group["text"])}
        for pid, group in sentences.groupby("paragraph_id")
    }

    def occurs(word: str, pid: int) -> bool:
        return word in words_by_paragraph[pid] or any(word in t for t in words_by_paragraph[pid] if len(t) > 20)

    gold = labels.set_index("sentence_id")["label"]
    rows = []
    for pid, group in sentences.groupby("paragraph_id"):
        others = [p for p in words_by_paragraph if p != pid]
        keep = [
            row.origin == "prior" or any(occurs(row.word, p) for p in others)
            for row in adjustments.itertuples(index=False)
        ]
        dropped = sorted(set(adjustments.loc[[not k for k in keep], "word"]))
        lexicon = apply_adjustments(base, adjustments[keep])
        scored = sentence_polarity(group, lexicon=lexicon, tokenizer=tokenizer)
        for sentence in scored.itertuples(index=False):
            rows.append((sentence.sentence_id, pid, sentence.text, gold[sentence.sentence_id],
                         sentence.rule_label, sentence.lexicon_label, " ".join(dropped)))
    return pd.DataFrame(rows, columns=["sentence_id", "paragraph_id", "text", "gold", "rule_label", "lexicon_label", "dropped"])


# ---------------------------------------------------------------------------
# Target split: the epidemic versus the Party
# ---------------------------------------------------------------------------


def load_target_terms(path: str | Path | None = None) -> pd.DataFrame:
    """Read the target terms (``term, target, note``; target epidemic/party/work).

    >>> sorted(load_target_terms()["target"].unique())
    ['epidemic', 'party', 'work']
    """
    path = Path(path) if path is not None else DEFAULT_TARGET_TERMS
    if not path.is_file():
        raise ReportError(f"{path} not found: pass a CSV of target terms (term,target,note)")
    terms = read_table(path, columns=["term", "target"], what="CSV of target terms (term,target,note)")
    terms = terms.reindex(columns=["term", "target", "note"], fill_value="")
    bad = terms[~terms["target"].isin(["epidemic", "party", "work"])]
    if len(bad):
        raise ReportError(f"{path}: term {bad['term'].iloc[0]!r} has target {bad['target'].iloc[0]!r}; use epidemic, party or work")
    return terms


def text_target(text: str, *, terms: pd.DataFrame | None = None) -> str:
    """What a text talks about, by keywords: ``epidemic``, ``party``, ``both`` or ``other``.

    "work" terms (疫情防控, 防疫 …: the epidemic as the name of the work) are
    masked before the epidemic terms are looked for.

    >>> text_target("面对疫情，党员迎难而上"), text_target("做好疫情防控工作"), text_target("党员值班")
    ('both', 'other', 'party')
    """
    terms = terms if terms is not None else _target_terms()
    masked = text
    for term in terms.loc[terms["target"] == "work", "term"]:
        masked = masked.replace(term, "□" * len(term))
    epidemic = any(t in masked for t in terms.loc[terms["target"] == "epidemic", "term"])
    party = any(t in masked for t in terms.loc[terms["target"] == "party", "term"])
    return "both" if epidemic and party else "epidemic" if epidemic else "party" if party else "other"


@functools.lru_cache(maxsize=1)
def _target_terms() -> pd.DataFrame:
    return load_target_terms()


def clause_polarity(sentences, *, lexicon: Lexicon | None = None, tokenizer=None) -> pd.DataFrame:
    """Split sentences into clauses (at ，；：。！？) and score each clause.

    A sentence that praises Party members while naming the threat puts the
    two in different clauses (面对病毒的威胁 | 争分夺秒地检测), so the clause
    is the unit at which the report's contrast becomes visible.

    Returns:
        One row per clause: ``sentence_id``, ``clause`` (1-based within the
        sentence), ``text``, ``target`` (:func:`text_target`),
        ``lexicon_score``, ``lexicon_words``.

    >>> clause_polarity(["面对病毒的威胁，党员勇敢坚守。"])[["target", "lexicon_score"]].values.tolist()
    [['epidemic', -2.0], ['party', 2.0]]
    """
    import re

    frame = _sentence_frame(sentences)
    lexicon = lexicon if lexicon is not None else load_lexicon()
    tokenizer = tokenizer if tokenizer is not None else _tokenizer()
    rows = []
    for sentence in frame.itertuples(index=False):
        clauses = [c for c in re.split(r"(?<=[，；：。！？,;:!?])", sentence.text) if c.strip("，；：。！？,;:!?”“‘’ ")]
        for number, clause in enumerate(clauses, start=1):
            table = word_scores(clause, lexicon=lexicon, tokenizer=tokenizer)
            hits = table[table["score"] != 0]
            rows.append((sentence.sentence_id, number, clause, text_target(clause), float(hits["score"].sum()),
                         " ".join(f"{w}{s:+g}" for w, s in zip(hits["word"], hits["score"]))))
    return pd.DataFrame(rows, columns=["sentence_id", "clause", "text", "target", "lexicon_score", "lexicon_words"])


def target_split(scored: pd.DataFrame, *, target: str = "target") -> pd.DataFrame:
    """Mean scores and label shares per target group.

    Args:
        scored: Sentences or clauses with a target column and score columns
            (:func:`sentence_polarity` output merged with the hand labels,
            or :func:`clause_polarity` output).
        target: Name of the target column.

    Returns:
        One row per target value: ``target``, ``n``, ``mean_lexicon``,
        ``share_negative_score`` (share of rows with a lexicon score below
        0), ``share_positive_score``, and ``mean_snownlp`` when the input has
        a ``snownlp`` column.
    """
    if target not in scored.columns or "lexicon_score" not in scored.columns:
        raise ReportError(f"target_split() needs the columns {target!r} and 'lexicon_score'")
    grouped = scored.groupby(target)
    out = pd.DataFrame({
        "n": grouped.size(),
        "mean_lexicon": grouped["lexicon_score"].mean(),
        "share_negative_score": grouped["lexicon_score"].apply(lambda s: float((s < 0).mean())),
        "share_positive_score": grouped["lexicon_score"].apply(lambda s: float((s > 0).mean())),
    })
    if "snownlp" in scored.columns:
        out["mean_snownlp"] = grouped["snownlp"].mean()
    return out.reset_index().rename(columns={target: "target"})
