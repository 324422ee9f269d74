"""What a report says, once, for every format: labelled tables and the charts over them.

:func:`single_report` and :func:`ranking_report` turn results into a :class:`Report`: a
title, tables whose cells are already localised and rounded as published, and charts that
point at a table's columns. The Excel, HTML and Markdown writers only lay this out, so the
three formats always carry the same content. Nothing here computes an index: figures come
from the engine's :class:`~spbe_cli.engine.Result` (and the planner's plan).

Cell values are ``str``, ``int``, ``Decimal`` (a figure with its decimal places, e.g. a
published index ``1.53`` or a gain ``0.0130``), :class:`BandValue` (a rating, coloured by
its position) or ``None``. Text that came from an input file is neutralised against
formula injection here, so every format gets the same inert text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from spbe_cli.engine import NodeResult, Result
from spbe_cli.exact import value_text
from spbe_cli.framework import Band, Framework, Tier, compress_ids, round_half_up
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.render.data import neutralise

if TYPE_CHECKING:
    from spbe_cli.planner import Plan
    from spbe_cli.ranking import YearRanking

FINE_PLACES = 4
CHART_LIMIT = 40
BAND_COLOURS = ("F4B6B6", "FCE4A8", "C6EFCE", "BDD7EE", "D9C3E9")

L = {
    "title": Text("Laporan {index}", "{index} report"),
    "ranking_title": Text("Peringkat {index}", "{index} ranking"),
    "trend_title": Text("Tren {index}", "{index} trend"),
    "summary": Text("Ringkasan", "Summary"),
    "plan": Text("Rencana", "Plan"),
    "ranking": Text("Peringkat", "Ranking"),
    "trend": Text("Tren", "Trend"),
    "distribution": Text("Sebaran", "Distribution"),
    "item": Text("Uraian", "Item"),
    "value": Text("Nilai", "Value"),
    "no": Text("No", "No"),
    "name": Text("Nama", "Name"),
    "weight": Text("Bobot", "Weight"),
    "index": Text("Indeks", "Index"),
    "rating": Text("Predikat", "Rating"),
    "target": Text("Target", "Target"),
    "target_rating": Text("Predikat target", "Target rating"),
    "gap": Text("Selisih ke target", "Gap to the target"),
    "gap_share": Text("Bagian selisih", "Share of gap"),
    "reached": Text("Target tercapai", "Target reached"),
    "next": Text("Predikat berikutnya", "Next rating"),
    "to_next": Text("Jarak ke predikat berikutnya", "Distance to the next rating"),
    "steps": Text("Kenaikan level paling sedikit ke target", "Fewest level raises to the target"),
    "unreachable": Text("tidak dapat dicapai", "not reachable"),
    "assumed": Text("Indikator kosong, diisi level terendah",
                    "Blank indicators, filled with the lowest level"),
    "external": Text("Indikator eksternal (nilai bawaan)", "External indicators (default value)"),
    "status": Text("Status kerangka", "Framework status"),
    "provisional": Text("sementara: belum dicocokkan dengan naskah resmi",
                        "provisional: not yet checked against the official text"),
    "source": Text("Berkas sumber", "Source file"),
    "agency": Text("Instansi", "Agency"),
    "year": Text("Tahun", "Year"),
    "framework": Text("Kerangka", "Framework"),
    "level": Text("Level", "Level"),
    "level_name": Text("Nama level", "Level name"),
    "opd": Text("OPD", "OPD"),
    "contribution": Text("Kontribusi", "Contribution"),
    "gain": Text("+Indeks/level", "+Index/level"),
    "from": Text("Dari", "From"),
    "to": Text("Ke", "To"),
    "requires": Text("Syarat level berikutnya", "What the next level requires"),
    "index_after": Text("Indeks sesudahnya", "Index after"),
    "plan_steps": Text("Langkah rencana", "Plan steps"),
    "plan_index": Text("Indeks setelah rencana", "Index after the plan"),
    "plan_reached": Text("Rencana mencapai target", "Plan reaches the target"),
    "count": Text("Jumlah", "Count"),
    "share": Text("Persen", "Percent"),
    "mean": Text("Rata-rata indeks", "Mean index"),
    "median": Text("Median indeks", "Median index"),
    "at_target": Text("Mencapai target", "At or above the target"),
    "change": Text("Perubahan", "Change"),
    "rank": Text("Peringkat", "Rank"),
    "yes": Text("Ya", "Yes"),
    "no_": Text("Tidak", "No"),
    "bar_chart": Text("Indeks {tier} dan target", "{tier} indices and the target"),
    "radar_chart": Text("Indeks {tier} dan target", "{tier} indices and the target"),
    "ranking_chart": Text("Indeks per instansi dan target", "Index per agency and the target"),
    "trend_chart": Text("Indeks per tahun dan target", "Index per year and the target"),
    "top_n": Text("{n} teratas", "top {n}"),
    "made_by": Text(
        "Dibuat dengan spbe-cli; angka dihitung eksak dan dibulatkan seperti dipublikasikan.",
        "Made with spbe-cli; figures computed exactly and rounded as published.",
    ),
}


class BandValue(NamedTuple):
    """A rating cell: its label and position among ``bands`` ratings (0 is the lowest)."""

    label: str
    position: int
    bands: int


Value = str | int | Decimal | BandValue | None


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A titled table; ``key`` names it (``domains``), ``sheet`` is its worksheet name."""

    key: str
    title: str
    sheet: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    freeze_columns: int = 0


