"""The extraction pass over one text: normalise, match, link, map back.

This is what the spaCy component runs on ``doc.text``. Matchers run in a fixed
order and claim the characters they report, so each stretch of text gives one
fact: exchange rates, then money, dates, quantities with units, counts, and
last bare years. Offsets are mapped back to the caller's string at the end,
and facts in verbatim repeats of a line (tickers, menus) are dropped.

A text longer than :data:`CHUNK_SIZE` characters (spaCy's default
``max_length``) is extracted in chunks, so that the working memory of one pass
stays bounded whatever the length of the text:

* each chunk owns a stretch of the text that ends at a paragraph break when
  there is one in the second half of the stretch, else at a line break, a
  sentence end or a space, and only as a last resort anywhere (a single line
  without spaces);
* each chunk reads :data:`CHUNK_OVERLAP` characters beyond its stretch on both
  sides, so that a fact near a cut, and the context it is read in, is seen
  whole; a chunk reports only the facts that *start* in its own stretch, and
  drops a fact that overlaps one of the same type the previous chunk reported
  across the cut. A fact that straddles a cut is therefore reported once;
* document-level rules (grouping the spellings of one name, bare mentions of
  known names, the dollar statement, printed exchange rates, boilerplate
  repeats) see one chunk at a time.

:func:`iter_extract` does the same over text that arrives in pieces (lines of a
file, blocks from a socket), holding at most one chunk and one piece at a time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import regex

from .entities import group_entities
from .facts import Fact, Quantity
from .linking import link_money
from .matchers.commodities import find_commodities
from .matchers.dates import find_dates, find_years
from .matchers.deposits import find_deposits
from .matchers.money import document_dollar, find_exchange_rates, find_money
from .matchers.organizations import find_organizations
from .matchers.places import find_locations
from .matchers.quantities import find_counts, find_quantities
from .matchers.scan import Scan
from .normalize import Normalized, normalize
from .patterns import FLAGS
from .relations import find_relations
from .sentences import Sentences

# Web and e-mail addresses are not prose. (Stdlib patterns: a scan of the whole text
# for the start of a web address, and e-mail addresses read only around each "@";
# one ``regex`` pattern for both tried every word of the text as an address.)
_WEB_ADDRESS = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>\"')\]]++")
_EMAIL_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.]++")
#: How far an e-mail address is read either side of its "@" (RFC 5321's longest path).
_EMAIL_REACH = 256


def _is_local(char: str) -> bool:
    """True for a character of an e-mail address's local part (``[\\w.+-]``)."""
    return char.isalnum() or char in "_.+-"


def _addresses(text: str) -> list[tuple[int, int]]:
    """Spans of the web and e-mail addresses in `text`, in order, none overlapping."""
    spans = []
    if "://" in text or "ww." in text.lower():
        spans = [m.span() for m in _WEB_ADDRESS.finditer(text)]
    pos = 0
    at = text.find("@")
    while at != -1:
        if at >= pos:
            # The local part is the run of address characters just before the "@":
            # walk back to its start (never past the previous "@", so the walks of
            # all the "@"s together read the text once) and try one match there.
            # A search from `at - _EMAIL_REACH` instead tried every position of
            # the reach for each "@": 20 s for a megabyte of "@".
            lo = max(pos, at - _EMAIL_REACH)
            start = at
            while start > lo and _is_local(text[start - 1]):
                start -= 1
            if start < at:
                m = _EMAIL_ADDRESS.match(text, start, at + _EMAIL_REACH)
                if m is not None:
                    spans.append(m.span())
                    pos = m.end()
        at = text.find("@", at + 1)
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not out or start >= out[-1][1]:  # an e-mail address in a web address: one span
            out.append((start, end))
    return out


#: Texts longer than this many characters are extracted in chunks of at most this
#: many characters (overlaps included). It is spaCy's default ``max_length``.
CHUNK_SIZE = 1_000_000
#: Characters each chunk reads beyond its own stretch, on each side. More than any
#: fact plus the context a matcher or a fact's ``sentence`` looks at.
CHUNK_OVERLAP = 2_000


def scan_text(text: str) -> list[Fact]:
    """Facts with offsets into `text` itself (normalised text in, its offsets out)."""
    scan = Scan(text)
    for start, end in _addresses(text):  # addresses are not facts
        scan.claim(start, end, kind="address")
    find_exchange_rates(scan)
    find_money(scan, dollar=document_dollar(text))
    find_dates(scan)
    scan.last = None
    find_quantities(scan)
    scan.last = None
    find_counts(scan)
    find_years(scan)
    scan.last = None
    find_organizations(scan)
    find_deposits(scan)
    find_locations(scan)
    find_commodities(scan)
    facts = sorted(scan.facts, key=lambda f: (f.start, f.end, f.type))
    facts = group_entities(text, facts)
    facts += find_relations(text, facts)
    return sorted(facts, key=lambda f: (f.start, f.end, f.type))


