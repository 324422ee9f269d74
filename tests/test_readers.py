"""Reading workbooks and CSV files: layouts, strict checks, hostile files."""

from __future__ import annotations

import copy
import io
import json
import os
import struct
import sys
import time
import zipfile
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from spbe_cli.assessment import CellRef
from spbe_cli.engine import score, score_levels
from spbe_cli.framework import Framework, load_framework, parse_framework
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem
from spbe_cli.readers import (
    SourceMap,
    cell_address,
    column_letters,
    compress_ids,
    read_assessments,
)
from spbe_cli.readers.cells import id_text
from spbe_cli.readers.safety import (
    ENCRYPTED_PACKAGE,
    MAX_ENTRIES,
    OLE2_MAGIC,
    check_input,
    parser_errors,
)

IDS = [str(i) for i in range(1, 48)]


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework("permenpanrb-59-2020")


@pytest.fixture(scope="module")
def fw05() -> Framework:
    """A small framework like 5/2018: levels 0-5 and items 35-1..35-3."""
    levels = "\n".join(f"        {n}: {{name: L{n}}}" for n in range(6))
    items = "\n".join(
        f'          - {{id: "{i}", name: Item {i}, type: t, weight: "25"}}'
        for i in ("34", "35-1", "35-2", "35-3")
    )
    text = f"""
id: mini-0-5
title: Mini
source: test
scale:
  min: 0
  max: 5
  types:
    t:
      name: T
      levels:
{levels}
bands:
  - {{name: Kurang, min: "0", max: "2.6"}}
  - {{name: Baik, min: "2.6", max: "5"}}
target: "2.6"
domains:
  - id: "1"
    name: D
    weight: "100"
    aspects:
      - id: "1"
        name: A
        weight: "100"
        indicators:
{items}
"""
    return parse_framework(text, "mini")


# -- helpers -------------------------------------------------------------------------------


def write_xlsx(path: Path, sheets: dict[str, Iterable[Iterable[Any]]]) -> Path:
    """A real .xlsx with one sheet per entry, rows written from A1 down."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def long_rows(
    levels: dict[str, Any] | None = None,
    *,
    header: Iterable[str] = ("No", "Nilai"),
    extra: Iterable[Any] = (),
) -> list[list[Any]]:
    """A header and a row per indicator (level 3 unless given)."""
    levels = levels if levels is not None else {}
    rows: list[list[Any]] = [list(header)]
    for key in IDS:
        if levels.get(key, 3) is not _SKIP:
            rows.append([int(key), levels.get(key, 3), *extra])
    return rows


_SKIP = object()


def wide_rows(agencies: dict[str, dict[str, Any]], year: Any = 2021) -> list[list[Any]]:
    rows: list[list[Any]] = [["Instansi", "Tahun", *IDS]]
    for name, levels in agencies.items():
        rows.append([name, year, *(levels.get(key, 2) for key in IDS)])
    return rows


def problems(error: pytest.ExceptionInfo[InputError]) -> list[tuple[str, str, str]]:
    """(code, place, English message) of every problem."""
    return [(p.code, p.place, p.text.en) for p in error.value.problems]


def codes(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.code for p in error.value.problems]


def rewrite_sheet_xml(
    path: Path, change: dict[bytes, bytes], part: str = "xl/worksheets/sheet1.xml"
) -> None:
    """Replace bytes in one part of an .xlsx (e.g. add a cached formula value)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == part:
                for old, new in change.items():
                    assert old in data, old
                    data = data.replace(old, new)
            target.writestr(info, data)


# -- small functions -----------------------------------------------------------------------


def indicator_key(value: object) -> str | None:
    """What the readers make of an id cell: its text, then the framework's id lookup."""
    found = id_text(value)
    return None if found is None else load_framework().indicator_id(found)


def test_indicator_key_accepts_the_usual_spellings() -> None:
    assert indicator_key(11) == "11"
    assert indicator_key(11.0) == "11"
    assert indicator_key("I11") == "11"
    assert indicator_key("Indikator 11") == "11"
    assert indicator_key("ind. 11") == "11"
    assert indicator_key(" 35 - 1 ") is None  # 35-1 is a 5/2018 id, not 59/2020's
    assert indicator_key("11.0") == "11"
    assert indicator_key("01") == "1"
    assert indicator_key("1.") == "1"
    assert indicator_key(11.5) is None
    assert indicator_key(True) is None
    assert indicator_key("Kebijakan Internal") is None


def test_cell_addresses() -> None:
    assert column_letters(0) == "A"
    assert column_letters(25) == "Z"
    assert column_letters(26) == "AA"
    assert column_letters(27) == "AB"
    assert column_letters(16383) == "XFD"
    assert cell_address(13, 2) == "C14"


