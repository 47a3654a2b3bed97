"""Quantities: a number (or a range) with a unit, normalised through pint.

Which unit a surface names comes from ``data/unit_surfaces.tsv``; what a
percent is (a grade or a plain percentage) and whether a mass is really a rate
("annual production of 80,000 ounces") come from the words around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

import regex

from .. import numbers
from ..facts import Quantity
from ..patterns import (
    FLAGS,
    _case_variants,
    alternation,
    compound_tail_re,
    count_re,
    plain_trie,
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
#: Stems every grade cue of :func:`_grade_cue_re` holds: a quick test before the pattern.
_GRADE_CUE_STEMS = ("grad", "averag", "assay", "cut", "intersect", "intercept", "@")


def _annual_before(text: str, start: int) -> bool:
    """ "annual production of 80,000 ounces": an annual word shortly before the number."""
    window = text[max(0, start - 60) : start].lower()
    if "annu" not in window and "yearly" not in window:
        return False  # (a quick test before the pattern)
    return _ANNUAL_BEFORE.search(text, max(0, start - 60), start) is not None


_OVER_AFTER_GRADE = regex.compile(r"(?i:over|across)[ ]$", FLAGS)
_PLACE_AFTER_MT = regex.compile(r"[ ][A-Z][a-z]", FLAGS)


def _full_unit(text: str, m: regex.Match[str], group: str) -> tuple[str, int, UnitInfo | None]:
    """The unit in `group` with the rest of a compound after it ("km" + "/h"): (unit, end, info)."""
    unit, end = m.group(group), m.end(group)
    ahead = text[end : end + 12]
    if not (
        "/" in ahead[:2] or ahead[:5].lower() == " per " or "-" in ahead or "^" in ahead
    ):
        return unit, end, lookup(unit)  # nothing a compound could go on with (quick test)
    tail = compound_tail_re().match(text, end)
    if tail is not None:
        info = lookup(unit + tail.group())
        if info is not None:
            return unit + tail.group(), tail.end(), info
    return unit, end, lookup(unit)


def _group(m: regex.Match[str], name: str) -> str | None:
    """A group of `m`, or None when the pattern has no such group."""
    return m.group(name) if name in m.re.groupindex else None


_PARSE_GROUPS = ("d", "w", "f", "fr", "vf", "sc", "d2", "sc2")


def _value(m: regex.Match[str], p: str) -> float | None:
    # One call for all the groups (the fraction groups only where the pattern has them).
    keys, names = _parse_groups(m.re, p)
    found = dict(zip(keys, m.group(*names), strict=True))
    digits, words = found.get("d"), found.get("w")
    fraction, tail, vulgar = found.get("f"), found.get("fr"), found.get("vf")
    if fraction or tail or vulgar:
        value = numbers.parse_fraction(digits, fraction or tail, vulgar)
    elif digits:
        value = numbers.parse_digits(digits)
    else:
        value = numbers.parse_words(words or "")
    if value is None:
        return None
    scale = numbers.scale_value(found.get("sc"))
    value *= scale
    if found.get("d2"):
        tail_scale = numbers.scale_value(found.get("sc2"))
        tail_value = numbers.parse_digits(found["d2"] or "")
        if tail_value is not None and tail_scale < scale:
            value += tail_value * tail_scale
    return value


@lru_cache(maxsize=64)
def _parse_groups(
    pattern: regex.Pattern[str], prefix: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The parts :func:`_value` reads that `pattern` has, and their group names."""
    keys = tuple(g for g in _PARSE_GROUPS if prefix + g in pattern.groupindex)
    return keys, tuple(prefix + g for g in keys)


_VALUE_GROUPS = ("d", "w", "f", "vf", "fr", "sc", "d2", "sc2", "unc")
_START_GROUPS = ("d", "w", "f", "vf")


@lru_cache(maxsize=64)
def _groups_of(pattern: regex.Pattern[str], prefix: str, parts: tuple[str, ...]) -> tuple[str, ...]:
    """The groups of `pattern` among ``prefix + part`` (patterns differ in which they have)."""
    return tuple(prefix + g for g in parts if prefix + g in pattern.groupindex)


def _value_start(m: regex.Match[str], p: str) -> int:
    return min(s for s in map(m.start, _groups_of(m.re, p, _START_GROUPS)) if s >= 0)


