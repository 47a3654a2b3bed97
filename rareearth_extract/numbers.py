"""Numbers as mining text writes them: patterns and parsing.

The patterns here are regular-expression *sources*, composed by the fact
matchers. Every repetition is possessive or bounded, so no input can make
them backtrack catastrophically.

Digit forms: ``1,677`` (comma thousands), ``2 014.4`` (space thousands),
``2722``, ``10,00,000`` (Indian grouping), ``7,7`` and ``28,4`` (decimal comma:
a comma, one or two digits, then no digit), ``.5``.
Worded forms: ``four``, ``twenty-four``, ``one million``, ``a dozen``.
Scales: ``thousand`` ... ``trillion`` and suffixes (``k``, ``m``, ``mn``,
``mln``, ``mm``, ``M``, ``bn``, ``B``), mixed forms ("1 million 213 thousand").
"""

from __future__ import annotations

from functools import cache

import regex

from .resources import read_rows

_INDIAN = r"\d{1,3}(?:,\d{2}(?=,))++,\d{3}(?:\.\d++)?(?![\d])"
_COMMA_THOUSANDS = r"\d{1,3}(?:,\d{3})++(?:\.\d++)?(?![\d])"
# At most ten groups after the first (10^33): every group of a chain is a place where
# a number may start, and an unbounded chain would be read to its end from each.
_SPACE_THOUSANDS = r"\d{1,3}(?:[ ]\d{3}){1,10}+(?:\.\d++)?(?![\d])(?![ ]?[-/.:]\d)"
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?![\d])(?!,\d)"
# "4e14", "9.83e-3": an exponent needs digits and stands before no letter or digit;
# "1.99x10-30", "2 x 10^-9" (the normaliser writes the multiplication and minus
# signs as "x" and "-").
_EXPONENT = (
    r"(?:[eE][-+]?\d{1,3}+(?![\w.])|[ ]?x[ ]?10(?:\^\(?-?\d{1,3}\)?|-\d{1,3})(?![\d.]))"
)
_PLAIN = rf"\d{{1,20}}+(?:\.\d{{1,20}}+)?+{_EXPONENT}?+(?![\d])"
_LEADING_POINT = r"\.\d{1,20}+(?![\d])"

#: A number written in digits (no sign, no scale).
DIGITS = (
    rf"(?:{_INDIAN}|{_COMMA_THOUSANDS}|{_SPACE_THOUSANDS}|{_DECIMAL_COMMA}"
    rf"|{_PLAIN}|{_LEADING_POINT})"
)


@cache
def _words() -> dict[str, tuple[float, str]]:
    return {word: (float(value), kind) for word, value, kind in read_rows("number_words.tsv")}


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


#: Fractions written as one character ("½"), and their values.
VULGAR_FRACTIONS = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6,
    "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875,
}
VULGAR = "[" + "".join(VULGAR_FRACTIONS) + "]"
_SCALES_AHEAD = r"(?=\s(?:hundred|dozen|thousand|million|billion|trillion|lakhs?|crores?)\b)"


@cache
def word_number_pattern() -> str:
    """A number written in words.

    "four", "twenty-four", "forty five", "one hundred and two", "a" (only before a
    scale), fractions ("one-half", "two thirds", "three quarters"; "half" and
    "quarter" alone only before a scale) and "and a half" tails ("two and a half").
    """
    words = _words()
    by_kind: dict[str, list[str]] = {}
    for word, (_, kind) in words.items():
        by_kind.setdefault(kind, []).append(word)
    units = _alternation(by_kind["unit"])
    teens = _alternation(by_kind["teen"])
    tens = _alternation(by_kind["tens"])
    articles = _alternation(by_kind["article"])
    fractions = _alternation(by_kind["fraction"])
    num = rf"(?:(?:{tens})(?:[- ](?:{units})(?![\w-]))?+|{teens}|{units})"
    half = r"(?:half|quarter)"
    return (
        rf"(?i:(?:{num}|{articles})[ -](?:{fractions})(?![\w-])"
        rf"|{half}{_SCALES_AHEAD}"
        rf"|(?:{num}|(?:{articles})(?=\s(?:hundred|dozen|thousand|million|billion|trillion"
        rf"|lakhs?|crores?)\b))"
        rf"(?:\shundred(?:\sand\s{num})?+)?+"
        rf"(?:\sand\s(?:a|one)[ -]{half}(?![\w-]))?+)"
    )


