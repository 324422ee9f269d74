"""Frameworks and golden-cases reports for people (rich) and scripts (JSON, CSV, Markdown).

Everything shown comes from :mod:`spbe_cli.framework` and :mod:`spbe_cli.cases`; this
module only lays it out. Weights are printed exactly (``10/3`` stays a fraction); JSON
carries numbers with the exact text beside them (``weight`` and ``weight_exact``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli.cases import CasesReport
from spbe_cli.framework import Framework, format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.render.data import csv_text, markdown_table, number
from spbe_cli.render.table import weight_text

L = {
    "list": Text("Kerangka bawaan", "Bundled frameworks"),
    "domain": Text("domain", "domain"),
    "aspect": Text("aspek", "aspect"),
    "indicator": Text("indikator", "indicator"),
    "id": Text("Id", "Id"),
    "title": Text("Judul", "Title"),
    "indicators": Text("Indikator", "Indicators"),
    "applies_from": Text("Berlaku sejak", "Applies from"),
    "no": Text("No", "No"),
    "name": Text("Nama", "Name"),
    "weight": Text("Bobot", "Weight"),
    "type": Text("Jenis", "Type"),
    "level": Text("Level", "Level"),
    "rating": Text("Predikat", "Rating"),
    "range": Text("Rentang indeks", "Index range"),
    "source": Text("Sumber", "Source"),
    "applies": Text("Berlaku mulai evaluasi", "Applies from evaluation"),
    "scale": Text("Skala level", "Level scale"),
    "rounding": Text("Pembulatan", "Rounding"),
    "target": Text("Target", "Target"),
    "case": Text("Kasus", "Case"),
    "result": Text("Hasil", "Result"),
    "index": Text("Indeks", "Index"),
    "pass": Text("LULUS", "PASS"),
    "fail": Text("GAGAL", "FAIL"),
}

# Column keys of ``spbe framework list`` in CSV and Markdown (scripts parse them).
LIST_HEADER = ["id", "title", "indicators", "applies_from"]
# Column keys of ``spbe framework show`` in CSV and Markdown.
TREE_HEADER = ["kind", "id", "parent", "name", "weight", "type"]

_INDENT = {"domain": "", "aspect": "  ", "indicator": "    "}
_STYLE = {"domain": "bold", "aspect": "cyan", "indicator": ""}


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


def ok_text(fw: Framework) -> Text:
    """The one line ``spbe framework validate`` says for a valid framework."""
    d, a, i = len(fw.domains), len(fw.aspects), len(fw.indicators)
    total = format_exact(fw.total_weight)
    return Text(
        f"OK: {d} domain, {a} aspek, {i} indikator, bobot berjumlah {total} ({fw.id})",
        f"OK: {d} domains, {a} aspects, {i} indicators, weights add up to {total} ({fw.id})",
    )


def simple_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], title: str | None = None
) -> Table:
    """A plain rich table: bold header, every value as text (``None`` left empty)."""
    table = Table(show_header=True, header_style="bold", title=title)
    for column in header:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


# -- list -------------------------------------------------------------------------------------


def list_rows(frameworks: Sequence[Framework], lang: Lang) -> list[list[object]]:
    """``id, title, indicators, applies_from`` per framework."""
    return [[fw.id, fw.label(lang), len(fw.indicators), fw.applies_from or ""] for fw in frameworks]


def list_table(frameworks: Sequence[Framework], lang: Lang) -> Table:
    """The bundled frameworks as a rich table with headers in ``lang``."""
    header = [label(key, lang) for key in ("id", "title", "indicators", "applies_from")]
    return simple_table(header, list_rows(frameworks, lang), label("list", lang))


def summary_dict(fw: Framework) -> dict[str, Any]:
    """A framework's identity and size as JSON-ready data."""
    return {
        "id": fw.id,
        "title": fw.title,
        "title_en": fw.title_en,
        "indicators": len(fw.indicators),
        "domains": len(fw.domains),
        "aspects": len(fw.aspects),
        "applies_from": fw.applies_from,
        "scale": {"min": fw.scale.min, "max": fw.scale.max},
    }


