"""Compiled patterns, built once from the data files.

Regexes are composed from data lists (escaped, longest first) the way
price-parser builds its currency patterns. All are compiled lazily, once per
process, with the ``regex`` module; repetitions are possessive or bounded so
that no input backtracks catastrophically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache

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
    return _cached_alternation(tuple(words), guard)


def _trie_of(words: Iterable[str]) -> dict[str, dict]:
    """`words` as nested dicts, one level per character; "" marks a word's end."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


@lru_cache(maxsize=256)
def _cached_alternation(words: tuple[str, ...], guard: str) -> str:
    body = _trie_regex(_trie_of(words))
    if not guard or not any(w[-1:].isalnum() for w in words):
        return f"(?:{body})"
    # One guard after the trie, not one per word: it applies when the word ends in
    # a letter or digit (the engine backtracks into the trie when it fails).
    return f"(?:{body}(?:(?<=[\\p{{L}}\\p{{N}}]){guard}|(?<![\\p{{L}}\\p{{N}}])))"


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


def _trie_regex(node: dict[str, dict]) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(regex.escape(ch) + _trie_regex(node[ch]))
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


# A power written after a unit: "m2", "s^2", "m-2", "s^-1".
_POWER = r"(?:\^\(?-?[123]\)?|-[123]|[23])(?![\w.,])"
_NEGATIVE_POWER = r"\^?\(?-[123]\)?(?![\w.,])"
# An atom may be followed by a letter-free end or by its power.
_ATOM_GUARD = r"(?:(?![\p{L}\p{N}])|(?=\^?\(?-?[123]\)?(?![\w.,])))"


def _unit_alternation(rows: Iterable[tuple[str, ...]], guard: str = _ATOM_GUARD) -> str:
    rows = list(rows)
    cs = [r[0] for r in rows if r[3] == "cs"]
    ci = {r[0].lower() for r in rows if r[3] != "cs"}
    # Units are matched only right after a number (anchored), so an (?i:...) trie
    # costs nothing at match time and compiles far faster than case variants.
    return f"(?:(?i:{alternation(ci, guard=guard)})|{alternation(cs, guard=guard)})"


@cache
def _unit_atom() -> str:
    """One surface of the unit table (the rows flagged ``den`` included)."""
    return _unit_alternation(read_rows("unit_surfaces.tsv"))


@cache
def unit_pattern() -> str:
    """A unit written after a number: a surface of the unit table, with a power ("m2").

    Case-sensitive rows match exactly, the rest in any case. Rows flagged ``den``
    ("d", "a") only stand after "/" or "per": see :func:`compound_tail_re`, which
    the matcher applies after this pattern to read "km/h" or "mW m-2".
    """
    rows = read_rows("unit_surfaces.tsv")
    den = [r[0] for r in rows if "den" in (r[4] if len(r) > 4 else "")]
    return rf"(?:(?!(?i:{alternation(den)}))(?:{_unit_atom()})(?:\^?[23](?![\w.,]))?+)"


@cache
def compound_tail_re() -> regex.Pattern[str]:
    """The rest of a compound unit after its first part: "/h", " per year", " m-2 h-1"."""
    atom = _unit_atom()
    sep = r"(?:[ ]?/[ ]?|[ ](?i:per)[ ])"
    part = (
        rf"(?:{sep}(?:{atom})(?:{_POWER})?+"
        rf"|[ ](?=[^ ]{{1,8}}-[123](?![\w.,]))(?:{atom}){_NEGATIVE_POWER})"
    )
    return regex.compile(rf"(?:{part}){{1,3}}", FLAGS)


# "108m tonnes", "2.1 mln tonnes", "46.6m oz": an abbreviated scale before a
# spaced mass word is a number scale ("million"), not a unit prefix; "0.5k miles":
# a thousand before any spaced unit word.
_MASS_SCALE_SUFFIX = (
    r"(?:mn|mln|bn|m|M|k|K)(?=[ ](?i:tonnes?|tons?|oz|ounces?|lbs|pounds?|carats?)(?![A-Za-z]))"
    r"|(?:k|K|mn|mln|bn|bln)(?=[ ][A-Za-z]{2})"
)
# "4.2153(4) Å", "5 ± 0.2 K", "9.83e-3 +/- 1e-5 km/s2": the uncertainty is not the value.
_UNCERTAINTY = rf"(?:(?<=\.\d++)\(\d{{1,3}}\)|[ ]?(?:±|\+/-|\+-)[ ]?{numbers.DIGITS})"


