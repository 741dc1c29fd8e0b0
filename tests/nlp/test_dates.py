"""Date rules of NLP_SPEC section 1: periods end on their last day, weeks start on Monday."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.dates import find_dates, resolve_now


def resolve(text: str, now_iso: str) -> list[str]:
    return [m.value.isoformat() for m in find_dates(text, resolve_now(now_iso))]


# 2026-11-18 is a Wednesday; 2026-05-29 and 2026-06-12 are Fridays.
WED = "2026-11-18T10:00:00+08:00"
FRI = "2026-05-29T16:30:00+08:00"


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("预计下月签", WED, "2026-12-31"),
        ("预计下个月签", "2026-12-28T11:00:00+08:00", "2027-01-31"),
        ("target next month", "2026-01-30T09:00:00-05:00", "2026-02-28"),
        ("月底前签", "2026-02-03T09:00:00+08:00", "2026-02-28"),
        ("close EOM", "2028-02-10T09:00:00+00:00", "2028-02-29"),
        ("争取Q1签", "2026-01-15T09:40:00+08:00", "2026-03-31"),
        ("Q1", "2026-04-01T09:00:00+08:00", "2027-03-31"),
        ("Q4 close", "2026-12-30T09:00:00+00:00", "2026-12-31"),
        ("明年Q2", "2026-03-01T09:00:00+08:00", "2027-06-30"),
        ("close by EOQ", "2026-08-16T21:10:00+08:00", "2026-09-30"),
        ("end of quarter", "2026-12-02T09:00:00+00:00", "2026-12-31"),
        ("本季度末", "2026-01-02T09:00:00+08:00", "2026-03-31"),
        ("下季度", "2026-11-02T09:00:00+08:00", "2027-03-31"),
        ("年底", WED, "2026-12-31"),
        ("end of year", WED, "2026-12-31"),
        ("下周三", WED, "2026-11-25"),
        ("next Wednesday", "2026-02-09T09:30:00-05:00", "2026-02-18"),
        ("下下周一", WED, "2026-11-30"),
        ("周五", WED, "2026-11-20"),
        ("by Friday", FRI, "2026-05-29"),
        ("本周五", FRI, "2026-05-29"),
        ("周三前", "2026-08-16T21:10:00+08:00", "2026-08-19"),
        ("next Fri", "2026-10-07T11:20:00+08:00", "2026-10-16"),
        ("明天", "2026-12-31T22:00:00+08:00", "2027-01-01"),
        ("后天", "2026-03-31T18:05:00+08:00", "2026-04-02"),
        ("tomorrow", "2026-02-28T12:00:00+00:00", "2026-03-01"),
        ("in 3 days", "2026-11-30T10:30:00-05:00", "2026-12-03"),
        ("10天后", "2026-12-25T09:00:00+08:00", "2027-01-04"),
        ("两周内", WED, "2026-12-02"),
        ("12月15日", WED, "2026-12-15"),
        ("3月10号", WED, "2027-03-10"),
        ("Dec 15", WED, "2026-12-15"),
        ("March 15", "2026-02-09T09:30:00-05:00", "2026-03-15"),
        ("12/15", WED, "2026-12-15"),
        ("2027-01-20", WED, "2027-01-20"),
        ("下个月15号", "2026-04-30T20:15:00+08:00", "2026-05-15"),
        ("下周", WED, "2026-11-29"),
        ("五月底", WED, "2027-05-31"),
        ("明年", WED, "2027-12-31"),
    ],
)
def test_resolves_expression(text: str, now: str, expected: str) -> None:
    assert resolve(text, now) == [expected]


def test_friday_is_today_when_today_is_friday() -> None:
    assert resolve("周五", FRI) == ["2026-05-29"]
    assert resolve("Friday", "2026-06-12T08:15:00+00:00") == ["2026-06-12"]


def test_next_weekday_means_next_calendar_week_even_on_monday() -> None:
    # 2026-11-16 is a Monday: next Monday is a week later, plain Monday is today.
    monday = "2026-11-16T09:00:00+08:00"
    assert resolve("next Monday", monday) == ["2026-11-23"]
    assert resolve("Monday", monday) == ["2026-11-16"]


def test_time_zone_of_now_decides_the_day() -> None:
    # 23:30 in New York on Dec 31 is already Jan 1 in UTC; 'tomorrow' follows New York.
    assert resolve("tomorrow", "2026-12-31T23:30:00-05:00") == ["2027-01-01"]
    assert resolve("明天", "2026-12-31T01:00:00+08:00") == ["2027-01-01"]


def test_naive_now_uses_given_time_zone() -> None:
    now = resolve_now("2026-12-31T20:00:00", "Asia/Shanghai")
    assert now.utcoffset() is not None
    assert find_dates("明天", now)[0].value == date(2027, 1, 1)


def test_today_is_flagged_and_numbers_are_not_dates() -> None:
    mentions = find_dates("今天拜访了客户 先上20家门店 三个月试点 24/7 support", resolve_now(WED))
    assert [m.text for m in mentions] == ["今天"]
    assert mentions[0].is_today


def test_several_mentions_in_order() -> None:
    found = resolve("下周三来看演示 预计月底签", WED)
    assert found == ["2026-11-25", "2026-11-30"]
