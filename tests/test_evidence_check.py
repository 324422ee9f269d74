"""The whole check: claims against a real folder, mapping cells and item lists.

Every expected figure is worked out here from the files written and the rules, and every
index from the formula (:func:`evidence_files.expected_index`) and the engine on a
hand-built assessment.
"""

from __future__ import annotations

import json
import tempfile
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_files import (
    FileKind,
    build_folder,
    expected_index,
    levels_folder,
    write_items_csv,
)
from spbe_cli.assessment import Assessment
from spbe_cli.engine import score
from spbe_cli.evidence import FINDING_CODES, check_assessment, scan_folder
from spbe_cli.framework import load_framework
from spbe_cli.render.evidence_data import csv_rows, markdown_lines, to_dict

SPBE = load_framework("permenpanrb-59-2020")
PEMDI = load_framework("permenpanrb-8-2026")
WEIGHT = {i.id: i.weight for i in SPBE.indicators}


def spbe_case(tmp_path: Path) -> tuple[Assessment, Path, dict[str, int]]:
    """An SPBE self-assessment, its folder, and the supported levels worked out by hand."""
    claims = {str(n): 1 for n in range(1, 48)}
    claims.update(
        {
            "1": 3,
            "2": 3,
            "3": 2,
            "4": 2,
            "5": 2,
            "6": 2,
            "7": 2,
            "8": 3,
            "9": 2,
            "10": 1,
            "11": 2,
            "12": 1,
        }
    )
    root = levels_folder(tmp_path / "bukti", {str(n): [1] for n in range(13, 48)})
    levels_folder(root, {"1": [1, 2, 3]})  # flat names, all there
    levels_folder(root, {"2": [1, 3]}, style="nested")  # level 2 missing
    levels_folder(root, {"3": [1, 2]}, style="words")  # Indikator 3/Level 1/...
    files: dict[str, FileKind] = {
        "I4_L1.pdf": "pdf",
        "I4_L2.pdf": "empty",  # empty PDF
        "I5_L1.pdf": "pdf",
        "I5_L2.pdf": "broken",  # broken PDF
        "I6_L1.pdf": "pdf",
        "I6_L2_foto.jpg": "image",  # not a PDF
        "SK-Kebijakan-SPBE.pdf": "pdf",  # mapped for 7, no level
        "I7_L1_lama.pdf": "pdf",  # 7 is mapped: not listed
        "I8/I8_L1.pdf": "pdf",
        "I8/I8_L2.pdf": "pdf",  # mapped by name
        "I9_L1.pdf": "pdf",
        "I9_L2.pdf": "pdf",  # 9 is mapped to a link only
        "I11_tanpa_level.pdf": "pdf",  # no level
        "I12_L7.pdf": "pdf",  # level outside the scale
        "Notulen rapat.pdf": "pdf",  # matches no indicator
        "arsip/I1_L1_bukti.pdf": "pdf",  # same name as I1_L1_bukti.pdf
    }
    build_folder(root, files)
    opd = {
        str(n): "Diskominfo" if n <= 6 else "Bappeda" if n <= 12 else "Setda" for n in range(1, 48)
    }
    assessment = Assessment(
        levels={k: max(1, v - 1) for k, v in claims.items()},  # the assessor's, lower
        agency="Kota Contoh",
        year=2024,
        track="akhir",
        opd=opd,
        tracks={"mandiri": claims, "akhir": {k: max(1, v - 1) for k, v in claims.items()}},
        evidence={
            "7": "SK-Kebijakan-SPBE.pdf; https://drive.example.go.id/sk",
            "8": "I8_L1.pdf,\nI8/I8_L2.pdf; I8_L3_hilang.pdf",
            "9": "www.contoh.go.id/bukti",
        },
    )
    supported = dict(claims)
    supported.update({"2": 1, "4": 1, "5": 1, "6": 1, "8": 2, "9": 1, "11": 1})
    return assessment, root, supported


