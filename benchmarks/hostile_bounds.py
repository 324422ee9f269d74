"""Hostile-input bounds: every hostile file and the bound-testing command lines, measured.

Each case is written into a temporary folder and run as a fresh ``spbe`` process
(``python -m spbe_cli``), so the figures are the whole command's, start-up included:

* every entry of ``CASES`` in ``tests/test_corpus_hostile.py`` (the hostile-file corpus),
  as ``spbe score FILE`` with the options the test passes to the reader;
* the command-line cases of ``tests/test_cli_hostile.py`` that are about bounds: huge
  numbers (``1e999999999``) as a framework weight, a target and an effort, ``/dev/zero``
  as ``--logo`` and ``--effort``, a named pipe as the input ``.csv``, far cells
  (``XFD1048576``, ``AZ1048576``) in the example workbook, a 50 MiB single-line CSV (from
  a file and from stdin), a sparse CSV over the size limit and an evidence folder over the
  scan's entry bound;
* as a reference, ``spbe --version`` and ``spbe score`` of the example workbook.

For each run: the exit status (2 for a refusal; the evidence folder over the bound is
read as partial, exit 0), wall time and peak resident memory of the process
(``ru_maxrss`` from ``wait4``, the child alone), the worst of ``--repeat`` runs. Each run
is also checked: the expected exit, no traceback, the message names the input, and the
input's bytes unchanged. Failed checks are listed under the tables and make the exit
status 1. Every run is capped (``RLIMIT_CPU`` 120 s, ``RLIMIT_AS`` 4 GiB, 300 s wall) so
a regression cannot take the machine down with it.

    python benchmarks/hostile_bounds.py                        # tables on stdout
    python benchmarks/hostile_bounds.py --out bounds.md        # written atomically
    python benchmarks/hostile_bounds.py --update docs/reliability.md
    python benchmarks/hostile_bounds.py --only far- --repeat 1

``--update`` replaces the part of the document between the ``hostile-bounds`` markers.
Run it from the repository root with the source on ``PYTHONPATH`` (or installed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_cli_hostile as cli_hostile  # noqa: E402
from corpus_files import write_single_line_csv  # noqa: E402
from test_corpus_hostile import CASES  # noqa: E402

EXAMPLE = ROOT / "examples" / "pematangsiantar-2021.xlsx"
MIB = 1024 * 1024
BEGIN = "<!-- hostile-bounds:begin -->"
END = "<!-- hostile-bounds:end -->"
CPU_CAP = 120
MEMORY_CAP = 4 * 1024 * MIB
WALL_CAP = 300.0
SLOW = 5.0
"""Seconds above which a case is flagged (the issue's bound)."""
LARGE = 500
"""Peak MiB above which a case is flagged."""


@dataclass
class Run:
    """One command to measure, and what its run must show."""

    args: list[str]
    what: str
    inputs: list[Path] = field(default_factory=list)
    """Files whose bytes must be unchanged (skipped unless regular files)."""
    named: str = ""
    """Words stderr must hold (the input's name); stdout for an exit-0 case."""
    expect: int = 2
    stdin: Path | None = None


@dataclass
class Measure:
    name: str
    run: Run
    size: str
    code: int = 0
    seconds: float = 0.0
    mib: float = 0.0
    failures: list[str] = field(default_factory=list)


def _digest(path: Path) -> str | None:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
    except OSError:
        return None
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(MIB):
            sha.update(chunk)
    return sha.hexdigest()


def _size(paths: list[Path]) -> str:
    """The first input's size as people read it (a folder: its entries)."""
    if not paths:
        return ""
    path = paths[0]
    try:
        info = path.lstat()
    except OSError:
        return ""
    if stat.S_ISLNK(info.st_mode):
        return f"-> {os.readlink(path)}"
    if stat.S_ISFIFO(info.st_mode):
        return "named pipe"
    if stat.S_ISSOCK(info.st_mode):
        return "socket"
    if stat.S_ISDIR(info.st_mode):
        count = sum(len(files) + len(dirs) for _, dirs, files in os.walk(path))
        return f"{count:,} entries"
    size = info.st_size
    if size >= MIB:
        return f"{size / MIB:,.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:,.1f} KiB"
    return f"{size} B"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_CAP, CPU_CAP))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def execute(run: Run, folder: Path) -> tuple[int, float, float, str, str]:
    """(exit status, wall seconds, peak MiB, stdout, stderr) of one fresh process."""
    env = {**os.environ, "SPBE_NO_PROGRESS": "1", "SPBE_CACHE_DIR": str(folder / ".store")}
    out_path, err_path = folder / ".stdout", folder / ".stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        stdin = run.stdin.open("rb") if run.stdin else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "spbe_cli", *run.args],
                stdin=stdin,
                stdout=out,
                stderr=err,
                env=env,
                cwd=ROOT,
                preexec_fn=_limits,
            )
            timer = threading.Timer(WALL_CAP, process.kill)
            timer.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                timer.cancel()
            seconds = time.perf_counter() - start
        finally:
            if run.stdin and not isinstance(stdin, int):
                stdin.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss * 1024 / MIB  # KiB on Linux
    return (
        process.returncode,
        seconds,
        peak,
        out_path.read_text("utf-8", "replace"),
        err_path.read_text("utf-8", "replace"),
    )


