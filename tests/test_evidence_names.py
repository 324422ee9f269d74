"""File and folder names as offices write them -> indicator and level."""

from __future__ import annotations

import pytest

from spbe_cli.evidence.mapping import parse_cell
from spbe_cli.evidence.names import NameMatch, indicator_in, level_in, parse_path
from spbe_cli.framework import load_framework

SPBE = load_framework("permenpanrb-59-2020")
PEMDI = load_framework("permenpanrb-8-2026")
OLD = load_framework("permenpanrb-5-2018")


@pytest.mark.parametrize(
    ("path", "indicator", "level"),
    [
        ("I13_L2_SK-Tim.pdf", "13", 2),
        ("i13-l2-sk tim.PDF", "13", 2),
        ("I13L2.pdf", "13", 2),
        ("Indikator1a-Kebijakan-Internal.pdf", "1", None),
        ("Indikator 13/Level 2/x.pdf", "13", 2),
        ("I13/L2/file.pdf", "13", 2),
        ("Indicator 7 - Level 4.pdf", "7", 4),
        ("Ind.13 Lvl 3.pdf", "13", 3),
        ("Ind_13_Tingkat_5.pdf", "13", 5),
        ("Tingkat 2/I13.pdf", "13", 2),
        ("I13/I14_L3_x.pdf", "14", 3),  # the deepest part wins
        ("I13/L2/I13_L3_x.pdf", "13", 3),
        ("I13-2021-05-01.pdf", "13", None),  # a date is not part of the id
        ("SK Tim Koordinasi.pdf", None, None),  # the i of "Tim" is no prefix
        ("Lampiran 2.pdf", None, None),
        ("I99_L2.pdf", None, 2),  # not an indicator of the framework
        ("Domain 1/Aspek 2/I5_L1.pdf", "5", 1),
    ],
)
def test_spbe_names(path: str, indicator: str | None, level: int | None) -> None:
    assert parse_path(path, SPBE.indicator_id) == NameMatch(indicator, level)


@pytest.mark.parametrize(
    ("path", "indicator", "level"),
    [
        ("Indikator 1.1/L2/a.pdf", "1", 2),  # Pemdi alias 1.1 = indicator 1
        ("I3.2_L1.pdf", "6", 1),  # 3.2 = indicator 6
        ("I20_L5.pdf", "20", 5),
        ("Indikator1a.pdf", "1", None),
    ],
)
def test_pemdi_aliases(path: str, indicator: str | None, level: int | None) -> None:
    assert parse_path(path, PEMDI.indicator_id) == NameMatch(indicator, level)


@pytest.mark.parametrize(
    ("path", "indicator"),
    [
        ("I35a_L2.pdf", "35-1"),
        ("I35-2_L3.pdf", "35-2"),
        ("I35.3 L1.pdf", "35-3"),
        ("I35_L1.pdf", "35-1"),
    ],
)
def test_old_framework_sub_indicators(path: str, indicator: str) -> None:
    assert parse_path(path, OLD.indicator_id).indicator == indicator


def test_level_is_not_read_from_the_indicator() -> None:
    assert level_in("I13") is None
    assert level_in("Indikator 1 Level 12") == 12
    assert indicator_in("no indicator here", SPBE.indicator_id) is None


def test_windows_separators() -> None:
    assert parse_path("Indikator 13\\Level 2\\x.pdf", SPBE.indicator_id) == NameMatch("13", 2)


def test_mapping_cells_split_and_links() -> None:
    cell = 'I13_L1_SK.pdf; "I13_L2_Perbup.pdf"\nhttps://drive.example/x , www.contoh.go.id/a;;'
    items = parse_cell(cell)
    assert [(i.text, i.link) for i in items] == [
        ("I13_L1_SK.pdf", False),
        ("I13_L2_Perbup.pdf", False),
        ("https://drive.example/x", True),
        ("www.contoh.go.id/a", True),
    ]
    assert parse_cell(" ;\n, ") == []
    assert len(parse_cell("a.pdf; a.pdf")) == 1
