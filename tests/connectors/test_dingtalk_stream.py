"""DingTalk Stream mode: gateway open + WebSocket frames from a local fake, ACKed after accept."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

from connectors.dingtalk import DingTalkConfig, DingTalkStreamRunner
from tests.connectors.fakeapi import Answer

ROBOT_DATA = {
    "conversationId": "cidX==",
    "conversationType": "1",
    "msgId": "msgSTREAM1",
    "senderStaffId": "staff9",
    "senderNick": "李四",
    "senderCorpId": "dingcorp",
    "createAt": 1_700_000_000_000,
    "sessionWebhook": "https://oapi.dingtalk.com/robot/sendBySession?session=s",
    "sessionWebhookExpiredTime": 1_700_005_400_000,
    "msgtype": "text",
    "text": {"content": " 查一下腾讯的商机"},
}


def frame(kind: str, topic: str, mid: str, data: str) -> str:
    return json.dumps(
        {
            "specVersion": "1.0",
            "type": kind,
            "headers": {
                "topic": topic,
                "messageId": mid,
                "contentType": "application/json",
                "time": "1",
            },
            "data": data,
        }
    )


async def serve(fake_api, inbox, frames: list[str], expect: int):
    acks: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def stream(ws: web.WebSocketResponse) -> None:
        for f in frames:
            await ws.send_str(f)
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await acks.put(json.loads(msg.data))

    fake_api.ws_handlers["/connect"] = stream
    endpoint = fake_api.base_url.replace("http://", "ws://") + "/connect"
    fake_api.on(
        "/v1.0/gateway/connections/open",
        lambda rec: Answer(200, {"endpoint": endpoint, "ticket": "t+1"}),
    )
    config = DingTalkConfig(app_key="dingkey", app_secret="dingsecret", api_base=fake_api.base_url)
    runner = DingTalkStreamRunner(config, inbox.accept, client=fake_api.client)
    task = asyncio.create_task(runner.run())
    try:
        got = [await asyncio.wait_for(acks.get(), timeout=5) for _ in range(expect)]
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return got


async def test_robot_frame_is_accepted_then_acked(fake_api, inbox):
    frames = [
        frame("SYSTEM", "ping", "ping-1", json.dumps({"opaque": "o1"})),
        frame(
            "CALLBACK",
            "/v1.0/im/bot/messages/get",
            "frame-1",
            json.dumps(ROBOT_DATA, ensure_ascii=False),
        ),
    ]
    ping_ack, robot_ack = await serve(fake_api, inbox, frames, expect=2)
    [opened] = fake_api.calls_to("/v1.0/gateway/connections/open")
    assert opened.json["clientId"] == "dingkey"
    assert opened.json["subscriptions"] == [
        {"type": "CALLBACK", "topic": "/v1.0/im/bot/messages/get"}
    ]
    assert ping_ack["headers"]["messageId"] == "ping-1" and json.loads(ping_ack["data"]) == {
        "opaque": "o1"
    }
    assert robot_ack["headers"]["messageId"] == "frame-1" and robot_ack["code"] == 200
    [msg] = inbox.messages
    assert (
        msg.text == "查一下腾讯的商机" and msg.event_id == "msgSTREAM1" and msg.sender == "staff9"
    )


async def test_bad_frames_are_acked_as_errors_without_accept(fake_api, inbox):
    frames = [
        frame("CALLBACK", "/v1.0/im/bot/messages/get", "bad-1", json.dumps({"msgtype": "text"})),
        frame("CALLBACK", "/v1.0/im/bot/messages/get", "bad-2", "{not json"),
    ]
    acks = await serve(fake_api, inbox, frames, expect=2)
    assert {a["headers"]["messageId"]: a["code"] for a in acks} == {"bad-1": 400, "bad-2": 400}
    assert inbox.messages == []


async def test_inbox_failure_is_reported_in_the_ack(fake_api, inbox):
    inbox.fail = True
    frames = [frame("CALLBACK", "/v1.0/im/bot/messages/get", "f-9", json.dumps(ROBOT_DATA))]
    [ack] = await serve(fake_api, inbox, frames, expect=1)
    assert ack["code"] == 500
