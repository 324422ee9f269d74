"""``spbe report``: an Excel, HTML or Markdown report to hand to the agency's leaders."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    AgencyOpt,
    AllowMissingOpt,
    FrameworkOpt,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    SheetOpt,
    TargetOpt,
    TrackOpt,
    YearOpt,
    lang_of,
)

if TYPE_CHECKING:
    from spbe_cli.engine import Result
    from spbe_cli.i18n import Lang
    from spbe_cli.writers.report_labels import PlanView, Report


class ReportFormat(StrEnum):
    """Report file formats."""

    xlsx = "xlsx"
    html = "html"
    md = "md"


SUFFIXES = {
    ".xlsx": ReportFormat.xlsx,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".md": ReportFormat.md,
    ".markdown": ReportFormat.md,
}


def report(
    files: Annotated[
        list[Path],
        typer.Argument(
            help=h(
                "Buku kerja (.xlsx .xlsm .xls .ods) atau berkas .csv berisi tingkat.",
                "Workbooks (.xlsx .xlsm .xls .ods) or .csv files with the levels.",
            ),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=h(
                "Berkas laporan: .xlsx, .html atau .md (akhiran nama menentukan formatnya).",
                "The report file: .xlsx, .html or .md (the suffix picks the format).",
            ),
            show_default=False,
        ),
    ],
    report_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=h(
                "xlsx, html atau md, bila akhiran nama berkas tidak menunjukkannya.",
                "xlsx, html or md, when the file name's suffix does not say.",
            ),
            show_default=False,
        ),
    ] = None,
    plan: Annotated[
        bool,
        typer.Option("--plan", help=h(
            "Sertakan rencana menuju target (hanya satu instansi).",
            "Add the plan to the target (one agency only).",
        )),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help=h(
            "Timpa berkas keluaran bila sudah ada.",
            "Overwrite the output file if it exists.",
        ))
    ] = False,
    framework: FrameworkOpt = None,
    target: TargetOpt = None,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    allow_missing: AllowMissingOpt = False,
    track: TrackOpt = None,
    language: LangOpt = Language.id,
) -> None:
    """Write a report for leaders: Excel workbook, one-file HTML page or Markdown.

    One agency gives its index, rating, target and gap, domains, aspects and indicators,
    with charts (and the plan to the target with --plan). Many agencies give a ranking;
    one agency over several years gives a trend. Indonesian by default (--lang en).
    An existing file is not overwritten without --force. Examples:

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.xlsx

      spbe report isian.xlsx -o laporan.html --plan --target baik

      spbe report rekap.xlsx -o peringkat.md --lang en

      spbe report isian.xlsx -o laporan.xlsx --force   # replace an older report
    """
    lang = lang_of(language)
    chosen = _format_of(output, report_format, lang)
    _refuse_existing(output, force, lang)
    from spbe_cli.cli.scoring import load_and_score

    scored = load_and_score(
        files,
        framework=framework,
        target=target,
        sheet=sheet,
        layout=layout.value,
        agency=agency,
        year=year,
        allow_missing=allow_missing,
        track=track,
        lang=lang,
    )
    results = [s.result for s in scored]
    if plan and len(results) != 1:
        _usage("--plan berlaku untuk satu instansi", "--plan applies to one agency", lang)
    content = _build(results, scored[0].source, plan, lang)
    _write(content, output, chosen, force, lang)


def _usage(indonesian: str, english: str, lang: Lang) -> NoReturn:
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.i18n import Text

    fail_usage(Text(indonesian, english), lang)


def _format_of(output: Path, given: ReportFormat | None, lang: Lang) -> ReportFormat:
    """The format from ``--format``, else from the output's suffix; exit 2 if neither."""
    if given is not None:
        return given
    found = SUFFIXES.get(output.suffix.lower())
    if found is None:
        _usage(
            f"format laporan tidak dikenali dari '{output.name}': pakai .xlsx, .html atau .md, "
            "atau --format",
            f"cannot tell the report format from '{output.name}': use .xlsx, .html or .md, "
            "or --format",
            lang,
        )
    return found


def _refuse_existing(output: Path, force: bool, lang: Lang) -> None:
    if output.exists() and not force:
        _usage(
            f"{output} sudah ada dan tidak ditimpa (pakai --force untuk menimpanya)",
            f"{output} already exists and was not overwritten (use --force to replace it)",
            lang,
        )


def _build(results: list[Result], source: str, with_plan: bool, lang: Lang) -> Report:
    from spbe_cli.writers.report_labels import ranking_report, single_report

    if len(results) > 1:
        return ranking_report(results, lang)
    result = results[0]
    plan_view = _plan_view(result) if with_plan else None
    return single_report(result, lang, source=Path(source).name, plan=plan_view)


def _plan_view(result: Result) -> PlanView:
    """The least-effort plan to ``result.target`` (the planner's defaults) for the report."""
    from spbe_cli.planner import plan
    from spbe_cli.writers.report_labels import plan_view

    return plan_view(plan(result, result.target))


def _write(content: Report, output: Path, chosen: ReportFormat, force: bool, lang: Lang) -> None:
    from spbe_cli.cli.output import say
    from spbe_cli.i18n import Text
    from spbe_cli.writers.atomic import OutputExistsError

    try:
        if chosen is ReportFormat.xlsx:
            from spbe_cli.writers.report_xlsx import write_report_xlsx as write
        elif chosen is ReportFormat.html:
            from spbe_cli.writers.report_html import write_report_html as write
        else:
            from spbe_cli.writers.report_md import write_report_md as write
        write(content, output, force=force)
    except OutputExistsError:
        _refuse_existing(output, False, lang)
    except OSError as error:
        _usage(
            f"tidak dapat menulis {output}: {error.strerror or error}",
            f"cannot write {output}: {error.strerror or error}",
            lang,
        )
    say(Text(f"Laporan ditulis: {output}", f"Report written: {output}"), lang)


HELP = h(
    """Tulis laporan untuk pimpinan: buku kerja Excel, satu halaman HTML, atau Markdown.

    Satu instansi memberi indeks, predikat, target dan selisihnya, domain, aspek dan
    indikator, dengan grafik (dan rencana menuju target dengan --plan). Banyak instansi
    memberi peringkat; satu instansi dalam beberapa tahun memberi tren. Berbahasa
    Indonesia kecuali diminta lain (--lang en). Berkas yang sudah ada tidak ditimpa tanpa
    --force. Contoh:

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.xlsx

      spbe report isian.xlsx -o laporan.html --plan --target baik

      spbe report rekap.xlsx -o peringkat.md --lang en

      spbe report isian.xlsx -o laporan.xlsx --force   # ganti laporan lama
    """,
    report.__doc__ or "",
)
"""The help of ``spbe report``: Indonesian, and the docstring in English."""
