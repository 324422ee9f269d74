"""``spbe report``: being written (see the issue tracker)."""

from __future__ import annotations


def report() -> None:
    """Not yet implemented."""
    raise NotImplementedError
