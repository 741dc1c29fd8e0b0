"""A cheap fingerprint of a tenant's deal history, so per-day caches notice any change."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_store.deal import Deal
from crm_store.stage_history import StageHistory


def history_version(session: Session, *, tenant_id: int) -> tuple[str, int, int, int]:
    """(database, tenant, newest stage change id, number of deals): equal means unchanged."""
    newest = session.scalar(
        select(func.max(StageHistory.id)).where(StageHistory.tenant_id == tenant_id)
    )
    deals = session.scalar(
        select(func.count()).select_from(Deal).where(Deal.tenant_id == tenant_id)
    )
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    return url, tenant_id, int(newest or 0), int(deals or 0)
