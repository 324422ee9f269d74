"""The view of ``spbe rank``: the rankings of each year, their statistics inside them
(:class:`~spbe_cli.ranking.YearRanking`, computed by :mod:`spbe_cli.ranking`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spbe_cli.ranking import YearRanking


@dataclass(frozen=True)
class RankView:
    """Everything ``spbe rank`` writes: one ranking per year, in year order (none when no
    agency passes the filters)."""

    rankings: tuple[YearRanking, ...]


def rank_view(rankings: Iterable[YearRanking]) -> RankView:
    """The view of the rankings :func:`spbe_cli.loading.rank_files` made."""
    return RankView(tuple(rankings))
