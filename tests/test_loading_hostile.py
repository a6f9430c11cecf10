"""Hostile and unlucky input to the loader: bounded reads, invisible characters, linear time."""

from __future__ import annotations

import logging
import os
import socket
import time

import pytest

from analysis import ReportError, load_report, parse_report
from analysis.loading import caption_parts, decode_bytes, read_text


def _seconds(function, *args) -> float:
    """CPU seconds of one call (this process only: a neighbour's load does not count)."""
    started = time.process_time()
    function(*args)
    return time.process_time() - started


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_refused_at_once(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} not on this system")
    link = tmp_path / "report.txt"
    link.symlink_to(device)
    started = time.perf_counter()
    with pytest.raises(ReportError, match="character device, not a regular file"):
        load_report(link)
    assert time.perf_counter() - started < 1.0


def test_fifo_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(ReportError, match="named pipe"):
        read_text(fifo)
    assert time.perf_counter() - started < 1.0


def test_socket_refused(tmp_path):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(ReportError, match="socket"):
            load_report(path)
    finally:
        server.close()


def test_size_limit_applied_while_reading(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("标题\n\n" + "党员冲在一线。" * 200, encoding="utf-8")
    with pytest.raises(ReportError, match="too large"):
        read_text(path, max_bytes=100)


@pytest.mark.parametrize(
    "body, expected, kinds",
    [
        ("第一段。\x00\n\n第二段。", ["第一段。", "第二段。"], ["control_character"]),  # NUL never merges paragraphs
        ("党员\x1b[31m冲在一线。", ["党员[31m冲在一线。"], ["control_character"]),
        ("党员\u200b冲在一线。", ["党员冲在一线。"], ["invisible_character"]),
        ("党员\u202e冲在一线。", ["党员冲在一线。"], ["invisible_character"]),
        ("党员\x07冲在\x08一线。", ["党员冲在一线。"], ["control_character", "control_character"]),
    ],
)
def test_invisible_characters_removed_and_logged(body, expected, kinds):
    report = parse_report("标题\n\n" + body)
    assert report.paragraphs.text.tolist() == expected
    rows = report.repairs[report.repairs.kind.isin(["control_character", "invisible_character"])]
    assert rows.kind.tolist() == kinds
    for row in rows.itertuples():
        assert report.raw[row.raw_start : row.raw_end] == row.before
    assert report.unaccounted() == []


def test_ambiguous_gbk_big5_warns_with_both_readings(caplog):
    data = "党员".encode("gbk")
    with caplog.at_level(logging.WARNING, logger="analysis.loading"):
        text, _ = decode_bytes(data)
    other = data.decode("big5hkscs") if text == "党员" else data.decode("gb18030")
    assert "ambiguous" in caplog.text and "党员" in caplog.text and other in caplog.text


@pytest.mark.timing
@pytest.mark.parametrize(
    "make",
    [
        lambda n: "标题\n\n党" + " " * n + "员。",  # caption regex must not backtrack on runs of spaces
        lambda n: "标题\n\n" + "加油！这是他说的话。" * (n // 10),  # lost quotations, no recursion
        lambda n: "标题\n\n" + "党员冲在一线，\n" * (n // 8),  # many joins of ，-ended lines
        lambda n: "标题\n\n正文。\n\n" + "摄 " * (n // 2),
        lambda n: "标题\n\n正文。\n\n" + ("图为党员 张三 " * (n // 8)) + "摄",
    ],
    ids=["spaces", "quotations", "joins", "credits", "long-credit"],
)
def test_loader_grows_linearly(make):
    """Pathological inputs: 10x the size may take at most 12x the time."""
    parse_report(make(300))  # warm caches
    small = min(_seconds(parse_report, make(3_000)) for _ in range(3))
    large = min(_seconds(parse_report, make(30_000)) for _ in range(2))
    assert large <= 12 * max(small, 0.02), (small, large)


def test_caption_regex_fast_on_spaces():
    assert _seconds(caption_parts, "党" + " " * 100_000 + "员。摄") < 0.5


_SIMPLIFIED = "标题\n\n第一段党员冲在一线。\x00\n\n第二段群众安心。\n"
_TRADITIONAL = "標題\n\n第一段黨員衝在一線。\x00\n\n第二段群眾安心。\n"


@pytest.mark.parametrize(("encoding", "body"), [
    (encoding, body) for encoding in ("utf-8", "gb18030", "gbk", "big5hkscs", "utf-16")
    for body in (_SIMPLIFIED, _TRADITIONAL) if (encoding, body) != ("big5hkscs", _SIMPLIFIED)  # Big5 has no 党
])
def test_a_nul_is_handled_the_same_whatever_the_encoding(tmp_path, encoding, body):
    data = body.encode(encoding)
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    report = load_report(path)
    utf8 = parse_report(body)
    assert report.raw == body
    assert report.paragraphs.text.tolist() == utf8.paragraphs.text.tolist() == [body.split("\n")[2][:-1], body.split("\n")[4]]
    assert report.repairs.kind.tolist().count("control_character") == 1
    row = report.repairs[report.repairs.kind == "control_character"].iloc[0]
    assert report.raw[row.raw_start : row.raw_end] == "\x00"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_text_full_of_nuls_is_refused_as_binary_whatever_the_encoding(encoding):
    data = ("党员冲在一线\x00\x00。" * 20).encode(encoding)
    with pytest.raises(ReportError, match="binary file"):
        decode_bytes(data)


def test_random_bytes_with_nuls_are_refused_as_binary():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000)) + b"\x00"
    with pytest.raises(ReportError, match="binary file"):
        decode_bytes(data)
