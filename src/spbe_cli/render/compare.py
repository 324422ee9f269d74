"""Comparisons and rankings for people (rich) and for scripts (JSON, CSV, Markdown).

Everything shown is computed in :mod:`spbe_cli.compare` and :mod:`spbe_cli.ranking`;
this module only lays it out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli import glossary
from spbe_cli.compare import (
    Change,
    Comparison,
    IndicatorChange,
    Point,
    Row,
    Series,
    Step,
    crossings,
    instrument_parts,
)
from spbe_cli.exact import value_text
from spbe_cli.framework import Band, Framework
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.ranking import Ranked, YearRanking
from spbe_cli.render.common import BAND_STYLES, aligned_lines, fmt, indicator_name
from spbe_cli.render.common import signed as signed_figure
from spbe_cli.render.score import L as TABLE_WORDS

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30
NOT_COMPARABLE = "≠"
ABSENT = "—"

L = {
    "index": glossary.INDEX,
    "rating": glossary.RATING,
    "name": glossary.NAME,
    "change": Text("Δ", "Δ"),
    "trend": Text("Tren {index}", "{index} trend"),
    "rose": Text("Indikator naik", "Indicators that rose"),
    "fell": Text("Indikator turun", "Indicators that fell"),
    "level": glossary.LEVEL,
    "opd": glossary.OPD,
    "frameworks": Text("Kerangka", "Frameworks"),
    "missing": Text("Tidak ada data tahun", "No data for"),
    "nc_mark": Text(
        "≠ tidak sebanding: kedua tahun mendefinisikannya berbeda",
        "≠ not comparable: the two years define it differently",
    ),
    "absent_mark": Text(
        "— tidak ada dalam kerangka tahun itu", "— not part of that year's framework"
    ),
    "agency": glossary.AGENCY,
    "years": Text("Tahun", "Years"),
    "last": Text("Δ terakhir", "Last Δ"),
    "transition": Text("Perubahan predikat", "Rating changes"),
    "rank": glossary.RANK,
    "year": glossary.YEAR,
    "count": glossary.COUNT,
    "share": Text("Bagian", "Share"),
    "mean": Text("Rata-rata", "Mean"),
    "median": Text("Median", "Median"),
    "at_target": Text("Mencapai target", "At or above target"),
    "of": Text("dari", "of"),
    "none": Text("Tidak ada instansi yang lolos filter.", "No agency passes the filters."),
}
ORIGIN = {
    "option": Text("--framework", "--framework"),
    "file": Text("disebut di berkas", "named in the file"),
    "year": Text("menurut tahun", "by year"),
    "default": Text("bawaan", "default"),
    "indicators": Text("menurut indikator", "by its indicators"),
}


# -- shared pieces --------------------------------------------------------------------------


def style_of(framework: Framework, band: Band) -> str:
    """A colour per rating, lowest red to highest magenta."""
    names = [b.name for b in framework.bands]
    top = len(names) - 1
    position = names.index(band.name) if band.name in names else 0
    return BAND_STYLES[round(position * (len(BAND_STYLES) - 1) / top) if top else 0]


def signed(value: Decimal | None, lang: Lang = "en") -> str:
    """``+0.82``, ``-0.10``, ``0.00`` (``+0,82`` in Indonesian); ``None`` as ``""``."""
    return "" if value is None else signed_figure(value, 2, lang)


def change_text(change: Change, lang: Lang = "en") -> str:
    """A change as shown in tables: signed figure, ``≠`` or ``—``."""
    if change.status == "compared":
        return signed(change.delta, lang)
    return NOT_COMPARABLE if change.status == "not-comparable" else ABSENT


def year_label(point: Point) -> str:
    """The year of a point (or its file when it has none)."""
    return str(point.year) if point.year is not None else (point.source or "?")


def _share(point: Point, low: int, high: int) -> Fraction:
    return (Fraction(point.result.published) - low) / (high - low)


def scale_of(points: Sequence[Point]) -> tuple[int, int]:
    """One scale for all years (0-5 when a 5/2018 year is among 1-5 years)."""
    return (min(p.framework.scale.min for p in points), max(p.framework.scale.max for p in points))


def spark(points: Sequence[Point]) -> str:
    """One block character per year, on a scale common to all years."""
    low, high = scale_of(points)
    top = len(SPARKS) - 1
    return "".join(
        SPARKS[min(top, max(0, int(_share(p, low, high) * len(SPARKS))))] for p in points
    )


def bar(point: Point, low: int, high: int) -> str:
    """A horizontal bar of the index on the scale ``low..high``, in eighths of a character."""
    eighths = int(max(Fraction(0), _share(point, low, high)) * BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else "")


def transition_text(series: Series, lang: Lang) -> str:
    """``Kurang → Cukup → Baik``; across instruments each part is named and kept apart
    (``Indeks SPBE: Kurang → Baik | Indeks Pemdi: Kurang``), never one arrow between
    two instruments' ratings."""
    pieces = instrument_parts(series)
    if len(pieces) == 1:
        return " → ".join(p.result.band.label(lang) for p in series.points)
    return " | ".join(
        f"{piece.points[0].framework.index_label(lang)}: "
        + " → ".join(p.result.band.label(lang) for p in piece.points)
        for piece in pieces
    )


