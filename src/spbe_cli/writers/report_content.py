"""What a report says, once, for every format: the first page, tables and charts.

:func:`content` lays a :class:`~spbe_cli.views.report.ReportView` out as a
:class:`~spbe_cli.writers.report_document.Report`: a title, the first page (four answers
for one agency, see :mod:`spbe_cli.writers.report_summary`), notes on the framework and
assumptions, detail tables whose cells are already rounded as published, and charts that
point at a table's columns. The Excel, HTML and Markdown writers only lay this out, so the
three formats always carry the same content. Nothing here computes: figures come from the
engine's :class:`~spbe_cli.results.Result`, the planner's :class:`~spbe_cli.planner.Plan`
and the view (rankings, trend, raises, score tracks).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from spbe_cli.exact import round_half_up
from spbe_cli.framework import Tier, compress_ids
from spbe_cli.i18n import Lang, pick
from spbe_cli.results import NodeResult, Result
from spbe_cli.writers.report_document import (
    BandValue,
    Report,
    ReportChart,
    ReportTable,
    Value,
    band_value,
    bands_table,
    cell_text,
    chart,
    fine,
    ident,
    level_cell,
    safe,
)
from spbe_cli.writers.report_summary import (
    assumed_mark,
    basis_notes,
    front_tables,
    made_line,
    opd_text,
    round_label,
    signature,
)
from spbe_cli.writers.report_words import L, t

if TYPE_CHECKING:
    from spbe_cli.planner import OpdShare, Plan, Step
    from spbe_cli.ranking import Ranked, YearRanking
    from spbe_cli.views.report import ReportView


def content(view: ReportView) -> Report:
    """The report of ``view``: one agency's, a ranking, or one agency's trend."""
    if not view.many:
        return single_report(view)
    return ranking_report(view)


def _frame(view: ReportView, place: str | None = None) -> dict[str, object]:
    """The parts of a :class:`Report` every kind of report shares."""
    lang, extras = view.lang, view.extras
    return {
        "front_title": t("front", lang),
        "notes_title": t("notes", lang),
        "details_title": t("details", lang),
        "made": made_line(extras.made, lang),
        "signature": signature(lang, extras.made, extras.prepared_by, extras.approved_by, place),
        "logo": extras.logo,
    }


# -- one agency ------------------------------------------------------------------------------


def single_report(view: ReportView) -> Report:
    """The report of one agency-year: the first page, then a table per tier, indicators,
    the evidence readiness (when checked), the plan (when given and it has raises) and the
    ratings explained.

    Charts: a bar chart of the top tier; a radar of the lowest group tier when the
    framework has more than one (SPBE aspects), never the same figures twice.
    """
    result, lang, source, evidence = view.result, view.lang, view.source, view.evidence
    fw = result.framework
    agency = safe(result.assessment.agency or source or "")
    year = result.assessment.year
    subtitle = " · ".join(p for p in (agency, str(year or ""), fw.label(lang)) if p)
    shown_plan = view.shown_plan
    tables: list[ReportTable] = []
    pairs = result.tier_pairs()
    for depth, (tier, nodes) in enumerate(pairs):
        parent = fw.group_tiers[depth - 1] if depth else None
        tables.append(_node_table(result, tier, parent, nodes, lang))
    tables.append(_indicator_table(result, lang))
    if evidence is not None:
        from spbe_cli.writers.report_evidence import evidence_table

        tables.append(evidence_table(evidence, lang))
    if shown_plan is not None:
        opds = view.plan_opds
        tables.append(_plan_table(shown_plan, lang, opds if view.by_opd else None))
        tables.append(_plan_opd_table(shown_plan, opds, lang))
    tables.append(bands_table(fw, lang))
    high = fw.scale.max
    charts: list[ReportChart] = []
    if pairs:
        tier, nodes = pairs[0]
        title = L["bar_chart"].format(tier=tier.label(lang).lower()).get(lang)
        charts.append(chart("bar", title, tier.key, (1, 3, 5), len(nodes), high, lang))
    if len(pairs) > 1:
        tier, nodes = pairs[-1]
        title = L["radar_chart"].format(tier=tier.label(lang).lower()).get(lang)
        charts.append(chart("radar", title, tier.key, (2, 4, 6), len(nodes), high, lang))
    title = L["title"].format(index=fw.index_label(lang)).get(lang)
    return Report(
        lang,
        title,
        subtitle,
        tuple(tables),
        tuple(charts),
        t("made_by", lang),
        front=front_tables(view),
        notes=basis_notes(result, shown_plan, lang, source, evidence, view.tracks(result)),
        **_frame(view),  # type: ignore[arg-type]
    )


def _node_table(
    result: Result, tier: Tier, parent: Tier | None, nodes: Sequence[NodeResult], lang: Lang
) -> ReportTable:
    fw = result.framework
    places = fw.rounding.places
    header = [t("no", lang)]
    if parent is not None:
        header.append(parent.label(lang))
    header += [
        tier.label(lang),
        t("weight", lang),
        t("index", lang),
        t("rating", lang),
        t("target", lang),
        t("gap_share", lang),
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
    return ReportTable(tier.key, title, title, tuple(header), tuple(rows), freeze_columns=2)


def _indicator_table(result: Result, lang: Lang) -> ReportTable:
    fw = result.framework
    leaf = fw.leaf_tier
    header = (
        t("no", lang),
        leaf.label(lang),
        *[tier.label(lang) for tier in fw.group_tiers],
        t("opd", lang),
        t("weight", lang),
        t("level", lang),
        t("level_name", lang),
        t("contribution", lang),
        t("gain", lang),
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
    note = assumed_mark(lang) if result.assumed else ""
    return ReportTable(
        leaf.key,
        leaf.heading(lang),
        leaf.heading(lang),
        header,
        tuple(rows),
        freeze_columns=2,
        note=note,
    )


def _ordered_steps(plan: Plan, opds: Sequence[OpdShare] | None) -> list[Step]:
    if opds is None:
        return list(plan.steps)
    return [step for share in opds for step in share.steps]


def _plan_table(plan: Plan, lang: Lang, opds: Sequence[OpdShare] | None) -> ReportTable:
    """Every raise of the plan, round by round (or grouped per OPD: ``opds``)."""
    fw = plan.framework
    years = {r.number: r.year for r in plan.rounds}
    header = (
        t("no", lang),
        t("round", lang),
        fw.leaf_tier.label(lang),
        t("name", lang),
        t("opd", lang),
        t("from", lang),
        t("to", lang),
        t("requires", lang),
        t("plus_index", lang),
        t("index_after", lang),
        t("rating", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for number, step in enumerate(_ordered_steps(plan, opds), start=1):
        info = step.requires
        if info is None:
            info = fw.level_info(step.indicator, math.floor(step.from_level) + 1)
        requires = pick(lang, info.requires or "", info.requires_en) if info else ""
        rows.append(
            (
                number,
                round_label(years.get(step.round), step.round, lang),
                ident(step.item.id),
                step.indicator.label(lang),
                opd_text(step.item.opd, lang),
                level_cell(step.from_level),
                step.to_level,
                requires,
                fine(step.gain),
                step.published,
                band_value(fw, fw.band_for(step.index), lang),
            )
        )
    return ReportTable(
        "plan", t("plan", lang), t("plan", lang), header, tuple(rows), freeze_columns=3
    )


def _plan_opd_table(plan: Plan, opds: Sequence[OpdShare], lang: Lang) -> ReportTable:
    """The plan per OPD: indicators, level steps, effort, gain and share."""
    header = (
        t("opd", lang),
        t("indicators", lang),
        t("raise_count", lang),
        t("level_steps", lang),
        t("effort", lang),
        t("plus_index", lang),
        t("share_gain", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for share in opds:
        ids = list(dict.fromkeys(s.item.id for s in share.steps))
        rows.append(
            (
                opd_text(share.opd, lang),
                ident(compress_ids(sorted(ids, key=_id_order(plan).__getitem__))),
                len(ids),
                share.level_steps,
                round_half_up(share.effort, 2),
                fine(share.gain),
                round_half_up(share.share * 100, 1),
            )
        )
    return ReportTable(
        "plan_opd",
        t("plan_opd", lang),
        t("plan_opd", lang),
        header,
        tuple(rows),
        freeze_columns=1,
    )


def _id_order(plan: Plan) -> dict[str, int]:
    return {i.id: n for n, i in enumerate(plan.framework.indicators)}


# -- many agencies or years ------------------------------------------------------------------


FRONT_ROWS = 5
"""Agencies shown at the top and at the bottom of the ranking on the first page."""
CHART_ROWS = 20
"""Bars per ranking chart: a page of readable agency names (top and bottom when more)."""


def ranking_report(view: ReportView) -> Report:
    """Many agency-years: what leaders read first, then the full ranking.

    The first page gives per year the count, mean, median and "N dari M" at the target,
    the distribution per rating, and the top and bottom agencies of the latest year.
    Charts (horizontal bars: the latest year's top ``CHART_ROWS``, and its bottom ones when
    there are more agencies) stand on a page or sheet of their own, before the ranking
    table, never under it. Agencies are ranked within their year
    (:attr:`~spbe_cli.views.report.ReportView.year_rankings`), latest year first. One agency
    over several years gives a trend instead (:mod:`spbe_cli.writers.report_trend`).
    """
    lang = view.lang
    if view.is_trend:
        from spbe_cli.writers.report_trend import trend_report

        return trend_report(view, _frame(view, view.result.assessment.agency))
    # each year's own target (the framework's, or --target for all): never the first's
    years = list(view.year_rankings)
    latest = years[0]
    groups: list[list[YearRanking]] = []  # years by instrument (SPBE, Pemdi), latest first
    for year in years:
        group = next((g for g in groups if g[0].framework.comparable(year.framework)), None)
        if group is None:
            groups.append([year])
        else:
            group.append(year)
    several = len(groups) > 1
    ranking_tables: list[ReportTable] = []
    detail: list[ReportTable] = []
    notes: list[str] = []
    for number, group in enumerate(groups, start=1):
        rows = [(ranked.rank, ranked.result) for year in group for ranked in year.rows]
        gfw = group[0].framework
        own = [ranking_table(rows, lang), codes_table(rows[0][1], lang), bands_table(gfw, lang)]
        if several:
            own = [_of_instrument(table, number, gfw.index_label(lang)) for table in own]
        ranking_tables.append(own[0])
        detail.extend(own[1:])
        notes.append(basis_notes(rows[0][1], None, lang)[0])  # the framework: no tracks
    front, chart_tables, charts = _ranking_front(latest, lang)
    tables = (*chart_tables, *ranking_tables, _distribution_table(years, lang), *detail)
    labels = " dan " if lang == "id" else " and "
    index = labels.join(dict.fromkeys(g[0].framework.index_label(lang) for g in groups))
    title = L["ranking_title"].format(index=index).get(lang)
    if several:
        notes.insert(0, _instruments_note(groups, lang))
    return Report(
        lang,
        title,
        " · ".join(dict.fromkeys(g[0].framework.label(lang) for g in groups)),
        tables,
        charts,
        t("made_by", lang),
        front=(
            _year_statistics(years, lang, named=several),
            _distribution_table([latest], lang, front=True),
            *front,
        ),
        notes=tuple(dict.fromkeys(notes)),
        **_frame(view),  # type: ignore[arg-type]
    )


def _of_instrument(table: ReportTable, number: int, index: str) -> ReportTable:
    """One instrument's table when a ranking spans two (SPBE years, Pemdi years): its key
    made unique, its title and worksheet naming the index."""
    suffix = "" if number == 1 else f".{number}"
    return replace(
        table,
        key=table.key + suffix,
        title=f"{table.title} · {index}",
        sheet=f"{table.sheet} · {index}"[:31],
    )


def _instruments_note(groups: Sequence[Sequence[YearRanking]], lang: Lang) -> str:
    """The first page's sentence: which index ranks which years; not comparable."""
    items = "; ".join(
        f"{g[0].framework.index_label(lang)} ("
        + ", ".join(str(y.year) for y in g if y.year is not None)
        + ")"
        for g in groups
    )
    if lang == "id":
        return (
            f"Instrumen berbeda: {items}. Peringkat, predikat dan target tiap tahun "
            "memakai instrumennya sendiri; angka kedua instrumen tidak sebanding dan "
            "tiap instrumen punya tabel peringkatnya sendiri."
        )
    return (
        f"Different instruments: {items}. Each year's ranking, ratings and target use "
        "its own instrument; the two instruments' figures are not comparable and each "
        "has its own ranking table."
    )


