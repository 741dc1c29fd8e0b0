"""Render a neutral Reply as WeCom message/send payloads (text, markdown, template_card)."""

from __future__ import annotations

import uuid
from typing import Any

from connectors.common.splitting import split_text
from connectors.types import Button, Reply

MAX_CARD_BUTTONS = 6
MAX_CARD_ROWS = 6
# A confirmation's text goes into the card itself when it is this short.
_CARD_TEXT_BYTES = 500
_STYLES = {"primary": 1, "danger": 2, "default": 4}

Payload = dict[str, Any]


def button_key(button: Button) -> str:
    """The card button key; comes back as EventKey of the template_card_event."""
    return f"{button.action_id}:{button.value}"[:1024]


def _clip(text: str, max_bytes: int) -> str:
    raw = text.encode("utf-8")
    if len(raw) <= max_bytes:
        return text
    return raw[: max_bytes - 3].decode("utf-8", errors="ignore") + "…"


def _body_text(reply: Reply, markdown: bool) -> str:
    text = reply.text
    extra = [link for link in reply.links if link.url not in text]
    if extra:
        lines = [
            f"[{link.label}]({link.url})" if markdown else f"{link.label}: {link.url}"
            for link in extra
        ]
        text = text + "\n" + "\n".join(lines)
    if not markdown and reply.buttons and reply.buttons_hint:
        text = text + "\n" + reply.buttons_hint
    return text


def _text_messages(text: str, *, markdown: bool, max_bytes: int) -> list[Payload]:
    kind = "markdown" if markdown else "text"
    return [
        {"msgtype": kind, kind: {"content": chunk}}
        for chunk in split_text(text, max_bytes=max_bytes)
    ]


def _card(reply: Reply, *, with_text: bool) -> Payload:
    card: Payload = {
        "card_type": "button_interaction",
        "main_title": {"title": _clip(reply.title or reply.buttons_hint or "请确认", 120)},
        "task_id": f"sb-{uuid.uuid4().hex}",
        "button_list": [
            {"text": _clip(b.label, 30), "style": _STYLES[b.style], "key": button_key(b)}
            for b in reply.buttons[:MAX_CARD_BUTTONS]
        ],
    }
    if with_text:
        card["sub_title_text"] = reply.text
    if reply.fields:
        card["horizontal_content_list"] = [
            {"keyname": _clip(k, 30), "value": _clip(v, 90)}
            for k, v in reply.fields[:MAX_CARD_ROWS]
        ]
    return {"msgtype": "template_card", "template_card": card}


def render_reply(
    reply: Reply, *, use_markdown: bool = True, max_bytes: int = 2048
) -> list[Payload]:
    """Payloads without `touser`/`agentid`, each text within `max_bytes` UTF-8 bytes."""
    if not reply.buttons or not use_markdown:
        # Without the WeCom client (markdown off) cards may not render: text + hint only.
        return _text_messages(
            _body_text(reply, use_markdown), markdown=use_markdown, max_bytes=max_bytes
        )
    short = len(reply.text.encode("utf-8")) <= _CARD_TEXT_BYTES and not reply.links
    messages = (
        [] if short else _text_messages(_body_text(reply, True), markdown=True, max_bytes=max_bytes)
    )
    return [*messages, _card(reply, with_text=short)]
