"""Data validated from a file, kept on disk, so a command starts without YAML and pydantic.

Loading a framework file means parsing YAML, validating it with pydantic and checking it
completely: about a tenth of a second, most of a one-agency ``spbe score`` (the readers'
header vocabulary likewise needs YAML). What passed is pickled under a name made of the
SHA-256 of its kind, its text, Python's version and the stamps (size, time) of the code that
made it (the files the caller names: the store knows no other module), so any edit to the
file or to that code, and any upgrade (which writes that code anew), misses the store and
the file is loaded and checked again; nothing is ever served for a text it was not made
from. The store is a cache, never a source of truth: an entry that cannot be read or is not
of the kind asked for is ignored, and a store that cannot be written is skipped silently.
Entries are pickles: the folder is the user's own (created private), trusted as their other
files are.

Where: ``$SPBE_CACHE_DIR``, else ``$XDG_CACHE_HOME/spbe-cli``, else ``~/.cache/spbe-cli``
(created private to the user). ``SPBE_NO_CACHE=1`` turns the store off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_FORMAT = 1
"""Bumped when what is stored changes shape."""

KEEP = 64
"""Entries kept per kind: older ones (edited files, other versions) are removed."""


def folder() -> Path | None:
    """Where the store lives, or ``None`` when it is turned off."""
    if os.environ.get("SPBE_NO_CACHE", "").strip() not in ("", "0"):
        return None
    given = os.environ.get("SPBE_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spbe-cli"


def _code_stamp(made_by: Iterable[Path]) -> str:
    """Size and modification time of each file of the code that made an entry."""
    stamps = []
    for path in made_by:
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamps)


def _entry(kind: str, text: str, made_by: Iterable[Path]) -> Path | None:
    where = folder()
    if where is None:
        return None
    digest = hashlib.sha256()
    for part in (str(_FORMAT), sys.version, _code_stamp(made_by), kind, text):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return where / f"{kind}-{digest.hexdigest()[:40]}.pickle"


def get(kind: str, text: str, expected: type[T], made_by: Iterable[Path] = ()) -> T | None:
    """What was kept for ``kind`` (``framework``) made from exactly ``text`` by the code in
    the files ``made_by``, if it is an ``expected``."""
    entry = _entry(kind, text, made_by)
    if entry is None:
        return None
    try:
        with entry.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # a missing, partial or foreign entry is simply a miss
        return None
    return found if isinstance(found, expected) else None


def put(kind: str, text: str, value: object, made_by: Iterable[Path] = ()) -> None:
    """Keep ``value``, made from ``text`` by the code in ``made_by`` (atomically; errors
    are ignored)."""
    entry = _entry(kind, text, made_by)
    if entry is None:
        return
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=f".{kind}-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(entry, kind)
    except (OSError, pickle.PicklingError, RecursionError):
        return


def _prune(written: Path, kind: str) -> None:
    """Keep the :data:`KEEP` newest entries of ``kind``, the one just ``written`` among
    them."""
    others = [p for p in written.parent.glob(f"{kind}-*.pickle") if p != written]
    others.sort(key=lambda p: p.stat().st_mtime_ns)
    for old in others[: max(0, len(others) - (KEEP - 1))]:
        old.unlink(missing_ok=True)
