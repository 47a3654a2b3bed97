"""Document-level grouping of entity mentions under one canonical name.

Work in progress (entities issue): for now each mention keeps its own name.
"""

from __future__ import annotations

from .facts import Fact


def group_entities(facts: list[Fact]) -> list[Fact]:
    """Give every mention of one thing the same canonical name (not written yet)."""
    return facts
