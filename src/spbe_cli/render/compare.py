"""``spbe compare`` for people at a terminal: one agency in full, many as a summary table.

Lays out a :class:`~spbe_cli.views.compare.CompareView`, whose comparison
(:mod:`spbe_cli.compare`) and instrument parts are computed before; this module only
draws them with rich, on a terminal (a pipe or a file gets the plain text of
:mod:`spbe_cli.render.compare_plain`, which also holds the words both views share).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.compare import IndicatorChange, Row, Series, Step
from spbe_cli.exact import value_text
from spbe_cli.i18n import Lang, pick
from spbe_cli.render.common import fmt, indicator_name, style_of
from spbe_cli.render.compare_data import (
    ABSENT,
    ORIGIN,
    L,
    change_text,
    instruments_text,
    rating_cells,
    row_cells,
    year_label,
)
from spbe_cli.render.compare_plain import (
    bar,
    not_comparable_text,
    scale_of,
    spark,
    sparks,
    transition_text,
)

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.compare import CompareView, SeriesView


def show(view: CompareView, sink: Sink) -> None:
    """The terminal view, drawn by rich."""
    sink.console().print(compare_view(view, sink.lang))


# -- compare: terminal ----------------------------------------------------------------------


def compare_view(view: CompareView, lang: Lang) -> RenderableType:
    """One agency in full; many agencies as a summary table."""
    if len(view.comparison.series) == 1:
        return series_view(view.series[0], lang)
    return summary_table(view, lang)


def series_view(item: SeriesView, lang: Lang) -> RenderableType:
    """Values per year with changes, trend bars, frameworks, and indicators up and down.

    Years measured by different instruments (SPBE, then Pemdi) are shown one instrument
    at a time, each with its own table and bars named after its index, and a line between
    them saying no change is computed across."""
    series, pieces = item.series, item.pieces
    years = " → ".join(year_label(p) for p in series.points)
    title = " · ".join(x for x in (series.agency or "", years) if x)
    parts: list[RenderableType] = [RichText(title, style="bold")]
    if len(pieces) > 1:
        parts.append(RichText(instruments_text(pieces).get(lang), style="yellow"))
    for number, piece in enumerate(pieces):
        if number:
            parts.append(
                RichText(
                    not_comparable_text(item.crossings[number - 1], lang).get(lang), style="yellow"
                )
            )
        if len(pieces) > 1:
            fw = piece.points[0].framework
            spans = " → ".join(year_label(p) for p in piece.points)
            parts.append(RichText(f"\n{fw.index_label(lang)} · {spans}", style="bold"))
        parts.append(series_table(piece, lang))
        if any(c.status != "compared" for row in piece.rows for c in row.changes):
            parts.append(
                RichText(f"{L['nc_mark'].get(lang)}\n{L['absent_mark'].get(lang)}", style="dim")
            )
        parts.append(trend(piece, lang))
        for step in piece.steps:
            parts.extend(step_view(step, lang))
    parts.append(frameworks_text(series, lang))
    if series.missing_years:
        missing = ", ".join(str(y) for y in series.missing_years)
        parts.append(RichText(f"{L['missing'].get(lang)}: {missing}", style="yellow"))
    return Group(*parts)


def series_table(series: Series, lang: Lang) -> Table:
    """Rows: index, rating, domains, aspects; columns: each year and the change after it."""
    table = Table(title_justify="left")
    table.add_column("")
    table.add_column(L["name"].get(lang))
    for position, point in enumerate(series.points):
        if position:
            table.add_column(L["change"].get(lang), justify="right", style="dim")
        table.add_column(year_label(point), justify="right")
    for row in series.rows:
        table.add_row(*_row_cells(row, series, lang))
        if row.kind == "index":
            table.add_row("", L["rating"].get(lang), *_rating_cells(series, lang))
    return table


def _row_cells(row: Row, series: Series, lang: Lang) -> list[str | RichText]:
    """:func:`~spbe_cli.render.compare_data.row_cells`, the name as text (never markup),
    bold for the index and every tier above the deepest."""
    deepest = max((r.depth for r in series.rows if r.kind != "index"), default=0)
    bold = row.kind == "index" or row.depth < deepest
    plain = row_cells(row, series, lang)
    cells: list[str | RichText] = list(plain)
    cells[1] = RichText(plain[1], style="bold" if bold else "")
    return cells


def _rating_cells(series: Series, lang: Lang) -> list[str | RichText]:
    """:func:`~spbe_cli.render.compare_data.rating_cells`, each rating in its colour."""
    plain = rating_cells(series, lang)
    cells: list[str | RichText] = list(plain)
    for position, point in enumerate(series.points):  # a rating, then an arrow, ...
        style = style_of(point.framework, point.result.band)
        cells[2 * position] = RichText(plain[2 * position], style=style)
    return cells


def trend(series: Series, lang: Lang) -> RenderableType:
    """A bar per year on the framework's scale, coloured by rating."""
    low, high = scale_of(series.points)
    index = pick(lang, series.rows[0].name, series.rows[0].name_en)
    title = f"{L['trend'].format(index=index).get(lang)} ({low}-{high})  {spark(series.points)}"
    lines = [RichText(title, style="bold")]
    for point in series.points:
        line = RichText(f"{year_label(point):>6} ")
        line.append(bar(point, low, high), style=style_of(point.framework, point.result.band))
        line.append(f" {fmt(point.result.published, 2, lang)}")
        lines.append(line)
    return Group(*lines)


