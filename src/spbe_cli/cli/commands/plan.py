"""``spbe plan``: being written (see the issue tracker)."""

from __future__ import annotations


def plan() -> None:
    """Not yet implemented."""
    raise NotImplementedError
