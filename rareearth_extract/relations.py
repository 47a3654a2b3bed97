"""Relations built from mention facts: resource estimates and drill intercepts.

Both work on the quantities already found, in text order, and on the words
between them:

* a **drill intercept** is a length then a grade joined by "@", "at" or
  "grading" ("26 m @ 3.88 g/t Au"), or a grade "over" a length ("41.6 g/t over
  0.7 m"), with more grades of the same interval after commas ("0.31% Cu, 0.13
  g/t Au"), a start depth ("from 45 m"), a hole id nearby ("Hole CAR036:") and a
  parent when it is written "including ..." after another interval;
* a **resource estimate** is a tonnage tied to a category term in its sentence
  ("total resources of 935,400 tons", "795,800 tons of proven reserves",
  "56 Mt at 2.6% TREO Measured and Indicated", "C1 reserves of 12 Mt"), with the
  grade that follows it, the deposit the passage is about and the commodity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

import regex

from .facts import Commodity, Deposit, DrillIntercept, Fact, Quantity, ResourceEstimate
from .matchers.commodities import names_in
from .patterns import FLAGS
from .resources import read_rows
from .sentences import Sentences

_JOIN_LENGTH_GRADE = regex.compile(
    r"^[ ]?(?:@|(?i:at|of|grading|averaging|assaying|returning|grading[ ]an[ ]average[ ]of))[ ]?$",
    FLAGS,
)
_JOIN_GRADE_LENGTH = regex.compile(r"^[ ]?(?i:over|across)[ ]?$", FLAGS)
_JOIN_GRADES = regex.compile(r"^[ ]?(?:,|(?i:and)|,[ ](?i:and)|&|\+|/)[ ]?$", FLAGS)
_JOIN_FROM = regex.compile(r"^[ ]?(?i:from|starting[ ]at|beginning[ ]at)[ ]?$", FLAGS)
_JOIN_INCLUDING = regex.compile(r"^[ ,;(]*(?i:including|incl\.|incl|inc\.|with)[ :]?$", FLAGS)
_JOIN_SIBLING = regex.compile(r"^[ ]?(?:,|;|(?i:and)|,[ ](?i:and))[ ]?$", FLAGS)
_HOLE_ID = r"[A-Z]{2,}+[A-Z0-9]*+(?:[-_][A-Z0-9]++)*+"
_HOLE_BEFORE = regex.compile(
    r"(?:(?i:hole|drill[ ]?hole|drillhole|borehole)[ ]?(?:(?i:no)\.?[ ]?|#)?"
    r"(?P<id>[A-Za-z0-9]++(?:[-_][A-Za-z0-9]++)*+)"
    rf"|(?<![\w-])(?P<id>{_HOLE_ID}))(?=[ ]?[:)\],-]|[ ])",
    FLAGS,
)
_HOLE_AFTER = regex.compile(
    rf"[ ]?\((?P<id>{_HOLE_ID})\)"
    r"|[ ](?i:in|from|for)[ ](?i:hole|drill[ ]?hole|borehole)[ ]"
    r"(?P<id>[A-Za-z0-9]++(?:[-_][A-Za-z0-9]++)*+)",
    FLAGS,
)
_HOLE_REACH = 80
_MAX_GAP = 40


def find_relations(text: str, facts: list[Fact]) -> list[Fact]:
    """Drill intercepts and resource estimates built from `facts` (sorted by start)."""
    quantities = [f for f in facts if isinstance(f, Quantity)]
    intercepts = find_intercepts(text, quantities)
    used = {id(q) for d in intercepts for q in (d.length, *d.grades)}
    estimates = find_estimates(text, [q for q in quantities if id(q) not in used], facts)
    return [*intercepts, *estimates]


# --- drill intercepts -------------------------------------------------------------


def _between(text: str, a: Fact, b: Fact) -> str:
    return text[a.end : b.start] if b.start - a.end <= _MAX_GAP else "\x00"


def find_intercepts(text: str, quantities: list[Quantity]) -> list[DrillIntercept]:
    """Drilled intervals with their grades, start depths, holes and parents."""
    out: list[DrillIntercept] = []
    parent: DrillIntercept | None = None
    i = 0
    while i < len(quantities) - 1:
        q, nxt = quantities[i], quantities[i + 1]
        between = _between(text, q, nxt)
        if q.measure == "length" and nxt.measure == "grade" and _JOIN_LENGTH_GRADE.match(between):
            length, grades, j = q, [nxt], i + 2
        elif q.measure == "grade" and nxt.measure == "length" and _JOIN_GRADE_LENGTH.match(between):
            length, grades, j = nxt, [q], i + 2
        else:
            i += 1
            continue
        while (
            j < len(quantities)
            and quantities[j].measure == "grade"
            and _JOIN_GRADES.match(_between(text, quantities[j - 1], quantities[j]))
        ):
            grades.append(quantities[j])
            j += 1
        end_fact: Quantity = quantities[j - 1]
        from_depth = None
        if (
            j < len(quantities)
            and quantities[j].measure == "length"
            and _JOIN_FROM.match(_between(text, end_fact, quantities[j]))
        ):
            from_depth = quantities[j].normalized_value
            end_fact = quantities[j]
            j += 1
        start = min(length.start, grades[0].start)
        prev = out[-1] if out else None
        parent_start = None
        if prev is not None and prev.end <= start:
            gap = text[prev.end : start]
            if _JOIN_INCLUDING.match(gap):
                parent_start = prev.start
            elif prev.parent_start is not None and _JOIN_SIBLING.match(gap):
                parent_start = prev.parent_start
        if parent_start is None:
            parent = None
        intercept = DrillIntercept(
            text=text[start : end_fact.end],
            start=start,
            end=end_fact.end,
            length=length,
            grade=grades[0],
            grades=grades,
            commodity=_commodity_of_basis(grades[0].basis),
            from_depth=from_depth,
            hole=_hole(text, start, end_fact.end, parent),
            parent_start=parent_start,
        )
        if parent_start is None:
            parent = intercept
        out.append(intercept)
        i = j
    return out


def _hole(text: str, start: int, end: int, parent: DrillIntercept | None) -> str | None:
    after = _HOLE_AFTER.match(text, end)
    if after is not None and _has_digit(after.group("id")):
        return after.group("id")
    line_start = text.rfind("\n", max(0, start - _HOLE_REACH), start) + 1
    window_start = max(line_start, start - _HOLE_REACH)
    found = None
    for m in _HOLE_BEFORE.finditer(text, window_start, start):
        if _has_digit(m.group("id")):
            found = m.group("id")
    if found is None and parent is not None:
        return parent.hole
    return found


def _has_digit(value: str) -> bool:
    return any(ch.isdigit() for ch in value)


def _commodity_of_basis(basis: str | None) -> str | None:
    """The canonical commodity a grade's basis names ("Au" -> gold, "Li2O" -> lithium)."""
    names = names_in(basis) if basis else ()
    return names[0] if names else None