def frameworks_text(series: Series, lang: Lang) -> RichText:
    """Which framework scored each year, and why."""
    items = [
        f"{year_label(p)}: {p.framework.id} ({ORIGIN[p.origin].get(lang)})" for p in series.points
    ]
    return RichText(f"{L['frameworks'].get(lang)}: " + "; ".join(items), style="dim")


def step_view(step: Step, lang: Lang) -> list[RenderableType]:
    """A framework note and the tables of indicators that rose and fell in one step."""
    parts: list[RenderableType] = []
    if not step.same_framework:
        parts.append(RichText(not_comparable_text(step, lang).get(lang), style="yellow"))
    span = f" {year_label(step.before)}→{year_label(step.after)}"
    for items, title, style in ((step.rose, L["rose"], "green"), (step.fell, L["fell"], "red")):
        if items:
            parts.append(indicator_changes(items, title.get(lang) + span, style, lang))
    return parts


def indicator_changes(
    items: Sequence[IndicatorChange], title: str, style: str, lang: Lang
) -> Table:
    """Indicators with their level before and after, and the OPD."""
    table = Table(title=title, title_justify="left", title_style=f"bold {style}")
    table.add_column("No", justify="right")
    table.add_column(L["name"].get(lang))
    table.add_column(L["level"].get(lang), justify="center")
    table.add_column(L["opd"].get(lang))
    for item in items:
        table.add_row(
            RichText(item.indicator.id),
            RichText(indicator_name(item.indicator, lang)),
            f"{value_text(item.before, lang)} → {value_text(item.after, lang)}",
            RichText(item.opd or ""),
        )
    return table


def summary_table(view: CompareView, lang: Lang) -> Table:
    """Many agencies: index per year, last change, rating changes and a sparkline."""
    comparison = view.comparison
    table = Table()
    table.add_column(L["agency"].get(lang))
    for year in comparison.years:
        table.add_column(str(year), justify="right")
    table.add_column(L["last"].get(lang), justify="right")
    table.add_column(L["transition"].get(lang))
    table.add_column("")
    for item in view.series:
        series = item.series
        by_year = {p.year: p for p in series.points}
        cells = [
            fmt(by_year[y].result.published, 2, lang) if y in by_year else ABSENT
            for y in comparison.years
        ]
        last = ""
        if series.steps:
            step = series.steps[-1]
            last = change_text(step.index, lang) if step.comparable else ABSENT
        table.add_row(
            RichText(series.agency or ""),
            *cells,
            last,
            transition_text(item, lang),
            sparks(item),
        )
    return table
