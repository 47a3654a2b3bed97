"""Typed facts: what the library returns.

Every fact is a frozen, slotted attrs class. Offsets (`start`, `end`) index the
caller's *original* string, so ``original[f.start:f.end] == f.text`` always
holds. Serialising to the JSON contract lives in :mod:`rareearth_extract.serialize`,
not here, so the classes stay plain data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

if TYPE_CHECKING:  # pragma: no cover
    import pint

QUALIFIERS = frozenset(
    {"exact", "approximately", "more_than", "at_least", "less_than", "at_most", "up_to", "range"}
)
MEASURES = frozenset(
    {
        "mass",
        "grade",
        "area",
        "length",
        "mass_rate",
        "duration",
        "volume",
        "power",
        "energy",
        "percentage",
        "count",
        "other",
    }
)
USD_SOURCES = frozenset({"stated", "document_rate", "user_rate"})


def _offsets_valid(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")
    if attribute.name == "end" and value < instance.start:
        raise ValueError(f"end ({value}) is before start ({instance.start})")


def _optional_float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


@attrs.frozen(slots=True, kw_only=True)
class Fact:
    """Fields every fact carries: surface text, original offsets, sentence."""

    type: ClassVar[str] = "fact"

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: int = attrs.field(validator=[attrs.validators.instance_of(int), _offsets_valid])
    end: int = attrs.field(validator=[attrs.validators.instance_of(int), _offsets_valid])
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON form (delegates to :func:`rareearth_extract.to_dict`)."""
        from .serialize import to_dict

        return to_dict(self)


@attrs.frozen(slots=True, kw_only=True)
class Quantity(Fact):
    """A number with a unit of measure, normalised to its measure's canonical unit."""

    type: ClassVar[str] = "quantity"

    value: float | None = attrs.field(default=None, converter=_optional_float)
    low: float | None = attrs.field(default=None, converter=_optional_float)
    high: float | None = attrs.field(default=None, converter=_optional_float)
    unit: str = ""
    measure: str = attrs.field(default="other", validator=attrs.validators.in_(MEASURES))
    normalized_value: float | None = attrs.field(default=None, converter=_optional_float)
    normalized_low: float | None = attrs.field(default=None, converter=_optional_float)
    normalized_high: float | None = attrs.field(default=None, converter=_optional_float)
    normalized_unit: str = ""
    qualifier: str = attrs.field(default="exact", validator=attrs.validators.in_(QUALIFIERS))
    commodity: str | None = None
    basis: str | None = None
    """What a grade is expressed as, as written ("Li2O", "TREO", "Au"), if given."""

    @property
    def normalized(self) -> pint.Quantity | None:
        """`normalized_value` as a :class:`pint.Quantity` (None for counts and ranges)."""
        from .units import to_pint

        if self.normalized_value is None:
            return None
        return to_pint(self.normalized_value, self.measure)


@attrs.frozen(slots=True, kw_only=True)
class Money(Fact):
    """An amount of money in an ISO 4217 currency, with its US-dollar figure when known."""

    type: ClassVar[str] = "money"

    amount: float | None = attrs.field(default=None, converter=_optional_float)
    low: float | None = attrs.field(default=None, converter=_optional_float)
    high: float | None = attrs.field(default=None, converter=_optional_float)
    currency: str = attrs.field(default="USD", validator=attrs.validators.matches_re(r"[A-Z]{3}"))
    qualifier: str = attrs.field(default="exact", validator=attrs.validators.in_(QUALIFIERS))
    usd_amount: float | None = attrs.field(default=None, converter=_optional_float)
    usd_source: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(USD_SOURCES))
    )
    per_unit: str | None = None
    """The unit a price is per, as written ("oz", "tonne"), for unit prices."""
    currency_assumed: bool = False
    """True when a bare ``$`` was read as US dollars without the text saying so."""


