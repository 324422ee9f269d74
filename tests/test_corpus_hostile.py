"""Broken and hostile files (issue #9): each must be refused with an InputError that names
the file and the cell, every problem once, the input untouched, in bounded time and memory.
"""

from __future__ import annotations

import os
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from corpus_files import (
    OLD,
    PEMDI,
    SPBE,
    Sheet,
    address,
    column_of,
    decimal_levels,
    digest,
    ids_of,
    long_sheet,
    whole_levels,
    wide_rows,
    write_csv,
    write_single_line_csv,
    write_xlsx,
)
from spbe_cli.problems import InputError
from spbe_cli.readers import read_assessments
from spbe_cli.readers.csvtext import MAX_CSV_BYTES, MAX_FIELDS, MAX_LINE_BYTES

SPBE_IDS = ids_of(SPBE)
PEMDI_IDS = ids_of(PEMDI)
MIB = 1024 * 1024


@dataclass
class Refusal:
    """A written file and what its refusal must say."""

    path: Path
    wanted: list[tuple[str, str, str]]
    """(code, place, words the English message holds) that must each appear exactly once."""
    options: dict[str, Any] = field(default_factory=dict)


CASES: dict[str, Callable[[Path], Refusal]] = {}


def case(name: str) -> Callable[[Callable[[Path], Refusal]], Callable[[Path], Refusal]]:
    def register(build: Callable[[Path], Refusal]) -> Callable[[Path], Refusal]:
        assert name not in CASES
        CASES[name] = build
        return build

    return register


def spbe_file(
    tmp: Path,
    change: Callable[[list[Any]], None] | None = None,
    *,
    header: str = "Nilai",
    file: str = "rusak.xlsx",
    ids: list[Any] | None = None,
) -> tuple[Path, Any]:
    """A valid long sheet 'Penilaian' (header row 5, indicators from row 6) with the value
    column ``C``, after ``change`` edits the values."""
    values: list[Any] = column_of(whole_levels(SPBE, 1), SPBE_IDS)
    if change is not None:
        change(values)
    sheet = long_sheet(ids if ids is not None else [int(k) for k in SPBE_IDS], {header: values})
    return write_xlsx(tmp / file, Sheet("Penilaian", sheet.rows)), sheet


def setter(index: int, value: Any) -> Callable[[list[Any]], None]:
    def change(values: list[Any]) -> None:
        values[index] = value

    return change


# -- values -------------------------------------------------------------------------------------


@case("level-above-scale")
def _above(tmp: Path) -> Refusal:
    path, sheet = spbe_file(tmp, setter(8, 7))
    return Refusal(
        path,
        [("level-out-of-scale", f"Penilaian!{sheet.cell('Nilai', 8)}", "value 7 is outside 1-5")],
    )


@case("level-zero-on-1-5")
def _zero(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp, setter(0, 0))
    return Refusal(path, [("level-out-of-scale", "Penilaian!C6", "value 0 is outside 1-5")])


@case("negative-level")
def _negative(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp, setter(46, -2))
    return Refusal(path, [("level-out-of-scale", "Penilaian!C52", "value -2 is outside 1-5")])


@case("decimal-on-whole-scale")
def _decimal(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp, setter(9, 2.5))
    return Refusal(path, [("level-not-integer", "Penilaian!C15", "2.5 is not a whole number")])


@case("decimal-comma-text-on-whole-scale-csv")
def _decimal_csv(tmp: Path) -> Refusal:
    values: list[Any] = column_of(whole_levels(SPBE, 2), SPBE_IDS)
    values[3] = "2,5"
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": values})
    path = write_csv(tmp / "koma.csv", sheet.rows, delimiter=";")
    return Refusal(path, [("level-not-integer", "C9", "'2,5' is not a whole number")])


@case("word-as-level")
def _word(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp, setter(12, "tiga"))
    return Refusal(path, [("level-not-integer", "Penilaian!C18", "'tiga' is not a number")])


@case("true-as-level")
def _bool(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp, setter(2, True))
    return Refusal(path, [("level-wrong-type", "Penilaian!C8", "true/false")])


@case("date-as-level")
def _date(tmp: Path) -> Refusal:
    import datetime as dt

    path, _ = spbe_file(tmp, setter(5, dt.datetime(2023, 3, 1)))
    return Refusal(path, [("level-wrong-type", "Penilaian!C11", "date or time")])


@case("blank-value-in-scored-track")
def _blank(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp, setter(20, None))
    return Refusal(path, [("level-blank", "Penilaian!C26", "value is blank")])


