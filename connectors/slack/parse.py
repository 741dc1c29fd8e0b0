"""Translate Slack payloads (events, slash commands, block actions) into InboundMessages."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from connectors.common.errors import RequestRejected
from connectors.types import Attachment, AttachmentKind, ButtonAction, InboundMessage

PLATFORM = "slack"
# Suffix the renderer adds so that several buttons sharing one action_id stay unique.
_BUTTON_SUFFIX = re.compile(r"#\d+$")
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_LABELLED = re.compile(r"<((?:https?|mailto):[^|>]+)\|([^>]*)>")
_BARE = re.compile(r"<((?:https?|mailto):[^|>]+)>")
_ACCEPTED_SUBTYPES = {None, "file_share", "thread_broadcast"}


def _when(value: Any) -> datetime:
    try:
        return datetime.fromtimestamp(float(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.now(tz=UTC)


def _plain(text: str) -> str:
    """Undo Slack's escaping and link markup so NLU sees what the user typed."""

    def labelled(m: re.Match[str]) -> str:
        url, label = m.group(1), m.group(2)
        if url.startswith("mailto:") or url.endswith(label) or not label:
            return label or url.removeprefix("mailto:")
        return f"{label} ({url})"

    text = _LABELLED.sub(labelled, text)
    text = _BARE.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    return html.unescape(text)


def strip_mentions(text: str, bot_user_ids: set[str]) -> str:
    """Remove leading mentions and every mention of the bot itself; keep other mentions."""
    text = _MENTION.sub(lambda m: "" if m.group(1) in bot_user_ids else m.group(0), text)
    while True:
        m = _MENTION.match(text.lstrip())
        if m is None:
            break
        text = text.lstrip()[m.end() :]
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _attachments(files: Any) -> tuple[Attachment, ...]:
    out: list[Attachment] = []
    for f in files if isinstance(files, list) else []:
        if not isinstance(f, dict):
            continue
        mime = f.get("mimetype") or None
        kind = AttachmentKind.FILE
        if isinstance(mime, str) and mime.startswith("image/"):
            kind = AttachmentKind.IMAGE
        elif isinstance(mime, str) and mime.startswith("audio/"):
            kind = AttachmentKind.VOICE
        elif isinstance(mime, str) and mime.startswith("video/"):
            kind = AttachmentKind.VIDEO
        size = f.get("size")
        out.append(
            Attachment(
                kind=kind,
                name=f.get("name") or f.get("title"),
                url=f.get("url_private_download") or f.get("url_private"),
                media_id=f.get("id"),
                mime_type=mime,
                size=size if isinstance(size, int) else None,
            )
        )
    return tuple(out)


def parse_event_callback(envelope: Mapping[str, Any]) -> list[InboundMessage]:
    """An `event_callback` envelope (HTTP body or Socket Mode `events_api` payload)."""
    event = envelope.get("event")
    event_id = envelope.get("event_id")
    if not isinstance(event, dict) or not isinstance(event_id, str):
        raise RequestRejected(400, "event_callback without event or event_id")
    etype = event.get("type")
    if event.get("bot_id") or event.get("subtype") not in _ACCEPTED_SUBTYPES:
        return []  # our own and other bots' messages, edits, deletions, joins
    channel = event.get("channel")
    user = event.get("user")
    if not isinstance(channel, str) or not isinstance(user, str):
        return []
    is_dm = channel.startswith("D") or event.get("channel_type") == "im"
    if etype == "message":
        # Only DMs: channel messages reach us as app_mention (subscribing to both would
        # deliver one mention twice under different event ids).
        if event.get("channel_type") != "im":
            return []
    elif etype == "app_mention":
        if is_dm:
            return []  # the DM's `message` event carries the same text
    else:
        return []  # file_shared and others duplicate the message event or are not for us
    bot_ids = {
        a["user_id"]
        for a in envelope.get("authorizations") or []
        if isinstance(a, dict) and isinstance(a.get("user_id"), str)
    }
    text = strip_mentions(str(event.get("text") or ""), bot_ids)
    context: dict[str, str] = {"source": "event", "ts": str(event.get("ts") or "")}
    if event.get("thread_ts"):
        context["thread_ts"] = str(event["thread_ts"])
    team = envelope.get("team_id") or event.get("team") or ""
    return [
        InboundMessage(
            platform=PLATFORM,
            tenant=str(team),
            channel=channel,
            sender=user,
            text=_plain(text),
            event_id=event_id,
            received_at=_when(envelope.get("event_time") or event.get("ts")),
            attachments=_attachments(event.get("files")),
            is_group=not is_dm,
            reply_context=context,
        )
    ]


