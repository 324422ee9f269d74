"""Where output goes: data to stdout, messages to stderr; problem lists; exit codes.

rich is imported only when a console is first needed, so ``spbe --version`` stays fast.
``NO_COLOR`` is honoured by rich; colour is also off when the stream is not a terminal.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING, NoReturn

import typer

from spbe_cli.i18n import Lang, Text
from spbe_cli.problems import InputError, Problem

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


@cache
def stdout_console() -> Console:
    """The console for data (tables) on stdout."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@cache
def stderr_console() -> Console:
    """The console for messages on stderr."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def write_data(text: str) -> None:
    """Plain data (JSON, CSV, Markdown) to stdout, exactly as given."""
    sys.stdout.write(text)
    sys.stdout.flush()


def say(text: Text, lang: Lang, style: str | None = None) -> None:
    """A message for the person at the terminal, on stderr."""
    stderr_console().print(text.get(lang), style=style, markup=False)


def warn_problems(problems: list[Problem], lang: Lang) -> None:
    """Non-fatal notes (``Catatan:``/``Note:``) on stderr."""
    label = Text("Catatan", "Note").get(lang)
    for problem in problems:
        stderr_console().print(f"{label}: {problem.render(lang)}", style="yellow", markup=False)


def fail_input(error: InputError, lang: Lang) -> NoReturn:
    """Print every problem of ``error`` on stderr and exit with status 2."""
    console = stderr_console()
    count = len(error.problems)
    heading = Text(
        f"{error.source}: {count} masalah ditemukan",
        f"{error.source}: {count} problem{'s' if count != 1 else ''} found",
    )
    if count > 1:
        console.print(heading.get(lang), style="bold red", markup=False)
        for problem in error.problems:
            console.print(f"  {problem.render(lang)}", markup=False)
    else:
        prefix = Text("Kesalahan", "Error").get(lang)
        console.print(f"{prefix}: {error.problems[0].render(lang)}", style="red", markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def fail_usage(text: Text, lang: Lang) -> NoReturn:
    """A usage problem the option parser could not catch: message and exit status 2."""
    prefix = Text("Kesalahan", "Error").get(lang)
    stderr_console().print(f"{prefix}: {text.get(lang)}", style="red", markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)
