"""Platform-neutral message vocabulary shared by every connector and the bot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

Platform = Literal["slack", "wecom", "dingtalk", "console", "web"]

_EMPTY: Mapping[str, str] = MappingProxyType({})


class AttachmentKind(StrEnum):
    FILE = "file"
    IMAGE = "image"
    VOICE = "voice"
    VIDEO = "video"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file, image, voice note or link that came with a message."""

    kind: AttachmentKind
    name: str | None = None
    url: str | None = None
    media_id: str | None = None
    mime_type: str | None = None
    size: int | None = None
    local_path: str | None = None


@dataclass(frozen=True, slots=True)
class ButtonAction:
    """A click on a button the bot sent earlier (confirm / cancel / choice)."""

    action_id: str
    value: str


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """Identifies one dialogue: the same user in the same channel of one tenant."""

    platform: str
    tenant: str
    channel: str
    user: str

    def as_str(self) -> str:
        return f"{self.platform}:{self.tenant}:{self.channel}:{self.user}"


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One message from a user, already verified and parsed by a connector."""

    platform: str
    tenant: str
    channel: str
    sender: str
    text: str
    event_id: str
    received_at: datetime
    attachments: tuple[Attachment, ...] = ()
    action: ButtonAction | None = None
    is_group: bool = False
    sender_name: str | None = None
    # Platform details the sender needs to answer (Slack response_url,
    # DingTalk sessionWebhook and its expiry, ...); opaque to the bot.
    reply_context: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    @property
    def conversation(self) -> ConversationKey:
        return ConversationKey(self.platform, self.tenant, self.channel, self.sender)


ButtonStyle = Literal["primary", "danger", "default"]


@dataclass(frozen=True, slots=True)
class Button:
    """A button; `value` comes back as `ButtonAction.value` when clicked."""

    label: str
    value: str
    action_id: str = "sb_action"
    style: ButtonStyle = "default"


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Reply:
    """A neutral answer; each connector renders it in its platform's format.

    `text` is the body (markdown-light) and never repeats `title` or `fields`;
    a connector shows the title above and the fields below it, so a platform
    without cards composes all three into one message.
    """

    text: str
    title: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    links: tuple[Link, ...] = ()
    image_path: str | None = None
    # Text fallback for platforms without buttons, e.g. "回复 确认 / 取消".
    buttons_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Destination:
    """Where to send a reply that is not an immediate answer (reminders, digests)."""

    platform: str
    tenant: str
    channel: str
    user: str
    reply_context: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
