"""Pipeline summary for one scope: stages, forecast vs quota, top deals, stalled deals.

`load_tenant_data` reads what every digest of a tenant needs once (open deals with
features, win estimates, stage limits, won deals, health, renewals); `summarize` then
slices it for one user's scope, so a batch of digests costs one load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_store.actor import Actor
from crm_store.analytics.features import OpenDeal, current_features
from crm_store.analytics.forecast import ForecastReport, WonDeal, build_forecast, load_won
from crm_store.analytics.health import AccountHealth, RenewalDue, account_health, renewals_due
from crm_store.analytics.model_cache import tenant_model
from crm_store.analytics.scope import Scope, ScopeFilter, resolve_scope
from crm_store.analytics.stalled import StageLimit, StalledDeal, find_stalled, stage_limits
from crm_store.analytics.winprob import Factor, WinEstimate, WinModel
from crm_store.digest_pref import user_zone
from crm_store.enums import FUNNEL, Stage
from crm_store.quota import quota_by_month
from crm_store.tenant import get_tenant
from crm_store.user import User

OPEN_FUNNEL: tuple[Stage, ...] = FUNNEL[:5]


@dataclass(frozen=True, slots=True)
class StageLine:
    stage: Stage
    count: int
    amount: float
    weighted: float


@dataclass(frozen=True, slots=True)
class DealLine:
    deal_id: int
    name: str
    owner_id: int
    owner_name: str
    stage: Stage
    amount: float
    close_date: date | None
    probability: float
    factors: tuple[Factor, ...]


@dataclass(frozen=True, slots=True)
class PipelineSummary:
    scope: str  # mine / team / all, after permissions
    team: str | None
    generated_at: datetime
    timezone: str
    currency: str
    stages: tuple[StageLine, ...]
    open_count: int
    total_amount: float
    weighted_amount: float
    forecast: ForecastReport
    top_deals: tuple[DealLine, ...]
    stalled: tuple[StalledDeal, ...]
    method: str  # "prior" or "model"
    notes: tuple[str, ...]  # empty_pipeline, no_quota, no_team, ...


@dataclass
class TenantData:
    tenant_id: int
    currency: str
    now: datetime
    users: dict[int, tuple[str, str | None]]  # id -> (display name, team)
    open_deals: list[OpenDeal]
    estimates: dict[int, WinEstimate]
    method: str
    limits: dict[Stage, StageLimit]
    stalled: list[StalledDeal]
    won: list[WonDeal]
    health: dict[int, AccountHealth]
    renewals: list[RenewalDue]
    settings: dict[str, Any] = field(default_factory=dict)


def load_tenant_data(
    session: Session,
    *,
    tenant_id: int,
    now: datetime,
    owner_ids: tuple[int, ...] | None = None,
    model: WinModel | None = None,
) -> TenantData:
    """Everything the scope summaries need, read once (optionally for some owners only)."""
    tenant = get_tenant(session, tenant_id=tenant_id)
    settings = dict(tenant.settings or {})
    deals = current_features(session, tenant_id=tenant_id, owner_ids=owner_ids, now=now)
    chosen = model or tenant_model(session, tenant_id=tenant_id, now=now)
    estimates = {e.deal_id: e for e in chosen.estimate_many([d.features for d in deals])}
    limits = stage_limits(session, tenant_id=tenant_id, settings=settings, today=now.date())
    no_activity = float(settings.get("no_activity_days") or 14)
    users = {
        u.id: (u.display_name, u.team)
        for u in session.scalars(select(User).where(User.tenant_id == tenant_id))
    }
    # The current quarter began at most 92 days ago in any time zone.
    won = load_won(
        session, tenant_id=tenant_id, owner_ids=owner_ids, since=now - timedelta(days=100)
    )
    today = now.date()
    health = {
        h.account_id: h
        for h in account_health(session, tenant_id=tenant_id, owner_ids=owner_ids, today=today)
    }
    renewals = renewals_due(
        session, tenant_id=tenant_id, owner_ids=owner_ids, today=today, health=health
    )
    return TenantData(
        tenant_id=tenant_id,
        currency=tenant.default_currency,
        now=now,
        users=users,
        open_deals=deals,
        estimates=estimates,
        method=chosen.method,
        limits=limits,
        stalled=find_stalled(deals, limits, no_activity_days=no_activity),
        won=won,
        health=health,
        renewals=renewals,
        settings=settings,
    )


def summarize(
    session: Session, data: TenantData, view: ScopeFilter, *, tz: str | None, top: int = 5
) -> PipelineSummary:
    """The slice of the tenant data one scope may see, with its quota."""
    zone: ZoneInfo = user_zone(tz)
    deals = [d for d in data.open_deals if view.covers(d.record.owner_id)]
    stages = []
    for stage in OPEN_FUNNEL:
        members = [d for d in deals if d.record.stage is stage]
        amount = sum(d.record.amount for d in members)
        weighted = sum(
            d.record.amount * data.estimates[d.record.id].probability
            for d in members
            if d.record.id in data.estimates
        )
        stages.append(StageLine(stage, len(members), amount, weighted))
    won = [w for w in data.won if view.covers(w.owner_id)]
    local_today = data.now.astimezone(zone).date()
    quotas = quota_by_month(
        session,
        tenant_id=data.tenant_id,
        start=local_today.replace(day=1) - timedelta(days=92),
        end=local_today + timedelta(days=200),
        user_ids=list(view.owner_ids) if view.owner_ids is not None else None,
        team=view.team if view.label == "team" else None,
    )
    forecast = build_forecast(deals, data.estimates, won, quotas, now=data.now, tz=zone)
    ranked = sorted(
        deals,
        key=lambda d: d.record.amount * data.estimates[d.record.id].probability,
        reverse=True,
    )
    top_deals = tuple(
        DealLine(
            deal_id=d.record.id,
            name=d.record.name,
            owner_id=d.record.owner_id,
            owner_name=data.users.get(d.record.owner_id, (str(d.record.owner_id), None))[0],
            stage=d.record.stage,
            amount=d.record.amount,
            close_date=d.record.close_date,
            probability=data.estimates[d.record.id].probability,
            factors=data.estimates[d.record.id].factors,
        )
        for d in ranked[:top]
    )
    notes = []
    if not deals:
        notes.append("empty_pipeline")
    if forecast.current_month.quota is None and forecast.current_quarter.quota is None:
        notes.append("no_quota")
    if view.label == "mine" and view.team is None:
        notes.append("no_team")
    return PipelineSummary(
        scope=view.label,
        team=view.team,
        generated_at=data.now,
        timezone=zone.key,
        currency=data.currency,
        stages=tuple(stages),
        open_count=len(deals),
        total_amount=sum(s.amount for s in stages),
        weighted_amount=sum(s.weighted for s in stages),
        forecast=forecast,
        top_deals=top_deals,
        stalled=tuple(s for s in data.stalled if view.covers(s.owner_id)),
        method=data.method,
        notes=tuple(notes),
    )


def pipeline_summary(
    session: Session,
    *,
    actor: Actor,
    scope: Scope = "mine",
    now: datetime,
    tz: str | None = None,
    model: WinModel | None = None,
) -> PipelineSummary:
    """ "My pipeline" / "team forecast" for a chat question, within the actor's permissions."""
    view = resolve_scope(session, actor=actor, scope=scope)
    data = load_tenant_data(
        session, tenant_id=actor.tenant_id, now=now, owner_ids=view.owner_ids, model=model
    )
    return summarize(session, data, view, tz=tz)
