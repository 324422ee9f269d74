"""The planner against brute force on small random frameworks, and its fixed cases."""

from __future__ import annotations

import dataclasses
import itertools
import time
from dataclasses import dataclass, replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_cli.assessment import Assessment
from spbe_cli.engine import fewest_steps, score, score_levels, whatif
from spbe_cli.framework import Framework, load_framework, parse_framework
from spbe_cli.planner import (
    Plan,
    PlanError,
    parse_changes,
    parse_efforts,
    parse_ids,
    plan,
    roadmap,
    threshold,
    what_if,
)
from spbe_cli.results import Result

FW = load_framework()
TWOS = [1, 2, 3, 8, 10, 11, 15, 16, 17, 22, 23, 32, 36, 38, 40, 42, 44]
BAIK = Fraction("2.6")


def siantar() -> Result:
    levels = {i.id: 1 for i in FW.indicators}
    levels.update({str(i): 2 for i in TWOS})
    levels.update({"33": 3, "34": 3, "35": 3})
    return score_levels(levels, FW)


# -- small random frameworks ----------------------------------------------------------------


def framework_text(
    weights: list[Fraction], low: int, basis: str, ids: list[str] | None = None
) -> str:
    """A valid framework: one domain and aspect, one indicator per weight, scale low..5."""
    names = ids or [str(n) for n in range(1, len(weights) + 1)]

    def text(value: Fraction) -> str:
        return f'"{value.numerator}/{value.denominator}"'

    levels = "\n".join(
        f'        {n}: {{name: L{n}, requires: "syarat {n}", requires_en: "needs {n}"}}'
        for n in range(low, 6)
    )
    items = "\n".join(
        f'          - {{id: "{n}", name: I{n}, type: p, weight: {text(w)}}}'
        for n, w in zip(names, weights, strict=True)
    )
    edges = [str(low), "1.8", "2.6", "3.5", "4.2", "5"]
    bands = "\n".join(
        f'  - {{name: B{n}, min: "{edges[n]}", max: "{edges[n + 1]}"}}' for n in range(5)
    )
    return f"""
id: test
title: Test
source: test
scale:
  min: {low}
  max: 5
  types:
    p:
      name: P
      levels:
{levels}
bands:
{bands}
rounding: {{places: 2, rating_basis: {basis}}}
target: "2.6"
domains:
  - id: "1"
    name: D
    weight: "100"
    aspects:
      - id: "1"
        name: A
        weight: "100"
        indicators:
{items}
"""


@dataclass(frozen=True)
class Options:
    """Planner options of one generated case."""

    effort: dict[str, Fraction]
    max_step: int | None
    max_level: int | None
    locked: frozenset[str]


