"""Text normaliser with an offset map back to the caller's original string.

Matching is easier on tidy text: one kind of space, one kind of dash, straight
quotes, ``km2`` for ``km²``, no footnote stars glued to units, no runs of
spaces. Each step here is pure and precompiled; together they produce a
:class:`Normalized` whose :meth:`~Normalized.span` maps a ``[start, end)`` range
in the normalised text back to the original.

Two kinds of edit are made:

* one-for-one character replacements (``str.translate``), which keep offsets;
* deletions and collapses (a run of spaces to one space, a glued ``*`` removed),
  recorded as breakpoints so the map stays a short sorted list, not a per-character
  array: mapping is a binary search.

Repeated boilerplate (a ticker line printed eight times) is detected here too:
:attr:`Normalized.repeated` lists the spans of every verbatim repeat of a line
after its first occurrence, so their facts can be reported once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

import attrs

# One-for-one replacements: each maps a single character to a single character,
# so offsets do not move.
_TRANSLATE = str.maketrans(
    {
        # spaces: no-break, figure, narrow no-break, thin, hair, en/em spaces, ideographic
        "\u00a0": " ",
        "\u2000": " ",
        "\u2001": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        # dashes and minus signs
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        # quotes
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        # superscripts and subscripts used in units and formulas
        "\u00b2": "2",
        "\u00b3": "3",
        "\u00b9": "1",
        "\u2070": "0",
        "\u2074": "4",
        "\u2075": "5",
        "\u2076": "6",
        "\u2077": "7",
        "\u2078": "8",
        "\u2079": "9",
        "\u207a": "+",
        "\u207b": "-",
        "\u2080": "0",
        "\u2081": "1",
        "\u2082": "2",
        "\u2083": "3",
        "\u2084": "4",
        "\u2085": "5",
        "\u2086": "6",
        "\u2087": "7",
        "\u2088": "8",
        "\u2089": "9",
        # look-alike signs
        "\uff05": "%",
        "\u066a": "%",
        "\u00d7": "x",
        "\uff04": "$",
    }
)

# Deletions and collapses, in one pass: runs of spaces, zero-width characters and
# soft hyphens, footnote marks glued to a word, a number or a percent sign.
# (The stdlib engine: it scans these simple patterns several times faster than
# ``regex``; greedy runs of one class match as the possessive ones did.)
_EDITS = re.compile(
    r"(?P<spaces>[ ]{2,})"
    r"|(?P<invisible>[\u200b\u200c\u200d\u2060\ufeff\u00ad]+)"
    r"|(?=[*\u2020\u2021])(?<=[\w%.])(?P<footnote>[*\u2020\u2021]+)"
)
_TRANSLATED = frozenset(chr(c) for c in _TRANSLATE)
_SPACES = re.compile(r"[ ][ ]+")  # (a literal prefix: the fast search)
_EDIT_CHARS = frozenset("*\u2020\u2021\u200b\u200c\u200d\u2060\ufeff\u00ad")
# The same characters as classes: the engine skips ahead to a class in C, several
# times faster than a set built from (or tested against) every character of the text.
_TRANSLATED_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_TRANSLATED)) + "]")
_EDIT_CHARS_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_EDIT_CHARS)) + "]")

_REPLACEMENT = {"spaces": " ", "invisible": "", "footnote": ""}

_LINE = re.compile(r"[^\n]+")
_MIN_BOILERPLATE_LINE = 4


@attrs.frozen(slots=True)
class Normalized:
    """Normalised text with the means to map its offsets back to the original."""

    original: str
    text: str
    _norm_points: Sequence[int] = attrs.field(alias="norm_points")
    _orig_points: Sequence[int] = attrs.field(alias="orig_points")
    repeated: tuple[tuple[int, int], ...] = ()
    """Normalised-text spans of lines that repeat an earlier line verbatim."""
    _repeat_starts: tuple[int, ...] = attrs.field(init=False)

    @_repeat_starts.default
    def _starts(self) -> tuple[int, ...]:
        return tuple(s for s, _ in self.repeated)

    @property
    def keeps_offsets(self) -> bool:
        """True when every offset of the normalised text is that of the original."""
        return len(self._norm_points) == 1

    def to_original(self, pos: int) -> int:
        """Map a normalised offset to the original offset of the same character."""
        i = bisect_right(self._norm_points, pos) - 1
        return pos - self._norm_points[i] + self._orig_points[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the original ``[start, end)``."""
        if end <= start:
            s = self.to_original(start)
            return s, s
        return self.to_original(start), self.to_original(end - 1) + 1

    def in_repeat(self, start: int) -> bool:
        """True when a normalised offset falls in a repeated boilerplate line."""
        i = bisect_right(self._repeat_starts, start) - 1
        return i >= 0 and start < self.repeated[i][1]


def normalize(original: str) -> Normalized:
    """Normalise `original` for matching, keeping an offset map.

    >>> n = normalize("about\\u00a0935,400  tons*")
    >>> n.text
    'about 935,400 tons'
    >>> n.span(6, 18)
    (6, 19)
    """
    text = original
    # Only the few characters present are replaced: far quicker than a translate
    # table over the whole text (and one for one, so offsets do not move).
    for ch in set(_TRANSLATED_RE.findall(original)):
        text = text.replace(ch, _TRANSLATE[ord(ch)])
    norm_points = [0]
    orig_points = [0]
    pieces: list[str] = []
    last = 0
    shift = 0
    if _EDIT_CHARS_RE.search(text) is not None:
        edits: Iterable[re.Match[str]] = _EDITS.finditer(text)
    elif "  " in text:
        edits = _SPACES.finditer(text)  # only runs of spaces: a far quicker scan
    else:
        edits = ()
    for m in edits:
        kind = m.lastgroup or "spaces"
        repl = _REPLACEMENT[kind]
        a, b = m.span()
        pieces.append(text[last:a])
        pieces.append(repl)
        last = b
        shift += (b - a) - len(repl)
        norm_points.append(b - shift)
        orig_points.append(b)
    if last:
        pieces.append(text[last:])
        text = "".join(pieces)
    return Normalized(
        original=original,
        text=text,
        norm_points=norm_points,
        orig_points=orig_points,
        repeated=_repeated_lines(text),
    )


def _repeated_lines(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of lines that repeat an earlier line verbatim (after stripping)."""
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if len(line) < _MIN_BOILERPLATE_LINE:
            continue
        if line in seen:
            spans.append(m.span())
        else:
            seen.add(line)
    return tuple(spans)
