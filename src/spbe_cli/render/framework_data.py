"""``spbe framework`` list, show, validate and test for scripts: JSON, CSV and Markdown.

Everything shown comes from :mod:`spbe_cli.framework` and :mod:`spbe_cli.framework.cases`;
this module only lays it out (the rows here are also the terminal's, in
:mod:`spbe_cli.render.framework`). Weights are printed exactly (``10/3`` stays a fraction);
JSON carries numbers with the exact text beside them (``weight`` and ``weight_exact``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from spbe_cli.framework import Framework, Group, Indicator, format_exact
from spbe_cli.i18n import Lang, pick
from spbe_cli.render.common import weight_text
from spbe_cli.render.formats import csv_text, markdown_table, number
from spbe_cli.render.framework_labels import L, label, rounding_text, tier_counts
from spbe_cli.render.json_parts import dumps_json

if TYPE_CHECKING:
    from spbe_cli.framework.cases import CasesReport
    from spbe_cli.render.registry import Sink
    from spbe_cli.views.framework import FrameworkList, Validation

# Column keys of ``spbe framework list`` in CSV and Markdown (scripts parse them).
LIST_HEADER = ["id", "title", "indicators", "applies_from", "applies_until", "status"]
# Column keys of ``spbe framework show`` in CSV and Markdown.
TREE_HEADER = ["kind", "id", "parent", "name", "weight", "type"]


def walk(fw: Framework) -> Iterator[tuple[int, Group | Indicator, str]]:
    """Every node top-down, depth first: ``(depth, node, parent id)``."""

    def down(
        node: Group | Indicator, depth: int, parent: str
    ) -> Iterator[tuple[int, Group | Indicator, str]]:
        yield depth, node, parent
        if isinstance(node, Group):
            for child in node.children:
                yield from down(child, depth + 1, node.id)

    for node in fw.top_level:
        yield from down(node, 0, "")


# -- list -------------------------------------------------------------------------------------


def list_rows(frameworks: Sequence[Framework], lang: Lang) -> list[list[object]]:
    """``id, title, indicators, applies_from, applies_until, status`` per framework."""
    return [
        [
            fw.id,
            fw.label(lang),
            len(fw.indicators),
            fw.applies_from or "",
            fw.applies_until or "",
            label(fw.status, lang),
        ]
        for fw in frameworks
    ]


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


def write_list_json(view: FrameworkList, sink: Sink) -> None:
    """``spbe framework list --format json``."""
    sink.text(dumps_json(list_dict(view.frameworks)))


def write_list_csv(view: FrameworkList, sink: Sink) -> None:
    """``spbe framework list --format csv`` (:data:`LIST_HEADER` columns)."""
    sink.text(csv_text(LIST_HEADER, list_rows(view.frameworks, sink.lang)))


def write_list_markdown(view: FrameworkList, sink: Sink) -> None:
    """``spbe framework list --format markdown`` (:data:`LIST_HEADER` columns)."""
    sink.text(markdown_table(LIST_HEADER, list_rows(view.frameworks, sink.lang)))


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
            text = (
                L["external"]
                .format(value=format_exact(item.external.default), source=item.external.label(lang))
                .get(lang)
            )
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
                data["external"] = {
                    "source": node.external.source,
                    "default": format_exact(node.external.default),
                }
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


def write_json(fw: Framework, sink: Sink) -> None:
    """``spbe framework show --format json``: :func:`framework_dict`."""
    sink.text(dumps_json(framework_dict(fw)))


def write_csv(fw: Framework, sink: Sink) -> None:
    """``spbe framework show --format csv``: :func:`tree_csv`."""
    sink.text(tree_csv(fw, sink.lang))


def write_markdown(fw: Framework, sink: Sink) -> None:
    """``spbe framework show --format markdown``: :func:`framework_markdown`."""
    sink.text(framework_markdown(fw, sink.lang))


# -- validate ---------------------------------------------------------------------------------


def write_validation_json(view: Validation, sink: Sink) -> None:
    """``spbe framework validate --format json``: whether valid, and every problem."""
    sink.text(
        dumps_json({"valid": view.valid, "problems": [p.to_dict(sink.lang) for p in view.problems]})
    )


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


def write_report_json(report: CasesReport, sink: Sink) -> None:
    """``spbe framework test --format json``: :func:`report_dict`."""
    sink.text(dumps_json(report_dict(report, sink.lang)))


def write_report_csv(report: CasesReport, sink: Sink) -> None:
    """``spbe framework test --format csv``: a row per case."""
    sink.text(csv_text(report_header(sink.lang), report_rows(report, sink.lang)))


def write_report_markdown(report: CasesReport, sink: Sink) -> None:
    """``spbe framework test --format markdown``: a row per case, then the failures."""
    lang = sink.lang
    sink.text(markdown_table(report_header(lang), report_rows(report, lang)))
    sink.text(failures_markdown(report, lang))
