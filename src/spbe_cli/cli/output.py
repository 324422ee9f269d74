"""Where output goes: data to stdout, messages to stderr; problem lists; exit codes.

rich is imported only when a console is first needed, so ``spbe --version`` stays fast.
``NO_COLOR`` is honoured by rich; colour is also off when the stream is not a terminal.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import typer

from spbe_cli import glossary
from spbe_cli.i18n import Lang, Text, printable
from spbe_cli.problems import InputError, Problem
from spbe_cli.render.terminal import console_for, is_terminal
from spbe_cli.render.terminal import stdout_console as stdout_console

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def stderr_console() -> Console:
    """The console for messages on stderr (see :func:`console_for`)."""
    return console_for(stderr=True)


def message(line: str, style: str | None = None) -> None:
    """One line for the person at the terminal, on stderr: through rich (in ``style``)
    on a terminal, as written elsewhere (a file or pipe gets no colour from rich
    either, and skipping rich saves its import)."""
    line = printable(line)  # a file name that is not UTF-8 shows its bytes as \\xNN
    if is_terminal(sys.stderr):
        stderr_console().print(line, style=style, markup=False)
    else:
        sys.stderr.write(line + "\n")


def write_data(text: str) -> None:
    """Plain data (JSON, CSV, Markdown) to stdout, exactly as given, always in UTF-8
    (whatever the locale or ``PYTHONIOENCODING`` says: data is never re-encoded or cut);
    text that is not valid Unicode (a file name) is written by :func:`printable`."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = printable(text).encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def emit(
    subject: str,
    fmt: str,
    view: object,
    lang: Lang,
    *,
    show_all: bool = False,
    detail: bool = False,
    top: int = 5,
) -> None:
    """Write ``view`` of ``subject`` (a command's computed output) to stdout as ``fmt``,
    through the one registry of renderers (:mod:`spbe_cli.render.registry`)."""
    from spbe_cli.render.registry import Sink
    from spbe_cli.render.registry import emit as render

    render(
        subject, fmt, view, Sink(sys.stdout.buffer, lang, show_all=show_all, detail=detail, top=top)
    )


def say(text: Text, lang: Lang, style: str | None = None) -> None:
    """A message for the person at the terminal, on stderr."""
    message(text.get(lang), style)


def warn_problems(problems: list[Problem], lang: Lang) -> None:
    """Non-fatal notes (``Catatan:``/``Note:``) on stderr."""
    label = glossary.NOTE.get(lang)
    for problem in problems:
        message(f"{label}: {problem.render(lang)}", "yellow")


def fail_input(error: InputError, lang: Lang) -> NoReturn:
    """Print every problem of ``error`` on stderr and exit with status 2."""
    count = len(error.problems)
    heading = Text(
        f"{error.source}: {count} masalah ditemukan",
        f"{error.source}: {count} problem{'s' if count != 1 else ''} found",
    )
    if count > 1:
        message(heading.get(lang), "bold red")
        for problem in error.problems:
            message(f"  {problem.render(lang)}")
    else:
        prefix = glossary.ERROR.get(lang)
        problem = error.problems[0]
        line = problem.render(lang)
        if _names_a_file(error.source) and problem.place and error.source not in problem.place:
            line = f"{error.source}: {line}"  # a cell of which file: name it
        message(f"{prefix}: {line}", "red")
    raise typer.Exit(EXIT_BAD_INPUT)


def _names_a_file(source: str) -> bool:
    """Whether an error's source is a file (not an option such as ``--target``)."""
    return bool(source) and not source.startswith("-") and source != "target"


def fail_usage(text: Text, lang: Lang) -> NoReturn:
    """A usage problem the option parser could not catch: message and exit status 2."""
    prefix = glossary.ERROR.get(lang)
    message(f"{prefix}: {text.get(lang)}", "red")
    raise typer.Exit(EXIT_BAD_INPUT)