def test_compress_ids_joins_runs() -> None:
    assert compress_ids(["12", "30", "31"]) == "12, 30-31"
    assert compress_ids(["1", "2", "3", "5", "35-1", "35-2"]) == "1-3, 5, 35-1, 35-2"
    assert compress_ids([]) == ""


def test_source_map_fills_on_first_use() -> None:
    lazy = SourceMap("f.xlsx", "Data", 6, {"1": 2, "2": 3})
    plain = {"1": CellRef("f.xlsx", "Data", "C7"), "2": CellRef("f.xlsx", "Data", "D7")}
    assert lazy == plain
    assert plain == SourceMap("f.xlsx", "Data", 6, {"1": 2, "2": 3})
    assert SourceMap("f", None, 0, {"1": 0}) != SourceMap("f", None, 1, {"1": 0})
    assert len(SourceMap("f", None, 0, {"1": 0, "2": 1})) == 2
    assert list(SourceMap("f", None, 0, {"1": 0, "2": 1})) == ["1", "2"]
    assert str(SourceMap("f", "S", 0, {"9": 27})["9"]) == "S!AB1"
    assert dict(SourceMap("f", "S", 0, {"9": 0})) == {"9": CellRef("f", "S", "A1")}
    assert {**SourceMap("f", "S", 0, {"9": 0})} == {"9": CellRef("f", "S", "A1")}
    assert copy.deepcopy(SourceMap("f", "S", 0, {"9": 0})) == {"9": CellRef("f", "S", "A1")}
    assert json.dumps({k: str(v) for k, v in SourceMap("f", "S", 0, {"9": 0}).items()}) == (
        '{"9": "S!A1"}'
    )
    assert "9" in SourceMap("f", "S", 0, {"9": 0})


# -- long layout ---------------------------------------------------------------------------


def test_long_layout_with_title_rows_labels_and_aliases(tmp_path: Path, fw: Framework) -> None:
    rows: list[list[Any]] = [
        ["Penilaian Mandiri SPBE"],
        ["Nama Instansi", None, "Kota Pematangsiantar"],
        ["Tahun:", 2021],
        [],
        [
            "Nomor",
            "Domain",
            "Nama Indikator",
            "Tingkat Kematangan (1-5)",
            "Perangkat Daerah",
            "Keterangan",
            "Upaya",
        ],
    ]
    for key in IDS:
        spelled: Any = {"11": "I11", "12": "Indikator 12", "13": 13.0}.get(key, int(key))
        rows.append(
            [
                spelled,
                "Domain",
                f"Indikator {key}",
                int(key) % 5 + 1,
                "Diskominfo",
                "bukti ada" if key == "1" else None,
                "1.5" if key == "1" else None,
            ]
        )
    rows.append([None, None, "Jumlah", "=SUM(D6:D52)"])
    path = write_xlsx(tmp_path / "long.xlsx", {"Penilaian": rows})

    result = read_assessments(path, fw)

    assert result.layout == "long"
    assert result.sheet == "Penilaian"
    assert result.source == str(path)
    assert result.warnings == []
    [assessment] = result.assessments
    assert assessment.agency == "Kota Pematangsiantar"
    assert assessment.year == 2021
    assert list(assessment.levels) == IDS
    assert assessment.levels["11"] == 2 and assessment.levels["12"] == 3
    assert assessment.levels["13"] == 4
    assert str(assessment.sources["11"]) == "Penilaian!D16"
    assert assessment.sources["11"].file == str(path)
    assert assessment.opd["5"] == "Diskominfo"
    assert assessment.notes == {"1": "bukti ada"}
    assert assessment.effort == {"1": Fraction(3, 2)}
    assert str(assessment.origin) == "Penilaian!C2"


def test_long_agency_and_year_columns_and_overrides(tmp_path: Path, fw: Framework) -> None:
    rows = long_rows(
        header=("Indikator", "Skor", "Instansi", "Tahun", "Kerangka"),
        extra=("Kab. Contoh", "2022", "permenpanrb-59-2020"),
    )
    path = write_xlsx(tmp_path / "cols.xlsx", {"Sheet1": rows})

    [read] = read_assessments(path, fw).assessments
    assert (read.agency, read.year, read.framework) == ("Kab. Contoh", 2022, "permenpanrb-59-2020")

    [overridden] = read_assessments(path, fw, agency="Kota Lain", year=2024).assessments
    assert (overridden.agency, overridden.year) == ("Kota Lain", 2024)


def test_long_prefers_the_column_holding_ids(tmp_path: Path, fw: Framework) -> None:
    rows: list[list[Any]] = [["No", "Indikator", "Nilai"]]
    rows += [[int(k), f"Tingkat Kematangan {k}", 4] for k in IDS]
    path = write_xlsx(tmp_path / "names.xlsx", {"Isian": rows})

    [assessment] = read_assessments(path, fw).assessments
    assert assessment.levels == dict.fromkeys(IDS, 4)


