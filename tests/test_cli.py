"""The command line, run for real in a subprocess (``python -m rareearth_extract``).

The sentences here are written for these tests; the example article is
``examples/kazakh_rare_earths.txt``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from rareearth_extract.cli import find_sources, format_number, format_value
from rareearth_extract.tabular import columns

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "kazakh_rare_earths.txt"
PROG = "rareearth-extract"


def run_cli(
    *args: str | os.PathLike[str], stdin: str | bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m rareearth_extract ARGS`` and capture its output as UTF-8 text."""
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "rareearth_extract", *map(str, args)],
        input=data if data is not None else b"",
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=600,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8"),
        proc.stderr.decode("utf-8"),
    )


def jsonl(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def csv_records(stdout: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(stdout)))


def table_rows(stdout: str) -> list[list[str]]:
    """Split the table's body into cells (columns are separated by 2+ spaces)."""
    lines = stdout.splitlines()
    assert len(lines) >= 2, stdout
    assert set(lines[1].replace(" ", "")) == {"-"}, "second line is the rule under the header"
    return [re.split(r"\s{2,}", line.strip()) for line in lines[2:] if line.strip()]


def read_original(path: Path) -> str:
    """The text the CLI's offsets point into: UTF-8, bad bytes replaced, newlines as written."""
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


def assert_offsets(records: Sequence[dict[str, Any]], original: str) -> None:
    for r in records:
        for key in ("type", "text", "start", "end"):
            assert key in r, (key, r)
        assert original[r["start"] : r["end"]] == r["text"], r
    starts = [r["start"] for r in records]
    assert starts == sorted(starts), "facts come sorted by start"


# --- the example article ------------------------------------------------------


@pytest.fixture(scope="module")
def example_table() -> subprocess.CompletedProcess[str]:
    return run_cli(EXAMPLE)


@pytest.fixture(scope="module")
def example_jsonl() -> subprocess.CompletedProcess[str]:
    return run_cli("--format", "jsonl", EXAMPLE)


def test_example_table_header(example_table: subprocess.CompletedProcess[str]) -> None:
    assert example_table.returncode == 0, example_table.stderr
    header = example_table.stdout.splitlines()[0].split()
    assert header == ["type", "text", "start", "end", "value"]


# (type, a piece of the fact's text, a piece of the value column)
EXAMPLE_TABLE_CASES = [
    pytest.param("exchange_rate", "KZT/USD", "KZT/USD 0.00195", id="ticker-rate"),
    pytest.param("quantity", "48.5 square kilometers", "48.5 km2 (area)", id="area-km2"),
    pytest.param("quantity", "1,200 ha", "12 km2 (area)", id="area-hectares"),
    pytest.param("quantity", "1.2 million tonnes", "1,200,000 t (mass)", id="mass-million-tonnes"),
    pytest.param("quantity", "845,300 tons", "845,300 t (mass)", id="mass-tons-are-metric"),
    pytest.param("quantity", "2.3%", "23,000 g/t TREO (grade)", id="grade-percent-treo"),
    pytest.param("quantity", "2.9g/t Au", "2.9 g/t Au (grade)", id="intercept-grade"),
    pytest.param("quantity", "18m", "18 m (length)", id="intercept-length"),
    pytest.param("quantity", "6%", "6% (percentage)", id="percentage-change"),
    pytest.param("quantity", "650 grams per ton", "650 g/t (grade)", id="grade-grams-per-ton"),
    pytest.param("quantity", "250 meters", "250 m (length)", id="depth-up-to"),
    pytest.param("quantity", "210 ktpa", "210,000 t/a (mass_rate)", id="rate-ktpa"),
    pytest.param("quantity", "25 years", "25 a (duration)", id="duration-years"),
    pytest.param("quantity", "42 deposits", "(count)", id="count-deposits"),
    pytest.param("quantity", "three prospective zones", "(count)", id="count-number-word"),
    pytest.param(
        "money",
        "KZT18 billion",
        "18,000,000,000 KZT \u2248 34,900,000 USD (stated)",
        id="money-kzt-stated-usd",
    ),
    pytest.param(
        "money",
        "75 billion tenge",
        "75,000,000,000 KZT \u2248 146,000,000 USD (stated)",
        id="money-tenge-word-stated-usd",
    ),
    pytest.param("money", "$34.9 million", "34,900,000 USD", id="money-parenthetical-usd"),
    pytest.param("money", "A$82.5 million", "82,500,000 AUD", id="money-aud"),
    pytest.param("date", "March 2026", "2026-03", id="date-month-year"),
    pytest.param("date", "2023", "2023", id="date-year"),
]


