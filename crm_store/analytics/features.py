"""Deal features as of a moment: stage, ages, activity recency and frequency, buying group.

Two paths compute the same features: `features_at` over a deal's loaded timeline (training
and backtests, any moment in the past) and `current_features` with SQL aggregates (open
deals now, fast on large tenants). Only records dated before the moment are read.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from crm_store.activity import Activity
from crm_store.contact import Contact
from crm_store.deal import Deal
from crm_store.enums import OPEN_STAGES, WON_STAGES, DealType, DecisionRole, Stage
from crm_store.stage_history import StageHistory

RECENT_DAYS = 30
_OPEN_VALUES = [s.value for s in OPEN_STAGES]


@dataclass(frozen=True, slots=True)
class DealRecord:
    id: int
    owner_id: int
    account_id: int
    name: str
    stage: Stage
    amount: float
    currency: str
    deal_type: DealType
    competitors: int
    created_at: datetime
    close_date: date | None


@dataclass(frozen=True, slots=True)
class DealFeatures:
    deal_id: int
    stage: Stage
    age_days: float
    days_in_stage: float
    days_since_activity: float
    activities_total: int
    activities_recent: int
    amount: float
    competitors: int
    champion: bool
    decision_maker: bool
    roles_covered: int
    sentiment: float | None
    deal_type: DealType


@dataclass(frozen=True, slots=True)
class ActivityFact:
    at: datetime
    role: DecisionRole | None
    sentiment: float | None


@dataclass(frozen=True, slots=True)
class StageVisit:
    stage: Stage
    entered_at: datetime
    left_at: datetime | None


@dataclass
class DealTimeline:
    """A deal with its stage visits and activities, oldest first."""

    deal: DealRecord
    visits: list[StageVisit] = field(default_factory=list)
    activities: list[ActivityFact] = field(default_factory=list)

    def visit_at(self, at: datetime) -> StageVisit | None:
        current = None
        for visit in self.visits:
            if visit.entered_at <= at:
                current = visit
            else:
                break
        if current is not None and current.left_at is not None and current.left_at <= at:
            return None
        return current

    @property
    def outcome_at(self) -> datetime | None:
        """When the deal left the open funnel (won or lost), if it did."""
        for visit in self.visits:
            if visit.stage not in OPEN_STAGES:
                return visit.entered_at
        return None

    @property
    def won(self) -> bool | None:
        if self.deal.stage in WON_STAGES:
            return True
        if self.deal.stage is Stage.LOST:
            return False
        return None


def _features(
    deal: DealRecord,
    at: datetime,
    stage: Stage,
    entered_at: datetime,
    total: int,
    recent: int,
    last: datetime | None,
    roles: set[DecisionRole],
    sentiment: float | None,
) -> DealFeatures:
    age = max(0.0, (at - deal.created_at).total_seconds() / 86400)
    return DealFeatures(
        deal_id=deal.id,
        stage=stage,
        age_days=age,
        days_in_stage=max(0.0, (at - entered_at).total_seconds() / 86400),
        days_since_activity=(
            max(0.0, (at - last).total_seconds() / 86400) if last is not None else age
        ),
        activities_total=total,
        activities_recent=recent,
        amount=deal.amount,
        competitors=deal.competitors,
        champion=DecisionRole.CHAMPION in roles,
        decision_maker=DecisionRole.DECISION_MAKER in roles,
        roles_covered=len(roles),
        sentiment=sentiment,
        deal_type=deal.deal_type,
    )


def features_at(timeline: DealTimeline, at: datetime) -> DealFeatures | None:
    """Features of the deal as it stood at `at`; None when it was not open then."""
    visit = timeline.visit_at(at)
    if visit is None or visit.stage not in OPEN_STAGES:
        return None
    times = [a.at for a in timeline.activities]
    seen = bisect.bisect_left(times, at)
    past = timeline.activities[:seen]
    recent_from = at - timedelta(days=RECENT_DAYS)
    recent = len(past) - bisect.bisect_left(times, recent_from, 0, seen)
    roles = {a.role for a in past if a.role is not None}
    sentiment = next((a.sentiment for a in reversed(past) if a.sentiment is not None), None)
    return _features(
        timeline.deal,
        at,
        visit.stage,
        visit.entered_at,
        len(past),
        recent,
        past[-1].at if past else None,
        roles,
        sentiment,
    )


def _record(row: Deal) -> DealRecord:
    return DealRecord(
        id=row.id,
        owner_id=row.owner_id,
        account_id=row.account_id,
        name=row.name,
        stage=Stage(row.stage),
        amount=float(row.amount or 0),
        currency=row.currency,
        deal_type=DealType(row.deal_type),
        competitors=len(row.competitors or []),
        created_at=row.created_at,
        close_date=row.close_date,
    )


def load_timelines(
    session: Session,
    *,
    tenant_id: int,
    owner_ids: tuple[int, ...] | None = None,
    deal_ids: Sequence[int] | None = None,
) -> list[DealTimeline]:
    """Deals of the tenant (all, some owners' or some ids) with their full history, in memory."""
    deal_filter = [Deal.tenant_id == tenant_id]
    if owner_ids is not None:
        deal_filter.append(Deal.owner_id.in_(owner_ids))
    if deal_ids is not None:
        deal_filter.append(Deal.id.in_(list(deal_ids)))
    timelines = {
        row.id: DealTimeline(_record(row))
        for row in session.scalars(select(Deal).where(*deal_filter).order_by(Deal.id))
    }
    visits = session.execute(
        select(
            StageHistory.deal_id, StageHistory.stage, StageHistory.entered_at, StageHistory.left_at
        )
        .join(Deal, Deal.id == StageHistory.deal_id)
        .where(*deal_filter)
        .order_by(StageHistory.deal_id, StageHistory.entered_at, StageHistory.id)
    )
    for deal_id, stage, entered, left in visits:
        timelines[deal_id].visits.append(StageVisit(Stage(stage), entered, left))
    acts = session.execute(
        select(
            Activity.deal_id,
            Activity.occurred_at,
            Contact.decision_role,
            Activity.details["sentiment"].as_float(),
        )
        .join(Deal, Deal.id == Activity.deal_id)
        .outerjoin(Contact, Contact.id == Activity.contact_id)
        .where(*deal_filter)
        .order_by(Activity.deal_id, Activity.occurred_at, Activity.id)
    )
    for deal_id, at, role, sentiment in acts:
        timelines[deal_id].activities.append(
            ActivityFact(at, DecisionRole(role) if role else None, sentiment)
        )
    return list(timelines.values())


@dataclass(frozen=True, slots=True)
class OpenDeal:
    """An open deal now: its record, when it entered its stage, and its features."""

    record: DealRecord
    stage_entered_at: datetime
    features: DealFeatures


def current_features(
    session: Session, *, tenant_id: int, owner_ids: tuple[int, ...] | None, now: datetime
) -> list[OpenDeal]:
    """Open deals of the tenant (or of some owners) with features as of `now`, via SQL."""
    deal_filter = [Deal.tenant_id == tenant_id, Deal.stage.in_(_OPEN_VALUES)]
    if owner_ids is not None:
        if not owner_ids:
            return []
        deal_filter.append(Deal.owner_id.in_(owner_ids))
    open_ids = select(Deal.id).where(*deal_filter)
    rows = session.execute(
        select(
            Deal.id,
            Deal.owner_id,
            Deal.account_id,
            Deal.name,
            Deal.stage,
            Deal.amount,
            Deal.currency,
            Deal.deal_type,
            Deal.competitors,
            Deal.created_at,
            Deal.close_date,
            StageHistory.entered_at,
        )
        .outerjoin(
            StageHistory,
            and_(StageHistory.deal_id == Deal.id, StageHistory.left_at.is_(None)),
        )
        .where(*deal_filter)
        .order_by(Deal.id)
    ).all()
    recent_from = now - timedelta(days=RECENT_DAYS)
    in_scope = and_(Activity.deal_id.in_(open_ids), Activity.occurred_at < now)
    aggregates = {
        deal_id: (int(total), int(recent or 0), last)
        for deal_id, total, recent, last in session.execute(
            select(
                Activity.deal_id,
                func.count(),
                func.sum(case((Activity.occurred_at >= recent_from, 1), else_=0)),
                func.max(Activity.occurred_at),
            )
            .where(in_scope)
            .group_by(Activity.deal_id)
        )
    }
    roles: dict[int, set[DecisionRole]] = defaultdict(set)
    for deal_id, role in session.execute(
        select(Activity.deal_id, Contact.decision_role)
        .join(Contact, Contact.id == Activity.contact_id)
        .where(in_scope, Contact.decision_role.is_not(None))
        .distinct()
    ):
        if deal_id is not None and role is not None:
            roles[deal_id].add(DecisionRole(role))
    sentiment_expr = Activity.details["sentiment"].as_float()
    sentiments: dict[int, tuple[datetime, float]] = {}
    for deal_id, at, value in session.execute(
        select(Activity.deal_id, Activity.occurred_at, sentiment_expr).where(
            in_scope, sentiment_expr.is_not(None)
        )
    ):
        if deal_id not in sentiments or at >= sentiments[deal_id][0]:
            sentiments[deal_id] = (at, float(value))
    result: list[OpenDeal] = []
    for row in rows:
        record = DealRecord(
            id=row[0],
            owner_id=row[1],
            account_id=row[2],
            name=row[3],
            stage=Stage(row[4]),
            amount=float(row[5] or 0),
            currency=row[6],
            deal_type=DealType(row[7]),
            competitors=len(row[8] or []),
            created_at=row[9],
            close_date=row[10],
        )
        entered = row[11] or record.created_at
        total, recent, last = aggregates.get(record.id, (0, 0, None))
        sentiment = sentiments.get(record.id)
        result.append(
            OpenDeal(
                record,
                entered,
                _features(
                    record,
                    now,
                    record.stage,
                    entered,
                    total,
                    recent,
                    last,
                    roles.get(record.id, set()),
                    sentiment[1] if sentiment else None,
                ),
            )
        )
    return result
