"""Typed errors raised by connectors: rejected inbound requests and failed deliveries."""

from __future__ import annotations


class RequestRejected(Exception):
    """An inbound request failed verification or parsing; `status` is the 4xx to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class DeliveryError(Exception):
    """A reply could not be delivered after bounded retries.

    The bot catches it, logs it and keeps the reply visible (stored), so nothing is lost
    silently. `retryable` tells whether a later attempt may succeed (rate limit, outage)
    or not (unknown user, bad credentials).
    """

    def __init__(
        self,
        platform: str,
        reason: str,
        *,
        code: str | None = None,
        retryable: bool = False,
        attempts: int = 1,
    ) -> None:
        super().__init__(f"{platform}: {reason}" + (f" (code {code})" if code else ""))
        self.platform = platform
        self.reason = reason
        self.code = code
        self.retryable = retryable
        self.attempts = attempts
