"""The extraction pass over one text: normalise, match, link, map back.

This is what the spaCy component runs on ``doc.text``. Matchers run in a fixed
order and claim the characters they report, so each stretch of text gives one
fact: exchange rates, then money, dates, quantities with units, counts, and
last bare years. Offsets are mapped back to the caller's string at the end,
and facts in verbatim repeats of a line (tickers, menus) are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import regex

from .entities import group_entities
from .facts import Fact, Quantity
from .linking import link_money
from .matchers.commodities import find_commodities
from .matchers.dates import find_dates, find_years
from .matchers.deposits import find_deposits
from .matchers.money import document_dollar, find_exchange_rates, find_money
from .matchers.organizations import find_organizations
from .matchers.places import find_locations
from .matchers.quantities import find_counts, find_quantities
from .matchers.scan import Scan
from .normalize import Normalized, normalize
from .patterns import FLAGS
from .relations import find_relations
from .sentences import Sentences

_NOT_PROSE = regex.compile(
    r"(?i:https?://|www\.)[^\s<>\"')\]]++|(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.]++", FLAGS
)


def scan_text(text: str) -> list[Fact]:
    """Facts with offsets into `text` itself (normalised text in, its offsets out)."""
    scan = Scan(text)
    for m in _NOT_PROSE.finditer(text):  # addresses are not facts
        scan.claim(*m.span(), kind="address")
    find_exchange_rates(scan)
    find_money(scan, dollar=document_dollar(text))
    find_dates(scan)
    scan.last = None
    find_quantities(scan)
    scan.last = None
    find_counts(scan)
    find_years(scan)
    scan.last = None
    find_organizations(scan)
    find_deposits(scan)
    find_locations(scan)
    find_commodities(scan)
    facts = sorted(scan.facts, key=lambda f: (f.start, f.end, f.type))
    facts = group_entities(text, facts)
    facts += find_relations(text, facts)
    return sorted(facts, key=lambda f: (f.start, f.end, f.type))


def extract(text: str, *, fx_rates: Mapping[str, float] | None = None) -> list[Fact]:
    """All facts in `text`, sorted by start, with offsets into `text` as given."""
    if not text or text.isspace():
        return []
    norm = normalize(text)
    facts = scan_text(norm.text)
    facts = link_money(norm.text, facts, fx_rates=fx_rates)
    sentences = Sentences(text)
    out = [
        _to_original(f, norm, text, sentences) for f in facts if not norm.in_repeat(f.start)
    ]
    out.sort(key=lambda f: (f.start, f.end, f.type))
    return out


def _to_original(f: Fact, norm: Normalized, text: str, sentences: Sentences) -> Fact:
    """`f` with its offsets (and those of facts nested in it) in the caller's text."""
    start, end = norm.span(f.start, f.end)
    changes: dict[str, Any] = {
        "start": start,
        "end": end,
        "text": text[start:end],
        "sentence": sentences.text_of(start, end),
    }
    if isinstance(f, Quantity) and f.unit and f.measure != "count":
        # The unit is the tail of the span: report it as the caller wrote it ("km²").
        unit_start = norm.to_original(max(f.start, f.end - len(f.unit)))
        changes["unit"] = text[unit_start:end].strip()
    for field in attrs.fields(type(f)):
        value = getattr(f, field.name)
        if isinstance(value, Fact):
            changes[field.name] = _to_original(value, norm, text, sentences)
        elif isinstance(value, tuple) and value and isinstance(value[0], Fact):
            changes[field.name] = tuple(_to_original(v, norm, text, sentences) for v in value)
        elif field.name == "parent_start" and isinstance(value, int):
            changes[field.name] = norm.to_original(value)
    return attrs.evolve(f, **changes)
