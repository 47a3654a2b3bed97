"""Exchange rates printed in the text: ticker pairs, colon pairs, "$1 = ..." and "1 USD = ...".

All rates and sentences are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_fields, only

P = pytest.param

RATES = [
    P(
        "KZT/USD = 0.00193 0%",
        {"base": "KZT", "quote": "USD", "rate": 0.00193, "change_pct": 0.0},
        id="ticker-no-change",
    ),
    P(
        "TJS/USD = 0.09870 -0.42%",
        {"base": "TJS", "quote": "USD", "rate": 0.0987, "change_pct": -0.42},
        id="ticker-negative-change",
    ),
    P(
        "KGS/USD = 0.01143 +0.35%",
        {"base": "KGS", "quote": "USD", "rate": 0.01143, "change_pct": 0.35},
        id="ticker-positive-change",
    ),
    P(
        "UZS/USD = 0.00008",
        {"base": "UZS", "quote": "USD", "rate": 0.00008, "change_pct": None},
        id="ticker-without-change",
    ),
    P(
        "The study uses a USD:CAD exchange rate = 1.36 throughout.",
        {"base": "USD", "quote": "CAD", "rate": 1.36},
        id="colon-pair",
    ),
    P(
        "Kestrel Lithium raised A$220 million ($1 = 1.5480 Australian dollars).",
        {"base": "USD", "quote": "AUD", "rate": 1.548},
        id="dollar-equals-australian",
    ),
    P(
        "The budget assumes 1 USD = 505 tenge for the year.",
        {"base": "USD", "quote": "KZT", "rate": 505},
        id="one-usd-equals-tenge",
    ),
    P(
        "USD/RUB closed at 91.40 on the day.",
        {"base": "USD", "quote": "RUB", "rate": 91.4},
        id="pair-closed-at",
    ),
    P(
        "The budget was drawn up at 505 tenge per dollar.",
        {"base": "USD", "quote": "KZT", "rate": 505, "text": "505 tenge per dollar"},
        id="prose-per-dollar",
    ),
    P(
        "The rouble slid to 98.2 rubles to the US dollar overnight.",
        {"base": "USD", "quote": "RUB", "rate": 98.2},
        id="prose-to-the-us-dollar",
    ),
    P(
        "Traders quoted 7.3 yuan against the dollar.",
        {"base": "USD", "quote": "CNY", "rate": 7.3},
        id="prose-against-the-dollar",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RATES)
def test_exchange_rate(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "exchange_rate"), expected)


@pytest.mark.parametrize(
    "text",
    [
        P("Royalties are 3 cents per dollar of revenue.", id="cents-per-dollar"),
        P("Costs fell 5% per dollar of output.", id="no-currency-before"),
        P("Holders get one vote per dollar held.", id="no-number-currency"),
    ],
)
def test_no_prose_rate(text: str) -> None:
    from rareearth_extract import extract_facts

    assert [f for f in extract_facts(text) if f.type == "exchange_rate"] == []


def test_ticker_rate_span_starts_at_the_pair() -> None:
    fact = only("KZT/USD = 0.00193 0%", "exchange_rate")
    assert fact["start"] == 0
    assert fact["text"].startswith("KZT/USD")
