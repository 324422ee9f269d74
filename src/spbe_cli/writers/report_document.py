"""The format-neutral report document: labelled tables, charts, the first page, cells.

A :class:`Report` holds a title, the first page (:attr:`Report.front`: small tables that
answer where we are, where we must get, what to do and who does it), plain notes (the
framework, assumptions), the detail tables, charts pointing at a table's columns, the date
it was made, a signature block and an optional logo. The Excel, HTML and Markdown writers
only lay it out, so the three formats always carry the same content.

Cell values are ``str``, ``int``, ``Decimal`` (a figure with its decimal places, e.g. a
published index ``1.53`` or a gain ``0.0130``), :class:`Delta` (a signed change, ``+0.82``),
:class:`BandValue` (a rating, coloured by its position) or ``None``. Text that came from an
input file is neutralised against formula injection when the tables are built, so every
format gets the same inert text. The words of a report are in
:mod:`spbe_cli.writers.report_words`; what goes into a report, in
:mod:`spbe_cli.writers.report_content`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from spbe_cli.exact import fixed, round_half_up
from spbe_cli.framework import Band, Framework
from spbe_cli.i18n import Lang
from spbe_cli.render.formats import neutralise
from spbe_cli.writers.report_words import t

FINE_PLACES = 4
CHART_LIMIT = 40
BAND_COLOURS = ("F4B6B6", "FCE4A8", "C6EFCE", "BDD7EE", "D9C3E9")


class BandValue(NamedTuple):
    """A rating cell: its label and position among ``bands`` ratings (0 is the lowest)."""

    label: str
    position: int
    bands: int


class Delta(NamedTuple):
    """A signed change (``+0.82``, ``-1``): shown with its sign, kept a number in Excel."""

    value: Decimal


Value = str | int | Decimal | Delta | BandValue | None


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A titled table; ``key`` names it (``domains``), ``sheet`` is its worksheet name.

    ``note`` is a line shown under the table (what a code or a mark means).
    """

    key: str
    title: str
    sheet: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    freeze_columns: int = 0
    note: str = ""
    chart_page: bool = False
    """The table is a chart's data: the chart stands on a page (HTML, printed) or a sheet
    (Excel) of its own, above or beside this short table, never under a long one."""


@dataclass(frozen=True, slots=True)
class ReportChart:
    """A chart over rows ``0..count`` of table ``table``: labels, values, target columns.

    ``kind`` is ``bar`` (bars against a target line) or ``radar``; ``high`` is the top of
    the value axis (the scale's maximum level), which starts at 0. Rows whose value is
    ``None`` (a year without data) are drawn as gaps.
    """

    kind: str
    title: str
    table: str
    label_column: int
    value_column: int
    target_column: int
    count: int
    high: int
    series: tuple[str, str]


@dataclass(frozen=True, slots=True)
class Logo:
    """An image for the report's header: PNG or JPEG bytes with their pixel size."""

    data: bytes
    format: str  # "png" or "jpeg"
    width: int
    height: int

    @property
    def mime(self) -> str:
        """``image/png`` or ``image/jpeg``."""
        return f"image/{self.format}"


