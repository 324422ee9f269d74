"""The ``spbe`` command: the typer app, global options and error handling.

Every command module under ``cli/commands`` imports only typer and the standard library at
module level; the library (pydantic, calamine, rich, openpyxl) is imported inside the
command, so ``spbe --help`` and ``spbe --version`` start fast.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated

import typer

from spbe_cli import __version__
from spbe_cli.cli.commands import compare as compare_command
from spbe_cli.cli.commands import framework as framework_commands
from spbe_cli.cli.commands import plan as plan_command
from spbe_cli.cli.commands import rank as rank_command
from spbe_cli.cli.commands import report as report_command
from spbe_cli.cli.commands import score as score_command
from spbe_cli.cli.commands import template as template_command
from spbe_cli.cli.commands import whatif as whatif_command
from spbe_cli.cli.output import EXIT_INTERNAL

app = typer.Typer(
    name="spbe",
    help=(
        "Kalkulator Indeks SPBE yang eksak / exact SPBE index calculator.\n\n"
        "Scores an agency's maturity levels (47 indicators under PermenPANRB 59/2020) into "
        "aspect, domain and overall indices with their rating (predikat), the gap to the "
        "target and what to raise to close it.\n\n"
        "Start with: spbe template isian.xlsx, fill in the levels, then spbe score isian.xlsx"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"spbe-cli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the full traceback of an unexpected error."),
    ] = False,
) -> None:
    """Global options."""
    _state["debug"] = debug


app.command("score")(score_command.score)
app.command("plan")(plan_command.plan)
app.command("whatif")(whatif_command.whatif)
app.command("compare")(compare_command.compare)
app.command("rank")(rank_command.rank)
app.command("report")(report_command.report)
app.command("template")(template_command.template)
app.add_typer(framework_commands.app, name="framework")


def main() -> None:
    """Entry point: run the app; turn unexpected errors into one line (or a traceback)."""
    # A run is short and builds large acyclic structures (a result per agency): the
    # cyclic collector's full passes cost 14% of a 100,000-row score and free nothing.
    gc.disable()
    try:
        app(prog_name="spbe")
    except BrokenPipeError:
        _silence_broken_pipe()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except Exception as error:  # last line of defence
        if _state["debug"] or os.environ.get("SPBE_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            sys.stderr.write(
                f"spbe: internal error: {type(error).__name__}: {error}\n"
                "Run again with --debug (spbe --debug ...) for the traceback and report it.\n"
            )
        sys.exit(EXIT_INTERNAL)


def _silence_broken_pipe() -> None:
    """``spbe ... | head`` is not an error: drop the rest of the output quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
