"""Tests of analysis.paths: the project's folders, defined once."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from analysis import paths


def test_the_root_is_the_checkout_and_every_path_is_absolute():
    assert (paths.PROJ_ROOT / "pyproject.toml").is_file()
    assert (paths.PROJ_ROOT / "analysis" / "paths.py").is_file()
    for name in ("PROJ_ROOT", "DATA_DIR", "RAW_DIR", "DEFAULT_REPORT", "DICTIONARIES_DIR", "STOPWORDS_DIR",
                 "LEXICONS_DIR", "ANNOTATIONS_DIR", "REPORTS_DIR", "FIGURES_DIR", "TABLES_DIR"):
        assert getattr(paths, name).is_absolute(), name


def test_the_shipped_data_folders_exist():
    for folder in (paths.DATA_DIR, paths.RAW_DIR, paths.DICTIONARIES_DIR, paths.STOPWORDS_DIR, paths.LEXICONS_DIR,
                   paths.ANNOTATIONS_DIR):
        assert folder.is_dir(), folder
        assert folder.is_relative_to(paths.DATA_DIR)
    assert paths.DEFAULT_REPORT.is_file() and paths.DEFAULT_REPORT.stat().st_size > 1000


def test_reports_dir_can_be_moved_by_the_environment(tmp_path):
    env = {**os.environ, "ANALYSIS_REPORTS_DIR": str(tmp_path / "elsewhere")}
    code = "from analysis import paths; print(paths.REPORTS_DIR); print(paths.TABLES_DIR)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=paths.PROJ_ROOT).stdout.split()
    assert out == [str(tmp_path / "elsewhere"), str(tmp_path / "elsewhere" / "tables")]


def test_ensure_output_dirs_creates_the_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "r" / "figures")
    monkeypatch.setattr(paths, "TABLES_DIR", tmp_path / "r" / "tables")
    paths.ensure_output_dirs()
    paths.ensure_output_dirs()  # twice is fine
    assert (tmp_path / "r" / "figures").is_dir() and (tmp_path / "r" / "tables").is_dir()


def test_no_module_writes_relative_data_paths():
    """Modules ask analysis.paths; a '../data' or 'data/…' string literal would depend on the working directory."""
    literal = re.compile(r"""["'](?:\.\./)+(?:data|reports)/|["']data/(?:raw|dictionaries|lexicons|stopwords)/""")
    offenders = [str(p.relative_to(paths.PROJ_ROOT)) for p in (paths.PROJ_ROOT / "analysis").rglob("*.py")
                 if p.name != "paths.py" and literal.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
