"""Robustness: the input contract, hostile text, long text in chunks, threads,
processes, and byte-identical output.

Every text here is written for these tests. Sizes are small so that the suite
stays fast: how the time grows with the length of each input is measured by
``benchmarks/scaling.py``, not asserted here.
"""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import walk

from rareearth_extract import Extractor, build_pipeline, extract_facts
from rareearth_extract.api import MAX_CHUNK_SIZE, MIN_CHUNK_SIZE
from rareearth_extract.engine import CHUNK_OVERLAP, CHUNK_SIZE, _next_cut, extract, iter_extract
from rareearth_extract.facts import Fact
from rareearth_extract.sentences import CONTEXT_GRID
from rareearth_extract.serialize import to_dict, to_jsonl

REPO = Path(__file__).resolve().parents[1]

# A news item written for these tests: companies, places, deposits, commodities,
# money with a conversion, a printed rate, dates, an estimate and intercepts.
RICH = (
    "ASTANA, May 14, 2025 - Qazaq Tungsten LLP (KASE: QTNG) said its Zhosaly tungsten "
    "deposit in the Ulytau Region holds 12.4 Mt at 0.31% WO3 of indicated resources, and "
    "the nearby Akbulak copper project some 4,800 t of copper. The company will spend "
    "KZT18 billion ($35.2 million) on 42 drill holes in 2025; hole AKB-017 returned "
    "14.5 m @ 2.7 g/t Au from 61 m, including 3.2 m @ 9.1 g/t Au.\n\n"
    "KZT/USD = 0.00195 -0.4%\n"
    "Lanthanum, cerium and neodymium oxide prices rose 3% in Q1 2025, according to "
    "Almaty-based analysts at Steppe Metals Research. Output at Zhosaly should reach "
    "250,000 tpa by the second half of 2027, about 1,200 km from Almaty.\n"
)


def assert_valid(text: str, facts: list[Fact]) -> None:
    """Offsets in range and slicing back to each fact's text (nested ones too), sorted."""
    for top in facts:
        for f in walk(top):
            assert 0 <= f.start <= f.end <= len(text), (f.type, f.start, f.end, len(text))
            assert text[f.start : f.end] == f.text, (f.type, f.start, f.end)
    starts = [f.start for f in facts]
    assert starts == sorted(starts)


# --- the input contract ------------------------------------------------------------

