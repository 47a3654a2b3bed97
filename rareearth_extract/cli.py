"""The ``rareearth-extract`` command line.

Reads text files (or standard input), extracts facts and prints them either as
an aligned table for reading or as JSON Lines for other programs::

    rareearth-extract article.txt
    rareearth-extract --format jsonl a.txt b.txt > facts.jsonl
    cat article.txt | rareearth-extract --fx-rates rates.json -

Offsets (``start``, ``end``) are character offsets into the file's text as
decoded from UTF-8 (undecodable bytes become U+FFFD; line endings are kept as
they are in the file).

The parser is built inside :func:`main`, never at import time.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import IO, Any

PROG = "rareearth-extract"
STDIN = "-"

#: Short marks shown before a value in the table, by qualifier.
_QUALIFIER_MARKS: dict[str, str] = {
    "approximately": "~",
    "more_than": ">",
    "at_least": "\u2265",
    "less_than": "<",
    "at_most": "\u2264",
    "up_to": "\u2264",
}
_EN_DASH = "\u2013"
_APPROX = "\u2248"
_ELLIPSIS = "\u2026"
_MAX_TEXT_WIDTH = 60


class _UsageError(Exception):
    """A problem with the command line's own options (exit code 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code.

    0 when every input was read, 2 when an input could not be read (the
    others are still processed) or the options are wrong.
    """
    parser = _build_parser()
    args = parser.parse_args(None if argv is None else list(argv))

    try:
        fx_rates = _load_fx_rates(args.fx_rates) if args.fx_rates is not None else None
    except _UsageError as e:
        parser.error(str(e))  # exits with code 2

    # Imported here so that ``--help`` and option errors never pay for the pipeline.
    from . import extract_facts
    from .serialize import to_dict, to_json

    _make_stdout_safe()
    inputs: list[str] = list(args.files) or [STDIN]
    several = len(inputs) > 1
    status = 0
    rows: list[list[str]] = []
    try:
        for name in inputs:
            try:
                text = _read_input(name)
            except (OSError, UnicodeError) as e:
                reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
                print(f"{PROG}: cannot read {name}: {reason}", file=sys.stderr)
                status = 2
                continue
            facts = extract_facts(text, fx_rates=fx_rates)
            if args.format == "jsonl":
                for fact in facts:
                    line = to_json(fact)
                    if several:
                        line = _with_file_key(line, name)
                    sys.stdout.write(line + "\n")
                sys.stdout.flush()
            else:
                for fact in facts:
                    record = to_dict(fact)
                    row = [name] if several else []
                    row += [
                        str(record.get("type", "")),
                        _display_text(str(record.get("text", ""))),
                        str(record.get("start", "")),
                        str(record.get("end", "")),
                        format_value(record),
                    ]
                    rows.append(row)
        if args.format == "table":
            header = (["file"] if several else []) + ["type", "text", "start", "end", "value"]
            _write_table(sys.stdout, header, rows, right_align={"start", "end"})
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (e.g. ``| head``): stop quietly, like other Unix tools.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        return 1
    return status


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Extract typed facts (quantities, money, exchange rates, dates, ...) from "
            "mining and rare-earth news text."
        ),
        epilog="With no FILE, or when FILE is '-', read standard input.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="UTF-8 text file(s) to read; '-' for standard input",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("table", "jsonl"),
        default="table",
        help="'table' (default): an aligned table for reading; "
        "'jsonl': one JSON object per fact, per line",
    )
    parser.add_argument(
        "--fx-rates",
        metavar="RATES.json",
        help="JSON object mapping ISO 4217 codes to US dollars per unit "
        '(e.g. {"KZT": 0.00195}); used to fill usd_amount with usd_source "user_rate"',
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rareearth-extract")
    except PackageNotFoundError:
        return "unknown"


def _load_fx_rates(path: str) -> dict[str, float]:
    """Read and check a ``{"ISO": usd_per_unit}`` JSON file."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise _UsageError(f"--fx-rates: cannot read {path}: {e.strerror or e}") from e
    except ValueError as e:  # JSONDecodeError and bad UTF-8
        raise _UsageError(f"--fx-rates: {path} is not valid JSON: {e}") from e
    if not isinstance(data, dict):
        raise _UsageError(f"--fx-rates: {path} must hold a JSON object of code -> rate")
    rates: dict[str, float] = {}
    for code, rate in data.items():
        key = code.strip().upper()
        if not _is_iso_currency(key):
            raise _UsageError(f"--fx-rates: {code!r} is not an ISO 4217 currency code")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)):
            raise _UsageError(f"--fx-rates: rate for {code} must be a number, got {rate!r}")
        if not math.isfinite(rate) or rate <= 0:
            raise _UsageError(f"--fx-rates: rate for {code} must be positive, got {rate!r}")
        rates[key] = float(rate)
    return rates


def _is_iso_currency(code: str) -> bool:
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        return False
    import pycountry

    return pycountry.currencies.get(alpha_3=code) is not None


