"""The files offices really keep (issue #9): each variant must be read and score exactly.

Each case writes a real file, says what was written (the values, the track that must be
scored, the framework), and the test checks the reader against it. The expected index is
computed from the written values by the regulations' formula (:func:`expected_index`) and
by scoring a hand-built :class:`Assessment`; nothing expected comes from the reader.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from corpus_files import (
    OLD,
    PEMDI,
    SPBE,
    TITLE_ROWS,
    Sheet,
    column_of,
    decimal_levels,
    digest,
    expected_index,
    framework,
    ids_of,
    long_sheet,
    shifted,
    whole_levels,
    wide_rows,
    write_csv,
    write_xlsx,
)
from spbe_cli.assessment import Assessment
from spbe_cli.engine import score
from spbe_cli.readers import read_assessments

Value = int | Fraction


@dataclass
class Expect:
    """One assessment the file holds."""

    framework: str
    levels: dict[str, Value]
    agency: str | None = "Kota Contoh"
    year: int | None = 2023
    track: str | None = None
    tracks: dict[str, dict[str, Value]] | None = None
    """Every track read (where the file has several)."""


@dataclass
class Built:
    """A written file, how to read it, and what it must give."""

    path: Path
    expects: list[Expect]
    options: dict[str, Any] = field(default_factory=dict)
    layout: str = "long"
    sheet: str | None = "Penilaian"
    warnings: set[str] = field(default_factory=set)
    track_columns: dict[str, str] | None = None
    """Track -> the header cell read (``"C5 'Nilai'"``), where the case checks it."""


CASES: dict[str, Callable[[Path], Built]] = {}


def case(name: str) -> Callable[[Callable[[Path], Built]], Callable[[Path], Built]]:
    def register(build: Callable[[Path], Built]) -> Callable[[Path], Built]:
        assert name not in CASES
        CASES[name] = build
        return build

    return register


SPBE_IDS = ids_of(SPBE)
PEMDI_IDS = ids_of(PEMDI)
OLD_IDS = ids_of(OLD)


def spbe_long(
    tmp: Path,
    header: str,
    *,
    ids: list[Any] | None = None,
    id_header: str = "No",
    file: str = "penilaian.xlsx",
    seed: int = 0,
) -> Built:
    """One value column headed ``header`` (the track ``nilai`` unless it names one)."""
    levels = whole_levels(SPBE, seed)
    sheet = long_sheet(
        ids if ids is not None else [int(k) for k in SPBE_IDS],
        {header: column_of(levels, SPBE_IDS)},
        id_header=id_header,
    )
    path = write_xlsx(tmp / file, Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(SPBE, levels)])


# -- one value column: header words ------------------------------------------------------------

PLAIN_HEADERS = {
    "nilai": ("Nilai", "nilai"),
    "nilai-kematangan": ("Nilai Kematangan", "nilai"),
    "level": ("Level", "nilai"),
    "skor": ("Skor", "nilai"),
    "tingkat-kematangan-colon": ("Tingkat Kematangan:", "nilai"),
    "level-bracket-scale": ("LEVEL (1-5)", "nilai"),
    "nilai-akhir-underscore": ("NILAI_AKHIR (1-5)", "akhir"),
    "nilai-asesor": ("Nilai Asesor", "akhir"),
    "penilaian-mandiri": ("Penilaian Mandiri", "mandiri"),
    "nilai-asesor-internal": ("Nilai Asesor Internal", "verifikasi"),
}


def _plain(header: str, track: str) -> Callable[[Path], Built]:
    def build(tmp: Path) -> Built:
        built = spbe_long(tmp, header)
        built.expects[0].track = track
        built.track_columns = {track: f"C5 '{header}'"}
        return built

    return build


for _name, (_header, _track) in PLAIN_HEADERS.items():
    case(f"header-{_name}")(_plain(_header, _track))


# -- indicator ids as offices write them ------------------------------------------------------


@case("ids-leading-zero-text")
def _ids_zero(tmp: Path) -> Built:
    return spbe_long(tmp, "Nilai", ids=[f"{int(k):02d}" for k in SPBE_IDS])


@case("ids-trailing-dot")
def _ids_dot(tmp: Path) -> Built:
    return spbe_long(tmp, "Nilai", ids=[f"{k}." for k in SPBE_IDS])


@case("ids-I-prefix")
def _ids_i(tmp: Path) -> Built:
    return spbe_long(tmp, "Nilai", ids=[f"I{k}" for k in SPBE_IDS], id_header="Kode Indikator")


@case("ids-indikator-word")
def _ids_word(tmp: Path) -> Built:
    return spbe_long(tmp, "Nilai", ids=[f"Indikator {k}" for k in SPBE_IDS], id_header="Indikator")


@case("ids-float-cells")
def _ids_float(tmp: Path) -> Built:
    return spbe_long(tmp, "Nilai", ids=[float(k) for k in SPBE_IDS])


@case("running-no-beside-indikator")
def _running_no(tmp: Path) -> Built:
    """Rows sorted by domain in another order: the running No disagrees with the ids."""
    levels = whole_levels(SPBE, 4)
    order = SPBE_IDS[20:] + SPBE_IDS[:20]
    sheet = long_sheet(
        [f"I{k}" for k in order],
        {"Nilai": column_of(levels, order)},
        id_header="Indikator",
        before={"No": list(range(1, 48))},
        name_header="Nama",
    )
    path = write_xlsx(tmp / "urut.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(SPBE, levels)])


@case("running-no-agrees-with-kode")
def _no_agrees(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 5)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai": column_of(levels, SPBE_IDS)},
        id_header="Kode Indikator",
        before={"No": list(range(1, 48))},
    )
    path = write_xlsx(tmp / "sama.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(SPBE, levels)])


# -- score tracks -----------------------------------------------------------------------------


def tracked(
    tmp: Path,
    columns: dict[str, tuple[str, int]],
    *,
    option: str | None = None,
    expect: str,
    file: str = "tahap.xlsx",
    blank_in: dict[str, list[int]] | None = None,
) -> Built:
    """Value columns ``header -> (track, shift)``: each track is the base levels shifted."""
    base = whole_levels(SPBE, 1)
    values = {track: shifted(base, by, SPBE) for _, (track, by) in columns.items()}
    cols: dict[str, list[Any]] = {}
    for header, (track, _) in columns.items():
        col: list[Any] = column_of(values[track], SPBE_IDS)
        for index in (blank_in or {}).get(track, []):
            col[index] = None
        cols[header] = col
    sheet = long_sheet([int(k) for k in SPBE_IDS], cols)
    path = write_xlsx(tmp / file, Sheet("Penilaian", sheet.rows))
    full = {t for t in values if not (blank_in or {}).get(t)}
    built = Built(
        path,
        [Expect(SPBE, values[expect], track=expect, tracks={t: values[t] for t in full})],
        options={"track": option} if option else {},
        track_columns={t: f"{_letter(sheet.columns, h)}5 '{h}'" for h, (t, _) in columns.items()},
    )
    return built


def _letter(columns: list[str], header: str) -> str:
    return "ABCDEFGHIJ"[columns.index(header)]


FIVE = {
    "Nilai Mandiri": ("mandiri", 0),
    "Nilai Asesor Internal": ("verifikasi", 1),
    "Nilai Asesor": ("akhir", -1),
    "Nilai": ("nilai", 2),
    "Target": ("target", 3),
}


@case("tracks-mandiri-asesor")
def _two(tmp: Path) -> Built:
    return tracked(
        tmp, {"Nilai Mandiri": ("mandiri", 0), "Nilai Asesor": ("akhir", -1)}, expect="akhir"
    )


@case("tracks-three")
def _three(tmp: Path) -> Built:
    return tracked(
        tmp,
        {
            "Penilaian Mandiri": ("mandiri", 1),
            "Nilai Verifikasi": ("verifikasi", 0),
            "Nilai Akhir": ("akhir", -1),
        },
        expect="akhir",
    )


@case("tracks-five-default")
def _five(tmp: Path) -> Built:
    return tracked(tmp, FIVE, expect="akhir")


for _asked in ("mandiri", "verifikasi", "nilai", "target"):
    case(f"tracks-five-asked-{_asked}")(
        lambda tmp, _asked=_asked: tracked(tmp, FIVE, option=_asked, expect=_asked)
    )


@case("tracks-mandiri-verifikasi")
def _mv(tmp: Path) -> Built:
    return tracked(
        tmp,
        {"Nilai Mandiri": ("mandiri", 0), "Nilai Verifikasi": ("verifikasi", 1)},
        expect="verifikasi",
    )


@case("tracks-mandiri-nilai")
def _mn(tmp: Path) -> Built:
    return tracked(tmp, {"Nilai Mandiri": ("mandiri", 1), "Nilai": ("nilai", 0)}, expect="nilai")


@case("tracks-asesor-not-yet-filled")
def _not_yet(tmp: Path) -> Built:
    """The assessor's column is there but empty: the self-assessment is scored."""
    built = tracked(
        tmp,
        {"Nilai Mandiri": ("mandiri", 0), "Nilai Asesor": ("akhir", -1)},
        expect="mandiri",
        blank_in={"akhir": list(range(47))},
    )
    return built


