"""Durable inbox: one effect per event id, restart recovery, failed sends kept visible."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from bot.composition import build_router
from bot.services import Services
from bot.worker import InboxWorker
from connectors.types import Destination, InboundMessage, Reply
from crm_store import account, activity, inbox, outbox
from crm_store.db import transaction
from crm_store.enums import IdentityPlatform
from crm_store.user import link_identity
from tests.conftest import Org


class CollectingSender:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[Destination, Reply]] = []
        self.fail = fail

    async def send(self, destination: Destination, reply: Reply) -> None:
        if self.fail:
            raise RuntimeError("platform down")
        self.sent.append((destination, reply))


def _message(event_id: str, text: str) -> InboundMessage:
    return InboundMessage(
        platform="slack",
        tenant="T1",
        channel="D1",
        sender="U0WANG",
        text=text,
        event_id=event_id,
        received_at=datetime.now(UTC),
    )


def _setup(services: Services, org: Org) -> int:
    with transaction(services.session_factory) as s:
        link_identity(
            s,
            actor=org.admin,
            user_id=org.rep_a.user_id,
            platform=IdentityPlatform.SLACK,
            external_id="U0WANG",
        )
        return account.create_account(s, actor=org.rep_a, name="Umbrella").id


async def test_duplicate_delivery_has_exactly_one_effect(services: Services, org: Org) -> None:
    account_id = _setup(services, org)
    sender = CollectingSender()
    worker = InboxWorker(
        session_factory=services.session_factory,
        router=build_router(services),
        senders={"slack": sender},
    )
    first = await worker.accept(_message("Ev1", "note Umbrella wants SSO"))
    again = await worker.accept(_message("Ev1", "note Umbrella wants SSO"))
    assert (first, again) == (True, False)
    while await worker.run_once():
        pass
    with services.session_factory() as s:
        acts = activity.list_activities(s, actor=org.rep_a, account_id=account_id)
    assert [a.summary for a in acts] == ["wants SSO"]
    assert len(sender.sent) == 1 and sender.sent[0][0].channel == "D1"


async def test_unfinished_events_are_processed_after_restart(services: Services, org: Org) -> None:
    account_id = _setup(services, org)
    crashed = InboxWorker(
        session_factory=services.session_factory, router=build_router(services), senders={}
    )
    await crashed.accept(_message("Ev2", "note Umbrella budget approved"))
    with transaction(services.session_factory) as s:  # a worker claimed it, then died
        assert inbox.claim_next(s) is not None
    sender = CollectingSender()
    fresh = InboxWorker(
        session_factory=services.session_factory,
        router=build_router(services),
        senders={"slack": sender},
    )
    stop = asyncio.Event()
    task = asyncio.create_task(fresh.run_forever(stop))
    for _ in range(100):
        await asyncio.sleep(0.05)
        if sender.sent:
            break
    stop.set()
    await task
    with services.session_factory() as s:
        acts = activity.list_activities(s, actor=org.rep_a, account_id=account_id)
        statuses = s.scalars(select(inbox.InboxEvent.status)).all()
    assert [a.summary for a in acts] == ["budget approved"]
    assert statuses == ["done"]


async def test_failed_delivery_is_kept_in_outbox(services: Services, org: Org) -> None:
    _setup(services, org)
    worker = InboxWorker(
        session_factory=services.session_factory,
        router=build_router(services),
        senders={"slack": CollectingSender(True)},
    )
    await worker.accept(_message("Ev3", "help"))
    await worker.run_once()
    with services.session_factory() as s:
        failed = outbox.list_by_status(s, status=outbox.FAILED)
    assert len(failed) == 1 and "platform down" in (failed[0].last_error or "")
    assert failed[0].reply["title"] == "What I can do"
