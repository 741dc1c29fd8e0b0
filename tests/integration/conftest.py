"""Whole-app fixtures: the real app on a per-test database, a fake platform API, a demo org."""

from __future__ import annotations

import asyncio
import functools
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, select

import connectors.dingtalk
import connectors.wecom
from bot.app import create_app
from bot.services import Services
from bot.settings import Settings
from crm_store import account, activity, inbox, outbox
from crm_store.db import make_engine, make_session_factory, transaction
from crm_store.digest_pref import set_preference
from crm_store.enums import IdentityPlatform
from crm_store.user import link_identity
from nlp.local_parser import LocalParser
from tests.conftest import Org
from tests.connectors.fakeapi import FakeAPI
from tests.integration.platforms import DRIVERS, Driver, Outgoing, Sent

ACCOUNT = "Umbrella"


@pytest.fixture(scope="session")
def parser() -> LocalParser:
    """The real offline parser, shared; commands used here are answered before NLU runs."""
    default = Path.home() / ".cache" / "salesbrain-test"
    return LocalParser(Path(os.environ.get("SALESBRAIN_TEST_MODEL_CACHE", default)))


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Senders keep their retry logic, with 20 ms instead of 2 s as the first backoff step.

    The settings have no backoff knob, so the connector configs built by bot.platforms get
    the shorter base here; the policy itself is unit-tested in tests/connectors.
    """
    monkeypatch.setattr(
        connectors.wecom,
        "WeComConfig",
        functools.partial(connectors.wecom.WeComConfig, backoff_base_s=0.02),
    )
    monkeypatch.setattr(
        connectors.dingtalk,
        "DingTalkConfig",
        functools.partial(connectors.dingtalk.DingTalkConfig, backoff_base_s=0.02),
    )


@pytest.fixture(params=sorted(DRIVERS))
def driver(request: pytest.FixtureRequest) -> Driver:
    return DRIVERS[request.param]()


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeAPI]:
    api = FakeAPI()
    await api.start()
    yield api
    await api.stop()


@dataclass(frozen=True)
class World:
    """The demo-like org: rep wang linked on every platform, with an account of his own."""

    org: Org
    account_id: int


@pytest.fixture
def world(engine: Engine, org: Org) -> World:
    factory = make_session_factory(engine)
    wang = org.rep_a.user_id
    assert wang is not None
    with transaction(factory) as s:
        for platform, external_id in (
            (IdentityPlatform.SLACK, "U0WANG"),
            (IdentityPlatform.WECOM, "wangwei"),
            (IdentityPlatform.DINGTALK, "staff-wang"),
        ):
            link_identity(
                s,
                actor=org.admin,
                user_id=wang,
                platform=platform,
                external_id=external_id,
            )
        account_id = account.create_account(s, actor=org.rep_a, name=ACCOUNT).id
        # The scheduler would otherwise add wang's morning brief to the outbox on start-up
        # (once his 08:00 has passed): these tests count replies to the events they send.
        set_preference(
            s,
            actor=org.rep_a,
            user_id=wang,
            changes={"brief_enabled": False, "daily_enabled": False, "weekly_enabled": False},
        )
    return World(org=org, account_id=account_id)


def _nudge_idle_worker(app: FastAPI) -> None:
    """Wake the idle worker right after the lifespan sets its stop event.

    Otherwise every shutdown waits out the worker's 1 s poll (see
    test_shutdown_does_not_wait_for_the_poll_interval); this keeps the suite fast.
    The callback runs once the lifespan's exit has set `stop` and awaits the worker.
    """
    wake = getattr(app.state.worker, "_wake", None)
    if isinstance(wake, asyncio.Event):
        asyncio.get_running_loop().call_soon(wake.set)


class Harness:
    """One platform's whole app on a shared database, driven by real signed HTTP requests."""

    def __init__(
        self,
        *,
        driver: Driver,
        api: FakeAPI,
        engine: Engine,
        world: World,
        tmp_path: Path,
        parser: LocalParser,
    ) -> None:
        self.driver = driver
        self.api = api
        self.engine = engine
        self.world = world
        self._tmp = tmp_path
        self._parser = parser
        self._factory = make_session_factory(engine)
        self.client: httpx.AsyncClient | None = None
        driver.install(api)

    def services(self, engine: Engine | None = None) -> Services:
        eng = engine or self.engine
        settings = Settings(
            env="test",
            data_dir=self._tmp / "data",
            tenant="acme-soft",
            database={"url": eng.url.render_as_string(hide_password=False)},  # type: ignore[arg-type]
            **self.driver.settings(self.api.base_url),
        )
        return Services(
            settings=settings,
            engine=eng,
            session_factory=make_session_factory(eng),
            extras={"parser": self._parser},
        )

    @asynccontextmanager
    async def running(
        self,
        *,
        run_worker: bool = True,
        engine: Engine | None = None,
        quick_stop: bool = True,
    ) -> AsyncIterator[FastAPI]:
        """create_app with its lifespan running (so the worker runs) and an ASGI client."""
        app = create_app(services=self.services(engine), run_worker=run_worker)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://salesbrain.test"
            ) as client:
                self.client = client
                try:
                    yield app
                finally:
                    self.client = None
            if quick_stop:
                _nudge_idle_worker(app)

    async def send(self, out: Outgoing) -> httpx.Response:
        assert self.client is not None, "use `async with harness.running():`"
        return await self.client.request(
            out.method, out.path, content=out.body, headers=out.headers, params=out.params
        )

    async def timed_send(self, out: Outgoing) -> tuple[httpx.Response, float]:
        start = time.perf_counter()
        response = await self.send(out)
        return response, time.perf_counter() - start

    def replies(self) -> list[Sent]:
        return self.driver.replies(self.api)

    def inbox_rows(self) -> list[inbox.InboxEvent]:
        with self._factory() as s:
            return list(s.scalars(select(inbox.InboxEvent).order_by(inbox.InboxEvent.id)))

    def outbox_rows(self) -> list[outbox.OutboxMessage]:
        with self._factory() as s:
            return list(s.scalars(select(outbox.OutboxMessage).order_by(outbox.OutboxMessage.id)))

    def activities(self) -> list[activity.Activity]:
        with self._factory() as s:
            return list(
                activity.list_activities(
                    s, actor=self.world.org.rep_a, account_id=self.world.account_id
                )
            )

    async def wait_for(self, what: str, check: Callable[[], Any], within: float = 10.0) -> Any:
        deadline = time.monotonic() + within
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {within}s waiting for {what}")
            await asyncio.sleep(0.02)

    async def settle(self, within: float = 10.0) -> None:
        """Wait until every accepted event is processed and every queued reply attempted."""

        def idle() -> bool:
            busy_in = any(r.status in (inbox.PENDING, inbox.PROCESSING) for r in self.inbox_rows())
            busy_out = any(r.status == outbox.PENDING for r in self.outbox_rows())
            return not busy_in and not busy_out

        await self.wait_for("the worker to go idle", idle, within)
        await asyncio.sleep(0.1)  # a stray second effect would show up within this


@pytest.fixture
def harness(
    driver: Driver,
    fake_api: FakeAPI,
    engine: Engine,
    world: World,
    tmp_path: Path,
    parser: LocalParser,
) -> Harness:
    return Harness(
        driver=driver, api=fake_api, engine=engine, world=world, tmp_path=tmp_path, parser=parser
    )


@pytest.fixture
def second_engine(engine: Engine) -> Iterator[Engine]:
    """A separate engine on the same database, as a restarted process would open."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    yield other
    other.dispose()
