"""``spbe report``: an Excel, HTML or Markdown report to hand to the agency's leaders."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from spbe_cli.cli.commands.plan import (
    GroupBy,
    Limits,
    _effort_file,
    _locked,
    _plan,
    rounds_until,
)
from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    AgencyOpt,
    AllowMissingOpt,
    EffortOpt,
    EvidenceDirOpt,
    EvidenceItemsOpt,
    FrameworkOpt,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    LockOpt,
    MaxLevelOpt,
    MaxStepOpt,
    SheetOpt,
    TargetOpt,
    TrackOpt,
    UntilOpt,
    YearOpt,
    lang_of,
)

if TYPE_CHECKING:
    import datetime

    from spbe_cli.i18n import Lang
    from spbe_cli.loading import Scored
    from spbe_cli.views.report import Extras, ReportView
    from spbe_cli.writers.report_document import Logo


class ReportFormat(StrEnum):
    """Report file formats (``--format``; :data:`spbe_cli.writers.registry.FORMATS`)."""

    xlsx = "xlsx"
    html = "html"
    md = "md"


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
    with_plan: Annotated[
        bool,
        typer.Option(
            "--plan",
            help=h(
                "Tidak berpengaruh lagi (diterima demi kompatibilitas): laporan satu instansi "
                "selalu memuat rencana menuju target, kecuali target sudah tercapai.",
                "No effect any more (accepted for compatibility): a one-agency report always "
                "holds the plan to the target, unless the target is already reached.",
            ),
        ),
    ] = False,
    max_step: MaxStepOpt = None,
    max_level: MaxLevelOpt = None,
    until: UntilOpt = None,
    lock: LockOpt = None,
    effort: EffortOpt = None,
    by: Annotated[
        GroupBy,
        typer.Option(
            "--by",
            help=h(
                "Rencana di rincian: step menurut putaran dan tambahan nilai; opd: "
                "dikelompokkan per OPD.",
                "The plan in the details: step by round and gain; opd: grouped per OPD.",
            ),
        ),
    ] = GroupBy.step,
    prepared_by: Annotated[
        str | None,
        typer.Option(
            "--prepared-by",
            metavar="NAME",
            help=h(
                "Nama di bawah 'Disusun oleh' pada blok tanda tangan (bawaan: garis kosong).",
                "The name under 'Prepared by' in the signature block (default: a blank line).",
            ),
            show_default=False,
        ),
    ] = None,
    approved_by: Annotated[
        str | None,
        typer.Option(
            "--approved-by",
            metavar="NAME",
            help=h(
                "Nama di bawah 'Mengetahui' pada blok tanda tangan (bawaan: garis kosong).",
                "The name under 'Acknowledged by' (Mengetahui) in the signature block "
                "(default: a blank line).",
            ),
            show_default=False,
        ),
    ] = None,
    logo: Annotated[
        Path | None,
        typer.Option(
            "--logo",
            metavar="FILE",
            help=h(
                "Logo PNG atau JPEG (paling besar 2 MiB) di kepala laporan, disematkan dalam "
                "berkas (HTML dan Excel; Markdown tidak memuat gambar).",
                "A PNG or JPEG logo (at most 2 MiB) for the report's header, embedded in "
                "the file (HTML and Excel; Markdown holds no images).",
            ),
            show_default=False,
        ),
    ] = None,
    made: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="TANGGAL",
            help=h(
                "Tanggal laporan, 2026-12-02 atau 02-12-2026 (bawaan: hari ini).",
                "The report's date, 2026-12-02 or 02-12-2026 (default: today).",
            ),
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=h(
                "Timpa berkas keluaran bila sudah ada.",
                "Overwrite the output file if it exists.",
            ),
        ),
    ] = False,
    framework: FrameworkOpt = None,
    target: TargetOpt = None,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    allow_missing: AllowMissingOpt = False,
    track: TrackOpt = None,
    evidence_dir: EvidenceDirOpt = None,
    evidence_items: EvidenceItemsOpt = None,
    language: LangOpt = Language.id,
) -> None:
    """Write a report for leaders: Excel workbook, one-file HTML page or Markdown.

    One agency: the first page answers where we are (index, rating, its range and the
    next one), where we must get (target, gap), what to do (the raises of the plan that
    add most, with their OPDs) and who does it (work per OPD), with the framework and any
    assumption stated, the date (--date) and a signature block (--prepared-by,
    --approved-by, --logo). The details follow: domains, aspects and indicators with
    charts, the plan (the same as spbe plan with the same --max-step, --max-level, --until, --lock,
    --effort, --by; left out once the target is reached) and the ratings explained. Many
    agencies give a ranking; one agency over several years gives a trend (what rose and
    fell). Indonesian by default (--lang en). An existing file is not overwritten without
    --force. Examples:

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.xlsx

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.html --until 2027 --by opd

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.html --prepared-by "Kepala Diskominfo"

      spbe report examples/agencies-2021.xlsx -o peringkat.md --lang en

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.xlsx --force   # replace an older report
    """
    lang = lang_of(language)
    chosen = _format_of(output, report_format, lang)
    from spbe_cli.cli.clobber import refuse_clobber
    from spbe_cli.cli.scoring import framework_path

    refuse_clobber(output, [*files, logo, effort, evidence_items, framework_path(framework)], lang)
    _refuse_existing(output, force, lang)
    picture = _logo(logo, lang) if logo is not None else None
    day = _date(made, lang) if made is not None else None
    from spbe_cli.cli.scoring import evidence_report, load_and_score

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
    plan_options = {
        "--plan": with_plan,
        "--max-step": max_step is not None,
        "--max-level": max_level is not None,
        "--until": until is not None,
        "--lock": bool(lock),
        "--effort": effort is not None,
        "--by": by is not GroupBy.step,
    }
    given = [name for name, used in plan_options.items() if used]
    if given and len(scored) != 1:
        names = ", ".join(given)
        _usage(f"{names} berlaku untuk satu instansi", f"{names} applies to one agency", lang)
    from spbe_cli.views.report import Extras

    extras = Extras(
        prepared_by=prepared_by,
        approved_by=approved_by,
        logo=picture,
        **({"made": day} if day is not None else {}),
    )
    if len(scored) > 1:
        from spbe_cli.views.report import many_view

        view = many_view([s.result for s in scored], lang, extras=extras)
    else:
        one = scored[0]
        fw = one.result.framework
        limits = (
            _effort_file(effort, fw, lang) if effort is not None else None,
            fw.planning.max_step if max_step is None else max_step,
            max_level,
            _locked(lock or [], fw, lang),
        )
        evidence = (
            evidence_report(one, evidence_dir, evidence_items, lang, track)
            if evidence_dir is not None or evidence_items is not None
            else None
        )
        view = _single(one, limits, rounds_until(one, until, lang), by, extras, lang, evidence)
    _write(view, output, chosen, force, lang)


def _single(
    scored: Scored,
    limits: Limits,
    rounds: int | None,
    by: GroupBy,
    extras: Extras,
    lang: Lang,
    evidence: Any = None,
) -> ReportView:
    """The view of the one-agency report with the plan ``spbe plan`` gives for the same options: with
    an evidence check the plan starts, as ``plan --dir`` does, from the evidenced values
    (a plan never counts on a claim that will fall), and the report says so."""
    from spbe_cli.views.report import single_view

    result = scored.result
    start = scored
    if evidence is not None:
        from dataclasses import replace

        start = replace(scored, result=evidence.plan_start(result))
    the_plan = None if start.result.target_reached else _plan(start, limits, rounds, lang)
    return single_view(
        result,
        lang,
        source=Path(scored.source).name,
        plan=the_plan,
        by_opd=by is GroupBy.opd,
        extras=extras,
        evidence=evidence,
    )


def _logo(path: Path, lang: Lang) -> Logo:
    """The ``--logo`` image; exits 2 when it is not a PNG or JPEG of at most 2 MiB."""
    from spbe_cli.writers.report_logo import LogoError, read_logo

    try:
        return read_logo(path)
    except LogoError as error:
        from spbe_cli.cli.output import fail_usage

        fail_usage(error.text, lang)


def _date(text: str, lang: Lang) -> datetime.date:
    """``--date``: ``YYYY-MM-DD`` or ``DD-MM-YYYY`` (the order Indonesian forms use)."""
    import datetime

    value = text.strip().replace("/", "-")
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    _usage(
        f"--date '{text}' bukan tanggal (tulis 2026-12-02 atau 02-12-2026)",
        f"--date '{text}' is not a date (write 2026-12-02 or 02-12-2026)",
        lang,
    )


def _usage(indonesian: str, english: str, lang: Lang) -> NoReturn:
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.i18n import Text

    fail_usage(Text(indonesian, english), lang)


def _format_of(output: Path, given: ReportFormat | None, lang: Lang) -> str | None:
    """``--format``'s name, else ``None`` when the output's suffix picks the writer
    (:func:`spbe_cli.writers.registry.suffix_of`); exit 2 if neither names a format."""
    from spbe_cli.writers.registry import suffix_of

    fmt = None if given is None else given.value
    if suffix_of(output, fmt) is None:
        _usage(
            f"format laporan tidak dikenali dari '{output.name}': pakai .xlsx, .html atau .md, "
            "atau --format",
            f"cannot tell the report format from '{output.name}': use .xlsx, .html or .md, "
            "or --format",
            lang,
        )
    return fmt


def _refuse_existing(output: Path, force: bool, lang: Lang) -> None:
    if output.exists() and not force:
        _usage(
            f"{output} sudah ada dan tidak ditimpa (pakai --force untuk menimpanya)",
            f"{output} already exists and was not overwritten (use --force to replace it)",
            lang,
        )


def _write(view: ReportView, output: Path, fmt: str | None, force: bool, lang: Lang) -> None:
    """Write ``view`` in the format ``fmt`` names, else the one the output's suffix names
    (:func:`spbe_cli.writers.registry.write_report`)."""
    from spbe_cli.cli.output import say
    from spbe_cli.i18n import Text
    from spbe_cli.writers.atomic import OutputExistsError
    from spbe_cli.writers.registry import write_report

    try:
        write_report(view, output, fmt=fmt, force=force)
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

    Satu instansi: halaman pertama menjawab di mana kita sekarang (indeks, predikat,
    rentangnya dan predikat berikutnya), ke mana kita harus sampai (target, selisih), apa
    yang dilakukan (kenaikan dalam rencana yang paling menambah indeks, dengan OPD-nya)
    dan siapa yang mengerjakan (pembagian kerja per OPD), disertai kerangka dan setiap
    asumsi, tanggal (--date) dan blok tanda tangan (--prepared-by, --approved-by,
    --logo).
    Rinciannya menyusul: domain, aspek dan indikator dengan grafik, rencana (sama dengan
    spbe plan dengan --max-step, --max-level, --until, --lock, --effort, --by yang sama;
    tidak dimuat bila target sudah tercapai) dan arti predikat. Banyak instansi memberi
    peringkat; satu instansi dalam beberapa tahun memberi tren (apa yang naik dan turun).
    Berbahasa Indonesia kecuali diminta lain (--lang en). Berkas yang sudah ada tidak
    ditimpa tanpa --force. Contoh:

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.xlsx

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.html --until 2027 --by opd

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.html --prepared-by "Kepala Diskominfo"

      spbe report examples/agencies-2021.xlsx -o peringkat.md --lang en

      spbe report examples/pematangsiantar-2021.xlsx -o laporan.xlsx --force   # ganti laporan lama
    """,
    report.__doc__ or "",
)
"""The help of ``spbe report``: Indonesian, and the docstring in English."""
