"""``spbe template`` and writers/template: layout, validation, formulas, printing, writing.

Every bundled framework is written and inspected (SPBE 2018 and 2020: domains and aspects;
Pemdi 2026: aspects only, decimal values, external indicators). The summary sheet's formulas
are checked twice: their text, and their values, computed by the small formula evaluator in
tests/formula_eval.py (exact fractions over the cells' doubles, independent of the writer)
and, when LibreOffice is installed, recomputed by it; both are compared with the engine.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from formula_eval import Evaluator, excel_round
from spbe_cli.assessment import Assessment
from spbe_cli.cli.app import app
from spbe_cli.engine import score, score_levels
from spbe_cli.framework import Framework, Value, load_bundled, load_framework, parse_framework
from spbe_cli.i18n import Lang
from spbe_cli.problems import InputError
from spbe_cli.results import Result
from spbe_cli.writers import template as tpl
from spbe_cli.writers.template import build_workbook, columns, exact_value, write_template

FW = load_framework()
BUNDLED = {fw.id: fw for fw in load_bundled()}
PEMDI = BUNDLED["permenpanrb-8-2026"]
SPBE_2018 = BUNDLED["permenpanrb-5-2018"]
IDS = [i.id for i in FW.indicators]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
runner = CliRunner()

HEADERS_ID = [
    "No",
    "Domain",
    "Aspek",
    "Nama Indikator",
    "Bobot",
    "Nilai",
    "OPD",
    "Catatan",
    "Bukti Dukung",
]
HEADERS_EN = [
    "No",
    "Domain",
    "Aspect",
    "Indicator name",
    "Weight",
    "Level",
    "OPD",
    "Notes",
    "Evidence",
]
PEMDI_ID = ["No", "Aspek", "Nama Indikator", "Bobot", "Nilai", "OPD", "Catatan", "Bukti Dukung"]
PEMDI_EN = ["No", "Aspect", "Indicator name", "Weight", "Value", "OPD", "Notes", "Evidence"]

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

# One group tier, decimal values, external indicators whose defaults are not the minimum.
EXTERNAL_YAML = """
id: test-external
title: Uji eksternal
index_name: Indeks Uji
source: test
tiers:
  - {id: aspect, key: aspects, code: A, name: Aspek, name_en: Aspect}
  - {id: indicator, key: indicators, code: I, name: Indikator, name_en: Indicator}
scale:
  min: 1
  max: 5
  values: decimal
  types:
    k:
      name: Kematangan
      levels: {1: {name: Satu, requires: mulai}, 2: {name: Dua}, 3: {name: Tiga},
               4: {name: Empat}, 5: {name: Lima}}
bands:
  - {name: Kurang, alias: Merintis, min: "1", max: "2.5"}
  - {name: Baik, alias: Berkembang, min: "2.5", max: "5"}
target: "2.5"
aspects:
  - id: "1"
    name: Satu
    weight: "60"
    indicators:
      - {id: "1", type: k, weight: "30", name: A}
      - {id: "2", type: k, weight: "30", name: B,
         external: {source: Indeks Lain, default: "2.5"}}
  - id: "2"
    name: Dua
    weight: "40"
    indicators:
      - {id: "3", type: k, weight: "40/3", name: C, external: {source: Indeks X, default: "4"}}
      - {id: "4", type: k, weight: "80/3", name: D}
"""

# No group tier at all: the indicators are the top tier.
FLAT_YAML = """
id: test-flat
title: Datar
index_name: Indeks Datar
source: test
tiers:
  - {id: indicator, key: indicators, code: I, name: Indikator, name_en: Indicator}
scale:
  min: 0
  max: 4
  types:
    k:
      name: K
      levels: {0: {name: Nol}, 1: {name: Satu}, 2: {name: Dua}, 3: {name: Tiga}, 4: {name: Empat}}
bands:
  - {name: Rendah, min: "0", max: "2"}
  - {name: Tinggi, min: "2", max: "4"}
target: "2"
indicators:
  - {id: "1", type: k, weight: "50", name: A}
  - {id: "2", type: k, weight: "30", name: B}
  - {id: "3", type: k, weight: "20", name: C}
