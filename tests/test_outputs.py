"""Safe outputs (analysis.outputs): --force never deletes the user's files; CSV cells never start a formula."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import ReportError, cli, outputs
from analysis.outputs import MANIFEST_NAME, output_folder, safe_cell, safe_frame, visible_html, visible_text, write_csv
from analysis.paths import DATA_DIR

EXAMPLE = DATA_DIR / "examples" / "qinghe_flood_relief.txt"
TEXT = EXAMPLE.read_bytes()


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under ``folder`` (except under ``skip``) with its bytes."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_file() and not path.is_symlink():
            files[str(path.relative_to(folder))] = path.read_bytes()
    return files


def hidden_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial-" in p.name or ".old-" in p.name)


def run_cli(args) -> int:
    return cli.main(["report", *[str(a) for a in args], "--sections", "overview", "-q"])


def tool_folder(path: Path) -> Path:
    """A folder the tool itself wrote."""
    assert run_cli([EXAMPLE, "--out", path]) == 0
    return path


# ---------------------------------------------------------------------------
# --force scenarios: (set-up, arguments, expected status, message)
# Each set-up returns the folder the user's files live in; every one of them
# must survive byte for byte, whatever the status.
# ---------------------------------------------------------------------------


def _input_folder(tmp: Path, monkeypatch):
    work = tmp / "work"
    work.mkdir()
    (work / "report.txt").write_bytes(TEXT)
    (work / "notes.md").write_text("my notes", encoding="utf-8")
    monkeypatch.chdir(work)
    return ["report.txt", "--out", ".", "--force"]


def _input_folder_absolute(tmp, monkeypatch):
    work = tmp / "work"
    work.mkdir()
    (work / "report.txt").write_bytes(TEXT)
    (work / "notes.md").write_text("my notes", encoding="utf-8")
    monkeypatch.chdir(tmp)
    return [work / "report.txt", "--out", work, "--force"]


def _parent_of_input(tmp, monkeypatch):
    (tmp / "data" / "raw").mkdir(parents=True)
    (tmp / "data" / "raw" / "report.txt").write_bytes(TEXT)
    return [tmp / "data" / "raw" / "report.txt", "--out", tmp / "data", "--force"]


def _user_folder(tmp, monkeypatch):
    (tmp / "mine").mkdir()
    (tmp / "mine" / "notes.md").write_text("keep", encoding="utf-8")
    (tmp / "mine" / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    return [EXAMPLE, "--out", tmp / "mine", "--force"]


def _tool_folder_plus_user_file(tmp, monkeypatch):
    site = tool_folder(tmp / "site")
    (site / "notes.md").write_text("added by the user", encoding="utf-8")
    return [EXAMPLE, "--out", site, "--force"]


def _tool_folder_plus_user_subfolder(tmp, monkeypatch):
    site = tool_folder(tmp / "site")
    (site / "tables" / "mine").mkdir()
    (site / "tables" / "mine" / "x.csv").write_text("a,b", encoding="utf-8")
    return [EXAMPLE, "--out", site, "--force"]


def _tool_folder_with_symlink(tmp, monkeypatch):
    (tmp / "precious.txt").write_text("do not touch", encoding="utf-8")
    site = tool_folder(tmp / "site")
    (site / "tables" / "link.csv").symlink_to(tmp / "precious.txt")
    return [EXAMPLE, "--out", site, "--force"]


def _tool_folder_with_tampered_manifest(tmp, monkeypatch):
    (tmp / "notes.md").write_text("outside", encoding="utf-8")
    site = tool_folder(tmp / "site")
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["files"] += ["../notes.md", str(tmp / "notes.md")]
    (site / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    return [EXAMPLE, "--out", site, "--force"]


def _tool_folder_without_force(tmp, monkeypatch):
    site = tool_folder(tmp / "site")
    return [EXAMPLE, "--out", site]


def _tool_folder_is_cwd(tmp, monkeypatch):
    site = tool_folder(tmp / "site")
    monkeypatch.chdir(site)
    return [EXAMPLE, "--out", ".", "--force"]


def _ancestor_of_cwd(tmp, monkeypatch):
    site = tool_folder(tmp / "site")
    (site / "tables" / "deeper").mkdir()
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["dirs"].append("tables/deeper")
    (site / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.chdir(site / "tables" / "deeper")
    return [EXAMPLE, "--out", site, "--force"]


def _home(tmp, monkeypatch):
    home = tmp / "home"
    home.mkdir()
    (home / ".bashrc").write_text("export X=1", encoding="utf-8")
    (home / MANIFEST_NAME).write_text(json.dumps({"tool": "wuhai-report-analysis", "files": [".bashrc"]}),
                                      encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    return [EXAMPLE, "--out", "~", "--force"]


def _user_dict_inside(tmp, monkeypatch):
    site = tool_folder(tmp / "site")
    (site / "tables" / "dict.txt").write_text("河湾村 5 ns\n", encoding="utf-8")
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["files"].append("tables/dict.txt")  # even a listed file is safe when it is an input
    (site / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    return [EXAMPLE, "--out", site, "--force", "--user-dict", site / "tables" / "dict.txt"]


def _replace_own_folder(tmp, monkeypatch):
    (tmp / "notes.md").write_text("beside it", encoding="utf-8")
    site = tool_folder(tmp / "site")
    return [EXAMPLE, "--out", site, "--force"]


FORCE_SCENARIOS = [
    ("out-dot-in-input-folder", _input_folder, 2, "holds the input"),
    ("out-is-input-folder", _input_folder_absolute, 2, "holds the input"),
    ("out-is-parent-of-input", _parent_of_input, 2, "holds the input"),
    ("user-folder-no-manifest", _user_folder, 2, "not written by this tool"),
    ("tool-folder-plus-user-file", _tool_folder_plus_user_file, 2, "notes.md"),
    ("tool-folder-plus-user-subfolder", _tool_folder_plus_user_subfolder, 2, "tables/mine"),
    ("tool-folder-with-symlink", _tool_folder_with_symlink, 2, "link.csv"),
    ("tool-folder-without-force", _tool_folder_without_force, 2, "--force"),
    ("tool-folder-is-cwd", _tool_folder_is_cwd, 2, "current folder"),
    ("ancestor-of-cwd", _ancestor_of_cwd, 2, "current folder"),
    ("home-folder", _home, 2, "home folder"),
    ("user-dict-inside-out", _user_dict_inside, 2, "holds the input"),
    ("tampered-manifest", _tool_folder_with_tampered_manifest, 0, ""),
    ("replace-own-folder", _replace_own_folder, 0, ""),
]


@pytest.mark.parametrize("setup, status, message", [s[1:] for s in FORCE_SCENARIOS],
                         ids=[s[0] for s in FORCE_SCENARIOS])
def test_force_never_deletes_the_users_files(tmp_path, monkeypatch, capsys, setup, status, message):
    args = setup(tmp_path, monkeypatch)
    out = outputs.output_path(args[args.index("--out") + 1])
    before_all = snapshot(tmp_path)
    before_user = snapshot(tmp_path, skip=out if status == 0 else None)
    assert run_cli(args) == status
    err = capsys.readouterr().err
    assert message in err
    if status == 2:
        assert err.count("\n") == 1 and err.startswith("error: ")
        assert snapshot(tmp_path) == before_all, "a refused run changed nothing"
    else:
        assert snapshot(tmp_path, skip=out) == before_user, "files outside the output folder survive"
        assert (out / "index.html").is_file() and (out / MANIFEST_NAME).is_file()
    assert hidden_leftovers(out.parent if out.parent.exists() else tmp_path) == []


def test_force_replaces_only_listed_files_and_keeps_the_new_result(tmp_path, capsys):
    site = tool_folder(tmp_path / "site")
    stale = site / "tables" / "old_table.csv"
    stale.write_text("x", encoding="utf-8")
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["files"].append("tables/old_table.csv")
    (site / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    assert run_cli([EXAMPLE, "--out", site, "--force"]) == 0
    assert not stale.exists()
    written = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert written["files"] == sorted(str(p.relative_to(site)) for p in site.rglob("*")
                                      if p.is_file() and p.name != MANIFEST_NAME)
    assert hidden_leftovers(tmp_path) == []


def test_dotdot_in_out_makes_no_stray_folder(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert run_cli([EXAMPLE, "--out", "../x/../y"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here", "y"]
    assert (tmp_path / "y" / "index.html").is_file()


def test_failed_mkdtemp_leaves_no_new_parents(tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "a" / "b"))

    monkeypatch.setattr(outputs.tempfile, "mkdtemp", refuse)
    assert run_cli([EXAMPLE, "--out", tmp_path / "a" / "b" / "site"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the output folder" in err and "choose a folder you can write to" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code, advice", [
    (errno.ENOSPC, "free some space"),
    (errno.EROFS, "read-only"),
    (errno.EDQUOT, "free some space"),
])
def test_full_or_read_only_disk_exits_2_and_leaves_nothing(tmp_path, monkeypatch, capsys, code, advice):
    def fail(frame, path):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(cli, "write_csv", fail)
    assert run_cli([EXAMPLE, "--out", tmp_path / "p" / "site"]) == 2
    err = capsys.readouterr().err
    assert advice in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_signals_clean_up_like_ctrl_c(tmp_path, monkeypatch, capsys, signum, status):
    def killed(ctx):
        (ctx.out / "half.csv").write_text("x", encoding="utf-8")
        os.kill(os.getpid(), signum)
        time.sleep(5)  # the signal arrives before this ends
        raise AssertionError("not interrupted")

    monkeypatch.setattr(cli, "SECTIONS", cli.SECTIONS[:1] + (("boom", "Boom", killed),))
    assert cli.main(["report", str(EXAMPLE), "--out", str(tmp_path / "a" / "o"), "-q"]) == status
    assert "nothing was written" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # handlers restored


def test_sigterm_from_outside_leaves_no_partial_folder(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "analysis", "report", str(EXAMPLE), "--out",
                                str(tmp_path / "site"), "-q"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not hidden_leftovers(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.skip("the run ended before it could be interrupted")
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "nothing was written" in err
    assert list(tmp_path.iterdir()) == []


def test_output_folder_unit_roundtrip(tmp_path):
    with output_folder(tmp_path / "o") as folder:
        (folder / "sub").mkdir()
        (folder / "sub" / "a.csv").write_text("1", encoding="utf-8")
    manifest = json.loads((tmp_path / "o" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["files"] == ["sub/a.csv"] and manifest["dirs"] == ["sub"]
    with pytest.raises(ReportError, match="--force"):
        with output_folder(tmp_path / "o"):
            pass
    with pytest.raises(RuntimeError):
        with output_folder(tmp_path / "o", force=True) as folder:
            raise RuntimeError("boom")
    assert (tmp_path / "o" / "sub" / "a.csv").read_text(encoding="utf-8") == "1"  # old result kept
    assert hidden_leftovers(tmp_path) == []


# ---------------------------------------------------------------------------
# CSV cells and visible characters
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://evil\",\"点击\")", "'=HYPERLINK(\"http://evil\",\"点击\")"),
    ("+86 10 1234", "'+86 10 1234"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1,2)", "'@SUM(1,2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'␍=1"),
    ("-3.5", "-3.5"),
    ("+12", "+12"),
    ("-1,900", "-1,900"),
    ("党员=先锋", "党员=先锋"),
    ("党\x00员\x1b[31m", "党␀员␛[31m"),
    ("第一行\n第二行\t完", "第一行\n第二行\t完"),
    ("", ""),
])
def test_safe_cell(cell, expected):
    assert safe_cell(cell) == expected


def test_safe_cell_leaves_non_text_alone():
    assert safe_cell(-3) == -3 and safe_cell(None) is None and safe_cell(2.5) == 2.5


def test_write_csv_reads_back_without_formulas_or_controls(tmp_path):
    frame = pd.DataFrame({
        "text": ["=1+1", "@cmd", "-x", "+y", "\tz", "正常", "a\x00b", None],
        "n": [-1, 2, 3, 4, 5, 6, 7, 8],
        "=col": ["x"] * 8,
    })
    path = write_csv(frame, tmp_path / "t.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    for value in back.astype(str).to_numpy().ravel().tolist() + list(back.columns):
        assert not value.startswith(("=", "+", "@", "\t", "\r")) and not value.startswith("-x"), value
        assert not any(ord(c) < 32 and c not in "\n\t" for c in value), value
    assert back["n"].tolist() == [-1, 2, 3, 4, 5, 6, 7, 8]
    assert not (tmp_path / "t.csv.part").exists()


def test_safe_frame_keeps_the_original():
    frame = pd.DataFrame({"text": ["=x"]})
    safe_frame(frame)
    assert frame.loc[0, "text"] == "=x"


@pytest.mark.parametrize("text, shown", [
    ("a\u202eb", "[U+202E]"),
    ("a\u200bb", "[U+200B]"),
    ("a\ufeffb", "[U+FEFF]"),
    ("a\u2066b", "[U+2066]"),
    ("a\x07b", "␇"),
    ("a\x85b", "[U+0085]"),
])
def test_invisible_characters_become_visible(text, shown):
    assert shown in visible_text(text)
    marked = visible_html(text)
    assert shown in marked and 'class="invisible"' in marked
    assert all(c not in marked for c in "\u202e\u200b\ufeff\u2066\x07\x85")


def test_every_csv_of_the_cli_is_safe(tmp_path):
    source = tmp_path / "evil.txt"
    source.write_text(
        "=HYPERLINK(\"http://x\")标题\n\n□张三\n\n"
        "=HYPERLINK(\"http://x\",\"点我\")党员冲在一线。@SUM(1)群众点赞，3个小区。\n\n"
        "+党员\x07说：“我们\u202e一定\u200b做到！”这是他说的话。\n\n"
        "-1个党组织5000名党员参与防控。\n",
        encoding="utf-8",
    )
    assert cli.main(["report", str(source), "--out", str(tmp_path / "o"), "-q"]) == 0
    tables = sorted((tmp_path / "o" / "tables").glob("*.csv"))
    assert len(tables) > 8
    for table in tables:
        back = pd.read_csv(table, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        for value in back.to_numpy().ravel().tolist():
            if outputs._PLAIN_NUMBER.fullmatch(value):
                continue
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (table.name, value)
            assert not any(ord(c) < 32 and c not in "\n\t" for c in value), (table.name, value)
    page = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in page and "\x07" not in page and "\u200b" not in page


def test_notebook_save_table_is_safe_too(tmp_path, monkeypatch):
    from analysis import display, paths

    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "figures")
    monkeypatch.setattr(paths, "TABLES_DIR", tmp_path / "tables")
    path = display.save_table(pd.DataFrame({"text": ["=HYPERLINK(1)", "党员\x00"], "n": [-1, 1]}), "t")
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back.to_dict("list") == {"text": ["'=HYPERLINK(1)", "党员␀"], "n": [-1, 1]}
