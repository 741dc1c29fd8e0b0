"""Every write leaves an audit row; stage changes leave stage history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crm_store import account, activity, audit, contact, deal, stage_history, task, user
from crm_store.audit import AuditLog
from crm_store.db import transaction
from crm_store.enums import ActivityType, DecisionRole, IdentityPlatform, Stage
from crm_store.source import SourceMessage
from tests.conftest import Org

SRC = SourceMessage(ref="slack:T1:C1:Ev1", text="今天拜访了华为的张总")


def _audit_count(factory: sessionmaker[Session]) -> int:
    with factory() as s:
        return int(s.scalar(select(func.count()).select_from(AuditLog)) or 0)


def test_each_write_adds_one_audit_row_with_actor_and_source(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    rep = org.rep_a
    writes = []

    def run(fn) -> None:
        before = _audit_count(session_factory)
        with transaction(session_factory) as s:
            fn(s)
        after = _audit_count(session_factory)
        writes.append(after - before)

    ids: dict[str, int] = {}
    run(
        lambda s: ids.__setitem__(
            "acc",
            account.create_account(s, actor=rep, name="华为", aliases=["Huawei"], source=SRC).id,
        )
    )
    run(
        lambda s: ids.__setitem__(
            "con",
            contact.create_contact(
                s,
                actor=rep,
                account_id=ids["acc"],
                name="张总",
                decision_role=DecisionRole.DECISION_MAKER,
                source=SRC,
            ).id,
        )
    )
    run(
        lambda s: ids.__setitem__(
            "deal",
            deal.create_deal(
                s, actor=rep, account_id=ids["acc"], name="CRM", amount=500000, source=SRC
            ).id,
        )
    )
    run(
        lambda s: deal.update_deal(
            s, actor=rep, deal_id=ids["deal"], changes={"stage": Stage.DEMO}, source=SRC
        )
    )
    run(
        lambda s: ids.__setitem__(
            "act",
            activity.log_activity(
                s,
                actor=rep,
                account_id=ids["acc"],
                deal_id=ids["deal"],
                type=ActivityType.VISIT,
                summary="visit",
                source=SRC,
            ).id,
        )
    )
    run(
        lambda s: ids.__setitem__(
            "task",
            task.create_task(s, actor=rep, title="send quote", deal_id=ids["deal"], source=SRC).id,
        )
    )
    run(lambda s: task.complete_task(s, actor=rep, task_id=ids["task"], source=SRC))
    run(
        lambda s: account.update_account(
            s, actor=rep, account_id=ids["acc"], changes={"industry": "ICT"}, source=SRC
        )
    )
    run(
        lambda s: user.link_identity(
            s,
            actor=org.admin,
            user_id=rep.user_id,
            platform=IdentityPlatform.SLACK,
            external_id="U1",
        )
    )
    assert writes == [1] * len(writes)

    with session_factory() as s:
        rows = audit.list_entries(s, actor=org.admin, entity="deal", entity_id=ids["deal"])
        act = activity.get_activity(s, actor=rep, activity_id=ids["act"])
    update = rows[0]
    assert update.action == "update" and update.actor_id == rep.user_id
    assert update.before is not None and update.before["stage"] == "lead"
    assert update.after is not None and update.after["stage"] == "demo"
    assert update.source_ref == SRC.ref and update.source_text == SRC.text
    assert act.source_ref == SRC.ref


def test_stage_history_tracks_time_in_stage(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    with transaction(session_factory) as s:
        acc = account.create_account(s, actor=org.rep_a, name="Acme")
        d = deal.create_deal(s, actor=org.rep_a, account_id=acc.id, name="x", at=t0)
        deal.update_deal(
            s, actor=org.rep_a, deal_id=d.id, changes={"stage": "demo"}, at=t0 + timedelta(days=10)
        )
        deal.update_deal(
            s,
            actor=org.rep_a,
            deal_id=d.id,
            changes={"stage": "won", "close_date": date(2026, 2, 1)},
            at=t0 + timedelta(days=25),
        )
        deal_id = d.id
    with session_factory() as s:
        rows = stage_history.history_of(s, deal_id=deal_id)
        closed = deal.get_deal(s, actor=org.rep_a, deal_id=deal_id)
    assert [r.stage for r in rows] == ["lead", "demo", "won"]
    assert [round(r.days_in_stage(t0 + timedelta(days=30))) for r in rows] == [10, 15, 5]
    assert rows[-1].left_at is None
    assert closed.closed_at == t0 + timedelta(days=25)


def test_undo_of_stage_change_restores_history(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    with transaction(session_factory) as s:
        acc = account.create_account(s, actor=org.rep_a, name="Globex")
        d = deal.create_deal(s, actor=org.rep_a, account_id=acc.id, name="x")
        deal.update_deal(
            s,
            actor=org.rep_a,
            deal_id=d.id,
            changes={"stage": "negotiation", "amount": 99},
            source=SRC,
        )
        entry = audit.last_change_by(s, actor=org.rep_a)
        assert entry is not None and entry.before is not None
        deal.restore_deal(s, actor=org.rep_a, deal_id=d.id, before=entry.before)
        deal_id = d.id
    with session_factory() as s:
        restored = deal.get_deal(s, actor=org.rep_a, deal_id=deal_id)
        rows = stage_history.history_of(s, deal_id=deal_id)
    assert restored.stage == "lead" and restored.amount is None
    assert [r.stage for r in rows] == ["lead"] and rows[0].left_at is None
