"""Outbox: replies stored before sending, so none is lost when a platform API fails."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store.db import Base, UtcDateTime, utcnow

PENDING, SENT, FAILED = "pending", "sent", "failed"


class OutboxMessage(Base):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20), index=True)
    tenant: Mapped[str] = mapped_column(String(120))
    destination: Mapped[dict[str, Any]] = mapped_column(JSON)
    reply: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def add(
    session: Session,
    *,
    platform: str,
    tenant: str,
    destination: dict[str, Any],
    reply: dict[str, Any],
) -> OutboxMessage:
    row = OutboxMessage(
        platform=platform, tenant=tenant, destination=destination, reply=reply, status=PENDING
    )
    session.add(row)
    session.flush()
    return row


def mark_sent(session: Session, *, outbox_id: int) -> None:
    row = session.get(OutboxMessage, outbox_id)
    if row is not None:
        row.status = SENT
        row.attempts += 1
        row.updated_at = utcnow()
        session.flush()


def mark_failed(session: Session, *, outbox_id: int, error: str) -> None:
    """Keep a reply the platform refused visible (status failed, with the error)."""
    row = session.get(OutboxMessage, outbox_id)
    if row is not None:
        row.status = FAILED
        row.attempts += 1
        row.last_error = error[:2000]
        row.updated_at = utcnow()
        session.flush()


def list_by_status(session: Session, *, status: str, limit: int = 100) -> list[OutboxMessage]:
    stmt = select(OutboxMessage).where(OutboxMessage.status == status)
    return list(session.scalars(stmt.order_by(OutboxMessage.id).limit(limit)))