@case("pemdi-value-above-5")
def _pemdi_high(tmp: Path) -> Refusal:
    values: list[Any] = column_of(decimal_levels(PEMDI, 1), PEMDI_IDS)
    values[0] = 5.5
    sheet = long_sheet(
        [int(k) for k in PEMDI_IDS],
        {"Nilai": values},
        title=[["Instansi", "Kota"], ["Tahun", 2026]],
    )
    path = write_xlsx(tmp / "pemdi.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(path, [("level-out-of-scale", "Penilaian!C4", "value 5.5 is outside 1-5")])


@case("pemdi-two-decimal-commas")
def _pemdi_text(tmp: Path) -> Refusal:
    values: list[Any] = column_of(decimal_levels(PEMDI, 2), PEMDI_IDS)
    values[4] = "1,2,6"
    sheet = long_sheet(
        [int(k) for k in PEMDI_IDS],
        {"Nilai": values},
        title=[["Instansi", "Kota"], ["Tahun", 2026]],
    )
    path = write_csv(tmp / "pemdi.csv", sheet.rows, delimiter=";", decimal_comma=True)
    return Refusal(path, [("level-not-integer", "C8", "'1,2,6' is not a number")])


@case("old-level-6")
def _old(tmp: Path) -> Refusal:
    old = ids_of(OLD)
    values: list[Any] = column_of(whole_levels(OLD, 0), old)
    values[36] = 6
    sheet = long_sheet(old, {"Nilai": values}, title=[["Instansi", "Kota"], ["Tahun", 2019]])
    path = write_xlsx(tmp / "2019.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(path, [("level-out-of-scale", "Penilaian!C40", "value 6 is outside 0-5")])


@case("formulas-without-saved-values")
def _formulas(tmp: Path) -> Refusal:
    def change(values: list[Any]) -> None:
        for index in range(10, 20):
            values[index] = f"=B{index + 6}*0+3"

    path, _ = spbe_file(tmp, change)
    return Refusal(
        path, [("formula-without-value", "Penilaian!C16-C25", "formula without a saved value")]
    )


# -- ids ----------------------------------------------------------------------------------------


@case("unknown-indicator")
def _unknown(tmp: Path) -> Refusal:
    ids: list[Any] = [int(k) for k in SPBE_IDS]
    ids.append(48)
    values: list[Any] = [*column_of(whole_levels(SPBE, 3), SPBE_IDS), 3]
    sheet = long_sheet(ids, {"Nilai": values})
    path = write_xlsx(tmp / "48.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(path, [("unknown-indicator", "Penilaian!A53", "unknown indicator 48")])


@case("duplicate-indicator")
def _duplicate(tmp: Path) -> Refusal:
    ids: list[Any] = [int(k) for k in SPBE_IDS]
    ids.insert(12, 12)
    values: list[Any] = column_of(whole_levels(SPBE, 4), SPBE_IDS)
    values.insert(12, 3)
    sheet = long_sheet(ids, {"Nilai": values})
    path = write_xlsx(tmp / "ganda.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(
        path,
        [
            (
                "duplicate-indicator",
                "Penilaian!A18",
                "indicator 12 appears again (first at Penilaian!A17)",
            )
        ],
    )


@case("47-identical-unknown-ids-one-line")
def _many_unknown(tmp: Path) -> Refusal:
    """A 59/2020 file whose ids were written with a stray letter: one line, not 47."""
    path, _ = spbe_file(tmp, ids=[f"X{k}" for k in SPBE_IDS])
    return Refusal(
        path, [("unknown-indicator", "Penilaian!A6-A52", "(47 cells)")], options={"framework": SPBE}
    )


@case("missing-indicators")
def _missing(tmp: Path) -> Refusal:
    keep = [k for k in SPBE_IDS if k not in {"30", "31", "45"}]
    sheet = long_sheet([int(k) for k in keep], {"Nilai": column_of(whole_levels(SPBE, 5), keep)})
    path = write_xlsx(tmp / "kurang.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(path, [("missing-indicators", "Penilaian", "missing indicators 30-31, 45")])


@case("two-disagreeing-id-columns")
def _two_ids(tmp: Path) -> Refusal:
    """Two weak id columns ('No', 'Nomor Urut') that disagree: neither can be trusted."""
    values = column_of(whole_levels(SPBE, 6), SPBE_IDS)
    shuffled = [int(k) for k in SPBE_IDS[1:] + SPBE_IDS[:1]]
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS], {"Nilai": values}, before={"Nomor Urut": shuffled}
    )
    path = write_xlsx(tmp / "dua-nomor.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(path, [("ambiguous-columns", "Penilaian!B5", "A5 'Nomor Urut' and B5 'No'")])


# -- header -------------------------------------------------------------------------------------


@case("two-plain-value-columns")
def _two_values(tmp: Path) -> Refusal:
    levels = column_of(whole_levels(SPBE, 7), SPBE_IDS)
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": levels, "Skor": levels})
    path = write_xlsx(tmp / "nilai-skor.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(
        path, [("ambiguous-columns", "Penilaian!D5", "track 'nilai': C5 'Nilai' and D5 'Skor'")]
    )


@case("two-final-value-columns")
def _two_final(tmp: Path) -> Refusal:
    levels = column_of(whole_levels(SPBE, 8), SPBE_IDS)
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai Asesor": levels, "Nilai Akhir": levels})
    path = write_xlsx(tmp / "asesor-akhir.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(
        path,
        [
            (
                "ambiguous-columns",
                "Penilaian!D5",
                "track 'akhir': C5 'Nilai Asesor' and D5 'Nilai Akhir'",
            )
        ],
    )


@case("asked-track-absent")
def _asked(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp, header="Nilai Mandiri")
    return Refusal(
        path,
        [("track-not-found", "Penilaian", "no value column for the track 'akhir'")],
        options={"track": "asesor"},
    )


@case("no-header")
def _no_header(tmp: Path) -> Refusal:
    rows = [["Laporan"], ["isi", "apa", "saja"], [1, 2, 3]]
    path = write_xlsx(tmp / "lain.xlsx", Sheet("Data", rows))
    return Refusal(path, [("no-layout", str(path), "no header row was recognised")])


@case("two-agencies-in-long-sheet")
def _two_agencies(tmp: Path) -> Refusal:
    names = ["Kota Satu"] * 47
    names[30] = "Kota Dua"
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai": column_of(whole_levels(SPBE, 9), SPBE_IDS)},
        title=[],
        before={"Instansi": names, "Tahun": [2023] * 47},
    )
    path = write_xlsx(tmp / "dua-instansi.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(
        path,
        [
            (
                "conflicting-values",
                "Penilaian!A32",
                "'Kota Dua' differs from 'Kota Satu' at Penilaian!A2",
            )
        ],
    )


@case("year-not-a-year")
def _bad_year(tmp: Path) -> Refusal:
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai": column_of(whole_levels(SPBE, 10), SPBE_IDS)},
        title=[["Instansi", "Kota"], ["Tahun", "dua ribu"]],
    )
    path = write_xlsx(tmp / "tahun.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(
        path,
        [("year-invalid", "Penilaian!B2", "year 'dua ribu' is not a year")],
        options={"framework": SPBE},
    )


# -- wide ---------------------------------------------------------------------------------------


def wide_file(
    tmp: Path,
    records: list[list[Any]],
    lead: tuple[str, ...] = ("Instansi", "Tahun"),
    file: str = "rekap.xlsx",
) -> Path:
    return write_xlsx(tmp / file, Sheet("Rekap", wide_rows(SPBE_IDS, records, lead=lead)))


@case("wide-duplicate-agency-year")
def _wide_dup(tmp: Path) -> Refusal:
    a, b = column_of(whole_levels(SPBE, 1), SPBE_IDS), column_of(whole_levels(SPBE, 2), SPBE_IDS)
    path = wide_file(tmp, [["Kota Satu", 2023, *a], ["Kab Dua", 2023, *a], ["Kota Satu", 2023, *b]])
    return Refusal(
        path,
        [
            (
                "duplicate-agency",
                "Rekap!A4",
                "Kota Satu 2023: the same agency and year is already in row 2",
            )
        ],
    )


@case("wide-duplicate-differs-in-case-and-spaces")
def _wide_dup_case(tmp: Path) -> Refusal:
    a = column_of(whole_levels(SPBE, 3), SPBE_IDS)
    path = wide_file(tmp, [["Kota  Satu", 2023, *a], ["kota satu ", 2023, *a]])
    return Refusal(path, [("duplicate-agency", "Rekap!A3", "already in row 2")])


@case("wide-duplicate-agency-year-track")
def _wide_dup_track(tmp: Path) -> Refusal:
    a = column_of(whole_levels(SPBE, 4), SPBE_IDS)
    path = wide_file(
        tmp,
        [
            ["Kota Satu", 2023, "Mandiri", *a],
            ["Kota Satu", 2023, "Akhir", *a],
            ["Kota Satu", 2023, "Nilai Mandiri", *a],
        ],
        lead=("Instansi", "Tahun", "Jenis"),
    )
    return Refusal(
        path,
        [("duplicate-agency", "Rekap!A4", "the same agency, year and track is already in row 2")],
    )


@case("wide-unknown-track")
def _wide_track(tmp: Path) -> Refusal:
    a = column_of(whole_levels(SPBE, 5), SPBE_IDS)
    path = wide_file(
        tmp,
        [["Kota Satu", 2023, "Akhir", *a], ["Kota Satu", 2023, "Sementara", *a]],
        lead=("Instansi", "Tahun", "Track"),
    )
    return Refusal(path, [("track-invalid", "Rekap!C3", "unknown track 'Sementara'")])


@case("wide-blank-agency-with-values")
def _wide_blank(tmp: Path) -> Refusal:
    a = column_of(whole_levels(SPBE, 6), SPBE_IDS)
    path = wide_file(tmp, [["Kota Satu", 2023, *a], [None, 2023, *a]])
    return Refusal(path, [("agency-blank", "Rekap!A3", "agency name is blank")])


@case("wide-out-of-scale-cell")
def _wide_scale(tmp: Path) -> Refusal:
    a: list[Any] = column_of(whole_levels(SPBE, 7), SPBE_IDS)
    b = list(a)
    b[13] = 9
    path = wide_file(tmp, [["Kota Satu", 2023, *a], ["Kab Dua", 2023, *b]])
    return Refusal(
        path, [("level-out-of-scale", f"Rekap!{address(3, 2 + 13)}", "value 9 is outside 1-5")]
    )


# -- not a table at all -------------------------------------------------------------------------


@case("empty-xlsx-file")
def _empty(tmp: Path) -> Refusal:
    path = tmp / "kosong.xlsx"
    path.write_bytes(b"")
    return Refusal(path, [("empty-file", str(path), "is empty")])


@case("empty-csv-file")
def _empty_csv(tmp: Path) -> Refusal:
    path = tmp / "kosong.csv"
    path.write_bytes(b"")
    return Refusal(path, [("no-data", str(path), "contains no data")])


@case("whitespace-csv")
def _spaces(tmp: Path) -> Refusal:
    path = tmp / "spasi.csv"
    path.write_bytes(b" ; ;\r\n\r\n  \r\n")
    return Refusal(path, [("no-data", str(path), "contains no data")])


@case("workbook-with-only-empty-sheets")
def _empty_sheets(tmp: Path) -> Refusal:
    path = write_xlsx(tmp / "hampa.xlsx", Sheet("Sheet1", []), Sheet("Sheet2", [[None]]))
    return Refusal(path, [("no-data", str(path), "contains no data")])


@case("random-bytes-named-xlsx")
def _random(tmp: Path) -> Refusal:
    path = tmp / "acak.xlsx"
    path.write_bytes(os.urandom(4096).replace(b"PK", b"pk"))
    return Refusal(path, [("not-a-workbook", str(path), "not a readable Excel workbook")])


@case("csv-text-named-xlsx")
def _text(tmp: Path) -> Refusal:
    path = tmp / "teks.xlsx"
    path.write_text("No,Nilai\n1,3\n")
    return Refusal(path, [("not-a-workbook", str(path), "looks like text")])


@case("truncated-zip-named-xlsx")
def _truncated(tmp: Path) -> Refusal:
    whole, _ = spbe_file(tmp, file="utuh.xlsx")
    path = tmp / "terpotong.xlsx"
    path.write_bytes(whole.read_bytes()[:2000])
    return Refusal(path, [("not-a-workbook", str(path), "not a readable Excel workbook")])


@case("zip-bomb-ish")
def _bomb(tmp: Path) -> Refusal:
    path = tmp / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b"\0" * MIB
            for _ in range(60):
                part.write(chunk)
    return Refusal(path, [("zip-bomb", str(path), "as a zip bomb does (limit 200:1)")])


@case("nul-bytes-named-csv")
def _nul(tmp: Path) -> Refusal:
    path = tmp / "nol.csv"
    path.write_bytes(b"\0" * MIB)
    return Refusal(path, [("not-csv", str(path), "is not a CSV text file")])


@case("too-many-fields-in-a-line")
def _fields(tmp: Path) -> Refusal:
    path = tmp / "lebar.csv"
    path.write_text("No,Nilai\n" + ",".join(["3"] * (MAX_FIELDS + 1)) + "\n")
    return Refusal(path, [("csv-too-many-cells", str(path), f"limit of {MAX_FIELDS:,} cells")])


@case("binary-named-csv")
def _binary(tmp: Path) -> Refusal:
    path = tmp / "gambar.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return Refusal(path, [("not-csv", str(path), "is not a CSV text file")])


@case("unsupported-suffix")
def _suffix(tmp: Path) -> Refusal:
    path = tmp / "nilai.txt"
    path.write_text("No,Nilai\n")
    return Refusal(path, [("unsupported-format", str(path), "not a supported format")])


@case("old-xls-named-xlsx")
def _ole(tmp: Path) -> Refusal:
    path = tmp / "lama.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    return Refusal(path, [("xls-renamed", str(path), "old Excel 97-2003 (.xls) file")])


# -- many identical problems: one line -------------------------------------------------------


@case("47-values-out-of-scale-one-line")
def _many_high(tmp: Path) -> Refusal:
    """A whole column typed on a 0-100 scale."""

    def change(values: list[Any]) -> None:
        values[:] = [v * 20 for v in values]

    path, _ = spbe_file(tmp, change)
    return Refusal(
        path, [("level-out-of-scale", "Penilaian!C6-C52", "values outside 1-5 (47 cells): ")]
    )


@case("dash-in-every-value-one-line")
def _dashes(tmp: Path) -> Refusal:
    def change(values: list[Any]) -> None:
        values[:] = ["-"] * len(values)

    path, _ = spbe_file(tmp, change)
    return Refusal(
        path,
        [("level-not-integer", "Penilaian!C6-C52", "values that are not numbers (47 cells): '-'")],
    )


@case("whole-column-blank-one-line")
def _all_blank(tmp: Path) -> Refusal:
    def change(values: list[Any]) -> None:
        values[:] = [None] * (len(values) - 1) + [3]

    path, _ = spbe_file(tmp, change)
    return Refusal(path, [("level-blank", "Penilaian!C6-C51", "values are blank (46 cells)")])


@case("three-problems-three-lines")
def _three(tmp: Path) -> Refusal:
    def change(values: list[Any]) -> None:
        values[0], values[1], values[2] = 8, 9, 6

    path, _ = spbe_file(tmp, change)
    return Refusal(
        path,
        [
            ("level-out-of-scale", f"Penilaian!C{row}", f"value {v} is outside")
            for row, v in ((6, 8), (7, 9), (8, 6))
        ],
    )


@case("wide-header-indicator-twice")
def _wide_twice(tmp: Path) -> Refusal:
    a = column_of(whole_levels(SPBE, 8), SPBE_IDS)
    headers: list[Any] = [*SPBE_IDS, "I12"]
    rows = wide_rows(headers, [["Kota Satu", 2023, *a, 3]])
    path = write_xlsx(tmp / "kolom-ganda.xlsx", Sheet("Rekap", rows))
    return Refusal(
        path,
        [
            (
                "duplicate-indicator",
                f"Rekap!{address(1, 2 + 47)}",
                "indicator 12 appears again (first at Rekap!N1)",
            )
        ],
    )


@case("pemdi-comma-id-and-dot-id-twice")
def _pemdi_twice(tmp: Path) -> Refusal:
    from corpus_files import framework

    aliases: list[Any] = [framework(PEMDI).indicator_by_id[k].aliases[0] for k in PEMDI_IDS]
    aliases[1] = "1,1"  # the same indicator as 1.1 above it
    sheet = long_sheet(
        aliases,
        {"Nilai": column_of(decimal_levels(PEMDI, 3), PEMDI_IDS)},
        title=[["Instansi", "Kota"], ["Tahun", 2026]],
    )
    path = write_csv(tmp / "pemdi-ganda.csv", sheet.rows, delimiter=";", decimal_comma=True)
    return Refusal(
        path,
        [
            ("duplicate-indicator", "A5", "indicator 1 appears again (first at A4)"),
            ("missing-indicators", str(path), "missing indicators 2"),
        ],
    )


@case("sheet-asked-is-absent")
def _sheet(tmp: Path) -> Refusal:
    path, _ = spbe_file(tmp)
    return Refusal(
        path, [("sheet-not-found", str(path), "has no sheet 'Rekap'")], options={"sheet": "Rekap"}
    )


# -- no year, no Kerangka: a broken cell is reported against the closest framework (#18) ------

NO_YEAR = [["LEMBAR KERJA EVALUASI"], ["Instansi", "Kota Contoh"], []]
"""Title rows without a year (the header is row 4, the first indicator row 5); the files'
names carry no year either, so only the indicator cells can choose the framework."""


def undated(
    tmp: Path,
    name: str,
    *,
    values: Callable[[list[Any]], None] | None = None,
    ids: Callable[[list[Any]], None] | None = None,
    rows: Callable[[list[list[Any]]], None] | None = None,
) -> tuple[Path, Any]:
    id_column: list[Any] = [int(k) for k in SPBE_IDS]
    value_column: list[Any] = column_of(whole_levels(SPBE, 1), SPBE_IDS)
    if values is not None:
        values(value_column)
    if ids is not None:
        ids(id_column)
    sheet = long_sheet(id_column, {"Nilai": value_column}, title=NO_YEAR)
    if rows is not None:
        rows(sheet.rows)
    return write_xlsx(tmp / f"{name}.xlsx", Sheet("Penilaian", sheet.rows)), sheet


def id_setter(index: int, value: Any) -> Callable[[list[Any]], None]:
    def change(ids: list[Any]) -> None:
        ids[index] = value

    return change


NEAREST = (
    "framework-nearest",
    "",
    "read as permenpanrb-59-2020, the framework its indicator set is closest to",
)


@case("undated-na-level")
def _undated_na(tmp: Path) -> Refusal:
    path, sheet = undated(tmp, "na", values=setter(4, "#N/A"))
    return Refusal(
        path,
        [("cell-error", f"Penilaian!{sheet.cell('Nilai', 4)}", "the cell shows the error #N/A")],
    )


@case("undated-div0-level")
def _undated_div0(tmp: Path) -> Refusal:
    path, sheet = undated(tmp, "bagi-nol", values=setter(30, "#DIV/0!"))
    return Refusal(
        path,
        [
            (
                "cell-error",
                f"Penilaian!{sheet.cell('Nilai', 30)}",
                "the cell shows the error #DIV/0!",
            )
        ],
    )


@case("undated-blank-level")
def _undated_blank(tmp: Path) -> Refusal:
    path, sheet = undated(tmp, "kosong", values=setter(46, None))
    return Refusal(
        path, [("level-blank", f"Penilaian!{sheet.cell('Nilai', 46)}", "value is blank")]
    )


@case("undated-formula-without-value")
def _undated_formula(tmp: Path) -> Refusal:
    path, sheet = undated(tmp, "rumus", values=setter(0, "=B5*0+3"))
    return Refusal(
        path,
        [
            (
                "formula-without-value",
                f"Penilaian!{sheet.cell('Nilai', 0)}",
                "formula without a saved value",
            )
        ],
    )


@case("undated-unknown-id-48")
def _undated_48(tmp: Path) -> Refusal:
    def more(rows: list[list[Any]]) -> None:
        rows.append([48, "Indikator tambahan", 3])

    path, _ = undated(tmp, "48", rows=more)
    return Refusal(
        path,
        [
            ("unknown-indicator", "Penilaian!A52", "unknown indicator 48"),
            (NEAREST[0], str(path), NEAREST[2]),
        ],
    )


@case("undated-id-1.5")
def _undated_decimal_id(tmp: Path) -> Refusal:
    path, sheet = undated(tmp, "satu-koma-lima", ids=id_setter(4, "1.5"))
    return Refusal(
        path,
        [
            ("unknown-indicator", f"Penilaian!{sheet.cell('No', 4)}", "unknown indicator '1.5'"),
            ("missing-indicators", "Penilaian", "missing indicators 5"),
            (NEAREST[0], str(path), NEAREST[2]),
        ],
    )


@case("undated-value-error-id")
def _undated_error_id(tmp: Path) -> Refusal:
    path, sheet = undated(tmp, "id-galat", ids=id_setter(9, "#VALUE!"))
    return Refusal(
        path,
        [
            ("cell-error", f"Penilaian!{sheet.cell('No', 9)}", "the cell shows the error #VALUE!"),
            ("missing-indicators", "Penilaian", "missing indicators 10"),
            (NEAREST[0], str(path), NEAREST[2]),
        ],
    )


@case("undated-repeated-header-row")
def _undated_header(tmp: Path) -> Refusal:
    def again(rows: list[list[Any]]) -> None:
        rows.insert(25, list(rows[3]))

    path, _ = undated(tmp, "judul-ulang", rows=again)
    return Refusal(
        path,
        [
            ("unknown-indicator", "Penilaian!A26", "unknown indicator 'No'"),
            (NEAREST[0], str(path), NEAREST[2]),
        ],
    )


@case("undated-two-broken-ids")
def _undated_two(tmp: Path) -> Refusal:
    def two(ids: list[Any]) -> None:
        ids[2], ids[40] = "3a", "#REF!"

    path, sheet = undated(tmp, "dua-rusak", ids=two)
    return Refusal(
        path,
        [
            ("unknown-indicator", f"Penilaian!{sheet.cell('No', 2)}", "unknown indicator '3a'"),
            ("cell-error", f"Penilaian!{sheet.cell('No', 40)}", "the cell shows the error #REF!"),
            (NEAREST[0], str(path), NEAREST[2]),
        ],
    )


@case("undated-pemdi-with-one-unknown-id")
def _undated_pemdi(tmp: Path) -> Refusal:
    ids: list[Any] = [int(k) for k in PEMDI_IDS]
    ids.append(21)
    values: list[Any] = [*column_of(decimal_levels(PEMDI, 1), PEMDI_IDS), 2]
    sheet = long_sheet(ids, {"Nilai": values}, title=NO_YEAR)
    path = write_xlsx(tmp / "pemdi-21.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(
        path,
        [
            (
                "unknown-indicator",
                f"Penilaian!{sheet.cell('No', 20)}",
                "unknown indicator 21 in framework permenpanrb-8-2026",
            ),
            ("framework-nearest", str(path), "read as permenpanrb-8-2026"),
        ],
    )


@case("undated-far-from-every-framework")
def _undated_far(tmp: Path) -> Refusal:
    """Ids 1-25: five unknown to Pemdi, half of SPBE missing: not clearly any."""
    keep = SPBE_IDS[:25]
    sheet = long_sheet(
        [int(k) for k in keep], {"Nilai": column_of(whole_levels(SPBE, 2), keep)}, title=NO_YEAR
    )
    path = write_xlsx(tmp / "separuh.xlsx", Sheet("Penilaian", sheet.rows))
    return Refusal(path, [("framework-unknown", str(path), "cannot tell the framework")])


def test_a_clearly_closest_framework_is_chosen_only_when_it_is_unique(tmp_path: Path) -> None:
    """Two frameworks equally close (a renamed copy of 59/2020): the candidates are listed,
    never one picked silently."""
    from corpus_files import framework
    from spbe_cli.framework import bundled_frameworks, parse_framework

    text = bundled_frameworks()[SPBE].read_text(encoding="utf-8")
    twin = parse_framework(text.replace(f"id: {SPBE}", "id: salinan-59", 1), "salinan.yaml")
    path, _ = undated(tmp_path, "48", rows=lambda rows: rows.append([48, "x", 3]))
    with pytest.raises(InputError) as caught:
        read_assessments(path, candidates=[framework(SPBE), twin])
    (problem,) = caught.value.problems
    assert problem.code == "framework-unknown"
    assert f"as close to several frameworks ({SPBE}, salinan-59)" in problem.text.en
    with pytest.raises(InputError) as alone:  # one close candidate: its cells are reported
        read_assessments(path, candidates=[framework(SPBE), framework(PEMDI)])
    assert [(p.code, p.place) for p in alone.value.problems] == [
        ("unknown-indicator", "Penilaian!A52"),
        ("framework-nearest", str(path)),
    ]


@case("undated-wide-with-column-48")
def _undated_wide(tmp: Path) -> Refusal:
    a = column_of(whole_levels(SPBE, 3), SPBE_IDS)
    rows = wide_rows(
        [*SPBE_IDS, "48"], [["Kota Satu", *a, 3], ["Kab Dua", *a, 2]], lead=("Instansi",)
    )
    path = write_xlsx(tmp / "rekap-tanpa-tahun.xlsx", Sheet("Rekap", rows))
    return Refusal(
        path,
        [
            ("unknown-indicator", f"Rekap!{address(1, 1 + 47)}", "unknown indicator '48'"),
            (NEAREST[0], str(path), NEAREST[2]),
        ],
    )


@case("undated-csv-na-level")
def _undated_csv(tmp: Path) -> Refusal:
    values: list[Any] = column_of(whole_levels(SPBE, 4), SPBE_IDS)
    values[7] = "#N/A"
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": values}, title=NO_YEAR)
    path = write_csv(tmp / "galat.csv", sheet.rows, delimiter=";")
    return Refusal(
        path, [("level-not-integer", sheet.cell("Nilai", 7), "value '#N/A' is not a number")]
    )


# -- cells far beyond the table: refused before the parser allocates (issue 18) -----------


def far_cell(tmp: Path, name: str, xml: bytes) -> Path:
    """A valid SPBE sheet with ``xml`` added at the end of its ``sheetData``."""
    path, _ = spbe_file(tmp, file=f"{name}.xlsx")
    from corpus_files import before_sheet_end, patch_sheet_xml

    return patch_sheet_xml(path, before_sheet_end(xml))


FAR_CELLS: dict[str, tuple[bytes | None, str, str]] = {
    "value-in-xfd1048576": (
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        "XFD1048576",
        "1,048,576 x 16,384",
    ),
    "value-in-az1048576": (
        b'<row r="1048576"><c r="AZ1048576"><v>1</v></c></row>',
        "AZ1048576",
        "1,048,576 x 52",
    ),
    "text-in-a1048576-and-xfd60": (
        b'<row r="60"><c r="XFD60" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="1048576"><c r="A1048576"><v>2</v></c></row>',
        "A1048576",
        "1,048,576 x 16,384",
    ),
    "styled-empty-cell-far-away": (
        b'<row r="900000"><c r="ZZ900000" s="0"/></row>',
        "ZZ900000",
        "900,000 x 702",
    ),
    "row-without-r-after-far-row": (
        b'<row r="1048575"><c r="K1048575"><v>1</v></c></row><row><c><v>1</v></c></row>',
        "A1048576",
        "1,048,576 x 11",
    ),
    "cells-without-r-20000-wide": (
        b"<row>" + b"<c><v>1</v></c>" * 20_000 + b"</row>",
        "ACOF53",
        "53 x 20,000",
    ),
    "namespace-prefix": (
        b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c>'
        b"</x:row>",
        "XFD1048576",
        "1,048,576 x 16,384",
    ),
    "r-not-first": (
        b'<row r="500000"><c s="0" t="n" r="CV500000"><v>1</v></c></row>',
        "CV500000",
        "500,000 x 100",
    ),
    "single-quotes": (
        b"<row r='700000'><c r='BA700000'><v>1</v></c></row>",
        "BA700000",
        "700,000 x 53",
    ),
    "spaces-around-equals": (
        b'<row r = "800000"><c r = "AAA800000"><v>1</v></c></row>',
        "AAA800000",
        "800,000 x 703",
    ),
    "lowercase-reference": (
        b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
        "XFD1048576",
        "1,048,576 x 16,384",
    ),
    "row-beyond-excel": (
        b'<row r="2000000"><c r="A2000000"><v>1</v></c></row>',
        "A2000000",
        "2,000,000 x",
    ),
    "four-letter-column": (
        b'<row r="60"><c r="AAAA60"><v>1</v></c></row>',
        "AAAA60",
        "60 x 18,279",
    ),
    "far-row-in-the-middle": (None, "Z1000000", "1,000,000 x 26"),
}


def _far_in_the_middle(tmp: Path) -> Path:
    from corpus_files import patch_sheet_xml

    path, _ = spbe_file(tmp, file="tengah.xlsx")

    def change(data: bytes) -> bytes:
        cut = data.index(b'<row r="30"')  # out of order, as no program writes it
        return data[:cut] + b'<row r="1000000"><c r="Z1000000"><v>1</v></c></row>' + data[cut:]

    return patch_sheet_xml(path, change)


def _far_case(name: str) -> Callable[[Path], Refusal]:
    xml, cell, size = FAR_CELLS[name]

    def build(tmp: Path) -> Refusal:
        path = _far_in_the_middle(tmp) if xml is None else far_cell(tmp, name, xml)
        return Refusal(
            path,
            [
                (
                    "sheet-too-large",
                    f"Penilaian!{cell}",
                    f"the sheet's cells reach as far as {cell} ({size}",
                )
            ],
        )

    return build


for _name in FAR_CELLS:
    case(f"far-{_name}")(_far_case(_name))


@case("far-cell-declared-small")
def _declared(tmp: Path) -> Refusal:
    from corpus_files import patch_sheet_xml

    path, _ = spbe_file(tmp, file="dimensi.xlsx")

    def change(data: bytes) -> bytes:
        data = data.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        )
        return data.replace(b"<sheetData>", b'<dimension ref="A1:C52"/><sheetData>', 1)

    patch_sheet_xml(path, change)
    return Refusal(path, [("sheet-too-large", "Penilaian!XFD1048576", "it declares A1:C52")])


