"""Exact scoring of an :class:`Assessment` against a :class:`Framework`.

The regulation's formula (PermenPANRB 59/2020, Lampiran B.4), with weights in percent:

* Indeks Aspek  = (1 / BA) x sum(NI x BI) over the aspect's indicators
* Indeks Domain = (1 / BD) x sum(NA x BA) over the domains's aspects
* Indeks SPBE   = (1 / 100) x sum(ND x BD) over the domains

Everything is exact. Weights are scaled once per framework to integers (by the least common
multiple of their denominators), so a whole agency is scored in integer arithmetic:
``NA x BA`` is the aspect's integer weighted sum, and each index is one exact fraction of
two integers. No binary float enters the path from a level to a published figure; rounding
(half-up, 2 places) happens only when a figure is published.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from itertools import repeat
from operator import mul

from spbe_cli.assessment import Assessment
from spbe_cli.framework import Aspect, Band, Domain, Framework, Indicator


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator's level, weight, contribution and room to grow.

    ``contribution`` is ``weight x level / 100``, the indicator's part of the index;
    ``gain_per_level`` is what one level step adds to the index (``weight / 100``, 0 at the
    top) and ``headroom`` how many steps remain below the scale's top.
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
class NodeSpec:
    """What a domain or aspect is, independent of any agency: names and weight units."""

    id: str
    name: str
    name_en: str | None
    weight: Fraction
    units: int
    total_weight: Fraction
    parent_id: str | None
    position: int


@dataclass(frozen=True, slots=True)
class NodeResult:
    """An aspect's or domain's index, its published figure and rating.

    The exact index is ``weighted / spec.units``: both integers in the framework's weight
    units (see :func:`compile_framework`).
    """

    spec: NodeSpec
    weighted: int
    published: Decimal
    band: Band
    target: Fraction

    @property
    def id(self) -> str:
        """The domain or aspect id."""
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
        """The domain of an aspect; ``None`` for a domain."""
        return self.spec.parent_id

    @property
    def index(self) -> Fraction:
        """The exact index."""
        return Fraction(self.weighted, self.spec.units)

    @property
    def gap_points(self) -> Fraction:
        """``(target - index) x weight / 100``: this node's part of the overall gap.

        Over all aspects (or all domains) they add up exactly to ``target - index``; a node
        above the target has a negative share.
        """
        return (self.target - self.index) * self.spec.weight / self.spec.total_weight


@dataclass(frozen=True, slots=True)
class _CompiledAspect:
    spec: NodeSpec
    ids: tuple[str, ...]
    units: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _CompiledDomain:
    spec: NodeSpec
    aspects: tuple[_CompiledAspect, ...]


@dataclass(frozen=True, slots=True)
class CompiledFramework:
    """A framework's weights as integers: ``weight = units / scale`` for every node."""

    framework: Framework
    scale: int
    domains: tuple[_CompiledDomain, ...]
    total_units: int
    ids: frozenset[str]
    index_spec: NodeSpec
    nodes: dict[tuple[int, int], dict[tuple[int, int], NodeResult]] = field(
        default_factory=dict
    )
    """Node results by target, then (node position, weighted sum): they are immutable,
    and agencies share them (an aspect has only a few dozen possible sums)."""


_COMPILED: dict[int, CompiledFramework] = {}


def compile_framework(framework: Framework) -> CompiledFramework:
    """Integer weight units for ``framework`` (cached per framework object)."""
    compiled = _COMPILED.get(id(framework))
    if compiled is not None and compiled.framework is framework:
        return compiled
    scale = math.lcm(*(i.weight.denominator for i in framework.indicators))
    total = framework.total_weight

    positions = iter(range(len(framework.domains) + len(framework.aspects) + 1))

    def spec(node: Domain | Aspect, parent: str | None) -> NodeSpec:
        return NodeSpec(node.id, node.name, node.name_en, node.weight,
                        int(node.weight * scale), total, parent, next(positions))

    domains = tuple(
        _CompiledDomain(
            spec(domain, None),
            tuple(
                _CompiledAspect(
                    spec(aspect, domain.id),
                    tuple(i.id for i in aspect.indicators),
                    tuple(int(i.weight * scale) for i in aspect.indicators),
                )
                for aspect in domain.aspects
            ),
        )
        for domain in framework.domains
    )
    whole = NodeSpec(
        "", framework.title, framework.title_en, total, int(total * scale), total, None,
        next(positions),
    )
    compiled = CompiledFramework(
        framework, scale, domains, whole.units,
        frozenset(i.id for i in framework.indicators), whole,
    )
    _COMPILED[id(framework)] = compiled
    return compiled


