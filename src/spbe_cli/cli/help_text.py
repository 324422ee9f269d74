"""The language of ``--help`` and of the command-line library's own messages.

Help is Indonesian by default. It is English when the command line says ``--lang en``
(``--lang=en``, ``-l en``, anywhere before ``--``), else when ``SPBE_LANG=en``, else when
the locale is English (the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starts with
``en``). An explicit ``--lang id`` or ``SPBE_LANG=id`` keeps Indonesian.

How it works, in three pieces:

* Every help text is written in both languages with :func:`h`, which returns the
  Indonesian text (what typer stores) and remembers its English twin.
* :class:`SpbeGroup` is the click group of the ``spbe`` app. Its :meth:`~SpbeGroup.main`
  runs before any parsing, once per invocation (``spbe`` itself, or a test's
  ``CliRunner.invoke``; typer builds a fresh click tree for each): it picks the language
  from the arguments and the environment, swaps every help text of the tree for its
  English twin when English is asked for, and installs the message catalog.
* The messages click and typer print themselves ("Usage:", "Options", "Error: ...",
  "No such option ...", "Try ... for help.", "[default: ...]") go through gettext: click
  and ``typer.core`` do ``from gettext import gettext as _`` (and ``ngettext``) at module
  level and call ``_()`` when a message is built. :func:`install_messages` binds those
  two module names to a :class:`gettext.NullTranslations` subclass holding the Indonesian
  catalog below (English: gettext's own functions back). This is gettext's intended
  mechanism, only with the catalog in Python instead of a ``.mo`` file and bound to the
  library's modules instead of the process-wide default domain (which a program
  importing ``spbe_cli`` as a library may use itself). The msgids are click's English
  source strings, stable across releases; a message missing from the catalog stays
  English, nothing breaks. It relies on click not being vendored: typer 0.26+ ships its
  own copy of click with the gettext calls removed (plain f-strings), so the typer pin
  in ``pyproject.toml`` stays below 0.26 (and click below 8.5, whose ``Argument(help=)``
  drops typer 0.25's argument help). ``tests/test_cli_help.py`` fails if either changes.

A few texts typer writes without gettext (the ``--install-completion`` and
``--show-completion`` help) are translated by :data:`_TYPER_HELP` when the tree is walked.
"""

from __future__ import annotations

import gettext
import inspect
import sys
from collections.abc import Sequence
from typing import Any

from typer.core import TyperGroup

from spbe_cli.i18n import Lang, chosen_lang, lang_in_args

HelpLang = Lang

_ENGLISH: dict[str, str] = {}
"""Indonesian help text -> its English twin (both as written and as cleaned by typer)."""


def h(indonesian: str, english: str) -> str:
    """A help text in both languages: the Indonesian one, its English twin remembered."""
    _ENGLISH[indonesian] = english
    _ENGLISH[inspect.cleandoc(indonesian)] = inspect.cleandoc(english)
    return indonesian


def english_of(text: str) -> str | None:
    """The English twin of a help text written with :func:`h` (``None``: not one)."""
    return _ENGLISH.get(text)


# -- choosing the language -----------------------------------------------------------------


def help_lang(args: Sequence[str] | None = None) -> HelpLang:
    """The language of help and usage messages for ``args``: :func:`spbe_cli.i18n.chosen_lang`,
    the rule every output follows."""
    return chosen_lang(args)


# -- click's and typer's own messages ------------------------------------------------------

_CLICK_ID: dict[str, str] = {
    # help pages
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Arguments": "Argumen",
    "Positional arguments": "Argumen posisi",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    # errors
    "Error: {message}": "Kesalahan: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Missing argument": "Kurang argumen",
    "Missing option": "Kurang opsi",
    "Missing parameter": "Kurang parameter",
    "Missing parameter: {param_name}": "Kurang parameter: {param_name}",
    "Missing command.": "Perintah belum disebutkan.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Did you mean {possibility}?": "Mungkin maksudnya {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mungkin maksudnya salah satu dari: "
    "{possibilities}?)",
    "Got unexpected extra argument ({args})": "Ada argumen berlebih ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen berlebih ({args})",
    "Invalid value for {param_hint}: {message}": "Nilai {param_hint} tidak sah: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} menerima {nargs} nilai.",
    "Takes {nargs} values but 1 was given.": "Memerlukan {nargs} nilai, tetapi hanya 1 "
    "yang diberikan.",
    "Takes {nargs} values but {len} were given.": "Memerlukan {nargs} nilai, tetapi {len} "
    "yang diberikan.",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} bukan nilai "
    "ya/tidak yang sah. Nilai yang dikenali: {states}",
    "{value!r} does not match the format {format}.": "{value!r} tidak sesuai format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} tidak sesuai format {formats}.",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: "
    "{message}",
    "unknown error": "kesalahan tak dikenal",
    "Aborted!": "Dibatalkan!",
}
"""Indonesian for the messages click and typer build with gettext (msgid: click's English)."""

