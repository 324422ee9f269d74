"""``spbe template``: an input workbook for a team to fill in (written by writers/template)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spbe_cli.cli.options import FrameworkOpt, LangOpt, Language


def template(
    output: Annotated[Path, typer.Argument(help="The .xlsx file to write.")],
    framework: FrameworkOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    language: LangOpt = Language.id,
) -> None:
    """Write an input workbook for a framework (not yet implemented)."""
    raise NotImplementedError
