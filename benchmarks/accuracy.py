"""Accuracy of rareearth_extract on other projects' test suites, in one table.

    python benchmarks/accuracy.py                 # the table
    python benchmarks/accuracy.py --show-failures # and every case that fails (to stdout)
    python benchmarks/accuracy.py --json benchmarks/results/accuracy.json
    python benchmarks/accuracy.py --no-peers      # skip running quantulum3 itself

Each suite is read from ``../shared/external`` (or ``$RAREEARTH_EXTERNAL``) by
a small adapter in ``benchmarks/adapters/`` that maps its expected answers onto
the facts contract and says what is out of scope and why. A suite whose data is
absent is skipped with a message. Cases we judge the suite wrong on are listed
with a reason and not scored. Peers (quantulum3) are optional extras:
``pip install -e ".[bench]"``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.adapters import (
    cqe,
    duckling,
    gold,
    grobid,
    measeval,
    price_parser,
    quantulum3_suite,
    recognizers,
)
from benchmarks.adapters.common import Result, SuiteMissing

SUITES: list[tuple[str, Callable[..., Result]]] = [
    ("mining gold (this project)", gold.run),
    ("quantulum3 quantities.json", quantulum3_suite.run),
    ("CQE NewsQuant", cqe.run_newsquant),
    ("CQE currency set (Recognizers-Text)", cqe.run_currency),
    ("Recognizers-Text CurrencyModel (en)", recognizers.run_currency),
    ("Recognizers-Text DimensionModel (en)", recognizers.run_dimension),
    ("Duckling AmountOfMoney (en)", duckling.run_money),
    ("Duckling quantity/distance/volume/temperature (en)", duckling.run_quantities),
    ("MeasEval eval split", measeval.run),
    ("grobid-quantities holdout (quantities)", grobid.run),
    ("price-parser examples", price_parser.run),
]


def run_all(*, peers: bool = True) -> list[Result]:
    """Run every suite (skipping those whose data is absent)."""
    results = []
    for name, run in SUITES:
        started = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = run(peers=peers)
        except SuiteMissing as e:
            result = Result(suite=name, rule="", skipped=f"skipped: {e}")
        result.extra.setdefault("seconds", round(time.perf_counter() - started, 1))
        results.append(result)
    return results


def _target(r: Result) -> str:
    if not r.target:
        return ""
    return f"{r.target} ({'met' if r.met else 'NOT met'})"


def table(results: list[Result]) -> str:
    """The results as one Markdown table (and a line per skipped suite)."""
    head = "| suite | in scope | scoring rule | ours | target | peer's figure |"
    lines = [head, "| --- | --- | --- | --- | --- | --- |"]
    skipped = []
    for r in results:
        if r.skipped:
            skipped.append(f"- {r.suite}: {r.skipped}")
            continue
        scope = f"{r.cases} {r.unit}"
        notes = []
        if r.out_of_scope:
            notes.append(f"{sum(r.out_of_scope.values())} out of scope")
        if r.judged_wrong:
            notes.append(f"{len(r.judged_wrong)} judged wrong")
        if notes:
            scope += f" ({'; '.join(notes)})"
        lines.append(
            f"| {r.suite} | {scope} | {r.rule} | {r.score_text} | {_target(r)} | {r.peer} |"
        )
    return "\n".join(lines + (["", *skipped] if skipped else []))


def details(results: list[Result]) -> str:
    """What each suite leaves out of scope, and the cases judged wrong, with reasons."""
    out = []
    for r in results:
        if r.skipped or not (r.out_of_scope or r.judged_wrong):
            continue
        out.append(f"{r.suite}:")
        for reason, n in sorted(r.out_of_scope.items(), key=lambda x: -x[1]):
            out.append(f"  out of scope, {n}: {reason}")
        for case in r.judged_wrong:
            out.append(f"  judged wrong {case}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--show-failures", action="store_true", help="list every failing case")
    ap.add_argument("--no-peers", action="store_true", help="do not run quantulum3 itself")
    args = ap.parse_args(argv)
    results = run_all(peers=not args.no_peers)
    print(table(results))
    print()
    print(details(results))
    if args.show_failures:
        for r in results:
            if r.failures:
                print(f"\n{r.suite}: {len(r.failures)} failures")
                print("\n".join(f"  {f}" for f in r.failures))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = [
            {**asdict(r), "failures": len(r.failures)} for r in results
        ]
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