"""

EXTRA = {
    "fraction": parse_framework(FRACTION_YAML),
    "external": parse_framework(EXTERNAL_YAML),
    "flat": parse_framework(FLAT_YAML),
}
EVERY = {**BUNDLED, **EXTRA}


def siantar_2021() -> dict[str, int]:
    levels = dict.fromkeys(IDS, 1)
    for i in (1, 2, 3, 8, 10, 11, 15, 16, 17, 22, 23, 32, 36, 38, 40, 42, 44):
        levels[str(i)] = 2
    levels.update({"33": 3, "34": 3, "35": 3})
    return levels


def open_book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def input_rows(sheet: Any, fw: Framework = FW) -> list[tuple[Any, ...]]:
    count = columns(fw).count
    return [
        tuple(c.value for c in row)
        for row in sheet.iter_rows(
            min_row=tpl.FIRST_ROW, max_row=tpl.FIRST_ROW + len(fw.indicators) - 1, max_col=count
        )
    ]


def random_values(fw: Framework, rng: random.Random, *, gaps: int = 0) -> dict[str, Value]:
    """Values on ``fw``'s scale (two-decimal ones on a decimal scale, some 7/6), with
    ``gaps`` indicators left out."""
    scale = fw.scale
    values: dict[str, Value] = {}
    for indicator in fw.indicators:
        if scale.decimal:
            pick = rng.random()
            if pick < 0.1:
                value: Value = Fraction(7, 6)
            elif pick < 0.3:
                value = rng.randint(scale.min, scale.max)
            else:
                value = Fraction(rng.randint(scale.min * 100, scale.max * 100), 100)
        else:
            value = rng.randint(scale.min, scale.max)
        values[indicator.id] = (
            value.numerator if isinstance(value, Fraction) and (value.denominator == 1) else value
        )
    for missing in rng.sample(sorted(values), gaps):
        del values[missing]
    return values


def fill_in(path: Path, fw: Framework, values: Mapping[str, Value]) -> None:
    """Type ``values`` into the Nilai column as an office would (numbers, not text)."""
    book = open_book(path)
    sheet = book.worksheets[0]
    value_col = columns(fw).value
    for offset, indicator in enumerate(fw.indicators):
        value = values.get(indicator.id)
        if value is not None:
            number = value if isinstance(value, int) else float(value)
            sheet.cell(tpl.FIRST_ROW + offset, value_col, number)
    book.save(path)


# -- layout ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sheets", "headers", "labels"),
    [
        ("id", ["Penilaian", "Ringkasan", "Petunjuk"], HEADERS_ID, ("Instansi", "Tahun")),
        ("en", ["Assessment", "Summary", "Instructions"], HEADERS_EN, ("Agency", "Year")),
    ],
)
def test_sheets_title_rows_and_header(
    tmp_path: Path, lang: Lang, sheets: list[str], headers: list[str], labels: tuple[str, str]
) -> None:
    path = write_template(FW, tmp_path / "t.xlsx", lang=lang, agency="Kota X", year=2024)
    book = open_book(path)
    assert book.sheetnames == sheets
    sheet = book[sheets[0]]
    assert sheet.cell(tpl.TITLE_ROW, 1).value == FW.label(lang)
    assert sheet.cell(tpl.AGENCY_ROW, 1).value == labels[0]
    assert sheet.cell(tpl.AGENCY_ROW, 2).value == "Kota X"
    assert sheet.cell(tpl.YEAR_ROW, 1).value == labels[1]
    assert sheet.cell(tpl.YEAR_ROW, 2).value == 2024
    assert [c.value for c in sheet[tpl.HEADER_ROW]] == headers
    assert sheet.freeze_panes == f"A{tpl.FIRST_ROW}"
    assert sheet.column_dimensions["D"].width >= 40  # the indicator name
    assert not sheet.protection.sheet


@pytest.mark.parametrize(
    ("framework_id", "lang", "headers"),
    [
        ("permenpanrb-59-2020", "id", HEADERS_ID),
        ("permenpanrb-5-2018", "id", HEADERS_ID),
        ("permenpanrb-5-2018", "en", HEADERS_EN),
        ("permenpanrb-8-2026", "id", PEMDI_ID),
        ("permenpanrb-8-2026", "en", PEMDI_EN),
    ],
)
def test_header_per_framework(
    tmp_path: Path, framework_id: str, lang: Lang, headers: list[str]
) -> None:
    fw = BUNDLED[framework_id]
    sheet = open_book(write_template(fw, tmp_path / "t.xlsx", lang=lang)).worksheets[0]
    assert [c.value for c in sheet[tpl.HEADER_ROW]] == headers
    assert [h.get(lang) for h in tpl.headers(fw)] == headers
    cols = columns(fw)
    assert cols.count == len(headers)
    assert headers[cols.value - 1] in ("Nilai", "Level", "Value")
    assert headers[cols.name - 1] in ("Nama Indikator", "Indicator name")
    assert [headers[c - 1] for c in cols.groups] == [t.label(lang) for t in fw.group_tiers]


def test_constants_describe_the_default_framework() -> None:
    cols = columns(FW)
    assert (cols.id, *cols.groups) == (tpl.COL_ID, tpl.COL_DOMAIN, tpl.COL_ASPECT)
    assert (cols.name, cols.weight, cols.value, cols.opd, cols.notes, cols.evidence) == (
        tpl.COL_NAME,
        tpl.COL_WEIGHT,
        tpl.COL_LEVEL,
        tpl.COL_OPD,
        tpl.COL_NOTES,
        tpl.COL_EVIDENCE,
    )
    assert tpl.headers(FW) == tpl.HEADERS
    assert columns(PEMDI).groups == (2,) and columns(PEMDI).notes == tpl.COL_NOTES - 1
    assert columns(EXTRA["flat"]).groups == () and columns(EXTRA["flat"]).name == 2


@pytest.mark.parametrize("framework_id", sorted(EVERY))
def test_one_row_per_indicator_in_framework_order(tmp_path: Path, framework_id: str) -> None:
    fw = EVERY[framework_id]
    cols = columns(fw)
    book = open_book(write_template(fw, tmp_path / "t.xlsx"))
    rows = input_rows(book.worksheets[0], fw)
    assert [str(r[0]) for r in rows] == [i.id for i in fw.indicators]
    for row, indicator in zip(rows, fw.indicators, strict=True):
        groups = fw.ancestors[indicator.id]
        assert [row[c - 1] for c in cols.groups] == [g.name for g in groups]
        assert row[cols.name - 1] == indicator.name
        assert row[cols.weight - 1] == exact_value(indicator.weight)
        assert all(row[c - 1] is None for c in (cols.value, cols.opd, cols.notes, cols.evidence))
    after = book.worksheets[0].cell(tpl.FIRST_ROW + len(rows), 1).value
    assert after is None


def test_prefilled_levels_and_opd(tmp_path: Path) -> None:
    levels = siantar_2021()
    book = open_book(
        write_template(FW, tmp_path / "t.xlsx", levels=levels, opd={"44": "Bagian Hukum"})
    )
    rows = input_rows(book["Penilaian"])
    assert {str(r[0]): r[5] for r in rows} == levels
    assert {str(r[0]): r[6] for r in rows if r[6]} == {"44": "Bagian Hukum"}


def test_prefilled_decimal_values(tmp_path: Path) -> None:
    from spbe_cli.readers import read_assessments

    values: dict[str, Value] = {i.id: 2 for i in PEMDI.indicators}
    values.update({"1": Fraction(63, 50), "2": Fraction(7, 6), "3": Fraction(9, 2)})
    path = write_template(PEMDI, tmp_path / "t.xlsx", levels=values)
    rows = input_rows(open_book(path).worksheets[0], PEMDI)
    assert [r[4] for r in rows[:4]] == [1.26, pytest.approx(7 / 6, rel=1e-15), 4.5, 2]
    [read] = read_assessments(path, framework=PEMDI).assessments
    assert read.levels == values
    assert read.levels["1"] == Fraction(63, 50)


def test_prefilled_values_are_checked() -> None:
    with pytest.raises(ValueError, match="outside 1-5"):
        build_workbook(FW, levels={"1": 6})
    with pytest.raises(ValueError, match="outside 1-5"):
        build_workbook(FW, levels={"1": Fraction(3, 2)})  # SPBE levels are whole
    with pytest.raises(ValueError, match="outside 1-5"):
        build_workbook(PEMDI, levels={"1": Fraction(51, 10)})
    with pytest.raises(ValueError, match="unknown indicator"):
        build_workbook(FW, levels={"48": 1})
    with pytest.raises(ValueError, match="unknown indicator"):
        build_workbook(FW, opd={"x": "Diskominfo"})
    build_workbook(PEMDI, levels={"1": Fraction(63, 50)})


# -- validation and the level criteria -----------------------------------------------------


def _value_checks(sheet: Any) -> list[Any]:
    return [v for v in sheet.data_validations.dataValidation if str(v.sqref) != "B3"]


@pytest.mark.parametrize(
    ("framework_id", "choices"),
    [("permenpanrb-59-2020", '"1,2,3,4,5"'), ("permenpanrb-5-2018", '"0,1,2,3,4,5"')],
)
def test_whole_scale_has_a_drop_down_of_its_levels(
    tmp_path: Path, framework_id: str, choices: str
) -> None:
    fw = BUNDLED[framework_id]
    sheet = open_book(write_template(fw, tmp_path / "t.xlsx"))["Penilaian"]
    last = tpl.FIRST_ROW + len(fw.indicators) - 1
    [check] = _value_checks(sheet)
    assert check.type == "list"
    assert str(check.sqref) == f"F{tpl.FIRST_ROW}:F{last}"
    assert check.formula1 == choices
    assert check.showErrorMessage and check.errorStyle == "stop"
    assert check.allow_blank
    assert not check.showDropDown  # in OOXML, true would hide the arrow
    assert str(fw.scale.min) in check.error and "5" in check.error
    year = [v for v in sheet.data_validations.dataValidation if v.type == "whole"]
    assert len(year) == 1 and str(year[0].sqref) == "B3"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_decimal_scale_accepts_decimals_between_its_ends(tmp_path: Path, lang: Lang) -> None:
    sheet = open_book(write_template(PEMDI, tmp_path / "t.xlsx", lang=lang)).worksheets[0]
    [check] = _value_checks(sheet)
    last = tpl.FIRST_ROW + len(PEMDI.indicators) - 1
    assert (check.type, check.operator) == ("decimal", "between")
    assert (check.formula1, check.formula2) == ("1", "5")
    assert str(check.sqref) == f"E{tpl.FIRST_ROW}:E{last}"
    assert check.showErrorMessage and check.errorStyle == "stop" and check.allow_blank
    assert ("1,26" if lang == "id" else "1.26") in check.error


@pytest.mark.parametrize("framework_id", sorted(BUNDLED))
def test_value_cells_carry_the_level_criteria(tmp_path: Path, framework_id: str) -> None:
    fw = BUNDLED[framework_id]
    sheet = open_book(write_template(fw, tmp_path / "t.xlsx")).worksheets[0]
    value_col = columns(fw).value
    for offset, indicator in enumerate(fw.indicators):
        cell = sheet.cell(tpl.FIRST_ROW + offset, value_col)
        assert cell.comment is not None, indicator.id
        text = cell.comment.text
        ctype = fw.scale.types[indicator.type]
        assert ctype.name in text
        for level, info in ctype.levels.items():
            assert f"{level} {info.name}" in text
            own = fw.level_info(indicator, level)  # the indicator's criteria where given
            assert own is not None
            if own.requires:
                assert own.requires in text
            if indicator.criteria:
                assert info.requires not in text  # not the scale's generic phrase
        if fw.scale.decimal:
            by_range = any(i.band for i in ctype.levels.values())
            assert ("rentang level 2" in text) == by_range
            assert ("bagian bulatnya" in text) == (not by_range)
        if indicator.external is not None:
            assert "Diisi dari indeks eksternal" in text
            assert indicator.external.source in text and "bawaan 1" in text
            assert cell.fill.fgColor.rgb.endswith("E2EFDA")
            assert cell.value is None
        else:
            assert "eksternal" not in text
            assert cell.fill.fgColor.rgb.endswith("FFF2CC")


def test_external_default_in_english_and_decimal(tmp_path: Path) -> None:
    fw = EXTRA["external"]
    sheet = open_book(write_template(fw, tmp_path / "t.xlsx", lang="en")).worksheets[0]
    text = sheet.cell(tpl.FIRST_ROW + 1, columns(fw).value).comment.text
    assert "external index: Indeks Lain" in text and "default 2.50" not in text
    assert "default 2.5" in text
    sheet = open_book(write_template(fw, tmp_path / "i.xlsx")).worksheets[0]
    assert "bawaan 2,5" in sheet.cell(tpl.FIRST_ROW + 1, columns(fw).value).comment.text


def test_fraction_weights_are_formulas_and_scale_from_zero(tmp_path: Path) -> None:
    fw = EXTRA["fraction"]
    book = open_book(write_template(fw, tmp_path / "t.xlsx"))
    rows = input_rows(book["Penilaian"], fw)
    assert [r[0] for r in rows] == [1, 2, "35-1", "35-2", "35-3", "35-4", "35-5", "35-6"]
    assert [r[4] for r in rows] == [40, 40, *["=10/3"] * 6]  # 20/6, as Fraction keeps it
    [check] = _value_checks(book["Penilaian"])
    assert check.formula1 == '"0,1,2,3,4,5"'
    aspect_b = summary_tables(book["Ringkasan"], fw, "id")[1][1]
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
    assert sheet.cell(tpl.FIRST_ROW, tpl.COL_OPD).value == "'+62 811"
    assert sheet.cell(tpl.FIRST_ROW + 1, tpl.COL_OPD).value == "'@x"


def _texts(sheet: Any) -> set[str]:
    return {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}


def test_instructions_list_level_names_and_bands(tmp_path: Path) -> None:
    for lang, sheet_name in (("id", "Petunjuk"), ("en", "Instructions")):
        book = open_book(write_template(FW, tmp_path / f"{lang}.xlsx", lang=lang))  # type: ignore[arg-type]
        texts = _texts(book[sheet_name])
        for ctype in FW.scale.types.values():
            for info in ctype.levels.values():
                assert (info.name_en if lang == "en" else info.name) in texts
        for band in FW.bands:
            assert band.label(lang) in texts  # type: ignore[arg-type]
        joined = " ".join(texts)
        assert "1-31" in joined and "32-47" in joined
        assert "Indeks SPBE" in joined if lang == "id" else "SPBE index" in joined


def test_instructions_for_pemdi_list_externals_and_the_formula(tmp_path: Path) -> None:
    book = open_book(write_template(PEMDI, tmp_path / "t.xlsx"))
    texts = _texts(book["Petunjuk"])
    joined = " ".join(texts)
    assert "Indikator eksternal" in texts
    for indicator in PEMDI.indicators:
        if indicator.external is not None:
            assert indicator.external.source in texts
    assert "Indeks Aspek = Σ(Nilai × Bobot indikator) / Bobot aspek" in joined
    assert "Indeks Pemdi = Σ(Indeks Aspek × Bobot aspek) / 100" in joined
    assert "domain" not in joined.lower()
    assert "Kurang (Merintis)" in texts
    assert "boleh desimal" in joined


# -- the band table ---------------------------------------------------------------------------


def test_band_table_reads_right(tmp_path: Path) -> None:
    sheet = open_book(write_template(FW, tmp_path / "t.xlsx"))["Ringkasan"]
    bands = band_table(sheet)
    assert bands == [
        ("Kurang", 1, "1,00 sampai di bawah 1,80"),
        ("Cukup", 1.8, "1,80 sampai di bawah 2,60"),
        ("Baik", 2.6, "2,60 sampai di bawah 3,50"),
        ("Sangat Baik", 3.5, "3,50 sampai di bawah 4,20"),
        ("Memuaskan", 4.2, "4,20 sampai 5,00"),
    ]
    english = band_table(open_book(write_template(FW, tmp_path / "e.xlsx", lang="en"))["Summary"])
    assert english[0] == ("Poor", 1, "1.00 to below 1.80")
    assert english[-1] == ("Satisfactory", 4.2, "4.20 to 5.00")


def test_pemdi_band_table_closes_at_the_top(tmp_path: Path) -> None:
    """Tabel 4 of 8/2026: 1,50 is Kurang, 2,50 Cukup; the formula reads the lowest
    published figure of each band (2,51 for Baik)."""
    book = open_book(write_template(PEMDI, tmp_path / "p.xlsx"))
    pemdi = band_table(book["Ringkasan"])
    assert [b[0] for b in pemdi] == [b.full_label("id") for b in PEMDI.bands]
    assert [b[1] for b in pemdi] == [1, 1.51, 2.51, 3.51, 4.01]
    assert pemdi[0][2] == "1,00 sampai 1,50"
    assert pemdi[1][2] == "di atas 1,50 sampai 2,50"
    assert pemdi[-1][2] == "di atas 4,00 sampai 5,00"
    assert "Predikat (batas atas termasuk)" in _texts(book["Ringkasan"])
    help_texts = _texts(book["Petunjuk"])
    assert "di atas 1,50 sampai 2,50" in help_texts


def band_table(sheet: Any) -> list[tuple[Any, ...]]:
    """The rows under the band table's header: name, lower edge, range text."""
    start = next(
        r
        for r in range(1, sheet.max_row + 1)
        if str(sheet.cell(r, 1).value).startswith(("Predikat (", "Ratings ("))
    )
    rows = []
    for r in range(start + 2, sheet.max_row + 1):
        if sheet.cell(r, 1).value is None:
            break
        rows.append(tuple(sheet.cell(r, c).value for c in (1, 2, 3)))
    return rows


