"""``spbe plan`` and ``spbe whatif`` end to end on real workbooks written with openpyxl."""

from __future__ import annotations

import json
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
SERVICES = {str(i) for i in range(32, 48)}


def siantar_levels() -> dict[str, int]:
    levels = {i.id: 1 for i in FW.indicators}
    levels.update({str(i): 2 for i in TWOS})
    levels.update({"33": 3, "34": 3, "35": 3})
    return levels


def opd_of(indicator_id: str) -> str:
    return "Diskominfo" if int(indicator_id) >= 42 else "Bappeda"


def write_long(path: Path, levels: dict[str, int], effort: dict[str, int] | None = None) -> Path:
    """A one-agency workbook: title rows, then ``No | Nilai | OPD`` (and ``Effort``)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Penilaian"
    sheet.append(["Instansi", "Kota Pematangsiantar"])
    sheet.append(["Tahun", 2021])
    sheet.append([])
    sheet.append(["No", "Nilai", "OPD", *(["Effort"] if effort is not None else [])])
    for indicator_id, level in levels.items():
        row: list[Any] = [int(indicator_id), level, opd_of(indicator_id)]
        if effort is not None:
            row.append(effort.get(indicator_id))
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def siantar(tmp_path: Path) -> Path:
    return write_long(tmp_path / "siantar.xlsx", siantar_levels())


def run_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_default_plan_raises_one_level_a_round(siantar: Path) -> None:
    doc = run_json("plan", str(siantar))
    assert doc["constraints"]["max_step"] == 1 and doc["target_reached"] is True
    assert doc["result"]["index"] == 2.6
    assert all(s["to"] - Fraction(s["from_exact"]) <= 1 and s["levels"] == 1 for s in doc["steps"])
    rounds = doc["rounds"]
    assert [r["round"] for r in rounds] == list(range(1, len(rounds) + 1))
    assert [r["year"] for r in rounds] == [2022 + n for n in range(len(rounds))]
    for item in rounds:  # one step per indicator per round
        assert len(item["indicators"]) == len(set(item["indicators"]))
    assert sum(len(r["indicators"]) for r in rounds) == len(doc["steps"])
    assert rounds[-1]["index"] == 2.6 and rounds[0]["index"] < 2.6  # one round is not enough
    assert doc["totals"]["rounds"] == len(rounds) == 2
    assert doc["totals"]["level_steps"] == len(doc["steps"])
    one_round = run_json("plan", str(siantar), "--until", "2022")
    assert one_round["target_reached"] is False and one_round["totals"]["rounds"] == 1
    # One round of one level each is the best one round allows: every open indicator +1.
    assert one_round["best_reachable"] < 2.6 and len(one_round["limits"]) >= 1
    assert all(s["levels"] == 1 for s in one_round["steps"])
    assert one_round["result"]["index"] >= rounds[0]["index"]


def test_plan_json_reaches_baik(siantar: Path) -> None:
    doc = run_json("plan", str(siantar), "--max-step", "4")
    assert doc["schema_version"] == "1.3"
    assert doc["target"] == 2.6 and doc["threshold_exact"] == "2.595"
    assert doc["start"]["index"] == 1.53 and doc["result"]["index"] == 2.6
    assert doc["result"]["predikat"] == "Baik" and doc["target_reached"] is True
    steps = doc["steps"]
    assert {"indicator", "from", "to", "effort", "index", "index_exact"} <= steps[0].keys()
    assert doc["totals"]["level_steps"] == 37 == sum(s["to"] - s["from"] for s in steps)
    assert doc["totals"]["raises"] == len(steps) == 12
    assert doc["totals"]["effort_exact"] == "37"
    indices = [s["index"] for s in steps]
    assert indices == sorted(indices) and indices[-1] == 2.6
    assert Fraction(steps[-1]["index_exact"]) == Fraction(doc["result"]["index_exact"])
    assert steps[0]["requires"] and steps[0]["level_name"] == "Optimum"
    assert doc["limits"] == []


def test_target_by_rating_name_is_the_same(siantar: Path) -> None:
    by_name = run_json("plan", str(siantar), "--target", "baik")
    by_number = run_json("plan", str(siantar), "--target", "2.6")
    assert by_name["steps"] == by_number["steps"]
    higher = run_json("plan", str(siantar), "--target", "sangat baik", "--max-step", "4")
    assert higher["result"]["index"] >= 3.5 and higher["totals"]["level_steps"] > 37


def test_table_output(siantar: Path) -> None:
    result = runner.invoke(app, ["plan", str(siantar), "--max-step", "2"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1,53" in out and "2,60" in out and "Baik" in out
    assert "Kenaikan level" in out and "paling banyak 2 level per indikator per putaran" in out
    assert "tercapai bila rencana ini dijalankan" in out
    english = runner.invoke(app, ["plan", str(siantar), "--lang", "en"]).stdout
    assert "Level raises" in english and "reached once this plan is carried out" in english
    assert "in 2 rounds" in english and "Round" in english


def test_effort_column_changes_the_plan(tmp_path: Path) -> None:
    costly = {i: 10 for i in SERVICES}
    path = write_long(tmp_path / "effort.xlsx", siantar_levels(), effort=costly)
    doc = run_json("plan", str(path))
    assert doc["target_reached"]
    assert not {s["indicator"] for s in doc["steps"]} & SERVICES


def test_effort_file_overrides_the_column(tmp_path: Path) -> None:
    costly = {i: 10 for i in SERVICES}
    path = write_long(tmp_path / "effort.xlsx", siantar_levels(), effort=costly)
    yaml_file = tmp_path / "upaya.yaml"
    yaml_file.write_text("".join(f"{i}: 1\n" for i in sorted(SERVICES)), encoding="utf-8")
    doc = run_json("plan", str(path), "--effort", str(yaml_file), "--max-step", "4")
    assert doc["totals"]["effort_exact"] == "37"
    assert {s["indicator"] for s in doc["steps"]} & SERVICES


@pytest.mark.parametrize(
    ("content", "message"),
    [("99: 1\n", "99"), ("13: -2\n", "13"), ("- 1\n- 2\n", "YAML"), ("13: [\n", "--effort")],
)
def test_bad_effort_file(siantar: Path, tmp_path: Path, content: str, message: str) -> None:
    yaml_file = tmp_path / "upaya.yaml"
    yaml_file.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(siantar), "--effort", str(yaml_file)])
    assert result.exit_code == 2
    assert message in result.stderr


def test_infeasible_plan_names_the_constraint(siantar: Path) -> None:
    doc = run_json("plan", str(siantar), "--max-step", "1", "--lock", "21-31", "--until", "2022")
    assert doc["target_reached"] is False
    assert doc["best_reachable"] == 2.37 and doc["result"]["index"] == 2.37
    limits = {tuple(limit["constraints"]): limit for limit in doc["limits"]}
    assert limits[("max_step",)]["reaches_target"] is True
    assert limits[("lock",)]["best_without"] == 2.53
    assert doc["constraints"]["locked"] == [str(i) for i in range(21, 32)]
    table = runner.invoke(
        app, ["plan", str(siantar), "--max-step", "1", "--lock", "21-31", "--until", "2022"]
    )
    assert table.exit_code == 0
    assert "tidak dapat dicapai" in table.stdout and "--max-step 1" in table.stdout


def test_locked_indicators_do_not_move(siantar: Path) -> None:
    doc = run_json("plan", str(siantar), "--lock", "42-47", "--lock", "32", "--max-level", "4")
    moved = {s["indicator"] for s in doc["steps"]}
    assert not moved & {"32", "42", "43", "44", "45", "46", "47"}
    assert all(s["to"] <= 4 for s in doc["steps"]) and doc["target_reached"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lock", "13-x"], "13-x"),
        (["--lock", "99"], "99"),
        (["--lock", "31-21"], "31-21"),
        (["--max-level", "7"], "--max-level"),
        (["--target", "bagus"], "bagus"),
        (["--max-step", "-1"], "--max-step"),
    ],
)
def test_usage_errors_exit_2(siantar: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["plan", str(siantar), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(tmp_path / "tidak-ada.xlsx")])
    assert result.exit_code == 2


def test_by_opd(siantar: Path) -> None:
    doc = run_json("plan", str(siantar), "--max-step", "4")
    shares = {g["opd"]: g for g in doc["by_opd"]}
    assert set(shares) == {"Diskominfo", "Bappeda"}
    assert sum(Fraction(g["share_exact"]) for g in doc["by_opd"]) == 1
    assert shares["Diskominfo"]["indicators"] == ["43", "45", "46", "47", "42", "44"]
    result = runner.invoke(app, ["plan", str(siantar), "--by", "opd"])
    assert result.exit_code == 0
    assert "Per OPD" in result.stdout and "Bappeda" in result.stdout and "%" in result.stdout
    csv_out = runner.invoke(app, ["plan", str(siantar), "--by", "opd", "-f", "csv"]).stdout
    lines = csv_out.splitlines()
    assert lines[0] == "agency,opd,raises,level_steps,indicators,effort,gain,share"
    assert len(lines) == 3


def test_csv_and_markdown(siantar: Path) -> None:
    csv_out = runner.invoke(app, ["plan", str(siantar), "-f", "csv", "--max-step", "4"]).stdout
    lines = csv_out.splitlines()
    assert lines[0].startswith("agency,step,round,indicator,name,opd,from,to")
    assert len(lines) == 1 + 12 and lines[-1].endswith(",2.60,2.595")
    markdown = runner.invoke(app, ["plan", str(siantar), "-f", "markdown"]).stdout
    assert "1,53 (Kurang)" in markdown and "| step | round | indicator |" in markdown
    assert "dalam 2 putaran" in markdown


def test_roadmap_years(siantar: Path) -> None:
    doc = run_json("plan", str(siantar), "--years", "5")
    years = doc["years"]
    assert [y["year"] for y in years] == [2022, 2023, 2024, 2025]
    assert [y["result"]["index"] for y in years] == [2.53, 2.6, 3.5, 4.2]
    assert [y["target"] for y in years] == [2.6, 2.6, 3.5, 4.2]
    assert years[0]["target_reached"] is False and years[1]["target_reached"] is True
    assert all(s["to"] - s["from"] == 1 for y in years for s in y["steps"])
    assert doc["result"]["predikat"] == "Memuaskan"
    table = runner.invoke(app, ["plan", str(siantar), "--years", "2"])
    assert table.exit_code == 0 and "Tahun ke-2 (2023)" in table.stdout
    csv_out = runner.invoke(app, ["plan", str(siantar), "--years", "2", "-f", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("agency,year,step,")
    assert len(csv_out.splitlines()) == 1 + 47 + 3


def test_help_teaches(siantar: Path) -> None:
    result = runner.invoke(app, ["plan", "--help"])
    assert result.exit_code == 0
    assert "--lock" in result.stdout
    assert "spbe plan examples/pematangsiantar-2021.xlsx --years 3" in result.stdout


# -- whatif ---------------------------------------------------------------------------------


def test_whatif_json(siantar: Path) -> None:
    doc = run_json("whatif", str(siantar), "11=3", "42=5")
    assert doc["schema_version"] == "1.3"
    assert [c["indicator"] for c in doc["changes"]] == ["11", "42"]
    assert doc["changes"][1]["from"] == 2 and doc["changes"][1]["to"] == 5
    assert doc["before"]["index"] == 1.53 and doc["after"]["index"] == 1.65
    assert doc["delta"] == 0.12 and doc["delta_exact"] == "0.115"
    domains = {d["id"]: d for d in doc["domains"]}
    assert domains["4"]["predikat_before"] == "Kurang" and domains["4"]["predikat_after"] == "Cukup"
    assert domains["1"]["delta"] == 0
    assert doc["target_reached"] is False


def test_whatif_table_and_csv(siantar: Path) -> None:
    result = runner.invoke(app, ["whatif", str(siantar), "1=1"])
    assert result.exit_code == 0
    assert "1,53" in result.stdout and "1,52" in result.stdout and "-0,01" in result.stdout
    csv_out = runner.invoke(app, ["whatif", str(siantar), "1=1", "-f", "csv"]).stdout
    assert "index,,Indeks SPBE,1.53,1.52,-0.01,Kurang,Kurang" in (csv_out.splitlines())


@pytest.mark.parametrize(
    ("change", "message"), [("11:3", "11:3"), ("99=2", "99"), ("11=6", "11=6")]
)
def test_whatif_errors(siantar: Path, change: str, message: str) -> None:
    result = runner.invoke(app, ["whatif", str(siantar), change])
    assert result.exit_code == 2
    assert message in result.stderr


def test_whatif_refuses_many_agencies(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    ids = [i.id for i in FW.indicators]
    sheet.append(["Instansi", "Tahun", *[int(i) for i in ids]])
    sheet.append(["Kota A", 2021, *[2] * len(ids)])
    sheet.append(["Kota B", 2021, *[3] * len(ids)])
    path = tmp_path / "rekap.xlsx"
    book.save(path)
    result = runner.invoke(app, ["whatif", str(path), "11=3"])
    assert result.exit_code == 2 and "2" in result.stderr
    plans = run_json("plan", str(path))
    assert [p["agency"] for p in plans["plans"]] == ["Kota A", "Kota B"]
    assert plans["plans"][1]["steps"] == [] and plans["plans"][1]["target_reached"]
