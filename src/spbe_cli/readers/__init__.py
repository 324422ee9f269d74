"""Read assessments from workbooks (.xlsx, .xlsm, .xls, .ods) and CSV files.

:func:`read_assessments` opens a file safely (:mod:`.opening`, :mod:`.csvtext`), finds the
header and layout (:mod:`.layout`, words from :mod:`.vocabulary`), chooses the framework
of each agency-year (:mod:`spbe_cli.framework.choosing`) and reads the long (:mod:`.long`) or wide
(:mod:`.wide`) layout under it. Checks are strict and every problem is collected with its
cell (``Penilaian!C14``) before one :class:`~spbe_cli.problems.InputError` is raised.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from spbe_cli.assessment import Assessment, fold_opds
from spbe_cli.bounded import refuse
from spbe_cli.framework import Framework, load_bundled, load_framework
from spbe_cli.framework.choosing import (
    Choice,
    by_indicators,
    considered_text,
    for_year,
    misfit,
    named,
    nearest,
)
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem
from spbe_cli.readers.cells import (
    Rows,
    blank,
    cell_address,
    column_letters,
    compress_ids,
    id_text,
    text,
    whole,
)
from spbe_cli.readers.layout import HEADER_SEARCH_ROWS, Header, detect, expected_text
from spbe_cli.readers.long import LongReader, id_cells, identity_cells
from spbe_cli.readers.opening import Book, has_data, named_sheet, open_book, sheet_names
from spbe_cli.readers.safety import no_data
from spbe_cli.readers.sheet import SheetReader
from spbe_cli.readers.vocabulary import track_name
from spbe_cli.readers.wide import SourceMap, WideReader, agency_key

Layout = Literal["long", "wide"]

__all__ = [
    "ReadResult",
    "SourceMap",
    "agency_key",
    "cell_address",
    "column_letters",
    "compress_ids",
    "read_assessments",
    "sheet_names",
]


@dataclass
class ReadResult:
    """What :func:`read_assessments` found in one file: the assessments, each with the
    framework chosen for it (``choices``, same order), and what was read how."""

    assessments: list[Assessment]
    layout: Layout
    sheet: str | None
    source: str
    warnings: list[Problem] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    track_columns: dict[str, str] = field(default_factory=dict)

    @property
    def frameworks(self) -> list[Framework]:
        """The distinct frameworks used, in order of first use."""
        found: dict[str, Framework] = {}
        for choice in self.choices:
            found.setdefault(choice.framework.id, choice.framework)
        return list(found.values())


def read_assessments(
    path: str | Path,
    framework: Framework | str | Path | None = None,
    *,
    candidates: Sequence[Framework] | None = None,
    sheet: str | None = None,
    layout: Literal["auto", "long", "wide"] = "auto",
    agency: str | None = None,
    year: int | None = None,
    year_hint: int | None = None,
    allow_missing: bool = False,
    track: str | None = None,
) -> ReadResult:
    """Read every assessment in a workbook or CSV file (``"-"``: CSV on stdin).

    ``framework`` scores every assessment under one framework; without it each
    agency-year gets the framework :mod:`spbe_cli.framework.choosing` picks among ``candidates``
    (default: the bundled frameworks). ``sheet`` and ``layout`` choose instead of
    detecting; ``agency`` and ``year`` override what the file says; ``year_hint`` is the
    year when the file states none (e.g. from its name). ``allow_missing`` accepts
    indicators absent from the file or with a blank value (with a warning): they are left
    out of ``Assessment.levels`` and scored at the scale's minimum. ``track`` picks the
    score track (``mandiri``, ``verifikasi``, ``akhir``, ``target``) instead of the most
    final one present. Raises :class:`InputError` listing every problem found.
    """
    source = str(path)
    asked = _asked_track(track)
    single = None if framework is None else load_framework(framework)
    pool = [single] if single is not None else list(candidates or load_bundled())
    book = open_book(path, source)
    try:
        with _gc_paused():
            name, rows, header = _find_header(book, source, sheet, layout, pool)
            plan = _plan(rows, header, pool, single, year, year_hint, source, name)
            result = ReadResult([], header.layout, name, source)
            problems: list[Problem] = []
            for choice, subset in plan:
                reader = _reader(choice.framework, source, name, rows, header, book, allow_missing)
                if header.layout == "long":
                    assert isinstance(reader, LongReader)
                    found = [reader.read(agency, year, asked)]
                else:
                    assert isinstance(reader, WideReader)
                    found = reader.read(agency, year, asked, subset)
                columns = reader.track_columns
                for assessment in found:
                    if assessment.year is None:
                        assessment.year = year_hint
                    if columns and not assessment.columns:
                        assessment.columns = dict(columns)
                    if assessment.opd:
                        assessment.opd = fold_opds(assessment.opd)
                problems.extend(reader.problems)
                if reader.problems and choice.origin == "year":
                    problems.extend(_year_hint(choice, rows, header, pool, source))
                if reader.problems and choice.off:
                    problems.append(_nearest_note(choice, source))
                result.warnings.extend(reader.warnings)
                result.track_columns.update(reader.track_columns)
                result.assessments.extend(found)
                result.choices.extend([choice] * len(found))
    finally:
        book.close()
    if problems:  # a header problem is found once per framework part: say it once
        raise InputError(source, list(dict.fromkeys(problems)))
    return result


def _asked_track(track: str | None) -> str | None:
    if track is None:
        return None
    found = track_name(track)
    if found is None:
        from spbe_cli.readers.vocabulary import vocabulary

        names = ", ".join(vocabulary().track_names)
        raise InputError(
            "--track",
            [
                Problem(
                    "bad-track",
                    "--track",
                    Text(
                        f"'{track}' bukan tahap yang dikenal ({names})",
                        f"'{track}' is not a known track ({names})",
                    ),
                )
            ],
        )
    return found


def _reader(
    fw: Framework,
    source: str,
    name: str | None,
    rows: Rows,
    header: Header,
    book: Book,
    allow_missing: bool,
) -> SheetReader:
    kind = LongReader if header.layout == "long" else WideReader
    return kind(fw, source, name, rows, header, book, allow_missing)


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


# -- the header ----------------------------------------------------------------------------


def _union(pool: Sequence[Framework]) -> Any:
    if len(pool) == 1:
        return pool[0].indicator_id

    def resolve(cell: str) -> str | None:
        for fw in pool:
            found = fw.indicator_id(cell)
            if found is not None:
                return found
        return None

    return resolve


def _find_header(
    book: Book, source: str, sheet: str | None, layout: str, pool: Sequence[Framework]
) -> tuple[str | None, Rows, Header]:
    """The first sheet (or ``sheet``) with a header row of a known layout."""
    names = book.candidates()
    if sheet is not None and book.kind != "csv":
        names = [named_sheet(book, source, sheet)]
    if not names:
        raise no_data(source)
    resolve = _union(pool)
    empty = 0
    for name in names:
        rows = book.rows(name)
        if not has_data(rows):
            empty += 1
            continue
        header = detect(rows, layout, resolve, name)
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
    first = pool[0].indicators[0].id if pool else "1"
    last = pool[0].indicators[-1].id if pool else "47"
    looked = ", ".join(n or "CSV" for n in names)
    raise refuse(
        source,
        "no-layout",
        Text(
            f"tidak ada baris judul yang dikenali di {HEADER_SEARCH_ROWS} baris pertama lembar "
            f"yang diperiksa ({looked})",
            f"no header row was recognised in the first {HEADER_SEARCH_ROWS} rows of the "
            f"sheets looked at ({looked})",
        ),
        expected_text(layout, first, last),
    )


# -- which framework -----------------------------------------------------------------------

_Plan = list[tuple[Choice, list[int] | None]]


def _plan(
    rows: Rows,
    header: Header,
    pool: Sequence[Framework],
    single: Framework | None,
    year: int | None,
    year_hint: int | None,
    source: str,
    sheet: str | None,
) -> _Plan:
    """The framework of each part of the sheet: the whole sheet (long) or groups of rows."""
    if single is not None:
        return [(Choice(single, "option"), None)]
    if header.layout == "long":
        found, _ = identity_cells(rows, header)
        cell = found.get("framework")
        year_cell = found.get("year")
        file_year = year if year is not None else (whole(year_cell[0]) if year_cell else None)
        choice = _choose(
            text(cell[0]) if cell else None,
            file_year if file_year else year_hint,
            lambda: id_cells(rows, header),
            pool,
            source,
            _place(sheet, cell),
        )
        return [(choice, None)]
    return _plan_wide(rows, header, pool, year, year_hint, source, sheet)


def _plan_wide(
    rows: Rows,
    header: Header,
    pool: Sequence[Framework],
    year: int | None,
    year_hint: int | None,
    source: str,
    sheet: str | None,
) -> _Plan:
    """Rows grouped by the framework each one's Kerangka or year cell gives."""
    framework_col, year_col = header.column("framework"), header.column("year")
    agency_col = header.column("agency")
    assert agency_col is not None
    cells = [id_text(rows[header.row][c]) or "" for c in header.indicator_columns]
    by_set: list[Choice] = []

    def fallback() -> Choice:
        if not by_set:
            by_set.append(_choose(None, None, lambda: cells, pool, source, None))
        return by_set[0]

    groups: dict[tuple[str, str, str | None], tuple[Choice, list[int]]] = {}
    # Rows that share a Kerangka cell and a year cell share a choice: made once per pair
    # (a national file has 10,000 rows and a handful of years). Keyed by the cells' types
    # too, so 2024 and "2024" (equal choices anyway) and True/1 never mix.
    chosen: dict[tuple[type, object, type, object], list[int]] = {}
    for index in range(header.row + 1, len(rows)):
        row = rows[index]
        if blank(row[agency_col]) and all(blank(row[c]) for c in header.indicator_columns):
            continue
        named_cell = row[framework_col] if framework_col is not None else None
        year_cell = row[year_col] if year is None and year_col is not None else None
        pair: tuple[type, object, type, object] | None = (
            type(named_cell),
            named_cell,
            type(year_cell),
            year_cell,
        )
        try:
            found = chosen.get(pair)  # type: ignore[arg-type]
        except TypeError:  # a cell value that cannot be a key: choose for the row alone
            found = pair = None
        if found is not None:
            found.append(index)
            continue
        row_year = (
            year if year is not None else (whole(year_cell) if year_col is not None else None)
        )
        choice = _choose(
            None if blank(named_cell) else text(named_cell),
            row_year or year_hint,
            lambda: cells,
            pool,
            source,
            _place(sheet, (named_cell, index, framework_col))
            if framework_col is not None
            else None,
            fallback=fallback,
        )
        key = (choice.framework.id, choice.origin, choice.detail)
        members = groups.setdefault(key, (choice, []))[1]
        members.append(index)
        if pair is not None:
            chosen[pair] = members
    if not groups:
        return [(fallback(), [])]
    return list(groups.values())


