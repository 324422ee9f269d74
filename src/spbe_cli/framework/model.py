"""The framework as a validated, immutable tree: frozen dataclasses and lookups over them.

A framework file names its own shape. ``tiers`` lists the tiers top-down, the last one
being the indicators (SPBE: domain, aspect, indicator; Pemdi: aspect, indicator); each tier
names the YAML key that lists its nodes (``domains``, ``aspects``, ``indicators``). After
loading (:mod:`spbe_cli.framework.load`) every group node holds its child groups in
``nodes`` or, on the tier just above the indicators, its indicators in ``leaves``. Code
walks this tree; nothing outside the framework file knows how many tiers or nodes there are.

The classes are plain frozen dataclasses, so scoring never imports pydantic: pydantic
validates a file's data into them (:func:`spbe_cli.framework.load.framework_from_data`)
by the field types and the :class:`~spbe_cli.framework.constraints.Limits` written beside
them, and a validated framework is kept in a cache (:mod:`spbe_cli.store`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Annotated, ClassVar, Literal

from spbe_cli.exact import parse_number, publish_units, round_half_up
from spbe_cli.framework.constraints import Exact as Exact
from spbe_cli.framework.constraints import Limits
from spbe_cli.i18n import Lang, pick

Value = int | Fraction
"""An indicator value: a whole level (``int``) or an exact decimal (``Fraction``)."""

_model = dataclass(frozen=True, kw_only=True)
"""Every class below: immutable, built by keyword (pydantic validates into it)."""


@_model
class _Model:
    __pydantic_config__: ClassVar[dict[str, bool | str]] = {  # read by pydantic
        "extra": "forbid", "coerce_numbers_to_str": True, "arbitrary_types_allowed": True,
    }


@_model
class _Named(_Model):
    """Something with an official (Indonesian) name and an optional English one."""

    name: str
    name_en: str | None = None

    def label(self, lang: Lang) -> str:
        """The name in ``lang`` (Indonesian when no English name is given)."""
        return pick(lang, self.name, self.name_en)


@_model
class Tier(_Named):
    """One tier of the tree: ``id`` (``aspect``), the YAML key of its list (``aspects``),
    its names, the plural for headings and a short ``code`` for column labels (``A1``)."""

    id: Annotated[str, Limits(pattern=r"^[a-z][a-z_]*$")]
    key: Annotated[str, Limits(pattern=r"^[a-z][a-z_]*$")]
    code: Annotated[str, Limits(min_length=1, max_length=3)]
    plural: str | None = None
    plural_en: str | None = None

    def heading(self, lang: Lang) -> str:
        """The tier's name as a table heading (plural where the file gives one)."""
        if lang == "en":
            return self.plural_en or self.name_en or self.plural or self.name
        return self.plural or self.name


@_model
class LevelInfo(_Named):
    """A level's name and, in a short phrase, what reaching it requires."""

    requires: str | None = None
    requires_en: str | None = None


@_model
class CapabilityType(_Named):
    """A family of level names (process capability, service capability, ...)."""

    levels: dict[int, LevelInfo]


@_model
class Scale(_Model):
    """The range of values, whether they are whole levels or decimals, and level names."""

    min: int
    max: int
    values: Literal["whole", "decimal"] = "whole"
    types: Annotated[dict[str, CapabilityType], Limits(min_length=1)]

    @property
    def levels(self) -> range:
        """Every whole level, lowest first."""
        return range(self.min, self.max + 1)

    @property
    def decimal(self) -> bool:
        """Whether values may lie between whole levels (1.26, 7/6)."""
        return self.values == "decimal"

    def admits(self, value: Fraction | int) -> bool:
        """Whether ``value`` is a value of this scale (whole where the scale says so)."""
        number = Fraction(value)
        if not self.min <= number <= self.max:
            return False
        return self.decimal or number.denominator == 1


@_model
class _Node(_Named):
    """A group or indicator: an id, names and a weight (percent of the index)."""

    id: Annotated[str, Limits(min_length=1)]
    weight: Exact


