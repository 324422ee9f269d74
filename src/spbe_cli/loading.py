"""Reading and scoring input files: many files at once, each agency-year under its framework.

* :func:`score_files` reads every file and scores every agency-year in it, under the
  framework asked for or the one :mod:`spbe_cli.framework.choosing` picks for it.
* :func:`load_points` does the same for a comparison: a workbook with two or more sheets
  named by years is read sheet by sheet, and ``--framework FILE=NAME`` names one file's.
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
from typing import TYPE_CHECKING, Literal, TypedDict, TypeVar, Unpack

from spbe_cli.engine import score, score_many
from spbe_cli.framework import Framework, load_framework
from spbe_cli.framework.choosing import Choice
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem, echo
from spbe_cli.readers import ReadResult, read_assessments, sheet_names
from spbe_cli.results import Result

if TYPE_CHECKING:  # imported where used: scoring one file needs neither
    from spbe_cli.compare import Point
    from spbe_cli.ranking import Filter, YearRanking

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
    """A result with the file it came from and why its framework was chosen."""

    result: Result
    source: str
    choice: Choice | None = None


class ScoreOptions(TypedDict, total=False):
    """The keyword options of :func:`score_files`, for functions that pass them on."""

    framework: str | Path | Framework | None
    target: str | Fraction | None
    sheet: str | None
    layout: str
    agency: str | None
    year: int | None
    allow_missing: bool
    track: str | None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Reader options shared by every file: see :func:`~spbe_cli.readers.read_assessments`."""

    layout: Layout = "auto"
    agency: str | None = None
    year: int | None = None
    allow_missing: bool = False
    track: str | None = None

    def read(self, path: str | Path, framework: Framework | None, sheet: str | None) -> ReadResult:
        """``read_assessments`` with these options (a year in the name as the hint)."""
        return read_assessments(
            str(path),
            framework,
            sheet=sheet,
            layout=self.layout,
            agency=self.agency,
            year=self.year,
            year_hint=year_hint(Path(path), sheet),
            allow_missing=self.allow_missing,
            track=self.track,
        )


def read_options(
    layout: str = "auto",
    agency: str | None = None,
    year: int | None = None,
    allow_missing: bool = False,
    track: str | None = None,
) -> ReadOptions:
    """Options from plain values; ``layout`` is ``auto``, ``long`` or ``wide``."""
    if layout not in _LAYOUTS:
        raise ValueError(f"layout must be auto, long or wide, not {layout!r}")
    return ReadOptions(_LAYOUTS[layout], agency, year, allow_missing, track)


def target_value(
    fw: Framework, value: str | Fraction | None, option: str = "--target"
) -> Fraction | None:
    """A target as an exact number: a number (``2.6``, ``2,6``) or a rating name (``baik``:
    its lower edge in ``fw``), on the framework's scale (``scale.min`` .. ``scale.max``).
    Raises :class:`InputError` naming the allowed forms; ``option`` names the option in it
    (``--target``, ``--fail-under``), and the text given is echoed short."""
    if value is None or isinstance(value, Fraction):
        return value
    shown = echo(value.strip())
    try:
        number = fw.parse_target(value)
    except ValueError:
        names_id = ", ".join(b.label("id").lower() for b in fw.bands)
        names_en = ", ".join(b.label("en").lower() for b in fw.bands)
        text = Text(
            f"{shown.id} bukan target yang sah: tulis angka (2,6) atau nama predikat ({names_id})",
            f"{shown.en} is not a valid target: give a number (2.6) or a rating name ({names_en})",
        )
        raise InputError(option, [Problem("bad-target", "", text)]) from None
    low, high = fw.scale.min, fw.scale.max
    if not low <= number <= high:
        text = Text(
            f"{option} {shown.id} di luar skala {fw.id} ({low}-{high}): tulis angka antara "
            f"{low} dan {high} atau nama predikat",
            f"{option} {shown.en} is outside the scale of {fw.id} ({low}-{high}): give a "
            f"number from {low} to {high} or a rating name",
        )
        raise InputError(option, [Problem("target-off-scale", "", text)])
    return number


def year_hint(path: Path, sheet: str | None) -> int | None:
    """A year in the sheet name, else in the file name (``siantar-2021.xlsx``)."""
    for name in (sheet or "", path.stem):
        found = YEAR_IN_NAME.findall(name)
        if len(found) == 1:
            return int(found[0])
    return None