@pytest.mark.parametrize(("fact_type", "text_piece", "value_piece"), EXAMPLE_TABLE_CASES)
def test_example_table_has_fact(
    example_table: subprocess.CompletedProcess[str],
    fact_type: str,
    text_piece: str,
    value_piece: str,
) -> None:
    assert example_table.returncode == 0, example_table.stderr
    rows = table_rows(example_table.stdout)
    candidates = [r for r in rows if r[0] == fact_type and text_piece in r[1]]
    assert candidates, f"no {fact_type} row with text containing {text_piece!r}"
    assert any(value_piece in r[-1] for r in candidates), candidates


def test_example_jsonl_lines_are_facts(example_jsonl: subprocess.CompletedProcess[str]) -> None:
    assert example_jsonl.returncode == 0, example_jsonl.stderr
    records = jsonl(example_jsonl.stdout)
    assert records
    assert_offsets(records, read_original(EXAMPLE))
    assert all("file" not in r for r in records), "no file key for a single input"


def test_example_repeated_ticker_yields_one_rate(
    example_jsonl: subprocess.CompletedProcess[str],
) -> None:
    rates = [
        r
        for r in jsonl(example_jsonl.stdout)
        if r["type"] == "exchange_rate" and r.get("base") == "KZT"
    ]
    assert len(rates) == 1, rates
    assert rates[0]["quote"] == "USD"
    assert rates[0]["rate"] == pytest.approx(0.00195)
    assert rates[0]["change_pct"] == pytest.approx(0.1)


def test_example_jsonl_matches_table(
    example_table: subprocess.CompletedProcess[str],
    example_jsonl: subprocess.CompletedProcess[str],
) -> None:
    rows = table_rows(example_table.stdout)
    records = jsonl(example_jsonl.stdout)
    assert [(r[0], int(r[2]), int(r[3])) for r in rows] == [
        (d["type"], d["start"], d["end"]) for d in records
    ]


# --- inputs: stdin, several files, encodings ------------------------------------

STDIN_SENTENCE = "The stockpile at the plant holds 350,000 tonnes of ore."


@pytest.mark.parametrize("args", [pytest.param([], id="no-args"), pytest.param(["-"], id="dash")])
def test_stdin(args: list[str]) -> None:
    proc = run_cli("--format", "jsonl", *args, stdin=STDIN_SENTENCE)
    assert proc.returncode == 0, proc.stderr
    records = jsonl(proc.stdout)
    assert_offsets(records, STDIN_SENTENCE)
    mass = [r for r in records if r["type"] == "quantity" and r["measure"] == "mass"]
    assert len(mass) == 1, records
    assert mass[0]["normalized_value"] == pytest.approx(350_000)
    assert mass[0]["normalized_unit"] == "t"


def test_stdin_table() -> None:
    proc = run_cli(stdin=STDIN_SENTENCE)
    assert proc.returncode == 0, proc.stderr
    rows = table_rows(proc.stdout)
    assert any(r[0] == "quantity" and "350,000 t (mass)" in r[-1] for r in rows), rows


def test_empty_input_prints_nothing_in_jsonl() -> None:
    proc = run_cli("--format", "jsonl", stdin="")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


def test_several_files_get_a_file_key_and_column(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    second = tmp_path / "second.txt"
    first.write_text("The licence covers 1,500 ha near the town.\n", encoding="utf-8")
    second.write_text("Drilling began in June 2025.\n", encoding="utf-8")

    proc = run_cli("--format", "jsonl", first, second)
    assert proc.returncode == 0, proc.stderr
    records = jsonl(proc.stdout)
    assert {r["file"] for r in records} == {str(first), str(second)}
    for path in (first, second):
        assert_offsets([r for r in records if r["file"] == str(path)], read_original(path))

    table = run_cli(first, second)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split() == ["file", "type", "text", "start", "end", "value"]
    assert {r[0] for r in table_rows(table.stdout)} == {str(first), str(second)}


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"Line one.\r\nThe pit is 120 metres deep.\r\n", id="crlf-kept"),
        pytest.param(b"\xff\xfe junk. The pit is 120 metres deep.\n", id="invalid-utf8-replaced"),
        pytest.param("Caf\u00e9 n\u00b02: the pit is 120 metres deep.".encode(), id="non-ascii"),
    ],
)
def test_offsets_point_into_the_decoded_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(raw)
    proc = run_cli("--format", "jsonl", path)
    assert proc.returncode == 0, proc.stderr
    records = jsonl(proc.stdout)
    assert_offsets(records, read_original(path))
    assert any(r["type"] == "quantity" and "120 metres" in r["text"] for r in records), records


