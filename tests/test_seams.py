"""The architecture's rules, held by tests: renderers compute nothing, and every data
output goes through the one registry of renderers."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from spbe_cli.render.registry import RENDERERS, renderer

PACKAGE = Path(__file__).parents[1] / "src" / "spbe_cli"
LAYOUT = ("render", "writers")
"""Packages that only lay out what they are given."""
ALLOWED = (
    "spbe_cli.render",
    "spbe_cli.writers",
    "spbe_cli.i18n",
    "spbe_cli.glossary",
    "spbe_cli.exact",
    "spbe_cli.framework",
    "spbe_cli.problems",
    "spbe_cli.bounded",
    "spbe_cli.views",
)
"""Modules whose functions a renderer may call: other layout, words, number formatting,
the framework's own description, and views (which a renderer only reads)."""


def _imports(path: Path) -> list[tuple[int, str, str]]:
    """(line, module, name) of every ``from spbe_cli... import name``, nested ones too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("spbe_cli"):
            found.extend((node.lineno, node.module, alias.name) for alias in node.names)
    return found


def _layout_modules() -> list[Path]:
    return sorted(p for package in LAYOUT for p in (PACKAGE / package).rglob("*.py"))


@pytest.mark.parametrize("path", _layout_modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_renderer_calls_no_scoring_ranking_comparing_track_or_planning_function(
    path: Path,
) -> None:
    calls = []
    for line, module, name in _imports(path):
        if module.startswith(ALLOWED):
            continue
        value = getattr(importlib.import_module(module), name, None)
        if value is None and hasattr(importlib.import_module(module), "__path__"):
            continue  # a submodule (``from spbe_cli.evidence import model``) is checked as one
        if inspect.isfunction(value):
            calls.append(f"{path.name}:{line} imports {module}.{name}")
    assert calls == []


def test_every_registered_renderer_exists_and_takes_a_view_and_a_sink() -> None:
    for subject, formats in RENDERERS.items():
        for fmt in formats:
            parameters = list(inspect.signature(renderer(subject, fmt)).parameters)
            assert len(parameters) == 2 and parameters[1] == "sink", (subject, fmt)


def test_no_command_switches_on_the_output_format() -> None:
    commands = [*(PACKAGE / "cli" / "commands").glob("*.py"), PACKAGE / "cli" / "scoring.py"]
    switches = [
        f"{path.name}:{number}"
        for path in commands
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "output_format ==" in line
        or "output_format is OutputFormat" in line
        or "output_format in (" in line
    ]
    assert switches == []
