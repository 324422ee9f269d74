"""Finding the header row and the layout of a sheet, without guessing between columns.

Two layouts are recognised by their header row (searched in the first
:data:`HEADER_SEARCH_ROWS` rows):

- **long**, one agency: an indicator column and one or more value columns (one per score
  track: ``Nilai Mandiri``, ``Nilai Asesor``, ...), a row per indicator;
- **wide**, many agencies: an agency column, optional year, framework and track columns,
  and one column per indicator (``1``, ``I1``, ``Indikator 1``, Pemdi ``1.1``).

Header words come from :mod:`.vocabulary`. Whether a cell names an indicator is asked of
``resolve`` (the chosen framework, or any of the candidate frameworks). Where two columns
could hold the same thing (two value columns of one track, two indicator columns that
disagree), the sheet is refused with both columns named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from spbe_cli.i18n import Text
from spbe_cli.problems import Problem
from spbe_cli.readers.cells import Rows, blank, cell_address, column_letters, id_text
from spbe_cli.readers.vocabulary import NOTHING, classify

Layout = Literal["long", "wide"]
Resolve = Callable[[str], str | None]

HEADER_SEARCH_ROWS = 30
"""How many rows from the top of a sheet are searched for the header row."""

_ID_LIKE = re.compile(
    r"^(?:indikator|indicator|ind\.?|i)?\s*\d+(?:\s*[.\-]\s*\d+)?[a-z]?\.?$", re.IGNORECASE
)


def id_like(value: Any) -> bool:
    """Whether a header cell looks like an indicator id (``12``, ``I12``, ``35-1``, ``1.1``)."""
    cell = id_text(value)
    return cell is not None and _ID_LIKE.match(" ".join(cell.split())) is not None


@dataclass
class Header:
    """A sheet's header row: layout, roles by column, value columns by track."""

    layout: Layout
    row: int
    roles: dict[str, list[int]]
    values: dict[str, int] = field(default_factory=dict)
    indicator_columns: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def column(self, role: str) -> int | None:
        """The first column of ``role``, if the header has one."""
        columns = self.roles.get(role)
        return columns[0] if columns else None


