"""Normalisation and offsets: whatever the normaliser changes, facts point into the original.

All sentences are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_fields, facts_of, only

from rareearth_extract import extract_facts, to_dict
from rareearth_extract.normalize import normalize

P = pytest.param


# --- the normaliser itself ----------------------------------------------------------

NORMALIZED_TEXT = [
    P("12\u00a0400 t", "12 400 t", id="no-break-space"),
    P("12\u2009400 t", "12 400 t", id="thin-space"),
    P("12\u202f400 t", "12 400 t", id="narrow-no-break-space"),
    P("7\u201312 Mt", "7-12 Mt", id="en-dash"),
    P("7\u201412 Mt", "7-12 Mt", id="em-dash"),
    P("\u22123.5%", "-3.5%", id="minus-sign"),
    P("the \u201cTarvik\u201d deposit", 'the "Tarvik" deposit', id="curly-double-quotes"),
    P("Tarvik\u2019s mine", "Tarvik's mine", id="curly-apostrophe"),
    P("27 km\u00b2", "27 km2", id="superscript-two"),
    P("38.2m oz* gold", "38.2m oz gold", id="glued-footnote-star"),
    P("about   1,250    tonnes", "about 1,250 tonnes", id="runs-of-spaces"),
]


@pytest.mark.parametrize(("original", "normalized"), NORMALIZED_TEXT)
def test_normalized_text(original: str, normalized: str) -> None:
    assert normalize(original).text == normalized


SPAN_MAPS = [
    # (original, normalised start, normalised end, original slice)
    P("about   1,250    tonnes", 6, 18, "1,250    tonnes", id="collapsed-spaces"),
    P("38.2m oz* gold", 0, 8, "38.2m oz", id="before-deleted-star"),
    P("38.2m oz* gold", 9, 13, "gold", id="after-deleted-star"),
    P("12\u00a0400 t", 0, 8, "12\u00a0400 t", id="one-for-one-replacement"),
    P("3,400\u200b tonnes", 0, 12, "3,400\u200b tonnes", id="zero-width-space"),
]


@pytest.mark.parametrize(("original", "start", "end", "expected"), SPAN_MAPS)
def test_span_maps_back_to_original(original: str, start: int, end: int, expected: str) -> None:
    a, b = normalize(original).span(start, end)
    assert original[a:b] == expected


# --- facts found in text the normaliser changed ---------------------------------------------

VARIANTS = [
    P(
        "Stocks at Halden are roughly\u00a0612,300\u00a0tonnes.",
        "quantity",
        "612,300\u00a0tonnes",
        {"normalized_value": 612_300, "qualifier": "approximately"},
        id="no-break-spaces",
    ),
    P(
        "The Selby pit mined 4\u2009500 tonnes in June.",
        "quantity",
        "4\u2009500 tonnes",
        {"normalized_value": 4500},
        id="thin-space-thousands",
    ),
    P(
        "The Selby pit mined 12\u202f000 t in July.",
        "quantity",
        "12\u202f000 t",
        {"normalized_value": 12_000},
        id="narrow-no-break-thousands",
    ),
    P(
        "The exploration target at Brisk is 3\u20135 Mt.",
        "quantity",
        "3\u20135 Mt",
        {"normalized_low": 3e6, "normalized_high": 5e6, "qualifier": "range"},
        id="en-dash-range",
    ),
    P(
        "The exploration target at Brisk is 3\u20145 Mt.",
        "quantity",
        "3\u20145 Mt",
        {"normalized_low": 3e6, "normalized_high": 5e6, "qualifier": "range"},
        id="em-dash-range",
    ),
    P(
        "Output at Carrow changed by \u22126.2% in May.",
        "quantity",
        "\u22126.2%",
        {"value": -6.2, "measure": "percentage"},
        id="minus-sign-percent",
    ),
    P(
        "The \u201cTarvik\u201d deposit holds 3.4 Mt of ore.",
        "quantity",
        "3.4 Mt",
        {"normalized_value": 3.4e6},
        id="after-curly-quotes",
    ),
    P(
        "The Marrow licence covers 27 km\u00b2 of steppe.",
        "quantity",
        "27 km\u00b2",
        {"normalized_value": 27, "measure": "area"},
        id="km-superscript",
    ),
    P(
        "Resources total 38.2m oz* of gold.",
        "quantity",
        "38.2m oz",
        {"normalized_value": 38.2e6 * 31.1034768e-6, "measure": "mass"},
        id="glued-footnote-star",
    ),
    P(
        "The Kelda zone averages 18.7% TREO\u00b9 in clays.",
        "quantity",
        None,
        {"normalized_value": 187_000, "measure": "grade", "basis": "TREO"},
        id="superscript-footnote-after-basis",
    ),
    P(
        "The Kelda zone averages 18.7% TREO1 in clays.",
        "quantity",
        None,
        {"normalized_value": 187_000, "measure": "grade", "basis": "TREO"},
        id="digit-footnote-glued-to-basis",
    ),
    P(
        "The Arrin plant holds about 1,250    tonnes.",
        "quantity",
        "1,250    tonnes",
        {"normalized_value": 1250, "qualifier": "approximately"},
        id="run-of-spaces",
    ),
    P(
        "The Arrin    plant    holds 2,250 tonnes.",
        "quantity",
        "2,250 tonnes",
        {"normalized_value": 2250},
        id="spaces-collapsed-before",
    ),
    P(
        "<p>The Orm pit mined <b>1,650 tonnes</b> of ore.</p>",
        "quantity",
        "1,650 tonnes",
        {"normalized_value": 1650},
        id="inside-html-tags",
    ),
    P(
        "The Arrin plant holds 3,400\u200b tonnes.",
        "quantity",
        None,
        {"normalized_value": 3400},
        id="zero-width-space",
    ),
    P(
        "The pegmatite grades 1.1% Li\u2082O.",
        "quantity",
        None,
        {"normalized_value": 11_000, "measure": "grade"},
        id="unicode-subscript-basis",
    ),
    P(
        "The Tolkan plant cost about \u20ac3\u00a0million.",
        "money",
        "\u20ac3\u00a0million",
        {"amount": 3e6, "currency": "EUR"},
        id="money-with-no-break-space",
    ),
    P(
        "Operating result: \u2212$3.9 million.",
        "money",
        None,
        {"amount": -3.9e6},
        id="money-minus-sign",
    ),
]


@pytest.mark.parametrize(("text", "type_", "span", "expected"), VARIANTS)
def test_offsets_point_into_the_original(
    text: str, type_: str, span: str | None, expected: dict[str, Any]
) -> None:
    fact = only(text, type_)
    assert text[fact["start"] : fact["end"]] == fact["text"]
    if span is not None:
        assert fact["text"] == span


@pytest.mark.parametrize(("text", "type_", "span", "expected"), VARIANTS)
def test_values_survive_normalisation(
    text: str, type_: str, span: str | None, expected: dict[str, Any]
) -> None:
    assert_fields(only(text, type_), expected)


# --- repeated boilerplate ------------------------------------------------------------------

TICKER = "Gold $2,410.50/oz +0.4% | KZT/USD = 0.00193 0%"


def _ticker_text() -> str:
    return "\n".join([TICKER, TICKER, TICKER, "The Sorel mine produced 1,800 tonnes in May."])


def test_repeated_ticker_yields_its_facts_once() -> None:
    rates = facts_of(_ticker_text(), "exchange_rate")
    assert len(rates) == 1


def test_repeated_ticker_facts_sit_in_the_first_copy() -> None:
    facts = extract_facts(_ticker_text())
    in_ticker = [f for f in facts if f.start < 3 * (len(TICKER) + 1)]
    assert in_ticker
    assert all(f.end <= len(TICKER) for f in in_ticker)


def test_repeated_ticker_leaves_following_line_alone() -> None:
    masses = [q for q in facts_of(_ticker_text(), "quantity") if q["measure"] == "mass"]
    assert len(masses) == 1
    assert_fields(masses[0], {"normalized_value": 1800})


def test_repeated_ticker_matches_a_single_copy() -> None:
    once = [(d["type"], d["text"], d["start"]) for d in map(to_dict, extract_facts(TICKER))]
    thrice = [
        (d["type"], d["text"], d["start"])
        for d in map(to_dict, extract_facts("\n".join([TICKER] * 3)))
    ]
    assert thrice == once


# --- input types -------------------------------------------------------------------------

BAD_INPUTS = [
    P(b"The Sorel mine produced 1,800 tonnes.", "bytes", id="bytes"),
    P(None, "NoneType", id="none"),
    P(5, "int", id="int"),
    P(["1,800 tonnes"], "list", id="list"),
]


@pytest.mark.parametrize(("value", "type_name"), BAD_INPUTS)
def test_non_str_raises_type_error_naming_the_type(value: object, type_name: str) -> None:
    with pytest.raises(TypeError, match=type_name):
        extract_facts(value)  # type: ignore[arg-type]


EMPTY = [
    P("", id="empty"),
    P("   ", id="spaces"),
    P("\n\t\r\n", id="newlines-and-tab"),
    P("\u00a0\u2009\u202f", id="unicode-spaces"),
]


@pytest.mark.parametrize("text", EMPTY)
def test_empty_or_blank_text_gives_no_facts(text: str) -> None:
    assert extract_facts(text) == []
