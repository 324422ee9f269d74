"""Why a blank cell of an .xlsx sheet is blank: a formula without a saved value, or an
error value (``#REF!``). python-calamine reads both as empty; the sheet's XML says which.

The sheet part is streamed (its size was checked by :mod:`spbe_cli.readers.safety`), and the scan
stops after the last row asked about.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError, iterparse

from spbe_cli.i18n import Text
from spbe_cli.problems import Problem
from spbe_cli.readers.cells import Cell, parse_ref

_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
NO_VALUE = Text(
    "rumus tanpa nilai tersimpan: buka dan simpan berkas di Excel (atau LibreOffice) agar "
    "hasilnya tersimpan",
    "formula without a saved value: open and save the file in Excel (or LibreOffice) so the "
    "result is stored",
)


def formula_causes(path: Path, sheet: str, cells: set[Cell]) -> dict[Cell, Problem]:
    """For blank cells of an .xlsx sheet: formulas with no saved value or an error value.

    Problems carry no place (the caller knows it); a file that cannot be scanned gives none.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet)
            if part is None:
                return {}
            with archive.open(part) as stream:
                return _scan_cells(stream, cells)
    except (zipfile.BadZipFile, KeyError, ParseError, OSError, ValueError):
        return {}


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip entry holding the worksheet named ``sheet`` (workbook.xml and its
    relationships), or ``None`` when they do not say."""
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
            cell = parse_ref(ref) if ref else (row_index, col_index + 1)
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
                f"the cell shows the error {saved}, not a value",
            ),
        )
    if formula is not None and saved is None:
        return Problem("formula-without-value", "", NO_VALUE)
    return None
