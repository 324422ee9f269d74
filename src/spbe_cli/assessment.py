"""What an input file says about one agency in one year (an :class:`Assessment`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class CellRef:
    """Where a value came from: ``sheet`` and ``cell`` (``Penilaian!C14``) in ``file``.

    For CSV input ``sheet`` is ``None`` and ``cell`` is the spreadsheet-style address the
    value would have if the CSV were opened in Excel (row 1 is the first line).
    """

    file: str
    sheet: str | None
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet else self.cell


@dataclass(slots=True)
class Assessment:
    """Levels by indicator id for one agency-year, with where each value came from.

    ``levels`` maps indicator id (``"11"``, ``"35-1"``) to the integer level; ``opd`` the
    unit responsible for an indicator; ``notes`` free text; ``effort`` the cost of one level
    step of an indicator where the input gives one; ``sources`` the cell of each level.
    ``framework`` is a framework name when the input names one.
    """

    levels: dict[str, int]
    agency: str | None = None
    year: int | None = None
    framework: str | None = None
    opd: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    effort: dict[str, Fraction] = field(default_factory=dict)
    sources: dict[str, CellRef] = field(default_factory=dict)
    origin: CellRef | None = None

    @property
    def label(self) -> str:
        """``agency year`` for messages and tables (either part may be missing)."""
        parts = [self.agency or "", str(self.year) if self.year is not None else ""]
        return " ".join(p for p in parts if p) or "-"
