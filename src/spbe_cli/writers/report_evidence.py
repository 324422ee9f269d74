"""The report's evidence section: the claims the evidence does not support, and the risk."""

from __future__ import annotations

from spbe_cli import glossary
from spbe_cli.evidence.model import EvidenceReport
from spbe_cli.exact import fixed
from spbe_cli.i18n import Lang, Text
from spbe_cli.writers.report_document import ReportTable, Value, fine, ident, level_cell, safe

L = {
    "title": glossary.EVIDENCE_READINESS,
    "no": glossary.NO,
    "indicator": glossary.INDICATOR,
    "opd": glossary.OPD,
    "claimed": glossary.CLAIM,
    "supported": glossary.EVIDENCED,
    "missing": glossary.LEVELS_WITHOUT_EVIDENCE,
    "risk": Text("Risiko (poin indeks)", "Risk (index points)"),
    "note": Text(
        "{index} menurut klaim {claimed}, menurut bukti {evidenced}: {risk} poin berisiko "
        "({count} indikator). Klaim tanpa bukti diturunkan asesor; lengkapi sebelum "
        "pengiriman.",
        "{index} as claimed {claimed}, as evidenced {evidenced}: {risk} points at risk "
        "({count} indicators). The assessor lowers a claim without evidence; complete it "
        "before submitting.",
    ),
    "partial": Text(
        " Sebagian saja: {why}; berkas sisanya tidak diperiksa, jadi indeks menurut bukti "
        "hanya batas bawah.",
        " Partial: {why}; the remaining files were not checked, so the evidenced index is "
        "only a lower bound.",
    ),
}


def evidence_table(report: EvidenceReport, lang: Lang) -> ReportTable:
    """The indicators whose claim the evidence does not fully support, largest risk first."""
    fw = report.claimed.framework
    places = fw.rounding.places
    rows: list[tuple[Value, ...]] = []
    at_risk = sorted((r for r in report.rows if r.at_risk), key=lambda r: -r.risk)
    for row in at_risk:
        rows.append(
            (
                ident(row.id),
                safe(fw.indicator_by_id[row.id].short_label(lang)),
                safe(row.opd),
                level_cell(row.claimed) if row.claimed is not None else None,
                level_cell(row.supported) if row.supported is not None else None,
                ", ".join(str(n) for n in row.missing_levels),
                fine(row.risk),
            )
        )
    header = tuple(
        L[k].get(lang)
        for k in ("no", "indicator", "opd", "claimed", "supported", "missing", "risk")
    )
    note = (
        L["note"]
        .format(
            index=fw.index_label(lang),
            claimed=fixed(report.claimed_published, places, lang),
            evidenced=fixed(report.evidenced_published, places, lang),
            risk=fixed(report.risk, places + 2, lang),
            count=len(at_risk),
        )
        .get(lang)
    )
    if report.partial and report.scan is not None:
        note += L["partial"].format(why=report.scan.partial_text().get(lang)).get(lang)
    title = L["title"].get(lang)
    if report.partial:
        title += Text(" (sebagian)", " (partial)").get(lang)
    return ReportTable(
        "evidence", title, title[:31], header, tuple(rows), freeze_columns=2, note=note
    )
