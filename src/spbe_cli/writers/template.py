"""The input workbook a team fills in (``spbe template``), written with openpyxl.

Three sheets, generic over the framework's tiers (SPBE: domain, aspect, indicator; Pemdi:
aspect, indicator):

* **Penilaian** (Assessment): label cells ``Instansi``/``Tahun`` (``Agency``/``Year``)
  with the value to their right, the framework title, then a header row ``No | <one
  column per group tier: Domain | Aspek, or Aspek> | Nama Indikator | Bobot | Nilai | OPD
  | Catatan | Bukti Dukung`` and one row per indicator in framework order (see
  :func:`columns`). This is the long layout :mod:`spbe_cli.readers` reads back.

  The value cells refuse anything off the scale: on a whole scale a drop-down list of the
  levels, on a decimal scale (Pemdi) any decimal between the minimum and the maximum. What
  each level means is a *comment* (note) on the value cell: the capability type and, per
  level, its name and requirement, shown when the pointer rests on the cell. A comment
  keeps the sheet narrow enough to print on A4 and is beside the cell exactly where the
  value is chosen; the same table is on the Petunjuk sheet for printing. An external
  indicator's value cell (filled from another agency's index) is green, left empty, and
  its comment says so, with the default used while it is empty.

  Below the indicator rows a signature block: place and date, ``Mengetahui`` and
  ``Disusun oleh`` with lines for position, name and NIP.
* **Ringkasan** (Summary): live formulas (see :mod:`.template_summary`).
* **Petunjuk** (Instructions): how to fill in, how the index is computed, the level names
  of each capability type, the external indicators and the rating bands.

Every sheet prints on A4, one page wide (fit to width, as many pages down as needed), with
the header row repeated on each page of Penilaian and page numbers in the footer; the
column widths keep the print scale near 100%, so the text prints at 10-11 points.

Only this module and :mod:`.template_summary` import openpyxl, and only commands that
write a workbook import them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
from openpyxl.comments import Comment  # type: ignore[import-untyped]
from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from spbe_cli import glossary
from spbe_cli.exact import value_text
from spbe_cli.framework import Framework, Indicator, Value, format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.problems import InputError, Problem
from spbe_cli.writers.atomic import OutputExistsError, atomic_path
from spbe_cli.writers.template_help import help_sheet
from spbe_cli.writers.template_labels import TEXT
from spbe_cli.writers.template_summary import (
    BOLD,
    EXTERNAL_FILL,
    HEADER_FILL,
    INPUT_FILL,
    ITALIC,
    LABEL_AGENCY,
    LABEL_FRAMEWORK,
    LABEL_YEAR,
    LEFT,
    LINE_HEIGHT,
    SHEET_HELP,
    SHEET_INPUT,
    SHEET_SUMMARY,
    TITLE,
    TOP,
    WRAP,
    InputRefs,
    col,
    exact_value,
    id_value,
    lines,
    print_setup,
    put,
    summary_sheet,
)

__all__ = [
    "AGENCY_ROW",
    "FIRST_ROW",
    "HEADERS",
    "HEADER_ROW",
    "SHEET_HELP",
    "SHEET_INPUT",
    "SHEET_SUMMARY",
    "TITLE_ROW",
    "YEAR_ROW",
    "Columns",
    "build_workbook",
    "columns",
    "exact_value",
    "headers",
    "write_template",
]

# -- where things are on the input sheet (readers, examples and tests rely on these) --------

TITLE_ROW = 1
AGENCY_ROW = 2
YEAR_ROW = 3
HINT_ROW = 4
NOTE_ROW = 5
"""An empty row above the header for a remark (the examples state they are illustrative)."""
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
LABEL_COLUMN = 1
VALUE_COLUMN = 2


@dataclass(frozen=True, slots=True)
class Columns:
    """The 1-based columns of a framework's input sheet: the id, one per group tier
    (top-down), then name, weight, value, OPD, notes and evidence."""

    id: int
    groups: tuple[int, ...]
    name: int
    weight: int
    value: int
    opd: int
    notes: int
    evidence: int

    @property
    def count(self) -> int:
        """How many columns the header has."""
        return self.evidence


def columns(framework: Framework) -> Columns:
    """Where each column is for ``framework`` (the group columns depend on its tiers)."""
    n = len(framework.group_tiers)
    return Columns(1, tuple(range(2, 2 + n)), 2 + n, 3 + n, 4 + n, 5 + n, 6 + n, 7 + n)


# The columns of a framework with two group tiers (SPBE: domain, aspect), the default.
# Other frameworks: use ``columns(framework)`` (Pemdi has one group tier, so from the
# name on every column is one to the left).
(
    COL_ID,
    COL_DOMAIN,
    COL_ASPECT,
    COL_NAME,
    COL_WEIGHT,
    COL_LEVEL,
    COL_OPD,
    COL_NOTES,
    COL_EVIDENCE,
) = range(1, 10)
COL_VALUE = COL_LEVEL

_H = {
    "no": glossary.NO,
    "name": Text("Nama Indikator", "Indicator name"),
    "weight": glossary.WEIGHT,
    "level": Text("Nilai", "Level"),
    "value": glossary.VALUE,
    "opd": glossary.OPD,
    "notes": Text("Catatan", "Notes"),
    "evidence": Text("Bukti Dukung", "Evidence"),
}

HEADERS: tuple[Text, ...] = (
    _H["no"],
    Text("Domain", "Domain"),
    Text("Aspek", "Aspect"),
    _H["name"],
    _H["weight"],
    _H["level"],
    _H["opd"],
    _H["notes"],
    _H["evidence"],
)
"""The header of the default (SPBE) framework; :func:`headers` gives any framework's."""


