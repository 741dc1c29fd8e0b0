"""Find date expressions (zh/en) in a message and resolve them to ISO dates per NLP_SPEC."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from nlp.numbers import CN_NUM_CLASS, to_int


@dataclass(frozen=True, slots=True)
class DateMention:
    """One resolved date expression: character span, surface text and the date it means."""

    start: int
    end: int
    text: str
    value: date
    # Today/tonight-style mentions describe when something happened, rarely a deadline.
    is_today: bool = False


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError, OSError):
        return ZoneInfo("UTC")


def resolve_now(now_iso: str, timezone: str | None = None) -> datetime:
    """Parse `now_iso`; a naive timestamp is placed in `timezone` (default UTC).

    An unreadable timestamp falls back to the current time in `timezone`.
    """
    try:
        now = datetime.fromisoformat(str(now_iso).strip().replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(_zone(timezone))
    if now.tzinfo is None:
        now = now.replace(tzinfo=_zone(timezone))
    return now


# ---- calendar arithmetic -------------------------------------------------------------


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def end_of_month_offset(today: date, n: int) -> date:
    return end_of_month(*add_months(today.year, today.month, n))


def quarter_end(year: int, quarter: int) -> date:
    return end_of_month(year, quarter * 3)


def named_quarter(today: date, quarter: int, year: int | None) -> date:
    """A named quarter is this year's unless it has ended, then next year's."""
    if year is not None:
        return quarter_end(year, quarter)
    end = quarter_end(today.year, quarter)
    return end if end >= today else quarter_end(today.year + 1, quarter)


def current_quarter_end(today: date, offset: int = 0) -> date:
    q_index = today.year * 4 + (today.month - 1) // 3 + offset
    return quarter_end(q_index // 4, q_index % 4 + 1)


def named_month(today: date, month: int, year: int | None) -> date:
    if year is not None:
        return end_of_month(year, month)
    end = end_of_month(today.year, month)
    return end if end >= today else end_of_month(today.year + 1, month)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_day(today: date, month: int, day: int, year: int | None) -> date | None:
    """An explicit month/day without a year is this year's unless already past."""
    if year is not None:
        return safe_date(year, month, day)
    value = safe_date(today.year, month, day)
    if value is None:
        return None
    return value if value >= today else safe_date(today.year + 1, month, day)


def day_of_month(today: date, day: int) -> date | None:
    value = safe_date(today.year, today.month, day)
    if value is not None and value >= today:
        return value
    year, month = add_months(today.year, today.month, 1)
    return safe_date(year, month, day)


def monday_of(today: date) -> date:
    return today - timedelta(days=today.weekday())