Case = tuple[Result, Fraction, Options]
Best = tuple[tuple[Fraction, int, tuple[int, ...]], tuple[int, ...]]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A random framework, assessment, efforts, constraints and target."""
    count = draw(st.integers(2, 4))
    denominators = st.sampled_from([1, 2, 3, 4, 6, 20])
    weights = [
        Fraction(draw(st.integers(1, 30 * d)), d)
        for d in (draw(denominators) for _ in range(count - 1))
    ]
    weights.append(100 - sum(weights, Fraction(0)))
    low = draw(st.sampled_from([0, 1]))
    fw = parse_framework(framework_text(weights, low, draw(st.sampled_from(["rounded", "exact"]))))
    ids = [i.id for i in fw.indicators]
    levels = {i: draw(st.integers(low, 5)) for i in ids}
    efforts = st.sampled_from(
        [Fraction(1), Fraction(2), Fraction(3), Fraction(1, 2), Fraction(5, 3), Fraction(0)]
    )
    effort = {i: draw(efforts) for i in ids if draw(st.booleans())}
    options = Options(
        effort=effort,
        max_step=draw(st.none() | st.integers(0, 3)),
        max_level=draw(st.none() | st.integers(low, 5)),
        locked=draw(st.frozensets(st.sampled_from(ids), max_size=2)),
    )
    target = Fraction(draw(st.integers(100 * low, 520)), draw(st.sampled_from([100, 1000])))
    return score(Assessment(levels=levels), fw), target, options


def caps_of(result: Result, options: Options) -> list[int]:
    """Levels each indicator may rise, computed independently of the planner."""
    top = 5 if options.max_level is None else options.max_level
    caps = []
    for item in result.indicators:
        cap = 0 if item.id in options.locked else max(0, top - item.level)
        caps.append(cap if options.max_step is None else min(cap, options.max_step))
    return caps


def brute_force(
    result: Result, goal: Fraction, caps: list[int], effort: dict[str, Fraction]
) -> Best | None:
    """The best (effort, steps, earliest indicators first) raise vector reaching ``goal``."""
    fw = result.framework
    items = result.indicators
    best: Best | None = None
    for counts in itertools.product(*(range(c + 1) for c in caps)):
        index = (
            result.index
            + sum((i.weight * n for i, n in zip(items, counts, strict=True)), Fraction(0)) / 100
        )
        if fw.rating_value(index) < goal:
            continue
        cost = sum(
            (effort.get(i.id, Fraction(1)) * n for i, n in zip(items, counts, strict=True)),
            Fraction(0),
        )
        key = (cost, sum(counts), tuple(-n for n in counts))
        if best is None or key < best[0]:
            best = (key, counts)
    return best


def counts_of(result: Result, made: Plan) -> tuple[int, ...]:
    raised = {s.item.id: s.levels for s in made.steps}
    return tuple(raised.get(i.id, 0) for i in result.indicators)


@pytest.mark.slow  # 300 hypothesis cases, each solved by brute force too
@settings(max_examples=300, deadline=None)
@given(cases())
def test_never_worse_than_brute_force(case: Case) -> None:
    result, target, options = case
    effort = options.effort
    made = plan(
        result,
        target,
        effort=effort,
        max_step=options.max_step,
        max_level=options.max_level,
        locked=options.locked,
    )
    caps = caps_of(result, options)
    fw = result.framework
    best_index = (
        result.index
        + sum((i.weight * c for i, c in zip(result.indicators, caps, strict=True)), Fraction(0))
        / 100
    )
    assert made.best_reachable == best_index
    found = brute_force(result, target, caps, effort)
    assert made.target_reached is (found is not None)
    if found is None:
        # Infeasible: the cheapest way to the best reachable rated figure, and a reason.
        found = brute_force(result, fw.rating_value(best_index), caps, effort)
        assert found is not None
        assert made.limits
        assert all(
            limit.best_without > best_index
            for limit in made.limits
            if limit.constraints != ("scale",)
        )
    (cost, steps, _), counts = found
    assert made.total_effort == cost
    assert made.level_steps == steps
    assert counts_of(result, made) == counts  # the same tie-break, exactly
    # Re-scored independently, the plan reaches the goal on the published figure.
    rescored = whatif(result, {s.item.id: s.to_level for s in made.steps})
    assert rescored.index == made.after.index
    if made.target_reached:
        assert fw.rating_value(rescored.index) >= target
    if made.steps:
        assert made.steps[-1].index == rescored.index
    for step, cap in ((s, caps[int(s.item.id) - 1]) for s in made.steps):
        assert 0 < step.levels <= cap


@pytest.mark.slow  # 60 hypothesis cases, each planned twice
@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=47, max_size=47), st.integers(100, 500))
def test_unit_effort_matches_the_fewest_steps(levels: list[int], hundredths: int) -> None:
    result = score_levels({i.id: lv for i, lv in zip(FW.indicators, levels, strict=True)}, FW)
    target = Fraction(hundredths, 100)
    made = plan(result, target)
    assert made.target_reached
    assert made.level_steps == fewest_steps(result, target)
    assert FW.rating_value(made.after.index) >= target
    gains = [s.gain for s in made.steps]
    assert gains == sorted(gains, reverse=True)


# -- fixed cases ----------------------------------------------------------------------------


def test_threshold_on_the_published_figure() -> None:
    assert threshold(FW, BAIK) == Fraction("2.595")
    assert FW.rating_value(Fraction("2.595")) >= BAIK
    assert FW.rating_value(Fraction("2.595") - Fraction(1, 10**9)) < BAIK
    exact = dataclasses.replace(FW, rounding=dataclasses.replace(FW.rounding, rating_basis="exact"))
    assert threshold(exact, BAIK) == BAIK
    assert threshold(FW, Fraction("2.601")) == Fraction("2.605")


def test_pematangsiantar_to_baik() -> None:
    result = siantar()
    made = plan(result, BAIK)
    assert str(result.published) == "1.53"
    assert made.target_reached and str(made.after.published) == "2.60"
    assert made.after.band.name == "Baik"
    assert made.level_steps == 37 == result.min_steps_to_target
    assert made.total_effort == 37
    assert [s.item.id for s in made.steps] == [
        "43",
        "45",
        "46",
        "47",
        "42",
        "44",
        "32",
        "36",
        "11",
        "33",
        "34",
        "35",
    ]
    assert all(s.to_level == 5 for s in made.steps)
    assert made.steps[0].requires is not None and made.steps[0].requires.name == "Optimum"


def test_already_at_target() -> None:
    result = score_levels({i.id: 3 for i in FW.indicators}, FW)
    made = plan(result, BAIK)
    assert made.target_reached and made.steps == () and made.limits == ()
    assert made.after.index == result.index and made.total_effort == 0


def test_infeasible_names_the_binding_constraint() -> None:
    result = siantar()
    made = plan(result, BAIK, max_step=1, locked=parse_ids("21-31", FW))
    assert not made.target_reached
    assert str(FW.publish(made.best_reachable)) == "2.37"
    assert made.after.index == made.best_reachable  # everything allowed is needed
    limits = {limit.constraints: limit for limit in made.limits}
    assert set(limits) == {("lock",), ("max_step",)}
    assert limits["max_step",].reaches_target and not limits["lock",].reaches_target
    assert str(FW.publish(limits["lock",].best_without)) == "2.53"


def test_constraints_that_bind_only_together() -> None:
    # Indicator 1 is locked and every other indicator is held at its level by --max-level 1.
    result = score_levels({i.id: 1 for i in FW.indicators}, FW)
    made = plan(result, BAIK, max_level=1, locked=["1"])
    assert not made.target_reached and made.steps == ()
    assert [limit.constraints for limit in made.limits] == [("max_level",)]
    made = plan(result, BAIK, max_level=1, locked=[i.id for i in FW.indicators])
    assert [limit.constraints for limit in made.limits] == [("lock", "max_level")]
    assert made.limits[0].reaches_target


def test_target_above_the_scale() -> None:
    made = plan(siantar(), Fraction(6))
    assert not made.target_reached and made.after.index == 5
    assert [limit.constraints for limit in made.limits] == [("scale",)]


def test_infeasible_goes_only_as_far_as_the_published_figure_moves() -> None:
    # Only indicator 1 (weight 1.30) may move, by one step: 1.00 -> 1.013 publishes 1.01.
    result = score_levels({i.id: 1 for i in FW.indicators}, FW)
    others = [i.id for i in FW.indicators if i.id != "1"]
    made = plan(result, BAIK, max_step=1, locked=others)
    assert not made.target_reached and [s.item.id for s in made.steps] == ["1"]
    assert str(made.after.published) == "1.01"


def test_locks_and_max_level_are_respected() -> None:
    result = siantar()
    locked = parse_ids("42-47", FW)
    made = plan(result, BAIK, max_level=3, locked=locked)
    assert made.target_reached
    assert not {s.item.id for s in made.steps} & set(locked)
    assert all(s.to_level <= 3 for s in made.steps)
    assert made.locked == locked and made.max_level == 3
    assert made.level_steps > plan(result, BAIK).level_steps  # the constraints cost steps


def test_ties_go_to_fewer_steps_then_lower_indicators() -> None:
    result = score_levels({i.id: 1 for i in FW.indicators}, FW)
    made = plan(result, Fraction("1.01"))  # one step of any indicator is enough
    assert [(s.item.id, s.from_level, s.to_level) for s in made.steps] == [("1", 1, 2)]
    # 1.03 takes one step of 11 (1.025 publishes 1.03) or two of 21 (1.5 each): at equal
    # effort the single step wins; when 21 is cheaper, its two steps win.
    halves = {"21": Fraction(1, 2)}
    made = plan(result, Fraction("1.03"), effort=halves)
    assert [(s.item.id, s.levels) for s in made.steps] == [("11", 1)]
    thirds = {"21": Fraction(1, 3)}
    made = plan(result, Fraction("1.03"), effort=thirds)
    assert [(s.item.id, s.levels) for s in made.steps] == [("21", 2)]
    assert made.total_effort == Fraction(2, 3)


def test_effort_column_and_override() -> None:
    result = siantar()
    costly = replace(result.assessment, effort={i: Fraction(9) for i in map(str, range(32, 48))})
    with_column = plan(score(costly, FW), BAIK)
    assert not {s.item.id for s in with_column.steps} & {str(i) for i in range(32, 48)}
    override = plan(score(costly, FW), BAIK, effort={str(i): Fraction(1) for i in range(32, 48)})
    assert override.total_effort == plan(result, BAIK).total_effort


def test_by_opd_shares_add_up() -> None:
    result = siantar()
    opd = {str(i): ("Diskominfo" if i >= 42 else "BPKPD") for i in range(1, 48)}
    made = plan(score(replace(result.assessment, opd=opd), FW), BAIK)
    shares = made.by_opd()
    assert [s.opd for s in shares] == ["Diskominfo", "BPKPD"]
    assert sum(s.share for s in shares) == 1
    assert sum(s.gain for s in shares) == made.gain
    assert sum(len(s.steps) for s in shares) == len(made.steps)


def test_roadmap_year_by_year() -> None:
    result = siantar()
    years = roadmap(result, BAIK, 5)
    goals = [y.target for y in years]
    assert goals == [BAIK, BAIK, Fraction("3.5"), Fraction("4.2")]  # stops at the top rating
    assert not years[0].target_reached and years[1].target_reached
    assert [str(y.after.published) for y in years] == ["2.53", "2.60", "3.50", "4.20"]
    for before, after in itertools.pairwise(years):
        assert after.start is before.after
    assert all(s.levels == 1 for y in years for s in y.steps)
    assert len(roadmap(result, BAIK, 2)) == 2
    with pytest.raises(PlanError):
        roadmap(result, BAIK, 0)


SIXTHS = ["32", "33", "34", "35-1", "35-2", "35-3"]


def sixths() -> Framework:
    """Like 5/2018's public services: six items of 20/6, levels 0-5, ids with hyphens."""
    return parse_framework(
        framework_text([Fraction(20, 6)] * 6 + [Fraction(80)], 0, "rounded", [*SIXTHS, "1"])
    )


