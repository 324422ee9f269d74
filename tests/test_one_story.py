"""Issue 19, "one story across commands": the evidence check, the report and the plan tell
the same figures, track and labels for the same file.

Workbooks and evidence folders are written here; expected figures come from what was
written (the tracks' levels, the folder's files), not from the commands' own output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from evidence_files import levels_folder
from spbe_cli.cli.app import app

# Slow: each test writes workbooks and evidence folders and runs several commands on them.
pytestmark = pytest.mark.slow

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WORKBOOK = EXAMPLES / "pematangsiantar-2021.xlsx"
FOLDER = EXAMPLES / "bukti-pematangsiantar-2021"
IDS = [str(n) for n in range(1, 48)]


def two_tracks(tmp_path: Path) -> tuple[Path, Path]:
    """A 2021 SPBE workbook with ``Nilai Mandiri`` (3 on 1-10, else 2) and ``Nilai
    Asesor`` (the assessor cut 3 and 4 by one), and a folder evidencing every claimed level
    but indicator 5's level 3 and indicator 20's level 2."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Penilaian"
    sheet.append(["Instansi", "Tahun", "No", "Nilai Mandiri", "Nilai Asesor", "OPD"])
    for n in range(1, 48):
        mandiri = 3 if n <= 10 else 2
        akhir = mandiri - 1 if n in (3, 4) else mandiri
        sheet.append(["Kota Uji", 2021, n, mandiri, akhir, "Diskominfo"])
    path = tmp_path / "dua-jalur.xlsx"
    book.save(path)
    levels = {key: range(1, (3 if int(key) <= 10 else 2) + 1) for key in IDS}
    levels["5"] = range(1, 3)
    levels["20"] = range(1, 2)
    return path, levels_folder(tmp_path / "bukti", levels)


def ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def test_every_command_checks_the_self_assessment_and_says_which_column(
    tmp_path: Path,
) -> None:
    path, folder = two_tracks(tmp_path)
    screen = ok(["evidence", str(path), "--dir", str(folder)])
    assert "Klaim dari jalur Mandiri, kolom D1 'Nilai Mandiri'" in screen
    doc = json.loads(ok(["evidence", str(path), "--dir", str(folder), "-f", "json"]))
    assert doc["track"] == "mandiri" and doc["column"] == "D1 'Nilai Mandiri'"
    # claimed: the Mandiri column (10 x 3, 37 x 2), not the assessor's
    risky = {r["id"] for r in doc["indicators"] if r["missing_levels"]}
    assert risky == {"5", "20"}
    report = tmp_path / "laporan.md"
    ok(["report", str(path), "--dir", str(folder), "-o", str(report)])
    text = report.read_text(encoding="utf-8")
    assert "Klaim dari jalur Mandiri, kolom D1 'Nilai Mandiri'." in text
    claimed = f"{doc['claimed_index']:.2f}".replace(".", ",")
    evidenced = f"{doc['evidenced_index']:.2f}".replace(".", ",")
    assert f"| Indeks menurut klaim (jalur Mandiri) | {claimed} |" in text
    assert f"| Indeks menurut bukti dukung | {evidenced} |" in text
    plan = runner.invoke(app, ["plan", str(path), "--dir", str(folder)])
    assert plan.exit_code == 0 and "klaim " + claimed + ", jalur Mandiri" in plan.stderr


def test_asked_track_is_checked_everywhere_and_a_missing_one_is_refused(
    tmp_path: Path,
) -> None:
    path, folder = two_tracks(tmp_path)
    doc = json.loads(
        ok(["evidence", str(path), "--dir", str(folder), "--track", "asesor", "-f", "json"])
    )
    assert doc["track"] == "akhir" and doc["column"] == "E1 'Nilai Asesor'"
    assert {r["id"]: r["claimed"] for r in doc["indicators"]}["3"] == 2
    report = tmp_path / "laporan.md"
    ok(["report", str(path), "--dir", str(folder), "--track", "akhir", "-o", str(report)])
    assert "Klaim dari jalur Akhir, kolom E1 'Nilai Asesor'." in report.read_text("utf-8")
    missing = runner.invoke(
        app, ["evidence", str(WORKBOOK), "--dir", str(FOLDER), "--track", "mandiri"]
    )
    assert missing.exit_code == 2 and "mandiri" in missing.stderr
    assert "Traceback" not in missing.output


def test_a_file_without_self_assessment_says_the_scored_track_stood_in() -> None:
    screen = ok(["evidence", str(WORKBOOK), "--dir", str(FOLDER), "--lang", "en"])
    assert (
        "Claims from the Value track, column F6 'Nilai' (the file has no self-assessment)" in screen
    )


def test_page_one_carries_the_evidence_and_the_plan_agrees_with_plan(tmp_path: Path) -> None:
    with_dir = tmp_path / "dengan.md"
    without = tmp_path / "tanpa.md"
    ok(["report", str(WORKBOOK), "--dir", str(FOLDER), "-o", str(with_dir)])
    ok(["report", str(WORKBOOK), "-o", str(without)])
    front = with_dir.read_text("utf-8").split("### Dasar dan asumsi")[0]
    plain = without.read_text("utf-8").split("### Dasar dan asumsi")[0]
    assert front != plain
    assert "| Indeks SPBE | 1,53 |" in front
    assert "| Indeks menurut bukti dukung | 1,45 |" in front
    assert "| Berisiko (poin indeks) | 0,0810 |" in front  # 0,0275 x 2 + 0,0130 x 2
    assert "| Indikator berisiko | 4 |" in front
    assert "bukti dukung" not in plain
    plan = json.loads(ok(["plan", str(WORKBOOK), "--dir", str(FOLDER), "-f", "json"]))
    assert plan["start"]["index"] == 1.45
    steps = plan["totals"]["level_steps"]
    assert f"| Langkah level dalam rencana | {steps} |" in front
    assert "| Titik awal rencana | nilai yang didukung bukti (1,45; klaim 1,53) |" in front
    scored = json.loads(
        ok(["plan", str(WORKBOOK), "--from", "scored", "--dir", str(FOLDER), "-f", "json"])
    )
    assert scored["start"]["index"] == 1.53
    assert f"| Langkah level dalam rencana | {scored['totals']['level_steps']} |" in plain


