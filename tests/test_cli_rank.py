"""``spbe rank`` as a table: every row as plain text in a pipe or file, the first rows of
each year on a terminal (``--all`` for every row)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from rich.console import Console
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.framework import load_framework
from spbe_cli.loading import rank_files
from spbe_cli.render.rank import ranking_view

runner = CliRunner()
FW = load_framework()
MARKUP = "[bold]x[/bold]"


def write_wide(path: Path, count: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    ids = [i.id for i in FW.indicators]
    sheet.append(["Instansi", "Tahun", *[int(i) for i in ids]])
    for n in range(count):
        name = MARKUP if n == 0 else f"Kota {n:02d}"
        for year in (2021, 2022):
            sheet.append([name, year, *[1 + (n + year) % 5] * len(ids)])
    book.save(path)
    return path


def test_a_file_gets_every_row_as_plain_text(tmp_path: Path) -> None:
    path = write_wide(tmp_path / "rekap.xlsx", 30)
    result = runner.invoke(app, ["rank", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "┃" not in out and "│" not in out  # no rich table in a pipe
    assert out.count("Kota 29") == 2  # every row, both years
    assert MARKUP in out  # names as written
    assert "Rank 2022 · SPBE index (30 of 30)" in out
    assert "Mean " in out and " of 30 (" in out


def test_a_terminal_gets_the_first_rows_and_how_many_more(tmp_path: Path) -> None:
    path = write_wide(tmp_path / "rekap.xlsx", 30)
    rankings = rank_files([path])
    screen = Console(file=io.StringIO(), width=120, force_terminal=True, color_system=None)
    screen.print(ranking_view(rankings, "en", limit=5))
    text = screen.file.getvalue()  # type: ignore[attr-defined]
    assert text.count("... 25 more rows (--all for every row)") == 2
    assert sum(line.startswith("│") for line in text.splitlines()) == 2 * 5 + 2 * 5
    whole = Console(file=io.StringIO(), width=120, force_terminal=True, color_system=None)
    whole.print(ranking_view(rankings, "en"))
    assert "more rows" not in whole.file.getvalue()  # type: ignore[attr-defined]


def test_all_is_accepted(tmp_path: Path) -> None:
    path = write_wide(tmp_path / "rekap.xlsx", 3)
    result = runner.invoke(app, ["rank", str(path), "--all"])
    assert result.exit_code == 0, result.output
