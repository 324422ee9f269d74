"""Opening an input safely: a workbook after :mod:`spbe_cli.readers.safety` has checked it, a CSV
file or stdin within the bounds of :mod:`.csvtext`, each as sheets of rows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from spbe_cli.bounded import refuse
from spbe_cli.i18n import Text
from spbe_cli.problems import Problem
from spbe_cli.readers.cells import Cell, Rows
from spbe_cli.readers.csvtext import csv_rows, read_bounded, read_csv_file
from spbe_cli.readers.extent import check_sheet
from spbe_cli.readers.formulas import formula_causes
from spbe_cli.readers.safety import Kind, check_input, no_data, parser_errors


class Book:
    """Sheets as lists of rows; a CSV file is one sheet without a name."""

    kind: Kind = "csv"

    def candidates(self) -> list[str | None]:
        """Sheets to look at for a header, in order (visible ones first)."""
        return [None]

    def names(self) -> list[str]:
        """Every sheet name."""
        return []

    def rows(self, name: str | None) -> Rows:
        """The cells of a sheet, positions kept (row 0 is spreadsheet row 1)."""
        raise NotImplementedError

    def blank_causes(self, name: str | None, cells: set[Cell]) -> dict[Cell, Problem]:
        """Why some blank cells are blank (formulas), by cell; empty when unknown."""
        return {}

    def close(self) -> None:
        """Release the file."""


class CsvBook(Book):
    """A CSV file, already read into rows."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def rows(self, name: str | None) -> Rows:
        return self._rows


class Workbook(Book):
    """A workbook opened with python-calamine (after the safety checks)."""

    def __init__(self, path: Path, source: str, kind: Kind) -> None:
        from python_calamine import CalamineWorkbook

        self.kind = kind
        self._path = path
        self._source = source
        self._cache: dict[str, Rows] = {}
        with parser_errors(source):
            self._book = _calamine(CalamineWorkbook, path)
            self._names: list[str] = list(self._book.sheet_names)
            self._order = self._sheet_order()

    def _sheet_order(self) -> list[str | None]:
        from python_calamine import SheetTypeEnum, SheetVisibleEnum

        meta = self._book.sheets_metadata
        sheets = [m for m in meta if m.typ == SheetTypeEnum.WorkSheet]
        visible = [m.name for m in sheets if m.visible == SheetVisibleEnum.Visible]
        hidden = [m.name for m in sheets if m.visible != SheetVisibleEnum.Visible]
        return [*visible, *hidden]

    def candidates(self) -> list[str | None]:
        return list(self._order)

    def names(self) -> list[str]:
        return list(self._names)

    def rows(self, name: str | None) -> Rows:
        assert name is not None
        cached = self._cache.get(name)
        if cached is None:
            if self.kind == "xlsx":  # before calamine allocates the sheet's whole grid
                check_sheet(self._path, self._source, name)
            with parser_errors(self._source):
                sheet = self._book.get_sheet_by_name(name)
                cached = self._cache[name] = sheet.to_python(skip_empty_area=False)
        return cached

    def blank_causes(self, name: str | None, cells: set[Cell]) -> dict[Cell, Problem]:
        if self.kind != "xlsx" or name is None or not cells:
            return {}
        return formula_causes(self._path, name, cells)

    def close(self) -> None:
        self._cache.clear()
        with parser_errors(self._source):
            self._book.close()


def _calamine(workbook: Any, path: Path) -> Any:
    """python-calamine's workbook for ``path``; a name that is not UTF-8 (which calamine
    cannot take as a path) is opened here and handed over as a file object."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as stream:
            return workbook.from_filelike(stream)
    return workbook.from_path(str(path))


def open_book(path: str | Path, source: str) -> Book:
    """The input as a :class:`Book`; ``-`` is CSV on stdin. Refuses unsafe files."""
    if source == "-":
        return CsvBook(csv_rows(read_bounded(sys.stdin.buffer, source), source))
    file = Path(path)
    kind = check_input(file, source)
    if kind == "csv":
        return CsvBook(csv_rows(read_csv_file(file, source), source))
    return Workbook(file, source, kind)


def sheet_names(path: str | Path) -> list[str]:
    """The worksheet names of a workbook (empty for CSV), after the same safety checks as
    reading; raises :class:`~spbe_cli.problems.InputError` for a bad file."""
    source = str(path)
    if source == "-":
        return []
    book = open_book(path, source)
    try:
        return book.names()
    finally:
        book.close()


def named_sheet(book: Book, source: str, sheet: str) -> str:
    """The sheet called ``sheet`` (case and outer spaces ignored when unique)."""
    names = book.names()
    if sheet in names:
        return sheet
    folded = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    listed = ", ".join(names) or "-"
    raise refuse(
        source,
        "sheet-not-found",
        Text(
            f"tidak memiliki lembar '{sheet}'; lembar yang ada: {listed}",
            f"has no sheet '{sheet}'; its sheets are: {listed}",
        ),
    )


def has_data(rows: Rows) -> bool:
    """Whether any cell of ``rows`` holds something."""
    return any(any(cell != "" and cell is not None for cell in row) for row in rows)


__all__ = [
    "Book",
    "CsvBook",
    "Workbook",
    "has_data",
    "named_sheet",
    "no_data",
    "open_book",
    "sheet_names",
]
