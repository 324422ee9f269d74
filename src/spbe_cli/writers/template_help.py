"""The Petunjuk (Instructions) sheet of the input workbook: how to fill it in, how the
index is computed, the level names of each capability type, the external indicators and
the rating bands."""

from __future__ import annotations

from typing import Any

from spbe_cli import glossary
from spbe_cli.exact import value_text
from spbe_cli.framework import Framework, format_exact
from spbe_cli.i18n import Lang, pick
from spbe_cli.writers.template_labels import TEXT
from spbe_cli.writers.template_summary import (
    BOLD,
    ITALIC,
    LEFT,
    LINE_HEIGHT,
    TITLE,
    WRAP,
    band_headers,
    band_rows,
    bands_title,
    col,
    header_row,
    id_value,
    lines,
    print_setup,
    put,
)


def _tier_names(framework: Framework, lang: Lang) -> str:
    """``aspek dan domain`` / ``aspect and domain``: group tiers bottom-up."""
    names = [t.label(lang).lower() for t in reversed(framework.group_tiers)]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {TEXT['and'].get(lang)} {names[-1]}"


def _formula_text(framework: Framework, lang: Lang) -> str:
    """How the index is computed, tier by tier, in ``lang``."""
    tiers = framework.group_tiers
    leaf = framework.leaf_tier.label(lang).lower()
    index = framework.index_label(lang)
    total = format_exact(framework.total_weight)
    value = "Nilai" if lang == "id" else "value"

    def idx(name: str) -> str:
        return f"Indeks {name}" if lang == "id" else f"{name.lower()} index"

    def weight(name: str) -> str:
        return f"Bobot {name}" if lang == "id" else f"{name} weight"

    parts: list[str] = []
    child_value, child = value, leaf
    for tier in reversed(tiers):
        name = tier.label(lang)
        parts.append(f"{idx(name)} = Σ({child_value} × {weight(child)}) / {weight(name.lower())}")
        child_value, child = idx(name), name.lower()
    parts.append(f"{index} = Σ({child_value} × {weight(child)}) / {total}")
    prefix = "Rumus: " if lang == "id" else "Formula: "
    note = TEXT["weights_note"].format(places=framework.rounding.places).get(lang)
    return prefix + "; ".join(parts) + ". " + note