def measure(name: str, build: Callable[[Path], Run], repeat: int) -> Measure:
    with tempfile.TemporaryDirectory(prefix="spbe-hostile-") as temporary:
        folder = Path(temporary)
        run = build(folder)
        result = Measure(name, run, _size(run.inputs))
        before = [_digest(p) for p in run.inputs]
        codes = []
        for _ in range(repeat):
            code, seconds, mib, stdout, stderr = execute(run, folder)
            codes.append(code)
            result.seconds = max(result.seconds, seconds)
            result.mib = max(result.mib, mib)
            if code != run.expect:
                result.failures.append(f"exit {code}, not {run.expect}: {stderr[-300:]!r}")
            if "Traceback" in stderr:
                result.failures.append("a traceback")
            shown = stdout if run.expect == 0 else stderr
            if run.named and run.named not in shown:
                result.failures.append(f"{run.named!r} not in the output: {shown[-300:]!r}")
            if run.expect == 2 and stdout:
                result.failures.append("a refusal printed to stdout")
        result.code = next((c for c in codes if c != run.expect), run.expect)
        if [_digest(p) for p in run.inputs] != before:
            result.failures.append("the input was changed")
        if result.seconds > SLOW:
            result.failures.append(f"{result.seconds:.2f} s is over {SLOW:.0f} s")
        if result.mib > LARGE:
            result.failures.append(f"{result.mib:.0f} MiB is over {LARGE} MiB")
        result.failures = list(dict.fromkeys(result.failures))
        return result


# -- the cases ---------------------------------------------------------------------------------


