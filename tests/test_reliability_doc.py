"""docs/reliability.md keeps up with the code: every hostile file in ``CASES`` has a measured
row (a new case must be measured: ``python benchmarks/hostile_bounds.py --update
docs/reliability.md``), every measured row kept its bound, and every limit it states is the
code's."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from test_corpus_hostile import CASES

DOC = Path(__file__).resolve().parents[1] / "docs" / "reliability.md"
TEXT = DOC.read_text(encoding="utf-8")
BEGIN, END = "<!-- hostile-bounds:begin -->", "<!-- hostile-bounds:end -->"
FILES_TABLE = "### Hostile files"
UNITS = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}


def measured() -> str:
    assert BEGIN in TEXT and END in TEXT, "the measured block's markers are gone"
    return TEXT.split(BEGIN, 1)[1].split(END, 1)[0]


def sections(block: str) -> dict[str, list[list[str]]]:
    """Each ``### `` heading's first words and its table rows (cells, backticks dropped)."""
    found: dict[str, list[list[str]]] = {}
    for part in block.split("\n### ")[1:]:
        title, _, body = part.partition("\n")
        rows = [
            [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
            for line in body.splitlines()
            if line.startswith("| ")
        ]
        found[title] = rows[1:]  # without the header row
    return found


def files_rows() -> list[list[str]]:
    tables = sections(measured())
    titles = [t for t in tables if f"### {t}".startswith(FILES_TABLE)]
    assert len(titles) == 1, list(tables)
    return tables[titles[0]]


def test_every_hostile_file_case_is_measured() -> None:
    names = [row[0] for row in files_rows()]
    missing = sorted(set(CASES) - set(names))
    stale = sorted(set(names) - set(CASES))
    assert not missing, f"not measured (run benchmarks/hostile_bounds.py --update): {missing}"
    assert not stale, f"measured but no longer in CASES: {stale}"
    assert names == sorted(CASES)


def test_every_hostile_file_was_refused_within_its_bound() -> None:
    for name, _, _, code, seconds, mib in files_rows():
        assert code == "2", name
        assert float(seconds) < 5.0, name
        assert float(mib) < 500, name


def test_every_measured_row_passed_its_checks() -> None:
    block = measured()
    assert "FAILED" not in block and "### Failed checks" not in block
    tables = sections(block)
    assert len(tables) == 3 and all(tables.values()), list(tables)
    for rows in tables.values():
        for row in rows:
            assert float(row[4]) < 5.0 and float(row[5]) < 500, row


def stated_limits() -> list[tuple[str, str]]:
    limits = TEXT.split("## Limits in force", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(spbe_cli\.[\w.]+)` \| ([^|]+) \|", limits, re.MULTILINE)


def test_the_limits_table_is_not_empty() -> None:
    assert len(stated_limits()) >= 20


@pytest.mark.parametrize(("name", "value"), stated_limits())
def test_a_stated_limit_is_the_codes(name: str, value: str) -> None:
    module, _, constant = name.rpartition(".")
    actual = getattr(importlib.import_module(module), constant)
    number, _, unit = value.strip().partition(" ")
    assert int(number.replace(",", "")) * UNITS[unit or "B"] == actual, (name, value, actual)
