"""Documentation keeps up with the code: every command has help and a README section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from spbe_cli.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def all_commands() -> list[tuple[str, Any]]:
    """Every command and sub-command of the app, by its full name (``framework show``)."""
    root: Any = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []
    for name, command in root.commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            found.extend((f"{name} {sub}", c) for sub, c in subcommands.items())
        else:
            found.append((name, command))
    return found


def test_every_command_has_help_text() -> None:
    missing = [name for name, command in all_commands() if not (command.help or "").strip()]
    assert missing == []


def test_every_option_has_help_text() -> None:
    missing = [
        f"{name} {param.name}"
        for name, command in all_commands()
        for param in command.params
        if getattr(param, "param_type_name", "") == "option" and not (param.help or "").strip()
    ]
    assert missing == []


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name, _ in all_commands() if f"spbe {name}" not in README]
    assert missing == []


def test_exit_codes_are_documented() -> None:
    from spbe_cli.cli import output

    for code in (output.EXIT_OK, output.EXIT_BELOW_THRESHOLD, output.EXIT_BAD_INPUT,
                 output.EXIT_INTERNAL):
        assert f"| {code} |" in README


def test_readme_library_example_runs(capsys: Any, monkeypatch: Any) -> None:
    """The README's Python example runs as written, from the repository root."""
    block = README.split("## Library", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Kota Pematangsiantar 1.53 Kurang" in out
    assert "21 39 True" in out
    assert out.count("\n") >= 1 + 4 + 1 + 8


def test_readme_lists_every_header_word() -> None:
    """The README's header-words table keeps up with vocabulary.yaml."""
    from spbe_cli.readers.vocabulary import vocabulary

    table = README.split("**Header words.**", 1)[1].split("\n\n", 2)[1].lower()
    words = vocabulary()
    phrases = [p for group in (*words.roles.values(), *words.tracks.values()) for p in group]
    missing = [" ".join(p) for p in phrases if " ".join(p) not in table]
    assert missing == []
