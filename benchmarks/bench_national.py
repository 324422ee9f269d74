"""National-scale benchmark (issue 11): two spbe executables side by side, time and memory.

For each size (10k rows; 100k with ``--huge``) it writes the wide workbook of
``bench_scale.py`` (``Instansi | Tahun | 1 .. 47``, 20 years of agencies, seeded random
levels) and runs, each as a fresh process bounded by a timeout and an address-space cap,
every command below for "today" (``--baseline``) and "now" (``--spbe``):

* ``parse``         python-calamine opening the workbook, reading every cell (the yardstick);
* ``score-csv``     ``spbe score FILE --format csv``;
* ``score-table``   ``spbe score FILE`` with stdout to a file;
* ``score-tty``     ``spbe score FILE`` with stdout to a pseudo-terminal (120 x 50);
* ``score-json``    ``spbe score FILE --format json``;
* ``compare-json``  ``spbe compare FILE --format json`` (10k rows at most: 500 x 20 years);
* ``report-xlsx``   ``spbe report FILE -o out.xlsx`` (10k rows at most);
* ``example``       ``spbe score examples/pematangsiantar-2021.xlsx`` (one agency);
* ``version``       ``spbe --version``.

Each cell is the median wall time and peak RSS (``os.wait4``) of ``--repeat`` runs after a
warm-up (one run when the warm-up takes over 5 s), and the ratio to the bare parse of the
same file (``example`` and ``version``: to ``python -c pass``). The output is a Markdown
table and notes, ready for a README; progress goes to stderr.

    python benchmarks/bench_national.py                       # 10k rows
    python benchmarks/bench_national.py --huge --only parse,score-csv,score-json
    python benchmarks/bench_national.py --baseline /path/to/old/spbe --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.metadata
import os
import platform
import resource
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import PARSE, YEARS, write_wide

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pematangsiantar-2021.xlsx"
BIG = 5.0  # seconds: a warm-up slower than this is the only run
TTY_SIZE = (50, 120)  # rows, columns of the pseudo-terminal
SMALL_ONLY = 10_000  # compare and report run on workbooks up to this many rows
SPBE = ("--framework", "permenpanrb-59-2020")
"""The workbook spans 20 years with the 47 SPBE indicators: name the framework, since from
2026 the year alone would choose Pemdi (and "today" had only SPBE)."""
UNSET = (
    "COLUMNS",
    "LINES",
    "FORCE_COLOR",
    "NO_COLOR",
    "SPBE_LANG",
    "SPBE_NO_CACHE",
    "PYTHONDONTWRITEBYTECODE",
)
"""Unset for every run: a user's terminal and language settings, and what would keep Python
from caching bytecode or spbe from keeping validated frameworks (users have both: pip
compiles bytecode, and the first run fills the store; the warm-up run does both here)."""


@dataclass
class Limits:
    timeout: float
    memory: int  # bytes of address space
    repeat: int


@dataclass
class Result:
    seconds: float = 0.0
    rss_kib: float = 0.0
    out_bytes: int = 0
    runs: int = 0
    error: str | None = None


@dataclass
class Case:
    name: str
    label: str
    args: Callable[[Path, Path], list[str]]  # (workbook, folder) -> arguments after spbe
    per_size: bool = True
    tty: bool = False
    json: bool = False


CASES = [
    Case(
        "score-csv",
        "`spbe score FILE --format csv`",
        lambda f, d: ["score", str(f), "--format", "csv", *SPBE],
    ),
    Case(
        "score-table",
        "`spbe score FILE` (table, stdout to a file)",
        lambda f, d: ["score", str(f), *SPBE],
    ),
    Case(
        "score-tty",
        "`spbe score FILE` (table, stdout to a terminal)",
        lambda f, d: ["score", str(f), *SPBE],
        tty=True,
    ),
    Case(
        "score-json",
        "`spbe score FILE --format json`",
        lambda f, d: ["score", str(f), "--format", "json", *SPBE],
        json=True,
    ),
    Case(
        "compare-json",
        "`spbe compare FILE --format json` (agencies x 20 years)",
        lambda f, d: ["compare", str(f), "--format", "json", *SPBE],
        json=True,
    ),
    Case(
        "report-xlsx",
        "`spbe report FILE -o out.xlsx`",
        lambda f, d: ["report", str(f), "-o", str(d / "out.xlsx"), *SPBE],
    ),
    Case(
        "example",
        "`spbe score examples/pematangsiantar-2021.xlsx` (one agency)",
        lambda f, d: ["score", str(EXAMPLE)],
        per_size=False,
    ),
    Case("version", "`spbe --version`", lambda f, d: ["--version"], per_size=False),
]
NAMES = ["parse", *(case.name for case in CASES)]


def _child_setup(memory: int) -> Callable[[], None]:
    def setup() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return setup


def _failure(code: int, stderr: str) -> str | None:
    """None for success, else ``failed: ...`` from stderr (a traceback's last line)."""
    if code == 0:
        return None
    if "MemoryError" in stderr or "memory allocation of" in stderr:
        return "failed: MemoryError"
    if code < 0:
        return f"failed: {signal.Signals(-code).name}"
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return f"failed: exit {code}"
    first = lines[-1] if lines[0].startswith("Traceback") else lines[0]
    return f"failed: {first[:70]}"


def run_once(command: Sequence[str], folder: Path, limits: Limits, tty: bool) -> Result:
    """One fresh process: wall time, peak RSS, stdout size; killed after the timeout."""
    (folder / "out.xlsx").unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env["SPBE_CACHE_DIR"] = str(folder / "store")  # private to the run, filled by the warm-up
    out_path, err_path = folder / "stdout.out", folder / "stderr.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        master = slave = -1
        reader = None
        if tty:
            env["TERM"] = "xterm-256color"
            master, slave = os.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *TTY_SIZE, 0, 0))
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=slave if tty else out,
            stderr=err,
            env=env,
            cwd=folder,
            preexec_fn=_child_setup(limits.memory),
        )
        if tty:
            os.close(slave)
            reader = threading.Thread(target=_drain, args=(master, out))
            reader.start()
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(limits.timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        timer.cancel()
        if reader is not None:
            reader.join()
            os.close(master)
    stderr = err_path.read_text(errors="replace")
    error = "timeout" if killed.is_set() else _failure(code, stderr)
    return Result(seconds, usage.ru_maxrss, out_path.stat().st_size, 1, error)


def _drain(master: int, out: BinaryIO) -> None:
    """Read the pseudo-terminal until the child closes it, copying to ``out``."""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: every writer has closed the terminal
            return
        if not chunk:
            return
        out.write(chunk)


def measure(command: Sequence[str], folder: Path, limits: Limits, tty: bool = False) -> Result:
    """Median of ``repeat`` runs after a warm-up; the warm-up alone when slow or failed."""
    warm = run_once(command, folder, limits, tty)
    if warm.error or warm.seconds > BIG:
        return warm
    runs = [run_once(command, folder, limits, tty) for _ in range(limits.repeat)]
    failed = next((run for run in runs if run.error), None)
    if failed:
        return failed
    return Result(
        seconds=statistics.median(run.seconds for run in runs),
        rss_kib=statistics.median(run.rss_kib for run in runs),
        out_bytes=runs[-1].out_bytes,
        runs=len(runs),
    )


def cell(result: Result | None, base: Result | None, json: bool = False) -> str:
    """``0.70 s · 45 MiB · 2.9x`` (``†``: a single run), or the failure."""
    if result is None:
        return "—"
    if result.error:
        return result.error.replace("|", "\\|")
    seconds = f"{result.seconds:.3f}" if result.seconds < 0.1 else f"{result.seconds:.2f}"
    parts = [f"{seconds} s", f"{result.rss_kib / 1024:.0f} MiB"]
    if base and not base.error and base.seconds:
        ratio = result.seconds / base.seconds
        parts.append(f"{ratio:.0f}x" if ratio >= 100 else f"{ratio:.1f}x")
    if json:
        parts.append(f"{result.out_bytes / 1e6:.1f} MB out")
    return " · ".join(parts) + (" †" if result.runs == 1 else "")


def size_label(rows: int) -> str:
    return f"{rows // 1000}k rows" if rows % 1000 == 0 else f"{rows:,} rows"


def executables(args: argparse.Namespace) -> dict[str, list[str]]:
    """The spbe commands to time, by column name; a missing one is left out with a note."""
    found = {}
    for name, given in (("today", args.baseline), ("now", args.spbe)):
        command = shlex.split(given)
        if command and shutil.which(command[0]):
            found[name] = command
        else:
            print(f"{name}: {given} not found, its column is left out", file=sys.stderr)
    if not found:
        raise SystemExit("no spbe executable found")
    return found


def machine_notes() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) / 1024**2
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0.0,
    )
    return [
        f"machine: nproc {len(os.sched_getaffinity(0))}, {cpu}, {memory:.0f} GiB RAM, "
        f"Linux {platform.release()}",
        f"python {platform.python_version()} ({sys.executable}), python-calamine "
        f"{importlib.metadata.version('python-calamine')}, openpyxl "
        f"{importlib.metadata.version('openpyxl')}",
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments, write the workbooks, run every command, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="10000", help="Sizes, comma-separated (10000).")
    parser.add_argument("--huge", action="store_true", help="Also run 100,000 rows.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs after the warm-up (3).")
    parser.add_argument("--baseline", default="/work/baseline/.venv/bin/spbe", help="today")
    parser.add_argument("--spbe", default="/work/main/.venv/bin/spbe", help="now")
    parser.add_argument("--keep", type=Path, help="Write the workbooks here and keep them.")
    parser.add_argument("--only", help=f"Commands to run, comma-separated: {','.join(NAMES)}.")
    parser.add_argument("--timeout", type=float, default=300.0, help="Seconds per run (300).")
    parser.add_argument("--memory", type=float, default=6.0, help="GiB address space (6).")
    args = parser.parse_args(argv)
    only = args.only.split(",") if args.only else NAMES
    if unknown := set(only) - set(NAMES):
        parser.error(f"unknown --only {','.join(sorted(unknown))}; choose from {NAMES}")
    sizes = [int(n) for n in args.rows.split(",") if n] + ([100_000] if args.huge else [])
    limits = Limits(args.timeout, int(args.memory * 1024**3), max(1, args.repeat))
    spbe = executables(args)
    cases = [case for case in CASES if case.name in only]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="spbe-national-"))
    folder.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    results: dict[tuple[str, int, str], Result] = {}  # (case, rows, column)
    bases: dict[int, Result] = {}  # rows (0: python -c pass) -> yardstick
    notes: list[str] = []

    def run(key: tuple[str, int, str], command: list[str], tty: bool = False) -> Result:
        result = results[key] = measure(command, folder, limits, tty)
        print(f"{key[1]:>7} {key[0]:<13} {key[2]:<5} {cell(result, None)}", file=sys.stderr)
        return result

    try:
        if any(not case.per_size for case in cases):
            bases[0] = run(("python -c pass", 0, "-"), [sys.executable, "-c", "pass"])
            for case in (case for case in cases if not case.per_size):
                for column, command in spbe.items():
                    run((case.name, 0, column), [*command, *case.args(EXAMPLE, folder)])
        for rows in sizes if any(case.per_size for case in cases) or "parse" in only else []:
            path = folder / f"wide-{rows}.xlsx"
            write_wide(path, rows)
            notes.append(
                f"{path.name}: {rows:,} rows = {max(1, rows // YEARS):,} agencies x {YEARS} "
                f"years, {path.stat().st_size / 1e6:.1f} MB, seed 2021 (bench_scale.py)"
            )
            bases[rows] = run(("parse", rows, "-"), [sys.executable, "-c", PARSE, str(path)])
            for case in (case for case in cases if case.per_size):
                if case.name in ("compare-json", "report-xlsx") and rows > SMALL_ONLY:
                    continue
                for column, command in spbe.items():
                    args_ = case.args(path, folder)
                    run((case.name, rows, column), [*command, *args_], case.tty)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    elapsed = time.perf_counter() - began

    columns = [(rows, column) for rows in sizes for column in spbe]
    print("| command | " + " | ".join(f"{c} {size_label(r)}" for r, c in columns) + " |")
    print("|---|" + "---|" * len(columns))
    if "parse" in only:
        label = "bare parse (python-calamine, every cell, `to_python()`)"
        parses = " | ".join(cell(bases.get(r), bases.get(r)) for r, _ in columns)
        print(f"| {label} | {parses} |")
    for case in cases:
        cells = []
        for rows, column in columns:
            at = 0 if not case.per_size else rows
            shown = case.per_size or rows == sizes[0]
            result = results.get((case.name, at, column)) if shown else None
            cells.append(cell(result, bases.get(at), case.json))
        print(f"| {case.label} | " + " | ".join(cells) + " |")

    print()
    versions = {c: getattr(results.get(("version", 0, c)), "stdout", "").strip() for c in spbe}
    for column, command in spbe.items():
        print(f"- {column}: `{shlex.join(command)}` {versions[column]}".rstrip())
    for note in [*machine_notes(), *notes]:
        print(f"- {note}")
    print(
        f"- each cell: median wall time · peak RSS (ru_maxrss of the child, os.wait4) · ratio "
        f"to the bare parse of the same file, measured in this run (shown under both "
        f"columns); {limits.repeat} runs after one warm-up; † = one run (the warm-up took "
        f"over {BIG:.0f} s, or failed)"
    )
    if 0 in bases:
        print(
            f"- the one-agency example and `--version` are shown under the first size, "
            f"their ratio is to `python -c pass` ({cell(bases[0], None)})"
        )
    print(
        f"- terminal row: stdout is a pseudo-terminal (pty, {TTY_SIZE[1]}x{TTY_SIZE[0]}, "
        f"TERM=xterm-256color), drained by the benchmark; other rows write stdout to a file "
        f"(JSON rows: its size, MB = 10^6 bytes); compare and report run on at most "
        f"{SMALL_ONLY:,} rows"
    )
    print(
        f"- every child: timeout {limits.timeout:.0f} s, address space capped at "
        f'{limits.memory / 1024**3:.0f} GiB (RLIMIT_AS): "failed: MemoryError" is the cap'
    )
    print(f"- whole benchmark: {elapsed / 60:.1f} min")


if __name__ == "__main__":
    main()
