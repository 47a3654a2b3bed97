"""Organisations: legal forms, sector names, tickers, bodies, context, short forms.

All sentences and company names are invented for these tests.
"""

from __future__ import annotations

import pytest
from conftest import facts_of

from rareearth_extract.facts import Organization
from rareearth_extract.matchers.organizations import (
    find_organizations,
    group_organizations,
    short_forms,
)
from rareearth_extract.matchers.scan import Scan

P = pytest.param


def names(text: str) -> set[str]:
    """The distinct organisation names reported for `text`."""
    return {f["name"] for f in facts_of(text, "organization")}


def the_one(text: str, name: str) -> dict:
    """The first organisation fact named `name` (fails when there is none)."""
    found = [f for f in facts_of(text, "organization") if f["name"] == name]
    assert found, f"no organisation {name!r} in {text!r}: {names(text)!r}"
    return found[0]


LEGAL_AFTER = [
    P(
        "Harrowgate Minerals Ltd signed the offtake on Tuesday.",
        "Harrowgate Minerals Ltd",
        id="Ltd",
    ),
    P("Shares of Corran Rare Earths Limited rose 4%.", "Corran Rare Earths Limited", id="Limited"),
    P(
        "The mill is run by Tellmark Resources Corp. under a lease.",
        "Tellmark Resources Corp.",
        id="Corp.",
    ),
    P("Quillon Corporation bought the smelter.", "Quillon Corporation", id="Corporation"),
    P("The study was paid for by Brevik Uranium Inc. last year.", "Brevik Uranium Inc.", id="Inc."),
    P("Ardmore Holdings PLC holds the licence.", "Ardmore Holdings PLC", id="PLC"),
    P("A stake went to Veldt Copper plc in March.", "Veldt Copper plc", id="plc"),
    P("Sable Basin LLC operates the wells.", "Sable Basin LLC", id="LLC"),
    P("Kestrel Gold NL drilled twelve holes.", "Kestrel Gold NL", id="NL"),
    P("The partner is Minera Cobre Andino SA, a Chilean firm.", "Minera Cobre Andino SA", id="SA"),
    P("Rheinfeld Metall AG supplies the anodes.", "Rheinfeld Metall AG", id="AG"),
    P("Kobalt Werke GmbH signed a supply deal.", "Kobalt Werke GmbH", id="GmbH"),
    P("Tarrant Pty Ltd manages the camp.", "Tarrant Pty Ltd", id="Pty-Ltd"),
    P(
        "Hunan Xiangjiang Smelting Co., Ltd. will buy the concentrate.",
        "Hunan Xiangjiang Smelting Co., Ltd.",
        id="Co-Ltd",
    ),
    P("The Oskemen Titan Group runs two plants.", "Oskemen Titan Group", id="Group"),
    P("Volga Chemical Company said output rose.", "Volga Chemical Company", id="Company"),
    P("Bayankol Mining JSC won the auction.", "Bayankol Mining JSC", id="JSC-after"),
    P("Waste is refined by Sarytau Progress LLP.", "Sarytau Progress LLP", id="LLP-after"),
    P(
        "Its unit Fjordstein Minerals A/S applied for a permit.",
        "Fjordstein Minerals A/S",
        id="A/S",
    ),
    P(
        "The design is by Norvale Engineering Canada ULC.",
        "Norvale Engineering Canada ULC",
        id="ULC",
    ),
    P(
        "The buyer, Yunling Rare Earth Group High-Tech Co., Ltd., cut prices.",
        "Yunling Rare Earth Group High-Tech Co., Ltd.",
        id="Group-inside-a-longer-name",
    ),
    P(
        "IRONBARK RARE METALS LIMITED lodged the report.",
        "IRONBARK RARE METALS LIMITED",
        id="capitals",
    ),
]


@pytest.mark.parametrize(("text", "name"), LEGAL_AFTER)
def test_legal_form_after_the_name(text: str, name: str) -> None:
    assert name in names(text)


LEGAL_BEFORE = [
    P(
        "LLP Ortaugeosurvey mapped the northern block in 2023.",
        "Ortaugeosurvey",
        "LLP Ortaugeosurvey",
        id="LLP",
    ),
    P(
        "RSE Balkhashredmet will refine the rhenium.",
        "Balkhashredmet",
        "RSE Balkhashredmet",
        id="RSE",
    ),
    P("JSC Turgaibauxite raised output.", "Turgaibauxite", "JSC Turgaibauxite", id="JSC"),
    P(
        'The licence of AO "Shalkiya Zinc" was extended.',
        "Shalkiya Zinc",
        "Shalkiya Zinc",
        id="AO-quoted",
    ),
    P(
        'TOO "Ertis Geology" filed an application.',
        "Ertis Geology",
        "Ertis Geology",
        id="TOO-quoted",
    ),
    P(
        'The plan of AO "NGK "Kenorda"" was presented.',
        "Kenorda",
        "Kenorda",
        id="nested-prefixes",
    ),
]