def list_dict(frameworks: Sequence[Framework]) -> dict[str, Any]:
    """``spbe framework list`` as JSON-ready data."""
    return {"frameworks": [summary_dict(fw) for fw in frameworks]}


# -- show -------------------------------------------------------------------------------------


def tree_rows(fw: Framework, lang: Lang) -> list[list[object]]:
    """``kind, id, parent, name, weight, type`` for every domain, aspect and indicator."""
    rows: list[list[object]] = []
    for domain in fw.domains:
        rows.append(["domain", domain.id, "", domain.label(lang), weight_text(domain.weight), ""])
        for aspect in domain.aspects:
            rows.append(
                ["aspect", aspect.id, domain.id, aspect.label(lang), weight_text(aspect.weight), ""]
            )
            for item in aspect.indicators:
                rows.append(
                    [
                        "indicator",
                        item.id,
                        aspect.id,
                        item.label(lang),
                        weight_text(item.weight),
                        item.type,
                    ]
                )
    return rows


def tree_csv(fw: Framework, lang: Lang) -> str:
    """Every domain, aspect and indicator as CSV (:data:`TREE_HEADER` columns)."""
    return csv_text(TREE_HEADER, tree_rows(fw, lang))


def band_rows(fw: Framework, lang: Lang) -> list[list[object]]:
    """``predikat, range`` per band, lowest first (``1.8 – < 2.6``; the top ends ``– 5``)."""
    rows: list[list[object]] = []
    for pos, band in enumerate(fw.bands):
        upper = "" if pos == len(fw.bands) - 1 else "< "
        text = f"{format_exact(band.min)} – {upper}{format_exact(band.max)}"
        rows.append([band.label(lang), text])
    return rows


def band_header(lang: Lang) -> list[str]:
    """The header of :func:`band_rows`."""
    return [label("rating", lang), label("range", lang)]


def level_rows(fw: Framework, lang: Lang) -> tuple[list[str], list[list[object]]]:
    """A column per capability type, a row per level: the level names."""
    types = fw.scale.types
    header = [label("level", lang)] + [
        f"{pick(lang, t.name, t.name_en)} ({k})" for k, t in types.items()
    ]
    rows: list[list[object]] = []
    for level in fw.scale.levels:
        names = [types[k].levels[level] for k in types]
        rows.append([level, *(pick(lang, n.name, n.name_en) for n in names)])
    return header, rows


def facts(fw: Framework, lang: Lang) -> list[tuple[str, str]]:
    """``(label, value)`` lines: id, source, first year, scale, rounding, target."""
    return [
        ("id", fw.id),
        (label("source", lang), fw.source),
        (label("applies", lang), str(fw.applies_from or "-")),
        (label("scale", lang), f"{fw.scale.min}-{fw.scale.max}"),
        (label("rounding", lang), rounding_text(fw, lang)),
        (
            label("target", lang),
            f"{format_exact(fw.target)} ({fw.band_for(fw.target).label(lang)})",
        ),
    ]


def framework_dict(fw: Framework) -> dict[str, Any]:
    """The whole framework as JSON-ready data; weights as numbers and exact text."""

    def weighted(node: Any) -> dict[str, Any]:
        return {
            "id": node.id,
            "name": node.name,
            "name_en": node.name_en,
            "weight": number(node.weight),
            "weight_exact": format_exact(node.weight),
        }

    return {
        "id": fw.id,
        "title": fw.title,
        "title_en": fw.title_en,
        "source": fw.source,
        "applies_from": fw.applies_from,
        "scale": fw.scale.model_dump(mode="json"),
        "bands": [
            {
                "name": b.name,
                "name_en": b.name_en,
                "min": format_exact(b.min),
                "max": format_exact(b.max),
            }
            for b in fw.bands
        ],
        "rounding": fw.rounding.model_dump(mode="json"),
        "target": format_exact(fw.target),
        "domains": [
            {
                **weighted(d),
                "aspects": [
                    {
                        **weighted(a),
                        "indicators": [{**weighted(i), "type": i.type} for i in a.indicators],
                    }
                    for a in d.aspects
                ],
            }
            for d in fw.domains
        ],
    }


