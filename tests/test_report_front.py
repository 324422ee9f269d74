"""``spbe report``'s first page: the four answers for leaders, in HTML and Excel, on the
shipped examples; Pemdi (aspects only, provisional, external indicators); the trend; the
options shared with ``spbe plan``; the signature block and the logo."""

from __future__ import annotations

import csv
import io
import struct
import zipfile
import zlib
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.loading import score_files
from spbe_cli.planner import plan as make_plan
from spbe_cli.views.report import Extras, single_report, top_raises
from spbe_cli.writers.report_html import render_html
from spbe_cli.writers.report_logo import LogoError, logo_of

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SIANTAR = EXAMPLES / "pematangsiantar-2021.xlsx"
PEMDI = EXAMPLES / "pemdi-aceh-tengah-2026.xlsx"
TREND = [EXAMPLES / f"pematangsiantar-{year}.xlsx" for year in (2021, 2022, 2024)]
TODAY = date.today()
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


class Section(HTMLParser):
    """The text, table rows and tags inside the element with ``id`` (and its children)."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted = wanted
        self.depth = 0
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.found = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self.depth == 0 and values.get("id") == self.wanted:
            self.depth, self.found = 1, True
            return
        if self.depth:
            self.tags.append((tag, values))
            if tag not in ("br", "img", "meta", "hr", "input"):
                self.depth += 1
            if tag == "tr":
                self.rows.append([])
            if tag in ("td", "th"):
                self._cell = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            if self._cell is not None:
                self._cell.append(data)

    @property
    def joined(self) -> str:
        return " ".join(" ".join(self.text).split())


def section(html: str, wanted: str) -> Section:
    parsed = Section(wanted)
    parsed.feed(html)
    assert parsed.found, wanted
    return parsed


def pairs(part: Section) -> dict[str, str]:
    return {row[0]: row[1] for row in part.rows if len(row) == 2}


def report(tmp_path: Path, name: str, *args: str, files: list[Path] | None = None) -> Path:
    out = tmp_path / name
    result = runner.invoke(app, ["report", *map(str, files or [SIANTAR]), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def siantar_plan():  # type: ignore[no-untyped-def]
    """The plan ``spbe plan`` makes for the example with its defaults."""
    (scored,) = score_files([SIANTAR])
    result = scored.result
    return result, make_plan(result, result.target, max_step=1, rounds=None)


def sheet_texts(sheet: object) -> list[tuple[object, ...]]:
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]  # type: ignore[attr-defined]


def today_id() -> str:
    return f"{TODAY.day} {MONTHS[TODAY.month - 1]} {TODAY.year}"


# -- the four answers ------------------------------------------------------------------------


def test_html_first_page_answers_the_four_questions(tmp_path: Path) -> None:
    out = report(tmp_path, "laporan.html", "--prepared-by", "Budi Santoso")
    front = section(out.read_text(), "ringkasan")
    where = pairs(section(out.read_text(), "position"))
    assert where["Indeks SPBE"] == "1,53"
    assert where["Predikat"] == "Kurang"
    assert where["Rentang predikat ini"] == "1,00 sampai di bawah 1,80"
    assert where["Predikat berikutnya"] == "Cukup"
    assert where["Jarak ke predikat berikutnya"] == "0,27"
    goal = pairs(section(out.read_text(), "goal"))
    assert goal["Target"] == "2,60" and goal["Predikat target"] == "Baik"
    assert goal["Selisih ke target"] == "1,07"
    assert goal["Hasil rencana"] == "target tercapai pada 2023 (2 putaran)"
    _, plan = siantar_plan()
    expected = top_raises(plan)
    raises = section(out.read_text(), "raises").rows
    assert raises[0] == ["Indikator", "OPD", "Level", "+Indeks"]
    assert 3 <= len(raises) - 1 <= 5
    for row, one in zip(raises[1:], expected, strict=True):
        assert row[0].startswith(f"{one.item.id} ") and row[1] == one.item.opd
    assert raises[1][2] == "2 → 4" and raises[1][3] == "0,0600"
    work = section(out.read_text(), "work").rows
    assert work[0][0] == "OPD"
    shares = plan.by_opd()
    assert [row[0] for row in work[1:4]] == [s.opd for s in shares[:3]]
    assert work[1][3] == "19,5"
    assert "Disusun oleh," in front.joined and "Mengetahui," in front.joined
    assert "Budi Santoso" in front.joined and "(....." in front.joined  # a blank to sign on
    assert today_id() in front.joined
    assert "PermenPANRB 59/2020" in front.joined  # the framework stated


def test_excel_first_sheet_holds_the_four_answers(tmp_path: Path) -> None:
    out = report(tmp_path, "laporan.xlsx", "--approved-by", "Wali Kota")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Ringkasan"
    sheet = book["Ringkasan"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    assert cells["Indeks SPBE"].value == pytest.approx(1.53)
    assert cells["Indeks SPBE"].number_format == "0.00"
    assert cells["Predikat"].value == "Kurang"
    assert cells["Predikat berikutnya"].value == "Cukup"
    assert cells["Target"].value == pytest.approx(2.6)
    assert cells["Selisih ke target"].value == pytest.approx(1.07)
    _, plan = siantar_plan()
    rows = sheet_texts(sheet)
    for one in top_raises(plan):
        assert any(str(r[0]).startswith(f"{one.item.id} ") and r[1] == one.item.opd for r in rows)
    first_opd = plan.by_opd()[0]
    opd_row = next(r for r in rows if r[0] == first_opd.opd and isinstance(r[1], int))
    assert opd_row[2] == first_opd.level_steps
    texts = " ".join(str(v) for r in rows for v in r if v is not None)
    assert "Ringkasan Eksekutif" in texts and f"Dibuat {today_id()}" in texts
    assert "Disusun oleh," in texts and "Mengetahui," in texts and "Wali Kota" in texts
    assert "Kenaikan yang paling berpengaruh" in texts and "Pembagian kerja per OPD" in texts
    # one page, one font, page numbers, numbers apart from text
    assert sheet.page_setup.fitToHeight == 1 and sheet.page_setup.fitToWidth == 1
    assert sheet.oddFooter.center.text == "Halaman &P dari &N"
    for sheet_ in book:
        for row in sheet_.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == "Calibri", (sheet_.title, cell.coordinate)
    gain = next(r for r in sheet.iter_rows() if str(r[0].value).startswith("42 "))[3]
    assert gain.alignment.horizontal == "right" and gain.alignment.indent >= 1


def test_excel_rows_fit_wrapped_names(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(report(tmp_path, "laporan.xlsx"))
    sheet = book["Indikator"]
    width = sheet.column_dimensions["B"].width
    long_names = 0
    for row in range(2, sheet.max_row + 1):
        name = str(sheet.cell(row, 2).value)
        if len(name) > 1.3 * width:  # surely two lines or more
            long_names += 1
            assert sheet.row_dimensions[row].height >= 2 * 13, (row, name)
        assert sheet.row_dimensions[row].height >= 13
    assert long_names > 5
    assert sheet.cell(2, 2).alignment.wrap_text


def test_report_carries_the_same_plan_as_spbe_plan(tmp_path: Path) -> None:
    options = ["--until", "2023", "--lock", "42"]
    out = report(tmp_path, "laporan.xlsx", *options, "--by", "opd")
    done = runner.invoke(app, ["plan", str(SIANTAR), "--format", "csv", *options])
    assert done.exit_code == 0, done.output
    planned = list(csv.DictReader(io.StringIO(done.stdout)))
    sheet = openpyxl.load_workbook(out)["Rencana"]
    reported = [
        (str(sheet.cell(r, 3).value), sheet.cell(r, 7).value) for r in range(2, sheet.max_row + 1)
    ]
    assert sorted(reported) == sorted((p["indicator"], int(p["to"])) for p in planned)
    assert "42" not in {ident for ident, _ in reported}
    # --by opd: the plan's rows come grouped per OPD
    opds = [sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)]
    assert opds == sorted(opds, key=opds.index)


def test_plan_is_left_out_once_the_target_is_reached(tmp_path: Path) -> None:
    out = report(tmp_path, "laporan.html", "--target", "kurang")
    html = out.read_text()
    assert 'id="plan"' not in html
    assert pairs(section(html, "goal"))["Target tercapai"] == "Ya"
    raises = section(html, "raises")
    assert "menuju predikat berikutnya" in raises.joined and len(raises.rows) > 1


def test_plan_flag_is_accepted_and_plan_options_need_one_agency(tmp_path: Path) -> None:
    assert 'id="plan"' in report(tmp_path, "a.html", "--plan").read_text()
    many = EXAMPLES / "agencies-2021.xlsx"
    result = runner.invoke(
        app, ["report", str(many), "-o", str(tmp_path / "r.md"), "--until", "2023"]
    )
    assert result.exit_code == 2 and "--until" in result.output
    assert not (tmp_path / "r.md").exists()


def test_english_report(tmp_path: Path) -> None:
    html = report(tmp_path, "report.html", "--lang", "en").read_text()
    front = section(html, "ringkasan")
    assert "Executive summary" in front.joined and "Prepared by," in front.joined
    assert pairs(section(html, "position"))["SPBE index"] == "1.53"
    md = report(tmp_path, "report.md", "--lang", "en").read_text()
    assert "| SPBE index | 1.53 |" in md and "## Executive summary" in md


def test_html_is_printable_and_readable_on_a_phone(tmp_path: Path) -> None:
    html = report(tmp_path, "laporan.html").read_text()
    assert "@bottom-center" in html and "counter(page)" in html and "counter(pages)" in html
    assert "size:A4" in html and "#ringkasan{break-after:page}" in html
    assert "…" not in html  # no label cut short
    assert "<thead>" in html  # header rows repeat on every printed page
    radar = section(html, "aspects")
    scale = [a for t, a in radar.tags if t == "text" and a.get("class") == "scale"]
    assert len(scale) == 6  # the radar's scale, 0 to 5


def test_markdown_first_page(tmp_path: Path) -> None:
    md = report(tmp_path, "laporan.md").read_text()
    front = md.split("## Ringkasan Eksekutif")[1].split("\n## ")[0]
    assert "| Indeks SPBE | 1,53 |" in front and "| Selisih ke target | 1,07 |" in front
    assert "### Kenaikan yang paling berpengaruh" in front and "| Diskominfo |" in front
    assert "| Disusun oleh, | Mengetahui, |" in front


# -- Pemdi -----------------------------------------------------------------------------------


def test_pemdi_report_aspects_official_and_external(tmp_path: Path) -> None:
    out = report(tmp_path, "pemdi.xlsx", files=[PEMDI])
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Ringkasan",
        "Aspek",
        "Indikator",
        "Rencana",
        "Rencana per OPD",
        "Predikat",
    ]
    texts = " ".join(str(v) for r in sheet_texts(book["Ringkasan"]) for v in r if v)
    assert "Kerangka sementara" not in texts and "Berita Negara" not in texts
    assert "praktik tim asesor" in texts  # where the default 1 comes from
    assert "nilai bawaan" in texts and "5 Tata Kelola Data = 1" in texts
    assert "Nilai Satu Data Indonesia (SDI)" in texts  # the regulation's name
    assert "jalur Akhir (1,24)" in texts and "Mandiri memberi 1,42" in texts
    cells = {row[0].value: row[1] for row in book["Ringkasan"].iter_rows() if row[0].value}
    assert cells["Indeks Pemdi"].value == pytest.approx(1.24)
    assert cells["Predikat"].value == "Kurang (Merintis)"
    html = report(tmp_path, "pemdi.html", files=[PEMDI]).read_text()
    assert 'id="domains"' not in html and 'id="aspects"' in html
    notes = section(html, "ringkasan").joined
    assert "Kerangka sementara" not in notes and "7 Pembangunan Statistik = 1" in notes
    assert "18 Interoperabilitas Data = 1" not in notes  # 18 has criteria, not an index
    assert html.count('class="bar-chart') == 1 and 'class="radar-chart"' not in html


# -- trend -----------------------------------------------------------------------------------


def test_trend_report_shows_rose_fell_and_signed_changes(tmp_path: Path) -> None:
    html = report(tmp_path, "tren.html", files=TREND).read_text()
    years = section(html, "trend").rows
    assert years[0][:4] == ["Tahun", "Indeks", "Predikat", "Perubahan"]
    by_year = {row[0]: row for row in years[1:]}
    assert by_year["2022"][3] == "+0,82" and by_year["2024"][3] == "+0,68"
    assert by_year["2023"][1] == "" and by_year["2023"][5] == "tidak ada data"
    steps = section(html, "moves_summary").rows
    assert steps[1][:3] == ["2021 → 2022", "+0,82", "Kurang → Cukup"]
    assert int(steps[1][3]) > 0
    moves = section(html, "moves").rows
    assert {row[1] for row in moves[1:]} <= {"naik", "turun"}
    assert any(row[1] == "naik" and row[6].startswith("+") for row in moves[1:])
    groups = section(html, "trend_nodes").rows
    assert groups[0][:5] == ["Kode", "Nama", "2021", "Δ", "2022"]
    assert groups[2][:5] == ["D1", "Kebijakan Internal SPBE", "1,50", "+1,50", "3,00"]
    book = openpyxl.load_workbook(report(tmp_path, "tren.xlsx", files=TREND))
    sheet = book["Ringkasan"]
    change = next(r[3] for r in sheet.iter_rows() if r[0].value == 2022)
    assert change.value == pytest.approx(0.82) and change.number_format == "+0.00;-0.00;0.00"
    md = report(tmp_path, "tren.md", files=TREND).read_text()
    assert "| 2022 | 2,35 | Cukup | +0,82 |" in md


# -- logo ------------------------------------------------------------------------------------


def png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_logo_is_embedded(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    html = report(tmp_path, "l.html", "--logo", str(logo)).read_text()
    assert '<img class="logo" src="data:image/png;base64,' in html
    assert 'width="4" height="2"' in html
    out = report(tmp_path, "l.xlsx", "--logo", str(logo))
    with zipfile.ZipFile(out) as archive:
        media = [n for n in archive.namelist() if n.startswith("xl/media/")]
        assert len(media) == 1 and archive.read(media[0]) == png()


def test_logo_must_be_a_small_png_or_jpeg(tmp_path: Path) -> None:
    text = tmp_path / "logo.png"
    text.write_text("not an image")
    result = runner.invoke(
        app, ["report", str(SIANTAR), "-o", str(tmp_path / "a.html"), "--logo", str(text)]
    )
    assert result.exit_code == 2 and "PNG" in result.output
    assert not (tmp_path / "a.html").exists()
    big = tmp_path / "big.png"
    big.write_bytes(png() + b"\x00" * (2 * 1024 * 1024))
    result = runner.invoke(
        app, ["report", str(SIANTAR), "-o", str(tmp_path / "a.html"), "--logo", str(big)]
    )
    assert result.exit_code == 2 and "2 MiB" in result.output
    jpeg = b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08\x00\x20\x00\x40\x03" + b"\x00" * 9
    assert (logo_of(jpeg).width, logo_of(jpeg).height, logo_of(jpeg).format) == (64, 32, "jpeg")
    with pytest.raises(LogoError):
        logo_of(b"GIF89a....")


def test_signature_names_and_date_in_the_model() -> None:
    (scored,) = score_files([SIANTAR])
    content = single_report(
        scored.result,
        "id",
        extras=Extras(made=date(2025, 5, 12), prepared_by="=Budi", approved_by=None),
    )
    assert content.made == "Dibuat 12 Mei 2025"
    assert content.signature is not None
    (left, left_name), (right, right_name) = content.signature.columns()
    assert (left, right) == ("Disusun oleh,", "Mengetahui,")
    assert left_name == "'=Budi" and right_name.startswith("(....")
    html = render_html(content)
    assert "12 Mei 2025" in section(html, "ringkasan").joined


def test_many_bars_go_sideways_with_full_names(tmp_path: Path) -> None:
    html = report(tmp_path, "rank.html", files=[EXAMPLES / "agencies-2021.xlsx"]).read_text()
    ranking = section(html, "ranking")
    page = section(html, "chart_all")  # the chart's own page, before the ranking table
    assert html.index('id="chart_all"') < html.index('id="ranking"')
    assert not any(t == "svg" for t, a in ranking.tags)
    svg = next(a for t, a in page.tags if t == "svg")
    assert "horizontal" in svg["class"]
    bars = [a for t, a in page.tags if t == "rect" and a.get("class") == "bar"]
    names = [row[1] for row in ranking.rows[1:]]
    assert [b["data-label"] for b in bars] == names
    assert "Kota Pematangsiantar" in ranking.joined  # the whole name, not cut short
    assert "Kolom D1 sampai A8" in ranking.joined  # the codes explained
    assert 'id="codes"' in html


def test_report_date_option(tmp_path: Path) -> None:
    example = Path(__file__).parents[1] / "examples" / "pematangsiantar-2021.xlsx"
    out = tmp_path / "laporan.md"
    done = CliRunner().invoke(app, ["report", str(example), "-o", str(out), "--date", "17-08-2026"])
    assert done.exit_code == 0, done.output
    assert "17 Agustus 2026" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(
        app, ["report", str(example), "-o", str(tmp_path / "x.md"), "--date", "2026-13-40"]
    )
    assert bad.exit_code == 2 and "bukan tanggal" in bad.stderr
    assert not (tmp_path / "x.md").exists()
