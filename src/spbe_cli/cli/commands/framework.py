"""``spbe framework``: list, show, validate and test framework files.

Only typer, the standard library and ``cli.options`` are imported at module level; the
library (pydantic, yaml, rich) is imported inside each command so ``spbe --help`` is fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spbe_cli.cli.help_text import h
from spbe_cli.cli.options import (
    FormatOpt,
    LangOpt,
    Language,
    OutputFormat,
    TopLangOpt,
    lang_of,
    language_defaults,
)

if TYPE_CHECKING:
    from fractions import Fraction

    from spbe_cli.framework import Framework, Indicator
    from spbe_cli.i18n import Lang

app = typer.Typer(
    help=h(
        "Berkas kerangka: list, show, validate, test.\n\n"
        "Berkas kerangka (YAML) memuat semua yang berbeda antara aturan evaluasi: tingkat, "
        "domain, aspek dan indikator dengan bobot eksak, rentang predikat, pembulatan dan "
        "target. Contoh:\n\n"
        "  spbe framework list\n\n"
        "  spbe framework show permenpanrb-5-2018 --lang en\n\n"
        "  spbe framework validate kerangka-saya.yaml\n\n"
        "  spbe framework test permenpanrb-59-2020",
        "Framework files: list, show, validate, test.\n\n"
        "A framework file (YAML) holds everything that differs between evaluation rules: "
        "levels, domains, aspects and indicators with exact weights, rating bands, rounding "
        "and target. Examples:\n\n"
        "  spbe framework list\n\n"
        "  spbe framework show permenpanrb-5-2018 --lang en\n\n"
        "  spbe framework validate my-framework.yaml\n\n"
        "  spbe framework test permenpanrb-59-2020",
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.callback()
def framework_options(ctx: typer.Context, language: TopLangOpt = None) -> None:
    """``spbe framework --lang en ...``: the sub-command's ``--lang`` default."""
    if language is not None:
        ctx.default_map = language_defaults(ctx.command, language.value)


FrameworkArg = Annotated[
    str | None,
    typer.Argument(
        metavar="NAME|PATH",
        help=h(
            "Kerangka bawaan (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018, "
            "atau 8/2026, 5/2018) atau berkas YAML kerangka, mis. kerangka-saya.yaml. Bawaan: "
            "permenpanrb-59-2020.",
            "A bundled framework (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018, "
            "or 8/2026, "
            "5/2018) or a framework YAML file, e.g. my-framework.yaml. Default: "
            "permenpanrb-59-2020.",
        ),
        show_default=False,
    ),
]


def list_frameworks(
    output_format: FormatOpt = OutputFormat.table,
    language: LangOpt = Language.id,
) -> None:
    """List the bundled frameworks: id, title, indicator count, first evaluation year.

    Any of the ids works wherever a command takes --framework. Examples:

      spbe framework list

      spbe framework list --format json --lang en
    """
    from spbe_cli.cli.output import emit
    from spbe_cli.framework import bundled_frameworks
    from spbe_cli.views.framework import framework_list

    lang = lang_of(language)
    view = framework_list(_load(name, lang) for name in bundled_frameworks())
    emit("framework-list", output_format.value, view, lang)


def show(
    framework: FrameworkArg = None,
    output_format: FormatOpt = OutputFormat.table,
    language: LangOpt = Language.id,
) -> None:
    """Show a framework: domains > aspects > indicators with weights, scale, bands, target.

    Weights are percent of the whole index, printed exactly (10/3 stays a fraction). The
    table lists every indicator with its capability type, then the level names of each
    type, the rating bands and the rounding rule. Examples:

      spbe framework show

      spbe framework show permenpanrb-5-2018 --lang en

      spbe framework show my-framework.yaml --format csv > bobot.csv
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import emit

    lang = lang_of(language)
    refuse_clobber(STDOUT, [framework], lang)
    emit("framework-show", output_format.value, _load(framework, lang), lang)


def indicator(
    indicator_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=h(
                "Nomor indikator atau aliasnya (5, 1.1).", "An indicator's id or alias (5, 1.1)."
            ),
            show_default=False,
        ),
    ],
    framework: FrameworkArg = None,
    figure: Annotated[
        str | None,
        typer.Option(
            "--index",
            metavar="FIGURE",
            help=h(
                "Angka indeks eksternal indikator ini (mis. SDI 45,2): tunjukkan level rentangnya.",
                "The figure of this indicator's external index (e.g. SDI 45.2): show the "
                "level its range stands for.",
            ),
            show_default=False,
        ),
    ] = None,
    output_format: FormatOpt = OutputFormat.table,
    language: LangOpt = Language.id,
) -> None:
    """Show one indicator as the regulation describes it: criteria of every level.

    Its place and weight, description, the supervising agencies (Instansi Pembina), the
    functions inside the agency that own it (a hint for which OPD), the index range each
    level stands for with its criteria, and for an indicator fed by another agency's index
    the ranges of that index's own figure. With --index, the level that figure falls in;
    a figure in a gap the text leaves gets no level, and says so. Examples:

      spbe framework indicator 5 8/2026 --index 45,2

      spbe framework indicator 20 permenpanrb-8-2026 --lang en

      spbe framework indicator 1 --format markdown
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import emit
    from spbe_cli.framework.describe import describe

    lang = lang_of(language)
    refuse_clobber(STDOUT, [framework], lang)
    fw = _load(framework, lang)
    item = _indicator_named(fw, indicator_id, lang)
    facts = describe(fw, item, _external_figure(fw, item, figure, lang))
    emit("framework-indicator", output_format.value, facts, lang)