@pytest.mark.parametrize("hundredths", [50, 101, 260, 350, 420, 499])
def test_weights_in_sixths(hundredths: int) -> None:
    fw = sixths()
    result = score_levels({"1": 0, **{i: 0 for i in SIXTHS}}, fw)
    target = Fraction(hundredths, 100)
    made = plan(result, target)
    assert made.target_reached and made.level_steps == fewest_steps(result, target)
    assert fw.rating_value(whatif(result, {s.item.id: s.to_level for s in made.steps}).index) >= (
        target
    )


def test_parse_ids() -> None:
    assert parse_ids("13, 21-23", FW) == ("13", "21", "22", "23")
    assert parse_ids("3,1,3", FW) == ("1", "3")
    hyphens = sixths()
    assert parse_ids("35-1", hyphens) == ("35-1",)
    assert parse_ids("34-35-2", hyphens) == ("34", "35-1", "35-2")
    for bad in ("13-x", "31-21", "", "99", "1,,2"):
        with pytest.raises(PlanError):
            parse_ids(bad, FW)


def test_parse_changes_and_what_if() -> None:
    assert parse_changes(["11=3", " 21 = 2"], FW) == {"11": 3, "21": 2}
    for bad in (["11"], ["11=x"], ["=3"], ["11=2", "11=3"]):
        with pytest.raises(PlanError):
            parse_changes(bad, FW)
    result = siantar()
    change = what_if(result, {"42": 5, "11": 3})
    assert [c.item.id for c in change.changes] == ["11", "42"]
    assert change.delta == Fraction("0.115") and str(change.after.published) == "1.65"
    assert [c.gain for c in change.changes] == [Fraction("0.025"), Fraction("0.09")]
    with pytest.raises(PlanError):
        what_if(result, {"99": 2})
    with pytest.raises(PlanError):
        what_if(result, {"11": 6})


