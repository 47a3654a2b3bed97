"""Extract facts from the bundled example article and print a short summary.

Run from anywhere:

    python examples/extract_example.py            # the bundled article
    python examples/extract_example.py other.txt  # your own text file
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rareearth_extract import extract_facts, to_dict

HERE = Path(__file__).resolve().parent


def _num(x: float | None) -> str:
    """1,200,000 rather than 1200000.0; big numbers to two decimals."""
    if x is None:
        return "?"
    return f"{round(x, 2) if abs(x) >= 1000 else x:,.15g}"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "kazakh_rare_earths.txt"
    text = path.read_text(encoding="utf-8")
    facts = extract_facts(text)

    counts = Counter(f.type for f in facts)
    print(f"{path.name}: {len(facts)} facts")
    for fact_type, n in sorted(counts.items()):
        print(f"  {fact_type:<14} {n}")

    print("\nQuantities (canonical units):")
    for fact in facts:
        d = to_dict(fact)
        if d["type"] == "quantity":
            if d["normalized_value"] is not None:
                value = _num(d["normalized_value"])
            else:
                value = f"{_num(d['normalized_low'])}-{_num(d['normalized_high'])}"
            print(f"  {d['text']!r:<32} {value} {d['normalized_unit']} ({d['measure']})")

    print("\nMoney (with the US-dollar figure and where it came from):")
    for fact in facts:
        d = to_dict(fact)
        if d["type"] == "money":
            converted = d["usd_amount"] is not None and d["currency"] != "USD"
            usd = f" = {_num(d['usd_amount'])} USD" if converted else ""
            source = f" [{d['usd_source']}]" if converted else ""
            if d["amount"] is not None:
                amount = _num(d["amount"])
            else:
                amount = f"{_num(d['low'])}-{_num(d['high'])}"
            print(f"  {d['text']!r:<32} {amount} {d['currency']}{usd}{source}")

    # Every fact points back into the original text.
    bad = [f for f in facts if text[f.start : f.end] != f.text]
    if bad:
        print(f"offset mismatch: {bad[0]!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
