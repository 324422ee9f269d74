"""``spbe whatif``: the index, ratings and changes if some levels were different."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    AgencyOpt,
    AllowMissingOpt,
    FormatOpt,
    FrameworkOpt,
    InputFile,
    LangOpt,
    Language,
    Layout,
    LayoutOpt,
    OutputFormat,
    SheetOpt,
    TargetOpt,
    TrackOpt,
    YearOpt,
    lang_of,
)

if TYPE_CHECKING:
    from spbe_cli.i18n import Lang
    from spbe_cli.loading import Scored
    from spbe_cli.planner import WhatIf


def whatif(
    file: InputFile,
    changes: Annotated[
        list[str],
        typer.Argument(
            help=h(
                "Tingkat baru sebagai ID=LEVEL (nomor indikator=tingkat), mis. 11=3 21=2.",
                "New levels as ID=LEVEL, e.g. 11=3 21=2.",
            ),
            metavar="ID=LEVEL",
            show_default=False,
        ),
    ],
    target: TargetOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    framework: FrameworkOpt = None,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    allow_missing: AllowMissingOpt = False,
    track: TrackOpt = None,
    language: LangOpt = Language.id,
) -> None:
    """What if: the index, domains, aspects and ratings with some levels changed.

    Give each change as ID=LEVEL (levels may also go down). Every figure is shown before
    and after with its change, and whether the target is reached. Examples:

      spbe whatif examples/pematangsiantar-2021.xlsx 11=3 21=2

      spbe whatif examples/pematangsiantar-2021.xlsx 42=4 43=3 --format json

      spbe whatif examples/pematangsiantar-2021.xlsx 13=2 --target baik --lang en
    """
    from spbe_cli.cli.output import emit
    from spbe_cli.cli.scoring import load_and_score
    from spbe_cli.views.plan import whatif_view

    lang = lang_of(language)
    scored = load_and_score(
        [file],
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
    one = _single(scored, lang)
    emit("whatif", output_format.value, whatif_view(_apply(one, changes, lang), one.source), lang)


def _single(scored: list[Scored], lang: Lang) -> Scored:
    """The one agency of the file; exits 2 when the file holds several."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.i18n import Text

    if len(scored) == 1:
        return scored[0]
    names = ", ".join(s.result.assessment.label for s in scored[:5])
    fail_usage(
        Text(
            f"berkas berisi {len(scored)} instansi ({names}, ...); whatif bekerja pada satu "
            "instansi: gunakan lembar satu instansi (satu baris per indikator)",
            f"the file holds {len(scored)} agencies ({names}, ...); whatif works on one agency: "
            "use a one-agency sheet (a row per indicator)",
        ),
        lang,
    )


def _apply(scored: Scored, args: list[str], lang: Lang) -> WhatIf:
    """The changes parsed, checked and applied; exits 2 on bad syntax, ids or levels."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.planner import PlanError, parse_changes, what_if

    result = scored.result
    try:
        return what_if(result, parse_changes(args, result.framework))
    except PlanError as error:
        fail_usage(error.text, lang)


HELP = h(
    """Bagaimana jika: indeks, domain, aspek dan predikat bila beberapa tingkat diubah.

    Tulis setiap perubahan sebagai ID=LEVEL (tingkat boleh juga turun). Setiap angka
    ditampilkan sebelum dan sesudah beserta perubahannya, dan apakah target tercapai.
    Contoh:

      spbe whatif examples/pematangsiantar-2021.xlsx 11=3 21=2

      spbe whatif examples/pematangsiantar-2021.xlsx 42=4 43=3 --format json

      spbe whatif examples/pematangsiantar-2021.xlsx 13=2 --target baik --lang en
    """,
    whatif.__doc__ or "",
)
"""The help of ``spbe whatif``: Indonesian, and the docstring in English."""
