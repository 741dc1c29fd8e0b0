"""Train the tagger and intent classifier from the project's data, cached by data hash."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.classifier import IntentClassifier, normalise
from nlp.slots import Entity
from nlp.tagger import EntityTagger

DEFAULT_DATA = Path(__file__).parent / "data" / "intents_train.jsonl"
# Bump when feature code changes so cached artifacts from older code are not reused.
MODEL_VERSION = "nlp-intents-9"


@dataclass(frozen=True, slots=True)
class Models:
    tagger: EntityTagger
    classifier: IntentClassifier


def load_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_entities(row: dict[str, Any]) -> list[Entity]:
    text = row["text"]
    return [Entity(s, e, str(lab), text[s:e]) for s, e, lab in row.get("spans", [])]


def train(rows: list[dict[str, Any]]) -> Models:
    tagger = EntityTagger().fit(rows)
    texts = [normalise(r["text"], gold_entities(r)) for r in rows]
    classifier = IntentClassifier().fit(texts, [r["intent"] for r in rows])
    return Models(tagger, classifier)


def data_key(path: Path) -> str:
    digest = hashlib.sha256(MODEL_VERSION.encode())
    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_or_train(cache_dir: Path | None, data_path: Path = DEFAULT_DATA) -> Models:
    """Models for `data_path`: from `cache_dir` when already trained on the same data."""
    if cache_dir is None:
        return train(load_rows(data_path))
    cache_dir.mkdir(parents=True, exist_ok=True)
    artifact = cache_dir / f"intents-{data_key(data_path)}.pkl"
    if artifact.exists():
        try:
            with artifact.open("rb") as fh:
                models = pickle.load(fh)  # noqa: S301 - our own artifact in our cache dir
            if isinstance(models, Models):
                return models
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    models = train(load_rows(data_path))
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(models, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, artifact)
    return models
