"""Synthetic calls and call-level aggregation: split hygiene, labels, and threshold effects."""

from __future__ import annotations

from dataclasses import replace

from nlp.transcripts.aggregate import DEFAULT_THRESHOLDS, sentiment_arc
from nlp.transcripts.evaluate import evaluate_rows
from nlp.transcripts.model import BuiltinUtteranceModel
from nlp.transcripts.parse import parse_transcript
from nlp.transcripts.synthetic import CallGenerator, held_out_split
from nlp.transcripts.training_data import load_templates
from nlp.transcripts.types import OBJECTIONS, Sentiment, Side, UtteranceAnalysis


def test_held_out_split_is_disjoint_stable_and_sized() -> None:
    rows = load_templates()
    first, again = held_out_split(rows, share=0.25), held_out_split(rows, share=0.25)
    assert first == again
    assert not {r.text for r in first.train} & {r.text for r in first.held_out}
    assert len(first.train) + len(first.held_out) == len(rows)
    assert 0.15 < len(first.held_out) / len(rows) < 0.35


def test_generated_calls_parse_and_carry_consistent_labels() -> None:
    calls = CallGenerator(load_templates(), seed=5).calls(36)
    assert {(c["lang"], c["labels"]["customer_sentiment"]) for c in calls} == {
        (lang, s) for lang in ("en", "zh") for s in ("positive", "neutral", "negative")
    }
    for call in calls:
        turns = parse_transcript(call["transcript"])
        speakers = {t.speaker for t in turns}
        assert call["customer_speakers"][0] in speakers and len(speakers) == 2
        labels = call["labels"]
        assert set(labels["objections"]) <= set(OBJECTIONS)
        assert all(name in call["transcript"] for name in labels["competitors"])
    assert any(c["labels"]["next_steps"] for c in calls)
    assert not all(c["labels"]["next_steps"] for c in calls)


def test_pipeline_fits_calls_built_from_its_own_data(model: BuiltinUtteranceModel) -> None:
    calls = CallGenerator(load_templates(), seed=9).calls(48)
    result = evaluate_rows(calls, model=model)
    assert result["n"] == 48
    assert result["sentiment_accuracy"] > 0.6
    assert result["objection_f1"] > 0.6
    assert result["next_steps_accuracy"] > 0.85


def _utt(i: int, score: float, objections: tuple[str, ...] = ()) -> UtteranceAnalysis:
    return UtteranceAnalysis(
        index=i, speaker="C", side=Side.CUSTOMER, text="some words said here", start=None,
        sentiment=Sentiment.NEUTRAL, sentiment_score=score, objections=objections,
        buying_signal=False, is_question=False, competitors=(),
    )  # fmt: skip


def test_sentiment_arc_weights_the_end_and_objections() -> None:
    warming = [_utt(0, -0.6), _utt(1, 0.0), _utt(2, 0.7)]
    cooling = [_utt(0, 0.7), _utt(1, 0.0), _utt(2, -0.6)]
    th = replace(DEFAULT_THRESHOLDS, commitment_tilt=0.0)
    up = sentiment_arc(warming, next_steps=False, th=th)
    down = sentiment_arc(cooling, next_steps=False, th=th)
    assert up.score > down.score
    assert (up.trajectory, down.trajectory) == ("improving", "declining")
    flat = replace(th, end_weight=0.0)
    assert (
        sentiment_arc(warming, next_steps=False, th=flat).score
        == sentiment_arc(cooling, next_steps=False, th=flat).score
    )
    tilted = [_utt(0, 0.2, ("price", "timing")), _utt(1, 0.2)]
    assert (
        sentiment_arc(tilted, next_steps=False, th=th).score
        < sentiment_arc([_utt(0, 0.2), _utt(1, 0.2)], next_steps=False, th=th).score
    )
    wide = replace(th, sentiment_band=0.9)
    assert sentiment_arc(warming, next_steps=True, th=wide).overall is Sentiment.NEUTRAL
