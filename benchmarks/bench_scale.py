"""Scale benchmark: wide workbooks of 1k, 10k (and 100k) agency rows, timed side by side.

For each size it writes a wide workbook (``Instansi | Tahun | 1 .. 47``, 20 years of
agencies, random levels), then times, each as a fresh process (wall clock, best of
``--repeat``):

* ``parse``   python-calamine opening the file and reading every cell (nothing else);
* ``score``   ``spbe score FILE --format csv``;
* ``rank``    ``spbe rank FILE --format csv``;
* ``compare`` ``spbe compare FILE --format csv``;

and prints each beside the parse time as a ratio, plus the start-up of ``spbe --version``
beside ``python -c pass``. Targets: ``score`` within 1.5x of ``parse`` at 10k rows;
start-up under 0.25 s.

    python benchmarks/bench_scale.py              # 1k and 10k rows
    python benchmarks/bench_scale.py --huge       # also the 100k-row stress file
    python benchmarks/bench_scale.py --rows 5000 --repeat 5 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

INDICATORS = 47
YEARS = 20
FIRST_YEAR = 2021
PARSE = (
    "import sys\n"
    "from python_calamine import CalamineWorkbook\n"
    "book = CalamineWorkbook.from_path(sys.argv[1])\n"
    "rows = book.get_sheet_by_index(0).to_python()\n"
)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Rekap" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _text(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def _number(value: int) -> str:
    return f"<c><v>{value}</v></c>"


def _sheet_rows(rows: int, seed: int, excel: bool = False) -> Iterator[str]:
    rng = random.Random(seed)
    header = [_text("Instansi"), _text("Tahun")] + [_number(i) for i in range(1, INDICATORS + 1)]
    yield _row(1, header, excel)
    agencies = max(1, rows // YEARS)
    for n in range(rows):
        agency, year = n % agencies, FIRST_YEAR + n // agencies
        kind = "Kota" if agency % 5 == 0 else "Kabupaten"
        base = rng.randint(1, 4)
        levels = [min(5, max(1, base + rng.randint(-1, 1))) for _ in range(INDICATORS)]
        cells = [_text(f"{kind} {agency + 1:05d}"), _number(year)] + [_number(v) for v in levels]
        yield _row(n + 2, cells, excel)


def _letters(column: int) -> str:
    """The letters of a 1-based column (``AW`` for 49)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_COLUMNS = [_letters(n) for n in range(1, INDICATORS + 3)]


def _row(number: int, cells: list[str], excel: bool) -> str:
    """A row, with ``r`` on the row and every cell as Excel writes them when ``excel``."""
    if not excel:
        return "<row>" + "".join(cells) + "</row>"
    placed = [
        f'<c r="{letters}{number}"{cell[2:]}' for letters, cell in zip(_COLUMNS, cells, strict=True)
    ]
    return f'<row r="{number}">' + "".join(placed) + "</row>"


def write_wide(path: Path, rows: int, seed: int = 2021, excel: bool = False) -> None:
    """A minimal valid .xlsx with ``rows`` agency rows (fast: no spreadsheet library);
    ``excel``: as Excel writes a sheet, with its ``<dimension>`` and ``r`` on every row and
    cell (the extent check and the parse read those differently)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            corner = f"{_COLUMNS[-1]}{rows + 1}"
            dimension = f'<dimension ref="A1:{corner}"/>'.encode() if excel else b""
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                b'2006/main">' + dimension + b"<sheetData>"
            )
            for row in _sheet_rows(rows, seed, excel):
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")


def wall(command: Sequence[str], repeat: int) -> float:
    """The best wall time of ``command`` over ``repeat`` runs; fails loudly on exit != 0."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise SystemExit(
                f"{' '.join(command)} exited {done.returncode}:\n"
                f"{done.stderr.decode(errors='replace')}"
            )
        best = min(best, elapsed)
    return best


def spbe_command(given: str | None) -> list[str]:
    """The ``spbe`` to time: ``--spbe`` as given, the console script beside this Python,
    or ``python -m spbe_cli``."""
    if given:
        return given.split()
    script = Path(sys.executable).with_name("spbe")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spbe_cli"]


def bench_size(rows: int, folder: Path, spbe: list[str], repeat: int) -> dict[str, float]:
    """Generate one workbook and time parse, score, rank and compare on it."""
    path = folder / f"wide-{rows}.xlsx"
    start = time.perf_counter()
    write_wide(path, rows)
    generated = time.perf_counter() - start
    print(
        f"{rows:>7} rows: wrote {path.name} ({path.stat().st_size / 1e6:.1f} MB) "
        f"in {generated:.1f} s",
        file=sys.stderr,
    )
    times = {"parse": wall([sys.executable, "-c", PARSE, str(path)], repeat)}
    for name in ("score", "rank", "compare"):
        times[name] = wall([*spbe, name, str(path), "--format", "csv"], repeat)
    return times


def print_table(results: dict[int, dict[str, float]], startup: dict[str, float]) -> None:
    """Times in seconds and ratios to the parse alone."""
    print(
        f"{'rows':>8} {'parse s':>8} {'score s':>8} {'x':>5} {'rank s':>8} {'x':>5} "
        f"{'compare s':>10} {'x':>5}"
    )
    for rows, t in results.items():
        base = t["parse"]
        print(
            f"{rows:>8} {base:>8.2f} {t['score']:>8.2f} {t['score'] / base:>5.2f} "
            f"{t['rank']:>8.2f} {t['rank'] / base:>5.2f} {t['compare']:>10.2f} "
            f"{t['compare'] / base:>5.2f}"
        )
    print(
        f"\nstart-up: spbe --version {startup['spbe']:.3f} s, python -c pass "
        f"{startup['python']:.3f} s (x{startup['spbe'] / startup['python']:.1f}; "
        f"target < 0.25 s: {'met' if startup['spbe'] < 0.25 else 'NOT met'})"
    )
    if 10_000 in results:
        ratio = results[10_000]["score"] / results[10_000]["parse"]
        print(
            f"score / parse at 10k rows: {ratio:.2f} "
            f"(target <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})"
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments, run every size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows",
        type=int,
        nargs="*",
        default=[1_000, 10_000],
        help="Sizes to run (default: 1000 10000).",
    )
    parser.add_argument("--huge", action="store_true", help="Also run 100,000 rows.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per timing (best kept).")
    parser.add_argument("--keep", type=Path, help="Write the workbooks here and keep them.")
    parser.add_argument("--spbe", help="Command that runs spbe (default: the installed one).")
    args = parser.parse_args(argv)
    sizes = [*args.rows, *([100_000] if args.huge else [])]
    spbe = spbe_command(args.spbe)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="spbe-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        startup = {
            "spbe": wall([*spbe, "--version"], max(5, args.repeat)),
            "python": wall([sys.executable, "-c", "pass"], max(5, args.repeat)),
        }
        results = {rows: bench_size(rows, folder, spbe, args.repeat) for rows in sizes}
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print_table(results, startup)


if __name__ == "__main__":
    main()
