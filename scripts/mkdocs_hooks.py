"""MkDocs hooks for the documentation site (``mkdocs.yml`` names this file).

* Pages written alongside the code rather than with the docs, such as
  ``docs/benchmarks.md``, join the navigation when they exist: every page of
  ``docs/`` that the ``nav`` of ``mkdocs.yml`` does not list is appended at its
  end (``benchmarks.md`` first), titled by its first heading. A page that does
  not exist is simply not there (a nav entry to a missing page would fail
  ``mkdocs build --strict``).
* A comment ``<!-- rareearth:render TEXT -->`` on a line of its own is replaced
  by ``rareearth_extract.render(TEXT)``: the picture the current code draws.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

FIRST = ("benchmarks.md",)
_RENDER = re.compile(r"^<!-- rareearth:render (?P<text>.+?) -->$", re.MULTILINE)
_HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)


def _listed(nav: Any) -> set[str]:
    """Every page path the nav names, at any depth."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_listed(v) for v in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(_listed(v) for v in nav)) if nav else set()
    return set()


def _title(page: Path) -> str:
    m = _HEADING.search(page.read_text(encoding="utf-8"))
    return m.group("title") if m else page.stem.replace("-", " ").capitalize()


def on_config(config: Any) -> Any:
    """Append the pages of ``docs/`` that the nav does not list."""
    nav = config.get("nav")
    if nav is None:
        return config
    docs = Path(config["docs_dir"])
    listed = _listed(nav)
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    missing = [p for p in pages if p not in listed]
    missing.sort(key=lambda p: (p not in FIRST, p))
    for page in missing:
        nav.append({_title(docs / page): page})
    return config


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace each render comment with the HTML ``render`` gives for its text."""
    if "rareearth:render" not in markdown:
        return markdown

    def picture(m: re.Match[str]) -> str:
        from rareearth_extract import render

        html = render(m.group("text"), jupyter=False) or ""
        flat = " ".join(line.strip() for line in html.splitlines() if line.strip())
        return f'<div class="rareearth-render">{flat}</div>'

    return _RENDER.sub(picture, markdown)
