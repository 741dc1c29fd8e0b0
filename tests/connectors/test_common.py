"""Shared connector helpers: byte-safe splitting, rate limiter, backoff."""

from __future__ import annotations

import asyncio

import pytest

from connectors.common.ratelimit import RateLimiter
from connectors.common.retry import Backoff, parse_retry_after
from connectors.common.splitting import split_text
from tests.connectors.fakeapi import FakeClock


def test_hard_cuts_never_split_a_multibyte_character():
    text = "销售😀é漏斗" * 2000  # 3-, 4-, 2-byte characters, no separators at all
    chunks = split_text(text, max_bytes=2048)
    assert "".join(chunks) == text
    for chunk in chunks[:-1]:
        size = len(chunk.encode("utf-8"))
        assert 2044 <= size <= 2048  # filled up to the last whole character


def test_prefers_line_breaks_then_spaces():
    text = "first line of the reply\nsecond line is here\nthird"
    assert split_text(text, max_chars=30) == [
        "first line of the reply",
        "second line is here\nthird",
    ]
    words = "alpha beta gamma delta epsilon"
    assert split_text(words, max_chars=12) == ["alpha beta ", "gamma delta ", "epsilon"]


def test_both_limits_and_edge_cases():
    text = "ab" * 10 + "中" * 10
    for chunk in split_text(text, max_chars=8, max_bytes=12):
        assert len(chunk) <= 8 and len(chunk.encode()) <= 12
    assert split_text("", max_bytes=100) == []
    assert split_text("short", max_bytes=100) == ["short"]
    with pytest.raises(ValueError):
        split_text("x", max_bytes=2)


async def test_limiter_delays_excess_in_order_and_never_drops():
    clock = FakeClock(0.0)
    limiter = RateLimiter(max_events=3, period_s=60, clock=clock, sleep=clock.sleep)
    done: list[tuple[int, float]] = []

    async def one(i: int) -> None:
        await limiter.acquire("u1")
        done.append((i, clock.now))

    await asyncio.gather(*(one(i) for i in range(7)))
    assert [i for i, _ in done] == list(range(7))
    times = [t for _, t in done]
    assert times[:3] == [0.0, 0.0, 0.0]
    assert times[3] >= 60 and times[6] >= 120
    # another key is independent
    assert await limiter.acquire("u2") == 0.0


async def test_limiter_pause_holds_a_key():
    clock = FakeClock(0.0)
    limiter = RateLimiter(max_events=100, period_s=1, clock=clock, sleep=clock.sleep)
    limiter.pause("chat", 30)
    waited = await limiter.acquire("chat")
    assert waited == pytest.approx(30)
    assert await limiter.acquire("chat") == 0.0


def test_backoff_and_retry_after():
    b = Backoff(base_s=1, factor=2, max_s=10, max_attempts=5)
    assert [b.delay(i) for i in range(1, 6)] == [1, 2, 4, 8, 10]
    assert b.delay(1, retry_after=30) == 30
    assert (
        parse_retry_after("7") == 7
        and parse_retry_after("soon") is None
        and parse_retry_after(None) is None
    )
