"""Writing output files atomically, without clobbering an existing file by accident.

A file is first written to a temporary file in the destination's directory, flushed to
disk, then moved into place in one step, so a reader never sees half a workbook and an
interrupted run leaves the old file (or nothing) behind. Without ``force`` an existing
destination is refused; the final step then links the temporary file into place, which
fails if another process created the destination in the meantime.

:func:`same_file` tells whether two paths are one file (the same path, a symbolic link to
it, or a hard link: the same device and inode), so that a caller can refuse an output that
would replace one of its inputs, ``--force`` or not.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


class OutputExistsError(FileExistsError):
    """The destination exists and ``force`` was not given."""

    def __init__(self, path: Path) -> None:
        super().__init__(17, "file exists", str(path))
        self.path = path


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file: equal once resolved (links followed), or, where both
    exist, the same device and inode (a hard link)."""
    try:
        a, b = os.stat(first), os.stat(second)
    except OSError:
        return os.path.realpath(first) == os.path.realpath(second)
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _refuse_existing(path: Path, force: bool) -> None:
    if not force and (path.exists() or path.is_symlink()):
        raise OutputExistsError(path)


def _install(temp: Path, path: Path, force: bool) -> None:
    """Move ``temp`` to ``path``: replace when forced, else link (no overwrite) and unlink."""
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise OutputExistsError(path) from None
    except OSError:
        # Filesystems without hard links: check, then replace (a small race remains).
        _refuse_existing(path, force)
        os.replace(temp, path)
        return
    temp.unlink()


@contextlib.contextmanager
def atomic_path(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """A temporary path next to ``path`` to write to; moved into place on success.

    Raises :class:`OutputExistsError` (before anything is written, and again at the end
    if the file appeared meanwhile) when ``path`` exists and ``force`` is false. On an
    exception the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    _refuse_existing(target, force)
    directory = target.parent if str(target.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())
        _fsync(temp)
        _install(temp, target, force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_path`)."""
    with atomic_path(path, force=force) as temp:
        temp.write_bytes(data)


def atomic_write_text(path: str | Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`atomic_path`); text that
    is not valid Unicode (a file name that is not UTF-8) is written by
    :func:`spbe_cli.i18n.printable`."""
    from spbe_cli.i18n import printable

    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = printable(text).encode("utf-8")
    atomic_write_bytes(path, data, force=force)