def _ranking_front(
    latest: YearRanking, lang: Lang
) -> tuple[tuple[ReportTable, ...], tuple[ReportTable, ...], tuple[ReportChart, ...]]:
    """The latest year's top and bottom agencies (first page), and the chart pages."""
    ranked = latest.rows
    when = f" {latest.year}" if latest.year is not None else ""
    total = len(ranked)
    front: list[ReportTable] = []
    if total > 2 * FRONT_ROWS:
        front.append(
            _few_table(
                "top",
                L["top_title"].format(n=FRONT_ROWS, total=total).get(lang) + when,
                ranked[:FRONT_ROWS],
                lang,
            )
        )
        front.append(
            _few_table(
                "bottom",
                L["bottom_title"].format(n=FRONT_ROWS, total=total).get(lang) + when,
                ranked[-FRONT_ROWS:],
                lang,
            )
        )
    parts: list[tuple[str, str, Sequence[Ranked]]] = []
    if total > 2 * CHART_ROWS:
        parts.append(
            (
                "chart_top",
                L["top_title"].format(n=CHART_ROWS, total=total).get(lang),
                ranked[:CHART_ROWS],
            )
        )
        parts.append(
            (
                "chart_bottom",
                L["bottom_title"].format(n=CHART_ROWS, total=total).get(lang),
                ranked[-CHART_ROWS:],
            )
        )
    else:
        parts.append(("chart_all", t("ranking_chart", lang), ranked))
    tables: list[ReportTable] = []
    charts: list[ReportChart] = []
    high = latest.framework.scale.max
    for key, name, shown in parts:
        heading = f"{t('chart_page', lang)}: {name}{when}"
        table = _few_table(key, heading, shown, lang, sheet=_chart_sheet(key, lang))
        tables.append(replace(table, chart_page=True))
        chart_title = (
            f"{t('ranking_chart', lang)}{when}: {name.lower()}"
            if (key != "chart_all")
            else f"{t('ranking_chart', lang)}{when}"
        )
        charts.append(chart("hbar", chart_title, key, (1, 2, 4), len(shown), high, lang))
    return tuple(front), tuple(tables), tuple(charts)


