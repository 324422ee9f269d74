"""The input workbook a team fills in (``spbe template``), written with openpyxl.

Three sheets:

* **Penilaian** (Assessment): label cells ``Instansi``/``Tahun`` (``Agency``/``Year``)
  with the value to their right, the framework title, then a header row ``No | Domain |
  Aspek | Nama Indikator | Bobot | Nilai | OPD | Catatan`` and one row per indicator in
  framework order. The level cells carry a drop-down list of the scale's levels that
  refuses anything else. This is the long layout :mod:`spbe_cli.readers` reads back.
* **Ringkasan** (Summary): live formulas, so the figures update while the team types.
  Per aspect ``Σ bobot × nilai`` (``SUMPRODUCT`` of weights and levels; while the sheet is
  being filled in an empty level counts at the scale's minimum, and the number of empty
  levels is shown) and the index ``Σ / bobot``;
  per domain the sum of its aspects' ``Σ`` over the domain weight; the overall index over
  the total weight; each published figure is ``ROUND(ROUND(x, 9), 2)`` (the inner round
  drops binary noise such as 1.5249999999999997 before rounding half-up) and the rating a
  ``LOOKUP`` in the band table on the same sheet. Excel computes in binary floats; the exact
  figure is the one ``spbe score`` prints.
* **Petunjuk** (Instructions): how to fill in, the level names of each capability type and
  the rating bands.

Only this module imports openpyxl, and only commands that write a workbook import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from spbe_cli.framework import Framework, format_exact
from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.problems import InputError, Problem
from spbe_cli.render.data import neutralise
from spbe_cli.writers.atomic import OutputExistsError, atomic_path

# -- where things are on the input sheet (readers and tests rely on these) -----------------

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

SHEET_INPUT = Text("Penilaian", "Assessment")
SHEET_SUMMARY = Text("Ringkasan", "Summary")
SHEET_HELP = Text("Petunjuk", "Instructions")

LABEL_AGENCY = Text("Instansi", "Agency")
LABEL_YEAR = Text("Tahun", "Year")

HEADERS: tuple[Text, ...] = (
    Text("No", "No"),
    Text("Domain", "Domain"),
    Text("Aspek", "Aspect"),
    Text("Nama Indikator", "Indicator name"),
    Text("Bobot", "Weight"),
    Text("Nilai", "Level"),
    Text("OPD", "OPD"),
    Text("Catatan", "Notes"),
)
COL_ID, COL_DOMAIN, COL_ASPECT, COL_NAME, COL_WEIGHT, COL_LEVEL, COL_OPD, COL_NOTES = range(1, 9)
_WIDTHS = (9, 26, 38, 64, 9, 8, 24, 40)
_LINE_HEIGHT = 15  # points per line of wrapped text (Calibri 11)

_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")

_T = {
    "hint": Text(
        "Isi kolom Nilai ({min}-{max}) untuk setiap indikator; OPD dan Catatan boleh diisi. "
        "Petunjuk lengkap ada di lembar {help}, hasilnya di lembar {summary}.",
        "Fill in the Level column ({min}-{max}) for every indicator; OPD and Notes are "
        "optional. See the {help} sheet for instructions and {summary} for the result.",
    ),
    "error_title": Text("Nilai tidak sah", "Invalid level"),
    "error": Text(
        "Nilai harus bilangan bulat {min} sampai {max}.",
        "The level must be a whole number from {min} to {max}.",
    ),
    "prompt_title": Text("Nilai", "Level"),
    "prompt": Text(
        "Pilih level {min}-{max} (lihat lembar {help}).",
        "Pick a level {min}-{max} (see the {help} sheet).",
    ),
    "year_error": Text("Tahun harus angka, mis. 2024.", "The year must be a number, e.g. 2024."),
    "summary_title": Text("Ringkasan Indeks SPBE", "SPBE index summary"),
    "summary_note": Text(
        "Dihitung langsung dari lembar {input}; selama belum lengkap, nilai kosong dihitung "
        "sebagai level {min}. Angka resmi (eksak): spbe score NAMA-BERKAS.xlsx",
        "Computed live from the {input} sheet; until it is complete an empty level counts as "
        "level {min}. The exact figure: spbe score FILE.xlsx",
    ),
    "index": Text("Indeks SPBE", "SPBE index"),
    "rating": Text("Predikat", "Rating"),
    "unrounded": Text("Indeks tanpa pembulatan", "Index before rounding"),
    "target": Text("Target", "Target"),
    "reached": Text("Target tercapai", "Target reached"),
    "yes": Text("Ya", "Yes"),
    "no": Text("Belum", "Not yet"),
    "empty": Text("Nilai kosong", "Empty levels"),
    "weighted": Text("Σ bobot × nilai", "Σ weight × level"),
    "weight": Text("Bobot", "Weight"),
    "index_col": Text("Indeks", "Index"),
    "domain": Text("Domain", "Domain"),
    "aspect": Text("Aspek", "Aspect"),
    "bands": Text("Predikat (batas bawah termasuk)", "Ratings (lower edge included)"),
    "band_min": Text("Dari", "From"),
    "band_max": Text("Sampai di bawah", "Up to below"),
    "help_title": Text("Petunjuk pengisian", "How to fill in"),
    "steps": Text(
        "1. Di lembar {input}, isi Instansi dan Tahun (sel kuning di sebelah kanan label).\n"
        "2. Untuk setiap indikator pilih level {min}-{max} di kolom Nilai (daftar pilihan); "
        "nilai lain ditolak.\n"
        "3. Kolom OPD (perangkat daerah penanggung jawab) dan Catatan boleh diisi.\n"
        "4. Jangan mengubah kolom No, urutan baris, atau judul kolom: spbe-cli membaca "
        "indikator dari kolom No dan level dari kolom Nilai.\n"
        "5. Lembar {summary} menghitung indeks aspek, domain dan Indeks SPBE saat Anda "
        "mengetik. Angka eksak dan rencana kenaikan: spbe score NAMA-BERKAS.xlsx",
        "1. On the {input} sheet fill in Agency and Year, in the yellow cell right of each "
        "label.\n"
        "2. For every indicator pick a level {min}-{max} in the Level column (drop-down "
        "list); other values are refused.\n"
        "3. The OPD (responsible unit) and Notes columns are optional.\n"
        "4. Do not change the No column, the row order or the column headers: spbe-cli "
        "reads the indicator from No and the level from Level.\n"
        "5. The {summary} sheet computes the aspect, domain and overall indices as you "
        "type. The exact figure and a plan to raise it: spbe score FILE.xlsx",
    ),
    "formula": Text(
        "Rumus: Indeks Aspek = Σ(Nilai × Bobot indikator) / Bobot aspek; Indeks Domain = "
        "Σ(Indeks Aspek × Bobot aspek) / Bobot domain; Indeks SPBE = Σ(Indeks Domain × "
        "Bobot domain) / {total}. Bobot dalam persen. Angka dibulatkan ke {places} desimal "
        "(setengah ke atas).",
        "Formula: aspect index = Σ(level × indicator weight) / aspect weight; domain index "
        "= Σ(aspect index × aspect weight) / domain weight; SPBE index = Σ(domain index × "
        "domain weight) / {total}. Weights in percent. Figures are rounded to {places} "
        "decimals (half up).",
    ),
    "levels_title": Text("Nama level", "Level names"),
    "type": Text("Jenis kapabilitas", "Capability type"),
    "level": Text("Level", "Level"),
    "name": Text("Nama", "Name"),
    "requires": Text("Artinya", "Meaning"),
    "indicators": Text("Indikator", "Indicators"),
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
    levels: Mapping[str, int] | None = None,
    opd: Mapping[str, str] | None = None,
    force: bool = False,
) -> Path:
    """Write the input workbook for ``framework`` to ``path`` atomically; return the path.

    ``levels`` and ``opd`` (by indicator id) pre-fill the sheet, e.g. for a filled example.
    An existing file is refused with an :class:`InputError` (code ``output-exists``) unless
    ``force`` is true.
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
    levels: Mapping[str, int] | None = None,
    opd: Mapping[str, str] | None = None,
) -> Any:
    """The template as an unsaved ``openpyxl.Workbook`` (see :func:`write_template`)."""
    _check_levels(framework, levels or {}, opd or {})
    workbook = openpyxl.Workbook()
    workbook.properties.creator = "spbe-cli"
    workbook.properties.title = framework.label(lang)
    input_sheet = workbook.active
    input_sheet.title = SHEET_INPUT.get(lang)
    rows = _input_sheet(input_sheet, framework, lang, agency, year, levels or {}, opd or {})
    _summary_sheet(workbook.create_sheet(SHEET_SUMMARY.get(lang)), framework, lang, rows)
    _help_sheet(workbook.create_sheet(SHEET_HELP.get(lang)), framework, lang)
    return workbook


