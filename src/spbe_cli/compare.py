"""Year-over-year comparison of scored agencies, across frameworks where that is sound.

Which framework scores a year is decided by :mod:`spbe_cli.framework.choosing`. Two rules live here,
both documented in docs/compare.md:

* **What is comparable** (:func:`same_node`, :func:`same_indicator`): the overall index
  and rating are compared when both years' frameworks measure the same instrument (the
  same framework, or one declares the other in ``comparable_with``: PermenPANRB 5/2018 and
  59/2020 do; an SPBE index and a Pemdi index do not, and no change between them is
  computed). A group or indicator is compared only when both frameworks define it the
  same way: the same tier, id, name (case and spacing ignored), weight, value scale and,
  for a group, the same indicators (each with the same id, name and weight). Anything
  else is reported as not comparable; no number is invented for it.
* **What a regression is** (:func:`find_regressions`): the published (2-decimal) index, or
  a watched top-tier node's published index, is lower in an agency's latest year than in
  the year before it (only where the two are comparable).

Changes are differences of published figures, so a table's columns add up as printed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal, NamedTuple

from spbe_cli.framework import Band, Framework, Group, Indicator
from spbe_cli.framework import Value as Level
from spbe_cli.results import NodeResult, Result

FrameworkOrigin = Literal["option", "file", "year", "today", "indicators", "default"]
RowKind = str
"""``index``, or the id of the tier a row's node belongs to (``domain``, ``aspect``)."""
ChangeStatus = Literal["compared", "not-comparable", "absent"]


class CompareError(ValueError):
    """Inputs that cannot be compared as given (e.g. one agency twice in one year)."""


def split_framework_options(
    values: Sequence[str], files: Sequence[str]
) -> tuple[str | None, dict[str, str]]:
    """``--framework`` values as (one for every file, per-file ``FILE=NAME``).

    A value is ``FILE=NAME`` when the text before one of its ``=`` is one of ``files``;
    otherwise it names the framework of every file. Raises :class:`CompareError` when two
    values disagree.
    """
    every: str | None = None
    per_file: dict[str, str] = {}
    for value in values:
        file, name = _split_file_value(value, files)
        if file is None:
            if every is not None and every != name:
                raise CompareError(f"--framework given twice for every file: {every}, {name}")
            every = name
        else:
            per_file[file] = name
    return every, per_file


def _split_file_value(value: str, files: Sequence[str]) -> tuple[str | None, str]:
    for position, char in enumerate(value):
        if char == "=" and value[:position] in files:
            return value[:position], value[position + 1 :]
    return None, value


def _squash(text: str) -> str:
    return "".join(text.lower().split())


# -- comparability --------------------------------------------------------------------------


def _same_scale(a: Framework, b: Framework) -> bool:
    return (a.scale.min, a.scale.max, a.scale.values) == (b.scale.min, b.scale.max, b.scale.values)


def _indicator_key(indicator: Indicator) -> tuple[str, str, object]:
    return (indicator.id, _squash(indicator.name), indicator.weight)


def same_indicator(a: Framework, ia: Indicator, b: Framework, ib: Indicator) -> bool:
    """Whether two indicators' values mean the same: comparable frameworks, id, name,
    weight, type and scale."""
    return (
        a.comparable(b)
        and _indicator_key(ia) == _indicator_key(ib)
        and ia.type == ib.type
        and _same_scale(a, b)
    )


def same_node(a: Framework, na: Group, b: Framework, nb: Group) -> bool:
    """Whether a group is defined the same way in two frameworks (module doc)."""
    if a is b:
        return True
    return (
        a.comparable(b)
        and na.id == nb.id
        and _squash(na.name) == _squash(nb.name)
        and na.weight == nb.weight
        and _same_scale(a, b)
        and {_indicator_key(i) for i in na.indicators} == {_indicator_key(i) for i in nb.indicators}
    )


# -- the comparison model -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    """One agency-year in a comparison: its result, file, and why its framework was used."""

    result: Result
    source: str | None = None
    origin: FrameworkOrigin = "default"

    @property
    def year(self) -> int | None:
        """The evaluation year."""
        return self.result.assessment.year

    @property
    def framework(self) -> Framework:
        """The framework the year was scored under."""
        return self.result.framework


@dataclass(frozen=True, slots=True)
class Value:
    """A published figure with its rating."""

    published: Decimal
    band: Band


