"""Small number helpers shared by the money and date rules (Arabic, Chinese, English words)."""

from __future__ import annotations

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
CN_NUM_CLASS = f"[{CN_DIGITS}]"

EN_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}


def cn_to_number(text: str) -> float | None:
    """Convert a Chinese numeral ("一百二十", "两", "3百") to a number, or None."""
    s = text.strip().replace("两", "二").replace("〇", "零")
    if not s:
        return None
    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def to_int(text: str) -> int | None:
    """Parse a small count written in digits, Chinese numerals or English words."""
    s = text.strip().lower()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s in EN_NUMBER_WORDS:
        return EN_NUMBER_WORDS[s]
    value = cn_to_number(s)
    if value is None or value != int(value):
        return None
    return int(value)