@dataclass(frozen=True, slots=True)
class ReportChart:
    """A chart over rows ``0..count`` of table ``table``: labels, values, target columns.

    ``kind`` is ``bar`` (bars against a target line) or ``radar``; ``high`` is the top of
    the value axis (the scale's maximum level), which starts at 0.
    """

    kind: str
    title: str
    table: str
    label_column: int
    value_column: int
    target_column: int
    count: int
    high: int
    series: tuple[str, str]


@dataclass(frozen=True, slots=True)
class Report:
    """A whole report: title, subtitle, tables in order, charts, and a closing note."""

    lang: Lang
    title: str
    subtitle: str
    tables: tuple[ReportTable, ...]
    charts: tuple[ReportChart, ...]
    note: str

    def table(self, key: str) -> ReportTable:
        """The table called ``key``."""
        return next(t for t in self.tables if t.key == key)

    def charts_after(self, key: str) -> list[ReportChart]:
        """Charts drawn from table ``key``."""
        return [c for c in self.charts if c.table == key]


class PlanStep(NamedTuple):
    """One level raise of a plan, as the report shows it."""

    indicator_id: str
    from_level: int | Fraction
    to_level: int
    gain: Fraction
    index_after: Fraction


@dataclass(frozen=True, slots=True)
class PlanView:
    """The plan to the target, as the report shows it (adapted from the planner's Plan)."""

    steps: tuple[PlanStep, ...]
    final_index: Fraction
    reached: bool


def plan_view(plan: Plan) -> PlanView:
    """The planner's plan as the report shows it: one row per raise, index after each."""
    steps = tuple(
        PlanStep(step.item.id, step.from_level, step.to_level, step.gain, step.index)
        for step in plan.steps
    )
    return PlanView(steps, plan.after.index, plan.target_reached)


# -- helpers ----------------------------------------------------------------------------------


def safe(text: str | None) -> str:
    """Input-derived text, neutralised against formula injection (``=`` ``+`` ``-`` ``@``)."""
    return str(neutralise(text or ""))


def fine(value: Fraction) -> Decimal:
    """A small exact figure (contribution, gain) rounded half-up to four places."""
    return round_half_up(value, FINE_PLACES)


def band_value(framework: Framework, band: Band, lang: Lang) -> BandValue:
    """A rating cell for ``band``."""
    return BandValue(band.label(lang), framework.bands.index(band), len(framework.bands))


def level_cell(value: int | Fraction) -> int | Decimal:
    """An indicator value as a cell: a whole level, or a decimal (rounded to 4 places)."""
    if isinstance(value, int):
        return value
    return round_half_up(value, FINE_PLACES).normalize()


def ident(value: str | None) -> int | str | None:
    """An id as a number when it is one (``"11"`` -> 11, ``"35-1"`` stays text)."""
    return int(value) if value is not None and value.isdigit() else value


def band_colour(band: BandValue) -> str:
    """The fill colour (``RRGGBB``) of a rating: red for the lowest to purple for the top."""
    top = band.bands - 1
    scaled = round(band.position * (len(BAND_COLOURS) - 1) / top) if top > 0 else 0
    return BAND_COLOURS[scaled]


