"""Organisations: companies, ministries, agencies and stock exchanges.

Patterns over runs of capitalised words, with the vocabularies in data files
(DOMAIN.md, "Names"):

* a legal form after the name ("Lynas Rare Earths Ltd", "Kazakhmys Progress LLP",
  "Minera Cobre Andino SA") or before it, Kazakh and Russian
  style ("LLP Tsentrgeolszemnadzor", "RSE Jezkazganredmet", AO "Kazgeology");
* a sector word ending the name ("Arafura Rare Earths", "MP Materials",
  "Qingyuan Mining Technology & Equipment");
* the head word of a body, with a name before it or an "of" phrase after it
  ("State Reserves Commission", "U.S. Geological Survey", "Ministry of Industry
  and Construction");
* context that makes any name a company: a ticker after it ("Corran Resources (ASX:
  CRN)"), a definition after it ("(the "Company")"), a role noun before it ("the
  state mining company Tau-Ken Samruk", "subsidiary Nightjar Holdco") or an
  apposition after it ("Balkhashredmet, a state-owned enterprise");
* exchanges in tickers and by name, and well-known companies of the industry.

Then a second pass finds the bare mentions of every name found, of its short
forms ("Lynas" of "Lynas Rare Earths Ltd") and of the aliases the text defines
("Export Development Canada (EDC)"), and :func:`group_organizations` gives all
mentions of one organisation its fullest name. The matcher runs before the
deposit, place and commodity matchers and claims its spans, so that "Tindal
Minerals" is not a mineral and "Kundybai Mining JSC" not a deposit.

Runs are found with one regex pass; the words of a run (a handful) are then
sorted out in Python.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, lru_cache

import attrs
import pycountry
import regex

from ..facts import Organization
from ..headlines import HeadlineRule
from ..patterns import FLAGS, alternation
from ..resources import read_lines, read_rows
from .scan import Scan

_SKIP = ("address",)
_GUARD = r"(?![\p{L}\p{M}\d])"
_START = r"(?<![\p{L}\p{M}\d.&'/-])"

# A word of a name: initials ("U.S."), "St."/"Mt.", or a capitalised word with
# inner hyphens ("Tau-Ken", "Rare-Earth"). Apostrophes end it ("Lynas'", "Corran's").
_WORD = (
    r"(?:\p{Lu}\.(?:\p{Lu}\.)++|(?:St|Mt|Ft)\.(?=[ ]\p{Lu})"
    r"|\p{Lu}[\p{L}\p{M}\d]*+(?:-[\p{L}\p{M}\d]++)*+)"
)
# Small words that may stand inside a name ("Technology & Equipment", "Cobre e
# Hierro", "Santa Rosa del Sur"). "of"/"for" and "and" only join after
# the head word of a body (decided per run); the others always do.
_PARTICLES = (
    "e",
    "y",
    "de",
    "del",
    "da",
    "do",
    "dos",
    "das",
    "du",
    "des",
    "der",
    "di",
    "von",
    "van",
)
_JOINERS = ("&", *_PARTICLES)
_CONNECTORS = (*_JOINERS, "of", "for", "and")
# A short number inside a name ("South 32", "Phase 5 ...") when a word follows.
_NUMBER = r"\d{1,3}(?=[ ]\p{Lu})"
# Words a name may start with when it does not start a sentence ("from We Mine
# Together", "by The Associated Press"); at a sentence start they are stopwords.
_NAME_STARTERS = frozenset({"The", "We", "A", "An", "Our", "My", "You", "It"})
_SENTENCE_END = ".!?:;\n•*#|>([-"
_JOIN_LINE_MIN = 40
# A long line is a heading, not wrapped prose, when 60% of its words are capitalised.
_HEADING = HeadlineRule(min_letters=4, share=0.6, min_words=1)
_MAX_CONTEXT_WORDS = 6
_MAX_ACRONYM = 8
# A segment is cut after this many tokens: no name is that long, and reading a
# segment costs time that grows with the square of its length.
_MAX_SEGMENT_TOKENS = 50
_MAX_KNOWN_CHARS = 200
# Before a legal form or a sector word, compass words are proper enough
# ("Southern Spar Rare Earths", "Southern Copper"); generic words are not.
_COMPANY = ("generic",)


@attrs.define
class _Token:
    start: int
    end: int
    text: str
    kind: str  # "legal", "word", "number" or "conn"


@attrs.define
class _Cand:
    """An organisation mention under construction (facts are frozen)."""

    start: int
    end: int
    name: str
    kind: str
    ticker: str | None = None
    aliases: list[str] = attrs.field(factory=list)
    short_forms: bool = True
    """Whether its short forms ("Lynas") are searched for on their own."""


@attrs.define
class _Pending:
    """The last name segment seen, which a ticker or a definition may follow."""

    tokens: list[_Token]
    end: int
    cand: _Cand | None


# ---------------------------------------------------------------------------
# Vocabularies


@cache
def _legal_forms() -> dict[str, str]:
    """Legal form surface -> position ("after", "before" or "both")."""
    return {row[0]: row[1] for row in read_rows("org_legal_forms.tsv")}


@cache
def _weak_forms() -> frozenset[str]:
    """Legal forms that may stand inside a longer name ("Group", "Holdings")."""
    return frozenset(row[0] for row in read_rows("org_legal_forms.tsv") if row[2] == "weak")


@cache
def _roles() -> dict[str, tuple[str, str]]:
    """Head word of a body -> (kind, what it needs: "stem", "of" or "either")."""
    return {head: (kind, needs) for head, kind, needs in read_rows("org_role_words.tsv")}


@cache
def _tails() -> dict[str, str]:
    """Name-ending word -> "sector", "descriptor" or "rare" (a sector word after "Rare")."""
    return {word: kind for word, kind in read_rows("org_name_tails.tsv")}


@cache
def _exchanges() -> dict[str, tuple[str, bool]]:
    """Exchange surface -> (grouping key, usable bare)."""
    return {s: (key, bare == "bare") for s, key, bare in read_rows("org_exchanges.tsv")}


@cache
def _stopwords() -> frozenset[str]:
    """Capitalised words that are never part of a name (function words, titles, verbs)."""
    return frozenset(read_lines("org_stopwords.txt"))


@cache
def _generic() -> dict[str, str]:
    """Generic word -> class ("vague" or "generic")."""
    return {word: kind for word, kind in read_rows("org_generic_words.tsv")}


@cache
def _role_nouns() -> dict[str, tuple[str, str]]:
    """Role noun -> (kind, where: "before", "after" or "both")."""
    return {noun: (kind, where) for noun, kind, where in read_rows("org_role_nouns.tsv")}


@cache
def _countries() -> frozenset[str]:
    """Country names (pycountry): a country alone is a place, not a company's short name."""
    names = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
    return frozenset(names)