def headers(framework: Framework) -> tuple[Text, ...]:
    """The input sheet's header texts for ``framework``, in column order."""
    value = _H["value"] if framework.scale.decimal else _H["level"]
    groups = tuple(Text(t.name, t.name_en or t.name) for t in framework.group_tiers)
    return (
        _H["no"],
        *groups,
        _H["name"],
        _H["weight"],
        value,
        _H["opd"],
        _H["notes"],
        _H["evidence"],
    )


# Column widths (characters). They add up to about 143, what an A4 landscape page with
# 0.4" margins holds at 100%, so fit-to-width keeps the 11-point text readable.
_FIXED_WIDTHS = {"id": 6, "weight": 7, "value": 8, "opd": 14, "notes": 20, "evidence": 16}
_FREE_WIDTH = 72
"""What the group columns and the indicator name share."""


def _widths(framework: Framework) -> dict[int, float]:
    cols = columns(framework)
    n = len(cols.groups)
    group_total = min(30, 24 * n)
    widths: dict[int, float] = {c: group_total / n for c in cols.groups}
    widths[cols.id] = _FIXED_WIDTHS["id"]
    widths[cols.name] = _FREE_WIDTH - group_total
    widths[cols.weight] = _FIXED_WIDTHS["weight"]
    widths[cols.value] = _FIXED_WIDTHS["value"]
    widths[cols.opd] = _FIXED_WIDTHS["opd"]
    widths[cols.notes] = _FIXED_WIDTHS["notes"]
    widths[cols.evidence] = _FIXED_WIDTHS["evidence"]
    return widths


def write_template(
    framework: Framework,
    path: str | Path,
    *,
    lang: Lang = "id",
    agency: str | None = None,
    year: int | None = None,
    levels: Mapping[str, Value] | None = None,
    opd: Mapping[str, str] | None = None,
    force: bool = False,
    framework_name: str | None = None,
) -> Path:
    """Write the input workbook for ``framework`` to ``path`` atomically; return the path.

    ``levels`` (values, whole or decimal as the scale says) and ``opd``, by indicator id,
    pre-fill the sheet, e.g. for a filled example. An existing file is refused with an
    :class:`InputError` (code ``output-exists``) unless ``force`` is true.
    """
    target = Path(path)
    workbook = build_workbook(
        framework,
        lang=lang,
        agency=agency,
        year=year,
        levels=levels,
        opd=opd,
        framework_name=framework_name,
    )
    try:
        with atomic_path(target, force=force) as temp:
            workbook.save(temp)
    except OutputExistsError:
        raise InputError(
            str(target),
            [Problem("output-exists", str(target), TEXT["exists"], TEXT["exists_hint"])],
        ) from None
    return target


