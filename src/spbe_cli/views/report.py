"""The view of ``spbe report``: everything a report file holds, computed before any writer.

:func:`single_view` (one agency-year, with its plan and evidence check) and
:func:`many_view` (many agency-years: a ranking, or one agency's trend) build a
:class:`ReportView`. Its costlier parts are computed on first use and once: the year
rankings (:func:`spbe_cli.ranking.rank_by_year`), the trend series cut per instrument
(:func:`spbe_cli.compare.compare`, :func:`spbe_cli.compare.instrument_parts`), the score
tracks of a result (:func:`spbe_cli.tracks.compare_tracks`), the plan's top raises and the
work per OPD. :mod:`spbe_cli.writers.report_content` lays the view out as the report's
tables; the Excel, HTML and Markdown writers (:mod:`spbe_cli.writers.registry`) lay those
out in their format.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spbe_cli.compare import Series
    from spbe_cli.evidence.model import EvidenceReport
    from spbe_cli.i18n import Lang
    from spbe_cli.planner import OpdShare, Plan
    from spbe_cli.ranking import YearRanking
    from spbe_cli.results import IndicatorResult, Result
    from spbe_cli.tracks import TrackComparison
    from spbe_cli.writers.report_document import Logo, Report

TOP_RAISES = 5
"""Raises on the first page of a one-agency report."""


@dataclass(frozen=True, slots=True)
class Extras:
    """What every report carries besides its figures: the date, the names to sign, a logo."""

    made: datetime.date = field(default_factory=datetime.date.today)
    prepared_by: str | None = None
    approved_by: str | None = None
    logo: Logo | None = None


@dataclass(frozen=True, slots=True)
class Raise:
    """One indicator's raises in the plan together: from, to, level steps and gain."""

    item: IndicatorResult
    from_level: int | Fraction
    to_level: int
    count: int
    gain: Fraction


@dataclass(frozen=True, slots=True)
class OpdWork:
    """One OPD's part of the work on the first page: indicators raised, level steps and
    its share of the index gain."""

    opd: str | None
    indicators: int
    level_steps: int
    share: Fraction


@dataclass(frozen=True, slots=True)
class TrendPart:
    """The years one instrument measured, and the evaluation years among them without data."""

    series: Series
    missing: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Trend:
    """One agency over the years: the whole series and its parts per instrument (one part
    when one instrument measured every year)."""

    series: Series
    parts: tuple[TrendPart, ...]


def top_raises(plan: Plan, count: int = TOP_RAISES) -> list[Raise]:
    """The plan's raises per indicator, the largest gain first (then plan order)."""
    found: dict[str, Raise] = {}
    for step in plan.steps:
        seen = found.get(step.item.id)
        if seen is None:
            found[step.item.id] = Raise(
                step.item, step.from_level, step.to_level, step.count, step.gain
            )
        else:
            found[step.item.id] = Raise(
                seen.item,
                seen.from_level,
                step.to_level,
                seen.count + step.count,
                seen.gain + step.gain,
            )
    order = {key: position for position, key in enumerate(found)}
    ranked = sorted(found.values(), key=lambda r: (-r.gain, order[r.item.id]))
    return ranked[:count]


def next_raises(result: Result, count: int = TOP_RAISES) -> list[Raise]:
    """Without a plan (target reached): the single raises that add most to the index."""
    return [
        Raise(item, item.level, item.next_level, 1, item.next_gain)
        for item in result.top_gains(count)
    ]


def opd_work(plan: Plan | None, raises: Sequence[Raise]) -> tuple[OpdWork, ...]:
    """Per OPD: the plan's work (largest gain first), or without a plan the raises that add
    most, grouped by OPD with their share of those raises' gain."""
    if plan is not None:
        return tuple(
            OpdWork(part.opd, len({s.item.id for s in part.steps}), part.level_steps, part.share)
            for part in plan.by_opd()
        )
    total = sum((r.gain for r in raises), Fraction(0))
    grouped: dict[str | None, list[Raise]] = {}
    for r in raises:
        grouped.setdefault(r.item.opd, []).append(r)
    work: list[OpdWork] = []
    for opd, items in grouped.items():
        gain = sum((r.gain for r in items), Fraction(0))
        work.append(
            OpdWork(
                opd, len(items), sum(r.count for r in items), gain / total if total else Fraction(0)
            )
        )
    return tuple(work)


def missing_years(series: Series) -> tuple[int, ...]:
    """Evaluation years between the first and the last that have no data."""
    years = [p.year for p in series.points if p.year is not None]
    if not years:
        return series.missing_years
    spacing = series.points[0].framework.planning.round_years
    present = set(years)
    gaps = {y for y in range(min(years), max(years) + 1, spacing) if y not in present}
    return tuple(sorted(gaps | set(series.missing_years)))


