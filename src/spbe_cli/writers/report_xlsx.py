"""The Excel report: the executive summary on the first sheet, one sheet per detail table,
native charts, ready to print on A4.

The first sheet holds the four answers (where we are, where we must get, what to do, who
does it), the basis and assumptions, the date and the signature block, fitted to one A4
page. Cells hold values, not formulas: figures as numbers with their decimal places as
number format (``0.00``, ``0.0000``, signed changes ``+0.00``), ratings as text coloured
by their position, one font on every cell (:data:`FONT`), numbers right-aligned and text
left-aligned, both indented so they stand apart, rows tall enough for wrapped names,
headers frozen and repeated on every printed page, every sheet A4, fitted to the page
width, page numbers in the footer. Charts are native Excel charts with data labels whose
series point at the table's cells. openpyxl is imported only when a report is written.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spbe_cli.render.formats import neutralise
from spbe_cli.writers.atomic import atomic_path

if TYPE_CHECKING:
    from spbe_cli.views.report import ReportView
    from spbe_cli.writers.xlsx_rows import LongRows
from spbe_cli.writers.report_document import (
    BandValue,
    Delta,
    Logo,
    Report,
    ReportChart,
    ReportTable,
    Value,
    band_colour,
    places_of,
)

FONT = "Calibri"
SIZE = 10
HEADER_FILL = "D9E1F2"
HEADING_COLOUR = "2F5597"
WIDE_SHEETS = {"indicators", "plan", "ranking", "trend_nodes", "moves", "plan_opd"}
MAX_WIDTH = 50
FRONT_WIDTHS = (46, 30, 14, 16, 12, 18)
LINE_POINTS = 13.5
FOOTER = {"id": "Halaman &P dari &N", "en": "Page &P of &N"}
KEY_VALUE = {"position", "goal"}
LOGO_HEIGHT = 60
CHART_ROWS = 22  # rows kept free under a table for its chart on the first sheet


def write(view: ReportView, path: str | Path, *, force: bool = False) -> None:
    """Write the report of ``view`` as an .xlsx workbook at ``path`` (atomically); the writer
    :mod:`spbe_cli.writers.registry` names for its suffix."""
    from spbe_cli.writers.report_content import content

    write_report_xlsx(content(view), path, force=force)


def write_report_xlsx(report: Report, path: str | Path, *, force: bool = False) -> None:
    """Write ``report`` as an .xlsx workbook at ``path`` (atomically)."""
    from spbe_cli.writers.xlsx_rows import splice

    book = build_workbook(report)
    with atomic_path(path, force=force) as temp:
        book.save(temp)
        splice(temp, long_tables(book))


def long_tables(book: Any) -> list[LongRows]:
    """The rows :func:`build_workbook` left for :func:`~spbe_cli.writers.xlsx_rows.splice`
    (tables longer than :data:`~spbe_cli.writers.xlsx_rows.LONG_TABLE` rows): save the
    book, then splice them in."""
    found: list[LongRows] = book.__dict__.get("_spbe_long", [])
    return found


def build_workbook(report: Report, *, long_rows: int | None = None) -> Any:
    """The report as an openpyxl ``Workbook`` (not yet saved): the rows of tables longer
    than ``long_rows`` (default :data:`~spbe_cli.writers.xlsx_rows.LONG_TABLE`) are left
    for :func:`long_tables`."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    book.properties.title = _legal(f"{report.title} - {report.subtitle}")
    book.properties.creator = "spbe-cli"
    _normal_font(book)
    places: dict[str, tuple[Any, int]] = {}
    if report.front:
        sheet = book.create_sheet(_front_sheet_name(report))
        places.update(_write_front(sheet, report))
    for table in report.tables:
        sheet = book.create_sheet(table.sheet[:31])
        top = 1  # a chart page: the chart at the top of its own sheet, its data under it
        if table.chart_page:
            top += sum(_chart_rows(one) for one in report.charts_after(table.key))
        columns = _columns(table)
        first_row = _write_table(sheet, table, top, columns, long_rows)
        _colour_ratings(sheet, table, first_row, columns)
        _print_setup(
            sheet, report, table.key.split(".")[0] in WIDE_SHEETS, one_page=table.chart_page
        )
        if not table.chart_page:  # a frozen chart would never scroll away
            _freeze(sheet, table, first_row)
        places[table.key] = (sheet, first_row)
    front = {table.key for table in report.front}
    for one in report.charts:
        if one.table in front:
            continue  # drawn on the first sheet, under its table
        sheet, first_row = places[one.table]
        table = report.table(one.table)
        position = report.charts_after(one.table).index(one)
        if table.chart_page:  # the chart is the page: at the top, its short table under it
            above = sum(_chart_rows(c) for c in report.charts_after(one.table)[:position])
            sheet.add_chart(_chart(sheet, one, first_row), f"A{1 + above}")
            continue
        below = first_row + len(table.rows) + 3 + (2 if table.note else 0) + position * 32
        sheet.add_chart(_chart(sheet, one, first_row), f"A{below}")
    return book


