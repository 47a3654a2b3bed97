"""Sentences written for the integration tests, one or more fact types each.

Shared by the batch, schema, frame, rendering and Dask tests, so that every fact
type the library emits goes through each of them. ``pytest.param`` ids say what
each sentence is for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "kazakh_rare_earths.txt"

VARIED_TEXTS: list[str] = [
    "Northgate Minerals Ltd reported an indicated resource of 14.2 Mt at 1.9% TREO "
    "at the Kestrel Ridge project in Western Australia.",
    "Hole KR-22 intersected 9 m @ 4.1 g/t Au from 61 m, including 2 m @ 12.3 g/t Au.",
    "The board approved a C$12.5 million budget for drilling in the third quarter of 2025.",
    "USD/KZT = 512.4 -0.3%",
    "Lithium carbonate traded at about $11,500 per tonne in April 2025.",
    "The plant will process 1.5 Mtpa of ore and run for 18 years.",
    "The concession spans between 20 and 35 square kilometres near Ulaanbaatar, Mongolia.",
    "The ministry allocated 2.4 billion tenge (about $4.7 million) for geological surveys in 2026.",
    "The Tavan Ridge gold mine produced 42,000 oz of gold and 1.1 Moz of silver.",
    "Neodymium and praseodymium oxide prices rose on 3 March 2025.",
    "Drillers completed 14 holes for 2,300 metres at the Bayan copper prospect.",
    "The pit is 3 km long, 40\u201360 m deep and draws 12 MW of power.",
    "Inferred resources at the Selwyn Creek deposit total 3.1 million tonnes grading 0.7% Li2O.",
    "No figures appear in this sentence.",
    "",
    "  \n\t ",
]

VARIED_PARAMS = [pytest.param(t, id=f"text{i}") for i, t in enumerate(VARIED_TEXTS)]

FACT_TYPES_COVERED = {
    "quantity",
    "money",
    "exchange_rate",
    "date",
    "commodity",
    "location",
    "organization",
    "deposit",
    "resource_estimate",
    "drill_intercept",
}


def example_text() -> str:
    """The bundled example article, as the library reads it."""
    return EXAMPLE.read_text(encoding="utf-8")
