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
    for surface, expression, measure, case in read_rows("unit_surfaces.tsv"):
        info = UnitInfo(surface, expression, measure, case == "cs")
        table[surface if info.case_sensitive else surface.lower()] = info
    return table


def lookup(surface: str) -> UnitInfo | None:
    """The unit a surface form names, or None."""
    table = surfaces()
    return table.get(surface) or table.get(surface.lower()) if surface else None


@lru_cache(maxsize=1024)
def factor(expression: str, measure: str) -> float:
    """How many canonical units of `measure` one `expression` makes (cached)."""
    canonical = CANONICAL.get(measure)
    if canonical is None:
        return 1.0
    ureg = registry()
    return float(ureg.Quantity(1.0, expression).to(canonical[0]).magnitude)


def canonical_unit(measure: str, fallback: str = "") -> str:
    """The name of a measure's canonical unit as facts carry it."""
    if measure == "count":
        return "count"
    canonical = CANONICAL.get(measure)
    return canonical[1] if canonical else fallback


def to_pint(value: float, measure: str) -> pint.Quantity | None:
    """A normalised value as a pint Quantity in its measure's canonical unit."""
    canonical = CANONICAL.get(measure)
    if canonical is None:
        return None
    return registry().Quantity(value, canonical[0])