@dataclass(frozen=True, slots=True)
class Change:
    """The change of one row between two consecutive years.

    ``delta`` is ``after - before`` on published figures, set only when ``status`` is
    ``compared``; ``not-comparable`` means both years have the row but define it
    differently; ``absent`` that one year's framework has no such row.
    """

    status: ChangeStatus
    delta: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """The index, or one group (a domain, an aspect) across the years (``None`` where
    undefined); ``kind`` is ``index`` or the group's tier id, ``code`` its tier's letter."""

    kind: RowKind
    id: str
    name: str
    name_en: str | None
    values: tuple[Value | None, ...]
    changes: tuple[Change, ...]
    code: str = ""
    depth: int = 0

    @property
    def label(self) -> str:
        """``D1``, ``A3``: the tier's letter and the id (empty for the index)."""
        return f"{self.code}{self.id}" if self.kind != "index" else ""


class IndicatorChange(NamedTuple):
    """An indicator whose level changed, with the OPD responsible (latest year first).

    A named tuple: comparisons of many agencies make hundreds of thousands of them."""

    indicator: Indicator
    before: Level
    after: Level
    opd: str | None


@dataclass(frozen=True)
class Step:
    """From one year to the next: index change, rating transition, indicators up and down.

    ``not_comparable`` holds the rows both years have but define differently;
    ``only_before`` and ``only_after`` the rows only one of the two years has.
    ``rose`` and ``fell`` are worked out when first asked for.
    """

    before: Point
    after: Point
    index: Change
    not_comparable: tuple[Row, ...]
    only_before: tuple[Row, ...]
    only_after: tuple[Row, ...]
    indicators: tuple[Indicator, ...]

    @property
    def indicators_compared(self) -> int:
        """How many indicators both years define the same way."""
        return len(self.indicators)

    @cached_property
    def _moves(self) -> tuple[tuple[IndicatorChange, ...], tuple[IndicatorChange, ...]]:
        before, after = self.before.result.assessment, self.after.result.assessment
        ids = _ids_of(self.indicators)
        if not before.opd and not after.opd and before.gives(ids) and after.gives(ids):
            return _given_moves(self.indicators, before.values_of(ids), after.values_of(ids))
        old_levels, new_levels = before.plain_levels(), after.plain_levels()
        if old_levels == new_levels:
            return (), ()
        fa, fb = self.before.framework, self.after.framework
        rose: list[IndicatorChange] = []
        fell: list[IndicatorChange] = []
        for indicator, old, new in zip(
            self.indicators, map(old_levels.get, ids), map(new_levels.get, ids), strict=True
        ):
            if old == new and old is not None:
                continue
            if old is None:
                old = fa.default_value(indicator)
            if new is None:
                new = fb.default_value(indicator)
            if old != new:
                key = indicator.id
                opd = after.opd.get(key) or before.opd.get(key)
                (rose if new > old else fell).append(IndicatorChange(indicator, old, new, opd))
        return tuple(rose), tuple(fell)

    @property
    def rose(self) -> tuple[IndicatorChange, ...]:
        """Indicators whose level went up, in framework order."""
        return self._moves[0]

    @property
    def fell(self) -> tuple[IndicatorChange, ...]:
        """Indicators whose level went down, in framework order."""
        return self._moves[1]

    @property
    def same_framework(self) -> bool:
        """Whether both years were scored under the same framework."""
        return self.before.framework is self.after.framework

    @property
    def comparable(self) -> bool:
        """Whether the two years' indices measure the same instrument."""
        return self.before.framework.comparable(self.after.framework)

    @property
    def rating_direction(self) -> int | None:
        """+1 when the rating went up, -1 down, 0 same (ratings ordered by lower edge);
        ``None`` between instruments that are not comparable."""
        if not self.comparable:
            return None
        low, high = self.before.result.band.min, self.after.result.band.min
        return (high > low) - (high < low)


@dataclass(frozen=True, slots=True)
class Series:
    """One agency over the years."""

    agency: str | None
    points: tuple[Point, ...]
    rows: tuple[Row, ...]
    steps: tuple[Step, ...]
    missing_years: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every agency's series, and all years seen."""

    series: tuple[Series, ...]
    years: tuple[int, ...]


def agency_key(agency: str | None) -> str:
    """How agency names are matched across years: case and spacing ignored."""
    return " ".join((agency or "").lower().split())


