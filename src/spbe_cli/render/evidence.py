"""Evidence readiness for people at a terminal (rich). Computes nothing: it shows an
:class:`~spbe_cli.views.evidence.EvidenceView`; the same report as data is in
:mod:`spbe_cli.render.evidence_data`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli import glossary
from spbe_cli.exact import value_text
from spbe_cli.i18n import Lang, Text
from spbe_cli.render.common import band_style, fmt, indicator_name, signed

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.evidence import EvidenceView

L = {
    "title": glossary.EVIDENCE_READINESS,
    "claimed": Text("Diklaim", "Claimed"),
    "evidenced": glossary.EVIDENCED,
    "risk": Text("berisiko", "at risk"),
    "rows": Text("Klaim yang belum didukung bukti", "Claims without full evidence"),
    "no": glossary.NO,
    "name": glossary.INDICATOR,
    "opd": glossary.OPD,
    "claim": glossary.CLAIM,
    "supported": Text("Didukung", "Supported"),
    "missing": glossary.LEVELS_WITHOUT_EVIDENCE,
    "cost": Text("Risiko", "Risk"),
    "by_opd": glossary.BY_OPD,
    "indicators": glossary.INDICATORS,
    "at_risk": Text("Berisiko", "At risk"),
    "findings": Text("Temuan", "Findings"),
    "quiet": Text(
        "{n} OPD lain: semua klaim didukung bukti", "{n} other OPDs: every claim evidenced"
    ),
    "none": Text("Semua klaim didukung bukti.", "Every claim is backed by evidence."),
    "no_opd": glossary.NO_OPD,
    "scan": Text(
        "{files} berkas diperiksa, {pdfs} PDF sah", "{files} files checked, {pdfs} valid PDFs"
    ),
    "partial": Text("(sebagian)", "(partial)"),
    "partial_note": Text(
        "{why}: sisanya tidak diperiksa, jadi indeks menurut bukti hanya batas bawah",
        "{why}: the rest was not checked, so the evidenced index is only a lower bound",
    ),
}


def show(view: EvidenceView, sink: Sink) -> None:
    """``spbe evidence`` at a terminal."""
    sink.console().print(evidence_view(view, sink.lang))


def evidence_view(view: EvidenceView, lang: Lang, limit: int = 30) -> RenderableType:
    """The two indices, the claims that will not stand, per OPD, then the findings."""
    report = view.report
    claimed, evidenced = report.claimed, report.evidenced
    fw = claimed.framework
    places = fw.rounding.places
    head = RichText(
        f"{L['title'].get(lang)} · {report.agency or ''} {report.year or ''}", style="bold"
    )
    line = RichText(f"{claimed.framework.index_label(lang)} ")
    line.append(f"{L['claimed'].get(lang)} {fmt(claimed.published, places, lang)} ")
    line.append(claimed.band.label(lang), style=band_style(claimed, claimed.band))
    partial = f"{L['partial'].get(lang)} " if report.partial else ""
    line.append(f" → {L['evidenced'].get(lang)} {partial}{fmt(evidenced.published, places, lang)} ")
    line.append(evidenced.band.label(lang), style=band_style(evidenced, evidenced.band))
    line.append(
        f" ({signed(-report.risk, places, lang)} {L['risk'].get(lang)})",
        style="bold red" if report.risk else "green",
    )
    parts: list[RenderableType] = [head, line, RichText(report.claim_text().get(lang))]
    if report.scan is not None:
        parts.append(
            RichText(
                L["scan"].format(files=report.scan.files, pdfs=report.scan.valid_pdfs).get(lang),
                style="dim",
            )
        )
        if report.partial:
            why = report.scan.partial_text().get(lang)
            note = L["partial_note"].format(why=why).get(lang)
            parts.append(RichText(note[:1].upper() + note[1:], style="bold yellow"))
    rows = view.at_risk
    if not rows:
        parts.append(RichText(L["none"].get(lang), style="green"))
    else:
        table = Table(title=L["rows"].get(lang), title_justify="left", title_style="bold")
        for key in ("no", "name", "opd", "claim", "supported", "missing", "cost"):
            right = key in ("no", "claim", "supported", "cost")
            table.add_column(L[key].get(lang), justify="right" if right else "left")
        for row in rows[:limit]:
            table.add_row(
                RichText(row.id),
                RichText(indicator_name(fw.indicator_by_id[row.id], lang)),
                RichText(row.opd or ""),
                value_text(row.claimed, lang) if row.claimed is not None else "",
                value_text(row.supported, lang) if row.supported is not None else "",
                ", ".join(str(n) for n in row.missing_levels),
                fmt(row.risk, 4, lang),
            )
        parts.append(table)
    if report.opds:
        table = Table(title=L["by_opd"].get(lang), title_justify="left", title_style="bold")
        for key in ("opd", "indicators", "at_risk", "findings", "cost"):
            table.add_column(L[key].get(lang), justify="left" if key == "opd" else "right")
        quiet = [o for o in report.opds if not o.at_risk and not o.findings]
        for opd in report.opds:
            if opd in quiet:
                continue
            table.add_row(
                RichText(opd.opd or L["no_opd"].get(lang)),
                str(len(opd.indicators)),
                str(len(opd.at_risk)),
                str(opd.findings),
                fmt(opd.risk, 4, lang),
            )
        if quiet:
            table.caption = L["quiet"].format(n=len(quiet)).get(lang)
        parts.append(table)
    if report.findings:
        parts.append(RichText(f"{L['findings'].get(lang)}:", style="bold"))
        for finding in report.findings[:limit]:
            place = f"{finding.place}: " if finding.place else ""
            parts.append(RichText(f"  {place}{finding.text.get(lang)}", style="yellow"))
        if len(report.findings) > limit:
            parts.append(RichText(f"  ... +{len(report.findings) - limit}", style="dim"))
    return Group(*parts)
