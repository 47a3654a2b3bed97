"""Public entry points: :func:`extract_facts`, :class:`Extractor`, :func:`build_pipeline`.

The pipeline is ``spacy.blank("en")`` with the tokenizer rules of
:mod:`rareearth_extract.tokenizer` and the ``rareearth_facts`` component: no
trained model, nothing downloaded, deterministic. Build an :class:`Extractor`
once and call it many times; :func:`extract_facts` does exactly that with a
shared default extractor.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import spacy
from spacy.language import Language

from .components.facts import DEFAULT_EXTENSION, DEFAULT_SPANS_KEY
from .facts import Fact
from .linking import check_fx_rates
from .tokenizer import customize_tokenizer


def build_pipeline(
    nlp: Language | None = None,
    *,
    fx_rates: Mapping[str, float] | None = None,
    extension: str = DEFAULT_EXTENSION,
    spans_key: str = DEFAULT_SPANS_KEY,
) -> Language:
    """A spaCy pipeline that extracts facts.

    With no `nlp`, a blank English pipeline with the package's tokenizer rules;
    with one (blank or trained), the ``rareearth_facts`` component is added to
    it, last, and its tokenizer is left as it is.
    """
    if nlp is None:
        nlp = customize_tokenizer(spacy.blank("en"))
    config = {"extension": extension, "spans_key": spans_key, "fx_rates": check_fx_rates(fx_rates)}
    nlp.add_pipe("rareearth_facts", config=config)
    return nlp


def _check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    hint = (
        " (decode it first, e.g. data.decode('utf-8'))"
        if isinstance(text, (bytes, bytearray))
        else ""
    )
    raise TypeError(f"expected text as str, got {type(text).__name__}{hint}")


class Extractor:
    """A reusable extractor: build once, call many times, pickle to workers.

    >>> extractor = Extractor()
    >>> [f.text for f in extractor("The pit is up to 300 m deep.")]
    ['300 m']
    """

    def __init__(self, *, fx_rates: Mapping[str, float] | None = None) -> None:
        self._fx_rates = check_fx_rates(fx_rates)
        self._nlp = build_pipeline(fx_rates=self._fx_rates)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline the extractor runs."""
        return self._nlp

    def __call__(self, text: str) -> list[Fact]:
        """Facts in `text`, sorted by start, with offsets into `text`."""
        text = _check_text(text)
        if not text or text.isspace():
            return []
        if len(text) > self._nlp.max_length:
            # spaCy refuses texts over max_length; the extraction pass itself has
            # no such limit and gives the same facts.
            from .engine import extract

            return extract(text, fx_rates=self._fx_rates)
        doc = self._nlp(text)
        facts: list[Fact] = doc._.get(DEFAULT_EXTENSION)
        return list(facts)

    def pipe(
        self, texts: Iterable[str], *, batch_size: int = 64, n_process: int = 1
    ) -> Iterator[list[Fact]]:
        """Facts for each text of `texts`, in order, streamed (spaCy's ``nlp.pipe``)."""
        checked = (_check_text(t) for t in texts)
        for doc in self._nlp.pipe(checked, batch_size=batch_size, n_process=n_process):
            yield list(doc._.get(DEFAULT_EXTENSION) or [])

    def __getstate__(self) -> dict[str, Any]:
        return {"fx_rates": self._fx_rates}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(fx_rates=state["fx_rates"])  # type: ignore[misc]


_default: Extractor | None = None
_default_lock = threading.Lock()


def _default_extractor() -> Extractor:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extract_facts(text: str, *, fx_rates: Mapping[str, float] | None = None) -> list[Fact]:
    """Extract typed facts from `text`.

    Returns facts sorted by ``start``; every fact's ``start``/``end`` index `text`
    itself, so ``text[f.start:f.end] == f.text``. `fx_rates` maps ISO 4217 codes
    to US dollars per unit, used for money the text gives no dollar figure for.

    >>> [(f.type, f.text) for f in extract_facts("It sold KZT29 billion ($55.9 million) of ore.")]
    [('money', 'KZT29 billion'), ('money', '$55.9 million')]
    >>> extract_facts("")
    []
    """
    text = _check_text(text)
    if fx_rates is None:
        return _default_extractor()(text)
    from .engine import extract

    return extract(text, fx_rates=check_fx_rates(fx_rates))