# --- resource estimates -----------------------------------------------------------


@cache
def _categories() -> tuple[dict[str, tuple[str, str | None, str]], regex.Pattern[str]]:
    table: dict[str, tuple[str, str | None, str]] = {}
    for surface, category, system, kind in read_rows("resource_categories.tsv"):
        table[surface.lower()] = (category, None if system == "-" else system, kind)
    words = sorted(table, key=len, reverse=True)
    alternatives = "|".join(regex.escape(w).replace(r"\ ", "[ ]") for w in words)
    soviet = r"(?:A|B|C1|C2|P1|P2|P3)(?:[ ]?\+[ ]?(?:A|B|C1|C2|P1|P2|P3))++|C1|C2|P1|P2|P3"
    pattern = regex.compile(
        rf"(?<![\w-])(?:(?P<term>(?i:{alternatives}))"
        rf"|(?:(?i:categor(?:y|ies))[ ])?+(?P<soviet>{soviet}|(?<=(?i:category)[ ])(?:A|B))"
        rf"(?:[ ](?i:reserves|resources))?+)"
        rf"(?![\w-])",
        FLAGS,
    )
    return table, pattern


_TERM_BEFORE_MAX = 110
_DEPOSIT_REACH = 1500
_TERM_AFTER_MAX = 60
_JOIN_TONNAGE_GRADE = regex.compile(
    r"^[ ,]*(?:@|(?i:at|grading|averaging|with[ ]an[ ]average[ ]grade[ ]of|with[ ]a[ ]grade[ ]of"
    r"|at[ ]an[ ]average[ ]grade[ ]of|at[ ]an[ ]average(?:[ ]of)?|at[ ]a[ ]grade[ ]of))[ ]?$",
    FLAGS,
)
_OF_AFTER = regex.compile(r"[ ]?(?i:of|of[ ]contained|contained)[ ]", FLAGS)


