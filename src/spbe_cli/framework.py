"""The evaluation framework: a validated, immutable tree loaded from a YAML file.

A framework file holds everything that differs between evaluation rules: the level scale
and its level names, domains, aspects and indicators with exact weights, rating bands,
rounding and the default target. :func:`load_framework` reads one (a bundled name such as
``permenpanrb-59-2020`` or a path), refuses duplicate keys, validates the structure with
pydantic and then the arithmetic (sums, bands), and reports every problem in one pass.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from spbe_cli.i18n import Lang, Text, pick
from spbe_cli.problems import InputError, Problem

DEFAULT_FRAMEWORK = "permenpanrb-59-2020"
_BUNDLED_FILES = {
    "permenpanrb-59-2020": "indicators.yaml",
    "permenpanrb-5-2018": "permenpanrb-5-2018.yaml",
}
_ALIASES = {"59/2020": "permenpanrb-59-2020", "5/2018": "permenpanrb-5-2018"}


def parse_exact(value: Any) -> Fraction:
    """An exact number from ``"1.30"``, ``"20/6"``, an int, or a YAML float (by its text)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got true/false")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | Decimal):
        return Fraction(value)
    if isinstance(value, float):
        # repr() gives the shortest text that reads back as the same float, i.e. what the
        # author wrote (1.3 -> "1.3"), so no binary error enters the arithmetic.
        value = repr(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        try:
            number = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value!r} is not an exact number such as 1.30 or 20/6") from None
        return number
    raise ValueError(f"expected a number such as 1.30 or 20/6, got {type(value).__name__}")


Exact = Annotated[Fraction, BeforeValidator(parse_exact)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, arbitrary_types_allowed=True
    )


class LevelInfo(_Model):
    """A level's name and, in a short phrase, what reaching it requires."""

    name: str
    name_en: str | None = None
    requires: str | None = None
    requires_en: str | None = None


class CapabilityType(_Model):
    """A family of level names (process capability, service capability, ...)."""

    name: str
    name_en: str | None = None
    levels: dict[int, LevelInfo]


class Scale(_Model):
    """The range of levels and the level names of each capability type."""

    min: int
    max: int
    types: dict[str, CapabilityType] = Field(min_length=1)

    @property
    def levels(self) -> range:
        """Every allowed level, lowest first."""
        return range(self.min, self.max + 1)


class _Named(_Model):
    """Something with an official (Indonesian) name and an optional English one."""

    name: str
    name_en: str | None = None

    def label(self, lang: Lang) -> str:
        """The name in ``lang`` (Indonesian when no English name is given)."""
        return pick(lang, self.name, self.name_en)


class _Node(_Named):
    """A domain, aspect or indicator: an id, names and a weight (percent of the index)."""

    id: str = Field(min_length=1)
    weight: Exact


class Band(_Named):
    """A rating (predikat): ``min`` inclusive, ``max`` exclusive except on the top band."""

    min: Exact
    max: Exact


class Rounding(_Model):
    """How published figures are rounded and which figure the rating is read from."""

    places: int = Field(default=2, ge=0, le=6)
    mode: Literal["half_up"] = "half_up"
    rating_basis: Literal["rounded", "exact"] = "rounded"


class Indicator(_Node):
    """A scored item: id, official name, capability type and weight (percent of the index)."""

    type: str


class Aspect(_Node):
    """A group of indicators with its weight."""

    indicators: tuple[Indicator, ...] = Field(min_length=1)


class Domain(_Node):
    """A group of aspects with its weight."""

    aspects: tuple[Aspect, ...] = Field(min_length=1)


