"""Issue 3's contract through the whole app, for Slack, WeCom and DingTalk alike.

Real signed/encrypted HTTP requests go through the ASGI app with its lifespan (and so its
inbox worker) running; replies go out over real HTTP to a local fake of the platform API.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import Engine

from crm_store import inbox, outbox
from tests.connectors.fakeapi import Answer, Recorded
from tests.integration.conftest import ACCOUNT, Harness

ACK_BUDGET_S = 0.1
SLOW_S = 3.0


def scripted(answers: list[Answer], then: Answer) -> Any:
    """A fake-API handler answering `answers` in turn, then `then` for ever."""
    queue = list(answers)

    def handler(_: Recorded) -> Answer:
        return queue.pop(0) if queue else then

    return handler


def ok_answer(harness: Harness) -> Answer:
    handler = harness.api.handlers[harness.driver.reply_path]
    answer = handler(Recorded("POST", "", {}, {}, b""))
    assert isinstance(answer, Answer)
    return answer


async def test_reply_arrives_in_the_platform_format(harness: Harness) -> None:
    d = harness.driver
    async with harness.running():
        response = await harness.send(d.message(f"note {ACCOUNT} wants SSO", event_id="ev-fmt-1"))
        assert response.status_code == 200
        sent = await harness.wait_for("the reply", harness.replies)
        await harness.settle()
    assert len(sent) == 1
    assert f"{ACCOUNT}" in sent[0].text and "wants SSO" in sent[0].text
    expected_to = {"slack": "DEV-FMT-1", "wecom": d.user, "dingtalk": d.user}[d.name]
    assert sent[0].to == expected_to
    [note] = harness.activities()
    assert note.summary == "wants SSO"
    assert note.source_ref is not None and note.source_ref.startswith(f"{d.name}:{d.tenant}:")
    assert [r.status for r in harness.inbox_rows()] == [inbox.DONE]
    assert [r.status for r in harness.outbox_rows()] == [outbox.SENT]


async def test_unknown_sender_gets_the_onboarding_text(harness: Harness) -> None:
    d = harness.driver
    async with harness.running():
        message = d.message("hello, what can you do?", event_id="ev-who-1", sender=d.stranger)
        assert (await harness.send(message)).status_code == 200
        sent = await harness.wait_for("the onboarding reply", harness.replies)
        await harness.settle()
    assert len(sent) == 1
    assert f"salesbrain users link --platform {d.name} --id {d.stranger}" in sent[0].text
    assert harness.activities() == []


async def test_duplicate_delivery_has_exactly_one_effect(harness: Harness) -> None:
    d = harness.driver
    text = f"note {ACCOUNT} budget approved"
    async with harness.running():
        first = await harness.send(d.message(text, event_id="ev-dup-1"))
        # The platform's retries: one after the first answer, two racing each other.
        again = await harness.send(d.message(text, event_id="ev-dup-1", retry=1))
        racing = await asyncio.gather(
            harness.send(d.message(text, event_id="ev-dup-1", retry=2)),
            harness.send(d.message(text, event_id="ev-dup-1", retry=3)),
        )
        assert [r.status_code for r in (first, again, *racing)] == [200] * 4
        await harness.wait_for("the reply", harness.replies)
        await harness.settle()
        # A late retry, after the event was fully processed, is still a no-op.
        assert (await harness.send(d.message(text, event_id="ev-dup-1", retry=3))).is_success
        await harness.settle()
    assert [a.summary for a in harness.activities()] == ["budget approved"]
    assert len(harness.inbox_rows()) == 1
    assert len(harness.replies()) == 1


async def test_event_left_pending_is_processed_by_the_next_instance(
    harness: Harness, second_engine: Engine
) -> None:
    d = harness.driver
    async with harness.running(run_worker=False):  # accepts, then "dies" before processing
        response = await harness.send(d.message(f"note {ACCOUNT} asked for a POC", event_id="r1"))
        assert response.status_code == 200
    assert [r.status for r in harness.inbox_rows()] == [inbox.PENDING]
    assert harness.replies() == [] and harness.activities() == []

    async with harness.running(engine=second_engine):
        sent = await harness.wait_for("the recovered reply", harness.replies)
        await harness.settle()
    assert len(sent) == 1 and "asked for a POC" in sent[0].text
    assert [a.summary for a in harness.activities()] == ["asked for a POC"]
    assert [r.status for r in harness.inbox_rows()] == [inbox.DONE]


async def test_slow_processing_does_not_delay_the_ack(harness: Harness) -> None:
    d = harness.driver
    async with harness.running() as app:
        # Warm-up: the first request pays for imports and statement compilation.
        await harness.send(d.message("help", event_id="warm-1"))
        await harness.wait_for("the warm-up reply", harness.replies)
        await harness.settle()

        router = app.state.router
        original = router.handle
        calls = 0

        def slow_handle(message: Any, **kw: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == 1:
                time.sleep(SLOW_S)  # runs in the worker's thread, like a slow model would
            return original(message, **kw)

        router.handle = slow_handle
        try:
            slow, slow_s = await harness.timed_send(
                d.message(f"note {ACCOUNT} slow one", event_id="slow-1")
            )
            await harness.wait_for("the worker to pick the event up", lambda: calls == 1)
            # Arrives while the first event is still being processed.
            queued, queued_s = await harness.timed_send(
                d.message(f"note {ACCOUNT} queued one", event_id="slow-2")
            )
            assert len(harness.replies()) == 1, "acks returned before processing finished"
            await harness.wait_for("both replies", lambda: len(harness.replies()) == 3, within=15)
            await harness.settle()
        finally:
            router.handle = original
    assert (slow.status_code, queued.status_code) == (200, 200)
    assert slow_s < ACK_BUDGET_S, f"ack took {slow_s * 1000:.0f} ms"
    assert queued_s < ACK_BUDGET_S, f"ack during slow processing took {queued_s * 1000:.0f} ms"
    assert sorted(a.summary for a in harness.activities()) == ["queued one", "slow one"]


async def test_bad_input_is_refused_and_nothing_is_stored(harness: Harness) -> None:
    d = harness.driver
    bad = d.bad_requests(f"note {ACCOUNT} should never be stored", event_id="bad-1")
    async with harness.running():
        statuses = {name: (await harness.send(out)).status_code for name, (out, _) in bad.items()}
        assert statuses == {name: status for name, (_, status) in bad.items()}
        await asyncio.sleep(0.1)
        assert harness.inbox_rows() == []
        assert harness.api.calls == []
        # The app is unharmed: a good request right after is served.
        good = await harness.send(d.message(f"note {ACCOUNT} after the noise", event_id="ok-1"))
        assert good.status_code == 200
        await harness.wait_for("the reply", harness.replies)
        await harness.settle()
    assert [a.summary for a in harness.activities()] == ["after the noise"]


async def test_platform_failing_briefly_still_gets_the_reply(harness: Harness) -> None:
    d = harness.driver
    ok = ok_answer(harness)
    harness.api.on(d.reply_path, scripted([d.transient, d.transient], then=ok))
    async with harness.running():
        await harness.send(d.message(f"note {ACCOUNT} call went well", event_id="flaky-1"))
        await harness.wait_for("three send attempts", lambda: len(harness.replies()) == 3)
        await harness.settle()
    assert [r.status for r in harness.outbox_rows()] == [outbox.SENT]
    texts = {s.text for s in harness.replies()}
    assert len(texts) == 1 and "call went well" in texts.pop()
    assert [a.summary for a in harness.activities()] == ["call went well"]


async def test_platform_failing_persistently_keeps_the_reply_as_failed(harness: Harness) -> None:
    d = harness.driver
    harness.api.on(d.reply_path, scripted([], then=d.transient))
    async with harness.running():
        await harness.send(d.message(f"note {ACCOUNT} renewal at risk", event_id="down-1"))
        await harness.settle(within=15)
    [row] = harness.outbox_rows()
    assert row.status == outbox.FAILED
    assert row.last_error is not None and d.persistent_error in row.last_error
    assert "renewal at risk" in row.reply["text"]  # the reply itself is kept for a resend
    # Bounded retries: the sender gave up instead of hammering the platform.
    assert 2 <= len(harness.replies()) <= 5
    # The CRM effect happened once; only the notification failed.
    assert [a.summary for a in harness.activities()] == ["renewal at risk"]
    assert [r.status for r in harness.inbox_rows()] == [inbox.DONE]


@pytest.mark.parametrize("driver", ["slack"], indirect=True)
async def test_slack_url_verification_through_the_app(harness: Harness) -> None:
    from tests.integration.platforms import slack_request

    body = b'{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",'
    body += b'"type":"url_verification"}'
    async with harness.running():
        response = await harness.send(slack_request(body))
        forged = await harness.send(slack_request(body, secret="wrong"))
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
    assert forged.status_code == 401
    assert harness.inbox_rows() == []