def _check_levels(framework: Framework, levels: Mapping[str, int], opd: Mapping[str, str]) -> None:
    """Refuse pre-filled values for unknown indicators or outside the scale (a bug)."""
    unknown = sorted((levels.keys() | opd.keys()) - framework.indicator_by_id.keys())
    if unknown:
        raise ValueError(f"unknown indicator ids: {', '.join(unknown)}")
    scale = framework.scale
    bad = [f"{k}={v}" for k, v in levels.items() if v not in scale.levels or isinstance(v, bool)]
    if bad:
        raise ValueError(f"levels outside {scale.min}-{scale.max}: {', '.join(bad)}")


# -- the input sheet -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _AspectRows:
    """First and last row of an aspect's indicators on the input sheet."""

    domain_id: str
    aspect_id: str
    first: int
    last: int


def _input_sheet(
    sheet: Any,
    framework: Framework,
    lang: Lang,
    agency: str | None,
    year: int | None,
    levels: Mapping[str, int],
    opd: Mapping[str, str],
) -> list[_AspectRows]:
    scale = framework.scale
    words = {
        "min": scale.min,
        "max": scale.max,
        "help": SHEET_HELP.get(lang),
        "summary": SHEET_SUMMARY.get(lang),
    }
    sheet.cell(TITLE_ROW, 1, framework.label(lang)).font = _TITLE
    for row, label, value in (
        (AGENCY_ROW, LABEL_AGENCY, agency),
        (YEAR_ROW, LABEL_YEAR, year),
    ):
        sheet.cell(row, LABEL_COLUMN, label.get(lang)).font = _BOLD
        cell = sheet.cell(row, VALUE_COLUMN)
        _put(cell, value)
        cell.fill = _INPUT_FILL
        cell.alignment = Alignment(horizontal="left")
    sheet.cell(HINT_ROW, 1, _T["hint"].format(**words).get(lang)).font = Font(italic=True)

    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(HEADER_ROW, column, header.get(lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width

    aspects: list[_AspectRows] = []
    row = FIRST_ROW
    for domain in framework.domains:
        for aspect in domain.aspects:
            first = row
            for indicator in aspect.indicators:
                values: tuple[tuple[int, Any], ...] = (
                    (COL_ID, _id_value(indicator.id)),
                    (COL_DOMAIN, domain.label(lang)),
                    (COL_ASPECT, aspect.label(lang)),
                    (COL_NAME, indicator.label(lang)),
                )
                for column, value in values:
                    cell = sheet.cell(row, column)
                    _put(cell, value)
                    cell.alignment = _WRAP if column in (COL_ASPECT, COL_NAME) else _TOP
                lines = max(
                    _lines(aspect.label(lang), _WIDTHS[COL_ASPECT - 1]),
                    _lines(indicator.label(lang), _WIDTHS[COL_NAME - 1]),
                )
                sheet.row_dimensions[row].height = _LINE_HEIGHT * lines
                weight = sheet.cell(row, COL_WEIGHT, exact_value(indicator.weight))
                weight.number_format = "0.00"
                weight.alignment = _TOP
                level = sheet.cell(row, COL_LEVEL, levels.get(indicator.id))
                unit = sheet.cell(row, COL_OPD)
                _put(unit, opd.get(indicator.id))
                for cell in (level, unit, sheet.cell(row, COL_NOTES)):
                    cell.fill = _INPUT_FILL
                    cell.alignment = _TOP
                unit.alignment = _WRAP
                sheet.cell(row, COL_NOTES).alignment = _WRAP
                row += 1
            aspects.append(_AspectRows(domain.id, aspect.id, first, row - 1))
    last = row - 1

    level_range = f"{_col(COL_LEVEL)}{FIRST_ROW}:{_col(COL_LEVEL)}{last}"
    choices = ",".join(str(level) for level in scale.levels)
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle=_T["error_title"].get(lang),
        error=_T["error"].format(**words).get(lang),
        promptTitle=_T["prompt_title"].get(lang),
        prompt=_T["prompt"].format(**words).get(lang),
    )
    validation.add(level_range)
    sheet.add_data_validation(validation)
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
    year_check.add(f"{_col(VALUE_COLUMN)}{YEAR_ROW}")
    sheet.add_data_validation(year_check)
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 1)
    sheet.row_dimensions[HEADER_ROW].height = 20
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _fit_width(sheet)
    return aspects


