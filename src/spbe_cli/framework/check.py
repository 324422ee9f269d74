"""Complete checks of a framework, beyond what pydantic sees field by field.

:func:`check_framework` walks the tree once and reports every problem with its path in the
file's words: tiers (each node on its tier, the indicators last), unique ids per tier and
unique indicator aliases, positive weights, each parent's weight the exact sum of its
children's and the top tier adding up to 100, level names for every level, external
defaults on the scale, bands contiguous and covering the scale, levels that stand for band
ranges lying in them, criteria and external-index ranges on the scale's levels (ranges
rising, never overlapping), glosses matching their lists, the target on the scale, years in
order, and sources for a provisional framework. :func:`check_bundled` adds the
rule across the bundled files: their years do not overlap.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

from spbe_cli.exact import format_exact
from spbe_cli.framework.model import Framework, Group, Indicator, Interval, id_key
from spbe_cli.i18n import Text
from spbe_cli.problems import Problem

_num = format_exact
Add = Callable[[str, str, str, str], None]


def check_framework(fw: Framework, source: str = "<framework>") -> list[Problem]:
    """The arithmetic and cross-reference checks pydantic cannot do field by field."""
    problems: list[Problem] = []

    def add(code: str, path: str, indonesian: str, english: str) -> None:
        problems.append(Problem(code, f"{source}: {path}", Text(indonesian, english)))

    _check_tiers(fw, add)
    _check_scale(fw, add)
    _check_tree(fw, add)
    _check_bands(fw, add)
    _check_band_levels(fw, add)
    if not fw.scale.min <= fw.target <= fw.scale.max:
        add(
            "target-outside-scale",
            "target",
            f"target {_num(fw.target)} di luar skala",
            f"target {_num(fw.target)} is outside the scale",
        )
    _check_years_and_status(fw, add)
    return problems


def _check_tiers(fw: Framework, add: Add) -> None:
    for kind in ("id", "key", "code"):
        values = [getattr(t, kind) for t in fw.tiers]
        for pos, value in enumerate(values):
            if value in values[:pos]:
                add(
                    "duplicate-id",
                    f"tiers[{pos}].{kind}",
                    f"{kind} tingkat '{value}' dipakai dua kali",
                    f"tier {kind} '{value}' is used twice",
                )
    if fw.nodes and fw.leaves:
        add(
            "tier-mixed",
            fw.tiers[0].key,
            "tingkat teratas berisi kelompok dan indikator sekaligus",
            "the top tier holds both groups and indicators",
        )


def _check_scale(fw: Framework, add: Add) -> None:
    scale = fw.scale
    if scale.min >= scale.max:
        add(
            "scale-range",
            "scale",
            f"min ({scale.min}) harus lebih kecil dari max ({scale.max})",
            f"min ({scale.min}) must be below max ({scale.max})",
        )
    for type_id, ctype in scale.types.items():
        missing = [lvl for lvl in scale.levels if lvl not in ctype.levels]
        extra = [lvl for lvl in ctype.levels if lvl not in scale.levels]
        if missing:
            add(
                "level-names-missing",
                f"scale.types.{type_id}.levels",
                f"tidak ada nama untuk level {_ints(missing)}",
                f"no name for level {_ints(missing)}",
            )
        if extra:
            add(
                "level-outside-scale",
                f"scale.types.{type_id}.levels",
                f"level {_ints(extra)} di luar skala {scale.min}-{scale.max}",
                f"level {_ints(extra)} outside the scale {scale.min}-{scale.max}",
            )
    if fw.planning.max_step is not None and fw.planning.max_step > scale.max - scale.min:
        add(
            "planning-max-step",
            "planning.max_step",
            f"max_step {fw.planning.max_step} lebih dari rentang skala",
            f"max_step {fw.planning.max_step} exceeds the scale's range",
        )


def _check_tree(fw: Framework, add: Add) -> None:
    keys = [t.key for t in fw.tiers]
    seen: list[set[str]] = [set() for _ in fw.tiers]
    aliases: dict[str, tuple[str, str]] = {}
    leaf_depth = len(fw.tiers) - 1

    def node(item: Group | Indicator, depth: int, path: str) -> None:
        tier = fw.tiers[min(depth, leaf_depth)]
        _unique(item.id, seen[min(depth, leaf_depth)], f"{path}.id", tier.name, tier.name_en, add)
        if item.weight <= 0:
            add(
                "weight-not-positive",
                f"{path}.weight",
                f"bobot {_num(item.weight)} harus lebih dari 0",
                f"weight {_num(item.weight)} must be positive",
            )
        if isinstance(item, Indicator):
            _indicator(item, path, aliases, add, fw)
            return
        below = keys[depth + 1] if depth + 1 < len(keys) else None
        if (depth + 1 == leaf_depth and item.nodes) or (depth + 1 < leaf_depth and item.leaves):
            add(
                "tier-order",
                path,
                f"'{item.id}' harus berisi {below}",
                f"'{item.id}' must hold {below}",
            )
        if not item.children:
            add(
                "tier-empty",
                path,
                f"'{item.id}' tidak berisi {below}",
                f"'{item.id}' holds no {below}",
            )
            return
        _sum(item.weight, item.children, f"{path}.weight", below or "", add)
        for pos, child in enumerate(item.nodes):
            node(child, depth + 1, f"{path}.{keys[depth + 1]}[{pos}]")
        for pos, leaf in enumerate(item.leaves):
            node(leaf, leaf_depth, f"{path}.{keys[-1]}[{pos}]")

    if leaf_depth == 0 and fw.nodes:
        add(
            "tier-order",
            keys[0],
            "tingkat teratas harus berisi indikator",
            "the top tier must hold indicators",
        )
    if leaf_depth > 0 and fw.leaves:
        add(
            "tier-order",
            keys[0],
            f"tingkat teratas harus berisi {keys[0]} dengan {keys[1]}",
            f"the top tier must hold {keys[0]} with {keys[1]}",
        )
    for pos, top in enumerate(fw.top_level):
        node(top, 0, f"{keys[0]}[{pos}]")
    if not fw.top_level:
        add("tier-empty", keys[0], f"tidak ada {keys[0]}", f"no {keys[0]}")
    if fw.total_weight != 100:
        add(
            "weight-total",
            keys[0],
            f"bobot {keys[0]} berjumlah {_num(fw.total_weight)}, seharusnya 100",
            f"{keys[0]} weights add up to {_num(fw.total_weight)}, not 100",
        )


def _indicator(
    item: Indicator, path: str, aliases: dict[str, tuple[str, str]], add: Add, fw: Framework
) -> None:
    if item.type not in fw.scale.types:
        add(
            "unknown-type",
            f"{path}.type",
            f"jenis '{item.type}' tidak ada di scale.types",
            f"type '{item.type}' is not defined in scale.types",
        )
    for pos, name in enumerate((item.id, *item.aliases)):
        key = id_key(name)
        where = f"{path}.aliases[{pos - 1}]" if pos else f"{path}.id"
        owner = aliases.get(key)
        if owner is not None and owner[0] != item.id:
            add(
                "duplicate-alias",
                where,
                f"'{name}' sudah menamai indikator {owner[0]} ({owner[1]})",
                f"'{name}' already names indicator {owner[0]} ({owner[1]})",
            )
        elif owner is not None and pos:
            add(
                "duplicate-alias",
                where,
                f"alias '{name}' ditulis dua kali",
                f"alias '{name}' is given twice",
            )
        else:
            aliases[key] = (item.id, where)
    if item.external is not None and not fw.scale.admits(item.external.default):
        add(
            "external-default",
            f"{path}.external.default",
            f"nilai bawaan "
            f"{_num(item.external.default)} bukan nilai skala {fw.scale.min}-{fw.scale.max}",
            f"default {_num(item.external.default)} is not a value of the scale "
            f"{fw.scale.min}-{fw.scale.max}",
        )
    _check_levels_given(fw, item.criteria, f"{path}.criteria", add)
    if item.external is not None:
        _check_levels_given(fw, item.external.ranges, f"{path}.external.ranges", add)
        _check_ranges(item.external.ranges, f"{path}.external.ranges", add)
    for field in ("pembina", "owners"):
        given, glossed = getattr(item, field), getattr(item, f"{field}_en")
        if glossed and len(glossed) != len(given):
            add(
                "gloss-count",
                f"{path}.{field}_en",
                f"{len(glossed)} terjemahan untuk {len(given)} butir {field}",
                f"{len(glossed)} glosses for {len(given)} {field} items",
            )


def _check_levels_given(fw: Framework, levels: Mapping[int, object], path: str, add: Add) -> None:
    outside = [level for level in levels if level not in fw.scale.levels]
    if outside:
        add(
            "level-outside-scale",
            path,
            f"level {_ints(outside)} di luar skala {fw.scale.min}-{fw.scale.max}",
            f"level {_ints(outside)} outside the scale {fw.scale.min}-{fw.scale.max}",
        )


def _check_ranges(ranges: Mapping[int, Interval], path: str, add: Add) -> None:
    """An external index's ranges rise with the level and never overlap (a figure in two
    ranges would have two readings); gaps are allowed, as the regulation prints them."""
    ordered = sorted(ranges.items())
    for (level, low), (next_level, high) in itertools.pairwise(ordered):
        if _overlap(low, high):
            add(
                "range-overlap",
                f"{path}.{next_level}",
                f"rentang level {next_level} ({high}) "
                f"bertumpang tindih dengan level {level} ({low})",
                f"the range of level {next_level} ({high}) overlaps level {level}'s ({low})",
            )
        elif _before(high, low):
            add(
                "range-order",
                f"{path}.{next_level}",
                f"rentang level {next_level} ({high}) di bawah rentang level {level} ({low})",
                f"the range of level {next_level} ({high}) lies below level {level}'s ({low})",
            )


def _overlap(a: Interval, b: Interval) -> bool:
    """Whether some figure lies in both ranges."""
    return not (_before(a, b) or _before(b, a))


def _before(a: Interval, b: Interval) -> bool:
    """Whether every figure of ``a`` lies below every figure of ``b``."""
    if a.high is None or b.low is None:
        return False
    return a.high < b.low or (a.high == b.low and not (a.high_closed and b.low_closed))


def _sum(
    weight: Fraction, children: Sequence[Group | Indicator], path: str, below: str, add: Add
) -> None:
    total = sum((c.weight for c in children), Fraction(0))
    if total != weight:
        add(
            "weight-sum",
            path,
            f"bobot {_num(weight)} tidak sama dengan jumlah bobot {below} "
            f"di bawahnya ({_num(total)})",
            f"weight {_num(weight)} is not the sum of the weights of its {below} ({_num(total)})",
        )


def _unique(
    value: str, seen: set[str], path: str, name: str, name_en: str | None, add: Add
) -> None:
    if value in seen:
        add(
            "duplicate-id",
            path,
            f"id {name.lower()} '{value}' dipakai dua kali",
            f"{(name_en or name).lower()} id '{value}' is used twice",
        )
    seen.add(value)


def _check_band_levels(fw: Framework, add: Add) -> None:
    """Levels that stand for band ranges (Pemdi) name a band, one each, and lie in it."""
    names = {band.name: band for band in fw.bands}
    for type_id, kind in fw.scale.types.items():
        tagged = {level: info.band for level, info in kind.levels.items() if info.band}
        if not tagged:
            continue
        path = f"scale.types.{type_id}.levels"
        if len(tagged) != len(kind.levels):
            add(
                "level-band",
                path,
                "sebagian level menyebut predikat, sebagian tidak: "
                "sebutkan untuk semua level atau tidak sama sekali",
                "some levels name a band and some do not: name one for every level or for none",
            )
        for level, name in tagged.items():
            band = names.get(name or "")
            if band is None:
                add(
                    "level-band",
                    f"{path}.{level}.band",
                    f"predikat '{name}' tidak ada di bands",
                    f"band '{name}' is not in bands",
                )
            elif fw.band_for(Fraction(level)) is not band:
                add(
                    "level-band",
                    f"{path}.{level}.band",
                    f"level {level} tidak berada dalam rentang predikat {name}",
                    f"level {level} does not lie in band {name}'s range",
                )
        if len(set(tagged.values())) != len(tagged):
            add(
                "level-band",
                path,
                "dua level menyebut predikat yang sama",
                "two levels name the same band",
            )


def _check_bands(fw: Framework, add: Add) -> None:
    bands = fw.bands
    for pos, band in enumerate(bands):
        if band.min >= band.max:
            add(
                "band-empty",
                f"bands[{pos}]",
                f"min {_num(band.min)} tidak di bawah max {_num(band.max)}",
                f"min {_num(band.min)} is not below max {_num(band.max)}",
            )
        if pos and band.min != bands[pos - 1].max:
            kind = "celah" if band.min > bands[pos - 1].max else "tumpang tindih"
            kind_en = "gap" if band.min > bands[pos - 1].max else "overlap"
            add(
                "band-contiguous",
                f"bands[{pos}].min",
                f"{kind} dengan predikat sebelumnya: min {_num(band.min)}, max sebelumnya "
                f"{_num(bands[pos - 1].max)}",
                f"{kind_en} with the band before: min {_num(band.min)}, previous max "
                f"{_num(bands[pos - 1].max)}",
            )
    if bands[0].min > fw.scale.min:
        add(
            "band-coverage",
            "bands[0].min",
            f"predikat tidak mencakup skala dari {fw.scale.min}",
            f"bands do not cover the scale from {fw.scale.min}",
        )
    if bands[-1].max < fw.scale.max:
        add(
            "band-coverage",
            f"bands[{len(bands) - 1}].max",
            f"predikat tidak mencakup skala sampai {fw.scale.max}",
            f"bands do not cover the scale up to {fw.scale.max}",
        )
    seen: dict[str, int] = {}
    for pos, band in enumerate(bands):
        for field in ("name", "name_en", "alias", "alias_en"):
            value = getattr(band, field)
            if not value:
                continue
            key = " ".join(value.lower().split())
            if key in seen and seen[key] != pos:
                add(
                    "duplicate-id",
                    f"bands[{pos}].{field}",
                    f"nama predikat '{value}' dipakai dua kali",
                    f"band name '{value}' is used twice",
                )
            seen.setdefault(key, pos)


def _check_years_and_status(fw: Framework, add: Add) -> None:
    start, end = fw.applies_from, fw.applies_until
    if end is not None and (start is None or end < start):
        add(
            "years",
            "applies_until",
            f"applies_until {end} harus sesudah applies_from",
            f"applies_until {end} must not come before applies_from",
        )
    if fw.provisional and not fw.sources:
        add(
            "sources-missing",
            "sources",
            "kerangka sementara harus menyebut sumbernya",
            "a provisional framework must list its sources",
        )


def check_bundled(frameworks: Sequence[Framework]) -> list[Problem]:
    """Problems across bundled frameworks: two that would score the same year."""
    problems: list[Problem] = []
    dated = sorted(
        (f for f in frameworks if f.applies_from is not None), key=lambda f: f.applies_from or 0
    )
    for before, after in itertools.pairwise(dated):
        end = before.applies_until
        if end is None or (after.applies_from or 0) <= end:
            shown = before.years_text()
            problems.append(
                Problem(
                    "years-overlap",
                    f"{after.id}: applies_from",
                    Text(
                        f"tahun {after.years_text()} bertumpang tindih dengan {before.id} "
                        f"({shown})",
                        f"years {after.years_text()} overlap {before.id} ({shown})",
                    ),
                )
            )
    return problems


def _ints(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)
