"""Every command on a Pemdi (PermenPANRB 8/2026) workbook: two tiers, decimals, externals.

The figures asserted are KemenPANRB's published 2026 result for Kab. Aceh Tengah (Indeks
Pemdi 1.24, aspects 1.75 1.28 1.00 1.17 1.08 1.40 1.18), computed here from the values in
the shipped example, and the example's illustrative self-assessment (1.42).
"""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.engine import score_levels
from spbe_cli.framework import load_framework

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PEMDI = EXAMPLES / "pemdi-aceh-tengah-2026.xlsx"
FW = load_framework("permenpanrb-8-2026")
ASSESSOR = [
    "2",
    "1.5",
    "1.26",
    "1.3",
    "1",
    "1",
    "1",
    "1",
    "1",
    "1",
    "1.5",
    "1.25",
    "7/6",
    "1",
    "1",
    "1",
    "2.5",
    "1",
    "1",
    "1.3",
]
EXTERNAL = {"5", "6", "7"}  # 18 has criteria in 8/2026, not an external index


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result


def as_json(*args: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run(*args, "--format", "json").stdout)
    return document


def test_score_reproduces_the_published_result() -> None:
    doc = as_json("score", str(PEMDI))
    assert doc["framework"]["id"] == "permenpanrb-8-2026"
    assert doc["framework"]["status"] == "official"
    assert doc["framework"]["bands_closed"] == "top"
    assert doc["index"] == 1.24 and doc["predikat"] == "Kurang"
    assert doc["predikat_alias"] == "Merintis"
    assert doc["domains"] == []
    assert [a["index"] for a in doc["aspects"]] == [1.75, 1.28, 1.0, 1.17, 1.08, 1.4, 1.18]
    assert [i["id"] for i in doc["indicators"]] == [str(n) for n in range(1, 21)]
    assert all(i["aspect_id"] for i in doc["indicators"])
    expected = score_levels(
        {str(n): Fraction(v) for n, v in enumerate(ASSESSOR, 1) if str(n) not in EXTERNAL}, FW
    )
    assert Fraction(doc["index_exact"]) == expected.index
    assert {a["indicator"] for a in doc["assumptions"]} == EXTERNAL
    assert all(a["reason"] == "external" and a["value"] == 1 for a in doc["assumptions"])
    assert doc["track"] == "akhir"
    assert doc["tracks"]["mandiri"]["index"] == 1.42 and doc["tracks"]["akhir"]["scored"]
    assert doc["target"] == 2.51  # 2,50 is Cukup under Pemdi: Baik's lowest published figure


def test_score_table_shows_tracks_aspects_and_assumptions() -> None:
    result = run("score", str(PEMDI))
    out = result.stdout
    assert "Indeks Pemdi 1,24  Kurang (Merintis)" in out
    assert "Mandiri 1,42 → Akhir 1,24 (-0,18)" in out
    assert "Aspek" in out and "Domain" not in out
    assert "5-7: indikator eksternal" in out and "5-7, 18" not in out
    assert "Kerangka sementara" not in out and "praktik tim asesor" in out
    assert "menurut tahun 2026" in result.stderr
    assert "'Nilai Mandiri' = Mandiri" in result.stderr
    english = run("score", str(PEMDI), "--lang", "en").stdout
    assert "index 1.24  Poor (Initiate)" in english and "Aspects" in english


def test_track_option_scores_the_self_assessment() -> None:
    doc = as_json("score", str(PEMDI), "--track", "mandiri")
    assert doc["index"] == 1.42 and doc["track"] == "mandiri"


def test_csv_tree_uses_the_tiers() -> None:
    rows = list(csv.reader(io.StringIO(run("score", str(PEMDI), "-f", "csv").stdout)))
    kinds = [r[0] for r in rows[1:]]
    assert kinds.count("aspect") == 7 and "domain" not in kinds
    assert rows[1][4] == "1.24"  # CSV keeps the dot


def test_plan_never_raises_externals_or_more_than_one_level_a_round() -> None:
    doc = as_json("plan", str(PEMDI))
    assert doc["target_reached"] and doc["result"]["index"] >= 2.5
    raised = {s["indicator"] for s in doc["steps"]}
    assert not raised & EXTERNAL
    for item in doc["rounds"]:
        assert len(item["indicators"]) == len(set(item["indicators"]))
    assert all(s["levels"] == 1 for s in doc["steps"])
    first = next(s for s in doc["steps"] if s["indicator"] == "13")
    assert first["from_exact"] == "7/6" and first["to"] == 2
    assert Fraction(first["gain_exact"]) == (2 - Fraction(7, 6)) * 5 / 100


