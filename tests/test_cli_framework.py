"""``spbe framework list|show|validate|test`` end to end through CliRunner."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
TEXT_59 = (ROOT / "indicators.yaml").read_text(encoding="utf-8")


def spbe(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["framework", *args], env={"COLUMNS": "160"})
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- list --------------------------------------------------------------------------------------


def test_list_table_and_json() -> None:
    code, out, _ = spbe("list")
    assert code == 0
    assert "permenpanrb-59-2020" in out and "permenpanrb-5-2018" in out
    code, out, _ = spbe("list", "--format", "json")
    doc = json.loads(out)
    counts = {f["id"]: (f["indicators"], f["applies_from"]) for f in doc["frameworks"]}
    assert counts == {
        "permenpanrb-8-2026": (20, 2026),
        "permenpanrb-59-2020": (47, 2021),
        "permenpanrb-5-2018": (37, 2018),
    }
    pemdi = next(f for f in doc["frameworks"] if f["id"] == "permenpanrb-8-2026")
    assert pemdi["status"] == "official" and pemdi["tiers"] == ["aspect", "indicator"]
    assert (pemdi["domains"], pemdi["aspects"]) == (0, 7)


def test_list_csv_and_markdown() -> None:
    rows = list(csv.reader(io.StringIO(spbe("list", "-f", "csv")[1])))
    assert rows[0] == ["id", "title", "indicators", "applies_from", "applies_until", "status"]
    assert [r[0] for r in rows[1:]] == [
        "permenpanrb-8-2026",
        "permenpanrb-59-2020",
        "permenpanrb-5-2018",
    ]
    markdown = spbe("list", "-f", "markdown", "--lang", "en")[1]
    assert (
        "| permenpanrb-5-2018 | SPBE evaluation under PermenPANRB 5/2018 | 37 | 2018 | 2020 "
        "| official |" in markdown
    )


def test_list_table_header_is_translated() -> None:
    out = spbe("list")[1]
    assert re.search(r"Id\s+┃ Judul\s+┃ Indikator\s+┃ Tahun evaluasi\s+┃ Status", out)
    assert "2021-2025" in out and "2026-" in out and "resmi" in out and "sementara" not in out
    out = spbe("list", "--lang", "en")[1]
    assert re.search(r"Id\s+┃ Title\s+┃ Indicators\s+┃ Evaluation years\s+┃ Status", out)
    assert "official" in out
    assert "applies_from" not in out


# -- show --------------------------------------------------------------------------------------


def test_show_default_table() -> None:
    code, out, _ = spbe("show")
    assert code == 0
    assert "Kebijakan Internal SPBE" in out and "Layanan Publik Sektor 3" in out
    assert "1,30" in out and "45,50" in out and "Terpadu dan Terukur" in out
    assert "2,60 sampai di bawah 3,50" in out and "4,20 sampai 5,00" in out


def test_show_in_english() -> None:
    out = spbe("show", "5/2018", "--lang", "en")[1]
    assert "Internal SPBE policy" in out and "Good" in out
    assert "Kebijakan Internal SPBE" not in out
    assert "10/3" in out  # 20/6, exactly


def test_show_json_weights_are_exact() -> None:
    doc = json.loads(spbe("show", "permenpanrb-5-2018", "-f", "json")[1])
    domains = doc["domains"]
    assert sum(Fraction(d["weight_exact"]) for d in domains) == 100
    public = domains[2]["aspects"][1]["indicators"]
    assert [i["id"] for i in public][-3:] == ["35-1", "35-2", "35-3"]
    assert {i["weight_exact"] for i in public} == {"10/3"}
    assert sum(Fraction(i["weight_exact"]) for i in public) == 20
    assert doc["scale"]["min"] == 0 and doc["target"] == "2.6"
    assert [b["min"] for b in doc["bands"]] == ["0", "1.8", "2.6", "3.5", "4.2"]
    assert doc["rounding"] == {"places": 2, "mode": "half_up", "rating_basis": "rounded"}


def test_show_csv_has_every_node() -> None:
    rows = list(csv.reader(io.StringIO(spbe("show", "-f", "csv")[1])))
    assert rows[0] == ["kind", "id", "parent", "name", "weight", "type"]
    kinds = [r[0] for r in rows[1:]]
    assert (kinds.count("domain"), kinds.count("aspect"), kinds.count("indicator")) == (4, 8, 47)
    indicator_47 = rows[-1]
    assert indicator_47[1:3] == ["47", "8"] and indicator_47[4:] == ["3.00", "layanan"]


def test_show_markdown() -> None:
    out = spbe("show", "-f", "markdown", "-l", "en")[1]
    assert out.startswith("# SPBE evaluation under PermenPANRB 59/2020")
    assert "| Sangat Baik |" not in out  # English names under --lang en
    assert "| Very good | 3.50 to below 4.20 |" in out


def test_show_missing_file() -> None:
    code, _, err = spbe("show", "nope.yaml")
    assert code == 2 and "nope.yaml" in err


# -- validate ------------------------------------------------------------------------------------


def test_validate_ok(tmp_path: Path) -> None:
    path = write(tmp_path, "fw.yaml", TEXT_59)
    code, out, err = spbe("validate", path, "--lang", "en")
    assert code == 0 and out == ""
    assert "OK: 4 domains, 8 aspects, 47 indicators, weights add up to 100" in err
    code, _, err = spbe("validate", "permenpanrb-5-2018", "--lang", "en")
    assert code == 0 and "OK: 3 domains, 7 aspects, 37 indicators" in err


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    text = TEXT_59.replace('weight: "10.00"', 'weight: "11.00"', 1)
    text = text.replace('min: "2.6", max: "3.5"', 'min: "2.7", max: "3.5"')
    text = text.replace("type: layanan", "type: digital", 1)
    path = write(tmp_path, "fw.yaml", text)
    code, _, err = spbe("validate", path, "--lang", "en")
    assert code == 2
    assert "4 problems found" in err
    assert "domains[1].aspects[0].weight: weight 11 is not the sum" in err
    assert "domains[1].weight: weight 25 is not the sum of the weights of its aspects (26)" in err
    assert "bands[2].min: gap" in err
    assert "type 'digital' is not defined" in err


def test_validate_duplicate_key_line(tmp_path: Path) -> None:
    text = "id: a\nid: b\n" + TEXT_59.split("\n", 1)[1]
    code, _, err = spbe("validate", write(tmp_path, "dup.yaml", text), "-l", "en")
    assert code == 2 and re.search(r"dup\.yaml:2: key 'id' appears twice", err)


def test_validate_json(tmp_path: Path) -> None:
    code, out, _ = spbe("validate", write(tmp_path, "ok.yaml", TEXT_59), "-f", "json")
    assert code == 0 and json.loads(out) == {"valid": True, "problems": []}
    bad = write(tmp_path, "bad.yaml", TEXT_59.replace('target: "2.6"', 'target: "9"'))
    code, out, _ = spbe("validate", bad, "-f", "json", "-l", "en")
    doc = json.loads(out)
    assert code == 2 and doc["valid"] is False
    assert [p["code"] for p in doc["problems"]] == ["target-outside-scale"]
    assert doc["problems"][0]["message"] == "target 9 is outside the scale"


def test_validate_unknown_path() -> None:
    code, out, err = spbe("validate", "does-not-exist.yaml")
    assert code == 2 and out == "" and "does-not-exist.yaml" in err


# -- test --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["permenpanrb-59-2020", "5/2018"])
def test_test_bundled_cases_pass(name: str) -> None:
    code, out, err = spbe("test", name, "--lang", "en")
    assert code == 0, out + err
    assert "PASS" in out and "FAIL" not in out
    assert re.search(r"(\d+) of \1 cases pass, 0 fail", err)


def test_test_reports_each_broken_expectation(tmp_path: Path) -> None:
    # Tabel 12's level set: the index is 3.281 -> 3.28; expect 3.27 and a wrong domain.
    cases = write(
        tmp_path,
        "c.cases.yaml",
        textwrap.dedent("""\
        cases:
          - name: all three
            levels: {default: 3}
            expect: {index: "3.00"}
          - name: tabel 12
            levels: {default: 3, 1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 12: 4, 14: 2,
                     15: 4, 16: 4, 17: 4, 18: 4, 42: 4, 43: 4, 44: 4}
            expect: {index: "3.27", domains: {"4": "3.19"}, predikat: Baik}
        """),
    )
    code, out, err = spbe("test", "permenpanrb-59-2020", cases, "--lang", "en")
    assert code == 1
    assert "tabel 12: index expected 3.27, got 3.28" in out
    assert "tabel 12: domain 4 expected 3.19, got 3.20" in out
    assert "predikat expected" not in out
    assert "1 of 2 cases pass, 1 fail" in err
    doc = json.loads(spbe("test", "permenpanrb-59-2020", cases, "-f", "json")[1])
    assert (doc["passed"], doc["failed"]) == (1, 1)
    assert [f["what"] for f in doc["cases"][1]["failures"]] == ["index", "domain 4"]


def test_test_edited_framework_against_shipped_cases(tmp_path: Path) -> None:
    # Same id as the bundled file, so its shipped cases run; Baik now starts at 2.7.
    text = TEXT_59.replace('max: "2.6"}', 'max: "2.7"}').replace(
        'min: "2.6", max: "3.5"', 'min: "2.7", max: "3.5"'
    )
    code, out, _ = spbe("test", write(tmp_path, "edit.yaml", text), "-l", "en")
    assert code == 1
    assert "tepat 2.60 - Baik: predikat expected Baik, got Cukup" in out
    unchanged = write(tmp_path, "same.yaml", TEXT_59)
    assert spbe("test", unchanged)[0] == 0


def test_test_needs_cases_for_an_unknown_framework(tmp_path: Path) -> None:
    path = write(tmp_path, "other.yaml", TEXT_59.replace("id: permenpanrb-59-2020", "id: x"))
    code, _, err = spbe("test", path, "--lang", "en")
    assert code == 2 and "name a cases file" in err


def test_test_invalid_cases_file(tmp_path: Path) -> None:
    cases = write(
        tmp_path,
        "bad.yaml",
        "cases:\n  - {name: a, levels: {default: 7}, expect: {index: '1.00'}}\n",
    )
    code, _, err = spbe("test", "permenpanrb-59-2020", cases, "--lang", "en")
    assert code == 2
    assert "bad.yaml:2: cases[0].levels.default: value 7 is not a value of the scale" in err


def test_test_csv_and_markdown(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(spbe("test", "5/2018", "-f", "csv", "-l", "en")[1])))
    assert rows[0] == ["Case", "Result", "Index", "Rating"]
    assert all(r[1] == "PASS" for r in rows[1:]) and len(rows) > 5
    markdown = spbe("test", "5/2018", "-f", "markdown")[1]
    assert "| semua level 0 | LULUS | 0.00 | Kurang |" in markdown


# -- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["list", "show", "validate", "test"])
def test_help_teaches_with_an_example(command: str) -> None:
    code, out, _ = spbe(command, "--help")
    assert code == 0 and f"spbe framework {command}" in out
    assert "--format" in out and "--lang" in out


def test_help_example_of_a_cases_file_passes(tmp_path: Path) -> None:
    out = spbe("test", "--help", "-l", "en")[1]
    block = out.split("cases:", 1)[1].split("Examples:", 1)[0]
    cases = write(tmp_path, "help.cases.yaml", "cases:" + textwrap.dedent(block))
    code, stdout, err = spbe("test", "permenpanrb-59-2020", cases, "-l", "en")
    assert code == 0, stdout + err
    assert "1 of 1 cases pass" in err
