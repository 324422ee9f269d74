"""``spbe compare`` as plain text for people, and the words both people's views share.

On a terminal :func:`show` hands over to :mod:`spbe_cli.render.compare` (rich, as
always); to a pipe or a file it writes the same content (titles, years, indices, ratings,
changes, instrument notes, the summary of many agencies) as plain aligned columns, without
importing rich or drawing boxes. Computes nothing: lays out a
:class:`~spbe_cli.views.compare.CompareView`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from spbe_cli.compare import IndicatorChange, Point, Row, Series, Step
from spbe_cli.exact import value_text
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.render.common import aligned_lines, fmt, indicator_name
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

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.compare import CompareView, SeriesView

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30


def _share(point: Point, low: int, high: int) -> Fraction:
    return (Fraction(point.result.published) - low) / (high - low)


def scale_of(points: Sequence[Point]) -> tuple[int, int]:
    """One scale for all years (0-5 when a 5/2018 year is among 1-5 years)."""
    return (min(p.framework.scale.min for p in points), max(p.framework.scale.max for p in points))


_SPARK: dict[tuple[Decimal, int, int], str] = {}
"""Block characters by (published index, scale): agencies share a few hundred figures."""


def _spark_char(point: Point, low: int, high: int) -> str:
    key = (point.result.published, low, high)
    found = _SPARK.get(key)
    if found is None:
        if len(_SPARK) > 100_000:
            _SPARK.clear()
        top = len(SPARKS) - 1
        share = _share(point, low, high)
        found = _SPARK[key] = SPARKS[min(top, max(0, int(share * len(SPARKS))))]
    return found


def spark(points: Sequence[Point]) -> str:
    """One block character per year, on a scale common to all years."""
    low, high = scale_of(points)
    return "".join(_spark_char(p, low, high) for p in points)


def bar(point: Point, low: int, high: int) -> str:
    """A horizontal bar of the index on the scale ``low..high``, in eighths of a character."""
    eighths = int(max(Fraction(0), _share(point, low, high)) * BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else "")


def transition_text(item: SeriesView, lang: Lang) -> str:
    """``Kurang → Cukup → Baik``; across instruments each part is named and kept apart
    (``Indeks SPBE: Kurang → Baik | Indeks Pemdi: Kurang``), never one arrow between
    two instruments' ratings."""
    if len(item.pieces) == 1:
        return " → ".join(p.result.band.label(lang) for p in item.series.points)
    return " | ".join(
        f"{piece.points[0].framework.index_label(lang)}: "
        + " → ".join(p.result.band.label(lang) for p in piece.points)
        for piece in item.pieces
    )


def sparks(item: SeriesView) -> str:
    """:func:`spark` per instrument, separated by ``|``."""
    return "|".join(spark(piece.points) for piece in item.pieces)


def _ids(rows: Sequence[Row], named: bool = False) -> str:
    def label(row: Row) -> str:
        return f"{row.label} {row.name}" if named else row.label

    return ", ".join(label(r) for r in rows) or "-"


def not_comparable_text(step: Step, lang: Lang) -> Text:
    """A plain sentence on what a framework change leaves uncompared."""
    before, after = year_label(step.before), year_label(step.after)
    ids = (step.before.framework.id, step.after.framework.id)
    differ = _ids(step.not_comparable)
    old, new = _ids(step.only_before, True), _ids(step.only_after, True)
    count = step.indicators_compared
    if not step.comparable:
        names = (step.before.framework.index_label("id"), step.after.framework.index_label("id"))
        names_en = (step.before.framework.index_label("en"), step.after.framework.index_label("en"))
        same_id = (
            f"{count} indikator yang sama tetap dibandingkan"
            if count
            else "tidak ada indikator yang sama"
        )
        same_en = (
            f"{count} identical indicators are still compared"
            if count
            else "no indicator is the same in both"
        )
        return Text(
            f"{before}→{after}: instrumen berbeda ({names[0]}, {ids[0]} → {names[1]}, {ids[1]})."
            f" Angka indeks dan predikat tidak sebanding dan tidak dikurangkan ({ABSENT}); "
            f"{same_id}.",
            f"{before}→{after}: different instruments ({names_en[0]}, {ids[0]} → "
            f"{names_en[1]}, {ids[1]}). The indices and ratings are not comparable and are "
            f"not subtracted ({ABSENT}); {same_en}.",
        )
    index_id = step.after.framework.index_label("id")
    index_en = step.after.framework.index_label("en")
    return Text(
        f"{before}→{after}: kerangka berbeda ({ids[0]} → {ids[1]}). Yang dibandingkan: "
        f"{index_id}, predikat dan {count} indikator yang sama. Tidak sebanding "
        f"(didefinisikan berbeda): {differ}. Hanya {before}: {old}. Hanya {after}: {new}.",
        f"{before}→{after}: frameworks differ ({ids[0]} → {ids[1]}). Compared: the "
        f"{index_en}, the rating and {count} identical indicators. Not comparable (defined "
        f"differently): {differ}. Only {before}: {old}. Only {after}: {new}.",
    )


# -- plain text (a pipe or a file) ----------------------------------------------------------


def show(view: CompareView, sink: Sink) -> None:
    """``--format table``: drawn by rich on a terminal (:func:`spbe_cli.render.compare.show`);
    plain aligned text to a pipe or a file."""
    if sink.is_terminal():
        from spbe_cli.render.compare import show as show_terminal

        show_terminal(view, sink)
        return
    sink.people_lines(compare_lines(view, sink.lang))


