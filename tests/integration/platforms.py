"""Per-platform drivers: signed/encrypted requests in, recorded replies out, bad inputs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from tests.connectors import wecom_crypto
from tests.connectors.fakeapi import Answer, FakeAPI, Recorded

TOO_BIG = 1_048_576 + 1  # one byte over the connectors' default body limit
_nonces = itertools.count(1_372_623_149)


@dataclass(frozen=True)
class Outgoing:
    """One HTTP request a platform would send to our webhook."""

    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sent:
    """A reply as the fake platform API received it."""

    to: str
    text: str
    call: Recorded


class Driver(Protocol):
    name: str
    user: str  # linked to rep "wang"
    stranger: str  # linked to nobody
    reply_path: str
    tenant: str
    transient: Answer  # a brief platform failure the sender is expected to ride out
    persistent_error: str  # fragment of the error kept in the outbox after giving up

    def settings(self, api_base: str) -> dict[str, Any]: ...

    def install(self, api: FakeAPI) -> None: ...

    def message(
        self, text: str, *, event_id: str, sender: str | None = None, retry: int = 0
    ) -> Outgoing: ...

    def replies(self, api: FakeAPI) -> list[Sent]: ...

    def bad_requests(self, text: str, *, event_id: str) -> dict[str, tuple[Outgoing, int]]: ...


# --------------------------------------------------------------------------- Slack

SLACK_SECRET = "integration-slack-signing-secret"
SLACK_TOKEN = "xoxb-integration-token"


def slack_sign(body: bytes, timestamp: str, secret: str = SLACK_SECRET) -> str:
    """Slack's v0 scheme, written independently of the connector."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def slack_request(
    body: bytes,
    *,
    timestamp: int | None = None,
    secret: str = SLACK_SECRET,
    content_type: str = "application/json",
    extra: dict[str, str] | None = None,
) -> Outgoing:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": slack_sign(body, ts, secret),
        **(extra or {}),
    }
    return Outgoing("POST", "/webhooks/slack", body, headers)


