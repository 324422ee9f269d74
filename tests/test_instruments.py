"""One agency measured by two instruments (Indeks SPBE 2024, Indeks Pemdi 2026): every
view names both and never draws, subtracts or arrows one into the other (issue 19, item 5).

The files are the shipped examples, copied, with the Pemdi year's agency written the way a
different office spells it (upper case): still the same agency.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def two_instruments(tmp_path: Path) -> list[Path]:
    """Kota Pematangsiantar: SPBE 2022 and 2024 (3,03 Baik), Pemdi 2026 (1,24 Kurang)."""
    files = []
    for year in (2022, 2024):
        copy = tmp_path / f"siantar-{year}.xlsx"
        shutil.copy(EXAMPLES / f"pematangsiantar-{year}.xlsx", copy)
        files.append(copy)
    book = openpyxl.load_workbook(EXAMPLES / "pemdi-aceh-tengah-2026.xlsx")
    book["Penilaian"]["B2"] = "KOTA PEMATANGSIANTAR"
    pemdi = tmp_path / "siantar-pemdi-2026.xlsx"
    book.save(pemdi)
    files.append(pemdi)
    return files


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_compare_shows_each_instrument_on_its_own(two_instruments: list[Path]) -> None:
    out = _run("compare", *map(str, two_instruments))
    assert "Instrumen berbeda: Indeks SPBE (2022, 2024); Indeks Pemdi (2026)" in out
    assert "Indeks SPBE · 2022 → 2024" in out
    assert "Indeks Pemdi · 2026" in out
    assert "Tren Indeks SPBE (1-5)" in out and "Tren Indeks Pemdi (1-5)" in out
    assert "tidak ada indikator yang sama" in out
    # no row puts an SPBE figure and a Pemdi figure side by side
    assert not re.search(r"3,03 .*1,24", out)
    assert "Baik → Kurang" not in out
    # the SPBE table has no Pemdi aspect and the other way round
    spbe, pemdi = out.split("Indeks Pemdi · 2026")
    assert "Keamanan Pemdi" not in spbe and "Keamanan Pemdi" in pemdi
    assert "Layanan SPBE" in spbe and "Layanan SPBE" not in pemdi


def test_compare_in_english_and_markdown(two_instruments: list[Path]) -> None:
    out = _run("compare", *map(str, two_instruments), "--lang", "en")
    assert (
        "Different instruments: SPBE index (2022, 2024); Digital government (Pemdi) index (2026)"
    ) in out
    assert "no indicator is the same in both" in out
    md = _run("compare", *map(str, two_instruments), "--format", "markdown")
    assert "### Kota Pematangsiantar · Indeks SPBE" in md
    assert "### Kota Pematangsiantar · Indeks Pemdi" in md
    assert "| 2022 | Δ | 2024 |\n" in md and "| 2024 | Δ | 2026 |" not in md


def test_many_agencies_keep_instruments_apart(two_instruments: list[Path]) -> None:
    other = EXAMPLES / "pemdi-aceh-tengah-2026.xlsx"
    out = _run("compare", *map(str, two_instruments), str(other))
    line = next(x for x in out.splitlines() if "Pematangsiantar" in x)
    assert "Indeks SPBE: Cukup → Baik | Indeks Pemdi: Kurang" in line
    assert "≠" not in line and "—" in line  # the last change is not defined


def test_trend_report_markdown_names_both(tmp_path: Path, two_instruments: list[Path]) -> None:
    out = tmp_path / "tren.md"
    _run("report", *map(str, two_instruments), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Tren Indeks SPBE dan Indeks Pemdi\n")
    front = text.split("## Tren per domain")[0]
    assert "### Tren · Indeks SPBE" in front and "### Tren · Indeks Pemdi" in front
    assert "- Instrumen berbeda: Indeks SPBE (2022–2024" in front
    step = next(x for x in front.splitlines() if x.startswith("| 2024 → 2026"))
    assert step.split("|")[2:6] == [" — ", " — ", " — ", " — "]
    assert "Indeks SPBE 3,03 (Baik) → Indeks Pemdi 1,24 (Kurang)" in step
    # the Pemdi year's own caveat (external indices at their default) is kept, dated
    assert "- 2026: Indikator dari indeks eksternal belum diisi" in front
    assert "## Tren per domain dan aspek · Indeks SPBE" in text
    assert "## Tren per domain dan aspek · Indeks Pemdi" in text
    pemdi_table = text.split("## Tren per domain dan aspek · Indeks Pemdi")[1].split("## ")[0]
    assert "Kebijakan Internal" not in pemdi_table and "2024" not in pemdi_table


def test_trend_report_html_charts_per_instrument(
    tmp_path: Path, two_instruments: list[Path]
) -> None:
    out = tmp_path / "tren.html"
    _run("report", *map(str, two_instruments), "-o", str(out), "--lang", "en")
    page = out.read_text(encoding="utf-8")
    assert "SPBE index and Digital government (Pemdi) index trend" in page
    assert "Index per year and the target: SPBE index" in page
    assert "Index per year and the target: Digital government (Pemdi) index" in page
    assert "Different instruments: SPBE index (2022–2024" in page
    assert "different instruments, not compared" in page
    assert page.count("<svg") >= 2


def test_trend_report_xlsx_sheets_and_charts(tmp_path: Path, two_instruments: list[Path]) -> None:
    out = tmp_path / "tren.xlsx"
    _run("report", *map(str, two_instruments), "-o", str(out))
    book = openpyxl.load_workbook(out)
    names = book.sheetnames
    assert "Tren · Indeks SPBE" in names and "Tren · Indeks Pemdi" in names
    assert all(len(n) <= 31 for n in names)
    assert "Predikat · Indeks SPBE" in names and "Predikat · Indeks Pemdi" in names
    front = book["Ringkasan"]
    assert len(front._charts) == 2
    # Pemdi's single year: a one-point line draws nothing, so its target is a dash marker
    pemdi_chart = front._charts[1]
    target = pemdi_chart._charts[1].series[0]
    assert target.marker.symbol == "dash"
    spbe_markers = {
        series.marker.symbol
        for sub in front._charts[0]._charts
        for series in sub.series
        if series.marker is not None
    }
    assert "dash" not in spbe_markers  # three SPBE years: a dashed line, no marker
    texts = [str(c.value) for row in front.iter_rows() for c in row if c.value is not None]
    assert any(t.startswith("• Instrumen berbeda") for t in texts)
    titles = {t for t in texts if t.startswith("Tren · ")}
    assert titles == {"Tren · Indeks SPBE", "Tren · Indeks Pemdi"}
    pemdi_bands = [r[0].value for r in book["Predikat · Indeks Pemdi"].iter_rows(min_row=2)]
    assert any("Merintis" in str(v) for v in pemdi_bands)


def test_one_instrument_trend_unchanged(tmp_path: Path, two_instruments: list[Path]) -> None:
    out = tmp_path / "tren.md"
    _run("report", *map(str, two_instruments[:2]), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Tren Indeks SPBE\n")
    assert "Instrumen berbeda" not in text and "· Indeks SPBE" not in text
