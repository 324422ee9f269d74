"""Checks that run before a spreadsheet library touches an input file.

:func:`check_input` looks at the file itself (its name, its first bytes, a zip's table of
contents) and refuses, with one sentence a person understands, anything that should not
be handed to the parser: missing files, unknown formats, encrypted or renamed workbooks,
damaged files and zip bombs. Nothing is decompressed to decide: only the sizes each zip
entry declares are read, so the check is quick and needs little memory whatever the file.

Limits for zip-based workbooks (``.xlsx``, ``.xlsm``, ``.ods``):

- :data:`MAX_ENTRIES` (10,000) entries in the zip; a workbook has a few dozen.
- :data:`MAX_CENTRAL_DIRECTORY` (16 MiB) for the zip's table of contents, checked from the
  end record before :mod:`zipfile` reads it (this bounds the memory used to list entries).
- :data:`MAX_TOTAL_UNCOMPRESSED` (1 GiB) for all entries together, as declared.
- :data:`MAX_RATIO` (200:1) for any entry declaring more than :data:`RATIO_FROM` (50 MiB).

A genuine 100,000-row sheet with 48 numeric columns unpacks to about 160 MiB of XML
compressed 11:1 to 17:1 (17:1 when every cell holds the same value), well inside these
limits; a zip bomb needs a ratio in the hundreds or thousands. A zip that declares sizes
smaller than its real contents is refused by the parser itself when it reads past them.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Literal

from spbe_cli.bounded import read_head, refuse
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError

Kind = Literal["csv", "xlsx", "xls", "ods"]

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB
MAX_ENTRIES = 10_000
MAX_CENTRAL_DIRECTORY = 16 * MIB
MAX_TOTAL_UNCOMPRESSED = 1 * GIB
MAX_RATIO = 200
RATIO_FROM = 50 * MIB

SUFFIXES: dict[str, Kind] = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".csv": "csv",
}

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_CHUNK = 1 * MIB

NOT_A_WORKBOOK = Text(
    "bukan buku kerja Excel yang dapat dibaca (berkas mungkin rusak atau bukan lembar kerja)",
    "is not a readable Excel workbook (the file may be damaged or not a spreadsheet)",
)
PASSWORD_PROTECTED = Text(
    "dilindungi kata sandi; hapus kata sandinya di Excel lalu simpan lagi",
    "is password-protected; remove the password in Excel and save again",
)
NO_DATA = Text("tidak berisi data", "contains no data")
_LOOKS_LIKE_TEXT = Text(
    "isinya tampak seperti teks (CSV atau halaman web): buka di Excel lalu simpan sebagai "
    ".xlsx, atau ganti akhiran namanya menjadi .csv bila isinya CSV",
    "it looks like text (CSV or a web page): open it in Excel and save it as .xlsx, or "
    "rename it to .csv if it is CSV",
)


def check_input(path: Path, source: str) -> Kind:
    """The kind of ``path`` (csv, xlsx, xls, ods); raise :class:`InputError` if it is unsafe.

    ``source`` is the name shown in messages (the path as the user gave it).
    """
    kind = _kind_from_name(path, source)
    head = _read_head(path, source)  # refuses a pipe, a device or a folder at once
    if kind == "csv":
        return kind
    if not head:
        raise refuse(source, "empty-file", Text("kosong (0 bita)", "is empty (0 bytes)"))
    if head.startswith(OLE2_MAGIC):
        _check_ole2(path, source, kind)
    elif head.startswith(ZIP_MAGICS):
        if kind == "xls":
            raise refuse(
                source,
                "xlsx-renamed",
                Text(
                    "adalah buku kerja .xlsx dengan nama .xls; ganti akhiran namanya menjadi .xlsx",
                    "is an .xlsx workbook with an .xls name; rename it to .xlsx",
                ),
            )
        check_zip(path, source)
    else:
        hint = _LOOKS_LIKE_TEXT if _is_text(head) else None
        raise refuse(source, "not-a-workbook", NOT_A_WORKBOOK, hint)
    return kind


def _kind_from_name(path: Path, source: str) -> Kind:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(SUFFIXES)
        raise refuse(
            source,
            "unsupported-format",
            Text(
                f"bukan format yang didukung; gunakan salah satu dari {supported}",
                f"is not a supported format; use one of {supported}",
            ),
        )
    return kind


def _read_head(path: Path, source: str) -> bytes:
    """The first bytes of the file (a regular file only: a named pipe never blocks)."""
    return read_head(path, source, 512)


def _is_text(head: bytes) -> bool:
    """Whether the first bytes look like text (CSV, HTML) rather than binary data."""
    sample = head[:512]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(sample) - 3
    return True


def _check_ole2(path: Path, source: str, kind: Kind) -> None:
    """OLE2 holds old .xls files and encrypted .xlsx files (an ``EncryptedPackage``)."""
    if contains(path, ENCRYPTED_PACKAGE):
        raise refuse(source, "password-protected", PASSWORD_PROTECTED)
    if kind == "xlsx":
        suffix = path.suffix.lower()
        raise refuse(
            source,
            "xls-renamed",
            Text(
                f"adalah berkas Excel 97-2003 (.xls) lama dengan nama {suffix}; ganti akhiran "
                "namanya menjadi .xls atau simpan sebagai .xlsx",
                f"is an old Excel 97-2003 (.xls) file with an {suffix} name; rename it to .xls "
                "or save it as .xlsx",
            ),
        )
    if kind == "ods":
        raise refuse(source, "not-a-workbook", NOT_A_WORKBOOK)


def contains(path: Path, needle: bytes) -> bool:
    """Whether the raw bytes of ``path`` contain ``needle`` (read in chunks)."""
    overlap = len(needle) - 1
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if needle in window:
                return True
            tail = window[-overlap:]
    return False


# -- zip archives ---------------------------------------------------------------------------


def check_zip(path: Path, source: str) -> None:
    """Refuse a zip that is damaged, or would unpack to too much (a zip bomb).

    Reads only the end record and the table of contents; decompresses nothing.
    """
    entries, directory_size = _end_record(path, source)
    if entries > MAX_ENTRIES or directory_size > MAX_CENTRAL_DIRECTORY:
        raise _too_many_entries(source, entries)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise refuse(source, "not-a-workbook", NOT_A_WORKBOOK) from None
    if not infos:
        raise refuse(source, "not-a-workbook", NOT_A_WORKBOOK)
    if len(infos) > MAX_ENTRIES:
        raise _too_many_entries(source, len(infos))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise refuse(
                source,
                "zip-bomb",
                Text(
                    f"ditolak karena satu bagiannya terkompresi {ratio:,.0f}:1 menjadi "
                    f"{_size(info.file_size)} saat dibuka, ciri bom zip (batas {MAX_RATIO}:1)",
                    f"is refused because one part of it is compressed {ratio:,.0f}:1 and would "
                    f"unpack to {_size(info.file_size)}, as a zip bomb does "
                    f"(limit {MAX_RATIO}:1)",
                ),
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise refuse(
            source,
            "zip-bomb",
            Text(
                f"ditolak karena akan membesar menjadi {_size(total)} saat dibuka (batas "
                f"{_size(MAX_TOTAL_UNCOMPRESSED)}); mungkin bom zip",
                f"is refused because it would unpack to {_size(total)} (limit "
                f"{_size(MAX_TOTAL_UNCOMPRESSED)}); it may be a zip bomb",
            ),
        )


def _too_many_entries(source: str, entries: int) -> InputError:
    return refuse(
        source,
        "zip-bomb",
        Text(
            f"ditolak karena berisi terlalu banyak bagian ({entries:,}; batas {MAX_ENTRIES:,})",
            f"is refused because it holds too many parts ({entries:,}; limit {MAX_ENTRIES:,})",
        ),
    )


def _end_record(path: Path, source: str) -> tuple[int, int]:
    """Entry count and table-of-contents size from the zip's end record (zip64 aware)."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        start = max(0, size - (22 + 0xFFFF))
        stream.seek(start)
        tail = stream.read()
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            raise refuse(source, "not-a-workbook", NOT_A_WORKBOOK)
        _, _, _, _, entries, directory_size, _, _ = struct.unpack("<4s4H2LH", tail[at : at + 22])
        if entries != 0xFFFF and directory_size != 0xFFFFFFFF:
            return entries, directory_size
        return _zip64_end_record(stream, tail, at, source)


