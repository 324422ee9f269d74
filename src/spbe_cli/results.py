"""What scoring produces: the result of an agency-year, its groups and indicators.

Pure data with the properties a reader asks of it (gap, next rating, top gains); the
arithmetic that fills them is in :mod:`spbe_cli.engine`, imported where a property needs it
(the engine imports this module, so not at the top).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property, partial
from itertools import repeat
from typing import Literal

from spbe_cli.assessment import Assessment
from spbe_cli.framework import Band, Framework, Indicator, Tier, Value

AssumedReason = Literal["external", "missing"]
IndicatorKey = tuple[str, Value, bool, str | None]
"""(indicator id, value scored, assumed, OPD): what an indicator's result depends on."""


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator's value, weight, contribution and room to grow.

    ``level`` is the value scored (a whole level, or an exact decimal on a decimal scale);
    ``path`` the ids of the groups above it, top-down. ``contribution`` is
    ``weight x value / 100``, the indicator's part of the index. ``headroom`` counts the
    level steps left below the scale's top (from 1.26 the steps to 2, 3, 4, 5);
    ``next_gain`` is what the next step adds to the index (to 2 from 1.26: 0.74 of a level)
    and ``gain_per_level`` what a whole level adds (``weight / 100``; both 0 at the top).
    """

    indicator: Indicator
    path: tuple[str, ...]
    level: Value
    assumed: bool
    opd: str | None
    contribution: Fraction
    gain_per_level: Fraction
    next_gain: Fraction
    headroom: int

    @property
    def id(self) -> str:
        """The indicator id."""
        return self.indicator.id

    @property
    def weight(self) -> Fraction:
        """The indicator weight, percent of the index."""
        return self.indicator.weight

    @property
    def parent_id(self) -> str | None:
        """The id of the group right above (``None`` in a one-tier framework)."""
        return self.path[-1] if self.path else None

    @property
    def next_level(self) -> int:
        """The whole level the next step reaches (2 from 1.26 or from 1)."""
        return math.floor(self.level) + 1

    @property
    def raisable(self) -> bool:
        """Whether the office's own work raises this indicator: not at the top, and not
        fed by another agency's index (an external indicator)."""
        return self.headroom > 0 and self.indicator.external is None

    def step_gains(self) -> list[Fraction]:
        """The index gain of each step the office can still take, in order (the first may
        be partial); none for an external indicator."""
        if not self.raisable:
            return []
        return [self.next_gain, *([self.gain_per_level] * (self.headroom - 1))]


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """What a group is, independent of any agency: names, tier and weight units."""

    id: str
    name: str
    name_en: str | None
    weight: Fraction
    units: int
    total_weight: Fraction
    tier: int
    parent_id: str | None
    position: int


@dataclass(frozen=True, slots=True)
class NodeResult:
    """A group's (or the whole index's) exact index, its published figure and rating.

    The exact index is ``weighted / spec.units``: both in the framework's weight units
    (see :func:`compile_framework`); ``weighted`` is an integer for whole levels.
    """

    spec: NodeSpec
    weighted: int | Fraction
    published: Decimal
    band: Band
    target: Fraction
    index: Fraction
    """The exact index (``weighted / spec.units``)."""

    @property
    def id(self) -> str:
        """The group id."""
        return self.spec.id

    @property
    def name(self) -> str:
        """The official name."""
        return self.spec.name

    @property
    def name_en(self) -> str | None:
        """The English name, if the framework gives one."""
        return self.spec.name_en

    @property
    def weight(self) -> Fraction:
        """The weight, percent of the index."""
        return self.spec.weight

    @property
    def parent_id(self) -> str | None:
        """The group above; ``None`` on the top tier."""
        return self.spec.parent_id

    @property
    def gap_points(self) -> Fraction:
        """``(target - index) x weight / 100``: this node's part of the overall gap.

        Over all nodes of one tier they add up exactly to ``target - index``; a node above
        the target has a negative share.
        """
        return (self.target - self.index) * self.spec.weight / self.spec.total_weight


@dataclass(frozen=True, slots=True)
class Assumption:
    """A value the input did not give: scored at ``value`` because the indicator is fed
    by an external index (``external``) or was missing or blank and allowed (``missing``)."""

    indicator: Indicator
    value: Value
    reason: AssumedReason


