"""Golden files: the JSON and CSV of the shipped examples, byte for byte.

A change of output shows here first. When it is meant (a new key, a fixed figure), rewrite
the files with ``SPBE_REGEN_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
Streamed output is checked against the standard library's encoder too.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.engine import score
from spbe_cli.framework import load_framework
from spbe_cli.readers import read_assessments
from spbe_cli.render.score_data import score_document, write_jsonl_lines, write_score_json
from spbe_cli.views.score import score_view

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = [
    ("score", "pematangsiantar-2021.xlsx", "json"),
    ("score", "pematangsiantar-2021.xlsx", "csv"),
    ("score", "agencies-2021.xlsx", "json"),
    ("score", "agencies-2021.xlsx", "csv"),
    ("score", "pemdi-aceh-tengah-2026.xlsx", "json"),
    ("score", "pemdi-aceh-tengah-2026.xlsx", "csv"),
    ("plan", "pematangsiantar-2021.xlsx", "json"),
    ("plan", "pemdi-aceh-tengah-2026.xlsx", "csv"),
    ("rank", "agencies-2021.xlsx", "json"),
    (
        "compare",
        "pematangsiantar-2021.xlsx,pematangsiantar-2022.xlsx,pematangsiantar-2024.xlsx",
        "json",
    ),
]
"""(command, example files joined by commas, format); the golden file is named after the
first example."""
runner = CliRunner()


@pytest.mark.parametrize(("command", "example", "fmt"), CASES)
def test_output_matches_the_golden_file(command: str, example: str, fmt: str) -> None:
    paths = [str(ROOT / "examples" / name) for name in example.split(",")]
    result = runner.invoke(app, [command, *paths, "--format", fmt])
    assert result.exit_code == 0, result.output
    # The source path depends on where the repository lives: pin it relative.
    text = result.stdout.replace(str(ROOT) + os.sep, "")
    golden = GOLDEN / f"{command}-{Path(paths[0]).stem}.{fmt}"
    if os.environ.get("SPBE_REGEN_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with SPBE_REGEN_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_streamed_json_is_the_standard_encoders_text() -> None:
    fw = load_framework()
    read = read_assessments(ROOT / "examples" / "agencies-2021.xlsx", fw)
    results = [score(a, fw) for a in read.assessments]
    results[0].assessment.agency = 'Kota "[bold]x[/bold]" – Ñ'
    sources = ["a.xlsx"] * len(results)
    view = score_view(results, sources)
    streamed = io.BytesIO()
    write_score_json(view, streamed)
    expected = json.dumps(score_document(view), ensure_ascii=False, indent=2)
    assert streamed.getvalue().decode() == expected + "\n"
    lines = io.BytesIO()
    write_jsonl_lines(view, lines)
    parsed = [json.loads(line) for line in lines.getvalue().decode().splitlines()]
    assert [p["agency"] for p in parsed] == [r.assessment.agency for r in results]
    assert all(p["schema_version"] == "1.3" for p in parsed)
    assert parsed == [{"schema_version": "1.3", **item} for item in json.loads(expected)["results"]]


def test_no_results_stream_as_an_empty_list() -> None:
    out = io.BytesIO()
    write_score_json(score_view([]), out)
    assert json.loads(out.getvalue()) == {"schema_version": "1.3", "results": []}


def _comparison() -> Any:
    from spbe_cli.compare import compare
    from spbe_cli.loading import load_points

    names = ("agencies-2021.xlsx", "pematangsiantar-2022.xlsx", "pematangsiantar-2024.xlsx")
    return compare(load_points([ROOT / "examples" / n for n in names]))


@pytest.mark.parametrize(
    "falls",
    [
        None,
        [],
        [
            {
                "agency": "Kota Pematangsiantar",
                "from": 2021,
                "to": 2022,
                "domain": None,
                "change": -0.1,
            },
            {"agency": 'Kab. "Ñ"', "from": 2022, "to": 2024, "domain": "2", "change": -0.25},
        ],
    ],
)
def test_streamed_compare_json_is_the_standard_encoders_text(
    falls: list[dict[str, Any]] | None,
) -> None:
    from spbe_cli.render.compare_data import compare_document, compare_lines, write_compare_json
    from spbe_cli.render.json_parts import write_lines

    comparison = _comparison()
    assert len(comparison.series) > 1
    streamed = io.BytesIO()
    write_compare_json(comparison, falls, streamed)
    expected = json.dumps(compare_document(comparison, falls), ensure_ascii=False, indent=2)
    assert streamed.getvalue().decode() == expected + "\n"
    lines = io.BytesIO()
    write_lines(compare_lines(comparison, falls), lines)
    parsed = [json.loads(line) for line in lines.getvalue().decode().splitlines()]
    document = json.loads(expected)
    for line, agency in zip(parsed, document["agencies"], strict=True):
        mine = line.pop("regressions", None)
        assert line == {"schema_version": "1.3", **agency}
        assert mine == (
            None if falls is None else [f for f in falls if f["agency"] == agency["agency"]]
        )


def test_rank_jsonl_holds_every_ranked_row_of_the_document() -> None:
    result = runner.invoke(
        app, ["rank", str(ROOT / "examples" / "agencies-2021.xlsx"), "--format", "jsonl"]
    )
    document = runner.invoke(
        app, ["rank", str(ROOT / "examples" / "agencies-2021.xlsx"), "--format", "json"]
    )
    assert result.exit_code == document.exit_code == 0
    rows = [row for year in json.loads(document.stdout)["years"] for row in year["rows"]]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(rows) > 1
    assert lines == [{"schema_version": "1.3", **row} for row in rows]


def test_compare_jsonl_from_the_command_is_one_agency_per_line() -> None:
    names = [
        str(ROOT / "examples" / n)
        for n in ("pematangsiantar-2021.xlsx", "pematangsiantar-2022.xlsx")
    ]
    result = runner.invoke(app, ["compare", *names, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["agency"] == "Kota Pematangsiantar"
