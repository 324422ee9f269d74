"""``spbe compare`` as data: a JSON document, streamed, JSON Lines, CSV and Markdown; and
the words and plain cells the terminal view (:mod:`spbe_cli.render.compare`) shares.

The layouts are public (``schema_version``; docs/json.md documents them). Documents are written
one agency at a time (:func:`write_compare_json`), byte for byte what
:func:`~spbe_cli.render.json_parts.dumps_json` writes of :func:`compare_document`. Lays out a
:class:`~spbe_cli.views.compare.CompareView`; computes nothing (no rich either).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, BinaryIO

from spbe_cli import glossary
from spbe_cli.compare import (
    SHARED_YEARS,
    Change,
    Comparison,
    IndicatorChange,
    Point,
    Regression,
    Row,
    Series,
    Step,
)
from spbe_cli.framework import format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.render.common import fmt
from spbe_cli.render.common import signed as signed_figure
from spbe_cli.render.formats import SCHEMA_VERSION, csv_text, markdown_table, number
from spbe_cli.render.json_parts import ITEM_CLOSE, ITEM_OPEN, dumps, write_lines

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.compare import CompareView

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
    "last": Text("Δ terakhir", "Last Δ"),
    "transition": Text("Perubahan predikat", "Rating changes"),
}
ORIGIN = {
    "option": Text("--framework", "--framework"),
    "file": Text("disebut di berkas", "named in the file"),
    "year": Text("menurut tahun", "by year"),
    "default": Text("bawaan", "default"),
    "indicators": Text("menurut indikator", "by its indicators"),
}


# -- words and cells the terminal shares ----------------------------------------------------


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


def instruments_text(pieces: Sequence[Series]) -> Text:
    """One sentence naming each instrument with its years: they are not comparable."""

    def items(lang: Lang) -> str:
        return "; ".join(
            f"{p.points[0].framework.index_label(lang)} "
            f"({', '.join(year_label(x) for x in p.points)})"
            for p in pieces
        )

    return Text(
        f"Instrumen berbeda: {items('id')}. Tiap instrumen ditampilkan sendiri; indeks dan "
        f"predikatnya tidak sebanding, perubahan di antaranya tidak dihitung ({ABSENT}).",
        f"Different instruments: {items('en')}. Each is shown on its own; their indices "
        f"and ratings are not comparable and no change between them is computed ({ABSENT}).",
    )


def row_cells(row: Row, series: Series, lang: Lang) -> list[str]:
    """A row of the table of one agency as text: code, name, then each year's figure and
    the change after it (``≠``, ``—`` where none is computed)."""
    cells = [row.label, pick(lang, row.name, row.name_en)]
    for position, value in enumerate(row.values):
        if position:
            cells.append(change_text(row.changes[position - 1], lang))
        cells.append(ABSENT if value is None else fmt(value.published, 2, lang))
    return cells


def rating_cells(series: Series, lang: Lang) -> list[str]:
    """The rating of each year, with an arrow between years (``↑``, ``↓``, ``=``, ``≠``)."""
    cells: list[str] = []
    for position, point in enumerate(series.points):
        if position:
            direction = series.steps[position - 1].rating_direction
            cells.append(
                NOT_COMPARABLE if direction is None else {1: "↑", -1: "↓", 0: "="}[direction]
            )
        cells.append(point.result.band.label(lang))
    return cells


def _value_number(value: Decimal | None) -> float | int | None:
    return None if value is None else number(value)


_ROW_DICTS: dict[int, tuple[Row, dict[str, Any]]] = {}
"""Dicts of rows by the row's id, kept with the row: agencies share rows (read-only)."""


def _row_dict(row: Row) -> dict[str, Any]:
    if len(row.values) > SHARED_YEARS:  # a row of many years is not shared
        return _new_row_dict(row)
    found = _ROW_DICTS.get(id(row))
    if found is None or found[0] is not row:
        if len(_ROW_DICTS) > 100_000:
            _ROW_DICTS.clear()
        found = _ROW_DICTS[id(row)] = (row, _new_row_dict(row))
    return found[1]


def _new_row_dict(row: Row) -> dict[str, Any]:
    values = row.values
    return {
        "kind": row.kind,
        "id": row.id or None,
        "name": row.name,
        "name_en": row.name_en,
        "values": [None if v is None else float(v.published) for v in values],
        "predikat": [None if v is None else v.band.name for v in values],
        "changes": [  # a Decimal's JSON number is its float (:func:`number`)
            {"status": c.status, "delta": None if c.delta is None else float(c.delta)}
            for c in row.changes
        ],
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
        rows.append(list(row_cells(row, series, lang)))
        if row.kind == "index":
            rows.append(["", L["rating"].get(lang), *rating_cells(series, lang)])
    return header, rows


def regression_dict(regression: Regression) -> dict[str, object]:
    """A fall as JSON: agency, years, what fell, by how much."""
    return {
        "agency": regression.series.agency,
        "from": regression.step.before.year,
        "to": regression.step.after.year,
        "domain": regression.domain,
        "change": number(regression.delta),
    }


# -- renderers ------------------------------------------------------------------------------


def _falls(view: CompareView) -> list[dict[str, object]] | None:
    return None if view.falls is None else [regression_dict(r) for r in view.falls]


def write_json(view: CompareView, sink: Sink) -> None:
    """``--format json``: :func:`compare_document`, streamed one agency at a time, with the
    ``regressions`` a check found."""
    write_compare_json(view.comparison, _falls(view), sink.stream)


def write_jsonl(view: CompareView, sink: Sink) -> None:
    """``--format jsonl``: :func:`compare_lines`, one agency a line."""
    write_lines(compare_lines(view.comparison, _falls(view)), sink.stream)


def write_csv(view: CompareView, sink: Sink) -> None:
    """``--format csv``: :data:`COMPARE_HEADER` and :func:`compare_rows`."""
    sink.text(csv_text(COMPARE_HEADER, compare_rows(view.comparison, sink.lang)))


def write_markdown(view: CompareView, sink: Sink) -> None:
    """``--format markdown``: per agency a table per instrument (SPBE, Pemdi), each named
    when there are two or more, then the sentence saying they are not comparable."""
    lang = sink.lang
    parts = []
    for item in view.series:
        pieces = item.pieces
        for piece in pieces:  # one table per instrument (SPBE, Pemdi), each named
            header, rows = compare_markdown_rows(piece, lang)
            named = f" · {piece.points[0].framework.index_label(lang)}" if len(pieces) > 1 else ""
            parts.append(
                f"### {item.series.agency or ''}{named}\n\n" + markdown_table(header, rows)
            )
        if len(pieces) > 1:
            parts.append(instruments_text(pieces).get(lang) + "\n")
    sink.text("\n".join(parts))
