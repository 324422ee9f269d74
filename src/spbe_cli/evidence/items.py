"""The evaluation application's evidence items: code, status, note and OPD per item.

An item list is a CSV file or a workbook as copied from the application (read with
:func:`spbe_cli.readers.opening.open_book`, so the same safety bounds apply). The header
row is the first of the first 30 rows holding a code and a status column:

- code: ``kode``, ``kode bukti``, ``kode item``, ``code``, ``item``, ``id``;
- status: ``status``, ``hasil``, ``hasil verifikasi``, ``result``;
- note (optional): ``catatan``, ``keterangan``, ``komentar``, ``note(s)``, ``remark(s)``;
- OPD (optional): ``opd``, ``unit``, ``unit kerja``, ``perangkat daerah``, ``pd``.

A code is ``I{indicator}-L{level}-{NN}`` (``I13-L2-01``; ``-``, ``_``, ``.`` or spaces
between the parts; the indicator resolved by the framework, aliases included). Statuses:
``diterima`` / ``accepted`` / ``approved`` / ``disetujui`` / ``sesuai`` / ``ok`` accept
an item; ``revisi`` / ``revision`` / ``perbaikan`` ask for a revision; ``ditolak`` /
``rejected`` / ``tidak sesuai`` reject it; ``menunggu`` / ``diajukan`` / ``pending`` /
``submitted`` / ``belum diverifikasi`` are not decided yet. Anything but acceptance blocks.

Per indicator the *accepted level* is the highest ``L`` such that every level ``1..L``
has at least one item and all its items are accepted (the scale's minimum when level 1
is not). Bad rows (no code column, an unknown status, a bad or repeated code, a level
outside the scale) are all collected with their cell and raised as one
:class:`~spbe_cli.problems.InputError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem
from spbe_cli.readers.cells import Rows, blank, cell_address, text
from spbe_cli.readers.opening import open_book

Status = Literal["accepted", "revision", "rejected", "pending"]
HEADER_ROWS = 30

_WORDS: dict[str, tuple[str, ...]] = {
    "code": (
        "kode",
        "kode bukti",
        "kode bukti dukung",
        "kode item",
        "code",
        "item code",
        "item",
        "id",
    ),
    "status": ("status", "hasil", "hasil verifikasi", "status verifikasi", "result"),
    "note": (
        "catatan",
        "keterangan",
        "komentar",
        "catatan verifikator",
        "note",
        "notes",
        "remark",
        "remarks",
        "comment",
        "comments",
    ),
    "opd": ("opd", "unit", "unit kerja", "perangkat daerah", "pd", "instansi pengampu"),
}
_STATUSES: dict[str, Status] = {
    **dict.fromkeys(
        (
            "diterima",
            "terima",
            "accepted",
            "accept",
            "approved",
            "disetujui",
            "sesuai",
            "ok",
            "valid",
            "lengkap",
        ),
        "accepted",
    ),
    **dict.fromkeys(
        (
            "revisi",
            "perlu revisi",
            "revision",
            "revise",
            "needs revision",
            "perbaikan",
            "perlu perbaikan",
        ),
        "revision",
    ),
    **dict.fromkeys(
        ("ditolak", "tolak", "rejected", "reject", "tidak sesuai", "tidak valid"), "rejected"
    ),
    **dict.fromkeys(
        (
            "menunggu",
            "diajukan",
            "pending",
            "submitted",
            "belum diverifikasi",
            "proses",
            "dalam proses",
            "in review",
        ),
        "pending",
    ),
}
STATUS_TEXT: dict[Status, Text] = {
    "accepted": Text("diterima", "accepted"),
    "revision": Text("revisi", "revision needed"),
    "rejected": Text("ditolak", "rejected"),
    "pending": Text("menunggu verifikasi", "not yet verified"),
}
_CODE = re.compile(
    r"^\s*(?:indikator|indicator|ind|i)[\s._-]*(.+?)[\s._-]*(?:level|lvl|l)[\s._-]*(\d+)"
    r"[\s._-]+(\d+)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Item:
    """One evidence item: code, indicator id, level, number, status, note, OPD, place."""

    code: str
    indicator: str
    level: int
    number: int
    status: Status
    note: str
    opd: str | None
    place: str

    @property
    def accepted(self) -> bool:
        """Whether the item is accepted."""
        return self.status == "accepted"


@dataclass(frozen=True, slots=True)
class IndicatorItems:
    """An indicator's items, its accepted level and the items blocking the next level."""

    indicator: str
    items: tuple[Item, ...]
    accepted_level: int
    blockers: tuple[Item, ...]

    def levels_with_items(self) -> tuple[int, ...]:
        """Levels with at least one item, lowest first."""
        return tuple(sorted({i.level for i in self.items}))

    def accepted_levels(self) -> tuple[int, ...]:
        """Levels whose items are all accepted (each with at least one item)."""
        return tuple(
            level
            for level in self.levels_with_items()
            if all(i.accepted for i in self.items if i.level == level)
        )


@dataclass(frozen=True, slots=True)
class ItemList:
    """Every item read, by indicator id (framework ids), and where they came from."""

    source: str
    by_indicator: dict[str, IndicatorItems]

    def get(self, indicator: str) -> IndicatorItems | None:
        """The items of ``indicator``, or ``None`` when the list has none."""
        return self.by_indicator.get(indicator)


def status_of(value: str) -> Status | None:
    """The status a cell names (any case, spaces folded), or ``None``."""
    return _STATUSES.get(" ".join(value.casefold().replace("_", " ").split()))


