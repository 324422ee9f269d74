"""The views of ``spbe plan``, ``spbe plan --years`` (a roadmap) and ``spbe whatif``.

The planner (:mod:`spbe_cli.planner`) decides the raises; a view holds its plans with what
every format shows beside them: each plan's share per OPD and each what-if's groups before
and after, computed on first use and once (the terminal, JSON and CSV of ``--by opd`` all
read the same shares).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spbe_cli.planner import OpdShare, Plan, WhatIf
from spbe_cli.results import NodeResult, Result


@dataclass(frozen=True)
class AgencyPlan:
    """One agency's plan (or one year of its roadmap) and the file it came from."""

    plan: Plan
    source: str | None = None

    @cached_property
    def shares(self) -> tuple[OpdShare, ...]:
        """The plan per OPD, largest gain first (:meth:`~spbe_cli.planner.Plan.by_opd`)."""
        return self.plan.by_opd()


@dataclass(frozen=True)
class PlanView:
    """What ``spbe plan`` shows: a plan per agency, raises in order or grouped per OPD."""

    plans: tuple[AgencyPlan, ...]
    by_opd: bool = False


@dataclass(frozen=True)
class AgencyRoadmap:
    """One agency's roadmap: where it starts and a plan per year, each after the one
    before."""

    start: Result
    years: tuple[AgencyPlan, ...]
    source: str | None = None

    @property
    def final(self) -> Result:
        """The result after the last year (the start when no year raises anything)."""
        return self.years[-1].plan.after if self.years else self.start

    def calendar_year(self, number: int) -> int | None:
        """The calendar year of year ``number`` (1 is the year after the start's), when
        the start year is known."""
        year = self.start.assessment.year
        return year + number if year else None


@dataclass(frozen=True)
class RoadmapView:
    """What ``spbe plan --years N`` shows: a roadmap per agency."""

    roadmaps: tuple[AgencyRoadmap, ...]
    by_opd: bool = False


@dataclass(frozen=True)
class WhatIfView:
    """What ``spbe whatif`` shows: the index, domains and aspects before and after."""

    change: WhatIf
    source: str | None = None

    @cached_property
    def tiers(self) -> list[tuple[Any, list[tuple[NodeResult, NodeResult]]]]:
        """Each group tier with its nodes before and after, side by side."""
        return self.change.tier_pairs()


def plan_view(
    plans: Sequence[Plan], sources: Sequence[str | None], by_opd: bool = False
) -> PlanView:
    """The view of agencies' plans (``sources`` their files, in the same order)."""
    return PlanView(tuple(AgencyPlan(p, s) for p, s in zip(plans, sources, strict=True)), by_opd)


def roadmap_view(
    starts: Sequence[Result],
    paths: Sequence[Sequence[Plan]],
    sources: Sequence[str | None],
    by_opd: bool = False,
) -> RoadmapView:
    """The view of agencies' roadmaps: each start with its year-by-year plans."""
    return RoadmapView(
        tuple(
            AgencyRoadmap(start, tuple(AgencyPlan(p, source) for p in path), source)
            for start, path, source in zip(starts, paths, sources, strict=True)
        ),
        by_opd,
    )


def whatif_view(change: WhatIf, source: str | None = None) -> WhatIfView:
    """The view of a what-if on the file ``source``."""
    return WhatIfView(change, source)
