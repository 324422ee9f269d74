"""``spbe report``: Excel, HTML and Markdown reports, checked against the engine's numbers."""

from __future__ import annotations

import csv
import io
import math
import os
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from spbe_cli.assessment import Assessment
from spbe_cli.cli.app import app
from spbe_cli.engine import score
from spbe_cli.exact import fixed
from spbe_cli.framework import load_framework
from spbe_cli.planner import plan as make_plan
from spbe_cli.render import formats, score_data
from spbe_cli.results import Result
from spbe_cli.views.report import ranking_report, single_report, top_raises
from spbe_cli.views.score import score_view
from spbe_cli.writers.atomic import OutputExistsError, atomic_path, atomic_write_bytes
from spbe_cli.writers.report_document import BandValue, Delta, Report
from spbe_cli.writers.report_html import render_html, write_report_html
from spbe_cli.writers.report_md import render_markdown, write_report_md
from spbe_cli.writers.report_xlsx import write_report_xlsx

runner = CliRunner()
FW = load_framework()
TWOS = [1, 2, 3, 8, 10, 11, 15, 16, 17, 22, 23, 32, 36, 38, 40, 42, 44]
EVIL = '=HYPERLINK("http://x","y")'


def siantar_levels() -> dict[str, int]:
    levels = {i.id: 1 for i in FW.indicators}
    levels.update({str(i): 2 for i in TWOS})
    levels.update({"33": 3, "34": 3, "35": 3})
    return levels


def siantar(agency: str = "Kota Pematangsiantar", opd: dict[str, str] | None = None) -> Result:
    assessment = Assessment(
        levels=siantar_levels(), agency=agency, year=2021, opd=opd or {"42": "Diskominfo"}
    )
    return score(assessment, FW)


def agency(name: str, level: int, year: int = 2023) -> Result:
    levels = {i.id: level for i in FW.indicators}
    levels["1"] = max(1, level - 1)
    return score(Assessment(levels=levels, agency=name, year=year), FW)


def front_cells(sheet: object) -> dict[object, object]:
    """Label in column A -> the cell in column B, on a first sheet."""
    return {row[0].value: row[1] for row in sheet.iter_rows(min_row=1) if row[0].value}  # type: ignore[attr-defined]


