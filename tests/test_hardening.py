"""Messy input files: encodings, line endings, punctuation, scripts, junk, size.

Every entry point either gives the same report as the clean UTF-8 file or
raises :class:`analysis.ReportError` with a message saying what to do, and
the no-loss invariant (``report.unaccounted() == []``) always holds.
"""

from __future__ import annotations

import codecs
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ReportError, Tokenizer, load_report, parse_report
from analysis.loading import MAX_BYTES, decode_bytes
from analysis.paths import DEFAULT_REPORT

RAW = DEFAULT_REPORT.read_text(encoding="utf-8")


def _same_report(a, b) -> None:
    assert a.headline == b.headline
    assert a.authors == b.authors
    assert a.headings == b.headings
    assert a.paragraphs["text"].tolist() == b.paragraphs["text"].tolist()
    assert a.sentences["text"].tolist() == b.sentences["text"].tolist()
    assert a.captions["text"].tolist() == b.captions["text"].tolist()
    assert b.unaccounted() == []


# ---------------------------------------------------------------------------
# Encodings and line endings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("encode, expected_encoding", [
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    (lambda t: t.encode("gb18030"), "gb18030"),
    (lambda t: t.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030
    (lambda t: t.encode("utf-16"), "utf-16"),  # with BOM (Python writes one)
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    (lambda t: t.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its zero bytes
], ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-bom", "utf-16-be-bom", "utf-16-le-no-bom"])
def test_every_encoding_gives_the_same_report(tmp_path, report, encode, expected_encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(encode(RAW))
    loaded = load_report(path)
    assert loaded.encoding == expected_encoding
    _same_report(report, loaded)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings(tmp_path, report, newline):
    path = tmp_path / "report.txt"
    path.write_bytes(RAW.replace("\n", newline).encode("utf-8"))
    loaded = load_report(path)
    _same_report(report, loaded)
    assert "\r" not in "".join(loaded.paragraphs["text"])


def test_crlf_in_gbk_with_bom_free_mixture(tmp_path, report):
    path = tmp_path / "windows.txt"
    path.write_bytes(RAW.replace("\n", "\r\n").encode("gbk"))
    _same_report(report, load_report(path))


# ---------------------------------------------------------------------------
# Punctuation widths
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text_in, expected", [
    ("标题\n\n□张三\n\n党员说,要坚守;不退缩!", ["党员说，要坚守；不退缩！"]),
    ("标题\n\n□张三\n\n党员说，要坚守；不退缩！", ["党员说，要坚守；不退缩！"]),
    ("标题\n\n□张三\n\n共1,900个党组织(含支部)。", ["共1,900个党组织（含支部）。"]),
    ("标题\n\n□张三\n\n时间是10:30,地点在乌海。", ["时间是10:30，地点在乌海。"]),
])
def test_full_and_half_width_punctuation(text_in, expected):
    report = parse_report(text_in)
    assert report.paragraphs["text"].tolist() == expected
    assert report.unaccounted() == []


def test_tokenizer_on_half_and_full_width_text(tokenizer):
    half = parse_report("标题\n\n□张三\n\n党员冲在一线,守护群众!")
    full = parse_report("标题\n\n□张三\n\n党员冲在一线，守护群众！")
    assert tokenizer.tokens(half)["word"].tolist() == tokenizer.tokens(full)["word"].tolist()


# ---------------------------------------------------------------------------
# Traditional characters
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def traditional_raw():
    import opencc

    return opencc.OpenCC("s2t").convert(RAW)


def test_traditional_is_detected_and_left_alone_by_default(tmp_path, traditional_raw, caplog):
    path = tmp_path / "trad.txt"
    path.write_text(traditional_raw, encoding="utf-8")
    loaded = load_report(path)
    assert loaded.script == "traditional" and not loaded.converted
    assert loaded.headline == "烏海 黨旗下 誓言錚錚戰疫魔！"
    assert "convert_traditional=True" in caplog.text
    assert loaded.unaccounted() == []


