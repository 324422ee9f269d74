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
import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Annotated, ClassVar, Literal, TypeVar, dataclass_transform

from spbe_cli.exact import (
    decimal_places,
    fixed,
    format_exact,
    parse_number,
    publish_units,
    round_half_up,
)
from spbe_cli.framework.constraints import Exact as Exact
from spbe_cli.framework.constraints import Limits, ParseInterval
from spbe_cli.i18n import Lang, Text, pick

Value = int | Fraction
"""An indicator value: a whole level (``int``) or an exact decimal (``Fraction``)."""

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def _model(cls: type[_T]) -> type[_T]:
    """Every class below: immutable, built by keyword (pydantic validates into it)."""
    return dataclass(frozen=True, kw_only=True)(cls)


@_model
class _Model:
    __pydantic_config__: ClassVar[dict[str, bool | str]] = {  # read by pydantic
        "extra": "forbid",
        "coerce_numbers_to_str": True,
        "arbitrary_types_allowed": True,
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
    """A level's name and what reaching it requires.

    ``band`` names the rating band whose range the level stands for (Pemdi: level 2 stands
    for the range Cukup, above 1,50 up to 2,50): a value then has the level of the band it
    falls in (1,6 has level 2), not its whole part.
    """

    requires: str | None = None
    requires_en: str | None = None
    band: str | None = None


@_model
class Criterion(_Model):
    """What one indicator requires at one level (or level range), as the regulation
    writes it, with an English gloss."""

    requires: str
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
    """A rating (predikat) between ``min`` and ``max``.

    Which edge a band includes is the framework's ``bands_closed`` (SPBE: the bottom,
    ``1,80 <= x < 2,60``; Pemdi: the top, ``1,50 < x <= 2,50``); the scale's ends belong to
    the outermost bands. ``alias`` is a second official name (Pemdi: ``Merintis`` beside
    ``Kurang``).
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


@dataclass(frozen=True, slots=True)
class Interval:
    """A range of an external index's own figure, as written ``[0, 12.5]``, ``(12.5, 37.5]``
    or ``(, 1.8)`` (an empty side is unbounded); ``[``/``]`` include the edge."""

    low: Fraction | None
    low_closed: bool
    high: Fraction | None
    high_closed: bool

    def contains(self, figure: Fraction) -> bool:
        """Whether ``figure`` lies in the range."""
        if self.low is not None and (
            figure < self.low or (figure == self.low and not self.low_closed)
        ):
            return False
        return self.high is None or figure < self.high or (figure == self.high and self.high_closed)

    def text(self, lang: Lang = "en") -> str:
        """``12,5 < x <= 37,5`` style text (a decimal comma in Indonesian)."""
        parts = []
        if self.low is not None:
            parts.append(f"{_edge(self.low, lang)} {'≤' if self.low_closed else '<'} ")
        parts.append("x")
        if self.high is not None:
            parts.append(f" {'≤' if self.high_closed else '<'} {_edge(self.high, lang)}")
        return "".join(parts)

    def __str__(self) -> str:
        low = "" if self.low is None else format_exact(self.low)
        high = "" if self.high is None else format_exact(self.high)
        return f"{'[' if self.low_closed else '('}{low}, {high}{']' if self.high_closed else ')'}"


def _edge(value: Fraction, lang: Lang) -> str:
    text = format_exact(value)
    return text.replace(".", ",") if lang == "id" else text


@_model
class External(_Model):
    """An indicator whose value rests on another central agency's index (PermenPANRB
    8/2026 Pasal 7(3)): the index, the value assumed while it is absent and why, and the
    ranges of the index's own figure that match each level (where the text gives them)."""

    source: str
    source_en: str | None = None
    default: Exact
    default_basis: str | None = None
    default_basis_en: str | None = None
    index: str | None = None
    ranges: dict[int, Annotated[Interval, ParseInterval()]] = dataclasses.field(
        default_factory=dict
    )
    basis: str | None = None
    basis_en: str | None = None

    def label(self, lang: Lang) -> str:
        """Where the value comes from, in ``lang``."""
        return pick(lang, self.source, self.source_en)

    def levels_for(self, figure: Fraction) -> tuple[int, ...]:
        """The levels whose range of the index's figure holds ``figure`` (none where the
        text leaves a gap, more than one where its ranges overlap)."""
        return tuple(level for level, span in sorted(self.ranges.items()) if span.contains(figure))


