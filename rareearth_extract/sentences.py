"""Sentence spans by bisection over break offsets computed once per text.

Good enough for what the library needs (a fact's `sentence`, "the same
sentence" tests in linkers) and linear in the text: a break is a newline or
sentence-final punctuation followed by space and a capital, digit or quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# The stdlib engine scans this simple pattern several times faster than ``regex``.
# (No possessive quantifiers, for Python 3.10: the classes are disjoint, so the
# greedy ones give the same matches.) The stop before the space is read, not looked
# behind for: the pattern then starts with a character class, which the engine
# skips ahead to instead of trying every position. Only the ends of the matches
# count, and they are the same: the character read never ends an earlier match.
_BREAK = re.compile(
    r"[\n.!?](?:(?<=\n)|(?<=[.!?])[\"')\]]*[ \t]+(?=[\"'(\[]?[A-Z0-9\u0400-\u042f]))"
)


#: The characters of context kept either side of a fact in a long `sentence`: at
#: least this many, and fewer than this many plus :data:`CONTEXT_GRID`.
MAX_CONTEXT = 500
#: A long sentence is cut at multiples of this many characters (of the whole
#: text), so that facts close together share one string.
CONTEXT_GRID = 250


@lru_cache(maxsize=4)
def _breaks(text: str) -> tuple[int, ...]:
    """Where sentences end in `text`; computed once when the matchers, the grouping of
    entities and the relations each ask for the same text's sentences."""
    return tuple(m.end() for m in _BREAK.finditer(text))


class Sentences:
    """The sentences of one text, looked up by offset.

    `origin` is where `text` starts in a longer text it was cut from (a chunk);
    long sentences are cut at the same places whatever the chunk.
    """

    __slots__ = ("_breaks", "_cache", "_origin", "_text")

    def __init__(self, text: str, *, origin: int = 0) -> None:
        self._text = text
        self._origin = origin
        self._breaks = _breaks(text)
        self._cache: dict[tuple[int, int], str] = {}

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the sentence holding ``[start, end)`` (or of all it spans)."""
        breaks = self._breaks
        i = bisect_right(breaks, start)
        s = breaks[i - 1] if i else 0
        j = bisect_right(breaks, max(end - 1, start))
        e = breaks[j] if j < len(breaks) else len(self._text)
        return s, e

    def text_of(self, start: int, end: int) -> str:
        """The sentence holding ``[start, end)``, stripped.

        A "sentence" of more than ``MAX_CONTEXT`` characters either side of the
        fact (a table, a page without full stops) is cut to a window of that
        much context or a little more, ending at multiples of ``CONTEXT_GRID``,
        so every fact's sentence costs bounded time, and facts close together
        (and facts of one sentence) share one string: the memory the sentences
        of a text take grows with its length, not with its number of facts.
        """
        s, e = self.span(start, end)
        lo = start - MAX_CONTEXT
        if s < lo:
            s = max(s, lo - (lo + self._origin) % CONTEXT_GRID)
        hi = end + MAX_CONTEXT
        if e > hi:
            e = min(e, hi + (-(hi + self._origin)) % CONTEXT_GRID)
        key = (s, e)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._text[s:e].strip()
        return found