@attrs.frozen(slots=True, kw_only=True)
class ExchangeRate(Fact):
    """One unit of `base` costs `rate` units of `quote`."""

    type: ClassVar[str] = "exchange_rate"

    base: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{3}"))
    quote: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{3}"))
    rate: float = attrs.field(converter=float)
    change_pct: float | None = attrs.field(default=None, converter=_optional_float)


@attrs.frozen(slots=True, kw_only=True)
class Date(Fact):
    """An explicit calendar expression; `value` is ISO 8601 at the precision written."""

    type: ClassVar[str] = "date"

    value: str | None = None


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _quantity_tuple(values: Iterable[Quantity]) -> tuple[Quantity, ...]:
    return tuple(values)


@attrs.frozen(slots=True, kw_only=True)
class Commodity(Fact):
    """A commodity, element, group or product named in the text.

    `name` is canonical lower-case English ("cerium", "rare earth elements",
    "iron ore"); `symbol` the element symbol when it is one element; `group`
    the group it belongs to ("light rare earth elements" for cerium).
    """

    type: ClassVar[str] = "commodity"

    name: str
    symbol: str | None = None
    group: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Location(Fact):
    """A place: a country, a subdivision (region, oblast, state, district) or a city.

    `name` is the fullest form the text gives ("Karaganda Region"); `country`
    the ISO 3166-1 alpha-2 code when known; `kind` what sort of place it is.
    """

    type: ClassVar[str] = "location"

    name: str
    country: str | None = None
    kind: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Organization(Fact):
    """A company, ministry, agency or exchange; short forms share the full `name`."""

    type: ClassVar[str] = "organization"

    name: str
    kind: str | None = None
    ticker: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Deposit(Fact):
    """A named deposit, mine, project, prospect, field, site or prospective area.

    `name` is the proper name without the kind word ("Kuirektykol"); `kind` the
    kind word ("deposit", "mine", ...); `commodities` and `location` what the
    text ties to it; `aliases` the other spellings of it the text uses.
    """

    type: ClassVar[str] = "deposit"

    name: str
    kind: str | None = None
    commodities: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    location: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)


@attrs.frozen(slots=True, kw_only=True)
class ResourceEstimate(Fact):
    """A tonnage (and grade) stated for a deposit under a resource or reserve category."""

    type: ClassVar[str] = "resource_estimate"

    deposit: str | None = None
    commodity: str | None = None
    category: str
    category_term: str = ""
    """The category as written ("Measured and Indicated", "C1", "balance reserves")."""
    system: str | None = None
    """The reporting system: "JORC", "NI 43-101", "GKZ" (Soviet/Kazakh) or None."""
    estimate_kind: str = "resource"
    """ "resource", "reserve", "exploration_target" or "historical"."""
    tonnage: Quantity | None = None
    grade: Quantity | None = None


@attrs.frozen(slots=True, kw_only=True)
class DrillIntercept(Fact):
    """A drilled interval and its grade: "26 m @ 3.88 g/t Au from 45 m"."""

    type: ClassVar[str] = "drill_intercept"

    length: Quantity
    grade: Quantity | None = None
    grades: tuple[Quantity, ...] = attrs.field(default=(), converter=_quantity_tuple)
    """Every grade of the interval (several for multi-element intervals)."""
    commodity: str | None = None
    from_depth: float | None = attrs.field(default=None, converter=_optional_float)
    hole: str | None = None
    parent_start: int | None = None
    """Start offset of the interval this one is "including" in, if any."""


MENTION_TYPES: tuple[type[Fact], ...] = (Quantity, Money, ExchangeRate, Date)
ENTITY_TYPES: tuple[type[Fact], ...] = (Commodity, Location, Organization, Deposit)
RELATION_TYPES: tuple[type[Fact], ...] = (ResourceEstimate, DrillIntercept)
FACT_TYPES: dict[str, type[Fact]] = {
    cls.type: cls for cls in (*MENTION_TYPES, *ENTITY_TYPES, *RELATION_TYPES)
}
