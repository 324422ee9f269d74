"""The streamed score JSON and JSON Lines keep pieces many agencies share (indicator texts
by column and value or by key, node objects, summary fields by index and by published
figure, head and middle members): on random agencies, the bytes are those of the plain
document serialised in one go (:func:`score_document`, :func:`result_to_dict`)."""

from __future__ import annotations

import io
import json
from fractions import Fraction
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_cli.assessment import Assessment, Value
from spbe_cli.engine import score
from spbe_cli.framework import Framework, load_framework
from spbe_cli.render.score_data import (
    result_to_dict,
    score_document,
    write_jsonl_lines,
    write_score_json,
)
from spbe_cli.views.score import score_view

FRAMEWORKS = ("permenpanrb-59-2020", "permenpanrb-8-2026")
"""SPBE (whole levels, two tiers) and Pemdi (decimals, external indicators)."""
OPD = ["Diskominfo", 'Dinas "Ñ" – x', "Bappeda\nbaris", "Sekretariat"]
TRACKS = ["mandiri", "verifikasi", "akhir", "target"]


def _value(fw: Framework, draw: Any) -> Value | None:
    """A value of ``fw``'s scale (a two-place decimal on a decimal scale), or a blank."""
    if draw(st.integers(0, 9)) == 0:
        return None
    low, high = fw.scale.min, fw.scale.max
    if fw.scale.decimal and draw(st.booleans()):
        cents = draw(st.integers(low * 100, high * 100))
        return Fraction(cents, 100) if cents % 100 else cents // 100
    return draw(st.integers(low, high))


@st.composite
def agencies(draw: Any, fw: Framework) -> Assessment:
    """An agency-year of ``fw``: few distinct values (so pieces are shared), blanks
    (assumed), OPD names, and sometimes two or more score tracks."""
    palette = draw(st.lists(st.sampled_from([1, 2, 3]), min_size=1, max_size=3))

    def levels() -> dict[str, Value]:
        found: dict[str, Value] = {}
        for indicator in fw.indicators:
            value = _value(fw, draw) if draw(st.booleans()) else draw(st.sampled_from(palette))
            if value is not None:
                found[indicator.id] = value
        return found

    ids = [i.id for i in fw.indicators]
    opd = draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(OPD), max_size=4))
    names = draw(st.lists(st.sampled_from(TRACKS), unique=True, max_size=3))
    tracks = {name: levels() for name in names}
    main = levels() if not names else tracks[names[-1]]
    return Assessment(
        main,
        agency=draw(st.sampled_from(["Kota A", 'Kab. "B"', "Ñ – C", None])),
        year=draw(st.sampled_from([2021, 2022, None])),
        opd=opd,
        track=names[-1] if names else None,
        tracks=tracks,
    )


@st.composite
def views(draw: Any) -> Any:
    fw = load_framework(draw(st.sampled_from(FRAMEWORKS)))
    many = draw(st.lists(agencies(fw), min_size=2, max_size=6))
    results = [score(a, fw) for a in many]
    sources = [draw(st.sampled_from(["a.xlsx", "b.csv", None])) for _ in results]
    return score_view(results, sources)


@settings(max_examples=60, deadline=None)
@given(view=views())
def test_streamed_pieces_are_the_plain_documents_bytes(view: Any) -> None:
    streamed = io.BytesIO()
    write_score_json(view, streamed)
    expected = json.dumps(score_document(view), ensure_ascii=False, indent=2) + "\n"
    assert streamed.getvalue().decode() == expected
    lines = io.BytesIO()
    write_jsonl_lines(view, lines)
    plain = b"".join(
        orjson.dumps({"schema_version": "1.3", **result_to_dict(agency)}) + b"\n"
        for agency in view.agencies
    )
    assert lines.getvalue() == plain