# -- printing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("framework_id", sorted(BUNDLED))
def test_prints_on_a4_one_page_wide_at_a_readable_size(tmp_path: Path, framework_id: str) -> None:
    fw = BUNDLED[framework_id]
    book = open_book(write_template(fw, tmp_path / "t.xlsx"))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert int(setup.paperSize) == 9  # A4
        assert setup.orientation in ("portrait", "landscape")
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert (cell.font.sz or 11) >= 10, cell.coordinate
    inputs = book.worksheets[0]
    assert inputs.page_setup.orientation == "landscape"
    assert inputs.print_title_rows == f"${tpl.HEADER_ROW}:${tpl.HEADER_ROW}"
    # Column widths an A4 landscape page holds at (nearly) 100%: fit-to-width then keeps
    # the 11-point text at 10 points or more.
    count = columns(fw).count
    width = sum(inputs.column_dimensions[chr(64 + c)].width for c in range(1, count + 1))
    assert width <= 150
    assert book.worksheets[2].page_setup.orientation == "portrait"
    help_width = sum(book.worksheets[2].column_dimensions[c].width for c in "ABCD")
    assert help_width <= 100


def test_row_heights_fit_wrapped_names(tmp_path: Path) -> None:
    sheet = open_book(write_template(FW, tmp_path / "t.xlsx")).worksheets[0]
    name_width = sheet.column_dimensions["D"].width
    for offset, indicator in enumerate(FW.indicators):
        row = tpl.FIRST_ROW + offset
        assert sheet.cell(row, tpl.COL_NAME).alignment.wrap_text
        per_line = int(name_width * 1.1) - 2
        needed = -(-len(indicator.name) // per_line)
        assert sheet.row_dimensions[row].height >= 15 * needed


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ("tanggal", "Mengetahui,", "Disusun oleh,", "NIP.")),
        ("en", ("date", "Acknowledged by,", "Prepared by,", "NIP")),
    ],
)
def test_signature_block_below_the_indicators(
    tmp_path: Path, lang: Lang, words: tuple[str, ...]
) -> None:
    for fw in (FW, PEMDI):
        sheet = open_book(write_template(fw, tmp_path / f"{fw.id}.xlsx", lang=lang)).worksheets[0]
        last = tpl.FIRST_ROW + len(fw.indicators) - 1
        below = [
            (r, c, str(sheet.cell(r, c).value))
            for r in range(last + 1, sheet.max_row + 1)
            for c in range(1, columns(fw).count + 1)
            if sheet.cell(r, c).value is not None
        ]
        assert below and all(c != 1 for _, c, _ in below)  # the No column stays empty
        texts = " ".join(t for _, _, t in below)
        for word in words:
            assert word in texts
        date_row = next(r for r, _, t in below if words[0] in t)
        sign_rows = [r for r, _, t in below if t in words[1:3]]
        assert date_row < min(sign_rows)
        assert sum(t.startswith("(…") for _, _, t in below) == 2  # name lines
        assert str(sheet.print_area).endswith(str(max(r for r, _, _ in below)))


