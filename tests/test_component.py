"""The spaCy component on caller pipelines: spans, extension, optional NER input."""

from __future__ import annotations

import spacy

from rareearth_extract import build_pipeline


def _pipeline_with_ner() -> spacy.language.Language:
    """A blank pipeline whose entity ruler stands in for a trained NER."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Zarya"},
            {"label": "GPE", "pattern": "Oskemen"},
            {"label": "PERSON", "pattern": "Dana Ibrayeva"},
        ]
    )
    return build_pipeline(nlp)


def test_ner_org_and_gpe_add_to_our_facts() -> None:
    doc = _pipeline_with_ner()("Dana Ibrayeva said Zarya mined 5 Mt near Oskemen.")
    kinds = {(f.type, f.text) for f in doc._.rareearth_facts}
    assert ("organization", "Zarya") in kinds
    assert ("location", "Oskemen") in kinds
    assert not any(f.text == "Dana Ibrayeva" for f in doc._.rareearth_facts)


def test_ner_can_be_switched_off() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Zarya"}])
    build_pipeline(nlp)
    nlp.get_pipe("rareearth_facts").use_ner = False
    doc = nlp("Zarya mined 5 Mt.")
    assert [f.type for f in doc._.rareearth_facts] == ["quantity"]


def test_spans_and_ents_left_alone() -> None:
    nlp = build_pipeline()
    doc = nlp("The pit is 300 m deep and cost $5 million.")
    assert [(s.text, s.label_) for s in doc.spans["rareearth"]] == [
        ("300 m", "quantity"),
        ("$5 million", "money"),
    ]
    assert doc.ents == ()
