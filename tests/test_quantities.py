"""Quantities: every unit family mining text uses, normalised to its canonical unit.

Canonical units (FACTS.md): mass t, grade g/t, area km2, length m, mass_rate t/a,
duration a, percentage %, count count. Conversions follow the annotation guide:
troy ounce 31.1034768 g, lb 0.45359237 kg, short ton 0.90718474 t, 1% grade =
10,000 g/t, ha 0.01 km2, acre 0.004046856 km2, ft 0.3048 m, tpd x 365,
months / 12, days / 365.25. All sentences are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_fields, facts_of, only

P = pytest.param

TROY_OZ_T = 31.1034768e-6  # one troy ounce in tonnes
LB_T = 0.45359237e-3  # one pound in tonnes
SHORT_TON_T = 0.90718474
TROY_OZ_G = 31.1034768


def mass(value: float | None, normalized: float) -> dict[str, Any]:
    """Mass fields; ``value`` None skips it where a letter may be scale or prefix."""
    out = {"measure": "mass", "normalized_value": normalized, "normalized_unit": "t"}
    return out if value is None else {"value": value, **out}


def grade(value: float, normalized: float, **extra: Any) -> dict[str, Any]:
    return {
        "value": value,
        "measure": "grade",
        "normalized_value": normalized,
        "normalized_unit": "g/t",
        **extra,
    }


def rate(value: float, normalized: float) -> dict[str, Any]:
    return {
        "value": value,
        "measure": "mass_rate",
        "normalized_value": normalized,
        "normalized_unit": "t/a",
    }


def area(value: float, normalized: float) -> dict[str, Any]:
    return {
        "value": value,
        "measure": "area",
        "normalized_value": normalized,
        "normalized_unit": "km2",
    }


def length(value: float, normalized: float) -> dict[str, Any]:
    return {
        "value": value,
        "measure": "length",
        "normalized_value": normalized,
        "normalized_unit": "m",
    }


def duration(value: float, normalized: float) -> dict[str, Any]:
    return {
        "value": value,
        "measure": "duration",
        "normalized_value": normalized,
        "normalized_unit": "a",
    }


def percentage(value: float) -> dict[str, Any]:
    return {
        "value": value,
        "measure": "percentage",
        "normalized_value": value,
        "normalized_unit": "%",
    }


def count(value: float) -> dict[str, Any]:
    return {
        "value": value,
        "measure": "count",
        "normalized_value": value,
        "normalized_unit": "count",
    }


# --- mass ----------------------------------------------------------------------------

MASS = [
    P("The pilot plant at Rowan produced 350 t of concentrate.", mass(350, 350), id="t"),
    P("The Ferris pit delivered 1,250 tonnes of ore.", mass(1250, 1250), id="tonnes"),
    P("The warehouse holds 4,800 tons of monazite.", mass(4800, 4800), id="tons-are-metric"),
    P("Brisa Minerals exported 920 metric tons of oxide.", mass(920, 920), id="metric-tons"),
    P("The crew hauled 1,000 short tons of ore.", mass(1000, 1000 * SHORT_TON_T), id="short-tons"),
    P("The port shipped 64 tn of carbonate.", mass(64, 64), id="tn"),
    P(
        "China imported 7,300 mt of mixed carbonate in May.",
        mass(7300, 7300),
        id="mt-is-metric-tonnes",
    ),
    P("The stockpile at Calder totals 45 kt of ore.", mass(45, 45_000), id="kt-is-kilotonne"),
    P("The inferred resource at Dunlin is 18.4 Mt.", mass(18.4, 18.4e6), id="Mt"),
    P("The Aster plant will treat 62 kilotonnes of feed.", mass(62, 62_000), id="kilotonnes"),
    P("The Yarrow reserves stand at 3.5 m tonnes.", mass(None, 3.5e6), id="m-tonnes-spaced"),
    P("The Yarrow reserves stand at 1.7m tonnes.", mass(None, 1.7e6), id="m-tonnes-glued"),
    P("The combine stored 14 thousand tons of coal.", mass(14_000, 14_000), id="thousand-tons"),
    P("The Kessock vein yielded 2,400 oz of gold.", mass(2400, 2400 * TROY_OZ_T), id="oz-troy"),
    P(
        "The Tarn deposit has a resource of 310 koz gold.",
        mass(310, 310e3 * TROY_OZ_T),
        id="koz-troy",
    ),
    P("The Hollin belt hosts 1.9 Moz gold.", mass(1.9, 1.9e6 * TROY_OZ_T), id="Moz-troy"),
    P("The drum store held 4,000 lb of U3O8.", mass(4000, 4000 * LB_T), id="lb"),
    P("The smelter sold 250,000 lbs of copper.", mass(250_000, 250_000 * LB_T), id="lbs"),
    P("The Corrie project hosts 12.5 Mlb U3O8.", mass(12.5, 12.5e6 * LB_T), id="Mlb"),
    P("The Brack resource contains 8.2 M lbs U3O8.", mass(None, 8.2e6 * LB_T), id="M-lbs"),
    P(
        "The Kettle project hosts 3.2 mlb U3O8.",
        mass(None, 3.2e6 * LB_T),
        id="mlb-is-million-pounds-not-millipound",
    ),
    P(
        "The mine will produce 30 million pounds of copper.",
        mass(30e6, 30e6 * LB_T),
        id="million-pounds",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MASS)
def test_mass(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


UNIT_AS_WRITTEN = [
    P("The Aster plant will treat 62 kilotonnes of feed.", "kilotonnes", id="kilotonnes"),
    P("The stockpile at Calder totals 45 kt of ore.", "kt", id="kt"),
    P("Assays at Veyle reached 700 grams per ton.", "grams per ton", id="grams-per-ton"),
    P("The Dalby concentrator is rated at 250 ktpa.", "ktpa", id="ktpa"),
    P("The licence at Marrow covers 38 km².", "km²", id="km-superscript"),
]


@pytest.mark.parametrize(("text", "unit"), UNIT_AS_WRITTEN)
def test_unit_is_kept_as_written(text: str, unit: str) -> None:
    assert only(text, "quantity")["unit"] == unit


# --- grade ------------------------------------------------------------------------

GRADES = [
    P("Trenching at Orrin returned 2.45 g/t Au.", grade(2.45, 2.45, basis="Au"), id="g/t-Au"),
    P("The lode averages 5.6 grams per tonne gold.", grade(5.6, 5.6), id="grams-per-tonne"),
    P("Assays at Veyle reached 700 grams per ton.", grade(700, 700), id="grams-per-ton"),
    P("The reef carries 3.1 grams gold per tonne.", grade(3.1, 3.1), id="grams-gold-per-tonne"),
    P("The oxide cap grades 1.8 g/tonne.", grade(1.8, 1.8), id="g/tonne"),
    P("Clay samples averaged 1,250 ppm TREO.", grade(1250, 1250, basis="TREO"), id="ppm-TREO"),
    P(
        "Scandium reached 420 parts per million in the laterite.",
        grade(420, 420),
        id="parts-per-million",
    ),
    P("The Norrland zone grades 2.3% TREO.", grade(2.3, 23_000, basis="TREO"), id="pct-TREO"),
    P("The carbonatite averages 1.6% REO.", grade(1.6, 16_000, basis="REO"), id="pct-REO"),
    P("The Salten pegmatite grades 1.35% Li2O.", grade(1.35, 13_500, basis="Li2O"), id="pct-Li2O"),
    P("The skarn at Haddo runs 0.42% WO3.", grade(0.42, 4200, basis="WO3"), id="pct-WO3"),
    P("The roll front averages 0.085% U3O8.", grade(0.085, 850, basis="U3O8"), id="pct-U3O8"),
    P("The porphyry hosts ore at 0.74% CuEq.", grade(0.74, 7400, basis="CuEq"), id="pct-CuEq"),
    P("The Tolley lens is grading 0.55% Cu.", grade(0.55, 5500, basis="Cu"), id="pct-Cu"),
    P("The resource is reported at a 0.25% cut-off.", grade(0.25, 2500), id="pct-cut-off"),
    P(
        "Spodumene ore at Carra grades 1.4 per cent Li2O.",
        grade(1.4, 14_000, basis="Li2O"),
        id="per-cent",
    ),
    P("The Moray clays average 0.9 percent REO.", grade(0.9, 9000, basis="REO"), id="percent"),
    P("The Askel lode assays 3.2 p.c. TREO.", grade(3.2, 32_000, basis="TREO"), id="p.c."),
    P(
        "The quartz vein averages 0.35 oz/t gold.",
        grade(0.35, 0.35 * TROY_OZ_G),
        id="oz/t-troy-per-tonne",
    ),
    P(
        "The Nevada claims returned 0.15 opt gold.",
        grade(0.15, 0.15 * TROY_OZ_G / SHORT_TON_T),
        id="opt-per-short-ton",
    ),
    P(
        "The old stope averaged 0.42 oz/ton gold.",
        grade(0.42, 0.42 * TROY_OZ_G / SHORT_TON_T),
        id="oz/ton-per-short-ton",
    ),
    P(
        "The hole cut 0.031 oz. gold per ton near surface.",
        grade(0.031, 0.031 * TROY_OZ_G / SHORT_TON_T),
        id="oz.-gold-per-ton",
    ),
    P("The tungsten ore averages 1.6 kg/t.", grade(1.6, 1600), id="kg/t"),
    P("The sandstone hosts uranium at 0.12% U308.", grade(0.12, 1200), id="U308-typed-for-U3O8"),
]


@pytest.mark.parametrize(("text", "expected"), GRADES)
def test_grade(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


def test_tonnage_at_grade_gives_two_quantities() -> None:
    text = "The Brenna deposit holds 48 Mt at 1.9% TREO."
    tonnage, grade_ = facts_of(text, "quantity")
    assert_fields(tonnage, {"text": "48 Mt", **mass(48, 48e6)})
    assert_fields(grade_, grade(1.9, 19_000, basis="TREO"))


def test_grade_basis_li2o_kept_beside_number() -> None:
    assert_fields(
        only("Drilling intersected 1.20% Li2O at Fenby.", "quantity"),
        {"basis": "Li2O", "measure": "grade", "normalized_value": 12_000},
    )


# --- mass rates ---------------------------------------------------------------------

RATES = [
    P("Velmar is building a 12,000 tpa separation plant.", rate(12_000, 12_000), id="tpa"),
    P("The Dalby concentrator is rated at 250 ktpa.", rate(250, 250e3), id="ktpa"),
    P("The Ross circuit will reach 60 Ktpa of output.", rate(60, 60e3), id="Ktpa"),
    P("The refinery targets 18 ktpy of hydroxide.", rate(18, 18e3), id="ktpy"),
    P("The Quill mine is expanding to 2.5 Mtpa.", rate(2.5, 2.5e6), id="Mtpa"),
    P("The oxide plant produces 4,000 t/yr of concentrate.", rate(4000, 4000), id="t/yr"),
    P(
        "The line will make 7,500 tonnes per annum of oxide.",
        rate(7500, 7500),
        id="tonnes-per-annum",
    ),
    P("The Kelso pit moves 90,000 tons per year.", rate(90_000, 90_000), id="tons-per-year"),
    P(
        "The Arden combine processes 1.8 million tons of ore annually.",
        rate(1.8e6, 1.8e6),
        id="annually",
    ),
    P(
        "The plant has an annual production capacity of 45,000 tonnes.",
        rate(45_000, 45_000),
        id="annual-production-capacity",
    ),
    P(
        "The Ebbw mine targets annual production of 120,000 ounces of gold.",
        rate(120_000, 120_000 * TROY_OZ_T),
        id="annual-production-ounces",
    ),
    P("The Fallow plant runs a 3,000 tpd mill.", rate(3000, 3000 * 365), id="tpd"),
    P("The heap leach handles 1,500 tonnes per day.", rate(1500, 1500 * 365), id="tonnes-per-day"),
]


@pytest.mark.parametrize(("text", "expected"), RATES)
def test_mass_rate(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


# --- area ------------------------------------------------------------------------

AREAS = [
    P("The Ferran licence covers 145 km2.", area(145, 145), id="km2"),
    P("The licence at Marrow covers 38 km².", area(38, 38), id="km-superscript-2"),
    P("The tenement spans 2,300 sq km of steppe.", area(2300, 2300), id="sq-km"),
    P("The permit covers 86 sq. km near Tobol.", area(86, 86), id="sq.-km"),
    P("The block spans 412 square kilometres.", area(412, 412), id="square-kilometres"),
    P("The claim spans 57 square kilometers.", area(57, 57), id="square-kilometers"),
    P("The Lusk mining lease covers 640 ha.", area(640, 6.4), id="ha"),
    P("The Parrin concession covers 1,250 hectares.", area(1250, 12.5), id="hectares"),
    P("The property spans 3,000 acres in Idaho.", area(3000, 3000 * 0.004046856), id="acres"),
    P("The land package covers 18 sq mi.", area(18, 18 * 2.589988110336), id="sq-mi"),
]


@pytest.mark.parametrize(("text", "expected"), AREAS)
def test_area(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


# --- length -----------------------------------------------------------------------

LENGTHS = [
    P("The shaft at Keld reached a depth of 180 m.", length(180, 180), id="m"),
    P("Hole KD-07 was drilled to 240 metres.", length(240, 240), id="metres"),
    P("The vein is 75 meters wide at surface.", length(75, 75), id="meters"),
    P("The Grale trend has a strike length of 4.2 km.", length(4.2, 4200), id="km"),
    P("The adit sits at a depth of 600 ft below the ridge.", length(600, 600 * 0.3048), id="ft"),
    P("The hole cut a 52 ft. interval of sulphides.", length(52, 52 * 0.3048), id="ft."),
    P("The decline extends 1,200 feet underground.", length(1200, 1200 * 0.3048), id="feet"),
    P(
        "The Haskel camp lies 35 miles north of the rail line.",
        length(35, 35 * 1609.344),
        id="miles",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LENGTHS)
def test_length(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


def test_drill_intercept_gives_width_grade_and_depth() -> None:
    text = "Hole TR-19 returned 14m @ 2.7g/t Au from 62m."
    width, grade_, depth = facts_of(text, "quantity")
    assert_fields(width, {"text": "14m", **length(14, 14)})
    assert_fields(grade_, grade(2.7, 2.7, basis="Au"))
    assert_fields(depth, {"text": "62m", **length(62, 62)})


INTERCEPTS = [
    P(
        "Hole TR-19 returned 14m @ 2.7g/t Au from 62m.",
        [("length", 14), ("grade", 2.7), ("length", 62)],
        id="at-sign-glued",
    ),
    P(
        "Hole BX-04 cut 9 metres at 4.4 g/t gold from 118 metres.",
        [("length", 9), ("grade", 4.4), ("length", 118)],
        id="at-word-metres",
    ),
    P(
        "Hole PK-22 returned 208 m @ 0.31% Cu, 0.13 g/t Au from 12 m.",
        [("length", 208), ("grade", 3100), ("grade", 0.13), ("length", 12)],
        id="two-grades-one-interval",
    ),
    P(
        "Hole LN-3 cut 40 m @ 1.2 g/t Au, including 3 m @ 9.6 g/t Au.",
        [("length", 40), ("grade", 1.2), ("length", 3), ("grade", 9.6)],
        id="including",
    ),
    P(
        "Hole 87-14 cut 36 ft. grading 0.025 oz. gold per ton.",
        [("length", 36 * 0.3048), ("grade", 0.025 * TROY_OZ_G / SHORT_TON_T)],
        id="us-feet-oz-per-ton",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INTERCEPTS)
def test_drill_intercept_quantities(text: str, expected: list[tuple[str, float]]) -> None:
    found = [(q["measure"], q["normalized_value"]) for q in facts_of(text, "quantity")]
    assert [m for m, _ in found] == [m for m, _ in expected], found
    for (_, got), (_, want) in zip(found, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-6), found


def test_over_in_an_intercept_is_not_more_than() -> None:
    text = "The Lorne hole returned 18.3 g/t Au over 1.2 m."
    width = [q for q in facts_of(text, "quantity") if q["measure"] == "length"]
    assert len(width) == 1
    assert_fields(width[0], {"qualifier": "exact", **length(1.2, 1.2)})


# --- duration ------------------------------------------------------------------------

DURATIONS = [
    P("The Ravel mine has a mine life of 14 years.", duration(14, 14), id="years"),
    P("The study outlines an eight-year mine life.", duration(8, 8), id="worded-year-adjective"),
    P("The plan supports a 12-year operating life.", duration(12, 12), id="digit-year-adjective"),
    P("Construction will take 18 months at Cobb.", duration(18, 1.5), id="months"),
    P("The pilot campaign lasted 120 days.", duration(120, 120 / 365.25), id="days"),
]


@pytest.mark.parametrize(("text", "expected"), DURATIONS)
def test_duration(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


# --- percentages that are not grades -----------------------------------------------

PERCENTAGES = [
    P("Output at Selby rose 14% year on year.", percentage(14), id="change"),
    P("Halvard Mining holds a 51% stake in the venture.", percentage(51), id="share"),
    P("Quarterly net profit: -37% on the prior period.", percentage(-37), id="negative-change"),
    P("The circuit achieved a metallurgical recovery of 88%.", percentage(88), id="recovery"),
]


@pytest.mark.parametrize(("text", "expected"), PERCENTAGES)
def test_percentage_that_is_not_a_grade(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


# --- counts ---------------------------------------------------------------------------

COUNTS = [
    P("The Torva region hosts 63 deposits.", count(63), id="deposits"),
    P("Mapping outlined four prospective zones at Linnet.", count(4), id="four-zones"),
    P("The campaign comprised fifteen RC drill holes.", count(15), id="fifteen-rc-drill-holes"),
    P("Pellam Resources began a 28-hole program at Brisk.", count(28), id="hyphenated-hole"),
    P("The cadastre lists 7,400 registered deposits.", count(7400), id="registered-deposits"),
    P("Only 18 of the selected projects won funding.", count(18), id="of-the-selected"),
    P("The state auctioned 12 licences last year.", count(12), id="licences"),
    P("The company holds 6 tenements in the Pilbara.", count(6), id="tenements"),
    P("The lab assayed 240 samples from the trench.", count(240), id="samples"),
    P("The field contains 35 wells.", count(35), id="wells"),
    P("The group operates 9 mines in the province.", count(9), id="mines"),
    P("Crews staked 48 claims along the creek.", count(48), id="claims"),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_count(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


def test_count_unit_holds_the_noun() -> None:
    assert "deposits" in only("The Torva region hosts 63 deposits.", "quantity")["unit"]


# --- traps: these are not quantities ----------------------------------------------------

NOT_QUANTITIES = [
    P("Crews returned to Mt Corran after the thaw.", id="Mt-as-mount"),
    P("Trucks left Mt Kessel for the port at dawn.", id="Mt-as-mount-2"),
    P("Halden Minerals raised $6.3m from investors.", id="dollar-m-is-money"),
    P("The answer in the appendix was 117.", id="bare-number"),
    P("Drilling at the site began in 2016.", id="year"),
    P("The company marked its 20th anniversary.", id="ordinal"),
    P("Viewing results 1 - 8 of 3", id="page-counter"),
    P("Call the Almaty office on +7 717 264 0831 for details.", id="phone-number"),
    P("Demand for magnets grew 30-fold in a decade.", id="fold-ratio"),
    P("Nd and Pr were detected in every sample set.", id="element-symbols"),
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    assert facts_of(text, "quantity") == []


def test_dollar_m_is_money_not_metres() -> None:
    assert_fields(
        only("Halden Minerals raised $6.3m from investors.", "money"),
        {"amount": 6.3e6, "currency": "USD"},
    )
