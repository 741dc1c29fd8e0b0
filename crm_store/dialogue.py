"""Dialogue state persisted per conversation key, with an expiry."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store.db import Base, UtcDateTime, utcnow


class DialogueState(Base):
    __tablename__ = "dialogue_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation: Mapped[str] = mapped_column(String(400), unique=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def load_state(
    session: Session, *, conversation: str, now: datetime | None = None
) -> dict[str, Any] | None:
    """The live state of a conversation; expired state reads as none."""
    row = session.scalars(
        select(DialogueState).where(DialogueState.conversation == conversation)
    ).first()
    if row is None or row.expires_at <= (now or utcnow()):
        return None
    return dict(row.state)


def save_state(
    session: Session,
    *,
    conversation: str,
    state: dict[str, Any],
    ttl: timedelta,
    now: datetime | None = None,
) -> None:
    moment = now or utcnow()
    row = session.scalars(
        select(DialogueState).where(DialogueState.conversation == conversation)
    ).first()
    if row is None:
        session.add(
            DialogueState(
                conversation=conversation,
                state=state,
                expires_at=moment + ttl,
                updated_at=moment,
            )
        )
    else:
        row.state = state
        row.expires_at = moment + ttl
        row.updated_at = moment
    session.flush()


def clear_state(session: Session, *, conversation: str) -> None:
    session.execute(delete(DialogueState).where(DialogueState.conversation == conversation))
