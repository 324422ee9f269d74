"""Frameworks and golden-cases reports for people (rich) and scripts (JSON, CSV, Markdown).

Everything shown comes from :mod:`spbe_cli.framework` and :mod:`spbe_cli.framework.cases`; this
module only lays it out. Weights are printed exactly (``10/3`` stays a fraction); JSON
carries numbers with the exact text beside them (``weight`` and ``weight_exact``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text as RichText

from spbe_cli import glossary
from spbe_cli.framework import Framework, Group, Indicator, format_exact
from spbe_cli.framework.cases import CasesReport
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.render.common import weight_text
from spbe_cli.render.formats import csv_text, markdown_table, number

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

# Column keys of ``spbe framework list`` in CSV and Markdown (scripts parse them).
LIST_HEADER = ["id", "title", "indicators", "applies_from", "applies_until", "status"]
# Column keys of ``spbe framework show`` in CSV and Markdown.
TREE_HEADER = ["kind", "id", "parent", "name", "weight", "type"]

_STYLES = ("bold", "cyan", "", "", "")


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


def tier_counts(fw: Framework) -> dict[str, int]:
    """How many nodes each tier holds, by tier key (``{"aspects": 7, "indicators": 20}``)."""
    counts = {tier.key: len(nodes) for tier, nodes in zip(fw.group_tiers, fw.tier_nodes,
                                                          strict=False)}
    counts[fw.leaf_tier.key] = len(fw.indicators)
    return counts


def walk(fw: Framework) -> Iterator[tuple[int, Group | Indicator, str]]:
    """Every node top-down, depth first: ``(depth, node, parent id)``."""

    def down(node: Group | Indicator, depth: int, parent: str) -> Iterator[
        tuple[int, Group | Indicator, str]
    ]:
        yield depth, node, parent
        if isinstance(node, Group):
            for child in node.children:
                yield from down(child, depth + 1, node.id)

    for node in fw.top_level:
        yield from down(node, 0, "")


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
    """``id, title, indicators, applies_from, applies_until, status`` per framework."""
    return [
        [fw.id, fw.label(lang), len(fw.indicators), fw.applies_from or "",
         fw.applies_until or "", label(fw.status, lang)]
        for fw in frameworks
    ]


def list_table(frameworks: Sequence[Framework], lang: Lang) -> Table:
    """The bundled frameworks as a rich table with headers in ``lang``."""
    header = [label(key, lang) for key in ("id", "title", "indicators", "years", "status")]
    rows = [
        [fw.id, fw.label(lang), len(fw.indicators), fw.years_text() or "-", label(fw.status, lang)]
        for fw in frameworks
    ]
    return simple_table(header, rows, label("list", lang))


def summary_dict(fw: Framework) -> dict[str, Any]:
    """A framework's identity and size as JSON-ready data."""
    return {
        "id": fw.id,
        "title": fw.title,
        "title_en": fw.title_en,
        "index_name": fw.index_name,
        "status": fw.status,
        "indicators": len(fw.indicators),
        "domains": 0,
        "aspects": 0,
        **{key: count for key, count in tier_counts(fw).items() if key != "indicators"},
        "tiers": [t.id for t in fw.tiers],
        "applies_from": fw.applies_from,
        "applies_until": fw.applies_until,
        "scale": {"min": fw.scale.min, "max": fw.scale.max, "values": fw.scale.values},
    }


def list_dict(frameworks: Sequence[Framework]) -> dict[str, Any]:
    """``spbe framework list`` as JSON-ready data."""
    return {"frameworks": [summary_dict(fw) for fw in frameworks]}


# -- show -------------------------------------------------------------------------------------


def tree_rows(fw: Framework, lang: Lang, figures: Lang = "en") -> list[list[object]]:
    """``kind, id, parent, name, weight, type`` for every node, top-down (kind: tier id).

    ``figures`` is the language weights are written in: ``en`` (a dot) for CSV, ``lang``
    for what people read (a comma in Indonesian)."""
    tiers = fw.tiers
    return [
        [
            tiers[depth].id,
            node.id,
            parent,
            node.label(lang),
            weight_text(node.weight, figures),
            node.type if isinstance(node, Indicator) else "",
        ]
        for depth, node, parent in walk(fw)
    ]


def tree_csv(fw: Framework, lang: Lang) -> str:
    """Every domain, aspect and indicator as CSV (:data:`TREE_HEADER` columns)."""
    return csv_text(TREE_HEADER, tree_rows(fw, lang))