def value_pattern(prefix: str, *, fractions: bool = True) -> str:
    """A number in digits or words, with an optional worded scale and a mixed tail.

    With `fractions`, also "2 1/2", "1/4", "2½", "½" (groups ``f``, ``fr``, ``vf``)
    and an uncertainty after the number ("± 0.2", "(4)"), which does not change it.
    """
    p = prefix
    digits = numbers.DIGITS
    words = numbers.word_number_pattern()
    scale = numbers.scale_words_pattern()
    vulgar = numbers.VULGAR
    lead = tail = unc = ""
    if fractions:
        lead = rf"(?P<{p}f>\d{{1,3}}/\d{{1,3}}(?![\d/.,]))|(?P<{p}vf>{vulgar})|"
        tail = rf"(?:[ ](?P<{p}fr>\d{{1,2}}/\d{{1,2}})(?![\d/.,])|(?P<{p}vf>{vulgar}))?+"
        unc = rf"(?P<{p}unc>{_UNCERTAINTY})?+"
    return (
        rf"(?:{lead}(?P<{p}d>{digits}){tail}|(?<![\w-])(?P<{p}w>{words}))"
        rf"(?:[ -](?P<{p}sc>{scale})|[ ]?(?P<{p}sc>{_MASS_SCALE_SUFFIX}))?+"
        rf"(?:[ ](?:and[ ])?(?P<{p}d2>{digits})[ ](?P<{p}sc2>{scale}))?+"
        rf"{unc}"
    )


_DIGIT_RUN = regex.compile(r"\d++", FLAGS)


def digit_runs(text: str) -> list[tuple[int, int]]:
    """Every run of digits in `text`, as ``(start, end)``."""
    return [m.span() for m in _DIGIT_RUN.finditer(text)]


def plain_trie(words: Iterable[str]) -> str:
    """`words` as a trie alternation without a guard, valid for ``re`` and ``regex`` alike."""
    return _plain_trie(tuple(sorted(set(words))))


@lru_cache(maxsize=256)
def _plain_trie(words: tuple[str, ...]) -> str:
    return f"(?:{_trie_regex(_trie_of(words))})"


def word_start_trie(words: Iterable[str]) -> str:
    """`words` as a trie for the stdlib engine, each starting a word (``\\b`` before it).

    The same matches as ``\\b`` followed by :func:`plain_trie` for words that begin
    with a word character, but the boundary is tested after the first character
    (``(?<!\\w.)``), so every branch begins with a literal: the engine then skips
    ahead to the next of those first characters instead of trying the pattern at
    every position of the text.
    """
    words = sorted(set(words))
    for word in words:
        if not word[:1].isalnum() and word[:1] != "_":
            raise ValueError(f"a word-start trie needs words that begin a word: {word!r}")
    trie = _trie_of(words)
    branches = [re.escape(ch) + r"(?<!\w.)" + _trie_regex(trie[ch]) for ch in sorted(trie)]
    return f"(?:{'|'.join(branches)})"


def finditer_after(
    pattern: re.Pattern[str], prefixed: re.Pattern[str], text: str, *, group: str = "at"
) -> Iterator[tuple[int, re.Match[str]]]:
    """The matches of ``pattern.finditer(text)``, with where each starts, found faster.

    For a stdlib `pattern` that begins by testing the character before it (a word
    starts after no letter: ``(?<![^\\W_])``) and never matches empty. The engine
    tries such a pattern at every position of the text; `prefixed` is the same
    pattern reading that character instead (``[\\W_]``), a character class the
    engine skips ahead to. Its match proper is group `group`, or, where that group
    did not take part, the whole match (a branch, such as a currency sign, that
    needs no test before it may begin at the character read, the test left out
    and its first characters in the class). Each step first tries `pattern` where
    the last match ended (the one place `prefixed` cannot see), so the matches and
    their order are those of ``finditer``, provided no position can start both a
    branch of the first kind and one of the second.
    """
    pos = 0
    end = len(text)
    while pos < end:
        m = pattern.match(text, pos)
        if m is not None:
            yield pos, m
        else:
            m = prefixed.search(text, pos)
            if m is None:
                return
            start = m.start(group)
            yield (start if start >= 0 else m.start()), m
        pos = m.end()


