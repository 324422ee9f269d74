"""``spbe_cli.loading``: reading and scoring many files, as a library (real workbooks)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import spbe_cli
from spbe_cli.framework import load_framework
from spbe_cli.loading import load_points, rank_files, score_files, target_value, year_hint
from spbe_cli.problems import InputError
from spbe_cli.readers import ReadResult
from test_cli_compare import FW, levels_of, write_long, write_wide


def _fw18() -> None:
    try:
        load_framework("permenpanrb-5-2018")
    except InputError:
        pytest.skip("the bundled 5/2018 framework is not installed")


def test_score_files_scores_every_file_in_order(tmp_path: Path) -> None:
    files = [
        write_long(tmp_path / "a.xlsx", levels_of(FW, 2), year=2021, agency="Kota A"),
        write_long(tmp_path / "b.xlsx", levels_of(FW, 3), year=2021, agency="Kota B"),
    ]
    reads: list[ReadResult] = []
    scored = score_files(files, target="baik", on_read=reads.append)
    assert [s.source for s in scored] == [str(f) for f in files]
    assert [str(s.result.published) for s in scored] == ["2.00", "3.00"]
    assert [s.result.assessment.agency for s in scored] == ["Kota A", "Kota B"]
    assert all(s.result.target == Fraction(26, 10) for s in scored)
    assert [r.source for r in reads] == [str(f) for f in files]
    assert spbe_cli.score_files is score_files


def test_score_files_reports_problems_of_every_file_at_once(tmp_path: Path) -> None:
    bad_a = write_long(tmp_path / "a.xlsx", levels_of(FW, 2, i1=7), year=2021)
    good = write_long(tmp_path / "b.xlsx", levels_of(FW, 2), year=2021)
    bad_c = write_long(tmp_path / "c.xlsx", levels_of(FW, 2, i5=9), year=2021)
    reads: list[ReadResult] = []
    with pytest.raises(InputError) as caught:
        score_files([bad_a, good, bad_c], on_read=reads.append)
    error = caught.value
    assert error.source == f"{bad_a}, {bad_c}"
    assert [(p.code, p.place) for p in error.problems] == [
        ("level-out-of-scale", "Penilaian!B6"),  # indicator 1 of a.xlsx
        ("level-out-of-scale", "Penilaian!B10"),  # indicator 5 of c.xlsx
    ]
    assert [r.source for r in reads] == [str(good)]  # the good file was still read


def test_bad_target_is_an_input_error_in_both_languages() -> None:
    with pytest.raises(InputError) as caught:
        target_value(FW, "lumayan")
    (problem,) = caught.value.problems
    assert problem.code == "bad-target" and problem.place == ""
    assert "rating name (" in problem.render("en") and "sangat baik" not in problem.render("en")
    assert "nama predikat (" in problem.render("id") and "baik" in problem.render("id")
    assert target_value(FW, "2.6") == Fraction(13, 5)
    assert target_value(FW, None) is None


def test_a_2019_file_is_scored_under_5_2018_by_its_year(tmp_path: Path) -> None:
    _fw18()
    fw18 = load_framework("permenpanrb-5-2018")
    old = write_long(tmp_path / "b-2019.xlsx", levels_of(fw18, 2), year=2019)
    new = write_long(tmp_path / "b-2021.xlsx", levels_of(FW, 2), year=2021)
    ticks: list[int] = []
    points = load_points([old, new], progress=ticks.append)
    assert [(p.year, p.framework.id, p.origin) for p in points] == [
        (2019, "permenpanrb-5-2018", "year"),
        (2021, "permenpanrb-59-2020", "year"),
    ]
    assert ticks == [1, 1]


def test_a_file_option_wins_over_the_year(tmp_path: Path) -> None:
    _fw18()
    old = write_long(tmp_path / "b-2019.xlsx", levels_of(FW, 2), year=2019)
    new = write_long(tmp_path / "b-2021.xlsx", levels_of(FW, 2), year=2021)
    points = load_points([old, new], [f"{old}=permenpanrb-59-2020"])
    assert [(p.year, p.framework.id, p.origin) for p in points] == [
        (2019, "permenpanrb-59-2020", "option"),
        (2021, "permenpanrb-59-2020", "year"),
    ]


def test_a_year_without_its_framework_says_how_to_choose(tmp_path: Path) -> None:
    _fw18()
    # 47 indicators of 59/2020 in a 2019 sheet that also names no framework: read under
    # 59/2020 (the first that fits), but 2019 asks for 5/2018, which does not fit.
    old = write_long(tmp_path / "b-2019.xlsx", levels_of(FW, 2, i47=9), year=2019)
    with pytest.raises(InputError) as caught:
        load_points([old])
    assert caught.value.source == str(old)


def test_two_year_sheets_give_two_points(tmp_path: Path) -> None:
    book = write_wide(
        tmp_path / "rekap.xlsx",
        [],
        sheets={
            "2021": [("Kota A", 2021, levels_of(FW, 1))],
            "2022": [("Kota A", 2022, levels_of(FW, 2))],
        },
    )
    reads: list[ReadResult] = []
    points = load_points([book], on_read=reads.append)
    assert [(p.year, str(p.result.published), p.source) for p in points] == [
        (2021, "1.00", str(book)),
        (2022, "2.00", str(book)),
    ]
    assert [r.sheet for r in reads] == ["2021", "2022"]


def test_framework_given_twice_for_every_file_is_an_input_error(tmp_path: Path) -> None:
    one = write_long(tmp_path / "a-2021.xlsx", levels_of(FW, 2), year=2021)
    with pytest.raises(InputError) as caught:
        load_points([one], ["5/2018", "59/2020"])
    (problem,) = caught.value.problems
    assert problem.code == "framework-option" and "given twice" in problem.render("en")


def test_rank_files_ranks_per_year(tmp_path: Path) -> None:
    book = write_wide(
        tmp_path / "rekap.xlsx",
        [
            ("Kota A", 2021, levels_of(FW, 2)),
            ("Kota B", 2021, levels_of(FW, 4)),
            ("Kota C", 2022, levels_of(FW, 3)),
        ],
    )
    rankings = rank_files([book], target="2.6")
    assert [r.year for r in rankings] == [2021, 2022]
    assert [row.result.assessment.agency for row in rankings[0].rows] == ["Kota B", "Kota A"]


def test_year_hint_prefers_the_sheet_name() -> None:
    assert year_hint(Path("siantar-2021.xlsx"), None) == 2021
    assert year_hint(Path("siantar-2021.xlsx"), "2023") == 2023
    assert year_hint(Path("rekap-2021-2022.xlsx"), None) is None