_TYPER_HELP: dict[str, str] = {
    "Install completion for the current shell.": "Pasang pelengkapan otomatis (tab) untuk "
    "shell ini.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Tampilkan skrip pelengkapan otomatis untuk shell ini, untuk disalin atau dipasang sendiri."
    ),
}
"""Indonesian for the help typer writes without gettext (the completion options)."""

MESSAGE_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "typer.core",
    "typer.rich_utils",
)
"""The modules whose module-level ``_`` / ``ngettext`` (from gettext) build the messages."""


class IndonesianMessages(gettext.NullTranslations):
    """A gettext translation from :data:`_CLICK_ID` (untranslated messages stay English)."""

    def gettext(self, message: str) -> str:
        return _CLICK_ID.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


_INDONESIAN = IndonesianMessages()


def install_messages(lang: HelpLang) -> None:
    """Make click and typer build their messages in ``lang`` (see the module docstring)."""
    translate = _INDONESIAN.gettext if lang == "id" else gettext.gettext
    ntranslate = _INDONESIAN.ngettext if lang == "id" else gettext.ngettext
    for name in MESSAGE_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue  # not imported (typer.rich_utils unless rich output is on): nothing to do
        for attribute, function in (("_", translate), ("ngettext", ntranslate)):
            if hasattr(module, attribute):
                setattr(module, attribute, function)


def click_messages_translatable() -> bool:
    """Whether click builds its messages through the gettext names this module rebinds."""
    import click.exceptions

    return all(hasattr(click.exceptions, name) for name in ("_", "ngettext"))


# -- the help texts of a command tree ------------------------------------------------------


def keep_examples(text: str) -> str:
    """``text`` with each example line (``spbe ...`` alone in its paragraph) marked for click
    not to rewrap (a ``\\b`` line before it), so no example is broken mid-path at any
    terminal width and every one can be pasted as shown."""
    lines = text.splitlines()
    out: list[str] = []
    for number, line in enumerate(lines):
        starts = number == 0 or not lines[number - 1].strip()
        if starts and line.strip().startswith("spbe ") and line.strip() != "\b":
            out.append(line[: len(line) - len(line.lstrip())] + "\b")
        out.append(line)
    return "\n".join(out)


def translate_tree(command: Any, lang: HelpLang) -> None:
    """Every help text of a click command tree in ``lang`` (written Indonesian by :func:`h`)."""
    if lang == "id":
        if getattr(command, "options_metavar", None) == "[OPTIONS]":
            command.options_metavar = "[OPSI]"
        if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            command.subcommand_metavar = "PERINTAH [ARG]..."
    if lang == "en":
        for attribute in ("help", "short_help", "epilog"):
            text = getattr(command, attribute, None)
            if isinstance(text, str) and text in _ENGLISH:
                setattr(command, attribute, _ENGLISH[text])
    if isinstance(getattr(command, "help", None), str):
        command.help = keep_examples(command.help)
    for param in getattr(command, "params", []):
        text = getattr(param, "help", None)
        if not isinstance(text, str):
            continue
        if lang == "en":
            param.help = _ENGLISH.get(text, text)
        else:
            param.help = _TYPER_HELP.get(text, text)
    for sub in getattr(command, "commands", {}).values():
        translate_tree(sub, lang)


class SpbeGroup(TyperGroup):
    """The ``spbe`` group: help and messages in the language asked for, set before parsing."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        lang = help_lang(args)
        install_messages(lang)
        translate_tree(self, lang)
        if lang_in_args(sys.argv[1:] if args is None else args) is None:
            from spbe_cli.cli.options import language_defaults

            # no --lang said: every command's output follows the same rule as this help
            extra.setdefault("default_map", language_defaults(self, lang))
        return super().main(args, *rest, **extra)
