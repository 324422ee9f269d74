"""The one seam where output formats plug in: subject x format -> renderer.

A *subject* is what a command shows (``score``, ``plan``, ``compare`` ...); its *view* is
everything the output needs, computed before rendering (:mod:`spbe_cli.views`). A renderer
lays a view out in one format and computes nothing; it is named here by ``module:function``
and imported only when used, so ``--format csv`` never imports rich. :func:`emit` is the
only way a command writes data; a new format is one line in :data:`RENDERERS` and one
function (as datasette registers its renderers). Report files are registered by suffix in
:mod:`spbe_cli.writers.registry`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from spbe_cli.i18n import Lang, printable

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Sink:
    """Where a renderer writes and how: a binary stream, the language and the options a
    person chose for the layout (``show_all``: every row on a terminal; ``detail``: every
    indicator; ``top``: how many gains to list)."""

    stream: BinaryIO
    lang: Lang
    show_all: bool = False
    detail: bool = False
    top: int = 5

    def text(self, text: str) -> None:
        """Write ``text`` as UTF-8, exactly as given (a name that is not valid Unicode
        shows its bytes as ``\\xNN``)."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = printable(text).encode("utf-8")
        self.stream.write(data)

    def people_lines(self, lines: Iterable[str]) -> None:
        """Plain text for people (a table to a pipe or a file): through the text stdout, so
        the locale's encoding applies and what it cannot show is escaped, as on a terminal
        (data formats are always UTF-8: :meth:`text`)."""
        self.stream.flush()
        sys.stdout.writelines(lines)
        sys.stdout.flush()

    def console(self) -> Console:
        """The rich console on stdout (for a terminal table; imports rich)."""
        from spbe_cli.render.terminal import stdout_console

        sys.stdout.flush()
        self.stream.flush()
        return stdout_console()

    def is_terminal(self) -> bool:
        """Whether stdout is a terminal as rich would judge it (``FORCE_COLOR`` counts), found
        without importing rich: a pipe or a file gets plain aligned text, not a drawn table."""
        from spbe_cli.render.terminal import stdout_is_terminal

        return stdout_is_terminal()


Renderer = Callable[[Any, Sink], None]

RENDERERS: dict[str, dict[str, str]] = {
    "score": {
        "table": "spbe_cli.render.score_plain:show",
        "json": "spbe_cli.render.score_data:write_json",
        "jsonl": "spbe_cli.render.score_data:write_jsonl",
        "csv": "spbe_cli.render.score_data:write_csv",
        "markdown": "spbe_cli.render.score_data:write_markdown",
    },
    "framework-list": {
        "table": "spbe_cli.render.framework:show_list",
        "json": "spbe_cli.render.framework_data:write_list_json",
        "csv": "spbe_cli.render.framework_data:write_list_csv",
        "markdown": "spbe_cli.render.framework_data:write_list_markdown",
    },
    "framework-show": {
        "table": "spbe_cli.render.framework:show",
        "json": "spbe_cli.render.framework_data:write_json",
        "csv": "spbe_cli.render.framework_data:write_csv",
        "markdown": "spbe_cli.render.framework_data:write_markdown",
    },
    "framework-indicator": {
        "table": "spbe_cli.render.indicator:show",
        "json": "spbe_cli.render.indicator_data:write_json",
        "csv": "spbe_cli.render.indicator_data:write_csv",
        "markdown": "spbe_cli.render.indicator_data:write_markdown",
    },
    "framework-validate": {  # other formats: nothing on stdout, the verdict on stderr
        "json": "spbe_cli.render.framework_data:write_validation_json",
    },
    "framework-test": {
        "table": "spbe_cli.render.framework:show_report",
        "json": "spbe_cli.render.framework_data:write_report_json",
        "csv": "spbe_cli.render.framework_data:write_report_csv",
        "markdown": "spbe_cli.render.framework_data:write_report_markdown",
    },
    "compare": {
        "table": "spbe_cli.render.compare_plain:show",
        "json": "spbe_cli.render.compare_data:write_json",
        "jsonl": "spbe_cli.render.compare_data:write_jsonl",
        "csv": "spbe_cli.render.compare_data:write_csv",
        "markdown": "spbe_cli.render.compare_data:write_markdown",
    },
    "rank": {
        "table": "spbe_cli.render.rank_plain:show",
        "json": "spbe_cli.render.rank_data:write_json",
        "jsonl": "spbe_cli.render.rank_data:write_jsonl",
        "csv": "spbe_cli.render.rank_data:write_csv",
        "markdown": "spbe_cli.render.rank_data:write_markdown",
    },
    "plan": {
        "table": "spbe_cli.render.plan:show",
        "json": "spbe_cli.render.plan_data:write_json",
        "csv": "spbe_cli.render.plan_data:write_csv",
        "markdown": "spbe_cli.render.plan_data:write_markdown",
    },
    "roadmap": {
        "table": "spbe_cli.render.plan:show_roadmap",
        "json": "spbe_cli.render.plan_data:write_roadmap_json",
        "csv": "spbe_cli.render.plan_data:write_roadmap_csv",
        "markdown": "spbe_cli.render.plan_data:write_roadmap_markdown",
    },
    "whatif": {
        "table": "spbe_cli.render.whatif:show",
        "json": "spbe_cli.render.whatif_data:write_json",
        "csv": "spbe_cli.render.whatif_data:write_csv",
        "markdown": "spbe_cli.render.whatif_data:write_markdown",
    },
    "evidence": {
        "table": "spbe_cli.render.evidence:show",
        "json": "spbe_cli.render.evidence_data:write_json",
        "csv": "spbe_cli.render.evidence_data:write_csv",
        "markdown": "spbe_cli.render.evidence_data:write_markdown",
    },
}
"""Every subject's formats and their renderers (``module:function``)."""


def renderer(subject: str, fmt: str) -> Renderer:
    """The renderer of ``subject`` in ``fmt`` (a KeyError names an unregistered pair)."""
    module, _, name = RENDERERS[subject][fmt].partition(":")
    found: Renderer = getattr(importlib.import_module(module), name)
    return found


def formats_of(subject: str) -> tuple[str, ...]:
    """The formats ``subject`` can be written in."""
    return tuple(RENDERERS[subject])


def emit(subject: str, fmt: str, view: object, sink: Sink) -> None:
    """Lay ``view`` out as ``fmt`` into ``sink``: the only path from a view to output."""
    sys.stdout.flush()
    renderer(subject, fmt)(view, sink)
    sink.stream.flush()