def compare_lines(view: CompareView, lang: Lang) -> Iterator[str]:
    """One agency in full; many agencies as a summary table (each line ends in a newline)."""
    if len(view.comparison.series) == 1:
        yield from series_lines(view.series[0], lang)
    else:
        yield from summary_lines(view, lang)


def series_lines(item: SeriesView, lang: Lang) -> Iterator[str]:
    """:func:`spbe_cli.render.compare.series_view` as plain text."""
    series, pieces = item.series, item.pieces
    years = " → ".join(year_label(p) for p in series.points)
    yield " · ".join(x for x in (series.agency or "", years) if x) + "\n"
    if len(pieces) > 1:
        yield instruments_text(pieces).get(lang) + "\n"
    for number, piece in enumerate(pieces):
        if number:
            yield "\n" + not_comparable_text(item.crossings[number - 1], lang).get(lang) + "\n"
        if len(pieces) > 1:
            spans = " → ".join(year_label(p) for p in piece.points)
            yield f"\n{piece.points[0].framework.index_label(lang)} · {spans}\n"
        yield "\n"
        yield from series_table_lines(piece, lang)
        if any(c.status != "compared" for row in piece.rows for c in row.changes):
            yield f"{L['nc_mark'].get(lang)}\n{L['absent_mark'].get(lang)}\n"
        yield "\n"
        yield from trend_lines(piece, lang)
        for step in piece.steps:
            yield from step_lines(step, lang)
    yield "\n" + frameworks_line(series, lang) + "\n"
    if series.missing_years:
        missing = ", ".join(str(y) for y in series.missing_years)
        yield f"{L['missing'].get(lang)}: {missing}\n"


def series_table_lines(series: Series, lang: Lang) -> Iterator[str]:
    """Rows: index, rating, domains, aspects; columns: each year and the change after it."""
    header = ["", L["name"].get(lang)]
    for position, point in enumerate(series.points):
        if position:
            header.append(L["change"].get(lang))
        header.append(year_label(point))
    rows: list[list[str]] = []
    for row in series.rows:
        rows.append(row_cells(row, series, lang))
        if row.kind == "index":
            rows.append(["", L["rating"].get(lang), *rating_cells(series, lang)])
    yield from aligned_lines(header, rows, left={0, 1})


def trend_lines(series: Series, lang: Lang) -> Iterator[str]:
    """A bar per year on the framework's scale, with its figure."""
    low, high = scale_of(series.points)
    index = pick(lang, series.rows[0].name, series.rows[0].name_en)
    yield f"{L['trend'].format(index=index).get(lang)} ({low}-{high})  {spark(series.points)}\n"
    for point in series.points:
        figure = fmt(point.result.published, 2, lang)
        yield f"{year_label(point):>6} {bar(point, low, high)} {figure}\n"


def frameworks_line(series: Series, lang: Lang) -> str:
    """Which framework scored each year, and why."""
    items = [
        f"{year_label(p)}: {p.framework.id} ({ORIGIN[p.origin].get(lang)})" for p in series.points
    ]
    return f"{L['frameworks'].get(lang)}: " + "; ".join(items)


def step_lines(step: Step, lang: Lang) -> Iterator[str]:
    """A framework note and the indicators that rose and fell in one step."""
    if not step.same_framework:
        yield "\n" + not_comparable_text(step, lang).get(lang) + "\n"
    span = f" {year_label(step.before)}→{year_label(step.after)}"
    for items, title in ((step.rose, L["rose"]), (step.fell, L["fell"])):
        if items:
            yield "\n" + title.get(lang) + span + "\n"
            yield from indicator_change_lines(items, lang)


def indicator_change_lines(items: Sequence[IndicatorChange], lang: Lang) -> Iterator[str]:
    """Indicators with their level before and after, and the OPD."""
    header = ["No", L["name"].get(lang), L["level"].get(lang), L["opd"].get(lang)]
    rows = [
        [
            item.indicator.id,
            indicator_name(item.indicator, lang),
            f"{value_text(item.before, lang)} → {value_text(item.after, lang)}",
            item.opd or "",
        ]
        for item in items
    ]
    yield from aligned_lines(header, rows, left={1, 2, 3})


def summary_cells(item: SeriesView, years: Sequence[int], lang: Lang) -> list[str]:
    """One agency of the summary: name, index per year, last change, ratings, sparkline."""
    series = item.series
    by_year = {p.year: p for p in series.points}
    cells = [series.agency or ""]
    cells.extend(
        fmt(by_year[y].result.published, 2, lang) if y in by_year else ABSENT for y in years
    )
    last = ""
    if series.steps:
        step = series.steps[-1]
        last = change_text(step.index, lang) if step.comparable else ABSENT
    cells.extend((last, transition_text(item, lang), sparks(item)))
    return cells


def summary_lines(view: CompareView, lang: Lang) -> Iterator[str]:
    """Many agencies: index per year, last change, rating changes and a sparkline."""
    years = view.comparison.years
    header = [
        L["agency"].get(lang),
        *(str(y) for y in years),
        L["last"].get(lang),
        L["transition"].get(lang),
        "",
    ]
    rows = [summary_cells(item, years, lang) for item in view.series]
    yield from aligned_lines(header, rows, left={0, len(header) - 2, len(header) - 1})
