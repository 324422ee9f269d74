"""Long tables written straight into worksheet XML, beside openpyxl.

openpyxl makes a ``Cell`` per cell and serialises each through an XML tree writer: for a
10,000-agency ranking (180,000 cells) that is most of the report's time. So the rows of a
long table stay out of openpyxl. The sheet gets everything else from openpyxl (header,
column widths, print set-up, conditional fills, charts); each row is kept as cell values
with the style id openpyxl gave that kind of cell (:func:`style_id`); and once openpyxl
has saved the workbook, :func:`splice` writes the rows into that sheet's XML, in order.

Cells are written the way openpyxl writes them: numbers through its ``safe_string``,
text inline (``t="inlineStr"``, ``xml:space="preserve"`` where spaces lead or trail),
booleans as ``t="b"``, styled empty cells as ``<c r=.. s=../>``, heights with
``customHeight``. A test compares such a workbook cell by cell with one openpyxl wrote.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

LONG_TABLE = 500
"""Tables with more rows than this are written by :func:`splice`, not cell by cell."""

SHEET_LEVEL = 1
"""zlib level of a sheet with spliced rows (other parts keep zipfile's default, 6): a
10,000-row ranking's 8 MB sheet deflates in a quarter of the time, to 1.0 MB instead of
0.7 MB; the XML is the same."""

_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')


@dataclass
class LongColumn:
    """One column of a long table, kept once per kind of cell: ``cells`` maps a key to
    the (cell value, style id) every cell with that key holds, ``keys`` is each row's key
    (a long ranking has 10,000 rows but a few hundred different cells per column)."""

    cells: dict[Hashable, tuple[Any, int]]
    keys: Sequence[Hashable]


@dataclass
class LongRows:
    """Rows of one sheet to write after openpyxl: from ``first_row``, each a list of
    (cell value, style id), with an optional height in points; or, set with
    :meth:`set_columns`, the same cells column by column (:class:`LongColumn`)."""

    sheet: Any
    first_row: int
    rows: list[list[tuple[Any, int]]] = field(default_factory=list)
    heights: list[float | None] = field(default_factory=list)
    columns: list[LongColumn] = field(default_factory=list)

    def add(self, cells: list[tuple[Any, int]], height: float | None) -> None:
        """One more row."""
        if self.columns:
            raise ValueError("rows kept by column: no row can be added")
        self.rows.append(cells)
        self.heights.append(height)

    def set_columns(self, columns: list[LongColumn], heights: list[float | None]) -> None:
        """All the rows at once, column by column (each column with a key per height)."""
        if self.rows or self.columns:
            raise ValueError("rows already kept")
        if any(len(column.keys) != len(heights) for column in columns):
            raise ValueError("every column needs a cell in every row")
        self.columns = columns
        self.heights = heights

    @property
    def last_row(self) -> int:
        """The sheet row of the last row (``first_row - 1`` when there are none)."""
        return self.first_row + len(self.heights) - 1

    def xml(self) -> Iterator[bytes]:
        """The ``<row>`` elements, a few hundred rows per chunk."""
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        if self.columns:
            fast = self._column_xml()
            if fast is not None:
                yield from fast
                return
            by_column = self._cells()
            if by_column:
                self.rows = [list(row) for row in zip(*by_column, strict=True)]
            else:
                self.rows = [[] for _ in self.heights]
        width = max((len(cells) for cells in self.rows), default=0)
        letters = [get_column_letter(c) for c in range(1, width + 1)]
        tails: dict[tuple[int, int], tuple[Any, str | None]] = {}
        chunk: list[str] = []
        for offset, (cells, height) in enumerate(zip(self.rows, self.heights, strict=True)):
            chunk.append(_row_xml(self.first_row + offset, letters, cells, height, tails))
            if len(chunk) >= 256:
                yield "".join(chunk).encode()
                chunk.clear()
        if chunk:
            yield "".join(chunk).encode()

    def _cells(self) -> list[list[tuple[Any, int]]]:
        return [list(map(column.cells.__getitem__, column.keys)) for column in self.columns]

    def _column_xml(self) -> Iterator[bytes] | None:
        """The rows of a table kept by column: each kind of cell's XML made once, and each
        row one ``join`` on its number of pieces chosen per column (``None`` when a cell
        is not written at all: the row-by-row writer handles that)."""
        from openpyxl.compat import safe_string  # type: ignore[import-untyped]
        from openpyxl.utils import get_column_letter

        count = len(self.columns)
        if not count:
            return None
        letters = [get_column_letter(c) for c in range(1, count + 1)]
        # row n is n.join(pieces): '<row r="', '"{ht}><c r="A', '"{tail}<c r="B', ...,
        # '"{tail}</row>': every piece but the first follows an occurrence of n
        pieces: list[Iterator[str]] = [repeat('<row r="', len(self.heights))]
        heads: dict[float | None, str] = {}
        for height in self.heights:
            if height not in heads:
                ht = "" if height is None else f' ht="{safe_string(height)}" customHeight="1"'
                heads[height] = f'"{ht}><c r="{letters[0]}'
        pieces.append(map(heads.__getitem__, self.heights))
        for number, column in enumerate(self.columns):
            after = "</row>" if number == count - 1 else f'<c r="{letters[number + 1]}'
            glued: dict[Hashable, str] = {}
            for key, (value, style) in column.cells.items():
                tail = _cell_tail(value, style)
                if tail is None:
                    return None
                glued[key] = f'"{tail}{after}'
            pieces.append(map(glued.__getitem__, column.keys))
        return self._chunks(zip(*pieces, strict=True))

    def _chunks(self, rows: Iterator[tuple[str, ...]]) -> Iterator[bytes]:
        chunk: list[str] = []
        for number, pieces in enumerate(rows, start=self.first_row):
            chunk.append(str(number).join(pieces))
            if len(chunk) >= 256:
                yield "".join(chunk).encode()
                chunk.clear()
        if chunk:
            yield "".join(chunk).encode()


def style_id(sheet: Any, name: str, known: dict[str, int]) -> int:
    """The cell-format id openpyxl writes for cells with the registered style ``name``
    (a detached cell takes the style, so nothing is added to the sheet)."""
    found = known.get(name)
    if found is None:
        from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]

        probe = Cell(sheet)
        probe.style = name
        found = known[name] = probe.style_id
    return found


def _row_xml(
    number: int,
    letters: Sequence[str],
    cells: Sequence[tuple[Any, int]],
    height: float | None,
    tails: dict[tuple[int, int], tuple[Any, str | None]],
) -> str:
    """One ``<row>``; ``tails`` keeps what follows ``<c r="B7"`` for each value object
    and style (the values stay alive in the rows, so their ids stay theirs)."""
    from openpyxl.compat import safe_string

    head = f'<row r="{number}"'
    if height is not None:
        head += f' ht="{safe_string(height)}" customHeight="1"'
    parts = [head, ">"]
    row = str(number)
    for letter, (value, style) in zip(letters, cells, strict=False):
        key = (id(value), style)
        found = tails.get(key)
        if found is None:
            found = tails[key] = (value, _cell_tail(value, style))
        if found[1] is not None:
            parts.append(f'<c r="{letter}{row}"{found[1]}')
    parts.append("</row>")
    return "".join(parts)


def _cell_tail(value: Any, style: int) -> str | None:
    """A cell's XML after its reference; ``None`` for an empty unstyled cell (not written)."""
    from openpyxl.compat import safe_string

    styled = f' s="{style}"' if style else ""
    if value is None:
        return f"{styled}/>" if style else None
    if isinstance(value, bool):
        return f'{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f'{styled} t="n"><v>{safe_string(value)}</v></c>'
    text = str(value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'{styled} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def splice(path: Path, tables: Sequence[LongRows]) -> None:
    """Write each table's rows into its sheet of the workbook openpyxl saved at ``path``
    (rewritten in place, through a temporary file beside it)."""
    if not tables:
        return
    by_part = {table.sheet.path.lstrip("/"): table for table in tables}
    temporary = path.with_name(path.name + ".rows")
    try:
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                table = by_part.get(info.filename)
                if table is None:
                    with source.open(info) as part, target.open(info, "w") as out:
                        shutil.copyfileobj(part, out, 1 << 20)
                    continue
                head, tail = _split(source.read(info), table)
                with target.open(_fast(info), "w") as out:
                    out.write(head)
                    for chunk in table.xml():
                        out.write(chunk)
                    out.write(tail)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _fast(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The entry of a sheet with spliced rows, deflated at :data:`SHEET_LEVEL`."""
    fast = zipfile.ZipInfo(info.filename, info.date_time)
    fast.compress_type = info.compress_type
    fast.external_attr = info.external_attr
    fast._compresslevel = SHEET_LEVEL  # type: ignore[attr-defined]
    return fast


def _split(sheet: bytes, table: LongRows) -> tuple[bytes, bytes]:
    """The sheet XML before and after where the table's rows go (openpyxl writes rows in
    order), with the sheet's dimension stretched to the last row."""
    at = sheet.find(b"</sheetData>")
    for match in _ROW_NUMBER.finditer(sheet):
        if int(match[1]) >= table.first_row:
            at = match.start()
            break
    if at < 0:
        raise ValueError(f"{table.sheet.title}: no sheetData to write rows into")
    head, tail = sheet[:at], sheet[at:]
    dimension = _DIMENSION.search(head)
    if dimension is not None and dimension[3] is not None:
        last = max(int(dimension[4]), table.last_row)
        wider = f'<dimension ref="{dimension[1].decode()}{dimension[2].decode()}:'
        wider += f'{dimension[3].decode()}{last}"'
        head = head[: dimension.start()] + wider.encode() + head[dimension.end() :]
    return head, tail
