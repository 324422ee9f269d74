"""Golden cases: level sets and the figures a framework must produce from them.

A cases file pins a framework's arithmetic down: after editing weights, bands or rounding,
``spbe framework test`` shows at once which known results moved. The format (YAML)::

    framework: permenpanrb-59-2020     # optional, informational: a note if it differs
    description: Contoh                # optional
    cases:
      - name: semua level 3, 11 di 4   # required, unique within the file
        description: ...               # optional
        levels:                        # indicator id or alias -> value on the scale
          default: 3                   # optional: the value of every indicator not listed
          "11": 4                      # ids may be quoted or not (11: 4 works too)
        expect:                        # at least one of the keys below
          index: "3.03"                # the published index (quote it: "3.00", not 3.00)
          index_exact: "121/40"        # the exact index (3.025): a decimal or a fraction
          predikat: Baik               # the rating, by its name or alias, any language
          domains: {"2": "3.10"}       # published indices of a tier, under the tier's key
          aspects: {"2": "3.25"}       # (the framework's ``tiers``: domains, aspects ...)

On a decimal scale (Pemdi) a value may be ``1.26``, ``"1,26"`` or a fraction ``"7/6"``.
Every indicator must get a value: list them all, give ``default``, or leave out an
indicator fed by an external index (it counts at its default). A published figure may not
have more decimals than the framework publishes (``3.285`` can never match).

:func:`run_cases` reads a file and scores every case with the engine; the report lists
each case's result and, for a failing case, every expectation that broke (expected vs got).
An invalid file raises :class:`~spbe_cli.problems.InputError` listing all of its problems:
YAML errors, keys written twice, unknown keys, unknown ids, levels outside the scale.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from spbe_cli.engine import score_levels
from spbe_cli.exact import as_value, parse_exact, parse_number
from spbe_cli.framework import (
    Exact,
    Framework,
    Tier,
    Value,
    bundled_frameworks,
    canonical_name,
    format_exact,
    pydantic_problems,
    read_text,
    read_yaml,
    yaml_path,
)
from spbe_cli.i18n import Lang, Text
from spbe_cli.problems import InputError, Problem
from spbe_cli.results import NodeResult, Result

DEFAULT_KEY = "default"


def _string_keys(value: Any) -> Any:
    """Mapping keys as text (YAML reads ``11: 4`` with an integer key); refuse collisions."""
    if not isinstance(value, Mapping):
        return value
    converted: dict[str, Any] = {}
    for key, item in value.items():
        text = str(key)
        if text in converted:
            raise ValueError(f"id '{text}' is given twice (once quoted, once not)")
        converted[text] = item
    return converted


def _figure(value: Any) -> Any:
    """A published figure from text (``"3.28"``), an int, or a YAML float (by its text)."""
    if isinstance(value, bool):
        raise ValueError('expected a figure such as "3.28", got true/false')
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            figure = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f'{value!r} is not a figure such as "3.28"') from None
        if not figure.is_finite():
            raise ValueError(f'{value!r} is not a figure such as "3.28"')
        return figure
    raise ValueError(f'expected a figure such as "3.28", got {type(value).__name__}')


Figure = Annotated[Decimal, BeforeValidator(_figure)]


def _value(value: Any) -> Any:
    """A value from an int, a YAML float (by its text), or text (``"7/6"``, ``"1,26"``)."""
    if isinstance(value, str):
        number = parse_number(value)
        if number is None:
            raise ValueError(f"{value!r} is not a number such as 3, 1.26 or 7/6")
        return number
    return parse_exact(value)


Level = Annotated[Fraction, BeforeValidator(_value)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, arbitrary_types_allowed=True
    )


TierFigures = Annotated[dict[str, Figure], BeforeValidator(_string_keys)]
_TIER_ADAPTER: TypeAdapter[dict[str, Decimal]] = TypeAdapter(TierFigures)


class Expect(BaseModel):
    """What a case must produce; only the keys given are checked. Any other key names a
    tier of the framework (``domains``, ``aspects``) with published figures by id."""

    model_config = ConfigDict(extra="allow", frozen=True, coerce_numbers_to_str=True)

    index: Figure | None = None
    index_exact: Exact | None = None
    predikat: str | None = None

    @model_validator(mode="after")
    def _tiers_are_figures(self) -> Expect:
        for key, value in (self.model_extra or {}).items():
            if not isinstance(value, dict):
                continue  # an unknown key, or a tier given a non-mapping: check_cases says
            try:
                _TIER_ADAPTER.validate_python(value)
            except ValidationError as error:
                detail = error.errors(include_url=False)[0]
                where = ".".join(str(p) for p in detail["loc"])
                raise ValueError(
                    f"{key}.{where}: {detail['msg']}" if where else f"{key}: {detail['msg']}"
                ) from None
        return self

    def tiers(self) -> dict[str, dict[str, Decimal]]:
        """Expected figures by tier key, then node id."""
        return {
            key: _TIER_ADAPTER.validate_python(value)
            for key, value in (self.model_extra or {}).items()
            if isinstance(value, dict)
        }

    def extra_keys(self) -> list[str]:
        """Every key besides index, index_exact and predikat, as written."""
        return list(self.model_extra or {})

    def is_empty(self) -> bool:
        """Whether the case checks nothing at all."""
        return (
            self.index is None
            and self.index_exact is None
            and self.predikat is None
            and not any(self.tiers().values())
        )


class Case(_Model):
    """One golden case: a level set and its expected figures."""

    name: str = Field(min_length=1)
    description: str | None = None
    levels: Annotated[dict[str, Level], BeforeValidator(_string_keys)]
    expect: Expect

    def level_map(self, framework: Framework) -> dict[str, Value]:
        """Every indicator's value: the listed ones (by id or alias), ``default`` for the
        rest; an indicator fed by an external index and not listed is left out (it counts
        at its default)."""
        default = self.levels.get(DEFAULT_KEY)
        levels: dict[str, Value] = {}
        if default is not None:
            levels = {i.id: as_value(default) for i in framework.indicators}
        for key, value in self.levels.items():
            if key != DEFAULT_KEY:
                levels[framework.indicator_id(key) or key] = as_value(value)
        return levels


class CasesFile(_Model):
    """A whole cases file."""

    framework: str | None = None
    description: str | None = None
    cases: tuple[Case, ...] = Field(min_length=1)


# -- results ---------------------------------------------------------------------------------

_KIND_LABELS: dict[str, Text] = {
    "index": Text("indeks", "index"),
    "index_exact": Text("indeks eksak", "exact index"),
    "predikat": Text("predikat", "predikat"),
}


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One broken expectation: what was checked (``index``, ``index_exact``, ``predikat``,
    or a tier id such as ``domain``), the value expected and the value got."""

    kind: str
    node_id: str | None
    expected: str
    got: str
    tier: Tier | None = None

    def label(self, lang: Lang) -> str:
        """``index``, ``domain 2``, ``aspek 3`` ... in ``lang``."""
        if self.tier is not None:
            text = self.tier.label(lang).lower()
        else:
            text = _KIND_LABELS[self.kind].get(lang)
        return f"{text} {self.node_id}" if self.node_id is not None else text

    def render(self, case: str, lang: Lang) -> str:
        """``case: index expected 3.28, got 3.27`` in ``lang``."""
        if lang == "en":
            return f"{case}: {self.label(lang)} expected {self.expected}, got {self.got}"
        return f"{case}: {self.label(lang)} diharapkan {self.expected}, hasil {self.got}"