class Framework(_Model):
    """A whole evaluation framework. Build it with :func:`load_framework`."""

    id: str = Field(min_length=1)
    title: str
    title_en: str | None = None
    source: str
    applies_from: int | None = None
    scale: Scale
    bands: tuple[Band, ...] = Field(min_length=1)
    rounding: Rounding = Rounding()
    target: Exact
    domains: tuple[Domain, ...] = Field(min_length=1)

    # -- lookups -------------------------------------------------------------------------

    @cached_property
    def aspects(self) -> tuple[Aspect, ...]:
        """Every aspect, in framework order."""
        return tuple(a for d in self.domains for a in d.aspects)

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in framework order."""
        return tuple(i for a in self.aspects for i in a.indicators)

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        """Indicators by id."""
        return {i.id: i for i in self.indicators}

    @cached_property
    def parents(self) -> dict[str, tuple[Domain, Aspect]]:
        """The domain and aspect of each indicator id."""
        return {i.id: (d, a) for d in self.domains for a in d.aspects for i in a.indicators}

    @cached_property
    def total_weight(self) -> Fraction:
        """The sum of the domain weights (100 in a valid file)."""
        return sum((d.weight for d in self.domains), Fraction(0))

    # -- arithmetic on published figures -------------------------------------------------

    def publish(self, value: Fraction) -> Decimal:
        """``value`` as published: rounded as the framework says (half-up, 2 places)."""
        return round_half_up(value, self.rounding.places)

    def rating_value(self, value: Fraction) -> Fraction:
        """The figure the rating is read from: the published one, or the exact one."""
        if self.rounding.rating_basis == "exact":
            return value
        return Fraction(self.publish(value))

    def band_for(self, value: Fraction) -> Band:
        """The rating band of an index (exact value; rounding applied as configured).

        Lower edges are inclusive; the top band also holds the scale's maximum.
        """
        if self.rounding.rating_basis == "exact":
            return self.bands[bisect.bisect_right(self._band_edges, value)]
        return self.band_for_units(publish_units(value, self.rounding.places))

    def band_for_units(self, units: int) -> Band:
        """The band of a published figure given in units of the last decimal place."""
        return self.bands[bisect.bisect_right(self._unit_edges, units)]

    @cached_property
    def _band_edges(self) -> tuple[Fraction, ...]:
        return tuple(b.min for b in self.bands[1:])

    @cached_property
    def _unit_edges(self) -> tuple[int, ...]:
        # A published figure u / 10^p reaches a band from min when u >= ceil(min * 10^p).
        scale = 10**self.rounding.places
        return tuple(math.ceil(b.min * scale) for b in self.bands[1:])

    def next_band(self, band: Band) -> Band | None:
        """The band above ``band``, or ``None`` at the top."""
        position = self.bands.index(band)
        return self.bands[position + 1] if position + 1 < len(self.bands) else None

    def band_named(self, name: str) -> Band | None:
        """A band by its Indonesian or English name, any case (``baik``, ``Very good``)."""
        wanted = " ".join(name.lower().replace("_", " ").replace("-", " ").split())
        for band in self.bands:
            names = {band.name.lower(), (band.name_en or "").lower()}
            if wanted in names:
                return band
        return None

    def parse_target(self, value: str) -> Fraction:
        """A target from text: a rating name (``baik``) gives its lower edge, else a number.

        Raises ``ValueError`` for anything else.
        """
        band = self.band_named(value)
        if band is not None:
            return band.min
        return parse_exact(value.strip().replace(",", "."))

    def level_info(self, indicator: Indicator, level: int) -> LevelInfo | None:
        """Name and requirement of ``level`` on the indicator's capability scale."""
        return self.scale.types[indicator.type].levels.get(level)

    def label(self, lang: Lang) -> str:
        """The framework's title in ``lang``."""
        return pick(lang, self.title, self.title_en)


def publish_units(value: Fraction, places: int) -> int:
    """``value`` rounded half away from zero, in units of ``10**-places`` (an integer)."""
    numerator, denominator = value.numerator, value.denominator
    units: int = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return -units if numerator < 0 else units


def round_half_up(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimals, exactly."""
    return Decimal(publish_units(value, places)).scaleb(-places)


# -- loading --------------------------------------------------------------------------------


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that records duplicate mapping keys instead of keeping the last."""

    duplicates: list[tuple[int, str]]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                self.duplicates.append((key_node.start_mark.line + 1, str(key)))
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _UniqueKeyLoader.construct_mapping
)


def canonical_name(name: str) -> str:
    """A bundled framework's id from an alias (``59/2020`` -> ``permenpanrb-59-2020``)."""
    return _ALIASES.get(name, name)


def bundled_frameworks() -> dict[str, str]:
    """Names of the frameworks shipped with the package, with their file names."""
    return dict(_BUNDLED_FILES)


def _bundled_path(name: str) -> Path | None:
    file_name = _BUNDLED_FILES.get(_ALIASES.get(name, name))
    if file_name is None:
        return None
    packaged = resources.files("spbe_cli") / "frameworks" / file_name
    if packaged.is_file():
        return Path(str(packaged))
    # Editable install: the default framework lives at the repository root.
    root_copy = Path(__file__).resolve().parents[2] / file_name
    return root_copy if root_copy.is_file() else None


def resolve_framework(name_or_path: str | Path | None) -> Path:
    """The file behind a bundled name (``permenpanrb-59-2020``, ``5/2018``) or a path."""
    if name_or_path is None:
        name_or_path = DEFAULT_FRAMEWORK
    bundled = _bundled_path(str(name_or_path))
    if bundled is not None:
        return bundled
    path = Path(name_or_path)
    if path.is_file():
        return path
    raise InputError(
        str(name_or_path),
        [
            Problem(
                "framework-not-found",
                str(name_or_path),
                Text(
                    "bukan kerangka bawaan dan bukan berkas yang ada",
                    "is neither a bundled framework nor an existing file",
                ),
                Text(
                    "kerangka bawaan: " + ", ".join(_BUNDLED_FILES),
                    "bundled frameworks: " + ", ".join(_BUNDLED_FILES),
                ),
            )
        ],
    )


