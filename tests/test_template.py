"""``spbe template`` and writers/template: layout, validation, formulas, atomic writing.

The summary sheet's formulas are checked twice: their text, precisely (always), and their
values, recomputed by LibreOffice when it is installed and compared with the engine.
"""

from __future__ import annotations

import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from spbe_cli.assessment import Assessment
from spbe_cli.cli.app import app
from spbe_cli.engine import Result, score, score_levels
from spbe_cli.framework import load_framework, parse_framework
from spbe_cli.problems import InputError
from spbe_cli.writers import template as tpl
from spbe_cli.writers.template import build_workbook, exact_value, write_template

FW = load_framework()
IDS = [i.id for i in FW.indicators]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
runner = CliRunner()

HEADERS_ID = ["No", "Domain", "Aspek", "Nama Indikator", "Bobot", "Nilai", "OPD", "Catatan"]
HEADERS_EN = ["No", "Domain", "Aspect", "Indicator name", "Weight", "Level", "OPD", "Notes"]

# A small framework with a non-decimal weight (20/6) and a scale from 0, like 5/2018.
FRACTION_YAML = """
id: test-fraction
title: Uji
source: test
scale:
  min: 0
  max: 5
  types:
    p:
      name: Proses
      levels: {0: {name: Nol}, 1: {name: Satu}, 2: {name: Dua}, 3: {name: Tiga},
               4: {name: Empat}, 5: {name: Lima}}
bands:
  - {name: Kurang, min: "0", max: "1.8"}
  - {name: Cukup, min: "1.8", max: "2.6"}
  - {name: Baik, min: "2.6", max: "5"}
target: "2.6"
domains:
  - id: "1"
    name: Satu
    weight: "100"
    aspects:
      - id: "1"
        name: A
        weight: "80"
        indicators:
          - {id: "1", type: p, weight: "40", name: Satu}
          - {id: "2", type: p, weight: "40", name: Dua}
      - id: "2"
        name: B
        weight: "20"
        indicators:
          - {id: "35-1", type: p, weight: "20/6", name: L1}
          - {id: "35-2", type: p, weight: "20/6", name: L2}
          - {id: "35-3", type: p, weight: "20/6", name: L3}
          - {id: "35-4", type: p, weight: "20/6", name: L4}
          - {id: "35-5", type: p, weight: "20/6", name: L5}
          - {id: "35-6", type: p, weight: "20/6", name: L6}
"""


def siantar_2021() -> dict[str, int]:
    levels = dict.fromkeys(IDS, 1)
    for i in (1, 2, 3, 8, 10, 11, 15, 16, 17, 22, 23, 32, 36, 38, 40, 42, 44):
        levels[str(i)] = 2
    levels.update({"33": 3, "34": 3, "35": 3})
    return levels


def open_book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def input_rows(sheet: Any) -> list[tuple[Any, ...]]:
    return [
        tuple(c.value for c in row)
        for row in sheet.iter_rows(min_row=tpl.FIRST_ROW, max_col=8)
        if row[0].value is not None
    ]


# -- layout ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sheets", "headers", "labels"),
    [
        ("id", ["Penilaian", "Ringkasan", "Petunjuk"], HEADERS_ID, ("Instansi", "Tahun")),
        ("en", ["Assessment", "Summary", "Instructions"], HEADERS_EN, ("Agency", "Year")),
    ],
)
def test_sheets_title_rows_and_header(
    tmp_path: Path, lang: str, sheets: list[str], headers: list[str], labels: tuple[str, str]
) -> None:
    path = write_template(FW, tmp_path / "t.xlsx", lang=lang, agency="Kota X", year=2024)  # type: ignore[arg-type]
    book = open_book(path)
    assert book.sheetnames == sheets
    sheet = book[sheets[0]]
    assert sheet.cell(tpl.TITLE_ROW, 1).value == FW.label(lang)  # type: ignore[arg-type]
    assert sheet.cell(tpl.AGENCY_ROW, 1).value == labels[0]
    assert sheet.cell(tpl.AGENCY_ROW, 2).value == "Kota X"
    assert sheet.cell(tpl.YEAR_ROW, 1).value == labels[1]
    assert sheet.cell(tpl.YEAR_ROW, 2).value == 2024
    assert [c.value for c in sheet[tpl.HEADER_ROW]][:8] == headers
    assert sheet.freeze_panes == f"A{tpl.FIRST_ROW}"
    assert sheet.column_dimensions["D"].width > 40
    assert not sheet.protection.sheet


