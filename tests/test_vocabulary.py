"""The header vocabulary (``readers/vocabulary.yaml``): every phrase reaches its own role or
track, none is claimed twice, and the headers issue #9 lists map where it says."""

from __future__ import annotations

import pytest

from spbe_cli.readers.vocabulary import (
    GENERIC_TRACK,
    HeaderKind,
    classify,
    label_role,
    track_name,
    vocabulary,
    words,
)

VOCAB = vocabulary()
ROLE_PHRASES = [(role, " ".join(p)) for role, phrases in VOCAB.roles.items() for p in phrases]
TRACK_PHRASES = [(track, " ".join(p)) for track, phrases in VOCAB.tracks.items() for p in phrases]
LABEL_PHRASES = [(role, " ".join(p)) for role, phrases in VOCAB.labels.items() for p in phrases]


def expected_kind(role: str) -> tuple[str | None, str | None]:
    """(role, track) that ``classify`` gives for a phrase of ``role``."""
    if role == "value":
        return "value", GENERIC_TRACK
    return role, None


def test_no_phrase_is_claimed_twice() -> None:
    owners: dict[tuple[str, ...], list[str]] = {}
    for role, phrases in VOCAB.roles.items():
        for phrase in phrases:
            owners.setdefault(phrase, []).append(f"role {role}")
    for track, phrases in VOCAB.tracks.items():
        for phrase in phrases:
            owners.setdefault(phrase, []).append(f"track {track}")
    twice = {" ".join(p): who for p, who in owners.items() if len(who) > 1}
    assert twice == {}


def test_every_phrase_is_a_real_string() -> None:
    # YAML reads a bare `no` as False; the loader refuses that, so every phrase has words.
    for _, phrase in [*ROLE_PHRASES, *TRACK_PHRASES, *LABEL_PHRASES]:
        assert phrase and phrase == phrase.lower()
    assert ("no",) in VOCAB.roles["indicator"]


@pytest.mark.parametrize(("role", "phrase"), ROLE_PHRASES)
def test_every_role_phrase_reaches_its_role(role: str, phrase: str) -> None:
    kind = classify(phrase)
    assert (kind.role, kind.track) == expected_kind(role)


@pytest.mark.parametrize(("track", "phrase"), TRACK_PHRASES)
def test_every_track_phrase_reaches_its_track(track: str, phrase: str) -> None:
    assert classify(phrase) == HeaderKind("value", track)
    assert track_name(phrase) == track


@pytest.mark.parametrize(("role", "phrase"), LABEL_PHRASES)
def test_every_label_phrase_is_a_label(role: str, phrase: str) -> None:
    assert label_role(phrase.title() + ":") == role


def test_track_order_is_the_issues() -> None:
    assert VOCAB.order == ("akhir", "nilai", "verifikasi", "mandiri")
    assert set(VOCAB.track_names) == {"mandiri", "verifikasi", "akhir", "target", "nilai"}


ISSUE_HEADERS = {
    "Nilai Mandiri": "mandiri",
    "Penilaian Mandiri": "mandiri",
    "Nilai Verifikasi": "verifikasi",
    "Nilai Asesor Internal": "verifikasi",
    "Nilai Asesor": "akhir",
    "Nilai Akhir": "akhir",
    "Nilai": "nilai",
    "Nilai Kematangan": "nilai",
    "Level": "nilai",
    "Skor": "nilai",
    "Tingkat Kematangan": "nilai",
    "Target": "target",
}


@pytest.mark.parametrize(("header", "track"), ISSUE_HEADERS.items())
@pytest.mark.parametrize(
    "dress",
    [
        lambda h: h,
        str.upper,
        str.lower,
        lambda h: h.replace(" ", "_"),
        lambda h: f" {h} (1-5):",
        lambda h: f"{h} [wajib]",
        lambda h: h.replace(" ", "\n"),
        lambda h: h.replace(" ", "\u00a0") + "*",
        lambda h: h.replace(" ", " - "),
    ],
    ids=[
        "as-is",
        "upper",
        "lower",
        "underscores",
        "bracket-colon",
        "square",
        "wrapped",
        "nbsp-star",
        "dashes",
    ],
)
def test_issue_headers_map_to_their_track(header: str, track: str, dress: object) -> None:
    assert callable(dress)
    assert classify(dress(header)) == HeaderKind("value", track)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("No", "indicator"),
        ("No.", "indicator"),
        ("Kode Indikator", "indicator"),
        ("Indikator", "indicator"),
        ("Nomor Urut", "indicator"),
        ("Instansi", "agency"),
        ("Nama Pemda", "agency"),
        ("Tahun", "year"),
        ("Kerangka", "framework"),
        ("Track", "track"),
        ("Jenis", "track"),
        ("Jenis Nilai", "track"),
        ("Catatan Asesor", "note"),
        ("Keterangan Verifikator", "note"),
        ("Bukti Dukung Mandiri", "evidence"),
        ("OPD Penanggung Jawab", "opd"),
        ("Nama Indikator", "name"),
        ("Bobot (%)", "weight"),
    ],
)
def test_other_headers_take_their_role(header: str, role: str) -> None:
    assert classify(header).role == role


def test_a_running_no_is_weak_and_indikator_is_strong() -> None:
    assert not classify("No").strong
    assert not classify("Nomor Urut").strong
    assert classify("Indikator").strong
    assert classify("Kode").strong


def test_words_ignore_case_punctuation_and_brackets() -> None:
    assert words(" Nilai_Akhir (1-5):") == ("nilai", "akhir")
    assert words(3) == ()
    assert classify("") == HeaderKind(None)
    assert classify("Keterangan lain (bebas)") == HeaderKind("note")


@pytest.mark.parametrize(
    ("text", "track"),
    [
        ("asesor", "akhir"),
        ("final", "akhir"),
        ("self", "mandiri"),
        ("value", "nilai"),
        ("Nilai Akhir", "akhir"),
        ("VERIFIKASI", "verifikasi"),
        ("target", "target"),
        ("sementara", None),
    ],
)
def test_track_names_for_the_option_and_jenis_cells(text: str, track: str | None) -> None:
    assert track_name(text) == track
