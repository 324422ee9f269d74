"""The cheapest level raises that bring an index to a target, exactly, round by round.

A step takes one indicator to its next whole level (from 1.26 to 2, then 3, ...) and adds
``weight x (new - old) / 100`` to the index; it costs the indicator's effort per step.
Reaching the target on the published (rounded) figure means reaching an exact threshold
(:func:`threshold`), so choosing the raises is a covering knapsack, solved exactly by
:mod:`spbe_cli.knapsack` in integer units: least effort, then fewest steps, then earlier
indicators.

Offices raise an indicator by at most ``max_step`` levels per evaluation round (the
framework's ``planning.max_step``, one level by default). :func:`plan` with ``rounds=None``
finds the fewest rounds in which the target can be reached and, within them, the least
effort; the raises are then laid out round by round, each round taking every step it may.
``rounds`` bounds the rounds (``--until``); when that is too soon the plan says so and shows
the best reachable path. ``max_step=None`` is the unconstrained one-round optimum.

External indicators (fed by other agencies' indices, such as Pemdi's data indicators) are
never raised by a plan: the office's work does not move them. ``whatif`` can still set them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from spbe_cli.assessment import opd_key
from spbe_cli.engine import rating_threshold, whatif
from spbe_cli.exact import as_value, format_exact, parse_exact, parse_number
from spbe_cli.framework import Framework, Indicator, LevelInfo, Value
from spbe_cli.i18n import Text
from spbe_cli.knapsack import Option, cheapest
from spbe_cli.results import IndicatorResult, NodeResult, Result

Constraint = Literal["lock", "max_step", "max_level", "rounds", "scale"]


class PlanError(ValueError):
    """Invalid planner input (unknown id, level outside the scale, negative effort)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True, slots=True)
class Step:
    """One raise: an indicator from its value to a higher whole level in one round.

    ``count`` is the number of level steps, ``effort`` their effort together, ``gain``
    what the raise adds to the index and ``index`` the exact index once this and every
    earlier raise are done. ``requires`` describes the level reached (each level includes
    the ones below); ``next_requires`` the first level the raise climbs to.
    """

    item: IndicatorResult
    from_level: Value
    to_level: int
    count: int
    effort: Fraction
    gain: Fraction
    index: Fraction
    published: Decimal
    requires: LevelInfo | None
    round: int = 1
    next_requires: LevelInfo | None = None

    @property
    def indicator(self) -> Indicator:
        """The indicator raised."""
        return self.item.indicator

    @property
    def levels(self) -> int:
        """How many level steps this raise climbs."""
        return self.count


@dataclass(frozen=True, slots=True)
class Round:
    """One evaluation round of a plan: its raises and the result after them."""

    number: int
    year: int | None
    steps: tuple[Step, ...]
    after: Result


@dataclass(frozen=True, slots=True)
class Limit:
    """Constraints that hold the index down together: the best index reachable without them.

    Usually one constraint; two or three when only lifting them together helps.
    ``("scale",)`` means the target lies above what the scale allows at all.
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

    @property
    def level_steps(self) -> int:
        """How many level steps the OPD takes."""
        return sum(s.count for s in self.steps)


@dataclass(frozen=True)
class Plan:
    """The cheapest raises from ``start`` to ``target`` and the result after them.

    When the target cannot be reached, ``target_reached`` is false, ``steps`` is the
    cheapest way to the best reachable published figure and ``limits`` names the
    constraints that bind. ``rounds`` lays the steps out per evaluation round.
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
    rounds: tuple[Round, ...] = ()
    rounds_allowed: int | None = None

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
        return sum(s.count for s in self.steps)

    @property
    def raises(self) -> int:
        """How many indicators the plan raises (each counted once, whatever the rounds)."""
        return len({s.item.id for s in self.steps})

    @property
    def gain(self) -> Fraction:
        """What the plan adds to the index, exactly."""
        return self.after.index - self.start.index

    def by_opd(self) -> tuple[OpdShare, ...]:
        """The plan per OPD (largest gain first, then first appearance); OPD names are
        folded (case and spacing) and shown as first spelled."""
        groups: dict[str | None, list[Step]] = {}
        names: dict[str | None, str | None] = {}
        for step in self.steps:
            opd = step.item.opd
            key = opd_key(opd) if opd else None
            names.setdefault(key, " ".join(opd.split()) if opd else None)
            groups.setdefault(key, []).append(step)
        total = self.gain
        shares = []
        for key, steps in groups.items():
            opd = names[key]
            gain = sum((s.gain for s in steps), Fraction(0))
            effort = sum((s.effort for s in steps), Fraction(0))
            share = gain / total if total else Fraction(0)
            shares.append(OpdShare(opd, tuple(steps), effort, gain, share))
        order = {names[key]: pos for pos, key in enumerate(groups)}
        shares.sort(key=lambda s: (-s.gain, order[s.opd]))
        return tuple(shares)


