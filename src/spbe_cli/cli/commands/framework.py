"""``spbe framework``: list, show, validate and test framework files."""

from __future__ import annotations

import typer

app = typer.Typer(help="Framework files: list, show, validate, test.", no_args_is_help=True)
