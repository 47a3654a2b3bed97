"""Tonnage by deposit: the plot helper of the documentation's "Pictures" page.

    python examples/plots.py                             # the bundled article
    python examples/plots.py article.txt chart.png       # your own text, your own file

Needs the ``notebook`` extra (pandas and matplotlib).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from rareearth_extract import extract_facts, facts_to_frame
from rareearth_extract.facts import Fact

HERE = Path(__file__).resolve().parent


# --8<-- [start:helper]
def tonnage_by_deposit(facts: Iterable[Fact] | pd.DataFrame) -> pd.DataFrame:
    """Tonnes per deposit (rows) and category (columns), from resource estimates.

    Categories are kept apart: "measured and indicated" already holds
    "measured", so adding categories up would count tonnes twice.
    """
    frame = facts if isinstance(facts, pd.DataFrame) else facts_to_frame(facts)
    estimates = frame[(frame["type"] == "resource_estimate") & frame["deposit"].notna()]
    table = estimates.pivot_table(
        index="deposit",
        columns="category",
        values="tonnage_normalized_value",
        aggfunc="sum",
        observed=True,
    )
    return table.astype("float64").sort_index()


def plot_tonnage_by_deposit(facts: Iterable[Fact] | pd.DataFrame, ax: Any = None) -> Any:
    """A horizontal bar chart of :func:`tonnage_by_deposit`; returns the matplotlib Axes."""
    table = tonnage_by_deposit(facts)
    if table.empty:
        raise ValueError("no resource estimate with a deposit and a tonnage in these facts")
    ax = (table / 1e6).plot.barh(ax=ax, width=0.8)
    ax.set_xlabel("million tonnes")
    ax.set_ylabel("")
    ax.set_title("Tonnage by deposit and category")
    ax.legend(title="category", frameon=False)
    ax.invert_yaxis()
    return ax


# --8<-- [end:helper]


def main(argv: list[str]) -> int:
    import matplotlib

    matplotlib.use("Agg")  # write a file; no window needed
    import matplotlib.pyplot as plt

    source = Path(argv[0]) if argv else HERE / "kazakh_rare_earths.txt"
    target = Path(argv[1]) if len(argv) > 1 else Path("tonnage_by_deposit.png")
    facts = extract_facts(source.read_text(encoding="utf-8"))
    print(tonnage_by_deposit(facts).to_string())
    fig, ax = plt.subplots(figsize=(7, 3))
    plot_tonnage_by_deposit(facts, ax=ax)
    fig.tight_layout()
    fig.savefig(target, dpi=100)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
