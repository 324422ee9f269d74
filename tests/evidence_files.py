"""Builders for evidence tests: real folders of PDFs (and worse) and item lists.

Every builder writes into a directory the test gives (``tmp_path``). Expected figures are
computed here from the values written, never from what the checker returns:
:func:`expected_index` is the regulations' formula in exact fractions.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import openpyxl

from spbe_cli.framework import Framework

Value = int | Fraction
FileKind = Literal["pdf", "empty", "broken", "text", "image"]


def pdf_bytes(label: str = "bukti") -> bytes:
    """A minimal, valid one-page PDF (a few hundred bytes) with correct xref offsets."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
    ]
    safe = "".join(c for c in label[:40] if c not in "()\\")
    stream = f"BT /F1 8 Tf 10 50 Td ({safe}) Tj ET".encode("latin-1", "replace")
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
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


def write(root: Path, relative: str, kind: FileKind = "pdf") -> Path:
    """One file at ``root/relative``: a valid PDF, an empty one, a broken one (header but
    no end), a text file or a fake PNG."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "pdf":
        path.write_bytes(pdf_bytes(relative))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "broken":
        path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog" + b" " * 50)
    elif kind == "text":
        path.write_text("catatan rapat\n", encoding="utf-8")
    else:
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    return path


def build_folder(root: Path, files: Mapping[str, FileKind]) -> Path:
    """A folder holding ``files`` (relative path -> kind); returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, kind in files.items():
        write(root, relative, kind)
    return root


def levels_folder(
    root: Path,
    levels: Mapping[str, Iterable[int]],
    style: Literal["flat", "nested", "words"] = "flat",
) -> Path:
    """One valid PDF per (indicator, level), named in one of the offices' styles:
    ``I13_L2_bukti.pdf``, ``I13/L2/bukti.pdf`` or ``Indikator 13/Level 2/bukti.pdf``."""
    files: dict[str, FileKind] = {}
    for key, lvls in levels.items():
        for level in lvls:
            if style == "flat":
                files[f"I{key}_L{level}_bukti.pdf"] = "pdf"
            elif style == "nested":
                files[f"I{key}/L{level}/bukti-{key}-{level}.pdf"] = "pdf"
            else:
                files[f"Indikator {key}/Level {level}/dokumen {key}-{level}.pdf"] = "pdf"
    return build_folder(root, files)


ITEM_HEADER = ("Kode", "Status", "Catatan", "OPD")


def write_items_csv(
    path: Path,
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = ITEM_HEADER,
    title: bool = True,
    delimiter: str = ";",
) -> Path:
    """An item list as CSV (a title line above the header, as the application exports)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        if title:
            writer.writerow(["Daftar Bukti Dukung Evaluasi 2026"])
            writer.writerow([])
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_items_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = ITEM_HEADER,
    sheet: str = "Bukti",
) -> Path:
    """An item list as .xlsx (openpyxl), header on row 3."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["Rekap bukti dukung"])
    ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def expected_index(framework: Framework, levels: Mapping[str, Value]) -> Fraction:
    """``sum(value x weight) / total weight`` (the weights add up to 100) over every
    indicator; an absent one at its external default or the scale's minimum."""
    total = Fraction(0)
    weights = Fraction(0)
    for indicator in framework.indicators:
        value = levels.get(indicator.id)
        if value is None:
            value = (
                indicator.external.default
                if indicator.external is not None
                else framework.scale.min
            )
        total += Fraction(value) * indicator.weight
        weights += indicator.weight
    return total / weights


def symlink(root: Path, name: str, target: Path) -> bool:
    """A symbolic link (``False`` where the system refuses one)."""
    try:
        os.symlink(target, root / name)
    except (OSError, NotImplementedError):
        return False
    return True


def deep_folder(root: Path, depth: int, name: str = "I13_L1_bukti.pdf") -> Path:
    """A valid PDF ``depth`` folders below ``root`` (``d1/d2/...``): past the scan's depth
    bound when ``depth`` exceeds it."""
    folder = root.joinpath(*(f"d{n}" for n in range(1, depth + 1)))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(pdf_bytes(name))
    return folder / name


def crowded_folder(root: Path, count: int) -> None:
    """``count`` empty ``.txt`` files in 100 subfolders of ``root`` (names matching no
    indicator): enough entries to stop a bounded scan."""
    per_folder = count // 100 + 1
    made = 0
    for folder_number in range(100):
        folder = root / f"arsip-{folder_number:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for file_number in range(per_folder):
            if made >= count:
                return
            handle = os.open(folder / f"catatan-{file_number:05d}.txt", os.O_CREAT | os.O_WRONLY)
            os.close(handle)
            made += 1
