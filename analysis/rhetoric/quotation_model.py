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
on the hand labels of the seen development parts.  Training is deterministic
(full-batch gradient descent from zero weights, a fixed number of steps).

Since round 12 it is the default of :func:`analysis.rhetoric.quotations`
(``method="model"``): the rules keep the kinds they decide from marks and
cues (:data:`RULE_KINDS`: titles, oaths, number formulas, reported speech)
and the model re-decides the others (name, term, slogan, other) from the
feature groups :data:`GROUPS` — the choice of a forward-in-time test (the
model trained on parts before *k*, the rules as they were when part *k* was
first scored: it beat the rules on parts 8, 9, 10 and 11; the guidelines
have the table).  ``method="rules"`` gives the rules alone.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from pathlib import Path

from .. import paths

__all__ = ["MODEL_PATH", "RULE_KINDS", "GROUPS", "STRONG_CUES", "frame_features", "cue_features", "train",
           "QuotationModel", "load_model", "decide", "relabel"]

MODEL_PATH = paths.DATA_DIR / "models" / "quotation_kind.json"

_SEGMENT = re.compile(r"[，,、；;]")
_SENTENCE = re.compile(r"[。！？!?：:]")
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万两双]")
_DIGIT = re.compile(r"[0-9０-９]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MARKS = "“”‘’「」『』《》〈〉"
#: Training parameters (L2 strength, steps, learning rate).
TRAIN_PARAMS = {"l2": 0.01, "steps": 400, "rate": 1.0}
#: Kinds the rules decide alone (the model re-decides every other kind the rules give).
RULE_KINDS = ("title", "oath", "number_formula", "reported_speech")
#: Feature groups of the shipped model: the frame, the content (with the rules' kind crossed with the length), the
#: first and last characters and the cue roles around the marks; no plain ``rule=`` feature (with it the model
#: copies the rules, which are in-sample on every part it is trained on).
GROUPS = ("frame", "content", "text", "cues")
#: Cue features (:func:`cue_features`) with which the rules' name or slogan stands: a cue word of that kind right at
#: the marks (横幅 near a slogan; 命名为 before, 活动 after a name). A forward test found them neutral (the same
#: answers on parts 8-11); they keep the Wuhai report's banner a slogan.
STRONG_CUES = {"slogan": ("near:slogan_carrier", "before:slogan_before"),
               "coined_name": ("before:name_before", "after:name_carrier", "after:name_carrier_direct")}


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
                   groups: tuple[str, ...] = ("rule", "frame", "content", "text"),
                   cues: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Feature strings of the quotation ``paragraph[start:end]`` (marks included).

    Args:
        paragraph: The paragraph's text.
        start, end: Offsets of the quotation with its marks.
        rule_kind: The kind the rules gave it.
        repeats: How many quotations of the report hold the same words.
        groups: Which feature groups to emit (``rule``, ``frame``, ``content``, ``text``, ``cues``).
        cues: Cue words by role (``devices.load_quotation_cues()``), for the group ``cues``: which roles have a
            cue right before the quotation, right after it, near it (8 characters each side) or ending its words.

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
    if "cues" in groups and cues:
        feats += cue_features(paragraph, start, end, cues)
    return feats


def cue_features(paragraph: str, start: int, end: int, cues: dict[str, tuple[str, ...]]) -> list[str]:
    """Which cue roles occur around the quotation ``paragraph[start:end]``: ``before:``, ``after:``, ``near:``,
    ``ends:`` + role (the windows are bounded: 6 characters before, 8 after, 8 each side).

    >>> cue_features("村里挂着“人人有责”的横幅。", 4, 10, {"slogan_carrier": ("横幅",), "speech_verb": ("说",)})
    ['near:slogan_carrier']
    """
    content = paragraph[start + 1:end - 1]
    before, after = paragraph[max(0, start - 6):start], paragraph[end:end + 8]
    near = paragraph[max(0, start - 8):start] + "|" + paragraph[end:end + 8]
    out = []
    for role in sorted(cues):
        words = tuple(w for w in cues[role] if w)
        if not words:
            continue
        if before.endswith(words):
            out.append(f"before:{role}")
        if after.startswith(words):
            out.append(f"after:{role}")
        if any(w in near for w in words):
            out.append(f"near:{role}")
        if content.endswith(words):
            out.append(f"ends:{role}")
    return out


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
    """A trained model (the dict :func:`train` returns), with the feature groups and the kinds the rules keep."""

    def __init__(self, model: dict, groups: tuple[str, ...] = GROUPS, rule_kinds: tuple[str, ...] = RULE_KINDS):
        self.kinds = list(model["kinds"])
        self.bias = list(model["bias"])
        self.weights = model["weights"]
        self.groups = tuple(groups)
        self.rule_kinds = tuple(rule_kinds)

    def predict(self, features: list[str], allowed: tuple[str, ...] | None = None) -> str:
        """The most probable kind (among ``allowed`` kinds only, when given)."""
        scores = list(self.bias)
        for f in features:
            for j, v in enumerate(self.weights.get(f, ())):
                scores[j] += v
        candidates = [j for j, kind in enumerate(self.kinds) if allowed is None or kind in allowed] or range(len(scores))
        best = max(candidates, key=lambda j: (scores[j], -j))
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
    return QuotationModel(data["model"], tuple(data.get("groups", GROUPS)), tuple(data.get("rule_kinds", RULE_KINDS)))


def load_model(path: str | Path | None = None) -> QuotationModel:
    """The shipped model (``data/models/quotation_kind.json``)."""
    from ..errors import ReportError

    path = Path(path or MODEL_PATH)
    if not path.exists():
        raise ReportError(f"quotation model {path} is missing: run python benchmarks/train_quotation_model.py")
    return _load(str(path), path.stat().st_mtime)


def relabel(kinds: list[str], contents: list[str], paragraphs: list[str], starts: list[int], ends: list[int],
            model: QuotationModel | None = None, cues: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The kinds of a report's quotations with the model's decision where the rules do not keep theirs.

    Args:
        kinds: The rules' kind of each quotation (in report order).
        contents: Each quotation's words (without the marks), to count repeats.
        paragraphs: The paragraph text of each quotation.
        starts, ends: Offsets of each quotation with its marks in its paragraph.
        model: Default: the shipped model (:func:`load_model`).
        cues: Cue words by role, for a model with the feature group ``cues`` (default: the project's file).

    Returns:
        One kind per quotation: the rules' kind when it is one of the model's ``rule_kinds`` (titles, oaths,
        number formulas, reported speech), else the model's choice among the other kinds (name, term, slogan,
        other): the model never makes a quotation a title or somebody's words that the rules did not.

    >>> toy = QuotationModel(train([["a1=活"], ["a1=。"]], ["coined_name", "marked_term"]))
    >>> relabel(["marked_term", "title"], ["清河行动", "清河日报"], ["开展“清河行动”活动，读《清河日报》。"] * 2,
    ...         [2, 13], [8, 19], toy)
    ['coined_name', 'title']
    """
    model = model or load_model()
    repeats = repeat_counts(list(contents))
    if cues is None and "cues" in model.groups:
        from .devices import load_quotation_cues

        cues = load_quotation_cues()
    out = []
    for kind, paragraph, start, end, repeat in zip(kinds, paragraphs, starts, ends, repeats):
        if kind in model.rule_kinds or not kind:
            out.append(kind)
        else:
            out.append(decide(model, kind, frame_features(paragraph, int(start), int(end), kind, repeat, model.groups,
                                                          cues)))
    return out


def decide(model: QuotationModel, rule_kind: str, features: list[str]) -> str:
    """One quotation's kind: the rules' where they keep it (:data:`RULE_KINDS`, or a name or slogan that a cue word
    at the marks decided: :data:`STRONG_CUES`), else the model's choice among the kinds the rules do not keep.

    >>> toy = QuotationModel(train([["a1=活"], ["a1=。"]], ["coined_name", "marked_term"]))
    >>> decide(toy, "marked_term", ["a1=活"]), decide(toy, "slogan", ["a1=。", "near:slogan_carrier"])
    ('coined_name', 'slogan')
    """
    if not rule_kind or rule_kind in model.rule_kinds or set(features) & set(STRONG_CUES.get(rule_kind, ())):
        return rule_kind
    return model.predict(features, tuple(k for k in model.kinds if k not in model.rule_kinds))
