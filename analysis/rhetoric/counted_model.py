"""A learned reader of the counted thing of a numeric claim (issue 12).

The rules of :func:`analysis.rhetoric.numbers.numeric_claims` find the thing
counted (``1900多个党组织`` → 党组织) by hand-written readings of jieba's tags;
written from one part's errors, they did not carry over to the next unseen
part.  This module tags the tokens of the clause around a count — up to
:data:`BEFORE` tokens before the number and :data:`AFTER` after it, never
across ``，。；：！？`` — as inside (``I``) or outside (``O``) the counted
phrase, with a linear-chain CRF (``python-crfsuite``).  Features (short
strings, no text span stored): the word, its jieba tag, its side and distance
from the number, its first and last character, the neighbours' tags, the
measure word, whether :func:`~analysis.rhetoric.numbers.classifier_heads`
counts the word with the measure word in the People's Daily, and **the rules'
own answer** (inside it or not, or no answer).  Where the model's least sure
token is below :data:`THRESHOLD` (marginal probability of its label), the
rules' answer is kept.

Trained on the hand-labelled counted things of the seen development parts
(``benchmarks/train_counted_model.py``; provenance in ``data/models/README.md``);
the shipped model ``data/models/counted_crf.crfsuite`` is loaded lazily, once
per process.  ``numeric_claims(report, counted="crf")`` uses it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from collections.abc import Callable, Sequence

from .. import paths

__all__ = ["MODEL_PATH", "THRESHOLD", "window", "features", "decode", "read", "reader", "train", "load_model"]

MODEL_PATH = paths.DATA_DIR / "models" / "counted_crf.crfsuite"
#: Tokens read before the number and after the claim.
BEFORE, AFTER = 8, 12
#: Below this marginal probability on its least sure token the model defers to the rules (chosen by
#: leave-one-part-out on the development parts: ``benchmarks/train_counted_model.py --lopo``).
THRESHOLD = 0.9
#: Training parameters (L-BFGS).
CRF_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
_STOPS = frozenset("，。；：！？,;:!?")


def window(tokens: Sequence[tuple[str, str, int, int]], token_begins: Sequence[int], start: int,
           end: int) -> list[tuple[int, str]]:
    """Indices of the tokens read for a claim, each with its side (``B`` before, ``C`` the claim, ``A`` after).

    ``tokens`` are ``(word, tag, start, end)`` spans of the paragraph and
    ``token_begins`` their starts; ``start, end`` the claim's span.

    >>> toks = [("共", "d", 0, 1), ("40", "m", 1, 3), ("名", "q", 3, 4), ("医生", "n", 4, 6), ("，", "x", 6, 7)]
    >>> window(toks, [0, 1, 3, 4, 6], 1, 4)
    [(0, 'B'), (1, 'C'), (2, 'C'), (3, 'A')]
    """
    import bisect

    first = bisect.bisect_right(token_begins, start) - 1
    while first >= 0 and tokens[first][3] > start:
        first -= 1
    before = []
    for i in range(first, max(-1, first - BEFORE), -1):
        if tokens[i][0] in _STOPS:
            break
        before.append((i, "B"))
    out = before[::-1]
    i = first + 1
    while i < len(tokens) and tokens[i][2] < end:
        out.append((i, "C"))
        i += 1
    count = 0
    while i < len(tokens) and count < AFTER and tokens[i][0] not in _STOPS:
        out.append((i, "A"))
        i += 1
        count += 1
    return out


def _rule_span(tokens, picked: list[tuple[int, str]], start: int, end: int, rule: str) -> tuple[int, int] | None:
    """Where the rules' answer is: after the claim (nearest), else before it (nearest), else in the claim."""
    if not rule:
        return None
    text = "".join(tokens[i][0] for i, _ in picked)
    base = tokens[picked[0][0]][2] if picked else 0
    cut = end - base
    at = text.find(rule, max(cut, 0))
    if at >= 0:
        return base + at, base + at + len(rule)
    at = text.rfind(rule, 0, max(start - base, 0))
    if at >= 0:
        return base + at, base + at + len(rule)
    at = text.find(rule)
    return (base + at, base + at + len(rule)) if at >= 0 else None


