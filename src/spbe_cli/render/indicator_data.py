"""``spbe framework indicator`` for scripts: one indicator's facts (looked up by
:func:`spbe_cli.framework.describe.describe`) laid out as Markdown, CSV or JSON; the lines
and level rows here are also the terminal's (:mod:`spbe_cli.render.indicator`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spbe_cli import glossary
from spbe_cli.exact import format_exact
from spbe_cli.framework.describe import IndicatorFacts, LevelFacts
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.render.formats import csv_text, markdown_table, number
from spbe_cli.render.json_parts import dumps_json

if TYPE_CHECKING:
    from spbe_cli.render.registry import Sink

L = {
    "weight": Text("bobot {weight}% dari indeks", "weight {weight}% of the index"),
    "pages": Text("Halaman naskah: {pages}", "Pages of the text: {pages}"),
    "pembina": Text("Instansi Pembina", "Supervising agencies (Instansi Pembina)"),
    "owners": Text(
        "Fungsi pemilik di instansi (usulan OPD)", "Owning functions in the agency (suggested OPD)"
    ),
    "external": Text(
        "Indeks eksternal: {source}; bawaan {default} selama belum ada",
        "External index: {source}; default {default} while absent",
    ),
    "basis": Text("Dasar nilai", "Basis of the value"),
    "note": glossary.NOTE,
    "level": glossary.LEVEL,
    "name": glossary.NAME,
    "range": Text("Rentang nilai", "Value range"),
    "figure_range": Text("Rentang {index}", "{index} range"),
    "criteria": glossary.CRITERIA,
    "found": Text(
        "{index} {figure}: rentang {span}, level {level} ({name}{band}).",
        "{index} {figure}: range {span}, level {level} ({name}{band}).",
    ),
    "gap": Text(
        "{index} {figure} tidak masuk rentang mana pun yang diberikan {source_doc}; "
        "tentukan levelnya bersama tim asesor.",
        "{index} {figure} lies in none of the ranges {source_doc} gives; settle the "
        "level with the assessors.",
    ),
}

CSV_HEADER = ["level", "name", "band", "value_range", "external_range", "criteria"]


def _index_name(facts: IndicatorFacts) -> str:
    external = facts.indicator.external
    return (external.index or "") if external else ""


def _value_range(facts: IndicatorFacts, row: LevelFacts, lang: Lang) -> str:
    band = facts.framework.band_named(row.band_name) if row.band_name else None
    return facts.framework.band_range(band, lang) if band is not None else ""


def _criteria(row: LevelFacts, lang: Lang) -> str:
    if row.criteria is None:
        return pick(lang, row.info.requires or "", row.info.requires_en)
    return pick(lang, row.criteria, row.criteria_en)


def _level_name(row: LevelFacts, lang: Lang) -> str:
    return row.info.label(lang)


def figure_line(facts: IndicatorFacts, lang: Lang) -> str | None:
    """Where the external figure given falls, or that it falls in a gap; ``None`` without one."""
    if facts.figure is None:
        return None
    figure = format_exact(facts.figure)
    figure = figure.replace(".", ",") if lang == "id" else figure
    index = _index_name(facts) or facts.indicator.label(lang)
    if not facts.figure_levels:
        return L["gap"].format(index=index, figure=figure, source_doc=facts.framework.id).get(lang)
    lines = []
    for level in facts.figure_levels:
        row = facts.levels[level - facts.framework.scale.min]
        band = facts.framework.band_named(row.band_name) if row.band_name else None
        assert row.external is not None
        lines.append(
            L["found"]
            .format(
                index=index,
                figure=figure,
                span=row.external.text(lang),
                level=level,
                name=_level_name(row, lang),
                band=f", {band.label(lang)}" if band else "",
            )
            .get(lang)
        )
    return " ".join(lines)


def facts_lines(facts: IndicatorFacts, lang: Lang) -> list[tuple[str, str]]:
    """``(label, text)`` pairs above the level table; an empty label is a paragraph."""
    ind, fw = facts.indicator, facts.framework
    place = " > ".join(
        f"{fw.tiers[d].label(lang)} {g.id} {g.label(lang)}" for d, g in enumerate(facts.ancestors)
    )
    share = format_exact(ind.weight)
    weight = L["weight"].format(weight=share.replace(".", ",") if lang == "id" else share).get(lang)
    lines = [("", f"{place} · {weight}" if place else weight)]
    description = pick(lang, ind.description or "", ind.description_en)
    if description:
        lines.append(("", description))
    if ind.pages:
        lines.append(("", L["pages"].format(pages=ind.pages).get(lang)))
    pembina = ind.pembina_en if lang == "en" and ind.pembina_en else ind.pembina
    if pembina:
        lines.append((L["pembina"].get(lang), "; ".join(pembina)))
    owners = ind.owner_labels(lang)
    if owners:
        lines.append((L["owners"].get(lang), "; ".join(owners)))
    if ind.external is not None:
        external = ind.external
        text = (
            L["external"]
            .format(source=external.label(lang), default=format_exact(external.default))
            .get(lang)
        )
        basis = pick(lang, external.default_basis or "", external.default_basis_en)
        lines.append(("", f"{text} ({basis})" if basis else text))
        if external.basis:
            lines.append((L["basis"].get(lang), pick(lang, external.basis, external.basis_en)))
    if ind.basis:
        lines.append((L["basis"].get(lang), pick(lang, ind.basis, ind.basis_en)))
    if ind.note:
        lines.append((L["note"].get(lang), pick(lang, ind.note, ind.note_en)))
    return lines


def columns(facts: IndicatorFacts, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The level table: a header and a row per level (name, ranges, criteria)."""
    has_range = any(r.band_name for r in facts.levels)
    has_external = any(r.external for r in facts.levels)
    header = [L["level"].get(lang), L["name"].get(lang)]
    if has_range:
        header.append(L["range"].get(lang))
    if has_external:
        header.append(L["figure_range"].format(index=_index_name(facts)).get(lang))
    header.append(L["criteria"].get(lang))
    rows = []
    for row in facts.levels:
        cells = [str(row.level), _level_name(row, lang)]
        if has_range:
            cells.append(_value_range(facts, row, lang))
        if has_external:
            cells.append(row.external.text(lang) if row.external else "")
        cells.append(_criteria(row, lang))
        rows.append(cells)
    return header, rows


