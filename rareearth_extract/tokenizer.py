"""Tokenizer rules for the shapes mining text glues together.

spaCy's English rules leave ``KZT29``, ``3.88g/t``, ``10Mt`` and ``26m@3.8g/t``
as single tokens; spans over them would not start or end where a fact does.
:func:`customize_tokenizer` adds, on top of the pipeline's own rules:

* a prefix that splits a number glued before a unit ("10|Mt", "180|Ktpa", "3.88|g/t"),
  so the unit remains for special cases such as ``g/t`` to keep whole;
* a prefix that splits a currency code glued before a number ("KZT|29");
* infixes for ``@`` and for a number glued to a unit inside a token ("26m@3.8g/t");
* special cases for units written with a slash (``g/t``, ``oz/t``, ``t/a``).
"""

from __future__ import annotations

from functools import cache

import regex
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex

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
    surfaces = {row[0] for row in read_rows("unit_surfaces.tsv") if " " not in row[0]}
    surfaces.discard("%")
    ordered = sorted(surfaces, key=len, reverse=True)
    return "|".join(regex.escape(s) for s in ordered)


def _prefixes() -> list[str]:
    units = _glued_units()
    return [
        rf"[0-9]+(?:[.,][0-9]+)*(?=(?i:{units})(?![A-Za-z0-9]))",
        r"[A-Z]{3}(?=[0-9])",
    ]


def _infixes() -> list[str]:
    units = _glued_units()
    return [r"@", rf"(?<=[0-9])(?=(?i:{units})(?![A-Za-z0-9]))"]


def customize_tokenizer(nlp: Language) -> Language:
    """Add the mining-text rules to `nlp`'s tokenizer (in place) and return `nlp`."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"expected a spaCy Tokenizer, got {type(tokenizer).__name__}")
    defaults = nlp.Defaults
    prefixes = [*_prefixes(), *(defaults.prefixes or ())]
    infixes = [*_infixes(), *(defaults.infixes or ())]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for unit in _SLASH_UNITS:
        tokenizer.add_special_case(unit, [{ORTH: unit}])
    return nlp
