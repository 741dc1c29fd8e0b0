"""Evaluation on a labelled transcripts JSONL file (NLP_SPEC section 2), with lexicon baselines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.transcripts.aggregate import DEFAULT_THRESHOLDS, CallThresholds
from nlp.transcripts.analyze import analyze_transcript
from nlp.transcripts.competitors import CompetitorTracker
from nlp.transcripts.model import UtteranceModel, load_builtin_model
from nlp.transcripts.parse import parse_transcript
from nlp.transcripts.roles import assign_sides
from nlp.transcripts.types import Side


@dataclass(frozen=True, slots=True)
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], pred: set[str]) -> _Counts:
        return _Counts(
            self.tp + len(gold & pred), self.fp + len(pred - gold), self.fn + len(gold - pred)
        )

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return round(2 * self.tp / denom, 4) if denom else 1.0


def load_rows(path: Path | str) -> list[dict[str, Any]]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def _label(score: float, band: float) -> str:
    return "positive" if score > band else "negative" if score < -band else "neutral"


def baseline_sentiment(rows: Sequence[dict[str, Any]]) -> dict[str, float | int]:
    """Call sentiment from the mean snownlp (zh) / VADER (en) score of customer utterances."""
    from snownlp import SnowNLP
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    hits = {"zh": 0, "en": 0}
    totals = {"zh": 0, "en": 0}
    for row in rows:
        lang = row.get("lang", "en")
        if lang not in hits:
            continue
        turns = parse_transcript(row["transcript"])
        sides = assign_sides(turns, customer_speakers=row.get("customer_speakers"))
        texts = [t.text for t in turns if sides[t.speaker] is Side.CUSTOMER]
        if lang == "zh":
            # snownlp gives P(positive) in [0, 1]; centre it on 0 like VADER's compound.
            scores = [2 * SnowNLP(t).sentiments - 1 for t in texts]
        else:
            scores = [vader.polarity_scores(t)["compound"] for t in texts]
        mean = sum(scores) / len(scores) if scores else 0.0
        totals[lang] += 1
        hits[lang] += (
            _label(mean, 0.2 if lang == "zh" else 0.05) == row["labels"]["customer_sentiment"]
        )
    return {
        "baseline_snownlp_sentiment_accuracy": round(hits["zh"] / totals["zh"], 4)
        if totals["zh"]
        else 0.0,
        "baseline_vader_sentiment_accuracy": round(hits["en"] / totals["en"], 4)
        if totals["en"]
        else 0.0,
    }


def evaluate_rows(
    rows: Iterable[dict[str, Any]],
    *,
    model: UtteranceModel | None = None,
    cache_dir: Path | str | None = None,
    use_customer_speakers: bool = True,
    baseline: bool = False,
    thresholds: CallThresholds = DEFAULT_THRESHOLDS,
) -> dict[str, float | int]:
    """Score analyze_transcript against labelled rows; keys as NLP_SPEC section 4 asks."""
    rows = list(rows)
    model = model or load_builtin_model(cache_dir)
    tracker = CompetitorTracker()
    n = 0
    sent_ok = {"all": 0, "zh": 0, "en": 0}
    per_lang = {"zh": 0, "en": 0}
    steps_ok = 0
    objections = _Counts()
    competitors = _Counts()
    for row in rows:
        labels = row["labels"]
        analysis = analyze_transcript(
            row["transcript"],
            customer_speakers=row.get("customer_speakers") if use_customer_speakers else None,
            lang_hint=row.get("lang"),
            model=model,
            thresholds=thresholds,
        )
        n += 1
        lang = row.get("lang", analysis.lang)
        per_lang[lang] = per_lang.get(lang, 0) + 1
        good = analysis.sentiment.overall.value == labels["customer_sentiment"]
        sent_ok["all"] += good
        sent_ok[lang] = sent_ok.get(lang, 0) + good
        steps_ok += analysis.next_steps == bool(labels["next_steps"])
        objections = objections.add(set(labels["objections"]), set(analysis.objection_categories))
        # Gold names are written as in the call ("SF", "纷享"); compare canonical names.
        gold_comp = {tracker.canonical(c).casefold() for c in labels["competitors"]}
        pred_comp = {c.name.casefold() for c in analysis.competitors}
        competitors = competitors.add(gold_comp, pred_comp)
    result: dict[str, float | int] = {
        "n": n,
        "sentiment_accuracy": round(sent_ok["all"] / n, 4) if n else 0.0,
        "objection_f1": objections.f1,
        "competitor_f1": competitors.f1,
        "next_steps_accuracy": round(steps_ok / n, 4) if n else 0.0,
    }
    for lang in ("zh", "en"):
        if per_lang.get(lang):
            result[f"sentiment_accuracy_{lang}"] = round(sent_ok[lang] / per_lang[lang], 4)
    if baseline:
        result.update(baseline_sentiment(rows))
    return result


def evaluate_file(
    path: Path | str,
    *,
    cache_dir: Path | str | None = None,
    model: UtteranceModel | None = None,
    baseline: bool = False,
) -> dict[str, float | int]:
    return evaluate_rows(load_rows(path), model=model, cache_dir=cache_dir, baseline=baseline)
