"""Sales quotas per rep or per team and month, the yardstick of forecasts and digests."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.enums import Role
from crm_store.errors import InvalidInput, PermissionDenied
from crm_store.permissions import check_tenant
from crm_store.snapshot import snapshot
from crm_store.user import User


class Quota(Base):
    """One month's target; either for a user or for a whole team (never both)."""

    __tablename__ = "quota"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    team: Mapped[str | None] = mapped_column(String(80), nullable=True)
    month: Mapped[date] = mapped_column(Date)  # first day of the month
    amount: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def _may_set(session: Session, actor: Actor, user_id: int | None, team: str | None) -> None:
    if actor.role == Role.ADMIN:
        return
    if actor.role != Role.MANAGER or actor.team is None:
        raise PermissionDenied("only managers and admins set quotas")
    if team is not None and team != actor.team:
        raise PermissionDenied("managers set quotas for their own team only")
    if user_id is not None:
        user = session.get(User, user_id)
        if user is None or user.team != actor.team:
            raise PermissionDenied("managers set quotas for their own team only")


def set_quota(
    session: Session,
    *,
    actor: Actor,
    month: date,
    amount: Decimal | float | int,
    user_id: int | None = None,
    team: str | None = None,
    currency: str = "CNY",
) -> Quota:
    """Set (or replace) the quota of a user or a team for the month containing `month`."""
    if (user_id is None) == (team is None):
        raise InvalidInput("a quota belongs to exactly one user or one team")
    value = Decimal(str(amount))
    if value < 0:
        raise InvalidInput("a quota must not be negative")
    if user_id is not None:
        user = session.get(User, user_id)
        if user is None:
            raise InvalidInput(f"user {user_id} not found")
        check_tenant(actor, user.tenant_id)
    _may_set(session, actor, user_id, team)
    first = month.replace(day=1)
    row = session.scalars(
        select(Quota).where(
            Quota.tenant_id == actor.tenant_id,
            Quota.month == first,
            Quota.user_id.is_(None) if user_id is None else Quota.user_id == user_id,
            Quota.team.is_(None) if team is None else Quota.team == team,
        )
    ).first()
    before = snapshot(row) if row is not None else None
    if row is None:
        row = Quota(tenant_id=actor.tenant_id, user_id=user_id, team=team, month=first)
        session.add(row)
    row.amount = value
    row.currency = currency.upper()[:3]
    row.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="update" if before else "create",
        entity="quota",
        entity_id=row.id,
        before=before,
        after=snapshot(row),
        source=None,
    )
    return row


def quota_by_month(
    session: Session,
    *,
    tenant_id: int,
    start: date,
    end: date,
    user_ids: list[int] | None,
    team: str | None,
) -> dict[date, Decimal]:
    """Quota per month in [start, end); a team quota for a month wins over its reps' sum.

    `user_ids` None means the whole tenant (every user and team quota is summed, teams
    taking precedence over their members). Months without any quota are absent.
    """
    rows = session.execute(
        select(Quota.month, Quota.user_id, Quota.team, Quota.amount, User.team)
        .outerjoin(User, User.id == Quota.user_id)
        .where(Quota.tenant_id == tenant_id, Quota.month >= start, Quota.month < end)
    ).all()
    team_totals: dict[tuple[date, str], Decimal] = {}
    user_totals: dict[tuple[date, str | None], Decimal] = {}
    for month, user_id, quota_team, amount, member_team in rows:
        if quota_team is not None:
            if user_ids is None or quota_team == team:
                key = (month, quota_team)
                team_totals[key] = team_totals.get(key, Decimal(0)) + amount
        elif user_ids is None or user_id in user_ids:
            key2 = (month, member_team)
            user_totals[key2] = user_totals.get(key2, Decimal(0)) + amount
    result: dict[date, Decimal] = {}
    for (month, _), amount in team_totals.items():
        result[month] = result.get(month, Decimal(0)) + amount
    for (month, member_team), amount in user_totals.items():
        if member_team is not None and (month, member_team) in team_totals:
            continue
        result[month] = result.get(month, Decimal(0)) + amount
    return result
