"""Backtest of win probabilities on a time split: train before a cutoff, score deals open then.

For each cutoff the model sees only deals closed before it, and each test deal is described
by its features as of the cutoff (nothing recorded later is read); its label is how it
ended afterwards. Several cutoffs are pooled so a small tenant still yields a test set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from crm_store.analytics.features import DealTimeline, features_at, load_timelines
from crm_store.analytics.winprob import (
    StageOnlyModel,
    TrainedModel,
    WinModel,
    choose_model,
    training_set,
)

DEFAULT_CUTOFF_DAYS = (180, 150, 120, 90, 60)


@dataclass(frozen=True, slots=True)
class BacktestResult:
    n_train: int  # closed deals the last (largest) training set learned from
    n_test: int  # pooled (deal, cutoff) predictions scored
    auc: float | None
    brier: float | None
    prior_auc: float | None
    prior_brier: float | None
    cutoffs: tuple[str, ...]
    method: str

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["cutoffs"] = list(self.cutoffs)
        for key in ("auc", "brier", "prior_auc", "prior_brier"):
            if data[key] is not None:
                data[key] = round(float(data[key]), 4)
        return data


def _scores(labels: list[int], probs: list[float]) -> tuple[float | None, float | None]:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    if not labels:
        return None, None
    brier = float(brier_score_loss(labels, probs))
    auc = float(roc_auc_score(labels, probs)) if len(set(labels)) == 2 else None
    return auc, brier


def backtest(
    timelines: Sequence[DealTimeline], *, now: datetime, cutoffs: Sequence[datetime] | None = None
) -> BacktestResult:
    """Pool predictions over the cutoffs at which a model could be trained."""
    points = sorted(cutoffs or [now - timedelta(days=d) for d in DEFAULT_CUTOFF_DAYS])
    labels: list[int] = []
    model_probs: list[float] = []
    prior_probs: list[float] = []
    used: list[str] = []
    n_train = 0
    methods: set[str] = set()
    for cutoff in points:
        model: WinModel = choose_model(timelines, cutoff=cutoff)
        if not isinstance(model, TrainedModel):
            continue
        baseline = StageOnlyModel.fit(training_set(timelines, cutoff=cutoff))
        tests = []
        for timeline in timelines:
            ended = timeline.outcome_at
            if timeline.won is None or ended is None or ended <= cutoff or ended > now:
                continue
            row = features_at(timeline, cutoff)
            if row is not None:
                tests.append((row, int(timeline.won)))
        if not tests:
            continue
        used.append(cutoff.date().isoformat())
        n_train = model.n_deals
        methods.add(model.method)
        rows = [r for r, _ in tests]
        labels += [y for _, y in tests]
        model_probs += [e.probability for e in model.estimate_many(rows)]
        prior_probs += [e.probability for e in baseline.estimate_many(rows)]
    auc, brier = _scores(labels, model_probs)
    prior_auc, prior_brier = _scores(labels, prior_probs)
    return BacktestResult(
        n_train=n_train,
        n_test=len(labels),
        auc=auc,
        brier=brier,
        prior_auc=prior_auc,
        prior_brier=prior_brier,
        cutoffs=tuple(used),
        method="model" if methods else "none",
    )


def run_backtest(
    session: Session, *, tenant_id: int, now: datetime, cutoffs: Sequence[datetime] | None = None
) -> BacktestResult:
    timelines = load_timelines(session, tenant_id=tenant_id)
    return backtest(timelines, now=now, cutoffs=cutoffs)


def backtest_fresh_demo(
    directory: Path, *, seed: int = 7, now: datetime | None = None
) -> BacktestResult:
    """Seed the demo tenant into a new SQLite file under `directory` and backtest it."""
    from crm_store import migrate
    from crm_store.db import make_engine, make_session_factory
    from crm_store.demo import demo_now, seed_demo

    engine = make_engine(f"sqlite:///{directory / 'backtest-demo.db'}")
    try:
        migrate.upgrade(engine)
        factory = make_session_factory(engine)
        moment = demo_now(now)
        summary = seed_demo(factory, now=moment, seed=seed)
        with factory() as session:
            return run_backtest(session, tenant_id=summary.tenant_id, now=moment)
    finally:
        engine.dispose()
