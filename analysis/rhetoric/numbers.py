"""Statistics as evidence: every numeric claim of a report as a row.

A *numeric claim* is a number (Arabic ``1900`` or Chinese ``两``, with an
optional multiplier ``万``/``亿``), an optional approximation marker
(``多``, ``余``, ``近`` … from ``approx_markers.tsv``) and a measure word or
unit (``个``, ``名``, ``户``, ``元`` … from ``measure_words.tsv``)::

    1900多个党组织   → value 1900,    approx 多, unit 个, counted 党组织
    3万余名党员      → value 30000,   approx 余, unit 名, counted 党员
    100万元          → value 1000000, unit 元 (kind money)
    两个孩子         → value 2,       numeral chinese, counted 孩子

Chinese numerals are converted with ``cn2an``.  Ordinals (``第一``),
numbers inside book titles (``《…一封信》``), words listed in
``numeral_exclusions.txt`` (``一次性``, ``一线``) and Chinese numerals that
do not start a token (``统一``) are not claims.  ``一`` + classifier
(``一座坚实的堡垒``) is kept but flagged ``kind == "indefinite"``: in
Chinese it often works as an indefinite article, not as a count.
"""

from __future__ import annotations

import functools
import logging
import re

import pandas as pd

from .. import resources
from ..errors import ReportError
from ..loading import Report
from . import _data
from ._common import check_report, token_spans

LOGGER = logging.getLogger(__name__)

__all__ = ["NUMBER_COLUMNS", "number_expressions", "numeric_claims", "numeric_density"]

#: Columns of :func:`numeric_claims`.
NUMBER_COLUMNS = [
    "claim_id", "paragraph_id", "sentence_id", "section", "section_title", "start", "end",
    "raw_start", "raw_end", "text", "value", "approx", "approximate", "numeral", "unit",
    "unit_kind", "kind", "counted", "sentence",
]

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
#: Tags of tokens that can name the thing counted.
_NOMINAL = {"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "vn", "j", "l", "an", "eng"}
_MODIFIER = {"a", "b", "v", "d", "ad", "vn", "m"}
_QUOTES = set("“”‘’「」『』\"'")


@functools.lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, bool]]:
    table = _data.read_table("measure_words.tsv")
    return {row.word: (row.kind, row.nominal == "yes") for row in table.itertuples()}


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    markers = _data.read_table("approx_markers.tsv")
    before = sorted(markers.loc[markers.position == "before", "marker"], key=len, reverse=True)
    after = sorted(markers.loc[markers.position == "after", "marker"], key=len, reverse=True)
    after_unit = sorted(markers.loc[markers.position == "after_unit", "marker"], key=len, reverse=True)
    units = sorted(_units(), key=len, reverse=True)
    alt = lambda words: "|".join(re.escape(w) for w in words)  # noqa: E731
    return re.compile(
        rf"(?P<before>{alt(before)})?"
        rf"(?:(?P<arabic>{_ARABIC})(?P<mult>[万亿千百])?|(?P<chinese>[{_CN_DIGITS}]+))"
        rf"(?P<after>{alt(after)})?"
        rf"(?P<unit>{alt(units)})?"
        rf"(?P<after_unit>{alt(after_unit)})?"
    )


def _to_number(digits: str) -> float:
    digits = digits.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    return float(digits)


def _chinese_value(numeral: str) -> float | None:
    import cn2an

    if numeral in _MULTIPLIERS:
        return float(_MULTIPLIERS[numeral])
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans where numbers are not claims: book titles and excluded words."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", text)]
    for word in _data.read_list("numeral_exclusions.txt"):
        spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(word), text))
    return spans


