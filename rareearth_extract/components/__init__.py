"""spaCy components (factories registered with ``@Language.factory``)."""