# ---------------------------------------------------------------------------
# Patterns


def _legal_alternation() -> str:
    """Every legal form, as a trie alternation."""
    return alternation(_legal_forms(), guard=_GUARD)


def _exchange_alternation() -> str:
    """Every exchange surface, as a trie alternation."""
    return alternation(_exchanges(), guard=_GUARD)


@cache
def _token_re() -> regex.Pattern[str]:
    """One word of a run: a legal form, a name word, a short number or a connector."""
    conns = alternation(_CONNECTORS, guard=_GUARD)
    return regex.compile(
        rf"(?P<legal>{_legal_alternation()})|(?P<word>{_WORD})|(?P<number>{_NUMBER})"
        rf"|(?P<conn>{conns})",
        FLAGS,
    )


@cache
def _first_pass_re() -> regex.Pattern[str]:
    """Tickers, definitions in parentheses and runs of capitalised words, in one pass."""
    exchange = _exchange_alternation()
    symbol = r"[A-Z0-9][A-Za-z0-9.]{0,9}+"
    item = rf"(?:{exchange})[ ]?:[ ]?{symbol}(?![\p{{L}}\d])"
    bracket_item = rf"{symbol}-(?:{exchange})"
    token = rf"(?:{_legal_alternation()}|{_WORD})"
    conns = alternation(_CONNECTORS, guard=_GUARD)
    run = rf"{_START}{token}(?:[ \n](?:(?:{conns})[ ])?+(?:{token}|{_NUMBER}))*+"
    acronym = r"(?=(?:[^)]{0,10}?\p{Lu}){2})\p{Lu}[\p{L}\d&.-]{1,9}+"
    return regex.compile(
        rf"(?P<ticker>\((?P<tbody>{item}(?:[ ]?[;,/|][ ]?{item})*+)"
        rf"(?P<ttail>[ ]?[-,][^()\n]{{0,80}}+)?+\))"
        rf"|(?P<bticker>\[(?P<bbody>{bracket_item}(?:,[ ]?{bracket_item})*+)\])"
        rf"|(?P<defn>\((?:\"(?P<dq>[^\"()\n]{{1,60}}+)\"[^()\n]{{0,40}}+|(?P<acr>{acronym}))\))"
        rf"|(?P<run>{run})",
        FLAGS,
    )


@cache
def _ticker_item_re() -> regex.Pattern[str]:
    """One listing inside a ticker: "ASX: LYC" or, in brackets, "MGI-TSXV"."""
    exchange = _exchange_alternation()
    return regex.compile(
        rf"(?P<ex>{exchange})[ ]?:[ ]?(?P<sym>[A-Z0-9][A-Za-z0-9.]{{0,9}}+)"
        rf"|(?P<sym2>[A-Z0-9][A-Za-z0-9.]{{0,9}}+)-(?P<ex2>{exchange})",
        FLAGS,
    )


_QUOTED = regex.compile(r"\"(?P<q>[^\"]{1,60}+)\"", FLAGS)


@cache
def _before_last_words() -> frozenset[str]:
    """The last words of the role nouns and legal forms :func:`_before_re` ends on."""
    nouns = [n for n, (_, where) in _role_nouns().items() if where in ("before", "both")]
    prefixes = [s for s, pos in _legal_forms().items() if pos in ("before", "both")]
    return frozenset(w.split(" ")[-1] for w in [*nouns, *prefixes])


_APPOSITION_STARTS = (", a ", ", an ", " is a", " was a", " remains a", " became a")


@cache
def _before_re() -> regex.Pattern[str]:
    """A role noun just before a name: "mining company, Tau-Ken Samruk", "holding "X"."""
    nouns = [n for n, (_, where) in _role_nouns().items() if where in ("before", "both")]
    prefixes = [s for s, pos in _legal_forms().items() if pos in ("before", "both")]
    prefix = alternation(prefixes, guard=_GUARD)
    return regex.compile(
        rf"(?:(?<![\p{{L}}])(?P<noun>{alternation(nouns, guard=_GUARD)}),?+[ ]\"?+"
        rf"|(?<![\p{{L}}\d])(?P<prefix>{prefix}(?:[ ]?\"?[ ]?{prefix})*+)[ ]?\")$",
        FLAGS,
    )


