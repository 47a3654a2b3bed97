"""spaCy components (factories registered with ``@Language.factory``).

The names below are here, not in :mod:`.facts`, so that the package can name
them without importing spaCy (which it does only when a pipeline is built).
"""

#: The ``Doc`` extension (``doc._.rareearth_facts``) that holds a doc's facts.
DEFAULT_EXTENSION = "rareearth_facts"
#: The ``doc.spans`` key of the facts' spans.
DEFAULT_SPANS_KEY = "rareearth"
