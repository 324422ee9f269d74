"""Read assessments from workbooks (.xlsx, .xlsm, .xls, .ods) and CSV files.

Two layouts are recognised by their header row:

- **long**, one agency: an indicator column and a level column, a row per indicator, with
  optional OPD, note, effort, agency, year and framework columns; title rows above the
  header may carry ``Instansi``/``Tahun``/``Kerangka`` labels with the value to the right.
- **wide**, many agencies: an agency column, optional year and framework columns, and one
  column per indicator (``1``, ``I1``, ``Indikator 1``, ``35-1``); one agency per row.

Checks are strict and every problem is collected with its cell (``Penilaian!C14``) before
one :class:`~spbe_cli.problems.InputError` is raised. Files are checked by
:mod:`spbe_cli.safety` before the parser (python-calamine) opens them.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import posixpath
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Literal
from xml.etree.ElementTree import ParseError, iterparse

from spbe_cli.assessment import Assessment, CellRef
from spbe_cli.framework import Framework, parse_exact
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem
from spbe_cli.safety import Kind, check_input, no_data, parser_errors, refuse, unreadable

Layout = Literal["long", "wide"]
Rows = list[list[Any]]
Cell = tuple[int, int]

HEADER_SEARCH_ROWS = 30
"""How many rows from the top of a sheet are searched for the header row."""

_YEARS = range(1900, 2101)


@dataclass
class ReadResult:
    """What :func:`read_assessments` found in one file."""

    assessments: list[Assessment]
    layout: Layout
    sheet: str | None
    source: str
    warnings: list[Problem] = field(default_factory=list)


# -- header words --------------------------------------------------------------------------

_ROLES: dict[str, tuple[str, ...]] = {
    "indicator": ("indikator", "indicator", "id", "nomor", "no", "no."),
    # In priority order: the first present is the level column.
    "level": ("nilai akhir", "nilai", "level", "tingkat kematangan", "tingkat", "skor", "score"),
    "opd": ("opd", "perangkat daerah", "unit"),
    "note": ("catatan", "notes", "note", "keterangan"),
    "effort": ("effort", "upaya", "biaya"),
    "agency": ("instansi", "agency", "nama instansi", "pemda"),
    "year": ("tahun", "year"),
    "framework": ("kerangka", "framework"),
}
_ROLE_OF = {alias: role for role, aliases in _ROLES.items() for alias in aliases}
_LABELS: dict[str, tuple[str, ...]] = {
    "agency": ("instansi", "agency", "nama instansi", "pemda", "nama pemda"),
    "year": ("tahun", "year", "tahun penilaian", "tahun evaluasi"),
    "framework": ("kerangka", "framework", "kerangka penilaian"),
}
_LABEL_OF = {alias: role for role, aliases in _LABELS.items() for alias in aliases}
_PARENTHESES = re.compile(r"\s*\(.*\)\s*$")
_ID_TEXT = re.compile(
    r"^(?:indikator|indicator|ind\.?|i)?\s*(\d+)(?:\.0+)?(?:\s*-\s*(\d+))?$", re.IGNORECASE
)


def normalize_header(value: Any) -> str:
    """A header cell as lower-case words: ``' Nilai  (1-5):'`` -> ``'nilai'``."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.lower().split()).rstrip(":").strip()
    return _PARENTHESES.sub("", text) if text.endswith(")") else text


def indicator_key(value: Any) -> str | None:
    """The indicator id a cell names (``11``, ``11.0``, ``"I11"``, ``"Indikator 11"``,
    ``"35-1"``), or ``None`` when it does not look like an indicator id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and value >= 0 else None
    if not isinstance(value, str):
        return None
    match = _ID_TEXT.match(" ".join(value.split()))
    if match is None:
        return None
    number = str(int(match[1]))
    return f"{number}-{int(match[2])}" if match[2] else number


def column_letters(col: int) -> str:
    """Spreadsheet column letters of a 0-based column index: 0 -> ``A``, 27 -> ``AB``."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_address(row: int, col: int) -> str:
    """The address of a 0-based (row, col): (13, 2) -> ``C14``."""
    return f"{column_letters(col)}{row + 1}"


def compress_ids(ids: Sequence[str]) -> str:
    """Ids as short text, runs of consecutive numbers joined: ``12, 30-31, 35-1``."""
    parts: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run.clear()

    for item in ids:
        if item.isdigit() and (not run or int(item) == run[-1] + 1):
            run.append(int(item))
            continue
        flush()
        if item.isdigit():
            run.append(int(item))
        else:
            parts.append(item)
    flush()
    return ", ".join(parts)


