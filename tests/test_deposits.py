"""Named deposits: the naming patterns of mining text, grouping and ties.

Sentences are invented for these tests; names are made up.
"""

from __future__ import annotations

import pytest

from rareearth_extract import extract_facts

P = pytest.param


def deposit_names(text: str) -> set[str]:
    return {f.name for f in extract_facts(text) if f.type == "deposit"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        P(
            "Work continues at the Tasbulak rare earth deposit this year.",
            {"Tasbulak"},
            id="commodity-between",
        ),
        P("The Koktal tungsten ore deposit lies in the south.", {"Koktal"}, id="ore-deposit"),
        P("Output rose at the Sarybel mine.", {"Sarybel"}, id="mine"),
        P("Drilling resumed on the Mount Harlow project.", {"Mount Harlow"}, id="two-word-name"),
        P("The Ojos del Verde mine is old.", {"Ojos del Verde"}, id="particle-in-name"),
        P(
            "The Birch Creek Lithium-Tantalum Project is in WA.",
            {"Birch Creek"},
            id="title-case-descriptors",
        ),
        P("The Kestrel 7 prospect was drilled.", {"Kestrel 7"}, id="number-in-name"),
        P("Exploration at the Aralbay field began.", {"Aralbay"}, id="field"),
        P(
            "Nearby is the operating Los Andenes copper mine.",
            {"Los Andenes"},
            id="spanish-article",
        ),
        P(
            "The potential of the gold-bearing area Kokzhar was assessed.",
            {"Kokzhar"},
            id="head-first-hyphenated-descriptor",
        ),
        P(
            "Drilling at its Tarkwa Heavy Rare Earths Project resumed.",
            {"Tarkwa"},
            id="heavy-rare-earths-descriptor",
        ),
        P("It owns the Ridge Top property in Nevada.", {"Ridge Top"}, id="property"),
        P(
            "Trials ran at the Koktas (copper), Sarytau (gold), South Bel, and Lower Tentek "
            "(tungsten) deposits last year.",
            {"Koktas", "Sarytau", "South Bel", "Lower Tentek"},
            id="list-with-commodities",
        ),
        P("It bought the Grey Owl and Red Fox projects.", {"Grey Owl", "Red Fox"}, id="and-list"),
        P(
            "Crews moved from the deposit Lower Tentek to the camp.",
            {"Lower Tentek"},
            id="head-first",
        ),
        P(
            "The company studies the tungsten project Upper Zhaman.",
            {"Upper Zhaman"},
            id="head-first-commodity",
        ),
        P("Geologists mapped a prospective area named Jana Dala.", {"Jana Dala"}, id="named"),
        P(
            'Now dubbed "Ak Tas," the deposit holds ore.',
            {"Ak Tas"},
            id="dubbed-quoted",
        ),
        P("The World-class Kuira project was shelved.", {"Kuira"}, id="after-compound-adjective"),
        P("The Kara-Oba tungsten deposit is old.", {"Kara-Oba"}, id="hyphenated-name"),
    ],
)
def test_deposit_patterns(text: str, expected: set[str]) -> None:
    assert deposit_names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        P("Kazakhstan to Auction 40 Rare Metal Deposits in May", id="headline-generic-words"),
        P("The deposit is large and the project is funded.", id="no-name"),
        P("Kazakhstan's deposits are large.", id="country-possessive"),
        P("MINER APPOINTS ADVISER TO LEAD SILVER LAKE PROJECT STUDY", id="shouting-headline"),
        P("Project Cost: $200 mln", id="table-heading"),
        P("Nearby deposits are smaller.", id="adjective-before-plural-head"),
        P("The Feasibility Study project began.", id="generic-capitalised"),
        P("Offtake talks ended. Fast-track project plans went to the board.",
          id="hyphenated-common-words"),
    ],
)
def test_not_deposits(text: str) -> None:
    assert deposit_names(text) == set()


def test_bare_later_mentions_are_found() -> None:
    text = "Work began at the Tasbulak deposit. Later, Tasbulak's ore went to the plant."
    mentions = [f for f in extract_facts(text) if f.type == "deposit"]
    assert [text[f.start : f.end] for f in mentions] == ["Tasbulak deposit", "Tasbulak"]
    assert {f.name for f in mentions} == {"Tasbulak"}


@pytest.mark.parametrize(
    ("text", "canonical", "alias"),
    [
        P(
            "The Upper Kayrat deposit is rich. A road runs to the deposit Upper Kairat.",
            "Upper Kayrat",
            "Upper Kairat",
            id="y-i-transliteration",
        ),
        P(
            "The North Tobe deposit is small. The Northern Tobe deposit is remote.",
            "North Tobe",
            "Northern Tobe",
            id="north-northern",
        ),
    ],
)
def test_spelling_variants_share_one_name(text: str, canonical: str, alias: str) -> None:
    deposits = [f for f in extract_facts(text) if f.type == "deposit"]
    assert {f.name for f in deposits} == {canonical}
    assert all(alias in f.aliases for f in deposits)


def test_kind_and_location() -> None:
    text = "Drilling continues at the Akbulak mine in the Karaganda Region."
    (deposit,) = [f for f in extract_facts(text) if f.type == "deposit"]
    assert deposit.kind == "mine"
    assert deposit.location is not None and "Karaganda" in deposit.location


def test_list_commodities_are_tied() -> None:
    text = "Trials ran at the Koktas (copper) and Lower Tentek (tungsten) deposits."
    by_name = {f.name: f for f in extract_facts(text) if f.type == "deposit"}
    assert "copper" in by_name["Koktas"].commodities
    assert "tungsten" in by_name["Lower Tentek"].commodities
