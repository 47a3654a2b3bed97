"""Money: currencies by symbol, code or name, scales, unit prices, ranges, USD figures.

All sentences are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_fields, facts_of, only

P = pytest.param


# --- currencies ------------------------------------------------------------------

CURRENCIES = [
    P("The budget of the Kenzhe project is KZT41 billion.", "KZT", 41e9, id="KZT-glued"),
    P("The holding invested KZT 27.8 bn in the combine.", "KZT", 27.8e9, id="KZT-spaced-bn"),
    P("The region will spend 17 billion tenge on roads.", "KZT", 17e9, id="tenge-after"),
    P("Funding of ₸3.4 billion was approved for Tasbulak.", "KZT", 3.4e9, id="tenge-sign"),
    P("Orvale Metals raised US$12.5 million in May.", "USD", 12.5e6, id="US$"),
    P("The buyer paid $US40 million for the stake.", "USD", 40e6, id="$US"),
    P("The loan totals USD 85 million.", "USD", 85e6, id="USD-before"),
    P("The contract is worth 85 million USD.", "USD", 85e6, id="USD-after"),
    P("The grant amounts to 15 million US dollars.", "USD", 15e6, id="US-dollars"),
    P("Kestrel Lithium secured A$220 million in debt.", "AUD", 220e6, id="A$"),
    P("The council approved AU$14 million for the road.", "AUD", 14e6, id="AU$"),
    P("The offtake prepayment is AUD 95 million.", "AUD", 95e6, id="AUD"),
    P("Northbay Gold closed a C$3.2 million placement.", "CAD", 3.2e6, id="C$"),
    P("The royalty was sold for CAD 7.5 million.", "CAD", 7.5e6, id="CAD"),
    P("The Hong Kong listing raised HK$600 million.", "HKD", 600e6, id="HK$"),
    P("The EU grant to the Vessel refinery is €45 million.", "EUR", 45e6, id="euro-sign"),
    P("The agency lent 18 million euros to the smelter.", "EUR", 18e6, id="euros"),
    P("Ardent Minerals raised £2.6 million in London.", "GBP", 2.6e6, id="pound-sign"),
    P("The Ural plant will cost ₽8.5 billion.", "RUB", 8.5e9, id="ruble-sign"),
    P("The federal budget set aside 193.2 billion rubles.", "RUB", 193.2e9, id="rubles"),
    P("The plant upgrade cost 45 million roubles.", "RUB", 45e6, id="roubles"),
    P("The Baotan separation line cost RMB 340 million.", "CNY", 340e6, id="RMB"),
    P("The province invested 250 million yuan in the park.", "CNY", 250e6, id="yuan"),
    P("The state fund allotted 1.2 billion som to the mine.", "KGS", 1.2e9, id="som"),
    P("The ministry allocated 600 billion sum to geology.", "UZS", 600e9, id="sum"),
]


@pytest.mark.parametrize(("text", "currency", "amount"), CURRENCIES)
def test_currency_and_amount(text: str, currency: str, amount: float) -> None:
    assert_fields(only(text, "money"), {"currency": currency, "amount": amount})


CURRENCY_SPANS = [
    P("The budget of the Kenzhe project is KZT41 billion.", "KZT41 billion", id="code-before"),
    P("The region will spend 17 billion tenge on roads.", "17 billion tenge", id="name-after"),
    P("Orvale Metals raised US$12.5 million in May.", "US$12.5 million", id="symbol-before"),
]


@pytest.mark.parametrize(("text", "span"), CURRENCY_SPANS)
def test_span_holds_number_and_currency(text: str, span: str) -> None:
    assert only(text, "money")["text"] == span


# --- scales ------------------------------------------------------------------------

SCALES = [
    P("The Tamber acquisition cost $240m.", 240e6, id="m-glued"),
    P("The board approved a $152-million expansion.", 152e6, id="hyphen-million"),
    P("The ministry set aside $315 mln for surveys.", 315e6, id="mln"),
    P("The mill rebuild will cost $420 mm.", 420e6, id="mm"),
    P("The Brest refinery received €5.4m from the fund.", 5.4e6, id="euro-m"),
    P("The merger is valued at $1.2bn.", 1.2e9, id="bn"),
]


@pytest.mark.parametrize(("text", "amount"), SCALES)
def test_scale_applied(text: str, amount: float) -> None:
    assert_fields(only(text, "money"), {"amount": amount})


# --- unit prices ----------------------------------------------------------------------

UNIT_PRICES = [
    P(
        "NdPr oxide traded at US$72/kg in March.",
        {"amount": 72, "currency": "USD", "per_unit": "kg"},
        id="slash-kg",
    ),
    P("Gold held near $2,350 an ounce.", {"amount": 2350, "per_unit": "ounce"}, id="an-ounce"),
    P(
        "Spodumene sold for US$5,120 per tonne.",
        {"amount": 5120, "currency": "USD", "per_unit": "tonne"},
        id="per-tonne",
    ),
    P("APT prices reached $348/mtu this week.", {"amount": 348, "per_unit": "mtu"}, id="slash-mtu"),
    P("The Corra plan assumes $1,980/oz gold.", {"amount": 1980, "per_unit": "oz"}, id="slash-oz"),
    P(
        "Terbium metal fetched RMB 512,300 per ton.",
        {"amount": 512_300, "currency": "CNY", "per_unit": "ton"},
        id="RMB-per-ton",
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNIT_PRICES)
def test_unit_price(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "money"), expected)


def test_unit_price_is_not_a_quantity() -> None:
    assert facts_of("NdPr oxide traded at US$72/kg in March.", "quantity") == []


# --- ranges and qualifiers ---------------------------------------------------------------

RANGES = [
    P(
        "Guidance is A$54 million to A$59 million for the year.",
        {"low": 54e6, "high": 59e6, "currency": "AUD"},
        id="repeated-currency",
    ),
    P(
        "The Felt study costs $3-8 million.",
        {"low": 3e6, "high": 8e6, "currency": "USD"},
        id="hyphen-shared-scale",
    ),
    P(
        "Revenue should be 700 million to 780 million yuan.",
        {"low": 700e6, "high": 780e6, "currency": "CNY"},
        id="currency-after",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_money_range(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "money"), {"qualifier": "range", **expected})


MONEY_QUALIFIERS = [
    P("The Ulan project needs more than $50 million.", "more_than", id="more-than"),
    P("The drill program will cost about $12 million.", "approximately", id="about"),
    P("The facility provides up to $40 million.", "up_to", id="up-to"),
    P("The raise was at least C$6 million.", "at_least", id="at-least"),
]


@pytest.mark.parametrize(("text", "qualifier"), MONEY_QUALIFIERS)
def test_money_qualifier(text: str, qualifier: str) -> None:
    assert_fields(only(text, "money"), {"qualifier": qualifier})


# --- US dollar figures ----------------------------------------------------------------------


def _money(text: str, span: str, **kwargs: Any) -> dict[str, Any]:
    """The one money fact in ``text`` whose surface text is ``span``."""
    found = [m for m in facts_of(text, "money", **kwargs) if m["text"] == span]
    assert len(found) == 1, f"expected one money fact {span!r} in {text!r}, got {found!r}"
    return found[0]


STATED = [
    P(
        "The Kenzhe plant will cost 36 billion tenge (US$71.4 million).",
        "36 billion tenge",
        {"amount": 36e9, "usd_amount": 71.4e6, "usd_source": "stated"},
        id="tenge-then-usd",
    ),
    P(
        "Ostrava Mining will invest $150 million (more than 57 billion tenge).",
        "57 billion tenge",
        {"amount": 57e9, "usd_amount": 150e6, "usd_source": "stated", "qualifier": "more_than"},
        id="usd-then-tenge",
    ),
    P(
        "The budget is KZT18 billion ($34.7 million).",
        "KZT18 billion",
        {"amount": 18e9, "usd_amount": 34.7e6, "usd_source": "stated"},
        id="code-then-dollar",
    ),
    P(
        "The Brest refinery received €2.8m ($3.1m) from the fund.",
        "€2.8m",
        {"amount": 2.8e6, "usd_amount": 3.1e6, "usd_source": "stated"},
        id="euro-then-dollar",
    ),
    P(
        "The sale fetched C$45 million, or roughly US$33 million, in cash.",
        "C$45 million",
        {"amount": 45e6, "currency": "CAD", "usd_amount": 33e6, "usd_source": "stated"},
        id="comma-or-roughly",
    ),
]


@pytest.mark.parametrize(("text", "span", "expected"), STATED)
def test_stated_conversion(text: str, span: str, expected: dict[str, Any]) -> None:
    assert_fields(_money(text, span), expected)


STATED_DOLLAR_FIGURE = [
    P(
        "The Kenzhe plant will cost 36 billion tenge (US$71.4 million).",
        "US$71.4 million",
        71.4e6,
        id="tenge-then-usd",
    ),
    P(
        "Ostrava Mining will invest $150 million (more than 57 billion tenge).",
        "$150 million",
        150e6,
        id="usd-then-tenge",
    ),
    P(
        "The Brest refinery received €2.8m ($3.1m) from the fund.",
        "$3.1m",
        3.1e6,
        id="euro-then-dollar",
    ),
]


@pytest.mark.parametrize(("text", "span", "amount"), STATED_DOLLAR_FIGURE)
def test_the_dollar_figure_is_its_own_fact(text: str, span: str, amount: float) -> None:
    assert_fields(_money(text, span), {"amount": amount, "currency": "USD"})


DOCUMENT_RATE = [
    P(
        "KZT/USD = 0.00195\nThe ministry allocated 8 billion tenge to the survey.",
        "8 billion tenge",
        8e9 * 0.00195,
        id="ticker-rate",
    ),
    P(
        "At 1 USD = 480 tenge, the 24 billion tenge budget is modest.",
        "24 billion tenge",
        24e9 / 480,
        id="one-usd-equals",
    ),
    P(
        "KGS/USD = 0.01150\nThe Sarybel mine paid 300 million som in taxes.",
        "300 million som",
        300e6 * 0.0115,
        id="som-ticker",
    ),
    P(
        "At 470 tenge per dollar, the 94 billion tenge budget is large.",
        "94 billion tenge",
        94e9 / 470,
        id="prose-rate",
    ),
]


@pytest.mark.parametrize(("text", "span", "usd"), DOCUMENT_RATE)
def test_document_rate(text: str, span: str, usd: float) -> None:
    assert_fields(_money(text, span), {"usd_amount": usd, "usd_source": "document_rate"})


USER_RATE = [
    P(
        "The fund invested 500 million som in the Kumbel mine.",
        {"KGS": 0.0114},
        "KGS",
        500e6 * 0.0114,
        id="som",
    ),
    P(
        "The Zhar project will cost 12 billion tenge.",
        {"KZT": 0.0019},
        "KZT",
        12e9 * 0.0019,
        id="tenge",
    ),
]


@pytest.mark.parametrize(("text", "rates", "currency", "usd"), USER_RATE)
def test_caller_rate(text: str, rates: dict[str, float], currency: str, usd: float) -> None:
    assert_fields(
        only(text, "money", fx_rates=rates),
        {"currency": currency, "usd_amount": usd, "usd_source": "user_rate"},
    )


def test_no_rate_leaves_usd_unknown() -> None:
    assert_fields(
        only("The Zhar project will cost 12 billion tenge.", "money"),
        {"usd_amount": None, "usd_source": None},
    )


# --- the bare dollar ------------------------------------------------------------------------

BARE_DOLLAR = [
    P(
        "Pinecrest Gold spent $25 million on drilling.",
        {"currency": "USD", "currency_assumed": True},
        id="assumed-usd",
    ),
    P(
        "All dollar amounts are in US dollars. Pinecrest Gold spent $25 million on drilling.",
        {"currency": "USD", "currency_assumed": False},
        id="stated-usd",
    ),
    P(
        "All dollar amounts are in Canadian dollars. Pinecrest Gold spent $25 million on drilling.",
        {"currency": "CAD", "currency_assumed": False},
        id="stated-cad",
    ),
    P(
        "Orvale Metals raised US$12.5 million in May.",
        {"currency": "USD", "currency_assumed": False},
        id="explicit-us-dollar",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BARE_DOLLAR)
def test_bare_dollar(text: str, expected: dict[str, Any]) -> None:
    assert_fields(only(text, "money"), expected)


def test_share_price_is_money() -> None:
    assert_fields(
        only("Shares of Tolland Mining closed at C$0.42.", "money"),
        {"currency": "CAD", "amount": 0.42},
    )
