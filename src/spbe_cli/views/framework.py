"""Views of ``spbe framework``: what ``list``, ``show``, ``indicator``, ``validate`` and
``test`` lay out.

``show`` lays out a :class:`~spbe_cli.framework.Framework` as it is, ``indicator`` the
:class:`~spbe_cli.framework.describe.IndicatorFacts` that
:func:`~spbe_cli.framework.describe.describe` looks up, and ``test`` the
:class:`~spbe_cli.framework.cases.CasesReport` that
:func:`~spbe_cli.framework.cases.run_cases` computes; the two below hold what has no type
of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spbe_cli.framework import Framework
from spbe_cli.problems import Problem


@dataclass(frozen=True)
class FrameworkList:
    """The bundled frameworks, the current one first (``spbe framework list``)."""

    frameworks: tuple[Framework, ...]


def framework_list(frameworks: Iterable[Framework]) -> FrameworkList:
    """``frameworks`` in the order ``spbe framework list`` shows them: the latest
    ``applies_from`` first (a framework without one last; ties keep their order)."""
    return FrameworkList(tuple(sorted(frameworks, key=lambda f: -(f.applies_from or 0))))


@dataclass(frozen=True)
class Validation:
    """What ``spbe framework validate`` found: every problem of the file, none when valid."""

    problems: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        """Whether the file has no problem."""
        return not self.problems
