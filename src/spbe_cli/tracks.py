"""Score tracks side by side: where the assessor moved the self-assessment, and its cost.

An office's workbook often holds several values per indicator: the self-assessment
(``mandiri``), the internal verifier's (``verifikasi``), the external assessor's or final
value (``akhir``), a plain value column (``nilai``) and the office's own ``target``.
:func:`compare_tracks` scores every track under the result's framework and lists the
indicators where the tracks differ, the largest effect on the index first. The effect of
an indicator is what the final track's value (the most final claim track present), against
the reference track's (the self-assessment, else the earliest claim track), does to the
index: ``weight x (final - reference) / 100`` (negative where the assessor cut a claim).
The direction follows the evaluation, not ``--track``: scoring the self-assessment instead
of the assessor's values never flips a sign.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from spbe_cli.engine import score
from spbe_cli.framework import Indicator, Value
from spbe_cli.results import Result

PROCESS_ORDER = ("mandiri", "verifikasi", "nilai", "akhir", "target")
"""Tracks in the order an evaluation produces them (the target last: it is a plan)."""


@dataclass(frozen=True, slots=True)
class TrackDifference:
    """An indicator whose values differ between tracks, with the effect on the index."""

    indicator: Indicator
    values: dict[str, Value]
    reference: Value | None
    final: Value | None
    effect: Fraction
    opd: str | None


@dataclass(frozen=True)
class TrackComparison:
    """Every track's result, the scored and reference tracks, and the differences."""

    scored: str | None
    reference: str | None
    results: dict[str, Result]
    differences: tuple[TrackDifference, ...]
    final: str | None = None
    """The most final claim track (the other end of every effect and of :attr:`change`)."""

    @property
    def names(self) -> tuple[str, ...]:
        """The tracks present, in process order."""
        return tuple(self.results)

    @property
    def change(self) -> Fraction | None:
        """The final track's index less the reference's (exact), when both are there."""
        if self.final is None or self.reference is None or self.final == self.reference:
            return None
        return self.results[self.final].index - self.results[self.reference].index

    @property
    def target(self) -> Result | None:
        """The result the office's own ``target`` track would give, if it has one."""
        return self.results.get("target")


def _order(name: str) -> int:
    return PROCESS_ORDER.index(name) if name in PROCESS_ORDER else len(PROCESS_ORDER)


def compare_tracks(result: Result) -> TrackComparison:
    """Every track of ``result``'s assessment scored, and where the tracks differ."""
    assessment = result.assessment
    scored = assessment.track
    names = sorted(assessment.tracks, key=_order)
    results: dict[str, Result] = {}
    for name in names:
        if name == scored:
            results[name] = result
        else:
            other = replace(assessment, levels=assessment.tracks[name], track=name)
            results[name] = score(other, result.framework, result.target)
    claims = [n for n in names if n != "target"]
    reference = "mandiri" if "mandiri" in claims else (claims[0] if claims else None)
    final = claims[-1] if len(claims) > 1 else None
    return TrackComparison(
        scored, reference, results, _differences(result, names, final, reference), final
    )


def _differences(
    result: Result, names: list[str], final: str | None, reference: str | None
) -> tuple[TrackDifference, ...]:
    """The indicators whose claim tracks differ, with the reference and final values."""
    fw = result.framework
    compared = [n for n in names if n != "target"]
    tracks = result.assessment.tracks
    found: list[TrackDifference] = []
    for item in result.indicators:
        key = item.id
        default = fw.default_value(item.indicator)
        values = {n: tracks[n].get(key, default) for n in compared}
        if len(set(values.values())) <= 1:
            continue
        ref = values.get(reference) if reference is not None else None
        now = values.get(final) if final is not None else None
        effect = Fraction(0)
        if ref is not None and now is not None:
            effect = item.weight * (now - ref) / fw.total_weight
        found.append(TrackDifference(item.indicator, values, ref, now, effect, item.opd))
    order = {i.id: n for n, i in enumerate(fw.indicators)}
    found.sort(key=lambda d: (-abs(d.effect), order[d.indicator.id]))
    return tuple(found)
