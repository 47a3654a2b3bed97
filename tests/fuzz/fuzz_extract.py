"""A time-bounded fuzzing run of extraction (CI runs it for about 90 seconds).

    python tests/fuzz/fuzz_extract.py --seconds 90 [--seed 7]

Two fuzzers take turns until the time is up:

* the hypothesis properties of ``tests/test_robustness_properties.py``, run over
  and over with fresh random examples (hypothesis shrinks a failure to a small
  example, prints it, and the run stops with it);
* a mutation fuzzer: mining news written for this script, cut, repeated,
  spliced with runs of hostile fragments, random code points, surrogates and
  decoded random bytes, then extracted and checked the same way. Each example
  is timed, and one slower than ``--slow-ms-per-kb`` (with a floor of
  ``--slow-floor`` seconds) is a failure too: the sign of time that grows
  faster than the text.

The exit status is 0 when nothing failed. The last lines say how many examples
ran and the slowest one per kilobyte.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent


def _importable() -> None:
    """Make the package checkout and the test modules importable (run as a script)."""
    for path in (str(REPO), str(TESTS)):
        if path not in sys.path:
            sys.path.insert(0, path)


SEEDS = [
    "ASTANA, May 14, 2025 - Qazaq Tungsten LLP (KASE: QTNG) said its Zhosaly tungsten deposit "
    "in the Ulytau Region holds 12.4 Mt at 0.31% WO3 of indicated resources.\n",
    "The company will spend KZT18 billion ($35.2 million) on 42 drill holes; hole AKB-017 "
    "returned 14.5 m @ 2.7 g/t Au from 61 m, including 3.2 m @ 9.1 g/t Au.\n\n",
    "KZT/USD = 0.00195 -0.4%\nLanthanum, cerium and neodymium oxide prices rose 3% in Q1 2025.\n",
    "Output should reach 250,000 tpa by the second half of 2027, about 1,200 km from Almaty, "
    "between 5 and 10 t a day, up to 300 m deep, 1 250 000 t of ore at 2 014.4 ppm TREO.\n",
    "The Karasu, Zhosaly and Upper Kairakty (tungsten) deposits of Tobyl Metals JSC, a "
    'state-owned company ("Tobyl"), lie near Arkalyk, Kostanay Region; All dollar amounts '
    "are in Canadian dollars. C1 reserves of 12 Mt and A+B+C1 of 4.5 Mt.\n",
]


def _mutate(rng: random.Random) -> str:
    """One example: seed text cut, repeated and spliced with hostile material."""
    _importable()
    from test_robustness_properties import FRAGMENTS

    parts: list[str] = []
    for _ in range(rng.randint(1, 12)):
        kind = rng.random()
        if kind < 0.3:
            seed = rng.choice(SEEDS)
            a = rng.randrange(len(seed))
            b = rng.randrange(a, len(seed) + 1)
            parts.append(seed[a:b] * rng.choice([1, 1, 2, 5, 40]))
        elif kind < 0.55:
            parts.append(rng.choice(FRAGMENTS) * rng.choice([1, 2, 3, 10, 100, 1_000]))
        elif kind < 0.7:
            parts.append("".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 30))))
        elif kind < 0.8:
            data = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))
            parts.append(data.decode(rng.choice(["utf-8", "latin-1", "utf-16"]), errors="replace"))
        elif kind < 0.9:
            parts.append(rng.choice(SEEDS))
        else:
            unit = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 4)))
            parts.append(unit * rng.randint(10, 400))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=90.0, help="how long to fuzz")
    parser.add_argument("--seed", type=int, default=None, help="seed of the mutation fuzzer")
    parser.add_argument("--slow-ms-per-kb", type=float, default=1_000.0)
    parser.add_argument("--slow-floor", type=float, default=5.0)
    args = parser.parse_args(argv)
    _importable()

    import test_robustness_properties as props

    from rareearth_extract import extract_facts

    properties = [
        props.test_hostile_text_never_raises_and_offsets_hold,
        props.test_decoded_binary_never_raises_and_offsets_hold,
        props.test_neutral_prefix_shifts_offsets_and_keeps_values,
        props.test_chunked_extraction_keeps_the_properties,
        props.test_streamed_pieces_give_the_facts_of_the_whole,
    ]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    print(f"fuzzing for {args.seconds:.0f} s (mutation seed {seed})", flush=True)
    extract_facts("warm-up: 5 t of ore")
    deadline = time.monotonic() + args.seconds
    rounds = examples = 0
    slowest = (0.0, 0, "")  # milliseconds per KB, length, the text's start
    turn = 0
    while time.monotonic() < deadline:
        prop = properties[turn % len(properties)]
        turn += 1
        try:
            prop()
        except Exception:
            traceback.print_exc()
            print(f"FAILED: {prop.__name__} (see the falsifying example above)")
            return 1
        rounds += 1
        batch_end = min(deadline, time.monotonic() + 5.0)
        while time.monotonic() < batch_end:
            text = _mutate(rng)
            start = time.perf_counter()
            try:
                facts = extract_facts(text)
                props.check(text, facts)
            except Exception:
                traceback.print_exc()
                print(f"FAILED on a mutated text (seed {seed}): {text[:2_000]!r}")
                return 1
            seconds = time.perf_counter() - start
            examples += 1
            ms_per_kb = seconds * 1e6 / max(len(text), 1)
            if ms_per_kb > slowest[0] and len(text) >= 200:
                slowest = (ms_per_kb, len(text), repr(text[:60]))
            if seconds > max(args.slow_floor, len(text) * args.slow_ms_per_kb / 1e6):
                print(
                    f"FAILED: {seconds:.1f} s for {len(text)} characters (seed {seed}): "
                    f"{text[:2_000]!r}"
                )
                return 1
    print(
        f"ok: {rounds} rounds of the hypothesis properties and {examples} mutated texts; "
        f"slowest {slowest[0]:.1f} ms/KB ({slowest[1]} characters: {slowest[2]}...)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
