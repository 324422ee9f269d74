"""Item lists copied from the evaluation application: CSV and .xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_files import write_items_csv, write_items_xlsx
from spbe_cli.evidence.items import parse_code, read_items, status_of
from spbe_cli.framework import load_framework
from spbe_cli.problems import InputError

PEMDI = load_framework("permenpanrb-8-2026")
SPBE = load_framework("permenpanrb-59-2020")

ROWS = [
    ["I1-L1-01", "Diterima", "", "Bappeda"],
    ["I1-L1-02", "diterima", "", "Bappeda"],
    ["I1-L2-01", "Diterima", "", "Bappeda"],
    ["I1-L3-01", "Revisi", "SK belum ditandatangani", "Bappeda"],
    ["I1-L3-02", "Diterima", "", "Bappeda"],
    ["I1.2-L1-01", "Ditolak", "Dokumen tidak sesuai indikator", "Diskominfo"],  # = 2
    ["I3-L1-01", "Accepted", "", ""],
    ["I3-L2-01", "Approved", "", ""],
    ["I3-L4-01", "Diterima", "", ""],  # level 3 has no items: the run stops at 2
    ["", "", "", ""],
]


def check_list(items_path: Path) -> None:
    found = read_items(items_path, PEMDI.indicator_id, scale_min=1, scale_max=5)
    one = found.by_indicator["1"]
    assert one.accepted_level == 2
    assert [b.code for b in one.blockers] == ["I1-L3-01"]
    assert one.blockers[0].note == "SK belum ditandatangani"
    assert one.blockers[0].status == "revision"
    assert one.accepted_levels() == (1, 2)
    two = found.by_indicator["2"]
    assert two.accepted_level == 1  # nothing accepted: the scale minimum
    assert [b.status for b in two.blockers] == ["rejected"]
    assert two.blockers[0].opd == "Diskominfo"
    three = found.by_indicator["3"]
    assert three.accepted_level == 2
    assert three.blockers == ()
    assert three.accepted_levels() == (1, 2, 4)
    assert found.get("20") is None


def test_csv(tmp_path: Path) -> None:
    check_list(write_items_csv(tmp_path / "bukti.csv", ROWS))


def test_xlsx(tmp_path: Path) -> None:
    check_list(write_items_xlsx(tmp_path / "bukti.xlsx", ROWS))


def test_english_header_and_comma(tmp_path: Path) -> None:
    path = write_items_csv(
        tmp_path / "items.csv",
        ROWS,
        header=("Code", "Status", "Note", "Unit"),
        title=False,
        delimiter=",",
    )
    check_list(path)


def test_keterangan_and_no_opd(tmp_path: Path) -> None:
    rows = [r[:3] for r in ROWS]
    path = write_items_csv(tmp_path / "a.csv", rows, header=("Kode Bukti", "Hasil", "Keterangan"))
    found = read_items(path, PEMDI.indicator_id, scale_min=1, scale_max=5)
    assert found.by_indicator["1"].blockers[0].note == "SK belum ditandatangani"
    assert found.by_indicator["1"].blockers[0].opd is None


def test_every_problem_with_its_cell(tmp_path: Path) -> None:
    rows = [
        ["I1-L1-01", "Diterima", "", ""],
        ["X-1", "Diterima", "", ""],  # row 5: bad code
        ["I1-L2-01", "mungkin", "", ""],  # row 6: unknown status
        ["I1-L1-01", "Diterima", "", ""],  # row 7: repeated code
        ["I1-L9-01", "Diterima", "", ""],  # row 8: level outside the scale
        ["I99-L1-01", "Diterima", "", ""],  # row 9: unknown indicator
        ["I2-L1-01", "", "", ""],  # row 10: blank status
    ]
    path = write_items_xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(InputError) as caught:
        read_items(path, PEMDI.indicator_id, scale_min=1, scale_max=5)
    got = [(p.code, p.place.split(": ")[1]) for p in caught.value.problems]
    assert got == [
        ("item-bad-code", "Bukti!A5"),
        ("item-bad-status", "Bukti!B6"),
        ("item-duplicate-code", "Bukti!A7"),
        ("item-level-out-of-scale", "Bukti!A8"),
        ("item-bad-code", "Bukti!A9"),
        ("item-bad-status", "Bukti!B10"),
    ]
    assert "Bukti!A4" in caught.value.problems[2].text.en


def test_no_code_column(tmp_path: Path) -> None:
    path = write_items_csv(tmp_path / "x.csv", [["a", "b"]], header=("Nama", "Status"))
    with pytest.raises(InputError) as caught:
        read_items(path, PEMDI.indicator_id)
    assert [p.code for p in caught.value.problems] == ["items-no-header"]


def test_codes_and_statuses() -> None:
    resolve = SPBE.indicator_id
    assert parse_code("I13-L2-01", resolve) == ("13", 2, 1)
    assert parse_code("i13_l2_7", resolve) == ("13", 2, 7)
    assert parse_code("Ind 13 - L 2 - 03", resolve) == ("13", 2, 3)
    assert parse_code("I13-L2", resolve) is None
    assert parse_code("13-2-01", resolve) is None
    assert parse_code("I35-1-L2-01", load_framework("permenpanrb-5-2018").indicator_id) == (
        "35-1",
        2,
        1,
    )
    assert status_of(" DITERIMA ") == "accepted"
    assert status_of("Perlu  Revisi") == "revision"
    assert status_of("tidak sesuai") == "rejected"
    assert status_of("menunggu") == "pending"
    assert status_of("mungkin") is None
