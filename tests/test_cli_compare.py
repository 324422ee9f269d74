"""``spbe compare`` and ``spbe rank`` end to end on real workbooks (openpyxl, CliRunner)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.framework import Framework, framework_from_data, load_framework
from spbe_cli.problems import InputError
from test_compare import framework_2018_data

runner = CliRunner()
FW = load_framework("permenpanrb-59-2020")
FW18 = framework_from_data(framework_2018_data())


def levels_of(fw: Framework, level: int, **overrides: int) -> dict[str, int]:
    levels = {i.id: level for i in fw.indicators}
    levels.update({k.removeprefix("i").replace("_", "-"): v for k, v in overrides.items()})
    return levels


def write_long(
    path: Path,
    levels: dict[str, int],
    *,
    year: int | None,
    agency: str = "Kota Pematangsiantar",
    kerangka: str | None = None,
    opd: dict[str, str] | None = None,
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Penilaian"
    sheet.append(["Penilaian Mandiri SPBE"])
    sheet.append(["Instansi", agency])
    if year is not None:
        sheet.append(["Tahun", year])
    if kerangka is not None:
        sheet.append(["Kerangka", kerangka])
    sheet.append([])
    sheet.append(["No", "Nilai", "OPD"])
    for indicator_id, level in levels.items():
        number = int(indicator_id) if indicator_id.isdigit() else indicator_id
        sheet.append([number, level, (opd or {}).get(indicator_id, "")])
    book.save(path)
    return path


def write_wide(
    path: Path,
    rows: list[tuple[str, int, dict[str, int]]],
    sheets: dict[str, list[tuple[str, int, dict[str, int]]]] | None = None,
) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, sheet_rows in (sheets or {"Rekap": rows}).items():
        sheet = book.create_sheet(title)
        ids = [i.id for i in FW.indicators]
        sheet.append(["Instansi", "Tahun", *[int(i) for i in ids]])
        for agency, year, levels in sheet_rows:
            sheet.append([agency, year, *[levels[i] for i in ids]])
    book.save(path)
    return path


@pytest.fixture
def siantar(tmp_path: Path) -> list[Path]:
    """Three years of one agency: all 2s, then 42 up and 11 down, then all 3s."""
    opd = {"42": "Diskominfo", "11": "Bappeda"}
    return [
        write_long(tmp_path / "siantar-2021.xlsx", levels_of(FW, 2), year=2021, opd=opd),
        write_long(
            tmp_path / "siantar-2022.xlsx", levels_of(FW, 2, i42=4, i11=1), year=2022, opd=opd
        ),
        write_long(tmp_path / "siantar-2024.xlsx", levels_of(FW, 3), year=2024, opd=opd),
    ]


@pytest.fixture
def fw2018_file(tmp_path: Path) -> Path:
    path = tmp_path / "kerangka-2018.yaml"
    path.write_text(yaml.safe_dump(framework_2018_data(), allow_unicode=True), encoding="utf-8")
    return path


def test_three_years_table(siantar: list[Path]) -> None:
    result = runner.invoke(app, ["compare", *map(str, siantar), "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2021 → 2022 → 2024" in out
    assert "2.00" in out and "3.00" in out and "+1.00" in out
    assert "Fair" in out and "Good" in out and "↑" in out
    assert "Indicators that rose 2021→2022" in out and "Diskominfo" in out
    assert "Indicators that fell 2021→2022" in out and "Bappeda" in out
    assert "SPBE index trend" in out and "█" in out


BOXES = set("┃│━─┏┓┗┛┡┩╇╈┳┻")


def test_three_years_to_a_pipe_are_plain_aligned_text(siantar: list[Path]) -> None:
    out = runner.invoke(app, ["compare", *map(str, siantar), "--lang", "en"]).stdout
    assert not BOXES & set(out)  # no rich table in a pipe or a file
    lines = out.splitlines()
    assert lines[0] == "Kota Pematangsiantar · 2021 → 2022 → 2024"
    index = next(line for line in lines if "SPBE index" in line and "trend" not in line)
    assert index.split()[-5:] == ["2.00", "+0.04", "2.04", "+0.96", "3.00"]
    rating = next(line for line in lines if line.lstrip().startswith("Rating"))
    assert rating.split()[1:] == ["Fair", "=", "Fair", "↑", "Good"]
    assert index.index("2.00") + len("2.00") == rating.index("Fair") + len("Fair")  # aligned
    rose = lines.index("Indicators that rose 2021→2022")
    assert lines[rose + 1].split() == ["No", "Name", "Level", "OPD"]
    assert lines[rose + 2].split()[0] == "42" and "2 → 4  Diskominfo" in lines[rose + 2]
    assert any(line.startswith("Frameworks: 2021: permenpanrb-59-2020") for line in lines)


def test_many_agencies_to_a_pipe_are_a_plain_summary(tmp_path: Path) -> None:
    first = write_wide(
        tmp_path / "rekap-2021.xlsx",
        [("Kota A", 2021, levels_of(FW, 2)), ("Kab B", 2021, levels_of(FW, 3))],
    )
    second = write_wide(tmp_path / "rekap-2022.xlsx", [("Kota A", 2022, levels_of(FW, 3))])
    out = runner.invoke(app, ["compare", str(first), str(second), "--lang", "en"]).stdout
    assert not BOXES & set(out)
    header, *rows = out.splitlines()
    assert header.split() == ["Agency", "2021", "2022", "Last", "Δ", "Rating", "changes"]
    assert rows[0].split() == ["Kota", "A", "2.00", "3.00", "+1.00", "Fair", "→", "Good", "▃▅"]
    assert rows[1].split() == ["Kab", "B", "3.00", "—", "Good", "▅"]


def test_a_terminal_still_gets_the_rich_tables(siantar: list[Path], tmp_path: Path) -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "160"}
    out = runner.invoke(app, ["compare", *map(str, siantar), "--lang", "en"], env=env).stdout
    assert "┃" in out and "│" in out and "Indicators that rose 2021→2022" in out
    first = write_wide(tmp_path / "rekap-2021.xlsx", [("Kota A", 2021, levels_of(FW, 2))])
    second = write_wide(tmp_path / "rekap-2022.xlsx", [("Kab B", 2022, levels_of(FW, 3))])
    many = runner.invoke(app, ["compare", str(first), str(second), "--lang", "en"], env=env)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", many.stdout)  # NO_COLOR keeps bold, drops colour
    assert "┃ Agency" in shown and "│ Kab B" in shown


def test_three_years_json(siantar: list[Path]) -> None:
    result = runner.invoke(app, ["compare", *map(str, siantar), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (agency,) = doc["agencies"]
    assert doc["years"] == [2021, 2022, 2024]
    # 2022: 42 up two levels (+2 x 3.00%), 11 down one (-2.50%): 2.035, published 2.04.
    assert [y["index"] for y in agency["years"]] == [2.0, 2.04, 3.0]
    assert [y["index_exact"] for y in agency["years"]] == ["2", "2.035", "3"]
    assert [s["index_change"] for s in agency["steps"]] == [0.04, 0.96]
    assert [y["framework_from"] for y in agency["years"]] == ["year"] * 3
    first = agency["steps"][0]
    assert [(i["id"], i["from"], i["to"], i["opd"]) for i in first["rose"]] == [
        ("42", 2, 4, "Diskominfo")
    ]
    assert first["not_comparable"] == [] and first["same_framework"] is True


def test_year_taken_from_file_name(tmp_path: Path) -> None:
    files = [
        write_long(tmp_path / f"kota-{y}.xlsx", levels_of(FW, lv), year=None)
        for y, lv in ((2022, 2), (2023, 3))
    ]
    result = runner.invoke(app, ["compare", *map(str, files), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["years"] == [2022, 2023]


def test_framework_change_between_years(tmp_path: Path, fw2018_file: Path) -> None:
    old = write_long(tmp_path / "lhe-2019.xlsx", levels_of(FW18, 2, i35_2=0), year=2019)
    new = write_long(tmp_path / "lhe-2021.xlsx", levels_of(FW, 2), year=2021)
    args = ["compare", str(old), str(new), "--framework", f"{old}={fw2018_file}"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    agency = json.loads(result.stdout)["agencies"][0]
    assert [y["framework"] for y in agency["years"]] == [
        "permenpanrb-5-2018",
        "permenpanrb-59-2020",
    ]
    assert [y["framework_from"] for y in agency["years"]] == ["option", "year"]
    step = agency["steps"][0]
    # 2019: all 2 except item 35-2 at 0 (weight 20/6): 2 - 2 x 20/6 / 100 = 1.9333 -> 1.93.
    assert agency["years"][0]["index"] == 1.93
    assert step["index_change"] == 0.07 and step["same_framework"] is False
    assert step["rose"] == [] and step["fell"] == [] and step["indicators_compared"] == 0
    assert {("domain", "1"), ("domain", "2")} <= {
        (r["kind"], r["id"]) for r in step["not_comparable"]
    }
    rows = {(r["kind"], r["id"], r["name"]): r for r in agency["rows"]}
    assert rows[("domain", "1", "Kebijakan Internal SPBE")]["changes"][0]["status"] == (
        "not-comparable"
    )
    assert rows[("domain", "3", "Layanan SPBE")]["values"][1] is None
    table = runner.invoke(app, [*args, "--lang", "en"])
    assert "frameworks differ" in table.stdout and "not comparable" in table.stdout
    assert "≠" in table.stdout


def test_framework_named_in_a_cell(tmp_path: Path) -> None:
    # A 2020 trial under the new rules: the cell, not the year, decides.
    trial = write_long(
        tmp_path / "a-2020.xlsx", levels_of(FW, 3), year=2020, kerangka="PermenPANRB 59/2020"
    )
    new = write_long(tmp_path / "a-2021.xlsx", levels_of(FW, 2), year=2021)
    result = runner.invoke(app, ["compare", str(trial), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    agency = json.loads(result.stdout)["agencies"][0]
    assert [(y["framework"], y["framework_from"]) for y in agency["years"]] == [
        ("permenpanrb-59-2020", "file"),
        ("permenpanrb-59-2020", "year"),
    ]
    assert agency["steps"][0]["indicators_compared"] == 47


def test_year_chooses_bundled_2018_framework(tmp_path: Path) -> None:
    try:
        load_framework("permenpanrb-5-2018")
    except InputError:
        pytest.skip("the bundled 5/2018 framework is not installed")
    fw18 = load_framework("permenpanrb-5-2018")
    old = write_long(tmp_path / "b-2019.xlsx", levels_of(fw18, 2), year=2019)
    new = write_long(tmp_path / "b-2021.xlsx", levels_of(FW, 2), year=2021)
    result = runner.invoke(app, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    years = json.loads(result.stdout)["agencies"][0]["years"]
    assert [(y["framework"], y["framework_from"]) for y in years] == [
        ("permenpanrb-5-2018", "year"),
        ("permenpanrb-59-2020", "year"),
    ]


def test_regression_exits_1(tmp_path: Path) -> None:
    files = [
        write_long(tmp_path / "r-2022.xlsx", levels_of(FW, 3), year=2022),
        write_long(tmp_path / "r-2023.xlsx", levels_of(FW, 3, i45=2), year=2023),
    ]
    result = runner.invoke(
        app, ["compare", *map(str, files), "--fail-on-regression", "--lang", "en"]
    )
    assert result.exit_code == 1
    assert "Fell: Kota Pematangsiantar SPBE index 2022→2023 -0.03" in result.stderr
    rising = runner.invoke(app, ["compare", *map(str, reversed(files)), "--fail-on-regression"])
    assert rising.exit_code == 1  # order of files does not matter: years decide
    without = runner.invoke(app, ["compare", *map(str, files)])
    assert without.exit_code == 0


def test_watched_domain_regression(tmp_path: Path) -> None:
    up = {f"i{n}": 5 for n in range(32, 48)}
    files = [
        write_long(tmp_path / "d-2022.xlsx", levels_of(FW, 3), year=2022),
        write_long(tmp_path / "d-2023.xlsx", levels_of(FW, 3, i1=1, **up), year=2023),
    ]
    plain = runner.invoke(app, ["compare", *map(str, files), "--fail-on-regression"])
    assert plain.exit_code == 0, plain.output
    watched = runner.invoke(
        app,
        ["compare", *map(str, files), "--fail-on-regression", "--domain", "1", "--format", "json"],
    )
    assert watched.exit_code == 1
    assert json.loads(watched.stdout)["regressions"][0]["domain"] == "1"
    unknown = runner.invoke(app, ["compare", *map(str, files), "--domain", "9"])
    assert unknown.exit_code == 2 and "9" in unknown.stderr


def test_agency_missing_from_one_year(tmp_path: Path) -> None:
    first = write_wide(
        tmp_path / "rekap-2021.xlsx",
        [("Kota A", 2021, levels_of(FW, 2)), ("Kab B", 2021, levels_of(FW, 3))],
    )
    second = write_wide(tmp_path / "rekap-2022.xlsx", [("Kota A", 2022, levels_of(FW, 3))])
    result = runner.invoke(app, ["compare", str(first), str(second), "--format", "json"])
    assert result.exit_code == 0, result.output
    agencies = {a["agency"]: a for a in json.loads(result.stdout)["agencies"]}
    assert agencies["Kab B"]["missing_years"] == [2022] and agencies["Kab B"]["steps"] == []
    assert agencies["Kota A"]["steps"][0]["index_change"] == 1.0
    table = runner.invoke(app, ["compare", str(first), str(second)])
    assert "Kab B" in table.stdout and "—" in table.stdout


def test_one_workbook_with_a_sheet_per_year(tmp_path: Path) -> None:
    book = write_wide(
        tmp_path / "tren.xlsx",
        [],
        sheets={
            "2021": [("Kota A", 2021, levels_of(FW, 1))],
            "2022": [("Kota A", 2022, levels_of(FW, 2))],
        },
    )
    result = runner.invoke(app, ["compare", str(book), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("agency,kind,id,name,year")
    assert "Kota A,index,,Indeks SPBE,2022,permenpanrb-59-2020,2.00,Cukup,1.00,compared" in lines


def test_same_agency_twice_in_a_year_exits_2(tmp_path: Path) -> None:
    files = [write_long(tmp_path / f"x{n}-2021.xlsx", levels_of(FW, 2), year=2021) for n in (1, 2)]
    result = runner.invoke(app, ["compare", *map(str, files)])
    assert result.exit_code == 2 and "2021" in result.stderr


# -- rank -----------------------------------------------------------------------------------


@pytest.fixture
def agencies(tmp_path: Path) -> Path:
    rows = [
        ("Kota Medan", 2021, levels_of(FW, 1)),
        ("Kab Karo", 2021, levels_of(FW, 2)),
        ("Kota Binjai", 2021, levels_of(FW, 3)),
        ("Kab Deli", 2021, levels_of(FW, 3)),
        ("Kota Medan", 2022, levels_of(FW, 4)),
    ]
    return write_wide(tmp_path / "agencies.xlsx", rows)


def test_rank_table_with_statistics(agencies: Path) -> None:
    result = runner.invoke(app, ["rank", str(agencies), "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Rank 2021 · SPBE index (4 of 4)" in out and "Rank 2022 · SPBE index (1 of 1)" in out
    assert "Mean 2.25 · Median 2.50 · At or above target (2.60): 2 of 4 (50.0%)" in out
    assert "25.0%" in out


def test_rank_json_statistics_and_shared_rank(agencies: Path) -> None:
    result = runner.invoke(app, ["rank", str(agencies), "--format", "json"])
    assert result.exit_code == 0, result.output
    year = json.loads(result.stdout)["years"][0]
    assert [(r["rank"], r["agency"]) for r in year["rows"]] == [
        (1, "Kab Deli"),
        (1, "Kota Binjai"),
        (3, "Kab Karo"),
        (4, "Kota Medan"),
    ]
    stats = year["statistics"]
    assert (stats["count"], stats["mean_exact"], stats["median_exact"]) == (4, "2.25", "2.5")
    assert [(p["name"], p["count"]) for p in stats["predikat"]][:3] == [
        ("Kurang", 1),
        ("Cukup", 1),
        ("Baik", 2),
    ]
    assert stats["at_target"] == 2


def test_rank_filters_and_top(agencies: Path) -> None:
    result = runner.invoke(
        app,
        [
            "rank",
            str(agencies),
            "--where",
            "tahun=2021",
            "--where",
            "instansi~kota",
            "--top",
            "1",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("rank,agency,year,framework,index,predikat,domain_1")
    assert lines[1:] == [lines[1]] and lines[1].startswith("1,Kota Binjai,2021,")
    kurang = runner.invoke(
        app, ["rank", str(agencies), "--where", "predikat=Kurang", "--format", "json"]
    )
    rows = json.loads(kurang.stdout)["years"][0]["rows"]
    assert [(r["rank"], r["agency"]) for r in rows] == [(4, "Kota Medan")]


def test_rank_bad_filter_exits_2(agencies: Path) -> None:
    result = runner.invoke(app, ["rank", str(agencies), "--where", "warna=merah"])
    assert result.exit_code == 2 and "warna" in result.stderr


def test_rank_markdown(agencies: Path) -> None:
    result = runner.invoke(app, ["rank", str(agencies), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("| rank | agency |")
    assert "| Rata-rata | 2.25 |" in result.stdout


def test_progress_is_silent_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from spbe_cli.cli import progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert not progress.progress_enabled()
    with progress.progress("x", total=2) as advance:
        advance(1)
    monkeypatch.setattr("sys.stderr", Tty())
    assert progress.progress_enabled()
    monkeypatch.setenv("SPBE_NO_PROGRESS", "1")
    assert not progress.progress_enabled()
