"""How extraction time grows with input length, on hostile inputs.

Every input below is built at several sizes (by default 100 KB, 400 KB and
1.6 MB) and extracted with one warm :class:`~rareearth_extract.Extractor`. For
each size the script prints seconds per megabyte, and for each step up in size
the growth ratio of the time (4.0 for a 4x larger input means linear) and the
exponent it implies (1.0 linear, 2.0 quadratic). A row whose exponent exceeds
``--max-exponent`` (1.3) is flagged; ``--check`` makes the exit status say so.

The inputs are the ones robustness is about: binary junk, control characters,
mixed scripts and right-to-left text, combining marks, emoji, 10,000-digit
numbers, "1,1,1,..." runs, 100,000 dollar signs, deep parentheses, a single
line without spaces, and for each family of regular expressions in the package
the worst text we could construct for it (long chains of digit groups, runs of
capitalised words, lists, tickers, URLs, dense facts...). ``--list`` prints them.

    python benchmarks/scaling.py                      # all inputs, 0.1 / 0.4 / 1.6 MB
    python benchmarks/scaling.py --sizes 25000,100000 --only dollars,nested_parens
    python benchmarks/scaling.py --pipeline           # through build_pipeline()'s spaCy Doc too
    python benchmarks/scaling.py --memory             # peak memory on 5 MB documents
    python benchmarks/scaling.py --memory --stream --tracemalloc --memory-only article

A size whose predicted time (from the growth so far) exceeds ``--budget``
seconds is skipped and reported as such, so a superlinear input cannot hang
the run. ``--memory`` extracts each 5 MB document in a fresh subprocess and
reports the process's peak resident size before and after the extraction;
``--stream`` adds the peak when the facts come from ``Extractor.stream`` and
are dropped once seen (the working memory alone), ``--tracemalloc`` the peak
of the Python allocations made during the extraction.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

Generator = Callable[[int], str]


def _tile(unit: str) -> Generator:
    """`unit` repeated to exactly `size` characters."""

    def build(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return build


def _seeded(build: Callable[[random.Random, int], str]) -> Generator:
    """A generator drawing from a fixed seed, so every run builds the same text."""
    return lambda size: build(random.Random(6), size)[:size]


def _binary_junk(rng: random.Random, size: int) -> str:
    data = bytes(rng.getrandbits(8) for _ in range(size))
    return data.decode("utf-8", errors="replace")


def _control(rng: random.Random, size: int) -> str:
    controls = [chr(c) for c in (*range(0, 32), *range(127, 160))]
    pieces = ["5 t", "$3", "2024", "Ab", " ", "\n", "\u2028", "\u2029", "\ufeff", "\u200b"]
    return "".join(rng.choice(controls if rng.random() < 0.7 else pieces) for _ in range(size))


def _mixed_scripts(rng: random.Random, size: int) -> str:
    pieces = [
        "Месторождение Кундыбай 5 млн т",
        "\u05de\u05db\u05e8\u05d4 5 t ",
        "\u0645\u0646\u062c\u0645 \u0661\u0662\u0663 \u0637\u0646 ",
        "\u200f\u202e5 Mt\u202c\u200e ",
        "\u7a00\u571f 3,000 \u5428 ",
        "\u0916\u0928\u0928 12 km ",
        "Kazakhstan ",
        "$4 million ",
        "\u0130stanbul \u0131 ",
    ]
    out: list[str] = []
    total = 0
    while total < size:
        piece = rng.choice(pieces)
        out.append(piece)
        total += len(piece)
    return "".join(out)


def _combining(rng: random.Random, size: int) -> str:
    marks = [chr(c) for c in range(0x300, 0x36F)]
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(["Kuirektykol", "deposit", "5", "t", "Gold", "Ltd"])
        piece = "".join(ch + "".join(rng.choices(marks, k=rng.randint(0, 6))) for ch in word) + " "
        out.append(piece)
        total += len(piece)
    return "".join(out)


def _emoji(rng: random.Random, size: int) -> str:
    pieces = [
        "\u26cf\ufe0f",
        "\U0001f48e",
        "\U0001f1f0\U0001f1ff",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "\U0001f44d\U0001f3fd",
        "5\ufe0f\u20e3",
        " 5 t ",
        " $3 ",
        "\U0001f4b0",
    ]
    out: list[str] = []
    total = 0
    while total < size:
        piece = rng.choice(pieces)
        out.append(piece)
        total += len(piece)
    return "".join(out)


def _no_spaces(rng: random.Random, size: int) -> str:
    alphabet = "abcXYZ019.,-_/$%()@#'\"&"
    return "".join(rng.choice(alphabet) for _ in range(size))


def _nested_parens(size: int) -> str:
    depth = (size - 3) // 2
    return "(" * depth + "5 t" + ")" * (size - 3 - depth)


def _article(rng: random.Random, size: int) -> str:
    """Varied mining news, written for this benchmark (no line repeats verbatim)."""
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        i += 1
        n = rng.randint(2, 900)
        paragraph = (
            f"ALMATY, March {i % 28 + 1}, 2025 - Zhetisu Minerals LLP (KASE: ZM{i}) said the "
            f"Kyzyltas-{i} rare earth deposit in the Karaganda Region holds {n},{i % 1000:03d} "
            f"tonnes of ore at {n % 9 + 1}.{i % 10}% TREO, including {n % 50 + 1} Mt of measured "
            f"resources. The company will spend KZT{n} billion (${i % 90 + 5}.{i % 10} million) "
            f"on {n % 12 + 2} drill holes; hole ZK-{i} returned {n % 30 + 1}.5 m @ "
            f"{n % 7 + 1}.2 g/t Au from {n % 200 + 10} m. Output rose {n % 40}% to "
            f"{n * 3} tpa in Q{i % 4 + 1} {2000 + i % 30}.\n\n"
        )
        out.append(paragraph)
        total += len(paragraph)
    return "".join(out)


def _distinct(template: str) -> Generator:
    """`template` with an increasing counter written in letters, so no name repeats."""

    def build(size: int) -> str:
        out: list[str] = []
        total = 0
        i = 0
        while total < size:
            i += 1
            tag = "".join(chr(ord("a") + int(d)) for d in str(i))
            piece = template.format(tag=tag, n=i)
            out.append(piece)
            total += len(piece)
        return "".join(out)[:size]

    return build


#: name -> (what it is, generator of a text of a given length)
HOSTILE: dict[str, tuple[str, Generator]] = {
    # --- realistic baseline
    "article": ("varied mining news paragraphs (baseline)", _seeded(_article)),
    # --- the list
    "binary_junk": ("random bytes decoded with replacement characters", _seeded(_binary_junk)),
    "control_chars": ("C0/C1 controls, separators, BOM, mixed with facts", _seeded(_control)),
    "mixed_scripts_rtl": (
        "Cyrillic, Hebrew, Arabic digits, RTL overrides, CJK",
        _seeded(_mixed_scripts),
    ),
    "combining_marks": ("words under stacks of combining marks", _seeded(_combining)),
    "emoji": ("emoji, ZWJ sequences, flags, skin tones, keycaps", _seeded(_emoji)),
    "digits_10k": ("10,000-digit numbers followed by a unit", _tile("7" * 10_000 + " t ")),
    "ones_commas": ('"1,1,1,1,..."', _tile("1,")),
    "ones_dashes": ('"1-1-1-1-..."', _tile("1-")),
    "ones_spaces": ('"1 1 1 1 ..."', _tile("1 ")),
    "dollars": ('"$$$$..." (100,000 and more dollar signs)', _tile("$")),
    "nested_parens": ("one deep nest of parentheses around a fact", _nested_parens),
    "one_line_no_spaces": (
        "a single line of letters, digits and signs, no spaces",
        _seeded(_no_spaces),
    ),
    # --- numbers (numbers.DIGITS, value_pattern, number words, scales)
    "space_thousands_chain": (
        '"1 000 000 000 ..." one endless digit-group chain',
        _tile("1" + " 000" * 400_000 + " t\n"),
    ),
    "comma_thousands_chain": ('"1,000,000,..." endless', _tile("1" + ",000" * 400_000 + " t ")),
    "indian_chain": ('"1,00,00,00,..." endless', _tile("1" + ",00" * 500_000 + ",000 t ")),
    "decimal_points": ('"1.1.1.1..."', _tile("1.")),
    "number_words": (
        '"twenty-four hundred a dozen ..."',
        _tile("twenty-four hundred a dozen one "),
    ),
    "scale_words": ('"5 million million billion ..."', _tile("5 million billion thousand mln bn ")),
    "fractions_uncertainty": ('"1/2 ½ 5 ± 0.2 4.2(3) ..."', _tile("1/2 ½ 5 ± 0.2 4.2(3) 2 1/2 ")),
    # --- quantities, counts, qualifiers
    "range_chain": ('"5 to 6 to 7 - 8 and ..."', _tile("5 to 6 - 7 and 8 through ")),
    "unit_soup": (
        "units glued and compounded without numbers",
        _tile("t/t km2 g/t m-2 s^-1 per tonne oz/t "),
    ),
    "dense_quantities": ('"5 t 5 t ..." a fact every 4 characters', _tile("5 t ")),
    "count_words": ('"5 big old new red ..." never reaching a noun', _tile("5 big old new red ")),
    "qualifier_stack": (
        '"about nearly up to more than ..."',
        _tile("about nearly up to more than ~ > "),
    ),
    "annual_window": (
        '"annual annual ... 5 t"',
        _tile("annual output of the " + "x" * 40 + " 5 t "),
    ),
    # --- money and rates
    "currency_stack": (
        '"US$ A$ KZT tenge yuan ..."',
        _tile("US$ A$ C$ KZT tenge yuan RMB rubles "),
    ),
    "money_ranges": ('"$1 to $2 to $3 ..."', _tile("$1 to $2 - $3 and ")),
    "exchange_pairs": ('"KZT/USD = KZT/USD = ..."', _tile("KZT/USD = USD:CAD rate ")),
    "equals_signs": ('"1 USD = = = $1 = ..."', _tile("1 USD = $1 = = ")),
    "dollar_rates": ('"5 tenge a dollar per dollar ..."', _tile("5 tenge a dollar per dollar ")),
    "dollar_statement": (
        '"all amounts are in ..." never naming a dollar',
        _tile("all amounts figures currency are in in "),
    ),
    "interleaved_facts": ("money, quantities and dates alternating", _tile("$5 and 5 t in 2024, ")),
    # --- dates
    "date_soup": (
        '"June June Q1 H2 first quarter of ..."',
        _tile("June Q1 H2 first quarter of 12 "),
    ),
    "year_runs": ('"2024 2025 2026 ..."', _tile("2024 2025 1999 2101 ")),
    "iso_dates": ('"2024-2024-2024-..."', _tile("2024-")),
    # --- commodities
    "symbol_runs": ('"Cu-Au-Ag-Zn-Pb-..."', _tile("Cu-Au-Ag-Zn-Pb-Ni-Co-")),
    "symbol_lists": ('"Nd, Pr, Dy and Tb, ..."', _tile("Nd, Pr, Dy and Tb, ")),
    "oxides": ('"Li2O Nd2O3 Pr6O11 ..."', _tile("Li2O Nd2O3 Pr6O11 WO3 U3O8 ")),
    "capital_commodities": ('"Gold Gold Gold ..." in prose', _tile("Gold Rare Earths Iron ")),
    # --- names: deposits, organisations, places
    "capital_runs": ('"Abc Abc Abc ..." one endless run of capitals', _tile("Abc ")),
    "capital_lines": (
        "capitalised words broken into long wrapped lines",
        _tile(("Abc " * 20) + "\n"),
    ),
    "legal_forms_chain": ('"Abc Ltd Abc Ltd ..."', _tile("Abc Ltd ")),
    "of_chains": ('"Ministry of Abc of Abc and ..."', _tile("Ministry of Abc of Abc and ")),
    "deposit_lists": (
        '"Abc, Abc and Abc deposits, ..."',
        _tile("Abc, Abc, Abc and Abc (gold) deposits, "),
    ),
    "titles_and_deposits": (
        "headline lines between deposit sentences",
        _tile("Great Broad Mountain Ridge Plateau\nthe Kuira deposit holds ore.\n"),
    ),
    "deposit_heads": ('"the Abc deposit Abc deposit ..."', _tile("the Abc deposit Abc ")),
    "distinct_deposits": ("a new deposit name every few words", _distinct("the Zh{tag} deposit. ")),
    "distinct_companies": ("a new company name every few words", _distinct("Qa{tag} Ltd said. ")),
    "tickers": ('"(ASX: ABC) (TSX: AB.C) ..."', _tile("Abc Ltd (ASX: ABC; TSX: AB.C) ")),
    "definitions": ('"Abc Corp ("Abc") (AC) ..."', _tile('Abc Corp ("Abc") (AC) ')),
    "place_runs": (
        '"Karaganda Region Almaty city ..."',
        _tile("in Karaganda Region Almaty city Utah, "),
    ),
    "place_lists": ('"basins like Abc and Abc ..."', _tile("basins like Abc and Abc, Abc or Abc ")),
    "districts_and_cities": (
        "a new region name, then a known city",
        _distinct("Zh{tag} Region, Almaty and Almaty. "),
    ),
    "towns_before_states": ('"near Abc Abc, Utah" again and again', _tile("near Abc Abc, Utah ")),
    # --- relations
    "intercept_chain": (
        '"5 m @ 5 g/t Au, 5 g/t Ag including ..."',
        _tile("5 m @ 5 g/t Au, 5 g/t Ag including "),
    ),
    "hole_ids": ('"Hole ABC-1-1-1-..."', _tile("Hole ABC" + "-1" * 500 + ": ")),
    "estimates_commodities": (
        "resource statements, each naming a commodity",
        _tile("5 Mt of measured gold resources. "),
    ),
    "category_soup": (
        '"5 Mt measured indicated A+B+C1 ..."',
        _tile("5 Mt measured indicated A+B+C1+C2 "),
    ),
    # --- normaliser, sentences, addresses
    "space_runs": (
        "runs of spaces and no-break spaces",
        _tile("5" + " " * 50 + "\u00a0" * 50 + "t"),
    ),
    "invisible_runs": (
        "zero-width characters and soft hyphens",
        _tile("5\u200b\u200c\u200d\u00ad\ufeff t "),
    ),
    "footnote_marks": ('"5***% t*** ..."', _tile("5***%\u2020\u2021 t*** ")),
    "boilerplate_lines": ("the same short line over and over", _tile("KZT/USD = 0.0019 0%\n")),
    "distinct_lines": ("a new short line every time", _distinct("line {tag} 5 t\n")),
    "sentence_marks": ('". . . !?"\')]" ..."', _tile(". . . !?\"')] A ")),
    "urls": ('"http://www.www.www..." and emails', _tile("http://a.b/c?d=e www.x.y a.b@c.d x@ ")),
    "at_signs": ('"a@a@a@a..."', _tile("a@")),
    "bare_at_signs": ('"@@@@..."', _tile("@")),
    "long_local_parts": ("e-mail local parts longer than an address", _tile("x" * 300 + "@a.b ")),
}


def _bench_one(extract: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    extract(text)
    return time.perf_counter() - start


def _fmt_size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1e3:.0f} KB"


def run_scaling(
    names: list[str],
    sizes: list[int],
    *,
    budget: float,
    max_exponent: float,
    pipeline: bool,
) -> list[dict[str, object]]:
    """Time every named input at every size; return one record per input."""
    from rareearth_extract import Extractor, build_pipeline

    extractor = Extractor()
    extractor("Warm-up: the Kuirektykol deposit holds 5 Mt at 2% TREO worth $5 million.")
    paths: list[tuple[str, Callable[[str], object]]] = [("extractor", extractor)]
    if pipeline:
        nlp = build_pipeline()
        nlp.max_length = max(sizes) + 1
        nlp("Warm-up: 5 Mt.")
        paths.append(("pipeline", nlp))
    records = []
    header = f"{'input':24} {'path':9} " + " ".join(f"{_fmt_size(s):>10}" for s in sizes)
    print(header + "   growth (ratio / exponent)")
    for name in names:
        description, build = HOSTILE[name]
        for path, extract in paths:
            times: list[float | None] = []
            exponent = 1.0
            for i, size in enumerate(sizes):
                if i:
                    prev = times[-1]
                    if prev is None or prev * (size / sizes[i - 1]) ** exponent > budget:
                        times.append(None)
                        continue
                text = build(size)
                times.append(_bench_one(extract, text))
                if i and times[-2]:
                    ratio = (times[-1] or 0.0) / (times[-2] or 1e-9)
                    exponent = max(1.0, math.log(max(ratio, 1e-9)) / math.log(size / sizes[i - 1]))
            rates = [
                f"{t / (s / 1e6):8.2f}s/MB" if t is not None else f"{'skipped':>12}"
                for t, s in zip(times, sizes, strict=True)
            ]
            growth_notes = []
            exponents = []
            for i in range(1, len(sizes)):
                a, b = times[i - 1], times[i]
                if a is None or b is None:
                    continue
                ratio = b / a if a > 0 else float("inf")
                exponent = math.log(ratio) / math.log(sizes[i] / sizes[i - 1]) if ratio > 0 else 0.0
                exponents.append(exponent)
                growth_notes.append(f"{ratio:5.1f}x / {exponent:4.2f}")
            flag = ""
            if exponents and exponents[-1] > max_exponent:
                flag = "  SUPERLINEAR?"
            if any(t is None for t in times):
                flag += "  (over budget)"
            print(
                f"{name:24} {path:9} {' '.join(rates)}   {'; '.join(growth_notes)}{flag}",
                flush=True,
            )
            records.append(
                {
                    "input": name,
                    "description": description,
                    "path": path,
                    "sizes": sizes,
                    "seconds": times,
                    "seconds_per_mb": [
                        None if t is None else t / (s / 1e6)
                        for t, s in zip(times, sizes, strict=True)
                    ],
                    "exponents": exponents,
                    "flagged": bool(flag),
                }
            )
    return records


_MEMORY_PROBE = r"""
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {repo!r})
from benchmarks.scaling import HOSTILE
from rareearth_extract import Extractor
extractor = Extractor()
extractor("Warm-up: the Kuirektykol deposit holds 5 Mt at 2% TREO worth $5 million.")
text = HOSTILE[{name!r}][1]({size})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if {traced!r}:
    tracemalloc.start()
