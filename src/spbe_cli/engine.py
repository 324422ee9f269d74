"""Exact scoring of an :class:`Assessment` against a :class:`Framework`.

The regulation's formula (PermenPANRB 59/2020, Lampiran B.4), with weights in percent:

* Indeks Aspek  = (1 / BA) x sum(NI x BI) over the aspect's indicators
* Indeks Domain = (1 / BD) x sum(NA x BA) over the domain's aspects
* Indeks SPBE   = (1 / 100) x sum(ND x BD) over the domains

Everything is computed with :class:`fractions.Fraction`: no binary float enters the path
from a level to a published figure. Rounding (half-up, 2 places) happens only when a figure
is published, through :meth:`Framework.publish`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from spbe_cli.assessment import Assessment
from spbe_cli.framework import Aspect, Band, Domain, Framework, Indicator


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator's level, weight, contribution and room to grow.

    ``contribution`` is ``weight x level / 100``, the indicator's part of the index;
    ``gain_per_level`` is what one level step adds to the index (``weight / 100``) and
    ``headroom`` how many steps remain below the scale's top.
    """

    indicator: Indicator
    domain_id: str
    aspect_id: str
    level: int
    assumed: bool
    opd: str | None
    contribution: Fraction
    gain_per_level: Fraction
    headroom: int

    @property
    def id(self) -> str:
        """The indicator id."""
        return self.indicator.id

    @property
    def weight(self) -> Fraction:
        """The indicator weight, percent of the index."""
        return self.indicator.weight


@dataclass(frozen=True, slots=True)
class NodeResult:
    """An aspect's or domain's index, its published figure and rating.

    ``gap_points`` is ``(target - index) x weight / 100``: the part of the overall gap that
    this node accounts for. Over all aspects (or all domains) they add up exactly to
    ``target - index``; a node above the target has a negative share.
    """

    id: str
    name: str
    name_en: str | None
    weight: Fraction
    index: Fraction
    published: Decimal
    band: Band
    gap_points: Fraction
    parent_id: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """The scored evaluation of one agency-year. Pure data, nothing about output."""

    framework: Framework
    assessment: Assessment
    index: Fraction
    published: Decimal
    band: Band
    target: Fraction
    domains: tuple[NodeResult, ...]
    aspects: tuple[NodeResult, ...]
    indicators: tuple[IndicatorResult, ...]
    assumed: tuple[str, ...]

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
        """How far the published index is below the next rating's lower edge."""
        upper = self.next_band
        return None if upper is None else upper.min - Fraction(self.published)

    @property
    def min_steps_to_target(self) -> int | None:
        """The fewest single-level raises that reach the target; ``None`` if impossible."""
        return fewest_steps(self, self.target)

    def top_gains(self, count: int = 5) -> list[IndicatorResult]:
        """Indicators that lift the index most per level step, not yet at the top."""
        open_items = [i for i in self.indicators if i.headroom > 0]
        order = {i.id: pos for pos, i in enumerate(self.indicators)}
        open_items.sort(key=lambda i: (-i.gain_per_level, i.level, order[i.id]))
        return open_items[:count]


def score(assessment: Assessment, framework: Framework, target: Fraction | None = None) -> Result:
    """Score ``assessment`` exactly. Levels must already be validated (see readers)."""
    target = framework.target if target is None else Fraction(target)
    levels = assessment.levels
    top = framework.scale.max
    total = framework.total_weight
    indicators: list[IndicatorResult] = []
    aspects: list[NodeResult] = []
    domains: list[NodeResult] = []
    assumed = tuple(i.id for i in framework.indicators if i.id not in levels)
    floor = framework.scale.min
    domain_sum = Fraction(0)
    for domain in framework.domains:
        aspect_sum = Fraction(0)
        for aspect in domain.aspects:
            weighted = Fraction(0)
            for indicator in aspect.indicators:
                level = levels.get(indicator.id, floor)
                weighted += indicator.weight * level
                indicators.append(
                    IndicatorResult(
                        indicator=indicator,
                        domain_id=domain.id,
                        aspect_id=aspect.id,
                        level=level,
                        assumed=indicator.id not in levels,
                        opd=assessment.opd.get(indicator.id),
                        contribution=indicator.weight * level / total,
                        gain_per_level=indicator.weight / total if level < top else Fraction(0),
                        headroom=top - level,
                    )
                )
            aspect_index = weighted / aspect.weight
            aspects.append(_node(framework, aspect, aspect_index, target, domain.id))
            aspect_sum += aspect_index * aspect.weight
        domain_index = aspect_sum / domain.weight
        domains.append(_node(framework, domain, domain_index, target, None))
        domain_sum += domain_index * domain.weight
    index = domain_sum / total
    return Result(
        framework=framework,
        assessment=assessment,
        index=index,
        published=framework.publish(index),
        band=framework.band_for(index),
        target=target,
        domains=tuple(domains),
        aspects=tuple(aspects),
        indicators=tuple(indicators),
        assumed=assumed,
    )


def _node(
    framework: Framework,
    node: Domain | Aspect,
    index: Fraction,
    target: Fraction,
    parent: str | None,
) -> NodeResult:
    return NodeResult(
        id=node.id,
        name=node.name,
        name_en=node.name_en,
        weight=node.weight,
        index=index,
        published=framework.publish(index),
        band=framework.band_for(index),
        gap_points=(target - index) * node.weight / framework.total_weight,
        parent_id=parent,
    )


def fewest_steps(result: Result, target: Fraction) -> int | None:
    """The fewest one-level raises that bring ``result`` to ``target``; ``None`` if none do.

    With every step costing the same, taking the largest gains first is optimal.
    """
    framework = result.framework
    if framework.rating_value(result.index) >= target:
        return 0
    gains = sorted(
        (i.gain_per_level for i in result.indicators for _ in range(i.headroom)), reverse=True
    )
    index = result.index
    for steps, gain in enumerate(gains, start=1):
        index += gain
        if framework.rating_value(index) >= target:
            return steps
    return None


def whatif(result: Result, changes: Mapping[str, int]) -> Result:
    """``result`` re-scored with some indicators set to new levels."""
    assessment = result.assessment
    levels = dict(assessment.levels)
    levels.update(changes)
    changed = Assessment(
        levels=levels,
        agency=assessment.agency,
        year=assessment.year,
        framework=assessment.framework,
        opd=assessment.opd,
        notes=assessment.notes,
        effort=assessment.effort,
        sources=assessment.sources,
        origin=assessment.origin,
    )
    return score(changed, result.framework, result.target)


def score_levels(
    levels: Mapping[str, int], framework: Framework, target: Fraction | None = None
) -> Result:
    """Shorthand: score a plain mapping of indicator id to level."""
    return score(Assessment(levels=dict(levels)), framework, target)
