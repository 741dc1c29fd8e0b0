"""Product-usage signals per customer account and day (or week), for customer health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.account import Account
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.errors import InvalidInput
from crm_store.permissions import require_sales_role

PERIODS = ("day", "week")


class UsageSignal(Base):
    """Counters for one account over one day or one week (starting on `day`)."""

    __tablename__ = "usage_signal"
    __table_args__ = (UniqueConstraint("account_id", "day", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    period: Mapped[str] = mapped_column(String(5), default="day")
    logins: Mapped[int] = mapped_column(Integer, default=0)
    active_users: Mapped[int] = mapped_column(Integer, default=0)
    seats: Mapped[int] = mapped_column(Integer, default=0)
    feature_events: Mapped[int] = mapped_column(Integer, default=0)
    support_tickets: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


@dataclass(frozen=True, slots=True)
class UsageRecord:
    """One validated usage row, ready to store."""

    account_id: int
    day: date
    period: str = "day"
    logins: int = 0
    active_users: int = 0
    seats: int = 0
    feature_events: int = 0
    support_tickets: int = 0


def upsert_usage(session: Session, *, actor: Actor, records: list[UsageRecord]) -> int:
    """Insert or replace usage rows (same account, day and period); one audit row per batch."""
    require_sales_role(actor, "usage signals")
    if not records:
        return 0
    account_ids = {r.account_id for r in records}
    known = set(
        session.scalars(
            select(Account.id).where(
                Account.tenant_id == actor.tenant_id, Account.id.in_(account_ids)
            )
        )
    )
    missing = account_ids - known
    if missing:
        raise InvalidInput(f"unknown accounts: {sorted(missing)}")
    days = {r.day for r in records}
    existing = {
        (row.account_id, row.day, row.period): row
        for row in session.scalars(
            select(UsageSignal).where(
                UsageSignal.tenant_id == actor.tenant_id,
                UsageSignal.account_id.in_(account_ids),
                UsageSignal.day.in_(days),
            )
        )
    }
    now = utcnow()
    first_id: int | None = None
    for record in records:
        if record.period not in PERIODS:
            raise InvalidInput(f"period must be one of {PERIODS}")
        row = existing.get((record.account_id, record.day, record.period))
        if row is None:
            row = UsageSignal(
                tenant_id=actor.tenant_id,
                account_id=record.account_id,
                day=record.day,
                period=record.period,
            )
            session.add(row)
            existing[(record.account_id, record.day, record.period)] = row
        row.logins = record.logins
        row.active_users = record.active_users
        row.seats = record.seats
        row.feature_events = record.feature_events
        row.support_tickets = record.support_tickets
        row.updated_at = now
    session.flush()
    first = existing[(records[0].account_id, records[0].day, records[0].period)]
    first_id = first.id
    audit.record(
        session,
        actor=actor,
        action="import",
        entity="usage_signal",
        entity_id=first_id,
        before=None,
        after={
            "rows": len(records),
            "accounts": sorted(account_ids),
            "from": min(days).isoformat(),
            "to": max(days).isoformat(),
        },
        source=None,
    )
    return len(records)