# --- --fx-rates ---------------------------------------------------------------

FX_SENTENCE = "The ministry paid 500 million som for the survey."


def test_fx_rates_give_user_rate(tmp_path: Path) -> None:
    rates = tmp_path / "rates.json"
    rates.write_text(json.dumps({"KGS": 0.0114}), encoding="utf-8")
    proc = run_cli("--format", "jsonl", "--fx-rates", rates, stdin=FX_SENTENCE)
    assert proc.returncode == 0, proc.stderr
    money = [r for r in jsonl(proc.stdout) if r["type"] == "money"]
    assert len(money) == 1, money
    assert money[0]["currency"] == "KGS"
    assert money[0]["amount"] == pytest.approx(500e6)
    assert money[0]["usd_source"] == "user_rate"
    assert money[0]["usd_amount"] == pytest.approx(500e6 * 0.0114)


def test_without_fx_rates_no_usd_amount() -> None:
    proc = run_cli("--format", "jsonl", stdin=FX_SENTENCE)
    assert proc.returncode == 0, proc.stderr
    money = [r for r in jsonl(proc.stdout) if r["type"] == "money"]
    assert len(money) == 1, money
    assert money[0]["usd_amount"] is None
    assert money[0]["usd_source"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("[0.0114]", "JSON object", id="not-an-object"),
        pytest.param("{KGS: 0.0114}", "not valid JSON", id="not-json"),
        pytest.param('{"KGS": "cheap"}', "must be a number", id="rate-not-a-number"),
        pytest.param('{"KGS": -1}', "must be positive", id="negative-rate"),
        pytest.param('{"som": 0.0114}', "ISO 4217", id="not-a-currency-code"),
    ],
)
def test_bad_fx_rates_file_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    rates = tmp_path / "rates.json"
    rates.write_text(content, encoding="utf-8")
    proc = run_cli("--fx-rates", rates, stdin=FX_SENTENCE)
    assert proc.returncode == 2
    assert "--fx-rates" in proc.stderr
    assert message in proc.stderr
    assert proc.stdout == ""


# --- unreadable inputs --------------------------------------------------------


UNREADABLE_CASES = [
    pytest.param("missing", "cannot read {bad}: No such file or directory", id="missing"),
    pytest.param("broken-link", "cannot read {bad}: No such file or directory", id="broken-link"),
    pytest.param("empty-folder", "no files matching '*.txt' in {bad}", id="empty-folder"),
]


def _make_unreadable(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "no-such-file.txt"
    if kind == "broken-link":
        link = tmp_path / "dangling.txt"
        link.symlink_to(tmp_path / "gone.txt")
        return link
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "notes.md").write_text("Not matched by the default glob: 5 m.", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("kind", "message"), UNREADABLE_CASES)
@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_unreadable_input_reports_and_continues(
    tmp_path: Path, kind: str, message: str, fmt: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The company drilled 12 holes in March 2024.\n", encoding="utf-8")
    bad = _make_unreadable(tmp_path, kind)

    proc = run_cli("--format", fmt, bad, good)
    assert proc.returncode == 2
    assert f"{PROG}: {message.format(bad=bad)}" in proc.stderr.splitlines()
    if fmt == "jsonl":
        records = jsonl(proc.stdout)
        assert {r["file"] for r in records} == {str(good)}
        assert any(r["type"] == "date" and r["value"] == "2024-03" for r in records), records
    elif fmt == "csv":
        records = csv_records(proc.stdout)
        assert {r["file"] for r in records} == {str(good)}
        assert any(r["type"] == "date" and r["date_value"] == "2024-03" for r in records)
    else:
        rows = table_rows(proc.stdout)
        assert rows
        assert {r[0] for r in rows} == {str(good)}


# --- options ------------------------------------------------------------------


def test_help() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"usage: {PROG}")
    for option in ("--format", "--fx-rates"):
        assert option in proc.stdout


