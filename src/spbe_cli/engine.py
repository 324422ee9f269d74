"""Exact scoring of an :class:`Assessment` against a :class:`Framework` tree.

The regulations' formula, with weights in percent, for any number of tiers: a group's
index is the weighted mean of its indicators (``sum(value x weight) / group weight``),
which equals the weighted mean of its child groups' indices; the index is
``sum(value x weight) / 100`` over all indicators. PermenPANRB 59/2020 (Lampiran B.4)
writes it tier by tier (aspect, domain, Indeks SPBE); PermenPANRB 8/2026 the same for
aspects and the Indeks Pemdi.

Everything is exact. Weights are scaled once per framework to integers (by the least
common multiple of their denominators), so a whole agency is scored in integer arithmetic
when its values are whole levels, and in exact fractions when they are decimals (``1.26``,
``7/6``). No binary float enters the path from a value to a published figure; rounding
(half-up, 2 places) happens only when a figure is published.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from operator import mul
from typing import Any

from spbe_cli.assessment import Assessment
from spbe_cli.framework import Band, Framework, Group, Value
from spbe_cli.packing import packed_row
from spbe_cli.results import (
    IndicatorKey,
    IndicatorResult,
    NodeResult,
    NodeSpec,
    Result,
)


@dataclass(frozen=True, slots=True)
class _LeafGroup:
    """A group right above the indicators: its indicators' ids, units and default values."""

    spec: NodeSpec | None
    ids: tuple[str, ...]
    units: tuple[int, ...]
    defaults: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class _UpperGroup:
    """A group above other groups: its children's range in the tier below."""

    spec: NodeSpec
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CompiledFramework:
    """A framework's weights as integers: ``weight = units / scale`` for every node."""

    framework: Framework
    scale: int
    leaf_groups: tuple[_LeafGroup, ...]
    upper: tuple[tuple[_UpperGroup, ...], ...]
    total_units: int
    ids: frozenset[str]
    index_spec: NodeSpec
    nodes: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    """Node results by target, then group (in :attr:`sum_specs` order), then weighted sum
    (see :func:`_known_nodes`): they are immutable, and agencies share them (a group has
    only a few dozen possible sums)."""
    items: dict[IndicatorKey, IndicatorResult] = field(default_factory=dict)
    """Indicator results by (id, value, assumed, OPD): shared between agencies the same way."""
    order: tuple[str, ...] = ()
    """Every indicator id, in framework order."""
    leaf_specs: tuple[NodeSpec, ...] = ()
    """The leaf groups' specs (none when indicators sit right under the index)."""
    upper_specs: tuple[tuple[NodeSpec, ...], ...] = ()
    """The specs of each tier in ``upper``."""
    sum_specs: tuple[NodeSpec, ...] = ()
    """Every group's spec in the order of the sums :func:`_result` takes: the leaf tier,
    each upper tier bottom-up, the index."""
    tier_spans: tuple[tuple[int, int], ...] = ()
    """Where each tier's nodes lie in :attr:`sum_specs`, top tier first."""
    own: tuple[tuple[str, int, Value], ...] = ()
    """The indicators an office raises itself (not external): id, units, default value."""
    own_by_unit: tuple[tuple[int, tuple[str, ...], tuple[Value, ...]], ...] = ()
    """The same indicators grouped by their units: units, ids, default values."""
    thresholds: dict[Fraction, int | Fraction] = field(default_factory=dict)
    """:func:`rating_threshold` by target, in weight units (times ``total_units``)."""


_COMPILED: dict[int, CompiledFramework] = {}


