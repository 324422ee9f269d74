"""Reading and scoring input files: many files at once, under one framework or a framework
per year.

* :func:`score_files` reads every file under one framework and scores every agency in it.
* :func:`load_points` reads files (or the sheets of a workbook named by years) for a
  comparison, scoring each agency-year under its own framework (see
  :func:`spbe_cli.compare.choose_framework`).
* :func:`rank_files` scores files and ranks the agencies per year.

Every function reads all files before it gives up: the problems of every file are raised
together in one :class:`~spbe_cli.problems.InputError`. Nothing is printed here; a caller
that shows what was read passes ``on_read`` (called with each
:class:`~spbe_cli.readers.ReadResult`, warnings included) and ``progress`` (called with
``1`` after each file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal, TypedDict, TypeVar, Unpack

from spbe_cli.assessment import Assessment
from spbe_cli.compare import (
    CompareError,
    Point,
    agency_key,
    choose_framework,
    framework_for_year,
    match_framework_name,
    split_framework_options,
)
from spbe_cli.engine import Result, score, score_many
from spbe_cli.framework import Framework, bundled_frameworks, load_framework
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem
from spbe_cli.ranking import Filter, YearRanking, rank_by_year
from spbe_cli.readers import ReadResult, read_assessments, sheet_names

Layout = Literal["auto", "long", "wide"]
OnRead = Callable[[ReadResult], None]
Progress = Callable[[int], None]

YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
"""A year (1900-2099) standing alone in a sheet or file name."""

_LAYOUTS: dict[str, Layout] = {"auto": "auto", "long": "long", "wide": "wide"}
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
_T = TypeVar("_T")
_P = TypeVar("_P")


@dataclass(frozen=True, slots=True)
class Scored:
    """A result with the file it came from."""

    result: Result
    source: str


class ScoreOptions(TypedDict, total=False):
    """The keyword options of :func:`score_files`, for functions that pass them on."""

    framework: str | Path | Framework | None
    target: str | Fraction | None
    sheet: str | None
    layout: str
    agency: str | None
    year: int | None
    allow_missing: bool


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Reader options shared by every file: see :func:`~spbe_cli.readers.read_assessments`."""

    layout: Layout = "auto"
    agency: str | None = None
    year: int | None = None
    allow_missing: bool = False

    def read(self, path: str | Path, framework: Framework, sheet: str | None) -> ReadResult:
        """``read_assessments`` with these options."""
        return read_assessments(
            str(path),
            framework,
            sheet=sheet,
            layout=self.layout,
            agency=self.agency,
            year=self.year,
            allow_missing=self.allow_missing,
        )


def read_options(
    layout: str = "auto",
    agency: str | None = None,
    year: int | None = None,
    allow_missing: bool = False,
) -> ReadOptions:
    """Options from plain values; ``layout`` is ``auto``, ``long`` or ``wide``."""
    if layout not in _LAYOUTS:
        raise ValueError(f"layout must be auto, long or wide, not {layout!r}")
    return ReadOptions(_LAYOUTS[layout], agency, year, allow_missing)


def target_value(fw: Framework, value: str | Fraction | None) -> Fraction | None:
    """A target as an exact number: a number (``2.6``) or a rating name (``baik``).

    Raises :class:`InputError` naming the allowed forms when ``value`` is neither.
    """
    if value is None or isinstance(value, Fraction):
        return value
    try:
        return fw.parse_target(value)
    except ValueError:
        names_id = ", ".join(b.label("id").lower() for b in fw.bands)
        names_en = ", ".join(b.label("en").lower() for b in fw.bands)
        text = Text(
            f"'{value}' bukan target yang sah: tulis angka (2.6) atau nama predikat ({names_id})",
            f"'{value}' is not a valid target: give a number (2.6) or a rating name ({names_en})",
        )
        raise InputError("target", [Problem("bad-target", "", text)]) from None


# -- one framework --------------------------------------------------------------------------


