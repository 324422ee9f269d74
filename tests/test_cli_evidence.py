"""``spbe evidence`` and ``spbe plan --from evidence`` on the shipped example folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.evidence import check_assessment
from spbe_cli.readers import read_assessments

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WORKBOOK = EXAMPLES / "pematangsiantar-2021.xlsx"
FOLDER = EXAMPLES / "bukti-pematangsiantar-2021"


def library_report():  # type: ignore[no-untyped-def]
    read = read_assessments(WORKBOOK)
    return check_assessment(read.assessments[0], read.choices[0].framework, scan=FOLDER)


def test_table_shows_both_indices_and_the_claims_at_risk() -> None:
    result = runner.invoke(app, ["evidence", str(WORKBOOK), "--dir", str(FOLDER)])
    assert result.exit_code == 0, result.output + result.stderr
    out = result.stdout
    assert "Diklaim 1,53" in out and "Didukung bukti 1,45" in out
    for indicator in ("33", "40", "1", "2"):
        assert f"I{indicator}:" in out
    assert "SK Tim Koordinasi SPBE (final).pdf" in out


def test_json_carries_the_same_figures_as_the_library() -> None:
    result = runner.invoke(app, ["evidence", str(WORKBOOK), "--dir", str(FOLDER), "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    report = library_report()
    assert doc["schema_version"] == "1.3"
    assert doc["claimed_index"] == float(report.claimed_published) == 1.53
    assert doc["evidenced_index"] == float(report.evidenced_published)
    assert {r["id"] for r in doc["indicators"] if r["missing_levels"]} == {"1", "2", "33", "40"}


def test_csv_has_a_row_per_indicator() -> None:
    result = runner.invoke(app, ["evidence", str(WORKBOOK), "--dir", str(FOLDER), "-f", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 1 + 47


def test_plan_from_evidence_starts_from_the_evidenced_index() -> None:
    result = runner.invoke(
        app, ["plan", str(WORKBOOK), "--from", "evidence", "--dir", str(FOLDER), "-f", "json"]
    )
    assert result.exit_code == 0, result.output + result.stderr
    doc = json.loads(result.stdout)
    assert doc["start"]["index"] == float(library_report().evidenced_published) == 1.45
    assert doc["target_reached"] is True
    claimed = json.loads(runner.invoke(app, ["plan", str(WORKBOOK), "-f", "json"]).stdout)
    assert doc["totals"]["level_steps"] > claimed["totals"]["level_steps"]


def test_usage_errors() -> None:
    none = runner.invoke(app, ["evidence", str(WORKBOOK)])
    assert none.exit_code == 2 and "--dir" in none.stderr
    missing = runner.invoke(app, ["evidence", str(WORKBOOK), "--dir", "tidak-ada-folder"])
    assert missing.exit_code == 2 and "tidak-ada-folder" in missing.stderr
    plan = runner.invoke(app, ["plan", str(WORKBOOK), "--from", "evidence"])
    assert plan.exit_code == 2 and "--dir" in plan.stderr


def test_report_carries_the_evidence_section(tmp_path: Path) -> None:
    import openpyxl

    html = tmp_path / "laporan.html"
    result = runner.invoke(app, ["report", str(WORKBOOK), "-o", str(html), "--dir", str(FOLDER)])
    assert result.exit_code == 0, result.output + result.stderr
    text = html.read_text(encoding="utf-8")
    section = text.split('id="evidence"', 1)[1].split("</section>", 1)[0]
    assert "menurut klaim 1,53, menurut bukti 1,45" in section
    for name in ("Layanan Penganggaran", "BPKPD", "Bappeda"):
        assert name in section
    xlsx = tmp_path / "laporan.xlsx"
    assert (
        runner.invoke(
            app, ["report", str(WORKBOOK), "-o", str(xlsx), "--dir", str(FOLDER)]
        ).exit_code
        == 0
    )
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Kesiapan bukti dukung"]
    ids = [row[0] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert sorted(ids) == [1, 2, 33, 40]