def extract(
    text: str,
    *,
    fx_rates: Mapping[str, float] | None = None,
    chunk_size: int = CHUNK_SIZE,
    overlap: int = CHUNK_OVERLAP,
) -> list[Fact]:
    """All facts in `text`, sorted by start, with offsets into `text` as given.

    A text of more than `chunk_size` characters is extracted in chunks (see the
    module's documentation); `overlap` is how far each chunk reads beyond its own
    stretch on each side.
    """
    if not text or text.isspace():
        return []
    if len(text) <= chunk_size:
        return _extract_window(text, 0, len(text), 0, len(text), fx_rates)
    return list(iter_extract((text,), fx_rates=fx_rates, chunk_size=chunk_size, overlap=overlap))


def iter_extract(
    pieces: Iterable[str],
    *,
    fx_rates: Mapping[str, float] | None = None,
    chunk_size: int = CHUNK_SIZE,
    overlap: int = CHUNK_OVERLAP,
) -> Iterator[Fact]:
    """Facts of the text made of `pieces` joined, in order of start, chunk by chunk.

    Offsets index the joined text. Working memory is one chunk (`chunk_size`
    characters) plus the piece being read: pieces are joined into a buffer only
    once there is enough text for a chunk, and the buffer is cut back after each.
    """
    _check_chunking(chunk_size, overlap)
    buffer = ""
    base = 0  # offset of buffer[0] in the joined text
    own = 0  # where the next chunk's own stretch starts, in buffer coordinates
    pending: list[str] = []
    pending_len = 0
    carry: list[Fact] = []
    for piece in pieces:
        if not isinstance(piece, str):
            raise TypeError(f"expected pieces of text as str, got {type(piece).__name__}")
        pending.append(piece)
        pending_len += len(piece)
        if len(buffer) + pending_len <= max(0, own - overlap) + chunk_size:
            continue
        buffer = _join(buffer, pending)
        pending.clear()
        pending_len = 0
        while (cut := _next_cut(buffer, own, chunk_size, overlap, final=False)) is not None:
            yield from _chunk(buffer, base, own, cut, overlap, fx_rates, carry)
            own = cut
        drop = max(0, own - overlap)
        if drop:
            buffer = buffer[drop:]
            base += drop
            own -= drop
    if pending:
        buffer = _join(buffer, pending)
    while own < len(buffer):
        cut = _next_cut(buffer, own, chunk_size, overlap, final=True)
        assert cut is not None
        yield from _chunk(buffer, base, own, cut, overlap, fx_rates, carry)
        own = cut


def _join(buffer: str, pieces: list[str]) -> str:
    """`buffer` followed by `pieces`; no copy when there is only one string to keep."""
    joined = pieces[0] if len(pieces) == 1 else "".join(pieces)
    return buffer + joined if buffer else joined


def _check_chunking(chunk_size: int, overlap: int) -> None:
    if overlap < 0 or chunk_size <= 4 * overlap:
        raise ValueError(
            f"chunk_size ({chunk_size}) must be more than four times overlap ({overlap})"
        )


_PARAGRAPH = regex.compile(r"\n[ \t]*+\n", FLAGS)
_SENTENCE_END = regex.compile(r"[.!?][\"')\]]*+[ \t\n]", FLAGS)


