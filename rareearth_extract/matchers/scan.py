"""The state one extraction pass shares between matchers.

Matchers run in a fixed order (exchange rates, money, dates, quantities, counts,
bare years); each claims the character ranges it reports so that later ones do
not report the same characters again ("KZT/USD = 0.00188 0%" is an exchange
rate, not a percentage too). Offsets here are into the *normalised* text; the
API maps them back to the caller's string.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from functools import cache

import attrs
import regex

from ..facts import Fact
from ..patterns import FLAGS, digit_runs, number_starts, qualifier_before_re, qualifier_table

_ENTITY_KINDS = frozenset({"commodity", "location", "organization", "deposit"})
_QUALIFIER_WINDOW = 40
_QUALIFIER_AFTER = regex.compile(
    r"[ ](?:(?P<at_least>(?i:or[ ](?:more|greater|higher|above|over)"
    r"|and[ ](?:above|over|more)|plus))"
    r"|(?P<at_most>(?i:or[ ](?:less|lower|below|fewer)|and[ ]below)))(?![A-Za-z])",
    FLAGS,
)


@cache
def _qualifier_ends() -> tuple[frozenset[str], str]:
    """The last words of the qualifier phrases (lower case), and their signs' characters."""
    phrases = qualifier_table()
    words = {p.split(" ")[-1] for p in phrases if p[0].isalpha()} | {"of"}
    signs = "".join({p[-1] for p in phrases if not p[0].isalpha()})
    return frozenset(words), signs


def _may_end_qualifier(text: str, start: int) -> bool:
    """Whether a qualifier phrase may end at `start` (its last word or sign is there)."""
    words, signs = _qualifier_ends()
    before = text[max(0, start - _QUALIFIER_WINDOW) : start].rstrip(" (")
    if not before:
        return False
    if before[-1] in signs:
        return True
    i = len(before)
    while i and (before[i - 1].isalnum() or before[i - 1] == "."):
        i -= 1  # the last word ("(approximately" -> "approximately", "ca.")
    return before[i:].lower() in words


@attrs.define(slots=True)
class Scan:
    """Normalised text, the facts found so far and the ranges they claim."""

    text: str
    facts: list[Fact] = attrs.field(factory=list)
    _claims: dict[str, list[tuple[int, int]]] = attrs.field(factory=dict, alias="claims")
    last: Fact | None = None
    """The last fact added, in the pass under way (matchers scan left to right)."""
    _digit_runs: list[tuple[int, int]] | None = attrs.field(default=None, alias="digit_runs")
    _number_starts: list[int] | None = attrs.field(default=None, alias="number_starts")

    @property
    def digit_runs(self) -> list[tuple[int, int]]:
        """Every run of digits, as ``(start, end)`` (computed once)."""
        if self._digit_runs is None:
            self._digit_runs = digit_runs(self.text)
        return self._digit_runs

    @property
    def number_starts(self) -> list[int]:
        """Offsets where a number may begin (computed once, shared by the matchers)."""
        if self._number_starts is None:
            self._number_starts = number_starts(self.text, self.digit_runs)
        return self._number_starts

    def claimed(self, start: int, end: int, kinds: tuple[str, ...] | None = None) -> bool:
        """True when ``[start, end)`` overlaps a range claimed (by one of `kinds`, if given)."""
        by_kind = self._claims
        lists = by_kind.values() if kinds is None else [by_kind[k] for k in kinds if k in by_kind]
        probe = (start, start)
        for claims in lists:
            i = bisect_left(claims, probe)
            if i < len(claims) and claims[i][0] < end:
                return True
            if i > 0 and claims[i - 1][1] > start:
                return True
        return False

    def claim(self, start: int, end: int, kind: str = "mention") -> None:
        """Mark ``[start, end)`` as taken by `kind` of fact."""
        insort(self._claims.setdefault(kind, []), (start, end))

    def add(self, fact: Fact, claim: tuple[int, int] | None = None) -> None:
        """Record a fact and claim its span (or a wider span given as `claim`) for its type."""
        self.facts.append(fact)
        self.last = fact
        start, end = claim or (fact.start, fact.end)
        kind = fact.type if fact.type in _ENTITY_KINDS else "mention"
        self.claim(start, end, kind)

    def qualifier_before(self, start: int) -> tuple[str, int]:
        """The qualifier written just before `start` and where it begins ("exact" if none)."""
        if not _may_end_qualifier(self.text, start):
            return "exact", start  # a quick test of the word before, instead of the pattern
        window_start = max(0, start - _QUALIFIER_WINDOW)
        m = qualifier_before_re().search(self.text, window_start, start)
        if m is None:
            return "exact", start
        phrase = m.group("q").lower()
        return qualifier_table().get(phrase, "exact"), m.start()

    def qualifier_after(self, end: int) -> str | None:
        """A bound written after the amount ("100 ppm or greater"), or None."""
        if not self.text[end : end + 6].lower().startswith((" or ", " and ", " plus")):
            return None  # every bound after the amount starts so (a quick test)
        m = _QUALIFIER_AFTER.match(self.text, end)
        return m.lastgroup if m is not None else None

    def qualifier(self, start: int, end: int) -> str:
        """The qualifier of a value spanning ``[start, end)``: before it, else after it."""
        before, _ = self.qualifier_before(start)
        if before != "exact":
            return before
        return self.qualifier_after(end) or "exact"