# -- summary formulas: text ------------------------------------------------------------------


def summary_tables(sheet: Any, fw: Framework, lang: Lang) -> list[list[dict[str, Any]]]:
    """The node rows of each group tier's table (cells by column letter, and ``row``)."""
    tables = []
    for tier in fw.group_tiers:
        title = next(
            r
            for r in range(1, sheet.max_row + 1)
            if sheet.cell(r, 1).value == tier.heading(lang) and sheet.cell(r + 1, 1).value == "No"
        )
        nodes = []
        for r in range(title + 2, sheet.max_row + 1):
            if sheet.cell(r, 1).value is None:
                break
            nodes.append({"row": r, **{c.column_letter: c.value for c in sheet[r]}})
        tables.append(nodes)
    return tables


def headline_rows(sheet: Any, fw: Framework, lang: Lang) -> dict[str, int]:
    """Rows of the headline figures, by their labels in column A."""
    labels = {
        "index": fw.index_label(lang),
        "rating": "Predikat" if lang == "id" else "Rating",
        "exact": "Indeks tanpa pembulatan" if lang == "id" else "Index before rounding",
        "empty": "Nilai kosong" if lang == "id" else "Empty values",
        "reached": "Target tercapai" if lang == "id" else "Target reached",
    }
    found = {}
    for key, label in labels.items():
        found[key] = next(r for r in range(1, 30) if sheet.cell(r, 1).value == label)
    return found


