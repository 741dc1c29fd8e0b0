"""Forecast per month and quarter: won, weighted pipeline, commit and best case vs quota."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_store.analytics.features import OpenDeal
from crm_store.analytics.funnel import period_bounds
from crm_store.analytics.winprob import WinEstimate
from crm_store.deal import Deal
from crm_store.enums import Stage
from crm_store.stage_history import StageHistory

COMMIT_PROBABILITY = 0.6


@dataclass(frozen=True, slots=True)
class WonDeal:
    owner_id: int
    won_at: datetime
    amount: float


@dataclass(frozen=True, slots=True)
class PeriodForecast:
    """`won` is booked; `weighted` adds probability x amount of open deals due in the period,
    `commit` adds the open deals at or above `COMMIT_PROBABILITY`, `best_case` adds them all.
    """

    label: str
    kind: Literal["month", "quarter"]
    start: datetime
    end: datetime
    won: float
    weighted: float
    commit: float
    best_case: float
    open_deals: int
    quota: float | None
    attainment: float | None  # won / quota


@dataclass(frozen=True, slots=True)
class ForecastReport:
    months: tuple[PeriodForecast, ...]
    quarters: tuple[PeriodForecast, ...]
    unscheduled_amount: float  # open deals without an expected close date

    @property
    def current_month(self) -> PeriodForecast:
        return self.months[0]

    @property
    def current_quarter(self) -> PeriodForecast:
        return self.quarters[0]


def load_won(
    session: Session, *, tenant_id: int, owner_ids: tuple[int, ...] | None, since: datetime
) -> list[WonDeal]:
    """Deals won since `since`, dated by when they entered the won stage."""
    stmt = (
        select(Deal.owner_id, StageHistory.entered_at, Deal.amount)
        .join(Deal, Deal.id == StageHistory.deal_id)
        .where(
            StageHistory.tenant_id == tenant_id,
            StageHistory.stage == Stage.WON.value,
            StageHistory.entered_at >= since,
            Deal.stage.in_([Stage.WON.value, Stage.IMPLEMENTATION.value]),
        )
    )
    if owner_ids is not None:
        stmt = stmt.where(Deal.owner_id.in_(owner_ids))
    return [WonDeal(o, w, float(a or 0)) for o, w, a in session.execute(stmt)]


def _expected_day(deal: OpenDeal, today: date) -> date | None:
    close = deal.record.close_date
    if close is None:
        return None
    # A slipped close date still means "expected now", not "never".
    return max(close, today)


def _period(
    kind: Literal["month", "quarter"],
    day: date,
    tz: ZoneInfo,
    deals: Sequence[OpenDeal],
    estimates: Mapping[int, WinEstimate],
    won: Sequence[WonDeal],
    quotas: Mapping[date, Decimal],
    today: date,
) -> PeriodForecast:
    start, end, label = period_bounds(kind, day, tz)
    won_sum = sum(w.amount for w in won if start <= w.won_at < end)
    weighted = commit = best = 0.0
    count = 0
    for deal in deals:
        expected = _expected_day(deal, today)
        if expected is None or not start.date() <= expected < end.date():
            continue
        estimate = estimates.get(deal.record.id)
        p = estimate.probability if estimate else 0.0
        count += 1
        weighted += p * deal.record.amount
        best += deal.record.amount
        if p >= COMMIT_PROBABILITY:
            commit += deal.record.amount
    quota_values = [float(v) for m, v in quotas.items() if start.date() <= m < end.date()]
    quota = sum(quota_values) if quota_values else None
    return PeriodForecast(
        label=label,
        kind=kind,
        start=start,
        end=end,
        won=won_sum,
        weighted=won_sum + weighted,
        commit=won_sum + commit,
        best_case=won_sum + best,
        open_deals=count,
        quota=quota,
        attainment=won_sum / quota if quota else None,
    )


def build_forecast(
    deals: Sequence[OpenDeal],
    estimates: Mapping[int, WinEstimate],
    won: Sequence[WonDeal],
    quotas: Mapping[date, Decimal],
    *,
    now: datetime,
    tz: ZoneInfo,
    months: int = 3,
    quarters: int = 2,
) -> ForecastReport:
    """Forecast for the current and next months and quarters (local calendar of `tz`)."""
    today = now.astimezone(tz).date()
    month_rows = []
    cursor = today
    for _ in range(months):
        row = _period("month", cursor, tz, deals, estimates, won, quotas, today)
        month_rows.append(row)
        cursor = row.end.date()
    quarter_rows = []
    cursor = today
    for _ in range(quarters):
        row = _period("quarter", cursor, tz, deals, estimates, won, quotas, today)
        quarter_rows.append(row)
        cursor = row.end.date()
    unscheduled = sum(d.record.amount for d in deals if d.record.close_date is None)
    return ForecastReport(tuple(month_rows), tuple(quarter_rows), unscheduled)
