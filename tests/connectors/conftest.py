"""Fixtures for connector tests: a local fake platform API and a recording inbox."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from connectors.types import InboundMessage
from tests.connectors.fakeapi import FakeAPI, FakeClock


class Inbox:
    """Stands in for the bot's durable inbox: records every accept call."""

    def __init__(self) -> None:
        self.messages: list[InboundMessage] = []
        self.seen: set[tuple[str, str, str]] = set()
        self.fail = False

    async def accept(self, message: InboundMessage) -> bool:
        if self.fail:
            raise RuntimeError("database is down")
        self.messages.append(message)
        key = (message.platform, message.tenant, message.event_id)
        new = key not in self.seen
        self.seen.add(key)
        return new


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeAPI]:
    api = FakeAPI()
    await api.start()
    async with httpx.AsyncClient(timeout=10) as client:
        api.client = client  # senders under test share it, so no socket outlives the test
        yield api
    await api.stop()


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()
