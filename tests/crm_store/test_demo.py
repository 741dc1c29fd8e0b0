"""Demo seeding: counts, idempotency, determinism, backdated history and a learnable signal."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from crm_store.activity import Activity
from crm_store.audit import AuditLog
from crm_store.contact import Contact
from crm_store.db import make_engine, make_session_factory
from crm_store.deal import Deal
from crm_store.demo import demo_now, seed_demo
from crm_store.demo.generate import plan_demo
from crm_store.enums import CLOSED_STAGES, OPEN_STAGES, DecisionRole, Role, Stage
from crm_store.stage_history import StageHistory
from crm_store.task import Task
from crm_store.tenant import get_tenant_by_slug
from crm_store.user import User, resolve_identity

NOW = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)
DAY0 = datetime(2026, 6, 15, tzinfo=UTC)


def _audit_rows(factory: sessionmaker[Session]) -> int:
    with factory() as s:
        return int(s.scalar(select(func.count()).select_from(AuditLog)) or 0)


def test_seed_creates_a_plausible_tenant_once(session_factory: sessionmaker[Session]) -> None:
    first = seed_demo(session_factory, now=NOW)
    assert first.created
    assert first.users == 7
    assert 55 <= first.accounts <= 65
    assert first.contacts >= 2 * first.accounts
    assert 140 <= first.deals <= 160
    assert 600 <= first.activities <= 2000
    assert 30 <= first.tasks <= 150
    audit_rows = _audit_rows(session_factory)
    # Every repository write left an audit row.
    assert audit_rows >= first.accounts + first.contacts + first.deals + first.activities

    second = seed_demo(session_factory, now=NOW + timedelta(days=3), seed=99)
    assert not second.created
    assert second == replace(first, created=False)
    assert _audit_rows(session_factory) == audit_rows
    with session_factory() as s:
        _check_users_teams_and_identities(s)
        _check_history_is_backdated_over_a_year(s)
        _check_outcomes_follow_the_decision_chain(s)


def _check_users_teams_and_identities(s: Session) -> None:
    tenant = get_tenant_by_slug(s, slug="demo")
    assert tenant is not None
    users = {u.username: u for u in s.scalars(select(User).where(User.tenant_id == tenant.id))}
    assert users["admin"].role == Role.ADMIN
    assert users["manager"].role == Role.MANAGER and users["manager"].team == "east"
    reps = [u for u in users.values() if u.role == Role.REP]
    assert sorted(u.username for u in reps) == ["emma", "li", "wang", "zhao"]
    assert sorted(u.team or "" for u in reps) == ["east", "east", "east", "west"]
    assert {u.language for u in reps} == {"zh", "en"}
    assert users["enable"].role == Role.ENABLEMENT
    for platform, external, username in [
        ("slack", "U0DEMOWANG", "wang"),
        ("wecom", "wangwei", "wang"),
        ("dingtalk", "staff-wang-001", "wang"),
        ("slack", "U0DEMOMGR", "manager"),
        ("wecom", "manager", "manager"),
        ("dingtalk", "staff-mgr-001", "manager"),
        ("console", "emma", "emma"),
        ("console", "admin", "admin"),
    ]:
        found = resolve_identity(s, platform=platform, external_id=external)
        assert found is not None and found.username == username
    assert tenant.settings["stage_sla_days"]["negotiation"] > 0


def _check_history_is_backdated_over_a_year(s: Session) -> None:
    entered = s.scalars(select(StageHistory.entered_at)).all()
    assert min(entered) >= DAY0 - timedelta(days=366)
    assert max(entered) <= DAY0
    assert max(entered) - min(entered) > timedelta(days=300)
    deals = s.scalars(select(Deal)).all()
    stages = {d.stage for d in deals}
    assert {Stage.WON, Stage.LOST} <= stages
    assert len(stages & OPEN_STAGES) >= 4
    open_count = sum(d.stage in OPEN_STAGES for d in deals)
    assert 25 <= open_count <= 80
    for d in deals:
        if d.stage == Stage.LOST:
            assert d.lost_reason
        assert (d.closed_at is not None) == (d.stage in CLOSED_STAGES)
    competitors = {c for d in deals for c in d.competitors}
    assert {"Salesforce", "HubSpot"} & competitors
    # A won deal walked the funnel and its audit rows carry the backdated times.
    won = next(d for d in deals if d.stage == Stage.WON)
    path = s.scalars(
        select(StageHistory.stage)
        .where(StageHistory.deal_id == won.id)
        .order_by(StageHistory.entered_at)
    ).all()
    assert path == ["lead", "contacted", "needs_analysis", "demo", "negotiation", "won"]
    audit_times = s.scalars(
        select(AuditLog.created_at).where(AuditLog.entity == "deal", AuditLog.entity_id == won.id)
    ).all()
    assert min(audit_times) == won.created_at
    assert max(audit_times) == won.closed_at
    assert s.scalar(select(func.max(Activity.occurred_at))) <= DAY0
    tasks = s.scalars(select(Task).where(Task.done.is_(False))).all()
    assert any(t.due_at is not None and t.due_at < DAY0 for t in tasks)  # overdue
    assert any(t.due_at is not None and t.due_at >= DAY0 for t in tasks)  # upcoming


def _fingerprint(path: Path, seed: int) -> list[tuple[str, str, str, str]]:
    engine = make_engine(f"sqlite:///{path}")
    factory = make_session_factory(engine)
    seed_demo(factory, now=NOW, seed=seed)
    with factory() as s:
        rows = s.execute(
            select(Deal.name, Deal.amount, Deal.stage, Deal.created_at).order_by(Deal.id)
        )
        result = [(n, str(a), str(st), c.isoformat()) for n, a, st, c in rows]
    engine.dispose()
    return result


@pytest.mark.slow
def test_same_seed_same_world(tmp_path: Path, sqlite_template: Path) -> None:
    paths = [tmp_path / f"{name}.db" for name in ("a", "b")]
    for path in paths:
        shutil.copy(sqlite_template, path)
    first = _fingerprint(paths[0], seed=7)
    assert first == _fingerprint(paths[1], seed=7)
    stored = [(name, str(Decimal(amount))) for name, amount, _, _ in first]
    planned = plan_demo(now=demo_now(NOW), seed=7).deals
    assert stored == [(d.name, str(Decimal(d.amount).quantize(Decimal("0.01")))) for d in planned]
    other = plan_demo(now=demo_now(NOW), seed=8).deals
    assert stored != [(d.name, str(Decimal(d.amount).quantize(Decimal("0.01")))) for d in other]


def _won_rate(s: Session, with_role: bool, role: DecisionRole) -> float:
    touched = exists(
        select(Activity.id)
        .join(Contact, Contact.id == Activity.contact_id)
        .where(Activity.deal_id == Deal.id, Contact.decision_role == role)
    )
    condition = touched if with_role else ~touched
    closed = s.scalars(select(Deal.stage).where(Deal.stage.in_(["won", "lost"]), condition)).all()
    assert len(closed) >= 15
    return sum(stage == "won" for stage in closed) / len(closed)


def _check_outcomes_follow_the_decision_chain(s: Session) -> None:
    assert (
        _won_rate(s, True, DecisionRole.CHAMPION) > _won_rate(s, False, DecisionRole.CHAMPION) + 0.1
    )
    assert (
        _won_rate(s, True, DecisionRole.DECISION_MAKER)
        > _won_rate(s, False, DecisionRole.DECISION_MAKER) + 0.1
    )
    # Deals that went dark (no activity in their last weeks) lose more often.
    counts = {True: [0, 0], False: [0, 0]}
    for deal in s.scalars(select(Deal).where(Deal.stage.in_(["won", "lost"]))):
        assert deal.closed_at is not None
        last = s.scalar(select(func.max(Activity.occurred_at)).where(Activity.deal_id == deal.id))
        quiet = last is None or deal.closed_at - last > timedelta(days=14)
        counts[quiet][0] += 1
        counts[quiet][1] += deal.stage == "won"
    assert counts[False][1] / counts[False][0] > counts[True][1] / counts[True][0]
