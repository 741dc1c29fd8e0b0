"""Slack request signature (v0) and timestamp-window verification over the raw body bytes."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Mapping

from connectors.common.errors import RequestRejected


def compute_signature(signing_secret: str, timestamp: str, body: bytes) -> str:
    """`v0=` + hex HMAC-SHA256 over `v0:{timestamp}:{body}` (as Slack signs requests).

    Computed on bytes: slack_sdk's SignatureVerifier decodes the body as UTF-8 first and
    raises on bytes that are not, which would turn a bad request into a 500.
    """
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(signing_secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def verify_request(
    signing_secret: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    window_s: int = 300,
    clock: Callable[[], float] = time.time,
) -> None:
    """Raise RequestRejected(401) unless the body carries a fresh, valid Slack signature."""
    if not signing_secret:
        raise RequestRejected(401, "no signing secret configured")
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp or not signature:
        raise RequestRejected(401, "missing slack signature headers")
    if not timestamp.isdigit():
        raise RequestRejected(401, "bad slack timestamp")
    if abs(clock() - int(timestamp)) > window_s:
        raise RequestRejected(401, "stale slack timestamp")
    expected = compute_signature(signing_secret, timestamp, body)
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        raise RequestRejected(401, "bad slack signature")