def _place(sheet: str | None, cell: tuple[Any, int, int | None] | None) -> str | None:
    if cell is None or cell[2] is None:
        return None
    address = cell_address(cell[1], cell[2])
    return f"{sheet}!{address}" if sheet else address


def _choose(
    name: str | None,
    year: int | None,
    id_cells_of: Any,
    pool: Sequence[Framework],
    source: str,
    name_place: str | None,
    fallback: Any = None,
) -> Choice:
    """One agency-year's framework (see :mod:`spbe_cli.framework.choosing`); InputError if none."""
    if name:
        found = named(name, pool)
        if found is None:
            names = ", ".join(f.id for f in pool)
            raise InputError(
                source,
                [
                    Problem(
                        "unknown-framework",
                        name_place or source,
                        Text(
                            f"kerangka '{name}' tidak dikenal (yang dikenal: {names})",
                            f"unknown framework '{name}' (known: {names})",
                        ),
                    )
                ],
            )
        return Choice(found, "file", name)
    by_year = for_year(year, pool)
    if by_year is not None:
        return Choice(by_year, "year", str(year))
    if fallback is not None:
        result: Choice = fallback()
        return result
    cells = id_cells_of()
    fits, why = by_indicators(cells, pool)
    if len(fits) == 1:
        count = len(fits[0].indicators)
        return Choice(fits[0], "indicators", f"{count}")
    close, off = nearest(cells, pool) if not fits else ([], 0)
    if len(close) == 1:  # the cells will say what is wrong, against this framework
        return Choice(close[0], "indicators", f"{len(close[0].indicators)}", off)
    text = considered_text(why, fits)
    if len(close) > 1:
        names = ", ".join(f.id for f in close)
        text = Text(
            f"daftar indikatornya sama dekatnya dengan beberapa kerangka ({names}) dan tidak "
            "ada yang cocok persis; sebutkan kerangkanya dengan --framework, sel Kerangka, "
            "atau tahun penilaian",
            f"its indicator set is as close to several frameworks ({names}) and fits none "
            "exactly; name the framework with --framework, a Kerangka cell, or the "
            "evaluation year",
        )
    raise InputError(
        source,
        [
            Problem(
                "framework-unknown",
                source,
                text,
                Text(
                    "sebutkan kerangkanya dengan --framework", "name the framework with --framework"
                ),
            )
        ],
    )