def test_traditional_converted_on_request(tmp_path, report, traditional_raw):
    path = tmp_path / "trad.txt"
    path.write_bytes(traditional_raw.encode("utf-8"))
    loaded = load_report(path, convert_traditional=True)
    assert loaded.script == "traditional" and loaded.converted
    _same_report(report, loaded)
    assert loaded.raw == traditional_raw  # the file as read is kept
    conversions = loaded.repairs[loaded.repairs["kind"] == "script_conversion"]
    assert len(conversions) > 0
    first = conversions.iloc[0]
    assert traditional_raw[first.raw_start:first.raw_end] == first.before
    assert loaded.repairs["repair_id"].tolist() == list(range(1, len(loaded.repairs) + 1))


def test_traditional_big5_file(tmp_path):
    text = "烏海 黨旗下 誓言錚錚戰疫魔！\n\n□於海東 郝頎\n\n黨員衝在防控一線，守護群眾。各級黨組織要把基層黨組織全面動員起來。"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    loaded = load_report(path, convert_traditional=True)
    assert loaded.encoding == "big5hkscs" and loaded.script == "traditional"
    assert loaded.headline == "乌海 党旗下 誓言铮铮战疫魔！"
    assert loaded.paragraphs["text"].tolist() == ["党员冲在防控一线，守护群众。各级党组织要把基层党组织全面动员起来。"]


def test_simplified_report_is_not_converted(report):
    assert report.script == "simplified" and not report.converted
    assert "script_conversion" not in set(report.repairs["kind"])


# ---------------------------------------------------------------------------
# Files that are not reports
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"   \n\n\t  \r\n", "only whitespace"),
    ("\u3000\u3000\n\u00a0\n".encode("utf-8"), "only whitespace"),
    (codecs.BOM_UTF8, "only whitespace"),
    (codecs.BOM_UTF16_LE, "only whitespace"),
    (b"Plain English, no Chinese here.\n", "no Chinese characters"),
    (b"12345 67890\n", "no Chinese characters"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), "binary"),
    (b"\x7fELF\x02\x01\x01" + bytes(64), "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"PK\x03\x04" + bytes(range(200)), "binary"),
    (bytes(range(128, 256)) * 4, "not text in a supported encoding"),
], ids=["empty", "whitespace", "ideographic-space", "utf8-bom-only", "utf16-bom-only", "english", "digits",
        "png", "elf", "all-bytes", "zip", "high-bytes"])
