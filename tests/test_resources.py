"""Tests of analysis.resources: the character tables and regular expressions every module shares."""

from __future__ import annotations

import time

import pytest

from analysis import resources as r


@pytest.mark.parametrize("char, han", [("党", True), ("㐀", True), ("豈", True), ("a", False), ("，", False),
                                       ("１", False), ("ア", False)])
def test_han(char, han):
    assert bool(r.RE_HAN.fullmatch(char)) is han


def test_han_runs():
    assert r.RE_HAN_RUN.findall("2020年3月，武汉市ABC医院") == ["年", "月", "武汉市", "医院"]


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("我们走。他们来！", ["我们走。", "他们来！"]),
        ("他说：“好。”我们走。", ["他说：“好。”", "我们走。"]),       # closing quote stays with its sentence
        ("增长3.5%，好。", ["增长3.5%，好。"]),                       # a decimal point does not end a sentence
        ("等等……然后", ["等等……", "然后"]),                         # an ellipsis ends one; the last lacks a stop
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    ],
)
def test_sentences(text, sentences):
    assert r.RE_SENTENCE.findall(text) == sentences


def test_tables_agree():
    assert all(len(full) == 1 and not full.isascii() for full in r.HALF_TO_FULL.values())
    assert set(r.HALF_TO_FULL) | set(r.HALF_TO_FULL.values()) <= r.PUNCTUATION
    assert set(r.SENTENCE_END) <= r.PARAGRAPH_END and set(r.CLOSERS) <= r.PARAGRAPH_END
    assert "." not in r.HALF_TO_FULL
    assert {"\u3000", "\u00a0", "\ufeff", "\n"} <= set(r.WHITESPACE)


@pytest.mark.parametrize(
    "line, photographer",
    [
        ("群众在一线鼓劲。孟德龙摄（人民视觉）", "孟德龙"),
        ("党员在值守。 石历增 摄", "石历增"),
        ("志愿者搬运物资。（记者 石历增 摄）", "石历增"),
        ("医护人员在病房。新华社记者 李贺 摄", "李贺"),
        ("居民排队检测。张三、李四摄", "张三、李四"),
    ],
)
def test_photo_credits(line, photographer):
    match = r.RE_CREDIT.search(line)
    assert match and match.group("photographer").replace(" ", "") == photographer


@pytest.mark.parametrize("line", ["他在现场拍摄。", "摄影展今天开幕。", "这是一段没有署名的文字。"])
def test_not_photo_credits(line):
    assert r.RE_CREDIT.search(line) is None


@pytest.mark.timing
def test_credit_search_is_linear_on_runs_of_spaces():
    def seconds(n: int) -> float:
        line = "文" + " " * n + "张" + " " * n + "x"
        started = time.perf_counter()
        r.RE_CREDIT.search(line)
        return time.perf_counter() - started

    small, large = min(seconds(2_000) for _ in range(3)), min(seconds(20_000) for _ in range(3))
    assert large < 30 * small + 0.01  # ten times the text: about ten times the time, not a hundred


@pytest.mark.parametrize("byline, marked", [("□本报记者 张三", True), ("通讯员 李四", True), ("张三 李四", False)])
def test_byline_markers(byline, marked):
    assert bool(r.BYLINE_MARKERS.search(byline)) is marked