def _front_sheet_name(report: Report) -> str:
    return "Ringkasan" if report.lang == "id" else "Summary"


def _normal_font(book: Any) -> None:
    """The workbook's default style in :data:`FONT`, so empty cells match too."""
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    for style in book._named_styles:
        if style.name == "Normal":
            style.font = Font(name=FONT, size=SIZE)


def _font(**kwargs: Any) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT, size=kwargs.pop("size", SIZE), **kwargs)


def cell_value(value: Value) -> Any:
    """What goes into a cell: text neutralised, a rating as its label, numbers as numbers."""
    if isinstance(value, BandValue):
        return neutralise(_legal(value.label))
    if isinstance(value, Delta):
        return value.value
    if isinstance(value, str):
        return neutralise(_legal(value)) if value else None
    return value


def _legal(text: str) -> str:
    """``text`` with the control characters a worksheet cannot hold (openpyxl refuses
    them) shown as U+FFFD, so a stray one in an input name cannot stop the report; a file
    name that is not UTF-8 shows its bytes as ``\\xNN`` (:func:`spbe_cli.i18n.printable`)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

    from spbe_cli.i18n import printable

    legal: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", printable(text))
    return legal


def number_format(value: Value) -> str | None:
    """``0.00`` for a figure with two decimals, ``+0.00`` for a change, ``0`` for an
    integer, else ``None``."""
    if isinstance(value, Delta):
        places = places_of(value.value)
        body = "0." + "0" * places if places else "0"
        return f"+{body};-{body};{body}"
    if isinstance(value, Decimal):
        places = places_of(value)
        return "0." + "0" * places if places else "0"
    if isinstance(value, int) and not isinstance(value, bool):
        return "0"
    return None


def _text(value: Value) -> str:
    if isinstance(value, BandValue):
        return value.label
    if isinstance(value, Delta):
        return f"+{value.value}"
    return "" if value is None else str(value)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide (words kept whole)."""
    usable = max(width * 1.1 - 1.5, 4)
    if len(text) <= usable and "\n" not in text:
        return 1  # most cells of a long ranking: no need to walk the words
    lines = 0
    for paragraph in text.split("\n"):
        count, length = 1, 0
        for word in paragraph.split():
            extra = len(word) + (1 if length else 0)
            if length and length + extra > usable:
                count += 1
                length = len(word)
            else:
                length += extra
        lines += max(count, math.ceil(length / usable) if length > usable else count)
    return max(lines, 1)


def _cell_style(book: Any, number: str | None, key_value: bool, bold: bool) -> str:
    """The name of a registered cell style (font, alignment, number format): one per kind,
    so writing a cell costs a name, not a new Font and Alignment (10k-row rankings)."""
    from openpyxl.styles import Alignment, NamedStyle

    name = f"spbe{'-b' if bold else ''}{'-k' if key_value else ''}-{number or 'text'}"
    known: set[str] = book.__dict__.setdefault("_spbe_styles", set())
    if name not in known:
        style = NamedStyle(name=name, font=_font(bold=bold))
        if number is not None:
            style.number_format = number
            horizontal = "left" if key_value else "right"
            style.alignment = Alignment(horizontal=horizontal, vertical="top", indent=1)
        else:
            style.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=1)
        book.add_named_style(style)
        known.add(name)
    return name