def test_summary_formulas_reference_the_right_cells(tmp_path: Path) -> None:
    book = open_book(write_template(FW, tmp_path / "t.xlsx"))
    row_of = {str(r[0]): tpl.FIRST_ROW + n for n, r in enumerate(input_rows(book["Penilaian"]))}
    sheet = book["Ringkasan"]
    domains, aspects = summary_tables(sheet, FW, "id")
    assert len(domains) == len(FW.tier_nodes[0]) and len(aspects) == len(FW.tier_nodes[1])

    for cells, aspect in zip(aspects, FW.tier_nodes[1], strict=True):
        first, last = row_of[aspect.indicators[0].id], row_of[aspect.indicators[-1].id]
        assert last - first + 1 == len(aspect.indicators)
        w = f"Penilaian!$E${first}:$E${last}"
        lv = f"Penilaian!$F${first}:$F${last}"
        r = cells["row"]
        assert cells["B"] == aspect.name
        assert cells["D"] == f'=SUMPRODUCT({w},{lv})+SUMPRODUCT({w},--({lv}=""))'
        assert cells["C"] == float(aspect.weight)
        assert cells["E"] == f"=ROUND(ROUND(D{r}/C{r},9),2)"
        assert re.fullmatch(rf"=LOOKUP\(E{r},\$B\$\d+:\$B\$\d+,\$A\$\d+:\$A\$\d+\)", cells["F"])
        assert str(cells["G"]) == FW.group_parents[(1, aspect.id)].id  # type: ignore[union-attr]

    aspect_row = {a["B"]: a["row"] for a in aspects}
    for cells, domain in zip(domains, FW.tier_nodes[0], strict=True):
        first = aspect_row[domain.nodes[0].name]
        last = aspect_row[domain.nodes[-1].name]
        assert last - first + 1 == len(domain.nodes)
        assert cells["D"] == f"=SUM(D{first}:D{last})"
        assert cells["C"] == float(domain.weight)
        r = cells["row"]
        assert cells["E"] == f"=ROUND(ROUND(D{r}/C{r},9),2)"

    head = headline_rows(sheet, FW, "id")
    d_rows = [d["row"] for d in domains]
    assert sheet.cell(head["exact"], 2).value == f"=SUM(D{d_rows[0]}:D{d_rows[-1]})/100"
    assert sheet.cell(head["index"], 2).value == f"=ROUND(ROUND(B{head['exact']},9),2)"
    rating = sheet.cell(head["rating"], 2).value
    match = re.fullmatch(r"=LOOKUP\(B(\d+),\$B\$(\d+):\$B\$(\d+),\$A\$(\d+):\$A\$(\d+)\)", rating)
    assert match is not None and int(match[1]) == head["index"]
    first_band, last_band = int(match[2]), int(match[3])
    assert (int(match[4]), int(match[5])) == (first_band, last_band)
    assert [sheet.cell(r, 1).value for r in range(first_band, last_band + 1)] == [
        b.name for b in FW.bands
    ]
    assert [sheet.cell(r, 2).value for r in range(first_band, last_band + 1)] == [
        exact_value(b.min) for b in FW.bands
    ]
    last_input = tpl.FIRST_ROW + len(IDS) - 1
    assert sheet.cell(head["empty"], 2).value == (
        f"=COUNTBLANK(Penilaian!$F${tpl.FIRST_ROW}:$F${last_input})"
    )
    assert sheet.cell(2, 2).value == '=IF(Penilaian!B2="","",Penilaian!B2)'
    assert sheet.cell(3, 2).value == '=IF(Penilaian!B3="","",Penilaian!B3)'
    assert sheet.cell(1, 1).value == f"Ringkasan Indeks SPBE: {FW.label('id')}"
    assert sheet.cell(tpl.NOTE_ROW, 1).value is None  # room for a remark


