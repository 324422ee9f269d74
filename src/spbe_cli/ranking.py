"""Ranking many agencies: ranks per year, statistics, and a small filter grammar.

* Agencies are ranked within each evaluation year, best published index first; equal
  published figures share a rank (1, 2, 2, 4), ordered by the exact index, then by name.
* Statistics are exact: the mean and the median of the exact indices (the median of an
  even count is the mean of the two middle ones), published half-up like every index;
  the count and share of each rating; how many reach the target.
* Filters (``--where``), all case-insensitive, several meaning AND::

      FIELD=VALUE[,VALUE...]   equal to one of the values
      FIELD!=VALUE[,VALUE...]  equal to none of them
      FIELD~TEXT               contains TEXT
      FIELD>=N  FIELD<=N  FIELD>N  FIELD<N   numeric, on published figures

  Fields: ``instansi`` (agency), ``tahun`` (year), ``predikat`` (rating, Indonesian or
  English name), ``indeks`` (index), ``kerangka`` (framework id), and a group's published
  index by its tier letter and id (``d1``..``d4`` for SPBE domains, ``a1``..``a7`` for
  aspects). Ranks are taken before filtering (an agency keeps its rank among all agencies of
  its year); statistics describe the agencies that pass the filters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from spbe_cli.engine import rating_threshold
from spbe_cli.framework import Band, Framework, parse_exact
from spbe_cli.results import Result


class FilterError(ValueError):
    """A ``--where`` expression that cannot be understood."""


@dataclass(frozen=True, slots=True)
class Ranked:
    """One agency-year with its rank among the agencies of its year."""

    rank: int
    result: Result
    source: str | None = None


@dataclass(frozen=True, slots=True)
class BandCount:
    """How many agencies have a rating, and their share of all (exact)."""

    band: Band
    count: int
    share: Fraction


@dataclass(frozen=True, slots=True)
class Statistics:
    """Exact statistics of a set of results (``None`` figures when it is empty)."""

    count: int
    mean: Fraction | None
    median: Fraction | None
    bands: tuple[BandCount, ...]
    at_target: int
    target: Fraction | None

    def published(self, framework: Framework, value: Fraction | None) -> Decimal | None:
        """A statistic rounded as ``framework`` publishes figures."""
        return None if value is None else framework.publish(value)


@dataclass(frozen=True, slots=True)
class YearRanking:
    """The ranking of one year (``year`` None when the input has no years)."""

    year: int | None
    framework: Framework
    rows: tuple[Ranked, ...]
    statistics: Statistics
    total: int


_KEY_SCALE = 10**40


def exact_key(value: Fraction) -> int:
    """An integer that orders exact values like the values themselves, but sorts fast.

    ``floor(value x 10^40)``: two different indices (denominators far below 10^20) differ
    by more than 10^-40, so their keys differ too; equal values give equal keys.
    """
    return value.numerator * _KEY_SCALE // value.denominator


def rank_results(
    results: Sequence[Result], sources: Sequence[str | None] | None = None
) -> list[Ranked]:
    """Rank results best first; equal published figures share a rank."""
    if sources is None:
        sources = [None] * len(results)
    # Rounding is monotone, so the exact index orders the published figures too.
    keys = [(-exact_key(r.index), (r.assessment.agency or "").lower()) for r in results]
    order = sorted(range(len(results)), key=keys.__getitem__)
    ranked: list[Ranked] = []
    previous: Decimal | None = None
    rank = 0
    for position, k in enumerate(order, start=1):
        if results[k].published != previous:
            rank, previous = position, results[k].published
        ranked.append(Ranked(rank, results[k], sources[k]))
    return ranked


def median(values: Sequence[Fraction]) -> Fraction | None:
    """The exact median (mean of the two middle values for an even count)."""
    if not values:
        return None
    ordered = sorted(values, key=exact_key)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def statistics(
    results: Sequence[Result], framework: Framework, target: Fraction | None = None
) -> Statistics:
    """Count, exact mean and median, ratings with shares, and how many reach the target."""
    count = len(results)
    indices = [r.index for r in results]
    mean = exact_sum(indices) / count if count else None
    tally = {band.name: 0 for band in framework.bands}
    for result in results:
        tally[result.band.name] = tally.get(result.band.name, 0) + 1
    bands = tuple(
        BandCount(b, tally[b.name], Fraction(tally[b.name], count) if count else Fraction(0))
        for b in framework.bands
    )
    goal = target if target is not None else (results[0].target if results else framework.target)
    # The target is reached from the smallest exact index whose rating figure reaches it;
    # exact keys order indices exactly (their denominators are far below 10^20).
    edge = exact_key(rating_threshold(framework, goal))
    reached = sum(1 for index in indices if exact_key(index) >= edge)
    return Statistics(count, mean, median(indices), bands, reached, goal)


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """The exact sum of ``values``, adding integer numerators per denominator (indices
    share a few denominators) and making a Fraction once per denominator."""
    by_denominator: dict[int, int] = {}
    for value in values:
        denominator = value.denominator
        by_denominator[denominator] = by_denominator.get(denominator, 0) + value.numerator
    return sum(
        (Fraction(total, denominator) for denominator, total in by_denominator.items()),
        Fraction(0),
    )


def rank_by_year(
    results: Sequence[Result],
    sources: Sequence[str | None] | None = None,
    *,
    where: Sequence[Filter] = (),
    top: int | None = None,
    target: Fraction | None = None,
) -> list[YearRanking]:
    """Rank within each year, then filter; statistics over the rows that pass the filters."""
    if sources is None:
        sources = [None] * len(results)
    groups: dict[int | None, list[int]] = {}
    for k, result in enumerate(results):
        groups.setdefault(result.assessment.year, []).append(k)
    rankings: list[YearRanking] = []
    for year in sorted(groups, key=lambda y: (y is None, y or 0)):
        members = groups[year]
        ranked = rank_results([results[k] for k in members], [sources[k] for k in members])
        kept = [r for r in ranked if all(f.test(r.result) for f in where)]
        if not kept and where:
            continue
        framework = (kept or ranked)[0].result.framework
        stats = statistics([r.result for r in kept], framework, target)
        shown = tuple(kept if top is None else kept[:top])
        rankings.append(YearRanking(year, framework, shown, stats, len(ranked)))
    return rankings


# -- filters --------------------------------------------------------------------------------

_EXPRESSION = re.compile(r"^\s*([A-Za-z_][\w]*)\s*(!=|>=|<=|=|~|>|<)\s*(.*?)\s*$")
_FIELDS = {
    "instansi": "agency",
    "agency": "agency",
    "tahun": "year",
    "year": "year",
    "predikat": "rating",
    "rating": "rating",
    "indeks": "index",
    "index": "index",
    "kerangka": "framework",
    "framework": "framework",
}
FIELD_NAMES = ("instansi", "tahun", "predikat", "indeks", "kerangka", "d1..dN", "a1..aN")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Filter:
    """One parsed ``--where`` expression; :meth:`test` says whether a result passes."""

    text: str
    field: str
    operator: str
    values: tuple[str, ...]

    def test(self, result: Result) -> bool:
        """Whether ``result`` passes this filter."""
        if self.operator in ("=", "!="):
            found = any(_equal(self.field, result, v) for v in self.values)
            return found if self.operator == "=" else not found
        if self.operator == "~":
            return _norm(self.values[0]) in _norm(_text_of(self.field, result))
        value = _number_of(self.field, result)
        if value is None:
            return False
        bound = Fraction(self.values[0])
        return _COMPARE[self.operator](value, bound)


_COMPARE: dict[str, Callable[[Fraction, Fraction], bool]] = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


def _node_value(field: str, result: Result) -> Fraction | None:
    """The published index of the group a field names (``d2``: tier letter, then id)."""
    for tier, nodes in result.tier_pairs():
        code = tier.code.lower()
        if field.startswith(code):
            for node in nodes:
                if node.id == field[len(code) :]:
                    return Fraction(node.published)
    return None


def _number_of(field: str, result: Result) -> Fraction | None:
    if field == "index":
        return Fraction(result.published)
    if field == "year":
        year = result.assessment.year
        return None if year is None else Fraction(year)
    return _node_value(field, result)


def _text_of(field: str, result: Result) -> str:
    if field == "agency":
        return result.assessment.agency or ""
    if field == "rating":
        return f"{result.band.name} {result.band.name_en or ''}"
    if field == "framework":
        return result.framework.id
    number = _number_of(field, result)
    return "" if number is None else str(number)


def _equal(field: str, result: Result, value: str) -> bool:
    if field == "rating":
        return _norm(value) in {_norm(result.band.name), _norm(result.band.name_en or "")}
    if field in ("agency", "framework"):
        return _norm(value) == _norm(_text_of(field, result))
    number = _number_of(field, result)
    return number is not None and number == _exact(value)


def _exact(value: str) -> Fraction | None:
    try:
        return parse_exact(value.replace(",", "."))
    except ValueError:
        return None


def parse_filter(text: str) -> Filter:
    """Parse ``FIELD OP VALUE`` (see the module doc); raise :class:`FilterError`."""
    match = _EXPRESSION.match(text)
    if match is None:
        raise FilterError(f"'{text}': write FIELD=VALUE, FIELD~TEXT or FIELD>=NUMBER")
    name, operator, raw = match.groups()
    field = _FIELDS.get(name.lower())
    if field is None and re.fullmatch(r"[A-Za-z]{1,3}\d[\w.-]*", name):
        field = name.lower()
    if field is None:
        raise FilterError(f"'{text}': unknown field '{name}' (use {', '.join(FIELD_NAMES)})")
    if not raw:
        raise FilterError(f"'{text}': a value is missing after '{operator}'")
    values = tuple(v.strip() for v in raw.split(",")) if operator in ("=", "!=") else (raw,)
    if operator in _COMPARE:
        if field in ("agency", "rating", "framework") or _exact(raw) is None:
            raise FilterError(f"'{text}': '{operator}' needs a numeric field and a number")
        values = (str(_exact(raw)),)
    return Filter(text, field, operator, values)


def parse_filters(texts: Iterable[str]) -> list[Filter]:
    """Parse every ``--where``; the first bad one raises :class:`FilterError`."""
    return [parse_filter(t) for t in texts]
