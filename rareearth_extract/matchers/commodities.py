"""Commodities: elements, rare-earth groups, oxides, aggregates, minerals and products.

Every mention gets the contract's canonical lower-case ``name``: element names
as IUPAC spells them ("aluminium", "caesium"), group names ("rare earth
elements", "platinum group metals"), and minerals or bulk products under their
own names ("spodumene", "iron ore"). Oxides, salts and concentrates name their
element ("Li2O", "lithium hydroxide" -> lithium), as the annotation guide says;
"uranium oxide" keeps its own name, as the contract lists it. An aggregate
gives one fact per element over the same span ("NdPr" -> neodymium and
praseodymium).

The vocabulary is data, not code:

* ``elements.tsv`` (generated from the ``periodictable`` package by
  ``scripts/build_elements.py``): symbols, IUPAC names, the group of each
  element and how safely its symbol can be read as the element;
* ``commodity_terms.tsv``: other spellings, groups and acronyms (REE, TREO,
  PGM), aggregates, products, minerals, and phrases that are not commodities
  ("gold standard");
* ``commodity_cues.txt``: nouns that show an ambiguous word is the commodity
  ("lead concentrate").

One regex pass finds candidates of three shapes:

* words, as written in prose, headings or capitals ("Tungsten", "rare-earth metals");
* oxide formulas, by shape: a symbol, an optional count, "O" and an optional
  count ("Nd2O3", "Pr6O11", lost subscripts "LiO"; the normaliser has already
  turned "₂" into "2");
* runs of symbols and acronyms ("Cu", "Cu-Au", "Nd, Pr, Dy and Tb", "Ni-Cu-PGE",
  "AuEq", "TREO").

Then each candidate is judged in context:

* a symbol alone is an element only right after an amount ("3.2 g/t Au", "0.5%
  Cu", "1.2 Moz Au"), glued to "Eq" ("AuEq"), before a cue noun ("Cu
  concentrate"), or in a run of two or more; the symbols that are English words
  ("In", "As", "Be") only after an amount, and those of non-metals, gases and
  synthetic elements never;
* a "strict" word ("lead", "mercury") only where the text shows the commodity
  (see ``commodity_terms.tsv``);
* a word inside an organisation's name or an address (claimed by the matchers
  that ran before) is skipped, and so is a capitalised commodity word written
  next to another capitalised word in prose ("Gold Fields", "Lynas Rare
  Earths", "Iron Bridge"): in running text a commodity is lower case, so there
  it is part of a name. Headline lines, capitalised throughout, are exempt.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache, lru_cache

import attrs
import regex

from ..facts import Commodity
from ..headlines import HeadlineRule, Headlines
from ..patterns import FLAGS, _case_variants, alternation, finditer_after, plain_trie
from ..resources import read_lines, read_rows
from .scan import Scan

_SKIP = ("address", "organization")
_NOT_A_COMMODITY = "-"
_STRICT = "strict"
_BEFORE_WINDOW = 40
# How an element's symbol may be read (see scripts/build_elements.py).
_SAFE, _MAJOR, _WORD = "safe", "major", "word"
# A line is a headline when it has four words of three letters or more, 70% of
# them capitalised, and does not end in a full stop.
_HEADLINE = HeadlineRule(min_letters=3, share=0.7)

_OF_BEFORE = regex.compile(r"(?<![\p{L}])(?i:of)[ ]$", FLAGS)
_LIST_GAP = regex.compile(r"(?:[ ]?[-/+&][ ]?|,[ ]?(?:(?:and|or)[ ])?|[ ](?:and|or)[ ])", FLAGS)
_LOWER_WORD_AFTER = regex.compile(r"[ ]\p{Ll}", FLAGS)
_HYPHEN_WORD = regex.compile(r"-\p{Ll}", FLAGS)
# A price right after the word ("Lead $ 2.17 kg", "lead at US$2,100/t").
_PRICE_AFTER = regex.compile(
    r"[ ]*+(?:[:=|][ ]*+|(?i:at|is|was|prices?)[ ]++)?(?:[A-Z]{0,3}\$|[€£¥])[ ]?\d", FLAGS
)
_PREV_WORD = regex.compile(r"(?<![\p{L}\d'-])(?P<w>\p{Lu}[\p{L}'&-]*+)[ ]$", FLAGS)
_NEXT_WORD = regex.compile(r"[ ](?P<w>\p{Lu}[\p{L}'&.-]*+)", FLAGS)


@attrs.frozen(slots=True)
class _Element:
    symbol: str
    name: str
    group: str | None
    use: str


@attrs.frozen(slots=True)
class _Term:
    """What one surface of the vocabulary stands for (no names: not a commodity)."""

    names: tuple[str, ...]
    group: str | None = None
    strict: bool = False


@attrs.define(slots=True)
class _Candidate:
    """A possible mention, before its context is judged."""

    start: int
    end: int
    names: tuple[str, ...]
    group: str | None = None
    strict: bool = False
    word: bool = False
    """Found as a word (not a symbol, acronym or formula), so it may be part of a name."""


# --- data --------------------------------------------------------------------


@cache
def _elements() -> dict[str, _Element]:
    """Element symbol -> element."""
    return {
        symbol: _Element(symbol, name, group or None, use)
        for symbol, name, _number, group, use in read_rows("elements.tsv")
    }


@cache
def _element_names() -> dict[str, _Element]:
    """Canonical element name -> element."""
    return {el.name: el for el in _elements().values()}


def _symbols(uses: set[str]) -> list[str]:
    """The symbols whose use class is in `uses`."""
    return [s for s, el in _elements().items() if el.use in uses]


def _spellings(surface: str) -> Iterator[str]:
    """`surface` with each space also written as a hyphen ("rare-earth metals")."""
    parts = surface.split(" ")
    for joins in itertools.product(" -", repeat=len(parts) - 1):
        yield parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True))


@cache
def _vocabulary() -> tuple[dict[str, _Term], dict[str, _Term], frozenset[str]]:
    """Words by lower-case surface, exact acronyms and formulas, and word surfaces as written.

    Word surfaces are kept as written as well as in lower case, so that a
    mixed-case row ("mixed REE carbonate") matches as written, whatever
    capitalisations `alternation` adds.
    """
    words: dict[str, _Term] = {name: _Term((name,)) for name in _element_names()}
    surfaces: set[str] = set(words)
    exact: dict[str, _Term] = {}
    for row in read_rows("commodity_terms.tsv"):
        surface, name, case, context, group = (*row, "", "", "")[:5]
        names = () if name == _NOT_A_COMMODITY else tuple(name.split("|"))
        term = _Term(names, group or None, context == _STRICT)
        if case == "cs":
            exact[surface] = term
            continue
        for spelling in _spellings(surface):
            words[spelling.lower()] = term
            surfaces.update((spelling, spelling.lower()))
    return words, exact, frozenset(surfaces)


@cache
def _cue_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("commodity_cues.txt"))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(read_lines("capitalised_function_words.txt"))


# --- patterns ----------------------------------------------------------------


@cache
def _member_pattern() -> str:
    """One member of a run: an acronym, an oxide formula, or a symbol (with a glued "Eq")."""
    _, exact, _ = _vocabulary()
    acronyms = alternation(exact, guard=r"(?![\p{L}\d])")
    oxide_symbols = alternation(_symbols({_SAFE, _WORD}), guard="")
    symbols = alternation(_symbols({_SAFE, _MAJOR, _WORD}), guard=r"(?!\p{Ll})")
    return (
        rf"(?P<acr>{acronyms})"
        rf"|(?P<oxide>(?P<osym>{oxide_symbols})(?P<n1>\d{{1,2}})?O(?P<n2>\d{{1,2}})?)"
        r"(?![\p{L}\d])"
        rf"|(?P<sym>{symbols})(?P<eq>Eq|eq)?(?![\p{{L}}\d]|\.\p{{L}})"
    )


@cache
def _candidate_re() -> regex.Pattern[str]:
    """A run of acronyms, oxide formulas and symbols, at a place :func:`_start_re` found.

    (The vocabulary's words are read by :func:`_start_re` itself.)
    """
    member = regex.sub(r"\(\?P<\w+>", "(?:", _member_pattern())
    return regex.compile(
        rf"(?<![\p{{L}}\d])(?P<run>(?:{member})(?:{_LIST_GAP.pattern}(?:{member})){{0,12}})",
        FLAGS,
    )


@cache
def _start_re() -> re.Pattern[str]:
    """Where a word or a run may start: a surface of the vocabulary after no letter or digit.

    A superset of the places :func:`_candidate_re` matches at (no guard after the
    surface), for the stdlib engine.
    """
    return re.compile(rf"(?<![^\W_]){_start_body()}")


@cache
def _start_prefixed_re() -> re.Pattern[str]:
    """:func:`_start_re` reading the character before instead of looking behind.

    The stdlib engine skips ahead to that character (see :func:`finditer_after`);
    the match proper is group ``at``.
    """
    return re.compile(rf"[\W_](?P<at>{_start_body()})")


@cache
def _start_body() -> str:
    """The surfaces :func:`_start_re` finds, without the test of the character before."""
    _, exact, surfaces = _vocabulary()
    words = plain_trie(_case_variants(surfaces))
    acronyms = plain_trie(exact)
    symbols = plain_trie(_symbols({_SAFE, _MAJOR, _WORD}))
    oxides = plain_trie(_symbols({_SAFE, _WORD}))
    # A word of the vocabulary is read here whole (group "word"); the start of a
    # run comes with the test that follows it in the full pattern, loosened (a
    # symbol is no symbol before a letter: "In" of "India"), so that few places
    # remain where :func:`_candidate_re` is tried.
    return (
        rf"(?:(?P<word>{words})(?![^\W_])"
        rf"|{acronyms}(?![^\W_])|{symbols}(?:Eq|eq)?(?![^\W\d_])|{oxides}[\dO])"
    )


@cache
def _member_re() -> regex.Pattern[str]:
    """One member of a run, with its parts named."""
    return regex.compile(_member_pattern(), FLAGS)


@cache
def _amount_before_re() -> regex.Pattern[str]:
    """A number and its unit ending where a symbol begins ("0.5% |Cu", "1.2 Moz |Au").

    The units are the grade, percentage and mass rows of ``unit_surfaces.tsv``.
    """
    rows = read_rows("unit_surfaces.tsv")
    units = [r[0] for r in rows if r[2] in {"grade", "percentage", "mass"}]
    unit = alternation(units, case_sensitive=False, guard=r"(?![\p{L}])")
    return regex.compile(rf"\d[ ]?{unit}[ ]?\(?$", FLAGS)


@cache
def _cue_after_re() -> regex.Pattern[str]:
    """A cue noun right after a commodity word or symbol ("lead concentrate", "Cu grades")."""
    cues = alternation(read_lines("commodity_cues.txt"), case_sensitive=False)
    return regex.compile(rf"[ -]{cues}", FLAGS)


# --- candidates --------------------------------------------------------------


def _after_amount(text: str, start: int) -> bool:
    """True when a number and its unit end right before `start` ("3.2 g/t |Au")."""
    return _amount_before_re().search(text, max(0, start - _BEFORE_WINDOW), start) is not None


def _candidates(text: str) -> list[_Candidate]:
    """Every possible mention in `text`, left to right (symbols already judged)."""
    words, _, _ = _vocabulary()
    out: list[_Candidate] = []
    pattern = _candidate_re()
    pos = 0
    # The stdlib engine finds the few places a mention may start (about three times
    # faster than ``regex`` scans); the full pattern is then tried only there.
    for at, start in finditer_after(_start_re(), _start_prefixed_re(), text):
        if at < pos:
            continue
        if start.group("word") is not None:
            pos = start.end()
            term = words[start.group("word").lower()]
            out.append(_Candidate(at, start.end(), term.names, term.group, term.strict, True))
            continue
        m = pattern.match(text, at)
        if m is None:
            continue
        pos = max(m.end(), at + 1)
        out.extend(_run_candidates(text, m))
    return out


def _run_candidates(text: str, m: regex.Match[str]) -> list[_Candidate]:
    """The elements and groups a run of acronyms, oxides and symbols names, where safe to say.

    An acronym or an oxide formula stands on its own (a one-letter symbol needs a
    count to make an oxide: "WO3" and "U3O8", not "WO"). A run of two or more is
    a list ("Cu-Au", "Nd, Pr and Dy", "REO, U3O8 and Zn") when one member has more
    than one letter ("W, Y" could be anything) and not all are rock-forming
    ("Mg/Fe chlorite"). A symbol alone needs an amount before it, a glued "Eq" or
    a cue noun after it.
    """
    _, exact, _ = _vocabulary()
    members = list(_member_re().finditer(text, m.start("run"), m.end("run")))
    if members[-1].group("sym") and _HYPHEN_WORD.match(text, m.end()):
        members.pop()  # "Co-founder": the symbol starts a hyphenated word
    members = [x for x in members if not x.group("oxide") or _is_oxide(x)]
    in_list = len(members) > 1 and any(len(x.group()) > 1 for x in members)
    # Rock-forming elements alone ("Mg/Fe chlorite") describe a mineral, not commodities.
    rock_only = all(x.group("sym") and _elements()[x.group("sym")].use == _MAJOR for x in members)
    after_amount = _after_amount(text, m.start())
    cue = _cue_after_re().match(text, m.end())
    cued = cue is not None and cue.group()[1:2].islower()  # "Cu concentrate", not "La Mine"
    out = []
    for x in members:
        if x.group("acr"):
            term = exact[x.group("acr")]
            strict = term.strict and not after_amount and not in_list
            out.append(_Candidate(x.start(), x.end(), term.names, term.group, strict))
            continue
        if x.group("oxide"):
            out.append(_Candidate(x.start(), x.end(), (_elements()[x.group("osym")].name,)))
            continue
        el = _elements()[x.group("sym")]
        first, last = x is members[0], x is members[-1]
        if el.use == _WORD:
            ok = after_amount and first and not _LOWER_WORD_AFTER.match(text, x.end())
        else:
            ok = (
                (after_amount and first)
                or (in_list and not rock_only)
                or bool(x.group("eq"))
                or (cued and last and len(el.symbol) > 1)
            )
        if ok:
            out.append(_Candidate(x.start(), x.end("sym"), (el.name,)))
    return out


def _is_oxide(x: regex.Match[str]) -> bool:
    """An oxide formula, not a symbol that happens to precede "O" ("WO3" yes, "WO" no)."""
    return len(x.group("osym")) > 1 or bool(x.group("n1") or x.group("n2"))


# --- context -----------------------------------------------------------------


def _listed_with(text: str, left: _Candidate, right: _Candidate) -> bool:
    """True when two commodities are written as a list ("copper, lead and zinc", "lead-zinc")."""
    return bool(left.names and right.names) and (
        _LIST_GAP.fullmatch(text, left.end, right.start) is not None
    )


def _confirmed(text: str, cands: list[_Candidate], i: int) -> bool:
    """Whether a strict word ("lead", "TREE") is the commodity here."""
    c = cands[i]
    if (
        _after_amount(text, c.start)
        or _cue_after_re().match(text, c.end)
        or _PRICE_AFTER.match(text, c.end)
        or _OF_BEFORE.search(text, max(0, c.start - 4), c.start)
    ):
        return True
    return (i > 0 and not cands[i - 1].strict and _listed_with(text, cands[i - 1], c)) or (
        i + 1 < len(cands) and not cands[i + 1].strict and _listed_with(text, c, cands[i + 1])
    )


def _in_proper_name(text: str, c: _Candidate, starts: set[int], headlines: Headlines) -> bool:
    """A capitalised commodity word inside a name ("Gold Fields", "Lynas Rare Earths").

    The neighbour that makes it a name is a capitalised word that is not a
    function word ("The"), not a commodity ("Platinum Palladium") and, after it,
    not a cue noun ("Gold Project", "Neodymium Oxide").
    """
    surface = text[c.start : c.end]
    if not c.word or not surface[0].isupper() or surface.isupper() or c.start in headlines:
        return False
    prev = _PREV_WORD.search(text, max(0, c.start - _BEFORE_WINDOW), c.start)
    if prev and prev.group("w") not in _function_words() and prev.start("w") not in starts:
        return True
    nxt = _NEXT_WORD.match(text, c.end)
    return bool(
        nxt
        and nxt.group("w").lower() not in _cue_words()
        and nxt.group("w") not in _function_words()
        and nxt.start("w") not in starts
    )


def find_commodities(scan: Scan) -> None:
    """Add a commodity fact for each mention in `scan.text` (one per element of an aggregate)."""
    text = scan.text
    cands = _candidates(text)
    starts = {c.start for c in cands}
    headlines = Headlines(text, _HEADLINE)
    for i, c in enumerate(cands):
        if not c.names or scan.claimed(c.start, c.end, kinds=_SKIP):
            continue
        if c.strict and not _confirmed(text, cands, i):
            continue
        if _in_proper_name(text, c, starts, headlines):
            continue
        for name in c.names:
            el = _element_names().get(name)
            scan.add(
                Commodity(
                    text=text[c.start : c.end],
                    start=c.start,
                    end=c.end,
                    name=name,
                    symbol=el.symbol if el else None,
                    group=el.group if el else c.group,
                )
            )


@lru_cache(maxsize=4096)
def names_in(text: str) -> tuple[str, ...]:
    """Canonical commodities named in a short string, in order, each once.

    For the other matchers' small questions: what a deposit's descriptor
    ("tungsten ore") or a grade's basis ("Li2O") names. Cached, because the same
    few strings come back in every document.
    """
    if not text.strip():
        return ()
    probe = Scan(text)
    find_commodities(probe)
    return tuple(dict.fromkeys(f.name for f in probe.facts if isinstance(f, Commodity)))
