"""The Markdown report: the same first page and tables as the Excel and HTML reports, for
documents and issue trackers. Figures use a decimal comma in Indonesian. Text from input
files is neutralised (formula injection) and stripped of Markdown/HTML meaning (``<``,
``>``, ``|``, backticks), so a pasted report shows it as typed. A logo is not embedded
(Markdown viewers drop inline images).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spbe_cli.i18n import Lang
from spbe_cli.render.formats import markdown_table
from spbe_cli.writers.atomic import atomic_write_text
from spbe_cli.writers.report_document import Report, ReportTable, Signature, Value, cell_text

if TYPE_CHECKING:
    from spbe_cli.views.report import ReportView

_INERT = str.maketrans(
    {"<": "&lt;", ">": "&gt;", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]"}
)


def write(view: ReportView, path: str | Path, *, force: bool = False) -> None:
    """Write the report of ``view`` as Markdown at ``path`` (atomically); the writer
    :mod:`spbe_cli.writers.registry` names for its suffix."""
    from spbe_cli.writers.report_content import content

    write_report_md(content(view), path, force=force)


def write_report_md(report: Report, path: str | Path, *, force: bool = False) -> None:
    """Write ``report`` as Markdown at ``path`` (atomically)."""
    atomic_write_text(path, render_markdown(report), force=force)


def inert(text: str) -> str:
    """Text that Markdown renders literally (no HTML, links or emphasis)."""
    return text.translate(_INERT)


def md_cell(value: Value, lang: Lang = "en") -> str:
    """A table cell's Markdown text."""
    return inert(cell_text(value, lang))


def render_table(table: ReportTable, lang: Lang = "en", level: int = 2) -> str:
    """A titled GitHub-flavoured table (and its note)."""
    rows = [[md_cell(v, lang) for v in row] for row in table.rows]
    text = f"{'#' * level} {inert(table.title)}\n\n" + markdown_table(list(table.header), rows)
    if table.note:
        text += f"\n{inert(table.note)}\n"
    return text


def render_signature(signature: Signature) -> str:
    """The signature block as a two-column table with room to sign."""
    (left, left_name), (right, right_name) = signature.columns()
    rows = [["", ""], ["", ""], [inert(left_name), inert(right_name)]]
    return f"{inert(signature.date_line)}\n\n" + markdown_table([inert(left), inert(right)], rows)


def render_markdown(report: Report) -> str:
    """The whole report: title, the first page, every detail table, the note."""
    lang = report.lang
    parts = [f"# {inert(report.title)}\n", f"{inert(report.subtitle)}\n"]
    if report.made:
        parts.append(f"{inert(report.made)}\n")
    if report.front:
        parts.append(f"## {inert(report.front_title)}\n")
        parts.extend(render_table(table, lang, 3) for table in report.front)
        if report.notes:
            notes = "".join(f"- {inert(note)}\n" for note in report.notes)
            parts.append(f"### {inert(report.notes_title)}\n\n{notes}")
        if report.signature is not None:
            parts.append(render_signature(report.signature))
    parts.extend(render_table(table, lang) for table in report.tables)
    parts.append(f"_{inert(report.note)}_\n")
    return "\n".join(parts)
