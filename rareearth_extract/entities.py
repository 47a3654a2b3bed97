"""Document-level work on entity mentions: one canonical name per thing.

* Deposits: spelling variants of one name (transliterations such as
  Kayrakty/Kairakty, "Northern"/"North") share the first spelling the text uses;
  the others become `aliases`. Each mention also gets the commodities and the
  place the text ties to the deposit: the descriptors of its own mentions
  ("tungsten ore deposit"), commodities named in sentences about this deposit
  alone, and a place written right after a mention ("... deposit in the
  Karaganda Region").
* Organisations and places are grouped by their own matchers' rules
  (:func:`~rareearth_extract.matchers.organizations.group_organizations`,
  :func:`~rareearth_extract.matchers.places.group_locations`) when they provide them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import attrs
import regex

from .facts import Commodity, Deposit, Fact, Location, Organization
from .patterns import FLAGS
from .sentences import Sentences

_PLACE_JOIN = regex.compile(r"[ ,]*(?:(?i:in|near|of|at|within)[ ](?i:the[ ])?)?$", FLAGS)
_PLACE_REACH = 60
_SKELETON_RULES = (
    ("northern", "north"),
    ("southern", "south"),
    ("eastern", "east"),
    ("western", "west"),
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ph", "f"),
    ("ou", "u"),
    ("y", "i"),
    ("'s", ""),
)


_SEPARATORS = regex.compile(r"[\s\-]+", FLAGS)
_DOUBLED = regex.compile(r"(.)\1", FLAGS)


@lru_cache(maxsize=4096)
def skeleton(name: str) -> str:
    """A spelling-insensitive key: Kayrakty and Kairakty, North and Northern, agree."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    for old, new in _SKELETON_RULES:
        folded = folded.replace(old, new)
    folded = _SEPARATORS.sub(" ", folded)
    return _DOUBLED.sub(r"\1", folded).strip()


def group_entities(text: str, facts: list[Fact]) -> list[Fact]:
    """Canonical names, aliases and ties for entity mentions; other facts pass through."""
    facts = _group_deposits(text, facts)
    facts = _apply_group(facts, Organization, "organizations", "group_organizations")
    return _apply_group(facts, Location, "places", "group_locations")


def _apply_group(facts: list[Fact], cls: type[Fact], module: str, name: str) -> list[Fact]:
    """Run a matcher module's grouping function over its facts, if the module has one."""
    import importlib

    group: Callable[[list[Any]], list[Any]] | None = getattr(
        importlib.import_module(f".matchers.{module}", __package__), name, None
    )
    if group is None:
        return facts
    mine = [f for f in facts if isinstance(f, cls)]
    if not mine:
        return facts
    grouped = iter(group(mine))
    return [next(grouped) if isinstance(f, cls) else f for f in facts]


_PARAGRAPH_REACH = 400
_TIE_REACH = 400
# The most spellings of one deposit listed in its `aliases` (only made-up text has more).
_MAX_ALIASES = 50


def _attach_paragraph_commodities(
    text: str,
    deposits: list[Deposit],
    others: Sequence[Fact],
    spans: dict[int, tuple[int, int]],
    commodities: dict[str, list[str]],
) -> None:
    """Commodities in a sentence naming no deposit go to the deposit named just before.

    "Exploration of the X site began in 2022. Surveyors found cerium and
    lanthanides there." ties cerium and lanthanides to X, when X is the last
    deposit named in the same paragraph, shortly before.
    """
    covered = sorted(set(spans.values()))
    covered_starts = [s for s, _ in covered]
    ends = [d.end for d in deposits]
    for f in others:
        if not isinstance(f, Commodity):
            continue
        i = bisect_right(covered_starts, f.start) - 1
        if i >= 0 and f.start < covered[i][1]:
            continue
        j = bisect_right(ends, f.start) - 1
        if j < 0:
            continue
        d = deposits[j]
        if f.start - d.end > _PARAGRAPH_REACH or "\n" in text[d.end : f.start]:
            continue
        commodities[skeleton(d.name)].append(f.name)


def _group_deposits(text: str, facts: list[Fact]) -> list[Fact]:
    deposits = [f for f in facts if isinstance(f, Deposit)]
    if not deposits:
        return facts
    canonical: dict[str, str] = {}
    variants: dict[str, dict[str, None]] = defaultdict(dict)  # an ordered set per key
    for d in deposits:
        key = skeleton(d.name)
        canonical.setdefault(key, d.name)
        variants[key].setdefault(d.name)
    commodities: dict[str, list[str]] = defaultdict(list)
    places: dict[str, str] = {}
    others = [f for f in facts if isinstance(f, (Commodity, Location))]
    by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    spans: dict[int, tuple[int, int]] = {}
    sentences = Sentences(text)
    for d in deposits:
        span = sentences.span(d.start, d.end)
        spans[id(d)] = span
        by_sentence[span].add(skeleton(d.name))
    _attach_paragraph_commodities(text, deposits, others, spans, commodities)
    starts = [f.start for f in others]
    for d in deposits:
        key = skeleton(d.name)
        commodities[key].extend(d.commodities)
        s_start, s_end = spans[id(d)]
        s_start, s_end = max(s_start, d.start - _TIE_REACH), min(s_end, d.end + _TIE_REACH)
        alone = by_sentence[spans[id(d)]] == {key}
        for f in others[bisect_left(starts, s_start) : bisect_left(starts, s_end)]:
            if isinstance(f, Commodity) and alone:
                commodities[key].append(f.name)
            elif (
                isinstance(f, Location)
                and key not in places
                and 0 <= f.start - d.end <= _PLACE_REACH
                and _PLACE_JOIN.search(text, d.end, f.start)
            ):
                places[key] = f.name
    # One tuple per deposit, shared by its mentions: building them per mention
    # would cost time (and memory) growing with the square of the mentions.
    ties = {
        key: (
            tuple(dict.fromkeys(commodities[key])),
            tuple(v for v in variants[key] if v != name)[:_MAX_ALIASES],
        )
        for key, name in canonical.items()
    }
    out: list[Fact] = []
    for fact in facts:
        if isinstance(fact, Deposit):
            key = skeleton(fact.name)
            tied, aliases = ties[key]
            fact = attrs.evolve(
                fact,
                name=canonical[key],
                commodities=tied,
                location=places.get(key, fact.location),
                aliases=aliases,
            )
        out.append(fact)
    return out
