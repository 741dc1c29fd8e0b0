"""WeCom callback: Tencent's known-answer URL check and encrypted pushes through the ASGI app."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from connectors.types import AttachmentKind, ButtonAction
from connectors.wecom import WeComConfig, build_router
from tests.connectors import wecom_crypto

# Tencent's published sample (PROTOCOLS.md).
KA_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KA_AES = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
KA_CORP = "ww1436e0e65a779aee"
KA_QUERY = {
    "msg_signature": "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    "timestamp": "1476416373",
    "nonce": "47744683",
    "echostr": "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEt"
    "pbhnFyq6SVHyA==",
}
KA_PLAIN = "1288432023552776189"

TOKEN = "QDG6eK"
AES = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
CORP = "wx5823bf96d3bd56c7"
NOW = 1_700_000_000


def make_client(inbox, *, token=TOKEN, aes=AES, corp=CORP, now: float | None = NOW, **cfg):
    config = WeComConfig(corp_id=corp, token=token, encoding_aes_key=aes, agent_id=1000002, **cfg)
    app = FastAPI()
    kwargs = {} if now is None else {"clock": lambda: now}
    app.include_router(build_router(config, inbox.accept, **kwargs))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def inner(
    msg_type: str,
    body: str,
    *,
    sender="zhangsan",
    create=NOW,
    msg_id: str | None = "7100000000000000001",
):
    mid = f"<MsgId>{msg_id}</MsgId>" if msg_id else ""
    return (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>{create}</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>{body}{mid}"
        f"<AgentID>1000002</AgentID></xml>"
    )


def envelope(plain: str, *, receive_id=CORP, token=TOKEN, timestamp=str(NOW), nonce="1372623149"):
    enc = wecom_crypto.encrypt(plain, AES, receive_id)
    body = (
        f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID>"
        f"<Encrypt><![CDATA[{enc}]]></Encrypt></xml>"
    ).encode()
    query = {
        "msg_signature": wecom_crypto.signature(token, timestamp, nonce, enc),
        "timestamp": timestamp,
        "nonce": nonce,
    }
    return body, query


async def push(client, plain: str, **kw):
    body, query = envelope(plain, **kw)
    return await client.post(
        "/webhooks/wecom", params=query, content=body, headers={"Content-Type": "text/xml"}
    )


def test_independent_decrypt_matches_tencent_sample():
    plain, receive_id = wecom_crypto.decrypt(KA_QUERY["echostr"], KA_AES)
    assert (plain, receive_id) == (KA_PLAIN, KA_CORP)
    assert (
        wecom_crypto.signature(
            KA_TOKEN, KA_QUERY["timestamp"], KA_QUERY["nonce"], KA_QUERY["echostr"]
        )
        == KA_QUERY["msg_signature"]
    )


async def test_url_check_known_answer(inbox):
    async with make_client(inbox, token=KA_TOKEN, aes=KA_AES, corp=KA_CORP, now=1476416380) as c:
        r = await c.get("/webhooks/wecom", params=KA_QUERY)
    assert r.status_code == 200
    assert r.content == KA_PLAIN.encode()  # verbatim: no quotes, no newline
    assert r.headers["content-type"].startswith("text/plain")


async def test_url_check_with_stale_timestamp_is_refused(inbox):
    async with make_client(inbox, token=KA_TOKEN, aes=KA_AES, corp=KA_CORP, now=None) as c:
        r = await c.get("/webhooks/wecom", params=KA_QUERY)
    assert r.status_code == 403


async def test_url_check_with_forged_signature(inbox):
    bad = dict(KA_QUERY, msg_signature="0" * 40)
    async with make_client(inbox, token=KA_TOKEN, aes=KA_AES, corp=KA_CORP, now=1476416373) as c:
        r = await c.get("/webhooks/wecom", params=bad)
        missing = await c.get("/webhooks/wecom", params={"echostr": "x"})
    assert r.status_code == 403 and missing.status_code == 400


async def test_text_push_is_accepted_with_msgid_key(inbox):
    plain = inner("text", "<Content><![CDATA[ 明天下午三点拜访腾讯，讨论续约 ]]></Content>")
    async with make_client(inbox) as c:
        r = await push(c, plain)
        again = await push(c, plain, nonce="998877")  # WeCom's retry of the same message
    assert r.status_code == again.status_code == 200 and r.content == b""
    first, second = inbox.messages
    assert first.text == "明天下午三点拜访腾讯，讨论续约"
    assert (first.platform, first.tenant, first.sender, first.channel) == (
        "wecom",
        CORP,
        "zhangsan",
        "zhangsan",
    )
    assert first.event_id == second.event_id == "7100000000000000001"
    assert len(inbox.seen) == 1


async def test_voice_uses_recognition_text(inbox):
    with_rec = inner(
        "voice",
        "<MediaId><![CDATA[media-v1]]></MediaId><Format><![CDATA[amr]]></Format>"
        "<Recognition><![CDATA[给华为的报价改成八十万]]></Recognition>",
    )
    without = inner(
        "voice",
        "<MediaId><![CDATA[media-v2]]></MediaId><Format><![CDATA[amr]]></Format>",
        msg_id="2",
    )
    async with make_client(inbox) as c:
        await push(c, with_rec)
        await push(c, without)
    a, b = inbox.messages
    assert a.text == "给华为的报价改成八十万"
    assert a.attachments[0].kind == AttachmentKind.VOICE and a.attachments[0].media_id == "media-v1"
    assert a.attachments[0].mime_type == "audio/amr"
    assert b.text == "" and b.attachments[0].media_id == "media-v2"


@pytest.mark.parametrize(
    ("msg_type", "body", "kind", "media_id", "name", "url"),
    [
        (
            "image",
            "<PicUrl><![CDATA[https://wework.qpic.cn/p.jpg]]></PicUrl><MediaId><![CDATA[img-1]]></MediaId>",
            AttachmentKind.IMAGE,
            "img-1",
            None,
            "https://wework.qpic.cn/p.jpg",
        ),
        (
            "file",
            "<MediaId><![CDATA[file-1]]></MediaId><FileName><![CDATA[合同草案.docx]]></FileName><FileSize>2048</FileSize>",
            AttachmentKind.FILE,
            "file-1",
            "合同草案.docx",
            None,
        ),
        (
            "video",
            "<MediaId><![CDATA[vid-1]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>",
            AttachmentKind.VIDEO,
            "vid-1",
            None,
            None,
        ),
        (
            "link",
            "<Title><![CDATA[产品白皮书]]></Title><Description><![CDATA[d]]></Description>"
            "<Url><![CDATA[https://example.cn/wp]]></Url><PicUrl><![CDATA[]]></PicUrl>",
            AttachmentKind.LINK,
            None,
            "产品白皮书",
            "https://example.cn/wp",
        ),
    ],
)
async def test_media_messages_keep_media_id(inbox, msg_type, body, kind, media_id, name, url):
    async with make_client(inbox) as c:
        r = await push(c, inner(msg_type, body))
    assert r.status_code == 200
    [msg] = inbox.messages
    [att] = msg.attachments
    assert (att.kind, att.media_id, att.name, att.url) == (kind, media_id, name, url)
    if msg_type == "file":
        assert att.size == 2048


async def test_enter_agent_event_asks_for_welcome(inbox):
    plain = inner(
        "event",
        "<Event><![CDATA[enter_agent]]></Event><EventKey><![CDATA[]]></EventKey>",
        msg_id=None,
    )
    async with make_client(inbox) as c:
        await push(c, plain)
        await push(c, plain, nonce="2")
    first, second = inbox.messages
    assert first.text == "" and first.attachments == ()
    assert first.reply_context["event"] == "enter_agent"
    assert first.event_id == second.event_id == f"zhangsan:{NOW}:enter_agent"


async def test_template_card_click_becomes_action(inbox):
    plain = inner(
        "event",
        "<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[sb_action:confirm:42]]></EventKey>"
        "<TaskId><![CDATA[sb-abc]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>"
        "<ResponseCode><![CDATA[rc-1]]></ResponseCode>",
        msg_id=None,
    )
    async with make_client(inbox) as c:
        await push(c, plain)
    [msg] = inbox.messages
    assert msg.action == ButtonAction("sb_action", "confirm:42")
    assert msg.reply_context["task_id"] == "sb-abc" and msg.reply_context["response_code"] == "rc-1"


async def test_other_events_are_acknowledged_and_ignored(inbox):
    plain = inner("event", "<Event><![CDATA[subscribe]]></Event>", msg_id=None)
    async with make_client(inbox) as c:
        r = await push(c, plain)
    assert r.status_code == 200 and inbox.messages == []


async def test_inbox_failure_answers_503(inbox):
    inbox.fail = True
    async with make_client(inbox) as c:
        r = await push(c, inner("text", "<Content>hi</Content>"))
    assert r.status_code == 503


TEXT = inner("text", "<Content><![CDATA[hi]]></Content>")


async def test_forged_signature_is_rejected(inbox):
    async with make_client(inbox) as c:
        r = await push(c, TEXT, token="not-our-token")
    assert r.status_code == 403 and inbox.messages == []


async def test_wrong_corp_id_is_rejected(inbox):
    async with make_client(inbox) as c:
        r = await push(c, TEXT, receive_id="ww0000000000000000")
    assert r.status_code == 403 and inbox.messages == []


async def test_stale_timestamp_is_rejected(inbox):
    async with make_client(inbox) as c:
        r = await push(c, TEXT, timestamp=str(NOW - 7200))
    assert r.status_code == 403 and inbox.messages == []


def _signed(raw_encrypt: str, body: bytes | None = None):
    query = {
        "msg_signature": wecom_crypto.signature(TOKEN, str(NOW), "n", raw_encrypt),
        "timestamp": str(NOW),
        "nonce": "n",
    }
    return (
        query,
        body
        if body is not None
        else f"<xml><Encrypt><![CDATA[{raw_encrypt}]]></Encrypt></xml>".encode(),
    )


@pytest.mark.parametrize(
    "case",
    [
        "not-xml",
        "no-encrypt",
        "garbage-base64",
        "short-cipher",
        "doctype",
        "inner-not-xml",
        "inner-doctype",
    ],
)
async def test_malformed_bodies_are_4xx(inbox, case):
    if case == "not-xml":
        query, body = _signed("abc", b"<xml><Encrypt>abc</Encr")
    elif case == "no-encrypt":
        query, body = _signed("", b"<xml><Other>1</Other></xml>")
    elif case == "garbage-base64":
        query, body = _signed("%%%not base64%%%")
    elif case == "short-cipher":
        query, body = _signed("QUJD")
    elif case == "doctype":
        query, body = _signed(
            "abc", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>'
        )
    elif case == "inner-not-xml":
        enc = wecom_crypto.encrypt("this is not xml <", AES, CORP)
        query, body = _signed(enc)
    else:
        enc = wecom_crypto.encrypt(
            '<!DOCTYPE x [<!ENTITY a "b">]><xml><MsgType>text</MsgType></xml>', AES, CORP
        )
        query, body = _signed(enc)
    async with make_client(inbox) as c:
        r = await c.post("/webhooks/wecom", params=query, content=body)
    assert 400 <= r.status_code < 500, r.text
    assert inbox.messages == []


async def test_oversized_and_missing_params(inbox):
    body, query = envelope(TEXT)
    async with make_client(inbox, max_body_bytes=1000) as c:
        big = await c.post("/webhooks/wecom", params=query, content=body + b" " * 5000)
        missing = await c.post("/webhooks/wecom", params={"timestamp": str(NOW)}, content=body)
    assert big.status_code == 413 and missing.status_code == 400 and inbox.messages == []