def _write_cell(
    sheet: Any, row: int, column: int, value: Value, *, key_value: bool = False, bold: bool = False
) -> Any:
    from openpyxl.styles import PatternFill

    cell = sheet.cell(row, column, cell_value(value))
    name = _cell_style(sheet.parent, number_format(value), key_value, bold)
    # Applying a named style by name looks it up each time; the style array it leaves on
    # the cell is copied to later cells instead (openpyxl's own idiom for copying styles).
    arrays: dict[str, Any] = sheet.parent.__dict__.setdefault("_spbe_arrays", {})
    known = arrays.get(name)
    if known is None:
        cell.style = name
        arrays[name] = copy(cell._style)
    else:
        cell._style = copy(known)
    if isinstance(value, BandValue) and key_value:
        colour = band_colour(value)
        cell.fill = PatternFill("solid", fgColor=colour, bgColor=colour)
    return cell


def _header_row(sheet: Any, row: int, header: tuple[str, ...], numeric: list[bool]) -> None:
    from openpyxl.styles import Alignment, PatternFill

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for column, label in enumerate(header, start=1):
        cell = sheet.cell(row, column, _legal(label))
        cell.font = _font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(
            horizontal="right" if numeric[column - 1] else "left",
            vertical="top",
            wrap_text=True,
            indent=1,
        )


_BY_TEXT = frozenset({str, int, bool, float, Decimal, Delta, BandValue, type(None)})
"""Value types whose cell in a sheet (value, number format, style, XML, lines) follows from
the type and the text alone (a rating's fill is a conditional rule, not the cell's; a
figure's text shows every digit and decimal place): such cells are worked out once per
(type, text) in a column, not once per cell. Other types are worked out once per object."""
_FORMATTED = frozenset({int, Decimal, Delta, type(None)})
"""Types that have a number format, or are empty: a column of these alone is numeric."""


class _Column:
    """One column of a table, looked at once: its values, their texts (as the width and
    the row heights count them), a key per cell equal for cells written alike."""

    __slots__ = ("keys", "texts", "types", "values")

    def __init__(self, values: list[Value]) -> None:
        self.values = values
        self.types: set[type] = set(map(type, values))
        kind = next(iter(self.types)) if len(self.types) == 1 else None
        if kind is str:
            self.texts: list[str] = values  # type: ignore[assignment]
        elif kind is int or kind is Decimal:
            self.texts = list(map(str, values))
        elif kind is BandValue:
            self.texts = [value.label for value in values]  # type: ignore[union-attr]
        else:
            self.texts = list(map(_text, values))
        self.keys: list[Hashable]
        if kind is not None and kind in _BY_TEXT:
            self.keys = self.texts  # type: ignore[assignment]
        elif self.types <= _BY_TEXT:
            self.keys = list(zip(map(type, values), self.texts, strict=True))
        else:  # the values stay alive in the table, so their ids stay theirs
            self.keys = list(map(id, values))

    @property
    def numeric(self) -> bool:
        """Every cell a number with its format, or empty (and at least one row)."""
        if self.types <= _BY_TEXT:
            return bool(self.values) and self.types <= _FORMATTED
        return bool(self.values) and all(
            number_format(v) is not None or v is None for v in self.values
        )

    def kinds(self) -> dict[Hashable, tuple[Value, str]]:
        """Each key's (value, text): one cell for every set of cells written alike."""
        return dict(zip(self.keys, zip(self.values, self.texts, strict=True), strict=True))


def _columns(table: ReportTable) -> list[_Column]:
    """The table's columns under its header (rows of the header's length read at once)."""
    width = len(table.header)
    if all(len(row) == width for row in table.rows):
        if not table.rows:
            return [_Column([]) for _ in table.header]
        return [_Column(list(values)) for values in zip(*table.rows, strict=True)]
    return [_Column([row[column] for row in table.rows]) for column in range(width)]


def _numeric(columns: list[_Column]) -> list[bool]:
    return [column.numeric for column in columns]


