"""What every suite adapter shares.

* where the reference data lives (``../shared/external`` beside the repository,
  or the folder named by ``RAREEARTH_EXTERNAL``) and a clear skip when it is absent;
* one :class:`~rareearth_extract.Extractor` for all suites;
* values in base units through pint, so "3 1/2 in" and 0.0889 m compare equal;
* currency names of the suites mapped onto ISO 4217 codes;
* the result record a suite hands to ``benchmarks/accuracy.py``.

The suites' files are only read here, never copied into the project.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rareearth_extract import Extractor
from rareearth_extract.facts import Fact, Money, Quantity
from rareearth_extract.normalize import normalize
from rareearth_extract.units import CANONICAL, lookup, registry

REPO = Path(__file__).resolve().parents[2]
REL_TOL = 1e-3


class SuiteMissing(Exception):
    """The reference data of a suite is not on this machine."""


def external_dir() -> Path:
    """The folder that holds the other projects' suites."""
    env = os.environ.get("RAREEARTH_EXTERNAL")
    return Path(env) if env else REPO.parent / "shared" / "external"


def data_path(*parts: str) -> Path:
    """A file or folder of the reference data; :class:`SuiteMissing` when it is absent."""
    path = external_dir().joinpath(*parts)
    if not path.exists():
        raise SuiteMissing(f"{path} not found (set RAREEARTH_EXTERNAL to the suites' folder)")
    return path


@dataclass
class Result:
    """One row of the accuracy table, and the detail behind it."""

    suite: str
    rule: str
    cases: int = 0
    """How many cases (or expected items) are in scope."""
    unit: str = "cases"
    score: float = 0.0
    score_text: str = ""
    peer: str = ""
    target: str = ""
    met: bool | None = None
    out_of_scope: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    judged_wrong: list[str] = field(default_factory=list)
    skipped: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def exclude(self, reason: str, n: int = 1) -> None:
        """Count `n` items left out of scope for `reason`."""
        self.out_of_scope[reason] = self.out_of_scope.get(reason, 0) + n


# ---------------------------------------------------------------------------
# Running the library


@cache
def extractor() -> Extractor:
    """The one extractor every adapter uses."""
    return Extractor()


def extract(text: str) -> list[Fact]:
    """Our facts for `text`."""
    return extractor()(text)


# ---------------------------------------------------------------------------
# Values in base units


def close(a: float | None, b: float | None, rel: float = REL_TOL) -> bool:
    """Numbers equal within `rel` (and both present)."""
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


