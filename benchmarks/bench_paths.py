"""Output-path benchmark: every ``spbe`` output path as a fresh process, per spbe version.

For each ``--rows`` size it writes a wide workbook (``Instansi | Tahun | 1 .. 47``, the
years 2021..2025 so every row is scored with the SPBE framework of PermenPANRB 59/2020,
random levels) with the writer of ``bench_scale.py``, plus two workbooks of the same
agencies in 2024 and 2025 (``rows / 2`` rows each) for ``compare``. It then times, each as
a fresh process with stdout sent to a file (never a terminal), wall clock:

* ``parse``                  python-calamine opening the file and reading every cell
  (``get_sheet_by_index(0).to_python()``), the yardstick of every ratio;
* ``score --format csv``, ``score`` (table), ``score --format markdown|json|jsonl``;
* ``rank --format csv``, ``rank`` (table);
* ``compare A B`` (table) and ``compare A B --format json``;
* ``report FILE -o OUT.xlsx --force``;
* ``--version`` (start-up only);
* ``orjson`` (reference): a ``python -c`` that loads the JSON written by
  ``score --format json`` in the same repeat and times, in-process, only
  ``orjson.dumps(doc, option=orjson.OPT_INDENT_2)``. ``parse + orjson`` (the medians added)
  is what a JSON writer that only read the cells and serialised the document would cost;
  the JSON path is also shown as a ratio to it.

Each ``--spbe LABEL=SRC_DIR`` is one version: ``python -m spbe_cli`` with
``PYTHONPATH=SRC_DIR``, bytecode on (``PYTHONDONTWRITEBYTECODE`` removed), ``NO_COLOR=1``
and its own ``SPBE_CACHE_DIR`` kept for the whole run (a warm store). Default: one version,
``main``, the ``src`` of this checkout. A first, untimed round checks that every command
exits 0 (its stderr is printed and the run stops otherwise) and warms bytecode and store.
The ``--repeat`` timed rounds are interleaved: each round runs every (path, version) once,
in an order rotated from round to round, with the parse in the same loop; the median is
kept. Peak memory is ``ru_maxrss`` from ``os.wait4`` (the child alone), the max over runs.

The result is a Markdown table per size: path | per version: median s, ratio to parse,
peak MiB; then the parse line. CPU shared with other jobs shows up as noise: compare
versions within one run, not across runs.

    python benchmarks/bench_paths.py                                   # 10k rows, main
    python benchmarks/bench_paths.py --rows 10000 --rows 100000 --repeat 3
    python benchmarks/bench_paths.py --spbe before=../wt-before/src --spbe after=src \\
        --repeat 5 --out /tmp/paths.md
    python benchmarks/bench_paths.py --excel   # workbooks as Excel writes them

``--excel`` writes each sheet as Excel does (a ``<dimension>``, ``r`` on every row and
cell): the parse is slower (about 0.31 s against 0.23 s at 10,000 rows) and spbe's extent
check takes another way through it, so the ratios differ from the minimal files'.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import bench_scale
from bench_scale import PARSE

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
FIRST_YEAR = 2021  # 2021..2025: PermenPANRB 59/2020 (SPBE, 47 indicators), not Pemdi (2026-)
YEARS = 5
COMPARE_YEARS = (2024, 2025)
ORJSON = (
    "import sys, time, orjson\n"
    "with open(sys.argv[1], 'rb') as handle:\n"
    "    doc = orjson.loads(handle.read())\n"
    "start = time.perf_counter()\n"
    "orjson.dumps(doc, option=orjson.OPT_INDENT_2)\n"
    "print(time.perf_counter() - start)\n"
)
# (name, arguments after ``python -m spbe_cli``); FILE, A, B and OUT are placeholders.
PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("score --format csv", ("score", "FILE", "--format", "csv")),
    ("score (table)", ("score", "FILE")),
    ("score --format markdown", ("score", "FILE", "--format", "markdown")),
    ("score --format json", ("score", "FILE", "--format", "json")),
    ("score --format jsonl", ("score", "FILE", "--format", "jsonl")),
    ("rank --format csv", ("rank", "FILE", "--format", "csv")),
    ("rank (table)", ("rank", "FILE")),
    ("compare A B (table)", ("compare", "A", "B")),
    ("compare A B --format json", ("compare", "A", "B", "--format", "json")),
    ("report -o OUT.xlsx --force", ("report", "FILE", "-o", "OUT", "--force")),
    ("--version", ("--version",)),
)
JSON_PATH = "score --format json"


@contextlib.contextmanager
def _years(first_year: int, years: int) -> Iterator[None]:
    """``bench_scale``'s writer with other years (its generator reads these globals)."""
    saved = bench_scale.FIRST_YEAR, bench_scale.YEARS
    bench_scale.FIRST_YEAR, bench_scale.YEARS = first_year, years
    try:
        yield
    finally:
        bench_scale.FIRST_YEAR, bench_scale.YEARS = saved


