"""Tenant aggregate: one software vendor using Salesbrain, with its CRM settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.errors import Conflict, NotFound


class Tenant(Base):
    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    default_currency: Mapped[str] = mapped_column(String(3), default="CNY")
    # Per-tenant knobs: stage SLAs in days, extra competitors, quotas...
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def create_tenant(
    session: Session, *, slug: str, name: str, default_currency: str = "CNY"
) -> Tenant:
    """Create a tenant; tenants are created by installers, so there is no actor yet."""
    if get_tenant_by_slug(session, slug=slug) is not None:
        raise Conflict(f"tenant {slug!r} already exists")
    tenant = Tenant(slug=slug, name=name, default_currency=default_currency, settings={})
    session.add(tenant)
    session.flush()
    return tenant


def get_tenant_by_slug(session: Session, *, slug: str) -> Tenant | None:
    return session.scalars(select(Tenant).where(Tenant.slug == slug)).first()


def get_tenant(session: Session, *, tenant_id: int) -> Tenant:
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise NotFound(f"tenant {tenant_id} not found")
    return tenant


def list_tenants(session: Session) -> list[Tenant]:
    return list(session.scalars(select(Tenant).order_by(Tenant.id)))
