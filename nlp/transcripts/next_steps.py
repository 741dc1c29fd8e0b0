"""Next steps: concrete dated actions agreed near the end of the call, with owner and date."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nlp.transcripts.cues import AGREE, COMMIT, DEFERRAL, MEETING, TIME_EXPR
from nlp.transcripts.parse import format_seconds
from nlp.transcripts.types import NextStep, Side, Turn

_SENTENCE = re.compile(r"[^.!?。！？；;\n]+[.!?。！？；;]*")
_FIRST_PERSON = re.compile(r"^\s*(?:so,?\s*)?(?:i|i'll|i'm|let me|我)\b|^\s*我", re.IGNORECASE)
_NAMED_OWNER = re.compile(r"^\s*(?:so,?\s*)?(?:next steps?:?\s*)?([A-Z][a-z]+)\s+(?:will|sends|"
                          r"to send|is going to|can)\b")  # fmt: skip
_ZH_OWNER = re.compile(r"^\s*(?:那)?([\u4e00-\u9fff]{1,3}(?:总|经理|工|主任)?)(?:这边|会|来|负责)")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _owner(sentence: str, speaker: str, speakers: Sequence[str]) -> str | None:
    if _FIRST_PERSON.search(sentence) or re.search(r"\b(?:i'll|i will)\b", sentence, re.I):
        return speaker
    m = _NAMED_OWNER.search(sentence)
    if m:
        first = m.group(1)
        for sp in speakers:
            if sp.split()[0] == first:
                return sp
        return first
    m = _ZH_OWNER.search(sentence)
    if m and any(m.group(1) in sp or sp in m.group(1) for sp in speakers):
        return next(sp for sp in speakers if m.group(1) in sp or sp in m.group(1))
    if sentence.lstrip().lower().startswith(("let's", "we'll", "we will")) or "我们" in sentence:
        return "both"
    return None


def find_next_steps(
    turns: Sequence[Turn], sides: Mapping[str, Side], *, tail_share: float = 0.4
) -> tuple[bool, list[NextStep]]:
    """Whether the call ends with an agreed concrete action, and the actions stated."""
    n = len(turns)
    first = min(max(0, int(n * (1 - tail_share))), max(0, n - 6))
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    items: list[NextStep] = []
    for idx in range(first, n):
        turn = turns[idx]
        for sent in sentences(turn.text):
            when = TIME_EXPR.findall(sent)
            concrete = bool(when) and (COMMIT.search(sent) or MEETING.search(sent))
            if not concrete or DEFERRAL.search(sent):
                continue
            items.append(
                NextStep(
                    action=sent,
                    owner=_owner(sent, turn.speaker, speakers),
                    due=" ".join(dict.fromkeys(w.strip() for w in when)),
                    timestamp=format_seconds(turn.start),
                    utterance_index=idx,
                )
            )
    if not items:
        return False, items
    # A dated proposal counts once the other side goes along and the customer does not
    # close the call by putting things off.
    last_item = items[-1].utterance_index
    customer_tail = [t for t in turns[last_item:] if sides[t.speaker] is Side.CUSTOMER]
    agreed = any(
        item.owner is not None and sides.get(item.owner) is Side.CUSTOMER for item in items
    ) or any(AGREE.search(t.text) or TIME_EXPR.search(t.text) for t in customer_tail)
    if not customer_tail:
        # The vendor spoke last; a confirmation like "I'll send the invite" still counts
        # when the customer had agreed to a time just before.
        before = [t for t in turns[first:last_item] if sides[t.speaker] is Side.CUSTOMER]
        agreed = agreed or any(TIME_EXPR.search(t.text) for t in before[-2:])
    deferring = any(DEFERRAL.search(t.text) for t in customer_tail[-2:])
    return agreed and not deferring, items
