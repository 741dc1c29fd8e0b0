"""Map decrypted WeCom callback messages to platform-neutral InboundMessages."""

from __future__ import annotations

from datetime import UTC, datetime

from connectors.types import Attachment, AttachmentKind, ButtonAction, InboundMessage
from connectors.wecom.sdk import WeComMessage

PLATFORM = "wecom"
_MEDIA_KINDS = {
    "image": AttachmentKind.IMAGE,
    "voice": AttachmentKind.VOICE,
    "video": AttachmentKind.VIDEO,
    "shortvideo": AttachmentKind.VIDEO,
    "file": AttachmentKind.FILE,
}
# Button keys carry "action_id:value" (see render.button_key).
_KEY_SEP = ":"


def decode_button_key(key: str) -> ButtonAction:
    action_id, sep, value = key.partition(_KEY_SEP)
    return ButtonAction(action_id=action_id, value=value) if sep else ButtonAction("sb_action", key)


def dedupe_key(msg: WeComMessage) -> str:
    """MsgId for messages; events have none, so sender + CreateTime (+ event name)."""
    if msg.msg_id:
        return msg.msg_id
    return f"{msg.from_user}:{msg.create_time}:{msg.event}"


def _attachment(msg: WeComMessage) -> Attachment | None:
    kind = _MEDIA_KINDS.get(msg.msg_type)
    if kind is not None:
        raw = msg.raw
        size = raw.get("FileSize")
        return Attachment(
            kind=kind,
            name=raw.get("FileName") or raw.get("Title") or None,
            url=msg.pic_url,
            media_id=msg.media_id,
            mime_type=f"audio/{msg.voice_format.lower()}" if msg.voice_format else None,
            size=int(size) if isinstance(size, str) and size.isdigit() else None,
        )
    if msg.msg_type == "link" and msg.url:
        return Attachment(kind=AttachmentKind.LINK, name=msg.title, url=msg.url)
    return None


def to_inbound(msg: WeComMessage, corp_id: str) -> list[InboundMessage]:
    """Zero or one InboundMessage; unsupported events yield nothing."""
    if not msg.from_user:
        return []
    context: dict[str, str] = {}
    text = ""
    action: ButtonAction | None = None
    attachments: tuple[Attachment, ...] = ()
    if msg.msg_type == "event":
        if msg.event == "enter_agent":
            context["event"] = "enter_agent"  # the bot answers with a welcome
        elif msg.event == "template_card_event":
            key = msg.raw.get("EventKey")
            if not isinstance(key, str):
                return []
            action = decode_button_key(key)
            context["event"] = "template_card_event"
            for field_name, ctx_key in (("TaskId", "task_id"), ("ResponseCode", "response_code")):
                value = msg.raw.get(field_name)
                if isinstance(value, str):
                    context[ctx_key] = value
        else:
            return []
    elif msg.msg_type == "text":
        text = msg.content.strip()
    elif msg.msg_type == "location":
        text = msg.label or ""
    else:
        att = _attachment(msg)
        if att is None:
            return []
        attachments = (att,)
        if msg.msg_type == "voice":
            text = (msg.recognition or "").strip()
    if msg.agent_id:
        context["agent_id"] = msg.agent_id
    return [
        InboundMessage(
            platform=PLATFORM,
            tenant=msg.to_user or corp_id,
            channel=msg.from_user,
            sender=msg.from_user,
            text=text,
            event_id=dedupe_key(msg),
            received_at=datetime.fromtimestamp(msg.create_time, tz=UTC)
            if msg.create_time
            else datetime.now(tz=UTC),
            attachments=attachments,
            action=action,
            reply_context=context,
        )
    ]