def compile_framework(framework: Framework) -> CompiledFramework:
    """Integer weight units for ``framework`` (cached per framework object)."""
    compiled = _COMPILED.get(id(framework))
    if compiled is not None and compiled.framework is framework:
        return compiled
    scale = math.lcm(*(i.weight.denominator for i in framework.indicators))
    total = framework.total_weight
    counter = iter(range(1_000_000))

    def spec(node: Group, tier: int) -> NodeSpec:
        parent = framework.group_parents[(tier, node.id)]
        return NodeSpec(
            node.id,
            node.name,
            node.name_en,
            node.weight,
            int(node.weight * scale),
            total,
            tier,
            parent.id if parent else None,
            next(counter),
        )

    def leaf_group(node: Group | None, tier: int) -> _LeafGroup:
        leaves = node.leaves if node is not None else framework.leaves
        return _LeafGroup(
            spec(node, tier) if node is not None else None,
            tuple(i.id for i in leaves),
            tuple(int(i.weight * scale) for i in leaves),
            tuple(framework.default_value(i) for i in leaves),
        )

    tiers = framework.tier_nodes
    if tiers:
        leaf_groups = tuple(leaf_group(node, len(tiers) - 1) for node in tiers[-1])
    else:
        leaf_groups = (leaf_group(None, 0),)
    upper: list[tuple[_UpperGroup, ...]] = []
    for depth in range(len(tiers) - 1):
        start, groups = 0, []
        for node in tiers[depth]:
            groups.append(_UpperGroup(spec(node, depth), start, start + len(node.nodes)))
            start += len(node.nodes)
        upper.append(tuple(groups))
    whole = NodeSpec(
        "",
        framework.index_name,
        framework.index_name_en,
        total,
        int(total * scale),
        total,
        -1,
        None,
        next(counter),
    )
    own = tuple(
        (key, unit, default)
        for g in leaf_groups
        for key, unit, default in zip(g.ids, g.units, g.defaults, strict=True)
        if framework.indicator_by_id[key].external is None
    )
    by_unit: dict[int, list[tuple[str, Value]]] = {}
    for key, unit, default in own:
        by_unit.setdefault(unit, []).append((key, default))
    own_by_unit = tuple(
        (unit, tuple(k for k, _ in pairs), tuple(d for _, d in pairs))
        for unit, pairs in by_unit.items()
    )
    leaf_specs = tuple(g.spec for g in leaf_groups if g.spec is not None)
    upper_specs = tuple(tuple(g.spec for g in groups) for groups in upper)
    bottom_up = [leaf_specs, *reversed(upper_specs)] if leaf_specs else []
    spans, start = [], 0
    for specs in bottom_up:
        spans.append((start, start + len(specs)))
        start += len(specs)
    compiled = CompiledFramework(
        framework,
        scale,
        leaf_groups,
        tuple(upper),
        whole.units,
        frozenset(i.id for i in framework.indicators),
        whole,
        order=tuple(i.id for i in framework.indicators),
        own=own,
        own_by_unit=own_by_unit,
        leaf_specs=leaf_specs,
        upper_specs=upper_specs,
        sum_specs=(*(spec for specs in bottom_up for spec in specs), whole),
        tier_spans=tuple(reversed(spans)),
    )
    _COMPILED[id(framework)] = compiled
    return compiled


def indicator_result(framework: Framework, key: IndicatorKey) -> IndicatorResult:
    """The result of one indicator at a value (see :meth:`Result.indicator_keys`), made
    once per framework and key."""
    cache = compile_framework(framework).items
    found = cache.get(key)
    if found is None:
        found = cache[key] = _indicator_result(framework, key)
    return found


def _indicator_result(framework: Framework, key: IndicatorKey) -> IndicatorResult:
    """One indicator's result at a value (see :class:`IndicatorResult`)."""
    indicator = framework.indicator_by_id[key[0]]
    _, level, assumed, opd = key
    top = framework.scale.max
    whole = math.floor(level)
    per_level = indicator.weight / framework.total_weight
    return IndicatorResult(
        indicator=indicator,
        path=tuple(g.id for g in framework.ancestors[indicator.id]),
        level=level,
        assumed=assumed,
        opd=opd,
        contribution=indicator.weight * level / framework.total_weight,
        gain_per_level=per_level if level < top else Fraction(0),
        next_gain=per_level * (whole + 1 - level) if level < top else Fraction(0),
        headroom=max(0, top - whole) if level < top else 0,
    )


