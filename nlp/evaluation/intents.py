"""Score a Parser on an intents file: intent accuracy, slot micro P/R/F1 and latency."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.types import Parser, SlotValue

DEFAULT_TZ = "UTC"


@dataclass(frozen=True, slots=True)
class Miss:
    """One message where the intent or any slot differs from the gold label."""

    id: str
    text: str
    gold_intent: str
    pred_intent: str
    missing: dict[str, Any]
    extra: dict[str, Any]


@dataclass(slots=True)
class IntentReport:
    n: int = 0
    intent_accuracy: float = 0.0
    slot_precision: float = 0.0
    slot_recall: float = 0.0
    slot_f1: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    misses: list[Miss] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "intent_accuracy": round(self.intent_accuracy, 4),
            "slot_precision": round(self.slot_precision, 4),
            "slot_recall": round(self.slot_recall, 4),
            "slot_f1": round(self.slot_f1, 4),
            "p50_ms": round(self.p50_ms, 3),
            "p95_ms": round(self.p95_ms, 3),
        }


def load_examples(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm(value: SlotValue | Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        number = float(value)
        return int(number) if number.is_integer() else number
    return str(value).strip().casefold()


def slot_pairs(slots: dict[str, Any] | Any) -> set[tuple[str, Any]]:
    return {(str(k), _norm(v)) for k, v in dict(slots).items() if v is not None and v != ""}


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def evaluate(
    parser: Parser, examples: Iterable[dict[str, Any]], *, warm_up: int = 3
) -> IntentReport:
    """Run `parser` over `examples` (NLP_SPEC section 1 rows) and score it."""
    rows = list(examples)
    for row in rows[:warm_up]:
        parser.parse(row["text"], now_iso=row["now"], timezone=row.get("timezone", DEFAULT_TZ))
    report = IntentReport(n=len(rows))
    correct = tp = fp = fn = 0
    latencies: list[float] = []
    for row in rows:
        start = time.perf_counter()
        result = parser.parse(
            row["text"], now_iso=row["now"], timezone=row.get("timezone", DEFAULT_TZ)
        )
        latencies.append((time.perf_counter() - start) * 1000)
        gold = slot_pairs(row.get("slots", {}))
        pred = slot_pairs(result.slots)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        ok = result.intent.value == row["intent"]
        correct += ok
        if not ok or gold != pred:
            report.misses.append(
                Miss(
                    id=str(row.get("id", "")),
                    text=row["text"],
                    gold_intent=row["intent"],
                    pred_intent=result.intent.value,
                    missing=dict(sorted(gold - pred)),
                    extra=dict(sorted(pred - gold)),
                )
            )
    report.intent_accuracy = correct / len(rows) if rows else 0.0
    report.slot_precision = tp / (tp + fp) if tp + fp else 1.0
    report.slot_recall = tp / (tp + fn) if tp + fn else 1.0
    p, r = report.slot_precision, report.slot_recall
    report.slot_f1 = 2 * p * r / (p + r) if p + r else 0.0
    report.p50_ms = _percentile(latencies, 0.50)
    report.p95_ms = _percentile(latencies, 0.95)
    return report


def format_miss(miss: Miss) -> str:
    text = miss.text.replace("\n", " / ")
    if len(text) > 160:
        text = text[:157] + "..."
    head = f"[{miss.id}] {miss.gold_intent}"
    if miss.pred_intent != miss.gold_intent:
        head += f" -> {miss.pred_intent}"
    parts = [head, f"  text: {text}"]
    if miss.missing:
        parts.append(f"  missing: {json.dumps(miss.missing, ensure_ascii=False)}")
    if miss.extra:
        parts.append(f"  extra:   {json.dumps(miss.extra, ensure_ascii=False)}")
    return "\n".join(parts)
