"""Report files by suffix: which writer writes ``laporan.xlsx``, ``.html`` or ``.md``.

:data:`WRITERS` maps a file suffix to its writer (``module:function``, imported only when
used, so a Markdown report never imports openpyxl); each writer has the signature
``(view, path, *, force) -> None`` and lays a :class:`~spbe_cli.views.report.ReportView`
out in its format. ``--format`` names a format instead of a suffix (:data:`FORMATS`).
:func:`write_report` is the only way ``spbe report`` writes a file; a new report format is
one line here and one function. Data shown on screen or piped goes through
:mod:`spbe_cli.render.registry` instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spbe_cli.views.report import ReportView

Writer = Callable[..., None]

WRITERS: dict[str, str] = {
    ".xlsx": "spbe_cli.writers.report_xlsx:write",
    ".html": "spbe_cli.writers.report_html:write",
    ".htm": "spbe_cli.writers.report_html:write",
    ".md": "spbe_cli.writers.report_md:write",
    ".markdown": "spbe_cli.writers.report_md:write",
}
"""Every report suffix (lower case) and its writer (``module:function``)."""

FORMATS: dict[str, str] = {"xlsx": ".xlsx", "html": ".html", "md": ".md"}
"""``--format`` names and the suffix whose writer each picks."""


def suffix_of(path: str | Path, fmt: str | None = None) -> str | None:
    """The registered suffix whose writer writes ``path``: ``fmt``'s (``--format``), else
    the file's own suffix (any case); ``None`` when neither names a report format."""
    if fmt is not None:
        return FORMATS.get(fmt)
    suffix = Path(path).suffix.lower()
    return suffix if suffix in WRITERS else None


def writer(suffix: str) -> Writer:
    """The writer registered for ``suffix`` (a KeyError names an unregistered one)."""
    module, _, name = WRITERS[suffix].partition(":")
    found: Writer = getattr(importlib.import_module(module), name)
    return found


def write_report(
    view: ReportView, path: str | Path, *, fmt: str | None = None, force: bool = False
) -> None:
    """Write ``view`` at ``path`` in the format ``fmt`` names, else the one its suffix
    names (atomically; an existing file only with ``force``). A ValueError when neither
    names a report format; the writer's own errors (``OutputExistsError``, ``OSError``)
    pass through."""
    suffix = suffix_of(path, fmt)
    if suffix is None:
        raise ValueError(f"no report format for {Path(path).name!r}")
    writer(suffix)(view, path, force=force)