@dataclass(frozen=True)
class Base:
    """A value (or range) in pint's base units, with its dimensionality."""

    value: float | None
    low: float | None
    high: float | None
    dims: str

    @property
    def mid(self) -> float | None:
        """The value, or the middle of a range (how quantulum3 reports ranges)."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    def values(self) -> list[float]:
        """Every number it states: the value, the mid-point and both ends of a range."""
        return [v for v in (self.value, self.mid, self.low, self.high) if v is not None]


def _to_base(magnitude: float | None, unit: str) -> tuple[float | None, str]:
    ureg = registry()
    if magnitude is None:
        q = ureg.Quantity(1.0, unit).to_base_units()
        return None, str(q.dimensionality)
    q = ureg.Quantity(magnitude, unit).to_base_units()
    return float(q.magnitude), str(q.dimensionality)


def base(
    value: float | None, unit: str, low: float | None = None, high: float | None = None
) -> Base:
    """`value` (and range ends) in `unit` (a pint expression) in base units."""
    v, dims = _to_base(value, unit)
    lo, _ = _to_base(low, unit) if low is not None else (None, dims)
    hi, _ = _to_base(high, unit) if high is not None else (None, dims)
    return Base(v, lo, hi, dims)


def quantity_base(q: Quantity) -> Base | None:
    """Our quantity in base units (None when its unit is not a pint unit)."""
    if q.measure == "count":
        return Base(q.value, q.low, q.high, "dimensionless")
    canonical = CANONICAL.get(q.measure)
    if canonical is not None:
        return base(q.normalized_value, canonical[0], q.normalized_low, q.normalized_high)
    unit = normalize(q.unit).text
    info = lookup(unit)
    if info is None:
        # A flow written with a time tail ("barrels a day"): the unit before it, per day/year.
        tail = _TIME_TAIL.search(unit)
        head = lookup(unit[: tail.start()]) if tail else None
        if tail is None or head is None:
            return None
        per = "day" if tail.group("day") or tail.group("day2") else "year"
        return base(q.value, f"({head.expression}) / {per}", q.low, q.high)
    try:
        return base(q.value, info.expression, q.low, q.high)
    except Exception:  # an expression pint cannot convert
        return None


_TIME_TAIL = re.compile(
    r"(?:[ ]?/[ ]?|[ ](?:per|an?|each|every)[ ])(?:(?P<day>d|day)|yr|year|a|annum)$"
    r"|[ ](?:(?P<day2>daily)|annually|yearly|p\.a\.|pa)$"
)

_UNIT_WORDS = [
    (re.compile(r"\bsquare (\w+)"), r"\1 ** 2"),
    (re.compile(r"\bcubic (\w+)"), r"\1 ** 3"),
    (re.compile(r"\binverse (\w+)"), r"1 / \1"),
    (re.compile(r"\bper\b"), "/"),
    (re.compile(r"metre"), "meter"),
    (re.compile(r"litre"), "liter"),
    (re.compile(r"\bdegree (celsius|fahrenheit)", re.I), lambda m: f"degree_{m.group(1).title()}"),
    (re.compile(r"pound-mass"), "pound"),
    (re.compile(r"\bwatt hour\b"), "watt_hour"),
]


def pint_expression(name: str, aliases: dict[str, str] | None = None) -> str | None:
    """A suite's unit name ("kilometre per hour") as a pint expression, or None."""
    if aliases and name in aliases:
        return aliases[name]
    expr = name.strip()
    for pattern, repl in _UNIT_WORDS:
        expr = pattern.sub(repl, expr)  # type: ignore[arg-type]
    expr = re.sub(r"(?<=[A-Za-z]) (?=[A-Za-z])", "_", expr)
    try:
        registry().Quantity(1.0, expr)
    except Exception:
        return None
    return expr


def is_dimensionless(expr: str) -> bool:
    """True for units without a physical dimension (dozen, percent)."""
    return bool(registry().Quantity(1.0, expr).dimensionless)


# ---------------------------------------------------------------------------
# Money

#: Currency names the suites use (lower case) -> ISO 4217 codes that count as right,
#: and the fraction of the code's main unit one of them is (cents: 0.01).
CURRENCY_NAMES: dict[str, tuple[frozenset[str], float]] = {}


def _currencies(names: str, codes: str, fraction: float = 1.0) -> None:
    for name in names.split("|"):
        CURRENCY_NAMES[name] = (frozenset(codes.split()), fraction)


_currencies("dollar|$|usd|united states dollar|us dollar", "USD")
_currencies("euro|eur", "EUR")
_currencies("pound|pound sterling|british pound|gbp|£", "GBP")
_currencies("japanese yen|yen|jpy", "JPY")
_currencies("chinese yuan|yuan|cny|renminbi", "CNY")
_currencies("canadian dollar|cad", "CAD")
_currencies("australian dollar|aud", "AUD")
_currencies("hong kong dollar|hkd", "HKD")
_currencies("new zealand dollar|nzd", "NZD")
_currencies("swiss franc|chf", "CHF")
_currencies("turkish lira|try", "TRY")
_currencies("mexican peso|mxn", "MXN")
_currencies("rupee|inr|indian rupee", "INR LKR PKR NPR")
_currencies("sri lankan rupee|lkr", "LKR")
_currencies("costa rican colón|crc", "CRC")
_currencies("georgian lari|gel", "GEL")
_currencies("lao kip|lak", "LAK")
_currencies("malaysian ringgit|myr", "MYR")
_currencies("shekel|ils", "ILS")
_currencies("danish krone|dkk", "DKK")
_currencies("bitcoin|btc", "XBT BTC")
_currencies("satoshi", "XBT BTC", 1e-8)
_currencies("cent", "USD EUR CAD AUD NZD HKD", 0.01)
_currencies("penny|pence", "GBP USD", 0.01)
_currencies("dime", "USD", 0.1)
_currencies("sen", "MYR JPY IDR", 0.01)
_currencies("kopiyka|kopiykas", "UAH", 0.01)
# Currencies withdrawn from ISO 4217 (the euro replaced them): the historic codes.
_currencies("finnish markka", "FIM")
_currencies("peseta", "ESP")
_currencies("netherlands guilder|netherlands guilde|dutch guilder", "NLG")
_currencies("mark|deutsche mark", "DEM")
_currencies("franc", "FRF CHF BEF XOF XAF")


