"""Contact aggregate: people at customer accounts and their role in the decision chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.account import get_account
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.enums import DecisionRole
from crm_store.errors import InvalidInput, NotFound
from crm_store.permissions import check_tenant, require_sales_role
from crm_store.snapshot import snapshot
from crm_store.source import SourceMessage


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str | None] = mapped_column(String(120), nullable=True)
    decision_role: Mapped[DecisionRole | None] = mapped_column(String(20), nullable=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def create_contact(
    session: Session,
    *,
    actor: Actor,
    account_id: int,
    name: str,
    title: str | None = None,
    decision_role: DecisionRole | None = None,
    email: str | None = None,
    phone: str | None = None,
    source: SourceMessage | None = None,
    at: datetime | None = None,
) -> Contact:
    require_sales_role(actor, "contacts")
    if not name.strip():
        raise InvalidInput("contact name must not be empty")
    get_account(session, actor=actor, account_id=account_id)
    contact = Contact(
        tenant_id=actor.tenant_id,
        account_id=account_id,
        name=name.strip(),
        title=title,
        decision_role=DecisionRole(decision_role) if decision_role else None,
        email=email,
        phone=phone,
        created_at=at or utcnow(),
    )
    session.add(contact)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity="contact",
        entity_id=contact.id,
        before=None,
        after=snapshot(contact),
        source=source,
        at=at,
    )
    return contact


def get_contact(session: Session, *, actor: Actor, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"contact {contact_id} not found")
    check_tenant(actor, contact.tenant_id)
    return contact


def list_contacts(session: Session, *, actor: Actor, account_id: int) -> list[Contact]:
    stmt = select(Contact).where(
        Contact.tenant_id == actor.tenant_id, Contact.account_id == account_id
    )
    return list(session.scalars(stmt.order_by(Contact.id)))
