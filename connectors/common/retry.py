"""Bounded exponential backoff policy shared by the senders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delay before retry `attempt` (1-based): base * factor**(attempt-1), capped.

    A platform-provided Retry-After wins when it is longer. `max_attempts` counts the
    first try, so 4 means one try plus three retries.
    """

    base_s: float = 1.0
    factor: float = 2.0
    max_s: float = 60.0
    max_attempts: int = 4

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        computed = min(self.max_s, self.base_s * self.factor ** max(0, attempt - 1))
        if retry_after is not None:
            return max(computed, retry_after)
        return computed


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (only the delta-seconds form is used by these APIs)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