def help_sheet(sheet: Any, framework: Framework, lang: Lang, words: dict[str, object]) -> None:
    """The Petunjuk sheet; ``words`` fill the texts' blanks (the input sheet's ranges and
    names)."""
    scale = framework.scale
    words = {**words, "tiers": _tier_names(framework, lang)}
    width = 4
    row = 1
    sheet.cell(row, 1, TEXT["help_title"].get(lang)).font = TITLE
    row += 1
    put(sheet.cell(row, 1), framework.label(lang))
    sheet.cell(row, 1).font = ITALIC
    row += 2

    def paragraph(text: str, row: int) -> None:
        cell = sheet.cell(row, 1, text)
        cell.alignment = WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines(text, 92) + 2

    for line in TEXT["steps"].format(**words).get(lang).split("\n"):
        paragraph(line, row)
        row += 1
    row += 1
    paragraph(_formula_text(framework, lang), row)
    row += 2

    sheet.cell(row, 1, TEXT["levels_title"].get(lang)).font = TITLE
    row += 1
    header_row(sheet, row, (TEXT["type"], TEXT["level"], TEXT["name"], TEXT["requires"]), lang)
    row += 1
    for type_id, ctype in scale.types.items():
        ids = [i.id for i in framework.indicators if i.type == type_id]
        heading = ctype.label(lang)
        if ids:
            heading += f" ({TEXT['indicators'].get(lang)} {_id_runs(framework, type_id)})"
        cell = sheet.cell(row, 1, heading)
        cell.font = BOLD
        cell.alignment = WRAP
        for level, info in sorted(ctype.levels.items()):
            sheet.cell(row, 2, level).alignment = LEFT
            sheet.cell(row, 3, info.label(lang)).alignment = WRAP
            meaning = pick(lang, info.requires or "", info.requires_en)
            sheet.cell(row, 4, meaning).alignment = WRAP
            count = max(lines(meaning, 40), lines(info.label(lang), 22))
            if level == min(ctype.levels):
                count = max(count, lines(heading, 28))
            sheet.row_dimensions[row].height = LINE_HEIGHT * count
            row += 1
    row += 1

    externals = [i for i in framework.indicators if i.external is not None]
    if externals:
        sheet.cell(row, 1, TEXT["externals_title"].get(lang)).font = TITLE
        row += 1
        paragraph(TEXT["externals_note"].get(lang), row)
        row += 1
        header_row(
            sheet,
            row,
            (TEXT["indicators"], glossary.NO, TEXT["source"], TEXT["default"]),
            lang,
        )
        row += 1
        for indicator in externals:
            assert indicator.external is not None
            put(sheet.cell(row, 1), indicator.short_label(lang))
            put(sheet.cell(row, 2), id_value(indicator.id))
            put(sheet.cell(row, 3), indicator.external.label(lang))
            put(sheet.cell(row, 4), value_text(indicator.external.default, lang))
            for column in range(1, 5):
                sheet.cell(row, column).alignment = WRAP
            sheet.row_dimensions[row].height = LINE_HEIGHT * max(
                lines(indicator.short_label(lang), 28),
                lines(indicator.external.label(lang), 22),
            )
            row += 1
        row += 1

    sheet.cell(row, 1, bands_title(framework).get(lang)).font = TITLE
    row += 1
    header_row(sheet, row, band_headers(framework), lang)
    row = band_rows(sheet, framework, lang, row + 1) + 1
    basis = (
        "rating_basis_exact"
        if framework.rounding.rating_basis == "exact"
        else "rating_basis_rounded"
    )
    sheet.cell(row, 1, TEXT[basis].get(lang)).font = ITALIC
    _criteria_rows(sheet, framework, lang, row + 2)
    for column, column_width in enumerate((28, 8, 22, 40), start=1):
        sheet.column_dimensions[col(column)].width = column_width
    print_setup(sheet, lang, landscape=False)


def _criteria_rows(sheet: Any, framework: Framework, lang: Lang, row: int) -> int:
    """Each indicator's own criteria per level, where the framework gives them (8/2026's
    Lampiran), with the functions that own it: the reference an analyst fills the sheet
    from. Returns the row after the last; nothing is written for a framework without."""
    described = [i for i in framework.indicators if i.criteria]
    if not described:
        return row
    sheet.cell(row, 1, TEXT["criteria_title"].get(lang)).font = TITLE
    row += 1
    header_row(
        sheet, row, (TEXT["indicators"], TEXT["level"], TEXT["name"], TEXT["criteria"]), lang
    )
    row += 1
    for indicator in described:
        heading = f"{indicator.id} {indicator.label(lang)}"
        owners = "; ".join(indicator.owner_labels(lang))
        if owners:
            heading += f"\n({owners})"
        cell = sheet.cell(row, 1, heading)
        cell.font = BOLD
        cell.alignment = WRAP
        first = row
        for level in sorted(indicator.criteria):
            info = framework.level_info(indicator, level)
            assert info is not None
            meaning = pick(lang, info.requires or "", info.requires_en)
            sheet.cell(row, 2, level).alignment = LEFT
            sheet.cell(row, 3, info.label(lang)).alignment = WRAP
            sheet.cell(row, 4, meaning).alignment = WRAP
            count = sum(lines(part, 40) for part in meaning.split("\n"))
            if row == first:
                count = max(count, sum(lines(p, 28) for p in heading.split("\n")))
            sheet.row_dimensions[row].height = LINE_HEIGHT * count
            row += 1
    return row


def _id_runs(framework: Framework, type_id: str) -> str:
    """Ids of a capability type as runs in framework order: ``1-31`` or ``1-5, 8``."""
    runs: list[list[str]] = []
    previous = False
    for indicator in framework.indicators:
        current = indicator.type == type_id
        if current and previous:
            runs[-1].append(indicator.id)
        elif current:
            runs.append([indicator.id])
        previous = current
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
