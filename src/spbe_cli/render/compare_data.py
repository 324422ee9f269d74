"""``spbe compare`` and ``spbe rank`` as data: JSON documents, streamed, and JSON Lines.

The layouts are public (``schema_version``; docs/json.md documents them). Documents are written
one agency at a time (:func:`write_compare_json`), byte for byte what
:func:`~spbe_cli.render.json_parts.dumps_json` writes of :func:`compare_document`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, BinaryIO

from spbe_cli.compare import Change, Comparison, IndicatorChange, Point, Row, Series, Step
from spbe_cli.framework import Framework, format_exact
from spbe_cli.ranking import Ranked, Statistics, YearRanking
from spbe_cli.render.formats import SCHEMA_VERSION, number
from spbe_cli.render.json_parts import ITEM_CLOSE, ITEM_OPEN, dumps


def _value_number(value: Decimal | None) -> float | int | None:
    return None if value is None else number(value)


def _change_dict(change: Change) -> dict[str, Any]:
    return {"status": change.status, "delta": _value_number(change.delta)}


def _row_dict(row: Row) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "id": row.id or None,
        "name": row.name,
        "name_en": row.name_en,
        "values": [None if v is None else number(v.published) for v in row.values],
        "predikat": [None if v is None else v.band.name for v in row.values],
        "changes": [_change_dict(c) for c in row.changes],
    }


_CHANGE_DICTS: dict[tuple[int, object, object, str | None], tuple[object, dict[str, Any]]] = {}
"""Dicts of indicator changes by (indicator, from, to, OPD), kept with their indicator: many
agencies share them (read-only)."""


def _indicator_dict(item: IndicatorChange) -> dict[str, Any]:
    key = (id(item.indicator), item.before, item.after, item.opd)
    found = _CHANGE_DICTS.get(key)
    if found is None or found[0] is not item.indicator:
        if len(_CHANGE_DICTS) > 100_000:
            _CHANGE_DICTS.clear()
        found = _CHANGE_DICTS[key] = (item.indicator, _new_indicator_dict(item))
    return found[1]


def _new_indicator_dict(item: IndicatorChange) -> dict[str, Any]:
    return {
        "id": item.indicator.id,
        "name": item.indicator.name,
        "from": _level_number(item.before),
        "to": _level_number(item.after),
        "opd": item.opd,
    }


def _level_number(value: int | Fraction) -> int | float:
    return value if isinstance(value, int) else number(value)


def _step_dict(step: Step) -> dict[str, Any]:
    return {
        "from": step.before.year,
        "to": step.after.year,
        "same_framework": step.same_framework,
        "comparable": step.comparable,
        "index_change": _value_number(step.index.delta),
        "predikat_from": step.before.result.band.name,
        "predikat_to": step.after.result.band.name,
        "rating_direction": step.rating_direction,
        "indicators_compared": step.indicators_compared,
        "not_comparable": [
            {"kind": r.kind, "id": r.id, "name": r.name} for r in step.not_comparable
        ],
        "rose": [_indicator_dict(i) for i in step.rose],
        "fell": [_indicator_dict(i) for i in step.fell],
    }


def _point_dict(point: Point) -> dict[str, Any]:
    result = point.result
    return {
        "year": point.year,
        "source": point.source,
        "framework": point.framework.id,
        "framework_from": point.origin,
        "index": number(result.published),
        "index_exact": format_exact(result.index),
        "predikat": result.band.name,
        "predikat_en": result.band.name_en,
    }


def compare_document(
    comparison: Comparison, regressions: Sequence[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The ``spbe compare --format json`` document (:func:`write_compare_json` writes the
    same bytes one agency at a time)."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "years": list(comparison.years),
        "agencies": [series_dict(s) for s in comparison.series],
    }
    if regressions is not None:
        document["regressions"] = list(regressions)
    return document


def series_dict(series: Series) -> dict[str, Any]:
    """One agency's years, rows and steps (an item of the document's ``agencies``)."""
    return {
        "agency": series.agency,
        "missing_years": list(series.missing_years),
        "years": [_point_dict(p) for p in series.points],
        "rows": [_row_dict(r) for r in series.rows],
        "steps": [_step_dict(step) for step in series.steps],
    }


def write_compare_json(
    comparison: Comparison, regressions: Sequence[dict[str, Any]] | None, out: BinaryIO
) -> None:
    """:func:`compare_document` as :func:`~spbe_cli.render.json_parts.dumps_json` writes it, one
    agency at a time: the whole document is never in memory."""
    import orjson

    head = {"schema_version": SCHEMA_VERSION, "years": list(comparison.years), "agencies": []}
    text = dumps(head, orjson.OPT_INDENT_2)
    out.write(text[: text.rindex(b"[]")] + b"[")  # up to "agencies": [
    for position, series in enumerate(comparison.series):
        item = dumps([[series_dict(series)]], orjson.OPT_INDENT_2)
        out.write(b"\n    " if position == 0 else b",\n    ")
        out.write(memoryview(item)[len(ITEM_OPEN) : len(item) - len(ITEM_CLOSE)])
    out.write(b"\n  ]" if comparison.series else b"]")
    if regressions is not None:  # {"regressions": [...]} without its braces
        tail = dumps({"regressions": list(regressions)}, orjson.OPT_INDENT_2)
        out.write(b"," + tail[1:-2])
    out.write(b"\n}\n")


def compare_lines(
    comparison: Comparison, regressions: Sequence[dict[str, Any]] | None = None
) -> Iterator[dict[str, Any]]:
    """``spbe compare --format jsonl``: one object per agency (``schema_version`` first,
    then :func:`series_dict`), with that agency's ``regressions`` when a check ran."""
    for series in comparison.series:
        line = {"schema_version": SCHEMA_VERSION, **series_dict(series)}
        if regressions is not None:
            line["regressions"] = [r for r in regressions if r["agency"] == series.agency]
        yield line


