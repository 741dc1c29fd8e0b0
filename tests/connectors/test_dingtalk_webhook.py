"""DingTalk HTTP callback: signed requests through the ASGI app, parsing and bad input."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import httpx
import pytest
from fastapi import FastAPI

from connectors.dingtalk import DingTalkConfig, build_router
from connectors.dingtalk.verify import compute_sign
from connectors.types import AttachmentKind

SECRET = "dt-app-secret-XYZ"
NOW = 1_700_000_000.0
NOW_MS = int(NOW * 1000)


def sign(ts: str, secret: str = SECRET) -> str:
    """Independent implementation of DingTalk's callback sign."""
    mac = hmac.new(secret.encode(), (ts + "\n" + secret).encode(), hashlib.sha256).digest()
    return base64.b64encode(mac).decode()


def make_client(inbox, **cfg):
    app = FastAPI()
    app.include_router(
        build_router(
            DingTalkConfig(app_key="dingkey", app_secret=SECRET, **cfg),
            inbox.accept,
            clock=lambda: NOW,
        )
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def callback(msgtype="text", *, group=False, at=True, msg_id="msgABC123", **extra):
    data = {
        "conversationId": "cidGROUP==" if group else "cidONE==",
        "conversationType": "2" if group else "1",
        "msgId": msg_id,
        "senderNick": "张三",
        "senderStaffId": "staff001",
        "senderId": "$:LWCP_v1:$abc",
        "senderCorpId": "dingcorp1",
        "chatbotCorpId": "dingcorp1",
        "robotCode": "dingkey",
        "createAt": NOW_MS,
        "sessionWebhook": "https://oapi.dingtalk.com/robot/sendBySession?session=xyz",
        "sessionWebhookExpiredTime": NOW_MS + 90 * 60 * 1000,
        "msgtype": msgtype,
    }
    if group:
        data["isInAtList"] = at
    data.update(extra)
    return data


async def post(client, data, *, ts: str | None = None, secret=SECRET, raw: bytes | None = None):
    ts = ts or str(NOW_MS)
    body = raw if raw is not None else json.dumps(data, ensure_ascii=False).encode()
    return await client.post(
        "/webhooks/dingtalk",
        content=body,
        headers={"Content-Type": "application/json", "timestamp": ts, "sign": sign(ts, secret)},
    )


def test_sign_matches_independent_implementation():
    assert compute_sign(SECRET, "1577262236757") == sign("1577262236757")


async def test_text_message_strips_leading_space(inbox):
    async with make_client(inbox) as c:
        r = await post(c, callback(text={"content": " 帮我记录：拜访阿里云，预算五十万"}))
    assert r.status_code == 200
    [msg] = inbox.messages
    assert msg.text == "帮我记录：拜访阿里云，预算五十万"
    assert (msg.platform, msg.tenant, msg.channel, msg.sender, msg.sender_name) == (
        "dingtalk",
        "dingcorp1",
        "cidONE==",
        "staff001",
        "张三",
    )
    assert msg.event_id == "msgABC123" and not msg.is_group
    assert msg.reply_context["sessionWebhook"].startswith(
        "https://oapi.dingtalk.com/robot/sendBySession"
    )
    assert msg.reply_context["sessionWebhookExpiredTime"] == str(NOW_MS + 90 * 60 * 1000)
    assert msg.received_at.timestamp() == NOW


async def test_group_message_only_when_mentioned(inbox):
    async with make_client(inbox) as c:
        ignored = await post(c, callback(group=True, at=False, text={"content": "闲聊"}))
        taken = await post(c, callback(group=True, msg_id="m2", text={"content": " 本周商机汇总"}))
    assert ignored.status_code == taken.status_code == 200
    [msg] = inbox.messages
    assert (
        msg.text == "本周商机汇总" and msg.is_group and msg.reply_context["conversationType"] == "2"
    )


async def test_rich_text_picture_audio_file(inbox):
    bodies = [
        callback(
            "richText",
            msg_id="r1",
            content={
                "richText": [
                    {"text": "名片如下 "},
                    {"type": "picture", "downloadCode": "dl-pic-1"},
                    {"text": "请录入"},
                ]
            },
        ),
        callback(
            "picture", msg_id="p1", content={"downloadCode": "dl-pic-2", "pictureDownloadCode": "x"}
        ),
        callback(
            "audio",
            msg_id="a1",
            content={
                "downloadCode": "dl-aud",
                "duration": 4000,
                "recognition": "明天上午十点和京东开会",
            },
        ),
        callback(
            "file",
            msg_id="f1",
            content={"downloadCode": "dl-file", "fileName": "方案.pdf", "fileId": "1"},
        ),
    ]
    async with make_client(inbox) as c:
        for body in bodies:
            assert (await post(c, body)).status_code == 200
    rich, pic, audio, file = inbox.messages
    assert rich.text == "名片如下 请录入" and rich.attachments[0].media_id == "dl-pic-1"
    assert (
        pic.attachments[0].kind == AttachmentKind.IMAGE
        and pic.attachments[0].media_id == "dl-pic-2"
    )
    assert (
        audio.text == "明天上午十点和京东开会" and audio.attachments[0].kind == AttachmentKind.VOICE
    )
    assert (file.attachments[0].kind, file.attachments[0].name) == (AttachmentKind.FILE, "方案.pdf")


async def test_duplicate_delivery_keeps_msgid(inbox):
    body = callback(text={"content": "hi"})
    async with make_client(inbox) as c:
        await post(c, body)
        await post(c, body, ts=str(NOW_MS + 5000))
    assert [m.event_id for m in inbox.messages] == ["msgABC123", "msgABC123"]
    assert len(inbox.seen) == 1


async def test_unknown_msgtype_is_ignored(inbox):
    async with make_client(inbox) as c:
        r = await post(c, callback("interactiveCard"))
    assert r.status_code == 200 and inbox.messages == []


async def test_inbox_failure_answers_503(inbox):
    inbox.fail = True
    async with make_client(inbox) as c:
        r = await post(c, callback(text={"content": "hi"}))
    assert r.status_code == 503


async def test_forged_sign_and_stale_timestamp(inbox):
    body = callback(text={"content": "hi"})
    async with make_client(inbox) as c:
        forged = await post(c, body, secret="guess")
        stale = await post(c, body, ts=str(NOW_MS - 3_600_001))
        future = await post(c, body, ts=str(NOW_MS + 3_600_001))
        missing = await c.post("/webhooks/dingtalk", json=body)
        junk_ts = await c.post(
            "/webhooks/dingtalk", json=body, headers={"timestamp": "abc", "sign": "x"}
        )
    assert [r.status_code for r in (forged, stale, future, missing, junk_ts)] == [401] * 5
    assert inbox.messages == []


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"[1,2]", b"\xff\xfe", json.dumps({"msgtype": "text"}).encode(), b""],
)
async def test_malformed_signed_bodies_are_400(inbox, raw):
    async with make_client(inbox) as c:
        r = await post(c, None, raw=raw)
    assert r.status_code == 400 and inbox.messages == []


async def test_oversized_body_is_413(inbox):
    body = callback(text={"content": "长" * 600_000})
    async with make_client(inbox) as c:
        r = await post(c, body)
    assert r.status_code == 413 and inbox.messages == []


async def test_empty_app_secret_never_verifies(inbox):
    app = FastAPI()
    config = DingTalkConfig(app_key="k", app_secret="")
    app.include_router(build_router(config, inbox.accept, clock=lambda: NOW))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        r = await post(c, callback(text={"content": "hi"}), secret="")
    assert r.status_code == 401 and inbox.messages == []