@cache
def scale_words_pattern() -> str:
    """Worded scales, any case: thousand, million, billion, trillion."""
    words = [w for w, (_, kind) in _words().items() if kind == "scale"]
    return rf"(?i:{_alternation(words)})(?![A-Za-z])"


@cache
def scale_suffix_pattern() -> str:
    """Abbreviated scales as written: k, m, mn, mln, mm, M, bn, Bn, B, tn."""
    words = [w for w, (_, kind) in _words().items() if kind == "suffix"]
    return rf"(?:{_alternation(words)})(?![\p{{L}}])"


_SEPARATORS = regex.compile(r"[, ]")
_DECIMAL_COMMA_RE = regex.compile(_DECIMAL_COMMA)
_WORD_SPLIT = regex.compile(r"[\s-]+")


def parse_digits(text: str) -> float | None:
    """Parse a number in one of the :data:`DIGITS` forms.

    >>> parse_digits("1,677"), parse_digits("2 014.4"), parse_digits("10,00,000")
    (1677.0, 2014.4, 1000000.0)
    >>> parse_digits("7,7"), parse_digits("28,45")
    (7.7, 28.45)
    """
    if "," in text and _DECIMAL_COMMA_RE.fullmatch(text):
        return float(text.replace(",", "."))
    if "x" in text:
        mantissa, _, power = text.partition("x")
        exponent = power.strip()[2:].strip("^()")
        try:
            return float(f"{float(mantissa)}e{int(exponent)}")
        except ValueError:
            return None
    try:
        return float(_SEPARATORS.sub("", text))
    except ValueError:
        return None


def parse_words(text: str) -> float | None:
    """Parse a worded number ("twenty-four", "four", "a", "two hundred", "two thirds").

    >>> parse_words("twenty-four"), parse_words("Four"), parse_words("two hundred")
    (24.0, 4.0, 200.0)
    >>> parse_words("one hundred and two"), parse_words("two and a half"), parse_words("half")
    (102.0, 2.5, 0.5)
    """
    words = _words()
    done = 0.0
    total = 0.0
    for part in _WORD_SPLIT.split(text.strip().lower()):
        if not part:
            continue
        if part == "and":
            done, total = done + total, 0.0
            continue
        entry = words.get(part)
        if entry is None:
            return None
        value, kind = entry
        if kind == "hundred":
            total = (total or 1.0) * 100
        elif kind == "fraction":
            total = (total or 1.0) * value
        elif kind in {"unit", "teen", "tens", "article"}:
            total += value
        else:
            return None
    return done + total


def parse_fraction(whole: str | None, fraction: str | None, vulgar: str | None) -> float | None:
    """A number with a fraction part: ("2", "1/2", None) -> 2.5, (None, None, "½") -> 0.5.

    A written fraction must be proper (numerator below denominator), and a whole
    number before it must be an integer.

    >>> parse_fraction("2", "1/2", None), parse_fraction(None, "3/4", None)
    (2.5, 0.75)
    >>> parse_fraction("10", None, "½"), parse_fraction(None, "24/7", None)
    (10.5, None)
    """
    value = 0.0
    if whole:
        if not whole.isdigit():
            return None
        value = float(whole)
    if fraction:
        num, _, den = fraction.partition("/")
        n, d = int(num), int(den)
        if d == 0 or n >= d:
            return None
        value += n / d
    if vulgar:
        value += VULGAR_FRACTIONS[vulgar]
    return value


def parse_number(text: str) -> float | None:
    """Parse a number in digits or words; None when it is neither."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        return parse_digits(text)
    return parse_words(text)


def scale_value(text: str | None) -> float:
    """The multiplier a scale word or suffix stands for (1 when absent).

    >>> scale_value("billion"), scale_value("mln"), scale_value("Bn"), scale_value(None)
    (1000000000.0, 1000000.0, 1000000000.0, 1.0)
    """
    if not text:
        return 1.0
    words = _words()
    key = text.strip().strip("-").strip()
    entry = words.get(key) or words.get(key.lower())
    return entry[0] if entry and entry[1] in {"scale", "suffix"} else 1.0


def is_year_like(text: str) -> bool:
    """True for a bare four-digit number that reads as a calendar year (1800-2199)."""
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2199


def tidy(value: float) -> float:
    """Round away binary noise from unit conversions (12 significant digits)."""
    if value == 0 or value != value or value in (float("inf"), float("-inf")):
        return value
    return float(f"{value:.12g}")
