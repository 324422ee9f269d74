"""The wide layout: a row per agency (and year, and track), a column per indicator.

Reading a national file is the hot path: each row is turned into values with C-level calls
(``itemgetter``, a dict of the usual cell values), and only a row holding something else
takes the per-cell path that explains the problem. A ``Track``/``Jenis`` column makes each
row one score track of its agency-year; the same agency and year (and track) twice is
refused, both rows named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import getitem, itemgetter
from typing import Any

from spbe_cli.assessment import Assessment, CellRef
from spbe_cli.framework import Value
from spbe_cli.i18n import Text
from spbe_cli.lazy import LazyDict
from spbe_cli.packing import PackedLevels, packing_of
from spbe_cli.problems import Problem
from spbe_cli.readers.cells import blank, column_letters, compress_ids, id_text, text
from spbe_cli.readers.sheet import SheetReader
from spbe_cli.readers.vocabulary import track_name, vocabulary


class SourceMap(LazyDict):
    """``Assessment.sources`` for a wide row, built on first use.

    A wide sheet has a cell per indicator per agency; making a :class:`CellRef` for each
    would cost more than parsing the file. This dict holds the row and the column of
    each indicator and fills itself with the real cells the first time it is read.
    """

    __slots__ = ("_columns", "_file", "_row", "_sheet")

    def __init__(self, file: str, sheet: str | None, row: int, columns: dict[str, int]) -> None:
        self._waiting = True
        self._file, self._sheet, self._row, self._columns = file, sheet, row, columns

    def _items(self) -> Iterable[tuple[str, CellRef]]:
        number = str(self._row + 1)
        file, sheet = self._file, self._sheet
        for key, col in self._columns.items():
            yield key, CellRef(file, sheet, column_letters(col) + number)


def agency_key(agency: str | None) -> str:
    """How agency names are matched: case and spacing ignored."""
    return " ".join((agency or "").lower().split())


_RowKey = tuple[str, int | None, str | None]


class WideReader(SheetReader):
    """Reads a sheet with a row per agency into assessments."""

    scored: str | None = None
    """The track scored, where the sheet has a track column."""

    _external_blank: set[str]

    def read(
        self,
        agency: str | None,
        year: int | None,
        track: str | None,
        rows: Sequence[int] | None = None,
    ) -> list[Assessment]:
        """One assessment per agency-year, of the rows given (all by default)."""
        self._external_blank = set()
        self._column_ids: frozenset[str] = frozenset()
        columns = self._columns()
        self.missing(columns)
        track_col = self.header.column("track")
        self.scored = self._scored_track(track_col, track, rows)
        entries = self._rows(columns, year, track_col, rows)
        assessments = self._group(entries, track_col is not None)
        if self._external_blank:
            ids = [i.id for i in self.fw.indicators if i.id in self._external_blank]
            self.warnings.append(self.external_note(ids, self.sheet_place))
        if agency is not None:
            self._override_agency(assessments, agency)
        self.finish()
        return assessments

    def _columns(self) -> dict[str, int]:
        """Indicator id -> column, in column order; header problems recorded."""
        columns: dict[str, int] = {}
        row = self.header.row
        for col in self.header.indicator_columns:
            raw = self.rows[row][col]
            cell = id_text(raw)
            key = self.fw.indicator_id(cell) if cell is not None else None
            if key is None:
                self.unknown_indicator(raw, row, col)
            elif key in columns:
                self.duplicate(key, row, col, (row, columns[key]))
            else:
                columns[key] = col
        return columns

    def _rows(
        self,
        columns: dict[str, int],
        year: int | None,
        track_col: int | None,
        subset: Sequence[int] | None,
    ) -> list[tuple[_RowKey, int, Assessment]]:
        """The hot loop: C-level calls per row, the per-cell work only for unusual rows."""
        header = self.header
        agency_col = header.column("agency")
        assert agency_col is not None
        year_col, framework_col = header.column("year"), header.column("framework")
        ids, cols = tuple(columns), tuple(columns.values())
        self._column_ids = frozenset(ids)
        getter = itemgetter(*cols) if len(cols) > 1 else (lambda row: (row[cols[0]],))
        fast_value = self.fast_levels.__getitem__
        packing = packing_of(self.fw) if len(ids) == len(self.fw.indicators) else None
        tables = packing.tables(ids, self.fast_levels) if packing is not None else None
        level_at = packing.levels(ids) if packing is not None else ()
        agency_letters = column_letters(agency_col)
        years: dict[Any, int | None] = {}
        source, sheet, rows = self.source, self.sheet, self.rows
        entries: list[tuple[_RowKey, int, Assessment]] = []
        indices = range(header.row + 1, len(rows)) if subset is None else subset
        for row_index in indices:
            row = rows[row_index]
            values = getter(row)
            name = row[agency_col]
            agency = name.strip() if name.__class__ is str else text(name)
            if not agency and not self._agency_blank(values, row_index, agency_col):
                continue
            row_track = None if track_col is None else self._track_of(row, row_index, track_col)
            levels: dict[str, Value]
            try:
                # KeyError when a value is not a usual cell value
                if tables is not None and packing is not None:  # every group's sum in one int
                    packed = sum(map(getitem, tables, values))
                    levels = PackedLevels(ids, level_at, packed, packing)
                else:
                    levels = dict(zip(ids, map(fast_value, values), strict=True))
                if bool in set(map(type, values)):  # True == 1.0 as a dict key
                    raise KeyError
            except KeyError:
                levels = self._slow_row(ids, cols, values, row_index, row_track != self.scored)
            row_year = year
            if row_year is None and year_col is not None:
                value = row[year_col]
                row_year = years.get(value) if value.__class__ in (float, str) else None
                if row_year is None and not blank(value):
                    row_year = self._year_cached(years, value, row_index, year_col)
            result = Assessment(
                levels,
                agency or None,
                row_year,
                sources=SourceMap(source, sheet, row_index, columns),
                origin=CellRef(source, sheet, agency_letters + str(row_index + 1)),
            )
            if framework_col is not None and not blank(row[framework_col]):
                result.framework = text(row[framework_col])
            key = (agency_key(agency), row_year, row_track)
            entries.append((key, row_index, result))
        return entries

    def _scored_track(
        self, col: int | None, asked: str | None, subset: Sequence[int] | None
    ) -> str | None:
        """The track to score: ``asked``, else the most final one in the track column."""
        if col is None:
            return None
        if asked is not None:
            return asked
        indices = range(self.header.row + 1, len(self.rows)) if subset is None else subset
        present = {track_name(text(self.rows[i][col])) for i in indices}
        return next((n for n in vocabulary().order if n in present), None) or next(
            (n for n in sorted(p for p in present if p)), None
        )

    def _track_of(self, row: list[Any], row_index: int, col: int | None) -> str | None:
        if col is None:
            return None
        raw = row[col]
        found = track_name(text(raw)) if not blank(raw) else None
        if found is None:
            names = ", ".join(vocabulary().track_names)
            self.add(
                "track-invalid",
                row_index,
                col,
                Text(
                    f"tahap '{text(raw)}' tidak dikenal (tulis salah satu: {names})",
                    f"unknown track '{text(raw)}' (write one of: {names})",
                ),
            )
        return found

    def _group(
        self, entries: list[tuple[_RowKey, int, Assessment]], tracked: bool
    ) -> list[Assessment]:
        """Rows into agency-years: duplicates refused, tracks joined, the scored one chosen."""
        first_row: dict[_RowKey, int] = {}
        groups: dict[tuple[str, int | None], dict[str, Assessment]] = {}
        agency_col = self.header.column("agency")
        assert agency_col is not None
        for key, row_index, result in entries:
            if key in first_row:
                self._duplicate_row(result, row_index, first_row[key], agency_col, tracked)
                continue
            first_row[key] = row_index
            groups.setdefault(key[:2], {})[key[2] or ""] = result
        if not tracked:
            for found in groups.values():
                only = found[""]
                self._blank_row_warning(only)
            return [found[""] for found in groups.values()]
        return [self._join(found, self.scored or "") for found in groups.values()]

    def _join(self, found: dict[str, Assessment], scored: str) -> Assessment:
        """One agency-year from its track rows; the scored track's row is the base."""
        base = found.get(scored)
        if base is None:
            any_row = next(iter(found.values()))
            names = ", ".join(sorted(found))
            assert any_row.origin is not None
            self.problems.append(
                Problem(
                    "track-missing",
                    f"{self.sheet_place}!{any_row.origin.cell}"
                    if self.sheet
                    else any_row.origin.cell,
                    Text(
                        f"{any_row.label}: tidak ada baris tahap '{scored}' (yang ada: {names})",
                        f"{any_row.label}: no row for the track '{scored}' (there are: {names})",
                    ),
                    Text("pilih tahap lain dengan --track", "choose another track with --track"),
                )
            )
            return any_row
        base.track = scored
        base.tracks = {name: result.levels for name, result in found.items()}
        self._blank_row_warning(base)
        return base

    def _duplicate_row(
        self, result: Assessment, row: int, first: int, col: int, tracked: bool
    ) -> None:
        what = (
            Text("instansi, tahun dan tahap", "agency, year and track")
            if tracked
            else Text("instansi dan tahun", "agency and year")
        )
        self.add(
            "duplicate-agency",
            row,
            col,
            Text(
                f"{result.label}: {what.id} yang sama sudah ada di baris {first + 1}; hapus "
                "salah satu baris",
                f"{result.label}: the same {what.en} is already in row {first + 1}; remove "
                "one of the rows",
            ),
        )

    def _blank_row_warning(self, result: Assessment) -> None:
        """Under --allow-missing, note the blank values of one row that count at the minimum."""
        if not self.allow_missing:
            return
        absent = [
            i.id
            for i in self.fw.indicators  # absent columns have their own warning
            if i.id in self._column_ids and i.id not in result.levels and i.external is None
        ]
        if not absent or result.origin is None:
            return
        low = self.fw.scale.min
        self.warnings.append(
            Problem(
                "blank-filled",
                f"{self.sheet}!{result.origin.cell}" if self.sheet else result.origin.cell,
                Text(
                    f"{result.agency}: nilai kosong diberi nilai {low}: {compress_ids(absent)}",
                    f"{result.agency}: blank values scored at {low}: {compress_ids(absent)}",
                ),
            )
        )

    def _agency_blank(self, values: Sequence[Any], row: int, col: int) -> bool:
        """Whether a row without an agency name must be read (it has values: a problem)."""
        if all(map(blank, values)):
            return False
        self.add(
            "agency-blank",
            row,
            col,
            Text(
                "nama instansi kosong padahal barisnya berisi nilai",
                "the agency name is blank but the row has values",
            ),
        )
        return True

    def _slow_row(
        self,
        ids: tuple[str, ...],
        cols: tuple[int, ...],
        values: Sequence[Any],
        row_index: int,
        other_track: bool,
    ) -> dict[str, Value]:
        levels: dict[str, Value] = {}
        indicators = self.fw.indicator_by_id
        for key, col, raw in zip(ids, cols, values, strict=True):
            if blank(raw):
                external = indicators[key].external is not None
                if external and not other_track:
                    self._external_blank.add(key)
                self.blank_cell(row_index, col, external or other_track or self.allow_missing)
                continue
            value = self.value(raw, row_index, col)
            if value is not None:
                levels[key] = value
        return levels

    def _year_cached(
        self, years: dict[Any, int | None], value: Any, row: int, col: int
    ) -> int | None:
        number = self.year_of(value, row, col)
        if number is not None and value.__class__ in (float, str):
            years[value] = number
        return number

    def _override_agency(self, assessments: list[Assessment], agency: str) -> None:
        if len(assessments) == 1:
            assessments[0].agency = agency
            return
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
