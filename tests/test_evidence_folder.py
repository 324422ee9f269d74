"""The bounded folder scan: kinds, the PDF check, links, caps, skipped files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evidence_files import build_folder, pdf_bytes, symlink, write
from spbe_cli.evidence.folder import PROBE_BYTES, duplicates, pdf_kind, scan_folder


def test_kinds(tmp_path: Path) -> None:
    root = build_folder(
        tmp_path / "bukti",
        {
            "I1_L1_ok.pdf": "pdf",
            "I1_L2_kosong.pdf": "empty",
            "I1_L3_rusak.pdf": "broken",
            "I2_L1_foto.jpg": "image",
            "I2_L1_notulen.docx": "text",
            "sub/I3_L1.PDF": "pdf",
        },
    )
    scan = scan_folder(root)
    kinds = {f.path: f.kind for f in scan.files}
    assert kinds == {
        "I1_L1_ok.pdf": "pdf",
        "I1_L2_kosong.pdf": "empty",
        "I1_L3_rusak.pdf": "broken",
        "I2_L1_foto.jpg": "not-pdf",
        "I2_L1_notulen.docx": "not-pdf",
        "sub/I3_L1.PDF": "pdf",
    }
    sizes = {f.path: f.size for f in scan.files}
    assert sizes["I1_L1_ok.pdf"] == len(pdf_bytes("I1_L1_ok.pdf"))
    assert sizes["I1_L2_kosong.pdf"] == 0
    assert scan.capped is None


def test_pdf_check_reads_head_and_tail_only(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    body = pdf_bytes()
    # %%EOF in the middle but not in the last KiB: broken
    big.write_bytes(body + b"%" * (3 * PROBE_BYTES) + b"trailing garbage")
    assert pdf_kind(big, big.stat().st_size) == "broken"
    # a large, valid PDF (padding in a comment before the end)
    good = tmp_path / "good.pdf"
    good.write_bytes(b"%PDF-1.7\n%" + b"x" * (5 * PROBE_BYTES) + b"\n%%EOF\n")
    assert pdf_kind(good, good.stat().st_size) == "pdf"
    # the end marker spread over the first and second KiB of a file under 2 KiB
    edge = tmp_path / "edge.pdf"
    data = b"%PDF-1.4\n" + b" " * (PROBE_BYTES - 9 - 3) + b"%%EOF"
    edge.write_bytes(data + b" " * 100)
    assert len(data) > PROBE_BYTES
    assert pdf_kind(edge, edge.stat().st_size) == "pdf"
    # no header: broken (an HTML page saved as .pdf)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html>%%EOF</html>")
    assert pdf_kind(fake, fake.stat().st_size) == "broken"
    assert pdf_kind(tmp_path / "gone.pdf", 10) == "unreadable"


def test_hidden_and_system_files_are_skipped(tmp_path: Path) -> None:
    root = build_folder(
        tmp_path / "b",
        {
            ".DS_Store": "text",
            "Thumbs.db": "text",
            "~$draft.docx": "text",
            ".git/x.pdf": "pdf",
            "I1_L1.pdf": "pdf",
        },
    )
    assert [f.path for f in scan_folder(root).files] == ["I1_L1.pdf"]


def test_symlinks_are_reported_not_followed(tmp_path: Path) -> None:
    outside = build_folder(tmp_path / "outside", {"I5_L1.pdf": "pdf", "I5_L2.pdf": "pdf"})
    root = build_folder(tmp_path / "b", {"I1_L1.pdf": "pdf"})
    if not symlink(root, "link-dir", outside) or not symlink(
        root, "I9_L1.pdf", outside / "I5_L1.pdf"
    ):
        pytest.skip("no symbolic links here")
    scan = scan_folder(root)
    assert [f.path for f in scan.files] == ["I1_L1.pdf"]
    assert sorted(scan.symlinks) == ["I9_L1.pdf", "link-dir"]


def test_entry_cap(tmp_path: Path) -> None:
    root = build_folder(tmp_path / "b", {f"I1_L1_{n:03d}.pdf": "pdf" for n in range(30)})
    scan = scan_folder(root, max_entries=10)
    assert scan.capped == "entries"
    assert len(scan.files) == 10
    assert scan.entries_seen == 10


def test_depth_cap(tmp_path: Path) -> None:
    deep = "/".join(f"d{n}" for n in range(6))
    root = build_folder(tmp_path / "b", {f"{deep}/I1_L1.pdf": "pdf", "d0/I2_L1.pdf": "pdf"})
    scan = scan_folder(root, max_depth=3)
    assert scan.capped == "depth"
    assert [f.path for f in scan.files] == ["d0/I2_L1.pdf"]
    assert scan_folder(root).capped is None


def test_duplicates_and_find(tmp_path: Path) -> None:
    root = build_folder(
        tmp_path / "b",
        {
            "I1/SK.pdf": "pdf",
            "I2/sk.PDF": "pdf",
            "I3/lain.pdf": "pdf",
        },
    )
    scan = scan_folder(root)
    groups = duplicates(scan)
    assert [[f.path for f in g] for g in groups] == [["I1/SK.pdf", "I2/sk.PDF"]]
    assert [f.path for f in scan.find("i2\\SK.pdf")] == ["I2/sk.PDF"]
    assert [f.path for f in scan.find("SK.PDF")] == ["I1/SK.pdf", "I2/sk.PDF"]
    assert scan.find("tidak-ada.pdf") == ()


def test_not_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "a.pdf")
    with pytest.raises(NotADirectoryError):
        scan_folder(tmp_path / "a.pdf")
    with pytest.raises(FileNotFoundError):
        scan_folder(tmp_path / "none")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs permissions")
def test_unreadable_folder_is_reported(tmp_path: Path) -> None:
    root = build_folder(tmp_path / "b", {"locked/I1_L1.pdf": "pdf", "I2_L1.pdf": "pdf"})
    (root / "locked").chmod(0)
    try:
        scan = scan_folder(root)
    finally:
        (root / "locked").chmod(0o755)
    assert scan.unreadable_dirs == ("locked",)
    assert [f.path for f in scan.files] == ["I2_L1.pdf"]