class SlackDriver:
    name = "slack"
    user = "U0WANG"
    stranger = "U0NOBODY"
    tenant = "T0ACME"
    reply_path = "/api/chat.postMessage"
    transient = Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    persistent_error = "rate limited"

    def settings(self, api_base: str) -> dict[str, Any]:
        return {
            "slack": {
                "signing_secret": SLACK_SECRET,
                "bot_token": SLACK_TOKEN,
                "api_base_url": api_base + "/api/",
            }
        }

    def install(self, api: FakeAPI) -> None:
        api.on(self.reply_path, lambda _: Answer(body={"ok": True, "ts": "1700000000.000100"}))

    def envelope(self, text: str, *, event_id: str, sender: str | None = None) -> bytes:
        user = sender or self.user
        return json.dumps(
            {
                "token": "legacy-verification-token",
                "type": "event_callback",
                "team_id": self.tenant,
                "api_app_id": "A0SALESBRAIN",
                "event_id": event_id,
                "event_time": int(time.time()),
                "authorizations": [{"user_id": "U0BOT", "is_bot": True}],
                "event": {
                    "type": "message",
                    "channel_type": "im",
                    # One DM channel per event keeps Slack's 1 msg/s pacing out of the way.
                    "channel": f"D{event_id.upper()}",
                    "user": user,
                    "text": text,
                    "ts": f"{time.time():.6f}",
                },
            }
        ).encode()

    def message(
        self, text: str, *, event_id: str, sender: str | None = None, retry: int = 0
    ) -> Outgoing:
        extra = (
            {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            if retry
            else None
        )
        return slack_request(self.envelope(text, event_id=event_id, sender=sender), extra=extra)

    def replies(self, api: FakeAPI) -> list[Sent]:
        out = []
        for call in api.calls_to(self.reply_path):
            assert call.headers["Authorization"] == f"Bearer {SLACK_TOKEN}"
            body = call.json
            sections = [b for b in body["blocks"] if b["type"] == "section" and "text" in b]
            assert sections and all(b["text"]["type"] == "mrkdwn" for b in sections)
            assert body["text"], "Slack needs the plain-text fallback next to blocks"
            text = "\n".join(b["text"]["text"] for b in sections)
            out.append(Sent(to=body["channel"], text=text, call=call))
        return out

    def bad_requests(self, text: str, *, event_id: str) -> dict[str, tuple[Outgoing, int]]:
        good = self.envelope(text, event_id=event_id)
        unsigned = slack_request(good)
        return {
            "forged signature": (slack_request(good, secret="not-the-secret"), 401),
            "stale timestamp": (slack_request(good, timestamp=int(time.time()) - 301), 401),
            "future timestamp": (slack_request(good, timestamp=int(time.time()) + 330), 401),
            "missing signature": (
                Outgoing("POST", "/webhooks/slack", good, {"Content-Type": "application/json"}),
                401,
            ),
            "body changed after signing": (
                Outgoing("POST", unsigned.path, good.replace(b"note", b"nope"), unsigned.headers),
                401,
            ),
            "malformed json": (slack_request(good[:-7]), 400),
            "event without event_id": (
                slack_request(good.replace(b'"event_id"', b'"event_idx"')),
                400,
            ),
            "oversized body": (slack_request(good + b" " * TOO_BIG), 413),
        }


# --------------------------------------------------------------------------- WeCom

WECOM_CORP = "ww0acme0integration"
WECOM_TOKEN = "IntegrationTok3n"
WECOM_AES = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
WECOM_AGENT = 1000002


def wecom_inner(text: str, *, sender: str, msg_id: str, create: int | None = None) -> str:
    create = int(time.time()) if create is None else create
    return (
        f"<xml><ToUserName><![CDATA[{WECOM_CORP}]]></ToUserName>"
        f"<FromUserName><![CDATA[{sender}]]></FromUserName><CreateTime>{create}</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>"
        f"<MsgId>{msg_id}</MsgId><AgentID>{WECOM_AGENT}</AgentID></xml>"
    )


def wecom_request(
    plain: str,
    *,
    receive_id: str = WECOM_CORP,
    token: str = WECOM_TOKEN,
    timestamp: int | None = None,
    pad_to: int = 0,
) -> Outgoing:
    """Encrypt and sign like WeCom does (independent implementation, not wechatpy)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = str(next(_nonces))
    enc = wecom_crypto.encrypt(plain, WECOM_AES, receive_id)
    body = (
        f"<xml><ToUserName><![CDATA[{WECOM_CORP}]]></ToUserName>"
        f"<AgentID><![CDATA[{WECOM_AGENT}]]></AgentID><Encrypt><![CDATA[{enc}]]></Encrypt></xml>"
    ).encode()
    body += b" " * max(0, pad_to - len(body))
    params = {
        "msg_signature": wecom_crypto.signature(token, ts, nonce, enc),
        "timestamp": ts,
        "nonce": nonce,
    }
    return Outgoing("POST", "/webhooks/wecom", body, {"Content-Type": "text/xml"}, params)


class WeComDriver:
    name = "wecom"
    user = "wangwei"
    stranger = "nobody"
    tenant = WECOM_CORP
    reply_path = "/cgi-bin/message/send"
    transient = Answer(500, {"errcode": -1, "errmsg": "system busy"})
    persistent_error = "gave up after 4 attempts: http 500"

    def settings(self, api_base: str) -> dict[str, Any]:
        return {
            "wecom": {
                "corp_id": WECOM_CORP,
                "agent_id": WECOM_AGENT,
                "secret": "integration-corp-secret",
                "token": WECOM_TOKEN,
                "encoding_aes_key": WECOM_AES,
                "api_base_url": api_base + "/cgi-bin",
            }
        }

    def install(self, api: FakeAPI) -> None:
        api.on(
            "/cgi-bin/gettoken",
            lambda _: Answer(body={"errcode": 0, "access_token": "wecom-tok", "expires_in": 7200}),
        )
        api.on(self.reply_path, lambda _: Answer(body={"errcode": 0, "errmsg": "ok"}))

    def message(
        self, text: str, *, event_id: str, sender: str | None = None, retry: int = 0
    ) -> Outgoing:
        # WeCom redelivers the same MsgId, re-signed with a new nonce.
        digits = str(int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16))
        return wecom_request(wecom_inner(text, sender=sender or self.user, msg_id=digits))

    def replies(self, api: FakeAPI) -> list[Sent]:
        out = []
        for call in api.calls_to(self.reply_path):
            assert call.query["access_token"] == "wecom-tok"
            body = call.json
            assert body["agentid"] == WECOM_AGENT and body["msgtype"] in ("markdown", "text")
            text = body[body["msgtype"]]["content"]
            assert len(text.encode("utf-8")) <= 2048
            out.append(Sent(to=body["touser"], text=text, call=call))
        return out

    def bad_requests(self, text: str, *, event_id: str) -> dict[str, tuple[Outgoing, int]]:
        plain = wecom_inner(text, sender=self.user, msg_id="7300000000000000001")
        old = int(time.time()) - 7200
        undecryptable = wecom_request(plain)
        other = wecom_request(plain)  # same text, fresh random prefix: another ciphertext
        return {
            "forged signature": (wecom_request(plain, token="not-the-token"), 403),
            "stale timestamp": (wecom_request(plain, timestamp=old), 403),
            "wrong CorpID": (wecom_request(plain, receive_id="ww0someone0else"), 403),
            "malformed outer xml": (
                Outgoing(
                    "POST",
                    "/webhooks/wecom",
                    undecryptable.body[:-9],
                    undecryptable.headers,
                    undecryptable.params,
                ),
                400,
            ),
            "malformed inner xml": (wecom_request("<xml><MsgType>text</MsgType"), 400),
            "signature over other ciphertext": (
                Outgoing(
                    "POST", "/webhooks/wecom", other.body, other.headers, undecryptable.params
                ),
                403,
            ),
            "xml entity declaration": (
                wecom_request('<!DOCTYPE x [<!ENTITY a "aaaa">]>' + plain),
                400,
            ),
            "missing query parameters": (
                Outgoing("POST", "/webhooks/wecom", undecryptable.body, undecryptable.headers),
                400,
            ),
            "oversized body": (wecom_request(plain, pad_to=TOO_BIG), 413),
        }


# --------------------------------------------------------------------------- DingTalk

DING_KEY = "dingintegrationkey"
DING_SECRET = "integration-dingtalk-app-secret"
DING_CORP = "dingcorp0acme"
SESSION_PATH = "/robot/sendBySession"


def ding_sign(timestamp: str, secret: str = DING_SECRET) -> str:
    """DingTalk's callback sign, written independently of the connector."""
    mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(mac).decode()


def ding_request(
    body: bytes, *, timestamp_ms: int | None = None, secret: str = DING_SECRET
) -> Outgoing:
    ts = str(int(time.time() * 1000) if timestamp_ms is None else timestamp_ms)
    headers = {"Content-Type": "application/json", "timestamp": ts, "sign": ding_sign(ts, secret)}
    return Outgoing("POST", "/webhooks/dingtalk", body, headers)


class DingTalkDriver:
    name = "dingtalk"
    user = "staff-wang"
    stranger = "staff-nobody"
    tenant = DING_CORP
    reply_path = SESSION_PATH
    transient = Answer(429, {"errcode": 130101, "errmsg": "send too fast"}, {"Retry-After": "0"})
    persistent_error = "send too fast"

    def __init__(self) -> None:
        self.api_base = ""

    def settings(self, api_base: str) -> dict[str, Any]:
        self.api_base = api_base
        return {
            "dingtalk": {
                "app_key": DING_KEY,
                "app_secret": DING_SECRET,
                "robot_code": DING_KEY,
                "api_base_url": api_base,
            }
        }

    def install(self, api: FakeAPI) -> None:
        api.on(self.reply_path, lambda _: Answer(body={"errcode": 0, "errmsg": "ok"}))

    def callback(self, text: str, *, event_id: str, sender: str | None = None) -> dict[str, Any]:
        now_ms = int(time.time() * 1000)
        staff = sender or self.user
        return {
            "conversationId": f"cid{staff}==",
            "conversationType": "1",
            "msgId": event_id,
            "senderNick": "王伟",
            "senderStaffId": staff,
            "senderId": f"$:LWCP_v1:${staff}",
            "senderCorpId": DING_CORP,
            "chatbotCorpId": DING_CORP,
            "chatbotUserId": "$:LWCP_v1:$bot",
            "robotCode": DING_KEY,
            "createAt": now_ms,
            "sessionWebhook": f"{self.api_base}{SESSION_PATH}?session={staff}",
            "sessionWebhookExpiredTime": now_ms + 90 * 60 * 1000,
            "msgtype": "text",
            "text": {"content": " " + text},
        }

    def message(
        self, text: str, *, event_id: str, sender: str | None = None, retry: int = 0
    ) -> Outgoing:
        data = self.callback(text, event_id=event_id, sender=sender)
        return ding_request(json.dumps(data, ensure_ascii=False).encode())

    def replies(self, api: FakeAPI) -> list[Sent]:
        out = []
        for call in api.calls_to(self.reply_path):
            body = call.json
            assert body["msgtype"] == "markdown" and body["markdown"]["title"]
            out.append(Sent(to=call.query["session"], text=body["markdown"]["text"], call=call))
        return out

    def bad_requests(self, text: str, *, event_id: str) -> dict[str, tuple[Outgoing, int]]:
        data = self.callback(text, event_id=event_id)
        good = json.dumps(data).encode()
        no_id = json.dumps({k: v for k, v in data.items() if k != "msgId"}).encode()
        stale = int(time.time() * 1000) - 3_600_001
        return {
            "forged sign": (ding_request(good, secret="not-the-secret"), 401),
            "stale timestamp": (ding_request(good, timestamp_ms=stale), 401),
            "missing sign": (
                Outgoing("POST", "/webhooks/dingtalk", good, {"Content-Type": "application/json"}),
                401,
            ),
            "malformed json": (ding_request(good[:-3]), 400),
            "json array": (ding_request(b"[1, 2]"), 400),
            "callback without msgId": (ding_request(no_id), 400),
            "oversized body": (ding_request(good + b" " * TOO_BIG), 413),
        }


DRIVERS: dict[str, type[SlackDriver] | type[WeComDriver] | type[DingTalkDriver]] = {
    "slack": SlackDriver,
    "wecom": WeComDriver,
    "dingtalk": DingTalkDriver,
}
