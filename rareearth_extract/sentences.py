"""Sentence spans by bisection over break offsets computed once per text.

Good enough for what the library needs (a fact's `sentence`, "the same
sentence" tests in linkers) and linear in the text: a break is a newline or
sentence-final punctuation followed by space and a capital, digit or quote.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from .patterns import FLAGS

_BREAK = regex.compile(
    r"\n|(?<=[.!?])[\"')\]]*+[ \t]++(?=[\"'(\[]?[A-Z0-9\u0400-\u042f])", FLAGS
)


#: The most characters of context kept either side of a fact in its `sentence`.
MAX_CONTEXT = 500


class Sentences:
    """The sentences of one text, looked up by offset."""

    __slots__ = ("_breaks", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._breaks = [m.end() for m in _BREAK.finditer(text)]

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
        fact (a table, a page without full stops) is cut to that window, so
        every fact's sentence costs bounded time and memory.
        """
        s, e = self.span(start, end)
        s = max(s, start - MAX_CONTEXT)
        e = min(e, end + MAX_CONTEXT)
        return self._text[s:e].strip()
