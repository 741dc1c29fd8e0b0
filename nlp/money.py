"""Find money amounts (50万, 2.5w, 1.2M, 八十万, $80k, ¥30万...) and their written currency."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.numbers import cn_to_number


@dataclass(frozen=True, slots=True)
class MoneyMention:
    """One amount: span, value in currency units, and the ISO currency when written."""

    start: int
    end: int
    text: str
    amount: int | float
    currency: str | None


_CURRENCY = {
    "¥": "CNY",
    "￥": "CNY",
    "元": "CNY",
    "块": "CNY",
    "块钱": "CNY",
    "人民币": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "美元": "USD",
    "美金": "USD",
    "刀": "USD",
    "dollars": "USD",
    "bucks": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "欧元": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "英镑": "GBP",
    "hk$": "HKD",
    "hkd": "HKD",
    "港币": "HKD",
    "港元": "HKD",
    "jpy": "JPY",
    "日元": "JPY",
}
_MULT = {
    "k": 1_000,
    "thousand": 1_000,
    "千": 1_000,
    "w": 10_000,
    "万": 10_000,
    "十万": 100_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "mn": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_PRE = r"(?P<pre>us\$|hk\$|[¥￥$€£]|rmb|cny|usd|eur|gbp|hkd|人民币)"
_ARABIC = r"(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_CHINESE = r"(?P<cn>[零〇一二两三四五六七八九十百千万亿]+)"
_MULT_RE = (
    r"(?P<mult>十万|百万|千万|万|亿|千|thousand|million|billion|mil|mn|mm|bn|[kwm])"
    r"(?![A-Za-z])"
)
_POST = (
    r"(?P<post>块钱|人民币|美元|美金|欧元|英镑|港币|港元|日元|元|块|刀|rmb|cny|usd|eur|gbp|hkd"
    r"|dollars|bucks|euros?)(?![A-Za-z])"
)
_PATTERN = re.compile(
    rf"(?:{_PRE}\s?)?(?<![A-Za-z0-9.])(?:{_ARABIC}|{_CHINESE})\s?(?:{_MULT_RE})?\s?(?:{_POST})?",
    re.IGNORECASE,
)
# A bare number counts as money only right after one of these words.
_MONEY_CONTEXT = re.compile(
    r"(金额|报价|预算|合同额|总价|价格|单价|amount|amt|budget|deal size|price|quote|value|acv|arr)"
    r"[^\d]{0,6}$",
    re.IGNORECASE,
)
_COUNT_TAIL = re.compile(r"\s?(个|天|人|家|周|年|月|号|日|seats|users|licen)", re.IGNORECASE)


def _value(m: re.Match[str]) -> float | None:
    if m.group("num"):
        base = float(m.group("num").replace(",", "").replace("，", ""))
    else:
        cn = m.group("cn")
        # 万科 / 百度 / 千岛 are names, not numbers: a numeral needs a digit before its magnitude.
        if not re.match(r"[零〇一二两三四五六七八九十]", cn):
            return None
        # A Chinese numeral is money only with a magnitude or a currency after it.
        if not re.search(r"[万亿千]", cn) and not m.group("post"):
            return None
        base_value = cn_to_number(cn)
        if base_value is None:
            return None
        base = base_value
    mult = (m.group("mult") or "").lower()
    return base * _MULT.get(mult, 1)


def _currency(m: re.Match[str]) -> str | None:
    for key in ("pre", "post"):
        token = m.group(key)
        if token:
            return _CURRENCY.get(token.lower())
    return None


def find_money(text: str) -> list[MoneyMention]:
    """Amounts written with a magnitude, a currency, or right after an amount word."""
    found: list[MoneyMention] = []
    for m in _PATTERN.finditer(text):
        if not (m.group("num") or m.group("cn")):
            continue
        tail = text[m.end() : m.end() + 2]
        strong = bool(
            m.group("mult")
            or m.group("pre")
            or m.group("post")
            or re.search(r"[万亿千]", m.group("cn") or "")
        )
        if not strong and (tail[:1] in {"%", "％"} or _COUNT_TAIL.match(tail)):
            continue
        if not strong and not _MONEY_CONTEXT.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        value = _value(m)
        if value is None or value <= 0:
            continue
        if not strong and value < 100:
            continue
        amount: int | float = int(round(value)) if abs(value - round(value)) < 1e-6 else value
        start = m.start()
        end = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        found.append(MoneyMention(start, end, text[start:end], amount, _currency(m)))
    return found


_CHANGE_TO = re.compile(
    r"(改成|改为|调整为|调整到|调到|更新为|压到|降到|涨到|变成|to|->|→|now)\s*$", re.IGNORECASE
)


def pick_amount(text: str, mentions: list[MoneyMention]) -> MoneyMention | None:
    """The deal amount among several: the one a change points to, else the last one."""
    if not mentions:
        return None
    for mention in mentions:
        if _CHANGE_TO.search(text[max(0, mention.start - 8) : mention.start]):
            return mention
    return mentions[-1]