EXCEL = False
"""Whether the workbooks are written as Excel writes them (``--excel``)."""


def write_wide(
    path: Path, rows: int, seed: int = 2021, first_year: int = FIRST_YEAR, years: int = YEARS
) -> None:
    """``bench_scale.write_wide`` for the years ``first_year .. first_year + years - 1``:
    ``rows // years`` agencies, each with one row per year (``rows`` a multiple of
    ``years``, else a later year would creep in)."""
    if rows % years:
        raise ValueError(f"rows ({rows}) must be a multiple of years ({years})")
    with _years(first_year, years):
        bench_scale.write_wide(path, rows, seed, excel=EXCEL)


@dataclass
class Sample:
    """The runs of one (path, version): wall seconds and peak MiB."""

    seconds: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peaks)


@dataclass
class Version:
    """One spbe under test: a label, its source folder, its environment."""

    label: str
    src: Path
    env: dict[str, str]


def run(
    command: Sequence[str], env: dict[str, str], out: Path, err: Path
) -> tuple[int, float, float]:
    """(exit status, wall seconds, peak MiB) of one fresh process, stdout and stderr to files."""
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=env, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, seconds, usage.ru_maxrss * 1024 / MIB  # KiB on Linux


def make_versions(given: Sequence[str], folder: Path) -> list[Version]:
    """``LABEL=SRC_DIR`` pairs (default ``main=<this checkout>/src``) with their environments."""
    pairs = given or [f"main={ROOT / 'src'}"]
    versions = []
    for pair in pairs:
        label, sep, src = pair.partition("=")
        source = Path(src).resolve()
        if not sep or not label or not (source / "spbe_cli").is_dir():
            raise SystemExit(f"--spbe {pair!r}: expected LABEL=SRC_DIR holding spbe_cli/")
        if any(v.label == label for v in versions):
            raise SystemExit(f"--spbe {pair!r}: label {label!r} given twice")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        store = folder / f"store-{label}"
        store.mkdir()
        env.update(PYTHONPATH=str(source), SPBE_CACHE_DIR=str(store), NO_COLOR="1")
        versions.append(Version(label, source, env))
    return versions