def test_one_row_per_indicator_in_framework_order(tmp_path: Path) -> None:
    book = open_book(write_template(FW, tmp_path / "t.xlsx"))
    rows = input_rows(book["Penilaian"])
    assert [str(r[0]) for r in rows] == IDS
    for row, indicator in zip(rows, FW.indicators, strict=True):
        domain, aspect = FW.parents[indicator.id]
        assert row[1:4] == (domain.name, aspect.name, indicator.name)
        assert row[4] == float(indicator.weight)
        assert row[5] is None  # level left empty
        assert row[6] is None and row[7] is None
    assert sum(Fraction(str(r[4])) for r in rows) == 100


def test_prefilled_levels_and_opd(tmp_path: Path) -> None:
    levels = siantar_2021()
    book = open_book(
        write_template(FW, tmp_path / "t.xlsx", levels=levels, opd={"44": "Bagian Hukum"})
    )
    rows = input_rows(book["Penilaian"])
    assert {str(r[0]): r[5] for r in rows} == levels
    assert {str(r[0]): r[6] for r in rows if r[6]} == {"44": "Bagian Hukum"}


def test_prefilled_values_are_checked() -> None:
    with pytest.raises(ValueError, match="outside 1-5"):
        build_workbook(FW, levels={"1": 6})
    with pytest.raises(ValueError, match="unknown indicator"):
        build_workbook(FW, levels={"48": 1})
    with pytest.raises(ValueError, match="unknown indicator"):
        build_workbook(FW, opd={"x": "Diskominfo"})


def test_level_cells_have_a_drop_down_list_of_the_scale(tmp_path: Path) -> None:
    sheet = open_book(write_template(FW, tmp_path / "t.xlsx"))["Penilaian"]
    last = tpl.FIRST_ROW + len(IDS) - 1
    validations = sheet.data_validations.dataValidation
    levels = [v for v in validations if v.type == "list"]
    assert len(levels) == 1
    check = levels[0]
    assert str(check.sqref) == f"F{tpl.FIRST_ROW}:F{last}"
    assert check.formula1 == '"1,2,3,4,5"'
    assert check.showErrorMessage and check.errorStyle == "stop"
    assert check.allow_blank
    assert not check.showDropDown  # in OOXML, true would hide the arrow
    assert "1" in check.error and "5" in check.error
    year = [v for v in validations if v.type == "whole"]
    assert len(year) == 1 and str(year[0].sqref) == "B3"


def test_fraction_weights_are_formulas_and_scale_from_zero(tmp_path: Path) -> None:
    fw = parse_framework(FRACTION_YAML)
    book = open_book(write_template(fw, tmp_path / "t.xlsx"))
    rows = input_rows(book["Penilaian"])
    assert [r[0] for r in rows] == [1, 2, "35-1", "35-2", "35-3", "35-4", "35-5", "35-6"]
    assert [r[4] for r in rows] == [40, 40, *["=10/3"] * 6]  # 20/6, as Fraction keeps it
    check = next(v for v in book["Penilaian"].data_validations.dataValidation if v.type == "list")
    assert check.formula1 == '"0,1,2,3,4,5"'
    aspect_b = _summary_cells(book["Ringkasan"])["aspects"][1]
    # scale minimum 0: an empty level adds nothing, so no blank-counting term
    assert aspect_b["D"] == "=SUMPRODUCT(Penilaian!$E$9:$E$14,Penilaian!$F$9:$F$14)"