@cache
def after_spaces(spaces: int) -> Callable[[str, int, int], int]:
    """An `earliest` for :func:`finditer_near`, for a pattern whose matches hold at
    most `spaces` spaces before their anchor: a match begins after the space
    before those (the ``spaces + 1``-th back from the anchor), or at the window's start.
    """

    def earliest(text: str, lo: int, hi: int) -> int:
        i = hi
        for _ in range(spaces + 1):
            i = text.rfind(" ", lo, i)
            if i < 0:
                return lo
        return i + 1

    return earliest


def finditer_near(
    pattern: regex.Pattern[str],
    anchors: re.Pattern[str],
    text: str,
    *,
    group: str,
    before: int,
    after: int,
    wanted: Callable[[str, int], bool] | None = None,
    earliest: Callable[[str, int, int], int] | None = None,
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match holds one anchor word.

    `anchors` (a stdlib pattern with a group ``anchor``; a lookahead, so that
    overlapping anchors are all found) finds the anchor words: a few per text,
    found far faster than ``regex`` scans every position. `pattern` is then
    searched only around each, from `before` characters ahead of it to `after`
    past it, and a match counts for the anchor in its group `group`, so a
    window's end never cuts a match short (given `before` and `after` larger than
    any match reaches). `wanted(text, start)`, if given, is a quick test an anchor
    must pass for `pattern` to be searched around it at all. `earliest(text, at,
    start)`, if given, is where a match with its anchor at `start` may begin at
    the earliest, given the window's start `at` (after a character no match
    holds, such as a line break): the search starts there, not at `at`, since
    whatever matches before it is an earlier anchor's match, passed over anyway.
    """
    pos = 0
    for found in anchors.finditer(text):
        start, end = found.span("anchor")
        if start < pos or (wanted is not None and not wanted(text, start)):
            continue
        at = max(pos, start - before)
        if earliest is not None:
            at = earliest(text, at, start)
        while True:
            m = pattern.search(text, at, end + after)
            if m is None or m.start(group) > start:
                break
            if m.start(group) == start:
                yield m
                pos = m.end()
                break
            at = m.start() + 1  # an earlier anchor's match, found again: look on


@cache
def _number_word_re() -> re.Pattern[str]:
    # A scan of the whole text: the stdlib engine runs a plain trie about three
    # times faster than ``regex`` does.
    words = [w for w, _, kind in read_rows("number_words.tsv") if kind in {"unit", "teen", "tens"}]
    variants = {v for w in words for v in (w, w.title(), w.upper())}
    articles = plain_trie(["a", "an", "A", "An"])
    scale_words = [
        "hundred", "dozen", "thousand", "million", "billion", "trillion", "lakh", "crore"
    ]
    scales = plain_trie(scale_words)
    parts = plain_trie(["half", "third", "quarter", "fifth", "sixth", "eighth", "tenth"])
    halves = plain_trie(["half", "Half", "quarter", "Quarter"])
    return re.compile(
        rf"\b(?:{plain_trie(variants)}(?![A-Za-z])|{articles}(?=[ -](?:{scales}|{parts}))"
        rf"|{halves}(?=[ ]{scales}))|{numbers.VULGAR}"
    )


def number_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Offsets where a number may begin: a digit run not inside a number or word, or a number word.

    Matchers try their anchored patterns only at these places, which keeps the
    scan linear and fast on long texts.
    """
    starts = []
    for s, _ in runs:
        before = text[s - 1] if s else " "
        if not (before.isalnum() or before in ".,_"):
            starts.append(s)
        elif before == "." and (s == 1 or text[s - 2] in " (\n~<>"):
            starts.append(s - 1)  # ".001 per cent": a leading point after no digit or word
    low = text.lower()
    if len(low) == len(text):  # (lower-casing a few scripts changes lengths)
        # On the lower-cased text the trie is half as wide and the scan faster; a
        # word in odd capitals ("fOUR") is one more place to try, no harm.
        words = [m.start() for m in _number_word_lower_re().finditer(low)]
    else:
        words = [m.start() for m in _number_word_re().finditer(text)]
    # (A scan for the one character class: the engine skips ahead to the class
    # in C, about twice as fast as testing the text against a set of characters.)
    words += [m.start() for m in _VULGAR_RE.finditer(text)]
    return sorted(set(starts).union(words))


_VULGAR_RE = re.compile(numbers.VULGAR)


