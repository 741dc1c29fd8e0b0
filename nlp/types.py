"""NLP result vocabulary: intents, slots and parse results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Intent(StrEnum):
    LOG_ACTIVITY = "log_activity"
    UPDATE_DEAL = "update_deal"
    CREATE_DEAL = "create_deal"
    QUERY_DEAL = "query_deal"
    QUERY_PIPELINE = "query_pipeline"
    SEARCH_KNOWLEDGE = "search_knowledge"
    ANALYZE_TRANSCRIPT = "analyze_transcript"
    CREATE_TASK = "create_task"
    HELP = "help"
    OTHER = "other"


SlotValue = str | int | float


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a rep's message means: one intent, its slots and how sure we are.

    Slot names and values follow ../shared/docs/NLP_SPEC.md section 1 (amount as a
    number, dates as ISO strings, stage / activity_type as their codes).
    """

    intent: Intent
    slots: Mapping[str, SlotValue] = field(default_factory=dict)
    confidence: float = 1.0
    lang: str = "zh"
    # Other intents with their scores, best first, for clarification.
    alternatives: tuple[tuple[Intent, float], ...] = ()


class Parser(Protocol):
    """Anything that turns a message into a ParseResult (local model, LLM, ...)."""

    def parse(self, text: str, *, now_iso: str, timezone: str) -> ParseResult: ...
