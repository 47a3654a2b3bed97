"""Microsoft Recognizers-Text English spec files (MIT).

``NumberWithUnit/English/CurrencyModel.json``: 180 cases, each an input and
the list of currency results the recogniser must return (text, value, unit,
ISO code). ``DimensionModel.json``: 100 cases of lengths, weights, volumes,
speeds, areas and information sizes.

Rule (the spec's own: a case passes when the whole result list is right):
every expected result with a value is matched one-to-one by one of our facts
overlapping its text, with the same value (±0.1%; cents compare as 0.01 of
the main unit) and the same currency (ISO code; "Dollar" without a code is any
dollar, "Pound" any pound...), or for dimensions the same value in base units
(pint); and we report no other amount of money (of quantity) in the input.
An expected result without a value (a bare currency name, "dollar") is out of
scope: our facts are amounts. The peer figure counts the cases the spec does
not mark ``NotSupported`` for a platform.
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
    locate,
    money_matches,
    overlaps,
    pint_expression,
    quantity_base,
)

#: Recognizers-Text currency units without an ISO code -> acceptable codes.
RT_CURRENCIES = {
    "Dollar": "USD CAD AUD NZD HKD SGD",
    "Pound": "GBP EGP LBP",
    "Franc": "FRF CHF BEF XOF XAF",
    "Rupee": "INR LKR PKR NPR",
    "Cent": "USD EUR CAD AUD NZD HKD",
    "Pence": "GBP",
    "Penny": "GBP USD",
    "Bitcoin": "XBT BTC",
    "Satoshi": "XBT BTC",
    "Sen": "MYR JPY IDR",
    "Finnish markka": "FIM",
    "Peseta": "ESP",
    "Netherlands guilder": "NLG",
}
FRACTIONS = {"Cent": 0.01, "Pence": 0.01, "Penny": 0.01, "Sen": 0.01, "Satoshi": 1e-8}

RT_DIMENSIONS = {
    "Pound": "pound",
    "Ounce": "ounce",
    "Ton": "tonne",
    "Metric ton": "tonne",
    "Barrel": "barrel",
    "Gallon": "gallon",
    "Fluid ounce": "fluid_ounce",
    "Liter": "liter",
    "Milliliter": "milliliter",
    "Kilometer per hour": "kilometer / hour",
    "Mile per hour": "mile / hour",
    "Meter per second": "meter / second",
    "Foot per second": "foot / second",
    "Square foot": "foot ** 2",
    "Square kilometer": "kilometer ** 2",
    "Square meter": "meter ** 2",
    "Square mile": "mile ** 2",
    "Square yard": "yard ** 2",
    "Cubic meter": "meter ** 3",
    "Cubic foot": "foot ** 3",
    "Cubic inch": "inch ** 3",
    "Cubic yard": "yard ** 3",
    "Acre": "acre",
    "Hectare": "hectare",
    "Bit": "bit",
    "Byte": "byte",
    "Kilobyte": "kilobyte",
    "Megabyte": "megabyte",
    "Gigabyte": "gigabyte",
    "Terabyte": "terabyte",
    "Kilobit": "kilobit",
    "Megabit": "megabit",
    "Gigabit": "gigabit",
    "Terabit": "terabit",
    "Petabyte": "petabyte",
    "Light year": "light_year",
}


def _spec(name: str) -> list[dict[str, Any]]:
    path = data_path("recognizers-text", "NumberWithUnit", "English", name)
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _supported(case: dict[str, Any], platform: str) -> bool:
    return platform not in (case.get("NotSupported") or "").replace(" ", "").split(",")


#: CurrencyModel cases judged wrong, by index: reason. Listed, not scored.
JUDGED_WRONG_CURRENCY = {
    99: "the number after \"and\" counts credit points (the sentence says so), it is not "
    "cents",
    103: "the number after \"and\" counts credit points (the sentence says so), it is not "
    "cents",
}


def _peer_text(cases: list[dict[str, Any]]) -> str:
    n = len(cases)
    dotnet = sum(_supported(c, "dotnet") for c in cases)
    python = sum(_supported(c, "python") for c in cases)
    return f"spec-supported: .NET {dotnet}/{n}, Python port {python}/{n}"


def _case_money(case: dict[str, Any], result: Result) -> tuple[bool, str]:
    text = case["Input"]
    facts = extract(text)
    moneys = [f for f in facts if isinstance(f, Money)]
    used: set[int] = set()
    after = 0
    for r in case["Results"]:
        res = r.get("Resolution") or {}
        if res.get("value") in (None, ""):
            result.exclude("currency name without an amount (not a money fact)")
            continue
        unit = res.get("unit", "")
        iso = res.get("isoCurrency")
        codes = {iso} if iso else set(RT_CURRENCIES.get(unit, "").split())
        if not codes:
            known = currency_of(unit)
            codes = set(known[0]) if known else set()
        fraction = FRACTIONS.get(unit, 1.0)
        span = (r["Start"], r["End"] + 1) if "Start" in r else locate(text, r["Text"], after)
        if span is not None:
            after = span[1]
        found = None
        for j, m in enumerate(moneys):
            if j in used or (span is not None and not overlaps(span, (m.start, m.end))):
                continue
            _, ok = money_matches(m, float(res["value"]), codes, fraction)
            if ok:
                found = j
                break
        if found is None:
            return False, f"missed {r['Text']!r} ({res.get('value')} {unit}); got " + str(
                [(m.text, m.amount, m.currency) for m in moneys])
        used.add(found)
    extra = [moneys[j].text for j in range(len(moneys)) if j not in used]
    if extra:
        return False, f"extra {extra}"
    return True, ""


def run_currency(*, peers: bool = True) -> Result:
    """Recognizers-Text English CurrencyModel."""
    result = Result(
        suite="Recognizers-Text CurrencyModel (en)",
        rule="case passes when every amount is found (value ±0.1%, ISO currency) and no extra",
        target=">= 160/180",
    )
    cases = _spec("CurrencyModel.json")
    passed = n = 0
    for i, case in enumerate(cases):
        if i in JUDGED_WRONG_CURRENCY:
            result.judged_wrong.append(fmt_case(i, JUDGED_WRONG_CURRENCY[i]))
            continue
        n += 1
        ok, why = _case_money(case, result)
        passed += ok
        if not ok:
            result.failures.append(fmt_case(i, why))
    result.cases = n
    result.score = passed / n
    result.score_text = f"{passed}/{n} = {result.score:.3f}"
    result.met = passed >= 160
    result.peer = _peer_text(cases)
    return result


def _case_dimension(case: dict[str, Any], result: Result) -> tuple[bool, str]:
    text = case["Input"]
    facts = [f for f in extract(text) if isinstance(f, Quantity) and f.measure != "count"]
    used: set[int] = set()
    for r in case["Results"]:
        res = r.get("Resolution") or {}
        if res.get("value") in (None, ""):
            result.exclude("unit name without a number")
            continue
        unit = res.get("unit", "")
        expr = RT_DIMENSIONS.get(unit) or pint_expression(unit.lower())
        if expr is None:
            return False, f"unit {unit!r} unknown to the adapter"
        want = base(float(res["value"]), expr)
        span = (r["Start"], r["End"] + 1) if "Start" in r else locate(text, r["Text"])
        found = None
        for j, f in enumerate(facts):
            if j in used or (span is not None and not overlaps(span, (f.start, f.end))):
                continue
            got = quantity_base(f)
            if got is not None and got.dims == want.dims and close(got.mid, want.value):
                found = j
                break
        if found is None:
            return False, f"missed {r['Text']!r} ({res.get('value')} {unit}); got " + str(
                [f.text for f in facts])
        used.add(found)
    extra = [facts[j].text for j in range(len(facts)) if j not in used]
    if extra:
        return False, f"extra {extra}"
    return True, ""


def run_dimension(*, peers: bool = True) -> Result:
    """Recognizers-Text English DimensionModel."""
    result = Result(
        suite="Recognizers-Text DimensionModel (en)",
        rule="case passes when every quantity is found (base units, ±0.1%) and no extra",
    )
    cases = _spec("DimensionModel.json")
    passed = 0
    for i, case in enumerate(cases):
        ok, why = _case_dimension(case, result)
        passed += ok
        if not ok:
            result.failures.append(fmt_case(i, why))
    result.cases = len(cases)
    result.score = passed / len(cases)
    result.score_text = f"{passed}/{len(cases)} = {result.score:.3f}"
    result.peer = _peer_text(cases)
    return result