def compare(points: Sequence[Point]) -> Comparison:
    """Group points by agency, order them by year, and compare consecutive years."""
    groups: dict[str, list[Point]] = {}
    for point in points:
        groups.setdefault(agency_key(point.result.assessment.agency), []).append(point)
    years = tuple(sorted({p.year for p in points if p.year is not None}))
    return Comparison(tuple(_series(group, years) for group in groups.values()), years)


def _ordered(points: list[Point]) -> list[Point]:
    if any(p.year is None for p in points):
        return points
    ordered = sorted(points, key=lambda p: p.year or 0)
    for before, after in itertools.pairwise(ordered):
        if before.year == after.year:
            label = before.result.assessment.label
            raise CompareError(f"{label} appears more than once ({before.source}, {after.source})")
    return ordered


def _series(points: list[Point], years: tuple[int, ...]) -> Series:
    ordered = _ordered(points)
    rows = _rows(ordered)
    steps = tuple(_step(ordered[i], ordered[i + 1], rows, i) for i in range(len(ordered) - 1))
    present = {p.year for p in ordered}
    missing = tuple(y for y in years if y not in present)
    return Series(ordered[0].result.assessment.agency, tuple(ordered), rows, steps, missing)


def instrument_parts(series: Series) -> tuple[Series, ...]:
    """The series cut where the instrument changes (an SPBE index, then a Pemdi index):
    each part holds consecutive years whose frameworks are comparable, with its own rows
    and steps, so no part mixes the groups or the scale of two instruments. A series
    measured by one instrument is its own single part."""
    if all(step.comparable for step in series.steps):
        return (series,)
    parts: list[list[Point]] = [[series.points[0]]]
    for step in series.steps:
        if step.comparable:
            parts[-1].append(step.after)
        else:
            parts.append([step.after])
    cut: list[Series] = []
    for points in parts:
        years = [p.year for p in points if p.year is not None]
        inside = tuple(y for y in series.missing_years if years and min(years) < y < max(years))
        cut.append(_series(points, tuple(sorted({*years, *inside}))))
    return tuple(cut)


def crossings(series: Series) -> tuple[Step, ...]:
    """The steps of ``series`` between two instruments (no change is defined there)."""
    return tuple(step for step in series.steps if not step.comparable)


_NodeAt = tuple[Framework, Group, NodeResult]
_Key = tuple[int, str, str, str]
_Layout = tuple[tuple[Group, _Key, str], ...]
_LAYOUTS: dict[int, tuple[Framework, _Layout]] = {}


def _layout(fw: Framework) -> _Layout:
    """The group rows of a framework with their keys and codes (cached per framework):
    keyed by depth, tier, id and name, so rows line up across frameworks of one shape."""
    cached = _LAYOUTS.get(id(fw))
    if cached is not None and cached[0] is fw:
        return cached[1]
    layout = tuple(
        (node, (depth, tier.id, node.id, _squash(node.name)), tier.code)
        for depth, (tier, nodes) in enumerate(zip(fw.group_tiers, fw.tier_nodes, strict=True))
        for node in nodes
    )
    _LAYOUTS[id(fw)] = (fw, layout)
    return layout


def _rows(points: Sequence[Point]) -> tuple[Row, ...]:
    index_row = _index_row(points)
    fw = points[0].framework
    if all(p.framework is fw for p in points):
        return (index_row, *_one_framework_rows(fw, points))
    keyed: dict[_Key, list[_NodeAt | None]] = {}
    names: dict[_Key, tuple[Group, str]] = {}
    for position, point in enumerate(points):
        fw, result = point.framework, point.result
        node_results = [n for tier in result.tiers for n in tier]
        for (node, key, code), node_result in zip(_layout(fw), node_results, strict=True):
            slots = keyed.get(key)
            if slots is None:
                slots = keyed[key] = [None] * len(points)
                names[key] = (node, code)
            slots[position] = (fw, node, node_result)
    ordered_keys = sorted(keyed, key=lambda k: k[0])
    return (index_row, *(_node_row(k, *names[k], keyed[k]) for k in ordered_keys))


_Shared = tuple[dict[tuple[Decimal, int], Value], dict[tuple[Decimal, Decimal], Change]]
_SHARED: dict[int, tuple[Framework, _Shared]] = {}


