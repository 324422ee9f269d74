"""``spbe compare``: one agency (or many) across evaluation years, across frameworks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    AgencyOpt,
    AllowMissingOpt,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    ManyFormat,
    ManyFormatOpt,
    SheetOpt,
    lang_of,
)

if TYPE_CHECKING:
    from spbe_cli.compare import Comparison, Point, RegressionCheck
    from spbe_cli.i18n import Lang


def compare(
    files: Annotated[
        list[Path],
        typer.Argument(
            help=h(
                "Buku kerja atau berkas CSV, satu per tahun; atau satu buku kerja dengan satu "
                "lembar per tahun (lembar dinamai tahunnya) atau kolom tahun.",
                "Workbooks or CSV files, one per year; or one workbook with a "
                "sheet per year (sheets named by the year) or a tahun column.",
            ),
            show_default=False,
        ),
    ],
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework",
            "-F",
            help=h(
                "Kerangka untuk satu berkas, FILE=NAME (ulangi per berkas), atau NAME untuk "
                "semua berkas. Bawaan: yang disebut berkas di sel kerangka/framework, jika "
                "tidak, kerangka tahunnya.",
                "Framework of one file, FILE=NAME (repeat "
                "per file), or NAME for every file. Default: what the file names in a "
                "kerangka/framework cell, else the year's framework.",
            ),
            show_default=False,
        ),
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help=h(
                "Keluar dengan status 1 bila indeks instansi (angka yang diumumkan) turun dari "
                "tahun sebelumnya ke tahun terakhir. Untuk CI.",
                "Exit with status 1 when an agency's index "
                "(published figure) fell from its previous year to its latest. For CI.",
            ),
        ),
    ] = False,
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            help=h(
                "Bersama --fail-on-regression: gagal juga bila indeks domain ini turun (hanya "
                "jika kedua tahun mendefinisikannya dengan cara yang sama).",
                "With --fail-on-regression: also fail when this "
                "domain's index fell (only where both years define it the same way).",
            ),
            show_default=False,
        ),
    ] = None,
    output_format: ManyFormatOpt = ManyFormat.table,
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

      spbe compare examples/pematangsiantar-2021.xlsx examples/pemdi-aceh-tengah-2026.xlsx

      spbe compare examples/pematangsiantar-20*.xlsx --format json > tren.json

      spbe compare examples/pematangsiantar-2022.xlsx examples/pematangsiantar-2024.xlsx --fail-on-regression --domain 4
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import emit
    from spbe_cli.views.compare import compare_view

    lang = lang_of(language)
    refuse_clobber(STDOUT, [*files, *(f.rpartition("=")[2] for f in framework or [])], lang)
    points = _load(files, framework or [], sheet, layout.value, agency, allow_missing, lang)
    comparison = build(points, lang)
    check = regression_check(comparison, domain, lang) if fail_on_regression or domain else None
    emit("compare", output_format.value, compare_view(comparison, check), lang)
    if check is not None:
        report_regressions(check, lang, fail_on_regression)


def _load(
    files: list[Path],
    frameworks: list[str],
    sheet: str | None,
    layout: str,
    agency: str | None,
    allow_missing: bool,
    lang: Lang,
) -> list[Point]:
    """:func:`spbe_cli.loading.load_points` with a progress bar and warnings on stderr."""
    from spbe_cli.cli.output import fail_input, warn_problems
    from spbe_cli.cli.progress import progress
    from spbe_cli.loading import load_points
    from spbe_cli.problems import InputError

    try:
        with progress("Membaca" if lang == "id" else "Reading", total=len(files)) as advance:
            return load_points(
                files,
                frameworks,
                sheet=sheet,
                layout=layout,
                agency=agency,
                allow_missing=allow_missing,
                on_read=lambda read: warn_problems(read.warnings, lang),
                progress=advance,
            )
    except InputError as error:
        fail_input(error, lang)


# -- comparing and reporting ----------------------------------------------------------------


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
    from spbe_cli.compare import find_regressions, top_ids
    from spbe_cli.i18n import Text

    frameworks = {id(p.framework): p.framework for s in comparison.series for p in s.points}
    if domain is not None and domain not in top_ids(frameworks.values()):
        known = ", ".join(sorted(top_ids(frameworks.values())))
        fail_usage(
            Text(
                f"domain '{domain}' tidak ada (ada: {known})",
                f"there is no domain '{domain}' (known: {known})",
            ),
            lang,
        )
    return find_regressions(comparison, domain)


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
        fw = fall.step.after.framework
        top = fw.group_tiers[0] if fw.group_tiers else fw.leaf_tier
        what = f"{top.label('id').lower()} {fall.domain}" if fall.domain else fw.index_label("id")
        what_en = (
            f"{top.label('en').lower()} {fall.domain}" if fall.domain else fw.index_label("en")
        )
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


HELP = h(
    """Bandingkan tahun: indeks, domain, aspek, perubahan, predikat, indikator naik dan turun.

    Setiap tahun dinilai dengan kerangkanya sendiri: --framework FILE=NAME, jika tidak,
    kerangka yang disebut berkas (sel atau kolom kerangka), jika tidak, tahunnya yang
    menentukan (2018-2020: permenpanrb-5-2018, 2021 dan sesudahnya: permenpanrb-59-2020).
    Antarkerangka, indeks dan predikat dibandingkan; domain dan aspek hanya bila kedua
    tahun mendefinisikannya dengan cara yang sama (id, nama, bobot dan indikator yang
    sama), selain itu ditandai ≠. Tahun yang tidak ada di berkas diambil dari namanya
    (siantar-2021.xlsx). Contoh:

      spbe compare examples/pematangsiantar-20*.xlsx

      spbe compare examples/pematangsiantar-2021.xlsx examples/pemdi-aceh-tengah-2026.xlsx

      spbe compare examples/pematangsiantar-20*.xlsx --format json > tren.json

      spbe compare examples/pematangsiantar-2022.xlsx examples/pematangsiantar-2024.xlsx --fail-on-regression --domain 4
    """,
    compare.__doc__ or "",
)
"""The help of ``spbe compare``: Indonesian, and the docstring in English."""