def test_spbe_rows_findings_and_risk(tmp_path: Path) -> None:
    assessment, root, supported = spbe_case(tmp_path)
    report = check_assessment(assessment, SPBE, scan=root)
    claims = assessment.tracks["mandiri"]
    assert report.track == "mandiri"
    assert report.supported_levels() == supported
    rows = {r.id: r for r in report.rows}
    assert rows["1"].evidenced_levels == (1, 2, 3) and rows["1"].missing_levels == ()
    assert rows["1"].files == (
        "I1_L1_bukti.pdf",
        "I1_L2_bukti.pdf",
        "I1_L3_bukti.pdf",
        "arsip/I1_L1_bukti.pdf",
    )
    assert rows["2"].missing_levels == (2,) and rows["2"].evidenced_levels == (1, 3)
    assert rows["3"].files == (
        "Indikator 3/Level 1/dokumen 3-1.pdf",
        "Indikator 3/Level 2/dokumen 3-2.pdf",
    )
    assert rows["7"].basis == "mapping" and rows["7"].files == ("SK-Kebijakan-SPBE.pdf",)
    assert rows["7"].evidenced_levels == (1, 2)
    assert rows["8"].missing_levels == (3,)
    assert rows["9"].missing_levels == (1, 2) and rows["9"].files == ()
    assert rows["10"].missing_levels == (1,) and rows["10"].supported == 1
    assert rows["10"].risk == 0
    assert rows["12"].missing_levels == (1,)
    for key, row in rows.items():
        assert row.claimed == claims[key]
        assert row.risk == WEIGHT[key] * (claims[key] - supported[key]) / 100

    codes: dict[str, list[str]] = {}
    for f in report.findings:
        codes.setdefault(f.code, []).append(f.place)
    assert codes == {
        "missing-evidence": ["I2", "I4", "I5", "I6", "I8", "I9", "I10", "I11", "I12"],
        "unmatched-file": ["Notulen rapat.pdf"],
        "no-level": ["I11_tanpa_level.pdf"],
        "level-out-of-scale": ["I12_L7.pdf"],
        "not-pdf": ["I6_L2_foto.jpg"],
        "empty": ["I4_L2.pdf"],
        "broken": ["I5_L2.pdf"],
        "duplicate-name": ["I1_L1_bukti.pdf"],
        "link-not-followed": ["I7", "I9"],
        "mapped-not-found": ["I8"],
        "not-in-mapping": ["I7_L1_lama.pdf", "I9_L1.pdf", "I9_L2.pdf"],
    }
    assert list(codes) == [c for c in FINDING_CODES if c in codes]
    missing = {f.indicator: f for f in report.findings_of("missing-evidence")}
    assert missing["2"].opd == "Diskominfo" and missing["9"].opd == "Bappeda"
    assert "level 2" in missing["2"].text.en and "supported 1" in missing["2"].text.en
    assert report.findings_of("empty")[0].indicator == "4"

    claimed_index = expected_index(SPBE, claims)
    evidenced_index = expected_index(SPBE, supported)
    assert report.claimed_index == claimed_index
    assert report.evidenced_index == evidenced_index
    assert report.risk == claimed_index - evidenced_index
    assert report.risk == sum(r.risk for r in report.rows)
    hand = score(Assessment(levels=supported), SPBE)
    assert report.evidenced_published == hand.published
    assert report.claimed_published == score(Assessment(levels=claims), SPBE).published

    by_opd = {o.opd: o for o in report.opds}
    assert by_opd["Diskominfo"].at_risk == ("2", "4", "5", "6")
    assert (
        by_opd["Diskominfo"].risk
        == sum(WEIGHT[k] * (claims[k] - supported[k]) for k in ("2", "4", "5", "6")) / 100
    )
    assert by_opd["Bappeda"].at_risk == ("8", "9", "11")
    assert by_opd["Setda"].risk == 0 and by_opd["Setda"].missing_levels == 0
    assert by_opd["Bappeda"].missing_levels == 1 + 2 + 1 + 2 + 1
    assert [o.opd for o in report.opds] == sorted(by_opd, key=lambda k: -by_opd[k].risk)

    plan_start = report.evidenced_assessment()
    assert plan_start.levels == supported and plan_start.opd == assessment.opd
    assert score(plan_start, SPBE).index == evidenced_index


