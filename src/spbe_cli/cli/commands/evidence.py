"""``spbe evidence``: is every claimed level backed by its *bukti dukung*?"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    AgencyOpt,
    FormatOpt,
    FrameworkOpt,
    InputFile,
    LangOpt,
    Language,
    OutputFormat,
    SheetOpt,
    TrackOpt,
    YearOpt,
    lang_of,
)


def evidence(
    file: InputFile,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            "-d",
            metavar="FOLDER",
            show_default=False,
            help=h(
                "Folder bukti dukung (satu subfolder per indikator, berkas seperti "
                "I13_L2_SK-Tim.pdf). Hanya nama, ukuran dan keutuhan PDF yang dibaca.",
                "The evidence folder (a subfolder per indicator, files such as "
                "I13_L2_SK-Tim.pdf). Only names, sizes and PDF integrity are read.",
            ),
        ),
    ] = None,
    items: Annotated[
        Path | None,
        typer.Option(
            "--items",
            "-i",
            metavar="FILE",
            show_default=False,
            help=h(
                "Daftar butir bukti dari aplikasi evaluasi (CSV/Excel: kode "
                "I{indikator}-L{level}-{NN}, status diterima/revisi/ditolak, catatan, OPD).",
                "The evidence item list from the evaluation application (CSV/Excel: code "
                "I{indicator}-L{level}-{NN}, status diterima/revisi/ditolak, note, OPD).",
            ),
        ),
    ] = None,
    track: TrackOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    framework: FrameworkOpt = None,
    sheet: SheetOpt = None,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    language: LangOpt = Language.id,
) -> None:
    """Evidence readiness: is every claimed level backed by its evidence (bukti dukung)?

    For each indicator, the claimed value (the self-assessment track, mandiri, when the file
    has one, else the scored track; --track picks another; report --dir and plan --from
    evidence check the same track) against the evidence found: PDFs in the folder matched to
    indicators and levels by their names (I13_L2_SK-Tim.pdf, Indikator 13/Level 2/...),
    the workbook's Bukti Dukung column where it lists files (it wins for its indicator),
    and the evaluation application's item list. Levels are cumulative: a claim of level 3
    needs evidence for levels 1, 2 and 3. Shows the index as claimed and as evidenced (the
    difference is the risk in index points), the claims that will not stand, per OPD, and
    every finding: files that match no indicator, empty, broken or non-PDF files,
    duplicate names, links (never followed). Files are never opened beyond their names,
    sizes and the PDF check. Examples:

      spbe evidence examples/pematangsiantar-2021.xlsx --dir examples/bukti-pematangsiantar-2021

      spbe evidence examples/pematangsiantar-2021.xlsx --dir examples/bukti-pematangsiantar-2021 --format json
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import emit, fail_input, fail_usage
    from spbe_cli.cli.scoring import framework_path
    from spbe_cli.evidence import check_assessment
    from spbe_cli.i18n import Text
    from spbe_cli.problems import InputError
    from spbe_cli.readers import read_assessments
    from spbe_cli.views.evidence import EvidenceView

    lang = lang_of(language)
    refuse_clobber(STDOUT, [file, items, framework_path(framework)], lang)
    if folder is None and items is None:
        fail_usage(
            Text(
                "beri --dir FOLDER, --items BERKAS, atau keduanya",
                "give --dir FOLDER, --items FILE, or both",
            ),
            lang,
        )
    try:
        read = read_assessments(
            file, framework, sheet=sheet, agency=agency, year=year, allow_missing=True, track=track
        )
    except InputError as error:
        fail_input(error, lang)
    if len(read.assessments) != 1:
        fail_usage(
            Text(
                f"{file}: {len(read.assessments)} instansi; bukti dukung diperiksa "
                "per instansi (satu berkas penilaian, satu folder)",
                f"{file}: {len(read.assessments)} agencies; evidence is checked per "
                "agency (one assessment file, one folder)",
            ),
            lang,
        )
    try:
        report = check_assessment(
            read.assessments[0],
            read.choices[0].framework,
            scan=folder,
            items=items,
            track=track and read.assessments[0].track,
        )
    except InputError as error:
        fail_input(error, lang)
    emit("evidence", output_format.value, EvidenceView(report), lang)


HELP = h(
    """Kesiapan bukti dukung: apakah setiap level yang diklaim didukung buktinya?

    Untuk setiap indikator, nilai yang diklaim (penilaian mandiri bila ada di berkas, bila
    tidak jalur yang dinilai; --track memilih yang lain; report --dir dan plan --from
    evidence memeriksa jalur yang sama) dibandingkan dengan bukti yang ditemukan: PDF di folder yang
    dicocokkan ke indikator dan level menurut namanya (I13_L2_SK-Tim.pdf, Indikator
    13/Level 2/...), kolom Bukti Dukung di berkas penilaian bila berisi nama berkas (kolom
    ini yang dipakai untuk indikatornya), dan daftar butir dari aplikasi evaluasi. Level
    bersifat kumulatif: klaim level 3 memerlukan bukti level 1, 2 dan 3. Menampilkan indeks
    menurut klaim dan menurut bukti (selisihnya adalah risiko dalam poin indeks), klaim
    yang tidak akan bertahan, per OPD, dan setiap temuan: berkas yang tidak menunjuk
    indikator, berkas kosong, rusak atau bukan PDF, nama ganda, tautan (tidak pernah
    dibuka). Berkas hanya dibaca nama, ukuran dan keutuhan PDF-nya. Contoh:

      spbe evidence examples/pematangsiantar-2021.xlsx --dir examples/bukti-pematangsiantar-2021

      spbe evidence examples/pematangsiantar-2021.xlsx --dir examples/bukti-pematangsiantar-2021 --format json
    """,
    evidence.__doc__ or "",
)
"""The help of ``spbe evidence``: Indonesian, and the docstring in English."""