def is_trend(results: Sequence[Result]) -> bool:
    """One agency over several distinct years: a trend rather than a ranking."""
    from spbe_cli.compare import agency_key

    agencies = {agency_key(r.assessment.agency) for r in results}
    years = [r.assessment.year for r in results]
    return len(agencies) == 1 and None not in years and len(set(years)) == len(years) > 1


@dataclass(frozen=True)
class ReportView:
    """One report: its results and options, and what its tables need, computed once.

    ``many`` is a report over many agency-years (a ranking, or a trend when
    :attr:`is_trend`); otherwise ``results`` holds the one agency-year, with its ``plan``
    (``None`` once the target is reached), the ``evidence`` check, the ``source`` file's
    name and ``by_opd`` (the plan's details grouped per OPD).
    """

    lang: Lang
    results: tuple[Result, ...]
    extras: Extras = field(default_factory=Extras)
    many: bool = False
    source: str | None = None
    plan: Plan | None = None
    by_opd: bool = False
    evidence: EvidenceReport | None = None
    _tracks: dict[int, TrackComparison | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def result(self) -> Result:
        """The first (for a one-agency report, the only) result."""
        return self.results[0]

    @property
    def shown_plan(self) -> Plan | None:
        """The plan when it has raises (a plan without any is not shown)."""
        return self.plan if self.plan is not None and self.plan.steps else None

    @cached_property
    def is_trend(self) -> bool:
        """Many results of one agency over distinct years: a trend, not a ranking."""
        return self.many and is_trend(self.results)

    @cached_property
    def year_rankings(self) -> tuple[YearRanking, ...]:
        """The agencies ranked within each year, latest year first (each year with its own
        target: the framework's, or --target for all)."""
        from spbe_cli.ranking import rank_by_year

        return tuple(reversed(rank_by_year(self.results)))

    @cached_property
    def trend(self) -> Trend:
        """The one agency's series over the years and its parts per instrument."""
        from spbe_cli.compare import Point, compare, instrument_parts

        series = compare([Point(r) for r in self.results]).series[0]
        parts = tuple(TrendPart(part, missing_years(part)) for part in instrument_parts(series))
        return Trend(series, parts)

    @cached_property
    def raises(self) -> tuple[Raise, ...]:
        """The first page's raises: the plan's largest, or without a plan the single raises
        toward the next rating."""
        plan = self.shown_plan
        return tuple(top_raises(plan) if plan is not None else next_raises(self.result))

    @cached_property
    def work(self) -> tuple[OpdWork, ...]:
        """The first page's work per OPD."""
        return opd_work(self.shown_plan, self.raises)

    @cached_property
    def plan_opds(self) -> tuple[OpdShare, ...]:
        """The shown plan per OPD (largest gain first), for the plan's details."""
        return self.shown_plan.by_opd() if self.shown_plan is not None else ()

    def tracks(self, result: Result) -> TrackComparison | None:
        """``result``'s score tracks side by side, when it was scored on one of several
        (computed on first use, once per result)."""
        if len(result.assessment.tracks) < 2 or result.assessment.track is None:
            return None
        key = id(result)
        if key not in self._tracks:
            from spbe_cli.tracks import compare_tracks

            self._tracks[key] = compare_tracks(result)
        return self._tracks[key]


def single_view(
    result: Result,
    lang: Lang,
    *,
    source: str | None = None,
    plan: Plan | None = None,
    by_opd: bool = False,
    extras: Extras | None = None,
    evidence: EvidenceReport | None = None,
) -> ReportView:
    """The view of one agency-year's report (``plan``: the plan to its target, if any)."""
    return ReportView(lang, (result,), extras or Extras(), False, source, plan, by_opd, evidence)


def many_view(results: Sequence[Result], lang: Lang, *, extras: Extras | None = None) -> ReportView:
    """The view of a report over many agency-years: a ranking, or one agency's trend."""
    return ReportView(lang, tuple(results), extras or Extras(), many=True)


def single_report(result: Result, lang: Lang, **options: object) -> Report:
    """One agency-year's report content (:func:`single_view` laid out as tables), for a
    caller that wants the tables without writing a file."""
    from spbe_cli.writers.report_content import content

    return content(single_view(result, lang, **options))  # type: ignore[arg-type]


def ranking_report(
    results: Sequence[Result], lang: Lang, *, extras: Extras | None = None
) -> Report:
    """Many agency-years' report content (:func:`many_view` laid out as tables)."""
    from spbe_cli.writers.report_content import content

    return content(many_view(results, lang, extras=extras))