@dataclass(frozen=True, slots=True)
class Signature:
    """The signature block: two labelled places, a name under each or a blank line."""

    date_line: str
    prepared_label: str
    prepared_by: str | None
    approved_label: str
    approved_by: str | None
    blank: str = "(" + "." * 40 + ")"

    def columns(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """``(label, name or blank)`` for ``Disusun oleh`` and ``Mengetahui``."""
        return (
            (self.prepared_label, self.prepared_by or self.blank),
            (self.approved_label, self.approved_by or self.blank),
        )


@dataclass(frozen=True, slots=True)
class Report:
    """A whole report.

    ``front`` are the first page's tables (each titled with the question it answers),
    ``notes`` plain sentences about the framework and assumptions, ``tables`` the details
    in order, ``made`` the date line, ``note`` the closing line.
    """

    lang: Lang
    title: str
    subtitle: str
    tables: tuple[ReportTable, ...]
    charts: tuple[ReportChart, ...]
    note: str
    front: tuple[ReportTable, ...] = ()
    front_title: str = ""
    notes: tuple[str, ...] = ()
    notes_title: str = ""
    made: str = ""
    signature: Signature | None = None
    logo: Logo | None = None
    details_title: str = ""

    def table(self, key: str) -> ReportTable:
        """The table called ``key`` (first page or details)."""
        return next(t for t in (*self.front, *self.tables) if t.key == key)

    def charts_after(self, key: str) -> list[ReportChart]:
        """Charts drawn from table ``key``."""
        return [c for c in self.charts if c.table == key]


def safe(text: str | None) -> str:
    """Input-derived text, neutralised against formula injection (``=`` ``+`` ``-`` ``@``)."""
    return str(neutralise(text or ""))


def fine(value: Fraction) -> Decimal:
    """A small exact figure (contribution, gain) rounded half-up to four places."""
    return round_half_up(value, FINE_PLACES)


def band_value(framework: Framework, band: Band, lang: Lang, *, full: bool = False) -> BandValue:
    """A rating cell for ``band`` (``full``: with its alias, ``Kurang (Merintis)``)."""
    label = band.full_label(lang) if full else band.label(lang)
    return BandValue(label, framework.bands.index(band), len(framework.bands))


def band_colour(band: BandValue) -> str:
    """The fill colour (``RRGGBB``) of a rating: red for the lowest to purple for the top."""
    top = band.bands - 1
    scaled = round(band.position * (len(BAND_COLOURS) - 1) / top) if top > 0 else 0
    return BAND_COLOURS[scaled]


def band_range(framework: Framework, band: Band, lang: Lang) -> str:
    """``1,80 sampai di bawah 2,60``; Pemdi ``di atas 1,50 sampai 2,50``."""
    return framework.band_range(band, lang)


def level_cell(value: int | Fraction) -> int | Decimal:
    """An indicator value as a cell: a whole level, or a decimal (rounded to 4 places)."""
    if isinstance(value, int):
        return value
    if value.denominator == 1:
        return value.numerator
    return round_half_up(value, FINE_PLACES).normalize()


def level_text(value: int | Fraction, lang: Lang) -> str:
    """A level as text: ``2``, ``1,26``."""
    cell = level_cell(value)
    return str(cell) if isinstance(cell, int) else decimal_text(cell, lang)


def ident(value: str | None) -> int | str | None:
    """An id as a number when it is one (``"11"`` -> 11, ``"35-1"`` stays text)."""
    return int(value) if value is not None and value.isdigit() else value


def places_of(value: Decimal) -> int:
    """The decimal places a figure is shown with (``1.53`` -> 2, ``7`` -> 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def decimal_text(value: Decimal, lang: Lang) -> str:
    """A figure with its decimals, a decimal comma in Indonesian (``1,53``)."""
    return fixed(value, places_of(value), lang)


def signed_text(value: Decimal, lang: Lang) -> str:
    """``+0,82``, ``-0,10``, ``0,00``."""
    text = decimal_text(abs(value), lang)
    return text if not value else ("+" if value > 0 else "-") + text


def cell_text(value: Value, lang: Lang = "en") -> str:
    """A cell's text: figures with their decimals (a decimal comma in Indonesian), changes
    with their sign, text neutralised, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, BandValue):
        return str(neutralise(value.label))
    if isinstance(value, Delta):
        return signed_text(value.value, lang)
    if isinstance(value, Decimal):
        return decimal_text(value, lang)
    return str(neutralise(value)) if isinstance(value, str) else str(value)


def chart(
    kind: str,
    title: str,
    table: str,
    columns: tuple[int, int, int],
    count: int,
    high: int,
    lang: Lang,
) -> ReportChart:
    """A chart of ``table``; ``columns`` are its label, value and target columns."""
    label, value, target = columns
    series = (t("index", lang), t("target", lang))
    return ReportChart(kind, title, table, label, value, target, count, high, series)


def bands_table(framework: Framework, lang: Lang) -> ReportTable:
    """Every rating with its index range, lowest first."""
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (band_value(framework, band, lang, full=True), band_range(framework, band, lang))
        for band in framework.bands
    )
    header = (t("rating", lang), t("range", lang))
    return ReportTable("bands", t("bands_title", lang), t("bands", lang), header, rows)
