"""The template's **Ringkasan** (Summary) sheet, and the cell helpers both its sheets share.

Live formulas over the input sheet, generic over the framework's tiers:

* a table per group tier, top-down, headed by the tier's heading (SPBE: Domain, Aspek;
  Pemdi: Aspek), each row ``No | name | Bobot | Σ bobot × nilai | Indeks | Predikat``
  (lower tiers add the parent's id);
* on the lowest group tier ``Σ = SUMPRODUCT(weights, values)`` over the group's
  contiguous indicator rows; an empty value counts at the scale's minimum (an extra
  ``SUMPRODUCT`` over the empty cells) and an empty external indicator at its external
  default (an ``IF`` per such indicator whose default is not the minimum);
* on each upper tier ``Σ = SUM`` of its children's ``Σ`` (contiguous in the table below);
* the index is the top tier's ``Σ`` over the total weight; every published figure is
  ``ROUND(ROUND(x, 9), places)`` (the inner round drops binary noise such as
  1.5249999999999997 before rounding half-up) and every rating a ``LOOKUP`` in the band
  table at the bottom of the sheet (band names with their alias, ``Kurang (Merintis)``).

Excel computes in binary floats; the exact figure is the one ``spbe score`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from spbe_cli import glossary
from spbe_cli.framework import Band, Framework, Group, format_exact
from spbe_cli.i18n import Lang, Text
from spbe_cli.render.formats import neutralise

# -- shared by the sheets ---------------------------------------------------------------------

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
EXTERNAL_FILL = PatternFill("solid", fgColor="E2EFDA")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
BOLD = Font(bold=True, size=11)
TITLE = Font(bold=True, size=14)
ITALIC = Font(italic=True, size=11)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
LEFT = Alignment(horizontal="left", vertical="top")
LINE_HEIGHT = 15
"""Points per line of wrapped text (Calibri 11)."""

SHEET_INPUT = Text("Penilaian", "Assessment")
SHEET_SUMMARY = glossary.SUMMARY
SHEET_HELP = Text("Petunjuk", "Instructions")
LABEL_AGENCY = glossary.AGENCY
LABEL_YEAR = glossary.YEAR
LABEL_FRAMEWORK = glossary.FRAMEWORK

_T = {
    "title": Text("Ringkasan {index}", "{index} summary"),
    "note": Text(
        "Dihitung langsung dari lembar {input}; selama belum lengkap, nilai kosong dihitung "
        "sebagai {min}{external}. Angka resmi (eksak): spbe score NAMA-BERKAS.xlsx",
        "Computed live from the {input} sheet; until it is complete an empty value counts "
        "as {min}{external}. The exact figure: spbe score FILE.xlsx",
    ),
    "note_external": Text(
        " (indikator eksternal: nilai bawaannya)", " (external indicators: their default)"
    ),
    "rating": glossary.RATING,
    "unrounded": Text("Indeks tanpa pembulatan", "Index before rounding"),
    "target": glossary.TARGET,
    "reached": glossary.TARGET_REACHED,
    "yes": Text("Ya", "Yes"),
    "no": Text("Belum", "Not yet"),
    "empty": Text("Nilai kosong", "Empty values"),
    "weighted": Text("Σ bobot × nilai", "Σ weight × value"),
    "weight": glossary.WEIGHT,
    "index_col": glossary.INDEX,
    "bands": Text("Predikat (batas bawah termasuk)", "Ratings (lower edge included)"),
    "bands_top": Text("Predikat (batas atas termasuk)", "Ratings (upper edge included)"),
    "band_min": Text("Batas bawah", "Lower edge"),
    "band_max": Text("Batas atas", "Upper edge"),
    "band_floor": Text("Mulai dari (angka terbit)", "From (published figure)"),
    "band_range": Text("Rentang", "Range"),
}


def exact_value(value: Fraction) -> int | float | str:
    """A cell value for an exact number: ``13``, ``1.3``, or the formula ``=20/6``."""
    text = format_exact(value)
    if "/" in text:
        return f"={text}"
    return int(text) if value.denominator == 1 else float(text)


def put(cell: Any, value: object) -> None:
    """Store ``value``; text always as a string cell, never a formula (see ``neutralise``)."""
    if isinstance(value, str):
        cell.value = neutralise(value)
        cell.data_type = "s"
    elif value is not None:
        cell.value = value


def col(column: int) -> str:
    """A column's letters (1 -> ``A``)."""
    letter: str = get_column_letter(column)
    return letter