def build_workbook(
    framework: Framework,
    *,
    lang: Lang = "id",
    agency: str | None = None,
    year: int | None = None,
    levels: Mapping[str, Value] | None = None,
    opd: Mapping[str, str] | None = None,
    framework_name: str | None = None,
) -> Any:
    """The template as an unsaved ``openpyxl.Workbook`` (see :func:`write_template`).

    A ``Kerangka`` cell beside the year names the framework (its id; a framework file not
    bundled by ``framework_name``, the path it was given as), so ``spbe score`` reads the
    filled workbook with the framework it was written for, whatever year is typed."""
    _check_levels(framework, levels or {}, opd or {})
    workbook = openpyxl.Workbook()
    workbook.properties.creator = "spbe-cli"
    workbook.properties.title = framework.label(lang)
    input_sheet = workbook.active
    input_sheet.title = SHEET_INPUT.get(lang)
    refs = _input_sheet(input_sheet, framework, lang, agency, year, levels or {}, opd or {})
    _framework_cell(input_sheet, framework, lang, framework_name)
    summary_sheet(workbook.create_sheet(SHEET_SUMMARY.get(lang)), framework, lang, refs)
    help_sheet(
        workbook.create_sheet(SHEET_HELP.get(lang)), framework, lang, _words(framework, lang)
    )
    return workbook


TEXT_VALUE_FILL = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
"""A value typed as text: Excel's own 'bad' red, which conditional formats show."""


def _framework_cell(sheet: Any, framework: Framework, lang: Lang, name: str | None) -> None:
    """``Kerangka | permenpanrb-8-2026`` on the year's row, over the weight and value columns."""
    from spbe_cli.framework.load import bundled_frameworks

    cols = columns(framework)
    shown = framework.id if framework.id in bundled_frameworks() or not name else name
    sheet.cell(YEAR_ROW, cols.weight, LABEL_FRAMEWORK.get(lang)).font = BOLD
    cell = sheet.cell(YEAR_ROW, cols.value, shown)
    cell.alignment = Alignment(horizontal="left")


def _check_levels(
    framework: Framework, levels: Mapping[str, Value], opd: Mapping[str, str]
) -> None:
    """Refuse pre-filled values for unknown indicators or off the scale (a bug)."""
    unknown = sorted((levels.keys() | opd.keys()) - framework.indicator_by_id.keys())
    if unknown:
        raise ValueError(f"unknown indicator ids: {', '.join(unknown)}")
    scale = framework.scale
    bad = [
        f"{k}={format_exact(v) if isinstance(v, int | Fraction) else v!r}"
        for k, v in levels.items()
        if isinstance(v, bool) or not isinstance(v, int | Fraction) or not scale.admits(v)
    ]
    if bad:
        raise ValueError(f"levels outside {scale.min}-{scale.max}: {', '.join(bad)}")


def _example(framework: Framework, lang: Lang) -> str:
    """A decimal value to show as an example (``1,26``)."""
    return value_text(Fraction(framework.scale.min) + Fraction(26, 100), lang)


def _words(framework: Framework, lang: Lang) -> dict[str, object]:
    scale = framework.scale
    example = _example(framework, lang)
    kind = "decimal" if scale.decimal else "whole"
    words: dict[str, object] = {
        "min": scale.min,
        "max": scale.max,
        "example": example,
        "help": SHEET_HELP.get(lang),
        "summary": SHEET_SUMMARY.get(lang),
        "input": SHEET_INPUT.get(lang),
        "value": headers(framework)[columns(framework).value - 1].get(lang),
        "index": framework.index_label(lang),
    }
    words["range"] = TEXT[f"range_{kind}"].format(**words).get(lang)
    return words


# -- the input sheet -------------------------------------------------------------------------


