"""The cheapest set of level raises that brings an index to a target, exactly.

Each indicator may rise by 0..k levels (k from the scale's top, ``max_step``, ``max_level``
and locks); a step of indicator *i* adds ``weight_i / 100`` to the index and costs its
effort. Reaching the target on the published (rounded) figure means reaching an exact
threshold (:func:`threshold`), so choosing the raises is a multiple-choice covering
knapsack. Weights are exact small numbers: scaled to integer units (by the least common
multiple of their denominators) they make a dynamic programme over "units still needed"
exact and fast. Efforts are scaled to integers the same way, and every table entry is one
integer ``effort x BIG + steps``, so one comparison orders plans by effort, then by fewer
level steps. Among equal plans the one that raises earlier indicators (framework order) is
chosen, read back from the tables front to back.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from spbe_cli.engine import IndicatorResult, NodeResult, Result, whatif
from spbe_cli.framework import Framework, Indicator, LevelInfo, parse_exact
from spbe_cli.i18n import Text

Constraint = Literal["lock", "max_step", "max_level", "scale"]


class PlanError(ValueError):
    """Invalid planner input (unknown id, level outside the scale, negative effort)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True, slots=True)
class Step:
    """One raise: an indicator from one level to a higher one, and the index after it.

    ``effort`` is the raise's whole effort (per-step effort x levels), ``gain`` what it adds
    to the index, ``index`` the exact index once this and every earlier step are done.
    ``requires`` describes the level reached (each level includes the ones below).
    """

    item: IndicatorResult
    from_level: int
    to_level: int
    effort: Fraction
    gain: Fraction
    index: Fraction
    published: Decimal
    requires: LevelInfo | None

    @property
    def indicator(self) -> Indicator:
        """The indicator raised."""
        return self.item.indicator

    @property
    def levels(self) -> int:
        """How many levels this raise climbs."""
        return self.to_level - self.from_level


@dataclass(frozen=True, slots=True)
class Limit:
    """Constraints that hold the index down together: the best index reachable without them.

    Usually one constraint; two or three when only lifting them together helps (a locked
    indicator that ``--max-level`` would also stop). ``("scale",)`` means the target lies
    above what the scale allows at all.
    """

    constraints: tuple[Constraint, ...]
    best_without: Fraction
    reaches_target: bool


@dataclass(frozen=True, slots=True)
class OpdShare:
    """One OPD's part of a plan: its raises, effort and share of the index gain."""

    opd: str | None
    steps: tuple[Step, ...]
    effort: Fraction
    gain: Fraction
    share: Fraction


@dataclass(frozen=True)
class Plan:
    """The cheapest raises from ``start`` to ``target`` and the result after them.

    When the target cannot be reached, ``target_reached`` is false, ``steps`` is the
    cheapest way to the best reachable published figure and ``limits`` names the
    constraints that bind.
    """

    start: Result
    after: Result
    target: Fraction
    threshold: Fraction
    steps: tuple[Step, ...]
    target_reached: bool
    best_reachable: Fraction
    limits: tuple[Limit, ...] = ()
    max_step: int | None = None
    max_level: int | None = None
    locked: tuple[str, ...] = ()

    @property
    def framework(self) -> Framework:
        """The framework of the plan."""
        return self.start.framework

    @property
    def total_effort(self) -> Fraction:
        """The effort of every raise together."""
        return sum((s.effort for s in self.steps), Fraction(0))

    @property
    def level_steps(self) -> int:
        """How many single-level steps the plan takes."""
        return sum(s.levels for s in self.steps)

    @property
    def gain(self) -> Fraction:
        """What the plan adds to the index, exactly."""
        return self.after.index - self.start.index

    def by_opd(self) -> tuple[OpdShare, ...]:
        """The plan per OPD (largest gain first, then first appearance)."""
        groups: dict[str | None, list[Step]] = {}
        for step in self.steps:
            groups.setdefault(step.item.opd, []).append(step)
        total = self.gain
        shares = []
        for opd, steps in groups.items():
            gain = sum((s.gain for s in steps), Fraction(0))
            effort = sum((s.effort for s in steps), Fraction(0))
            share = gain / total if total else Fraction(0)
            shares.append(OpdShare(opd, tuple(steps), effort, gain, share))
        order = {opd: pos for pos, opd in enumerate(groups)}
        shares.sort(key=lambda s: (-s.gain, order[s.opd]))
        return tuple(shares)