def _zip64_end_record(stream: BinaryIO, tail: bytes, at: int, source: str) -> tuple[int, int]:
    locator = tail[at - 20 : at]
    if len(locator) != 20 or not locator.startswith(_EOCD64_LOCATOR):
        raise refuse(source, "not-a-workbook", NOT_A_WORKBOOK)
    (offset,) = struct.unpack("<Q", locator[8:16])
    stream.seek(offset)
    record = stream.read(56)
    if len(record) != 56 or not record.startswith(_EOCD64):
        raise refuse(source, "not-a-workbook", NOT_A_WORKBOOK)
    entries, directory_size = struct.unpack("<QQ", record[32:48])
    return int(entries), int(directory_size)


def _size(count: int) -> str:
    if count >= GIB:
        return f"{count / GIB:,.1f} GiB"
    return f"{count / MIB:,.0f} MiB"


# -- the parser's own errors ------------------------------------------------------------------


@contextmanager
def parser_errors(source: str) -> Iterator[None]:
    """Turn any exception of the spreadsheet parser (python-calamine) into InputError."""
    try:
        yield
    except InputError:
        raise
    except Exception as error:
        raise _mapped(source, error) from None
    except BaseException as error:
        # A panic in the Rust parser arrives as pyo3's PanicException (a BaseException).
        if type(error).__name__ != "PanicException":
            raise
        raise _mapped(source, error) from None


def _mapped(source: str, error: BaseException) -> InputError:
    if type(error).__name__ == "PasswordError" or "password" in str(error).lower():
        return refuse(source, "password-protected", PASSWORD_PROTECTED)
    return refuse(source, "not-a-workbook", NOT_A_WORKBOOK)


def no_data(source: str) -> InputError:
    """The error for a workbook without sheets or with only empty sheets."""
    return refuse(source, "no-data", NO_DATA)