def yes_no(flag: bool, lang: Lang) -> str:
    """``Ya``/``Tidak`` (``Yes``/``No``)."""
    return (L["yes"] if flag else L["no_"]).get(lang)


def _t(key: str, lang: Lang) -> str:
    return L[key].get(lang)


def _chart(
    kind: str,
    title: str,
    table: str,
    columns: tuple[int, int, int],
    count: int,
    high: int,
    lang: Lang,
) -> ReportChart:
    """A chart of ``table``; ``columns`` are its label, value and target columns."""
    label, value, target = columns
    series = (_t("index", lang), _t("target", lang))
    return ReportChart(kind, title, table, label, value, target, count, high, series)


# -- one agency ------------------------------------------------------------------------------


def single_report(
    result: Result, lang: Lang, *, source: str | None = None, plan: PlanView | None = None
) -> Report:
    """The report of one agency-year: summary, a table per tier, indicators (and plan).

    Charts: a bar chart of the top tier; a radar of the lowest group tier when the
    framework has more than one (SPBE aspects), never the same figures twice.
    """
    fw = result.framework
    agency = safe(result.assessment.agency or source or "")
    year = result.assessment.year
    subtitle = " · ".join(p for p in (agency, str(year or ""), fw.label(lang)) if p)
    tables = [_summary_table(result, lang, source, plan)]
    pairs = result.tier_pairs()
    for depth, (tier, nodes) in enumerate(pairs):
        parent = fw.group_tiers[depth - 1] if depth else None
        tables.append(_node_table(result, tier, parent, nodes, lang))
    tables.append(_indicator_table(result, lang))
    if plan is not None:
        tables.append(_plan_table(result, plan, lang))
    high = fw.scale.max
    charts: list[ReportChart] = []
    if pairs:
        tier, nodes = pairs[0]
        title = L["bar_chart"].format(tier=tier.label(lang).lower()).get(lang)
        charts.append(_chart("bar", title, tier.key, (1, 3, 5), len(nodes), high, lang))
    if len(pairs) > 1:
        tier, nodes = pairs[-1]
        title = L["radar_chart"].format(tier=tier.label(lang).lower()).get(lang)
        charts.append(_chart("radar", title, tier.key, (2, 4, 6), len(nodes), high, lang))
    title = L["title"].format(index=fw.index_label(lang)).get(lang)
    return Report(lang, title, subtitle, tuple(tables), tuple(charts), _t("made_by", lang))


def _summary_table(
    result: Result, lang: Lang, source: str | None, plan: PlanView | None
) -> ReportTable:
    fw = result.framework
    upper, to_next = result.next_band, result.to_next_band
    steps = result.min_steps_to_target
    rows: list[tuple[Value, ...]] = [
        (_t("agency", lang), safe(result.assessment.agency)),
        (_t("year", lang), result.assessment.year),
        (_t("framework", lang), fw.label(lang)),
        (fw.index_label(lang), result.published),
        (_t("rating", lang), band_value(fw, result.band, lang)),
        (_t("target", lang), fw.publish(result.target)),
        (_t("target_rating", lang), band_value(fw, fw.band_for(result.target), lang)),
        (_t("gap", lang), fw.publish(result.gap)),
        (_t("reached", lang), yes_no(result.target_reached, lang)),
        (_t("next", lang), band_value(fw, upper, lang) if upper else None),
        (_t("to_next", lang), fw.publish(to_next) if to_next is not None else None),
        (_t("steps", lang), steps if steps is not None else _t("unreachable", lang)),
    ]
    missing = [a.indicator.id for a in result.assumptions if a.reason == "missing"]
    if missing:
        rows.append((_t("assumed", lang), compress_ids(missing)))
    external = [a for a in result.assumptions if a.reason == "external"]
    if external:
        rows.append((_t("external", lang), ", ".join(
            f"{a.indicator.id} = {value_text(a.value, lang)}" for a in external)))
    if fw.provisional:
        rows.append((_t("status", lang), _t("provisional", lang)))
    if plan is not None:
        rows += [
            (_t("plan_steps", lang), len(plan.steps)),
            (_t("plan_index", lang), fw.publish(plan.final_index)),
            (_t("plan_reached", lang), yes_no(plan.reached, lang)),
        ]
    if source:
        rows.append((_t("source", lang), safe(source)))
    header = (_t("item", lang), _t("value", lang))
    return ReportTable("summary", _t("summary", lang), _t("summary", lang), header, tuple(rows))


