"""The evaluation framework: a validated, immutable tree loaded from a YAML file.

A framework file holds everything that differs between evaluation rules: its tiers (SPBE:
domains, aspects, indicators; Pemdi: aspects, indicators), the value scale and its level
names, nodes with exact weights, indicator aliases and external feeds, rating bands (with
aliases), rounding, the default target, the years it applies to, and its status and
sources. :func:`load_framework` reads one (a bundled name such as ``permenpanrb-59-2020``
or a path); see :mod:`.model` for the tree, :mod:`.load` for reading and :mod:`.check` for
the complete validation.
"""

from __future__ import annotations

from spbe_cli.exact import format_exact, parse_exact, publish_units, round_half_up
from spbe_cli.framework.check import check_bundled, check_framework
from spbe_cli.framework.load import (
    DEFAULT_FRAMEWORK,
    BundledInfo,
    bundled,
    bundled_frameworks,
    canonical_name,
    framework_from_data,
    load_bundled,
    load_framework,
    parse_framework,
    pydantic_problems,
    read_text,
    read_yaml,
    resolve_framework,
    yaml_path,
)
from spbe_cli.framework.model import (
    Band,
    CapabilityType,
    Criterion,
    Exact,
    External,
    Framework,
    Group,
    Indicator,
    Interval,
    LevelInfo,
    Planning,
    Rounding,
    Scale,
    Tier,
    Value,
    compress_ids,
    id_key,
)

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Band",
    "BundledInfo",
    "CapabilityType",
    "Criterion",
    "Exact",
    "External",
    "Framework",
    "Group",
    "Indicator",
    "Interval",
    "LevelInfo",
    "Planning",
    "Rounding",
    "Scale",
    "Tier",
    "Value",
    "bundled",
    "bundled_frameworks",
    "canonical_name",
    "check_bundled",
    "check_framework",
    "compress_ids",
    "format_exact",
    "framework_from_data",
    "id_key",
    "load_bundled",
    "load_framework",
    "parse_exact",
    "parse_framework",
    "publish_units",
    "pydantic_problems",
    "read_text",
    "read_yaml",
    "resolve_framework",
    "round_half_up",
    "yaml_path",
]
