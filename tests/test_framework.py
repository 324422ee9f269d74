"""Framework files: both bundled frameworks against the reference tables, the regulation's
worked examples, validation problems (all of them at once), exact rounding and band edges.

Expected weights, names and edges are typed in from the reference tables, not read back
from the YAML files, so a slip in either shows up here."""

from __future__ import annotations

import copy
import dataclasses
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from spbe_cli.engine import score_levels
from spbe_cli.framework import (
    Framework,
    load_framework,
    parse_exact,
    parse_framework,
    resolve_framework,
    round_half_up,
)
from spbe_cli.problems import InputError

ROOT = Path(__file__).resolve().parents[1]
TEXT_59 = (ROOT / "indicators.yaml").read_text(encoding="utf-8")

# (name, lower edge) of each band, Tabel 13; the same edges in 5/2018.
BANDS = [
    ("Kurang", None),
    ("Cukup", "1.8"),
    ("Baik", "2.6"),
    ("Sangat Baik", "3.5"),
    ("Memuaskan", "4.2"),
]
# 59/2020, Tabel 7-9: (indicator ids, weight each).
WEIGHTS_59 = [
    (range(1, 11), "1.30"),
    (range(11, 21), "2.50"),
    (range(21, 32), "1.50"),
    (range(32, 42), "2.75"),
    (range(42, 48), "3.00"),
]
IDS_5 = [str(i) for i in range(1, 35)] + ["35-1", "35-2", "35-3"]


@pytest.fixture(scope="module")
def fw59() -> Framework:
    return load_framework("permenpanrb-59-2020")


@pytest.fixture(scope="module")
def fw5() -> Framework:
    return load_framework("permenpanrb-5-2018")


def problems_of(text: str) -> list[tuple[str, str, str]]:
    """``(code, place, English message)`` of every problem ``text`` has (it must have some)."""
    with pytest.raises(InputError) as caught:
        parse_framework(text, "fw.yaml")
    return [(p.code, p.place, p.text.en) for p in caught.value.problems]


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def base() -> dict[str, Any]:
    """A deep copy of the 59/2020 framework as plain YAML data, ready to break."""
    return copy.deepcopy(yaml.safe_load(TEXT_59))


# -- the bundled frameworks -------------------------------------------------------------------


def test_59_2020_matches_reference_tables(fw59: Framework) -> None:
    assert (len(fw59.tier_nodes[0]), len(fw59.tier_nodes[1]), len(fw59.indicators)) == (4, 8, 47)
    expected = {str(i): Fraction(w) for ids, w in WEIGHTS_59 for i in ids}
    assert {i.id: i.weight for i in fw59.indicators} == expected
    weights = [Fraction(w) for w in ("13", "25", "16.5", "45.5")]
    assert [d.weight for d in fw59.tier_nodes[0]] == weights
    assert (fw59.scale.min, fw59.scale.max, fw59.applies_from) == (1, 5, 2021)


def test_5_2018_matches_reference_table(fw5: Framework) -> None:
    assert fw5.id == "permenpanrb-5-2018"
    assert (len(fw5.tier_nodes[0]), len(fw5.tier_nodes[1])) == (3, 7)
    assert [i.id for i in fw5.indicators] == IDS_5
    assert [d.weight for d in fw5.tier_nodes[0]] == [17, 28, 55]
    assert [a.weight for a in fw5.tier_nodes[1]] == [7, 10, 8, 8, 12, 35, 20]
    weight = {i.id: i.weight for i in fw5.indicators}
    assert all(weight[str(i)] == 1 for i in range(1, 18))
    assert all(weight[str(i)] == 4 for i in range(18, 25))
    assert all(weight[str(i)] == 5 for i in range(25, 32))
    assert all(weight[i] == Fraction(20, 6) for i in ["32", "33", "34", "35-1", "35-2", "35-3"])
    assert (fw5.scale.min, fw5.scale.max, fw5.applies_from) == (0, 5, 2018)
    assert fw5.target == Fraction("2.6")


