"""Year-over-year comparison of scored agencies, across frameworks where that is sound.

Three rules live here, all documented in the README:

* **Which framework scores a year** (:func:`choose_framework`): a ``--framework`` given for
  the file, else the framework the file names (a ``kerangka``/``framework`` cell or column),
  else the bundled framework with the largest ``applies_from`` not after the year, else the
  default framework.
* **What is comparable** (:func:`same_node`, :func:`same_indicator`): the overall index and
  rating always are. A domain, aspect or indicator is compared between two years only when
  both frameworks define it the same way: the same id, the same name (case and spacing
  ignored), the same weight, the same level scale and, for a domain or aspect, the same
  indicators (each with the same id, name and weight). Anything else is reported as not
  comparable; no number is invented for it.
* **What a regression is** (:func:`find_regressions`): the published (2-decimal) index, or
  a watched domain's published index, is lower in an agency's latest year than in the year
  before it.

Changes are differences of published figures, so a table's columns add up as printed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from spbe_cli.engine import NodeResult, Result
from spbe_cli.framework import Aspect, Band, Domain, Framework, Indicator

FrameworkOrigin = Literal["option", "file", "year", "default"]
RowKind = Literal["index", "domain", "aspect"]
ChangeStatus = Literal["compared", "not-comparable", "absent"]


class CompareError(ValueError):
    """Inputs that cannot be compared as given (e.g. one agency twice in one year)."""


# -- framework selection --------------------------------------------------------------------


def framework_for_year(year: int | None, frameworks: Iterable[Framework]) -> Framework | None:
    """The framework with the largest ``applies_from`` not after ``year``, if any."""
    if year is None:
        return None
    fitting = [f for f in frameworks if f.applies_from is not None and f.applies_from <= year]
    return max(fitting, key=lambda f: f.applies_from or 0, default=None)


def _squash(text: str) -> str:
    return "".join(text.lower().split())


def match_framework_name(text: str, frameworks: Iterable[Framework]) -> Framework | None:
    """The framework a cell names: its id (``permenpanrb-5-2018``), ``5/2018``, or its title.

    Case and spacing are ignored; ``PermenPANRB 59/2020`` and ``59-2020`` both match.
    """
    wanted = _squash(text)
    for framework in frameworks:
        short = framework.id.removeprefix("permenpanrb-")
        names = {_squash(framework.id), _squash(framework.title), short, short.replace("-", "/", 1)}
        if framework.title_en:
            names.add(_squash(framework.title_en))
        if wanted in names or wanted.endswith(short.replace("-", "/", 1)):
            return framework
    return None


def choose_framework(
    *,
    option: Framework | None,
    named: Framework | None,
    year: int | None,
    frameworks: Sequence[Framework],
    default: Framework,
) -> tuple[Framework, FrameworkOrigin]:
    """The framework for one agency-year and why: option, file, year, or default."""
    if option is not None:
        return option, "option"
    if named is not None:
        return named, "file"
    by_year = framework_for_year(year, frameworks)
    if by_year is not None:
        return by_year, "year"
    return default, "default"


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


# -- comparability --------------------------------------------------------------------------


def _same_scale(a: Framework, b: Framework) -> bool:
    return (a.scale.min, a.scale.max) == (b.scale.min, b.scale.max)


def _indicator_key(indicator: Indicator) -> tuple[str, str, object]:
    return (indicator.id, _squash(indicator.name), indicator.weight)


def same_indicator(a: Framework, ia: Indicator, b: Framework, ib: Indicator) -> bool:
    """Whether two indicators' levels mean the same: id, name, weight, type and scale."""
    return _indicator_key(ia) == _indicator_key(ib) and ia.type == ib.type and _same_scale(a, b)


def _node_indicators(node: Domain | Aspect) -> frozenset[tuple[str, str, object]]:
    if isinstance(node, Domain):
        return frozenset(_indicator_key(i) for a in node.aspects for i in a.indicators)
    return frozenset(_indicator_key(i) for i in node.indicators)