def test_long_skips_blank_and_heading_rows(tmp_path: Path, fw: Framework) -> None:
    rows = long_rows()
    rows.insert(1, ["Domain 1: Kebijakan Internal", None])
    rows.insert(5, [None, None])
    rows.append([None, 141])
    path = write_xlsx(tmp_path / "sections.xlsx", {"S": rows})

    [assessment] = read_assessments(path, fw).assessments
    assert len(assessment.levels) == 47


def test_levels_as_strings_and_floats(tmp_path: Path, fw: Framework) -> None:
    rows = long_rows({"1": " 3 ", "2": "4", "3": 5.0, "4": "2.0", "5": 1})
    path = write_xlsx(tmp_path / "types.xlsx", {"S": rows})

    levels = read_assessments(path, fw).assessments[0].levels
    assert [levels[k] for k in ("1", "2", "3", "4", "5")] == [3, 4, 5, 2, 1]
    assert all(type(v) is int for v in levels.values())


def test_long_effort_and_agency_problems(tmp_path: Path, fw: Framework) -> None:
    rows = long_rows(header=("No", "Nilai", "Effort", "Instansi"), extra=(None, "Kota A"))
    rows[1][2:] = ["0", "Kota A"]
    rows[2][2:] = ["banyak", "Kota A"]
    rows[3][2:] = ["2,5", "Kota B"]
    path = write_xlsx(tmp_path / "effort.xlsx", {"S": rows})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert problems(error) == [
        ("effort-invalid", "S!C2", "effort '0' must be a positive number (such as 1.5 or 20/6)"),
        (
            "effort-invalid",
            "S!C3",
            "effort 'banyak' must be a positive number (such as 1.5 or 20/6)",
        ),
        (
            "conflicting-values",
            "S!D4",
            "'Kota B' differs from 'Kota A' at S!D2; a sheet with a "
            "row per indicator holds one agency and one year",
        ),
    ]
    rows[1][2] = rows[2][2] = None
    rows[3][3] = "Kota A"
    write_xlsx(path, {"S": rows})
    [assessment] = read_assessments(path, fw).assessments
    assert assessment.effort == {"3": Fraction(5, 2)}


# -- strict validation ---------------------------------------------------------------------


def test_every_problem_is_reported_with_its_cell(tmp_path: Path, fw: Framework) -> None:
    rows: list[list[Any]] = [["Instansi", "Kota X"], ["No", "Nama", "Nilai"]]
    for key in IDS:
        rows.append([int(key), f"Indikator {key}", 3])
    # Spreadsheet row r is rows[r - 1]; indicator n is on row n + 2.
    rows[14 - 1][2] = 7  # C14: indicator 12 out of scale
    rows[15 - 1][2] = "tiga"  # C15: not a number
    rows[16 - 1][2] = 3.5  # C16: not whole
    rows[17 - 1][2] = None  # C17: blank
    rows[18 - 1][2] = True  # C18: boolean
    rows[19 - 1][0] = 12  # A19: duplicate of A14 (and 17 goes missing)
    rows[32 - 1][0] = 48  # A32: unknown (and 30 goes missing)
    rows[33 - 1][0] = None  # row 33 skipped (31 goes missing)
    path = write_xlsx(tmp_path / "rusak.xlsx", {"Penilaian": rows})

    with pytest.raises(InputError) as error:
        read_assessments(path, fw)

    assert error.value.source == str(path)
    found = problems(error)
    assert ("level-out-of-scale", "Penilaian!C14", "value 7 is outside 1-5") in found
    tiga = "value 'tiga' is not a number (write a whole level 1-5)"
    assert ("level-not-integer", "Penilaian!C15", tiga) in found
    assert ("level-not-integer", "Penilaian!C16", "level 3.5 is not a whole number") in found
    assert ("level-blank", "Penilaian!C17", "value is blank") in found
    assert (
        "level-wrong-type",
        "Penilaian!C18",
        "value TRUE is a true/false value, not a level",
    ) in found
    assert (
        "duplicate-indicator",
        "Penilaian!A19",
        "indicator 12 appears again (first at Penilaian!A14)",
    ) in found
    assert (
        "unknown-indicator",
        "Penilaian!A32",
        "unknown indicator 48 in framework permenpanrb-59-2020 (1..47)",
    ) in found
    assert ("missing-indicators", "Penilaian", "missing indicators 17, 30-31") in found
    assert len(found) == 8
    assert "Penilaian!C14: value 7 is outside 1-5" in str(error.value)


def test_dates_are_not_levels(tmp_path: Path, fw: Framework) -> None:
    import datetime as dt

    path = write_xlsx(tmp_path / "date.xlsx", {"S": long_rows({"2": dt.date(2021, 3, 1)})})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert problems(error) == [
        ("level-wrong-type", "S!B3", "value 2021-03-01 is a date or time, not a level")
    ]


