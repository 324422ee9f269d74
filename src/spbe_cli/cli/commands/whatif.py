"""``spbe whatif``: being written (see the issue tracker)."""

from __future__ import annotations


def whatif() -> None:
    """Not yet implemented."""
    raise NotImplementedError