def test_exact_value() -> None:
    assert exact_value(Fraction(13)) == 13
    assert exact_value(Fraction("1.3")) == 1.3
    assert exact_value(Fraction(20, 6)) == "=10/3"


def test_user_text_cannot_become_a_formula(tmp_path: Path) -> None:
    path = write_template(
        FW,
        tmp_path / "t.xlsx",
        agency='=HYPERLINK("http://x","y")',
        opd={"1": "+62 811", "2": "@x"},
    )
    sheet = open_book(path)["Penilaian"]
    agency = sheet.cell(tpl.AGENCY_ROW, 2)
    assert agency.data_type == "s"
    assert agency.value == '\'=HYPERLINK("http://x","y")'
    assert sheet.cell(tpl.FIRST_ROW, 7).value == "'+62 811"
    assert sheet.cell(tpl.FIRST_ROW + 1, 7).value == "'@x"


def test_instructions_list_level_names_and_bands(tmp_path: Path) -> None:
    for lang, sheet_name in (("id", "Petunjuk"), ("en", "Instructions")):
        book = open_book(write_template(FW, tmp_path / f"{lang}.xlsx", lang=lang))  # type: ignore[arg-type]
        texts = {str(c.value) for row in book[sheet_name].iter_rows() for c in row if c.value}
        for ctype in FW.scale.types.values():
            for info in ctype.levels.values():
                assert (info.name_en if lang == "en" else info.name) in texts
        for band in FW.bands:
            assert band.label(lang) in texts  # type: ignore[arg-type]
        joined = " ".join(texts)
        assert "1-31" in joined and "32-47" in joined


# -- summary formulas: text ------------------------------------------------------------------


def _summary_cells(sheet: Any) -> dict[str, Any]:
    """Aspect rows, domain rows and headline cells of a summary sheet, found by formula."""
    found: dict[str, Any] = {"aspects": [], "domains": [], "bands": []}
    for row in sheet.iter_rows(min_row=1):
        cells = {c.column_letter: c.value for c in row}
        formula = str(cells.get("D") or "")
        if formula.startswith("=SUMPRODUCT("):
            found["aspects"].append({"row": row[0].row, **cells})
        elif formula.startswith("=SUM("):
            found["domains"].append({"row": row[0].row, **cells})
        head = str(cells.get("B") or "")
        if head.startswith("=COUNTBLANK("):
            found["empty"] = row[0].row
        if head.startswith("=SUM(D"):
            found["exact"] = row[0].row
    return found


