"""The one reader for every file the tool reads whole or in part by itself: input CSV files,
a workbook's first bytes, framework and cases YAML, ``--effort`` and ``--logo``.

- **Regular files only.** The file is opened without blocking (``O_NONBLOCK``, so a named
  pipe with no writer cannot hang the open) and checked with ``fstat`` on the open
  descriptor: a named pipe, a device (``/dev/zero``), a socket or a folder is refused at
  once, by name, before a byte is read. A symbolic link to a regular file is followed.
- **At most ``limit + 1`` bytes are read**, in chunks; one byte more than the limit means
  the file is too large, and it is refused naming the limit. Memory is bounded by the
  limit, time by the limit and the disk.

Every refusal is an :class:`~spbe_cli.problems.InputError` placed at ``source`` (the name
the user gave, such as ``--logo logo.png``), in both languages.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from spbe_cli.i18n import Text
from spbe_cli.problems import InputError, Problem

KIB = 1024
MIB = 1024 * KIB
CHUNK = 1 * MIB

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)

_KINDS = (
    (stat.S_ISFIFO, Text("pipa bernama (named pipe)", "a named pipe")),
    (stat.S_ISCHR, Text("perangkat", "a device")),
    (stat.S_ISBLK, Text("perangkat", "a device")),
    (stat.S_ISSOCK, Text("soket", "a socket")),
)


def refuse(source: str, code: str, text: Text, hint: Text | None = None) -> InputError:
    """An :class:`InputError` with one problem placed at the file itself."""
    return InputError(source, [Problem(code, source, text, hint)])


def size_text(count: int) -> str:
    """A byte count as people read a limit: ``2 MiB``, ``64 KiB``, ``512 B``."""
    if count >= MIB and count % MIB == 0:
        return f"{count // MIB} MiB"
    if count >= KIB and count % KIB == 0:
        return f"{count // KIB} KiB"
    return f"{count} B"


def open_regular(path: str | Path, source: str) -> int:
    """A descriptor of ``path`` opened for reading, after checking it is a regular file;
    :class:`InputError` (missing, a folder, a pipe or device, not permitted) otherwise."""
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise refuse(
            source,
            "file-not-found",
            Text(
                "tidak ditemukan; periksa nama dan folder berkas",
                "was not found; check the file name and folder",
            ),
        ) from None
    except IsADirectoryError:
        raise _folder(source) from None
    except PermissionError:
        raise refuse(
            source,
            "unreadable",
            Text("tidak boleh dibaca (izin ditolak)", "cannot be read (permission denied)"),
        ) from None
    except OSError as error:  # a socket cannot be opened at all (ENXIO): say what it is
        try:
            mode = os.stat(path).st_mode
        except OSError:
            raise unreadable(source, error) from None
        raise (
            _not_regular(source, mode) if not stat.S_ISREG(mode) else unreadable(source, error)
        ) from None
    try:
        mode = os.fstat(handle).st_mode
    except OSError as error:
        os.close(handle)
        raise unreadable(source, error) from None
    if stat.S_ISREG(mode):
        return handle
    os.close(handle)
    raise _not_regular(source, mode)


def _not_regular(source: str, mode: int) -> InputError:
    if stat.S_ISDIR(mode):
        return _folder(source)
    kind = next((k for test, k in _KINDS if test(mode)), Text("bukan berkas", "not a file"))
    return refuse(
        source,
        "not-a-regular-file",
        Text(
            f"bukan berkas biasa melainkan {kind.id}; berikan berkas yang tersimpan di disk",
            f"is not a regular file but {kind.en}; give a file stored on disk",
        ),
    )


def read_head(path: str | Path, source: str, size: int) -> bytes:
    """The first ``size`` bytes of a regular file (fewer when it is shorter)."""
    handle = open_regular(path, source)
    try:
        return _read(handle, size, source)
    finally:
        os.close(handle)


def read_regular(
    path: str | Path,
    source: str,
    limit: int,
    too_large: Text | None = None,
    code: str = "file-too-large",
) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes; :class:`InputError` for
    anything else. ``too_large`` replaces the sentence refusing a larger file.

    A file whose size is already over the limit is refused before a byte is read (reading
    a 64 MiB CSV only to refuse it cost 165 MiB); one that grows while it is read is still
    stopped at ``limit + 1`` bytes."""
    handle = open_regular(path, source)
    try:
        try:
            over = os.fstat(handle).st_size > limit
        except OSError as error:
            raise unreadable(source, error) from None
        data = b"" if over else _read(handle, limit + 1, source)
    finally:
        os.close(handle)
    if over or len(data) > limit:
        raise refuse(
            source,
            code,
            too_large
            or Text(
                f"lebih besar dari batas {size_text(limit)} untuk berkas ini",
                f"is larger than the limit of {size_text(limit)} for this file",
            ),
        )
    return data


def _read(handle: int, most: int, source: str) -> bytes:
    chunks: list[bytes] = []
    left = most
    try:
        while left > 0:
            chunk = os.read(handle, min(left, CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise unreadable(source, error) from None
    return b"".join(chunks)


def _folder(source: str) -> InputError:
    return refuse(
        source, "is-a-directory", Text("adalah folder, bukan berkas", "is a folder, not a file")
    )


def unreadable(source: str, error: OSError) -> InputError:
    """The problem for a file the operating system would not let us read."""
    reason = error.strerror or type(error).__name__
    return refuse(
        source, "unreadable", Text(f"tidak dapat dibaca ({reason})", f"cannot be read ({reason})")
    )
