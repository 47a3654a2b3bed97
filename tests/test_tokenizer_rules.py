"""Properties the tokenizer's fast paths rely on (speed itself is measured in benchmarks/)."""

from __future__ import annotations

import re
import sys

import spacy

from rareearth_extract import tokenizer


def test_no_one_character_suffix_is_a_letter_or_a_digit() -> None:
    # _suffix_run tests "not a letter or digit" first: that must never skip a run.
    suffixes = [tokenizer._source(p) for p in spacy.blank("en").Defaults.suffixes]
    one = "|".join(p for p in suffixes if p.strip() and tokenizer._one_char(p))
    pattern = re.compile(f"(?:{one})")
    word = re.compile(r"[^\W_]")
    clashes = [
        c for c in range(sys.maxunicode + 1) if word.match(chr(c)) and pattern.fullmatch(chr(c))
    ]
    assert clashes == []


def test_the_guarded_suffix_run_matches_as_the_plain_one() -> None:
    suffixes = [tokenizer._source(p) for p in spacy.blank("en").Defaults.suffixes]
    one = "|".join(p for p in suffixes if p.strip() and tokenizer._one_char(p))
    plain = re.compile(f"(?<!{one})(?:{one}){{{tokenizer.AFFIX_RUN},}}$")
    guarded = re.compile(tokenizer._suffix_run(suffixes) + "$")
    for text in ["ok))))))))))", "word", "!!!!!!!!!!!!", "a__________", "x)))", "(((((((((("]:
        a, b = plain.search(text), guarded.search(text)
        assert (a and a.span()) == (b and b.span()), text


def test_glued_units_split_from_numbers() -> None:
    nlp = tokenizer.customize_tokenizer(spacy.blank("en"))
    assert [t.text for t in nlp("10Mt and 3.88g/t")] == ["10", "Mt", "and", "3.88", "g/t"]
