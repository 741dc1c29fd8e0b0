"""Benchmark worlds: bulk-insert a large synthetic tenant with SQLAlchemy core.

This bypasses the audited repository API on purpose (no audit rows, no permission checks);
it exists only so benchmarks can build 100k deals and 1M activities in reasonable time.
"""
# ruff: noqa: C408 - rows read best as keyword dicts

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from crm_store.account import Account
from crm_store.activity import Activity
from crm_store.contact import Contact
from crm_store.db import utcnow
from crm_store.deal import Deal
from crm_store.enums import FUNNEL, ActivityType, DealType, DecisionRole, Role, Stage
from crm_store.quota import Quota
from crm_store.stage_history import StageHistory
from crm_store.task import Task
from crm_store.tenant import Tenant
from crm_store.usage import UsageSignal
from crm_store.user import User

CHUNK = 20_000
_OPEN = FUNNEL[:5]
_ROLES = tuple(DecisionRole)
_TYPES = (
    ActivityType.CALL,
    ActivityType.EMAIL,
    ActivityType.VISIT,
    ActivityType.MEETING,
    ActivityType.DEMO,
    ActivityType.MESSAGE,
)


@dataclass(frozen=True, slots=True)
class BulkSummary:
    tenant_id: int
    managers: int
    reps: int
    accounts: int
    deals: int
    activities: int
    stage_rows: int


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        session.execute(insert(table), chunk)