def score_files(
    files: Sequence[str | Path],
    *,
    framework: str | Path | Framework | None = None,
    target: str | Fraction | None = None,
    sheet: str | None = None,
    layout: str = "auto",
    agency: str | None = None,
    year: int | None = None,
    allow_missing: bool = False,
    on_read: OnRead | None = None,
) -> list[Scored]:
    """Read every file under one framework (default: the current one) and score every
    agency in it, in file order.

    ``target`` is a number or a rating name; ``sheet``, ``layout``, ``agency``, ``year`` and
    ``allow_missing`` are passed to the reader. ``on_read`` is called with each file's
    :class:`ReadResult` as soon as it is read. Raises one :class:`InputError` with the
    problems of every file that cannot be read.
    """
    fw = framework if isinstance(framework, Framework) else load_framework(framework)
    goal = target_value(fw, target)
    options = read_options(layout, agency, year, allow_missing)

    def one(path: str | Path) -> list[Scored]:
        read = options.read(path, fw, sheet)
        if on_read is not None:
            on_read(read)
        return [Scored(r, read.source) for r in score_many(read.assessments, fw, goal)]

    return _each_file(files, one)


def rank_files(
    files: Sequence[str | Path],
    *,
    where: Sequence[Filter] = (),
    top: int | None = None,
    on_read: OnRead | None = None,
    **options: Unpack[ScoreOptions],
) -> list[YearRanking]:
    """:func:`score_files` (with ``options``), then the agencies ranked per year (see
    :func:`spbe_cli.ranking.rank_by_year`), with statistics against the target."""
    scored = score_files(files, on_read=on_read, **options)
    results = [s.result for s in scored]
    goal = results[0].target if results else None
    return rank_by_year(results, [s.source for s in scored], where=where, top=top, target=goal)


def _each_file(
    files: Sequence[_P], work: Callable[[_P], list[_T]], progress: Progress | None = None
) -> list[_T]:
    """``work`` on every file in order; the problems of all files in one error."""
    found: list[_T] = []
    errors: list[InputError] = []
    for path in files:
        try:
            found.extend(work(path))
        except InputError as error:
            errors.append(error)
        if progress is not None:
            progress(1)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputError(
            ", ".join(e.source for e in errors), [p for e in errors for p in e.problems]
        )
    return found


# -- a framework per year -------------------------------------------------------------------


def load_points(
    files: Sequence[str | Path],
    frameworks: Sequence[str] = (),
    *,
    sheet: str | None = None,
    layout: str = "auto",
    agency: str | None = None,
    allow_missing: bool = False,
    on_read: OnRead | None = None,
    progress: Progress | None = None,
) -> list[Point]:
    """Read and score every file for a comparison: each agency-year under its framework.

    ``frameworks`` are ``--framework`` values: ``FILE=NAME`` for one file, ``NAME`` for
    every file. Without one, a file's framework is the one it names (a ``kerangka`` cell
    or column), else the one for its year (a year column or cell, else a year in the sheet
    or file name), else the default. A workbook with two or more sheets named by years
    (and no ``sheet`` given) is read sheet by sheet. ``on_read`` is called with the first
    read of each sheet, ``progress`` with 1 after each file. Raises one
    :class:`InputError` with the problems of every file.
    """
    paths = [Path(f) for f in files]
    every, per_file = _framework_options(paths, frameworks)
    known = _bundled()
    options = read_options(layout, agency, None, allow_missing)

    def one(path: Path) -> list[Point]:
        option = per_file.get(str(path), every)
        points: list[Point] = []
        for one_sheet in _sheets(path, sheet):
            points.extend(_read_sheet(path, one_sheet, option, known, options, on_read))
        return points

    return _each_file(paths, one, progress)


def year_hint(path: Path, sheet: str | None) -> int | None:
    """A year in the sheet name, else in the file name (``siantar-2021.xlsx``)."""
    for text in (sheet or "", path.stem):
        found = YEAR_IN_NAME.findall(text)
        if len(found) == 1:
            return int(found[0])
    return None