def detect(rows: Rows, layout: str, resolve: Resolve, sheet: str | None) -> Header | None:
    """The first row (of the first :data:`HEADER_SEARCH_ROWS`) that is a known header."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header = _header_of(row, index, layout, resolve, sheet)
        if header is not None:
            return header
    return None


def _header_of(
    row: list[Any], index: int, layout: str, resolve: Resolve, sheet: str | None
) -> Header | None:
    roles: dict[str, list[int]] = {}
    values: list[tuple[int, str]] = []
    id_columns: list[int] = []
    known = 0
    for col, cell in enumerate(row):
        kind = classify(cell)
        text = id_text(cell) if id_like(cell) else None
        if text is not None and resolve(text) is not None:
            kind = NOTHING  # "Indikator 2" names indicator 2, not the indicator column
        if kind.role == "value" and kind.track is not None:
            values.append((col, kind.track))
        elif kind.role is not None:
            roles.setdefault(kind.role, []).append(col)
        elif id_like(cell):
            id_columns.append(col)
            text = id_text(cell)
            known += text is not None and resolve(text) is not None
    wide_ok = "agency" in roles and known >= max(1, len(id_columns) - known)
    long_ok = "indicator" in roles and bool(values)
    if wide_ok and layout != "long" and (layout == "wide" or len(id_columns) >= 2 or not long_ok):
        return Header("wide", index, roles, indicator_columns=id_columns)
    if long_ok and layout != "wide":
        header = Header("long", index, roles)
        header.values, header.problems = _value_columns(values, row, index, sheet)
        return header
    return None


def _value_columns(
    values: Sequence[tuple[int, str]], row: list[Any], index: int, sheet: str | None
) -> tuple[dict[str, int], list[Problem]]:
    """One column per track; two columns of one track are refused, both named."""
    chosen: dict[str, int] = {}
    problems: list[Problem] = []
    for col, track in values:
        first = chosen.get(track)
        if first is None:
            chosen[track] = col
            continue
        a, b = header_name(row, first, index), header_name(row, col, index)
        problems.append(
            Problem(
                "ambiguous-columns",
                _place(sheet, index, col),
                Text(
                    f"dua kolom nilai untuk tahap '{track}': {a} dan {b}; ubah salah satu "
                    "judulnya (mis. 'Nilai Mandiri', 'Nilai Asesor')",
                    f"two value columns for the track '{track}': {a} and {b}; rename one of "
                    "them (e.g. 'Nilai Mandiri', 'Nilai Asesor')",
                ),
            )
        )
    return chosen, problems


def header_name(row: list[Any], col: int, index: int) -> str:
    """``F7 'Nilai Akhir'``: a header cell by its address and text, for messages."""
    return f"{cell_address(index, col)} '{str(row[col]).strip()}'"


def _place(sheet: str | None, row: int, col: int) -> str:
    address = cell_address(row, col)
    return f"{sheet}!{address}" if sheet else address


def indicator_column(
    rows: Rows, header: Header, resolve: Resolve, sheet: str | None
) -> tuple[int, Problem | None]:
    """Of the long header's indicator-like columns, the one holding the ids.

    Columns whose cells resolve to no indicator are not candidates. Of several that hold
    ids: if they agree row by row, the first that says indikator; if they disagree, the one
    that says indikator when exactly one does (a running ``No`` beside ``Indikator``);
    otherwise a problem naming both columns.
    """
    columns = header.roles["indicator"]
    if len(columns) == 1:
        return columns[0], None
    body = rows[header.row + 1 :]
    resolved = {col: [_resolved(r[col], resolve) for r in body] for col in columns}
    holding = [col for col in columns if any(v is not None for v in resolved[col])]
    if len(holding) <= 1:
        return (holding or columns)[0], None
    strong = [col for col in holding if classify(rows[header.row][col]).strong]
    first = holding[0]
    if all(resolved[col] == resolved[first] for col in holding):
        return (strong or holding)[0], None
    if len(strong) == 1:
        return strong[0], None
    a, b = (header_name(rows[header.row], c, header.row) for c in holding[:2])
    problem = Problem(
        "ambiguous-columns",
        _place(sheet, header.row, holding[1]),
        Text(
            f"dua kolom dapat berisi nomor indikator dan isinya berbeda: {a} dan {b}; hapus "
            "atau ubah judul salah satunya",
            f"two columns could hold the indicator ids and they disagree: {a} and {b}; "
            "remove or rename one of them",
        ),
    )
    return first, problem


def _resolved(value: Any, resolve: Resolve) -> str | None:
    if blank(value):
        return None
    cell = id_text(value)
    return resolve(cell) if cell is not None else None


def expected_text(layout: str, first: str, last: str) -> Text:
    """What a header should look like, for the message when none is found."""
    long = Text(
        "baris judul dengan kolom indikator (No, Kode Indikator, Indikator) dan kolom nilai "
        "(Nilai, Level, Tingkat Kematangan, Nilai Mandiri, Nilai Asesor)",
        "a header row with an indicator column (No, Kode Indikator, Indikator) and a value "
        "column (Nilai, Level, Tingkat Kematangan, Nilai Mandiri, Nilai Asesor)",
    )
    wide = Text(
        f"baris judul dengan kolom Instansi dan satu kolom per indikator ({first}..{last}, "
        f"I{first}, Indikator {first})",
        f"a header row with an Instansi (agency) column and one column per indicator "
        f"({first}..{last}, I{first}, Indikator {first})",
    )
    expected = {"long": [long], "wide": [wide]}.get(layout, [long, wide])
    return Text(
        "diharapkan: " + " atau ".join(e.id for e in expected),
        "expected: " + " or ".join(e.en for e in expected),
    )


__all__ = [
    "HEADER_SEARCH_ROWS",
    "Header",
    "column_letters",
    "detect",
    "expected_text",
    "header_name",
    "id_like",
    "indicator_column",
]