def test_messages_are_in_both_languages(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "bahasa.xlsx", {"Penilaian": long_rows({"12": 7})})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    [problem] = error.value.problems
    assert problem.render("en") == "Penilaian!B13: value 7 is outside 1-5"
    assert problem.render("id") == "Penilaian!B13: nilai 7 di luar 1-5"


def test_missing_indicators_refused_then_allowed(tmp_path: Path, fw: Framework) -> None:
    rows = long_rows({"12": _SKIP, "30": _SKIP, "31": _SKIP, "5": 4})
    path = write_xlsx(tmp_path / "missing.xlsx", {"Penilaian": rows})

    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    [problem] = error.value.problems
    assert (problem.code, problem.text.en) == ("missing-indicators", "missing indicators 12, 30-31")
    assert problem.hint is not None and "--allow-missing" in problem.hint.en

    result = read_assessments(path, fw, allow_missing=True)
    levels = result.assessments[0].levels
    # Left out of the levels: the engine scores them at the minimum and lists them.
    assert len(levels) == 44 and levels["5"] == 4
    assert list(levels) == [k for k in IDS if k not in ("12", "30", "31")]
    assert "12" not in result.assessments[0].sources
    scored = score(result.assessments[0], fw)
    assert scored.assumed == ("12", "30", "31")
    assert scored.index == score_levels({**levels, "12": 1, "30": 1, "31": 1}, fw).index
    [warning] = result.warnings
    assert warning.code == "missing-filled"
    assert warning.text.en == "missing or blank indicators scored at 1: 12, 30-31"
    assert warning.text.id == "indikator yang tidak ada atau kosong diberi nilai 1: 12, 30-31"


def test_allow_missing_scores_blank_levels_at_the_minimum(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "blank.xlsx", {"S": long_rows({"3": None, "4": None})})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert problems(error) == [
        ("level-blank", "S!B4", "value is blank"),
        ("level-blank", "S!B5", "value is blank"),
    ]
    assert "--allow-missing" in (error.value.problems[0].hint or Text("", "")).en
    read = read_assessments(path, fw, allow_missing=True)
    [assessment] = read.assessments
    assert "3" not in assessment.levels and "4" not in assessment.levels
    assert assessment.levels["5"] == 3
    assert score(assessment, fw).assumed == ("3", "4")
    [warning] = read.warnings
    assert warning.text.en == "missing or blank indicators scored at 1: 3-4"


def test_allow_missing_does_not_excuse_a_formula_without_value(
    tmp_path: Path, fw: Framework
) -> None:
    path = write_xlsx(tmp_path / "rumus.xlsx", {"S": long_rows({"5": "=1+2", "6": None})})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw, allow_missing=True)
    assert [(c, p) for c, p, _ in problems(error)] == [("formula-without-value", "S!B6")]


def test_allow_missing_fills_blank_cells_of_a_wide_row(tmp_path: Path, fw: Framework) -> None:
    rows = wide_rows({"Kota A": {"7": None, "8": None}, "Kota B": {}})
    path = write_xlsx(tmp_path / "wide-blank.xlsx", {"Data": rows})
    with pytest.raises(InputError):
        read_assessments(path, fw)
    read = read_assessments(path, fw, allow_missing=True)
    first, second = read.assessments
    assert "7" not in first.levels and "8" not in first.levels and first.levels["9"] == 2
    assert score(first, fw).assumed == ("7", "8")
    assert len(second.levels) == len(fw.indicators)
    assert [(w.code, w.place, w.text.en) for w in read.warnings] == [
        ("blank-filled", "Data!A2", "Kota A: blank values scored at 1: 7-8")
    ]


def test_scale_comes_from_the_framework(tmp_path: Path, fw05: Framework) -> None:
    rows = [["Instansi", "34", "35-1", "35-2", "35-3"], ["Kota A", 0, 5, 6, -1]]
    path = write_xlsx(tmp_path / "old.xlsx", {"Data": rows})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw05)
    assert problems(error) == [
        ("level-out-of-scale", "Data!D2", "value 6 is outside 0-5"),
        ("level-out-of-scale", "Data!E2", "value -1 is outside 0-5"),
    ]
    rows[1][3:] = [2, 0]
    write_xlsx(tmp_path / "old.xlsx", {"Data": rows})
    [assessment] = read_assessments(tmp_path / "old.xlsx", fw05).assessments
    assert assessment.levels == {"34": 0, "35-1": 5, "35-2": 2, "35-3": 0}


def test_a_plain_35_is_unknown_under_items_35_1_to_3(tmp_path: Path, fw05: Framework) -> None:
    rows = [["No", "Nilai"], [34, 1], ["35", 2], ["35-1", 1], ["35-2", 1], ["35-3", 1]]
    path = write_xlsx(tmp_path / "item.xlsx", {"S": rows})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw05)
    assert problems(error) == [
        ("unknown-indicator", "S!A3", "unknown indicator '35' in framework mini-0-5 (34..35-3)")
    ]


