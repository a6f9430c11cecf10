"""One reader for the project's data files (analysis.datafiles)."""

from __future__ import annotations

import pytest

from analysis import ReportError, datafiles, paths


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"a\nb\n", ["a", "b"]),
        (b"\xef\xbb\xbfa\r\nb\r\n", ["a", "b"]),           # BOM and Windows line endings
        (b"# comment\n\n  # indented comment\na\n", ["a"]),
        (b"  a  \n", ["a"]),                                # stripped
        (b"C#\n", ["C#"]),                                  # '#' later in a line is data
    ],
)
def test_read_lines(tmp_path, raw, expected):
    path = tmp_path / "list.txt"
    path.write_bytes(raw)
    assert datafiles.read_lines(path) == expected


def test_read_table_keeps_text_and_skips_comments(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("# source: crafted\nword,count,note\n党员,007,\n群众,1,a # b\n", encoding="utf-8-sig")
    frame = datafiles.read_table(path, columns=["word", "count"])
    assert frame.values.tolist() == [["党员", "007", ""], ["群众", "1", "a # b"]]


def test_read_table_tsv(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text('a\tb\n"x\ty\n', encoding="utf-8")
    assert datafiles.read_table(path, sep="\t").values.tolist() == [['"x', "y"]]


@pytest.mark.parametrize(
    "raw, message",
    [
        (None, "not found"),
        ("word\n党员\n".encode("gbk"), "not UTF-8"),
        (b"word,note\nx,y\n", "lacks the column"),
    ],
)
def test_read_table_errors(tmp_path, raw, message):
    path = tmp_path / "t.csv"
    if raw is not None:
        path.write_bytes(raw)
    with pytest.raises(ReportError, match=message):
        datafiles.read_table(path, columns=["word", "count"])


@pytest.mark.parametrize(
    "line, expected",
    [
        ("班慧", ("班慧", None, None)),
        ("班慧 nr", ("班慧", None, "nr")),
        ("乌海市 20", ("乌海市", 20, None)),
        ("乌海市 20 ns", ("乌海市", 20, "ns")),
        ("2020年 5 t", ("2020年", 5, "t")),              # digits inside the word
        ("  乌海市 20 ns  ", ("乌海市", 20, "ns")),
        ("乌海市\t20  ns", ("乌海市", 20, "ns")),        # any white space between fields
        ("乌海市 20 NS", ("乌海市", 20, "NS")),
    ],
)
def test_parse_user_dict(line, expected):
    entry = datafiles.parse_user_dict(line)
    assert tuple(entry.loc[0, ["word", "freq", "pos"]]) == expected


@pytest.mark.parametrize("line", ["河湾村 abc ns", "河湾村 ns 5", "河 湾村", "河湾村\x07 5", "河湾村 5 ns nz"])
def test_parse_user_dict_refuses_a_malformed_line(line):
    with pytest.raises(ReportError, match="line 2: .* is not 'word \\[freq\\] \\[pos\\]'"):
        datafiles.parse_user_dict(f"# header\n{line}\n")


def test_project_dictionaries_parse():
    dictionaries = sorted(paths.DICTIONARIES_DIR.glob("*_dict.txt")) + sorted((paths.DATA_DIR / "examples").glob("*_dict.txt"))
    assert dictionaries
    for path in dictionaries:
        entries = datafiles.read_user_dict(path)
        assert len(entries) and entries["word"].is_unique, path.name
