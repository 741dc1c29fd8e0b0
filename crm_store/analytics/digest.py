"""Data of the manager digests and the rep morning brief (presentation lives in the bot)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_store.activity import Activity
from crm_store.analytics.health import AccountHealth, RenewalDue
from crm_store.analytics.pipeline import PipelineSummary, TenantData, summarize
from crm_store.analytics.scope import ScopeFilter, resolve_scope
from crm_store.analytics.stalled import StalledDeal
from crm_store.deal import Deal
from crm_store.digest_pref import DigestKind, get_preference, user_zone
from crm_store.enums import OPEN_STAGES, Role, Stage
from crm_store.stage_history import StageHistory
from crm_store.task import Task
from crm_store.user import User


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    username: str
    name: str
    role: Role
    team: str | None
    language: str
    timezone: str

    @classmethod
    def of(cls, user: User) -> Recipient:
        return cls(
            user.id,
            user.username,
            user.display_name,
            Role(user.role),
            user.team,
            str(user.language),
            user.timezone,
        )


@dataclass(frozen=True, slots=True)
class Movement:
    since: datetime
    new_deals: int
    new_amount: float
    advanced: int
    won: int
    won_amount: float
    lost: int
    lost_amount: float
    pipeline_delta: float | None  # open amount now minus at the last digest


@dataclass(frozen=True, slots=True)
class RepActivity:
    user_id: int
    name: str
    activities: int
    deals_touched: int


@dataclass(frozen=True, slots=True)
class ManagerDigest:
    recipient: Recipient
    kind: DigestKind
    summary: PipelineSummary
    movement: Movement
    at_risk: tuple[AccountHealth, ...]
    renewals: tuple[RenewalDue, ...]
    rep_activity: tuple[RepActivity, ...]

    def snapshot(self) -> dict[str, Any]:
        """What `movement` compares against next time."""
        return {
            "at": self.summary.generated_at.isoformat(),
            "total": self.summary.total_amount,
            "stages": {s.stage.value: [s.count, s.amount] for s in self.summary.stages},
        }


@dataclass(frozen=True, slots=True)
class TaskLine:
    task_id: int
    title: str
    due_at: datetime
    overdue: bool


@dataclass(frozen=True, slots=True)
class RepBrief:
    recipient: Recipient
    generated_at: datetime
    tasks: tuple[TaskLine, ...]
    stalled: tuple[StalledDeal, ...]
    renewals: tuple[RenewalDue, ...]
    summary: PipelineSummary


def default_since(kind: DigestKind, now: datetime) -> datetime:
    return now - timedelta(days=7 if kind == "weekly" else 1)


def movement(
    session: Session,
    view: ScopeFilter,
    *,
    since: datetime,
    now: datetime,
    open_total: float,
    snapshot: dict[str, Any] | None,
) -> Movement:
    """Stage changes and new deals in the scope since the last digest."""
    rows = session.execute(
        select(StageHistory.stage, StageHistory.entered_at, Deal.created_at, Deal.amount)
        .join(Deal, Deal.id == StageHistory.deal_id)
        .where(
            StageHistory.tenant_id == view.tenant_id,
            StageHistory.entered_at >= since,
            StageHistory.entered_at < now,
            view.clause(Deal.owner_id),
        )
    ).all()
    new = [a for s, e, c, a in rows if e == c]
    won = [float(a or 0) for s, e, c, a in rows if s == Stage.WON.value]
    lost = [float(a or 0) for s, e, c, a in rows if s == Stage.LOST.value]
    advanced = sum(1 for s, e, c, _ in rows if e != c and s in OPEN_STAGES)
    previous = (snapshot or {}).get("total")
    return Movement(
        since=since,
        new_deals=len(new),
        new_amount=sum(float(a or 0) for a in new),
        advanced=advanced,
        won=len(won),
        won_amount=sum(won),
        lost=len(lost),
        lost_amount=sum(lost),
        pipeline_delta=open_total - float(previous) if previous is not None else None,
    )


def rep_activity(
    session: Session, view: ScopeFilter, data: TenantData, *, since: datetime, now: datetime
) -> tuple[RepActivity, ...]:
    """Activities logged per rep of the scope since `since` (reps with none included)."""
    counts = {
        user_id: (int(n), int(d))
        for user_id, n, d in session.execute(
            select(Activity.user_id, func.count(), func.count(func.distinct(Activity.deal_id)))
            .where(
                Activity.tenant_id == view.tenant_id,
                Activity.occurred_at >= since,
                Activity.occurred_at < now,
                view.clause(Activity.user_id),
            )
            .group_by(Activity.user_id)
        )
    }
    owners = view.owner_ids if view.owner_ids is not None else tuple(counts)
    lines = [
        RepActivity(uid, data.users.get(uid, (str(uid), None))[0], *counts.get(uid, (0, 0)))
        for uid in owners
    ]
    lines.sort(key=lambda r: (-r.activities, r.name))
    return tuple(lines)


def build_manager_digest(
    session: Session,
    data: TenantData,
    user: User,
    *,
    kind: DigestKind,
    since: datetime | None = None,
) -> ManagerDigest:
    """A manager's (or admin's) digest over the team they may see."""
    view = resolve_scope(session, actor=user.as_actor(), scope="team")
    if user.role == Role.ADMIN:
        view = resolve_scope(session, actor=user.as_actor(), scope="all")
    summary = summarize(session, data, view, tz=user.timezone)
    pref = get_preference(session, user_id=user.id)
    start = since or default_since(kind, data.now)
    snapshot = pref.last_snapshot if pref is not None else None
    accounts_at_risk = tuple(
        h for h in data.health.values() if h.status == "at_risk" and view.covers(h.owner_id)
    )
    return ManagerDigest(
        recipient=Recipient.of(user),
        kind=kind,
        summary=summary,
        movement=movement(
            session,
            view,
            since=start,
            now=data.now,
            open_total=summary.total_amount,
            snapshot=snapshot,
        ),
        at_risk=accounts_at_risk,
        renewals=tuple(r for r in data.renewals if view.covers(r.owner_id)),
        rep_activity=rep_activity(session, view, data, since=start, now=data.now),
    )


def build_rep_brief(session: Session, data: TenantData, user: User) -> RepBrief:
    """A rep's morning: tasks due today or overdue, stalled deals, renewals coming up."""
    view = resolve_scope(session, actor=user.as_actor(), scope="mine")
    zone = user_zone(user.timezone)
    local_now = data.now.astimezone(zone)
    end_of_day = local_now.replace(hour=23, minute=59, second=59, microsecond=0)
    tasks = session.execute(
        select(Task.id, Task.title, Task.due_at)
        .where(
            Task.tenant_id == user.tenant_id,
            Task.owner_id == user.id,
            Task.done.is_(False),
            Task.due_at.is_not(None),
            Task.due_at <= end_of_day,
        )
        .order_by(Task.due_at)
    ).all()
    lines = tuple(
        TaskLine(i, title, due, due < data.now) for i, title, due in tasks if due is not None
    )
    summary = summarize(session, data, view, tz=user.timezone)
    return RepBrief(
        recipient=Recipient.of(user),
        generated_at=data.now,
        tasks=lines,
        stalled=summary.stalled,
        renewals=tuple(r for r in data.renewals if view.covers(r.owner_id)),
        summary=summary,
    )


def owners_by_team(data: TenantData) -> dict[str | None, list[int]]:
    teams: dict[str | None, list[int]] = defaultdict(list)
    for user_id, (_, team) in data.users.items():
        teams[team].append(user_id)
    return teams
