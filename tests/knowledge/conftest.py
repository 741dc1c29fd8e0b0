"""Shared fixtures: one real encoder per session, a fresh knowledge base per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.embedding import Encoder
from knowledge.service import KnowledgeBase


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return Encoder()


@pytest.fixture()
def kb(tmp_path: Path, encoder: Encoder) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase(tmp_path / "kb", encoder=encoder)
    yield base
    base.close()