def parse_code(code: str, resolve: Callable[[str], str | None]) -> tuple[str, int, int] | None:
    """``I13-L2-01`` -> (``13``, 2, 1); ``None`` when not a code or the indicator is unknown."""
    match = _CODE.match(code)
    if match is None:
        return None
    indicator = resolve(match[1])
    if indicator is None:
        return None
    return indicator, int(match[2]), int(match[3])


def accepted_run(items: Sequence[Item]) -> int:
    """The highest ``L`` with every level ``1..L`` holding items, all accepted (0: none)."""
    level = 0
    while True:
        here = [i for i in items if i.level == level + 1]
        if not here or not all(i.accepted for i in here):
            return level
        level += 1


def _column_words(value: Any) -> str:
    return " ".join(text(value).casefold().replace("_", " ").replace(":", " ").split())


def _header(rows: Rows) -> tuple[int, dict[str, int]] | None:
    for number, row in enumerate(rows[:HEADER_ROWS]):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            if blank(value):
                continue
            words = _column_words(value)
            for key, names in _WORDS.items():
                if key not in columns and words in names:
                    columns[key] = col
        if "code" in columns and "status" in columns:
            return number, columns
    return None


def read_items(
    path: str | Path,
    resolve: Callable[[str], str | None],
    *,
    scale_min: int = 0,
    scale_max: int = 5,
    source: str | None = None,
) -> ItemList:
    """Read an item list; raise :class:`InputError` with every problem found."""
    name = source or str(path)
    book = open_book(path, name)
    try:
        found: tuple[str | None, Rows, int, dict[str, int]] | None = None
        for sheet in book.candidates():
            rows = book.rows(sheet)
            header = _header(rows)
            if header is not None:
                found = (sheet, rows, *header)
                break
    finally:
        book.close()
    if found is None:
        raise InputError(
            name,
            [
                Problem(
                    "items-no-header",
                    name,
                    Text(
                        "tidak ada baris judul dengan kolom kode dan status "
                        "(mis. 'Kode', 'Status')",
                        "has no header row with a code and a status column "
                        "(such as 'Code', 'Status')",
                    ),
                    Text(
                        "kolom yang dikenal: kode/code, status, catatan/keterangan/note, opd/unit",
                        "known columns: kode/code, status, catatan/keterangan/note, opd/unit",
                    ),
                )
            ],
        )
    sheet, rows, start, columns = found
    return _read_rows(name, sheet, rows, start, columns, resolve, scale_min, scale_max)


def _read_rows(
    name: str,
    sheet: str | None,
    rows: Rows,
    start: int,
    columns: dict[str, int],
    resolve: Callable[[str], str | None],
    scale_min: int,
    scale_max: int,
) -> ItemList:
    def place(row: int, col: int) -> str:
        address = cell_address(row, col)
        return f"{name}: {sheet}!{address}" if sheet else f"{name}: {address}"

    def cell(row: list[Any], key: str) -> str:
        col = columns.get(key)
        if col is None or col >= len(row) or blank(row[col]):
            return ""
        return text(row[col])

    problems: list[Problem] = []
    items: list[Item] = []
    seen: dict[str, str] = {}
    code_col, status_col = columns["code"], columns["status"]
    for number in range(start + 1, len(rows)):
        row = rows[number]
        code = cell(row, "code")
        status_text = cell(row, "status")
        if not code and not status_text:
            continue
        here = place(number, code_col)
        parsed = parse_code(code, resolve) if code else None
        if parsed is None:
            problems.append(
                Problem(
                    "item-bad-code",
                    here,
                    Text(
                        f"'{code}' bukan kode bukti I{{indikator}}-L{{level}}-{{NN}} "
                        "indikator yang ada",
                        f"'{code}' is not an item code I{{indicator}}-L{{level}}-{{NN}} of a known "
                        "indicator",
                    ),
                    Text("contoh: I13-L2-01", "for example: I13-L2-01"),
                )
            )
        elif not 1 <= parsed[1] <= scale_max:
            problems.append(
                Problem(
                    "item-level-out-of-scale",
                    here,
                    Text(
                        f"level {parsed[1]} di luar skala 1-{scale_max}",
                        f"level {parsed[1]} is outside the scale 1-{scale_max}",
                    ),
                )
            )
            parsed = None
        status = status_of(status_text)
        if status is None:
            known = ", ".join(sorted({"diterima", "revisi", "ditolak", "menunggu"}))
            problems.append(
                Problem(
                    "item-bad-status",
                    place(number, status_col),
                    Text(
                        f"status '{status_text}' tidak dikenal" if status_text else "status kosong",
                        f"unknown status '{status_text}'" if status_text else "status is blank",
                    ),
                    Text(
                        f"status yang dikenal: {known}",
                        f"known statuses: {known} (accepted, revision, rejected, pending)",
                    ),
                )
            )
        if parsed is None or status is None:
            continue
        key = f"{parsed[0]}-{parsed[1]}-{parsed[2]}"
        if key in seen:
            problems.append(
                Problem(
                    "item-duplicate-code",
                    here,
                    Text(
                        f"kode '{code}' sudah ada di {seen[key]}",
                        f"code '{code}' already appears at {seen[key]}",
                    ),
                )
            )
            continue
        seen[key] = here
        opd = cell(row, "opd") or None
        items.append(
            Item(code, parsed[0], parsed[1], parsed[2], status, cell(row, "note"), opd, here)
        )
    if problems:
        raise InputError(name, problems)
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.indicator, []).append(item)
    result: dict[str, IndicatorItems] = {}
    for indicator, group in grouped.items():
        group.sort(key=lambda i: (i.level, i.number))
        run = accepted_run(group)
        blockers = tuple(i for i in group if i.level == run + 1 and not i.accepted)
        result[indicator] = IndicatorItems(indicator, tuple(group), max(run, scale_min), blockers)
    return ItemList(name, result)
