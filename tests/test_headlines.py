"""The shared headline judgement: lines capitalised like a headline, and words before a name."""

from __future__ import annotations

import pytest

from rareearth_extract.headlines import HeadlineRule, Headlines, shouting

# Four words of four letters or more, 80% capitalised, and no sentence's end.
STRICT = HeadlineRule(min_letters=4, share=0.8, sentence_ends=(".", ";", ":"))
# Three letters count; 70% capitalised; only a full stop ends a sentence.
LOOSE = HeadlineRule(min_letters=3, share=0.7)


@pytest.mark.parametrize(
    ("rule", "line", "expected"),
    [
        (STRICT, "Steppe Miner Doubles Tungsten Output", True),
        (STRICT, "Steppe Miner Doubles Tungsten Output.", False),  # a sentence
        (STRICT, "Steppe Miner Doubles Tungsten Output:", False),
        (LOOSE, "Steppe Miner Doubles Tungsten Output:", True),  # only "." ends one here
        (STRICT, "Steppe Miner Output", False),  # three long words are too few
        (STRICT, "The crew drilled twelve holes at the Kora prospect", False),
        (STRICT, "Crews Drill Twelve holes At Kora Prospect", True),  # 5 of 6 long words
        (LOOSE, "Crews Drill Ten New Holes and Ore", True),  # 6 of 7 words of three letters
        (STRICT, "", False),
        (STRICT, "   ", False),
    ],
)
def test_is_headline(rule: HeadlineRule, line: str, expected: bool) -> None:
    assert rule.is_headline(line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Steppe Miner Doubles Tungsten Output At Kora", True),
        ("the crew said output at Kora", False),
        ("Steppe Miner Doubles Output\nat Kora", False),  # the line before does not count
    ],
)
def test_capitals_just_before_a_name(text: str, expected: bool) -> None:
    assert STRICT.before(text, text.rindex("Kora"), reach=60, last=5) is expected


def test_headlines_by_offset_judge_each_line() -> None:
    text = "Steppe Miner Doubles Tungsten Output\nThe crew drilled twelve holes at Kora.\n"
    lines = Headlines(text, STRICT)
    assert 0 in lines and text.index("Tungsten") in lines
    assert text.index("crew") not in lines
    assert len(text) - 1 not in lines  # the last line break belongs to the prose line


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["KORA", "deposit"], True), (["Kora", "deposit"], False), (["KZ", "tin"], False)],
)
def test_shouting(words: list[str], expected: bool) -> None:
    assert shouting(words) is expected
