"""Slack Socket Mode: the real SocketModeClient against a local connections.open + WebSocket."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

from connectors.slack import SlackConfig, SlackSocketModeRunner
from tests.connectors.fakeapi import Answer

EVENT_ENVELOPE = {
    "envelope_id": "env-1",
    "type": "events_api",
    "accepts_response_payload": False,
    "retry_attempt": 0,
    "payload": {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": "Ev123",
        "event_time": 1_700_000_000,
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "user": "U1",
            "text": "下周二拜访华为",
        },
    },
}
COMMAND_ENVELOPE = {
    "envelope_id": "env-2",
    "type": "slash_commands",
    "accepts_response_payload": True,
    "payload": {
        "command": "/sb",
        "text": "my deals",
        "user_id": "U1",
        "channel_id": "C1",
        "team_id": "T1",
        "trigger_id": "tr-1",
        "response_url": "https://hooks.slack.com/commands/1",
    },
}


async def run_socket_mode(fake_api, inbox, envelopes, expect_acks):
    acks: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def link(ws: web.WebSocketResponse) -> None:
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        for env in envelopes:
            await ws.send_str(json.dumps(env))
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await acks.put(json.loads(msg.data))

    fake_api.ws_handlers["/link"] = link
    ws_url = fake_api.base_url.replace("http://", "ws://") + "/link"
    fake_api.on("/api/apps.connections.open", lambda rec: Answer(200, {"ok": True, "url": ws_url}))
    config = SlackConfig(
        signing_secret="s",
        bot_token="xoxb",
        app_token="xapp-1-test",
        api_base=fake_api.base_url + "/api/",
    )
    runner = SlackSocketModeRunner(config, inbox.accept)
    await runner.start()
    received = []
    try:
        for _ in range(expect_acks):
            received.append(await asyncio.wait_for(acks.get(), timeout=5))
    finally:
        await runner.close()
    return received


async def test_socket_mode_envelopes_are_accepted_then_acked(fake_api, inbox):
    acks = await run_socket_mode(fake_api, inbox, [EVENT_ENVELOPE, COMMAND_ENVELOPE], expect_acks=2)
    assert sorted(a["envelope_id"] for a in acks) == ["env-1", "env-2"]
    [opened] = fake_api.calls_to("/api/apps.connections.open")
    assert opened.headers["Authorization"] == "Bearer xapp-1-test"
    by_id = {m.event_id: m for m in inbox.messages}
    assert by_id["Ev123"].text == "下周二拜访华为"
    assert by_id["cmd:tr-1"].text == "my deals"


async def test_socket_mode_does_not_ack_when_inbox_fails(fake_api, inbox):
    inbox.fail = True
    ok_later = dict(COMMAND_ENVELOPE, envelope_id="env-3")

    acks: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def link(ws: web.WebSocketResponse) -> None:
        await ws.send_str(json.dumps({"type": "hello"}))
        await ws.send_str(json.dumps(EVENT_ENVELOPE))
        await asyncio.sleep(0.2)
        inbox.fail = False
        await ws.send_str(json.dumps(ok_later))
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await acks.put(json.loads(msg.data))

    fake_api.ws_handlers["/link"] = link
    ws_url = fake_api.base_url.replace("http://", "ws://") + "/link"
    fake_api.on("/api/apps.connections.open", lambda rec: Answer(200, {"ok": True, "url": ws_url}))
    config = SlackConfig(
        signing_secret="s", app_token="xapp-1", api_base=fake_api.base_url + "/api/"
    )
    runner = SlackSocketModeRunner(config, inbox.accept)
    await runner.start()
    try:
        first = await asyncio.wait_for(acks.get(), timeout=5)
        await asyncio.sleep(0.1)
    finally:
        await runner.close()
    assert first["envelope_id"] == "env-3"  # env-1 was never acked, so Slack will redeliver it
    assert acks.empty()
