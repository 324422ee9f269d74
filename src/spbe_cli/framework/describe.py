"""One indicator as the framework file describes it, for ``spbe framework indicator``: its
place in the tree, each level with the index range it stands for and its criteria, the
ranges of an external index's own figure, and which level such a figure falls in.

Everything here is looked up, never guessed: a figure outside every range the file gives
(IPS 4,20 under 8/2026 lies in a gap the regulation leaves) has no level, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from spbe_cli.framework.model import Framework, Group, Indicator, Interval, LevelInfo


@dataclass(frozen=True)
class LevelFacts:
    """A level of the indicator's scale: its name, the band and index range it stands for
    (where the file ties levels to bands), its criteria and the external range for it."""

    level: int
    info: LevelInfo
    band_name: str | None
    criteria: str | None
    criteria_en: str | None
    external: Interval | None


@dataclass(frozen=True)
class IndicatorFacts:
    """An indicator with its ancestors (top tier first) and every level's facts; with a
    figure of its external index, the levels that figure falls in (none, in a gap)."""

    framework: Framework
    indicator: Indicator
    ancestors: tuple[Group, ...]
    levels: tuple[LevelFacts, ...]
    figure: Fraction | None = None
    figure_levels: tuple[int, ...] = ()


def describe(fw: Framework, indicator: Indicator, figure: Fraction | None = None) -> IndicatorFacts:
    """The facts of ``indicator`` in ``fw``; ``figure`` (an external index's own figure) is
    placed in the ranges of ``indicator.external`` (the caller checks there are some)."""
    levels = fw.scale.types[indicator.type].levels
    external = indicator.external
    rows = []
    for level in fw.scale.levels:
        info = levels[level]
        criterion = indicator.criteria.get(level)
        rows.append(
            LevelFacts(
                level=level,
                info=info,
                band_name=info.band,
                criteria=criterion.requires if criterion else None,
                criteria_en=criterion.requires_en if criterion else None,
                external=external.ranges.get(level) if external else None,
            )
        )
    found = external.levels_for(figure) if external and figure is not None else ()
    return IndicatorFacts(
        framework=fw,
        indicator=indicator,
        ancestors=fw.ancestors[indicator.id],
        levels=tuple(rows),
        figure=figure,
        figure_levels=found,
    )
