"""The view of ``spbe evidence``: an evidence check laid out for every format.

The check itself (:func:`spbe_cli.evidence.check_assessment`) yields an
:class:`~spbe_cli.evidence.model.EvidenceReport`; the view adds the order a person reads
the claims at risk in, computed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spbe_cli.evidence.model import EvidenceReport, IndicatorRow


@dataclass(frozen=True)
class EvidenceView:
    """What ``spbe evidence`` shows: one agency's report."""

    report: EvidenceReport

    @cached_property
    def at_risk(self) -> tuple[IndicatorRow, ...]:
        """The claims that will not stand, the largest risk first (ties in framework
        order)."""
        return tuple(sorted((r for r in self.report.rows if r.at_risk), key=lambda r: -r.risk))
