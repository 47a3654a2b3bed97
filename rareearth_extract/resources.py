"""Loading the package's data files (``rareearth_extract/data``).

Data lives in plain text files inside the package and is read with
:mod:`importlib.resources`, so it works from a wheel, a zip or a checkout.
Every loader is cached: each file is parsed once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_text(name: str) -> str:
    """The text of one data file, by file name."""
    return (
        resources.files("rareearth_extract")
        .joinpath("data")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )


@cache
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file, skipping blank lines and ``#`` comments."""
    rows = []
    for line in read_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of a one-column data file."""
    return tuple(row[0] for row in read_rows(name))
