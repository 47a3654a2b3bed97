"""The JSON Schema shipped in the package, and the JSON round trip of facts.

Every fact the library emits, on the sentences of ``tests/varied_texts.py`` and
on the bundled example, must validate; the schema must list exactly the
fields of each fact class.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from varied_texts import FACT_TYPES_COVERED, VARIED_PARAMS, VARIED_TEXTS, example_text

from rareearth_extract import extract_facts, to_dict
from rareearth_extract.facts import FACT_TYPES, MEASURES, QUALIFIERS, USD_SOURCES, Fact
from rareearth_extract.schema import fact_schema
from rareearth_extract.serialize import from_dict, to_json

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = fact_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(validator: Any, fact: Fact) -> list[str]:
    wire = json.loads(to_json(fact))  # exactly what goes over the wire
    return [f"{fact.type} {fact.text!r}: {e.message}" for e in validator.iter_errors(wire)]


@pytest.mark.parametrize("text", VARIED_PARAMS)
def test_facts_of_varied_sentences_validate(validator: Any, text: str) -> None:
    facts = extract_facts(text)
    assert [e for f in facts for e in _errors(validator, f)] == []


def test_facts_of_the_example_validate(validator: Any) -> None:
    facts = extract_facts(example_text())
    assert facts
    assert [e for f in facts for e in _errors(validator, f)] == []


def test_the_texts_cover_every_fact_type() -> None:
    seen = {f.type for t in [*VARIED_TEXTS, example_text()] for f in extract_facts(t)}
    assert seen == FACT_TYPES_COVERED == set(FACT_TYPES)


def test_facts_with_user_rates_validate(validator: Any) -> None:
    facts = extract_facts(
        "The ministry paid 500 million som for the survey.", fx_rates={"KGS": 0.01}
    )
    assert [f.usd_source for f in facts if f.type == "money"] == ["user_rate"]
    assert [e for f in facts for e in _errors(validator, f)] == []


@pytest.mark.parametrize("type_name", sorted(FACT_TYPES))
def test_schema_lists_exactly_the_fields_of_each_type(type_name: str) -> None:
    definition = fact_schema()["$defs"][type_name]
    fields = {f.name for f in attrs.fields(FACT_TYPES[type_name])}
    common = {"text", "start", "end", "sentence"}
    assert set(definition["properties"]) - {"type"} == fields - common
    assert set(definition["required"]) == fields - common
    assert definition["properties"]["type"] == {"const": type_name}
    assert definition["unevaluatedProperties"] is False


def test_schema_enums_match_the_library() -> None:
    schema = fact_schema()
    defs = schema["$defs"]
    assert set(defs["quantity"]["properties"]["measure"]["enum"]) == MEASURES
    assert set(defs["qualifier"]["enum"]) == QUALIFIERS
    assert set(defs["money"]["properties"]["usd_source"]["enum"]) == {*USD_SOURCES, None}
    assert defs["fact"]["properties"]["type"]["enum"] == list(FACT_TYPES)


def _quantity() -> dict[str, Any]:
    return to_dict(extract_facts("The pit is 120 m deep.")[0])


BROKEN_CASES = [
    pytest.param({"measure": "weight"}, id="unknown-measure"),
    pytest.param({"qualifier": "roughly"}, id="unknown-qualifier"),
    pytest.param({"start": -1}, id="negative-offset"),
    pytest.param({"start": 1.5}, id="float-offset"),
    pytest.param({"surprise": 1}, id="extra-field"),
    pytest.param({"type": "rumour"}, id="unknown-type"),
    pytest.param({"normalized_value": "120"}, id="number-as-string"),
]


@pytest.mark.parametrize("change", BROKEN_CASES)
def test_schema_rejects_broken_facts(validator: Any, change: dict[str, Any]) -> None:
    assert validator.is_valid(_quantity())
    assert not validator.is_valid({**_quantity(), **change})


def test_schema_rejects_a_missing_field(validator: Any) -> None:
    broken = _quantity()
    del broken["unit"]
    assert not validator.is_valid(broken)


# --- from_dict: the JSON form reads back ------------------------------------------


@pytest.mark.parametrize("text", VARIED_PARAMS)
def test_from_dict_inverts_to_dict(text: str) -> None:
    facts = extract_facts(text)
    assert [from_dict(json.loads(to_json(f))) for f in facts] == facts


def test_from_dict_ignores_extra_keys() -> None:
    fact = extract_facts("Work began in May 2024.")[0]
    assert from_dict({"file": "notes.txt", **to_dict(fact)}) == fact


@pytest.mark.parametrize(
    "data", [pytest.param({}, id="no-type"), pytest.param({"type": "rumour"}, id="unknown-type")]
)
def test_from_dict_rejects_unknown_types(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown fact type"):
        from_dict(data)
