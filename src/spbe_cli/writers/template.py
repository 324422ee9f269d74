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
from openpyxl.styles import Alignment  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from spbe_cli.exact import value_text
from spbe_cli.framework import Framework, Indicator, Value, format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.problems import InputError, Problem
from spbe_cli.writers.atomic import OutputExistsError, atomic_path
from spbe_cli.writers.template_summary import (
    BAND_HEADERS,
    BANDS_TITLE,
    BOLD,
    EXTERNAL_FILL,
    HEADER_FILL,
    INPUT_FILL,
    ITALIC,
    LABEL_AGENCY,
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
    band_rows,
    col,
    exact_value,
    header_row,
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
    "no": Text("No", "No"),
    "name": Text("Nama Indikator", "Indicator name"),
    "weight": Text("Bobot", "Weight"),
    "level": Text("Nilai", "Level"),
    "value": Text("Nilai", "Value"),
    "opd": Text("OPD", "OPD"),
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


_T = {
    "hint": Text(
        "Isi kolom Nilai ({range}) untuk setiap indikator; OPD, Catatan dan Bukti Dukung "
        "boleh diisi. Arti setiap level: arahkan penunjuk ke sel Nilai, atau lihat lembar "
        "{help}; hasilnya di lembar {summary}.",
        "Fill in the {value} column ({range}) for every indicator; OPD, Notes and Evidence "
        "are optional. What each level means: rest the pointer on the {value} cell, or see "
        "the {help} sheet; the result is on the {summary} sheet.",
    ),
    "range_whole": Text("level {min}-{max}", "level {min}-{max}"),
    "range_decimal": Text(
        "{min} sampai {max}, boleh desimal, mis. {example}",
        "{min} to {max}, decimals allowed, e.g. {example}",
    ),
    "error_title": Text("Nilai tidak sah", "Invalid value"),
    "error_whole": Text(
        "Nilai harus bilangan bulat {min} sampai {max}.",
        "The level must be a whole number from {min} to {max}.",
    ),
    "error_decimal": Text(
        "Nilai harus angka {min} sampai {max} (boleh desimal, mis. {example}).",
        "The value must be a number from {min} to {max} (decimals allowed, e.g. {example}).",
    ),
    "prompt_title": Text("Nilai", "Value"),
    "prompt_whole": Text(
        "Pilih level {min}-{max} (lihat lembar {help}).",
        "Pick a level {min}-{max} (see the {help} sheet).",
    ),
    "prompt_decimal": Text(
        "Isi nilai {min}-{max}, boleh desimal (lihat lembar {help}).",
        "Enter a value {min}-{max}, decimals allowed (see the {help} sheet).",
    ),
    "year_error": Text("Tahun harus angka, mis. 2024.", "The year must be a number, e.g. 2024."),
    "external": Text(
        "Diisi dari indeks eksternal: {source}. Bila kosong dihitung bawaan {default}.",
        "Filled in from an external index: {source}. While empty it counts at the default "
        "{default}.",
    ),
    "decimal_note": Text(
        "Nilai boleh desimal (mis. {example}); level dibaca dari bagian bulatnya.",
        "Values may be decimals (e.g. {example}); the level is the whole part.",
    ),
    "place_date": Text("……………………, tanggal ……………………", "……………………, date ……………………"),
    "approved": Text("Mengetahui,", "Acknowledged by,"),
    "prepared": Text("Disusun oleh,", "Prepared by,"),
    "position": Text("Jabatan: ……………………………", "Position: ……………………………"),
    "name_line": Text("(……………………………………)", "(……………………………………)"),
    "nip": Text("NIP. ……………………………", "NIP (staff no.) ……………………………"),
    "help_title": Text("Petunjuk pengisian", "How to fill in"),
    "steps": Text(
        "1. Di lembar {input}, isi Instansi dan Tahun (sel kuning di sebelah kanan label).\n"
        "2. Untuk setiap indikator isi kolom Nilai: {range}; nilai lain ditolak. Arti setiap "
        "level tampil saat penunjuk diarahkan ke sel Nilai.\n"
        "3. Kolom OPD (perangkat daerah penanggung jawab), Catatan dan Bukti Dukung (nama "
        "berkas atau tautan) boleh diisi.\n"
        "4. Jangan mengubah kolom No, urutan baris, atau judul kolom: spbe-cli membaca "
        "indikator dari kolom No dan nilai dari kolom Nilai.\n"
        "5. Lembar {summary} menghitung indeks {tiers} dan {index} saat Anda mengetik. "
        "Angka eksak dan rencana kenaikan: spbe score NAMA-BERKAS.xlsx\n"
        "6. Cetak lembar {input} (A4, satu halaman lebar) dan tanda tangani di bagian "
        "bawahnya.",
        "1. On the {input} sheet fill in Agency and Year, in the yellow cell right of each "
        "label.\n"
        "2. For every indicator fill in the {value} column: {range}; other values are "
        "refused. What each level means shows when the pointer rests on the cell.\n"
        "3. The OPD (responsible unit), Notes and Evidence (file names or links) columns "
        "are optional.\n"
        "4. Do not change the No column, the row order or the column headers: spbe-cli "
        "reads the indicator from No and the value from {value}.\n"
        "5. The {summary} sheet computes the {tiers} indices and the {index} as you type. "
        "The exact figure and a plan to raise it: spbe score FILE.xlsx\n"
        "6. Print the {input} sheet (A4, one page wide) and sign at its foot.",
    ),
    "and": Text("dan", "and"),
    "weights_note": Text(
        "Bobot dalam persen. Angka dibulatkan ke {places} desimal (setengah ke atas).",
        "Weights in percent. Figures are rounded to {places} decimals (half up).",
    ),
    "levels_title": Text("Nama level", "Level names"),
    "type": Text("Jenis kapabilitas", "Capability type"),
    "level": Text("Level", "Level"),
    "name": Text("Nama", "Name"),
    "requires": Text("Artinya", "Meaning"),
    "indicators": Text("Indikator", "Indicators"),
    "externals_title": Text("Indikator eksternal", "External indicators"),
    "externals_note": Text(
        "Nilainya berasal dari indeks instansi lain; sel Nilai-nya hijau. Bila kosong "
        "dihitung dengan nilai bawaan.",
        "Their values come from other agencies' indices; their value cells are green. "
        "While empty they count at the default.",
    ),
    "source": Text("Sumber", "Source"),
    "default": Text("Bawaan", "Default"),
    "rating_basis_rounded": Text(
        "Predikat dibaca dari indeks yang sudah dibulatkan.",
        "The rating is read from the rounded index.",
    ),
    "rating_basis_exact": Text(
        "Predikat dibaca dari indeks sebelum pembulatan.",
        "The rating is read from the index before rounding.",
    ),
    "exists": Text(
        "berkas sudah ada; tidak ditimpa",
        "the file already exists; not overwritten",
    ),
    "exists_hint": Text(
        "pakai --force untuk menimpanya, atau pilih nama lain",
        "use --force to overwrite it, or choose another name",
    ),
}


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
) -> Path:
    """Write the input workbook for ``framework`` to ``path`` atomically; return the path.

    ``levels`` (values, whole or decimal as the scale says) and ``opd``, by indicator id,
    pre-fill the sheet, e.g. for a filled example. An existing file is refused with an
    :class:`InputError` (code ``output-exists``) unless ``force`` is true.
    """
    target = Path(path)
    workbook = build_workbook(
        framework, lang=lang, agency=agency, year=year, levels=levels, opd=opd
    )
    try:
        with atomic_path(target, force=force) as temp:
            workbook.save(temp)
    except OutputExistsError:
        raise InputError(
            str(target),
            [Problem("output-exists", str(target), _T["exists"], _T["exists_hint"])],
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
) -> Any:
    """The template as an unsaved ``openpyxl.Workbook`` (see :func:`write_template`)."""
    _check_levels(framework, levels or {}, opd or {})
    workbook = openpyxl.Workbook()
    workbook.properties.creator = "spbe-cli"
    workbook.properties.title = framework.label(lang)
    input_sheet = workbook.active
    input_sheet.title = SHEET_INPUT.get(lang)
    refs = _input_sheet(input_sheet, framework, lang, agency, year, levels or {}, opd or {})
    summary_sheet(workbook.create_sheet(SHEET_SUMMARY.get(lang)), framework, lang, refs)
    _help_sheet(workbook.create_sheet(SHEET_HELP.get(lang)), framework, lang)
    return workbook


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
    words["range"] = _T[f"range_{kind}"].format(**words).get(lang)
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
    hint_text = _T["hint"].format(**words).get(lang)
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
    year_check = DataValidation(
        type="whole",
        operator="between",
        formula1="1900",
        formula2="2999",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_T["error_title"].get(lang),
        error=_T["year_error"].get(lang),
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
        "errorTitle": _T["error_title"].get(lang),
        "promptTitle": _T["prompt_title"].get(lang),
    }
    if scale.decimal:
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(scale.min),
            formula2=str(scale.max),
            error=_T["error_decimal"].format(**words).get(lang),
            prompt=_T["prompt_decimal"].format(**words).get(lang),
            **common,
        )
    else:
        choices = ",".join(str(level) for level in scale.levels)
        validation = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            error=_T["error_whole"].format(**words).get(lang),
            prompt=_T["prompt_whole"].format(**words).get(lang),
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
            _T["external"].format(source=external.label(lang), default=default).get(lang),
            "",
        ]
    ctype = scale.types[indicator.type]
    parts.append(f"{ctype.label(lang)} ({scale.min}-{scale.max}):")
    for level, info in sorted(ctype.levels.items()):
        line = f"{level} {info.label(lang)}"
        meaning = pick(lang, info.requires or "", info.requires_en)
        parts.append(f"{line}: {meaning}" if meaning else line)
    if scale.decimal:
        parts.append(_T["decimal_note"].format(example=_example(framework, lang)).get(lang))
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
        (None, _T["place_date"]),
        (_T["approved"], _T["prepared"]),
        (_T["position"], _T["position"]),
        (None, None),  # room for the signatures
        (_T["name_line"], _T["name_line"]),
        (_T["nip"], _T["nip"]),
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