def _widths(table: ReportTable, columns: list[_Column]) -> list[float]:
    widths = []
    for column, label in zip(columns, table.header, strict=True):
        longest = max(map(len, column.texts), default=0)
        header_word = max((len(w) for w in label.split()), default=0)
        widths.append(max(8.0, min(MAX_WIDTH, max(longest, header_word) + 3)))
    return widths


def _row_height(sheet: Any, row: int, texts: list[tuple[str, float]]) -> None:
    sheet.row_dimensions[row].height = _height(texts)


def _height(texts: list[tuple[str, float]]) -> float:
    return _points(max((_lines(text, width) for text, width in texts), default=1))


def _points(lines: int) -> float:
    """A row's height for ``lines`` lines of text."""
    return max(1, lines) * LINE_POINTS + 3


def _keep_long(
    sheet: Any, table: ReportTable, first: int, widths: list[float], columns: list[_Column]
) -> None:
    """A long table's rows as values and style ids, written after saving (see
    :mod:`spbe_cli.writers.xlsx_rows`): the same cells :func:`_write_cell` makes, worked
    out once per kind of cell in each column (:class:`_Column`), and row heights from the
    columns whose cells wrap."""
    from spbe_cli.writers.xlsx_rows import LongColumn, LongRows, style_id

    if any(len(row) != len(table.header) for row in table.rows):
        raise ValueError(f"{table.key}: a row is not as long as the header")
    book = sheet.parent
    ids: dict[str, int] = {}
    kept: list[LongColumn] = []
    wrapping: list[list[int]] = []  # lines per row, of the columns where a cell wraps
    for column, width in zip(columns, widths, strict=True):
        cells: dict[Hashable, tuple[Any, int]] = {}
        lines: dict[Hashable, int] = {}
        for key, (value, text) in column.kinds().items():
            style = _cell_style(book, number_format(value), False, False)
            cells[key] = (cell_value(value), style_id(sheet, style, ids))
            lines[key] = _lines(text, width)
        kept.append(LongColumn(cells, column.keys))
        if any(count > 1 for count in lines.values()):
            wrapping.append(list(map(lines.__getitem__, column.keys)))
    if len(wrapping) > 1:
        most: list[int] = list(map(max, *wrapping))
    else:
        most = wrapping[0] if wrapping else [1] * len(table.rows)
    points = {count: _points(count) for count in set(most)}
    heights: list[float | None] = list(map(points.__getitem__, most))
    rows = LongRows(sheet, first)
    rows.set_columns(kept, heights)
    book.__dict__.setdefault("_spbe_long", []).append(rows)