def test_version() -> None:
    from importlib.metadata import version

    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"{PROG} {version('rareearth-extract')}"


def test_unknown_format_is_a_usage_error() -> None:
    proc = run_cli("--format", "xml", stdin="x")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


# --- the value column, in process -----------------------------------------------

VALUE_CASES = [
    pytest.param(
        {
            "type": "quantity",
            "measure": "mass",
            "qualifier": "exact",
            "normalized_value": 1_200_000.0,
            "normalized_unit": "t",
        },
        "1,200,000 t (mass)",
        id="quantity",
    ),
    pytest.param(
        {
            "type": "quantity",
            "measure": "length",
            "qualifier": "up_to",
            "high": 250.0,
            "normalized_value": 250.0,
            "normalized_high": 250.0,
            "normalized_unit": "m",
        },
        "\u2264250 m (length)",
        id="quantity-up-to",
    ),
    pytest.param(
        {
            "type": "quantity",
            "measure": "mass",
            "qualifier": "range",
            "value": None,
            "normalized_value": None,
            "normalized_low": 5.0,
            "normalized_high": 10.0,
            "normalized_unit": "t",
        },
        "5\u201310 t (mass)",
        id="quantity-range",
    ),
    pytest.param(
        {
            "type": "quantity",
            "measure": "count",
            "qualifier": "exact",
            "value": 42.0,
            "unit": "deposits",
            "normalized_value": 42.0,
            "normalized_unit": "count",
        },
        "42 deposits (count)",
        id="count-shows-noun",
    ),
    pytest.param(
        {
            "type": "quantity",
            "measure": "other",
            "qualifier": "approximately",
            "value": 3.5,
            "unit": "widgets",
            "normalized_value": None,
            "normalized_unit": "",
        },
        "~3.5 widgets (other)",
        id="quantity-unnormalised",
    ),
    pytest.param(
        {
            "type": "money",
            "amount": 82.5e6,
            "currency": "AUD",
            "qualifier": "exact",
            "usd_amount": 53.2e6,
            "usd_source": "document_rate",
        },
        "82,500,000 AUD \u2248 53,200,000 USD (document_rate)",
        id="money-converted",
    ),
    pytest.param(
        {
            "type": "money",
            "amount": 34.9e6,
            "currency": "USD",
            "qualifier": "exact",
            "usd_amount": 34.9e6,
            "usd_source": "stated",
        },
        "34,900,000 USD",
        id="money-usd-not-repeated",
    ),
    pytest.param(
        {"type": "money", "amount": 1900.0, "currency": "USD", "per_unit": "oz"},
        "1,900 USD/oz",
        id="money-unit-price",
    ),
    pytest.param(
        {
            "type": "exchange_rate",
            "base": "KZT",
            "quote": "USD",
            "rate": 0.00188,
            "change_pct": 0.0,
        },
        "KZT/USD 0.00188 (0%)",
        id="exchange-rate",
    ),
    pytest.param(
        {
            "type": "quantity",
            "measure": "grade",
            "qualifier": "exact",
            "normalized_value": 8000.0,
            "normalized_unit": "g/t",
            "basis": "Li2O",
        },
        "8,000 g/t Li2O (grade)",
        id="grade-with-basis",
    ),
    pytest.param(
        {
            "type": "quantity",
            "measure": "percentage",
            "qualifier": "more_than",
            "normalized_value": 90.0,
            "normalized_unit": "%",
        },
        ">90% (percentage)",
        id="percent-no-space",
    ),
    pytest.param({"type": "date", "value": "2025-Q1"}, "2025-Q1", id="date"),
    pytest.param({"type": "date", "value": None}, "(relative)", id="date-relative"),
    pytest.param(
        {"type": "deposit", "name": "Ulken Kyzyltas", "kind": "project"},
        "Ulken Kyzyltas (project)",
        id="document-level-name",
    ),
]


@pytest.mark.parametrize(("record", "expected"), VALUE_CASES)
def test_format_value(record: dict[str, Any], expected: str) -> None:
    assert format_value(record) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (845_300.0, "845,300"),
        (0.00195, "0.00195"),
        (2.3, "2.3"),
        (-1.5, "-1.5"),
        (0.1 + 0.2, "0.3"),
        (None, "?"),
    ],
)
def test_format_number(number: float | None, expected: str) -> None:
    assert format_number(number) == expected