# -- formulas ------------------------------------------------------------------------------


def test_formula_without_saved_value(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "rumus.xlsx", {"Penilaian": long_rows({"5": "=1+2"})})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    [problem] = error.value.problems
    assert problem.code == "formula-without-value"
    assert problem.place == "Penilaian!B6"
    assert problem.text.en.startswith("formula without a saved value: open and save the file")


def test_formula_with_saved_value_is_read(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "saved.xlsx", {"Penilaian": long_rows({"5": "=1+2"})})
    rewrite_sheet_xml(path, {b"<f>1+2</f><v />": b"<f>1+2</f><v>3</v>"})

    [assessment] = read_assessments(path, fw).assessments
    assert assessment.levels["5"] == 3


def test_formula_with_an_error_value(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "div0.xlsx", {"Penilaian": long_rows({"5": "=1/0"})})
    rewrite_sheet_xml(
        path, {b'<c r="B6"><f>1/0</f><v />': b'<c r="B6" t="e"><f>1/0</f><v>#DIV/0!</v>'}
    )
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert problems(error) == [
        ("cell-error", "Penilaian!B6", "the cell shows the error #DIV/0!, not a value")
    ]


def test_formula_in_a_wide_sheet(tmp_path: Path, fw: Framework) -> None:
    rows = wide_rows({"Kota A": {"3": "=2+1"}, "Kota B": {"4": None}})
    path = write_xlsx(tmp_path / "wide-formula.xlsx", {"Data": rows})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert [(c, p) for c, p, _ in problems(error)] == [
        ("formula-without-value", "Data!E2"),
        ("level-blank", "Data!F3"),
    ]


# -- wide layout ---------------------------------------------------------------------------


def test_wide_layout_with_many_agencies(tmp_path: Path, fw: Framework) -> None:
    header: list[Any] = ["No", "Instansi", "Tahun", "Provinsi"]
    header += ["I1", "Indikator 2", "Ind 3"] + [int(k) for k in IDS[3:]]
    rows: list[list[Any]] = [["Rekap Nilai SPBE"], header]
    for n in range(1, 201):
        rows.append([n, f"Kota {n}", 2020 + n % 3, "Sumut", *((n + int(k)) % 5 + 1 for k in IDS)])
    rows.append([None] * len(header))
    path = write_xlsx(tmp_path / "rekap.xlsx", {"Rekap": rows})

    result = read_assessments(path, fw)

    assert (result.layout, result.sheet) == ("wide", "Rekap")
    assert len(result.assessments) == 200
    seventh = result.assessments[6]
    assert (seventh.agency, seventh.year) == ("Kota 7", 2021)
    assert seventh.levels == {k: (7 + int(k)) % 5 + 1 for k in IDS}
    assert str(seventh.origin) == "Rekap!B9"
    assert str(seventh.sources["1"]) == "Rekap!E9"
    assert str(seventh.sources["47"]) == "Rekap!AY9"
    assert len(seventh.sources) == 47


def test_wide_problems_name_their_cells(tmp_path: Path, fw: Framework) -> None:
    header: list[Any] = ["Instansi", *IDS, "48", "I5"]
    rows: list[list[Any]] = [header]
    rows.append(["Kota A", *([3] * 47), 1, 1])
    rows.append(["Kota B", *([3] * 10), 9, *([3] * 36), 1, 1])
    rows.append([None, *([3] * 49)])
    rows.append(["Kota C", True, *([3] * 46), 1, 1])
    rows.append(["Kota D", *([1] * 47), 1, 1])
    path = write_xlsx(tmp_path / "wide-bad.xlsx", {"Data": rows})

    with pytest.raises(InputError) as error:
        read_assessments(path, fw)

    assert sorted(problems(error)) == sorted(
        [
            (
                "unknown-indicator",
                "Data!AW1",
                "unknown indicator '48' in framework permenpanrb-59-2020 (1..47)",
            ),
            ("duplicate-indicator", "Data!AX1", "indicator 5 appears again (first at Data!F1)"),
            ("level-out-of-scale", "Data!L3", "value 9 is outside 1-5"),
            ("agency-blank", "Data!A4", "the agency name is blank but the row has values"),
            ("level-wrong-type", "Data!B5", "value TRUE is a true/false value, not a level"),
        ]
    )


def test_wide_missing_columns(tmp_path: Path, fw: Framework) -> None:
    keep = [k for k in IDS if k not in ("12", "30", "31")]
    rows = [["Agency", *keep], ["Kota A", *([4] * len(keep))]]
    path = write_xlsx(tmp_path / "wide-missing.xlsx", {"Data": rows})

    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert problems(error) == [("missing-indicators", "Data", "missing indicators 12, 30-31")]

    result = read_assessments(path, fw, allow_missing=True)
    assert "30" not in result.assessments[0].levels
    assert result.assessments[0].levels["29"] == 4
    assert score(result.assessments[0], fw).assumed == ("12", "30", "31")
    assert [w.code for w in result.warnings] == ["missing-filled"]


