"""Translate DingTalk robot callbacks (HTTP body or Stream frame data) into InboundMessages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from connectors.common.errors import RequestRejected
from connectors.types import Attachment, AttachmentKind, InboundMessage

PLATFORM = "dingtalk"


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else (str(value) if isinstance(value, int) else "")


def _download(content: Mapping[str, Any]) -> str | None:
    code = content.get("downloadCode") or content.get("pictureDownloadCode")
    return code if isinstance(code, str) else None


def _body(data: Mapping[str, Any]) -> tuple[str, tuple[Attachment, ...]] | None:
    kind = data.get("msgtype")
    content = data.get("content")
    content = content if isinstance(content, dict) else {}
    if kind == "text":
        text = data.get("text")
        body = text.get("content") if isinstance(text, dict) else None
        return (body.strip() if isinstance(body, str) else "", ())
    if kind == "richText":
        parts: list[str] = []
        images: list[Attachment] = []
        for item in content.get("richText") or []:
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("text"), str):
                parts.append(item["text"])
            elif item.get("type") == "picture" and _download(item):
                images.append(Attachment(kind=AttachmentKind.IMAGE, media_id=_download(item)))
        return ("".join(parts).strip(), tuple(images))
    if kind == "picture":
        return ("", (Attachment(kind=AttachmentKind.IMAGE, media_id=_download(content)),))
    if kind == "audio":
        recognition = content.get("recognition")
        voice = Attachment(kind=AttachmentKind.VOICE, media_id=_download(content))
        return (recognition.strip() if isinstance(recognition, str) else "", (voice,))
    if kind in ("file", "video"):
        name = content.get("fileName")
        att = Attachment(
            kind=AttachmentKind.FILE if kind == "file" else AttachmentKind.VIDEO,
            name=name if isinstance(name, str) else None,
            media_id=_download(content),
        )
        return ("", (att,))
    return None


def parse_callback(data: Mapping[str, Any]) -> list[InboundMessage]:
    """Zero or one message; group messages count only when the robot was @-mentioned."""
    msg_id = _str(data, "msgId")
    conversation = _str(data, "conversationId")
    sender = _str(data, "senderStaffId") or _str(data, "senderId")
    if not msg_id or not conversation or not sender:
        raise RequestRejected(400, "callback without msgId, conversationId or sender")
    is_group = _str(data, "conversationType") == "2"
    if is_group and data.get("isInAtList") is not True:
        return []
    body = _body(data)
    if body is None:
        return []
    text, attachments = body
    context = {"conversationType": "2" if is_group else "1"}
    for key in ("sessionWebhook", "sessionWebhookExpiredTime", "robotCode", "senderStaffId"):
        value = _str(data, key)
        if value:
            context[key] = value
    created = data.get("createAt")
    received = (
        datetime.fromtimestamp(created / 1000, tz=UTC)
        if isinstance(created, int) and created > 0
        else datetime.now(tz=UTC)
    )
    return [
        InboundMessage(
            platform=PLATFORM,
            tenant=_str(data, "senderCorpId") or _str(data, "chatbotCorpId"),
            channel=conversation,
            sender=sender,
            text=text,
            event_id=msg_id,
            received_at=received,
            attachments=attachments,
            is_group=is_group,
            sender_name=_str(data, "senderNick") or None,
            reply_context=context,
        )
    ]
