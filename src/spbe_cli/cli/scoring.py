"""Reading, scoring and printing shared by the commands that score input files."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal

import typer

from spbe_cli.cli.options import Language, lang_of
from spbe_cli.cli.output import (
    EXIT_BELOW_THRESHOLD,
    fail_input,
    fail_usage,
    stdout_console,
    warn_problems,
    write_data,
)
from spbe_cli.engine import Result, score
from spbe_cli.framework import Framework, load_framework
from spbe_cli.i18n import Lang, Text
from spbe_cli.problems import InputError
from spbe_cli.readers import ReadResult, read_assessments


@dataclass(frozen=True, slots=True)
class Scored:
    """A result with the file it came from."""

    result: Result
    source: str


def load_and_score(
    files: Sequence[Path],
    *,
    framework: str | None,
    target: str | None,
    sheet: str | None,
    layout: str,
    agency: str | None,
    year: int | None,
    allow_missing: bool,
    lang: Lang,
) -> list[Scored]:
    """Read every file, score every agency; problems of all files in one report."""
    fw = load_framework(framework)
    target_value = resolve_target(fw, target, lang)
    scored: list[Scored] = []
    errors: list[InputError] = []
    for path in files:
        try:
            read = read_assessments(
                str(path), fw, sheet=sheet, layout=_layout(layout), agency=agency, year=year,
                allow_missing=allow_missing,
            )
        except InputError as error:
            errors.append(error)
            continue
        describe_read(read, lang)
        warn_problems(read.warnings, lang)
        scored.extend(Scored(score(a, fw, target_value), read.source) for a in read.assessments)
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise InputError(", ".join(e.source for e in errors),
                         [p for e in errors for p in e.problems])
    return scored


def describe_read(read: ReadResult, lang: Lang) -> None:
    """One dim line on stderr: which sheet and layout were read, and how many agencies."""
    from spbe_cli.cli.output import stderr_console

    layout = {"long": Text("panjang", "long"), "wide": Text("lebar", "wide")}[read.layout]
    count = len(read.assessments)
    sheet = f", lembar '{read.sheet}'" if read.sheet else ""
    sheet_en = f", sheet '{read.sheet}'" if read.sheet else ""
    text = Text(
        f"{read.source}{sheet}: tata letak {layout.id}, {count} instansi",
        f"{read.source}{sheet_en}: {layout.en} layout, {count} "
        f"agenc{'y' if count == 1 else 'ies'}",
    )
    stderr_console().print(text.get(lang), style="dim", markup=False, highlight=False)


def _layout(value: str) -> Literal["auto", "long", "wide"]:
    return "long" if value == "long" else "wide" if value == "wide" else "auto"


def resolve_target(fw: Framework, value: str | None, lang: Lang) -> Fraction | None:
    """``--target`` as an exact number; exits 2 with the allowed forms when it is neither."""
    if value is None:
        return None
    try:
        return fw.parse_target(value)
    except ValueError:
        names = ", ".join(b.label(lang).lower() for b in fw.bands)
        fail_usage(
            Text(
                f"'{value}' bukan target yang sah: tulis angka (2.6) atau nama predikat "
                f"({names})",
                f"'{value}' is not a valid target: give a number (2.6) or a rating name "
                f"({names})",
            ),
            lang,
        )


def print_results(
    scored: Sequence[Scored], output_format: str, lang: Lang, *, detail: bool, top: int
) -> None:
    """Print results in the chosen format: one agency in full, many as a ranking."""
    from spbe_cli.render import data

    results = [s.result for s in scored]
    if output_format == "json":
        write_data(data.dumps_json(data.score_document(results, [s.source for s in scored])))
    elif output_format in ("csv", "markdown"):
        render = data.csv_text if output_format == "csv" else data.markdown_table
        if len(results) == 1:
            write_data(render(data.TREE_HEADER, data.tree_rows(results[0], lang, detail)))
        else:
            write_data(render(data.ranking_header(results), data.ranking_rows(results, lang)))
    else:
        from spbe_cli.render import table

        console = stdout_console()
        if len(results) == 1:
            console.print(table.score_view(results[0], lang, detail=detail, top=top,
                                           source=scored[0].source))
        else:
            console.print(table.ranking_table(results, lang))


def run_score(
    files: Sequence[Path],
    *,
    framework: str | None,
    target: str | None,
    fail_under: str | None,
    output_format: str,
    detail: bool,
    top: int,
    sheet: str | None,
    layout: str,
    agency: str | None,
    year: int | None,
    allow_missing: bool,
    language: Language,
) -> None:
    """The ``spbe score`` command's work, with exit status 1 under ``--fail-under``."""
    lang = lang_of(language)
    try:
        scored = load_and_score(
            files, framework=framework, target=target, sheet=sheet, layout=layout,
            agency=agency, year=year, allow_missing=allow_missing, lang=lang,
        )
    except InputError as error:
        fail_input(error, lang)
    threshold = (
        resolve_target(scored[0].result.framework, fail_under, lang) if fail_under else None
    )
    print_results(scored, output_format, lang, detail=detail, top=top)
    if threshold is not None:
        below = [s for s in scored if Fraction(s.result.published) < threshold]
        if below:
            names = ", ".join(s.result.assessment.label for s in below)
            sys.stderr.write(
                Text(f"Di bawah {threshold}: {names}", f"Below {threshold}: {names}").get(lang)
                + "\n"
            )
            raise typer.Exit(EXIT_BELOW_THRESHOLD)
