"""Durable inbox: accepted chat events stored once under (platform, tenant, event id)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store.db import Base, UtcDateTime, utcnow

PENDING, PROCESSING, DONE, FAILED = "pending", "processing", "done", "failed"


class InboxEvent(Base):
    __tablename__ = "inbox_event"
    __table_args__ = (UniqueConstraint("platform", "tenant", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    tenant: Mapped[str] = mapped_column(String(120))
    event_id: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


@dataclass(frozen=True, slots=True)
class ClaimedEvent:
    id: int
    platform: str
    payload: dict[str, Any]
    attempts: int


def enqueue(
    session: Session, *, platform: str, tenant: str, event_id: str, payload: dict[str, Any]
) -> bool:
    """Store an event; False when the same (platform, tenant, event id) was seen before."""
    try:
        with session.begin_nested():
            session.add(
                InboxEvent(platform=platform, tenant=tenant, event_id=event_id, payload=payload)
            )
            session.flush()
    except IntegrityError:
        return False
    return True


def enqueue_many(
    session: Session, *, events: list[tuple[str, str, str, dict[str, Any]]]
) -> list[bool]:
    """Store several (platform, tenant, event id, payload) in one transaction; True = new."""
    return [
        enqueue(session, platform=p, tenant=t, event_id=e, payload=payload)
        for p, t, e, payload in events
    ]


def claim_next(
    session: Session, *, now: datetime | None = None, stale_after: timedelta = timedelta(minutes=5)
) -> ClaimedEvent | None:
    """Take the oldest pending event (or one stuck in processing since before a crash)."""
    moment = now or utcnow()
    stale = moment - stale_after
    candidates = session.scalars(
        select(InboxEvent.id)
        .where(
            (InboxEvent.status == PENDING)
            | ((InboxEvent.status == PROCESSING) & (InboxEvent.claimed_at < stale))
        )
        .order_by(InboxEvent.id)
        .limit(5)
    ).all()
    for event_id in candidates:
        # Compare-and-set so two workers never take the same event.
        result = session.execute(
            update(InboxEvent)
            .where(
                InboxEvent.id == event_id,
                (InboxEvent.status == PENDING)
                | ((InboxEvent.status == PROCESSING) & (InboxEvent.claimed_at < stale)),
            )
            .values(status=PROCESSING, claimed_at=moment, attempts=InboxEvent.attempts + 1)
        )
        if getattr(result, "rowcount", 0) == 1:
            row = session.get(InboxEvent, event_id)
            assert row is not None
            session.refresh(row)
            return ClaimedEvent(row.id, row.platform, dict(row.payload), row.attempts)
    return None


def reset_in_flight(session: Session) -> int:
    """On start-up, events a dead process was handling become pending again."""
    result = session.execute(
        update(InboxEvent).where(InboxEvent.status == PROCESSING).values(status=PENDING)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def mark_done(session: Session, *, inbox_id: int) -> None:
    session.execute(
        update(InboxEvent)
        .where(InboxEvent.id == inbox_id)
        .values(status=DONE, processed_at=utcnow(), error=None)
    )


def mark_failed(session: Session, *, inbox_id: int, error: str, retry: bool) -> None:
    session.execute(
        update(InboxEvent)
        .where(InboxEvent.id == inbox_id)
        .values(status=PENDING if retry else FAILED, error=error[:2000])
    )