def _scored(read: ReadResult, target: str | Fraction | None) -> list[Scored]:
    """Every assessment of ``read`` scored under its framework (the target read in each
    framework's terms: ``baik`` is 2.6 under SPBE and 2.5 under Pemdi)."""
    found: list[Scored] = []
    goals: dict[str, Fraction | None] = {}
    for assessment, choice in zip(read.assessments, read.choices, strict=True):
        fw = choice.framework
        if fw.id not in goals:
            goals[fw.id] = target_value(fw, target)
        found.append(Scored(score(assessment, fw, goals[fw.id]), read.source, choice))
    return found


# -- scoring files --------------------------------------------------------------------------


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
    track: str | None = None,
    on_read: OnRead | None = None,
) -> list[Scored]:
    """Read every file and score every agency-year in it, in file order.

    ``framework`` scores everything under one framework; without it each agency-year is
    scored under the framework :mod:`spbe_cli.framework.choosing` picks. ``target`` is a number or a
    rating name; the other options go to the reader. ``on_read`` is called with each
    file's :class:`ReadResult` as soon as it is read. Raises one :class:`InputError` with
    the problems of every file that cannot be read.
    """
    fw = None if framework is None else load_framework(framework)
    if fw is not None:
        target_value(fw, target)  # a bad target is refused before any file is read
    options = read_options(layout, agency, year, allow_missing, track)

    def one(path: str | Path) -> list[Scored]:
        read = options.read(path, fw, sheet)
        if on_read is not None:
            on_read(read)
        if fw is not None:
            goal = target_value(fw, target)
            results = score_many(read.assessments, fw, goal)
            return [Scored(r, read.source, c) for r, c in zip(results, read.choices, strict=True)]
        return _scored(read, target)

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
    :func:`spbe_cli.ranking.rank_by_year`), with statistics against each year's target."""
    from spbe_cli.ranking import rank_by_year

    scored = score_files(files, on_read=on_read, **options)
    results = [s.result for s in scored]
    return rank_by_year(results, [s.source for s in scored], where=where, top=top)


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
    track: str | None = None,
    on_read: OnRead | None = None,
    progress: Progress | None = None,
) -> list[Point]:
    """Read and score every file for a comparison: each agency-year under its framework.

    ``frameworks`` are ``--framework`` values: ``FILE=NAME`` for one file, ``NAME`` for
    every file; otherwise :mod:`spbe_cli.framework.choosing` decides per agency-year (a year in the
    sheet or file name counts when the file states none). A workbook with two or more
    sheets named by years (and no ``sheet`` given) is read sheet by sheet. ``on_read`` is
    called with each sheet read, ``progress`` with 1 after each file. Raises one
    :class:`InputError` with the problems of every file.
    """
    from spbe_cli.compare import Point

    paths = [Path(f) for f in files]
    every, per_file = _framework_options(paths, frameworks)
    options = read_options(layout, agency, None, allow_missing, track)

    def one(path: Path) -> list[Point]:
        option = per_file.get(str(path), every)
        points: list[Point] = []
        for one_sheet in _sheets(path, sheet):
            read = options.read(path, option, one_sheet)
            if on_read is not None:
                on_read(read)
            for assessment, choice in zip(read.assessments, read.choices, strict=True):
                result = score(assessment, choice.framework)
                points.append(Point(result, read.source, choice.origin))
        return points

    return _each_file(paths, one, progress)


def _framework_options(
    files: Sequence[Path], values: Sequence[str]
) -> tuple[Framework | None, dict[str, Framework]]:
    """The framework for every file, and per file, from ``--framework`` values."""
    from spbe_cli.compare import CompareError, split_framework_options

    try:
        every, per_file = split_framework_options(values, [str(f) for f in files])
    except CompareError as error:
        text = Text(str(error), str(error))
        raise InputError("--framework", [Problem("framework-option", "", text)]) from None
    return (
        load_framework(every) if every else None,
        {file: load_framework(name) for file, name in per_file.items()},
    )


def _sheets(path: Path, sheet: str | None) -> list[str | None]:
    """``[sheet]``, or every sheet named by a year when there are two or more."""
    if sheet is not None or path.suffix.lower() not in _WORKBOOKS:
        return [sheet]
    names = sheet_names(path)  # raises InputError for a bad file, as the reader would
    by_year: list[str | None] = [n for n in names if YEAR_IN_NAME.search(n)]
    return by_year if len(by_year) >= 2 else [None]
