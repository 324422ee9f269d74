"""The long layout: one agency, a row per indicator, one value column per score track.

The agency, year and framework come from ``Instansi``/``Tahun``/``Kerangka`` columns, or
from label cells in the title rows above the header (``Instansi | Kota X`` or
``Instansi: Kota X``). Every value column is read as a track; the scored track is the one
asked for, else the most final one that holds values (:mod:`.vocabulary` gives the order).
"""

from __future__ import annotations

from typing import Any

from spbe_cli.assessment import Assessment
from spbe_cli.framework import Value
from spbe_cli.i18n import Text
from spbe_cli.problems import Problem
from spbe_cli.readers.cells import Cell, Rows, blank, compress_ids, id_text, shown, text
from spbe_cli.readers.layout import Header, header_name, indicator_column
from spbe_cli.readers.sheet import SheetReader
from spbe_cli.readers.vocabulary import label_role, vocabulary

Found = tuple[Any, int, int]
"""A cell's value with its row and column."""


def identity_cells(rows: Rows, header: Header) -> tuple[dict[str, Found], list[Found]]:
    """Agency, year and framework cells of a long sheet (columns first, then labels above),
    and the cells of a one-agency column that disagree with its first value."""
    found = labels_above(rows, header.row)
    conflicts: list[Found] = []
    for role in ("agency", "year", "framework"):
        col = header.column(role)
        if col is None:
            continue
        first: Found | None = None
        for row_index in range(header.row + 1, len(rows)):
            value = rows[row_index][col]
            if blank(value):
                continue
            if first is None:
                first = (value, row_index, col)
            elif text(value) != text(first[0]):
                conflicts.append((value, row_index, col))
                break
        if first is not None:
            found[role] = first
    return found, conflicts


def labels_above(rows: Rows, header_row: int) -> dict[str, Found]:
    """``Instansi | Kota X`` label cells in the title rows above the header."""
    found: dict[str, Found] = {}
    for row_index in range(header_row):
        row = rows[row_index]
        for col, cell in enumerate(row):
            if not isinstance(cell, str):
                continue
            word, _, rest = cell.partition(":")
            role = label_role(word)
            if role is None or role in found:
                continue
            if rest.strip():
                found[role] = (rest.strip(), row_index, col)
                continue
            for right in range(col + 1, len(row)):
                if not blank(row[right]):
                    if label_role(row[right]) is None:  # a label beside is not a value
                        found[role] = (row[right], row_index, right)
                    break
    return found


def id_cells(rows: Rows, header: Header) -> list[str]:
    """The texts of the indicator column below the header (for choosing a framework by its
    indicator set), whatever the rows' values: a blank or broken value must not hide its
    indicator (the reader then reports that cell against the framework chosen)."""
    columns = header.roles.get("indicator", [])
    every: list[str] = []
    for row in rows[header.row + 1 :]:
        for col in columns[:1]:
            cell = id_text(row[col])
            if cell is not None:
                every.append(cell)
    return every


