"""``spbe score``: the index, domains, aspects, rating and gap of one or many agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    AgencyOpt,
    AllOpt,
    AllowMissingOpt,
    FrameworkOpt,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    ManyFormat,
    ManyFormatOpt,
    SheetOpt,
    TargetOpt,
    TrackOpt,
    YearOpt,
)


def score(
    files: Annotated[
        list[Path],
        typer.Argument(
            help=h(
                "Buku kerja (.xlsx .xlsm .xls .ods) atau berkas .csv berisi tingkat; - membaca "
                "CSV dari stdin.",
                "Workbooks (.xlsx .xlsm .xls .ods) or .csv files with the levels; - reads CSV "
                "from stdin.",
            ),
            show_default=False,
            metavar="FILE",
        ),
    ],
    framework: FrameworkOpt = None,
    target: TargetOpt = None,
    fail_under: Annotated[
        str | None,
        typer.Option(
            "--fail-under",
            help=h(
                "Keluar dengan status 1 bila indeks (angka yang diumumkan) di bawah angka atau "
                "predikat ini. Untuk CI.",
                "Exit with status 1 when an index (published figure) is below this number or "
                "rating name. For CI.",
            ),
            show_default=False,
        ),
    ] = None,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail",
            "-d",
            help=h(
                "Cantumkan semua indikator, bukan hanya yang teratas.",
                "List every indicator, not only the top.",
            ),
        ),
    ] = False,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            min=0,
            help=h(
                "Berapa indikator dengan kenaikan terbesar per tingkat yang ditampilkan "
                "(keluaran tabel).",
                "How many indicators with the largest gain per level to show (table output).",
            ),
        ),
    ] = 5,
    output_format: ManyFormatOpt = ManyFormat.table,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    allow_missing: AllowMissingOpt = False,
    track: TrackOpt = None,
    show_all: AllOpt = False,
    language: LangOpt = Language.id,
) -> None:
    """Score agencies: the index (Indeks SPBE or Indeks Pemdi), its parts, rating, gap.

    One agency (a sheet with a row per indicator) gives the full picture; a workbook with a
    row per agency gives a ranking. Examples:

      spbe score examples/pematangsiantar-2021.xlsx

      spbe score examples/pemdi-aceh-tengah-2026.xlsx --format json > hasil.json

      spbe score examples/pemdi-aceh-tengah-2026.xlsx --target "sangat baik" --detail --lang en

      spbe score examples/pemdi-aceh-tengah-2026.xlsx --fail-under 2.6   # exit status 1 when below
    """
    from spbe_cli.cli.scoring import run_score

    run_score(
        files,
        framework=framework,
        target=target,
        fail_under=fail_under,
        output_format=output_format.value,
        detail=detail,
        top=top,
        sheet=sheet,
        layout=layout.value,
        agency=agency,
        year=year,
        allow_missing=allow_missing,
        track=track,
        show_all=show_all,
        language=language,
    )


HELP = h(
    """Nilai instansi: indeks (Indeks SPBE atau Indeks Pemdi), bagiannya, predikat, selisih.

    Satu instansi (lembar dengan satu baris per indikator) memberi gambaran lengkap; buku
    kerja dengan satu baris per instansi memberi peringkat. Contoh:

      spbe score examples/pematangsiantar-2021.xlsx

      spbe score examples/pemdi-aceh-tengah-2026.xlsx --format json > hasil.json

      spbe score examples/pemdi-aceh-tengah-2026.xlsx --target "sangat baik" --detail --lang en

      spbe score examples/pemdi-aceh-tengah-2026.xlsx --fail-under 2.6   # status keluar 1 bila di bawahnya
    """,
    score.__doc__ or "",
)
"""The help of ``spbe score``: Indonesian, and the docstring above in English."""