def corpus_case(name: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        refusal = CASES[name](folder)
        args = ["score", str(refusal.path), "--lang", "en"]
        for option, value in refusal.options.items():
            args += [f"--{option}", str(value)]
        codes = ", ".join(dict.fromkeys(code for code, _, _ in refusal.wanted))
        suffix = refusal.path.suffix or "(none)"
        return Run(args, f"{suffix}: {codes}", [refusal.path], refusal.path.name)

    return build


def _example_copy(folder: Path) -> Path:
    path = folder / "nilai.xlsx"
    shutil.copyfile(EXAMPLE, path)
    return path


def huge_weight(value: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        from spbe_cli.framework import bundled_frameworks

        text = bundled_frameworks()["permenpanrb-8-2026"].read_text(encoding="utf-8")
        rules = folder / "aturan.yaml"
        rules.write_text(text.replace('weight: "10"', f"weight: {value}", 1), encoding="utf-8")
        return Run(
            ["framework", "validate", str(rules), "--lang", "en"],
            f"weight {_short(value)} in a framework YAML",
            [rules],
            "aturan.yaml",
        )

    return build


def huge_effort(value: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        efforts = folder / "upaya.yaml"
        efforts.write_text(f"13: {value}\n", encoding="utf-8")
        return Run(
            ["plan", str(EXAMPLE), "--effort", str(efforts), "--lang", "en"],
            f"effort {_short(value)} in --effort YAML",
            [efforts],
            "upaya.yaml",
        )

    return build


def _short(value: str) -> str:
    shown = value if len(value) <= 24 else f"{value[:12]}... ({len(value):,} chars)"
    return f"`{shown}`"


def huge_target(folder: Path) -> Run:
    path = _example_copy(folder)
    return Run(
        ["score", str(path), "--target=1e999999999", "--lang", "en"],
        "--target `1e999999999`",
        [path],
        "is not a valid target",
    )


def huge_cell(folder: Path) -> Run:
    from corpus_files import SPBE, Sheet, column_of, ids_of, long_sheet, whole_levels, write_xlsx

    ids = ids_of(SPBE)
    values: list[object] = list(column_of(whole_levels(SPBE, 1), ids))
    values[4] = "1e999999999"
    sheet = long_sheet([int(k) for k in ids], {"Nilai": values})
    path = write_xlsx(folder / "besar.xlsx", Sheet("Penilaian", sheet.rows))
    return Run(
        ["score", str(path), "--lang", "en"],
        "cell text `1e999999999` as a level",
        [path],
        "besar.xlsx",
    )


def _side_args(use: str, side: Path, folder: Path) -> list[str]:
    _, template = cli_hostile.SIDE_FILE_USES[use]
    return [a.format(file=side, out=folder / "laporan.html") for a in template] + ["--lang", "en"]


def special_side_file(kind: str, use: str) -> Callable[[Path], Run]:
    """A named pipe, a device, a folder or a socket where a file is read."""

    def build(folder: Path) -> Run:
        make, _ = cli_hostile.SPECIAL_FILES[kind]
        name, _ = cli_hostile.SIDE_FILE_USES[use]
        side = folder / name
        make(side)
        return Run(_side_args(use, side, folder), f"{kind} as {use} ({name})", [side], name)

    return build


def side_limits() -> dict[str, int]:
    from spbe_cli.cli.commands.plan import MAX_EFFORT_BYTES
    from spbe_cli.framework.load import MAX_YAML_BYTES
    from spbe_cli.readers.csvtext import MAX_CSV_BYTES
    from spbe_cli.writers.report_logo import MAX_LOGO_BYTES

    return {
        "logo": MAX_LOGO_BYTES,
        "effort": MAX_EFFORT_BYTES,
        "validate": MAX_YAML_BYTES,
        "cases": MAX_YAML_BYTES,
        "input-csv": MAX_CSV_BYTES,
    }


def oversized_side_file(use: str) -> Callable[[Path], Run]:
    """A side file one byte over its limit (sparse: it costs no disk)."""

    def build(folder: Path) -> Run:
        name, _ = cli_hostile.SIDE_FILE_USES[use]
        limit = side_limits()[use]
        side = folder / name
        with side.open("wb") as stream:
            stream.truncate(limit + 1)
        return Run(
            _side_args(use, side, folder),
            f"{use} ({name}) of {limit // MIB} MiB + 1 byte",
            [side],
            name,
        )

    return build


def far_cell(cells: str, command: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        import openpyxl

        book = openpyxl.load_workbook(EXAMPLE)
        for cell in cells.split(":"):
            book["Penilaian"][cell] = 1
        path = folder / "jauh.xlsx"
        book.save(path)
        args = [command, str(path), "--lang", "en"]
        if command == "report":
            args += ["-o", str(folder / "laporan.md")]
        return Run(
            args,
            f"`spbe {command}`: the example workbook + a value in {' and '.join(cells.split(':'))}",
            [path],
            f"Penilaian!{cells.split(':')[0]}",
        )

    return build


def single_line(folder: Path) -> Path:
    return write_single_line_csv(folder / "satu-baris.csv")


def long_line_file(folder: Path) -> Run:
    path = single_line(folder)
    return Run(
        ["score", str(path), "--lang", "en"], "50 MiB CSV, one line", [path], "satu-baris.csv"
    )


def long_line_stdin(folder: Path) -> Run:
    path = single_line(folder)
    return Run(
        ["score", "-", "--lang", "en"],
        "the same 50 MiB line on stdin",
        [path],
        "64 KiB per line",
        stdin=path,
    )


def sparse_csv(folder: Path) -> Run:
    from spbe_cli.readers.csvtext import MAX_CSV_BYTES

    path = folder / "nol-besar.csv"
    with path.open("wb") as stream:
        stream.truncate(MAX_CSV_BYTES + 10 * MIB)
    return Run(
        ["score", str(path), "--lang", "en"],
        "CSV of 74 MiB NUL bytes (sparse)",
        [path],
        "nol-besar.csv",
    )


def zip_bomb(folder: Path) -> Run:
    path = folder / "bom.xlsx"
    cli_hostile.zip_bomb(path)
    return Run(
        ["score", str(path), "--lang", "en"], "120 MiB of zeros in a .xlsx", [path], "bom.xlsx"
    )


def crowded_evidence(folder: Path) -> Run:
    from evidence_files import crowded_folder
    from spbe_cli.evidence.folder import MAX_ENTRIES

    root = folder / "bukti"
    crowded_folder(root, MAX_ENTRIES + 10)
    return Run(
        ["evidence", str(EXAMPLE), "--dir", str(root), "-f", "json", "--lang", "en"],
        f"evidence folder of {MAX_ENTRIES + 10:,} files (bound {MAX_ENTRIES:,}): partial, exit 0",
        [root],
        '"evidenced_partial": true',
        expect=0,
    )


def deep_evidence(folder: Path) -> Run:
    from spbe_cli.evidence.folder import MAX_DEPTH

    root = cli_hostile._stopped_by_depth(folder)
    return Run(
        ["evidence", str(EXAMPLE), "--dir", str(root), "-f", "json", "--lang", "en"],
        f"the example evidence + a file {MAX_DEPTH + 2} folders deep (bound "
        f"{MAX_DEPTH}): partial, exit 0",
        [root],
        '"evidenced_partial": true',
        expect=0,
    )


def cli_cases() -> dict[str, Callable[[Path], Run]]:
    """The command-line cases, built from the test module's own tables where it has them."""
    cases: dict[str, Callable[[Path], Run]] = {
        "huge-target": huge_target,
        "huge-number-cell": huge_cell,
        "csv-50-mib-single-line": long_line_file,
        "stdin-50-mib-single-line": long_line_stdin,
        "csv-74-mib-of-nul-bytes": sparse_csv,
        "zip-bomb-120-mib": zip_bomb,
        "evidence-over-entry-bound": crowded_evidence,
        "evidence-over-depth-bound": deep_evidence,
    }
    for name, (value, _) in cli_hostile.HUGE_NUMBERS.items():
        cases[f"huge-weight-{name}"] = huge_weight(value)
        cases[f"huge-effort-{name}"] = huge_effort(value)
    for kind in cli_hostile.SPECIAL_FILES:
        for use in cli_hostile.SIDE_FILE_USES:
            cases[f"{kind}-as-{use}"] = special_side_file(kind, use)
    for use in side_limits():
        cases[f"over-limit-{use}"] = oversized_side_file(use)
    for cells in ("XFD1048576", "AZ1048576", "A1048576:XFD1", "ZZZ10000"):
        for command in ("score", "report"):
            cases[f"far-{cells.replace(':', '-and-').lower()}-{command}"] = far_cell(cells, command)
    return cases


CLI_CASES = cli_cases()


def version(folder: Path) -> Run:
    return Run(["--version"], "start-up alone", [], "spbe-cli", expect=0)


def example_score(folder: Path) -> Run:
    return Run(
        ["score", str(EXAMPLE.relative_to(ROOT))],
        "a valid workbook, table output",
        [EXAMPLE],
        "Indeks",
        expect=0,
    )


BASELINE: dict[str, Callable[[Path], Run]] = {
    "spbe --version": version,
    "spbe score examples/pematangsiantar-2021.xlsx": example_score,
}


# -- the report --------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        memory = f", {total / 1024**3:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{model}, {os.cpu_count()} CPUs{memory}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def table(title: str, rows: list[Measure]) -> list[str]:
    lines = [
        f"### {title}",
        "",
        "| case | what | input | exit | seconds | peak MiB |",
        "|---|---|---|---:|---:|---:|",
    ]
    for row in rows:
        mark = "" if not row.failures else " **FAILED**"
        lines.append(
            f"| `{row.name}` | {row.run.what}{mark} | {row.size} | {row.code} | "
            f"{row.seconds:.2f} | {row.mib:.0f} |"
        )
    return [*lines, ""]


def report(
    baseline: list[Measure], files: list[Measure], commands: list[Measure], repeat: int
) -> str:
    every = files + commands
    refused = [m for m in every if m.run.expect == 2]
    slowest = max(every, key=lambda m: m.seconds, default=None)
    largest = max(every, key=lambda m: m.mib, default=None)
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {now} at commit `{commit()}` on {machine()}; each case a fresh "
        f"`python -m spbe_cli` process, the worst of {repeat} run(s): wall seconds and peak "
        "resident memory (`ru_maxrss`) of that process, start-up included. Regenerate with "
        "`python benchmarks/hostile_bounds.py --update docs/reliability.md`.",
        "",
    ]
    if slowest and largest:
        lines += [
            f"{len(every)} hostile cases, {len(refused)} of them refusals with exit 2. "
            f"Slowest: `{slowest.name}` {slowest.seconds:.2f} s; largest: `{largest.name}` "
            f"{largest.mib:.0f} MiB. Flagged above {SLOW:.0f} s or {LARGE} MiB.",
            "",
        ]
    lines += table("Reference", baseline)
    lines += table(
        "Hostile files (`CASES` in tests/test_corpus_hostile.py), as `spbe score FILE`", files
    )
    lines += table("Hostile command lines (from tests/test_cli_hostile.py)", commands)
    failed = [m for m in baseline + every if m.failures]
    if failed:
        lines += ["### Failed checks", ""]
        lines += [f"- `{m.name}`: {'; '.join(m.failures)}" for m in failed]
        lines.append("")
    return "\n".join(lines)


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def update(document: Path, block: str) -> None:
    text = document.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{document}: no {BEGIN} ... {END} markers")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    write_atomically(document, f"{head}{BEGIN}\n{block}\n{END}{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="measure only cases whose name holds this")
    parser.add_argument("--out", type=Path, help="write the tables to this file (atomically)")
    parser.add_argument(
        "--update", type=Path, help="replace the block between the markers of this document"
    )
    args = parser.parse_args(argv)

    def run_all(cases: dict[str, Callable[[Path], Run]]) -> list[Measure]:
        measured = []
        for name in sorted(cases):
            if args.only not in name:
                continue
            measured.append(measure(name, cases[name], args.repeat))
            row = measured[-1]
            print(
                f"{name:55} {row.code:3} {row.seconds:7.2f} s {row.mib:6.0f} MiB"
                f"{'  FAILED' if row.failures else ''}",
                file=sys.stderr,
                flush=True,
            )
        return measured

    baseline = [measure(name, BASELINE[name], args.repeat) for name in BASELINE]
    files = run_all({name: corpus_case(name) for name in CASES})
    commands = run_all(CLI_CASES)
    text = report(baseline, files, commands, args.repeat)
    print(text)
    if args.out:
        write_atomically(args.out, text + "\n")
    if args.update:
        update(args.update, text)
    return 1 if any(m.failures for m in baseline + files + commands) else 0


if __name__ == "__main__":
    sys.exit(main())