def number_expressions(text: str, *, token_starts: set[int] | None = None) -> pd.DataFrame:
    """Find the numeric expressions in a string.

    Args:
        text: Chinese text.
        token_starts: Offsets where tokens start (from a tokenizer); a Chinese
            numeral must start a token to count (so ``统一`` is not 一).
            ``None`` skips that check.

    Returns:
        DataFrame with columns ``start, end, text, value, approx,
        approximate, numeral`` (arabic|chinese) ``, unit, unit_kind, kind``
        (count|money|time|date|percent|measure|ratio|indefinite).

    >>> number_expressions("全市1900多个党组织3万余名党员，下拨100万元")[["text", "value", "approx", "unit"]].values.tolist()
    [['1900多个', 1900.0, '多', '个'], ['3万余名', 30000.0, '余', '名'], ['100万元', 1000000.0, '', '元']]
    """
    if not isinstance(text, str):
        raise ReportError(f"number_expressions needs a string, not {type(text).__name__}")
    excluded = _excluded_spans(text)
    rows = []
    for m in _pattern().finditer(text):
        if not (m.group("arabic") or m.group("chinese")):
            continue
        num_start = m.start("arabic") if m.group("arabic") else m.start("chinese")
        unit = m.group("unit") or ""
        before = m.group("before") or ""
        prev = text[m.start() - 1] if m.start() > 0 else ""
        if any(s <= num_start < e for s, e in excluded):
            continue
        if prev == "第" or (prev and (prev.isascii() and prev.isalnum() or prev in "-_.")):
            continue
        if m.group("chinese"):
            if not unit:
                continue  # a Chinese numeral without a measure word is a word, not a count
            if token_starts is not None and m.start() not in token_starts and num_start not in token_starts:
                continue
            value = _chinese_value(m.group("chinese"))
            if value is None:
                continue
            numeral = "chinese"
        else:
            value = _to_number(m.group("arabic")) * _MULTIPLIERS.get(m.group("mult") or "", 1)
            numeral = "arabic"
        approx = before or m.group("after") or m.group("after_unit") or ""
        if before == "上" and not (m.group("chinese") and m.group("chinese")[0] in "百千万亿"):
            before, approx = "", (m.group("after") or m.group("after_unit") or "")
        unit_kind = _units()[unit][0] if unit else ""
        kind = _kind(m, value, unit, unit_kind, text)
        start = m.start() if before else num_start
        rows.append(dict(
            start=start, end=m.end(), text=text[start:m.end()], value=value, approx=approx,
            approximate=bool(approx), numeral=numeral, unit=unit, unit_kind=unit_kind, kind=kind,
        ))
    return pd.DataFrame(rows, columns=["start", "end", "text", "value", "approx", "approximate",
                                       "numeral", "unit", "unit_kind", "kind"])


def _kind(m: re.Match, value: float, unit: str, unit_kind: str, text: str) -> str:
    if m.group("chinese") and m.group("chinese") == "一" and not m.group("after"):
        return "indefinite"
    if unit == "年" and m.group("arabic") and len(m.group("arabic")) == 4 and 1900 <= value <= 2100:
        return "date"
    if unit == "日" or (unit == "月" and re.match(r"[0-9０-９一二三四五六七八九十]+[日号]", text[m.end():])):
        return "date"
    if unit_kind in ("classifier", "unit", ""):
        return "count"
    return unit_kind


def numeric_claims(report: Report, *, tokenizer=None, include_indefinite: bool = True) -> pd.DataFrame:
    """Every numeric claim of a report, with the thing counted.

    The thing counted (``counted``) is the noun phrase after the measure word
    (skipping a ``…的`` modifier, and treating quotation marks as
    transparent: ``1支“党员预备队”`` → 党员预备队), or the measure word
    itself when it is a noun (``2157户`` → 户), or the noun phrase before a
    number that ends a clause (``卡点379个`` → 卡点).

    Args:
        report: A parsed report.
        tokenizer: A :class:`analysis.Tokenizer` (default: the shared one).
        include_indefinite: Keep ``一`` + classifier (``一座堡垒``).

    Returns:
        DataFrame with columns ``claim_id, paragraph_id, sentence_id,
        section, section_title, start, end`` (offsets in the paragraph)
        ``, raw_start, raw_end, text, value, approx, approximate, numeral,
        unit, unit_kind, kind, counted, sentence``.

    Raises:
        ReportError: ``report`` is not a Report.

    >>> from analysis import load_report
    >>> claims = numeric_claims(load_report())
    >>> row = claims.iloc[0]
    >>> row.text, float(row.value), row.approx, row.counted
    ('1900多个', 1900.0, '多', '党组织')
    """
    report = check_report(report)
    if tokenizer is None:
        from ..tokenize import default_tokenizer

        tokenizer = default_tokenizer()
    sentences = report.sentences
    rows = []
    for para in report.paragraphs.itertuples():
        tokens = token_spans(tokenizer.tag(para.text))
        found = number_expressions(para.text, token_starts={s for _, _, s, _ in tokens})
        claim_starts = set(found["start"])
        for claim in found.itertuples():
            if claim.kind == "indefinite" and not include_indefinite:
                continue
            nominal_unit = _units()[claim.unit][1] if claim.unit else False
            sent = sentences[(sentences.paragraph_id == para.paragraph_id) & (sentences.start <= claim.start)
                             & (sentences.end > claim.start)]
            sentence_id, sentence_text = (int(sent.iloc[0].sentence_id), sent.iloc[0].text) if len(sent) else (None, "")
            raw_start, raw_end = report.raw_span(para.paragraph_id, claim.start, claim.end)
            rows.append(dict(
                paragraph_id=para.paragraph_id, sentence_id=sentence_id, section=para.section,
                section_title=para.section_title, start=claim.start, end=claim.end,
                raw_start=raw_start, raw_end=raw_end, text=claim.text, value=claim.value,
                approx=claim.approx, approximate=claim.approximate, numeral=claim.numeral,
                unit=claim.unit, unit_kind=claim.unit_kind, kind=claim.kind,
                counted=_counted(tokens, claim.start, claim.end, claim.unit, nominal_unit, claim_starts)
                if claim.kind in ("count", "indefinite", "measure", "percent", "ratio") else "",
                sentence=sentence_text,
            ))
    frame = pd.DataFrame(rows, columns=NUMBER_COLUMNS[1:])
    frame.insert(0, "claim_id", range(1, len(frame) + 1))
    LOGGER.debug("%d numeric claims", len(frame))
    return frame