@cache
def _apposition_re() -> regex.Pattern[str]:
    """An apposition after a name: ", a state-owned enterprise", " is a ... company".

    Only after "a"/"an": "X, the regulator said" and "Y, the developer" are
    mostly people or clauses.
    """
    nouns = [n for n, (_, where) in _role_nouns().items() if where in ("after", "both")]
    people = [n for n, (kind, _) in _role_nouns().items() if kind == "person"]
    function = alternation(
        [
            "by",
            "the",
            "of",
            "in",
            "with",
            "for",
            "to",
            "from",
            "at",
            "on",
            "which",
            "that",
            "who",
            "is",
            "was",
            "as",
            "its",
            "their",
        ],
        guard=_GUARD,
    )
    return regex.compile(
        rf"(?:,[ ]|[ ](?:is|was|remains|became)[ ])(?:a|an)[ ]"
        rf"(?:(?!{function})[\p{{L}}\d'-]++[ ]){{0,{_MAX_CONTEXT_WORDS}}}?"
        rf"(?P<noun>{alternation(nouns, guard=_GUARD)})(?![,]?[ ]\"?\p{{Lu}}|')"
        rf"(?![ ](?:{alternation(people, guard=_GUARD)}))",
        FLAGS,
    )


@cache
def _blockers() -> dict[str, str]:
    """Lower-case noun -> "asset" or "place" (see the data file)."""
    return {noun: kind for noun, kind in read_rows("org_blockers.tsv")}


@cache
def _blocker_re() -> regex.Pattern[str]:
    """One of the blocker nouns right after a name."""
    return regex.compile(rf"[ ](?:{alternation(_blockers(), guard=_GUARD)})", FLAGS)


@cache
def _capital_after_re() -> regex.Pattern[str]:
    """A word continuing a name after a match ("Lynas Malaysia", "Rosa del Sur", "Nasdaq 100")."""
    joiners = alternation(_JOINERS, guard=_GUARD)
    return regex.compile(rf"[ ](?:(?:{joiners})[ ])?+(?:(?P<w>{_WORD})|\d)", FLAGS)


_DETERMINER_END = regex.compile(r"(?<![\p{L}])(?i:the|a|an|its|their)[ ]$", FLAGS)
_THE_BEFORE = regex.compile(r"(?<![\p{L}])(?i:the)[ ]$", FLAGS)
_CAPITAL_BEFORE = regex.compile(rf"(?P<w>{_WORD})[ ]$", FLAGS)


# ---------------------------------------------------------------------------
# Words


def _is_tail(word: str) -> str | None:
    """The class of a name-ending word ("sector"/"descriptor"), as written or in capitals."""
    tails = _tails()
    if word in tails:
        return tails[word]
    if word.isupper() and len(word) > 2:
        titled = "-".join(p.capitalize() for p in word.split("-"))
        return tails.get(titled)
    return None


def _is_stop(word: str) -> bool:
    """A stopword as written or in capitals ("ABOUT PAMPA METALS")."""
    stop = _stopwords()
    return word in stop or (word.isupper() and word.capitalize() in stop)


def _is_legal(word: str, positions: tuple[str, ...] = ("after", "both")) -> bool:
    """Whether `word` is a legal form standing in one of `positions` ("Co.," counts)."""
    return _legal_forms().get(word.rstrip(",")) in positions


def _generic_only(words: Iterable[str], classes: tuple[str, ...] = ("generic", "vague")) -> bool:
    """True when no word is a proper name (all generic, stopwords or connectors)."""
    generic = _generic()
    for word in words:
        if word in _CONNECTORS or word.isdigit():
            continue
        key = word if word in generic else word.capitalize()
        if generic.get(key) in classes or _is_stop(word):
            continue
        return False
    return True


def _role_at(tokens: list[_Token], i: int) -> tuple[int, str] | None:
    """(first index, head) of a body's head word ending at token `i`, if any."""
    roles = _roles()
    if i >= 1 and f"{tokens[i - 1].text} {tokens[i].text}" in roles:
        return i - 1, f"{tokens[i - 1].text} {tokens[i].text}"
    if tokens[i].text in roles:
        return i, tokens[i].text
    return None


def _clean(raw: str) -> str:
    """A name as reported: one space between words, no quotes around it."""
    return " ".join(raw.split()).strip("\"' ,")


def _span_text(text: str, tokens: list[_Token]) -> str:
    """The cleaned text from the first token to the last."""
    return _clean(text[tokens[0].start : tokens[-1].end])


# ---------------------------------------------------------------------------
# Runs


def _sentence_start(text: str, pos: int) -> bool:
    """True when `pos` starts a sentence, a line or a heading (capitals prove nothing there)."""
    i = pos - 1
    while i >= 0 and text[i] in " \"'":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _joins_line(text: str, newline: int) -> bool:
    """Whether a line break inside a run is a wrapped line of prose (not a heading)."""
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline]
    if len(line) < _JOIN_LINE_MIN:
        return False
    words = _HEADING.words(line)
    return bool(words) and not _HEADING.capitalised(words)