@dataclass(frozen=True, slots=True)
class Change:
    """One level set by ``whatif``."""

    item: IndicatorResult
    to_level: int
    gain: Fraction


@dataclass(frozen=True)
class WhatIf:
    """A result before and after some levels change."""

    before: Result
    after: Result
    changes: tuple[Change, ...]

    @property
    def delta(self) -> Fraction:
        """The exact change of the index."""
        return self.after.index - self.before.index

    def node_pairs(self, kind: Literal["domain", "aspect"]) -> list[tuple[NodeResult, NodeResult]]:
        """Domains or aspects before and after, side by side."""
        if kind == "domain":
            return list(zip(self.before.domains, self.after.domains, strict=True))
        return list(zip(self.before.aspects, self.after.aspects, strict=True))


@dataclass(frozen=True, slots=True)
class _Option:
    """An indicator that may rise: integer weight units, scaled effort, steps allowed."""

    item: IndicatorResult
    units: int
    cost: int
    limit: int


# -- public entry points ------------------------------------------------------------------


def threshold(framework: Framework, target: Fraction) -> Fraction:
    """The smallest exact index whose rated figure reaches ``target``.

    With ratings read from the published figure (half-up to p places) that is the first
    published value at or above the target, less half a unit of the last place.
    """
    if framework.rounding.rating_basis == "exact":
        return target
    scale = 10**framework.rounding.places
    first: int = math.ceil(target * scale)
    return Fraction(2 * first - 1, 2 * scale)


def plan(
    result: Result,
    target: Fraction,
    *,
    effort: Mapping[str, Fraction] | None = None,
    max_step: int | None = None,
    max_level: int | None = None,
    locked: Collection[str] = (),
) -> Plan:
    """The least-effort raises that bring ``result`` to ``target`` on the rated figure.

    Effort per level step: ``effort`` where given, else the assessment's effort column,
    else 1. Ties go to fewer level steps, then to earlier indicators.
    """
    fw = result.framework
    target = Fraction(target)
    lock = _check_constraints(fw, max_step, max_level, locked)
    costs = _efforts(result, effort)
    caps = _caps(result, lock, max_step, max_level)
    best = _best_index(result, caps)
    reached = fw.rating_value(best) >= target
    goal = target if reached else fw.rating_value(best)
    chosen = _choose(result, costs, caps, threshold(fw, goal))
    steps = _steps(result, costs, chosen)
    after = whatif(result, {s.item.id: s.to_level for s in steps})
    limits = () if reached else _limits(result, target, best, lock, max_step, max_level)
    return Plan(
        start=result,
        after=after,
        target=target,
        threshold=threshold(fw, target),
        steps=steps,
        target_reached=reached,
        best_reachable=best,
        limits=limits,
        max_step=max_step,
        max_level=max_level,
        locked=tuple(i.id for i in fw.indicators if i.id in lock),
    )


def roadmap(
    result: Result,
    target: Fraction,
    years: int,
    *,
    effort: Mapping[str, Fraction] | None = None,
    max_step: int | None = 1,
    max_level: int | None = None,
    locked: Collection[str] = (),
) -> list[Plan]:
    """A plan per year, each optimal given the year before: first ``target``, then each
    next rating. Stops early once nothing is left to raise or the top rating is reached."""
    if years < 1:
        raise PlanError(Text("jumlah tahun minimal 1", "years must be at least 1"))
    plans: list[Plan] = []
    current = result
    for _ in range(years):
        goal = _year_goal(current, target)
        if goal is None:
            break
        year_plan = plan(
            current, goal, effort=effort, max_step=max_step, max_level=max_level, locked=locked
        )
        if not year_plan.steps:
            break
        plans.append(year_plan)
        current = year_plan.after
    return plans


