"""Build ``examples/bukti-pematangsiantar-2021/``: an evidence folder for the example
workbook ``examples/pematangsiantar-2021.xlsx`` (deterministic).

Run from the repository root::

    .venv/bin/python examples/build_evidence_example.py

ILLUSTRATIVE, like the workbook's levels: one folder per indicator (``Indikator 07/``) with
one tiny PDF per claimed level (``I07_L2_SK-Penetapan.pdf``), as offices keep them. Most
claims are evidenced; on purpose:

- indicator 2 (Bappeda) has no level-2 document;
- indicator 33 (BPKPD) has no level-3 document;
- indicator 1's level-2 decree was saved at the top as ``SK Tim Koordinasi SPBE
  (final).pdf``: a misnamed file that matches no indicator;
- indicator 40's level-2 PDF is empty (0 bytes).

Then ``spbe_cli.evidence.check_assessment`` is run on it and the figures are printed
(claimed index 1.53; evidenced index and the points at risk).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from spbe_cli.evidence import check_assessment
from spbe_cli.exact import format_exact
from spbe_cli.readers import read_assessments

HERE = Path(__file__).resolve().parent
WORKBOOK = HERE / "pematangsiantar-2021.xlsx"
FOLDER = HERE / "bukti-pematangsiantar-2021"
DOCUMENTS = {
    1: "Dokumen-Awal",
    2: "SK-Penetapan",
    3: "Pedoman-Standar",
    4: "Laporan-Reviu",
    5: "Laporan-Evaluasi",
}
MISSING = {("2", 2), ("33", 3)}
MISNAMED = ("1", 2, "SK Tim Koordinasi SPBE (final).pdf")
EMPTY = ("40", 2)


def pdf_bytes(label: str) -> bytes:
    """A minimal valid one-page PDF (a few hundred bytes) with correct xref offsets."""
    safe = "".join(c for c in label if c.isalnum() or c in " -_.")[:60]
    text = f"BT /F1 8 Tf 10 50 Td (Bukti dukung: {safe}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def build() -> Path:
    """Write the folder afresh; return it."""
    result = read_assessments(WORKBOOK)
    assessment = result.assessments[0]
    if FOLDER.exists():
        shutil.rmtree(FOLDER)
    FOLDER.mkdir()
    for key, value in assessment.levels.items():
        folder = FOLDER / f"Indikator {int(key):02d}"
        folder.mkdir()
        for level in range(1, int(value) + 1):
            name = f"I{int(key):02d}_L{level}_{DOCUMENTS[level]}.pdf"
            if (key, level) in MISSING:
                continue
            if (key, level) == MISNAMED[:2]:
                (FOLDER / MISNAMED[2]).write_bytes(pdf_bytes(MISNAMED[2]))
                continue
            data = b"" if (key, level) == EMPTY else pdf_bytes(name)
            (folder / name).write_bytes(data)
    return FOLDER


def main() -> int:
    folder = build()
    result = read_assessments(WORKBOOK)
    report = check_assessment(result.assessments[0], result.choices[0].framework, scan=folder)
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"{folder.relative_to(HERE.parent)}: {files} files, {size:,} bytes")
    print(f"claimed index   {report.claimed_published} ({format_exact(report.claimed_index)})")
    print(f"evidenced index {report.evidenced_published} ({format_exact(report.evidenced_index)})")
    print(f"at risk         {format_exact(report.risk)} index points")
    for finding in report.findings:
        print(f"  {finding.code:18} {finding.place}: {finding.text.en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