def build_bench_world(
    engine: Engine,
    *,
    now: datetime,
    deals: int = 100_000,
    activities: int = 1_000_000,
    teams: int = 10,
    reps_per_team: int = 10,
    accounts: int = 5_000,
    seed: int = 3,
    slug: str = "bench",
) -> BulkSummary:
    """A tenant with `teams` managers, their reps, and two years of synthetic history."""
    rng = random.Random(seed)
    with Session(engine) as session, session.begin():
        tenant = Tenant(
            slug=slug,
            name="Bench Vendor",
            default_currency="CNY",
            settings={"stage_sla_days": {"lead": 10, "contacted": 14, "negotiation": 30}},
            created_at=now,
        )
        session.add(tenant)
        session.flush()
        tid = tenant.id
        user_rows: list[dict[str, Any]] = [
            dict(
                tenant_id=tid,
                username="admin",
                display_name="Admin",
                role=Role.ADMIN.value,
                team=None,
                language="en",
                timezone="Asia/Shanghai",
                active=True,
                created_at=now,
            )
        ]
        for team in range(teams):
            user_rows.append(
                dict(
                    tenant_id=tid,
                    username=f"mgr{team}",
                    display_name=f"Manager {team}",
                    role=Role.MANAGER.value,
                    team=f"team{team}",
                    language="zh" if team % 2 else "en",
                    timezone="Asia/Shanghai",
                    active=True,
                    created_at=now,
                )
            )
            for r in range(reps_per_team):
                user_rows.append(
                    dict(
                        tenant_id=tid,
                        username=f"rep{team}_{r}",
                        display_name=f"Rep {team}-{r}",
                        role=Role.REP.value,
                        team=f"team{team}",
                        language="zh",
                        timezone="Asia/Shanghai",
                        active=True,
                        created_at=now,
                    )
                )
        _insert(session, User, user_rows)
        reps = list(
            session.scalars(select(User.id).where(User.tenant_id == tid, User.role == "rep"))
        )
        account_rows = []
        for i in range(accounts):
            renewal = (now + timedelta(days=rng.randint(-200, 300))).date()
            account_rows.append(
                dict(
                    tenant_id=tid,
                    name=f"Account {i:05d}",
                    aliases=[],
                    industry="Software",
                    size="51-200",
                    owner_id=rng.choice(reps),
                    renewal_date=renewal,
                    created_at=now - timedelta(days=800),
                )
            )
        _insert(session, Account, account_rows)
        account_ids = list(
            session.execute(select(Account.id, Account.owner_id).where(Account.tenant_id == tid))
        )
        contact_rows = [
            dict(
                tenant_id=tid,
                account_id=aid,
                name=f"Contact {aid}-{k}",
                title=None,
                decision_role=_ROLES[k].value,
                email=None,
                phone=None,
                created_at=now - timedelta(days=800),
            )
            for aid, _ in account_ids
            for k in range(4)
        ]
        _insert(session, Contact, contact_rows)
        contacts: dict[int, list[tuple[int, str | None]]] = {}
        for cid, aid, role in session.execute(
            select(Contact.id, Contact.account_id, Contact.decision_role).where(
                Contact.tenant_id == tid
            )
        ):
            contacts.setdefault(aid, []).append((cid, role))

        deal_rows: list[dict[str, Any]] = []
        lives: list[tuple[datetime, datetime, int, int | None, bool]] = []
        history: list[list[tuple[Stage, datetime, datetime | None]]] = []
        for i in range(deals):
            aid, owner = account_ids[rng.randrange(len(account_ids))]
            created = now - timedelta(days=rng.uniform(1, 730))
            won = rng.random() < 0.4
            last = 4 if won else rng.randrange(5)
            visits: list[tuple[Stage, datetime, datetime | None]] = []
            t = created
            for index in range(last + 1):
                nxt = t + timedelta(days=rng.expovariate(1 / 14))
                if nxt > now:
                    visits.append((_OPEN[index], t, None))
                    break
                visits.append((_OPEN[index], t, nxt))
                t = nxt
            else:
                visits.append((Stage.WON if won else Stage.LOST, t, None))
            stage = visits[-1][0]
            closed = visits[-1][1] if stage in (Stage.WON, Stage.LOST) else None
            deal_rows.append(
                dict(
                    tenant_id=tid,
                    account_id=aid,
                    name=f"Deal {i}",
                    stage=stage.value,
                    lost_reason="price" if stage is Stage.LOST else None,
                    amount=rng.randint(20, 2000) * 1000,
                    currency="CNY",
                    close_date=(created + timedelta(days=rng.randint(30, 120))).date(),
                    probability=None,
                    products=[],
                    competitors=[] if rng.random() < 0.5 else ["X"],
                    owner_id=owner,
                    deal_type=rng.choice(tuple(DealType)).value,
                    req_business=None,
                    req_technical=None,
                    req_procurement=None,
                    risk_flags=[],
                    created_at=created,
                    updated_at=visits[-1][1],
                    closed_at=closed,
                )
            )
            lives.append((created, closed or now, aid, owner, won))
            history.append(visits)
        _insert(session, Deal, deal_rows)
        deal_ids = list(
            session.scalars(select(Deal.id).where(Deal.tenant_id == tid).order_by(Deal.id))
        )
        stage_rows = [
            dict(
                tenant_id=tid, deal_id=did, stage=s.value, entered_at=e, left_at=left, actor_id=None
            )
            for did, visits in zip(deal_ids, history, strict=True)
            for s, e, left in visits
        ]
        _insert(session, StageHistory, stage_rows)

        per_deal = activities / max(1, deals)
        act_rows: list[dict[str, Any]] = []
        task_rows: list[dict[str, Any]] = []
        for did, (start, end, aid, owner, _) in zip(deal_ids, lives, strict=True):
            span = max(60.0, (end - start).total_seconds())
            count = max(0, int(round(rng.gauss(per_deal, math.sqrt(per_deal)))))
            people = contacts.get(aid, [])
            for _ in range(count):
                who = rng.choice(people) if people and rng.random() < 0.8 else None
                details = {"sentiment": round(rng.uniform(-1, 1), 2)} if rng.random() < 0.1 else {}
                at = start + timedelta(seconds=rng.uniform(0, span))
                act_rows.append(
                    dict(
                        tenant_id=tid,
                        account_id=aid,
                        deal_id=did,
                        contact_id=who[0] if who else None,
                        user_id=owner,
                        type=rng.choice(_TYPES).value,
                        occurred_at=at,
                        summary="bench activity",
                        details=details,
                        source_ref=None,
                        source_text=None,
                        created_at=at,
                    )
                )
            if end >= now and rng.random() < 0.3:
                due = now + timedelta(days=rng.randint(-5, 10))
                task_rows.append(
                    dict(
                        tenant_id=tid,
                        owner_id=owner,
                        deal_id=did,
                        account_id=aid,
                        title="follow up",
                        due_at=due,
                        done=False,
                        done_at=None,
                        reminded_at=None,
                        source_ref=None,
                        created_at=now - timedelta(days=3),
                    )
                )
            if len(act_rows) >= 200_000:
                _insert(session, Activity, act_rows)
                act_rows = []
        _insert(session, Activity, act_rows)
        _insert(session, Task, task_rows)
        month = date(now.year, 1, 1)
        quota_rows = [
            dict(
                tenant_id=tid,
                user_id=rep,
                team=None,
                month=month.replace(month=m),
                amount=3_000_000,
                currency="CNY",
                updated_at=now,
            )
            for rep in reps
            for m in range(1, 13)
        ]
        _insert(session, Quota, quota_rows)
        usage_rows = []
        for aid, _ in account_ids[:1000]:
            seats = 50
            rate = 0.15 if aid % 5 == 0 else 0.6
            for back in range(1, 29):
                usage_rows.append(
                    dict(
                        tenant_id=tid,
                        account_id=aid,
                        day=(now - timedelta(days=back)).date(),
                        period="day",
                        logins=int(seats * rate * 2),
                        active_users=int(seats * rate),
                        seats=seats,
                        feature_events=100,
                        support_tickets=0,
                        updated_at=utcnow(),
                    )
                )
        _insert(session, UsageSignal, usage_rows)
        total_acts = int(
            session.scalar(
                select(Activity.id).where(Activity.tenant_id == tid).order_by(Activity.id.desc())
            )
            or 0
        )
    return BulkSummary(
        tenant_id=tid,
        managers=teams,
        reps=len(reps),
        accounts=len(account_ids),
        deals=len(deal_ids),
        activities=total_acts,
        stage_rows=len(stage_rows),
    )