def _input_sheet(
    sheet: Any,
    framework: Framework,
    lang: Lang,
    agency: str | None,
    year: int | None,
    levels: Mapping[str, Value],
    opd: Mapping[str, str],
) -> InputRefs:
    cols = columns(framework)
    widths = _widths(framework)
    words = _words(framework, lang)
    last_col = col(cols.count)

    title = sheet.cell(TITLE_ROW, 1, framework.label(lang))
    title.font = TITLE
    title.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"A{TITLE_ROW}:{last_col}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 20 * lines(framework.label(lang), 143 / 1.3)
    for row, label, value in (
        (AGENCY_ROW, LABEL_AGENCY, agency),
        (YEAR_ROW, LABEL_YEAR, year),
    ):
        sheet.cell(row, LABEL_COLUMN, label.get(lang)).font = BOLD
        cell = sheet.cell(row, VALUE_COLUMN)
        put(cell, value)
        cell.fill = INPUT_FILL
        cell.alignment = Alignment(horizontal="left")
    hint_text = TEXT["hint"].format(**words).get(lang)
    hint = sheet.cell(HINT_ROW, 1, hint_text)
    hint.font = ITALIC
    hint.alignment = WRAP
    sheet.merge_cells(f"A{HINT_ROW}:{last_col}{HINT_ROW}")
    sheet.row_dimensions[HINT_ROW].height = LINE_HEIGHT * lines(hint_text, 140)

    header_texts = headers(framework)
    for column, header in enumerate(header_texts, start=1):
        cell = sheet.cell(HEADER_ROW, column, header.get(lang))
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.row_dimensions[HEADER_ROW].height = 20
    for column, width in widths.items():
        sheet.column_dimensions[col(column)].width = width

    rows: dict[str, int] = {}
    row = FIRST_ROW
    for indicator in framework.indicators:
        rows[indicator.id] = row
        groups = framework.ancestors[indicator.id]
        texts: list[tuple[int, Any]] = [
            (cols.id, id_value(indicator.id)),
            *((c, g.label(lang)) for c, g in zip(cols.groups, groups, strict=True)),
            (cols.name, indicator.label(lang)),
        ]
        height = 1
        for column, value in texts:
            cell = sheet.cell(row, column)
            put(cell, value)
            cell.alignment = TOP if column == cols.id else WRAP
            if isinstance(value, str):
                height = max(height, lines(value, widths[column]))
        sheet.row_dimensions[row].height = LINE_HEIGHT * height
        weight = sheet.cell(row, cols.weight, exact_value(indicator.weight))
        weight.number_format = "0.00"
        weight.alignment = TOP
        given = levels.get(indicator.id)
        value_cell = sheet.cell(row, cols.value, _cell_number(given))
        value_cell.comment = _criteria(framework, indicator, lang)
        for column in (cols.value, cols.opd, cols.notes, cols.evidence):
            cell = sheet.cell(row, column)
            cell.fill = INPUT_FILL
            cell.alignment = WRAP
        value_cell.alignment = TOP
        if indicator.external is not None:
            value_cell.fill = EXTERNAL_FILL
        put(sheet.cell(row, cols.opd), opd.get(indicator.id))
        row += 1
    last = row - 1

    value_range = f"{col(cols.value)}{FIRST_ROW}:{col(cols.value)}{last}"
    sheet.add_data_validation(_value_validation(framework, lang, words, value_range))
    # A value pasted as text ('2,5) passes the validation and the formulas would count it
    # as 0 while spbe score reads 2,5: the sheet marks such a cell instead.
    first_value = f"{col(cols.value)}{FIRST_ROW}"
    sheet.conditional_formatting.add(
        value_range,
        FormulaRule(
            formula=[f"ISTEXT({first_value})"],
            fill=TEXT_VALUE_FILL,
            font=Font(bold=True, color="9C0006"),
        ),
    )
    year_check = DataValidation(
        type="whole",
        operator="between",
        formula1="1900",
        formula2="2999",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=TEXT["error_title"].get(lang),
        error=TEXT["year_error"].get(lang),
    )
    year_check.add(f"{col(VALUE_COLUMN)}{YEAR_ROW}")
    sheet.add_data_validation(year_check)

    signature_last = _signature_block(sheet, cols, lang, last + 2)
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 1)
    sheet.print_area = f"A1:{last_col}{signature_last}"
    print_setup(sheet, lang, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return InputRefs(
        sheet=SHEET_INPUT.get(lang),
        weight_column=cols.weight,
        value_column=cols.value,
        value_label_column=VALUE_COLUMN,
        agency_row=AGENCY_ROW,
        year_row=YEAR_ROW,
        rows=rows,
    )


def _cell_number(value: Value | None) -> int | float | None:
    """A pre-filled value as a cell number (a decimal such as 63/50 as the double 1.26,
    which the readers take back as 63/50)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return value.numerator if value.denominator == 1 else float(value)


def _value_validation(
    framework: Framework, lang: Lang, words: Mapping[str, object], cells: str
) -> Any:
    """The value cells' check: a drop-down of whole levels, or a decimal between the
    scale's ends."""
    scale = framework.scale
    common: dict[str, Any] = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": True,
        "errorStyle": "stop",
        "errorTitle": TEXT["error_title"].get(lang),
        "promptTitle": TEXT["prompt_title"].get(lang),
    }
    if scale.decimal:
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(scale.min),
            formula2=str(scale.max),
            error=TEXT["error_decimal"].format(**words).get(lang),
            prompt=TEXT["prompt_decimal"].format(**words).get(lang),
            **common,
        )
    else:
        choices = ",".join(str(level) for level in scale.levels)
        validation = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            error=TEXT["error_whole"].format(**words).get(lang),
            prompt=TEXT["prompt_whole"].format(**words).get(lang),
            **common,
        )
    validation.add(cells)
    return validation