def _statistics_dict(stats: Statistics, fw: Framework) -> dict[str, Any]:
    mean, middle = stats.published(fw, stats.mean), stats.published(fw, stats.median)
    target = stats.target if stats.target is not None else fw.target
    return {
        "count": stats.count,
        "mean": _value_number(mean),
        "mean_exact": None if stats.mean is None else format_exact(stats.mean),
        "median": _value_number(middle),
        "median_exact": None if stats.median is None else format_exact(stats.median),
        "target": number(fw.publish(target)),
        "at_target": stats.at_target,
        "predikat": [
            {
                "name": b.band.name,
                "name_en": b.band.name_en,
                "count": b.count,
                "share": number(b.share),
                "share_exact": format_exact(b.share),
            }
            for b in stats.bands
        ],
    }


def ranking_document(rankings: Sequence[YearRanking]) -> dict[str, Any]:
    """The ``spbe rank --format json`` document: per year, statistics and ranked rows."""
    return {
        "schema_version": SCHEMA_VERSION,
        "years": [
            {
                "year": r.year,
                "framework": r.framework.id,
                "total": r.total,
                "statistics": _statistics_dict(r.statistics, r.framework),
                "rows": [ranked_dict(x) for x in r.rows],
            }
            for r in rankings
        ],
    }


def ranked_dict(ranked: Ranked) -> dict[str, Any]:
    """One ranked agency-year (a row of :func:`ranking_document`)."""
    result = ranked.result
    return {
        "rank": ranked.rank,
        "agency": result.assessment.agency,
        "year": result.assessment.year,
        "source": ranked.source,
        "framework": result.framework.id,
        "index": number(result.published),
        "index_exact": format_exact(result.index),
        "predikat": result.band.name,
        "target_reached": result.target_reached,
        "domains": [],
        **{
            tier.key: [{"id": d.id, "index": number(d.published)} for d in nodes]
            for tier, nodes in result.tier_pairs()[:1]
        },
    }


def ranking_lines_json(rankings: Sequence[YearRanking]) -> Iterator[dict[str, Any]]:
    """``spbe rank --format jsonl``: one object per ranked agency-year, ``schema_version``
    first, then :func:`ranked_dict` (the statistics are in the JSON document only)."""
    for ranking in rankings:
        for ranked in ranking.rows:
            yield {"schema_version": SCHEMA_VERSION, **ranked_dict(ranked)}


