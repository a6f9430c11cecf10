"""Read the export formats a scholar has: a folder of ``.txt``, a CSV or JSON with one item per row.

Every reader returns :class:`~analysis.loading.Report` objects, the same as
:func:`~analysis.loading.load_report`:

* a **folder** (or glob) of ``.txt`` files: one report per file, in name order;
* a **CSV** (UTF-8, UTF-8 with BOM or GB18030) or **JSON** (a list of
  objects, or JSON Lines) with one item per row: a text column (``text``,
  ``content``, ``body``, ``正文``, ``内容``) and optionally a title
  (``title``, ``headline``, ``标题``, ``题目``) and a date (``date``,
  ``日期``, ``time``); the title becomes the headline and the date
  ``report.date``.  Database exports are clean text, so rows are parsed
  with ``source="clean"`` unless told otherwise.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from .errors import ReportError
from .loading import MAX_BYTES, Report, decode_bytes, load_report, parse_report, read_bytes_bounded

LOGGER = logging.getLogger(__name__)

__all__ = ["load_reports", "iter_reports", "reports_from_rows", "TEXT_COLUMNS", "TITLE_COLUMNS", "DATE_COLUMNS"]

TEXT_COLUMNS = ("text", "content", "body", "article", "正文", "内容", "全文")
TITLE_COLUMNS = ("title", "headline", "标题", "题目", "题名")
DATE_COLUMNS = ("date", "time", "published", "日期", "时间", "发布时间")


def _pick(row: dict, names: tuple[str, ...]) -> str | None:
    lowered = {str(k).strip().lower(): k for k in row}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def reports_from_rows(rows, *, name: str = "rows", source: str = "clean", **options) -> Iterator[Report]:
    """Reports from dict rows with a text column and optional title and date columns.

    Args:
        rows: An iterable of dicts (e.g. ``csv.DictReader`` or a JSON list).
        name: What to call the input in messages and ``report.source``.
        source: ``"clean"`` (default, database exports), ``"ocr"`` or ``"auto"``.
        **options: Passed to :func:`~analysis.loading.parse_report`.

    Yields:
        One :class:`Report` per row; ``report.date`` holds the date column,
        ``report.source`` is ``name#row`` (rows counted from 1).

    Raises:
        ReportError: No text column, or a row with no Chinese text.

    >>> [r.headline for r in reports_from_rows([{"title": "标题", "date": "2020-01-01", "text": "党员冲在一线。"}])]
    ['标题']
    """
    for number, row in enumerate(rows, start=1):
        text_key = _pick(row, TEXT_COLUMNS)
        if text_key is None:
            raise ReportError(f"{name}: row {number} has no text column; name it one of {list(TEXT_COLUMNS)}")
        title_key, date_key = _pick(row, TITLE_COLUMNS), _pick(row, DATE_COLUMNS)
        body = str(row[text_key] or "")
        title = str(row[title_key] or "").strip() if title_key else ""
        text = f"{title}\n\n{body}" if title else body
        try:
            report = parse_report(text, source=f"{name}#{number}", kind=source, **options)
        except ReportError as exc:
            raise ReportError(f"{name}: row {number}: {exc}") from None
        report.date = str(row[date_key]).strip() if date_key and row[date_key] is not None else ""
        yield report


def _rows(path: Path, max_bytes: int | None) -> list[dict]:
    text, _ = decode_bytes(read_bytes_bounded(path, max_bytes), name=str(path))
    suffix = path.suffix.lower()
    if suffix == ".csv" or suffix == ".tsv":
        dialect = "excel-tab" if suffix == ".tsv" else "excel"
        return list(csv.DictReader(io.StringIO(text), dialect=dialect))
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise ReportError(f"{path}: not valid JSON or JSON Lines (line {exc.lineno}): check the export") from None
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [data])
    if not all(isinstance(row, dict) for row in data):
        raise ReportError(f"{path}: expected a list of objects with a text field, one per item")
    return data


def iter_reports(path: str | Path, *, source: str | None = None, max_bytes: int | None = MAX_BYTES,
                 **options) -> Iterator[Report]:
    """Reports from a folder of ``.txt``, a glob, a CSV/TSV, a JSON/JSON Lines file or one ``.txt``.

    Args:
        path: The folder, glob pattern or file.
        source: ``"auto"``, ``"ocr"`` or ``"clean"``; default ``"auto"``
            for text files and ``"clean"`` for rows of a CSV or JSON.
        max_bytes: Size limit per file (see :func:`~analysis.loading.load_report`).
        **options: Passed to the loader (``convert_traditional``, ``repairs``).

    Yields:
        :class:`Report` objects, in file-name (then row) order.

    Raises:
        ReportError: Nothing to read, or a file that is not a report.
    """
    path = Path(path)
    if any(c in str(path) for c in "*?["):
        files = sorted(Path(p) for p in glob.glob(str(path)) if Path(p).is_file())
    elif path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".csv", ".tsv", ".json", ".jsonl"))
    else:
        files = [path]
    if not files:
        raise ReportError(f"{path}: no .txt, .csv or .json files found; pass a folder of reports or an export file")
    for file in files:
        if file.suffix.lower() in (".csv", ".tsv", ".json", ".jsonl"):
            yield from reports_from_rows(_rows(file, max_bytes), name=str(file), source=source or "clean", **options)
        else:
            yield load_report(file, source=source or "auto", max_bytes=max_bytes, **options)


def load_reports(path: str | Path, **options) -> list[Report]:
    """All the reports of :func:`iter_reports` as a list.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> _ = open(os.path.join(folder, "items.csv"), "w", encoding="utf-8").write("title,date,text\\n标题,2020-02-01,党员冲在一线。\\n")
    >>> [(r.headline, r.date, r.paragraphs.text.tolist()) for r in load_reports(folder)]
    [('标题', '2020-02-01', ['党员冲在一线。'])]
    """
    return list(iter_reports(path, **options))
