"""Planner benchmark: a 47-indicator workbook planned to 2.6 and to 4.2, with efforts.

Times, best of ``--repeat``:

* ``library``  :func:`spbe_cli.planner.plan` on the scored assessment (in process);
* ``cli``      ``spbe plan FILE --target T --format json`` as a fresh process (read, score,
  plan, print), beside ``spbe --version`` for the start-up alone.

The workbook has every indicator at level 1 (the largest search: 4 steps each) and an
effort column of 1/3 .. 7/3 per step, so the effort scaling is exercised too.

    python benchmarks/bench_plan.py
    python benchmarks/bench_plan.py --repeat 10 --spbe "spbe"
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

TARGETS = ("2.6", "4.2")


def effort_of(position: int) -> Fraction:
    """A spread of efforts per level step: 1/3 .. 7/3."""
    return Fraction(position % 7 + 1, 3)


def write_workbook(path: Path) -> None:
    """A long-layout workbook: ``No | Nilai | OPD | Effort``, every level 1."""
    import openpyxl

    from spbe_cli.framework import load_framework

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Instansi", "Kota Contoh"])
    sheet.append(["Tahun", 2024])
    sheet.append(["No", "Nilai", "OPD", "Effort"])
    for position, indicator in enumerate(load_framework().indicators):
        effort = effort_of(position)
        sheet.append([int(indicator.id), 1, f"OPD {position % 5 + 1}", f"{effort}"])
    book.save(path)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def library_time(target: str, repeat: int) -> tuple[float, str]:
    """Seconds for one ``plan`` call and a one-line summary of the plan."""
    from spbe_cli.assessment import Assessment
    from spbe_cli.engine import score
    from spbe_cli.framework import load_framework
    from spbe_cli.planner import plan

    fw = load_framework()
    efforts = {i.id: effort_of(n) for n, i in enumerate(fw.indicators)}
    result = score(Assessment(levels={i.id: 1 for i in fw.indicators}, effort=efforts), fw)
    goal = Fraction(target)
    made = plan(result, goal)
    summary = (
        f"{result.published} -> {made.after.published}, {len(made.steps)} raises, "
        f"{made.level_steps} level steps, effort {made.total_effort}"
    )
    return best_of(repeat, lambda: plan(result, goal)), summary


def cli_time(command: Sequence[str], repeat: int) -> float:
    """Seconds for a fresh process running ``command`` (which must succeed)."""

    def run() -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return best_of(repeat, run)


def main(argv: Sequence[str] | None = None) -> None:
    """Write the workbook, time the library and the CLI, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (best is shown)")
    parser.add_argument(
        "--spbe",
        default=f"{shlex.quote(sys.executable)} -m spbe_cli",
        help="how to run spbe (default: this Python, -m spbe_cli)",
    )
    args = parser.parse_args(argv)
    spbe = shlex.split(args.spbe)
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "plan-47.xlsx"
        write_workbook(workbook)
        startup = cli_time([*spbe, "--version"], args.repeat)
        print(f"{'target':>6}  {'library':>9}  {'cli':>9}  plan")
        for target in TARGETS:
            library, summary = library_time(target, args.repeat)
            command = [*spbe, "plan", str(workbook), "--target", target, "--format", "json"]
            cli = cli_time(command, args.repeat)
            print(f"{target:>6}  {library * 1000:7.1f}ms  {cli * 1000:7.1f}ms  {summary}")
        print(f"start-up (spbe --version): {startup * 1000:.1f}ms")


if __name__ == "__main__":
    main()