def test_wide_year_override_and_agency_warning(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {"Data": wide_rows({"A": {}, "B": {}})})
    result = read_assessments(path, fw, year=2030, agency="Kota Z")
    assert [(a.agency, a.year) for a in result.assessments] == [("A", 2030), ("B", 2030)]
    assert [w.code for w in result.warnings] == ["agency-ignored"]


def test_wide_bad_year(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "y.xlsx", {"Data": wide_rows({"A": {}}, year="tahun lalu")})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert problems(error) == [
        ("year-invalid", "Data!B2", "year 'tahun lalu' is not a year (such as 2024)")
    ]


# -- layout detection ----------------------------------------------------------------------


def test_auto_detect_skips_sheets_without_a_header(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(
        tmp_path / "multi.xlsx",
        {
            "Petunjuk": [["Isi nilai di lembar berikut"], ["Tahun", 2021]],
            "Kosong": [],
            "Rekap": wide_rows({"Kota A": {}, "Kota B": {}}),
            "Penilaian": long_rows(),
        },
    )
    auto = read_assessments(path, fw)
    assert (auto.layout, auto.sheet, len(auto.assessments)) == ("wide", "Rekap", 2)

    long = read_assessments(path, fw, layout="long")
    assert (long.layout, long.sheet) == ("long", "Penilaian")

    chosen = read_assessments(path, fw, sheet="penilaian")
    assert (chosen.layout, chosen.sheet) == ("long", "Penilaian")


def test_forced_layout_that_does_not_fit(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "only-wide.xlsx", {"Rekap": wide_rows({"Kota A": {}})})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw, layout="long")
    [problem] = error.value.problems
    assert problem.code == "no-layout"
    assert "(Rekap)" in problem.text.en
    assert problem.hint is not None
    assert "indicator column" in problem.hint.en and "Instansi" not in problem.hint.en


def test_no_sheet_has_a_known_header(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "other.xlsx", {"A": [["x", "y"], [1, 2]], "B": [["Nama"]]})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    [problem] = error.value.problems
    assert problem.code == "no-layout"
    assert "(A, B)" in problem.text.en and "(A, B)" in problem.text.id
    assert problem.hint is not None and "Nilai" in problem.hint.en and "Instansi" in problem.hint.en


def test_sheet_not_found_lists_the_sheets(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", {"Rekap": wide_rows({"A": {}}), "Catatan": [["x"]]})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw, sheet="Penilaian")
    assert problems(error) == [
        ("sheet-not-found", str(path), "has no sheet 'Penilaian'; its sheets are: Rekap, Catatan")
    ]


# -- CSV -----------------------------------------------------------------------------------


def test_csv_file_with_comma(tmp_path: Path, fw: Framework) -> None:
    lines = ["Indikator,Nilai"] + [f"{k},{int(k) % 5 + 1}" for k in IDS]
    path = tmp_path / "nilai.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = read_assessments(path, fw, agency="Kota A", year=2023)
    assert (result.layout, result.sheet) == ("long", None)
    [assessment] = result.assessments
    assert assessment.levels["4"] == 5
    assert (assessment.agency, assessment.year) == ("Kota A", 2023)
    assert str(assessment.sources["4"]) == "B5"
    assert assessment.sources["4"].sheet is None


def test_csv_semicolon_with_bom_and_problems(tmp_path: Path, fw: Framework) -> None:
    lines = [
        "Instansi;Tahun;" + ";".join(IDS),
        "Kota A;2021;" + ";".join(["3"] * 47),
        "Kota B;2021;" + ";".join(["3"] * 13 + ["3,5"] + ["3"] * 33),
    ]
    path = tmp_path / "rekap.csv"
    path.write_bytes(("\n".join(lines)).encode("utf-8-sig"))

    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert problems(error) == [("level-not-integer", "P3", "level '3,5' is not a whole number")]


def test_csv_tab_separated_from_stdin(monkeypatch: pytest.MonkeyPatch, fw: Framework) -> None:
    lines = ["Agency\tYear\t" + "\t".join(IDS), "Kota A\t2021\t" + "\t".join(["4"] * 47)]
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(lines).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)

    result = read_assessments("-", fw)
    assert result.source == "-"
    assert [(a.agency, a.year, a.levels["47"]) for a in result.assessments] == [("Kota A", 2021, 4)]


def test_csv_encodings_from_excel(tmp_path: Path, fw: Framework) -> None:
    lines = ["Instansi;" + ";".join(IDS), "Kab. Tobasa Ñ;" + ";".join(["2"] * 47)]
    text = "\r\n".join(lines)
    for encoding, name in (("utf-16", "u16.csv"), ("cp1252", "ansi.csv")):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        [assessment] = read_assessments(path, fw).assessments
        assert assessment.agency == "Kab. Tobasa Ñ"
        assert assessment.levels["47"] == 2


