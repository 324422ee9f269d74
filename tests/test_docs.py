"""Documentation keeps up with the code: every command has help, a row in the README's
command table and a page in docs/ that names it; every link in them leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from spbe_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
README_MAX_LINES = 250

# The docs page of each top-level command (sub-commands share their group's page).
PAGES = {"whatif": "plan"}


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


def command_table() -> str:
    """The README's command table: the rows under ``## Commands``."""
    section = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def page_of(name: str) -> Path:
    top = name.split()[0]
    return DOCS / f"{PAGES.get(top, top)}.md"


def test_every_command_is_in_the_readme_command_table() -> None:
    table = command_table()
    missing = [name for name, _ in all_commands() if f"`spbe {name}" not in table]
    assert missing == []


def test_every_command_has_a_docs_page_that_names_it() -> None:
    missing = [
        name
        for name, _ in all_commands()
        if not page_of(name).is_file()
        or f"spbe {name}" not in page_of(name).read_text(encoding="utf-8")
    ]
    assert missing == []


def test_the_command_table_links_each_command_to_its_page() -> None:
    rows = [row for row in command_table().splitlines() if "`spbe " in row]
    unlinked = []
    for name, _ in all_commands():
        mine = [r for r in rows if re.search(rf"`spbe {re.escape(name)}( |`)", r)]
        if not mine or any(f"(docs/{page_of(name).name})" not in r for r in mine):
            unlinked.append(name)
    assert unlinked == []


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("doc", markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        if not (doc.parent / target.split("#", 1)[0]).exists():
            broken.append(target)
    assert broken == []


def test_readme_is_short() -> None:
    assert len(README.splitlines()) <= README_MAX_LINES


def test_readme_links_the_manual_and_the_changelog() -> None:
    for target in (
        "docs/reliability.md",
        "docs/json.md",
        "docs/input.md",
        "docs/arithmetic.md",
        "CHANGELOG.md",
    ):
        assert f"({target})" in README


def test_exit_codes_are_documented() -> None:
    from spbe_cli.cli import output

    for code in (
        output.EXIT_OK,
        output.EXIT_BELOW_THRESHOLD,
        output.EXIT_BAD_INPUT,
        output.EXIT_INTERNAL,
    ):
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
    """docs/input.md's header-words table keeps up with vocabulary.yaml."""
    from spbe_cli.readers.vocabulary import vocabulary

    page = (DOCS / "input.md").read_text(encoding="utf-8")
    table = page.split("**Header words.**", 1)[1].split("\n\n", 2)[1].lower()
    words = vocabulary()
    phrases = [p for group in (*words.roles.values(), *words.tracks.values()) for p in group]
    missing = [" ".join(p) for p in phrases if " ".join(p) not in table]
    assert missing == []