@pytest.mark.parametrize(("text", "name", "span"), LEGAL_BEFORE)
def test_legal_form_before_the_name(text: str, name: str, span: str) -> None:
    fact = the_one(text, name)
    assert fact["text"] == span


SECTOR_NAMES = [
    P("Yarrow Mining expects a decision in June.", "Yarrow Mining", id="Mining"),
    P("Analysts like Tindal Minerals for its grade.", "Tindal Minerals", id="Minerals"),
    P("Shares in Corran Resources fell 3%.", "Corran Resources", id="Resources"),
    P("Octavia Metals has begun drilling.", "Octavia Metals", id="Metals"),
    P("TX Materials reported record sales.", "TX Materials", id="Materials"),
    P("Redgum Energy will sell power to the mine.", "Redgum Energy", id="Energy"),
    P("Kestrel Gold expects to pour first gold in May.", "Kestrel Gold", id="Gold"),
    P("Borealis Uranium staked new claims.", "Borealis Uranium", id="Uranium"),
    P("The spodumene will go to Marlin Lithium.", "Marlin Lithium", id="Lithium"),
    P("Darwin Rare Earths says funding is close.", "Darwin Rare Earths", id="Rare-Earths"),
    P("Southern Spar Rare Earths has a new chair.", "Southern Spar Rare Earths", id="compass-word"),
    P(
        "The plant was built by Qingyuan Mining Technology & Equipment in 2019.",
        "Qingyuan Mining Technology & Equipment",
        id="descriptors",
    ),
    P(
        "Harbin Steel Rare-Earth Hi-Tech, a listed unit, rose.",
        "Harbin Steel Rare-Earth Hi-Tech",
        id="hi-tech",
    ),
    P("Tallis Geoscience will prepare the permit filings.", "Tallis Geoscience", id="Geoscience"),
]


@pytest.mark.parametrize(("text", "name"), SECTOR_NAMES)
def test_name_ending_in_a_sector_word(text: str, name: str) -> None:
    assert name in names(text)


TICKERS = [
    P(
        "Corran Resources (ASX: CRN) raised A$10 million.",
        "Corran Resources",
        "ASX:CRN",
        id="ASX-spaced",
    ),
    P(
        "Corran Resources (ASX:CRN) raised A$10 million.",
        "Corran Resources",
        "ASX:CRN",
        id="ASX-glued",
    ),
    P("Tamsin Silver (TSXV: TSV) drilled 40 holes.", "Tamsin Silver", "TSXV:TSV", id="TSXV"),
    P(
        "Pass Valley Magnetics (NYSE: PVM) cut costs.",
        "Pass Valley Magnetics",
        "NYSE:PVM",
        id="NYSE",
    ),
    P(
        "Hollin Nickel Corp. (TSX: HNC; OTCQX: HNCLF) met guidance.",
        "Hollin Nickel Corp.",
        "TSX:HNC",
        id="two-listings",
    ),
    P("Quartzline (NASDAQ: QZL) agreed the sale.", "Quartzline", "NASDAQ:QZL", id="NASDAQ"),
    P("Ardmore Holdings (LSE: ADH) paid a dividend.", "Ardmore Holdings", "LSE:ADH", id="LSE"),
    P("Fellside Tin (AIM: FST) hit tin at 40 m.", "Fellside Tin", "AIM:FST", id="AIM"),
    P("First Kobalt (ASX: FKB) reports assays.", "First Kobalt", "ASX:FKB", id="no-form-words"),
    P(
        "Marrow Gold Inc. [MGI-TSXV, MRWGF-OTCQB] closed the deal.",
        "Marrow Gold Inc.",
        "TSXV:MGI",
        id="bracket",
    ),
    P(
        'Ostrava Copper Corp. ("Ostrava" or the "Company") (CSE:OCC / FSE:O2C) began work.',
        "Ostrava Copper Corp.",
        "CSE:OCC",
        id="after-definition",
    ),
]


@pytest.mark.parametrize(("text", "name", "ticker"), TICKERS)
def test_company_before_a_ticker(text: str, name: str, ticker: str) -> None:
    assert the_one(text, name)["ticker"] == ticker