@dataclass(frozen=True, slots=True)
class Change:
    """One value set by ``whatif``."""

    item: IndicatorResult
    to_level: Value
    gain: Fraction


@dataclass(frozen=True)
class WhatIf:
    """A result before and after some values change."""

    before: Result
    after: Result
    changes: tuple[Change, ...]

    @property
    def delta(self) -> Fraction:
        """The exact change of the index."""
        return self.after.index - self.before.index

    def tier_pairs(self) -> list[tuple[Any, list[tuple[NodeResult, NodeResult]]]]:
        """Each group tier with its nodes before and after, side by side."""
        return [
            (tier, list(zip(before, after, strict=True)))
            for (tier, before), after in zip(
                self.before.tier_pairs(), self.after.tiers, strict=True
            )
        ]


# -- public entry points ------------------------------------------------------------------


threshold = rating_threshold
"""The smallest exact index whose rated figure reaches a target (see
:func:`spbe_cli.engine.rating_threshold`)."""


def plan(
    result: Result,
    target: Fraction,
    *,
    effort: Mapping[str, Fraction] | None = None,
    max_step: int | None = None,
    max_level: int | None = None,
    locked: Collection[str] = (),
    rounds: int | None = 1,
) -> Plan:
    """The least-effort raises that bring ``result`` to ``target`` on the rated figure.

    ``max_step`` caps the levels one indicator climbs per round (``None``: no cap);
    ``rounds`` is how many rounds there are (``None``: the fewest that reach the target,
    or that reach the best the scale allows). Effort per level step: ``effort`` where
    given, else the assessment's effort column, else 1. Ties go to fewer level steps,
    then to earlier indicators.
    """
    fw = result.framework
    target = Fraction(target)
    lock = _check_constraints(fw, max_step, max_level, locked, rounds)
    costs = _efforts(result, effort)
    count = (
        rounds if rounds is not None else _fewest_rounds(result, target, lock, max_step, max_level)
    )
    total_cap = None if max_step is None else max_step * count
    caps = _caps(result, lock, total_cap, max_level)
    best = _best_index(result, caps)
    reached = fw.rating_value(best) >= target
    goal = target if reached else fw.rating_value(best)
    chosen = _choose(result, costs, caps, threshold(fw, goal))
    laid_out = _schedule(result, costs, chosen, max_step, count)
    steps = tuple(s for r in laid_out for s in r.steps)
    after = laid_out[-1].after if laid_out else result
    limits = () if reached else _limits(result, target, best, lock, total_cap, max_level, count > 1)
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
        rounds=laid_out,
        rounds_allowed=rounds,
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
    """A plan per round, each optimal given the round before: first ``target``, then each
    next rating. Stops early once nothing is left to raise or the top rating is reached."""
    if years < 1:
        raise PlanError(Text("jumlah putaran minimal 1", "the number of rounds must be 1 or more"))
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


def what_if(result: Result, changes: Mapping[str, Value]) -> WhatIf:
    """``result`` and the result with some indicators set to new values (checked)."""
    fw = result.framework
    items = {i.id: i for i in result.indicators}
    unknown = [key for key in changes if key not in items]
    if unknown:
        raise PlanError(_unknown_ids(unknown))
    outside = [
        f"{k}={format_exact(Fraction(v))}" for k, v in changes.items() if not fw.scale.admits(v)
    ]
    if outside:
        shown = ", ".join(outside)
        span = f"{fw.scale.min}-{fw.scale.max}"
        kind = Text("desimal", "decimal") if fw.scale.decimal else Text("bulat", "whole")
        raise PlanError(
            Text(
                f"nilai bukan nilai skala {span} ({kind.id}): {shown}",
                f"not a value of the scale {span} ({kind.en} values): {shown}",
            )
        )
    order = [i.id for i in fw.indicators if i.id in changes]
    return WhatIf(
        before=result,
        after=whatif(result, dict(changes)),
        changes=tuple(
            Change(items[key], changes[key], _gain(fw, items[key], changes[key])) for key in order
        ),
    )


def _gain(fw: Framework, item: IndicatorResult, level: Value) -> Fraction:
    """What setting ``item`` to ``level`` adds to the index (negative when it falls)."""
    return item.weight * (level - item.level) / fw.total_weight


