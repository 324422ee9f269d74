"""Problems found in input files: one list, every problem with its place.

Readers and validators collect :class:`Problem` objects instead of stopping at the first,
then raise one :class:`InputError` holding all of them. The CLI prints each as
``place: message`` and exits with status 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spbe_cli.i18n import Lang, Text

ECHO_LIMIT = 32
"""The most characters of a user's text a message repeats (see :func:`echo`)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, e.g. ``Penilaian!C14: level 7 is outside 1-5``.

    ``code`` is a stable machine-readable kind (``level-out-of-scale``), ``place`` says
    where (``file``, ``Sheet!C14``, or a path in a framework file), ``text`` what is wrong,
    ``hint`` (optional) how to fix it.
    """

    code: str
    place: str
    text: Text
    hint: Text | None = None

    def render(self, lang: Lang) -> str:
        """``place: message`` in ``lang``, with the hint after a dash when there is one."""
        line = f"{self.place}: {self.text.get(lang)}" if self.place else self.text.get(lang)
        if self.hint is not None:
            line += f" ({self.hint.get(lang)})"
        return line

    def to_dict(self, lang: Lang) -> dict[str, str]:
        """A JSON-ready form: code, place, message (and hint)."""
        data = {"code": self.code, "place": self.place, "message": self.text.get(lang)}
        if self.hint is not None:
            data["hint"] = self.hint.get(lang)
        return data


@dataclass
class InputError(Exception):
    """Raised with every problem found in one input (a workbook, CSV or framework file)."""

    source: str
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.source)

    def __str__(self) -> str:
        lines = [p.render("en") for p in self.problems]
        return f"{self.source}: " + "; ".join(lines)


def echo(text: str, limit: int = ECHO_LIMIT) -> Text:
    """``text`` quoted for a message, cut to ``limit`` characters (``'99999…' (401
    characters)``) so that a huge option or cell never floods the terminal."""
    if len(text) <= limit:
        return Text(repr(text), repr(text))
    cut = f"{text[:limit]!r}…"
    return Text(f"{cut} ({len(text):,} karakter)", f"{cut} ({len(text):,} characters)")
