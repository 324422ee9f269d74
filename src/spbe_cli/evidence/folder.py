"""A bounded scan of an evidence folder: names, sizes and a PDF check, nothing more.

The walk uses :func:`os.scandir`, never follows a symbolic link (a link is reported and
skipped) and stops at :data:`MAX_ENTRIES` entries or below :data:`MAX_DEPTH` folders,
saying so. Hidden entries (a leading ``.``), Office lock files (``~$``) and the
``Thumbs.db`` / ``desktop.ini`` files Windows leaves behind are skipped silently.

A file's kind:

- ``not-pdf``: its name does not end in ``.pdf`` (images, Word files): reported, never
  counted as evidence;
- ``empty``: 0 bytes;
- ``broken``: no ``%PDF-`` in the first KiB or no ``%%EOF`` in the last KiB;
- ``unreadable``: it could not be opened or read;
- ``pdf``: a PDF by this check. Only these count as evidence.

At most the first and the last KiB of a ``.pdf`` file are read; nothing else is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from spbe_cli.i18n import printable

MAX_ENTRIES = 100_000
MAX_DEPTH = 12
PROBE_BYTES = 1024

Kind = Literal["pdf", "not-pdf", "empty", "broken", "unreadable"]
_SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
"""Read-only, binary on Windows, and never through a symbolic link."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file: its path relative to the root (``/``-separated), size and kind."""

    path: str
    size: int
    kind: Kind

    @property
    def name(self) -> str:
        """The file name."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def parts(self) -> list[str]:
        """The folders below the root and the file name."""
        return self.path.split("/")

    @property
    def counts(self) -> bool:
        """Whether the file can be evidence (a readable, well-formed PDF)."""
        return self.kind == "pdf"


@dataclass(frozen=True, slots=True)
class FolderScan:
    """What a scan found: files in walk order (sorted per folder), and what it skipped.

    ``capped`` is ``"entries"`` or ``"depth"`` when a bound stopped the walk, else
    ``None``; ``symlinks`` and ``unreadable_dirs`` are relative paths.
    """

    root: str
    files: tuple[FileEntry, ...]
    capped: Literal["entries", "depth"] | None = None
    symlinks: tuple[str, ...] = ()
    unreadable_dirs: tuple[str, ...] = ()
    entries_seen: int = 0
    by_name: dict[str, tuple[FileEntry, ...]] = field(default_factory=dict, compare=False)
    by_path: dict[str, FileEntry] = field(default_factory=dict, compare=False)

    def find(self, name: str) -> tuple[FileEntry, ...]:
        """Files a mapped name refers to: by relative path, else by file name (any case)."""
        key = name.replace("\\", "/").strip("/").casefold()
        exact = self.by_path.get(key)
        if exact is not None:
            return (exact,)
        return self.by_name.get(key.rsplit("/", 1)[-1], ())


def pdf_kind(path: str | os.PathLike[str], size: int) -> Kind:
    """``pdf``, ``empty``, ``broken`` or ``unreadable`` for a ``.pdf`` file of ``size``."""
    if size == 0:
        return "empty"
    try:
        handle = os.open(path, _OPEN_FLAGS)
        try:
            head = os.read(handle, PROBE_BYTES)
            tail = head
            if size > PROBE_BYTES:
                start = max(size - PROBE_BYTES, PROBE_BYTES)
                os.lseek(handle, start, os.SEEK_SET)
                rest = os.read(handle, PROBE_BYTES)
                tail = head[-8:] + rest if start == PROBE_BYTES else rest
        finally:
            os.close(handle)
    except OSError:
        return "unreadable"
    if b"%PDF-" not in head or b"%%EOF" not in tail:
        return "broken"
    return "pdf"


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$")) or name.casefold() in _SKIPPED_NAMES


def scan_folder(
    root: str | Path, *, max_entries: int = MAX_ENTRIES, max_depth: int = MAX_DEPTH
) -> FolderScan:
    """Walk ``root`` within the bounds; raises :class:`NotADirectoryError` or
    :class:`FileNotFoundError` when ``root`` is not a folder."""
    top = os.fspath(root)
    if not os.path.isdir(top):
        if os.path.exists(top):
            raise NotADirectoryError(top)
        raise FileNotFoundError(top)
    files: list[FileEntry] = []
    symlinks: list[str] = []
    unreadable: list[str] = []
    capped: Literal["entries", "depth"] | None = None
    seen = 0
    stack: list[tuple[str, str, int]] = [(top, "", 0)]
    while stack:
        folder, prefix, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            unreadable.append(prefix.rstrip("/") or ".")
            continue
        below: list[tuple[str, str, int]] = []
        for entry in entries:
            if _skipped(entry.name):
                continue
            seen += 1
            if seen > max_entries:
                capped = "entries"
                stack.clear()
                below.clear()
                break
            rel = prefix + printable(entry.name)  # a name that is not UTF-8 shows as \\xNN
            try:
                if entry.is_symlink():
                    symlinks.append(rel)
                elif entry.is_dir(follow_symlinks=False):
                    if depth + 1 > max_depth:
                        capped = capped or "depth"
                    else:
                        below.append((entry.path, rel + "/", depth + 1))
                elif entry.is_file(follow_symlinks=False):
                    size = entry.stat(follow_symlinks=False).st_size
                    if entry.name.casefold().endswith(".pdf"):
                        files.append(FileEntry(rel, size, pdf_kind(entry.path, size)))
                    else:
                        files.append(FileEntry(rel, size, "not-pdf"))
            except OSError:
                files.append(FileEntry(rel, 0, "unreadable"))
        stack.extend(reversed(below))
    by_name: dict[str, list[FileEntry]] = {}
    for item in files:
        by_name.setdefault(item.name.casefold(), []).append(item)
    return FolderScan(
        printable(top),
        tuple(files),
        capped,
        tuple(symlinks),
        tuple(unreadable),
        min(seen, max_entries),
        {k: tuple(v) for k, v in by_name.items()},
        {f.path.casefold(): f for f in files},
    )


def duplicates(scan: FolderScan) -> list[tuple[FileEntry, ...]]:
    """Files sharing a name (any case) in different folders, in walk order."""
    return [group for group in scan.by_name.values() if len(group) > 1]
