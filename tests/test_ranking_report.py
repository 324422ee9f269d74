"""The leaders' ranking report at national size: 200 agencies (issue 19, item 7).

Page 1 answers how many reached the target ("N dari M"), how the agencies spread over the
ratings, and who is at the top and at the bottom; the charts are horizontal bars on a page
(HTML, print) or a sheet (Excel) of their own, never under the 200-row table.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from ranking_files import AGENCIES, agency_names, write_agencies
from spbe_cli.cli.app import app

# Slow: a 200-agency workbook scored and written as Excel and HTML reports.
pytestmark = pytest.mark.slow

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent / "benchmarks" / "agencies-200.xlsx"


@pytest.fixture(scope="module")
def agencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_agencies(tmp_path_factory.mktemp("rank") / "agencies-200.xlsx")


def _report(source: Path, out: Path, *extra: str) -> None:
    done = runner.invoke(app, ["report", str(source), "-o", str(out), *extra])
    assert done.exit_code == 0, done.output


def _ranks(source: Path) -> list[tuple[str, str, str]]:
    """(rank, agency, index) of every agency, from ``spbe rank --format csv``."""
    done = runner.invoke(app, ["rank", str(source), "--format", "csv"])
    assert done.exit_code == 0, done.output
    lines = done.stdout.strip().splitlines()[1:]
    return [(c[0], c[1], c[4]) for c in (line.split(",") for line in lines)]


def test_shipped_benchmark_is_the_generated_one(agencies: Path) -> None:
    shipped = openpyxl.load_workbook(SHIPPED)["Rekap"]
    built = openpyxl.load_workbook(agencies)["Rekap"]
    assert [list(r) for r in shipped.iter_rows(values_only=True)] == [
        list(r) for r in built.iter_rows(values_only=True)
    ]
    assert shipped.max_row == AGENCIES + 1
    assert len(set(agency_names())) == AGENCIES


def test_markdown_first_page(tmp_path: Path, agencies: Path) -> None:
    out = tmp_path / "peringkat.md"
    _report(agencies, out)
    text = out.read_text(encoding="utf-8")
    front = text.split("### Dasar dan asumsi")[0]
    ranks = _ranks(agencies)
    reached = sum(1 for _, _, index in ranks if float(index) >= 2.6)
    share = f"{reached / 2:.1f}".replace(".", ",")
    assert f"| {reached} dari 200 ({share}%) |" in front
    counts = re.findall(r"^\| (Memuaskan|Sangat Baik|Baik|Cukup|Kurang) \| (\d+) \|", front, re.M)
    assert [band for band, _ in counts] == ["Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang"]
    assert sum(int(n) for _, n in counts) == 200
    top = front.split("### 5 teratas dari 200 instansi 2024")[1].split("###")[0]
    bottom = front.split("### 5 terbawah dari 200 instansi 2024")[1].split("###")[0]
    for rank, name, _ in ranks[:5]:
        assert f"| {rank} | {name} |" in top
    for rank, name, _ in ranks[-5:]:
        assert f"| {rank} | {name} |" in bottom
    assert ranks[-1][1] not in top and ranks[0][1] not in bottom


def test_english_first_page(tmp_path: Path, agencies: Path) -> None:
    out = tmp_path / "ranking.md"
    _report(agencies, out, "--lang", "en")
    text = out.read_text(encoding="utf-8")
    assert "### Top 5 of 200 agencies 2024" in text
    assert "### Bottom 5 of 200 agencies 2024" in text
    assert re.search(r"\| \d+ of 200 \(\d+\.\d%\) \|", text)


class _Sections(HTMLParser):
    """Section ids in order, which hold an ``<svg>``, and the bars' labels per section."""

    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []
        self.classes: dict[str, str] = {}
        self.svg: set[str] = set()
        self.bars: dict[str, list[str]] = {}
        self.rows: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section":
            self.order.append(found.get("id") or "")
            self.classes[self.order[-1]] = found.get("class") or ""
        elif self.order and tag == "svg":
            self.svg.add(self.order[-1])
        elif self.order and tag == "rect" and found.get("class") == "bar":
            self.bars.setdefault(self.order[-1], []).append(found.get("data-label") or "")
        elif self.order and tag == "tr":
            self.rows[self.order[-1]] = self.rows.get(self.order[-1], 0) + 1