def sparks(series: Series) -> str:
    """:func:`spark` per instrument, separated by ``|``."""
    return "|".join(spark(piece.points) for piece in instrument_parts(series))


# -- compare: terminal ----------------------------------------------------------------------


def compare_view(comparison: Comparison, lang: Lang) -> RenderableType:
    """One agency in full; many agencies as a summary table."""
    if len(comparison.series) == 1:
        return series_view(comparison.series[0], lang)
    return summary_table(comparison, lang)


def series_view(series: Series, lang: Lang) -> RenderableType:
    """Values per year with changes, trend bars, frameworks, and indicators up and down.

    Years measured by different instruments (SPBE, then Pemdi) are shown one instrument
    at a time, each with its own table and bars named after its index, and a line between
    them saying no change is computed across."""
    years = " → ".join(year_label(p) for p in series.points)
    title = " · ".join(x for x in (series.agency or "", years) if x)
    parts: list[RenderableType] = [RichText(title, style="bold")]
    pieces = instrument_parts(series)
    if len(pieces) > 1:
        parts.append(RichText(instruments_text(pieces).get(lang), style="yellow"))
    for number, piece in enumerate(pieces):
        if number:
            parts.append(RichText(not_comparable_text(crossings(series)[number - 1],
                                                      lang).get(lang), style="yellow"))
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


def instruments_text(pieces: Sequence[Series]) -> Text:
    """One sentence naming each instrument with its years: they are not comparable."""
    def items(lang: Lang) -> str:
        return "; ".join(
            f"{p.points[0].framework.index_label(lang)} "
            f"({', '.join(year_label(x) for x in p.points)})" for p in pieces)

    return Text(
        f"Instrumen berbeda: {items('id')}. Tiap instrumen ditampilkan sendiri; indeks dan "
        f"predikatnya tidak sebanding, perubahan di antaranya tidak dihitung ({ABSENT}).",
        f"Different instruments: {items('en')}. Each is shown on its own; their indices "
        f"and ratings are not comparable and no change between them is computed ({ABSENT}).",
    )


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
    name = pick(lang, row.name, row.name_en)
    deepest = max((r.depth for r in series.rows if r.kind != "index"), default=0)
    bold = row.kind == "index" or row.depth < deepest
    cells: list[str | RichText] = [row.label, RichText(name, style="bold" if bold else "")]
    for position, value in enumerate(row.values):
        if position:
            cells.append(change_text(row.changes[position - 1], lang))
        cells.append(ABSENT if value is None else fmt(value.published, 2, lang))
    return cells


def _rating_cells(series: Series, lang: Lang) -> list[str | RichText]:
    cells: list[str | RichText] = []
    for position, point in enumerate(series.points):
        if position:
            direction = series.steps[position - 1].rating_direction
            arrow = NOT_COMPARABLE if direction is None else {1: "↑", -1: "↓", 0: "="}[direction]
            cells.append(arrow)
        band = point.result.band
        cells.append(RichText(band.label(lang), style=style_of(point.framework, band)))
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
        names_en = (step.before.framework.index_label("en"),
                    step.after.framework.index_label("en"))
        same_id = (f"{count} indikator yang sama tetap dibandingkan" if count
                   else "tidak ada indikator yang sama")
        same_en = (f"{count} identical indicators are still compared" if count
                   else "no indicator is the same in both")
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


def summary_table(comparison: Comparison, lang: Lang) -> Table:
    """Many agencies: index per year, last change, rating changes and a sparkline."""
    table = Table()
    table.add_column(L["agency"].get(lang))
    for year in comparison.years:
        table.add_column(str(year), justify="right")
    table.add_column(L["last"].get(lang), justify="right")
    table.add_column(L["transition"].get(lang))
    table.add_column("")
    for series in comparison.series:
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
            RichText(series.agency or ""), *cells, last, transition_text(series, lang),
            sparks(series),
        )
    return table


# -- compare: data --------------------------------------------------------------------------


COMPARE_HEADER = [
    "agency",
    "kind",
    "id",
    "name",
    "year",
    "framework",
    "value",
    "predikat",
    "change",
    "change_status",
]


