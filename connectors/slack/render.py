"""Render a neutral Reply as Slack Block Kit messages with a plain-text fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from connectors.common.splitting import split_text
from connectors.types import Reply

MAX_TEXT_CHARS = 40_000
MAX_SECTION_CHARS = 3_000
MAX_BLOCKS = 50
MAX_HEADER_CHARS = 150
MAX_FIELD_CHARS = 2_000
MAX_FIELDS_PER_SECTION = 10
MAX_BUTTONS_PER_ACTIONS = 25
# Fallback text of one message stays under Slack's 40,000-character limit.
_TEXT_BUDGET = 39_000

_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.MULTILINE)

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """One chat.postMessage call: fallback text plus blocks."""

    text: str
    blocks: tuple[Block, ...]


def to_mrkdwn(text: str) -> str:
    """Escape Slack's control characters, then map light markdown to mrkdwn."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    text = _MD_BOLD.sub(r"*\1*", text)
    return _MD_HEADING.sub(r"*\1*", text)


def _plain(text: str, limit: int) -> dict[str, Any]:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return {"type": "plain_text", "text": text, "emoji": True}


def _field_blocks(reply: Reply) -> list[Block]:
    fields = [
        {"type": "mrkdwn", "text": to_mrkdwn(f"**{k}**\n{v}")[:MAX_FIELD_CHARS]}
        for k, v in reply.fields
    ]
    return [
        {"type": "section", "fields": fields[i : i + MAX_FIELDS_PER_SECTION]}
        for i in range(0, len(fields), MAX_FIELDS_PER_SECTION)
    ]


def _action_blocks(reply: Reply) -> list[Block]:
    elements: list[Block] = []
    for i, button in enumerate(reply.buttons):
        element: Block = {
            "type": "button",
            "text": _plain(button.label, 75),
            # Buttons may share an action_id; Slack needs them unique within a block,
            # so an index suffix is added here and removed again by the parser.
            "action_id": f"{button.action_id}#{i}",
            "value": button.value[:2000],
        }
        if button.style in ("primary", "danger"):
            element["style"] = button.style
        elements.append(element)
    return [
        {"type": "actions", "elements": elements[i : i + MAX_BUTTONS_PER_ACTIONS]}
        for i in range(0, len(elements), MAX_BUTTONS_PER_ACTIONS)
    ]


def _sections(text: str, limit: int = MAX_SECTION_CHARS) -> list[str]:
    """mrkdwn chunks each within `limit` after escaping (escaping can lengthen the text)."""
    out: list[str] = []
    for chunk in split_text(text, max_chars=limit):
        converted = to_mrkdwn(chunk)
        if len(converted) <= MAX_SECTION_CHARS:
            out.append(converted)
        else:
            out.extend(_sections(chunk, max(1, limit // 2)))
    return out


def render_reply(reply: Reply, *, image_url: str | None = None) -> list[SlackMessage]:
    """Split a Reply into Slack messages within 50 blocks, 3,000 chars per section, 40k text."""
    sections = _sections(reply.text)
    tail: list[Block] = _field_blocks(reply)
    if image_url:
        tail.append({"type": "image", "image_url": image_url, "alt_text": reply.title or "image"})
    if reply.links:
        links = " · ".join(f"<{link.url}|{to_mrkdwn(link.label)}>" for link in reply.links)
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": links[:3000]}]})
    tail.extend(_action_blocks(reply))

    messages: list[SlackMessage] = []
    blocks: list[Block] = []
    texts: list[str] = []
    if reply.title:
        blocks.append({"type": "header", "text": _plain(reply.title, MAX_HEADER_CHARS)})
        texts.append(to_mrkdwn(reply.title))

    def flush() -> None:
        if blocks:
            messages.append(SlackMessage(text="\n".join(texts) or " ", blocks=tuple(blocks)))
        blocks.clear()
        texts.clear()

    for chunk in sections:
        size = sum(len(t) for t in texts)
        if len(blocks) + 1 > MAX_BLOCKS or size + len(chunk) > _TEXT_BUDGET:
            flush()
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
        texts.append(chunk)
    for block in tail:
        if len(blocks) + 1 > MAX_BLOCKS:
            flush()
        blocks.append(block)
    flush()
    return messages
