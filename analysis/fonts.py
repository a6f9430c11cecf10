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

Outside figures, the browser draws the text of JupyterLab and of the
notebook (markdown, tables, printed output) with its own fonts, which on a
machine without Chinese fonts are empty boxes.  :func:`install_jupyter_font`
(``python -m analysis.notebook_runner --install-lab-font``; ``make lab``
does it for the project's own Jupyter configuration) ships the font to the
browser: a ``custom/custom.css`` in the Jupyter configuration folder with
an ``@font-face`` for a web subset of the font (the GB2312 characters and
Chinese punctuation, about 1.7 MB, embedded as a data URL) and the whole font as a fallback for
rarer characters, named first in JupyterLab's font variables (limited to
Chinese by ``unicode-range``, so Latin text keeps the usual fonts); and a configuration file that turns custom CSS on for
JupyterLab and Notebook 7.  No root, nothing outside that folder.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .errors import ReportError

LOGGER = logging.getLogger(__name__)

__all__ = [
    "find_cjk_font", "configure_matplotlib", "font_covers", "missing_characters", "bundled_font", "drawing_font",
    "WEB_FONT_FAMILY", "jupyter_font_css", "install_jupyter_font",
]

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


#: Subset fonts made in this process: (font, characters it holds, path), newest last.
_SUBSETS: list[tuple[str, frozenset[str], Path]] = []
#: Version of the subset files' options; bump when they change.
_SUBSET_VERSION = 1


def _subset_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wuhai-analysis" / "fonts"


def drawing_font(path: str | Path, characters: Iterable[str]) -> Path:
    """A small copy of a font holding only the glyphs of ``characters``, for drawing many word clouds quickly.

    ``wordcloud`` opens its font again for every font size it tries
    (``ImageFont.truetype``), which for Noto Sans SC (8 MB, 30,000 glyphs)
    is most of the time a cloud takes.  The subset keeps each glyph's
    outline and hints, the font's metrics, its layout and kerning tables, so
    the pixels drawn are the same (``tests/test_wordclouds.py`` compares
    them).  It is made once per font and set of characters: a later request
    for characters it already holds (a section of the same report) reuses
    it, and files are kept in ``~/.cache/wuhai-analysis/fonts`` (or
    ``$XDG_CACHE_HOME``), named by a hash of the font file (path, size,
    modification time) and the characters.

    Args:
        path: A TrueType/OpenType font (for a collection, its first font).
        characters: Every character that will be drawn.

    Returns:
        The subset's path, or ``path`` itself when the font cannot be subset
        or the cache folder cannot be written.

    >>> small = drawing_font(find_cjk_font(), "党员")
    >>> small.stat().st_size < find_cjk_font().stat().st_size, font_covers(small, "党员")
    (True, True)
    """
    font = str(path)
    wanted = frozenset(c for c in characters if not c.isspace()) | frozenset(_PROBE)
    for source, held, subset_path in reversed(_SUBSETS):
        if source == font and wanted <= held and subset_path.is_file():
            return subset_path
    try:
        stat = os.stat(font)
        from fontTools import version as fonttools_version

        key = hashlib.sha256("\0".join([str(_SUBSET_VERSION), fonttools_version, str(Path(font).resolve()),
                                         str(stat.st_size), str(stat.st_mtime_ns), "".join(sorted(wanted))])
                             .encode("utf-8")).hexdigest()[:20]
        target = _subset_folder() / f"{Path(font).stem}-{key}{Path(font).suffix if Path(font).suffix in ('.otf', '.ttf') else '.otf'}"
        if not target.is_file():
            from fontTools import subset

            options = subset.Options()
            options.notdef_outline = True
            options.name_IDs = ["*"]
            options.layout_features = ["*"]
            options.legacy_kern = True
            options.font_number = 0
            loaded = subset.load_font(font, options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(text="".join(sorted(wanted)))
            subsetter.subset(loaded)
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f"{target.name}.{os.getpid()}.part")
            subset.save_font(loaded, str(partial), options)
            partial.replace(target)
    except Exception as exc:  # a font fontTools cannot subset, or no writable cache: draw with the font itself
        LOGGER.info("drawing with the whole font %s (no subset: %s)", font, exc)
        return Path(path)
    _SUBSETS.append((font, wanted, target))
    return target


