"""Bilingual text: Indonesian (default) and English.

Every user-facing sentence is a :class:`Text` holding both languages, so a message can be
built once and shown in whichever language the user asked for (``--lang``). Modules keep
their own texts next to the code that uses them (words shared by several outputs are in
:mod:`spbe_cli.glossary`); this module holds the mechanism and the one rule that chooses
the language (:func:`chosen_lang`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
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


def lang_in_args(args: Sequence[str]) -> Lang | None:
    """The language a command line asks for (``--lang en``, ``--lang=en``, ``-l en``)."""
    found: Lang | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value: str | None = None
        if arg in ("--lang", "-l") and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and value.strip().lower() in LANGS:
            found = "en" if value.strip().lower() == "en" else "id"
    return found


def lang_in_env(environ: Mapping[str, str] | None = None) -> Lang:
    """``SPBE_LANG`` (``id`` or ``en``), else English for an English locale, else Indonesian."""
    env = os.environ if environ is None else environ
    chosen = str(env.get("SPBE_LANG") or "").strip().lower()
    if chosen in LANGS:
        return "en" if chosen == "en" else "id"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = str(env.get(name) or "")
        if locale:
            return "en" if locale.lower().startswith("en") else DEFAULT_LANG
    return DEFAULT_LANG


def chosen_lang(args: Sequence[str] | None = None) -> Lang:
    """The one rule for the language of help, output and messages: ``--lang`` on the
    command line (default: ``sys.argv``), else ``SPBE_LANG``, else the locale, else
    Indonesian."""
    return lang_in_args(sys.argv[1:] if args is None else args) or lang_in_env()


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
