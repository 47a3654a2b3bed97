"""Properties that hold for any text, hostile text included (hypothesis).

* extraction never raises, offsets (of nested facts too) slice back to the text,
  facts come sorted by start, and no number is infinite or NaN;
* text that ends in a newline and yields nothing, put in front, only shifts the
  offsets: every other field stays the same;
* extraction in chunks (as for texts over spaCy's ``max_length``) keeps those
  properties, and gives the same facts whether the text arrives whole or in
  pieces of any size.

``tests/fuzz/fuzz_extract.py`` runs these properties for a fixed time (CI does,
for a minute or two); here each runs a modest number of examples.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
from conftest import walk
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rareearth_extract import extract_facts
from rareearth_extract.engine import extract, iter_extract
from rareearth_extract.facts import Fact
from rareearth_extract.normalize import normalize
from rareearth_extract.serialize import to_dict

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of mining news and of hostile text, glued at random by the strategies.
FRAGMENTS = [
    "1,250",
    "3.5",
    "12,00,000",
    "7,7",
    "2 014.4",
    "1 000 000 000",
    "0.00188",
    "1e999",
    "\u00bd",
    " \u00b1 0.2",
    "(65.4)",
    "-",
    "\u2212",
    "\u2013",
    " to ",
    " and ",
    "between ",
    "about ",
    "up to ",
    "more than ",
    "~",
    ">",
    "thousand",
    "million",
    "bn",
    "m",
    "k",
    " ",
    "  ",
    "\u00a0",
    "\u200b",
    "\n",
    "\n\n",
    "\r\n",
    "*",
    "\u00b2",
    " t",
    " tonnes",
    " Mt",
    " oz",
    " g/t",
    " ppm",
    "%",
    "% TREO",
    "Li2O",
    " tpa",
    " km2",
    " ha",
    " m",
    " years",
    " drill holes",
    " deposits",
    "$",
    "US$",
    "A$",
    "\u20ac",
    "\u20b8",
    "KZT",
    " tenge",
    " yuan",
    "/kg",
    " per tonne",
    "(",
    ")",
    "KZT/USD = ",
    "1 USD = ",
    "June 2025",
    "Q1 2025",
    "first half of ",
    "2024",
    "2024-05-31",
    " @ ",
    " from ",
    " including ",
    " over ",
    "Hole AB-017: ",
    "measured",
    " indicated",
    " inferred resources",
    "C1",
    "A+B+C1",
    " of ",
    "All dollar amounts are in Canadian dollars. ",
    "\u201c",
    "\u201d",
    '"',
    "four",
    "twenty-four",
    "Kuirektykol",
    " deposit",
    " deposits",
    " project",
    "Abc ",
    "Abc, ",
    "Ltd",
    " LLP",
    " (ASX: LYC)",
    ' ("Company")',
    "Karaganda Region",
    " district",
    "Almaty",
    "in ",
    "Kazakhstan",
    "Cu-Au",
    "Nd, Pr",
    "cerium",
    "REE",
    "Gold Fields",
    ". ",
    ", ",
    "; ",
    "http://a.b/c ",
    "a@b.c ",
    # hostile
    "\u202e",
    "\u200f",
    "\u2067",
    "\u0301\u0308",
    "\U0001f48e",
    "\u200d",
    "\ufeff",
    "\x00",
    "\x1b[0m",
    "\u0663",
    "\uff15",
]

fragment = st.sampled_from(FRAGMENTS)
# "$$$$", "((((", "1 1 1 ", "Abc Abc ...": runs are where backtracking and affix splitting hurt
run = st.tuples(fragment, st.integers(2, 80)).map(lambda pair: pair[0] * pair[1])
any_chars = st.text(st.characters(exclude_categories=()), max_size=40)
surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
decoded = st.binary(max_size=120).map(lambda b: b.decode("utf-8", errors="replace"))
piece = st.one_of(fragment, fragment, fragment, run, any_chars, surrogates, decoded)
hostile_text = st.lists(piece, max_size=40).map("".join)
long_hostile_text = st.lists(piece, min_size=20, max_size=120).map("".join)


def check(text: str, facts: list[Fact]) -> None:
    """The properties every result has, whatever the text."""
    for top in facts:
        for f in walk(top):
            assert 0 <= f.start <= f.end <= len(text), (f.type, f.start, f.end, len(text))
            assert text[f.start : f.end] == f.text, (f.type, f.start, f.end)
            for field in attrs.fields(type(f)):
                value = getattr(f, field.name)
                if isinstance(value, float):
                    assert math.isfinite(value), (f.type, field.name, value)
    starts = [f.start for f in facts]
    assert starts == sorted(starts)


@SETTINGS
@given(hostile_text)
def test_hostile_text_never_raises_and_offsets_hold(text: str) -> None:
    check(text, extract_facts(text))


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]))
def test_decoded_binary_never_raises_and_offsets_hold(data: bytes, codec: str) -> None:
    text = data.decode(codec, errors="replace")
    check(text, extract_facts(text))


# --- a neutral prefix only shifts offsets -----------------------------------------

# Made-up words no vocabulary of the package knows: no number, unit, currency,
# name, place or cue. Lines of them yield no facts and change no reading after them.
NEUTRAL = ["zorbel", "quimp", "flon", "wib", "grast", "vell", "tharp", "oskle"]
neutral_line = st.lists(st.sampled_from(NEUTRAL), min_size=1, max_size=10).map(" ".join)
neutral_prefix = st.lists(neutral_line, min_size=1, max_size=3).map(lambda ls: "\n".join(ls) + "\n")


def _lines(text: str) -> set[str]:
    return {line.strip() for line in normalize(text).text.split("\n")}


def _without_offsets(value: Any) -> Any:
    """A fact's JSON form without what a shift changes (offsets, sentence)."""
    if isinstance(value, dict):
        return {
            k: _without_offsets(v)
            for k, v in value.items()
            if k not in ("start", "end", "sentence", "parent_start")
        }
    if isinstance(value, list):
        return [_without_offsets(v) for v in value]
    return value