# -- lazily built sources ------------------------------------------------------------------


class SourceMap(dict[str, CellRef]):
    """``Assessment.sources`` for a wide row, built on first use.

    A wide sheet has a cell per indicator per agency; making a :class:`CellRef` for each
    would cost more than parsing the file. This dict holds the row and the column of
    each indicator and fills itself with the real cells the first time it is read.
    """

    __slots__ = ("_pending",)

    def __init__(self, file: str, sheet: str | None, row: int, columns: dict[str, int]) -> None:
        # dict.__init__ is not called: the dict starts empty and is filled by _fill().
        self._pending: tuple[str, str | None, int, dict[str, int]] | None = (
            file,
            sheet,
            row,
            columns,
        )

    def _fill(self) -> None:
        pending = getattr(self, "_pending", None)
        if pending is None:
            return
        self._pending = None
        file, sheet, row, columns = pending
        number = str(row + 1)
        dict.update(
            self,
            {
                key: CellRef(file, sheet, column_letters(col) + number)
                for key, col in columns.items()
            },
        )

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, SourceMap):
            other._fill()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other


def _filling(name: str) -> Callable[..., Any]:
    method = getattr(dict, name)

    def filled(self: SourceMap, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        return method(self, *args, **kwargs)

    filled.__name__ = name
    return filled


for _name in (
    "__getitem__",
    "__contains__",
    "__iter__",
    "__len__",
    "__repr__",
    "__reversed__",
    "__or__",
    "__ror__",
    "__ior__",
    "__setitem__",
    "__delitem__",
    "__reduce_ex__",
    "get",
    "keys",
    "values",
    "items",
    "copy",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "clear",
):
    setattr(SourceMap, _name, _filling(_name))


# -- workbooks and CSV as grids ------------------------------------------------------------


class _Book:
    """Sheets as lists of rows; a CSV file is one sheet without a name."""

    kind: Kind = "csv"

    def candidates(self) -> list[str | None]:
        """Sheets to look at for a header, in order."""
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


class _CsvBook(_Book):
    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def rows(self, name: str | None) -> Rows:
        return self._rows


class _Workbook(_Book):
    def __init__(self, path: Path, source: str, kind: Kind) -> None:
        from python_calamine import CalamineWorkbook

        self.kind = kind
        self._path = path
        self._source = source
        with parser_errors(source):
            self._book = CalamineWorkbook.from_path(str(path))
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
        with parser_errors(self._source):
            rows: Rows = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        return rows

    def blank_causes(self, name: str | None, cells: set[Cell]) -> dict[Cell, Problem]:
        if self.kind != "xlsx" or name is None or not cells:
            return {}
        try:
            return _formula_causes(self._path, name, cells)
        except (zipfile.BadZipFile, KeyError, ParseError, OSError, ValueError):
            return {}

    def close(self) -> None:
        with parser_errors(self._source):
            self._book.close()


def _open(path: str | Path, source: str) -> _Book:
    if source == "-":
        return _CsvBook(_csv_rows(sys.stdin.buffer.read(), source))
    file = Path(path)
    kind = check_input(file, source)
    if kind == "csv":
        try:
            data = file.read_bytes()
        except OSError as error:
            raise unreadable(source, error) from None
        return _CsvBook(_csv_rows(data, source))
    return _Workbook(file, source, kind)


def sheet_names(path: str | Path) -> list[str]:
    """The worksheet names of a workbook (empty for CSV), after the same safety checks as
    :func:`read_assessments`; raises :class:`InputError` for a bad file."""
    source = str(path)
    if source == "-":
        return []
    book = _open(path, source)
    try:
        return book.names()
    finally:
        book.close()


def _decode(data: bytes) -> str | None:
    """CSV text: UTF-16 with a BOM, UTF-8 (BOM optional), else Windows-1252 (old Excel)."""
    encodings = (
        ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252")
    )
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def _csv_rows(data: bytes, source: str) -> Rows:
    """Rows of a CSV file separated by commas, semicolons or tabs (sniffed)."""
    text = _decode(data)
    if text is None:
        raise refuse(source, "not-csv", Text("bukan berkas teks CSV", "is not a CSV text file"))
    try:
        rows: Rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error:
        raise refuse(
            source,
            "not-csv",
            Text("bukan berkas CSV yang dapat dibaca", "is not a readable CSV file"),
        ) from None
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise no_data(source)
    width = max(len(row) for row in rows)
    for row in rows:
        row.extend([""] * (width - len(row)))
    return rows


def _delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        lines = [line for line in sample.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
        counts = {d: sum(line.count(d) for line in lines) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


# -- the entry point -----------------------------------------------------------------------


def read_assessments(
    path: str | Path,
    framework: Framework,
    *,
    sheet: str | None = None,
    layout: Literal["auto", "long", "wide"] = "auto",
    agency: str | None = None,
    year: int | None = None,
    allow_missing: bool = False,
) -> ReadResult:
    """Read every assessment in a workbook or CSV file (``"-"``: CSV on stdin).

    ``sheet`` and ``layout`` choose instead of detecting; ``agency`` and ``year`` override
    what the file says; ``allow_missing`` accepts indicators absent from the file or with
    a blank level (with a warning) instead of refusing the file: they are left out of
    ``Assessment.levels``, and the engine scores them at the scale's lowest level and lists
    them in ``Result.assumed``. Raises :class:`InputError` listing every problem found.
    """
    source = str(path)
    book = _open(path, source)
    try:
        with _gc_paused():
            name, rows, header = _find_header(book, source, sheet, layout, framework)
            reader = _Reader(framework, source, name, rows, header, book, allow_missing)
            if header.layout == "long":
                assessments = [reader.read_long(agency, year)]
            else:
                assessments = reader.read_wide(agency, year)
    finally:
        book.close()
    if reader.problems:
        raise InputError(source, reader.problems)
    return ReadResult(assessments, header.layout, name, source, reader.warnings)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building many small objects.

    Reading a wide sheet allocates millions of objects and creates no reference cycles;
    the collector would only walk them again and again (about a third of the read time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- finding the header --------------------------------------------------------------------


@dataclass
class _Header:
    layout: Layout
    row: int
    roles: dict[str, int]
    indicator_columns: list[tuple[int, str]] = field(default_factory=list)


def _find_header(
    book: _Book, source: str, sheet: str | None, layout: str, fw: Framework
) -> tuple[str | None, Rows, _Header]:
    """The first sheet (or ``sheet``) with a header row of a known layout."""
    names = book.candidates()
    if sheet is not None and book.kind != "csv":
        names = [_sheet_named(book, source, sheet)]
    if not names:
        raise no_data(source)
    empty = 0
    for name in names:
        rows = book.rows(name)
        if not _has_data(rows):
            empty += 1
            continue
        header = _detect(rows, layout, fw)
        if header is not None:
            return name, rows, header
    if empty == len(names):
        if sheet is not None and book.kind != "csv":
            raise refuse(
                source,
                "no-data",
                Text(f"lembar '{sheet}' tidak berisi data", f"sheet '{sheet}' contains no data"),
            )
        raise no_data(source)
    raise refuse(source, "no-layout", *_no_layout_text(names, layout, fw))


def _sheet_named(book: _Book, source: str, sheet: str) -> str:
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


def _has_data(rows: Rows) -> bool:
    return any(any(cell != "" and cell is not None for cell in row) for row in rows)


def _no_layout_text(names: list[str | None], layout: str, fw: Framework) -> tuple[Text, Text]:
    first, last = fw.indicators[0].id, fw.indicators[-1].id
    long = Text(
        "baris judul dengan kolom indikator (Indikator, No, ID) dan kolom nilai "
        "(Nilai, Level, Tingkat, Skor)",
        "a header row with an indicator column (Indikator, No, ID) and a level column "
        "(Nilai, Level, Tingkat, Score)",
    )
    wide = Text(
        f"baris judul dengan kolom Instansi dan satu kolom per indikator ({first}..{last}, "
        f"I{first}, Indikator {first})",
        f"a header row with an Instansi (agency) column and one column per indicator "
        f"({first}..{last}, I{first}, Indikator {first})",
    )
    expected = {"long": [long], "wide": [wide]}.get(layout, [long, wide])
    looked = ", ".join(n or "CSV" for n in names)
    text = Text(
        f"tidak ada baris judul yang dikenali di {HEADER_SEARCH_ROWS} baris pertama lembar "
        f"yang diperiksa ({looked})",
        f"no header row was recognised in the first {HEADER_SEARCH_ROWS} rows of the sheets "
        f"looked at ({looked})",
    )
    hint = Text(
        "diharapkan: " + " atau ".join(e.id for e in expected),
        "expected: " + " or ".join(e.en for e in expected),
    )
    return text, hint


def _detect(rows: Rows, layout: str, fw: Framework) -> _Header | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header = _header_of(rows, index, row, layout, fw)
        if header is not None:
            return header
    return None


def _header_of(
    rows: Rows, index: int, row: list[Any], layout: str, fw: Framework
) -> _Header | None:
    found: dict[str, list[int]] = {}
    indicator_columns: list[tuple[int, str]] = []
    for col, cell in enumerate(row):
        word = normalize_header(cell)
        role = _ROLE_OF.get(word)
        if role is not None:
            found.setdefault(role, []).append(col)
        elif cell != "" and (key := indicator_key(cell)) is not None:
            indicator_columns.append((col, key))
    roles = {role: cols[0] for role, cols in found.items()}
    known = sum(1 for _, key in indicator_columns if key in fw.indicator_by_id)
    wide_ok = "agency" in found and known >= max(1, len(indicator_columns) - known)
    long_ok = "indicator" in found and "level" in found
    if (
        wide_ok
        and layout != "long"
        and (layout == "wide" or len(indicator_columns) >= 2 or not long_ok)
    ):
        return _Header("wide", index, roles, indicator_columns)
    if long_ok and layout != "wide":
        roles["level"] = _level_column(row, found["level"])
        roles["indicator"] = _indicator_column(rows, index, found["indicator"], fw)
        return _Header("long", index, roles)
    return None


def _level_column(row: list[Any], cols: list[int]) -> int:
    priority = _ROLES["level"]
    return min(cols, key=lambda col: priority.index(normalize_header(row[col])))


def _indicator_column(rows: Rows, header_row: int, cols: list[int], fw: Framework) -> int:
    """Of several indicator-like columns (``No`` and ``Indikator``), the one holding ids."""
    if len(cols) == 1:
        return cols[0]
    known = fw.indicator_by_id
    sample = rows[header_row + 1 : header_row + 1 + 2 * len(known)]

    def hits(col: int) -> int:
        return sum(1 for row in sample if indicator_key(row[col]) in known)

    return max(cols, key=hits)


# -- values --------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    """A cell value as the user would recognise it in a message."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return f"'{value.strip()}'"
    return str(value)


def _text(value: Any) -> str:
    """A cell value as plain text (names, OPD, notes)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    return str(value).strip()


def _whole(value: Any) -> int | None:
    """An integer from an int, an integral float, or text such as ``" 3 "`` or ``"3.0"``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return None
        return int(number) if number.is_integer() else None
    return None


# -- reading -------------------------------------------------------------------------------


class _Reader:
    """Reads one sheet whose header has been found, collecting problems."""

    def __init__(
        self,
        fw: Framework,
        source: str,
        sheet: str | None,
        rows: Rows,
        header: _Header,
        book: _Book,
        allow_missing: bool,
    ) -> None:
        self.fw = fw
        self.source = source
        self.sheet = sheet
        self.rows = rows
        self.header = header
        self.book = book
        self.allow_missing = allow_missing
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # Blank level cells -> index of their problem, or None when --allow-missing lets
        # the indicator count as missing (a half-filled template).
        self._blanks: dict[Cell, int | None] = {}
        low, high = fw.scale.min, fw.scale.max
        self.scale_text = f"{low}-{high}"
        self.fast_levels: dict[float, int] = {float(v): v for v in fw.scale.levels}

    # -- places and problems

    def place(self, row: int, col: int) -> str:
        address = cell_address(row, col)
        return f"{self.sheet}!{address}" if self.sheet else address

    def cell_ref(self, row: int, col: int) -> CellRef:
        return CellRef(self.source, self.sheet, cell_address(row, col))

    def add(self, code: str, row: int, col: int, text: Text, hint: Text | None = None) -> None:
        self.problems.append(Problem(code, self.place(row, col), text, hint))

    @property
    def sheet_place(self) -> str:
        return self.sheet or self.source

    # -- levels

    def level(self, value: Any, row: int, col: int) -> int | None:
        """A validated level, or ``None`` after recording why the cell is not one."""
        fast = self.fast_levels.get(value) if value.__class__ is not bool else None
        if fast is not None:
            return fast
        if _blank(value):
            if self.allow_missing:
                self._blanks[(row, col)] = None
                return None
            self._blanks[(row, col)] = len(self.problems)
            low = self.fw.scale.min
            self.add(
                "level-blank",
                row,
                col,
                Text("nilai kosong", "level is blank"),
                Text(
                    f"isi nilainya, atau pakai --allow-missing agar diberi nilai {low}",
                    f"fill it in, or use --allow-missing to score it at level {low}",
                ),
            )
            return None
        if isinstance(value, bool | dt.date | dt.time | dt.datetime | dt.timedelta):
            self.add("level-wrong-type", row, col, _wrong_type(value))
            return None
        number = _whole(value)
        if number is None:
            shown = _shown(value)
            self.add(
                "level-not-integer",
                row,
                col,
                Text(f"nilai {shown} bukan bilangan bulat", f"level {shown} is not a whole number"),
            )
            return None
        if not self.fw.scale.min <= number <= self.fw.scale.max:
            self.add(
                "level-out-of-scale",
                row,
                col,
                Text(
                    f"nilai {number} di luar {self.scale_text}",
                    f"level {number} is outside {self.scale_text}",
                ),
            )
            return None
        return number

    def explain_blanks(self) -> None:
        """Replace 'level is blank' by the reason where the cell holds a formula."""
        if not self._blanks:
            return
        causes = self.book.blank_causes(self.sheet, set(self._blanks))
        for cell, cause in causes.items():
            index = self._blanks[cell]
            problem = Problem(cause.code, self.place(*cell), cause.text, cause.hint)
            if index is None:  # allowed as blank, but a formula without a value is not blank
                self.problems.append(problem)
            else:
                self.problems[index] = problem

    def allowed_blank(self, row: int, col: int) -> bool:
        """Whether the cell is a blank level that --allow-missing turns into a missing one."""
        return (row, col) in self._blanks and self._blanks[(row, col)] is None

    # -- indicators

    def unknown_indicator(self, value: Any, row: int, col: int) -> None:
        first, last = self.fw.indicators[0].id, self.fw.indicators[-1].id
        shown = _shown(value)
        self.add(
            "unknown-indicator",
            row,
            col,
            Text(
                f"indikator {shown} tidak dikenal dalam kerangka {self.fw.id} ({first}..{last})",
                f"unknown indicator {shown} in framework {self.fw.id} ({first}..{last})",
            ),
        )

    def duplicate(self, key: str, row: int, col: int, first: Cell) -> None:
        other = self.place(*first)
        self.add(
            "duplicate-indicator",
            row,
            col,
            Text(
                f"indikator {key} muncul lagi (pertama di {other})",
                f"indicator {key} appears again (first at {other})",
            ),
        )

    def missing(self, present: Iterable[str]) -> list[str]:
        """Indicators of the framework absent from ``present``: a problem or a warning."""
        have = set(present)
        absent = [i.id for i in self.fw.indicators if i.id not in have]
        if not absent:
            return absent
        listed = compress_ids(absent)
        low = self.fw.scale.min
        if self.allow_missing:
            self.warnings.append(
                Problem(
                    "missing-filled",
                    self.sheet_place,
                    Text(
                        f"indikator yang tidak ada atau kosong diberi nilai {low}: {listed}",
                        f"missing or blank indicators scored at level {low}: {listed}",
                    ),
                )
            )
        else:
            self.problems.append(
                Problem(
                    "missing-indicators",
                    self.sheet_place,
                    Text(f"indikator tidak ada: {listed}", f"missing indicators {listed}"),
                    Text(
                        f"tambahkan, atau pakai --allow-missing agar diberi nilai {low}",
                        f"add them, or use --allow-missing to score them at level {low}",
                    ),
                )
            )
        return absent

    # -- agency, year, framework cells

    def year_of(self, value: Any, row: int, col: int) -> int | None:
        number = _whole(value)
        if number is None or number not in _YEARS:
            shown = _shown(value)
            self.add(
                "year-invalid",
                row,
                col,
                Text(
                    f"tahun {shown} bukan tahun (misalnya 2024)",
                    f"year {shown} is not a year (such as 2024)",
                ),
            )
            return None
        return number

    def effort_of(self, value: Any, row: int, col: int) -> Fraction | None:
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = parse_exact(text)
        except ValueError:
            number = None
        if number is None or number <= 0:
            shown = _shown(value)
            self.add(
                "effort-invalid",
                row,
                col,
                Text(
                    f"upaya {shown} harus bilangan positif (misalnya 1.5 atau 20/6)",
                    f"effort {shown} must be a positive number (such as 1.5 or 20/6)",
                ),
            )
            return None
        return number

    # -- the long layout

    def read_long(self, agency: str | None, year: int | None) -> Assessment:
        """One assessment from a sheet with a row per indicator."""
        roles = self.header.roles
        ind_col, level_col = roles["indicator"], roles["level"]
        known = self.fw.indicator_by_id
        result = Assessment(levels={})
        seen: dict[str, Cell] = {}
        blank: set[str] = set()
        for row_index in range(self.header.row + 1, len(self.rows)):
            row = self.rows[row_index]
            raw = row[ind_col]
            if _blank(raw):
                continue
            key = indicator_key(raw)
            if key not in known:
                if key is None and _blank(row[level_col]):
                    continue  # a section heading or a totals row
                self.unknown_indicator(raw, row_index, ind_col)
                continue
            assert key is not None
            level = self.level(row[level_col], row_index, level_col)
            if key in seen:
                self.duplicate(key, row_index, ind_col, seen[key])
                continue
            seen[key] = (row_index, ind_col)
            if level is not None:
                result.levels[key] = level
                result.sources[key] = self.cell_ref(row_index, level_col)
            elif self.allowed_blank(row_index, level_col):
                blank.add(key)
            self._extras(result, key, row, row_index)
        self.explain_blanks()
        self.missing(k for k in seen if k not in blank)
        self._long_identity(result, agency, year)
        result.levels = {
            i.id: result.levels[i.id] for i in self.fw.indicators if i.id in result.levels
        }
        return result

    def _extras(self, result: Assessment, key: str, row: list[Any], row_index: int) -> None:
        roles = self.header.roles
        if "opd" in roles and not _blank(row[roles["opd"]]):
            result.opd[key] = _text(row[roles["opd"]])
        if "note" in roles and not _blank(row[roles["note"]]):
            result.notes[key] = _text(row[roles["note"]])
        if "effort" in roles and not _blank(row[roles["effort"]]):
            effort = self.effort_of(row[roles["effort"]], row_index, roles["effort"])
            if effort is not None:
                result.effort[key] = effort

    def _long_identity(self, result: Assessment, agency: str | None, year: int | None) -> None:
        """Agency, year and framework: arguments, else columns, else labels above."""
        found = self._labels_above()
        for role in ("agency", "year", "framework"):
            cell = self._column_value(role) or found.get(role)
            if cell is None:
                continue
            value, row, col = cell
            if role == "agency":
                result.agency = _text(value)
                result.origin = self.cell_ref(row, col)
            elif role == "year":
                result.year = self.year_of(value, row, col)
            else:
                result.framework = _text(value)
        if agency is not None:
            result.agency = agency
        if year is not None:
            result.year = year

    def _column_value(self, role: str) -> tuple[Any, int, int] | None:
        """The value of a one-agency column (``Instansi``) in a long sheet; all must agree."""
        col = self.header.roles.get(role)
        if col is None:
            return None
        first: tuple[Any, int, int] | None = None
        for row_index in range(self.header.row + 1, len(self.rows)):
            value = self.rows[row_index][col]
            if _blank(value):
                continue
            if first is None:
                first = (value, row_index, col)
            elif _text(value) != _text(first[0]):
                where = self.place(first[1], col)
                self.add(
                    "conflicting-values",
                    row_index,
                    col,
                    Text(
                        f"{_shown(value)} berbeda dari {_shown(first[0])} di {where}; satu lembar "
                        "per indikator hanya untuk satu instansi dan satu tahun",
                        f"{_shown(value)} differs from {_shown(first[0])} at {where}; a sheet "
                        "with a row per indicator holds one agency and one year",
                    ),
                )
                break
        return first

    def _labels_above(self) -> dict[str, tuple[Any, int, int]]:
        """``Instansi | Kota X`` label cells in the title rows above the header."""
        found: dict[str, tuple[Any, int, int]] = {}
        for row_index in range(self.header.row):
            row = self.rows[row_index]
            for col, cell in enumerate(row):
                if not isinstance(cell, str):
                    continue
                word, _, rest = cell.partition(":")
                role = _LABEL_OF.get(normalize_header(word))
                if role is None or role in found:
                    continue
                if rest.strip():
                    found[role] = (rest.strip(), row_index, col)
                    continue
                for right in range(col + 1, len(row)):
                    if not _blank(row[right]):
                        found[role] = (row[right], row_index, right)
                        break
        return found

    # -- the wide layout

    def read_wide(self, agency: str | None, year: int | None) -> list[Assessment]:
        """One assessment per agency row."""
        columns = self._wide_columns()
        self.missing(columns)
        assessments = self._wide_rows(columns, year)
        self.explain_blanks()
        if agency is not None:
            if len(assessments) == 1:
                assessments[0].agency = agency
            else:
                self.warnings.append(
                    Problem(
                        "agency-ignored",
                        self.sheet_place,
                        Text(
                            f"nama instansi '{agency}' diabaikan: lembar ini berisi "
                            f"{len(assessments)} instansi",
                            f"the agency name '{agency}' is ignored: this sheet holds "
                            f"{len(assessments)} agencies",
                        ),
                    )
                )
        return assessments

    def _wide_columns(self) -> dict[str, int]:
        """Indicator id -> column, in column order; header problems recorded."""
        columns: dict[str, int] = {}
        row = self.header.row
        for col, key in self.header.indicator_columns:
            if key not in self.fw.indicator_by_id:
                self.unknown_indicator(self.rows[row][col], row, col)
            elif key in columns:
                self.duplicate(key, row, col, (row, columns[key]))
            else:
                columns[key] = col
        return columns

    def _wide_rows(self, columns: dict[str, int], year: int | None) -> list[Assessment]:
        """The hot loop: C-level calls per row, the per-cell work only for bad rows."""
        roles = self.header.roles
        agency_col = roles["agency"]
        year_col, framework_col = roles.get("year"), roles.get("framework")
        ids, cols = tuple(columns), tuple(columns.values())
        getter = itemgetter(*cols) if len(cols) > 1 else (lambda row: (row[cols[0]],))
        fast_level = self.fast_levels.__getitem__
        agency_letters = column_letters(agency_col)
        years: dict[Any, int | None] = {}
        source, sheet, rows = self.source, self.sheet, self.rows
        assessments: list[Assessment] = []
        for row_index in range(self.header.row + 1, len(rows)):
            row = rows[row_index]
            values = getter(row)
            name = row[agency_col]
            agency = name.strip() if name.__class__ is str else _text(name)
            if not agency and not self._agency_blank(values, row_index, agency_col):
                continue
            try:
                # KeyError when a value is not a level
                levels = dict(zip(ids, map(fast_level, values), strict=True))
                if bool in set(map(type, values)):  # True == 1.0 as a dict key
                    raise KeyError
            except KeyError:
                levels = self._slow_row(ids, cols, values, row_index)
            if len(levels) < len(ids) and self.allow_missing:
                self._blank_row_warning(ids, levels, agency, row_index, agency_col)
            result = Assessment(
                levels,
                agency or None,
                sources=SourceMap(source, sheet, row_index, columns),
                origin=CellRef(source, sheet, agency_letters + str(row_index + 1)),
            )
            if year is not None:
                result.year = year
            elif year_col is not None:
                value = row[year_col]
                result.year = years.get(value) if value.__class__ is float else None
                if result.year is None and not _blank(value):
                    result.year = self._year_cached(years, value, row_index, year_col)
            if framework_col is not None and not _blank(row[framework_col]):
                result.framework = _text(row[framework_col])
            assessments.append(result)
        return assessments

    def _blank_row_warning(
        self, ids: tuple[str, ...], levels: dict[str, int], agency: str, row: int, col: int
    ) -> None:
        """Note, for one agency row, the blank levels that --allow-missing fills in."""
        blank = compress_ids([key for key in ids if key not in levels])
        low = self.fw.scale.min
        self.warnings.append(
            Problem(
                "blank-filled",
                self.place(row, col),
                Text(
                    f"{agency}: nilai kosong diberi nilai {low}: {blank}",
                    f"{agency}: blank levels scored at level {low}: {blank}",
                ),
            )
        )

    def _agency_blank(self, values: Sequence[Any], row: int, col: int) -> bool:
        """Whether a row without an agency name must be read (it has levels: a problem)."""
        if all(map(_blank, values)):
            return False
        self.add(
            "agency-blank",
            row,
            col,
            Text(
                "nama instansi kosong padahal barisnya berisi nilai",
                "the agency name is blank but the row has levels",
            ),
        )
        return True

    def _slow_row(
        self, ids: tuple[str, ...], cols: tuple[int, ...], values: Sequence[Any], row_index: int
    ) -> dict[str, int]:
        levels: dict[str, int] = {}
        for key, col, value in zip(ids, cols, values, strict=True):
            level = self.level(value, row_index, col)
            if level is not None:
                levels[key] = level
        return levels

    def _year_cached(
        self, years: dict[Any, int | None], value: Any, row: int, col: int
    ) -> int | None:
        number = self.year_of(value, row, col)
        if number is not None and value.__class__ is float:
            years[value] = number
        return number


def _wrong_type(value: Any) -> Text:
    shown = _shown(value)
    if isinstance(value, bool):
        return Text(
            f"nilai {shown} adalah benar/salah, bukan tingkat kematangan",
            f"level {shown} is a true/false value, not a level",
        )
    return Text(
        f"nilai {shown} adalah tanggal/waktu, bukan tingkat kematangan",
        f"level {shown} is a date or time, not a level",
    )


# -- formulas without saved values (xlsx) --------------------------------------------------

_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NO_VALUE = Text(
    "rumus tanpa nilai tersimpan: buka dan simpan berkas di Excel (atau LibreOffice) agar "
    "hasilnya tersimpan",
    "formula without a saved value: open and save the file in Excel (or LibreOffice) so the "
    "result is stored",
)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _formula_causes(path: Path, sheet: str, cells: set[Cell]) -> dict[Cell, Problem]:
    """For blank cells of an .xlsx sheet: formulas with no saved value or an error value.

    Streams the sheet's XML (already size-checked by :mod:`spbe_cli.safety`) and stops
    after the last row asked about.
    """
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return {}
        with archive.open(part) as stream:
            return _scan_cells(stream, cells)


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = "xl/workbook.xml"
    rel_id = None
    with archive.open(workbook) as stream:
        for _, element in iterparse(stream):
            if _local(element.tag) == "sheet" and element.get("name") == sheet:
                rel_id = element.get(_RELATIONSHIP_ID)
                break
    if rel_id is None:
        return None
    with archive.open("xl/_rels/workbook.xml.rels") as stream:
        for _, element in iterparse(stream):
            if _local(element.tag) == "Relationship" and element.get("Id") == rel_id:
                target = element.get("Target", "")
                if target.startswith("/"):
                    return target.lstrip("/")
                return posixpath.normpath(posixpath.join(posixpath.dirname(workbook), target))
    return None


def _parse_ref(ref: str) -> Cell:
    """A cell reference as a 0-based (row, col): ``C14`` -> (13, 2)."""
    letters = ref.rstrip("0123456789")
    col = 0
    for char in letters.upper():
        col = col * 26 + ord(char) - 64
    return int(ref[len(letters) :]) - 1, col - 1


def _scan_cells(stream: IO[bytes], cells: set[Cell]) -> dict[Cell, Problem]:
    causes: dict[Cell, Problem] = {}
    last_row = max(row for row, _ in cells)
    row_index, col_index = -1, -1
    for event, element in iterparse(stream, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                row_ref = element.get("r")
                row_index = int(row_ref) - 1 if row_ref else row_index + 1
                col_index = -1
                if row_index > last_row:
                    break
            continue
        if name == "c":
            ref = element.get("r")
            cell = _parse_ref(ref) if ref else (row_index, col_index + 1)
            col_index = cell[1]
            if cell in cells:
                cause = _cause(element)
                if cause is not None:
                    causes[cell] = cause
            element.clear()
        elif name == "row":
            element.clear()
    return causes


def _cause(element: Any) -> Problem | None:
    formula = value = None
    for child in element:
        if _local(child.tag) == "f":
            formula = child
        elif _local(child.tag) == "v":
            value = child
    saved = value.text if value is not None and value.text else None
    if element.get("t") == "e" and saved:
        return Problem(
            "cell-error",
            "",
            Text(
                f"sel berisi galat {saved}, bukan nilai",
                f"the cell shows the error {saved}, not a level",
            ),
        )
    if formula is not None and saved is None:
        return Problem("formula-without-value", "", _NO_VALUE)
    return None
