"""The evidence report as data: JSON, CSV and Markdown (``spbe evidence --format``);
renderers of :mod:`spbe_cli.render.registry`, the terminal view is in
:mod:`spbe_cli.render.evidence`.

JSON keys (stable; ``schema`` is ``spbe-evidence/1``). Numbers follow the score
document: a JSON number (published figures rounded as the framework says, values up to
4 decimals) beside an exact string ``*_exact`` (``"1.26"``, ``"10/3"``).

- top level: ``schema``, ``framework``, ``agency``, ``year``, ``track`` (the track whose
  claims were checked: ``--track``, else the self-assessment, else the scored track),
  ``column`` (the header it was read from, or ``null``), ``claims`` (that in words),
  ``claimed_index``, ``claimed_index_exact``, ``claimed_band``, ``evidenced_index``,
  ``evidenced_index_exact``, ``evidenced_band``, ``evidenced_partial`` (``true`` when the
  folder scan stopped or a folder could not be read: the evidenced index is then only a
  lower bound), ``risk``, ``risk_exact``, ``scan``, ``items``, ``indicators``,
  ``findings``, ``opds``;
- ``scan``: ``root``, ``files``, ``valid_pdfs`` (files passing the PDF check), ``kinds``
  (count by kind), ``capped`` (``null``, ``"entries"`` or ``"depth"``), ``complete``,
  ``entries_seen``, ``unreadable_folders``, ``partial`` (why, in words, or ``null``);
  ``null`` without a folder;
- ``items``: the item list's file name, or ``null``;
- ``indicators[]``: ``id``, ``name``, ``opd``, ``claimed``, ``claimed_exact``,
  ``supported``, ``supported_exact``, ``evidenced_levels``, ``missing_levels``, ``files``,
  ``basis``, ``accepted_level``, ``blockers`` (``code``, ``level``, ``status``, ``note``,
  ``opd``, ``place``), ``risk``, ``risk_exact``;
- ``findings[]``: ``code``, ``place``, ``message``, ``indicator``, ``opd``;
- ``opds[]``: ``opd``, ``indicators``, ``at_risk``, ``missing_levels``, ``findings``,
  ``risk``, ``risk_exact``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from spbe_cli.evidence.model import EvidenceReport, IndicatorRow
from spbe_cli.exact import format_exact
from spbe_cli.framework import Value
from spbe_cli.i18n import Lang
from spbe_cli.render.formats import SCHEMA_VERSION, csv_text
from spbe_cli.render.json_parts import dumps_json

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.evidence import EvidenceView

SCHEMA = "spbe-evidence/1"

CSV_HEADER = (
    "id",
    "name",
    "opd",
    "claimed",
    "supported",
    "evidenced_levels",
    "missing_levels",
    "files",
    "basis",
    "accepted_level",
    "blockers",
    "risk",
    "scan_complete",
)
"""The columns of :func:`csv_rows` (one row per indicator); ``scan_complete`` is ``false``
on every row when the folder scan was partial (``supported`` is then a lower bound)."""


def _number(value: Value | Decimal | None, places: int = 4) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return value.numerator
        value = round(Decimal(value.numerator) / Decimal(value.denominator), places)
    return float(value)


def _exact(value: Value | None) -> str | None:
    return None if value is None else format_exact(value)


def _levels(levels: tuple[int, ...]) -> str:
    return " ".join(map(str, levels))


def _row_dict(row: IndicatorRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "opd": row.opd,
        "claimed": _number(row.claimed),
        "claimed_exact": _exact(row.claimed),
        "supported": _number(row.supported),
        "supported_exact": _exact(row.supported),
        "evidenced_levels": list(row.evidenced_levels),
        "missing_levels": list(row.missing_levels),
        "files": list(row.files),
        "basis": row.basis,
        "accepted_level": row.accepted_level,
        "blockers": [
            {
                "code": b.code,
                "level": b.level,
                "status": b.status,
                "note": b.note,
                "opd": b.opd,
                "place": b.place,
            }
            for b in row.blockers
        ],
        "risk": _number(row.risk),
        "risk_exact": format_exact(row.risk),
    }


def to_dict(report: EvidenceReport, lang: Lang = "id") -> dict[str, Any]:
    """The report as JSON-ready data (keys in the module docstring); messages in ``lang``."""
    framework = report.claimed.framework
    scan = report.scan
    return {
        "schema": SCHEMA,
        "framework": report.framework,
        "agency": report.agency,
        "year": report.year,
        "track": report.track,
        "column": report.column,
        "claims": report.claim_text().get(lang),
        "claimed_index": _number(report.claimed_published),
        "claimed_index_exact": format_exact(report.claimed_index),
        "claimed_band": report.claimed.band.label(lang),
        "evidenced_index": _number(report.evidenced_published),
        "evidenced_index_exact": format_exact(report.evidenced_index),
        "evidenced_band": report.evidenced.band.label(lang),
        "evidenced_partial": report.partial,
        "risk": _number(framework.publish(report.risk)),
        "risk_exact": format_exact(report.risk),
        "scan": None
        if scan is None
        else {
            "root": scan.root,
            "files": scan.files,
            "valid_pdfs": scan.valid_pdfs,
            "kinds": dict(sorted(scan.kinds.items())),
            "capped": scan.capped,
            "complete": scan.complete,
            "entries_seen": scan.entries_seen,
            "unreadable_folders": scan.unreadable_folders,
            "partial": None if scan.complete else scan.partial_text().get(lang),
        },
        "items": report.items_source,
        "indicators": [_row_dict(r) for r in report.rows],
        "findings": [
            {
                "code": f.code,
                "place": f.place,
                "message": f.text.get(lang),
                "indicator": f.indicator,
                "opd": f.opd,
            }
            for f in report.findings
        ],
        "opds": [
            {
                "opd": o.opd,
                "indicators": list(o.indicators),
                "at_risk": list(o.at_risk),
                "missing_levels": o.missing_levels,
                "findings": o.findings,
                "risk": _number(o.risk),
                "risk_exact": format_exact(o.risk),
            }
            for o in report.opds
        ],
    }


def csv_rows(report: EvidenceReport) -> list[list[str]]:
    """:data:`CSV_HEADER` and one row per indicator (exact values as text; lists joined
    by spaces, files and blockers by ``; ``)."""
    rows: list[list[str]] = [list(CSV_HEADER)]
    complete = "false" if report.partial else "true"
    for r in report.rows:
        rows.append(
            [
                r.id,
                r.name,
                r.opd or "",
                _exact(r.claimed) or "",
                _exact(r.supported) or "",
                _levels(r.evidenced_levels),
                _levels(r.missing_levels),
                "; ".join(r.files),
                r.basis,
                "" if r.accepted_level is None else str(r.accepted_level),
                "; ".join(
                    f"{b.code} {b.status}" + (f": {b.note}" if b.note else "") for b in r.blockers
                ),
                format_exact(r.risk),
                complete,
            ]
        )
    return rows


_LABELS = {
    "title": ("Kesiapan bukti dukung", "Evidence readiness"),
    "claimed": ("Indeks klaim", "Claimed index"),
    "evidenced": ("Indeks terbukti", "Evidenced index"),
    "risk": ("Berisiko", "At risk"),
    "head": (
        "| Indikator | OPD | Klaim | Didukung | Level tanpa bukti | Risiko |",
        "| Indicator | OPD | Claimed | Supported | Levels missing | Risk |",
    ),
    "findings": ("Temuan", "Findings"),
    "opds": ("Per OPD", "By OPD"),
    "opd_head": (
        "| OPD | Indikator berisiko | Level tanpa bukti | Risiko |",
        "| OPD | Indicators at risk | Levels missing | Risk |",
    ),
    "none": ("Semua klaim didukung bukti.", "Every claim is supported by evidence."),
    "partial": ("sebagian", "partial"),
    "partial_note": (
        "Perhatian: {why}; sisanya tidak diperiksa, jadi indeks menurut bukti hanya batas bawah.",
        "Warning: {why}; the rest was not checked, so the evidenced index is only a lower bound.",
    ),
}


def _label(key: str, lang: Lang) -> str:
    ind, eng = _LABELS[key]
    return eng if lang == "en" else ind


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_lines(report: EvidenceReport, lang: Lang = "id") -> list[str]:
    """A Markdown summary: the indices, the indicators short of their claim, the findings
    and the per-OPD table."""
    fw = report.claimed.framework

    def fixed(value: Fraction) -> str:
        text = str(fw.publish(value))
        return text.replace(".", ",") if lang == "id" else text

    who = " ".join(p for p in (report.agency or "", str(report.year or "")) if p)
    lines = [
        f"# {_label('title', lang)}" + (f": {who}" if who else ""),
        "",
        _cell(report.claim_text().get(lang)) + ".",
        "",
    ]
    lines.append(
        f"- {_label('claimed', lang)}: {fixed(report.claimed_index)} "
        f"({report.claimed.band.label(lang)})"
    )
    partial = f", {_label('partial', lang)}" if report.partial else ""
    lines.append(
        f"- {_label('evidenced', lang)}: {fixed(report.evidenced_index)} "
        f"({report.evidenced.band.label(lang)}{partial})"
    )
    lines.append(f"- {_label('risk', lang)}: {fixed(report.risk)}")
    lines.append("")
    if report.partial and report.scan is not None:
        why = report.scan.partial_text().get(lang)
        lines += [f"> {_cell(_label('partial_note', lang).format(why=why))}", ""]
    short = [r for r in report.rows if r.missing_levels]
    if not short:
        lines.append(_label("none", lang))
    else:
        lines.append(_label("head", lang))
        lines.append("|---|---|---|---|---|---|")
        for r in short:
            lines.append(
                f"| {r.id} {_cell(r.name)} | {_cell(r.opd or '-')} | {_exact(r.claimed)} | "
                f"{_exact(r.supported)} | {_levels(r.missing_levels)} | {fixed(r.risk)} |"
            )
    if report.findings:
        lines += ["", f"## {_label('findings', lang)}", ""]
        lines += [
            f"- `{f.code}` {_cell(f.place)}: {_cell(f.text.get(lang))}" for f in report.findings
        ]
    if report.opds:
        lines += [
            "",
            f"## {_label('opds', lang)}",
            "",
            _label("opd_head", lang),
            "|---|---|---|---|",
        ]
        for o in report.opds:
            lines.append(
                f"| {_cell(o.opd or '-')} | {', '.join(o.at_risk) or '-'} | "
                f"{o.missing_levels} | {fixed(o.risk)} |"
            )
    return lines


def write_json(view: EvidenceView, sink: Sink) -> None:
    """``spbe evidence --format json``: :func:`to_dict` under ``schema_version``."""
    sink.text(dumps_json({"schema_version": SCHEMA_VERSION, **to_dict(view.report, sink.lang)}))


def write_csv(view: EvidenceView, sink: Sink) -> None:
    """``spbe evidence --format csv``: :func:`csv_rows`."""
    rows = csv_rows(view.report)
    sink.text(csv_text(rows[0], rows[1:]))


def write_markdown(view: EvidenceView, sink: Sink) -> None:
    """``spbe evidence --format markdown``: :func:`markdown_lines`."""
    sink.text("\n".join(markdown_lines(view.report, sink.lang)) + "\n")