def validate(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help=h(
                "Berkas YAML kerangka yang diperiksa, mis. kerangka-saya.yaml (nama kerangka "
                "bawaan juga bisa).",
                "The framework YAML file to check, e.g. my-framework.yaml (a bundled name "
                "works too).",
            ),
            show_default=False,
        ),
    ],
    output_format: FormatOpt = OutputFormat.table,
    language: LangOpt = Language.id,
) -> None:
    """Check a framework file and list every problem in it at once.

    Checks the YAML (no key written twice), the keys, exact weights ("1.30", "20/6"),
    that each weight is the sum of the weights below it and the domains add up to 100,
    and that the rating bands touch without gaps or overlaps and cover the scale. Exit
    status 0 when valid, 2 with the list of problems otherwise. Examples:

      spbe framework validate my-framework.yaml

      spbe framework validate my-framework.yaml --format json
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import EXIT_BAD_INPUT, emit, fail_input, say
    from spbe_cli.problems import InputError
    from spbe_cli.render.framework_labels import ok_text
    from spbe_cli.render.registry import formats_of
    from spbe_cli.views.framework import Validation

    lang = lang_of(language)
    refuse_clobber(STDOUT, [path], lang)
    as_data = output_format.value in formats_of("framework-validate")
    try:
        fw = _parse_fresh(path)
    except InputError as error:
        if not as_data:
            fail_input(error, lang)
        emit("framework-validate", output_format.value, Validation(tuple(error.problems)), lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if as_data:
        emit("framework-validate", output_format.value, Validation(), lang)
    say(ok_text(fw), lang)


def test(
    framework: Annotated[
        str,
        typer.Argument(
            metavar="NAME|PATH",
            help=h(
                "Kerangka bawaan (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018) "
                "atau berkas YAML kerangka, mis. kerangka-saya.yaml.",
                "A bundled framework (permenpanrb-8-2026, permenpanrb-59-2020, "
                "permenpanrb-5-2018) or a "
                "framework YAML file, e.g. my-framework.yaml.",
            ),
            show_default=False,
        ),
    ],
    cases: Annotated[
        Path | None,
        typer.Argument(
            metavar="CASES.yaml",
            help=h(
                "Kasus acuan: kumpulan tingkat beserta indeks, predikat, angka domain dan "
                "aspek yang harus dihasilkan, mis. kasus-saya.cases.yaml. Opsional untuk "
                "kerangka bawaan, atau berkas yang mempertahankan id kerangka bawaan (kasus "
                "bawaannya yang dipakai).",
                "Golden cases: level sets with the index, rating, domain and aspect "
                "figures they must give, e.g. my.cases.yaml. Optional for a bundled framework, "
                "or a file that keeps a bundled framework's id (its shipped cases are used).",
            ),
            show_default=False,
        ),
    ] = None,
    output_format: FormatOpt = OutputFormat.table,
    language: LangOpt = Language.id,
) -> None:
    """Run golden cases against a framework: which known results still come out right.

    Each case gives levels (a default and the exceptions) and the figures they must
    produce; every broken expectation is listed as "case: index expected 3.28, got 3.27".
    Exit status 0 when all pass, 1 when any fails, 2 for an invalid file. A cases file
    (the full format is in spbe_cli/framework/cases.py):

    \b
      cases:
        - name: semua level 3, indikator 11 di level 4
          levels: {default: 3, "11": 4}
          expect: {index: "3.03", predikat: Baik, domains: {"2": "3.10"}}

    Examples:

      spbe framework test permenpanrb-59-2020

      spbe framework test my-framework.yaml my.cases.yaml

      spbe framework test 5/2018 --format json
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber
    from spbe_cli.cli.output import EXIT_BELOW_THRESHOLD, emit, fail_input, say, warn_problems
    from spbe_cli.framework.cases import run_cases
    from spbe_cli.problems import InputError
    from spbe_cli.render.framework_labels import summary_text

    lang = lang_of(language)
    refuse_clobber(STDOUT, [framework, cases], lang)
    fw = _load(framework, lang)
    cases_path = cases if cases is not None else _shipped_cases(framework, fw.id, lang)
    try:
        report = run_cases(fw, cases_path)
    except InputError as error:
        fail_input(error, lang)
    warn_problems(list(report.notes), lang)
    emit("framework-test", output_format.value, report, lang)
    say(summary_text(report), lang, style="green" if report.ok else "red")
    if not report.ok:
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