def framework_markdown(fw: Framework, lang: Lang) -> str:
    """The framework as Markdown: title, facts, the tree, level names and bands."""
    level_header, levels = level_rows(fw, lang)
    parts = [
        f"# {fw.label(lang)}\n",
        "\n".join(f"- {key}: {value}" for key, value in facts(fw, lang)) + "\n",
        markdown_table(TREE_HEADER, tree_rows(fw, lang)),
        markdown_table(level_header, levels),
        markdown_table(band_header(lang), band_rows(fw, lang)),
    ]
    return "\n".join(parts)


def tree_table(fw: Framework, lang: Lang) -> Table:
    """Domains > aspects > indicators, indented, with weight and capability type."""
    weight = label("weight", lang)
    table = Table(show_header=True, header_style="bold")
    for column in (label("no", lang), label("name", lang), weight, label("type", lang)):
        table.add_column(column, justify="right" if column == weight else "left")
    for kind, node_id, _, name, node_weight, ctype in tree_rows(fw, lang):
        indent = _INDENT[str(kind)]
        number_text = f"{indent}{label(str(kind), lang)} {node_id}"
        table.add_row(
            number_text, f"{indent}{name}", str(node_weight), str(ctype), style=_STYLE[str(kind)]
        )
    return table


def framework_view(fw: Framework, lang: Lang) -> Group:
    """The framework for a terminal: title, facts, the tree, level names and bands."""
    level_header, levels = level_rows(fw, lang)
    parts: list[RenderableType] = [RichText(fw.label(lang), style="bold")]
    parts.extend(RichText(f"{key}: {value}") for key, value in facts(fw, lang))
    parts.append(tree_table(fw, lang))
    parts.append(simple_table(level_header, levels))
    parts.append(simple_table(band_header(lang), band_rows(fw, lang)))
    return Group(*parts)


# -- golden cases report ----------------------------------------------------------------------


def report_header(lang: Lang) -> list[str]:
    """The header of :func:`report_rows`."""
    return [label(k, lang) for k in ("case", "result", "index", "rating")]


def report_rows(report: CasesReport, lang: Lang) -> list[list[object]]:
    """``case, result, index, rating`` per case."""
    return [
        [
            case.name,
            label("pass" if case.passed else "fail", lang),
            str(case.result.published),
            case.result.band.label(lang),
        ]
        for case in report.cases
    ]


def failure_lines(report: CasesReport, lang: Lang) -> list[str]:
    """Every broken expectation: ``case: index expected 3.28, got 3.27``."""
    return [m.render(c.name, lang) for c in report.cases for m in c.mismatches]


def failures_markdown(report: CasesReport, lang: Lang) -> str:
    """The broken expectations as a Markdown list after a blank line, or ``""``."""
    lines = failure_lines(report, lang)
    return "\n" + "".join(f"- {line}\n" for line in lines) if lines else ""


def report_view(report: CasesReport, lang: Lang) -> Group:
    """The cases report for a terminal: a row per case, then the failures in red."""
    parts: list[RenderableType] = [simple_table(report_header(lang), report_rows(report, lang))]
    parts.extend(RichText(line, style="red") for line in failure_lines(report, lang))
    return Group(*parts)


def report_dict(report: CasesReport, lang: Lang) -> dict[str, Any]:
    """The cases report as JSON-ready data, every failure with expected and got."""
    return {
        "framework": report.framework.id,
        "cases_file": report.source,
        "passed": report.passed,
        "failed": report.failed,
        "cases": [
            {
                "name": case.name,
                "passed": case.passed,
                "index": number(case.result.published),
                "index_exact": format_exact(case.result.index),
                "predikat": case.result.band.name,
                "failures": [
                    {
                        "what": m.label("en"),
                        "expected": m.expected,
                        "got": m.got,
                        "message": m.render(case.name, lang),
                    }
                    for m in case.mismatches
                ],
            }
            for case in report.cases
        ],
    }


def summary_text(report: CasesReport) -> Text:
    """``3 of 4 cases pass, 1 fail (framework)``."""
    total = len(report.cases)
    return Text(
        f"{report.passed} dari {total} kasus lulus, {report.failed} gagal ({report.framework.id})",
        f"{report.passed} of {total} cases pass, {report.failed} fail ({report.framework.id})",
    )
