"""Call-level decisions from utterance scores: objections per turn and the customer's verdict."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.transcripts.cues import objection_cues
from nlp.transcripts.lang import count_units
from nlp.transcripts.types import Sentiment, SentimentArc, Side, UtteranceAnalysis, UtteranceScores


@dataclass(frozen=True, slots=True)
class CallThresholds:
    """Decision thresholds, tuned on synthetic calls from held-out rows (bench/transcripts/tune)."""

    objection_strong: float = 0.7  # a category probability enough on its own
    objection_with_cue: float = 0.55  # enough when a keyword cue agrees
    competitor_named: float = 0.3  # enough when the turn names a tracked rival
    sentiment_band: float = 0.09  # |call score| above this is positive / negative
    # Synthetic calls put turns in random order, so they cannot tune this one: kept at 2.0.
    end_weight: float = 2.0  # the last customer turn weighs 1 + end_weight times the first
    objection_tilt: float = 0.2  # per objection raised in a turn
    commitment_tilt: float = 0.1  # added with an agreed next step, subtracted without one
    utterance_band: float = 0.2  # |turn score| above this labels the turn


DEFAULT_THRESHOLDS = CallThresholds()


def turn_objections(
    chunks: Sequence[str],
    scores: Sequence[UtteranceScores],
    competitors: Sequence[str],
    th: CallThresholds = DEFAULT_THRESHOLDS,
) -> dict[str, str]:
    """Objection categories of one customer turn, each with its best quote."""
    found: dict[str, tuple[float, str]] = {}
    for chunk, sc in zip(chunks, scores, strict=True):
        cues = objection_cues(chunk)
        for cat, p in sc.objections.items():
            hit = p >= th.objection_strong or (p >= th.objection_with_cue and cat in cues)
            if cat == "competitor":
                # Naming a rival and weighing it against us is the objection.
                hit = p >= th.objection_strong or (bool(competitors) and p >= th.competitor_named)
            if hit and p > found.get(cat, (-1.0, ""))[0]:
                found[cat] = (p, chunk)
    return {cat: quote for cat, (_, quote) in found.items()}


def utterance_label(score: float, th: CallThresholds = DEFAULT_THRESHOLDS) -> Sentiment:
    if score > th.utterance_band:
        return Sentiment.POSITIVE
    if score < -th.utterance_band:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def sentiment_arc(
    utts: Sequence[UtteranceAnalysis],
    *,
    next_steps: bool,
    th: CallThresholds = DEFAULT_THRESHOLDS,
) -> SentimentArc:
    cust = [u for u in utts if u.side is Side.CUSTOMER]
    if not cust:
        return SentimentArc(Sentiment.NEUTRAL, 0.0, "steady", ())
    n = len(cust)
    num = den = 0.0
    for i, u in enumerate(cust):
        # Longer turns say more, and where the customer ends up matters most; a turn that
        # raises an objection leans negative even when politely worded.
        weight = math.sqrt(max(1, count_units(u.text))) * (1.0 + th.end_weight * i / max(1, n - 1))
        num += weight * (u.sentiment_score - th.objection_tilt * len(u.objections))
        den += weight
    # Agreeing to a concrete next step is itself a sign of the customer's attitude.
    score = num / den + (th.commitment_tilt if next_steps else -th.commitment_tilt)
    score = round(max(-1.0, min(1.0, score)), 3)
    parts: list[float] = []
    for k in range(3):
        part = cust[k * n // 3 : (k + 1) * n // 3] or cust[min(k, n - 1) : min(k, n - 1) + 1]
        parts.append(round(sum(u.sentiment_score for u in part) / len(part), 3))
    delta = parts[-1] - parts[0]
    trajectory = "improving" if delta > 0.25 else "declining" if delta < -0.25 else "steady"
    if score > th.sentiment_band:
        overall = Sentiment.POSITIVE
    elif score < -th.sentiment_band:
        overall = Sentiment.NEGATIVE
    else:
        overall = Sentiment.NEUTRAL
    return SentimentArc(overall, score, trajectory, tuple(parts))
