"""What reading one sheet shares between layouts: places, problems, values, years.

Problems are collected, never raised one by one. Problems of one kind that repeat many
times (a whole column of unknown ids, a column of blank values) are reported as one line
naming every cell, so a person sees the pattern instead of 47 lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from spbe_cli.assessment import CellRef
from spbe_cli.exact import as_value, format_exact, parse_exact
from spbe_cli.framework import Framework, Value
from spbe_cli.i18n import Text
from spbe_cli.problems import Problem
from spbe_cli.readers.cells import (
    Cell,
    Rows,
    cell_address,
    compress_cells,
    compress_ids,
    is_temporal,
    number,
    short,
    shown,
    whole,
)
from spbe_cli.readers.layout import Header
from spbe_cli.readers.opening import Book

YEARS = range(1900, 2101)
GROUP_FROM = 4
"""Problems of one kind from this many cells on are reported as one line."""


@dataclass
class _Group:
    """Problems of one kind waiting to be reported: one line each, or one for all."""

    code: str
    text: Text
    hint: Text | None
    cells: list[Cell] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    single: list[Problem] = field(default_factory=list)


class SheetReader:
    """Reads one sheet whose header has been found, collecting problems and notes."""

    def __init__(
        self,
        fw: Framework,
        source: str,
        sheet: str | None,
        rows: Rows,
        header: Header,
        book: Book,
        allow_missing: bool,
    ) -> None:
        self.fw = fw
        self.source = source
        self.sheet = sheet
        self.rows = rows
        self.header = header
        self.book = book
        self.allow_missing = allow_missing
        self.problems: list[Problem] = list(header.problems)
        self.warnings: list[Problem] = []
        self._groups: dict[tuple[str, str], _Group] = {}
        self.track_columns: dict[str, str] = {}
        """Track name -> the header cell its values were read from (for the user)."""
        # Blank value cells -> whether the blank is a problem (it is not under
        # --allow-missing, for an external indicator, or in a track not scored).
        self._blanks: dict[Cell, bool] = {}
        self.scale_text = f"{fw.scale.min}-{fw.scale.max}"
        levels = fw.scale.levels
        self.fast_levels: dict[Any, Value] = {float(v): v for v in levels}
        self.fast_levels.update({str(v): v for v in levels})

    # -- places and problems

    def place(self, row: int, col: int) -> str:
        """``Sheet!C14`` (or ``C14`` in a CSV file)."""
        address = cell_address(row, col)
        return f"{self.sheet}!{address}" if self.sheet else address

    def cell_ref(self, row: int, col: int) -> CellRef:
        """Where a value came from."""
        return CellRef(self.source, self.sheet, cell_address(row, col))

    def add(self, code: str, row: int, col: int, text: Text, hint: Text | None = None) -> None:
        """One problem at a cell."""
        self.problems.append(Problem(code, self.place(row, col), text, hint))

    def add_grouped(
        self,
        code: str,
        row: int,
        col: int,
        text: Text,
        group: Text,
        detail: str,
        hint: Text | None = None,
    ) -> None:
        """A problem that becomes part of one line when many cells share it (``group``)."""
        key = (code, group.en)
        pending = self._groups.setdefault(key, _Group(code, group, hint))
        pending.cells.append((row, col))
        pending.details.append(detail)
        pending.single.append(Problem(code, self.place(row, col), text, hint))

    def finish(self) -> None:
        """Report blank cells and the grouped problems: one line each, or one for many."""
        self._explain_blanks()
        for group in self._groups.values():
            if len(group.cells) < GROUP_FROM:
                self.problems.extend(group.single)
                continue
            cells = compress_cells(group.cells)
            place = f"{self.sheet}!{cells}" if self.sheet else cells
            count = len(group.cells)
            details = _listed([d for d in group.details if d])
            tail = f": {details}" if details else ""
            text = Text(
                f"{group.text.id} ({count} sel){tail}",
                f"{group.text.en} ({count} cells){tail}",
            )
            self.problems.append(Problem(group.code, place, text, group.hint))
        self._groups.clear()

    @property
    def sheet_place(self) -> str:
        """The sheet's name for a problem about the whole sheet (the file for CSV)."""
        return self.sheet or self.source

    # -- values

    def value(self, raw: Any, row: int, col: int) -> Value | None:
        """A validated value from a non-blank cell, or ``None`` after recording why the
        cell holds none (see :meth:`blank_cell` for blank ones)."""
        fast = self.fast_levels.get(raw) if raw.__class__ is not bool else None
        if fast is not None:
            return fast
        if isinstance(raw, bool) or is_temporal(raw):
            self.add("level-wrong-type", row, col, _wrong_type(raw))
            return None
        found = number(raw)
        scale = self.fw.scale
        if found is None or (not scale.decimal and found.denominator != 1):
            self._not_a_value(raw, row, col, found is not None)
            return None
        if not scale.min <= found <= scale.max:
            value = short(format_exact(found))
            self.add_grouped(
                "level-out-of-scale",
                row,
                col,
                Text(
                    f"nilai {value} di luar {self.scale_text}",
                    f"value {value} is outside {self.scale_text}",
                ),
                Text(f"nilai di luar {self.scale_text}", f"values outside {self.scale_text}"),
                value,
            )
            return None
        return as_value(found)

    def blank_cell(self, row: int, col: int, allowed: bool) -> None:
        """Remember a blank value cell: a problem unless ``allowed``; either way a formula
        without a saved value there is reported (see :meth:`finish`)."""
        self._blanks[(row, col)] = not allowed

    def _not_a_value(self, raw: Any, row: int, col: int, numeric: bool) -> None:
        value = shown(raw)
        if not numeric and not self.fw.scale.decimal:
            text = Text(
                f"nilai {value} bukan angka (tulis tingkat bulat {self.scale_text})",
                f"value {value} is not a number (write a whole level {self.scale_text})",
            )
            group = Text("nilai bukan angka", "values that are not numbers")
        elif self.fw.scale.decimal:
            text = Text(
                f"nilai {value} bukan angka (mis. 2, 1,26 atau 7/6)",
                f"value {value} is not a number (such as 2, 1.26 or 7/6)",
            )
            group = Text("nilai bukan angka", "values that are not numbers")
        else:
            text = Text(
                f"nilai {value} bukan bilangan bulat", f"level {value} is not a whole number"
            )
            group = Text("nilai bukan bilangan bulat", "levels that are not whole numbers")
        self.add_grouped("level-not-integer", row, col, text, group, value)

    def _explain_blanks(self) -> None:
        """Blank cells as problems: a formula's reason where it has one, else 'blank'."""
        if not self._blanks:
            return
        causes = self.book.blank_causes(self.sheet, set(self._blanks))
        low = self.fw.scale.min
        hint = Text(
            f"isi nilainya, atau pakai --allow-missing agar diberi nilai {low}",
            f"fill it in, or use --allow-missing to score it at {low}",
        )
        for cell, is_problem in sorted(self._blanks.items()):
            cause = causes.get(cell)
            if cause is not None:
                self.add_grouped(cause.code, *cell, cause.text, cause.text, "", cause.hint)
            elif is_problem:
                self.add_grouped(
                    "level-blank",
                    *cell,
                    Text("nilai kosong", "value is blank"),
                    Text("nilai kosong", "values are blank"),
                    "",
                    hint,
                )
        self._blanks.clear()

    # -- indicators

    def unknown_indicator(self, raw: Any, row: int, col: int) -> None:
        """An id the framework does not know."""
        first, last = self.fw.indicators[0].id, self.fw.indicators[-1].id
        value = shown(raw)
        where = f"{self.fw.id} ({first}..{last})"
        self.add_grouped(
            "unknown-indicator",
            row,
            col,
            Text(
                f"indikator {value} tidak dikenal dalam kerangka {where}",
                f"unknown indicator {value} in framework {where}",
            ),
            Text(
                f"indikator tidak dikenal dalam kerangka {where}",
                f"indicators unknown in framework {where}",
            ),
            value,
        )

    def duplicate(self, key: str, row: int, col: int, first: Cell) -> None:
        """An indicator given twice."""
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

    def missing(self, present: Iterable[str], where: str | None = None) -> list[str]:
        """Indicators absent from ``present``: external ones get their default (a note),
        the rest are a problem, or a warning under --allow-missing. Returns the absent."""
        have = set(present)
        absent = [i for i in self.fw.indicators if i.id not in have]
        external = [i.id for i in absent if i.external is not None]
        others = [i.id for i in absent if i.external is None]
        place = where or self.sheet_place
        if external:
            self.warnings.append(self.external_note(external, place))
        if not others:
            return [i.id for i in absent]
        listed = compress_ids(others)
        low = self.fw.scale.min
        if self.allow_missing:
            self.warnings.append(
                Problem(
                    "missing-filled",
                    place,
                    Text(
                        f"indikator yang tidak ada atau kosong diberi nilai {low}: {listed}",
                        f"missing or blank indicators scored at {low}: {listed}",
                    ),
                )
            )
        else:
            self.problems.append(
                Problem(
                    "missing-indicators",
                    place,
                    Text(f"indikator tidak ada: {listed}", f"missing indicators {listed}"),
                    Text(
                        f"tambahkan, atau pakai --allow-missing agar diberi nilai {low}",
                        f"add them, or use --allow-missing to score them at {low}",
                    ),
                )
            )
        return [i.id for i in absent]

    def external_note(self, ids: list[str], place: str) -> Problem:
        """The note for external indicators scored at their default, with why that default
        (the framework's ``default_basis``: for Pemdi, the assessors' practice)."""
        parts = []
        bases: dict[str, str] = {}
        for key in ids:
            external = self.fw.indicator_by_id[key].external
            assert external is not None
            parts.append(
                (key, format_exact(external.default), external.source, external.label("en"))
            )
            if external.default_basis:
                bases[external.default_basis] = external.default_basis_en or ""
        shown_id = "; ".join(f"{k} = {d} ({s})" for k, d, s, _ in parts)
        shown_en = "; ".join(f"{k} = {d} ({s})" for k, d, _, s in parts)
        why_id = "".join(f"; nilai bawaan: {basis}" for basis in bases)
        why_en = "".join(f"; the default: {en or basis}" for basis, en in bases.items())
        return Problem(
            "external-default",
            place,
            Text(
                f"indikator dari indeks eksternal belum diisi, dinilai dengan nilai bawaan: "
                f"{shown_id}{why_id}",
                f"indicators fed by an external index are not filled in and are scored at "
                f"their default: {shown_en}{why_en}",
            ),
        )

    # -- agency, year, effort cells

    def year_of(self, raw: Any, row: int, col: int) -> int | None:
        """A year (1900-2100), or ``None`` after a problem."""
        found = whole(raw)
        if found is None or found not in YEARS:
            value = shown(raw)
            self.add(
                "year-invalid",
                row,
                col,
                Text(
                    f"tahun {value} bukan tahun (misalnya 2024)",
                    f"year {value} is not a year (such as 2024)",
                ),
            )
            return None
        return found

    def effort_of(self, raw: Any, row: int, col: int) -> Fraction | None:
        """A positive effort, or ``None`` after a problem."""
        found = number(raw)
        if found is None and not isinstance(raw, str | bool):
            try:
                found = parse_exact(raw)
            except ValueError:
                found = None
        if found is None or found <= 0:
            value = shown(raw)
            self.add(
                "effort-invalid",
                row,
                col,
                Text(
                    f"upaya {value} harus bilangan positif (misalnya 1.5 atau 20/6)",
                    f"effort {value} must be a positive number (such as 1.5 or 20/6)",
                ),
            )
            return None
        return found


def _listed(details: list[str], limit: int = 8) -> str:
    unique = list(dict.fromkeys(details))
    if len(unique) <= limit:
        return ", ".join(unique)
    return ", ".join(unique[:limit]) + f", … (+{len(unique) - limit})"


def _wrong_type(value: Any) -> Text:
    cell = shown(value)
    if isinstance(value, bool):
        return Text(
            f"nilai {cell} adalah benar/salah, bukan nilai indikator",
            f"value {cell} is a true/false value, not a level",
        )
    return Text(
        f"nilai {cell} adalah tanggal/waktu, bukan nilai indikator",
        f"value {cell} is a date or time, not a level",
    )