_CACHE: dict[Path, Framework] = {}


def load_framework(name_or_path: str | Path | None = None) -> Framework:
    """Load and validate a framework; raise :class:`InputError` listing every problem."""
    path = resolve_framework(name_or_path).resolve()
    cached = _CACHE.get(path)
    if cached is not None:
        return cached
    framework = parse_framework(read_text(path), str(path))
    _CACHE[path] = framework
    return framework


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            str(path),
            [Problem("unreadable", str(path), Text(f"tidak dapat dibaca: {error}",
                                                   f"cannot be read: {error}"))],
        ) from None


def read_yaml(text: str, source: str) -> tuple[Any, Any, list[Problem]]:
    """The data and node tree of YAML ``text``, with a problem per key written twice.

    Raises :class:`InputError` for a syntax error (with its line).
    """
    loader = _UniqueKeyLoader(text)
    loader.duplicates = []
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"{source}:{mark.line + 1}" if mark is not None else source
        reason = getattr(error, "problem", None) or str(error)
        message = Text(f"YAML tidak sah: {reason}", f"invalid YAML: {reason}")
        raise InputError(source, [Problem("yaml-syntax", place, message)]) from None
    finally:
        loader.dispose()
    problems = [
        Problem(
            "duplicate-key",
            f"{source}:{line}",
            Text(
                f"kunci '{key}' ditulis dua kali dalam satu pemetaan",
                f"key '{key}' appears twice in the same mapping",
            ),
        )
        for line, key in loader.duplicates
    ]
    return data, root, problems



def parse_framework(text: str, source: str = "<framework>") -> Framework:
    """Validate framework YAML ``text``; ``source`` names it in problem messages."""
    data, _, problems = read_yaml(text, source)
    if not isinstance(data, dict):
        problems.append(Problem("not-a-mapping", source, Text(
            "berkas kerangka harus berupa pemetaan YAML (kunci: nilai)",
            "a framework file must be a YAML mapping (key: value)")))
        raise InputError(source, problems)
    try:
        framework = Framework.model_validate(data)
    except ValidationError as error:
        problems.extend(pydantic_problems(error, source))
        raise InputError(source, problems) from None
    problems.extend(check_framework(framework, source))
    if problems:
        raise InputError(source, problems)
    return framework


def yaml_path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def pydantic_problems(error: ValidationError, source: str) -> Iterator[Problem]:
    items = error.errors(include_url=False)
    locs = [tuple(p for p in item["loc"] if not str(p).startswith("function-")) for item in items]
    for item, loc in zip(items, locs, strict=True):
        message = item["msg"].removeprefix("Value error, ")
        kind = item["type"]
        if kind == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in locs
        ):
            continue  # pydantic counts only the valid items; the real problem is below
        if kind == "extra_forbidden":
            text = Text("kunci tidak dikenal", "unknown key")
        elif kind == "missing":
            text = Text("wajib diisi tetapi tidak ada", "is required but missing")
        else:
            text = Text(message, message)
        yield Problem(f"schema-{kind}", f"{source}: {yaml_path(loc)}", text)


