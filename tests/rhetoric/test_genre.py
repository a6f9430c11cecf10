"""Tests for analysis.rhetoric.genre: every detector over a folder of reports."""

from __future__ import annotations

import pytest

from analysis import ReportError, paths
from analysis.rhetoric import MOVES, PROFILE_COLUMNS, genre_table, move_shares, report_profile


def test_profile_of_the_bundled_report(report, tokenizer):
    row = report_profile(report, tokenizer=tokenizer, name="wuhai")
    assert set(row) == set(PROFILE_COLUMNS)
    assert row["war_hits"] > 10 and 0 < row["war_per_1000_tokens"] < 200
    assert row["move_sequence"].startswith("L") and row["move_sequence"].endswith("C")
    assert len(row["move_sequence"]) == row["n_paragraphs"]
    assert sum(row[f"share_{m}"] for m in MOVES) == pytest.approx(1.0)


def test_table_keeps_every_file_and_reports_errors(tmp_path, tokenizer):
    (tmp_path / "a.txt").write_text("标题\n\n□记者\n\n党员冲锋在第一线，发放口罩5万只。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c_dict.txt").write_text("张三 5 nr\n", encoding="utf-8")
    table = genre_table(tmp_path, tokenizer=tokenizer)
    assert table["name"].tolist() == ["a", "b"]
    assert table.loc[0, "error"] == "" and table.loc[0, "numeric_claims"] == 1
    assert table.loc[1, "error"] != ""
    assert list(move_shares(table.iloc[[0]]).columns) == MOVES


def test_folder_errors(tmp_path):
    with pytest.raises(ReportError):
        genre_table(tmp_path)
    with pytest.raises(ReportError):
        genre_table(tmp_path / "missing")


def test_examples_folder(tokenizer):
    table = genre_table(paths.DATA_DIR / "examples", tokenizer=tokenizer)
    assert len(table) >= 1 and (table["error"] == "").all()
