"""The Markdown report: the same tables as the Excel and HTML reports, for documents and
issue trackers. Text from input files is neutralised (formula injection) and stripped of
Markdown/HTML meaning (``<``, ``>``, ``|``, backticks), so a pasted report shows it as typed.
"""

from __future__ import annotations

from pathlib import Path

from spbe_cli.render.data import markdown_table
from spbe_cli.writers.atomic import atomic_write_text
from spbe_cli.writers.report_html import cell_text
from spbe_cli.writers.report_labels import Report, ReportTable, Value

_INERT = str.maketrans(
    {"<": "&lt;", ">": "&gt;", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]"}
)


def write_report_md(report: Report, path: str | Path, *, force: bool = False) -> None:
    """Write ``report`` as Markdown at ``path`` (atomically)."""
    atomic_write_text(path, render_markdown(report), force=force)


def inert(text: str) -> str:
    """Text that Markdown renders literally (no HTML, links or emphasis)."""
    return text.translate(_INERT)


def md_cell(value: Value) -> str:
    """A table cell's Markdown text."""
    return inert(cell_text(value))


def render_table(table: ReportTable) -> str:
    """A titled GitHub-flavoured table."""
    rows = [[md_cell(v) for v in row] for row in table.rows]
    return f"## {inert(table.title)}\n\n" + markdown_table(list(table.header), rows)


def render_markdown(report: Report) -> str:
    """The whole report: title, subtitle, every table, the note."""
    parts = [f"# {inert(report.title)}\n", f"{inert(report.subtitle)}\n"]
    parts.extend(render_table(table) for table in report.tables)
    parts.append(f"_{inert(report.note)}_\n")
    return "\n".join(parts)