@_model
class Indicator(_Node):
    """A scored item: id, official name, capability type, weight, aliases, external feed.

    Where the regulation describes the indicator, the file carries it: ``description``,
    the central agencies that guide it (``pembina``, *Instansi Pembina*), the functions in
    an agency that own it (``owners``, *Peran Fungsi di Instansi Pemerintah*), the
    ``criteria`` of each level, what its value rests on (``basis``, e.g. an index the text
    names without thresholds) and the ``pages`` they are printed on.
    """

    type: str
    short_name: str | None = None
    short_name_en: str | None = None
    aliases: tuple[str, ...] = ()
    external: External | None = None
    description: str | None = None
    description_en: str | None = None
    pembina: tuple[str, ...] = ()
    pembina_en: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    owners_en: tuple[str, ...] = ()
    criteria: dict[int, Criterion] = dataclasses.field(default_factory=dict)
    basis: str | None = None
    basis_en: str | None = None
    pages: str | None = None
    note: str | None = None
    note_en: str | None = None

    def owner_labels(self, lang: Lang) -> tuple[str, ...]:
        """The owning functions in ``lang`` (Indonesian where no gloss is given)."""
        return self.owners_en if lang == "en" and self.owners_en else self.owners

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
    bands_closed: Literal["bottom", "top"] = "bottom"
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
        """The rating band of an index: of its published figure, or of the exact value where
        the file says ``rating_basis: exact``; edges as ``bands_closed`` says."""
        if self.rounding.rating_basis == "exact":
            return self.band_for_exact(value)
        return self.band_for_units(publish_units(value, self.rounding.places))

    def band_for_exact(self, value: Fraction) -> Band:
        """The band the exact (unrounded) ``value`` falls in."""
        if self.bands_closed == "top":
            return self.bands[bisect.bisect_left(self._band_tops, value)]
        return self.bands[bisect.bisect_right(self._band_bottoms, value)]

    def band_for_units(self, units: int) -> Band:
        """The band of a published figure given in units of the last decimal place."""
        if self.bands_closed == "top":
            return self.bands[bisect.bisect_left(self._unit_tops, units)]
        return self.bands[bisect.bisect_right(self._unit_bottoms, units)]

    @cached_property
    def _band_bottoms(self) -> tuple[Fraction, ...]:
        return tuple(b.min for b in self.bands[1:])

    @cached_property
    def _band_tops(self) -> tuple[Fraction, ...]:
        return tuple(b.max for b in self.bands[:-1])

    @cached_property
    def _unit_bottoms(self) -> tuple[int, ...]:
        # A published figure u / 10^p reaches a band from min when u >= ceil(min * 10^p).
        scale = 10**self.rounding.places
        return tuple(math.ceil(b.min * scale) for b in self.bands[1:])

    @cached_property
    def _unit_tops(self) -> tuple[int, ...]:
        # A published figure u / 10^p stays in a band closed at max while u <= floor(max * 10^p).
        scale = 10**self.rounding.places
        return tuple(math.floor(b.max * scale) for b in self.bands[:-1])

    def band_floor(self, band: Band) -> Fraction:
        """The lowest published figure rated ``band``: the target a rating name stands for.

        Closed at the bottom, a band starts at its ``min`` (2,60 is Baik under SPBE); closed
        at the top, the edge belongs to the band below, so Pemdi's Baik starts at 2,51 (2,50
        is Cukup). The lowest band starts at the scale's minimum either way.
        """
        unit = 10**self.rounding.places
        if self.bands_closed == "top" and band is not self.bands[0]:
            return Fraction(math.floor(band.min * unit) + 1, unit)
        return Fraction(math.ceil(band.min * unit), unit)

    def band_closes(self, band: Band) -> tuple[bool, bool]:
        """Whether ``band`` includes its ``min`` and its ``max``."""
        top = self.bands_closed == "top"
        return (not top or band is self.bands[0], top or band is self.bands[-1])

    def band_range(self, band: Band, lang: Lang) -> str:
        """``1,80 sampai di bawah 2,60``, ``di atas 1,50 sampai 2,50``, ``1,00 sampai 1,50``:
        the band's range as people read it, its edges as the file closes them."""
        places = self.rounding.places
        low_closed, high_closed = self.band_closes(band)
        low, high = _edge_text(band.min, places, lang), _edge_text(band.max, places, lang)
        if not low_closed:
            return _RANGE_ABOVE.get(lang).format(low=low, high=high)
        return (_RANGE_TO if high_closed else _RANGE_BELOW).get(lang).format(low=low, high=high)

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
        """A target from text: a rating name (``baik``) gives the lowest figure rated so
        (:meth:`band_floor`), else a number (``2.6`` or ``2,6``). Raises ``ValueError`` for
        anything else."""
        band = self.band_named(value)
        if band is not None:
            return self.band_floor(band)
        number = parse_number(value)
        if number is None:
            raise ValueError(f"{value!r} is neither a number nor a rating name")
        return number

    def level_of(self, indicator: Indicator, value: Value) -> int:
        """The level ``value`` stands at: its whole part (1,26 is level 1), or, where the
        levels stand for band ranges (Pemdi), the level of the band it falls in (1,6 is
        level 2, the range above 1,50 up to 2,50)."""
        by_band = self._level_by_band.get(indicator.type)
        if by_band:
            return by_band.get(self.band_for(Fraction(value)).name, math.floor(value))
        return math.floor(value)

    @cached_property
    def _level_by_band(self) -> dict[str, dict[str, int]]:
        return {
            key: {info.band: level for level, info in kind.levels.items() if info.band}
            for key, kind in self.scale.types.items()
        }

    def level_info(self, indicator: Indicator, value: Value) -> LevelInfo | None:
        """Name and requirement of the level ``value`` stands at (:meth:`level_of`): the
        indicator's own criteria where the file gives them, else the scale's phrase."""
        level = self.level_of(indicator, value)
        info = self.scale.types[indicator.type].levels.get(level)
        criterion = indicator.criteria.get(level)
        if info is None or criterion is None:
            return info
        return LevelInfo(
            name=info.name,
            name_en=info.name_en,
            band=info.band,
            requires=criterion.requires,
            requires_en=criterion.requires_en,
        )

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
        return (
            other.id == self.id
            or other.id in self.comparable_with
            or self.id in other.comparable_with
        )


_RANGE_BELOW = Text("{low} sampai di bawah {high}", "{low} to below {high}")
_RANGE_TO = Text("{low} sampai {high}", "{low} to {high}")
_RANGE_ABOVE = Text("di atas {low} sampai {high}", "above {low} up to {high}")


def _edge_text(value: Fraction, places: int, lang: Lang) -> str:
    """A band edge with at least ``places`` decimals (more where the edge needs them)."""
    needed = decimal_places(value)
    return fixed(value, max(places, needed if needed is not None else places), lang)


def _words(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())
