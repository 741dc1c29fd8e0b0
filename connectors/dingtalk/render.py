"""Render a neutral Reply as DingTalk markdown / ActionCard parts for both send paths."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from connectors.common.splitting import split_text
from connectors.types import Reply

MAX_CARD_BUTTONS = 5
_CARD_TEXT_CHARS = 500


@dataclass(frozen=True, slots=True)
class Part:
    """One DingTalk message: markdown, or an ActionCard when `buttons` is non-empty."""

    title: str
    text: str
    buttons: tuple[tuple[str, str], ...] = ()


def button_url(label: str) -> str:
    """A robot button cannot call back; it makes the user "say" its label to the robot."""
    return "dtmd://dingtalkclient/sendMessage?content=" + quote(label, safe="")


def _title(reply: Reply) -> str:
    # The title is what notifications and the chat list show.
    first = reply.title or next((ln for ln in reply.text.splitlines() if ln.strip()), "Salesbrain")
    return first.strip().lstrip("#").strip()[:60] or "Salesbrain"


def _markdown(reply: Reply, image_url: str | None) -> str:
    text = reply.text
    extra = [f"[{link.label}]({link.url})" for link in reply.links if link.url not in text]
    if extra:
        text += "\n\n" + "\n".join(extra)
    if image_url:
        text += f"\n\n![{reply.title or 'image'}]({image_url})"
    return text


def render_parts(reply: Reply, *, max_chars: int, image_url: str | None = None) -> list[Part]:
    """Markdown parts within `max_chars`, then an ActionCard for the buttons if any."""
    title = _title(reply)
    if not reply.buttons:
        chunks = split_text(_markdown(reply, image_url), max_chars=max_chars)
        return [Part(title=title, text=chunk) for chunk in chunks]
    short = len(reply.text) <= _CARD_TEXT_CHARS and not reply.links and not image_url
    parts = (
        []
        if short
        else [
            Part(title=title, text=c)
            for c in split_text(_markdown(reply, image_url), max_chars=max_chars)
        ]
    )
    lines = [f"#### {reply.title}"] if reply.title else []
    if short:
        lines.append(reply.text)
    lines.extend(f"- **{k}**：{v}" for k, v in reply.fields)
    buttons = tuple((b.label, button_url(b.label)) for b in reply.buttons[:MAX_CARD_BUTTONS])
    parts.append(Part(title=title, text="\n\n".join(lines) or title, buttons=buttons))
    return parts


def webhook_payload(part: Part, *, at_user: str | None = None) -> dict[str, Any]:
    """Body for POST sessionWebhook."""
    payload: dict[str, Any]
    if part.buttons:
        payload = {
            "msgtype": "actionCard",
            "actionCard": {
                "title": part.title,
                "text": part.text,
                "btnOrientation": "1" if len(part.buttons) == 2 else "0",
                "btns": [{"title": t, "actionURL": u} for t, u in part.buttons],
            },
        }
    else:
        payload = {"msgtype": "markdown", "markdown": {"title": part.title, "text": part.text}}
    if at_user:
        payload["at"] = {"atUserIds": [at_user]}
    return payload


def openapi_message(part: Part) -> tuple[str, str]:
    """(msgKey, msgParam JSON) for the robot OpenAPI send endpoints."""
    if not part.buttons:
        param: dict[str, str] = {"title": part.title, "text": part.text}
        return "sampleMarkdown", json.dumps(param, ensure_ascii=False)
    param = {"title": part.title, "text": part.text}
    if len(part.buttons) == 1:
        param["singleTitle"], param["singleURL"] = part.buttons[0]
        return "sampleActionCard", json.dumps(param, ensure_ascii=False)
    for i, (label, url) in enumerate(part.buttons, start=1):
        param[f"actionTitle{i}"] = label
        param[f"actionURL{i}"] = url
    key = "sampleActionCard6" if len(part.buttons) == 2 else f"sampleActionCard{len(part.buttons)}"
    return key, json.dumps(param, ensure_ascii=False)