class LongReader(SheetReader):
    """Reads a sheet with a row per indicator into one :class:`Assessment`."""

    def read(self, agency: str | None, year: int | None, track: str | None) -> Assessment:
        """The agency's assessment, every track read, ``track`` (or the default) scored."""
        fw = self.fw
        ind_col, problem = indicator_column(self.rows, self.header, fw.indicator_id, self.sheet)
        if problem is not None:
            self.problems.append(problem)
        tracks: dict[str, dict[str, Value]] = {name: {} for name in self.header.values}
        blanks: dict[str, list[tuple[str, Cell]]] = {name: [] for name in self.header.values}
        result = Assessment(levels={})
        seen: dict[str, Cell] = {}
        for row_index in range(self.header.row + 1, len(self.rows)):
            row = self.rows[row_index]
            raw = row[ind_col]
            if blank(raw):
                if not all(blank(row[c]) for c in self.header.values.values()):
                    # an id cell showing an error (#VALUE!) or a formula without a saved
                    # value reads as blank: say so when the sheet's XML does
                    self.blank_cell(row_index, ind_col, True)
                continue
            cell = id_text(raw)
            key = fw.indicator_id(cell) if cell is not None else None
            if key is None:
                if all(blank(row[c]) for c in self.header.values.values()):
                    continue  # a section heading or a totals row
                self.unknown_indicator(raw, row_index, ind_col)
                continue
            if key in seen:
                self.duplicate(key, row_index, ind_col, seen[key])
                continue
            seen[key] = (row_index, ind_col)
            for name, col in self.header.values.items():
                value_cell = row[col]
                if blank(value_cell):
                    blanks[name].append((key, (row_index, col)))
                    continue
                value = self.value(value_cell, row_index, col)
                if value is not None:
                    tracks[name][key] = value
            self._extras(result, key, row, row_index)
        scored = self._scored_track(tracks, track)
        self._settle(result, scored, tracks, blanks, seen)
        self._identity(result, agency, year)
        self.finish()
        return result

    def _scored_track(self, tracks: dict[str, dict[str, Value]], asked: str | None) -> str:
        """The track to score: ``asked``, else the most final one holding values."""
        present = [name for name, values in tracks.items() if values]
        if asked is not None:
            if asked not in tracks:
                listed = ", ".join(present or tracks) or "-"
                self.problems.append(
                    Problem(
                        "track-not-found",
                        self.sheet_place,
                        Text(
                            f"tidak ada kolom nilai untuk tahap '{asked}'; "
                            f"tahap yang ada: {listed}",
                            f"no value column for the track '{asked}'; the tracks here: {listed}",
                        ),
                    )
                )
            return asked
        order = vocabulary().order
        for name in (*order, *tracks):
            if name in present:
                return name
        return next((n for n in (*order, *tracks) if n in tracks), next(iter(tracks)))

    def _settle(
        self,
        result: Assessment,
        scored: str,
        tracks: dict[str, dict[str, Value]],
        blanks: dict[str, list[tuple[str, Cell]]],
        seen: dict[str, Cell],
    ) -> None:
        """Blank cells judged per track; the scored track's values become the levels."""
        indicators = self.fw.indicator_by_id
        absent: set[str] = set()
        complete: dict[str, dict[str, Value]] = {}
        for name, cells in blanks.items():
            gaps = []
            for key, (row, col) in cells:
                external = indicators[key].external is not None
                if name == scored:
                    allowed = external or self.allow_missing
                    self.blank_cell(row, col, allowed)
                    if allowed:
                        absent.add(key)
                else:
                    self.blank_cell(row, col, True)
                    if not external:
                        gaps.append(key)
            if name != scored and gaps and tracks[name]:
                self.warnings.append(
                    Problem(
                        "track-incomplete",
                        self.sheet_place,
                        Text(
                            f"tahap '{name}' tidak dibandingkan: nilai kosong untuk indikator "
                            f"{compress_ids(gaps)}",
                            f"the track '{name}' is not compared: values are blank for indicators "
                            f"{compress_ids(gaps)}",
                        ),
                    )
                )
            elif tracks.get(name) or name == scored:
                complete[name] = tracks.get(name, {})
        self.missing(k for k in seen if k not in absent)
        order = [i.id for i in self.fw.indicators]
        result.tracks = {
            name: {k: values[k] for k in order if k in values} for name, values in complete.items()
        }
        result.track = scored
        result.levels = result.tracks.get(scored, {})
        value_col = self.header.values.get(scored)
        if value_col is not None:
            for key in result.levels:
                result.sources[key] = self.cell_ref(seen[key][0], value_col)
        self.track_columns = {
            name: header_name(self.rows[self.header.row], col, self.header.row)
            for name, col in self.header.values.items()
        }

    def _extras(self, result: Assessment, key: str, row: list[Any], row_index: int) -> None:
        header = self.header
        for role, target in (
            ("opd", result.opd),
            ("note", result.notes),
            ("evidence", result.evidence),
        ):
            col = header.column(role)
            if col is not None and not blank(row[col]):
                target[key] = text(row[col])
        col = header.column("effort")
        if col is not None and not blank(row[col]):
            effort = self.effort_of(row[col], row_index, col)
            if effort is not None:
                result.effort[key] = effort

    def _identity(self, result: Assessment, agency: str | None, year: int | None) -> None:
        """Agency, year and framework: arguments, else columns, else labels above."""
        found, conflicts = identity_cells(self.rows, self.header)
        for value, row, col in conflicts:
            first = found[_role_of(self.header, col)]
            where = self.place(first[1], col)
            self.add(
                "conflicting-values",
                row,
                col,
                Text(
                    f"{shown(value)} berbeda dari {shown(first[0])} di {where}; satu lembar "
                    "per indikator hanya untuk satu instansi dan satu tahun",
                    f"{shown(value)} differs from {shown(first[0])} at {where}; a sheet "
                    "with a row per indicator holds one agency and one year",
                ),
            )
        for role, (value, row, col) in found.items():
            if role == "agency":
                result.agency = text(value)
                result.origin = self.cell_ref(row, col)
            elif role == "year":
                result.year = self.year_of(value, row, col)
            else:
                result.framework = text(value)
        if agency is not None:
            result.agency = agency
        if year is not None:
            result.year = year


def _role_of(header: Header, col: int) -> str:
    return next(role for role, cols in header.roles.items() if col in cols)
