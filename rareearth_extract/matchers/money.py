"""Money and exchange rates.

Currencies come from ``data/currency_surfaces.tsv`` (symbols and names) and
from pycountry's ISO 4217 table (codes). A bare ``$`` is settled per document:
a statement such as "All dollar amounts are in Canadian dollars" decides;
absent one, it is the US dollar and the fact says the currency was assumed.
"""

from __future__ import annotations

import regex

from .. import numbers
from ..facts import ExchangeRate, Money
from ..patterns import (
    FLAGS,
    all_iso_codes,
    currency_surfaces,
    dollar_statement_re,
    exchange_rate_re,
    money_re,
    per_unit_re,
)
from ..resources import read_rows
from .scan import Scan

_BARE_DOLLAR = "$"


def resolve_currency(surface: str | None, dollar: str) -> str | None:
    """ISO code for a currency surface; `dollar` is what a bare "$" means here."""
    if not surface:
        return None
    surface = surface.strip()
    table = currency_surfaces()
    entry = table.get(surface) or table.get(surface.lower())
    if entry is not None:
        code = entry[0]
        return dollar if code == _BARE_DOLLAR else code
    if surface in all_iso_codes():
        return surface
    return None


def document_dollar(text: str) -> str | None:
    """The currency a bare "$" stands for, when the text says so."""
    m = dollar_statement_re().search(text)
    if m is None:
        return None
    names = {name.lower(): code for name, code in read_rows("dollar_statements.tsv")}
    return names.get(m.group("name").lower())


def _amount(digits: str | None, scale: str | None) -> float | None:
    if not digits:
        return None
    value = numbers.parse_digits(digits)
    if value is None:
        return None
    return value * numbers.scale_value(scale)


_CHANGE_BEFORE = regex.compile(
    r"(?i:rose|fell|eased|increased|decreased|dropped|climbed|declined|jumped|grew|gained|lost|"
    r"slipped|surged|slid|rallied|tumbled|soared|plunged|up|down)(?![A-Za-z])[^.\n]{0,30}$",
    FLAGS,
)
_MAX_RANGE_RATIO = 20.0


def _plausible_range(text: str, start: int, low: float, high: float) -> bool:
    """ "$0.04 to $1.33" after "eased" is a change and a level, not a range."""
    lo, hi = sorted((abs(low), abs(high)))
    if lo == 0 or hi / lo > _MAX_RANGE_RATIO:
        return False
    return _CHANGE_BEFORE.search(text, max(0, start - 40), start) is None


def find_exchange_rates(scan: Scan) -> None:
    """Find exchange-rate statements and add them to `scan`."""
    text = scan.text
    for m in exchange_rate_re().finditer(text):
        if scan.claimed(m.start(), m.end()):
            continue
        if m.group("base"):
            base, quote = m.group("base"), m.group("quote")
            codes = all_iso_codes()
            if base not in codes or quote not in codes or base == quote:
                continue
            rate = numbers.parse_digits(m.group("rate"))
            end = m.end("rate")
        else:
            base = resolve_currency(m.group("bpre") or m.group("bpost"), "USD") or ""
            quote = resolve_currency(m.group("qpre") or m.group("qpost"), "USD") or ""
            rate = numbers.parse_digits(m.group("rate1") or m.group("rate2"))
            end = m.end()
        if not base or not quote or base == quote or not rate:
            continue
        change = numbers.parse_digits(m.group("chg").lstrip("+-")) if m.group("chg") else None
        if change is not None and m.group("chg").startswith("-"):
            change = -change
        scan.add(
            ExchangeRate(
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                base=base,
                quote=quote,
                rate=rate,
                change_pct=change,
            ),
            claim=(m.start(), m.end()),
        )


def find_money(scan: Scan, *, dollar: str | None = None) -> None:
    """Find amounts of money and add them to `scan`."""
    text = scan.text
    assumed = dollar is None
    dollar_code = dollar or "USD"
    pattern = money_re()
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.start() + 1
        start, end = m.start(), m.end()
        surface = m.group("cpre") or m.group("cpost")
        currency = resolve_currency(surface, dollar_code)
        low = _amount(m.group("ad"), m.group("asc"))
        if currency is None or low is None:
            continue
        high = _amount(m.group("bd"), m.group("bsc"))
        negative = bool(m.group("neg") or m.group("negc") or m.group("lpar"))
        if high is not None:
            conn = (m.group("conn") or "").lower()
            if conn == "and" and not m.group("between"):
                if m.group("cpost"):
                    start = m.start("bd")
                    low, high = high, None
                else:
                    end = m.end("asc") if m.group("asc") else m.end("ad")
                    high = None
            elif not m.group("asc") and m.group("bsc"):
                low *= numbers.scale_value(m.group("bsc"))
            if high is not None and not _plausible_range(text, m.start(), low, high):
                end = m.end("asc") if m.group("asc") else m.end("ad")
                high = None
        if m.group("between") and high is None:
            start = max(start, m.end("between"))
        if negative:
            low = -low
        per = per_unit_re().match(text, end)
        per_unit = None
        if per is not None:
            per_unit, end = per.group("per"), per.end()
        if scan.claimed(start, end):
            continue
        pos = end
        qualifier = scan.qualifier(start, end)
        is_range = high is not None
        if high is not None:
            low, high = min(low, high), max(low, high)
            qualifier = "range"
        bare = surface is not None and (surface.strip() in {"$", "dollars", "dollar"})
        scan.add(
            Money(
                text=text[start:end],
                start=start,
                end=end,
                amount=None if is_range else low,
                low=low if is_range or qualifier in {"more_than", "at_least"} else None,
                high=high
                if is_range
                else (low if qualifier in {"less_than", "at_most", "up_to"} else None),
                currency=currency,
                qualifier=qualifier,
                per_unit=per_unit,
                currency_assumed=bare and assumed and currency == "USD",
            )
        )

