"""Money amounts and written currencies."""

from __future__ import annotations

import pytest

from nlp.money import find_money, pick_amount


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("金额50万", 500000, None),
        ("报价2.5w", 25000, None),
        ("deal is 1.2M", 1200000, None),
        ("~120k/yr", 120000, None),
        ("大概八十万", 800000, None),
        ("一百二十万", 1200000, None),
        ("15万美元", 150000, "USD"),
        ("$80k", 80000, "USD"),
        ("¥30万", 300000, "CNY"),
        ("3百万", 3000000, None),
        ("三百万元", 3000000, "CNY"),
        ("金额¥300,000", 300000, "CNY"),
        ("RMB 60万", 600000, "CNY"),
        ("€45k", 45000, "EUR"),
        ("95k USD", 95000, "USD"),
        ("$1.25M", 1250000, "USD"),
        ("12.5万", 125000, None),
        ("金额 300000", 300000, None),
        ("5千块", 5000, "CNY"),
    ],
)
def test_amount_and_currency(text: str, amount: int, currency: str | None) -> None:
    found = find_money(text)
    assert [(m.amount, m.currency) for m in found] == [(amount, currency)]


@pytest.mark.parametrize(
    "text",
    [
        "200 seats",
        "15% off",
        "先上20家门店 三个月",
        "SOC2 2026年",
        "给万科发邮件",
        "百度",
        "in 3 weeks",
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_pick_amount_prefers_the_new_value() -> None:
    text = "原来100万 改成80万"
    picked = pick_amount(text, find_money(text))
    assert picked is not None and picked.amount == 800000
