"""``spbe framework``: list, show, validate and test framework files.

Only typer, the standard library and ``cli.options`` are imported at module level; the
library (pydantic, yaml, rich) is imported inside each command so ``spbe --help`` is fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from spbe_cli.cli.options import FormatOpt, LangOpt, Language, OutputFormat, lang_of

if TYPE_CHECKING:
    from spbe_cli.cases import CasesReport
    from spbe_cli.framework import Framework
    from spbe_cli.i18n import Lang, Text

app = typer.Typer(
    help=(
        "Framework files: list, show, validate, test.\n\n"
        "A framework file (YAML) holds everything that differs between evaluation rules: "
        "levels, domains, aspects and indicators with exact weights, rating bands, rounding "
        "and target. Examples:\n\n"
        "  spbe framework list\n\n"
        "  spbe framework show permenpanrb-5-2018 --lang en\n\n"
        "  spbe framework validate my-framework.yaml\n\n"
        "  spbe framework test permenpanrb-59-2020"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

FrameworkArg = Annotated[
    str | None,
    typer.Argument(
        metavar="NAME|PATH",
        help="A bundled framework (permenpanrb-59-2020, permenpanrb-5-2018, or 59/2020, "
        "5/2018) or a framework YAML file, e.g. my-framework.yaml. Default: "
        "permenpanrb-59-2020.",
        show_default=False,
    ),
]


@app.command("list")
def list_frameworks(
    output_format: FormatOpt = OutputFormat.table,
    language: LangOpt = Language.id,
) -> None:
    """List the bundled frameworks: id, title, indicator count, first evaluation year.

    Any of the ids works wherever a command takes --framework. Examples:

      spbe framework list

      spbe framework list --format json --lang en
    """
    from spbe_cli.framework import bundled_frameworks

    lang = lang_of(language)
    frameworks = [_load(name, lang) for name in bundled_frameworks()]
    header = ["id", "title", "indicators", "applies_from"]
    rows: list[list[object]] = [
        [fw.id, fw.label(lang), len(fw.indicators), fw.applies_from or ""] for fw in frameworks
    ]
    if output_format is OutputFormat.json:
        _write_json({"frameworks": [_summary_dict(fw) for fw in frameworks]})
    else:
        _write_rows(output_format, header, rows, _t("list", lang))


@app.command("show")
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
    lang = lang_of(language)
    fw = _load(framework, lang)
    if output_format is OutputFormat.json:
        _write_json(_framework_dict(fw))
    elif output_format is OutputFormat.csv:
        from spbe_cli.cli.output import write_data
        from spbe_cli.render.data import csv_text

        write_data(csv_text(_TREE_HEADER, _tree_rows(fw, lang)))
    elif output_format is OutputFormat.markdown:
        from spbe_cli.cli.output import write_data

        write_data(_framework_markdown(fw, lang))
    else:
        _print_framework(fw, lang)


@app.command("validate")
def validate(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="The framework YAML file to check, e.g. my-framework.yaml (a bundled name "
            "works too).",
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
    from spbe_cli.cli.output import EXIT_BAD_INPUT, fail_input, say
    from spbe_cli.problems import InputError

    lang = lang_of(language)
    as_json = output_format is OutputFormat.json
    try:
        fw = _parse_fresh(path)
    except InputError as error:
        if not as_json:
            fail_input(error, lang)
        _write_json({"valid": False, "problems": [p.to_dict(lang) for p in error.problems]})
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if as_json:
        _write_json({"valid": True, "problems": []})
    say(_ok_text(fw), lang)


@app.command("test")
def test(
    framework: Annotated[
        str,
        typer.Argument(
            metavar="NAME|PATH",
            help="A bundled framework (permenpanrb-59-2020, permenpanrb-5-2018) or a "
            "framework YAML file, e.g. my-framework.yaml.",
            show_default=False,
        ),
    ],
    cases: Annotated[
        Path | None,
        typer.Argument(
            metavar="CASES.yaml",
            help="Golden cases: level sets with the index, rating, domain and aspect "
            "figures they must give, e.g. my.cases.yaml. Optional for a bundled framework, "
            "or a file that keeps a bundled framework's id (its shipped cases are used).",
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
    (the full format is in spbe_cli/cases.py):

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
    from spbe_cli.cases import run_cases
    from spbe_cli.cli.output import EXIT_BELOW_THRESHOLD, fail_input, warn_problems
    from spbe_cli.problems import InputError

    lang = lang_of(language)
    fw = _load(framework, lang)
    cases_path = cases if cases is not None else _shipped_cases(framework, fw.id, lang)
    try:
        report = run_cases(fw, cases_path)
    except InputError as error:
        fail_input(error, lang)
    warn_problems(list(report.notes), lang)
    _print_report(report, output_format, lang)
    if not report.ok:
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


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


def _shipped_cases(name: str, framework_id: str, lang: Lang) -> Path:
    """The cases shipped for a bundled name (or a file keeping a bundled id), else exit 2."""
    from spbe_cli.cases import bundled_cases
    from spbe_cli.cli.output import fail_usage
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


# -- texts -----------------------------------------------------------------------------------


# Labels as (Indonesian, English); plain tuples keep spbe_cli.i18n out of module load.
_LABELS: dict[str, tuple[str, str]] = {
    "list": ("Kerangka bawaan", "Bundled frameworks"),
    "domain": ("domain", "domain"),
    "aspect": ("aspek", "aspect"),
    "indicator": ("indikator", "indicator"),
    "name": ("Nama", "Name"),
    "weight": ("Bobot", "Weight"),
    "type": ("Jenis", "Type"),
    "level": ("Level", "Level"),
    "rating": ("Predikat", "Rating"),
    "range": ("Rentang indeks", "Index range"),
    "source": ("Sumber", "Source"),
    "applies": ("Berlaku mulai evaluasi", "Applies from evaluation"),
    "scale": ("Skala level", "Level scale"),
    "rounding": ("Pembulatan", "Rounding"),
    "target": ("Target", "Target"),
    "case": ("Kasus", "Case"),
    "result": ("Hasil", "Result"),
    "index": ("Indeks", "Index"),
    "pass": ("LULUS", "PASS"),
    "fail": ("GAGAL", "FAIL"),
}


def _t(key: str, lang: Lang) -> str:
    """A label in ``lang``."""
    indonesian, english = _LABELS[key]
    return english if lang == "en" else indonesian


def _rounding_text(fw: Framework, lang: Lang) -> str:
    rounding = fw.rounding
    basis = {
        ("rounded", "id"): "predikat dari angka yang dibulatkan",
        ("rounded", "en"): "rating read from the rounded figure",
        ("exact", "id"): "predikat dari angka eksak",
        ("exact", "en"): "rating read from the exact figure",
    }[(rounding.rating_basis, lang)]
    mode = "setengah ke atas" if lang == "id" else "half up"
    places = f"{rounding.places} desimal" if lang == "id" else f"{rounding.places} decimals"
    return f"{places}, {mode}; {basis}"


def _ok_text(fw: Framework) -> Text:
    from spbe_cli.framework import format_exact
    from spbe_cli.i18n import Text

    d, a, i = len(fw.domains), len(fw.aspects), len(fw.indicators)
    total = format_exact(fw.total_weight)
    return Text(
        f"OK: {d} domain, {a} aspek, {i} indikator, bobot berjumlah {total} ({fw.id})",
        f"OK: {d} domains, {a} aspects, {i} indicators, weights add up to {total} ({fw.id})",
    )


# -- framework as data -------------------------------------------------------------------------

_TREE_HEADER = ["kind", "id", "parent", "name", "weight", "type"]


def _tree_rows(fw: Framework, lang: Lang) -> list[list[object]]:
    """``kind, id, parent, name, weight, type`` for every domain, aspect and indicator."""
    from spbe_cli.render.table import weight_text

    rows: list[list[object]] = []
    for domain in fw.domains:
        rows.append(["domain", domain.id, "", domain.label(lang), weight_text(domain.weight), ""])
        for aspect in domain.aspects:
            rows.append(
                ["aspect", aspect.id, domain.id, aspect.label(lang), weight_text(aspect.weight), ""]
            )
            for item in aspect.indicators:
                rows.append(
                    [
                        "indicator",
                        item.id,
                        aspect.id,
                        item.label(lang),
                        weight_text(item.weight),
                        item.type,
                    ]
                )
    return rows


def _band_rows(fw: Framework, lang: Lang) -> list[list[object]]:
    """``predikat, range`` per band, lowest first (``1.8 – < 2.6``; the top ends ``– 5``)."""
    from spbe_cli.framework import format_exact

    rows: list[list[object]] = []
    for pos, band in enumerate(fw.bands):
        upper = "" if pos == len(fw.bands) - 1 else "< "
        text = f"{format_exact(band.min)} – {upper}{format_exact(band.max)}"
        rows.append([band.label(lang), text])
    return rows


def _level_rows(fw: Framework, lang: Lang) -> tuple[list[str], list[list[object]]]:
    """A column per capability type, a row per level: the level names."""
    from spbe_cli.i18n import pick

    types = fw.scale.types
    header = [_t("level", lang)] + [
        f"{pick(lang, t.name, t.name_en)} ({k})" for k, t in types.items()
    ]
    rows: list[list[object]] = []
    for level in fw.scale.levels:
        names = [types[k].levels[level] for k in types]
        rows.append([level, *(pick(lang, n.name, n.name_en) for n in names)])
    return header, rows


def _summary_dict(fw: Framework) -> dict[str, Any]:
    return {
        "id": fw.id,
        "title": fw.title,
        "title_en": fw.title_en,
        "indicators": len(fw.indicators),
        "domains": len(fw.domains),
        "aspects": len(fw.aspects),
        "applies_from": fw.applies_from,
        "scale": {"min": fw.scale.min, "max": fw.scale.max},
    }


def _framework_dict(fw: Framework) -> dict[str, Any]:
    """The whole framework as JSON-ready data; weights as numbers and exact text."""
    from spbe_cli.framework import format_exact
    from spbe_cli.render.data import number

    def weighted(node: Any) -> dict[str, Any]:
        return {
            "id": node.id,
            "name": node.name,
            "name_en": node.name_en,
            "weight": number(node.weight),
            "weight_exact": format_exact(node.weight),
        }

    return {
        "id": fw.id,
        "title": fw.title,
        "title_en": fw.title_en,
        "source": fw.source,
        "applies_from": fw.applies_from,
        "scale": fw.scale.model_dump(mode="json"),
        "bands": [
            {
                "name": b.name,
                "name_en": b.name_en,
                "min": format_exact(b.min),
                "max": format_exact(b.max),
            }
            for b in fw.bands
        ],
        "rounding": fw.rounding.model_dump(mode="json"),
        "target": format_exact(fw.target),
        "domains": [
            {
                **weighted(d),
                "aspects": [
                    {
                        **weighted(a),
                        "indicators": [{**weighted(i), "type": i.type} for i in a.indicators],
                    }
                    for a in d.aspects
                ],
            }
            for d in fw.domains
        ],
    }


def _facts(fw: Framework, lang: Lang) -> list[tuple[str, str]]:
    from spbe_cli.framework import format_exact

    return [
        ("id", fw.id),
        (_t("source", lang), fw.source),
        (_t("applies", lang), str(fw.applies_from or "-")),
        (_t("scale", lang), f"{fw.scale.min}-{fw.scale.max}"),
        (_t("rounding", lang), _rounding_text(fw, lang)),
        (_t("target", lang), f"{format_exact(fw.target)} ({fw.band_for(fw.target).label(lang)})"),
    ]


def _framework_markdown(fw: Framework, lang: Lang) -> str:
    from spbe_cli.render.data import markdown_table

    level_header, level_rows = _level_rows(fw, lang)
    parts = [
        f"# {fw.label(lang)}\n",
        "\n".join(f"- {key}: {value}" for key, value in _facts(fw, lang)) + "\n",
        markdown_table(_TREE_HEADER, _tree_rows(fw, lang)),
        markdown_table(level_header, level_rows),
        markdown_table([_t("rating", lang), _t("range", lang)], _band_rows(fw, lang)),
    ]
    return "\n".join(parts)


def _print_framework(fw: Framework, lang: Lang) -> None:
    """The framework as rich tables on stdout."""
    from rich.table import Table

    from spbe_cli.cli.output import stdout_console

    console = stdout_console()
    console.print(fw.label(lang), style="bold", markup=False)
    for key, value in _facts(fw, lang):
        console.print(f"{key}: {value}", markup=False, highlight=False)
    tree = Table(show_header=True, header_style="bold")
    for column in ("No", _t("name", lang), _t("weight", lang), _t("type", lang)):
        tree.add_column(column, justify="right" if column == _t("weight", lang) else "left")
    for kind, node_id, _, name, weight, ctype in _tree_rows(fw, lang):
        indent = {"domain": "", "aspect": "  ", "indicator": "    "}[str(kind)]
        style = {"domain": "bold", "aspect": "cyan", "indicator": ""}[str(kind)]
        label = f"{indent}{_t(str(kind), lang)} {node_id}"
        tree.add_row(label, f"{indent}{name}", str(weight), str(ctype), style=style)
    console.print(tree)
    level_header, level_rows = _level_rows(fw, lang)
    console.print(_simple_table(level_header, level_rows))
    console.print(_simple_table([_t("rating", lang), _t("range", lang)], _band_rows(fw, lang)))


def _simple_table(header: list[str], rows: list[list[object]], title: str | None = None) -> Any:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", title=title)
    for column in header:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def _write_json(document: Any) -> None:
    from spbe_cli.cli.output import write_data
    from spbe_cli.render.data import dumps_json

    write_data(dumps_json(document))


def _write_rows(
    output_format: OutputFormat, header: list[str], rows: list[list[object]], title: str
) -> None:
    """Rows as CSV, Markdown or a rich table (JSON is handled by the caller)."""
    from spbe_cli.cli.output import stdout_console, write_data
    from spbe_cli.render.data import csv_text, markdown_table

    if output_format is OutputFormat.csv:
        write_data(csv_text(header, rows))
    elif output_format is OutputFormat.markdown:
        write_data(markdown_table(header, rows))
    else:
        stdout_console().print(_simple_table(header, rows, title))


# -- golden cases report -------------------------------------------------------------------


def _print_report(report: CasesReport, output_format: OutputFormat, lang: Lang) -> None:
    """The cases report in the asked format on stdout, a one-line summary on stderr."""
    from spbe_cli.cli.output import say, stdout_console, write_data

    failures = [m.render(c.name, lang) for c in report.cases for m in c.mismatches]
    if output_format is OutputFormat.json:
        _write_json(_report_dict(report, lang))
    elif output_format is OutputFormat.table:
        stdout_console().print(_simple_table(_report_header(lang), _report_rows(report, lang)))
        for line in failures:
            stdout_console().print(line, style="red", markup=False)
    else:
        header, rows = _report_header(lang), _report_rows(report, lang)
        _write_rows(output_format, header, rows, "")
        if output_format is OutputFormat.markdown and failures:
            write_data("\n" + "".join(f"- {line}\n" for line in failures))
    say(_summary_text(report), lang, style="green" if report.ok else "red")


def _report_header(lang: Lang) -> list[str]:
    return [_t(k, lang) for k in ("case", "result", "index")] + [_t("rating", lang)]


def _report_rows(report: CasesReport, lang: Lang) -> list[list[object]]:
    return [
        [
            case.name,
            _t("pass" if case.passed else "fail", lang),
            str(case.result.published),
            case.result.band.label(lang),
        ]
        for case in report.cases
    ]


def _report_dict(report: CasesReport, lang: Lang) -> dict[str, Any]:
    from spbe_cli.framework import format_exact
    from spbe_cli.render.data import number

    return {
        "framework": report.framework.id,
        "cases_file": report.source,
        "passed": report.passed,
        "failed": report.failed,
        "cases": [
            {
                "name": case.name,
                "passed": case.passed,
                "index": number(case.result.published),
                "index_exact": format_exact(case.result.index),
                "predikat": case.result.band.name,
                "failures": [
                    {
                        "what": m.label("en"),
                        "expected": m.expected,
                        "got": m.got,
                        "message": m.render(case.name, lang),
                    }
                    for m in case.mismatches
                ],
            }
            for case in report.cases
        ],
    }


def _summary_text(report: CasesReport) -> Text:
    from spbe_cli.i18n import Text

    total = len(report.cases)
    return Text(
        f"{report.passed} dari {total} kasus lulus, {report.failed} gagal ({report.framework.id})",
        f"{report.passed} of {total} cases pass, {report.failed} fail ({report.framework.id})",
    )