def _tokens(text: str, start: int, end: int) -> list[list[_Token]]:
    """The tokens of a run, in pieces (a line break that is not wrapped prose splits it)."""
    if text.find("\n", start, end) < 0:  # one line (most runs): one piece, nothing to test
        tokens = [
            _Token(m.start(), m.end(), m.group(), m.lastgroup or "word")
            for m in _token_re().finditer(text, start, end)
        ]
        return [tokens] if tokens else []
    pieces: list[list[_Token]] = [[]]
    for m in _token_re().finditer(text, start, end):
        kind = m.lastgroup or "word"
        if pieces[-1] and "\n" in text[pieces[-1][-1].end : m.start()]:
            newline = text.index("\n", pieces[-1][-1].end, m.start())
            if not _joins_line(text, newline):
                pieces.append([])
        pieces[-1].append(_Token(m.start(), m.end(), m.group(), kind))
    return [p for p in pieces if p]


def _segments(text: str, piece: list[_Token], at_sentence_start: bool) -> list[list[_Token]]:
    """Cut a piece of a run at stopwords and at connectors that do not join names."""
    segments: list[list[_Token]] = []
    current: list[_Token] = []
    in_of = False

    def close() -> None:
        while current and current[-1].kind in ("conn", "number"):
            current.pop()
        while current and current[0].kind in ("conn", "number"):
            current.pop(0)
        if current:
            segments.append(list(current))
        current.clear()

    for i, tok in enumerate(piece):
        if len(current) >= _MAX_SEGMENT_TOKENS:
            close()
            in_of = False
        if tok.kind == "conn":
            word = tok.text
            if word in ("of", "for") and current and _role_at(current, len(current) - 1):
                in_of = True
                current.append(tok)
            elif (word == "and" and in_of) or (word in _JOINERS and current):
                current.append(tok)
            elif word == "and" and len(current) == 1 and _head_follows(piece, i + 1):
                current.append(tok)  # "Food and Drug Administration"
            else:
                close()
                in_of = False
            continue
        keep_first = i == 0 and not at_sentence_start and tok.text in _NAME_STARTERS
        if tok.kind == "word" and _is_stop(tok.text) and not keep_first:
            close()
            in_of = False
            continue
        current.append(tok)
    close()
    return segments


def _head_follows(piece: list[_Token], i: int) -> bool:
    """Whether the words from `i` on end in the head word of a body that needs a stem."""
    words: list[_Token] = []
    for j in range(i, len(piece)):  # no slice: a run may be long, the words after "and" few
        tok = piece[j]
        if tok.kind != "word" or _is_stop(tok.text):
            break
        words.append(tok)
    if len(words) < 2:
        return False
    found = _role_at(words, len(words) - 1)
    return found is not None and _roles()[found[1]][1] in ("stem", "either")


def _orgs_in_segment(text: str, tokens: list[_Token]) -> list[_Cand]:
    """Organisations a segment names by its own words (legal form, head word, sector word)."""
    if not tokens:
        return []
    legal = _legal_forms()
    # Legal form before the name: LLP Tsentrgeolszemnadzor.
    i = 0
    while i < len(tokens) and tokens[i].kind == "legal" and legal[tokens[i].text] != "after":
        i += 1
    if 0 < i < len(tokens) and tokens[i].kind == "word":
        rest = tokens[i:]
        if not _generic_only((t.text for t in rest), _COMPANY) and not _shouting(rest):
            name = _span_text(text, rest)
            full = _span_text(text, tokens)
            return [_Cand(tokens[0].start, tokens[-1].end, name, "company", aliases=[full])]
    # Legal form after the name: Kazakhmys Corporation, Co. Ltd.
    for k in range(1, len(tokens)):
        if tokens[k].kind != "legal" or legal[tokens[k].text] == "before":
            continue
        if tokens[k].text in _weak_forms() and any(
            t.kind == "legal" and t.text not in _weak_forms() for t in tokens[k + 1 :]
        ):
            continue  # "China Northern Rare Earth Group High-Tech Co., Ltd."
        e = k
        while e + 1 < len(tokens) and tokens[e + 1].kind == "legal":
            e += 1
        stem = tokens[:k]
        rest = tokens[e + 1 :]
        if _generic_only((t.text for t in stem), _COMPANY):
            # "National Mining Company Tau-Ken Samruk": the name follows the form.
            if tokens[k].text.lower() in ("company", "corporation") and rest:
                if _generic_only((t.text for t in rest), _COMPANY):
                    return []
                name = _span_text(text, rest)
                full = _span_text(text, tokens)
                return [_Cand(tokens[0].start, tokens[-1].end, name, "company", aliases=[full])]
            return _orgs_in_segment(text, rest)
        cand = _Cand(stem[0].start, tokens[e].end, _span_text(text, tokens[: e + 1]), "company")
        return [cand, *_orgs_in_segment(text, rest)]
    # Head word of a body: State Reserves Commission, Ministry of Land Resources.
    for r in range(len(tokens)):
        found = _role_at(tokens, r)
        if found is None or tokens[r].kind == "conn":
            continue
        first, head = found
        kind, needs = _roles()[head]
        stem = tokens[:first]
        has_stem = bool(stem) and not _generic_only((t.text for t in stem), ("vague",))
        has_of = r + 2 < len(tokens) and tokens[r + 1].text in ("of", "for")
        if not (
            (needs in ("stem", "either") and has_stem) or (needs in ("of", "either") and has_of)
        ):
            continue
        end = len(tokens) - 1 if has_of else r
        cand = _Cand(tokens[0].start, tokens[end].end, _span_text(text, tokens[: end + 1]), kind)
        cand.short_forms = False
        return [cand, *_orgs_in_segment(text, tokens[end + 1 :])]
    # Sector word at the end: Arafura Rare Earths, Qingyuan Mining Technology & Equipment.
    j = len(tokens)
    sector = False
    while j > 0 and (_is_tail(tokens[j - 1].text) or tokens[j - 1].text == "&"):
        tail = _is_tail(tokens[j - 1].text)
        after_rare = j >= 2 and tokens[j - 2].text.lower() == "rare"
        sector = sector or tail == "sector" or (tail == "rare" and after_rare)
        j -= 1
    stem = tokens[:j]
    if (
        sector
        and stem
        and stem[-1].kind != "conn"
        and not _generic_only((t.text for t in stem), _COMPANY)
        and not _blocker_re().match(text, tokens[-1].end)
        and not _table_cell(text, tokens[0].start, tokens[-1].end)
    ):
        return [_Cand(tokens[0].start, tokens[-1].end, _span_text(text, tokens), "company")]
    return []