@dataclass(frozen=True, slots=True)
class CaseResult:
    """A case scored: the engine's result and every expectation that broke."""

    name: str
    result: Result
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        """Whether every expectation held."""
        return not self.mismatches


@dataclass(frozen=True, slots=True)
class CasesReport:
    """All cases of one file run against one framework, with non-fatal notes."""

    framework: Framework
    source: str
    cases: tuple[CaseResult, ...]
    notes: tuple[Problem, ...] = ()

    @property
    def passed(self) -> int:
        """How many cases pass."""
        return sum(1 for c in self.cases if c.passed)

    @property
    def failed(self) -> int:
        """How many cases fail."""
        return len(self.cases) - self.passed

    @property
    def ok(self) -> bool:
        """Whether every case passes."""
        return self.failed == 0


# -- running ---------------------------------------------------------------------------------


def bundled_cases(framework_id: str) -> Path | None:
    """The cases file shipped for a bundled framework (``permenpanrb-59-2020``), if any."""
    name = canonical_name(framework_id)
    if name not in bundled_frameworks():
        return None
    packaged = resources.files("spbe_cli") / "frameworks" / "cases" / f"{name}.cases.yaml"
    return Path(str(packaged)) if packaged.is_file() else None


def run_cases(framework: Framework, path: str | Path) -> CasesReport:
    """Read the cases file at ``path`` and run every case against ``framework``.

    Raises :class:`InputError` listing every problem of an invalid file.
    """
    source = str(path)
    spec = parse_cases(read_text(Path(path)), framework, source)
    return evaluate_cases(framework, spec, source)


def evaluate_cases(framework: Framework, spec: CasesFile, source: str) -> CasesReport:
    """Score every case of a validated ``spec`` and compare with its expectations."""
    results = tuple(_run_case(framework, case) for case in spec.cases)
    return CasesReport(framework, source, results, tuple(_notes(framework, spec, source)))


