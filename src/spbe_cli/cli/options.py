"""Options shared by several commands, defined once (typer ``Annotated`` aliases)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.i18n import Lang, Text


class OutputFormat(StrEnum):
    """Output formats of commands whose output is data."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ManyFormat(StrEnum):
    """Output formats of ``spbe score``, ``rank`` and ``compare``: also ``jsonl``, one
    result (ranked row, agency) per line."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class Layout(StrEnum):
    """Input layouts: detected, one agency (long), many agencies (wide)."""

    auto = "auto"
    long = "long"
    wide = "wide"


class Language(StrEnum):
    """Output languages."""

    id = "id"
    en = "en"


def language_defaults(command: Any, value: str) -> dict[str, Any]:
    """A click ``default_map`` giving every command's ``--lang`` the value ``value``.

    ``spbe --lang en`` is said on the command line, so it also outranks ``SPBE_LANG``:
    the commands' ``--lang`` stop reading it (click would put an environment variable
    above a ``default_map``). The click tree is built afresh for every run, so this
    changes nothing beyond the run.
    """
    defaults: dict[str, Any] = {}
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "commands", None):
            defaults[name] = language_defaults(sub, value)
            continue
        for param in sub.params:
            if param.name == "language":
                param.envvar = None
                defaults[name] = {"language": value}
    return defaults


def lang_of(value: Language) -> Lang:
    """The i18n language code of a ``--lang`` value."""
    return "en" if value is Language.en else "id"


FrameworkOpt = Annotated[
    str | None,
    typer.Option(
        "--framework",
        "-F",
        help=h(
            "Kerangka bawaan (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018; "
            "lihat 'spbe framework list') atau berkas YAML. Bawaan: kerangka yang disebut "
            "berkas, jika tidak, kerangka untuk tahunnya, jika tidak, kerangka yang cocok "
            "(atau jelas paling dekat) dengan indikatornya.",
            "Bundled framework (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018; "
            "see 'spbe framework list') or a YAML file. Default: the one the file names, else "
            "the one for its year, else the one its indicators fit (or are clearly closest "
            "to).",
        ),
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help=h(
            "Format keluaran: table untuk dibaca orang, json/csv/markdown untuk skrip dan dokumen.",
            "Output format: table for people, json/csv/markdown for scripts and documents.",
        ),
    ),
]
ManyFormatOpt = Annotated[
    ManyFormat,
    typer.Option(
        "--format",
        "-f",
        help=h(
            "Format keluaran: table untuk dibaca orang, json/jsonl/csv/markdown untuk skrip dan "
            "dokumen (jsonl: satu hasil per baris, untuk banyak instansi).",
            "Output format: table for people, json/jsonl/csv/markdown for scripts and documents "
            "(jsonl: one result per line, for many agencies).",
        ),
    ),
]
LangOpt = Annotated[
    Language,
    typer.Option(
        "--lang",
        "-l",
        envvar="SPBE_LANG",
        help=h(
            "Bahasa keluaran dan bantuan: id (Bahasa Indonesia) atau en (English). Bawaan: "
            "SPBE_LANG, lalu locale (LANG), lalu id.",
            "Language of the output and the help: id (Bahasa Indonesia) or en (English). "
            "Default: SPBE_LANG, then the locale (LANG), then id.",
        ),
    ),
]
TopLangOpt = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        "-l",
        help=h(
            "Bahasa bantuan dan keluaran untuk semua perintah: id (Bahasa Indonesia) atau en "
            "(English). Bawaan: SPBE_LANG, lalu locale (LANG), lalu id.",
            "Language of the help and the output of every command: id (Bahasa Indonesia) or en "
            "(English). Default: SPBE_LANG, then the locale (LANG), then id.",
        ),
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        help=h(
            "Lembar yang dibaca (bawaan: lembar pertama yang tata letaknya dikenali).",
            "Sheet to read (default: the first sheet with a known layout).",
        ),
    ),
]
LayoutOpt = Annotated[
    Layout,
    typer.Option(
        "--layout",
        help=h(
            "Tata letak masukan: auto (dikenali sendiri), long (satu instansi, satu baris per "
            "indikator) atau wide (satu baris per instansi).",
            "Input layout: auto, long (one agency, a row per indicator) or wide (a row per "
            "agency).",
        ),
    ),
]
AgencyOpt = Annotated[
    str | None,
    typer.Option(
        "--agency",
        help=h(
            "Nama instansi, menggantikan nama di dalam berkas.",
            "Agency name, overriding the one in the file.",
        ),
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        help=h(
            "Tahun evaluasi, menggantikan tahun di dalam berkas.",
            "Evaluation year, overriding the one in the file.",
        ),
    ),
]
TargetOpt = Annotated[
    str | None,
    typer.Option(
        "--target",
        "-t",
        help=h(
            "Target indeks (2.6) atau nama predikat (baik, 'sangat baik'), pada skala kerangka "
            "(1-5). Bawaan: target kerangka.",
            "Target index (2.6) or rating name (baik, 'sangat baik'), on the framework's scale "
            "(1-5). Default: the framework's target.",
        ),
        show_default=False,
    ),
]
AllowMissingOpt = Annotated[
    bool,
    typer.Option(
        "--allow-missing",
        help=h(
            "Indikator yang tidak ada di masukan dinilai pada tingkat terendah, alih-alih berkas "
            "ditolak (dampaknya dicetak).",
            "Score indicators missing from the input at the lowest level instead of refusing "
            "the file (the effect is printed).",
        ),
    ),
]
TrackOpt = Annotated[
    str | None,
    typer.Option(
        "--track",
        help=h(
            "Jalur nilai yang dihitung: mandiri, verifikasi, akhir (asesor), nilai atau target. "
            "Bawaan: yang paling akhir tersedia (akhir, nilai, verifikasi, mandiri).",
            "Score track to score: mandiri, verifikasi, akhir (asesor), nilai or target. "
            "Default: the most final present (akhir, nilai, verifikasi, mandiri).",
        ),
        show_default=False,
    ),
]
AllOpt = Annotated[
    bool,
    typer.Option(
        "--all",
        help=h(
            "Tampilkan semua baris peringkat yang panjang di terminal (pipa atau berkas selalu "
            "mendapat semua baris).",
            "Show every row of a long ranking in the terminal (a pipe or file always gets every "
            "row).",
        ),
    ),
]
# Where the evidence is, for plan --from evidence and report (spbe evidence has its own help).
EvidenceDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--dir",
        metavar="FOLDER",
        show_default=False,
        help=h(
            "Folder bukti dukung (lihat spbe evidence): rencana --from evidence "
            "dan bagian bukti dukung di laporan.",
            "The evidence folder (see spbe evidence): plan --from evidence and "
            "the report's evidence section.",
        ),
    ),
]
EvidenceItemsOpt = Annotated[
    Path | None,
    typer.Option(
        "--items",
        metavar="FILE",
        show_default=False,
        help=h(
            "Daftar butir bukti dukung (lihat spbe evidence).",
            "The evidence item list (see spbe evidence).",
        ),
    ),
]

# The plan's options, shared by spbe plan and spbe report.
EffortOpt = Annotated[
    Path | None,
    typer.Option(
        "--effort",
        "-e",
        metavar="FILE.yaml",
        help=h(
            "Berkas YAML yang memetakan nomor indikator ke upaya satu kenaikan tingkat "
            "(mis. '13: 2', '21: 0.5'; paling besar 1 MiB); menggantikan kolom upaya di buku "
            "kerja. Bawaan: 1 per kenaikan.",
            "YAML file mapping indicator id to the effort of one level step (e.g. "
            "'13: 2', '21: 0.5'; at most 1 MiB); overrides the workbook's effort column. "
            "Default: 1 per step.",
        ),
        show_default=False,
    ),
]

MaxStepOpt = Annotated[
    int | None,
    typer.Option(
        "--max-step",
        min=0,
        metavar="N",
        help=h(
            "Kenaikan tingkat terbanyak satu indikator per putaran evaluasi. Bawaan: "
            "planning.max_step kerangka (1). Nilai besar (--max-step 4) memberi optimum "
            "satu putaran tanpa batasan.",
            "Most levels one indicator may rise per evaluation round. Default: the "
            "framework's planning.max_step (1). A large value (--max-step 4) gives the "
            "unconstrained one-round optimum.",
        ),
        show_default=False,
    ),
]

MaxLevelOpt = Annotated[
    int | None,
    typer.Option(
        "--max-level",
        min=0,
        metavar="LEVEL",
        help=h(
            "Tidak ada indikator yang dinaikkan melebihi tingkat ini (bawaan: tingkat "
            "tertinggi skala).",
            "No indicator is raised above this level (default: the scale's top).",
        ),
        show_default=False,
    ),
]

LockOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lock",
        metavar="IDS",
        help=h(
            "Indikator yang tidak diubah: nomor dan rentang, mis. 13,21-31 (boleh diulang).",
            "Indicators that will not move: ids and ranges, e.g. 13,21-31 (repeatable).",
        ),
        show_default=False,
    ),
]

UntilOpt = Annotated[
    int | None,
    typer.Option(
        "--until",
        metavar="YEAR",
        help=h(
            "Tahun paling lambat target harus tercapai: membatasi jumlah putaran (berjarak "
            "sesuai kerangka, tahunan untuk SPBE). Terlalu dekat: rencana menyebutkannya "
            "dan menampilkan jalur terbaik yang dapat dicapai.",
            "The year by which the target must be met: bounds the rounds (spaced as "
            "the framework says, yearly for SPBE). Too soon: the plan says so and shows the "
            "best reachable path.",
        ),
        show_default=False,
    ),
]

InputFile = Annotated[
    Path,
    typer.Argument(
        help=h(
            "Buku kerja (.xlsx .xlsm .xls .ods) atau .csv berisi tingkat; - membaca CSV dari "
            "stdin.",
            "Workbook (.xlsx .xlsm .xls .ods) or .csv with the levels; - reads CSV from stdin.",
        ),
        show_default=False,
    ),
]


TARGET_ERROR = Text(
    "--target harus berupa angka (2.6) atau nama predikat ({names})",
    "--target must be a number (2.6) or a rating name ({names})",
)
