"""Win probability on the demo tenant: leakage-free features, and a backtest beating the prior."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm_store.analytics.backtest import backtest
from crm_store.analytics.features import current_features, features_at, load_timelines
from crm_store.analytics.pipeline import pipeline_summary
from crm_store.user import find_user
from tests.demo_fixtures import DEMO_NOW as NOW
from tests.demo_fixtures import (  # noqa: F401 - fixtures
    DemoDb,
    demo_db_fixture,
    demo_sqlite_template_fixture,
)


@pytest.mark.slow
def test_backtest_on_demo_beats_the_stage_prior(demo_db: DemoDb) -> None:
    session_factory, demo = demo_db.factory, demo_db.tenant_id
    with session_factory() as s:
        timelines = load_timelines(s, tenant_id=demo)
        # Both feature paths agree for every open deal now.
        fast = {
            d.record.id: d.features
            for d in current_features(s, tenant_id=demo, owner_ids=None, now=NOW)
        }
    slow = {t.deal.id: features_at(t, NOW) for t in timelines if t.deal.id in fast}
    assert fast and fast.keys() == slow.keys()
    for deal_id, row in fast.items():
        other = slow[deal_id]
        assert other is not None
        assert (row.stage, row.activities_total, row.activities_recent, row.champion) == (
            other.stage,
            other.activities_total,
            other.activities_recent,
            other.champion,
        )
        assert row.days_since_activity == pytest.approx(other.days_since_activity)
        assert row.sentiment == other.sentiment

    # Features as of a past moment ignore everything recorded after it.
    cutoff = NOW - timedelta(days=90)
    for timeline in timelines:
        row = features_at(timeline, cutoff)
        if row is not None:
            seen = [a for a in timeline.activities if a.at < cutoff]
            assert row.activities_total == len(seen)

    result = backtest(timelines, now=NOW)
    assert result.n_test >= 30 and result.n_train >= 30
    assert result.auc is not None and result.prior_auc is not None
    assert result.auc > result.prior_auc
    assert result.brier is not None and result.prior_brier is not None
    assert result.brier < result.prior_brier
    assert set(result.as_json()) >= {
        "n_train",
        "n_test",
        "auc",
        "brier",
        "prior_auc",
        "prior_brier",
    }


def test_pipeline_summary_respects_scope(demo_db: DemoDb) -> None:
    session_factory, demo = demo_db.factory, demo_db.tenant_id
    with session_factory() as s:
        manager = find_user(s, tenant_id=demo, username="manager")
        rep = find_user(s, tenant_id=demo, username="zhao")
        assert manager is not None and rep is not None
        team = pipeline_summary(s, actor=manager.as_actor(), scope="all", now=NOW, tz="UTC")
        west = pipeline_summary(s, actor=rep.as_actor(), scope="team", now=NOW, tz="UTC")
    assert team.scope == "team" and team.method == "model"
    assert team.open_count == sum(line.count for line in team.stages) > 0
    assert west.scope == "mine"
    team_ids = {d.deal_id for d in team.top_deals}
    assert not team_ids & {d.deal_id for d in west.top_deals}
    for line in team.top_deals:
        assert 0.0 < line.probability < 1.0 and line.factors
    assert team.forecast.current_month.quota is not None  # demo quotas are seeded
    assert "no_quota" not in team.notes
