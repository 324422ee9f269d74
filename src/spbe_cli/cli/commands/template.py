"""``spbe template``: an input workbook for a team to fill in (written by writers/template)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    FrameworkOpt,
    LangOpt,
    Language,
    lang_of,
)


def template(
    output: Annotated[
        Path,
        typer.Argument(
            help=h(
                "Buku kerja .xlsx yang ditulis.",
                "The .xlsx workbook to write.",
            ),
            show_default=False,
        ),
    ],
    framework: FrameworkOpt = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=h(
                "Timpa berkas yang sudah ada.",
                "Overwrite an existing file.",
            ),
        ),
    ] = False,
    language: LangOpt = Language.id,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            help=h(
                "Nama instansi yang diisikan lebih dulu (Instansi).",
                "Agency name to pre-fill (Instansi).",
            ),
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=h(
                "Tahun evaluasi yang diisikan lebih dulu (Tahun).",
                "Evaluation year to pre-fill (Tahun).",
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write an input workbook to fill in: a row per indicator, live summary, instructions.

    The sheet Penilaian has a row per indicator with a drop-down for the level; Ringkasan
    computes the aspect, domain and overall indices with Excel formulas as you type;
    Petunjuk explains the levels and ratings. Score the filled workbook with spbe score.
    The framework is chosen as spbe score chooses it: --framework, else the --year, else
    the current year (2026 on: the Pemdi form); a Kerangka cell names it, so the file is
    read with the same framework. An existing file is kept unless --force is given.
    Examples:

      spbe template isian.xlsx --agency "Kota Pematangsiantar" --year 2025

      spbe template form.xlsx --lang en --force
    """
    from spbe_cli.cli.clobber import refuse_clobber
    from spbe_cli.cli.output import fail_input, say
    from spbe_cli.cli.scoring import framework_path
    from spbe_cli.framework.choosing import for_new_workbook
    from spbe_cli.i18n import Text
    from spbe_cli.problems import InputError, Problem
    from spbe_cli.writers.template import write_template

    lang = lang_of(language)
    refuse_clobber(output, [framework_path(framework)], lang)
    try:
        choice = for_new_workbook(framework, year, datetime.date.today().year)
        fw = choice.framework
        written = write_template(
            fw, output, lang=lang, agency=agency, year=year, force=force, framework_name=framework
        )
    except InputError as error:
        fail_input(error, lang)
    except OSError as error:
        reason = error.strerror or str(error)
        text = Text(f"tidak dapat ditulis: {reason}", f"cannot be written: {reason}")
        problem = Problem("output-unwritable", str(output), text)
        fail_input(InputError(str(output), [problem]), lang)
    count = len(fw.indicators)
    why = choice.reason()
    say(
        Text(
            f"Templat ditulis: {written} ({count} indikator, {fw.id}, {why.id})",
            f"Template written: {written} ({count} indicators, {fw.id}, {why.en})",
        ),
        lang,
    )


HELP = h(
    """Tulis buku kerja isian: satu baris per indikator, ringkasan langsung, petunjuk.

    Lembar Penilaian memuat satu baris per indikator dengan daftar pilihan tingkat;
    Ringkasan menghitung indeks aspek, domain dan keseluruhan dengan rumus Excel saat
    diisi; Petunjuk menjelaskan tingkat dan predikat. Nilai buku kerja yang sudah diisi
    dengan spbe score. Kerangkanya dipilih seperti spbe score memilih: --framework,
    selain itu --year, selain itu tahun berjalan (mulai 2026: isian Pemdi); sel Kerangka
    menyebutnya, sehingga berkas dibaca dengan kerangka yang sama. Berkas yang sudah ada
    dipertahankan kecuali diberi --force. Contoh:

      spbe template isian.xlsx --agency "Kota Pematangsiantar" --year 2025

      spbe template form.xlsx --lang en --force
    """,
    template.__doc__ or "",
)
"""The help of ``spbe template``: Indonesian, and the docstring in English."""
