"""Reading, scoring and printing shared by the commands that score input files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

import typer

from spbe_cli.cli.options import Language, lang_of
from spbe_cli.cli.output import (
    EXIT_BELOW_THRESHOLD,
    emit,
    fail_input,
    message,
    warn_problems,
)
from spbe_cli.i18n import Lang, Text
from spbe_cli.loading import Scored, ScoreOptions, score_files, target_value
from spbe_cli.problems import InputError
from spbe_cli.readers import ReadResult

if TYPE_CHECKING:
    from spbe_cli.evidence.model import EvidenceReport


def load_and_score(
    files: Sequence[Path], *, lang: Lang, **options: Unpack[ScoreOptions]
) -> list[Scored]:
    """:func:`spbe_cli.loading.score_files`, saying on stderr what each file held.

    Bad input ends the command: every problem on stderr, exit status 2; so does stdout
    redirected to one of the files (see :mod:`spbe_cli.cli.clobber`).
    """
    from spbe_cli.cli.clobber import STDOUT, refuse_clobber

    refuse_clobber(STDOUT, [*files, framework_path(options.get("framework"))], lang)
    try:
        return score_files(files, on_read=show_read(lang), **options)
    except InputError as error:
        fail_input(error, lang)


def framework_path(value: object) -> str | None:
    """A ``--framework`` value that names a file (an input), else ``None``."""
    return value if isinstance(value, str) and Path(value).is_file() else None


def show_read(lang: Lang) -> Callable[[ReadResult], None]:
    """What to print for each file read: which sheet and layout, then its warnings."""

    def show(read: ReadResult) -> None:
        describe_read(read, lang)
        warn_problems(read.warnings, lang)

    return show


def describe_read(read: ReadResult, lang: Lang) -> None:
    """One dim line on stderr: which sheet and layout were read, and how many agencies."""
    layout = {"long": Text("panjang", "long"), "wide": Text("lebar", "wide")}[read.layout]
    count = len(read.assessments)
    sheet = f", lembar '{read.sheet}'" if read.sheet else ""
    sheet_en = f", sheet '{read.sheet}'" if read.sheet else ""
    text = Text(
        f"{read.source}{sheet}: tata letak {layout.id}, {count} instansi",
        f"{read.source}{sheet_en}: {layout.en} layout, {count} agenc{'y' if count == 1 else 'ies'}",
    )
    message(text.get(lang), "dim")
    for line in read_details(read, lang):
        message(line, "dim")


def read_details(read: ReadResult, lang: Lang) -> list[str]:
    """Lines on how a file was read: the framework chosen (and why), the track columns."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for choice in read.choices:
        key = (choice.framework.id, choice.origin)
        if key in seen:
            continue
        seen.add(key)
        fw = choice.framework
        word = Text("kerangka", "framework").get(lang)
        lines.append(f"  {word} {fw.id} ({fw.index_label(lang)}): {choice.reason().get(lang)}")
    if set(read.track_columns) - {"nilai"}:
        from spbe_cli.render.common import track_label

        scored = {a.track for a in read.assessments}
        parts = []
        for name, column in read.track_columns.items():
            mark = Text(" (dinilai)", " (scored)").get(lang) if name in scored else ""
            parts.append(f"{column} = {track_label(name, lang)}{mark}")
        lines.append(
            "  " + Text("kolom nilai", "value columns").get(lang) + ": " + "; ".join(parts)
        )
    return lines


def print_results(
    scored: Sequence[Scored],
    output_format: str,
    lang: Lang,
    *,
    detail: bool,
    top: int,
    show_all: bool = False,
) -> None:
    """Print results in the chosen format: one agency in full, many as a ranking."""
    from spbe_cli.views.score import score_view

    view = score_view([s.result for s in scored], [s.source for s in scored])
    emit("score", output_format, view, lang, show_all=show_all, detail=detail, top=top)


def run_score(
    files: Sequence[Path],
    *,
    fail_under: str | None,
    output_format: str,
    detail: bool,
    top: int,
    language: Language,
    show_all: bool = False,
    **options: Unpack[ScoreOptions],
) -> None:
    """The ``spbe score`` command's work, with exit status 1 under ``--fail-under``."""
    lang = lang_of(language)
    scored = load_and_score(files, lang=lang, **options)
    try:
        threshold = (
            target_value(scored[0].result.framework, fail_under, "--fail-under")
            if fail_under
            else None
        )
    except InputError as error:
        fail_input(error, lang)
    print_results(scored, output_format, lang, detail=detail, top=top, show_all=show_all)
    if threshold is not None:
        below = [s for s in scored if Fraction(s.result.published) < threshold]
        if below:
            from spbe_cli.framework import format_exact

            names = ", ".join(s.result.assessment.label for s in below)
            edge = format_exact(threshold)
            sys.stderr.write(
                Text(f"Di bawah {edge.replace('.', ',')}: {names}", f"Below {edge}: {names}").get(
                    lang
                )
                + "\n"
            )
            raise typer.Exit(EXIT_BELOW_THRESHOLD)


def evidence_report(
    scored: Scored,
    folder: Path | None,
    items: Path | None,
    lang: Lang,
    track: str | None = None,
) -> EvidenceReport:
    """The evidence check of one scored agency, its claims chosen by the one rule of
    :func:`~spbe_cli.evidence.check.evidence_track` (``track``: the ``--track`` asked for,
    else the self-assessment, else the scored track); a missing folder and item list, or a
    bad one, end the command."""
    from spbe_cli.cli.output import fail_usage
    from spbe_cli.evidence import check_assessment

    if folder is None and items is None:
        fail_usage(
            Text(
                "bukti dukung memerlukan --dir FOLDER dan/atau --items BERKAS",
                "the evidence check needs --dir FOLDER and/or --items FILE",
            ),
            lang,
        )
    result = scored.result
    try:
        return check_assessment(
            result.assessment,
            result.framework,
            scan=folder,
            items=items,
            track=track and result.assessment.track,
        )
    except InputError as error:
        fail_input(error, lang)
