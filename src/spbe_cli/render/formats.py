"""What every data format shares: the JSON schema version, JSON numbers from exact values,
the framework's JSON part, CSV and Markdown tables with spreadsheet-safe cells.

Serialising JSON (orjson, streamed documents) is :mod:`spbe_cli.render.json_parts`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from spbe_cli.framework import Framework

SCHEMA_VERSION = "1.3"


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def number(value: Decimal | Fraction, places: int = 4) -> float | int:
    """A JSON number: a published Decimal as is, an exact value rounded to ``places``."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return value.numerator
        value = round(Decimal(value.numerator) / Decimal(value.denominator), places)
    return float(value)


def framework_dict(fw: Framework) -> dict[str, Any]:
    """The framework a result was scored under: id, title, source; status, sources and
    tiers (added in 1.1)."""
    return {
        "id": fw.id,
        "title": fw.title,
        "source": fw.source,
        "status": fw.status,
        "sources": list(fw.sources),
        "index_name": fw.index_name,
        "bands_closed": fw.bands_closed,
        "tiers": [
            {"id": t.id, "key": t.key, "code": t.code, "name": t.name, "name_en": t.name_en}
            for t in fw.tiers
        ],
    }


def neutralise(value: object) -> object:
    """A cell value safe for spreadsheets: text starting with ``= + - @`` gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, neutralised: bool = False
) -> str:
    """CSV with formula-injection protection on every text cell (``neutralised``: the
    rows' maker has already protected every cell that can need it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    if neutralised:
        writer.writerows(rows)
        return buffer.getvalue()
    prefixes = FORMULA_PREFIXES
    for row in rows:
        writer.writerow(
            ["'" + v if isinstance(v, str) and v.startswith(prefixes) else v for v in row]
        )
    return buffer.getvalue()


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; ``|`` and newlines in cells are escaped."""

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"