def _next_cut(text: str, own: int, chunk_size: int, overlap: int, *, final: bool) -> int | None:
    """Where the chunk whose own stretch starts at `own` should end (None: need more text).

    The chunk, overlaps included, spans at most `chunk_size` characters. The cut
    is the last paragraph break in the second half of the stretch, else the last
    line break, sentence end or space there, else the stretch's end.
    """
    lo = max(0, own - overlap)
    if final and len(text) - lo <= chunk_size:
        return len(text)
    limit = lo + chunk_size - overlap  # the own stretch ends here at the latest
    if limit + overlap >= len(text):
        return None  # (as the whole text would be: the rest may be the last chunk)
    half = own + (limit - own) // 2
    return _cut(text, half, limit)


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place in ``[lo, hi]`` to cut `text`, searching backwards from `hi`."""
    last = None
    for m in _PARAGRAPH.finditer(text, lo, hi):
        last = m.end()
    if last is not None:
        return last
    newline = text.rfind("\n", lo, hi)
    if newline >= 0:
        return newline + 1
    for m in _SENTENCE_END.finditer(text, max(lo, hi - 20_000), hi):
        last = m.end()
    if last is not None:
        return last
    space = max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi))
    if space >= 0:
        return space + 1
    return hi


def _chunk(
    buffer: str,
    base: int,
    own: int,
    cut: int,
    overlap: int,
    fx_rates: Mapping[str, float] | None,
    carry: list[Fact],
) -> Iterator[Fact]:
    """The facts of one chunk with offsets into the joined text; updates `carry`.

    `carry` holds the previous chunk's facts that reach past its cut; a fact of
    the same type overlapping one of them is a second reading of it and is dropped.
    """
    lo, hi = max(0, own - overlap), min(len(buffer), cut + overlap)
    facts = _extract_window(buffer, lo, hi, own, cut, fx_rates, shift=base)
    if carry:
        facts = [f for f in facts if not any(_same_stretch(f, g) for g in carry)]
    carry[:] = [f for f in facts if f.end > base + cut]
    yield from facts


def _same_stretch(a: Fact, b: Fact) -> bool:
    return a.type == b.type and a.start < b.end and b.start < a.end


def _extract_window(
    text: str,
    lo: int,
    hi: int,
    own_lo: int,
    own_hi: int,
    fx_rates: Mapping[str, float] | None,
    *,
    shift: int = 0,
) -> list[Fact]:
    """Facts of ``text[lo:hi]`` that start in ``[own_lo, own_hi)``, offsets plus `shift`.

    Offsets of the facts returned index `text` (then `shift` is added: where
    `text` starts in a longer one).
    """
    window = text if lo == 0 and hi == len(text) else text[lo:hi]
    if not window or window.isspace():
        return []
    norm = normalize(window)
    facts = scan_text(norm.text)
    facts = link_money(norm.text, facts, fx_rates=fx_rates)
    sentences = Sentences(window, origin=lo + shift)
    first = own_lo - lo
    # At the very end of the text, a fact may also start at the end (an empty one).
    last = own_hi - lo if own_hi < len(text) else len(window) + 1
    # Offsets that normalising and the window leave where they were (most texts):
    # the facts, made for this call alone, are completed where they stand.
    moved = lo + shift != 0 or not norm.keeps_offsets
    out = []
    for f in facts:
        if norm.in_repeat(f.start):
            continue
        start = norm.to_original(f.start)
        if start < first or start >= last:
            continue
        mapped = _to_original(f, norm, window, sentences, lo + shift, in_place=not moved)
        if mapped is not None:
            out.append(mapped)
    out.sort(key=lambda f: (f.start, f.end, f.type))
    return out


def _to_original(
    f: Fact,
    norm: Normalized,
    text: str,
    sentences: Sentences,
    shift: int = 0,
    *,
    in_place: bool = False,
) -> Fact | None:
    """`f` with its offsets (and those of facts nested in it) in the caller's text.

    `text` is the original of `norm`; `shift` is added to every offset (where
    `text` starts in the caller's string). None when a number of the fact (or of
    a fact nested in it) is not finite ("1e999 t", a 400-digit amount): such a
    number is no reading of the text, and JSON has no way to write it.

    `in_place` is for the common case where normalising moved nothing and
    `shift` is 0: `f` itself is completed (its strings set), since it was made
    by this call's matchers and nobody else has seen it yet. (A fact nested in
    another and also listed on its own is then completed twice, alike.)
    """
    start, end = (f.start, f.end) if in_place else norm.span(f.start, f.end)
    changes: dict[str, Any] = {
        "text": text[start:end],
        "sentence": sentences.text_of(start, end),
    }
    if not in_place:
        changes["start"] = start + shift
        changes["end"] = end + shift
    if (
        isinstance(f, Quantity)
        and f.unit
        and f.measure != "count"
        and norm.text.endswith(f.unit, f.start, f.end)
    ):
        # The unit is the tail of the span: report it as the caller wrote it ("km²").
        # (Not for the first of "45 and 50 mg", whose unit is written after the second.)
        unit_start = norm.to_original(max(f.start, f.end - len(f.unit)))
        changes["unit"] = text[unit_start:end].strip()
    names, inspected = _field_plan(type(f))
    for name in inspected:
        value = getattr(f, name)
        if isinstance(value, float):
            if not math.isfinite(value):
                return None
        elif isinstance(value, Fact):
            nested = _to_original(value, norm, text, sentences, shift, in_place=in_place)
            if nested is None:
                return None
            changes[name] = nested
        elif isinstance(value, tuple) and value and isinstance(value[0], Fact):
            items = [
                _to_original(v, norm, text, sentences, shift, in_place=in_place) for v in value
            ]
            if any(item is None for item in items):
                return None
            changes[name] = tuple(items)
        elif name == "parent_start" and isinstance(value, int):
            changes[name] = norm.to_original(value) + shift
    # The fields were validated when `f` was made and the changes are offsets and
    # strings of the same kinds: set them without running validators again
    # (``attrs.evolve`` would, at a cost that shows on long texts).
    if in_place:
        for name, value in changes.items():
            object.__setattr__(f, name, value)
        return f
    new = object.__new__(type(f))
    for name in names:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(f, name))
    return new


_PLAIN_FIELDS = frozenset({"text", "start", "end", "sentence", "unit", "name", "kind", "currency"})


_FIELD_PLANS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}
#: Field types (as annotated) that hold no number and no fact.
_PLAIN_TYPES = frozenset({"str", "str | None", "tuple[str, ...]", "bool"})


def _field_plan(cls: type[Fact]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A fact class's attribute names, and those that may hold a number or a fact.

    Strings and offsets need no look: only these are checked for a non-finite
    number or mapped as nested facts (computed once per class).
    """
    plan = _FIELD_PLANS.get(cls)
    if plan is None:
        fields = attrs.fields(cls)
        names = tuple(field.name for field in fields)
        inspected = tuple(
            field.name
            for field in fields
            if field.name not in _PLAIN_FIELDS and str(field.type) not in _PLAIN_TYPES
        )
        plan = _FIELD_PLANS[cls] = (names, inspected)
    return plan
