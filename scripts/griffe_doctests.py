"""A Griffe extension for the API reference: doctest examples become code blocks.

The package's docstrings hold doctests (pytest runs them) written as plain
``>>>`` lines. Markdown would read them as block quotes, and their list
output (``['300 m']``) as cross-references; this extension fences each
example block as ``pycon`` when mkdocstrings loads the docstrings.
``mkdocs.yml`` names this file under the Python handler's ``extensions``.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """Wrap each run of ``>>>`` lines and their output in a ``pycon`` fence.

    A run starts at a ``>>>`` line outside a fence and ends at a blank line.
    """
    out: list[str] = []
    in_fence = False
    in_example = False
    indent = ""
    for line in text.splitlines():
        stripped = line.strip()
        if in_example and not stripped:
            out.append(f"{indent}```")
            in_example = False
        if stripped.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and not in_example and stripped.startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            in_example = True
        out.append(line)
    if in_example:
        out.append(f"{indent}```")
    return "\n".join(out)


class FenceDoctests(griffe.Extension):
    """Fence the doctest examples of every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)