def _node_table(
    result: Result, tier: Tier, parent: Tier | None, nodes: Sequence[NodeResult], lang: Lang
) -> ReportTable:
    fw = result.framework
    places = fw.rounding.places
    header = [_t("no", lang)]
    if parent is not None:
        header.append(parent.label(lang))
    header += [
        tier.label(lang),
        _t("weight", lang),
        _t("index", lang),
        _t("rating", lang),
        _t("target", lang),
        _t("gap_share", lang),
    ]
    rows: list[tuple[Value, ...]] = []
    for node in nodes:
        lead: list[Value] = [ident(node.id)]
        if parent is not None:
            lead.append(ident(node.parent_id))
        rows.append(
            (
                *lead,
                pick(lang, node.name, node.name_en),
                round_half_up(node.weight, places),
                node.published,
                band_value(fw, node.band, lang),
                fw.publish(node.target),
                fw.publish(node.gap_points),
            )
        )
    title = tier.heading(lang)
    return ReportTable(
        tier.key, title, title, tuple(header), tuple(rows), freeze_columns=2
    )


def _indicator_table(result: Result, lang: Lang) -> ReportTable:
    fw = result.framework
    leaf = fw.leaf_tier
    header = (
        _t("no", lang),
        leaf.label(lang),
        *[tier.label(lang) for tier in fw.group_tiers],
        _t("opd", lang),
        _t("weight", lang),
        _t("level", lang),
        _t("level_name", lang),
        _t("contribution", lang),
        _t("gain", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for item in result.indicators:
        info = fw.level_info(item.indicator, item.level)
        level_name = pick(lang, info.name, info.name_en) if info else ""
        rows.append(
            (
                ident(item.id),
                item.indicator.label(lang),
                *[ident(group) for group in item.path],
                safe(item.opd),
                round_half_up(item.weight, fw.rounding.places),
                level_cell(item.level),
                level_name + ("*" if item.assumed else ""),
                fine(item.contribution),
                fine(item.gain_per_level),
            )
        )
    return ReportTable(
        leaf.key,
        leaf.heading(lang),
        leaf.heading(lang),
        header,
        tuple(rows),
        freeze_columns=2,
    )


def _plan_table(result: Result, plan: PlanView, lang: Lang) -> ReportTable:
    fw = result.framework
    by_id = {item.id: item for item in result.indicators}
    header = (
        _t("no", lang),
        fw.leaf_tier.label(lang),
        _t("name", lang),
        _t("opd", lang),
        _t("from", lang),
        _t("to", lang),
        _t("requires", lang),
        _t("gain", lang),
        _t("index_after", lang),
        _t("rating", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for number, step in enumerate(plan.steps, start=1):
        item = by_id[step.indicator_id]
        info = fw.level_info(item.indicator, math.floor(step.from_level) + 1)
        requires = pick(lang, info.requires or "", info.requires_en) if info else ""
        rows.append(
            (
                number,
                ident(step.indicator_id),
                item.indicator.label(lang),
                safe(item.opd),
                level_cell(step.from_level),
                step.to_level,
                requires,
                fine(step.gain),
                fw.publish(step.index_after),
                band_value(fw, fw.band_for(step.index_after), lang),
            )
        )
    return ReportTable(
        "plan", _t("plan", lang), _t("plan", lang), header, tuple(rows), freeze_columns=2
    )


# -- many agencies or years ------------------------------------------------------------------


def is_trend(results: Sequence[Result]) -> bool:
    """One agency over several distinct years: a trend rather than a ranking."""
    agencies = {r.assessment.agency for r in results}
    years = [r.assessment.year for r in results]
    return len(agencies) == 1 and None not in years and len(set(years)) == len(years) > 1


def ranking_report(results: Sequence[Result], lang: Lang) -> Report:
    """Many agency-years: statistics per year, the ranking and counts per rating.

    Agencies are ranked within their year (:func:`spbe_cli.ranking.rank_by_year`), latest
    year first; the chart shows the latest year's best ``CHART_LIMIT``. One agency over
    several years gives a trend instead: its years in order, with the change each year.
    """
    from spbe_cli.ranking import rank_by_year

    first = results[0]
    fw = first.framework
    if is_trend(results):
        return _trend_report(results, lang)
    years = list(reversed(rank_by_year(results, target=first.target)))
    rows = [(ranked.rank, ranked.result) for year in years for ranked in year.rows]
    count = min(len(years[0].rows), CHART_LIMIT)
    title = _t("ranking_chart", lang)
    if years[0].year is not None:
        title += f" {years[0].year}"
    if count < len(years[0].rows):
        title += f" ({L['top_n'].format(n=count).get(lang)})"
    tables = (
        _year_statistics(years, lang),
        _ranking_table(rows, "ranking", lang, trend=False),
        _distribution_table(years, lang),
    )
    chart = _chart("bar", title, "ranking", (1, 3, 5), count, fw.scale.max, lang)
    title = L["ranking_title"].format(index=fw.index_label(lang)).get(lang)
    return Report(lang, title, fw.label(lang), tables, (chart,), _t("made_by", lang))


def _trend_report(results: Sequence[Result], lang: Lang) -> Report:
    ordered = sorted(results, key=lambda r: r.assessment.year or 0)
    first = ordered[0]
    fw = first.framework
    rows = list(enumerate(ordered, start=1))
    count = min(len(rows), CHART_LIMIT)
    chart = _chart("bar", _t("trend_chart", lang), "trend", (2, 3, 5), count, fw.scale.max, lang)
    subtitle = f"{safe(first.assessment.agency)} · {fw.label(lang)}"
    tables = (_ranking_table(rows, "trend", lang, trend=True),)
    title = L["trend_title"].format(index=fw.index_label(lang)).get(lang)
    return Report(lang, title, subtitle, tables, (chart,), _t("made_by", lang))


def _year_statistics(years: Sequence[YearRanking], lang: Lang) -> ReportTable:
    header = (
        _t("year", lang),
        _t("count", lang),
        _t("mean", lang),
        _t("median", lang),
        _t("target", lang),
        _t("at_target", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for year in years:
        stats, fw = year.statistics, year.framework
        rows.append(
            (
                year.year,
                stats.count,
                stats.published(fw, stats.mean),
                stats.published(fw, stats.median),
                stats.published(fw, stats.target),
                stats.at_target,
            )
        )
    return ReportTable("summary", _t("summary", lang), _t("summary", lang), header, tuple(rows))


def _ranking_table(
    rows: Sequence[tuple[int, Result]], key: str, lang: Lang, *, trend: bool
) -> ReportTable:
    first = rows[0][1]
    fw = first.framework
    header = [
        _t("no" if trend else "rank", lang),
        _t("agency", lang),
        _t("year", lang),
        fw.index_label(lang),
        _t("rating", lang),
        _t("target", lang),
    ]
    if trend:
        header.append(_t("change", lang))
    header += [f"{tier.code}{n.id}" for tier, nodes in first.tier_pairs() for n in nodes]
    table: list[tuple[Value, ...]] = []
    previous: Decimal | None = None
    for rank, result in rows:
        row: list[Value] = [
            rank,
            safe(result.assessment.agency),
            result.assessment.year,
            result.published,
            band_value(fw, result.band, lang),
            fw.publish(result.target),
        ]
        if trend:
            row.append(result.published - previous if previous is not None else None)
            previous = result.published
        if result.framework is fw:
            row += [n.published for nodes in result.tiers for n in nodes]
        else:
            row += [None for nodes in first.tiers for _ in nodes]
        table.append(tuple(row))
    return ReportTable(
        key, _t(key, lang), _t(key, lang), tuple(header), tuple(table), freeze_columns=3
    )


def _distribution_table(years: Sequence[YearRanking], lang: Lang) -> ReportTable:
    rows: list[tuple[Value, ...]] = []
    for year in years:
        fw = year.framework
        for item in reversed(year.statistics.bands):
            rows.append(
                (
                    year.year,
                    band_value(fw, item.band, lang),
                    item.count,
                    round_half_up(item.share * 100, 1),
                )
            )
    header = (_t("year", lang), _t("rating", lang), _t("count", lang), _t("share", lang))
    return ReportTable(
        "distribution", _t("distribution", lang), _t("distribution", lang), header, tuple(rows)
    )
