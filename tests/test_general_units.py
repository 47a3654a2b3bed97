"""Units and numbers beyond mining: science, engineering and everyday text.

Sentences written for these tests. The traps of mining text stay resolved
(tons are metric, kt kilotonnes, oz troy); general units come from the same
reviewed table (``data/unit_surfaces.tsv``), compound units are read from its
rows, and pint's own definitions serve where they are no trap.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import assert_fields, facts_of, only

UNITS = [
    ("The pipe is 7 1/2 in thick.", {"text": "7 1/2 in", "value": 7.5, "measure": "length",
                                     "normalized_value": 0.1905}),
    ("The oven ran at 850 °F overnight.", {"unit": "°F", "measure": "other",
                                           "normalized_value": 850}),
    ("The survey truck drove at 45 km/h.", {"unit": "km/h", "measure": "other"}),
    ("The office covers 1,250 sq ft.", {"measure": "area", "normalized_value": 0.0001161288}),
    ("Each hole used 6 gallons of water.", {"measure": "volume",
                                            "normalized_value": 0.022712470704}),
    ("Heat flow reached 65 mW m-2 at depth.", {"text": "65 mW m-2", "measure": "other"}),
    ("Workers received 1.2 mSv per year.", {"text": "1.2 mSv per year", "measure": "other"}),
    ("Add ½ cup of acid.", {"value": 0.5, "measure": "volume"}),
    ("The camp is two and a half miles away.", {"value": 2.5, "normalized_value": 4023.36}),
    ("The crack is 3.2e-4 m wide.", {"value": 0.00032, "measure": "length"}),
    ("The drill reached 1.5 x 10^3 m.", {"value": 1500, "measure": "length"}),
    ("Temperatures fell to -12 °C overnight.", {"text": "-12 °C", "value": -12}),
    ("The motor is rated 300 hp.", {"measure": "power", "normalized_value": 0.223709961475}),
    ("Pressure in the well reached 35 MPa.", {"unit": "MPa", "measure": "other"}),
    ("The granite is 66 Ma old.", {"measure": "duration", "normalized_value": 66e6}),
    ("The lab used 250 mg of the powder.", {"measure": "mass", "normalized_value": 2.5e-7}),
    ("The belt moves 1,200 t/h of ore.", {"measure": "mass_rate",
                                          "normalized_value": 1200 * 24 * 365.25}),
    ("The lattice spacing is 4.2153(4) Å.", {"value": 4.2153, "measure": "length"}),
    ("The cell held 5 ± 0.2 K for an hour.", {"value": 5, "unit": "K"}),
    ("Grades are quoted at 120 ppm.", {"measure": "grade", "normalized_value": 120}),
]


@pytest.mark.parametrize(("text", "expected"), UNITS, ids=[u[0][:40] for u in UNITS])
def test_general_units(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


def test_a_list_shares_its_unit() -> None:
    first, second = facts_of("They were given 20 and 30 mg doses.", "quantity")
    assert_fields(first, {"text": "20", "unit": "mg", "value": 20, "normalized_value": 2e-8})
    assert_fields(second, {"text": "30 mg", "value": 30})


def test_a_range_with_between_is_one_fact() -> None:
    fact = only("Each dose was between 20 and 30 mg.", "quantity")
    assert_fields(fact, {"low": 20, "high": 30, "qualifier": "range"})


def test_negative_range() -> None:
    fact = only("Winter lows ran from -20 °C to -31 °C.", "quantity")
    assert_fields(fact, {"low": -31, "high": -20})


def test_hyphenated_range_to() -> None:
    fact = only("Cores of 6- to 9-metre length were logged.", "quantity")
    assert_fields(fact, {"low": 6, "high": 9, "measure": "length"})


NOT_QUANTITIES = [
    "Output rose 5 in 2020.",
    "The meeting is at 2 pm.",
    "Prices peaked in the 1990s.",
    "See the annual report on Form 10-K.",
    "The site lies at 43°32'N.",
    "The R 2 value was 0.9.",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_lookalikes_are_not_quantities(text: str) -> None:
    assert facts_of(text, "quantity") == []
    assert facts_of(text, "money") == []


def test_mining_traps_stay_resolved() -> None:
    assert_fields(only("They shipped 12 kt of concentrate.", "quantity"),
                  {"normalized_value": 12000, "measure": "mass"})
    assert_fields(only("The stockpile holds 800 tons.", "quantity"), {"normalized_value": 800})
    assert_fields(only("The mine made 40 tpd.", "quantity"), {"normalized_value": 40 * 365})


MONEY = [
    ("Shares rose 45 cents a share.", {"amount": 0.45, "currency": "USD", "per_unit": "share"}),
    ("It cost 3 dollars 50 cents.", {"amount": 3.5, "currency": "USD"}),
    ("The grant was five million yen.", {"amount": 5e6, "currency": "JPY"}),
    ("They signed a 30 MUSD contract.", {"amount": 3e7, "currency": "USD"}),
    ("The smelter paid R5.4 billion.", {"amount": 5.4e9, "currency": "ZAR"}),
    ("He paid 120 Swiss francs.", {"amount": 120, "currency": "CHF"}),
    ("World output is $2.1T a year.", {"amount": 2.1e12}),
    ("The fee is 35 lakh rupees.", {"amount": 3.5e6, "currency": "INR"}),
    ("A 2,500 Kč deposit is due.", {"amount": 2500, "currency": "CZK"}),
    ("Copper traded between $4 and $5 per lb.", {"low": 4, "high": 5, "per_unit": "lb"}),
]


@pytest.mark.parametrize(("text", "expected"), MONEY, ids=[m[0][:40] for m in MONEY])
def test_money_forms(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "money"), expected)


def test_a_word_before_c_dollar_is_no_currency() -> None:
    # "Zinc $ 2.38": the "c" ending a word does not make Canadian dollars.
    assert_fields(only("Zinc $ 2.38 per lb", "money"), {"currency": "USD"})
