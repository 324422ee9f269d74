"""``spbe score``: the index, domains, aspects, rating and gap of one or many agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spbe_cli.cli.options import (
    AgencyOpt,
    AllOpt,
    AllowMissingOpt,
    FormatOpt,
    FrameworkOpt,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    OutputFormat,
    SheetOpt,
    TargetOpt,
    TrackOpt,
    YearOpt,
)


def score(
    files: Annotated[
        list[Path],
        typer.Argument(help="Workbooks (.xlsx .xlsm .xls .ods) or .csv files with the levels; "
                       "- reads CSV from stdin.", show_default=False, metavar="FILE"),
    ],
    framework: FrameworkOpt = None,
    target: TargetOpt = None,
    fail_under: Annotated[
        str | None,
        typer.Option("--fail-under", help="Exit with status 1 when an index (published "
                     "figure) is below this number or rating name. For CI.",
                     show_default=False),
    ] = None,
    detail: Annotated[
        bool, typer.Option("--detail", "-d", help="List every indicator, not only the top.")
    ] = False,
    top: Annotated[
        int, typer.Option("--top", min=0, help="How many indicators with the largest gain "
                          "per level to show (table output).")
    ] = 5,
    output_format: FormatOpt = OutputFormat.table,
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

      spbe score data.xlsx --format json > hasil.json

      spbe score data.xlsx --target "sangat baik" --detail --lang en

      spbe score data.xlsx --fail-under 2.6   # exit status 1 when below
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
