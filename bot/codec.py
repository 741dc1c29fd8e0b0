"""JSON round-trip of neutral messages and replies for the inbox and outbox tables."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from connectors.types import (
    Attachment,
    AttachmentKind,
    Button,
    ButtonAction,
    Destination,
    InboundMessage,
    Link,
    Reply,
)


def message_to_json(message: InboundMessage) -> dict[str, Any]:
    # asdict() cannot deep-copy the read-only reply_context mapping, so fields go one by one.
    return {
        "platform": message.platform,
        "tenant": message.tenant,
        "channel": message.channel,
        "sender": message.sender,
        "text": message.text,
        "event_id": message.event_id,
        "received_at": message.received_at.isoformat(),
        "attachments": [asdict(a) for a in message.attachments],
        "action": asdict(message.action) if message.action else None,
        "is_group": message.is_group,
        "sender_name": message.sender_name,
        "reply_context": dict(message.reply_context),
    }


def message_from_json(data: dict[str, Any]) -> InboundMessage:
    action = data.get("action")
    return InboundMessage(
        platform=data["platform"],
        tenant=data["tenant"],
        channel=data["channel"],
        sender=data["sender"],
        text=data.get("text", ""),
        event_id=data["event_id"],
        received_at=datetime.fromisoformat(data["received_at"]),
        attachments=tuple(
            Attachment(**{**a, "kind": AttachmentKind(a["kind"])})
            for a in data.get("attachments", [])
        ),
        action=ButtonAction(**action) if action else None,
        is_group=bool(data.get("is_group", False)),
        sender_name=data.get("sender_name"),
        reply_context=dict(data.get("reply_context", {})),
    )


def reply_to_json(reply: Reply) -> dict[str, Any]:
    return asdict(reply)


def reply_from_json(data: dict[str, Any]) -> Reply:
    return Reply(
        text=data["text"],
        title=data.get("title"),
        fields=tuple(tuple(f) for f in data.get("fields", ())),  # type: ignore[misc]
        buttons=tuple(Button(**b) for b in data.get("buttons", ())),
        links=tuple(Link(**link) for link in data.get("links", ())),
        image_path=data.get("image_path"),
        buttons_hint=data.get("buttons_hint"),
    )


def destination_for(message: InboundMessage) -> Destination:
    return Destination(
        platform=message.platform,
        tenant=message.tenant,
        channel=message.channel,
        user=message.sender,
        reply_context=dict(message.reply_context),
    )


def destination_to_json(destination: Destination) -> dict[str, Any]:
    return {
        "platform": destination.platform,
        "tenant": destination.tenant,
        "channel": destination.channel,
        "user": destination.user,
        "reply_context": dict(destination.reply_context),
    }
