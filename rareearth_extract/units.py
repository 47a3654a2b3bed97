"""The package's one pint registry and the surface-to-unit table.

Surface text never goes to pint's parser: ``kt`` would be a knot, ``tons`` the
short ton and ``oz`` the avoirdupois ounce. ``data/unit_surfaces.tsv`` is the
reviewed table from what is written to a pint expression and a measure; pint
only converts, and each conversion factor is computed once and cached.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

import attrs
import regex

from .resources import read_rows, read_text

if TYPE_CHECKING:  # pragma: no cover
    import pint

#: measure -> (pint expression of the canonical unit, its name in facts)
CANONICAL: dict[str, tuple[str, str]] = {
    "mass": ("tonne", "t"),
    "grade": ("gram / tonne", "g/t"),
    "area": ("kilometer ** 2", "km2"),
    "length": ("meter", "m"),
    "mass_rate": ("tonne / year", "t/a"),
    "duration": ("year", "a"),
    "volume": ("meter ** 3", "m3"),
    "power": ("megawatt", "MW"),
    "energy": ("megawatt_hour", "MWh"),
    "percentage": ("percent", "%"),
}


@attrs.frozen(slots=True)
class UnitInfo:
    """What one surface form of a unit means."""

    surface: str
    expression: str
    measure: str
    case_sensitive: bool
    flags: frozenset[str] = frozenset()
    """Where the surface may stand (see ``unit_surfaces.tsv``): spaced, bounded, end, den."""


@cache
def registry() -> pint.UnitRegistry:
    """The package's private pint registry, built on first use."""
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(cache_folder=None)
    for line in read_text("units.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ureg.define(line)
    return ureg


@cache
def surfaces() -> dict[str, UnitInfo]:
    """Surface -> unit, keyed exactly for case-sensitive rows and lower-cased otherwise."""
    table: dict[str, UnitInfo] = {}
    for surface, expression, measure, case, *rest in read_rows("unit_surfaces.tsv"):
        flags = frozenset(f for f in (rest[0].split(",") if rest else ()) if f)
        info = UnitInfo(surface, expression, measure, case == "cs", flags)
        table[surface if info.case_sensitive else surface.lower()] = info
    return table


def lookup(surface: str) -> UnitInfo | None:
    """The unit a surface form names (a table row or a compound of rows), or None."""
    if not surface:
        return None
    table = surfaces()
    info = table.get(surface) or table.get(surface.lower())
    if info is not None:
        return info
    return compound(surface)


# A compound unit: table units joined by "/", "per" or (before a negative power) a
# space, each with an optional power: "km/h", "W/m2", "mW m-2", "J/m^2 per year".
_COMPOUND_PART = regex.compile(
    r"(?P<sep>[ ]?/[ ]?|[ ](?i:per)[ ]|[ ](?=\S+?-[123]$)|[ ](?=\S+?-[123][ /]))?"
    r"(?P<atom>.+?)(?P<power>\^?-?[123]|\^\(?-?[123]\)?)?(?=$|[ ]?/|[ ](?i:per)[ ]|[ ]\S)",
    regex.VERSION1,
)

#: The dimension of each measure (mass, length, time exponents); "other" and "count"
#: have none that a compound could be read by.
_DIMENSION_OF_MEASURE: dict[str, tuple[int, int, int]] = {
    "mass": (1, 0, 0),
    "length": (0, 1, 0),
    "area": (0, 2, 0),
    "volume": (0, 3, 0),
    "duration": (0, 0, 1),
    "mass_rate": (1, 0, -1),
    "power": (1, 2, -3),
    "energy": (1, 2, -2),
    "grade": (0, 0, 0),
    "percentage": (0, 0, 0),
}
#: Dimension -> measure of a compound unit; anything else is "other".
_MEASURE_OF_DIMENSION = {
    dims: measure
    for measure, dims in _DIMENSION_OF_MEASURE.items()
    if measure not in ("grade", "percentage")
}


def compound_expression(terms: list[tuple[str, int]]) -> str:
    """The pint expression of a compound unit from its parts' expressions and powers."""
    return " * ".join(f"({expression}) ** {power}" for expression, power in terms)


@lru_cache(maxsize=4096)
def compound(surface: str) -> UnitInfo | None:
    """A unit written as a compound of table units ("km/h", "mW m-2"), or None.

    Each part must be a row of the table; its power ("2", "^2", "-1") applies
    to it. The measure follows from the dimension (tonnes per hour are a mass
    rate, kilometres per hour are "other"); a day in the denominator of a mass
    rate is a production day (x365 a year), as for "tpd".
    """
    table = surfaces()
    parts: list[tuple[int, UnitInfo, int]] = []
    pos = 0
    for m in _COMPOUND_PART.finditer(surface):
        if m.start() != pos or not m.group("atom"):
            return None
        pos = m.end()
        atom = m.group("atom")
        info = table.get(atom) or table.get(atom.lower())
        if info is None:
            return None
        power = int((m.group("power") or "1").strip("^()"))
        sep = m.group("sep")
        sign = -1 if sep is not None and sep.strip().lower() in ("/", "per") else 1
        if parts and sep is None:
            return None
        if not parts and sep is not None:
            return None
        if "den" in info.flags and sign > 0:
            return None
        parts.append((sign * power, info, m.start("atom")))
    if pos != len(surface) or (len(parts) < 2 and not (parts and parts[0][0] != 1)):
        return None
    mass_numerator = parts[0][1].measure == "mass"
    terms = []
    for power, info, _ in parts:
        expression = info.expression
        if mass_numerator and power < 0 and expression == "day":
            expression = "production_day"
        terms.append((expression, power))
    # The measure follows from the parts' dimensions (no pint needed): tonnes per
    # hour are a mass rate; a part with no measure of its own makes the whole "other".
    measure = "other"
    if all(i.measure in _DIMENSION_OF_MEASURE for _, i, _ in parts):
        mass, length, time = (
            sum(_DIMENSION_OF_MEASURE[i.measure][k] * power for power, i, _ in parts)
            for k in range(3)
        )
        dims = (mass, length, time)
        if dims == (0, 0, 0):
            if all(i.measure == "mass" for _, i, _ in parts):
                measure = "grade"
        else:
            measure = _MEASURE_OF_DIMENSION.get(dims, "other")
    flags = parts[0][1].flags - {"den"}
    return UnitInfo(surface, compound_expression(terms), measure, True, flags)


@lru_cache(maxsize=1024)
def factor(expression: str, measure: str) -> float:
    """How many canonical units of `measure` one `expression` makes (cached).

    The factors of every unit the table (and the mass rates and grades made from
    it) can give were computed by pint ahead of time (``data/unit_factors.tsv``,
    written by ``scripts/build_unit_factors.py``; a test checks them against
    pint): importing pint and building its registry would take most of a second
    of a process's first extraction. Anything else is converted by pint.
    """
    canonical = CANONICAL.get(measure)
    if canonical is None:
        return 1.0
    known = _factor_table().get((expression, measure))
    if known is not None:
        return known
    ureg = registry()
    return float(ureg.Quantity(1.0, expression).to(canonical[0]).magnitude)


@cache
def _factor_table() -> dict[tuple[str, str], float]:
    return {(expr, measure): float(f) for expr, measure, f in read_rows("unit_factors.tsv")}


def factor_keys() -> list[tuple[str, str]]:
    """Every (expression, measure) the matchers may ask :func:`factor` for, from the table.

    The rows themselves (percentages also as grades); each mass unit per year and
    per production day (mass
    rates, as the quantity matcher writes them and as compounds such as "t/h" or
    "Mt per year" are written); grams and troy ounces per tonne and per short ton.
    """
    keys: dict[tuple[str, str], None] = {}
    rows = list(surfaces().values())
    durations = sorted({i.expression for i in rows if i.measure == "duration"})
    for info in rows:
        if info.measure in CANONICAL:
            keys[(info.expression, info.measure)] = None
        if info.measure == "percentage":
            keys[(info.expression, "grade")] = None  # "2.1% TREO" is a grade
        if info.measure == "mass":
            for per in ("year", "production_day"):
                keys[(f"({info.expression}) / {per}", "mass_rate")] = None
            for duration in durations:
                per = "production_day" if duration == "day" else duration
                keys[(compound_expression([(info.expression, 1), (per, -1)]), "mass_rate")] = None
    for mass in ("gram", "troy_ounce"):
        for per in ("tonne", "short_ton"):
            keys[(f"{mass} / {per}", "grade")] = None
    return list(keys)


def canonical_unit(measure: str, fallback: str = "", expression: str | None = None) -> str:
    """The name of a measure's canonical unit as facts carry it.

    A unit of no measure of ours ("other": temperatures, pressures, speeds...) is
    not converted; its name is pint's symbol for it, so that every spelling of
    one unit gives one name ("degrees Celsius", "deg C" and "°C" all "°C"). The
    symbols were computed ahead of time (``data/unit_symbols.tsv``); a compound
    not in that table keeps `fallback`, the unit as written.
    """
    if measure == "count":
        return "count"
    canonical = CANONICAL.get(measure)
    if canonical is not None:
        return canonical[1]
    if measure == "other" and expression is not None:
        return _symbol_table().get(expression, fallback)
    return fallback


@cache
def _symbol_table() -> dict[str, str]:
    return {expression: symbol for expression, symbol in read_rows("unit_symbols.tsv")}


def symbol_keys() -> list[str]:
    """The pint expressions of the table's units of no measure of ours, in table order."""
    return list(dict.fromkeys(r[1] for r in read_rows("unit_surfaces.tsv") if r[2] == "other"))


def to_pint(value: float, measure: str) -> pint.Quantity | None:
    """A normalised value as a pint Quantity in its measure's canonical unit."""
    canonical = CANONICAL.get(measure)
    if canonical is None:
        return None
    return registry().Quantity(value, canonical[0])
