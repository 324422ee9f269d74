"""The header words offices use, matched by their words (the data: ``vocabulary.yaml``).

:func:`classify` tells what a header cell names: a role (``indicator``, ``opd``, ...) or a
score track (``mandiri``, ``verifikasi``, ``akhir``, ``target``; a plain value column is the
track ``nilai``). Case, punctuation, underscores and bracketed text do not matter, and extra
words are allowed: the longest phrase all of whose words the header holds wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spbe_cli import store

GENERIC_TRACK = "nilai"
"""The track of a value column whose header names no track (``Nilai``, ``Level``)."""

TRACK_ALIASES = {"asesor": "akhir", "final": "akhir", "self": "mandiri", "value": GENERIC_TRACK}
"""Other names ``--track`` accepts."""

_BRACKETS = re.compile(r"[\(\[\{][^\)\]\}]*[\)\]\}]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def words(value: Any) -> tuple[str, ...]:
    """A header cell as its words: ``' Nilai_Akhir (1-5):'`` -> ``('nilai', 'akhir')``."""
    if not isinstance(value, str):
        return ()
    text = _BRACKETS.sub(" ", value.lower())
    return tuple(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Phrases by role, by track, and the default order of tracks."""

    roles: dict[str, tuple[tuple[str, ...], ...]]
    tracks: dict[str, tuple[tuple[str, ...], ...]]
    order: tuple[str, ...]
    labels: dict[str, tuple[tuple[str, ...], ...]]

    @property
    def track_names(self) -> tuple[str, ...]:
        """Every track name: the explicit ones, then the generic ``nilai``."""
        return (*self.tracks, GENERIC_TRACK)


def _phrases(items: list[Any]) -> tuple[tuple[str, ...], ...]:
    if not all(isinstance(item, str) for item in items):
        # YAML reads a bare no/yes/on/off as true/false: such a phrase must be quoted.
        raise ValueError(f"vocabulary.yaml: quote every phrase ({items!r})")
    return tuple(words(item) for item in items)


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped beside this module (from :mod:`spbe_cli.store` once read)."""
    text = (resources.files("spbe_cli.readers") / "vocabulary.yaml").read_text("utf-8")
    found = store.get("vocabulary", text, Vocabulary, (Path(__file__),))
    if found is None:
        found = _parse(text)
        store.put("vocabulary", text, found, (Path(__file__),))
    return found


def _parse(text: str) -> Vocabulary:
    import yaml

    data = yaml.safe_load(text)
    return Vocabulary(
        roles={role: _phrases(items) for role, items in data["roles"].items()},
        tracks={name: _phrases(items) for name, items in data["tracks"]["words"].items()},
        order=tuple(data["tracks"]["order"]),
        labels={role: _phrases(items) for role, items in data["labels"].items()},
    )


def _best(
    header: tuple[str, ...], table: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[str | None, int]:
    """The entry whose longest phrase the header holds, and that phrase's length; ``None``
    when nothing matches or two entries match equally well."""
    present = set(header)
    best: str | None = None
    length = 0
    tie = False
    for name, phrases in table.items():
        for phrase in phrases:
            if len(phrase) >= length and set(phrase) <= present:
                if len(phrase) == length and name != best:
                    tie = True
                elif len(phrase) > length:
                    best, length, tie = name, len(phrase), False
    return (None, length) if tie else (best, length)


@dataclass(frozen=True, slots=True)
class HeaderKind:
    """What a header cell names: a ``role`` (``value`` with a ``track``), or nothing."""

    role: str | None
    track: str | None = None
    strong: bool = False


NOTHING = HeaderKind(None)


def classify(value: Any) -> HeaderKind:
    """What the header cell ``value`` names (see the module doc)."""
    header = words(value)
    if not header:
        return NOTHING
    vocab = vocabulary()
    role, _ = _best(header, vocab.roles)
    track, _ = _best(header, vocab.tracks)
    if track is not None and role in (None, "value", "indicator"):
        return HeaderKind("value", track)
    if role == "value":
        return HeaderKind("value", GENERIC_TRACK)
    if role == "indicator":
        strong = bool({"indikator", "indicator", "kode"} & set(header))
        return HeaderKind("indicator", strong=strong)
    return HeaderKind(role) if role is not None else NOTHING


def label_role(value: Any) -> str | None:
    """The identity a title-row label names (``Instansi:`` -> ``agency``), if any."""
    header = words(value)
    if not header:
        return None
    vocab = vocabulary()
    for role, phrases in vocab.labels.items():
        if header in phrases:
            return role
    return None


def track_name(text: str) -> str | None:
    """The track a ``--track`` value or a ``Jenis`` cell names (``Asesor`` -> ``akhir``)."""
    vocab = vocabulary()
    key = " ".join(words(text))
    if key in vocab.track_names:
        return key
    if key in TRACK_ALIASES:
        return TRACK_ALIASES[key]
    track, _ = _best(words(text), vocab.tracks)
    return track