def _write_table(
    sheet: Any,
    table: ReportTable,
    first_row: int,
    columns: list[_Column],
    long_rows: int | None = None,
) -> int:
    """Write a detail table's header and rows from ``first_row``; return the header row.

    The rows of a long table are kept for :func:`~spbe_cli.writers.xlsx_rows.splice`."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    from spbe_cli.writers.xlsx_rows import LONG_TABLE

    widths = _widths(table, columns)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _header_row(sheet, first_row, table.header, _numeric(columns))
    _row_height(sheet, first_row, list(zip(table.header, widths, strict=True)))
    if len(table.rows) > (LONG_TABLE if long_rows is None else long_rows):
        _keep_long(sheet, table, first_row + 1, widths, columns)
    else:
        for offset, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row, start=1):
                _write_cell(sheet, first_row + offset, column, value)
            _row_height(
                sheet, first_row + offset, [(_text(v), w) for v, w in zip(row, widths, strict=True)]
            )
    if table.note:
        note_row = first_row + len(table.rows) + 2
        cell = sheet.cell(note_row, 1, _legal(table.note))
        cell.font = _font(italic=True, color="444444")
    return first_row


# -- the first sheet ------------------------------------------------------------------------


def _write_front(sheet: Any, report: Report) -> dict[str, tuple[Any, int]]:
    """The executive summary; returns where each front table's header row is."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    columns = max(len(t.header) for t in report.front)
    columns = max(columns, 4)
    widths = [FRONT_WIDTHS[i] if i < len(FRONT_WIDTHS) else 12 for i in range(columns)]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    last = get_column_letter(columns)
    total = sum(widths)

    def line(row: int, text: str, **font: Any) -> None:
        cell = sheet.cell(row, 1, neutralise(_legal(text)))
        cell.font = _font(**font)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.row_dimensions[row].height = (
            _lines(text, total) * LINE_POINTS * (font.get("size", SIZE) / SIZE) + 3
        )

    line(1, report.title, bold=True, size=16)
    line(2, report.subtitle, italic=True)
    line(3, report.made, color="555555")
    if report.logo is not None:
        sheet.add_image(_image(report.logo), f"{last}1")
    row = 5
    line(row, report.front_title, bold=True, size=13, color=HEADING_COLOUR)
    places: dict[str, tuple[Any, int]] = {}
    for table in report.front:
        row += 2
        line(row, table.title, bold=True, size=11, color=HEADING_COLOUR)
        row += 1
        key_value = table.key in KEY_VALUE
        numeric = [False] * len(table.header) if key_value else _numeric(_columns(table))
        _header_row(sheet, row, table.header, numeric)
        _row_height(sheet, row, list(zip(table.header, widths, strict=False)))
        places[table.key] = (sheet, row)
        for values in table.rows:
            row += 1
            for column, value in enumerate(values, start=1):
                _write_cell(
                    sheet, row, column, value, key_value=key_value, bold=key_value and column == 1
                )
            _row_height(sheet, row, [(_text(v), w) for v, w in zip(values, widths, strict=False)])
        _colour_front(sheet, table, row - len(table.rows) + 1, key_value)
        if table.note:
            row += 1
            line(row, table.note, italic=True, color="444444")
        for one in report.charts_after(table.key):
            sheet.add_chart(_chart(sheet, one, places[table.key][1]), f"A{row + 2}")
            row += CHART_ROWS
    if report.notes:
        row += 2
        line(row, report.notes_title, bold=True, size=11, color=HEADING_COLOUR)
        for note in report.notes:
            row += 1
            line(row, f"• {note}")
    if report.signature is not None:
        row = _signature(sheet, report, row + 2, columns)
    _print_setup(sheet, report, wide=False, one_page=True)
    return places


def _colour_front(sheet: Any, table: ReportTable, first: int, key_value: bool) -> None:
    """Fill rating cells of a front table by their rating (key-value tables already are)."""
    from openpyxl.styles import PatternFill

    if key_value:
        return
    for offset, values in enumerate(table.rows):
        for column, value in enumerate(values, start=1):
            if isinstance(value, BandValue):
                colour = band_colour(value)
                sheet.cell(first + offset, column).fill = PatternFill(
                    "solid", fgColor=colour, bgColor=colour
                )


