"""Web and e-mail addresses are not prose; offsets hold with and without normalising edits."""

from __future__ import annotations

import pytest

from rareearth_extract import extract_facts as extract


@pytest.mark.parametrize(
    "text",
    [
        "Write to ir@ndpr-mining.com.au or see https://ndpr-mining.com.au/2024/q3-report today.",
        "Details at WWW.LITHIUMCO.COM/5kg-samples and at http://user@host.example/7-km-trench",
        "Mail a.b+c@x-y.co.uk, then 3@ tonnes is no address but 12 t is a quantity.",
    ],
)
def test_nothing_is_read_inside_an_address(text: str) -> None:
    facts = extract(text)
    for start in (text.find("@"), text.lower().find("www."), text.find("://")):
        if start < 0 or text[start - 1 : start] in (" ", "3"):
            continue
        assert not any(f.start <= start < f.end for f in facts)


def test_addresses_leave_the_facts_around_them() -> None:
    text = "Contact ir@example.com. The mill treats 5,000 tpa of ore (www.example.com)."
    facts = extract(text)
    assert [f.text for f in facts if f.type == "quantity"] == ["5,000 tpa"]


@pytest.mark.parametrize(
    "text",
    [
        # No normalising edit: offsets of the normalised text are the original's.
        "The pit holds 2.5 Mt at 1.2% TREO, about US$60 million of ore.",
        # Double spaces, a soft hyphen and a footnote mark: offsets move.
        "The pit  holds 2.5 Mt\u00ad at 1.2%* TREO,  about US$60 million of ore.",
    ],
)
def test_offsets_sentences_and_units_point_into_the_original(text: str) -> None:
    facts = extract(text)
    assert facts
    for f in facts:
        assert text[f.start : f.end] == f.text
        assert f.text in f.sentence or f.sentence in text
    quantities = [f for f in facts if f.type == "quantity"]
    assert {q.unit for q in quantities} >= {"Mt"}


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Send it to ops.team+ore@mine-co.com.au before noon.", "ops.team+ore@mine-co.com.au"),
        ("Two: a@b.kz and c_d@e.kz.", "a@b.kz"),
        ("Forty@ signs@@ and @@@ are no address.", None),
        # A local part longer than an address can have is not read as one.
        ("x " + "y" * 300 + "@mine.com and 4 t", None),
    ],
)
def test_email_addresses_are_found_whole(text: str, address: str | None) -> None:
    from rareearth_extract.engine import _addresses

    spans = [text[a:b] for a, b in _addresses(text)]
    assert (spans[0] if spans else None) == address
