"""The command line, run for real in a subprocess (``python -m rareearth_extract``).

The sentences here are written for these tests; the example article is
``examples/kazakh_rare_earths.txt``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from rareearth_extract.cli import format_number, format_value

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


@pytest.mark.parametrize("kind", ["missing", "directory"])
@pytest.mark.parametrize("fmt", ["table", "jsonl"])
def test_unreadable_file_reports_and_continues(tmp_path: Path, kind: str, fmt: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The company drilled 12 holes in March 2024.\n", encoding="utf-8")
    bad = tmp_path / "no-such-file.txt"
    if kind == "directory":
        bad = tmp_path / "a-directory"
        bad.mkdir()

    proc = run_cli("--format", fmt, bad, good)
    assert proc.returncode == 2
    assert f"{PROG}: cannot read {bad}: " in proc.stderr
    if fmt == "jsonl":
        records = jsonl(proc.stdout)
        assert records
        assert {r["file"] for r in records} == {str(good)}
        assert any(r["type"] == "date" and r["value"] == "2024-03" for r in records), records
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
