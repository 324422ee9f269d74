"""``spbe template`` chooses its framework as ``spbe score`` reads it (issue 19): the
``--framework``, else the ``--year``, else the current year; a ``Kerangka`` cell names it, and
a value typed as text is marked by the sheet rather than counted as 0 by its formulas."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.framework.choosing import for_new_workbook
from spbe_cli.problems import InputError
from spbe_cli.writers import template as tpl

runner = CliRunner()


@pytest.mark.parametrize(
    ("year", "this_year", "wanted", "origin"),
    [
        (None, 2026, "permenpanrb-8-2026", "today"),
        (None, 2025, "permenpanrb-59-2020", "today"),
        (2026, 2030, "permenpanrb-8-2026", "year"),
        (2024, 2026, "permenpanrb-59-2020", "year"),
        (2019, 2026, "permenpanrb-5-2018", "year"),
    ],
)
def test_the_year_chooses_as_score_does(
    year: int | None, this_year: int, wanted: str, origin: str
) -> None:
    choice = for_new_workbook(None, year, this_year)
    assert (choice.framework.id, choice.origin) == (wanted, origin)


def test_framework_option_wins_and_a_year_without_one_is_refused() -> None:
    assert for_new_workbook("5/2018", 2026, 2026).framework.id == "permenpanrb-5-2018"
    with pytest.raises(InputError) as caught:
        for_new_workbook(None, 2015, 2026)
    assert "2015" in caught.value.problems[0].render("en")


def _fill(path: Path, value: object) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in range(tpl.FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row, 1).value is not None:
            sheet.cell(row, 5).value = value  # Pemdi: No, Aspek, Nama, Bobot, Nilai
    book.save(path)


def test_a_2026_template_is_the_pemdi_form_and_scores_as_pemdi(tmp_path: Path) -> None:
    path = tmp_path / "isian.xlsx"
    result = runner.invoke(app, ["template", str(path), "--year", "2026"])
    assert result.exit_code == 0, result.output
    assert "permenpanrb-8-2026" in result.stderr and "menurut tahun 2026" in result.stderr
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = {sheet.cell(tpl.YEAR_ROW, c).value for c in range(1, 8)}
    assert {"Kerangka", "permenpanrb-8-2026", 2026} <= cells
    _fill(path, 3)
    scored = runner.invoke(app, ["score", str(path), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    doc = json.loads(scored.stdout)
    assert doc["framework"]["id"] == "permenpanrb-8-2026" and doc["index"] == 3


def test_the_kerangka_cell_beats_a_year_typed_later(tmp_path: Path) -> None:
    path = tmp_path / "isian.xlsx"
    assert runner.invoke(app, ["template", str(path), "--framework", "8/2026"]).exit_code == 0
    _fill(path, 2)
    book = openpyxl.load_workbook(path)
    book.worksheets[0].cell(tpl.YEAR_ROW, tpl.VALUE_COLUMN).value = 2025
    book.save(path)
    doc = json.loads(runner.invoke(app, ["score", str(path), "--format", "json"]).stdout)
    assert doc["framework"]["id"] == "permenpanrb-8-2026" and doc["year"] == 2025


def test_a_blank_year_does_not_read_the_kerangka_label_as_the_year(tmp_path: Path) -> None:
    path = tmp_path / "isian.xlsx"
    assert runner.invoke(app, ["template", str(path), "--framework", "8/2026"]).exit_code == 0
    _fill(path, 2)
    doc = json.loads(runner.invoke(app, ["score", str(path), "--format", "json"]).stdout)
    assert doc["year"] is None and doc["index"] == 2


def test_values_typed_as_text_are_marked_by_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "isian.xlsx"
    assert runner.invoke(app, ["template", str(path), "--year", "2026"]).exit_code == 0
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rules = [(str(rng.sqref), r.formula) for rng in sheet.conditional_formatting for r in rng.rules]
    assert (f"E{tpl.FIRST_ROW}:E{tpl.FIRST_ROW + 19}", [f"ISTEXT(E{tpl.FIRST_ROW})"]) in rules
