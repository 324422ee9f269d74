"""The packed path (one integer holding every group's weighted sum of a row of whole levels)
gives the results of the general path: in the engine on random levels of every bundled
framework, in the reader on random wide files (whole levels, decimals, blanks, numbers as
text), and through the commands' output (the same bytes with the packed path turned off)."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import spbe_cli.readers.wide as wide
from spbe_cli.assessment import Assessment
from spbe_cli.cli.app import app
from spbe_cli.engine import compile_framework, score
from spbe_cli.framework import Framework, load_bundled, load_framework
from spbe_cli.packing import PackedLevels, packing_for
from spbe_cli.readers import read_assessments
from spbe_cli.results import Result

FRAMEWORKS = {fw.id: fw for fw in load_bundled()}
LOCAL = load_framework(Path(__file__).parent.parent / "indicators.yaml")


def _packed(fw: Framework, levels: dict[str, int]) -> PackedLevels:
    """``levels`` as a reader packs them (raw cells as numbers, in framework order)."""
    packing = packing_for(compile_framework(fw))
    assert packing is not None
    ids = [i.id for i in fw.indicators]
    raw = {float(v): v for v in fw.scale.levels}
    tables = packing.tables(ids, raw)
    values = [float(levels[key]) for key in ids]
    packed = sum(table[value] for table, value in zip(tables, values, strict=True))
    return PackedLevels(ids, packing.levels(ids), packed, packing)


def _same(one: Result, other: Result) -> None:
    assert one.index == other.index
    assert one.published == other.published
    assert one.band == other.band
    assert one.tiers == other.tiers
    assert one.assumed == other.assumed


@st.composite
def framework_levels(draw: Any) -> tuple[Framework, dict[str, int]]:
    fw = draw(st.sampled_from([*FRAMEWORKS.values(), LOCAL]))
    low, high = fw.scale.min, fw.scale.max
    return fw, {i.id: draw(st.integers(low, high)) for i in fw.indicators}


@given(framework_levels(), st.sampled_from([None, Fraction(5, 2), Fraction(13, 5)]))
@settings(max_examples=300, deadline=None)
def test_packed_sums_score_as_the_levels_do(
    case: tuple[Framework, dict[str, int]], target: Fraction | None
) -> None:
    fw, levels = case
    packed = _packed(fw, levels)
    assert packed.packed is not None
    _same(score(Assessment(packed), fw, target), score(Assessment(dict(levels)), fw, target))
    assert packed == levels  # the levels read back from the row


@given(framework_levels(), st.data())
@settings(max_examples=100, deadline=None)
def test_a_changed_packed_row_is_scored_from_its_levels(
    case: tuple[Framework, dict[str, int]], data: st.DataObject
) -> None:
    fw, levels = case
    packed = _packed(fw, levels)
    key = data.draw(st.sampled_from(sorted(levels)))
    value = data.draw(st.integers(fw.scale.min, fw.scale.max))
    packed[key] = value
    assert packed.packed is None
    changed = {**levels, key: value}
    _same(score(Assessment(packed), fw), score(Assessment(changed), fw))


def test_every_field_is_wide_enough_for_the_top_of_the_scale() -> None:
    for fw in [*FRAMEWORKS.values(), LOCAL]:
        top = {i.id: fw.scale.max for i in fw.indicators}
        result = score(Assessment(_packed(fw, top)), fw)
        assert result.index == fw.scale.max
        assert all(node.index == fw.scale.max for nodes in result.tiers for node in nodes)


# -- the reader -----------------------------------------------------------------------------

PEMDI = FRAMEWORKS["permenpanrb-8-2026"]
SPBE = FRAMEWORKS["permenpanrb-59-2020"]


@st.composite
def wide_files(draw: Any) -> tuple[Framework, list[list[str]]]:
    """A wide CSV of one framework: cells as whole numbers (``3``, ``3.0``), sometimes a
    decimal (Pemdi), a blank, or the indicator columns in another order."""
    fw = draw(st.sampled_from([SPBE, PEMDI]))
    ids = [i.id for i in fw.indicators]
    if draw(st.booleans()):
        ids = draw(st.permutations(ids))
    year = 2026 if fw is PEMDI else 2023
    rows = [["Instansi", "Tahun", *ids]]
    for number in range(draw(st.integers(1, 6))):
        cells = []
        for _ in ids:
            kind = draw(st.integers(0, 11))
            level = draw(st.integers(fw.scale.min, fw.scale.max))
            if kind == 0:
                cells.append("")
            elif kind == 1 and fw.scale.decimal and level < fw.scale.max:
                cells.append(f"{level}.{draw(st.integers(1, 99)):02d}")
            elif kind == 2:
                cells.append(f"{level}.0")
            else:
                cells.append(str(level))
        rows.append([f"Instansi {number}", str(year), *cells])
    return fw, rows


@given(wide_files())
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_read_rows_score_the_same_packed_or_not(
    tmp_path: Path, case: tuple[Framework, list[list[str]]]
) -> None:
    fw, rows = case
    path = tmp_path / "wide.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    read = read_assessments(path, fw, allow_missing=True)
    assert len(read.assessments) == len(rows) - 1
    for assessment, row in zip(read.assessments, rows[1:], strict=True):
        plain_numbers = all(cell.isdigit() for cell in row[2:])  # "3"; not "3.0", "3.25", ""
        packed = isinstance(assessment.levels, PackedLevels)
        assert packed == plain_numbers  # the packed path exactly where the fast read applies
        plain = Assessment(dict(assessment.levels), assessment.agency, assessment.year)
        _same(score(assessment, fw), score(plain, fw))


# -- the commands ---------------------------------------------------------------------------


def _spbe_file(path: Path) -> Path:
    ids = [i.id for i in SPBE.indicators]
    rows = [["Instansi", "Tahun", *ids]]
    for number in range(40):
        rows.append(
            [
                f"Kota {number:02d}",
                "2023",
                *[str(1 + (number * 7 + k * 3) % 5) for k in range(len(ids))],
            ]
        )
    rows.append(["Kota Desimal", "2023", *["2"] * (len(ids) - 1), ""])
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["score", "--format", "csv"],
        ["score", "--format", "json"],
        ["score"],
        ["score", "--format", "jsonl"],
        ["score", "--format", "markdown"],
        ["rank", "--format", "csv"],
        ["rank", "--format", "json"],
    ],
)
def test_commands_write_the_same_bytes_without_the_packed_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    path = _spbe_file(tmp_path / "kota.csv")
    runner = CliRunner()
    command = [*args[:1], str(path), "--allow-missing", *args[1:]]
    packed = runner.invoke(app, command)
    monkeypatch.setattr(wide, "packing_of", lambda fw: None)
    general = runner.invoke(app, command)
    assert packed.exit_code == general.exit_code == 0, packed.output
    assert packed.stdout_bytes == general.stdout_bytes
    assert len(packed.stdout_bytes) > 1000


@given(
    framework_levels(), st.sampled_from([Fraction(5, 2), Fraction(13, 5), Fraction(4), Fraction(5)])
)
@settings(max_examples=200, deadline=None)
def test_fewest_steps_of_a_packed_row_are_those_of_its_levels(
    case: tuple[Framework, dict[str, int]], target: Fraction
) -> None:
    fw, levels = case
    if target > fw.scale.max:
        target = Fraction(fw.scale.max)
    packed = score(Assessment(_packed(fw, levels)), fw, target)
    plain = score(Assessment(dict(levels)), fw, target)
    assert packed.assessment.levels.__class__ is PackedLevels
    assert packed.min_steps_to_target == plain.min_steps_to_target


@pytest.mark.parametrize("output", [[], ["--format", "json"], ["--format", "csv"]])
def test_compare_writes_the_same_bytes_without_the_packed_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: list[str]
) -> None:
    ids = [i.id for i in SPBE.indicators]
    files = []
    for year, shift in ((2023, 0), (2024, 2)):
        rows = [["Instansi", "Tahun", *ids]]
        for number in range(30):
            levels = [str(1 + (number * 5 + k * 7 + shift * k) % 5) for k in range(len(ids))]
            rows.append([f"Kota {number:02d}", str(year), *levels])
        rows.append(["Kota Kosong", str(year), *["3"] * (len(ids) - 1), "" if shift else "4"])
        path = tmp_path / f"kota-{year}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        files.append(str(path))
    command = ["compare", *files, "--allow-missing", *output]
    runner = CliRunner()
    packed = runner.invoke(app, command)
    monkeypatch.setattr(wide, "packing_of", lambda fw: None)
    general = runner.invoke(app, command)
    assert packed.exit_code == general.exit_code == 0, packed.output
    assert packed.stdout_bytes == general.stdout_bytes
    assert b"Kota 29" in packed.stdout_bytes