def _chart_sheet(key: str, lang: Lang) -> str:
    return {
        "chart_top": t("chart_top_sheet", lang),
        "chart_bottom": t("chart_bottom_sheet", lang),
    }.get(key, t("chart_page", lang))


def _few_table(
    key: str, title: str, shown: Sequence[Ranked], lang: Lang, sheet: str = ""
) -> ReportTable:
    """Rank, agency, index, rating and target of a few ranked agencies."""
    header = (
        t("rank", lang),
        t("agency", lang),
        t("index", lang),
        t("rating", lang),
        t("target", lang),
    )
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (
            r.rank,
            safe(r.result.assessment.agency),
            r.result.published,
            band_value(r.result.framework, r.result.band, lang),
            r.result.framework.publish(r.result.target),
        )
        for r in shown
    )
    return ReportTable(key, title, sheet or title[:31], header, rows)


def _year_statistics(years: Sequence[YearRanking], lang: Lang, named: bool = False) -> ReportTable:
    """Per year: count, mean, median, target and "N dari M" at the target (``named``: each
    year with its index, when the years span two instruments)."""
    header = (
        t("year", lang),
        t("count", lang),
        t("mean", lang),
        t("median", lang),
        t("target", lang),
        t("at_target", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for year in years:
        stats, fw = year.statistics, year.framework
        share = (
            round_half_up(Fraction(stats.at_target * 100, stats.count), 1)
            if (stats.count)
            else None
        )
        reached = L["n_of_m"].format(n=stats.at_target, m=stats.count).get(lang)
        if share is not None:
            reached += f" ({cell_text(share, lang)}%)"
        when: Value = year.year
        if named:
            when = f"{year.year or ''} · {fw.index_label(lang)}".strip(" ·")
        rows.append(
            (
                when,
                stats.count,
                stats.published(fw, stats.mean),
                stats.published(fw, stats.median),
                stats.published(fw, stats.target),
                reached,
            )
        )
    return ReportTable("summary", t("summary", lang), t("summary", lang), header, tuple(rows))


def node_codes(result: Result) -> list[tuple[str, NodeResult]]:
    """``(D1, node)`` for every group of every tier, top-down."""
    return [(f"{tier.code}{n.id}", n) for tier, nodes in result.tier_pairs() for n in nodes]


def codes_table(result: Result, lang: Lang) -> ReportTable:
    """What the column codes ``D1`` and ``A3`` stand for."""
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (code, f"{tier.label(lang)} {node.id}: {pick(lang, node.name, node.name_en)}")
        for tier, nodes in result.tier_pairs()
        for node in nodes
        for code in [f"{tier.code}{node.id}"]
    )
    header = (t("code", lang), t("name", lang))
    return ReportTable("codes", t("codes_title", lang), t("codes", lang), header, rows)


def ranking_table(rows: Sequence[tuple[int, Result]], lang: Lang) -> ReportTable:
    """Agencies in rank order with their index, rating, target and group indices."""
    first = rows[0][1]
    fw = first.framework
    header = [
        t("rank", lang),
        t("agency", lang),
        t("year", lang),
        fw.index_label(lang),
        t("rating", lang),
        t("target", lang),
    ]
    header += [code for code, _ in node_codes(first)]
    table: list[tuple[Value, ...]] = []
    # the rating and target cells once per (framework, band) and (framework, target)
    # object: thousands of agencies share a handful of them (the objects stay alive in
    # the results, so their ids stay theirs)
    bands: dict[tuple[int, int], BandValue] = {}
    targets: dict[tuple[int, int], Decimal] = {}
    for rank, result in rows:
        framework = result.framework
        band = bands.get((id(framework), id(result.band)))
        if band is None:
            band = bands[(id(framework), id(result.band))] = band_value(
                framework, result.band, lang
            )
        target = targets.get((id(framework), id(result.target)))
        if target is None:
            target = targets[(id(framework), id(result.target))] = framework.publish(result.target)
        row: list[Value] = [
            rank,
            safe(result.assessment.agency),
            result.assessment.year,
            result.published,
            band,
            target,
        ]
        if result.framework is fw:
            row += [n.published for nodes in result.tiers for n in nodes]
        else:
            row += [None for nodes in first.tiers for _ in nodes]
        table.append(tuple(row))
    codes = [code for code, _ in node_codes(first)]
    note = (
        L["codes_note"]
        .format(
            first=codes[0] if codes else "",
            last=codes[-1] if codes else "",
            table=t("codes_title", lang),
            tiers=", ".join(f"{tier.label(lang).lower()} ({tier.code})" for tier in fw.group_tiers),
        )
        .get(lang)
    )
    return ReportTable(
        "ranking",
        t("ranking", lang),
        t("ranking", lang),
        tuple(header),
        tuple(table),
        freeze_columns=3,
        note=note if codes else "",
    )


def _distribution_table(
    years: Sequence[YearRanking], lang: Lang, front: bool = False
) -> ReportTable:
    """Count and share per rating, highest first (``front``: the latest year's, titled
    with its year, for the first page)."""
    rows: list[tuple[Value, ...]] = []
    for year in years:
        fw = year.framework
        for item in reversed(year.statistics.bands):
            cells: tuple[Value, ...] = (
                band_value(fw, item.band, lang),
                item.count,
                round_half_up(item.share * 100, 1),
            )
            rows.append(cells if front else (year.year, *cells))
    header: tuple[str, ...] = (t("rating", lang), t("count", lang), t("share", lang))
    if front:
        when = f" {years[0].year}" if years and years[0].year is not None else ""
        title = t("distribution_front", lang) + when
        return ReportTable("distribution_front", title, title[:31], header, tuple(rows))
    return ReportTable(
        "distribution",
        t("distribution", lang),
        t("distribution", lang),
        (t("year", lang), *header),
        tuple(rows),
    )