def score(assessment: Assessment, framework: Framework, target: Fraction | None = None) -> Result:
    """Score ``assessment`` exactly. Values must already be validated (see readers).

    Indicators missing from ``assessment.levels`` count at their default (an external
    indicator's ``external.default``, else the scale's minimum) and are listed in
    ``Result.assumed`` (readers refuse missing ones unless asked to allow them).
    """
    if target is None:
        target = framework.target
    elif not isinstance(target, Fraction):
        target = Fraction(target)
    compiled = compile_framework(framework)
    levels = assessment.levels
    # Keyed by the target's integer parts: hashing ints is far cheaper than a Fraction.
    known = compiled.nodes.get((target.numerator, target.denominator))
    if known is None:
        known = compiled.nodes[(target.numerator, target.denominator)] = _known_nodes(compiled)
    row = packed_row(levels, compiled)
    if row is not None:  # every indicator given as a whole level: all sums in one integer
        return _result(framework, assessment, target, compiled, known, row[0].fields(row[1]), ())
    get = levels.get
    # sum(units x value) per group in C; absent indicators count at their default.
    sums: list[int | Fraction] = [
        sum(map(mul, g.units, map(get, g.ids, g.defaults))) for g in compiled.leaf_groups
    ]
    every: list[int | Fraction] = list(sums) if compiled.leaf_specs else []
    for groups in reversed(compiled.upper):
        sums = [sum(sums[g.start : g.end]) for g in groups]
        every.extend(sums)
    every.append(sum(sums))
    if levels.keys() >= compiled.ids:
        assumed: tuple[str, ...] = ()
    else:
        missing = compiled.ids - levels.keys()
        assumed = tuple(i.id for i in framework.indicators if i.id in missing)
    return _result(framework, assessment, target, compiled, known, every, assumed)


def _result(
    framework: Framework,
    assessment: Assessment,
    target: Fraction,
    compiled: CompiledFramework,
    known: _Known,
    sums: Sequence[int | Fraction],
    assumed: tuple[str, ...],
) -> Result:
    """The result from every group's weighted sum: the leaf tier's, each upper tier's
    bottom-up, then the index's (the order :class:`~spbe_cli.packing.Packing` uses). The
    node results are looked up in one C-level pass and made only where new."""
    found = tuple(map(dict.get, known, sums))
    if not all(found):
        made = []
        for spec, cache, weighted, node in zip(compiled.sum_specs, known, sums, found, strict=True):
            if node is None:
                node = cache[weighted] = _node(framework, spec, weighted, target)
            made.append(node)
        found = tuple(made)
    overall: NodeResult = found[-1]  # type: ignore[assignment]
    return Result.made(
        framework,
        assessment,
        overall.index,
        overall.published,
        overall.band,
        target,
        tuple(found[start:end] for start, end in compiled.tier_spans),  # type: ignore[misc]
        assumed,
    )


_Known = list[dict[int | Fraction, NodeResult]]


def _known_nodes(compiled: CompiledFramework) -> _Known:
    """Empty node-result caches for one target, one dict per group in the order of the
    sums :func:`_result` takes."""
    return [{} for _ in compiled.sum_specs]


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


def _node(
    framework: Framework, spec: NodeSpec, weighted: int | Fraction, target: Fraction
) -> NodeResult:
    published, band = _publish(framework, weighted, spec.units)
    index = Fraction(weighted, spec.units) if isinstance(weighted, int) else weighted / spec.units
    return NodeResult(spec, weighted, published, band, target, index)