def _nearest_note(choice: Choice, source: str) -> Problem:
    """Which framework the problems of a file without a Kerangka cell or year were found
    against: the one its indicator cells are closest to."""
    fw = choice.framework.id
    return Problem(
        "framework-nearest",
        source,
        Text(
            f"dibaca dengan {fw}, kerangka yang paling dekat dengan daftar indikatornya (tanpa sel "
            "Kerangka atau tahun); sebutkan kerangka lain dengan --framework bila keliru",
            f"read as {fw}, the framework its indicator set is closest to (no Kerangka cell or "
            "year); name another with --framework if that is wrong",
        ),
    )


def _year_hint(
    choice: Choice, rows: Rows, header: Header, pool: Sequence[Framework], source: str
) -> list[Problem]:
    """When a file's indicators do not fit its year's framework: say so, which framework
    they fit (if one does), and how to choose it."""
    cells = (
        id_cells(rows, header)
        if header.layout == "long"
        else [id_text(rows[header.row][c]) or "" for c in header.indicator_columns]
    )
    if misfit(choice.framework, cells) is None:
        return []  # the indicators fit the year's framework: the problems are elsewhere
    fits = [fw for fw in pool if misfit(fw, cells) is None and fw is not choice.framework]
    other = f" ({fits[0].id} cocok dengan indikatornya)" if len(fits) == 1 else ""
    other_en = f" ({fits[0].id} fits its indicators)" if len(fits) == 1 else ""
    return [
        Problem(
            "framework-by-year",
            source,
            Text(
                f"tahun {choice.detail} dinilai dengan {choice.framework.id} menurut tahunnya"
                f"{other}; sebutkan kerangka lain dengan --framework atau sel Kerangka",
                f"the year {choice.detail} is scored under {choice.framework.id} by its year"
                f"{other_en}; name another framework with --framework or a Kerangka cell",
            ),
        )
    ]