def compare_rows(comparison: Comparison, lang: Lang) -> list[list[object]]:
    """Long rows for CSV: one per agency, row and year (change from the year before).

    Figures stay numbers (``-0.10``, not text), so spreadsheets neither guard nor
    mistake them for formulas.
    """
    rows: list[list[object]] = []
    for series in comparison.series:
        for row in series.rows:
            name = pick(lang, row.name, row.name_en)
            for position, (point, value) in enumerate(zip(series.points, row.values, strict=True)):
                change = row.changes[position - 1] if position else None
                rows.append(
                    [
                        series.agency or "",
                        row.kind,
                        row.id,
                        name,
                        point.year or "",
                        point.framework.id,
                        "" if value is None else value.published,
                        "" if value is None else value.band.label(lang),
                        "" if change is None or change.delta is None else change.delta,
                        "" if change is None else change.status,
                    ]
                )
    return rows


def compare_markdown_rows(series: Series, lang: Lang) -> tuple[list[str], list[list[object]]]:
    """The terminal table of one agency as a header and rows for Markdown."""
    header = ["", "name"]
    for position, point in enumerate(series.points):
        if position:
            header.append("Δ")
        header.append(year_label(point))
    rows: list[list[object]] = []
    for row in series.rows:
        rows.append(
            [c.plain if isinstance(c, RichText) else c for c in _row_cells(row, series, lang)]
        )
        if row.kind == "index":
            rows.append(
                [
                    "",
                    L["rating"].get(lang),
                    *[
                        c.plain if isinstance(c, RichText) else c
                        for c in _rating_cells(series, lang)
                    ],
                ]
            )
    return header, rows


# -- rank -----------------------------------------------------------------------------------


def percent(share: Fraction, lang: Lang = "en") -> str:
    """A share as a percentage with one decimal, half-up (``33.3%``, ``33,3%``)."""
    return f"{fmt(share * 100, 1, lang)}%"


def ranking_view(
    rankings: Sequence[YearRanking], lang: Lang, limit: int | None = None
) -> RenderableType:
    """Per year: the ranking table (its first ``limit`` rows), then the rating counts and
    statistics."""
    if not rankings:
        return RichText(L["none"].get(lang), style="yellow")
    parts: list[RenderableType] = []
    for ranking in rankings:
        parts.extend(
            [
                ranking_table(ranking, lang, limit),
                statistics_table(ranking, lang),
                statistics_line(ranking, lang),
                "",
            ]
        )
    return Group(*parts)


def _ranking_title(ranking: YearRanking, lang: Lang) -> str:
    title = L["rank"].get(lang) + (f" {ranking.year}" if ranking.year is not None else "")
    title += f" · {ranking.framework.index_label(lang)}"
    return f"{title} ({ranking.statistics.count} {L['of'].get(lang)} {ranking.total})"


def ranking_table(ranking: YearRanking, lang: Lang, limit: int | None = None) -> Table:
    """Rank, agency, year, index, rating and the top tier's indices (D1.. or A1..);
    ``limit`` keeps the first rows and says how many more there are."""
    table = Table(title=_ranking_title(ranking, lang), title_justify="left", title_style="bold")
    one_year = ranking.year is not None
    shown = ranking.rows if limit is None else ranking.rows[:limit]
    longest = max((len(r.result.assessment.agency or "") for r in shown), default=0)
    table.add_column("#", justify="right")
    table.add_column(L["agency"].get(lang), overflow="fold", min_width=min(longest, 28))
    if not one_year:
        table.add_column(L["year"].get(lang), justify="right")
    table.add_column(L["index"].get(lang), justify="right")
    table.add_column(L["rating"].get(lang), no_wrap=True)
    for code in top_codes(ranking.framework):
        table.add_column(code, justify="right")
    for row in rankings_cells(ranking, lang, shown):
        table.add_row(*(row[:2] + row[3:] if one_year else row))
    rest = len(ranking.rows) - len(shown)
    if rest > 0:
        table.caption = TABLE_WORDS["more"].format(n=rest).get(lang)
    return table


def ranking_plain(rankings: Sequence[YearRanking], lang: Lang) -> Iterator[str]:
    """:func:`ranking_view` as plain aligned text, every row (for a pipe or a file)."""
    if not rankings:
        yield L["none"].get(lang) + "\n"
        return
    for ranking in rankings:
        one_year = ranking.year is not None
        header = ["#", L["agency"].get(lang), *([] if one_year else [L["year"].get(lang)]),
                  L["index"].get(lang), L["rating"].get(lang), *top_codes(ranking.framework)]
        rows = [[str(c) for c in (row[:2] + row[3:] if one_year else row)]
                for row in rankings_cells(ranking, lang)]
        yield _ranking_title(ranking, lang) + "\n"
        yield from aligned_lines(header, rows, left={1, 3 if one_year else 4})
        counts = [[item.band.label(lang), str(item.count), percent(item.share, lang)]
                  for item in ranking.statistics.bands]
        yield "\n"
        yield from aligned_lines(
            [L["rating"].get(lang), L["count"].get(lang), L["share"].get(lang)], counts, {0})
        yield statistics_line(ranking, lang).plain + "\n\n"