def same_node(a: Framework, na: Domain | Aspect, b: Framework, nb: Domain | Aspect) -> bool:
    """Whether a domain or aspect is defined the same way in two frameworks (module doc)."""
    if a is b:
        return True
    return (
        na.id == nb.id
        and _squash(na.name) == _squash(nb.name)
        and na.weight == nb.weight
        and _same_scale(a, b)
        and _node_indicators(na) == _node_indicators(nb)
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
    """The index, a domain or an aspect across the years (``None`` where undefined)."""

    kind: RowKind
    id: str
    name: str
    name_en: str | None
    values: tuple[Value | None, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    """An indicator whose level changed, with the OPD responsible (latest year first)."""

    indicator: Indicator
    before: int
    after: int
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
        floor_a, floor_b = self.before.framework.scale.min, self.after.framework.scale.min
        rose: list[IndicatorChange] = []
        fell: list[IndicatorChange] = []
        for indicator in self.indicators:
            old = before.levels.get(indicator.id, floor_a)
            new = after.levels.get(indicator.id, floor_b)
            if old != new:
                opd = after.opd.get(indicator.id) or before.opd.get(indicator.id)
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
    def rating_direction(self) -> int:
        """+1 when the rating went up, -1 down, 0 same (ratings ordered by lower edge)."""
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


_NodeAt = tuple[Framework, Domain | Aspect, NodeResult]


_Layout = tuple[tuple[RowKind, Domain | Aspect, tuple[RowKind, str, str]], ...]
_LAYOUTS: dict[int, tuple[Framework, _Layout]] = {}


def _layout(fw: Framework) -> _Layout:
    """The domain and aspect rows of a framework with their keys (cached per framework)."""
    cached = _LAYOUTS.get(id(fw))
    if cached is not None and cached[0] is fw:
        return cached[1]
    nodes: list[tuple[RowKind, Domain | Aspect]] = [
        *(("domain", d) for d in fw.domains),
        *(("aspect", a) for a in fw.aspects),
    ]
    layout = tuple((kind, node, (kind, node.id, _squash(node.name))) for kind, node in nodes)
    _LAYOUTS[id(fw)] = (fw, layout)
    return layout


def _rows(points: Sequence[Point]) -> tuple[Row, ...]:
    index_row = _index_row(points)
    keyed: dict[tuple[RowKind, str, str], list[_NodeAt | None]] = {}
    names: dict[tuple[RowKind, str, str], Domain | Aspect] = {}
    for position, point in enumerate(points):
        fw, result = point.framework, point.result
        node_results = (*result.domains, *result.aspects)
        for (_, node, key), node_result in zip(_layout(fw), node_results, strict=True):
            slots = keyed.get(key)
            if slots is None:
                slots = keyed[key] = [None] * len(points)
                names[key] = node
            slots[position] = (fw, node, node_result)
    ordered_keys = sorted(keyed, key=lambda k: k[0] == "aspect")
    return (index_row, *(_node_row(k, names[k], keyed[k]) for k in ordered_keys))


def _index_row(points: Sequence[Point]) -> Row:
    values = tuple(Value(p.result.published, p.result.band) for p in points)
    changes = tuple(
        Change("compared", after.published - before.published)
        for before, after in itertools.pairwise(values)
    )
    return Row("index", "", "Indeks SPBE", "SPBE index", values, changes)


def _node_row(
    key: tuple[RowKind, str, str], node: Domain | Aspect, slots: list[_NodeAt | None]
) -> Row:
    values = tuple(None if s is None else Value(s[2].published, s[2].band) for s in slots)
    changes = tuple(_change(a, b) for a, b in itertools.pairwise(slots))
    return Row(key[0], node.id, node.name, node.name_en, values, changes)


def _change(a: _NodeAt | None, b: _NodeAt | None) -> Change:
    if a is None or b is None:
        return Change("absent")
    if not same_node(a[0], a[1], b[0], b[1]):
        return Change("not-comparable")
    return Change("compared", b[2].published - a[2].published)


def comparable_indicators(a: Framework, b: Framework) -> tuple[Indicator, ...]:
    """Indicators of ``b`` whose levels can be compared with ``a``'s (module doc)."""
    if a is b:
        return b.indicators
    by_id = a.indicator_by_id
    return tuple(i for i in b.indicators if i.id in by_id and same_indicator(a, by_id[i.id], b, i))


def _step(before: Point, after: Point, rows: Sequence[Row], position: int) -> Step:
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
    """A fall in an agency's latest year: the index (``domain`` None) or a watched domain."""

    series: Series
    step: Step
    domain: str | None
    delta: Decimal


@dataclass(frozen=True, slots=True)
class RegressionCheck:
    """What ``--fail-on-regression`` found: falls, and agencies it could not check."""

    regressions: tuple[Regression, ...]
    unchecked: tuple[Series, ...]


def domain_ids(frameworks: Iterable[Framework]) -> set[str]:
    """Every domain id the given frameworks define."""
    return {d.id for f in frameworks for d in f.domains}


def find_regressions(comparison: Comparison, domain: str | None = None) -> RegressionCheck:
    """Falls from each agency's previous year to its latest (index, and ``domain``).

    The watched domain cannot be checked where the two years define it differently (or
    one lacks it); such agencies are listed in ``unchecked``.
    """
    found: list[Regression] = []
    unchecked: list[Series] = []
    for series in comparison.series:
        if not series.steps:
            continue
        step = series.steps[-1]
        if step.index.delta is not None and step.index.delta < 0:
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
        if row.kind == "domain" and row.id == domain and row.changes[-1].status == "compared":
            return row.changes[-1]
    return None


def frameworks_by_id(frameworks: Iterable[Framework]) -> Mapping[str, Framework]:
    """Frameworks keyed by id."""
    return {f.id: f for f in frameworks}
