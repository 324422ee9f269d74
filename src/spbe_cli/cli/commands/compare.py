"""``spbe compare``: one agency (or many) across evaluation years, across frameworks."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from spbe_cli.cli.options import (
    AgencyOpt,
    AllowMissingOpt,
    FormatOpt,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    OutputFormat,
    SheetOpt,
    lang_of,
)

if TYPE_CHECKING:
    from spbe_cli.assessment import Assessment
    from spbe_cli.compare import Comparison, Point, Regression, RegressionCheck
    from spbe_cli.framework import Framework
    from spbe_cli.i18n import Lang
    from spbe_cli.readers import ReadResult

YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def compare(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Workbooks or CSV files, one per year; or one workbook with a "
            "sheet per year (sheets named by the year) or a tahun column.",
            show_default=False,
        ),
    ],
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework",
            "-F",
            help="Framework of one file, FILE=NAME (repeat "
            "per file), or NAME for every file. Default: what the file names in a "
            "kerangka/framework cell, else the year's framework.",
            show_default=False,
        ),
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit with status 1 when an agency's index "
            "(published figure) fell from its previous year to its latest. For CI.",
        ),
    ] = False,
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            help="With --fail-on-regression: also fail when this "
            "domain's index fell (only where both years define it the same way).",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOpt = OutputFormat.table,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    agency: AgencyOpt = None,
    allow_missing: AllowMissingOpt = False,
    language: LangOpt = Language.id,
) -> None:
    """Compare years: index, domains, aspects, changes, ratings, indicators up and down.

    Each year is scored under its own framework: --framework FILE=NAME, else the framework
    the file names (a kerangka cell or column), else the year decides (2018-2020:
    permenpanrb-5-2018, 2021 on: permenpanrb-59-2020). Across frameworks the index and
    rating are compared; domains and aspects only where both years define them the same
    way (same id, name, weight and indicators), otherwise marked ≠. A year missing from a
    file is taken from its name (siantar-2021.xlsx). Examples:

      spbe compare examples/pematangsiantar-20*.xlsx

      spbe compare lhe-2019.xlsx lhe-2021.xlsx -F lhe-2019.xlsx=5/2018

      spbe compare rekap.xlsx --format json > tren.json

      spbe compare 2023.xlsx 2024.xlsx --fail-on-regression --domain 4
    """
    from spbe_cli.problems import InputError

    lang = lang_of(language)
    try:
        options = read_options(layout.value, agency, allow_missing)
        points = load_points(files, framework or [], sheet=sheet, options=options, lang=lang)
    except InputError as error:
        from spbe_cli.cli.output import fail_input

        fail_input(error, lang)
    comparison = build(points, lang)
    check = regression_check(comparison, domain, lang) if fail_on_regression or domain else None
    print_comparison(comparison, check, output_format.value, lang)
    if check is not None:
        report_regressions(check, lang, fail_on_regression)


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Reader options shared by every file."""

    layout: Literal["auto", "long", "wide"]
    agency: str | None
    allow_missing: bool

    def read(self, path: Path, framework: Framework, sheet: str | None) -> ReadResult:
        """``read_assessments`` with these options."""
        from spbe_cli.readers import read_assessments

        return read_assessments(
            str(path),
            framework,
            sheet=sheet,
            layout=self.layout,
            agency=self.agency,
            allow_missing=self.allow_missing,
        )


def read_options(layout: str, agency: str | None, allow_missing: bool) -> ReadOptions:
    """Options from the command line's values."""
    kind: Literal["auto", "long", "wide"] = (
        "long" if layout == "long" else "wide" if layout == "wide" else "auto"
    )
    return ReadOptions(kind, agency, allow_missing)


