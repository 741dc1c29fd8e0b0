"""Human formatting of money, dates and stages in Chinese or English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

STAGE_LABELS: dict[str, dict[str, str]] = {
    "lead": {"zh": "线索", "en": "Lead"},
    "contacted": {"zh": "初步沟通", "en": "Contacted"},
    "needs_analysis": {"zh": "需求分析", "en": "Needs analysis"},
    "demo": {"zh": "方案演示", "en": "Demo"},
    "negotiation": {"zh": "商务谈判", "en": "Negotiation"},
    "won": {"zh": "成交", "en": "Won"},
    "implementation": {"zh": "实施", "en": "Implementation"},
    "lost": {"zh": "输单", "en": "Lost"},
}

_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€"}


def stage_label(stage: str, lang: str) -> str:
    return STAGE_LABELS.get(str(stage), {}).get(lang, str(stage))


def money(amount: Decimal | float | int | None, currency: str, lang: str) -> str:
    """¥50万 style in Chinese, ¥500,000 in English; '—' when unknown."""
    if amount is None:
        return "—"
    value = float(amount)
    symbol = _SYMBOLS.get(currency, currency + " ")
    if lang == "zh" and abs(value) >= 10_000:
        wan = value / 10_000
        text = f"{wan:,.1f}".rstrip("0").rstrip(".")
        return f"{symbol}{text}万"
    return f"{symbol}{value:,.0f}"


def day(value: date | None, lang: str) -> str:
    if value is None:
        return "—"
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()
