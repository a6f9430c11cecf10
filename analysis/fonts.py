"""Find a font that covers Simplified Chinese and make matplotlib use it.

Order of search:

1. an explicit path: the ``path`` argument or the ``ANALYSIS_CJK_FONT``
   environment variable;
2. a system font known to cover Simplified Chinese (Noto Sans CJK SC,
   Source Han Sans SC, WenQuanYi, SimHei, Microsoft YaHei, PingFang …);
3. Noto Sans SC, installed with the project as the PyPI package
   ``pylopdf-fonts-zh-cn`` (SIL Open Font License 1.1), so a fresh machine
   with no Chinese fonts still draws Chinese.

Coverage is checked against the font's own character map (fontTools), not
its name.  The same path is what the word clouds use.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = ["find_cjk_font", "configure_matplotlib", "font_covers", "missing_characters", "bundled_font"]

#: Characters every candidate font must have (common simplified forms).
_PROBE = "乌海党旗下誓言铮铮战疫魔员众们说这为发"

_SYSTEM_NAMES = (
    "NotoSansCJKsc-Regular.otf", "NotoSansCJK-Regular.ttc", "NotoSansSC-Regular.otf", "NotoSerifCJK-Regular.ttc",
    "SourceHanSansSC-Regular.otf", "SourceHanSansCN-Regular.otf", "wqy-microhei.ttc", "wqy-zenhei.ttc",
    "simhei.ttf", "SimHei.ttf", "msyh.ttc", "msyh.ttf", "PingFang.ttc", "STHeiti Medium.ttc", "Hiragino Sans GB.ttc",
)
_SYSTEM_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"), os.path.expanduser("~/.local/share/fonts"),
    "/Library/Fonts", "/System/Library/Fonts", os.path.expanduser("~/Library/Fonts"), "C:/Windows/Fonts",
)


def bundled_font() -> Path | None:
    """Path of the Noto Sans SC font installed as a package dependency, if any."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.__file__).parent / "NotoSansSC-Regular.otf"
    return path if path.is_file() else None


@functools.lru_cache(maxsize=32)
def _cmap(path: str, font_number: int = 0) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        font = TTCollection(path, lazy=True).fonts[font_number]
    else:
        font = TTFont(path, lazy=True)
    return frozenset(font.getBestCmap() or {})


def missing_characters(path: str | Path, text: str) -> list[str]:
    """Characters of ``text`` (except whitespace) that the font cannot draw.

    Args:
        path: A TrueType/OpenType font or collection.
        text: The text to check.

    Returns:
        The missing characters, sorted, without duplicates.
    """
    cmap = _cmap(str(path))
    return sorted({c for c in text if not c.isspace() and ord(c) not in cmap})


def font_covers(path: str | Path, text: str) -> bool:
    """True if the font has a glyph for every non-space character of ``text``."""
    return not missing_characters(path, text)


def _candidates(explicit: str | Path | None) -> Iterable[tuple[str, Path]]:
    if explicit:
        yield "argument", Path(explicit)
    env = os.environ.get("ANALYSIS_CJK_FONT")
    if env:
        yield "ANALYSIS_CJK_FONT", Path(env)
    for folder in _SYSTEM_DIRS:
        base = Path(folder)
        if not base.is_dir():
            continue
        for name in _SYSTEM_NAMES:
            for found in base.rglob(name):
                yield "system", found
    bundled = bundled_font()
    if bundled:
        yield "bundled", bundled


@functools.lru_cache(maxsize=8)
def find_cjk_font(path: str | Path | None = None) -> Path:
    """Return the path of a font that draws Simplified Chinese.

    Args:
        path: A font to use; it must exist and cover Chinese.

    Returns:
        The font path.

    Raises:
        ReportError: An explicit font is missing or does not cover Chinese,
            or no Chinese font can be found.

    >>> find_cjk_font().suffix in {".otf", ".ttf", ".ttc"}
    True
    """
    for origin, candidate in _candidates(path):
        if origin in ("argument", "ANALYSIS_CJK_FONT"):
            if not candidate.is_file():
                raise ReportError(f"font {candidate} ({origin}) not found: give the path of a .ttf/.otf font that covers Chinese")
            try:
                ok = font_covers(candidate, _PROBE)
            except Exception:
                raise ReportError(f"font {candidate} ({origin}) cannot be read as a TrueType/OpenType font") from None
            if not ok:
                raise ReportError(f"font {candidate} ({origin}) has no Chinese glyphs: choose a font such as Noto Sans SC")
            return candidate
        try:
            if font_covers(candidate, _PROBE):
                LOGGER.info("using %s font %s", origin, candidate)
                return candidate
        except Exception:  # an unreadable system font: try the next one
            continue
    raise ReportError(
        "no font that covers Chinese was found: run `pip install pylopdf-fonts-zh-cn` (installed with the project), "
        "or set ANALYSIS_CJK_FONT to the path of a Chinese .ttf/.otf font"
    )


def configure_matplotlib(path: str | Path | None = None) -> Path:
    """Register the Chinese font with matplotlib and make it the default.

    Args:
        path: Optional explicit font (see :func:`find_cjk_font`).

    Returns:
        The font path in use.
    """
    import matplotlib
    from matplotlib import font_manager

    font = find_cjk_font(path)
    font_manager.fontManager.addfont(str(font))
    name = font_manager.FontProperties(fname=str(font)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["pdf.fonttype"] = 42
    return font