BINARY = [
    pytest.param(b"5 t of ore", id="bytes"),
    pytest.param(bytearray(b"5 t of ore"), id="bytearray"),
    pytest.param(memoryview(b"5 t of ore"), id="memoryview"),
]
NOT_TEXT = [
    pytest.param(None, id="None"),
    pytest.param(5, id="int"),
    pytest.param(["5 t"], id="list"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize("data", BINARY)
def test_binary_input_is_refused_with_a_hint_to_decode(extractor: Extractor, data: object) -> None:
    calls: list[Callable[[], object]] = [
        lambda: extract_facts(data),  # type: ignore[arg-type]
        lambda: extractor(data),  # type: ignore[arg-type]
        lambda: list(extractor.pipe([data])),  # type: ignore[list-item]
        lambda: list(extractor.stream(data)),  # type: ignore[arg-type]
        lambda: list(extractor.stream(["5 t ", data])),  # type: ignore[list-item]
    ]
    for call in calls:
        with pytest.raises(TypeError, match=r"expected text as str.*decode it first"):
            call()


@pytest.mark.parametrize("value", NOT_TEXT)
def test_other_input_is_refused(extractor: Extractor, value: object) -> None:
    with pytest.raises(TypeError, match="expected text as str"):
        extract_facts(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected text as str"):
        extractor(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n", "\r\n\t \x0b\x0c", "\u00a0\u2003\u3000\u2028\u2029\x1c\x85", " \n" * 30_000],
    ids=["empty", "space", "newline", "ascii-whitespace", "unicode-whitespace", "long-whitespace"],
)
def test_empty_or_whitespace_gives_no_facts(extractor: Extractor, text: str) -> None:
    assert extract_facts(text) == []
    assert extractor(text) == []
    assert list(extractor.stream([text, text])) == []
    assert extract(text, chunk_size=1_000, overlap=100) == []


def test_chunk_size_follows_max_length_within_bounds() -> None:
    assert MAX_CHUNK_SIZE == CHUNK_SIZE
    assert MIN_CHUNK_SIZE > 4 * CHUNK_OVERLAP
    extractor = Extractor()
    assert extractor.chunk_size == min(extractor.nlp.max_length, MAX_CHUNK_SIZE)
    extractor.nlp.max_length = 50_000
    assert extractor.chunk_size == 50_000
    extractor.nlp.max_length = 10
    assert extractor.chunk_size == MIN_CHUNK_SIZE
    extractor.nlp.max_length = 10**9
    assert extractor.chunk_size == MAX_CHUNK_SIZE


def test_chunking_needs_room_beyond_its_overlaps() -> None:
    with pytest.raises(ValueError, match="four times overlap"):
        extract("5 t " * 100, chunk_size=300, overlap=100)


# --- long text in chunks ------------------------------------------------------------


def _paragraphs(count: int) -> str:
    """Mining news paragraphs, each a little different, so no line repeats verbatim."""
    out = []
    for i in range(count):
        out.append(
            f"Tobyl Metals LLP said on March {i % 28 + 1}, 2024 that its Karasu-{i} gold "
            f"deposit in the Kostanay Region holds {i + 3},{i % 1000:03d} t of ore at "
            f"{i % 7 + 1}.{i % 10} g/t Au, worth KZT{i + 2} billion (${i % 90 + 4}.5 million). "
            f"Hole TK-{i} cut {i % 30 + 2}.5 m @ {i % 5 + 1}.1 g/t Au from {i % 90 + 10} m; "
            f"output rose {i % 40 + 1}% to {i * 7 + 100} tpa in Q{i % 4 + 1} {2000 + i % 25}.\n\n"
        )
    return "".join(out)


def _small_chunks() -> Extractor:
    extractor = Extractor()
    extractor.nlp.max_length = MIN_CHUNK_SIZE
    return extractor


def _cuts(text: str, chunk_size: int) -> list[int]:
    cuts, own = [], 0
    while own < len(text):
        cut = _next_cut(text, own, chunk_size, CHUNK_OVERLAP, final=True)
        assert cut is not None and cut > own
        cuts.append(cut)
        own = cut
    return cuts


def test_text_longer_than_max_length_is_extracted_in_chunks() -> None:
    text = _paragraphs(400)
    extractor = _small_chunks()
    assert len(text) > 5 * extractor.chunk_size
    cuts = _cuts(text, extractor.chunk_size)[:-1]
    assert len(cuts) >= 5
    assert all(text[c - 2 : c] == "\n\n" for c in cuts), "cut at paragraph breaks"
    chunked = extractor(text)
    assert_valid(text, chunked)
    whole = extract(text, chunk_size=len(text))
    assert [to_dict(f) for f in chunked] == [to_dict(f) for f in whole]


@pytest.mark.parametrize(
    ("unit", "where"),
    [("12.5 t;", "spaces"), ("12.75%;", "anywhere")],
    ids=["cut-at-a-space-inside-a-fact", "hard-cut-in-a-line-without-spaces"],
)
def test_a_fact_across_a_cut_is_found_once(unit: str, where: str) -> None:
    """Every space of the text is inside a fact (or there is none): cuts split facts."""
    text = unit * (3 * MIN_CHUNK_SIZE // len(unit))
    extractor = _small_chunks()
    cuts = _cuts(text, extractor.chunk_size)[:-1]
    assert cuts
    if where == "spaces":
        assert all(text[c - 1] == " " for c in cuts)
    facts = extractor(text)
    assert_valid(text, facts)
    assert [(f.type, f.start) for f in facts] == [
        ("quantity", i) for i in range(0, len(text), len(unit))
    ]
    straddling = [f for f in facts if any(f.start < c < f.end for c in cuts)]
    assert straddling, "some fact lies across a cut"
    assert [to_dict(f) for f in facts] == [to_dict(f) for f in extract(text, chunk_size=len(text))]


def test_stream_gives_the_facts_of_the_joined_text() -> None:
    text = _paragraphs(150) + "12.5 t;" * 3_000
    extractor = _small_chunks()
    expected = [to_dict(f) for f in extractor(text)]
    lines = text.splitlines(keepends=True)
    assert [to_dict(f) for f in extractor.stream(lines)] == expected
    assert [to_dict(f) for f in extractor.stream(iter(text))] == expected  # one character a time
    rng = random.Random(6)
    pieces, i = [], 0
    while i < len(text):
        step = rng.choice([1, 7, 300, 5_000, 40_000])
        pieces.append(text[i : i + step])
        i += step
    assert [to_dict(f) for f in extractor.stream(pieces)] == expected
    assert [to_dict(f) for f in extractor.stream(text)] == expected


def test_iter_extract_is_lazy() -> None:
    pulled: list[int] = []

    def lines() -> Iterator[str]:
        for i in range(10**9):
            pulled.append(i)
            yield f"Shaft {i} was sunk to {100 + i} m.\n"

    facts = iter_extract(lines(), chunk_size=MIN_CHUNK_SIZE, overlap=CHUNK_OVERLAP)
    first = next(facts)
    assert first.text == "100 m"
    assert len(pulled) < 2 * MIN_CHUNK_SIZE / 20, "read about one chunk, not the whole input"


# --- hostile text ------------------------------------------------------------------


def _junk(size: int) -> str:
    rng = random.Random(6)
    return bytes(rng.getrandbits(8) for _ in range(size)).decode("utf-8", errors="replace")


def _no_spaces(size: int) -> str:
    rng = random.Random(7)
    return "".join(rng.choice("abcXYZ019.,-_/$%()@#'\"&") for _ in range(size))


def _marks(word: str) -> str:
    return "".join(ch + "\u0301\u0308\u0323\u0331\u0360" for ch in word)


HOSTILE: dict[str, str] = {
    "binary-junk": _junk(4_000),
    "binary-junk-latin1": bytes(range(256)).decode("latin-1") * 10,
    "control-characters": "".join(chr(c) for c in (*range(32), *range(127, 160))) * 40 + " 5 t",
    "nul-bytes": "\x00" * 2_000 + "5 t\x00$3\x00" + "\x00" * 2_000,
    "lone-surrogates": "\ud800 5 t \udfff $3 million \udc80\udcff in 2024 " * 50,
    "bom-and-zero-width": "\ufeff\u200b5\u200b t\u00ad \u2060$\u200d3 million " * 100,
    "mixed-scripts": (
        "Месторождение Кундыбай: 5 млн т. \u05de\u05db\u05e8\u05d4 5 t. "
        "\u0645\u0646\u062c\u0645 \u0661\u0662\u0663 \u0637\u0646. \u7a00\u571f 3,000 \u5428. "
    )
    * 40,
    "right-to-left-overrides": "\u202e5 Mt\u202c \u200f$3 million\u200e \u2067Almaty\u2069 " * 99,
    "combining-marks": (_marks("Kuirektykol") + " deposit " + _marks("5 t") + " ") * 40,
    "emoji": "\u26cf\ufe0f\U0001f48e 5 t \U0001f1f0\U0001f1ff \U0001f468\u200d\U0001f469 $3 \u20e3 "
    * 80,
    "unicode-digits": "\u0663 t \u096b km \u0e53 % \uff15 \uff54 \uff04\uff15 million " * 80,
    "ten-thousand-digit-number": "7" * 10_000 + " t and " + "9" * 10_000 + " km",
    "non-finite-numbers": "1e999 t, 1e308 Mt, $1e999 and " + "9" + ",999" * 120 + " t " * 3,
    "ones-and-commas": "1," * 3_000,
    "ones-and-dashes": "1-" * 3_000,
    "ones-and-spaces": "1 " * 3_000,
    "hundred-thousand-dollars": "$" * 100_000,
    "nested-parentheses": "(" * 3_000 + "5 t" + ")" * 3_000,
    "line-without-spaces": _no_spaces(6_000),
    "one-long-word": "Kuirektykol" * 600,
    "crlf-and-cr": "5 t\r\n$3\r2024\r\n" * 200,
    "only-punctuation": ".,;:!?-()[]{}'\"" * 300,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_gives_valid_facts(extractor: Extractor, name: str) -> None:
    text = HOSTILE[name]
    facts = extractor(text)
    assert_valid(text, facts)
    assert "Infinity" not in to_jsonl(facts) and "NaN" not in to_jsonl(facts)


_PIPELINE_HOSTILE = [
    "hundred-thousand-dollars",
    "nested-parentheses",
    "emoji",
    "line-without-spaces",
    "control-characters",
]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return build_pipeline()


@pytest.mark.parametrize("name", _PIPELINE_HOSTILE)
def test_hostile_text_through_the_spacy_pipeline(nlp, extractor: Extractor, name: str) -> None:  # type: ignore[no-untyped-def]
    text = HOSTILE[name]
    doc = nlp(text)
    assert doc.text == text
    assert [to_dict(f) for f in doc._.rareearth_facts] == [to_dict(f) for f in extractor(text)]


@pytest.mark.parametrize(
    ("unit", "before", "after"),
    [
        ("$", True, False),
        ("(", True, False),
        (")", False, True),
        ("\U0001f48e", True, True),
        ("US$", True, False),
        ("_", True, True),
    ],
    ids=["dollars", "open-parens", "close-parens", "emoji", "US-dollars", "underscores"],
)
def test_tokenizer_splits_long_affix_runs_at_once(  # type: ignore[no-untyped-def]
    nlp, unit: str, before: bool, after: bool
) -> None:
    """spaCy strips affixes one at a time, in time quadratic in a run; ours go at once."""
    run = unit * (300 // len(unit))
    if before:
        assert [t.text for t in nlp.make_doc(f"{run}Word")] == [run, "Word"]
    if after:
        assert [t.text for t in nlp.make_doc(f"Word{run}")] == ["Word", run]
    long_run = unit * (20_000 // len(unit))
    texts = [long_run, f"a{long_run}a", " ".join(f"{run}x{i}" for i in range(60))]
    for text in texts:
        assert nlp.make_doc(text).text == text


def test_tokenizer_still_splits_ordinary_punctuation(nlp) -> None:  # type: ignore[no-untyped-def]
    words = [t.text for t in nlp.make_doc('"Hi," (5 t) cost $3.5 million!! 3.88g/t Au')]
    assert words == [
        '"',
        "Hi",
        ",",
        '"',
        "(",
        "5",
        "t",
        ")",
        "cost",
        "$",
        "3.5",
        "million",
        "!",
        "!",
        "3.88",
        "g/t",
        "Au",
    ]


# --- the worst input we could build for each family of patterns --------------------


def _distinct(template: str, count: int) -> str:
    """`template` filled with a new letters-only tag each time ("b", "c", ..., "bc")."""
    return "".join(
        template.format(tag="".join(chr(ord("a") + int(d)) for d in str(i))) for i in range(count)
    )


WORST: dict[str, str] = {
    # numbers.DIGITS and value_pattern
    "numbers/space-thousands-chain": "1" + " 000" * 4_000 + " t",
    "numbers/comma-thousands-chain": "1" + ",000" * 4_000 + " t",
    "numbers/indian-chain": "1" + ",00" * 5_000 + ",000 t",
    "numbers/decimal-points": "1." * 6_000,
    "numbers/words": "twenty-four hundred and a dozen one half " * 300,
    "numbers/scales": "5 million billion thousand mln bn " * 300,
    "numbers/fractions-exponents": "1/2 \u00bd 5 \u00b1 0.2 4.2(3) 2 1/2 1.5e-3 2 x 10^-9 " * 200,
    # quantities, counts, qualifiers
    "quantities/range-chain": "5 to 6 - 7 and 8 through 9 " * 400,
    "quantities/unit-soup": "t/t km2 g/t m-2 s^-1 per tonne oz/t " * 300,
    "quantities/compound-units": "5 t/t/t/t/t/t/t/t/t " * 400,
    "quantities/counts-never-reaching-a-noun": "5 big old new red bright " * 400,
    "quantities/qualifier-stack": "about nearly up to more than ~ > " * 400,
    "quantities/annual-window": ("annual output of the " + "x" * 45 + " 5 t ") * 150,
    # money and rates
    "money/currency-stack": "US$ A$ C$ KZT tenge yuan RMB rubles " * 300,
    "money/ranges": "$1 to $2 - $3 and 4 to 5 million yuan " * 300,
    "money/per-unit": "$5/t/oz/kg per tonne a pound " * 300,
    "money/dollar-statement": "all amounts figures currency are in in " * 300,
    "rates/pairs": "KZT/USD = USD:CAD rate is KZT/USD " * 300,
    "rates/equals-signs": "1 USD = $1 = = = 470 tenge = " * 300,
    # dates
    "dates/soup": "June Q1 H2 first quarter of 12 2025- " * 300,
    "dates/iso-chain": "2024-" * 3_000,
    "dates/years": "2024 2025 1999 2101 " * 600,
    # commodities
    "commodities/symbol-run": "Cu-Au-Ag-Zn-Pb-Ni-Co-" * 600,
    "commodities/symbol-lists": "Nd, Pr, Dy and Tb, " * 600,
    "commodities/oxides": "Li2O Nd2O3 Pr6O11 WO3 U3O8 " * 400,
    "commodities/capitalised": "Gold Rare Earths Iron Lead " * 400,
    # deposits
    "deposits/capital-run": "Abc " * 3_000 + "deposit",
    "deposits/lists-before-a-plural-head": "Abc, Abc, Abc and Abc (gold) deposits, " * 300,
    "deposits/head-before-name": "the tungsten project named Abc Abc " * 300,
    "deposits/dubbed": 'dubbed "Abc Abc," ' * 400 + "the deposit",
    "deposits/titles-between-mentions": (
        "Great Broad Mountain Ridge Plateau\nthe Kuira deposit holds ore.\n"
    )
    * 200,
    "deposits/distinct-names": _distinct("the Zh{tag} deposit. ", 600),
    # organisations
    "organizations/legal-form-chain": "Abc Ltd " * 2_000,
    "organizations/of-chain": "Ministry of Abc of Abc and " * 400,
    "organizations/tickers": "Abc Ltd (ASX: ABC; TSX: AB.C) [ABC-TSXV] " * 300,
    "organizations/definitions": 'Abc Corp ("Abc") (AC) (the "Company") ' * 300,
    "organizations/appositions": "Abc, a state-owned mining company, " * 300,
    "organizations/distinct-names": _distinct("Qa{tag} Ltd said. ", 800),
    # places
    "places/kind-words": "in Karaganda Region Almaty city Shet district " * 300,
    "places/lists": "basins like Abc and Abc, Abc or Abc " * 300,
    "places/towns-before-states": "near Abc Abc, Utah " * 500,
    "places/new-regions-and-a-city": _distinct("Zh{tag} Region, Almaty and Almaty. ", 400),
    # relations
    "relations/intercept-chain": "5 m @ 5 g/t Au, 5 g/t Ag including " * 300,
    "relations/hole-ids": ("Hole ABC" + "-1" * 300 + ": 5 m @ 2 g/t Au ") * 10,
    "relations/categories": "5 Mt measured indicated A+B+C1+C2 P1 " * 300,
    "relations/estimates-with-commodities": "5 Mt of measured gold resources. " * 300,
    # normaliser, sentences, addresses
    "normalize/space-runs": ("5" + " " * 200 + "\u00a0" * 200 + "t ") * 20,
    "normalize/invisible-runs": "5\u200b\u200c\u200d\u00ad\ufeff t " * 600,
    "normalize/footnotes": "5***%\u2020\u2021 t*** " * 600,
    "normalize/boilerplate-lines": "KZT/USD = 0.0019 0%\n" * 500,
    "sentences/break-marks": ". . . !?\"')] A " * 600,
    "addresses/urls-and-emails": "http://a.b/c?d=e www.x.y a.b@c.d x@ " * 300,
    "addresses/at-signs": "a@" * 4_000,
}


@pytest.mark.parametrize("name", list(WORST))
def test_worst_case_for_each_pattern_family(extractor: Extractor, name: str) -> None:
    text = WORST[name]
    facts = extractor(text)
    assert_valid(text, facts)


def test_space_thousands_chain_is_read_in_bounded_groups(extractor: Extractor) -> None:
    text = WORST["numbers/space-thousands-chain"]
    quantities = [f for f in extractor(text) if f.type == "quantity"]
    assert quantities
    assert all(f.text.count(" ") <= 12 for f in quantities)
    assert [f.text for f in extractor("It holds 1 250 000 t of ore.")] == ["1 250 000 t"]


def test_legal_form_chain_does_not_recurse_without_bound(extractor: Extractor) -> None:
    facts = extractor(WORST["organizations/legal-form-chain"])
    assert any(f.type == "organization" for f in facts)


def test_many_spellings_of_one_deposit_keep_few_aliases(extractor: Extractor) -> None:
    accents = ["A", "\u00c1", "\u00c0", "\u00c2", "\u00c4", "\u00c3", "\u00c5", "\u0100"]
    names = [f"{a}{b.lower()}bakyr" for a in accents for b in accents]
    text = " ".join(f"the {name} deposit." for name in names)
    deposits = [f for f in extractor(text) if f.type == "deposit"]
    assert len(deposits) == len(names)
    assert len({f.name for f in deposits}) == 1
    assert all(len(f.aliases) <= 50 for f in deposits)


def test_dense_facts_share_their_sentence_strings(extractor: Extractor) -> None:
    """A fact's sentence is cut at a grid in long sentences: memory grows with the text."""
    text = "5 t " * 10_000
    facts = extractor(text)
    assert len(facts) == 10_000
    assert len({id(f.sentence) for f in facts}) <= 2 * len(text) // CONTEXT_GRID
    assert all(len(f.sentence) <= 2 * 500 + 2 * CONTEXT_GRID + 10 for f in facts)


def test_non_finite_numbers_give_no_fact(extractor: Extractor) -> None:
    facts = extractor("It holds 1e999 t, 1e308 Mt and 5 t.")
    assert [f.text for f in facts if f.type == "quantity"] == ["5 t"]


# --- threads, pickling, processes ---------------------------------------------------


def _texts() -> list[str]:
    return [
        RICH,
        RICH.upper(),
        HOSTILE["mixed-scripts"],
        HOSTILE["emoji"],
        WORST["relations/intercept-chain"][:3_000],
        WORST["organizations/tickers"][:3_000],
        _paragraphs(12),
        "",
    ]


def test_one_extractor_shared_by_eight_threads(extractor: Extractor) -> None:
    texts = _texts()
    serial = [to_jsonl(extractor(t)) for t in texts]
    jobs = texts * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: to_jsonl(extractor(t)), jobs))
    assert results == serial * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        defaults = list(pool.map(lambda t: to_jsonl(extract_facts(t)), jobs))
    assert defaults == serial * 4


def test_pickled_extractor_gives_the_same_facts() -> None:
    extractor = _small_chunks()
    clone = pickle.loads(pickle.dumps(extractor))
    assert clone.chunk_size == extractor.chunk_size
    long_text = _paragraphs(80)
    for text in [*_texts(), long_text]:
        assert to_jsonl(clone(text)) == to_jsonl(extractor(text))
    facts = extractor(RICH)
    assert pickle.loads(pickle.dumps(facts)) == facts


def test_pipe_with_two_processes_gives_the_serial_facts() -> None:
    extractor = _small_chunks()
    texts = [
        *_texts(),
        _paragraphs(80),  # longer than a chunk: extracted in this process, in its place
        HOSTILE["hundred-thousand-dollars"][:20_000],
        HOSTILE["nested-parentheses"],
        HOSTILE["line-without-spaces"],
        HOSTILE["lone-surrogates"],  # spaCy cannot take these: extracted in this process
    ]
    serial = [to_jsonl(extractor(t)) for t in texts]
    parallel = [to_jsonl(f) for f in extractor.pipe(texts, batch_size=2, n_process=2)]
    assert parallel == serial
    assert [to_jsonl(f) for f in extractor.pipe(texts, batch_size=3)] == serial


# --- the same input gives the same bytes ----------------------------------------------

_PROBE = """
import sys
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, {tests!r})
from test_robustness import RICH, _paragraphs
from rareearth_extract import Extractor
from rareearth_extract.serialize import to_jsonl
texts = [RICH, _paragraphs(30)]
extractor = Extractor()
# eight threads on a cold extractor first: lazy set-up must be safe too
with ThreadPoolExecutor(max_workers=8) as pool:
    cold = list(pool.map(lambda t: to_jsonl(extractor(t)), texts * 4))
serial = [to_jsonl(extractor(t)) for t in texts]
assert cold == serial * 4, "threads on a cold extractor differ from serial calls"
sys.stdout.buffer.write("\\x1e".join(serial).encode("utf-8"))
"""


def test_output_is_byte_identical_across_runs_and_processes(extractor: Extractor) -> None:
    texts = [RICH, _paragraphs(30)]
    here = [to_jsonl(extractor(t)) for t in texts]
    assert here == [to_jsonl(extractor(t)) for t in texts]
    assert here == [to_jsonl(Extractor()(t)) for t in texts]
    code = _PROBE.format(tests=str(Path(__file__).parent))
    outputs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, env=env, cwd=REPO, check=False
        )
        assert run.returncode == 0, run.stderr.decode("utf-8", "replace")[-2_000:]
        outputs.append(run.stdout)
    expected = "\x1e".join(here).encode("utf-8")
    assert outputs == [expected] * 2
