"""Relations between facts: resource estimates and drill intercepts.

Work in progress (entities issue).
"""

from __future__ import annotations

from .facts import Fact


def find_relations(text: str, facts: list[Fact]) -> list[Fact]:
    """Resource estimates and drill intercepts built from `facts` (not written yet)."""
    return []
