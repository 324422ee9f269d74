"""The Excel report: one sheet per table, native charts, ready to print on A4.

Cells hold values, not formulas: published figures as numbers with their decimal places as
number format (``0.00``, ``0.0000``), ratings as text coloured by conditional formatting
on the rating's name, headers frozen, columns sized, every sheet set to A4 and fitted to
the page width. Charts are native Excel charts whose series point at the table's cells.
openpyxl is imported only when a report is written.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from spbe_cli.render.data import neutralise
from spbe_cli.writers.atomic import atomic_path
from spbe_cli.writers.report_labels import (
    BandValue,
    Report,
    ReportChart,
    ReportTable,
    Value,
    band_colour,
)

HEADER_FILL = "D9E1F2"
SUMMARY_START = 4  # the summary table's header row, below the title and subtitle
WIDE_SHEETS = {"indicators", "plan", "ranking", "trend"}
MAX_WIDTH = 60


def write_report_xlsx(report: Report, path: str | Path, *, force: bool = False) -> None:
    """Write ``report`` as an .xlsx workbook at ``path`` (atomically)."""
    book = build_workbook(report)
    with atomic_path(path, force=force) as temp:
        book.save(temp)


def build_workbook(report: Report) -> Any:
    """The report as an openpyxl ``Workbook`` (not yet saved)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    book.properties.title = f"{report.title} - {report.subtitle}"
    book.properties.creator = "spbe-cli"
    for table in report.tables:
        sheet = book.create_sheet(table.sheet)
        first_row = _write_table(sheet, table, report)
        _colour_ratings(sheet, table, first_row)
        _print_setup(sheet, table, first_row)
        for position, chart in enumerate(report.charts_after(table.key)):
            below = first_row + len(table.rows) + 3 + position * 26
            sheet.add_chart(_chart(sheet, chart, first_row), f"A{below}")
    _chart_on_summary(book, report)
    return book


def _chart_on_summary(book: Any, report: Report) -> None:
    """The first bar chart again on the summary sheet, so its printed page stands alone."""
    summary = report.tables[0]
    bars = [c for c in report.charts if c.kind == "bar"]
    if summary.key != "summary" or not bars:
        return
    source = report.table(bars[0].table)
    first_row = SUMMARY_START if source.key == "summary" else 1
    below = SUMMARY_START + len(summary.rows) + 4
    chart = _chart(book[source.sheet], bars[0], first_row)
    book[summary.sheet].add_chart(chart, f"A{below}")


def cell_value(value: Value) -> Any:
    """What goes into a cell: text neutralised, a rating as its label, numbers as numbers."""
    if isinstance(value, BandValue):
        return neutralise(value.label)
    if isinstance(value, str):
        return neutralise(value) if value else None
    return value


def number_format(value: Value) -> str | None:
    """``0.00`` for a figure with two decimals, ``0`` for an integer, else ``None``."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return "0." + "0" * places if places else "0"
    if isinstance(value, int) and not isinstance(value, bool):
        return "0"
    return None


def _write_table(sheet: Any, table: ReportTable, report: Report) -> int:
    """Write title rows (summary only), header and rows; return the header's row number."""
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]

    first_row = 1
    if table.key == "summary":
        sheet.cell(1, 1, neutralise(report.title)).font = Font(bold=True, size=14)
        sheet.cell(2, 1, neutralise(report.subtitle)).font = Font(italic=True)
        sheet.cell(len(table.rows) + SUMMARY_START + 2, 1, report.note).font = Font(
            italic=True, color="666666"
        )
        first_row = SUMMARY_START
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for column, label in enumerate(table.header, start=1):
        cell = sheet.cell(first_row, column, label)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(first_row + offset, column, cell_value(value))
            number = number_format(value)
            if number is not None:
                cell.number_format = number
    _size_columns(sheet, table)
    return first_row


def _size_columns(sheet: Any, table: ReportTable) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for column, label in enumerate(table.header, start=1):
        texts = [label] + [_text(row[column - 1]) for row in table.rows]
        width = min(MAX_WIDTH, max(len(t) for t in texts) + 2)
        sheet.column_dimensions[get_column_letter(column)].width = max(width, 6)
        if width == MAX_WIDTH:
            for row in range(2, len(table.rows) + 2):
                sheet.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")


def _text(value: Value) -> str:
    if isinstance(value, BandValue):
        return value.label
    return "" if value is None else str(value)


def _colour_ratings(sheet: Any, table: ReportTable, first_row: int) -> None:
    """Conditional fills on rating cells, one rule per rating name found in the column."""
    from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    last_row = first_row + len(table.rows)
    for column in range(len(table.header)):
        bands = {row[column] for row in table.rows if isinstance(row[column], BandValue)}
        if not bands:
            continue
        letter = get_column_letter(column + 1)
        cells = f"{letter}{first_row + 1}:{letter}{last_row}"
        for band in sorted(bands, key=lambda b: b.position):  # type: ignore[union-attr]
            assert isinstance(band, BandValue)
            label = str(cell_value(band)).replace('"', '""')
            fill = PatternFill("solid", fgColor=band_colour(band), bgColor=band_colour(band))
            rule = FormulaRule(formula=[f'${letter}{first_row + 1}="{label}"'], fill=fill)
            sheet.conditional_formatting.add(cells, rule)


def _print_setup(sheet: Any, table: ReportTable, first_row: int) -> None:
    """A4, fitted to the page width, header repeated on every page, frozen header."""
    from openpyxl.utils import get_column_letter

    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if table.key in WIDE_SHEETS else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    if table.key == "summary":
        return
    sheet.print_title_rows = f"{first_row}:{first_row}"
    sheet.freeze_panes = f"{get_column_letter(table.freeze_columns + 1)}{first_row + 1}"
    last = get_column_letter(len(table.header))
    sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + len(table.rows)}"


def _reference(sheet: Any, column: int, first_row: int, count: int) -> Any:
    from openpyxl.chart import Reference  # type: ignore[import-untyped]

    return Reference(sheet, min_col=column + 1, min_row=first_row + 1, max_row=first_row + count)


def _chart(sheet: Any, chart: ReportChart, first_row: int) -> Any:
    """A native chart over ``sheet``'s table: bars with a target line, or a radar."""
    from openpyxl.chart import BarChart, LineChart, RadarChart, Series

    labels = _reference(sheet, chart.label_column, first_row, chart.count)
    values = _reference(sheet, chart.value_column, first_row, chart.count)
    target = _reference(sheet, chart.target_column, first_row, chart.count)
    index_series = Series(values, title=chart.series[0])
    target_series = Series(target, title=chart.series[1])
    if chart.kind == "radar":
        main: Any = RadarChart()
        main.type = "marker"
        main.series.extend([index_series, target_series])
        main.set_categories(labels)
    else:
        main = BarChart()
        main.type = "col"
        main.series.append(index_series)
        main.set_categories(labels)
        line = LineChart()
        line.series.append(target_series)
        line.set_categories(labels)
        main += line
        main.x_axis.delete = False
        main.y_axis.delete = False
    main.title = chart.title
    main.legend.position = "b"
    main.y_axis.scaling.min = 0
    main.y_axis.scaling.max = chart.high
    main.y_axis.majorUnit = 1
    main.y_axis.number_format = "0"
    main.width, main.height = (16, 12) if chart.kind == "radar" else (16, 9)
    return main