def check_framework(fw: Framework, source: str = "<framework>") -> list[Problem]:
    """The arithmetic and cross-reference checks pydantic cannot do field by field."""
    problems: list[Problem] = []

    def add(code: str, path: str, indonesian: str, english: str) -> None:
        problems.append(Problem(code, f"{source}: {path}", Text(indonesian, english)))

    scale = fw.scale
    if scale.min >= scale.max:
        add("scale-range", "scale", f"min ({scale.min}) harus lebih kecil dari max ({scale.max})",
            f"min ({scale.min}) must be below max ({scale.max})")
    for type_id, ctype in scale.types.items():
        missing = [lvl for lvl in scale.levels if lvl not in ctype.levels]
        extra = [lvl for lvl in ctype.levels if lvl not in scale.levels]
        if missing:
            add("level-names-missing", f"scale.types.{type_id}.levels",
                f"tidak ada nama untuk level {_ints(missing)}",
                f"no name for level {_ints(missing)}")
        if extra:
            add("level-outside-scale", f"scale.types.{type_id}.levels",
                f"level {_ints(extra)} di luar skala {scale.min}-{scale.max}",
                f"level {_ints(extra)} outside the scale {scale.min}-{scale.max}")

    seen_domains: set[str] = set()
    seen_aspects: set[str] = set()
    seen_indicators: set[str] = set()
    for d_pos, domain in enumerate(fw.domains):
        d_path = f"domains[{d_pos}]"
        _check_unique(domain.id, seen_domains, f"{d_path}.id", "domain", add)
        _check_weight(domain.weight, f"{d_path}.weight", add)
        aspect_sum = sum((a.weight for a in domain.aspects), Fraction(0))
        if aspect_sum != domain.weight:
            add("weight-sum", f"{d_path}.weight",
                f"bobot {_num(domain.weight)} tidak sama dengan jumlah bobot aspeknya "
                f"({_num(aspect_sum)})",
                f"weight {_num(domain.weight)} is not the sum of its aspects' weights "
                f"({_num(aspect_sum)})")
        for a_pos, aspect in enumerate(domain.aspects):
            a_path = f"{d_path}.aspects[{a_pos}]"
            _check_unique(aspect.id, seen_aspects, f"{a_path}.id", "aspect", add)
            _check_weight(aspect.weight, f"{a_path}.weight", add)
            indicator_sum = sum((i.weight for i in aspect.indicators), Fraction(0))
            if indicator_sum != aspect.weight:
                add("weight-sum", f"{a_path}.weight",
                    f"bobot {_num(aspect.weight)} tidak sama dengan jumlah bobot indikatornya "
                    f"({_num(indicator_sum)})",
                    f"weight {_num(aspect.weight)} is not the sum of its indicators' weights "
                    f"({_num(indicator_sum)})")
            for i_pos, indicator in enumerate(aspect.indicators):
                i_path = f"{a_path}.indicators[{i_pos}]"
                _check_unique(indicator.id, seen_indicators, f"{i_path}.id", "indicator", add)
                _check_weight(indicator.weight, f"{i_path}.weight", add)
                if indicator.type not in scale.types:
                    add("unknown-type", f"{i_path}.type",
                        f"jenis '{indicator.type}' tidak ada di scale.types",
                        f"type '{indicator.type}' is not defined in scale.types")
    if fw.total_weight != 100:
        add("weight-total", "domains",
            f"bobot domain berjumlah {_num(fw.total_weight)}, seharusnya 100",
            f"domain weights add up to {_num(fw.total_weight)}, not 100")

    _check_bands(fw, add)
    if not scale.min <= fw.target <= scale.max:
        add("target-outside-scale", "target", f"target {_num(fw.target)} di luar skala",
            f"target {_num(fw.target)} is outside the scale")
    return problems


def _check_bands(fw: Framework, add: Any) -> None:
    bands = fw.bands
    for pos, band in enumerate(bands):
        if band.min >= band.max:
            add("band-empty", f"bands[{pos}]", f"min {_num(band.min)} tidak di bawah max "
                f"{_num(band.max)}", f"min {_num(band.min)} is not below max {_num(band.max)}")
        if pos and band.min != bands[pos - 1].max:
            kind = "celah" if band.min > bands[pos - 1].max else "tumpang tindih"
            kind_en = "gap" if band.min > bands[pos - 1].max else "overlap"
            add("band-contiguous", f"bands[{pos}].min",
                f"{kind} dengan predikat sebelumnya: min {_num(band.min)}, max sebelumnya "
                f"{_num(bands[pos - 1].max)}",
                f"{kind_en} with the band before: min {_num(band.min)}, previous max "
                f"{_num(bands[pos - 1].max)}")
    if bands[0].min > fw.scale.min:
        add("band-coverage", "bands[0].min", f"predikat tidak mencakup skala dari "
            f"{fw.scale.min}", f"bands do not cover the scale from {fw.scale.min}")
    if bands[-1].max < fw.scale.max:
        add("band-coverage", f"bands[{len(bands) - 1}].max", f"predikat tidak mencakup skala "
            f"sampai {fw.scale.max}", f"bands do not cover the scale up to {fw.scale.max}")
    names = [b.name.lower() for b in bands]
    for pos, name in enumerate(names):
        if name in names[:pos]:
            add("duplicate-id", f"bands[{pos}].name", f"nama predikat '{bands[pos].name}' "
                "dipakai dua kali", f"band name '{bands[pos].name}' is used twice")


def _check_unique(value: str, seen: set[str], path: str, kind: str, add: Any) -> None:
    if value in seen:
        kinds = {"domain": "domain", "aspect": "aspek", "indicator": "indikator"}
        add("duplicate-id", path, f"id {kinds[kind]} '{value}' dipakai dua kali",
            f"{kind} id '{value}' is used twice")
    seen.add(value)


def _check_weight(weight: Fraction, path: str, add: Any) -> None:
    if weight <= 0:
        add("weight-not-positive", path, f"bobot {_num(weight)} harus lebih dari 0",
            f"weight {_num(weight)} must be positive")


def format_exact(value: Fraction) -> str:
    """An exact number as short text: ``13``, ``1.3``, or ``10/3`` when not a decimal."""
    if value.denominator == 1:
        return str(value.numerator)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.{places}f}"


_num = format_exact


def _ints(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)
