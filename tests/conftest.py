"""Shared set-up: the store of validated files (:mod:`spbe_cli.store`) lives in a
temporary folder for the whole run, so tests neither read nor fill the user's cache."""

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
