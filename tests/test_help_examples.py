"""Every example in ``--help`` works when pasted (issue 19): shown whole at any width, naming
files shipped in ``examples/``, and running (from a folder holding ``examples/``) with
exit status 0, or 1 where the example asks for a threshold check."""

from __future__ import annotations

import glob
import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from spbe_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "src/spbe_cli/frameworks/cases"
runner = CliRunner()


def _commands() -> list[str]:
    root: Any = typer.main.get_command(app)
    names = []
    for name, command in root.commands.items():
        subs = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in subs] if subs else [name]
    return names


def _examples(lang: str, width: int = 200) -> list[tuple[str, str]]:
    found = []
    for name in _commands():
        result = runner.invoke(
            app,
            [*name.split(), "--help", "--lang", lang],
            env={"COLUMNS": str(width)},
            terminal_width=width,
        )
        assert result.exit_code == 0, result.output
        found += [
            (name, line.strip())
            for line in result.stdout.splitlines()
            if line.strip().startswith(f"spbe {name} ")
        ]
    return found


EXAMPLES = sorted(set(_examples("id") + _examples("en")))


def test_there_are_examples_for_every_command() -> None:
    assert {name for name, _ in EXAMPLES} == set(_commands())


@pytest.mark.slow  # every command's help, twice per language
@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_example_is_wrapped_at_40_columns(lang: str) -> None:
    wide = {line for _, line in _examples(lang)}
    narrow = {line for _, line in _examples(lang, 40)}
    assert wide == narrow


@pytest.mark.slow  # every example run through the CLI
@pytest.mark.parametrize(("name", "line"), EXAMPLES, ids=[line for _, line in EXAMPLES])
def test_every_example_runs_as_pasted(
    name: str, line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.symlink(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    command = line.split("#")[0] if " #" in line else line
    words = shlex.split(command.split(" > ")[0])[1:]
    args: list[str] = []
    for word in words:
        args += sorted(glob.glob(word)) if "*" in word else [word]
    inputs = [w for w in args[len(name.split()) :] if re.search(r"\.(xlsx|csv|yaml)$", w)]
    outputs = {args[i + 1] for i, w in enumerate(args[:-1]) if w in ("-o", "--output")}
    if name == "template":
        outputs.add(args[1])
    for path in set(inputs) - outputs:
        if path.endswith(".cases.yaml"):  # a user's cases: the bundled ones for 59/2020
            (tmp_path / path).write_text((CASES / "permenpanrb-59-2020.cases.yaml").read_text())
        elif path.endswith(".yaml"):  # a user's framework file: a copy of 59/2020's
            (tmp_path / path).write_text((ROOT / "indicators.yaml").read_text())
        elif not path.startswith("examples/"):
            pytest.fail(f"{line!r} names {path}, which is not shipped in examples/")
    result = runner.invoke(app, args)
    threshold = "--fail-under" in args or "--fail-on-regression" in args
    assert result.exit_code in ((0, 1) if threshold else (0,)), result.output + result.stderr
