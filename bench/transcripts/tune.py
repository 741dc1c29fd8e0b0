"""Tune and check call-level thresholds on synthetic calls from held-out utterance rows.

python -m bench.transcripts.tune [--calls 240] [--search]

The utterance rows are split by a hash of their text: the model learns from 75 %, and two
disjoint halves of the rest build a tuning set and a report set of whole calls. --search
grid-searches CallThresholds on the tuning calls; the figures printed are on the report calls.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlp.transcripts.aggregate import DEFAULT_THRESHOLDS, CallThresholds  # noqa: E402
from nlp.transcripts.evaluate import evaluate_rows  # noqa: E402
from nlp.transcripts.model import UtteranceModel, train_builtin_model  # noqa: E402
from nlp.transcripts.synthetic import CallGenerator, held_out_split  # noqa: E402
from nlp.transcripts.training_data import LabelledUtterance, fill_templates  # noqa: E402
from nlp.transcripts.types import UtteranceScores  # noqa: E402


class CachedModel:
    """Scores each distinct text once, so a grid search re-runs only the aggregation."""

    def __init__(self, model: UtteranceModel) -> None:
        self.model = model
        self.cache: dict[str, UtteranceScores] = {}

    def score(self, texts: Sequence[str]) -> list[UtteranceScores]:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        for text, sc in zip(missing, self.model.score(missing), strict=True):
            self.cache[text] = sc
        return [self.cache[t] for t in texts]


def utterance_report(model: UtteranceModel, rows: list[LabelledUtterance]) -> dict[str, float]:
    """Utterance-level sentiment accuracy and objection micro-F1 at p >= 0.5."""
    scores = model.score([r.text for r in rows])
    sent_ok = 0
    tp = fp = fn = 0
    for row, sc in zip(rows, scores, strict=True):
        sent_ok += max(sc.sentiment, key=sc.sentiment.__getitem__) == row.sentiment
        pred = {c for c, p in sc.objections.items() if p >= 0.5}
        gold = set(row.objections)
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    return {
        "utt_n": len(rows),
        "utt_sentiment_accuracy": round(sent_ok / len(rows), 4),
        "utt_objection_f1": round(2 * tp / max(1, 2 * tp + fp + fn), 4),
    }


def _objective(result: dict[str, Any]) -> float:
    return float(result["sentiment_accuracy"]) + float(result["objection_f1"])


def search(model: UtteranceModel, calls: list[dict[str, Any]]) -> CallThresholds:
    """Coordinate-wise grid search (two passes) of the thresholds on the tuning calls."""
    grid: dict[str, Sequence[float]] = {
        "sentiment_band": (0.06, 0.09, 0.12, 0.15, 0.18, 0.22, 0.26),
        "end_weight": (0.0, 0.5, 1.0, 2.0, 3.0),
        "objection_tilt": (0.0, 0.05, 0.1, 0.2, 0.3),
        "commitment_tilt": (0.0, 0.05, 0.1, 0.15, 0.2),
        "objection_strong": (0.6, 0.7, 0.8, 0.85, 0.9, 0.95),
        "objection_with_cue": (0.15, 0.25, 0.35, 0.45, 0.55),
        "competitor_named": (0.05, 0.1, 0.2, 0.3, 0.4),
    }
    best = DEFAULT_THRESHOLDS
    best_score = _objective(evaluate_rows(calls, model=model, thresholds=best))
    for _, (name, values) in itertools.product(range(2), grid.items()):
        for value in values:
            cand = replace(best, **{name: value})
            score = _objective(evaluate_rows(calls, model=model, thresholds=cand))
            if score > best_score + 1e-9:
                best, best_score = cand, score
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=240, help="calls in each of the two sets")
    parser.add_argument("--search", action="store_true", help="grid-search the thresholds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    split = held_out_split(share=0.25)
    halves = held_out_split(split.held_out, share=0.5, salt="report")
    tune_rows, report_rows = halves.train, halves.held_out
    started = time.perf_counter()
    model = CachedModel(train_builtin_model(fill_templates(split.train)))
    print(f"trained on {len(split.train)} rows in {time.perf_counter() - started:.1f} s; "
          f"held out {len(tune_rows)} (tuning) + {len(report_rows)} (report)")  # fmt: skip
    tune_calls = CallGenerator(tune_rows, seed=args.seed).calls(args.calls)
    report_calls = CallGenerator(report_rows, seed=args.seed + 1).calls(args.calls)
    thresholds = DEFAULT_THRESHOLDS
    if args.search:
        thresholds = search(model, tune_calls)
        print("tuned:", json.dumps(asdict(thresholds)))
        print(
            "tuning set:", json.dumps(evaluate_rows(tune_calls, model=model, thresholds=thresholds))
        )
    result: dict[str, Any] = evaluate_rows(report_calls, model=model, thresholds=thresholds)
    result.update(utterance_report(model, fill_templates(report_rows, fill_per_template=1)))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