@dataclass(frozen=True)
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
    assumed: tuple[str, ...] = field(default=())

    @cached_property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Every indicator's level, contribution and gain per level, in framework order."""
        framework = self.framework
        levels = self.assessment.levels
        opd = self.assessment.opd
        floor, top = framework.scale.min, framework.scale.max
        total = framework.total_weight
        items = []
        for domain in framework.domains:
            for aspect in domain.aspects:
                for indicator in aspect.indicators:
                    level = levels.get(indicator.id, floor)
                    items.append(
                        IndicatorResult(
                            indicator=indicator,
                            domain_id=domain.id,
                            aspect_id=aspect.id,
                            level=level,
                            assumed=indicator.id not in levels,
                            opd=opd.get(indicator.id),
                            contribution=indicator.weight * level / total,
                            gain_per_level=indicator.weight / total if level < top else Fraction(0),
                            headroom=top - level,
                        )
                    )
        return tuple(items)

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
        order = {item.id: pos for pos, item in enumerate(self.indicators)}
        open_items = [item for item in self.indicators if item.headroom > 0]
        open_items.sort(key=lambda item: (-item.gain_per_level, item.level, order[item.id]))
        return open_items[:count]


def score(assessment: Assessment, framework: Framework, target: Fraction | None = None) -> Result:
    """Score ``assessment`` exactly. Levels must already be validated (see readers).

    Indicators missing from ``assessment.levels`` count at the scale's minimum and are
    listed in ``Result.assumed`` (readers refuse them unless asked to allow them).
    """
    if target is None:
        target = framework.target
    elif not isinstance(target, Fraction):
        target = Fraction(target)
    compiled = compile_framework(framework)
    levels = assessment.levels
    get = levels.get
    fill = repeat(framework.scale.min)
    # Keyed by the target's integer parts: hashing ints is far cheaper than a Fraction.
    nodes = compiled.nodes.setdefault((target.numerator, target.denominator), {})

    def node(spec: NodeSpec, weighted: int) -> NodeResult:
        key = (spec.position, weighted)
        found = nodes.get(key)
        if found is None:
            published, band = _publish(framework, weighted, spec.units)
            found = nodes[key] = NodeResult(spec, weighted, published, band, target)
        return found

    domains: list[NodeResult] = []
    aspects: list[NodeResult] = []
    grand = 0
    for cdomain in compiled.domains:
        domain_sum = 0
        for caspect in cdomain.aspects:
            # sum(units x level) in C: missing indicators count at the scale's minimum.
            weighted = sum(map(mul, caspect.units, map(get, caspect.ids, fill)))
            aspects.append(node(caspect.spec, weighted))
            domain_sum += weighted
        domains.append(node(cdomain.spec, domain_sum))
        grand += domain_sum
    overall = node(compiled.index_spec, grand)
    missing = compiled.ids - levels.keys()
    assumed = tuple(i.id for i in framework.indicators if i.id in missing) if missing else ()
    return Result(
        framework=framework,
        assessment=assessment,
        index=overall.index,
        published=overall.published,
        band=overall.band,
        target=target,
        domains=tuple(domains),
        aspects=tuple(aspects),
        assumed=assumed,
    )


def score_many(
    assessments: Iterable[Assessment], framework: Framework, target: Fraction | None = None
) -> list[Result]:
    """Score many agencies; the garbage collector is paused meanwhile.

    Results are long-lived and acyclic, so the collector's full passes over a growing heap
    would only cost time (a third of the scoring time at 100,000 agencies).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [score(a, framework, target) for a in assessments]
    finally:
        if enabled:
            gc.enable()


def _publish(framework: Framework, weighted: int, units: int) -> tuple[Decimal, Band]:
    """The published figure of ``weighted / units`` and its band (integer arithmetic)."""
    places = framework.rounding.places
    rounded = (2 * weighted * 10**places + units) // (2 * units)
    if framework.rounding.rating_basis == "exact":
        band = framework.band_for(Fraction(weighted, units))
    else:
        band = framework.band_for_units(rounded)
    return Decimal(rounded).scaleb(-places), band


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
    levels = {**result.assessment.levels, **changes}
    changed = replace(result.assessment, levels=levels)
    return score(changed, result.framework, result.target)


def rollup_aspects(
    framework: Framework, aspect_indices: Mapping[str, Fraction]
) -> tuple[dict[str, Fraction], Fraction]:
    """Domain indices and the overall index from given aspect indices (e.g. published ones).

    Useful to check published aggregates: the formula applied above the aspect level.
    """
    domains: dict[str, Fraction] = {}
    overall = Fraction(0)
    for domain in framework.domains:
        weighted = sum((aspect_indices[a.id] * a.weight for a in domain.aspects), Fraction(0))
        domains[domain.id] = weighted / domain.weight
        overall += weighted
    return domains, overall / framework.total_weight


def score_levels(
    levels: Mapping[str, int], framework: Framework, target: Fraction | None = None
) -> Result:
    """Shorthand: score a plain mapping of indicator id to level."""
    return score(Assessment(levels=dict(levels)), framework, target)
