"""A learned second opinion on the doubled strings the cascade keeps on context or where two words meet.

:func:`analysis.repairs.doubling.doubling_decision` runs the hand-built
cascade of rules 0–9 first.  Its hard keeps (too rare to tell, reduplication
forms, a numeral before a measure word, a unit and its head, digits, a noun
after a classifier, a surname and a title, a string often written doubled)
and all its drops stand.  A keep that rests on context (the word model could
have overruled it beyond its threshold) is read again by a logistic
regression over the evidence the cascade computes (:func:`doubling_features`:
the word-model and trigram log ratios, counts of the single and doubled
strings, the form flags of the copies, junction counts, free-word and name
shares, jieba dictionary membership, the rule that kept it); the hard keep of
two dictionary words meeting exactly at the copies (:data:`READ_HARD`:
``美国 | 国会`` but also ``阿拉 | 拉伯``) by a regression of its own over the
same features.  Weights, feature scaling and thresholds are in
``data/models/doubling_logreg.json`` (built by
``benchmarks/train_doubling_model.py``: cross-fitted on the four quarters of
the People's Daily development part, each quarter's evidence counted from the
other three; provenance in ``data/models/README.md``).  A copy is dropped
only when the score is above its threshold: one logit above every natural
doubling of the four quarters the model reads, or, for a keep rule with 100
or more natural doublings there, above every natural doubling of that rule.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from . import doubling as d

__all__ = ["FEATURES", "doubling_features", "DoublingModel", "model", "reads", "MODEL_PATH"]

MODEL_PATH = paths.DATA_DIR / "models" / "doubling_logreg.json"

#: The cascade's keeps on context, by the start of their reason (one indicator each).
KEEP_RULES = {
    "expression": "the doubling is inside the expression",
    "name": "may be a name",
    "nickname": "may be a nickname",
    "seen": " occurs ",
    "long_word": "a copy belongs to the word",
    "dictionary_word": "is a dictionary word: kept",
    "end_start": "can end and",
    "plausible": "is plausible real text",
    "meet": "two words meet (",
}

#: Hard keeps of the cascade the learned decision reads again all the same (with their own threshold): two
#: dictionary words meeting exactly at the copies (``美国 | 国会``, but also ``阿拉 | 拉伯``, ``附图 | 图片``).
READ_HARD = ("meet",)

#: Groups of the PKU tag real text gives the copy as a one-character word (one indicator each).
TAG_GROUPS = {"p": ("p",), "r": ("r",), "m": ("m",), "v": ("v", "Vg"), "n": ("n", "Ng"), "nr": ("nr",), "q": ("q",),
              "d": ("d", "Dg"), "u": ("u", "c", "y")}

#: Names of the features, in the order of :func:`doubling_features`.
FEATURES = (
    "word_ratio", "word_ratio_pos", "word_margin", "trigram_ratio", "split_ratio",
    "log_piece", "log_doubled", "log_expected", "doubled_vs_expected", "log_seen",
    "log_x_doubled", "log_doubled_y", "log_junction", "log_piece_y", "log_x_piece_y",
    "long_piece", "lone_after", "lone_before", "inside_word", "cannot_end_after", "cannot_start_before",
    "clause_end", "known_reduplication", "dict_doubled", "free_share", "name_share", "x_surname",
    "single_words", "word_end_start", "end_share_x_piece", "start_share_piece_y", "verb", "log_reduplication_rate",
    "log_word_doubled", "verb_lone_before", "log_single_tokens",
) + tuple(f"tag_{name}" for name in TAG_GROUPS) + ("next_word_verb", "next_word_noun", "next_word_length") + tuple(f"rule_{name}" for name in KEEP_RULES)


def _log1(n: float) -> float:
    return math.log1p(max(0.0, n))


def _rule(reason: str) -> str:
    for name, marker in KEEP_RULES.items():
        if marker in reason:
            return name
    return ""


def reads(reason: str, on_context: bool) -> bool:
    """True when the learned decision reads a keep of the cascade again: a keep on context, or a hard keep of
    :data:`READ_HARD`.

    >>> reads("two words meet ('美国' | '国会'): kept", False), reads("'清清楚楚' is an AABB reduplication: kept", False)
    (True, False)
    """
    return on_context or _rule(reason) in READ_HARD


def doubling_features(piece: str, tail: str, head: str, evidence, reason: str = "",
                      ratio: float | None = None) -> list[float]:
    """The evidence on ``piece`` repeated across a break, as numbers (:data:`FEATURES`).

    Args:
        piece: The repeated string.
        tail: Text before the break (ends with ``piece``).
        head: Text after the break (starts with ``piece``).
        evidence: Counts of real text (:func:`analysis.peoples_daily.evidence`).
        reason: The cascade's reason for keeping (gives the ``rule_*`` indicators).
        ratio: :func:`analysis.repairs.doubling.word_log_ratio` if already computed.

    Returns:
        One float per name of :data:`FEATURES`.

    >>> from analysis import peoples_daily
    >>> f = doubling_features("毒", "新型冠状病毒", "毒核酸进行检测", peoples_daily.evidence())
    >>> len(f) == len(FEATURES), f[FEATURES.index("word_ratio")] > 0
    (True, True)
    """
    k = len(piece)
    before, after = tail[:-k][-d.WORD_WINDOW:], head[k:][:d.WORD_WINDOW]
    x, y = before[-1:], after[:1]
    doubled = piece * 2
    if ratio is None:
        ratio = d.word_log_ratio(before, piece, after, evidence)
    ratio = max(-40.0, min(40.0, ratio))
    threshold = d._word_threshold(before, piece, after, evidence)
    trigram = d.doubling_log_ratio(x, piece, y, evidence)
    split = (d.split_log_probability(before + doubled + after) - d.split_log_probability(before + piece + after))
    count = evidence.count
    n_piece, n_doubled = count(piece), count(doubled)
    expected = n_piece * n_piece / max(1, evidence.n_chars)
    words = evidence.words() if evidence.tagged_lines else None
    single_share = (words.single.get(piece, 0) / max(1, n_piece)) if words is not None and k == 1 else 0.0
    dictionary = d._dictionary()[0]
    left = d._word_ending(before[-7:] + piece, d.dictionary_words())
    right = d._word_starting(piece + after[:7], d.dictionary_words())
    rule = _rule(reason)
    values = [
        ratio, max(0.0, ratio), ratio - threshold, max(-8.0, min(8.0, trigram)), max(-40.0, min(40.0, split)),
        _log1(n_piece), _log1(n_doubled), math.log(expected + 0.01), math.log((n_doubled + 0.5) / (expected + 0.5)),
        _log1((count(x + doubled) if x else 0) + (count(doubled + y) if y else 0)),
        _log1(count(x + doubled) if x else 0), _log1(count(doubled + y) if y else 0),
        _log1(count(x + piece[:1]) if x else 0), _log1(count(piece[-1:] + y) if y else 0),
        _log1(count(x + piece + y) if x and y else 0),
        float(k > 1),
        float(k == 1 and bool(d._lone_copy_after_word(before, piece, after))),
        float(bool(d._lone_copy_before_word(before, piece, after))),
        float(bool(d._break_inside_word(before, piece, after))),
        float(d._cannot_end_after(before, piece, evidence)),
        float(d._cannot_start_before(piece, y, evidence)),
        float(y in d.CLAUSE_END),
        float(d._known_reduplication(piece, evidence)),
        _log1(dictionary.get(doubled, 0)),
        single_share,
        evidence.name_share.get(piece[:1], 0.0),
        float(x in d.SURNAMES),
        float(d._single_words(before, piece, after) is not None),
        float(bool(left and right)),
    ]
    pair_before, pair_after = x + piece[:1] if x else "", piece[-1:] + y if y else ""
    n_before, n_after = count(pair_before) if pair_before else 0, count(pair_after) if pair_after else 0
    verb = float(k == 1 and words is not None and words.main_tag.get(piece, "") == "v")
    values += [
        words.ends_after(pair_before) / n_before if words is not None and n_before else -1.0,
        words.starts_before(pair_after) / n_after if words is not None and n_after else -1.0,
        verb,
        math.log(d._reduplication_rate(piece, words)) if words is not None and k == 1 else 0.0,
        _log1(words.doubled.get(piece, 0)) if words is not None and k == 1 else 0.0,
        verb * values[FEATURES.index("lone_before")],
        _log1(words.single.get(piece, 0)) if words is not None and k == 1 else 0.0,
    ]
    tag = words.main_tag.get(piece, "") if words is not None and k == 1 else ""
    values += [float(tag in tags) for tags in TAG_GROUPS.values()]
    _, next_word = d._word_at(d.segment(before + piece + after), len(before)) if before else ("", "")
    next_tag = _jieba_tags().get(next_word, "") if next_word.startswith(piece) else ""
    values += [float(next_tag.startswith("v")), float(next_tag.startswith("n")),
               float(len(next_word)) if next_word.startswith(piece) else 0.0]
    return values + [float(rule == name) for name in KEEP_RULES]


@functools.lru_cache(maxsize=1)
def _jieba_tags() -> dict[str, str]:
    from .. import jieba_dict

    return jieba_dict.tags()


@dataclass(frozen=True)
class DoublingModel:
    """A logistic regression over :data:`FEATURES` and its threshold (a logit).

    Attributes:
        weights: One weight per feature (on standardised features).
        bias: The intercept.
        mean: Feature means used to standardise.
        scale: Feature standard deviations used to standardise.
        threshold: A copy is dropped when the score is above this ...
        thresholds: ... or above the threshold of the cascade's keep rule, when it has one (rule name of
            :data:`KEEP_RULES` → logit).
        rules: Models of their own for the hard keeps read again (:data:`READ_HARD`: rule name → model).
    """

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    thresholds: tuple[tuple[str, float], ...] = ()
    rules: tuple[tuple[str, DoublingModel], ...] = ()

    def pick(self, reason: str) -> DoublingModel:
        """The model that reads a keep with this reason (its rule's own, else this one)."""
        return dict(self.rules).get(_rule(reason), self)

    def threshold_for(self, reason: str) -> float:
        """The threshold for a keep with this reason (its rule's, else the common one).

        >>> m = DoublingModel((1.0,), 0.0, (0.0,), (1.0,), 6.0, (("meet", 4.0),))
        >>> m.threshold_for("two words meet ('美国' | '国会'): kept"), m.threshold_for("anything else")
        (4.0, 6.0)
        """
        return dict(self.thresholds).get(_rule(reason), self.threshold)

    def score(self, features: list[float]) -> float:
        """The logit of "an OCR copy" for one feature vector.

        >>> m = DoublingModel((1.0,), 0.0, (0.0,), (2.0,), 1.0)
        >>> m.score([4.0])
        2.0
        """
        return self.bias + sum(w * (f - m) / s for w, f, m, s in zip(self.weights, features, self.mean, self.scale))


@functools.lru_cache(maxsize=1)
def model(path: Path = MODEL_PATH) -> DoublingModel | None:
    """The shipped model (``None`` if the file is absent or was built for other features)."""
    if not Path(path).is_file():
        return None
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None
    return _from_json(data)


def _from_json(data: dict) -> DoublingModel:
    return DoublingModel(tuple(data["weights"]), float(data["bias"]), tuple(data["mean"]), tuple(data["scale"]),
                         float(data["threshold"]),
                         tuple(sorted((str(k), float(v)) for k, v in data.get("thresholds", {}).items())),
                         tuple(sorted((str(k), _from_json(v)) for k, v in data.get("rules", {}).items())))