def _run_case(framework: Framework, case: Case) -> CaseResult:
    result = score_levels(case.level_map(framework), framework)
    return CaseResult(case.name, result, tuple(compare(result, case.expect)))


def compare(result: Result, expect: Expect) -> Iterator[Mismatch]:
    """Every expectation in ``expect`` that ``result`` does not meet."""
    if expect.index is not None and expect.index != result.published:
        yield Mismatch("index", None, str(expect.index), str(result.published))
    if expect.index_exact is not None and expect.index_exact != result.index:
        yield Mismatch(
            "index_exact", None, format_exact(expect.index_exact), format_exact(result.index)
        )
    if expect.predikat is not None:
        wanted = result.framework.band_named(expect.predikat)
        if wanted != result.band:
            yield Mismatch("predikat", None, expect.predikat, result.band.name)
    tiers = {tier.key: (tier, nodes) for tier, nodes in result.tier_pairs()}
    for key, expected in expect.tiers().items():
        tier, nodes = tiers[key]
        yield from _compare_nodes(tier, nodes, expected)


def _compare_nodes(
    tier: Tier, nodes: Sequence[NodeResult], expected: Mapping[str, Decimal]
) -> Iterator[Mismatch]:
    by_id = {n.id: n for n in nodes}
    for node_id, figure in expected.items():
        got = by_id[node_id].published
        if figure != got:
            yield Mismatch(tier.id, node_id, str(figure), str(got), tier)


def _notes(framework: Framework, spec: CasesFile, source: str) -> Iterator[Problem]:
    named = spec.framework
    if named is not None and canonical_name(named) != framework.id:
        yield Problem(
            "cases-framework-differs",
            f"{source}: framework",
            Text(
                f"berkas kasus ditulis untuk '{named}', diuji dengan '{framework.id}'",
                f"the cases file names '{named}' but runs against '{framework.id}'",
            ),
        )


# -- parsing and checking --------------------------------------------------------------------


def parse_cases(text: str, framework: Framework, source: str = "<cases>") -> CasesFile:
    """Validate cases YAML ``text`` against ``framework``; raise InputError on any problem."""
    data, root, problems = read_yaml(text, source)
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "not-a-mapping",
                source,
                Text(
                    "berkas kasus harus berupa pemetaan YAML dengan kunci 'cases'",
                    "a cases file must be a YAML mapping with a 'cases' key",
                ),
            )
        )
        raise InputError(source, problems)
    try:
        spec = CasesFile.model_validate(data)
    except ValidationError as error:
        problems.extend(_with_lines(pydantic_problems(error, source), error, source, root))
        # The cases that are well-formed on their own still get the deeper checks.
        valid = _valid_cases(data.get("cases"))
        problems.extend(_check_each(valid, framework, source, root))
        raise InputError(source, problems) from None
    problems.extend(check_cases(spec, framework, source, root))
    if problems:
        raise InputError(source, problems)
    return spec


def _with_lines(
    problems: Iterator[Problem], error: ValidationError, source: str, root: Any
) -> Iterator[Problem]:
    """Pydantic's problems with the YAML line of each place added."""
    locs = {
        yaml_path(loc): loc
        for loc in (
            tuple(p for p in item["loc"] if not str(p).startswith("function-"))
            for item in error.errors(include_url=False)
        )
    }
    for problem in problems:
        loc = locs.get(problem.place.removeprefix(f"{source}: "), ())
        yield Problem(problem.code, _place(source, root, loc), problem.text, problem.hint)


def _place(source: str, root: Any, loc: tuple[int | str, ...]) -> str:
    """``file:line: cases[2].levels.99`` (the line of the deepest node found)."""
    line = _line_at(root, loc)
    where = f"{source}:{line}" if line is not None else source
    return f"{where}: {yaml_path(loc)}" if loc else where


