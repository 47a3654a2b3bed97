"""The JSON Schema of a fact's JSON form, shipped as ``data/facts.schema.json``.

The schema (JSON Schema draft 2020-12) describes exactly what
:func:`rareearth_extract.to_dict` and the command line's ``--format jsonl``
produce: one object per fact, chosen by its ``type``, with every field of that
type required and no others (nested quantities are quantity objects). Tools in
any language can validate against it; in Python, with ``jsonschema``::

    import jsonschema
    from rareearth_extract.schema import fact_schema

    validator = jsonschema.Draft202012Validator(fact_schema())
    validator.validate(to_dict(fact))
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from .resources import read_text

SCHEMA_FILE = "facts.schema.json"


@cache
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_text(SCHEMA_FILE))
    return data


def fact_schema() -> dict[str, Any]:
    """The fact JSON Schema as a dict (a fresh copy each call).

    >>> schema = fact_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["$defs"]["money"]["properties"])[:3]
    ['amount', 'currency', 'currency_assumed']
    """
    return copy.deepcopy(_schema())
