"""Is this line a headline? The one judgement several matchers need.

In a headline ("Kazakh Miner Expands Tungsten Output") or a heading in capitals,
a capital letter proves nothing: the matchers that read names from capitals
(deposits, organisations) and those that read a capitalised commodity word as
part of a name ("Gold Fields") must not trust them there. Each matcher keeps its
own thresholds (a :class:`HeadlineRule`), tuned to how costly a miss is for it;
the reading of lines and words is shared here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

import attrs
import regex

from .patterns import FLAGS


@cache
def _word_re(min_letters: int) -> regex.Pattern[str]:
    """Words of at least `min_letters` letters (apostrophes and hyphens inside)."""
    return regex.compile(rf"\p{{L}}[\p{{L}}'-]{{{min_letters - 1},}}+", FLAGS)


@attrs.frozen
class HeadlineRule:
    """When a line (or a few words) is capitalised like a headline.

    Only words of `min_letters` letters or more count ("of", "the" do not); a
    line is a headline when it has `min_words` of them, a `share` of them begin
    with a capital, and it does not end like a sentence (`sentence_ends`).
    """

    min_letters: int
    share: float
    min_words: int = 4
    sentence_ends: tuple[str, ...] = (".",)

    def words(self, text: str) -> list[str]:
        """The counted words of `text`."""
        words: list[str] = _word_re(self.min_letters).findall(text)
        return words

    def capitalised(self, words: list[str]) -> bool:
        """Whether enough of `words` (at least `min_words`) begin with a capital."""
        if len(words) < self.min_words:
            return False
        return sum(w[0].isupper() for w in words) >= self.share * len(words)

    def is_headline(self, line: str) -> bool:
        """Whether `line` (one line, no newline) is a headline."""
        line = line.rstrip()
        return not line.endswith(self.sentence_ends) and self.capitalised(self.words(line))

    def before(self, text: str, start: int, reach: int, last: int) -> bool:
        """Whether the `last` counted words before `start` on its line, within `reach`
        characters, are capitalised like a headline's (a headline run into prose)."""
        line_start = text.rfind("\n", max(0, start - reach), start) + 1
        window = text[max(line_start, start - reach) : start]
        return self.capitalised(self.words(window)[-last:])


class Headlines:
    """The headline lines of one text, judged by `rule` once per line when asked."""

    def __init__(self, text: str, rule: HeadlineRule) -> None:
        self.text = text
        self.rule = rule
        self._known: dict[int, bool] = {}
        self._line_starts: list[int] | None = None

    def __contains__(self, pos: int) -> bool:
        """Whether the line holding offset `pos` is a headline."""
        if self._line_starts is None:
            starts = [0]
            at = self.text.find("\n")
            while at != -1:
                starts.append(at + 1)
                at = self.text.find("\n", at + 1)
            self._line_starts = starts
        start = self._line_starts[bisect_right(self._line_starts, pos) - 1]
        known = self._known.get(start)
        if known is None:
            end = self.text.find("\n", start)
            line = self.text[start : len(self.text) if end < 0 else end]
            known = self._known[start] = self.rule.is_headline(line)
        return known


def shouting(words: Iterable[str], min_letters: int = 4) -> bool:
    """Whether any of `words` of `min_letters` or more is in capitals (a heading's)."""
    return any(len(w) >= min_letters and w.isupper() for w in words)