def test_5_2018_names_types_and_levels(fw5: Framework) -> None:
    names = {i.id: i.name for i in fw5.indicators}
    assert names["1"] == "Kebijakan Internal Tim Pengarah SPBE Instansi Pemerintah"
    assert names["16"] == "Kebijakan Internal Layanan Whistle Blowing System"
    assert names["24"] == "Penggunaan Aplikasi Umum Berbagi Pakai"
    assert names["31"] == "Layanan Pengadaan"
    assert [d.name for d in fw5.tier_nodes[0]] == [
        "Kebijakan Internal SPBE",
        "Tata Kelola SPBE",
        "Layanan SPBE",
    ]
    assert all(i.name_en for i in fw5.indicators)
    for ctype in fw5.scale.types.values():
        assert sorted(ctype.levels) == [0, 1, 2, 3, 4, 5]
        assert ctype.levels[0].name == "Tidak Ada"
    assert {i.type for i in fw5.indicators[:24]} == {"proses"}
    assert {i.type for i in fw5.indicators[24:]} == {"layanan"}


@pytest.mark.parametrize("name", ["permenpanrb-5-2018", "permenpanrb-59-2020"])
def test_bundled_bands(name: str) -> None:
    fw = load_framework(name)
    assert [b.name for b in fw.bands] == [n for n, _ in BANDS]
    assert [b.min for b in fw.bands[1:]] == [Fraction(e) for _, e in BANDS[1:]]
    assert fw.bands[0].min == fw.scale.min and fw.bands[-1].max == fw.scale.max


def test_alias_finds_the_same_file() -> None:
    assert resolve_framework("5/2018") == resolve_framework("permenpanrb-5-2018")
    assert load_framework("5/2018").id == "permenpanrb-5-2018"


def test_5_2018_national_2020_aggregate(fw5: Framework) -> None:
    # Published 2020 national domains 2.07, 1.95, 2.48 -> Indeks SPBE 2.26, via the
    # weighted-sum identity: index = sum(ND x BD) / 100 (17 x 2.07 + 28 x 1.95 + 55 x 2.48).
    published = {"1": Fraction("2.07"), "2": Fraction("1.95"), "3": Fraction("2.48")}
    total = sum((d.weight * published[d.id] for d in fw5.tier_nodes[0]), Fraction(0))
    assert total == Fraction("226.19")
    assert round_half_up(total / fw5.total_weight, 2) == Decimal("2.26")


def test_5_2018_twenty_sixths_are_exact(fw5: Framework) -> None:
    assert parse_exact("20/6") == Fraction(10, 3)
    aspect7 = fw5.tier_nodes[1][-1]
    assert sum((i.weight for i in aspect7.indicators), Fraction(0)) == 20
    # One public service at 1, the rest at 0: the index is exactly 1/30, not 0.0333...
    result = score_levels({i.id: 0 for i in fw5.indicators} | {"35-2": 1}, fw5)
    assert result.index == Fraction(1, 30)
    assert result.aspects[-1].index == Fraction(1, 6)
    assert str(result.aspects[-1].published) == "0.17"


# -- the regulation's worked examples (59/2020, Tabel 10-12) ----------------------------------


def test_worked_examples(fw59: Framework) -> None:
    levels = {i.id: 1 for i in fw59.indicators} | {"11": 3, "12": 4, "13": 3, "14": 2}
    aspect2 = score_levels(levels, fw59).aspects[1]
    assert aspect2.index * aspect2.weight == 30 and str(aspect2.published) == "3.00"

    domain2 = fw59.tier_nodes[0][1]
    na = {"2": Fraction(3), "3": Fraction(4), "4": Fraction(3)}
    weighted = sum((a.weight * na[a.id] for a in domain2.nodes), Fraction(0))
    assert weighted == 85 and round_half_up(weighted / domain2.weight, 2) == Decimal("3.40")

    nd = {"1": "3.70", "2": "3.40", "3": "3.00", "4": "3.20"}
    total = sum((d.weight * Fraction(nd[d.id]) for d in fw59.tier_nodes[0]), Fraction(0))
    assert total == Fraction("328.20")
    assert fw59.publish(total / 100) == Decimal("3.28")


# -- validation --------------------------------------------------------------------------------


def test_unknown_key(base: dict[str, Any]) -> None:
    base["domains"][0]["colour"] = "red"
    found = problems_of(dump(base))
    assert [(c, p) for c, p, _ in found] == [
        ("schema-extra_forbidden", "fw.yaml: domains[0].colour")
    ]