def test_summary_for_pemdi_has_one_aspect_table(tmp_path: Path) -> None:
    sheet = open_book(write_template(PEMDI, tmp_path / "t.xlsx"))["Ringkasan"]
    [aspects] = summary_tables(sheet, PEMDI, "id")
    assert [a["B"] for a in aspects] == [a.name for a in PEMDI.tier_nodes[0]]
    assert all(str(a["D"]).startswith("=SUMPRODUCT(Penilaian!$D$") for a in aspects)
    assert all("G" not in a or a["G"] is None for a in aspects)
    head = headline_rows(sheet, PEMDI, "id")
    first, last = aspects[0]["row"], aspects[-1]["row"]
    assert sheet.cell(head["exact"], 2).value == f"=SUM(D{first}:D{last})/100"
    assert str(sheet.cell(1, 1).value).startswith("Ringkasan Indeks Pemdi: ")
    assert "Domain" not in _texts(sheet)


def test_external_defaults_enter_the_summary(tmp_path: Path) -> None:
    fw = EXTRA["external"]
    sheet = open_book(write_template(fw, tmp_path / "t.xlsx"))["Ringkasan"]
    [aspects] = summary_tables(sheet, fw, "id")
    # default 2.5 on a scale from 1: an empty cell adds 1.5 x its weight more
    assert aspects[0]["D"].endswith('+IF(Penilaian!$E$8="",1.5*Penilaian!$D$8,0)')
    assert aspects[1]["D"].endswith('+IF(Penilaian!$E$9="",3*Penilaian!$D$9,0)')


# -- summary formulas: values -------------------------------------------------------------


def summary_values(
    book: Any, fw: Framework, lang: Lang, get: Callable[[Any, str], Any]
) -> dict[str, Any]:
    """The summary's figures, read with ``get(sheet, ref)`` (evaluated or cached)."""
    sheet = book.worksheets[1]
    head = headline_rows(sheet, fw, lang)
    return {
        "tiers": [
            [(get(sheet, f"E{n['row']}"), get(sheet, f"F{n['row']}")) for n in table]
            for table in summary_tables(sheet, fw, lang)
        ],
        "index": get(sheet, f"B{head['index']}"),
        "rating": get(sheet, f"B{head['rating']}"),
        "empty": get(sheet, f"B{head['empty']}"),
        "reached": get(sheet, f"B{head['reached']}"),
    }


def evaluated(path: Path, fw: Framework, lang: Lang = "id") -> dict[str, Any]:
    book = open_book(path)
    return summary_values(book, fw, lang, Evaluator(book).cell)