def _signature(sheet: Any, report: Report, row: int, columns: int) -> int:
    """The date line, then ``Disusun oleh`` at the left and ``Mengetahui`` at the right,
    blank rows to sign in, and the names (or blank lines) under them."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    signature = report.signature
    assert signature is not None
    start = 3 if columns >= 4 else 2
    right = get_column_letter(start)
    last = get_column_letter(columns)
    room = sum(
        sheet.column_dimensions[get_column_letter(c)].width or 10 for c in range(start, columns + 1)
    )
    centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
    date = sheet.cell(row, start, signature.date_line)
    date.font = _font()
    date.alignment = centre
    sheet.merge_cells(f"{right}{row}:{last}{row}")
    sheet.row_dimensions[row].height = _lines(signature.date_line, room) * LINE_POINTS + 3
    (left_label, left_name), (right_label, right_name) = signature.columns()
    for offset, (left_text, right_text, bold) in enumerate(
        (
            (left_label, right_label, False),
            ("", "", False),
            ("", "", False),
            ("", "", False),
            (left_name, right_name, True),
        ),
        start=1,
    ):
        here = row + offset
        cell = sheet.cell(here, 1, _legal(left_text) or None)
        cell.font = _font(bold=bold)
        cell.alignment = centre
        other = sheet.cell(here, start, _legal(right_text) or None)
        other.font = _font(bold=bold)
        other.alignment = centre
        sheet.merge_cells(f"{right}{here}:{last}{here}")
        sheet.row_dimensions[here].height = LINE_POINTS + 3
    return row + 5


def _image(logo: Logo) -> Any:
    """An openpyxl picture of ``logo`` without an image library: the bytes as they are,
    scaled to :data:`LOGO_HEIGHT` pixels high."""
    from openpyxl.drawing.image import Image  # type: ignore[import-untyped]

    class RawImage(Image):  # type: ignore[misc]
        def __init__(self, data: bytes, kind: str, width: int, height: int) -> None:
            self.ref = data
            self.format = kind
            self.width, self.height = width, height

        def _data(self) -> bytes:
            return bytes(self.ref)

    scale = LOGO_HEIGHT / logo.height
    return RawImage(logo.data, logo.format, max(1, round(logo.width * scale)), LOGO_HEIGHT)


# -- every sheet ----------------------------------------------------------------------------


def _colour_ratings(sheet: Any, table: ReportTable, first_row: int, columns: list[_Column]) -> None:
    """Conditional fills on rating cells, one rule per rating name found in the column."""
    from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    last_row = first_row + len(table.rows)
    for column, facts in enumerate(columns):
        if not any(issubclass(kind, BandValue) for kind in facts.types):
            continue
        bands = {value for value in facts.values if isinstance(value, BandValue)}
        if not bands:
            continue
        letter = get_column_letter(column + 1)
        cells = f"{letter}{first_row + 1}:{letter}{last_row}"
        for band in sorted(bands, key=lambda b: b.position):
            assert isinstance(band, BandValue)
            label = str(cell_value(band)).replace('"', '""')
            fill = PatternFill("solid", fgColor=band_colour(band), bgColor=band_colour(band))
            rule = FormulaRule(formula=[f'${letter}{first_row + 1}="{label}"'], fill=fill)
            sheet.conditional_formatting.add(cells, rule)


def _print_setup(sheet: Any, report: Report, wide: bool, one_page: bool = False) -> None:
    """A4, fitted to the page width (the first sheet to one page), page numbers."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top, sheet.page_margins.bottom = 0.75, 0.7
    sheet.oddFooter.center.text = FOOTER[report.lang]
    sheet.oddFooter.center.size = 9
    sheet.oddFooter.center.font = FONT
    sheet.oddHeader.left.text = _legal(f"{report.title} · {report.subtitle}"[:200]).replace(
        "&", "&&"
    )
    sheet.oddHeader.left.size = 8
    sheet.oddHeader.left.font = FONT


def _freeze(sheet: Any, table: ReportTable, first_row: int) -> None:
    """The header row frozen and repeated on every printed page, a filter on it."""
    from openpyxl.utils import get_column_letter

    sheet.print_title_rows = f"{first_row}:{first_row}"
    sheet.freeze_panes = f"{get_column_letter(table.freeze_columns + 1)}{first_row + 1}"
    if table.rows:
        last = get_column_letter(len(table.header))
        sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + len(table.rows)}"


def _reference(sheet: Any, column: int, first_row: int, count: int) -> Any:
    from openpyxl.chart import Reference  # type: ignore[import-untyped]

    return Reference(sheet, min_col=column + 1, min_row=first_row + 1, max_row=first_row + count)


def _labels(series: Any, position: str | None = None, colour: str | None = None) -> None:
    from openpyxl.chart.label import DataLabelList  # type: ignore[import-untyped]

    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    for name in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(series.dLbls, name, False)
    if position:
        series.dLbls.position = position
    if colour:
        from openpyxl.chart.text import RichText  # type: ignore[import-untyped]
        from openpyxl.drawing.text import (  # type: ignore[import-untyped]
            CharacterProperties,
            Paragraph,
            ParagraphProperties,
        )

        props = CharacterProperties(sz=900, b=True, solidFill=colour)
        series.dLbls.txPr = RichText(
            p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)]
        )