@case("tracks-verifikasi-incomplete-warns")
def _incomplete(tmp: Path) -> Built:
    built = tracked(
        tmp,
        {
            "Nilai Mandiri": ("mandiri", 0),
            "Nilai Verifikasi": ("verifikasi", 1),
            "Nilai Akhir": ("akhir", 0),
        },
        expect="akhir",
        blank_in={"verifikasi": [3, 9]},
    )
    built.warnings = {"track-incomplete"}
    return built


@case("catatan-asesor-is-a-note")
def _note(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 2)
    notes = ["perlu bukti" if i % 2 else None for i in range(47)]
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai Asesor": column_of(levels, SPBE_IDS)},
        after={
            "Catatan Asesor": notes,
            "OPD Penanggung Jawab": ["Diskominfo"] * 47,
            "Bukti Dukung": ["sk.pdf"] * 47,
        },
    )
    path = write_xlsx(tmp / "catatan.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(
        path, [Expect(SPBE, levels, track="akhir")], track_columns={"akhir": "C5 'Nilai Asesor'"}
    )


# -- workbook shapes ----------------------------------------------------------------------------


@case("sections-blank-rows-totals")
def _sections(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 3)
    rows: list[list[Any]] = [list(r) for r in TITLE_ROWS]
    rows.append(["No", "Nama Indikator", "Nilai"])
    for i, key in enumerate(SPBE_IDS):
        if i % 10 == 0:
            rows.append([f"Domain {i // 10 + 1}", None, None])
            rows.append([None, None, None])
        rows.append([int(key), f"Indikator {key}", levels[key]])
    rows.append([None, "Indeks SPBE", None])
    rows.append(["Jumlah", None, None])
    path = write_xlsx(tmp / "bagian.xlsx", Sheet("Penilaian", rows))
    return Built(path, [Expect(SPBE, levels)])