def test_summary_formulas_reference_the_right_cells(tmp_path: Path) -> None:
    book = open_book(write_template(FW, tmp_path / "t.xlsx"))
    rows = input_rows(book["Penilaian"])
    row_of = {str(r[0]): tpl.FIRST_ROW + n for n, r in enumerate(rows)}
    found = _summary_cells(book["Ringkasan"])
    assert len(found["aspects"]) == len(FW.aspects)
    assert len(found["domains"]) == len(FW.domains)

    for cells, aspect in zip(found["aspects"], FW.aspects, strict=True):
        first, last = row_of[aspect.indicators[0].id], row_of[aspect.indicators[-1].id]
        assert last - first + 1 == len(aspect.indicators)
        w = f"Penilaian!$E${first}:$E${last}"
        lv = f"Penilaian!$F${first}:$F${last}"
        r = cells["row"]
        assert cells["D"] == f'=SUMPRODUCT({w},{lv})+SUMPRODUCT({w},--({lv}=""))'
        assert cells["C"] == float(aspect.weight)
        assert cells["E"] == f"=ROUND(ROUND(D{r}/C{r},9),2)"
        assert re.fullmatch(rf"=LOOKUP\(E{r},\$B\$\d+:\$B\$\d+,\$A\$\d+:\$A\$\d+\)", cells["F"])

    aspect_row = {a["B"]: a["row"] for a in found["aspects"]}
    for cells, domain in zip(found["domains"], FW.domains, strict=True):
        first = aspect_row[domain.aspects[0].name]
        last = aspect_row[domain.aspects[-1].name]
        assert cells["D"] == f"=SUM(D{first}:D{last})"
        assert cells["C"] == float(domain.weight)
        r = cells["row"]
        assert cells["E"] == f"=ROUND(ROUND(D{r}/C{r},9),2)"

    sheet = book["Ringkasan"]
    d_rows = [d["row"] for d in found["domains"]]
    exact = found["exact"]
    assert sheet.cell(exact, 2).value == f"=SUM(D{d_rows[0]}:D{d_rows[-1]})/100"
    index_row = exact - 2
    assert sheet.cell(index_row, 2).value == f"=ROUND(ROUND(B{exact},9),2)"
    rating = sheet.cell(index_row + 1, 2).value
    match = re.fullmatch(r"=LOOKUP\(B(\d+),\$B\$(\d+):\$B\$(\d+),\$A\$(\d+):\$A\$(\d+)\)", rating)
    assert match is not None and int(match[1]) == index_row
    first_band, last_band = int(match[2]), int(match[3])
    assert (int(match[4]), int(match[5])) == (first_band, last_band)
    assert [sheet.cell(r, 1).value for r in range(first_band, last_band + 1)] == [
        b.name for b in FW.bands
    ]
    assert [sheet.cell(r, 2).value for r in range(first_band, last_band + 1)] == [
        float(b.min) for b in FW.bands
    ]
    last_input = tpl.FIRST_ROW + len(IDS) - 1
    assert sheet.cell(found["empty"], 2).value == (
        f"=COUNTBLANK(Penilaian!$F${tpl.FIRST_ROW}:$F${last_input})"
    )
    assert sheet.cell(2, 2).value == '=IF(Penilaian!B2="","",Penilaian!B2)'


def test_summary_formulas_mean_what_the_engine_computes(tmp_path: Path) -> None:
    """Evaluate the summary's formulas in Python (exact fractions) for a filled template.

    A tiny evaluator for exactly the functions the writer uses; independent of the writer's
    code, it reads only the workbook.
    """
    rng = random.Random(7)
    for case in range(6):
        levels = {i: rng.randint(1, 5) for i in IDS}
        if case % 2:
            for missing in rng.sample(IDS, 5):
                del levels[missing]
        path = write_template(FW, tmp_path / f"e{case}.xlsx", levels=levels)
        _compare(_evaluate_summary(open_book(path)), score(Assessment(levels=levels), FW))


