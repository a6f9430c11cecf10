"""Writing outputs safely: output folders, CSV files and text shown in HTML.

Three concerns, each a small set of functions:

* **Output folders** (:func:`output_path`, :func:`check_output`,
  :func:`output_folder`).  A folder is built in a temporary sibling and
  renamed into place only when complete, with a manifest
  (:data:`MANIFEST_NAME`) listing every file written.  An existing folder is
  replaced only with ``force=True`` *and* only if its manifest says this
  tool wrote every file in it; the folder holding an input file, the
  current folder, its ancestors, the home folder and ``/`` are never
  replaced.  A failure, Ctrl-C, SIGTERM or SIGHUP leaves nothing behind
  (:func:`termination_as_interrupt`).
* **CSV cells** (:func:`safe_cell`, :func:`safe_frame`, :func:`write_csv`).
  A text cell starting with ``= + - @``, tab or carriage return is
  prefixed with ``'`` as OWASP recommends for spreadsheets (plain numbers
  such as ``-3.5`` are left alone), and control characters other than
  newline and tab are replaced by their visible Unicode "control pictures"
  (NUL becomes ``␀``).
* **Text in HTML** (:func:`visible_html`): after escaping, control
  characters become control pictures and invisible format characters
  (bidi overrides and isolates, zero-width spaces and joiners, BOM) become
  a visible marker such as ``[U+202E]``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ReportError

__all__ = [
    "MANIFEST_NAME", "Terminated", "output_path", "check_output", "output_folder", "termination_as_interrupt",
    "is_output_error", "safe_cell", "safe_frame", "write_csv", "visible_html", "visible_text",
]

#: The file an output folder carries to show this tool wrote it (and what).
MANIFEST_NAME = ".wuhai-analysis-manifest.json"

_TOOL = "wuhai-report-analysis"

#: errno values that mean "the output location cannot take the files".
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EACCES, errno.EPERM,
                  errno.ENAMETOOLONG}


# ---------------------------------------------------------------------------
# Text: control and invisible characters
# ---------------------------------------------------------------------------

#: C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
#: Invisible format characters that change how text reads: bidi embeddings,
#: overrides, isolates and marks; zero-width space/joiners, word joiner,
#: invisible operators, BOM; soft hyphen and Mongolian vowel separator.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␁ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"[U+{code:04X}]"  # C1 controls have no control picture


def visible_text(text: str) -> str:
    """Replace control and invisible format characters by visible stand-ins.

    Newline and tab are kept.  Used for CSV cells and (after escaping) HTML.

    >>> visible_text("党\\x00员\\u202e说\\u200b\\t好")
    '党␀员[U+202E]说[U+200B]\\t好'
    """
    text = _CONTROL.sub(lambda m: _picture(m.group()), text)
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def visible_html(escaped: str) -> str:
    """Mark control and invisible characters in already HTML-escaped text.

    Each becomes a ``<span class="invisible">`` holding its visible
    stand-in, so a reader sees that the text contains it.

    >>> visible_html("a\\u202eb")
    'a<span class="invisible" title="invisible character U+202E">[U+202E]</span>b'
    """
    def mark(match: re.Match) -> str:
        char = match.group()
        return (f'<span class="invisible" title="invisible character U+{ord(char):04X}">'
                f"{_picture(char) if _CONTROL.match(char) else f'[U+{ord(char):04X}]'}</span>")

    if not (_CONTROL.search(escaped) or _INVISIBLE.search(escaped)):
        return escaped
    escaped = _CONTROL.sub(mark, escaped)
    return _INVISIBLE.sub(mark, escaped)


# ---------------------------------------------------------------------------
# CSV cells
# ---------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def safe_cell(value):
    """A CSV cell that a spreadsheet will not run as a formula.

    Text starting with ``= + - @``, tab or CR gets a leading ``'`` (OWASP's
    advice for CSV injection) unless it is a plain number; control characters
    other than newline and tab become visible stand-ins.  Non-text values
    are returned unchanged.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-3.5"), safe_cell("@党员"), safe_cell(7)
    ('\\'=HYPERLINK("http://x")', '-3.5', "'@党员", 7)
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        value = "'" + value
    return visible_text(value) if _CONTROL.search(value) else value


def safe_frame(frame):
    """A copy of a DataFrame whose text cells (and column names) are safe CSV cells.

    Args:
        frame: Any DataFrame.

    Returns:
        The same shape and dtypes; only text cells in object or string
        columns change.

    >>> import pandas as pd
    >>> safe_frame(pd.DataFrame({"text": ["=1+1", "党员"], "n": [-1, 2]})).to_dict("list")
    {'text': ["'=1+1", '党员'], 'n': [-1, 2]}
    """
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.map(safe_cell, na_action="ignore")
    out.columns = [safe_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def write_csv(frame, path: str | Path) -> Path:
    """Write a DataFrame as CSV (UTF-8 with BOM, so Excel reads Chinese) with safe cells.

    Written to ``<path>.part`` first and renamed, so a failure never leaves a
    half-written file.

    Args:
        frame: The table (its index is not written).
        path: The CSV file.

    Returns:
        The path written.
    """
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    try:
        safe_frame(frame).to_csv(partial, index=False, encoding="utf-8-sig")
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return target


# ---------------------------------------------------------------------------
# Output folders
# ---------------------------------------------------------------------------


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived; handled like Ctrl-C (``signum`` says which)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def termination_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` inside the block.

    So ``finally``/``except BaseException`` clean-up runs for them as for
    Ctrl-C.  Outside the main thread it does nothing (signals cannot be
    handled there).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(signum, frame):
        raise Terminated(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def output_path(path: str | os.PathLike) -> Path:
    """The absolute, normalised output path (``..`` resolved before any folder exists).

    ``out/../x/../y`` becomes ``<cwd>/y``: no stray ``x`` is ever made.

    >>> output_path("/tmp/a/../b/./c") == Path("/tmp/b/c")
    True
    """
    text = os.fspath(path)
    if not text.strip():
        raise ReportError("--out is empty: give the name of a new folder")
    return Path(os.path.normpath(os.path.abspath(os.path.expanduser(text))))


def _is_within(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def _protected_folders() -> list[tuple[Path, str]]:
    places = [(Path("/"), "the root folder"), (Path.home().resolve(), "your home folder")]
    with contextlib.suppress(OSError):
        places.append((Path.cwd().resolve(), "the current folder"))
    return places


def _read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("tool") != _TOOL or not isinstance(manifest.get("files"), list):
        return None
    return manifest


def _foreign_entries(folder: Path, manifest: dict) -> list[str]:
    """Entries of ``folder`` the manifest does not list (symlinks always count)."""
    files = {str(f) for f in manifest.get("files", [])} | {MANIFEST_NAME}
    dirs = {str(d) for d in manifest.get("dirs", [])}
    for name in files:
        parts = Path(name).parts
        dirs.update("/".join(parts[:i]) for i in range(1, len(parts)))
    foreign = []
    for root, subdirs, names in os.walk(folder):
        base = Path(root).relative_to(folder)
        for name in subdirs + names:
            rel = (base / name).as_posix()
            entry = Path(root) / name
            listed = rel in dirs if name in subdirs and not entry.is_symlink() else rel in files
            if entry.is_symlink() or not listed:
                foreign.append(rel)
        subdirs[:] = [d for d in subdirs if not (Path(root) / d).is_symlink()]
    return sorted(foreign)


def check_output(out: Path, *, force: bool = False, inputs: Iterable[str | os.PathLike] = ()) -> None:
    """Refuse an output folder that cannot be written without losing the user's files.

    Args:
        out: The normalised output path (:func:`output_path`).
        force: Allow replacing an existing folder that this tool wrote.
        inputs: Files the run reads (the report, a user dictionary): the
            folder holding any of them is never replaced.

    Raises:
        ReportError: ``out`` is a file; holds an input; is the current,
            home or root folder (or an ancestor of the current folder); is
            not empty and ``force`` is off; or is not empty and holds files
            this tool did not write.
    """
    if out.exists() and not out.is_dir():
        raise ReportError(f"--out {out} is a file, not a folder: choose a folder name")
    resolved = out.resolve()
    for item in inputs:
        source = Path(item).expanduser().absolute()
        with contextlib.suppress(OSError):
            source = source.resolve()
        if _is_within(source, resolved):
            raise ReportError(f"--out {out} holds the input {source.name}: choose a new folder for the output, "
                              f"e.g. --out {source.stem}-analysis")
    if not out.exists():
        return
    for place, what in _protected_folders():
        if resolved == place:
            raise ReportError(f"--out {out} is {what}: give the name of a new folder, e.g. --out report-analysis")
    with contextlib.suppress(OSError):
        if _is_within(Path.cwd().resolve(), resolved):
            raise ReportError(f"--out {out} holds the current folder: give the name of a new folder, "
                              "e.g. --out report-analysis")
    if not any(out.iterdir()):
        return
    if not force:
        raise ReportError(f"--out {out} exists and is not empty: choose a new folder or pass --force to replace it")
    manifest = _read_manifest(out)
    if manifest is None:
        raise ReportError(f"--out {out} was not written by this tool (no {MANIFEST_NAME}): --force only replaces "
                          "folders it wrote; choose a new folder")
    foreign = _foreign_entries(out, manifest)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise ReportError(f"--out {out} holds files this tool did not write ({shown}): --force will not delete "
                          "them; move them away or choose a new folder")


def is_output_error(exc: BaseException, folder: Path | None = None) -> bool:
    """Whether an ``OSError`` means the output location cannot take the files.

    A full, read-only or forbidden file system, or any error on a path
    inside ``folder``.
    """
    if not isinstance(exc, OSError):
        return False
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG):
        return True
    if folder is not None and exc.filename is not None:
        with contextlib.suppress(TypeError, ValueError):
            return _is_within(Path(os.fsdecode(exc.filename)).absolute(), folder)
    return False


def _output_error(out: Path, exc: OSError) -> ReportError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        advice = "free some space or choose another --out folder"
    elif exc.errno == errno.EROFS:
        advice = "the file system is read-only: choose another --out folder"
    else:
        advice = "choose a folder you can write to with --out"
    return ReportError(f"cannot write the output folder {out}: {reason}: {advice}")


def _manifest(folder: Path, extra: dict | None) -> dict:
    files, dirs = [], []
    for root, subdirs, names in os.walk(folder):
        base = Path(root).relative_to(folder)
        dirs.extend((base / d).as_posix() for d in subdirs)
        files.extend((base / n).as_posix() for n in names)
    from . import __version__

    return {"tool": _TOOL, "version": __version__, "files": sorted(files), "dirs": sorted(dirs), **(extra or {})}


def _remove_written(folder: Path, manifest: dict | None) -> bool:
    """Delete the files and folders a manifest lists, then ``folder``; True if it is gone."""
    if manifest is None:
        return False
    for name in manifest.get("files", []) + [MANIFEST_NAME]:
        path = Path(os.path.normpath(folder / name))
        if _is_within(path, folder) and not path.is_dir() and not path == folder:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    for name in sorted(manifest.get("dirs", []), key=lambda d: -len(Path(d).parts)):
        with contextlib.suppress(OSError):
            (folder / name).rmdir()
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


@contextlib.contextmanager
def output_folder(out: str | os.PathLike, *, force: bool = False, inputs: Iterable[str | os.PathLike] = (),
                  manifest: dict | None = None) -> Iterator[Path]:
    """Build an output folder safely; yield the temporary folder to write into.

    The folder is made beside ``out`` (missing parents are created, and
    removed again if anything fails); when the block ends without error a
    manifest listing every file is added and the folder is renamed to
    ``out``.  An existing ``out`` (allowed by :func:`check_output`) is moved
    aside first and then only the files its manifest lists are deleted.  On
    any exception — including Ctrl-C, SIGTERM and SIGHUP — the temporary
    folder and new parents are removed and nothing else is touched.

    Args:
        out: The output folder.
        force: Replace an existing folder this tool wrote.
        inputs: Input files whose folders must never be replaced.
        manifest: Extra entries for the manifest (e.g. the input file name).

    Raises:
        ReportError: ``out`` is refused (:func:`check_output`) or cannot be
            written (read-only, full, no permission).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with output_folder(Path(tmp) / "site") as folder:
    ...         _ = (folder / "index.html").write_text("<p>好</p>", encoding="utf-8")
    ...     sorted(p.name for p in (Path(tmp) / "site").iterdir())
    ['.wuhai-analysis-manifest.json', 'index.html']
    """
    out = output_path(out)
    inputs = list(inputs)
    check_output(out, force=force, inputs=inputs)
    created: list[Path] = []
    partial: Path | None = None

    def undo() -> None:
        if partial is not None:
            shutil.rmtree(partial, ignore_errors=True)
        for parent in reversed(created):
            with contextlib.suppress(OSError):
                parent.rmdir()

    with termination_as_interrupt():
        try:
            for parent in reversed(out.parents):
                if not parent.exists():
                    parent.mkdir()
                    created.append(parent)
            partial = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
            umask = os.umask(0)
            os.umask(umask)
            partial.chmod(0o777 & ~umask)  # mkdtemp makes it private; the result is an ordinary folder
            yield partial
            (partial / MANIFEST_NAME).write_text(json.dumps(_manifest(partial, manifest), ensure_ascii=False,
                                                            indent=1), encoding="utf-8")
            check_output(out, force=force, inputs=inputs)  # again: the folder may have changed meanwhile
            if out.exists() and any(out.iterdir()):
                old_manifest = _read_manifest(out)
                aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
                out.rename(aside / "previous")
                try:
                    partial.rename(out)
                except BaseException:
                    (aside / "previous").rename(out)
                    raise
                partial = None
                if _remove_written(aside / "previous", old_manifest):
                    aside.rmdir()
                else:  # pragma: no cover - only if files appeared after the check
                    import logging

                    logging.getLogger(__name__).warning("kept %s: it holds files this tool did not write", aside)
            else:
                partial.rename(out)
                partial = None
        except OSError as exc:
            undo()
            if is_output_error(exc, partial) or exc.errno in _OUTPUT_ERRNOS:
                raise _output_error(out, exc) from None
            raise
        except BaseException:
            undo()
            raise