def test_binary_named_csv(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "biner.csv"
    path.write_bytes(b"No,Nilai\x00\x01\x02" * 10)
    problem = refused(path, fw)
    assert (problem.code, problem.text.en) == ("not-csv", "is not a CSV text file")


def test_empty_csv(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "kosong.csv"
    path.write_text("\n;;\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert codes(error) == ["no-data"]


# -- hostile and damaged files -------------------------------------------------------------


def refused(path: Path, fw: Framework) -> Problem:
    """The single problem a file is refused with."""
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert error.value.source == str(path)
    [problem] = error.value.problems
    assert problem.place == str(path)
    return problem


def test_zip_bomb_refused_fast(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "bom.xlsx"
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            for _ in range(60):
                entry.write(zeros)

    started = time.perf_counter()
    problem = refused(path, fw)
    assert time.perf_counter() - started < 0.5
    assert problem.code == "zip-bomb"
    assert "zip bomb" in problem.text.en and "bom zip" in problem.text.id


def declare_sizes(path: Path, sizes: dict[str, tuple[int, int]]) -> None:
    """Rewrite the (compressed, uncompressed) sizes the central directory declares."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length, extra_length, comment_length = struct.unpack("<3H", data[at + 28 : at + 34])
        name = data[at + 46 : at + 46 + name_length].decode()
        if name in sizes:
            data[at + 20 : at + 28] = struct.pack("<2L", *sizes[name])
        at = data.find(b"PK\x01\x02", at + 46 + name_length + extra_length + comment_length)
    path.write_bytes(bytes(data))


def test_declared_total_over_the_limit_is_refused(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "besar.xlsx", {"S": long_rows()})
    mib = 1024 * 1024
    declare_sizes(
        path,
        {"xl/worksheets/sheet1.xml": (10 * mib, 700 * mib), "xl/styles.xml": (10 * mib, 700 * mib)},
    )
    problem = refused(path, fw)
    assert problem.code == "zip-bomb"
    assert "1.4 GiB" in problem.text.en and "limit 1.0 GiB" in problem.text.en


@pytest.mark.slow  # a zip with more entries than the limit
def test_too_many_entries(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "banyak.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for n in range(MAX_ENTRIES + 1):
            archive.writestr(f"x/{n}", b"")
    problem = refused(path, fw)
    assert problem.code == "zip-bomb"
    assert "too many parts" in problem.text.en


def test_a_genuine_large_sheet_passes_the_zip_check(tmp_path: Path) -> None:
    # About what a 100,000-row, 48-column sheet declares (sizes as Excel writes them).
    path = write_xlsx(tmp_path / "large.xlsx", {"S": long_rows()})
    mib = 1024 * 1024
    declare_sizes(path, {"xl/worksheets/sheet1.xml": (15 * mib, 170 * mib)})
    assert check_input(path, "large.xlsx") == "xlsx"


def test_random_bytes(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "acak.xlsx"
    path.write_bytes(os.urandom(4096).replace(b"PK", b"pk"))
    problem = refused(path, fw)
    assert problem.code == "not-a-workbook"
    assert problem.text.en == (
        "is not a readable Excel workbook (the file may be damaged or not a spreadsheet)"
    )


def test_zip_that_is_not_a_workbook(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan lembar kerja")
    assert refused(path, fw).code == "not-a-workbook"


def test_truncated_workbook(tmp_path: Path, fw: Framework) -> None:
    whole = write_xlsx(tmp_path / "utuh.xlsx", {"S": long_rows()}).read_bytes()
    for cut, name in ((len(whole) // 2, "half.xlsx"), (len(whole) - 5, "tail.xlsx")):
        path = tmp_path / name
        path.write_bytes(whole[:cut])
        assert refused(path, fw).code == "not-a-workbook"


def test_damaged_sheet_data_is_mapped(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "rusak.xlsx", {"S": long_rows()})
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start : start + 200] = os.urandom(200)
    path.write_bytes(bytes(data))
    assert refused(path, fw).code == "not-a-workbook"


def ole2_file(path: Path, *streams: str) -> Path:
    """A minimal OLE2 (compound file) header followed by directory-entry names."""
    body = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in streams)
    path.write_bytes(OLE2_MAGIC + bytes(504) + body + bytes(512))
    return path


def test_encrypted_workbook(tmp_path: Path, fw: Framework) -> None:
    path = ole2_file(tmp_path / "rahasia.xlsx", "EncryptionInfo", "EncryptedPackage")
    assert ENCRYPTED_PACKAGE in path.read_bytes()
    problem = refused(path, fw)
    assert (problem.code, problem.text.en) == (
        "password-protected",
        "is password-protected; remove the password in Excel and save again",
    )
    assert "kata sandi" in problem.text.id
    named_xls = ole2_file(tmp_path / "rahasia.xls", "EncryptedPackage")
    assert refused(named_xls, fw).code == "password-protected"


def test_old_xls_renamed(tmp_path: Path, fw: Framework) -> None:
    problem = refused(ole2_file(tmp_path / "lama.xlsx", "Workbook"), fw)
    assert (problem.code, problem.text.en) == (
        "xls-renamed",
        "is an old Excel 97-2003 (.xls) file with an .xlsx name; rename it to "
        ".xls or save it as .xlsx",
    )


def test_damaged_xls_is_mapped(tmp_path: Path, fw: Framework) -> None:
    problem = refused(ole2_file(tmp_path / "rusak.xls", "Workbook"), fw)
    assert problem.code == "not-a-workbook"


def test_xlsx_named_xls(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "baru.xls", {"S": long_rows()})
    assert refused(path, fw).code == "xlsx-renamed"


def test_text_named_xlsx(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "teks.xlsx"
    path.write_text("No,Nilai\n1,3\n", encoding="utf-8")
    problem = refused(path, fw)
    assert problem.code == "not-a-workbook"
    assert problem.hint is not None and "rename it to .csv" in problem.hint.en


def test_empty_workbook(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "kosong.xlsx", {"Sheet1": [], "Sheet2": []})
    problem = refused(path, fw)
    assert (problem.code, problem.text.en, problem.text.id) == (
        "no-data",
        "contains no data",
        "tidak berisi data",
    )


def test_empty_named_sheet(tmp_path: Path, fw: Framework) -> None:
    path = write_xlsx(tmp_path / "k.xlsx", {"Data": wide_rows({"A": {}}), "Isi": []})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw, sheet="Isi")
    assert problems(error) == [("no-data", str(path), "sheet 'Isi' contains no data")]


@pytest.mark.parametrize(
    ("make", "code", "english"),
    [
        (
            lambda p: p / "tidak-ada.xlsx",
            "file-not-found",
            "was not found; check the file name and folder",
        ),
        (lambda p: p, "is-a-directory", "is a folder, not a file"),
        (
            lambda p: p / "nilai.txt",
            "unsupported-format",
            "is not a supported format; use one of .xlsx, .xlsm, .xls, .ods, .csv",
        ),
    ],
)
def test_files_that_cannot_be_read(
    tmp_path: Path, fw: Framework, make: Any, code: str, english: str
) -> None:
    path = make(tmp_path)
    if path.suffix == ".txt":
        path.write_text("x")
    if code == "is-a-directory":
        path = tmp_path / "folder.xlsx"
        path.mkdir()
    problem = refused(path, fw)
    assert (problem.code, problem.text.en) == (code, english)


def test_zero_byte_workbook(tmp_path: Path, fw: Framework) -> None:
    path = tmp_path / "nol.xlsx"
    path.write_bytes(b"")
    assert refused(path, fw).code == "empty-file"


def test_unreadable_file(tmp_path: Path, fw: Framework, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = write_xlsx(tmp_path / "rahasia.xlsx", {"S": long_rows()})
    real_open = os.open

    def denied(name: Any, *args: Any, **kwargs: Any) -> Any:
        # chmod 0 does not stop root (CI runs as root): refuse the way the OS would.
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    problem = refused(path, fw)
    assert problem.code == "unreadable"
    assert "permission denied" in problem.text.en


def test_parser_errors_become_input_errors() -> None:
    from python_calamine import CalamineError, PasswordError

    class PanicException(BaseException):  # stands in for pyo3's panic
        pass

    cases: list[tuple[BaseException, str]] = [
        (PasswordError("x"), "password-protected"),
        (CalamineError("Cfb error"), "not-a-workbook"),
        (ValueError("odd"), "not-a-workbook"),
        (PanicException("boom"), "not-a-workbook"),
    ]
    for raised, code in cases:
        with pytest.raises(InputError) as error, parser_errors("f.xlsx"):
            raise raised
        assert codes(error) == [code]
    with pytest.raises(KeyboardInterrupt), parser_errors("f.xlsx"):
        raise KeyboardInterrupt


def test_problem_texts_have_both_languages(tmp_path: Path, fw: Framework) -> None:
    rows = long_rows({"1": 9, "2": "x", "3": None, "4": True, "5": _SKIP})
    rows += [[48, 1], [1, 2]]
    path = write_xlsx(tmp_path / "dua.xlsx", {"S": rows})
    with pytest.raises(InputError) as error:
        read_assessments(path, fw)
    assert len(error.value.problems) == 7
    for problem in error.value.problems:
        assert isinstance(problem.text, Text)
        assert problem.text.id and problem.text.en and problem.text.id != problem.text.en
