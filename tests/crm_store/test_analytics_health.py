"""Customer health reasons, the at-risk rule, renewal windows, usage CSV import, digest times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crm_store import account
from crm_store.analytics.health import UsageRow, account_health, renewals_due, score_account
from crm_store.analytics.usage_import import import_csv, import_records
from crm_store.audit import AuditLog
from crm_store.db import transaction
from crm_store.digest_pref import due_digests, mark_sent, set_preference
from crm_store.errors import PermissionDenied
from crm_store.usage import UsageSignal
from tests.conftest import Org

TODAY = date(2026, 3, 16)


def _rows(rates: list[float], seats: int = 100, tickets: int = 0) -> list[UsageRow]:
    """One row per day for the last len(rates) weeks, oldest week first."""
    rows = []
    weeks = len(rates)
    for w, rate in enumerate(rates):
        for d in range(7):
            day = TODAY - timedelta(days=(weeks - w) * 7 - d)
            active = int(seats * rate)
            rows.append(
                UsageRow(
                    1, day, "day", active * 2, active, seats, active * 6, tickets if d == 0 else 0
                )
            )
    return rows


def test_health_score_reasons_and_at_risk_rule() -> None:
    healthy = score_account(1, "Good", 7, None, _rows([0.7, 0.7, 0.72, 0.7]), TODAY)
    assert healthy.status == "healthy" and healthy.score >= 70
    assert [r.key for r in healthy.reasons] == ["login_rate"]

    # Two weeks under 30 % logins: at risk, whatever else looks fine.
    failing = score_account(2, "Bad", 7, None, _rows([0.7, 0.6, 0.25, 0.2], tickets=4), TODAY)
    assert failing.status == "at_risk"
    keys = [r.key for r in failing.reasons]
    assert "login_rate_low" in keys
    assert "many_support_tickets" in keys
    assert failing.score < healthy.score
    assert failing.weekly_login_rates[-1] == pytest.approx(0.2)
    assert all(r.effect <= 0 for r in failing.reasons)

    # One bad week is a warning, not yet at risk; a sharp drop is called out.
    dipping = score_account(3, "Dip", 7, None, _rows([0.7, 0.7, 0.7, 0.25]), TODAY)
    assert dipping.status != "at_risk"
    assert "logins_dropping" in [r.key for r in dipping.reasons]

    unknown = score_account(4, "None", 7, None, [], TODAY)
    assert unknown.status == "unknown" and unknown.reasons[0].key == "no_usage_data"


def test_renewal_windows_and_health_in_scope(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    with transaction(session_factory) as s:
        for name, offset, owner in [
            ("Soon", 10, org.rep_a),
            ("Mid", 45, org.rep_a),
            ("Late", 80, org.rep_b),
            ("Far", 100, org.rep_a),
            ("Past", -5, org.rep_a),
            ("West", 20, org.rep_west),
        ]:
            acc = account.create_account(s, actor=owner, name=name)
            account.update_account(
                s,
                actor=owner,
                account_id=acc.id,
                changes={"renewal_date": TODAY + timedelta(days=offset)},
            )
    with session_factory() as s:
        team = [org.rep_a.user_id, org.rep_b.user_id, org.manager.user_id]
        due = renewals_due(s, tenant_id=org.tenant_id, owner_ids=tuple(team), today=TODAY)
        everyone = renewals_due(s, tenant_id=org.tenant_id, owner_ids=None, today=TODAY)
    assert [(r.name, r.window, r.days_left) for r in due] == [
        ("Soon", 30, 10),
        ("Mid", 60, 45),
        ("Late", 90, 80),
    ]
    assert {r.name for r in everyone} == {"Soon", "Mid", "Late", "West"}


CSV = """account,date,period,logins,active_users,seats,feature_use,support_tickets
Acme,2026-03-10,day,40,20,50,100,0
acme,2026-03-11,,38,19,50,90,1
Nobody Inc,2026-03-10,day,1,1,5,1,0
Acme,10/03/2026,day,1,1,5,1,0
Acme,2026-03-12,month,1,1,5,1,0
Acme,2026-03-13,day,-4,1,5,1,0
Acme,2026-03-14,day,lots,1,5,1,0
ACME Corp,2026-03-15,week,200,30,50,400,2
"""


def test_csv_import_keeps_good_rows_and_reports_bad_ones(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    with transaction(session_factory) as s:
        account.create_account(s, actor=org.rep_a, name="Acme", aliases=["ACME Corp"])
    with transaction(session_factory) as s:
        result = import_csv(s, actor=org.rep_a, text=CSV)
    assert result.imported == 3 and result.fatal is None
    assert [(e.line, e.message.split()[0]) for e in result.errors] == [
        (4, "unknown"),
        (5, "date"),
        (6, "period"),
        (7, "logins"),
        (8, "logins"),
    ]
    assert "Nobody Inc" in result.errors[0].message
    with transaction(session_factory) as s:
        again = import_records(
            s,
            actor=org.rep_a,
            records=[{"account": "Acme", "date": "2026-03-10", "logins": 1, "seats": 50}],
        )
    assert again.imported == 1 and again.ok
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(UsageSignal)) == 3  # replaced, not added
        assert s.scalar(select(UsageSignal.logins).where(UsageSignal.day == date(2026, 3, 10))) == 1
        audits = s.scalars(select(AuditLog).where(AuditLog.entity == "usage_signal")).all()
        assert len(audits) == 2 and audits[0].after is not None and audits[0].after["rows"] == 3
        health = account_health(s, tenant_id=org.tenant_id, owner_ids=None, today=TODAY)
    assert len(health) == 1 and health[0].name == "Acme"


def test_malformed_csv_is_refused_whole(session_factory: sessionmaker[Session], org: Org) -> None:
    with transaction(session_factory) as s:
        for text in ["", "foo,bar\n1,2\n", "logins,seats\n1,2\n"]:
            result = import_csv(s, actor=org.rep_a, text=text)
            assert result.fatal is not None and result.imported == 0
            assert "account" in result.fatal or "date" in result.fatal
        with pytest.raises(PermissionDenied):
            import_csv(s, actor=org.enablement, text="account,date\nAcme,2026-03-10\n")


def test_digest_schedule_in_local_time(session_factory: sessionmaker[Session], org: Org) -> None:
    # Monday 2026-03-16, 08:20 in Shanghai is 00:20 UTC.
    early = datetime(2026, 3, 16, 0, 20, tzinfo=UTC)
    later = datetime(2026, 3, 16, 0, 31, tzinfo=UTC)
    with transaction(session_factory) as s:
        assert {(d.user_id, d.kind) for d in due_digests(s, now=early)} == {
            (org.rep_a.user_id, "brief"),
            (org.rep_b.user_id, "brief"),
            (org.rep_west.user_id, "brief"),
        }
        due = {(d.user_id, d.kind) for d in due_digests(s, now=later)}
        assert (org.manager.user_id, "daily") in due
        assert (org.manager.user_id, "weekly") not in due  # weekly goes out at 09:00
        assert all(d[0] != org.enablement.user_id for d in due)
        mark_sent(s, user_id=org.manager.user_id, kind="daily", at=later)
        after = {(d.user_id, d.kind) for d in due_digests(s, now=later + timedelta(minutes=5))}
        assert (org.manager.user_id, "daily") not in after
        tomorrow = {(d.user_id, d.kind) for d in due_digests(s, now=later + timedelta(days=1))}
        assert (org.manager.user_id, "daily") in tomorrow

        set_preference(
            s, actor=org.rep_a, user_id=org.rep_a.user_id, changes={"brief_enabled": False}
        )
        assert (org.rep_a.user_id, "brief") not in {
            (d.user_id, d.kind) for d in due_digests(s, now=later)
        }
        with pytest.raises(PermissionDenied):
            set_preference(
                s, actor=org.rep_a, user_id=org.rep_b.user_id, changes={"brief_time": "07:00"}
            )


def test_health_in_sql_matches_the_python_rollup(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    from crm_store.usage import UsageRecord, upsert_usage

    with transaction(session_factory) as s:
        falling = account.create_account(s, actor=org.rep_a, name="Falling").id
        steady = account.create_account(s, actor=org.rep_west, name="Steady").id
        account.create_account(s, actor=org.rep_a, name="Silent")
        records = []
        expected = {}
        for account_id, rates in [(falling, [0.7, 0.6, 0.25, 0.2]), (steady, [0.7] * 4)]:
            rows = _rows(rates, tickets=3)
            expected[account_id] = rows
            records += [
                UsageRecord(
                    account_id=account_id,
                    day=r.day,
                    logins=r.logins,
                    active_users=r.active_users,
                    seats=r.seats,
                    feature_events=r.feature_events,
                    support_tickets=r.support_tickets,
                )
                for r in rows
            ]
        upsert_usage(s, actor=org.admin, records=records)
    with session_factory() as s:
        found = {
            h.account_id: h
            for h in account_health(s, tenant_id=org.tenant_id, owner_ids=None, today=TODAY)
        }
        east = account_health(
            s,
            tenant_id=org.tenant_id,
            owner_ids=(org.rep_a.user_id,),
            today=TODAY,
            only_with_usage=False,
        )
    assert set(found) == {falling, steady}
    for account_id, rows in expected.items():
        python = score_account(account_id, "x", None, None, rows, TODAY)
        assert found[account_id].score == python.score
        assert found[account_id].status == python.status
        assert found[account_id].weekly_login_rates == pytest.approx(python.weekly_login_rates)
    assert found[falling].status == "at_risk" and found[steady].status == "healthy"
    assert {h.name for h in east} == {"Falling", "Silent"}
