"""Renders a call analysis as a compact neutral Reply in the user's language."""

from __future__ import annotations

from typing import Any

from bot.transcripts.texts import OBJECTIONS, SENTIMENTS, TRAJECTORIES, tt, word
from connectors.types import Reply


def _objections(analysis: dict[str, Any], lang: str) -> str:
    hits = analysis["objections"]
    if not hits:
        return tt("none", lang)
    seen: dict[str, dict[str, Any]] = {}
    for hit in hits:
        seen.setdefault(hit["category"], hit)
    parts = []
    for category, hit in seen.items():
        stamp = f" {hit['timestamp']}" if hit.get("timestamp") else ""
        parts.append(
            f"{word(OBJECTIONS, category, lang)}（“{hit['quote'][:60]}”{stamp}）"
            if lang == "zh"
            else f'{word(OBJECTIONS, category, lang)} ("{hit["quote"][:60]}"{stamp})'
        )
    return "; ".join(parts)


def _next_steps(analysis: dict[str, Any], lang: str) -> str:
    items = analysis["next_step_items"]
    if not items:
        return tt("none", lang)
    lines = []
    for item in items[:3]:
        extra = ", ".join(x for x in (item.get("owner"), item.get("due")) if x)
        lines.append(item["action"][:80] + (f" [{extra}]" if extra else ""))
    return "\n".join(lines)


def analysis_card(analysis: dict[str, Any], lang: str, *, header: str | None = None) -> Reply:
    """Sentiment, objections, competitors, next steps, talk ratio, monologue and summary."""
    ratio = analysis["talk_ratio"]
    customer_pct = round(ratio["customer_share"] * 100)
    mono = analysis["longest_monologue"]
    mono_len = (
        f"{mono['seconds']:.0f}s" if mono.get("seconds") else f"{mono['units']} {ratio['unit']}"
    )
    sentiment = (
        f"{word(SENTIMENTS, analysis['customer_sentiment'], lang)} · "
        f"{word(TRAJECTORIES, analysis['sentiment_trajectory'], lang)}"
    )
    competitors = ", ".join(c["name"] for c in analysis["competitors"]) or tt("none", lang)
    vendor = "销售" if lang == "zh" else "vendor"
    customer = "客户" if lang == "zh" else "customer"
    fields = (
        (tt("sentiment", lang), sentiment),
        (tt("objections", lang), _objections(analysis, lang)),
        (tt("competitors", lang), competitors),
        (tt("next_steps", lang), _next_steps(analysis, lang)),
        (tt("talk_ratio", lang), f"{vendor} {100 - customer_pct}% / {customer} {customer_pct}%"),
        (tt("monologue", lang), f"{mono['speaker']} {mono_len}"),
    )
    summary = "\n".join(f"• {line}" for line in analysis["summary"][:3])
    text = "\n".join(x for x in (header, summary) if x)
    return Reply(title=tt("title", lang), text=text or tt("title", lang), fields=fields)