def _publish(framework: Framework, weighted: int | Fraction, units: int) -> tuple[Decimal, Band]:
    """The published figure of ``weighted / units`` and its band (integer arithmetic)."""
    places = framework.rounding.places
    rounded = int((2 * weighted * 10**places + units) // (2 * units))
    if framework.rounding.rating_basis == "exact":
        band = framework.band_for(Fraction(weighted) / units)
    else:
        band = framework.band_for_units(rounded)
    return Decimal(rounded).scaleb(-places), band


def rating_threshold(framework: Framework, target: Fraction) -> Fraction:
    """The smallest exact index whose rating figure reaches ``target``: the target itself
    when ratings read the exact value, else the first published figure at or above it less
    half a unit of the last place (half-up rounding)."""
    if framework.rounding.rating_basis == "exact":
        return target
    unit: int = 10**framework.rounding.places
    first = math.ceil(target * unit)
    return (first - Fraction(1, 2)) / unit


def fewest_steps(result: Result, target: Fraction) -> int | None:
    """The fewest level steps that bring ``result`` to ``target``; ``None`` if none do.

    A step takes one indicator the office raises itself (not an external one) to its next
    whole level. Each indicator's step gains never grow (a partial first step, then whole
    ones), so taking the largest gains first is optimal when every step costs the same.
    Equal gains are taken together (a framework has few distinct weights), so this costs
    a few operations per distinct gain. Gains are counted in integer weight units (gain x
    scale x total weight) straight from the values, as :attr:`Result.indicators` has them.
    """
    compiled = compile_framework(result.framework)
    threshold = compiled.thresholds.get(target)
    if threshold is None:
        exact = rating_threshold(result.framework, target) * compiled.total_units
        threshold = compiled.thresholds[target] = (
            exact.numerator if exact.denominator == 1 else exact
        )
    index, units = result.index, compiled.total_units
    whole, rest = divmod(units, index.denominator)  # index x units, in ints when it is one
    need = threshold - (index.numerator * whole if not rest else index * units)
    if need <= 0:
        return 0
    top = result.framework.scale.max
    row = packed_row(result.assessment.levels, compiled)
    counts: dict[int | Fraction, int]
    if row is not None:
        counts = row[0].steps_left(row[1], top)
    else:
        get = result.assessment.plain_levels().get
        found = _whole_steps(compiled, get, top)
        counts = found if found is not None else _steps(compiled, get, top)
    steps = 0
    for gain in sorted(counts, reverse=True):
        if gain <= 0:
            break
        count = counts[gain]
        if gain * count >= need:
            return steps + -(-need // gain)  # ceil(need / gain), exact for ints and Fractions
        need -= gain * count
        steps += count
    return None


def _whole_steps(
    compiled: CompiledFramework, get: Callable[[str, Value], Value], top: int
) -> dict[int | Fraction, int] | None:
    """Whole steps left per gain (in units) when every value is a whole level: each
    indicator at level v has top - v steps of its units, summed per units in C; ``None``
    when some value is not an ``int`` (then :func:`_steps` counts them one by one)."""
    counts: dict[int | Fraction, int] = {}
    for unit, ids, defaults in compiled.own_by_unit:
        left = len(ids) * top - sum(map(get, ids, defaults))
        if left.__class__ is not int:
            return None
        if left:
            counts[unit] = left
    return counts


def _steps(
    compiled: CompiledFramework, get: Callable[[str, Value], Value], top: int
) -> dict[int | Fraction, int]:
    """Steps left per gain (in units), a partial first step for a decimal value."""
    counts: dict[int | Fraction, int] = {}
    for key, unit, default in compiled.own:
        level = get(key, default)
        if level >= top:
            continue
        if level.__class__ is int:
            counts[unit] = counts.get(unit, 0) + top - level
            continue
        whole = math.floor(level)
        first = unit * (whole + 1 - level)
        counts[first] = counts.get(first, 0) + 1
        if top - whole > 1:
            counts[unit] = counts.get(unit, 0) + top - whole - 1
    return counts


def whatif(result: Result, changes: Mapping[str, Value]) -> Result:
    """``result`` re-scored with some indicators set to new values."""
    levels = {**result.assessment.levels, **changes}
    changed = replace(result.assessment, levels=levels)
    return score(changed, result.framework, result.target)


def rollup(framework: Framework, indices: Mapping[str, Fraction], tier: int) -> Fraction:
    """The overall index from the given indices of one group tier (e.g. published ones).

    Useful to check published aggregates: the formula applied above that tier.
    """
    nodes = framework.tier_nodes[tier]
    weighted = sum((indices[n.id] * n.weight for n in nodes), Fraction(0))
    return weighted / framework.total_weight


def score_levels(
    levels: Mapping[str, Value], framework: Framework, target: Fraction | None = None
) -> Result:
    """Shorthand: score a plain mapping of indicator id to value."""
    return score(Assessment(levels=dict(levels)), framework, target)
