"""The rich console on stdout, made when a terminal table is first drawn (rich is imported
only then, so data formats, tables to a pipe or a file and ``spbe --version`` never pay
for it), and the one test of whether a stream is a terminal."""

from __future__ import annotations

import os
import sys
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


def is_terminal(stream: object) -> bool:
    """Whether ``stream`` is a terminal as rich judges it, without importing rich:
    ``TTY_COMPATIBLE=1``/``0`` says so, else a set ``FORCE_COLOR`` (not empty) means yes,
    else the stream's ``isatty()``."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # a closed stream
        return False


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal (see :func:`is_terminal`)."""
    return is_terminal(sys.stdout)
