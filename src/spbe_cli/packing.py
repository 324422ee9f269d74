"""Whole levels packed into one integer: every group's weighted sum of a row in one C-level
``sum``.

A framework's groups (every tier, and the index itself) each get a field of bits in one
Python integer. An indicator at level ``v`` adds ``units x v`` to the field of every group
above it and to the index's field, so a single integer sum over a row's indicators holds
every group's exact weighted sum (:mod:`spbe_cli.engine` counts in the same integer weight
units). The fields are wide enough that no sum can carry into the next one, and values are
never negative, so reading a field back is a shift and a mask: exact, not approximate.

Two more kinds of field ride along: per class of indicators an office raises, by weight
units, the sum of their levels (the fewest steps to a target follow from those), and above
everything each indicator's own level, so the integer is the whole row.

A reader that meets a row of whole levels (the usual national file) looks each cell up in
a per-column table (:meth:`Packing.tables`) and keeps the one integer in a
:class:`PackedLevels`; the engine scores such a row from the fields without building the
levels at all, and a dict of levels is made only when something reads it. Anything else
(decimals, blanks, a column missing, a level changed) is read and scored the general way;
both give the same result objects (property tests hold them equal).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from spbe_cli.lazy import LazyDict

if TYPE_CHECKING:
    from spbe_cli.engine import CompiledFramework
    from spbe_cli.framework import Framework, Value


@dataclass(frozen=True, slots=True)
class Packing:
    """Where each group's sum lies in a packed integer, and what each indicator adds.

    ``offsets`` are in the order the engine walks the groups: the leaf groups, then each
    upper tier bottom-up, then the index; ``mask`` reads one field back.
    """

    compiled: CompiledFramework
    offsets: tuple[int, ...]
    mask: int
    adds: Mapping[str, int]
    """Per indicator id: what one level adds to the group and step fields."""
    level_at: Mapping[str, int]
    """Per indicator id: where its own level lies (above every other field), so the row's
    levels can be read back from the integer alone."""
    level_mask: int
    step_fields: tuple[tuple[int, int, int], ...] = ()
    """Per class of the engine's ``own_by_unit`` (indicators an office raises, by weight
    units): its units, where the sum of its levels lies, and how many indicators it has."""
    places: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)
    """:meth:`levels` made so far."""

    def steps_left(self, packed: int, top: int) -> dict[int | Fraction, int]:
        """Whole level steps left per weight units, as the engine's ``_whole_steps``
        counts them: each class's ``count x top`` less the sum of its levels."""
        mask = self.mask
        counts: dict[int | Fraction, int] = {}
        for units, at, count in self.step_fields:
            left = count * top - ((packed >> at) & mask)
            if left:
                counts[units] = left
        return counts

    def fields(self, packed: int) -> list[int]:
        """Every group's weighted sum, in :attr:`offsets` order."""
        mask = self.mask
        return [(packed >> offset) & mask for offset in self.offsets]

    def tables(self, ids: Sequence[str], levels: Mapping[Any, Value]) -> list[dict[Any, int]]:
        """Per column (indicator ``ids``, in column order): raw cell value -> what it adds,
        for every raw value ``levels`` reads as a whole level (a row holding any other
        value misses the table: the reader reads it the general way)."""
        made = []
        for key in ids:
            add, at = self.adds[key], self.level_at[key]
            made.append(
                {raw: add * v + (v << at) for raw, v in levels.items() if isinstance(v, int)}
            )
        return made

    def knows(self, ids: Sequence[str]) -> bool:
        """Whether every one of ``ids`` is an indicator of this framework."""
        try:
            self.levels(ids)  # kept per ids
        except KeyError:
            return False
        return True

    def levels(self, ids: Sequence[str]) -> tuple[int, ...]:
        """Where the levels of ``ids`` lie (see :class:`PackedLevels`), kept per ``ids``."""
        key = tuple(ids)
        found = self.places.get(key)
        if found is None:
            found = self.places[key] = tuple(self.level_at[i] for i in key)
        return found


_PACKINGS: dict[int, tuple[CompiledFramework, Packing | None]] = {}


def packing_of(framework: Framework) -> Packing | None:
    """:func:`packing_for` the framework's compiled weights."""
    from spbe_cli.engine import compile_framework

    return packing_for(compile_framework(framework))


