"""Per-destination sliding-window rate limiter that delays (never drops) excess sends."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class RateLimiter:
    """At most `max_events` per `period_s` for each key; `acquire` waits its turn in order.

    Several limits (e.g. 30/min and 1000/h) are expressed by chaining limiters. A key
    can also be paused (`pause`) after the platform says "too frequent".
    """

    def __init__(
        self,
        *,
        max_events: int,
        period_s: float,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if max_events < 1 or period_s <= 0:
            raise ValueError("max_events and period_s must be positive")
        self.max_events = max_events
        self.period_s = period_s
        self._clock = clock
        self._sleep = sleep
        self._windows: dict[str, deque[float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._paused_until: dict[str, float] = {}

    def pause(self, key: str, seconds: float) -> None:
        """Hold every send to `key` for `seconds` (platform rate-limit answer)."""
        until = self._clock() + seconds
        self._paused_until[key] = max(self._paused_until.get(key, 0.0), until)

    async def acquire(self, key: str) -> float:
        """Wait until one more event for `key` is allowed; return the seconds waited."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        waited = 0.0
        async with lock:  # asyncio.Lock is FIFO, so queued sends keep their order
            window = self._windows.setdefault(key, deque())
            while True:
                now = self._clock()
                while window and window[0] <= now - self.period_s:
                    window.popleft()
                delay = self._paused_until.get(key, 0.0) - now
                if len(window) >= self.max_events:
                    delay = max(delay, window[0] + self.period_s - now)
                if delay <= 0:
                    break
                waited += delay
                await self._sleep(delay)
            window.append(self._clock())
            self._paused_until.pop(key, None)
        self._forget_idle()
        return waited

    def _forget_idle(self) -> None:
        # Bound memory: drop keys whose window is empty and nobody is waiting on.
        if len(self._windows) < 4096:
            return
        now = self._clock()
        for key in [k for k, w in self._windows.items() if not w or w[-1] <= now - self.period_s]:
            lock = self._locks.get(key)
            if lock is None or not lock.locked():
                self._windows.pop(key, None)
                self._locks.pop(key, None)


class LimiterChain:
    """Several limiters applied in turn to the same key (e.g. per minute and per hour)."""

    def __init__(self, *limiters: RateLimiter) -> None:
        self.limiters = limiters

    async def acquire(self, key: str) -> float:
        waited = 0.0
        for limiter in self.limiters:
            waited += await limiter.acquire(key)
        return waited

    def pause(self, key: str, seconds: float) -> None:
        for limiter in self.limiters:
            limiter.pause(key, seconds)
