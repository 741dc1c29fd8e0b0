"""Activity aggregate: visits, calls, meetings, demos, emails and messages, linked to chat."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.account import get_account
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.deal import get_deal
from crm_store.enums import ActivityType, Role
from crm_store.errors import InvalidInput, NotFound
from crm_store.permissions import require_owned, require_sales_role
from crm_store.snapshot import snapshot
from crm_store.source import SourceMessage
from crm_store.user import owner_team


class Activity(Base):
    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id"), nullable=True, index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"), nullable=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    type: Mapped[ActivityType] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    summary: Mapped[str] = mapped_column(Text)
    # Structured extras: transcript analysis, sentiment, parsed slots...
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_ref: Mapped[str | None] = mapped_column(String(300), nullable=True)
    source_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def log_activity(
    session: Session,
    *,
    actor: Actor,
    account_id: int,
    type: ActivityType,
    summary: str,
    occurred_at: datetime | None = None,
    deal_id: int | None = None,
    contact_id: int | None = None,
    details: dict[str, Any] | None = None,
    source: SourceMessage | None = None,
) -> Activity:
    """Record an interaction; when tied to a deal the actor must be allowed to write it."""
    require_sales_role(actor, "activities")
    if actor.user_id is None:
        raise InvalidInput("an activity needs a user")
    get_account(session, actor=actor, account_id=account_id)
    if deal_id is not None:
        deal = get_deal(session, actor=actor, deal_id=deal_id)
        if deal.account_id != account_id:
            raise InvalidInput("deal does not belong to the account")
    when = occurred_at or utcnow()
    activity = Activity(
        tenant_id=actor.tenant_id,
        account_id=account_id,
        deal_id=deal_id,
        contact_id=contact_id,
        user_id=actor.user_id,
        type=ActivityType(type),
        occurred_at=when,
        summary=summary,
        details=dict(details or {}),
        source_ref=source.ref if source else None,
        source_text=source.text if source else None,
        created_at=when,
    )
    session.add(activity)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity="activity",
        entity_id=activity.id,
        before=None,
        after=snapshot(activity),
        source=source,
        at=occurred_at,
    )
    return activity


def get_activity(session: Session, *, actor: Actor, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound(f"activity {activity_id} not found")
    require_owned(
        actor,
        tenant_id=activity.tenant_id,
        owner_id=activity.user_id,
        owner_team=owner_team(session, activity.user_id),
        what="activity",
    )
    return activity


def list_activities(
    session: Session,
    *,
    actor: Actor,
    deal_id: int | None = None,
    account_id: int | None = None,
    limit: int = 50,
) -> list[Activity]:
    """Newest first; a deal's activities require access to that deal."""
    stmt = select(Activity).where(Activity.tenant_id == actor.tenant_id)
    if deal_id is not None:
        get_deal(session, actor=actor, deal_id=deal_id)
        stmt = stmt.where(Activity.deal_id == deal_id)
    elif actor.role == Role.REP:
        stmt = stmt.where(Activity.user_id == actor.user_id)
    if account_id is not None:
        stmt = stmt.where(Activity.account_id == account_id)
    stmt = stmt.order_by(Activity.occurred_at.desc(), Activity.id.desc()).limit(limit)
    return list(session.scalars(stmt))


def delete_activity(
    session: Session, *, actor: Actor, activity_id: int, source: SourceMessage | None = None
) -> None:
    """Remove an activity (undo of a log); audited with its last state."""
    activity = get_activity(session, actor=actor, activity_id=activity_id)
    before = snapshot(activity)
    session.delete(activity)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="delete",
        entity="activity",
        entity_id=activity_id,
        before=before,
        after=None,
        source=source,
    )
