"""DingTalk HTTP callback signature check (HMAC-SHA256 of timestamp and appSecret)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable, Mapping

from connectors.common.errors import RequestRejected


def compute_sign(app_secret: str, timestamp: str) -> str:
    digest = hmac.new(
        app_secret.encode("utf-8"), f"{timestamp}\n{app_secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("ascii")


def verify_request(
    app_secret: str,
    headers: Mapping[str, str],
    *,
    window_ms: int = 3_600_000,
    clock: Callable[[], float] = time.time,
) -> None:
    """Raise RequestRejected(401) unless `timestamp` is fresh and `sign` matches."""
    if not app_secret:
        raise RequestRejected(401, "no app secret configured")
    timestamp = headers.get("timestamp")
    sign = headers.get("sign")
    if not timestamp or not sign or not timestamp.isdigit():
        raise RequestRejected(401, "missing or bad timestamp/sign headers")
    if abs(clock() * 1000 - int(timestamp)) > window_ms:
        raise RequestRejected(401, "stale timestamp")
    expected = compute_sign(app_secret, timestamp)
    if not hmac.compare_digest(expected.encode(), sign.encode("utf-8", "replace")):
        raise RequestRejected(401, "bad sign")