def _framework_options(
    files: Sequence[Path], values: Sequence[str]
) -> tuple[Framework | None, dict[str, Framework]]:
    """The framework for every file, and per file, from ``--framework`` values."""
    try:
        every, per_file = split_framework_options(values, [str(f) for f in files])
    except CompareError as error:
        text = Text(str(error), str(error))
        raise InputError("--framework", [Problem("framework-option", "", text)]) from None
    return (
        load_framework(every) if every else None,
        {file: load_framework(name) for file, name in per_file.items()},
    )


def _bundled() -> list[Framework]:
    """The bundled frameworks that are installed, newest first."""
    found = []
    for name in bundled_frameworks():
        try:
            found.append(load_framework(name))
        except InputError:
            continue
    return sorted(found, key=lambda f: f.applies_from or 0, reverse=True)


def _sheets(path: Path, sheet: str | None) -> list[str | None]:
    """``[sheet]``, or every sheet named by a year when there are two or more."""
    if sheet is not None or path.suffix.lower() not in _WORKBOOKS:
        return [sheet]
    names = sheet_names(path)  # raises InputError for a bad file, as the reader would
    by_year: list[str | None] = [n for n in names if YEAR_IN_NAME.search(n)]
    return by_year if len(by_year) >= 2 else [None]


def _read_sheet(
    path: Path,
    sheet: str | None,
    option: Framework | None,
    known: list[Framework],
    options: ReadOptions,
    on_read: OnRead | None,
) -> list[Point]:
    """Read one sheet, then score each agency-year under its framework (reading the sheet
    once more for each other framework some of its years need)."""
    year = year_hint(path, sheet)
    default = load_framework(None)
    first = option or framework_for_year(year, known) or default
    used, read = _read_any(path, sheet, first, [] if option else known, options)
    if on_read is not None:
        on_read(read)
    chosen = []
    for assessment in read.assessments:
        if assessment.year is None:
            assessment.year = year
        named = _named(assessment.framework, known)
        fw, origin = choose_framework(
            option=option, named=named, year=assessment.year, frameworks=known, default=default
        )
        chosen.append((assessment, fw, origin))
    again = {
        id(fw): _read_again(path, sheet, fw, options, year) for _, fw, _ in chosen if fw is not used
    }
    points: list[Point] = []
    for assessment, fw, origin in chosen:
        if fw is not used:
            assessment = again[id(fw)].get(_key(assessment), assessment)
        points.append(Point(score(assessment, fw), read.source, origin))
    return points


def _key(assessment: Assessment) -> tuple[str, int | None]:
    return agency_key(assessment.agency), assessment.year


def _read_again(
    path: Path, sheet: str | None, fw: Framework, options: ReadOptions, year: int | None
) -> dict[tuple[str, int | None], Assessment]:
    """The sheet read under ``fw``, by agency and year; a failure says how to choose."""
    try:
        read = options.read(path, fw, sheet)
    except InputError as error:
        hint = Problem(
            "framework-by-year",
            str(path),
            Text(
                f"tahun ini dinilai dengan {fw.id} menurut tahunnya; sebutkan kerangka lain "
                "dengan --framework BERKAS=NAMA atau sel kerangka",
                f"this year is scored under {fw.id} by its year; name another framework with "
                "--framework FILE=NAME or a kerangka cell",
            ),
        )
        raise InputError(error.source, [*error.problems, hint]) from None
    found = {}
    for assessment in read.assessments:
        if assessment.year is None:
            assessment.year = year
        found[_key(assessment)] = assessment
    return found


def _read_any(
    path: Path, sheet: str | None, first: Framework, others: list[Framework], options: ReadOptions
) -> tuple[Framework, ReadResult]:
    """Read under ``first``; when that fails, under each other framework, newest first.
    The first framework's problems are reported when none fits."""
    try:
        return first, options.read(path, first, sheet)
    except InputError as error:
        for other in others:
            if other is first:
                continue
            try:
                return other, options.read(path, other, sheet)
            except InputError:
                continue
        raise error from None


def _named(text: str | None, known: list[Framework]) -> Framework | None:
    """The framework a file names, by bundled name or title, or as a path to a YAML file."""
    if not text:
        return None
    return match_framework_name(text, known) or load_framework(text)
