"""One rule chooses the language of help, output and messages (:func:`chosen_lang`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.i18n import chosen_lang, lang_in_env

EXAMPLE = str(Path(__file__).parents[1] / "examples" / "pematangsiantar-2021.xlsx")
runner = CliRunner()
NEUTRAL = {"SPBE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"SPBE_LANG": "en", "LANG": "id_ID.UTF-8"}, "en"),
        ({"SPBE_LANG": "id", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
    ],
)
def test_the_environment_rule(env: dict[str, str], lang: str) -> None:
    assert lang_in_env(env) == lang


def test_the_command_line_outranks_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPBE_LANG", "en")
    assert chosen_lang(["score", "x.csv", "--lang", "id"]) == "id"
    assert chosen_lang(["score", "x.csv"]) == "en"
    assert chosen_lang(["score", "--", "--lang", "id"]) == "en"


@pytest.mark.parametrize(
    ("env", "english"),
    [
        ({"LANG": "en_US.UTF-8"}, True),
        ({"SPBE_LANG": "en"}, True),
        ({"SPBE_LANG": "id", "LANG": "en_US.UTF-8"}, False),
        ({}, False),
    ],
)
def test_output_follows_the_same_rule_as_help(env: dict[str, str], english: bool) -> None:
    environment = {**NEUTRAL, **env}
    scored = runner.invoke(app, ["score", EXAMPLE, "--format", "markdown"], env=environment)
    helped = runner.invoke(app, ["score", "--help"], env=environment)
    assert scored.exit_code == 0, scored.output
    assert ("| Poor |" in scored.stdout) is english
    assert ("| Kurang |" in scored.stdout) is not english
    assert ("Usage:" in helped.stdout) is english


def test_lang_on_the_command_line_wins_over_the_locale() -> None:
    environment = {**NEUTRAL, "LANG": "en_US.UTF-8"}
    scored = runner.invoke(
        app, ["score", EXAMPLE, "--format", "markdown", "--lang", "id"], env=environment
    )
    assert "| Kurang |" in scored.stdout
    assert "| Poor |" not in scored.stdout
