"""The trend report: one agency over several years, showing what ``spbe compare`` shows.

The first page lists the years (index, rating, the signed change from the year before,
the target, years without data marked) and, per pair of consecutive years, the change and
how many indicators rose and fell. The details hold every group across the years with its
changes, and each indicator that rose or fell with its OPD. Figures come from the view's
trend (:attr:`spbe_cli.views.report.ReportView.trend`: :func:`spbe_cli.compare.compare`
cut per instrument).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from spbe_cli.compare import Change, Series
from spbe_cli.i18n import Lang, pick
from spbe_cli.writers.report_document import (
    CHART_LIMIT,
    Delta,
    Report,
    ReportChart,
    ReportTable,
    Value,
    band_value,
    bands_table,
    chart,
    decimal_text,
    level_text,
    safe,
)
from spbe_cli.writers.report_summary import basis_notes, opd_text
from spbe_cli.writers.report_words import L, t

if TYPE_CHECKING:
    from spbe_cli.views.report import ReportView

NOT_COMPARABLE = "≠"
ABSENT = "—"


def trend_report(view: ReportView, frame: dict[str, object]) -> Report:
    """The trend of one agency over the years of the view's results.

    Years measured by different instruments (an SPBE index, then a Pemdi index) are not
    one trend: each instrument gets its own years table, chart, group table and ratings,
    named after its index; the first page says they are different instruments, and the
    step between them shows "—" (no change, no rating move, no indicators counted).
    """
    lang = view.lang
    series, parts = view.trend.series, view.trend.parts
    if len(parts) == 1:
        return _one_instrument(view, parts[0].missing, frame)
    first = series.points[0].result
    agency = safe(first.assessment.agency)
    span = " → ".join(str(p.year) for p in series.points)
    fws = [part.series.points[0].framework for part in parts]
    subtitle = " · ".join(p for p in (agency, span, " → ".join(f.label(lang) for f in fws)) if p)
    indices = [f.index_label(lang) for f in fws]
    and_ = " dan " if lang == "id" else " and "
    title = L["trend_title"].format(index=and_.join(dict.fromkeys(indices))).get(lang)
    front: list[ReportTable] = []
    charts: list[ReportChart] = []
    details: list[ReportTable] = []
    bands: list[ReportTable] = []
    for number, part in enumerate(parts, start=1):
        fw = part.series.points[0].framework
        suffix = "" if number == 1 else f".{number}"
        name = fw.index_label(lang)
        years_table = _years_table(part.series, part.missing, lang)
        years_table = _named(years_table, suffix, name)
        front.append(years_table)
        count = min(len(years_table.rows), CHART_LIMIT)
        chart_title = f"{t('trend_chart', lang)}: {name}"
        charts.append(
            chart("bar", chart_title, years_table.key, (0, 1, 4), count, fw.scale.max, lang)
        )
        details.append(_named(_groups_table(part.series, lang), suffix, name, t("trend", lang)))
        bands.append(_named(bands_table(fw, lang), suffix, name))
    front.append(_steps_table(series, lang))
    notes = [_instruments_note([p.series for p in parts], lang), *_year_notes(view, lang)]
    return Report(
        lang,
        title,
        subtitle,
        (*details, _moves_table(series, lang), *bands),
        tuple(charts),
        t("made_by", lang),
        front=tuple(front),
        notes=tuple(notes),
        **frame,  # type: ignore[arg-type]
    )


def _one_instrument(view: ReportView, missing: tuple[int, ...], frame: dict[str, object]) -> Report:
    lang, series = view.lang, view.trend.series
    first = series.points[0].result
    fw = series.points[-1].framework
    years_table = _years_table(series, missing, lang)
    count = min(len(years_table.rows), CHART_LIMIT)
    trend_chart = chart(
        "bar", t("trend_chart", lang), "trend", (0, 1, 4), count, fw.scale.max, lang
    )
    agency = safe(first.assessment.agency)
    span = " → ".join(str(p.year) for p in series.points)
    subtitle = " · ".join(p for p in (agency, span, fw.label(lang)) if p)
    notes = _year_notes(view, lang)
    if missing:
        years = ", ".join(str(y) for y in missing)
        notes.append(L["missing_note"].format(years=years).get(lang))
    title = L["trend_title"].format(index=fw.index_label(lang)).get(lang)
    return Report(
        lang,
        title,
        subtitle,
        (_groups_table(series, lang), _moves_table(series, lang), bands_table(fw, lang)),
        (trend_chart,),
        t("made_by", lang),
        front=(years_table, _steps_table(series, lang)),
        notes=tuple(notes),
        **frame,  # type: ignore[arg-type]
    )


def _named(table: ReportTable, suffix: str, index: str, sheet: str = "") -> ReportTable:
    """A table of one instrument's part: its key made unique, its title and worksheet
    (``sheet``, short enough for Excel's 31 characters) naming the instrument
    (``Tren · Indeks SPBE``)."""
    return replace(
        table,
        key=table.key + suffix,
        title=f"{table.title} · {index}",
        sheet=f"{sheet or table.sheet} · {index}"[:31],
    )


def _instruments_note(parts: Sequence[Series], lang: Lang) -> str:
    """The first page's sentence: which instrument measured which years, and that they
    are not comparable."""
    items = []
    for part in parts:
        fw = part.points[0].framework
        years = [str(p.year) for p in part.points]
        span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
        items.append(f"{fw.index_label(lang)} ({span}, {fw.label(lang)})")
    joined = "; ".join(items)
    if lang == "id":
        return (
            f"Instrumen berbeda: {joined}. Indeks dan predikatnya diukur dengan "
            "indikator, bobot dan rentang predikat yang berbeda, jadi tidak sebanding: "
            f"tiap instrumen punya tabel dan grafiknya sendiri, dan perubahan di antara "
            f"keduanya tidak dihitung ({ABSENT})."
        )
    return (
        f"Different instruments: {joined}. Their indices and ratings are measured with "
        "different indicators, weights and rating ranges, so they are not comparable: "
        f"each instrument has its own table and chart, and no change between them is "
        f"computed ({ABSENT})."
    )


def _year_notes(view: ReportView, lang: Lang) -> list[str]:
    """Each framework once, then each year's own caveats (defaults assumed, external
    indices not yet filled, tracks), prefixed with the year."""
    points = view.trend.series.points
    notes = list(dict.fromkeys(basis_notes(p.result, None, lang)[0] for p in points))
    for point in points:
        for note in basis_notes(point.result, None, lang, tracks=view.tracks(point.result))[1:]:
            notes.append(f"{point.year}: {note}" if point.year is not None else note)
    return list(dict.fromkeys(notes))


def _delta(change: Change) -> Value:
    if change.status == "compared" and change.delta is not None:
        return Delta(change.delta)
    return NOT_COMPARABLE if change.status == "not-comparable" else ABSENT


def _years_table(series: Series, missing: tuple[int, ...], lang: Lang) -> ReportTable:
    """Year, index, rating, change, target and a remark; years without data marked."""
    header = (
        t("year", lang),
        t("index", lang),
        t("rating", lang),
        t("change", lang),
        t("target", lang),
        t("remark", lang),
    )
    index_row = series.rows[0]
    by_year: dict[int, tuple[Value, ...]] = {}
    ordered: list[tuple[Value, ...]] = []
    for position, point in enumerate(series.points):
        result, fw = point.result, point.framework
        change: Value = _delta(index_row.changes[position - 1]) if position else None
        remark = ""
        if position and change == NOT_COMPARABLE:
            remark = t("framework", lang) + " " + fw.id
        row: tuple[Value, ...] = (
            point.year,
            result.published,
            band_value(fw, result.band, lang),
            change,
            fw.publish(result.target),
            remark,
        )
        ordered.append(row)
        if point.year is not None:
            by_year[point.year] = row
    if missing and len(by_year) == len(ordered):
        rows: list[tuple[Value, ...]] = []
        target: Value = None
        for year in sorted({*by_year, *missing}):
            found = by_year.get(year)
            if found is None:
                rows.append((year, None, None, None, target, t("missing_year", lang)))
            else:
                rows.append(found)
                target = found[4]
        ordered = rows
    return ReportTable("trend", t("trend", lang), t("trend", lang), header, tuple(ordered))


def _steps_table(series: Series, lang: Lang) -> ReportTable:
    """Per pair of consecutive years: the change, the ratings, indicators up and down.

    Between two instruments none of these is defined: the row shows "—" and a remark
    naming both indices (never "Baik → Kurang" or "0 up, 0 down")."""
    header: tuple[str, ...] = (
        t("period", lang),
        t("change", lang),
        t("rating", lang),
        t("rose_count", lang),
        t("fell_count", lang),
    )
    crossing = not all(step.comparable for step in series.steps)
    if crossing:
        header = (*header, t("remark", lang))
    rows: list[tuple[Value, ...]] = []
    for position, step in enumerate(series.steps):
        before, after = step.before.result, step.after.result
        period = f"{step.before.year} → {step.after.year}"
        if not step.comparable:
            names = " → ".join(
                f"{r.framework.index_label(lang)} {decimal_text(r.published, lang)} "
                f"({r.band.label(lang)})"
                for r in (before, after)
            )
            rows.append((period, ABSENT, ABSENT, ABSENT, ABSENT, f"{_different(lang)}: {names}"))
            continue
        ratings = f"{before.band.label(lang)} → {after.band.label(lang)}"
        row: tuple[Value, ...] = (
            period,
            _delta(series.rows[0].changes[position]),
            ratings,
            len(step.rose),
            len(step.fell),
        )
        rows.append((*row, "") if crossing else row)
    return ReportTable(
        "moves_summary", t("moves_summary", lang), t("moves_summary", lang), header, tuple(rows)
    )


def _different(lang: Lang) -> str:
    return (
        "instrumen berbeda, tidak dibandingkan"
        if lang == "id"
        else "different instruments, not compared"
    )


def _groups_table(series: Series, lang: Lang) -> ReportTable:
    """The index and every group across the years, with the signed change between them."""
    header: list[str] = [t("code", lang), t("name", lang)]
    for position, point in enumerate(series.points):
        if position:
            header.append("Δ")
        header.append(str(point.year))
    rows: list[tuple[Value, ...]] = []
    for row in series.rows:
        name = pick(lang, row.name, row.name_en)
        cells: list[Value] = [row.label, name]
        for position, value in enumerate(row.values):
            if position:
                cells.append(_delta(row.changes[position - 1]))
            cells.append(None if value is None else value.published)
        rows.append(tuple(cells))
    note = (
        f"Δ: {t('change', lang).lower()}; {NOT_COMPARABLE}: "
        f"{_not_comparable(lang)}; {ABSENT}: {_absent(lang)}"
    )
    return ReportTable(
        "trend_nodes",
        t("trend_nodes", lang),
        t("trend_nodes", lang),
        tuple(header),
        tuple(rows),
        freeze_columns=2,
        note=note,
    )


def _not_comparable(lang: Lang) -> str:
    return (
        "tidak sebanding (didefinisikan berbeda)"
        if lang == "id"
        else ("not comparable (defined differently)")
    )


def _absent(lang: Lang) -> str:
    return "tidak ada pada tahun itu" if lang == "id" else "absent that year"


def _moves_table(series: Series, lang: Lang) -> ReportTable:
    """Every indicator that rose or fell between consecutive years, with its OPD."""
    header = (
        t("period", lang),
        t("direction", lang),
        t("no", lang),
        t("indicators", lang),
        t("opd", lang),
        t("level", lang),
        t("change", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for step in series.steps:
        period = f"{step.before.year} → {step.after.year}"
        for key, moves in (("rose", step.rose), ("fell", step.fell)):
            for move in moves:
                change = Fraction(move.after) - Fraction(move.before)
                rows.append(
                    (
                        period,
                        t(key, lang),
                        int(move.indicator.id)
                        if move.indicator.id.isdigit()
                        else move.indicator.id,
                        move.indicator.label(lang),
                        opd_text(move.opd, lang),
                        f"{level_text(move.before, lang)} → {level_text(move.after, lang)}",
                        Delta(_level_delta(change)),
                    )
                )
    return ReportTable(
        "moves", t("moves", lang), t("moves", lang), header, tuple(rows), freeze_columns=3
    )


def _level_delta(change: Fraction) -> Decimal:
    if change.denominator == 1:
        return Decimal(change.numerator)
    from spbe_cli.exact import round_half_up

    return round_half_up(change, 2)
