"""Regenerate the example workbooks shipped in ``examples/`` (deterministic).

Run from the repository root::

    .venv/bin/python examples/build_examples.py

Every per-indicator level in these files is ILLUSTRATIVE: KemenPANRB publishes each
agency's index, not the levels behind it. The Kota Pematangsiantar levels are chosen so the
index equals the published figure (2021: 1.53 Kurang; 2022: 2.35; 2024: 3.03); the other
agencies' levels are random numbers from a fixed seed. The script checks every index with
the engine and writes byte-identical files on every run (fixed timestamps in the archive).
"""

from __future__ import annotations

import io
import itertools
import random
import re
import sys
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from spbe_cli.engine import score_levels
from spbe_cli.framework import Framework, load_framework
from spbe_cli.writers.template import (
    COL_NOTES,
    FIRST_ROW,
    NOTE_ROW,
    SHEET_HELP,
    build_workbook,
)

HERE = Path(__file__).resolve().parent
AGENCY = "Kota Pematangsiantar"
FIXED_TIME = "2025-01-01T00:00:00Z"
NOTE_FONT = Font(bold=True, color="C00000")


def _levels(rows: Sequence[Sequence[int]]) -> dict[str, int]:
    """Levels for ids 1..47 from rows of levels (one row per aspect, for readability)."""
    flat = [level for row in rows for level in row]
    return {str(position): level for position, level in enumerate(flat, start=1)}