def xlsx_of(report: Report, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "laporan.xlsx"
    write_report_xlsx(report, path)
    return openpyxl.load_workbook(path)


# -- Excel -------------------------------------------------------------------------------


def test_xlsx_sheets_and_summary_values(tmp_path: Path) -> None:
    book = xlsx_of(single_report(siantar(), "id", source="siantar.xlsx"), tmp_path)
    assert book.sheetnames == ["Ringkasan", "Domain", "Aspek", "Indikator", "Predikat"]
    summary = front_cells(book["Ringkasan"])
    assert summary["Indeks SPBE"].value == pytest.approx(1.53)
    assert summary["Indeks SPBE"].number_format == "0.00"
    assert summary["Predikat"].value == "Kurang"
    assert summary["Target"].value == pytest.approx(2.6)
    assert summary["Selisih ke target"].value == pytest.approx(1.07)
    assert summary["Predikat target"].value == "Baik"
    assert summary["Kenaikan level paling sedikit ke target"].value == 37
    assert summary["Kenaikan level paling sedikit ke target"].number_format == "0"


def test_xlsx_english_labels(tmp_path: Path) -> None:
    book = xlsx_of(single_report(siantar(), "en"), tmp_path)
    assert book.sheetnames == ["Summary", "Domains", "Aspects", "Indicators", "Ratings"]
    assert book["Domains"]["E2"].value == "Poor"


def test_xlsx_domain_aspect_and_indicator_values(tmp_path: Path) -> None:
    result = siantar()
    book = xlsx_of(single_report(result, "id"), tmp_path)
    domains = book["Domain"]
    assert [c.value for c in domains[1]] == [
        "No",
        "Domain",
        "Bobot",
        "Indeks",
        "Predikat",
        "Target",
        "Bagian selisih",
    ]
    for row, node in enumerate(result.domains, start=2):
        assert domains.cell(row, 4).value == pytest.approx(float(node.published))
        assert domains.cell(row, 4).number_format == "0.00"
        assert domains.cell(row, 3).value == pytest.approx(float(node.weight))
    aspects = book["Aspek"]
    assert [aspects.cell(r, 5).value for r in range(2, 10)] == pytest.approx(
        [1.50, 1.25, 1.75, 1.00, 1.25, 1.00, 2.00, 1.33]
    )
    indicators = book["Indikator"]
    assert indicators.max_row == 48
    first = [c.value for c in indicators[2]]
    assert first[0] == 1 and first[6] == 2 and first[7] == "Terkelola"
    assert first[8] == pytest.approx(0.026) and first[9] == pytest.approx(0.013)
    assert indicators["I2"].number_format == "0.0000"
    opd = {row[0].value: row[4].value for row in indicators.iter_rows(min_row=2)}
    assert opd[42] == "Diskominfo"


def test_xlsx_has_values_not_formulas(tmp_path: Path) -> None:
    book = xlsx_of(single_report(siantar(agency=EVIL, opd={"1": "@SUM(A1)"}), "id"), tmp_path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    assert cells and all(c.data_type != "f" for c in cells)


def test_xlsx_frozen_headers_and_print_setup(tmp_path: Path) -> None:
    book = xlsx_of(single_report(siantar(), "id"), tmp_path)
    assert book["Domain"].freeze_panes == "C2"
    assert book["Indikator"].freeze_panes == "C2"
    for sheet in book:
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.oddFooter.center.text == "Halaman &P dari &N"
    assert book["Ringkasan"].page_setup.fitToHeight == 1  # the summary is one page
    assert book["Indikator"].page_setup.orientation == "landscape"
    assert book["Indikator"].print_title_rows == "$1:$1"


def test_xlsx_rating_colours_are_conditional_on_the_rating(tmp_path: Path) -> None:
    book = xlsx_of(single_report(siantar(), "id"), tmp_path)
    rules = {
        str(rng.sqref): [r.formula[0] for r in rng.rules]
        for rng in book["Aspek"].conditional_formatting
    }
    # Aspect 7 is Cukup, the rest Kurang: one rule per rating present, on the rating column.
    assert rules == {"F2:F9": ['$F2="Kurang"', '$F2="Cukup"']}
    fills = [
        r.dxf.fill.fgColor.rgb for rng in book["Aspek"].conditional_formatting for r in rng.rules
    ]
    assert len(set(fills)) == 2


def _series_refs(chart: object) -> list[tuple[str, str]]:
    refs = []
    for part in getattr(chart, "_charts", [chart]):
        for series in part.series:
            category = series.cat.strRef or series.cat.numRef
            refs.append((series.val.numRef.f, category.f))
    return refs


def test_xlsx_charts_reference_the_right_ranges(tmp_path: Path) -> None:
    book = xlsx_of(single_report(siantar(), "id"), tmp_path)
    (bar,) = book["Domain"]._charts
    assert _series_refs(bar) == [
        ("'Domain'!$D$2:$D$5", "'Domain'!$B$2:$B$5"),  # domain indices
        ("'Domain'!$F$2:$F$5", "'Domain'!$B$2:$B$5"),  # the target line
    ]
    assert [type(c).__name__ for c in bar._charts] == ["BarChart", "LineChart"]
    (radar,) = book["Aspek"]._charts
    assert type(radar).__name__ == "RadarChart"
    assert _series_refs(radar) == [
        ("'Aspek'!$E$2:$E$9", "'Aspek'!$C$2:$C$9"),
        ("'Aspek'!$G$2:$G$9", "'Aspek'!$C$2:$C$9"),
    ]
    assert radar.y_axis.scaling.max == 5
    assert bar.series[0].dLbls.showVal and radar.series[0].dLbls.showVal  # values labelled
    assert not book["Ringkasan"]._charts  # the first page holds the four answers only
    assert book["Domain"]["F2"].value == pytest.approx(2.6)


def test_xlsx_agency_name_formula_is_inert(tmp_path: Path) -> None:
    book = xlsx_of(single_report(siantar(agency=EVIL), "id"), tmp_path)
    assert book["Ringkasan"]["A2"].data_type == "s"
    assert str(book["Ringkasan"]["A2"].value).startswith("'=")


# -- HTML --------------------------------------------------------------------------------


class Page(HTMLParser):
    """Collects tags with attributes, text, and table rows of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def all(self, tag: str, css: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and (css is None or a.get("class") == css)]


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def test_html_bar_heights_are_proportional_to_domain_indices() -> None:
    result = siantar()
    page = parse(render_html(single_report(result, "id")))
    svg = page.all("svg", "bar-chart")[0]
    high, plot, base = (
        int(svg["data-high"]),
        float(svg["data-plot-height"]),
        float(svg["data-base"]),
    )
    bars = page.all("rect", "bar")
    assert [b["data-value"] for b in bars] == [fixed(d.published, 2, "id") for d in result.domains]
    for bar, domain in zip(bars, result.domains, strict=True):
        assert float(bar["height"]) == pytest.approx(
            float(domain.published) / high * plot, abs=0.01
        )
        assert float(bar["y"]) + float(bar["height"]) == pytest.approx(base, abs=0.01)
    (target,) = page.all("polyline", "target")
    ys = [float(p.split(",")[1]) for p in target["points"].split()]
    assert ys == pytest.approx([base - 2.6 / high * plot] * 8, abs=0.01)


def test_html_radar_points_follow_aspect_indices() -> None:
    result = siantar()
    page = parse(render_html(single_report(result, "id")))
    svg = page.all("svg", "radar-chart")[0]
    radius, high = float(svg["data-radius"]), int(svg["data-high"])
    _, _, width, height = (float(v) for v in svg["viewbox"].split())
    points = page.all("circle", "point")
    assert len(points) == len(result.aspects) == 8
    for point, aspect in zip(points, result.aspects, strict=True):
        distance = math.hypot(float(point["cx"]) - width / 2, float(point["cy"]) - height / 2)
        assert distance == pytest.approx(float(aspect.published) / high * radius, abs=0.02)


def test_html_is_self_contained_responsive_and_printable() -> None:
    text = render_html(single_report(siantar(agency=EVIL), "id"))
    page = parse(text)
    for _, attrs in page.tags:
        for name in ("src", "href"):
            assert not attrs.get(name, "").lower().startswith(("http:", "https:", "//"))
    assert not page.all("script") and not page.all("link") and not page.all("img")
    assert "url(" not in text and "@import" not in text
    assert any(a.get("name") == "viewport" for a in page.all("meta"))
    assert "@media print" in text and "size:A4" in text
    assert "@media (max-width:600px)" in text


def test_html_escapes_input_text() -> None:
    result = siantar(agency="<script>alert(1)</script>", opd={"42": 'Dinas "A" & <b>B</b>'})
    text = render_html(single_report(result, "id"))
    page = parse(text)
    assert not page.all("script") and not page.all("b")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert any('Dinas "A" & <b>B</b>' in row for row in page.rows for row in row)


def test_html_neutralises_formula_text() -> None:
    page = parse(render_html(single_report(siantar(agency=EVIL), "id")))
    assert any(text.startswith("'" + EVIL) for text in page.text)
    assert not page.all("a")


def test_html_has_the_same_tables_as_the_workbook(tmp_path: Path) -> None:
    content = single_report(siantar(), "id")
    page = parse(render_html(content))
    book = xlsx_of(content, tmp_path)
    for table in content.tables:
        sheet_header = [c.value for c in book[table.sheet][1]]
        assert list(table.header) == sheet_header
        assert list(table.header) in page.rows


# -- Markdown ----------------------------------------------------------------------------


def test_markdown_tables() -> None:
    result = siantar()
    text = render_markdown(single_report(result, "en"))
    assert text.startswith("# SPBE index report\n")
    assert "| No | Domain | Weight | Index | Rating | Target | Share of gap |" in text
    assert "| 4 | SPBE services | 45.50 | 1.74 | Poor | 2.60 | 0.39 |" in text
    assert "| SPBE index | 1.53 |" in text
    assert "| Kebijakan Internal SPBE | 13,00 |" in render_markdown(single_report(result, "id"))
    detail = [line for line in text.split("## Domains")[1].splitlines() if line.startswith("| ")]
    assert len(detail) == 1 + 4 + 1 + 8 + 1 + 47 + 1 + 5


def test_markdown_input_text_is_inert() -> None:
    result = siantar(agency=EVIL, opd={"42": "<img src=x> | [a](http://x)"})
    text = render_markdown(single_report(result, "id"))
    assert "\n'=HYPERLINK" in text
    assert "&lt;img src=x&gt; \\| \\[a\\](http://x)" in text
    assert "<img" not in text


# -- many agencies, trend, plan ----------------------------------------------------------


def test_ranking_report_orders_and_counts(tmp_path: Path) -> None:
    results = [agency("B", 2), agency("A", 4), agency(EVIL, 3), agency("D", 1)]
    content = ranking_report(results, "id")
    ranking = content.table("ranking")
    assert [row[1] for row in ranking.rows] == ["A", "'" + EVIL, "B", "D"]
    assert [row[0] for row in ranking.rows] == [1, 2, 3, 4]
    summary = content.table("summary").rows[0]
    assert summary[:2] == (2023, 4) and summary[5] == "2 dari 4 (50,0%)"
    assert content.front == (content.table("summary"), content.table("distribution_front"))
    counts = {
        row[1].label: row[2]
        for row in content.table("distribution").rows
        if isinstance(row[1], BandValue)
    }
    assert counts == {"Memuaskan": 0, "Sangat Baik": 1, "Baik": 1, "Cukup": 1, "Kurang": 1}
    book = xlsx_of(content, tmp_path)
    assert book.sheetnames == ["Ringkasan", "Grafik", "Peringkat", "Sebaran", "Kode", "Predikat"]
    sheet = book["Peringkat"]
    assert sheet["B3"].data_type == "s" and sheet["B3"].value == "'" + EVIL
    assert sheet.freeze_panes == "D2"
    assert not sheet._charts  # the chart has a sheet of its own, not under the ranking
    (chart,) = book["Grafik"]._charts
    assert _series_refs(chart)[0] == ("'Grafik'!$C$19:$C$22", "'Grafik'!$B$19:$B$22")
    markdown = render_markdown(content)
    assert "| 1 | A | 2023 |" in markdown


def test_ranking_is_per_year_latest_first() -> None:
    results = [agency("A", 2, 2022), agency("B", 3, 2022), agency("A", 4, 2023)]
    rows = ranking_report(results, "en").table("ranking").rows
    assert [(r[2], r[0], r[1]) for r in rows] == [(2023, 1, "A"), (2022, 1, "B"), (2022, 2, "A")]


def test_trend_report_for_one_agency_over_years() -> None:
    results = [agency("Kota X", 3, 2024), agency("Kota X", 2, 2022)]
    content = ranking_report(results, "id")
    table = content.table("trend")
    assert [row[0] for row in table.rows] == [2022, 2023, 2024]  # 2023 marked missing
    assert table.rows[1][1] is None and table.rows[1][5] == "tidak ada data"
    change = table.rows[2][3]
    assert isinstance(change, Delta)
    assert change.value == results[0].published - results[1].published
    page = parse(render_html(content))
    assert [b["data-label"] for b in page.all("rect", "bar")] == ["2022", "2024"]


def test_ranking_csv_is_neutralised() -> None:
    results = [agency(EVIL, 2), agency("+SUM(1)", 3)]
    view = score_view(results)
    text = formats.csv_text(score_data.ranking_header(view), score_data.ranking_rows(view, "id"))
    lines = text.splitlines()
    assert lines[1].split(",")[1] == "'+SUM(1)"
    assert "'=HYPERLINK" in lines[2]


def test_top_raises_follow_the_planner() -> None:
    result = siantar()
    plan = make_plan(result, result.target, max_step=None)
    # Unit effort: the least effort is the fewest level steps.
    assert sum(s.to_level - s.from_level for s in plan.steps) == result.min_steps_to_target
    assert plan.target_reached and FW.publish(plan.after.index) >= Decimal("2.60")
    raises = top_raises(plan)
    assert 3 <= len(raises) <= 5
    gains = [r.gain for r in raises]
    assert gains == sorted(gains, reverse=True)
    assert gains[0] == max(s.gain for s in plan.steps)
    assert raises[0].gain == Fraction(3, 100) * (raises[0].to_level - raises[0].from_level)


def test_plan_table_in_every_format(tmp_path: Path) -> None:
    result = siantar()
    the_plan = make_plan(result, result.target, max_step=1, rounds=None)
    content = single_report(result, "id", plan=the_plan)
    steps = len(the_plan.steps)
    book = xlsx_of(content, tmp_path)
    assert book.sheetnames[-3:] == ["Rencana", "Rencana per OPD", "Predikat"]
    plan = book["Rencana"]
    last = steps + 1
    assert plan.max_row == last and plan.freeze_panes == "D2"
    assert plan[f"J{last}"].value >= 2.6 and plan[f"K{last}"].value == "Baik"
    assert [plan.cell(r, 2).value for r in (2, last)] == [2022, 2023]  # rounds by year
    assert "## Rencana" in render_markdown(content)
    # the summary, domains, aspects, indicators, plan, plan per OPD, ratings
    assert len(parse(render_html(content)).all("section")) == 7


# -- atomic writes -----------------------------------------------------------------------


def test_atomic_write_refuses_existing_and_force_replaces(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    atomic_write_bytes(path, b"one")
    with pytest.raises(OutputExistsError):
        atomic_write_bytes(path, b"two")
    assert path.read_bytes() == b"one"
    atomic_write_bytes(path, b"three", force=True)
    assert path.read_bytes() == b"three"
    assert os.listdir(tmp_path) == ["out.md"]


def test_atomic_write_leaves_nothing_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(path, force=True) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("interrupted")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.xlsx"]


def test_writers_refuse_to_overwrite(tmp_path: Path) -> None:
    content = single_report(siantar(), "id")
    for write, name in (
        (write_report_html, "r.html"),
        (write_report_md, "r.md"),
        (write_report_xlsx, "r.xlsx"),
    ):
        path = tmp_path / name
        path.write_text("keep")
        with pytest.raises(OutputExistsError):
            write(content, path)
        assert path.read_text() == "keep"
        write(content, path, force=True)
        assert path.read_bytes() != b"keep"


# -- the command -------------------------------------------------------------------------


def write_long(path: Path, name: str = "Kota Pematangsiantar") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Penilaian"
    sheet.append(["Penilaian Mandiri SPBE"])
    sheet.append(["Instansi", name])
    sheet.append(["Tahun", 2021])
    sheet.append([])
    sheet["B2"].data_type = "s"  # a name like "=HYPERLINK(...)" stays text in the input too
    sheet.append(["No", "Nilai", "OPD"])
    for indicator_id, level in siantar_levels().items():
        sheet.append([int(indicator_id), level, "Diskominfo" if indicator_id == "42" else ""])
    book.save(path)
    return path


def write_wide(path: Path, rows: list[tuple[str, int, int]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rekap"
    ids = [i.id for i in FW.indicators]
    sheet.append(["Instansi", "Tahun", *[int(i) for i in ids]])
    for name, year, level in rows:
        sheet.append([name, year, *[level for _ in ids]])
    book.save(path)
    return path


def test_command_writes_each_format(tmp_path: Path) -> None:
    source = write_long(tmp_path / "isian.xlsx")
    for name in ("laporan.xlsx", "laporan.html", "laporan.md"):
        result = runner.invoke(app, ["report", str(source), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "laporan.xlsx")
    assert front_cells(book["Ringkasan"])["Indeks SPBE"].value == pytest.approx(1.53)
    assert "1,53" in (tmp_path / "laporan.html").read_text()
    assert "| Indeks SPBE | 1,53 |" in (tmp_path / "laporan.md").read_text()


def test_command_format_option_and_language(tmp_path: Path) -> None:
    source = write_long(tmp_path / "isian.xlsx")
    out = tmp_path / "laporan.txt"
    result = runner.invoke(
        app, ["report", str(source), "-o", str(out), "--format", "md", "--lang", "en", "--plan"]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "# SPBE index report" in text and "## Plan" in text


def test_command_refuses_existing_output_without_force(tmp_path: Path) -> None:
    source = write_long(tmp_path / "isian.xlsx")
    out = tmp_path / "laporan.html"
    out.write_text("keep")
    result = runner.invoke(app, ["report", str(source), "-o", str(out)])
    assert result.exit_code == 2 and out.read_text() == "keep"
    assert "--force" in result.output
    result = runner.invoke(app, ["report", str(source), "-o", str(out), "--force"])
    assert result.exit_code == 0 and "<svg" in out.read_text()


def test_command_bad_input_and_unknown_suffix(tmp_path: Path) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_text("not a workbook")
    result = runner.invoke(app, ["report", str(bad), "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 2 and not (tmp_path / "r.md").exists()
    source = write_long(tmp_path / "isian.xlsx")
    result = runner.invoke(app, ["report", str(source), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and not (tmp_path / "r.pdf").exists()
    result = runner.invoke(app, ["report", str(source), "-o", str(tmp_path / "no" / "r.md")])
    assert result.exit_code == 2 and not (tmp_path / "no").exists()


def test_command_injection_is_inert_everywhere(tmp_path: Path) -> None:
    source = write_long(tmp_path / "isian.xlsx", name=EVIL)
    for name in ("r.xlsx", "r.html", "r.md"):
        assert (
            runner.invoke(app, ["report", str(source), "-o", str(tmp_path / name)]).exit_code == 0
        )
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")["Ringkasan"]["A2"]
    assert cell.data_type == "s" and str(cell.value).startswith("'" + EVIL)
    assert (
        "&#x27;=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in (tmp_path / "r.html").read_text()
    )
    assert "'=HYPERLINK" in (tmp_path / "r.md").read_text()
    csv_out = runner.invoke(app, ["score", str(source), str(source), "--format", "csv"])
    assert csv_out.exit_code == 0
    rows = list(csv.reader(io.StringIO(csv_out.stdout)))
    assert [row[1] for row in rows[1:]] == ["'" + EVIL] * 2


def test_command_many_agencies_give_a_ranking(tmp_path: Path) -> None:
    source = write_wide(
        tmp_path / "rekap.xlsx", [("Kota A", 2023, 2), ("Kota B", 2023, 4), ("Kota C", 2023, 3)]
    )
    out = tmp_path / "peringkat.xlsx"
    result = runner.invoke(app, ["report", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Peringkat"]
    assert [sheet.cell(r, 2).value for r in range(2, 5)] == ["Kota B", "Kota C", "Kota A"]
    result = runner.invoke(app, ["report", str(source), "-o", str(tmp_path / "p.md"), "--plan"])
    assert result.exit_code == 2
