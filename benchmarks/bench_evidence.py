"""Evidence-folder benchmark: 10,000 files, scanned and checked, beside a bare os.walk.

Builds a temporary folder of ``--files`` small PDFs (default 10,000: 47 ``Indikator NN``
folders with ``Level L`` subfolders, names as offices write them; one file in 50 empty,
one in 50 a ``.jpg``) and times, best of ``--repeat`` runs in this process:

* ``os.walk``  a bare walk listing every file name (the floor);
* ``walk+read`` the walk opening every file for its first KiB (the I/O the PDF check
  needs, without any of the work);
* ``scan``     :func:`spbe_cli.evidence.scan_folder` (names, sizes, head/tail PDF check);
* ``check``    :func:`spbe_cli.evidence.check_assessment` on the scan (names parsed,
  evidence matched, both indices scored);

each shown with its ratio to ``os.walk``. Target: scan + check of 10,000 files well
under a second.

    python benchmarks/bench_evidence.py
    python benchmarks/bench_evidence.py --files 50000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from spbe_cli.assessment import Assessment
from spbe_cli.evidence import FolderScan, check_assessment, scan_folder
from spbe_cli.framework import load_framework

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def build(root: Path, count: int) -> None:
    """``count`` files spread over indicator and level folders."""
    for n in range(count):
        indicator = n % 47 + 1
        level = (n // 47) % 5 + 1
        folder = root / f"Indikator {indicator:02d}" / f"Level {level}"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 50 == 7:
            (folder / f"foto-{n}.jpg").write_bytes(b"\xff\xd8\xff")
        elif n % 50 == 13:
            (folder / f"I{indicator}_L{level}_{n}.pdf").write_bytes(b"")
        else:
            (folder / f"I{indicator}_L{level}_dokumen-{n}.pdf").write_bytes(PDF)


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    framework = load_framework("permenpanrb-59-2020")
    claims = {i.id: 3 + (n % 3) for n, i in enumerate(framework.indicators)}
    assessment = Assessment(levels=dict(claims))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build(root, args.files)

        def walk() -> int:
            return sum(len(files) for _, _, files in os.walk(root))

        def walk_read() -> int:
            read = 0
            for top, _, files in os.walk(root):
                for name in files:
                    with open(os.path.join(top, name), "rb") as stream:
                        read += len(stream.read(1024))
            return read

        scans: list[FolderScan] = []

        def scan() -> None:
            scans.append(scan_folder(root))

        walk()  # warm the cache for every contender alike
        floor = best(walk, args.repeat)
        reading = best(walk_read, args.repeat)
        scanned = best(scan, args.repeat)
        checked = best(lambda: check_assessment(assessment, framework, scan=scans[-1]), args.repeat)
        report = check_assessment(assessment, framework, scan=scans[-1])
    print(f"{args.files:,} files, best of {args.repeat}")
    print(f"  os.walk  {floor:8.4f} s")
    print(f"  walk+read{reading:8.4f} s  {reading / floor:6.1f}x  (opens every file)")
    print(f"  scan     {scanned:8.4f} s  {scanned / floor:6.1f}x")
    print(f"  check    {checked:8.4f} s  {checked / floor:6.1f}x")
    print(f"  total    {scanned + checked:8.4f} s  {(scanned + checked) / floor:6.1f}x")
    print(
        f"  {report.scan.valid_pdfs if report.scan else 0:,} valid PDFs, "
        f"{len(report.findings):,} findings, risk {float(report.risk):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
