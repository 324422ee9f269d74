"""``--help`` and the command-line library's messages: Indonesian by default, English on request.

A command, sub-command, option or argument without help in both languages fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import typer
from typer.testing import CliRunner

from spbe_cli.cli import help_text
from spbe_cli.cli.app import app

runner = CliRunner()
EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "pematangsiantar-2021.xlsx")
CLEAN = {"SPBE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None, "COLUMNS": "200"}


def spbe(*args: str, **env: str) -> Any:
    return runner.invoke(app, list(args), env={**CLEAN, **env})


def commands(command: Any, path: str = "spbe") -> Iterator[tuple[str, Any]]:
    """Every command and group of the tree, by its full name."""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from commands(sub, f"{path} {name}")


def own_params(command: Any) -> list[Any]:
    """The parameters spbe declares (click's own --help is translated by gettext)."""
    return [p for p in command.params if p.name != "help"]


# -- the language ----------------------------------------------------------------------------


def test_help_is_indonesian_by_default() -> None:
    result = spbe("--help")
    assert result.exit_code == 0
    out = result.output
    for text in (
        "Penggunaan: spbe [OPSI] PERINTAH",
        "Kalkulator Indeks SPBE",
        "Opsi:",
        "Perintah:",
        "Tampilkan bantuan ini lalu keluar.",
        "Nilai instansi",
    ):
        assert text in out
    for text in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert text not in out


@pytest.mark.parametrize(
    "args",
    [
        ["--help", "--lang", "en"],
        ["--lang", "en", "--help"],
        ["--lang=en", "--help"],
        ["-l", "en", "--help"],
    ],
)
def test_help_in_english_with_lang_en(args: list[str]) -> None:
    result = spbe(*args)
    assert result.exit_code == 0
    for text in (
        "Usage: spbe [OPTIONS] COMMAND",
        "Exact calculator of the SPBE index",
        "Options:",
        "Commands:",
        "Show this message and exit.",
        "Score agencies",
    ):
        assert text in result.output
    assert "Penggunaan" not in result.output


@pytest.mark.parametrize(
    ("env", "english"),
    [
        ({"SPBE_LANG": "en"}, True),
        ({"LANG": "en_US.UTF-8"}, True),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, True),
        ({"LC_MESSAGES": "en_AU"}, True),
        ({"LANG": "id_ID.UTF-8"}, False),
        ({"LANG": "C.UTF-8"}, False),
        ({"SPBE_LANG": "id", "LANG": "en_US.UTF-8"}, False),
    ],
)
def test_help_language_from_the_environment(env: dict[str, str], english: bool) -> None:
    out = spbe("score", "--help", **env).output
    assert ("Usage:" in out) is english
    assert ("Penggunaan:" in out) is not english


def test_command_line_beats_the_environment() -> None:
    assert "Penggunaan:" in spbe("--help", "--lang", "id", SPBE_LANG="en").output
    assert "Usage:" in spbe("plan", "--help", "-l", "en", LANG="id_ID.UTF-8").output


def test_languages_alternate_in_one_process() -> None:
    assert "Penggunaan:" in spbe("rank", "--help").output
    assert "Usage:" in spbe("rank", "--help", "--lang", "en").output
    assert "Penggunaan:" in spbe("rank", "--help").output


@pytest.mark.parametrize(
    ("args", "lang"),
    [(["--help"], None), (["--help", "--lang", "en"], "en")],
)
def test_language_choice_from_args(args: list[str], lang: str | None) -> None:
    assert help_text.lang_in_args(args) == lang
    assert help_text.lang_in_args(["score", "x.csv", "--", "--lang", "en"]) is None


# -- every command documented in both languages ----------------------------------------------


def tree() -> Any:
    return typer.main.get_command(app)


def test_every_command_has_help_in_both_languages() -> None:
    missing = []
    for name, command in commands(tree()):
        text = (command.help or "").strip()
        english = help_text.english_of(command.help or "")
        if not text or not english or english == command.help:
            missing.append(name)
    assert missing == []