# -- parsing helpers the CLI uses ---------------------------------------------------------


def _resolve(token: str, framework: Framework) -> str | None:
    return framework.indicator_id(token) if token else None


def parse_ids(text: str, framework: Framework) -> tuple[str, ...]:
    """Indicator ids or aliases from ``13,21-31`` (a range runs in framework order; Pemdi
    ``5.1-5.2`` works too), in framework order."""
    position = {i.id: n for n, i in enumerate(framework.indicators)}
    chosen: set[int] = set()
    for raw in text.split(","):
        token = raw.strip()
        single = _resolve(token, framework)
        if single is not None:
            chosen.add(position[single])
            continue
        ends = _range_ends(token, framework, position)
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


def _range_ends(
    token: str, framework: Framework, position: Mapping[str, int]
) -> tuple[int, int] | None:
    """Positions of ``a`` and ``b`` in ``a-b`` where both name indicators (ids may hold -)."""
    for cut, char in enumerate(token):
        if char == "-":
            first = _resolve(token[:cut].strip(), framework)
            last = _resolve(token[cut + 1 :].strip(), framework)
            if first is not None and last is not None:
                return position[first], position[last]
    return None


def parse_changes(args: Sequence[str], framework: Framework) -> dict[str, Value]:
    """``["11=3", "5.1=2,5"]`` as ``{"11": 3, "13": 5/2}``: ids or aliases, exact values
    (a decimal comma or point, or a fraction); the scale is checked by :func:`what_if`."""
    changes: dict[str, Value] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        key, value = key.strip(), value.strip()
        number = parse_number(value) if value else None
        if not sep or not key or number is None:
            raise PlanError(
                Text(
                    f"'{arg}' harus berbentuk NOMOR=NILAI, misalnya 11=3 atau 13=2,5",
                    f"'{arg}' must look like ID=VALUE, for example 11=3 or 13=2.5",
                )
            )
        found = framework.indicator_id(key)
        if found is None:
            raise PlanError(_unknown_ids([key]))
        if found in changes:
            raise PlanError(
                Text(f"indikator {found} disebut dua kali", f"indicator {found} is given twice")
            )
        changes[found] = as_value(number)
    return changes


def parse_efforts(data: Mapping[Any, object], framework: Framework) -> dict[str, Fraction]:
    """Effort per level step by indicator id (or alias) from a mapping (a YAML file)."""
    efforts: dict[str, Fraction] = {}
    unknown = []
    for key, value in data.items():
        name = str(key).strip()
        found = framework.indicator_id(name)
        if found is None:
            unknown.append(name)
            continue
        try:
            number = parse_exact(value)
        except ValueError as error:
            raise PlanError(
                Text(f"upaya indikator {name}: {error}", f"effort of indicator {name}: {error}")
            ) from None
        efforts[found] = number
    if unknown:
        raise PlanError(_unknown_ids(unknown))
    _check_efforts(efforts)
    return efforts


# -- the optimiser --------------------------------------------------------------------------


def _check_constraints(
    fw: Framework,
    max_step: int | None,
    max_level: int | None,
    locked: Collection[str],
    rounds: int | None,
) -> frozenset[str]:
    """Validated constraints; the locked ids as a set."""
    if max_step is not None and max_step < 0:
        raise PlanError(Text("--max-step tidak boleh negatif", "--max-step must not be negative"))
    if rounds is not None and rounds < 1:
        raise PlanError(Text("jumlah putaran minimal 1", "the number of rounds must be 1 or more"))
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
    """How many level steps each indicator may take, in framework order."""
    top = result.framework.scale.max if max_level is None else max_level
    caps = []
    for item in result.indicators:
        room = max(0, top - math.floor(item.level)) if item.level < top else 0
        cap = 0 if item.id in locked or not item.raisable else min(room, item.headroom)
        caps.append(cap if max_step is None else min(cap, max_step))
    return caps


def _best_index(result: Result, caps: Sequence[int]) -> Fraction:
    """The index with every allowed step taken."""
    extra = sum(
        (
            sum(i.step_gains()[:cap], Fraction(0))
            for i, cap in zip(result.indicators, caps, strict=True)
        ),
        Fraction(0),
    )
    return result.index + extra


