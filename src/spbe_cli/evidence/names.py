"""Indicator and level from file and folder names, as offices write them.

``I13_L2_SK-Tim.pdf``, ``Indikator1a-Kebijakan.pdf``, ``Indikator 13/Level 2/x.pdf``,
``I35-1_L2.pdf``, ``Ind 1.1 - Lvl 3.pdf``: an indicator is a prefix (``I``, ``Ind``,
``Indikator``, ``Indicator``) followed by an id; a level is a prefix (``L``, ``Lv``,
``Lvl``, ``Level``, ``Tingkat``, ``Tk``) followed by a whole number. A prefix must not
follow a letter (the ``i`` of ``Tim`` is no prefix). The id is resolved by the framework
(``resolve``: aliases such as ``35a`` or Pemdi ``1.1``); when the whole id is unknown its
shorter forms are tried (``1a`` -> ``1``, ``13-2021`` -> ``13``).

In a path the deepest part naming an indicator gives the indicator and the deepest part
naming a level gives the level (``I13/L2/I13_L3_x.pdf`` is indicator 13 level 3).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Resolve = Callable[[str], str | None]
"""Indicator id from text (``Framework.indicator_id``), ``None`` when unknown."""

_INDICATOR = re.compile(
    r"(?<![a-z])(?:indikator|indicator|ind|i)[\s._-]*"
    r"(\d+(?:[.-]\d+)?[a-z]?)(?![0-9])",
    re.IGNORECASE,
)
_LEVEL = re.compile(
    r"(?<![a-z])(?:level|lvl|lv|tingkat|tk|l)[\s._-]*(\d{1,3})(?![0-9])", re.IGNORECASE
)
_SHORTER = re.compile(r"^(\d+)")


@dataclass(frozen=True, slots=True)
class NameMatch:
    """What a name says: the indicator id (resolved) and the level, each maybe missing."""

    indicator: str | None
    level: int | None


def _candidates(raw: str) -> list[str]:
    """``35-1a`` -> ``35-1a``, ``35-1``, ``35``: the id, then its shorter forms."""
    found = [raw]
    if raw[-1:].isalpha():
        found.append(raw[:-1])
    lead = _SHORTER.match(raw)
    if lead is not None:
        found.append(lead[1])
    return list(dict.fromkeys(found))


def indicator_in(text: str, resolve: Resolve) -> str | None:
    """The last indicator ``text`` names (resolved), or ``None``."""
    for match in reversed(list(_INDICATOR.finditer(text))):
        for candidate in _candidates(match[1].lower()):
            found = resolve(candidate)
            if found is not None:
                return found
    return None


def level_in(text: str) -> int | None:
    """The last level ``text`` names (a whole number), or ``None``.

    The part naming the indicator is taken out first, so ``I13`` is never read as a level.
    """
    rest = _INDICATOR.sub(" ", text)
    found = [int(m[1]) for m in _LEVEL.finditer(rest)]
    return found[-1] if found else None


def stem(name: str) -> str:
    """A file name without its last suffix (``I13_L2.pdf`` -> ``I13_L2``)."""
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


class NameParser:
    """Parses paths with one ``resolve``, remembering each folder name's reading (a folder
    of 10,000 files has only a few hundred distinct folder names)."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self._parts: dict[str, tuple[str | None, int | None]] = {}

    def part(self, text: str) -> tuple[str | None, int | None]:
        """The indicator and level one name names."""
        found = self._parts.get(text)
        if found is None:
            found = self._parts[text] = (indicator_in(text, self.resolve), level_in(text))
        return found

    def parts(self, parts: Iterable[str]) -> NameMatch:
        """Indicator and level from path parts, top folder first, the file name last
        (its suffix is dropped): the deepest part naming each wins."""
        items = list(parts)
        indicator: str | None = None
        level: int | None = None
        last = len(items) - 1
        for position, part in enumerate(items):
            if position == last:
                here = (indicator_in(stem(part), self.resolve), level_in(stem(part)))
            else:
                here = self.part(part)
            indicator = here[0] or indicator
            level = here[1] if here[1] is not None else level
        return NameMatch(indicator, level)

    def path(self, path: str) -> NameMatch:
        """Indicator and level from a relative path (``/`` or ``\\`` separated)."""
        return self.parts([p for p in _SEPARATORS.split(path) if p])


_SEPARATORS = re.compile(r"[\\/]")


def parse_parts(parts: Iterable[str], resolve: Resolve) -> NameMatch:
    """Indicator and level from path parts (see :meth:`NameParser.parts`)."""
    return NameParser(resolve).parts(parts)


def parse_path(path: str, resolve: Resolve) -> NameMatch:
    """Indicator and level from a relative path (``/`` or ``\\`` separated)."""
    return NameParser(resolve).path(path)
