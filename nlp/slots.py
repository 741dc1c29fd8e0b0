"""Turn rule matches and tagged entities into the slots of one intent (NLP_SPEC section 1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from nlp.dates import DateMention, find_dates
from nlp.deal_terms import find_activity, find_competitors, find_stage
from nlp.gazetteer import BUILTIN
from nlp.money import find_money, pick_amount
from nlp.types import Intent, SlotValue

SLOTS_BY_INTENT: dict[str, frozenset[str]] = {
    "log_activity": frozenset(
        {
            "account",
            "contact",
            "activity_type",
            "stage",
            "amount",
            "currency",
            "close_date",
            "competitor",
        }
    ),
    "update_deal": frozenset(
        {"account", "stage", "amount", "currency", "close_date", "competitor"}
    ),
    "create_deal": frozenset({"account", "contact", "amount", "currency", "stage"}),
    "query_deal": frozenset({"account"}),
    "query_pipeline": frozenset(),
    "search_knowledge": frozenset({"competitor"}),
    "analyze_transcript": frozenset({"account"}),
    "create_task": frozenset({"account", "due_date"}),
    "help": frozenset(),
    "other": frozenset(),
}


@dataclass(frozen=True, slots=True)
class Entity:
    """A tagged span: account, contact or competitor."""

    start: int
    end: int
    label: str
    text: str


_CLAUSE_BREAK = re.compile(
    r"[，,。.!！?？;；\n]|\s-\s|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fffA-Za-z0-9])"
)
_CLOSE_CUE = re.compile(
    r"签|关单|结单|成交|拿下|搞定|落单|推到|推迟|挪到|延到|拖到|延期|往后|改到|改成|改为|定在|"
    r"(?<![A-Za-z])(?:close[sd]?|closing|sign|signing|signed|signature|slip\w*|push\w*|target\w*"
    r"|expect\w*|deadline|land|ink)(?![A-Za-z])|->|=>|→",
    re.IGNORECASE,
)
_BLOCK_CUE = re.compile(
    r"反馈|答复|回复|报价|来我们|发方案|演示|再约|安排|交流|参观|"
    r"(?<![A-Za-z])(?:reply|replies|respond\w*|feedback|quote|send\w*|sent|revert|sync|meeting"
    r"|demo|call|owe)(?![A-Za-z])",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:的|'s|’s|'|’)$")


def _clause(text: str, mention: DateMention) -> str:
    start = 0
    end = len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= mention.start:
            start = m.end()
        elif m.start() >= mention.end:
            end = m.start()
            break
    return text[start:end]


def _close_date(text: str, mentions: list[DateMention], *, lenient: bool) -> str | None:
    for mention in mentions:
        if mention.is_today:
            continue
        clause = _clause(text, mention)
        if _CLOSE_CUE.search(clause) or (lenient and not _BLOCK_CUE.search(clause)):
            return mention.value.isoformat()
    return None


def clean_surface(surface: str) -> str:
    value = surface.strip().strip("\"“”'‘()（）[]【】:：,，")
    stripped = _POSSESSIVE.sub("", value).strip()
    # 美的 and other names that end in 的 keep it: a one-character name is not plausible.
    if value.endswith("的") and (len(stripped) < 2 or BUILTIN.find(value) == [(0, len(value))]):
        return value
    return stripped


def _overlaps(start: int, end: int, entities: list[Entity]) -> bool:
    return any(start < e.end and end > e.start for e in entities)


def build_slots(
    intent: Intent, text: str, now: datetime, entities: list[Entity]
) -> dict[str, SlotValue]:
    """The slots of `intent` stated in `text`, and only those (NLP_SPEC slot table)."""
    allowed = SLOTS_BY_INTENT[intent.value]
    if not allowed:
        return {}
    slots: dict[str, SlotValue] = {}
    for label in ("account", "contact"):
        if label in allowed:
            for entity in entities:
                value = clean_surface(entity.text)
                if entity.label == label and value:
                    slots[label] = value
                    break
    if "competitor" in allowed:
        rivals = find_competitors(text)
        tagged = [e for e in entities if e.label == "competitor" and clean_surface(e.text)]
        if rivals:
            slots["competitor"] = rivals[0].value
        elif tagged:
            slots["competitor"] = clean_surface(tagged[0].text)
    if "amount" in allowed:
        money = [m for m in find_money(text) if not _overlaps(m.start, m.end, entities)]
        picked = pick_amount(text, money)
        if picked is not None:
            slots["amount"] = picked.amount
            if picked.currency:
                slots["currency"] = picked.currency
    if "stage" in allowed:
        stage = find_stage(text)
        if stage is not None:
            slots["stage"] = stage.value
    if "activity_type" in allowed:
        activity = find_activity(text)
        if activity is not None:
            slots["activity_type"] = activity.value
    if "close_date" in allowed or "due_date" in allowed:
        mentions = [d for d in find_dates(text, now) if not _overlaps(d.start, d.end, entities)]
        if "due_date" in allowed and mentions:
            slots["due_date"] = mentions[0].value.isoformat()
        elif "close_date" in allowed:
            close = _close_date(text, mentions, lenient=intent is Intent.UPDATE_DEAL)
            if close is not None:
                slots["close_date"] = close
    return slots
