"""Facts as flat rows: one row per fact, one typed column per field.

The JSON form of a fact (:func:`rareearth_extract.to_dict`) nests: a resource
estimate holds its tonnage and grade as quantity objects. Tables want flat
rows, so here

* the fields every fact has come first (``type``, ``text``, ``start``, ``end``,
  ``sentence``), then the fields of each fact type in the contract's order;
* a nested quantity becomes prefixed columns (``tonnage_normalized_value``,
  ``grade_unit``, ...; see :data:`NESTED_QUANTITY_FIELDS`);
* lists (a deposit's ``commodities``, an intercept's ``grades``) stay lists;
* a field whose name another type already uses with a different kind of value
  gets its type as a prefix: a date's ISO ``value`` is the ``date_value``
  column, since ``value`` is a quantity's number.

:func:`columns` lists the columns (with their kind) for some fact types and
:func:`flat_record` gives one fact's row. The command line's ``--format csv``
and :func:`rareearth_extract.facts_to_frame` are both built on them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import cache
from typing import Any

import attrs

from .facts import FACT_TYPES, Fact, Quantity

COMMON_FIELDS = ("type", "text", "start", "end", "sentence")
"""Columns every row has, first, in this order."""

NESTED_QUANTITY_FIELDS = (
    "text",
    "value",
    "unit",
    "normalized_value",
    "normalized_low",
    "normalized_high",
    "normalized_unit",
    "qualifier",
    "basis",
)
"""The fields of a nested quantity that become ``{field}_{name}`` columns."""

#: Kinds of column: the pandas dtype :func:`rareearth_extract.facts_to_frame` gives each.
KINDS = ("category", "str", "int", "float", "bool", "list")

# The kind of each annotation the fact classes use; a new annotation must be added
# here (a test builds every column, so a missing one fails loudly).
_ANNOTATION_KINDS: dict[str, str] = {
    "str": "str",
    "str | None": "str",
    "int": "int",
    "int | None": "int",
    "float": "float",
    "float | None": "float",
    "bool": "bool",
    "tuple[str, ...]": "list",
    "tuple[Quantity, ...]": "list",
    "Quantity": "quantity",
    "Quantity | None": "quantity",
}


@attrs.frozen
class Column:
    """One column of the flat form: its `name`, `kind` and the fact types that fill it."""

    name: str
    kind: str
    types: tuple[str, ...]
    field: str
    """The fact field it comes from (for nested quantities, the outer field)."""
    nested: str | None = None
    """For nested quantity columns, the quantity field it holds."""


def _kind(cls: type[Fact], field: attrs.Attribute[Any]) -> str:
    annotation = field.type if isinstance(field.type, str) else getattr(field.type, "__name__", "")
    kind = _ANNOTATION_KINDS.get(str(annotation))
    if kind is None:
        raise TypeError(f"no column kind for {cls.__name__}.{field.name}: {annotation!r}")
    return kind


@cache
def _all_columns() -> tuple[Column, ...]:
    all_types = tuple(FACT_TYPES)
    out: dict[str, Column] = {
        "type": Column("type", "category", all_types, "type"),
        "text": Column("text", "str", all_types, "text"),
        "start": Column("start", "int", all_types, "start"),
        "end": Column("end", "int", all_types, "end"),
        "sentence": Column("sentence", "str", all_types, "sentence"),
    }
    quantity_kinds = {f.name: _kind(Quantity, f) for f in attrs.fields(Quantity)}
    for type_name, cls in FACT_TYPES.items():
        for field in attrs.fields(cls):
            if field.name in COMMON_FIELDS:
                continue
            kind = _kind(cls, field)
            if kind == "quantity":
                for sub in NESTED_QUANTITY_FIELDS:
                    name = f"{field.name}_{sub}"
                    _add(out, type_name, Column(name, quantity_kinds[sub], (), field.name, sub))
                continue
            _add(out, type_name, Column(field.name, kind, (), field.name))
    return tuple(out.values())


def _add(out: dict[str, Column], type_name: str, column: Column) -> None:
    """Add `column` for `type_name`, sharing a same-named column of the same kind."""
    name = column.name
    existing = out.get(name)
    if existing is not None and (existing.kind, existing.field, existing.nested) != (
        column.kind,
        column.field,
        column.nested,
    ):
        name = f"{type_name}_{name}"
        existing = out.get(name)
    if existing is None:
        out[name] = attrs.evolve(column, name=name, types=(type_name,))
    else:
        out[name] = attrs.evolve(existing, types=(*existing.types, type_name))


def columns(types: Collection[str] | None = None) -> list[Column]:
    """The columns for facts of `types` (every fact type when None), in order.

    >>> [c.name for c in columns(["date"])]
    ['type', 'text', 'start', 'end', 'sentence', 'date_value']
    >>> [(c.name, c.kind) for c in columns(["exchange_rate"])][5:]
    [('base', 'str'), ('quote', 'str'), ('rate', 'float'), ('change_pct', 'float')]
    """
    if types is None:
        return list(_all_columns())
    unknown = set(types) - set(FACT_TYPES)
    if unknown:
        raise ValueError(f"unknown fact type(s) {sorted(unknown)}; known: {sorted(FACT_TYPES)}")
    wanted = set(types)
    return [c for c in _all_columns() if wanted.intersection(c.types)]


@cache
def _columns_of(type_name: str) -> tuple[Column, ...]:
    return tuple(columns([type_name]))


def flat_record(fact: Fact) -> dict[str, Any]:
    """One fact as a flat dict: the columns of its own type, nested quantities prefixed.

    Lists come back as lists: of strings, or (for ``grades``) of quantity dicts
    in the JSON form.

    >>> from rareearth_extract.facts import Date
    >>> flat_record(Date(text="May 2024", start=3, end=11, value="2024-05"))["date_value"]
    '2024-05'
    """
    if not isinstance(fact, Fact):
        raise TypeError(f"flat_record() expects a Fact, got {type(fact).__name__}")
    from .serialize import to_dict

    row: dict[str, Any] = {}
    for column in _columns_of(fact.type):
        if column.name == "type":
            row["type"] = fact.type
            continue
        value = getattr(fact, column.field)
        if column.nested is not None:
            value = None if value is None else getattr(value, column.nested)
        elif isinstance(value, tuple):
            value = [to_dict(v) if isinstance(v, Fact) else v for v in value]
        row[column.name] = value
    return row


def flat_records(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """:func:`flat_record` of each fact."""
    return [flat_record(f) for f in facts]
