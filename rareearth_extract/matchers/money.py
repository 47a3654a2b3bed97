"""Money and exchange rates.

Currencies come from ``data/currency_surfaces.tsv`` (symbols and names) and
from pycountry's ISO 4217 table (codes). A bare ``$`` is settled per document:
a statement such as "All dollar amounts are in Canadian dollars" decides;
absent one, it is the US dollar and the fact says the currency was assumed.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import regex

from .. import numbers
from ..facts import ExchangeRate, Money
from ..patterns import (
    FLAGS,
    all_iso_codes,
    currency_multipliers,
    currency_spans,
    currency_surfaces,
    dollar_rate_anchor_re,
    dollar_rate_re,
    dollar_statement_re,
    exchange_equation_re,
    exchange_pair_re,
    minor_tail_re,
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
    if "ollars" not in text and "OLLARS" not in text:
        return None  # every statement ends in "dollars": a quick test before the pattern
    m = dollar_statement_re().search(text)
    if m is None:
        return None
    names = {name.lower(): code for name, code in read_rows("dollar_statements.tsv")}
    return names.get(m.group("name").lower())


def _amount(digits: str | None, scale: str | None, words: str | None = None) -> float | None:
    if digits:
        value = numbers.parse_digits(digits)
    elif words:
        value = numbers.parse_words(words)
    else:
        return None
    if value is None:
        return None
    return value * numbers.scale_value(scale)


def multiplier(surface: str | None) -> float:
    """What one written unit of a currency surface is in its code's main unit (cents: 0.01)."""
    if not surface:
        return 1.0
    table = currency_multipliers()
    surface = surface.strip()
    return table.get(surface) or table.get(surface.lower()) or 1.0


def _minor(scan: Scan, m: regex.Match[str], at: int) -> tuple[float, int] | None:
    """Cents written after a whole amount ("3 dollars 50 cents", "$20 and 43c"): (value, end)."""
    tail = minor_tail_re().match(scan.text, at)
    if tail is None:
        return None
    if tail.group("minorw"):
        value = numbers.parse_words(tail.group("minorw"))
    else:
        value = numbers.parse_digits(tail.group("minor"))
    if value is None or not 0 < value < 100 or value != int(value):
        return None
    return value / 100, tail.end()


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
    pos = 0
    for eq in _EQUALS.finditer(text):
        window_start = max(pos, eq.start() - _EQUATION_REACH)
        # (compiled at the first "=": most texts have none)
        found = exchange_equation_re().search(text, window_start, eq.end() + _EQUATION_REACH)
        if found is None or found.start() > eq.start():
            continue
        base = resolve_currency(found.group("bpre") or found.group("bpost"), "USD") or ""
        quote = resolve_currency(found.group("qpre") or found.group("qpost"), "USD") or ""
        rate = numbers.parse_digits(found.group("rate1") or found.group("rate2"))
        if _add_rate(scan, found, base, quote, rate, None, found.end()):
            pos = found.end()
    _find_dollar_rates(scan)


#: How far before the words naming the dollar a prose rate's number may start.
_DOLLAR_RATE_REACH = 60


def _find_dollar_rates(scan: Scan) -> None:
    """Rates in prose to the US dollar ("470 tenge per dollar"), found around the few
    places that name the dollar after "per", "to the", "against the"."""
    text = scan.text
    pos = 0
    for anchor in dollar_rate_anchor_re().finditer(text):
        lo = max(pos, anchor.start() - _DOLLAR_RATE_REACH)
        m = dollar_rate_re().search(text, lo, anchor.end())
        while m is not None and m.end() != anchor.end():
            m = dollar_rate_re().search(text, m.start() + 1, anchor.end())
        if m is None:
            continue
        quote = resolve_currency(m.group("qpost"), "USD") or ""
        rate = numbers.parse_digits(m.group("rate"))
        if quote != "USD" and _add_rate(scan, m, "USD", quote, rate, None, m.end()):
            pos = m.end()


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


_BETWEEN_BEFORE = regex.compile(r"(?i:between)[ ]$", FLAGS)


_AFTER_PRE = re.compile(r"[ ]?\(?-?(?=\d)")
#: The most characters from where an amount starts to its currency after it
#: ("900 million to 960 million yuan", "thirteen dollars").
_POST_REACH = 80