@case("far-reference-not-a-cell-reference")
def _bad_reference(tmp: Path) -> Refusal:
    path = far_cell(tmp, "rujukan", b'<row r="70"><c r="12AB"><v>1</v></c></row>')
    return Refusal(path, [("not-a-workbook", str(path), "is not a readable Excel workbook")])


# -- the extent scan itself, on sheet XML streams ------------------------------------------


def _sheet_xml(*parts: bytes) -> Any:
    import io

    head = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>'
    )
    return io.BytesIO(head + b"".join(parts) + b"</sheetData><colBreaks/></worksheet>")


@pytest.mark.parametrize(
    ("rows", "cols", "over"),
    [
        (1_000_000, 10, False),
        (1_000_001, 10, True),
        (10_000, 1_000, False),
        (10_000, 1_001, True),
        (610, 16_384, False),
        (611, 16_384, True),
        (1_048_576, 9, False),
    ],
)
def test_the_budget_is_rows_times_columns_from_a1(rows: int, cols: int, over: bool) -> None:
    from spbe_cli.readers.cells import cell_address
    from spbe_cli.readers.extent import MAX_SHEET_CELLS, scan

    far = cell_address(rows - 1, cols - 1).encode()
    extent = scan(
        _sheet_xml(
            b'<row r="1"><c r="A1"><v>1</v></c></row>',
            b'<row r="%d"><c r="%s"><v>1</v></c></row>' % (rows, far),
        )
    )
    assert (extent.rows, extent.cols) == (rows, cols)
    assert extent.over() is over and (rows * cols > MAX_SHEET_CELLS) is over


