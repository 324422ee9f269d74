"""A word of the glossary is said once: no module writes its own copy of a shared term."""

from __future__ import annotations

import ast
from pathlib import Path

from spbe_cli import glossary
from spbe_cli.i18n import Text

SOURCE = Path(__file__).parents[1] / "src" / "spbe_cli"
TERMS = {value: name for name, value in vars(glossary).items() if isinstance(value, Text)}


def _texts(path: Path) -> list[tuple[int, Text]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Text"
            and len(node.args) == 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
        ):
            first, second = (a.value for a in node.args)  # type: ignore[attr-defined]
            found.append((node.lineno, Text(first, second)))
    return found


def test_no_module_repeats_a_glossary_term() -> None:
    copies = [
        f"{path.relative_to(SOURCE)}:{line} repeats glossary.{TERMS[text]}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "glossary.py"
        for line, text in _texts(path)
        if text in TERMS
    ]
    assert copies == []


def test_the_glossary_has_one_word_per_term() -> None:
    assert len(TERMS) == sum(isinstance(v, Text) for v in vars(glossary).values())
