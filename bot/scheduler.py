"""In-process scheduler: due task reminders and digests, queued in the outbox every tick."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import anyio
from sqlalchemy.orm import Session, sessionmaker

from bot.actions.tasks import due_reminders
from bot.codec import destination_to_json, reply_to_json
from bot.digests.scheduler import DigestJob, DigestScheduler
from connectors.types import Destination
from crm_store import outbox
from crm_store import task as tasks
from crm_store.db import transaction

log = logging.getLogger(__name__)

Deliver = Callable[[int], Awaitable[bool]]


class Scheduler:
    """Queues due reminders and digests in the outbox (none is lost), then delivers them."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        deliver: Deliver,
        platforms: Callable[[], frozenset[str]],
        tick_seconds: float = 30.0,
        digests: DigestScheduler | None = None,
    ) -> None:
        self._factory = session_factory
        self._deliver = deliver
        self._platforms = platforms
        self._tick = tick_seconds
        self._digests = digests

    def _queue_digests(self, now: datetime) -> list[int]:
        """Due digests go to each recipient's first reachable messenger, via the outbox."""
        if self._digests is None:
            return []
        reachable = self._platforms()
        ids: list[int] = []

        def to_outbox(session: Session, job: DigestJob) -> None:
            for platform, workspace, external_id in job.identities:
                if platform in reachable:
                    destination = Destination(
                        platform=platform,
                        tenant=workspace,
                        channel=external_id,
                        user=external_id,
                    )
                    row = outbox.add(
                        session,
                        platform=platform,
                        tenant=workspace,
                        destination=destination_to_json(destination),
                        reply=reply_to_json(job.reply),
                    )
                    ids.append(row.id)
                    return

        self._digests.due_digests(now, deliver=to_outbox)
        return ids

    def _queue_reminders(self, now: datetime) -> list[int]:
        with transaction(self._factory) as session:
            ids = []
            for task_id, destination, reply in due_reminders(
                session, now=now, platforms=self._platforms()
            ):
                row = outbox.add(
                    session,
                    platform=destination.platform,
                    tenant=destination.tenant,
                    destination=destination_to_json(destination),
                    reply=reply_to_json(reply),
                )
                tasks.mark_reminded(session, task_id=task_id, at=now)
                ids.append(row.id)
            return ids

    async def tick(self, now: datetime | None = None) -> int:
        """One pass; returns how many reminders and digests were queued."""
        moment = now or datetime.now(UTC)
        ids = await anyio.to_thread.run_sync(self._queue_reminders, moment)
        ids += await anyio.to_thread.run_sync(self._queue_digests, moment)
        for outbox_id in ids:
            await self._deliver(outbox_id)
        return len(ids)

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("scheduler tick failed")
            try:
                await asyncio.wait_for(stop.wait(), timeout=self._tick)
            except TimeoutError:
                pass
