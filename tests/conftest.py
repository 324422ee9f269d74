"""Shared set-up: the store of validated files (:mod:`spbe_cli.store`) lives in a
temporary folder for the whole run, so tests neither read nor fill the user's cache; the
language comes from no setting of the machine (no ``SPBE_LANG``, a neutral locale), so the
suite reads the same on an English desktop as in CI."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    before = os.environ.get("SPBE_CACHE_DIR")
    os.environ["SPBE_CACHE_DIR"] = str(tmp_path_factory.mktemp("spbe-store"))
    yield
    if before is None:
        os.environ.pop("SPBE_CACHE_DIR", None)
    else:
        os.environ["SPBE_CACHE_DIR"] = before


_LANGUAGE_SETTINGS = ("SPBE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True, scope="session")
def _neutral_language() -> Iterator[None]:
    before = {name: os.environ.pop(name, None) for name in _LANGUAGE_SETTINGS}
    os.environ["LANG"] = "C.UTF-8"
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
