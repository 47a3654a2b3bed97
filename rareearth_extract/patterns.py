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
    """A regex matching any of the literal `surfaces`, longest first, as a trie.

    With ``case_sensitive=False`` the usual capitalisations match (lower case,
    Title Case, a capital first letter, UPPER CASE). Built as a trie (``ab|ac``
    becomes ``a(?:b|c)``), so the engine rejects a position after one character
    test instead of trying every surface in turn.
    A surface ending in a letter or digit gets `guard` after it, so that "t" does
    not match the start of "the" (currencies pass a letters-only guard: "KZT29").
    """
    words = sorted(set(surfaces) if case_sensitive else _case_variants(surfaces))
    if not words:
        return r"(?!)"
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return f"(?:{_trie_regex(trie, guard, '')})"


def _case_variants(surfaces: Iterable[str]) -> set[str]:
    """The ways a word is capitalised in text: lower, Title, First-letter, UPPER.

    Listing them keeps the trie case-sensitive, which the regex engine scans far
    faster than an ``(?i:...)`` group.
    """
    out: set[str] = set()
    for s in surfaces:
        low = s.lower()
        out.update({low, low.upper(), low[:1].upper() + low[1:], low.title(), s})
    return out


def _trie_regex(node: dict[str, dict], guard: str, last: str) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(regex.escape(ch) + _trie_regex(node[ch], guard, ch))
    if "" in node:
        branches.append(guard if last.isalnum() else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@cache
def unit_pattern() -> str:
    """Every surface of the unit table, case-sensitive rows exactly, the rest in any case."""
    rows = read_rows("unit_surfaces.tsv")
    cs = [r[0] for r in rows if r[3] == "cs"]
    ci = [r[0] for r in rows if r[3] != "cs"]
    # Longest first across both groups, so "metric tonnes" beats "m".
    return f"(?:{alternation(ci, case_sensitive=False)}|{alternation(cs)})"


# "108m tonnes", "2.1 mln tonnes", "46.6m oz": an abbreviated scale before a
# spaced mass word is a number scale ("million"), not a unit prefix.
_MASS_SCALE_SUFFIX = (
    r"(?:mn|mln|bn|m|M|k|K)(?=[ ](?i:tonnes?|tons?|oz|ounces?|lbs|pounds?|carats?)(?![A-Za-z]))"
)


def value_pattern(prefix: str) -> str:
    """A number in digits or words, with an optional worded scale and a mixed tail."""
    digits = numbers.DIGITS
    words = numbers.word_number_pattern()
    scale = numbers.scale_words_pattern()
    return (
        rf"(?:(?P<{prefix}d>{digits})|(?<![\w-])(?P<{prefix}w>{words}))"
        rf"(?:[ -](?P<{prefix}sc>{scale})|[ ]?(?P<{prefix}sc>{_MASS_SCALE_SUFFIX}))?+"
        rf"(?:[ ](?:and[ ])?(?P<{prefix}d2>{digits})[ ](?P<{prefix}sc2>{scale}))?+"
    )


_DIGIT_RUN = regex.compile(r"\d++", FLAGS)


def digit_runs(text: str) -> list[tuple[int, int]]:
    """Every run of digits in `text`, as ``(start, end)``."""
    return [m.span() for m in _DIGIT_RUN.finditer(text)]


@cache
def _number_word_re() -> regex.Pattern[str]:
    words = [w for w, _, kind in read_rows("number_words.tsv") if kind in {"unit", "teen", "tens"}]
    variants = {v for w in words for v in (w, w.title(), w.upper())}
    articles = alternation(["a", "an", "A", "An"])
    scales = alternation(["hundred", "dozen", "thousand", "million", "billion", "trillion"])
    return regex.compile(
        rf"\b(?:{alternation(variants, guard=r'(?![A-Za-z])')}|{articles}(?=[ ]{scales}))", FLAGS
    )


def number_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Offsets where a number may begin: a digit run not inside a number or word, or a number word.

    Matchers try their anchored patterns only at these places, which keeps the
    scan linear and fast on long texts.
    """
    starts = [s for s, _ in runs if s == 0 or not (text[s - 1].isalnum() or text[s - 1] in ".,_")]
    words = [m.start() for m in _number_word_re().finditer(text)]
    if words:
        starts = sorted(set(starts).union(words))
    return starts


@cache
def quantity_re() -> regex.Pattern[str]:
    """A quantity anchored at its number: a value (or a range of two) and a unit.

    A leading "between"/"from" is looked for by the matcher, before the number.
    """
    unit = unit_pattern()
    fillers = alternation(read_lines("measure_fillers.txt"))
    single = (
        rf"{value_pattern('a')}"
        rf"(?:[ ]?-[ ]?|[ ]?)(?:(?P<filler>{fillers})[ ])?+"
        rf"(?P<ua>{unit})"
    )
    ranged = (
        rf"(?:(?<=\()(?P<paren>))?"
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
    letters = r"(?![A-Za-z])"
    symbols = alternation(cs, guard=letters)
    names = alternation(ci, case_sensitive=False, guard=letters)
    codes = alternation(iso_codes(), guard=letters)
    return rf"(?:{symbols}|{names}|(?<![A-Za-z]){codes})"


def _amount_pattern(p: str) -> str:
    scale = (
        rf"(?:[ ]?-?[ ]?(?P<{p}sc>{numbers.scale_words_pattern()})"
        rf"|[ ]?(?P<{p}sc>{numbers.scale_suffix_pattern()}))"
    )
    paren = r"(?P<lpar>\()?+" if p == "a" else ""
    close = r"(?(lpar)\))" if p == "a" else ""
    return rf"{paren}(?P<{p}d>{numbers.DIGITS}){close}(?:{scale})?+"


@cache
def currency_before_re() -> regex.Pattern[str]:
    """A currency written just before a number; searched in the few characters before a digit."""
    return regex.compile(rf"(?:{currency_alternation('pre')})[ ]?\(?$", FLAGS)


@cache
def money_pre_re() -> regex.Pattern[str]:
    """Money with its currency first, anchored at the currency: "A$68 million to A$71 million"."""
    pre = currency_alternation("pre")
    return regex.compile(
        rf"(?P<cpre>{pre})[ ]?{_amount_pattern('a')}"
        rf"(?:[ ]?(?P<conn>-|(?i:to|and))[ ]?(?:(?P<cpre2>{pre})[ ]?)?+{_amount_pattern('b')})?+",
        FLAGS,
    )


@cache
def money_post_re() -> regex.Pattern[str]:
    """Money with its currency after, anchored at the number: "900 million to 960 million yuan"."""
    post = currency_alternation("post")
    return regex.compile(
        rf"{NUMBER_START}{_amount_pattern('a')}"
        rf"(?:[ ]?(?P<conn>-|(?i:to|and))[ ]?{_amount_pattern('b')})?+"
        rf"[ ]?(?P<cpost>{post})",
        FLAGS,
    )


@cache
def per_unit_re() -> regex.Pattern[str]:
    """The "per unit" tail of a price: "/oz", " per tonne", " a pound"."""
    units = alternation(
        [
            "oz",
            "ounce",
            "tonne",
            "ton",
            "t",
            "dmt",
            "wmt",
            "kg",
            "lb",
            "lbs",
            "pound",
            "mtu",
            "share",
            "unit",
            "kWh",
            "MWh",
            "carat",
            "g",
            "gram",
            "barrel",
            "bbl",
            "metric ton",
            "metric tonne",
            "Mt",
            "m",
            "metre",
            "meter",
            "year",
        ]
    )
    return regex.compile(rf"(?:[ ]?/[ ]?|[ ](?i:per|an?)[ ])(?P<per>{units})", FLAGS)


@cache
def exchange_pair_re() -> regex.Pattern[str]:
    """A rate quoted for a code pair: "KZT/USD = 0.00188 0%", "USD:CAD exchange rate = 1.30"."""
    digits = numbers.DIGITS
    return regex.compile(
        r"(?<![A-Za-z])(?P<base>[A-Z]{3})[ ]?[/:][ ]?(?P<quote>[A-Z]{3})(?![A-Za-z])"
        r"(?:[ ](?i:exchange[ ])?(?i:rate))?+[ ]?(?:=|:|(?i:is|was|at|of))?[ ]?"
        rf"(?P<rate>{digits})(?:[ ]{{1,3}}(?P<chg>[-+]?{digits})[ ]?%)?+",
        FLAGS,
    )


@cache
def exchange_equation_re() -> regex.Pattern[str]:
    """A rate written as an equation: "$1 = 1.6033 Australian dollars", "1 USD = 470 tenge"."""
    digits = numbers.DIGITS
    pre = currency_alternation("pre")
    post = currency_alternation("post")
    return regex.compile(
        rf"(?:(?P<bpre>{pre})[ ]?1(?![\d.,])|(?<![\d.,])1[ ]?(?P<bpost>{post}))[ ]?=[ ]?"
        rf"(?:(?P<qpre>{pre})[ ]?(?P<rate1>{digits})|(?P<rate2>{digits})[ ]?(?P<qpost>{post}))",
        FLAGS,
    )


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