@case("merged-title-and-header")
def _merged(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 6)
    rows: list[list[Any]] = [
        ["EVALUASI SPBE 2023", None, None, None],
        ["Instansi", "Kota Contoh", None, None],
        ["Tahun", 2023, None, None],
        ["No", "Nama Indikator", None, "Nilai"],
    ]
    for key in SPBE_IDS:
        rows.append([int(key), f"Uraian {key}", None, levels[key]])
    path = write_xlsx(
        tmp / "gabung.xlsx", Sheet("Penilaian", rows, merges=("A1:D1", "B4:C4", "B2:C2"))
    )
    return Built(path, [Expect(SPBE, levels)])


@case("label-with-colon")
def _colon(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 7)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai": column_of(levels, SPBE_IDS)},
        title=[["Instansi: Kabupaten Dua"], ["Tahun Penilaian: 2024"], []],
    )
    path = write_xlsx(tmp / "titik-dua.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(SPBE, levels, agency="Kabupaten Dua", year=2024)])


@case("agency-year-columns")
def _columns(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 8)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai": column_of(levels, SPBE_IDS)},
        title=[],
        before={"Instansi": ["Provinsi Tiga"] * 47, "Tahun": [2022] * 47},
    )
    path = write_xlsx(tmp / "kolom.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(SPBE, levels, agency="Provinsi Tiga", year=2022)])


@case("levels-as-text-and-float")
def _types(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 9)
    cells = [
        str(v) if i % 3 == 0 else float(v) if i % 3 == 1 else v
        for i, v in enumerate(column_of(levels, SPBE_IDS))
    ]
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": cells})
    path = write_xlsx(tmp / "jenis.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(SPBE, levels)])


@case("instructions-sheet-first")
def _instructions(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 10)
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": column_of(levels, SPBE_IDS)})
    guide = [
        ["Petunjuk pengisian"],
        ["Isi kolom Nilai dengan 1 sampai 5."],
        [],
        ["Lembar berikut: Penilaian"],
    ]
    path = write_xlsx(
        tmp / "petunjuk.xlsx", Sheet("Petunjuk", guide), Sheet("Penilaian", sheet.rows)
    )
    return Built(path, [Expect(SPBE, levels)])


@case("hidden-helper-sheet-first")
def _hidden_first(tmp: Path) -> Built:
    """A hidden lookup sheet (a real header, other values) before the visible one."""
    levels = whole_levels(SPBE, 11)
    other = whole_levels(SPBE, 12)
    visible = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": column_of(levels, SPBE_IDS)})
    helper = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": column_of(other, SPBE_IDS)})
    path = write_xlsx(
        tmp / "tersembunyi.xlsx",
        Sheet("Ref", helper.rows, hidden=True),
        Sheet("Penilaian", visible.rows),
    )
    return Built(path, [Expect(SPBE, levels)])


@case("only-hidden-sheet-has-data")
def _hidden_only(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 13)
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": column_of(levels, SPBE_IDS)})
    path = write_xlsx(
        tmp / "hanya-tersembunyi.xlsx",
        Sheet("Sampul", [[None]]),
        Sheet("Penilaian", sheet.rows, hidden=True),
    )
    return Built(path, [Expect(SPBE, levels)])


@case("sheet-chosen-by-name")
def _chosen(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 14)
    other = whole_levels(SPBE, 15)
    a = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": column_of(other, SPBE_IDS)})
    b = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": column_of(levels, SPBE_IDS)})
    path = write_xlsx(tmp / "dua-lembar.xlsx", Sheet("2022", a.rows), Sheet("Penilaian", b.rows))
    return Built(path, [Expect(SPBE, levels)], options={"sheet": "penilaian "})


@case("csv-comma")
def _csv(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 16)
    sheet = long_sheet([int(k) for k in SPBE_IDS], {"Nilai": column_of(levels, SPBE_IDS)})
    return Built(write_csv(tmp / "nilai.csv", sheet.rows), [Expect(SPBE, levels)], sheet=None)


@case("csv-semicolon-bom")
def _csv_semicolon(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 17)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai Mandiri": column_of(levels, SPBE_IDS)},
        name_header="Nama Indikator, Uraian",
    )
    path = write_csv(tmp / "excel-id.csv", sheet.rows, delimiter=";", encoding="utf-8-sig")
    return Built(path, [Expect(SPBE, levels, track="mandiri")], sheet=None)


@case("csv-utf16-tab")
def _csv_utf16(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 18)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai": column_of(levels, SPBE_IDS)},
        title=[["Instansi", "Kabupaten Tébé"], ["Tahun", 2023]],
    )
    path = write_csv(tmp / "unicode.csv", sheet.rows, delimiter="\t", encoding="utf-16")
    return Built(path, [Expect(SPBE, levels, agency="Kabupaten Tébé")], sheet=None)


