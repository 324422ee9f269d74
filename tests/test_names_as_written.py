"""Text from input files is shown as written and never acts: no rich markup in tables, no
formulas in CSV or Excel cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.framework import load_framework

runner = CliRunner()
FW = load_framework()
MARKUP = "[bold]x[/bold]"
FORMULA = '=HYPERLINK("http://example.invalid","klik")'


def write_wide(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    ids = [i.id for i in FW.indicators]
    sheet.append(["Instansi", "Tahun", *[int(i) for i in ids]])
    for name, level in ((MARKUP, 3), (FORMULA, 2), ("Kota C", 1)):
        sheet.append([name, 2021, *[level] * len(ids)])
    # openpyxl would store the formula name as a formula: make it plain text.
    cell = sheet["A3"]
    cell.value = FORMULA
    cell.data_type = "s"
    book.save(path)
    return path


def test_table_prints_names_as_written(tmp_path: Path) -> None:
    path = write_wide(tmp_path / "nama.xlsx")
    out = runner.invoke(app, ["score", str(path)], terminal_width=200).stdout
    assert MARKUP in out  # not rendered as bold, not swallowed
    assert "HYPERLINK" in out


def test_csv_cells_are_inert(tmp_path: Path) -> None:
    path = write_wide(tmp_path / "nama.xlsx")
    text = runner.invoke(app, ["score", str(path), "-f", "csv"]).stdout
    rows = list(csv.reader(io.StringIO(text)))
    names = [r[1] for r in rows[1:]]
    assert MARKUP in names
    assert "'" + FORMULA in names and FORMULA not in names


def test_excel_report_cells_are_inert(tmp_path: Path) -> None:
    path = write_wide(tmp_path / "nama.xlsx")
    out = tmp_path / "laporan.xlsx"
    result = runner.invoke(app, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    book = openpyxl.load_workbook(out)
    values = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    texts = [v for v in values if isinstance(v, str)]
    assert any(MARKUP in v for v in texts)
    assert not any(v.startswith("=HYPERLINK") for v in texts)
    assert any(v == "'" + FORMULA for v in texts)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" and "HYPERLINK" in str(c.value) for c in cells)


def test_messages_name_the_file_as_written(tmp_path: Path) -> None:
    """stderr is not a terminal here: messages are the text itself (no emoji codes, no
    markup read in a file name)."""
    path = write_wide(tmp_path / "[bold]x :smile: \tnama.xlsx")
    result = runner.invoke(app, ["score", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert f"{path}, lembar 'Sheet': tata letak lebar, 3 instansi\n" in result.stderr
