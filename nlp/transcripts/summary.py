"""Extractive call summary: the few customer and vendor lines that carry the call's facts."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.transcripts.types import NextStep, ObjectionHit, Side, UtteranceAnalysis

_MAX_CHARS = 220


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CHARS else text[: _MAX_CHARS - 1] + "…"


def extractive_summary(
    utts: Sequence[UtteranceAnalysis],
    objections: Sequence[ObjectionHit],
    steps: Sequence[NextStep],
    *,
    max_lines: int = 5,
) -> tuple[str, ...]:
    """Highest-scoring lines, in call order, as "Speaker: text"."""
    score: dict[int, float] = {}
    quote: dict[int, str] = {}
    for hit in objections:
        score[hit.utterance_index] = score.get(hit.utterance_index, 0.0) + 2.0
        quote.setdefault(hit.utterance_index, hit.quote)
    for u in utts:
        bonus = 0.0
        if u.competitors:
            bonus += 1.5
        if u.buying_signal:
            bonus += 1.5
        if u.side is Side.CUSTOMER:
            bonus += abs(u.sentiment_score)
        if bonus:
            score[u.index] = score.get(u.index, 0.0) + bonus
    if steps:
        last = steps[-1]
        score[last.utterance_index] = score.get(last.utterance_index, 0.0) + 3.0
        quote[last.utterance_index] = last.action
    chosen = sorted(sorted(score, key=lambda i: -score[i])[:max_lines])
    return tuple(f"{utts[i].speaker}: {_clip(quote.get(i, utts[i].text))}" for i in chosen)