LIST_HELP = h(
    """Daftar kerangka bawaan: id, judul, jumlah indikator, tahun evaluasi pertama.

    Setiap id dapat dipakai di perintah mana pun yang menerima --framework. Contoh:

      spbe framework list

      spbe framework list --format json --lang en
    """,
    list_frameworks.__doc__ or "",
)
"""The help of ``spbe framework list``: Indonesian, and the docstring in English."""


SHOW_HELP = h(
    """Tampilkan kerangka: domain > aspek > indikator beserta bobot, skala, predikat, target.

    Bobot dalam persen dari seluruh indeks, dicetak eksak (10/3 tetap pecahan). Tabel
    memuat setiap indikator dengan jenis kapabilitasnya, lalu nama tingkat per jenis,
    rentang predikat dan aturan pembulatan. Contoh:

      spbe framework show

      spbe framework show permenpanrb-5-2018 --lang en

      spbe framework show kerangka-saya.yaml --format csv > bobot.csv
    """,
    show.__doc__ or "",
)
"""The help of ``spbe framework show``: Indonesian, and the docstring in English."""


INDICATOR_HELP = h(
    """Tampilkan satu indikator seperti diuraikan peraturan: kriteria setiap level.

    Letak dan bobotnya, deskripsi, Instansi Pembina, fungsi di instansi yang memilikinya
    (petunjuk OPD mana), rentang indeks tiap level dengan kriterianya, dan untuk indikator
    yang bersumber dari indeks instansi lain, rentang angka indeks itu. Dengan --index,
    level tempat angka itu jatuh; angka di celah yang tidak diatur naskah tidak diberi
    level, dan hal itu disebutkan. Contoh:

      spbe framework indicator 5 8/2026 --index 45,2

      spbe framework indicator 20 permenpanrb-8-2026 --lang en

      spbe framework indicator 1 --format markdown
    """,
    indicator.__doc__ or "",
)
"""The help of ``spbe framework indicator``: Indonesian, and the docstring in English."""


VALIDATE_HELP = h(
    """Periksa berkas kerangka dan cantumkan semua masalahnya sekaligus.

    Memeriksa YAML (tidak ada kunci yang ditulis dua kali), kunci-kuncinya, bobot eksak
    ("1.30", "20/6"), bahwa setiap bobot sama dengan jumlah bobot di bawahnya dan domain
    berjumlah 100, serta bahwa rentang predikat bersambung tanpa celah atau tumpang tindih
    dan menutup seluruh skala. Status keluar 0 bila sah, 2 dengan daftar masalah bila
    tidak. Contoh:

      spbe framework validate kerangka-saya.yaml

      spbe framework validate kerangka-saya.yaml --format json
    """,
    validate.__doc__ or "",
)
"""The help of ``spbe framework validate``: Indonesian, and the docstring in English."""


