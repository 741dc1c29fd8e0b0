"""Funnel arithmetic, stalled-deal rules, forecast vs quota and the prior/model switch."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session, sessionmaker

from crm_store import account, activity, deal
from crm_store.analytics.features import (
    DealFeatures,
    DealRecord,
    DealTimeline,
    OpenDeal,
    StageVisit,
    current_features,
)
from crm_store.analytics.forecast import WonDeal, build_forecast
from crm_store.analytics.funnel import funnel_report
from crm_store.analytics.stalled import find_stalled, stage_limits
from crm_store.analytics.winprob import (
    MIN_CLOSED_FOR_MODEL,
    PriorModel,
    TrainedModel,
    WinEstimate,
    choose_model,
)
from crm_store.db import transaction
from crm_store.digest_pref import user_zone
from crm_store.enums import ActivityType, DealType, Stage
from crm_store.quota import quota_by_month, set_quota
from crm_store.tenant import get_tenant
from tests.conftest import Org

T0 = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


def _day(n: float) -> datetime:
    return T0 + timedelta(days=n)


def _deal(s: Session, actor, account_id: int, path: list[tuple[Stage, float]], amount: int) -> int:
    created = deal.create_deal(
        s,
        actor=actor,
        account_id=account_id,
        name=f"d{amount}",
        amount=amount,
        stage=path[0][0],
        at=_day(path[0][1]),
    )
    for stage, when in path[1:]:
        deal.update_deal(
            s, actor=actor, deal_id=created.id, changes={"stage": stage}, at=_day(when)
        )
    return created.id


@pytest.fixture
def funnel_org(session_factory: sessionmaker[Session], org: Org) -> dict[str, int]:
    with transaction(session_factory) as s:
        acc = account.create_account(s, actor=org.admin, name="Funnel Co", at=_day(-30)).id
        ids = {
            "a": _deal(
                s,
                org.rep_a,
                acc,
                [
                    (Stage.LEAD, 0),
                    (Stage.CONTACTED, 2),
                    (Stage.NEEDS_ANALYSIS, 5),
                    (Stage.DEMO, 10),
                    (Stage.NEGOTIATION, 20),
                    (Stage.WON, 30),
                ],
                100_000,
            ),
            "b": _deal(
                s, org.rep_b, acc, [(Stage.LEAD, 1), (Stage.CONTACTED, 4), (Stage.LOST, 10)], 50_000
            ),
            "c": _deal(
                s, org.rep_a, acc, [(Stage.LEAD, 2), (Stage.CONTACTED, 3), (Stage.DEMO, 8)], 80_000
            ),
        }
        ids["account"] = acc
    return ids


def test_funnel_conversion_time_in_stage_and_outcomes(
    session_factory: sessionmaker[Session], org: Org, funnel_org: dict[str, int]
) -> None:
    with session_factory() as s:
        (report,) = funnel_report(s, actor=org.manager, scope="team", start=T0, end=_day(60))
    stats = {row.stage: row for row in report.stages}
    assert (stats[Stage.LEAD].entered, stats[Stage.LEAD].converted) == (3, 3)
    # b was lost after contacted; c skipped needs analysis, which still counts as progress.
    assert (stats[Stage.CONTACTED].entered, stats[Stage.CONTACTED].converted) == (3, 2)
    assert stats[Stage.CONTACTED].conversion == pytest.approx(2 / 3)
    assert (stats[Stage.NEEDS_ANALYSIS].entered, stats[Stage.NEEDS_ANALYSIS].converted) == (1, 1)
    assert (stats[Stage.DEMO].entered, stats[Stage.DEMO].converted) == (2, 1)
    assert stats[Stage.NEGOTIATION].conversion == 1.0
    # Lead lasted 2, 3 and 1 days.
    assert stats[Stage.LEAD].median_days == pytest.approx(2.0)
    assert stats[Stage.LEAD].p75_days == pytest.approx(2.5)
    assert (report.won, report.lost, report.win_rate) == (1, 1, 0.5)
    assert report.avg_won_amount == pytest.approx(100_000)
    assert report.median_cycle_days == pytest.approx(30.0)
    assert report.bookings[DealType.NEW.value] == pytest.approx(100_000)
    assert report.bookings[DealType.RENEWAL.value] == 0

    with session_factory() as s:
        by_rep = funnel_report(
            s, actor=org.manager, scope="team", start=T0, end=_day(60), group_by="rep"
        )
        months = funnel_report(
            s, actor=org.admin, scope="all", start=T0, end=_day(60), group_by="month", tz="UTC"
        )
        rep_view = funnel_report(s, actor=org.rep_b, scope="all", start=T0, end=_day(60))
    assert {r.key: r.won for r in by_rep} == {"emma": 0, "wang": 1}
    assert [m.key for m in months] == ["2026-01", "2026-02", "2026-03"]
    assert months[0].won == 0 and months[1].won == 1  # won on Feb 4th
    # A rep asking for everything still only sees their own deal.
    assert rep_view[0].stages[0].entered == 1 and rep_view[0].lost == 1


def test_stalled_by_sla_then_by_p75_of_won_deals(
    session_factory: sessionmaker[Session], org: Org, funnel_org: dict[str, int]
) -> None:
    now = _day(20)
    with transaction(session_factory) as s:
        tenant = get_tenant(s, tenant_id=org.tenant_id)
        tenant.settings = {"stage_sla_days": {"demo": 5}}
        activity.log_activity(
            s,
            actor=org.rep_a,
            account_id=funnel_org["account"],
            deal_id=funnel_org["c"],
            type=ActivityType.CALL,
            summary="call",
            occurred_at=_day(18),
        )
    with session_factory() as s:
        tenant = get_tenant(s, tenant_id=org.tenant_id)
        limits = stage_limits(s, tenant_id=org.tenant_id, settings=tenant.settings)
        assert limits[Stage.DEMO].days == 5 and limits[Stage.DEMO].rule == "sla"
        assert limits[Stage.LEAD].rule == "default"  # no SLA and too few won deals for a p75
        open_deals = current_features(s, tenant_id=org.tenant_id, owner_ids=None, now=now)
    stalled = {d.deal_id: d for d in find_stalled(open_deals, limits, no_activity_days=14)}
    c = stalled[funnel_org["c"]]
    assert c.reasons == ("over_limit",) and c.days_in_stage == pytest.approx(12)
    assert c.days_since_activity == pytest.approx(2)

    # Without an SLA the limit is the p75 of time won deals spent in the stage.
    with transaction(session_factory) as s:
        acc = account.create_account(s, actor=org.admin, name="P75 Co", at=_day(-30)).id
        for i, days in enumerate([2, 4, 6, 8, 10]):
            _deal(s, org.rep_a, acc, [(Stage.DEMO, -40 + i), (Stage.WON, -40 + i + days)], 1000 + i)
        get_tenant(s, tenant_id=org.tenant_id).settings = {}
    with session_factory() as s:
        limits = stage_limits(s, tenant_id=org.tenant_id, settings={})
        later = current_features(s, tenant_id=org.tenant_id, owner_ids=None, now=_day(19))
        earlier = current_features(s, tenant_id=org.tenant_id, owner_ids=None, now=_day(17))
    # Won demo visits lasted 2, 4, 6, 8, 10 and (deal a) 10 days: p75 = 9.5.
    assert limits[Stage.DEMO].rule == "p75" and limits[Stage.DEMO].days == pytest.approx(9.5)
    # c has been in demo 11 days at day 19 (> 9.5), only 9 days at day 17.
    assert funnel_org["c"] in {d.deal_id for d in find_stalled(later, limits)}
    quiet = {d.deal_id: d for d in find_stalled(earlier, limits, no_activity_days=5)}
    assert quiet[funnel_org["c"]].reasons == ("no_activity",)


def _features(deal_id: int, stage: Stage, **overrides: float) -> DealFeatures:
    values = {
        "age_days": 30.0,
        "days_in_stage": 5.0,
        "days_since_activity": 2.0,
        "activities_total": 5,
        "activities_recent": 3,
        "amount": 100_000.0,
        "competitors": 0,
    }
    values.update(overrides)
    return DealFeatures(
        deal_id=deal_id,
        stage=stage,
        champion=False,
        decision_maker=False,
        roles_covered=0,
        sentiment=None,
        deal_type=DealType.NEW,
        **values,  # type: ignore[arg-type]
    )


def _open(deal_id: int, amount: float, close: date | None, stage: Stage) -> OpenDeal:
    record = DealRecord(
        deal_id, 1, 1, f"d{deal_id}", stage, amount, "CNY", DealType.NEW, 0, T0, close
    )
    return OpenDeal(record, T0, _features(deal_id, stage, amount=amount))


def test_forecast_against_quota(session_factory: sessionmaker[Session], org: Org) -> None:
    zone = user_zone("Asia/Shanghai")
    now = datetime(2026, 3, 10, 4, tzinfo=UTC)
    deals = [
        _open(1, 100_000, date(2026, 3, 20), Stage.NEGOTIATION),
        _open(2, 200_000, date(2026, 3, 25), Stage.LEAD),
        _open(3, 50_000, date(2026, 2, 1), Stage.DEMO),  # slipped: expected now
        _open(4, 70_000, date(2026, 5, 2), Stage.DEMO),
        _open(5, 10_000, None, Stage.DEMO),
    ]
    estimates = {
        1: WinEstimate(1, 0.8, "prior", ()),
        2: WinEstimate(2, 0.1, "prior", ()),
        3: WinEstimate(3, 0.5, "prior", ()),
        4: WinEstimate(4, 0.6, "prior", ()),
        5: WinEstimate(5, 0.9, "prior", ()),
    }
    won = [WonDeal(1, datetime(2026, 3, 2, tzinfo=UTC), 300_000)]
    with transaction(session_factory) as s:
        set_quota(
            s, actor=org.manager, month=date(2026, 3, 1), amount=400_000, user_id=org.rep_a.user_id
        )
        set_quota(
            s, actor=org.manager, month=date(2026, 3, 1), amount=100_000, user_id=org.rep_b.user_id
        )
        set_quota(s, actor=org.admin, month=date(2026, 4, 1), amount=900_000, team="east")
        set_quota(s, actor=org.admin, month=date(2026, 4, 1), amount=1, user_id=org.rep_a.user_id)
        team_ids = [org.rep_a.user_id, org.rep_b.user_id, org.manager.user_id]
        quotas = quota_by_month(
            s,
            tenant_id=org.tenant_id,
            start=date(2026, 1, 1),
            end=date(2026, 12, 1),
            user_ids=team_ids,
            team="east",
        )
        west = quota_by_month(
            s,
            tenant_id=org.tenant_id,
            start=date(2026, 1, 1),
            end=date(2026, 12, 1),
            user_ids=[org.rep_west.user_id],
            team="west",
        )
    # A team quota replaces its members' sum for that month.
    assert quotas == {date(2026, 3, 1): Decimal(500_000), date(2026, 4, 1): Decimal(900_000)}
    assert west == {}
    report = build_forecast(deals, estimates, won, quotas, now=now, tz=zone)
    march = report.current_month
    assert march.label == "2026-03" and march.open_deals == 3
    assert march.won == 300_000
    assert march.weighted == pytest.approx(300_000 + 80_000 + 20_000 + 25_000)
    assert march.commit == pytest.approx(300_000 + 100_000)
    assert march.best_case == pytest.approx(300_000 + 350_000)
    assert march.quota == 500_000 and march.attainment == pytest.approx(0.6)
    assert report.months[1].quota == 900_000 and report.months[1].won == 0
    q1 = report.current_quarter
    assert q1.label == "2026-Q1" and q1.quota == 500_000
    assert report.quarters[1].best_case == pytest.approx(70_000)
    assert report.unscheduled_amount == 10_000


def _timeline(deal_id: int, won: bool, champion_days: float) -> DealTimeline:
    record = DealRecord(
        deal_id,
        1,
        1,
        "x",
        Stage.WON if won else Stage.LOST,
        1000.0,
        "CNY",
        DealType.NEW,
        0,
        T0,
        None,
    )
    end = T0 + timedelta(days=20 + deal_id % 7)
    visits = [
        StageVisit(Stage.LEAD, T0, T0 + timedelta(days=3)),
        StageVisit(Stage.DEMO, T0 + timedelta(days=3), end),
        StageVisit(Stage.WON if won else Stage.LOST, end, None),
    ]
    timeline = DealTimeline(record, visits)
    from crm_store.analytics.features import ActivityFact

    for k in range(1 + deal_id % 4):
        timeline.activities.append(
            ActivityFact(T0 + timedelta(days=champion_days + k), None, 0.5 if won else -0.5)
        )
    return timeline


def test_prior_until_thirty_closed_deals_then_a_trained_model() -> None:
    cutoff = T0 + timedelta(days=200)
    few = [_timeline(i, i % 2 == 0, 1 + i % 3) for i in range(MIN_CLOSED_FOR_MODEL - 1)]
    assert isinstance(choose_model(few, cutoff=cutoff), PriorModel)
    enough = [*few, _timeline(99, True, 2)]
    model = choose_model(enough, cutoff=cutoff)
    assert isinstance(model, TrainedModel)
    # Deals closed after the cutoff do not count towards the threshold.
    assert isinstance(choose_model(enough, cutoff=T0 + timedelta(days=1)), PriorModel)
    one_sided = [_timeline(i, True, 1) for i in range(40)]
    assert isinstance(choose_model(one_sided, cutoff=cutoff), PriorModel)
    good = model.estimate(_features(1, Stage.DEMO)).probability
    assert 0.0 < good < 1.0
    estimate = model.estimate(_features(2, Stage.DEMO))
    assert estimate.method == "model" and estimate.factors


def test_prior_decays_with_stall_and_silence() -> None:
    prior = PriorModel()
    fresh = prior.estimate(_features(1, Stage.NEGOTIATION))
    stuck = prior.estimate(_features(2, Stage.NEGOTIATION, days_in_stage=90))
    silent = prior.estimate(_features(3, Stage.NEGOTIATION, days_since_activity=60))
    early = prior.estimate(_features(4, Stage.LEAD))
    assert fresh.probability == pytest.approx(0.7)
    assert stuck.probability < fresh.probability and silent.probability < fresh.probability
    assert early.probability < fresh.probability
    assert {f.key for f in stuck.factors} == {"stage", "days_in_stage", "days_since_activity"}
    assert stuck.factors[0].key in ("days_in_stage", "stage")