def load_points(
    files: Sequence[Path],
    framework_values: Sequence[str],
    *,
    sheet: str | None,
    options: ReadOptions,
    lang: Lang,
) -> list[Point]:
    """Read and score every file (each sheet named by a year, when there are such sheets)."""
    from spbe_cli.cli.progress import progress
    from spbe_cli.problems import InputError

    every, per_file = _framework_options(files, framework_values, lang)
    known = _bundled()
    points: list[Point] = []
    errors: list[InputError] = []
    with progress("Membaca" if lang == "id" else "Reading", total=len(files)) as advance:
        for path in files:
            option = per_file.get(str(path), every)
            try:
                for one_sheet in _sheets(path, sheet):
                    points.extend(_read_file(path, one_sheet, option, known, options, lang))
            except InputError as error:
                errors.append(error)
            advance(1)
    if errors:
        raise (
            errors[0]
            if len(errors) == 1
            else InputError(
                ", ".join(e.source for e in errors), [p for e in errors for p in e.problems]
            )
        )
    return points


def _framework_options(
    files: Sequence[Path], values: Sequence[str], lang: Lang
) -> tuple[Framework | None, dict[str, Framework]]:
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.compare import CompareError, split_framework_options
    from spbe_cli.framework import load_framework
    from spbe_cli.i18n import Text

    try:
        every, per_file = split_framework_options(values, [str(f) for f in files])
    except CompareError as error:
        fail_usage(Text(str(error), str(error)), lang)
    return (
        load_framework(every) if every else None,
        {file: load_framework(name) for file, name in per_file.items()},
    )


def _bundled() -> list[Framework]:
    """The bundled frameworks that are installed, newest first."""
    from spbe_cli.framework import bundled_frameworks, load_framework
    from spbe_cli.problems import InputError

    found = []
    for name in bundled_frameworks():
        try:
            found.append(load_framework(name))
        except InputError:
            continue
    return sorted(found, key=lambda f: f.applies_from or 0, reverse=True)


def _sheets(path: Path, sheet: str | None) -> list[str | None]:
    """``[sheet]``, or every sheet named by a year when there are two or more."""
    if sheet is not None or path.suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".ods"):
        return [sheet]
    from spbe_cli.readers import sheet_names

    names = sheet_names(path)  # raises InputError for a bad file, as the reader would
    by_year: list[str | None] = [n for n in names if YEAR_IN_NAME.search(n)]
    return by_year if len(by_year) >= 2 else [None]


def _read_file(
    path: Path,
    sheet: str | None,
    option: Framework | None,
    known: list[Framework],
    options: ReadOptions,
    lang: Lang,
) -> list[Point]:
    """Read one sheet, then score each agency-year under its framework (reading the sheet
    once more for each other framework some of its years need)."""
    from spbe_cli.cli.output import warn_problems
    from spbe_cli.compare import Point, choose_framework, framework_for_year
    from spbe_cli.engine import score
    from spbe_cli.framework import load_framework

    year = year_hint(path, sheet)
    default = load_framework(None)
    first = option or framework_for_year(year, known) or default
    used, read = _read_any(path, sheet, first, [] if option else known, options)
    warn_problems(read.warnings, lang)
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
    from spbe_cli.compare import agency_key

    return agency_key(assessment.agency), assessment.year


def _read_again(
    path: Path, sheet: str | None, fw: Framework, options: ReadOptions, year: int | None
) -> dict[tuple[str, int | None], Assessment]:
    """The sheet read under ``fw``, by agency and year; a failure says how to choose."""
    from spbe_cli.i18n import Text
    from spbe_cli.problems import InputError, Problem

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


def year_hint(path: Path, sheet: str | None) -> int | None:
    """A year in the sheet name, else in the file name (``siantar-2021.xlsx``)."""
    for text in (sheet or "", path.stem):
        found = YEAR_IN_NAME.findall(text)
        if len(found) == 1:
            return int(found[0])
    return None


def _read_any(
    path: Path, sheet: str | None, first: Framework, others: list[Framework], options: ReadOptions
) -> tuple[Framework, ReadResult]:
    """Read under ``first``; when that fails, under each other framework, newest first.
    The first framework's problems are reported when none fits."""
    from spbe_cli.problems import InputError

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
    from spbe_cli.compare import match_framework_name
    from spbe_cli.framework import load_framework

    return match_framework_name(text, known) or load_framework(text)


