"""Speed and memory of rareearth_extract beside the tools users would pick instead.

    python benchmarks/speed.py                       # the table
    python benchmarks/speed.py --json benchmarks/results/speed.json
    python benchmarks/speed.py --words 200000 --rounds 5

Texts: the dev gold texts (``../shared/eval/gold/dev-*.jsonl``) and the
bundled ``examples/*.txt``, repeated until the corpus holds at least
``--words`` words (whitespace-separated). Measured in one run, on the same
texts, one call per text:

(a) a bare ``spacy.blank("en")`` pipeline (tokenizing only);
(b) full extraction, ``rareearth_extract.Extractor()(text)``;
(c) quantulum3's ``parser.parse(text)`` (an optional extra: ``pip install -e ".[bench]"``),
    on one copy of the texts (it is too slow for the whole corpus);
(d) ``Extractor().pipe(texts, n_process=2)`` (a pool of two worker processes).

(a) and (b) run in alternating rounds and each keeps its best round, so that
load from other processes bends both alike; words per second of (a), (b) and (c)
are of this process's CPU time (steadier than the wall clock on a shared
machine), those of (d) of wall-clock time (its work is in other processes). Peak
memory is the resident set size of a separate process that extracts
the corpus (``resource.getrusage``); cold start is the wall time of a whole
``python -c`` process that imports the package and extracts one sentence
(best and median of five).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import textwrap
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "eval" / "gold"
COLD_TEXT = "The Kuirektykol deposit holds 935,400 tons of ore worth KZT29 billion ($55.9 million)."


def load_texts() -> list[str]:
    """The dev gold texts and the bundled examples (a message when the gold is absent)."""
    texts = []
    dev = sorted(GOLD.glob("dev-*.jsonl"))
    if not dev:
        note = f"note: no dev gold texts in {GOLD}; using the bundled examples only"
        print(note, file=sys.stderr)
    for path in dev:
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    return texts


def words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


def corpus_of(texts: list[str], at_least: int) -> list[str]:
    """`texts` repeated until they hold `at_least` words."""
    per_copy = words(texts)
    copies = max(1, -(-at_least // per_copy))
    return texts * copies


def timed(run: Callable[[], object]) -> float:
    """Wall-clock seconds of `run` (for whole processes and process pools)."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def cpu_timed(run: Callable[[], object]) -> float:
    """CPU seconds of this process spent in `run`: on a shared machine, less bent by
    other processes than the wall clock."""
    started = time.process_time()
    run()
    return time.process_time() - started


