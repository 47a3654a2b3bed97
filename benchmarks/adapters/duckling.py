"""Duckling's English corpus examples (facebook/duckling, BSD-3-Clause).

Each example is a short text and the value Duckling must resolve: an amount of
money (``AmountOfMoney``), a quantity, a distance, a volume or a temperature,
as a value, an interval (min, max) or an open bound (min or max).

Money, in scope: every ``allExamples`` entry, plus the negative corpus (the
text must give no money). Out of scope: the latent corpus (bare numbers such
as "5", which Duckling itself only reports as latent money).
Rule: the example passes when exactly one of our money facts covers it with
the expected amount (±0.1%), currency (ISO code; Duckling's "Dollar" is any
dollar, "Cent" a hundredth of one, "Unnamed" ("bucks") any currency) and
bound: an interval is our range (low, high), "min"/"max" our lower/upper bound.
Duckling passes all of its own corpus (it is its test suite).

The other dimensions are scored the same way against our quantities, in
base units through pint (Duckling keeps the written unit for distances and
volumes and grams for quantities).
"""

from __future__ import annotations

import json
from typing import Any

from rareearth_extract.facts import Money, Quantity

from .common import Result, base, close, currency_of, data_path, extract, fmt_case, quantity_base

DUCKLING_CURRENCIES = {
    "Dollar": ("USD CAD AUD NZD HKD SGD", 1.0),
    "Cent": ("USD EUR CAD AUD NZD HKD MYR GBP", 0.01),
    "Pound": ("GBP EGP LBP", 1.0),
    "Dinar": ("KWD BHD JOD IQD LYD TND DZD RSD MKD", 1.0),
    "Riyal": ("SAR QAR OMR YER", 1.0),
    "Rial": ("IRR OMR YER", 1.0),
    "Unnamed": ("", 1.0),
}

#: Duckling unit constructors -> pint expressions.
DUCKLING_UNITS = {
    "Gram": "gram",
    "Pound": "pound",
    "Ounce": "ounce",
    "Cup": "cup",
    "Millilitre": "milliliter",
    "Litre": "liter",
    "Gallon": "gallon",
    "Hectolitre": "hectoliter",
    "Kilometre": "kilometer",
    "Metre": "meter",
    "Centimetre": "centimeter",
    "Millimetre": "millimeter",
    "Mile": "mile",
    "Yard": "yard",
    "Foot": "foot",
    "Inch": "inch",
    "Celsius": "degree_Celsius",
    "Fahrenheit": "degree_Fahrenheit",
    "Kelvin": "kelvin",
    "Degree": "",
}

#: Examples judged wrong, by index in the file: reason. Listed, not scored.
JUDGED_WRONG: dict[int, str] = {
    135: "the scale word (lakh) applies to both ends of the range; the expected minimum "
    "drops it",
}


def _examples() -> list[dict[str, Any]]:
    return json.loads(data_path("duckling", "en_corpus_examples.json").read_text(encoding="utf-8"))


def _bounds(exp: dict[str, Any]) -> tuple[str, float | None, float | None]:
    kind = exp["kind"]
    if kind == "interval":
        return kind, exp.get("min"), exp.get("max")
    return kind, exp.get("value"), None


def _money_ok(facts: list[Any], exp: dict[str, Any]) -> bool:
    moneys = [f for f in facts if isinstance(f, Money)]
    if exp is None:
        return not moneys
    if len(moneys) != 1:
        return False
    m = moneys[0]
    unit = exp["unit"]
    if unit in DUCKLING_CURRENCIES:
        codes_text, fraction = DUCKLING_CURRENCIES[unit]
        codes = set(codes_text.split()) or None
    else:
        known = currency_of(unit)
        codes, fraction = (set(known[0]), known[1]) if known else ({unit}, 1.0)
    if codes is not None and m.currency not in codes:
        return False
    kind, a, b = _bounds(exp)
    if kind == "interval":
        return close(m.low, a * fraction) and close(m.high, b * fraction)
    want = a * fraction
    if kind == "min":
        return close(m.low, want) and m.qualifier in ("more_than", "at_least")
    if kind == "max":
        return close(m.high, want) and m.qualifier in ("less_than", "at_most", "up_to")
    return close(m.amount, want)


def _quantity_ok(facts: list[Any], exp: dict[str, Any]) -> bool:
    qs = [f for f in facts if isinstance(f, Quantity) and f.measure != "count"]
    if exp is None:
        return not qs
    if len(qs) != 1:
        return False
    expr = DUCKLING_UNITS.get(exp.get("unit", ""), "")
    if not expr:
        return False
    got = quantity_base(qs[0])
    kind, a, b = _bounds(exp)
    if got is None:
        return False
    if kind == "interval":
        lo, hi = base(a, expr), base(b, expr)
        return got.dims == lo.dims and close(got.low, lo.value) and close(got.high, hi.value)
    want = base(a, expr)
    if got.dims != want.dims:
        return False
    if kind == "min":
        return close(got.low, want.value)
    if kind == "max":
        return close(got.high, want.value)
    return close(got.value, want.value)


def run_money(*, peers: bool = True) -> Result:
    """Duckling's AmountOfMoney corpus."""
    result = Result(
        suite="Duckling AmountOfMoney (en)",
        rule="example passes when one money fact has the amount (±0.1%), currency and bound",
        unit="examples",
        target=">= 0.90",
        peer="Duckling 100% (its own corpus)",
    )
    passed = n = 0
    for i, ex in enumerate(_examples()):
        if ex["dimension"] != "AmountOfMoney":
            continue
        if ex["corpus"] == "latentCorpus":
            result.exclude("latent: a bare number Duckling itself reports only as latent")
            continue
        if i in JUDGED_WRONG:
            result.judged_wrong.append(fmt_case(i, JUDGED_WRONG[i]))
            continue
        n += 1
        facts = extract(ex["text"])
        if _money_ok(facts, ex["expected"]):
            passed += 1
        else:
            result.failures.append(
                fmt_case(i, f"{ex['text']!r} {ex['expected']} -> "
                            f"{[(f.text, getattr(f, 'amount', None)) for f in facts]}"))
    result.cases = n
    result.score = passed / n
    result.score_text = f"{passed}/{n} = {result.score:.3f}"
    result.met = result.score >= 0.90
    return result


def run_quantities(*, peers: bool = True) -> Result:
    """Duckling's Quantity, Distance, Volume and Temperature corpora."""
    result = Result(
        suite="Duckling quantity/distance/volume/temperature (en)",
        rule="example passes when one quantity has the value in base units (±0.1%) and bound",
        unit="examples",
        peer="Duckling 100% (its own corpus)",
    )
    passed = n = 0
    for i, ex in enumerate(_examples()):
        if ex["dimension"] not in ("Quantity", "Distance", "Volume", "Temperature"):
            continue
        if ex["corpus"] == "latentCorpus":
            result.exclude("latent: a bare number")
            continue
        exp = ex["expected"]
        if exp is not None and not DUCKLING_UNITS.get(exp.get("unit", "")):
            result.exclude("unit without a dimension (\"degree\", a product count)")
            continue
        n += 1
        facts = extract(ex["text"])
        if _quantity_ok(facts, exp):
            passed += 1
        else:
            got = [f.text for f in facts]
            result.failures.append(fmt_case(i, f"{ex['text']!r} {exp} -> {got}"))
    result.cases = n
    result.score = passed / n
    result.score_text = f"{passed}/{n} = {result.score:.3f}"
    return result