def test_other_track_and_fallback(tmp_path: Path) -> None:
    assessment, root, _ = spbe_case(tmp_path)
    akhir = check_assessment(assessment, SPBE, scan=root, track="akhir")
    assert akhir.track == "akhir"
    assert akhir.claimed_index == expected_index(SPBE, assessment.tracks["akhir"])
    assessment.tracks.clear()
    fallback = check_assessment(assessment, SPBE, scan=scan_folder(root))
    assert fallback.track == "akhir"
    assert fallback.row("1").claimed == 2


def test_needs_a_source() -> None:
    with pytest.raises(ValueError, match="evidence folder"):
        check_assessment(Assessment(levels={}), SPBE)


def test_pemdi_decimal_claims_and_items(tmp_path: Path) -> None:
    claims = {str(n): Fraction(1) for n in range(1, 21) if n not in (5, 6, 7, 18)}
    claims.update(
        {"1": Fraction(63, 50), "2": Fraction(5, 2), "3": Fraction(15, 4), "4": Fraction(2)}
    )
    claims["5"] = Fraction(3)  # external: kept as claimed
    root = levels_folder(
        tmp_path / "b",
        {
            "1": [1, 2],
            "2": [1, 2],
            "3": [1, 2, 3],
            "4": [1, 2],
            **{k: [1] for k in claims if k not in ("1", "2", "3", "4", "5")},
        },
    )
    assessment = Assessment(levels=claims, opd={"1": "Bappeda"})
    folder_only = check_assessment(assessment, PEMDI, scan=root)
    expected = dict(claims)
    expected.update({"2": Fraction(2), "3": Fraction(3)})
    assert folder_only.supported_levels() == expected
    assert folder_only.row("1").supported == Fraction(63, 50)
    assert folder_only.row("2").missing_levels == (3,)
    assert folder_only.row("3").missing_levels == (4,)
    assert folder_only.row("5").basis == "external"
    assert folder_only.risk == expected_index(PEMDI, claims) - expected_index(PEMDI, expected)
    assert (
        folder_only.risk
        == (
            PEMDI.indicator_by_id["2"].weight * Fraction(1, 2)
            + PEMDI.indicator_by_id["3"].weight * Fraction(3, 4)
        )
        / 100
    )

    items = write_items_csv(
        tmp_path / "items.csv",
        [
            ["I1.1-L1-01", "Diterima", "", "Bappeda"],
            ["I1.1-L2-01", "Revisi", "Perlu SK terbaru", "Bappeda"],
            ["I1.2-L1-01", "Diterima", "", ""],
            ["I1.2-L2-01", "Diterima", "", ""],
            ["I4-L1-01", "Diterima", "", ""],
            ["I4-L2-01", "Diterima", "", ""],
            ["I4-L3-01", "Ditolak", "Bukan dokumen tahun berjalan", ""],
        ],
    )
    both = check_assessment(assessment, PEMDI, scan=root, items=items)
    assert both.row("1").supported == 1 and both.row("1").missing_levels == (2,)
    assert both.row("1").basis == "names+items"
    assert [b.code for b in both.row("1").blockers] == ["I1.1-L2-01"]
    assert both.row("2").supported == 2
    assert both.row("3").supported == 1  # no items for indicator 3
    assert both.row("4").supported == 2 and both.row("4").accepted_level == 2
    assert [b.note for b in both.row("4").blockers] == ["Bukan dokumen tahun berjalan"]
    blocking = both.findings_of("item-blocking")
    assert [f.indicator for f in blocking] == ["1", "4"]
    assert "Perlu SK terbaru" in blocking[0].text.id
    items_only = check_assessment(assessment, PEMDI, items=items)
    assert items_only.scan is None and items_only.row("2").basis == "items"
    assert items_only.row("2").supported == 2
    want = dict(claims)
    want.update({k: Fraction(1) for k in want if k not in ("2", "4", "5")})
    want.update({"2": Fraction(2), "4": Fraction(2)})
    assert items_only.supported_levels() == want
    assert items_only.evidenced_index == expected_index(PEMDI, want)


