"""Shared fixtures: the built-in model trained once per session into a temporary cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.transcripts.model import BuiltinUtteranceModel, load_builtin_model


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("transcript-models")


@pytest.fixture(scope="session")
def model(cache_dir: Path) -> BuiltinUtteranceModel:
    return load_builtin_model(cache_dir)
