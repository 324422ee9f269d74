"""The HTML report: one self-contained page with inline SVG charts drawn from the numbers.

No network: no scripts, no external fonts, styles or images (a logo is embedded as a
``data:`` URI), so the file opens the same offline, in a mail attachment or on an
intranet. The first section (``id="ringkasan"``) is the executive summary; on paper it is
page one. It reads on a 390 px phone (tables scroll inside their box, charts scale, no
label is cut short: long labels wrap) and prints on A4 (``@media print``: header rows
repeat, page numbers in the bottom margin). Figures use a decimal comma in Indonesian.
Every string is escaped with :func:`html.escape`; text from input files was already
neutralised in the report model. Standard library only.
"""

from __future__ import annotations

import base64
import math
import textwrap
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from spbe_cli.i18n import Lang
from spbe_cli.writers.atomic import atomic_write_text
from spbe_cli.writers.report_document import (
    BandValue,
    Delta,
    Report,
    ReportChart,
    ReportTable,
    Signature,
    Value,
    band_colour,
)
from spbe_cli.writers.report_document import cell_text as _cell_text

if TYPE_CHECKING:
    from spbe_cli.views.report import ReportView

BAR_WIDTH, BAR_PLOT_HEIGHT = 560, 210
BAR_MARGIN = {"left": 36, "right": 12, "top": 24}
HBAR_ROW = 26
RADAR_WIDTH, RADAR_HEIGHT, RADAR_RADIUS = 760, 470, 160
INDEX_COLOUR, TARGET_COLOUR = "#2F5597", "#C00000"
CHAR_WIDTH, LINE_HEIGHT = 7.4, 15
HORIZONTAL_FROM = 9  # bars from which a bar chart is drawn horizontally
KEY_VALUE = {"position", "goal"}
CARDS = {"plan", "plan_opd", "trend", "moves_summary", "summary"}
"""Tables whose rows become cards on a phone: each cell under its column's name, so the
level, the gain and the index after a raise (a year's change, the remark on a change of
instrument) stay in view without scrolling sideways."""
NUM = ' class="num"'
PAGE = {
    "id": '"Halaman " counter(page) " dari " counter(pages)',
    "en": '"Page " counter(page) " of " counter(pages)',
}