# --- folders and --glob ---------------------------------------------------------

TREE = {
    "a.txt": "The dam wall is 45 m high.",
    "2024/b.txt": "Drilling resumed in May 2024.",
    "2024/q3/c.txt": "The stockpile holds 80,000 tonnes.",
    "2024/notes.md": "The haul road is 7 km long.",
    "reports/d.txt": "The company paid $2 million for the claims.",
    ".cache/e.txt": "Hidden: 9 m.",
    "2024/.f.txt": "Hidden too: 10 m.",
}


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for rel, text in TREE.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    return root


GLOB_CASES = [
    pytest.param(None, ["2024/b.txt", "2024/q3/c.txt", "a.txt", "reports/d.txt"], id="default-txt"),
    pytest.param("*.md", ["2024/notes.md"], id="markdown"),
    pytest.param(
        "*",
        ["2024/b.txt", "2024/notes.md", "2024/q3/c.txt", "a.txt", "reports/d.txt"],
        id="everything-not-hidden",
    ),
    pytest.param("reports/*.txt", ["reports/d.txt"], id="path-pattern"),
    pytest.param("[ab].txt", ["2024/b.txt", "a.txt"], id="character-class"),
]


@pytest.mark.parametrize(("pattern", "expected"), GLOB_CASES)
def test_folder_is_read_recursively_by_glob(
    tree: Path, pattern: str | None, expected: list[str]
) -> None:
    args = ["--format", "jsonl", *(["--glob", pattern] if pattern else []), tree]
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    records = jsonl(proc.stdout)
    files = list(dict.fromkeys(r["file"] for r in records))
    assert files == [str(tree / rel) for rel in expected]
    for name in files:
        assert_offsets([r for r in records if r["file"] == name], read_original(Path(name)))


def test_folder_and_file_and_stdin_together(tree: Path) -> None:
    proc = run_cli("--format", "jsonl", tree / "a.txt", "-", tree / "reports", stdin=STDIN_SENTENCE)
    assert proc.returncode == 0, proc.stderr
    files = list(dict.fromkeys(r["file"] for r in jsonl(proc.stdout)))
    assert files == [str(tree / "a.txt"), "-", str(tree / "reports" / "d.txt")]


def test_one_file_in_a_folder_still_names_it(tree: Path) -> None:
    proc = run_cli("--format", "jsonl", tree / "reports")
    assert proc.returncode == 0, proc.stderr
    assert {r["file"] for r in jsonl(proc.stdout)} == {str(tree / "reports" / "d.txt")}


def test_folder_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch: Any) -> None:
    def walk(top: str, onerror: Any = None, **_: Any) -> Iterator[tuple[str, list[str], list[str]]]:
        onerror(PermissionError(13, "Permission denied", os.path.join(top, "locked")))
        yield top, [], ["open.txt"]

    monkeypatch.setattr(os, "walk", walk)
    errors: list[str] = []
    sources = list(find_sources([str(tmp_path)], on_error=errors.append))
    assert [s.name for s in sources] == [os.path.join(str(tmp_path), "open.txt")]
    assert errors == [f"cannot read {os.path.join(str(tmp_path), 'locked')}: Permission denied"]


# --- CSV ------------------------------------------------------------------------


def test_csv_header_is_file_then_every_column() -> None:
    proc = run_cli("--format", "csv", stdin="Nothing to see.")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [",".join(["file", *(c.name for c in columns())])]


def test_csv_rows_of_the_example(example_jsonl: subprocess.CompletedProcess[str]) -> None:
    proc = run_cli("--format", "csv", EXAMPLE)
    assert proc.returncode == 0, proc.stderr
    rows = csv_records(proc.stdout)
    facts = jsonl(example_jsonl.stdout)
    assert len(rows) == len(facts)
    original = read_original(EXAMPLE)
    for row, fact in zip(rows, facts, strict=True):
        assert row["file"] == str(EXAMPLE)
        assert (row["type"], int(row["start"]), int(row["end"])) == (
            fact["type"],
            fact["start"],
            fact["end"],
        )
        assert original[int(row["start"]) : int(row["end"])] == row["text"]


