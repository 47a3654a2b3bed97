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

from rareearth_extract.facts import Money, Quantity

from .common import Result, data_path, extract, f1, fmt_case, overlaps


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
    tp = n_gold = n_pred = 0
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
        preds = [
            (f.start, f.end, f.text)
            for f in extract(text)
            if isinstance(f, Money) or (isinstance(f, Quantity) and f.measure != "count")
        ]
        used: set[int] = set()
        neutral = 0
        for s, e, t in preds:
            hit = next(
                (k for k, g in enumerate(gold) if k not in used and overlaps(g, (s, e))), None
            )
            if hit is not None:
                used.add(hit)
                tp += 1
            elif any(overlaps(u, (s, e)) for u in unitless):
                neutral += 1
            else:
                result.failures.append(fmt_case(0, f"{tsv.stem}: extra {t!r}"))
        for k, (s, e) in enumerate(gold):
            if k not in used:
                result.failures.append(fmt_case(0, f"{tsv.stem}: missed {text[s:e]!r}"))
        n_gold += len(gold)
        n_pred += len(preds) - neutral
    p, r, f = f1(tp, n_gold, n_pred)
    result.cases = n_gold
    result.score = f
    result.score_text = f"P/R/F1 {p:.3f}/{r:.3f}/{f:.3f}"
    result.met = f >= 0.70
    return result
