"""Start-up stays light: what ``spbe --version`` and ``spbe --help`` import (not timings)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Slow: every test starts fresh interpreters (-X importtime). `pytest -m "not slow"` skips them.
pytestmark = pytest.mark.slow

HEAVY = ("pydantic", "rich", "openpyxl", "python_calamine", "yaml", "orjson")


def imported(code: str, extra_env: dict[str, str] | None = None) -> set[str]:
    """The top-level packages a fresh interpreter imports running ``code`` (-X importtime)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SPBE_LANG", "SPBE_DEBUG")}
    env.update(extra_env or {})
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode in (0, 2), done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            module = line.rsplit("|", 1)[1].strip()
            names.add(module.split(".")[0])
    assert names, done.stderr[-2000:]
    return names


def run_main(*args: str) -> str:
    return (
        "import sys\n"
        f"sys.argv = ['spbe', *{list(args)!r}]\n"
        "from spbe_cli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )


def test_importing_the_app_module_imports_only_the_standard_library() -> None:
    names = imported("import spbe_cli.cli.app")
    assert not names & {*HEAVY, "typer", "click"}


def test_version_does_not_import_typer() -> None:
    assert not imported(run_main("--version")) & {*HEAVY, "typer", "click"}


@pytest.mark.parametrize(
    "args",
    [("--help",), ("score", "--help"), ("framework", "show", "--help"), ("--help", "--lang", "en")],
)
def test_help_does_not_import_the_library(args: tuple[str, ...]) -> None:
    names = imported(run_main(*args))
    assert "typer" in names
    assert not names & set(HEAVY)


def test_building_the_app_does_not_import_the_library() -> None:
    names = imported("from spbe_cli.cli.app import app")
    assert not names & set(HEAVY)


def test_a_warm_score_imports_neither_yaml_nor_pydantic(tmp_path: Path) -> None:
    """Once the store holds the bundled frameworks and the header vocabulary, scoring the
    example reads neither YAML nor pydantic (the first run fills the store)."""
    env = {"SPBE_CACHE_DIR": str(tmp_path)}
    example = str(Path(__file__).parents[1] / "examples" / "pematangsiantar-2021.xlsx")
    first = imported(run_main("score", example), env)
    assert {"yaml", "pydantic"} <= first
    warm = imported(run_main("score", example), env)
    assert "python_calamine" in warm and "rich" in warm
    assert not warm & {"yaml", "pydantic", "openpyxl"}


def test_one_command_app_knows_every_command_and_helps_the_same() -> None:
    """``spbe score ...`` builds only ``score``: the list of commands it looks for stays in
    step with the full app, and a command's help reads the same either way."""
    import click
    from typer.main import get_command
    from typer.testing import CliRunner

    from spbe_cli.cli.app import _COMMANDS, build_app

    full = get_command(build_app())
    assert isinstance(full, click.Group)
    assert set(_COMMANDS) == set(full.commands)
    runner = CliRunner()
    for name in _COMMANDS:
        alone = build_app(name)
        assert set(get_command(alone).commands) == {name}  # type: ignore[attr-defined]
        args = [name, "--help", "--lang", "en"]
        assert runner.invoke(alone, args).output == runner.invoke(build_app(), args).output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score", "x.xlsx"], "score"),
        (["--lang", "en", "plan", "x"], "plan"),
        (["--lang=en", "--debug", "rank"], "rank"),
        (["--help"], None),
        ([], None),
        (["scor"], None),
        (["--lang", "score"], None),
    ],
)
def test_the_command_is_found_past_global_options(args: list[str], expected: str | None) -> None:
    from spbe_cli.cli.app import command_named

    assert command_named(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ("score", "agencies-2021.xlsx"),
        ("score", "agencies-2021.xlsx", "--format", "csv"),
        ("score", "agencies-2021.xlsx", "--format", "json"),
        ("rank", "agencies-2021.xlsx"),
        ("compare", "pematangsiantar-2021.xlsx", "pematangsiantar-2022.xlsx"),
    ],
)
def test_tables_to_a_pipe_and_data_formats_do_not_import_rich(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    """rich draws for a terminal only: a table sent to a pipe or a file is plain text, and
    JSON or CSV never needed it (stdout and stderr are pipes here)."""
    examples = Path(__file__).parents[1] / "examples"
    given = [str(examples / a) if a.endswith(".xlsx") else a for a in args]
    names = imported(run_main(*given), {"SPBE_CACHE_DIR": str(tmp_path)})
    assert "python_calamine" in names
    assert "rich" not in names


def test_a_forced_terminal_still_gets_rich(tmp_path: Path) -> None:
    example = str(Path(__file__).parents[1] / "examples" / "agencies-2021.xlsx")
    names = imported(
        run_main("score", example), {"SPBE_CACHE_DIR": str(tmp_path), "FORCE_COLOR": "1"}
    )
    assert "rich" in names