def test_duplicate_yaml_key_reports_its_line() -> None:
    lines = TEXT_59.splitlines()
    position = next(n for n, line in enumerate(lines) if line.startswith("title_en:"))
    lines.insert(position + 1, "title: Judul kedua")
    found = problems_of("\n".join(lines))
    assert ("duplicate-key", f"fw.yaml:{position + 2}") in [(c, p) for c, p, _ in found]
    assert any("'title' appears twice" in m for _, _, m in found)


def test_aspect_weight_not_summing(base: dict[str, Any]) -> None:
    base["domains"][1]["aspects"][0]["indicators"][0]["weight"] = "3.50"
    found = problems_of(dump(base))
    places = {p for c, p, _ in found if c == "weight-sum"}
    # Aspect 2 now sums to 11 != 10; domain 2's aspects still sum to its 25.
    assert places == {"fw.yaml: domains[1].aspects[0].weight"}
    assert any("(11)" in m for _, _, m in found)


def test_total_not_100(base: dict[str, Any]) -> None:
    domain = base["domains"][0]
    domain["weight"] = domain["aspects"][0]["weight"] = "12.00"
    for indicator in domain["aspects"][0]["indicators"]:
        indicator["weight"] = "1.20"
    found = problems_of(dump(base))
    assert [(c, p) for c, p, _ in found] == [("weight-total", "fw.yaml: domains")]
    assert "99" in found[0][2]


@pytest.mark.parametrize(
    ("band", "key", "value", "code", "place", "word"),
    [
        (1, "max", "2.7", "band-contiguous", "bands[2].min", "overlap"),
        (2, "min", "2.7", "band-contiguous", "bands[2].min", "gap"),
        (0, "min", "1.5", "band-coverage", "bands[0].min", "from 1"),
        (4, "max", "4.9", "band-coverage", "bands[4].max", "up to 5"),
    ],
)
def test_bands_must_touch_and_cover(
    base: dict[str, Any], band: int, key: str, value: str, code: str, place: str, word: str
) -> None:
    base["bands"][band][key] = value
    found = problems_of(dump(base))
    assert any(c == code and p == f"fw.yaml: {place}" and word in m for c, p, m in found), found


def test_unknown_capability_type(base: dict[str, Any]) -> None:
    base["domains"][3]["aspects"][1]["indicators"][2]["type"] = "digital"
    found = problems_of(dump(base))
    assert [(c, p) for c, p, _ in found] == [
        ("unknown-type", "fw.yaml: domains[3].aspects[1].indicators[2].type")
    ]


@pytest.mark.parametrize("text", ["1,30", "abc", "1.3.0", "20/0"])
def test_bad_weight_text(base: dict[str, Any], text: str) -> None:
    base["domains"][0]["aspects"][0]["indicators"][4]["weight"] = text
    found = problems_of(dump(base))
    assert found[0][1] == "fw.yaml: domains[0].aspects[0].indicators[4].weight"
    assert "not an exact number" in found[0][2]


def test_every_problem_in_one_error(base: dict[str, Any]) -> None:
    base["domains"][1]["aspects"][0]["indicators"][0]["weight"] = "3.50"  # aspect sum
    base["domains"][3]["aspects"][1]["indicators"][2]["type"] = "digital"  # unknown type
    base["bands"][2]["min"] = "2.7"  # gap
    base["target"] = "6"  # outside the scale
    codes = {c for c, _, _ in problems_of(dump(base))}
    assert {"weight-sum", "unknown-type", "band-contiguous", "target-outside-scale"} <= codes


def test_schema_problems_are_all_listed(base: dict[str, Any]) -> None:
    base["colour"] = "red"
    del base["domains"][0]["name"]
    base["domains"][0]["aspects"][0]["indicators"][0]["weight"] = "x"
    found = problems_of(dump(base))
    assert len(found) == 3
    assert {c for c, _, _ in found} == {
        "schema-extra_forbidden",
        "schema-missing",
        "schema-value_error",
    }


# -- exact rounding ------------------------------------------------------------------------------


