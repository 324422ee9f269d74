"""The fast clearance of a sheet by its declared ``<dimension>`` (``within_declared``) never
clears a sheet the exact scan would find reaching past that corner: on random sheets with
honest and lying dimensions, cells in every form (with and without ``r``, other attribute
orders, lower case, leading zeros, namespace prefixes, rich-text ``<color>``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_cli.problems import InputError
from spbe_cli.readers.cells import cell_address
from spbe_cli.readers.extent import MAX_SHEET_CELLS, check_sheet, scan, within_declared


def _xml(declared: str | None, rows: list[bytes]) -> bytes:
    dimension = b'<dimension ref="%s"/>' % declared.encode() if declared else b""
    return (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main">'
        + dimension
        + b"<sheetData>"
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )


@st.composite
def cells(draw: Any) -> bytes:
    row, col = draw(st.integers(0, 70)), draw(st.integers(0, 60))
    ref = cell_address(row, col)
    form = draw(st.integers(0, 9))
    if form == 0:
        return b"<c><v>1</v></c>"
    if form == 1:
        return b'<c t="n" r="%s"><v>1</v></c>' % ref.encode()
    if form == 2:
        return b'<c r="%s"><v>1</v></c>' % ref.lower().encode()
    if form == 3:
        letters = ref.rstrip("0123456789")
        return b'<c r="%s0%s"/>' % (letters.encode(), ref[len(letters) :].encode())
    if form == 4:
        return b'<x:c r="%s"/>' % ref.encode()
    if form == 5:
        return (
            b'<c r="%s" t="inlineStr"><is><r><rPr><color rgb="FF0000"/></rPr><t>a</t></r></is></c>'
            % ref.encode()
        )
    return b'<c r="%s"><v>1</v></c>' % ref.encode()


@st.composite
def sheets(draw: Any) -> tuple[str | None, bytes]:
    rows = []
    for number in range(draw(st.integers(0, 6))):
        opening = b"<row>" if draw(st.booleans()) else b'<row r="%d">' % (number + 1)
        rows.append(opening + b"".join(draw(st.lists(cells(), max_size=5))) + b"</row>")
    declared = draw(
        st.one_of(
            st.none(),
            st.builds(
                lambda r, c: f"A1:{cell_address(r, c)}", st.integers(0, 80), st.integers(0, 70)
            ),
            st.builds(lambda r, c: cell_address(r, c), st.integers(0, 80), st.integers(0, 70)),
            st.sampled_from(["A1:XFD1048576", "a1:c5", "A1:C05", "junk"]),
        )
    )
    return declared, _xml(declared, rows)


@given(sheets())
@settings(max_examples=400, deadline=None)
def test_a_cleared_sheet_stays_inside_its_declared_corner(case: tuple[str | None, bytes]) -> None:
    declared, xml = case
    if not within_declared(io.BytesIO(xml)):
        return
    assert declared is not None
    corner = declared.split(":")[-1]
    letters = corner.rstrip("0123456789")
    top_row = int(corner[len(letters) :])
    top_col = 0
    for char in letters:
        top_col = top_col * 26 + ord(char) - 64
    extent = scan(io.BytesIO(xml))
    assert extent.rows <= top_row and extent.cols <= top_col
    assert not extent.over()


@pytest.mark.parametrize(
    ("declared", "cell", "cleared"),
    [
        ("A1:AW10001", "AW10001", True),
        ("A1:AW10001", "AX1", False),
        ("A1:AW10001", "A10002", False),
        ("A1:C50", "XFD1048576", False),  # a lying dimension is not believed
        ("A1:XFD1048576", "A1", False),  # a corner past the budget: the exact scan decides
        (None, "A1", False),
    ],
)
def test_the_declared_corner_is_checked_not_believed(
    declared: str | None, cell: str, cleared: bool
) -> None:
    xml = _xml(declared, [b'<row r="1"><c r="A1"/><c r="%s"><v>1</v></c></row>' % cell.encode()])
    assert within_declared(io.BytesIO(xml)) is cleared


def _workbook(path: Path, far: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    sheet["A1"] = "Instansi"
    sheet[far] = 1
    book.save(path)
    return path


def test_a_sheet_past_the_budget_is_refused_whatever_it_declares(tmp_path: Path) -> None:
    """openpyxl declares the true corner; a far cell past the budget is still refused."""
    rows = MAX_SHEET_CELLS // 26 + 1
    far = _workbook(tmp_path / "far.xlsx", f"Z{rows}")
    with pytest.raises(InputError) as raised:
        check_sheet(far, "far.xlsx", "Data")
    assert raised.value.problems[0].code == "sheet-too-large"
    check_sheet(_workbook(tmp_path / "near.xlsx", "AW10001"), "near.xlsx", "Data")