def _criteria(framework: Framework, indicator: Indicator, lang: Lang) -> Any:
    """The value cell's comment: external source, then each level's name and meaning."""
    scale = framework.scale
    parts: list[str] = []
    external = indicator.external
    if external is not None:
        default = value_text(external.default, lang)
        parts += [
            TEXT["external"].format(source=external.label(lang), default=default).get(lang),
            "",
        ]
    ctype = scale.types[indicator.type]
    parts.append(f"{ctype.label(lang)} ({scale.min}-{scale.max}):")
    for level in sorted(ctype.levels):
        info = framework.level_info(indicator, level) or ctype.levels[level]
        band = framework.band_named(info.band) if info.band else None
        span = f" ({framework.band_range(band, lang)})" if band else ""
        line = f"{level} {info.label(lang)}{span}"
        meaning = pick(lang, info.requires or "", info.requires_en)
        parts.append(f"{line}: {meaning}" if meaning else line)
    if scale.decimal:
        by_range = any(info.band for info in ctype.levels.values())
        note = TEXT["decimal_range_note" if by_range else "decimal_note"]
        parts.append(note.format(example=_example(framework, lang)).get(lang))
    text = "\n".join(parts)
    height = sum(lines(p, 52) for p in parts)
    comment = Comment(text, "spbe-cli")
    comment.width = 380
    comment.height = 20 * height + 20
    return comment


def _signature_block(sheet: Any, cols: Columns, lang: Lang, first: int) -> int:
    """Date, ``Mengetahui`` (left) and ``Disusun oleh`` (right) with lines for position,
    name and NIP; returns the last row. Column A stays empty, so readers skip these rows."""
    left, right = cols.name, cols.notes
    rows: tuple[tuple[Text | None, Text | None], ...] = (
        (None, TEXT["place_date"]),
        (TEXT["approved"], TEXT["prepared"]),
        (TEXT["position"], TEXT["position"]),
        (None, None),  # room for the signatures
        (TEXT["name_line"], TEXT["name_line"]),
        (TEXT["nip"], TEXT["nip"]),
    )
    for offset, (left_text, right_text) in enumerate(rows):
        row = first + offset
        for column, text in ((left, left_text), (right, right_text)):
            if text is not None:
                put(sheet.cell(row, column), text.get(lang))
                sheet.cell(row, column).alignment = LEFT
        sheet.row_dimensions[row].height = 48 if left_text is right_text is None else 18
    return first + len(rows) - 1


# -- the instructions sheet ------------------------------------------------------------------