def packing_for(compiled: CompiledFramework) -> Packing | None:
    """The packing of a compiled framework (cached); ``None`` when its scale allows a value
    below 0 (a negative addend would borrow across fields)."""
    found = _PACKINGS.get(id(compiled))
    if found is None or found[0] is not compiled:
        found = _PACKINGS[id(compiled)] = (compiled, _pack(compiled))
    return found[1]


def _pack(compiled: CompiledFramework) -> Packing | None:
    scale = compiled.framework.scale
    if scale.min < 0:
        return None
    width = (compiled.total_units * scale.max).bit_length() + 1
    leaves = compiled.leaf_groups if compiled.leaf_specs else ()
    upper = tuple(reversed(compiled.upper))
    count = len(leaves) + sum(len(groups) for groups in upper) + 1
    offsets = tuple(width * k for k in range(count))
    # Which field each leaf group's sum also goes to, tier by tier up to the index.
    above: list[int] = [0] * len(leaves)  # field bits a leaf group's units go to
    for position in range(len(leaves)):
        above[position] = 1 << offsets[position]
    below = list(range(len(leaves)))  # per leaf group: its node in the current tier
    first = len(leaves)
    for groups in upper:
        parent_of: dict[int, int] = {}
        for number, upper_group in enumerate(groups):
            for child in range(upper_group.start, upper_group.end):
                parent_of[child] = number
        for leaf, node in enumerate(below):
            below[leaf] = parent_of[node]
            above[leaf] |= 1 << offsets[first + below[leaf]]
        first += len(groups)
    # Each class of own indicators by units sums its levels in a field of its own.
    step_fields = tuple(
        (units, width * (count + number), len(ids))
        for number, (units, ids, _) in enumerate(compiled.own_by_unit)
    )
    step_bit = {
        key: 1 << at
        for (_, at, _), (_, ids, _) in zip(step_fields, compiled.own_by_unit, strict=True)
        for key in ids
    }
    level_bits = scale.max.bit_length()
    first_level = width * (count + len(step_fields))
    level_at = {
        key: first_level + level_bits * position for position, key in enumerate(compiled.order)
    }
    index_bit = 1 << offsets[-1]
    adds: dict[str, int] = {}
    for position, group in enumerate(compiled.leaf_groups):
        bits = (above[position] if leaves else 0) | index_bit
        for key, units in zip(group.ids, group.units, strict=True):
            adds[key] = units * bits + step_bit.get(key, 0)
    return Packing(
        compiled,
        offsets,
        (1 << width) - 1,
        adds,
        level_at,
        (1 << level_bits) - 1,
        step_fields,
    )


class PackedLevels(LazyDict):
    """The levels of a row of whole levels, read back from its packed integer on first use.

    ``packed`` (every group's weighted sum and every level, see :class:`Packing`) is kept
    for scoring only while the levels are unchanged: any change drops it, and the engine
    then scores the dict. The row holds one integer, not its cells.
    """

    __slots__ = ("_at", "_ids", "_row", "packed", "packing")

    def __init__(
        self, ids: Sequence[str], at: Sequence[int], packed: int, packing: Packing
    ) -> None:
        self._waiting = True
        self._ids, self._at, self._row = ids, at, packed
        self.packed: int | None = packed
        self.packing = packing

    def _items(self) -> Iterable[tuple[str, Value]]:
        row, mask = self._row, self.packing.level_mask
        return zip(self._ids, [(row >> at) & mask for at in self._at], strict=True)

    def _changed(self) -> None:
        self.packed = None

    def gives(self, ids: Sequence[str]) -> bool:
        """Whether there is a level for every one of ``ids`` (a row packs every indicator
        of its framework until it is changed)."""
        if getattr(self, "_waiting", False):
            return self.packing.knows(ids)
        return dict.keys(self) >= set(ids)

    def values_of(self, ids: Sequence[str]) -> list[Value]:
        """The levels of ``ids``, in that order, read from the integer (no dict made)."""
        if not getattr(self, "_waiting", False):
            return [dict.__getitem__(self, key) for key in ids]
        row, mask = self._row, self.packing.level_mask
        return [(row >> at) & mask for at in self.packing.levels(ids)]


def packed_row(
    levels: Mapping[str, Value], compiled: CompiledFramework
) -> tuple[Packing, int] | None:
    """The packing and packed integer of ``levels`` when they are an unchanged packed row
    of ``compiled``'s framework; else ``None`` (score the levels themselves)."""
    if levels.__class__ is not PackedLevels:
        return None
    packed, packing = levels.packed, levels.packing
    if packed is None or packing.compiled is not compiled:
        return None
    return packing, packed
