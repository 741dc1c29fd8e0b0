"""Funnel from stage history: conversion, time in stage, cycle, win rate, size, bookings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_store.actor import Actor
from crm_store.analytics.scope import Scope, resolve_scope
from crm_store.analytics.stats import days_between, percentile, ratio
from crm_store.deal import Deal
from crm_store.digest_pref import user_zone
from crm_store.enums import FUNNEL, WON_STAGES, DealType, Stage
from crm_store.stage_history import StageHistory
from crm_store.user import User

GroupBy = Literal["none", "rep", "team", "month", "quarter"]
OPEN_FUNNEL: tuple[Stage, ...] = FUNNEL[:5]
_RANK = {stage: i for i, stage in enumerate(FUNNEL)}


@dataclass(frozen=True, slots=True)
class DealFacts:
    """What the funnel needs of one deal."""

    id: int
    owner_id: int
    stage: Stage
    amount: float
    deal_type: DealType
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StageRow:
    deal_id: int
    stage: Stage
    entered_at: datetime
    left_at: datetime | None


@dataclass(frozen=True, slots=True)
class StageStats:
    """Deals that entered `stage` in the period and how many went further; time spent in it."""

    stage: Stage
    entered: int
    converted: int
    conversion: float | None
    median_days: float | None
    p75_days: float | None


@dataclass(frozen=True, slots=True)
class FunnelReport:
    key: str
    start: datetime
    end: datetime
    stages: tuple[StageStats, ...]
    won: int
    lost: int
    win_rate: float | None
    avg_won_amount: float | None
    median_cycle_days: float | None
    bookings: dict[str, float] = field(default_factory=dict)


def _won_at(rows: Sequence[StageRow]) -> datetime | None:
    return next((r.entered_at for r in rows if r.stage is Stage.WON), None)


def _lost_at(rows: Sequence[StageRow]) -> datetime | None:
    lost = [r.entered_at for r in rows if r.stage is Stage.LOST]
    return lost[-1] if lost else None


def compute_funnel(
    deals: Iterable[DealFacts],
    rows: Iterable[StageRow],
    *,
    start: datetime,
    end: datetime,
    key: str = "all",
) -> FunnelReport:
    """Funnel figures for the events that fell in [start, end).

    Conversion of stage S: of the deals that entered S in the period, the share that later
    reached any further funnel stage (skipped stages count as passed). Time in stage uses the
    stage visits that ended in the period; win rate, size, cycle and bookings use the deals
    won or lost in the period.
    """
    by_deal: dict[int, list[StageRow]] = defaultdict(list)
    for row in rows:
        by_deal[row.deal_id].append(row)
    for deal_rows in by_deal.values():
        deal_rows.sort(key=lambda r: r.entered_at)
    entered: dict[Stage, int] = defaultdict(int)
    converted: dict[Stage, int] = defaultdict(int)
    durations: dict[Stage, list[float]] = defaultdict(list)
    won = lost = 0
    won_amounts: list[float] = []
    cycles: list[float] = []
    bookings: dict[str, float] = {t.value: 0.0 for t in DealType}
    for deal in deals:
        deal_rows = by_deal.get(deal.id, [])
        for i, row in enumerate(deal_rows):
            if row.stage in OPEN_FUNNEL and start <= row.entered_at < end:
                entered[row.stage] += 1
                later = deal_rows[i + 1 :]
                if any(
                    r.stage is not Stage.LOST and _RANK[r.stage] > _RANK[row.stage] for r in later
                ):
                    converted[row.stage] += 1
            if row.left_at is not None and start <= row.left_at < end:
                durations[row.stage].append(days_between(row.entered_at, row.left_at))
        if deal.stage in WON_STAGES:
            when = _won_at(deal_rows)
            if when is not None and start <= when < end:
                won += 1
                won_amounts.append(deal.amount)
                cycles.append(days_between(deal.created_at, when))
                bookings[deal.deal_type.value] += deal.amount
        elif deal.stage is Stage.LOST:
            when = _lost_at(deal_rows)
            if when is not None and start <= when < end:
                lost += 1
    stages = tuple(
        StageStats(
            stage=stage,
            entered=entered[stage],
            converted=converted[stage],
            conversion=ratio(converted[stage], entered[stage]),
            median_days=percentile(durations[stage], 50),
            p75_days=percentile(durations[stage], 75),
        )
        for stage in OPEN_FUNNEL
    )
    return FunnelReport(
        key=key,
        start=start,
        end=end,
        stages=stages,
        won=won,
        lost=lost,
        win_rate=ratio(won, won + lost),
        avg_won_amount=sum(won_amounts) / len(won_amounts) if won_amounts else None,
        median_cycle_days=percentile(cycles, 50),
        bookings=bookings,
    )


def load_funnel_data(
    session: Session, *, tenant_id: int, owner_ids: tuple[int, ...] | None
) -> tuple[list[DealFacts], list[StageRow]]:
    stmt = select(
        Deal.id, Deal.owner_id, Deal.stage, Deal.amount, Deal.deal_type, Deal.created_at
    ).where(Deal.tenant_id == tenant_id)
    hist = (
        select(
            StageHistory.deal_id, StageHistory.stage, StageHistory.entered_at, StageHistory.left_at
        )
        .join(Deal, Deal.id == StageHistory.deal_id)
        .where(StageHistory.tenant_id == tenant_id)
    )
    if owner_ids is not None:
        stmt = stmt.where(Deal.owner_id.in_(owner_ids))
        hist = hist.where(Deal.owner_id.in_(owner_ids))
    deals = [
        DealFacts(i, o, Stage(s), float(a or 0), DealType(t), c)
        for i, o, s, a, t, c in session.execute(stmt)
    ]
    rows = [StageRow(d, Stage(s), e, left) for d, s, e, left in session.execute(hist)]
    return deals, rows


def period_bounds(
    kind: Literal["month", "quarter"], day: date, tz: ZoneInfo
) -> tuple[datetime, datetime, str]:
    """The month or quarter containing `day`, as aware datetimes at local midnight."""
    if kind == "month":
        first = day.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        label = first.strftime("%Y-%m")
    else:
        q_month = 3 * ((day.month - 1) // 3) + 1
        first = date(day.year, q_month, 1)
        nxt = (first + timedelta(days=95)).replace(day=1)
        label = f"{first.year}-Q{(q_month - 1) // 3 + 1}"
    return (
        datetime.combine(first, time(), tzinfo=tz),
        datetime.combine(nxt, time(), tzinfo=tz),
        label,
    )


def funnel_report(
    session: Session,
    *,
    actor: Actor,
    scope: Scope = "team",
    start: datetime,
    end: datetime,
    group_by: GroupBy = "none",
    tz: str | None = None,
) -> list[FunnelReport]:
    """Funnel reports for the actor's scope, one per rep, team, month or quarter."""
    view = resolve_scope(session, actor=actor, scope=scope)
    deals, rows = load_funnel_data(session, tenant_id=actor.tenant_id, owner_ids=view.owner_ids)
    if group_by in ("month", "quarter"):
        zone = user_zone(tz)
        reports = []
        cursor = start.astimezone(zone).date()
        while True:
            p_start, p_end, label = period_bounds(group_by, cursor, zone)  # type: ignore[arg-type]
            if p_start >= end:
                break
            reports.append(
                compute_funnel(
                    deals, rows, start=max(p_start, start), end=min(p_end, end), key=label
                )
            )
            cursor = p_end.date()
        return reports
    if group_by == "none":
        return [compute_funnel(deals, rows, start=start, end=end, key=view.label)]
    users = {
        u.id: u for u in session.scalars(select(User).where(User.tenant_id == actor.tenant_id))
    }
    groups: dict[str, list[DealFacts]] = defaultdict(list)
    for deal in deals:
        owner = users.get(deal.owner_id)
        if group_by == "rep":
            label = owner.username if owner else str(deal.owner_id)
        else:
            label = (owner.team if owner else None) or "-"
        groups[label].append(deal)
    return [
        compute_funnel(members, rows, start=start, end=end, key=label)
        for label, members in sorted(groups.items())
    ]
