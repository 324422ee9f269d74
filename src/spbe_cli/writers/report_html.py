"""The HTML report: one self-contained page with inline SVG charts drawn from the numbers.

No network: no scripts, no external fonts, styles or images, so the file opens the same
offline, in a mail attachment or on an intranet. It reads on a phone (tables scroll
sideways, charts scale) and prints on A4 (``@media print``). Every string is escaped with
:func:`html.escape`; text from input files was already neutralised in the report model.
Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from html import escape
from pathlib import Path

from spbe_cli.render.data import neutralise
from spbe_cli.writers.atomic import atomic_write_text
from spbe_cli.writers.report_labels import (
    BandValue,
    Report,
    ReportChart,
    ReportTable,
    Value,
    band_colour,
)

BAR_WIDTH, BAR_PLOT_HEIGHT = 640, 220
BAR_MARGIN = {"left": 36, "right": 12, "top": 24, "bottom": 30, "rotated": 130}
RADAR_WIDTH, RADAR_HEIGHT, RADAR_RADIUS = 760, 400, 155
INDEX_COLOUR, TARGET_COLOUR = "#2F5597", "#C00000"

STYLE = """
*{box-sizing:border-box}
body{margin:0;color:#1a1a1a;background:#fff;font:15px/1.45 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1040px;margin:0 auto;padding:16px}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.2em;margin:1.4em 0 .5em;border-bottom:2px solid #2F5597;padding-bottom:2px}
.subtitle{color:#444;margin:0 0 1em}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border-bottom:1px solid #d0d0d0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#D9E1F2;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.rating{white-space:nowrap}
table.summary{width:auto;min-width:50%}
table.summary td:first-child{font-weight:600}
figure{margin:1em 0;break-inside:avoid}
figcaption{font-weight:600;margin-bottom:.3em}
svg{width:100%;height:auto;max-width:720px;display:block}
svg text{font-family:inherit;font-size:12px;fill:#333}
.legend{font-size:.85em;color:#444}
.swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin:0 .3em}
footer{margin-top:2em;color:#666;font-size:.85em}
@media (max-width:600px){
body{font-size:13px} main{padding:8px} th,td{padding:3px 4px}}
@media print{
@page{size:A4;margin:12mm}
body{font-size:10pt} main{max-width:none;padding:0}
.scroll{overflow:visible} h2{break-after:avoid} tr{break-inside:avoid}
svg{max-width:16cm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def write_report_html(report: Report, path: str | Path, *, force: bool = False) -> None:
    """Write ``report`` as one self-contained HTML file at ``path`` (atomically)."""
    atomic_write_text(path, render_html(report), force=force)


def render_html(report: Report) -> str:
    """The whole page."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{report.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)} · {_e(report.subtitle)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body><main>",
        f"<header><h1>{_e(report.title)}</h1>",
        f'<p class="subtitle">{_e(report.subtitle)}</p></header>',
    ]
    for table in report.tables:
        parts.append(f'<section id="{_e(table.key)}">')
        parts.append(f"<h2>{_e(table.title)}</h2>")
        for chart in report.charts_after(table.key):
            parts.append(render_chart(chart, table))
        parts.append(render_table(table))
        parts.append("</section>")
    parts.append(f"<footer>{_e(report.note)}</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _e(text: object) -> str:
    """Escaped text (quotes too, so it is safe in attributes)."""
    return escape(str(text), quote=True)


def cell_text(value: Value) -> str:
    """A cell's text: figures with their decimals, text neutralised, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, BandValue):
        return str(neutralise(value.label))
    return str(neutralise(value)) if isinstance(value, str) else str(value)


def _cell(value: Value) -> str:
    text = _e(cell_text(value))
    if isinstance(value, BandValue):
        return f'<td class="rating" style="background:#{band_colour(value)}">{text}</td>'
    if isinstance(value, int | Decimal):
        return f'<td class="num">{text}</td>'
    return f"<td>{text}</td>"


def render_table(table: ReportTable) -> str:
    """A table in a sideways-scrolling box."""
    css = ' class="summary"' if table.key == "summary" else ""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in table.header)
    body = "\n".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in table.rows)
    return (
        f'<div class="scroll"><table{css}><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{body}\n</tbody></table></div>"
    )


def _number(value: Value) -> float:
    return float(value) if isinstance(value, int | Decimal) else 0.0


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _legend(chart: ReportChart) -> str:
    return (
        f'<div class="legend"><span class="swatch" style="background:{INDEX_COLOUR}">'
        f'</span>{_e(chart.series[0])}<span class="swatch" style="background:'
        f'{TARGET_COLOUR}"></span>{_e(chart.series[1])}</div>'
    )


def render_chart(chart: ReportChart, table: ReportTable) -> str:
    """A figure with the chart's SVG, caption and legend."""
    rows = table.rows[: chart.count]
    svg = bar_svg(chart, rows) if chart.kind == "bar" else radar_svg(chart, rows)
    return (
        f'<figure class="chart-{_e(chart.kind)}"><figcaption>{_e(chart.title)}'
        f"</figcaption>{svg}{_legend(chart)}</figure>"
    )


def bar_svg(chart: ReportChart, rows: tuple[tuple[Value, ...], ...]) -> str:
    """Vertical bars, height proportional to the value on a 0..high axis, and a target line."""
    m = BAR_MARGIN
    rotate = len(rows) > 6
    plot_w = BAR_WIDTH - m["left"] - m["right"]
    plot_h = BAR_PLOT_HEIGHT
    base = m["top"] + plot_h
    longest = max((len(cell_text(r[chart.label_column])) for r in rows), default=0)
    rotated = min(m["rotated"], 24 + round(4.2 * min(longest, 22)))
    height = base + (rotated if rotate else m["bottom"])
    slot = plot_w / max(len(rows), 1)

    def y(value: float) -> float:
        return base - value / chart.high * plot_h

    parts = [
        f'<svg class="bar-chart" viewBox="0 0 {BAR_WIDTH} {height}" role="img" '
        f'aria-label="{_e(chart.title)}" data-high="{chart.high}" '
        f'data-plot-height="{plot_h}" data-base="{base}">'
    ]
    for level in range(chart.high + 1):
        parts.append(
            f'<line x1="{m["left"]}" x2="{BAR_WIDTH - m["right"]}" y1="{y(level):.2f}" '
            f'y2="{y(level):.2f}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{m["left"] - 6}" y="{y(level) + 4:.2f}" text-anchor="end">{level}</text>'
        )
    target_points: list[str] = []
    for position, row in enumerate(rows):
        parts.extend(_bar(chart, row, m["left"] + position * slot, slot, y, base, rotate))
        target_y = y(_number(row[chart.target_column]))
        left = m["left"] + position * slot
        target_points += [f"{left:.2f},{target_y:.2f}", f"{left + slot:.2f},{target_y:.2f}"]
    parts.append(
        f'<polyline class="target" points="{" ".join(target_points)}" fill="none" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _bar(
    chart: ReportChart,
    row: tuple[Value, ...],
    left: float,
    slot: float,
    y: Callable[[float], float],
    base: float,
    rotate: bool,
) -> list[str]:
    label = cell_text(row[chart.label_column])
    value = row[chart.value_column]
    top = y(_number(value))
    width = slot * 0.6
    x = left + (slot - width) / 2
    centre = left + slot / 2
    parts = [
        f'<rect class="bar" data-label="{_e(label)}" data-value="{_e(cell_text(value))}" '
        f'x="{x:.2f}" y="{top:.2f}" width="{width:.2f}" height="{base - top:.2f}" '
        f'fill="{INDEX_COLOUR}"><title>{_e(label)}: {_e(cell_text(value))}</title></rect>',
        f'<text x="{centre:.2f}" y="{top - 4:.2f}" text-anchor="middle">'
        f"{_e(cell_text(value))}</text>",
    ]
    short = _e(_short(label, 22 if rotate else max(8, int(slot / 6.5))))
    if rotate:
        parts.append(
            f'<text x="{centre:.2f}" y="{base + 12:.2f}" text-anchor="end" '
            f'transform="rotate(-40 {centre:.2f} {base + 12:.2f})">{short}</text>'
        )
    else:
        parts.append(
            f'<text x="{centre:.2f}" y="{base + 16:.2f}" text-anchor="middle">{short}</text>'
        )
    return parts


def _radar_point(index: int, count: int, value: float, high: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    radius = RADAR_RADIUS * value / high
    return (RADAR_WIDTH / 2 + radius * math.cos(angle), RADAR_HEIGHT / 2 + radius * math.sin(angle))


def _polygon(values: list[float], high: int) -> str:
    points = (_radar_point(i, len(values), v, high) for i, v in enumerate(values))
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in points)


def radar_svg(chart: ReportChart, rows: tuple[tuple[Value, ...], ...]) -> str:
    """A radar: one axis per row, rings per level, the values and the target as polygons."""
    count = len(rows)
    values = [_number(r[chart.value_column]) for r in rows]
    targets = [_number(r[chart.target_column]) for r in rows]
    parts = [
        f'<svg class="radar-chart" viewBox="0 0 {RADAR_WIDTH} {RADAR_HEIGHT}" role="img" '
        f'aria-label="{_e(chart.title)}" data-high="{chart.high}" '
        f'data-radius="{RADAR_RADIUS}">'
    ]
    for level in range(1, chart.high + 1):
        parts.append(
            f'<polygon points="{_polygon([float(level)] * count, chart.high)}" '
            'fill="none" stroke="#ddd"/>'
        )
    for i, row in enumerate(rows):
        x, y = _radar_point(i, count, chart.high, chart.high)
        parts.append(
            f'<line x1="{RADAR_WIDTH / 2}" y1="{RADAR_HEIGHT / 2}" x2="{x:.2f}" '
            f'y2="{y:.2f}" stroke="#ccc"/>'
        )
        parts.append(_radar_label(i, count, chart, row))
    parts.append(
        f'<polygon class="target" points="{_polygon(targets, chart.high)}" '
        f'fill="none" stroke="{TARGET_COLOUR}" stroke-width="2" '
        'stroke-dasharray="6 4"/>'
    )
    parts.append(
        f'<polygon class="values" points="{_polygon(values, chart.high)}" '
        f'fill="{INDEX_COLOUR}" fill-opacity="0.25" stroke="{INDEX_COLOUR}" '
        'stroke-width="2"/>'
    )
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        x, y = _radar_point(i, count, value, chart.high)
        parts.append(
            f'<circle class="point" data-value="{_e(cell_text(row[chart.value_column]))}"'
            f' cx="{x:.2f}" cy="{y:.2f}" r="3.5" fill="{INDEX_COLOUR}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _radar_label(i: int, count: int, chart: ReportChart, row: tuple[Value, ...]) -> str:
    x, y = _radar_point(i, count, chart.high * 1.12, chart.high)
    centre = RADAR_WIDTH / 2
    anchor = "middle" if abs(x - centre) < 1 else ("start" if x > centre else "end")
    label = cell_text(row[chart.label_column])
    value = cell_text(row[chart.value_column])
    return (
        f'<text x="{x:.2f}" y="{y + 4:.2f}" text-anchor="{anchor}">'
        f"<title>{_e(label)}</title>{_e(_short(label, 24))} ({_e(value)})</text>"
    )
