"""Account aggregate: customer companies with industry, size and name aliases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.errors import Conflict, InvalidInput, NotFound
from crm_store.permissions import check_tenant, require_sales_role
from crm_store.snapshot import snapshot
from crm_store.source import SourceMessage

_UPDATABLE = frozenset({"name", "aliases", "industry", "size", "owner_id", "renewal_date"})


class Account(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    industry: Mapped[str | None] = mapped_column(String(80), nullable=True)
    size: Mapped[str | None] = mapped_column(String(40), nullable=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    renewal_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def create_account(
    session: Session,
    *,
    actor: Actor,
    name: str,
    aliases: list[str] | None = None,
    industry: str | None = None,
    size: str | None = None,
    owner_id: int | None = None,
    source: SourceMessage | None = None,
    at: datetime | None = None,
) -> Account:
    """Create a customer account; names are unique per tenant (case-insensitive)."""
    require_sales_role(actor, "accounts")
    clean = name.strip()
    if not clean:
        raise InvalidInput("account name must not be empty")
    if find_account_by_name(session, actor=actor, name=clean) is not None:
        raise Conflict(f"account {clean!r} already exists")
    account = Account(
        tenant_id=actor.tenant_id,
        name=clean,
        aliases=[a.strip() for a in aliases or []],
        industry=industry,
        size=size,
        owner_id=owner_id or actor.user_id,
        created_at=at or utcnow(),
    )
    session.add(account)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity="account",
        entity_id=account.id,
        before=None,
        after=snapshot(account),
        source=source,
        at=at,
    )
    return account


def get_account(session: Session, *, actor: Actor, account_id: int) -> Account:
    """Accounts are visible to the whole tenant so reps can find who they meet."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(f"account {account_id} not found")
    check_tenant(actor, account.tenant_id)
    return account


def find_account_by_name(session: Session, *, actor: Actor, name: str) -> Account | None:
    stmt = select(Account).where(
        Account.tenant_id == actor.tenant_id, func.lower(Account.name) == name.strip().lower()
    )
    return session.scalars(stmt).first()


def list_accounts(session: Session, *, actor: Actor) -> list[Account]:
    stmt = select(Account).where(Account.tenant_id == actor.tenant_id).order_by(Account.id)
    return list(session.scalars(stmt))


def update_account(
    session: Session,
    *,
    actor: Actor,
    account_id: int,
    changes: dict[str, Any],
    source: SourceMessage | None = None,
) -> Account:
    require_sales_role(actor, "accounts")
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise InvalidInput(f"cannot update account fields: {sorted(unknown)}")
    account = get_account(session, actor=actor, account_id=account_id)
    before = snapshot(account)
    for key, value in changes.items():
        setattr(account, key, value)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="update",
        entity="account",
        entity_id=account.id,
        before=before,
        after=snapshot(account),
        source=source,
    )
    return account