def coming_weekday(today: date, weekday: int) -> date:
    """The coming `weekday` (0=Monday); today when today is that day."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def week_day(today: date, weekday: int, weeks_ahead: int) -> date:
    return monday_of(today) + timedelta(days=7 * weeks_ahead + weekday)


def week_end(today: date, weeks_ahead: int) -> date:
    return monday_of(today) + timedelta(days=7 * weeks_ahead + 6)


def _year_of(token: str | None, today: date) -> int | None:
    if not token:
        return None
    t = token.strip().lower()
    if t in {"明年", "next year", "next yr"}:
        return today.year + 1
    if t in {"今年", "this year", "this yr"}:
        return today.year
    t = t.rstrip("年").strip()
    if t.startswith("'") and t[1:].isdigit():
        return 2000 + int(t[1:])
    if t.isdigit():
        return int(t) if len(t) == 4 else 2000 + int(t)
    return None


# ---- patterns ------------------------------------------------------------------------

CN = CN_NUM_CLASS
NUM = rf"(?:\d{{1,3}}|{CN}{{1,3}})"
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
EN_WEEKDAYS = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
B = r"(?<![A-Za-z0-9])"
E = r"(?![A-Za-z0-9])"
WEEK_ZH = r"(?:周|星期|礼拜)"
WEEKDAY_EN = (
    r"(mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)"
)

Resolver = Callable[[re.Match[str], date], date | None]


def _n(text: str) -> int:
    value = to_int(text)
    return value if value is not None else -1


def _md(m: re.Match[str], today: date, mi: int, di: int, yi: int | None = None) -> date | None:
    month, day = _n(m.group(mi)), _n(m.group(di))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    year = _year_of(m.group(yi), today) if yi is not None else None
    return month_day(today, month, day, year)


def _month_name(token: str) -> int:
    return MONTHS[token.lower()[:3]]


def _zh_week_offset(prefix: str) -> int | None:
    if prefix.startswith("下下"):
        return 2
    if prefix.startswith("下"):
        return 1
    if prefix.startswith(("本", "这", "今")):
        return 0
    return None


def _zh_weekday(m: re.Match[str], today: date) -> date | None:
    token = m.group(2)
    weekday = ZH_WEEKDAYS.get(token, int(token) - 1 if token.isdigit() else -1)
    if not 0 <= weekday <= 6:
        return None
    offset = _zh_week_offset(m.group(1) or "")
    if offset is None or offset == 0 and (m.group(1) or "").startswith("今"):
        return coming_weekday(today, weekday)
    return week_day(today, weekday, offset)


def _en_weekday(m: re.Match[str], today: date) -> date | None:
    prefix = (m.group(1) or "").lower()
    weekday = EN_WEEKDAYS[m.group(2).lower()[:3]]
    if prefix == "next":
        return week_day(today, weekday, 1)
    if prefix == "this":
        return week_day(today, weekday, 0)
    return coming_weekday(today, weekday)


def _in_n(m: re.Match[str], today: date) -> date | None:
    n = _n(m.group(1))
    unit = m.group(2).lower()
    if n < 0 or n > 400:
        return None
    if unit.startswith(("天", "日", "day")):
        return today + timedelta(days=n)
    if unit.startswith(("周", "星期", "礼拜", "week")) or "周" in unit:
        return today + timedelta(days=7 * n)
    year, month = add_months(today.year, today.month, n)
    return safe_date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _quarter(m: re.Match[str], today: date) -> date | None:
    groups = m.groupdict()
    q = _n(groups["q"])
    if not 1 <= q <= 4:
        return None
    year = _year_of(groups.get("y1"), today) or _year_of(groups.get("y2"), today)
    return named_quarter(today, q, year)


def _zh_month(m: re.Match[str], today: date) -> date | None:
    month = _n(m.group(2))
    if not 1 <= month <= 12:
        return None
    return named_month(today, month, _year_of(m.group(1), today))


def _en_month(m: re.Match[str], today: date) -> date | None:
    return named_month(today, _month_name(m.group(1)), _year_of(m.group(2), today))


def _const(fn: Callable[[date], date | None]) -> Resolver:
    return lambda _m, today: fn(today)


_RULES: list[tuple[re.Pattern[str], Resolver, bool]] = []


def _rule(pattern: str, resolver: Resolver, *, today_flag: bool = False) -> None:
    _RULES.append((re.compile(pattern, re.IGNORECASE), resolver, today_flag))


# Explicit dates.
_rule(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]", lambda m, t: _md(m, t, 2, 3, 1))
_rule(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", lambda m, t: _md(m, t, 2, 3, 1))
_rule(rf"(?<![\d年])({NUM})\s*月\s*({NUM})\s*[日号]", lambda m, t: _md(m, t, 1, 2))


def _month_offset_day(m: re.Match[str], today: date) -> date | None:
    prefix, day = m.group(1), _n(m.group(2))
    offset = 2 if prefix.startswith("下下") else 1 if prefix.startswith("下") else 0
    year, month = add_months(today.year, today.month, offset)
    return safe_date(year, month, day) if 1 <= day <= 31 else None


_rule(rf"(下下个?月|下个?月|本月|这个?月)\s*({NUM})\s*[日号]", _month_offset_day)
_rule(r"(?<![\d月/.\-])(\d{1,2})\s*[日号](?![\d楼])", lambda m, t: day_of_month(t, _n(m.group(1))))
_rule(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/%])",
    lambda m, t: _md(m, t, 1, 2, 3),
)
_rule(
    rf"{B}{MONTH_RE}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?{E}(?:,?\s*(\d{{4}}))?",
    lambda m, t: (
        month_day(t, _month_name(m.group(1)), _n(m.group(2)), _year_of(m.group(3), t))
        if 1 <= _n(m.group(2)) <= 31
        else None
    ),
)
_rule(
    rf"{B}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}{E}(?:,?\s*(\d{{4}}))?",
    lambda m, t: (
        month_day(t, _month_name(m.group(2)), _n(m.group(1)), _year_of(m.group(3), t))
        if 1 <= _n(m.group(1)) <= 31
        else None
    ),
)
# Months as periods.
_rule(
    rf"(\d{{4}}\s*年|今年|明年)?\s*(?<![\d个])({NUM})\s*月(?:份)?(?:底|末|中旬|下旬|前)?", _zh_month
)
_rule(
    r"(?:(?<=in )|(?<=by )|(?<=end of )|(?<=until )|(?<=till )|(?<=before )|(?<=late ))"
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![A-Za-z0-9])"
    r"(?:,?\s*(\d{4}))?",
    _en_month,
)
_rule(
    r"(?<![A-Za-z0-9])(january|february|march|april|june|july|august|september|october"
    r"|november|december)(?![A-Za-z0-9])(?:,?\s*(\d{4}))?",
    _en_month,
)
# Weeks and weekdays.
_rule(
    rf"(下下个?{WEEK_ZH}|下个?{WEEK_ZH}|本周|这个?{WEEK_ZH}|今{WEEK_ZH}|{WEEK_ZH})([一二三四五六日天1-7])",
    _zh_weekday,
)
_rule(
    rf"(下下个?{WEEK_ZH}|下个?{WEEK_ZH})(?![一二三四五六日天1-7])",
    lambda m, t: week_end(t, 2 if m.group(1).startswith("下下") else 1),
)
_rule(
    rf"(本周|这个?{WEEK_ZH})(?:末|内)?(?![一二三四五六日天1-7])", _const(lambda t: week_end(t, 0))
)
_rule(rf"{B}(?:(next|this|coming)\s+){WEEKDAY_EN}\.?{E}", _en_weekday)
_rule(
    r"(?<![A-Za-z0-9])()(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![A-Za-z0-9])",
    _en_weekday,
)
_rule(
    r"(?:(?<=by )|(?<=on )|(?<=due )|(?<=until )|(?<=till )|(?<=before ))()"
    r"(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?(?![A-Za-z0-9])",
    _en_weekday,
)
_rule(rf"{B}(week after next){E}", _const(lambda t: week_end(t, 2)))
_rule(rf"{B}(?:end of )?(next week){E}", _const(lambda t: week_end(t, 1)))
_rule(rf"{B}(this week|end of (?:the |this )?week|eow){E}", _const(lambda t: week_end(t, 0)))
# Days.
_rule(r"(今天|今日|今晚|今早|今儿)", _const(lambda t: t), today_flag=True)
_rule(
    rf"{B}(today|tonight|eod|end of (?:the )?day|this (?:morning|afternoon|evening)){E}",
    _const(lambda t: t),
    today_flag=True,
)
_rule(r"(明天|明日|明早|明晚|明儿)", _const(lambda t: t + timedelta(days=1)))
_rule(r"(?<!大)(后天)", _const(lambda t: t + timedelta(days=2)))
_rule(r"(大后天)", _const(lambda t: t + timedelta(days=3)))
_rule(
    rf"{B}(tomorrow|tmrw|tmr|tmrow|tomorow|tommorow|tommorrow|2moro){E}",
    _const(lambda t: t + timedelta(days=1)),
)
_rule(rf"{B}(day after tomorrow){E}", _const(lambda t: t + timedelta(days=2)))
_rule(rf"({NUM})\s*(个?(?:天|日|周|星期|礼拜|工作日)|个月)(?:后|之后|以后|内|之内)", _in_n)
_rule(
    r"(?<![A-Za-z0-9])(?:in|within)\s+(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|fourteen|thirty)\s+(days?|weeks?|months?)(?![A-Za-z])",
    _in_n,
)
_rule(r"(?<![A-Za-z0-9])(\d{1,3})\s+(days?|weeks?)\s+from\s+now", _in_n)
# Month periods.
_rule(r"(下下个?月)(?:底|末|初)?", _const(lambda t: end_of_month_offset(t, 2)))
_rule(r"(?<!下)(下个?月)(?:底|末|初)?", _const(lambda t: end_of_month_offset(t, 1)))
_rule(
    r"(本月|这个?月|当月)?(月底|月末)|本月|这个月|当月", _const(lambda t: end_of_month_offset(t, 0))
)
_rule(
    rf"{B}(?:end of |by )?(next month|month after next){E}",
    lambda m, t: end_of_month_offset(t, 2 if "after" in m.group(1).lower() else 1),
)
_rule(
    rf"{B}(end of (?:the |this )?month|month[- ]end|eom|this month){E}",
    _const(lambda t: end_of_month_offset(t, 0)),
)
# Quarters.
_rule(
    r"(?P<y1>\d{4}\s*年?|今年|明年|next year|this year|'\d{2})?\s*"
    r"(?<![A-Za-z0-9])[Qq](?P<q>[1-4])(?![0-9])(?:\s*(?P<y2>\d{4}|'\d{2}))?",
    _quarter,
)
_rule(r"(?P<y1>\d{4}\s*年|今年|明年)?\s*第?(?P<q>[一二三四1-4])季度(?:末|底)?", _quarter)
_rule(
    rf"{B}(?:end of |by )?(?:the )?(?P<q>first|second|third|fourth) quarter{E}",
    lambda m, t: named_quarter(
        t, ["first", "second", "third", "fourth"].index(m.group("q").lower()) + 1, None
    ),
)
_rule(
    r"(本季度|这个?季度|本季|当季)(?:末|底)?|季度末|季度底|季末",
    _const(lambda t: current_quarter_end(t)),
)
_rule(r"(下个?季度)(?:末|底)?", _const(lambda t: current_quarter_end(t, 1)))
_rule(
    rf"{B}(eoq|end of (?:the |this )?quarter|quarter[- ]end|this quarter){E}",
    _const(lambda t: current_quarter_end(t)),
)
_rule(rf"{B}(?:end of )?(next quarter){E}", _const(lambda t: current_quarter_end(t, 1)))
# Years and halves.
_rule(r"(今年)?(年底|年末|年内|年前)", _const(lambda t: date(t.year, 12, 31)))
_rule(
    r"明年(年底|年末|底)?(?![QqＱ第一二三四1-9上下]|\s*[Qq1-9])",
    _const(lambda t: date(t.year + 1, 12, 31)),
)
_rule(
    rf"{B}(eoy|end of (?:the |this )?(?:year|yr)|year[- ]end|this (?:year|yr)){E}",
    _const(lambda t: date(t.year, 12, 31)),
)
_rule(
    rf"{B}(?:end of )?(next (?:year|yr)){E}(?!\s*[Qq][1-4])",
    _const(lambda t: date(t.year + 1, 12, 31)),
)
_rule(
    r"(今年|明年)?(上半年)",
    lambda m, t: date(
        t.year + (1 if m.group(1) == "明年" or (m.group(1) is None and t.month > 6) else 0), 6, 30
    ),
)
_rule(
    r"(今年|明年)?(下半年)", lambda m, t: date(t.year + (1 if m.group(1) == "明年" else 0), 12, 31)
)
_rule(rf"{B}(H1|H2){E}", lambda m, t: named_month(t, 6 if m.group(1).upper() == "H1" else 12, None))


def find_dates(text: str, now: datetime) -> list[DateMention]:
    """All non-overlapping date expressions in `text`, resolved against `now`'s local date."""
    today = now.date()
    found: list[DateMention] = []
    for pattern, resolver, today_flag in _RULES:
        for m in pattern.finditer(text):
            if m.end() - m.start() == 0 or not m.group(0).strip():
                continue
            try:
                value = resolver(m, today)
            except (ValueError, OverflowError, KeyError):
                value = None
            if value is None:
                continue
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            found.append(DateMention(start, m.end(), text[start : m.end()], value, today_flag))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    chosen: list[DateMention] = []
    for mention in found:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda d: d.start)
