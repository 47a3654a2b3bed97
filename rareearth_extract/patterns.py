"""Compiled patterns, built once from the data files.

Regexes are composed from data lists (escaped, longest first) the way
price-parser builds its currency patterns. All are compiled lazily, once per
process, with the ``regex`` module; repetitions are possessive or bounded so
that no input backtracks catastrophically.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pycountry
import regex

from . import numbers
from .resources import read_lines, read_rows

FLAGS = regex.VERSION1

# A number may not start inside a word, a number, a code or a ratio.
NUMBER_START = r"(?<![\w.,/:#$€£¥₸₽])"


def alternation(
    surfaces: Iterable[str], *, case_sensitive: bool = True, guard: str = r"(?![A-Za-z0-9])"
) -> str:
    """A regex alternation of literal surfaces, longest first.

    A surface ending in a letter or digit gets `guard` after it, so that "t" does
    not match the start of "the" (currencies pass a letters-only guard: "KZT29").
    """
    parts = []
    for surface in sorted(set(surfaces), key=lambda s: (-len(s), s)):
        part = regex.escape(surface)
        if surface[-1:].isalnum():
            part += guard
        parts.append(part)
    body = "|".join(parts) or r"(?!)"
    return f"(?:{body})" if case_sensitive else f"(?i:{body})"


@cache
def unit_pattern() -> str:
    """Every surface of the unit table, case-sensitive rows exactly, the rest in any case."""
    rows = read_rows("unit_surfaces.tsv")
    cs = [r[0] for r in rows if r[3] == "cs"]
    ci = [r[0] for r in rows if r[3] != "cs"]
    # Longest first across both groups, so "metric tonnes" beats "m".
    return f"(?:{alternation(ci, case_sensitive=False)}|{alternation(cs)})"


def value_pattern(prefix: str) -> str:
    """A number in digits or words, with an optional worded scale and a mixed tail."""
    digits = numbers.DIGITS
    words = numbers.word_number_pattern()
    scale = numbers.scale_words_pattern()
    return (
        rf"(?:(?P<{prefix}d>{digits})|(?<![\w-])(?P<{prefix}w>{words}))"
        rf"(?:[ -](?P<{prefix}sc>{scale}))?+"
        rf"(?:[ ](?:and[ ])?(?P<{prefix}d2>{digits})[ ](?P<{prefix}sc2>{scale}))?+"
    )


@cache
def quantity_re() -> regex.Pattern[str]:
    """A quantity: a value (or a range of two) and a unit."""
    unit = unit_pattern()
    fillers = alternation(read_lines("measure_fillers.txt"))
    single = (
        rf"{value_pattern('a')}"
        rf"(?:[ ]?-[ ]?|[ ]?)(?:(?P<filler>{fillers})[ ])?+"
        rf"(?P<ua>{unit})"
    )
    ranged = (
        rf"(?P<between>(?i:between|from)[ ])?+(?P<paren>\()?+"
        rf"{value_pattern('a')}(?:[ ]?(?P<ua>{unit}))?+"
        rf"[ ]?(?P<conn>-|(?i:to|and|through))[ ]?~?[ ]?"
        rf"{value_pattern('b')}(?(paren)\))"
        rf"(?:[ ]?-[ ]?|[ ]?)(?:(?P<filler>{fillers})[ ])?+(?P<ub>{unit})"
    )
    return regex.compile(rf"{NUMBER_START}(?:{ranged}|{single})", FLAGS)


@cache
def single_quantity_re() -> regex.Pattern[str]:
    """A single-valued quantity anchored at a position (used when a range is rejected)."""
    unit = unit_pattern()
    fillers = alternation(read_lines("measure_fillers.txt"))
    return regex.compile(
        rf"{value_pattern('a')}(?:[ ]?-[ ]?|[ ]?)(?:(?P<filler>{fillers})[ ])?+(?P<ua>{unit})",
        FLAGS,
    )


@cache
def count_re() -> regex.Pattern[str]:
    """A count of mining things: "50 deposits", "four prospective zones", "44-hole"."""
    nouns = alternation(read_lines("count_nouns.txt"), case_sensitive=False)
    stop = alternation(read_lines("count_stopwords.txt"), case_sensitive=False)
    word = rf"(?!{stop}|{nouns})[A-Za-z][A-Za-z'-]{{0,30}}+"
    return regex.compile(
        rf"{NUMBER_START}{value_pattern('a')}"
        rf"(?:-(?P<noun1>{nouns})|(?P<between>(?:[ ]{word}){{0,3}}?)[ ](?P<noun2>{nouns}))",
        FLAGS,
    )


@cache
def qualifier_before_re() -> regex.Pattern[str]:
    """A qualifier phrase ending where a number (or its currency) begins."""
    rows = read_rows("qualifiers.tsv")
    words = [r[0] for r in rows if r[0][0].isalpha()]
    signs = [r[0] for r in rows if not r[0][0].isalpha()]
    word_alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    sign_alt = "|".join(regex.escape(s) for s in sorted(signs, key=len, reverse=True))
    return regex.compile(
        rf"(?:(?<![\w])(?P<q>(?i:{word_alt}))(?:[ ]of)?[ ]\(?|(?P<q>{sign_alt})[ ]?)$", FLAGS
    )


@cache
def qualifier_table() -> dict[str, str]:
    """Qualifier phrase (lower case) -> qualifier name."""
    return {phrase.lower(): name for phrase, name in read_rows("qualifiers.tsv")}


@cache
def iso_codes() -> frozenset[str]:
    """ISO 4217 alphabetic codes in use (pycountry), less codes that read as words."""
    excluded = set(read_lines("currency_code_exclusions.txt"))
    return frozenset(c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in excluded)


@cache
def all_iso_codes() -> frozenset[str]:
    """Every ISO 4217 alphabetic code, for exchange-rate pairs."""
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@cache
def currency_surfaces() -> dict[str, tuple[str, str]]:
    """Surface -> (code or "$", position); case-insensitive rows keyed lower-case."""
    table: dict[str, tuple[str, str]] = {}
    for surface, code, position, case in read_rows("currency_surfaces.tsv"):
        table[surface if case == "cs" else surface.lower()] = (code, position)
    return table


def currency_alternation(position: str) -> str:
    """Currency surfaces usable before ("pre") or after ("post") a number, plus ISO codes."""
    rows = read_rows("currency_surfaces.tsv")
    cs = [r[0] for r in rows if r[3] == "cs" and r[2] in (position, "both")]
    ci = [r[0] for r in rows if r[3] != "cs" and r[2] in (position, "both")]
    codes = sorted(iso_codes())
    code_alt = "|".join(codes)
    letters = r"(?![A-Za-z])"
    return (
        rf"(?:{alternation(cs, guard=letters)}|{alternation(ci, case_sensitive=False, guard=letters)}"
        rf"|(?<![A-Za-z])(?:{code_alt}){letters})"
    )


@cache
def money_re() -> regex.Pattern[str]:
    """Money: currency before or after a number, scales, ranges, unit prices."""
    digits = numbers.DIGITS
    scale = (
        rf"(?:[ ]?-?[ ]?(?P<{{p}}sc>{numbers.scale_words_pattern()})"
        rf"|[ ]?(?P<{{p}}sc>{numbers.scale_suffix_pattern()}))"
    )
    pre = currency_alternation("pre")
    post = currency_alternation("post")
    sa = scale.format(p="a")
    sb = scale.format(p="b")
    amount_a = rf"(?P<neg>-[ ]?)?+(?P<lpar>\()?+(?P<ad>{digits})(?(lpar)\))(?:{sa})?+"
    amount_b = rf"(?P<bd>{digits})(?:{sb})?+"
    pre_form = (
        rf"(?P<negc>-[ ]?)?+(?P<cpre>{pre})[ ]?{amount_a}"
        rf"(?:[ ]?(?P<conn>-|(?i:to|and))[ ]?(?:(?P<cpre2>{pre})[ ]?)?+{amount_b})?+"
    )
    post_form = (
        rf"{NUMBER_START}{amount_a}"
        rf"(?:[ ]?(?P<conn>-|(?i:to|and))[ ]?{amount_b})?+"
        rf"[ ]?(?P<cpost>{post})"
    )
    return regex.compile(rf"(?P<between>(?i:between)[ ])?+(?:{pre_form}|{post_form})", FLAGS)


@cache
def per_unit_re() -> regex.Pattern[str]:
    """The "per unit" tail of a price: "/oz", " per tonne", " a pound"."""
    units = alternation(
        [
            "oz", "ounce", "tonne", "ton", "t", "dmt", "wmt", "kg", "lb", "lbs", "pound",
            "mtu", "share", "unit", "kWh", "MWh", "carat", "g", "gram", "barrel", "bbl",
            "metric ton", "metric tonne", "Mt", "m", "metre", "meter", "year",
        ]
    )
    return regex.compile(rf"(?:[ ]?/[ ]?|[ ](?i:per|an?)[ ])(?P<per>{units})", FLAGS)


@cache
def exchange_rate_re() -> regex.Pattern[str]:
    """Exchange-rate statements: "KZT/USD = 0.00188 0%", "$1 = 1.6033 Australian dollars"."""
    digits = numbers.DIGITS
    pre = currency_alternation("pre")
    post = currency_alternation("post")
    pair = (
        r"(?<![A-Za-z])(?P<base>[A-Z]{3})[ ]?[/:][ ]?(?P<quote>[A-Z]{3})(?![A-Za-z])"
        r"(?:[ ](?i:exchange[ ])?(?i:rate))?+[ ]?(?:=|:|(?i:is|was|at|of))?[ ]?"
        rf"(?P<rate>{digits})(?:[ ]{{1,3}}(?P<chg>[-+]?{digits})[ ]?%)?+"
    )
    one = (
        rf"(?:(?P<bpre>{pre})[ ]?1(?![\d.,])|(?<![\d.,])1[ ]?(?P<bpost>{post}))"
        rf"[ ]?=[ ]?(?:(?P<qpre>{pre})[ ]?(?P<rate1>{digits})|(?P<rate2>{digits})[ ]?(?P<qpost>{post}))"
    )
    return regex.compile(rf"(?:{pair}|{one})", FLAGS)


@cache
def dollar_statement_re() -> regex.Pattern[str]:
    """Statements that settle what a bare "$" means ("All dollar amounts are in C$")."""
    names = "|".join(regex.escape(r[0]) for r in read_rows("dollar_statements.tsv"))
    return regex.compile(
        r"(?i:(?:all|unless[ ]otherwise[ ](?:stated|noted|indicated|specified))"
        r"[^.\n]{0,80}?(?:amounts|figures|dollars|currency|\$)[^.\n]{0,40}?"
        rf"(?:in|are)[ ](?P<name>{names})[ ]dollars)",
        FLAGS,
    )