STYLE = """
*{box-sizing:border-box}
body{margin:0;color:#1a1a1a;background:#fff;font:15px/1.45 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1040px;margin:0 auto;padding:16px}
header.top{display:flex;gap:16px;align-items:center}
header.top img.logo{max-height:72px;max-width:160px;width:auto;height:auto}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.25em;margin:1.4em 0 .5em;border-bottom:2px solid #2F5597;padding-bottom:2px}
h3{font-size:1.02em;margin:.2em 0 .35em;color:#2F5597}
.subtitle{color:#444;margin:0}
.made{color:#555;margin:.1em 0 0;font-size:.9em}
.answers{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:10px 22px}
.answer{min-width:0}
.answer.wide{grid-column:1/-1}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9em}
table.wide{min-width:720px}
th,td{border-bottom:1px solid #d0d0d0;padding:4px 8px;text-align:left;vertical-align:top;
overflow-wrap:break-word}
thead th{background:#D9E1F2;font-weight:600;overflow-wrap:normal}
th.num{text-align:right}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.rating{white-space:nowrap}
table.kv th{font-weight:600;background:none;width:55%}
.note{color:#444;font-size:.85em;margin:.3em 0 0}
.basis ul{margin:.2em 0;padding-left:1.2em;font-size:.9em}
.signature{display:flex;flex-wrap:wrap;justify-content:space-between;gap:16px;
margin-top:14px;break-inside:avoid}
.signature .date{flex-basis:100%;text-align:right;margin:0}
.signature div{flex:1 1 240px;text-align:center}
.signature .space{height:3.5em}
figure{margin:1em 0;break-inside:avoid}
figcaption{font-weight:600;margin-bottom:.3em}
svg{width:100%;height:auto;max-width:720px;display:block}
.chart-box{overflow-x:auto;-webkit-overflow-scrolling:touch}
svg text{font-family:inherit;font-size:13px;fill:#333}
svg text.scale{font-size:12px;fill:#666}
svg text.inside{fill:#fff}
.legend{font-size:.85em;color:#444}
.swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin:0 .3em}
.dash{display:inline-block;width:1.6em;border-top:2px dashed #C00000;vertical-align:.25em;
margin:0 .3em}
footer{margin-top:2em;color:#666;font-size:.85em}
@media (max-width:600px){
body{font-size:13px} main{padding:8px} th,td{padding:3px 4px} h1{font-size:1.35em}
.answers{grid-template-columns:1fr} svg.bar-chart{min-width:440px} svg.radar-chart{min-width:600px}
svg.bar-chart.horizontal{min-width:600px}
table.cards{min-width:0} table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid #c8d0e0;border-radius:6px;margin:0 0 8px;padding:4px 8px}
table.cards td{display:flex;gap:8px;border:0;padding:1px 0;text-align:left;white-space:normal}
table.cards td::before{content:attr(data-label);flex:0 0 38%;font-weight:600;color:#555}
table.cards td.rating{padding:1px 4px;border-radius:3px} table.cards td:empty{display:none}}
@media print{
@page{size:A4;margin:11mm 12mm 15mm;@bottom-center{content:PAGE;font-size:8.5pt;color:#555;
font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif}}
body{font-size:9pt;line-height:1.3} main{max-width:none;padding:0}
th,td{padding:2px 6px} h1{font-size:1.45em} .answers{gap:2px 18px}
.signature{margin-top:8px} .signature p{margin:.15em 0} .signature .space{height:2.6em}
svg.bar-chart,svg.radar-chart{min-width:0}
.scroll{overflow:visible} table.wide{min-width:0}
h2{break-after:avoid} h3{break-after:avoid} tr{break-inside:avoid}
#ringkasan{break-after:page} #ringkasan h2{margin-top:.6em}
.chart-page{break-before:page;break-after:page} .chart-page h2{margin-top:0}
.answers{grid-template-columns:1fr 1fr}
svg{max-width:16cm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def write(view: ReportView, path: str | Path, *, force: bool = False) -> None:
    """Write the report of ``view`` as one self-contained HTML file at ``path``
    (atomically); the writer :mod:`spbe_cli.writers.registry` names for its suffix."""
    from spbe_cli.writers.report_content import content

    write_report_html(content(view), path, force=force)


def write_report_html(report: Report, path: str | Path, *, force: bool = False) -> None:
    """Write ``report`` as one self-contained HTML file at ``path`` (atomically)."""
    atomic_write_text(path, render_html(report), force=force)


def style(lang: Lang) -> str:
    """The page's CSS, with the page-number line in ``lang``."""
    return STYLE.replace("PAGE", PAGE[lang])


