"""Dialogue state machine: pending confirmations, choices and questions per conversation."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy.orm import Session, sessionmaker

from bot.context import MessageContext
from crm_store import dialogue as store
from crm_store.db import transaction

PendingKind = Literal["confirm", "choose_account", "ask_slot"]

YES = frozenset(
    {
        "确认",
        "是",
        "是的",
        "对",
        "好",
        "好的",
        "可以",
        "yes",
        "y",
        "ok",
        "okay",
        "confirm",
        "sure",
        "yep",
        "确定",
        "没问题",
        "👍",
    }
)
NO = frozenset({"取消", "不", "不是", "不用", "算了", "no", "n", "cancel", "nope", "stop", "否"})
_TRAILING = re.compile(r"[\s。.!！~～]+$")


@dataclass
class Pending:
    """What the bot is waiting for in one conversation."""

    kind: PendingKind
    intent: str
    slots: dict[str, Any]
    # Resolved ids and other facts gathered so far (account_id, deal_id, ...).
    facts: dict[str, Any] = field(default_factory=dict)
    # For choose_account: [[account_id, name], ...]; for ask_slot: the slot name.
    choices: list[list[Any]] = field(default_factory=list)
    slot: str | None = None
    text: str = ""
    source_ref: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pending:
        return cls(**data)


def answer_of(ctx: MessageContext) -> Literal["yes", "no"] | None:
    """A button click or a typed yes/no (确认/取消)."""
    action = ctx.message.action
    if action is not None:
        if action.value in ("confirm", "yes"):
            return "yes"
        if action.value in ("cancel", "no"):
            return "no"
    word = _TRAILING.sub("", ctx.text.lower())
    if word in YES:
        return "yes"
    if word in NO:
        return "no"
    return None


class DialogueStore:
    """Loads and saves pending state keyed by conversation, with a time-out."""

    def __init__(self, *, session_factory: sessionmaker[Session], ttl: timedelta) -> None:
        self._factory = session_factory
        self._ttl = ttl

    def load(self, ctx: MessageContext) -> Pending | None:
        with self._factory() as session:
            data = store.load_state(session, conversation=ctx.conversation, now=ctx.now)
        return Pending.from_json(data) if data else None

    def save(self, ctx: MessageContext, pending: Pending) -> None:
        with transaction(self._factory) as session:
            store.save_state(
                session,
                conversation=ctx.conversation,
                state=pending.to_json(),
                ttl=self._ttl,
                now=ctx.now,
            )

    def clear(self, ctx: MessageContext) -> None:
        with transaction(self._factory) as session:
            store.clear_state(session, conversation=ctx.conversation)
