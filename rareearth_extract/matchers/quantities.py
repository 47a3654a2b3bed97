"""Quantities: a number (or a range) with a unit, normalised through pint.

Which unit a surface names comes from ``data/unit_surfaces.tsv``; what a
percent is (a grade or a plain percentage) and whether a mass is really a rate
("annual production of 80,000 ounces") come from the words around it.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import numbers
from ..facts import Quantity
from ..patterns import (
    FLAGS,
    alternation,
    count_re,
    quantity_re,
    single_quantity_re,
)
from ..resources import read_lines
from ..units import UnitInfo, canonical_unit, factor, lookup
from .scan import Scan

_LOWER_BOUND = {"more_than", "at_least"}
_UPPER_BOUND = {"less_than", "at_most", "up_to"}
_WORD_SAFE_MIN_UNIT = 3


@cache
def _basis_re() -> regex.Pattern[str]:
    names = alternation(read_lines("grade_bases.txt"), guard=r"(?![A-Za-z])")
    oxide = r"(?:[A-Z][a-z]?\d{0,2}){0,2}O\d{0,2}(?![A-Za-z0-9])"
    return regex.compile(rf"[ ]?\(?(?P<basis>{oxide}|{names})(?:\d(?![\d.,]))?", FLAGS)


@cache
def _rate_tail_re() -> regex.Pattern[str]:
    return regex.compile(
        r'(?:[ ]?"[^"\n]{1,20}+")?+'
        r"(?:[ ](?i:of)(?:[ ][\w-]{1,25}+){1,3}?)?"
        r"(?:[ ]?/[ ]?(?P<per>yr|year|y|a|annum|d|day)(?![A-Za-z])"
        r"|[ ](?i:(?P<per>per[ ](?:year|annum|day)|a[ ](?:year|day)|annually|yearly|each[ ]year"
        r"|every[ ]year|daily|p\.a\.|pa))(?![A-Za-z]))",
        FLAGS,
    )


@cache
def _mass_per_ton_re() -> regex.Pattern[str]:
    # "grams gold per tonne", "grams of gold per ton", "oz. gold per ton", "grams gold over 7 m"
    return regex.compile(
        r"[ ](?:of[ ])?(?P<basis>(?i:gold|silver|platinum|palladium)|Au|Ag|Pt|Pd)?+"
        r"(?:(?:[ ](?i:per|a)[ ]|[ ]?/[ ]?)(?P<den>(?i:tonne|ton|t))(?![A-Za-z])"
        r"|(?<=[A-Za-z])(?=[ ](?i:over|from|across|in|with|and|,)))",
        FLAGS,
    )


@cache
def _grade_cue_re() -> regex.Pattern[str]:
    return regex.compile(
        r"(?:(?i:grad(?:e|es|ed|ing)|averag(?:e|es|ed|ing)|assay(?:s|ed|ing)?|"
        r"cut-?off(?:[ ]grade)?|intersected|intercepted|head[ ]grade)"
        r"(?:[ ](?i:of|an?|the|average|approximately|about))*+[ ]?|@[ ]?)$",
        FLAGS,
    )


_AT_AFTER_TONNAGE = regex.compile(
    r"^[ ]?(?i:at|@|grading|returned|returning|assaying|averaging)"
    r"(?:[ ](?i:an?|average|of|approximately|about))*+[ ]?$",
    FLAGS,
)
_AND_AFTER_GRADE = regex.compile(r"^(?:,[ ]?|[ ](?i:and)[ ]|,[ ](?i:and)[ ])$", FLAGS)
_CUTOFF_AFTER = regex.compile(r"[ ]?(?i:cut-?off|lower[ ]cut)", FLAGS)
_ANNUAL_BEFORE = regex.compile(
    r"(?i:annual(?:ly|ised|ized)?|yearly|per[ ]annum)(?![A-Za-z])[^\d\n.;]{0,50}$", FLAGS
)
_OVER_AFTER_GRADE = regex.compile(r"(?i:over|across)[ ]$", FLAGS)
_PLACE_AFTER_MT = regex.compile(r"[ ][A-Z][a-z]", FLAGS)


def _value(m: regex.Match[str], p: str) -> float | None:
    digits, words = m.group(f"{p}d"), m.group(f"{p}w")
    value = numbers.parse_digits(digits) if digits else numbers.parse_words(words or "")
    if value is None:
        return None
    scale = numbers.scale_value(m.group(f"{p}sc"))
    value *= scale
    if m.group(f"{p}d2"):
        tail_scale = numbers.scale_value(m.group(f"{p}sc2"))
        tail = numbers.parse_digits(m.group(f"{p}d2"))
        if tail is not None and tail_scale < scale:
            value += tail * tail_scale
    return value


def _value_start(m: regex.Match[str], p: str) -> int:
    return m.start(f"{p}d") if m.group(f"{p}d") else m.start(f"{p}w")


def _word_with_short_unit(m: regex.Match[str], p: str, unit: str) -> bool:
    """Words with one- or two-letter units ("one m", "two t") are too loose to trust."""
    return bool(m.group(f"{p}w")) and len(unit) < _WORD_SAFE_MIN_UNIT and unit.isalpha()


_RANGE_LEAD = regex.compile(r"(?i:between|from)[ ]$", FLAGS)


def find_quantities(scan: Scan) -> None:
    """Find quantities with units and add them to `scan`."""
    text = scan.text
    pattern = quantity_re()
    pos = 0
    for candidate in scan.number_starts:
        if candidate < pos:
            continue
        m = pattern.match(text, candidate)
        if m is None:
            continue
        if m.group("ub") is not None:
            if _add_range(scan, m):
                pos = scan.facts[-1].end
                continue
            m = single_quantity_re().match(text, candidate)
            if m is None:
                continue
        if _add_single(scan, m):
            pos = scan.facts[-1].end


def _add_range(scan: Scan, m: regex.Match[str]) -> bool:
    conn = m.group("conn").lower()
    lead = _RANGE_LEAD.search(scan.text, max(0, m.start() - 8), m.start())
    between = lead.group().strip().lower() if lead else ""
    if conn == "and" and between != "between":
        return False
    if between == "between" and conn not in {"and", "-"}:
        return False
    info_b = lookup(m.group("ub"))
    info_a = lookup(m.group("ua")) if m.group("ua") else info_b
    if info_a is None or info_b is None or info_a.measure != info_b.measure:
        return False
    if info_b.measure == "count":
        return False
    low, high = _value(m, "a"), _value(m, "b")
    if low is None or high is None:
        return False
    if not m.group("asc") and m.group("bsc") and low <= high / numbers.scale_value(m.group("bsc")):
        low *= numbers.scale_value(m.group("bsc"))
    low, high = min(low, high), max(low, high)
    start, end = m.start(), m.end()
    if lead is not None:
        start = lead.start()
    elif m.group("paren") is not None:
        start -= 1
    if scan.claimed(start, end):
        return False
    measure, expression, end, basis = _refine(scan, start, end, info_b)
    fac = factor(expression, measure)
    scan.add(
        Quantity(
            text=scan.text[start:end],
            start=start,
            end=end,
            low=low,
            high=high,
            unit=scan.text[m.start("ub") : end].strip(),
            measure=measure,
            normalized_low=numbers.tidy(low * fac),
            normalized_high=numbers.tidy(high * fac),
            normalized_unit=canonical_unit(measure, m.group("ub")),
            qualifier="range",
            basis=basis,
        )
    )
    return True


def _add_single(scan: Scan, m: regex.Match[str]) -> bool:
    text = scan.text
    unit = m.group("ua")
    info = lookup(unit)
    if info is None or _word_with_short_unit(m, "a", unit):
        return False
    value = _value(m, "a")
    if value is None:
        return False
    start, end = _value_start(m, "a"), m.end()
    digits = m.group("ad") or ""
    if unit in {"Mt", "MT"} and numbers.is_year_like(digits) and _PLACE_AFTER_MT.match(text, end):
        return False
    if scan.claimed(start, end):
        return False
    measure, expression, end, basis = _refine(scan, start, end, info)
    signed = start >= 1 and text[start - 1] in "-+" and (start == 1 or text[start - 2] in " (\n")
    if measure == "percentage" and signed:
        start -= 1
        value = -value if text[start] == "-" else value
    qualifier = scan.qualifier(start, end)
    if qualifier == "more_than" and _over_after_grade(scan, start):
        qualifier = "exact"
    fac = factor(expression, measure)
    normalized = numbers.tidy(value * fac)
    scan.add(
        Quantity(
            text=text[start:end],
            start=start,
            end=end,
            value=value,
            low=value if qualifier in _LOWER_BOUND else None,
            high=value if qualifier in _UPPER_BOUND else None,
            unit=text[m.start("ua") : end].strip(),
            measure=measure,
            normalized_value=normalized,
            normalized_low=normalized if qualifier in _LOWER_BOUND else None,
            normalized_high=normalized if qualifier in _UPPER_BOUND else None,
            normalized_unit=canonical_unit(measure, unit),
            qualifier=qualifier,
            basis=basis,
        )
    )
    return True


def _over_after_grade(scan: Scan, start: int) -> bool:
    """ "41.6 g/t over 0.7 m": here "over" is the interval, not a bound."""
    last = scan.last
    if not isinstance(last, Quantity) or last.measure != "grade":
        return False
    between = scan.text[last.end : start]
    return len(between) < 12 and bool(_OVER_AFTER_GRADE.search(between))


def _refine(scan: Scan, start: int, end: int, info: UnitInfo) -> tuple[str, str, int, str | None]:
    """Settle measure and pint expression from context; extend the span over tails."""
    text = scan.text
    measure, expression, basis = info.measure, info.expression, None
    if measure in {"percentage", "grade"}:
        b = _basis_re().match(text, end)
        if b is not None:
            basis = b.group("basis")
            end = b.end("basis")
            measure = "grade"
        elif measure == "percentage" and _percent_is_grade(scan, start, end):
            measure = "grade"
    elif measure == "mass" and info.expression in {"gram", "troy_ounce"}:
        g = _mass_per_ton_re().match(text, end)
        grams = info.expression == "gram"
        if g is not None and (g.group("den") or (grams and g.group("basis"))):
            basis = g.group("basis")
            end = g.end() if g.group("den") else g.end("basis")
            short = info.expression == "troy_ounce" and (g.group("den") or "").lower() == "ton"
            expression = f"{info.expression} / {'short_ton' if short else 'tonne'}"
            measure = "grade"
    if measure == "mass":
        tail = _rate_tail_re().match(text, end)
        if tail is not None:
            per = tail.group("per").lower()
            day = per in {"d", "day", "a day", "per day", "daily"}
            expression = f"({expression}) / {'production_day' if day else 'year'}"
            measure, end = "mass_rate", tail.end()
        elif _ANNUAL_BEFORE.search(text, max(0, start - 60), start):
            expression, measure = f"({expression}) / year", "mass_rate"
    return measure, expression, end, basis


def _percent_is_grade(scan: Scan, start: int, end: int) -> bool:
    text = scan.text
    if _CUTOFF_AFTER.match(text, end):
        return True
    _, qual_start = scan.qualifier_before(start)
    if _grade_cue_re().search(text, max(0, qual_start - 40), qual_start):
        return True
    last = scan.last
    if isinstance(last, Quantity) and 0 <= qual_start - last.end <= 40:
        between = text[last.end : qual_start]
        if last.measure in {"mass", "length"} and _AT_AFTER_TONNAGE.match(between):
            return True
        if last.measure == "grade" and _AND_AFTER_GRADE.match(between):
            return True
    return False


@cache
def _name_before_re() -> regex.Pattern[str]:
    function_words = alternation(read_lines("capitalised_function_words.txt"))
    return regex.compile(rf"(?<![.!?:\n][ ])(?!{function_words})\p{{Lu}}[\w'-]*+[ ]$", FLAGS)


def find_counts(scan: Scan) -> None:
    """Find counts of mining things ("50 deposits", "four prospective zones").

    A number right after a capitalised word is part of a name ("the Horne 5
    project", "Lac 50 uranium deposit"), not a count.
    """
    text = scan.text
    pattern = count_re()
    pos = 0
    for candidate in scan.number_starts:
        if candidate < pos:
            continue
        m = pattern.match(text, candidate)
        if m is None:
            continue
        digits = m.group("ad") or ""
        if numbers.is_year_like(digits):
            continue
        if digits and _name_before_re().search(text, max(0, m.start() - 30), m.start()):
            continue
        between = (m.group("between") or "").strip().lower()
        if m.group("aw") and between.startswith("of"):
            continue
        value = _value(m, "a")
        if value is None:
            continue
        start, end = _value_start(m, "a"), m.end()
        if scan.claimed(start, end):
            continue
        pos = end
        noun = m.group("noun1") or m.group("noun2")
        qualifier = scan.qualifier(start, end)
        scan.add(
            Quantity(
                text=text[start:end],
                start=start,
                end=end,
                value=value,
                low=value if qualifier in _LOWER_BOUND else None,
                high=value if qualifier in _UPPER_BOUND else None,
                unit=noun,
                measure="count",
                normalized_value=value,
                normalized_low=value if qualifier in _LOWER_BOUND else None,
                normalized_high=value if qualifier in _UPPER_BOUND else None,
                normalized_unit="count",
                qualifier=qualifier,
            )
        )
