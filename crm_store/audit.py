"""Audit log: every write records actor, action, entity, before/after and source message."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.source import SourceMessage


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    source_ref: Mapped[str | None] = mapped_column(String(300), nullable=True)
    source_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    reverted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    source: SourceMessage | None,
    at: datetime | None = None,
) -> AuditLog:
    """Append one audit row in the caller's transaction."""
    row = AuditLog(
        tenant_id=actor.tenant_id,
        actor_id=actor.user_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        source_ref=source.ref if source else None,
        source_text=source.text if source else None,
        created_at=at or utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def list_entries(
    session: Session,
    *,
    actor: Actor,
    entity: str | None = None,
    entity_id: int | None = None,
    limit: int = 100,
) -> list[AuditLog]:
    """Audit rows of the actor's tenant, newest first (admins and managers read it)."""
    stmt = select(AuditLog).where(AuditLog.tenant_id == actor.tenant_id)
    if entity is not None:
        stmt = stmt.where(AuditLog.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(AuditLog.entity_id == entity_id)
    stmt = stmt.order_by(AuditLog.id.desc()).limit(limit)
    return list(session.scalars(stmt))


UNDO_ACTIONS = ("undo", "delete")


def has_writes_from(session: Session, *, source_ref: str) -> bool:
    """Whether any write already carries this chat message (a redelivered event's effect)."""
    stmt = select(AuditLog.id).where(AuditLog.source_ref == source_ref).limit(1)
    return session.scalars(stmt).first() is not None


def last_change_group(session: Session, *, actor: Actor) -> list[AuditLog]:
    """The actor's newest change and every other write from the same chat message.

    One message may log an activity and move a deal; undo reverts them together.
    """
    last = last_change_by(session, actor=actor)
    if last is None or last.source_ref is None:
        return [last] if last is not None else []
    stmt = (
        select(AuditLog)
        .where(
            AuditLog.tenant_id == actor.tenant_id,
            AuditLog.actor_id == actor.user_id,
            AuditLog.source_ref == last.source_ref,
            AuditLog.reverted.is_(False),
            AuditLog.action.not_in(UNDO_ACTIONS),
        )
        .order_by(AuditLog.id.desc())
    )
    return list(session.scalars(stmt))


def last_change_by(session: Session, *, actor: Actor) -> AuditLog | None:
    """The actor's most recent write that has not been undone (for `undo`)."""
    stmt = (
        select(AuditLog)
        .where(
            AuditLog.tenant_id == actor.tenant_id,
            AuditLog.actor_id == actor.user_id,
            AuditLog.reverted.is_(False),
            AuditLog.action.not_in(UNDO_ACTIONS),
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()
