"""``spbe report`` picks its writer by the file's suffix (or ``--format``) from one table."""

from __future__ import annotations

from pathlib import Path

import pytest

from spbe_cli.assessment import Assessment
from spbe_cli.engine import score
from spbe_cli.framework import load_framework
from spbe_cli.views.report import single_view
from spbe_cli.writers import registry


def test_every_writer_resolves_and_takes_a_view() -> None:
    for suffix in registry.WRITERS:
        assert callable(registry.writer(suffix))
    assert set(registry.FORMATS.values()) <= set(registry.WRITERS)


@pytest.mark.parametrize(
    ("name", "fmt", "suffix"),
    [
        ("laporan.xlsx", None, ".xlsx"),
        ("LAPORAN.HTM", None, ".htm"),
        ("r.markdown", None, ".markdown"),
        ("r.txt", "md", ".md"),
        ("r.html", "xlsx", ".xlsx"),
        ("r.txt", None, None),
        ("r", None, None),
    ],
)
def test_suffix_or_format_picks_the_writer(name: str, fmt: str | None, suffix: str | None) -> None:
    assert registry.suffix_of(Path(name), fmt) == suffix


def test_write_report_by_suffix_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    fw = load_framework()
    result = score(Assessment(levels={i.id: 2 for i in fw.indicators}, agency="X", year=2021), fw)
    view = single_view(result, "en")
    registry.write_report(view, tmp_path / "r.md")
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# ")
    registry.write_report(view, tmp_path / "r.txt", fmt="html")
    assert "<html" in (tmp_path / "r.txt").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="no report format"):
        registry.write_report(view, tmp_path / "r.doc")
