"""The words of ``spbe framework`` output (list, show, test), Indonesian and English, and the
one-line messages ``validate`` and ``test`` say on stderr."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spbe_cli import glossary
from spbe_cli.framework import Framework, format_exact
from spbe_cli.i18n import Lang, Text

if TYPE_CHECKING:
    from spbe_cli.framework.cases import CasesReport

L = {
    "list": Text("Kerangka bawaan", "Bundled frameworks"),
    "id": Text("Id", "Id"),
    "title": Text("Judul", "Title"),
    "indicators": glossary.INDICATORS,
    "applies_from": Text("Berlaku sejak", "Applies from"),
    "years": Text("Tahun evaluasi", "Evaluation years"),
    "status": Text("Status", "Status"),
    "official": Text("resmi", "official"),
    "provisional": Text("sementara", "provisional"),
    "sources": Text("Sumber sekunder", "Secondary sources"),
    "note": glossary.NOTE,
    "index_name": Text("Nama indeks", "Index name"),
    "external": Text("eksternal, bawaan {value}: {source}", "external, default {value}: {source}"),
    "no": glossary.NO,
    "name": glossary.NAME,
    "weight": glossary.WEIGHT,
    "type": Text("Jenis", "Type"),
    "level": glossary.LEVEL,
    "rating": glossary.RATING,
    "range": glossary.INDEX_RANGE,
    "source": glossary.SOURCE,
    "applies": Text("Berlaku mulai evaluasi", "Applies from evaluation"),
    "scale": Text("Skala level", "Level scale"),
    "rounding": Text("Pembulatan", "Rounding"),
    "target": glossary.TARGET,
    "case": Text("Kasus", "Case"),
    "result": Text("Hasil", "Result"),
    "index": glossary.INDEX,
    "pass": Text("LULUS", "PASS"),
    "fail": Text("GAGAL", "FAIL"),
}


def label(key: str, lang: Lang) -> str:
    """A label in ``lang``."""
    return L[key].get(lang)


def rounding_text(fw: Framework, lang: Lang) -> str:
    """The rounding rule in words: places, half up, and what the rating is read from."""
    rounding = fw.rounding
    basis = {
        ("rounded", "id"): "predikat dari angka yang dibulatkan",
        ("rounded", "en"): "rating read from the rounded figure",
        ("exact", "id"): "predikat dari angka eksak",
        ("exact", "en"): "rating read from the exact figure",
    }[(rounding.rating_basis, lang)]
    mode = "setengah ke atas" if lang == "id" else "half up"
    places = f"{rounding.places} desimal" if lang == "id" else f"{rounding.places} decimals"
    return f"{places}, {mode}; {basis}"


def tier_counts(fw: Framework) -> dict[str, int]:
    """How many nodes each tier holds, by tier key (``{"aspects": 7, "indicators": 20}``)."""
    counts = {
        tier.key: len(nodes) for tier, nodes in zip(fw.group_tiers, fw.tier_nodes, strict=False)
    }
    counts[fw.leaf_tier.key] = len(fw.indicators)
    return counts


def ok_text(fw: Framework) -> Text:
    """The one line ``spbe framework validate`` says for a valid framework."""
    counts = tier_counts(fw)
    total = format_exact(fw.total_weight)
    parts_id = ", ".join(f"{counts[t.key]} {t.name.lower()}" for t in fw.tiers)
    parts_en = ", ".join(
        f"{counts[t.key]} {(t.plural_en or t.name_en or t.name).lower()}" for t in fw.tiers
    )
    return Text(
        f"OK: {parts_id}, bobot berjumlah {total} ({fw.id})",
        f"OK: {parts_en}, weights add up to {total} ({fw.id})",
    )


def summary_text(report: CasesReport) -> Text:
    """``3 of 4 cases pass, 1 fail (framework)``."""
    total = len(report.cases)
    return Text(
        f"{report.passed} dari {total} kasus lulus, {report.failed} gagal ({report.framework.id})",
        f"{report.passed} of {total} cases pass, {report.failed} fail ({report.framework.id})",
    )
