"""``render``: facts highlighted with displaCy's span style."""

from __future__ import annotations

import warnings

import pytest
from varied_texts import example_text

from rareearth_extract import build_pipeline, render
from rareearth_extract.display import FACT_COLORS
from rareearth_extract.facts import FACT_TYPES


def test_every_fact_type_has_its_own_colour() -> None:
    assert set(FACT_COLORS) == set(FACT_TYPES)
    assert len(set(FACT_COLORS.values())) == len(FACT_COLORS)


def test_render_returns_html_outside_a_notebook() -> None:
    html = render("The shaft is 640 m deep and cost $12 million.", jupyter=False)
    assert isinstance(html, str)
    assert 'class="spans"' in html
    assert "640" in html and "$" in html
    assert FACT_COLORS["quantity"] in html
    assert FACT_COLORS["money"] in html


RENDER_CASES = [
    pytest.param("The shaft is 640 m deep.", {"quantity"}, id="quantity"),
    pytest.param("It cost $12 million in May 2024.", {"money", "date"}, id="money-and-date"),
    pytest.param(
        "Hole KR-22 intersected 9 m @ 4.1 g/t Au from 61 m.",
        {"quantity", "drill_intercept", "commodity"},
        id="overlapping-relation",
    ),
]


@pytest.mark.parametrize(("text", "types"), RENDER_CASES)
def test_render_colours_each_type(text: str, types: set[str]) -> None:
    html = render(text, jupyter=False)
    assert html is not None
    for fact_type in types:
        assert FACT_COLORS[fact_type] in html, fact_type
    for fact_type in set(FACT_TYPES) - types:
        assert FACT_COLORS[fact_type] not in html, fact_type


def test_types_filter() -> None:
    html = render("It cost $12 million in May 2024.", types=["date"], jupyter=False)
    assert html is not None
    assert FACT_COLORS["date"] in html
    assert FACT_COLORS["money"] not in html


def test_colours_can_be_overridden() -> None:
    html = render("The shaft is 640 m deep.", colors={"quantity": "#123456"}, jupyter=False)
    assert html is not None and "#123456" in html


def test_text_without_facts_renders_quietly() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html = render("Nothing to see here.", jupyter=False)
    assert html is not None and "Nothing" in html


def test_render_a_doc_leaves_it_as_it_was() -> None:
    doc = build_pipeline()("It cost $12 million in May 2024.")
    html = render(doc, types=["money"], jupyter=False)
    assert html is not None and FACT_COLORS["money"] in html
    assert list(doc.spans) == ["rareearth"]


def test_render_a_doc_without_our_spans_is_an_error() -> None:
    import spacy

    with pytest.raises(ValueError, match="no spans under 'rareearth'"):
        render(spacy.blank("en")("Plain text."), jupyter=False)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"types": ["rumour"]}, ValueError, id="unknown-type"),
        pytest.param({"text": 42}, TypeError, id="not-text"),
    ],
)
def test_render_errors(kwargs: dict[str, object], error: type[Exception]) -> None:
    args = {"text": "The shaft is 640 m deep.", "jupyter": False, **kwargs}
    with pytest.raises(error):
        render(**args)  # type: ignore[arg-type]


def test_render_the_example() -> None:
    html = render(example_text(), jupyter=False)
    assert html is not None
    for fact_type in FACT_TYPES:
        assert FACT_COLORS[fact_type] in html, fact_type


def test_render_a_text_longer_than_the_pipeline_takes() -> None:
    from rareearth_extract import Extractor

    extractor = Extractor()
    extractor.nlp.max_length = 30_000
    text = "Crews logged core all week. " * 1_500 + "The last hole reached 812 m."
    assert len(text) > extractor.nlp.max_length
    html = render(text, extractor=extractor, jupyter=False)
    assert html is not None and "812" in html
    assert html.count(FACT_COLORS["quantity"]) >= 1