def test_every_option_and_argument_has_help_in_both_languages() -> None:
    missing = []
    for name, command in commands(tree()):
        for param in own_params(command):
            if param.name in ("install_completion", "show_completion"):
                continue  # typer's own, translated by help_text._TYPER_HELP
            english = help_text.english_of(param.help or "")
            if not (param.help or "").strip() or not english or english == param.help:
                missing.append(f"{name} {param.name}")
    assert missing == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_help_is_shown(lang: str) -> None:
    """The help text of each parameter reaches the help page (arguments too)."""
    root = tree()
    help_text.install_messages("id" if lang == "id" else "en")
    help_text.translate_tree(root, "id" if lang == "id" else "en")
    for name, command in commands(root):
        ctx = click.Context(command, info_name=name)
        for param in own_params(command):
            record = param.get_help_record(ctx)
            assert record is not None and record[1].startswith(param.help), (name, param.name)


@pytest.mark.parametrize(
    "args",
    [
        ["score"],
        ["plan"],
        ["whatif"],
        ["compare"],
        ["rank"],
        ["report"],
        ["template"],
        ["framework"],
        ["framework", "list"],
        ["framework", "show"],
        ["framework", "validate"],
        ["framework", "test"],
    ],
)
def test_every_help_page_in_both_languages(args: list[str]) -> None:
    indonesian = spbe(*args, "--help")
    english = spbe(*args, "--help", "--lang", "en")
    assert indonesian.exit_code == english.exit_code == 0
    assert "Penggunaan:" in indonesian.output and "Opsi:" in indonesian.output
    assert "Usage:" in english.output and "Options:" in english.output
    if args != ["framework"]:
        assert "Contoh:" in indonesian.output and "Examples:" in english.output
    assert f"spbe {' '.join(args)}" in indonesian.output  # the examples are kept


def test_defaults_and_required_are_translated() -> None:
    indonesian = spbe("score", "--help").output
    english = spbe("score", "--help", "--lang", "en").output
    assert "[bawaan: table]" in indonesian and "[wajib]" in indonesian
    assert "[default: table]" in english and "[required]" in english


# -- click's own messages ----------------------------------------------------------------------


def test_click_messages_still_go_through_gettext() -> None:
    """A vendored click without gettext (typer 0.26+) would leave errors in English."""
    assert help_text.click_messages_translatable()


def test_unknown_option_is_an_indonesian_error() -> None:
    result = spbe("score", "--bogus")
    assert result.exit_code == 2
    assert "Kesalahan: Tidak ada opsi '--bogus'." in result.output
    assert "Coba 'spbe score --help' untuk bantuan." in result.output
    assert "Penggunaan: spbe score [OPSI] FILE" in result.output


def test_unknown_option_in_english() -> None:
    result = spbe("score", "--bogus", "--lang", "en")
    assert result.exit_code == 2
    assert "Error: No such option '--bogus'." in result.output
    assert "Try 'spbe score --help' for help." in result.output


def test_missing_argument_and_unknown_command() -> None:
    missing = spbe("score")
    assert missing.exit_code == 2 and "Kurang argumen 'FILE'." in missing.output
    unknown = spbe("skor")
    assert unknown.exit_code == 2 and "Tidak ada perintah 'skor'." in unknown.output
    bad = spbe("score", EXAMPLE, "--format", "xml")
    assert bad.exit_code == 2 and "Nilai '--format' / '-f' tidak sah" in bad.output


# -- the top-level --lang ----------------------------------------------------------------------


def test_top_level_lang_is_accepted_and_reaches_the_command() -> None:
    before = spbe("--lang", "en", "score", EXAMPLE)
    after = spbe("score", EXAMPLE, "--lang", "en")
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert before.stdout != spbe("score", EXAMPLE).stdout


def test_top_level_lang_outranks_spbe_lang() -> None:
    assert (
        spbe("--lang", "id", "score", EXAMPLE, SPBE_LANG="en").stdout
        == spbe("score", EXAMPLE).stdout
    )


def test_version() -> None:
    result = spbe("--version")
    assert result.exit_code == 0 and result.stdout.startswith("spbe-cli ")
