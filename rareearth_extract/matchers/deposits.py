"""Named deposits, mines, projects, prospects, fields, sites and prospective areas.

Patterns, not lists of names (the shapes are in DOMAIN.md):

* name then head noun, with descriptors between: "the Kuirektykol rare earth
  deposit", "Boguta tungsten ore deposit", "Kathleen Valley Lithium-Tantalum Project";
* lists before a plural head: "Karatas (copper), Zhosabai (gold), North Katpar,
  and Upper Kayrakty (tungsten) deposits", "the Touquoy and Beaver Dam deposits";
* head noun first: "the tungsten project Upper Kayrakty", "a prospective area
  named Zhana Kazakhstan", "dubbed "New Kazakhstan" ... the deposit";
* possessives ("Kuirektykol's") and, once a name is known as a deposit, its bare
  later mentions.

Words inside an organisation's name ("Kundybai Mining JSC") are left to the
organisation matcher, which runs first and claims them.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry
import regex

from ..facts import Deposit
from ..headlines import HeadlineRule, Headlines, shouting
from ..patterns import (
    FLAGS,
    _case_variants,
    after_spaces,
    alternation,
    finditer_near,
    word_start_trie,
)
from ..resources import read_lines, read_rows
from .commodities import names_in
from .scan import Scan

_SKIP = ("address", "organization", "deposit")
_MAX_NAME_WORDS = 3
_PARTICLES = ("del", "de", "la", "los", "las", "el", "du", "des", "van", "von", "di", "da", "do")

# Text arrives normalised: curly apostrophes are already straight.
# A word of a name: capitalised (letters, marks, apostrophes, inner hyphens,
# "Mt"/"St." abbreviations) or a short number after a word ("Horne 5", "Lac 50").
_WORD = r"\p{Lu}[\p{L}\p{M}']*+(?:-[\p{L}\p{M}]++)*+(?:(?<=\b(?:Mt|St|Ft|Pt))\.)?+"
_NAME = (
    rf"{_WORD}(?:[ ](?:(?:{'|'.join(_PARTICLES)})[ ])?{_WORD}|[ ]\d{{1,3}}(?![\d.,%-]))"
    rf"{{0,{_MAX_NAME_WORDS + 2}}}"
)


@cache
def _heads() -> dict[str, str]:
    return {head.lower(): kind for head, kind in read_rows("deposit_heads.tsv")}


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(read_lines("deposit_name_stopwords.txt"))


@cache
def _descriptor() -> str:
    words = alternation(read_lines("deposit_descriptors.txt"), case_sensitive=False)
    return rf"(?:{words}(?:-{words})*+)"


@cache
def _head_after_re() -> regex.Pattern[str]:
    """NAME [descriptors] HEAD, or a list of names before a plural HEAD."""
    heads = alternation(_heads(), case_sensitive=False)
    item = rf"(?:{_NAME})(?:[ ]\((?P<paren>[\p{{Ll}} -]{{2,40}}+)\))?+"
    separator = r"(?:,[ ](?:and[ ]|&[ ])?|[ ](?:and|&)[ ])"
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\d'-])(?P<list>(?:{item}{separator}){{1,9}}+)?+"
        rf"(?P<name>{_NAME})(?P<poss>'s)?+(?:[ ]\((?P<paren2>[\p{{Ll}} -]{{2,40}}+)\))?+"
        rf"(?P<desc>(?:[ ]{_descriptor()}){{0,4}}+)[ ](?P<head>{heads})",
        FLAGS,
    )


@cache
def _head_before_re() -> regex.Pattern[str]:
    """HEAD [named|called|dubbed] NAME: "the tungsten project Upper Kayrakty"."""
    heads = alternation(_BEFORE_HEADS)
    descriptor = _descriptor()
    return regex.compile(
        rf"(?<![\p{{L}}\d])(?i:the|a|an)(?:[ ]{descriptor}|[ ]prospective|[ ]new|[ ]vast){{0,3}}+"
        rf"[ ](?P<head>{heads})"
        rf"(?:[ ](?:named|called|dubbed|known[ ]as))?+[ ]\"?+(?P<name>{_NAME})",
        FLAGS,
    )


@cache
def _dubbed_re() -> regex.Pattern[str]:
    """ "dubbed "New Kazakhstan," the deposit ...": a quoted name given to a deposit."""
    heads = alternation(["deposit", "site", "area", "field", "mine", "project"])
    return regex.compile(
        rf"(?i:named|called|dubbed|known[ ]as)[ ]\"(?P<name>{_NAME}),?\"[^.\n]{{0,40}}?"
        rf"(?<![\p{{L}}])(?P<head>{heads})(?![\p{{L}}])",
        FLAGS,
    )


# "Lemhi County", "Shet district": a known deposit name used as part of a place name.
_PLACE_KIND_AFTER = regex.compile(
    r"[ ](?:County|District|Region|Province|Oblast|State|Territory|"
    r"district|region|province|oblast|village|town|city)(?![\p{L}])",
    FLAGS,
)
_ACRONYM = regex.compile(r"[A-Z]{2,5}$")
_COMPASS = frozenset({"North", "South", "East", "West", "Central", "Upper", "Lower", "Northern"})
_NAME_END = r"(?![\p{L}\p{M}\d])"
_LIST_ITEM = regex.compile(rf"(?P<name>{_NAME})(?:[ ]\((?P<paren>[^)]{{1,40}}+)\))?", FLAGS)


@cache
def _country_names() -> frozenset[str]:
    names = set()
    for c in pycountry.countries:
        names.add(c.name)
        for attr in ("common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value)
    return frozenset(names)


@cache
def _descriptor_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("deposit_descriptors.txt"))


def _is_descriptor(word: str) -> bool:
    parts = word.lower().split("-")
    return all(p in _descriptor_words() for p in parts)


def _lower_after_hyphen(word: str) -> bool:
    """ "Fast-track", "World-class": a compound of common words, not a name's word
    (a name's parts are capitalised: "Neves-Corvo", "Find-Yolande")."""
    return "-" in word and any(part[:1].islower() for part in word.split("-")[1:])


def clean_name(raw: str) -> tuple[str, str] | None:
    """Split `raw` into the deposit's name and the descriptor words after it.

    Leading stopwords ("The", "At", a headline's verbs before "On") and trailing
    descriptors ("Lithium-Tantalum", "Gold") are not the name. Returns None when
    nothing name-like is left (a headline's "Rare Metal", a country, a stopword).
    """
    words = raw.split(" ")
    stop = _stopwords()
    start = 0
    for i, word in enumerate(words):
        bare = word.rstrip(".")
        if (
            (bare in stop and not _is_descriptor(bare))
            or word.endswith(("'s", "'"))
            or _lower_after_hyphen(word)
        ):
            start = i + 1
    words = words[start:]
    while words and words[0].rstrip(".") in stop and _is_descriptor(words[0]):
        # A commodity word opens a name only when a proper word follows it
        # ("Copper Flat"); "Gold Project" alone is no name.
        if len(words) == 1 or _is_descriptor(words[1]) or words[1].rstrip(".") in stop:
            words = words[1:]
        else:
            break
    trailing: list[str] = []
    while words and (
        _is_descriptor(words[-1]) or words[-1] in _PARTICLES or _ACRONYM.match(words[-1])
    ):
        trailing.insert(0, words.pop())
    if not words or words[0].isdigit() or words[0] in _PARTICLES:
        return None
    proper = [w for w in words if not w.isdigit() and w not in _PARTICLES]
    if len(proper) > _MAX_NAME_WORDS or not proper:
        return None
    name = " ".join(words).rstrip(".")
    if name in _country_names() or len(name) < 3 or name in _COMPASS:
        return None
    return name, " ".join(trailing)


#: Headlines: four or more words of four letters or more, 80% of them capitalised,
#: and no sentence's end; the same share of the five words before a name.
_HEADLINE = HeadlineRule(min_letters=4, share=0.8, sentence_ends=(".", ";", ":"))
_CONTEXT_REACH = 60
_CONTEXT_WORDS = 5


#: How far a head-noun pattern's match reaches before its head noun (a list of names
#: and descriptors) and after it (a name).
_REACH = 200
_BEFORE_REACH = 100
_NAME_REACH = 120
#: How far past its head noun a match may look before it ends (a list's next item).
_LOOK_PAST = 80


_BEFORE_HEADS = ("deposit", "project", "mine", "prospect", "field", "site", "area")
#: The most spaces in a match of :func:`_head_before_re` before its head noun
#: ("the", three one-word descriptors, the head: none of them holds a space).
_BEFORE_SPACES = 4


def _capitalised(words: list[str]) -> bool:
    return any(w.lstrip("(\"'")[:1].isupper() for w in words)


def _capital_before(text: str, start: int) -> bool:
    """A capitalised word among the few before a head noun (a name can end there)."""
    return _capitalised(text[max(0, start - 120) : start].split()[-7:])


def _capital_after(text: str, start: int) -> bool:
    """A capitalised word among the few after a head noun ("the project Upper Kayrakty")."""
    return _capitalised(text[start : start + 80].split()[1:5])


def _clause_start(text: str, lo: int, hi: int) -> int:
    """Where a match of :func:`_head_after_re` ending in a head noun at `hi` may begin.

    At `lo` at the earliest, and after the last character before `hi` that no
    name, list or descriptor holds: a line break, a full stop (other than that of
    "Mt."/"St."/"Ft."/"Pt."), a semicolon, a colon, a quote, "!" or "?". The
    pattern is then searched from the start of the clause, not from 200
    characters back.
    """
    cut = lo
    for ch in '\n;:"!?':
        i = text.rfind(ch, cut, hi)
        if i >= 0:
            cut = i + 1
    i = text.rfind(".", cut, hi)
    while i >= 0:
        if text[i - 2 : i] not in _ABBREVIATED:
            return i + 1
        i = text.rfind(".", cut, i)
    return cut


_ABBREVIATED = ("Mt", "St", "Ft", "Pt")


@cache
def _head_re(before: bool = False) -> re.Pattern[str]:
    """The head nouns a pattern ends on (or, `before`, starts with), for the stdlib engine."""
    heads = _BEFORE_HEADS if before else _case_variants(_heads())
    # The first word of each head noun, whole: overlapping heads ("ore deposit",
    # "deposit") are then all found, as separate words.
    firsts = {head.split(" ")[0] for head in heads}
    return re.compile(rf"(?P<anchor>{word_start_trie(firsts)})\b")


def find_deposits(scan: Scan) -> None:
    """Find deposit mentions (several patterns, then bare repeats of known names).

    In headlines capitals prove nothing, so a name found there only counts when
    the prose names it too (the bare-mention pass then finds the headline's).
    """
    text = scan.text
    found: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    titles = Headlines(text, _HEADLINE)

    def add(
        start: int,
        end: int,
        name: str,
        kind: str | None,
        commodities: tuple[str, ...],
        context_start: int | None = None,
    ) -> None:
        if scan.claimed(start, end, kinds=_SKIP) or shouting(name.split(" ")):
            return
        context = context_start or start
        if start in titles or _HEADLINE.before(text, context, _CONTEXT_REACH, _CONTEXT_WORDS):
            return
        scan.add(
            Deposit(
                text=text[start:end],
                start=start,
                end=end,
                name=name,
                kind=kind,
                commodities=commodities,
            )
        )
        known_kind, known_comm = found.get(name, (None, ()))
        found[name] = (known_kind or kind, tuple(dict.fromkeys(known_comm + commodities)))

    for m in finditer_near(
        _head_after_re(),
        _head_re(),
        text,
        group="head",
        before=_REACH,
        after=_LOOK_PAST,
        wanted=_capital_before,
        earliest=_clause_start,
    ):
        kind = _heads()[m.group("head").lower()]
        commodities_text = f"{m.group('desc') or ''} {m.group('paren2') or ''}"
        if m.group("list"):
            for item in _LIST_ITEM.finditer(m.group("list")):
                cleaned = clean_name(item.group("name"))
                if cleaned is None:
                    continue
                name, extra = cleaned
                start = m.start("list") + item.start("name")
                end = start + len(name)
                add(
                    start,
                    end,
                    name,
                    kind,
                    names_in(f"{extra} {item.group('paren') or ''}"),
                    context_start=m.start(),
                )
        cleaned = clean_name(m.group("name"))
        if cleaned is None:
            continue
        name, extra = cleaned
        start = m.start("name") + m.group("name").rfind(name)
        commodities = names_in(f"{extra} {commodities_text}")
        add(start, m.end("head"), name, kind, commodities, context_start=m.start())
    before = finditer_near(
        _head_before_re(),
        _head_re(True),
        text,
        group="head",
        before=_BEFORE_REACH,
        after=_NAME_REACH,
        wanted=_capital_after,
        earliest=after_spaces(_BEFORE_SPACES),
    )
    for matches in (before, _dubbed_re().finditer(text)):
        for m in matches:
            cleaned = clean_name(m.group("name"))
            if cleaned is None:
                continue
            name = cleaned[0]
            head_kind = _heads().get(m.group("head").lower())
            start = m.start("name") + m.group("name").find(name)
            add(start, start + len(name), name, head_kind, ())
    _find_known(scan, found)


_MAX_KNOWN_CHARS = 200


def _find_known(scan: Scan, known: dict[str, tuple[str | None, tuple[str, ...]]]) -> None:
    """Bare later (or earlier) mentions of names already found with a head noun."""
    # A "name" of hundreds of characters is a run of junk; leaving it out keeps the
    # pattern (and the recursion that builds it) small.
    names = [name for name in known if len(name) <= _MAX_KNOWN_CHARS]
    if not names:
        return
    text = scan.text
    for start, end in _known_spans(text, names):
        if scan.claimed(start, end, kinds=_SKIP) or _PLACE_KIND_AFTER.match(text, end):
            continue
        name = text[start:end]
        kind, commodities = known[name]
        scan.add(
            Deposit(
                text=name,
                start=start,
                end=end,
                name=name,
                kind=kind,
                commodities=commodities,
            )
        )


#: The most names for :func:`_known_spans` to find with ``str.find`` (each a scan
#: of the text) rather than in a compiled pattern.
_MAX_FOUND_NAMES = 64
_KNOWN_START = regex.compile(r"(?<![\p{L}\p{M}\d-])", FLAGS)
# The test :func:`~rareearth_extract.patterns.alternation` makes after a surface.
_KNOWN_END = regex.compile(rf"(?:(?<=[\p{{L}}\p{{N}}]){_NAME_END}|(?<![\p{{L}}\p{{N}}]))", FLAGS)


def _known_spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Where `names` stand in `text` as whole names: the spans of a trie of them.

    The names are new for every text, and compiling them into a pattern cost more
    than finding them (about a millisecond a text, hidden only when the same texts
    come again and the compiled pattern is cached): a few are found with
    ``str.find`` and the pattern's tests before and after them. At each place
    the longest name that passes the tests is the match, and matches do not
    overlap, as the trie's are.
    """
    if len(names) > _MAX_FOUND_NAMES or not all(names):
        pattern = regex.compile(
            rf"{_KNOWN_START.pattern}(?:{alternation(names, guard=_NAME_END)})", FLAGS
        )
        return [m.span() for m in pattern.finditer(text)]
    guarded = any(name[-1:].isalnum() for name in names)  # (as alternation() decides)
    longest: dict[int, int] = {}  # where a name starts -> where the longest there ends
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (
                end > longest.get(at, -1)
                and _KNOWN_START.match(text, at)
                and (not guarded or _KNOWN_END.match(text, end))
            ):
                longest[at] = end
            at = text.find(name, at + 1)
    spans: list[tuple[int, int]] = []
    for start in sorted(longest):
        if not spans or start >= spans[-1][1]:
            spans.append((start, longest[start]))
    return spans