def _table_cell(text: str, start: int, end: int) -> bool:
    """True when ``[start, end)`` fills a cell of a text table ("| Tarn Hill Gold |")."""
    before = text[max(0, start - 3) : start].rstrip(" ")
    return before.endswith("|") and text[end : end + 3].lstrip(" ").startswith("|")


def _shouting(tokens: list[_Token]) -> bool:
    """All capitals (a heading), where a legal form before a word proves little."""
    return all(t.text.isupper() for t in tokens if t.kind == "word")


def _context_name(text: str, tokens: list[_Token]) -> str | None:
    """The segment as a name when context says it is an organisation, else None."""
    words = [t.text for t in tokens if t.kind != "conn"]
    if not words or len(words) > _MAX_CONTEXT_WORDS or all(_is_stop(w) for w in words):
        return None
    if len(words) == 1 and _generic_only(words):
        return None
    if _blockers().get(words[-1].lower()) == "asset":
        return None  # "Tarn Deposit is a large site developed by ..."
    name = _span_text(text, tokens)
    if name in _countries() or _is_stop(name):
        return None
    return name


def _exchange_kind(name: str) -> bool:
    """Whether a name before a ticker is an exchange ("Frankfurt (FSE: O2C)"), not a company."""
    return name in _exchanges() or name.endswith(" Exchange")


# ---------------------------------------------------------------------------
# The matcher


def find_organizations(scan: Scan) -> None:
    """Find organisation mentions in `scan` and claim them (before deposits and places)."""
    text = scan.text
    cands: list[_Cand] = []
    pending: _Pending | None = None
    for m in _first_pass_re().finditer(text):
        if m.group("run") is not None:
            pending = _read_run(text, m.start(), m.end(), cands)
            continue
        adjacent = pending is not None and text[pending.end : m.start()] in ("", " ")
        if m.group("defn") is not None:
            if adjacent and pending is not None:
                _definition(text, m, pending, cands)
        else:
            if adjacent and pending is not None:
                _ticker(text, m, pending, cands)
            _exchanges_in_ticker(m, cands)
        if adjacent and pending is not None:
            pending.end = m.end()
            if pending.cand is None:
                _apposition(text, pending, m.end(), cands)
    cands = _second_pass(text, cands)
    facts = [
        Organization(
            text=text[c.start : c.end],
            start=c.start,
            end=c.end,
            name=c.name,
            kind=c.kind,
            ticker=c.ticker,
        )
        for c in cands
        if not scan.claimed(c.start, c.end, kinds=_SKIP)
    ]
    for fact in group_organizations(facts):
        scan.add(fact)


def _read_run(text: str, start: int, end: int, cands: list[_Cand]) -> _Pending | None:
    """Organisations in one run of capitalised words; returns its last segment."""
    word = text[start:end]
    if (
        " " not in word
        and "\n" not in word
        and word not in _legal_forms()
        and _is_stop(word)
        and not (word in _NAME_STARTERS and not _sentence_start(text, start))
    ):
        return None  # one stopword ("The", "In"): no segment, nothing to find (fast path)
    if " " not in word and "\n" not in word and _plain_word(word):
        # One word that names nothing by itself (most runs): only a role noun before
        # it or an apposition after it can make it an organisation.
        seg = [_Token(start, end, word, "word")]
        found = _role_before(text, seg)
        cands.extend(found)
        pending = _Pending(seg, end, found[-1] if found else None)
        if not found:
            _apposition(text, pending, end, cands)
        return pending
    last: _Pending | None = None
    for p, piece in enumerate(_tokens(text, start, end)):
        at_start = _sentence_start(text, piece[0].start)
        segments = _segments(text, piece, at_start)
        for s, seg in enumerate(segments):
            found = _orgs_in_segment(text, seg)
            first = p == 0 and s == 0 and seg[0].start == start
            if first:
                before = _role_before(text, seg)
                if not found:
                    found = before
                elif before and before[0].kind == "subsidiary" and found[0].start == seg[0].start:
                    found[0].kind = "subsidiary"  # "subsidiary Fjordland Minerals A/S"
            cands.extend(found)
            last_cand = found[-1] if found and found[-1].end == seg[-1].end else None
            last = _Pending(seg, seg[-1].end, last_cand)
            if last_cand is None and seg[-1].end == end:
                _apposition(text, last, end, cands)
    return last