def _fit_width(sheet: Any) -> None:
    """Print landscape, one page wide."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _lines(text: str, width: int) -> int:
    """About how many lines ``text`` takes when wrapped in a column ``width`` wide."""
    per_line = max(1, int(width * 1.1) - 2)
    return max(1, -(-len(text) // per_line))


def _id_value(indicator_id: str) -> int | str:
    """An id as a number when it is one (``11``), else text (``35-1``)."""
    return (
        int(indicator_id) if indicator_id.isdigit() and indicator_id[0] != "0" else (indicator_id)
    )


def exact_value(value: Fraction) -> int | float | str:
    """A cell value for an exact number: ``13``, ``1.3``, or the formula ``=20/6``."""
    text = format_exact(value)
    if "/" in text:
        return f"={text}"
    return int(text) if value.denominator == 1 else float(text)


def _put(cell: Any, value: object) -> None:
    """Store ``value``; text always as a string cell, never a formula (see ``neutralise``)."""
    if isinstance(value, str):
        cell.value = neutralise(value)
        cell.data_type = "s"
    elif value is not None:
        cell.value = value


def _col(column: int) -> str:
    letter: str = get_column_letter(column)
    return letter


# -- the summary sheet -----------------------------------------------------------------------


def _summary_sheet(
    sheet: Any, framework: Framework, lang: Lang, aspect_rows: Sequence[_AspectRows]
) -> None:
    inp = _quote(SHEET_INPUT.get(lang))
    scale = framework.scale
    first, last = aspect_rows[0].first, aspect_rows[-1].last
    weights = f"{inp}!${_col(COL_WEIGHT)}${{first}}:${_col(COL_WEIGHT)}${{last}}"
    levels = f"{inp}!${_col(COL_LEVEL)}${{first}}:${_col(COL_LEVEL)}${{last}}"

    sheet.cell(1, 1, f"{_T['summary_title'].get(lang)}: {framework.label(lang)}").font = _TITLE
    for row, label, source_row in ((2, LABEL_AGENCY, AGENCY_ROW), (3, LABEL_YEAR, YEAR_ROW)):
        sheet.cell(row, 1, label.get(lang)).font = _BOLD
        ref = f"{inp}!{_col(VALUE_COLUMN)}{source_row}"
        sheet.cell(row, 2, f'=IF({ref}="","",{ref})').alignment = Alignment(horizontal="left")
    note = _T["summary_note"].format(input=SHEET_INPUT.get(lang), min=scale.min)
    sheet.cell(4, 1, note.get(lang)).font = Font(italic=True)

    # Row positions of the three tables below the headline figures.
    headline = 6
    domain_header = headline + 7
    domain_first = domain_header + 1
    aspect_header = domain_first + len(framework.domains) + 1
    aspect_first = aspect_header + 1
    band_header = aspect_first + len(aspect_rows) + 1
    band_first = band_header + 1
    band_last = band_first + len(framework.bands) - 1
    band_mins = f"$B${band_first}:$B${band_last}"
    band_names = f"$A${band_first}:$A${band_last}"
    exact_basis = framework.rounding.rating_basis == "exact"
    places = framework.rounding.places

    def published(ref: str) -> str:
        return f"ROUND(ROUND({ref},9),{places})"

    def rating(published_ref: str, exact_ref: str) -> str:
        basis = f"ROUND({exact_ref},9)" if exact_basis else published_ref
        return f"=LOOKUP({basis},{band_mins},{band_names})"

    table_header: tuple[Text, ...] = (
        Text("No", "No"),
        _T["domain"],
        _T["weight"],
        _T["weighted"],
        _T["index_col"],
        _T["rating"],
    )

    # Domains: Σ is the sum of their aspects' Σ (= Σ NA × BA).
    _header_row(sheet, domain_header, table_header, lang)
    domain_rows: list[int] = []
    position = 0
    for offset, domain in enumerate(framework.domains):
        row = domain_first + offset
        domain_rows.append(row)
        count = len(domain.aspects)
        a_first, a_last = aspect_first + position, aspect_first + position + count - 1
        position += count
        _node_row(
            sheet,
            row,
            domain.id,
            domain.label(lang),
            domain.weight,
            f"=SUM(D{a_first}:D{a_last})",
            published,
            rating,
        )

    # Aspects: Σ = SUMPRODUCT(weights, levels), empty levels counted at the scale minimum.
    aspect_header_texts = (Text("No", "No"), _T["aspect"], *table_header[2:], _T["domain"])
    _header_row(sheet, aspect_header, aspect_header_texts, lang)
    aspect_by_id = {a.id: a for a in framework.aspects}
    for offset, rows in enumerate(aspect_rows):
        row = aspect_first + offset
        aspect = aspect_by_id[rows.aspect_id]
        w = weights.format(first=rows.first, last=rows.last)
        lv = levels.format(first=rows.first, last=rows.last)
        weighted = f"=SUMPRODUCT({w},{lv})"
        if scale.min:
            factor = "" if scale.min == 1 else f"{scale.min}*"
            weighted += f'+{factor}SUMPRODUCT({w},--({lv}=""))'
        _node_row(
            sheet, row, aspect.id, aspect.label(lang), aspect.weight, weighted, published, rating
        )
        _put(sheet.cell(row, 7), _id_value(rows.domain_id))

    # Headline figures.
    total = exact_value(framework.total_weight)
    d_first, d_last = domain_rows[0], domain_rows[-1]
    unrounded = f"SUM(D{d_first}:D{d_last})/{total}"
    r_index, r_rating, r_exact, r_target, r_reached, r_empty = range(headline, headline + 6)
    lines: tuple[tuple[int, Text, object, str | None], ...] = (
        (r_index, _T["index"], f"={published(f'B{r_exact}')}", "0.00"),
        (r_rating, _T["rating"], rating(f"B{r_index}", f"B{r_exact}"), None),
        (r_exact, _T["unrounded"], f"={unrounded}", "0.0000"),
        (r_target, _T["target"], exact_value(framework.target), "0.00"),
        (
            r_reached,
            _T["reached"],
            f"=IF({f'ROUND(B{r_exact},9)' if exact_basis else f'B{r_index}'}>=B{r_target},"
            f'"{_T["yes"].get(lang)}","{_T["no"].get(lang)}")',
            None,
        ),
        (r_empty, _T["empty"], f"=COUNTBLANK({levels.format(first=first, last=last)})", "0"),
    )
    for row, label, value, number_format in lines:
        sheet.cell(row, 1, label.get(lang)).font = _BOLD
        cell = sheet.cell(row, 2, value)
        cell.font = Font(bold=True, size=12) if row in (r_index, r_rating) else _BOLD
        cell.alignment = Alignment(horizontal="left")
        if number_format:
            cell.number_format = number_format

    # Bands, lowest first (LOOKUP needs ascending lower edges).
    _header_row(sheet, band_header, (_T["bands"], _T["band_min"], _T["band_max"]), lang)
    for offset, band in enumerate(framework.bands):
        row = band_first + offset
        sheet.cell(row, 1, band.label(lang))
        sheet.cell(row, 2, exact_value(band.min)).number_format = "0.00"
        sheet.cell(row, 3, exact_value(band.max)).number_format = "0.00"

    for column, width in enumerate((30, 44, 9, 16, 9, 16, 8), start=1):
        sheet.column_dimensions[_col(column)].width = width
    sheet.freeze_panes = "A2"
    _fit_width(sheet)


def _node_row(
    sheet: Any,
    row: int,
    node_id: str,
    name: str,
    weight: Fraction,
    weighted: str,
    published: Callable[[str], str],
    rating: Callable[[str, str], str],
) -> None:
    """A domain or aspect row: No, name, weight, Σ, published index, rating."""
    _put(sheet.cell(row, 1), _id_value(node_id))
    sheet.cell(row, 1).alignment = Alignment(horizontal="left")
    _put(sheet.cell(row, 2), name)
    sheet.cell(row, 3, exact_value(weight)).number_format = "0.00"
    sheet.cell(row, 4, weighted).number_format = "0.00"
    sheet.cell(row, 5, f"={published(f'D{row}/C{row}')}").number_format = "0.00"
    sheet.cell(row, 6, rating(f"E{row}", f"D{row}/C{row}"))


def _header_row(sheet: Any, row: int, texts: Sequence[Text], lang: Lang) -> None:
    for column, text in enumerate(texts, start=1):
        cell = sheet.cell(row, column, text.get(lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL


def _quote(name: str) -> str:
    """A sheet name as a formula reference prefix (quoted when it needs to be)."""
    return name if name.isalnum() else "'" + name.replace("'", "''") + "'"


# -- the instructions sheet ------------------------------------------------------------------


def _help_sheet(sheet: Any, framework: Framework, lang: Lang) -> None:
    scale = framework.scale
    words = {
        "input": SHEET_INPUT.get(lang),
        "summary": SHEET_SUMMARY.get(lang),
        "min": scale.min,
        "max": scale.max,
    }
    row = 1
    sheet.cell(row, 1, _T["help_title"].get(lang)).font = _TITLE
    row += 1
    sheet.cell(row, 1, framework.label(lang)).font = Font(italic=True)
    row += 2
    for line in _T["steps"].format(**words).get(lang).split("\n"):
        sheet.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        sheet.row_dimensions[row].height = 30
        row += 1
    row += 1
    formula = _T["formula"].format(
        total=format_exact(framework.total_weight), places=framework.rounding.places
    )
    sheet.cell(row, 1, formula.get(lang)).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    sheet.row_dimensions[row].height = 45
    row += 2

    sheet.cell(row, 1, _T["levels_title"].get(lang)).font = _TITLE
    row += 1
    for column, text in enumerate((_T["type"], _T["level"], _T["name"], _T["requires"]), 1):
        cell = sheet.cell(row, column, text.get(lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    row += 1
    for type_id, ctype in scale.types.items():
        ids = [i.id for i in framework.indicators if i.type == type_id]
        heading = pick(lang, ctype.name, ctype.name_en)
        if ids:
            heading += f" ({_T['indicators'].get(lang)} {_id_runs(framework, type_id)})"
        sheet.cell(row, 1, heading).font = _BOLD
        for level, info in sorted(ctype.levels.items()):
            sheet.cell(row, 2, level).alignment = Alignment(horizontal="left")
            sheet.cell(row, 3, pick(lang, info.name, info.name_en))
            meaning = pick(lang, info.requires or "", info.requires_en)
            sheet.cell(row, 4, meaning).alignment = Alignment(wrap_text=True)
            row += 1
    row += 1

    sheet.cell(row, 1, _T["bands"].get(lang)).font = _TITLE
    row += 1
    for column, text in enumerate((_T["rating"], _T["band_min"], _T["band_max"]), 1):
        cell = sheet.cell(row, column, text.get(lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    row += 1
    for band in framework.bands:
        sheet.cell(row, 1, band.label(lang))
        sheet.cell(row, 2, exact_value(band.min)).number_format = "0.00"
        sheet.cell(row, 3, exact_value(band.max)).number_format = "0.00"
        row += 1
    basis = (
        "rating_basis_exact"
        if framework.rounding.rating_basis == "exact"
        else ("rating_basis_rounded")
    )
    sheet.cell(row, 1, _T[basis].get(lang)).font = Font(italic=True)
    for column, width in enumerate((44, 8, 26, 70), start=1):
        sheet.column_dimensions[_col(column)].width = width
    _fit_width(sheet)


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