def _shared(fw: Framework) -> _Shared:
    """Values and changes of one framework's figures, shared by every agency (frozen; a
    framework publishes every figure with the same decimals, so equal figures are equal
    Decimals, down to the exponent)."""
    cached = _SHARED.get(id(fw))
    if cached is None or cached[0] is not fw:
        cached = _SHARED[id(fw)] = (fw, ({}, {}))
    values, changes = cached[1]
    if len(values) + len(changes) > 200_000:
        values.clear()
        changes.clear()
    return cached[1]


def _one_framework_rows(fw: Framework, points: Sequence[Point]) -> Iterable[Row]:
    """:func:`_rows` when every year was scored under ``fw``: the rows are its layout, in
    order (already by depth), each defined in every year and compared at every step."""
    values, changes = _shared(fw)

    def value(result: NodeResult) -> Value:
        key = (result.published, id(result.band))
        found = values.get(key)
        if found is None or found.band is not result.band:
            found = values[key] = Value(result.published, result.band)
        return found

    def change(a: NodeResult, b: NodeResult) -> Change:
        key = (a.published, b.published)
        found = changes.get(key)
        if found is None:
            found = changes[key] = Change("compared", b.published - a.published)
        return found

    # Agencies share node results (the engine's caches), so over a few years they share
    # rows: such a row is made once per group and node results (kept alive with it). Over
    # many years hardly two agencies share one; those rows are made as they come.
    made = _made_rows(fw) if len(points) <= SHARED_YEARS else {}
    tiers = [[n for tier in p.result.tiers for n in tier] for p in points]
    layout = _layout(fw)
    for position, results in enumerate(zip(*tiers, strict=True)):
        key = (position, *map(id, results))
        found = made.get(key)
        if found is None:
            node, where, code = layout[position]
            row = Row(
                where[1],
                node.id,
                node.name,
                node.name_en,
                tuple(map(value, results)),
                tuple(itertools.starmap(change, itertools.pairwise(results))),
                code,
                where[0],
            )
            found = made[key] = (row, results)
        yield found[0]


SHARED_YEARS = 3
"""Series of at most this many years share their group rows (see _one_framework_rows)."""
_MADE_ROWS: dict[int, tuple[Framework, dict[tuple[int, ...], tuple[Row, object]]]] = {}


def _made_rows(fw: Framework) -> dict[tuple[int, ...], tuple[Row, object]]:
    """The group rows made so far under ``fw``, by position and node results' ids (with
    the node results, so their ids stay theirs); emptied past 200,000."""
    cached = _MADE_ROWS.get(id(fw))
    if cached is None or cached[0] is not fw:
        cached = _MADE_ROWS[id(fw)] = (fw, {})
    if len(cached[1]) > 200_000:
        cached[1].clear()
    return cached[1]


def _index_row(points: Sequence[Point]) -> Row:
    values = tuple(Value(p.result.published, p.result.band) for p in points)
    changes = tuple(
        Change("compared", b.result.published - a.result.published)
        if a.framework.comparable(b.framework)
        else Change("not-comparable")
        for a, b in itertools.pairwise(points)
    )
    names = {(p.framework.index_name, p.framework.index_name_en) for p in points}
    name, name_en = names.pop() if len(names) == 1 else ("Indeks", "Index")
    return Row("index", "", name, name_en, values, changes)


def _node_row(key: _Key, node: Group, code: str, slots: list[_NodeAt | None]) -> Row:
    values = tuple(None if s is None else Value(s[2].published, s[2].band) for s in slots)
    changes = tuple(_change(a, b) for a, b in itertools.pairwise(slots))
    return Row(key[1], node.id, node.name, node.name_en, values, changes, code, key[0])


def _change(a: _NodeAt | None, b: _NodeAt | None) -> Change:
    if a is None or b is None:
        return Change("absent")
    if not same_node(a[0], a[1], b[0], b[1]):
        return Change("not-comparable")
    return Change("compared", b[2].published - a[2].published)


_PAIRS: dict[tuple[int, int], tuple[Framework, Framework, tuple[Indicator, ...]]] = {}


def comparable_indicators(a: Framework, b: Framework) -> tuple[Indicator, ...]:
    """Indicators of ``b`` whose levels can be compared with ``a``'s (module doc; worked
    out once per pair of frameworks, not per agency)."""
    if a is b:
        return b.indicators
    cached = _PAIRS.get((id(a), id(b)))
    if cached is not None and cached[0] is a and cached[1] is b:
        return cached[2]
    by_id = a.indicator_by_id
    found = tuple(i for i in b.indicators if i.id in by_id and same_indicator(a, by_id[i.id], b, i))
    _PAIRS[(id(a), id(b))] = (a, b, found)
    return found


