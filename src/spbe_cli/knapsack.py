"""The exact optimiser behind :mod:`spbe_cli.planner`: a multiple-choice covering knapsack.

Each option (an indicator) may take ``0..limit`` steps; ``n`` steps add ``gains[n]`` (an
integer, cumulative, non-decreasing) and cost ``n x key``. :func:`cheapest` finds counts
whose gains add up to at least ``need`` at the least total key, exactly.

Keys are integers ``effort x big + 1`` (see the planner), so one comparison orders plans
by effort, then by fewer steps. Among equal plans the one that takes more steps of earlier
options is chosen (framework order), read back front to back.

The method keeps, for each suffix of the options, the Pareto front of (gain, key) pairs:
only states that no other state beats on both. Gains above ``need`` count as ``need``.
The fronts hold at most as many states as there are distinct keys (or gains), so the
work does not grow with the size of the weight units: a decimal value such as 7/6 makes
the units fine-grained but the fronts stay small, and no table over "units still needed"
is ever built.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Option:
    """One option: cumulative gains for 0..limit steps (``gains[0] == 0``) and the key
    of one step."""

    gains: tuple[int, ...]
    key: int

    @property
    def limit(self) -> int:
        """The most steps this option may take."""
        return len(self.gains) - 1


@dataclass(frozen=True, slots=True)
class _Front:
    """States sorted by gain; keys strictly increase along it (the Pareto front)."""

    gains: list[int]
    keys: list[int]

    def best(self, need: int) -> int | None:
        """The least key of a state gaining at least ``need``, or ``None``."""
        at = bisect.bisect_left(self.gains, need)
        return self.keys[at] if at < len(self.keys) else None


def _front(states: dict[int, int]) -> _Front:
    """The Pareto front of ``gain -> least key`` states."""
    gains: list[int] = []
    keys: list[int] = []
    best: int | None = None
    for gain in sorted(states, reverse=True):
        key = states[gain]
        if best is None or key < best:
            gains.append(gain)
            keys.append(key)
            best = key
    gains.reverse()
    keys.reverse()
    return _Front(gains, keys)


def cheapest(options: Sequence[Option], need: int) -> list[int] | None:
    """Steps per option covering ``need`` at the least key; ``None`` when none can."""
    if need <= 0:
        return [0] * len(options)
    fronts = [_Front([0], [0])]
    for option in reversed(options):
        after = fronts[-1]
        states: dict[int, int] = {}
        for gain, key in zip(after.gains, after.keys, strict=True):
            for count, extra in enumerate(option.gains):
                total = min(need, gain + extra)
                cost = key + count * option.key
                if cost < states.get(total, cost + 1):
                    states[total] = cost
        fronts.append(_front(states))
    fronts.reverse()
    best = fronts[0].best(need)
    if best is None:
        return None
    counts: list[int] = []
    left = need
    for position, option in enumerate(options):
        rest = fronts[position + 1]
        target = fronts[position].best(left)
        for count in range(option.limit, -1, -1):
            remaining = rest.best(max(0, left - option.gains[count]))
            if remaining is not None and remaining + count * option.key == target:
                break
        else:  # pragma: no cover - the fronts guarantee a count
            raise AssertionError("no count reproduces the optimum")
        counts.append(count)
        left = max(0, left - option.gains[count])
    return counts
