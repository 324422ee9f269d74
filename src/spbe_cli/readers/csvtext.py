"""CSV files and stdin as rows, read within fixed bounds of time and memory.

Limits, each stated in the message that refuses a file:

- :data:`MAX_CSV_BYTES` (64 MiB) for the whole file, a regular file only: read at most one
  byte more (:mod:`spbe_cli.bounded`), so a named pipe or a
  device such as ``/dev/zero`` named ``.csv`` is refused at once;
- :data:`MAX_LINE_BYTES` (64 Ki characters) for one line, checked before parsing;
- :data:`MAX_FIELDS` (2,000) cells in one row and :data:`MAX_CELLS` (20 million) in all.

A national file (20 years of 630 agencies, 50 columns) is about 2 MB and 630,000 cells.
Text is UTF-16 with a BOM, UTF-8 (BOM optional) or Windows-1252 (old Excel); the separator
(comma, semicolon or tab) is sniffed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

from spbe_cli.bounded import read_regular, refuse
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError
from spbe_cli.readers.cells import Rows
from spbe_cli.readers.safety import MIB, no_data

MAX_CSV_BYTES = 64 * MIB
MAX_LINE_BYTES = 64 * 1024
MAX_FIELDS = 2_000
MAX_CELLS = 20_000_000
HEADER_SEARCH_ROWS = 30


TOO_LARGE = Text(
    f"lebih besar dari batas CSV {MAX_CSV_BYTES // MIB} MiB; simpan sebagai .xlsx atau pecah "
    "berkasnya",
    f"is larger than the CSV limit of {MAX_CSV_BYTES // MIB} MiB; save it as .xlsx or split it",
)


def read_bounded(stream: BinaryIO, source: str) -> bytes:
    """At most :data:`MAX_CSV_BYTES` from ``stream`` (stdin); a longer input is refused."""
    data = stream.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise refuse(source, "csv-too-large", TOO_LARGE)
    return data


def read_csv_file(path: str | Path, source: str) -> bytes:
    """A CSV file's bytes through :func:`spbe_cli.bounded.read_regular`: a regular file of
    at most :data:`MAX_CSV_BYTES` (a named pipe or ``/dev/zero`` is refused at once)."""
    return read_regular(path, source, MAX_CSV_BYTES, TOO_LARGE, "csv-too-large")


def _check_lines(data: str, source: str) -> None:
    """Refuse a line longer than :data:`MAX_LINE_BYTES` characters (a scan in C)."""
    start, line = 0, 1
    size = len(data)
    while start < size:
        end = data.find("\n", start)
        if end < 0:
            end = size
        if end - start > MAX_LINE_BYTES:
            raise refuse(
                source,
                "csv-line-too-long",
                Text(
                    f"baris {line} lebih panjang dari batas {MAX_LINE_BYTES // 1024} KiB per "
                    "baris; ini bukan tabel penilaian",
                    f"line {line} is longer than the limit of {MAX_LINE_BYTES // 1024} KiB per "
                    "line; this is not an assessment table",
                ),
            )
        start, line = end + 1, line + 1


def decode(data: bytes) -> str | None:
    """CSV text: UTF-16 with a BOM, UTF-8 (BOM optional), else Windows-1252 (old Excel)."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encodings = ("utf-16",) if utf16 else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in decoded else decoded
    return None


def csv_rows(data: bytes, source: str) -> Rows:
    """Rows of a CSV file, every row as wide as the widest; refused beyond the limits."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse(source, "not-csv", Text("bukan berkas teks CSV", "is not a CSV text file"))
    decoded = decode(data)
    if decoded is None:
        raise refuse(source, "not-csv", Text("bukan berkas teks CSV", "is not a CSV text file"))
    _check_lines(decoded, source)
    rows = _parse(decoded, source)
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise no_data(source)
    width = max(len(row) for row in rows)
    for row in rows:
        row.extend([""] * (width - len(row)))
    return rows


def _parse(decoded: str, source: str) -> Rows:
    rows: Rows = []
    cells = 0
    reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=_delimiter(decoded))
    try:
        for row in reader:
            cells += len(row)
            if len(row) > MAX_FIELDS or cells > MAX_CELLS:
                raise _too_many(source, reader.line_num)
            rows.append(row)
    except csv.Error:
        raise refuse(
            source,
            "not-csv",
            Text("bukan berkas CSV yang dapat dibaca", "is not a readable CSV file"),
        ) from None
    return rows


def _too_many(source: str, line: int) -> InputError:
    return refuse(
        source,
        "csv-too-many-cells",
        Text(
            f"baris {line} melampaui batas {MAX_FIELDS:,} sel per baris atau "
            f"{MAX_CELLS:,} sel seluruhnya",
            f"line {line} goes beyond the limit of {MAX_FIELDS:,} cells per row or "
            f"{MAX_CELLS:,} cells in all",
        ),
    )


def _delimiter(decoded: str) -> str:
    sample = decoded[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        lines = [line for line in sample.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
        counts = {d: sum(line.count(d) for line in lines) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","
