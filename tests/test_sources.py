"""Readers for a folder of .txt, CSV and JSON exports (analysis.sources)."""

from __future__ import annotations

import json

import pytest

from analysis import ReportError
from analysis.sources import iter_reports, load_reports

ITEMS = [
    {"title": "县里召开防汛会议", "date": "2021-07-01", "text": "本报讯（记者 甲乙）县里召开会议。\n\n会议要求各级党组织闻令而动。"},
    {"title": "村里党员巡堤", "date": "2021-07-02", "text": "党员们日夜巡查堤坝。"},
]


def test_csv_rows(tmp_path):
    path = tmp_path / "items.csv"
    lines = ["title,date,text"] + [f'{i["title"]},{i["date"]},"{i["text"]}"' for i in ITEMS]
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    reports = load_reports(path)
    assert [r.headline for r in reports] == [i["title"] for i in ITEMS]
    assert [r.date for r in reports] == ["2021-07-01", "2021-07-02"]
    assert reports[0].dateline["reporters"] == ["甲乙"]
    assert reports[0].paragraphs.text.tolist() == ["县里召开会议。", "会议要求各级党组织闻令而动。"]
    assert all(r.source_kind == "clean" for r in reports)


@pytest.mark.parametrize("lines", [False, True])
def test_json_and_json_lines(tmp_path, lines):
    path = tmp_path / ("items.jsonl" if lines else "items.json")
    text = "\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) if lines else json.dumps(ITEMS, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    assert [r.headline for r in iter_reports(path)] == [i["title"] for i in ITEMS]


def test_chinese_column_names(tmp_path):
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"标题": "标题一", "日期": "2021", "正文": "正文一。"}], ensure_ascii=False), encoding="utf-8")
    report = load_reports(path)[0]
    assert (report.headline, report.date, report.text) == ("标题一", "2021", "正文一。")


def test_folder_and_glob(tmp_path):
    for n, item in enumerate(ITEMS):
        (tmp_path / f"{n}.txt").write_text(item["title"] + "\n\n" + item["text"], encoding="utf-8")
    assert [r.headline for r in load_reports(tmp_path)] == [i["title"] for i in ITEMS]
    assert len(load_reports(tmp_path / "*.txt")) == 2


def test_missing_text_column_and_empty_folder(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("title,date\n标题,2020\n", encoding="utf-8")
    with pytest.raises(ReportError, match="no text column"):
        load_reports(path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReportError, match="no .txt"):
        load_reports(empty)
