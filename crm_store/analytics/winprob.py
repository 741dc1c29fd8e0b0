"""Win probability per open deal: a transparent prior, then a model trained per tenant.

Before a tenant has `MIN_CLOSED_FOR_MODEL` closed deals the probability is the stage's
weight, decayed for time stuck in the stage and for silence since the last activity.
Afterwards a logistic regression over the features in `features.py` is trained on the
tenant's closed deals (several snapshots of each deal while it was open, weighted so each
deal counts once), with sigmoid calibration on folds grouped by deal. Every estimate
carries its top factors: the terms that pushed it up or down the most.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

import numpy as np

from crm_store.analytics.features import DealFeatures, DealTimeline, features_at
from crm_store.enums import DealType, Stage

MIN_CLOSED_FOR_MODEL = 30
MIN_PER_CLASS = 5
STAGE_WEIGHT: dict[Stage, float] = {
    Stage.LEAD: 0.10,
    Stage.CONTACTED: 0.20,
    Stage.NEEDS_ANALYSIS: 0.35,
    Stage.DEMO: 0.50,
    Stage.NEGOTIATION: 0.70,
}
TYPICAL_DAYS: dict[Stage, float] = {
    Stage.LEAD: 10,
    Stage.CONTACTED: 14,
    Stage.NEEDS_ANALYSIS: 21,
    Stage.DEMO: 21,
    Stage.NEGOTIATION: 30,
}
QUIET_GRACE_DAYS = 14.0
_STAGES = tuple(s for s in STAGE_WEIGHT)


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason behind an estimate; `effect` is its push in log-odds (+ helps winning)."""

    key: str
    value: float
    effect: float


@dataclass(frozen=True, slots=True)
class WinEstimate:
    deal_id: int
    probability: float
    method: Literal["prior", "model"]
    factors: tuple[Factor, ...]


class WinModel(Protocol):
    method: Literal["prior", "model"]

    def estimate(self, features: DealFeatures) -> WinEstimate: ...

    def estimate_many(self, rows: Sequence[DealFeatures]) -> list[WinEstimate]: ...


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


class PriorModel:
    """Stage weight x decay for a stall beyond the stage's typical days x decay for silence."""

    method: Literal["prior", "model"] = "prior"

    def __init__(self, stage_weight: dict[Stage, float] | None = None) -> None:
        self.stage_weight = dict(stage_weight or STAGE_WEIGHT)

    def estimate(self, features: DealFeatures) -> WinEstimate:
        base = self.stage_weight.get(features.stage, 0.1)
        typical = TYPICAL_DAYS.get(features.stage, 21.0)
        over = max(0.0, features.days_in_stage - typical)
        stall = 0.5 ** (over / (2 * typical))
        quiet_days = max(0.0, features.days_since_activity - QUIET_GRACE_DAYS)
        quiet = 0.5 ** (quiet_days / 30.0)
        probability = base * stall * quiet
        factors = [
            Factor("stage", float(_STAGES.index(features.stage)), _logit(base)),
            Factor("days_in_stage", features.days_in_stage, math.log(stall)),
            Factor("days_since_activity", features.days_since_activity, math.log(quiet)),
        ]
        factors.sort(key=lambda f: abs(f.effect), reverse=True)
        return WinEstimate(features.deal_id, probability, "prior", tuple(factors))

    def estimate_many(self, rows: Sequence[DealFeatures]) -> list[WinEstimate]:
        return [self.estimate(r) for r in rows]


class StageOnlyModel:
    """Win rate by stage alone (the baseline a trained model has to beat)."""

    method: Literal["prior", "model"] = "prior"

    def __init__(self, rates: dict[Stage, float]) -> None:
        self.rates = rates

    @classmethod
    def fit(cls, samples: TrainingSet, strength: float = 2.0) -> StageOnlyModel:
        rates: dict[Stage, float] = {}
        for stage in _STAGES:
            mask = [f.stage is stage for f in samples.features]
            w = sum(wt for wt, m in zip(samples.weights, mask, strict=True) if m)
            won = sum(
                wt
                for wt, y, m in zip(samples.weights, samples.labels, mask, strict=True)
                if m and y
            )
            rates[stage] = (won + strength * STAGE_WEIGHT[stage]) / (w + strength)
        return cls(rates)

    def estimate(self, features: DealFeatures) -> WinEstimate:
        p = self.rates.get(features.stage, 0.1)
        factor = Factor("stage", float(_STAGES.index(features.stage)), _logit(p))
        return WinEstimate(features.deal_id, p, "prior", (factor,))

    def estimate_many(self, rows: Sequence[DealFeatures]) -> list[WinEstimate]:
        return [self.estimate(r) for r in rows]


FEATURE_KEYS: tuple[str, ...] = (
    *(f"stage:{s.value}" for s in _STAGES),
    "age_days",
    "days_in_stage",
    "days_since_activity",
    "activities_total",
    "activities_recent",
    "amount",
    "competitors",
    "champion",
    "decision_maker",
    "roles_covered",
    "sentiment",
    "has_sentiment",
    "renewal",
    "upsell",
)


def vectorize(f: DealFeatures) -> list[float]:
    return [
        *(1.0 if f.stage is s else 0.0 for s in _STAGES),
        math.log1p(f.age_days),
        math.log1p(f.days_in_stage),
        math.log1p(f.days_since_activity),
        math.log1p(f.activities_total),
        float(f.activities_recent),
        math.log1p(max(f.amount, 0.0)),
        float(f.competitors),
        float(f.champion),
        float(f.decision_maker),
        float(f.roles_covered),
        f.sentiment if f.sentiment is not None else 0.0,
        0.0 if f.sentiment is None else 1.0,
        1.0 if f.deal_type is DealType.RENEWAL else 0.0,
        1.0 if f.deal_type is DealType.UPSELL else 0.0,
    ]