def title(facts: IndicatorFacts, lang: Lang) -> str:
    """``Indikator 5 Name (framework)``."""
    fw, ind = facts.framework, facts.indicator
    return f"{fw.leaf_tier.label(lang)} {ind.id} {ind.label(lang)} ({fw.id})"


def indicator_markdown(facts: IndicatorFacts, lang: Lang) -> str:
    """Markdown: a heading, the facts as a list, the level table (line breaks as ``<br>``)."""
    header, rows = columns(facts, lang)
    cells = [[c.replace("\n", "<br>") for c in r] for r in rows]
    facts_md = "\n".join(
        f"- {k}: {t}" if k else f"- {' '.join(t.split())}" for k, t in facts_lines(facts, lang)
    )
    line = figure_line(facts, lang)
    return "\n".join(
        [f"# {title(facts, lang)}\n", facts_md + "\n", markdown_table(header, cells)]
        + ([f"\n{line}\n"] if line else [])
    )


def indicator_rows(facts: IndicatorFacts, lang: Lang) -> list[list[object]]:
    """A CSV row per level (:data:`CSV_HEADER`)."""
    return [
        [
            row.level,
            _level_name(row, lang),
            row.band_name or "",
            _value_range(facts, row, lang),
            str(row.external) if row.external else "",
            _criteria(row, lang),
        ]
        for row in facts.levels
    ]


def indicator_dict(facts: IndicatorFacts) -> dict[str, Any]:
    """JSON-ready data: the indicator's fields, every level, and the figure's level."""
    ind, fw = facts.indicator, facts.framework
    external = ind.external
    return {
        "framework": fw.id,
        "id": ind.id,
        "name": ind.name,
        "name_en": ind.name_en,
        "weight": number(ind.weight),
        "weight_exact": format_exact(ind.weight),
        "ancestors": [{"id": g.id, "name": g.name} for g in facts.ancestors],
        "description": ind.description,
        "pages": ind.pages,
        "pembina": list(ind.pembina),
        "owners": list(ind.owners),
        "basis": ind.basis,
        "note": ind.note,
        "external": None
        if external is None
        else {
            "source": external.source,
            "index": external.index,
            "default": format_exact(external.default),
            "default_basis": external.default_basis,
            "basis": external.basis,
        },
        "levels": [
            {
                "level": row.level,
                "name": row.info.name,
                "name_en": row.info.name_en,
                "band": row.band_name,
                "value_range": _value_range(facts, row, "en") or None,
                "external_range": str(row.external) if row.external else None,
                "criteria": row.criteria,
                "criteria_en": row.criteria_en,
            }
            for row in facts.levels
        ],
        "figure": None if facts.figure is None else format_exact(facts.figure),
        "figure_levels": list(facts.figure_levels),
    }


def write_json(facts: IndicatorFacts, sink: Sink) -> None:
    """``spbe framework indicator --format json``: :func:`indicator_dict`."""
    sink.text(dumps_json(indicator_dict(facts)))


def write_csv(facts: IndicatorFacts, sink: Sink) -> None:
    """``spbe framework indicator --format csv``: a row per level (:data:`CSV_HEADER`)."""
    sink.text(csv_text(CSV_HEADER, indicator_rows(facts, sink.lang)))


def write_markdown(facts: IndicatorFacts, sink: Sink) -> None:
    """``spbe framework indicator --format markdown``: :func:`indicator_markdown`."""
    sink.text(indicator_markdown(facts, sink.lang))
