"""Dates: explicit calendar expressions, valued in ISO 8601 at the precision written.

"June 2025" -> ``2025-06``, "April 2, 2025" -> ``2025-04-02``, "Q1 2025" and
"first quarter of 2025" -> ``2025-Q1``, "H2 2024" and "second half of 2024" ->
``2024-H2``, a year on its own -> ``2025``.
"""

from __future__ import annotations

import datetime
from functools import cache

import regex

from ..facts import Date
from ..patterns import FLAGS, alternation
from ..resources import read_rows
from .scan import Scan

_YEAR = r"(?:1[89]|20|21)\d\d"
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


@cache
def _months() -> dict[str, int]:
    return {name: int(number) for name, number in read_rows("months.tsv")}


@cache
def _date_re() -> regex.Pattern[str]:
    month = alternation(_months())
    mon = rf"(?P<mon>{month})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])"
    year = rf"(?P<year>{_YEAR})(?![\d])"
    ordinal = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
    forms = [
        r"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01]))(?![\d])",
        rf"{mon}[ ]{day},?[ ]{year}",
        rf"{day}[ ]{mon},?[ ]{year}",
        rf"{mon},[ ]{day}[ ]{year}",
        rf"{mon},?[ ]{year}",
        rf"(?:Q(?P<q>[1-4])|(?P<q>[1-4])Q)[ ]?(?:FY|CY)?{year}",
        rf"(?P<qw>{ordinal})[ ](?i:quarter)[ ](?:(?i:of)[ ])?(?:FY|CY)?{year}",
        rf"(?:H(?P<h>[12])|(?P<h>[12])H)[ ]?(?:FY|CY)?{year}",
        rf"(?P<hw>(?i:first|second|1st|2nd))[ ](?i:half)[ ](?:(?i:of)[ ])?(?:FY|CY)?{year}",
    ]
    return regex.compile(rf"(?<![\w/.-])(?:{'|'.join(forms)})(?![\w])", FLAGS)


@cache
def _year_re() -> regex.Pattern[str]:
    return regex.compile(
        r"(?<![\w.,/:$€£¥-])(?P<year>(?:19|20)\d\d)(?![\w%]|[.,]\d|[-/]\d|[ ]?%)", FLAGS
    )


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _value(m: regex.Match[str]) -> str | None:
    if m.group("iso"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        return m.group("iso") if _valid(y, mo, d) else None
    year = m.group("year")
    if m.group("q"):
        return f"{year}-Q{m.group('q')}"
    if m.group("qw"):
        return f"{year}-Q{_ORDINALS[m.group('qw').lower()]}"
    if m.group("h"):
        return f"{year}-H{m.group('h')}"
    if m.group("hw"):
        return f"{year}-H{_ORDINALS[m.group('hw').lower()]}"
    month = _months()[m.group("mon")]
    if m.group("day"):
        day = int(m.group("day"))
        return f"{year}-{month:02d}-{day:02d}" if _valid(int(year), month, day) else None
    return f"{year}-{month:02d}"


_YEAR_REACH_BEFORE = 32
_YEAR_REACH_AFTER = 10


def find_dates(scan: Scan) -> None:
    """Find full calendar expressions (not bare years) and add them to `scan`.

    Every full form holds a four-digit year, so the pattern is only tried in a
    short window around each year-like run of digits.
    """
    text = scan.text
    pattern = _date_re()
    pos = 0
    for start, end in scan.digit_runs:
        if end - start != 4 or end < pos:
            continue
        window = max(pos, start - _YEAR_REACH_BEFORE)
        m = pattern.search(text, window, end + _YEAR_REACH_AFTER)
        while m is not None and m.end() < end:
            m = pattern.search(text, m.end(), end + _YEAR_REACH_AFTER)
        if m is None or m.start() > start:
            continue
        value = _value(m)
        if value is None or scan.claimed(m.start(), m.end()):
            continue
        scan.add(Date(text=m.group(), start=m.start(), end=m.end(), value=value))
        pos = m.end()


_COUNTER_LABEL = regex.compile(
    r"(?i:hits|views|visits|reads|pages?|comments|likes|shares|no\.|number|id|ref|tel|phone|fax"
    r"|results|items)[ ]?[:#]?[ ]?$",
    FLAGS,
)


def find_years(scan: Scan) -> None:
    """Find years written on their own ("in 2018") once everything else has claimed its text.

    A four-digit number after a counter label ("Hits: 2005", "Page 2019") is not a year.
    """
    text = scan.text
    for m in _year_re().finditer(text):
        if scan.claimed(m.start(), m.end()):
            continue
        if _COUNTER_LABEL.search(text, max(0, m.start() - 12), m.start()):
            continue
        scan.add(Date(text=m.group(), start=m.start(), end=m.end(), value=m.group("year")))