@_model
class Band(_Named):
    """A rating (predikat): ``min`` inclusive, ``max`` exclusive except on the top band.

    ``alias`` is a second official name (Pemdi: ``Merintis`` beside ``Kurang``).
    """

    min: Exact
    max: Exact
    alias: str | None = None
    alias_en: str | None = None

    def full_label(self, lang: Lang) -> str:
        """``Kurang (Merintis)``: the name with its alias, when the band has one."""
        alias = pick(lang, self.alias, self.alias_en) if self.alias else None
        return f"{self.label(lang)} ({alias})" if alias else self.label(lang)


@_model
class Rounding(_Model):
    """How published figures are rounded and which figure the rating is read from."""

    places: Annotated[int, Limits(ge=0, le=6)] = 2
    mode: Literal["half_up"] = "half_up"
    rating_basis: Literal["rounded", "exact"] = "rounded"


@_model
class Planning(_Model):
    """Defaults of the planner: levels one indicator may rise per evaluation round, and the
    years between rounds."""

    max_step: Annotated[int | None, Limits(ge=1)] = 1
    round_years: Annotated[int, Limits(ge=1)] = 1


@_model
class External(_Model):
    """An indicator fed by another agency's index, with the value assumed while it is absent."""

    source: str
    source_en: str | None = None
    default: Exact

    def label(self, lang: Lang) -> str:
        """Where the value comes from, in ``lang``."""
        return pick(lang, self.source, self.source_en)


@_model
class Indicator(_Node):
    """A scored item: id, official name, capability type, weight, aliases, external feed."""

    type: str
    short_name: str | None = None
    short_name_en: str | None = None
    aliases: tuple[str, ...] = ()
    external: External | None = None

    def short_label(self, lang: Lang) -> str:
        """The official short name where the file gives one, else the name."""
        short = pick(lang, self.short_name, self.short_name_en) if self.short_name else None
        return short or self.label(lang)