def _offsets(fact: Fact) -> list[int | None]:
    out: list[int | None] = []
    for f in walk(fact):
        out += [f.start, f.end, getattr(f, "parent_start", None)]
    return out


@SETTINGS
@given(prefix=neutral_prefix, text=hostile_text)
def test_neutral_prefix_shifts_offsets_and_keeps_values(prefix: str, text: str) -> None:
    assume(not (_lines(prefix) & _lines(text)))  # a repeated line would be boilerplate
    assert extract_facts(prefix) == []
    plain = extract_facts(text)
    shifted = extract_facts(prefix + text)
    shift = len(prefix)
    assert [[None if o is None else o + shift for o in _offsets(f)] for f in plain] == [
        _offsets(f) for f in shifted
    ]
    assert [_without_offsets(to_dict(f)) for f in plain] == [
        _without_offsets(to_dict(f)) for f in shifted
    ]


# --- chunks and streams -------------------------------------------------------------

chunking = st.integers(min_value=20, max_value=150).flatmap(
    lambda overlap: st.tuples(st.integers(4 * overlap + 1, 4 * overlap + 600), st.just(overlap))
)


@SETTINGS
@given(text=long_hostile_text, sizes=chunking)
def test_chunked_extraction_keeps_the_properties(text: str, sizes: tuple[int, int]) -> None:
    chunk_size, overlap = sizes
    facts = extract(text, chunk_size=chunk_size, overlap=overlap)
    check(text, facts)
    if len(text) <= chunk_size:
        assert [to_dict(f) for f in facts] == [to_dict(f) for f in extract(text)]


@SETTINGS
@given(
    text=long_hostile_text,
    sizes=chunking,
    steps=st.lists(st.integers(1, 400), min_size=1, max_size=8),
)
def test_streamed_pieces_give_the_facts_of_the_whole(
    text: str, sizes: tuple[int, int], steps: list[int]
) -> None:
    chunk_size, overlap = sizes
    pieces, i, k = [], 0, 0
    while i < len(text):
        pieces.append(text[i : i + steps[k % len(steps)]])
        i += steps[k % len(steps)]
        k += 1
    streamed = list(iter_extract(pieces, chunk_size=chunk_size, overlap=overlap))
    whole = extract(text, chunk_size=chunk_size, overlap=overlap)
    assert [to_dict(f) for f in streamed] == [to_dict(f) for f in whole]