def _tier_names(framework: Framework, lang: Lang) -> str:
    """``aspek dan domain`` / ``aspect and domain``: group tiers bottom-up."""
    names = [t.label(lang).lower() for t in reversed(framework.group_tiers)]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_T['and'].get(lang)} {names[-1]}"


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
        parts.append(
            f"{idx(name)} = Σ({child_value} × {weight(child)}) / {weight(name.lower())}"
        )
        child_value, child = idx(name), name.lower()
    parts.append(f"{index} = Σ({child_value} × {weight(child)}) / {total}")
    prefix = "Rumus: " if lang == "id" else "Formula: "
    note = _T["weights_note"].format(places=framework.rounding.places).get(lang)
    return prefix + "; ".join(parts) + ". " + note


def _help_sheet(sheet: Any, framework: Framework, lang: Lang) -> None:
    scale = framework.scale
    words = {**_words(framework, lang), "tiers": _tier_names(framework, lang)}
    width = 4
    row = 1
    sheet.cell(row, 1, _T["help_title"].get(lang)).font = TITLE
    row += 1
    put(sheet.cell(row, 1), framework.label(lang))
    sheet.cell(row, 1).font = ITALIC
    row += 2

    def paragraph(text: str, row: int) -> None:
        cell = sheet.cell(row, 1, text)
        cell.alignment = WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines(text, 92) + 2

    for line in _T["steps"].format(**words).get(lang).split("\n"):
        paragraph(line, row)
        row += 1
    row += 1
    paragraph(_formula_text(framework, lang), row)
    row += 2

    sheet.cell(row, 1, _T["levels_title"].get(lang)).font = TITLE
    row += 1
    header_row(sheet, row, (_T["type"], _T["level"], _T["name"], _T["requires"]), lang)
    row += 1
    for type_id, ctype in scale.types.items():
        ids = [i.id for i in framework.indicators if i.type == type_id]
        heading = ctype.label(lang)
        if ids:
            heading += f" ({_T['indicators'].get(lang)} {_id_runs(framework, type_id)})"
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
        sheet.cell(row, 1, _T["externals_title"].get(lang)).font = TITLE
        row += 1
        paragraph(_T["externals_note"].get(lang), row)
        row += 1
        header_row(
            sheet, row, (_T["indicators"], Text("No", "No"), _T["source"], _T["default"]), lang
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

    sheet.cell(row, 1, BANDS_TITLE.get(lang)).font = TITLE
    row += 1
    header_row(sheet, row, BAND_HEADERS, lang)
    row = band_rows(sheet, framework, lang, row + 1) + 1
    basis = (
        "rating_basis_exact" if framework.rounding.rating_basis == "exact"
        else "rating_basis_rounded"
    )
    sheet.cell(row, 1, _T[basis].get(lang)).font = ITALIC
    for column, column_width in enumerate((28, 8, 22, 40), start=1):
        sheet.column_dimensions[col(column)].width = column_width
    print_setup(sheet, lang, landscape=False)


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
