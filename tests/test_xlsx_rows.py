"""Long report tables written straight into sheet XML read back exactly as openpyxl's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from spbe_cli.assessment import Assessment
from spbe_cli.engine import score
from spbe_cli.framework import load_framework
from spbe_cli.views.report import ranking_report, single_report
from spbe_cli.writers.report_xlsx import build_workbook, long_tables, write_report_xlsx
from spbe_cli.writers.xlsx_rows import splice

FW = load_framework()
NAMES = [
    "Kota A",
    " Kab. spasi ",
    "Kab. <b>&amp;</b>",
    '=HYPERLINK("http://x","y")',
    "Kota Ünïcode – ñ",
    "Kota\x01kontrol",
    "Kab. \"kutip\" 'satu'",
]


def results(count: int) -> list[Any]:
    made = []
    for n in range(count):
        levels = {i.id: 1 + (n + k) % 5 for k, i in enumerate(FW.indicators)}
        name = NAMES[n % len(NAMES)] + f" {n:03d}"
        made.append(score(Assessment(levels=levels, agency=name, year=2021 + n % 3), FW))
    return made


def save(report: Any, path: Path, long_rows: int) -> openpyxl.Workbook:
    book = build_workbook(report, long_rows=long_rows)
    book.save(path)
    splice(path, long_tables(book))
    return openpyxl.load_workbook(path)


def cells(book: openpyxl.Workbook) -> list[tuple[Any, ...]]:
    found = []
    for sheet in book.worksheets:
        found.append((sheet.title, sheet.dimensions, sheet.freeze_panes, sheet.auto_filter.ref))
        for row in sheet.iter_rows():
            for cell in row:
                found.append(
                    (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                        cell.data_type,
                        cell.number_format,
                        repr(cell.font),
                        repr(cell.alignment),
                        repr(cell.fill),
                        repr(cell.border),
                    )
                )
        found.extend((sheet.title, k, d.height) for k, d in sorted(sheet.row_dimensions.items()))
        found.extend(
            (sheet.title, str(cf.sqref), [r.formula for r in cf.rules])
            for cf in sheet.conditional_formatting
        )
        found.append((sheet.title, len(sheet._charts)))
    return found


@pytest.mark.parametrize("count", [1, 40])
def test_spliced_rows_read_back_as_openpyxl_writes_them(tmp_path: Path, count: int) -> None:
    report = ranking_report(results(count), "id")
    written = save(report, tmp_path / "openpyxl.xlsx", long_rows=10**9)
    spliced = save(report, tmp_path / "spliced.xlsx", long_rows=0)
    assert len(long_tables(build_workbook(report, long_rows=0))) >= 1
    assert cells(spliced) == cells(written)
    ranking = spliced["Peringkat"]
    assert ranking.cell(count + 1, 2).value and not ranking.cell(count + 2, 2).value
    names = [ranking.cell(r, 2).value for r in range(2, count + 2)]
    assert any(n.startswith("'=HYPERLINK") for n in names) == (count > 3)


def test_a_single_agency_report_is_spliced_the_same(tmp_path: Path) -> None:
    report = single_report(results(1)[0], "en")
    assert cells(save(report, tmp_path / "a.xlsx", 0)) == cells(
        save(report, tmp_path / "b.xlsx", 10**9)
    )


@pytest.mark.slow  # a long report, written and read back
def test_a_long_report_is_written_whole_and_control_characters_are_shown(
    tmp_path: Path,
) -> None:
    path = tmp_path / "laporan.xlsx"
    write_report_xlsx(ranking_report(results(600), "id"), path)
    sheet = openpyxl.load_workbook(path)["Peringkat"]
    assert sheet.cell(601, 2).value and not sheet.cell(602, 2).value
    names = {sheet.cell(r, 2).value for r in range(2, 602)}
    assert "Kota\ufffdkontrol 005" in names
    assert not any("\x01" in n for n in names)
