"""``spbe compare``: being written (see the issue tracker)."""

from __future__ import annotations


def compare() -> None:
    """Not yet implemented."""
    raise NotImplementedError
