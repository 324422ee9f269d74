"""The rich console on stdout, made when a terminal table is first drawn (rich is imported
only then, so data formats and ``spbe --version`` never pay for it)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def stdout_console() -> Console:
    """The console for data (tables) on stdout; ``NO_COLOR`` is honoured by rich, and
    colour is off when stdout is not a terminal."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)
