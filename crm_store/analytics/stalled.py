"""Stalled deals: too long in a stage (tenant SLA, else p75 of won deals) or gone quiet."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from crm_store.analytics.features import OpenDeal
from crm_store.analytics.stats import percentile
from crm_store.analytics.version import history_version
from crm_store.deal import Deal
from crm_store.enums import OPEN_STAGES, WON_STAGES, Stage
from crm_store.stage_history import StageHistory

LimitRule = Literal["sla", "p75", "default"]
DEFAULT_LIMIT_DAYS: dict[Stage, float] = {
    Stage.LEAD: 14,
    Stage.CONTACTED: 21,
    Stage.NEEDS_ANALYSIS: 30,
    Stage.DEMO: 30,
    Stage.NEGOTIATION: 45,
}
NO_ACTIVITY_DAYS = 14
MIN_WON_VISITS_FOR_P75 = 5
P75_WINDOW = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class StageLimit:
    days: float
    rule: LimitRule


@dataclass(frozen=True, slots=True)
class StalledDeal:
    deal_id: int
    name: str
    owner_id: int
    account_id: int
    stage: Stage
    amount: float
    days_in_stage: float
    limit_days: float
    rule: LimitRule
    days_since_activity: float
    reasons: tuple[str, ...]  # "over_limit" and/or "no_activity"


def _duration_days(session: Session) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(StageHistory.left_at) - func.julianday(StageHistory.entered_at)
    return func.extract("epoch", StageHistory.left_at - StageHistory.entered_at) / 86400.0


_p75_cache: dict[tuple[str, int, int, int], tuple[date, dict[Stage, float]]] = {}


def won_stage_p75(
    session: Session, *, tenant_id: int, today: date | None = None
) -> dict[Stage, float]:
    """p75 of days spent in each open stage by deals that were eventually won.

    With `today` given only deals closed in the year before count (today's habits), and
    the result is computed once per tenant and day, as it moves slowly.
    """
    key = history_version(session, tenant_id=tenant_id)
    if today is not None:
        cached = _p75_cache.get(key)
        if cached is not None and cached[0] == today:
            return cached[1]
    # Drive from the won deals (small, indexed) into their stage rows, not the other way.
    won = select(Deal.id).where(
        Deal.tenant_id == tenant_id,
        Deal.stage.in_([s.value for s in WON_STAGES]),
        *(
            (Deal.closed_at >= datetime.combine(today, time(), UTC) - P75_WINDOW,)
            if today is not None
            else ()
        ),
    )
    rows = session.execute(
        select(StageHistory.stage, _duration_days(session)).where(
            StageHistory.deal_id.in_(won), StageHistory.left_at.is_not(None)
        )
    )
    values: dict[Stage, list[float]] = defaultdict(list)
    for stage, days in rows:
        if stage in OPEN_STAGES and days is not None:
            values[Stage(stage)].append(float(days))
    result = {
        stage: p
        for stage, found in values.items()
        if len(found) >= MIN_WON_VISITS_FOR_P75 and (p := percentile(found, 75)) is not None
    }
    if today is not None:
        _p75_cache.clear()  # one entry per process is plenty; keeps memory flat
        _p75_cache[key] = (today, result)
    return result


def stage_limits(
    session: Session,
    *,
    tenant_id: int,
    settings: Mapping[str, Any] | None,
    today: date | None = None,
) -> dict[Stage, StageLimit]:
    """Per open stage: the tenant's SLA if set, else p75 of won deals, else a default."""
    sla = dict((settings or {}).get("stage_sla_days") or {})
    limits: dict[Stage, StageLimit] = {}
    p75: dict[Stage, float] | None = None
    for stage in DEFAULT_LIMIT_DAYS:
        raw = sla.get(stage.value)
        try:
            days = float(raw) if raw is not None else None
        except (TypeError, ValueError):
            days = None
        if days is not None and days > 0:
            limits[stage] = StageLimit(days, "sla")
            continue
        if p75 is None:
            p75 = won_stage_p75(session, tenant_id=tenant_id, today=today)
        if stage in p75:
            limits[stage] = StageLimit(round(p75[stage], 1), "p75")
        else:
            limits[stage] = StageLimit(DEFAULT_LIMIT_DAYS[stage], "default")
    return limits


def find_stalled(
    deals: Sequence[OpenDeal],
    limits: Mapping[Stage, StageLimit],
    *,
    no_activity_days: float = NO_ACTIVITY_DAYS,
) -> list[StalledDeal]:
    """Deals past their stage limit or without activity for `no_activity_days`, worst first."""
    found: list[StalledDeal] = []
    for deal in deals:
        f = deal.features
        limit = limits.get(f.stage, StageLimit(DEFAULT_LIMIT_DAYS.get(f.stage, 30), "default"))
        reasons = []
        if f.days_in_stage > limit.days:
            reasons.append("over_limit")
        if f.days_since_activity > no_activity_days:
            reasons.append("no_activity")
        if reasons:
            found.append(
                StalledDeal(
                    deal_id=deal.record.id,
                    name=deal.record.name,
                    owner_id=deal.record.owner_id,
                    account_id=deal.record.account_id,
                    stage=f.stage,
                    amount=deal.record.amount,
                    days_in_stage=f.days_in_stage,
                    limit_days=limit.days,
                    rule=limit.rule,
                    days_since_activity=f.days_since_activity,
                    reasons=tuple(reasons),
                )
            )
    found.sort(key=lambda s: (-len(s.reasons), -s.amount))
    return found