def compare(values: Mapping[str, Any], result: Result, lang: Lang = "id") -> None:
    places = Decimal(1).scaleb(-result.framework.rounding.places)

    def number(value: Any) -> Decimal:
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        return Decimal(str(value)).quantize(places)

    expected = [[(n.published, n.band.full_label(lang)) for n in nodes] for nodes in result.tiers]
    assert [[(number(v), r) for v, r in table] for table in values["tiers"]] == expected
    assert number(values["index"]) == result.published
    assert values["rating"] == result.band.full_label(lang)
    assert int(values["empty"]) == len(result.assumed)
    yes = {"id": "Ya", "en": "Yes"}[lang]
    assert (values["reached"] == yes) == result.target_reached


def test_evaluator_rounds_as_excel() -> None:
    # 1.525 is stored as 1.52499999999999991...; Excel's ROUND(x, 2) still gives 1.53.
    assert excel_round(Fraction(1.525), Fraction(2)) == Fraction(1.53)
    assert excel_round(Fraction(1.5249999999999997), Fraction(2)) == Fraction(1.53)
    assert excel_round(Fraction(-2.675), Fraction(2)) == Fraction(-2.68)
    assert excel_round(Fraction(1, 3), Fraction(9)) == Fraction(0.333333333)


@pytest.mark.slow  # 12 random workbooks through the evaluator
@pytest.mark.parametrize("framework_id", sorted(EVERY))
def test_summary_formulas_mean_what_the_engine_computes(tmp_path: Path, framework_id: str) -> None:
    """Filled-in templates: the summary's formulas, evaluated, give the engine's figures."""
    fw = EVERY[framework_id]
    rng = random.Random(7)
    for case in range(4):
        values = random_values(fw, rng, gaps=(case % 2) * min(3, len(fw.indicators) - 1))
        lang: Lang = "en" if case == 3 else "id"
        path = write_template(fw, tmp_path / f"e{case}.xlsx", lang=lang)
        fill_in(path, fw, values)
        compare(evaluated(path, fw, lang), score(Assessment(levels=values), fw), lang)


def test_summary_of_an_empty_template_counts_every_default(tmp_path: Path) -> None:
    for fw in (PEMDI, EXTRA["external"], SPBE_2018):
        path = write_template(fw, tmp_path / f"{fw.id}.xlsx")
        result = score(Assessment(levels={}), fw)
        values = evaluated(path, fw)
        compare(values, result)
        assert int(values["empty"]) == len(fw.indicators)


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


@pytest.mark.slow  # a search over up to 200,000 level sets, then the evaluator
def test_tricky_level_sets_are_evaluated_right(tmp_path: Path) -> None:
    for number, levels in enumerate(_tricky_level_sets()):
        path = write_template(FW, tmp_path / f"t{number}.xlsx", levels=levels)
        compare(evaluated(path, FW), score(Assessment(levels=levels), FW))


def _pemdi_edge_sets() -> list[dict[str, Value]]:
    """Pemdi values whose index lies on each edge of Tabel 4 and a hair either side of it:
    every indicator at ``base`` gives the index ``base``; indicator 1 (weight 5) moved by
    ``d`` moves the index by ``d / 20`` (2,504 publishes as 2,50, Cukup, its exact value
    above the edge)."""
    ids = [i.id for i in PEMDI.indicators]
    sets: list[dict[str, Value]] = []
    for base, nudge in [
        ("1.5", "0"),
        ("1.5", "0.2"),
        ("2.5", "0"),
        ("2.5", "0.08"),
        ("2.5", "0.2"),
        ("3.5", "0"),
        ("3.5", "0.2"),
        ("4", "0"),
        ("4", "0.08"),
        ("4", "0.1"),
        ("5", "0"),
    ]:
        values: dict[str, Value] = dict.fromkeys(ids, Fraction(base))
        values["1"] = Fraction(base) + Fraction(nudge)
        sets.append(values)
    return sets


@pytest.mark.slow  # 11 Pemdi workbooks through the evaluator
def test_pemdi_edges_rate_as_tabel_4_in_the_evaluator(tmp_path: Path) -> None:
    """The template's own formulas (evaluated here) rate every Pemdi edge as the engine."""
    for number, values in enumerate(_pemdi_edge_sets()):
        path = write_template(PEMDI, tmp_path / f"edge{number}.xlsx")
        fill_in(path, PEMDI, values)
        result = score(Assessment(levels=values), PEMDI)
        compare(evaluated(path, PEMDI), result)
    ratings = [score(Assessment(levels=v), PEMDI).band.name for v in _pemdi_edge_sets()]
    assert ratings == [
        "Kurang",
        "Cukup",
        "Cukup",
        "Cukup",
        "Baik",
        "Baik",
        "Sangat Baik",
        "Sangat Baik",
        "Sangat Baik",
        "Memuaskan",
        "Memuaskan",
    ]


@pytest.mark.slow  # LibreOffice recalculates some 25 workbooks (about 11 s)
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (formulas evaluated here)")
def test_libreoffice_computes_the_engine_figures(tmp_path: Path) -> None:
    rng = random.Random(5)
    cases: list[tuple[Framework, dict[str, Value]]] = [
        (FW, dict.fromkeys(IDS, 1)),
        (FW, dict.fromkeys(IDS, 5)),
        (FW, dict(siantar_2021())),
        *((FW, dict(levels)) for levels in _tricky_level_sets()),
    ]
    for fw in EVERY.values():
        cases.append((fw, random_values(fw, rng, gaps=min(2, len(fw.indicators) - 1))))
    cases += [(PEMDI, values) for values in _pemdi_edge_sets()]
    cases += [(FW, dict.fromkeys(IDS, value)) for value in (Fraction(9, 5), Fraction(13, 5))]
    sources = []
    for number, (fw, values) in enumerate(cases):
        path = write_template(fw, tmp_path / f"case{number}.xlsx")
        fill_in(path, fw, values)
        sources.append(path)

    out = tmp_path / "out"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,  # type: ignore[list-item]
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
        timeout=300,
    )
    for source, (fw, values) in zip(sources, cases, strict=True):
        book = openpyxl.load_workbook(out / source.name, data_only=True)
        cached = summary_values(book, fw, "id", lambda sheet, ref: sheet[ref].value)
        compare(cached, score(Assessment(levels=values), fw))


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