#: The CSS family name of the project font in JupyterLab (and its fallback, ``… Full``).
WEB_FONT_FAMILY = "AnalysisCJK"
_COMMON_FILE = "analysis-cjk-common.woff"
_FULL_PREFIX = "analysis-cjk-full"
_CSS_MARK = "/* analysis.fonts.install_jupyter_font */"
_CSS_END = "/* end of analysis.fonts.install_jupyter_font */"
_CJK_RANGES = "U+2E80-9FFF, U+F900-FAFF, U+FE10-FE1F, U+FE30-FE4F, U+FF00-FFEF, U+20000-2FFFF"
_PUNCTUATION_RANGES = (0x3000, 0x303F), (0xFF00, 0xFFEF), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0x2010, 0x2027)
# JupyterLab 4's defaults with the project font first.  Its faces cover only Chinese characters and
# punctuation (unicode-range), so Latin text keeps the usual fonts; named after them instead, Chinese
# text sometimes stays with ``system-ui``'s empty boxes in Chromium (measured in tests/test_jupyterlab.py).
_STACKS = {
    "--jp-ui-font-family": "{cjk}, system-ui, -apple-system, blinkmacsystemfont, 'Segoe UI', helvetica, arial, sans-serif",
    "--jp-content-font-family": "{cjk}, system-ui, -apple-system, blinkmacsystemfont, 'Segoe UI', helvetica, arial, sans-serif",
    "--jp-code-font-family": "menlo, consolas, 'DejaVu Sans Mono', {cjk}, monospace",
    "--jp-code-font-family-default": "menlo, consolas, 'DejaVu Sans Mono', {cjk}, monospace",
}


def _gb2312_characters() -> str:
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for start, end in _PUNCTUATION_RANGES:
        chars.extend(chr(c) for c in range(start, end + 1))
    return "".join(chars)


def jupyter_font_css(common: str = _COMMON_FILE, full: str | None = None) -> str:
    """The CSS that makes JupyterLab draw Chinese with the project font.

    Args:
        common: URL (relative to the CSS file) of the web subset.
        full: URL of the whole font, the fallback for characters outside
            the subset (``None``: no fallback).

    Returns:
        ``@font-face`` rules (limited by ``unicode-range`` to Chinese, so
        Latin text is unaffected and the files load only when Chinese is
        shown) and JupyterLab's font variables with the family added.

    >>> css = jupyter_font_css()
    >>> '@font-face' in css and 'font-family: "AnalysisCJK"' in css and "--jp-content-font-family" in css
    True
    """
    faces = [(WEB_FONT_FAMILY, common, "woff")]
    if full:
        faces.append((WEB_FONT_FAMILY + "Full", full, "opentype"))
    rules = [_CSS_MARK]
    for family, url, kind in faces:
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}") format("{kind}"); '
            f"unicode-range: {_CJK_RANGES}; font-display: swap; }}"
        )
    cjk = ", ".join(f'"{family}"' for family, _, _ in faces)
    variables = "\n".join(f"  {name}: {stack.format(cjk=cjk)} !important;" for name, stack in _STACKS.items())
    rules.append(f":root, body {{\n{variables}\n}}")
    # form fields (the explorer's search box, input() prompts) do not inherit the page's font by default
    rules.append("input, textarea, select { font-family: var(--jp-ui-font-family); }")
    rules.append(_CSS_END)
    return "\n".join(rules) + "\n"