def test_parse_efforts() -> None:
    assert parse_efforts({13: "20/6", "21": 1.5}, FW) == {
        "13": Fraction(10, 3),
        "21": Fraction(3, 2),
    }
    for bad in ({"99": 1}, {"13": -1}, {"13": "lots"}):
        with pytest.raises(PlanError):
            parse_efforts(bad, FW)


def test_bad_constraints() -> None:
    result = siantar()
    with pytest.raises(PlanError):
        plan(result, BAIK, max_step=-1)
    with pytest.raises(PlanError):
        plan(result, BAIK, max_level=6)
    with pytest.raises(PlanError):
        plan(result, BAIK, locked=["99"])
    with pytest.raises(PlanError):
        plan(result, BAIK, effort={"99": Fraction(1)})
    with pytest.raises(PlanError):
        plan(result, BAIK, effort={"13": Fraction(-1)})


def test_fast_on_47_indicators() -> None:
    ones = score_levels({i.id: 1 for i in FW.indicators}, FW)
    effort = {i.id: Fraction(n % 7 + 1, 3) for n, i in enumerate(FW.indicators)}
    started = time.perf_counter()
    made = plan(ones, Fraction("4.2"), effort=effort)
    assert made.target_reached
    assert time.perf_counter() - started < 1.0