TEST_HELP = h(
    """Jalankan kasus acuan pada kerangka: hasil mana yang masih keluar dengan benar.

    Setiap kasus memberi tingkat (bawaan dan pengecualiannya) dan angka yang harus
    dihasilkan; setiap harapan yang meleset dicantumkan sebagai "kasus: indeks
    diharapkan 3.28, didapat 3.27". Status keluar 0 bila semua lolos, 1 bila ada yang
    gagal, 2 untuk berkas yang tidak sah. Berkas kasus (format lengkapnya di
    spbe_cli/framework/cases.py):

    \b
      cases:
        - name: semua level 3, indikator 11 di level 4
          levels: {default: 3, "11": 4}
          expect: {index: "3.03", predikat: Baik, domains: {"2": "3.10"}}

    Contoh:

      spbe framework test permenpanrb-59-2020

      spbe framework test kerangka-saya.yaml kasus-saya.cases.yaml

      spbe framework test 5/2018 --format json
    """,
    test.__doc__ or "",
)
"""The help of ``spbe framework test``: Indonesian, and the docstring in English."""

app.command("list", help=LIST_HELP)(list_frameworks)
app.command("show", help=SHOW_HELP)(show)
app.command("indicator", help=INDICATOR_HELP)(indicator)
app.command("validate", help=VALIDATE_HELP)(validate)
app.command("test", help=TEST_HELP)(test)


# -- loading -------------------------------------------------------------------------------


def _parse_fresh(name_or_path: str | None) -> Framework:
    """Read and validate a framework now (no cache: the file may have just been edited)."""
    from spbe_cli.framework import parse_framework, read_text, resolve_framework

    path = resolve_framework(name_or_path)
    return parse_framework(read_text(path), str(path))


def _load(name_or_path: str | None, lang: Lang) -> Framework:
    """A framework, or exit 2 listing its problems."""
    from spbe_cli.cli.output import fail_input
    from spbe_cli.problems import InputError

    try:
        return _parse_fresh(name_or_path)
    except InputError as error:
        fail_input(error, lang)


def _indicator_named(fw: Framework, text: str, lang: Lang) -> Indicator:
    """The indicator ``text`` names (an id or alias), or exit 2 naming the ids there are."""
    from spbe_cli.cli.output import fail_input
    from spbe_cli.framework import compress_ids
    from spbe_cli.i18n import Text
    from spbe_cli.problems import InputError, Problem

    found = fw.indicator_id(text)
    if found is not None:
        return fw.indicator_by_id[found]
    ids = compress_ids([i.id for i in fw.indicators])
    problem = Problem(
        "unknown-indicator",
        "",
        Text(
            f"{fw.id} tidak punya indikator {text!r}; indikatornya: {ids}",
            f"{fw.id} has no indicator {text!r}; its indicators: {ids}",
        ),
    )
    fail_input(InputError("ID", [problem]), lang)


def _external_figure(
    fw: Framework, item: Indicator, text: str | None, lang: Lang
) -> Fraction | None:
    """``--index`` as an exact number, or exit 2: not a number, or the indicator has no
    external index with ranges in ``fw``."""
    from spbe_cli.cli.output import fail_input
    from spbe_cli.exact import parse_number
    from spbe_cli.framework import compress_ids
    from spbe_cli.i18n import Text
    from spbe_cli.problems import InputError, Problem

    if text is None:
        return None
    figure = parse_number(text)
    if item.external is None or not item.external.ranges:
        ranged = (
            compress_ids(
                [i.id for i in fw.indicators if i.external is not None and i.external.ranges]
            )
            or "-"
        )
        message = Text(
            f"indikator {item.id} di {fw.id} tidak punya rentang indeks eksternal; --index "
            f"hanya untuk indikator {ranged}",
            f"indicator {item.id} in {fw.id} has no external index ranges; --index is only "
            f"for indicators {ranged}",
        )
    elif figure is None:
        message = Text(
            f"--index {text[:32]!r} bukan angka (tulis 45,2 atau 45.2)",
            f"--index {text[:32]!r} is not a number (write 45.2 or 45,2)",
        )
    else:
        return figure
    fail_input(InputError("--index", [Problem("bad-index", "", message)]), lang)


def _shipped_cases(name: str, framework_id: str, lang: Lang) -> Path:
    """The cases shipped for a bundled name (or a file keeping a bundled id), else exit 2."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.framework.cases import bundled_cases
    from spbe_cli.i18n import Text

    path = bundled_cases(name) or bundled_cases(framework_id)
    if path is None:
        fail_usage(
            Text(
                f"'{name}' bukan kerangka bawaan dengan kasus uji: sebutkan berkas kasus, "
                "mis. spbe framework test kerangka.yaml kasus.cases.yaml",
                f"'{name}' is not a bundled framework with shipped cases: name a cases file, "
                "e.g. spbe framework test framework.yaml my.cases.yaml",
            ),
            lang,
        )
    return path