def _is_break(word: str) -> bool:
    return word not in _QUOTES and all(c in resources.PUNCTUATION for c in word) and word != ""


def _counted(tokens, start: int, end: int, unit: str, nominal_unit: bool, claim_starts: set[int]) -> str:
    after = [t for t in tokens if t[2] >= end and t[0] not in _QUOTES]
    clause = []
    for t in after:
        if _is_break(t[0]) or t[2] in claim_starts or t[0] in ("和", "与", "及", "或"):
            break
        clause.append(t)
    if clause and (clause[0][0] == "的" or nominal_unit and clause[0][1] not in _NOMINAL):
        return unit if nominal_unit else ""
    phrase = _nominal_run(clause)
    if phrase:
        return phrase
    if nominal_unit:
        return unit
    if not clause:  # the number ends its clause: the thing counted came before it
        before = [t for t in tokens if t[3] <= start and t[0] not in _QUOTES]
        run = []
        for t in reversed(before):
            if t[1] in _NOMINAL and not _is_break(t[0]):
                run.insert(0, t[0])
            else:
                break
        return "".join(run)
    return ""


def _after_de(clause) -> str:
    words = [t[0] for t in clause]
    if "的" not in words[:10]:
        return ""
    return _modified_run(clause[words.index("的") + 1 :])


def _modified_run(clause) -> str:
    """Up to two modifiers (adjective, verb, adverb) then nouns: 退伍老兵, 一次性医用口罩."""
    run = []
    for i, t in enumerate(clause):
        if t[1] in _NOMINAL or (not run and i < 2 and t[1] in _MODIFIER) or (
            run and i < 2 and t[1] in _MODIFIER and all(r[1] not in _NOMINAL for r in run)
        ):
            run.append(t)
        else:
            break
    while run and run[-1][1] not in _NOMINAL:
        run.pop()
    return "".join(t[0] for t in run)


def _nominal_run(clause) -> str:
    if not clause:
        return ""
    if clause[0][1] == "v":
        # 7次应对……感染的肺炎疫情会议: a verb phrase modifies the noun after 的
        return _after_de(clause) or _modified_run(clause)
    return _modified_run(clause) or _after_de(clause)


def numeric_density(claims: pd.DataFrame, report: Report, *, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Numeric claims per 1,000 characters, per section.

    Args:
        claims: Output of :func:`numeric_claims`.
        report: The report they came from (for section lengths).
        kinds: Only count claims of these kinds (default: every kind except
            ``indefinite``).

    Returns:
        DataFrame with columns ``section, section_title, n_chars, n_claims,
        per_1000_chars``; a last row ``section == -1`` (``全文``) for the
        whole report.

    >>> from analysis import load_report
    >>> r = load_report()
    >>> numeric_density(numeric_claims(r), r).iloc[-1]["section_title"]
    '全文'
    """
    report = check_report(report)
    missing = {"section", "kind"} - set(claims.columns)
    if missing:
        raise ReportError(f"claims lack columns {sorted(missing)}: pass the output of numeric_claims(report)")
    if kinds is None:
        kinds = tuple(k for k in claims["kind"].unique() if k != "indefinite")
    kept = claims[claims["kind"].isin(kinds)]
    paras = report.paragraphs
    rows = []
    for section, title in report.section_titles.items():
        n_chars = int(paras.loc[paras.section == section, "n_chars"].sum())
        if n_chars == 0:
            continue
        n = int((kept["section"] == section).sum())
        rows.append(dict(section=section, section_title=title, n_chars=n_chars, n_claims=n,
                         per_1000_chars=1000 * n / n_chars))
    total = int(paras["n_chars"].sum())
    rows.append(dict(section=-1, section_title="全文", n_chars=total, n_claims=len(kept),
                     per_1000_chars=1000 * len(kept) / total if total else 0.0))
    return pd.DataFrame(rows)
