"""Customer health from product usage, at-risk customers and renewals coming due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from crm_store.account import Account
from crm_store.usage import UsageSignal

HealthStatus = Literal["healthy", "watch", "at_risk", "unknown"]
AT_RISK_LOGIN_RATE = 0.30
AT_RISK_WEEKS = 2
TARGET_LOGIN_RATE = 0.60
TARGET_FEATURES_PER_USER = 5.0
RENEWAL_WINDOWS = (30, 60, 90)


@dataclass(frozen=True, slots=True)
class UsageRow:
    account_id: int
    day: date
    period: str
    logins: int
    active_users: int
    seats: int
    feature_events: int
    support_tickets: int


@dataclass(frozen=True, slots=True)
class HealthReason:
    key: str  # login_rate_low, login_rate_ok, logins_dropping, low_feature_use, ...
    value: float
    effect: float  # points added to or taken from the score


@dataclass(frozen=True, slots=True)
class AccountHealth:
    account_id: int
    name: str
    owner_id: int | None
    score: int
    status: HealthStatus
    reasons: tuple[HealthReason, ...]
    weekly_login_rates: tuple[float, ...]  # oldest first
    renewal_date: date | None


@dataclass(frozen=True, slots=True)
class RenewalDue:
    account_id: int
    name: str
    owner_id: int | None
    renewal_date: date
    days_left: int
    window: int  # 30, 60 or 90
    health: HealthStatus


@dataclass
class _Week:
    rate_sum: float = 0.0
    rate_count: int = 0
    logins: int = 0
    active: int = 0
    features: int = 0
    tickets: int = 0

    @property
    def rate(self) -> float | None:
        return self.rate_sum / self.rate_count if self.rate_count else None


def weekly_rollup(rows: Sequence[UsageRow], today: date, weeks: int = 4) -> list[_Week]:
    """Usage folded into the last `weeks` 7-day windows ending yesterday, oldest first.

    The login rate of a window is active users over seats: per day for daily rows (then
    averaged), per week for weekly rows.
    """
    buckets = [_Week() for _ in range(weeks)]
    for row in rows:
        age = (today - row.day).days - 1
        index = weeks - 1 - age // 7
        if age < 0 or index < 0:
            continue
        week = buckets[index]
        if row.seats > 0:
            week.rate_sum += min(1.0, row.active_users / row.seats)
            week.rate_count += 1
        week.logins += row.logins
        week.active += row.active_users
        week.features += row.feature_events
        week.tickets += row.support_tickets
    return buckets


def score_account(
    account_id: int,
    name: str,
    owner_id: int | None,
    renewal_date: date | None,
    rows: Sequence[UsageRow],
    today: date,
) -> AccountHealth:
    """0-100 score with the reasons that moved it; at risk when logins stay under 30 %."""
    return score_weeks(account_id, name, owner_id, renewal_date, weekly_rollup(rows, today))


def score_weeks(
    account_id: int,
    name: str,
    owner_id: int | None,
    renewal_date: date | None,
    weeks: Sequence[_Week],
) -> AccountHealth:
    """The score from weekly rollups (oldest first); see `score_account`."""
    rates = [w.rate for w in weeks]
    known = [r for r in rates if r is not None]
    if not known:
        reason = HealthReason("no_usage_data", 0.0, 0.0)
        return AccountHealth(account_id, name, owner_id, 50, "unknown", (reason,), (), renewal_date)
    reasons: list[HealthReason] = []
    recent = [r for r in rates[-2:] if r is not None]
    rate = sum(recent) / len(recent) if recent else known[-1]
    adoption = 45 * min(1.0, rate / TARGET_LOGIN_RATE)
    reasons.append(
        HealthReason(
            "login_rate_low" if rate < AT_RISK_LOGIN_RATE else "login_rate", rate, adoption - 45
        )
    )
    last, prev = weeks[-1], weeks[-2]
    trend = 20.0
    if prev.logins > 0 and last.logins < 0.7 * prev.logins:
        trend = 5.0
        reasons.append(HealthReason("logins_dropping", last.logins / prev.logins - 1, -15.0))
    active = max(1, last.active + prev.active)
    per_user = (last.features + prev.features) / active
    features = 20 * min(1.0, per_user / TARGET_FEATURES_PER_USER)
    if per_user < TARGET_FEATURES_PER_USER / 2:
        reasons.append(HealthReason("low_feature_use", per_user, features - 20))
    tickets = last.tickets + prev.tickets
    support = 15.0 - min(15.0, 3.0 * max(0, tickets - 2))
    if tickets > 2:
        reasons.append(HealthReason("many_support_tickets", float(tickets), support - 15))
    score = int(round(adoption + trend + features + support))
    tail = rates[-AT_RISK_WEEKS:]
    at_risk = len(tail) == AT_RISK_WEEKS and all(
        r is not None and r < AT_RISK_LOGIN_RATE for r in tail
    )
    status: HealthStatus = "at_risk" if at_risk else "healthy" if score >= 70 else "watch"
    reasons.sort(key=lambda r: r.effect)
    return AccountHealth(
        account_id,
        name,
        owner_id,
        score,
        status,
        tuple(reasons),
        tuple(r if r is not None else 0.0 for r in rates),
        renewal_date,
    )


WEEKS = 4


def _weekly_usage(
    session: Session, *, tenant_id: int, owner_ids: tuple[int, ...] | None, today: date
) -> dict[int, list[_Week]]:
    """`weekly_rollup` done by the database: one row per account and week."""
    bucket = case(
        *((UsageSignal.day >= today - timedelta(days=7 * k), WEEKS - k) for k in range(1, WEEKS)),
        else_=0,
    )
    rate = case(
        (UsageSignal.seats <= 0, None),
        (UsageSignal.active_users >= UsageSignal.seats, 1.0),
        else_=UsageSignal.active_users * 1.0 / UsageSignal.seats,
    )
    stmt = (
        select(
            UsageSignal.account_id,
            bucket,
            func.sum(rate),
            func.count(rate),
            func.sum(UsageSignal.logins),
            func.sum(UsageSignal.active_users),
            func.sum(UsageSignal.feature_events),
            func.sum(UsageSignal.support_tickets),
        )
        .where(
            UsageSignal.tenant_id == tenant_id,
            UsageSignal.day >= today - timedelta(days=7 * WEEKS),
            UsageSignal.day < today,
        )
        .group_by(UsageSignal.account_id, bucket)
    )
    if owner_ids is not None:
        stmt = stmt.join(Account, Account.id == UsageSignal.account_id).where(
            Account.owner_id.in_(owner_ids)
        )
    result: dict[int, list[_Week]] = {}
    for account_id, index, rate_sum, rate_n, logins, active, features, tickets in session.execute(
        stmt
    ):
        weeks = result.setdefault(account_id, [_Week() for _ in range(WEEKS)])
        weeks[int(index)] = _Week(
            float(rate_sum or 0),
            int(rate_n or 0),
            int(logins or 0),
            int(active or 0),
            int(features or 0),
            int(tickets or 0),
        )
    return result


def account_health(
    session: Session,
    *,
    tenant_id: int,
    owner_ids: tuple[int, ...] | None,
    today: date,
    only_with_usage: bool = True,
) -> list[AccountHealth]:
    """Health of the accounts in scope, worst first (accounts without usage data skipped)."""
    accounts = select(Account.id, Account.name, Account.owner_id, Account.renewal_date).where(
        Account.tenant_id == tenant_id
    )
    if owner_ids is not None:
        accounts = accounts.where(Account.owner_id.in_(owner_ids))
    weeks = _weekly_usage(session, tenant_id=tenant_id, owner_ids=owner_ids, today=today)
    result = []
    for account_id, name, owner_id, renewal in session.execute(accounts):
        if account_id not in weeks:
            if only_with_usage:
                continue
            weeks[account_id] = [_Week() for _ in range(WEEKS)]
        result.append(score_weeks(account_id, name, owner_id, renewal, weeks[account_id]))
    result.sort(key=lambda h: h.score)
    return result


def renewals_due(
    session: Session,
    *,
    tenant_id: int,
    owner_ids: tuple[int, ...] | None,
    today: date,
    horizon_days: int = 90,
    health: dict[int, AccountHealth] | None = None,
) -> list[RenewalDue]:
    """Accounts renewing within `horizon_days`, bucketed into 30/60/90-day windows."""
    stmt = select(Account.id, Account.name, Account.owner_id, Account.renewal_date).where(
        Account.tenant_id == tenant_id,
        Account.renewal_date >= today,
        Account.renewal_date <= today + timedelta(days=horizon_days),
    )
    if owner_ids is not None:
        stmt = stmt.where(Account.owner_id.in_(owner_ids))
    result = []
    for account_id, name, owner_id, renewal in session.execute(stmt.order_by(Account.renewal_date)):
        if renewal is None:
            continue
        days_left = (renewal - today).days
        window = next(w for w in (*RENEWAL_WINDOWS, horizon_days) if days_left <= w)
        status: HealthStatus = (
            health[account_id].status if health and account_id in health else "unknown"
        )
        result.append(RenewalDue(account_id, name, owner_id, renewal, days_left, window, status))
    return result