def test_a_reference_cut_by_a_chunk_boundary_is_read_whole() -> None:
    from spbe_cli.readers.extent import CHUNK, scan

    for shift in range(-12, 12, 3):
        filler = b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
        pad = b"x" * (CHUNK - 170 - len(filler) + shift)
        stream = _sheet_xml(
            filler + pad + b"</t></is></c></row>",
            b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        )
        extent = scan(stream)
        assert (extent.rows, extent.cols, extent.far) == (1_048_576, 16_384, (1_048_575, 16_383))


def test_the_scan_stops_at_the_first_chunk_over_the_budget() -> None:
    """Bound: one chunk (1 MiB) past the far cell is read, not the 64 MiB after it."""
    import io

    from spbe_cli.readers.extent import CHUNK, scan

    body = _sheet_xml(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>').getvalue()
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(2, 9))
    stream = io.BytesIO(body.replace(b"</sheetData>", rows * 300_000 + b"</sheetData>"))
    scan(stream)
    assert stream.tell() <= 2 * CHUNK


def test_a_tag_longer_than_a_mebibyte_is_not_a_workbook() -> None:
    from spbe_cli.readers.extent import scan

    with pytest.raises(ValueError):
        scan(_sheet_xml(b'<row r="1"><c r="A1" x="' + b"y" * (3 * 1024 * 1024) + b'"/></row>'))


