"""The engine against the regulation's worked examples, published aggregates and a naive
reference implementation of the formula."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_cli.engine import rollup, score_levels, whatif
from spbe_cli.framework import Framework, load_framework


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework("permenpanrb-59-2020")


def naive_index(fw: Framework, levels: dict[str, int]) -> Fraction:
    """Sum of weight x level over all indicators, / 100: the formula's closed form."""
    return sum((i.weight * levels[i.id] for i in fw.indicators), Fraction(0)) / 100


def half_up(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def levels_with(fw: Framework, default: int, **overrides: int) -> dict[str, int]:
    levels = {i.id: default for i in fw.indicators}
    levels.update({key.removeprefix("i"): value for key, value in overrides.items()})
    return levels


def test_tabel_10_aspect_index(fw: Framework) -> None:
    # Aspect 2, indicators 11-14 at levels 3, 4, 3, 2: sum NI x BI = 30.00, index 3.00.
    result = score_levels(levels_with(fw, 1, i11=3, i12=4, i13=3, i14=2), fw)
    aspect = next(a for a in result.aspects if a.id == "2")
    assert aspect.index * aspect.weight == 30
    assert aspect.index == 3
    assert str(aspect.published) == "3.00"


def test_tabel_11_domain_index(fw: Framework) -> None:
    # Domain 2 with aspects 2, 3, 4 at 3.00, 4.00, 3.00: sum = 85.00, index 3.40.
    levels = levels_with(fw, 1, i11=3, i12=4, i13=3, i14=2)
    levels.update({str(i): 4 for i in range(15, 19)})
    levels.update({"19": 3, "20": 3})
    result = score_levels(levels, fw)
    domain = next(d for d in result.domains if d.id == "2")
    assert domain.index * domain.weight == 85
    assert str(domain.published) == "3.40"


def test_tabel_12_overall_index(fw: Framework) -> None:
    # Domains 3.70, 3.40, 3.00, 3.20: sum ND x BD = 328.20, Indeks SPBE 3.28.
    domains = {
        "1": Fraction("3.70"),
        "2": Fraction("3.40"),
        "3": Fraction("3.00"),
        "4": Fraction("3.20"),
    }
    total = sum((d.weight * domains[d.id] for d in fw.tier_nodes[0]), Fraction(0))
    assert total == Fraction("328.20")
    assert fw.publish(total / 100) == Decimal("3.28")
    assert fw.band_for(total / 100).name == "Baik"


@pytest.mark.parametrize(
    ("aspects", "domains", "index"),
    [
        # 2021 national averages (all agencies).
        (
            ["2.21", "1.77", "2.00", "1.93", "1.26", "1.17", "2.86", "2.74"],
            ["2.21", "1.89", "1.23", "2.81"],
            "2.24",
        ),
        # 2024 national averages.
        (["3.36", "2.41", "2.75", "2.80", "1.91", "1.73", "3.77", "3.80"], None, "3.12"),
    ],
)
def test_published_aggregates(
    fw: Framework, aspects: list[str], domains: list[str] | None, index: str
) -> None:
    aspect_tier = fw.tier_nodes[1]
    values = {a.id: Fraction(v) for a, v in zip(aspect_tier, aspects, strict=True)}
    overall = rollup(fw, values, 1)
    domain_values = {
        d.id: sum((values[a.id] * a.weight for a in d.nodes), Fraction(0)) / d.weight
        for d in fw.tier_nodes[0]
    }
    assert fw.publish(overall) == Decimal(index)
    if domains is not None:
        # Published domains are rounded themselves: recomputed ones agree to 0.01.
        for domain_id, published in zip(domain_values, domains, strict=True):
            assert abs(fw.publish(domain_values[domain_id]) - Decimal(published)) <= Decimal("0.01")


level_sets = st.fixed_dictionaries({str(i): st.integers(1, 5) for i in range(1, 48)})


@pytest.mark.slow  # 200 hypothesis cases
@given(levels=level_sets)
@settings(max_examples=200, deadline=None)
def test_engine_matches_closed_form(levels: dict[str, int]) -> None:
    fw = load_framework()
    result = score_levels(levels, fw)
    exact = naive_index(fw, levels)
    assert result.index == exact
    assert result.published == half_up(exact)
    assert result.band is fw.band_for(exact)
    # The aspect and domain gap shares add up exactly to the whole gap.
    assert sum((a.gap_points for a in result.aspects), Fraction(0)) == result.target - exact
    assert sum((d.gap_points for d in result.domains), Fraction(0)) == result.target - exact
    # Contributions add up to the index.
    assert sum((i.contribution for i in result.indicators), Fraction(0)) == exact


@given(levels=level_sets, data=st.data())
@settings(max_examples=100, deadline=None)
def test_gain_per_level_is_exact(levels: dict[str, int], data: st.DataObject) -> None:
    fw = load_framework()
    result = score_levels(levels, fw)
    raisable = [i for i in result.indicators if i.headroom > 0]
    if not raisable:
        return
    item = data.draw(st.sampled_from(raisable))
    raised = whatif(result, {item.id: item.level + 1})
    assert raised.index - result.index == item.gain_per_level


def test_pematangsiantar_profile(fw: Framework) -> None:
    twos = [1, 2, 3, 8, 10, 11, 15, 16, 17, 22, 23, 32, 36, 38, 40, 42, 44]
    levels = levels_with(fw, 1)
    levels.update({str(i): 2 for i in twos})
    levels.update({"33": 3, "34": 3, "35": 3})
    result = score_levels(levels, fw)
    assert naive_index(fw, levels) == Fraction("1.53")
    assert str(result.published) == "1.53"
    assert result.band.name == "Kurang"
    assert result.gap == Fraction("1.07")
    assert result.next_band is not None and result.next_band.name == "Cukup"
    assert result.to_next_band == Fraction("0.27")


def test_fewest_steps_is_minimal(fw: Framework) -> None:
    result = score_levels(levels_with(fw, 1), fw)
    steps = result.min_steps_to_target
    assert steps is not None
    # Independently: weights sorted descending, 4 steps each, count until >= 2.595.
    gains = sorted((i.weight / 100 for i in fw.indicators for _ in range(4)), reverse=True)
    need = Fraction("2.595") - 1
    total, count = Fraction(0), 0
    while total < need:
        total += gains[count]
        count += 1
    assert steps == count
    assert score_levels(levels_with(fw, 5), fw).min_steps_to_target == 0


def test_missing_indicators_count_at_scale_minimum(fw: Framework) -> None:
    levels = levels_with(fw, 3)
    del levels["47"], levels["5"]
    result = score_levels(levels, fw)
    assert result.assumed == ("5", "47")
    assert result.index == naive_index(fw, {**levels, "5": 1, "47": 1})


def test_top_gains_prefer_heavier_indicators(fw: Framework) -> None:
    result = score_levels(levels_with(fw, 1), fw)
    top = result.top_gains(6)
    assert [i.id for i in top] == ["42", "43", "44", "45", "46", "47"]
    maxed = score_levels(levels_with(fw, 5), fw)
    assert maxed.top_gains(3) == []


def _fewest_by_sorting(result: Any, target: Fraction) -> int | None:
    """The plain greedy: every step gain sorted, taken largest first."""
    fw = result.framework
    if fw.rating_value(result.index) >= target:
        return 0
    gains = sorted((g for i in result.indicators for g in i.step_gains()), reverse=True)
    index = result.index
    for steps, gain in enumerate(gains, start=1):
        index += gain
        if fw.rating_value(index) >= target:
            return steps
    return None


@given(
    values=st.lists(st.integers(100, 500), min_size=20, max_size=20),
    target=st.sampled_from(["1.5", "2.5", "2.6", "3.5", "4", "4.99", "5"]),
)
def test_fewest_steps_equals_the_sorted_greedy(values: list[int], target: str) -> None:
    from spbe_cli.engine import fewest_steps

    fw = load_framework("permenpanrb-8-2026")
    levels = {str(n): Fraction(v, 100) for n, v in enumerate(values, start=1)}
    result = score_levels(levels, fw)
    assert fewest_steps(result, Fraction(target)) == _fewest_by_sorting(result, Fraction(target))