def _line_at(node: Any, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the YAML key or item at ``loc`` (or of its deepest parent)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        found = _child(node, part)
        if found is None:
            break
        node, line = found
    return line


def _child(node: Any, part: int | str) -> tuple[Any, int] | None:
    """The node under ``part`` and the line that names it (a key's line, or an item's)."""
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            item = node.value[part]
            return item, item.start_mark.line + 1
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                return value, key.start_mark.line + 1
    return None


def _valid_cases(raw: Any) -> list[tuple[int, Case]]:
    """The items of a raw ``cases`` list that are valid cases, with their positions."""
    valid: list[tuple[int, Case]] = []
    for pos, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            valid.append((pos, Case.model_validate(item)))
        except ValidationError:
            continue
    return valid


def check_cases(
    spec: CasesFile, framework: Framework, source: str = "<cases>", root: Any = None
) -> list[Problem]:
    """What pydantic cannot see: ids, levels on the scale, names, figures' decimals."""
    return _check_each(list(enumerate(spec.cases)), framework, source, root)


def _check_each(
    cases: list[tuple[int, Case]], framework: Framework, source: str, root: Any
) -> list[Problem]:
    problems: list[Problem] = []

    def add(loc: tuple[int | str, ...], code: str, indonesian: str, english: str) -> None:
        problems.append(Problem(code, _place(source, root, loc), Text(indonesian, english)))

    seen: set[str] = set()
    for pos, case in cases:
        if case.name in seen:
            add(
                ("cases", pos, "name"),
                "duplicate-case",
                f"nama kasus '{case.name}' dipakai dua kali",
                f"case name '{case.name}' is used twice",
            )
        seen.add(case.name)
        _check_levels(case, framework, ("cases", pos, "levels"), add)
        _check_expect(case.expect, framework, ("cases", pos, "expect"), add)
    return problems


def _check_levels(case: Case, fw: Framework, loc: tuple[int | str, ...], add: Any) -> None:
    scale = fw.scale
    for key, level in case.levels.items():
        if key != DEFAULT_KEY and fw.indicator_id(key) is None:
            add(
                (*loc, key),
                "unknown-indicator",
                f"indikator '{key}' tidak ada di {fw.id}",
                f"indicator '{key}' does not exist in {fw.id}",
            )
        elif not scale.admits(level):
            shown = format_exact(level)
            add(
                (*loc, key),
                "level-out-of-scale",
                f"nilai {shown} bukan nilai skala {scale.min}-{scale.max}",
                f"value {shown} is not a value of the scale {scale.min}-{scale.max}",
            )
    if DEFAULT_KEY not in case.levels:
        listed = {fw.indicator_id(k) for k in case.levels}
        missing = [i.id for i in fw.indicators if i.id not in listed and i.external is None]
        if missing:
            ids = ", ".join(missing)
            add(
                loc,
                "missing-indicators",
                f"tidak ada level untuk indikator {ids} (atau tambahkan 'default')",
                f"no level for indicator {ids} (or add 'default')",
            )


def _check_expect(expect: Expect, fw: Framework, loc: tuple[int | str, ...], add: Any) -> None:
    if expect.is_empty():
        add(
            loc,
            "empty-expect",
            "kasus tidak memeriksa apa pun: isi index, predikat, atau angka suatu tingkat "
            f"({', '.join(t.key for t in fw.group_tiers)})",
            "the case checks nothing: give index, predikat, or a tier's figures "
            f"({', '.join(t.key for t in fw.group_tiers)})",
        )
    if expect.predikat is not None and fw.band_named(expect.predikat) is None:
        names = ", ".join(b.name for b in fw.bands)
        add(
            (*loc, "predikat"),
            "unknown-predikat",
            f"predikat '{expect.predikat}' tidak dikenal ({names})",
            f"unknown rating '{expect.predikat}' ({names})",
        )
    figures: list[tuple[tuple[int | str, ...], Decimal]] = []
    if expect.index is not None:
        figures.append(((*loc, "index"), expect.index))
    tiers = {
        t.key: {n.id for n in nodes} for t, nodes in zip(fw.group_tiers, fw.tier_nodes, strict=True)
    }
    given = expect.tiers()
    keys = ", ".join(tiers) or "-"
    for kind in expect.extra_keys():
        if kind not in tiers:
            add(
                (*loc, kind),
                "schema-extra_forbidden",
                f"kunci tidak dikenal (tingkat {fw.id}: {keys})",
                f"unknown key (the tiers of {fw.id}: {keys})",
            )
        elif kind not in given:
            add(
                (*loc, kind),
                "schema-dict_type",
                "harus berupa pemetaan id: angka",
                "must be a mapping id: figure",
            )
    for kind, found in given.items():
        ids = tiers.get(kind)
        if ids is None:
            continue
        for node_id, figure in found.items():
            if node_id not in ids:
                add(
                    (*loc, kind, node_id),
                    "unknown-id",
                    f"id '{node_id}' tidak ada di {kind} {fw.id}",
                    f"id '{node_id}' is not among the {kind} of {fw.id}",
                )
            figures.append(((*loc, kind, node_id), figure))
    places = fw.rounding.places
    for where, figure in figures:
        if figure != figure.quantize(Decimal(1).scaleb(-places)):
            add(
                where,
                "figure-precision",
                f"{figure} punya lebih dari {places} desimal; angka terbit tidak pernah begitu",
                f"{figure} has more than {places} decimals; a published figure never does",
            )
