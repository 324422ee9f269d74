"""What an input file says about one agency in one year (an :class:`Assessment`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from spbe_cli.lazy import LazyDict
from spbe_cli.packing import PackedLevels

Value = int | Fraction


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

    ``levels`` maps indicator id (``"11"``, ``"35-1"``) to its value: a whole level
    (``int``) or, on a decimal scale, an exact decimal (``Fraction``: 63/50 for 1.26);
    ``opd`` the unit responsible for an indicator; ``notes`` free text; ``effort`` the cost
    of one level step of an indicator where the input gives one; ``sources`` the cell of each level;
    ``evidence`` the *Bukti Dukung* cell (file names or links). ``framework`` is a framework
    name when the input names one. ``tracks`` holds the values of every score track read
    (``mandiri``, ``verifikasi``, ``akhir``, ``target``, or ``nilai`` for a plain value
    column), and ``track`` names the one in ``levels``; ``columns`` the header cell each
    track was read from (``{"mandiri": "Nilai Mandiri (C4)"}``), where a sheet names one.
    """

    levels: dict[str, Value]
    agency: str | None = None
    year: int | None = None
    framework: str | None = None
    opd: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    effort: dict[str, Fraction] = field(default_factory=dict)
    sources: dict[str, CellRef] = field(default_factory=dict)
    origin: CellRef | None = None
    track: str | None = None
    tracks: dict[str, dict[str, Value]] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)

    def plain_levels(self) -> dict[str, Value]:
        """:attr:`levels` as a plain dict, for reading many of them: a row the reader kept
        lazily (:class:`~spbe_cli.packing.PackedLevels`) is made into one, once."""
        levels = self.levels
        if levels.__class__ is not dict:
            levels = self.levels = levels.plain() if isinstance(levels, LazyDict) else dict(levels)
        return levels

    def gives(self, ids: Sequence[str]) -> bool:
        """Whether :attr:`levels` has a value for every one of ``ids`` (a packed row
        answers without making its dict)."""
        levels = self.levels
        if isinstance(levels, PackedLevels):
            return levels.gives(ids)
        return levels.keys() >= set(ids)

    def values_of(self, ids: Sequence[str]) -> Sequence[Value]:
        """The levels of ``ids`` in that order (each must be given), read straight from a
        packed row without making its dict."""
        levels = self.levels
        if isinstance(levels, PackedLevels):
            return levels.values_of(ids)
        return [levels[key] for key in ids]

    @property
    def label(self) -> str:
        """``agency year`` for messages and tables (either part may be missing)."""
        parts = [self.agency or "", str(self.year) if self.year is not None else ""]
        return " ".join(p for p in parts if p) or "-"


def opd_key(name: str) -> str:
    """An OPD name folded for grouping: case and spacing ignored (``Diskominfo``,
    ``diskominfo`` and ``DISKOMINFO  `` are one OPD)."""
    return " ".join(name.split()).casefold()


def fold_opds(opd: dict[str, str], known: dict[str, str] | None = None) -> dict[str, str]:
    """``opd`` with every name spelled as its OPD's first spelling (in the order given,
    after ``known``: fold key -> spelling, updated in place), surrounding spaces dropped."""
    first = known if known is not None else {}
    folded: dict[str, str] = {}
    for key, name in opd.items():
        folded[key] = first.setdefault(opd_key(name), " ".join(name.split()))
    return folded