def decimal_half_up(value: Fraction, places: int) -> Decimal:
    """The reference: Decimal's own ROUND_HALF_UP (half away from zero) on the quotient."""
    with localcontext() as context:
        context.prec = 60  # far more digits than any run of 9s a denominator <= 10**6 makes
        quotient = Decimal(value.numerator) / Decimal(value.denominator)
        return quotient.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@given(st.integers(-(10**9), 10**9), st.integers(1, 10**6), st.integers(0, 6))
def test_round_half_up_matches_decimal(numerator: int, denominator: int, places: int) -> None:
    value = Fraction(numerator, denominator)
    assert round_half_up(value, places) == decimal_half_up(value, places)


@given(st.integers(-(10**7), 10**7), st.integers(0, 4))
def test_round_half_up_on_exact_ties(units: int, places: int) -> None:
    # value = units / 10**(places+1): every last digit 5 is an exact tie, away from zero.
    value = Fraction(units, 10 ** (places + 1))
    text = Decimal(units).scaleb(-(places + 1))
    expected = text.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert round_half_up(value, places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.595", "2.60"),
        ("2.5949", "2.59"),
        ("2.125", "2.13"),
        ("1.005", "1.01"),
        ("-1.005", "-1.01"),
        ("3.281", "3.28"),
    ],
)
def test_round_half_up_examples(value: str, expected: str) -> None:
    assert round_half_up(Fraction(value), 2) == Decimal(expected)


# -- band edges ----------------------------------------------------------------------------------

EDGES = [(Fraction(edge), below, above) for (below, _), (above, edge) in pairwise(BANDS) if edge]


def with_basis(basis: str) -> Framework:
    text = TEXT_59.replace("rating_basis: rounded", f"rating_basis: {basis}")
    assert f"rating_basis: {basis}" in text
    return parse_framework(text, f"basis-{basis}")


@pytest.mark.parametrize(("edge", "below", "above"), EDGES)
def test_band_edges_on_the_rounded_figure(edge: Fraction, below: str, above: str) -> None:
    fw = with_basis("rounded")
    cent, tie = Fraction(1, 100), Fraction(5, 1000)
    assert fw.band_for(edge).name == above
    assert fw.band_for(edge - cent).name == below
    assert fw.band_for(edge - tie).name == above  # publishes as the edge itself
    assert fw.band_for(edge - tie - Fraction(1, 10**9)).name == below
    assert fw.band_for(edge + Fraction(1, 10**9)).name == above


@pytest.mark.parametrize(("edge", "below", "above"), EDGES)
def test_band_edges_on_the_exact_figure(edge: Fraction, below: str, above: str) -> None:
    fw = with_basis("exact")
    tiny = Fraction(1, 10**9)
    assert fw.band_for(edge).name == above
    assert fw.band_for(edge - tiny).name == below
    assert fw.band_for(edge - Fraction(5, 1000)).name == below  # would publish as the edge
    assert fw.band_for(edge + tiny).name == above


@pytest.mark.parametrize("basis", ["rounded", "exact"])
def test_scale_ends_are_rated(basis: str) -> None:
    fw = with_basis(basis)
    assert fw.band_for(Fraction(1)).name == "Kurang"
    assert fw.band_for(Fraction(5)).name == "Memuaskan"


def test_5_2018_level_zero_is_kurang(fw5: Framework) -> None:
    assert fw5.band_for(Fraction(0)).name == "Kurang"
    assert fw5.band_for(Fraction("2.595")).name == "Baik"
    assert fw5.band_for(Fraction("2.5949")).name == "Cukup"


def test_bundled_frameworks_score_disjoint_years() -> None:
    from spbe_cli.framework import check_bundled, load_bundled

    bundled = load_bundled()
    assert check_bundled(bundled) == []
    years = {fw.id: fw.years_text() for fw in bundled}
    assert years == {
        "permenpanrb-5-2018": "2018-2020",
        "permenpanrb-59-2020": "2021-2025",
        "permenpanrb-8-2026": "2026-",
    }
    spbe, pemdi = (
        next(f for f in bundled if f.id == i) for i in ("permenpanrb-59-2020", "permenpanrb-8-2026")
    )
    overlapping = dataclasses.replace(pemdi, applies_from=2025)
    problems = check_bundled([spbe, overlapping])
    assert [p.code for p in problems] == ["years-overlap"]
    assert "2025-" in problems[0].text.en and "permenpanrb-59-2020" in problems[0].text.en
