"""Inbox worker: stores accepted events, processes them once, sends replies via the outbox."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Protocol

import anyio
from sqlalchemy.orm import Session, sessionmaker

from bot.codec import (
    destination_for,
    destination_to_json,
    message_from_json,
    message_to_json,
    reply_from_json,
    reply_to_json,
)
from bot.i18n import detect_language, t
from bot.router import Router
from connectors.types import Destination, InboundMessage, Reply
from crm_store import audit, inbox, outbox
from crm_store.db import transaction

log = logging.getLogger(__name__)


class Sender(Protocol):
    """A connector's outbound half."""

    async def send(self, destination: Destination, reply: Reply) -> None: ...


class InboxWorker:
    """Accepts events durably and processes each exactly once, even across restarts."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        router: Router,
        senders: Mapping[str, Sender],
        max_attempts: int = 5,
        poll_seconds: float = 1.0,
    ) -> None:
        self._factory = session_factory
        self._router = router
        self._senders = dict(senders)
        self._max_attempts = max_attempts
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._pending: list[tuple[InboundMessage, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    def add_sender(self, platform: str, sender: Sender) -> None:
        self._senders[platform] = sender

    def platforms(self) -> frozenset[str]:
        return frozenset(self._senders)

    def _enqueue_many(self, messages: list[InboundMessage]) -> list[bool]:
        with transaction(self._factory) as session:
            return inbox.enqueue_many(
                session,
                events=[(m.platform, m.tenant, m.event_id, message_to_json(m)) for m in messages],
            )

    async def accept(self, message: InboundMessage) -> bool:
        """Store the event before the webhook answers; False for a duplicate delivery.

        Concurrent deliveries share one transaction (group commit): under a burst each
        request waits for one commit instead of queueing for the database's write lock.
        """
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._pending.append((message, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_pending())
        stored = await future
        if stored:
            self._wake.set()
        return stored

    async def _write_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:200], self._pending[200:]
            try:
                results = await anyio.to_thread.run_sync(
                    self._enqueue_many, [message for message, _ in batch]
                )
            except Exception as error:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), stored in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(stored)

    def wake(self) -> None:
        """Stop waiting for the next poll (new work, or shutting down)."""
        self._wake.set()

    def _claim(self) -> inbox.ClaimedEvent | None:
        with transaction(self._factory) as session:
            return inbox.claim_next(session)

    def _process(self, event: inbox.ClaimedEvent) -> list[int]:
        """Run the router and, in one transaction, mark the event done and queue replies."""
        message = message_from_json(event.payload)
        replies = self._replay_guard(event, message) or self._router.handle(message)
        destination = destination_to_json(destination_for(message))
        with transaction(self._factory) as session:
            inbox.mark_done(session, inbox_id=event.id)
            rows = [
                outbox.add(
                    session,
                    platform=message.platform,
                    tenant=message.tenant,
                    destination=destination,
                    reply=reply_to_json(reply),
                )
                for reply in replies
            ]
            return [row.id for row in rows]

    def _replay_guard(self, event: inbox.ClaimedEvent, message: InboundMessage) -> list[Reply]:
        """A retried event whose writes already committed (a crash came between the write
        and marking it done) must not write twice: confirm instead of running it again."""
        if event.attempts <= 1:
            return []
        ref = f"{message.platform}:{message.tenant}:{message.channel}:{message.event_id}"
        with self._factory() as session:
            if not audit.has_writes_from(session, source_ref=ref):
                return []
        return [Reply(text=t("already_done", detect_language(message.text, default="zh")))]

    def _fail(self, event: inbox.ClaimedEvent, error: str) -> None:
        with transaction(self._factory) as session:
            inbox.mark_failed(
                session,
                inbox_id=event.id,
                error=error,
                retry=event.attempts < self._max_attempts,
            )

    async def run_once(self) -> bool:
        """Process one event if any is waiting; True when something was done."""
        event = await anyio.to_thread.run_sync(self._claim)
        if event is None:
            return False
        try:
            outbox_ids = await anyio.to_thread.run_sync(self._process, event)
        except Exception as error:
            log.exception("processing inbox event %s failed", event.id)
            await anyio.to_thread.run_sync(self._fail, event, repr(error))
            return True
        for outbox_id in outbox_ids:
            await self.deliver(outbox_id)
        return True

    def _load_outbox(self, outbox_id: int) -> tuple[str, Destination, Reply] | None:
        with self._factory() as session:
            row = session.get(outbox.OutboxMessage, outbox_id)
            if row is None:
                return None
            d = row.destination
            destination = Destination(
                platform=d["platform"],
                tenant=d["tenant"],
                channel=d["channel"],
                user=d["user"],
                reply_context=dict(d.get("reply_context", {})),
            )
            return row.platform, destination, reply_from_json(row.reply)

    def _mark(self, outbox_id: int, error: str | None) -> None:
        with transaction(self._factory) as session:
            if error is None:
                outbox.mark_sent(session, outbox_id=outbox_id)
            else:
                outbox.mark_failed(session, outbox_id=outbox_id, error=error)

    async def deliver(self, outbox_id: int) -> bool:
        """Send one queued reply; a failure is logged and kept in the outbox as failed."""
        loaded = await anyio.to_thread.run_sync(self._load_outbox, outbox_id)
        if loaded is None:
            return False
        platform, destination, reply = loaded
        sender = self._senders.get(platform)
        if sender is None:
            log.error("no sender for platform %s; reply %s kept in outbox", platform, outbox_id)
            await anyio.to_thread.run_sync(self._mark, outbox_id, f"no sender for {platform}")
            return False
        try:
            await sender.send(destination, reply)
        except Exception as error:
            log.error("delivery of outbox %s to %s failed: %r", outbox_id, platform, error)
            await anyio.to_thread.run_sync(self._mark, outbox_id, repr(error))
            return False
        await anyio.to_thread.run_sync(self._mark, outbox_id, None)
        return True

    def _recover(self) -> list[int]:
        with transaction(self._factory) as session:
            reset = inbox.reset_in_flight(session)
            if reset:
                log.info("recovered %d unfinished inbox events", reset)
            return [row.id for row in outbox.list_by_status(session, status=outbox.PENDING)]

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Recover what a previous process left, then drain the inbox until `stop`."""
        for outbox_id in await anyio.to_thread.run_sync(self._recover):
            await self.deliver(outbox_id)
        while not stop.is_set():
            if await self.run_once():
                continue
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self._poll_seconds)
            except TimeoutError:
                pass