EXCHANGES = [
    P("Corran Resources (ASX: CRN) raised A$10 million.", {"ASX"}, id="ASX"),
    P("Hollin Nickel Corp. (TSX: HNC; OTCQX: HNCLF) met guidance.", {"TSX", "OTCQX"}, id="two"),
    P("Its shares trade on the ASX and on the TSX.", {"ASX", "TSX"}, id="bare-codes"),
    P(
        "Hollin (TSX: HNC) is also listed on the Toronto Stock Exchange.",
        {"Toronto Stock Exchange"},
        id="code-and-name-grouped",
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXCHANGES)
def test_exchanges_are_organisations(text: str, expected: set[str]) -> None:
    exchanges = {f["name"] for f in facts_of(text, "organization") if f["kind"] == "exchange"}
    assert exchanges == expected


BODIES = [
    P(
        "The Ministry of Industry and Mines has announced the auction.",
        "Ministry of Industry and Mines",
        "government",
        id="Ministry-of",
    ),
    P(
        "Officials said on Tuesday that approval from the Ministry of Water\nResources, "
        "expected soon, was needed.",
        "Ministry of Water Resources",
        "government",
        id="Ministry-across-a-wrapped-line",
    ),
    P(
        "The Nordvik Zoning Commission approved the road.",
        "Nordvik Zoning Commission",
        "government",
        id="Commission",
    ),
    P(
        "The estimate went to the State Reserves Commission in May.",
        "State Reserves Commission",
        "government",
        id="State-Commission",
    ),
    P(
        "The data come from the U.S. Geological Survey.",
        "U.S. Geological Survey",
        "government",
        id="Survey",
    ),
    P(
        "The Riverine Water Board met in May.",
        "Riverine Water Board",
        "organization",
        id="Board",
    ),
    P(
        "The Coastal Ore Grading Committee wrote the code.",
        "Coastal Ore Grading Committee",
        "organization",
        id="Committee",
    ),
    P("The loan came from Maple Trust Bank.", "Maple Trust Bank", "company", id="Bank"),
    P(
        "It listed on the Almaty Stock Exchange in 2020.",
        "Almaty Stock Exchange",
        "exchange",
        id="Exchange",
    ),
    P(
        "Members of the Professional Association of Ore Valuers disagreed.",
        "Professional Association of Ore Valuers",
        "organization",
        id="Association-of",
    ),
    P(
        "The Harbour Energy Agency published the figures.",
        "Harbour Energy Agency",
        "government",
        id="Agency",
    ),
]


@pytest.mark.parametrize(("text", "name", "kind"), BODIES)
def test_bodies_by_their_head_word(text: str, name: str, kind: str) -> None:
    assert the_one(text, name)["kind"] == kind


CONTEXT = [
    P(
        "Last year the state mining company Ortau Samruk bought the licence.",
        "Ortau Samruk",
        id="role-noun-before",
    ),
    P(
        "Uzbekistan's state copper company, Ortau Samruk, will lead the work.",
        "Ortau Samruk",
        id="role-noun-before-with-comma",
    ),
    P(
        "A unit of National Mining Company Ortau Samruk will run the plant.",
        "Ortau Samruk",
        id="capitalised-role-before",
    ),
    P(
        "Its subsidiary Nightjar Holdco agreed to buy the project.",
        "Nightjar Holdco",
        id="subsidiary",
    ),
    P(
        'The deposit was developed by the Canadian company "Tarn Valley".',
        "Tarn Valley",
        id="quoted",
    ),
    P(
        "Slag goes to Balkhashredmet, a state-owned enterprise in the north, for refining.",
        "Balkhashredmet",
        id="apposition",
    ),
    P(
        "Figures were compiled by Build Forward, a Lviv-based think tank.",
        "Build Forward",
        id="think-tank",
    ),
    P("Orvane is a small magnet recycling company.", "Orvane", id="is-a-company"),
    P(
        "Funding came from Export Credit Norway (ECN), which backed the plant.",
        "Export Credit Norway",
        id="acronym-after-a-body-named-for-a-country",
    ),
]


@pytest.mark.parametrize(("text", "name"), CONTEXT)
def test_context_makes_a_name_an_organisation(text: str, name: str) -> None:
    assert name in names(text)


def test_role_before_span_keeps_the_fuller_form() -> None:
    text = "A unit of National Mining Company Ortau Samruk will run the plant."
    fact = the_one(text, "Ortau Samruk")
    assert fact["text"] == "National Mining Company Ortau Samruk"


GROUPED = [
    P(
        "Two former Kazmedny staff spoke out. Kazmedny Corporation denied it. "
        "Refining is done by Kazmedny Progress LLP. Kazmedny said it complies.",
        {"Kazmedny Corporation", "Kazmedny Progress LLP"},
        id="short-form-without-legal-form",
    ),
    P(
        "Corran Rare Earths Ltd (ASX: CRN) sold more oxide. Corran expects higher prices.",
        {"Corran Rare Earths Ltd", "ASX"},
        id="short-form-without-sector-words",
    ),
    P(
        "Corran wins new funding. Corran Rare Earths said the loan was approved.",
        {"Corran Rare Earths"},
        id="short-form-before-the-full-name",
    ),
    P(
        "The loan comes from Export Credit Norway (ECN). ECN will also insure the shipments.",
        {"Export Credit Norway"},
        id="defined-acronym",
    ),
    P(
        'Tellmark Engineering Canada ULC ("Tellmark") will lead the study. Tellmark is a '
        "global engineering company.",
        {"Tellmark Engineering Canada ULC"},
        id="defined-short-name",
    ),
    P(
        "It agreed to supply Orbis Electric Company (OE). OE will buy the oxide.",
        {"Orbis Electric Company"},
        id="initials",
    ),
    P(
        "The state mining company Ortau Samruk will lead. Ortau Samruk is ready.",
        {"Ortau Samruk"},
        id="role-before-then-bare",
    ),
    P(
        "Sales at Yunling Rare Earth fell. Yunling Rare Earths blamed prices.",
        {"Yunling Rare Earths"},
        id="plural-variant",
    ),
    P(
        "Fjordland Minerals appealed. Its subsidiary Fjordland Minerals A/S holds the licence.",
        {"Fjordland Minerals", "Fjordland Minerals A/S"},
        id="subsidiary-kept-apart",
    ),
]


@pytest.mark.parametrize(("text", "expected"), GROUPED)
def test_mentions_of_one_organisation_share_the_fullest_name(text: str, expected: set[str]) -> None:
    assert names(text) == expected


def test_bare_repeats_are_mentions_too() -> None:
    text = "Two former Kazmedny staff spoke out. Kazmedny Corporation denied it. Kazmedny said so."
    found = facts_of(text, "organization")
    assert [f["text"] for f in found] == ["Kazmedny", "Kazmedny Corporation", "Kazmedny"]
    assert {f["name"] for f in found} == {"Kazmedny Corporation"}


NOT_ORGANISATIONS = [
    P("Drilling at the Merrin Gold project resumed.", id="project-after-sector-word"),
    P("The Pallid Creek Gold Project is fully permitted.", id="Project-head"),
    P("The company said the Ministry would decide.", id="generic-company-and-ministry"),
    P("Prime Minister Arman Seitkali visited the mine.", id="person-with-title"),
    P("Work began in Western Australia and the Northern Territory.", id="places"),
    P("The Mineral Resource Estimate (MRE) grew by 20%.", id="defined-technical-term"),
    P("The Pre-Feasibility Study (PFS) is due in May.", id="defined-study"),
    P("The Board of Directors approved the budget.", id="board-of-directors"),
    P("Kazakhstan is a major producer of uranium.", id="country-as-producer"),
    P("Rare Earth Prices Fall As Demand Weakens", id="headline"),
    P("Investors expect Critical Raw Materials to matter more.", id="generic-stem"),
    P("| Tarn Hill Gold | Measured | 12,310 |", id="table-cell"),
    P("The National Mining Company has no licence yet.", id="generic-legal-stem"),
    P("Ore is trucked to the mill at Kiruna.", id="place-only"),
    P("The plant was sold, said Dana Orlova, a company spokeswoman.", id="person-apposition"),
    P("According to the company, Dana Orlova will retire.", id="person-after-the-company"),
    P("Orvane and Tellis must pay, the regulator said.", id="clause-after-the"),
    P("The Nasdaq Composite slid 1.1% on Friday.", id="index-named-after-an-exchange"),
    P("Human Resources staff say Planet Earth is warming.", id="generic-sector-words"),
]


@pytest.mark.parametrize("text", NOT_ORGANISATIONS)
def test_not_an_organisation(text: str) -> None:
    assert names(text) == set()


def test_short_form_after_the_is_left_alone() -> None:
    text = "Marlin Minerals owns projects in the Marlin and Gascoyne regions."
    found = facts_of(text, "organization")
    assert [f["text"] for f in found] == ["Marlin Minerals"]


def test_short_form_inside_a_longer_name_is_left_alone() -> None:
    text = "Corran Rare Earths Ltd built a plant. Corran Malaysia staff helped."
    assert [f["text"] for f in facts_of(text, "organization")] == ["Corran Rare Earths Ltd"]


def test_bare_name_without_form_words_is_not_guessed() -> None:
    # No legal form, sector word, ticker or role word: nothing says it is a company.
    assert names("The smelter was sold to Harrowgate last year.") == set()


def test_offsets_point_into_the_original_text() -> None:
    text = "The buyer is \u201cTarn\u00a0Valley Minerals\u201d, a Canadian company."
    for fact in facts_of(text, "organization"):
        assert text[fact["start"] : fact["end"]] == fact["text"]
    assert names(text) == {"Tarn Valley Minerals"}


def test_addresses_are_not_organisations() -> None:
    text = "See https://example.com/Corran-Rare-Earths-Ltd for details."
    assert names(text) == set()


def test_organisation_claims_its_span() -> None:
    scan = Scan("Shares in Tindal Minerals rose after Bayankol Mining JSC sold ore.")
    find_organizations(scan)
    start = scan.text.index("Minerals")
    assert scan.claimed(start, start + len("Minerals"), kinds=("organization",))
    start = scan.text.index("Bayankol")
    assert scan.claimed(start, start + len("Bayankol"), kinds=("organization",))


def test_address_claims_are_skipped() -> None:
    scan = Scan("Write to Corran Rare Earths Ltd today.")
    start = scan.text.index("Corran")
    scan.claim(start, start + len("Corran Rare Earths Ltd"), kind="address")
    find_organizations(scan)
    assert scan.facts == []


SHORT_FORMS = [
    P("Lyndon Rare Earths Ltd", ["Lyndon Rare Earths", "Lyndon"], id="legal-and-sector"),
    P("LLP Ortaugeosurvey", ["Ortaugeosurvey"], id="legal-before"),
    P("Kazmedny Corporation", ["Kazmedny"], id="legal-only"),
    P("Western Rare Earths", [], id="generic-short-form-dropped"),
    P("Greenvale Minerals", ["Greenvale"], id="sector-only"),
]


@pytest.mark.parametrize(("name", "expected"), SHORT_FORMS)
def test_short_forms(name: str, expected: list[str]) -> None:
    assert short_forms(name) == expected


def _org(name: str, start: int, kind: str = "company") -> Organization:
    return Organization(text=name, start=start, end=start + len(name), name=name, kind=kind)


GROUP_TABLE = [
    P(["Lyndon", "Lyndon Rare Earths Ltd"], ["Lyndon Rare Earths Ltd"] * 2, id="short-to-full"),
    P(
        ["Kazmedny", "Kazmedny Corporation", "Kazmedny Progress LLP"],
        ["Kazmedny Corporation", "Kazmedny Corporation", "Kazmedny Progress LLP"],
        id="sister-company-kept-apart",
    ),
    P(["TSX", "Toronto Stock Exchange"], ["Toronto Stock Exchange"] * 2, id="exchange"),
    P(["OE", "Orbis Electric Company"], ["Orbis Electric Company"] * 2, id="initials"),
    P(
        ["ATLAS Energy Corp", "Atlas Energy Corp.", "Atlas Energy"],
        ["Atlas Energy Corp."] * 3,
        id="case-and-legal-form",
    ),
    P(["Alpha Gold", "Beta Gold"], ["Alpha Gold", "Beta Gold"], id="distinct-companies"),
]


@pytest.mark.parametrize(("given", "expected"), GROUP_TABLE)
def test_group_organizations(given: list[str], expected: list[str]) -> None:
    facts = [_org(name, i * 100) for i, name in enumerate(given)]
    assert [f.name for f in group_organizations(facts)] == expected


def test_group_organizations_keeps_a_subsidiary_apart() -> None:
    facts = [_org("Fjordland Minerals", 0), _org("Fjordland Minerals A/S", 50, "subsidiary")]
    assert [f.name for f in group_organizations(facts)] == [
        "Fjordland Minerals",
        "Fjordland Minerals A/S",
    ]


def test_group_organizations_is_idempotent() -> None:
    facts = [_org("Lyndon", 0), _org("Lyndon Rare Earths Ltd", 10), _org("TSX", 40)]
    once = group_organizations(facts)
    assert group_organizations(once) == once
