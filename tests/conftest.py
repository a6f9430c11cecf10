"""Shared fixtures: expensive objects are built once per test session."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def report():
    from analysis import load_report

    return load_report()


@pytest.fixture(scope="session")
def tokenizer(report):
    # the bundled report's tokenizer: genre dictionary + the report's names (Tokenizer.for_report)
    from analysis import Tokenizer

    return Tokenizer.for_report(report)


@pytest.fixture(scope="session")
def plain_tokenizer():
    from analysis import Tokenizer

    return Tokenizer(user_dict=False)


@pytest.fixture(scope="session")
def tokens(report, tokenizer):
    return tokenizer.tokens(report)
