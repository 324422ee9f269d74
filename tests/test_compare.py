"""Year-over-year comparison: framework choice, comparability, changes and regressions."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_cli.assessment import Assessment
from spbe_cli.compare import (
    CompareError,
    Point,
    comparable_indicators,
    compare,
    find_regressions,
    same_node,
    split_framework_options,
)
from spbe_cli.engine import score
from spbe_cli.framework import Framework, framework_from_data, load_framework
from spbe_cli.framework.choosing import for_year as framework_for_year
from spbe_cli.framework.choosing import named as match_framework_name

FW59 = load_framework("permenpanrb-59-2020")

# PermenPANRB 5/2018 as the reference describes it (3 domains, 7 aspects, 37 items, 0-5).
_TREE_2018 = [
    (
        "1",
        "Kebijakan Internal SPBE",
        "17",
        [
            ("1", "Kebijakan Internal Tata Kelola SPBE", [str(i) for i in range(1, 8)], "1"),
            ("2", "Kebijakan Internal Layanan SPBE", [str(i) for i in range(8, 18)], "1"),
        ],
    ),
    (
        "2",
        "Tata Kelola SPBE",
        "28",
        [
            ("3", "Kelembagaan", ["18", "19"], "4"),
            ("4", "Strategi dan Perencanaan", ["20", "21"], "4"),
            ("5", "Teknologi Informasi dan Komunikasi", ["22", "23", "24"], "4"),
        ],
    ),
    (
        "3",
        "Layanan SPBE",
        "55",
        [
            (
                "6",
                "Layanan Administrasi Pemerintahan Berbasis Elektronik",
                [str(i) for i in range(25, 32)],
                "5",
            ),
            (
                "7",
                "Layanan Publik Berbasis Elektronik",
                ["32", "33", "34", "35-1", "35-2", "35-3"],
                "20/6",
            ),
        ],
    ),
]


def framework_2018_data() -> dict[str, Any]:
    """A 5/2018-shaped framework as plain data (the bundled file may not exist yet)."""
    from fractions import Fraction

    levels = {n: {"name": f"L{n}"} for n in range(6)}
    domains: list[dict[str, Any]] = []
    for d_id, d_name, d_weight, aspects in _TREE_2018:
        items = []
        for a_id, a_name, ids, weight in aspects:
            total = Fraction(weight) * len(ids)
            items.append(
                {
                    "id": a_id,
                    "name": a_name,
                    "weight": str(total),
                    "indicators": [
                        {"id": i, "name": f"Item {i} (2018)", "type": "t", "weight": weight}
                        for i in ids
                    ],
                }
            )
        domains.append({"id": d_id, "name": d_name, "weight": d_weight, "aspects": items})
    bands = [dict(dataclasses.asdict(b), min=str(b.min), max=str(b.max)) for b in FW59.bands]
    bands[0]["min"] = "0"
    return {
        "id": "permenpanrb-5-2018",
        "title": "Evaluasi SPBE menurut PermenPANRB 5/2018",
        "source": "PermenPANRB 5/2018",
        "applies_from": 2018,
        "applies_until": 2020,
        "scale": {"min": 0, "max": 5, "types": {"t": {"name": "t", "levels": levels}}},
        "bands": bands,
        "target": "2.6",
        "domains": domains,
    }


FW18 = framework_from_data(framework_2018_data())


def point(fw: Framework, level: int, year: int, agency: str = "Kota A", **overrides: int) -> Point:
    levels = {i.id: level for i in fw.indicators}
    levels.update({k.removeprefix("i"): v for k, v in overrides.items()})
    opd = {"42": "Diskominfo", "11": "Bappeda"}
    return Point(score(Assessment(levels, agency, year, opd=opd), fw), f"{year}.xlsx", "year")


# -- framework selection --------------------------------------------------------------------


def test_year_picks_the_framework_whose_years_hold_it() -> None:
    frameworks = [FW59, FW18]
    assert framework_for_year(2019, frameworks) is FW18
    assert framework_for_year(2020, frameworks) is FW18
    assert framework_for_year(2021, frameworks) is FW59
    assert framework_for_year(2025, frameworks) is FW59
    assert framework_for_year(2026, frameworks) is None  # 59/2020 ended with 2025
    assert framework_for_year(2017, frameworks) is None
    assert framework_for_year(None, frameworks) is None


@pytest.mark.parametrize(
    "text", ["permenpanrb-5-2018", "PermenPANRB 5/2018", "5/2018", "5-2018", " permenpanrb 5/2018 "]
)
def test_named_framework_matches(text: str) -> None:
    assert match_framework_name(text, [FW59, FW18]) is FW18


def test_unknown_framework_name_is_none() -> None:
    assert match_framework_name("Pemdi 2025", [FW59, FW18]) is None


def test_framework_option_split_per_file() -> None:
    every, per_file = split_framework_options(
        ["a.xlsx=permenpanrb-5-2018", "permenpanrb-59-2020"], ["a.xlsx", "b.xlsx"]
    )
    assert every == "permenpanrb-59-2020"
    assert per_file == {"a.xlsx": "permenpanrb-5-2018"}


def test_framework_option_for_all_files_given_twice_differently() -> None:
    with pytest.raises(CompareError):
        split_framework_options(["5/2018", "59/2020"], ["a.xlsx"])


# -- comparability --------------------------------------------------------------------------


def test_same_framework_everything_comparable() -> None:
    assert all(same_node(FW59, d, FW59, d) for d in FW59.tier_nodes[0])
    assert len(comparable_indicators(FW59, FW59)) == 47


def test_across_frameworks_no_domain_aspect_or_indicator_comparable() -> None:
    pairs = [(a, b) for a in FW18.tier_nodes[0] for b in FW59.tier_nodes[0] if a.id == b.id]
    assert pairs and not any(same_node(FW18, a, FW59, b) for a, b in pairs)
    assert comparable_indicators(FW18, FW59) == ()


def test_renamed_domain_is_not_comparable() -> None:
    domain = FW59.tier_nodes[0][0]
    renamed = dataclasses.replace(domain, name="Kebijakan Lain")
    assert not same_node(FW59, domain, FW18, renamed)
    spaced = dataclasses.replace(domain, name="  kebijakan internal  SPBE")
    other = dataclasses.replace(FW59)
    assert same_node(FW59, domain, other, spaced)


# -- the comparison -------------------------------------------------------------------------


def test_three_years_same_framework_changes_and_transitions() -> None:
    points = [point(FW59, 3, 2024), point(FW59, 1, 2021), point(FW59, 2, 2022)]
    series = compare(points).series[0]
    assert [p.year for p in series.points] == [2021, 2022, 2024]
    index = series.rows[0]
    assert [v.published for v in index.values if v] == [
        Decimal("1.00"),
        Decimal("2.00"),
        Decimal("3.00"),
    ]
    assert [c.delta for c in index.changes] == [Decimal("1.00"), Decimal("1.00")]
    assert [s.rating_direction for s in series.steps] == [1, 1]
    assert len(series.steps[0].rose) == 47 and not series.steps[0].fell
    assert all(c.status == "compared" for r in series.rows for c in r.changes)
    assert len(series.rows) == 1 + 4 + 8


def test_framework_change_compares_index_only() -> None:
    points = [point(FW18, 2, 2019), point(FW59, 2, 2021, i11=3)]
    series = compare(points).series[0]
    step = series.steps[0]
    assert not step.same_framework
    assert step.index.status == "compared"
    assert step.index.delta == series.points[1].result.published - Decimal("2.00")
    assert step.rose == () and step.fell == () and step.indicators_compared == 0
    # Domains 1 and 2 exist in both (same id and name) but differ: not comparable.
    flagged = {(r.kind, r.id) for r in step.not_comparable}
    assert ("domain", "1") in flagged and ("domain", "2") in flagged
    # Domain 3 is "Layanan SPBE" in 2019 and "Manajemen SPBE" in 2021: separate rows.
    threes = [r for r in series.rows if r.kind == "domain" and r.id == "3"]
    assert len(threes) == 2
    assert all(r.changes[0].status == "absent" for r in threes)
    assert all(r.changes[0].delta is None for r in series.rows[1:])


def test_indicators_rose_and_fell_with_opd() -> None:
    series = compare([point(FW59, 2, 2021), point(FW59, 2, 2022, i42=4, i11=1)]).series[0]
    step = series.steps[0]
    assert [(c.indicator.id, c.before, c.after, c.opd) for c in step.rose] == [
        ("42", 2, 4, "Diskominfo")
    ]
    assert [(c.indicator.id, c.opd) for c in step.fell] == [("11", "Bappeda")]


def test_agency_missing_from_one_year() -> None:
    points = [
        point(FW59, 2, 2021, "Kota A"),
        point(FW59, 2, 2021, "Kab B"),
        point(FW59, 3, 2022, "kota  a"),
    ]
    comparison = compare(points)
    assert comparison.years == (2021, 2022)
    by_name = {s.agency: s for s in comparison.series}
    assert set(by_name) == {"Kota A", "Kab B"}
    assert len(by_name["Kota A"].points) == 2
    assert by_name["Kab B"].missing_years == (2022,)
    assert by_name["Kab B"].steps == ()


def test_same_agency_twice_in_a_year_is_refused() -> None:
    with pytest.raises(CompareError, match="more than once"):
        compare([point(FW59, 2, 2021), point(FW59, 3, 2021)])


# -- regressions ----------------------------------------------------------------------------


def test_index_fall_in_latest_year_is_a_regression() -> None:
    comparison = compare([point(FW59, 3, 2022), point(FW59, 2, 2023)])
    check = find_regressions(comparison)
    assert [(r.domain, r.delta) for r in check.regressions] == [(None, Decimal("-1.00"))]


def test_earlier_fall_then_rise_is_not_a_regression() -> None:
    comparison = compare([point(FW59, 3, 2021), point(FW59, 2, 2022), point(FW59, 4, 2023)])
    assert find_regressions(comparison).regressions == ()


def test_watched_domain_fall_while_index_rose() -> None:
    levels_up = {f"i{n}": 5 for n in range(32, 48)}
    before = point(FW59, 3, 2022)
    after = point(FW59, 3, 2023, i1=1, i2=1, **levels_up)
    check = find_regressions(compare([before, after]), domain="1")
    assert [r.domain for r in check.regressions] == ["1"]
    assert find_regressions(compare([before, after]), domain="4").regressions == ()


def test_watched_domain_across_frameworks_is_unchecked() -> None:
    check = find_regressions(compare([point(FW18, 4, 2019), point(FW59, 2, 2021)]), "1")
    assert [r.domain for r in check.regressions] == [None]
    assert len(check.unchecked) == 1


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_rises_and_falls_follow_the_levels(data: st.DataObject) -> None:
    """Every indicator that went up is in ``rose``, down in ``fell``, in framework order,
    with its two levels and OPD: with or without OPDs, given values or defaults."""
    ids = [i.id for i in FW59.indicators]
    years = []
    for year in (2022, 2023):
        levels = {key: data.draw(st.integers(1, 5)) for key in ids}
        if data.draw(st.booleans()):
            del levels[data.draw(st.sampled_from(ids))]  # scored at the minimum, 1
        opd = data.draw(st.sampled_from([{}, {"42": "Diskominfo"}]))
        years.append(Assessment(levels, "Kota A", year, opd=opd))
    step = compare([Point(score(a, FW59), f"{a.year}.xlsx", "year") for a in years])
    (step,) = step.series[0].steps
    old, new = ({key: a.levels.get(key, 1) for key in ids} for a in years)
    opd = {**years[0].opd, **years[1].opd}
    rose = [(k, old[k], new[k], opd.get(k)) for k in ids if new[k] > old[k]]
    fell = [(k, old[k], new[k], opd.get(k)) for k in ids if new[k] < old[k]]
    assert [(c.indicator.id, c.before, c.after, c.opd) for c in step.rose] == rose
    assert [(c.indicator.id, c.before, c.after, c.opd) for c in step.fell] == fell