@cache
def _number_word_lower_re() -> re.Pattern[str]:
    """:func:`_number_word_re` for lower-cased text (without the "½" characters)."""
    words = [w for w, _, kind in read_rows("number_words.tsv") if kind in {"unit", "teen", "tens"}]
    scale_words = [
        "hundred", "dozen", "thousand", "million", "billion", "trillion", "lakh", "crore"
    ]
    scales = plain_trie(scale_words)
    parts = plain_trie(["half", "third", "quarter", "fifth", "sixth", "eighth", "tenth"])
    return re.compile(
        rf"\b(?:{plain_trie(words)}(?![a-z])|an?(?=[ -](?:{scales}|{parts}))"
        rf"|(?:half|quarter)(?=[ ]{scales}))"
    )


@cache
def quantity_re() -> regex.Pattern[str]:
    """A quantity anchored at its number: a value (or a range of two) and a unit.

    A leading "between"/"from" is looked for by the matcher, before the number,
    and the rest of a compound unit ("/h") after it (:func:`compound_tail_re`).
    """
    unit = unit_pattern()
    fillers = alternation(read_lines("measure_fillers.txt"))
    # The number is read once, then its unit (once), then a range's second half; a
    # match needs a unit after one of the two numbers.
    single = rf"(?:[ ]?-[ ]?|[ ]?)(?:(?P<filler>{fillers})[ ])?+(?P<ua>{unit})"
    ranged = (
        rf"(?:-(?=[ ](?i:to)[ ]))?+"
        rf"[ ]?(?P<conn>-|(?i:to|and|through))[ ]?~?[ ]?"
        rf"(?P<bneg>-(?=\d))?"
        rf"{value_pattern('b')}(?P<paren>\))?+"
        rf"(?:[ ]?-[ ]?|[ ]?)(?:(?P<filler>{fillers})[ ])?+(?P<ub>{unit})"
    )
    return regex.compile(
        rf"{NUMBER_START}{value_pattern('a')}"
        rf"(?:{single})?+(?:{ranged})?+(?(ua)|(?(ub)|(?!)))",
        FLAGS,
    )


@cache
def single_quantity_re() -> regex.Pattern[str]:
    """A single-valued quantity anchored at a position (used when a range is rejected)."""
    fillers = alternation(read_lines("measure_fillers.txt"))
    return regex.compile(
        rf"{value_pattern('a')}(?:[ ]?-[ ]?|[ ]?)"
        rf"(?:(?P<filler>{fillers})[ ])?+(?P<ua>{unit_pattern()})",
        FLAGS,
    )


