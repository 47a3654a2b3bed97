"""Commodities: element names, symbols, oxides, groups, aggregates, minerals, non-mentions.

All sentences are invented for these tests. Each table row gives a sentence and
the set of canonical names its commodity facts must carry (document-level
scoring compares exactly these sets).
"""

from __future__ import annotations

import pytest

from rareearth_extract import extract_facts
from rareearth_extract.facts import Fact
from rareearth_extract.resources import read_rows

P = pytest.param


def commodities(text: str) -> list[Fact]:
    """The commodity facts found in `text`."""
    return [f for f in extract_facts(text) if f.type == "commodity"]


def names(text: str) -> set[str]:
    """The distinct canonical commodity names found in `text`."""
    return {f.name for f in commodities(text)}  # type: ignore[attr-defined]


ELEMENT_NAMES = [
    P("Assays showed cerium and yttrium in the clay.", {"cerium", "yttrium"}, id="lower-case"),
    P("Tungsten output doubled at Harrow Creek.", {"tungsten"}, id="sentence-start"),
    P("The smelter buys aluminum scrap.", {"aluminium"}, id="american-aluminum"),
    P("Pollucite is mined for cesium.", {"caesium"}, id="american-cesium"),
    P("The refinery sells sulphur as a by-product.", {"sulfur"}, id="british-sulphur"),
    P("Molibdenum reserves were revised.", {"molybdenum"}, id="transliteration"),
    P("The belt hosts wolfram veins.", {"tungsten"}, id="old-name-wolfram"),
    P("Niobium (columbium) grades were low.", {"niobium"}, id="old-name-columbium"),
    P("Scandium and gallium are by-products.", {"scandium", "gallium"}, id="minor-metals"),
    P("TIN AND TANTALUM PROSPECTS", {"tin", "tantalum"}, id="upper-case-heading"),
    P("The samples carried gold, silver and platinum.", {"gold", "silver", "platinum"}, id="list"),
    P("Spodumene concentrate and lithium hydroxide", {"spodumene", "lithium"}, id="product-word"),
    P("Copper concentrate exports rose.", {"copper"}, id="concentrate-to-element"),
    P("Prices for neodymium oxide rose.", {"neodymium"}, id="named-oxide"),
    P("The plant sells niobium oxide.", {"niobium"}, id="niobium-oxide"),
    P("Buyers want praseodymium oxide.", {"praseodymium"}, id="praseodymium-oxide"),
    P("Output of lithium oxide fell.", {"lithium"}, id="lithium-oxide"),
]


@pytest.mark.parametrize(("text", "expected"), ELEMENT_NAMES)
def test_element_names(text: str, expected: set[str]) -> None:
    assert names(text) == expected