def band_rows(fw: Framework, lang: Lang) -> list[list[object]]:
    """``predikat, range`` per band, lowest first (``1,80 sampai di bawah 2,60``)."""
    return [[band.full_label(lang), fw.band_range(band, lang)] for band in fw.bands]


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
    """``(label, value)`` lines: id, index, source, years, status, scale, rounding, target."""
    lines = [
        ("id", fw.id),
        (label("index_name", lang), fw.index_label(lang)),
        (label("source", lang), fw.source),
        (label("years", lang), fw.years_text() or "-"),
        (label("status", lang), label(fw.status, lang)),
        (label("scale", lang), f"{fw.scale.min}-{fw.scale.max} ({fw.scale.values})"),
        (label("rounding", lang), rounding_text(fw, lang)),
        (
            label("target", lang),
            f"{format_exact(fw.target)} ({fw.band_for(fw.target).label(lang)})",
        ),
    ]
    if fw.note:
        lines.append((label("note", lang), " ".join(pick(lang, fw.note, fw.note_en).split())))
    lines.extend((label("sources", lang), source) for source in fw.sources)
    for item in fw.indicators:
        if item.external is not None:
            text = L["external"].format(value=format_exact(item.external.default),
                                        source=item.external.label(lang)).get(lang)
            lines.append((f"{fw.leaf_tier.label(lang)} {item.id}", text))
    return lines


def _plain(part: Any) -> Any:
    """A framework part as JSON data: its fields in order, mapping keys as text."""
    if dataclasses.is_dataclass(part) and not isinstance(part, type):
        return {f.name: _plain(getattr(part, f.name)) for f in dataclasses.fields(part)}
    if isinstance(part, dict):
        return {str(k): _plain(v) for k, v in part.items()}
    if isinstance(part, tuple | list):
        return [_plain(v) for v in part]
    return part


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

    def node_dict(node: Group | Indicator, depth: int) -> dict[str, Any]:
        data = weighted(node)
        if isinstance(node, Indicator):
            data["type"] = node.type
            data["aliases"] = list(node.aliases)
            if node.external is not None:
                data["external"] = {"source": node.external.source,
                                    "default": format_exact(node.external.default)}
            return data
        data[fw.tiers[depth + 1].key] = [node_dict(c, depth + 1) for c in node.children]
        return data

    return {
        "id": fw.id,
        "title": fw.title,
        "title_en": fw.title_en,
        "index_name": fw.index_name,
        "source": fw.source,
        "status": fw.status,
        "sources": list(fw.sources),
        "applies_from": fw.applies_from,
        "applies_until": fw.applies_until,
        "tiers": [_plain(t) for t in fw.tiers],
        "scale": _plain(fw.scale),
        "bands": [
            {
                "name": b.name,
                "name_en": b.name_en,
                "alias": b.alias,
                "min": format_exact(b.min),
                "max": format_exact(b.max),
            }
            for b in fw.bands
        ],
        "rounding": _plain(fw.rounding),
        "target": format_exact(fw.target),
        "planning": _plain(fw.planning),
        "domains": [],
        fw.tiers[0].key: [node_dict(n, 0) for n in fw.top_level],
    }


def framework_markdown(fw: Framework, lang: Lang) -> str:
    """The framework as Markdown: title, facts, the tree, level names and bands."""
    level_header, levels = level_rows(fw, lang)
    parts = [
        f"# {fw.label(lang)}\n",
        "\n".join(f"- {key}: {value}" for key, value in facts(fw, lang)) + "\n",
        markdown_table(TREE_HEADER, tree_rows(fw, lang, lang)),
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
    for depth, node, _ in walk(fw):
        indent = "  " * depth
        tier = fw.tiers[depth]
        ctype = node.type if isinstance(node, Indicator) else ""
        table.add_row(
            RichText(f"{indent}{tier.label(lang).lower()} {node.id}"),
            RichText(f"{indent}{node.label(lang)}"),
            weight_text(node.weight, lang),
            ctype,
            style=_STYLES[min(depth, len(_STYLES) - 1)] if depth < len(fw.tiers) - 1 else "",
        )
    return table


def framework_view(fw: Framework, lang: Lang) -> RichGroup:
    """The framework for a terminal: title, facts, the tree, level names and bands."""
    level_header, levels = level_rows(fw, lang)
    parts: list[RenderableType] = [RichText(fw.label(lang), style="bold")]
    parts.extend(RichText(f"{key}: {value}") for key, value in facts(fw, lang))
    parts.append(tree_table(fw, lang))
    parts.append(simple_table(level_header, levels))
    parts.append(simple_table(band_header(lang), band_rows(fw, lang)))
    return RichGroup(*parts)


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


def report_view(report: CasesReport, lang: Lang) -> RichGroup:
    """The cases report for a terminal: a row per case, then the failures in red."""
    parts: list[RenderableType] = [simple_table(report_header(lang), report_rows(report, lang))]
    parts.extend(RichText(line, style="red") for line in failure_lines(report, lang))
    return RichGroup(*parts)


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
