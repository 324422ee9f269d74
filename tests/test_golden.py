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

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app
from spbe_cli.engine import score
from spbe_cli.framework import load_framework
from spbe_cli.readers import read_assessments
from spbe_cli.render.data import score_document, write_jsonl, write_score_json

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
]
runner = CliRunner()


@pytest.mark.parametrize(("command", "example", "fmt"), CASES)
def test_output_matches_the_golden_file(command: str, example: str, fmt: str) -> None:
    path = ROOT / "examples" / example
    result = runner.invoke(app, [command, str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    # The source path depends on where the repository lives: pin it relative.
    text = result.stdout.replace(str(ROOT) + os.sep, "")
    golden = GOLDEN / f"{command}-{Path(example).stem}.{fmt}"
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
    streamed = io.BytesIO()
    write_score_json(results, sources, streamed)
    expected = json.dumps(score_document(results, sources), ensure_ascii=False, indent=2)
    assert streamed.getvalue().decode() == expected + "\n"
    lines = io.BytesIO()
    write_jsonl(results, sources, lines)
    parsed = [json.loads(line) for line in lines.getvalue().decode().splitlines()]
    assert [p["agency"] for p in parsed] == [r.assessment.agency for r in results]
    assert all(p["schema_version"] == "1.1" for p in parsed)
    assert parsed == [
        {"schema_version": "1.1", **item}
        for item in json.loads(expected)["results"]
    ]


def test_no_results_stream_as_an_empty_list() -> None:
    out = io.BytesIO()
    write_score_json([], [], out)
    assert json.loads(out.getvalue()) == {"schema_version": "1.1", "results": []}