def rankings_cells(
    ranking: YearRanking, lang: Lang, shown: Sequence[Ranked] | None = None
) -> list[list[str | RichText]]:
    """The cells of :func:`ranking_table` (rich text for the rating), of ``shown`` rows
    (every row by default)."""
    rows: list[list[str | RichText]] = []
    for ranked in ranking.rows if shown is None else shown:
        result = ranked.result
        cells: list[str | RichText] = [
            str(ranked.rank),
            RichText(result.assessment.agency or ""),
            str(result.assessment.year or ""),
            fmt(result.published, 2, lang),
            RichText(result.band.label(lang), style=style_of(result.framework, result.band)),
        ]
        cells.extend(top_values(ranking, ranked.result, lang))
        rows.append(cells)
    return rows


def top_codes(fw: Framework) -> list[str]:
    """Column labels of the top tier: ``D1``..``D4`` (SPBE), ``A1``..``A7`` (Pemdi)."""
    code = fw.group_tiers[0].code if fw.group_tiers else ""
    return [f"{code}{node.id}" for node in fw.top_level]


def top_values(ranking: YearRanking, result: Any, lang: Lang = "en") -> list[str]:
    """Top-tier figures of a result, blank where its framework differs from the year's."""
    if result.framework is not ranking.framework:
        return ["" for _ in ranking.framework.top_level]
    return [fmt(d.published, 2, lang) for d in result.top]


def statistics_table(ranking: YearRanking, lang: Lang) -> Table:
    """Count and share per rating."""
    table = Table()
    table.add_column(L["rating"].get(lang))
    table.add_column(L["count"].get(lang), justify="right")
    table.add_column(L["share"].get(lang), justify="right")
    for item in ranking.statistics.bands:
        table.add_row(
            RichText(item.band.label(lang), style=style_of(ranking.framework, item.band)),
            str(item.count),
            percent(item.share, lang),
        )
    return table


def statistics_line(ranking: YearRanking, lang: Lang) -> RichText:
    """Mean, median and how many reach the target."""
    stats, fw = ranking.statistics, ranking.framework
    mean, middle = stats.published(fw, stats.mean), stats.published(fw, stats.median)
    target = stats.target or fw.target
    share = percent(Fraction(stats.at_target, stats.count), lang) if stats.count else "-"
    return RichText(
        f"{L['mean'].get(lang)} {fmt(mean, 2, lang) if mean is not None else '-'} · "
        f"{L['median'].get(lang)} {fmt(middle, 2, lang) if middle is not None else '-'} · "
        f"{L['at_target'].get(lang)} ({fmt(target, 2, lang)}): {stats.at_target} "
        f"{L['of'].get(lang)} {stats.count} ({share})"
    )


def ranking_header(rankings: Sequence[YearRanking]) -> list[str]:
    """CSV/Markdown columns: rank, agency, year, framework, index, predikat, then the top
    tier's ``<tier>_<id>`` (``domain_1`` for SPBE, ``aspect_1`` for Pemdi)."""
    fw = rankings[0].framework if rankings else None
    tier = fw.group_tiers[0].id if fw is not None and fw.group_tiers else ""
    nodes = fw.top_level if fw is not None else ()
    return [
        "rank",
        "agency",
        "year",
        "framework",
        "index",
        "predikat",
        *[f"{tier}_{d.id}" for d in nodes],
    ]


def ranking_rows(rankings: Sequence[YearRanking], lang: Lang) -> list[list[object]]:
    """One row per ranked agency-year, all years one after another."""
    first = rankings[0] if rankings else None
    rows: list[list[object]] = []
    for ranking in rankings:
        for ranked in ranking.rows:
            result = ranked.result
            domains = top_values(first, result) if first is not None else []
            rows.append(
                [
                    ranked.rank,
                    result.assessment.agency or "",
                    result.assessment.year or "",
                    result.framework.id,
                    str(result.published),
                    result.band.label(lang),
                    *domains,
                ]
            )
    return rows


def statistics_rows(ranking: YearRanking, lang: Lang) -> list[list[object]]:
    """Rating counts and shares, then mean, median and at-target, for Markdown."""
    stats, fw = ranking.statistics, ranking.framework
    rows: list[list[object]] = [
        [b.band.label(lang), b.count, percent(b.share, lang)] for b in stats.bands
    ]
    for label, value in ((L["mean"], stats.mean), (L["median"], stats.median)):
        shown = stats.published(fw, value)
        rows.append([label.get(lang), "-" if shown is None else shown, ""])
    share = percent(Fraction(stats.at_target, stats.count), lang) if stats.count else "-"
    rows.append([L["at_target"].get(lang), stats.at_target, share])
    return rows
