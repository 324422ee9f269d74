"""Bilingual text: Indonesian (default) and English.

Every user-facing sentence is a :class:`Text` holding both languages, so a message can be
built once and shown in whichever language the user asked for (``--lang``). Modules keep
their own texts next to the code that uses them; this module only holds the mechanism and
the language choice.
"""

from __future__ import annotations

import os
from typing import Literal, NamedTuple

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"


class Text(NamedTuple):
    """One sentence or label in Indonesian and English."""

    id: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.en if lang == "en" else self.id

    def format(self, **values: object) -> Text:
        """Both languages with ``{placeholders}`` filled in."""
        return Text(self.id.format(**values), self.en.format(**values))


def default_lang() -> Lang:
    """The language from ``SPBE_LANG`` (``id`` or ``en``), Indonesian otherwise."""
    value = os.environ.get("SPBE_LANG", "").strip().lower()
    return "en" if value == "en" else DEFAULT_LANG


def pick(lang: Lang, indonesian: str, english: str | None) -> str:
    """``english`` when asked for and present, else ``indonesian`` (names in the framework)."""
    return english if lang == "en" and english else indonesian


def printable(text: str) -> str:
    """``text`` as valid Unicode: a file name that is not UTF-8 (Python keeps its bytes as
    lone surrogates) shows each such byte as ``\\xNN``; other text is returned as is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return text.encode("utf-8", "replace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text