def _chart(sheet: Any, chart: ReportChart, first_row: int) -> Any:
    """A native chart over ``sheet``'s table: bars with a target line, or a radar; the
    index series labelled with its values, the value axis 0 to the scale's top."""
    from openpyxl.chart import BarChart, LineChart, RadarChart, Series
    from openpyxl.chart.shapes import GraphicalProperties  # type: ignore[import-untyped]
    from openpyxl.drawing.line import LineProperties  # type: ignore[import-untyped]

    labels = _reference(sheet, chart.label_column, first_row, chart.count)
    values = _reference(sheet, chart.value_column, first_row, chart.count)
    target = _reference(sheet, chart.target_column, first_row, chart.count)
    index_series = Series(values, title=chart.series[0])
    target_series = Series(target, title=chart.series[1])
    target_series.graphicalProperties = GraphicalProperties(
        ln=LineProperties(solidFill="C00000", w=22000, prstDash="dash")
    )
    if chart.kind == "radar":
        main: Any = RadarChart()
        main.type = "marker"
        index_series.marker.symbol = "circle"
        target_series.marker.symbol = "none"
        _labels(index_series)
        main.series.extend([index_series, target_series])
        main.set_categories(labels)
        main.width, main.height = 24, 18  # room for the long aspect names around it
    elif chart.kind == "hbar":
        main = _hbar(chart, index_series, target_series, labels)
    else:
        main = BarChart()
        main.type = "col"
        main.gapWidth = 60
        _labels(index_series, "inEnd", "FFFFFF")  # inside the bar: clear of the target line
        index_series.graphicalProperties.solidFill = "2F5597"
        main.series.append(index_series)
        main.set_categories(labels)
        line = LineChart()
        # a line needs two points: one year (Pemdi's first) shows its target as a dash
        target_series.marker.symbol = "dash" if chart.count == 1 else "none"
        if chart.count == 1:
            target_series.marker.size = 20
            target_series.marker.graphicalProperties = GraphicalProperties(
                solidFill="C00000", ln=LineProperties(solidFill="C00000")
            )
        target_series.smooth = False
        line.series.append(target_series)
        line.set_categories(labels)
        main += line
        main.x_axis.delete = False
        main.y_axis.delete = False
        main.width, main.height = 20, 10 + (3 if chart.count > 8 else 0)
    main.title = chart.title
    main.legend.position = "b"
    main.y_axis.scaling.min = 0
    main.y_axis.scaling.max = chart.high
    main.y_axis.majorUnit = 1
    main.y_axis.number_format = "0"
    return main


def _hbar_size(chart: ReportChart) -> tuple[float, float]:
    """Width and height (cm) of a horizontal bar chart: A4 portrait width, a bar per
    0.75 cm so that each agency's name stays legible in print."""
    return 18.0, max(8.0, 3.0 + 0.75 * chart.count)


def _chart_rows(chart: ReportChart) -> int:
    """Worksheet rows (15 pt, 0.53 cm) a chart page's chart covers, with a blank row."""
    height = _hbar_size(chart)[1] if chart.kind == "hbar" else 10.0
    return math.ceil(height / 0.53) + 1


def _hbar(chart: ReportChart, index_series: Any, target_series: Any, labels: Any) -> Any:
    """Horizontal bars, the first row at the top, each agency's full name beside its bar;
    the target is a dashed red outline over each bar, ending at the target (a line series
    cannot lie across horizontal bars)."""
    from openpyxl.chart import BarChart
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.line import LineProperties
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    main = BarChart()
    main.type = "bar"
    main.grouping = "clustered"
    main.overlap = 100
    main.gapWidth = 40
    _labels(index_series, "inEnd", "FFFFFF")
    index_series.graphicalProperties.solidFill = "2F5597"
    target_series.graphicalProperties = GraphicalProperties(
        noFill=True, ln=LineProperties(solidFill="C00000", w=19050, prstDash="dash")
    )
    main.series.extend([index_series, target_series])
    main.set_categories(labels)
    main.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
    main.x_axis.delete = False
    main.y_axis.delete = False
    main.y_axis.crosses = "max"  # the scale along the bottom when the categories run down
    names = CharacterProperties(sz=1000)
    main.x_axis.txPr = RichText(
        p=[Paragraph(pPr=ParagraphProperties(defRPr=names), endParaRPr=names)]
    )
    main.width, main.height = _hbar_size(chart)
    return main