def id_value(node_id: str) -> int | str:
    """An id as a number when it is one (``11``), else text (``35-1``, ``1.1``)."""
    return int(node_id) if node_id.isdigit() and node_id[0] != "0" else node_id


def lines(text: str, width: float) -> int:
    """About how many lines ``text`` takes when wrapped in a column ``width`` wide."""
    per_line = max(1, int(width * 1.1) - 2)
    return max(1, -(-len(text) // per_line))


def number_format(places: int) -> str:
    """``0.00`` for 2 places (Excel shows the local decimal separator)."""
    return "0." + "0" * places if places else "0"


def header_row(sheet: Any, row: int, texts: Sequence[Text], lang: Lang) -> None:
    """A bold, shaded header row starting in column A."""
    for column, text in enumerate(texts, start=1):
        cell = sheet.cell(row, column, text.get(lang))
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def quote(name: str) -> str:
    """A sheet name as a formula reference prefix (quoted when it needs to be)."""
    return name if name.isalnum() else "'" + name.replace("'", "''") + "'"


def band_edge(framework: Framework, band: Band) -> Fraction:
    """The number the rating formula reads for ``band`` (:func:`rating_formula`)."""
    if framework.rounding.rating_basis == "exact":
        return band.max if framework.bands_closed == "top" else band.min
    return framework.band_floor(band)


def rating_formula(framework: Framework, basis: str, edges: str, names: str) -> str:
    """The formula rating the figure ``basis`` from the band table (``edges``: the
    :func:`band_edge` column, ``names``: the names). A published figure is rated by the
    lowest published figure of each band (LOOKUP; both edge conventions); an exact figure
    by the lower edges, or, when bands close at the top, by counting the upper edges below
    it."""
    if framework.rounding.rating_basis == "exact" and framework.bands_closed == "top":
        return f"INDEX({names},SUMPRODUCT(--({edges}<{basis}))+1)"
    return f"LOOKUP({basis},{edges},{names})"


def band_rows(sheet: Any, framework: Framework, lang: Lang, first: int) -> int:
    """The band table's rows from ``first``: full name, the edge the rating formula reads
    (:func:`band_edge`), range text. Returns the last row."""
    row = first
    for band in framework.bands:
        put(sheet.cell(row, 1), band.full_label(lang))
        edge = sheet.cell(row, 2, exact_value(band_edge(framework, band)))
        edge.number_format = number_format(framework.rounding.places)
        edge.alignment = LEFT
        put(sheet.cell(row, 3), framework.band_range(band, lang))
        row += 1
    return row - 1


def band_headers(framework: Framework) -> tuple[Text, Text, Text]:
    """The band table's header: rating, the edge column's meaning, range."""
    if framework.rounding.rating_basis == "exact":
        edge = _T["band_max"] if framework.bands_closed == "top" else _T["band_min"]
    else:
        edge = _T["band_floor"]
    return (_T["rating"], edge, _T["band_range"])


def bands_title(framework: Framework) -> Text:
    """The band table's title, saying which edge each band includes."""
    return _T["bands_top"] if framework.bands_closed == "top" else _T["bands"]


def print_setup(sheet: Any, lang: Lang, *, landscape: bool, title_rows: str | None = None) -> None:
    """A4, one page wide (as many pages down as needed), page numbers in the footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.left.size = 10
    sheet.oddFooter.center.text = Text("Halaman &P dari &N", "Page &P of &N").get(lang)
    sheet.oddFooter.center.size = 10


# -- the summary sheet ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InputRefs:
    """Where the summary's formulas read on the input sheet."""

    sheet: str
    weight_column: int
    value_column: int
    value_label_column: int
    agency_row: int
    year_row: int
    rows: Mapping[str, int]
    """The row of each indicator, by id."""


def summary_sheet(sheet: Any, framework: Framework, lang: Lang, refs: InputRefs) -> None:
    """Fill ``sheet`` with the live summary of the input sheet ``refs`` describes."""
    inp = quote(refs.sheet)
    scale = framework.scale
    places = framework.rounding.places
    fmt = number_format(places)
    exact_basis = framework.rounding.rating_basis == "exact"
    w_col, v_col = col(refs.weight_column), col(refs.value_column)
    ids = [i.id for i in framework.indicators]
    first, last = refs.rows[ids[0]], refs.rows[ids[-1]]

    title = _T["title"].format(index=framework.index_label(lang)).get(lang)
    put(sheet.cell(1, 1), f"{title}: {framework.label(lang)}")
    sheet.cell(1, 1).font = TITLE
    for row, label, source_row in (
        (2, LABEL_AGENCY, refs.agency_row),
        (3, LABEL_YEAR, refs.year_row),
    ):
        sheet.cell(row, 1, label.get(lang)).font = BOLD
        ref = f"{inp}!{col(refs.value_label_column)}{source_row}"
        sheet.cell(row, 2, f'=IF({ref}="","",{ref})').alignment = LEFT
    external = _T["note_external"].get(lang) if framework.external_ids else ""
    note = _T["note"].format(input=refs.sheet, min=scale.min, external=external).get(lang)
    sheet.cell(4, 1, note).font = ITALIC
    sheet.cell(4, 1).alignment = WRAP
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=7)
    sheet.row_dimensions[4].height = LINE_HEIGHT * lines(note, 120)
    # Row 5 stays empty, as on the input sheet, for a remark (the examples use it).

    # Row positions: headline figures, a table per group tier, the band table.
    headline = 6
    tiers = framework.group_tiers
    tier_nodes = framework.tier_nodes
    table_first: list[int] = []  # first node row of each tier's table
    row = headline + 7
    for nodes in tier_nodes:
        table_first.append(row + 2)  # title, header, then the nodes
        row += 2 + len(nodes) + 1
    band_title = row
    band_first = band_title + 2
    band_last = band_first + len(framework.bands) - 1
    band_edges = f"$B${band_first}:$B${band_last}"
    band_names = f"$A${band_first}:$A${band_last}"

    def published(ref: str) -> str:
        return f"ROUND(ROUND({ref},9),{places})"

    def rating(published_ref: str, exact_ref: str) -> str:
        basis = f"ROUND({exact_ref},9)" if exact_basis else published_ref
        return "=" + rating_formula(framework, basis, band_edges, band_names)

    def leaf_sum(leaves: Sequence[str]) -> str:
        """Σ weight × value over contiguous indicator rows, empty cells at their default."""
        r1, r2 = refs.rows[leaves[0]], refs.rows[leaves[-1]]
        w = f"{inp}!${w_col}${r1}:${w_col}${r2}"
        v = f"{inp}!${v_col}${r1}:${v_col}${r2}"
        text = f"SUMPRODUCT({w},{v})"
        if scale.min:
            factor = "" if scale.min == 1 else f"{scale.min}*"
            text += f'+{factor}SUMPRODUCT({w},--({v}=""))'
        for key in leaves:
            external = framework.indicator_by_id[key].external
            if external is None or external.default == scale.min:
                continue
            extra = format_exact(external.default - scale.min)
            extra = f"({extra})" if "/" in extra or extra.startswith("-") else extra
            r = refs.rows[key]
            text += f'+IF({inp}!${v_col}${r}="",{extra}*{inp}!${w_col}${r},0)'
        return text

    # Group tiers, top-down; each upper node's Σ sums its children's rows in the next table.
    for depth, (tier, nodes) in enumerate(zip(tiers, tier_nodes, strict=True)):
        title_row = table_first[depth] - 2
        sheet.cell(title_row, 1, tier.heading(lang)).font = TITLE
        texts: list[Text] = [
            glossary.NO,
            Text(tier.name, tier.name_en or tier.name),
            _T["weight"],
            _T["weighted"],
            _T["index_col"],
            _T["rating"],
        ]
        if depth:
            parent = tiers[depth - 1]
            texts.append(Text(parent.name, parent.name_en or parent.name))
        header_row(sheet, title_row + 1, texts, lang)
        child_row = table_first[depth + 1] if depth + 1 < len(tier_nodes) else 0
        for offset, node in enumerate(nodes):
            row = table_first[depth] + offset
            if node.nodes:
                count = len(node.nodes)
                weighted = f"=SUM(D{child_row}:D{child_row + count - 1})"
                child_row += count
            else:
                weighted = "=" + leaf_sum([i.id for i in node.leaves])
            _node_row(sheet, row, node, lang, weighted, fmt, published, rating)
            if depth:
                found = framework.group_parents.get((depth, node.id))
                if found is not None:
                    put(sheet.cell(row, 7), id_value(found.id))
                    sheet.cell(row, 7).alignment = LEFT

    # Headline figures.
    total = format_exact(framework.total_weight)
    total = f"({total})" if "/" in total else total
    if tier_nodes:
        top = table_first[0]
        unrounded = f"SUM(D{top}:D{top + len(tier_nodes[0]) - 1})/{total}"
    else:
        unrounded = f"({leaf_sum(ids)})/{total}"
    r_index, r_rating, r_exact, r_target, r_reached, r_empty = range(headline, headline + 6)
    reached_basis = f"ROUND(B{r_exact},9)" if exact_basis else f"B{r_index}"
    v_range = f"{inp}!${v_col}${first}:${v_col}${last}"
    headline_rows: tuple[tuple[int, str, object, str | None], ...] = (
        (r_index, framework.index_label(lang), f"={published(f'B{r_exact}')}", fmt),
        (r_rating, _T["rating"].get(lang), rating(f"B{r_index}", f"B{r_exact}"), None),
        (r_exact, _T["unrounded"].get(lang), f"={unrounded}", "0.0000"),
        (r_target, _T["target"].get(lang), exact_value(framework.target), fmt),
        (
            r_reached,
            _T["reached"].get(lang),
            f'=IF({reached_basis}>=B{r_target},"{_T["yes"].get(lang)}","{_T["no"].get(lang)}")',
            None,
        ),
        (r_empty, _T["empty"].get(lang), f"=COUNTBLANK({v_range})", "0"),
    )
    for row, caption, value, cell_format in headline_rows:
        put(sheet.cell(row, 1), caption)
        sheet.cell(row, 1).font = BOLD
        cell = sheet.cell(row, 2, value)
        cell.font = Font(bold=True, size=12) if row in (r_index, r_rating) else BOLD
        cell.alignment = LEFT
        if cell_format:
            cell.number_format = cell_format

    # Bands, lowest first (LOOKUP needs ascending edges).
    sheet.cell(band_title, 1, bands_title(framework).get(lang)).font = TITLE
    header_row(sheet, band_title + 1, band_headers(framework), lang)
    band_rows(sheet, framework, lang, band_first)

    for column, width in enumerate((24, 42, 9, 15, 9, 24, 9), start=1):
        sheet.column_dimensions[col(column)].width = width
    sheet.freeze_panes = "A2"
    print_setup(sheet, lang, landscape=True)


def _node_row(
    sheet: Any,
    row: int,
    node: Group,
    lang: Lang,
    weighted: str,
    fmt: str,
    published: Callable[[str], str],
    rating: Callable[[str, str], str],
) -> None:
    """A group's row: No, name, weight, Σ, published index, rating."""
    put(sheet.cell(row, 1), id_value(node.id))
    sheet.cell(row, 1).alignment = LEFT
    put(sheet.cell(row, 2), node.label(lang))
    sheet.cell(row, 2).alignment = WRAP
    sheet.row_dimensions[row].height = LINE_HEIGHT * lines(node.label(lang), 42)
    weight = sheet.cell(row, 3, exact_value(node.weight))
    weight.number_format = fmt
    sheet.cell(row, 4, weighted).number_format = "0.00##"
    sheet.cell(row, 5, f"={published(f'D{row}/C{row}')}").number_format = fmt
    sheet.cell(row, 6, rating(f"E{row}", f"D{row}/C{row}"))
    for column in (3, 4, 5, 6):
        sheet.cell(row, column).alignment = TOP