@lru_cache(maxsize=8192)
def _plain_word(word: str) -> bool:
    """Whether a one-word run is a name word, not a stopword, that names nothing by itself.

    (Its segment is then the word alone, and the patterns of :func:`_orgs_in_segment`
    find nothing in it: the run needs no reading beyond the context around it.)
    """
    m = _token_re().fullmatch(word)
    if m is None or m.lastgroup != "word" or _is_stop(word):
        return False
    return not _orgs_in_segment(word, [_Token(0, len(word), word, "word")])


def _role_before(text: str, seg: list[_Token]) -> list[_Cand]:
    """ "the state mining company Tau-Ken Samruk", "subsidiary Nightjar Holdco", AO "Kazgeology"."""
    window = text[max(0, seg[0].start - 60) : seg[0].start]
    if not window.endswith((" ", '"')):
        return []  # the pattern ends in a space or a quote: no need to run it
    stripped = window.rstrip(' "').rstrip(",")
    last = stripped[max(stripped.rfind(" "), stripped.rfind('"')) + 1 :]
    if last not in _before_last_words():
        return []  # the word before is no role noun or legal form
    m = _before_re().search(window)
    if m is None:
        return []
    if "," in m.group() and _DETERMINER_END.search(window, 0, m.start()):
        return []  # "the company, John Smith said": no apposition of a name
    if all(t.kind == "legal" for t in seg):
        return []  # AO "NGK "Tau-Ken Samruk"": the inner prefix is no name
    name = _context_name(text, seg)
    if name is None:
        return []
    kind = _role_nouns()[m.group("noun")][0] if m.group("noun") else "company"
    return [_Cand(seg[0].start, seg[-1].end, name, kind)]


def _apposition(text: str, pending: _Pending, pos: int, cands: list[_Cand]) -> None:
    """ "Balkhashredmet, a state-owned enterprise": the name before is an organisation."""
    if not text.startswith(_APPOSITION_STARTS, pos):
        return  # the pattern's first words are not there: no need to run it
    m = _apposition_re().match(text, pos)
    if m is None:
        return
    name = _context_name(text, pending.tokens)
    if name is None:
        return
    kind = _role_nouns()[m.group("noun")][0]
    cand = _Cand(pending.tokens[0].start, pending.tokens[-1].end, name, kind)
    cands.append(cand)
    pending.cand = cand


def _definition(text: str, m: regex.Match[str], pending: _Pending, cands: list[_Cand]) -> None:
    """ "Export Development Canada (EDC)", "Tellmark Engineering Canada ULC ("Tellmark")"."""
    quoted, acronym = m.group("dq"), m.group("acr")
    alias = _clean(quoted or acronym or "")
    if alias.lower().startswith("the ") or alias.lower() in ("company", "corporation"):
        alias = ""
    cand = pending.cand
    if cand is None:
        name = _context_name(text, pending.tokens)
        if name is None:
            return
        if quoted is not None and "Company" in m.group():
            cand = _Cand(pending.tokens[0].start, pending.tokens[-1].end, name, "company")
        elif acronym and len(acronym) <= _MAX_ACRONYM and _initials(name) == acronym:
            last_word = name.split(" ")[-1]
            if last_word not in _countries():
                return  # "Mineral Resource Estimate (MRE)": a term, not a body
            cand = _Cand(pending.tokens[0].start, pending.tokens[-1].end, name, "organization")
        else:
            return
        cands.append(cand)
        pending.cand = cand
    if alias and alias != cand.name:
        cand.aliases.append(alias)


def _ticker(text: str, m: regex.Match[str], pending: _Pending, cands: list[_Cand]) -> None:
    """ "Lynas Rare Earths Ltd (ASX:LYC)": the name before a ticker is a listed company."""
    items = list(_ticker_item_re().finditer(m.group()))
    if not items:
        return
    first = items[0]
    exchange = first.group("ex") or first.group("ex2")
    symbol = first.group("sym") or first.group("sym2")
    cand = pending.cand
    if cand is None:
        name = _context_name(text, pending.tokens)
        if name is None:
            return
        kind = "exchange" if _exchange_kind(name) else "company"
        cand = _Cand(pending.tokens[0].start, pending.tokens[-1].end, name, kind)
        cands.append(cand)
        pending.cand = cand
    if cand.kind != "exchange" and cand.ticker is None:
        cand.ticker = f"{exchange}:{symbol}"
    for q in _QUOTED.finditer(m.group("ttail") or ""):
        alias = _clean(q.group("q"))
        if not alias.lower().startswith("the ") and alias != cand.name:
            cand.aliases.append(alias)


def _exchanges_in_ticker(m: regex.Match[str], cands: list[_Cand]) -> None:
    """Each exchange named in a ticker is an organisation too."""
    for item in _ticker_item_re().finditer(m.group()):
        group = "ex" if item.group("ex") else "ex2"
        start = m.start() + item.start(group)
        end = m.start() + item.end(group)
        cand = _Cand(start, end, item.group(group), "exchange")
        cand.short_forms = False
        cands.append(cand)


_NAME_SPLIT = regex.compile(r"[ -]")


def _initials(name: str) -> str:
    """Capital initials of a name's words ("Export Development Canada" -> "EDC")."""
    words = [w for w in _NAME_SPLIT.split(name) if w and w not in _CONNECTORS]
    return "".join(w[0] for w in words if w[0].isupper())


# ---------------------------------------------------------------------------
# Short forms and the second pass


