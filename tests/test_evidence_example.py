"""The shipped example folder ``examples/bukti-pematangsiantar-2021/`` against its workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_files import expected_index
from spbe_cli.evidence import check_assessment
from spbe_cli.problems import InputError
from spbe_cli.readers import read_assessments
from spbe_cli.render.evidence_data import to_dict

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FOLDER = EXAMPLES / "bukti-pematangsiantar-2021"


@pytest.mark.skipif(not FOLDER.is_dir(), reason="run examples/build_evidence_example.py")
def test_example_folder() -> None:
    read = read_assessments(EXAMPLES / "pematangsiantar-2021.xlsx")
    assessment, framework = read.assessments[0], read.choices[0].framework
    report = check_assessment(assessment, framework, scan=FOLDER)
    claims = dict(assessment.levels)
    # as the builder's docstring says: 2 and 33 lack their top level, 1's level-2 file is
    # misnamed, 40's level-2 PDF is empty
    supported = {
        **claims,
        "1": claims["1"] - 1,
        "2": claims["2"] - 1,
        "33": claims["33"] - 1,
        "40": claims["40"] - 1,
    }
    assert report.supported_levels() == supported
    assert str(report.claimed_published) == "1.53"
    assert report.evidenced_index == expected_index(framework, supported)
    assert report.risk == expected_index(framework, claims) - expected_index(framework, supported)
    assert {f.code for f in report.findings} == {"missing-evidence", "unmatched-file", "empty"}
    assert [f.place for f in report.findings_of("unmatched-file")] == [
        "SK Tim Koordinasi SPBE (final).pdf"
    ]
    by_opd = {o.opd: o for o in report.opds}
    assert by_opd["Bappeda"].at_risk == ("2",)
    assert by_opd["Diskominfo"].at_risk == ("1",)
    # every claimed level has a file except the two missing; the empty one is no valid PDF
    assert to_dict(report)["scan"]["valid_pdfs"] == sum(claims.values()) - 2 - 1


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    read = read_assessments(EXAMPLES / "pematangsiantar-2021.xlsx")
    with pytest.raises(InputError) as caught:
        check_assessment(
            read.assessments[0], read.choices[0].framework, scan=tmp_path / "tidak-ada"
        )
    assert caught.value.problems[0].code == "evidence-folder"
    assert "does not exist" in caught.value.problems[0].text.en
