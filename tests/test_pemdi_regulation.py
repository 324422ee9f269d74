"""PermenPANRB 8/2026 as its own text says (issue 17): bands closed at the top, the default
target 2,51, level ranges and their names, per-indicator criteria and owners, external index
ranges with their gaps; and SPBE's bands still closed at the bottom.

The expected ratings are Tabel 4 (p. 38) and 59/2020's table, read off the regulations; the
figures are computed by the engine from values written here.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.engine import score_levels
from spbe_cli.framework import load_framework, parse_framework
from spbe_cli.framework.constraints import parse_interval
from spbe_cli.problems import InputError

runner = CliRunner()
PEMDI = load_framework("permenpanrb-8-2026")
SPBE = load_framework("permenpanrb-59-2020")
FRAMEWORKS = Path(__file__).resolve().parents[1] / "src/spbe_cli/frameworks"


def tabel_4(x: Fraction) -> str:
    """Tabel 4 as printed: 1 <= x <= 1,50 Kurang; 1,50 < x <= 2,50 Cukup; ... ."""
    for top, name in [
        (Fraction(3, 2), "Kurang"),
        (Fraction(5, 2), "Cukup"),
        (Fraction(7, 2), "Baik"),
        (Fraction(4), "Sangat Baik"),
    ]:
        if x <= top:
            return name
    return "Memuaskan"


def spbe_table(x: Fraction) -> str:
    """59/2020: below 1,8 Kurang; 1,8 to below 2,6 Cukup; ... 4,2 and above Memuaskan."""
    for bottom, name in [
        (Fraction(21, 5), "Memuaskan"),
        (Fraction(7, 2), "Sangat Baik"),
        (Fraction(13, 5), "Baik"),
        (Fraction(9, 5), "Cukup"),
    ]:
        if x >= bottom:
            return name
    return "Kurang"


@given(st.integers(min_value=100, max_value=500))
def test_every_published_pemdi_figure_rates_as_tabel_4(units: int) -> None:
    figure = Fraction(units, 100)
    assert PEMDI.band_for(figure).name == tabel_4(figure)


@given(st.integers(min_value=100, max_value=500))
def test_every_published_spbe_figure_rates_as_its_table(units: int) -> None:
    figure = Fraction(units, 100)
    assert SPBE.band_for(figure).name == spbe_table(figure)


@pytest.mark.parametrize(
    ("figure", "pemdi", "spbe"),
    [
        ("1.50", "Kurang", "Kurang"),
        ("1.51", "Cukup", "Kurang"),
        ("1.79", "Cukup", "Kurang"),
        ("1.80", "Cukup", "Cukup"),
        ("2.50", "Cukup", "Cukup"),
        ("2.51", "Baik", "Cukup"),
        ("2.59", "Baik", "Cukup"),
        ("2.60", "Baik", "Baik"),
        ("3.50", "Baik", "Sangat Baik"),
        ("3.51", "Sangat Baik", "Sangat Baik"),
        ("4.00", "Sangat Baik", "Sangat Baik"),
        ("4.01", "Memuaskan", "Sangat Baik"),
        ("4.19", "Memuaskan", "Sangat Baik"),
        ("4.20", "Memuaskan", "Memuaskan"),
    ],
)
def test_band_edges_on_both_sides_for_both_conventions(figure: str, pemdi: str, spbe: str) -> None:
    assert PEMDI.band_for(Fraction(figure)).name == pemdi
    assert SPBE.band_for(Fraction(figure)).name == spbe


def test_a_rating_name_as_target_is_the_lowest_published_figure_of_the_band() -> None:
    assert [
        PEMDI.parse_target(n) for n in ("kurang", "cukup", "baik", "sangat baik", "memuaskan")
    ] == [Fraction(1), Fraction("1.51"), Fraction("2.51"), Fraction("3.51"), Fraction("4.01")]
    assert PEMDI.parse_target("berkembang") == Fraction("2.51")  # the alias, too
    assert [SPBE.parse_target(n) for n in ("cukup", "baik")] == [Fraction("1.8"), Fraction("2.6")]
    assert PEMDI.target == Fraction("2.51")
    assert PEMDI.band_for(PEMDI.target).name == "Baik"
    assert PEMDI.band_for(PEMDI.target - Fraction(1, 100)).name == "Cukup"


def test_band_ranges_read_as_each_table_closes_them() -> None:
    cukup, baik = PEMDI.band_named("cukup"), SPBE.band_named("baik")
    assert cukup is not None and baik is not None
    assert PEMDI.band_range(cukup, "id") == "di atas 1,50 sampai 2,50"
    assert PEMDI.band_range(PEMDI.bands[0], "id") == "1,00 sampai 1,50"
    assert SPBE.band_range(baik, "id") == "2,60 sampai di bawah 3,50"


def test_level_names_are_the_ranges_of_8_2026() -> None:
    levels = PEMDI.scale.types["kematangan"].levels
    assert [levels[k].name for k in range(1, 6)] == [
        "Merintis",
        "Membangun",
        "Berkembang",
        "Melembaga",
        "Unggul",
    ]
    assert [levels[k].name_en for k in range(1, 6)] == [
        "Initiate",
        "Emerging",
        "Developing",
        "Embedded",
        "Leading",
    ]
    assert "Rintisan" not in json.dumps([levels[k].name for k in range(1, 6)])
    one = PEMDI.indicator_by_id["1"]
    # 1,6 stands in range 2 (above 1,50 up to 2,50), 1,50 in range 1: levels follow the bands
    assert [PEMDI.level_of(one, Fraction(v)) for v in ("1.5", "1.6", "2.5", "2.51", "5")] == [
        1,
        2,
        2,
        3,
        5,
    ]


def test_every_indicator_carries_the_regulation_s_description() -> None:
    for indicator in PEMDI.indicators:
        assert indicator.description and indicator.pembina and indicator.owners, indicator.id
        assert sorted(indicator.criteria) == [1, 2, 3, 4, 5], indicator.id
        assert indicator.pages, indicator.id
    assert PEMDI.status == "official" and PEMDI.bands_closed == "top"
    assert any("Nomor 364" in s for s in PEMDI.sources)
    assert not any("github" in s.lower() or "/" in s.split()[0] for s in PEMDI.sources)
    assert PEMDI.indicator_by_id["13"].weight == 5  # Tabel 1, not the detail page's 4 %
    assert "4" in (PEMDI.indicator_by_id["13"].note or "")


def test_only_5_to_7_are_external_and_18_has_criteria() -> None:
    external = [i.id for i in PEMDI.indicators if i.external is not None]
    assert external == ["5", "6", "7"]
    eighteen = PEMDI.indicator_by_id["18"]
    assert eighteen.external is None and eighteen.criteria
    for indicator in PEMDI.indicators[4:7]:
        assert indicator.external is not None
        assert "bukan ketentuan" in (indicator.external.default_basis or "")


@pytest.mark.parametrize(
    ("indicator", "figure", "levels"),
    [
        ("5", "0", (1,)),
        ("5", "12.5", (1,)),
        ("5", "12.6", (2,)),
        ("5", "45.2", (3,)),
        ("5", "75", (4,)),
        ("5", "100", (5,)),
        ("5", "100.1", ()),
        ("6", "1", ()),
        ("6", "1.5", (1,)),
        ("6", "1.51", (2,)),
        ("6", "5", (5,)),
        ("7", "1.79", (1,)),
        ("7", "1.8", (2,)),
        ("7", "4.19", (4,)),
        ("7", "4.2", ()),
        ("7", "4.21", (5,)),
        ("7", "5", ()),
    ],
)
def test_an_external_figure_falls_in_the_range_the_text_gives(
    indicator: str, figure: str, levels: tuple[int, ...]
) -> None:
    external = PEMDI.indicator_by_id[indicator].external
    assert external is not None
    assert external.levels_for(Fraction(figure)) == levels


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("[0, 12.5]", ["0", "12.5"], ["-0.01", "12.51"]),
        ("(12.5, 37.5]", ["12.51", "37.5"], ["12.5", "37.51"]),
        ("(, 1.8)", ["-1000", "1.79"], ["1.8"]),
        ("(4.2, )", ["4.21", "1000"], ["4.2"]),
    ],
)
def test_intervals_read_brackets_as_written(
    text: str, inside: list[str], outside: list[str]
) -> None:
    span = parse_interval(text)
    assert all(span.contains(Fraction(v)) for v in inside)
    assert not any(span.contains(Fraction(v)) for v in outside)
    assert str(span) == text.replace(" ", "").replace(",", ", ")


@pytest.mark.parametrize("text", ["[, 1]", "(1, 1)", "[2, 1]", "0-12.5", "[a, 1]", "(1, ]"])
def test_malformed_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def _edited(old: str, new: str) -> str:
    text = (FRAMEWORKS / "permenpanrb-8-2026.yaml").read_text()
    assert old in text
    return text.replace(old, new, 1)


def test_overlapping_external_ranges_are_refused() -> None:
    text = _edited('2: "(12.5, 37.5]"', '2: "(10, 37.5]"')
    with pytest.raises(InputError) as caught:
        parse_framework(text, "x.yaml")
    assert any("overlap" in p.render("en") for p in caught.value.problems)


def test_criteria_for_a_level_off_the_scale_are_refused() -> None:
    text = _edited("        criteria:\n          1:", "        criteria:\n          9:")
    with pytest.raises(InputError) as caught:
        parse_framework(text, "x.yaml")
    assert any("9" in p.render("en") for p in caught.value.problems)


# -- through the commands -----------------------------------------------------------------


def _workbook(tmp_path: Path, values: dict[str, str], opd: bool = True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Instansi", "Kab. Uji"])
    sheet.append(["Tahun", 2026])
    sheet.append(["No", "Nilai", "OPD"] if opd else ["No", "Nilai"])
    for indicator in PEMDI.indicators:
        row: list[Any] = [int(indicator.id), values.get(indicator.id, values["*"])]
        sheet.append([*row, "Diskominfo"] if opd else row)
    path = tmp_path / "uji.xlsx"
    book.save(path)
    return path


def _json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output + result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_2_50_is_cukup_and_does_not_reach_the_default_target(tmp_path: Path) -> None:
    doc = _json("score", str(_workbook(tmp_path, {"*": "2.5"})))
    assert (doc["index"], doc["predikat"], doc["target"]) == (2.5, "Cukup", 2.51)
    assert doc["target_reached"] is False and doc["next_predikat_from"] == 2.51
    assert doc["framework"]["bands_closed"] == "top"


def test_target_by_name_follows_each_framework(tmp_path: Path) -> None:
    pemdi = _workbook(tmp_path, {"*": "2.5", "1": "2.7"})  # index 2,51
    doc = _json("score", str(pemdi), "--target", "baik")
    assert (doc["index"], doc["predikat"], doc["target"]) == (2.51, "Baik", 2.51)
    assert doc["target_reached"] is True
    spbe = Path(__file__).resolve().parents[1] / "examples/pematangsiantar-2021.xlsx"
    assert _json("score", str(spbe), "--target", "baik")["target"] == 2.6


def test_the_exact_band_is_named_beside_the_published_figure(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"*": "2.5", "1": "2.58"})  # exactly 2,504
    values = {i.id: Fraction("2.5") for i in PEMDI.indicators} | {"1": Fraction("2.58")}
    assert score_levels(values, PEMDI).index == Fraction("2.504")
    doc = _json("score", str(path))
    assert (doc["index"], doc["predikat"], doc["predikat_exact"]) == (2.5, "Cukup", "Baik")
    out = runner.invoke(app, ["score", str(path)]).stdout
    assert "Indeks Pemdi 2,50  Cukup" in out and "2,504" in out and "Baik" in out


def test_framework_indicator_shows_criteria_and_places_a_figure() -> None:
    result = runner.invoke(app, ["framework", "indicator", "5", "8/2026", "--index", "45,2"])
    assert result.exit_code == 0, result.output
    assert "SDI 45,2: rentang 37,5 < x ≤ 62,5, level 3 (Berkembang, Baik)" in result.stdout
    assert "Instansi Pembina" in result.stdout and "Fungsi Perencanaan" in result.stdout
    assert "bukan ketentuan PermenPANRB 8/2026" in result.stdout
    gap = runner.invoke(
        app, ["framework", "indicator", "7", "8/2026", "--index", "4.2", "--lang", "en"]
    )
    assert gap.exit_code == 0 and "IPS 4.2 lies in none of the ranges" in gap.stdout
    doc = _json("framework", "indicator", "1.1", "permenpanrb-8-2026")  # an alias
    assert doc["id"] == "1" and [lv["band"] for lv in doc["levels"]] == [
        "Kurang",
        "Cukup",
        "Baik",
        "Sangat Baik",
        "Memuaskan",
    ]
    assert doc["levels"][1]["value_range"] == "above 1.50 up to 2.50"
    assert doc["levels"][0]["criteria"].startswith("Substansi Rencana Aksi Nasional Pemdi")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["99", "8/2026"], "tidak punya indikator '99'"),
        (["3", "8/2026", "--index", "4"], "--index hanya untuk indikator 5-7"),
        (["5", "8/2026", "--index", "banyak"], "bukan angka"),
        (["1", "--index", "2"], "tidak punya rentang indeks eksternal"),
    ],
)
def test_framework_indicator_refusals(args: list[str], words: str) -> None:
    result = runner.invoke(app, ["framework", "indicator", *args])
    assert result.exit_code == 2 and words in result.stderr
    assert "Traceback" not in result.output


def test_plan_hints_the_owning_function_where_no_opd_is_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"*": "1"}, opd=False)
    out = runner.invoke(app, ["plan", str(path)], env={"COLUMNS": "120"}).stdout
    assert "Perencanaan?" in out  # Fungsi Perencanaan owns indicator 1
    assert "spbe framework indicator" in out
    steps = _json("plan", str(path))["steps"]
    assert steps[0]["opd"] is None and steps[0]["owners"]
    assert (
        steps[0]["requires"]
        == PEMDI.indicator_by_id[steps[0]["indicator"]].criteria[steps[0]["to"]].requires
    )


def test_template_notes_give_each_indicator_s_own_criteria(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", str(out), "--framework", "8/2026"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    notes = [c.comment.text for row in book["Penilaian"].iter_rows() for c in row if c.comment]
    twenty = PEMDI.indicator_by_id["20"].criteria[3].requires.splitlines()[0]
    assert any(twenty in note and "di atas 2,50 sampai 3,50" in note for note in notes)
    help_text = " ".join(
        str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value is not None
    )
    assert "Kriteria tiap indikator" in help_text and twenty in help_text
