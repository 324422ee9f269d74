"""Ranking, exact statistics and the ``--where`` grammar."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spbe_cli.assessment import Assessment
from spbe_cli.engine import score
from spbe_cli.framework import load_framework
from spbe_cli.ranking import (
    FilterError,
    median,
    parse_filter,
    rank_by_year,
    rank_results,
    statistics,
)
from spbe_cli.results import Result

FW = load_framework("permenpanrb-59-2020")


def result(agency: str, level: int, year: int = 2021, **overrides: int) -> Result:
    levels = {i.id: level for i in FW.indicators}
    levels.update({k.removeprefix("i"): v for k, v in overrides.items()})
    return score(Assessment(levels, agency, year), FW)


@pytest.fixture
def agencies() -> list[Result]:
    # Indices: 1.00 Kurang, 2.00 Cukup, 2.00 Cukup, 3.00 Baik, 4.00 Sangat Baik, 1.03 Kurang.
    return [
        result("Kota Medan", 1),
        result("Kab Deli Serdang", 2),
        result("Kota Binjai", 2),
        result("Provinsi Sumut", 3),
        result("Kota Siantar", 4),
        result("Kab Karo", 1, i45=2),
    ]


def test_ranks_best_first_ties_share_a_rank(agencies: list[Result]) -> None:
    ranked = rank_results(agencies)
    assert [(r.rank, r.result.assessment.agency) for r in ranked] == [
        (1, "Kota Siantar"),
        (2, "Provinsi Sumut"),
        (3, "Kab Deli Serdang"),
        (3, "Kota Binjai"),
        (5, "Kab Karo"),
        (6, "Kota Medan"),
    ]


def test_statistics_exact(agencies: list[Result]) -> None:
    stats = statistics(agencies, FW)
    karo = Fraction(103, 100)
    assert stats.count == 6
    assert stats.mean == (1 + 2 + 2 + 3 + 4 + karo) / 6
    assert stats.median == 2
    assert FW.publish(stats.mean) == Decimal("2.17")
    counts = {b.band.name: (b.count, b.share) for b in stats.bands}
    assert counts == {
        "Kurang": (2, Fraction(1, 3)),
        "Cukup": (2, Fraction(1, 3)),
        "Baik": (1, Fraction(1, 6)),
        "Sangat Baik": (1, Fraction(1, 6)),
        "Memuaskan": (0, Fraction(0)),
    }
    assert sum(b.share for b in stats.bands) == 1
    assert stats.at_target == 2


def test_median_of_even_count_is_exact_mean_of_middle() -> None:
    assert median([Fraction(1), Fraction(3, 2), Fraction(5, 3), Fraction(4)]) == Fraction(19, 12)
    assert median([Fraction(2)]) == 2
    assert median([]) is None


def test_mean_publishes_half_up() -> None:
    # 2.00 and 2.01 (+2.5% x 1 level, -1.5% x 1 level): mean exactly 2.005, published 2.01.
    pair = [result("A", 2), result("B", 2, i11=3, i21=1)]
    assert [r.published for r in pair] == [Decimal("2.00"), Decimal("2.01")]
    stats = statistics(pair, FW)
    assert stats.mean == Fraction(2005, 1000) == stats.median
    assert stats.published(FW, stats.mean) == Decimal("2.01")


def test_statistics_with_custom_target(agencies: list[Result]) -> None:
    assert statistics(agencies, FW, Fraction(2)).at_target == 4


def test_rank_by_year_ranks_before_filter(agencies: list[Result]) -> None:
    rankings = rank_by_year(agencies, where=[parse_filter("predikat=Kurang")])
    (ranking,) = rankings
    assert [(r.rank, r.result.assessment.agency) for r in ranking.rows] == [
        (5, "Kab Karo"),
        (6, "Kota Medan"),
    ]
    assert ranking.statistics.count == 2 and ranking.total == 6


def test_rank_by_year_groups_years_and_top() -> None:
    results = [result("A", 2, 2021), result("B", 3, 2021), result("A", 4, 2022)]
    rankings = rank_by_year(results, top=1)
    assert [r.year for r in rankings] == [2021, 2022]
    assert [r.result.assessment.agency for r in rankings[0].rows] == ["B"]
    assert rankings[0].statistics.count == 2


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("predikat=Kurang", {"Kota Medan", "Kab Karo"}),
        ("predikat=kurang,cukup", {"Kota Medan", "Kab Karo", "Kab Deli Serdang", "Kota Binjai"}),
        ("predikat=Very good", {"Kota Siantar"}),
        ("predikat!=Kurang,Cukup", {"Provinsi Sumut", "Kota Siantar"}),
        ("instansi~kota", {"Kota Medan", "Kota Binjai", "Kota Siantar"}),
        ("instansi=kota medan", {"Kota Medan"}),
        ("indeks>=2.6", {"Provinsi Sumut", "Kota Siantar"}),
        ("indeks<1,5", {"Kota Medan", "Kab Karo"}),
        ("d4>3", {"Kota Siantar"}),
        (
            "tahun=2021",
            {
                "Kota Medan",
                "Kab Deli Serdang",
                "Kota Binjai",
                "Provinsi Sumut",
                "Kota Siantar",
                "Kab Karo",
            },
        ),
        ("tahun=2022", set()),
        (
            "kerangka=permenpanrb-59-2020",
            {
                "Kota Medan",
                "Kab Deli Serdang",
                "Kota Binjai",
                "Provinsi Sumut",
                "Kota Siantar",
                "Kab Karo",
            },
        ),
    ],
)
def test_filters(agencies: list[Result], expression: str, expected: set[str]) -> None:
    where = parse_filter(expression)
    assert {r.assessment.agency for r in agencies if where.test(r)} == expected


@pytest.mark.parametrize(
    "bad", ["predikat", "warna=merah", "instansi>=2", "indeks>=baik", "predikat="]
)
def test_bad_filters(bad: str) -> None:
    with pytest.raises(FilterError):
        parse_filter(bad)


@given(
    st.lists(
        st.fractions(min_value=0, max_value=5, max_denominator=10_000).map(Fraction),
        max_size=60,
    )
)
def test_exact_sum_is_the_plain_fraction_sum(values: list[Fraction]) -> None:
    from spbe_cli.ranking import exact_sum

    assert exact_sum(values) == sum(values, Fraction(0))
    assert exact_sum(values[:1] * 7) == 7 * (values[0] if values else 0)


@given(st.data())
def test_statistics_count_the_agencies_that_reach_the_target(data: st.DataObject) -> None:
    """At target exactly when each result says so, on both sides of rounding edges."""
    from spbe_cli.ranking import statistics

    fw = load_framework(data.draw(st.sampled_from(["permenpanrb-59-2020", "permenpanrb-8-2026"])))
    cents = data.draw(st.integers(fw.scale.min * 100, fw.scale.max * 100))
    target = Fraction(cents, 100)
    results = []
    for _ in range(data.draw(st.integers(1, 8))):
        levels = {i.id: data.draw(st.integers(fw.scale.min, fw.scale.max)) for i in fw.indicators}
        results.append(score(Assessment(levels), fw, target))
    stats = statistics(results, fw, target)
    assert stats.at_target == sum(r.target_reached for r in results)


def test_statistics_count_an_index_on_the_rounding_edge() -> None:
    """An exact index of x.xx5 publishes as x.xx+0.01 (half up): it reaches that target."""
    import random

    from spbe_cli.ranking import statistics

    fw = load_framework("permenpanrb-59-2020")
    pick = random.Random(1)
    while True:
        levels = {i.id: pick.randint(1, 5) for i in fw.indicators}
        index = score(Assessment(levels), fw).index
        if (index * 200).denominator == 1 and (index * 200).numerator % 2:
            break
    published = index + Fraction(1, 200)  # the figure it is published as
    on_edge = score(Assessment(levels), fw, published)
    assert on_edge.target_reached
    assert statistics([on_edge], fw, published).at_target == 1
    above = published + Fraction(1, 100)
    assert statistics([score(Assessment(levels), fw, above)], fw, above).at_target == 0
