"""The spaCy component: added by name, configurable names, ents, saving, serialised docs.

The sentences are written for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy
import srsly
from spacy.tokens import Doc, DocBin
from varied_texts import VARIED_TEXTS, example_text

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


# --- added by name, with no import of our package ------------------------------

FRESH_PIPELINE = r"""
import json, sys
import spacy

before = sorted(m for m in sys.modules if m.split(".")[0] == "rareearth_extract")
nlp = spacy.blank("en")
nlp.add_pipe("rareearth_facts")
doc = nlp("The tailings dam holds 2.5 million tonnes and cost $30 million.")
print(json.dumps({
    "imported_before": before,
    "pipe_names": nlp.pipe_names,
    "facts": [[f.type, f.text] for f in doc._.rareearth_facts],
    "spans": [[s.text, s.label_] for s in doc.spans["rareearth"]],
    "ents": [e.text for e in doc.ents],
}))
"""


def _run_python(code: str, cwd: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_add_pipe_by_name_in_a_fresh_process(tmp_path: Path) -> None:
    out = _run_python(FRESH_PIPELINE, tmp_path)
    assert out["imported_before"] == [], "the subprocess must not import the package itself"
    assert out["pipe_names"] == ["rareearth_facts"]
    assert out["facts"] == [["quantity", "2.5 million tonnes"], ["money", "$30 million"]]
    assert out["spans"] == [["2.5 million tonnes", "quantity"], ["$30 million", "money"]]
    assert out["ents"] == []


# --- configuration ------------------------------------------------------------

NAME_CASES = [
    pytest.param({}, "rareearth_facts", "rareearth", id="defaults"),
    pytest.param({"extension": "mining_facts"}, "mining_facts", "rareearth", id="extension"),
    pytest.param({"spans_key": "mining"}, "rareearth_facts", "mining", id="spans-key"),
    pytest.param(
        {"extension": "re_facts", "spans_key": "re_spans"}, "re_facts", "re_spans", id="both"
    ),
]


@pytest.mark.parametrize(("config", "extension", "spans_key"), NAME_CASES)
def test_extension_and_spans_key_are_configurable(
    config: dict[str, Any], extension: str, spans_key: str
) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("rareearth_facts", config=config)
    doc = nlp("The shaft reached 640 m in May 2024.")
    facts = doc._.get(extension)
    assert [(f.type, f.text) for f in facts] == [("quantity", "640 m"), ("date", "May 2024")]
    assert [(s.text, s.label_) for s in doc.spans[spans_key]] == [
        ("640 m", "quantity"),
        ("May 2024", "date"),
    ]
    assert list(doc.spans) == [spans_key]


def test_two_components_with_their_own_names_and_rates() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("rareearth_facts", name="plain")
    nlp.add_pipe(
        "rareearth_facts",
        name="with_rates",
        config={"extension": "facts_usd", "spans_key": "usd", "fx_rates": {"RUB": 0.011}},
    )
    doc = nlp("The council paid 800 million rubles for the road.")
    (plain,) = [f for f in doc._.rareearth_facts if f.type == "money"]
    (rated,) = [f for f in doc._.facts_usd if f.type == "money"]
    assert (plain.currency, plain.usd_source) == ("RUB", None)
    assert (rated.currency, rated.usd_source) == ("RUB", "user_rate")
    assert rated.usd_amount == pytest.approx(800e6 * 0.011)
    assert [s.text for s in doc.spans["usd"]] == [s.text for s in doc.spans["rareearth"]]


# --- doc.ents -----------------------------------------------------------------

ENTS_SENTENCE = "Ridgeway Metals drilled 26 m @ 2.2 g/t Au at Copper Hill in June 2024."


def _with_ruler(*, set_ents: bool) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Ridgeway Metals"}])
    nlp.add_pipe("rareearth_facts", config={"set_ents": set_ents, "use_ner": False})
    return nlp


def test_ents_untouched_by_default() -> None:
    doc = _with_ruler(set_ents=False)(ENTS_SENTENCE)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ridgeway Metals", "ORG")]
    assert doc.spans["rareearth"], "facts still land in doc.spans"


def test_set_ents_adds_facts_and_keeps_existing_entities() -> None:
    doc = _with_ruler(set_ents=True)(ENTS_SENTENCE)
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ents[0] == ("Ridgeway Metals", "ORG"), "the ruler's entity is kept"
    assert ("26 m", "quantity") in ents
    assert ("2.2 g/t Au", "quantity") in ents
    assert ("June 2024", "date") in ents
    assert all(label not in {"drill_intercept", "resource_estimate"} for _, label in ents)
    assert any(s.label_ == "drill_intercept" for s in doc.spans["rareearth"])


def test_set_ents_on_a_blank_pipeline_labels_fact_types() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("rareearth_facts", config={"set_ents": True})
    doc = nlp("Copper output rose 7% to 81,000 tonnes.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Copper", "commodity"),
        ("7%", "quantity"),
        ("81,000 tonnes", "quantity"),
    ]


# --- saving and loading -------------------------------------------------------

SAVED_SENTENCE = "The levy is 3.5 billion som and the licence covers 820 ha."


def _saved_pipeline(path: Path) -> spacy.language.Language:
    nlp = build_pipeline(extension="saved_facts", spans_key="saved", fx_rates={"KGS": 0.0114})
    nlp.to_disk(path)
    return nlp


def test_survives_to_disk_and_spacy_load(tmp_path: Path) -> None:
    nlp = _saved_pipeline(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names == ["rareearth_facts"]
    config = loaded.get_pipe_config("rareearth_facts")
    assert config["extension"] == "saved_facts"
    assert config["spans_key"] == "saved"
    assert config["fx_rates"] == {"KGS": 0.0114}
    before, after = nlp(SAVED_SENTENCE), loaded(SAVED_SENTENCE)
    assert after._.saved_facts == before._.saved_facts
    assert [f.usd_source for f in after._.saved_facts if f.type == "money"] == ["user_rate"]
    assert [t.text for t in after] == [t.text for t in before], "tokenizer rules are saved"


LOAD_SAVED = r"""
import json, sys
import spacy

