"""Failure modes around the worker: database hiccups, crashes, replicas, shutdown, outages.

Tests marked xfail document defects found here; each reason names the fix proposed to the
lead. They are strict, so the suite turns red (XPASS) once a fix lands: drop the mark then.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

import crm_store.inbox
from crm_store import inbox, outbox
from tests.connectors.fakeapi import Answer
from tests.integration.conftest import ACCOUNT, Harness
from tests.integration.test_reliability import ok_answer, scripted

slack_only = pytest.mark.parametrize("driver", ["slack"], indirect=True)


class Crash(BaseException):
    """Stands in for the process dying: not an Exception, so nothing in the worker catches it."""


async def test_inbox_outage_answers_503_and_the_retry_is_kept(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = harness.driver
    real_enqueue = crm_store.inbox.enqueue
    failures = [OperationalError("INSERT", {}, Exception("database is locked"))]

    def flaky_enqueue(session: Any, **kw: Any) -> bool:
        if failures:
            raise failures.pop()
        return real_enqueue(session, **kw)

    monkeypatch.setattr(crm_store.inbox, "enqueue", flaky_enqueue)
    text = f"note {ACCOUNT} outage test"
    async with harness.running():
        refused = await harness.send(d.message(text, event_id="outage-1"))
        # A 5xx makes every platform redeliver; the redelivery must be taken.
        retried = await harness.send(d.message(text, event_id="outage-1", retry=1))
        await harness.wait_for("the reply", harness.replies)
        await harness.settle()
    assert (refused.status_code, retried.status_code) == (503, 200)
    assert [a.summary for a in harness.activities()] == ["outage test"]
    assert len(harness.replies()) == 1


@slack_only
async def test_crash_after_the_effect_does_not_repeat_it_on_restart(
    harness: Harness, second_engine: Engine
) -> None:
    d = harness.driver
    async with harness.running() as app:
        router = app.state.router
        original = router.handle

        def handle_then_die(message: Any, **kw: Any) -> Any:
            original(message, **kw)  # the note is committed here
            raise Crash("killed before the worker marked the event done")

        router.handle = handle_then_die
        await harness.send(d.message(f"note {ACCOUNT} signed the NDA", event_id="crash-1"))
        await harness.wait_for("the note", harness.activities)
        await asyncio.sleep(0.1)  # the Crash ends the worker task
    assert [r.status for r in harness.inbox_rows()] == [inbox.PROCESSING]

    async with harness.running(engine=second_engine):
        await harness.wait_for("the reply", harness.replies)
        await harness.settle()
    assert [a.summary for a in harness.activities()] == ["signed the NDA"]
    assert len(harness.replies()) == 1


@slack_only
@pytest.mark.xfail(
    strict=True,
    reason="bot/worker.py run_forever -> crm_store/inbox.py reset_in_flight resets EVERY "
    "'processing' row at start-up, including events a live replica is handling right now; "
    "the new replica processes them again. Reset only rows whose lease expired "
    "(claimed_at older than stale_after), and renew claimed_at while processing",
)
async def test_a_second_replica_starting_does_not_steal_in_flight_events(
    harness: Harness, second_engine: Engine
) -> None:
    d = harness.driver
    async with harness.running() as app:
        router = app.state.router
        original = router.handle
        started = asyncio.Event()
        loop = asyncio.get_running_loop()

        def slow_handle(message: Any, **kw: Any) -> Any:
            loop.call_soon_threadsafe(started.set)
            time.sleep(2.0)
            return original(message, **kw)

        router.handle = slow_handle
        await harness.send(d.message(f"note {ACCOUNT} replica test", event_id="replica-1"))
        await asyncio.wait_for(started.wait(), 5)
        # Replica B starts (rolling deploy / scale-out) while A is mid-event.
        async with harness.running(engine=second_engine):
            await harness.settle()
        await harness.settle()
    assert [a.summary for a in harness.activities()] == ["worker process"]
    assert len(harness.replies()) == 1


@slack_only
async def test_slack_server_errors_briefly_still_get_the_reply(harness: Harness) -> None:
    d = harness.driver
    busy = Answer(500, {"ok": False, "error": "internal_error"})
    harness.api.on(d.reply_path, scripted([busy, busy], then=ok_answer(harness)))
    async with harness.running():
        await harness.send(d.message(f"note {ACCOUNT} 5xx test", event_id="5xx-1"))
        await harness.settle()
    assert [r.status for r in harness.outbox_rows()] == [outbox.SENT]


@slack_only
@pytest.mark.xfail(
    strict=True,
    reason="bot/worker.py run_forever delivers inline (await self.deliver) in the one worker "
    "loop, so a destination that is rate-limited (Retry-After) holds up every other user's "
    "processing and replies; per-destination limits need per-destination delivery tasks",
)
async def test_a_rate_limited_destination_does_not_hold_up_other_users(
    harness: Harness,
) -> None:
    d = harness.driver
    limited = Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    ok = ok_answer(harness)
    harness.api.on(
        d.reply_path,
        lambda call: limited if call.json["channel"] == "DHOT-1" else ok,
    )
    async with harness.running():
        await harness.send(d.message(f"note {ACCOUNT} hot channel", event_id="hot-1"))
        await harness.wait_for("the first 429", harness.replies)
        await harness.send(d.message("help", event_id="calm-1"))
        start = time.monotonic()
        await harness.wait_for(
            "the other user's reply",
            lambda: any(s.to == "DCALM-1" for s in harness.replies()),
            within=10,
        )
        waited = time.monotonic() - start
        await harness.settle()
    assert waited < 0.5, f"the other user's reply waited {waited:.1f}s behind a 429"


@slack_only
async def test_shutdown_does_not_wait_for_the_poll_interval(harness: Harness) -> None:
    running = harness.running(quick_stop=False)
    await running.__aenter__()
    await asyncio.sleep(0.05)  # the worker is idle, waiting for work
    start = time.monotonic()
    await running.__aexit__(None, None, None)
    assert time.monotonic() - start < 0.3


@slack_only
@pytest.mark.slow  # starts a real `salesbrain worker` process (~5-10 s of imports)
async def test_the_standalone_worker_process_delivers_replies(
    harness: Harness, engine: Engine, tmp_path: Path
) -> None:
    d = harness.driver
    async with harness.running(run_worker=False):  # an API replica that only acknowledges
        await harness.send(d.message(f"note {ACCOUNT} worker process", event_id="proc-1"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESBRAIN_")}
    env.update(
        {
            "SALESBRAIN_DATA_DIR": str(tmp_path / "worker-data"),
            "SALESBRAIN_DATABASE__URL": engine.url.render_as_string(hide_password=False),
            "SALESBRAIN_TENANT": "acme-soft",
            "SALESBRAIN_LOG_LEVEL": "WARNING",
            **{
                f"SALESBRAIN_SLACK__{key.upper()}": str(value)
                for key, value in d.settings(harness.api.base_url)["slack"].items()
            },
        }
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "from bot.cli.main import app; app()", "worker", env=env
    )
    try:
        await harness.wait_for(
            "the worker process to handle the event",
            lambda: [r.status for r in harness.outbox_rows()] in ([outbox.SENT], [outbox.FAILED]),
            within=30,
        )
    finally:
        proc.kill()
        await proc.wait()
    [row] = harness.outbox_rows()
    assert (row.status, row.last_error) == (outbox.SENT, None)
    assert len(harness.replies()) == 1
