"""Slack webhook: signed requests through a real ASGI app, known-answer vector, bad input."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import FastAPI

from connectors.slack import SlackConfig, build_router
from connectors.slack.verify import compute_signature
from connectors.types import AttachmentKind, ButtonAction

SECRET = "test-signing-secret-0123456789"
NOW = 1_700_000_000.0

# Slack's published example (PROTOCOLS.md).
KA_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
KA_TIMESTAMP = "1531420618"
KA_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmib"
    "IGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
KA_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def sign(body: bytes, ts: str, secret: str = SECRET) -> str:
    """Independent implementation of Slack's v0 scheme (not the SDK's)."""
    base = b"v0:" + ts.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def make_client(inbox, *, secret: str = SECRET, now: float = NOW, **cfg) -> httpx.AsyncClient:
    app = FastAPI()
    app.include_router(
        build_router(SlackConfig(signing_secret=secret, **cfg), inbox.accept, clock=lambda: now)
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def post(
    client, body: bytes, ctype: str, *, ts: str | None = None, secret=SECRET, extra=None
):
    ts = ts or str(int(NOW))
    headers = {
        "Content-Type": ctype,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": sign(body, ts, secret),
        **(extra or {}),
    }
    return await client.post("/webhooks/slack", content=body, headers=headers)


def envelope(event: dict[str, Any], event_id: str = "Ev01ABC") -> bytes:
    return json.dumps(
        {
            "type": "event_callback",
            "team_id": "T111",
            "api_app_id": "A111",
            "event_id": event_id,
            "event_time": 1_700_000_000,
            "authorizations": [{"user_id": "UBOT", "is_bot": True}],
            "event": event,
        }
    ).encode()


def test_known_answer_signature_vector():
    assert compute_signature(KA_SECRET, KA_TIMESTAMP, KA_BODY.encode()) == KA_SIGNATURE
    assert sign(KA_BODY.encode(), KA_TIMESTAMP, KA_SECRET) == KA_SIGNATURE


async def test_known_answer_request_is_accepted_through_the_route(inbox):
    async with make_client(
        inbox, secret=KA_SECRET, now=float(KA_TIMESTAMP), command="/webhook-collect"
    ) as c:
        r = await c.post(
            "/webhooks/slack",
            content=KA_BODY.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": KA_TIMESTAMP,
                "X-Slack-Signature": KA_SIGNATURE,
            },
        )
    assert r.status_code == 200
    [msg] = inbox.messages
    assert (msg.tenant, msg.channel, msg.sender, msg.text) == (
        "T1DC2JH3J",
        "G8PSS9T3V",
        "U2CERLKJA",
        "",
    )
    assert msg.event_id == "cmd:398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    assert msg.reply_context["response_url"].startswith("https://hooks.slack.com/commands/")
    assert msg.sender_name == "roadrunner"


async def test_url_verification_echoes_challenge(inbox):
    body = json.dumps(
        {"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY"}
    ).encode()
    async with make_client(inbox) as c:
        r = await post(c, body, "application/json")
    assert r.status_code == 200
    assert r.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY"}
    assert inbox.messages == []


async def test_app_mention_strips_bot_mention_and_keeps_thread(inbox):
    event = {
        "type": "app_mention",
        "user": "U222",
        "text": "<@UBOT> log a call with Acme &amp; Co, owner <@U333> "
        "<mailto:li@acme.cn|li@acme.cn>",
        "ts": "1700000000.000100",
        "channel": "C999",
        "event_ts": "1700000000.000100",
    }
    async with make_client(inbox) as c:
        r = await post(c, envelope(event), "application/json")
    assert r.status_code == 200
    [msg] = inbox.messages
    assert msg.text == "log a call with Acme & Co, owner <@U333> li@acme.cn"
    assert (msg.platform, msg.tenant, msg.channel, msg.sender) == ("slack", "T111", "C999", "U222")
    assert msg.event_id == "Ev01ABC" and msg.is_group
    assert msg.reply_context["ts"] == "1700000000.000100"


async def test_direct_message_with_file_share(inbox):
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel_type": "im",
        "channel": "D123",
        "user": "U222",
        "text": "这是报价单",
        "ts": "1700000001.000200",
        "files": [
            {
                "id": "F1",
                "name": "quote.pdf",
                "mimetype": "application/pdf",
                "size": 52311,
                "url_private": "https://files.slack.com/files-pri/T111-F1/quote.pdf",
            },
            {"id": "F2", "name": "wb.png", "mimetype": "image/png", "size": 10, "url_private": "u"},
        ],
    }
    async with make_client(inbox) as c:
        r = await post(c, envelope(event, "Ev02"), "application/json")
    assert r.status_code == 200
    [msg] = inbox.messages
    assert msg.text == "这是报价单" and not msg.is_group
    pdf, png = msg.attachments
    assert (pdf.kind, pdf.name, pdf.mime_type, pdf.size) == (
        AttachmentKind.FILE,
        "quote.pdf",
        "application/pdf",
        52311,
    )
    assert pdf.url == "https://files.slack.com/files-pri/T111-F1/quote.pdf"
    assert png.kind == AttachmentKind.IMAGE


@pytest.mark.parametrize(
    "event",
    [
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "user": "U1",
            "text": "hi",
            "bot_id": "B1",
        },
        {"type": "message", "channel_type": "im", "channel": "D1", "subtype": "message_changed"},
        {"type": "message", "channel_type": "channel", "channel": "C1", "user": "U1", "text": "hi"},
        {"type": "app_mention", "channel": "D1", "user": "U1", "text": "<@UBOT> hi"},
        {"type": "file_shared", "file_id": "F1", "user_id": "U1", "channel_id": "D1"},
    ],
)
async def test_ignored_events_are_acknowledged_without_accept(inbox, event):
    async with make_client(inbox) as c:
        r = await post(c, envelope(event), "application/json")
    assert r.status_code == 200
    assert inbox.messages == []


async def test_block_actions_become_button_action(inbox):
    payload = {
        "type": "block_actions",
        "team": {"id": "T111"},
        "user": {"id": "U222", "username": "wang"},
        "channel": {"id": "C999"},
        "container": {"type": "message", "message_ts": "1700000000.1", "channel_id": "C999"},
        "trigger_id": "trig-1",
        "response_url": "https://hooks.slack.com/actions/T111/1/abc",
        "actions": [
            {"action_id": "sb_action#1", "value": "cancel:42", "action_ts": "1700000005.5"}
        ],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    async with make_client(inbox) as c:
        r = await post(c, body, "application/x-www-form-urlencoded")
    assert r.status_code == 200
    [msg] = inbox.messages
    assert msg.action == ButtonAction(action_id="sb_action", value="cancel:42")
    assert msg.reply_context["response_url"] == payload["response_url"]
    assert msg.reply_context["message_ts"] == "1700000000.1"


async def test_slash_command_sb(inbox):
    body = urlencode(
        {
            "command": "/sb",
            "text": "pipeline this quarter",
            "user_id": "U2",
            "channel_id": "C3",
            "team_id": "T1",
            "trigger_id": "t-9",
            "response_url": "https://hooks.slack.com/commands/x",
        }
    ).encode()
    async with make_client(inbox) as c:
        r = await post(c, body, "application/x-www-form-urlencoded")
    assert r.status_code == 200
    [msg] = inbox.messages
    assert msg.text == "pipeline this quarter" and msg.reply_context["source"] == "command"


async def test_retried_event_keeps_its_event_id(inbox):
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D1",
        "user": "U1",
        "text": "hi",
        "ts": "1.0",
    }
    body = envelope(event, "Ev0RETRY")
    async with make_client(inbox) as c:
        first = await post(c, body, "application/json")
        retry = await post(
            c,
            body,
            "application/json",
            ts=str(int(NOW) + 60),
            extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
        )
    assert first.status_code == retry.status_code == 200
    assert [m.event_id for m in inbox.messages] == ["Ev0RETRY", "Ev0RETRY"]
    assert len(inbox.seen) == 1


async def test_inbox_failure_answers_503_so_slack_redelivers(inbox):
    inbox.fail = True
    event = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "hi"}
    async with make_client(inbox) as c:
        r = await post(c, envelope(event), "application/json")
    assert r.status_code == 503


def _dm_body() -> bytes:
    return envelope(
        {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "hi"}
    )


async def test_forged_signature_is_rejected(inbox):
    async with make_client(inbox) as c:
        r = await post(c, _dm_body(), "application/json", secret="not-the-secret")
    assert r.status_code == 401 and inbox.messages == []


async def test_tampered_body_is_rejected(inbox):
    body = _dm_body()
    ts = str(int(NOW))
    async with make_client(inbox) as c:
        r = await c.post(
            "/webhooks/slack",
            content=body.replace(b"hi", b"ho"),
            headers={
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": sign(body, ts),
            },
        )
    assert r.status_code == 401 and inbox.messages == []


@pytest.mark.parametrize("age", [301, -301, 3600])
async def test_stale_timestamp_is_rejected(inbox, age):
    async with make_client(inbox) as c:
        r = await post(c, _dm_body(), "application/json", ts=str(int(NOW) - age))
    assert r.status_code == 401 and inbox.messages == []


async def test_missing_signature_headers(inbox):
    async with make_client(inbox) as c:
        r = await c.post(
            "/webhooks/slack", content=_dm_body(), headers={"Content-Type": "application/json"}
        )
        r2 = await c.post(
            "/webhooks/slack",
            content=_dm_body(),
            headers={"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"},
        )
    assert r.status_code == r2.status_code == 401 and inbox.messages == []


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b'{"type": "event_callback", "event": ', "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b'{"type": "event_callback", "event": {"type": "message"}}', "application/json"),
        (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
        (b"\xff\xfe=\x00", "application/x-www-form-urlencoded"),
        (b"hello=world", "application/x-www-form-urlencoded"),
        (
            urlencode({"payload": json.dumps({"type": "block_actions"})}).encode(),
            "application/x-www-form-urlencoded",
        ),
    ],
)
async def test_malformed_signed_bodies_are_4xx(inbox, body, ctype):
    async with make_client(inbox) as c:
        r = await post(c, body, ctype)
    assert 400 <= r.status_code < 500 and inbox.messages == []


async def test_oversized_body_is_rejected_before_parsing(inbox):
    body = b'{"x": "' + b"a" * 2_000_000 + b'"}'
    async with make_client(inbox) as c:
        r = await post(c, body, "application/json")
    assert r.status_code == 413 and inbox.messages == []


async def test_oversized_chunked_body_without_length_is_rejected(inbox):
    async def chunks():
        for _ in range(20):
            yield b"a" * 100_000

    async with make_client(inbox, max_body_bytes=500_000) as c:
        r = await c.post(
            "/webhooks/slack", content=chunks(), headers={"X-Slack-Request-Timestamp": "1"}
        )
    assert r.status_code == 413 and inbox.messages == []


def test_live_clock_default_accepts_fresh_request(inbox):
    from starlette.testclient import TestClient

    app = FastAPI()
    app.include_router(build_router(SlackConfig(signing_secret=SECRET), inbox.accept))
    body = _dm_body()
    ts = str(int(time.time()))
    with TestClient(app) as tc:
        r = tc.post(
            "/webhooks/slack",
            content=body,
            headers={
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": sign(body, ts),
            },
        )
    assert r.status_code == 200 and len(inbox.messages) == 1


async def test_empty_signing_secret_never_verifies(inbox):
    # Socket-Mode-only installs have no signing secret; the HTTP route must then refuse all.
    async with make_client(inbox, secret="") as c:
        r = await post(c, _dm_body(), "application/json", secret="")
    assert r.status_code == 401 and inbox.messages == []


async def test_route_answers_well_within_the_ack_deadline(inbox):
    # Only verify + parse + accept run before the answer: a median far under 100 ms.
    event = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "hi"}
    durations = []
    async with make_client(inbox) as c:
        for i in range(15):
            start = time.perf_counter()
            r = await post(c, envelope(event, f"Ev{i}"), "application/json")
            durations.append(time.perf_counter() - start)
            assert r.status_code == 200
    assert sorted(durations)[len(durations) // 2] < 0.1
    assert len(inbox.messages) == 15