def _fewest_rounds(
    result: Result,
    target: Fraction,
    lock: frozenset[str],
    max_step: int | None,
    max_level: int | None,
) -> int:
    """The fewest rounds in which the target can be reached (or the best the scale allows
    is reached, when the target is out of reach)."""
    if max_step is None or max_step <= 0:
        return 1
    fw = result.framework
    most = max(1, math.ceil((fw.scale.max - fw.scale.min) / max_step))
    everything = fw.rating_value(_best_index(result, _caps(result, lock, None, max_level)))
    for rounds in range(1, most + 1):
        best = fw.rating_value(
            _best_index(result, _caps(result, lock, max_step * rounds, max_level))
        )
        if best >= target or best >= everything:
            return rounds
    return most


def _choose(
    result: Result, costs: Mapping[str, Fraction], caps: Sequence[int], goal: Fraction
) -> dict[str, int]:
    """Level steps per indicator id that reach the exact index ``goal`` most cheaply."""
    movable = [(item, cap) for item, cap in zip(result.indicators, caps, strict=True) if cap]
    if not movable or goal <= result.index:
        return {}
    gains = [
        list(itertools.accumulate(item.step_gains()[:cap], initial=Fraction(0)))
        for item, cap in movable
    ]
    scale = math.lcm(*(g.denominator for series in gains for g in series))
    cost_scale = math.lcm(*(costs[item.id].denominator for item, _ in movable))
    big = sum(cap for _, cap in movable) + 1
    options = [
        Option(tuple(int(g * scale) for g in series), int(costs[item.id] * cost_scale) * big + 1)
        for (item, _), series in zip(movable, gains, strict=True)
    ]
    need = math.ceil((goal - result.index) * scale)
    counts = cheapest(options, need)
    if counts is None:  # pragma: no cover - the caller asks only for a reachable goal
        raise AssertionError("unreachable goal")
    return {item.id: n for (item, _), n in zip(movable, counts, strict=True) if n}


def _schedule(
    result: Result,
    costs: Mapping[str, Fraction],
    chosen: Mapping[str, int],
    max_step: int | None,
    rounds: int,
) -> tuple[Round, ...]:
    """The chosen steps laid out per round: each round takes every step it may (at most
    ``max_step`` per indicator), largest gain first within a round."""
    fw = result.framework
    left = dict(chosen)
    current = result
    year = result.assessment.year
    laid_out: list[Round] = []
    for number in range(1, rounds + 1):
        if not any(left.values()):
            break
        items = {i.id: i for i in current.indicators}
        take = {k: (n if max_step is None else min(n, max_step)) for k, n in left.items() if n}
        order = {i.id: pos for pos, i in enumerate(fw.indicators)}
        planned = sorted(take, key=lambda k: (-_raise_gain(items[k], take[k]), order[k]))
        index = current.index
        steps = []
        for key in planned:
            item, count = items[key], take[key]
            gain = _raise_gain(item, count)
            index += gain
            to_level = math.floor(item.level) + count
            steps.append(
                Step(
                    item,
                    item.level,
                    to_level,
                    count,
                    costs[key] * count,
                    gain,
                    index,
                    fw.publish(index),
                    fw.level_info(item.indicator, to_level),
                    number,
                    fw.level_info(item.indicator, item.next_level),
                )
            )
            left[key] -= count
        current = whatif(current, {s.item.id: s.to_level for s in steps})
        when = None if year is None else year + number * fw.planning.round_years
        laid_out.append(Round(number, when, tuple(steps), current))
    return tuple(laid_out)


def _raise_gain(item: IndicatorResult, count: int) -> Fraction:
    return sum(item.step_gains()[:count], Fraction(0))


def _limits(
    result: Result,
    target: Fraction,
    best: Fraction,
    locked: frozenset[str],
    max_step: int | None,
    max_level: int | None,
    bounded_rounds: bool,
) -> tuple[Limit, ...]:
    """The smallest sets of constraints whose removal raises the best reachable index."""
    fw = result.framework
    name: Constraint = "rounds" if bounded_rounds else "max_step"
    switches: tuple[tuple[Constraint, bool], ...] = (
        ("lock", bool(locked)),
        (name, max_step is not None),
        ("max_level", max_level is not None),
    )
    active = [n for n, on in switches if on]
    limits: list[Limit] = []
    for size in range(1, len(active) + 1):
        for group in itertools.combinations(active, size):
            if any(set(limit.constraints) <= set(group) for limit in limits):
                continue
            caps = _caps(
                result,
                frozenset() if "lock" in group else locked,
                None if name in group else max_step,
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
    """This round's goal: the target until reached, then the next rating's lowest figure."""
    fw = current.framework
    if fw.rating_value(current.index) < target:
        return target
    upper = fw.next_band(fw.band_for(current.index))
    return None if upper is None else fw.band_floor(upper)
