"""Tokenizer rules for the shapes mining text glues together.

spaCy's English rules leave ``KZT29``, ``3.88g/t``, ``10Mt`` and ``26m@3.8g/t``
as single tokens; spans over them would not start or end where a fact does.
:func:`customize_tokenizer` adds, on top of the pipeline's own rules:

* a prefix that splits a number glued before a unit ("10|Mt", "180|Ktpa", "3.88|g/t"),
  so the unit remains for special cases such as ``g/t`` to keep whole;
* a prefix that splits a currency code glued before a number ("KZT|29");
* infixes for ``@`` and for a number glued to a unit inside a token ("26m@3.8g/t");
* special cases for units written with a slash (``g/t``, ``oz/t``, ``t/a``);
* rules that keep tokenizing linear on hostile text: spaCy strips prefixes and
  suffixes one at a time, copying and searching the rest of the string each
  time, so a long run of them ("$$$$...", "((((...", a row of emoji) costs time
  quadratic in its length. A run of :data:`AFFIX_RUN` or more is split off as
  one token, and a stretch without whitespace of :data:`MAX_TOKEN_CHARS` or more
  is kept as one token, unsplit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from .patterns import plain_trie
from .resources import read_rows

_SLASH_UNITS = (
    "g/t",
    "oz/t",
    "kg/t",
    "t/a",
    "t/d",
    "t/y",
    "Mt/a",
    "kt/d",
    "kt/a",
    "g/tonne",
    "m3/day",
)


@cache
def _glued_units() -> str:
    """Unit surfaces that can be glued to a number (no spaces), longest first, escaped."""
    surfaces = {
        row[0].lower()
        for row in read_rows("unit_surfaces.tsv")
        # Units that must stand apart ("77 K") or only after "/" ("t/d") never glue.
        if " " not in row[0] and not (len(row) > 4 and {"spaced", "den"} & set(row[4].split(",")))
    }
    surfaces.discard("%")
    # As a trie ("g(?:/t|pt|...)"): the stdlib engine then rejects a position after
    # one character instead of trying every unit in turn.
    return plain_trie(surfaces)


def _prefixes() -> list[str]:
    units = _glued_units()
    return [
        rf"[0-9]+(?:[.,][0-9]+)*(?=(?i:{units})(?![A-Za-z0-9]))",
        r"[A-Z]{3}(?=[0-9])",
    ]


def _infixes() -> list[str]:
    units = _glued_units()
    return [r"@", rf"(?<=[0-9])(?=(?i:{units})(?![A-Za-z0-9]))"]


#: A run of this many prefixes (or one-character suffixes) in a row is one token.
AFFIX_RUN = 8
#: A stretch of this many characters without whitespace is one token, unsplit.
MAX_TOKEN_CHARS = 500


def _one_char(piece: str) -> bool:
    """Whether an affix rule always matches exactly one character."""
    try:
        import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse  # type: ignore[no-redef,unused-ignore]
    try:
        return bool(sre_parse.parse(piece).getwidth() == (1, 1))
    except re.error:  # pragma: no cover - a rule the stdlib cannot parse
        return False


def _source(rule: str | re.Pattern[str]) -> str:
    return rule if isinstance(rule, str) else rule.pattern


def _prefix_run(prefixes: Sequence[str]) -> str:
    """Many prefixes in a row (anchored at the start by spaCy): "$$$$", "US$US$", "((((("."""
    pieces = "|".join(p for p in prefixes if p.strip())
    return f"(?:{pieces}){{{AFFIX_RUN},}}"


def _suffix_run(suffixes: Sequence[str]) -> str:
    """Many one-character suffixes in a row at the end: ")))))", a row of emoji.

    Tried only where such a run begins (the character before is none of them),
    so that a long run inside a string is not read again from each of its characters.
    """
    one = "|".join(p for p in suffixes if p.strip() and _one_char(p))
    # spaCy searches the suffix pattern at every character of every token, so the
    # cheapest test goes first: no one-character suffix is a letter or a digit
    # (tests/test_tokenizer_rules.py checks it for the English defaults), and the
    # run's first character is tested before the look-behind. Same matches, a
    # third of the cost.
    return f"(?![^\\W_])(?:{one})(?<!(?:{one}).)(?:{one}){{{AFFIX_RUN - 1},}}"


def customize_tokenizer(nlp: Language) -> Language:
    """Add the mining-text rules to `nlp`'s tokenizer (in place) and return `nlp`."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"expected a spaCy Tokenizer, got {type(tokenizer).__name__}")
    defaults = nlp.Defaults
    default_prefixes = [_source(p) for p in defaults.prefixes or ()]
    default_suffixes = [_source(p) for p in defaults.suffixes or ()]
    prefixes = [_prefix_run(default_prefixes), *_prefixes(), *default_prefixes]
    suffixes = [_suffix_run(default_suffixes), *default_suffixes]
    infixes = [*_infixes(), *(defaults.infixes or ())]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if tokenizer.token_match is None:
        tokenizer.token_match = re.compile(f"(?s).{{{MAX_TOKEN_CHARS}}}").match
    for unit in _SLASH_UNITS:
        tokenizer.add_special_case(unit, [{ORTH: unit}])
    return nlp
