"""Options shared by several commands, defined once (typer ``Annotated`` aliases)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spbe_cli.i18n import Lang, Text


class OutputFormat(StrEnum):
    """Output formats of commands whose output is data."""

    table = "table"
    json = "json"
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


def lang_of(value: Language) -> Lang:
    """The i18n language code of a ``--lang`` value."""
    return "en" if value is Language.en else "id"


FrameworkOpt = Annotated[
    str | None,
    typer.Option(
        "--framework",
        "-F",
        help="Bundled framework (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018; "
        "see 'spbe framework list') or a YAML file. Default: the one the file names, else "
        "the one for its year, else the one its indicators fit.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format: table for people, json/csv/markdown "
                 "for scripts and documents."),
]
LangOpt = Annotated[
    Language,
    typer.Option("--lang", "-l", envvar="SPBE_LANG",
                 help="Language of the output: id (Bahasa Indonesia) or en."),
]
SheetOpt = Annotated[
    str | None,
    typer.Option("--sheet", help="Sheet to read (default: the first sheet with a known layout)."),
]
LayoutOpt = Annotated[
    Layout,
    typer.Option("--layout", help="Input layout: auto, long (one agency, a row per indicator) "
                 "or wide (a row per agency)."),
]
AgencyOpt = Annotated[
    str | None,
    typer.Option("--agency", help="Agency name, overriding the one in the file."),
]
YearOpt = Annotated[
    int | None,
    typer.Option("--year", help="Evaluation year, overriding the one in the file."),
]
TargetOpt = Annotated[
    str | None,
    typer.Option("--target", "-t", help="Target index (2.6) or rating name (baik, 'sangat "
                 "baik'). Default: the framework's target.", show_default=False),
]
AllowMissingOpt = Annotated[
    bool,
    typer.Option("--allow-missing", help="Score indicators missing from the input at the "
                 "lowest level instead of refusing the file (the effect is printed)."),
]
TrackOpt = Annotated[
    str | None,
    typer.Option("--track", help="Score track to score: mandiri, verifikasi, akhir (asesor), "
                 "nilai or target. Default: the most final present (akhir, nilai, "
                 "verifikasi, mandiri).", show_default=False),
]
AllOpt = Annotated[
    bool,
    typer.Option("--all", help="Show every row of a long ranking in the terminal (a pipe or "
                 "file always gets every row)."),
]
InputFile = Annotated[
    Path,
    typer.Argument(help="Workbook (.xlsx .xlsm .xls .ods) or .csv with the levels; - reads "
                   "CSV from stdin.", show_default=False),
]


TARGET_ERROR = Text(
    "--target harus berupa angka (2.6) atau nama predikat ({names})",
    "--target must be a number (2.6) or a rating name ({names})",
)
