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


_SETTINGS = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TERM", "COLUMNS", "LINES")
"""What rich reads when it makes a console (its colours and width are fixed then)."""


def console_for(stderr: bool = False) -> Console:
    """The console for a stream (stdout for data, ``stderr`` for messages), made once per
    state of what rich reads from the environment and the stream: a console made while
    ``FORCE_COLOR`` was set (or stdout a terminal) must not colour a later run in the same
    process (a test suite, a script that calls the CLI twice)."""
    stream = sys.stderr if stderr else sys.stdout
    key = (stderr, is_terminal(stream), *(os.environ.get(name) for name in _SETTINGS))
    return _console(key)


@cache
def _console(key: tuple[object, ...]) -> Console:
    from rich.console import Console

    if key[0]:
        return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    return Console(highlight=False, soft_wrap=False, emoji=False)


def stdout_console() -> Console:
    """The console for data (tables) on stdout; ``NO_COLOR`` is honoured by rich, and
    colour is off when stdout is not a terminal."""
    return console_for()


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
