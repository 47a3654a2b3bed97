"""The documentation: its Python examples run as written, and the site is complete.

Every ``>>>`` example in ``docs/**/*.md`` is a doctest (pages without one are
not collected). The site itself is
built by CI with ``mkdocs build --strict`` (the ``docs`` extra).
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if ">>>" in p.read_text(encoding="utf-8"))
NEEDS = {"pandas": re.compile(r"facts_to_frame"), "jsonschema": re.compile(r"import jsonschema")}


def _page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


@pytest.mark.parametrize("page", [pytest.param(p, id=_page_id(p)) for p in PAGES])
def test_examples_in_docs_run(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for module, pattern in NEEDS.items():
        if pattern.search(text):
            pytest.importorskip(module)
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
        report=True,
    )
    assert result.failed == 0, f"{result.failed} example(s) failed in {_page_id(page)}"


def _nav_pages() -> list[str]:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r":\s*([\w/.-]+\.md)\s*$", config, flags=re.MULTILINE)


@pytest.mark.parametrize("page", _nav_pages())
def test_nav_pages_exist(page: str) -> None:
    assert (DOCS / page).is_file()


GUIDE_PAGES = {
    "quantity": "quantities",
    "money": "money",
    "exchange_rate": "exchange-rates",
    "date": "dates",
    "commodity": "commodities",
    "location": "locations",
    "organization": "organizations",
    "deposit": "deposits",
    "resource_estimate": "resource-estimates",
    "drill_intercept": "drill-intercepts",
}


def test_every_fact_type_has_a_guide_page() -> None:
    from rareearth_extract.facts import FACT_TYPES

    assert set(GUIDE_PAGES) == set(FACT_TYPES)
    for page in GUIDE_PAGES.values():
        assert f"guide/{page}.md" in _nav_pages(), page
