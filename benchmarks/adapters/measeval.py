"""MeasEval (SemEval-2021 Task 8): measurements in scientific paragraphs.

The evaluation split: 135 paragraphs of OA-STM articles (130 with annotations),
each with character spans of its ``Quantity`` annotations and their unit.

In scope: quantities with a unit (a measurement). Out of scope: quantities
without one (counts such as "two samples", bare numbers, dates): our contract
reports no bare numbers, so a prediction overlapping one counts neither way.
Paragraphs without an annotation file are left out (the organisers did not
annotate them). Rule: quantity-span overlap F1, MeasEval's span criterion:
a prediction (a quantity or an amount of money) is a hit when its span overlaps
an unmatched gold span, one to one; P = hits / predictions, R = hits / gold.
"""

from __future__ import annotations

import csv
import json

from .common import Result, SpanTally, data_path


def run(*, peers: bool = True) -> Result:
    """Quantity-span overlap F1 on MeasEval's evaluation split."""
    result = Result(
        suite="MeasEval eval split",
        rule="quantity spans with a unit: overlap F1, one to one",
        unit="quantities",
        target=">= 0.70",
        peer="SemEval-2021 systems are trained models; no rule-based peer figure",
    )
    root = data_path("measeval", "eval")
    tally = SpanTally()
    for tsv in sorted((root / "tsv").glob("*.tsv")):
        text_path = root / "text" / (tsv.stem + ".txt")
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        gold: list[tuple[int, int]] = []
        unitless: list[tuple[int, int]] = []
        seen: set[tuple[int, int]] = set()
        with tsv.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["annotType"] != "Quantity":
                    continue
                span = (int(row["startOffset"]), int(row["endOffset"]))
                if span in seen:
                    continue
                seen.add(span)
                other = json.loads(row["other"] or "{}")
                (gold if other.get("unit") else unitless).append(span)
        result.exclude("quantity without a unit (count, bare number, date)", len(unitless))
        tally.add(result, tsv.stem, text, gold, unitless)
    f = tally.finish(result)
    result.met = f >= 0.70
    return result