_IDS: dict[int, tuple[tuple[Indicator, ...], tuple[str, ...]]] = {}


_GIVEN_MOVES: dict[tuple[int, Level, Level], IndicatorChange] = {}


def _given_moves(
    indicators: tuple[Indicator, ...], old: Sequence[Level], new: Sequence[Level]
) -> tuple[tuple[IndicatorChange, ...], tuple[IndicatorChange, ...]]:
    """Rises and falls when both years give every value and no OPD: each change is one
    object shared by every agency that makes it (kept with its indicator)."""
    if old == new:
        return (), ()
    made = _GIVEN_MOVES
    if len(made) > 100_000:
        made.clear()
    rose: list[IndicatorChange] = []
    fell: list[IndicatorChange] = []
    for indicator, was, now in zip(indicators, old, new, strict=True):
        if was == now:
            continue
        key = (id(indicator), was, now)
        item = made.get(key)
        if item is None or item.indicator is not indicator:
            item = made[key] = IndicatorChange(indicator, was, now, None)
        (rose if now > was else fell).append(item)
    return tuple(rose), tuple(fell)


def _ids_of(indicators: tuple[Indicator, ...]) -> tuple[str, ...]:
    """The ids of a step's indicators (the same tuple for every agency of a framework)."""
    cached = _IDS.get(id(indicators))
    if cached is not None and cached[0] is indicators:
        return cached[1]
    ids = tuple(indicator.id for indicator in indicators)
    _IDS[id(indicators)] = (indicators, ids)
    return ids


def _step(before: Point, after: Point, rows: Sequence[Row], position: int) -> Step:
    fw = after.framework
    if before.framework is fw:  # one framework: every row is in both years, compared
        return Step(before, after, rows[0].changes[position], (), (), (), fw.indicators)
    return Step(
        before=before,
        after=after,
        index=rows[0].changes[position],
        not_comparable=tuple(r for r in rows if r.changes[position].status == "not-comparable"),
        only_before=_only(rows, position, position + 1),
        only_after=_only(rows, position + 1, position),
        indicators=comparable_indicators(before.framework, after.framework),
    )


def _only(rows: Sequence[Row], here: int, there: int) -> tuple[Row, ...]:
    return tuple(r for r in rows if r.values[here] is not None and r.values[there] is None)


# -- regressions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Regression:
    """A fall in an agency's latest year: the index (``domain`` None) or a watched top-tier
    group (a domain under SPBE)."""

    series: Series
    step: Step
    domain: str | None
    delta: Decimal


@dataclass(frozen=True, slots=True)
class RegressionCheck:
    """What ``--fail-on-regression`` found: falls, and agencies it could not check."""

    regressions: tuple[Regression, ...]
    unchecked: tuple[Series, ...]


def top_ids(frameworks: Iterable[Framework]) -> set[str]:
    """Every top-tier group id the given frameworks define (SPBE domains, Pemdi aspects)."""
    return {n.id for f in frameworks for n in f.nodes}


def find_regressions(comparison: Comparison, domain: str | None = None) -> RegressionCheck:
    """Falls from each agency's previous year to its latest (index, and ``domain``: the id
    of a top-tier group). Where the latest two years cannot be compared (different
    instruments, or the watched group defined differently or absent) the agency is listed
    in ``unchecked``.
    """
    found: list[Regression] = []
    unchecked: list[Series] = []
    for series in comparison.series:
        if not series.steps:
            continue
        step = series.steps[-1]
        if step.index.delta is None:
            unchecked.append(series)
            continue
        if step.index.delta < 0:
            found.append(Regression(series, step, None, step.index.delta))
        if domain is None:
            continue
        change = _domain_change(series, domain)
        if change is None or change.delta is None:
            unchecked.append(series)
        elif change.delta < 0:
            found.append(Regression(series, step, domain, change.delta))
    return RegressionCheck(tuple(found), tuple(unchecked))


def _domain_change(series: Series, domain: str) -> Change | None:
    for row in series.rows:
        if (
            row.depth == 0
            and row.kind != "index"
            and row.id == domain
            and row.changes[-1].status == "compared"
        ):
            return row.changes[-1]
    return None


def frameworks_by_id(frameworks: Iterable[Framework]) -> Mapping[str, Framework]:
    """Frameworks keyed by id."""
    return {f.id: f for f in frameworks}
