"""Properties that hold for any input: no exceptions, valid sorted offsets, shift invariance."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rareearth_extract import extract_facts, to_dict

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of mining text: numbers, scales, units, currencies, qualifiers, rates, dates,
# and the characters the normaliser rewrites.
FRAGMENTS = [
    "1,250",
    "3.5",
    "12,00,000",
    "7,7",
    "2 014.4",
    "0.00188",
    "(65.4)",
    "-",
    "\u2212",
    "\u2013",
    "\u2014",
    " to ",
    " and ",
    "between ",
    "from ",
    "about ",
    "up to ",
    "more than ",
    "~",
    ">",
    "\u2265",
    "thousand",
    "million",
    "bn",
    "m",
    "k",
    "mln",
    "mm",
    " ",
    "  ",
    "\u00a0",
    "\u2009",
    "\u202f",
    "\u200b",
    "\n",
    "*",
    "\u00b9",
    "\u00b2",
    "tonnes",
    "tons",
    "t",
    "Mt",
    "kt",
    "oz",
    "Moz",
    "lb",
    "Mlb",
    "g/t",
    "ppm",
    "%",
    "% TREO",
    "Li2O",
    "Li\u2082O",
    "opt",
    "oz/ton",
    "tpa",
    "ktpa",
    "tpd",
    "per annum",
    "annually",
    "km2",
    "km\u00b2",
    "sq km",
    "ha",
    "acres",
    "m",
    "ft.",
    "feet",
    "years",
    "months",
    "days",
    "deposits",
    "drill holes",
    "$",
    "US$",
    "A$",
    "C$",
    "HK$",
    "\u20ac",
    "\u00a3",
    "\u20b8",
    "\u20bd",
    "KZT",
    "tenge",
    "yuan",
    "RMB",
    "rubles",
    "som",
    "/kg",
    " per tonne",
    " an ounce",
    "/mtu",
    "(",
    ")",
    "KZT/USD = ",
    "1 USD = ",
    "USD:CAD exchange rate = ",
    "($1 = ",
    " Australian dollars)",
    "June 2025",
    "Q1 2025",
    "first half of ",
    "2024",
    "February 30, 2025",
    "20th",
    "Mt Weld",
    " @ ",
    " from ",
    " over ",
    "All dollar amounts are in Canadian dollars. ",
    "\u201c",
    "\u201d",
    "four",
    "twenty-four",
    "or more",
    ".",
    ",",
    "Viewing results 1 - 6 of 4",
]

mining_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=24).map(
    "".join
)

any_text = st.one_of(st.text(), mining_text)

# A prefix line with no words, numbers or signs the matchers could read.
prefix_line = st.text(alphabet="jwq_ ", max_size=12).map(lambda s: s + "\n")


def _check_offsets(text: str) -> None:
    facts = extract_facts(text)
    for f in facts:
        assert 0 <= f.start <= f.end <= len(text), (f, len(text))
        assert text[f.start : f.end] == f.text, f
    assert [f.start for f in facts] == sorted(f.start for f in facts)


@SETTINGS
@given(st.text())
def test_any_unicode_text_never_raises_and_offsets_hold(text: str) -> None:
    _check_offsets(text)


@SETTINGS
@given(mining_text)
def test_mining_fragments_never_raise_and_offsets_hold(text: str) -> None:
    _check_offsets(text)


def _values(fact: Any) -> dict[str, Any]:
    d = to_dict(fact)
    for key in ("start", "end", "sentence"):
        d.pop(key)
    return d


@SETTINGS
@given(prefix=prefix_line, text=any_text)
def test_prefix_line_shifts_offsets_and_keeps_values(prefix: str, text: str) -> None:
    head = prefix.rstrip("\n").strip()
    assume(all(line.strip() != head for line in text.splitlines()))
    plain = extract_facts(text)
    shifted = extract_facts(prefix + text)
    assert [f.start + len(prefix) for f in plain] == [f.start for f in shifted]
    assert [f.end + len(prefix) for f in plain] == [f.end for f in shifted]
    assert [_values(f) for f in plain] == [_values(f) for f in shifted]