def bench_size(
    rows: int, folder: Path, versions: list[Version], repeat: int
) -> tuple[Sample, dict[tuple[str, str], Sample], dict[str, Sample]]:
    """Write the workbooks of one size and time every (path, version), interleaved."""
    start = time.perf_counter()
    book = folder / f"wide-{rows}.xlsx"
    write_wide(book, rows)
    half = rows // 2
    first, second = (folder / f"compare-{half}-{year}.xlsx" for year in COMPARE_YEARS)
    write_wide(first, half, seed=7, first_year=COMPARE_YEARS[0], years=1)
    write_wide(second, half, seed=8, first_year=COMPARE_YEARS[1], years=1)
    print(
        f"{rows:>7} rows: wrote {book.name} ({book.stat().st_size / MIB:.1f} MiB) and two "
        f"{half}-row compare files in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    replace = {"FILE": str(book), "A": str(first), "B": str(second)}
    tasks = [(name, version) for name, _ in PATHS for version in versions]
    arguments = dict(PATHS)
    parse_env = {**os.environ, "NO_COLOR": "1"}
    parse = Sample()
    samples = {(name, v.label): Sample() for name, v in tasks}
    orjson = {v.label: Sample() for v in versions}

    def out_of(name: str, version: Version) -> Path:
        slug = "".join(c if c.isalnum() else "-" for c in name).strip("-")
        return folder / f"out-{rows}-{version.label}-{slug}"

    for round_ in range(repeat + 1):  # round 0: untimed, checks exits, warms bytecode/store
        timed = round_ > 0
        shift = (round_ * len(tasks)) // max(1, repeat)
        order: list[tuple[str, Version] | None] = [None, *tasks]  # None: the parse
        shift %= len(order)
        for task in order[shift:] + order[:shift]:
            if task is None:
                command = [sys.executable, "-c", PARSE, str(book)]
                name, env, out, sample = "parse", parse_env, folder / "out-parse", parse
            else:
                name, version = task
                out = out_of(name, version)
                target = {**replace, "OUT": str(folder / f"report-{version.label}.xlsx")}
                args = [target.get(a, a) for a in arguments[name]]
                command = [sys.executable, "-m", "spbe_cli", *args]
                env, sample = version.env, samples[name, version.label]
            status, seconds, peak = run(command, env, out, folder / "err")
            if status != 0:
                label = "" if task is None else f" [{task[1].label}]"
                raise SystemExit(
                    f"{name}{label} exited {status}: {' '.join(command)}\n"
                    f"{(folder / 'err').read_text('utf-8', 'replace')}"
                )
            if timed:
                sample.seconds.append(seconds)
                sample.peaks.append(peak)
        for version in versions:  # after the JSON path of this round, for each version
            command = [sys.executable, "-c", ORJSON, str(out_of(JSON_PATH, version))]
            status, _, peak = run(command, parse_env, folder / "out-orjson", folder / "err")
            if status != 0:  # orjson cannot load a document of several GB: no reference
                print(
                    f"{rows:>7} rows: no orjson reference ({version.label}): exit {status}",
                    file=sys.stderr,
                )
                continue
            if timed:
                orjson[version.label].seconds.append(
                    float((folder / "out-orjson").read_text().strip())
                )
                orjson[version.label].peaks.append(peak)
        if timed:
            print(f"{rows:>7} rows: round {round_}/{repeat} done", file=sys.stderr)
    return parse, samples, orjson


def table(
    rows: int,
    versions: list[Version],
    parse: Sample,
    samples: dict[tuple[str, str], Sample],
    orjson: dict[str, Sample],
    repeat: int,
) -> str:
    """The Markdown of one size: path | per version: median s, x parse, peak MiB."""
    base = parse.median
    head = ["path"]
    rule = ["---"]
    for v in versions:
        head += [f"{v.label} s", f"{v.label} x parse", f"{v.label} MiB"]
        rule += ["---:", "---:", "---:"]
    lines = [
        f"### {rows:,} rows (median of {repeat}; x = ratio to the bare parse)",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(rule) + "|",
    ]
    for name, _ in PATHS:
        cells = [f"`{name}`"]
        for v in versions:
            s = samples[name, v.label]
            cells += [f"{s.median:.3f}", f"{s.median / base:.2f}", f"{s.peak:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["parse + orjson (reference)"]
    for v in versions:
        if not orjson[v.label].seconds:
            cells += ["n/a", "n/a", "—"]
            continue
        reference = base + orjson[v.label].median
        cells += [f"{reference:.3f}", f"{reference / base:.2f}", "—"]
    lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"parse (python-calamine, every cell): {base:.3f} s median, peak {parse.peak:.0f} MiB.",
    ]
    for v in (v for v in versions if orjson[v.label].seconds):
        dumps = orjson[v.label].median
        json_s = samples[JSON_PATH, v.label].median
        lines.append(
            f"{v.label}: orjson.dumps of the score JSON {dumps * 1000:.1f} ms; "
            f"`{JSON_PATH}` / (parse + orjson) = {json_s / (base + dumps):.2f}"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments, run every size, print (and write) the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, action="append", help="Rows (repeatable; default 10000)."
    )
    parser.add_argument("--repeat", type=int, default=5, help="Timed rounds (median kept).")
    parser.add_argument(
        "--spbe",
        action="append",
        default=[],
        metavar="LABEL=SRC_DIR",
        help="A version to time (repeatable; default main=<this checkout>/src).",
    )
    parser.add_argument("--out", type=Path, help="Also write the Markdown here.")
    parser.add_argument("--keep", type=Path, help="Work (and keep the files) in this folder.")
    parser.add_argument(
        "--excel",
        action="store_true",
        help="Write the workbooks as Excel does (a <dimension>, r on every row and cell).",
    )
    args = parser.parse_args(argv)
    global EXCEL
    EXCEL = args.excel
    sizes = args.rows or [10_000]
    if args.repeat < 1 or any(r < 2 * YEARS or r % (2 * YEARS) for r in sizes):
        parser.error(f"--repeat must be >= 1 and --rows a positive multiple of {2 * YEARS}")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=False)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="spbe-bench-paths-"))
    try:
        versions = make_versions(args.spbe, folder)
        print("versions: " + ", ".join(f"{v.label}={v.src}" for v in versions), file=sys.stderr)
        parts = []
        for rows in sizes:
            parse, samples, orjson = bench_size(rows, folder, versions, args.repeat)
            parts.append(table(rows, versions, parse, samples, orjson, args.repeat))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    markdown = "\n".join(parts)
    print(markdown, end="")
    if args.out:
        args.out.write_text(markdown, encoding="utf-8")


if __name__ == "__main__":
    main()
