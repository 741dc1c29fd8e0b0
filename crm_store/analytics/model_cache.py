"""One win model per tenant and day, retrained as soon as another deal closes."""

from __future__ import annotations

import threading
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_store.analytics.features import load_timelines
from crm_store.analytics.version import history_version
from crm_store.analytics.winprob import WinModel, choose_model
from crm_store.deal import Deal
from crm_store.enums import CLOSED_STAGES

# Training reads whole timelines; the newest closed deals say most about today anyway.
TRAIN_LIMIT = 3000
_lock = threading.Lock()
_cache: dict[tuple[str, int, int, int], tuple[date, WinModel]] = {}


def tenant_model(session: Session, *, tenant_id: int, now: datetime) -> WinModel:
    """The tenant's current win model (prior or trained), cached while nothing changes."""
    closed_filter = (Deal.tenant_id == tenant_id, Deal.stage.in_([s.value for s in CLOSED_STAGES]))
    closed, newest = session.execute(
        select(func.count(), func.max(Deal.id)).where(*closed_filter)
    ).one()
    url, _, _, _ = history_version(session, tenant_id=tenant_id)
    # Open deals moving do not change what the model learnt; a deal closing does.
    key = (url, tenant_id, int(closed or 0), int(newest or 0))
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == now.date():
            return cached[1]
    ids = session.scalars(
        select(Deal.id).where(*closed_filter).order_by(Deal.closed_at.desc()).limit(TRAIN_LIMIT)
    ).all()
    timelines = load_timelines(session, tenant_id=tenant_id, deal_ids=ids)
    model = choose_model(timelines, cutoff=now)
    with _lock:
        for old in [k for k in _cache if k[:2] == key[:2]]:
            del _cache[old]
        _cache[key] = (now.date(), model)
    return model


def forget(tenant_id: int | None = None) -> None:
    """Drop cached models (tests, or after a bulk import)."""
    with _lock:
        for key in [k for k in _cache if tenant_id is None or k[1] == tenant_id]:
            del _cache[key]