CSV_CELL_CASES = [
    pytest.param(
        "The stockpile at the plant holds 350,000 tonnes of ore.",
        "quantity",
        {"normalized_value": "350000.0", "normalized_unit": "t", "measure": "mass", "low": ""},
        id="quantity-floats-and-empty-cells",
    ),
    pytest.param(
        "Hole KR-22 intersected 9 m @ 4.1 g/t Au from 61 m.",
        "drill_intercept",
        {"length_normalized_value": "9.0", "grade_normalized_value": "4.1", "from_depth": "61.0"},
        id="nested-quantities-flattened",
    ),
    pytest.param(
        "It cost $5 million.",
        "money",
        {"currency": "USD", "currency_assumed": "true", "amount": "5000000.0"},
        id="booleans-lower-case",
    ),
    pytest.param(
        "Drilling resumed in May 2024.", "date", {"date_value": "2024-05"}, id="date-value"
    ),
]


@pytest.mark.parametrize(("text", "fact_type", "cells"), CSV_CELL_CASES)
def test_csv_cells(text: str, fact_type: str, cells: dict[str, str]) -> None:
    proc = run_cli("--format", "csv", stdin=text)
    assert proc.returncode == 0, proc.stderr
    (row,) = [r for r in csv_records(proc.stdout) if r["type"] == fact_type]
    assert row["file"] == "-"
    for key, value in cells.items():
        assert row[key] == value, (key, row)


def test_csv_lists_are_json(tmp_path: Path) -> None:
    proc = run_cli("--format", "csv", EXAMPLE)
    deposits = [r for r in csv_records(proc.stdout) if r["type"] == "deposit"]
    assert deposits
    for row in deposits:
        assert isinstance(json.loads(row["commodities"]), list)
        assert isinstance(json.loads(row["aliases"]), list)


# --- --jobs ---------------------------------------------------------------------


def test_jobs_give_the_same_output(tree: Path) -> None:
    serial = run_cli("--format", "jsonl", "--glob", "*", tree, EXAMPLE)
    parallel = run_cli("--format", "jsonl", "--glob", "*", "--jobs", "2", tree, EXAMPLE)
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert jsonl(serial.stdout)


def test_jobs_must_be_positive() -> None:
    proc = run_cli("--jobs", "0", stdin="x")
    assert proc.returncode == 2
    assert "--jobs must be at least 1" in proc.stderr


# --- the progress bar -------------------------------------------------------------


def run_cli_on_terminal(*args: str | os.PathLike[str]) -> tuple[int, str, str]:
    """Run the CLI with standard error on a pseudo-terminal; stdout stays a pipe."""
    import pty

    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}
    with subprocess.Popen(
        [sys.executable, "-m", "rareearth_extract", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=terminal,
        cwd=REPO,
        env=env,
    ) as proc:
        os.close(terminal)
        assert proc.stdout is not None
        stdout = proc.stdout.read()
        returncode = proc.wait(timeout=600)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return returncode, stdout.decode("utf-8"), b"".join(chunks).decode("utf-8", "replace")


needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@needs_pty
def test_progress_bar_on_a_terminal(tree: Path) -> None:
    returncode, stdout, stderr = run_cli_on_terminal("--format", "jsonl", tree)
    assert returncode == 0, stderr
    assert re.search(r"\d+%\|.*\| [0-4]/4 \[", stderr), stderr
    assert "file/s" in stderr or "s/file" in stderr
    assert len(jsonl(stdout)) >= 4, "the facts still go to standard output"


@needs_pty
def test_no_progress_flag_on_a_terminal(tree: Path) -> None:
    returncode, _, stderr = run_cli_on_terminal("--no-progress", "--format", "jsonl", tree)
    assert returncode == 0
    assert stderr == ""


@needs_pty
def test_errors_on_a_terminal_are_full_lines(tree: Path) -> None:
    returncode, _, stderr = run_cli_on_terminal(tree / "missing.txt", tree)
    assert returncode == 2
    assert f"{PROG}: cannot read {tree / 'missing.txt'}: No such file or directory" in stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(tree: Path) -> None:
    proc = run_cli("--format", "jsonl", tree)
    assert proc.returncode == 0
    assert proc.stderr == ""


def test_progress_flag_forces_the_bar(tree: Path) -> None:
    proc = run_cli("--progress", "--format", "jsonl", tree)
    assert proc.returncode == 0
    assert re.search(r"\| [0-4]/4 \[", proc.stderr), proc.stderr