start = time.perf_counter()
if {stream!r}:  # 64 KB pieces, facts dropped as they come (as a writer of JSON Lines)
    pieces = (text[i : i + 65536] for i in range(0, len(text), 65536))
    count = sum(1 for _ in extractor.stream(pieces))
else:
    count = len(extractor(text))
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if {traced!r} else None
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"facts": count, "seconds": seconds, "tracemalloc_peak": peak,
                  "maxrss_before_kb": before, "maxrss_after_kb": after}}))
"""


def _probe(name: str, size: int, *, traced: bool, stream: bool = False) -> dict[str, float]:
    code = _MEMORY_PROBE.format(repo=str(REPO), name=name, size=size, traced=traced, stream=stream)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    record: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return record


def run_memory(
    names: list[str], size: int, *, traced: bool, stream: bool
) -> list[dict[str, object]]:
    """Peak memory of extracting each named input at `size`, in fresh processes.

    The peak resident set size is measured without tracing (which would inflate
    it): for ``extractor(text)``, which holds the list of facts at the end, and,
    with `stream`, for ``extractor.stream(pieces)`` with each fact dropped once
    seen (the working memory alone). With `traced`, another process reports
    tracemalloc's peak of the Python allocations made during the call.
    """
    records: list[dict[str, object]] = []
    head = f"{'input':24} {'size':>8} {'facts':>8} {'seconds':>8} {'RSS before':>11}"
    head += f" {'peak RSS':>9}" + (f" {'streamed':>9}" if stream else "")
    print(head + (f" {'tracemalloc peak':>17}" if traced else ""))
    for name in names:
        call = _probe(name, size, traced=False)
        line = (
            f"{name:24} {_fmt_size(size):>8} {call['facts']:>8} {call['seconds']:>8.1f} "
            f"{call['maxrss_before_kb'] / 1e3:>8.0f} MB {call['maxrss_after_kb'] / 1e3:>6.0f} MB"
        )
        record: dict[str, object] = {"input": name, "size": size, "call": call}
        if stream:
            streamed = _probe(name, size, traced=False, stream=True)
            record["stream"] = streamed
            line += f" {streamed['maxrss_after_kb'] / 1e3:>6.0f} MB"
        if traced:
            peak = _probe(name, size, traced=True)["tracemalloc_peak"]
            record["tracemalloc_peak"] = peak
            line += f" {peak / 1e6:>14.1f} MB"
        print(line, flush=True)
        records.append(record)
    return records


def _names(only: str | None) -> Iterator[str]:
    if not only:
        yield from HOSTILE
        return
    for name in only.split(","):
        if name not in HOSTILE:
            raise SystemExit(f"unknown input {name!r}; --list shows them")
        yield name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="100000,400000,1600000", help="comma-separated sizes in characters"
    )
    parser.add_argument("--only", help="comma-separated input names (default: all)")
    parser.add_argument(
        "--budget", type=float, default=240.0, help="skip a size predicted to take longer (s)"
    )
    parser.add_argument(
        "--max-exponent", type=float, default=1.3, help="flag growth above this exponent"
    )
    parser.add_argument(
        "--pipeline", action="store_true", help="also time build_pipeline()'s nlp(text)"
    )
    parser.add_argument(
        "--memory", action="store_true", help="measure peak memory on --memory-size documents"
    )
    parser.add_argument("--memory-size", type=int, default=5_000_000)
    parser.add_argument("--memory-only", default="article,one_line_no_spaces,dense_quantities")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="with --memory, also trace Python allocations"
    )
    parser.add_argument(
        "--stream", action="store_true", help="with --memory, also measure Extractor.stream"
    )
    parser.add_argument("--json", help="write the records to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when an input is flagged")
    parser.add_argument("--list", action="store_true", help="list the inputs and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, (description, _) in HOSTILE.items():
            print(f"{name:24} {description}")
        return 0
    results: dict[str, object] = {}
    flagged = False
    if args.memory:
        results["memory"] = run_memory(
            list(_names(args.memory_only)),
            args.memory_size,
            traced=args.tracemalloc,
            stream=args.stream,
        )
    else:
        sizes = [int(s) for s in args.sizes.split(",")]
        records = run_scaling(
            list(_names(args.only)),
            sizes,
            budget=args.budget,
            max_exponent=args.max_exponent,
            pipeline=args.pipeline,
        )
        results["scaling"] = records
        per_mb = [
            (
                max((r for r in rec["seconds_per_mb"] if r is not None), default=0.0),
                rec["input"],
                rec["path"],
            )  # type: ignore[union-attr]
            for rec in records
        ]
        worst = max(per_mb) if per_mb else None
        if worst is not None:
            print(f"\nslowest per megabyte: {worst[1]} ({worst[2]}), {worst[0]:.2f} s/MB")
        flagged = any(rec["flagged"] for rec in records)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 1 if args.check and flagged else 0


if __name__ == "__main__":
    raise SystemExit(main())