@_model
class Group(_Node):
    """A node above the indicators: its child groups (``nodes``) or its indicators
    (``leaves``), whichever its tier holds."""

    nodes: tuple[Group, ...] = ()
    leaves: tuple[Indicator, ...] = ()

    @property
    def children(self) -> tuple[Group | Indicator, ...]:
        """The nodes one tier below."""
        return self.nodes or self.leaves

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator below this node, in framework order."""
        if self.leaves:
            return self.leaves
        return tuple(i for node in self.nodes for i in node.indicators)


_ID_PREFIX = re.compile(r"^(?:indikator|indicator|ind\.?|i)\s*(?=\d)")
_DIGITS = re.compile(r"\d+")
_SEPARATOR = re.compile(r"\s*([-./])\s*")
_INTEGRAL = re.compile(r"^(\d+)\.0+$")


def id_key(text: str) -> str:
    """How an indicator id is matched: ``'Indikator 01.'`` -> ``'1'``, ``'35 - 02'`` ->
    ``'35-2'``, ``'I1.1'`` -> ``'1.1'``: case, spacing, prefixes, a trailing dot and
    leading zeros do not matter."""
    text = " ".join(text.lower().split()).rstrip(".").strip()
    text = _ID_PREFIX.sub("", text)
    text = _SEPARATOR.sub(r"\1", text)
    return _DIGITS.sub(lambda m: str(int(m[0])), text)


def compress_ids(ids: Sequence[str]) -> str:
    """Ids as short text, runs of consecutive numbers joined: ``12, 30-31, 35-1``."""
    parts: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run.clear()

    for item in ids:
        if item.isdigit() and (not run or int(item) == run[-1] + 1):
            run.append(int(item))
            continue
        flush()
        if item.isdigit():
            run.append(int(item))
        else:
            parts.append(item)
    flush()
    return ", ".join(parts)



@_model
class Framework(_Model):
    """A whole evaluation framework. Build it with :func:`spbe_cli.framework.load_framework`."""

    id: Annotated[str, Limits(min_length=1)]
    title: str
    title_en: str | None = None
    index_name: str
    index_name_en: str | None = None
    source: str
    status: Literal["official", "provisional"] = "official"
    sources: tuple[str, ...] = ()
    note: str | None = None
    note_en: str | None = None
    aliases: tuple[str, ...] = ()
    applies_from: int | None = None
    applies_until: int | None = None
    comparable_with: tuple[str, ...] = ()
    tiers: Annotated[tuple[Tier, ...], Limits(min_length=1)]
    scale: Scale
    bands: Annotated[tuple[Band, ...], Limits(min_length=1)]
    rounding: Rounding = Rounding()
    target: Exact
    planning: Planning = Planning()
    nodes: tuple[Group, ...] = ()
    leaves: tuple[Indicator, ...] = ()

    # -- the tree ------------------------------------------------------------------------

    @property
    def group_tiers(self) -> tuple[Tier, ...]:
        """The tiers above the indicators, top-down (Pemdi: aspect; SPBE: domain, aspect)."""
        return self.tiers[:-1]

    @property
    def leaf_tier(self) -> Tier:
        """The indicators' tier."""
        return self.tiers[-1]

    @property
    def top_level(self) -> tuple[Group | Indicator, ...]:
        """The nodes of the top tier."""
        return self.nodes or self.leaves

    @cached_property
    def tier_nodes(self) -> tuple[tuple[Group, ...], ...]:
        """The group nodes of each group tier, top-down, each in framework order."""
        tiers: list[tuple[Group, ...]] = []
        level: tuple[Group, ...] = self.nodes
        while level:
            tiers.append(level)
            level = tuple(child for node in level for child in node.nodes)
        return tuple(tiers)

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in framework order."""
        if self.leaves:
            return self.leaves
        return tuple(i for node in self.nodes for i in node.indicators)

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        """Indicators by id."""
        return {i.id: i for i in self.indicators}

    @cached_property
    def ancestors(self) -> dict[str, tuple[Group, ...]]:
        """The groups above each indicator, top-down, by indicator id."""
        found: dict[str, tuple[Group, ...]] = {}

        def walk(node: Group, path: tuple[Group, ...]) -> None:
            here = (*path, node)
            for child in node.nodes:
                walk(child, here)
            for leaf in node.leaves:
                found[leaf.id] = here

        for node in self.nodes:
            walk(node, ())
        for leaf in self.leaves:
            found[leaf.id] = ()
        return found

    @cached_property
    def group_parents(self) -> dict[tuple[int, str], Group | None]:
        """The parent of each group, by (tier position, id); ``None`` on the top tier."""
        parents: dict[tuple[int, str], Group | None] = {(0, n.id): None for n in self.nodes}
        for depth, level in enumerate(self.tier_nodes):
            for node in level:
                for child in node.nodes:
                    parents[(depth + 1, child.id)] = node
        return parents

    @cached_property
    def total_weight(self) -> Fraction:
        """The sum of the top tier's weights (100 in a valid file)."""
        return sum((n.weight for n in self.top_level), Fraction(0))

    @cached_property
    def external_ids(self) -> tuple[str, ...]:
        """Indicators fed by an external index, in framework order."""
        return tuple(i.id for i in self.indicators if i.external is not None)

    def default_value(self, indicator: Indicator) -> Value:
        """The value an absent indicator is scored at: its external default, else the
        scale's minimum (readers refuse absent indicators unless allowed)."""
        if indicator.external is not None:
            default = indicator.external.default
            return default.numerator if default.denominator == 1 else default
        return self.scale.min

    # -- ids and aliases -----------------------------------------------------------------

    @cached_property
    def _id_lookup(self) -> dict[str, str]:
        lookup: dict[str, str] = {}
        for indicator in self.indicators:
            for name in (indicator.id, *indicator.aliases):
                lookup.setdefault(id_key(name), indicator.id)
        return lookup

    def indicator_id(self, text: str) -> str | None:
        """The indicator id ``text`` names: an id or an alias as offices write them
        (``1``, ``01``, ``1.``, ``I1``, ``Indikator 1``, Pemdi ``1.1``); else ``None``."""
        exact = self.indicator_by_id.get(text)
        if exact is not None:
            return exact.id
        key = id_key(text)
        found = self._id_lookup.get(key)
        if found is None and (integral := _INTEGRAL.match(key)) is not None:
            found = self._id_lookup.get(integral[1])
        return found

    # -- years ---------------------------------------------------------------------------

    def applies_to(self, year: int) -> bool:
        """Whether this framework scores evaluations of ``year``."""
        if self.applies_from is None or year < self.applies_from:
            return False
        return self.applies_until is None or year <= self.applies_until

    def years_text(self) -> str:
        """``2021-2025``, ``2026-`` or empty when the file gives no years."""
        if self.applies_from is None:
            return ""
        end = "" if self.applies_until is None else str(self.applies_until)
        return f"{self.applies_from}-{end}"

    # -- arithmetic on published figures -------------------------------------------------

    def publish(self, value: Fraction | int) -> Decimal:
        """``value`` as published: rounded as the framework says (half-up, 2 places)."""
        return round_half_up(value, self.rounding.places)

    def rating_value(self, value: Fraction) -> Fraction:
        """The figure the rating is read from: the published one, or the exact one."""
        if self.rounding.rating_basis == "exact":
            return value
        return Fraction(self.publish(value))

    def band_for(self, value: Fraction) -> Band:
        """The rating band of an index (exact value; rounding applied as configured).

        Lower edges are inclusive; the top band also holds the scale's maximum.
        """
        if self.rounding.rating_basis == "exact":
            return self.bands[bisect.bisect_right(self._band_edges, value)]
        return self.band_for_units(publish_units(value, self.rounding.places))

    def band_for_units(self, units: int) -> Band:
        """The band of a published figure given in units of the last decimal place."""
        return self.bands[bisect.bisect_right(self._unit_edges, units)]

    @cached_property
    def _band_edges(self) -> tuple[Fraction, ...]:
        return tuple(b.min for b in self.bands[1:])

    @cached_property
    def _unit_edges(self) -> tuple[int, ...]:
        # A published figure u / 10^p reaches a band from min when u >= ceil(min * 10^p).
        scale = 10**self.rounding.places
        return tuple(math.ceil(b.min * scale) for b in self.bands[1:])

    def next_band(self, band: Band) -> Band | None:
        """The band above ``band``, or ``None`` at the top."""
        position = self.bands.index(band)
        return self.bands[position + 1] if position + 1 < len(self.bands) else None

    def band_named(self, name: str) -> Band | None:
        """A band by its name or alias, Indonesian or English, any case (``baik``,
        ``Very good``, ``berkembang``)."""
        wanted = _words(name)
        for band in self.bands:
            names = (band.name, band.name_en, band.alias, band.alias_en)
            if wanted in {_words(n) for n in names if n}:
                return band
        return None

    def parse_target(self, value: str) -> Fraction:
        """A target from text: a rating name (``baik``) gives its lower edge, else a number
        (``2.6`` or ``2,6``). Raises ``ValueError`` for anything else."""
        band = self.band_named(value)
        if band is not None:
            return band.min
        number = parse_number(value)
        if number is None:
            raise ValueError(f"{value!r} is neither a number nor a rating name")
        return number

    def level_info(self, indicator: Indicator, value: Value) -> LevelInfo | None:
        """Name and requirement of the whole level ``value`` reaches (1.26 reaches 1)."""
        return self.scale.types[indicator.type].levels.get(math.floor(value))

    def label(self, lang: Lang) -> str:
        """The framework's title in ``lang``."""
        return pick(lang, self.title, self.title_en)

    def index_label(self, lang: Lang) -> str:
        """The name of the index (``Indeks SPBE``, ``Indeks Pemdi``) in ``lang``."""
        return pick(lang, self.index_name, self.index_name_en)

    @property
    def provisional(self) -> bool:
        """Whether the framework is marked provisional (not checked against the official text)."""
        return self.status == "provisional"

    def comparable(self, other: Framework) -> bool:
        """Whether this index and ``other``'s measure the same instrument (so a change
        between them means something): the same framework, or declared comparable."""
        return (other.id == self.id or other.id in self.comparable_with
                or self.id in other.comparable_with)


def _words(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())

