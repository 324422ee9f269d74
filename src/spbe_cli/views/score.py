"""What ``spbe score`` shows: each agency-year's result with its source and, when its file
holds two or more score tracks, every track scored and compared (once); for many agencies,
the ranking and its statistics (once, on first use)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from spbe_cli.ranking import Ranked, Statistics, rank_results, statistics
from spbe_cli.results import Result
from spbe_cli.tracks import TrackComparison, compare_tracks


@dataclass(frozen=True)
class AgencyScore:
    """One scored agency-year and where it was read from."""

    result: Result
    source: str | None = None

    @classmethod
    def made(cls, result: Result, source: str | None = None) -> AgencyScore:
        """As the constructor, without a frozen dataclass's ``object.__setattr__`` per
        field (a national file makes 10,000 of them)."""
        made = object.__new__(cls)
        made.__dict__.update(result=result, source=source)
        return made

    @cached_property
    def tracks(self) -> TrackComparison | None:
        """Every track scored and where they differ, when the file holds two or more."""
        if len(self.result.assessment.tracks) < 2:
            return None
        return compare_tracks(self.result)


@dataclass(frozen=True)
class ScoreView:
    """Everything the score outputs lay out, in input order."""

    agencies: tuple[AgencyScore, ...]

    @property
    def results(self) -> list[Result]:
        """The results, in input order."""
        return [agency.result for agency in self.agencies]

    @property
    def sources(self) -> list[str | None]:
        """Where each result was read from, in input order."""
        return [agency.source for agency in self.agencies]

    @property
    def single(self) -> bool:
        """Whether one agency-year is shown in full (else many, as a ranking)."""
        return len(self.agencies) == 1

    @cached_property
    def ranking(self) -> list[Ranked]:
        """Best index first; equal published figures share a rank."""
        return rank_results(self.results)

    @cached_property
    def statistics(self) -> Statistics:
        """Count, mean, median and ratings of the results, under the first's framework."""
        return statistics(self.results, self.agencies[0].result.framework)


def score_view(results: Sequence[Result], sources: Sequence[str | None] | None = None) -> ScoreView:
    """The view of ``results`` (read from ``sources``, if given)."""
    named = list(sources) if sources is not None else [None] * len(results)
    made = AgencyScore.made
    return ScoreView(tuple([made(r, s) for r, s in zip(results, named, strict=True)]))