def test_an_empty_sheet_data_has_no_extent() -> None:
    import io

    from spbe_cli.readers.extent import scan

    extent = scan(
        io.BytesIO(
            b'<worksheet><dimension ref="A1:XFD1048576"/><sheetData/>'
            b'<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>'
            b"</worksheet>"
        )
    )
    assert (extent.rows, extent.cols, extent.declared) == (0, 0, "A1:XFD1048576")
    assert not extent.over()


# -- the tests ----------------------------------------------------------------------------------


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.slow  # the whole hostile corpus: zip bombs, huge sheets, deep XML
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused(name: str, tmp_path: Path) -> None:
    refusal = CASES[name](tmp_path)
    before = digest(refusal.path)
    with pytest.raises(InputError) as caught:
        read_assessments(refusal.path, **refusal.options)
    assert digest(refusal.path) == before, "the input file was changed"
    error = caught.value
    assert error.source == str(refusal.path)
    lines = [p.render("en") for p in error.problems]
    assert len(lines) == len(set(lines)), f"a problem is reported twice: {lines}"
    assert str(refusal.path) in str(error)
    for code, place, words in refusal.wanted:
        matching = [p for p in error.problems if p.code == code and p.place == place]
        assert len(matching) == 1, (code, place, lines)
        assert words in matching[0].render("en"), (words, lines)
        assert matching[0].render("en").startswith(f"{place}: ")