SYMBOLS = [
    P("Hole 7 cut 12 m @ 3.2 g/t Au from 45 m.", {"gold"}, id="g/t-Au"),
    P("The zone averages 0.5% Cu over 80 m.", {"copper"}, id="percent-Cu"),
    P("Trenching returned 140 g/t Ag and 2.1% Zn.", {"silver", "zinc"}, id="two-grades"),
    P("Reserves hold 1.4 Moz Au.", {"gold"}, id="mass-unit-Au"),
    P("Soils returned 45 ppm In near the vein.", set(), id="In-before-word"),
    P("Soils returned up to 45 ppm In.", {"indium"}, id="In-after-grade"),
    P("The 2.3 g/t AuEq cut-off applies.", {"gold"}, id="AuEq"),
    P("A Cu-Au porphyry lies beneath the lake.", {"copper", "gold"}, id="hyphen-list"),
    P(
        "Targets include Nd, Pr, Dy and Tb.",
        {"neodymium", "praseodymium", "dysprosium", "terbium"},
        id="comma-list",
    ),
    P(
        "The Ni-Cu-PGE intrusion was drilled.",
        {"nickel", "copper", "platinum group metals"},
        id="list-with-acronym",
    ),
    P("Pb/Zn ratios vary.", {"lead", "zinc"}, id="slash-list"),
    P("Cu grades improved at depth.", {"copper"}, id="symbol-before-cue"),
    P("Assays of 1.2% Ni, Cu and Co", {"nickel", "copper", "cobalt"}, id="graded-list"),
    P(
        "The ore holds REO, U3O8 and Zn.",
        {"rare earth elements", "uranium", "zinc"},
        id="list-with-oxide",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SYMBOLS)
def test_symbols_in_context(text: str, expected: set[str]) -> None:
    assert names(text) == expected


OXIDES = [
    P("The resource grades 1.3% Li2O.", {"lithium"}, id="Li2O"),
    P("The resource grades 1.3% Li₂O.", {"lithium"}, id="unicode-subscript"),
    P("The resource grades 1.3% LiO.", {"lithium"}, id="lost-subscript"),
    P("Drilling hit 900 ppm U3O8.", {"uranium"}, id="U3O8"),
    P("Drilling hit 900 ppm U308.", {"uranium"}, id="U308-typo"),
    P("Concentrate at 65% WO3 was sold.", {"tungsten"}, id="WO3"),
    P("Pegmatite grades 300 ppm Ta2O5.", {"tantalum"}, id="Ta2O5"),
    P("CeO2 and La2O3 dominate the basket.", {"cerium", "lanthanum"}, id="CeO2-La2O3"),
    P("Pr6O11 and Nd2O3 make up a fifth.", {"praseodymium", "neodymium"}, id="Pr6O11-Nd2O3"),
    P("Tb4O7 and Dy2O3 are the heavies.", {"terbium", "dysprosium"}, id="Tb4O7-Dy2O3"),
    P("Y2O3 and Sc2O3 were assayed.", {"yttrium", "scandium"}, id="Y2O3-Sc2O3"),
    P("Mineral sands grade 4% TiO2.", {"titanium"}, id="TiO2"),
    P("The concentrate holds 1.5% Fe2O3 and 2% SiO2.", set(), id="gangue-oxides"),
    P("Emissions of CO2 and SO2 fell.", set(), id="gases"),
    P("The Wolf River stock (WO) fell.", set(), id="one-letter-without-count"),
    P("Stocks of uranium oxide rose.", {"uranium oxide"}, id="uranium-oxide"),
]


@pytest.mark.parametrize(("text", "expected"), OXIDES)
def test_oxides(text: str, expected: set[str]) -> None:
    assert names(text) == expected


GROUPS = [
    P("The basin holds rare earths.", {"rare earth elements"}, id="rare-earths"),
    P("Output of rare-earth metals grew.", {"rare earth elements"}, id="hyphenated"),
    P("Demand for rare earth metals rose.", {"rare earth elements"}, id="rare-earth-metals"),
    P("A rare earth oxide plant opened.", {"rare earth elements"}, id="rare-earth-oxide"),
    P("The REE content is high.", {"rare earth elements"}, id="REE"),
    P("Grades reach 2.4% TREO.", {"rare earth elements"}, id="TREO"),
    P("Sales of REO rose and REM prices fell.", {"rare earth elements"}, id="REO-REM"),
    P("The MREO basket is rich.", {"rare earth elements"}, id="MREO"),
    P("The deposit is enriched in LREE.", {"light rare earth elements"}, id="LREE"),
    P(
        "Heavy rare earths such as dysprosium",
        {"heavy rare earth elements", "dysprosium"},
        id="heavy-rare-earths",
    ),
    P("The HREO share is 12%.", {"heavy rare earth elements"}, id="HREO"),
    P(
        "Both light and heavy rare earths occur.",
        {"light rare earth elements", "heavy rare earth elements"},
        id="light-and-heavy",
    ),
    P("Lanthanides were found.", {"lanthanides"}, id="lanthanides"),
    P("The reef carries PGMs.", {"platinum group metals"}, id="PGMs"),
    P("A platinum-group metals project", {"platinum group metals"}, id="platinum-group"),
    P("An auction of rare metals deposits", {"rare metals"}, id="rare-metals"),
    P("Precious metals and base metals", {"precious metals", "base metals"}, id="metal-groups"),
    P(
        "Reserves of base and precious metals",
        {"base metals", "precious metals"},
        id="two-groups-one-noun",
    ),
]


@pytest.mark.parametrize(("text", "expected"), GROUPS)
def test_groups(text: str, expected: set[str]) -> None:
    assert names(text) == expected


AGGREGATES = [
    P("NdPr oxide prices climbed.", {"neodymium", "praseodymium"}, id="NdPr"),
    P("The Pr-Nd basket is valuable.", {"neodymium", "praseodymium"}, id="Pr-Nd"),
    P("neodymium-praseodymium output", {"neodymium", "praseodymium"}, id="spelled-out"),
    P("DyTb supply is tight.", {"dysprosium", "terbium"}, id="DyTb"),
]


@pytest.mark.parametrize(("text", "expected"), AGGREGATES)
def test_aggregates(text: str, expected: set[str]) -> None:
    assert names(text) == expected


def test_aggregate_gives_one_fact_per_element_over_one_span() -> None:
    found = commodities("NdPr oxide prices climbed.")
    assert [(f.text, f.name, f.symbol) for f in found] == [  # type: ignore[attr-defined]
        ("NdPr", "neodymium", "Nd"),
        ("NdPr", "praseodymium", "Pr"),
    ]


MINERALS_AND_PRODUCTS = [
    P("Monazite and xenotime were recovered.", {"monazite", "xenotime"}, id="ree-minerals"),
    P("The carbonatite hosts bastnäsite.", {"bastnäsite"}, id="bastnasite-umlaut"),
    P("The carbonatite hosts bastnaesite.", {"bastnäsite"}, id="bastnaesite"),
    P("Flake graphite and spodumene", {"graphite", "spodumene"}, id="graphite-spodumene"),
    P("Iron ore and coking coal exports", {"iron ore", "coal"}, id="bulk"),
    P("Phosphate rock and potash", {"phosphate", "potash"}, id="fertiliser"),
    P("Ilmenite, rutile and zircon", {"ilmenite", "rutile", "zircon"}, id="mineral-sands"),
    P(
        "The plant makes mixed rare earth carbonate (MREC).",
        {"mixed rare earth carbonate"},
        id="MREC",
    ),
    P("Mischmetal is an alloy.", {"mischmetal"}, id="mischmetal"),
    P("NdFeB magnets use it.", {"ndfeb"}, id="NdFeB"),
    P("The mill produces yellowcake.", {"uranium"}, id="yellowcake"),
]


@pytest.mark.parametrize(("text", "expected"), MINERALS_AND_PRODUCTS)
def test_minerals_and_products(text: str, expected: set[str]) -> None:
    assert names(text) == expected


NOT_COMMODITIES = [
    P("In 2024 the board met As planned.", set(), id="English-In-As"),
    P("Be sure to read the notes.", set(), id="English-Be"),
    P("No drilling took place, I think.", set(), id="English-No-I"),
    P("Li Wei chaired the meeting.", set(), id="surname-Li"),
    P("Co-founder Jane Ames spoke.", set(), id="Co-hyphen-word"),
    P("The stake rose to 100% U.S.-owned.", set(), id="US-after-percent"),
    P("Categories B and C were revised.", set(), id="single-letters"),
    P("The matrix holds Mg/Fe chlorite.", set(), id="rock-forming-symbols"),
    P("The lead time is six weeks.", set(), id="lead-verb-noun"),
    P("Delays could lead to losses.", set(), id="lead-verb"),
    P("The gold standard of studies", set(), id="gold-standard"),
    P("Carbon emissions and hydrogen plans", set(), id="gases-and-carbon"),
    P("Gold Fields Limited bought the stake.", set(), id="company-Gold-Fields"),
    P("Shares of Lynas Rare Earths rose.", set(), id="company-Lynas"),
    P("Crews rebuilt the Iron Bridge haul road.", set(), id="place-Iron-Bridge"),
]


@pytest.mark.parametrize(("text", "expected"), NOT_COMMODITIES)
def test_not_commodities(text: str, expected: set[str]) -> None:
    assert names(text) == expected


LEAD_IN_CONTEXT = [
    P("Copper, lead and zinc were mined.", {"copper", "lead", "zinc"}, id="in-a-list"),
    P("A lead-zinc mine reopened.", {"lead", "zinc"}, id="hyphenated-pair"),
    P("Lead concentrate shipments", {"lead"}, id="before-cue"),
    P("The mine shipped 5,000 tonnes of lead.", {"lead"}, id="after-of"),
    P("Lead $ 2.17 kg", {"lead"}, id="before-price"),
]


@pytest.mark.parametrize(("text", "expected"), LEAD_IN_CONTEXT)
def test_lead_only_in_commodity_context(text: str, expected: set[str]) -> None:
    assert names(text) == expected


FIELDS = [
    P("cerium", "Ce", "light rare earth elements", id="cerium-light"),
    P("gadolinium", "Gd", "light rare earth elements", id="gadolinium-light-usgs-split"),
    P("terbium", "Tb", "heavy rare earth elements", id="terbium-heavy"),
    P("yttrium", "Y", "heavy rare earth elements", id="yttrium-heavy"),
    P("scandium", "Sc", "rare earth elements", id="scandium-ree"),
    P("gold", "Au", "precious metals", id="gold-precious"),
    P("palladium", "Pd", "precious metals", id="pgm-precious"),
    P("nickel", "Ni", "base metals", id="nickel-base"),
    P("lithium", "Li", None, id="lithium-no-group"),
    P("PGM", None, "precious metals", id="group-of-group"),
    P("iron ore", None, None, id="product-no-symbol"),
]


@pytest.mark.parametrize(("surface", "symbol", "group"), FIELDS)
def test_symbol_and_group(surface: str, symbol: str | None, group: str | None) -> None:
    (fact,) = commodities(f"The study covers {surface} only.")
    assert (fact.symbol, fact.group) == (symbol, group)  # type: ignore[attr-defined]


CAPITALISED = [
    P(
        "Harlow To Expand Rare Earth And Tungsten Output",
        {"rare earth elements", "tungsten"},
        id="headline-keeps-words",
    ),
    P("Analysts at Copper Street Partners expect more.", set(), id="name-in-prose"),
    P("The Copper Project sits west of town.", {"copper"}, id="before-cue-noun"),
    P(
        "Neodymium Oxide and Platinum Palladium prices",
        {"neodymium", "platinum", "palladium"},
        id="next-to-commodity",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CAPITALISED)
def test_capitalised_words(text: str, expected: set[str]) -> None:
    assert names(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "Grades of 1.2% Li₂O and 0.4% Ta₂O₅ were  reported for spodumene."
    found = commodities(text)
    assert [f.text for f in found] == ["Li₂O", "Ta₂O₅", "spodumene"]
    for f in found:
        assert text[f.start : f.end] == f.text


def test_element_table_is_complete_and_iupac() -> None:
    rows = read_rows("elements.tsv")
    assert len(rows) == 118
    by_name = {row[1]: row for row in rows}
    assert {"aluminium", "caesium", "sulfur"} <= by_name.keys()
    assert not {"aluminum", "cesium", "sulphur"} & by_name.keys()
    rare_earths = [row for row in rows if "rare earth" in row[3]]
    assert len(rare_earths) == 17


def test_vocabulary_names_are_canonical_lower_case() -> None:
    for row in read_rows("commodity_terms.tsv"):
        for name in row[1].split("|"):
            assert name == name.lower(), row