def _web_subset(font: Path, target: Path) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.font_number = 0
    loaded = subset.load_font(str(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=_gb2312_characters())
    subsetter.subset(loaded)
    partial = target.with_name(target.name + ".part")
    subset.save_font(loaded, str(partial), options)
    partial.replace(target)


def install_jupyter_font(config_dir: str | Path | None = None, *, font: str | Path | None = None) -> Path:
    """Make JupyterLab and Notebook 7 draw Chinese with the project font, on any machine.

    Writes into the Jupyter configuration folder (``config_dir``; default
    ``jupyter_core.paths.jupyter_config_dir()``, i.e. ``$JUPYTER_CONFIG_DIR``
    or ``~/.jupyter``):

    * ``custom/custom.css`` (see :func:`jupyter_font_css`), keeping any CSS
      already there (the project's block is replaced, not duplicated);
    * ``custom/analysis-cjk-common.woff`` (a web subset) and the whole font
      as ``custom/analysis-cjk-full.<suffix>``;
    * ``custom_css: true`` merged into ``jupyter_lab_config.json``
      (``LabApp``) and ``jupyter_notebook_config.json``
      (``JupyterNotebookApp``), other settings kept.

    Running it again is cheap: the subset is rebuilt only when the font
    changes.  Start ``jupyter lab`` with the same ``JUPYTER_CONFIG_DIR``.

    Args:
        config_dir: The Jupyter configuration folder.
        font: The font (default :func:`find_cjk_font`).

    Returns:
        The path of the ``custom.css`` written.
    """
    if config_dir is None:
        from jupyter_core.paths import jupyter_config_dir

        config_dir = jupyter_config_dir()
    config_dir = Path(config_dir).expanduser()
    # the bundled OpenType font first: a system collection (.ttc) is no web font
    font = find_cjk_font(font) if font is not None else (bundled_font() or find_cjk_font())
    custom = config_dir / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    stamp = custom / "analysis-cjk.json"
    identity = {"font": str(font), "size": font.stat().st_size,
                "subset": hashlib.sha256(_gb2312_characters().encode()).hexdigest()[:16]}
    full = f"{_FULL_PREFIX}{font.suffix.lower()}"
    fresh = stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == identity
    if not (fresh and (custom / _COMMON_FILE).is_file() and (custom / full).is_file()):
        _web_subset(font, custom / _COMMON_FILE)
        shutil.copyfile(font, custom / (full + ".part"))
        (custom / (full + ".part")).replace(custom / full)
        stamp.write_text(json.dumps(identity), encoding="utf-8")
    if font.suffix.lower() in (".ttc", ".otc"):
        full_url = None  # a collection is not a web font; the subset (its first font) has to do
    else:
        full_url = full
    css_path = custom / "custom.css"
    existing = css_path.read_text(encoding="utf-8") if css_path.is_file() else ""
    if _CSS_MARK in existing:  # replace the project's block, keep the user's own rules
        start = existing.index(_CSS_MARK)
        end = existing.find(_CSS_END, start)
        existing = existing[:start] + (existing[end + len(_CSS_END):] if end >= 0 else "")
    # the subset goes into the CSS as a data URL: Chrome then has the font when it first lays the page out
    # (with a font file it sometimes keeps the fallback's empty boxes for text laid out while the file loads)
    import base64

    common_url = "data:font/woff;base64," + base64.b64encode((custom / _COMMON_FILE).read_bytes()).decode("ascii")
    css_path.write_text(existing.rstrip() + ("\n\n" if existing.strip() else "") + jupyter_font_css(common_url, full_url),
                        encoding="utf-8")
    # each application reads its own configuration files (JupyterLab: jupyter_lab_config*, Notebook 7: jupyter_notebook_config*)
    # (their ``.d`` folders are not read from the user's folder), so the setting is merged into the JSON files
    for app, section in (("lab", "LabApp"), ("notebook", "JupyterNotebookApp")):
        settings = config_dir / f"jupyter_{app}_config.json"
        try:
            current = json.loads(settings.read_text(encoding="utf-8")) if settings.is_file() else {}
        except ValueError:
            raise ReportError(f"{settings} is not valid JSON: fix or remove it, then install the font again") from None
        current.setdefault(section, {})["custom_css"] = True
        settings.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    LOGGER.info("Jupyter font installed in %s", custom)
    return css_path
