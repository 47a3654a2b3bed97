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

from .common import Result, SpanTally, data_path

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
    tally = SpanTally()
    for path in sorted(folder.glob("*.xml")):
        root = ET.parse(path).getroot()
        for p in root.iter(f"{TEI}p"):
            text, gold, unitless = _paragraph(p)
            result.exclude("measurement without a unit (bare number or bound)", len(unitless))
            tally.add(result, path.stem, text, gold, unitless)
    tally.finish(result)
    return result
