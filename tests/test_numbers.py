"""How numbers are read: separators, decimal commas, scales, words, qualifiers, ranges.

Every sentence here is invented for these tests (made-up deposits and figures).
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_fields, facts_of, only

from rareearth_extract.numbers import parse_digits, parse_words, scale_value

P = pytest.param


# --- digits ------------------------------------------------------------------

THOUSANDS = [
    P("The Korvel mine shipped 1,677 tonnes of concentrate.", 1677, id="comma-thousands"),
    P("Stockpiles at Brannoch reached 45,000,000 tonnes.", 45_000_000, id="comma-millions"),
    P("Output at the Selwyn pit came to 3 418.5 tonnes.", 3418.5, id="space-thousands-decimal"),
    P("The Orlan plant treated 2 650 000 tonnes of ore.", 2_650_000, id="space-millions"),
    P("The leach pads hold 2722 tonnes of ore.", 2722, id="no-separator"),
    P("The Tavash sands contain 12,00,000 tonnes of ilmenite.", 1_200_000, id="indian-lakh"),
    P("The district reported 3,45,00,000 tonnes of sand.", 34_500_000, id="indian-crore"),
]


@pytest.mark.parametrize(("text", "value"), THOUSANDS)
def test_thousands_separators(text: str, value: float) -> None:
    assert_fields(only(text, "quantity"), {"value": value, "normalized_value": value})


DECIMAL_COMMA = [
    P(
        "Stocks at Zhelty fell to 6,3 thousand tons in spring.",
        "quantity",
        6300,
        id="thousand-tons",
    ),
    P(
        "The reserve of the Aksor field is 12,75 million tons.",
        "quantity",
        12_750_000,
        id="million-tons-two-digits",
    ),
    P("The core averaged 4,25 g/t gold.", "quantity", 4.25, id="grade"),
    P("The state share of the venture rose to 31,7%.", "quantity", 31.7, id="percent"),
]


@pytest.mark.parametrize(("text", "type_", "value"), DECIMAL_COMMA)
def test_decimal_comma(text: str, type_: str, value: float) -> None:
    assert_fields(only(text, type_), {"value": value})


PARSE_DIGITS = [
    P("1,677", 1677.0, id="comma"),
    P("2 014.4", 2014.4, id="space"),
    P("2722", 2722.0, id="plain"),
    P("10,00,000", 1_000_000.0, id="indian"),
    P("7,7", 7.7, id="decimal-comma-one"),
    P("28,45", 28.45, id="decimal-comma-two"),
    P("12,500", 12500.0, id="three-digits-after-comma-is-thousands"),
]


@pytest.mark.parametrize(("text", "value"), PARSE_DIGITS)
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == pytest.approx(value)


# --- scales --------------------------------------------------------------------

SCALE_VALUES = [
    P("k", 1e3, id="k"),
    P("m", 1e6, id="m"),
    P("mn", 1e6, id="mn"),
    P("mln", 1e6, id="mln"),
    P("mm", 1e6, id="mm"),
    P("M", 1e6, id="M"),
    P("bn", 1e9, id="bn"),
    P("Bn", 1e9, id="Bn"),
    P("B", 1e9, id="B"),
    P("thousand", 1e3, id="thousand"),
    P("million", 1e6, id="million"),
    P("billion", 1e9, id="billion"),
    P("trillion", 1e12, id="trillion"),
    P(None, 1.0, id="none"),
]


@pytest.mark.parametrize(("word", "factor"), SCALE_VALUES)
def test_scale_value(word: str | None, factor: float) -> None:
    assert scale_value(word) == factor


SCALED_MONEY = [
    P("The Elmsby stake was sold for $450k.", 450e3, id="k"),
    P("Drilling at Quarry Ridge cost $7.2m this year.", 7.2e6, id="m"),
    P("The offtake is worth $12mn to the miner.", 12e6, id="mn"),
    P("The ministry earmarked $95 mln for surveys.", 95e6, id="mln"),
    P("The refinery upgrade will cost $415 mm.", 415e6, id="mm"),
    P("Corvane Resources raised $2.4M in a placement.", 2.4e6, id="M"),
    P("The smelter deal is valued at $1.3bn.", 1.3e9, id="bn"),
    P("Capital costs rose to $3Bn at the Lintor project.", 3e9, id="Bn"),
    P("The group has a market value of $2B.", 2e9, id="B"),
    P("The fund holds $640 thousand in cash.", 640e3, id="thousand"),
    P("The budget for the Harrow project is $85 million.", 85e6, id="million"),
    P("Exports earned $4.7 billion last year.", 4.7e9, id="billion"),
    P("The sector's assets passed 2 trillion tenge.", 2e12, id="trillion"),
]


@pytest.mark.parametrize(("text", "amount"), SCALED_MONEY)
def test_scale_suffixes_and_words_on_money(text: str, amount: float) -> None:
    assert_fields(only(text, "money"), {"amount": amount})


SCALED_QUANTITIES = [
    P("The tailings dam holds 4 thousand tonnes of slimes.", 4e3, id="thousand"),
    P("The Orsk body contains 8.6 million tonnes of ore.", 8.6e6, id="million"),
    P("The basin holds 1.2 billion tonnes of coal.", 1.2e9, id="billion"),
    P("Exports reached 2.1 mln tonnes of ore.", 2.1e6, id="mln-word"),
]


@pytest.mark.parametrize(("text", "value"), SCALED_QUANTITIES)
def test_scale_words_on_quantities(text: str, value: float) -> None:
    assert_fields(only(text, "quantity"), {"value": value, "normalized_value": value})


# A letter glued before the unit reads either as a scale ("85k" = 85,000) or as part
# of the unit ("k tonnes"); both give the same normalised value, which is what counts.
SUFFIXED_QUANTITIES = [
    P("The mill processed 85k tonnes in May.", 85e3, id="k"),
    P("The Yarrow reserves stand at 1.7m tonnes.", 1.7e6, id="m"),
    P("The Osk mine hoisted 2.4mn tonnes last year.", 2.4e6, id="mn"),
]


@pytest.mark.parametrize(("text", "normalized"), SUFFIXED_QUANTITIES)
def test_scale_suffixes_on_quantities(text: str, normalized: float) -> None:
    assert_fields(only(text, "quantity"), {"normalized_value": normalized, "measure": "mass"})


MIXED_SCALES = [
    P(
        "The Tenlik deposit holds 2 million 415 thousand tons of ore.",
        2_415_000,
        id="million-thousand-tons",
    ),
    P(
        "Reserves were raised to 4 million 600 thousand tonnes.",
        4_600_000,
        id="million-round-thousand-tonnes",
    ),
]


@pytest.mark.parametrize(("text", "value"), MIXED_SCALES)
def test_mixed_worded_scales(text: str, value: float) -> None:
    assert_fields(only(text, "quantity"), {"value": value, "normalized_value": value})


# --- numbers in words --------------------------------------------------------

PARSE_WORDS = [
    P("seven", 7.0, id="unit"),
    P("Nine", 9.0, id="capitalised"),
    P("thirteen", 13.0, id="teen"),
    P("thirty-six", 36.0, id="hyphenated-tens"),
    P("three hundred", 300.0, id="hundred"),
    P("banana", None, id="not-a-number"),
]


@pytest.mark.parametrize(("text", "value"), PARSE_WORDS)
def test_parse_words(text: str, value: float | None) -> None:
    assert parse_words(text) == value


SPELLED_OUT = [
    P("Geologists outlined three prospective zones at Kelby.", 3, "count", id="three-zones"),
    P(
        "The smelter will treat one million tons of concentrate.",
        1e6,
        "mass",
        id="one-million-tons",
    ),
    P(
        "The crew completed thirty-six drill holes in the season.",
        36,
        "count",
        id="thirty-six-drill-holes",
    ),
    P("The company holds seven licences in the region.", 7, "count", id="seven-licences"),
    P("The barge carried two hundred tonnes of ore.", 200, "mass", id="two-hundred-tonnes"),
]


@pytest.mark.parametrize(("text", "value", "measure"), SPELLED_OUT)
def test_spelled_out_numbers(text: str, value: float, measure: str) -> None:
    assert_fields(only(text, "quantity"), {"value": value, "measure": measure})


# --- qualifiers ----------------------------------------------------------------

QUALIFIERS = [
    P(
        "The Varden deposit holds approximately 340 tonnes of ore.",
        "approximately",
        id="approximately",
    ),
    P("The dump contains about 340 tonnes of scrap.", "approximately", id="about"),
    P("Crews moved around 340 tonnes of waste.", "approximately", id="around"),
    P("The Halsey vein produced nearly 340 tonnes.", "approximately", id="nearly"),
    P("Shipments reached almost 340 tonnes.", "approximately", id="almost"),
    P("Some 340 tonnes of oxide sat at the port.", "approximately", id="some"),
    P("The pit yielded roughly 340 tonnes.", "approximately", id="roughly"),
    P("The trial produced ~340 tonnes of concentrate.", "approximately", id="tilde"),
    P("The plant produced circa 340 tonnes.", "approximately", id="circa"),
    P("The Oskar project holds more than 340 tonnes.", "more_than", id="more-than"),
    P("Exports were over 340 tonnes in June.", "more_than", id="over"),
    P("Output exceeding 340 tonnes is planned.", "more_than", id="exceeding"),
    P("Recovery at the Pell circuit stayed above 85%.", "more_than", id="above"),
    P("The sampled zone holds >340 tonnes.", "more_than", id="greater-sign"),
    P("The buyer takes at least 340 tonnes a shipment.", "at_least", id="at-least"),
    P("Each lot weighs ≥340 tonnes.", "at_least", id="geq-sign"),
    P("The quota is no less than 340 tonnes.", "at_least", id="no-less-than"),
    P("The contract sets a minimum of 340 tonnes.", "at_least", id="a-minimum-of"),
    P("The seam extends 120 metres or more.", "at_least", id="or-more-after"),
    P("The new cell treats up to 340 tonnes.", "up_to", id="up-to"),
    P("The stockpile could reach as much as 340 tonnes.", "up_to", id="as-much-as"),
    P("The Rilke heap held less than 340 tonnes.", "less_than", id="less-than"),
    P("Sales were under 340 tonnes last year.", "less_than", id="under"),
    P("The pilot line ran below 340 tonnes.", "less_than", id="below"),
    P("Each sample was <340 tonnes.", "less_than", id="less-sign"),
    P("The permit allows at most 340 tonnes.", "at_most", id="at-most"),
    P("The truck carries ≤340 tonnes.", "at_most", id="leq-sign"),
    P("The licence covers no more than 340 tonnes.", "at_most", id="no-more-than"),
    P("The Gresham mill treated 340 tonnes.", "exact", id="none-is-exact"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIERS)
def test_qualifier(text: str, qualifier: str) -> None:
    assert_fields(only(text, "quantity"), {"qualifier": qualifier})


BOUND_ENDS = [
    P(
        "The Oskar project holds more than 340 tonnes.",
        {"low": 340, "normalized_value": 340},
        id="more-than-sets-low",
    ),
    P(
        "The buyer takes at least 340 tonnes a shipment.",
        {"low": 340, "normalized_value": 340},
        id="at-least-sets-low",
    ),
    P(
        "The seam extends 120 metres or more.",
        {"low": 120, "normalized_value": 120},
        id="or-more-sets-low",
    ),
    P(
        "The new cell treats up to 340 tonnes.",
        {"high": 340, "normalized_value": 340},
        id="up-to-sets-high",
    ),
    P(
        "The Rilke heap held less than 340 tonnes.",
        {"high": 340, "normalized_value": 340},
        id="less-than-sets-high",
    ),
    P(
        "The permit allows at most 340 tonnes.",
        {"high": 340, "normalized_value": 340},
        id="at-most-sets-high",
    ),
    P(
        "The pit is up to 2.5 km long.",
        {"high": 2.5, "normalized_high": 2500, "normalized_value": 2500},
        id="up-to-km-normalised",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BOUND_ENDS)
def test_bound_ends(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


QUALIFIER_OUTSIDE_SPAN = [
    P("The dump contains about 340 tonnes of scrap.", "340 tonnes", id="about"),
    P("The Oskar project holds more than 340 tonnes.", "340 tonnes", id="more-than"),
    P("The new cell treats up to 340 tonnes.", "340 tonnes", id="up-to"),
    P("The trial produced ~340 tonnes of concentrate.", "340 tonnes", id="tilde"),
]


@pytest.mark.parametrize(("text", "span"), QUALIFIER_OUTSIDE_SPAN)
def test_qualifier_word_is_outside_the_span(text: str, span: str) -> None:
    assert only(text, "quantity")["text"] == span


# --- ranges ----------------------------------------------------------------------

RANGES = [
    P(
        "The exploration target at Fenwick is 7-12 Mt of ore.",
        {"low": 7, "high": 12, "normalized_low": 7e6, "normalized_high": 12e6, "measure": "mass"},
        id="hyphen-Mt",
    ),
    P(
        "Channel samples returned 0.8\u20131.1% TREO.",
        {
            "low": 0.8,
            "high": 1.1,
            "normalized_low": 8000,
            "normalized_high": 11000,
            "measure": "grade",
        },
        id="en-dash-percent-grade",
    ),
    P(
        "Assays ran between 0.6 and 1.35 g/t gold.",
        {
            "low": 0.6,
            "high": 1.35,
            "normalized_low": 0.6,
            "normalized_high": 1.35,
            "measure": "grade",
        },
        id="between-and",
    ),
    P(
        "The basin could hold 20 to 35 million tonnes of coal.",
        {
            "low": 20e6,
            "high": 35e6,
            "normalized_low": 20e6,
            "normalized_high": 35e6,
            "measure": "mass",
        },
        id="to-with-shared-scale",
    ),
    P(
        "The ore body lies from 60 m to 85 m below surface.",
        {"low": 60, "high": 85, "normalized_low": 60, "normalized_high": 85, "measure": "length"},
        id="from-to-repeated-unit",
    ),
    P(
        "Grades fell from 1.6 to 1.1 g/t along strike.",
        {"low": 1.1, "high": 1.6, "normalized_low": 1.1, "normalized_high": 1.6},
        id="high-to-low-orders-ends",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_range_ends(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "quantity"), expected)


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_range_has_no_single_value(text: str, expected: dict[str, Any]) -> None:
    assert_fields(
        only(text, "quantity"), {"qualifier": "range", "value": None, "normalized_value": None}
    )


RANGE_SPANS = [
    P("The exploration target at Fenwick is 7-12 Mt of ore.", "7-12 Mt", id="hyphen"),
    P("Assays ran between 0.6 and 1.35 g/t gold.", "0.6 and 1.35 g/t", id="between"),
    P("The basin could hold 20 to 35 million tonnes of coal.", "20 to 35 million tonnes", id="to"),
]


@pytest.mark.parametrize(("text", "span"), RANGE_SPANS)
def test_range_span_covers_both_ends(text: str, span: str) -> None:
    assert span in only(text, "quantity")["text"]


# --- negative money ----------------------------------------------------------------

NEGATIVE_MONEY = [
    P("Dunmore Metals reported a net loss of $(48.2) million.", -48.2e6, id="parentheses"),
    P("Free cash flow was -$21.7 million in the half.", -21.7e6, id="leading-minus"),
    P("Operating result: \u2212$3.9 million for the quarter.", -3.9e6, id="unicode-minus"),
]


@pytest.mark.parametrize(("text", "amount"), NEGATIVE_MONEY)
def test_negative_money(text: str, amount: float) -> None:
    assert_fields(only(text, "money"), {"amount": amount})


def test_range_is_one_fact_not_two() -> None:
    text = "The exploration target at Fenwick is 7-12 Mt of ore."
    assert len(facts_of(text, "quantity")) == 1