def test_bad_files_raise_report_error(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReportError, match=message) as info:
        load_report(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == data  # the input file is never modified


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        load_report(tmp_path / "nope.txt")
    with pytest.raises(ReportError, match="is a folder"):
        load_report(tmp_path)


def test_invalid_bytes_after_bom(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF8 + "乌海".encode() + b"\xff\xfe\xfa")
    with pytest.raises(ReportError, match="re-save it as UTF-8"):
        load_report(path)


# ---------------------------------------------------------------------------
# Size
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fifty_mb(tmp_path_factory):
    """A 50 MB UTF-8 text made of the bundled report's body, written in blocks."""
    body = RAW.split("全面动员 吹响战斗号角", 1)[1].encode("utf-8")
    path = tmp_path_factory.mktemp("big") / "fifty_mb.txt"
    with open(path, "wb") as handle:
        handle.write(RAW.encode("utf-8"))
        while handle.tell() < 50_000_000:
            handle.write(body)
    return path


@pytest.mark.timing
def test_fifty_mb_file_is_refused_quickly(fifty_mb):
    assert fifty_mb.stat().st_size >= 50_000_000 > MAX_BYTES
    started = time.perf_counter()
    with pytest.raises(ReportError, match=r"MB, too large for one report .*analysis\.corpus.*max_bytes=None"):
        load_report(fifty_mb)
    assert time.perf_counter() - started < 1.0  # decided from the file size, before reading


@pytest.mark.timing
def test_large_text_loads_in_linear_time_when_allowed(tmp_path):
    """Parsing must stay linear: 2 MB may take at most ~3x per MB what 0.5 MB takes.

    (50 MB with ``max_bytes=None`` was measured at 197 s and 3.4 GB peak.)
    """
    body = RAW.split("全面动员 吹响战斗号角", 1)[1]

    def seconds(megabytes: float) -> float:
        text = RAW + body * int(megabytes * 1e6 / len(body.encode("utf-8")))
        started = time.perf_counter()
        report = parse_report(text)
        elapsed = time.perf_counter() - started
        assert report.unaccounted() == []
        return elapsed

    seconds(0.1)  # warm the dictionary cache
    small, large = seconds(0.5), seconds(2.0)
    assert large / 4 < 3 * small, (small, large)


def test_max_bytes_option(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(RAW, encoding="utf-8")
    with pytest.raises(ReportError, match="too large"):
        load_report(path, max_bytes=1000)
    assert load_report(path, max_bytes=None).headings


# ---------------------------------------------------------------------------
# Properties: random text and random bytes
# ---------------------------------------------------------------------------

REPORT_ALPHABET = sorted(set(RAW)) + list(" \t\r\n\u3000\u00a0,.;:!?()\"'□■摄<>&")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.text(alphabet=REPORT_ALPHABET, max_size=600)))
def test_any_text_gives_a_lossless_report_or_report_error(text):
    try:
        report = parse_report(text)
    except ReportError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert report.unaccounted() == []
    assert not report.paragraphs.empty


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=400),
    st.text(alphabet=REPORT_ALPHABET, max_size=300).flatmap(
        lambda t: st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]).map(lambda e: t.encode(e))),
))
def test_any_bytes_give_a_lossless_report_or_report_error(data):
    try:
        text, _ = decode_bytes(data)
        report = parse_report(text)
    except ReportError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert report.unaccounted() == []


def test_random_mixture_of_report_lines_is_lossless():
    """Shuffled, duplicated and truncated lines of the real report (fixed seed)."""
    rng = random.Random(42)
    lines = RAW.splitlines()
    for _ in range(20):
        sample = [rng.choice(lines)[: rng.randint(0, 60)] for _ in range(rng.randint(1, 40))]
        text = rng.choice(["\n", "\r\n", "\n\n"]).join(sample)
        try:
            report = parse_report(text)
        except ReportError:
            continue
        assert report.unaccounted() == []


def test_tokenizer_on_odd_text():
    tok = Tokenizer()
    for text in ["", "   ", "\u3000", "abc", "１２３", "💥党员", "\x00"]:
        assert "".join(tok.cut(text)) == text


# ---------------------------------------------------------------------------
# Property tests of the command line and corpus mode: random files in random
# folders give a result or an error row for each file, nothing else, nothing lost
# ---------------------------------------------------------------------------

HOSTILE_CHARS = list("\x00\x07\x1b\x7f\u202e\u200b\ufeff=+-@")
FILE_BYTES = st.one_of(
    st.just(b""),
    st.binary(max_size=200),
    st.text(alphabet=REPORT_ALPHABET + HOSTILE_CHARS, max_size=400).map(lambda t: t.encode("utf-8")),
    st.text(alphabet=REPORT_ALPHABET, min_size=1, max_size=400).map(lambda t: ("标题\n\n□张三\n\n" + t).encode("gb18030")),
    st.text(alphabet=REPORT_ALPHABET, min_size=1, max_size=400).map(lambda t: ("标题\n\n" + t).encode("utf-16")),
)
FOLDER_NAME = st.text(alphabet="ab中文 _-=.", min_size=1, max_size=5).filter(lambda n: n not in (".", "..")
                                                                                and not n.endswith(".txt"))
