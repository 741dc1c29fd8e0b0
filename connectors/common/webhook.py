"""Route-builder helpers: bounded body reading and one place that turns rejections into 4xx."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from fastapi import Request

from connectors.common.errors import RequestRejected
from connectors.types import InboundMessage

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 1_048_576


async def read_body(request: Request, limit: int = DEFAULT_MAX_BODY_BYTES) -> bytes:
    """Read the raw body, refusing (413) anything over `limit` before it is parsed."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise RequestRejected(400, "bad content-length")
        if int(declared) > limit:
            raise RequestRejected(413, "body too large")
    parts: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise RequestRejected(413, "body too large")
        parts.append(chunk)
    return b"".join(parts)


def reject_xml_declarations(raw: bytes) -> None:
    """Platforms never send DTDs; refusing them rules out entity-expansion tricks."""
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise RequestRejected(400, "xml declarations are not accepted")


class InboxUnavailable(Exception):
    """`accept` failed: answer 503 so the platform redelivers instead of losing the message."""


async def hand_over(
    accept: Callable[[InboundMessage], Awaitable[bool]], messages: Sequence[InboundMessage]
) -> None:
    """Await the durable enqueue of every message before the route answers."""
    for message in messages:
        try:
            await accept(message)  # False means duplicate: still a success for the platform
        except Exception as exc:
            log.exception("inbox rejected %s event %s", message.platform, message.event_id)
            raise InboxUnavailable(str(exc)) from exc
