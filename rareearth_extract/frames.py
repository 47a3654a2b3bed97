"""Facts as a pandas DataFrame (``pip install "rareearth-extract[pandas]"``).

pandas is imported when :func:`facts_to_frame` is called, never at package import.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from .facts import FACT_TYPES, Fact
from .tabular import columns, flat_record

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The pandas dtype of each column kind of :mod:`rareearth_extract.tabular`.
PANDAS_DTYPES: dict[str, str] = {
    "str": "string",
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "list": "object",
}


def facts_to_frame(facts: Iterable[Fact], *, types: Collection[str] | None = None) -> pd.DataFrame:
    """A DataFrame with one row per fact and one typed column per field.

    The columns are those of :func:`rareearth_extract.tabular.columns`: the
    fields every fact has (``type``, ``text``, ``start``, ``end``, ``sentence``),
    then each fact type's fields, nested quantities flattened with a prefix
    (``tonnage_normalized_value``) and a date's ISO value as ``date_value``.
    Dtypes are pandas' nullable ones: ``string``, ``Int64``, ``Float64``,
    ``boolean``; ``type`` is categorical over every fact type; lists
    (``commodities``, ``aliases``, ``grades``) are ``object``.

    With `types`, only facts of those types are kept, and only their columns;
    without, every fact and every column (the same columns for any input, so
    frames from several texts concatenate cleanly).

    >>> from rareearth_extract import extract_facts
    >>> frame = facts_to_frame(extract_facts("The pit is 120 m deep; work began in May 2024."))
    >>> frame[["type", "text", "normalized_value", "date_value"]]
           type      text  normalized_value date_value
    0  quantity     120 m             120.0       <NA>
    1      date  May 2024              <NA>    2024-05
    >>> str(frame["normalized_value"].dtype), str(frame["type"].dtype)
    ('Float64', 'category')
    """
    import pandas as pd

    cols = columns(types)
    wanted = None if types is None else set(types)
    rows: list[dict[str, Any]] = []
    for fact in facts:
        if not isinstance(fact, Fact):
            raise TypeError(f"facts_to_frame() expects facts, got {type(fact).__name__}")
        if wanted is None or fact.type in wanted:
            rows.append(flat_record(fact))
    data: dict[str, Any] = {}
    for column in cols:
        values = [row.get(column.name) for row in rows]
        if column.kind == "category":
            data[column.name] = pd.Categorical(values, categories=list(FACT_TYPES))
        elif column.kind == "list":
            data[column.name] = pd.Series(values, dtype="object")
        else:
            data[column.name] = pd.array(values, dtype=PANDAS_DTYPES[column.kind])
    return pd.DataFrame(data, columns=[c.name for c in cols])