def what_if(result: Result, changes: Mapping[str, int]) -> WhatIf:
    """``result`` and the result with some indicators set to new levels (checked)."""
    fw = result.framework
    items = {i.id: i for i in result.indicators}
    unknown = [key for key in changes if key not in items]
    if unknown:
        raise PlanError(_unknown_ids(unknown))
    outside = [f"{k}={v}" for k, v in changes.items() if v not in fw.scale.levels]
    if outside:
        shown = ", ".join(outside)
        span = f"{fw.scale.min}-{fw.scale.max}"
        raise PlanError(
            Text(f"level di luar skala {span}: {shown}", f"level outside the scale {span}: {shown}")
        )
    order = [i.id for i in fw.indicators if i.id in changes]
    return WhatIf(
        before=result,
        after=whatif(result, dict(changes)),
        changes=tuple(
            Change(items[key], changes[key], _gain(fw, items[key], changes[key])) for key in order
        ),
    )


def _gain(fw: Framework, item: IndicatorResult, level: int) -> Fraction:
    """What setting ``item`` to ``level`` adds to the index (negative when it falls)."""
    return item.weight * (level - item.level) / fw.total_weight


# -- parsing helpers the CLI uses ---------------------------------------------------------


def parse_ids(text: str, framework: Framework) -> tuple[str, ...]:
    """Indicator ids from ``13,21-31`` (a range runs in framework order), framework order."""
    position = {i.id: n for n, i in enumerate(framework.indicators)}
    chosen: set[int] = set()
    for raw in text.split(","):
        token = raw.strip()
        if token in position:
            chosen.add(position[token])
            continue
        ends = _range_ends(token, position)
        if ends is None:
            raise PlanError(
                Text(
                    f"'{token}' bukan nomor indikator atau rentang seperti 21-31",
                    f"'{token}' is not an indicator id or a range such as 21-31",
                )
            )
        first, last = ends
        if first > last:
            raise PlanError(Text(f"rentang '{token}' terbalik", f"range '{token}' is backwards"))
        chosen.update(range(first, last + 1))
    ids = [i.id for i in framework.indicators]
    return tuple(ids[n] for n in sorted(chosen))


def _range_ends(token: str, position: Mapping[str, int]) -> tuple[int, int] | None:
    """Positions of ``a`` and ``b`` in ``a-b`` where both are ids (ids may hold ``-``)."""
    for cut, char in enumerate(token):
        if char == "-":
            first, last = token[:cut].strip(), token[cut + 1 :].strip()
            if first in position and last in position:
                return position[first], position[last]
    return None


def parse_changes(args: Sequence[str], framework: Framework) -> dict[str, int]:
    """``["11=3", "21=2"]`` as ``{"11": 3, "21": 2}``; ids and levels are checked later."""
    changes: dict[str, int] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value.lstrip("-").isdigit():
            raise PlanError(
                Text(
                    f"'{arg}' harus berbentuk NOMOR=LEVEL, misalnya 11=3",
                    f"'{arg}' must look like ID=LEVEL, for example 11=3",
                )
            )
        if key in changes:
            raise PlanError(
                Text(f"indikator {key} disebut dua kali", f"indicator {key} is given twice")
            )
        changes[key] = int(value)
    return changes


def parse_efforts(data: Mapping[Any, object], framework: Framework) -> dict[str, Fraction]:
    """Effort per level step by indicator id from a mapping (e.g. a YAML file)."""
    efforts: dict[str, Fraction] = {}
    known = framework.indicator_by_id
    unknown = []
    for key, value in data.items():
        name = str(key).strip()
        if name not in known:
            unknown.append(name)
            continue
        try:
            number = parse_exact(value)
        except ValueError as error:
            raise PlanError(
                Text(f"upaya indikator {name}: {error}", f"effort of indicator {name}: {error}")
            ) from None
        efforts[name] = number
    if unknown:
        raise PlanError(_unknown_ids(unknown))
    _check_efforts(efforts)
    return efforts


