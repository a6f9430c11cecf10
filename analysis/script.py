"""Detect traditional Chinese characters and convert them to simplified.

The project's dictionaries, stopword lists and lexicons are in simplified
Chinese, so a report in traditional characters (a Hong Kong or Taiwan paper,
an older scan) would segment badly and match no lexicon entry.  This module
tells the two scripts apart and, when the user asks, converts with OpenCC
(Open Chinese Convert, Apache-2.0, the maintained converter used across the
field; PyPI package ``opencc``).

Detection counts characters, not words.  A Han character is *traditional*
when OpenCC's ``t2s`` (traditional → simplified) conversion changes it
(``黨`` → ``党``) and *simplified* when ``s2t`` changes it (``党`` → ``黨``).
Most characters (``的``, ``在``, ``人``) are the same in both scripts and
count for neither.  Conversion is phrase-aware (``頭髮`` → ``头发``, not
``头发`` by luck) and keeps the length of the text, so character offsets
still point into the original.
"""

from __future__ import annotations

import functools
import logging
from typing import NamedTuple

import numpy as np

from . import resources
from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = ["ScriptProfile", "detect_script", "to_simplified"]

#: Share of script-specific characters that must be traditional (or
#: simplified) for the text to be called that script; otherwise "mixed".
DOMINANT_SHARE = 0.8


class ScriptProfile(NamedTuple):
    """What :func:`detect_script` found.

    Attributes:
        label: ``"simplified"``, ``"traditional"``, ``"mixed"``, ``"neutral"``
            (Han characters, but none that differ between the scripts) or
            ``"none"`` (no Han characters).
        n_han: Han characters in the text.
        n_traditional: Characters that only traditional text uses.
        n_simplified: Characters that only simplified text uses.
    """

    label: str
    n_han: int
    n_traditional: int
    n_simplified: int

    @property
    def traditional_share(self) -> float:
        """Traditional characters over all script-specific characters (0.0 if none)."""
        specific = self.n_traditional + self.n_simplified
        return self.n_traditional / specific if specific else 0.0


@functools.lru_cache(maxsize=4)
def _converter(config: str):
    try:
        import opencc
    except ImportError:
        raise ReportError(
            "traditional/simplified conversion needs OpenCC: run `pip install opencc`"
        ) from None
    return opencc.OpenCC(config)


_NEUTRAL, _TRADITIONAL, _SIMPLIFIED = 0, 1, 2
#: Character → its script (one of the three above), filled as characters are first seen (at most the Han characters).
_SCRIPT_OF: dict[str, int] = {}


def _converted_each(chars: list[str], config: str) -> list[str]:
    """Each character converted alone, in one OpenCC call: one character a line, so no phrase spans two."""
    converter = _converter(config)
    out = converter.convert("\n".join(chars)).split("\n")
    return out if len(out) == len(chars) else [converter.convert(c) for c in chars]


def _scripts_of(chars: list[str]) -> list[int]:
    """Each character's script: traditional only (``t2s`` changes it), simplified only (``s2t`` changes it and
    ``t2s`` does not), or neither.

    >>> _scripts_of(["黨", "党", "人"]) == [_TRADITIONAL, _SIMPLIFIED, _NEUTRAL]
    True
    """
    new = [c for c in dict.fromkeys(chars) if c not in _SCRIPT_OF]
    if new:
        for c, t2s, s2t in zip(new, _converted_each(new, "t2s"), _converted_each(new, "s2t")):
            _SCRIPT_OF[c] = _TRADITIONAL if t2s != c else _SIMPLIFIED if s2t != c else _NEUTRAL
    return [_SCRIPT_OF[c] for c in chars]


#: Characters counted per numpy pass by :func:`_char_counts` (its memory, about 12 bytes a character, does not grow
#: with the text).
_CHUNK = 1 << 15


def _char_counts(text: str) -> dict[str, int]:
    """How often each character occurs in ``text`` (as ``collections.Counter(text)``, several times faster).

    The text's code points are counted by ``numpy.unique``, a chunk of
    :data:`_CHUNK` characters at a time.

    >>> from collections import Counter
    >>> _char_counts("党旗党\U00020000") == dict(Counter("党旗党\U00020000"))
    True
    """
    counts: dict[str, int] = {}
    get = counts.get
    for at in range(0, len(text), _CHUNK):
        codes = np.frombuffer(text[at : at + _CHUNK].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        values, numbers = np.unique(codes, return_counts=True)
        for char, n in zip(map(chr, values.tolist()), numbers.tolist()):
            counts[char] = get(char, 0) + n
    return counts


def detect_script(text: str) -> ScriptProfile:
    """Tell whether a text is written in simplified or traditional characters.

    Args:
        text: Any text.

    Returns:
        A :class:`ScriptProfile`: the label and the character counts it is
        based on.  The label is ``"traditional"`` when at least
        :data:`DOMINANT_SHARE` of the script-specific characters are
        traditional, ``"simplified"`` when at least that share are
        simplified, else ``"mixed"``.

    Raises:
        ReportError: OpenCC is not installed.

    >>> detect_script("黨旗下的誓言錚錚")
    ScriptProfile(label='traditional', n_han=8, n_traditional=3, n_simplified=0)
    >>> detect_script("党旗下的誓言铮铮").label
    'simplified'
    """
    counts = {c: n for c, n in _char_counts(text).items() if resources.RE_HAN.match(c)}
    n_han = sum(counts.values())
    if not n_han:
        return ScriptProfile("none", 0, 0, 0)
    traditional = simplified = 0
    for n, kind in zip(counts.values(), _scripts_of(list(counts))):
        if kind == _TRADITIONAL:
            traditional += n
        elif kind == _SIMPLIFIED:
            simplified += n
    specific = traditional + simplified
    if not specific:
        label = "neutral"
    elif traditional >= DOMINANT_SHARE * specific:
        label = "traditional"
    elif simplified >= DOMINANT_SHARE * specific:
        label = "simplified"
    else:
        label = "mixed"
    return ScriptProfile(label, n_han, traditional, simplified)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC (``t2s``).

    The result has the same length as ``text`` (character offsets keep
    pointing at the same places); where OpenCC's phrase conversion would
    change the length of a line, that line is converted character by
    character instead.

    Args:
        text: Text in traditional, simplified or mixed script.

    Returns:
        The text in simplified characters.

    Raises:
        ReportError: OpenCC is not installed.

    >>> to_simplified("黨旗下的誓言錚錚，戰疫魔！")
    '党旗下的誓言铮铮，战疫魔！'
    """
    converter = _converter("t2s")
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        converted = converter.convert(line)
        if len(converted) != len(line):
            LOGGER.debug("OpenCC changed the length of a line; converting it character by character")
            converted = "".join(c if len(x := converter.convert(c)) != 1 else x for c in line)
        out.append(converted)
    return "".join(out)
