"""``spbe score`` end to end: real workbooks written with openpyxl, run through CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.framework import load_framework

runner = CliRunner()
FW = load_framework()
TWOS = [1, 2, 3, 8, 10, 11, 15, 16, 17, 22, 23, 32, 36, 38, 40, 42, 44]


def siantar_levels() -> dict[str, int]:
    levels = {i.id: 1 for i in FW.indicators}
    levels.update({str(i): 2 for i in TWOS})
    levels.update({"33": 3, "34": 3, "35": 3})
    return levels


def write_long(
    path: Path,
    levels: dict[str, int],
    agency: str = "Kota Pematangsiantar",
    year: int = 2021,
    opd: dict[str, str] | None = None,
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Penilaian"
    sheet.append(["Penilaian Mandiri SPBE"])
    sheet.append(["Instansi", agency])
    sheet.append(["Tahun", year])
    sheet.append([])
    sheet.append(["No", "Nilai", "OPD"])
    for indicator_id, level in levels.items():
        sheet.append([int(indicator_id), level, (opd or {}).get(indicator_id, "")])
    book.save(path)
    return path


def write_wide(path: Path, rows: list[tuple[str, int, dict[str, int]]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rekap"
    ids = [i.id for i in FW.indicators]
    sheet.append(["Instansi", "Tahun", *[int(i) for i in ids]])
    for agency, year, levels in rows:
        sheet.append([agency, year, *[levels[i] for i in ids]])
    book.save(path)
    return path


@pytest.fixture
def siantar(tmp_path: Path) -> Path:
    return write_long(tmp_path / "siantar.xlsx", siantar_levels(), opd={"42": "Diskominfo"})


def test_table_shows_index_rating_and_gap(siantar: Path) -> None:
    result = runner.invoke(app, ["score", str(siantar)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1,53" in out and "Kurang" in out
    assert "Kota Pematangsiantar" in out and "2021" in out
    assert "2,60 (Baik)" in out and "selisih 1,07" in out
    # Every domain and aspect appears with its published index (a decimal comma).
    for value in ["1,50", "1,40", "1,18", "1,74", "1,25", "1,75", "2,00", "1,33"]:
        assert value in out


def test_english_output(siantar: Path) -> None:
    result = runner.invoke(app, ["score", str(siantar), "--lang", "en"])
    assert result.exit_code == 0
    assert "SPBE index" in result.stdout and "gap 1.07" in result.stdout
    assert "Poor" in result.stdout


def test_json_document(siantar: Path) -> None:
    result = runner.invoke(app, ["score", str(siantar), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1.3"
    assert doc["index"] == 1.53 and doc["predikat"] == "Kurang"
    assert doc["gap"] == 1.07 and doc["target"] == 2.6 and doc["target_reached"] is False
    assert [d["id"] for d in doc["domains"]] == ["1", "2", "3", "4"]
    assert [a["id"] for a in doc["aspects"]] == [str(i) for i in range(1, 9)]
    assert len(doc["indicators"]) == 47
    first = doc["indicators"][0]
    assert {"id", "name", "weight", "level"} <= first.keys()
    assert sum(Fraction(i["contribution_exact"]) for i in doc["indicators"]) == Fraction(
        doc["index_exact"]
    )
    by_id = {i["id"]: i for i in doc["indicators"]}
    assert by_id["42"]["opd"] == "Diskominfo" and by_id["33"]["level"] == 3


def test_csv_and_markdown(siantar: Path) -> None:
    csv_out = runner.invoke(app, ["score", str(siantar), "-f", "csv"]).stdout
    lines = csv_out.splitlines()
    assert lines[0] == "kind,id,name,weight,value,predikat,opd,track"
    assert lines[1].startswith("index,,") and lines[1].endswith(",1.53,Kurang,,nilai")
    assert len(lines) == 1 + 1 + 4 + 8
    detail = runner.invoke(app, ["score", str(siantar), "-f", "csv", "--detail"]).stdout
    assert len(detail.splitlines()) == 1 + 1 + 4 + 8 + 47
    markdown = runner.invoke(app, ["score", str(siantar), "-f", "markdown"]).stdout
    assert markdown.startswith("| kind | id |") and "| 1.53 | Kurang |" in markdown


@pytest.mark.parametrize(
    ("threshold", "code"), [("1.53", 0), ("1.54", 1), ("cukup", 1), ("kurang", 0)]
)
def test_fail_under(siantar: Path, threshold: str, code: int) -> None:
    result = runner.invoke(app, ["score", str(siantar), "--fail-under", threshold])
    assert result.exit_code == code


def test_target_by_rating_name(siantar: Path) -> None:
    result = runner.invoke(app, ["score", str(siantar), "--target", "sangat baik", "-f", "json"])
    doc = json.loads(result.stdout)
    assert doc["target"] == 3.5 and doc["gap"] == 1.97


def test_bad_target_is_a_usage_error(siantar: Path) -> None:
    result = runner.invoke(app, ["score", str(siantar), "--target", "luar biasa"])
    assert result.exit_code == 2
    assert "luar biasa" in result.stderr


def test_many_agencies_give_a_ranking(tmp_path: Path) -> None:
    rows = [
        ("Kota A", 2021, {i.id: 2 for i in FW.indicators}),
        ("Kota B", 2021, {i.id: 4 for i in FW.indicators}),
        ("Kabupaten C", 2021, {i.id: 3 for i in FW.indicators}),
    ]
    path = write_wide(tmp_path / "rekap.xlsx", rows)
    table = runner.invoke(app, ["score", str(path)])
    assert table.exit_code == 0, table.output
    out = table.stdout
    assert out.index("Kota B") < out.index("Kabupaten C") < out.index("Kota A")
    doc = json.loads(runner.invoke(app, ["score", str(path), "-f", "json"]).stdout)
    assert [r["agency"] for r in doc["results"]] == ["Kota A", "Kota B", "Kabupaten C"]
    assert [r["index"] for r in doc["results"]] == [2, 4, 3]
    below = runner.invoke(app, ["score", str(path), "--fail-under", "baik"])
    assert below.exit_code == 1 and "Di bawah 2,6: Kota A 2021" in below.stderr


def test_every_problem_is_listed_with_its_cell(tmp_path: Path) -> None:
    levels: dict[str, int] = siantar_levels()
    levels["14"] = 7
    levels["20"] = 0
    path = write_long(tmp_path / "bad.xlsx", levels)
    result = runner.invoke(app, ["score", str(path), "--lang", "en"])
    assert result.exit_code == 2
    # Header on row 5: indicator 14 is on row 19, indicator 20 on row 25; levels in column B.
    assert "Penilaian!B19" in result.stderr and "Penilaian!B25" in result.stderr
    assert result.stdout == ""


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(tmp_path / "nothing.xlsx")])
    assert result.exit_code == 2
    assert "nothing.xlsx" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_framework_is_bad_input(siantar: Path) -> None:
    result = runner.invoke(app, ["score", str(siantar), "--framework", "no-such"])
    assert result.exit_code == 2 and "permenpanrb-59-2020" in result.stderr


def test_csv_from_stdin() -> None:
    text = "indikator,nilai\n" + "".join(f"{i},{lv}\n" for i, lv in siantar_levels().items())
    result = runner.invoke(app, ["score", "-", "-f", "json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["index"] == 1.53


def test_version_and_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("spbe-cli ")
    assert "--fail-under" in runner.invoke(app, ["score", "--help"]).stdout


def test_input_file_is_not_modified(siantar: Path) -> None:
    before = siantar.read_bytes()
    runner.invoke(app, ["score", str(siantar), "--detail"])
    assert siantar.read_bytes() == before


@pytest.mark.slow  # a shell pipeline in a subprocess
def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    # Enough rows that the output overflows the pipe buffer after `head` has gone.
    ids = [i.id for i in FW.indicators]
    lines = ["instansi,tahun," + ",".join(ids)]
    lines += [
        f"Kota {n},2021," + ",".join(str(1 + (n + k) % 5) for k in range(47)) for n in range(3000)
    ]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = f"{sys.executable} -m spbe_cli score {path} -f csv | head -n 1"
    completed = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert completed.stdout.startswith("rank,agency,year,framework,index,predikat")
    assert "Traceback" not in completed.stderr and "BrokenPipe" not in completed.stderr
    assert completed.returncode == 0


def test_empty_template_scores_with_allow_missing() -> None:
    template = Path(__file__).resolve().parents[1] / "examples" / "template-kosong.xlsx"
    refused = runner.invoke(app, ["score", str(template), "--lang", "en"])
    assert refused.exit_code == 2 and "--allow-missing" in refused.stderr
    result = runner.invoke(
        app, ["score", str(template), "--allow-missing", "-f", "json", "--lang", "en"]
    )
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["index"] == 1 and len(doc["assumed_indicators"]) == 47
    assert "missing or blank indicators scored at 1: 1-47" in result.stderr


def test_decimal_comma_in_options(siantar: Path) -> None:
    def target(text: str) -> Any:
        return json.loads(
            runner.invoke(app, ["score", str(siantar), "-t", text, "-f", "json"]).stdout
        )

    comma, dot = target("2,6"), target("2.6")
    assert comma["target"] == dot["target"] == 2.6 and comma["gap"] == 1.07
    below = runner.invoke(app, ["score", str(siantar), "--fail-under", "1,54"])
    assert below.exit_code == 1 and "Di bawah 1,54" in below.stderr
    passed = runner.invoke(app, ["score", str(siantar), "--fail-under", "1,53"])
    assert passed.exit_code == 0