def test_export(tmp_path: Path) -> None:
    assessment, root, _ = spbe_case(tmp_path)
    report = check_assessment(assessment, SPBE, scan=root)
    data = to_dict(report, "en")
    text = json.dumps(data)
    assert json.loads(text) == data
    assert list(data) == [
        "schema",
        "framework",
        "agency",
        "year",
        "track",
        "column",
        "claims",
        "claimed_index",
        "claimed_index_exact",
        "claimed_band",
        "evidenced_index",
        "evidenced_index_exact",
        "evidenced_band",
        "evidenced_partial",
        "risk",
        "risk_exact",
        "scan",
        "items",
        "indicators",
        "findings",
        "opds",
    ]
    assert data["evidenced_partial"] is False and data["scan"]["complete"] is True
    assert data["schema"] == "spbe-evidence/1"
    assert Fraction(data["risk_exact"]) == report.risk
    assert data["claimed_index"] == float(report.claimed_published)
    assert data["scan"]["kinds"] == {"broken": 1, "empty": 1, "not-pdf": 1, "pdf": 55}
    row = data["indicators"][1]
    assert row["id"] == "2" and row["missing_levels"] == [2] and row["supported"] == 1
    assert set(row) == {
        "id",
        "name",
        "opd",
        "claimed",
        "claimed_exact",
        "supported",
        "supported_exact",
        "evidenced_levels",
        "missing_levels",
        "files",
        "basis",
        "accepted_level",
        "blockers",
        "risk",
        "risk_exact",
    }
    assert {f["code"] for f in data["findings"]} == {f.code for f in report.findings}
    rows = csv_rows(report)
    assert rows[0][:5] == ["id", "name", "opd", "claimed", "supported"]
    assert len(rows) == 48 and rows[2][6] == "2"
    lines = markdown_lines(report, "id")
    assert lines[0] == "# Kesiapan bukti dukung: Kota Contoh 2024"
    assert any(line.startswith("| 2 ") for line in lines)
    assert not any(line.startswith("| 1 ") for line in lines)


PAIRS = st.dictionaries(
    st.sampled_from([i.id for i in SPBE.indicators[:12]]),
    st.tuples(
        st.integers(1, 5),
        st.sets(st.integers(1, 6), max_size=5),
        st.sampled_from(["pdf", "pdf", "empty", "broken", "image"]),
    ),
    max_size=12,
)


@pytest.mark.slow  # 40 hypothesis cases
@settings(max_examples=40, deadline=None)
@given(PAIRS)
def test_property_supported_never_above_claim(case: dict[str, tuple[int, set[int], str]]) -> None:
    claims: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files: dict[str, FileKind] = {"readme.txt": "text"}
        for key, (claim, levels, kind) in case.items():
            claims[key] = claim
            for level in levels:
                files[f"I{key}/L{level}/x.pdf" if kind != "image" else f"I{key}_L{level}.png"] = (
                    kind if kind != "image" else "image"
                )  # type: ignore[assignment]
        build_folder(root, files)
        report = check_assessment(Assessment(levels=claims), SPBE, scan=root)
    supported: dict[str, int] = {}
    for key, (claim, levels, kind) in case.items():
        have = levels if kind == "pdf" else set()
        run = 0
        while run + 1 in have:
            run += 1
        supported[key] = min(claim, max(run, 1))
    assert report.supported_levels() == supported
    for row in report.rows:
        if row.claimed is not None:
            assert SPBE.scale.min <= row.supported <= row.claimed  # type: ignore[operator]
    assert report.evidenced_index <= report.claimed_index
    assert report.risk == expected_index(SPBE, claims) - expected_index(SPBE, supported)
    assert report.risk == sum(r.risk for r in report.rows)


def test_bounds_and_links_become_findings(tmp_path: Path) -> None:
    from evidence_files import symlink

    root = levels_folder(tmp_path / "b", {"1": [1, 2], "2": [1]})
    outside = levels_folder(tmp_path / "outside", {"3": [1, 2, 3]})
    linked = symlink(root, "lain", outside)
    scan = scan_folder(root, max_entries=2)
    report = check_assessment(Assessment(levels={"1": 2, "2": 1, "3": 3}), SPBE, scan=scan)
    assert report.scan is not None and report.scan.capped == "entries"
    assert [f.place for f in report.findings_of("scan-capped")] == [str(root)]
    full = check_assessment(Assessment(levels={"1": 2, "2": 1, "3": 3}), SPBE, scan=root)
    if linked:
        assert [f.place for f in full.findings_of("symlink-skipped")] == ["lain"]
    assert full.row("3").supported == 1  # the linked folder is not followed
    assert full.row("1").supported == 2
