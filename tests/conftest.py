"""Shared fixtures: expensive objects are built once per test session."""

from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session", autouse=True)
def _reports_in_tmp(tmp_path_factory):
    """Outputs written during tests go to a temporary folder, not reports/."""
    os.environ.setdefault("ANALYSIS_REPORTS_DIR", str(tmp_path_factory.mktemp("reports")))


@pytest.fixture(scope="session")
def report():
    from analysis import load_report

    return load_report()


@pytest.fixture(scope="session")
def tokenizer():
    from analysis import Tokenizer

    return Tokenizer()


@pytest.fixture(scope="session")
def plain_tokenizer():
    from analysis import Tokenizer

    return Tokenizer(user_dict=False)


@pytest.fixture(scope="session")
def tokens(report, tokenizer):
    return tokenizer.tokens(report)
