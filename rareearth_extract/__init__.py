"""rareearth_extract: typed, normalised facts from mining and rare-earth text."""

from .api import Extractor, build_pipeline, extract_facts
from .facts import Date, ExchangeRate, Fact, Money, Quantity
from .serialize import to_dict

__all__ = [
    "Date",
    "ExchangeRate",
    "Extractor",
    "Fact",
    "Money",
    "Quantity",
    "build_pipeline",
    "extract_facts",
    "to_dict",
]
__version__ = "0.1.0"