@case("csv-windows-1252")
def _csv_cp1252(tmp: Path) -> Built:
    levels = whole_levels(SPBE, 19)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {"Nilai": column_of(levels, SPBE_IDS)},
        title=[["Instansi", "Kota Sémarang"], ["Tahun", 2023]],
    )
    path = write_csv(tmp / "lama.csv", sheet.rows, delimiter=";", encoding="cp1252")
    return Built(path, [Expect(SPBE, levels, agency="Kota Sémarang")], sheet=None)


# -- Pemdi (8/2026, decimal values) -----------------------------------------------------------


def pemdi_levels(seed: int) -> dict[str, Value]:
    levels = decimal_levels(PEMDI, seed)
    levels["1"] = Fraction(126, 100)
    levels["2"] = Fraction(7, 6)
    return levels


@case("pemdi-xlsx-numbers-external-blank")
def _pemdi_xlsx(tmp: Path) -> Built:
    levels = pemdi_levels(0)
    cells: list[Any] = column_of(levels, PEMDI_IDS)
    cells[1] = "7/6"  # a fraction that is no decimal, as text
    external = [i for i, k in enumerate(PEMDI_IDS) if framework(PEMDI).indicator_by_id[k].external]
    for index in external:
        cells[index] = None
        del levels[PEMDI_IDS[index]]
    sheet = long_sheet(
        [int(k) for k in PEMDI_IDS],
        {"Nilai": cells},
        title=[["Instansi", "Kota Contoh"], ["Tahun", 2026]],
    )
    path = write_xlsx(tmp / "pemdi.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(PEMDI, levels, year=2026)], warnings={"external-default"})


@case("pemdi-csv-decimal-comma")
def _pemdi_csv(tmp: Path) -> Built:
    levels = pemdi_levels(1)
    sheet = long_sheet(
        [int(k) for k in PEMDI_IDS],
        {"Nilai Kematangan": column_of(levels, PEMDI_IDS)},
        title=[["Instansi", "Kota Contoh"], ["Tahun", 2026]],
    )
    path = write_csv(
        tmp / "pemdi.csv", sheet.rows, delimiter=";", decimal_comma=True, encoding="utf-8-sig"
    )
    return Built(path, [Expect(PEMDI, levels, year=2026)], sheet=None)


@case("pemdi-csv-comma-quoted-decimals")
def _pemdi_quoted(tmp: Path) -> Built:
    """Comma-separated with decimal commas: the decimals are quoted, as Excel writes them."""
    levels = pemdi_levels(2)
    sheet = long_sheet(
        [int(k) for k in PEMDI_IDS],
        {"Nilai": column_of(levels, PEMDI_IDS)},
        title=[["Instansi", "Kota Contoh"], ["Tahun", 2026]],
    )
    path = write_csv(tmp / "pemdi-koma.csv", sheet.rows, delimiter=",", decimal_comma=True)
    return Built(path, [Expect(PEMDI, levels, year=2026)], sheet=None)


@case("pemdi-alias-ids-no-year")
def _pemdi_alias(tmp: Path) -> Built:
    """Ids 1.1..7.2 (the regulation's numbering) and no year: chosen by the indicator set."""
    levels = pemdi_levels(3)
    aliases = [framework(PEMDI).indicator_by_id[k].aliases[0] for k in PEMDI_IDS]
    sheet = long_sheet(
        aliases,
        {"Nilai Akhir": column_of(levels, PEMDI_IDS)},
        title=[["Instansi", "Kota Contoh"]],
        id_header="Kode Indikator",
    )
    path = write_xlsx(tmp / "pemdi-alias.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(PEMDI, levels, year=None, track="akhir")])


@case("pemdi-kerangka-label")
def _pemdi_named(tmp: Path) -> Built:
    levels = pemdi_levels(4)
    sheet = long_sheet(
        [int(k) for k in PEMDI_IDS],
        {"Nilai": column_of(levels, PEMDI_IDS)},
        title=[["Instansi", "Kota Contoh"], ["Kerangka", "PermenPANRB 8/2026"]],
    )
    path = write_xlsx(tmp / "pemdi-kerangka.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(path, [Expect(PEMDI, levels, year=None)])


@case("pemdi-tracks")
def _pemdi_tracks(tmp: Path) -> Built:
    mandiri, akhir = pemdi_levels(5), pemdi_levels(6)
    sheet = long_sheet(
        [int(k) for k in PEMDI_IDS],
        {
            "Nilai Mandiri": column_of(mandiri, PEMDI_IDS),
            "Nilai Akhir": column_of(akhir, PEMDI_IDS),
        },
        title=[["Instansi", "Kota Contoh"], ["Tahun", 2026]],
    )
    path = write_xlsx(tmp / "pemdi-tahap.xlsx", Sheet("Penilaian", sheet.rows))
    return Built(
        path,
        [
            Expect(
                PEMDI, akhir, year=2026, track="akhir", tracks={"mandiri": mandiri, "akhir": akhir}
            )
        ],
        track_columns={"mandiri": "C3 'Nilai Mandiri'", "akhir": "D3 'Nilai Akhir'"},
    )


# -- PermenPANRB 5/2018 (0-5, public services 35-1..35-3) ------------------------------------


def old_case(tmp: Path, names: tuple[Any, Any, Any], file: str, seed: int) -> Built:
    levels = whole_levels(OLD, seed)
    ids: list[Any] = [int(k) if k.isdigit() else k for k in OLD_IDS]
    ids[-3:] = list(names)
    sheet = long_sheet(
        ids,
        {"Nilai": column_of(levels, OLD_IDS)},
        title=[["Instansi", "Kota Contoh"], ["Tahun", 2019]],
    )
    path = write_xlsx(tmp / file, Sheet("Penilaian", sheet.rows))
    assert 0 in levels.values()  # level 0 exists on this scale
    return Built(path, [Expect(OLD, levels, year=2019)])


@case("old-35-35-2-35-3")
def _old_dash(tmp: Path) -> Built:
    return old_case(tmp, (35, "35-2", "35-3"), "2019-a.xlsx", 0)


@case("old-35a-35c")
def _old_letters(tmp: Path) -> Built:
    return old_case(tmp, ("35a", "35b", "35c"), "2019-b.xlsx", 1)


@case("old-35.1-35.3-numbers")
def _old_dots(tmp: Path) -> Built:
    return old_case(tmp, (35.1, 35.2, 35.3), "2019-c.xlsx", 2)


# -- wide files ---------------------------------------------------------------------------------


def wide_case(
    tmp: Path,
    headers: list[Any],
    *,
    file: str = "nasional.xlsx",
    csv: bool = False,
) -> Built:
    agencies = [("Kota Satu", 2022), ("Kabupaten Dua", 2022), ("Kota Satu", 2023)]
    records, expects = [], []
    for seed, (agency, year) in enumerate(agencies):
        levels = whole_levels(SPBE, 20 + seed)
        records.append([agency, year, *column_of(levels, SPBE_IDS)])
        expects.append(Expect(SPBE, levels, agency=agency, year=year))
    rows = wide_rows(headers, records, title=[["Rekap Indeks SPBE"], []])
    if csv:
        path = write_csv(tmp / file, rows, delimiter=";", encoding="utf-8-sig")
        return Built(path, expects, layout="wide", sheet=None)
    return Built(
        write_xlsx(tmp / file, Sheet("Rekap", rows)), expects, layout="wide", sheet="Rekap"
    )


@case("wide-number-headers")
def _wide_numbers(tmp: Path) -> Built:
    return wide_case(tmp, [int(k) for k in SPBE_IDS])


@case("wide-I-headers")
def _wide_i(tmp: Path) -> Built:
    return wide_case(tmp, [f"I{k}" for k in SPBE_IDS])


@case("wide-indikator-headers")
def _wide_words(tmp: Path) -> Built:
    return wide_case(tmp, [f"Indikator {k}" for k in SPBE_IDS])


@case("wide-csv-semicolon")
def _wide_csv(tmp: Path) -> Built:
    return wide_case(tmp, [f"{int(k):02d}" for k in SPBE_IDS], file="nasional.csv", csv=True)


@case("wide-track-column")
def _wide_track(tmp: Path) -> Built:
    records, expects = [], []
    for seed, agency in enumerate(("Kota Satu", "Kabupaten Dua")):
        mandiri = whole_levels(SPBE, 30 + seed)
        akhir = shifted(mandiri, -1, SPBE)
        records.append([agency, 2024, "Mandiri", *column_of(mandiri, SPBE_IDS)])
        records.append([agency, 2024, "Nilai Akhir", *column_of(akhir, SPBE_IDS)])
        expects.append(
            Expect(
                SPBE,
                akhir,
                agency=agency,
                year=2024,
                track="akhir",
                tracks={"mandiri": mandiri, "akhir": akhir},
            )
        )
    rows = wide_rows(SPBE_IDS, records, lead=("Instansi", "Tahun", "Track"))
    return Built(
        write_xlsx(tmp / "tahap.xlsx", Sheet("Rekap", rows)), expects, layout="wide", sheet="Rekap"
    )


@case("wide-jenis-column-asked-mandiri")
def _wide_jenis(tmp: Path) -> Built:
    records, expects = [], []
    for seed, agency in enumerate(("Kota Satu", "Kabupaten Dua")):
        mandiri = whole_levels(SPBE, 40 + seed)
        verif = shifted(mandiri, 1, SPBE)
        records.append([agency, 2024, "Verifikasi", *column_of(verif, SPBE_IDS)])
        records.append([agency, 2024, "Penilaian Mandiri", *column_of(mandiri, SPBE_IDS)])
        expects.append(
            Expect(
                SPBE,
                mandiri,
                agency=agency,
                year=2024,
                track="mandiri",
                tracks={"mandiri": mandiri, "verifikasi": verif},
            )
        )
    rows = wide_rows(SPBE_IDS, records, lead=("Instansi", "Tahun", "Jenis"))
    return Built(
        write_xlsx(tmp / "jenis.xlsx", Sheet("Rekap", rows)),
        expects,
        layout="wide",
        sheet="Rekap",
        options={"track": "mandiri"},
    )


@case("wide-pemdi-decimals-blank-rows")
def _wide_pemdi(tmp: Path) -> Built:
    records: list[list[Any]] = []
    expects = []
    for seed, agency in enumerate(("Kota Satu", "Kabupaten Dua")):
        levels = pemdi_levels(50 + seed)
        records.append([agency, 2026, *column_of(levels, PEMDI_IDS)])
        records.append([None] * (2 + len(PEMDI_IDS)))
        expects.append(Expect(PEMDI, levels, agency=agency, year=2026))
    rows = wide_rows([framework(PEMDI).indicator_by_id[k].aliases[0] for k in PEMDI_IDS], records)
    return Built(
        write_xlsx(tmp / "pemdi-rekap.xlsx", Sheet("Rekap", rows)),
        expects,
        layout="wide",
        sheet="Rekap",
    )


@case("wide-old-framework")
def _wide_old(tmp: Path) -> Built:
    records, expects = [], []
    for seed, agency in enumerate(("Kota Satu", "Kabupaten Dua")):
        levels = whole_levels(OLD, 60 + seed)
        records.append([agency, 2020, *column_of(levels, OLD_IDS)])
        expects.append(Expect(OLD, levels, agency=agency, year=2020))
    headers = [*OLD_IDS[:-3], "35a", "35b", "35c"]
    rows = wide_rows(headers, records)
    return Built(
        write_xlsx(tmp / "2020.xlsx", Sheet("Rekap", rows)), expects, layout="wide", sheet="Rekap"
    )


# -- Indonesian-locale CSV exports: the number 1.1 saved as 1,1 -------------------------------


@case("pemdi-csv-comma-ids")
def _pemdi_comma_ids(tmp: Path) -> Built:
    """Ids 1.1..7.2 typed as numbers in Indonesian Excel and saved as CSV: 1,1 .. 7,2."""
    levels = pemdi_levels(7)
    aliases = [framework(PEMDI).indicator_by_id[k].aliases[0].replace(".", ",") for k in PEMDI_IDS]
    sheet = long_sheet(
        aliases,
        {"Nilai": column_of(levels, PEMDI_IDS)},
        title=[["Instansi", "Kota Contoh"], ["Tahun", 2026]],
    )
    path = write_csv(tmp / "pemdi-id.csv", sheet.rows, delimiter=";", decimal_comma=True)
    return Built(path, [Expect(PEMDI, levels, year=2026)], sheet=None)


@case("old-csv-comma-ids")
def _old_comma_ids(tmp: Path) -> Built:
    levels = whole_levels(OLD, 3)
    ids: list[Any] = [int(k) if k.isdigit() else k for k in OLD_IDS]
    ids[-3:] = ["35,1", "35,2", "35,3"]
    sheet = long_sheet(
        ids, {"Nilai": column_of(levels, OLD_IDS)}, title=[["Instansi", "Kota Contoh"]]
    )
    path = write_csv(tmp / "2019.csv", sheet.rows, delimiter=";")
    return Built(path, [Expect(OLD, levels, year=None)], sheet=None)


@case("wide-pemdi-csv-comma-ids-and-decimals")
def _wide_pemdi_csv(tmp: Path) -> Built:
    records, expects = [], []
    for seed, agency in enumerate(("Kota Satu", "Kabupaten Dua", "Provinsi Tiga")):
        levels = pemdi_levels(70 + seed)
        records.append([agency, 2026, *column_of(levels, PEMDI_IDS)])
        expects.append(Expect(PEMDI, levels, agency=agency, year=2026))
    headers = [framework(PEMDI).indicator_by_id[k].aliases[0].replace(".", ",") for k in PEMDI_IDS]
    path = write_csv(
        tmp / "pemdi-rekap.csv",
        wide_rows(headers, records),
        delimiter=";",
        decimal_comma=True,
        encoding="utf-8-sig",
    )
    return Built(path, expects, layout="wide", sheet=None)


# -- more shapes ------------------------------------------------------------------------------


@case("xlsm-wrapped-and-nbsp-headers")
def _xlsm(tmp: Path) -> Built:
    """A macro workbook (.xlsm) whose headers wrap (Alt+Enter) or hold a no-break space."""
    mandiri = whole_levels(SPBE, 80)
    akhir = shifted(mandiri, 1, SPBE)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {
            "Nilai\nMandiri": column_of(mandiri, SPBE_IDS),
            "Nilai\u00a0Asesor": column_of(akhir, SPBE_IDS),
        },
    )
    path = write_xlsx(tmp / "makro.xlsm", Sheet("Penilaian", sheet.rows))
    return Built(
        path,
        [Expect(SPBE, akhir, track="akhir", tracks={"mandiri": mandiri, "akhir": akhir})],
        track_columns={"mandiri": "C5 'Nilai\nMandiri'", "akhir": "D5 'Nilai\u00a0Asesor'"},
    )


@case("wide-with-index-and-rating-columns")
def _wide_extra(tmp: Path) -> Built:
    """A recap with the index and its rating already computed beside the indicators."""
    records, expects = [], []
    for seed, agency in enumerate(("Kota Satu", "Kabupaten Dua")):
        levels = whole_levels(SPBE, 90 + seed)
        records.append([seed + 1, agency, 2025, *column_of(levels, SPBE_IDS), 2.85, "Baik"])
        expects.append(Expect(SPBE, levels, agency=agency, year=2025))
    rows = wide_rows(
        [*SPBE_IDS, "Indeks SPBE", "Predikat"],
        records,
        lead=("No", "Nama Instansi", "Tahun Penilaian"),
    )
    return Built(
        write_xlsx(tmp / "rekap-indeks.xlsx", Sheet("Rekap", rows)),
        expects,
        layout="wide",
        sheet="Rekap",
    )


# -- the test -----------------------------------------------------------------------------------


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 35


@pytest.mark.parametrize("name", sorted(CASES))
def test_office_file_scores_exactly(name: str, tmp_path: Path) -> None:
    built = CASES[name](tmp_path)
    before = digest(built.path)
    result = read_assessments(built.path, **built.options)
    assert digest(built.path) == before, "the input file was changed"

    assert result.layout == built.layout
    assert result.sheet == built.sheet
    assert {w.code for w in result.warnings} == built.warnings, [
        w.render("en") for w in result.warnings
    ]
    if built.track_columns is not None:
        assert result.track_columns == built.track_columns
    assert len(result.assessments) == len(built.expects)
    for assessment, choice, expect in zip(
        result.assessments, result.choices, built.expects, strict=True
    ):
        assert choice.framework.id == expect.framework
        assert assessment.agency == expect.agency
        assert assessment.year == expect.year
        assert assessment.levels == expect.levels
        if expect.track is not None:
            assert assessment.track == expect.track
        if expect.tracks is not None:
            assert assessment.tracks == expect.tracks
        fw = framework(expect.framework)
        wanted = expected_index(expect.framework, expect.levels)
        by_hand = score(Assessment(levels=dict(expect.levels)), fw)
        assert by_hand.index == wanted  # the formula and the engine agree
        assert score(assessment, fw).index == wanted


def test_csv_on_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    levels = whole_levels(SPBE, 99)
    sheet = long_sheet(
        [int(k) for k in SPBE_IDS],
        {
            "Nilai Mandiri": column_of(levels, SPBE_IDS),
            "Nilai Akhir": column_of(shifted(levels, 1, SPBE), SPBE_IDS),
        },
    )
    data = write_csv(tmp_path / "stdin.csv", sheet.rows, delimiter=";").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = read_assessments("-", track="mandiri")
    assert result.source == "-"
    assert result.assessments[0].levels == levels
    assert result.track_columns == {"mandiri": "C5 'Nilai Mandiri'", "akhir": "D5 'Nilai Akhir'"}
    assert score(result.assessments[0], framework(SPBE)).index == expected_index(SPBE, levels)
