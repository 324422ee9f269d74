"""``spbe rank``: being written (see the issue tracker)."""

from __future__ import annotations


def rank() -> None:
    """Not yet implemented."""
    raise NotImplementedError