def _read_input(name: str) -> str:
    if name == STDIN:
        if sys.stdin is None:
            raise OSError("standard input is closed")
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text-only replacement, e.g. io.StringIO
            return sys.stdin.read()
        return bytes(stream.read()).decode("utf-8", errors="replace")
    # newline="" keeps "\r\n" as written, so offsets match the file's own text.
    with open(name, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


def _make_stdout_safe() -> None:
    """Never die on a character the terminal's encoding cannot show."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")


def _with_file_key(json_line: str, name: str) -> str:
    """Put ``"file": name`` first in a JSON object line made by ``to_json``."""
    body = json_line[1:].lstrip()
    sep = "" if body.startswith("}") else ","
    return '{"file":' + json.dumps(name, ensure_ascii=False) + sep + body


def _display_text(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > _MAX_TEXT_WIDTH:
        flat = flat[: _MAX_TEXT_WIDTH - 1] + _ELLIPSIS
    return flat


def _write_table(
    out: IO[str],
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right_align: Collection[str] = (),
) -> None:
    rows = list(rows)
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    last = len(header) - 1

    def fmt(cells: Sequence[str]) -> str:
        parts = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if header[i] in right_align:
                parts.append(cell.rjust(width))
            elif i == last:
                parts.append(cell)
            else:
                parts.append(cell.ljust(width))
        return "  ".join(parts).rstrip()

    out.write(fmt(header) + "\n")
    out.write(fmt(["-" * w for w in widths]) + "\n")
    for row in rows:
        out.write(fmt(row) + "\n")


# --- the "value" column ---------------------------------------------------------


def format_number(x: Any) -> str:
    """A number for people: thousands separators, no float noise.

    >>> format_number(1200000.0), format_number(0.00195), format_number(2.3), format_number(None)
    ('1,200,000', '0.00195', '2.3', '?')
    """
    if x is None:
        return "?"
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    if float(x).is_integer() and abs(x) < 1e18:
        return f"{int(x):,}"
    return format(float(x), ",.10g")


def _span(low: Any, high: Any, value: Any = None) -> str:
    if low is not None and high is not None:
        return f"{format_number(low)}{_EN_DASH}{format_number(high)}"
    if value is not None:
        return format_number(value)
    return format_number(high if high is not None else low)


def _mark(record: Mapping[str, Any]) -> str:
    return _QUALIFIER_MARKS.get(str(record.get("qualifier") or ""), "")


def _value_quantity(r: Mapping[str, Any]) -> str:
    measure = r.get("measure") or "other"
    if measure == "count":
        amount = _span(r.get("low"), r.get("high"), r.get("value"))
        unit = r.get("unit") or "count"
    elif r.get("normalized_unit") and any(
        r.get(k) is not None for k in ("normalized_value", "normalized_low", "normalized_high")
    ):
        amount = _span(r.get("normalized_low"), r.get("normalized_high"), r.get("normalized_value"))
        unit = r["normalized_unit"]
    else:
        amount = _span(r.get("low"), r.get("high"), r.get("value"))
        unit = r.get("unit") or ""
    head = f"{_mark(r)}{amount}" + (unit if unit == "%" else f" {unit}".rstrip())
    if measure == "grade" and r.get("basis"):
        head += f" {r['basis']}"
    return f"{head} ({measure})"


def _value_money(r: Mapping[str, Any]) -> str:
    currency = r.get("currency") or "?"
    out = f"{_mark(r)}{_span(r.get('low'), r.get('high'), r.get('amount'))} {currency}"
    if r.get("per_unit"):
        out += f"/{r['per_unit']}"
    usd = r.get("usd_amount")
    if usd is not None and currency != "USD":
        out += f" {_APPROX} {format_number(usd)} USD"
        if r.get("usd_source"):
            out += f" ({r['usd_source']})"
    return out


def _value_exchange_rate(r: Mapping[str, Any]) -> str:
    out = f"{r.get('base', '?')}/{r.get('quote', '?')} {format_number(r.get('rate'))}"
    change = r.get("change_pct")
    if change is not None:
        out += f" ({format_number(change)}%)"
    return out


def _value_date(r: Mapping[str, Any]) -> str:
    value = r.get("value")
    return str(value) if value is not None else "(relative)"


def _value_nested(value: Any) -> str:
    if isinstance(value, Mapping):
        if value.get("type") == "quantity":
            return _value_quantity(value).rsplit(" (", 1)[0]
        return str(value.get("text") or value.get("name") or "")
    return "" if value is None else str(value)


def _value_generic(r: Mapping[str, Any]) -> str:
    """Document-level and relation facts: a name, or the salient fields."""
    if r.get("name"):
        extras = [str(r[k]) for k in ("kind", "symbol") if r.get(k)]
        return str(r["name"]) + (f" ({', '.join(extras)})" if extras else "")
    parts = []
    for key in ("deposit", "category", "tonnage", "length", "grade", "commodity"):
        text = _value_nested(r.get(key))
        if text:
            parts.append(text)
    if r.get("from_depth") is not None:
        parts.append(f"from {format_number(r['from_depth'])} m")
    return " ".join(parts)


_VALUE_FORMATTERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "quantity": _value_quantity,
    "money": _value_money,
    "exchange_rate": _value_exchange_rate,
    "date": _value_date,
}


def format_value(record: Mapping[str, Any]) -> str:
    """The table's short "value" column for one fact's JSON form.

    >>> format_value({"type": "quantity", "measure": "area", "qualifier": "exact",
    ...               "normalized_value": 48.5, "normalized_unit": "km2"})
    '48.5 km2 (area)'
    >>> format_value({"type": "money", "amount": 18e9, "currency": "KZT",
    ...               "usd_amount": 34.9e6, "usd_source": "stated"})
    '18,000,000,000 KZT ≈ 34,900,000 USD (stated)'
    >>> format_value({"type": "exchange_rate", "base": "KZT", "quote": "USD", "rate": 0.00195})
    'KZT/USD 0.00195'
    """
    formatter = _VALUE_FORMATTERS.get(str(record.get("type")), _value_generic)
    return formatter(record)
