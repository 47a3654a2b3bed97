"""Facts highlighted in their text with displaCy's span style.

:func:`render` runs the extractor and draws every fact as a span labelled
with its type, one colour per type (:data:`FACT_COLORS`). Spans may overlap
(a resource estimate holds its tonnage), which the span style shows as stacked
underlines. In a notebook the picture is displayed; elsewhere, or with
``jupyter=False``, the HTML comes back as a string.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from .components import DEFAULT_SPANS_KEY
from .facts import FACT_TYPES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .api import Extractor

#: Colour of each fact type's spans: mentions in cool colours, names in warm
#: ones, relations in violet and grey.
FACT_COLORS: dict[str, str] = {
    "quantity": "#7aecec",
    "money": "#bfeeb7",
    "exchange_rate": "#9cc9cc",
    "date": "#bfe1d9",
    "commodity": "#ffeb80",
    "location": "#ff9561",
    "organization": "#feca74",
    "deposit": "#ff8197",
    "resource_estimate": "#c887fb",
    "drill_intercept": "#c7c7c7",
}


def render(
    text: str | Doc,
    *,
    extractor: Extractor | None = None,
    types: Collection[str] | None = None,
    colors: Mapping[str, str] | None = None,
    spans_key: str = DEFAULT_SPANS_KEY,
    jupyter: bool | None = None,
) -> str | None:
    """Highlight the facts of `text` with displaCy (``style="span"``).

    `text` is a string, run through `extractor` (a shared default one when
    None), or a Doc that a pipeline with the ``rareearth_facts`` component has
    already made (its spans under `spans_key`). `types` keeps only those fact
    types; `colors` overrides :data:`FACT_COLORS` for some types.

    In a Jupyter notebook the picture is displayed and None returned (unless
    ``jupyter=False``); otherwise the HTML markup is returned.

    >>> html = render("The pit is 120 m deep.", jupyter=False)
    >>> html.startswith('<div class="spans"'), "quantity" in html, FACT_COLORS["quantity"] in html
    (True, True, True)
    """
    from spacy import displacy
    from spacy.tokens import Doc, SpanGroup

    from .components.facts import set_fact_spans

    if isinstance(text, Doc):
        doc = text
        if spans_key not in doc.spans:
            raise ValueError(
                f"the Doc has no spans under {spans_key!r}: make it with a pipeline that "
                "has the rareearth_facts component, or pass the text"
            )
    elif isinstance(text, str):
        if extractor is None:
            from .api import _default_extractor

            extractor = _default_extractor()
        # The tokenizer alone (it takes text of any length, where the pipeline stops
        # at max_length) and the extractor's facts, which it cuts long texts for.
        doc = extractor.nlp.tokenizer(text)
        set_fact_spans(doc, extractor(text), spans_key)
    else:
        raise TypeError(f"render() expects text as str or a Doc, got {type(text).__name__}")

    key = spans_key
    if types is not None:
        unknown = set(types) - set(FACT_TYPES)
        if unknown:
            raise ValueError(f"unknown fact type(s) {sorted(unknown)}")
        key = f"{spans_key}__render"
        kept = [s for s in doc.spans[spans_key] if s.label_ in types]
        doc.spans[key] = SpanGroup(doc, spans=kept)
    options = {"spans_key": key, "colors": {**FACT_COLORS, **(colors or {})}}
    try:
        with warnings.catch_warnings():
            # W117: "no spans to visualize"; a text without facts is drawn as plain text.
            warnings.filterwarnings("ignore", message=r"\[W117\]")
            html: str | None = displacy.render(doc, style="span", options=options, jupyter=jupyter)
    finally:
        if key != spans_key:
            del doc.spans[key]
    return html