def features(tokens, picked: list[tuple[int, str]], start: int, end: int, unit: str, rule: str,
             heads: dict[str, int] | None = None) -> list[list[str]]:
    """The feature strings of each token of the window (see the module docstring).

    >>> toks = [("共", "d", 0, 1), ("40", "m", 1, 3), ("名", "q", 3, 4), ("医生", "n", 4, 6)]
    >>> f = features(toks, window(toks, [0, 1, 3, 4], 1, 4), 1, 4, "名", "医生")
    >>> "rule=in" in f[-1], "side=A" in f[-1], "rule=out" in f[0]
    (True, True, True)
    """
    from .numbers import _counted_words

    stops, bridges = _counted_words()
    span = _rule_span(tokens, picked, start, end, rule)
    heads = heads or {}
    out = []
    claim_at = next((k for k, (_, side) in enumerate(picked) if side == "C"), 0)
    last_claim = max((k for k, (_, side) in enumerate(picked) if side == "C"), default=claim_at)
    for k, (i, side) in enumerate(picked):
        word, tag, s, e = tokens[i]
        distance = k - last_claim if side == "A" else (claim_at - k if side == "B" else 0)
        inside = span is not None and s < span[1] and e > span[0]
        if inside:
            edge = ("first" if s <= span[0] else "") + ("last" if e >= span[1] else "")
            rule_pos = edge or "mid"
        else:
            rule_pos = "none" if span is None else ("before" if e <= span[0] else "after")
        f = [f"side={side}", f"d={side}{min(distance, 6)}", f"t={tag}", f"w={word}", f"u={unit}",
             f"ut={unit}|{tag}", f"st={side}|{tag}", f"last={word[-1]}", f"first={word[0]}",
             f"rule={'none' if span is None else 'in' if inside else 'out'}",
             f"rule_t={'none' if span is None else 'in' if inside else 'out'}|{tag}", f"rule_pos={rule_pos}",
             f"stop={word in stops}", f"bridge={word in bridges}"]
        if side == "C":
            f.append("past_claim" if e > end else "in_claim")
            if word == unit or word.endswith(unit):
                f.append("unit_token")
        score = max((heads.get(word[j:], 0) for j in range(len(word))), default=0)
        f.append(f"head={'0' if score == 0 else '1' if score < 5 else '5'}")
        for off in (-1, 1):
            j = k + off
            if 0 <= j < len(picked):
                nb = tokens[picked[j][0]]
                f += [f"t{off}={nb[1]}", f"w{off}={nb[0]}", f"tt{off}={nb[1]}|{tag}"]
            else:
                f.append(f"edge{off}")
        out.append(f)
    return out


def labels(tokens, picked: list[tuple[int, str]], gold: tuple[int, int] | None) -> list[str]:
    """``I`` for the tokens overlapping the gold counted span (paragraph offsets), ``O`` for the others."""
    return ["I" if gold is not None and tokens[i][2] < gold[1] and tokens[i][3] > gold[0] else "O" for i, _ in picked]


def decode(tokens, picked: list[tuple[int, str]], tags: Sequence[str], end: int, unit: str) -> str:
    """The counted phrase from the tags: the run of ``I`` nearest the claim (after it first).

    >>> toks = [("共", "d", 0, 1), ("40", "m", 1, 3), ("名", "q", 3, 4), ("医生", "n", 4, 6)]
    >>> decode(toks, window(toks, [0, 1, 3, 4], 1, 4), ["O", "O", "O", "I"], 4, "名")
    '医生'
    """
    runs, current = [], []
    for k, tag in enumerate(tags):
        if tag == "I":
            current.append(k)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs:
        return ""
    after = [r for r in runs if picked[r[0]][1] != "B"]
    run = after[0] if after else runs[-1]
    text = ""
    for k in run:
        word, _, s, e = tokens[picked[k][0]]
        if picked[k][1] == "C" and e > end:
            text += word[end - s:]  # 5类产品 in one token: the rest after the claim
        else:
            text += word
    return text


@functools.lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_PATH):
    """The counted-thing CRF (a ``pycrfsuite.Tagger``), opened once per process."""
    import pycrfsuite

    from ..errors import ReportError

    if not Path(path).is_file():
        raise ReportError(f"{path} is missing: run python benchmarks/train_counted_model.py")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def read(tokens, token_begins, start: int, end: int, unit: str, rule: str, *, tagger=None,
         threshold: float = THRESHOLD) -> tuple[str, float]:
    """The model's counted thing for one claim and its confidence (the rules' answer below ``threshold``)."""
    import pycrfsuite

    from .numbers import classifier_heads

    picked = window(tokens, token_begins, start, end)
    if not picked:
        return rule, 0.0
    tagger = tagger or load_model(str(MODEL_PATH))
    key = unit[1:] if unit.startswith("个") and len(unit) > 1 else unit
    tagger.set(pycrfsuite.ItemSequence(features(tokens, picked, start, end, unit, rule, classifier_heads().get(key))))
    tags = tagger.tag()
    confidence = min(tagger.marginal(t, k) for k, t in enumerate(tags))
    if confidence < threshold:
        return rule, confidence
    return decode(tokens, picked, tags, end, unit), confidence


def reader(path: str | Path = MODEL_PATH, threshold: float = THRESHOLD) -> Callable[..., str]:
    """A counted-thing reader for ``numeric_claims(report, counted=...)`` backed by the model at ``path``."""
    tagger = load_model(str(path))

    def _read(tokens, token_begins, start, end, unit, rule, **_):
        return read(tokens, token_begins, start, end, unit, rule, tagger=tagger, threshold=threshold)[0]

    return _read


def train(sequences: Sequence[tuple[list[list[str]], list[str]]], path: str | Path,
          params: dict | None = None) -> Path:
    """Train the CRF on ``(features, labels)`` sequences and write it to ``path`` (deterministic)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labs in sequences:
        trainer.append(pycrfsuite.ItemSequence(feats), labs)
    trainer.set_params(params or CRF_PARAMS)
    trainer.train(str(path))
    return Path(path)