def _refused_quickly(path: Path, code: str, limit_words: str) -> None:
    before = digest(path)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            read_assessments(path)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0, f"refused after {elapsed:.2f} s"
    assert peak < 200 * MIB, f"peak {peak / MIB:.0f} MiB"
    assert [p.code for p in caught.value.problems] == [code]
    problem = caught.value.problems[0]
    assert problem.place == str(path)
    assert limit_words in problem.text.en
    assert digest(path) == before


@pytest.mark.slow  # writes 50 MiB
def test_a_50_mb_single_line_csv_is_refused_quickly(tmp_path: Path) -> None:
    path = write_single_line_csv(tmp_path / "satu-baris.csv")
    assert path.stat().st_size == 50 * MIB
    _refused_quickly(path, "csv-line-too-long", f"limit of {MAX_LINE_BYTES // 1024} KiB per line")


@pytest.mark.slow  # writes a big file
def test_a_big_file_of_nul_bytes_named_csv_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "nol-besar.csv"
    with path.open("wb") as stream:
        stream.truncate(MAX_CSV_BYTES + 10 * MIB)  # sparse: reads as NUL bytes
    _refused_quickly(path, "csv-too-large", f"CSV limit of {MAX_CSV_BYTES // MIB} MiB")


def test_a_file_already_over_its_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bound: no byte read (it cost 165 MiB to read 64 MiB and then refuse); a file
    growing past its size is still stopped at limit + 1 bytes."""
    import spbe_cli.bounded as bounded

    path = tmp_path / "besar.csv"
    with path.open("wb") as stream:
        stream.truncate(MAX_CSV_BYTES + 1)
    read: list[int] = []
    real_read = os.read

    def counted(handle: int, size: int) -> bytes:
        data = real_read(handle, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(bounded.os, "read", counted)
    with pytest.raises(InputError) as caught:
        read_assessments(path)
    assert [p.code for p in caught.value.problems] == ["csv-too-large"]
    assert sum(read) <= 512, read  # the format sniff's head only
    path.write_bytes(b"No,Nilai\n" + b"1,3\n" * 10)
    with pytest.raises(InputError) as small:
        bounded.read_regular(path, "kecil.csv", 20)
    assert small.value.problems[0].code == "file-too-large"
    assert bounded.read_regular(path, "kecil.csv", 1000).startswith(b"No,Nilai")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_named_csv_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.symlink_to("/dev/zero")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            read_assessments(path)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 200 * MIB
    assert [p.code for p in caught.value.problems] == ["not-a-regular-file"]
    assert "is not a regular file but a device" in caught.value.problems[0].text.en


@pytest.mark.slow  # 50 MiB through stdin
def test_a_50_mb_line_on_stdin_is_refused_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    data = b"3;" * (25 * MIB)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            read_assessments("-")
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 200 * MIB
    assert [(p.code, p.place) for p in caught.value.problems] == [("csv-line-too-long", "-")]
    assert "64 KiB per line" in caught.value.problems[0].text.en