def _raw_value(f: DealFeatures, key: str) -> float:
    if key == "stage":
        return float(_STAGES.index(f.stage))
    if key in ("renewal", "upsell"):
        return float(f.deal_type.value == key)
    if key == "has_sentiment":
        return float(f.sentiment is not None)
    value = getattr(f, key)
    return float(value) if value is not None else 0.0


@dataclass
class TrainingSet:
    features: list[DealFeatures]
    labels: list[bool]
    weights: list[float]
    groups: list[int]

    @property
    def deals(self) -> int:
        return len(set(self.groups))


def snapshot_times(timeline: DealTimeline, end: datetime, most: int = 6) -> list[datetime]:
    """Moments spread over a deal's open life before `end`, one per fortnight at most."""
    span = (end - timeline.deal.created_at).total_seconds()
    if span <= 0:
        return []
    count = max(1, min(most, math.ceil(span / timedelta(days=14).total_seconds())))
    return [
        timeline.deal.created_at + timedelta(seconds=span * (k + 0.5) / count) for k in range(count)
    ]


def training_set(timelines: Sequence[DealTimeline], *, cutoff: datetime) -> TrainingSet:
    """Snapshots of the deals that were won or lost before `cutoff`, labelled by outcome."""
    data = TrainingSet([], [], [], [])
    for timeline in timelines:
        closed_at = timeline.outcome_at
        won = timeline.won
        if closed_at is None or won is None or closed_at > cutoff:
            continue
        rows = [f for t in snapshot_times(timeline, closed_at) if (f := features_at(timeline, t))]
        for row in rows:
            data.features.append(row)
            data.labels.append(won)
            data.weights.append(1.0 / len(rows))
            data.groups.append(timeline.deal.id)
    return data


def count_closed(timelines: Sequence[DealTimeline], *, cutoff: datetime) -> tuple[int, int]:
    won = lost = 0
    for timeline in timelines:
        closed_at = timeline.outcome_at
        if closed_at is None or closed_at > cutoff or timeline.won is None:
            continue
        won += timeline.won
        lost += not timeline.won
    return won, lost


class TrainedModel:
    """Standardised logistic regression, sigmoid-calibrated on folds grouped by deal."""

    method: Literal["prior", "model"] = "model"

    def __init__(self, scaler: Any, explainer: Any, predictor: Any, n_deals: int) -> None:
        self._scaler = scaler
        self._explainer = explainer
        self._predictor = predictor
        self.n_deals = n_deals

    @classmethod
    def fit(cls, samples: TrainingSet, *, c: float = 0.1, calibrate: bool = True) -> TrainedModel:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
        from sklearn.preprocessing import StandardScaler

        x = np.array([vectorize(f) for f in samples.features], dtype=float)
        y = np.array(samples.labels, dtype=int)
        w = np.array(samples.weights, dtype=float)
        scaler = StandardScaler().fit(x, sample_weight=w)
        xs = scaler.transform(x)
        explainer = LogisticRegression(C=c, max_iter=2000).fit(xs, y, sample_weight=w)
        predictor: Any = explainer
        groups = np.array(samples.groups)
        enough = calibrate and samples.deals >= 60
        folds = list(GroupKFold(n_splits=3).split(xs, y, groups)) if enough else []
        if folds and all(len(set(y[train])) == 2 for train, _ in folds):
            predictor = CalibratedClassifierCV(
                LogisticRegression(C=c, max_iter=2000), method="sigmoid", cv=folds
            )
            predictor.fit(xs, y, sample_weight=w)
        return cls(scaler, explainer, predictor, samples.deals)

    def estimate_many(self, rows: Sequence[DealFeatures]) -> list[WinEstimate]:
        if not rows:
            return []
        xs = self._scaler.transform(np.array([vectorize(f) for f in rows], dtype=float))
        probabilities = self._predictor.predict_proba(xs)[:, 1]
        contributions = xs * self._explainer.coef_[0]
        estimates = []
        for row, p, contrib in zip(rows, probabilities, contributions, strict=True):
            grouped: dict[str, float] = {}
            for key, value in zip(FEATURE_KEYS, contrib, strict=True):
                name = "stage" if key.startswith("stage:") else key
                grouped[name] = grouped.get(name, 0.0) + float(value)
            top = sorted(grouped.items(), key=lambda kv: abs(kv[1]), reverse=True)[:4]
            factors = tuple(Factor(k, _raw_value(row, k), v) for k, v in top)
            estimates.append(WinEstimate(row.deal_id, float(p), "model", factors))
        return estimates

    def estimate(self, features: DealFeatures) -> WinEstimate:
        return self.estimate_many([features])[0]


def choose_model(
    timelines: Sequence[DealTimeline], *, cutoff: datetime, min_closed: int = MIN_CLOSED_FOR_MODEL
) -> WinModel:
    """The prior until the tenant has enough closed deals of both outcomes, then a model."""
    won, lost = count_closed(timelines, cutoff=cutoff)
    if won + lost < min_closed or min(won, lost) < MIN_PER_CLASS:
        return PriorModel()
    samples = training_set(timelines, cutoff=cutoff)
    if len(set(samples.labels)) < 2:
        return PriorModel()
    return TrainedModel.fit(samples)