def test_page_one_leads_with_the_plans_step_count_and_names_the_fewest(
    tmp_path: Path,
) -> None:
    out = tmp_path / "r.md"
    ok(["report", str(WORKBOOK), "-o", str(out), "--lang", "en"])
    front = out.read_text("utf-8").split("### Basis and assumptions")[0]
    plan = json.loads(ok(["plan", str(WORKBOOK), "-f", "json"]))
    steps = plan["totals"]["level_steps"]
    counts = [int(n) for n in re.findall(r"\| Level steps in the plan \| (\d+) \|", front)]
    assert counts == [steps]
    fewest = re.findall(
        r"\| Fewest level raises to the target \| (\d+) \(fewest without the "
        r"plan's per-round limits and effort\) \|",
        front,
    )
    assert fewest and int(fewest[0]) < steps


def test_track_mandiri_keeps_the_direction_of_the_difference(tmp_path: Path) -> None:
    path, _ = two_tracks(tmp_path)
    # Mandiri 2,13 -> Akhir 2,10: the assessor cut indicators 3 and 4 (weight 1,3) by one
    default = ok(["score", str(path)])
    asked = ok(["score", str(path), "--track", "mandiri"])
    for screen in (default, asked):
        assert "Mandiri 2,13 → Akhir 2,10 (-0,03)" in screen
    for args in ([], ["--track", "mandiri"]):
        doc = json.loads(ok(["score", str(path), "-f", "json", *args]))
        effects = doc["track_effects"]
        assert (effects["from"], effects["to"], effects["change"]) == ("mandiri", "akhir", -0.03)
        assert [(i["id"], i["effect_exact"]) for i in effects["indicators"]] == [
            ("3", "-0.013"),
            ("4", "-0.013"),
        ]
        assert doc["schema_version"] == "1.3"


def test_score_csv_and_markdown_carry_tracks_and_opd(tmp_path: Path) -> None:
    path, _ = two_tracks(tmp_path)
    lines = ok(["score", str(path), "-f", "csv"]).splitlines()
    assert lines[0] == (
        "kind,id,name,weight,value,predikat,opd,track,value_mandiri,value_akhir,effect"
    )
    assert lines[1].endswith(",,akhir,2.13,2.10,")
    indicator = [line for line in lines if line.startswith("indicator,3,")]
    assert indicator and indicator[0].endswith(",Diskominfo,akhir,3,2,-0.013")
    markdown = ok(["score", str(path), "-f", "markdown", "--detail"])
    assert "| indicator | 47 |" in markdown and "| Diskominfo | akhir | 2 | 2 | 0 |" in markdown
    single = ok(["score", str(WORKBOOK), "-f", "csv", "--detail"]).splitlines()
    assert single[0] == "kind,id,name,weight,value,predikat,opd,track"
    assert any(
        line.startswith("indicator,33,") and line.endswith(",BPKPD,nilai") for line in single
    )


def test_opd_names_fold_case_and_spaces_and_keep_the_first_spelling(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Penilaian"
    sheet.append(["Instansi", "Tahun", "No", "Nilai", "OPD"])
    spellings = ["Dinas Kominfo", "dinas  kominfo", "DINAS KOMINFO ", "Bappeda"]
    for n in range(1, 48):
        sheet.append(["Kota Uji", 2021, n, 1, spellings[n % 4]])
    path = tmp_path / "opd.xlsx"
    book.save(path)
    plan = json.loads(ok(["plan", str(path), "--by", "opd", "-f", "json"]))
    # the first row (indicator 1) spells it "dinas  kominfo"; spaces are tidied
    assert {share["opd"] for share in plan["by_opd"]} == {"dinas kominfo", "Bappeda"}
    screen = ok(["plan", str(path), "--by", "opd"])
    assert "DINAS KOMINFO" not in screen and "Dinas Kominfo" not in screen


def test_per_opd_plan_counts_as_its_totals_and_keeps_the_year() -> None:
    screen = ok(["plan", str(WORKBOOK), "--by", "opd"])
    plan = json.loads(ok(["plan", str(WORKBOOK), "-f", "json"]))
    assert f"{plan['totals']['indicators']} kenaikan" in ok(
        ["plan", str(WORKBOOK), "--by", "opd", "-f", "markdown"]
    )
    rows = (
        ok(["plan", str(WORKBOOK), "--by", "opd", "-f", "markdown"])
        .split("| opd | raises |", 1)[1]
        .split("\n\n", 1)[0]
        .splitlines()[2:]
    )
    cells = [row.strip("|").split("|") for row in rows]
    assert sum(int(c[1]) for c in cells) == plan["totals"]["indicators"]
    assert sum(int(c[2]) for c in cells) == plan["totals"]["level_steps"]
    for c in cells:
        ids = c[3].split()
        assert len(ids) == len(set(ids)) == int(c[1])
    years = {r["year"] for r in plan["rounds"]}
    assert len(years) == 2 and all(str(y) in screen for y in years)
    doc = json.loads(ok(["plan", str(WORKBOOK), "--by", "opd", "-f", "json"]))
    assert sum(s["indicators_raised"] for s in doc["by_opd"]) == plan["totals"]["indicators"]