def short_forms(name: str) -> list[str]:
    """Shorter names of a company: without its legal form, then without its sector words.

    "Lynas Rare Earths Ltd" -> ["Lynas Rare Earths", "Lynas"]; "LLP Tsentrgeolszemnadzor"
    -> ["Tsentrgeolszemnadzor"]. Forms that are only generic words or a country are left out.
    """
    return list(_short_forms(name))


@lru_cache(maxsize=8192)
def _short_forms(name: str) -> tuple[str, ...]:
    """:func:`short_forms`, cached: the second pass and the grouping both ask, for each name."""
    words = name.split(" ")
    while words and _is_legal(words[0], ("before", "both")) and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and _is_legal(words[-1]):
        words = words[:-1]
    forms = []
    if words != name.split(" "):
        forms.append(" ".join(words))
    while len(words) > 1 and (_is_tail(words[-1]) or words[-1] == "&"):
        words = words[:-1]
    short = " ".join(words)
    if short not in forms and short != name:
        forms.append(short)
    return tuple(
        f
        for f in forms
        if len(f) >= 3 and not _generic_only(f.split(" ")) and f not in _countries()
    )


def _second_pass(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Add bare mentions of every known name, short form, alias and well-known company."""
    # surface -> (name, kind, strictness): 0 anywhere, 1 not inside a longer run of
    # capitals, 2 not after "the" either ("the Marlin" is a region, not Marlin Minerals).
    known: dict[str, tuple[str, str, int]] = {}
    ranked: list[tuple[int, str, str, str, int]] = []
    for c in cands:
        ranked.append((0, c.name, c.name, c.kind, 0))
        for alias in c.aliases:
            ranked.append((1, alias, c.name, c.kind, 1))
        if c.kind == "company" and c.short_forms:
            for form in _short_forms(c.name):
                ranked.append((2, form, c.name, c.kind, 2))
    ranked += _bare_exchanges()
    clashes: set[str] = set()
    rank_of: dict[str, int] = {}
    alias_of: dict[str, str] = {}
    for c in cands:
        for alias in c.aliases:
            alias_of[alias] = c.name if alias_of.get(alias, c.name) == c.name else ""
    alias_of = {k: v for k, v in alias_of.items() if v}
    for rank, surface, name, kind, strict in ranked:
        if surface in known:
            if rank == rank_of[surface] and known[surface][0] != name:
                clashes.add(surface)
            continue
        known[surface] = (name, kind, strict)
        rank_of[surface] = rank
    for surface in clashes:
        del known[surface]
    # A name the text defines as another's short form ("Tellmark Engineering Canada
    # ULC ("Tellmark")") is that organisation wherever it was found.
    for c in cands:
        c.name = alias_of.get(c.name, c.name)
    # A "name" of hundreds of characters is a run of junk ("LtdLtdLtd..."): no bare
    # mentions are looked for, which keeps the pattern (and the recursion building it) small.
    known = {surface: v for surface, v in known.items() if len(surface) <= _MAX_KNOWN_CHARS}
    if not known:
        return cands
    taken = sorted((c.start, c.end) for c in cands)
    found = list(cands)
    for start, end in _known_spans(text, known):
        if _overlaps(taken, start, end):
            continue
        name, kind, strict = known[text[start:end]]
        if strict and not _stands_alone(text, start, end):
            continue
        if strict > 1 and _THE_BEFORE.search(text, max(0, start - 4), start):
            continue
        if _blocker_re().match(text, end):
            continue  # "Tarn village", "the Lynas plant": a place or an asset
        found.append(_Cand(start, end, name, kind))
    found.sort(key=lambda c: (c.start, -c.end))
    out: list[_Cand] = []
    for c in found:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


@cache
def _bare_exchanges() -> tuple[tuple[int, str, str, str, int], ...]:
    """The second pass's entries for the exchanges usable bare (the same for every text)."""
    return tuple(
        (3, surface, surface, "exchange", 1) for surface, (_, bare) in _exchanges().items() if bare
    )


#: The most names of its own a text may have for :func:`_known_spans` to find them
#: with ``str.find`` (each is a scan of the text) rather than in a compiled pattern.
_MAX_FOUND_NAMES = 64
_START_AT = regex.compile(_START, FLAGS)
# The test :func:`~rareearth_extract.patterns.alternation` makes after a surface.
_END_AT = regex.compile(rf"(?:(?<=[\p{{L}}\p{{N}}]){_GUARD}|(?<![\p{{L}}\p{{N}}]))", FLAGS)


def _known_spans(text: str, known: dict[str, tuple[str, str, int]]) -> list[tuple[int, int]]:
    """The spans of ``_known_re(tuple(sorted(known))).finditer(text)``, without compiling it.

    A text's own names are a new pattern for every text, and compiling it cost
    more than the rest of the organisation matcher (about 3 ms a text, hidden
    only when the same texts come again and the compiled pattern is cached).
    The exchanges, in every text's pattern, have one compiled pattern of their
    own; the text's few names are found with ``str.find`` and the same tests
    before and after them. At each place the longest surface that passes the
    tests is the match, and matches do not overlap, as the trie's are.
    """
    exchanges = _bare_exchange_surfaces()
    names = [surface for surface in known if surface not in exchanges]
    if (
        len(names) > _MAX_FOUND_NAMES
        or not exchanges <= known.keys()
        or not all(names)
        or not any(s[-1:].isalnum() for s in exchanges)  # (the trie then tests after every surface)
    ):
        return [m.span() for m in _known_re(tuple(sorted(known))).finditer(text)]
    longest: dict[int, int] = {}  # where a name starts -> where the longest there ends
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if end > longest.get(at, -1) and _START_AT.match(text, at) and _END_AT.match(text, end):
                longest[at] = end
            at = text.find(name, at + 1)
    starts = sorted(longest)
    pattern = _exchange_re()
    spans: list[tuple[int, int]] = []
    pos = i = 0
    ex = pattern.search(text)
    while True:
        while i < len(starts) and starts[i] < pos:
            i += 1
        if ex is not None and ex.start() < pos:
            ex = pattern.search(text, pos)
        if i < len(starts) and (
            ex is None
            or starts[i] < ex.start()
            or (starts[i] == ex.start() and longest[starts[i]] > ex.end())
        ):
            span = (starts[i], longest[starts[i]])
        elif ex is not None:
            span = ex.span()
        else:
            return spans
        spans.append(span)
        pos = span[1]


@cache
def _bare_exchange_surfaces() -> frozenset[str]:
    """The surfaces of :func:`_bare_exchanges`."""
    return frozenset(surface for _, surface, _, _, _ in _bare_exchanges())


@cache
def _exchange_re() -> regex.Pattern[str]:
    """The second pass's pattern for the exchanges alone (compiled once)."""
    return _known_re(tuple(sorted(_bare_exchange_surfaces())))


@lru_cache(maxsize=32)
def _known_re(surfaces: tuple[str, ...]) -> regex.Pattern[str]:
    """The second pass's pattern: every known surface, as one trie alternation."""
    return regex.compile(rf"{_START}(?:{alternation(surfaces, guard=_GUARD)})", FLAGS)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, non-overlapping `spans`."""
    i = bisect_left(spans, (start, start))
    if i < len(spans) and spans[i][0] < end:
        return True
    return i > 0 and spans[i - 1][1] > start


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A short form counts only as a whole name: not inside a longer run of capitals."""
    after = _capital_after_re().match(text, end)
    if after is not None and (after.group("w") is None or not _is_stop(after.group("w"))):
        return False
    before = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
    return before is None or _is_stop(before.group("w"))


# ---------------------------------------------------------------------------
# Grouping


@lru_cache(maxsize=8192)
def _base_key(name: str) -> str:
    """A loose key of a name without its legal form: case, hyphens and plural "s" ignored."""
    words = _clean(name).replace("-", " ").split(" ")
    if words and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and _is_legal(words[0], ("before", "both")):
        words = words[1:]
    while len(words) > 1 and _is_legal(words[-1]):
        words = words[:-1]
    return " ".join(w.casefold().rstrip(".,").removesuffix("s") for w in words)


def group_organizations(facts: list[Organization]) -> list[Organization]:
    """Give every mention of one organisation the fullest name the text uses for it.

    Names that differ only by legal form, case, hyphens or a plural ("Kazakhmys" /
    "Kazakhmys Corporation", "Yunling Rare Earth" / "Yunling Rare Earths"), a
    short form without sector words ("Lynas" / "Lynas Rare Earths Ltd"), initials
    ("GE" / "General Electric Company") and the code and name of one exchange
    ("TSX" / "Toronto Stock Exchange") are one organisation. A subsidiary keeps
    its own name ("Fjordland Minerals A/S" is not "Fjordland Minerals").
    """
    names: dict[str, str] = {}  # name -> group key
    for f in facts:
        if f.name in names:
            continue
        if f.name in _exchanges():
            names[f.name] = "exchange:" + _exchanges()[f.name][0]
        elif f.kind == "subsidiary":
            names[f.name] = "subsidiary:" + _base_key(f.name)
        else:
            names[f.name] = _base_key(f.name)
    groups: dict[str, list[str]] = {}
    for name, key in names.items():
        groups.setdefault(key, []).append(name)
    fullest = {key: max(members, key=len) for key, members in groups.items()}
    # Short forms and initials of another group's name join that group.
    by_short: dict[str, set[str]] = {}
    by_initials: dict[str, set[str]] = {}
    plain = {k: v for k, v in fullest.items() if not k.startswith(("exchange:", "subsidiary:"))}
    for key, full in plain.items():
        for form in _short_forms(full):
            by_short.setdefault(_base_key(form), set()).add(key)
        by_initials.setdefault(_initials_of(full), set()).add(key)
    merged: dict[str, str] = {}
    for key, full in plain.items():
        targets = by_short.get(_base_key(full), set())
        if full.isupper() and len(full) >= 2:
            targets = targets | by_initials.get(full, set())
        targets = {t for t in targets if t != key and len(plain[t]) > len(full)}
        if len(targets) == 1:
            merged[key] = targets.pop()
    out = []
    for f in facts:
        key = names[f.name]
        key = merged.get(key, key)
        name = fullest[key]
        out.append(f if name == f.name else attrs.evolve(f, name=name))
    return out


@lru_cache(maxsize=8192)
def _initials_of(name: str) -> str:
    """The initials of a name without its legal forms (cached: names recur across texts)."""
    return _initials(_strip_legal(name))


def _strip_legal(name: str) -> str:
    """A name without its trailing legal forms ("Orbis Electric Company" -> "Orbis Electric")."""
    words = name.split(" ")
    while len(words) > 1 and _is_legal(words[-1]):
        words = words[:-1]
    return " ".join(words)