TREES = st.lists(st.tuples(st.lists(FOLDER_NAME, max_size=3), FILE_BYTES), min_size=1, max_size=6)


def _plant(root, tree):
    """Write the files of a generated tree; return {path: bytes}."""
    files = {}
    for number, (folders, data) in enumerate(tree):
        folder = root.joinpath(*folders) if folders else root
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"f{number}.txt"
        path.write_bytes(data)
        files[path] = data
    return files


def _all_files(root):
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _csv_cells_are_safe(path):
    import pandas as pd

    table = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
    for value in table.to_numpy().ravel().tolist():
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert __import__("re").fullmatch(r"[+-]?[\d.,]+(e[+-]?\d+)?%?", value), (path.name, value)
        assert not any(ord(c) < 32 and c not in "\n\t" for c in value), (path.name, value)
    return table


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_corpus_command_gives_one_row_per_file_and_loses_nothing(tree):
    import json
    import tempfile
    from pathlib import Path

    from analysis import cli

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "src"
        source.mkdir()
        files = _plant(source, tree)
        status = cli.main(["corpus", str(source), "--pattern", "**/*.txt", "--workers", "1", "--out",
                           str(tmp / "out"), "-q"])
        assert status == 0
        assert _all_files(source) == files, "the input files are untouched"
        assert sorted(p.name for p in tmp.iterdir()) == ["out", "src"], "nothing else is written"
        written = sorted(p.name for p in (tmp / "out").iterdir())
        assert written == [".wuhai-analysis-manifest.json", "documents.csv", "entities.csv", "terms.csv"]
        manifest = json.loads((tmp / "out" / ".wuhai-analysis-manifest.json").read_text(encoding="utf-8"))
        assert sorted(manifest["files"]) == ["documents.csv", "entities.csv", "terms.csv"]
        _csv_cells_are_safe(tmp / "out" / "entities.csv")
        docs = _csv_cells_are_safe(tmp / "out" / "documents.csv")
        assert sorted(docs["path"]) == sorted(str(p) for p in files), "one row per file, no file lost"
        for row in docs.itertuples():
            assert (row.error == "") != (row.n_tokens == ""), "a result or an error, never both or neither"
        terms = _csv_cells_are_safe(tmp / "out" / "terms.csv")
        running = terms[terms["is_punct"] == "False"]["count"].astype(int).sum()
        assert running == docs.loc[docs["n_tokens"] != "", "n_tokens"].astype(int).sum()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILE_BYTES, st.lists(FOLDER_NAME, max_size=2))
def test_report_command_gives_a_page_or_a_one_line_refusal(data, folders):
    import contextlib
    import io
    import json
    import tempfile
    from pathlib import Path

    from analysis import cli

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp.joinpath(*folders, "report.txt") if folders else tmp / "report.txt"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(data)
        before = _all_files(tmp)
        out = tmp / "site"
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = cli.main(["report", str(source), "--out", str(out), "--sections",
                               "overview,outline,repairs,terms,keyness", "-q", "--no-suggest"])
        assert status in (0, 2), err.getvalue()
        assert {p: b for p, b in _all_files(tmp).items() if out not in p.parents} == before
        if status == 2:
            assert err.getvalue().count("\n") == 1 and err.getvalue().startswith("error: ")
            assert not out.exists()
        else:
            manifest = json.loads((out / ".wuhai-analysis-manifest.json").read_text(encoding="utf-8"))
            assert sorted(manifest["files"]) == sorted(str(p.relative_to(out)) for p in out.rglob("*")
                                                       if p.is_file() and p.name != ".wuhai-analysis-manifest.json")
            page = (out / "index.html").read_text(encoding="utf-8")
            assert not any(c in page for c in "\x00\x07\x1b\u202e\u200b")
            for table in (out / "tables").glob("*.csv"):
                _csv_cells_are_safe(table)
        assert [p.name for p in tmp.iterdir() if ".partial-" in p.name or ".old-" in p.name] == []
