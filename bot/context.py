"""Per-message context handed to router steps and intent handlers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from connectors.types import InboundMessage
from crm_store.actor import Actor
from crm_store.enums import Role
from crm_store.source import SourceMessage
from crm_store.user import User


@dataclass(frozen=True, slots=True)
class UserInfo:
    """A detached view of the CRM user behind a message."""

    id: int
    tenant_id: int
    username: str
    display_name: str
    role: Role
    team: str | None
    language: str
    timezone: str

    @classmethod
    def from_row(cls, user: User) -> UserInfo:
        return cls(
            id=user.id,
            tenant_id=user.tenant_id,
            username=user.username,
            display_name=user.display_name,
            role=Role(user.role),
            team=user.team,
            language=str(user.language),
            timezone=user.timezone,
        )

    @property
    def actor(self) -> Actor:
        return Actor(tenant_id=self.tenant_id, user_id=self.id, role=self.role, team=self.team)


@dataclass(frozen=True, slots=True)
class MessageContext:
    """One inbound message with its resolved user and reply language."""

    message: InboundMessage
    user: UserInfo
    lang: str
    now: datetime

    @property
    def text(self) -> str:
        return self.message.text.strip()

    @property
    def source(self) -> SourceMessage:
        m = self.message
        return SourceMessage(
            ref=f"{m.platform}:{m.tenant}:{m.channel}:{m.event_id}", text=m.text[:4000]
        )

    @property
    def conversation(self) -> str:
        return self.message.conversation.as_str()
