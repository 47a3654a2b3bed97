"""Write ``docs/benchmarks.md`` and ``docs/throughput.png`` from fresh benchmark runs.

    python benchmarks/report.py              # runs accuracy.py and speed.py (minutes)
    python benchmarks/report.py --from-json  # rebuilds the page from benchmarks/results/

Needs the ``bench`` extra (``pip install -e ".[bench]"``: quantulum3, matplotlib)
and, for the accuracy table, the other projects' suites in ``../shared/external``.
The figures are also kept as JSON in ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import accuracy, speed
from benchmarks.adapters.common import Result

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
PAGE = REPO / "docs" / "benchmarks.md"
PLOT = REPO / "docs" / "throughput.png"


def plot(results: dict[str, object], path: Path) -> None:
    """A bar chart of words per second, log scale, one bar per tool."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bars = [
        ('bare spacy.blank("en")\ntokenizer', results["blank_tokenizer_wps"]),
        ("rareearth_extract\nExtractor()(text)", results["extractor_wps"]),
        ("rareearth_extract\n.pipe(n_process=2)", results["pipe2_wps"]),
    ]
    if results.get("quantulum3_wps"):
        bars.append(("quantulum3\nparser.parse(text)", results["quantulum3_wps"]))
    labels = [b[0] for b in bars]
    values = [float(b[1]) for b in bars]  # type: ignore[arg-type]
    colours = ["#9e9e9e", "#00897b", "#4db6ac", "#e57373"][: len(bars)]
    fig, ax = plt.subplots(figsize=(8, 3.6), dpi=120)
    ax.barh(labels[::-1], values[::-1], color=colours[::-1])
    ax.set_xscale("log")
    ax.set_xlabel("words per second (log scale; higher is faster)")
    for y, v in enumerate(values[::-1]):
        ax.text(v * 1.05, y, f"{v:,.0f}", va="center", fontsize=9)
    ax.set_xlim(right=max(values) * 4)
    ax.set_title(f"Throughput on {results['words']:,} words of mining news", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _results_from(payload: list[dict[str, object]]) -> list[Result]:
    out = []
    for item in payload:
        item = dict(item)
        item["failures"] = []
        out.append(Result(**item))  # type: ignore[arg-type]
    return out


def page(acc: list[Result], spd: dict[str, object]) -> str:
    """The Markdown page."""
    when = time.strftime("%Y-%m-%d")
    machine = f"{platform.python_implementation()} {platform.python_version()}, "
    machine += f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}"
    lines = [
        "# Benchmarks",
        "",
        "Regenerate this page and its picture with one command (from the repository root,",
        'after `pip install -e ".[bench]"`, with the other projects\' suites in',
        "`../shared/external`):",
        "",
        "```sh",
        "python benchmarks/report.py",
        "```",
        "",
        "It runs `benchmarks/accuracy.py` and `benchmarks/speed.py` (each can be run on",
        "its own; `--help` says how) and keeps their figures in `benchmarks/results/`.",
        f"Last run {when} on {machine}.",
        "",
        "## Speed",
        "",
        speed.report(spd),
        "",
        "![Throughput: words per second of each tool](throughput.png)",
        "",
        "How it is measured: the dev gold texts and the bundled example, repeated to at",
        "least 200,000 words, one call per text. The bare tokenizer and the full",
        "extraction run in alternating rounds and each keeps its best, so load from other",
        "processes bends both alike. quantulum3 (0.10, without its optional classifier)",
        "reads one copy of the texts, and the ratio to it compares words per second on",
        "those same texts. Words per second of (a), (b) and (c) are of the benchmark",
        "process's CPU time (steadier than the wall clock on a shared machine); those of",
        "`pipe(n_process=2)` are of the wall clock, and include starting the two worker",
        "processes and sending the facts back. Peak memory is the resident set size of a",
        "process that extracts the whole corpus; cold start is a whole `python -c`",
        "process: interpreter, import, and the first extraction (which compiles the",
        "patterns and loads the tables).",
        "",
        "## Accuracy on other projects' suites",
        "",
        "Each suite is read by a small adapter in `benchmarks/adapters/` that maps its",
        "expected answers onto the facts contract and compares values in base units",
        "through pint (and currencies by ISO code). The scoring rule of each row is",
        "given beside it; where a suite's owners published a rule (CQE, MeasEval,",
        "Recognizers-Text's whole-case specs) it is theirs. \"Peer's figure\" is the",
        "owner's own result where there is one (from their paper, their spec's",
        "support marks, or, for quantulum3, quantulum3 run here by the same rule).",
        "",
        accuracy.table(acc),
        "",
        "### What is out of scope, and the cases judged wrong",
        "",
        "Cases we judge a suite wrong on are not scored; each is listed with the reason",
        "(by its index in the suite's file; the suites' sentences are not reproduced).",
        "",
        "```text",
        accuracy.details(acc),
        "```",
        "",
        "Run `python benchmarks/accuracy.py --show-failures` to see every failing case",
        "beside the text it came from.",
        "",
    ]
    return "\n".join(lines)


def _run(script: str, *args: str) -> None:
    """Run one of the benchmark scripts in a fresh interpreter; its output shows as it goes."""
    subprocess.run([sys.executable, str(REPO / "benchmarks" / script), *args], check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from-json", action="store_true", help="reuse benchmarks/results/*.json")
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    acc_json, spd_json = RESULTS / "accuracy.json", RESULTS / "speed.json"
    if args.from_json:
        acc = _results_from(json.loads(acc_json.read_text(encoding="utf-8")))
        spd = json.loads(spd_json.read_text(encoding="utf-8"))
    else:
        # Each in a process of its own: speed measured after the accuracy suites in
        # the same process would pay for their heap (peers, suite data, caches) in
        # every garbage collection, and read about a fifth slower.
        _run("accuracy.py", "--json", str(acc_json))
        acc = _results_from(json.loads(acc_json.read_text(encoding="utf-8")))
        _run("speed.py", "--words", str(args.words), "--rounds", str(args.rounds),
             "--json", str(spd_json))
        spd = json.loads(spd_json.read_text(encoding="utf-8"))
    plot(spd, PLOT)
    PAGE.write_text(page(acc, spd), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(REPO)} and {PLOT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