# -- comparing and printing -----------------------------------------------------------------


def build(points: list[Point], lang: Lang) -> Comparison:
    """The comparison, or exit 2 when an agency appears twice in one year."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.compare import CompareError, compare
    from spbe_cli.i18n import Text

    try:
        return compare(points)
    except CompareError as error:
        fail_usage(Text(f"tidak dapat dibandingkan: {error}", f"cannot compare: {error}"), lang)


def regression_check(comparison: Comparison, domain: str | None, lang: Lang) -> RegressionCheck:
    """Falls in each agency's latest year; exits 2 for a domain no framework defines."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.compare import domain_ids, find_regressions
    from spbe_cli.i18n import Text

    frameworks = {id(p.framework): p.framework for s in comparison.series for p in s.points}
    if domain is not None and domain not in domain_ids(frameworks.values()):
        known = ", ".join(sorted(domain_ids(frameworks.values())))
        fail_usage(
            Text(
                f"domain '{domain}' tidak ada (ada: {known})",
                f"there is no domain '{domain}' (known: {known})",
            ),
            lang,
        )
    return find_regressions(comparison, domain)


def print_comparison(
    comparison: Comparison, check: RegressionCheck | None, output_format: str, lang: Lang
) -> None:
    """Table, JSON, CSV or Markdown on stdout."""
    from spbe_cli.cli.output import stdout_console, write_data
    from spbe_cli.render import compare as view
    from spbe_cli.render import data

    if output_format == "json":
        falls = None if check is None else [regression_dict(r) for r in check.regressions]
        write_data(data.dumps_json(view.compare_document(comparison, falls)))
    elif output_format == "csv":
        write_data(data.csv_text(view.COMPARE_HEADER, view.compare_rows(comparison, lang)))
    elif output_format == "markdown":
        parts = []
        for series in comparison.series:
            header, rows = view.compare_markdown_rows(series, lang)
            parts.append(f"### {series.agency or ''}\n\n" + data.markdown_table(header, rows))
        write_data("\n".join(parts))
    else:
        stdout_console().print(view.compare_view(comparison, lang))


def regression_dict(regression: Regression) -> dict[str, object]:
    """A fall as JSON: agency, years, what fell, by how much."""
    from spbe_cli.render.data import number

    return {
        "agency": regression.series.agency,
        "from": regression.step.before.year,
        "to": regression.step.after.year,
        "domain": regression.domain,
        "change": number(regression.delta),
    }


def report_regressions(check: RegressionCheck, lang: Lang, fail: bool) -> None:
    """Falls and unchecked agencies on stderr; exit 1 under ``--fail-on-regression``."""
    from spbe_cli.cli.output import EXIT_BELOW_THRESHOLD, say
    from spbe_cli.i18n import Text

    for item in check.unchecked:
        say(
            Text(
                f"{item.agency or '-'}: domain tidak dapat dibandingkan antara dua tahun "
                "terakhir (kerangka berbeda atau tidak ada)",
                f"{item.agency or '-'}: the domain cannot be compared between the last two "
                "years (frameworks differ or it is absent)",
            ),
            lang,
            style="yellow",
        )
    for fall in check.regressions:
        what = f"domain {fall.domain}" if fall.domain else "Indeks SPBE"
        what_en = f"domain {fall.domain}" if fall.domain else "SPBE index"
        span = f"{fall.step.before.year}→{fall.step.after.year}"
        say(
            Text(
                f"Turun: {fall.series.agency or '-'} {what} {span} {fall.delta:+.2f}",
                f"Fell: {fall.series.agency or '-'} {what_en} {span} {fall.delta:+.2f}",
            ),
            lang,
            style="red",
        )
    if fail and check.regressions:
        sys.stderr.flush()
        raise typer.Exit(EXIT_BELOW_THRESHOLD)
