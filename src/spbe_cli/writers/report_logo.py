"""The report's logo: a PNG or JPEG file, checked and measured without an image library.

:func:`read_logo` refuses anything that is not a PNG or JPEG by its content (not its
name), or is larger than :data:`MAX_LOGO_BYTES`, with a :class:`LogoError` in both
languages. The pixel size is read from the file's header (PNG ``IHDR``, JPEG ``SOFn``),
so the HTML can give the image its proportions and Excel can size the picture.
"""

from __future__ import annotations

import struct
from pathlib import Path

from spbe_cli.bounded import read_regular
from spbe_cli.i18n import Text
from spbe_cli.problems import InputError
from spbe_cli.writers.report_document import Logo

MAX_LOGO_BYTES = 2 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class LogoError(ValueError):
    """A logo file that cannot be used; ``text`` says why in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def read_logo(path: str | Path) -> Logo:
    """The logo at ``path`` (a regular file of at most :data:`MAX_LOGO_BYTES`, read by
    :func:`spbe_cli.bounded.read_regular`); raises :class:`LogoError` when it cannot be used."""
    source = f"--logo {path}"
    try:
        data = read_regular(path, source, MAX_LOGO_BYTES)
    except InputError as error:
        problem = error.problems[0]
        raise LogoError(Text(problem.render("id"), problem.render("en"))) from None
    return logo_of(data, str(path))


def logo_of(data: bytes, name: str = "logo") -> Logo:
    """A logo from bytes: PNG or JPEG with a readable size, else :class:`LogoError`."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(
            Text(
                f"--logo {name}: berkas terlalu besar (paling besar 2 MiB)",
                f"--logo {name}: file too large (at most 2 MiB)",
            )
        )
    found = _png_size(data) if data.startswith(PNG_SIGNATURE) else None
    kind = "png"
    if found is None and data.startswith(b"\xff\xd8"):
        found, kind = _jpeg_size(data), "jpeg"
    if found is None or min(found) < 1:
        raise LogoError(
            Text(
                f"--logo {name}: bukan gambar PNG atau JPEG yang dapat dibaca",
                f"--logo {name}: not a readable PNG or JPEG image",
            )
        )
    return Logo(data, kind, found[0], found[1])


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _SOF:
            if position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return int(width), int(height)
        position += 2 + length
    return None