@cache
def count_re() -> regex.Pattern[str]:
    """A count of mining things: "50 deposits", "four prospective zones", "44-hole"."""
    # (?i:...) tries: tried only where a number starts, they cost nothing at match
    # time and compile several times faster than lists of capitalisations.
    nouns = f"(?i:{alternation({n.lower() for n in read_lines('count_nouns.txt')})})"
    stop = f"(?i:{alternation({w.lower() for w in read_lines('count_stopwords.txt')})})"
    word = rf"(?!{stop}|{nouns})[A-Za-z][A-Za-z'-]{{0,30}}+"
    return regex.compile(
        rf"{NUMBER_START}{value_pattern('a', fractions=False)}"
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
    for surface, code, position, case, *_ in read_rows("currency_surfaces.tsv"):
        table[surface if case == "cs" else surface.lower()] = (code, position)
    return table


@cache
def currency_multipliers() -> dict[str, float]:
    """Surface -> what one written unit is in its code's main unit (cents: 0.01), when not 1."""
    table: dict[str, float] = {}
    for surface, _, _, case, *rest in read_rows("currency_surfaces.tsv"):
        if rest and rest[0]:
            table[surface if case == "cs" else surface.lower()] = float(rest[0])
    return table


def currency_alternation(position: str) -> str:
    """Currency surfaces usable before ("pre") or after ("post") a number, plus ISO codes."""
    rows = read_rows("currency_surfaces.tsv")
    cs = [r[0] for r in rows if r[3] == "cs" and r[2] in (position, "both")]
    ci = [r[0] for r in rows if r[3] != "cs" and r[2] in (position, "both")]
    letters = r"(?![A-Za-z])"
    # A surface that begins with a letter does not begin inside a word ("Zinc $ 2.38"
    # is no "C $"; hole "CAR036" no rand). Names in an (?i:...) trie: these patterns
    # are tried only where money may start, and it compiles far faster than lists
    # of capitalisations.
    signs = alternation([c for c in cs if not c[0].isalpha()], guard=letters)
    symbols = alternation([c for c in cs if c[0].isalpha()], guard=letters)
    names = f"(?i:{alternation({c.lower() for c in ci}, guard=letters)})"
    codes = alternation(iso_codes(), guard=letters)
    return rf"(?:{signs}|(?<![A-Za-z])(?:{symbols}|{names}|{codes}))"


@cache
def currency_scan_re() -> re.Pattern[str]:
    """Where a currency is written (before or after a number), for the stdlib engine.

    The surfaces of :func:`currency_alternation`, as one trie: the money matcher
    scans for these (rare) places instead of testing every number.
    """
    rows = read_rows("currency_surfaces.tsv")
    cs = [r[0] for r in rows if r[3] == "cs"]
    ci = [r[0] for r in rows if r[3] != "cs"]
    signs = plain_trie(c for c in cs if not c[0].isalpha())
    words = plain_trie(
        [c for c in cs if c[0].isalpha()] + sorted(_case_variants(ci)) + sorted(iso_codes())
    )
    end = r"(?:(?<=[^\W_])(?![A-Za-z])|(?<![^\W_]))"
    return re.compile(rf"(?:{signs}|(?<![A-Za-z]){words}){end}")


@cache
def _currency_prefixed_re() -> re.Pattern[str]:
    """:func:`currency_scan_re` reading the character before a word (see :func:`finditer_after`).

    A sign begins at that character (tested by a lookbehind once it is read), a
    word after it (group ``at``).
    """
    rows = read_rows("currency_surfaces.tsv")
    cs = [r[0] for r in rows if r[3] == "cs"]
    ci = [r[0] for r in rows if r[3] != "cs"]
    signs = [c for c in cs if not c[0].isalpha()]
    words = [c for c in cs if c[0].isalpha()] + sorted(_case_variants(ci)) + sorted(iso_codes())
    trie: dict[str, dict] = {}
    for sign in sorted(set(signs)):
        node = trie
        for ch in sign:
            node = node.setdefault(ch, {})
        node[""] = {}
    firsts = sorted(trie)
    # (A sign is read as the character before a word is: no sign may begin with a
    # letter, nor with a character a word begins with, for finditer_after's order.)
    clash = {w[0] for w in words} & set(firsts)
    if clash or any("A" <= c <= "Z" or "a" <= c <= "z" for c in firsts):
        raise ValueError("currency signs must begin with other characters than words do")
    sign_class = "".join(re.escape(c) for c in firsts)
    sign_rest = "|".join(f"(?<={re.escape(c)}){_trie_regex(trie[c])}" for c in firsts)
    end = r"(?:(?<=[^\W_])(?![A-Za-z])|(?<![^\W_]))"
    return re.compile(
        rf"[^A-Za-z](?:(?<=[{sign_class}])(?:{sign_rest})|(?P<at>{plain_trie(words)})){end}"
    )


def currency_spans(text: str) -> list[tuple[int, int]]:
    """Where currencies are written: the spans of ``currency_scan_re().finditer(text)``."""
    return [
        (start, m.end())
        for start, m in finditer_after(currency_scan_re(), _currency_prefixed_re(), text)
    ]


def _amount_pattern(p: str) -> str:
    scale = (
        rf"(?:[ ]?-?[ ]?(?P<{p}sc>{numbers.scale_words_pattern()})"
        rf"|[ ]?(?P<{p}sc>{numbers.scale_suffix_pattern()}))"
    )
    paren = r"(?P<lpar>\()?+" if p == "a" else ""
    close = r"(?(lpar)\))" if p == "a" else ""
    words = numbers.word_number_pattern()
    return (
        rf"(?:{paren}(?P<{p}d>{numbers.DIGITS}){close}|(?<![\w-])(?P<{p}w>{words}))"
        rf"(?:{scale})?+"
    )


#: The minor-unit tail of an amount: "3 dollars 50 cents", "$20 and 43c", "17 USD 25."
_MINOR_WORDS = r"(?i:cents?|c|¢|pence|p|sens?|kopiykas?|kopecks?)"


@cache
def minor_tail_re() -> regex.Pattern[str]:
    """Cents after a whole amount, up to 99, with a minor unit or at the end of a clause."""
    words = numbers.word_number_pattern()
    return regex.compile(
        rf"[ ](?:(?i:and)[ ])?(?P<minor>\d{{1,2}}(?!\d|[.,]\d)|(?<![\w-])(?P<minorw>{words}))"
        rf"(?:[ ]?(?P<mu>{_MINOR_WORDS})(?![A-Za-z])|(?=[ ]?(?:$|[.,;:!?)\n])))",
        FLAGS,
    )


@cache
def money_pre_re() -> regex.Pattern[str]:
    """Money with its currency first, anchored at the currency: "A$68 million to A$71 million"."""
    pre = currency_alternation("pre")
    return regex.compile(
        rf"(?P<cpre>{pre})[ ]?(?P<neg>-(?=\d))?{_amount_pattern('a')}"
        rf"(?:(?:[ ]?/[ ]?|[ ](?i:per)[ ])(?P<per1>{_per_units()})(?=[ ]?(?:-|(?i:to)[ ])))?+"
        rf"(?:[ ]?(?P<conn>-|(?i:to|and))[ ]?(?:(?P<cpre2>{pre})[ ]?)?+{_amount_pattern('b')})?+",
        FLAGS,
    )


@cache
def money_post_re() -> regex.Pattern[str]:
    """Money with its currency after, anchored at the number: "900 million to 960 million yuan"."""
    post = currency_alternation("post")
    scale = numbers.scale_words_pattern()
    return regex.compile(
        rf"{NUMBER_START}{_amount_pattern('a')}"
        rf"(?:(?:[ ]?(?P<cmid>{post}))?[ ]?(?P<conn>-|(?i:to|and))[ ]?{_amount_pattern('b')})?"
        rf"(?:[ ]?|-(?=[A-Za-z]))(?P<cpost>{post})(?<!\$(?=\d))(?:[ ](?P<psc>{scale}))?+",
        FLAGS,
    )


@cache
def per_unit_re() -> regex.Pattern[str]:
    """The "per unit" tail of a price: "/oz", " per tonne", " a pound"."""
    return regex.compile(rf"(?:[ ]?/[ ]?|[ ](?i:per|an?)[ ])(?P<per>{_per_units()})", FLAGS)


@cache
def _per_units() -> str:
    """What a price may be per, as a trie alternation."""
    return alternation(
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
            "month",
            "week",
            "day",
            "hour",
            "hr",
            "night",
            "head",
            "person",
            "gallon",
            "litre",
            "liter",
            "square foot",
            "square feet",
            "sq ft",
            "square metre",
            "square meter",
            "dozen",
            "MMBtu",
            "mmBtu",
            "mmBTU",
            "MMBTU",
            "sq m",
            "sq. m",
            "million British thermal units",
            "kilo",
        ]
    )


