"""``spbe framework`` list, show and test for people at a terminal (rich tables).

Everything shown comes from :mod:`spbe_cli.framework` and :mod:`spbe_cli.framework.cases`;
this module only lays it out, with the rows of :mod:`spbe_cli.render.framework_data`.
Weights are printed exactly (``10/3`` stays a fraction).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.framework import Framework, Indicator
from spbe_cli.i18n import Lang
from spbe_cli.render.common import weight_text
from spbe_cli.render.framework_data import (
    band_header,
    band_rows,
    facts,
    failure_lines,
    level_rows,
    report_header,
    report_rows,
    walk,
)
from spbe_cli.render.framework_labels import label

if TYPE_CHECKING:
    from spbe_cli.framework.cases import CasesReport
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.framework import FrameworkList

_STYLES = ("bold", "cyan", "", "", "")


def simple_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], title: str | None = None
) -> Table:
    """A plain rich table: bold header, every value as text (``None`` left empty)."""
    table = Table(show_header=True, header_style="bold", title=title)
    for column in header:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


# -- list -------------------------------------------------------------------------------------


def list_table(frameworks: Sequence[Framework], lang: Lang) -> Table:
    """The bundled frameworks as a rich table with headers in ``lang``."""
    header = [label(key, lang) for key in ("id", "title", "indicators", "years", "status")]
    rows = [
        [fw.id, fw.label(lang), len(fw.indicators), fw.years_text() or "-", label(fw.status, lang)]
        for fw in frameworks
    ]
    return simple_table(header, rows, label("list", lang))


def show_list(view: FrameworkList, sink: Sink) -> None:
    """``spbe framework list``: :func:`list_table`."""
    sink.console().print(list_table(view.frameworks, sink.lang))


# -- show -------------------------------------------------------------------------------------


def tree_table(fw: Framework, lang: Lang) -> Table:
    """Domains > aspects > indicators, indented, with weight and capability type."""
    weight = label("weight", lang)
    table = Table(show_header=True, header_style="bold")
    for column in (label("no", lang), label("name", lang), weight, label("type", lang)):
        table.add_column(column, justify="right" if column == weight else "left")
    for depth, node, _ in walk(fw):
        indent = "  " * depth
        tier = fw.tiers[depth]
        ctype = node.type if isinstance(node, Indicator) else ""
        table.add_row(
            RichText(f"{indent}{tier.label(lang).lower()} {node.id}"),
            RichText(f"{indent}{node.label(lang)}"),
            weight_text(node.weight, lang),
            ctype,
            style=_STYLES[min(depth, len(_STYLES) - 1)] if depth < len(fw.tiers) - 1 else "",
        )
    return table


def framework_view(fw: Framework, lang: Lang) -> RichGroup:
    """The framework for a terminal: title, facts, the tree, level names and bands."""
    level_header, levels = level_rows(fw, lang)
    parts: list[RenderableType] = [RichText(fw.label(lang), style="bold")]
    parts.extend(RichText(f"{key}: {value}") for key, value in facts(fw, lang))
    parts.append(tree_table(fw, lang))
    parts.append(simple_table(level_header, levels))
    parts.append(simple_table(band_header(lang), band_rows(fw, lang)))
    return RichGroup(*parts)


def show(fw: Framework, sink: Sink) -> None:
    """``spbe framework show``: :func:`framework_view`."""
    sink.console().print(framework_view(fw, sink.lang))


# -- golden cases report ----------------------------------------------------------------------


def report_view(report: CasesReport, lang: Lang) -> RichGroup:
    """The cases report for a terminal: a row per case, then the failures in red."""
    parts: list[RenderableType] = [simple_table(report_header(lang), report_rows(report, lang))]
    parts.extend(RichText(line, style="red") for line in failure_lines(report, lang))
    return RichGroup(*parts)


def show_report(report: CasesReport, sink: Sink) -> None:
    """``spbe framework test``: :func:`report_view`."""
    sink.console().print(report_view(report, sink.lang))
