"""A dict that fills itself the first time it is read: the hot reading path makes one per
row (the cells of a wide row, its levels) though most outputs never look inside."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


class LazyDict(dict[Any, Any]):
    """A dict whose items are made by :meth:`_items` on first use, then kept.

    Every dict method fills it first, so it reads and compares as the plain dict it
    stands for (``dict(lazy)`` and ``{**lazy}`` too: they go through ``keys``).
    :meth:`_changed` is told of every change made to it after that.
    """

    __slots__ = ("_waiting",)

    def __init__(self) -> None:  # dict.__init__ is not called: filled by _fill()
        self._waiting = True

    def _items(self) -> Iterable[tuple[Any, Any]]:
        raise NotImplementedError

    def _changed(self) -> None:
        """Called before any change (a subclass may drop what it derived)."""

    def _fill(self) -> None:
        if getattr(self, "_waiting", False):
            self._waiting = False
            dict.update(self, self._items())

    def plain(self) -> dict[Any, Any]:
        """The items as a plain dict (made straight from :meth:`_items` if not yet filled;
        ``dict(lazy)`` would call a Python-level ``__getitem__`` per key)."""
        if getattr(self, "_waiting", False):
            return dict(self._items())
        return dict.copy(self)

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyDict):
            other._fill()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None


_READING = (
    "__getitem__",
    "__contains__",
    "__iter__",
    "__len__",
    "__repr__",
    "__reversed__",
    "__or__",
    "__ror__",
    "__reduce_ex__",
    "get",
    "keys",
    "values",
    "items",
    "copy",
)
_CHANGING = (
    "__ior__",
    "__setitem__",
    "__delitem__",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "clear",
)


def _filling(name: str, changes: bool) -> Callable[..., Any]:
    method = getattr(dict, name)

    def filled(self: LazyDict, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        if changes:
            self._changed()
        return method(self, *args, **kwargs)

    filled.__name__ = name
    return filled


for _name in _READING:
    setattr(LazyDict, _name, _filling(_name, False))
for _name in _CHANGING:
    setattr(LazyDict, _name, _filling(_name, True))