def _value_end(m: regex.Match[str], p: str) -> int:
    """Where the number (with its scale and tails) ends, before any filler and unit."""
    return max(map(m.end, _groups_of(m.re, p, _VALUE_GROUPS)))


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
        if candidate < pos or scan.claimed(candidate, candidate + 1):
            continue  # inside a fact already found (money, a date): no quantity starts there
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
    text = scan.text
    conn = m.group("conn").lower()
    lead = _RANGE_LEAD.search(text, max(0, m.start() - 8), m.start())
    between = lead.group().strip().lower() if lead else ""
    unit_b, unit_end, info_b = _full_unit(text, m, "ub")
    info_a = lookup(m.group("ua")) if m.group("ua") else info_b
    if info_a is None or info_b is None or info_a.measure != info_b.measure:
        return False
    if not _placed(text, _value_end(m, "b"), m.start("ub"), unit_end, info_b):
        return False
    if info_b.measure == "count":
        return False
    low, high = _value(m, "a"), _value(m, "b")
    if low is None or high is None:
        return False
    if not m.group("asc") and m.group("bsc") and low <= high / numbers.scale_value(m.group("bsc")):
        low *= numbers.scale_value(m.group("bsc"))
    if conn == "and" and between != "between":
        return _add_list(scan, m, low, high, info_b, unit_b, unit_end)
    if not m.group("ua") and numbers.is_year_like(m.group("ad") or "") and _far(low, high):
        return False  # "from 2008 to 29 mpg": a year, then the value
    if conn == "-" and info_b.measure in _SIGNED_MEASURES and _signed_b(text, m):
        return False  # "Stoxx 50 -1.3%": a signed change, not a range
    if between == "between" and conn not in {"and", "-", "to"}:
        return False
    start, end = m.start(), unit_end
    if info_b.measure in _SIGNED_MEASURES:
        if _signed(text, start) == "-":
            low, start = -low, start - 1
        if m.group("bneg"):
            high = -high
    low, high = min(low, high), max(low, high)
    if m.group("paren") is not None:
        if text[start - 1 : start] != "(":
            return False  # "5-10) m": a closing parenthesis the range did not open
        start -= 1  # "(1.0-1.2) %": the range in parentheses, then its unit
    if lead is not None:
        start = lead.start()
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
            normalized_unit=canonical_unit(measure, unit_b, expression),
            qualifier="range",
            basis=basis,
        )
    )
    return True


#: Measures whose values may be negative ("-18 °C", "-2.5%", "-1e-3 W/min").
_SIGNED_MEASURES = frozenset({"percentage", "other"})
_MAX_LIST_RATIO = 20.0


def _signed(text: str, start: int) -> str:
    """The sign glued before a number at `start` ("-", "+" or "")."""
    if start >= 1 and text[start - 1] in "-+" and (start == 1 or text[start - 2] in " (\n"):
        return text[start - 1]
    return ""


def _far(a: float, b: float) -> bool:
    """Two numbers too far apart to be the ends of one range."""
    lo, hi = sorted((abs(a), abs(b)))
    return lo == 0 or hi / lo > _MAX_LIST_RATIO


def _signed_b(text: str, m: regex.Match[str]) -> bool:
    """ "50 -1.3%": the hyphen has a space before it and none after, like a sign."""
    at = m.start("conn")
    return text[at - 1 : at] == " " and text[at + 1 : at + 2] != " "


_MINUS_BEFORE = regex.compile(r"(?<![A-Za-z])(?i:minus)[ -]$", FLAGS)


def _add_list(
    scan: Scan,
    m: regex.Match[str],
    first: float,
    second: float,
    info: UnitInfo,
    unit: str,
    unit_end: int,
) -> bool:
    """ "45 and 50 mg": two quantities sharing the unit written after the second."""
    digits = m.group("ad") or ""
    if m.group("ua") or numbers.is_year_like(digits) or numbers.is_year_like(m.group("bd") or ""):
        return False
    lo, hi = sorted((abs(first), abs(second)))
    if lo == 0 or hi / lo > _MAX_LIST_RATIO:
        return False
    start, end = _value_start(m, "a"), _value_end(m, "a")
    if scan.claimed(start, end):
        return False
    measure, expression, _, _ = _refine(scan, start, end, info)
    value = numbers.tidy(first * factor(expression, measure))
    scan.add(
        Quantity(
            text=scan.text[start:end],
            start=start,
            end=end,
            value=first,
            unit=unit,
            measure=measure,
            normalized_value=value,
            normalized_unit=canonical_unit(measure, unit, expression),
            qualifier=scan.qualifier(start, end),
        )
    )
    single = single_quantity_re().match(scan.text, _value_start(m, "b"))
    if single is not None:
        _add_single(scan, single)
    return True


