"""What the JSON writers share: parts of a document serialised once, written in place.

Agencies share node and indicator results (:mod:`spbe_cli.engine`), so a document of many
agencies repeats the same pieces. A writer builds each result's data through
:class:`Parts`: :data:`PLAIN` gives ordinary dicts and lists; :class:`Fragments` gives
orjson fragments, serialised once per shared object and indented for where they go, so
the output is byte for byte what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes
of the plain document (tests check it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, BinaryIO


class Parts:
    """How a result's shared parts are written: as plain data (this class), or already
    serialised (:class:`Fragments`, for the JSON writers). Agencies share node and
    indicator results, so they can share their JSON too."""

    def one(self, obj: Any, build: Callable[[Any], Any]) -> Any:
        """The value for ``obj`` (the framework), one level below the result."""
        return build(obj)

    def many(self, objs: Sequence[Any], build: Callable[[Any], Any]) -> Any:
        """The list of the values for ``objs`` (node results)."""
        return [build(obj) for obj in objs]

    def keyed(self, scope: object, keys: Sequence[Any], build: Callable[[Any], Any]) -> Any:
        """The list of the values for hashable ``keys`` that identify their value within
        ``scope``, a framework (indicator keys,
        :meth:`~spbe_cli.engine.Result.indicator_keys`)."""
        return [build(key) for key in keys]


PLAIN = Parts()
"""Shared parts as plain data."""


def dumps(document: Any, option: int = 0) -> bytes:
    """``orjson.dumps``, except that text which is not valid Unicode (a file name that is
    not UTF-8, kept by Python as lone surrogates) is written by
    :func:`spbe_cli.i18n.printable` (``\\xNN`` for each such byte) instead of failing."""
    import orjson

    try:
        return orjson.dumps(document, option=option)
    except orjson.JSONEncodeError:
        return orjson.dumps(_printable(document), option=option)


def _printable(value: Any) -> Any:
    from spbe_cli.i18n import printable

    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(v) for v in value]
    return value


def dumps_json(document: Any) -> str:
    """Stable, readable JSON: two-space indents, UTF-8 names kept as they are (orjson; the
    same text as ``json.dumps(document, ensure_ascii=False, indent=2)``)."""
    import orjson

    return dumps(document, orjson.OPT_INDENT_2).decode() + "\n"


class Fragments(Parts):
    """Shared parts serialised once each, for a result written at ``depth`` (0: the
    document itself; 2: an item of ``results``), with two-space indents, or on one line
    (``indent=False``); a list of them is one fragment, joined in C. Objects are kept
    alive beside their text, so their ids stay theirs."""

    def __init__(self, depth: int, indent: bool = True) -> None:
        import orjson

        self._dumps = dumps
        self._fragment = orjson.Fragment
        self._option = orjson.OPT_INDENT_2 if indent else 0
        # The framework sits one level below a result; a list's items two levels below.
        self._one_pad = b"\n" + b" " * (2 * (depth + 1)) if indent else b""
        self._item_pad = b"\n" + b" " * (2 * (depth + 2)) if indent else b""
        self._separator = b"," + self._item_pad
        self._open, self._close = b"[" + self._item_pad, self._one_pad + b"]"
        self._made: dict[int, tuple[object, bytes]] = {}
        self._by_key: dict[int, tuple[object, dict[Any, bytes]]] = {}

    def one(self, obj: Any, build: Callable[[Any], Any]) -> Any:
        return self._fragment(self._text(obj, build, self._one_pad))

    def many(self, objs: Sequence[Any], build: Callable[[Any], Any]) -> Any:
        if not objs:
            return []
        made, pad = self._made, self._item_pad
        texts = []
        for obj in objs:
            found = made.get(id(obj))
            texts.append(found[1] if found is not None else self._text(obj, build, pad))
        return self._fragment(self._open + self._separator.join(texts) + self._close)

    def keyed(self, scope: object, keys: Sequence[Any], build: Callable[[Any], Any]) -> Any:
        if not keys:
            return []
        pair = self._by_key.get(id(scope))
        if pair is None:
            pair = self._by_key[id(scope)] = (scope, {})
        made = pair[1]
        texts = list(map(made.get, keys))
        if None in texts:
            pad, option = self._item_pad, self._option
            for position, key in enumerate(keys):
                if texts[position] is None:
                    text = self._dumps(build(key), option)
                    texts[position] = made[key] = text.replace(b"\n", pad) if pad else text
        return self._fragment(self._open + self._separator.join(texts) + self._close)  # type: ignore[arg-type]

    def _text(self, obj: Any, build: Callable[[Any], Any], pad: bytes) -> bytes:
        found = self._made.get(id(obj))
        if found is None:
            text = self._dumps(build(obj), self._option)
            found = self._made[id(obj)] = (obj, text.replace(b"\n", pad) if pad else text)
        return found[1]


ITEM_OPEN, ITEM_CLOSE = b"[\n  [\n    ", b"\n  ]\n]"
"""What orjson writes around ``[[item]]``: the item between them is indented as an item
of a document's top-level list (``results``, ``agencies``)."""


def write_lines(items: Iterable[Any], out: BinaryIO) -> None:
    """JSON Lines: each item on one line (``--format jsonl`` of rank and compare)."""
    for item in items:
        out.write(dumps(item) + b"\n")
