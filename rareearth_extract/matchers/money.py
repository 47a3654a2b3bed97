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
    currency_before_re,
    currency_surfaces,
    dollar_statement_re,
    exchange_equation_re,
    exchange_pair_re,
    money_post_re,
    money_pre_re,
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
    codes = all_iso_codes()
    for m in exchange_pair_re().finditer(text):
        base, quote = m.group("base"), m.group("quote")
        if base not in codes or quote not in codes or base == quote:
            continue
        rate = numbers.parse_digits(m.group("rate"))
        change = None
        if m.group("chg"):
            change = numbers.parse_digits(m.group("chg").lstrip("+-"))
            if change is not None and m.group("chg").startswith("-"):
                change = -change
        _add_rate(scan, m, base, quote, rate, change, m.end("rate"))
    equation = exchange_equation_re()
    pos = 0
    for eq in _EQUALS.finditer(text):
        window_start = max(pos, eq.start() - _EQUATION_REACH)
        found = equation.search(text, window_start, eq.end() + _EQUATION_REACH)
        if found is None or found.start() > eq.start():
            continue
        base = resolve_currency(found.group("bpre") or found.group("bpost"), "USD") or ""
        quote = resolve_currency(found.group("qpre") or found.group("qpost"), "USD") or ""
        rate = numbers.parse_digits(found.group("rate1") or found.group("rate2"))
        if _add_rate(scan, found, base, quote, rate, None, found.end()):
            pos = found.end()


_EQUALS = regex.compile(r"=", FLAGS)
_EQUATION_REACH = 30


def _add_rate(
    scan: Scan,
    m: regex.Match[str],
    base: str,
    quote: str,
    rate: float | None,
    change: float | None,
    end: int,
) -> bool:
    if not base or not quote or base == quote or not rate or scan.claimed(m.start(), m.end()):
        return False
    scan.add(
        ExchangeRate(
            text=scan.text[m.start() : end],
            start=m.start(),
            end=end,
            base=base,
            quote=quote,
            rate=rate,
            change_pct=change,
        ),
        claim=(m.start(), m.end()),
    )
    return True


_CURRENCY_REACH = 8
_BETWEEN_BEFORE = regex.compile(r"(?i:between)[ ]$", FLAGS)


def _candidates(scan: Scan) -> list[tuple[int, bool]]:
    """Places where money may start: (offset, currency first?), in text order."""
    text = scan.text
    before = currency_before_re()
    pre = []
    for start, _ in scan.digit_runs:
        if start and not text[start - 1].isdigit():
            m = before.search(text, max(0, start - _CURRENCY_REACH), start)
            if m is not None:
                pre.append((m.start(), True))
    post = [(c, False) for c in scan.number_starts]
    return sorted(pre + post)


def find_money(scan: Scan, *, dollar: str | None = None) -> None:
    """Find amounts of money and add them to `scan`."""
    text = scan.text
    dollar_code = dollar or "USD"
    pos = 0
    for candidate, currency_first in _candidates(scan):
        if candidate < pos:
            continue
        pattern = money_pre_re() if currency_first else money_post_re()
        m = pattern.match(text, candidate)
        if m is None:
            continue
        fact = _money_fact(scan, m, dollar_code, assumed=dollar is None)
        if fact is not None:
            scan.add(fact)
            pos = fact.end


def _money_fact(scan: Scan, m: regex.Match[str], dollar: str, *, assumed: bool) -> Money | None:
    text = scan.text
    g = m.groupdict()
    start, end = m.start(), m.end()
    surface = g.get("cpre") or g.get("cpost")
    currency = resolve_currency(surface, dollar)
    low = _amount(g.get("ad"), g.get("asc"))
    if currency is None or low is None:
        return None
    high = _amount(g.get("bd"), g.get("bsc"))
    between = _BETWEEN_BEFORE.search(text, max(0, start - 8), start)
    if high is not None:
        conn = (g.get("conn") or "").lower()
        if conn == "and" and between is None:
            if g.get("cpost"):
                start = m.start("bd")
                low, high = high, None
            else:
                end = m.end("asc") if g.get("asc") else m.end("ad")
                high = None
        elif not g.get("asc") and g.get("bsc"):
            low *= numbers.scale_value(g.get("bsc"))
        if high is not None and not _plausible_range(text, start, low, high):
            end = m.end("asc") if g.get("asc") else m.end("ad")
            if g.get("lpar"):
                end += 1
            high = None
            if g.get("cpost"):
                return None
    negative = bool(g.get("lpar"))
    if start >= 1 and text[start - 1] == "-" and (start == 1 or not text[start - 2].isalnum()):
        start -= 1
        negative = True
    if high is not None and between is not None:
        start = between.start()
    if negative:
        low = -low
    per = per_unit_re().match(text, end)
    per_unit = None
    if per is not None:
        per_unit, end = per.group("per"), per.end()
    if scan.claimed(start, end):
        return None
    qualifier = scan.qualifier(start, end)
    if high is not None:
        low, high = min(low, high), max(low, high)
        qualifier = "range"
    bare = surface is not None and surface.strip().lower() in {"$", "dollars", "dollar"}
    return Money(
        text=text[start:end],
        start=start,
        end=end,
        amount=None if high is not None else low,
        low=low if high is not None or qualifier in {"more_than", "at_least"} else None,
        high=high
        if high is not None
        else (low if qualifier in {"less_than", "at_most", "up_to"} else None),
        currency=currency,
        qualifier=qualifier,
        per_unit=per_unit,
        currency_assumed=bare and assumed and currency == "USD",
    )