def test_html_charts_on_their_own_pages(tmp_path: Path, agencies: Path) -> None:
    out = tmp_path / "peringkat.html"
    _report(agencies, out)
    page = out.read_text(encoding="utf-8")
    parsed = _Sections()
    parsed.feed(page)
    assert parsed.order[:4] == ["ringkasan", "chart_top", "chart_bottom", "ranking"]
    assert parsed.svg == {"chart_top", "chart_bottom"}  # none under the ranking table
    assert parsed.rows["ranking"] == 201
    ranks = _ranks(agencies)
    assert parsed.bars["chart_top"] == [name for _, name, _ in ranks[:20]]
    assert parsed.bars["chart_bottom"] == [name for _, name, _ in ranks[-20:]]
    assert "chart-page" in parsed.classes["chart_top"]
    assert ".chart-page{break-before:page" in page
    assert 'class="bar-chart horizontal"' in page
    # the longest official names are drawn whole (wrapped, never cut with an ellipsis)
    assert "…" not in page


def test_xlsx_chart_sheets(tmp_path: Path, agencies: Path) -> None:
    out = tmp_path / "peringkat.xlsx"
    _report(agencies, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:4] == ["Ringkasan", "Grafik teratas", "Grafik terbawah", "Peringkat"]
    assert not book["Peringkat"]._charts
    ranks = _ranks(agencies)
    for name, shown in (("Grafik teratas", ranks[:20]), ("Grafik terbawah", ranks[-20:])):
        sheet = book[name]
        (chart,) = sheet._charts
        assert chart.type == "bar"  # horizontal
        assert chart.x_axis.scaling.orientation == "maxMin"  # rank 1 at the top
        assert chart.anchor._from.row == 0  # at the top of its sheet
        height_cm = chart.anchor.ext.height / 360000
        assert height_cm >= 0.75 * 20  # a bar per 0.75 cm: names legible in print
        labels = chart.series[0].cat.numRef or chart.series[0].cat.strRef
        ref = labels.f
        first, last = (int(n) for n in re.findall(r"\$(\d+)", ref))
        assert last - first == 19
        assert (first - 1) * 0.53 > height_cm  # the table starts under the chart
        names = [sheet.cell(row, 2).value for row in range(first, last + 1)]
        assert names == [n for _, n, _ in shown]
        assert sheet.page_setup.fitToHeight == 1
    front = book["Ringkasan"]
    texts = [c.value for row in front.iter_rows() for c in row if c.value is not None]
    assert any(isinstance(t, str) and re.fullmatch(r"\d+ dari 200 \(\d+,\d%\)", t) for t in texts)
    assert "5 teratas dari 200 instansi 2024" in texts
    assert "5 terbawah dari 200 instansi 2024" in texts


def test_small_ranking_keeps_one_chart(tmp_path: Path) -> None:
    source = write_agencies(tmp_path / "dua-belas.xlsx", count=12)
    out = tmp_path / "peringkat.xlsx"
    _report(source, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["Ringkasan", "Grafik", "Peringkat"]
    (chart,) = book["Grafik"]._charts
    # 12 rows, under the 12 cm chart (23 rows of 0.53 cm and a blank one), header at 25
    assert chart.series[0].val.numRef.f == "'Grafik'!$C$26:$C$37"


def test_ranking_across_instruments_names_both(tmp_path: Path) -> None:
    """SPBE 2021 agencies and a Pemdi 2026 one: each year's own target and index, one
    ranking table per instrument, never a Pemdi header over SPBE rows."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    out = tmp_path / "campur.md"
    done = runner.invoke(
        app,
        [
            "report",
            str(examples / "agencies-2021.xlsx"),
            str(examples / "pemdi-aceh-tengah-2026.xlsx"),
            "-o",
            str(out),
        ],
    )
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Peringkat Indeks Pemdi dan Indeks SPBE\n")
    assert "| 2026 · Indeks Pemdi | 1 | 1,24 | 1,24 | 2,51 | 0 dari 1 (0,0%) |" in text
    assert "| 2021 · Indeks SPBE | 8 |" in text and "| 2,60 | 2 dari 8 (25,0%) |" in text
    assert "- Instrumen berbeda: Indeks Pemdi (2026); Indeks SPBE (2021)." in text
    pemdi = text.split("## Peringkat · Indeks Pemdi")[1].split("## ")[0]
    spbe = text.split("## Peringkat · Indeks SPBE")[1].split("## ")[0]
    assert "| Indeks Pemdi |" in pemdi and "Kota Medan" not in pemdi
    assert "| Indeks SPBE |" in spbe and "| D1 |" in spbe and "Aceh Tengah" not in spbe
    xlsx = tmp_path / "campur.xlsx"
    done = runner.invoke(
        app,
        [
            "report",
            str(examples / "agencies-2021.xlsx"),
            str(examples / "pemdi-aceh-tengah-2026.xlsx"),
            "-o",
            str(xlsx),
        ],
    )
    assert done.exit_code == 0, done.output
    names = openpyxl.load_workbook(xlsx).sheetnames
    assert "Peringkat · Indeks Pemdi" in names and "Peringkat · Indeks SPBE" in names
    assert "Predikat · Indeks Pemdi" in names and "Predikat · Indeks SPBE" in names
