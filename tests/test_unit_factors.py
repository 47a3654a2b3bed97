"""The precomputed conversion factors (``data/unit_factors.tsv``) agree with pint.

The package reads them instead of building pint's registry at a process's first
extraction; ``scripts/build_unit_factors.py`` writes them. If this fails after
``unit_surfaces.tsv`` or ``units.txt`` changed, run that script.
"""

from __future__ import annotations

import math

import pytest

from rareearth_extract import units
from rareearth_extract.resources import read_rows


def test_every_factor_the_matchers_need_is_in_the_table() -> None:
    table = units._factor_table()
    missing = [key for key in units.factor_keys() if key not in table]
    assert missing == [], f"run scripts/build_unit_factors.py ({len(missing)} missing)"


def test_the_table_agrees_with_pint() -> None:
    ureg = units.registry()
    for expression, measure, value in read_rows("unit_factors.tsv"):
        expected = ureg.Quantity(1.0, expression).to(units.CANONICAL[measure][0]).magnitude
        assert math.isclose(float(value), expected, rel_tol=1e-12), (expression, measure)


@pytest.mark.parametrize(
    ("surface", "measure"),
    [("t/h", "mass_rate"), ("Mt per year", "mass_rate"), ("km/h", "other"),
     ("mW m-2", "other"), ("mg/mL", "other"), ("g per tonne", "grade"), ("km^2", "area")],
)
def test_compound_units_get_their_measure(surface: str, measure: str) -> None:
    info = units.lookup(surface)
    assert info is not None and info.measure == measure


def test_a_compound_of_unknown_parts_is_no_unit() -> None:
    assert units.lookup("t/hole") is None


def test_compound_factors_match_pint() -> None:
    ureg = units.registry()
    for surface in ("t/h", "kt per month", "Mt per year"):
        info = units.lookup(surface)
        assert info is not None
        expected = ureg.Quantity(1.0, info.expression).to("tonne / year").magnitude
        assert math.isclose(units.factor(info.expression, info.measure), expected, rel_tol=1e-12)


def test_every_unit_of_no_measure_has_pint_s_symbol() -> None:
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_unit_factors.py"
    spec = importlib.util.spec_from_file_location("build_unit_factors", script)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    table = units._symbol_table()
    for expression in units.symbol_keys():
        assert table.get(expression) == build.unit_symbol(expression), (
            f"run scripts/build_unit_factors.py ({expression})"
        )


@pytest.mark.parametrize(
    ("text", "normalized_unit"),
    [
        ("The kiln ran at 850 °C.", "°C"),
        ("The kiln ran at 850 degrees Celsius.", "°C"),
        ("The kiln ran at 850 deg C.", "°C"),
        ("The haul trucks drive at 40 km/h.", "km/h"),
        ("The pipeline runs at 35 MPa.", "MPa"),
        # A compound pint has no entry for keeps the unit as written.
        ("Heat flow reached 65 mW m-2 there.", "mW m-2"),
    ],
)
def test_units_of_no_measure_take_one_name_per_unit(text: str, normalized_unit: str) -> None:
    from rareearth_extract import extract_facts

    (q,) = [f for f in extract_facts(text) if f.type == "quantity"]
    assert q.measure == "other" and q.normalized_unit == normalized_unit