def test_whatif_takes_decimal_commas() -> None:
    doc = as_json("whatif", str(PEMDI), "13=1,5", "20=2")
    change = {c["indicator"]: c for c in doc["changes"]}
    assert change["13"]["to_exact"] == "1.5" and change["20"]["to"] == 2
    expected = (Fraction(3, 2) - Fraction(7, 6)) * 5 / 100 + (2 - Fraction(13, 10)) * 15 / 100
    assert Fraction(doc["delta_exact"]) == expected
    assert doc["domains"] == [] and len(doc["aspects"]) == 7


def write_wide(path: Path, rows: list[tuple[str, list[str]]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Instansi", "Tahun", *[f"{n}" for n in range(1, 21)]])
    for agency, values in rows:
        sheet.append([agency, 2026, *[float(Fraction(v)) for v in values]])
    book.save(path)
    return path


def test_ranking_columns_are_the_aspects(tmp_path: Path) -> None:
    better = ["2"] * 20
    path = write_wide(tmp_path / "rekap-2026.xlsx", [("Kab. A", ASSESSOR), ("Kab. B", better)])
    out = run("score", str(path)).stdout
    assert "A1" in out and "A7" in out and "D1" not in out
    assert out.index("Kab. B") < out.index("Kab. A")
    lines = run("score", str(path), "-f", "csv").stdout.splitlines()
    assert lines[0].endswith(",aspect_1,aspect_2,aspect_3,aspect_4,aspect_5,aspect_6,aspect_7")


def test_csv_input_with_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    lines = ["Instansi;Kab. Aceh Tengah", "Tahun;2026", "No;Nilai"]
    lines += [f"{n};{v.replace('.', ',')}" for n, v in enumerate(ASSESSOR, 1)]
    path = tmp_path / "pemdi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = as_json("score", str(path))
    assert doc["framework"]["id"] == "permenpanrb-8-2026" and doc["index"] == 1.24


def test_spbe_and_pemdi_years_are_not_subtracted(tmp_path: Path) -> None:
    spbe_2024 = EXAMPLES / "pematangsiantar-2024.xlsx"
    doc = as_json("compare", str(spbe_2024), str(PEMDI), "--agency", "Kota X")
    series = doc["agencies"][0]
    step = series["steps"][0]
    assert step["comparable"] is False and step["index_change"] is None
    index_row = next(r for r in series["rows"] if r["kind"] == "index")
    assert index_row["changes"][0]["status"] == "not-comparable"
    out = run("compare", str(spbe_2024), str(PEMDI), "--agency", "Kota X").stdout
    assert "instrumen berbeda" in out


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_report_formats_run(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / ("r.md" if fmt == "markdown" else "r.html")
    result = runner.invoke(app, ["report", str(PEMDI), "-o", str(target)])
    assert result.exit_code == 0, result.output + result.stderr
    text = target.read_text(encoding="utf-8")
    assert "Indeks Pemdi" in text and "Aspek" in text


def test_framework_commands_know_pemdi() -> None:
    out = run("framework", "show", "permenpanrb-8-2026").stdout
    assert "aspek 7" in out and "indikator 20" in out and "eksternal, bawaan 1" in out
    result = run("framework", "test", "permenpanrb-8-2026", "--lang", "en")
    assert "fail" not in result.stdout.lower() or "0 fail" in result.stderr


def test_target_track_is_checked(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Instansi", "Kab. X"])
    sheet.append(["Tahun", 2026])
    sheet.append(["No", "Nilai Mandiri", "Nilai Akhir", "Target"])
    for n, value in enumerate(ASSESSOR, start=1):
        sheet.append([n, float(Fraction(value)), float(Fraction(value)), 3])
    path = tmp_path / "target.xlsx"
    book.save(path)
    out = run("score", str(path)).stdout
    assert "Jalur target kantor 3,00 (mencapai target 2,51)" in out
    doc = as_json("score", str(path))
    assert doc["tracks"]["target"]["index"] == 3 and doc["track"] == "akhir"
