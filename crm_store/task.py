"""Task aggregate: follow-ups and reminders with a due time, an owner and a done flag."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.deal import get_deal
from crm_store.enums import Role
from crm_store.errors import InvalidInput, NotFound
from crm_store.permissions import require_owned, require_sales_role
from crm_store.snapshot import snapshot
from crm_store.source import SourceMessage
from crm_store.user import owner_team


class Task(Base):
    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id"), nullable=True, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(500))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True, index=True)
    done: Mapped[bool] = mapped_column(default=False)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    source_ref: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def create_task(
    session: Session,
    *,
    actor: Actor,
    title: str,
    due_at: datetime | None = None,
    owner_id: int | None = None,
    deal_id: int | None = None,
    account_id: int | None = None,
    source: SourceMessage | None = None,
    at: datetime | None = None,
) -> Task:
    require_sales_role(actor, "tasks")
    if not title.strip():
        raise InvalidInput("task title must not be empty")
    owner = owner_id if owner_id is not None else actor.user_id
    if owner is None:
        raise InvalidInput("a task needs an owner")
    require_owned(
        actor,
        tenant_id=actor.tenant_id,
        owner_id=owner,
        owner_team=owner_team(session, owner),
        what="task",
    )
    if deal_id is not None:
        deal = get_deal(session, actor=actor, deal_id=deal_id)
        account_id = account_id or deal.account_id
    task = Task(
        tenant_id=actor.tenant_id,
        owner_id=owner,
        deal_id=deal_id,
        account_id=account_id,
        title=title.strip(),
        due_at=due_at,
        source_ref=source.ref if source else None,
        created_at=at or utcnow(),
    )
    session.add(task)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity="task",
        entity_id=task.id,
        before=None,
        after=snapshot(task),
        source=source,
        at=at,
    )
    return task


def get_task(session: Session, *, actor: Actor, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(f"task {task_id} not found")
    require_owned(
        actor,
        tenant_id=task.tenant_id,
        owner_id=task.owner_id,
        owner_team=owner_team(session, task.owner_id),
        what="task",
    )
    return task


def complete_task(
    session: Session,
    *,
    actor: Actor,
    task_id: int,
    source: SourceMessage | None = None,
    at: datetime | None = None,
) -> Task:
    task = get_task(session, actor=actor, task_id=task_id)
    before = snapshot(task)
    task.done = True
    task.done_at = at or utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="complete",
        entity="task",
        entity_id=task.id,
        before=before,
        after=snapshot(task),
        source=source,
        at=at,
    )
    return task


def delete_task(
    session: Session, *, actor: Actor, task_id: int, source: SourceMessage | None = None
) -> None:
    task = get_task(session, actor=actor, task_id=task_id)
    before = snapshot(task)
    session.delete(task)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="delete",
        entity="task",
        entity_id=task_id,
        before=before,
        after=None,
        source=source,
    )


def list_tasks(
    session: Session,
    *,
    actor: Actor,
    open_only: bool = True,
    deal_id: int | None = None,
) -> list[Task]:
    stmt = select(Task).where(Task.tenant_id == actor.tenant_id)
    if actor.role != Role.ADMIN:
        stmt = stmt.where(Task.owner_id == actor.user_id)
    if open_only:
        stmt = stmt.where(Task.done.is_(False))
    if deal_id is not None:
        stmt = stmt.where(Task.deal_id == deal_id)
    return list(session.scalars(stmt.order_by(Task.due_at.is_(None), Task.due_at, Task.id)))


def mark_reminded(session: Session, *, task_id: int, at: datetime) -> None:
    """Scheduler bookkeeping: the reminder went out (not a user write, so not audited)."""
    task = session.get(Task, task_id)
    if task is not None:
        task.reminded_at = at
        session.flush()


def due_unreminded(session: Session, *, now: datetime) -> list[Task]:
    """Open tasks whose due time has come and whose reminder was not sent yet."""
    stmt = select(Task).where(
        Task.done.is_(False),
        Task.reminded_at.is_(None),
        Task.due_at.is_not(None),
        Task.due_at <= now,
    )
    return list(session.scalars(stmt.order_by(Task.due_at)))