def _evaluate_summary(book: Any) -> dict[str, Any]:
    inputs = book["Penilaian"]
    sheet = book["Ringkasan"]

    def cell_value(sheet_name: str | None, ref: str) -> Any:
        target = inputs if sheet_name else sheet
        value = target[ref.replace("$", "")].value
        if isinstance(value, str) and value.startswith("="):
            return evaluate(value[1:])
        if isinstance(value, float):
            return Fraction(str(value))
        return Fraction(value) if isinstance(value, int) else value

    def column(sheet_name: str | None, ref: str) -> list[Any]:
        start, end = ref.replace("$", "").split(":")
        letter = re.match(r"[A-Z]+", start)[0]  # type: ignore[index]
        first, last = int(start[len(letter) :]), int(end[len(letter) :])
        return [cell_value(sheet_name, f"{letter}{r}") for r in range(first, last + 1)]

    def round_half_up(value: Fraction, places: int) -> Fraction:
        return Fraction(math.floor(value * 10**places + Fraction(1, 2)), 10**places)

    rng = r"(?:(Penilaian)!)?(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)"

    def evaluate(expr: str) -> Any:
        expr = expr.strip()
        if m := re.fullmatch(rf"SUMPRODUCT\({rng},{rng}\)(?:\+(.*))?", expr):
            weights, levels = column(m[1], m[2]), column(m[3], m[4])
            total = sum((w * (lv or 0) for w, lv in zip(weights, levels, strict=True)), Fraction())
            return total + (evaluate(m[5]) if m[5] else 0)
        if m := re.fullmatch(rf'SUMPRODUCT\({rng},--\({rng}=""\)\)', expr):
            weights, levels = column(m[1], m[2]), column(m[3], m[4])
            return sum((w for w, lv in zip(weights, levels, strict=True) if lv is None), Fraction())
        if m := re.fullmatch(rf"SUM\({rng}\)(?:/(\d+))?", expr):
            total = sum(column(m[1], m[2]), Fraction())
            return total / int(m[3]) if m[3] else total
        if m := re.fullmatch(r"ROUND\((.*),(\d+)\)", expr):
            return round_half_up(evaluate(m[1]), int(m[2]))
        if m := re.fullmatch(r"([A-Z]+\d+)/([A-Z]+\d+)", expr):
            return cell_value(None, m[1]) / cell_value(None, m[2])
        if m := re.fullmatch(rf"LOOKUP\((\w+|ROUND\(.*\)),{rng},{rng}\)", expr):
            key = evaluate(m[1]) if "(" in m[1] else cell_value(None, m[1])
            edges, names = column(None, m[3]), column(None, m[5])
            return [n for e, n in zip(edges, names, strict=True) if e <= key][-1]
        if m := re.fullmatch(rf"COUNTBLANK\({rng}\)", expr):
            return sum(1 for v in column(m[1], m[2]) if v is None)
        if re.fullmatch(r"[A-Z]+\d+", expr):
            return cell_value(None, expr)
        raise AssertionError(f"unexpected formula {expr!r}")

    found = _summary_cells(sheet)
    exact = found["exact"]
    return {
        "aspects": [(evaluate(a["E"][1:]), evaluate(a["F"][1:])) for a in found["aspects"]],
        "domains": [(evaluate(d["E"][1:]), evaluate(d["F"][1:])) for d in found["domains"]],
        "index": evaluate(sheet.cell(exact - 2, 2).value[1:]),
        "rating": evaluate(sheet.cell(exact - 1, 2).value[1:]),
        "empty": evaluate(sheet.cell(found["empty"], 2).value[1:]),
    }


def _compare(values: Mapping[str, Any], result: Result) -> None:
    def number(value: Any) -> Decimal:
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        return Decimal(str(value)).quantize(Decimal("0.01"))

    assert [(number(v), r) for v, r in values["aspects"]] == [
        (a.published, a.band.name) for a in result.aspects
    ]
    assert [(number(v), r) for v, r in values["domains"]] == [
        (d.published, d.band.name) for d in result.domains
    ]
    assert number(values["index"]) == result.published
    assert values["rating"] == result.band.name
    assert int(values["empty"]) == len(result.assumed)


# -- summary formulas: values computed by LibreOffice ---------------------------------------


def _tricky_level_sets() -> list[dict[str, int]]:
    """Level sets whose index sits on a half-way point (x.xx5), on a band edge, or half a
    hundredth below one (2.595 is published as 2.60, Baik)."""
    rng = random.Random(2021)
    edges = {b.min for b in FW.bands}
    wanted = {
        "half-way": lambda x: (x * 1000).denominator == 1 and (x * 1000).numerator % 10 == 5,
        "edge": lambda x: x in edges,
        "below-edge": lambda x: x + Fraction(5, 1000) in edges,
    }
    found: dict[str, list[dict[str, int]]] = {kind: [] for kind in wanted}
    for _ in range(200_000):
        centre = rng.uniform(1.2, 4.8)
        levels = {i: min(5, max(1, round(centre + rng.uniform(-1.5, 1.5)))) for i in IDS}
        index = score_levels(levels, FW).index
        for kind, test in wanted.items():
            if len(found[kind]) < 2 and test(index):
                found[kind].append(levels)
        if all(len(sets) == 2 for sets in found.values()):
            break
    assert all(len(sets) == 2 for sets in found.values()), {k: len(v) for k, v in found.items()}
    return [levels for sets in found.values() for levels in sets]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (formula text tested)")
