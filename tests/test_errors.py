"""Tests of analysis.errors: one exception type for user mistakes, shown as one line."""

from __future__ import annotations

import pytest

import analysis
from analysis import cli
from analysis.errors import ReportError


def test_one_exception_type_exported_by_the_package():
    assert analysis.ReportError is ReportError
    assert issubclass(ReportError, ValueError)  # callers catching ValueError still see it


def test_the_command_line_prints_a_user_mistake_as_one_line(tmp_path, capsys):
    missing = tmp_path / "no_such_report.txt"
    status = cli.main(["report", str(missing), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err
    assert "no_such_report.txt" in err
    assert not (tmp_path / "out").exists()


def test_an_empty_report_is_a_report_error(tmp_path):
    from analysis import load_report

    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_report(empty)
    assert "\n" not in str(caught.value) and str(caught.value)
