"""The ``rareearth-extract`` command line.

Reads text files, folders of them (recursively, by a glob pattern) or standard
input, extracts facts and prints them as an aligned table for reading, as JSON
Lines or as CSV for other programs::

    rareearth-extract article.txt
    rareearth-extract --format jsonl reports/ > facts.jsonl
    rareearth-extract --format csv --glob "*.md" notes/ > facts.csv
    cat article.txt | rareearth-extract --fx-rates rates.json -

Offsets (``start``, ``end``) are character offsets into the file's text as
decoded from UTF-8 (undecodable bytes become U+FFFD; line endings are kept as
they are in the file).

A file that cannot be read is reported on standard error and skipped; the
facts of the other files are still printed, and the exit code is 2. A
progress bar is drawn on standard error when it is a terminal.

The parser is built inside :func:`main`, never at import time.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import io
import json
import math
import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from .api import Extractor
    from .facts import Fact

PROG = "rareearth-extract"
STDIN = "-"
DEFAULT_GLOB = "*.txt"
FORMATS = ("table", "jsonl", "csv")

#: Exit codes.
EXIT_OK = 0
EXIT_OUTPUT_CLOSED = 1
EXIT_INPUT_ERROR = 2
EXIT_INTERRUPTED = 130

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


class Source(NamedTuple):
    """One input: the name it is shown under and the path to read (None for stdin)."""

    name: str
    path: str | None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code.

    0 when every input was read; 2 when an input could not be read (the others
    are still processed and printed), a folder held no file matching
    ``--glob``, or the options are wrong; 1 when standard output was closed
    early (``| head``); 130 when interrupted.
    """
    parser = _build_parser()
    args = parser.parse_args(None if argv is None else list(argv))

    try:
        fx_rates = _load_fx_rates(args.fx_rates) if args.fx_rates is not None else None
    except _UsageError as e:
        parser.error(str(e))  # exits with code 2
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")

    _make_stdout_safe()
    progress = _Progress(enabled=_stderr_is_terminal() if args.progress is None else args.progress)
    status = EXIT_OK

    def fail(message: str) -> None:
        nonlocal status
        progress.write(f"{PROG}: {message}")
        status = EXIT_INPUT_ERROR

    inputs: list[str] = list(args.files) or [STDIN]
    sources = list(find_sources(inputs, pattern=args.glob, on_error=fail))
    several = len(sources) > 1 or any(i != STDIN and os.path.isdir(i) for i in inputs)
    writer = _make_writer(args.format, sys.stdout, several=several)

    # Imported here so that ``--help`` and option errors never pay for the pipeline.
    from .api import Extractor

    extractor = Extractor(fx_rates=fx_rates)
    try:
        progress.start(total=len(sources))
        for source, facts in extract_sources(sources, extractor, jobs=args.jobs, on_error=fail):
            writer.write(source.name, facts)
            progress.update()
        writer.close()
    except BrokenPipeError:
        # The reader went away (e.g. ``| head``): stop quietly, like other Unix tools.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        return EXIT_OUTPUT_CLOSED
    except KeyboardInterrupt:
        progress.close()
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        progress.close()
    return status


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Extract typed facts (quantities, money, exchange rates, dates, deposits, ...) "
            "from mining and rare-earth news text."
        ),
        epilog=(
            "With no FILE, or when FILE is '-', read standard input. Exit codes: 0 every "
            "input read; 2 an input could not be read (the others are still printed) or "
            "bad options; 1 output closed early."
        ),
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="UTF-8 text file(s) or folder(s) to read; '-' for standard input",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="table",
        help="'table' (default): an aligned table for reading; "
        "'jsonl': one JSON object per fact, per line; "
        "'csv': one row per fact, one column per field",
    )
    parser.add_argument(
        "-g",
        "--glob",
        default=DEFAULT_GLOB,
        metavar="PATTERN",
        help=f"which files to read in folders, searched recursively (default: {DEFAULT_GLOB!r}); "
        "matched against the file name, or against the path inside the folder when it "
        "holds a '/'",
    )
    parser.add_argument(
        "--fx-rates",
        metavar="RATES.json",
        help="JSON object mapping ISO 4217 codes to US dollars per unit "
        '(e.g. {"KZT": 0.00195}); used to fill usd_amount with usd_source "user_rate"',
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="extract with N processes (default: 1)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error (default: only when it is a terminal)",
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


# --- inputs ---------------------------------------------------------------------


def find_sources(
    inputs: Iterable[str], *, pattern: str = DEFAULT_GLOB, on_error: Callable[[str], None]
) -> Iterator[Source]:
    """The inputs to read, in order: files as given, folders expanded.

    A folder is searched recursively for files matching `pattern` (sorted by
    path; hidden files and folders, whose names start with ``.``, are skipped).
    A folder with no matching file, or one that cannot be listed, is reported
    through `on_error`. Names that are neither folders nor ``-`` are passed on
    as files; reading them reports what is wrong with them.
    """
    for name in inputs:
        if name == STDIN:
            yield Source(STDIN, None)
        elif os.path.isdir(name):
            found = 0
            for path in _walk(name, pattern, on_error):
                found += 1
                yield Source(path, path)
            if not found:
                on_error(f"no files matching {pattern!r} in {name}")
        else:
            yield Source(name, name)


def _walk(folder: str, pattern: str, on_error: Callable[[str], None]) -> list[str]:
    def report(e: OSError) -> None:
        on_error(f"cannot read {e.filename or folder}: {e.strerror or e}")

    matches: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if file.startswith("."):
                continue
            path = os.path.join(root, file)
            if _matches(os.path.relpath(path, folder), pattern):
                matches.append(path)
    return sorted(matches)


def _matches(relative: str, pattern: str) -> bool:
    """`pattern` against the file name, or against the path inside the folder if it has a '/'."""
    rel = PurePath(relative)
    if "/" in pattern:
        return rel.match(pattern)
    return fnmatch.fnmatchcase(rel.name, pattern)


def _read_input(source: Source) -> str:
    if source.path is None:
        if sys.stdin is None:
            raise OSError("standard input is closed")
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text-only replacement, e.g. io.StringIO
            return sys.stdin.read()
        return bytes(stream.read()).decode("utf-8", errors="replace")
    # newline="" keeps "\r\n" as written, so offsets match the file's own text.
    with open(source.path, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


def _read_error(source: Source, e: OSError) -> str:
    reason = e.strerror or str(e) or type(e).__name__
    return f"cannot read {source.name}: {reason}"


def extract_sources(
    sources: Iterable[Source],
    extractor: Extractor,
    *,
    jobs: int = 1,
    on_error: Callable[[str], None],
) -> Iterator[tuple[Source, list[Fact]]]:
    """Read each source and extract its facts, in order; unreadable ones go to `on_error`.

    With ``jobs > 1`` the texts go through ``extractor.pipe(n_process=jobs)``
    (a pool of worker processes, each with its own extractor); with one, they
    are read and extracted one at a time, in this process.
    """

    def texts() -> Iterator[tuple[str, Source]]:
        for source in sources:
            try:
                text = _read_input(source)
            except OSError as e:
                on_error(_read_error(source, e))
                continue
            yield text, source

    n_process = max(1, jobs)
    for facts, source in extractor.pipe(texts(), batch_size=4, n_process=n_process, as_tuples=True):
        yield source, facts


# --- progress -----------------------------------------------------------------


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _stderr_columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


class _Progress:
    """A tqdm bar over the inputs on standard error, or nothing when disabled."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    def start(self, *, total: int) -> None:
        if self.enabled:
            from tqdm import tqdm

            # A terminal that reports no width (a bare pty) would get an empty bar.
            sized = _stderr_columns() > 0
            self._bar = tqdm(
                total=total,
                unit="file",
                file=sys.stderr,
                dynamic_ncols=sized,
                ncols=None if sized else 80,
                nrows=None if sized else 24,
                leave=False,
            )

    def update(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def write(self, message: str) -> None:
        """A message on standard error that does not break the bar."""
        if self._bar is not None:
            self._bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


# --- output -------------------------------------------------------------------


class _Writer:
    """Writes the facts of each input as they come; :meth:`close` finishes the output."""

    def __init__(self, out: IO[str], *, several: bool) -> None:
        self.out = out
        self.several = several

    def write(self, name: str, facts: Sequence[Fact]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class _JsonlWriter(_Writer):
    def write(self, name: str, facts: Sequence[Fact]) -> None:
        from .serialize import to_json

        for fact in facts:
            line = to_json(fact)
            if self.several:
                line = _with_file_key(line, name)
            self.out.write(line + "\n")
        self.out.flush()


class _CsvWriter(_Writer):
    """One row per fact: ``file`` (always), then the columns of :mod:`rareearth_extract.tabular`."""

    def __init__(self, out: IO[str], *, several: bool) -> None:
        from .tabular import columns

        super().__init__(out, several=several)
        self.columns = [c.name for c in columns()]
        self.csv = csv.writer(out, lineterminator="\n")
        self.csv.writerow(["file", *self.columns])

    def write(self, name: str, facts: Sequence[Fact]) -> None:
        from .tabular import flat_record

        for fact in facts:
            record = flat_record(fact)
            self.csv.writerow([name, *(_csv_cell(record.get(c)) for c in self.columns)])
        self.out.flush()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


class _TableWriter(_Writer):
    """Collects rows (the column widths need them all) and prints them on :meth:`close`."""

    def __init__(self, out: IO[str], *, several: bool) -> None:
        super().__init__(out, several=several)
        self.rows: list[list[str]] = []

    def write(self, name: str, facts: Sequence[Fact]) -> None:
        from .serialize import to_dict

        for fact in facts:
            record = to_dict(fact)
            row = [name] if self.several else []
            row += [
                str(record.get("type", "")),
                _display_text(str(record.get("text", ""))),
                str(record.get("start", "")),
                str(record.get("end", "")),
                format_value(record),
            ]
            self.rows.append(row)

    def close(self) -> None:
        header = (["file"] if self.several else []) + ["type", "text", "start", "end", "value"]
        _write_table(self.out, header, self.rows, right_align={"start", "end"})
        self.out.flush()


def _make_writer(fmt: str, out: IO[str], *, several: bool) -> _Writer:
    writers: dict[str, type[_Writer]] = {
        "table": _TableWriter,
        "jsonl": _JsonlWriter,
        "csv": _CsvWriter,
    }
    return writers[fmt](out, several=several)


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