def render_html(report: Report) -> str:
    """The whole page."""
    lang = report.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)} · {_e(report.subtitle)}</title>",
        f"<style>{style(lang)}</style>",
        "</head>",
        "<body><main>",
        _header(report),
    ]
    if report.front:
        parts.append(render_front(report))
    for table in report.tables:
        page = ' class="chart-page"' if table.chart_page else ""
        parts.append(f'<section id="{_e(table.key)}"{page}>')
        parts.append(f"<h2>{_e(table.title)}</h2>")
        for one in report.charts_after(table.key):
            parts.append(render_chart(one, table, lang))
        parts.append(render_table(table, lang))
        parts.append("</section>")
    parts.append(f"<footer>{_e(report.note)}</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _header(report: Report) -> str:
    logo = ""
    if report.logo is not None:
        data = base64.b64encode(report.logo.data).decode("ascii")
        logo = (
            f'<img class="logo" src="data:{report.logo.mime};base64,{data}" alt="Logo" '
            f'width="{report.logo.width}" height="{report.logo.height}">'
        )
    made = f'<p class="made">{_e(report.made)}</p>' if report.made else ""
    return (
        f'<header class="top">{logo}<div><h1>{_e(report.title)}</h1>'
        f'<p class="subtitle">{_e(report.subtitle)}</p>{made}</div></header>'
    )


def render_front(report: Report) -> str:
    """The executive summary: the four answers, the basis and the signature block."""
    lang = report.lang
    parts = [
        f'<section id="ringkasan" class="front"><h2>{_e(report.front_title)}</h2>',
        '<div class="answers">',
    ]
    for table in report.front:
        wide = "" if table.key in KEY_VALUE else " wide"
        parts.append(f'<div class="answer{wide}" id="{_e(table.key)}">')
        parts.append(f"<h3>{_e(table.title)}</h3>")
        for one in report.charts_after(table.key):
            parts.append(render_chart(one, table, lang))
        parts.append(render_table(table, lang))
        parts.append("</div>")
    parts.append("</div>")
    if report.notes:
        items = "".join(f"<li>{_e(note)}</li>" for note in report.notes)
        parts.append(f'<div class="basis"><h3>{_e(report.notes_title)}</h3><ul>{items}</ul></div>')
    if report.signature is not None:
        parts.append(render_signature(report.signature))
    parts.append("</section>")
    return "\n".join(parts)


def render_signature(signature: Signature) -> str:
    """Two places to sign, each with its label, a blank space and the name (or a line)."""
    cells = "".join(
        f'<div><p>{_e(label)}</p><div class="space"></div><p class="name">{_e(name)}</p></div>'
        for label, name in signature.columns()
    )
    return f'<div class="signature"><p class="date">{_e(signature.date_line)}</p>{cells}</div>'


def _e(text: object) -> str:
    """Escaped text (quotes too, so it is safe in attributes)."""
    return escape(str(text), quote=True)


def cell_text(value: Value, lang: Lang = "en") -> str:
    """A cell's text: figures with their decimals (comma in Indonesian), text neutralised."""
    return _cell_text(value, lang)


def _is_number(value: Value) -> bool:
    return isinstance(value, int | Decimal | Delta) and not isinstance(value, bool)


def _cell(value: Value, lang: Lang) -> str:
    text = _e(cell_text(value, lang))
    if isinstance(value, BandValue):
        return f'<td class="rating" style="background:#{band_colour(value)}">{text}</td>'
    if _is_number(value):
        return f'<td class="num">{text}</td>'
    return f"<td>{text}</td>"


def render_table(table: ReportTable, lang: Lang = "en") -> str:
    """A table in a sideways-scrolling box (a label/value table without a header row)."""
    note = f'<p class="note">{_e(table.note)}</p>' if table.note else ""
    if table.key in KEY_VALUE:
        body = "\n".join(
            f'<tr><th scope="row">{_e(cell_text(row[0], lang))}</th>'
            + "".join(_cell(v, lang) for v in row[1:])
            + "</tr>"
            for row in table.rows
        )
        return f'<div class="scroll"><table class="kv"><tbody>\n{body}\n</tbody></table></div>'
    numeric = [
        bool(table.rows) and all(_is_number(r[i]) or r[i] is None for r in table.rows)
        for i in range(len(table.header))
    ]
    head = "".join(
        f'<th scope="col"{NUM if numeric[i] else ""}>{_e(h)}</th>'
        for i, h in enumerate(table.header)
    )
    classes = (["wide"] if len(table.header) > 5 else []) + (
        ["cards"] if table.key.split(".")[0] in CARDS else []
    )
    css = f' class="{" ".join(classes)}"' if classes else ""
    if "cards" in classes:  # each cell names its column, shown on a phone
        labels = [f' data-label="{_e(h)}"' for h in table.header]
        body = "\n".join(
            "<tr>"
            + "".join(
                _cell(v, lang).replace("<td", "<td" + label, 1)
                for v, label in zip(row, labels, strict=False)
            )
            + "</tr>"
            for row in table.rows
        )
    else:
        body = "\n".join(
            "<tr>" + "".join(_cell(v, lang) for v in row) + "</tr>" for row in table.rows
        )
    return (
        f'<div class="scroll"><table{css}><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{body}\n</tbody></table></div>{note}"
    )


def _number(value: Value) -> float | None:
    if isinstance(value, Delta):
        return float(value.value)
    return float(value) if isinstance(value, int | Decimal) else None


def _legend(chart: ReportChart) -> str:
    return (
        f'<div class="legend"><span class="swatch" style="background:{INDEX_COLOUR}">'
        f'</span>{_e(chart.series[0])}<span class="dash"></span>{_e(chart.series[1])}</div>'
    )


def render_chart(chart: ReportChart, table: ReportTable, lang: Lang = "en") -> str:
    """A figure with the chart's SVG, caption and legend."""
    rows = table.rows[: chart.count]
    if chart.kind == "radar":
        svg = radar_svg(chart, rows, lang)
    elif chart.kind == "hbar" or len(rows) >= HORIZONTAL_FROM or _words_too_long(chart, rows, lang):
        svg = hbar_svg(chart, rows, lang)
    else:
        svg = bar_svg(chart, rows, lang)
    return (
        f'<figure class="chart-{_e(chart.kind)}"><figcaption>{_e(chart.title)}'
        f'</figcaption><div class="chart-box">{svg}</div>{_legend(chart)}</figure>'
    )


def _slot_chars(count: int) -> int:
    """Characters a vertical bar's label may take per line."""
    slot = (BAR_WIDTH - BAR_MARGIN["left"] - BAR_MARGIN["right"]) / max(count, 1)
    return max(6, int(slot / CHAR_WIDTH))


def _words_too_long(chart: ReportChart, rows: tuple[tuple[Value, ...], ...], lang: Lang) -> bool:
    """Whether some label has a word wider than its bar's slot (then bars go sideways)."""
    room = _slot_chars(len(rows))
    return any(
        len(word) > room
        for row in rows
        for word in cell_text(row[chart.label_column], lang).split()
    )


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters (a longer word keeps its line)."""
    return textwrap.wrap(text, max(width, 4), break_long_words=False) or [""]


def _lines(lines: list[str], x: float, y: float, anchor: str, css: str = "") -> str:
    """A multi-line SVG label: one ``tspan`` per line, the first at ``y``."""
    klass = f' class="{css}"' if css else ""
    spans = "".join(
        f'<tspan x="{x:.2f}" dy="{0 if n == 0 else LINE_HEIGHT}">{_e(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text{klass} x="{x:.2f}" y="{y:.2f}" text-anchor="{anchor}">{spans}</text>'


def _value_place(top: float, base: float, target: float) -> tuple[float, str]:
    """Where a bar's value label goes (baseline, css class): above the bar unless the
    target line runs through it, then inside the bar or clear above the line."""

    def clear(y: float) -> bool:
        return y + 3 < target - 4 or y - 12 > target + 4

    inside_ok = base - top >= 22
    candidates = [(top - 5, "")]
    if inside_ok:
        candidates.append((top + 15, "inside"))
    candidates += [(target - 7, ""), (target + 18, "inside" if target + 18 <= base else "")]
    for y, css in candidates:
        if clear(y) and (css != "inside" or top + 12 <= y <= base - 2):
            return y, css
    return top - 5, ""


def bar_svg(chart: ReportChart, rows: tuple[tuple[Value, ...], ...], lang: Lang = "en") -> str:
    """Vertical bars, height proportional to the value on a 0..high axis, a dashed target
    line, values above the bars (clear of the line) and the full labels wrapped below."""
    m = BAR_MARGIN
    plot_w = BAR_WIDTH - m["left"] - m["right"]
    plot_h = BAR_PLOT_HEIGHT
    base = m["top"] + plot_h
    slot = plot_w / max(len(rows), 1)
    per_line = _slot_chars(len(rows))
    labels = [wrap(cell_text(r[chart.label_column], lang), per_line) for r in rows]
    height = base + 10 + LINE_HEIGHT * max((len(lines) for lines in labels), default=1)

    def y(value: float) -> float:
        return base - value / chart.high * plot_h

    parts = [
        f'<svg class="bar-chart" viewBox="0 0 {BAR_WIDTH} {height:.0f}" role="img" '
        f'aria-label="{_e(chart.title)}" data-high="{chart.high}" '
        f'data-plot-height="{plot_h}" data-base="{base}">'
    ]
    parts += _grid(chart, y, m["left"], BAR_WIDTH - m["right"])
    targets: list[str] = []
    for position, row in enumerate(rows):
        left = m["left"] + position * slot
        centre = left + slot / 2
        label = cell_text(row[chart.label_column], lang)
        value = _number(row[chart.value_column])
        target_value = _number(row[chart.target_column])
        target_y = y(target_value) if target_value is not None else None
        if target_y is not None:
            targets += [f"{left:.2f},{target_y:.2f}", f"{left + slot:.2f},{target_y:.2f}"]
        text = cell_text(row[chart.value_column], lang) or "—"
        if value is not None:
            top = y(value)
            width = slot * 0.6
            parts.append(
                f'<rect class="bar" data-label="{_e(label)}" data-value="{_e(text)}" '
                f'x="{left + (slot - width) / 2:.2f}" y="{top:.2f}" width="{width:.2f}" '
                f'height="{base - top:.2f}" fill="{INDEX_COLOUR}"><title>{_e(label)}: '
                f"{_e(text)}</title></rect>"
            )
            label_y, css = _value_place(top, base, target_y if target_y is not None else -99)
        else:
            label_y, css = base - 5, ""
        klass = f' class="value {css}"' if css else ' class="value"'
        parts.append(
            f'<text{klass} x="{centre:.2f}" y="{label_y:.2f}" text-anchor="middle">'
            f"{_e(text)}</text>"
        )
        parts.append(_lines(labels[position], centre, base + 16, "middle"))
    if targets:
        parts.append(
            f'<polyline class="target" points="{" ".join(targets)}" fill="none" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _grid(chart: ReportChart, y: object, left: float, right: float) -> list[str]:
    """Horizontal grid lines with the scale's levels at the left."""
    assert callable(y)
    parts = []
    for level in range(chart.high + 1):
        at = y(level)
        parts.append(f'<line x1="{left}" x2="{right}" y1="{at:.2f}" y2="{at:.2f}" stroke="#ddd"/>')
        parts.append(
            f'<text class="scale" x="{left - 6}" y="{at + 4:.2f}" text-anchor="end">{level}</text>'
        )
    return parts


def hbar_svg(chart: ReportChart, rows: tuple[tuple[Value, ...], ...], lang: Lang = "en") -> str:
    """Horizontal bars (many agencies): full names at the left, wrapped, values at the bar
    ends clear of the dashed target marks, the scale along the top."""
    labels = [wrap(cell_text(r[chart.label_column], lang), 30) for r in rows]
    longest = max((len(line) for lines in labels for line in lines), default=4)
    left = 12 + longest * CHAR_WIDTH
    right = BAR_WIDTH + left - 140
    width = right + 48
    heights = [max(HBAR_ROW, LINE_HEIGHT * len(lines) + 8) for lines in labels]
    top = 22
    height = top + sum(heights) + 8

    def x(value: float) -> float:
        return left + value / chart.high * (right - left)

    parts = [
        f'<svg class="bar-chart horizontal" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{_e(chart.title)}" data-high="{chart.high}">'
    ]
    for level in range(chart.high + 1):
        at = x(level)
        parts.append(
            f'<line x1="{at:.2f}" x2="{at:.2f}" y1="{top - 4}" y2="{height - 8}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text class="scale" x="{at:.2f}" y="{top - 8}" text-anchor="middle">{level}</text>'
        )
    y = float(top)
    for row, lines, row_height in zip(rows, labels, heights, strict=True):
        label = cell_text(row[chart.label_column], lang)
        value = _number(row[chart.value_column])
        text = cell_text(row[chart.value_column], lang) or "—"
        middle = y + row_height / 2
        first = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
        parts.append(_lines(lines, left - 8, first, "end"))
        end = x(value) if value is not None else left
        if value is not None:
            parts.append(
                f'<rect class="bar" data-label="{_e(label)}" data-value="{_e(text)}" '
                f'x="{left:.2f}" y="{middle - 8:.2f}" width="{end - left:.2f}" height="16" '
                f'fill="{INDEX_COLOUR}"><title>{_e(label)}: {_e(text)}</title></rect>'
            )
        target = _number(row[chart.target_column])
        value_x = end + 4
        if target is not None:
            tx = x(target)
            parts.append(
                f'<line class="target" x1="{tx:.2f}" x2="{tx:.2f}" y1="{y + 2:.2f}" '
                f'y2="{y + row_height - 2:.2f}" stroke="{TARGET_COLOUR}" stroke-width="2" '
                'stroke-dasharray="4 3"/>'
            )
            if end < tx and value_x + len(text) * CHAR_WIDTH + 4 > tx:
                value_x = tx + 6
        parts.append(
            f'<text class="value" x="{value_x:.2f}" y="{middle + 4:.2f}">{_e(text)}</text>'
        )
        y += row_height
    parts.append("</svg>")
    return "".join(parts)


def _radar_point(index: int, count: int, value: float, high: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    radius = RADAR_RADIUS * value / high
    return (RADAR_WIDTH / 2 + radius * math.cos(angle), RADAR_HEIGHT / 2 + radius * math.sin(angle))


def _polygon(values: list[float], high: int) -> str:
    points = (_radar_point(i, len(values), v, high) for i, v in enumerate(values))
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in points)


def radar_svg(chart: ReportChart, rows: tuple[tuple[Value, ...], ...], lang: Lang = "en") -> str:
    """A radar: one axis per row, a ring per level numbered along the top axis, the
    values and the target as polygons, full labels wrapped beside each axis."""
    count = len(rows)
    values = [_number(r[chart.value_column]) or 0.0 for r in rows]
    targets = [_number(r[chart.target_column]) or 0.0 for r in rows]
    centre_x, centre_y = RADAR_WIDTH / 2, RADAR_HEIGHT / 2
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
            f'<line x1="{centre_x}" y1="{centre_y}" x2="{x:.2f}" y2="{y:.2f}" stroke="#ccc"/>'
        )
        parts.append(_radar_label(i, count, chart, row, lang))
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
            f'<circle class="point" data-value="{_e(cell_text(row[chart.value_column], lang))}"'
            f' cx="{x:.2f}" cy="{y:.2f}" r="3.5" fill="{INDEX_COLOUR}"/>'
        )
    for level in range(chart.high + 1):  # the scale, over the polygons
        y = centre_y - RADAR_RADIUS * level / chart.high
        parts.append(
            f'<text class="scale" x="{centre_x + 4:.2f}" y="{y - 2:.2f}" '
            f'text-anchor="start">{level}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _radar_label(i: int, count: int, chart: ReportChart, row: tuple[Value, ...], lang: Lang) -> str:
    x, y = _radar_point(i, count, chart.high * 1.1, chart.high)
    centre_x, centre_y = RADAR_WIDTH / 2, RADAR_HEIGHT / 2
    anchor = "middle" if abs(x - centre_x) < 1 else ("start" if x > centre_x else "end")
    label = cell_text(row[chart.label_column], lang)
    value = cell_text(row[chart.value_column], lang)
    room = (RADAR_WIDTH / 2 - RADAR_RADIUS * 1.1 - 8) / CHAR_WIDTH
    lines = wrap(f"{label} ({value})", int(room) if anchor != "middle" else 36)
    if y < centre_y - 20:
        first = y - (len(lines) - 1) * LINE_HEIGHT
    elif y > centre_y + 20:
        first = y + 10
    else:
        first = y - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
    return _lines(lines, x, first, anchor)
