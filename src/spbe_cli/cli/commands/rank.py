"""``spbe rank``: many agencies ranked per year, with rating counts, mean and median."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Unpack

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
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
    lang_of,
)

if TYPE_CHECKING:
    from spbe_cli.i18n import Lang
    from spbe_cli.loading import ScoreOptions
    from spbe_cli.ranking import Filter, YearRanking


def rank(
    files: Annotated[
        list[Path],
        typer.Argument(
            help=h(
                "Buku kerja atau berkas CSV dengan satu baris per instansi (dan tahun).",
                "Workbooks or CSV files with a row per agency (and year).",
            ),
            show_default=False,
        ),
    ],
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            "-n",
            min=1,
            help=h(
                "Tampilkan hanya N terbaik tiap tahun (setelah --where; statistik tetap "
                "mencakup semua instansi yang lolos --where).",
                "Show only the best N of each year (after "
                "--where; statistics still cover every agency that passes --where).",
            ),
            show_default=False,
        ),
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(
            "--where",
            "-w",
            help=h(
                "Simpan baris yang cocok; ulangi untuk DAN. KOLOM=N[,N] (salah satu), "
                "KOLOM!=N, KOLOM~TEKS (memuat), KOLOM>=N, <=, >, <. Kolom: instansi, tahun, "
                "predikat, indeks, kerangka, d1..d4.",
                "Keep rows that match; repeat for AND. "
                "FIELD=V[,V] (one of), FIELD!=V, FIELD~TEXT (contains), FIELD>=N, <=, "
                ">, <. Fields: instansi, tahun, predikat, indeks, kerangka, d1..d4.",
            ),
            show_default=False,
        ),
    ] = None,
    framework: FrameworkOpt = None,
    target: TargetOpt = None,
    output_format: ManyFormatOpt = ManyFormat.table,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    allow_missing: AllowMissingOpt = False,
    track: TrackOpt = None,
    show_all: AllOpt = False,
    language: LangOpt = Language.id,
) -> None:
    """Rank agencies per year: index, rating, domains; counts per rating, mean, median.

    Ranks are per evaluation year, best published index first; equal published figures
    share a rank. Ranks are taken before --where, so a row keeps its rank among all
    agencies of its year; the statistics (count and share per rating, exact mean and
    median rounded half-up, how many reach the target) describe the rows --where keeps.
    Examples:

      spbe rank examples/agencies-2021.xlsx

      spbe rank examples/agencies-2021.xlsx --where tahun=2021 --where "instansi~kota" --top 10

      spbe rank examples/agencies-2021.xlsx --where predikat=Kurang,Cukup --format csv > kurang.csv

      spbe rank examples/agencies-2021.xlsx --where "indeks>=2.6" --format json
    """
    from spbe_cli.cli.output import emit
    from spbe_cli.views.rank import rank_view

    lang = lang_of(language)
    filters = parse_where(where or [], lang)
    rankings = load_rankings(
        files,
        framework=framework,
        target=target,
        sheet=sheet,
        layout=layout.value,
        allow_missing=allow_missing,
        track=track,
        lang=lang,
        filters=filters,
        top=top,
    )
    emit("rank", output_format.value, rank_view(rankings), lang, show_all=show_all)


def parse_where(texts: list[str], lang: Lang) -> list[Filter]:
    """``--where`` expressions, or exit 2 naming the bad one."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.i18n import Text
    from spbe_cli.ranking import FilterError, parse_filters

    try:
        return parse_filters(texts)
    except FilterError as error:
        fail_usage(Text(f"--where {error}", f"--where {error}"), lang)


def load_rankings(
    files: list[Path],
    *,
    lang: Lang,
    filters: list[Filter],
    top: int | None,
    **options: Unpack[ScoreOptions],
) -> list[YearRanking]:
    """Read and score every file (with a spinner on a terminal), then rank per year."""
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import fail_input
    from spbe_cli.cli.progress import progress
    from spbe_cli.cli.scoring import framework_path, show_read
    from spbe_cli.loading import rank_files
    from spbe_cli.problems import InputError

    refuse_clobber(STDOUT, [*files, framework_path(options.get("framework"))], lang)
    try:
        with progress("Membaca dan menilai" if lang == "id" else "Reading and scoring"):
            return rank_files(files, where=filters, top=top, on_read=show_read(lang), **options)
    except InputError as error:
        fail_input(error, lang)


HELP = h(
    """Peringkat instansi per tahun: indeks, predikat, domain; jumlah per predikat, rerata, median.

    Peringkat dihitung per tahun evaluasi, indeks yang diumumkan tertinggi lebih dulu;
    angka yang diumumkan sama berbagi peringkat. Peringkat diambil sebelum --where, jadi
    setiap baris mempertahankan peringkatnya di antara semua instansi pada tahunnya;
    statistiknya (jumlah dan porsi per predikat, rata-rata dan median eksak yang
    dibulatkan setengah ke atas, berapa yang mencapai target) menggambarkan baris yang
    disaring --where. Contoh:

      spbe rank examples/agencies-2021.xlsx

      spbe rank examples/agencies-2021.xlsx --where tahun=2021 --where "instansi~kota" --top 10

      spbe rank examples/agencies-2021.xlsx --where predikat=Kurang,Cukup --format csv > kurang.csv

      spbe rank examples/agencies-2021.xlsx --where "indeks>=2.6" --format json
    """,
    rank.__doc__ or "",
)
"""The help of ``spbe rank``: Indonesian, and the docstring in English."""