@pytest.mark.slow  # 8 templates written and read back
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    levels=st.lists(st.integers(1, 5), min_size=len(IDS), max_size=len(IDS)),
    lang=st.sampled_from(["id", "en"]),
)
def test_round_trip_through_the_reader(levels: list[int], lang: Lang) -> None:
    from spbe_cli.readers import read_assessments

    wanted = dict(zip(IDS, levels, strict=True))
    with tempfile.TemporaryDirectory() as directory:
        path = write_template(
            FW,
            Path(directory) / "t.xlsx",
            lang=lang,
            agency="Kota Uji",
            year=2023,
            levels=wanted,
            opd={"1": "Diskominfo"},
        )
        read = read_assessments(str(path), FW)
    assert read.layout == "long"
    [assessment] = read.assessments
    assert assessment.levels == wanted
    assert (assessment.agency, assessment.year) == ("Kota Uji", 2023)
    assert assessment.opd == {"1": "Diskominfo"}
    assert not assessment.notes and not assessment.evidence  # the signature block is no data
    assert score(assessment, FW).index == score_levels(wanted, FW).index


@pytest.mark.slow  # 18 templates written, filled in and read back
@pytest.mark.parametrize("framework_id", sorted(EVERY))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_filled_in_template_reads_back_and_scores_alike(
    tmp_path: Path, framework_id: str, lang: Lang
) -> None:
    """A template filled in with openpyxl (the Nilai column only) reads back through the
    reader to the same values, and scores as the engine scores them; so do the summary's
    formulas."""
    from spbe_cli.readers import read_assessments

    fw = EVERY[framework_id]
    rng = random.Random(framework_id + lang)
    for case in range(3):
        values = random_values(fw, rng)
        if case == 2:  # externals left to their default
            values = {k: v for k, v in values.items() if fw.indicator_by_id[k].external is None}
        path = write_template(
            fw, tmp_path / f"{case}.xlsx", lang=lang, agency="Kota Uji", year=2026
        )
        fill_in(path, fw, values)
        read = read_assessments(path, framework=fw)
        [assessment] = read.assessments
        assert read.layout == "long" and read.sheet == tpl.SHEET_INPUT.get(lang)
        assert assessment.levels == values
        assert (assessment.agency, assessment.year) == ("Kota Uji", 2026)
        result = score(assessment, fw)
        expected = score(Assessment(levels=values), fw)
        assert (result.index, result.published, result.band) == (
            expected.index,
            expected.published,
            expected.band,
        )
        compare(evaluated(path, fw, lang), expected, lang)


def test_pemdi_decimal_values_read_back_exactly(tmp_path: Path) -> None:
    from spbe_cli.readers import read_assessments

    values: dict[str, Value] = {i.id: Fraction(63, 50) for i in PEMDI.indicators}
    values.update({"2": Fraction(7, 6), "3": 4, "4": Fraction(5, 2)})
    path = write_template(PEMDI, tmp_path / "t.xlsx")
    fill_in(path, PEMDI, values)
    [assessment] = read_assessments(path, framework=PEMDI).assessments
    assert assessment.levels["1"] == Fraction(63, 50)
    assert assessment.levels["2"] == Fraction(7, 6)
    assert assessment.levels == values
    result = score(assessment, PEMDI)
    assert result.index == score(Assessment(levels=values), PEMDI).index
    compare(evaluated(path, PEMDI), result)


def test_empty_template_is_refused_cell_by_cell(tmp_path: Path) -> None:
    from spbe_cli.readers import read_assessments

    path = write_template(FW, tmp_path / "t.xlsx")
    with pytest.raises(InputError) as caught:
        read_assessments(str(path), FW)
    last = tpl.FIRST_ROW + len(IDS) - 1
    places = [p.place for p in caught.value.problems]
    assert places == [f"Penilaian!F{tpl.FIRST_ROW}-F{last}"]  # every value cell


def test_empty_pemdi_template_is_refused_except_its_externals(tmp_path: Path) -> None:
    from spbe_cli.readers import read_assessments

    path = write_template(PEMDI, tmp_path / "t.xlsx")
    with pytest.raises(InputError) as caught:
        read_assessments(str(path), PEMDI)
    places = [p.place for p in caught.value.problems]
    rows = [tpl.FIRST_ROW + n for n, i in enumerate(PEMDI.indicators) if i.external is None]
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    cells = ", ".join(f"E{r[0]}" if len(r) == 1 else f"E{r[0]}-E{r[-1]}" for r in runs)
    assert places == [f"Penilaian!{cells}"]


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


def test_cli_writes_a_pemdi_template(tmp_path: Path) -> None:
    path = tmp_path / "pemdi.xlsx"
    result = runner.invoke(app, ["template", str(path), "--framework", "permenpanrb-8-2026"])
    assert result.exit_code == 0, result.output
    sheet = open_book(path)["Penilaian"]
    assert [c.value for c in sheet[tpl.HEADER_ROW]] == PEMDI_ID


def test_cli_start_up_does_not_import_openpyxl() -> None:
    code = "import sys, spbe_cli.cli.app; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
