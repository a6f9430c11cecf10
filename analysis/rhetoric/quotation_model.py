"""A learned decision for the kind of a quotation, over its frame (opt-in).

The rules of :func:`analysis.rhetoric.devices.quotations` decide the kind of
a quotation from its content and a few cue words.  This module re-decides it
with a small multinomial logistic regression whose features are short
strings of the *frame* around the marks: the rules' answer, the one and two
characters before the opening mark and after the closing one, the content's
length, segments and first and last characters, numerals, sentence
punctuation inside, and how often the same words are quoted in the report.

The model (``data/models/quotation_kind.json``, provenance in
``data/models/README.md``) is trained by ``benchmarks/train_quotation_model.py``
on the hand labels of the seen development parts; titles in 《》 keep the rules'
answer.  Training is deterministic (full-batch gradient descent from zero
weights, a fixed number of steps).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from pathlib import Path

from .. import paths

__all__ = ["MODEL_PATH", "frame_features", "train", "QuotationModel", "load_model"]

MODEL_PATH = paths.DATA_DIR / "models" / "quotation_kind.json"

_SEGMENT = re.compile(r"[，,、；;]")
_SENTENCE = re.compile(r"[。！？!?：:]")
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万两双]")
_DIGIT = re.compile(r"[0-9０-９]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MARKS = "“”‘’「」『』《》〈〉"
#: Training parameters (L2 strength, steps, learning rate).
TRAIN_PARAMS = {"l2": 0.01, "steps": 400, "rate": 1.0}


def _bin(n: int, edges=(1, 2, 3, 4, 6, 8, 12, 20)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return "more"


def _shape(text: str) -> str:
    out = []
    for ch in text:
        if ch in _MARKS:
            out.append("q")
        elif _HAN.match(ch):
            out.append("h")
        elif ch.isdigit():
            out.append("d")
        else:
            out.append("p")
    return "".join(out)


def frame_features(paragraph: str, start: int, end: int, rule_kind: str, repeats: int = 1,
                   groups: tuple[str, ...] = ("rule", "frame", "content", "text")) -> list[str]:
    """Feature strings of the quotation ``paragraph[start:end]`` (marks included).

    Args:
        paragraph: The paragraph's text.
        start, end: Offsets of the quotation with its marks.
        rule_kind: The kind the rules gave it.
        repeats: How many quotations of the report hold the same words.
        groups: Which feature groups to emit (``rule``, ``frame``, ``content``, ``text``).

    >>> frame_features("落实“四不两直”方式。", 2, 8, "number_formula", groups=("rule", "frame"))
    ['rule=number_formula', 'b1=实', 'b2=落实', 'a1=方', 'a2=方式', 'b1s=h', 'a1s=h']
    """
    content = paragraph[start + 1:end - 1]
    feats: list[str] = []
    if "rule" in groups:
        feats.append(f"rule={rule_kind}")
    if "frame" in groups:
        before, after = paragraph[max(0, start - 2):start], paragraph[end:end + 2]
        feats += [f"b1={before[-1:] or '^'}", f"b2={before or '^'}", f"a1={after[:1] or '$'}", f"a2={after or '$'}",
                  f"b1s={_shape(before[-1:]) or '^'}", f"a1s={_shape(after[:1]) or '$'}"]
    if "content" in groups:
        segments = [s for s in _SEGMENT.split(content) if s]
        lengths = {len(s) for s in segments}
        feats += [f"len={_bin(len(content))}", f"segs={_bin(len(segments), (1, 2, 3, 4))}",
                  f"equal={len(segments) > 1 and len(lengths) == 1}", f"sent={bool(_SENTENCE.search(content))}",
                  f"nums={_bin(len(_NUMERAL.findall(content)), (0, 1, 2))}", f"digit0={bool(_DIGIT.match(content))}",
                  f"num0={bool(_NUMERAL.match(content))}", f"rep={_bin(repeats, (1, 2))}",
                  f"rule_len={rule_kind}|{_bin(len(content))}"]
    if "text" in groups:
        feats += [f"first={content[:1]}", f"last={content[-1:]}", f"last2={content[-2:]}"]
    return feats


def repeat_counts(contents: list[str]) -> list[int]:
    """How often each quotation's words occur among all quotations of a report.

    >>> repeat_counts(["肥力高", "暖冬", "肥力高"])
    [2, 1, 2]
    """
    counts = Counter(contents)
    return [counts[c] for c in contents]


def train(samples: list[list[str]], labels: list[str], params: dict | None = None) -> dict:
    """Fit a multinomial logistic regression (deterministic full-batch gradient descent).

    Returns:
        ``{"kinds": [...], "bias": [...], "weights": {feature: [...]}}``.

    >>> m = train([["a"], ["b"], ["a"]], ["x", "y", "x"])
    >>> QuotationModel(m).predict(["a"]), QuotationModel(m).predict(["b"])
    ('x', 'y')
    """
    import numpy as np

    params = {**TRAIN_PARAMS, **(params or {})}
    kinds = sorted(set(labels))
    vocab = sorted({f for s in samples for f in s})
    index = {f: i for i, f in enumerate(vocab)}
    n, k, d = len(samples), len(kinds), len(vocab)
    x = np.zeros((n, d))
    for row, feats in enumerate(samples):
        for f in feats:
            x[row, index[f]] = 1.0
    y = np.zeros((n, k))
    y[np.arange(n), [kinds.index(label) for label in labels]] = 1.0
    w, b = np.zeros((d, k)), np.zeros(k)
    for _ in range(int(params["steps"])):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y) / n
        w -= params["rate"] * (x.T @ grad + params["l2"] * w)
        b -= params["rate"] * grad.sum(axis=0)
    return {"kinds": kinds, "bias": [round(float(v), 5) for v in b],
            "weights": {f: [round(float(v), 5) for v in w[i]] for f, i in index.items() if np.abs(w[i]).max() > 1e-4}}


class QuotationModel:
    """A trained model (the dict :func:`train` returns)."""

    def __init__(self, model: dict):
        self.kinds = list(model["kinds"])
        self.bias = list(model["bias"])
        self.weights = model["weights"]

    def predict(self, features: list[str]) -> str:
        scores = list(self.bias)
        for f in features:
            for j, v in enumerate(self.weights.get(f, ())):
                scores[j] += v
        best = max(range(len(scores)), key=lambda j: (scores[j], -j))
        return self.kinds[best]

    def probability(self, features: list[str]) -> float:
        scores = list(self.bias)
        for f in features:
            for j, v in enumerate(self.weights.get(f, ())):
                scores[j] += v
        top = max(scores)
        return 1.0 / sum(math.exp(s - top) for s in scores)


@functools.lru_cache(maxsize=2)
def _load(path: str, mtime: float) -> QuotationModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return QuotationModel(data["model"])


def load_model(path: str | Path | None = None) -> QuotationModel:
    """The shipped model (``data/models/quotation_kind.json``)."""
    from ..errors import ReportError

    path = Path(path or MODEL_PATH)
    if not path.exists():
        raise ReportError(f"quotation model {path} is missing: run python benchmarks/train_quotation_model.py")
    return _load(str(path), path.stat().st_mtime)