def test_libreoffice_computes_the_engine_figures(tmp_path: Path) -> None:
    rng = random.Random(5)
    cases: list[dict[str, int]] = [
        dict.fromkeys(IDS, 1),
        dict.fromkeys(IDS, 5),
        siantar_2021(),
        *_tricky_level_sets(),
    ]
    for _ in range(3):
        levels = {i: rng.randint(1, 5) for i in IDS}
        for missing in rng.sample(IDS, 4):
            del levels[missing]
        cases.append(levels)
    sources = []
    for number, levels in enumerate(cases):
        sources.append(write_template(FW, tmp_path / f"case{number}.xlsx", levels=levels))
    fraction_fw = parse_framework(FRACTION_YAML)
    fraction_levels = {"1": 3, "2": 2, "35-1": 4, "35-2": 1, "35-3": 5, "35-5": 2}
    sources.append(write_template(fraction_fw, tmp_path / "fraction.xlsx", levels=fraction_levels))

    out = tmp_path / "out"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    expected = [score(Assessment(levels=lv), FW) for lv in cases]
    expected.append(score(Assessment(levels=fraction_levels), fraction_fw))
    for source, result in zip(sources, expected, strict=True):
        formulas = _summary_cells(open_book(source)["Ringkasan"])
        values = openpyxl.load_workbook(out / source.name, data_only=True)["Ringkasan"]
        exact = formulas["exact"]
        computed = {
            "aspects": [
                (values[f"E{a['row']}"].value, values[f"F{a['row']}"].value)
                for a in formulas["aspects"]
            ],
            "domains": [
                (values[f"E{d['row']}"].value, values[f"F{d['row']}"].value)
                for d in formulas["domains"]
            ],
            "index": values.cell(exact - 2, 2).value,
            "rating": values.cell(exact - 1, 2).value,
            "empty": values.cell(formulas["empty"], 2).value,
        }
        _compare(computed, result)


# -- writing: refusal, atomicity -------------------------------------------------------------


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"keep me")
    with pytest.raises(InputError) as caught:
        write_template(FW, path)
    problem = caught.value.problems[0]
    assert problem.code == "output-exists"
    assert "--force" in problem.render("id") and "--force" in problem.render("en")
    assert path.read_bytes() == b"keep me"
    write_template(FW, path, force=True)
    assert open_book(path).sheetnames[0] == "Penilaian"
    assert sorted(os.listdir(tmp_path)) == ["t.xlsx"]


def test_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"old")

    def broken_save(self: Any, filename: Any) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_template(FW, path, force=True)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["t.xlsx"]
    with pytest.raises(OSError, match="disk full"):
        write_template(FW, tmp_path / "new.xlsx")
    assert os.listdir(tmp_path) == ["t.xlsx"]


# -- round trip through the reader -----------------------------------------------------------


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    levels=st.lists(st.integers(1, 5), min_size=len(IDS), max_size=len(IDS)),
    lang=st.sampled_from(["id", "en"]),
)
def test_round_trip_through_the_reader(levels: list[int], lang: str) -> None:
    from spbe_cli.readers import read_assessments

    wanted = dict(zip(IDS, levels, strict=True))
    with tempfile.TemporaryDirectory() as directory:
        path = write_template(
            FW,
            Path(directory) / "t.xlsx",
            lang=lang,
            agency="Kota Uji",
            year=2023,  # type: ignore[arg-type]
            levels=wanted,
            opd={"1": "Diskominfo"},
        )
        read = read_assessments(str(path), FW)
    assert read.layout == "long"
    [assessment] = read.assessments
    assert assessment.levels == wanted
    assert (assessment.agency, assessment.year) == ("Kota Uji", 2023)
    assert assessment.opd == {"1": "Diskominfo"}
    assert score(assessment, FW).index == score_levels(wanted, FW).index


def test_empty_template_is_refused_cell_by_cell(tmp_path: Path) -> None:
    from spbe_cli.readers import read_assessments

    path = write_template(FW, tmp_path / "t.xlsx")
    with pytest.raises(InputError) as caught:
        read_assessments(str(path), FW)
    last = tpl.FIRST_ROW + len(IDS) - 1
    places = [p.place for p in caught.value.problems]
    assert places == [f"Penilaian!F{row}" for row in range(tpl.FIRST_ROW, last + 1)]


