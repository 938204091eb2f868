"""Numbers as values, so ``16.7 million`` and ``1670万``, ``Chapter 6`` and ``第六章`` compare equal.

:func:`source_values` reads English text: Arabic numbers (``1,000``, ``93.2%``, ``3rd``, both ends
of ``2005-2012``), scaled by a following ``thousand``/``million``/``billion``, and number words
(``six``, ``third``). :func:`target_values` reads zh/ja text: Arabic numbers (full-width digits too),
CJK numerals (``一``…``九``, ``十百千万亿億兆``, ``两``, ``〇``) and mixed ``1670万``, ``14亿``, ``1.3 亿``
(a figure with 万/亿/兆 stands for its scaled value only: ``1.3 亿`` is 130 million, not the 1.3
billion of ``1.3B``).
Each number stands for a set of :class:`~decimal.Decimal` values (the figure as written and, when a
scale word follows, the scaled figure); a version such as ``1.7.0`` stays a string.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .spans import FULLWIDTH

#: An Arabic number: 1,024 / 93.2 / 2012.08334 / 1.7.0 (versions kept whole).
_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)*")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF_]")
_SCALES_EN = {"hundred": 100, "thousand": 1000, "k": 1000, "million": 10**6, "m": 10**6, "billion": 10**9,
              "b": 10**9, "trillion": 10**12}
_SCALE_AFTER = re.compile(r"\s*(hundred|thousand|million|billion|trillion|[kKmMbB](?![A-Za-z]))s?\b", re.IGNORECASE)
_WORDS = {w: n for n, ws in enumerate((
    ("zero", "none"), ("one", "first", "once", "single", "january"), ("two", "second", "twice", "both", "pair", "february"),
    ("three", "third", "thrice", "march"), ("four", "fourth", "april"), ("five", "fifth", "may"),
    ("six", "sixth", "june"), ("seven", "seventh", "july"), ("eight", "eighth", "august"),
    ("nine", "ninth", "september"), ("ten", "tenth", "october"), ("eleven", "eleventh", "november"),
    ("twelve", "twelfth", "dozen", "december"), ("thirteen", "thirteenth"), ("fourteen", "fourteenth"),
    ("fifteen", "fifteenth"), ("sixteen", "sixteenth"), ("seventeen",), ("eighteen",), ("nineteen",),
    ("twenty", "twentieth"))) for w in ws}
_WORDS.update(jan=1, feb=2, mar=3, apr=4, jun=6, jul=7, aug=8, sep=9, sept=9, oct=10, nov=11, dec=12)
_WORDS.update(thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80, ninety=90, hundred=100, hundreds=100,
              thousand=1000, thousands=1000, million=10**6, millions=10**6, billion=10**9, billions=10**9)
_WORD_RE = re.compile(r"[A-Za-z]+")

_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9, "壱": 1, "弐": 2}
_CJK_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000, "仟": 1000}
_CJK_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_CJK_NUMBER = re.compile(r"\d+(?:\.\d+)?[ \u00a0]?[万萬亿億兆][〇零一二两兩三四五六七八九十百千万萬亿億兆]*"
                         r"|(?:\d+(?:\.\d+)?)?[〇零一二两兩三四五六七八九十百千万萬亿億兆]+|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Number:
    """One number in a text: how it is written, where, and the values it may stand for."""

    raw: str
    start: int  # offset in the text
    values: frozenset[Decimal | str]
    arabic: bool = True  # written in Arabic digits (CJK numerals are only read to excuse a source number)


def _decimal(text: str) -> Decimal | str:
    if text.count(".") > 1:
        return text  # a version: 1.7.0
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return text


def _arabic(scan: str, text: str) -> list[tuple[int, int, Decimal | str]]:
    """``(start, end, value)`` of each Arabic number not glued to a Latin word (ResNet-50, GTA5, v1.2 are names)."""
    out = []
    for m in _ARABIC.finditer(scan):
        start, end = m.span()
        before = scan[start - 1] if start else " "
        if _LATIN.match(before) or before in "./\\" or (before == "-" and start >= 2 and _LATIN.match(scan[start - 2])):
            continue
        percent = re.match(r"\s?%", scan[end:end + 2])
        out.append((start, end + (percent.end() if percent else 0), _decimal(m.group(0).replace(",", ""))))
    return out


def _percent(scan: str, end: int, value: Decimal | str) -> set[Decimal | str]:
    """93.2% also stands for 0.932, when the number written up to ``end`` ends with a percent sign."""
    if isinstance(value, Decimal) and scan.endswith("%", 0, end):  # no copy of the text before it
        return {(value / 100).normalize()}
    return set()


def source_numbers(text: str) -> list[Number]:
    """The numbers of English ``text`` (placeholder tokens already blanked by the caller)."""
    scan = text.translate(FULLWIDTH)
    out = []
    for start, end, value in _arabic(scan, text):
        values: set[Decimal | str] = {value}
        scale = _SCALE_AFTER.match(scan, end)
        if scale and isinstance(value, Decimal):
            values.add((value * _SCALES_EN[scale.group(1).lower()]).normalize())
        values |= _percent(scan, end, value)
        out.append(Number(text[start:end], start, frozenset(values)))
    return out


def source_words(text: str) -> set[Decimal]:
    """Numbers that English words in ``text`` stand for ("five", "first", "August", "million")."""
    return {Decimal(_WORDS[w]) for w in (m.group(0).lower() for m in _WORD_RE.finditer(text)) if w in _WORDS}


def cjk_value(text: str) -> Decimal | None:
    """The value of a CJK numeral, possibly led by Arabic digits: 六 → 6, 三十一 → 31, 1670万 → 16700000."""
    lead = re.match(r"\d+(?:\.\d+)?", text)
    total = Decimal(0)
    section = Decimal(0)  # the part below the current 万/亿
    digit: Decimal | None = Decimal(lead.group(0)) if lead else None
    rest = text[lead.end():] if lead else text
    if rest and all(c in _CJK_DIGITS for c in rest) and len(rest) > 1:  # 二〇二一: digit by digit
        return Decimal("".join(str(_CJK_DIGITS[c]) for c in rest))
    for ch in rest:
        if ch in _CJK_DIGITS:
            digit = Decimal(_CJK_DIGITS[ch])
        elif ch in _CJK_UNITS:
            section += (digit if digit is not None else 1) * _CJK_UNITS[ch]
            digit = None
        elif ch in _CJK_BIG:
            section += digit or 0
            total += (section or 1) * _CJK_BIG[ch]
            section, digit = Decimal(0), None
        else:
            return None
    return (total + section + (digit or 0)).normalize()


def target_numbers(text: str) -> list[Number]:
    """The numbers of zh/ja ``text``: Arabic (full-width too), CJK numerals and mixed forms."""
    scan = text.translate(FULLWIDTH)
    arabic = {start: (end, value) for start, end, value in _arabic(scan, text)}
    out = []
    for m in _CJK_NUMBER.finditer(scan):
        start, end = m.span()
        raw = m.group(0)
        if raw[0].isdigit() and start not in arabic:
            continue  # digits glued to a Latin word
        if raw[0].isdigit() and all(c.isdigit() or c == "." for c in raw):
            stop, value = arabic.get(start, (end, _decimal(raw)))
            # let _ARABIC decide how far the number goes (1,024 and 1.7.0)
            out.append(Number(text[start:stop], start, frozenset({value, *_percent(scan, stop, value)})))
            continue
        value = cjk_value(raw.replace(" ", "").replace("\u00a0", ""))
        if value is None:
            continue
        values: set[Decimal | str] = {value}
        if raw[0].isdigit() and not any(c in _CJK_BIG for c in raw):  # 1.3亿 is 130 million, never 1.3
            lead = re.match(r"\d+(?:\.\d+)?", raw)
            assert lead is not None
            values.add(Decimal(lead.group(0)).normalize())
        out.append(Number(text[start:end], start, frozenset(values), arabic=raw[0].isdigit()))
    # Arabic numbers the CJK pattern did not start at (1,024 starts at "1" too, so only odd cases)
    spans = sorted((n.start, n.start + len(n.raw)) for n in out)
    starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))  # the furthest end of spans[:i + 1]
    for start, (end, value) in arabic.items():
        i = bisect.bisect_right(starts, start) - 1  # spans starting at or before this number
        if i < 0 or reach[i] <= start:
            out.append(Number(text[start:end], start, frozenset({value, *_percent(scan, end, value)})))
    return sorted(out, key=lambda n: n.start)
