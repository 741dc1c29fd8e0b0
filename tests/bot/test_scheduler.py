"""Due tasks become reminders in the owner's messenger, exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.composition import build_router
from bot.scheduler import Scheduler
from bot.services import Services
from bot.worker import InboxWorker
from connectors.types import Destination, Reply
from crm_store import task
from crm_store.db import transaction
from crm_store.enums import IdentityPlatform
from crm_store.user import link_identity
from tests.conftest import Org


class Collecting:
    def __init__(self) -> None:
        self.sent: list[tuple[Destination, Reply]] = []

    async def send(self, destination: Destination, reply: Reply) -> None:
        self.sent.append((destination, reply))


async def test_due_task_is_reminded_once_in_the_owners_messenger(
    services: Services, org: Org
) -> None:
    now = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    with transaction(services.session_factory) as s:
        link_identity(
            s,
            actor=org.admin,
            user_id=org.rep_a.user_id,
            platform=IdentityPlatform.WECOM,
            external_id="wangwei",
        )
        task.create_task(
            s, actor=org.rep_a, title="给华为发报价", due_at=now - timedelta(minutes=1)
        )
        task.create_task(s, actor=org.rep_a, title="later", due_at=now + timedelta(days=1))
        task.create_task(s, actor=org.rep_b, title="no messenger", due_at=now)
    sender = Collecting()
    worker = InboxWorker(
        session_factory=services.session_factory,
        router=build_router(services),
        senders={"wecom": sender},
    )
    scheduler = Scheduler(
        session_factory=services.session_factory, deliver=worker.deliver, platforms=worker.platforms
    )
    assert await scheduler.tick(now) == 1
    assert await scheduler.tick(now + timedelta(minutes=5)) == 0
    ((destination, reply),) = sender.sent
    assert destination.platform == "wecom" and destination.user == "wangwei"
    assert reply.text == "⏰ 提醒：给华为发报价"
