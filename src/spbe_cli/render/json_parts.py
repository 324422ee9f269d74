"""What the JSON writers share: parts of a document serialised once, written in place.

Agencies share node and indicator results (:mod:`spbe_cli.engine`), so a document of many
agencies repeats the same pieces. A writer serialises each piece once, indented for where
it goes (:class:`Layout`), and joins the pieces as bytes: the output is byte for byte what
``json.dumps(..., ensure_ascii=False, indent=2)`` writes of the plain document (tests check
it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO


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


class Layout:
    """How an object's members are written inside an object at ``depth`` (0: the document
    itself; 2: an item of ``results``), with two-space indents or on one line
    (``indent=False``): the pieces of a streamed object, each serialised by orjson alone and
    joined as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes the whole (tests check
    it). orjson escapes every line break inside a string, so a piece is re-indented by
    replacing its line breaks."""

    def __init__(self, depth: int, indent: bool = True) -> None:
        import orjson

        self.option = orjson.OPT_INDENT_2 if indent else 0
        self.indent = indent
        # Where a member of the object starts, and an item of a list in a member.
        self.pad = b"\n" + b"  " * depth if indent else b""
        self.member_pad = b"\n" + b"  " * (depth + 1) if indent else b""
        self.item_pad = b"\n" + b"  " * (depth + 2) if indent else b""
        self.item_separator = b"," + self.item_pad
        self.close = self.pad + b"}"
        self.colon = b": " if indent else b":"
        self.list_close = self.member_pad + b"]"
        """What closes the list :meth:`list_open` opened."""

    def members(self, data: dict[str, Any]) -> bytes:
        """The members of ``data`` as they sit inside the object (no braces; with indents,
        each starting on its own line); empty for an empty dict."""
        if not data:
            return b""
        text = dumps(data, self.option)
        if not self.indent:
            return text[1:-1]
        return text[1:-2].replace(b"\n", self.pad)

    def item(self, value: Any) -> bytes:
        """``value`` as an item of a list in a member of the object (without its
        separator)."""
        text = dumps(value, self.option)
        return text.replace(b"\n", self.item_pad) if self.indent else text

    def list_open(self, key: str) -> bytes:
        """A member ``key`` that holds a non-empty list, up to its first item."""
        return self.member_pad + dumps(key) + self.colon + b"[" + self.item_pad

    def empty_list(self, key: str) -> bytes:
        """A member ``key`` that holds an empty list."""
        return self.member_pad + dumps(key) + self.colon + b"[]"


ITEM_OPEN, ITEM_CLOSE = b"[\n  [\n    ", b"\n  ]\n]"
"""What orjson writes around ``[[item]]``: the item between them is indented as an item
of a document's top-level list (``results``, ``agencies``)."""


def write_lines(items: Iterable[Any], out: BinaryIO) -> None:
    """JSON Lines: each item on one line (``--format jsonl`` of rank and compare)."""
    for item in items:
        out.write(dumps(item) + b"\n")