def parse_command(form: Mapping[str, str], *, command: str) -> list[InboundMessage]:
    """A slash command (form fields, or the Socket Mode `slash_commands` payload)."""
    if form.get("command") != command:
        return []
    user, channel = form.get("user_id"), form.get("channel_id")
    trigger = form.get("trigger_id")
    if not user or not channel or not trigger:
        raise RequestRejected(400, "slash command without user, channel or trigger_id")
    context = {"source": "command", "trigger_id": trigger}
    if form.get("response_url"):
        context["response_url"] = form["response_url"]
    return [
        InboundMessage(
            platform=PLATFORM,
            tenant=form.get("team_id", ""),
            channel=channel,
            sender=user,
            text=_plain(form.get("text", "")).strip(),
            event_id=f"cmd:{trigger}",
            received_at=datetime.now(tz=UTC),
            is_group=not channel.startswith("D"),
            sender_name=form.get("user_name") or None,
            reply_context=context,
        )
    ]


def parse_interaction(payload: Mapping[str, Any]) -> list[InboundMessage]:
    """A `block_actions` payload: one InboundMessage per clicked button."""
    if payload.get("type") != "block_actions":
        return []
    user = payload.get("user") or {}
    channel = payload.get("channel") or {}
    container = payload.get("container") or {}
    actions = payload.get("actions")
    if not isinstance(user, dict) or not isinstance(actions, list):
        raise RequestRejected(400, "block_actions without user or actions")
    channel_id = (channel.get("id") if isinstance(channel, dict) else None) or (
        container.get("channel_id") if isinstance(container, dict) else None
    )
    if not isinstance(user.get("id"), str) or not isinstance(channel_id, str):
        raise RequestRejected(400, "block_actions without user or channel")
    team = payload.get("team") or {}
    out: list[InboundMessage] = []
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("action_id"), str):
            continue
        context = {"source": "block_actions"}
        for key in ("response_url", "trigger_id"):
            if isinstance(payload.get(key), str):
                context[key] = payload[key]
        if isinstance(container, dict) and container.get("message_ts"):
            context["message_ts"] = str(container["message_ts"])
            if container.get("thread_ts"):
                context["thread_ts"] = str(container["thread_ts"])
        action_ts = str(action.get("action_ts") or "")
        out.append(
            InboundMessage(
                platform=PLATFORM,
                tenant=str(team.get("id", "")) if isinstance(team, dict) else "",
                channel=channel_id,
                sender=user["id"],
                text="",
                event_id=f"act:{payload.get('trigger_id') or ''}:{action_ts}",
                received_at=_when(action_ts or None),
                action=ButtonAction(
                    action_id=_BUTTON_SUFFIX.sub("", action["action_id"]),
                    value=str(action.get("value") or ""),
                ),
                is_group=not channel_id.startswith("D"),
                sender_name=user.get("username") or user.get("name") or None,
                reply_context=context,
            )
        )
    return out


def parse_form(body: bytes, *, command: str) -> list[InboundMessage] | None:
    """A form-encoded body: slash command or `payload=` interaction. None for ssl_check."""
    try:
        pairs = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
        fields = {k: v[0] for k, v in pairs.items()}
    except (UnicodeDecodeError, ValueError):
        raise RequestRejected(400, "malformed form body") from None
    if "ssl_check" in fields:
        return None
    if "payload" in fields:
        try:
            payload = json.loads(fields["payload"])
        except ValueError:
            raise RequestRejected(400, "malformed interaction payload") from None
        if not isinstance(payload, dict):
            raise RequestRejected(400, "interaction payload is not an object")
        return parse_interaction(payload)
    if "command" in fields:
        return parse_command(fields, command=command)
    raise RequestRejected(400, "unknown form body")