@cache
def exchange_pair_re() -> regex.Pattern[str]:
    """A rate quoted for a code pair: "KZT/USD = 0.00188 0%", "USD:CAD exchange rate = 1.30"."""
    digits = numbers.DIGITS
    return regex.compile(
        r"(?<![A-Za-z])(?P<base>[A-Z]{3})[ ]?[/:][ ]?(?P<quote>[A-Z]{3})(?![A-Za-z])"
        r"(?:[ ](?i:exchange[ ])?(?i:rate))?+[ ]?"
        r"(?:=|:|(?i:(?:closed|ended|stood|traded|was|is)[ ]at|(?:rose|fell|eased)[ ]to"
        r"|is|was|at|of))?[ ]?"
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
def dollar_rate_re() -> regex.Pattern[str]:
    """A rate in prose, so many units of a currency to the US dollar: "470 tenge per
    dollar", "at 92.5 rubles to the US dollar". Anchored at the number."""
    digits = numbers.DIGITS
    post = currency_alternation("post")
    return regex.compile(
        rf"{NUMBER_START}(?P<rate>{digits})[ ]?(?P<qpost>{post})[ ]"
        r"(?i:per|to[ ]the|against[ ]the|a|for[ ]one)[ ]"
        r"(?P<usd>(?i:(?:US|U\.S\.)[ ]?dollar|dollar|greenback)|USD|US\$)(?![A-Za-z$])",
        FLAGS,
    )


@cache
def dollar_rate_anchor_re() -> re.Pattern[str]:
    """Where a prose rate to the dollar may end: the few words that name the dollar."""
    return re.compile(
        r"[ ](?:[Pp]er|[Tt]o the|[Aa]gainst the|a|[Ff]or one)[ ]"
        r"(?:(?:US|U\.S\.)[ ]?[Dd]ollar|[Dd]ollar|[Gg]reenback|USD|US\$)"
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