def find_estimates(
    text: str, quantities: list[Quantity], facts: list[Fact]
) -> list[ResourceEstimate]:
    """Tonnages tied to resource or reserve categories, with grade, deposit and commodity."""
    table, pattern = _categories()
    deposits = [f for f in facts if isinstance(f, Deposit)]
    deposit_starts = [d.start for d in deposits]
    commodities = [f for f in facts if isinstance(f, Commodity)]
    commodity_starts = [c.start for c in commodities]
    doc_system = _document_system(text)
    distinct_deposits = {d.name for d in deposits}
    deposit_commodities = {d.name: d.commodities for d in deposits}
    sentences = Sentences(text)
    out: list[ResourceEstimate] = []
    for i, q in enumerate(quantities):
        if q.measure != "mass":
            continue
        s_start, s_end = sentences.span(q.start, q.end)
        grade = None
        tail_end = q.end
        if i + 1 < len(quantities):
            nxt = quantities[i + 1]
            if nxt.measure == "grade" and _JOIN_TONNAGE_GRADE.match(text[q.end : nxt.start]):
                grade, tail_end = nxt, nxt.end
        term = _nearest_term(text, pattern, q.start, tail_end, s_start, s_end)
        if term is None:
            continue
        surface: str = term.group("term") or term.group()
        category: str
        system: str | None
        kind: str
        if term.group("soviet"):
            category, system = term.group("soviet").replace(" ", ""), "GKZ"
            kind = "resource" if category.startswith("P") else "reserve"
        else:
            category, system, kind = table[" ".join(surface.lower().split())]
        if system == "CRIRSCO":
            system = doc_system
        deposit = _deposit_for(deposits, deposit_starts, q, s_start, distinct_deposits)
        commodity = _commodity_for(text, q, grade, commodities, commodity_starts, s_end)
        if commodity is None and deposit is not None:
            commodity = next(iter(deposit_commodities.get(deposit, ())), None)
        start = min(q.start, term.start())
        end = max(tail_end, term.end())
        out.append(
            ResourceEstimate(
                text=text[start:end],
                start=start,
                end=end,
                deposit=deposit,
                commodity=commodity,
                category=category,
                category_term=surface,
                system=system,
                estimate_kind=kind,
                tonnage=q,
                grade=grade,
            )
        )
    return out


def _nearest_term(
    text: str, pattern: regex.Pattern[str], start: int, end: int, s_start: int, s_end: int
) -> regex.Match[str] | None:
    """The category term closest to a tonnage: right after it, else before it in the sentence."""
    after = pattern.search(text, end, min(s_end, end + _TERM_AFTER_MAX))
    before = None
    previous = None
    for m in pattern.finditer(text, max(s_start, start - _TERM_BEFORE_MAX), start):
        previous, before = before, m
    if (
        before is not None
        and previous is not None
        and _generic(before)
        and before.start() - previous.end() <= 1
    ):
        before = previous
    if after is not None and (before is None or after.start() - end <= start - before.end()):
        gap = text[end : after.start()]
        if "\n" not in gap and not regex.search(r"\d", gap):
            return after
    if before is not None:
        gap = text[before.end() : start]
        if not regex.search(r"\d[\d,.]*[ ]?(?:t|Mt|kt|tons?|tonnes?)\b", gap):
            return before
    return None


def _generic(term: regex.Match[str]) -> bool:
    """A bare "resources"/"reserves" word, which a category before it makes specific."""
    surface = term.group("term")
    if not surface:
        return False
    category = _categories()[0][" ".join(surface.lower().split())][0]
    return category in {"total resources", "total reserves"}


def _deposit_for(
    deposits: list[Deposit],
    starts: list[int],
    q: Quantity,
    s_start: int,
    distinct: set[str],
) -> str | None:
    """The deposit a tonnage belongs to: named in its sentence or shortly before it."""
    i = bisect_right(starts, q.end) - 1
    if i >= 0:
        d = deposits[i]
        if d.start >= s_start or q.start - d.end < _DEPOSIT_REACH:
            return d.name
    if len(distinct) == 1:
        return next(iter(distinct))
    return None


def _commodity_for(
    text: str,
    q: Quantity,
    grade: Quantity | None,
    commodities: list[Commodity],
    starts: list[int],
    s_end: int,
) -> str | None:
    """The commodity of a tonnage: its grade's basis, else the first commodity after it.

    `commodities` are sorted by start and `starts` are their starts (found by
    bisection: a text may hold many tonnages and many commodities).
    """
    if grade is not None and grade.basis:
        name = _commodity_of_basis(grade.basis)
        if name:
            return name
    i = bisect_left(starts, q.end)
    after = commodities[i] if i < len(commodities) else None
    if after is not None and _OF_AFTER.match(text, q.end) and after.start <= q.end + 40:
        return after.name
    if after is not None and after.start < s_end:
        return after.name
    return None


def _document_system(text: str) -> str | None:
    """The CRIRSCO code a report says it follows."""
    if regex.search(r"(?i:NI[ ]?43-?101)", text):
        return "NI 43-101"
    if "JORC" in text:
        return "JORC"
    if regex.search(r"(?i:SAMREC)", text):
        return "SAMREC"
    if regex.search(r"(?i:S-K[ ]1300)", text):
        return "S-K 1300"
    return None