# Kota Pematangsiantar. One row per aspect: 1-10, 11-14, 15-18, 19-20, 21-28, 29-31,
# 32-41, 42-47. 2021 is the brief's level set (2 for 1,2,3,8,10,11,15,16,17,22,23,32,36,38,
# 40,42,44; 3 for 33,34,35; 1 elsewhere); later years only raise levels.
SIANTAR: dict[int, dict[str, int]] = {
    2021: _levels(
        [
            [2, 2, 2, 1, 1, 1, 1, 2, 1, 2],
            [2, 1, 1, 1],
            [2, 2, 2, 1],
            [1, 1],
            [1, 2, 2, 1, 1, 1, 1, 1],
            [1, 1, 1],
            [2, 3, 3, 3, 2, 1, 2, 1, 2, 1],
            [2, 1, 2, 1, 1, 1],
        ]
    ),
    2022: _levels(
        [
            [3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
            [3, 2, 2, 2],
            [3, 3, 3, 2],
            [2, 2],
            [2, 2, 2, 2, 2, 1, 1, 2],
            [1, 1, 1],
            [3, 3, 3, 3, 3, 2, 3, 2, 2, 2],
            [3, 2, 3, 2, 2, 1],
        ]
    ),
    2024: _levels(
        [
            [4, 4, 4, 3, 3, 3, 3, 4, 3, 4],
            [4, 3, 3, 2],
            [4, 3, 3, 2],
            [3, 2],
            [2, 3, 3, 2, 2, 1, 1, 3],
            [2, 2, 2],
            [4, 4, 4, 4, 3, 3, 3, 3, 3, 3],
            [4, 3, 4, 3, 3, 2],
        ]
    ),
}
PUBLISHED = {2021: ("1.53", "Kurang"), 2022: ("2.35", "Cukup"), 2024: ("3.03", "Baik")}

# Illustrative owners (OPD) by topic.
_OPD_BY_ID: dict[str, str] = {}
for _ids, _unit in (
    ("1 3 4 5 6 7 8 11 15 16 17 18 20 22 23 26 28 42 43", "Diskominfo"),
    ("2 12 13 32", "Bappeda"),
    ("24 33 34 38", "BPKPD"),
    ("25 36 41", "BKPSDM"),
    ("9 21 29 30 31 39", "Inspektorat"),
    ("10 14 19 27 40", "Bagian Organisasi"),
    ("35", "Bagian Pengadaan Barang dan Jasa"),
    ("37", "Dinas Perpustakaan dan Kearsipan"),
    ("44", "Bagian Hukum"),
    ("45", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("46", "DPMPTSP"),
    ("47", "Dinas Kesehatan"),
):
    _OPD_BY_ID.update(dict.fromkeys(_ids.split(), _unit))
OPD: Mapping[str, str] = _OPD_BY_ID
SECTOR_NOTES = {
    "45": "Layanan publik sektor: administrasi kependudukan (ilustratif)",
    "46": "Layanan publik sektor: perizinan berusaha (ilustratif)",
    "47": "Layanan publik sektor: kesehatan (ilustratif)",
}

ILLUSTRATIVE = (
    "ILUSTRATIF: nilai per indikator di berkas ini hanya contoh, bukan data resmi. "
    "Yang dipublikasikan KemenPANRB hanya Indeks SPBE {agency} {year} = {index} ({rating}); "
    "nilai per indikator yang sebenarnya tidak dipublikasikan."
)
ILLUSTRATIVE_WIDE = (
    "ILUSTRATIF: semua nilai di lembar ini dibangkitkan secara acak (seed tetap) sebagai "
    "contoh format banyak instansi; bukan hasil evaluasi resmi. Baris Kota Pematangsiantar "
    "memakai nilai contoh yang sama dengan pematangsiantar-2021.xlsx (indeks 1,53)."
)

# Wide example: illustrative kota/kabupaten in North Sumatra, each with a "maturity" centre.
AGENCIES_2021: tuple[tuple[str, float], ...] = (
    ("Kota Medan", 2.9),
    ("Kota Binjai", 2.2),
    ("Kota Tebing Tinggi", 1.9),
    ("Kota Sibolga", 1.6),
    ("Kabupaten Deli Serdang", 2.6),
    ("Kabupaten Simalungun", 1.8),
    ("Kabupaten Karo", 1.5),
)
SEED = 20210


def random_levels(framework: Framework, rng: random.Random, centre: float) -> dict[str, int]:
    """Levels scattered around ``centre`` (uses only ``rng.random()``, stable across Pythons)."""
    low, high = framework.scale.min, framework.scale.max
    levels = {}
    for indicator in framework.indicators:
        noise = (rng.random() + rng.random() + rng.random() - 1.5) * 1.6
        levels[indicator.id] = max(low, min(high, int(centre + noise + 0.5)))
    return levels


def check(framework: Framework, levels: Mapping[str, int], index: str, rating: str) -> None:
    """Stop unless ``levels`` score exactly ``index`` with ``rating``."""
    result = score_levels(levels, framework)
    if result.published != Decimal(index) or result.band.name != rating:
        sys.exit(f"levels give {result.published} {result.band.name}, not {index} {rating}")


def save(workbook: Any, path: Path) -> None:
    """Save with fixed archive timestamps and document dates, so reruns give equal bytes."""
    workbook.properties.creator = "spbe-cli examples/build_examples.py"
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    rf"\g<1>{FIXED_TIME}\g<3>",
                    text,
                )
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    path.write_bytes(out.getvalue())
    print(f"wrote {path.relative_to(HERE.parent)}")


def siantar_workbook(framework: Framework, year: int) -> Any:
    """The illustrative Kota Pematangsiantar workbook of ``year`` (long layout)."""
    levels = SIANTAR[year]
    index, rating = PUBLISHED[year]
    check(framework, levels, index, rating)
    workbook = build_workbook(framework, agency=AGENCY, year=year, levels=levels, opd=OPD)
    note = ILLUSTRATIVE.format(
        agency=AGENCY, year=year, index=index.replace(".", ","), rating=rating
    )
    for sheet in workbook.worksheets[:2]:
        sheet.cell(NOTE_ROW, 1, note).font = NOTE_FONT
    help_sheet = workbook[SHEET_HELP.id]
    help_sheet.cell(help_sheet.max_row + 2, 1, note).font = NOTE_FONT
    workbook.properties.description = note
    sheet = workbook.worksheets[0]
    positions = {i.id: FIRST_ROW + n for n, i in enumerate(framework.indicators)}
    for indicator_id, text in SECTOR_NOTES.items():
        sheet.cell(positions[indicator_id], COL_NOTES, text)
    return workbook


def agencies_workbook(framework: Framework) -> Any:
    """Illustrative agencies of 2021, one row each (wide layout, sheet ``Rekap``)."""
    rng = random.Random(SEED)
    rows = [(AGENCY, SIANTAR[2021])]
    rows += [(name, random_levels(framework, rng, centre)) for name, centre in AGENCIES_2021]
    rows.sort(key=lambda row: row[0])
    ids = [i.id for i in framework.indicators]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rekap"
    sheet.cell(1, 1, ILLUSTRATIVE_WIDE).font = NOTE_FONT
    sheet.append([])
    sheet.append(["Instansi", "Tahun", *[int(i) for i in ids]])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for name, levels in rows:
        sheet.append([name, 2021, *[levels[i] for i in ids]])
    sheet.column_dimensions["A"].width = 26
    sheet.freeze_panes = "C4"
    notes = workbook.create_sheet("Keterangan")
    notes.cell(1, 1, ILLUSTRATIVE_WIDE).font = NOTE_FONT
    notes.cell(3, 1, "Indeks SPBE (ilustratif) menurut spbe-cli:").font = Font(bold=True)
    for offset, (name, levels) in enumerate(rows, start=4):
        result = score_levels(levels, framework)
        notes.cell(offset, 1, name)
        notes.cell(offset, 2, float(result.published)).number_format = "0.00"
        notes.cell(offset, 3, result.band.name)
    notes.column_dimensions["A"].width = 30
    workbook.properties.description = ILLUSTRATIVE_WIDE
    return workbook


def main() -> None:
    """Write every example workbook next to this script."""
    framework = load_framework()
    years = sorted(SIANTAR)
    for before, after in itertools.pairwise(years):
        lowered = [i for i in SIANTAR[before] if SIANTAR[after][i] < SIANTAR[before][i]]
        if lowered:
            sys.exit(f"{after} lowers indicators {lowered} of {before}")
    for year in years:
        save(siantar_workbook(framework, year), HERE / f"pematangsiantar-{year}.xlsx")
    save(build_workbook(framework), HERE / "template-kosong.xlsx")
    save(agencies_workbook(framework), HERE / "agencies-2021.xlsx")


if __name__ == "__main__":
    main()
