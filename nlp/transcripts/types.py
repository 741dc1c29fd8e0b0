"""Result vocabulary of call-transcript analysis (turns, utterance labels, call analysis)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Side(StrEnum):
    CUSTOMER = "customer"
    VENDOR = "vendor"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class Objection(StrEnum):
    PRICE = "price"
    TIMING = "timing"
    COMPETITOR = "competitor"
    SECURITY = "security"
    INTEGRATION = "integration"
    FEATURE_GAP = "feature_gap"
    AUTHORITY = "authority"


OBJECTIONS: tuple[str, ...] = tuple(o.value for o in Objection)
SENTIMENTS: tuple[str, ...] = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker line as parsed from the file (before any analysis)."""

    speaker: str
    text: str
    role: str | None = None  # what the file says in parentheses, e.g. "CTO", "客户经理"
    start: float | None = None  # seconds from the start of the call, when the file says
    end: float | None = None


@dataclass(frozen=True, slots=True)
class UtteranceScores:
    """What the utterance classifier says about one piece of text."""

    sentiment: dict[str, float]  # negative / neutral / positive -> probability
    objections: dict[str, float]  # objection category -> probability
    buying_signal: float


@dataclass(frozen=True, slots=True)
class UtteranceAnalysis:
    index: int
    speaker: str
    side: Side
    text: str
    start: float | None
    sentiment: Sentiment
    sentiment_score: float  # P(positive) - P(negative), in [-1, 1]
    objections: tuple[str, ...]
    buying_signal: bool
    is_question: bool
    competitors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ObjectionHit:
    category: str
    quote: str
    speaker: str
    timestamp: str | None  # "hh:mm:ss" when the file has times
    utterance_index: int


@dataclass(frozen=True, slots=True)
class CompetitorHit:
    name: str  # canonical name from the tracker
    mentions: int
    first_quote: str
    mentioned_by_customer: bool


@dataclass(frozen=True, slots=True)
class NextStep:
    action: str  # the sentence that states it
    owner: str | None  # speaker (or named person) who takes it on
    due: str | None  # the date / time as stated ("Thursday", "周五前", "12 号")
    timestamp: str | None
    utterance_index: int


@dataclass(frozen=True, slots=True)
class TalkRatio:
    unit: str  # "words" (English), "chars" (Chinese; Latin words count one each)
    customer: int
    vendor: int

    @property
    def customer_share(self) -> float:
        total = self.customer + self.vendor
        return round(self.customer / total, 3) if total else 0.0


@dataclass(frozen=True, slots=True)
class Monologue:
    speaker: str
    side: Side
    units: int  # same unit as the talk ratio
    turns: int  # consecutive turns merged into this stretch
    seconds: float | None  # when the file has times
    start: str | None


@dataclass(frozen=True, slots=True)
class SentimentArc:
    overall: Sentiment
    score: float  # weighted customer score in [-1, 1]
    trajectory: str  # "improving", "declining", "steady"
    by_part: tuple[float, ...]  # customer score in each third of the call


@dataclass(frozen=True, slots=True)
class CallAnalysis:
    """Everything the analysis of one call transcript found."""

    lang: str
    customer_speakers: tuple[str, ...]
    vendor_speakers: tuple[str, ...]
    sentiment: SentimentArc
    objections: tuple[ObjectionHit, ...]
    competitors: tuple[CompetitorHit, ...]
    next_steps: bool
    next_step_items: tuple[NextStep, ...]
    talk_ratio: TalkRatio
    longest_monologue: Monologue
    questions: dict[str, int]  # side -> number of questions asked
    buying_signals: tuple[str, ...]  # quotes
    summary: tuple[str, ...]
    utterances: tuple[UtteranceAnalysis, ...] = field(repr=False, default=())

    @property
    def objection_categories(self) -> tuple[str, ...]:
        seen: list[str] = []
        for hit in self.objections:
            if hit.category not in seen:
                seen.append(hit.category)
        return tuple(seen)

    def to_dict(self, *, with_utterances: bool = False) -> dict[str, Any]:
        """A compact JSON-serialisable form (for the bot's replies and the REST API)."""
        out: dict[str, Any] = {
            "lang": self.lang,
            "customer_speakers": list(self.customer_speakers),
            "vendor_speakers": list(self.vendor_speakers),
            "customer_sentiment": self.sentiment.overall.value,
            "sentiment_score": self.sentiment.score,
            "sentiment_trajectory": self.sentiment.trajectory,
            "sentiment_by_part": list(self.sentiment.by_part),
            "objections": [asdict(o) for o in self.objections],
            "objection_categories": list(self.objection_categories),
            "competitors": [asdict(c) for c in self.competitors],
            "next_steps": self.next_steps,
            "next_step_items": [asdict(n) for n in self.next_step_items],
            "talk_ratio": {
                "unit": self.talk_ratio.unit,
                "customer": self.talk_ratio.customer,
                "vendor": self.talk_ratio.vendor,
                "customer_share": self.talk_ratio.customer_share,
            },
            "longest_monologue": asdict(self.longest_monologue),
            "questions": dict(self.questions),
            "buying_signals": list(self.buying_signals),
            "summary": list(self.summary),
        }
        if with_utterances:
            out["utterances"] = [asdict(u) for u in self.utterances]
        return out