_END_AFTER = regex.compile(
    r"[ ]?(?:$|[.,;:!?)\]\n]|(?i:thick|thin|long|wide|deep|high|tall|across|in[ ]diameter"
    r"|diameter|square|cubed|squared)(?![A-Za-z]))",
    FLAGS,
)


def _placed(text: str, value_end: int, unit_start: int, unit_end: int, info: UnitInfo) -> bool:
    """Whether a unit stands where its flags allow ("77 K", not "10-K"; "2 in thick")."""
    flags = info.flags
    if not flags:
        return True
    if "spaced" in flags and text[value_end:unit_start] != " ":
        return False
    if "bounded" in flags and unit_end < len(text) and text[unit_end].isalnum():
        return False
    return "end" not in flags or _END_AFTER.match(text, unit_end) is not None


def _add_single(scan: Scan, m: regex.Match[str]) -> bool:
    text = scan.text
    unit, unit_end, info = _full_unit(text, m, "ua")
    if info is None or _word_with_short_unit(m, "a", unit):
        return False
    if not _placed(text, _value_end(m, "a"), m.start("ua"), unit_end, info):
        return False
    value = _value(m, "a")
    if value is None:
        return False
    start, end = _value_start(m, "a"), unit_end
    digits = m.group("ad") or ""
    if unit in {"Mt", "MT"} and numbers.is_year_like(digits) and _PLACE_AFTER_MT.match(text, end):
        return False
    if scan.claimed(start, end):
        return False
    measure, expression, end, basis = _refine(scan, start, end, info)
    if measure in _SIGNED_MEASURES and _signed(text, start):
        start -= 1
        value = -value if text[start] == "-" else value
    elif (
        measure != "count"
        and "minus" in text[max(0, start - 6) : start].lower()
        and (minus := _MINUS_BEFORE.search(text, max(0, start - 6), start))
    ):
        start, value = minus.start(), -value  # "minus-130 degrees Fahrenheit"
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
            normalized_unit=canonical_unit(measure, unit, expression),
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
        elif _annual_before(text, start):
            expression, measure = f"({expression}) / year", "mass_rate"
    elif measure == "volume":
        tail = _rate_tail_re().match(text, end)
        if tail is not None:  # "800,000 barrels a day": a flow, in no canonical unit
            per = tail.group("per").lower()
            day = per in {"d", "day", "a day", "per day", "daily"}
            expression = f"({expression}) / {'day' if day else 'year'}"
            measure, end = "other", tail.end()
    return measure, expression, end, basis


def _percent_is_grade(scan: Scan, start: int, end: int) -> bool:
    text = scan.text
    if _CUTOFF_AFTER.match(text, end):
        return True
    _, qual_start = scan.qualifier_before(start)
    window = text[max(0, qual_start - 40) : qual_start].lower()
    if any(cue in window for cue in _GRADE_CUE_STEMS) and _grade_cue_re().search(
        text, max(0, qual_start - 40), qual_start
    ):
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


#: The most characters from a count's number to its noun (a number, up to three
#: words of up to 31 letters, the spaces between).
_COUNT_REACH = 160


@cache
def _count_noun_re() -> re.Pattern[str]:
    """Where a count noun may stand (any case), for a quick test before the full pattern."""
    return re.compile(plain_trie(_case_variants(read_lines("count_nouns.txt"))))


def find_counts(scan: Scan) -> None:
    """Find counts of mining things ("50 deposits", "four prospective zones").

    A number right after a capitalised word is part of a name ("the Horne 5
    project", "Lac 50 uranium deposit"), not a count.
    """
    text = scan.text
    nouns = [m.start() for m in _count_noun_re().finditer(text)]
    if not nouns:
        return
    pattern = count_re()
    pos = 0
    for candidate in scan.number_starts:
        if candidate < pos:
            continue
        i = bisect_left(nouns, candidate)
        if i == len(nouns) or nouns[i] - candidate > _COUNT_REACH:
            continue  # no count noun close enough after the number
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
