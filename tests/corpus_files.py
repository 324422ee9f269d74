"""Builders for the test corpus: real .xlsx (openpyxl) and .csv files as offices keep them.

Every builder writes into a directory the test gives (``tmp_path``) and returns the path.
Expected results are computed from the values written, never from what a reader returns:
:func:`expected_index` is the regulations' formula in exact fractions
(``sum(value x weight) / 100`` over every indicator, an absent external indicator at its
default).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from spbe_cli.framework import Framework, load_framework

Value = int | Fraction

SPBE = "permenpanrb-59-2020"
PEMDI = "permenpanrb-8-2026"
OLD = "permenpanrb-5-2018"

TITLE_ROWS: list[list[Any]] = [
    ["LEMBAR KERJA EVALUASI MANDIRI SPBE"],
    ["Instansi", "Kota Contoh"],
    ["Tahun", 2023],
    [],
]
"""Title rows above a long sheet's header: the header is row 5, the first value row 6."""


@cache
def framework(name: str) -> Framework:
    """A bundled framework, loaded once."""
    return load_framework(name)


def ids_of(name: str) -> list[str]:
    """The indicator ids of a bundled framework, in order."""
    return [i.id for i in framework(name).indicators]


# -- values ----------------------------------------------------------------------------------


def whole_levels(name: str, seed: int = 0) -> dict[str, Value]:
    """A level for every indicator, spread over the whole scale (deterministic)."""
    fw = framework(name)
    low, high = int(fw.scale.min), int(fw.scale.max)
    span = high - low + 1
    return {key: low + (i * 7 + seed * 3 + i // 5) % span for i, key in enumerate(ids_of(name))}


def decimal_levels(name: str, seed: int = 0) -> dict[str, Value]:
    """Two-decimal values between the scale's ends (Pemdi), exact."""
    fw = framework(name)
    low, high = Fraction(fw.scale.min), Fraction(fw.scale.max)
    hundredths = int((high - low) * 100) + 1
    out: dict[str, Value] = {}
    for i, key in enumerate(ids_of(name)):
        value = low + Fraction((i * 137 + seed * 59 + 26) % hundredths, 100)
        out[key] = value.numerator if value.denominator == 1 else value
    return out


def shifted(levels: Mapping[str, Value], by: int, name: str) -> dict[str, Value]:
    """``levels`` moved ``by`` levels, kept inside the scale (another track's values)."""
    fw = framework(name)
    low, high = fw.scale.min, fw.scale.max
    return {k: min(high, max(low, v + by)) for k, v in levels.items()}


def expected_index(name: str, levels: Mapping[str, Value]) -> Fraction:
    """The index by the regulations' formula, exactly; an absent indicator counts at its
    external default (or the scale's minimum)."""
    fw = framework(name)
    total = Fraction(0)
    for indicator in fw.indicators:
        if indicator.id in levels:
            value = Fraction(levels[indicator.id])
        elif indicator.external is not None:
            value = Fraction(indicator.external.default)
        else:
            value = Fraction(fw.scale.min)
        total += Fraction(indicator.weight) * value
    return total / sum((Fraction(i.weight) for i in fw.indicators), Fraction(0))


# -- cells -----------------------------------------------------------------------------------


def address(row: int, col: int) -> str:
    """The spreadsheet address of a 1-based row and a 0-based column: (14, 3) -> ``D14``."""
    return f"{get_column_letter(col + 1)}{row}"


def as_xlsx(value: Any) -> Any:
    """A value as a cell holds it: a decimal as a double (1.26), the rest as is."""
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    return value


def as_text(value: Any, decimal_comma: bool = False) -> str:
    """A value as CSV text: ``1.26`` (or ``1,26``), a fraction that is no decimal as 7/6."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        hundredths = value * 100
        if hundredths.denominator != 1:
            return f"{value.numerator}/{value.denominator}"
        whole, rest = divmod(int(hundredths), 100)
        text = f"{whole}.{rest:02d}".rstrip("0")
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


# -- layouts ---------------------------------------------------------------------------------


@dataclass
class LongSheet:
    """A long sheet: title rows, a header, a row per indicator; cells addressable."""

    rows: list[list[Any]]
    header_row: int
    """1-based row of the header."""
    first_row: int
    """1-based row of the first indicator."""
    columns: list[str]

    def cell(self, header: str, index: int) -> str:
        """The address of column ``header`` in the ``index``-th indicator row (0-based)."""
        return address(self.first_row + index, self.columns.index(header))


def long_sheet(
    ids: Sequence[Any],
    values: Mapping[str, Sequence[Any]],
    *,
    id_header: str = "No",
    title: Sequence[Sequence[Any]] = TITLE_ROWS,
    name_header: str | None = "Nama Indikator",
    before: Mapping[str, Sequence[Any]] | None = None,
    after: Mapping[str, Sequence[Any]] | None = None,
) -> LongSheet:
    """A long sheet: ``before`` columns, the id column, names, value columns, ``after``."""
    columns: dict[str, Sequence[Any]] = dict(before or {})
    columns[id_header] = ids
    if name_header is not None:
        columns[name_header] = [f"Indikator nomor {k}" for k in range(1, len(ids) + 1)]
    columns.update(values)
    columns.update(after or {})
    rows = [list(r) for r in title]
    header_row = len(rows) + 1
    rows.append(list(columns))
    for index in range(len(ids)):
        rows.append([seq[index] if index < len(seq) else None for seq in columns.values()])
    return LongSheet(rows, header_row, header_row + 1, list(columns))


def column_of(levels: Mapping[str, Value], ids: Sequence[str]) -> list[Value]:
    """The values of ``ids`` in order (a value column)."""
    return [levels[k] for k in ids]


def wide_rows(
    id_headers: Sequence[Any],
    records: Iterable[Sequence[Any]],
    *,
    lead: Sequence[str] = ("Instansi", "Tahun"),
    title: Sequence[Sequence[Any]] = (),
) -> list[list[Any]]:
    """A wide sheet: ``lead`` columns then one column per indicator; a record per row."""
    rows = [list(r) for r in title]
    rows.append([*lead, *id_headers])
    rows.extend(list(r) for r in records)
    return rows


# -- files -----------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet to write."""

    name: str
    rows: list[list[Any]]
    hidden: bool = False
    merges: Sequence[str] = field(default_factory=tuple)


def write_xlsx(path: Path, *sheets: Sheet) -> Path:
    """A real .xlsx; a text starting with ``=`` becomes a formula without a saved value."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        for row in spec.rows:
            sheet.append([as_xlsx(v) for v in row])
        for merged in spec.merges:
            sheet.merge_cells(merged)
        if spec.hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def write_csv(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    decimal_comma: bool = False,
) -> Path:
    """A CSV file as Excel writes it (``;`` and ``1,26`` in Indonesian Excel); quoting only
    where a cell holds the delimiter or a quote."""
    lines = []
    for row in rows:
        cells = []
        for value in row:
            cell = as_text(value, decimal_comma)
            if delimiter in cell or '"' in cell or "\n" in cell:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        lines.append(delimiter.join(cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def patch_sheet_xml(path: Path, change: Any, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """Rewrite one worksheet's XML inside an .xlsx (``change`` maps its bytes to new
    bytes), every other part copied as it is: hostile cells a spreadsheet program would
    never write."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, change(data) if info.filename == part else data)
    return path


def before_sheet_end(xml: bytes) -> Any:
    """A ``change`` for :func:`patch_sheet_xml` inserting ``xml`` before
    ``</sheetData>``."""

    def change(data: bytes) -> bytes:
        assert b"</sheetData>" in data
        return data.replace(b"</sheetData>", xml + b"</sheetData>", 1)

    return change


def digest(path: Path) -> str:
    """The SHA-256 of a file (to show a reader leaves its input untouched)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- running the command under resource limits -------------------------------------------------


@dataclass
class Run:
    """A finished ``spbe`` process: exit code and both streams as text."""

    code: int
    stdout: str
    stderr: str
    raw: bytes = b""
    """stdout as written (bytes)."""


def run_spbe(
    args: Sequence[str],
    *,
    cpu_seconds: int = 30,
    memory_mib: int = 1024,
    stdin: Any = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdout: Any = None,
) -> Run:
    """``spbe ARGS`` as a fresh process bounded by ``RLIMIT_CPU`` (a hang is killed by the
    kernel, not by a timing assertion) and ``RLIMIT_AS`` (an allocation beyond
    ``memory_mib`` fails inside the process instead of growing without end). A wall-clock
    timeout of three times the CPU limit catches a process blocked on I/O."""
    import os
    import resource
    import subprocess
    import sys

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        size = memory_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    full_env = {**os.environ, "SPBE_NO_PROGRESS": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "spbe_cli", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full_env,
        cwd=cwd,
        preexec_fn=limits,
        timeout=cpu_seconds * 3,
        check=False,
    )
    out = done.stdout.decode("utf-8", "replace") if isinstance(done.stdout, bytes) else ""
    raw = done.stdout if isinstance(done.stdout, bytes) else b""
    return Run(done.returncode, out, done.stderr.decode("utf-8", "replace"), raw)


def write_single_line_csv(path: Path, mib: int = 50) -> Path:
    """A CSV of one line ``mib`` MiB long (``3,3,3,...``), written in 1 MiB chunks."""
    with path.open("wb") as stream:
        chunk = b"3," * (1024 * 1024 // 2)
        for _ in range(mib):
            stream.write(chunk)
    return path
