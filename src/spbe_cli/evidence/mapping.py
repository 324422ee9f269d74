"""The workbook's *Bukti Dukung* cells: file names and links, one cell per indicator.

A cell holds items separated by ``;``, ``,`` or line breaks. An item starting with a URL
scheme (``https://``, ``ftp://``) or ``www.`` is a link: it is reported and never
followed, and it is not counted as evidence (nothing says what is behind it). Anything
else is a file name or a path relative to the evidence folder (``\\`` or ``/``).
Surrounding quotes and spaces are dropped; empty items are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPLIT = re.compile(r"[;,\r\n]+")
_LINK = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
_QUOTES = "\"'`\u201c\u201d\u2018\u2019"


@dataclass(frozen=True, slots=True)
class MappedItem:
    """One item of a cell: its text and whether it is a link."""

    text: str
    link: bool


def parse_cell(cell: str) -> list[MappedItem]:
    """The items of a *Bukti Dukung* cell, in order, each once."""
    items: dict[str, MappedItem] = {}
    for raw in _SPLIT.split(cell):
        text = raw.strip().strip(_QUOTES).strip()
        if text and text not in items:
            items[text] = MappedItem(text, bool(_LINK.match(text)))
    return list(items.values())


def parse_mapping(evidence: dict[str, str]) -> dict[str, list[MappedItem]]:
    """Every non-empty cell parsed, by indicator id (cells with no items are left out)."""
    found = {key: parse_cell(cell) for key, cell in evidence.items()}
    return {key: items for key, items in found.items() if items}
