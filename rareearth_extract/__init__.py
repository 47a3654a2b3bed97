"""rareearth_extract: typed, normalised facts from mining and rare-earth text."""

from .api import Extractor, build_pipeline, extract_facts
from .display import render
from .facts import Date, ExchangeRate, Fact, Money, Quantity
from .frames import facts_to_frame
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
    "facts_to_frame",
    "render",
    "to_dict",
]
__version__ = "0.1.0"
