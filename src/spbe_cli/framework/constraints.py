"""Validation rules written beside the framework's field types, without importing pydantic.

The framework classes are plain dataclasses (scoring never imports pydantic); pydantic
reads these annotation objects only when it validates a file into them. Each one follows
pydantic's protocol for custom types (``__get_pydantic_core_schema__``), so the messages
are pydantic's own ("String should match pattern ...").
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Annotated, Any

from spbe_cli.exact import parse_exact


class Limits:
    """Bounds on a field: ``pattern``, ``min_length``/``max_length`` (text, tuples,
    mappings), ``ge``/``le`` (numbers); on an optional field they bound the value given."""

    def __init__(self, **limits: Any) -> None:
        self.limits = limits

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        bounded = schema["schema"] if schema["type"] == "nullable" else schema
        bounded.update(self.limits)
        return schema

    def __repr__(self) -> str:
        return f"Limits({', '.join(f'{k}={v!r}' for k, v in self.limits.items())})"


class _ParseExact:
    """An exact number read by :func:`spbe_cli.exact.parse_exact` (``"1.30"``, ``20/6``)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(parse_exact)


Exact = Annotated[Fraction, _ParseExact()]
"""A field holding an exact number; YAML floats are read by their text (1.3 is 13/10)."""


_INTERVAL = re.compile(r"^\s*([\[(])\s*([^,\s]*)\s*,\s*([^,\s\])]*)\s*([\])])\s*$")


def parse_interval(value: Any) -> Any:
    """A range such as ``"[0, 12.5]"``, ``"(12.5, 37.5]"`` or ``"(, 1.8)"``: brackets
    include an edge, parentheses exclude it, an empty side is unbounded."""
    from spbe_cli.framework.model import Interval

    if isinstance(value, Interval):
        return value
    match = _INTERVAL.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not a range such as [0, 12.5] or (12.5, 37.5]")
    opening, low_text, high_text, closing = match.groups()
    low = parse_exact(low_text) if low_text else None
    high = parse_exact(high_text) if high_text else None
    if (low is None and opening == "[") or (high is None and closing == "]"):
        raise ValueError(f"{value!r}: an unbounded side cannot be closed")
    both_closed = opening == "[" and closing == "]"
    if low is not None and high is not None and (low > high or (low == high and not both_closed)):
        raise ValueError(f"{value!r} is an empty range")
    return Interval(low, opening == "[", high, closing == "]")


class ParseInterval:
    """A range read by :func:`parse_interval`."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(parse_interval)