def _child(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def peak_memory(n_words: int) -> dict[str, float]:
    """Peak resident memory (MB) of a process that extracts the whole corpus."""
    code = f"""
        import json, resource, sys
        sys.path.insert(0, {str(REPO)!r})
        from benchmarks.speed import corpus_of, load_texts
        from rareearth_extract import Extractor
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        extractor = Extractor()
        facts = 0
        for text in corpus_of(load_texts(), {n_words}):
            facts += len(extractor(text))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({{"peak_mb": peak / 1024, "start_mb": before / 1024, "facts": facts}}))
    """
    result: dict[str, float] = json.loads(_child(code))
    return result


def cold_start(times: int = 5) -> dict[str, float]:
    """Wall time of a whole process: interpreter, import, first extraction."""
    code = f"""
        from rareearth_extract import Extractor
        Extractor()({COLD_TEXT!r})
    """
    runs = [timed(lambda: _child(code)) for _ in range(times)]
    return {"best_s": min(runs), "median_s": statistics.median(runs)}


def measure(n_words: int, rounds: int, *, quantulum: bool = True) -> dict[str, object]:
    import spacy

    from rareearth_extract import Extractor

    texts = load_texts()
    corpus = corpus_of(texts, n_words)
    n = words(corpus)
    nlp = spacy.blank("en")
    extractor = Extractor()
    for text in texts:  # warm up: patterns compiled, tables loaded
        nlp(text)
        extractor(text)

    def blank() -> None:
        for text in corpus:
            nlp(text)

    def full() -> None:
        for text in corpus:
            extractor(text)

    blank_runs, full_runs = [], []
    for _ in range(rounds):
        blank_runs.append(cpu_timed(blank))
        full_runs.append(cpu_timed(full))
    results: dict[str, object] = {
        "words": n,
        "texts": len(corpus),
        "rounds": rounds,
        "blank_tokenizer_wps": n / min(blank_runs),
        "extractor_wps": n / min(full_runs),
        "ratio_rounds": [b / f for b, f in zip(blank_runs, full_runs, strict=True)],
    }
    pipe_seconds = timed(lambda: sum(1 for _ in extractor.pipe(corpus, n_process=2)))
    results["pipe2_wps"] = n / pipe_seconds
    if quantulum:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from quantulum3 import parser

                parser.parse("warm up with 5 kg")
                q_seconds = cpu_timed(lambda: [parser.parse(t) for t in texts])
            results["quantulum3_wps"] = words(texts) / q_seconds
            results["quantulum3_words"] = words(texts)
            ours_same = min(cpu_timed(lambda: [extractor(t) for t in texts]) for _ in range(3))
            results["extractor_wps_same_texts"] = words(texts) / ours_same
        except ImportError:
            results["quantulum3_wps"] = None
            results["quantulum3_note"] = "quantulum3 not installed (pip install -e '.[bench]')"
    return results


def report(results: dict[str, object]) -> str:
    """The speed table and the headline figures, as Markdown."""
    blank = float(results["blank_tokenizer_wps"])  # type: ignore[arg-type]
    full = float(results["extractor_wps"])  # type: ignore[arg-type]
    rows = [
        ("(a) bare `spacy.blank(\"en\")` tokenizer", blank, ""),
        ("(b) rareearth_extract `Extractor()(text)`", full, ""),
        ("(d) `Extractor().pipe(texts, n_process=2)`", float(results["pipe2_wps"]), ""),  # type: ignore[arg-type]
    ]
    q = results.get("quantulum3_wps")
    if q:
        rows.insert(2, ("(c) quantulum3 `parser.parse(text)`", float(q), "one copy of the texts"))  # type: ignore[arg-type]
    lines = [
        "| tool | words/s | vs bare tokenizer | note |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, wps, note in rows:
        lines.append(f"| {name} | {wps:,.0f} | {wps / blank:.2f} | {note} |")
    mem = results.get("memory", {})
    cold = results.get("cold_start", {})
    lines.append("")
    lines.append(
        f"Corpus: {results['words']:,} words in {results['texts']} texts; "
        f"best of {results['rounds']} alternating rounds for (a) and (b)."
    )
    lines.append("")
    ratios = results["ratio_rounds"]
    lines.append(
        f"- full extraction / bare tokenizer: **{full / blank:.2f}** "
        f"(median of the rounds {statistics.median(ratios):.2f}; target >= 0.30)"  # type: ignore[arg-type]
    )
    if q:
        same = float(results["extractor_wps_same_texts"])  # type: ignore[arg-type]
        lines.append(f"- full extraction / quantulum3: **{same / float(q):.0f}x** (target >= 20x)")  # type: ignore[arg-type]
    else:
        lines.append(f"- quantulum3: {results.get('quantulum3_note', 'not measured')}")
    if mem:
        lines.append(
            f"- peak memory of a process extracting the corpus: **{mem['peak_mb']:.0f} MB** "  # type: ignore[index]
            f"(target <= 300 MB)"
        )
    if cold:
        lines.append(
            f"- cold start (interpreter, import, first extraction): **{cold['best_s']:.2f} s** "  # type: ignore[index]
            f"best, {cold['median_s']:.2f} s median of 5 (target <= 2.5 s)"  # type: ignore[index]
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=200_000, help="corpus size (default 200,000)")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds of (a) and (b)")
    ap.add_argument("--no-quantulum", action="store_true", help="do not run quantulum3")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    results = measure(args.words, args.rounds, quantulum=not args.no_quantulum)
    results["memory"] = peak_memory(args.words)
    results["cold_start"] = cold_start()
    print(report(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
