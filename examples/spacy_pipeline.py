"""The ``rareearth_facts`` component in a spaCy pipeline of your own.

    python examples/spacy_pipeline.py

spaCy finds the component by name through the ``spacy_factories`` entry
point: this script never imports ``rareearth_extract``.
"""

from __future__ import annotations

import tempfile

import spacy

TEXT = (
    "Ridgeway Metals drilled 26 m @ 2.2 g/t Au at its Copper Hill project in June 2024 "
    "and spent 1.3 billion tenge (about $2.6 million) on the camp."
)


def main() -> int:
    nlp = spacy.blank("en")  # or spacy.load("en_core_web_sm"), any English pipeline
    nlp.add_pipe("rareearth_facts", config={"set_ents": True, "fx_rates": {"KZT": 0.002}})
    doc = nlp(TEXT)

    print("facts (doc._.rareearth_facts):")
    for fact in doc._.rareearth_facts:
        print(f"  {fact.type:17} {fact.text}")
    print("spans (doc.spans['rareearth']):", [(s.text, s.label_) for s in doc.spans["rareearth"]])
    print("entities (set_ents=True):", [(e.text, e.label_) for e in doc.ents])

    with tempfile.TemporaryDirectory() as folder:
        nlp.to_disk(folder)
        again = spacy.load(folder)
        assert again(TEXT)._.rareearth_facts == doc._.rareearth_facts
        print("saved, loaded, same facts:", again.pipe_names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