nlp = spacy.load(sys.argv[1])
doc = nlp("The levy is 3.5 billion som and the licence covers 820 ha.")
print(json.dumps([[f.type, f.text, f.to_dict().get("usd_source")] for f in doc._.saved_facts]))
"""


def test_saved_pipeline_loads_in_a_fresh_process(tmp_path: Path) -> None:
    _saved_pipeline(tmp_path / "pipeline")
    proc = subprocess.run(
        [sys.executable, "-c", LOAD_SAVED, str(tmp_path / "pipeline")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [
        ["money", "3.5 billion som", "user_rate"],
        ["quantity", "820 ha", None],
    ]


# --- docs that carry facts serialise --------------------------------------------


def test_doc_bytes_round_trip_keeps_facts() -> None:
    nlp = build_pipeline()
    doc = nlp(example_text())
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.rareearth_facts == doc._.rareearth_facts
    assert [(s.start_char, s.end_char, s.label_) for s in restored.spans["rareearth"]] == [
        (s.start_char, s.end_char, s.label_) for s in doc.spans["rareearth"]
    ]


def test_docbin_with_user_data_keeps_facts() -> None:
    nlp = build_pipeline()
    docs = list(nlp.pipe(VARIED_TEXTS))
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    restored = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert [list(d._.rareearth_facts) for d in restored] == [d._.rareearth_facts for d in docs]


@pytest.mark.parametrize(
    "value",
    [pytest.param("text", id="str"), pytest.param({"a": [1, 2.5]}, id="dict")],
)
def test_msgpack_codecs_pass_other_values_through(value: Any) -> None:
    assert srsly.msgpack_loads(srsly.msgpack_dumps(value)) == value
