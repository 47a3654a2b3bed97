"""Relations between mention facts: US-dollar figures for money.

A US-dollar figure is never invented. In order of preference it comes from

1. a conversion written next to the amount, in parentheses, in either order
   ("KZT29 billion ($55.9 million)", "$100 million (38 billion tenge)"):
   ``usd_source="stated"``;
2. an exchange rate printed in the same text ("KZT/USD = 0.00188"):
   ``usd_source="document_rate"``;
3. rates the caller passes (``fx_rates={"KZT": 0.0019}``, US dollars per unit):
   ``usd_source="user_rate"``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import attrs
import regex

from .facts import ExchangeRate, Fact, Money
from .numbers import tidy
from .patterns import FLAGS

_OPEN_EQUIVALENT = regex.compile(
    r"^[ ]?\([ ]?(?:(?i:approximately|approx\.?|about|around|roughly|some|nearly|almost|over|"
    r"more[ ]than|up[ ]to|circa|ca\.|c\.|~|≈|or|equivalent[ ]to|equal[ ]to)[ ]?)?$",
    FLAGS,
)
_CLOSE_EQUIVALENT = regex.compile(r"^[ ]?\)", FLAGS)
# "C$45 million, or roughly US$33 million": the same sum again after a comma.
_OR_EQUIVALENT = regex.compile(
    r"^,[ ](?:or|i\.e\.,?|that[ ]is,?)[ ](?:(?i:approximately|approx\.?|about|around|roughly|"
    r"some|nearly|almost|circa|ca\.|c\.|~|≈)[ ])?$",
    FLAGS,
)


def check_fx_rates(fx_rates: Mapping[str, float] | None) -> dict[str, float]:
    """Validate caller rates: ISO codes to US dollars per unit, positive and finite."""
    if fx_rates is None:
        return {}
    if not isinstance(fx_rates, Mapping):
        raise TypeError(
            f"fx_rates must be a mapping of ISO 4217 codes to USD per unit, "
            f"got {type(fx_rates).__name__}"
        )
    rates: dict[str, float] = {}
    for code, rate in fx_rates.items():
        if not isinstance(code, str) or not regex.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"fx_rates key {code!r} is not an ISO 4217 code such as 'KZT'")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)):
            raise TypeError(f"fx_rates[{code!r}] must be a number, got {type(rate).__name__}")
        if not math.isfinite(rate) or rate <= 0:
            raise ValueError(f"fx_rates[{code!r}] must be a positive finite number, got {rate!r}")
        rates[code] = float(rate)
    return rates


def document_rates(facts: list[Fact]) -> dict[str, float]:
    """US dollars per unit of each currency, from the exchange rates a text prints."""
    rates: dict[str, float] = {}
    for f in facts:
        if not isinstance(f, ExchangeRate) or f.rate <= 0:
            continue
        if f.quote == "USD":
            rates.setdefault(f.base, f.rate)
        elif f.base == "USD":
            rates.setdefault(f.quote, 1.0 / f.rate)
    return rates


def _usd(money: Money, per_usd: float) -> float | None:
    return None if money.amount is None else tidy(money.amount * per_usd)


def link_money(
    text: str, facts: list[Fact], *, fx_rates: Mapping[str, float] | None = None
) -> list[Fact]:
    """Fill `usd_amount`/`usd_source` on money facts; other facts pass through unchanged.

    `facts` are sorted by start and carry offsets into `text`.
    """
    money_idx = [i for i, f in enumerate(facts) if isinstance(f, Money)]
    out = list(facts)
    stated: dict[int, float] = {}
    for a_i, b_i in itertools.pairwise(money_idx):
        a, b = out[a_i], out[b_i]
        if not isinstance(a, Money) or not isinstance(b, Money):
            continue
        gap = text[a.end : b.start]
        in_parentheses = _OPEN_EQUIVALENT.match(gap) and _CLOSE_EQUIVALENT.match(
            text[b.end : b.end + 3]
        )
        if not in_parentheses and not _OR_EQUIVALENT.match(gap):
            continue
        if a.currency != "USD" and b.currency == "USD" and b.amount is not None:
            stated[a_i] = b.amount
        elif a.currency == "USD" and b.currency != "USD" and a.amount is not None:
            stated[b_i] = a.amount
    doc_rates = document_rates(facts)
    user_rates = dict(fx_rates or {})
    for i in money_idx:
        m = out[i]
        if not isinstance(m, Money):
            continue
        if m.currency == "USD":
            usd, source = m.amount, "stated" if m.amount is not None else None
        elif i in stated:
            usd, source = stated[i], "stated"
        elif m.currency in doc_rates:
            usd, source = _usd(m, doc_rates[m.currency]), "document_rate"
        elif m.currency in user_rates:
            usd, source = _usd(m, user_rates[m.currency]), "user_rate"
        else:
            continue
        if usd is None:
            continue
        out[i] = attrs.evolve(m, usd_amount=usd, usd_source=source)
    return out
