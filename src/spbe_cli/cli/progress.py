"""Progress on stderr for long reads and scoring; silent when stderr is not a terminal.

Usage::

    with progress("Membaca data.xlsx", total=len(files)) as advance:
        for f in files:
            ...
            advance(1)

rich is imported only when a terminal will actually show the progress.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[int], None]


def _noop(_: int) -> None:
    return None


def progress_enabled() -> bool:
    """Whether to show progress: stderr is a terminal and ``SPBE_NO_PROGRESS`` is unset."""
    if os.environ.get("SPBE_NO_PROGRESS"):
        return False
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Advance]:
    """A transient spinner (no ``total``) or bar on stderr; yields ``advance(n)``."""
    if not progress_enabled():
        yield _noop
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from spbe_cli.cli.output import stderr_console

    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    ]
    if total is None:
        columns = [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
    with Progress(*columns, console=stderr_console(), transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(count: int) -> None:
            bar.advance(task, count)

        yield advance
