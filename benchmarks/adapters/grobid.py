"""grobid-quantities' "Quantities ML" holdout (kermitt2/grobid-quantities, CC-BY 4.0).

Nine articles and patents in TEI, their measurements marked up in place:
``<measure type="value|interval|list">`` around the number(s) and a nested
unit element. In scope: measurements with a unit. Out of scope: bare numbers
and bounds without a unit ("<num atMost=\"1\">1</num>"), which our contract does
not report (a prediction overlapping one counts neither way).
Rule: span overlap F1 as for MeasEval, one to one, over the paragraphs' text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from rareearth_extract.facts import Money, Quantity

from .common import Result, data_path, extract, f1, fmt_case, overlaps

TEI = "{http://www.tei-c.org/ns/1.0}"


def _paragraph(p: ET.Element) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The text of a paragraph and the spans of its measurements (with / without a unit)."""
    parts: list[str] = []
    with_unit: list[tuple[int, int]] = []
    without: list[tuple[int, int]] = []

    def walk(el: ET.Element, top: bool) -> None:
        start = sum(len(s) for s in parts)
        if el.text:
            parts.append(el.text)
        for child in el:
            if child.tag == f"{TEI}measure" and top:
                walk(child, False)
                end_ = sum(len(s) for s in parts)
                s0 = end_ - len("".join(child.itertext()))
                has_unit = any(
                    "unit" in d.attrib or (d.tag == f"{TEI}measure" and d is not child and
                                           d.get("type") not in ("value", "interval", "list"))
                    for d in child.iter()
                )
                (with_unit if has_unit else without).append((s0, end_))
            else:
                walk(child, top and child.tag != f"{TEI}measure")
            if child.tail:
                parts.append(child.tail)
        del start

    walk(p, True)
    return "".join(parts), with_unit, without


def run(*, peers: bool = True) -> Result:
    """Measurement-span overlap F1 on grobid-quantities' holdout articles."""
    result = Result(
        suite="grobid-quantities holdout (quantities)",
        rule="measurement spans with a unit: overlap F1, one to one",
        unit="quantities",
        peer="grobid-quantities (CRF/DL models) reports its scores in its own docs",
    )
    folder = data_path("grobid-quantities", "quantities-evaluation")
    tp = n_gold = n_pred = 0
    for path in sorted(folder.glob("*.xml")):
        root = ET.parse(path).getroot()
        for p in root.iter(f"{TEI}p"):
            text, gold, unitless = _paragraph(p)
            result.exclude("measurement without a unit (bare number or bound)", len(unitless))
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
                    result.failures.append(fmt_case(0, f"{path.stem}: extra {t!r}"))
            for k, (s, e) in enumerate(gold):
                if k not in used:
                    result.failures.append(fmt_case(0, f"{path.stem}: missed {text[s:e]!r}"))
            n_gold += len(gold)
            n_pred += len(preds) - neutral
    p_, r_, f_ = f1(tp, n_gold, n_pred)
    result.cases = n_gold
    result.score = f_
    result.score_text = f"P/R/F1 {p_:.3f}/{r_:.3f}/{f_:.3f}"
    return result
