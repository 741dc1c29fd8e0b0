"""Talk-time arithmetic: talk ratio by words/characters per side and the longest monologue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nlp.transcripts.lang import count_units
from nlp.transcripts.parse import format_seconds
from nlp.transcripts.types import Monologue, Side, TalkRatio, Turn


def talk_ratio(turns: Sequence[Turn], sides: Mapping[str, Side], lang: str) -> TalkRatio:
    totals = {Side.CUSTOMER: 0, Side.VENDOR: 0}
    for turn in turns:
        totals[sides[turn.speaker]] += count_units(turn.text)
    return TalkRatio(
        unit="chars" if lang == "zh" else "words",
        customer=totals[Side.CUSTOMER],
        vendor=totals[Side.VENDOR],
    )


def longest_monologue(turns: Sequence[Turn], sides: Mapping[str, Side]) -> Monologue:
    """Longest stretch of one speaker, consecutive turns merged (subtitle cues split talk)."""
    best: Monologue | None = None
    i = 0
    while i < len(turns):
        j = i
        units = 0
        while j < len(turns) and turns[j].speaker == turns[i].speaker:
            units += count_units(turns[j].text)
            j += 1
        seconds = _span(turns, i, j)
        candidate = Monologue(
            speaker=turns[i].speaker,
            side=sides[turns[i].speaker],
            units=units,
            turns=j - i,
            seconds=seconds,
            start=format_seconds(turns[i].start),
        )
        if best is None or candidate.units > best.units:
            best = candidate
        i = j
    if best is None:
        raise ValueError("no turns")
    return best


def _span(turns: Sequence[Turn], i: int, j: int) -> float | None:
    start = turns[i].start
    last = turns[j - 1]
    end = last.end if last.end is not None else (turns[j].start if j < len(turns) else None)
    if start is None or end is None or end < start:
        return None
    return round(end - start, 2)