# -- the optimiser --------------------------------------------------------------------------


def _check_constraints(
    fw: Framework, max_step: int | None, max_level: int | None, locked: Collection[str]
) -> frozenset[str]:
    """Validated constraints; the locked ids as a set."""
    if max_step is not None and max_step < 0:
        raise PlanError(Text("--max-step tidak boleh negatif", "--max-step must not be negative"))
    if max_level is not None and max_level not in fw.scale.levels:
        span = f"{fw.scale.min}-{fw.scale.max}"
        raise PlanError(
            Text(
                f"--max-level {max_level} di luar skala {span}",
                f"--max-level {max_level} is outside the scale {span}",
            )
        )
    unknown = [key for key in locked if key not in fw.indicator_by_id]
    if unknown:
        raise PlanError(_unknown_ids(unknown))
    return frozenset(locked)


def _unknown_ids(ids: Sequence[str]) -> Text:
    shown = ", ".join(ids)
    return Text(f"indikator tidak dikenal: {shown}", f"unknown indicator: {shown}")


def _check_efforts(efforts: Mapping[str, Fraction]) -> None:
    negative = [key for key, value in efforts.items() if value < 0]
    if negative:
        shown = ", ".join(negative)
        raise PlanError(
            Text(f"upaya tidak boleh negatif: {shown}", f"effort must not be negative: {shown}")
        )


def _efforts(result: Result, override: Mapping[str, Fraction] | None) -> dict[str, Fraction]:
    """Effort per level step of every indicator: override, else the input's, else 1."""
    override = override or {}
    unknown = [key for key in override if key not in result.framework.indicator_by_id]
    if unknown:
        raise PlanError(_unknown_ids(unknown))
    given = {**result.assessment.effort, **override}
    efforts = {i.id: Fraction(given.get(i.id, 1)) for i in result.indicators}
    _check_efforts(efforts)
    return efforts


def _caps(
    result: Result, locked: frozenset[str], max_step: int | None, max_level: int | None
) -> list[int]:
    """How many levels each indicator may rise, in framework order."""
    top = result.framework.scale.max if max_level is None else max_level
    caps = []
    for item in result.indicators:
        cap = 0 if item.id in locked else max(0, top - item.level)
        caps.append(cap if max_step is None else min(cap, max_step))
    return caps


def _best_index(result: Result, caps: Sequence[int]) -> Fraction:
    """The index with every allowed raise taken."""
    total = result.framework.total_weight
    extra = sum(
        (i.weight * cap for i, cap in zip(result.indicators, caps, strict=True)), Fraction(0)
    )
    return result.index + extra / total


def _choose(
    result: Result, costs: Mapping[str, Fraction], caps: Sequence[int], goal: Fraction
) -> dict[str, int]:
    """Levels to climb per indicator id to reach the exact index ``goal`` most cheaply."""
    fw = result.framework
    scale = math.lcm(*(i.weight.denominator for i in fw.indicators))
    total_units = int(fw.total_weight * scale)
    need = math.ceil((goal - result.index) * total_units)
    if need <= 0:
        return {}
    movable = [(item, cap) for item, cap in zip(result.indicators, caps, strict=True) if cap]
    cost_scale = math.lcm(*(costs[item.id].denominator for item, _ in movable))
    options = [
        _Option(item, int(item.weight * scale), int(costs[item.id] * cost_scale), cap)
        for item, cap in movable
    ]
    counts = _knapsack(options, need)
    return {o.item.id: n for o, n in zip(options, counts, strict=True) if n}


