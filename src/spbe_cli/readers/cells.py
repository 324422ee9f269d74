"""Cell values: blank or not, shown as a person would recognise them, addresses, numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from spbe_cli.exact import from_float, parse_number
from spbe_cli.framework import compress_ids

__all__ = ["compress_ids"]

Rows = list[list[Any]]
Cell = tuple[int, int]


def blank(value: Any) -> bool:
    """Whether a cell is empty (nothing, or only spaces)."""
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


SHOWN_LIMIT = 32
"""The most characters of a cell a message repeats (a longer one is cut with ``…``)."""


def shown(value: Any) -> str:
    """A cell value as the user would recognise it in a message (cut to
    :data:`SHOWN_LIMIT` characters, so that a huge cell never floods the terminal)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return short(str(int(value)))
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return f"'{short(value.strip())}'"
    return short(str(value))


def short(text: str, limit: int = SHOWN_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, ``…`` marking the cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def text(value: Any) -> str:
    """A cell value as plain text (names, OPD, notes)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    return str(value).strip()


_COMMA_ID = re.compile(r"(\d+)\s*,\s*(\d+)")


def id_text(value: Any) -> str | None:
    """A cell that may name an indicator, as text (``11.0`` -> ``11``, ``1.1`` stays).

    A decimal comma is a dot: Excel in an Indonesian locale saves the number 1.1 (Pemdi
    ``1.1``, 5/2018 ``35.1``) to CSV as ``1,1``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        stripped = value.strip()
        comma = _COMMA_ID.fullmatch(stripped)
        return f"{comma[1]}.{comma[2]}" if comma else stripped or None
    return None


def number(value: Any) -> Fraction | None:
    """The exact number a cell holds: an int, a double (read as :func:`from_float` says),
    or text such as ``3``, ``1,26``, ``7/6``; ``None`` for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return from_float(value) if value == value and abs(value) != float("inf") else None
    if isinstance(value, str):
        return parse_number(value)
    return None


def whole(value: Any) -> int | None:
    """An integer from an int, an integral float, or text such as ``" 3 "`` or ``"3,0"``."""
    found = number(value)
    return found.numerator if found is not None and found.denominator == 1 else None


def is_temporal(value: Any) -> bool:
    """Whether a cell holds a date, a time or a duration (never a value)."""
    return isinstance(value, dt.date | dt.time | dt.datetime | dt.timedelta)


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


def parse_ref(ref: str) -> Cell:
    """A cell reference as a 0-based (row, col): ``C14`` -> (13, 2)."""
    letters = ref.rstrip("0123456789")
    col = 0
    for char in letters.upper():
        col = col * 26 + ord(char) - 64
    return int(ref[len(letters) :]) - 1, col - 1


def compress_cells(cells: Sequence[Cell]) -> str:
    """Cells as short text, runs down one column joined: ``F7-F53, H9``."""
    parts: list[str] = []
    ordered = sorted(set(cells), key=lambda c: (c[1], c[0]))
    start = previous = None
    for cell in ordered:
        if previous is not None and cell == (previous[0] + 1, previous[1]):
            previous = cell
            continue
        if start is not None and previous is not None:
            parts.append(_span(start, previous))
        start = previous = cell
    if start is not None and previous is not None:
        parts.append(_span(start, previous))
    return ", ".join(parts)


def _span(first: Cell, last: Cell) -> str:
    if first == last:
        return cell_address(*first)
    return f"{cell_address(*first)}-{cell_address(*last)}"
