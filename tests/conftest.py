"""Small helpers shared by the table tests.

``facts_of(text, "quantity")`` gives the contract dicts of one fact type,
``only(text, "money")`` asserts there is exactly one and returns it, and
``assert_fields(fact, expected)`` compares just the fields a table row names
(numbers approximately, everything else exactly); ``walk(fact)`` gives a fact
and the facts nested in it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest

from rareearth_extract import extract_facts, to_dict
from rareearth_extract.facts import Fact


def facts_of(text: str, type_: str, **kwargs: Any) -> list[dict[str, Any]]:
    """The contract dicts of every fact of ``type_`` found in ``text``."""
    return [d for d in map(to_dict, extract_facts(text, **kwargs)) if d["type"] == type_]


def only(text: str, type_: str, **kwargs: Any) -> dict[str, Any]:
    """The one fact of ``type_`` in ``text`` (fails when there are none or several)."""
    found = facts_of(text, type_, **kwargs)
    assert len(found) == 1, f"expected exactly one {type_} in {text!r}, got {found!r}"
    return found[0]


def assert_fields(fact: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """Assert that each field in ``expected`` has that value in ``fact``."""
    for key, want in expected.items():
        assert key in fact, f"field {key!r} missing from {fact!r}"
        got = fact[key]
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            assert got == pytest.approx(want, rel=1e-6, abs=1e-9), (
                f"{key}: got {got!r}, expected {want!r} in {fact['text']!r}"
            )
        else:
            assert got == want, f"{key}: got {got!r}, expected {want!r} in {fact['text']!r}"


def walk(fact: Fact) -> Iterator[Fact]:
    """`fact` and every fact nested in it (tonnage, grade, length, grades)."""
    yield fact
    for field in attrs.fields(type(fact)):
        value = getattr(fact, field.name)
        if isinstance(value, Fact):
            yield from walk(value)
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, Fact):
                    yield from walk(item)
