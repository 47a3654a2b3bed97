"""The ``rareearth_facts`` spaCy component.

Added with ``nlp.add_pipe("rareearth_facts")`` to any English pipeline, blank
or trained; the ``spacy_factories`` entry point makes the name known to spaCy
without importing this package first. The component reads ``doc.text``, runs
the extraction pass (normaliser, matchers, linkers) and stores

* the facts on ``doc._.rareearth_facts`` (the extension name is configurable),
* one span per fact, labelled with the fact type, in ``doc.spans["rareearth"]``.

``doc.ents`` is left alone unless ``set_ents`` is true; then the facts that
name one thing (quantities, money, rates, dates, commodities, places,
organisations, deposits; not the relation facts, which overlap them) are added
as entities where they overlap none of the pipeline's own entities.

Docs that carry facts serialise: ``Doc.to_bytes``, ``DocBin(store_user_data=True)``
and ``nlp.pipe(texts, n_process=2)`` (which ships docs between processes as
bytes) encode each fact as its JSON form, through msgpack codecs registered
with srsly when this module is imported.

This module is imported by spaCy whenever any pipeline is built, so it must
stay cheap to import: the heavy parts load on the first call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..facts import Fact
from . import DEFAULT_EXTENSION, DEFAULT_SPANS_KEY

__all__ = ["DEFAULT_EXTENSION", "DEFAULT_SPANS_KEY", "make_facts_component", "set_fact_spans"]

RELATION_LABELS = frozenset({"resource_estimate", "drill_intercept"})
"""Fact types that are not added to ``doc.ents`` (they overlap the facts they relate)."""


@Language.factory(
    "rareearth_facts",
    default_config={
        "extension": DEFAULT_EXTENSION,
        "spans_key": DEFAULT_SPANS_KEY,
        "set_ents": False,
        "fx_rates": {},
        "use_ner": True,
    },
)
def make_facts_component(
    nlp: Language,
    name: str,
    extension: str,
    spans_key: str,
    set_ents: bool,
    fx_rates: dict[str, float],
    use_ner: bool,
) -> FactsComponent:
    """spaCy factory for :class:`FactsComponent`."""
    return FactsComponent(
        name=name,
        extension=extension,
        spans_key=spans_key,
        set_ents=set_ents,
        fx_rates=fx_rates,
        use_ner=use_ner,
    )


class FactsComponent:
    """Extract facts from ``doc.text`` and attach them to the Doc."""

    def __init__(
        self,
        *,
        name: str = "rareearth_facts",
        extension: str = DEFAULT_EXTENSION,
        spans_key: str = DEFAULT_SPANS_KEY,
        set_ents: bool = False,
        fx_rates: Mapping[str, float] | None = None,
        use_ner: bool = True,
    ) -> None:
        from ..linking import check_fx_rates

        self.name = name
        self.extension = extension
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.fx_rates = check_fx_rates(fx_rates)
        self.use_ner = use_ner
        if not Doc.has_extension(extension):
            Doc.set_extension(extension, default=None)

    def __call__(self, doc: Doc) -> Doc:
        """Run the extraction pass over `doc` and store its facts and spans."""
        from ..engine import extract

        facts = extract(doc.text, fx_rates=self.fx_rates)
        if self.use_ner and doc.ents:
            facts = merge_ner_entities(doc, facts)
        doc._.set(self.extension, facts)
        spans = set_fact_spans(doc, facts, self.spans_key)
        if self.set_ents:
            add_entities(doc, spans)
        return doc

    def to_bytes(self, *, exclude: Any = ()) -> bytes:
        """Nothing to save: the component's data ships in the package."""
        return b""

    def from_bytes(self, data: bytes, *, exclude: Any = ()) -> FactsComponent:
        """Nothing to load: the component's data ships in the package."""
        return self

    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        """Nothing to save: the component's data ships in the package."""

    def from_disk(self, path: Any, *, exclude: Any = ()) -> FactsComponent:
        """Nothing to load: the component's data ships in the package."""
        return self


def set_fact_spans(doc: Doc, facts: list[Fact], spans_key: str) -> list[Span]:
    """Put a span per fact, labelled with its type, under ``doc.spans[spans_key]``.

    A fact's characters are widened to whole tokens ("5,000t" is one token).
    """
    spans: list[Span] = []
    for fact in facts:
        span = doc.char_span(fact.start, fact.end, label=fact.type, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[spans_key] = spans
    return spans


def add_entities(doc: Doc, spans: list[Span]) -> None:
    """Add fact spans to ``doc.ents``, keeping every entity the Doc already has.

    Relation facts are skipped; among overlapping fact spans the longest wins,
    and a fact span that overlaps an existing entity is left out.
    """
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    candidates = filter_spans([s for s in spans if s.label_ not in RELATION_LABELS])
    new = [s for s in candidates if not any(i in taken for i in range(s.start, s.end))]
    if new:
        doc.set_ents(new, default="unmodified")


_NER_LABELS = {"ORG": "organization", "GPE": "location", "LOC": "location"}


def merge_ner_entities(doc: Doc, facts: list[Fact]) -> list[Fact]:
    """Add a trained NER's ORG and GPE/LOC entities that our own matchers did not find.

    Only entities that overlap none of our organisation, place or deposit
    mentions are added, so our names (and their grouping) win.
    """
    from ..facts import Location, Organization

    ours = [(f.start, f.end) for f in facts if f.type in {"organization", "location", "deposit"}]
    added: list[Fact] = []
    for ent in doc.ents:
        kind = _NER_LABELS.get(ent.label_)
        if kind is None or any(s < ent.end_char and ent.start_char < e for s, e in ours):
            continue
        sentence = ent.sent.text if doc.has_annotation("SENT_START") else ""
        cls = Organization if kind == "organization" else Location
        added.append(
            cls(
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                sentence=sentence,
                name=ent.text,
                kind="ner",
            )
        )
    if not added:
        return facts
    return sorted([*facts, *added], key=lambda f: (f.start, f.end, f.type))


# --- msgpack codecs: facts inside Doc.user_data survive Doc.to_bytes -------------

_MSGPACK_KEY = "__rareearth_fact__"


def encode_fact(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack encoder: a fact as ``{"__rareearth_fact__": to_dict(fact)}``."""
    if isinstance(obj, Fact):
        from ..serialize import to_dict

        return {_MSGPACK_KEY: to_dict(obj)}
    return obj if chain is None else chain(obj)


def decode_fact(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack decoder: the inverse of :func:`encode_fact`."""
    if isinstance(obj, dict) and len(obj) == 1 and _MSGPACK_KEY in obj:
        from ..serialize import from_dict

        return from_dict(obj[_MSGPACK_KEY])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("rareearth_facts", func=encode_fact)
srsly.msgpack_decoders.register("rareearth_facts", func=decode_fact)