def _knapsack(options: Sequence[_Option], need: int) -> list[int]:
    """Steps per option covering ``need`` units at least (effort, steps); earliest first.

    ``table[i][r]`` is the best ``effort x big + steps`` of covering ``r`` units with
    options ``i..``; a value of ``inf`` or more is impossible. The caller guarantees the
    need is coverable.
    """
    divisor = math.gcd(*(o.units for o in options))
    need = -(-need // divisor)
    big = sum(o.limit for o in options) + 1
    inf = (sum(o.cost * o.limit for o in options) + 1) * big
    tables = [[0] + [inf] * need]
    for option in reversed(options):
        key = option.cost * big + 1
        tables.append(_layer(tables[-1], option.units // divisor, key, option.limit, need))
    tables.reverse()
    counts: list[int] = []
    left = need
    for pos, option in enumerate(options):
        units, key, rest = option.units // divisor, option.cost * big + 1, tables[pos + 1]
        best = tables[pos][left]
        count = next(
            n
            for n in range(option.limit, -1, -1)
            if n * key + rest[max(0, left - n * units)] == best
        )
        counts.append(count)
        left = max(0, left - count * units)
    return counts


def _layer(prev: list[int], units: int, key: int, limit: int, need: int) -> list[int]:
    """One option added in front of ``prev``: the best over 0..limit steps of it."""
    best = prev
    size = need + 1
    for count in range(1, limit + 1):
        shift, add = count * units, count * key
        if shift >= size:
            shifted = [add] * size
        else:
            shifted = [add] * shift + [value + add for value in prev[: size - shift]]
        best = [a if a <= b else b for a, b in zip(best, shifted, strict=True)]
        if shift >= need:
            break
    return best


def _steps(
    result: Result, costs: Mapping[str, Fraction], chosen: Mapping[str, int]
) -> tuple[Step, ...]:
    """The raises, largest gain first (then framework order), with the running index."""
    fw = result.framework
    total = fw.total_weight
    picked = [(pos, item) for pos, item in enumerate(result.indicators) if item.id in chosen]
    picked.sort(key=lambda p: (-p[1].weight * chosen[p[1].id], p[0]))
    index = result.index
    steps = []
    for _, item in picked:
        count = chosen[item.id]
        gain = item.weight * count / total
        index += gain
        to_level = item.level + count
        steps.append(
            Step(
                item,
                item.level,
                to_level,
                costs[item.id] * count,
                gain,
                index,
                fw.publish(index),
                fw.level_info(item.indicator, to_level),
            )
        )
    return tuple(steps)


def _limits(
    result: Result,
    target: Fraction,
    best: Fraction,
    locked: frozenset[str],
    max_step: int | None,
    max_level: int | None,
) -> tuple[Limit, ...]:
    """The smallest sets of constraints whose removal raises the best reachable index."""
    fw = result.framework
    switches: tuple[tuple[Constraint, bool], ...] = (
        ("lock", bool(locked)),
        ("max_step", max_step is not None),
        ("max_level", max_level is not None),
    )
    active = [name for name, on in switches if on]
    limits: list[Limit] = []
    for size in range(1, len(active) + 1):
        for group in itertools.combinations(active, size):
            if any(set(limit.constraints) <= set(group) for limit in limits):
                continue
            caps = _caps(
                result,
                frozenset() if "lock" in group else locked,
                None if "max_step" in group else max_step,
                None if "max_level" in group else max_level,
            )
            without = _best_index(result, caps)
            if without > best:
                limits.append(Limit(group, without, fw.rating_value(without) >= target))
    top = _best_index(result, _caps(result, frozenset(), None, None))
    if fw.rating_value(top) < target:
        limits.append(Limit(("scale",), top, False))
    return tuple(limits)


def _year_goal(current: Result, target: Fraction) -> Fraction | None:
    """This year's goal: the target until reached, then the next rating's lower edge."""
    fw = current.framework
    if fw.rating_value(current.index) < target:
        return target
    upper = fw.next_band(fw.band_for(current.index))
    return None if upper is None else upper.min
