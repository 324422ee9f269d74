"""The store of validated files: served only for the exact text it was made from."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from spbe_cli import store
from spbe_cli.framework import load as load_module
from spbe_cli.framework import load_framework, resolve_framework
from spbe_cli.framework.model import Framework
from spbe_cli.problems import InputError

BUNDLED = resolve_framework("permenpanrb-59-2020")


@pytest.fixture
def private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPBE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SPBE_NO_CACHE", raising=False)
    monkeypatch.setattr(load_module, "_CACHE", {})
    return tmp_path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("framework-*.pickle"))


def test_a_loaded_framework_is_kept_and_served_equal(private: Path) -> None:
    first = load_framework(BUNDLED)
    assert len(entries(private)) == 1
    load_module._CACHE.clear()
    served = load_framework(BUNDLED)
    assert served is not first and served == first
    assert served.indicator_by_id["1"].weight == first.indicator_by_id["1"].weight


def test_an_edited_file_misses_the_store_and_is_checked_again(
    private: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "fw.yaml"
    text = BUNDLED.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    load_framework(copy)
    load_module._CACHE.clear()
    copy.write_text(text.replace('\ntarget: "2.6"', '\ntarget: "9"', 1), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_framework(copy)
    assert [p.code for p in error.value.problems if "target" in p.place]


def test_a_broken_or_foreign_entry_is_ignored(private: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    load_framework(BUNDLED)
    (entry,) = entries(private)
    entry.write_bytes(b"not a pickle")
    assert store.get("framework", text, Framework) is None
    entry.write_bytes(pickle.dumps({"id": "x"}))
    assert store.get("framework", text, Framework) is None
    load_module._CACHE.clear()
    assert load_framework(BUNDLED).id == "permenpanrb-59-2020"  # loaded from the file again


def test_an_invalid_framework_is_never_kept(private: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: t\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_framework(broken)
    assert entries(private) == []


def test_the_store_can_be_turned_off_or_unwritable(
    private: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SPBE_NO_CACHE", "1")
    load_framework(BUNDLED)
    assert entries(private) == []
    monkeypatch.delenv("SPBE_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SPBE_CACHE_DIR", str(blocker / "store"))  # under a file: unwritable
    load_module._CACHE.clear()
    assert load_framework(BUNDLED).id == "permenpanrb-59-2020"


def test_old_entries_are_pruned(private: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "KEEP", 3)
    for n in range(5):
        store.put("thing", f"text {n}", {"n": n})
    kept = sorted(private.glob("thing-*.pickle"))
    assert len(kept) == 3
    assert store.get("thing", "text 4", dict) == {"n": 4}


def test_an_edit_to_the_checking_code_misses_the_store(
    private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = private / "check.py"
    code.write_text("x = 1\n")
    store.put("framework", "text", {"kept": True}, [code])
    assert store.get("framework", "text", dict, [code]) == {"kept": True}
    code.write_text("x = 12\n")  # as if edited
    assert store.get("framework", "text", dict, [code]) is None
