"""``facts_to_frame``: one row per fact, typed columns (pandas, an optional extra)."""

from __future__ import annotations

from typing import Any

import pytest
from varied_texts import VARIED_TEXTS, example_text

from rareearth_extract import extract_facts, to_dict
from rareearth_extract.facts import FACT_TYPES
from rareearth_extract.tabular import columns, flat_record

pd = pytest.importorskip("pandas")

from rareearth_extract import facts_to_frame  # noqa: E402  (after the skip)


@pytest.fixture(scope="module")
def example_facts() -> list[Any]:
    return extract_facts(example_text())


def test_one_row_per_fact_in_order(example_facts: list[Any]) -> None:
    frame = facts_to_frame(example_facts)
    assert len(frame) == len(example_facts)
    assert list(frame["type"]) == [f.type for f in example_facts]
    assert list(frame["start"]) == [f.start for f in example_facts]
    assert list(frame["text"]) == [f.text for f in example_facts]


DTYPE_CASES = [
    pytest.param("type", "category", id="type-categorical"),
    pytest.param("text", "string", id="text"),
    pytest.param("start", "Int64", id="start"),
    pytest.param("normalized_value", "Float64", id="float"),
    pytest.param("currency_assumed", "boolean", id="bool"),
    pytest.param("date_value", "string", id="date-value"),
    pytest.param("commodities", "object", id="list"),
    pytest.param("tonnage_normalized_value", "Float64", id="nested-float"),
    pytest.param("parent_start", "Int64", id="nullable-int"),
]


@pytest.mark.parametrize(("column", "dtype"), DTYPE_CASES)
def test_column_dtypes(example_facts: list[Any], column: str, dtype: str) -> None:
    assert str(facts_to_frame(example_facts)[column].dtype) == dtype


def test_type_categories_are_every_fact_type(example_facts: list[Any]) -> None:
    assert list(facts_to_frame(example_facts)["type"].cat.categories) == list(FACT_TYPES)


def test_empty_input_has_every_column() -> None:
    frame = facts_to_frame([])
    assert frame.empty
    assert list(frame.columns) == [c.name for c in columns()]


def test_frames_of_several_texts_concatenate() -> None:
    frames = [facts_to_frame(extract_facts(t)).assign(doc=i) for i, t in enumerate(VARIED_TEXTS)]
    combined = pd.concat(frames, ignore_index=True)
    assert len(combined) == sum(len(extract_facts(t)) for t in VARIED_TEXTS)
    assert str(combined["normalized_value"].dtype) == "Float64"


def test_types_keep_their_rows_and_columns(example_facts: list[Any]) -> None:
    frame = facts_to_frame(example_facts, types=["money"])
    assert set(frame["type"]) == {"money"}
    assert len(frame) == sum(f.type == "money" for f in example_facts)
    assert "usd_amount" in frame.columns
    assert "measure" not in frame.columns


def test_unknown_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown fact type"):
        facts_to_frame([], types=["rumour"])


def test_values_match_the_json_form(example_facts: list[Any]) -> None:
    frame = facts_to_frame(example_facts)
    for i, fact in enumerate(example_facts):
        record = to_dict(fact)
        row = frame.iloc[i]
        for key in ("normalized_value", "amount", "currency", "name", "rate"):
            if key in record:
                value = row[key]
                expected = record[key]
                assert (pd.isna(value) and expected is None) or value == expected, (key, fact)


def test_nested_quantities_are_flattened() -> None:
    (estimate,) = [
        f
        for f in extract_facts(
            "Inferred resources at the Selwyn Creek deposit total 3.1 million tonnes "
            "grading 0.7% Li2O."
        )
        if f.type == "resource_estimate"
    ]
    row = facts_to_frame([estimate]).iloc[0]
    assert row["tonnage_normalized_value"] == pytest.approx(3_100_000)
    assert row["tonnage_normalized_unit"] == "t"
    assert row["grade_normalized_value"] == pytest.approx(7_000)
    assert row["grade_basis"] == "Li2O"
    assert row["deposit"] == "Selwyn Creek"


def test_tonnage_by_deposit(example_facts: list[Any]) -> None:
    frame = facts_to_frame(example_facts, types=["resource_estimate"])
    tonnage = frame.groupby("deposit")["tonnage_normalized_value"].sum()
    expected: dict[str, float] = {}
    for f in example_facts:
        if f.type == "resource_estimate" and f.deposit and f.tonnage is not None:
            expected[f.deposit] = expected.get(f.deposit, 0.0) + f.tonnage.normalized_value
    assert expected, "the example states tonnages for named deposits"
    assert tonnage.to_dict() == pytest.approx(expected)


def test_flat_record_has_only_its_types_columns(example_facts: list[Any]) -> None:
    for fact in example_facts:
        assert set(flat_record(fact)) == {c.name for c in columns([fact.type])}


def test_not_a_fact_is_an_error() -> None:
    with pytest.raises(TypeError, match="expects facts"):
        facts_to_frame([{"type": "date"}])  # type: ignore[list-item]
