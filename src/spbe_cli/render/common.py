"""Figures and labels every view shares: numbers as people read them (``2,95`` in
Indonesian), weights as the regulation prints them, indicator and track names, rating
colours, plain aligned columns. No rich, no computing: text from what is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction

from spbe_cli import glossary
from spbe_cli.exact import fixed, round_half_up
from spbe_cli.framework import Band, Framework, Indicator, format_exact
from spbe_cli.i18n import Lang
from spbe_cli.results import Result

BAND_STYLES = ("red", "yellow", "green", "cyan", "bold magenta")


TERMINAL_ROWS = 20
"""Ranking rows a terminal shows before "N more" (``--all`` shows every row)."""


TRACK_NAMES = glossary.TRACK_NAMES
"""Score track names for people (said in :mod:`spbe_cli.glossary`)."""


def track_label(name: str, lang: Lang) -> str:
    """A score track's name for people (``Mandiri``, ``Akhir``)."""
    known = TRACK_NAMES.get(name)
    return known.get(lang) if known else name


def band_style(result: Result, band: Band) -> str:
    """A colour per rating, lowest red to highest magenta."""
    position = result.framework.bands.index(band)
    top = len(result.framework.bands) - 1
    scaled = round(position * (len(BAND_STYLES) - 1) / top) if top else 0
    return BAND_STYLES[scaled]


def fmt(value: Decimal | Fraction | int, places: int = 2, lang: Lang = "en") -> str:
    """A figure with ``places`` decimals (exact values rounded half-up); comma in Indonesian."""
    return fixed(value, places, lang)


def signed(value: Decimal | Fraction, places: int = 2, lang: Lang = "en") -> str:
    """``+0,12`` / ``-0,18`` / ``0,00`` (what rounds to zero has no sign)."""
    rounded = value if isinstance(value, Decimal) else round_half_up(value, places)
    text = fmt(abs(rounded), places, lang)
    if not rounded.quantize(Decimal(1).scaleb(-places)):
        return text
    return ("+" if rounded > 0 else "-") + text


def weight_text(weight: Fraction, lang: Lang = "en") -> str:
    """A weight as the regulation prints it (``1.30``, ``16.50``), or ``10/3`` if inexact."""
    text = format_exact(weight)
    if "/" in text:
        return text
    whole, _, decimals = text.partition(".")
    shown = f"{whole}.{decimals.ljust(2, '0')}"
    return shown.replace(".", ",") if lang == "id" else shown


def short_name(name: str) -> str:
    """An indicator name without the prefix every indicator shares ("Tingkat Kematangan")."""
    for prefix in ("Tingkat Kematangan ", "Maturity of "):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def indicator_name(indicator: Indicator, lang: Lang) -> str:
    """An indicator's name for a table: the file's short name, else the name without the
    prefix every indicator shares."""
    return short_name(indicator.short_label(lang))


def aligned_lines(
    header: Sequence[str], rows: Sequence[Sequence[str]], left: set[int]
) -> Iterator[str]:
    """A header and rows as plain text in aligned columns (two spaces apart; the columns
    in ``left`` flush left, the others right), each line ending in a newline."""
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    for row in [header, *rows]:
        yield (
            "  ".join(
                cell.ljust(w) if c in left else cell.rjust(w)
                for c, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            + "\n"
        )


def style_of(framework: Framework, band: Band) -> str:
    """A colour per rating of ``framework``, lowest red to highest magenta (a band the
    framework does not hold gets the lowest)."""
    names = [b.name for b in framework.bands]
    top = len(names) - 1
    position = names.index(band.name) if band.name in names else 0
    return BAND_STYLES[round(position * (len(BAND_STYLES) - 1) / top) if top else 0]
