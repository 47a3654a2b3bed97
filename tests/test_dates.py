"""Dates: explicit calendar expressions, ISO 8601 at the precision written.

All sentences are invented for these tests.
"""

from __future__ import annotations

import re

import pytest
from conftest import facts_of, only

P = pytest.param

DATES = [
    P("The Harlow plant restarts in March 2026.", "2026-03", id="month-year"),
    P("Ore shipments resumed in Sep 2024.", "2024-09", id="abbreviated-month-year"),
    P("The licence was signed on September 14, 2024.", "2024-09-14", id="month-day-year"),
    P("The tender closes on 17 November 2023.", "2023-11-17", id="day-month-year"),
    P("Assays were received 2024-07-09 from the lab.", "2024-07-09", id="iso"),
    P("The company reported results on Oct. 3, 2024.", "2024-10-03", id="abbreviated-dot"),
    P("The option expires on August 21st, 2025.", "2025-08-21", id="ordinal-suffix-st"),
    P("The survey began on March 3rd, 2024.", "2024-03-03", id="ordinal-suffix-rd"),
    P("The mine was flooded on February 29, 2024.", "2024-02-29", id="leap-day"),
    P("Output dipped in Q3 2024 at Corran.", "2024-Q3", id="Q-number"),
    P("Sales rose in the fourth quarter of 2024.", "2024-Q4", id="ordinal-quarter"),
    P("First ore is due in the second quarter of 2026.", "2026-Q2", id="second-quarter"),
    P("The refinery lost money in H2 2023.", "2023-H2", id="H-number"),
    P("Commissioning is set for the second half of 2025.", "2025-H2", id="ordinal-half"),
    P("Drilling resumes in 1H 2026 at Fell.", "2026-H1", id="number-H"),
    P("The deposit was discovered in 2019.", "2019", id="year"),
]


@pytest.mark.parametrize(("text", "value"), DATES)
def test_date_value(text: str, value: str) -> None:
    assert only(text, "date")["value"] == value


DATE_SPANS = [
    P("The Harlow plant restarts in March 2026.", "March 2026", id="month-year"),
    P("The licence was signed on September 14, 2024.", "September 14, 2024", id="month-day-year"),
    P("Output dipped in Q3 2024 at Corran.", "Q3 2024", id="quarter"),
]


@pytest.mark.parametrize(("text", "span"), DATE_SPANS)
def test_date_span(text: str, span: str) -> None:
    assert only(text, "date")["text"] == span


INVALID_DAYS = [
    P("The permit lapsed on February 30, 2025.", id="february-30"),
    P("The permit lapsed on April 31, 2024.", id="april-31"),
    P("The permit lapsed on February 29, 2023.", id="feb-29-non-leap"),
]


@pytest.mark.parametrize("text", INVALID_DAYS)
def test_impossible_day_is_not_a_full_date(text: str) -> None:
    values = [d["value"] for d in facts_of(text, "date")]
    assert not any(v and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in values), values
