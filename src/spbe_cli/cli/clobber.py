"""No output is ever one of the inputs: a report written over its workbook, a template over
its framework file, or data on stdout appended to (or truncating) the file being read.

:func:`refuse_clobber` compares an output (a path, or stdout when it is a regular file)
with every input path by :func:`spbe_cli.writers.atomic.same_file` (resolved paths, links
and hard links) and ends the command with status 2 naming both, ``--force`` or not.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from spbe_cli.i18n import Lang, Text

STDOUT = "-"
"""The output name meaning standard output."""


def clobbered(output: str | Path, inputs: Iterable[str | Path | None]) -> str | None:
    """The first input that ``output`` (a path, or :data:`STDOUT`) is the same file as."""
    from spbe_cli.writers.atomic import same_file

    if str(output) == STDOUT:
        try:
            out = os.fstat(sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            return None
        if not stat.S_ISREG(out.st_mode):
            return None
        for item in inputs:
            if item is None or str(item) == STDOUT:
                continue
            try:
                found = os.stat(item)
            except OSError:
                continue
            if (found.st_dev, found.st_ino) == (out.st_dev, out.st_ino):
                return str(item)
        return None
    for item in inputs:
        if item is not None and str(item) != STDOUT and same_file(output, item):
            return str(item)
    return None


def refuse_clobber(output: str | Path, inputs: Iterable[str | Path | None], lang: Lang) -> None:
    """End the command (status 2) when ``output`` is the same file as one of ``inputs``."""
    found = clobbered(output, inputs)
    if found is None:
        return
    from spbe_cli.cli.output import fail_usage

    if str(output) == STDOUT:
        fail_usage(
            Text(
                f"keluaran standar (stdout) diarahkan ke berkas masukan {found}; berkas itu tidak "
                "akan ditimpa: arahkan keluaran ke berkas lain",
                f"standard output is redirected to the input file {found}; it will not be "
                "overwritten: redirect the output to another file",
            ),
            lang,
        )
    fail_usage(
        Text(
            f"keluaran {output} adalah berkas yang sama dengan masukan {found} (juga dengan "
            "--force): tulis keluaran ke berkas lain",
            f"the output {output} is the same file as the input {found} (--force or not): "
            "write the output to another file",
        ),
        lang,
    )