@dataclass(frozen=True)
class Result:
    """The scored evaluation of one agency-year. Pure data, nothing about output.

    ``tiers`` holds each group tier's node results, top-down, in framework order (SPBE:
    domains, aspects; Pemdi: aspects).
    """

    framework: Framework
    assessment: Assessment
    index: Fraction
    published: Decimal
    band: Band
    target: Fraction
    tiers: tuple[tuple[NodeResult, ...], ...]
    assumed: tuple[str, ...] = field(default=())

    @classmethod
    def made(
        cls,
        framework: Framework,
        assessment: Assessment,
        index: Fraction,
        published: Decimal,
        band: Band,
        target: Fraction,
        tiers: tuple[tuple[NodeResult, ...], ...],
        assumed: tuple[str, ...],
    ) -> Result:
        """A result from its fields, as the constructor makes it but three times faster (a
        frozen dataclass sets each field through ``object.__setattr__``): the engine makes
        one per agency."""
        made = object.__new__(cls)
        made.__dict__.update(
            framework=framework,
            assessment=assessment,
            index=index,
            published=published,
            band=band,
            target=target,
            tiers=tiers,
            assumed=assumed,
        )
        return made

    def nodes_of(self, tier_id: str) -> tuple[NodeResult, ...]:
        """The node results of the tier with id ``tier_id`` (empty when there is none)."""
        for tier, nodes in zip(self.framework.group_tiers, self.tiers, strict=True):
            if tier.id == tier_id:
                return nodes
        return ()

    @property
    def domains(self) -> tuple[NodeResult, ...]:
        """The ``domain`` tier's results (SPBE); empty for a framework without domains."""
        return self.nodes_of("domain")

    @property
    def aspects(self) -> tuple[NodeResult, ...]:
        """The ``aspect`` tier's results."""
        return self.nodes_of("aspect")

    @property
    def top(self) -> tuple[NodeResult, ...]:
        """The top tier's results (domains for SPBE, aspects for Pemdi)."""
        return self.tiers[0] if self.tiers else ()

    def tier_pairs(self) -> list[tuple[Tier, tuple[NodeResult, ...]]]:
        """Each group tier with its node results, top-down."""
        return list(zip(self.framework.group_tiers, self.tiers, strict=True))

    @cached_property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Every indicator's value, contribution and gains, in framework order."""
        from spbe_cli.engine import indicator_result

        return tuple(map(partial(indicator_result, self.framework), self.indicator_keys()))

    def indicator_for(self, key: IndicatorKey) -> IndicatorResult:
        """The indicator result a key of :meth:`indicator_keys` stands for (shared by every
        agency with an equal key, made once)."""
        from spbe_cli.engine import indicator_result

        return indicator_result(self.framework, key)

    def indicator_keys(self) -> list[IndicatorKey]:
        """What identifies each indicator's result, in framework order: (id, value scored,
        assumed, OPD). Agencies with equal keys share the result (and its output)."""
        framework = self.framework
        levels = self.assessment.plain_levels()
        opd = self.assessment.opd
        from spbe_cli.engine import compile_framework

        ids = compile_framework(framework).order
        if not self.assumed and not opd:  # every value given (the usual wide row)
            return list(zip(ids, map(levels.__getitem__, ids), repeat(False), repeat(None)))
        assumed = set(self.assumed)
        keys: list[IndicatorKey] = []
        for indicator in framework.indicators:
            key = indicator.id
            level = levels.get(key)
            if level is None:
                level = framework.default_value(indicator)
            keys.append((key, level, key in assumed, opd.get(key)))
        return keys

    @cached_property
    def assumptions(self) -> tuple[Assumption, ...]:
        """What was assumed for indicators the input did not give, in framework order."""
        fw = self.framework
        found = []
        for key in self.assumed:
            indicator = fw.indicator_by_id[key]
            reason: AssumedReason = "external" if indicator.external is not None else "missing"
            found.append(Assumption(indicator, fw.default_value(indicator), reason))
        return tuple(found)

    @property
    def target_reached(self) -> bool:
        """Whether the index meets the target (on the figure the rating uses)."""
        return self.framework.rating_value(self.index) >= self.target

    @property
    def gap(self) -> Fraction:
        """Distance from the published index up to the target; 0 once it is reached."""
        return max(Fraction(0), self.target - Fraction(self.published))

    @property
    def next_band(self) -> Band | None:
        """The rating above the current one, or ``None`` at the top."""
        return self.framework.next_band(self.band)

    @property
    def to_next_band(self) -> Fraction | None:
        """How far the published index is below the lowest figure of the next rating
        (Pemdi: from 2,50, Cukup, to 2,51, Baik)."""
        upper = self.next_band
        return (
            None if upper is None else self.framework.band_floor(upper) - Fraction(self.published)
        )

    @property
    def exact_band(self) -> Band:
        """The rating of the exact (unrounded) index; it differs from :attr:`band` only
        where rounding carries the published figure across an edge (2,495 is published
        2,50)."""
        return self.framework.band_for_exact(self.index)

    @property
    def min_steps_to_target(self) -> int | None:
        """The fewest single-level steps that reach the target; ``None`` if impossible."""
        from spbe_cli.engine import fewest_steps

        return fewest_steps(self, self.target)

    def top_gains(self, count: int = 5) -> list[IndicatorResult]:
        """Indicators whose next level step lifts the index most, among those the office
        can raise (not at the top, not external)."""
        order = {item.id: pos for pos, item in enumerate(self.indicators)}
        open_items = [item for item in self.indicators if item.raisable]
        open_items.sort(key=lambda item: (-item.next_gain, item.level, order[item.id]))
        return open_items[:count]
