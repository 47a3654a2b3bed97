"""The installed package: its data files load and its entry points are declared."""

from __future__ import annotations

import sys
from importlib.metadata import distribution, entry_points
from importlib.resources import files

import pytest

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover
    from importlib.abc import Traversable

DIST = "rareearth-extract"
PACKAGE = "rareearth_extract"


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name == "__pycache__" or child.name.startswith("."):
            continue
        name = f"{prefix}{child.name}"
        if child.is_dir():
            found += _walk(child, f"{name}/")
        else:
            found.append((name, child))
    return found


def data_files() -> list[tuple[str, Traversable]]:
    return _walk(files(PACKAGE) / "data")


def test_data_directory_is_not_empty() -> None:
    assert data_files(), f"{PACKAGE}/data/ holds no files"


@pytest.mark.parametrize(("name", "resource"), [pytest.param(n, r, id=n) for n, r in data_files()])
def test_data_file_reads_as_utf8(name: str, resource: Traversable) -> None:
    raw = resource.read_bytes()
    assert raw.strip(), f"data/{name} is empty"
    raw.decode("utf-8")  # raises on a byte that is not UTF-8


def test_py_typed_marker_is_shipped() -> None:
    assert (files(PACKAGE) / "py.typed").is_file()


def test_distribution_is_installed() -> None:
    dist = distribution(DIST)
    assert dist.metadata["Name"].lower().replace("_", "-") == DIST
    requires = " ".join(dist.requires or [])
    for dependency in ("spacy", "pint", "attrs", "regex", "pycountry"):
        assert dependency in requires


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        pytest.param(
            "console_scripts", "rareearth-extract", "rareearth_extract.cli:main", id="console"
        ),
        pytest.param(
            "spacy_factories",
            "rareearth_facts",
            "rareearth_extract.components.facts:make_facts_component",
            id="spacy-factory",
        ),
    ],
)
def test_entry_point_declared(group: str, name: str, value: str) -> None:
    declared = {ep.name: ep for ep in entry_points(group=group)}
    assert name in declared, f"{name} not in {group}: {sorted(declared)}"
    assert declared[name].value == value


def test_console_entry_point_loads_main() -> None:
    (ep,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "rareearth-extract"]
    main = ep.load()
    assert callable(main)
    assert main.__module__ == "rareearth_extract.cli"


def test_spacy_factory_entry_point_loads() -> None:
    (ep,) = [ep for ep in entry_points(group="spacy_factories") if ep.name == "rareearth_facts"]
    assert callable(ep.load())


@pytest.mark.parametrize("extra", ["test", "pandas", "dask", "docs", "notebook"])
def test_optional_extra_declared(extra: str) -> None:
    assert extra in (distribution(DIST).metadata.get_all("Provides-Extra") or [])


def test_fact_schema_ships_as_json() -> None:
    import json

    schema = json.loads((files(PACKAGE) / "data" / "facts.schema.json").read_text("utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")


def test_importing_the_package_imports_no_optional_extra() -> None:
    import subprocess

    code = (
        "import sys, rareearth_extract; "
        "print(sorted(m for m in ('pandas', 'dask', 'distributed', 'jsonschema', 'matplotlib') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_extracting_needs_no_spacy_pipeline() -> None:
    """Extraction reads the text itself: spaCy is imported only when a pipeline is built
    (``Extractor.nlp``, ``build_pipeline``, ``render``), which keeps start-up short."""
    import subprocess

    code = (
        "import sys; from rareearth_extract import extract_facts, Extractor; "
        "facts = extract_facts('The pit is 300 m deep.'); "
        "print([f.text for f in facts], 'spacy' in sys.modules); "
        "Extractor().nlp; print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["['300 m'] False", "True"]
