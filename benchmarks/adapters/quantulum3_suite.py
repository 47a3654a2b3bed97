"""quantulum3's own test table, ``quantities.json`` (nielstron/quantulum3, MIT).

Each case is a sentence and the quantities quantulum3 must find in it, as
value, unit name and surface. In scope: every expected quantity whose unit has
a physical dimension, is a percentage or is a currency (money is its own fact
type here). Out of scope: bare numbers ("dimensionless": our contract reports
no bare numbers) and counting words that pint treats as dimensionless
("a dozen", "a gross").

Rule: an expected quantity is *right* when one of our facts overlapping its
surface has the same value in base units (pint), within 0.1%: 2.5 inch =
0.0635 m. quantulum3 reports a range as its mid-point, so a range of ours is
compared by its mid-point too; money compares amount and ISO currency.
The peer figure is quantulum3 itself (0.10, without its optional classifier)
run here over the same cases with the same rule.
"""

from __future__ import annotations

import json
from typing import Any

from rareearth_extract.facts import Money, Quantity

from .common import (
    Result,
    base,
    close,
    currency_of,
    data_path,
    extract,
    fmt_case,
    is_dimensionless,
    locate,
    money_matches,
    overlaps,
    pint_expression,
    quantity_base,
)

NAME = "quantulum3 quantities.json"

#: quantulum3 unit names pint does not parse as written.
ALIASES = {
    "ton per day": "tonne / day",  # quantulum3's "ton" (URI "Ton") is not its "short ton"
    "count per week": "1 / week",
    "cubic centimetre": "centimeter ** 3",
    "gigayear": "gigayear",
    "megayear": "megayear",
    "kilometre per square second": "kilometer / second ** 2",
    "joule per square metre per year": "joule / meter ** 2 / year",
    "inverse femtobarn": "1 / femtobarn",
    "inverse second": "1 / second",
    "candela second": "candela * second",
    "joule second": "joule * second",
    "watt per minute": "watt / minute",
    "tablespoon": "tablespoon",
    "cup": "cup",
    "pound-mass": "pound",
    "degree fahrenheit": "degree_Fahrenheit",
    "degree Celsius": "degree_Celsius",
}

COUNTING_WORDS = {"dozen", "baker's dozen", "gross"}

_CLOCK = (
    '"{unit}" after a number is a clock time in English prose; the suite reads it as '
    "{reading} here but as a time in case #{case}: no reader can tell them apart"
)
#: Expected quantities judged wrong, by (case index, index of the expected quantity):
#: reason. Listed, not scored.
JUDGED_WRONG: dict[tuple[int, int], str] = {
    (74, 0): _CLOCK.format(unit="pm", reading="picometres", case=73),
    (75, 0): _CLOCK.format(unit="pm", reading="picometres", case=73),
    (76, 0): _CLOCK.format(unit="am", reading="attometres", case=77),
    (24, 0): "a price before and after a rise (\"rose from ... to ...\") is two amounts, "
    "not a range: its mid-point is a price nobody paid",
}


def _expectations(cases: list[dict[str, Any]], result: Result) -> list[dict[str, Any]]:
    items = []
    for i, case in enumerate(cases):
        after = 0
        for k, r in enumerate(case["res"]):
            unit = r["unit"]
            span = locate(case["req"], r["surface"], after)
            if span is not None:
                after = span[1]
            item = {"case": i, "value": float(r["value"]), "unit": unit, "span": span,
                    "surface": r["surface"]}
            if unit == "dimensionless":
                result.exclude("bare number (not a quantity in our contract)")
                continue
            if (i, k) in JUDGED_WRONG:
                result.judged_wrong.append(fmt_case(i, JUDGED_WRONG[(i, k)]))
                continue
            per = unit.split(" per ", 1)
            money = currency_of(per[0])
            if money is not None:
                item["money"] = money
                item["per"] = per[1] if len(per) > 1 else None
                items.append(item)
                continue
            expr = "percent" if unit == "percentage" else pint_expression(unit, ALIASES)
            if unit in COUNTING_WORDS:
                result.exclude("counting word without a dimension (dozen, gross)")
                continue
            if expr is None:
                item["expr"] = None
            elif is_dimensionless(expr) and expr != "percent":
                result.exclude("counting word without a dimension (dozen, gross)")
                continue
            else:
                item["expr"] = expr
            items.append(item)
    return items


def _right_ours(item: dict[str, Any], facts: list[Any]) -> bool:
    for f in facts:
        if item["span"] is not None and not overlaps(item["span"], (f.start, f.end)):
            continue
        if "money" in item:
            if isinstance(f, Money):
                codes, fraction = item["money"]
                _, ok = money_matches(f, item["value"], codes, fraction)
                if ok and (item["per"] is None or f.per_unit):
                    return True
            continue
        if not isinstance(f, Quantity) or item["expr"] is None:
            continue
        got = quantity_base(f)
        want = base(item["value"], item["expr"])
        if got is not None and got.dims == want.dims and close(got.mid, want.value):
            return True
    return False


def _right_peer(item: dict[str, Any], quantities: list[Any]) -> bool:
    for q in quantities:
        if item["span"] is not None and not overlaps(item["span"], tuple(q.span)):
            continue
        name = q.unit.name
        if "money" in item:
            money = currency_of(name.split(" per ", 1)[0])
            if (
                money is not None
                and item["money"][0] & money[0]
                and close(q.value * money[1], item["value"] * item["money"][1])
            ):
                return True
            continue
        expr = "percent" if name == "percentage" else pint_expression(name, ALIASES)
        if expr is None or item["expr"] is None:
            continue
        try:
            got = base(q.value, expr)
        except Exception:
            continue
        want = base(item["value"], item["expr"])
        if got.dims == want.dims and close(got.value, want.value):
            return True
    return False


def run(*, peers: bool = True) -> Result:
    """Score the library (and quantulum3, when installed) on quantities.json."""
    result = Result(
        suite=NAME,
        rule="quantities with a unit: value right in base units (pint), ±0.1%",
        unit="quantities",
        target=">= 0.95",
    )
    path = data_path("quantulum3", "quantities.json")
    cases = json.loads(path.read_text(encoding="utf-8"))
    items = _expectations(cases, result)
    facts = {i: extract(c["req"]) for i, c in enumerate(cases)}
    right = 0
    for item in items:
        if _right_ours(item, facts[item["case"]]):
            right += 1
        else:
            got = [f.text for f in facts[item["case"]]]
            result.failures.append(fmt_case(item["case"], f"{item['surface']!r} -> {got}"))
    result.cases = len(items)
    result.score = right / len(items)
    result.score_text = f"{right}/{len(items)} = {result.score:.3f}"
    result.met = result.score >= 0.95
    if peers:
        result.peer = _peer(cases, items)
    return result


def _peer(cases: list[dict[str, Any]], items: list[dict[str, Any]]) -> str:
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return "quantulum3 not installed (pip install -e '.[bench]')"
    parsed = {}
    for i, c in enumerate(cases):
        try:
            parsed[i] = parser.parse(c["req"])
        except Exception:
            parsed[i] = []
    right = sum(_right_peer(item, parsed[item["case"]]) for item in items)
    return f"quantulum3 {right}/{len(items)} = {right / len(items):.3f} (run here, same rule)"