def _candidates(scan: Scan) -> list[tuple[int, bool]]:
    """Places where money may start: (offset, currency first?), in text order.

    Currencies are found first (a quick scan); a currency before a number is a
    candidate, and so is a number with a currency written close after it.
    """
    text = scan.text
    found = currency_spans(text)
    pre = [(start, True) for start, end in found if _AFTER_PRE.match(text, end)]
    posts = [start for start, _ in found]
    post = []
    if posts:
        for c in scan.number_starts:
            i = bisect_left(posts, c)
            if i < len(posts) and posts[i] - c <= _POST_REACH:
                post.append((c, False))
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
    low = _amount(g.get("ad"), g.get("asc"), g.get("aw"))
    if currency is None or low is None:
        return None
    if g.get("aw") and not g.get("asc") and g.get("cpre"):
        return None  # "US$ one": words after a sign are not an amount
    if g.get("neg") and (g.get("cpre") or "")[-1:].isalpha():
        return None  # "R-22-06" is a hole, not minus 22 rand
    if g.get("cpre") == "R" and (not g.get("asc") or text[m.end("cpre")] == " "):
        return None  # rand amounts in news are "R5.4 billion"; "R 2", "R1601" are not money
    if (g.get("cpost") or "") in ("c", "¢") and numbers.is_year_like(g.get("ad") or ""):
        return None  # "2005c" is a citation
    scale = 1.0
    if g.get("psc") and not g.get("asc") and not g.get("bsc"):
        scale = numbers.scale_value(g.get("psc"))  # "75 USD million"
    high = _amount(g.get("bd"), g.get("bsc"), g.get("bw"))
    between = _BETWEEN_BEFORE.search(text, max(0, start - 8), start)
    whole = g.get("ad") or ""
    minor = None
    if between is None and not g.get("asc") and scale == 1.0 and "." not in whole:
        if g.get("cpre"):
            at = _amount_end(m, "a")
        elif g.get("cmid"):
            at = m.end("cmid")  # "20 ringgit and 43 sen"
        else:
            at = m.end("cpost") if not g.get("conn") else -1
        if at >= 0:
            minor = _minor(scan, m, at)
            if minor is not None and g.get("cmid"):
                surface = g.get("cmid")
                currency = resolve_currency(surface, dollar) or currency
    if minor is not None and multiplier(surface) == 1.0:
        low += minor[0]
        end = minor[1]
        high = None
    elif high is not None:
        conn = (g.get("conn") or "").lower()
        mid = resolve_currency(g.get("cmid"), dollar) or currency
        if mid != currency:
            end, currency, surface, high = m.end("cmid"), mid, g.get("cmid"), None
        elif conn == "and" and between is None:
            if g.get("cpost"):
                start = _amount_start(m, "b")
                low, high = high, None
            else:
                end = _amount_end(m, "a")
                high = None
        elif not g.get("asc") and g.get("bsc") and low <= high / numbers.scale_value(g.get("bsc")):
            # "5 to 10 million" (not "800,000 to 1.3 million")
            low *= numbers.scale_value(g.get("bsc"))
        if high is not None and not _plausible_range(text, start, low, high):
            end = _amount_end(m, "a")
            if g.get("lpar"):
                end += 1
            high = None
            if g.get("cpost"):
                return None
    unit = multiplier(surface) * scale
    low *= unit
    if high is not None:
        high *= unit
    negative = bool(g.get("lpar")) or bool(g.get("neg"))
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
    elif g.get("per1") and high is not None:
        per_unit = g.get("per1")  # "$350 per kg to $680"
    if g.get("per1") and high is None:
        per = per_unit_re().match(text, _amount_end(m, "a"))
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
        amount=None if high is not None else numbers.tidy(low),
        low=low if high is not None or qualifier in {"more_than", "at_least"} else None,
        high=high
        if high is not None
        else (low if qualifier in {"less_than", "at_most", "up_to"} else None),
        currency=currency,
        qualifier=qualifier,
        per_unit=per_unit,
        currency_assumed=bare and assumed and currency == "USD",
    )


def _amount_start(m: regex.Match[str], p: str) -> int:
    return m.start(f"{p}d") if m.group(f"{p}d") else m.start(f"{p}w")


def _amount_end(m: regex.Match[str], p: str) -> int:
    """Where amount `p` (with its scale and closing parenthesis) ends."""
    if m.group(f"{p}sc"):
        return m.end(f"{p}sc")
    end = m.end(f"{p}d") if m.group(f"{p}d") else m.end(f"{p}w")
    if p == "a" and m.group("lpar") and m.string[end : end + 1] == ")":
        end += 1
    return end
