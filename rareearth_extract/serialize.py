"""Serialising facts to the contract's JSON form, JSON Lines and records.

Kept apart from the fact classes (the attrs/cattrs habit): the classes are
plain data, this module decides the wire shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .facts import FACT_TYPES, Fact


def to_dict(fact: Fact) -> dict[str, Any]:
    """Return the contract's JSON object for one fact, ``type`` first.

    >>> from rareearth_extract.facts import Date
    >>> to_dict(Date(text="June 2025", start=0, end=9, value="2025-06"))["value"]
    '2025-06'
    """
    if not isinstance(fact, Fact):
        raise TypeError(f"to_dict() expects a Fact, got {type(fact).__name__}")
    out: dict[str, Any] = {"type": fact.type}
    for field in attrs.fields(type(fact)):
        out[field.name] = _value(getattr(fact, field.name))
    return out


def _value(value: Any) -> Any:
    """Nested facts as their own dicts, tuples as lists, everything else as is."""
    if isinstance(value, Fact):
        return to_dict(value)
    if isinstance(value, (tuple, list)):
        return [_value(v) for v in value]
    return value


def to_json(fact: Fact) -> str:
    """One fact as a compact JSON string with stable key order."""
    return json.dumps(to_dict(fact), ensure_ascii=False, separators=(",", ":"))


def to_jsonl(facts: Iterable[Fact]) -> str:
    """Facts as JSON Lines, one fact a line (with a trailing newline when non-empty)."""
    lines = [to_json(f) for f in facts]
    return "\n".join(lines) + ("\n" if lines else "")


def to_records(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """Facts as a list of flat dicts, e.g. for ``pandas.DataFrame.from_records``."""
    return [to_dict(f) for f in facts]


def from_dict(data: Mapping[str, Any]) -> Fact:
    """Rebuild a fact from its JSON form (the inverse of :func:`to_dict`).

    Nested facts (a resource estimate's ``tonnage``, an intercept's ``grades``)
    are rebuilt too; keys that are not fields of the fact's type (such as the
    command line's ``"file"``) are ignored.

    >>> from rareearth_extract.facts import Date
    >>> fact = Date(text="June 2025", start=0, end=9, value="2025-06")
    >>> from_dict(to_dict(fact)) == fact
    True
    """
    type_name = data.get("type")
    cls = FACT_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise ValueError(f"from_dict(): unknown fact type {type_name!r}")
    kwargs = {
        field.name: _fact_value(data[field.name])
        for field in attrs.fields(cls)
        if field.name in data
    }
    return cls(**kwargs)


def _fact_value(value: Any) -> Any:
    """Dicts with a ``type`` as facts, lists as tuples (of facts, where they are)."""
    if isinstance(value, Mapping) and "type" in value:
        return from_dict(value)
    if isinstance(value, (list, tuple)):
        return tuple(_fact_value(v) for v in value)
    return value
