"""The project's own gold annotations of mining news (``../shared/eval/gold``).

Scored by ``../shared/eval/score.py`` itself (run as a subprocess), so the
figures are exactly those of the project's scorer: strict F1 over quantity,
money and exchange-rate mentions (a hit counts only when its values are right),
and F1 over the deposits and commodities each document names.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .common import REPO, Result, SuiteMissing


def run(*, peers: bool = True) -> Result:
    """The headline figures of score.py on every gold file."""
    result = Result(
        suite="mining gold (this project)",
        rule="score.py: mentions strict F1 (values right); entities F1",
        unit="documents",
    )
    eval_dir = REPO.parent / "shared" / "eval"
    gold = sorted((eval_dir / "gold").glob("*.jsonl"))
    if not gold:
        raise SuiteMissing(f"no gold files in {eval_dir / 'gold'}")
    out = subprocess.run(
        [sys.executable, str(eval_dir / "score.py"), "--json", *map(str, gold)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    head = data["headline"]
    result.cases = data["documents"]
    result.score = head["mentions_strict_f1"]
    result.score_text = (
        f"mentions strict F1 {head['mentions_strict_f1']:.3f}; "
        f"entities F1 {head['entities_f1']:.3f}"
    )
    result.extra = {t: row["strict_f1"] for t, row in data["types"].items()}
    result.peer = "—"
    return result
