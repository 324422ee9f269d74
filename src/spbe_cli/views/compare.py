"""The view of ``spbe compare``: the comparison, the falls a regression check found, and
each agency cut into its instruments (:func:`~spbe_cli.compare.instrument_parts`).

The cut is computed once, on first use: JSON and CSV never need it, the terminal and
Markdown do.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spbe_cli.compare import (
    Comparison,
    Regression,
    RegressionCheck,
    Series,
    Step,
    crossings,
    instrument_parts,
)


@dataclass(frozen=True)
class SeriesView:
    """One agency: its series, the series cut where the instrument changes (``pieces``,
    one when a single instrument measured every year) and the steps between instruments
    (``crossings``, one fewer than ``pieces``)."""

    series: Series
    pieces: tuple[Series, ...]
    crossings: tuple[Step, ...]


@dataclass(frozen=True)
class CompareView:
    """Everything ``spbe compare`` writes: the comparison and, when a regression check ran,
    its falls (``None`` when none ran)."""

    comparison: Comparison
    falls: tuple[Regression, ...] | None = None

    @cached_property
    def series(self) -> tuple[SeriesView, ...]:
        """Each agency with its instrument parts, in the comparison's order."""
        return tuple(series_parts(s) for s in self.comparison.series)


def series_parts(series: Series) -> SeriesView:
    """One agency's series with its instrument parts and the steps between them."""
    return SeriesView(series, instrument_parts(series), crossings(series))


def compare_view(comparison: Comparison, check: RegressionCheck | None = None) -> CompareView:
    """The view of a comparison and, when one ran, its regression check."""
    return CompareView(comparison, None if check is None else check.regressions)