# -- shipped examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year", "published", "rating"),
    [
        ("pematangsiantar-2021.xlsx", 2021, "1.53", "Kurang"),
        ("pematangsiantar-2022.xlsx", 2022, "2.35", "Cukup"),
        ("pematangsiantar-2024.xlsx", 2024, "3.03", "Baik"),
    ],
)
def test_examples_score_as_published(name: str, year: int, published: str, rating: str) -> None:
    from spbe_cli.readers import read_assessments

    read = read_assessments(str(EXAMPLES / name), FW)
    [assessment] = read.assessments
    assert (assessment.agency, assessment.year) == ("Kota Pematangsiantar", year)
    result = score(assessment, FW)
    assert (str(result.published), result.band.name) == (published, rating)
    assert not result.assumed
    assert assessment.opd["44"] == "Bagian Hukum"
    sheet = open_book(EXAMPLES / name)["Penilaian"]
    assert "ILUSTRATIF" in str(sheet.cell(tpl.NOTE_ROW, 1).value)


def test_example_2021_uses_the_documented_levels() -> None:
    from spbe_cli.readers import read_assessments

    [assessment] = read_assessments(str(EXAMPLES / "pematangsiantar-2021.xlsx"), FW).assessments
    assert assessment.levels == siantar_2021()


def test_empty_example_and_agencies_example() -> None:
    from spbe_cli.readers import read_assessments

    empty = open_book(EXAMPLES / "template-kosong.xlsx")
    assert empty.sheetnames == ["Penilaian", "Ringkasan", "Petunjuk"]
    assert all(r[5] is None for r in input_rows(empty["Penilaian"]))

    read = read_assessments(str(EXAMPLES / "agencies-2021.xlsx"), FW)
    assert read.layout == "wide"
    assert len(read.assessments) == 8
    assert {a.year for a in read.assessments} == {2021}
    by_name = {a.agency: score(a, FW) for a in read.assessments}
    assert str(by_name["Kota Pematangsiantar"].published) == "1.53"
    assert len({r.published for r in by_name.values()}) > 4  # spread, not one value
    notes = open_book(EXAMPLES / "agencies-2021.xlsx")
    assert any("ILUSTRATIF" in str(c.value) for ws in notes for row in ws.iter_rows() for c in row)


def test_examples_are_up_to_date(tmp_path: Path) -> None:
    """The build script reproduces the shipped files byte for byte."""
    script = EXAMPLES / "build_examples.py"
    copy = tmp_path / "examples"
    copy.mkdir()
    shutil.copy(script, copy / script.name)
    subprocess.run([sys.executable, str(copy / script.name)], check=True, capture_output=True)
    for built in sorted(copy.glob("*.xlsx")):
        assert built.read_bytes() == (EXAMPLES / built.name).read_bytes(), built.name


# -- the command -----------------------------------------------------------------------------


def test_cli_writes_refuses_and_forces(tmp_path: Path) -> None:
    path = tmp_path / "isian.xlsx"
    result = runner.invoke(app, ["template", str(path), "--agency", "Kota X", "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "isian.xlsx" in result.stderr and result.stdout == ""
    assert open_book(path)["Penilaian"]["B2"].value == "Kota X"

    again = runner.invoke(app, ["template", str(path), "--lang", "en"])
    assert again.exit_code == 2
    assert "--force" in again.stderr

    forced = runner.invoke(app, ["template", str(path), "--lang", "en", "--force"])
    assert forced.exit_code == 0
    assert open_book(path).sheetnames[0] == "Assessment"


def test_cli_unwritable_place_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", str(tmp_path / "missing" / "t.xlsx")])
    assert result.exit_code == 2


def test_cli_start_up_does_not_import_openpyxl() -> None:
    code = "import sys, spbe_cli.cli.app; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