def currency_of(name: str) -> tuple[frozenset[str], float] | None:
    """(acceptable ISO codes, fraction of the main unit) for a suite's currency name."""
    key = name.strip().lower()
    if key in CURRENCY_NAMES:
        return CURRENCY_NAMES[key]
    if re.fullmatch(r"[A-Z]{3}", name.strip()) and name.strip() in _iso_codes():
        return frozenset({name.strip()}), 1.0
    return None


@cache
def _iso_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def money_matches(
    m: Money, amount: float | None, codes: Iterable[str] | None, fraction: float = 1.0
) -> tuple[bool, bool]:
    """(value right, value and currency right) for one of our money facts."""
    values = [v for v in (m.amount, m.low, m.high) if v is not None]
    if m.low is not None and m.high is not None:
        values.append((m.low + m.high) / 2)
    if amount is None:
        return False, False
    want = amount * fraction
    value_ok = any(close(v, want) or close(v, amount) for v in values)
    currency_ok = codes is None or m.currency in set(codes)
    exact_ok = any(close(v, want) for v in values) and currency_ok
    return value_ok, exact_ok


# ---------------------------------------------------------------------------
# Spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two ``[start, end)`` spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class SpanTally:
    """Span-overlap counts over many texts (MeasEval's criterion, one to one).

    A predicted measurement is a hit when its span overlaps a gold span not yet
    matched; one that overlaps only an out-of-scope span (a quantity without a
    unit) counts neither way; any other is an extra.
    """

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    def add(
        self,
        result: Result,
        name: str,
        text: str,
        gold: list[tuple[int, int]],
        out_of_scope: list[tuple[int, int]],
    ) -> None:
        """Score our quantities and money in `text` against `gold`; failures go to `result`."""
        preds = [
            (f.start, f.end, f.text)
            for f in extract(text)
            if isinstance(f, Money) or (isinstance(f, Quantity) and f.measure != "count")
        ]
        used: set[int] = set()
        neutral = 0
        for s, e, t in preds:
            hit = next(
                (k for k, g in enumerate(gold) if k not in used and overlaps(g, (s, e))), None
            )
            if hit is not None:
                used.add(hit)
                self.tp += 1
            elif any(overlaps(u, (s, e)) for u in out_of_scope):
                neutral += 1
            else:
                result.failures.append(fmt_case(0, f"{name}: extra {t!r}"))
        for k, (s, e) in enumerate(gold):
            if k not in used:
                result.failures.append(fmt_case(0, f"{name}: missed {text[s:e]!r}"))
        self.n_gold += len(gold)
        self.n_pred += len(preds) - neutral

    def finish(self, result: Result) -> float:
        """Put the F1 (and P/R) on `result`; returns the F1."""
        p, r, f = f1(self.tp, self.n_gold, self.n_pred)
        result.cases = self.n_gold
        result.score = f
        result.score_text = f"P/R/F1 {p:.3f}/{r:.3f}/{f:.3f}"
        return f


def locate(text: str, surface: str, after: int = 0) -> tuple[int, int] | None:
    """The span of `surface` in `text` at or after `after` (case-insensitive), or None."""
    i = text.find(surface, after)
    if i < 0:
        i = text.lower().find(surface.lower(), after)
    if i < 0 and after:
        return locate(text, surface, 0)
    return (i, i + len(surface)) if i >= 0 else None


def f1(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fmt_case(i: int, detail: Any = "") -> str:
    """A failure line: the case index (never the sentence) and a short note."""
    return f"#{i}: {detail}" if detail else f"#{i}"


def unique(seq: Sequence[Any]) -> list[Any]:
    """`seq` without repeats, in order."""
    seen: set[Any] = set()
    out = []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
