"""Regenerate ``examples/pemdi-aceh-tengah-2026.xlsx``: a Pemdi workbook as offices keep it.

Run from the repository root::

    .venv/bin/python examples/build_pemdi_example.py

The *Nilai Asesor* column holds Kabupaten Aceh Tengah's published 2026 external-assessor
values (``../shared/reference/pemdi-framework.md``): the Indeks Pemdi is 1.24 (Kurang,
Merintis). The *Nilai Mandiri* column and the OPD names are ILLUSTRATIVE: the agency's
self-assessment gave 1.42, but its per-indicator values are not published, so a few
values are raised to give that figure. The three external indicators (5, 6, 7: SDI, SJIG,
EPSS) are left blank: their values rest on other agencies' indices and count at the
framework's default (1, the 2026 assessors' practice). Indicator 18 has criteria only in
PermenPANRB 8/2026, so its published value (1) is written like any other. The script
checks both figures with the engine and writes the same bytes every run.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from spbe_cli.engine import score_levels
from spbe_cli.framework import load_framework

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_examples import save  # the same deterministic writer

HERE = Path(__file__).resolve().parent
FRAMEWORK = "permenpanrb-8-2026"

# The external assessor's values, indicators 1-20 (13 is 7/6 exactly).
ASSESSOR: dict[str, Fraction] = {
    str(n): Fraction(v)
    for n, v in enumerate(
        [
            "2",
            "1.5",
            "1.26",
            "1.3",
            "1",
            "1",
            "1",
            "1",
            "1",
            "1",
            "1.5",
            "1.25",
            "7/6",
            "1",
            "1",
            "1",
            "2.5",
            "1",
            "1",
            "1.3",
        ],
        start=1,
    )
}
# Illustrative self-assessment: the assessor's values with four claims higher.
MANDIRI = ASSESSOR | {
    "1": Fraction("2.5"),
    "3": Fraction("1.5"),
    "8": Fraction(2),
    "19": Fraction(2),
}
EXTERNAL = ("5", "6", "7")
OPD = {
    "1": "Diskominfo",
    "2": "Diskominfo",
    "3": "BKPSDM",
    "4": "Bappeda",
    "8": "Diskominfo",
    "9": "Diskominfo",
    "10": "Diskominfo",
    "11": "Diskominfo",
    "12": "Diskominfo",
    "13": "Diskominfo",
    "14": "Diskominfo",
    "15": "Bagian Organisasi",
    "16": "Diskominfo",
    "17": "Diskominfo",
    "18": "Diskominfo",
    "19": "DPMPTSP",
    "20": "Bagian Organisasi",
}


def _cell(value: Fraction) -> float | int:
    """A value as an office types it: a whole number or a decimal (7/6 as its double)."""
    return int(value) if value.denominator == 1 else float(value)


def build() -> Workbook:
    """The workbook: identity rows, a note, then a row per indicator with both tracks."""
    fw = load_framework(FRAMEWORK)
    book = Workbook()
    sheet = book.active
    sheet.title = "Penilaian"
    sheet.append(["Evaluasi Pemerintah Digital 2026"])
    sheet.append(["Instansi", "Kabupaten Aceh Tengah"])
    sheet.append(["Tahun", 2026])
    sheet.append(
        [
            "Nilai Asesor: hasil evaluasi 2026 yang dipublikasikan. Nilai Mandiri dan "
            "OPD: ilustrasi. Indikator 5, 6, 7 diisi dari indeks eksternal."
        ]
    )
    sheet["A4"].font = Font(bold=True, color="C00000")
    sheet.append(["No", "Aspek", "Indikator", "OPD", "Nilai Mandiri", "Nilai Asesor"])
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    for aspect in fw.top_level:
        for indicator in aspect.indicators:
            key = indicator.id
            blank = key in EXTERNAL
            sheet.append(
                [
                    int(key),
                    aspect.name,
                    indicator.name,
                    OPD.get(key),
                    None if blank else _cell(MANDIRI[key]),
                    None if blank else _cell(ASSESSOR[key]),
                ]
            )
    for column, width in zip("ABCDEF", (5, 34, 60, 20, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    return book


def check() -> None:
    """The assessor's values give the published 1.24; the illustrative claims give 1.42."""
    fw = load_framework(FRAMEWORK)
    for levels, published in ((ASSESSOR, "1.24"), (MANDIRI, "1.42")):
        result = score_levels({k: v for k, v in levels.items() if k not in EXTERNAL}, fw)
        if result.published != Decimal(published):
            raise SystemExit(f"expected {published}, got {result.published}")


def main() -> None:
    """Check the figures, then write the workbook."""
    check()
    save(build(), HERE / "pemdi-aceh-tengah-2026.xlsx")


if __name__ == "__main__":
    main()
