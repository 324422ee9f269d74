"""The single-agency HTML report on a 390 px phone: the plan's rows become cards, so the
level, the gain and the index after each raise stay in view (issue 19, item 7)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from spbe_cli.cli.app import app

runner = CliRunner()


def _report(source: Path, out: Path, *extra: str) -> None:
    done = runner.invoke(app, ["report", str(source), "-o", str(out), *extra])
    assert done.exit_code == 0, done.output


class _PlanCells(HTMLParser):
    """Per row of the plan table: each cell's ``data-label`` and text."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.table_class = ""
        self.rows: list[list[tuple[str, str]]] = []
        self.label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section":
            self.inside = found.get("id") == "plan"
        elif self.inside and tag == "table":
            self.table_class = found.get("class") or ""
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag == "td":
            self.label = found.get("data-label") or ""
            self.rows[-1].append((self.label, ""))

    def handle_data(self, data: str) -> None:
        if self.inside and self.label is not None and self.rows and self.rows[-1]:
            label, text = self.rows[-1][-1]
            self.rows[-1][-1] = (label, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.label = None


def test_plan_rows_become_cards_on_a_phone(tmp_path: Path) -> None:
    out = tmp_path / "laporan.html"
    example = Path(__file__).resolve().parent.parent / "examples" / "pematangsiantar-2021.xlsx"
    _report(example, out, "--plan")
    page = out.read_text(encoding="utf-8")
    phone = page.split("@media (max-width:600px){")[1].split("@media print")[0]
    assert "table.cards thead{display:none}" in phone
    assert "table.cards td::before{content:attr(data-label)" in phone
    cells = _PlanCells()
    cells.feed(page)
    assert "cards" in cells.table_class.split()
    body = [row for row in cells.rows if row]
    assert len(body) > 10
    for row in body:  # level, gain and index each under its own name on the card
        labelled = dict(row)
        assert labelled["Dari"] and labelled["Ke"]
        assert re.fullmatch(r"0,\d{4}", labelled["+Indeks"])
        assert re.fullmatch(r"\d,\d\d", labelled["Indeks sesudahnya"])


def test_trend_years_and_steps_become_cards(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    out = tmp_path / "tren.html"
    files = [str(examples / f"pematangsiantar-{y}.xlsx") for y in (2021, 2022, 2024)]
    done = runner.invoke(app, ["report", *files, "-o", str(out)])
    assert done.exit_code == 0, done.output
    page = out.read_text(encoding="utf-8")
    assert "table.cards td:empty{display:none}" in page
    for key in ("trend", "moves_summary"):
        table = page.split(f'id="{key}"')[1].split("</table>")[0]
        assert "cards" in table.split('<table class="')[1].split('"')[0].split()
        assert 'data-label="Perubahan"' in table
    steps = page.split('id="moves_summary"')[1].split("</table>")[0]
    assert '<td data-label="Perubahan" class="num">+0,82</td>' in steps


def test_ranking_summary_is_a_card_and_charts_keep_legible_names(tmp_path: Path) -> None:
    from ranking_files import write_agencies

    source = write_agencies(tmp_path / "rekap.xlsx", count=60)
    out = tmp_path / "peringkat.html"
    _report(source, out)
    page = out.read_text(encoding="utf-8")
    summary = page.split('id="summary"')[1].split("</table>")[0]
    assert "cards" in summary.split('<table class="')[1].split('"')[0].split()
    assert re.search(r'<td data-label="Mencapai target">\d+ dari 60 \(\d+,\d%\)</td>', summary)
    phone = page.split("@media (max-width:600px){")[1].split("@media print")[0]
    assert "svg.bar-chart.horizontal{min-width:600px}" in phone
