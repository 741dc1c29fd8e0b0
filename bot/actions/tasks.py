"""create_task and due reminders delivered in the user's messenger."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.actions.resolve import AccountResolver
from bot.actions.texts import tx
from bot.context import MessageContext
from bot.dialogue import DialogueStore, Pending
from bot.formatting import day
from connectors.types import Destination, Reply
from crm_store import deal as deals
from crm_store import task as tasks
from crm_store.db import transaction
from crm_store.source import SourceMessage
from crm_store.user import User

REMIND_AT = time(9, 0)


def due_datetime(value: date, tz: str) -> datetime:
    """A due date means 09:00 that day in the user's time zone."""
    try:
        zone = ZoneInfo(tz)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return datetime.combine(value, REMIND_AT, tzinfo=zone)


class TaskActions:
    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        dialogue: DialogueStore,
        resolver: AccountResolver,
    ) -> None:
        self._factory = session_factory
        self._dialogue = dialogue
        self._resolver = resolver

    def start(self, ctx: MessageContext, slots: dict[str, Any]) -> list[Reply]:
        pending = Pending(
            kind="ask_slot",
            intent="create_task",
            slots=dict(slots),
            text=ctx.message.text[:4000],
            source_ref=ctx.source.ref,
        )
        return self.advance(ctx, pending)

    def advance(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        if not pending.slots.get("due_date"):
            pending.slot = "due_date"
            self._dialogue.save(ctx, pending)
            return [Reply(text=tx("ask_due_date", ctx.lang))]
        self._dialogue.clear(ctx)
        return [self._create(ctx, pending)]

    def execute(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        return self.advance(ctx, pending)

    def _create(self, ctx: MessageContext, pending: Pending) -> Reply:
        due = date.fromisoformat(str(pending.slots["due_date"]))
        account_id: int | None = None
        deal_id: int | None = None
        surface = str(pending.slots.get("account") or "").strip()
        match = (
            self._resolver.resolve(ctx.user.actor, surface).match
            if surface
            else self._resolver.mentioned(ctx.user.actor, pending.text)
        )
        if match is not None:
            account_id = match.account_id
        source = SourceMessage(ref=pending.source_ref, text=pending.text)
        with transaction(self._factory) as session:
            if account_id is not None:
                open_deals = deals.list_deals(
                    session,
                    actor=ctx.user.actor,
                    scope="mine",
                    open_only=True,
                    account_id=account_id,
                )
                deal_id = open_deals[0].id if open_deals else None
            task = tasks.create_task(
                session,
                actor=ctx.user.actor,
                title=pending.text.strip()[:500],
                due_at=due_datetime(due, ctx.user.timezone),
                account_id=account_id,
                deal_id=deal_id,
                source=source,
            )
            title = task.title
        return Reply(text=tx("task_created", ctx.lang, when=day(due, ctx.lang), title=title))


def due_reminders(
    session: Session, *, now: datetime, platforms: frozenset[str]
) -> list[tuple[int, Destination, Reply]]:
    """Reminders to send now, each addressed to the owner's first reachable messenger."""
    out: list[tuple[int, Destination, Reply]] = []
    for task in tasks.due_unreminded(session, now=now):
        owner = session.get(User, task.owner_id)
        if owner is None:
            continue
        identity = next((i for i in owner.identities if str(i.platform) in platforms), None)
        if identity is None:
            continue
        lang = str(owner.language)
        destination = Destination(
            platform=str(identity.platform),
            tenant=identity.workspace,
            channel=identity.external_id,
            user=identity.external_id,
        )
        out.append((task.id, destination, Reply(text=tx("reminder", lang, title=task.title))))
    return out
